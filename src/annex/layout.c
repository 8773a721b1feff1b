/* layout.c — column widths and row heights of a sheet (see layout.h). */
#include "annex/layout.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"

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
static size_t cell_width(const annex_cell *c)
{
    char buf[32];
    switch (c->kind) {
    case CK_STR:
    case CK_LINK: return display_width(c->s);
    case CK_FSTR: return display_width(c->cached);
    case CK_NUM:
    case CK_FNUM:
        if (c->fmt == FMT_PCT)   /* "+12.5 %" */
            snprintf(buf, sizeof buf, "%+.1f %%", c->num * 100);
        else
            snprintf(buf, sizeof buf, c->fmt == FMT_DEC ? "%.4f" : "%.0f", c->num);
        return strlen(buf);
    case CK_DATE:
        if (c->date.prec == PR_DATE_DAY)
            return 10;
        if (c->date.prec == PR_DATE_MONTH)   /* "mars 2023" */
            return display_width(pr_date_month_name((c->date.month + 11) % 12 + 1)) + 5;
        return 4;
    }
    return 0;
}

/* Width given to a column whose widest content is `content` characters. */
static size_t col_width(size_t content)
{
    size_t w = content + 2;
    return w > ANNEX_WIDTH_MAX ? ANNEX_WIDTH_MAX : w < 8 ? 8 : w;
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

void annex_layout_sheet(const annex_sheet *sh, annex_layout *out)
{
    memset(out, 0, sizeof *out);
    /* column widths from the content (headers get room for the filter button) */
    size_t content[ANNEX_MAX_COLS] = {0};
    unsigned char in_table[ANNEX_MAX_COLS] = {0};
    for (size_t t = 0; t < sh->n_tables; t++) {
        const annex_table *tb = &sh->tables[t];
        for (size_t k = 0; k < tb->n_cols && tb->col + k < ANNEX_MAX_COLS; k++) {
            size_t w = display_width(tb->headers[k]) + 3;
            if (w > content[tb->col + k])
                content[tb->col + k] = w;
            in_table[tb->col + k] = 1;
        }
    }
    for (size_t i = 0; i < sh->n_cells; i++) {
        const annex_cell *c = &sh->cells[i];
        assert(c->col < ANNEX_MAX_COLS);
        if (c->row > out->max_row)
            out->max_row = c->row;
        if (c->col > out->max_col)
            out->max_col = c->col;
        /* a title or section label spills over empty cells: it does not size
         * its column unless it is part of a table column's content */
        if (c->fmt == FMT_TITLE || c->fmt == FMT_NOTE || (c->fmt == FMT_LABEL && in_table[c->col]))
            continue;
        size_t w = cell_width(c);
        if (w > ANNEX_WIDTH_MAX)
            out->wrap[c->col] = 1;
        if (w > content[c->col])
            content[c->col] = w;
    }
    for (unsigned col = 0; col < ANNEX_MAX_COLS; col++)
        if (content[col])
            out->width[col] = (double)col_width(content[col]);

    /* printed width: Excel draws a column w characters wide in w * 7 + 5
       pixels (Calibri 11), an unsized one in 64 */
    unsigned last = out->max_col;
    for (size_t t = 0; t < sh->n_tables; t++)
        if (sh->tables[t].col + sh->tables[t].n_cols - 1 > last)
            last = (unsigned)(sh->tables[t].col + sh->tables[t].n_cols - 1);
    for (unsigned col = 0; col <= last && col < ANNEX_MAX_COLS; col++)
        out->print_width_px += out->width[col] > 0 ? (double)(int)(out->width[col] * 7 + 5) : 64;
    out->print_fit = out->print_width_px * ANNEX_PRINT_MIN_SCALE <= annex_print_page_px();

    /* rows holding wrapped text get the height of their longest cell */
    out->row_height = pr_calloc(out->max_row + 1, sizeof *out->row_height);
    for (size_t i = 0; i < sh->n_cells; i++) {
        const annex_cell *c = &sh->cells[i];
        if (c->kind != CK_STR || c->fmt != FMT_TEXT || !out->wrap[c->col])
            continue;
        size_t n = wrapped_lines(c->s, col_width(content[c->col]));
        if (n > 1 && 15.0 * (double)n > out->row_height[c->row])
            out->row_height[c->row] = 15.0 * (double)n;
    }
}

double annex_print_page_px(void)
{
    /* A4 landscape: 297 mm wide, less the margins */
    return (297.0 / 25.4 - 2 * ANNEX_PRINT_MARGIN_IN) * 96.0;
}

void annex_layout_free(annex_layout *l)
{
    free(l->row_height);
    l->row_height = NULL;
}
