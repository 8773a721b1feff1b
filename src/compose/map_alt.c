/* map_alt.c — the maps said in words (see map_alt.h). */
#include "compose/map_alt.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "data/geo.h"

/* Officials named one by one up to this many; beyond, counted by
 * département (as the map draws them: map.c, MAX_LABELLED_OFFICIALS). */
#define ALT_MAX_NAMED 40

/* "Ain (01)", or the code alone when it is unknown. */
static void put_departement(pr_strbuf *sb, const char *code)
{
    const pr_departement *d = pr_geo_departement(code);
    if (d)
        pr_sb_printf(sb, "%s (%s)", d->name, d->code);
    else
        pr_sb_puts(sb, code);
}

/* Mark the départements network n covers in mark[] (by index of
 * pr_geo_departement_at); returns how many it covers. */
static size_t cover(const pr_local_network *n, unsigned char *mark)
{
    size_t count = 0, nd = pr_geo_departement_count();
    for (size_t i = 0; i < nd; i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        int in = 0;
        for (size_t k = 0; k < n->regions.n && !in; k++)
            in = !strcmp(d->region, n->regions.items[k]);
        for (size_t k = 0; k < n->departements.n && !in; k++)
            in = !strcmp(d->code, n->departements.items[k]);
        if (in && !mark[i]) {
            mark[i] = 1;
            count++;
        }
    }
    return count;
}

char *pr_map_networks_alt(const pr_model *m)
{
    pr_strbuf sb = {0};
    if (m->report.year > 0)
        pr_sb_printf(&sb, "Carte de France des réseaux locaux actifs en %d.", m->report.year);
    else
        pr_sb_puts(&sb, "Carte de France des réseaux locaux actifs.");
    size_t nd = pr_geo_departement_count(), n_active = 0;
    unsigned char *all = pr_calloc(nd + 1, 1);
    for (size_t j = 0; j < m->n_local_networks; j++) {
        const pr_local_network *n = &m->local_networks[j];
        if (!n->active)
            continue;
        n_active++;
        unsigned char *own = pr_calloc(nd + 1, 1);
        size_t k = cover(n, own);
        cover(n, all);
        pr_sb_printf(&sb, " %s (%s", n->name, pr_scale_label(n->scale));
        if (n->regions.n) {
            pr_sb_puts(&sb, n->regions.n > 1 ? ", régions " : ", région ");
            for (size_t r = 0; r < n->regions.n; r++) {
                const pr_region *rg = pr_geo_region(n->regions.items[r]);
                pr_sb_printf(&sb, "%s%s", r ? (r + 1 < n->regions.n ? ", " : " et ") : "",
                             rg ? rg->name : n->regions.items[r]);
            }
        }
        pr_sb_printf(&sb, ") : %zu département%s", k, k > 1 ? "s" : "");
        size_t shown = 0;
        for (size_t i = 0; i < nd; i++) {
            if (!own[i])
                continue;
            pr_sb_puts(&sb, shown ? (shown + 1 < k ? ", " : " et ") : ", ");
            put_departement(&sb, pr_geo_departement_at(i)->code);
            shown++;
        }
        pr_sb_putc(&sb, '.');
        free(own);
    }
    size_t covered = 0;
    for (size_t i = 0; i < nd; i++)
        covered += all[i];
    free(all);
    if (!n_active)
        pr_sb_puts(&sb, " Aucun réseau local actif.");
    else
        pr_sb_printf(&sb, " En tout, %zu réseau%s, %zu département%s couvert%s.", n_active,
                     n_active > 1 ? "x" : "", covered, covered > 1 ? "s" : "",
                     covered > 1 ? "s" : "");
    return pr_sb_steal(&sb);
}

char *pr_map_officials_alt(const pr_model *m)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "Carte de France des territoires des élus engagés");
    if (!m->n_officials) {
        pr_sb_puts(&sb, " : aucun élu.");
        return pr_sb_steal(&sb);
    }
    pr_sb_printf(&sb, ", %zu élu%s : ", m->n_officials, m->n_officials > 1 ? "s" : "");
    if (m->n_officials > ALT_MAX_NAMED) {
        /* as many as the map shows by département: the count of each */
        size_t nd = pr_geo_departement_count(), shown = 0;
        for (size_t i = 0; i < nd; i++) {
            const pr_departement *d = pr_geo_departement_at(i);
            size_t k = 0;
            for (size_t j = 0; j < m->n_officials; j++)
                k += m->officials[j].departement && !strcmp(m->officials[j].departement, d->code);
            if (!k)
                continue;
            pr_sb_puts(&sb, shown++ ? " ; " : "");
            put_departement(&sb, d->code);
            pr_sb_printf(&sb, " : %zu élu%s", k, k > 1 ? "s" : "");
        }
        pr_sb_putc(&sb, '.');
        return pr_sb_steal(&sb);
    }
    for (size_t i = 0; i < m->n_officials; i++) {
        const pr_official *o = &m->officials[i];
        if (i)
            pr_sb_puts(&sb, " ; ");
        pr_sb_printf(&sb, "%s %s", o->first_name ? o->first_name : "", o->last_name ? o->last_name : "");
        if (o->commune && *o->commune)
            pr_sb_printf(&sb, ", %s", o->commune);
        if (o->departement) {
            pr_sb_puts(&sb, ", ");
            put_departement(&sb, o->departement);
        }
    }
    pr_sb_putc(&sb, '.');
    return pr_sb_steal(&sb);
}
