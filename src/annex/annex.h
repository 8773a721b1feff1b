/* annex.h — the Excel annex reviewers check: every record of the year's data
 * on its own sheet (one record per row, one field per column), every
 * derived column and every key figure as an Excel formula over those
 * sheets, the cross-check of the figures already published, and the
 * annex's metadata as a statistics office gives them.
 *
 * Written with libxlsxwriter (annex/xlsx.c is the only file that includes
 * xlsxwriter.h; annex.c lists the module's files). The workbook holds, in
 * this order (annex/book.h names them):
 *   "À propos"        title, period, producer, contact, licence, data file
 *                     (name and SHA-256), tool version, publication and
 *                     production dates, the source of truth and how a
 *                     correction reaches the next report, the styles of
 *                     input and computed cells, revision notes, the sheets
 *                     with links
 *   "Synthèse"        one row per key figure: id, libellé, valeur (a formula
 *                     whose cached result is the value computed by
 *                     figures.c), unit, approximated and unknown counts,
 *                     definition, rows counted, source sheet, formula; the
 *                     participations per month and a native chart of them
 *   "Contrôles"       each declared figure against the computed one (looked
 *                     up by id), "plus de" and "environ" compared as such,
 *                     the status in words, where it was published and why
 *                     it differs
 *   "Évolution"       the key figures by year (pr_annex_opts.history): the
 *                     report's year by formula over Synthèse, earlier years
 *                     as constants with their source, the difference and
 *                     the rate by formula, « non comparable » where the
 *                     figure's definition changed between the two years
 *   "Définitions"     a glossary of the terms of the definitions
 *   record sheets     Événements, Sessions, Intervenants, Présences des élus,
 *                     Chantiers, Actions, Élus, Réseaux locaux, Départements
 *                     (all of them, each covered or not), Équipe,
 *                     Prestataires, Partenaires, Gouvernance, Lettres,
 *                     Citations
 *   "Listes"          the code lists the "(clé)" columns admit
 *
 * The output is byte-identical for the same inputs (the production date is
 * opts->created, never the clock). */
#ifndef PR_ANNEX_H
#define PR_ANNEX_H

#include <time.h>

#include "base/diag.h"
#include "data/figures.h"
#include "data/model.h"

typedef struct pr_annex_opts {
    const char *data_file;     /* the data file as given (NULL: m->source_file);
                                  the annex shows its name only, never its folder;
                                  "-": the standard input */
    const char *data_text;     /* its bytes, for their SHA-256 (NULL: not shown) */
    size_t data_len;
    const char *tool_version;  /* "0.1.0" (NULL: PR_VERSION) */
    time_t created;            /* production date (the document's creation
                                  date); 0: 1 January of the year after the
                                  report's, never the clock */
    const char *created_how;   /* how it was chosen, in French, for À propos
                                  ("variable SOURCE_DATE_EPOCH"; NULL: not said) */
    /* In the child only, once it has taken the data's checksum: frees what
     * the parent holds and the annex does not need (the data's text, the
     * document tree), so that the child's memory is the annex's; NULL:
     * nothing. Never called when the annex is written in this process. */
    void (*release)(void *arg);
    void *release_arg;
    int in_process;            /* tests only: run libxlsxwriter in this
                                  process rather than in a child (see below) */
    double *child_ms;          /* if set, pr_annex_finish stores there how long
                                  the child worked, in ms (PR_TIMINGS) */
    const struct pr_history *history;   /* the years compared (data/history.h),
                                  for the sheet Évolution; NULL: the report's
                                  year alone (nothing to compare) */
} pr_annex_opts;

/* Write the annex of model m (with its figures f and checks c, which may be
 * NULL) to `path`. Returns 0, or -1 after adding a French error to d,
 * "impossible d'écrire l'annexe « PATH » : RAISON", of class
 *   PR_DIAG_IO        the file cannot be created or written, memory ran out
 *                     (ours or libxlsxwriter's), the file written is found
 *                     corrupt when read back;
 *   PR_DIAG_DATA      a sheet would have more rows than Excel allows;
 *   PR_DIAG_INTERNAL  libxlsxwriter failed otherwise, or the writer crashed.
 * On error `path` may hold a partial file (the caller writes to a temporary
 * path and renames).
 * libxlsxwriter runs in a child process (annex/child.h): it may crash when
 * memory runs out and does not check its writes to temporary files, so the
 * child also reads the archive back (zip CRCs, well-formed XML, every sheet)
 * before success is reported. */
int pr_annex_write(const pr_model *m, const pr_figures *f, const pr_checks *c,
                   const char *path, const pr_annex_opts *o, pr_diags *d);

/* The same in two steps, so the caller can do other work (the PDF) while
 * the child builds and writes the workbook: pr_annex_start checks that
 * `path` can be created and starts the child; it returns NULL after adding
 * an I/O error when `path` cannot be created or no child can be made (no
 * pipe, no fork: the annex is never written in this process, where
 * libxlsxwriter's English messages would reach the user; only
 * opts->in_process, for tests, does that). pr_annex_finish waits for the
 * child and reports its result like pr_annex_write (0 or -1), with a
 * warning for each text cut to fit a cell, at its place in the data; then
 * frees the job. pr_annex_abort kills the child, waits for it and frees the
 * job (accepts NULL). A started child is also killed if the program dies
 * of a fatal error (pr_fatal_cleanup) or an interruption (base/proc.h), so
 * it cannot recreate a temporary file after it was removed; and it dies
 * with its parent (PR_SET_PDEATHSIG). */
typedef struct pr_annex_job pr_annex_job;
pr_annex_job *pr_annex_start(const pr_model *m, const pr_figures *f, const pr_checks *c,
                             const char *path, const pr_annex_opts *o, pr_diags *d);
int pr_annex_finish(pr_annex_job *job, pr_diags *d);
void pr_annex_abort(pr_annex_job *job);

/* The Excel formula (without the leading '=') that recomputes figure `key`
 * in the annex written for model m. Caller frees. Used by the tests. */
char *pr_annex_formula(const pr_model *m, const pr_figures *f, pr_figure_id key);

#endif
