/* model.c — the validated model once built: freeing, lookups, enum keys and
 * French labels, date comparison. Building and validation are in
 * model_build.c; the schema, and the canonical dump written from it, in
 * model_schema.c. */
#include "data/model.h"

#include <stdlib.h>
#include <string.h>

void pr_model_free(pr_model *m)
{
    if (!m)
        return;
    pr_arena_free(&m->arena);
    pr_arena_free(&m->doc_arena);
    free(m);
}

void pr_model_release_doc(pr_model *m)
{
    if (!m)
        return;
    m->doc = NULL;
    pr_arena_free(&m->doc_arena);
}

/* ---- lookups -------------------------------------------------------------- */
const pr_partner *pr_model_partner(const pr_model *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_partners; i++)
        if (m->partners[i].id && !strcmp(m->partners[i].id, id))
            return &m->partners[i];
    return NULL;
}

const pr_workstream *pr_model_workstream(const pr_model *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_workstreams; i++)
        if (m->workstreams[i].id && !strcmp(m->workstreams[i].id, id))
            return &m->workstreams[i];
    return NULL;
}

const pr_official *pr_model_official(const pr_model *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_officials; i++)
        if (m->officials[i].id && !strcmp(m->officials[i].id, id))
            return &m->officials[i];
    return NULL;
}

const pr_event *pr_model_event(const pr_model *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_events; i++)
        if (m->events[i].id && !strcmp(m->events[i].id, id))
            return &m->events[i];
    return NULL;
}

const pr_axis *pr_model_axis(const pr_model *m, int number)
{
    for (size_t i = 0; i < m->network.n_axes; i++)
        if (m->network.axes[i].number == number)
            return &m->network.axes[i];
    return NULL;
}

pr_status pr_workstream_status(const pr_workstream *w, int year)
{
    for (size_t i = 0; i < w->n_statuses; i++)
        if (w->statuses[i].year == year)
            return w->statuses[i].status;
    return PR_STATUS_PLANNED;
}

/* ---- enums ------------------------------------------------------------------ */
/* The keys and labels, generated from the tables of model.h. */
#define ENUM_KEY(constant, key, label) key,
#define ENUM_LABEL(constant, key, label) label,
const char *const pr_event_type_keys[] = {PR_EVENT_TYPE_TABLE(ENUM_KEY) NULL};
const char *const pr_session_type_keys[] = {PR_SESSION_TYPE_TABLE(ENUM_KEY) NULL};
const char *const pr_status_keys[] = {PR_STATUS_TABLE(ENUM_KEY) NULL};
const char *const pr_scale_keys[] = {PR_SCALE_TABLE(ENUM_KEY) NULL};
const char *const pr_count_precision_keys[] = {PR_COUNT_PRECISION_TABLE(ENUM_KEY) NULL};
const char *const pr_meeting_kind_keys[] = {PR_MEETING_KIND_TABLE(ENUM_KEY) NULL};
static const char *const event_labels[] = {PR_EVENT_TYPE_TABLE(ENUM_LABEL)};
static const char *const session_labels[] = {PR_SESSION_TYPE_TABLE(ENUM_LABEL)};
static const char *const status_labels[] = {PR_STATUS_TABLE(ENUM_LABEL)};
static const char *const scale_labels[] = {PR_SCALE_TABLE(ENUM_LABEL)};
static const char *const count_precision_labels[] = {PR_COUNT_PRECISION_TABLE(ENUM_LABEL)};
static const char *const meeting_kind_labels[] = {PR_MEETING_KIND_TABLE(ENUM_LABEL)};

/* table[i], or "?" outside the table (the NULL ending a key list excluded) */
#define ENUM_AT(table, n, i) ((size_t)(i) < (n) ? table[i] : "?")

const char *pr_event_type_key(pr_event_type t)
{
    return ENUM_AT(pr_event_type_keys, PR_EVENT__COUNT, t);
}
const char *pr_event_type_label(pr_event_type t)
{
    return ENUM_AT(event_labels, PR_EVENT__COUNT, t);
}
const char *pr_session_type_key(pr_session_type t)
{
    return ENUM_AT(pr_session_type_keys, PR_SESSION__COUNT, t);
}
const char *pr_session_type_label(pr_session_type t)
{
    return ENUM_AT(session_labels, PR_SESSION__COUNT, t);
}
const char *pr_status_key(pr_status s)
{
    return ENUM_AT(pr_status_keys, PR_STATUS__COUNT, s);
}
const char *pr_status_label(pr_status s)
{
    return ENUM_AT(status_labels, PR_STATUS__COUNT, s);
}
const char *pr_scale_key(pr_scale s)
{
    return ENUM_AT(pr_scale_keys, PR_SCALE__COUNT, s);
}
const char *pr_scale_label(pr_scale s)
{
    return ENUM_AT(scale_labels, PR_SCALE__COUNT, s);
}
const char *pr_count_precision_key(pr_count_precision p)
{
    return ENUM_AT(pr_count_precision_keys, PR_COUNT__PRECISIONS, p);
}
const char *pr_count_precision_label(pr_count_precision p)
{
    return ENUM_AT(count_precision_labels, PR_COUNT__PRECISIONS, p);
}

const char *pr_meeting_kind_key(pr_meeting_kind k)
{
    return ENUM_AT(pr_meeting_kind_keys, PR_MEETING__COUNT, k);
}
const char *pr_meeting_kind_label(pr_meeting_kind k)
{
    return ENUM_AT(meeting_kind_labels, PR_MEETING__COUNT, k);
}

pr_meeting_kind pr_meeting_kind_of_body(const char *body)
{
    if (!body)
        return PR_MEETING_OTHER;
    /* lower case, accents of é and è dropped, spaces collapsed and trimmed */
    char *low = pr_utf8_lower(body);
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    for (const char *p = low; *p; p++) {
        if (!strncmp(p, "\xC3\xA9", 2) || !strncmp(p, "\xC3\xA8", 2)) {
            pr_sb_putc(&sb, 'e');
            p++;
        } else if (*p == ' ' || *p == '\t') {
            if (sb.len && sb.data[sb.len - 1] != ' ')
                pr_sb_putc(&sb, ' ');
        } else {
            pr_sb_putc(&sb, *p);
        }
    }
    while (sb.len && sb.data[sb.len - 1] == ' ')
        sb.data[--sb.len] = 0;
    pr_meeting_kind k = PR_MEETING_OTHER;
    if (!strcmp(sb.data, "comite de pilotage") || !strcmp(sb.data, "copil"))
        k = PR_MEETING_STEERING;
    else if (!strcmp(sb.data, "comite technique") || !strcmp(sb.data, "cotech"))
        k = PR_MEETING_TECHNICAL;
    pr_sb_free(&sb);
    free(low);
    return k;
}

int pr_date_cmp(pr_date a, pr_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}
