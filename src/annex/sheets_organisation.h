/* sheets_organisation.h — the annex's sheets of the network's work and
 * organisation, one record per row:
 *   Chantiers     one workstream, with its status for the report's year
 *   Actions       one action of a workstream
 *   Équipe        one member of the coordination team
 *   Prestataires  one consultancy of the team
 *   Partenaires   one partner of the steering committee
 *   Gouvernance   one governance meeting
 *   Lettres       one newsletter
 * The column numbers (0-based) are what the figures' formulas refer to. */
#ifndef PR_ANNEX_SHEETS_ORGANISATION_H
#define PR_ANNEX_SHEETS_ORGANISATION_H

#include "annex/book.h"

/* Chantiers */
enum {
    WS_ID, WS_AXIS, WS_AXIS_TITLE, WS_TITLE, WS_STATUS_KEY, WS_STATUS, WS_STATUSES, WS_GROUP,
    WS_GROUP_MEMBERS, WS_ACTIONS, WS_DELIVERABLES, WS_SUMMARY, WS__N
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
enum { MT_DATE, MT_YEAR, MT_BODY, MT_N_DECISIONS, MT_DECISIONS, MT__N };

/* Lettres */
enum { NL_NUMBER, NL_DATE, NL_YEAR, NL_GRAND_ANGLE, NL_TOPICS, NL__N };

_Static_assert(WS__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(AC__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(TM__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(CO__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(PA__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(MT__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(NL__N <= ANNEX_MAX_COLS, "too many columns");

void annex_build_workstreams(annex_book *b);
void annex_build_actions(annex_book *b);
void annex_build_team(annex_book *b);
void annex_build_consultancies(annex_book *b);
void annex_build_partners(annex_book *b);
void annex_build_meetings(annex_book *b);
void annex_build_newsletters(annex_book *b);

#endif
