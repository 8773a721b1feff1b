/* columns.h — the annex's record sheets described with the model's field
 * paths: which records each one lists (one per row) and which field of the
 * model each of its columns shows. tests/unit/test_annex_columns.c holds
 * this description to the model's schema (data/model_schema.h): a column
 * naming a field the model does not have fails, a field of a listed record
 * that no column shows (and that the description does not leave out on
 * purpose) fails, and a column added to a sheet's enum without its entry
 * here fails (the entry is NULL). So a field added to the model reaches the
 * annex, or is left out of it knowingly.
 *
 * The sheet builders (sheets_*.c) do not read this table; it sits beside
 * their column enums, indexed by them. */
#ifndef PR_ANNEX_COLUMNS_H
#define PR_ANNEX_COLUMNS_H

#include <stddef.h>

#include "annex/book.h"

typedef struct annex_columns {
    annex_sheet_id sheet;
    /* the records listed, one per row: schema paths of lists with "[]"
       ("evenements[]"), or of a list of texts ("evenements[].elus");
       several separated by spaces */
    const char *records;
    /* per column, the field(s) it shows, separated by spaces: relative to
       the record ("titre", "auteur.nom"), or from the root when written
       with "[]" ("evenements[].id": the event a session belongs to); "."
       is the record itself (a text); "" a value the annex computes (a
       rank, a formula) */
    const char *const *fields;
    size_t n_columns;
    /* fields of the records no column shows, on purpose, space-separated */
    const char *left_out;
} annex_columns;

/* The record sheets, in display order; *n gets their number. */
const annex_columns *annex_columns_table(size_t *n);

#endif
