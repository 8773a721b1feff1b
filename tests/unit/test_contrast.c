/* test_contrast.c — text on colour is readable (issue 14, item 5; WCAG
 * 2.1, 1.4.3): in the display list of the 2023 report and of the years of
 * tests/years/, composed with the default template and the real fonts,
 * every text operation stands out from what lies under it by a contrast
 * ratio of 4.5:1 or more. What lies under it is pr_doc_backdrop() (the
 * fills drawn before it, blended over the white page) at nine points of
 * the text's box: three across its width, at three heights between the
 * baseline and the cap height. Each failure names the page, the text and
 * the two colours. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/report.h"
#include "data/load.h"
#include "unit.h"

static pr_fontset fonts;
static int quiet;   /* check_doc counts without failing the test */

/* Relative luminance of an sRGB colour (WCAG 2.1). */
static double luminance(pr_rgb c)
{
    double v[3] = {(c >> 16 & 255) / 255.0, (c >> 8 & 255) / 255.0, (c & 255) / 255.0};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double contrast(pr_rgb a, pr_rgb b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* The metrics of the face a text operation uses (by its file). */
static const pr_font_metrics *metrics_of(const pr_doc *doc, int font)
{
    for (int s = 0; s < PR_STYLE_COUNT; s++)
        if (font >= 0 && (size_t)font < doc->n_fonts &&
            !strcmp(pr_fontset_path(&fonts, (pr_style)s), doc->fonts[font]))
            return pr_fontset_metrics(&fonts, (pr_style)s);
    return pr_fontset_metrics(&fonts, PR_STYLE_REGULAR);
}

/* Check every text operation of doc; returns the number of failures. */
static int check_doc(const pr_doc *doc, const char *name, double *worst)
{
    int bad = 0;
    for (size_t pg = 0; pg < doc->n_pages; pg++) {
        const pr_page *p = &doc->pages[pg];
        for (size_t k = 0; k < p->n_ops; k++) {
            const pr_op *op = &p->ops[k];
            if (op->kind != PR_OP_TEXT || !op->u.text.text[0])
                continue;
            const char *t = op->u.text.text;
            const pr_font_metrics *m = metrics_of(doc, op->u.text.font);
            double size = op->u.text.size;
            double w = pr_metrics_width(m, size, t, strlen(t), 1);
            double cap = m->cap_height * size / 1000.0;
            double low = 1e9;
            pr_rgb under = 0;
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) {
                    double x = op->u.text.x + w * (0.1 + 0.4 * i);
                    double y = op->u.text.y - cap * (0.15 + 0.35 * j);
                    pr_rgb b = pr_doc_backdrop(doc, (int)pg, k, x, y);
                    double c = contrast(op->u.text.color, b);
                    if (c < low) {
                        low = c;
                        under = b;
                    }
                }
            if (low < *worst)
                *worst = low;
            if (low < 4.5) {
                if (bad < 12 && !quiet)
                    UNIT_FAIL("%s, page %zu : « %.40s » (%06X sur %06X) : contraste %.2f:1",
                              name, pg + 1, t, (unsigned)op->u.text.color, (unsigned)under, low);
                bad++;
            }
        }
    }
    return bad;
}

/* Compose the report of data file `path` (photos relative to `dir`). */
static pr_doc *report_of(const char *path, const char *dir, pr_diags *d)
{
    pr_arena a = {0};
    const pr_value *root = pr_load_file(path, PR_FORMAT_AUTO, &a, d);
    pr_model *model = root ? pr_model_build(root, &a, path, d) : NULL;
    if (!model) {
        pr_arena_free(&a);
        return NULL;
    }
    pr_figures figures;
    pr_figures_compute(model, &figures);
    pr_template *t = pr_template_load("report-templates/rapport-annuel", d);
    pr_doc *doc = NULL;
    if (t) {
        pr_report_env env = {&fonts, NULL, dir, NULL};
        doc = pr_report_build(t, model, &figures, &env, d);
        pr_template_free(t);
    }
    pr_figures_free(&figures);
    pr_model_free(model);
    pr_arena_free(&a);
    return doc;
}

TEST(text_on_colour_contrast)
{
    const char *years[32];
    char paths[32][300];
    size_t n = 0;
    years[n++] = "data/2023.yaml";
    DIR *dir = opendir("tests/years");
    struct dirent *e;
    while (dir && (e = readdir(dir)) && n < 32) {
        size_t l = strlen(e->d_name);
        if (l > 5 && !strcmp(e->d_name + l - 5, ".yaml")) {
            snprintf(paths[n], sizeof paths[n], "tests/years/%s", e->d_name);
            years[n] = paths[n];
            n++;
        }
    }
    if (dir)
        closedir(dir);
    CHECK(n >= 5);
    for (size_t i = 0; i < n; i++) {
        pr_diags d;
        pr_diags_init(&d);
        pr_doc *doc = report_of(years[i], i == 0 ? "data" : "tests/years", &d);
        if (!doc) {
            UNIT_FAIL("%s : rapport non composé", years[i]);
            pr_diags_print(&d, stderr);
        } else {
            double worst = 21;
            int texts = 0;
            for (size_t pg = 0; pg < doc->n_pages; pg++)
                for (size_t k = 0; k < doc->pages[pg].n_ops; k++)
                    texts += doc->pages[pg].ops[k].kind == PR_OP_TEXT;
            CHECK(texts > 200);
            int bad = check_doc(doc, years[i], &worst);
            if (bad)
                fprintf(stderr, "%s : %d textes sous 4,5:1 (pire %.2f:1)\n", years[i], bad, worst);
        }
        pr_doc_free(doc);
        pr_diags_free(&d);
    }
}

/* The check bites: white on a light blue, dark grey on the primary blue. */
TEST(contrast_check_bites)
{
    pr_doc *doc = pr_doc_new();
    int pg = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_PLAIN);
    int f = pr_doc_font(doc, pr_fontset_path(&fonts, PR_STYLE_BOLD));
    pr_paint light = pr_paint_fill(PR_RGB(0x6A, 0x6A, 0xF4));
    pr_doc_rect(doc, pg, (pr_box){50, 50, 200, 40}, 0, &light);
    pr_doc_text(doc, pg, f, 12, PR_RGB(255, 255, 255), 60, 75, "sur bleu clair");
    pr_paint dark = pr_paint_fill(PR_RGB(0, 0, 0x91));
    pr_doc_rect(doc, pg, (pr_box){50, 150, 200, 40}, 0, &dark);
    pr_doc_text(doc, pg, f, 12, PR_RGB(0x66, 0x66, 0x66), 60, 175, "gris sur bleu");
    pr_doc_text(doc, pg, f, 12, PR_RGB(255, 255, 255), 60, 185, "blanc sur bleu");
    double worst = 21;
    quiet = 1;
    int bad = check_doc(doc, "essai", &worst);
    quiet = 0;
    CHECK_INT(bad, 2);
    CHECK(worst < 3.5);
    pr_doc_free(doc);
}

int main(void)
{
    pr_diags d;
    pr_diags_init(&d);
    if (pr_fontset_load(&fonts, "fonts/fonts.conf", &d)) {
        pr_diags_print(&d, stderr);
        return 1;
    }
    pr_diags_free(&d);
    RUN(contrast_check_bites);
    RUN(text_on_colour_contrast);
    pr_fontset_free(&fonts);
    return UNIT_DONE();
}
