/* sheets_events.c — the sheets of the events (see sheets_events.h): one
 * row per event, session, speaker, official present and quote. Every
 * derived column is a calculated column over the input columns and the
 * other tables; the cached results are what the formulas give. */
#include "annex/sheets_events.h"

#include <stdlib.h>
#include <string.h>

#include "annex/sheets_organisation.h"
#include "annex/sheets_reference.h"
#include "annex/sheets_territory.h"

const char *const annex_ev_headers[EV__N] = {
    "Id", "Date", "Précision de la date", "Année", "Type (clé)", "Type", "Organisateur",
    "Organisé par le réseau", "Titre", "Thème", "Édition", "Lieu", "Ville", "Code postal",
    "Participants", "Précision des participants", "Effectif", "Sessions", "Intervenants",
    "Élus présents", "Chantier", "Personnes interviewées", "Thématiques", "Résumé",
};

const char *const annex_se_headers[SE__N] = {
    "Événement", "N° de session", "Type (clé)", "Type", "Titre", "Participants",
    "Précision des participants", "Intervenants", "Type d’événement (clé)", "Année", "Texte",
};

const char *const annex_sp_headers[SP__N] = {
    "Événement", "N° de session", "Prénom", "Nom", "Fonction", "Organisation", "Identité (clé)",
    "Type d’événement (clé)", "Année", "Mentions",
};

const char *const annex_prs_headers[PRS__N] = {
    "Événement", "Élu", "Type d’événement (clé)", "Année",
};

const char *const annex_qu_headers[QU__N] = {
    "Événement", "Citation", "Prénom", "Nom", "Fonction", "Organisation",
};

/* "exact", "environ" or "plus de" for a known count (NULL: unknown). */
static const char *count_precision(pr_count c)
{
    return c.known ? pr_count_precision_label(c.prec) : NULL;
}

const char *annex_event_lookup(annex_book *b, const char *id_ref, unsigned ev_col)
{
    /* INDEX(MATCH(1, INDEX(--EXACT(...), 0), 0)): the row whose id is the
     * same text, case included, without an array formula */
    return book_printf(b, "IFERROR(INDEX(%s,MATCH(1,INDEX(--EXACT(%s,%s),0),0)),\"\")",
                       book_col(b, SH_EVENTS, ev_col), book_col(b, SH_EVENTS, EV_ID), id_ref);
}

/* The number of rows of another table whose `col` is the same text as
 * this row's `id_col` (case included). */
static const char *count_by_id(annex_book *b, annex_sheet_id other, unsigned col,
                               annex_sheet_id self, unsigned id_col)
{
    return book_printf(b, "=SUMPRODUCT(--EXACT(%s,%s))", book_col(b, other, col),
                       book_this(b, self, id_col));
}

/* Number of speakers of an event, sessions included. */
static size_t event_speakers(const pr_event *e)
{
    size_t n = e->n_speakers;
    for (size_t s = 0; s < e->n_sessions; s++)
        n += e->sessions[s].n_speakers;
    return n;
}

/* The year of a dated record as its cell shows it (none: ""). */
static void put_year(annex_sheet *sh, unsigned r, unsigned col, pr_date d)
{
    if (d.prec != PR_DATE_NONE)
        book_put_calc_num(sh, r, col, d.year);
    else
        book_put_calc_str(NULL, sh, r, col, "");
}

/* Événements: one event per row. */
void annex_build_events(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(
        b, SH_EVENTS,
        book_printf(b, "Source : %s, liste « evenements » ; un événement par ligne. Colonnes "
                       "grisées : calculées (voir À propos).", b->src.name),
        annex_ev_headers, EV__N, m->n_events);
    annex_table *t = &sh->tables[0];
    if (m->n_events) {
        const char *date = book_this(b, SH_EVENTS, EV_DATE);
        book_set_formula(b, t, EV_YEAR, FMT_INT,
                         book_printf(b, "=IF(ISNUMBER(%s),YEAR(%s),\"\")", date, date));
        book_set_formula(b, t, EV_TYPE, FMT_TEXT,
                         book_printf(b, "=%s", annex_list_label(b, LIST_EVENT_TYPES,
                                                                book_this(b, SH_EVENTS,
                                                                          EV_TYPE_KEY))));
        book_set_formula(b, t, EV_ORGANISED, FMT_TEXT,
                         book_printf(b, "=IF(%s=\"\",\"oui\",\"non\")",
                                     book_this(b, SH_EVENTS, EV_ORGANISER)));
        const char *p = book_this(b, SH_EVENTS, EV_PARTICIPANTS);
        const char *q = book_this(b, SH_EVENTS, EV_PART_PREC);
        book_set_formula(b, t, EV_ATTENDANCE, FMT_TEXT,
                         book_printf(b, "=IF(ISNUMBER(%s),IF(OR(%s=\"%s\",%s=\"%s\"),\"%s\","
                                        "\"%s\"),\"%s\")",
                                     p, q, pr_count_precision_label(PR_COUNT_ABOUT), q,
                                     pr_count_precision_label(PR_COUNT_AT_LEAST),
                                     pr_attendance_label(PR_ATTENDANCE_APPROX),
                                     pr_attendance_label(PR_ATTENDANCE_EXACT),
                                     pr_attendance_label(PR_ATTENDANCE_UNKNOWN)));
        book_set_formula(b, t, EV_SESSIONS, FMT_INT,
                         count_by_id(b, SH_SESSIONS, SE_EVENT, SH_EVENTS, EV_ID));
        book_set_formula(b, t, EV_SPEAKERS, FMT_INT,
                         count_by_id(b, SH_SPEAKERS, SP_EVENT, SH_EVENTS, EV_ID));
        book_set_formula(b, t, EV_N_OFFICIALS, FMT_INT,
                         count_by_id(b, SH_PRESENCES, PRS_EVENT, SH_EVENTS, EV_ID));
    }
    t->validations[EV_PREC] = annex_list_range(b, LIST_DATE_PRECISIONS);
    t->validations[EV_TYPE_KEY] = annex_list_range(b, LIST_EVENT_TYPES);
    t->validations[EV_PART_PREC] = annex_list_range(b, LIST_PRECISIONS);
    t->validations[EV_WORKSTREAM] =
        annex_records_range(b, SH_WORKSTREAMS, WS_ID, m->n_workstreams);
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        unsigned r = annex_row(sh, i);
        book_put_str(b, sh, r, EV_ID, e->id);
        book_put_date(sh, r, EV_DATE, e->date);
        book_put_str(b, sh, r, EV_PREC, annex_date_prec_label(e->date.prec));
        put_year(sh, r, EV_YEAR, e->date);
        book_put_str(b, sh, r, EV_TYPE_KEY, pr_event_type_key(e->type));
        book_put_calc_str(b, sh, r, EV_TYPE, pr_event_type_label(e->type));
        book_put_str(b, sh, r, EV_ORGANISER, e->organiser);
        book_put_calc_str(b, sh, r, EV_ORGANISED, e->organiser && *e->organiser ? "non" : "oui");
        book_put_str(b, sh, r, EV_TITLE, e->title);
        book_put_str(b, sh, r, EV_THEME, e->theme);
        book_put_int_opt(sh, r, EV_EDITION, e->edition, e->edition != 0);
        book_put_str(b, sh, r, EV_PLACE, e->place);
        book_put_str(b, sh, r, EV_CITY, e->city);
        book_put_str(b, sh, r, EV_POSTCODE, e->postcode);
        book_put_int_opt(sh, r, EV_PARTICIPANTS, e->participants.value, e->participants.known);
        book_put_str(b, sh, r, EV_PART_PREC, count_precision(e->participants));
        book_put_calc_str(b, sh, r, EV_ATTENDANCE,
                          pr_attendance_label(pr_count_attendance(e->participants)));
        book_put_calc_num(sh, r, EV_SESSIONS, (double)e->n_sessions);
        book_put_calc_num(sh, r, EV_SPEAKERS, (double)event_speakers(e));
        book_put_calc_num(sh, r, EV_N_OFFICIALS, (double)e->officials.n);
        book_put_str(b, sh, r, EV_WORKSTREAM, e->workstream);
        pr_strbuf sb = {0};
        for (size_t k = 0; k < e->n_interviews; k++) {
            const pr_person *p = &e->interviews[k];
            pr_sb_printf(&sb, "%s%s%s%s", k ? "; " : "", p->first_name ? p->first_name : "",
                         p->first_name && p->last_name ? " " : "",
                         p->last_name ? p->last_name : p->organisation ? p->organisation : "");
        }
        book_put_str(b, sh, r, EV_INTERVIEWS, sb.data);
        pr_sb_free(&sb);
        book_put_str(b, sh, r, EV_TOPICS, book_join(b, &e->topics));
        book_put_str(b, sh, r, EV_SUMMARY, e->summary);
    }
}

/* The event-type key and year columns of a sheet whose rows name an event
 * in column id_col: lookups in Événements. */
static void set_event_lookups(annex_book *b, annex_sheet_id id, unsigned id_col,
                              unsigned type_col, unsigned year_col)
{
    annex_table *t = &b->sheets[id].tables[0];
    const char *ref = book_this(b, id, id_col);
    book_set_formula(b, t, type_col, FMT_TEXT,
                     book_printf(b, "=%s", annex_event_lookup(b, ref, EV_TYPE_KEY)));
    book_set_formula(b, t, year_col, FMT_INT,
                     book_printf(b, "=%s", annex_event_lookup(b, ref, EV_YEAR)));
}

/* Sessions: one session of an event per row. */
void annex_build_sessions(annex_book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_events; i++)
        n += m->events[i].n_sessions;
    annex_sheet *sh = book_start_table(
        b, SH_SESSIONS,
        book_printf(b, "Source : %s, « evenements[].sessions » ; une session par ligne, "
                       "numérotée dans son événement. Colonnes grisées : calculées.",
                    b->src.name),
        annex_se_headers, SE__N, n);
    annex_table *t = &sh->tables[0];
    if (n) {
        book_set_formula(b, t, SE_TYPE, FMT_TEXT,
                         book_printf(b, "=%s", annex_list_label(b, LIST_SESSION_TYPES,
                                                                book_this(b, SH_SESSIONS,
                                                                          SE_TYPE_KEY))));
        book_set_formula(
            b, t, SE_SPEAKERS, FMT_INT,
            book_printf(b, "=SUMPRODUCT(EXACT(%s,%s)*(%s=%s))", book_col(b, SH_SPEAKERS, SP_EVENT),
                        book_this(b, SH_SESSIONS, SE_EVENT), book_col(b, SH_SPEAKERS, SP_SESSION),
                        book_this(b, SH_SESSIONS, SE_NUMBER)));
        set_event_lookups(b, SH_SESSIONS, SE_EVENT, SE_EVENT_TYPE, SE_YEAR);
    }
    t->validations[SE_EVENT] = annex_records_range(b, SH_EVENTS, EV_ID, m->n_events);
    t->validations[SE_TYPE_KEY] = annex_list_range(b, LIST_SESSION_TYPES);
    t->validations[SE_PART_PREC] = annex_list_range(b, LIST_PRECISIONS);
    size_t i = 0;
    for (size_t e_i = 0; e_i < m->n_events; e_i++) {
        const pr_event *e = &m->events[e_i];
        for (size_t s = 0; s < e->n_sessions; s++, i++) {
            const pr_session *ss = &e->sessions[s];
            unsigned r = annex_row(sh, i);
            book_put_str(b, sh, r, SE_EVENT, e->id);
            book_put_num(sh, r, SE_NUMBER, (double)(s + 1), FMT_INT);
            book_put_str(b, sh, r, SE_TYPE_KEY, pr_session_type_key(ss->type));
            book_put_calc_str(b, sh, r, SE_TYPE, pr_session_type_label(ss->type));
            book_put_str(b, sh, r, SE_TITLE, ss->title);
            book_put_int_opt(sh, r, SE_PARTICIPANTS, ss->participants.value,
                             ss->participants.known);
            book_put_str(b, sh, r, SE_PART_PREC, count_precision(ss->participants));
            book_put_calc_num(sh, r, SE_SPEAKERS, (double)ss->n_speakers);
            book_put_calc_str(b, sh, r, SE_EVENT_TYPE, pr_event_type_key(e->type));
            put_year(sh, r, SE_YEAR, e->date);
            book_put_str(b, sh, r, SE_TEXT, ss->text);
        }
    }
}

typedef struct speaker_row {
    const pr_event *e;
    size_t session;              /* 0: outside sessions, else 1-based */
    const pr_person *p;
    char *key;                   /* pr_speaker_key() */
    size_t index;                /* row order */
} speaker_row;

/* Order of speaker rows by identity, event type, then year: a group is the
 * rows a Mentions cell counts. */
static int cmp_speaker(const void *a, const void *b)
{
    const speaker_row *x = *(const speaker_row *const *)a, *y = *(const speaker_row *const *)b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->e->type != y->e->type)
        return x->e->type < y->e->type ? -1 : 1;
    int xy = x->e->date.prec ? x->e->date.year : 0, yy = y->e->date.prec ? y->e->date.year : 0;
    return (xy > yy) - (xy < yy);
}

/* Intervenants: one speaker per row (event-level, then per session), with
 * the identity key and the number of mentions of that identity at the
 * same kind of event the same year. */
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
    /* mentions: the size of each row's group (identity, event type, year) */
    speaker_row **order = pr_malloc((n ? n : 1) * sizeof *order);
    size_t *mentions = pr_calloc(n ? n : 1, sizeof *mentions);
    for (size_t i = 0; i < n; i++) {
        rows[i].key = pr_speaker_key(rows[i].p);
        rows[i].index = i;
        order[i] = &rows[i];
    }
    qsort(order, n, sizeof *order, cmp_speaker);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && !cmp_speaker(&order[i], &order[j]))
            j++;
        for (size_t k = i; k < j; k++)
            mentions[order[k]->index] = j - i;
        i = j;
    }
    free(order);

    annex_sheet *sh = book_start_table(
        b, SH_SPEAKERS,
        book_printf(b, "Source : %s, « intervenants » des événements et de leurs sessions ; un "
                       "intervenant par ligne (N° de session vide : hors session). Mentions : "
                       "lignes de la même identité, au même type d’événement, la même année. "
                       "Colonnes grisées : calculées.", b->src.name),
        annex_sp_headers, SP__N, n);
    annex_table *t = &sh->tables[0];
    if (n) {
        const char *last = book_this(b, SH_SPEAKERS, SP_LAST);
        book_set_formula(b, t, SP_KEY, FMT_TEXT,
                         book_printf(b, "=IF(%s<>\"\",\"p:\"&LOWER(%s&\" \"&%s),\"o:\"&LOWER(%s))",
                                     last, book_this(b, SH_SPEAKERS, SP_FIRST), last,
                                     book_this(b, SH_SPEAKERS, SP_ORG)));
        set_event_lookups(b, SH_SPEAKERS, SP_EVENT, SP_EVENT_TYPE, SP_YEAR);
        /* EXACT: identities compare as figures.c compares them, with no
         * wildcard (COUNTIFS would read * and ? in a name) */
        book_set_formula(b, t, SP_MENTIONS, FMT_INT,
                         book_printf(b, "=SUMPRODUCT(EXACT(%s,%s)*(%s=%s)*(%s=%s))",
                                     book_col(b, SH_SPEAKERS, SP_KEY),
                                     book_this(b, SH_SPEAKERS, SP_KEY),
                                     book_col(b, SH_SPEAKERS, SP_EVENT_TYPE),
                                     book_this(b, SH_SPEAKERS, SP_EVENT_TYPE),
                                     book_col(b, SH_SPEAKERS, SP_YEAR),
                                     book_this(b, SH_SPEAKERS, SP_YEAR)));
    }
    t->validations[SP_EVENT] = annex_records_range(b, SH_EVENTS, EV_ID, m->n_events);
    for (size_t i = 0; i < n; i++) {
        const speaker_row *sr = &rows[i];
        unsigned r = annex_row(sh, i);
        book_put_str(b, sh, r, SP_EVENT, sr->e->id);
        if (sr->session)
            book_put_num(sh, r, SP_SESSION, (double)sr->session, FMT_INT);
        book_put_str(b, sh, r, SP_FIRST, sr->p->first_name);
        book_put_str(b, sh, r, SP_LAST, sr->p->last_name);
        book_put_str(b, sh, r, SP_ROLE, sr->p->role);
        book_put_str(b, sh, r, SP_ORG, sr->p->organisation);
        book_put_calc_str(b, sh, r, SP_KEY, pr_arena_strdup(&b->arena, sr->key));
        book_put_calc_str(b, sh, r, SP_EVENT_TYPE, pr_event_type_key(sr->e->type));
        put_year(sh, r, SP_YEAR, sr->e->date);
        book_put_calc_num(sh, r, SP_MENTIONS, (double)mentions[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(rows[i].key);
    free(mentions);
    free(rows);
}

/* Présences des élus: one official present at one event per row. */
void annex_build_presences(annex_book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_events; i++)
        n += m->events[i].officials.n;
    annex_sheet *sh = book_start_table(
        b, SH_PRESENCES,
        book_printf(b, "Source : %s, « evenements[].elus » ; une présence d’un élu à un "
                       "événement par ligne (l’élu par son identifiant : son nom est dans la "
                       "feuille Élus). Colonnes grisées : calculées (type et année de "
                       "l’événement, lus dans Événements).", b->src.name),
        annex_prs_headers, PRS__N, n);
    annex_table *t = &sh->tables[0];
    if (n) {
        set_event_lookups(b, SH_PRESENCES, PRS_EVENT, PRS_EVENT_TYPE, PRS_YEAR);
    }
    t->validations[PRS_EVENT] = annex_records_range(b, SH_EVENTS, EV_ID, m->n_events);
    t->validations[PRS_OFFICIAL] = annex_records_range(b, SH_OFFICIALS, OF_ID, m->n_officials);
    size_t i = 0;
    for (size_t e_i = 0; e_i < m->n_events; e_i++) {
        const pr_event *e = &m->events[e_i];
        for (size_t k = 0; k < e->officials.n; k++, i++) {
            unsigned r = annex_row(sh, i);
            book_put_str(b, sh, r, PRS_EVENT, e->id);
            book_put_str(b, sh, r, PRS_OFFICIAL, e->officials.items[k]);
            book_put_calc_str(b, sh, r, PRS_EVENT_TYPE, pr_event_type_key(e->type));
            put_year(sh, r, PRS_YEAR, e->date);
        }
    }
}

/* Citations: one quote per row, with its event. */
void annex_build_quotes(annex_book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_events; i++)
        n += m->events[i].n_quotes;
    annex_sheet *sh = book_start_table(
        b, SH_QUOTES,
        book_printf(b, "Source : %s, « evenements[].citations » ; une citation par ligne.",
                    b->src.name),
        annex_qu_headers, QU__N, n);
    sh->tables[0].validations[QU_EVENT] = annex_records_range(b, SH_EVENTS, EV_ID, m->n_events);
    size_t i = 0;
    for (size_t e_i = 0; e_i < m->n_events; e_i++) {
        const pr_event *e = &m->events[e_i];
        for (size_t k = 0; k < e->n_quotes; k++, i++) {
            const pr_quote *q = &e->quotes[k];
            unsigned r = annex_row(sh, i);
            book_put_str(b, sh, r, QU_EVENT, e->id);
            book_put_str(b, sh, r, QU_TEXT, q->text);
            book_put_str(b, sh, r, QU_FIRST, q->author.first_name);
            book_put_str(b, sh, r, QU_LAST, q->author.last_name);
            book_put_str(b, sh, r, QU_ROLE, q->author.role);
            book_put_str(b, sh, r, QU_ORG, q->author.organisation);
        }
    }
}
