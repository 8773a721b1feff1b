/* fuzz_text.c — fuzzes the text engine: inline markup (pr_markup_parse,
 * with and without French typography), hyphenation and paragraph
 * composition (pr_para_layout, pr_para_fit) on arbitrary UTF-8 or invalid
 * text, with the real Lato faces (fonts/fonts.conf) and French patterns
 * when installed, else a fake monospace set.
 * The first 4 bytes choose the box: width, alignment, options, line limit.
 * requires: pr_markup_parse pr_para_layout pr_para_fit pr_fontset_load pr_hyph_load
 * dict: template
 * options: -max_len=4096 */
#include <assert.h>
#include <stdlib.h>

#include "typeset/font.h"
#include "fuzz.h"
#include "typeset/hyph.h"
#include "typeset/text.h"

#ifndef PR_FUZZ_ROOT
#define PR_FUZZ_ROOT "."
#endif

static pr_fontset real_fonts, fake_fonts;
static int have_real;
static pr_hyph *hyph;

/* Load the faces and the patterns once for the whole run. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    pr_diags d;
    pr_diags_init(&d);
    have_real = pr_fontset_load(&real_fonts, PR_FUZZ_ROOT "/fonts/fonts.conf", &d) == 0;
    hyph = pr_hyph_load(NULL, &d);
    pr_fontset_fake(&fake_fonts, 500);
    pr_fuzz_reset(&d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    double width = 10 + data[0] * 2;                 /* 10 .. 520 pt */
    pr_align align = (pr_align)(data[1] & 3);
    unsigned opt = data[2];
    int max_lines = data[3] % 6;
    const char *src = (const char *)data + 4;
    size_t len = size - 4;
    const pr_fontset *fs = (opt & 1) && have_real ? &real_fonts : &fake_fonts;

    pr_diags d;
    pr_diags_init(&d);
    pr_rich rich;
    pr_rich_init(&rich);
    pr_markup_opts mo = {0};
    mo.base = pr_span_default();
    mo.base.size = 6 + (opt >> 4);                   /* 6 .. 21 pt */
    static const pr_color blue = {0, 0, 1};
    mo.link_color = (opt & 2) ? &blue : NULL;
    mo.flags = (opt & 4) ? PR_MARKUP_TYPO : 0;
    mo.pos.file = "fuzz.txt";
    mo.pos.line = 1;
    mo.pos.col = 1;
    pr_markup_parse(&rich, src, len, &mo, &d);

    pr_para_opts po = pr_para_opts_default(width);
    po.align = align;
    po.max_lines = max_lines;
    po.hyph = (opt & 8) ? hyph : NULL;
    po.kerning = (opt & 1) != 0;
    pr_para p = {0};
    pr_para_layout(&p, &rich, fs, &po);
    /* text.h: "an empty text gives one empty line"; a rich text without
     * spans (empty markup) gives none, which callers must accept */
    assert(p.n_lines >= 1 || rich.n == 0);
    assert(!max_lines || p.n_lines <= (size_t)max_lines);
    pr_para_free(&p);
    if (opt & 0x80) {
        pr_para q = {0};
        pr_fit fit = pr_para_fit(&q, &rich, fs, &po, 20 + data[0], 5, 14);
        assert(fit.size >= 5 - 1e-9 && fit.size <= 14 + 1e-9);
        pr_para_free(&q);
    }
    char *plain = pr_rich_plain(&rich);
    free(plain);
    pr_rich_free(&rich);
    pr_fuzz_reset(&d);
    return 0;
}
