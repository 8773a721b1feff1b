/* fuzz_font.c — fuzzes the TrueType reader (pr_font_load) on arbitrary
 * files, then queries what the layout and the PDF backend use: names,
 * vertical metrics, glyphs, advances and kerning of Latin-1 and common
 * punctuation. Seeds: the Lato faces of fonts-lato (read in place).
 * requires: pr_font_load pr_font_glyph
 * seeds: /usr/share/fonts/truetype/lato
 * options: -max_len=800000 -timeout=20 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "typeset/font.h"
#include "fuzz.h"

static char path[64];

/* Remove the input file at exit. */
static void remove_file(void)
{
    unlink(path);
}

/* The file each input is written to (one per process). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    snprintf(path, sizeof path, "/tmp/pr-fuzz-font-%ld.ttf", (long)getpid());
    atexit(remove_file);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    pr_diags d;
    pr_diags_init(&d);
    pr_font *font = pr_font_load(path, &d);
    if (font) {
        volatile double sink = 0;
        sink += pr_font_units_per_em(font) + pr_font_ascender(font) + pr_font_descender(font);
        sink += pr_font_line_gap(font) + pr_font_cap_height(font) + pr_font_x_height(font);
        const char *s = pr_font_family(font);
        sink += s ? strlen(s) : 0;
        s = pr_font_postscript(font);
        sink += s ? strlen(s) : 0;
        static const unsigned extra[] = {0x2019, 0x2026, 0x202F, 0x20AC, 0x2212, 0x1F600, 0x10FFFF, 0xFFFF};
        unsigned prev = 0;
        for (unsigned i = 0; i < 256 + sizeof extra / sizeof *extra; i++) {
            unsigned cp = i < 256 ? i : extra[i - 256];
            unsigned g = pr_font_glyph(font, cp);
            sink += pr_font_glyph_advance(font, g);
            sink += pr_font_glyph_kerning(font, prev, g);
            prev = g;
        }
        pr_font_metrics m = pr_font_metrics_of(font);
        sink += pr_metrics_width(&m, 10, "Planif Territoires « été »", 29, 0);
        (void)sink;
        pr_font_free(font);
    }
    pr_fuzz_reset(&d);
    return 0;
}
