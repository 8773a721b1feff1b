/* sheets_territory.c — the sheets of the officials and the territories the
 * network covers (see sheets_territory.h). */
#include "annex/sheets_territory.h"

#include <stdlib.h>
#include <string.h>

#include "annex/sheets_events.h"
#include "data/geo.h"

/* qsort comparator of C strings. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Élus: one official per row, with the number of the year's ateliers
 * des élus attended, recomputed from Présences des élus. */
void annex_build_officials(annex_book *b)
{
    const pr_model *m = b->m;
    const char **h = pr_arena_alloc(&b->arena, OF__N * sizeof *h);
    h[OF_ID] = "Id";
    h[OF_FIRST] = "Prénom";
    h[OF_LAST] = "Nom";
    h[OF_MANDATES] = "Mandats";
    h[OF_COMMUNE] = "Commune";
    h[OF_DEPT] = "Département";
    h[OF_DEPT_NAME] = "Département (nom)";
    h[OF_REGION] = "Région";
    h[OF_WORKSTREAM] = "Chantier";
    h[OF_LAT] = "Latitude";
    h[OF_LON] = "Longitude";
    h[OF_WORKSHOPS] = book_printf(b, "Ateliers des élus %d", b->year);
    annex_sheet *sh = book_start_table(b, SH_OFFICIALS, h, OF__N, m->n_officials);
    const char *pr_off = book_col_range(b, SH_PRESENCES, PRS_OFFICIAL);
    const char *pr_type = book_col_range(b, SH_PRESENCES, PRS_EVENT_TYPE);
    const char *pr_year = book_col_range(b, SH_PRESENCES, PRS_YEAR);
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
        unsigned r = (unsigned)i + 1;
        const pr_departement *dep = pr_geo_departement(o->departement);
        const pr_region *reg = dep ? pr_geo_region(dep->region) : NULL;
        book_put_str(b, sh, r, OF_ID, o->id);
        book_put_str(b, sh, r, OF_FIRST, o->first_name);
        book_put_str(b, sh, r, OF_LAST, o->last_name);
        book_put_str(b, sh, r, OF_MANDATES, book_join(b, &o->mandates));
        book_put_str(b, sh, r, OF_COMMUNE, o->commune);
        book_put_str(b, sh, r, OF_DEPT, o->departement);
        book_put_str(b, sh, r, OF_DEPT_NAME, dep ? dep->name : NULL);
        book_put_str(b, sh, r, OF_REGION, reg ? reg->name : NULL);
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
        /* EXACT: ids are case-sensitive ("Cerema" is not "cerema") */
        book_put_formula_num(b, sh, r, OF_WORKSHOPS,
                             book_printf(b, "=SUMPRODUCT(EXACT(%s,%s)*(%s=\"%s\")*(%s=%d))",
                                         pr_off, book_cell_ref(b, r, OF_ID), pr_type,
                                         pr_event_type_key(PR_EVENT_OFFICIALS_WORKSHOP), pr_year,
                                         b->year),
                             (double)n);
    }
    free(att);
}

static const char *const ln_headers[LN__N] = {
    "Id", "Nom", "Échelle (clé)", "Échelle", "Régions", "Départements", "Départements couverts",
    "Pilote", "Partenaires", "Actif", "Depuis",
};

/* Départements a local network covers (a région expands to its
 * départements); writes up to `max` codes, returns how many. */
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
    for (size_t k = 0; k < ln->departements.n && n < max; k++)
        out[n++] = ln->departements.items[k];
    return n;
}

/* Réseaux locaux: one local network per row. */
void annex_build_networks(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(b, SH_NETWORKS, ln_headers, LN__N, m->n_local_networks);
    for (size_t i = 0; i < m->n_local_networks; i++) {
        const pr_local_network *ln = &m->local_networks[i];
        unsigned r = (unsigned)i + 1;
        book_put_str(b, sh, r, LN_ID, ln->id);
        book_put_str(b, sh, r, LN_NAME, ln->name);
        book_put_str(b, sh, r, LN_SCALE_KEY, pr_scale_key(ln->scale));
        book_put_str(b, sh, r, LN_SCALE, pr_scale_label(ln->scale));
        pr_strbuf sb = {0};
        for (size_t k = 0; k < ln->regions.n; k++) {
            const pr_region *reg = pr_geo_region(ln->regions.items[k]);
            pr_sb_printf(&sb, "%s%s", k ? "; " : "", reg ? reg->name : ln->regions.items[k]);
        }
        book_put_str(b, sh, r, LN_REGIONS, sb.data);
        pr_sb_free(&sb);
        const char *codes[256];
        size_t nd = network_departements(ln, codes, 256);
        for (size_t k = 0; k < nd; k++)
            pr_sb_printf(&sb, "%s%s", k ? "; " : "", codes[k]);
        book_put_str(b, sh, r, LN_DEPTS, sb.data);
        pr_sb_free(&sb);
        book_put_num(sh, r, LN_N_DEPTS, (double)nd, FMT_INT);
        book_put_str(b, sh, r, LN_LEAD, ln->lead);
        book_put_str(b, sh, r, LN_PARTNERS, book_join(b, &ln->partners));
        book_put_num(sh, r, LN_ACTIVE, ln->active ? 1 : 0, FMT_INT);
        book_put_int_opt(sh, r, LN_SINCE, ln->since, ln->since != 0);
    }
}

static const char *const dc_headers[DC__N] = {
    "Code", "Département", "Code région", "Région", "Réseaux locaux",
};

/* Départements couverts: one covered département per row (f->covered). */
void annex_build_depts(annex_book *b)
{
    const pr_model *m = b->m;
    const pr_figures *f = b->f;
    annex_sheet *sh = book_start_table(b, SH_DEPTS, dc_headers, DC__N, f->n_covered);
    /* the active networks covering each covered département (f->covered is
     * sorted by code) */
    pr_strbuf *nets = pr_calloc(f->n_covered ? f->n_covered : 1, sizeof *nets);
    for (size_t k = 0; k < m->n_local_networks; k++) {
        const pr_local_network *ln = &m->local_networks[k];
        if (!ln->active)
            continue;
        const char *codes[256];
        size_t nd = network_departements(ln, codes, 256);
        for (size_t j = 0; j < nd; j++) {
            const char **hit = bsearch(&codes[j], f->covered, f->n_covered, sizeof *f->covered,
                                       cmp_str);
            if (!hit)
                continue;
            pr_strbuf *sb = &nets[hit - f->covered];
            /* a network listing a département twice is named once */
            size_t idlen = strlen(ln->id);
            if (sb->len >= idlen && !strcmp(sb->data + sb->len - idlen, ln->id) &&
                (sb->len == idlen || sb->data[sb->len - idlen - 1] == ' '))
                continue;
            pr_sb_printf(sb, "%s%s", sb->len ? "; " : "", ln->id);
        }
    }
    for (size_t i = 0; i < f->n_covered; i++) {
        const char *code = f->covered[i];
        const pr_departement *dep = pr_geo_departement(code);
        const pr_region *reg = dep ? pr_geo_region(dep->region) : NULL;
        unsigned r = (unsigned)i + 1;
        book_put_str(b, sh, r, DC_CODE, code);
        book_put_str(b, sh, r, DC_NAME, dep ? dep->name : NULL);
        book_put_str(b, sh, r, DC_REGION_CODE, dep ? dep->region : NULL);
        book_put_str(b, sh, r, DC_REGION, reg ? reg->name : NULL);
        book_put_str(b, sh, r, DC_NETWORKS, nets[i].data);
        pr_sb_free(&nets[i]);
    }
    free(nets);
}
