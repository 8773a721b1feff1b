/* sheets_events.h — the annex's sheets of the events, one record per row:
 *   Événements          one event, with its counts and the people it counts
 *   Sessions            one session of an event
 *   Intervenants        one speaker of an event or a session, with the
 *                       identity key and the first-mention flag that
 *                       intervenants_rencontre sums
 *   Présences des élus  one official present at an event
 *   Citations           one quote, with its event
 * The column numbers (0-based) are what the figures' formulas refer to. */
#ifndef PR_ANNEX_SHEETS_EVENTS_H
#define PR_ANNEX_SHEETS_EVENTS_H

#include "annex/book.h"

/* Événements */
enum {
    EV_ID, EV_DATE, EV_PREC, EV_YEAR, EV_TYPE_KEY, EV_TYPE, EV_TITLE, EV_THEME, EV_EDITION,
    EV_PLACE, EV_CITY, EV_POSTCODE, EV_PARTICIPANTS, EV_PART_PREC, EV_SESSIONS, EV_SPEAKERS,
    EV_WORKSTREAM, EV_OFFICIALS, EV_N_OFFICIALS, EV_INTERVIEWS, EV_ATTENDANCE, EV_TOPICS,
    EV_SUMMARY, EV__N
};

/* Sessions */
enum {
    SE_EVENT, SE_EVENT_TYPE, SE_YEAR, SE_NUMBER, SE_TYPE_KEY, SE_TYPE, SE_TITLE,
    SE_PARTICIPANTS, SE_PART_PREC, SE_SPEAKERS, SE_TEXT, SE__N
};

/* Intervenants */
enum {
    SP_EVENT, SP_EVENT_TYPE, SP_YEAR, SP_SESSION, SP_SESSION_TITLE, SP_FIRST, SP_LAST,
    SP_ROLE, SP_ORG, SP_KEY, SP_FIRST_MENTION, SP__N
};

/* Présences des élus */
enum { PRS_EVENT, PRS_EVENT_TYPE, PRS_YEAR, PRS_DATE, PRS_OFFICIAL, PRS_FIRST, PRS_LAST, PRS__N };

/* Citations */
enum { QU_EVENT, QU_DATE, QU_TEXT, QU_FIRST, QU_LAST, QU_ROLE, QU_ORG, QU__N };

_Static_assert(EV__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(SE__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(SP__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(PRS__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(QU__N <= ANNEX_MAX_COLS, "too many columns");

void annex_build_events(annex_book *b);
void annex_build_sessions(annex_book *b);
void annex_build_speakers(annex_book *b);
void annex_build_presences(annex_book *b);
void annex_build_quotes(annex_book *b);

#endif
