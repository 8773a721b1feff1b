/* model.h — one year of the Planif Territoires network, validated and typed.
 *
 * Built by pr_model_build() (model_build.c) from the document tree of a YAML
 * or JSON file; a pr_model exists only if it validated, so later stages may
 * assert its invariants (references resolve, dates are real dates, codes are
 * official, counts are >= 0) instead of re-checking them.
 *
 * Ownership: every string and array hangs off model->arena and is freed by
 * pr_model_free(). Renderers receive `const pr_model *`.
 *
 * The data file's keys are French (users write them); the comment after each
 * field names its key. data/README.md documents the format for users.
 * Optional fields are NULL / 0 / empty when absent (noted "opt.").
 *
 * model_schema.h describes these structs field by field (keys, kinds,
 * defaults, derived values): a field added here is added to its record's
 * table there, which validation, templates and the dump then follow (and
 * a test checks data/README.md against it). */
#ifndef PR_MODEL_H
#define PR_MODEL_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"

/* ---- enumerations: one table each -------------------------------------
 * Every enum below is generated from one table of rows
 *   X(CONSTANT, "key", "label")
 * where the key is the data file's spelling (what model_build.c accepts and
 * pr_model_dump writes) and the label the French text the report and the
 * annex show. A value added to a table gets its key and label everywhere.
 * pr_<enum>_key() / pr_<enum>_label() read the tables; the arrays
 * pr_<enum>_keys[] list the keys in enum order, NULL-terminated. The
 * number of values (PR_<ENUM>__COUNT) is not an enum constant, so that a
 * switch over an enum still lists every value. */
#define PR_ENUM_CONSTANT(constant, key, label) constant,
#define PR_ENUM_PLUS_ONE(constant, key, label) +1

/* ---- enumerations: one table each -------------------------------------
 * Every enum below is generated from one table of rows
 *   X(CONSTANT, "key", "label")
 * where the key is the data file's spelling (what model_build.c accepts and
 * pr_model_dump writes) and the label the French text the report and the
 * annex show. A value added to a table gets its key and label everywhere.
 * pr_<enum>_key() / pr_<enum>_label() read the tables; the arrays
 * pr_<enum>_keys[] list the keys in enum order, NULL-terminated. The
 * number of values (PR_<ENUM>__COUNT) is not an enum constant, so that a
 * switch over an enum still lists every value. */
#define PR_ENUM_CONSTANT(constant, key, label) constant,
#define PR_ENUM_PLUS_ONE(constant, key, label) +1

/* ---- basic types ------------------------------------------------------ */
typedef enum { PR_DATE_NONE = 0, PR_DATE_YEAR, PR_DATE_MONTH, PR_DATE_DAY } pr_date_precision;

/* "2023-12-07" (day), "2023-12" (month), or 2023 (year). */
typedef struct pr_date {
    int year, month, day;          /* month/day 0 when not given */
    pr_date_precision prec;
} pr_date;

typedef struct pr_strlist {
    const char **items;
    size_t n;
} pr_strlist;

/* A count that may be approximate: `participants: 200` or
 * `participants: {valeur: 60, precision: environ}`. */
#define PR_COUNT_PRECISION_TABLE(X)                                           \
    X(PR_COUNT_EXACT, "exact", "exact")                                       \
    X(PR_COUNT_ABOUT, "environ", "environ")                                   \
    X(PR_COUNT_AT_LEAST, "plus_de", "plus de")
typedef enum { PR_COUNT_PRECISION_TABLE(PR_ENUM_CONSTANT) } pr_count_precision;
enum { PR_COUNT__PRECISIONS = 0 PR_COUNT_PRECISION_TABLE(PR_ENUM_PLUS_ONE) };
typedef struct pr_count {
    int known;                     /* 0: not given */
    long value;
    pr_count_precision prec;       /* precision: exact | environ | plus_de */
} pr_count;

/* A titled text with optional bold lead-in: {titre, texte}. */
typedef struct pr_item {
    const char *title;             /* titre (opt.) */
    const char *text;              /* texte (opt.) */
    pr_pos pos;
} pr_item;

/* A person named in the data (speakers, quote authors, credits...). */
typedef struct pr_person {
    const char *first_name;        /* prenom (opt.) */
    const char *last_name;         /* nom (opt. if organisation given) */
    const char *role;              /* role (opt.) */
    const char *organisation;      /* organisation (opt.) */
    pr_pos pos;
} pr_person;

/* ---- report identity: key `rapport` ----------------------------------- */
typedef struct pr_credit {
    const char *role;              /* role: "Direction de rédaction" */
    pr_strlist people;             /* personnes: ["Émilie BONNET-DERIVIÈRE", ...] */
    const char *organisation;      /* organisation (opt.) */
} pr_credit;

typedef struct pr_report_info {
    int year;                      /* annee: 2023 */
    const char *title;             /* titre: "Rapport d'activités 2023" */
    const char *publisher;         /* editeur: "DGALN / DHUP / UP3" */
    pr_date published;             /* publication: 2024-05 (month or day) */
    pr_strlist ministry;           /* ministere: lines of the ministry block */
    const char *website;           /* site_web: URL */
    const char *contact;           /* contact: e-mail address */
    pr_credit *credits;            /* credits */
    size_t n_credits;
    const char *licence;           /* licence: the annex's licence (opt.; NULL:
                                      PR_DEFAULT_LICENCE applies) */
} pr_report_info;

/* The licence of the annex when rapport.licence is not given. */
#define PR_DEFAULT_LICENCE "Licence Ouverte / Open Licence version 2.0 (Etalab)"

/* ---- network: key `reseau` -------------------------------------------- */
typedef struct pr_pillar {
    const char *title;             /* titre */
    const char *text;              /* texte (opt.) */
    pr_item *items;                /* elements (opt.) */
    size_t n_items;
} pr_pillar;

typedef struct pr_offer_column {
    const char *title;             /* titre */
    pr_strlist items;              /* elements */
} pr_offer_column;

typedef struct pr_axis {
    int number;                    /* numero: 1..n, unique */
    const char *short_title;       /* titre_court: "Acteurs" */
    const char *title;             /* titre */
    pr_pos pos;
} pr_axis;

typedef struct pr_network {
    const char *name;              /* nom: "Planif Territoires" */
    const char *tagline;           /* accroche */
    int launch_year;               /* lancement: 2022 */
    const char *predecessor_name;  /* predecesseur.nom: "Club PLUi" */
    int predecessor_year;          /* predecesseur.creation: 2013 */
    const char *presentation;      /* presentation: prose (opt.) */
    const char *history;           /* historique: prose (opt.) */
    pr_item *missions;             /* missions: [{titre, texte}] */
    size_t n_missions;
    pr_strlist audience;           /* publics: communes, EPCI... (opt.) */
    pr_pillar *pillars;            /* offre.piliers */
    size_t n_pillars;
    pr_offer_column *offer_columns;/* offre.colonnes (the four-column offer) */
    size_t n_offer_columns;
    int roadmap_start, roadmap_end;/* feuille_de_route.debut / .fin: 2023, 2024 */
    const char *roadmap_intro;     /* feuille_de_route.introduction (opt.) */
    pr_axis *axes;                 /* feuille_de_route.axes */
    size_t n_axes;
} pr_network;

/* ---- team: key `equipe` ----------------------------------------------- */
typedef struct pr_member {
    const char *first_name;        /* prenom */
    const char *last_name;         /* nom */
    const char *role;              /* role: "Cheffe du bureau ..." (opt.) */
    const char *organisation;      /* organisation: "DGALN/DHUP/UP3", "Neoclide" */
    const char *unit;              /* unite (opt.) */
    const char *photo;             /* photo: path relative to the data file (opt.) */
    pr_pos photo_pos;              /* where photo is written (a photo found
                                      unreadable is reported there) */
    pr_pos pos;
} pr_member;

typedef struct pr_consultancy {
    const char *name;              /* nom */
    const char *role;              /* role: "assistance à maîtrise d'ouvrage" */
    int lead;                      /* principal: true for the lead (one at most) */
    int since;                     /* depuis (opt., 0) */
} pr_consultancy;

typedef struct pr_team {
    const char *unit_name;         /* bureau: full name of the bureau */
    const char *unit_short;        /* sigle: "UP3" */
    const char *unit_former;       /* ancien_sigle: "QV3" (opt.) */
    const char *direction;         /* direction: "DGALN ..." */
    pr_member *members;            /* membres */
    size_t n_members;
    pr_consultancy *consultancies; /* prestataires */
    size_t n_consultancies;
} pr_team;

/* ---- partners: key `partenaires` -------------------------------------- */
typedef struct pr_partner {
    const char *id;                /* id: "cnfpt" (unique) */
    const char *acronym;           /* sigle (opt.) */
    const char *name;              /* nom */
    int since;                     /* depuis: year joined the steering committee */
    pr_pos pos;
} pr_partner;

/* ---- governance: key `gouvernance` ------------------------------------ */
/* The kind of a governance meeting (key `type`); when absent it follows
 * from `instance` (pr_meeting_kind_of_body). */
#define PR_MEETING_KIND_TABLE(X)                                              \
    X(PR_MEETING_STEERING, "comite_pilotage", "comité de pilotage")           \
    X(PR_MEETING_TECHNICAL, "comite_technique", "comité technique")           \
    X(PR_MEETING_OTHER, "autre", "autre instance")
typedef enum { PR_MEETING_KIND_TABLE(PR_ENUM_CONSTANT) } pr_meeting_kind;
enum { PR_MEETING__COUNT = 0 PR_MEETING_KIND_TABLE(PR_ENUM_PLUS_ONE) };

typedef struct pr_meeting {
    pr_date date;                  /* date */
    const char *body;              /* instance: "comité de pilotage" */
    pr_meeting_kind kind;          /* type (opt.: from `instance` when absent) */
    pr_strlist decisions;          /* decisions */
    pr_pos pos;
} pr_meeting;

/* ---- workstreams: key `chantiers` ------------------------------------- */
#define PR_STATUS_TABLE(X)                                                    \
    X(PR_STATUS_PLANNED, "prevu", "prévu")                                    \
    X(PR_STATUS_STARTED, "amorce", "amorcé")                                  \
    X(PR_STATUS_ACTIVE, "en_cours", "en cours")                               \
    X(PR_STATUS_DONE, "termine", "terminé")                                   \
    X(PR_STATUS_PAUSED, "suspendu", "suspendu")
typedef enum { PR_STATUS_TABLE(PR_ENUM_CONSTANT) } pr_status;
enum { PR_STATUS__COUNT = 0 PR_STATUS_TABLE(PR_ENUM_PLUS_ONE) };

typedef struct pr_year_status {
    int year;                      /* key of `statut`: {2023: en_cours, 2024: prevu} */
    pr_status status;
} pr_year_status;

typedef struct pr_action {
    const char *title;             /* titre */
    const char *text;              /* texte (opt.) */
    pr_status status;              /* statut */
    pr_date date;                  /* date (opt.) */
    pr_strlist actors;             /* acteurs: partner ids or names (opt.) */
    const char *event;             /* evenement: event id (opt., must exist) */
    pr_pos pos;
} pr_action;

typedef struct pr_deliverable {
    const char *title;             /* titre */
    pr_date due;                   /* echeance (opt.) */
} pr_deliverable;

typedef struct pr_workstream {
    const char *id;                /* id: "1.a", "3" (unique) */
    int axis;                      /* axe: number of a roadmap axis */
    const char *title;             /* titre */
    const char *summary;           /* resume: prose (opt.) */
    pr_year_status *statuses;      /* statut */
    size_t n_statuses;
    const char *group_name;        /* groupe.nom (opt.) */
    pr_strlist group_members;      /* groupe.membres: partner ids or names (opt.) */
    pr_strlist questions;          /* questions (opt.) */
    pr_strlist highlights;         /* points_forts (opt.) */
    pr_action *actions;            /* actions */
    size_t n_actions;
    pr_deliverable *deliverables;  /* livrables (opt.) */
    size_t n_deliverables;
    pr_pos pos;
} pr_workstream;

/* ---- elected officials: key `elus` ------------------------------------ */
typedef struct pr_official {
    const char *id;                /* id (unique) */
    const char *first_name;        /* prenom */
    const char *last_name;         /* nom */
    pr_strlist mandates;           /* mandats */
    const char *commune;           /* commune */
    const char *departement;       /* departement: INSEE code "59", "2A", "974" */
    int has_coords;                /* coordonnees given */
    double lat, lon;               /* coordonnees: {lat, lon} (opt.) */
    const char *workstream;        /* chantier: workstream id (opt.) */
    pr_pos pos;
} pr_official;

/* ---- events: key `evenements` ----------------------------------------- */
#define PR_EVENT_TYPE_TABLE(X)                                                \
    X(PR_EVENT_OFFICIALS_WORKSHOP, "atelier_elus", "Atelier des élus")        \
    X(PR_EVENT_WORKSHOP, "atelier", "Atelier")                                \
    X(PR_EVENT_WEBINAR, "webinaire", "Webinaire")                             \
    X(PR_EVENT_SEMINAR, "seminaire", "Séminaire")                             \
    X(PR_EVENT_NATIONAL_MEETING, "rencontre_nationale", "Rencontre nationale") \
    X(PR_EVENT_CONGRESS_STAND, "stand_congres", "Stand sur un congrès")       \
    X(PR_EVENT_REFERENTS_MEETING, "reunion_referents", "Rencontre des référents") \
    X(PR_EVENT_STUDY_DAY, "journee_etude", "Journée d'étude")                 \
    /* e.g. the opening of the website */                                     \
    X(PR_EVENT_PUBLICATION, "publication", "Publication (site, guide…)")      \
    X(PR_EVENT_OTHER, "autre", "Autre")
typedef enum { PR_EVENT_TYPE_TABLE(PR_ENUM_CONSTANT) } pr_event_type;
enum { PR_EVENT__COUNT = 0 PR_EVENT_TYPE_TABLE(PR_ENUM_PLUS_ONE) };

#define PR_SESSION_TYPE_TABLE(X)                                              \
    X(PR_SESSION_ROUND_TABLE, "table_ronde", "Table ronde")                   \
    X(PR_SESSION_MINI_CONFERENCE, "mini_conference", "Mini-conférence")       \
    X(PR_SESSION_WORKSHOP, "atelier", "Atelier")                              \
    X(PR_SESSION_PLENARY, "pleniere", "Plénière")
typedef enum { PR_SESSION_TYPE_TABLE(PR_ENUM_CONSTANT) } pr_session_type;
enum { PR_SESSION__COUNT = 0 PR_SESSION_TYPE_TABLE(PR_ENUM_PLUS_ONE) };

typedef struct pr_session {
    pr_session_type type;          /* type */
    const char *title;             /* titre */
    const char *text;              /* texte (opt.) */
    pr_person *speakers;           /* intervenants */
    size_t n_speakers;
    pr_count participants;         /* participants (opt.) */
    pr_pos pos;
} pr_session;

typedef struct pr_quote {
    const char *text;              /* texte */
    pr_person author;              /* auteur: {prenom, nom, role, organisation} */
    pr_pos pos;
} pr_quote;

typedef struct pr_event {
    const char *id;                /* id (unique) */
    pr_date date;                  /* date: day or month precision */
    pr_event_type type;            /* type */
    const char *title;             /* titre */
    const char *organiser;         /* organisateur: who organised it when the
                                      network did not (opt.; NULL: the network) */
    const char *theme;             /* theme (opt.) */
    const char *summary;           /* resume: prose (opt.) */
    int edition;                   /* edition: 2 for the 2nd national meeting (opt.) */
    const char *place;             /* lieu (opt.) */
    const char *city;              /* ville (opt.) */
    const char *postcode;          /* code_postal (opt.) */
    pr_count participants;         /* participants (opt.) */
    pr_person *speakers;           /* intervenants: outside sessions (opt.) */
    size_t n_speakers;
    const char *workstream;        /* chantier: workstream id (opt., must exist) */
    pr_strlist officials;          /* elus: official ids present (opt., must exist) */
    pr_session *sessions;          /* sessions (opt.) */
    size_t n_sessions;
    pr_quote *quotes;              /* citations (opt.) */
    size_t n_quotes;
    pr_person *interviews;         /* interviews: people filmed (opt.) */
    size_t n_interviews;
    pr_strlist topics;             /* thematiques (opt.) */
    pr_pos pos;
} pr_event;

/* ---- local networks: key `reseaux_locaux` ----------------------------- */
#define PR_SCALE_TABLE(X)                                                     \
    X(PR_SCALE_REGIONAL, "regional", "régional")                              \
    X(PR_SCALE_DEPARTMENTAL, "departemental", "départemental")                \
    X(PR_SCALE_INTERDEPARTMENTAL, "interdepartemental", "interdépartemental")
typedef enum { PR_SCALE_TABLE(PR_ENUM_CONSTANT) } pr_scale;
enum { PR_SCALE__COUNT = 0 PR_SCALE_TABLE(PR_ENUM_PLUS_ONE) };

typedef struct pr_local_network {
    const char *id;                /* id (unique) */
    const char *name;              /* nom */
    pr_scale scale;                /* echelle: regional | departemental | interdepartemental */
    pr_strlist regions;            /* regions: INSEE région codes "53" (regional) */
    pr_strlist departements;       /* departements: INSEE codes (others) */
    const char *lead;              /* pilote: "DREAL Bretagne", "DDT des Landes" */
    pr_strlist partners;           /* partenaires (opt.) */
    int active;                    /* actif: default true */
    int since;                     /* depuis (opt.) */
    pr_strlist covered;            /* derived: the départements covered: its
                                      own, or for a regional one those of its
                                      régions (each région's in code order) */
    pr_pos pos;
} pr_local_network;

/* ---- newsletters: key `lettres` --------------------------------------- */
typedef struct pr_newsletter {
    int number;                    /* numero (unique) */
    pr_date date;                  /* date: month precision */
    const char *grand_angle;       /* grand_angle: topic */
    pr_strlist highlights;         /* sujets: other contents (opt.) */
    pr_pos pos;
} pr_newsletter;

typedef struct pr_communication {
    pr_item *newsletter_sections;  /* communication.rubriques_lettre */
    size_t n_newsletter_sections;
    pr_date site_opening;          /* site.ouverture */
    const char *site_former;       /* site.ancien: "Club PLUi" (opt.) */
    pr_item *site_objectives;      /* site.objectifs */
    size_t n_site_objectives;
    pr_item *site_sections;        /* site.rubriques */
    size_t n_site_sections;
} pr_communication;

/* ---- declared figures: key `chiffres_declares` ------------------------ */
typedef struct pr_declared {
    const char *figure;            /* chiffre: a figure id (must exist) */
    long value;                    /* valeur */
    pr_count_precision prec;       /* precision: exact (default), environ ("près
                                      de 200"), plus_de ("plus de 300") */
    const char *as_printed;        /* libelle: the text as printed */
    const char *where;             /* source: "page 8, chiffres clés" (opt.) */
    const char *published_in;      /* publie_dans: the publication that printed
                                      it, "Rapport d'activités 2023 (mai 2024)" (opt.) */
    const char *explanation;       /* explication: why the published figure
                                      differs from the data (opt.) */
    pr_pos pos;
} pr_declared;

/* ---- earlier years: key `annees_precedentes` -------------------------- */
/* A key figure of an earlier year as it was published, for the years that
 * have no data file (history.h compares them with the report's year). */
typedef struct pr_published {
    int year;                      /* annee: 2022 (before rapport.annee) */
    const char *figure;            /* chiffre: a figure id (must exist) */
    long value;                    /* valeur */
    const char *where;             /* source: "Rapport d'activités 2023, partie 2" */
    int definition;                /* definition: the version of the figure's
                                      definition it follows (opt.; 0: the one in
                                      force that year, figures.h) */
    pr_pos pos;
} pr_published;

/* Longest address (rapport.site_web, rapport.contact), in characters. */
#define PR_MAX_URL_CHARS 2000

/* ---- the model ---------------------------------------------------------- */
struct pr_value;   /* value.h */
typedef struct pr_model {
    pr_arena arena;                /* owns every string and array below */
    pr_arena doc_arena;            /* owns `doc` (moved in by pr_model_build) */
    const struct pr_value *doc;    /* the validated document tree (value.h),
                                      kept for checks that need each value's
                                      place in the file; templates read the
                                      model, never this (include rules) */
    const char *source_file;       /* the data file's name as given */
    pr_report_info report;         /* rapport */
    pr_network network;            /* reseau */
    pr_team team;                  /* equipe */
    pr_partner *partners;          /* partenaires */
    size_t n_partners;
    pr_meeting *meetings;          /* gouvernance.reunions */
    size_t n_meetings;
    pr_strlist outreach;           /* gouvernance.echanges: bodies met (opt.) */
    pr_workstream *workstreams;    /* chantiers */
    size_t n_workstreams;
    pr_official *officials;        /* elus */
    size_t n_officials;
    pr_event *events;              /* evenements, sorted by date (stable) */
    size_t n_events;
    pr_local_network *local_networks; /* reseaux_locaux */
    size_t n_local_networks;
    pr_strlist next_year;          /* perspectives: plans for next year (opt.) */
    pr_newsletter *newsletters;    /* lettres, sorted by number */
    size_t n_newsletters;
    pr_communication communication;/* communication */
    pr_declared *declared;         /* chiffres_declares */
    size_t n_declared;
    pr_strlist past_files;         /* annees_precedentes.fichiers: data files of
                                      earlier years, relative to this one (opt.) */
    pr_published *published;       /* annees_precedentes.chiffres (opt.) */
    size_t n_published;
} pr_model;

/* Validate `root`, the document tree loaded from a data file (value.h,
 * allocated in *doc_arena), into a new model. On success the
 * model takes over *doc_arena (it is left empty) and keeps root as ->doc. On
 * failure returns NULL after adding errors; *doc_arena is untouched (the
 * caller frees it). `diags` may already hold the loader's errors about the
 * same tree (duplicate keys, forbidden characters: load.h): the tree is
 * checked all the same, so every error of the file is reported, but no
 * model is returned. Warnings may be added either way. `data_file` is the
 * name photo paths are relative to; photos are decoded here
 * (image/photo.h), one that cannot be drawn being a warning. */
pr_model *pr_model_build(const struct pr_value *root, pr_arena *doc_arena,
                         const char *data_file, pr_diags *diags);
/* The same with options: PR_BUILD_NO_PHOTOS leaves photos unchecked (an
 * earlier year read for its figures only, history.h). */
enum { PR_BUILD_NO_PHOTOS = 1 };
pr_model *pr_model_build_with(const struct pr_value *root, pr_arena *doc_arena,
                              const char *data_file, int flags, pr_diags *diags);
void pr_model_free(pr_model *m);   /* accepts NULL */
/* Free the document tree (->doc becomes NULL) once nothing needs the
 * data's places any more: the model's own strings are in its arena. The
 * report's composition never reads the tree; at 1000x it is a third of the
 * memory. */
void pr_model_release_doc(pr_model *m);

/* Lookups (linear or indexed; NULL when absent). */
const pr_partner *pr_model_partner(const pr_model *m, const char *id);
const pr_workstream *pr_model_workstream(const pr_model *m, const char *id);
const pr_official *pr_model_official(const pr_model *m, const char *id);
const pr_event *pr_model_event(const pr_model *m, const char *id);
const pr_axis *pr_model_axis(const pr_model *m, int number);

/* The status of a workstream for a year (PR_STATUS_PLANNED if absent). */
pr_status pr_workstream_status(const pr_workstream *w, int year);

/* Keys (the data file's spelling) and French labels of the enums, from
 * their tables above; "?" for a value outside the enum. */
const char *pr_event_type_key(pr_event_type t);     /* "atelier_elus" */
const char *pr_event_type_label(pr_event_type t);   /* "Atelier des élus" */
const char *pr_session_type_key(pr_session_type t);
const char *pr_session_type_label(pr_session_type t);
const char *pr_status_key(pr_status s);
const char *pr_status_label(pr_status s);           /* "en cours" */
const char *pr_scale_key(pr_scale s);
const char *pr_scale_label(pr_scale s);             /* "régional" */
const char *pr_count_precision_key(pr_count_precision p);    /* "plus_de" */
const char *pr_count_precision_label(pr_count_precision p);  /* "plus de" */
const char *pr_meeting_kind_key(pr_meeting_kind k);          /* "comite_pilotage" */
const char *pr_meeting_kind_label(pr_meeting_kind k);        /* "comité de pilotage" */
/* The kind a meeting's `instance` names when `type` is absent: "comité de
 * pilotage" (or "copil"), "comité technique" (or "cotech"), case and
 * accents aside; PR_MEETING_OTHER for anything else. */
pr_meeting_kind pr_meeting_kind_of_body(const char *body);
/* Every key of an enum, in enum order, NULL-terminated. */
extern const char *const pr_event_type_keys[PR_EVENT__COUNT + 1];
extern const char *const pr_session_type_keys[PR_SESSION__COUNT + 1];
extern const char *const pr_status_keys[PR_STATUS__COUNT + 1];
extern const char *const pr_scale_keys[PR_SCALE__COUNT + 1];
extern const char *const pr_count_precision_keys[PR_COUNT__PRECISIONS + 1];
extern const char *const pr_meeting_kind_keys[PR_MEETING__COUNT + 1];

/* Compare dates (year, then month, then day; missing parts sort first). */
int pr_date_cmp(pr_date a, pr_date b);

/* Write every field of the model as canonical text, one `path = value` line
 * each, without positions: two models with the same data give the same
 * bytes (used to check that YAML and JSON files agree). */
void pr_model_dump(const pr_model *m, FILE *out);

#endif
