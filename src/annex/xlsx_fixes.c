/* xlsx_fixes.c — workarounds for libxlsxwriter 1.1.4 (see xlsx_fixes.h);
 * with xlsx.c, the only file of the program that includes xlsxwriter.h,
 * because they reach into the library's structures.
 *
 * The chart's cache. When the workbook is closed, libxlsxwriter fills a
 * chart series' data cache from the cells it reads, and a formula cell is
 * cached as 0 (workbook.c, _populate_range_data_cache). It skips a range
 * whose `ignore_cache` is set, and chart.c writes a range's cache whenever
 * its list of points is not empty: so we fill the list ourselves and set
 * the flag (as libxlsxwriter's own lxw_chart_add_data_cache does for its
 * tests, which takes only 8-bit values). The points are freed with the
 * chart by libxlsxwriter (free of each point and of its string). It can go
 * when libxlsxwriter caches the cached results of formula cells
 * (tests/e2e/annex_openpyxl.py checks the cache against the cells' values,
 * so a version that does it, or that changes these structures, shows at
 * once).
 *
 * The list validations. For LXW_VALIDATION_TYPE_LIST_FORMULA,
 * worksheet_data_validation_range copies value_formula once as any formula
 * criterion, then again as a list, over the first copy: the first is lost
 * (a leak LeakSanitizer reports for each list). A custom-formula
 * validation takes the same fields with one copy; we add it so, then give
 * the stored validation the type list, which the sheet's XML is written
 * from (<dataValidation type="list">, the formula in <formula1>, byte for
 * byte what the list type writes). It can go when the list type stops
 * leaking (tests/e2e/fuzz_regress.sh, under ASan, writes annexes in
 * process and fails on the leak).
 *
 * The #error below stops a build with another version. */
#include "annex/xlsx_fixes.h"

#include <stdlib.h>

#include <xlsxwriter.h>

#if LXW_VERSION_ID != 114
#error "xlsx_fixes.c reaches into libxlsxwriter 1.1.4's structures: check it against this version"
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

int annex_list_validation(struct lxw_worksheet *ws, unsigned first_row, unsigned col,
                          unsigned last_row, struct lxw_data_validation *dv)
{
    dv->validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
    lxw_error e = worksheet_data_validation_range(ws, first_row, (lxw_col_t)col, last_row,
                                                  (lxw_col_t)col, dv);
    if (e != LXW_NO_ERROR)
        return (int)e;
    lxw_data_val_obj *o, *last = NULL;
    STAILQ_FOREACH(o, ws->data_validations, list_pointers)
        last = o;
    if (!last)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    last->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    return LXW_NO_ERROR;
}
