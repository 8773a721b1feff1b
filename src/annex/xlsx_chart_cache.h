/* xlsx_chart_cache.h — true cached values for a chart series whose cells
 * are formulas: libxlsxwriter 1.1.4 caches 0 for every formula cell a
 * chart reads, so that a viewer showing the cache (or a test) sees an empty
 * chart. */
#ifndef PR_ANNEX_XLSX_CHART_CACHE_H
#define PR_ANNEX_XLSX_CHART_CACHE_H

#include <stddef.h>

struct lxw_chart_series;

/* Give the values of `series` the cache `values[n]` (what the formulas
 * compute). Returns 0, or -1 when memory runs out (the chart then keeps
 * libxlsxwriter's own cache). */
int annex_chart_cache_values(struct lxw_chart_series *series, const double *values, size_t n);

#endif
