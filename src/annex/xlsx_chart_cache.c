/* xlsx_chart_cache.c — a workaround for libxlsxwriter 1.1.4 (see
 * xlsx_chart_cache.h), the only other file of the program that includes
 * xlsxwriter.h, because it reaches into the library's chart structures.
 *
 * What it works around: when the workbook is closed, libxlsxwriter fills a
 * chart series' data cache from the cells it reads, and a formula cell is
 * cached as 0 (workbook.c, _populate_range_data_cache). It skips a range
 * whose `ignore_cache` is set, and chart.c writes a range's cache whenever
 * its list of points is not empty: so we fill the list ourselves and set
 * the flag (as libxlsxwriter's own lxw_chart_add_data_cache does for its
 * tests, which takes only 8-bit values). The points are freed with the
 * chart by libxlsxwriter (free of each point and of its string).
 *
 * When it can go: when libxlsxwriter caches the cached results of formula
 * cells (tests/e2e/annex_openpyxl.py checks the cache against the cells'
 * values, so a version that does it, or that changes these structures,
 * shows at once); the #error below stops a build with another version. */
#include "annex/xlsx_chart_cache.h"

#include <stdlib.h>

#include <xlsxwriter.h>

#if LXW_VERSION_ID != 114
#error "xlsx_chart_cache.c reaches into libxlsxwriter 1.1.4's chart structures: check it against this version"
#endif

int annex_chart_cache_values(struct lxw_chart_series *series, const double *values, size_t n)
{
    lxw_series_range *range = series ? series->values : NULL;
    if (!range || !range->data_cache || !STAILQ_EMPTY(range->data_cache) || n > UINT16_MAX)
        return -1;
    for (size_t i = 0; i < n; i++) {
        struct lxw_series_data_point *p = calloc(1, sizeof *p);
        if (!p)
            return -1;   /* the points already added are freed with the chart */
        p->number = values[i];
        STAILQ_INSERT_TAIL(range->data_cache, p, list_pointers);
    }
    range->num_data_points = (uint16_t)n;
    range->ignore_cache = LXW_TRUE;
    return 0;
}
