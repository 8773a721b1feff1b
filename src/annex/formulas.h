/* formulas.h — the Excel formulas that recompute the key figures from the
 * annex's data sheets, as Synthèse shows them.
 *
 * Each formula counts the same records with the same criteria as
 * data/figures.c (keep them in step: both switch over pr_figure_id, so a
 * new figure fails to build until it has both). Formulas use only functions
 * Excel 2007 and LibreOffice both evaluate (COUNTIFS, SUMIFS, COUNTIF,
 * COUNTA, SUMPRODUCT, EXACT, MAX, ROW, ROUNDDOWN, IF, ISNUMBER, DATE), plain
 * A1 ranges (no structured references) and ASCII keys in criteria (the
 * "(clé)" columns), so that a recalculation in either gives the value
 * figures.c computed. */
#ifndef PR_ANNEX_FORMULAS_H
#define PR_ANNEX_FORMULAS_H

#include "annex/book.h"

/* The formula (with its '=') recomputing figure `key`, in b's arena. The
 * data sheets must be built (their ranges are read); b->summary_first_row
 * must be set when the formula refers to another figure's cell. */
const char *annex_figure_formula(annex_book *b, pr_figure_id key);

/* The Synthèse cell holding figure `key` ($C$n), in b's arena. */
const char *annex_figure_cell(annex_book *b, pr_figure_id key);

#endif
