/* figures.c — the key figures of the report, computed from the model, and
 * the cross-check of the figures the bureau declared.
 *
 * Every figure counts records of the report's year (model->report.year):
 * an event, meeting or newsletter counts when its date's year is that year.
 * The definitions below are printed in the annex and by --check; keep them
 * true to the code. */
#include "data/figures.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "data/geo.h"

/* Annex sheet names (the annex writer uses the same names). */
#define SHEET_EVENTS "Événements"
#define SHEET_SESSIONS "Sessions"
#define SHEET_SPEAKERS "Intervenants"
#define SHEET_OFFICIALS "Élus"
#define SHEET_WORKSTREAMS "Chantiers"
#define SHEET_NEWSLETTERS "Lettres"
#define SHEET_MEETINGS "Gouvernance"
#define SHEET_PARTNERS "Partenaires"
#define SHEET_NETWORKS "Réseaux locaux"
#define SHEET_DEPTS "Départements couverts"

static const pr_figure_def figure_defs[] = {
    {"evenements", "Événements de l'année",
     "Nombre d'événements datés de l'année du rapport, tous types confondus.", SHEET_EVENTS},
    {"ateliers_elus", "Ateliers des élus engagés",
     "Nombre d'événements de type « atelier des élus » datés de l'année.", SHEET_EVENTS},
    {"elus_engages", "Élus engagés dans la planification",
     "Nombre d'élus distincts ayant participé à au moins un atelier des élus de l'année.", SHEET_OFFICIALS},
    {"rencontre_nationale_edition", "Édition de la rencontre nationale",
     "Numéro d'édition de la dernière rencontre nationale de l'année (0 s'il n'y en a pas).", SHEET_EVENTS},
    {"rencontre_nationale_participants", "Participants à la rencontre nationale",
     "Participants déclarés pour les rencontres nationales de l'année (somme).", SHEET_EVENTS},
    {"tables_rondes", "Tables rondes de la rencontre nationale",
     "Nombre de sessions de type « table ronde » des rencontres nationales de l'année.", SHEET_SESSIONS},
    {"mini_conferences", "Mini-conférences de la rencontre nationale",
     "Nombre de sessions de type « mini-conférence » des rencontres nationales de l'année.", SHEET_SESSIONS},
    {"ateliers_rencontre", "Ateliers de la rencontre nationale",
     "Nombre de sessions de type « atelier » des rencontres nationales de l'année.", SHEET_SESSIONS},
    {"intervenants_rencontre", "Intervenants de la rencontre nationale",
     "Nombre d'intervenants distincts (personne, ou organisation quand aucun nom n'est donné) "
     "des rencontres nationales de l'année, sessions comprises.", SHEET_SPEAKERS},
    {"stands_congres", "Stands sur un congrès",
     "Nombre d'événements de type « stand sur un congrès » datés de l'année.", SHEET_EVENTS},
    {"reunions_referents", "Rencontres des référents locaux",
     "Nombre d'événements de type « rencontre des référents » datés de l'année.", SHEET_EVENTS},
    {"lettres", "Lettres d'info publiées",
     "Nombre de lettres d'info datées de l'année.", SHEET_NEWSLETTERS},
    {"chantiers_actifs", "Chantiers thématiques actifs",
     "Nombre de chantiers dont le statut pour l'année est « en cours » ou « terminé ».", SHEET_WORKSTREAMS},
    {"personnes_mobilisees", "Personnes mobilisées dans l'année",
     "Somme, sur les événements de l'année, des participants déclarés (une valeur « environ » "
     "ou « plus de » compte pour sa valeur) ou, à défaut, des personnes nommées dans les "
     "données (élus présents, intervenants, personnes interviewées).", SHEET_EVENTS},
    {"personnes_mobilisees_plancher", "Personnes mobilisées (« plus de »)",
     "Personnes mobilisées arrondies à la centaine inférieure (à la dizaine sous 100), "
     "pour l'affichage « plus de N ».", SHEET_EVENTS},
    {"reunions_copil", "Réunions de gouvernance",
     "Nombre de réunions de gouvernance datées de l'année.", SHEET_MEETINGS},
    {"partenaires", "Partenaires du comité de pilotage",
     "Nombre de partenaires ayant rejoint le comité de pilotage au plus tard l'année du rapport.", SHEET_PARTNERS},
    {"partenaires_nouveaux", "Nouveaux partenaires de l'année",
     "Nombre de partenaires ayant rejoint le comité de pilotage l'année du rapport.", SHEET_PARTNERS},
    {"reseaux_locaux", "Réseaux locaux actifs",
     "Nombre de réseaux locaux actifs.", SHEET_NETWORKS},
    {"reseaux_regionaux", "Réseaux locaux régionaux",
     "Nombre de réseaux locaux actifs à l'échelle régionale.", SHEET_NETWORKS},
    {"reseaux_departementaux", "Réseaux locaux départementaux ou interdépartementaux",
     "Nombre de réseaux locaux actifs à l'échelle départementale ou interdépartementale.", SHEET_NETWORKS},
    {"departements_couverts", "Départements couverts par un réseau local",
     "Nombre de départements distincts couverts par un réseau local actif ; un réseau régional "
     "couvre tous les départements de sa ou ses régions.", SHEET_DEPTS},
    {NULL, NULL, NULL, NULL},
};

const pr_figure_def *pr_figure_defs(void) { return figure_defs; }

const pr_figure_def *pr_figure_def_find(const char *id)
{
    for (const pr_figure_def *d = figure_defs; d->id; d++)
        if (!strcmp(d->id, id))
            return d;
    return NULL;
}

long pr_round_down_display(long v)
{
    if (v >= 100)
        return v / 100 * 100;
    if (v >= 10)
        return v / 10 * 10;
    return v;
}

/* ---- helpers ------------------------------------------------------------ */
static int in_year(const pr_model *m, pr_date d) { return d.prec != PR_DATE_NONE && d.year == m->report.year; }

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort and remove duplicates in place; returns the new count. */
static size_t sort_unique(const char **v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_cstr);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i], v[k - 1]))
            v[k++] = v[i];
    return k;
}

/* A speaker's identity for counting distinct speakers: "prénom nom" in
 * lower case when a name is given, else the organisation. Caller frees. */
static char *speaker_key(const pr_person *p)
{
    const char *name = p->last_name;
    char *k;
    if (name && *name)
        k = pr_asprintf("p:%s %s", p->first_name ? p->first_name : "", name);
    else
        k = pr_asprintf("o:%s", p->organisation ? p->organisation : "");
    for (char *c = k; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return k;
}

/* The status of workstream w for the year (planned when not given). */
static pr_status status_in(const pr_workstream *w, int year)
{
    for (size_t i = 0; i < w->n_statuses; i++)
        if (w->statuses[i].year == year)
            return w->statuses[i].status;
    return PR_STATUS_PLANNED;
}

long pr_event_attendance(const pr_event *e, int *declared)
{
    if (declared)
        *declared = e->participants.known;
    if (e->participants.known)
        return e->participants.value;
    long n = (long)e->officials.n + (long)e->n_speakers + (long)e->n_interviews;
    for (size_t s = 0; s < e->n_sessions; s++)
        n += (long)e->sessions[s].n_speakers;
    return n;
}

static int is_national_meeting(const pr_model *m, const pr_event *e)
{
    return e->type == PR_EVENT_NATIONAL_MEETING && in_year(m, e->date);
}

static size_t count_covered(const pr_model *m, const char ***out)
{
    const char **v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < m->n_local_networks; i++) {
        const pr_local_network *ln = &m->local_networks[i];
        if (!ln->active)
            continue;
        for (size_t r = 0; r < ln->regions.n; r++) {
            const pr_departement *deps[32];
            size_t nd = pr_geo_region_departements(ln->regions.items[r], deps, 32);
            if (nd > 32)
                nd = 32;
            for (size_t k = 0; k < nd; k++)
                PR_PUSH(v, n, cap, deps[k]->code);
        }
        for (size_t k = 0; k < ln->departements.n; k++) {
            const pr_departement *d = pr_geo_departement(ln->departements.items[k]);
            PR_PUSH(v, n, cap, d ? d->code : ln->departements.items[k]);
        }
    }
    n = sort_unique(v, n);
    *out = v;
    return n;
}

static long compute(const pr_model *m, const char *id, pr_figures *f)
{
    long v = 0;
    int year = m->report.year;
    if (!strcmp(id, "evenements")) {
        for (size_t i = 0; i < m->n_events; i++)
            v += in_year(m, m->events[i].date);
    } else if (!strcmp(id, "ateliers_elus") || !strcmp(id, "stands_congres") ||
               !strcmp(id, "reunions_referents")) {
        pr_event_type t = !strcmp(id, "ateliers_elus")    ? PR_EVENT_OFFICIALS_WORKSHOP
                          : !strcmp(id, "stands_congres") ? PR_EVENT_CONGRESS_STAND
                                                          : PR_EVENT_REFERENTS_MEETING;
        for (size_t i = 0; i < m->n_events; i++)
            v += m->events[i].type == t && in_year(m, m->events[i].date);
    } else if (!strcmp(id, "elus_engages")) {
        const char **ids = NULL;
        size_t n = 0, cap = 0;
        for (size_t i = 0; i < m->n_events; i++) {
            const pr_event *e = &m->events[i];
            if (e->type != PR_EVENT_OFFICIALS_WORKSHOP || !in_year(m, e->date))
                continue;
            for (size_t k = 0; k < e->officials.n; k++)
                PR_PUSH(ids, n, cap, e->officials.items[k]);
        }
        v = (long)sort_unique(ids, n);
        free(ids);
    } else if (!strcmp(id, "rencontre_nationale_edition")) {
        for (size_t i = 0; i < m->n_events; i++)
            if (is_national_meeting(m, &m->events[i]))
                v = m->events[i].edition;
    } else if (!strcmp(id, "rencontre_nationale_participants")) {
        for (size_t i = 0; i < m->n_events; i++)
            if (is_national_meeting(m, &m->events[i]) && m->events[i].participants.known)
                v += m->events[i].participants.value;
    } else if (!strcmp(id, "tables_rondes") || !strcmp(id, "mini_conferences") ||
               !strcmp(id, "ateliers_rencontre")) {
        pr_session_type t = !strcmp(id, "tables_rondes")      ? PR_SESSION_ROUND_TABLE
                            : !strcmp(id, "mini_conferences") ? PR_SESSION_MINI_CONFERENCE
                                                              : PR_SESSION_WORKSHOP;
        for (size_t i = 0; i < m->n_events; i++) {
            const pr_event *e = &m->events[i];
            if (!is_national_meeting(m, e))
                continue;
            for (size_t s = 0; s < e->n_sessions; s++)
                v += e->sessions[s].type == t;
        }
    } else if (!strcmp(id, "intervenants_rencontre")) {
        char **keys = NULL;
        size_t n = 0, cap = 0;
        for (size_t i = 0; i < m->n_events; i++) {
            const pr_event *e = &m->events[i];
            if (!is_national_meeting(m, e))
                continue;
            for (size_t k = 0; k < e->n_speakers; k++)
                PR_PUSH(keys, n, cap, speaker_key(&e->speakers[k]));
            for (size_t s = 0; s < e->n_sessions; s++)
                for (size_t k = 0; k < e->sessions[s].n_speakers; k++)
                    PR_PUSH(keys, n, cap, speaker_key(&e->sessions[s].speakers[k]));
        }
        const char **view = pr_malloc((n ? n : 1) * sizeof *view);
        for (size_t k = 0; k < n; k++)
            view[k] = keys[k];
        v = (long)sort_unique(view, n);
        free(view);
        for (size_t k = 0; k < n; k++)
            free(keys[k]);
        free(keys);
    } else if (!strcmp(id, "lettres")) {
        for (size_t i = 0; i < m->n_newsletters; i++)
            v += in_year(m, m->newsletters[i].date);
    } else if (!strcmp(id, "chantiers_actifs")) {
        for (size_t i = 0; i < m->n_workstreams; i++) {
            pr_status s = status_in(&m->workstreams[i], year);
            v += s == PR_STATUS_ACTIVE || s == PR_STATUS_DONE;
        }
    } else if (!strcmp(id, "personnes_mobilisees")) {
        for (size_t i = 0; i < m->n_events; i++)
            if (in_year(m, m->events[i].date))
                v += pr_event_attendance(&m->events[i], NULL);
    } else if (!strcmp(id, "personnes_mobilisees_plancher")) {
        v = pr_round_down_display(pr_figure_value(f, "personnes_mobilisees"));
    } else if (!strcmp(id, "reunions_copil")) {
        for (size_t i = 0; i < m->n_meetings; i++)
            v += in_year(m, m->meetings[i].date);
    } else if (!strcmp(id, "partenaires")) {
        for (size_t i = 0; i < m->n_partners; i++)
            v += m->partners[i].since <= year;
    } else if (!strcmp(id, "partenaires_nouveaux")) {
        for (size_t i = 0; i < m->n_partners; i++)
            v += m->partners[i].since == year;
    } else if (!strcmp(id, "reseaux_locaux") || !strcmp(id, "reseaux_regionaux") ||
               !strcmp(id, "reseaux_departementaux")) {
        for (size_t i = 0; i < m->n_local_networks; i++) {
            const pr_local_network *ln = &m->local_networks[i];
            if (!ln->active)
                continue;
            if (!strcmp(id, "reseaux_locaux"))
                v++;
            else if (!strcmp(id, "reseaux_regionaux"))
                v += ln->scale == PR_SCALE_REGIONAL;
            else
                v += ln->scale != PR_SCALE_REGIONAL;
        }
    } else if (!strcmp(id, "departements_couverts")) {
        v = (long)f->n_covered;
    } else {
        abort(); /* a definition without a computation: programming error */
    }
    return v;
}

void pr_figures_compute(const pr_model *m, pr_figures *out)
{
    memset(out, 0, sizeof *out);
    size_t n = 0;
    while (figure_defs[n].id)
        n++;
    out->items = pr_calloc(n, sizeof *out->items);
    out->n_covered = count_covered(m, &out->covered);
    /* in table order: a figure may use an earlier one */
    for (size_t i = 0; i < n; i++) {
        out->items[i].def = &figure_defs[i];
        out->n = i;
        out->items[i].value = compute(m, figure_defs[i].id, out);
    }
    out->n = n;
}

void pr_figures_free(pr_figures *f)
{
    free(f->items);
    free(f->covered);
    memset(f, 0, sizeof *f);
}

const pr_figure *pr_figures_get(const pr_figures *f, const char *id)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->items[i].def->id, id))
            return &f->items[i];
    return NULL;
}

long pr_figure_value(const pr_figures *f, const char *id)
{
    const pr_figure *fig = pr_figures_get(f, id);
    if (!fig)
        abort();
    return fig->value;
}

void pr_checks_compute(const pr_model *m, const pr_figures *f, int strict,
                       pr_checks *out, pr_diags *diags)
{
    memset(out, 0, sizeof *out);
    out->items = pr_calloc(m->n_declared ? m->n_declared : 1, sizeof *out->items);
    for (size_t i = 0; i < m->n_declared; i++) {
        const pr_declared *d = &m->declared[i];
        const pr_figure *fig = pr_figures_get(f, d->figure);
        if (!fig) /* the validator guarantees known ids */
            abort();
        pr_check c = {d, fig, fig->value - d->value};
        out->items[out->n++] = c;
        if (c.difference) {
            out->n_mismatch++;
            char *path = pr_asprintf("chiffres_declares[%zu]", i);
            pr_diag_add(diags, strict ? PR_SEV_ERROR : PR_SEV_WARNING, PR_DIAG_DATA, d->pos, path,
                        "chiffre déclaré « %s » = %ld, calculé à partir des données = %ld (écart %+ld)",
                        d->figure, d->value, fig->value, c.difference);
            free(path);
        }
    }
}

void pr_checks_free(pr_checks *c)
{
    free(c->items);
    memset(c, 0, sizeof *c);
}
