/* sheets_evolution.c — Évolution (see sheets_evolution.h). */
#include "annex/sheets_evolution.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "annex/sheets_summary.h"
#include "data/history.h"

const char *const annex_evo_before_headers[EVO__BEFORE] = {"Id", "Libellé", "Unité"};
const char *const annex_evo_after_headers[EVA__N] = {
    "Comparée à", "Valeur de comparaison", "Comparable", "Écart", "Évolution", "Motif",
};
const char *const annex_es_headers[ES__N] = {"Année", "Source", "Chiffre", "Origine"};

/* The name of a path without its folders: the annex never shows a folder. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* The sheet's columns: the figure, one per year, the comparison. */
typedef struct evo_cols {
    const char **headers;
    size_t n_years, n;
    unsigned first_year, current, after;
} evo_cols;

/* Column `col` of the main table on the formula's own row. */
static const char *this_col(annex_book *b, const evo_cols *c, unsigned col)
{
    return book_printf(b, "%s[[#This Row],[%s]]", b->sheets[SH_EVOLUTION].table_name,
                       c->headers[col]);
}

/* The latest earlier year's value (want_year = 0) or year (1), as nested
 * IFs over the earlier years' columns, the latest outermost: ="" when no
 * earlier year has a value. */
static const char *latest_formula(annex_book *b, const evo_cols *c, const int *years,
                                  int want_year)
{
    const char *f = "\"\"";
    for (size_t i = 0; i + 1 < c->n_years; i++) {
        const char *cell = this_col(b, c, c->first_year + (unsigned)i);
        f = want_year ? book_printf(b, "IF(%s<>\"\",%d,%s)", cell, years[i], f)
                      : book_printf(b, "IF(%s<>\"\",%s,%s)", cell, cell, f);
    }
    return book_printf(b, "=%s", f);
}

/* Why a figure's values are not all compared: the definition that changed
 * between the compared pair, and the earlier years of another definition
 * than the report's; NULL when there is nothing to say. */
static const char *reason(annex_book *b, const pr_history *h, pr_figure_id id,
                          const pr_comparison *k)
{
    pr_strbuf sb = {0};
    const pr_year_value *now = &h->years[h->n - 1].v[id];
    if (!k->comparable) {
        if (k->changed_in)
            pr_sb_printf(&sb, "Définition modifiée en %d%s%s : non comparable avec %d.",
                         k->changed_in, k->changed_what ? " : " : "",
                         k->changed_what ? k->changed_what : "", k->previous_year);
        else
            pr_sb_printf(&sb, "Définition différente en %d : non comparable.", k->previous_year);
    }
    if (k->comparable && !k->has_rate)
        pr_sb_printf(&sb, "Pas d’évolution en pourcentage : la valeur de %d est nulle.",
                     k->previous_year);
    size_t n_other = 0;
    for (size_t i = 0; i + 1 < h->n; i++) {
        const pr_year_value *v = &h->years[i].v[id];
        if (v->origin == PR_ORIGIN_NONE || v->definition == now->definition ||
            h->years[i].year == k->previous_year)
            continue;
        if (!n_other++)
            pr_sb_printf(&sb, "%sAnnées d’une autre définition, non comparées : ",
                         sb.len ? " " : "");
        else
            pr_sb_puts(&sb, ", ");
        pr_sb_printf(&sb, "%d", h->years[i].year);
    }
    if (n_other)
        pr_sb_puts(&sb, ".");
    const char *s = sb.len ? pr_arena_strdup(&b->arena, sb.data) : NULL;
    pr_sb_free(&sb);
    return s;
}

void annex_build_evolution(annex_book *b)
{
    const pr_history *h = b->o ? b->o->history : NULL;
    if (h && !h->n)
        h = NULL;
    /* the years: those of the history, or the report's alone */
    evo_cols c;
    memset(&c, 0, sizeof c);
    c.n_years = h ? h->n : 1;
    int *years = pr_arena_alloc(&b->arena, c.n_years * sizeof *years);
    for (size_t i = 0; i < c.n_years; i++)
        years[i] = h ? h->years[i].year : b->year;
    /* the figures compared: those with an earlier value */
    pr_figure_id ids[PR_FIG__COUNT];
    size_t n = 0;
    for (int id = 0; h && id < PR_FIG__COUNT; id++)
        if (pr_history_figure_has_past(h, (pr_figure_id)id))
            ids[n++] = (pr_figure_id)id;
    c.n = EVO__BEFORE + c.n_years + EVA__N;
    assert(c.n <= ANNEX_MAX_COLS);
    c.first_year = EVO__BEFORE;
    c.current = EVO__BEFORE + (unsigned)c.n_years - 1;
    c.after = EVO__BEFORE + (unsigned)c.n_years;
    c.headers = pr_arena_alloc(&b->arena, c.n * sizeof *c.headers);
    for (unsigned i = 0; i < EVO__BEFORE; i++)
        c.headers[i] = annex_evo_before_headers[i];
    for (size_t i = 0; i < c.n_years; i++)
        c.headers[c.first_year + i] = book_printf(b, "%d", years[i]);
    for (unsigned i = 0; i < EVA__N; i++)
        c.headers[c.after + i] = annex_evo_after_headers[i];

    /* the sources' table below the main one (header row, 0-based) */
    unsigned top = 2 + (unsigned)(n ? n : 1) + 2;
    const char *source =
        n ? book_printf(b, "Source : %s pour %d (valeurs recalculées par formule : la feuille "
                           "Synthèse, cherchée par l’identifiant du chiffre) ; pour les années "
                           "précédentes, valeurs saisies d’après les fichiers et les chiffres "
                           "publiés que nomme le tableau « Sources des années » (ligne %u). "
                           "Écart et évolution : par formule, avec la dernière année précédente "
                           "connue ; vides quand la définition du chiffre a changé entre les "
                           "deux années (« %s »).",
                        b->src.name, b->year, top + 1, ANNEX_COMPARABLE_NO)
          : book_printf(b, "Source : %s. Aucune année précédente : ni fichier de données d’une "
                           "année antérieure, ni chiffre publié (annees_precedentes) ; rien à "
                           "comparer.", b->src.name);
    annex_sheet *sh = book_start_table(b, SH_EVOLUTION, source, c.headers, c.n, n);
    annex_table *t = &sh->tables[0];
    unsigned ay = c.after + EVA_COMPARED_YEAR, av = c.after + EVA_COMPARED_VALUE;
    unsigned ac = c.after + EVA_COMPARABLE, ad = c.after + EVA_CHANGE, ar = c.after + EVA_RATE;
    if (n) {
        const char *cur = this_col(b, &c, c.current);
        const char *prev = this_col(b, &c, av);
        const char *change = this_col(b, &c, ad);
        book_set_formula(b, t, c.current, FMT_INT,
                         book_printf(b, "=IFERROR(INDEX(%s,MATCH(%s,%s,0)),\"\")",
                                     book_col(b, SH_SUMMARY, SY_VALUE), this_col(b, &c, EVO_ID),
                                     book_col(b, SH_SUMMARY, SY_ID)));
        book_set_formula(b, t, ay, FMT_INT, latest_formula(b, &c, years, 1));
        book_set_formula(b, t, av, FMT_INT, latest_formula(b, &c, years, 0));
        book_set_formula(b, t, ad, FMT_INT,
                         book_printf(b, "=IF(AND(%s=\"%s\",ISNUMBER(%s),ISNUMBER(%s)),%s-%s,\"\")",
                                     this_col(b, &c, ac), ANNEX_COMPARABLE_YES, prev, cur, cur,
                                     prev));
        book_set_formula(b, t, ar, FMT_PCT,
                         book_printf(b, "=IF(AND(ISNUMBER(%s),N(%s)>0),%s/%s,\"\")", change, prev,
                                     change, prev));
    }
    for (size_t i = 0; i < n; i++) {
        pr_figure_id id = ids[i];
        const pr_figure_def *def = &pr_figure_defs()[id];
        pr_comparison k = pr_history_compare(h, id);
        unsigned r = annex_row(sh, i);
        book_put_str(b, sh, r, EVO_ID, def->id);
        book_put_str(b, sh, r, EVO_LABEL, def->label);
        book_put_str(b, sh, r, EVO_UNIT, def->unit);
        for (size_t y = 0; y + 1 < c.n_years; y++) {
            const pr_year_value *v = &h->years[y].v[id];
            if (v->origin != PR_ORIGIN_NONE)
                book_put_num(sh, r, c.first_year + (unsigned)y, (double)v->value, FMT_INT);
        }
        book_put_calc_num(sh, r, c.current, (double)b->f->items[id].value);
        book_put_calc_num(sh, r, ay, k.previous_year);
        book_put_calc_num(sh, r, av, (double)k.previous);
        book_put_str(b, sh, r, ac, k.comparable ? ANNEX_COMPARABLE_YES : ANNEX_COMPARABLE_NO);
        if (k.comparable)
            book_put_calc_num(sh, r, ad, (double)k.change);
        else
            book_put_calc_str(b, sh, r, ad, "");
        if (k.has_rate)
            book_put_calc_num(sh, r, ar, k.rate);
        else
            book_put_calc_str(b, sh, r, ar, "");
        book_put_str(b, sh, r, c.after + EVA_REASON, reason(b, h, id, &k));
    }

    /* where each year's values come from */
    size_t n_src = 0;
    for (size_t y = 0; y < c.n_years; y++) {
        if (!h || y + 1 == c.n_years || h->years[y].file) {
            n_src++;
            continue;
        }
        for (int id = 0; id < PR_FIG__COUNT; id++)
            n_src += h->years[y].v[id].origin == PR_ORIGIN_PUBLISHED;
    }
    book_put_fmt_str(b, sh, top - 1, 0, FMT_LABEL, "Sources des années");
    annex_table *st = book_add_table(sh, ANNEX_EVOLUTION_SOURCES_TABLE, top, 0, annex_es_headers,
                                     ES__N, n_src);
    unsigned r = top + 1;
    for (size_t y = 0; y < c.n_years; y++) {
        if (!h || y + 1 == c.n_years) {
            book_put_num(sh, r, ES_YEAR, years[y], FMT_INT);
            book_put_str(b, sh, r, ES_SOURCE,
                         book_printf(b, "%s, recalculé par les formules de ce classeur (feuille "
                                        "Synthèse)", b->src.name));
            book_put_str(b, sh, r, ES_FIGURE, "tous");
            book_put_str(b, sh, r++, ES_ORIGIN, "année du rapport");
            continue;
        }
        const pr_history_year *hy = &h->years[y];
        if (hy->file) {
            book_put_num(sh, r, ES_YEAR, years[y], FMT_INT);
            book_put_str(b, sh, r, ES_SOURCE, base_name(hy->file));
            book_put_str(b, sh, r, ES_FIGURE, "tous");
            book_put_str(b, sh, r++, ES_ORIGIN, "fichier de données");
            continue;
        }
        for (int id = 0; id < PR_FIG__COUNT; id++) {
            const pr_year_value *v = &hy->v[id];
            if (v->origin != PR_ORIGIN_PUBLISHED)
                continue;
            book_put_num(sh, r, ES_YEAR, years[y], FMT_INT);
            book_put_str(b, sh, r, ES_SOURCE,
                         v->source && *v->source ? v->source : "(source non précisée)");
            book_put_str(b, sh, r, ES_FIGURE, pr_figure_defs()[id].id);
            book_put_str(b, sh, r++, ES_ORIGIN, "chiffre publié");
        }
    }
    assert(r == top + 1 + n_src);
    (void)st;
}
