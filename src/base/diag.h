/* diag.h — diagnostics: one record type for every error and warning of every
 * stage (data, templates, outputs), collected rather than stopping at the
 * first, printed by main.c as
 *
 *   data/2023.yaml:12:11: erreur: evenements[4].date : date impossible « 2023-02-30 »
 *      12 |     date: 2023-02-30
 *         |           ^
 *
 * An internal error (a bug) is printed as "erreur interne".
 * Messages are French. Positions are 1-based; line 0 means "whole file". */
#ifndef PR_DIAG_H
#define PR_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "base/util.h"

/* Where something came from. In a pr_pos held by the model or a tree,
 * `file` points to the pr_sources registry's copy; a pr_diag owns its own
 * copy (pr_diag_add copies it), so any string may be passed. */
typedef struct pr_pos {
    const char *file;
    int line, col;
} pr_pos;

typedef enum { PR_SEV_ERROR, PR_SEV_WARNING } pr_severity;

/* What kind of problem an error is; the exit status is computed from it
 * (pr_diags_exit_status), nowhere else. Warnings carry a class too, but
 * never change the status. */
typedef enum {
    PR_DIAG_DATA,       /* the year's data file: exit 1 */
    PR_DIAG_TEMPLATE,   /* report-templates/, fonts/fonts.conf: exit 1 */
    PR_DIAG_USAGE,      /* the command line: exit 2 */
    PR_DIAG_IO,         /* reading or writing a file, memory: exit 3 */
    PR_DIAG_INTERNAL,   /* a bug of planif-rapport or of a library: exit 4 */
    PR_DIAG_NCLASSES
} pr_diag_class;

typedef struct pr_diag {
    pr_severity sev;
    pr_diag_class cls;
    pr_pos pos;
    char *path;  /* data path such as "evenements[4].date", or NULL */
    char *msg;   /* French message, no trailing newline */
} pr_diag;

/* Errors (warnings) beyond this count are counted, not stored
 * ("… et N autres"). */
#define PR_DIAG_MAX_ERRORS 50
#define PR_DIAG_MAX_WARNINGS 200

typedef struct pr_diags {
    pr_diag *items;
    size_t n, cap;
    size_t n_errors, n_warnings;   /* including the dropped ones */
    size_t dropped;                /* errors not stored (over the cap) */
    size_t dropped_warnings;       /* warnings not stored (over the cap) */
    size_t n_class[PR_DIAG_NCLASSES]; /* errors by class, dropped included */
} pr_diags;

void pr_diags_init(pr_diags *d);
void pr_diags_free(pr_diags *d);
/* Add copies of src's messages to d (src is left as it is). */
void pr_diags_append(pr_diags *d, const pr_diags *src);
/* The same, the messages of class `from` taking class `to` (a loader that
 * reports data errors, reading a template file: template errors). */
void pr_diags_append_as(pr_diags *d, const pr_diags *src, pr_diag_class from, pr_diag_class to);
void pr_diag_add(pr_diags *d, pr_severity sev, pr_diag_class cls, pr_pos pos,
                 const char *path, const char *fmt, ...) PR_PRINTF(6, 7);
/* A problem in the data (the default for pr_error / pr_warning). */
#define pr_error(d, pos, path, ...) pr_diag_add((d), PR_SEV_ERROR, PR_DIAG_DATA, (pos), (path), __VA_ARGS__)
#define pr_warning(d, pos, path, ...) pr_diag_add((d), PR_SEV_WARNING, PR_DIAG_DATA, (pos), (path), __VA_ARGS__)
#define pr_template_error(d, pos, path, ...) pr_diag_add((d), PR_SEV_ERROR, PR_DIAG_TEMPLATE, (pos), (path), __VA_ARGS__)
#define pr_template_warning(d, pos, path, ...) pr_diag_add((d), PR_SEV_WARNING, PR_DIAG_TEMPLATE, (pos), (path), __VA_ARGS__)
#define pr_usage_error(d, ...) pr_diag_add((d), PR_SEV_ERROR, PR_DIAG_USAGE, (pr_pos){0}, NULL, __VA_ARGS__)
#define pr_io_error(d, pos, ...) pr_diag_add((d), PR_SEV_ERROR, PR_DIAG_IO, (pos), NULL, __VA_ARGS__)
#define pr_internal_error(d, ...) pr_diag_add((d), PR_SEV_ERROR, PR_DIAG_INTERNAL, (pr_pos){0}, NULL, __VA_ARGS__)
static inline int pr_diags_has_errors(const pr_diags *d) { return d->n_errors > 0; }
/* Errors of class `cls` (dropped ones included). */
static inline size_t pr_diags_count(const pr_diags *d, pr_diag_class cls) { return d->n_class[cls]; }

/* The exit status the errors call for, as README.md documents it:
 * 0 no error, 4 if any internal error, else 3 if any I/O error, else 2 if
 * any usage error, else 1 (data or template). */
int pr_diags_exit_status(const pr_diags *d);

/* Sort by file, line, column (stable), so output follows the file. */
void pr_diags_sort(pr_diags *d);

/* ---- source registry: the text of every file read, for caret lines ---- */
/* Register a file's text. The registry copies name and text; returns the
 * registry's copy of the name (use it in pr_pos.file). */
const char *pr_source_add(const char *name, const char *text, size_t len);
/* The text of line `line` of `file` (without newline), or NULL. */
const char *pr_source_line(const char *file, int line, size_t *len);
/* The whole text registered for `file` (its length in *len), or NULL. */
const char *pr_source_text(const char *file, size_t *len);
void pr_sources_free(void);
/* The position of byte `off` of `text` (the whole text of `file`): line,
 * and column in characters, both from 1. */
pr_pos pr_pos_at(const char *file, const char *text, size_t off);

/* Print all diagnostics, each with its source line and a caret; then a
 * summary line "N erreur(s), M avertissement(s)" when there are any. */
void pr_diags_print(const pr_diags *d, FILE *out);
/* The same, errors only (the summary line counts errors only). */
void pr_diags_print_errors(const pr_diags *d, FILE *out);

/* Suggest the closest candidate to `word` (Levenshtein distance at most
 * max(2, len/3)), or NULL. `candidates` is NULL-terminated. */
const char *pr_suggest(const char *word, const char *const *candidates);

#endif
