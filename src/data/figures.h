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
    PR_RECORDS_PRESENCES,        /* evenements[].elus: one official at one event */
    PR_RECORDS_OFFICIALS,        /* elus */
    PR_RECORDS_WORKSTREAMS,      /* chantiers */
    PR_RECORDS_NEWSLETTERS,      /* lettres */
    PR_RECORDS_MEETINGS,         /* gouvernance */
    PR_RECORDS_PARTNERS,         /* partenaires */
    PR_RECORDS_NETWORKS,         /* reseaux_locaux */
    PR_RECORDS_DEPARTEMENTS      /* every département, covered or not */
} pr_record_kind;

/* What a figure's value is:
 *   PR_FIGURE_COUNT       a number of records (or of distinct ones);
 *   PR_FIGURE_ATTENDANCE  a sum of the participants the data declare: an
 *                         "environ" or "plus de" count adds its value and
 *                         makes the total approximate, a record without a
 *                         count is left out (unknown, never 0); the figure
 *                         also says how many it approximates and leaves out;
 *   PR_FIGURE_NUMBER      another number (an edition, a rounding). */
typedef enum { PR_FIGURE_COUNT, PR_FIGURE_ATTENDANCE, PR_FIGURE_NUMBER } pr_figure_kind;

/* The figures, in report order, one row each:
 *   X(CONSTANT, "id", records counted, kind, "unit", "label", "definition")
 * The id is what templates write ({{chiffre.ID}}), what chiffres_declares
 * names and what --figures-json prints; the unit says what one counts
 * (participations are not persons); the definition is printed by the annex
 * and --check, and must stay true to the code. A figure added here must be
 * computed (figures.c) and given a formula (annex/formulas.c): both switch
 * over pr_figure_id, so the build fails until it is. data/README.md
 * (partie 8) lists them for users. */
#define PR_FIGURE_TABLE(X)                                                                         \
    X(PR_FIG_EVENTS, "evenements", PR_RECORDS_EVENTS, PR_FIGURE_COUNT, "événements",               \
      "Événements de l'année",                                                                    \
      "Nombre d'événements datés de l'année du rapport, tous types et tous organisateurs "        \
      "confondus.")                                                                               \
    X(PR_FIG_EVENTS_ORGANISED, "evenements_organises", PR_RECORDS_EVENTS, PR_FIGURE_COUNT,         \
      "événements", "Événements organisés par le réseau",                                         \
      "Nombre d'événements de l'année que le réseau a organisés lui-même, c'est-à-dire sans "     \
      "organisateur renseigné : un stand sur le congrès d'un autre organisme ou une journée "     \
      "organisée par un partenaire ne comptent pas.")                                             \
    X(PR_FIG_OFFICIALS_WORKSHOPS, "ateliers_elus", PR_RECORDS_EVENTS, PR_FIGURE_COUNT,             \
      "ateliers", "Ateliers des élus engagés",                                                    \
      "Nombre d'événements de type « atelier des élus » datés de l'année.")                       \
    X(PR_FIG_OFFICIALS_ENGAGED, "elus_engages", PR_RECORDS_OFFICIALS, PR_FIGURE_COUNT,             \
      "élus (personnes distinctes)", "Élus engagés dans la planification",                        \
      "Nombre d'élus distincts, reconnus par leur identifiant, présents à au moins un atelier "   \
      "des élus de l'année : un élu venu à trois ateliers compte une fois.")                      \
    X(PR_FIG_OFFICIALS_PRESENCES, "participations_ateliers_elus", PR_RECORDS_PRESENCES,            \
      PR_FIGURE_COUNT, "participations", "Participations des élus aux ateliers des élus",         \
      "Nombre de présences d'élus aux ateliers des élus de l'année : un élu venu à trois "        \
      "ateliers compte trois fois.")                                                              \
    X(PR_FIG_NATIONAL_MEETING_EDITION, "rencontre_nationale_edition", PR_RECORDS_EVENTS,           \
      PR_FIGURE_NUMBER, "numéro d'édition", "Édition de la rencontre nationale",                  \
      "Numéro d'édition de la rencontre nationale la plus récente de l'année (à date égale, "  \
      "la plus grande édition ; 0 s'il n'y en a pas).")    \
    X(PR_FIG_NATIONAL_MEETING_PARTICIPANTS, "rencontre_nationale_participants",                   \
      PR_RECORDS_EVENTS, PR_FIGURE_ATTENDANCE, "participations déclarées",                        \
      "Participants à la rencontre nationale",                                                    \
      "Somme des participants déclarés des rencontres nationales de l'année. Un effectif "        \
      "« environ » ou « plus de » compte pour sa valeur (effectif approché) ; une rencontre "     \
      "sans effectif déclaré est laissée de côté (effectif inconnu, et non zéro).")               \
    X(PR_FIG_ROUND_TABLES, "tables_rondes", PR_RECORDS_SESSIONS, PR_FIGURE_COUNT, "sessions",      \
      "Tables rondes de la rencontre nationale",                                                  \
      "Nombre de sessions de type « table ronde » des rencontres nationales de l'année.")         \
    X(PR_FIG_MINI_CONFERENCES, "mini_conferences", PR_RECORDS_SESSIONS, PR_FIGURE_COUNT,           \
      "sessions", "Mini-conférences de la rencontre nationale",                                   \
      "Nombre de sessions de type « mini-conférence » des rencontres nationales de l'année.")     \
    X(PR_FIG_MEETING_WORKSHOPS, "ateliers_rencontre", PR_RECORDS_SESSIONS, PR_FIGURE_COUNT,        \
      "sessions", "Ateliers de la rencontre nationale",                                           \
      "Nombre de sessions de type « atelier » des rencontres nationales de l'année.")             \
    X(PR_FIG_MEETING_SPEAKERS, "intervenants_rencontre", PR_RECORDS_SPEAKERS, PR_FIGURE_COUNT,     \
      "intervenants distincts", "Intervenants de la rencontre nationale",                         \
      "Nombre d'intervenants distincts des rencontres nationales de l'année, sessions "           \
      "comprises : une personne est reconnue à son prénom et à son nom, un organisme qui "        \
      "intervient sans nom de personne à son nom, sans tenir compte des majuscules ; qui "        \
      "intervient deux fois compte une fois.")                                                    \
    X(PR_FIG_MEETING_TALKS, "interventions_rencontre", PR_RECORDS_SPEAKERS, PR_FIGURE_COUNT,       \
      "interventions", "Interventions à la rencontre nationale",                                  \
      "Nombre d'interventions aux rencontres nationales de l'année, sessions comprises : qui "    \
      "intervient deux fois compte deux fois.")                                                   \
    X(PR_FIG_CONGRESS_STANDS, "stands_congres", PR_RECORDS_EVENTS, PR_FIGURE_COUNT, "stands",      \
      "Stands sur un congrès",                                                                    \
      "Nombre d'événements de type « stand sur un congrès » datés de l'année.")                   \
    X(PR_FIG_REFERENTS_MEETINGS, "reunions_referents", PR_RECORDS_EVENTS, PR_FIGURE_COUNT,         \
      "rencontres", "Rencontres des référents locaux",                                            \
      "Nombre d'événements de type « rencontre des référents » datés de l'année.")                \
    X(PR_FIG_NEWSLETTERS, "lettres", PR_RECORDS_NEWSLETTERS, PR_FIGURE_COUNT, "lettres",           \
      "Lettres d'info publiées",                                                                  \
      "Nombre de lettres d'info datées de l'année.")                                              \
    X(PR_FIG_ACTIVE_WORKSTREAMS, "chantiers_actifs", PR_RECORDS_WORKSTREAMS, PR_FIGURE_COUNT,      \
      "chantiers", "Chantiers menés dans l'année",                                                \
      "Nombre de chantiers en cours ou terminés dans l'année : la somme des deux chiffres "       \
      "suivants.")                                                                                \
    X(PR_FIG_WORKSTREAMS_IN_PROGRESS, "chantiers_en_cours", PR_RECORDS_WORKSTREAMS,                \
      PR_FIGURE_COUNT, "chantiers", "Chantiers en cours",                                         \
      "Nombre de chantiers dont le statut pour l'année est « en cours ».")                        \
    X(PR_FIG_WORKSTREAMS_FINISHED, "chantiers_termines", PR_RECORDS_WORKSTREAMS, PR_FIGURE_COUNT,  \
      "chantiers", "Chantiers terminés dans l'année",                                             \
      "Nombre de chantiers dont le statut pour l'année est « terminé » et ne l'était pas "        \
      "l'année précédente.")                                                                      \
    X(PR_FIG_PEOPLE, "personnes_mobilisees", PR_RECORDS_EVENTS, PR_FIGURE_ATTENDANCE,              \
      "participations déclarées", "Participations déclarées aux événements de l'année",           \
      "Somme des participants déclarés des événements de l'année. Ce sont des participations, "   \
      "non des personnes distinctes : qui vient à deux événements compte deux fois. Un effectif " \
      "« environ » ou « plus de » compte pour sa valeur (effectif approché) ; un événement sans " \
      "effectif déclaré est laissé de côté (effectif inconnu, et non zéro).")                     \
    X(PR_FIG_PEOPLE_APPROX_EVENTS, "evenements_effectif_approche", PR_RECORDS_EVENTS,              \
      PR_FIGURE_COUNT, "événements", "Événements à l'effectif approché",                          \
      "Nombre d'événements de l'année dont l'effectif déclaré est « environ » ou « plus de » : "   \
      "leurs participations comptent pour leur valeur approchée.")                                \
    X(PR_FIG_PEOPLE_UNKNOWN_EVENTS, "evenements_effectif_inconnu", PR_RECORDS_EVENTS,              \
      PR_FIGURE_COUNT, "événements", "Événements sans effectif déclaré",                          \
      "Nombre d'événements de l'année sans effectif déclaré : leurs participations ne sont pas "  \
      "comptées.")                                                                                \
    X(PR_FIG_PEOPLE_FLOOR, "personnes_mobilisees_plancher", PR_RECORDS_EVENTS, PR_FIGURE_NUMBER,   \
      "participations déclarées (arrondi)", "Participations déclarées, arrondies (« plus de »)",  \
      "Participations déclarées arrondies à la centaine inférieure (à la dizaine sous 100), "     \
      "pour l'affichage « plus de N ».")                                                          \
    X(PR_FIG_GOVERNANCE_MEETINGS, "reunions_gouvernance", PR_RECORDS_MEETINGS, PR_FIGURE_COUNT,    \
      "réunions", "Réunions de gouvernance",                                                      \
      "Nombre de réunions de gouvernance datées de l'année, toutes instances confondues.")        \
    X(PR_FIG_STEERING_MEETINGS, "reunions_copil", PR_RECORDS_MEETINGS, PR_FIGURE_COUNT,            \
      "réunions", "Réunions du comité de pilotage",                                               \
      "Nombre de réunions de gouvernance datées de l'année dont le type est « comité de "         \
      "pilotage ».")                                                                              \
    X(PR_FIG_TECHNICAL_MEETINGS, "reunions_comite_technique", PR_RECORDS_MEETINGS,                 \
      PR_FIGURE_COUNT, "réunions", "Réunions du comité technique",                                \
      "Nombre de réunions de gouvernance datées de l'année dont le type est « comité "            \
      "technique ».")                                                                             \
    X(PR_FIG_PARTNERS, "partenaires", PR_RECORDS_PARTNERS, PR_FIGURE_COUNT, "partenaires",         \
      "Partenaires du comité de pilotage",                                                        \
      "Nombre de partenaires ayant rejoint le comité de pilotage au plus tard l'année du "        \
      "rapport.")                                                                                 \
    X(PR_FIG_NEW_PARTNERS, "partenaires_nouveaux", PR_RECORDS_PARTNERS, PR_FIGURE_COUNT,           \
      "partenaires", "Nouveaux partenaires de l'année",                                           \
      "Nombre de partenaires ayant rejoint le comité de pilotage l'année du rapport.")            \
    X(PR_FIG_LOCAL_NETWORKS, "reseaux_locaux", PR_RECORDS_NETWORKS, PR_FIGURE_COUNT, "réseaux",    \
      "Réseaux locaux actifs",                                                                    \
      "Nombre de réseaux locaux actifs.")                                                         \
    X(PR_FIG_REGIONAL_NETWORKS, "reseaux_regionaux", PR_RECORDS_NETWORKS, PR_FIGURE_COUNT,         \
      "réseaux", "Réseaux locaux régionaux",                                                      \
      "Nombre de réseaux locaux actifs à l'échelle régionale.")                                   \
    X(PR_FIG_DEPARTEMENTAL_NETWORKS, "reseaux_departementaux", PR_RECORDS_NETWORKS,                \
      PR_FIGURE_COUNT, "réseaux", "Réseaux locaux départementaux ou interdépartementaux",         \
      "Nombre de réseaux locaux actifs à l'échelle départementale ou interdépartementale.")       \
    X(PR_FIG_DEPARTEMENTS_COVERED, "departements_couverts", PR_RECORDS_DEPARTEMENTS,               \
      PR_FIGURE_COUNT, "départements", "Départements couverts par un réseau local",               \
      "Nombre de départements distincts couverts par un réseau local actif ; un réseau "          \
      "régional couvre tous les départements de sa ou ses régions.")

typedef enum {
#define PR_FIGURE_CONSTANT(constant, id, records, kind, unit, label, definition) constant,
    PR_FIGURE_TABLE(PR_FIGURE_CONSTANT)
#undef PR_FIGURE_CONSTANT
} pr_figure_id;
#define PR_FIGURE_PLUS_ONE(constant, id, records, kind, unit, label, definition) +1
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
    pr_figure_kind kind;      /* PR_FIGURE_COUNT */
    const char *unit;         /* "ateliers" */
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
    /* PR_FIGURE_ATTENDANCE figures (index: pr_figure_id; 0 for the others):
     * the records counted at an approximate value ("environ", "plus de")
     * and those left out for want of a count */
    long n_approx[PR_FIG__COUNT], n_unknown[PR_FIG__COUNT];
} pr_figures;

/* How a declared figure compares with the data: equal; "plus de N" with
 * the computed value at least N; "environ N" within PR_CHECK_MARGIN_PCT
 * per cent of N; or different (published too high, or too low). */
#define PR_CHECK_STATUS_TABLE(X)                                                   \
    X(PR_CHECK_EQUAL, "concorde", "Concorde")                                      \
    X(PR_CHECK_AT_LEAST, "concorde_plus_de", "Concorde (au moins la valeur publiée)") \
    X(PR_CHECK_ABOUT, "concorde_environ", "Concorde (à 10 % près)")               \
    X(PR_CHECK_TOO_HIGH, "publie_trop_haut", "Diffère : publié trop haut")        \
    X(PR_CHECK_TOO_LOW, "publie_trop_bas", "Diffère : publié trop bas")
typedef enum {
#define PR_CHECK_STATUS_CONSTANT(constant, key, label) constant,
    PR_CHECK_STATUS_TABLE(PR_CHECK_STATUS_CONSTANT)
#undef PR_CHECK_STATUS_CONSTANT
} pr_check_status;
/* The margin of an "environ" figure: |computed - declared| * 100 <=
 * declared * PR_CHECK_MARGIN_PCT (the status label says it in words). */
#define PR_CHECK_MARGIN_PCT 10

typedef struct pr_check {
    const pr_declared *declared;
    const pr_figure *figure;
    long difference;          /* computed - declared */
    pr_check_status status;
} pr_check;

typedef struct pr_checks {
    pr_check *items;
    size_t n;
    size_t n_mismatch;        /* checks that differ */
} pr_checks;

/* "Concorde", "Diffère : publié trop haut"...: the status in words. */
const char *pr_check_status_label(pr_check_status s);
/* Whether a status is a difference (published too high or too low). */
int pr_check_differs(pr_check_status s);
/* The status of a declared value against a computed one. */
pr_check_status pr_check_compare(long declared, pr_count_precision prec, long computed);

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

/* Compare each declared figure with its computed value ("plus de" and
 * "environ" as such: pr_check_compare). Adds a warning per difference (an
 * error when `strict`), positioned at the declaration. */
void pr_checks_compute(const pr_model *m, const pr_figures *f, int strict,
                       pr_checks *out, pr_diags *diags);
void pr_checks_free(pr_checks *c);

/* How an event's attendance is known: a declared exact count, a declared
 * approximate one ("environ", "plus de"), or none (unknown, not 0). */
typedef enum { PR_ATTENDANCE_EXACT, PR_ATTENDANCE_APPROX, PR_ATTENDANCE_UNKNOWN } pr_attendance;
pr_attendance pr_count_attendance(pr_count c);
/* "exact", "approché", "inconnu" (the annex's Effectif column). */
const char *pr_attendance_label(pr_attendance a);

/* A speaker's identity for counting distinct speakers: "p:prénom nom" when
 * a name is given, else "o:organisation", in lower case as spreadsheets'
 * LOWER gives it (pr_utf8_lower: the annex recomputes these keys with
 * LOWER and compares them with EXACT). Caller frees. */
char *pr_speaker_key(const pr_person *p);

/* "Plus de N": the largest round number not above v (to the hundred from
 * 100, to the ten from 10, v itself below 10). */
long pr_round_down_display(long v);

#endif
