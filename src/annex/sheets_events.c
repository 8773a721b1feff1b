/* sheets_events.c — the sheets of the events (see sheets_events.h): one
 * row per event, session, speaker, official present and quote. */
#include "annex/sheets_events.h"

#include <stdlib.h>
#include <string.h>

/* "exact", "environ" or "plus de" for a known count (NULL: unknown). */
static const char *count_precision(pr_count c)
{
    return c.known ? pr_count_precision_label(c.prec) : NULL;
}

/* qsort comparator of officials by id. */
static int cmp_official(const void *a, const void *b)
{
    return strcmp((*(const pr_official *const *)a)->id, (*(const pr_official *const *)b)->id);
}

static const char *const ev_headers[EV__N] = {
    "Id", "Date", "Précision de la date", "Année", "Type (clé)", "Type", "Titre", "Thème",
    "Édition", "Lieu", "Ville", "Code postal", "Participants", "Précision des participants",
    "Sessions", "Intervenants", "Chantier", "Élus présents", "Nombre d'élus présents",
    "Personnes interviewées", "Personnes comptées", "Thématiques", "Résumé",
};

/* Number of speakers of an event, sessions included. */
static size_t event_speakers(const pr_event *e)
{
    size_t n = e->n_speakers;
    for (size_t s = 0; s < e->n_sessions; s++)
        n += e->sessions[s].n_speakers;
    return n;
}

/* Événements: one event per row, with its counts and people counted. */
void annex_build_events(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(b, SH_EVENTS, ev_headers, EV__N, m->n_events);
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        unsigned r = (unsigned)i + 1;
        book_put_str(b, sh, r, EV_ID, e->id);
        book_put_date(sh, r, EV_DATE, e->date);
        book_put_str(b, sh, r, EV_PREC, annex_date_prec_label(e->date.prec));
        book_put_int_opt(sh, r, EV_YEAR, e->date.year, e->date.prec != PR_DATE_NONE);
        book_put_str(b, sh, r, EV_TYPE_KEY, pr_event_type_key(e->type));
        book_put_str(b, sh, r, EV_TYPE, pr_event_type_label(e->type));
        book_put_str(b, sh, r, EV_TITLE, e->title);
        book_put_str(b, sh, r, EV_THEME, e->theme);
        book_put_int_opt(sh, r, EV_EDITION, e->edition, e->edition != 0);
        book_put_str(b, sh, r, EV_PLACE, e->place);
        book_put_str(b, sh, r, EV_CITY, e->city);
        book_put_str(b, sh, r, EV_POSTCODE, e->postcode);
        book_put_int_opt(sh, r, EV_PARTICIPANTS, e->participants.value, e->participants.known);
        book_put_str(b, sh, r, EV_PART_PREC, count_precision(e->participants));
        book_put_num(sh, r, EV_SESSIONS, (double)e->n_sessions, FMT_INT);
        book_put_num(sh, r, EV_SPEAKERS, (double)event_speakers(e), FMT_INT);
        book_put_str(b, sh, r, EV_WORKSTREAM, e->workstream);
        book_put_str(b, sh, r, EV_OFFICIALS, book_join(b, &e->officials));
        book_put_num(sh, r, EV_N_OFFICIALS, (double)e->officials.n, FMT_INT);
        book_put_num(sh, r, EV_INTERVIEWS, (double)e->n_interviews, FMT_INT);
        /* pr_event_attendance: the declared participants, else the people
         * the data names (speakers, officials present, people interviewed) */
        const char *parts = book_cell_ref(b, r, EV_PARTICIPANTS);
        book_put_formula_num(b, sh, r, EV_ATTENDANCE,
                             book_printf(b, "=IF(ISNUMBER(%s),%s,%s+%s+%s)", parts, parts,
                                         book_cell_ref(b, r, EV_SPEAKERS),
                                         book_cell_ref(b, r, EV_N_OFFICIALS),
                                         book_cell_ref(b, r, EV_INTERVIEWS)),
                             (double)pr_event_attendance(e, NULL));
        book_put_str(b, sh, r, EV_TOPICS, book_join(b, &e->topics));
        book_put_str(b, sh, r, EV_SUMMARY, e->summary);
    }
}

static const char *const se_headers[SE__N] = {
    "Événement", "Type d'événement (clé)", "Année", "N° de session", "Type (clé)", "Type",
    "Titre", "Participants", "Précision des participants", "Intervenants", "Texte",
};

/* Sessions: one session of an event per row. */
void annex_build_sessions(annex_book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_events; i++)
        n += m->events[i].n_sessions;
    annex_sheet *sh = book_start_table(b, SH_SESSIONS, se_headers, SE__N, n);
    unsigned r = 1;
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        for (size_t s = 0; s < e->n_sessions; s++, r++) {
            const pr_session *ss = &e->sessions[s];
            book_put_str(b, sh, r, SE_EVENT, e->id);
            book_put_str(b, sh, r, SE_EVENT_TYPE, pr_event_type_key(e->type));
            book_put_int_opt(sh, r, SE_YEAR, e->date.year, e->date.prec != PR_DATE_NONE);
            book_put_num(sh, r, SE_NUMBER, (double)(s + 1), FMT_INT);
            book_put_str(b, sh, r, SE_TYPE_KEY, pr_session_type_key(ss->type));
            book_put_str(b, sh, r, SE_TYPE, pr_session_type_label(ss->type));
            book_put_str(b, sh, r, SE_TITLE, ss->title);
            book_put_int_opt(sh, r, SE_PARTICIPANTS, ss->participants.value,
                             ss->participants.known);
            book_put_str(b, sh, r, SE_PART_PREC, count_precision(ss->participants));
            book_put_num(sh, r, SE_SPEAKERS, (double)ss->n_speakers, FMT_INT);
            book_put_str(b, sh, r, SE_TEXT, ss->text);
        }
    }
}

static const char *const sp_headers[SP__N] = {
    "Événement", "Type d'événement (clé)", "Année", "N° de session", "Session", "Prénom", "Nom",
    "Fonction", "Organisation", "Identité (clé)", "Première mention",
};

/* The identity of a speaker for distinct counts (pr_speaker_key), in the
 * arena. */
static const char *speaker_key(annex_book *b, const pr_person *p)
{
    char *k = pr_speaker_key(p);
    const char *copy = pr_arena_strdup(&b->arena, k);
    free(k);
    return copy;
}

typedef struct speaker_row {
    const pr_event *e;
    size_t session;              /* 0: outside sessions, else 1-based */
    const pr_person *p;
    const char *key;             /* speaker_key() */
    size_t index;                /* row order */
} speaker_row;

/* Order of speaker rows by identity, event type, year, then row. */
static int cmp_speaker(const void *a, const void *b)
{
    const speaker_row *x = *(const speaker_row *const *)a, *y = *(const speaker_row *const *)b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->e->type != y->e->type)
        return x->e->type < y->e->type ? -1 : 1;
    if (x->e->date.year != y->e->date.year)
        return x->e->date.year < y->e->date.year ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Intervenants: one speaker per row (event-level, then per session), with
 * the identity key and the first-mention flag the figure sums. */
void annex_build_speakers(annex_book *b)
{
    const pr_model *m = b->m;
    speaker_row *rows = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        for (size_t k = 0; k < e->n_speakers; k++)
            PR_PUSH(rows, n, cap, ((speaker_row){e, 0, &e->speakers[k], NULL, 0}));
        for (size_t s = 0; s < e->n_sessions; s++)
            for (size_t k = 0; k < e->sessions[s].n_speakers; k++)
                PR_PUSH(rows, n, cap,
                        ((speaker_row){e, s + 1, &e->sessions[s].speakers[k], NULL, 0}));
    }
    /* a row is a first mention when no earlier row has the same identity,
     * event type and year (what the column's formula recomputes) */
    speaker_row **order = pr_malloc((n ? n : 1) * sizeof *order);
    unsigned char *first = pr_calloc(n ? n : 1, 1);
    for (size_t i = 0; i < n; i++) {
        rows[i].key = speaker_key(b, rows[i].p);
        rows[i].index = i;
        order[i] = &rows[i];
    }
    qsort(order, n, sizeof *order, cmp_speaker);
    for (size_t i = 0; i < n; i++) {
        const speaker_row *x = order[i], *prev = i ? order[i - 1] : NULL;
        first[x->index] = !prev || strcmp(prev->key, x->key) || prev->e->type != x->e->type ||
                          prev->e->date.year != x->e->date.year;
    }
    free(order);

    annex_sheet *sh = book_start_table(b, SH_SPEAKERS, sp_headers, SP__N, n);
    char kc[4], tc[4], yc[4];
    annex_col_letters(SP_KEY, kc);
    annex_col_letters(SP_EVENT_TYPE, tc);
    annex_col_letters(SP_YEAR, yc);
    for (size_t i = 0; i < n; i++) {
        const speaker_row *sr = &rows[i];
        unsigned r = (unsigned)i + 1;
        book_put_str(b, sh, r, SP_EVENT, sr->e->id);
        book_put_str(b, sh, r, SP_EVENT_TYPE, pr_event_type_key(sr->e->type));
        book_put_int_opt(sh, r, SP_YEAR, sr->e->date.year, sr->e->date.prec != PR_DATE_NONE);
        if (sr->session) {
            book_put_num(sh, r, SP_SESSION, (double)sr->session, FMT_INT);
            book_put_str(b, sh, r, SP_SESSION_TITLE, sr->e->sessions[sr->session - 1].title);
        }
        book_put_str(b, sh, r, SP_FIRST, sr->p->first_name);
        book_put_str(b, sh, r, SP_LAST, sr->p->last_name);
        book_put_str(b, sh, r, SP_ROLE, sr->p->role);
        book_put_str(b, sh, r, SP_ORG, sr->p->organisation);
        book_put_str(b, sh, r, SP_KEY, sr->key);
        /* EXACT: identities compare as figures.c compares them, case and
         * all, with no wildcard (COUNTIFS would ignore case and read * ?) */
        book_put_formula_num(b, sh, r, SP_FIRST_MENTION,
                             book_printf(b, "=IF(SUMPRODUCT(EXACT(%s$2:%s%u,%s%u)*"
                                            "(%s$2:%s%u=%s%u)*(%s$2:%s%u=%s%u))=1,1,0)",
                                         kc, kc, r + 1, kc, r + 1, tc, tc, r + 1, tc, r + 1, yc,
                                         yc, r + 1, yc, r + 1),
                             first[i]);
    }
    free(first);
    free(rows);
}

static const char *const prs_headers[PRS__N] = {
    "Événement", "Type d'événement (clé)", "Année", "Date", "Élu", "Prénom", "Nom",
};

/* Présences des élus: one official present at one event per row. */
void annex_build_presences(annex_book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_events; i++)
        n += m->events[i].officials.n;
    annex_sheet *sh = book_start_table(b, SH_PRESENCES, prs_headers, PRS__N, n);
    /* officials by id (pr_model_official is a linear lookup) */
    const pr_official **byid = pr_malloc((m->n_officials ? m->n_officials : 1) * sizeof *byid);
    for (size_t i = 0; i < m->n_officials; i++)
        byid[i] = &m->officials[i];
    qsort(byid, m->n_officials, sizeof *byid, cmp_official);
    unsigned r = 1;
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        for (size_t k = 0; k < e->officials.n; k++, r++) {
            pr_official key = {.id = e->officials.items[k]};
            const pr_official *kp = &key;
            const pr_official **hit =
                bsearch(&kp, byid, m->n_officials, sizeof *byid, cmp_official);
            const pr_official *o = hit ? *hit : NULL;
            book_put_str(b, sh, r, PRS_EVENT, e->id);
            book_put_str(b, sh, r, PRS_EVENT_TYPE, pr_event_type_key(e->type));
            book_put_int_opt(sh, r, PRS_YEAR, e->date.year, e->date.prec != PR_DATE_NONE);
            book_put_date(sh, r, PRS_DATE, e->date);
            book_put_str(b, sh, r, PRS_OFFICIAL, e->officials.items[k]);
            if (o) {
                book_put_str(b, sh, r, PRS_FIRST, o->first_name);
                book_put_str(b, sh, r, PRS_LAST, o->last_name);
            }
        }
    }
    free(byid);
}

static const char *const qu_headers[QU__N] = {
    "Événement", "Date", "Citation", "Prénom", "Nom", "Fonction", "Organisation",
};

/* Citations: one quote per row, with its event. */
void annex_build_quotes(annex_book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_events; i++)
        n += m->events[i].n_quotes;
    annex_sheet *sh = book_start_table(b, SH_QUOTES, qu_headers, QU__N, n);
    unsigned r = 1;
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        for (size_t k = 0; k < e->n_quotes; k++, r++) {
            const pr_quote *q = &e->quotes[k];
            book_put_str(b, sh, r, QU_EVENT, e->id);
            book_put_date(sh, r, QU_DATE, e->date);
            book_put_str(b, sh, r, QU_TEXT, q->text);
            book_put_str(b, sh, r, QU_FIRST, q->author.first_name);
            book_put_str(b, sh, r, QU_LAST, q->author.last_name);
            book_put_str(b, sh, r, QU_ROLE, q->author.role);
            book_put_str(b, sh, r, QU_ORG, q->author.organisation);
        }
    }
}
