/* sheets_summary.h — the annex's first three sheets, made from the figures
 * once the data sheets are built:
 *   Synthèse   one key figure per row (its formula, whose cached result is
 *              the value figures.c computed, its definition, its source
 *              sheet and the formula in clear), then events and people
 *              counted per month, with a chart of them
 *   Contrôles  each declared figure against the recomputed one (a formula
 *              on Synthèse), the difference and a status
 *   À propos   what the annex is, its source, how to read it, and the list
 *              of sheets with their row counts
 * and the workbook's document properties, which say the same in brief.
 * The column numbers (0-based) are what formulas refer to. */
#ifndef PR_ANNEX_SHEETS_SUMMARY_H
#define PR_ANNEX_SHEETS_SUMMARY_H

#include <time.h>

#include "annex/book.h"

/* Synthèse: the figures' table, then the table of months */
enum { SY_ID, SY_LABEL, SY_VALUE, SY_DEFINITION, SY_SHEET, SY_FORMULA, SY__N };
enum { MO_MONTH, MO_EVENTS, MO_PARTICIPANTS, MO__N };
/* Contrôles */
enum { CH_ID, CH_LABEL, CH_PRINTED, CH_WHERE, CH_DECLARED, CH_COMPUTED, CH_DIFF, CH_STATUS, CH__N };
/* À propos: the table of sheets */
enum { AB_SHEET, AB_CONTENT, AB_ROWS, AB__N };

/* Synthèse; sets b->formulas and b->summary_first_row. */
_Static_assert(SY__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(MO__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(CH__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(AB__N <= ANNEX_MAX_COLS, "too many columns");

void annex_build_summary(annex_book *b);
/* Contrôles, from b->c (no rows when NULL). */
void annex_build_checks(annex_book *b);
/* À propos, with b->o (NULL: the model's data file, PR_VERSION). */
void annex_build_about(annex_book *b);

/* The workbook's document properties: title, subject, keywords, the tool
 * and data file, the ministries, the publisher, the creation time. */
void annex_props_make(const annex_book *b, annex_props *p);
void annex_props_free(annex_props *p);

/* The workbook's creation time: o->created, else 1 January of the
 * report's year (never the clock). */
time_t annex_created_time(const pr_model *m, const pr_annex_opts *o);

#endif
