/* sheets_evolution.h — Évolution: the key figures over the years compared
 * (issue 15), from the history of pr_annex_opts.history.
 *
 * One row per figure that has a value for a year before the report's
 * (the figures --check compares), in figure order:
 *   Id, Libellé, Unité     the figure
 *   one column per year    headed by the year ("2022"), oldest first: an
 *                          earlier year's value is a constant (input
 *                          style), empty when unknown; the report's year is
 *                          a calculated column that looks the figure up on
 *                          Synthèse by its id (INDEX/MATCH, as Contrôles)
 *   Comparée à             the latest earlier year with a value (formula)
 *   Valeur de comparaison  its value (formula)
 *   Comparable             « oui », or « non comparable » when the two
 *                          values follow different definitions of the
 *                          figure (figures.h, PR_FIGURE_REVISIONS): a
 *                          constant, since what a figure counted in a
 *                          given year is not in the workbook
 *   Écart, Évolution       the difference and the rate (formulas), empty
 *                          when not comparable or when the earlier value
 *                          is 0 (no rate)
 *   Motif                  why a value is not compared: the definition
 *                          change, with its year and what changed
 * Below it, the table "Sources des années": one row per year and source:
 * the data file (its name, never its folder) for a year read from its
 * file, one row per published figure with the source the data give for a
 * year known by its published figures, and this workbook for the report's
 * year.
 *
 * With the report's year alone the sheet is still written: row 1 says
 * there is nothing to compare, the table has no row, and the sources list
 * the report's year. The sheet is O(figures x years). */
#ifndef PR_ANNEX_SHEETS_EVOLUTION_H
#define PR_ANNEX_SHEETS_EVOLUTION_H

#include "annex/book.h"

/* The columns before the years, and those after them (counted from the
 * first column after the last year). */
enum { EVO_ID, EVO_LABEL, EVO_UNIT, EVO__BEFORE };
enum { EVA_COMPARED_YEAR, EVA_COMPARED_VALUE, EVA_COMPARABLE, EVA_CHANGE, EVA_RATE, EVA_REASON,
       EVA__N };
extern const char *const annex_evo_before_headers[EVO__BEFORE];
extern const char *const annex_evo_after_headers[EVA__N];

/* The sources' table */
enum { ES_YEAR, ES_SOURCE, ES_FIGURE, ES_ORIGIN, ES__N };
extern const char *const annex_es_headers[ES__N];

/* The Excel name of the sources' table. */
#define ANNEX_EVOLUTION_SOURCES_TABLE "SourcesEvolution"

/* What the Comparable column says. */
#define ANNEX_COMPARABLE_YES "oui"
#define ANNEX_COMPARABLE_NO "non comparable"

void annex_build_evolution(annex_book *b);

#endif
