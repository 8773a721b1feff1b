/* sheets_organisation.h — the annex's sheets of the network's work and
 * organisation, one record per row:
 *   Chantiers     one workstream, with its status for the report's year and
 *                 the year before (inputs) and, by formula, whether it is in
 *                 progress or finished in the year and its number of actions
 *   Actions       one action of a workstream
 *   Équipe        one member of the coordination team
 *   Prestataires  one consultancy of the team
 *   Partenaires   one partner of the steering committee
 *   Gouvernance   one governance meeting, with its kind
 *   Lettres       one newsletter
 * The column numbers (0-based) and headers are what formulas refer to. */
#ifndef PR_ANNEX_SHEETS_ORGANISATION_H
#define PR_ANNEX_SHEETS_ORGANISATION_H

#include "annex/book.h"

/* Chantiers */
enum {
    WS_ID, WS_AXIS, WS_AXIS_TITLE, WS_TITLE, WS_STATUS_PREV_KEY, WS_STATUS_KEY, WS_STATUS,
    WS_IN_YEAR, WS_STATUSES, WS_GROUP, WS_GROUP_MEMBERS, WS_ACTIONS, WS_DELIVERABLES, WS_SUMMARY,
    WS__N
};

/* Actions */
enum { AC_WORKSTREAM, AC_NUMBER, AC_TITLE, AC_STATUS_KEY, AC_STATUS, AC_DATE, AC_ACTORS,
       AC_EVENT, AC_TEXT, AC__N };

/* Équipe */
enum { TM_FIRST, TM_LAST, TM_ROLE, TM_ORG, TM_UNIT, TM__N };

/* Prestataires */
enum { CO_NAME, CO_ROLE, CO_LEAD, CO_SINCE, CO__N };

/* Partenaires */
enum { PA_ID, PA_ACRONYM, PA_NAME, PA_SINCE, PA__N };

/* Gouvernance */
enum { MT_DATE, MT_YEAR, MT_BODY, MT_KIND_KEY, MT_KIND, MT_DECISIONS, MT__N };

/* Lettres */
enum { NL_NUMBER, NL_DATE, NL_YEAR, NL_GRAND_ANGLE, NL_TOPICS, NL__N };

_Static_assert(WS__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(AC__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(TM__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(CO__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(PA__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(MT__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(NL__N <= ANNEX_MAX_COLS, "too many columns");

extern const char *const annex_ws_headers[WS__N];
extern const char *const annex_ac_headers[AC__N];
extern const char *const annex_tm_headers[TM__N];
extern const char *const annex_co_headers[CO__N];
extern const char *const annex_pa_headers[PA__N];
extern const char *const annex_mt_headers[MT__N];
extern const char *const annex_nl_headers[NL__N];

/* The Chantiers column "Dans l’année": "en cours", "terminé" or "". */
#define ANNEX_WS_IN_PROGRESS "en cours"
#define ANNEX_WS_FINISHED "terminé"

void annex_build_workstreams(annex_book *b);
void annex_build_actions(annex_book *b);
void annex_build_team(annex_book *b);
void annex_build_consultancies(annex_book *b);
void annex_build_partners(annex_book *b);
void annex_build_meetings(annex_book *b);
void annex_build_newsletters(annex_book *b);

#endif
