/* figures.c — the key figures of the report, computed from the model, and
 * the cross-check of the figures the bureau declared.
 *
 * Every figure counts records of the report's year (model->report.year):
 * an event, meeting or newsletter counts when its date's year is that year.
 * The definitions (the table of figures.h) are printed in the annex and by
 * --check; keep them true to the code. */
#include "data/figures.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "data/geo.h"

/* The definitions, from the table of figures.h. */
static const pr_figure_def figure_defs[] = {
#define FIGURE_DEF(constant, id, records, kind, unit, label, definition) \
    {constant, id, records, kind, unit, label, definition},
    PR_FIGURE_TABLE(FIGURE_DEF)
#undef FIGURE_DEF
    {0, NULL, 0, 0, NULL, NULL, NULL},
};

const pr_figure_def *pr_figure_defs(void) { return figure_defs; }

const pr_figure_def *pr_figure_def_find(const char *id)
{
    for (const pr_figure_def *d = figure_defs; d->id; d++)
        if (!strcmp(d->id, id))
            return d;
    return NULL;
}

/* ---- definition versions (figures.h) ---------------------------------- */
typedef struct revision {
    pr_figure_id key;
    int version, year;
    const char *what;
} revision;

static const revision revisions[] = {
#define REVISION(constant, version, year, what) {constant, version, year, what},
    PR_FIGURE_REVISIONS(REVISION)
#undef REVISION
};
#define N_REVISIONS (sizeof revisions / sizeof revisions[0])

int pr_figure_version(pr_figure_id id)
{
    int v = 1;
    for (size_t i = 0; i < N_REVISIONS; i++)
        if (revisions[i].key == id && revisions[i].version > v)
            v = revisions[i].version;
    return v;
}

int pr_figure_version_in(pr_figure_id id, int year)
{
    int v = 1;
    for (size_t i = 0; i < N_REVISIONS; i++)
        if (revisions[i].key == id && revisions[i].year <= year && revisions[i].version > v)
            v = revisions[i].version;
    return v;
}

int pr_figure_changed_after(pr_figure_id id, int version, const char **what)
{
    const revision *first = NULL;
    for (size_t i = 0; i < N_REVISIONS; i++)
        if (revisions[i].key == id && revisions[i].version > version &&
            (!first || revisions[i].version < first->version))
            first = &revisions[i];
    if (what)
        *what = first ? first->what : NULL;
    return first ? first->year : 0;
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
/* Whether date d is in the report's year. */
static int in_year(const pr_model *m, pr_date d)
{
    return d.prec != PR_DATE_NONE && d.year == m->report.year;
}

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

char *pr_speaker_key(const pr_person *p)
{
    const char *name = p->last_name;
    char *k;
    if (name && *name)
        k = pr_asprintf("p:%s %s", p->first_name ? p->first_name : "", name);
    else
        k = pr_asprintf("o:%s", p->organisation ? p->organisation : "");
    char *low = pr_utf8_lower(k);
    free(k);
    return low;
}

pr_attendance pr_count_attendance(pr_count c)
{
    if (!c.known)
        return PR_ATTENDANCE_UNKNOWN;
    return c.prec == PR_COUNT_EXACT ? PR_ATTENDANCE_EXACT : PR_ATTENDANCE_APPROX;
}

const char *pr_attendance_label(pr_attendance a)
{
    switch (a) {
    case PR_ATTENDANCE_EXACT: return "exact";
    case PR_ATTENDANCE_APPROX: return "approché";
    case PR_ATTENDANCE_UNKNOWN: return "inconnu";
    }
    return "?";
}

/* Add an event's declared participants to attendance figure `key`. */
static void add_attendance(pr_figures *f, pr_figure_id key, long *v, const pr_event *e)
{
    switch (pr_count_attendance(e->participants)) {
    case PR_ATTENDANCE_UNKNOWN: f->n_unknown[key]++; return;
    case PR_ATTENDANCE_APPROX: f->n_approx[key]++; break;
    case PR_ATTENDANCE_EXACT: break;
    }
    *v += e->participants.value;
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

/* Count the events of type t dated in the year. */
static long events_of_type(const pr_model *m, pr_event_type t)
{
    long v = 0;
    for (size_t i = 0; i < m->n_events; i++)
        v += m->events[i].type == t && in_year(m, m->events[i].date);
    return v;
}

/* Count the sessions of type t of the year's national meetings. */
static long sessions_of_type(const pr_model *m, pr_session_type t)
{
    long v = 0;
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        if (!is_national_meeting(m, e))
            continue;
        for (size_t s = 0; s < e->n_sessions; s++)
            v += e->sessions[s].type == t;
    }
    return v;
}

/* Which active local networks a figure counts. */
typedef enum { NETWORKS_ALL, NETWORKS_REGIONAL, NETWORKS_NOT_REGIONAL } network_filter;

/* Count the active local networks that pass `filter`. */
static long active_networks(const pr_model *m, network_filter filter)
{
    long v = 0;
    for (size_t i = 0; i < m->n_local_networks; i++) {
        const pr_local_network *ln = &m->local_networks[i];
        int regional = ln->scale == PR_SCALE_REGIONAL;
        if (ln->active && (filter == NETWORKS_ALL || (filter == NETWORKS_REGIONAL) == regional))
            v++;
    }
    return v;
}

/* Count the year's meetings of a kind (all of them when kind < 0). */
static long meetings_of_kind(const pr_model *m, int kind)
{
    long v = 0;
    for (size_t i = 0; i < m->n_meetings; i++)
        v += in_year(m, m->meetings[i].date) && (kind < 0 || (int)m->meetings[i].kind == kind);
    return v;
}

/* Which workstreams a figure counts. */
enum { WS_IN_PROGRESS = 1, WS_FINISHED = 2 };

/* Count the workstreams in progress in the year and/or finished in it
 * (status "termine" for the year, and not the year before). */
static long workstreams(const pr_model *m, int which)
{
    long v = 0;
    int year = m->report.year;
    for (size_t i = 0; i < m->n_workstreams; i++) {
        const pr_workstream *w = &m->workstreams[i];
        pr_status s = pr_workstream_status(w, year);
        if (s == PR_STATUS_ACTIVE)
            v += (which & WS_IN_PROGRESS) != 0;
        else if (s == PR_STATUS_DONE && pr_workstream_status(w, year - 1) != PR_STATUS_DONE)
            v += (which & WS_FINISHED) != 0;
    }
    return v;
}

/* Distinct speaker identities (pr_speaker_key) of the year's national
 * meetings; *mentions gets how many speakers were named, repeats included. */
static long meeting_speakers(const pr_model *m, long *mentions)
{
    char **keys = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        if (!is_national_meeting(m, e))
            continue;
        for (size_t k = 0; k < e->n_speakers; k++)
            PR_PUSH(keys, n, cap, pr_speaker_key(&e->speakers[k]));
        for (size_t s = 0; s < e->n_sessions; s++)
            for (size_t k = 0; k < e->sessions[s].n_speakers; k++)
                PR_PUSH(keys, n, cap, pr_speaker_key(&e->sessions[s].speakers[k]));
    }
    const char **view = pr_malloc((n ? n : 1) * sizeof *view);
    for (size_t k = 0; k < n; k++)
        view[k] = keys[k];
    long distinct = (long)sort_unique(view, n);
    free(view);
    for (size_t k = 0; k < n; k++)
        free(keys[k]);
    free(keys);
    *mentions = (long)n;
    return distinct;
}

/* The value of figure `key`; f holds the figures before it (table order)
 * and gets the attendance counts. */
static long compute(const pr_model *m, pr_figure_id key, pr_figures *f)
{
    long v = 0;
    int year = m->report.year;
    switch (key) {
    case PR_FIG_EVENTS:
        for (size_t i = 0; i < m->n_events; i++)
            v += in_year(m, m->events[i].date);
        break;
    case PR_FIG_EVENTS_ORGANISED:
        for (size_t i = 0; i < m->n_events; i++)
            v += in_year(m, m->events[i].date) && !(m->events[i].organiser &&
                                                    *m->events[i].organiser);
        break;
    case PR_FIG_OFFICIALS_PRESENCES:
        for (size_t i = 0; i < m->n_events; i++)
            if (m->events[i].type == PR_EVENT_OFFICIALS_WORKSHOP && in_year(m, m->events[i].date))
                v += (long)m->events[i].officials.n;
        break;
    case PR_FIG_OFFICIALS_WORKSHOPS: v = events_of_type(m, PR_EVENT_OFFICIALS_WORKSHOP); break;
    case PR_FIG_CONGRESS_STANDS: v = events_of_type(m, PR_EVENT_CONGRESS_STAND); break;
    case PR_FIG_REFERENTS_MEETINGS: v = events_of_type(m, PR_EVENT_REFERENTS_MEETING); break;
    case PR_FIG_OFFICIALS_ENGAGED: {
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
        break;
    }
    case PR_FIG_NATIONAL_MEETING_EDITION: {
        /* the latest date (a month counts as its first day); of several
         * meetings that day, the largest edition */
        long latest = -1;
        for (size_t i = 0; i < m->n_events; i++) {
            const pr_event *e = &m->events[i];
            if (!is_national_meeting(m, e))
                continue;
            long day = pr_date_days_from_civil(e->date.year, e->date.month ? e->date.month : 1,
                                               e->date.day ? e->date.day : 1);
            if (day > latest || (day == latest && e->edition > v)) {
                latest = day;
                v = e->edition;
            }
        }
        break;
    }
    case PR_FIG_NATIONAL_MEETING_PARTICIPANTS:
        for (size_t i = 0; i < m->n_events; i++)
            if (is_national_meeting(m, &m->events[i]))
                add_attendance(f, key, &v, &m->events[i]);
        break;
    case PR_FIG_ROUND_TABLES: v = sessions_of_type(m, PR_SESSION_ROUND_TABLE); break;
    case PR_FIG_MINI_CONFERENCES: v = sessions_of_type(m, PR_SESSION_MINI_CONFERENCE); break;
    case PR_FIG_MEETING_WORKSHOPS: v = sessions_of_type(m, PR_SESSION_WORKSHOP); break;
    case PR_FIG_MEETING_SPEAKERS: {
        long mentions;
        v = meeting_speakers(m, &mentions);
        break;
    }
    case PR_FIG_MEETING_TALKS:
        meeting_speakers(m, &v);
        break;
    case PR_FIG_NEWSLETTERS:
        for (size_t i = 0; i < m->n_newsletters; i++)
            v += in_year(m, m->newsletters[i].date);
        break;
    case PR_FIG_ACTIVE_WORKSTREAMS: v = workstreams(m, WS_IN_PROGRESS | WS_FINISHED); break;
    case PR_FIG_WORKSTREAMS_IN_PROGRESS: v = workstreams(m, WS_IN_PROGRESS); break;
    case PR_FIG_WORKSTREAMS_FINISHED: v = workstreams(m, WS_FINISHED); break;
    case PR_FIG_PEOPLE:
        for (size_t i = 0; i < m->n_events; i++)
            if (in_year(m, m->events[i].date))
                add_attendance(f, key, &v, &m->events[i]);
        break;
    case PR_FIG_PEOPLE_APPROX_EVENTS:
        assert(f->n > PR_FIG_PEOPLE);
        v = f->n_approx[PR_FIG_PEOPLE];
        break;
    case PR_FIG_PEOPLE_UNKNOWN_EVENTS:
        assert(f->n > PR_FIG_PEOPLE);
        v = f->n_unknown[PR_FIG_PEOPLE];
        break;
    case PR_FIG_PEOPLE_FLOOR:
        assert(f->n > PR_FIG_PEOPLE);
        v = pr_round_down_display(f->items[PR_FIG_PEOPLE].value);
        break;
    case PR_FIG_GOVERNANCE_MEETINGS: v = meetings_of_kind(m, -1); break;
    case PR_FIG_STEERING_MEETINGS: v = meetings_of_kind(m, PR_MEETING_STEERING); break;
    case PR_FIG_TECHNICAL_MEETINGS: v = meetings_of_kind(m, PR_MEETING_TECHNICAL); break;
    case PR_FIG_PARTNERS:
        for (size_t i = 0; i < m->n_partners; i++)
            v += m->partners[i].since <= year;
        break;
    case PR_FIG_NEW_PARTNERS:
        for (size_t i = 0; i < m->n_partners; i++)
            v += m->partners[i].since == year;
        break;
    case PR_FIG_LOCAL_NETWORKS: v = active_networks(m, NETWORKS_ALL); break;
    case PR_FIG_REGIONAL_NETWORKS: v = active_networks(m, NETWORKS_REGIONAL); break;
    case PR_FIG_DEPARTEMENTAL_NETWORKS: v = active_networks(m, NETWORKS_NOT_REGIONAL); break;
    case PR_FIG_DEPARTEMENTS_COVERED: v = (long)f->n_covered; break;
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
        assert(figure_defs[i].key == (pr_figure_id)i);
        out->items[i].def = &figure_defs[i];
        out->n = i;
        out->items[i].value = compute(m, figure_defs[i].key, out);
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

static const char *const check_labels[] = {
#define CHECK_LABEL(constant, key, label) label,
    PR_CHECK_STATUS_TABLE(CHECK_LABEL)
#undef CHECK_LABEL
};

const char *pr_check_status_label(pr_check_status s)
{
    return (size_t)s < sizeof check_labels / sizeof *check_labels ? check_labels[s] : "?";
}

int pr_check_differs(pr_check_status s)
{
    return s == PR_CHECK_TOO_HIGH || s == PR_CHECK_TOO_LOW;
}

pr_check_status pr_check_compare(long declared, pr_count_precision prec, long computed)
{
    long diff = computed - declared;
    if (!diff)
        return PR_CHECK_EQUAL;
    if (prec == PR_COUNT_AT_LEAST && diff > 0)
        return PR_CHECK_AT_LEAST;
    if (prec == PR_COUNT_ABOUT && labs(diff) * 100 <= declared * PR_CHECK_MARGIN_PCT)
        return PR_CHECK_ABOUT;
    return diff < 0 ? PR_CHECK_TOO_HIGH : PR_CHECK_TOO_LOW;
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
        pr_check c = {d, fig, fig->value - d->value, pr_check_compare(d->value, d->prec, fig->value)};
        out->items[out->n++] = c;
        if (pr_check_differs(c.status)) {
            out->n_mismatch++;
            char *path = pr_asprintf("chiffres_declares[%zu]", i);
            const char *as = d->prec == PR_COUNT_AT_LEAST ? "plus de "
                             : d->prec == PR_COUNT_ABOUT  ? "environ "
                                                          : "";
            pr_diag_add(diags, strict ? PR_SEV_ERROR : PR_SEV_WARNING, PR_DIAG_DATA, d->pos, path,
                        "chiffre déclaré « %s » = %s%ld, calculé à partir des données = %ld "
                        "(écart %+ld)",
                        d->figure, as, d->value, fig->value, c.difference);
            free(path);
        }
    }
}

void pr_checks_free(pr_checks *c)
{
    free(c->items);
    memset(c, 0, sizeof *c);
}
