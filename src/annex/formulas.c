/* formulas.c — the formulas of the key figures (see formulas.h). */
#include "annex/formulas.h"

#include <stdlib.h>

#include "annex/sheets_events.h"
#include "annex/sheets_organisation.h"
#include "annex/sheets_territory.h"

/* COUNTIFS criteria "column,value" of the year's events of a type. */
static const char *events_of_type(annex_book *b, pr_event_type t)
{
    return book_printf(b, "%s,\"%s\",%s,%d", book_col(b, SH_EVENTS, EV_TYPE_KEY),
                       pr_event_type_key(t), book_col(b, SH_EVENTS, EV_YEAR), b->year);
}

/* COUNTIFS over the sessions of one type of the year's national meetings. */
static const char *sessions_of_type(annex_book *b, pr_session_type t)
{
    return book_printf(b, "=COUNTIFS(%s,\"%s\",%s,\"%s\",%s,%d)",
                       book_col(b, SH_SESSIONS, SE_TYPE_KEY), pr_session_type_key(t),
                       book_col(b, SH_SESSIONS, SE_EVENT_TYPE),
                       pr_event_type_key(PR_EVENT_NATIONAL_MEETING),
                       book_col(b, SH_SESSIONS, SE_YEAR), b->year);
}

/* COUNTIFS of the active local networks, optionally of a scale criterion. */
static const char *networks(annex_book *b, const char *scale_criterion)
{
    if (!scale_criterion)
        return book_printf(b, "=COUNTIFS(%s,\"oui\")", book_col(b, SH_NETWORKS, LN_ACTIVE));
    return book_printf(b, "=COUNTIFS(%s,\"oui\",%s,\"%s\")", book_col(b, SH_NETWORKS, LN_ACTIVE),
                       book_col(b, SH_NETWORKS, LN_SCALE_KEY), scale_criterion);
}

/* The year's meetings, of one kind when kind >= 0. */
static const char *meetings(annex_book *b, int kind)
{
    if (kind < 0)
        return book_printf(b, "=COUNTIFS(%s,%d)", book_col(b, SH_MEETINGS, MT_YEAR), b->year);
    return book_printf(b, "=COUNTIFS(%s,%d,%s,\"%s\")", book_col(b, SH_MEETINGS, MT_YEAR),
                       b->year, book_col(b, SH_MEETINGS, MT_KIND_KEY),
                       pr_meeting_kind_key((pr_meeting_kind)kind));
}

/* The workstreams whose "Dans l’année" is `what`. */
static const char *workstreams(annex_book *b, const char *what)
{
    return book_printf(b, "COUNTIFS(%s,\"%s\")", book_col(b, SH_WORKSTREAMS, WS_IN_YEAR), what);
}

/* Criteria of the events an attendance figure sums. */
static const char *attendance_events(annex_book *b, pr_figure_id key)
{
    if (key == PR_FIG_NATIONAL_MEETING_PARTICIPANTS)
        return events_of_type(b, PR_EVENT_NATIONAL_MEETING);
    return book_printf(b, "%s,%d", book_col(b, SH_EVENTS, EV_YEAR), b->year);
}

/* The sum of the participants declared for those events. */
static const char *attendance_sum(annex_book *b, pr_figure_id key)
{
    return book_printf(b, "SUMIFS(%s,%s)", book_col(b, SH_EVENTS, EV_PARTICIPANTS),
                       attendance_events(b, key));
}

/* The number of those events whose attendance is `what` (approché, inconnu). */
static const char *attendance_count(annex_book *b, pr_figure_id key, pr_attendance what)
{
    return book_printf(b, "=COUNTIFS(%s,%s,\"%s\")", attendance_events(b, key),
                       book_col(b, SH_EVENTS, EV_ATTENDANCE), pr_attendance_label(what));
}

const char *annex_figure_approx_formula(annex_book *b, pr_figure_id key)
{
    if (pr_figure_defs()[key].kind != PR_FIGURE_ATTENDANCE)
        return NULL;
    return attendance_count(b, key, PR_ATTENDANCE_APPROX);
}

const char *annex_figure_unknown_formula(annex_book *b, pr_figure_id key)
{
    if (pr_figure_defs()[key].kind != PR_FIGURE_ATTENDANCE)
        return NULL;
    return attendance_count(b, key, PR_ATTENDANCE_UNKNOWN);
}

const char *annex_figure_formula(annex_book *b, pr_figure_id key)
{
    int y = b->year;
    const char *rn = pr_event_type_key(PR_EVENT_NATIONAL_MEETING);
    switch (key) {
    case PR_FIG_EVENTS:
        return book_printf(b, "=COUNTIFS(%s,%d)", book_col(b, SH_EVENTS, EV_YEAR), y);
    case PR_FIG_EVENTS_ORGANISED:
        return book_printf(b, "=COUNTIFS(%s,%d,%s,\"oui\")", book_col(b, SH_EVENTS, EV_YEAR), y,
                           book_col(b, SH_EVENTS, EV_ORGANISED));
    case PR_FIG_OFFICIALS_WORKSHOPS:
        return book_printf(b, "=COUNTIFS(%s)", events_of_type(b, PR_EVENT_OFFICIALS_WORKSHOP));
    case PR_FIG_CONGRESS_STANDS:
        return book_printf(b, "=COUNTIFS(%s)", events_of_type(b, PR_EVENT_CONGRESS_STAND));
    case PR_FIG_REFERENTS_MEETINGS:
        return book_printf(b, "=COUNTIFS(%s)", events_of_type(b, PR_EVENT_REFERENTS_MEETING));
    case PR_FIG_OFFICIALS_ENGAGED:
        return book_printf(b, "=COUNTIF(%s,\">0\")", book_col(b, SH_OFFICIALS, OF_WORKSHOPS));
    case PR_FIG_OFFICIALS_PRESENCES:
        return book_printf(b, "=COUNTIFS(%s,\"%s\",%s,%d)",
                           book_col(b, SH_PRESENCES, PRS_EVENT_TYPE),
                           pr_event_type_key(PR_EVENT_OFFICIALS_WORKSHOP),
                           book_col(b, SH_PRESENCES, PRS_YEAR), y);
    case PR_FIG_NATIONAL_MEETING_EDITION: {
        /* the largest edition among the year's national meetings of the
         * latest date (MAX inside SUMPRODUCT: no array formula needed) */
        const char *ty = book_col(b, SH_EVENTS, EV_TYPE_KEY);
        const char *yr = book_col(b, SH_EVENTS, EV_YEAR);
        const char *dt = book_col(b, SH_EVENTS, EV_DATE);
        const char *which = book_printf(b, "(%s=\"%s\")*(%s=%d)", ty, rn, yr, y);
        return book_printf(b, "=SUMPRODUCT(MAX(%s*(%s=SUMPRODUCT(MAX(%s*%s)))*%s))", which, dt,
                           which, dt, book_col(b, SH_EVENTS, EV_EDITION));
    }
    case PR_FIG_NATIONAL_MEETING_PARTICIPANTS:
    case PR_FIG_PEOPLE:
        return book_printf(b, "=%s", attendance_sum(b, key));
    case PR_FIG_PEOPLE_APPROX_EVENTS:
        return attendance_count(b, PR_FIG_PEOPLE, PR_ATTENDANCE_APPROX);
    case PR_FIG_PEOPLE_UNKNOWN_EVENTS:
        return attendance_count(b, PR_FIG_PEOPLE, PR_ATTENDANCE_UNKNOWN);
    case PR_FIG_PEOPLE_FLOOR: {
        /* pr_round_down_display: to the hundred from 100, to the ten from
         * 10; the sum is written again rather than read on another row of
         * the same table (a circular reference for spreadsheets) */
        const char *x = attendance_sum(b, PR_FIG_PEOPLE);
        return book_printf(b, "=IF(%s>=100,ROUNDDOWN(%s,-2),IF(%s>=10,ROUNDDOWN(%s,-1),%s))", x,
                           x, x, x, x);
    }
    case PR_FIG_ROUND_TABLES: return sessions_of_type(b, PR_SESSION_ROUND_TABLE);
    case PR_FIG_MINI_CONFERENCES: return sessions_of_type(b, PR_SESSION_MINI_CONFERENCE);
    case PR_FIG_MEETING_WORKSHOPS: return sessions_of_type(b, PR_SESSION_WORKSHOP);
    case PR_FIG_MEETING_SPEAKERS: {
        /* each mention adds 1/(mentions of its identity): one per identity */
        const char *mn = book_col(b, SH_SPEAKERS, SP_MENTIONS);
        return book_printf(b, "=ROUND(SUMPRODUCT((%s=\"%s\")*(%s=%d)/(%s+(%s=0))),0)",
                           book_col(b, SH_SPEAKERS, SP_EVENT_TYPE), rn,
                           book_col(b, SH_SPEAKERS, SP_YEAR), y, mn, mn);
    }
    case PR_FIG_MEETING_TALKS:
        return book_printf(b, "=COUNTIFS(%s,\"%s\",%s,%d)",
                           book_col(b, SH_SPEAKERS, SP_EVENT_TYPE), rn,
                           book_col(b, SH_SPEAKERS, SP_YEAR), y);
    case PR_FIG_NEWSLETTERS:
        return book_printf(b, "=COUNTIFS(%s,%d)", book_col(b, SH_NEWSLETTERS, NL_YEAR), y);
    case PR_FIG_ACTIVE_WORKSTREAMS:
        return book_printf(b, "=%s+%s", workstreams(b, ANNEX_WS_IN_PROGRESS),
                           workstreams(b, ANNEX_WS_FINISHED));
    case PR_FIG_WORKSTREAMS_IN_PROGRESS:
        return book_printf(b, "=%s", workstreams(b, ANNEX_WS_IN_PROGRESS));
    case PR_FIG_WORKSTREAMS_FINISHED:
        return book_printf(b, "=%s", workstreams(b, ANNEX_WS_FINISHED));
    case PR_FIG_GOVERNANCE_MEETINGS: return meetings(b, -1);
    case PR_FIG_STEERING_MEETINGS: return meetings(b, PR_MEETING_STEERING);
    case PR_FIG_TECHNICAL_MEETINGS: return meetings(b, PR_MEETING_TECHNICAL);
    case PR_FIG_PARTNERS:
        return book_printf(b, "=COUNTIFS(%s,\"<=%d\")", book_col(b, SH_PARTNERS, PA_SINCE), y);
    case PR_FIG_NEW_PARTNERS:
        return book_printf(b, "=COUNTIFS(%s,%d)", book_col(b, SH_PARTNERS, PA_SINCE), y);
    case PR_FIG_LOCAL_NETWORKS: return networks(b, NULL);
    case PR_FIG_REGIONAL_NETWORKS: return networks(b, pr_scale_key(PR_SCALE_REGIONAL));
    case PR_FIG_DEPARTEMENTAL_NETWORKS:
        return networks(b, book_printf(b, "<>%s", pr_scale_key(PR_SCALE_REGIONAL)));
    case PR_FIG_DEPARTEMENTS_COVERED:
        return book_printf(b, "=COUNTIFS(%s,\"oui\")", book_col(b, SH_DEPTS, DC_COVERED));
    }
    abort();   /* not a pr_figure_id */
}

const char *annex_figure_rows(annex_book *b, pr_figure_id key)
{
    int y = b->year;
    const char *rn = pr_event_type_key(PR_EVENT_NATIONAL_MEETING);
    switch (key) {
    case PR_FIG_EVENTS: return book_printf(b, "Événements : Année = %d", y);
    case PR_FIG_EVENTS_ORGANISED:
        return book_printf(b, "Événements : Année = %d et Organisé par le réseau = oui", y);
    case PR_FIG_OFFICIALS_WORKSHOPS:
    case PR_FIG_CONGRESS_STANDS:
    case PR_FIG_REFERENTS_MEETINGS: {
        pr_event_type t = key == PR_FIG_OFFICIALS_WORKSHOPS ? PR_EVENT_OFFICIALS_WORKSHOP
                          : key == PR_FIG_CONGRESS_STANDS   ? PR_EVENT_CONGRESS_STAND
                                                            : PR_EVENT_REFERENTS_MEETING;
        return book_printf(b, "Événements : Année = %d et Type (clé) = %s", y,
                           pr_event_type_key(t));
    }
    case PR_FIG_OFFICIALS_ENGAGED:
        return "Élus : Ateliers des élus de l’année > 0 (une ligne par élu)";
    case PR_FIG_OFFICIALS_PRESENCES:
        return book_printf(b, "Présences des élus : Type d’événement (clé) = %s et Année = %d",
                           pr_event_type_key(PR_EVENT_OFFICIALS_WORKSHOP), y);
    case PR_FIG_NATIONAL_MEETING_EDITION:
        return book_printf(b, "Événements : Type (clé) = %s et Année = %d, la plus récente "
                              "(colonne Édition)", rn, y);
    case PR_FIG_NATIONAL_MEETING_PARTICIPANTS:
        return book_printf(b, "Événements : Type (clé) = %s et Année = %d (somme des "
                              "Participants ; Effectif dit s’il est approché ou inconnu)", rn, y);
    case PR_FIG_PEOPLE:
        return book_printf(b, "Événements : Année = %d (somme des Participants ; Effectif dit "
                              "s’il est approché ou inconnu)", y);
    case PR_FIG_PEOPLE_APPROX_EVENTS:
        return book_printf(b, "Événements : Année = %d et Effectif = approché", y);
    case PR_FIG_PEOPLE_UNKNOWN_EVENTS:
        return book_printf(b, "Événements : Année = %d et Effectif = inconnu", y);
    case PR_FIG_PEOPLE_FLOOR:
        return book_printf(b, "Événements : Année = %d (somme des Participants, arrondie)", y);
    case PR_FIG_ROUND_TABLES:
    case PR_FIG_MINI_CONFERENCES:
    case PR_FIG_MEETING_WORKSHOPS: {
        pr_session_type t = key == PR_FIG_ROUND_TABLES        ? PR_SESSION_ROUND_TABLE
                            : key == PR_FIG_MINI_CONFERENCES ? PR_SESSION_MINI_CONFERENCE
                                                             : PR_SESSION_WORKSHOP;
        return book_printf(b, "Sessions : Type (clé) = %s, Type d’événement (clé) = %s et "
                              "Année = %d", pr_session_type_key(t), rn, y);
    }
    case PR_FIG_MEETING_SPEAKERS:
        return book_printf(b, "Intervenants : Type d’événement (clé) = %s et Année = %d, chaque "
                              "ligne pour 1 / Mentions (une par identité)", rn, y);
    case PR_FIG_MEETING_TALKS:
        return book_printf(b, "Intervenants : Type d’événement (clé) = %s et Année = %d", rn, y);
    case PR_FIG_NEWSLETTERS: return book_printf(b, "Lettres : Année = %d", y);
    case PR_FIG_ACTIVE_WORKSTREAMS:
        return "Chantiers : Dans l’année = " ANNEX_WS_IN_PROGRESS " ou " ANNEX_WS_FINISHED;
    case PR_FIG_WORKSTREAMS_IN_PROGRESS: return "Chantiers : Dans l’année = " ANNEX_WS_IN_PROGRESS;
    case PR_FIG_WORKSTREAMS_FINISHED: return "Chantiers : Dans l’année = " ANNEX_WS_FINISHED;
    case PR_FIG_GOVERNANCE_MEETINGS: return book_printf(b, "Gouvernance : Année = %d", y);
    case PR_FIG_STEERING_MEETINGS:
    case PR_FIG_TECHNICAL_MEETINGS:
        return book_printf(b, "Gouvernance : Année = %d et Type (clé) = %s", y,
                           pr_meeting_kind_key(key == PR_FIG_STEERING_MEETINGS
                                                   ? PR_MEETING_STEERING
                                                   : PR_MEETING_TECHNICAL));
    case PR_FIG_PARTNERS: return book_printf(b, "Partenaires : Depuis ≤ %d", y);
    case PR_FIG_NEW_PARTNERS: return book_printf(b, "Partenaires : Depuis = %d", y);
    case PR_FIG_LOCAL_NETWORKS: return "Réseaux locaux : Actif = oui";
    case PR_FIG_REGIONAL_NETWORKS:
        return book_printf(b, "Réseaux locaux : Actif = oui et Échelle (clé) = %s",
                           pr_scale_key(PR_SCALE_REGIONAL));
    case PR_FIG_DEPARTEMENTAL_NETWORKS:
        return book_printf(b, "Réseaux locaux : Actif = oui et Échelle (clé) ≠ %s",
                           pr_scale_key(PR_SCALE_REGIONAL));
    case PR_FIG_DEPARTEMENTS_COVERED: return "Départements : Couvert = oui";
    }
    abort();   /* not a pr_figure_id */
}
