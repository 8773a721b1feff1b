/* book.c — the annex's workbook as data (see book.h): the sheets and the
 * order they are built in, cells and tables, and references to them. */
#include "annex/book.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annex/sheets_events.h"
#include "annex/sheets_evolution.h"
#include "annex/sheets_organisation.h"
#include "annex/sheets_reference.h"
#include "annex/sheets_summary.h"
#include "annex/sheets_territory.h"
#include "base/date.h"
#include "base/sha256.h"
#include "data/figref.h"

/* ---- sheets --------------------------------------------------------------- */
static const struct {
    const char *name, *table, *about;
} sheet_defs[SH__N] = {
#define SHEET_DEF(id, name, table, about) {name, table, about},
    ANNEX_SHEET_TABLE(SHEET_DEF)
#undef SHEET_DEF
};

const annex_step annex_steps[SH__N] = {
    {SH_EVENTS, annex_build_events},
    {SH_SESSIONS, annex_build_sessions},
    {SH_SPEAKERS, annex_build_speakers},
    {SH_PRESENCES, annex_build_presences},
    {SH_WORKSTREAMS, annex_build_workstreams},
    {SH_ACTIONS, annex_build_actions},
    {SH_OFFICIALS, annex_build_officials},
    {SH_NETWORKS, annex_build_networks},
    {SH_DEPTS, annex_build_depts},
    {SH_TEAM, annex_build_team},
    {SH_CONSULTANCIES, annex_build_consultancies},
    {SH_PARTNERS, annex_build_partners},
    {SH_MEETINGS, annex_build_meetings},
    {SH_NEWSLETTERS, annex_build_newsletters},
    {SH_QUOTES, annex_build_quotes},
    {SH_LISTS, annex_build_lists},
    {SH_SUMMARY, annex_build_summary},
    {SH_CHECKS, annex_build_checks},
    {SH_EVOLUTION, annex_build_evolution},
    {SH_GLOSSARY, annex_build_glossary},
    {SH_ABOUT, annex_build_about},
};

annex_sheet_id annex_sheet_of_records(pr_record_kind k)
{
    switch (k) {
    case PR_RECORDS_EVENTS: return SH_EVENTS;
    case PR_RECORDS_SESSIONS: return SH_SESSIONS;
    case PR_RECORDS_SPEAKERS: return SH_SPEAKERS;
    case PR_RECORDS_PRESENCES: return SH_PRESENCES;
    case PR_RECORDS_OFFICIALS: return SH_OFFICIALS;
    case PR_RECORDS_WORKSTREAMS: return SH_WORKSTREAMS;
    case PR_RECORDS_NEWSLETTERS: return SH_NEWSLETTERS;
    case PR_RECORDS_MEETINGS: return SH_MEETINGS;
    case PR_RECORDS_PARTNERS: return SH_PARTNERS;
    case PR_RECORDS_NETWORKS: return SH_NETWORKS;
    case PR_RECORDS_DEPARTEMENTS: return SH_DEPTS;
    }
    abort();   /* not a pr_record_kind */
}

const char *annex_header(annex_sheet_id id, unsigned col)
{
    const char *const *h = NULL;
    size_t n = 0;
    switch (id) {
    case SH_EVENTS: h = annex_ev_headers; n = EV__N; break;
    case SH_SESSIONS: h = annex_se_headers; n = SE__N; break;
    case SH_SPEAKERS: h = annex_sp_headers; n = SP__N; break;
    case SH_PRESENCES: h = annex_prs_headers; n = PRS__N; break;
    case SH_QUOTES: h = annex_qu_headers; n = QU__N; break;
    case SH_WORKSTREAMS: h = annex_ws_headers; n = WS__N; break;
    case SH_ACTIONS: h = annex_ac_headers; n = AC__N; break;
    case SH_TEAM: h = annex_tm_headers; n = TM__N; break;
    case SH_CONSULTANCIES: h = annex_co_headers; n = CO__N; break;
    case SH_PARTNERS: h = annex_pa_headers; n = PA__N; break;
    case SH_MEETINGS: h = annex_mt_headers; n = MT__N; break;
    case SH_NEWSLETTERS: h = annex_nl_headers; n = NL__N; break;
    case SH_OFFICIALS: h = annex_of_headers; n = OF__N; break;
    case SH_NETWORKS: h = annex_ln_headers; n = LN__N; break;
    case SH_DEPTS: h = annex_dc_headers; n = DC__N; break;
    case SH_SUMMARY: h = annex_sy_headers; n = SY__N; break;
    case SH_CHECKS: h = annex_ch_headers; n = CH__N; break;
    case SH_GLOSSARY: h = annex_gl_headers; n = GL__N; break;
    /* the year columns follow; their headers are the book's */
    case SH_EVOLUTION: h = annex_evo_before_headers; n = EVO__BEFORE; break;
    case SH_ABOUT: h = annex_ab_headers; n = AB__N; break;
    case SH_LISTS: h = annex_li_headers; n = LI__N; break;
    case SH__N: break;
    }
    assert(h && col < n);
    (void)n;
    return h[col];
}

/* ---- making a book -------------------------------------------------------- */
/* The name of a path without its folders ("data/2023.yaml": "2023.yaml"). */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

void book_init(annex_book *b, const pr_model *m, const pr_figures *f, const pr_checks *c,
               const pr_annex_opts *o)
{
    memset(b, 0, sizeof *b);
    b->m = m;
    b->f = f;
    b->c = c;
    b->o = o;
    b->year = m->report.year;
    for (int i = 0; i < SH__N; i++) {
        b->sheets[i].name = sheet_defs[i].name;
        b->sheets[i].table_name = sheet_defs[i].table;
        b->sheets[i].about = sheet_defs[i].about;
        b->sheets[i].status.col = -1;
    }
    const char *file = o && o->data_file ? o->data_file : m->source_file;
    b->src.name = !file ? "?" : !strcmp(file, "-") ? "entrée standard" : base_name(file);
    if (o && o->data_text)
        pr_sha256_hex(o->data_text, o->data_len, b->src.sha256);
    if (o && o->created) {
        b->src.produced = o->created;
        b->src.produced_how = o->created_how;
    } else {
        b->src.produced = (time_t)pr_date_days_from_civil(m->report.year + 1, 1, 1) * 86400;
        b->src.produced_how = "1er janvier de l'année qui suit celle du rapport";
    }
}

void book_build(annex_book *b)
{
    for (size_t k = 0; k < SH__N; k++)
        annex_steps[k].build(b);
}

void book_drop_cells(annex_book *b, annex_sheet_id id)
{
    annex_sheet *sh = &b->sheets[id];
    free(sh->cells);
    sh->cells = NULL;
    sh->n_cells = sh->cap_cells = 0;
    /* the tables' formulas and validations lived in the arena */
    for (size_t t = 0; t < sh->n_tables; t++) {
        memset(sh->tables[t].formulas, 0, sizeof sh->tables[t].formulas);
        memset(sh->tables[t].validations, 0, sizeof sh->tables[t].validations);
    }
}

void book_free(annex_book *b)
{
    for (int i = 0; i < SH__N; i++)
        free(b->sheets[i].cells);
    pr_arena_free(&b->arena);
}

void annex_fail(annex_error *e, pr_diag_class cls, const char *fmt, ...)
{
    if (e->why[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->why, sizeof e->why, fmt, ap);
    va_end(ap);
    e->cls = cls;
}

/* ---- filling sheets ------------------------------------------------------- */
const char *book_printf(annex_book *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = pr_vasprintf(fmt, ap);
    va_end(ap);
    char *copy = pr_arena_strdup(&b->arena, s);
    free(s);
    return copy;
}

const char *book_join(annex_book *b, const pr_strlist *l)
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

annex_table *book_add_table(annex_sheet *sh, const char *name, unsigned row, unsigned col,
                            const char *const *headers, size_t n_cols, size_t n_records)
{
    assert(sh->n_tables < ANNEX_MAX_TABLES && n_cols <= ANNEX_MAX_COLS);
    annex_table *t = &sh->tables[sh->n_tables++];
    memset(t, 0, sizeof *t);
    t->name = name;
    t->row = row;
    t->col = col;
    t->headers = headers;
    t->n_cols = n_cols;
    t->n_records = n_records;
    return t;
}

annex_sheet *book_start_table(annex_book *b, annex_sheet_id id, const char *source,
                              const char *const *headers, size_t n_cols, size_t n_records)
{
    annex_sheet *sh = &b->sheets[id];
    sh->source = source;
    book_put_fmt_str(b, sh, 0, 0, FMT_NOTE, source);
    book_add_table(sh, sh->table_name, 1, 0, headers, n_cols, n_records);
    sh->header_row = 1;
    sh->has_table = 1;
    return sh;
}

unsigned annex_row(const annex_sheet *sh, size_t i)
{
    return sh->tables[0].row + 1 + (unsigned)i;
}

void book_set_formula(annex_book *b, annex_table *t, unsigned col, annex_fmt fmt,
                      const char *formula)
{
    assert(col < t->n_cols && formula[0] == '=');
    t->formulas[col] = pr_arena_strdup(&b->arena, formula);
    t->col_fmt[col] = fmt;
    t->computed[col] = 1;
}

void book_set_validation(annex_book *b, annex_table *t, unsigned col, annex_sheet_id sheet,
                         const char *table, unsigned list_col)
{
    /* data validations cannot name a table: the list's cell range */
    const annex_sheet *sh = &b->sheets[sheet];
    const annex_table *lt = NULL;
    for (size_t k = 0; k < sh->n_tables; k++)
        if (!strcmp(sh->tables[k].name, table))
            lt = &sh->tables[k];
    assert(lt && list_col < lt->n_cols);
    char c[4];
    annex_col_letters(lt->col + list_col, c);
    size_t rows = lt->n_records ? lt->n_records : 1;
    t->validations[col] = book_printf(b, "='%s'!$%s$%u:$%s$%zu", sh->name, c, lt->row + 2, c,
                                      lt->row + 1 + rows);
}

/* Append a cell to a sheet. */
static annex_cell *add_cell(annex_sheet *sh, unsigned row, unsigned col, annex_cell_kind kind,
                            annex_fmt fmt)
{
    pr_grow((void **)&sh->cells, &sh->cap_cells, sh->n_cells + 1, sizeof *sh->cells);
    annex_cell *c = &sh->cells[sh->n_cells++];
    memset(c, 0, sizeof *c);
    c->row = row;
    c->col = col;
    c->kind = kind;
    c->fmt = fmt;
    return c;
}

void book_put_str(annex_book *b, annex_sheet *sh, unsigned row, unsigned col, const char *s)
{
    book_put_fmt_str(b, sh, row, col, FMT_TEXT, s);
}

void book_put_fmt_str(annex_book *b, annex_sheet *sh, unsigned row, unsigned col, annex_fmt fmt,
                      const char *s)
{
    if (!s || !*s)
        return;
    if (strstr(s, "{{")) {
        /* a text of the data that refers to figures (data/prose.h) shows
         * their values, as in the report */
        char *x = pr_prose_expand(s, b->f, 0);
        add_cell(sh, row, col, CK_STR, fmt)->s = pr_arena_strdup(&b->arena, x);
        free(x);
        return;
    }
    add_cell(sh, row, col, CK_STR, fmt)->s = pr_arena_strdup(&b->arena, s);
}

void book_put_num(annex_sheet *sh, unsigned row, unsigned col, double v, annex_fmt fmt)
{
    add_cell(sh, row, col, CK_NUM, fmt)->num = v;
}

void book_put_int_opt(annex_sheet *sh, unsigned row, unsigned col, long v, int known)
{
    if (known)
        book_put_num(sh, row, col, (double)v, FMT_INT);
}

void book_put_date(annex_sheet *sh, unsigned row, unsigned col, pr_date d)
{
    if (d.prec == PR_DATE_NONE)
        return;
    annex_fmt fmt = d.prec == PR_DATE_DAY     ? FMT_DAY
                    : d.prec == PR_DATE_MONTH ? FMT_MONTH
                                              : FMT_YEAR;
    add_cell(sh, row, col, CK_DATE, fmt)->date = d;
}

void book_put_formula_num(annex_book *b, annex_sheet *sh, unsigned row, unsigned col,
                          const char *formula, double cached)
{
    annex_cell *c = add_cell(sh, row, col, CK_FNUM, FMT_INT);
    c->s = pr_arena_strdup(&b->arena, formula);
    c->num = cached;
}

void book_put_formula_str(annex_book *b, annex_sheet *sh, unsigned row, unsigned col,
                          const char *formula, const char *cached)
{
    annex_cell *c = add_cell(sh, row, col, CK_FSTR, FMT_TEXT);
    c->s = pr_arena_strdup(&b->arena, formula);
    c->cached = pr_arena_strdup(&b->arena, cached ? cached : "");
}

void book_put_calc_num(annex_sheet *sh, unsigned row, unsigned col, double cached)
{
    const annex_table *t = &sh->tables[0];
    assert(col < t->n_cols && t->formulas[col]);
    annex_cell *c = add_cell(sh, row, col, CK_FNUM, t->col_fmt[col]);
    c->s = t->formulas[col];   /* shared by the column's cells */
    c->num = cached;
}

void book_put_calc_str(annex_book *b, annex_sheet *sh, unsigned row, unsigned col,
                       const char *cached)
{
    const annex_table *t = &sh->tables[0];
    assert(col < t->n_cols && t->formulas[col]);
    annex_cell *c = add_cell(sh, row, col, CK_FSTR, t->col_fmt[col]);
    c->s = t->formulas[col];
    /* most cached texts are static (labels, codes) or already in the arena */
    c->cached = cached ? cached : "";
    (void)b;
}

void book_put_styled(annex_book *b, annex_sheet *sh, unsigned row, unsigned col, const char *s,
                     int computed)
{
    annex_cell *c = add_cell(sh, row, col, CK_STR, FMT_TEXT);
    c->s = pr_arena_strdup(&b->arena, s);
    c->style = computed ? ST_COMPUTED : ST_INPUT;
}

void book_put_link(annex_book *b, annex_sheet *sh, unsigned row, unsigned col, const char *text,
                   annex_sheet_id target)
{
    annex_cell *c = add_cell(sh, row, col, CK_LINK, FMT_LINK);
    c->s = pr_arena_strdup(&b->arena, text);
    c->cached = book_printf(b, "'%s'!A1", b->sheets[target].name);
    c->style = ST_PLAIN;
}

/* ---- references ----------------------------------------------------------- */
void annex_col_letters(unsigned col, char out[4])
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

const char *book_cell_ref(annex_book *b, unsigned row, unsigned col)
{
    char c[4];
    annex_col_letters(col, c);
    return book_printf(b, "%s%u", c, row + 1);
}

/* A column name as a structured reference writes it: [, ], # and ' are
 * escaped with a ' (none of the annex's headers has them; kept general). */
static const char *escaped(annex_book *b, const char *header)
{
    if (!strpbrk(header, "[]#'"))
        return header;
    pr_strbuf sb = {0};
    for (const char *p = header; *p; p++) {
        if (strchr("[]#'", *p))
            pr_sb_putc(&sb, '\'');
        pr_sb_putc(&sb, *p);
    }
    const char *s = pr_arena_strdup(&b->arena, sb.data);
    pr_sb_free(&sb);
    return s;
}

const char *book_table_col(annex_book *b, const char *table, const char *header)
{
    return book_printf(b, "%s[%s]", table, escaped(b, header));
}

const char *book_col(annex_book *b, annex_sheet_id id, unsigned col)
{
    return book_table_col(b, b->sheets[id].table_name, annex_header(id, col));
}

const char *book_this(annex_book *b, annex_sheet_id id, unsigned col)
{
    return book_printf(b, "%s[[#This Row],[%s]]", b->sheets[id].table_name,
                       escaped(b, annex_header(id, col)));
}

const char *annex_date_prec_label(pr_date_precision p)
{
    switch (p) {
    case PR_DATE_DAY: return "jour";
    case PR_DATE_MONTH: return "mois";
    case PR_DATE_YEAR: return "année";
    case PR_DATE_NONE: return NULL;
    }
    return NULL;
}
