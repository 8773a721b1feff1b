/* sheets_events.h — the annex's sheets of the events, one record per row:
 *   Événements          one event; its year, type label, whether the network
 *                       organised it, how its attendance is known and its
 *                       numbers of sessions, speakers and officials present
 *                       are formulas over the other columns and sheets
 *   Sessions            one session of an event; its event's type and year
 *                       looked up by the event's id
 *   Intervenants        one speaker of an event or a session; the identity
 *                       key and the number of mentions of that identity in
 *                       the same kind of event and year are formulas (the
 *                       distinct speakers add 1/mentions)
 *   Présences des élus  one official present at an event; the event's type
 *                       and year looked up by id (the officials' names are
 *                       on Élus: at 1000 times the 2023 data, two lookups
 *                       per row cost a tenth of the annex's time)
 *   Citations           one quote, with its event
 * The column numbers (0-based) and headers are what formulas refer to;
 * headers are part of the formulas (structured references): no [ ] # '. */
#ifndef PR_ANNEX_SHEETS_EVENTS_H
#define PR_ANNEX_SHEETS_EVENTS_H

#include "annex/book.h"

/* Événements */
enum {
    EV_ID, EV_DATE, EV_PREC, EV_YEAR, EV_TYPE_KEY, EV_TYPE, EV_ORGANISER, EV_ORGANISED, EV_TITLE,
    EV_THEME, EV_EDITION, EV_PLACE, EV_CITY, EV_POSTCODE, EV_PARTICIPANTS, EV_PART_PREC,
    EV_ATTENDANCE, EV_SESSIONS, EV_SPEAKERS, EV_N_OFFICIALS, EV_WORKSTREAM, EV_INTERVIEWS,
    EV_TOPICS, EV_SUMMARY, EV__N
};

/* Sessions */
enum {
    SE_EVENT, SE_NUMBER, SE_TYPE_KEY, SE_TYPE, SE_TITLE, SE_PARTICIPANTS, SE_PART_PREC,
    SE_SPEAKERS, SE_EVENT_TYPE, SE_YEAR, SE_TEXT, SE__N
};

/* Intervenants */
enum {
    SP_EVENT, SP_SESSION, SP_FIRST, SP_LAST, SP_ROLE, SP_ORG, SP_KEY, SP_EVENT_TYPE, SP_YEAR,
    SP_MENTIONS, SP__N
};

/* Présences des élus */
enum { PRS_EVENT, PRS_OFFICIAL, PRS_EVENT_TYPE, PRS_YEAR, PRS__N };

/* Citations */
enum { QU_EVENT, QU_TEXT, QU_FIRST, QU_LAST, QU_ROLE, QU_ORG, QU__N };

_Static_assert(EV__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(SE__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(SP__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(PRS__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(QU__N <= ANNEX_MAX_COLS, "too many columns");

extern const char *const annex_ev_headers[EV__N];
extern const char *const annex_se_headers[SE__N];
extern const char *const annex_sp_headers[SP__N];
extern const char *const annex_prs_headers[PRS__N];
extern const char *const annex_qu_headers[QU__N];

/* The event of row `row` of a record sheet, looked up by its id in
 * Événements (case counts): the formula (without '=') of column col of
 * Événements on that row ("" when no event has that id). `id_ref` is the
 * structured reference of the id on the formula's row. */
const char *annex_event_lookup(annex_book *b, const char *id_ref, unsigned ev_col);

void annex_build_events(annex_book *b);
void annex_build_sessions(annex_book *b);
void annex_build_speakers(annex_book *b);
void annex_build_presences(annex_book *b);
void annex_build_quotes(annex_book *b);

#endif
