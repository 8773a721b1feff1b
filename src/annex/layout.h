/* layout.h — the shape of a written sheet, estimated from its cells: the
 * width of each column and the height of each row that holds wrapped text.
 *
 * No spreadsheet recomputes these reliably for a generated file, so they
 * are written with it. Widths are in Excel's column units (the width of a
 * "0" in Calibri 11), estimated from the characters shown; a column wider
 * than ANNEX_WIDTH_MAX is capped and its text wraps. */
#ifndef PR_ANNEX_LAYOUT_H
#define PR_ANNEX_LAYOUT_H

#include <stddef.h>

#include "annex/book.h"

/* Widest column (in characters) before text wraps. */
#define ANNEX_WIDTH_MAX 60

/* Printing: left and right margins (inches) of the A4 landscape page, and
 * the smallest scale a sheet is shrunk to so as to fit one page wide. */
#define ANNEX_PRINT_MARGIN_IN 0.5
#define ANNEX_PRINT_MIN_SCALE 0.60

typedef struct annex_layout {
    double width[ANNEX_MAX_COLS];   /* column width; 0: left as it is */
    unsigned char wrap[ANNEX_MAX_COLS];   /* 1: text wraps (capped column) */
    double *row_height;             /* [max_row + 1]; 0: left as it is */
    unsigned max_row, max_col;      /* the last row and column with a cell */
    double print_width_px;          /* the columns' width at 96 dpi */
    int print_fit;                  /* fits one page wide at ANNEX_PRINT_MIN_SCALE or more */
} annex_layout;

/* The printable width of an A4 landscape page, in pixels at 96 dpi. */
double annex_print_page_px(void);

/* The layout of sheet sh (its cells and tables). Free with
 * annex_layout_free. */
void annex_layout_sheet(const annex_sheet *sh, annex_layout *out);
void annex_layout_free(annex_layout *l);

#endif
