/* xlsx.h — the annex's book written as an .xlsx file with libxlsxwriter.
 * xlsx.c (and xlsx_fixes.c, workarounds) are the only files of the
 * program that include xlsxwriter.h.
 *
 * Allocation failures of our own code end the process (pr_oom), which is
 * why the annex is written in a child process (annex/child.h); those of
 * libxlsxwriter come back as errors, or as a crash. */
#ifndef PR_ANNEX_XLSX_H
#define PR_ANNEX_XLSX_H

#include "annex/book.h"

/* Build book b (made by book_init) and write it to `path`: each sheet is
 * built in the order of annex_steps[] and handed to libxlsxwriter; a data
 * sheet is then forgotten (book_drop_cells, and the arena freed) before the
 * next one, so that the book never holds more than one of them (at 1000
 * times the 2023 data, 85 MB less at the peak). A table is written before
 * its cells: its calculated columns fill every cell with their formula,
 * which the book's cells then replace with their cached results. Then the archive is read
 * back (annex/verify.h): libxlsxwriter does not check its writes to its
 * temporary files.
 *
 * Returns 0, or -1 with err set:
 *   PR_DIAG_IO        memory, a file that cannot be created, written or
 *                     read back, an archive found corrupt;
 *   PR_DIAG_DATA      a sheet with more rows than Excel allows;
 *   PR_DIAG_INTERNAL  any other error libxlsxwriter reports. */
int annex_xlsx_write(annex_book *b, const char *path, const annex_props *props,
                     annex_error *err);

#endif
