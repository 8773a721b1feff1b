/* annex.c — the annex's entry points (see annex.h): start the writer in a
 * child process, wait for it, report its result as a diagnostic.
 *
 * The annex module, file by file:
 *   annex.c                 this file: the public functions
 *   book.[ch]               the workbook as data (sheets, cells, tables), the
 *                           order the sheets are built in; shared by all
 *   sheets_events.[ch]      the sheets of events, sessions, speakers,
 *                           officials present and quotes
 *   sheets_territory.[ch]   officials, local networks, départements covered
 *   sheets_organisation.[ch] workstreams, actions, team, consultancies,
 *                           partners, governance, newsletters
 *   sheets_summary.[ch]     Synthèse, Contrôles, À propos; document properties
 *   formulas.[ch]           the formulas recomputing the key figures
 *   layout.[ch]             column widths and row heights
 *   xlsx.[ch]               writing with libxlsxwriter (the only file that
 *                           includes xlsxwriter.h)
 *   verify.[ch]             reading the written archive back
 *   child.[ch]              the child process that writes */
#include "annex/annex.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annex/book.h"
#include "annex/child.h"
#include "annex/sheets_summary.h"
#include "annex/xlsx.h"

/* What writing the annex needs: the book is built where it is written (in
 * the child), so the parent never holds it. */
typedef struct annex_args {
    const pr_model *m;
    const pr_figures *f;
    const pr_checks *c;
    const pr_annex_opts *o;
    const char *path;
} annex_args;

/* Build the book and write it (an annex_child_fn). */
static int build_and_write(void *arg, annex_error *err)
{
    const annex_args *a = arg;
    annex_book b;
    book_init(&b, a->m, a->f, a->c, a->o);   /* built while written */
    annex_props props;
    annex_props_make(&b, &props);
    int rc = annex_xlsx_write(&b, a->path, &props, err);
    annex_props_free(&props);
    book_free(&b);
    return rc;
}

struct pr_annex_job {
    char *path;
    double *child_ms;     /* where to store the child's time, or NULL */
    annex_child child;    /* child.pid > 0 while a child writes */
    int rc;               /* result when written in this process */
    annex_error err;
};

pr_annex_job *pr_annex_start(const pr_model *m, const pr_figures *f, const pr_checks *c,
                             const char *path, const pr_annex_opts *o, pr_diags *d)
{
    pr_pos pos = {path, 0, 0};
    /* libxlsxwriter only opens the file at the end (and prints its own
     * English message when it cannot): check first that it can be created */
    FILE *probe = fopen(path, "wb");
    if (!probe) {
        pr_io_error(d, pos, "impossible d'écrire l'annexe « %s » : %s", path, pr_strerror(errno));
        return NULL;
    }
    fclose(probe);
    annex_args args = {m, f, c, o, path};
    /* the child first: it has nothing of the job to free (or leak) */
    annex_child child = {-1, -1};
    if (!(o && o->in_process))
        annex_child_start(&child, build_and_write, &args);
    pr_annex_job *job = pr_calloc(1, sizeof *job);
    job->path = pr_strdup(path);
    job->child_ms = o ? o->child_ms : NULL;
    job->child = child;
    if (job->child.pid <= 0)   /* in this process: asked for, or no child */
        job->rc = build_and_write(&args, &job->err);
    return job;
}

int pr_annex_finish(pr_annex_job *job, pr_diags *d)
{
    int rc = job->child.pid > 0 ? annex_child_wait(&job->child, &job->err, job->child_ms)
                                : job->rc;
    if (rc) {
        pr_pos pos = {job->path, 0, 0};
        pr_diag_add(d, PR_SEV_ERROR, job->err.cls, pos, NULL,
                    "impossible d'écrire l'annexe « %s » : %s", job->path, job->err.why);
    }
    free(job->path);
    free(job);
    return rc ? -1 : 0;
}

void pr_annex_abort(pr_annex_job *job)
{
    if (!job)
        return;
    annex_child_kill(&job->child);
    free(job->path);
    free(job);
}

int pr_annex_write(const pr_model *m, const pr_figures *f, const pr_checks *c,
                   const char *path, const pr_annex_opts *o, pr_diags *d)
{
    pr_annex_job *job = pr_annex_start(m, f, c, path, o, d);
    return job ? pr_annex_finish(job, d) : -1;
}

char *pr_annex_formula(const pr_model *m, const pr_figures *f, pr_figure_id key)
{
    annex_book b;
    book_init(&b, m, f, NULL, NULL);
    book_build(&b);
    char *out = (size_t)key < f->n ? pr_strdup(b.formulas[key] + 1) : NULL;
    book_free(&b);
    return out;
}
