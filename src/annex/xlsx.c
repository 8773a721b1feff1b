/* xlsx.c — writes the annex's book with libxlsxwriter (see xlsx.h); with
 * xlsx_fixes.c (workarounds of libxlsxwriter's faults), the only file of
 * the program that includes xlsxwriter.h. */
#include "annex/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "annex/layout.h"
#include "annex/verify.h"
#include "annex/xlsx_fixes.h"

/* Longest string a cell holds (bytes: libxlsxwriter's limit). */
#define CELL_MAX ANNEX_CELL_MAX

/* The styles of cells: plain (outside tables), input, computed. */
enum { STYLE_PLAIN, STYLE_INPUT, STYLE_COMPUTED, STYLE__N };

/* Colours (RGB): headers of input columns, of computed ones; the fill of
 * computed cells; thin borders of table cells. */
#define COLOUR_HEADER_INPUT 0x1F4E79
#define COLOUR_HEADER_COMPUTED 0x5B7290
#define COLOUR_COMPUTED_FILL 0xE4E8EE
#define COLOUR_BORDER 0xBFBFBF

typedef struct emitter {
    lxw_workbook *wb;
    lxw_format *fmt[STYLE__N][FMT__N];
    lxw_format *wrap[STYLE__N];  /* FMT_TEXT in a capped column */
    lxw_format *header[2];       /* table headers: input, computed */
    lxw_format *ok, *gap;        /* conditional formats of a status column */
    lxw_error err;               /* first error */
    const char *err_what;        /* what was being written */
    int err_errno;               /* errno just after it */
    annex_error *report;         /* where texts cut to fit a cell are noted */
    const char *sheet;           /* the sheet being written */
} emitter;

/* Keep the first libxlsxwriter error, what was being written and errno
 * (ENOMEM tells a failed allocation behind an error of another name). */
static void note(emitter *em, lxw_error e, const char *what)
{
    if (e != LXW_NO_ERROR && em->err == LXW_NO_ERROR) {
        em->err = e;
        em->err_what = what;
        em->err_errno = errno;
    }
}

/* s made fit for XML 1.0, which the file's parts are: a byte that is not
 * UTF-8, and a character no text may hold (pr_text_forbidden_at: control
 * characters, U+FFFE, U+FFFF), become U+FFFD, visibly. The data's texts
 * never hold such characters (refused when the data is read, with their
 * position); what may is the rest: the data file's name, for one. Returns
 * s itself when it needs no change, else a copy in *tmp (to free). */
static const char *xml_text(const char *s, char **tmp)
{
    size_t n = strlen(s);
    unsigned cp;
    if (pr_utf8_invalid_at(s, n) == (size_t)-1 && pr_text_forbidden_at(s, n, &cp) == (size_t)-1)
        return s;
    pr_strbuf sb = {0};
    for (size_t i = 0; i < n;) {
        int l = pr_utf8_decode(s + i, n - i, &cp);
        if (!l || pr_text_forbidden_at(s + i, (size_t)l, &cp) != (size_t)-1) {
            pr_sb_puts(&sb, "\xEF\xBF\xBD");   /* U+FFFD */
            i += l ? (size_t)l : 1;
            continue;
        }
        pr_sb_add(&sb, s + i, (size_t)l);
        i += (size_t)l;
    }
    free(*tmp);
    *tmp = pr_sb_steal(&sb);
    return *tmp;
}

static size_t count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* s fit for XML and for a cell: cut to at most CELL_MAX bytes at a
 * character boundary, the cut noted for a warning (*tmp holds a copy to
 * free). */
static const char *cell_text(emitter *em, const annex_cell *c, const char *s, char **tmp)
{
    s = xml_text(s, tmp);
    size_t n = strlen(s);
    if (n <= CELL_MAX)
        return s;
    size_t keep = CELL_MAX;
    while (keep && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--;
    annex_error *r = em->report;
    if (r) {
        r->total_cuts++;
        if (r->n_cuts < ANNEX_MAX_CUTS) {
            annex_cut *k = &r->cuts[r->n_cuts++];
            memset(k, 0, sizeof *k);
            snprintf(k->sheet, sizeof k->sheet, "%s", em->sheet ? em->sheet : "");
            char col[4];
            annex_col_letters(c->col, col);
            snprintf(k->cell, sizeof k->cell, "%s%u", col, c->row + 1);
            /* the text as the data has it (before any replacement) */
            k->bytes = strlen(c->s);
            k->hash = pr_fnv1a(PR_FNV1A_INIT, c->s, k->bytes);
            k->chars = count_chars(s, n);
            k->kept = count_chars(s, keep);
        }
    }
    char *cut = pr_malloc(keep + 1);
    memcpy(cut, s, keep);
    cut[keep] = 0;
    free(*tmp);
    *tmp = cut;
    return cut;
}

/* The style of a cell: as set, or by the table column it is in. */
static int cell_style(const annex_sheet *sh, const annex_cell *c)
{
    switch (c->style) {
    case ST_INPUT: return STYLE_INPUT;
    case ST_COMPUTED: return STYLE_COMPUTED;
    case ST_PLAIN: return STYLE_PLAIN;
    case ST_AUTO: break;
    }
    int formula = c->kind == CK_FNUM || c->kind == CK_FSTR;
    for (size_t t = 0; t < sh->n_tables; t++) {
        const annex_table *tb = &sh->tables[t];
        size_t rows = tb->n_records ? tb->n_records : 1;
        if (c->row > tb->row && c->row <= tb->row + rows && c->col >= tb->col &&
            c->col < tb->col + tb->n_cols)
            return formula || tb->computed[c->col - tb->col] ? STYLE_COMPUTED : STYLE_INPUT;
    }
    return formula ? STYLE_COMPUTED : STYLE_PLAIN;
}

/* Write one cell with its format (wrapped text in capped columns). */
static void emit_cell(emitter *em, lxw_worksheet *ws, const annex_sheet *sh, const annex_cell *c,
                      const annex_layout *lay)
{
    int style = cell_style(sh, c);
    lxw_format *fmt = em->fmt[style][c->fmt];
    if (c->fmt == FMT_TEXT && lay->wrap[c->col])
        fmt = em->wrap[style];
    char *tmp = NULL;
    lxw_error e = LXW_NO_ERROR;
    /* libxlsxwriter 1.1.4 does not check every copy it makes of a cell's
     * text (worksheet_write_formula_num keeps a NULL formula and crashes
     * at close): a failed allocation shows in errno */
    errno = 0;
    switch (c->kind) {
    case CK_STR:
        e = worksheet_write_string(ws, c->row, (lxw_col_t)c->col, cell_text(em, c, c->s, &tmp), fmt);
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
        e = worksheet_write_formula_str(ws, c->row, (lxw_col_t)c->col, c->s, fmt,
                                        xml_text(c->cached, &tmp));
        break;
    case CK_LINK: {
        char *url = pr_asprintf("internal:%s", c->cached);
        e = worksheet_write_url_opt(ws, c->row, (lxw_col_t)c->col, url, fmt, c->s, NULL);
        free(url);
        break;
    }
    }
    if (e == LXW_NO_ERROR && errno == ENOMEM)
        e = LXW_ERROR_MEMORY_MALLOC_FAILED;
    free(tmp);
    note(em, e, "cellule");
}

/* A status column: texts beginning with `ok` in green, with `gap` in red. */
static void emit_status(emitter *em, lxw_worksheet *ws, const annex_sheet *sh)
{
    lxw_conditional_format cf = {0};
    cf.type = LXW_CONDITIONAL_TYPE_TEXT;
    cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH;
    cf.value_string = (char *)sh->status.ok;
    cf.format = em->ok;
    lxw_col_t col = (lxw_col_t)sh->status.col;
    note(em, worksheet_conditional_format_range(ws, sh->status.first, col, sh->status.last, col, &cf),
         "mise en forme conditionnelle");
    cf.value_string = (char *)sh->status.gap;
    cf.format = em->gap;
    note(em, worksheet_conditional_format_range(ws, sh->status.first, col, sh->status.last, col, &cf),
         "mise en forme conditionnelle");
}

/* A column chart of two columns of the sheet's second table, with its
 * description and the values its formulas compute as its cache. */
static void emit_chart(emitter *em, lxw_worksheet *ws, const annex_sheet *sh)
{
    const annex_table *tb = &sh->tables[1];
    lxw_chart *chart = workbook_add_chart(em->wb, LXW_CHART_COLUMN);
    if (!chart) {
        note(em, LXW_ERROR_MEMORY_MALLOC_FAILED, "graphique");
        return;
    }
    lxw_row_t first = tb->row + 1, last = (lxw_row_t)(tb->row + sh->chart.n);
    lxw_col_t cat = (lxw_col_t)(tb->col + sh->chart.cat_col);
    lxw_col_t val = (lxw_col_t)(tb->col + sh->chart.val_col);
    lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
    if (!s) {
        note(em, LXW_ERROR_MEMORY_MALLOC_FAILED, "graphique");
        return;
    }
    chart_series_set_categories(s, sh->name, first, cat, last, cat);
    chart_series_set_values(s, sh->name, first, val, last, val);
    chart_series_set_name(s, sh->chart.series);
    if (sh->chart.values && annex_chart_cache_values(s, sh->chart.values, sh->chart.n))
        note(em, LXW_ERROR_MEMORY_MALLOC_FAILED, "graphique");
    chart_title_set_name(chart, sh->chart.title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_name(chart->y_axis, sh->chart.y_axis);
    lxw_chart_options co = {0};
    co.x_scale = 1.6;
    co.y_scale = 1.2;
    co.description = (char *)sh->chart.alt_text;
    note(em, worksheet_insert_chart_opt(ws, sh->chart.row, (lxw_col_t)sh->chart.col, chart, &co),
         "graphique");
}

/* A table: header row in its explicit format (LibreOffice does not draw
 * table styles), autofilter, banded rows, its calculated columns (the
 * formula goes in the table's definition, so that new rows get it, and in
 * every cell; the cells are then written again with their cached results)
 * and the data-validation lists of its code columns. */
static void emit_table(emitter *em, lxw_worksheet *ws, const annex_table *tb)
{
    lxw_table_column cols[ANNEX_MAX_COLS];
    lxw_table_column *colp[ANNEX_MAX_COLS + 1];
    memset(cols, 0, sizeof cols);
    for (size_t k = 0; k < tb->n_cols; k++) {
        cols[k].header = (char *)tb->headers[k];
        cols[k].header_format = em->header[tb->computed[k] ? 1 : 0];
        /* an empty table has no calculated columns: its one blank row
           holds nothing a formula would count */
        if (tb->formulas[k] && tb->n_records) {
            cols[k].formula = (char *)tb->formulas[k];
            cols[k].format = em->fmt[STYLE_COMPUTED][tb->col_fmt[k]];
        }
        colp[k] = &cols[k];
    }
    colp[tb->n_cols] = NULL;
    lxw_table_options opt = {0};
    opt.name = (char *)tb->name;
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 1;
    opt.columns = colp;
    size_t rows = tb->n_records ? tb->n_records : 1;
    lxw_row_t last = (lxw_row_t)(tb->row + rows);
    errno = 0;   /* see emit_cell: an unchecked copy shows in errno */
    lxw_error e = worksheet_add_table(ws, tb->row, (lxw_col_t)tb->col, last,
                                      (lxw_col_t)(tb->col + tb->n_cols - 1), &opt);
    note(em, e == LXW_NO_ERROR && errno == ENOMEM ? LXW_ERROR_MEMORY_MALLOC_FAILED : e, "tableau");
    for (size_t k = 0; k < tb->n_cols; k++) {
        if (!tb->validations[k])
            continue;
        lxw_data_validation dv = {0};
        dv.value_formula = (char *)tb->validations[k];
        dv.ignore_blank = LXW_VALIDATION_ON;
        dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
        dv.error_title = "Valeur hors liste";
        dv.error_message = "Choisissez une valeur de la liste : les codes admis sont dans la "
                           "feuille Listes, les identifiants dans la feuille qu’ils désignent.";
        lxw_col_t c = (lxw_col_t)(tb->col + k);
        note(em, (lxw_error)annex_list_validation(ws, tb->row + 1, c, last, &dv), "validation");
    }
}

/* Print set-up: A4 landscape, the header rows repeated, sheet name and
 * page numbers in the footer; fitted to one page wide only when that keeps
 * a scale of 60 % or more (a wider sheet prints at full size, its columns
 * continued on the pages to the right). */
static void emit_print(emitter *em, lxw_worksheet *ws, const annex_sheet *sh,
                       const annex_layout *lay)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_set_margins(ws, ANNEX_PRINT_MARGIN_IN, ANNEX_PRINT_MARGIN_IN, 0.6, 0.6);
    if (lay->print_fit) {
        worksheet_fit_to_pages(ws, 1, 0);
    } else {
        worksheet_set_print_scale(ws, 100);
        worksheet_print_across(ws);
    }
    if (sh->header_row)
        note(em, worksheet_repeat_rows(ws, (lxw_row_t)sh->header_row, (lxw_row_t)sh->header_row),
             "impression");
    note(em, worksheet_set_footer(ws, "&L&A&RPage &P / &N"), "impression");
}

/* Write one sheet: widths, tables, cells, row heights, frozen header,
 * conditional formats, chart and print set-up. */
static void emit_sheet(emitter *em, lxw_worksheet *ws, const annex_sheet *sh)
{
    if (!ws)
        return;
    em->sheet = sh->name;
    annex_layout lay;
    annex_layout_sheet(sh, &lay);
    for (unsigned col = 0; col < ANNEX_MAX_COLS; col++)
        if (lay.width[col] > 0)
            note(em, worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, lay.width[col], NULL),
                 "colonne");
    /* tables first: their calculated columns fill the cells, which the
       book's cells (with their cached results) then replace */
    for (size_t t = 0; t < sh->n_tables; t++)
        emit_table(em, ws, &sh->tables[t]);
    for (size_t i = 0; i < sh->n_cells; i++)
        emit_cell(em, ws, sh, &sh->cells[i], &lay);
    for (unsigned r = 0; r <= lay.max_row; r++)
        if (lay.row_height[r] > 0)
            note(em, worksheet_set_row(ws, r, lay.row_height[r], NULL), "ligne");

    /* codes such as "01" or "94220" are text on purpose: no warning marks */
    char last[4], range[32];
    annex_col_letters(lay.max_col, last);
    snprintf(range, sizeof range, "A1:%s%u", last, lay.max_row + 1);
    note(em, worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, range),
         "avertissements");

    if (sh->header_row && sh->n_tables)
        worksheet_freeze_panes(ws, (lxw_row_t)(sh->header_row + 1), 0);
    if (sh->status.col >= 0 && sh->status.last >= sh->status.first && sh->tables[0].n_records)
        emit_status(em, ws, sh);
    if (sh->chart.present && sh->n_tables > 1)
        emit_chart(em, ws, sh);
    emit_print(em, ws, sh, &lay);
    annex_layout_free(&lay);
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

/* The look of one annex_fmt, in one style. */
static lxw_format *style_format(emitter *em, annex_fmt k, int style)
{
    static const char *const num[FMT__N] = {
        [FMT_INT] = "0", [FMT_DEC] = "0.0000", [FMT_DAY] = "dd/mm/yyyy",
        [FMT_MONTH] = "[$-40C]mmmm yyyy", [FMT_YEAR] = "yyyy", [FMT_INT_LEFT] = "0",
        [FMT_PCT] = "+0.0 %;-0.0 %;0.0 %",
    };
    lxw_format *f = new_format(em, num[k]);
    if (!f)
        return NULL;
    switch (k) {
    case FMT_TITLE:
        format_set_bold(f);
        format_set_font_size(f, 14);
        break;
    case FMT_LABEL: format_set_bold(f); break;
    case FMT_INT_LEFT: format_set_align(f, LXW_ALIGN_LEFT); break;
    case FMT_NOTE: format_set_italic(f); break;
    case FMT_LINK:
        format_set_underline(f, LXW_UNDERLINE_SINGLE);
        format_set_font_color(f, 0x0563C1);
        break;
    case FMT_CODE: format_set_font_name(f, "Courier New"); break;
    default: break;
    }
    if (style != STYLE_PLAIN) {
        format_set_border(f, LXW_BORDER_THIN);
        format_set_border_color(f, COLOUR_BORDER);
    }
    if (style == STYLE_COMPUTED) {
        format_set_bg_color(f, COLOUR_COMPUTED_FILL);
        format_set_pattern(f, LXW_PATTERN_SOLID);
    }
    return f;
}

/* The formats of the annex_fmt values in each style, the wrapped text, the
 * headers and the statuses. */
static void add_formats(emitter *em)
{
    for (int s = 0; s < STYLE__N; s++) {
        for (int k = 0; k < FMT__N; k++)
            em->fmt[s][k] = style_format(em, (annex_fmt)k, s);
        em->wrap[s] = style_format(em, FMT_TEXT, s);
    }
    for (int h = 0; h < 2; h++)
        em->header[h] = new_format(em, NULL);
    em->ok = new_format(em, NULL);
    em->gap = new_format(em, NULL);
    if (em->err != LXW_NO_ERROR)
        return;
    for (int s = 0; s < STYLE__N; s++)
        format_set_text_wrap(em->wrap[s]);
    for (int h = 0; h < 2; h++) {
        format_set_bold(em->header[h]);
        format_set_font_color(em->header[h], LXW_COLOR_WHITE);
        format_set_bg_color(em->header[h], h ? COLOUR_HEADER_COMPUTED : COLOUR_HEADER_INPUT);
        format_set_pattern(em->header[h], LXW_PATTERN_SOLID);
        format_set_border(em->header[h], LXW_BORDER_THIN);
        format_set_border_color(em->header[h], COLOUR_BORDER);
        format_set_text_wrap(em->header[h]);
    }
    format_set_bg_color(em->ok, 0xC6EFCE);
    format_set_font_color(em->ok, 0x006100);
    format_set_bg_color(em->gap, 0xFFC7CE);
    format_set_font_color(em->gap, 0x9C0006);
}

/* The first error noted, as an annex_error (see xlsx.h for the classes). */
static void report(const emitter *em, annex_error *err)
{
    switch (em->err) {
    case LXW_NO_ERROR: return;
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        annex_fail(err, PR_DIAG_IO, "mémoire insuffisante");
        return;
    case LXW_ERROR_CREATING_XLSX_FILE:
        annex_fail(err, PR_DIAG_IO,
                   "impossible de créer le fichier (dossier absent ou protégé en écriture ?)");
        return;
    case LXW_ERROR_CREATING_TMPFILE:
        annex_fail(err, PR_DIAG_IO, "impossible de créer un fichier temporaire");
        return;
    case LXW_ERROR_READING_TMPFILE:
        annex_fail(err, PR_DIAG_IO, "impossible de relire un fichier temporaire");
        return;
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        annex_fail(err, PR_DIAG_IO, "échec de l'écriture de l'archive (disque plein ?)");
        return;
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
        annex_fail(err, PR_DIAG_DATA, "trop de lignes pour une feuille Excel (1 048 576 au plus)");
        return;
    default:
        break;
    }
    /* libxlsxwriter does not always say that an allocation failed */
    if (em->err_errno == ENOMEM)
        annex_fail(err, PR_DIAG_IO, "mémoire insuffisante");
    else
        annex_fail(err, PR_DIAG_INTERNAL, "erreur interne de libxlsxwriter (%s : %s)",
                   em->err_what ? em->err_what : "fermeture", lxw_strerror(em->err));
}

int annex_xlsx_write(annex_book *b, const char *path, const annex_props *props,
                     annex_error *err)
{
    emitter em = {0};
    errno = 0;
    em.wb = workbook_new(path);
    if (!em.wb) {
        annex_fail(err, PR_DIAG_IO, "mémoire insuffisante");
        return -1;
    }
    add_formats(&em);
    em.report = err;
    if (em.err == LXW_NO_ERROR) {
        /* the creation date makes the output reproducible; the texts (the
         * data file's name among them) fit for XML */
        char *tmp[6] = {0};
        lxw_doc_properties dp = {0};
        dp.title = (char *)xml_text(props->title, &tmp[0]);
        dp.subject = (char *)xml_text(props->subject, &tmp[1]);
        dp.author = (char *)xml_text(props->author, &tmp[2]);
        dp.company = props->company ? (char *)xml_text(props->company, &tmp[3]) : NULL;
        dp.keywords = (char *)xml_text(props->keywords, &tmp[4]);
        dp.comments = (char *)xml_text(props->comments, &tmp[5]);
        dp.created = props->created;
        note(&em, workbook_set_properties(em.wb, &dp), "propriétés");
        for (int i = 0; i < 6; i++)
            free(tmp[i]);
    }
    lxw_worksheet *ws[SH__N] = {0};
    for (int i = 0; i < SH__N && em.err == LXW_NO_ERROR; i++)
        if (!(ws[i] = workbook_add_worksheet(em.wb, b->sheets[i].name)))
            note(&em, LXW_ERROR_MEMORY_MALLOC_FAILED, "feuille");
    for (size_t k = 0; k < SH__N && em.err == LXW_NO_ERROR; k++) {
        annex_sheet_id id = annex_steps[k].sheet;
        annex_steps[k].build(b);
        emit_sheet(&em, ws[id], &b->sheets[id]);
        if ((id >= SH_FIRST_DATA && id <= SH_LAST_DATA) || id == SH_LISTS) {
            book_drop_cells(b, id);
            pr_arena_free(&b->arena);   /* the sheet's texts and formulas */
        }
    }
    if (em.err != LXW_NO_ERROR) {
        /* closing would write what failed (a cell without its text makes
           libxlsxwriter crash): free the workbook instead; the file stays
           as the probe left it, and the caller reports the error */
        lxw_workbook_free(em.wb);
    } else {
        lxw_error close_err = workbook_close(em.wb);
        if (close_err != LXW_NO_ERROR) {
            em.err_what = NULL;
            note(&em, close_err, NULL);
        }
    }
    if (em.err != LXW_NO_ERROR) {
        report(&em, err);
        return -1;
    }
    /* libxlsxwriter does not check its writes to temporary files */
    char why[256];
    if (annex_verify_xlsx(path, SH__N, why, sizeof why)) {
        annex_fail(err, PR_DIAG_IO, "%s", why);
        return -1;
    }
    return 0;
}
