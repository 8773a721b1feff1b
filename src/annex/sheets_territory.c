/* sheets_territory.c — the sheets of the officials and the territories the
 * network covers (see sheets_territory.h). */
#include "annex/sheets_territory.h"

#include <stdlib.h>
#include <string.h>

#include "annex/sheets_events.h"
#include "annex/sheets_reference.h"
#include "data/geo.h"

const char *const annex_of_headers[OF__N] = {
    "Id", "Prénom", "Nom", "Mandats", "Commune", "Département", "Département (nom)", "Région",
    "Chantier", "Latitude", "Longitude", "Ateliers des élus de l’année",
};
const char *const annex_ln_headers[LN__N] = {
    "Id", "Nom", "Échelle (clé)", "Échelle", "Régions (codes)", "Départements (codes)",
    "Départements couverts", "Pilote", "Partenaires", "Actif", "Depuis",
};
const char *const annex_dc_headers[DC__N] = {
    "Code", "Nom", "Code région", "Région", "Réseaux actifs", "Couvert",
};

/* qsort comparator of C strings. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Élus: one official per row, with the number of the year's ateliers
 * des élus attended, counted in Présences des élus. */
void annex_build_officials(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(
        b, SH_OFFICIALS,
        book_printf(b, "Source : %s, liste « elus » ; un élu par ligne. Colonnes grisées : "
                       "calculées (département et région lus dans Départements, ateliers de %d "
                       "comptés dans Présences des élus).", b->src.name, b->year),
        annex_of_headers, OF__N, m->n_officials);
    annex_table *t = &sh->tables[0];
    if (m->n_officials) {
        const char *dept = book_this(b, SH_OFFICIALS, OF_DEPT);
        book_set_formula(b, t, OF_DEPT_NAME, FMT_TEXT,
                         book_printf(b, "=IFERROR(INDEX(%s,MATCH(%s,%s,0)),\"\")",
                                     book_col(b, SH_DEPTS, DC_NAME), dept,
                                     book_col(b, SH_DEPTS, DC_CODE)));
        book_set_formula(b, t, OF_REGION, FMT_TEXT,
                         book_printf(b, "=IFERROR(INDEX(%s,MATCH(%s,%s,0)),\"\")",
                                     book_col(b, SH_DEPTS, DC_REGION), dept,
                                     book_col(b, SH_DEPTS, DC_CODE)));
        /* EXACT: ids are case-sensitive ("Cerema" is not "cerema") */
        book_set_formula(b, t, OF_WORKSHOPS, FMT_INT,
                         book_printf(b, "=SUMPRODUCT(EXACT(%s,%s)*(%s=\"%s\")*(%s=%d))",
                                     book_col(b, SH_PRESENCES, PRS_OFFICIAL),
                                     book_this(b, SH_OFFICIALS, OF_ID),
                                     book_col(b, SH_PRESENCES, PRS_EVENT_TYPE),
                                     pr_event_type_key(PR_EVENT_OFFICIALS_WORKSHOP),
                                     book_col(b, SH_PRESENCES, PRS_YEAR), b->year));
    }
    t->validations[OF_DEPT] =
        annex_records_range(b, SH_DEPTS, DC_CODE, pr_geo_departement_count());
    t->validations[OF_WORKSTREAM] =
        annex_records_range(b, SH_WORKSTREAMS, 0, m->n_workstreams);
    /* the ids present at an atelier des élus of the year, sorted */
    const char **att = NULL;
    size_t n_att = 0, cap = 0;
    for (size_t e = 0; e < m->n_events; e++) {
        const pr_event *ev = &m->events[e];
        if (ev->type != PR_EVENT_OFFICIALS_WORKSHOP || ev->date.prec == PR_DATE_NONE ||
            ev->date.year != b->year)
            continue;
        for (size_t k = 0; k < ev->officials.n; k++)
            PR_PUSH(att, n_att, cap, ev->officials.items[k]);
    }
    if (n_att)
        qsort(att, n_att, sizeof *att, cmp_str);
    for (size_t i = 0; i < m->n_officials; i++) {
        const pr_official *o = &m->officials[i];
        unsigned r = annex_row(sh, i);
        const pr_departement *dep = pr_geo_departement(o->departement);
        const pr_region *reg = dep ? pr_geo_region(dep->region) : NULL;
        book_put_str(b, sh, r, OF_ID, o->id);
        book_put_str(b, sh, r, OF_FIRST, o->first_name);
        book_put_str(b, sh, r, OF_LAST, o->last_name);
        book_put_str(b, sh, r, OF_MANDATES, book_join(b, &o->mandates));
        book_put_str(b, sh, r, OF_COMMUNE, o->commune);
        book_put_str(b, sh, r, OF_DEPT, o->departement);
        book_put_calc_str(b, sh, r, OF_DEPT_NAME, dep ? dep->name : "");
        book_put_calc_str(b, sh, r, OF_REGION, reg ? reg->name : "");
        book_put_str(b, sh, r, OF_WORKSTREAM, o->workstream);
        if (o->has_coords) {
            book_put_num(sh, r, OF_LAT, o->lat, FMT_DEC);
            book_put_num(sh, r, OF_LON, o->lon, FMT_DEC);
        }
        /* officials' workshops of the year this official attended */
        size_t lo = 0, hi = n_att;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(att[mid], o->id) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        long n = 0;
        while (lo + (size_t)n < n_att && !strcmp(att[lo + (size_t)n], o->id))
            n++;
        book_put_calc_num(sh, r, OF_WORKSHOPS, (double)n);
    }
    free(att);
}

/* ";" plus the codes of a list without spaces plus ";", as the formulas
 * read a cell of codes: the text searched for ";code;". */
static const char *codes_cell(annex_book *b, const char *ref)
{
    return book_printf(b, "\";\"&SUBSTITUTE(%s,\" \",\"\")&\";\"", ref);
}

/* Whether a département (its code and its région's code, references or
 * ranges) is among the codes of a network (references or ranges): 1 or
 * 0 per département, no matter how many of the network's codes name it. */
static const char *covers(annex_book *b, const char *dept, const char *region,
                          const char *net_depts, const char *net_regions)
{
    return book_printf(b, "((ISNUMBER(SEARCH(\";\"&%s&\";\",%s))+ISNUMBER(SEARCH(\";\"&%s&\";\","
                          "%s)))>0)",
                       region, codes_cell(b, net_regions), dept, codes_cell(b, net_depts));
}

/* The départements a network covers, distinct, in code order; n returned. */
static size_t network_departements(const pr_local_network *ln, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t r = 0; r < ln->regions.n; r++) {
        const pr_departement *deps[32];
        size_t nd = pr_geo_region_departements(ln->regions.items[r], deps, 32);
        if (nd > 32)
            nd = 32;
        for (size_t k = 0; k < nd && n < max; k++)
            out[n++] = deps[k]->code;
    }
    for (size_t k = 0; k < ln->departements.n && n < max; k++) {
        const pr_departement *d = pr_geo_departement(ln->departements.items[k]);
        out[n++] = d ? d->code : ln->departements.items[k];
    }
    if (!n)
        return 0;
    qsort(out, n, sizeof *out, cmp_str);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (strcmp(out[i], out[k - 1]))
            out[k++] = out[i];
    return k;
}

/* Réseaux locaux: one local network per row. */
void annex_build_networks(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(
        b, SH_NETWORKS,
        book_printf(b, "Source : %s, liste « reseaux_locaux » ; un réseau par ligne. Codes INSEE "
                       "séparés par « ; ». Un réseau régional couvre tous les départements de "
                       "ses régions. Colonnes grisées : calculées.", b->src.name),
        annex_ln_headers, LN__N, m->n_local_networks);
    annex_table *t = &sh->tables[0];
    if (m->n_local_networks) {
        book_set_formula(b, t, LN_SCALE, FMT_TEXT,
                         book_printf(b, "=%s", annex_list_label(b, LIST_SCALES,
                                                                book_this(b, SH_NETWORKS,
                                                                          LN_SCALE_KEY))));
        book_set_formula(b, t, LN_N_DEPTS, FMT_INT,
                         book_printf(b, "=SUMPRODUCT(--%s)",
                                     covers(b, book_col(b, SH_DEPTS, DC_CODE),
                                            book_col(b, SH_DEPTS, DC_REGION_CODE),
                                            book_this(b, SH_NETWORKS, LN_DEPTS),
                                            book_this(b, SH_NETWORKS, LN_REGIONS))));
    }
    t->validations[LN_SCALE_KEY] = annex_list_range(b, LIST_SCALES);
    t->validations[LN_ACTIVE] = annex_list_range(b, LIST_YES_NO);
    for (size_t i = 0; i < m->n_local_networks; i++) {
        const pr_local_network *ln = &m->local_networks[i];
        unsigned r = annex_row(sh, i);
        book_put_str(b, sh, r, LN_ID, ln->id);
        book_put_str(b, sh, r, LN_NAME, ln->name);
        book_put_str(b, sh, r, LN_SCALE_KEY, pr_scale_key(ln->scale));
        book_put_calc_str(b, sh, r, LN_SCALE, pr_scale_label(ln->scale));
        book_put_str(b, sh, r, LN_REGIONS, book_join(b, &ln->regions));
        book_put_str(b, sh, r, LN_DEPTS, book_join(b, &ln->departements));
        const char *codes[256];
        book_put_calc_num(sh, r, LN_N_DEPTS, (double)network_departements(ln, codes, 256));
        book_put_str(b, sh, r, LN_LEAD, ln->lead);
        book_put_str(b, sh, r, LN_PARTNERS, book_join(b, &ln->partners));
        book_put_str(b, sh, r, LN_ACTIVE, ln->active ? "oui" : "non");
        book_put_int_opt(sh, r, LN_SINCE, ln->since, ln->since != 0);
    }
}

/* Départements: every département of the reference geography, with the
 * number of active networks covering it (f->covered is the figure's list). */
void annex_build_depts(annex_book *b)
{
    const pr_model *m = b->m;
    size_t n = pr_geo_departement_count();
    annex_sheet *sh = book_start_table(
        b, SH_DEPTS,
        "Source : référentiel des départements et régions (code officiel géographique de "
        "l’Insee) inclus dans planif-rapport ; un département par ligne. Colonnes grisées : "
        "calculées à partir de la feuille Réseaux locaux (réseaux dont Actif vaut « oui »).",
        annex_dc_headers, DC__N, n);
    annex_table *t = &sh->tables[0];
    book_set_formula(
        b, t, DC_NETWORKS, FMT_INT,
        book_printf(b, "=SUMPRODUCT((%s=\"oui\")*%s)", book_col(b, SH_NETWORKS, LN_ACTIVE),
                    covers(b, book_this(b, SH_DEPTS, DC_CODE),
                           book_this(b, SH_DEPTS, DC_REGION_CODE),
                           book_col(b, SH_NETWORKS, LN_DEPTS),
                           book_col(b, SH_NETWORKS, LN_REGIONS))));
    book_set_formula(b, t, DC_COVERED, FMT_TEXT,
                     book_printf(b, "=IF(%s>0,\"oui\",\"non\")",
                                 book_this(b, SH_DEPTS, DC_NETWORKS)));
    /* active networks per département, in the order of the geography */
    unsigned *nets = pr_calloc(n ? n : 1, sizeof *nets);
    for (size_t k = 0; k < m->n_local_networks; k++) {
        const pr_local_network *ln = &m->local_networks[k];
        if (!ln->active)
            continue;
        const char *codes[256];
        size_t nd = network_departements(ln, codes, 256);
        for (size_t i = 0; i < n; i++) {
            const char *code = pr_geo_departement_at(i)->code;
            if (bsearch(&code, codes, nd, sizeof *codes, cmp_str))
                nets[i]++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const pr_departement *dep = pr_geo_departement_at(i);
        const pr_region *reg = pr_geo_region(dep->region);
        unsigned r = annex_row(sh, i);
        book_put_str(b, sh, r, DC_CODE, dep->code);
        book_put_str(b, sh, r, DC_NAME, dep->name);
        book_put_str(b, sh, r, DC_REGION_CODE, dep->region);
        book_put_str(b, sh, r, DC_REGION, reg ? reg->name : NULL);
        book_put_calc_num(sh, r, DC_NETWORKS, nets[i]);
        book_put_calc_str(b, sh, r, DC_COVERED, nets[i] ? "oui" : "non");
    }
    free(nets);
}
