/* formulas.h — the Excel formulas that recompute the key figures from the
 * annex's record sheets, as Synthèse shows them, and the rows each one
 * counts, in words.
 *
 * Each formula counts the same records with the same criteria as
 * data/figures.c (keep them in step: both switch over pr_figure_id, so a
 * new figure fails to build until it has both). Formulas name whole table
 * columns (structured references: Evenements[Année]), never cell
 * positions, so sorting or filtering a table changes nothing and a row
 * added to a table counts; they use only functions Excel 2010 and
 * LibreOffice both evaluate (COUNTIFS, SUMIFS, COUNTIF, SUMPRODUCT, MAX,
 * ROUND, ROUNDDOWN, IF) and ASCII keys in criteria (the "(clé)" columns). */
#ifndef PR_ANNEX_FORMULAS_H
#define PR_ANNEX_FORMULAS_H

#include "annex/book.h"

/* The formula (with its '=') recomputing figure `key`, in b's arena. */
const char *annex_figure_formula(annex_book *b, pr_figure_id key);

/* For a PR_FIGURE_ATTENDANCE figure, the formulas (with '=') of the number
 * of records it counts at an approximate value and of those it leaves out;
 * NULL for the other figures. */
const char *annex_figure_approx_formula(annex_book *b, pr_figure_id key);
const char *annex_figure_unknown_formula(annex_book *b, pr_figure_id key);

/* The rows a figure counts, in words: "Événements dont Année = 2023 et
 * Type (clé) = atelier_elus". */
const char *annex_figure_rows(annex_book *b, pr_figure_id key);

#endif
