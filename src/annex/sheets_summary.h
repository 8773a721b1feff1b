/* sheets_summary.h — the annex's first sheets, made from the figures once
 * the record sheets are built:
 *   Synthèse   one key figure per row: its formula (whose cached result is
 *              the value figures.c computed), unit, for attendance totals
 *              how many records they approximate and leave out, definition,
 *              the rows counted, a link to its source sheet and the formula
 *              in clear; then the events and participations per month, with
 *              a chart of them
 *   Contrôles  each declared figure: where it was published, its text and
 *              form (exact, environ, plus de), the value recomputed (looked
 *              up by figure id on Synthèse), the difference, the rule, the
 *              status in words and the explanation the data give
 *   À propos   the annex's metadata (title, period, producer, contact,
 *              licence, data file and its SHA-256, publication and
 *              production dates, tool), the source of truth and how a
 *              correction reaches the next report, how to read the sheets
 *              (input and computed styles), revision notes, and the list of
 *              sheets with links and row counts
 * and the workbook's document properties, which say the same in brief.
 * The column numbers (0-based) and headers are what formulas refer to. */
#ifndef PR_ANNEX_SHEETS_SUMMARY_H
#define PR_ANNEX_SHEETS_SUMMARY_H

#include <time.h>

#include "annex/book.h"

/* Synthèse: the figures' table, then the table of months */
enum {
    SY_ID, SY_LABEL, SY_VALUE, SY_UNIT, SY_APPROX, SY_UNKNOWN, SY_DEFINITION, SY_ROWS, SY_SHEET,
    SY_FORMULA, SY__N
};
enum { MO_MONTH, MO_EVENTS, MO_PARTICIPANTS, MO_UNKNOWN, MO__N };
/* Contrôles */
enum {
    CH_ID, CH_LABEL, CH_PUBLISHED_IN, CH_WHERE, CH_PRINTED, CH_PREC, CH_DECLARED, CH_COMPUTED,
    CH_DIFF, CH_RULE, CH_STATUS, CH_EXPLANATION, CH__N
};
/* À propos: the table of sheets */
enum { AB_SHEET, AB_CONTENT, AB_ROWS, AB__N };

_Static_assert(SY__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(MO__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(CH__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(AB__N <= ANNEX_MAX_COLS, "too many columns");

extern const char *const annex_sy_headers[SY__N];
extern const char *const annex_ch_headers[CH__N];
extern const char *const annex_ab_headers[AB__N];

/* Synthèse; sets b->formulas. */
void annex_build_summary(annex_book *b);
/* Contrôles, from b->c (no rows when NULL). */
void annex_build_checks(annex_book *b);
/* À propos, with b->o (NULL: the model's data file, PR_VERSION). */
void annex_build_about(annex_book *b);

/* The workbook's document properties: title, subject, keywords, the tool
 * and data file, the ministries, the publisher, the production date. */
void annex_props_make(const annex_book *b, annex_props *p);
void annex_props_free(annex_props *p);

#endif
