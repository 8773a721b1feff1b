/* test_chart.c — the key figures over the years (compose/chart.h), checked
 * on the geometry the chart reports and on the display-list operations it
 * produces: everything inside its box, bars proportional to their values
 * within a row, labels that overlap neither one another nor the bars, the
 * years in order, « n.d. » where a year has no value, another definition
 * drawn apart with its note, nothing at all with a single year, texts
 * that contrast with the background, and the alternative text. */
#include "unit.h"

#include <stdlib.h>

#include "compose/chart.h"

/* ---- histories made by hand ----------------------------------------------------- */
/* A history of years y0..y1 (the last is the report's); every figure of
 * every year computed from a data file with value base + k * step for the
 * k-th year. */
static pr_history history(int y0, int y1, long base, long step)
{
    pr_history h;
    memset(&h, 0, sizeof h);
    h.n = (size_t)(y1 - y0 + 1);
    h.years = calloc(h.n, sizeof *h.years);
    for (size_t k = 0; k < h.n; k++) {
        h.years[k].year = y0 + (int)k;
        h.years[k].file = "annee.yaml";
        for (int id = 0; id < PR_FIG__COUNT; id++) {
            h.years[k].v[id].origin = PR_ORIGIN_DATA;
            h.years[k].v[id].value = base + (long)k * step + id;
            h.years[k].v[id].definition = pr_figure_version((pr_figure_id)id);
            h.years[k].v[id].source = "annee.yaml";
        }
    }
    return h;
}

static const pr_chart_row ROWS[] = {
    {PR_FIG_EVENTS, NULL},
    {PR_FIG_PEOPLE, NULL},
    {PR_FIG_LOCAL_NETWORKS, NULL},
    {PR_FIG_DEPARTEMENTS_COVERED, NULL},
    {PR_FIG_NEWSLETTERS, NULL},
};
#define N_ROWS (sizeof ROWS / sizeof ROWS[0])

static int inside(pr_box in, pr_box out)
{
    const double e = 0.01;
    return in.x >= out.x - e && in.y >= out.y - e && in.x + in.w <= out.x + out.w + e &&
           in.y + in.h <= out.y + out.h + e;
}

static int overlap(pr_box a, pr_box b)
{
    return a.w > 0 && b.w > 0 && a.h > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w &&
           a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Is there a text operation equal to s / containing s on page 0? */
static int has_text(const pr_doc *doc, const char *s, int whole)
{
    const pr_page *pg = &doc->pages[0];
    for (size_t i = 0; i < pg->n_ops; i++)
        if (pg->ops[i].kind == PR_OP_TEXT &&
            (whole ? !strcmp(pg->ops[i].u.text.text, s) : strstr(pg->ops[i].u.text.text, s) != NULL))
            return 1;
    return 0;
}

/* Draw the chart at width w into a new page; the frame is its box. */
static pr_doc *draw(const pr_history *h, const pr_chart_row *rows, size_t n, double w,
                    pr_chart_info *info, pr_box *frame)
{
    pr_doc *doc = pr_doc_new();
    pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_CONTENT);
    pr_chart_style st = pr_chart_style_default(0, 1);
    double hgt = pr_chart_height(h, rows, n, w, &st);
    *frame = (pr_box){40, 60, w, hgt};
    pr_chart_draw(doc, 0, *frame, h, rows, n, &st, info);
    return doc;
}

/* Every geometric promise of the chart, on one drawing. */
static void check_geometry(const pr_chart_info *in, pr_box frame)
{
    CHECK(in->height > 0);
    CHECK_NEAR(in->height, frame.h, 0.01);
    CHECK(inside(in->title, frame));
    CHECK(inside(in->notes, frame));
    for (size_t r = 0; r < in->n_rows; r++) {
        CHECK(inside(in->label[r], frame));
        CHECK(inside(in->plot[r], frame));
        CHECK(!overlap(in->label[r], in->plot[r]));
        /* proportional: height / value is the same for every bar of the row */
        double ratio = -1;
        for (size_t k = 0; k < in->n_years; k++) {
            CHECK(inside(in->bar[r][k], frame));
            CHECK(inside(in->value_label[r][k], frame));
            CHECK(inside(in->bar[r][k], in->plot[r]) || in->bar[r][k].h == 0);
            if (in->has_value[r][k] && in->value[r][k] > 0) {
                double q = in->bar[r][k].h / (double)in->value[r][k];
                if (ratio < 0)
                    ratio = q;
                CHECK_NEAR(q, ratio, 1e-6);
            }
            if (in->has_value[r][k] && in->value[r][k] == 0)
                CHECK_NEAR(in->bar[r][k].h, 0, 1e-9);
            /* a label sits above its bar, and clear of every other */
            CHECK(in->value_label[r][k].y + in->value_label[r][k].h <= in->bar[r][k].y + 0.01 ||
                  in->bar[r][k].h == 0);
            for (size_t r2 = 0; r2 < in->n_rows; r2++)
                for (size_t k2 = 0; k2 < in->n_years; k2++) {
                    if ((r2 != r || k2 != k) && overlap(in->value_label[r][k], in->value_label[r2][k2]))
                        UNIT_FAIL("valeurs [%zu][%zu] et [%zu][%zu] superposées", r, k, r2, k2);
                    if (overlap(in->value_label[r][k], in->bar[r2][k2]))
                        UNIT_FAIL("valeur [%zu][%zu] sur la barre [%zu][%zu]", r, k, r2, k2);
                }
            for (size_t k2 = 0; k2 < in->n_years; k2++)
                if (overlap(in->value_label[r][k], in->year_label[k2]))
                    UNIT_FAIL("valeur [%zu][%zu] sur l'année %zu", r, k, k2);
            CHECK(!overlap(in->value_label[r][k], in->label[r]));
        }
    }
    for (size_t r = 0; r < in->n_rows; r++) {
        CHECK(inside(in->change[r], frame));
        for (size_t r2 = 0; r2 < in->n_rows; r2++) {
            if (r2 != r && overlap(in->change[r], in->change[r2]))
                UNIT_FAIL("écarts %zu et %zu superposés", r, r2);
            CHECK(!overlap(in->change[r], in->plot[r2]));
            for (size_t k = 0; k < in->n_years; k++)
                CHECK(!overlap(in->change[r], in->value_label[r2][k]));
        }
    }
    CHECK(inside(in->change_head, frame));
    for (size_t k = 0; k < in->n_years; k++) {
        CHECK(!overlap(in->change_head, in->year_label[k]));
        CHECK(inside(in->year_label[k], frame));
        if (k) {
            CHECK(in->years[k] > in->years[k - 1]);
            CHECK(!overlap(in->year_label[k], in->year_label[k - 1]));
            CHECK(in->year_label[k].x > in->year_label[k - 1].x);
        }
    }
}

/* ---- tests --------------------------------------------------------------------------- */
TEST(two_years)
{
    pr_history h = history(2022, 2023, 3, 2);
    pr_chart_info in;
    pr_box frame;
    pr_doc *doc = draw(&h, ROWS, N_ROWS, 480, &in, &frame);
    CHECK_INT(in.n_rows, 5);
    CHECK_INT(in.n_years, 2);
    CHECK_INT(in.years[0], 2022);
    CHECK_INT(in.years[1], 2023);
    check_geometry(&in, frame);
    CHECK(has_text(doc, "Évolution des chiffres clés, 2022\u20132023", 1));
    CHECK(has_text(doc, "2022", 1));
    CHECK(has_text(doc, "Sources", 0));
    /* the taller bar is the larger value: events 3 then 5 */
    CHECK(in.bar[0][1].h > in.bar[0][0].h);
    CHECK_NEAR(in.bar[0][0].h / in.bar[0][1].h, 3.0 / 5.0, 1e-9);
    /* the change since 2022, and its rate */
    CHECK(in.change[0].w > 0);
    CHECK(has_text(doc, "+2", 1));
    CHECK(has_text(doc, "+67\u202f%", 1));
    CHECK(has_text(doc, "écart", 1));
    pr_doc_free(doc);
    free(h.years);
}

TEST(ten_years)
{
    pr_history h = history(2014, 2023, 7, 131);   /* up to 4-digit values */
    h.years[3].v[PR_FIG_PEOPLE].value = 0;        /* a zero among them */
    pr_chart_info in;
    pr_box frame;
    pr_doc *doc = draw(&h, ROWS, N_ROWS, 480, &in, &frame);
    CHECK_INT(in.n_years, 10);
    check_geometry(&in, frame);
    CHECK(has_text(doc, "1\u202f", 0));           /* thousands with a narrow space */
    pr_doc_free(doc);
    /* narrow: values shrink, then alternate; still no overlap */
    for (double w = 200; w <= 600; w += 50) {
        doc = draw(&h, ROWS, N_ROWS, w, &in, &frame);
        check_geometry(&in, frame);
        pr_doc_free(doc);
    }
    for (size_t k = 0; k < h.n; k++)
        for (int id = 0; id < PR_FIG__COUNT; id++)
            h.years[k].v[id].value = 123456789 + (long)k;   /* very large values */
    doc = draw(&h, ROWS, N_ROWS, 300, &in, &frame);
    CHECK(in.staggered || in.value_size < 7.5);
    check_geometry(&in, frame);
    pr_doc_free(doc);
    free(h.years);
}

TEST(single_year_draws_nothing)
{
    pr_history h = history(2023, 2023, 4, 0);
    pr_chart_style st = pr_chart_style_default(0, 1);
    CHECK_NEAR(pr_chart_height(&h, ROWS, N_ROWS, 480, &st), 0, 0);
    pr_doc *doc = pr_doc_new();
    pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_CONTENT);
    pr_chart_info in;
    pr_chart_draw(doc, 0, (pr_box){40, 60, 480, 200}, &h, ROWS, N_ROWS, &st, &in);
    CHECK_INT(doc->pages[0].n_ops, 0);
    CHECK_INT(in.n_rows, 0);
    char *alt = pr_chart_alt(&h, ROWS, N_ROWS, &st);
    CHECK_STR(alt, "");
    free(alt);
    pr_doc_free(doc);
    free(h.years);
    /* earlier years with values only for figures the chart does not show */
    h = history(2022, 2023, 4, 1);
    for (int id = 0; id < PR_FIG__COUNT; id++)
        if (id != PR_FIG_PARTNERS)
            h.years[0].v[id].origin = PR_ORIGIN_NONE;
    CHECK_NEAR(pr_chart_height(&h, ROWS, N_ROWS, 480, &st), 0, 0);
    free(h.years);
}

TEST(missing_values_and_other_definition)
{
    pr_history h = history(2021, 2024, 10, 5);
    /* 2022 published: only the newsletters, others unknown */
    h.years[1].file = NULL;
    for (int id = 0; id < PR_FIG__COUNT; id++)
        if (id != PR_FIG_NEWSLETTERS)
            h.years[1].v[id].origin = PR_ORIGIN_NONE;
    /* 2023's people published under the first definition (changed in 2024) */
    h.years[2].v[PR_FIG_PEOPLE].origin = PR_ORIGIN_PUBLISHED;
    h.years[2].v[PR_FIG_PEOPLE].definition = 1;
    CHECK(pr_figure_version(PR_FIG_PEOPLE) > 1);
    pr_chart_info in;
    pr_box frame;
    pr_doc *doc = draw(&h, ROWS, N_ROWS, 480, &in, &frame);
    check_geometry(&in, frame);
    CHECK(!in.has_value[0][1]);
    CHECK_NEAR(in.bar[0][1].h, 0, 0);
    CHECK(has_text(doc, "n.d.", 1));
    CHECK(has_text(doc, "n.d.\u00a0: chiffre non disponible", 0));
    CHECK(!in.comparable[1][2]);
    CHECK(in.comparable[1][3]);
    CHECK(in.comparable[0][2]);
    CHECK(has_text(doc, "définition modifiée en 2024", 0));
    CHECK(has_text(doc, "non comparable", 1));
    CHECK(in.change[1].w > 0);
    char *star = pr_asprintf("%ld*", h.years[2].v[PR_FIG_PEOPLE].value);
    CHECK(has_text(doc, star, 1));
    free(star);
    pr_chart_style st = pr_chart_style_default(0, 1);
    char *alt = pr_chart_alt(&h, ROWS, N_ROWS, &st);
    CHECK(strstr(alt, "Lettres d'info publiées\u00a0: ") != NULL);
    CHECK(strstr(alt, "non disponible en 2022") != NULL);
    CHECK(strstr(alt, "(autre définition)") != NULL);
    CHECK(strstr(alt, "définition modifiée en 2024\u00a0: non comparable") != NULL);
    free(alt);
    pr_doc_free(doc);
    free(h.years);
}

TEST(contrast)
{
    pr_chart_style st = pr_chart_style_default(0, 1);
    CHECK(pr_map_contrast(st.text, st.background) >= 4.5);
    CHECK(pr_map_contrast(st.muted, st.background) >= 4.5);
    CHECK(pr_map_contrast(st.muted, PR_RGB(0xF6, 0xF6, 0xF6)) >= 4.5);   /* the map's frame */
    CHECK(pr_map_contrast(st.bar_past, st.background) >= 2.0);           /* told apart */
    CHECK(pr_map_contrast(st.bar, st.bar_past) >= 2.0);
}

TEST(alt_text)
{
    pr_history h = history(2022, 2023, 6, 3);
    /* values set here, not derived from the figure's rank in the table */
    h.years[0].v[PR_FIG_NEWSLETTERS].value = 17;
    h.years[1].v[PR_FIG_NEWSLETTERS].value = 20;
    pr_chart_style st = pr_chart_style_default(0, 1);
    const pr_chart_row rows[] = {{PR_FIG_EVENTS, "Événements"}, {PR_FIG_NEWSLETTERS, NULL}};
    char *alt = pr_chart_alt(&h, rows, 2, &st);
    CHECK_STR(alt, "Évolution des chiffres clés, 2022\u20132023. Événements\u00a0: 6 en 2022, "
                   "9 en 2023 (+3 depuis 2022). Lettres d'info publiées\u00a0: 17 en 2022, 20 en "
                   "2023 (+3 depuis 2022).");
    free(alt);
    free(h.years);
}

int main(void)
{
    RUN(two_years);
    RUN(ten_years);
    RUN(single_year_draws_nothing);
    RUN(missing_values_and_other_definition);
    RUN(contrast);
    RUN(alt_text);
    return UNIT_DONE();
}
