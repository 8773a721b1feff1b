/* history.c — the years before the report's (history.h): their data files
 * found and read once each, or their published figures, and the
 * comparison of each key figure with its latest earlier value. */
#include "data/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/load.h"
#include "data/value.h"

/* ---- paths ------------------------------------------------------------------ */
/* The folder of a path, with its slash ("data/"), or "" (heap). */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? pr_strndup(path, (size_t)(slash - path + 1)) : pr_strdup("");
}

/* The extension of a path's last component (".yaml"), or "". */
static const char *extension_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot : "";
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The data file of `year` beside the report's (folder + "2022" + an
 * extension: the report's own first, then .yaml, .yml, .json), or NULL
 * (heap). */
static char *beside(const char *folder, const char *own_ext, int year)
{
    const char *exts[] = {own_ext, ".yaml", ".yml", ".json"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        if (!*exts[i] || (i > 0 && !strcmp(exts[i], own_ext)))
            continue;
        char *p = pr_asprintf("%s%d%s", folder, year, exts[i]);
        if (is_file(p))
            return p;
        free(p);
    }
    return NULL;
}

/* ---- one earlier year from its data file ------------------------------------------ */
/* The position of rapport.annee in a loaded tree (the file's start when
 * absent). */
static pr_pos year_pos(const pr_value *root, const char *file)
{
    const pr_value *v = pr_value_get(pr_value_get(root, "rapport"), "annee");
    pr_pos p = {file, 0, 0};
    return v ? v->pos : p;
}

/* The year written in a tree (rapport.annee), or 0. */
static int tree_year(const pr_value *root)
{
    const pr_value *v = pr_value_get(pr_value_get(root, "rapport"), "annee");
    if (!v || v->kind != PR_V_SCALAR)
        return 0;
    int y = 0;
    for (const char *p = v->text; *p; p++) {
        if (*p < '0' || *p > '9' || y > 99999)
            return 0;
        y = y * 10 + (*p - '0');
    }
    return y;
}

/* Does m publish a figure for `year`? */
static int publishes(const pr_model *m, int year)
{
    for (size_t i = 0; i < m->n_published; i++)
        if (m->published[i].year == year)
            return 1;
    return 0;
}

/* The first error of `errs` (in file order) as a warning on d: the year is
 * left out of the comparison (or taken from the published figures, when
 * `fallback`). */
static void left_out(pr_diags *d, pr_diags *errs, int year, const char *file, int fallback)
{
    pr_diags_sort(errs);
    const pr_diag *first = NULL;
    for (size_t i = 0; i < errs->n && !first; i++)
        if (errs->items[i].sev == PR_SEV_ERROR)
            first = &errs->items[i];
    size_t others = errs->n_errors ? errs->n_errors - 1 : 0;
    char *what = !year ? pr_strdup("fichier laissé de côté dans la comparaison")
                 : fallback ? pr_asprintf("pour %d, la comparaison prend les chiffres publiés "
                                          "(annees_precedentes.chiffres)", year)
                            : pr_asprintf("année %d laissée de côté dans la comparaison", year);
    pr_pos p = first ? first->pos : (pr_pos){file, 0, 0};
    const char *why = first ? first->msg : "fichier illisible";
    if (others)
        pr_diag_add(d, PR_SEV_WARNING, PR_DIAG_DATA, p, first ? first->path : NULL,
                    "%s ; %s (%zu autre%s erreur%s : planif-rapport --check %s)", why, what,
                    others, others > 1 ? "s" : "", others > 1 ? "s" : "", file);
    else
        pr_diag_add(d, PR_SEV_WARNING, PR_DIAG_DATA, p, first ? first->path : NULL, "%s ; %s",
                    why, what);
    free(what);
}

/* What reading an earlier file gave. */
typedef struct past_file {
    int ok;                        /* figures computed */
    int year;                      /* its rapport.annee (0: unknown) */
    long values[PR_FIG__COUNT];
} past_file;

/* Read `path` for its figures. `expect` is the year its name says (0 for a
 * file named in the data). Everything wrong becomes one warning on d.
 * Returns its year's figures in *out (out->ok). */
static void read_past(const char *path, int expect, const pr_model *m, pr_diags *d,
                      past_file *out)
{
    int report_year = m->report.year;
    memset(out, 0, sizeof *out);
    pr_arena arena = {0};
    pr_diags errs;
    pr_diags_init(&errs);
    pr_value *root = pr_load_file(path, PR_FORMAT_AUTO, &arena, &errs);
    int year = root ? tree_year(root) : 0;
    pr_model *pm = NULL;
    if (root && !pr_diags_has_errors(&errs))
        pm = pr_model_build_with(root, &arena, path, PR_BUILD_NO_PHOTOS, &errs);
    if (!pm) {
        int y = expect ? expect : year;
        left_out(d, &errs, y, path, y && publishes(m, y));
        goto done;
    }
    year = pm->report.year;
    const pr_value *doc = pm->doc;
    if (expect && year != expect) {
        pr_diag_add(d, PR_SEV_WARNING, PR_DIAG_DATA, year_pos(doc, path), "rapport.annee",
                    "le fichier « %s » porte sur l'année %d et non %d comme son nom : il est "
                    "laissé de côté dans la comparaison", path, year, expect);
        goto done;
    }
    if (year >= report_year) {
        pr_diag_add(d, PR_SEV_WARNING, PR_DIAG_DATA, year_pos(doc, path), "rapport.annee",
                    "le fichier « %s » porte sur l'année %d, qui n'est pas antérieure à celle du "
                    "rapport (%d) : il est laissé de côté dans la comparaison", path, year,
                    report_year);
        goto done;
    }
    pr_figures pf;
    pr_figures_compute(pm, &pf);
    for (size_t i = 0; i < pf.n && i < PR_FIG__COUNT; i++)
        out->values[i] = pf.items[i].value;
    pr_figures_free(&pf);
    out->ok = 1;
done:
    out->year = year;
    pr_model_free(pm);
    pr_arena_free(&arena);
    pr_diags_free(&errs);
}

/* ---- the history --------------------------------------------------------------- */
/* The slot of `year` in h (kept sorted), added when absent. */
static pr_history_year *slot(pr_history *h, size_t *cap, int year)
{
    size_t i = 0;
    while (i < h->n && h->years[i].year < year)
        i++;
    if (i < h->n && h->years[i].year == year)
        return &h->years[i];
    if (h->n == *cap) {
        *cap = *cap ? 2 * *cap : PR_HISTORY_YEARS + 1;
        h->years = pr_realloc(h->years, *cap * sizeof *h->years);
    }
    memmove(&h->years[i + 1], &h->years[i], (h->n - i) * sizeof *h->years);
    h->n++;
    memset(&h->years[i], 0, sizeof h->years[i]);
    h->years[i].year = year;
    return &h->years[i];
}

/* The position of annees_precedentes.fichiers[i] in the data file. */
static pr_pos named_pos(const pr_model *m, size_t i)
{
    const pr_value *l = pr_value_get(pr_value_get(m->doc, "annees_precedentes"), "fichiers");
    if (l && l->kind == PR_V_SEQ && i < l->n)
        return l->items[i]->pos;
    return (pr_pos){m->source_file, 0, 0};
}

static void put_file_values(pr_history *h, pr_history_year *y, const char *path,
                            const past_file *pf)
{
    y->file = pr_arena_strdup(&h->arena, path);
    for (int k = 0; k < PR_FIG__COUNT; k++) {
        y->v[k].origin = PR_ORIGIN_DATA;
        y->v[k].value = pf->values[k];
        y->v[k].definition = pr_figure_version((pr_figure_id)k);
        y->v[k].source = y->file;
    }
}

void pr_history_build(const pr_model *m, const pr_figures *f, const char *data_path,
                      pr_history *out, pr_diags *d)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    int year = m->report.year, first = year - (PR_HISTORY_YEARS - 1);
    int from_stdin = !data_path || !strcmp(data_path, "-");
    char *folder = from_stdin ? pr_strdup("") : folder_of(data_path);

    /* the report's year */
    pr_history_year *cur = slot(out, &cap, year);
    cur->file = pr_arena_strdup(&out->arena, m->source_file);
    for (size_t k = 0; k < f->n && k < PR_FIG__COUNT; k++) {
        cur->v[k].origin = PR_ORIGIN_DATA;
        cur->v[k].value = f->items[k].value;
        cur->v[k].definition = pr_figure_version((pr_figure_id)k);
        cur->v[k].source = cur->file;
    }

    /* the files the data names, then those beside it */
    int have[PR_HISTORY_YEARS] = {0};
    for (size_t i = 0; i < m->past_files.n; i++) {
        const char *rel = m->past_files.items[i];
        char *path = rel[0] == '/' ? pr_strdup(rel) : pr_asprintf("%s%s", folder, rel);
        if (!is_file(path)) {
            pr_pos p = named_pos(m, i);
            char *dp = pr_asprintf("annees_precedentes.fichiers[%zu]", i);
            pr_diag_add(d, PR_SEV_WARNING, PR_DIAG_DATA, p, dp,
                        "fichier « %s » introuvable (cherché à %s) : laissé de côté dans la "
                        "comparaison", rel, path);
            free(dp);
            free(path);
            continue;
        }
        past_file pf;
        read_past(path, 0, m, d, &pf);
        if (pf.ok && pf.year < first) {
            pr_pos p = named_pos(m, i);
            char *dp = pr_asprintf("annees_precedentes.fichiers[%zu]", i);
            pr_diag_add(d, PR_SEV_WARNING, PR_DIAG_DATA, p, dp,
                        "« %s » porte sur l'année %d : le rapport compare les %d années %d à %d, "
                        "il est laissé de côté", rel, pf.year, PR_HISTORY_YEARS, first, year);
            free(dp);
        } else if (pf.ok && have[pf.year - first]) {
            pr_pos p = named_pos(m, i);
            char *dp = pr_asprintf("annees_precedentes.fichiers[%zu]", i);
            pr_diag_add(d, PR_SEV_WARNING, PR_DIAG_DATA, p, dp,
                        "« %s » porte sur l'année %d, déjà donnée par un autre fichier : il est "
                        "laissé de côté", rel, pf.year);
            free(dp);
        } else if (pf.ok) {
            have[pf.year - first] = 1;
            put_file_values(out, slot(out, &cap, pf.year), path, &pf);
        }
        if (pf.year >= first && pf.year < year)
            have[pf.year - first] |= 2;   /* a file was given for it, good or not */
        free(path);
    }
    if (!from_stdin) {
        const char *ext = extension_of(data_path);
        for (int y = year - 1; y >= first; y--) {
            if (have[y - first])
                continue;
            char *path = beside(folder, ext, y);
            if (!path)
                continue;
            past_file pf;
            read_past(path, y, m, d, &pf);
            if (pf.ok)
                put_file_values(out, slot(out, &cap, y), path, &pf);
            free(path);
        }
    }

    /* the published figures, for the values no file gave */
    for (size_t i = 0; i < m->n_published; i++) {
        const pr_published *p = &m->published[i];
        const pr_figure_def *def = pr_figure_def_find(p->figure);
        if (!def || p->year < first || p->year >= year)
            continue;
        pr_history_year *y = slot(out, &cap, p->year);
        pr_year_value *v = &y->v[def->key];
        if (v->origin == PR_ORIGIN_DATA) {
            if (v->value != p->value) {
                char *dp = pr_asprintf("annees_precedentes.chiffres[%zu]", i);
                pr_diag_add(d, PR_SEV_WARNING, PR_DIAG_DATA, p->pos, dp,
                            "chiffre publié pour %d « %s » = %ld, calculé à partir de « %s » = "
                            "%ld : le chiffre calculé est retenu", p->year, p->figure, p->value,
                            y->file, v->value);
                free(dp);
            }
            continue;
        }
        v->origin = PR_ORIGIN_PUBLISHED;
        v->value = p->value;
        v->definition = p->definition ? p->definition : pr_figure_version_in(def->key, p->year);
        v->source = pr_arena_strdup(&out->arena, p->where);
    }
    free(folder);
}

void pr_history_free(pr_history *h)
{
    free(h->years);
    pr_arena_free(&h->arena);
    memset(h, 0, sizeof *h);
}

int pr_history_figure_has_past(const pr_history *h, pr_figure_id id)
{
    for (size_t i = 0; i + 1 < h->n; i++)
        if (h->years[i].v[id].origin != PR_ORIGIN_NONE)
            return 1;
    return 0;
}

int pr_history_has_past(const pr_history *h)
{
    for (int k = 0; k < PR_FIG__COUNT; k++)
        if (pr_history_figure_has_past(h, (pr_figure_id)k))
            return 1;
    return 0;
}

int pr_year_values_comparable(const pr_year_value *a, const pr_year_value *b)
{
    return a->origin != PR_ORIGIN_NONE && b->origin != PR_ORIGIN_NONE &&
           a->definition == b->definition;
}

pr_comparison pr_history_compare(const pr_history *h, pr_figure_id id)
{
    pr_comparison c;
    memset(&c, 0, sizeof c);
    c.id = id;
    if (!h->n)
        return c;
    const pr_year_value *now = &h->years[h->n - 1].v[id];
    c.value = now->value;
    for (size_t i = h->n - 1; i-- > 0;) {
        const pr_year_value *v = &h->years[i].v[id];
        if (v->origin == PR_ORIGIN_NONE)
            continue;
        c.has_previous = 1;
        c.previous_year = h->years[i].year;
        c.previous = v->value;
        c.previous_origin = v->origin;
        c.previous_source = v->source;
        c.comparable = pr_year_values_comparable(v, now);
        if (c.comparable) {
            c.change = c.value - c.previous;
            if (c.previous > 0) {
                c.has_rate = 1;
                c.rate = (double)c.change / (double)c.previous;
            }
        } else {
            c.changed_in = pr_figure_changed_after(id, v->definition, &c.changed_what);
        }
        break;
    }
    return c;
}

/* A number in French: "1 234" with narrow no-break spaces. */
static void put_number(pr_strbuf *sb, long v)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%ld", v < 0 ? -v : v);
    if (v < 0)
        pr_sb_puts(sb, "\u2212");
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            pr_sb_puts(sb, "\u202f");
        pr_sb_putc(sb, digits[i]);
    }
}

char *pr_comparison_phrase(const pr_comparison *c)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    if (c->has_previous && c->comparable) {
        /* "contre zéro": a 0 before a word reads as a missing count */
        pr_sb_puts(&sb, "contre ");
        if (c->previous == 0)
            pr_sb_puts(&sb, "zéro");
        else
            put_number(&sb, c->previous);
        pr_sb_printf(&sb, " en %d", c->previous_year);
    } else if (c->has_previous) {
        if (c->changed_in)
            pr_sb_printf(&sb, "définition modifiée en %d\u00a0: non comparable", c->changed_in);
        else
            pr_sb_puts(&sb, "définition modifiée\u00a0: non comparable");
    }
    return pr_sb_steal(&sb);
}

char *pr_comparison_change(const pr_comparison *c)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    if (c->has_previous && c->comparable) {
        if (c->change > 0)
            pr_sb_putc(&sb, '+');
        if (c->change == 0)
            pr_sb_puts(&sb, "=");
        else
            put_number(&sb, c->change);
    }
    return pr_sb_steal(&sb);
}
