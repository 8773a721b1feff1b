/* figures.h — the report's key figures, computed from the model, and the
 * cross-check of the figures the bureau declared (chiffres_declares).
 *
 * Each figure has a constant (pr_figure_id), a stable id (used by templates
 * as {{chiffre.ID}}, by the annex, by --figures-json), the records it
 * counts, a French label, an integer value and a one-line French definition
 * of how it is computed. All of it comes from one table, PR_FIGURE_TABLE
 * below; pr_figure_defs() lists the figures in report order. */
#ifndef PR_FIGURES_H
#define PR_FIGURES_H

#include <stddef.h>

#include "base/diag.h"
#include "data/model.h"

/* The records a figure counts: the annex lists them on one sheet each. */
typedef enum {
    PR_RECORDS_EVENTS,           /* evenements */
    PR_RECORDS_SESSIONS,         /* evenements[].sessions */
    PR_RECORDS_SPEAKERS,         /* intervenants of events and sessions */
    PR_RECORDS_OFFICIALS,        /* elus */
    PR_RECORDS_WORKSTREAMS,      /* chantiers */
    PR_RECORDS_NEWSLETTERS,      /* lettres */
    PR_RECORDS_MEETINGS,         /* gouvernance */
    PR_RECORDS_PARTNERS,         /* partenaires */
    PR_RECORDS_NETWORKS,         /* reseaux_locaux */
    PR_RECORDS_DEPARTEMENTS      /* the départements active networks cover */
} pr_record_kind;

/* The figures, in report order, one row each:
 *   X(CONSTANT, "id", records counted, "label", "definition")
 * The id is what templates write ({{chiffre.ID}}), what chiffres_declares
 * names and what --figures-json prints; the definition is printed by the
 * annex and --check, and must stay true to the code. A figure added here
 * must be computed (figures.c) and given a formula (annex/formulas.c): both
 * switch over pr_figure_id, so the build fails until it is. */
#define PR_FIGURE_TABLE(X)                                                                         \
    X(PR_FIG_EVENTS, "evenements", PR_RECORDS_EVENTS,                                             \
      "Événements de l'année",                                                                    \
      "Nombre d'événements datés de l'année du rapport, tous types confondus.")                   \
    X(PR_FIG_OFFICIALS_WORKSHOPS, "ateliers_elus", PR_RECORDS_EVENTS,                             \
      "Ateliers des élus engagés",                                                                \
      "Nombre d'événements de type « atelier des élus » datés de l'année.")                       \
    X(PR_FIG_OFFICIALS_ENGAGED, "elus_engages", PR_RECORDS_OFFICIALS,                             \
      "Élus engagés dans la planification",                                                       \
      "Nombre d'élus distincts ayant participé à au moins un atelier des élus de l'année.")       \
    X(PR_FIG_NATIONAL_MEETING_EDITION, "rencontre_nationale_edition", PR_RECORDS_EVENTS,          \
      "Édition de la rencontre nationale",                                                        \
      "Numéro d'édition de la dernière rencontre nationale de l'année (0 s'il n'y en a pas).")    \
    X(PR_FIG_NATIONAL_MEETING_PARTICIPANTS, "rencontre_nationale_participants",                   \
      PR_RECORDS_EVENTS,                                                                          \
      "Participants à la rencontre nationale",                                                    \
      "Participants déclarés pour les rencontres nationales de l'année (somme).")                 \
    X(PR_FIG_ROUND_TABLES, "tables_rondes", PR_RECORDS_SESSIONS,                                  \
      "Tables rondes de la rencontre nationale",                                                  \
      "Nombre de sessions de type « table ronde » des rencontres nationales de l'année.")         \
    X(PR_FIG_MINI_CONFERENCES, "mini_conferences", PR_RECORDS_SESSIONS,                           \
      "Mini-conférences de la rencontre nationale",                                               \
      "Nombre de sessions de type « mini-conférence » des rencontres nationales de l'année.")     \
    X(PR_FIG_MEETING_WORKSHOPS, "ateliers_rencontre", PR_RECORDS_SESSIONS,                        \
      "Ateliers de la rencontre nationale",                                                       \
      "Nombre de sessions de type « atelier » des rencontres nationales de l'année.")             \
    X(PR_FIG_MEETING_SPEAKERS, "intervenants_rencontre", PR_RECORDS_SPEAKERS,                     \
      "Intervenants de la rencontre nationale",                                                   \
      "Nombre d'intervenants distincts (personne, ou organisation quand aucun nom n'est donné) "  \
      "des rencontres nationales de l'année, sessions comprises.")                                \
    X(PR_FIG_CONGRESS_STANDS, "stands_congres", PR_RECORDS_EVENTS,                                \
      "Stands sur un congrès",                                                                    \
      "Nombre d'événements de type « stand sur un congrès » datés de l'année.")                   \
    X(PR_FIG_REFERENTS_MEETINGS, "reunions_referents", PR_RECORDS_EVENTS,                         \
      "Rencontres des référents locaux",                                                          \
      "Nombre d'événements de type « rencontre des référents » datés de l'année.")                \
    X(PR_FIG_NEWSLETTERS, "lettres", PR_RECORDS_NEWSLETTERS,                                      \
      "Lettres d'info publiées",                                                                  \
      "Nombre de lettres d'info datées de l'année.")                                              \
    X(PR_FIG_ACTIVE_WORKSTREAMS, "chantiers_actifs", PR_RECORDS_WORKSTREAMS,                      \
      "Chantiers thématiques actifs",                                                             \
      "Nombre de chantiers dont le statut pour l'année est « en cours » ou « terminé ».")         \
    X(PR_FIG_PEOPLE, "personnes_mobilisees", PR_RECORDS_EVENTS,                                   \
      "Personnes mobilisées dans l'année",                                                        \
      "Somme, sur les événements de l'année, des participants déclarés (une valeur « environ » "  \
      "ou « plus de » compte pour sa valeur) ou, à défaut, des personnes nommées dans les "       \
      "données (élus présents, intervenants, personnes interviewées).")                           \
    X(PR_FIG_PEOPLE_FLOOR, "personnes_mobilisees_plancher", PR_RECORDS_EVENTS,                    \
      "Personnes mobilisées (« plus de »)",                                                       \
      "Personnes mobilisées arrondies à la centaine inférieure (à la dizaine sous 100), pour "    \
      "l'affichage « plus de N ».")                                                               \
    X(PR_FIG_GOVERNANCE_MEETINGS, "reunions_copil", PR_RECORDS_MEETINGS,                          \
      "Réunions de gouvernance",                                                                  \
      "Nombre de réunions de gouvernance datées de l'année.")                                     \
    X(PR_FIG_PARTNERS, "partenaires", PR_RECORDS_PARTNERS,                                        \
      "Partenaires du comité de pilotage",                                                        \
      "Nombre de partenaires ayant rejoint le comité de pilotage au plus tard l'année du "        \
      "rapport.")                                                                                 \
    X(PR_FIG_NEW_PARTNERS, "partenaires_nouveaux", PR_RECORDS_PARTNERS,                           \
      "Nouveaux partenaires de l'année",                                                          \
      "Nombre de partenaires ayant rejoint le comité de pilotage l'année du rapport.")            \
    X(PR_FIG_LOCAL_NETWORKS, "reseaux_locaux", PR_RECORDS_NETWORKS,                               \
      "Réseaux locaux actifs",                                                                    \
      "Nombre de réseaux locaux actifs.")                                                         \
    X(PR_FIG_REGIONAL_NETWORKS, "reseaux_regionaux", PR_RECORDS_NETWORKS,                         \
      "Réseaux locaux régionaux",                                                                 \
      "Nombre de réseaux locaux actifs à l'échelle régionale.")                                   \
    X(PR_FIG_DEPARTEMENTAL_NETWORKS, "reseaux_departementaux", PR_RECORDS_NETWORKS,               \
      "Réseaux locaux départementaux ou interdépartementaux",                                     \
      "Nombre de réseaux locaux actifs à l'échelle départementale ou interdépartementale.")       \
    X(PR_FIG_DEPARTEMENTS_COVERED, "departements_couverts", PR_RECORDS_DEPARTEMENTS,              \
      "Départements couverts par un réseau local",                                                \
      "Nombre de départements distincts couverts par un réseau local actif ; un réseau "          \
      "régional couvre tous les départements de sa ou ses régions.")

typedef enum {
#define PR_FIGURE_CONSTANT(constant, id, records, label, definition) constant,
    PR_FIGURE_TABLE(PR_FIGURE_CONSTANT)
#undef PR_FIGURE_CONSTANT
} pr_figure_id;
#define PR_FIGURE_PLUS_ONE(constant, id, records, label, definition) +1
enum { PR_FIG__COUNT = 0 PR_FIGURE_TABLE(PR_FIGURE_PLUS_ONE) };
#undef PR_FIGURE_PLUS_ONE

/* ---- definitions that changed --------------------------------------------
 * A figure's definition may change from one report to the next (what it
 * counts, what it leaves out). Each change is a row
 *   X(CONSTANT, version, first year, "what changed")
 * listed oldest first for a figure: from the report of `first year` on,
 * the figure follows definition `version` (every figure's first definition
 * is version 1). What this program computes always follows the latest
 * version, whatever the year: a year recomputed from its data file compares
 * with any other. A value published in an earlier report
 * (annees_precedentes.chiffres) follows the version in force that year,
 * unless it says which; two values of different versions are never
 * compared (history.h): the report and the annex say « définition modifiée
 * en AAAA : non comparable ». */
#define PR_FIGURE_REVISIONS(X)                                                                     \
    X(PR_FIG_PEOPLE, 2, 2024,                                                                      \
      "ne compte plus que les participants déclarés (avant : à défaut, les personnes nommées "    \
      "dans les données)")

/* The version of figure `id`'s definition the program computes (its
 * latest), and the one in force for the report of `year`. */
int pr_figure_version(pr_figure_id id);
int pr_figure_version_in(pr_figure_id id, int year);
/* The first report year whose definition of `id` is a later version than
 * `version` (the change that makes a value of `version` not comparable
 * with today's), or 0 when there is none. *what (may be NULL) gets what
 * changed. */
int pr_figure_changed_after(pr_figure_id id, int version, const char **what);

typedef struct pr_figure_def {
    pr_figure_id key;         /* PR_FIG_OFFICIALS_WORKSHOPS */
    const char *id;           /* "ateliers_elus" */
    pr_record_kind records;   /* PR_RECORDS_EVENTS */
    const char *label;        /* "Ateliers des élus engagés" */
    const char *definition;   /* "Nombre d'événements de type « atelier des élus »…" */
} pr_figure_def;

typedef struct pr_figure {
    const pr_figure_def *def;
    long value;
} pr_figure;

typedef struct pr_figures {
    pr_figure *items;         /* in pr_figure_defs() order: items[key] */
    size_t n;
    /* The distinct départements covered by active local networks (a regional
     * network expands to all the départements of its régions), sorted by
     * code; shared by the figure, the map and the annex. */
    const char **covered;
    size_t n_covered;
} pr_figures;

typedef struct pr_check {
    const pr_declared *declared;
    const pr_figure *figure;
    long difference;          /* computed - declared */
} pr_check;

typedef struct pr_checks {
    pr_check *items;
    size_t n;
    size_t n_mismatch;
} pr_checks;

/* The static table of figure definitions, in pr_figure_id order,
 * NULL-id terminated. */
const pr_figure_def *pr_figure_defs(void);
/* The definition of id "ateliers_elus" (templates, data), or NULL. */
const pr_figure_def *pr_figure_def_find(const char *id);

void pr_figures_compute(const pr_model *m, pr_figures *out);
void pr_figures_free(pr_figures *f);
/* A computed figure by id string, or NULL when there is no such figure. */
const pr_figure *pr_figures_get(const pr_figures *f, const char *id);
/* Value of a figure by id string; aborts on an unknown id (a programming
 * error). In code, prefer f->items[PR_FIG_...].value. */
long pr_figure_value(const pr_figures *f, const char *id);

/* Compare each declared figure with its computed value. Adds a warning per
 * difference (an error when `strict`), positioned at the declaration. */
void pr_checks_compute(const pr_model *m, const pr_figures *f, int strict,
                       pr_checks *out, pr_diags *diags);
void pr_checks_free(pr_checks *c);

/* The people an event counts for in "personnes mobilisées": its declared
 * participants when given; otherwise the people the data names for it
 * (officials present, speakers of the event and of its sessions, people
 * interviewed). *declared (may be NULL) tells which. */
long pr_event_attendance(const pr_event *e, int *declared);

/* A speaker's identity for counting distinct speakers: "p:prénom nom" when
 * a name is given, else "o:organisation", ASCII letters in lower case (the
 * annex compares these keys with EXACT). Caller frees. */
char *pr_speaker_key(const pr_person *p);

/* "Plus de N": the largest round number not above v (to the hundred from
 * 100, to the ten from 10, v itself below 10). */
long pr_round_down_display(long v);

#endif
