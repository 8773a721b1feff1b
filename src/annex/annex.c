/* annex.c — the Excel annex (see annex.h), written with libxlsxwriter.
 *
 * Two phases. First the workbook is described in memory (a `book`: sheets,
 * cells, tables, formulas with their cached results) from the model and the
 * figures, without libxlsxwriter; the formulas of the key figures refer to
 * the data sheets' ranges, so the data sheets are built first. Then
 * emit_book() writes that description with libxlsxwriter. This file is the
 * only one that includes xlsxwriter.h.
 *
 * Formulas use only functions Excel 2007 and LibreOffice both evaluate
 * (COUNTIFS, SUMIFS, COUNTIF, COUNTA, SUMPRODUCT, EXACT, MAX, ROW, ROUNDDOWN,
 * IF, ISNUMBER, DATE),
 * plain A1 ranges (no structured references) and ASCII keys in criteria
 * (the "(clé)" columns), so that a recalculation in either gives the value
 * figures.c computed. */
#define _GNU_SOURCE   /* RTLD_NEXT */
#include "annex/annex.h"

#include <assert.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zlib.h>

#include "data/geo.h"

#ifndef PR_VERSION
#define PR_VERSION "0.0.0"
#endif

/* Widest column (in characters) before text wraps. */
#define WIDTH_MAX 60
/* Longest string a cell holds (bytes; Excel's limit is 32767 characters). */
#define CELL_MAX 32767

/* ---- the in-memory workbook --------------------------------------------- */
typedef enum {
    FMT_TEXT,      /* text, top-aligned (wraps when its column is capped) */
    FMT_INT,       /* integer "0" */
    FMT_DEC,       /* "0.0000" (coordinates) */
    FMT_DAY,       /* dd/mm/yyyy */
    FMT_MONTH,     /* "mars 2023" */
    FMT_YEAR,      /* yyyy */
    FMT_TITLE,     /* big bold title */
    FMT_LABEL,     /* bold label */
    FMT_INT_LEFT,  /* integer "0", left-aligned (beside text) */
    FMT__N
} fmt_id;

typedef enum { CK_STR, CK_NUM, CK_DATE, CK_FNUM, CK_FSTR } cell_kind;

typedef struct cell {
    unsigned row, col;
    cell_kind kind;
    fmt_id fmt;
    const char *s;        /* string, or formula (with its '=') */
    const char *cached;   /* CK_FSTR: cached string result */
    double num;           /* CK_NUM value, CK_FNUM cached result */
    pr_date date;         /* CK_DATE */
} cell;

typedef struct table {
    const char *name;     /* Excel table name (ASCII) */
    unsigned row, col;    /* header cell */
    const char *const *headers;
    size_t n_cols;
    size_t n_records;     /* data rows (the table shows at least one) */
} table;

typedef struct sheet {
    const char *name;
    const char *about;    /* one line for "À propos" */
    cell *cells;
    size_t n_cells, cap_cells;
    table tables[2];
    size_t n_tables;
    unsigned freeze_rows; /* header rows frozen (0: none) */
    int status_col;       /* Contrôles: column of OK/ÉCART (-1: none) */
    size_t status_rows;
    int chart;            /* Synthèse: a chart of the month table */
    unsigned chart_row, chart_col;
} sheet;

/* Display order of the sheets. */
enum {
    SH_ABOUT, SH_SUMMARY, SH_CHECKS, SH_EVENTS, SH_SESSIONS, SH_SPEAKERS,
    SH_PRESENCES, SH_WORKSTREAMS, SH_ACTIONS, SH_OFFICIALS, SH_NETWORKS,
    SH_DEPTS, SH_TEAM, SH_CONSULTANCIES, SH_PARTNERS, SH_MEETINGS,
    SH_NEWSLETTERS, SH_QUOTES, SH__N
};

typedef struct book {
    pr_arena arena;
    const pr_model *m;
    const pr_figures *f;
    int year;
    sheet sheets[SH__N];
    /* Synthèse: the figure formulas (index as f->items), NULL if none */
    const char **formulas;
    unsigned summary_first_row;  /* row of f->items[0] on Synthèse */
} book;

static const char *const sheet_names[SH__N] = {
    "À propos", "Synthèse", "Contrôles", "Événements", "Sessions", "Intervenants",
    "Présences des élus", "Chantiers", "Actions", "Élus", "Réseaux locaux",
    "Départements couverts", "Équipe", "Prestataires", "Partenaires",
    "Gouvernance", "Lettres", "Citations",
};

static const char *const sheet_about[SH__N] = {
    "Cette page : ce qu'est l'annexe et comment la lire.",
    "Les chiffres clés, recalculés par formule à partir des feuilles de données ; "
    "les personnes mobilisées par mois et leur graphique.",
    "Chaque chiffre publié (chiffres déclarés) comparé à la valeur recalculée.",
    "Un événement par ligne (atelier, webinaire, rencontre, stand…).",
    "Une session d'événement par ligne (table ronde, mini-conférence, atelier…).",
    "Un intervenant par ligne, avec son événement et sa session.",
    "Une présence d'élu à un événement par ligne.",
    "Un chantier thématique par ligne, avec son statut pour l'année.",
    "Une action de chantier par ligne.",
    "Un élu engagé par ligne.",
    "Un réseau local par ligne.",
    "Un département couvert par au moins un réseau local actif par ligne.",
    "Un membre de l'équipe d'animation par ligne.",
    "Un prestataire de l'équipe d'animation par ligne.",
    "Un partenaire du comité de pilotage par ligne.",
    "Une réunion de gouvernance par ligne.",
    "Une lettre d'info par ligne.",
    "Une citation par ligne.",
};

static const char *const month_names[12] = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
};

/* Copy a formatted string into the book's arena. */
static const char *bstr(book *b, const char *fmt, ...) PR_PRINTF(2, 3);
static const char *bstr(book *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = pr_vasprintf(fmt, ap);
    va_end(ap);
    char *copy = pr_arena_strdup(&b->arena, s);
    free(s);
    return copy;
}

/* Excel column letters of a 0-based column ("A", "Z", "AA"). */
static void col_letters(unsigned col, char out[4])
{
    char tmp[4];
    int n = 0;
    col++;
    while (col && n < 3) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = 0;
}

/* "C7" (relative) for a 0-based row and column. */
static const char *cell_ref(book *b, unsigned row, unsigned col)
{
    char c[4];
    col_letters(col, c);
    return bstr(b, "%s%u", c, row + 1);
}

/* Append a cell to a sheet. */
static cell *add_cell(sheet *sh, unsigned row, unsigned col, cell_kind kind, fmt_id fmt)
{
    pr_grow((void **)&sh->cells, &sh->cap_cells, sh->n_cells + 1, sizeof *sh->cells);
    cell *c = &sh->cells[sh->n_cells++];
    memset(c, 0, sizeof *c);
    c->row = row;
    c->col = col;
    c->kind = kind;
    c->fmt = fmt;
    return c;
}

/* A text cell; NULL or "" writes nothing. */
static void put_str(book *b, sheet *sh, unsigned row, unsigned col, const char *s)
{
    if (!s || !*s)
        return;
    add_cell(sh, row, col, CK_STR, FMT_TEXT)->s = pr_arena_strdup(&b->arena, s);
}

/* A text cell with a given format; NULL or "" writes nothing. */
static void put_fmt_str(book *b, sheet *sh, unsigned row, unsigned col, fmt_id fmt, const char *s)
{
    if (!s || !*s)
        return;
    add_cell(sh, row, col, CK_STR, fmt)->s = pr_arena_strdup(&b->arena, s);
}

/* A number cell. */
static void put_num(sheet *sh, unsigned row, unsigned col, double v, fmt_id fmt)
{
    add_cell(sh, row, col, CK_NUM, fmt)->num = v;
}

/* An integer, or nothing when `known` is 0. */
static void put_int_opt(sheet *sh, unsigned row, unsigned col, long v, int known)
{
    if (known)
        put_num(sh, row, col, (double)v, FMT_INT);
}

/* A date as a real date: day precision dd/mm/yyyy, month precision the
 * first of the month shown "mars 2023", year precision 1 January as yyyy. */
static void put_date(sheet *sh, unsigned row, unsigned col, pr_date d)
{
    if (d.prec == PR_DATE_NONE)
        return;
    fmt_id fmt = d.prec == PR_DATE_DAY ? FMT_DAY : d.prec == PR_DATE_MONTH ? FMT_MONTH : FMT_YEAR;
    add_cell(sh, row, col, CK_DATE, fmt)->date = d;
}

/* A formula with a numeric cached result. */
static void put_formula_num(book *b, sheet *sh, unsigned row, unsigned col, const char *formula,
                            double cached)
{
    cell *c = add_cell(sh, row, col, CK_FNUM, FMT_INT);
    c->s = pr_arena_strdup(&b->arena, formula);
    c->num = cached;
}

/* A formula with a text cached result. */
static void put_formula_str(book *b, sheet *sh, unsigned row, unsigned col, const char *formula,
                            const char *cached)
{
    cell *c = add_cell(sh, row, col, CK_FSTR, FMT_TEXT);
    c->s = pr_arena_strdup(&b->arena, formula);
    c->cached = pr_arena_strdup(&b->arena, cached);
}

/* Join a string list with "; " (NULL when empty). */
static const char *join(book *b, const pr_strlist *l)
{
    if (!l->n)
        return NULL;
    pr_strbuf sb = {0};
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            pr_sb_puts(&sb, "; ");
        pr_sb_puts(&sb, l->items[i]);
    }
    const char *s = pr_arena_strdup(&b->arena, sb.data);
    pr_sb_free(&sb);
    return s;
}

/* qsort comparator of C strings. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* qsort comparator of officials by id. */
static int cmp_official(const void *a, const void *b)
{
    return strcmp((*(const pr_official *const *)a)->id, (*(const pr_official *const *)b)->id);
}

/* Start a sheet's main table at A1. */
static sheet *start_table(book *b, int id, const char *table_name, const char *const *headers,
                          size_t n_cols, size_t n_records)
{
    sheet *sh = &b->sheets[id];
    table *t = &sh->tables[sh->n_tables++];
    t->name = table_name;
    t->row = 0;
    t->col = 0;
    t->headers = headers;
    t->n_cols = n_cols;
    t->n_records = n_records;
    sh->freeze_rows = 1;
    return sh;
}

/* Absolute range of a column of a sheet's first table, with the sheet name:
 * 'Événements'!$F$2:$F$12 (always at least one data row). */
static const char *col_range(book *b, int id, unsigned col)
{
    const sheet *sh = &b->sheets[id];
    const table *t = &sh->tables[0];
    size_t rows = t->n_records ? t->n_records : 1;
    char c[4];
    col_letters(t->col + col, c);
    return bstr(b, "'%s'!$%s$%u:$%s$%zu", sh->name, c, t->row + 2, c, t->row + 1 + rows);
}

/* "jour", "mois" or "année": how precise a date is (NULL: no date). */
static const char *prec_label(pr_date_precision p)
{
    switch (p) {
    case PR_DATE_DAY: return "jour";
    case PR_DATE_MONTH: return "mois";
    case PR_DATE_YEAR: return "année";
    default: return NULL;
    }
}

/* "exact", "environ" or "plus de" for a known count (NULL: unknown). */
static const char *count_prec_label(const pr_count *c)
{
    if (!c->known)
        return NULL;
    switch (c->prec) {
    case PR_COUNT_ABOUT: return "environ";
    case PR_COUNT_AT_LEAST: return "plus de";
    default: return "exact";
    }
}

/* ---- data sheets -------------------------------------------------------- */
enum {
    EV_ID, EV_DATE, EV_PREC, EV_YEAR, EV_TYPE_KEY, EV_TYPE, EV_TITLE, EV_THEME, EV_EDITION,
    EV_PLACE, EV_CITY, EV_POSTCODE, EV_PARTICIPANTS, EV_PART_PREC, EV_SESSIONS, EV_SPEAKERS,
    EV_WORKSTREAM, EV_OFFICIALS, EV_N_OFFICIALS, EV_INTERVIEWS, EV_ATTENDANCE, EV_TOPICS,
    EV_SUMMARY, EV__N
};
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
static void build_events(book *b)
{
    const pr_model *m = b->m;
    sheet *sh = start_table(b, SH_EVENTS, "Evenements", ev_headers, EV__N, m->n_events);
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        unsigned r = (unsigned)i + 1;
        put_str(b, sh, r, EV_ID, e->id);
        put_date(sh, r, EV_DATE, e->date);
        put_str(b, sh, r, EV_PREC, prec_label(e->date.prec));
        put_int_opt(sh, r, EV_YEAR, e->date.year, e->date.prec != PR_DATE_NONE);
        put_str(b, sh, r, EV_TYPE_KEY, pr_event_type_key(e->type));
        put_str(b, sh, r, EV_TYPE, pr_event_type_label(e->type));
        put_str(b, sh, r, EV_TITLE, e->title);
        put_str(b, sh, r, EV_THEME, e->theme);
        put_int_opt(sh, r, EV_EDITION, e->edition, e->edition != 0);
        put_str(b, sh, r, EV_PLACE, e->place);
        put_str(b, sh, r, EV_CITY, e->city);
        put_str(b, sh, r, EV_POSTCODE, e->postcode);
        put_int_opt(sh, r, EV_PARTICIPANTS, e->participants.value, e->participants.known);
        put_str(b, sh, r, EV_PART_PREC, count_prec_label(&e->participants));
        put_num(sh, r, EV_SESSIONS, (double)e->n_sessions, FMT_INT);
        put_num(sh, r, EV_SPEAKERS, (double)event_speakers(e), FMT_INT);
        put_str(b, sh, r, EV_WORKSTREAM, e->workstream);
        put_str(b, sh, r, EV_OFFICIALS, join(b, &e->officials));
        put_num(sh, r, EV_N_OFFICIALS, (double)e->officials.n, FMT_INT);
        put_num(sh, r, EV_INTERVIEWS, (double)e->n_interviews, FMT_INT);
        /* pr_event_attendance: the declared participants, else the people
         * the data names (speakers, officials present, people interviewed) */
        put_formula_num(b, sh, r, EV_ATTENDANCE,
                        bstr(b, "=IF(ISNUMBER(%s),%s,%s+%s+%s)", cell_ref(b, r, EV_PARTICIPANTS),
                             cell_ref(b, r, EV_PARTICIPANTS), cell_ref(b, r, EV_SPEAKERS),
                             cell_ref(b, r, EV_N_OFFICIALS), cell_ref(b, r, EV_INTERVIEWS)),
                        (double)pr_event_attendance(e, NULL));
        put_str(b, sh, r, EV_TOPICS, join(b, &e->topics));
        put_str(b, sh, r, EV_SUMMARY, e->summary);
    }
}

enum {
    SE_EVENT, SE_EVENT_TYPE, SE_YEAR, SE_NUMBER, SE_TYPE_KEY, SE_TYPE, SE_TITLE,
    SE_PARTICIPANTS, SE_PART_PREC, SE_SPEAKERS, SE_TEXT, SE__N
};
static const char *const se_headers[SE__N] = {
    "Événement", "Type d'événement (clé)", "Année", "N° de session", "Type (clé)", "Type",
    "Titre", "Participants", "Précision des participants", "Intervenants", "Texte",
};

/* Sessions: one session of an event per row. */
static void build_sessions(book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_events; i++)
        n += m->events[i].n_sessions;
    sheet *sh = start_table(b, SH_SESSIONS, "Sessions", se_headers, SE__N, n);
    unsigned r = 1;
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        for (size_t s = 0; s < e->n_sessions; s++, r++) {
            const pr_session *ss = &e->sessions[s];
            put_str(b, sh, r, SE_EVENT, e->id);
            put_str(b, sh, r, SE_EVENT_TYPE, pr_event_type_key(e->type));
            put_int_opt(sh, r, SE_YEAR, e->date.year, e->date.prec != PR_DATE_NONE);
            put_num(sh, r, SE_NUMBER, (double)(s + 1), FMT_INT);
            put_str(b, sh, r, SE_TYPE_KEY, pr_session_type_key(ss->type));
            put_str(b, sh, r, SE_TYPE, pr_session_type_label(ss->type));
            put_str(b, sh, r, SE_TITLE, ss->title);
            put_int_opt(sh, r, SE_PARTICIPANTS, ss->participants.value, ss->participants.known);
            put_str(b, sh, r, SE_PART_PREC, count_prec_label(&ss->participants));
            put_num(sh, r, SE_SPEAKERS, (double)ss->n_speakers, FMT_INT);
            put_str(b, sh, r, SE_TEXT, ss->text);
        }
    }
}

enum {
    SP_EVENT, SP_EVENT_TYPE, SP_YEAR, SP_SESSION, SP_SESSION_TITLE, SP_FIRST, SP_LAST,
    SP_ROLE, SP_ORG, SP_KEY, SP_FIRST_MENTION, SP__N
};
static const char *const sp_headers[SP__N] = {
    "Événement", "Type d'événement (clé)", "Année", "N° de session", "Session", "Prénom", "Nom",
    "Fonction", "Organisation", "Identité (clé)", "Première mention",
};

/* The identity of a speaker for distinct counts, as figures.c defines it:
 * "p:prénom nom" when a name is given, else "o:organisation", ASCII letters
 * in lower case (the first-mention formula compares keys with EXACT). */
static const char *speaker_key(book *b, const pr_person *p)
{
    const char *k;
    if (p->last_name && *p->last_name)
        k = bstr(b, "p:%s %s", p->first_name ? p->first_name : "", p->last_name);
    else
        k = bstr(b, "o:%s", p->organisation ? p->organisation : "");
    for (char *c = (char *)k; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return k;
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
static void build_speakers(book *b)
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

    sheet *sh = start_table(b, SH_SPEAKERS, "Intervenants", sp_headers, SP__N, n);
    char kc[4], tc[4], yc[4];
    col_letters(SP_KEY, kc);
    col_letters(SP_EVENT_TYPE, tc);
    col_letters(SP_YEAR, yc);
    for (size_t i = 0; i < n; i++) {
        const speaker_row *sr = &rows[i];
        unsigned r = (unsigned)i + 1;
        put_str(b, sh, r, SP_EVENT, sr->e->id);
        put_str(b, sh, r, SP_EVENT_TYPE, pr_event_type_key(sr->e->type));
        put_int_opt(sh, r, SP_YEAR, sr->e->date.year, sr->e->date.prec != PR_DATE_NONE);
        if (sr->session) {
            put_num(sh, r, SP_SESSION, (double)sr->session, FMT_INT);
            put_str(b, sh, r, SP_SESSION_TITLE, sr->e->sessions[sr->session - 1].title);
        }
        put_str(b, sh, r, SP_FIRST, sr->p->first_name);
        put_str(b, sh, r, SP_LAST, sr->p->last_name);
        put_str(b, sh, r, SP_ROLE, sr->p->role);
        put_str(b, sh, r, SP_ORG, sr->p->organisation);
        put_str(b, sh, r, SP_KEY, sr->key);
        /* EXACT: identities compare as figures.c compares them, case and
         * all, with no wildcard (COUNTIFS would ignore case and read * ?) */
        put_formula_num(b, sh, r, SP_FIRST_MENTION,
                        bstr(b, "=IF(SUMPRODUCT(EXACT(%s$2:%s%u,%s%u)*(%s$2:%s%u=%s%u)*"
                                "(%s$2:%s%u=%s%u))=1,1,0)",
                             kc, kc, r + 1, kc, r + 1, tc, tc, r + 1, tc, r + 1, yc, yc, r + 1,
                             yc, r + 1),
                        first[i]);
    }
    free(first);
    free(rows);
}

enum { PRS_EVENT, PRS_EVENT_TYPE, PRS_YEAR, PRS_DATE, PRS_OFFICIAL, PRS_FIRST, PRS_LAST, PRS__N };
static const char *const prs_headers[PRS__N] = {
    "Événement", "Type d'événement (clé)", "Année", "Date", "Élu", "Prénom", "Nom",
};

/* Présences des élus: one official present at one event per row. */
static void build_presences(book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_events; i++)
        n += m->events[i].officials.n;
    sheet *sh = start_table(b, SH_PRESENCES, "Presences", prs_headers, PRS__N, n);
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
            put_str(b, sh, r, PRS_EVENT, e->id);
            put_str(b, sh, r, PRS_EVENT_TYPE, pr_event_type_key(e->type));
            put_int_opt(sh, r, PRS_YEAR, e->date.year, e->date.prec != PR_DATE_NONE);
            put_date(sh, r, PRS_DATE, e->date);
            put_str(b, sh, r, PRS_OFFICIAL, e->officials.items[k]);
            if (o) {
                put_str(b, sh, r, PRS_FIRST, o->first_name);
                put_str(b, sh, r, PRS_LAST, o->last_name);
            }
        }
    }
    free(byid);
}

enum {
    WS_ID, WS_AXIS, WS_AXIS_TITLE, WS_TITLE, WS_STATUS_KEY, WS_STATUS, WS_STATUSES, WS_GROUP,
    WS_GROUP_MEMBERS, WS_ACTIONS, WS_DELIVERABLES, WS_SUMMARY, WS__N
};

/* Chantiers: one workstream per row, with its status for the year. */
static void build_workstreams(book *b)
{
    const pr_model *m = b->m;
    const char **h = pr_arena_alloc(&b->arena, WS__N * sizeof *h);
    h[WS_ID] = "Id";
    h[WS_AXIS] = "Axe";
    h[WS_AXIS_TITLE] = "Axe (titre court)";
    h[WS_TITLE] = "Titre";
    h[WS_STATUS_KEY] = bstr(b, "Statut %d (clé)", b->year);
    h[WS_STATUS] = bstr(b, "Statut %d", b->year);
    h[WS_STATUSES] = "Statuts par année";
    h[WS_GROUP] = "Groupe de travail";
    h[WS_GROUP_MEMBERS] = "Membres du groupe";
    h[WS_ACTIONS] = "Actions";
    h[WS_DELIVERABLES] = "Livrables";
    h[WS_SUMMARY] = "Résumé";
    sheet *sh = start_table(b, SH_WORKSTREAMS, "Chantiers", h, WS__N, m->n_workstreams);
    for (size_t i = 0; i < m->n_workstreams; i++) {
        const pr_workstream *w = &m->workstreams[i];
        unsigned r = (unsigned)i + 1;
        const pr_axis *ax = pr_model_axis(m, w->axis);
        pr_status st = pr_workstream_status(w, b->year);
        put_str(b, sh, r, WS_ID, w->id);
        put_num(sh, r, WS_AXIS, w->axis, FMT_INT);
        put_str(b, sh, r, WS_AXIS_TITLE, ax ? ax->short_title : NULL);
        put_str(b, sh, r, WS_TITLE, w->title);
        put_str(b, sh, r, WS_STATUS_KEY, pr_status_key(st));
        put_str(b, sh, r, WS_STATUS, pr_status_label(st));
        pr_strbuf sb = {0};
        for (size_t k = 0; k < w->n_statuses; k++)
            pr_sb_printf(&sb, "%s%d : %s", k ? "; " : "", w->statuses[k].year,
                         pr_status_label(w->statuses[k].status));
        put_str(b, sh, r, WS_STATUSES, sb.data);
        pr_sb_free(&sb);
        put_str(b, sh, r, WS_GROUP, w->group_name);
        put_str(b, sh, r, WS_GROUP_MEMBERS, join(b, &w->group_members));
        put_num(sh, r, WS_ACTIONS, (double)w->n_actions, FMT_INT);
        put_num(sh, r, WS_DELIVERABLES, (double)w->n_deliverables, FMT_INT);
        put_str(b, sh, r, WS_SUMMARY, w->summary);
    }
}

enum { AC_WORKSTREAM, AC_NUMBER, AC_TITLE, AC_STATUS_KEY, AC_STATUS, AC_DATE, AC_ACTORS,
       AC_EVENT, AC_TEXT, AC__N };
static const char *const ac_headers[AC__N] = {
    "Chantier", "N° d'action", "Titre", "Statut (clé)", "Statut", "Date", "Acteurs",
    "Événement", "Texte",
};

/* Actions: one workstream action per row. */
static void build_actions(book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_workstreams; i++)
        n += m->workstreams[i].n_actions;
    sheet *sh = start_table(b, SH_ACTIONS, "Actions", ac_headers, AC__N, n);
    unsigned r = 1;
    for (size_t i = 0; i < m->n_workstreams; i++) {
        const pr_workstream *w = &m->workstreams[i];
        for (size_t k = 0; k < w->n_actions; k++, r++) {
            const pr_action *a = &w->actions[k];
            put_str(b, sh, r, AC_WORKSTREAM, w->id);
            put_num(sh, r, AC_NUMBER, (double)(k + 1), FMT_INT);
            put_str(b, sh, r, AC_TITLE, a->title);
            put_str(b, sh, r, AC_STATUS_KEY, pr_status_key(a->status));
            put_str(b, sh, r, AC_STATUS, pr_status_label(a->status));
            put_date(sh, r, AC_DATE, a->date);
            put_str(b, sh, r, AC_ACTORS, join(b, &a->actors));
            put_str(b, sh, r, AC_EVENT, a->event);
            put_str(b, sh, r, AC_TEXT, a->text);
        }
    }
}

enum {
    OF_ID, OF_FIRST, OF_LAST, OF_MANDATES, OF_COMMUNE, OF_DEPT, OF_DEPT_NAME, OF_REGION,
    OF_WORKSTREAM, OF_LAT, OF_LON, OF_WORKSHOPS, OF__N
};

/* Élus: one official per row, with the number of the year's ateliers
 * des élus attended, recomputed from Présences des élus. */
static void build_officials(book *b)
{
    const pr_model *m = b->m;
    const char **h = pr_arena_alloc(&b->arena, OF__N * sizeof *h);
    h[OF_ID] = "Id";
    h[OF_FIRST] = "Prénom";
    h[OF_LAST] = "Nom";
    h[OF_MANDATES] = "Mandats";
    h[OF_COMMUNE] = "Commune";
    h[OF_DEPT] = "Département";
    h[OF_DEPT_NAME] = "Département (nom)";
    h[OF_REGION] = "Région";
    h[OF_WORKSTREAM] = "Chantier";
    h[OF_LAT] = "Latitude";
    h[OF_LON] = "Longitude";
    h[OF_WORKSHOPS] = bstr(b, "Ateliers des élus %d", b->year);
    sheet *sh = start_table(b, SH_OFFICIALS, "Elus", h, OF__N, m->n_officials);
    const char *pr_off = col_range(b, SH_PRESENCES, PRS_OFFICIAL);
    const char *pr_type = col_range(b, SH_PRESENCES, PRS_EVENT_TYPE);
    const char *pr_year = col_range(b, SH_PRESENCES, PRS_YEAR);
    /* the ids present at an atelier des élus of the year, sorted */
    const char **att = NULL;
    size_t n_att = 0, cap = 0;
    for (size_t e = 0; e < m->n_events; e++) {
        const pr_event *ev = &m->events[e];
        if (ev->type != PR_EVENT_OFFICIALS_WORKSHOP || ev->date.prec == PR_DATE_NONE ||
            ev->date.year != b->year)
            continue;
        for (size_t k = 0; k < ev->officials.n; k++)
            PR_PUSH(att, n_att, cap, ev->officials.items[k]);
    }
    if (n_att)
        qsort(att, n_att, sizeof *att, cmp_str);
    for (size_t i = 0; i < m->n_officials; i++) {
        const pr_official *o = &m->officials[i];
        unsigned r = (unsigned)i + 1;
        const pr_departement *dep = pr_geo_departement(o->departement);
        const pr_region *reg = dep ? pr_geo_region(dep->region) : NULL;
        put_str(b, sh, r, OF_ID, o->id);
        put_str(b, sh, r, OF_FIRST, o->first_name);
        put_str(b, sh, r, OF_LAST, o->last_name);
        put_str(b, sh, r, OF_MANDATES, join(b, &o->mandates));
        put_str(b, sh, r, OF_COMMUNE, o->commune);
        put_str(b, sh, r, OF_DEPT, o->departement);
        put_str(b, sh, r, OF_DEPT_NAME, dep ? dep->name : NULL);
        put_str(b, sh, r, OF_REGION, reg ? reg->name : NULL);
        put_str(b, sh, r, OF_WORKSTREAM, o->workstream);
        if (o->has_coords) {
            put_num(sh, r, OF_LAT, o->lat, FMT_DEC);
            put_num(sh, r, OF_LON, o->lon, FMT_DEC);
        }
        /* officials' workshops of the year this official attended */
        size_t lo = 0, hi = n_att;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(att[mid], o->id) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        long n = 0;
        while (lo + (size_t)n < n_att && !strcmp(att[lo + (size_t)n], o->id))
            n++;
        /* EXACT: ids are case-sensitive ("Cerema" is not "cerema") */
        put_formula_num(b, sh, r, OF_WORKSHOPS,
                        bstr(b, "=SUMPRODUCT(EXACT(%s,%s)*(%s=\"%s\")*(%s=%d))", pr_off,
                             cell_ref(b, r, OF_ID), pr_type,
                             pr_event_type_key(PR_EVENT_OFFICIALS_WORKSHOP), pr_year, b->year),
                        (double)n);
    }
    free(att);
}

enum {
    LN_ID, LN_NAME, LN_SCALE_KEY, LN_SCALE, LN_REGIONS, LN_DEPTS, LN_N_DEPTS, LN_LEAD,
    LN_PARTNERS, LN_ACTIVE, LN_SINCE, LN__N
};
static const char *const ln_headers[LN__N] = {
    "Id", "Nom", "Échelle (clé)", "Échelle", "Régions", "Départements", "Départements couverts",
    "Pilote", "Partenaires", "Actif", "Depuis",
};

/* Départements a local network covers (a région expands to its
 * départements); writes up to `max` codes, returns how many. */
static size_t network_departements(const pr_local_network *ln, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t r = 0; r < ln->regions.n; r++) {
        const pr_departement *deps[32];
        size_t nd = pr_geo_region_departements(ln->regions.items[r], deps, 32);
        if (nd > 32)
            nd = 32;
        for (size_t k = 0; k < nd && n < max; k++)
            out[n++] = deps[k]->code;
    }
    for (size_t k = 0; k < ln->departements.n && n < max; k++)
        out[n++] = ln->departements.items[k];
    return n;
}

/* Réseaux locaux: one local network per row. */
static void build_networks(book *b)
{
    const pr_model *m = b->m;
    sheet *sh = start_table(b, SH_NETWORKS, "ReseauxLocaux", ln_headers, LN__N,
                            m->n_local_networks);
    for (size_t i = 0; i < m->n_local_networks; i++) {
        const pr_local_network *ln = &m->local_networks[i];
        unsigned r = (unsigned)i + 1;
        put_str(b, sh, r, LN_ID, ln->id);
        put_str(b, sh, r, LN_NAME, ln->name);
        put_str(b, sh, r, LN_SCALE_KEY, pr_scale_key(ln->scale));
        put_str(b, sh, r, LN_SCALE, pr_scale_label(ln->scale));
        pr_strbuf sb = {0};
        for (size_t k = 0; k < ln->regions.n; k++) {
            const pr_region *reg = pr_geo_region(ln->regions.items[k]);
            pr_sb_printf(&sb, "%s%s", k ? "; " : "", reg ? reg->name : ln->regions.items[k]);
        }
        put_str(b, sh, r, LN_REGIONS, sb.data);
        pr_sb_free(&sb);
        const char *codes[256];
        size_t nd = network_departements(ln, codes, 256);
        for (size_t k = 0; k < nd; k++)
            pr_sb_printf(&sb, "%s%s", k ? "; " : "", codes[k]);
        put_str(b, sh, r, LN_DEPTS, sb.data);
        pr_sb_free(&sb);
        put_num(sh, r, LN_N_DEPTS, (double)nd, FMT_INT);
        put_str(b, sh, r, LN_LEAD, ln->lead);
        put_str(b, sh, r, LN_PARTNERS, join(b, &ln->partners));
        put_num(sh, r, LN_ACTIVE, ln->active ? 1 : 0, FMT_INT);
        put_int_opt(sh, r, LN_SINCE, ln->since, ln->since != 0);
    }
}

enum { DC_CODE, DC_NAME, DC_REGION_CODE, DC_REGION, DC_NETWORKS, DC__N };
static const char *const dc_headers[DC__N] = {
    "Code", "Département", "Code région", "Région", "Réseaux locaux",
};

/* Départements couverts: one covered département per row (f->covered). */
static void build_depts(book *b)
{
    const pr_model *m = b->m;
    const pr_figures *f = b->f;
    sheet *sh = start_table(b, SH_DEPTS, "DepartementsCouverts", dc_headers, DC__N,
                            f->n_covered);
    /* the active networks covering each covered département (f->covered is
     * sorted by code) */
    pr_strbuf *nets = pr_calloc(f->n_covered ? f->n_covered : 1, sizeof *nets);
    for (size_t k = 0; k < m->n_local_networks; k++) {
        const pr_local_network *ln = &m->local_networks[k];
        if (!ln->active)
            continue;
        const char *codes[256];
        size_t nd = network_departements(ln, codes, 256);
        for (size_t j = 0; j < nd; j++) {
            const char **hit = bsearch(&codes[j], f->covered, f->n_covered, sizeof *f->covered,
                                       cmp_str);
            if (!hit)
                continue;
            pr_strbuf *sb = &nets[hit - f->covered];
            /* a network listing a département twice is named once */
            size_t idlen = strlen(ln->id);
            if (sb->len >= idlen && !strcmp(sb->data + sb->len - idlen, ln->id) &&
                (sb->len == idlen || sb->data[sb->len - idlen - 1] == ' '))
                continue;
            pr_sb_printf(sb, "%s%s", sb->len ? "; " : "", ln->id);
        }
    }
    for (size_t i = 0; i < f->n_covered; i++) {
        const char *code = f->covered[i];
        const pr_departement *dep = pr_geo_departement(code);
        const pr_region *reg = dep ? pr_geo_region(dep->region) : NULL;
        unsigned r = (unsigned)i + 1;
        put_str(b, sh, r, DC_CODE, code);
        put_str(b, sh, r, DC_NAME, dep ? dep->name : NULL);
        put_str(b, sh, r, DC_REGION_CODE, dep ? dep->region : NULL);
        put_str(b, sh, r, DC_REGION, reg ? reg->name : NULL);
        put_str(b, sh, r, DC_NETWORKS, nets[i].data);
        pr_sb_free(&nets[i]);
    }
    free(nets);
}

enum { TM_FIRST, TM_LAST, TM_ROLE, TM_ORG, TM_UNIT, TM__N };
static const char *const tm_headers[TM__N] = { "Prénom", "Nom", "Rôle", "Organisation", "Unité" };

/* Équipe: one team member per row. */
static void build_team(book *b)
{
    const pr_team *t = &b->m->team;
    sheet *sh = start_table(b, SH_TEAM, "Equipe", tm_headers, TM__N, t->n_members);
    for (size_t i = 0; i < t->n_members; i++) {
        const pr_member *p = &t->members[i];
        unsigned r = (unsigned)i + 1;
        put_str(b, sh, r, TM_FIRST, p->first_name);
        put_str(b, sh, r, TM_LAST, p->last_name);
        put_str(b, sh, r, TM_ROLE, p->role);
        put_str(b, sh, r, TM_ORG, p->organisation);
        put_str(b, sh, r, TM_UNIT, p->unit);
    }
}

enum { CO_NAME, CO_ROLE, CO_LEAD, CO_SINCE, CO__N };
static const char *const co_headers[CO__N] = { "Nom", "Rôle", "Principal", "Depuis" };

/* Prestataires: one consultancy per row. */
static void build_consultancies(book *b)
{
    const pr_team *t = &b->m->team;
    sheet *sh = start_table(b, SH_CONSULTANCIES, "Prestataires", co_headers, CO__N,
                            t->n_consultancies);
    for (size_t i = 0; i < t->n_consultancies; i++) {
        const pr_consultancy *c = &t->consultancies[i];
        unsigned r = (unsigned)i + 1;
        put_str(b, sh, r, CO_NAME, c->name);
        put_str(b, sh, r, CO_ROLE, c->role);
        put_num(sh, r, CO_LEAD, c->lead ? 1 : 0, FMT_INT);
        put_int_opt(sh, r, CO_SINCE, c->since, c->since != 0);
    }
}

enum { PA_ID, PA_ACRONYM, PA_NAME, PA_SINCE, PA__N };
static const char *const pa_headers[PA__N] = { "Id", "Sigle", "Nom", "Depuis" };

/* Partenaires: one steering-committee partner per row. */
static void build_partners(book *b)
{
    const pr_model *m = b->m;
    sheet *sh = start_table(b, SH_PARTNERS, "Partenaires", pa_headers, PA__N, m->n_partners);
    for (size_t i = 0; i < m->n_partners; i++) {
        const pr_partner *p = &m->partners[i];
        unsigned r = (unsigned)i + 1;
        put_str(b, sh, r, PA_ID, p->id);
        put_str(b, sh, r, PA_ACRONYM, p->acronym);
        put_str(b, sh, r, PA_NAME, p->name);
        put_int_opt(sh, r, PA_SINCE, p->since, p->since != 0);
    }
}

enum { MT_DATE, MT_YEAR, MT_BODY, MT_N_DECISIONS, MT_DECISIONS, MT__N };
static const char *const mt_headers[MT__N] = {
    "Date", "Année", "Instance", "Décisions (nombre)", "Décisions",
};

/* Gouvernance: one governance meeting per row. */
static void build_meetings(book *b)
{
    const pr_model *m = b->m;
    sheet *sh = start_table(b, SH_MEETINGS, "Gouvernance", mt_headers, MT__N, m->n_meetings);
    for (size_t i = 0; i < m->n_meetings; i++) {
        const pr_meeting *mt = &m->meetings[i];
        unsigned r = (unsigned)i + 1;
        put_date(sh, r, MT_DATE, mt->date);
        put_int_opt(sh, r, MT_YEAR, mt->date.year, mt->date.prec != PR_DATE_NONE);
        put_str(b, sh, r, MT_BODY, mt->body);
        put_num(sh, r, MT_N_DECISIONS, (double)mt->decisions.n, FMT_INT);
        put_str(b, sh, r, MT_DECISIONS, join(b, &mt->decisions));
    }
}

enum { NL_NUMBER, NL_DATE, NL_YEAR, NL_GRAND_ANGLE, NL_TOPICS, NL__N };
static const char *const nl_headers[NL__N] = { "Numéro", "Date", "Année", "Grand angle", "Sujets" };

/* Lettres: one newsletter per row. */
static void build_newsletters(book *b)
{
    const pr_model *m = b->m;
    sheet *sh = start_table(b, SH_NEWSLETTERS, "Lettres", nl_headers, NL__N, m->n_newsletters);
    for (size_t i = 0; i < m->n_newsletters; i++) {
        const pr_newsletter *nl = &m->newsletters[i];
        unsigned r = (unsigned)i + 1;
        put_num(sh, r, NL_NUMBER, nl->number, FMT_INT);
        put_date(sh, r, NL_DATE, nl->date);
        put_int_opt(sh, r, NL_YEAR, nl->date.year, nl->date.prec != PR_DATE_NONE);
        put_str(b, sh, r, NL_GRAND_ANGLE, nl->grand_angle);
        put_str(b, sh, r, NL_TOPICS, join(b, &nl->highlights));
    }
}

enum { QU_EVENT, QU_DATE, QU_TEXT, QU_FIRST, QU_LAST, QU_ROLE, QU_ORG, QU__N };
static const char *const qu_headers[QU__N] = {
    "Événement", "Date", "Citation", "Prénom", "Nom", "Fonction", "Organisation",
};

/* Citations: one quote per row, with its event. */
static void build_quotes(book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_events; i++)
        n += m->events[i].n_quotes;
    sheet *sh = start_table(b, SH_QUOTES, "Citations", qu_headers, QU__N, n);
    unsigned r = 1;
    for (size_t i = 0; i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        for (size_t k = 0; k < e->n_quotes; k++, r++) {
            const pr_quote *q = &e->quotes[k];
            put_str(b, sh, r, QU_EVENT, e->id);
            put_date(sh, r, QU_DATE, e->date);
            put_str(b, sh, r, QU_TEXT, q->text);
            put_str(b, sh, r, QU_FIRST, q->author.first_name);
            put_str(b, sh, r, QU_LAST, q->author.last_name);
            put_str(b, sh, r, QU_ROLE, q->author.role);
            put_str(b, sh, r, QU_ORG, q->author.organisation);
        }
    }
}

/* ---- the figures' formulas ---------------------------------------------- */
/* COUNTIFS over the events of one type dated in the year. */
static const char *events_of_type(book *b, pr_event_type t)
{
    return bstr(b, "COUNTIFS(%s,\"%s\",%s,%d)", col_range(b, SH_EVENTS, EV_TYPE_KEY),
                pr_event_type_key(t), col_range(b, SH_EVENTS, EV_YEAR), b->year);
}

/* COUNTIFS over the sessions of one type of the year's national meetings. */
static const char *sessions_of_type(book *b, pr_session_type t)
{
    return bstr(b, "COUNTIFS(%s,\"%s\",%s,\"%s\",%s,%d)", col_range(b, SH_SESSIONS, SE_TYPE_KEY),
                pr_session_type_key(t), col_range(b, SH_SESSIONS, SE_EVENT_TYPE),
                pr_event_type_key(PR_EVENT_NATIONAL_MEETING), col_range(b, SH_SESSIONS, SE_YEAR),
                b->year);
}

/* COUNTIFS of the active local networks, optionally of a scale criterion. */
static const char *networks(book *b, const char *scale_criterion)
{
    if (!scale_criterion)
        return bstr(b, "COUNTIFS(%s,1)", col_range(b, SH_NETWORKS, LN_ACTIVE));
    return bstr(b, "COUNTIFS(%s,1,%s,\"%s\")", col_range(b, SH_NETWORKS, LN_ACTIVE),
                col_range(b, SH_NETWORKS, LN_SCALE_KEY), scale_criterion);
}

/* The Synthèse cell of figure `id` ($C$n), or NULL if it is not listed. */
static const char *figure_cell(book *b, const char *id)
{
    for (size_t i = 0; i < b->f->n; i++)
        if (!strcmp(b->f->items[i].def->id, id))
            return bstr(b, "$C$%zu", b->summary_first_row + i + 1);
    return NULL;
}

/* Formula (with '=') recomputing figure `id`, or NULL when there is none.
 * Keep in step with figures.c: same records, same criteria. */
static const char *figure_formula(book *b, const char *id)
{
    int y = b->year;
    const char *rn = pr_event_type_key(PR_EVENT_NATIONAL_MEETING);
    if (!strcmp(id, "evenements"))
        return bstr(b, "=COUNTIFS(%s,%d)", col_range(b, SH_EVENTS, EV_YEAR), y);
    if (!strcmp(id, "ateliers_elus"))
        return bstr(b, "=%s", events_of_type(b, PR_EVENT_OFFICIALS_WORKSHOP));
    if (!strcmp(id, "stands_congres"))
        return bstr(b, "=%s", events_of_type(b, PR_EVENT_CONGRESS_STAND));
    if (!strcmp(id, "reunions_referents"))
        return bstr(b, "=%s", events_of_type(b, PR_EVENT_REFERENTS_MEETING));
    if (!strcmp(id, "elus_engages"))
        return bstr(b, "=COUNTIF(%s,\">0\")", col_range(b, SH_OFFICIALS, OF_WORKSHOPS));
    if (!strcmp(id, "rencontre_nationale_edition")) {
        /* the edition of the last national meeting of the year in row
         * (date) order: the row is the largest matching ROW() */
        const char *types = col_range(b, SH_EVENTS, EV_TYPE_KEY);
        const char *eds = col_range(b, SH_EVENTS, EV_EDITION);
        return bstr(b, "=SUMPRODUCT((ROW(%s)=SUMPRODUCT(MAX((%s=\"%s\")*(%s=%d)*ROW(%s))))*%s)",
                    eds, types, rn, col_range(b, SH_EVENTS, EV_YEAR), y, types, eds);
    }
    if (!strcmp(id, "rencontre_nationale_participants"))
        return bstr(b, "=SUMIFS(%s,%s,\"%s\",%s,%d)", col_range(b, SH_EVENTS, EV_PARTICIPANTS),
                    col_range(b, SH_EVENTS, EV_TYPE_KEY), rn, col_range(b, SH_EVENTS, EV_YEAR), y);
    if (!strcmp(id, "tables_rondes"))
        return bstr(b, "=%s", sessions_of_type(b, PR_SESSION_ROUND_TABLE));
    if (!strcmp(id, "mini_conferences"))
        return bstr(b, "=%s", sessions_of_type(b, PR_SESSION_MINI_CONFERENCE));
    if (!strcmp(id, "ateliers_rencontre"))
        return bstr(b, "=%s", sessions_of_type(b, PR_SESSION_WORKSHOP));
    if (!strcmp(id, "intervenants_rencontre"))
        return bstr(b, "=SUMIFS(%s,%s,\"%s\",%s,%d)", col_range(b, SH_SPEAKERS, SP_FIRST_MENTION),
                    col_range(b, SH_SPEAKERS, SP_EVENT_TYPE), rn,
                    col_range(b, SH_SPEAKERS, SP_YEAR), y);
    if (!strcmp(id, "lettres"))
        return bstr(b, "=COUNTIFS(%s,%d)", col_range(b, SH_NEWSLETTERS, NL_YEAR), y);
    if (!strcmp(id, "chantiers_actifs")) {
        const char *st = col_range(b, SH_WORKSTREAMS, WS_STATUS_KEY);
        return bstr(b, "=COUNTIFS(%s,\"%s\")+COUNTIFS(%s,\"%s\")", st,
                    pr_status_key(PR_STATUS_ACTIVE), st, pr_status_key(PR_STATUS_DONE));
    }
    if (!strcmp(id, "personnes_mobilisees"))
        return bstr(b, "=SUMIFS(%s,%s,%d)", col_range(b, SH_EVENTS, EV_ATTENDANCE),
                    col_range(b, SH_EVENTS, EV_YEAR), y);
    if (!strcmp(id, "personnes_mobilisees_plancher")) {
        /* pr_round_down_display: to the hundred from 100, to the ten from 10 */
        const char *x = figure_cell(b, "personnes_mobilisees");
        if (!x)
            x = bstr(b, "SUMIFS(%s,%s,%d)", col_range(b, SH_EVENTS, EV_ATTENDANCE),
                     col_range(b, SH_EVENTS, EV_YEAR), y);
        return bstr(b, "=IF(%s>=100,ROUNDDOWN(%s,-2),IF(%s>=10,ROUNDDOWN(%s,-1),%s))", x, x, x, x,
                    x);
    }
    if (!strcmp(id, "reunions_copil"))
        return bstr(b, "=COUNTIFS(%s,%d)", col_range(b, SH_MEETINGS, MT_YEAR), y);
    if (!strcmp(id, "partenaires"))
        return bstr(b, "=COUNTIFS(%s,\"<=%d\")", col_range(b, SH_PARTNERS, PA_SINCE), y);
    if (!strcmp(id, "partenaires_nouveaux"))
        return bstr(b, "=COUNTIFS(%s,%d)", col_range(b, SH_PARTNERS, PA_SINCE), y);
    if (!strcmp(id, "reseaux_locaux"))
        return bstr(b, "=%s", networks(b, NULL));
    if (!strcmp(id, "reseaux_regionaux"))
        return bstr(b, "=%s", networks(b, pr_scale_key(PR_SCALE_REGIONAL)));
    if (!strcmp(id, "reseaux_departementaux"))
        return bstr(b, "=%s", networks(b, bstr(b, "<>%s", pr_scale_key(PR_SCALE_REGIONAL))));
    if (!strcmp(id, "departements_couverts"))
        return bstr(b, "=COUNTA(%s)", col_range(b, SH_DEPTS, DC_CODE));
    return NULL;
}

/* ---- Synthèse, Contrôles, À propos -------------------------------------- */
enum { SY_ID, SY_LABEL, SY_VALUE, SY_DEFINITION, SY_SHEET, SY_FORMULA, SY__N };
static const char *const sy_headers[SY__N] = {
    "Id", "Libellé", "Valeur", "Définition", "Feuille source", "Formule",
};
enum { MO_MONTH, MO_EVENTS, MO_PARTICIPANTS, MO__N };
static const char *const mo_headers[MO__N] = { "Mois", "Événements", "Personnes comptées" };

/* Synthèse: the key figures (formula, cached value, definition, formula
 * text), then events and people counted per month for the chart. */
static void build_summary(book *b)
{
    const pr_figures *f = b->f;
    sheet *sh = start_table(b, SH_SUMMARY, "ChiffresCles", sy_headers, SY__N, f->n);
    b->summary_first_row = 1;
    b->formulas = pr_arena_alloc(&b->arena, (f->n ? f->n : 1) * sizeof *b->formulas);
    for (size_t i = 0; i < f->n; i++) {
        const pr_figure *fig = &f->items[i];
        unsigned r = (unsigned)i + 1;
        const char *formula = figure_formula(b, fig->def->id);
        b->formulas[i] = formula;
        put_str(b, sh, r, SY_ID, fig->def->id);
        put_str(b, sh, r, SY_LABEL, fig->def->label);
        if (formula)
            put_formula_num(b, sh, r, SY_VALUE, formula, (double)fig->value);
        else
            put_num(sh, r, SY_VALUE, (double)fig->value, FMT_INT);
        put_str(b, sh, r, SY_DEFINITION, fig->def->definition);
        put_str(b, sh, r, SY_SHEET, fig->def->sheet);
        /* shown without its '=' so that no tool reads it back as a formula */
        put_str(b, sh, r, SY_FORMULA,
                formula ? formula + 1 : "(pas de formule : valeur calculée par l'outil)");
    }

    /* events and participants per month of the year, and their chart */
    table *t = &sh->tables[sh->n_tables++];
    t->name = "ParticipantsParMois";
    t->row = (unsigned)(f->n ? f->n : 1) + 3;
    t->col = 0;
    t->headers = mo_headers;
    t->n_cols = MO__N;
    t->n_records = 12;
    put_fmt_str(b, sh, t->row - 1, 0, FMT_LABEL,
                bstr(b, "Événements et personnes mobilisées par mois en %d (événements datés "
                        "au jour ou au mois)", b->year));
    const char *dates = col_range(b, SH_EVENTS, EV_DATE);
    const char *precs = col_range(b, SH_EVENTS, EV_PREC);
    const char *parts = col_range(b, SH_EVENTS, EV_ATTENDANCE);
    for (int mo = 1; mo <= 12; mo++) {
        unsigned r = t->row + (unsigned)mo;
        long n = 0, p = 0;
        for (size_t i = 0; i < b->m->n_events; i++) {
            const pr_event *e = &b->m->events[i];
            if ((e->date.prec == PR_DATE_DAY || e->date.prec == PR_DATE_MONTH) &&
                e->date.year == b->year && e->date.month == mo) {
                n++;
                p += pr_event_attendance(e, NULL);
            }
        }
        const char *window = bstr(b, "%s,\">=\"&DATE(%d,%d,1),%s,\"<\"&DATE(%d,%d,1),%s,\"<>%s\"",
                                  dates, b->year, mo, dates, b->year, mo + 1, precs,
                                  prec_label(PR_DATE_YEAR));
        put_str(b, sh, r, MO_MONTH, bstr(b, "%s %d", month_names[mo - 1], b->year));
        put_formula_num(b, sh, r, MO_EVENTS, bstr(b, "=COUNTIFS(%s)", window), (double)n);
        put_formula_num(b, sh, r, MO_PARTICIPANTS, bstr(b, "=SUMIFS(%s,%s)", parts, window),
                        (double)p);
    }
    sh->chart = 1;
    sh->chart_row = t->row + 14;
    sh->chart_col = 0;
}

enum { CH_ID, CH_LABEL, CH_PRINTED, CH_WHERE, CH_DECLARED, CH_COMPUTED, CH_DIFF, CH_STATUS, CH__N };
static const char *const ch_headers[CH__N] = {
    "Chiffre", "Libellé", "Texte publié", "Source", "Valeur déclarée", "Valeur calculée",
    "Écart", "Statut",
};

/* Contrôles: each declared figure, the value recomputed on Synthèse, the
 * difference and the status, by formula. */
static void build_checks(book *b, const pr_checks *c)
{
    sheet *sh = start_table(b, SH_CHECKS, "Controles", ch_headers, CH__N, c ? c->n : 0);
    sh->status_col = CH_STATUS;
    sh->status_rows = c ? c->n : 0;
    for (size_t i = 0; c && i < c->n; i++) {
        const pr_check *k = &c->items[i];
        unsigned r = (unsigned)i + 1;
        put_str(b, sh, r, CH_ID, k->declared->figure);
        put_str(b, sh, r, CH_LABEL, k->figure->def->label);
        put_str(b, sh, r, CH_PRINTED, k->declared->as_printed);
        put_str(b, sh, r, CH_WHERE, k->declared->where);
        put_num(sh, r, CH_DECLARED, (double)k->declared->value, FMT_INT);
        const char *cellp = figure_cell(b, k->declared->figure);
        if (cellp)
            put_formula_num(b, sh, r, CH_COMPUTED, bstr(b, "='%s'!%s", b->sheets[SH_SUMMARY].name,
                                                        cellp),
                            (double)k->figure->value);
        else
            put_num(sh, r, CH_COMPUTED, (double)k->figure->value, FMT_INT);
        put_formula_num(b, sh, r, CH_DIFF,
                        bstr(b, "=%s-%s", cell_ref(b, r, CH_COMPUTED), cell_ref(b, r, CH_DECLARED)),
                        (double)k->difference);
        put_formula_str(b, sh, r, CH_STATUS,
                        bstr(b, "=IF(%s=0,\"OK\",\"ÉCART\")", cell_ref(b, r, CH_DIFF)),
                        k->difference ? "ÉCART" : "OK");
    }
}

enum { AB_SHEET, AB_CONTENT, AB_ROWS, AB__N };
static const char *const ab_headers[AB__N] = { "Feuille", "Contenu", "Lignes" };

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The document's creation time: the option, else 1 January of the year. */
static time_t created_time(const book *b, const pr_annex_opts *o)
{
    return o && o->created ? o->created : (time_t)days_from_civil(b->year, 1, 1) * 86400;
}

/* "1er mai 2024": the creation date in French (UTC). */
static const char *created_text(book *b, const pr_annex_opts *o)
{
    long days = (long)(created_time(b, o) / 86400);
    /* civil_from_days (inverse of days_from_civil) */
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int)(doy - (153 * mp + 2) / 5 + 1);
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2);
    return bstr(b, "%d%s %s %ld", day, day == 1 ? "er" : "", month_names[month - 1], year);
}

/* À propos: what the annex is, where it comes from, how to read it, and the
 * list of sheets. */
static void build_about(book *b, const pr_annex_opts *o)
{
    const pr_model *m = b->m;
    sheet *sh = &b->sheets[SH_ABOUT];
    const char *net = m->network.name ? m->network.name : "Planif Territoires";
    put_fmt_str(b, sh, 0, 0, FMT_TITLE,
                bstr(b, "Annexe du rapport d'activités %d du réseau %s", b->year, net));
    unsigned r = 2;
    struct { const char *label, *text; } lines[] = {
        {"Objet", "Ce classeur réunit les données dont le rapport d'activités a été tiré, "
                  "un enregistrement par ligne, et recalcule par des formules les chiffres "
                  "clés publiés, pour qu'ils puissent être vérifiés."},
        {"Rapport", m->report.title},
        {"Fichier de données", o && o->data_file ? o->data_file : m->source_file},
        {"Outil", bstr(b, "planif-rapport %s", o && o->tool_version ? o->tool_version : PR_VERSION)},
        {"Produit le", created_text(b, o)},
        {"Éditeur", m->report.publisher},
        {"Contact", m->report.contact},
    };
    put_fmt_str(b, sh, r, 0, FMT_LABEL, "Année");
    put_num(sh, r, 1, b->year, FMT_INT_LEFT);
    r++;
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        if (!lines[i].text)
            continue;
        put_fmt_str(b, sh, r, 0, FMT_LABEL, lines[i].label);
        put_str(b, sh, r, 1, lines[i].text);
        r++;
    }
    r++;
    static const char *const guide[] = {
        "« Synthèse » : un chiffre clé par ligne, avec sa définition. La valeur est une "
        "formule qui le recalcule à partir des feuilles de données ; la colonne « Formule » "
        "la montre en clair.",
        "« Contrôles » : chaque chiffre publié dans le rapport face à la valeur recalculée, "
        "leur écart et un statut OK ou ÉCART.",
        "Feuilles de données : un enregistrement par ligne, un champ par colonne. Les "
        "identifiants (« Id », « Événement », « Chantier », « Élu ») relient les lignes d'une "
        "feuille à l'autre ; les colonnes « (clé) » donnent la valeur codée qu'utilisent les "
        "formules.",
        "Les dates connues au mois près sont enregistrées au premier jour du mois et "
        "affichées sous la forme « mars 2023 ».",
        "Corriger une valeur dans une feuille de données met à jour la synthèse et les "
        "contrôles. Pour ajouter un enregistrement, insérer une ligne à l'intérieur du "
        "tableau (et non sous sa dernière ligne) : les plages des formules s'étendent alors "
        "d'elles-mêmes.",
    };
    put_fmt_str(b, sh, r, 0, FMT_LABEL, "Comment lire");
    for (size_t i = 0; i < sizeof guide / sizeof *guide; i++, r++)
        put_str(b, sh, r, 1, guide[i]);
    r++;
    table *t = &sh->tables[sh->n_tables++];
    t->name = "Feuilles";
    t->row = r;
    t->col = 0;
    t->headers = ab_headers;
    t->n_cols = AB__N;
    t->n_records = SH__N;
    for (int i = 0; i < SH__N; i++) {
        unsigned rr = r + 1 + (unsigned)i;
        put_str(b, sh, rr, AB_SHEET, b->sheets[i].name);
        put_str(b, sh, rr, AB_CONTENT, b->sheets[i].about);
        if (i >= SH_EVENTS)
            put_num(sh, rr, AB_ROWS, (double)b->sheets[i].tables[0].n_records, FMT_INT);
    }
}

/* Describe the whole workbook. */
/* An empty book for model m: the sheets' names and descriptions. */
static void book_init(book *b, const pr_model *m, const pr_figures *f)
{
    memset(b, 0, sizeof *b);
    b->m = m;
    b->f = f;
    b->year = m->report.year;
    for (int i = 0; i < SH__N; i++) {
        b->sheets[i].name = sheet_names[i];
        b->sheets[i].about = sheet_about[i];
        b->sheets[i].status_col = -1;
    }
}

/* The data sheets, in the order they are built: each needs only the model,
 * and the formulas of the key figures (Synthèse, built after them) refer
 * to their ranges. */
static const struct {
    int id;
    void (*build)(book *b);
} data_sheets[] = {
    {SH_EVENTS, build_events},         {SH_SESSIONS, build_sessions},
    {SH_SPEAKERS, build_speakers},     {SH_PRESENCES, build_presences},
    {SH_WORKSTREAMS, build_workstreams}, {SH_ACTIONS, build_actions},
    {SH_OFFICIALS, build_officials},   {SH_NETWORKS, build_networks},
    {SH_DEPTS, build_depts},           {SH_TEAM, build_team},
    {SH_CONSULTANCIES, build_consultancies}, {SH_PARTNERS, build_partners},
    {SH_MEETINGS, build_meetings},     {SH_NEWSLETTERS, build_newsletters},
    {SH_QUOTES, build_quotes},
};

static void book_build(book *b, const pr_model *m, const pr_figures *f, const pr_checks *c,
                       const pr_annex_opts *o)
{
    book_init(b, m, f);
    for (size_t k = 0; k < sizeof data_sheets / sizeof *data_sheets; k++)
        data_sheets[k].build(b);
    build_summary(b);
    build_checks(b, c);
    build_about(b, o);
}

/* Free a book's cells and strings. */
static void book_free(book *b)
{
    for (int i = 0; i < SH__N; i++)
        free(b->sheets[i].cells);
    pr_arena_free(&b->arena);
}

/* The formula of one figure (see annex.h). */
char *pr_annex_formula(const pr_model *m, const pr_figures *f, const char *id)
{
    book b;
    book_build(&b, m, f, NULL, NULL);
    char *out = NULL;
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->items[i].def->id, id) && b.formulas[i])
            out = pr_strdup(b.formulas[i] + 1);
    book_free(&b);
    return out;
}

/* ---- emission with libxlsxwriter ---------------------------------------- */
typedef struct emitter {
    lxw_workbook *wb;
    lxw_format *fmt[FMT__N];
    lxw_format *wrap;            /* FMT_TEXT in a capped column */
    lxw_format *ok, *gap;        /* conditional formats of Contrôles */
    lxw_error err;               /* first error */
    const char *err_what;
} emitter;

/* Keep the first libxlsxwriter error and what was being written. */
static void note(emitter *em, lxw_error e, const char *what)
{
    if (e != LXW_NO_ERROR && em->err == LXW_NO_ERROR) {
        em->err = e;
        em->err_what = what;
    }
}

/* Characters a string shows on its longest line. */
static size_t display_width(const char *s)
{
    size_t best = 0, cur = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n') {
            if (cur > best)
                best = cur;
            cur = 0;
        } else if ((*p & 0xC0) != 0x80) {
            cur++;
        }
    }
    return cur > best ? cur : best;
}

/* Width of a cell's shown value. */
static size_t cell_width(const cell *c)
{
    char buf[32];
    switch (c->kind) {
    case CK_STR: return display_width(c->s);
    case CK_FSTR: return display_width(c->cached);
    case CK_NUM:
    case CK_FNUM:
        snprintf(buf, sizeof buf, c->fmt == FMT_DEC ? "%.4f" : "%.0f", c->num);
        return strlen(buf);
    case CK_DATE:
        if (c->date.prec == PR_DATE_DAY)
            return 10;
        if (c->date.prec == PR_DATE_MONTH)
            return display_width(month_names[(c->date.month + 11) % 12]) + 5;
        return 4;
    }
    return 0;
}

/* Width given to a column whose widest content is `content` characters. */
static size_t col_width(size_t content)
{
    size_t w = content + 2;
    return w > WIDTH_MAX ? WIDTH_MAX : w < 8 ? 8 : w;
}

/* Width of one character in tenths of a column unit (the width of "0" in
 * Calibri 11): capitals and symbols are wider than lower case. */
static unsigned char_tenths(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return 12;
    if (c >= 'a' && c <= 'z')
        return 9;
    if (c >= '0' && c <= '9')
        return 10;
    if (c == ' ')
        return 5;
    if (c == '$' || c == '_' || c == '"')
        return 10;
    if (c >= 0x80)
        return 10;  /* first byte of an accented letter or a symbol */
    return 6;       /* punctuation */
}

/* Lines a wrapped text takes in a column `width` units wide: words wrap
 * whole, a word longer than a line is cut; estimated a little high, as a
 * row too tall reads better than text cut off. */
static size_t wrapped_lines(const char *s, size_t width)
{
    size_t cap = width > 2 ? (width - 2) * 10 : 10;
    size_t lines = 1, cur = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p == '\n') {
            lines++;
            cur = 0;
            p++;
            continue;
        }
        if (*p == ' ') {
            if (cur)
                cur += char_tenths(' ');
            p++;
            continue;
        }
        size_t word = 0;
        while (*p && *p != ' ' && *p != '\n') {
            if ((*p & 0xC0) != 0x80)
                word += char_tenths(*p);
            p++;
        }
        if (cur && cur + word > cap) {
            lines++;
            cur = 0;
        }
        if (word > cap) {
            /* cut where the text allows it: count lines only 4/5 full */
            size_t part = cap * 4 / 5;
            lines += (cur + word - 1) / part;
            cur = (cur + word - 1) % part + 1;
        } else {
            cur += word;
        }
    }
    return lines;
}

/* Truncate s to at most CELL_MAX bytes at a character boundary. */
static const char *cell_text(const char *s, char **tmp)
{
    size_t n = strlen(s);
    if (n <= CELL_MAX)
        return s;
    n = CELL_MAX;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    *tmp = malloc(n + 1);
    if (!*tmp)
        return "";
    memcpy(*tmp, s, n);
    (*tmp)[n] = 0;
    return *tmp;
}

/* Write one cell with its format (wrapped text in capped columns). */
static void emit_cell(emitter *em, lxw_worksheet *ws, const cell *c, const unsigned char *wrapcol)
{
    lxw_format *fmt = em->fmt[c->fmt];
    if (c->fmt == FMT_TEXT && wrapcol[c->col])
        fmt = em->wrap;
    char *tmp = NULL;
    lxw_error e = LXW_NO_ERROR;
    switch (c->kind) {
    case CK_STR:
        e = worksheet_write_string(ws, c->row, (lxw_col_t)c->col, cell_text(c->s, &tmp), fmt);
        break;
    case CK_NUM:
        e = worksheet_write_number(ws, c->row, (lxw_col_t)c->col, c->num, fmt);
        break;
    case CK_DATE: {
        lxw_datetime dt = {c->date.year, c->date.month ? c->date.month : 1,
                           c->date.day ? c->date.day : 1, 0, 0, 0};
        e = worksheet_write_datetime(ws, c->row, (lxw_col_t)c->col, &dt, fmt);
        break;
    }
    case CK_FNUM:
        e = worksheet_write_formula_num(ws, c->row, (lxw_col_t)c->col, c->s, fmt, c->num);
        break;
    case CK_FSTR:
        e = worksheet_write_formula_str(ws, c->row, (lxw_col_t)c->col, c->s, fmt, c->cached);
        break;
    }
    free(tmp);
    note(em, e, "cellule");
}

#define MAX_COLS 32

/* Write one sheet: widths, cells, row heights, tables, frozen header,
 * conditional formats, chart and print set-up. */
static void emit_sheet(emitter *em, lxw_worksheet *ws, const sheet *sh)
{
    if (!ws)
        return;
    /* column widths from the content (headers get room for the filter button) */
    size_t width[MAX_COLS] = {0};
    unsigned char wrapcol[MAX_COLS] = {0};
    unsigned char in_table[MAX_COLS] = {0};
    for (size_t t = 0; t < sh->n_tables; t++) {
        const table *tb = &sh->tables[t];
        for (size_t k = 0; k < tb->n_cols && tb->col + k < MAX_COLS; k++) {
            size_t w = display_width(tb->headers[k]) + 3;
            if (w > width[tb->col + k])
                width[tb->col + k] = w;
            in_table[tb->col + k] = 1;
        }
    }
    for (size_t i = 0; i < sh->n_cells; i++) {
        const cell *c = &sh->cells[i];
        assert(c->col < MAX_COLS);
        /* a title or section label spills over empty cells: it does not size
         * its column unless it is part of a table column's content */
        if ((c->fmt == FMT_TITLE || (c->fmt == FMT_LABEL && in_table[c->col])))
            continue;
        size_t w = cell_width(c);
        if (w > WIDTH_MAX)
            wrapcol[c->col] = 1;
        if (w > width[c->col])
            width[c->col] = w;
    }
    for (unsigned col = 0; col < MAX_COLS; col++) {
        if (!width[col])
            continue;
        note(em, worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col,
                                      (double)col_width(width[col]), NULL),
             "colonne");
    }
    for (size_t i = 0; i < sh->n_cells; i++)
        emit_cell(em, ws, &sh->cells[i], wrapcol);

    /* rows holding wrapped text get the height of their longest cell (no
     * spreadsheet recomputes row heights of a generated file reliably) */
    unsigned max_row = 0;
    for (size_t i = 0; i < sh->n_cells; i++)
        if (sh->cells[i].row > max_row)
            max_row = sh->cells[i].row;
    size_t *lines = calloc(max_row + 1, sizeof *lines);
    if (!lines)
        note(em, LXW_ERROR_MEMORY_MALLOC_FAILED, "ligne");
    for (size_t i = 0; lines && i < sh->n_cells; i++) {
        const cell *c = &sh->cells[i];
        if (c->kind != CK_STR || c->fmt != FMT_TEXT || !wrapcol[c->col])
            continue;
        size_t n = wrapped_lines(c->s, col_width(width[c->col]));
        if (n > lines[c->row])
            lines[c->row] = n;
    }
    for (unsigned r = 0; lines && r <= max_row; r++)
        if (lines[r] > 1)
            note(em, worksheet_set_row(ws, r, 15.0 * (double)lines[r], NULL), "ligne");
    free(lines);

    /* codes such as "01" or "94220" are text on purpose: no warning marks */
    unsigned max_col = 0;
    for (size_t i = 0; i < sh->n_cells; i++)
        if (sh->cells[i].col > max_col)
            max_col = sh->cells[i].col;
    char last[4], range[32];
    col_letters(max_col, last);
    snprintf(range, sizeof range, "A1:%s%u", last, max_row + 1);
    note(em, worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, range), "avertissements");

    /* tables: header row, autofilter, banded rows */
    for (size_t t = 0; t < sh->n_tables; t++) {
        const table *tb = &sh->tables[t];
        lxw_table_column cols[MAX_COLS];
        lxw_table_column *colp[MAX_COLS + 1];
        memset(cols, 0, sizeof cols);
        for (size_t k = 0; k < tb->n_cols; k++) {
            cols[k].header = (char *)tb->headers[k];
            colp[k] = &cols[k];
        }
        colp[tb->n_cols] = NULL;
        lxw_table_options opt = {0};
        opt.name = (char *)tb->name;
        opt.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
        opt.style_type_number = 2;
        opt.columns = colp;
        size_t rows = tb->n_records ? tb->n_records : 1;
        note(em, worksheet_add_table(ws, tb->row, (lxw_col_t)tb->col,
                                     (lxw_row_t)(tb->row + rows),
                                     (lxw_col_t)(tb->col + tb->n_cols - 1), &opt),
             "tableau");
    }
    if (sh->freeze_rows)
        worksheet_freeze_panes(ws, (lxw_row_t)sh->freeze_rows, 0);

    /* Contrôles: OK in green, ÉCART in red */
    if (sh->status_col >= 0 && sh->status_rows) {
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        cf.value_string = "\"OK\"";
        cf.format = em->ok;
        lxw_row_t last = (lxw_row_t)sh->status_rows;
        note(em, worksheet_conditional_format_range(ws, 1, (lxw_col_t)sh->status_col, last,
                                                    (lxw_col_t)sh->status_col, &cf),
             "mise en forme conditionnelle");
        cf.value_string = "\"ÉCART\"";
        cf.format = em->gap;
        note(em, worksheet_conditional_format_range(ws, 1, (lxw_col_t)sh->status_col, last,
                                                    (lxw_col_t)sh->status_col, &cf),
             "mise en forme conditionnelle");
    }

    /* Synthèse: participants per month as a column chart */
    if (sh->chart && sh->n_tables > 1) {
        const table *tb = &sh->tables[1];
        lxw_chart *chart = workbook_add_chart(em->wb, LXW_CHART_COLUMN);
        if (!chart) {
            note(em, LXW_ERROR_MEMORY_MALLOC_FAILED, "graphique");
        } else {
            lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
            chart_series_set_categories(s, sh->name, tb->row + 1, (lxw_col_t)(tb->col + MO_MONTH),
                                        tb->row + 12, (lxw_col_t)(tb->col + MO_MONTH));
            chart_series_set_values(s, sh->name, tb->row + 1,
                                    (lxw_col_t)(tb->col + MO_PARTICIPANTS), tb->row + 12,
                                    (lxw_col_t)(tb->col + MO_PARTICIPANTS));
            chart_series_set_name(s, "Personnes comptées");
            chart_title_set_name(chart, "Personnes mobilisées par les événements, par mois");
            chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
            chart_axis_set_name(chart->y_axis, "Personnes");
            lxw_chart_options co = {0};
            co.x_scale = 1.6;
            co.y_scale = 1.2;
            note(em, worksheet_insert_chart_opt(ws, sh->chart_row, (lxw_col_t)sh->chart_col,
                                                chart, &co),
                 "graphique");
        }
    }

    /* print set-up: A4 landscape, one page wide, header row repeated */
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    if (sh->freeze_rows)
        note(em, worksheet_repeat_rows(ws, 0, 0), "impression");
    note(em, worksheet_set_footer(ws, "&L&A&RPage &P / &N"), "impression");
}

/* A top-aligned format with an optional number format. */
static lxw_format *new_format(emitter *em, const char *num_format)
{
    lxw_format *f = workbook_add_format(em->wb);
    if (!f) {
        note(em, LXW_ERROR_MEMORY_MALLOC_FAILED, "format");
        return NULL;
    }
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

/* A French message for a libxlsxwriter error. */
static const char *lxw_error_fr(lxw_error e)
{
    switch (e) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED: return "mémoire insuffisante";
    case LXW_ERROR_CREATING_XLSX_FILE:
        return "impossible de créer le fichier (dossier absent ou protégé en écriture ?)";
    case LXW_ERROR_CREATING_TMPFILE: return "impossible de créer un fichier temporaire";
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
        return "trop de lignes pour une feuille Excel (1 048 576 au plus)";
    case LXW_ERROR_READING_TMPFILE: return "impossible de relire un fichier temporaire";
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return "échec de l'écriture de l'archive (disque plein ?)";
    default: return NULL;
    }
}

/* A French reason for a failed fopen(). */

/* ---- reading the archive back ------------------------------------------ */
/* Little-endian integers of a zip header. */
static unsigned rd16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static unsigned long rd32(const unsigned char *p)
{
    return (unsigned long)rd16(p) | (unsigned long)rd16(p + 2) << 16;
}

/* Whether c is XML white space. */
static int xml_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/* Whether c may be part of an element or attribute name. */
static int xml_name_char(char c)
{
    return c && !xml_space(c) && !strchr("<>/=\"'&", c);
}

/* Whether an XML document is well formed, as far as libxlsxwriter's output
 * needs: one root element; tags with name="value" attributes; start and end
 * tags nested in order; entities in text; nothing but white space outside
 * the root. */
static int xml_well_formed(const char *s, size_t n)
{
    enum { DEPTH = 64 };
    const char *name[DEPTH];
    size_t len[DEPTH];
    int depth = 0, roots = 0;
    size_t i = 0;
    while (i < n) {
        if (s[i] == '&') {           /* &name; or &#123; */
            size_t k = i + 1;
            while (k < n && (xml_name_char(s[k]) || s[k] == '#') && s[k] != ';')
                k++;
            if (k >= n || s[k] != ';' || k == i + 1 || !depth)
                return 0;
            i = k + 1;
            continue;
        }
        if (s[i] != '<') {
            if (!depth && !xml_space(s[i]))
                return 0;
            if (s[i] == '>')
                return 0;
            i++;
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '?' || s[i + 1] == '!')) {
            const char *end = i + 9 <= n && !memcmp(s + i, "<![CDATA[", 9) ? "]]>"
                              : i + 4 <= n && !memcmp(s + i, "<!--", 4)    ? "-->"
                              : s[i + 1] == '?'                             ? "?>"
                                                                            : ">";
            size_t el = strlen(end), j = i + 2;
            while (j + el <= n && memcmp(s + j, end, el))
                j++;
            if (j + el > n)
                return 0;
            i = j + el;
            continue;
        }
        int closing = i + 1 < n && s[i + 1] == '/';
        size_t k = i + 1 + (size_t)closing, start = k;
        while (k < n && xml_name_char(s[k]))
            k++;
        size_t nl = k - start;
        if (!nl)
            return 0;
        int self = 0;
        for (;;) {                   /* attributes, to the end of the tag */
            while (k < n && xml_space(s[k]))
                k++;
            if (k >= n)
                return 0;
            if (s[k] == '>')
                break;
            if (!closing && s[k] == '/' && k + 1 < n && s[k + 1] == '>') {
                self = 1;
                k++;
                break;
            }
            if (closing || !xml_name_char(s[k]))
                return 0;
            while (k < n && xml_name_char(s[k]))
                k++;
            while (k < n && xml_space(s[k]))
                k++;
            if (k >= n || s[k] != '=')
                return 0;
            k++;
            while (k < n && xml_space(s[k]))
                k++;
            if (k >= n || (s[k] != '"' && s[k] != '\''))
                return 0;
            char q = s[k++];
            while (k < n && s[k] != q && s[k] != '<')
                k++;
            if (k >= n || s[k] != q)
                return 0;
            k++;
        }
        if (closing) {
            if (!depth || len[depth - 1] != nl || memcmp(name[depth - 1], s + start, nl))
                return 0;
            depth--;
        } else {
            if (!depth && roots++)
                return 0;
            if (!self) {
                if (depth == DEPTH)
                    return 0;
                name[depth] = s + start;
                len[depth++] = nl;
            }
        }
        i = k + 1;
    }
    return depth == 0 && roots == 1;
}

/* Read the xlsx at path back: a complete zip whose every member inflates to
 * its recorded size and CRC, whose XML parts are well formed, and which
 * holds the workbook and its n_sheets worksheets. Returns 0, or -1 with a
 * French reason in why. Allocates with malloc only. */
static int verify_xlsx(const char *path, int n_sheets, char *why, size_t why_len)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *zip = NULL;
    size_t n = 0;
    int ok = 0;
    if (fp && fseek(fp, 0, SEEK_END) == 0) {
        long size = ftell(fp);
        if (size > 22 && fseek(fp, 0, SEEK_SET) == 0 && (zip = malloc((size_t)size)) &&
            fread(zip, 1, (size_t)size, fp) == (size_t)size) {
            n = (size_t)size;
            ok = 1;
        }
    }
    if (fp)
        fclose(fp);
    if (!ok) {
        free(zip);
        snprintf(why, why_len, "le fichier écrit ne peut pas être relu");
        return -1;
    }
    /* end of central directory record */
    size_t e = n - 22, stop = n > 22 + 65535 ? n - 22 - 65535 : 0;
    while (e > stop && rd32(zip + e) != 0x06054b50UL)
        e--;
    int found = 0, bad = rd32(zip + e) != 0x06054b50UL;
    unsigned entries = bad ? 0 : rd16(zip + e + 10);
    size_t p = bad ? 0 : rd32(zip + e + 16);
    const char *problem = bad ? "archive incomplète" : NULL;
    for (unsigned k = 0; !problem && k < entries; k++) {
        if (p + 46 > n || rd32(zip + p) != 0x02014b50UL) {
            problem = "répertoire de l'archive illisible";
            break;
        }
        unsigned method = rd16(zip + p + 10), nl = rd16(zip + p + 28);
        unsigned long crc = rd32(zip + p + 16), csize = rd32(zip + p + 20),
                      usize = rd32(zip + p + 24);
        size_t local = rd32(zip + p + 42);
        const char *nm = (const char *)zip + p + 46;
        if (p + 46 + nl > n || local + 30 > n || rd32(zip + local) != 0x04034b50UL) {
            problem = "en-tête de l'archive illisible";
            break;
        }
        size_t data = local + 30 + rd16(zip + local + 26) + rd16(zip + local + 28);
        if (data + csize > n) {
            problem = "archive tronquée";
            break;
        }
        unsigned char *out = malloc(usize + 1);
        if (!out) {
            problem = "mémoire insuffisante";
            break;
        }
        int inflated = 0;
        if (method == 0 && csize == usize) {
            memcpy(out, zip + data, usize);
            inflated = 1;
        } else if (method == 8) {
            z_stream z;
            memset(&z, 0, sizeof z);
            if (inflateInit2(&z, -MAX_WBITS) == Z_OK) {
                z.next_in = zip + data;
                z.avail_in = (uInt)csize;
                z.next_out = out;
                z.avail_out = (uInt)usize;
                inflated = inflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out == usize;
                inflateEnd(&z);
            }
        }
        if (!inflated || crc32(0L, out, (uInt)usize) != crc)
            problem = "membre de l'archive corrompu";
        else if (nl > 4 && (!memcmp(nm + nl - 4, ".xml", 4) || !memcmp(nm + nl - 5, ".rels", 5)) &&
                 !xml_well_formed((const char *)out, usize))
            problem = "partie XML incomplète";
        free(out);
        /* the parts that must be there */
        char want[40];
        if (nl == 15 && !memcmp(nm, "xl/workbook.xml", 15))
            found++;
        for (int sh = 1; sh <= n_sheets; sh++) {
            int wl = snprintf(want, sizeof want, "xl/worksheets/sheet%d.xml", sh);
            if ((unsigned)wl == nl && !memcmp(nm, want, nl))
                found++;
        }
        p += 46 + nl + rd16(zip + p + 30) + rd16(zip + p + 32);
    }
    free(zip);
    if (!problem && found != n_sheets + 1)
        problem = "feuilles manquantes dans l'archive";
    if (problem) {
        snprintf(why, why_len, "fichier écrit invalide (%s)", problem);
        return -1;
    }
    return 0;
}

/* The document properties, prepared before the workbook is written. */
typedef struct props_text {
    char *title, *subject, *keywords, *comments, *company;
    const char *author;
    time_t created;
} props_text;

/* Write book b to path with libxlsxwriter, then check the file written.
 * Allocates with malloc only (it may run in a child process, where
 * pr_oom's exit would run the parent's clean-up). Returns 0, or -1 with a
 * French reason in why. */
/* Forget a sheet's cells once written (its tables' extents stay). */
static void drop_cells(book *b, int id)
{
    free(b->sheets[id].cells);
    b->sheets[id].cells = NULL;
    b->sheets[id].n_cells = b->sheets[id].cap_cells = 0;
}

/* Build book b (made by book_init) and write it to `path`: each data sheet
 * is built, handed to libxlsxwriter and forgotten before the next one, so
 * that the book never holds more than one of them (at 1000 times the 2023
 * data, 85 MB less at the peak); then Synthèse, Contrôles and À propos. */
static int emit_book(book *b, const pr_checks *c, const pr_annex_opts *o, const char *path,
                     const props_text *pt, char *why, size_t why_len)
{
    emitter em = {0};
    em.wb = workbook_new(path);
    if (!em.wb) {
        snprintf(why, why_len, "mémoire insuffisante");
        return -1;
    }
    em.fmt[FMT_TEXT] = new_format(&em, NULL);
    em.fmt[FMT_INT] = new_format(&em, "0");
    em.fmt[FMT_DEC] = new_format(&em, "0.0000");
    em.fmt[FMT_DAY] = new_format(&em, "dd/mm/yyyy");
    em.fmt[FMT_MONTH] = new_format(&em, "[$-40C]mmmm yyyy");
    em.fmt[FMT_YEAR] = new_format(&em, "yyyy");
    em.fmt[FMT_TITLE] = new_format(&em, NULL);
    em.fmt[FMT_LABEL] = new_format(&em, NULL);
    em.fmt[FMT_INT_LEFT] = new_format(&em, "0");
    em.wrap = new_format(&em, NULL);
    em.ok = new_format(&em, NULL);
    em.gap = new_format(&em, NULL);
    if (em.err == LXW_NO_ERROR) {
        format_set_bold(em.fmt[FMT_TITLE]);
        format_set_font_size(em.fmt[FMT_TITLE], 14);
        format_set_bold(em.fmt[FMT_LABEL]);
        format_set_align(em.fmt[FMT_INT_LEFT], LXW_ALIGN_LEFT);
        format_set_text_wrap(em.wrap);
        format_set_bg_color(em.ok, 0xC6EFCE);
        format_set_font_color(em.ok, 0x006100);
        format_set_bg_color(em.gap, 0xFFC7CE);
        format_set_font_color(em.gap, 0x9C0006);

        /* the creation date makes the output reproducible */
        lxw_doc_properties props = {0};
        props.title = pt->title;
        props.subject = pt->subject;
        props.author = (char *)pt->author;
        props.company = pt->company;
        props.keywords = pt->keywords;
        props.comments = pt->comments;
        props.created = pt->created;
        note(&em, workbook_set_properties(em.wb, &props), "propriétés");
        lxw_worksheet *ws[SH__N] = {0};
        for (int i = 0; i < SH__N && em.err == LXW_NO_ERROR; i++)
            if (!(ws[i] = workbook_add_worksheet(em.wb, b->sheets[i].name)))
                note(&em, LXW_ERROR_MEMORY_MALLOC_FAILED, "feuille");
        for (size_t k = 0; k < sizeof data_sheets / sizeof *data_sheets && em.err == LXW_NO_ERROR;
             k++) {
            int id = data_sheets[k].id;
            data_sheets[k].build(b);
            emit_sheet(&em, ws[id], &b->sheets[id]);
            drop_cells(b, id);
            pr_arena_free(&b->arena);   /* the data sheets' texts */
        }
        if (em.err == LXW_NO_ERROR) {
            build_summary(b);
            build_checks(b, c);
            build_about(b, o);
            emit_sheet(&em, ws[SH_SUMMARY], &b->sheets[SH_SUMMARY]);
            emit_sheet(&em, ws[SH_CHECKS], &b->sheets[SH_CHECKS]);
            emit_sheet(&em, ws[SH_ABOUT], &b->sheets[SH_ABOUT]);
        }
    }
    lxw_error close_err = workbook_close(em.wb);
    if (em.err == LXW_NO_ERROR && close_err != LXW_NO_ERROR) {
        em.err = close_err;
        em.err_what = NULL;
    }
    if (em.err != LXW_NO_ERROR) {
        const char *fr = lxw_error_fr(em.err);
        if (fr)
            snprintf(why, why_len, "%s", fr);
        else
            snprintf(why, why_len, "erreur interne de libxlsxwriter (%s : %s)",
                     em.err_what ? em.err_what : "fermeture", lxw_strerror(em.err));
        return -1;
    }
    /* libxlsxwriter does not check its writes to temporary files: read the
     * archive back */
    return verify_xlsx(path, SH__N, why, why_len);
}

/* What writing the annex needs: the book is built where it is written
 * (in the child), so the parent never holds it. */
typedef struct annex_args {
    const pr_model *m;
    const pr_figures *f;
    const pr_checks *c;
    const pr_annex_opts *o;
    const char *path;
} annex_args;

/* Build the book and its document properties, write them, free them.
 * Returns 0, or -1 with a French reason in why. */
static int build_and_emit(const annex_args *a, char *why, size_t why_len)
{
    const pr_model *m = a->m;
    const pr_annex_opts *o = a->o;
    book b;
    book_init(&b, m, a->f);   /* built while written (emit_book) */
    props_text pt = {0};
    const char *net = m->network.name ? m->network.name : "Planif Territoires";
    pt.title = pr_asprintf("Annexe du rapport d'activités %d", b.year);
    pt.subject = pr_asprintf("Données et chiffres clés du réseau %s en %d", net, b.year);
    pt.keywords = pr_asprintf("%s, rapport d'activités, %d, annexe, chiffres clés", net, b.year);
    pt.comments = pr_asprintf("Produit par planif-rapport %s à partir de %s",
                              o && o->tool_version ? o->tool_version : PR_VERSION,
                              o && o->data_file ? o->data_file
                              : m->source_file  ? m->source_file
                                                : "?");
    if (m->report.ministry.n) {
        pr_strbuf sb = {0};
        for (size_t i = 0; i < m->report.ministry.n; i++)
            pr_sb_printf(&sb, "%s%s", i ? " " : "", m->report.ministry.items[i]);
        pt.company = pr_sb_steal(&sb);
    }
    pt.author = m->report.publisher ? m->report.publisher : "planif-rapport";
    pt.created = created_time(&b, o);
    int rc = emit_book(&b, a->c, o, a->path, &pt, why, why_len);
    free(pt.title);
    free(pt.subject);
    free(pt.keywords);
    free(pt.comments);
    free(pt.company);
    book_free(&b);
    return rc;
}

/* ---- the archive's compression level ---------------------------------------------

   libxlsxwriter 1.1.4 has minizip compress every part at zlib's default
   level (6), with no option to change it: at 1000 times the 2023 data that
   is 45 MB of XML and half of the annex's time. minizip's entry point is
   defined here too; the program's definition comes first for the
   libraries it loads (ELF symbol interposition), so libxlsxwriter's calls
   arrive here and go on to minizip with ANNEX_ZIP_LEVEL: a third of the
   time, an archive a fifth larger. Only libxlsxwriter uses minizip.
   tests/unit/test_annex.c checks the level in the archive's headers. */
#define ANNEX_ZIP_LEVEL 1

typedef int zip_open_fn(void *file, const char *filename, const void *zipfi,
                        const void *extra_local, unsigned size_extra_local,
                        const void *extra_global, unsigned size_extra_global,
                        const char *comment, int method, int level, int raw, int window_bits,
                        int mem_level, int strategy, const char *password,
                        unsigned long crc_for_crypting, unsigned long version_made_by,
                        unsigned long flag_base, int zip64);
zip_open_fn zipOpenNewFileInZip4_64;

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
                            const void *extra_local, unsigned size_extra_local,
                            const void *extra_global, unsigned size_extra_global,
                            const char *comment, int method, int level, int raw, int window_bits,
                            int mem_level, int strategy, const char *password,
                            unsigned long crc_for_crypting, unsigned long version_made_by,
                            unsigned long flag_base, int zip64)
{
    static zip_open_fn *real;
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (!sym)
            return -104;   /* ZIP_INTERNALERROR */
        memcpy(&real, &sym, sizeof real);
    }
    if (method == 8 /* Z_DEFLATED */ && level == -1 /* Z_DEFAULT_COMPRESSION */)
        level = ANNEX_ZIP_LEVEL;
    return real(file, filename, zipfi, extra_local, size_extra_local, extra_global,
                size_extra_global, comment, method, level, raw, window_bits, mem_level, strategy,
                password, crc_for_crypting, version_made_by, flag_base, zip64);
}

/* The child writing the annex, if any (killed by a fatal cleanup). */
static volatile pid_t running_child;

/* Fatal-cleanup hook: stop the child before temporary files are removed,
 * so it cannot recreate one. Async-signal-safe. */
static void kill_running_child(void)
{
    if (running_child > 0) {
        kill(running_child, SIGKILL);
        waitpid(running_child, NULL, 0);
        running_child = 0;
    }
}

/* Start emit_book in a child process: libxlsxwriter may crash when memory
 * runs out (it uses pointers its failed allocations left NULL) and prints
 * its own English messages; the child's end, whatever it is, becomes a
 * French error in wait_isolated. Returns the child's pid and the read end
 * of its message pipe, or -1 when no child can be made (then the caller
 * runs emit_book itself). */
static pid_t spawn_isolated(const annex_args *a, int *fd)
{
    static int hooked;
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        /* child: quiet, report through the pipe, never run exit handlers */
        char why[512] = "";
        /* libxlsxwriter's English messages must not reach the user: stdout
         * and stderr go to /dev/null or, if it cannot be opened, to the
         * pipe's read end, where writes fail (the descriptors stay taken,
         * so no file opened later can receive them) */
        int null = open("/dev/null", O_WRONLY);
        int sink = null >= 0 ? null : fds[0];
        dup2(sink, STDERR_FILENO);
        dup2(sink, STDOUT_FILENO);
        if (null >= 0)
            close(null);
        close(fds[0]);
        pr_fatal_detach();   /* never the parent's clean-up from here */
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int rc = build_and_emit(a, why, sizeof why);
        if (!rc) {   /* success: the message is the time worked */
            clock_gettime(CLOCK_MONOTONIC, &t1);
            snprintf(why, sizeof why, "ms=%.3f", (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                                                    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
        }
        {
            size_t len = strlen(why), done = 0;
            while (done < len) {
                ssize_t w = write(fds[1], why + done, len - done);
                if (w <= 0)
                    break;
                done += (size_t)w;
            }
        }
        close(fds[1]);
        _exit(rc ? 1 : 0);
    }
    close(fds[1]);
    if (!hooked) {
        pr_at_fatal(kill_running_child);
        /* and at exit() too: libhyphen exits when an allocation fails
         * (atexit runs this before the removal of the temporary files,
         * registered earlier) */
        atexit(kill_running_child);
        hooked = 1;
    }
    running_child = pid;
    *fd = fds[0];
    return pid;
}

/* Wait for the child started by spawn_isolated; 0, or -1 with `why`. */
static int wait_isolated(pid_t pid, int fd, char *why, size_t why_len)
{
    size_t got = 0;
    for (;;) {
        if (got + 1 >= why_len)
            break;
        ssize_t r = read(fd, why + got, why_len - 1 - got);
        if (r > 0)
            got += (size_t)r;
        else if (r < 0 && errno == EINTR)
            continue;
        else
            break;
    }
    why[got] = 0;
    close(fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            running_child = 0;
            snprintf(why, why_len, "processus d'écriture perdu");
            return -1;
        }
    }
    running_child = 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 1 && got)
        return -1;
    if (WIFSIGNALED(status))
        snprintf(why, why_len, "l'écriture s'est interrompue (signal %d ; mémoire insuffisante ?)",
                 WTERMSIG(status));
    else
        snprintf(why, why_len, "l'écriture a échoué (code %d)", WEXITSTATUS(status));
    return -1;
}

struct pr_annex_job {
    char *path;
    double *child_ms;   /* where to store the child's time, or NULL */
    pid_t pid;      /* > 0 while a child writes */
    int fd;         /* its message pipe */
    int rc;         /* result when written in this process (pid <= 0) */
    char why[512];
};

/* Prepare the workbook and start writing it (see annex.h). */
pr_annex_job *pr_annex_start(const pr_model *m, const pr_figures *f, const pr_checks *c,
                             const char *path, const pr_annex_opts *o, pr_diags *d)
{
    pr_pos pos = {path, 0, 0};
    /* libxlsxwriter only opens the file at the end (and prints its own
     * English message when it cannot): check first that it can be created */
    FILE *probe = fopen(path, "wb");
    if (!probe) {
        pr_error(d, pos, NULL, "impossible d'écrire l'annexe « %s » : %s", path, pr_strerror(errno));
        return NULL;
    }
    fclose(probe);
    /* every figure has a formula (tests/unit/test_annex.c checks it) */
    annex_args args = {m, f, c, o, path};
    /* the child first: it has nothing of the job to free (or leak) */
    int fd = -1;
    pid_t pid = o && o->in_process ? -1 : spawn_isolated(&args, &fd);
    pr_annex_job *job = pr_calloc(1, sizeof *job);
    job->path = pr_strdup(path);
    job->child_ms = o ? o->child_ms : NULL;
    job->pid = pid;
    job->fd = fd;
    if (job->pid <= 0)
        job->rc = build_and_emit(&args, job->why, sizeof job->why);
    return job;
}

/* Wait for the annex and report its result (see annex.h). */
int pr_annex_finish(pr_annex_job *job, pr_diags *d)
{
    int rc = job->pid > 0 ? wait_isolated(job->pid, job->fd, job->why, sizeof job->why) : job->rc;
    if (!rc && job->child_ms && job->pid > 0 && !strncmp(job->why, "ms=", 3))
        *job->child_ms = strtod(job->why + 3, NULL);
    if (rc) {
        pr_pos pos = {job->path, 0, 0};
        pr_error(d, pos, NULL, "impossible d'écrire l'annexe « %s » : %s", job->path, job->why);
    }
    free(job->path);
    free(job);
    return rc ? -1 : 0;
}

/* Stop the annex child, if any, and free the job (see annex.h). */
void pr_annex_abort(pr_annex_job *job)
{
    if (!job)
        return;
    if (job->pid > 0) {
        kill(job->pid, SIGKILL);
        while (waitpid(job->pid, NULL, 0) < 0 && errno == EINTR) {
        }
        close(job->fd);
        running_child = 0;
    }
    free(job->path);
    free(job);
}

/* Write the annex in one step (see annex.h). */
int pr_annex_write(const pr_model *m, const pr_figures *f, const pr_checks *c,
                   const char *path, const pr_annex_opts *o, pr_diags *d)
{
    pr_annex_job *job = pr_annex_start(m, f, c, path, o, d);
    return job ? pr_annex_finish(job, d) : -1;
}
