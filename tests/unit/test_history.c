/* test_history.c — the years before the report's (data/history.h): found
 * beside the data file or named in it, read once for their figures, left
 * out with a warning at their first error's position when broken (the
 * published figures then standing in), a file whose year is not its name's,
 * the published figures for the years without a file, a published figure
 * that differs from the computed one, values of different definitions never
 * compared, the window of ten years, and the phrases of the report. The
 * years are variants of tests/data/mini-2024.yaml written to a temporary
 * folder. */
#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/history.h"
#include "data/load.h"

static char dir[64];
static char *mini;   /* tests/data/mini-2024.yaml */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        pr_sb_add(&sb, buf, n);
    fclose(f);
    return pr_sb_steal(&sb);
}

/* text with the first `old` replaced by `new` (heap). */
static char *replaced(const char *text, const char *old, const char *new)
{
    const char *at = strstr(text, old);
    if (!at)
        return pr_strdup(text);
    return pr_asprintf("%.*s%s%s", (int)(at - text), text, new, at + strlen(old));
}

/* mini-2024 as the year `year`, plus `extra` at its end, written to
 * dir/name. */
static void write_year(const char *name, int year, const char *extra)
{
    char *y = pr_asprintf("annee: %d", year);
    char *text = replaced(mini, "annee: 2024", y);
    char *path = pr_asprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    if (extra)
        fputs(extra, f);
    fclose(f);
    free(path);
    free(text);
    free(y);
}

static void remove_all(void)
{
    char *cmd = pr_asprintf("rm -rf '%s'/*", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "rm failed\n");
    free(cmd);
}

/* Everything a run keeps. */
typedef struct run {
    pr_arena arena;
    pr_model *m;
    pr_figures f;
    pr_history h;
    pr_diags d;
} run;

/* Load dir/name, build its model and figures and its history. */
static int open_run(run *r, const char *name)
{
    memset(r, 0, sizeof *r);
    pr_diags_init(&r->d);
    char *path = pr_asprintf("%s/%s", dir, name);
    pr_value *root = pr_load_file(path, PR_FORMAT_AUTO, &r->arena, &r->d);
    r->m = root ? pr_model_build(root, &r->arena, path, &r->d) : NULL;
    if (!r->m) {
        free(path);
        return 0;
    }
    pr_figures_compute(r->m, &r->f);
    pr_diags_free(&r->d);   /* the year's own warnings are not this test's */
    pr_diags_init(&r->d);
    pr_history_build(r->m, &r->f, path, &r->h, &r->d);
    pr_diags_sort(&r->d);
    free(path);
    return 1;
}

static void close_run(run *r)
{
    pr_history_free(&r->h);
    pr_figures_free(&r->f);
    pr_model_free(r->m);
    pr_arena_free(&r->arena);
    pr_diags_free(&r->d);
}

/* The warning whose message contains `part`, or NULL. */
static const pr_diag *warning(const run *r, const char *part)
{
    for (size_t i = 0; i < r->d.n; i++)
        if (strstr(r->d.items[i].msg, part))
            return &r->d.items[i];
    return NULL;
}

/* ---- tests ------------------------------------------------------------------------- */
TEST(one_year)
{
    remove_all();
    write_year("2024.yaml", 2024, NULL);
    run r;
    CHECK(open_run(&r, "2024.yaml"));
    CHECK_INT(r.h.n, 1);
    CHECK(!pr_history_has_past(&r.h));
    CHECK_INT(r.d.n, 0);
    pr_comparison c = pr_history_compare(&r.h, PR_FIG_EVENTS);
    CHECK(!c.has_previous);
    CHECK_INT(c.value, 3);
    char *ph = pr_comparison_phrase(&c);
    CHECK_STR(ph, "");
    free(ph);
    close_run(&r);
}

TEST(two_years_beside)
{
    remove_all();
    write_year("2024.yaml", 2024, NULL);
    write_year("2023.yaml", 2023, NULL);   /* its events are dated 2024: 0 events in 2023 */
    write_year("2024.json", 2020, NULL);   /* never read: not a year before, other extension */
    run r;
    CHECK(open_run(&r, "2024.yaml"));
    CHECK_INT(r.h.n, 2);
    CHECK_INT(r.h.years[0].year, 2023);
    CHECK(r.h.years[0].file && strstr(r.h.years[0].file, "/2023.yaml"));
    CHECK_INT(r.h.years[0].v[PR_FIG_EVENTS].origin, PR_ORIGIN_DATA);
    CHECK_INT(r.d.n, 0);
    pr_comparison c = pr_history_compare(&r.h, PR_FIG_EVENTS);
    CHECK(c.has_previous && c.comparable);
    CHECK_INT(c.previous_year, 2023);
    CHECK_INT(c.previous, 0);
    CHECK_INT(c.change, 3);
    CHECK(!c.has_rate);
    char *ph = pr_comparison_phrase(&c), *ch = pr_comparison_change(&c);
    CHECK_STR(ph, "contre zéro en 2023");
    CHECK_STR(ch, "+3");
    free(ph);
    free(ch);
    c = pr_history_compare(&r.h, PR_FIG_PARTNERS);   /* one joined in 2024 */
    CHECK(c.comparable && c.has_rate);
    CHECK_NEAR(c.rate, 1.0, 1e-12);
    c = pr_history_compare(&r.h, PR_FIG_LOCAL_NETWORKS);   /* the same networks */
    CHECK(c.comparable);
    ph = pr_comparison_change(&c);
    CHECK_STR(ph, "=");
    free(ph);
    CHECK(c.has_rate);
    CHECK_NEAR(c.rate, 0, 1e-12);
    close_run(&r);
}

TEST(published_and_definitions)
{
    remove_all();
    write_year("2024.yaml", 2024,
               "annees_precedentes:\n"
               "  chiffres:\n"
               "    - {annee: 2023, chiffre: personnes_mobilisees, valeur: 300, source: \"R 2023\"}\n"
               "    - {annee: 2023, chiffre: evenements, valeur: 1500, source: \"R 2023\"}\n"
               "    - {annee: 2022, chiffre: personnes_mobilisees, valeur: 90, source: \"R 2022\",\n"
               "       definition: 2}\n"
               "    - {annee: 2014, chiffre: lettres, valeur: 9, source: \"trop ancien\"}\n");
    run r;
    CHECK(open_run(&r, "2024.yaml"));
    CHECK_INT(r.h.n, 3);   /* 2022, 2023, 2024: 2014 is out of the window */
    CHECK_INT(r.h.years[1].v[PR_FIG_PEOPLE].origin, PR_ORIGIN_PUBLISHED);
    CHECK_INT(r.h.years[1].v[PR_FIG_PEOPLE].definition, 1);   /* in force in 2023 */
    CHECK_STR(r.h.years[1].v[PR_FIG_PEOPLE].source, "R 2023");
    CHECK(r.h.years[1].file == NULL);
    pr_comparison c = pr_history_compare(&r.h, PR_FIG_PEOPLE);
    CHECK(c.has_previous && !c.comparable);
    CHECK_INT(c.previous_year, 2023);
    CHECK_INT(c.changed_in, 2024);
    char *ph = pr_comparison_phrase(&c), *ch = pr_comparison_change(&c);
    CHECK_STR(ph, "définition modifiée en 2024\u00a0: non comparable");
    CHECK_STR(ch, "");
    free(ph);
    free(ch);
    /* 2022's value says it follows today's definition: it compares with 2024 */
    CHECK(pr_year_values_comparable(&r.h.years[0].v[PR_FIG_PEOPLE], &r.h.years[2].v[PR_FIG_PEOPLE]));
    CHECK(!pr_year_values_comparable(&r.h.years[0].v[PR_FIG_PEOPLE], &r.h.years[1].v[PR_FIG_PEOPLE]));
    c = pr_history_compare(&r.h, PR_FIG_EVENTS);
    CHECK(c.comparable);
    CHECK_INT(c.change, 3 - 1500);
    ph = pr_comparison_phrase(&c);
    CHECK_STR(ph, "contre 1\u202f500 en 2023");
    free(ph);
    ch = pr_comparison_change(&c);
    CHECK_STR(ch, "\u22121\u202f497");
    free(ch);
    close_run(&r);
}

TEST(broken_previous_year)
{
    remove_all();
    write_year("2024.yaml", 2024,
               "annees_precedentes:\n"
               "  chiffres:\n"
               "    - {annee: 2022, chiffre: evenements, valeur: 2, source: \"R 2022\"}\n");
    write_year("2023.yaml", 2023, NULL);
    write_year("2022.yaml", 2022, NULL);
    /* 2023: an impossible date; 2022: one error more */
    char *path = pr_asprintf("%s/2023.yaml", dir);
    char *t = slurp(path), *b = replaced(t, "date: \"2024-12-05\"", "date: \"2024-02-30\"");
    FILE *f = fopen(path, "wb");
    fputs(b, f);
    fclose(f);
    free(t);
    free(b);
    char *path22 = pr_asprintf("%s/2022.yaml", dir);
    t = slurp(path22);
    b = replaced(t, "date: \"2024-06\"", "date: \"2024-13\"");
    char *b2 = replaced(b, "type: webinaire", "type: webinair");
    f = fopen(path22, "wb");
    fputs(b2, f);
    fclose(f);
    free(t);
    free(b);
    free(b2);
    run r;
    CHECK(open_run(&r, "2024.yaml"));
    CHECK_INT(r.d.n_errors, 0);
    CHECK_INT(r.d.n_warnings, 2);
    const pr_diag *w = warning(&r, "année 2023 laissée de côté");
    CHECK(w != NULL);
    if (w) {
        CHECK_STR(w->pos.file, path);
        CHECK_INT(w->pos.line, 148);
        CHECK(strstr(w->msg, "date impossible") != NULL);
    }
    w = warning(&r, "pour 2022, la comparaison prend les chiffres publiés");
    CHECK(w != NULL);
    if (w) {
        CHECK_STR(w->pos.file, path22);
        CHECK(strstr(w->msg, "(1 autre erreur : planif-rapport --check") != NULL);
    }
    /* 2023 left out; 2022 from its published figure */
    CHECK_INT(r.h.n, 2);
    CHECK_INT(r.h.years[0].year, 2022);
    CHECK_INT(r.h.years[0].v[PR_FIG_EVENTS].origin, PR_ORIGIN_PUBLISHED);
    pr_comparison c = pr_history_compare(&r.h, PR_FIG_EVENTS);
    CHECK_INT(c.previous_year, 2022);
    CHECK_INT(c.previous, 2);
    free(path);
    free(path22);
    close_run(&r);
}

TEST(named_files_and_wrong_years)
{
    remove_all();
    write_year("2024.yaml", 2024,
               "annees_precedentes:\n"
               "  fichiers: [\"archives/deux-mille-vingt.yaml\", \"absent.yaml\"]\n"
               "  chiffres:\n"
               "    - {annee: 2021, chiffre: evenements, valeur: 5, source: \"R 2021\"}\n");
    char *sub = pr_asprintf("%s/archives", dir);
    mkdir(sub, 0755);
    free(sub);
    write_year("archives/deux-mille-vingt.yaml", 2020, NULL);
    write_year("2021.yaml", 2021, NULL);   /* computed: 0 events, the published 5 differs */
    write_year("2019.yaml", 2018, NULL);   /* its name says 2019 */
    write_year("2020.yaml", 2020, NULL);   /* 2020 is already named: not read */
    run r;
    CHECK(open_run(&r, "2024.yaml"));
    CHECK_INT(r.d.n_errors, 0);
    const pr_diag *w = warning(&r, "fichier « absent.yaml » introuvable");
    CHECK(w != NULL);
    if (w)
        CHECK_STR(w->path, "annees_precedentes.fichiers[1]");
    w = warning(&r, "porte sur l'année 2018 et non 2019");
    CHECK(w != NULL);
    if (w)
        CHECK_INT(w->pos.line, 29);
    w = warning(&r, "chiffre publié pour 2021 « evenements » = 5, calculé à partir de");
    CHECK(w != NULL);
    CHECK_INT(r.d.n_warnings, 3);
    CHECK_INT(r.h.n, 3);   /* 2020 (named), 2021 (beside), 2024 */
    CHECK_INT(r.h.years[0].year, 2020);
    CHECK(strstr(r.h.years[0].file, "archives/deux-mille-vingt.yaml") != NULL);
    CHECK_INT(r.h.years[1].v[PR_FIG_EVENTS].origin, PR_ORIGIN_DATA);
    CHECK_INT(r.h.years[1].v[PR_FIG_EVENTS].value, 0);
    close_run(&r);
}

TEST(ten_years_window)
{
    remove_all();
    for (int y = 2010; y <= 2024; y++) {
        char *name = pr_asprintf("%d.yaml", y);
        write_year(name, y, NULL);
        free(name);
    }
    run r;
    CHECK(open_run(&r, "2024.yaml"));
    CHECK_INT(r.h.n, PR_HISTORY_YEARS);
    CHECK_INT(r.h.years[0].year, 2024 - PR_HISTORY_YEARS + 1);
    CHECK_INT(r.d.n, 0);
    for (size_t i = 0; i < r.h.n; i++)
        CHECK_INT(r.h.years[i].year, 2015 + (int)i);
    close_run(&r);
}

/* data/README.md (partie 10) lists every change of definition. */
TEST(readme_lists_definition_changes)
{
    char *readme = slurp("data/README.md");
    CHECK(readme != NULL);
    const char *p10 = readme ? strstr(readme, "\n## 10.") : NULL;
    CHECK(p10 != NULL);
    int rows = 0;
    for (int id = 0; p10 && id < PR_FIG__COUNT; id++)
        for (int v = 2; v <= pr_figure_version((pr_figure_id)id); v++) {
            int year = pr_figure_changed_after((pr_figure_id)id, v - 1, NULL);
            char *row = pr_asprintf("| `%s` | %d | %d |", pr_figure_defs()[id].id, v, year);
            if (!strstr(p10, row))
                UNIT_FAIL("data/README.md, partie 10 : ligne « %s » absente", row);
            free(row);
            rows++;
        }
    CHECK(rows >= 1);
    free(readme);
}

int main(void)
{
    mini = slurp("tests/data/mini-2024.yaml");
    if (!mini) {
        fprintf(stderr, "tests/data/mini-2024.yaml introuvable\n");
        return 1;
    }
    snprintf(dir, sizeof dir, "/tmp/test_history.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    RUN(one_year);
    RUN(two_years_beside);
    RUN(published_and_definitions);
    RUN(broken_previous_year);
    RUN(named_files_and_wrong_years);
    RUN(ten_years_window);
    RUN(readme_lists_definition_changes);
    char *cmd = pr_asprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "rm failed\n");
    free(cmd);
    free(mini);
    pr_sources_free();
    return UNIT_DONE();
}
