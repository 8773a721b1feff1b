/* test_text.c — rich text, markup and paragraph composition with a fake
 * monospace font (every glyph 500/1000 em: 5 pt at 10 pt). */
#include <stdlib.h>

#include "hyph.h"
#include "text.h"
#include "unit.h"

static pr_fontset fake;

/* Lay out plain markup text at width w with alignment al. */
static void layout(pr_para *p, const char *src, double w, pr_align al, const pr_hyph *h)
{
    pr_rich r;
    pr_rich_init(&r);
    pr_markup_opts mo;
    memset(&mo, 0, sizeof mo);
    mo.base = pr_span_default();
    pr_markup_parse(&r, src, strlen(src), &mo, NULL);
    pr_para_opts o = pr_para_opts_default(w);
    o.align = al;
    o.hyph = h;
    pr_para_layout(p, &r, &fake, &o);
    pr_rich_free(&r);
}

/* The text of line i: runs joined with '_' when apart, as drawn. */
static const char *line_text(const pr_para *p, size_t i)
{
    static char buf[512];
    buf[0] = '\0';
    if (i >= p->n_lines)
        return "(absente)";
    for (size_t j = 0; j < p->lines[i].n_runs; j++) {
        if (j)
            strcat(buf, "_");
        strcat(buf, p->lines[i].runs[j].text);
    }
    return buf;
}

TEST(ragged_exact_breaks)
{
    pr_para p;
    /* 100 pt = 20 characters per line */
    layout(&p, "Le réseau accompagne les territoires dans leur démarche.", 100,
           PR_ALIGN_LEFT, NULL);
    CHECK_INT(p.n_lines, 3);
    CHECK_STR(line_text(&p, 0), "Le réseau accompagne");
    CHECK_STR(line_text(&p, 1), "les territoires dans");
    CHECK_STR(line_text(&p, 2), "leur démarche.");
    CHECK_NEAR(p.lines[0].width, 100, 1e-9);
    CHECK_NEAR(p.lines[2].width, 70, 1e-9);
    CHECK_NEAR(p.lines[0].height, 13, 1e-9);
    CHECK_NEAR(p.height, 39, 1e-9);
    CHECK_NEAR(p.lines[0].baseline, 9.5, 1e-9);   /* 1.5 half-leading + 8 ascent */
    pr_para_free(&p);
}

TEST(justified_fill_width)
{
    pr_para p;
    pr_hyph *h = pr_hyph_load(NULL, NULL);
    CHECK(h != NULL);
    layout(&p, "La planification écologique territoriale est une démarche qui associe les "
               "collectivités, l'État et les acteurs locaux pour organiser la transition "
               "écologique à l'échelle des territoires.", 200, PR_ALIGN_JUSTIFY, h);
    CHECK(p.n_lines >= 3);
    for (size_t i = 0; i < p.n_lines; i++) {
        const pr_line *l = &p.lines[i];
        double end = l->runs[l->n_runs - 1].x + l->runs[l->n_runs - 1].width;
        if (i + 1 < p.n_lines) {
            CHECK_NEAR(end, 200, 0.01);
            CHECK(l->ratio <= 1.0 + 1e-9 && l->ratio >= -1.0 - 1e-9);
        } else {
            CHECK(end < 200);
            CHECK_NEAR(l->ratio, 0, 0);
        }
        CHECK(l->runs[0].text[0] != ';');
    }
    pr_para_free(&p);
    pr_hyph_free(h);
}

int main(void)
{
    pr_fontset_fake(&fake, 500);
    RUN(ragged_exact_breaks);
    RUN(justified_fill_width);
    return UNIT_DONE();
}
