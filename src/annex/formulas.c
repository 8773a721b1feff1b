/* formulas.c — the formulas of the key figures (see formulas.h). */
#include "annex/formulas.h"

#include <assert.h>
#include <stdlib.h>

#include "annex/sheets_events.h"
#include "annex/sheets_organisation.h"
#include "annex/sheets_summary.h"
#include "annex/sheets_territory.h"

/* COUNTIFS over the events of one type dated in the year. */
static const char *events_of_type(annex_book *b, pr_event_type t)
{
    return book_printf(b, "COUNTIFS(%s,\"%s\",%s,%d)", book_col_range(b, SH_EVENTS, EV_TYPE_KEY),
                       pr_event_type_key(t), book_col_range(b, SH_EVENTS, EV_YEAR), b->year);
}

/* COUNTIFS over the sessions of one type of the year's national meetings. */
static const char *sessions_of_type(annex_book *b, pr_session_type t)
{
    return book_printf(b, "COUNTIFS(%s,\"%s\",%s,\"%s\",%s,%d)",
                       book_col_range(b, SH_SESSIONS, SE_TYPE_KEY), pr_session_type_key(t),
                       book_col_range(b, SH_SESSIONS, SE_EVENT_TYPE),
                       pr_event_type_key(PR_EVENT_NATIONAL_MEETING),
                       book_col_range(b, SH_SESSIONS, SE_YEAR), b->year);
}

/* COUNTIFS of the active local networks, optionally of a scale criterion. */
static const char *networks(annex_book *b, const char *scale_criterion)
{
    if (!scale_criterion)
        return book_printf(b, "COUNTIFS(%s,1)", book_col_range(b, SH_NETWORKS, LN_ACTIVE));
    return book_printf(b, "COUNTIFS(%s,1,%s,\"%s\")", book_col_range(b, SH_NETWORKS, LN_ACTIVE),
                       book_col_range(b, SH_NETWORKS, LN_SCALE_KEY), scale_criterion);
}

const char *annex_figure_cell(annex_book *b, pr_figure_id key)
{
    assert((size_t)key < b->f->n);
    char c[4];
    annex_col_letters(SY_VALUE, c);
    return book_printf(b, "$%s$%u", c, b->summary_first_row + (unsigned)key + 1);
}

const char *annex_figure_formula(annex_book *b, pr_figure_id key)
{
    int y = b->year;
    const char *rn = pr_event_type_key(PR_EVENT_NATIONAL_MEETING);
    switch (key) {
    case PR_FIG_EVENTS:
        return book_printf(b, "=COUNTIFS(%s,%d)", book_col_range(b, SH_EVENTS, EV_YEAR), y);
    case PR_FIG_OFFICIALS_WORKSHOPS:
        return book_printf(b, "=%s", events_of_type(b, PR_EVENT_OFFICIALS_WORKSHOP));
    case PR_FIG_CONGRESS_STANDS:
        return book_printf(b, "=%s", events_of_type(b, PR_EVENT_CONGRESS_STAND));
    case PR_FIG_REFERENTS_MEETINGS:
        return book_printf(b, "=%s", events_of_type(b, PR_EVENT_REFERENTS_MEETING));
    case PR_FIG_OFFICIALS_ENGAGED:
        return book_printf(b, "=COUNTIF(%s,\">0\")", book_col_range(b, SH_OFFICIALS, OF_WORKSHOPS));
    case PR_FIG_NATIONAL_MEETING_EDITION: {
        /* the edition of the last national meeting of the year in row
         * (date) order: the row is the largest matching ROW() */
        const char *types = book_col_range(b, SH_EVENTS, EV_TYPE_KEY);
        const char *eds = book_col_range(b, SH_EVENTS, EV_EDITION);
        return book_printf(b,
                           "=SUMPRODUCT((ROW(%s)=SUMPRODUCT(MAX((%s=\"%s\")*(%s=%d)*ROW(%s))))*%s)",
                           eds, types, rn, book_col_range(b, SH_EVENTS, EV_YEAR), y, types, eds);
    }
    case PR_FIG_NATIONAL_MEETING_PARTICIPANTS:
        return book_printf(b, "=SUMIFS(%s,%s,\"%s\",%s,%d)",
                           book_col_range(b, SH_EVENTS, EV_PARTICIPANTS),
                           book_col_range(b, SH_EVENTS, EV_TYPE_KEY), rn,
                           book_col_range(b, SH_EVENTS, EV_YEAR), y);
    case PR_FIG_ROUND_TABLES:
        return book_printf(b, "=%s", sessions_of_type(b, PR_SESSION_ROUND_TABLE));
    case PR_FIG_MINI_CONFERENCES:
        return book_printf(b, "=%s", sessions_of_type(b, PR_SESSION_MINI_CONFERENCE));
    case PR_FIG_MEETING_WORKSHOPS:
        return book_printf(b, "=%s", sessions_of_type(b, PR_SESSION_WORKSHOP));
    case PR_FIG_MEETING_SPEAKERS:
        return book_printf(b, "=SUMIFS(%s,%s,\"%s\",%s,%d)",
                           book_col_range(b, SH_SPEAKERS, SP_FIRST_MENTION),
                           book_col_range(b, SH_SPEAKERS, SP_EVENT_TYPE), rn,
                           book_col_range(b, SH_SPEAKERS, SP_YEAR), y);
    case PR_FIG_NEWSLETTERS:
        return book_printf(b, "=COUNTIFS(%s,%d)", book_col_range(b, SH_NEWSLETTERS, NL_YEAR), y);
    case PR_FIG_ACTIVE_WORKSTREAMS: {
        const char *st = book_col_range(b, SH_WORKSTREAMS, WS_STATUS_KEY);
        return book_printf(b, "=COUNTIFS(%s,\"%s\")+COUNTIFS(%s,\"%s\")", st,
                           pr_status_key(PR_STATUS_ACTIVE), st, pr_status_key(PR_STATUS_DONE));
    }
    case PR_FIG_PEOPLE:
        return book_printf(b, "=SUMIFS(%s,%s,%d)", book_col_range(b, SH_EVENTS, EV_ATTENDANCE),
                           book_col_range(b, SH_EVENTS, EV_YEAR), y);
    case PR_FIG_PEOPLE_FLOOR: {
        /* pr_round_down_display: to the hundred from 100, to the ten from 10 */
        const char *x = annex_figure_cell(b, PR_FIG_PEOPLE);
        return book_printf(b, "=IF(%s>=100,ROUNDDOWN(%s,-2),IF(%s>=10,ROUNDDOWN(%s,-1),%s))", x,
                           x, x, x, x);
    }
    case PR_FIG_GOVERNANCE_MEETINGS:
        return book_printf(b, "=COUNTIFS(%s,%d)", book_col_range(b, SH_MEETINGS, MT_YEAR), y);
    case PR_FIG_PARTNERS:
        return book_printf(b, "=COUNTIFS(%s,\"<=%d\")", book_col_range(b, SH_PARTNERS, PA_SINCE),
                           y);
    case PR_FIG_NEW_PARTNERS:
        return book_printf(b, "=COUNTIFS(%s,%d)", book_col_range(b, SH_PARTNERS, PA_SINCE), y);
    case PR_FIG_LOCAL_NETWORKS:
        return book_printf(b, "=%s", networks(b, NULL));
    case PR_FIG_REGIONAL_NETWORKS:
        return book_printf(b, "=%s", networks(b, pr_scale_key(PR_SCALE_REGIONAL)));
    case PR_FIG_DEPARTEMENTAL_NETWORKS:
        return book_printf(b, "=%s",
                           networks(b, book_printf(b, "<>%s", pr_scale_key(PR_SCALE_REGIONAL))));
    case PR_FIG_DEPARTEMENTS_COVERED:
        return book_printf(b, "=COUNTA(%s)", book_col_range(b, SH_DEPTS, DC_CODE));
    }
    abort();   /* not a pr_figure_id */
}
