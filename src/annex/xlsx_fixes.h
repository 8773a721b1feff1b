/* xlsx_fixes.h — workarounds for two faults of libxlsxwriter 1.1.4 that
 * reach into its structures, kept apart from xlsx.c:
 *   - a chart series whose cells are formulas gets 0 for every cached
 *     value, so that a viewer showing the cache (or a test) sees an empty
 *     chart;
 *   - a list validation given as a formula (LXW_VALIDATION_TYPE_LIST_FORMULA)
 *     has its formula copied twice and one copy lost: a leak per
 *     validation, which the in-process writer (the fuzz harness) shows. */
#ifndef PR_ANNEX_XLSX_FIXES_H
#define PR_ANNEX_XLSX_FIXES_H

#include <stddef.h>

struct lxw_chart_series;
struct lxw_worksheet;
struct lxw_data_validation;

/* Give the values of `series` the cache `values[n]` (what the formulas
 * compute). Returns 0, or -1 when memory runs out (the chart then keeps
 * libxlsxwriter's own cache). */
int annex_chart_cache_values(struct lxw_chart_series *series, const double *values, size_t n);

/* worksheet_data_validation_range for a list whose values are the cells
 * `dv->value_formula` designates (dv->validate is ignored): the same
 * <dataValidation type="list"> as LXW_VALIDATION_TYPE_LIST_FORMULA gives,
 * without its leak. Returns libxlsxwriter's error code (0 when done). */
int annex_list_validation(struct lxw_worksheet *ws, unsigned first_row, unsigned col,
                          unsigned last_row, struct lxw_data_validation *dv);

#endif
