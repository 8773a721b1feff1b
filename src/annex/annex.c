/* annex.c — the annex's entry points (see annex.h): start the writer in a
 * child process, wait for it, report its result as a diagnostic.
 *
 * The annex module, file by file:
 *   annex.c                 this file: the public functions
 *   book.[ch]               the workbook as data (sheets, cells, tables), the
 *                           order the sheets are built in; shared by all
 *   sheets_events.[ch]      the sheets of events, sessions, speakers,
 *                           officials present and quotes
 *   sheets_territory.[ch]   officials, local networks, every département
 *   sheets_organisation.[ch] workstreams, actions, team, consultancies,
 *                           partners, governance, newsletters
 *   sheets_reference.[ch]   Listes (code lists), Définitions (glossary)
 *   sheets_summary.[ch]     Synthèse, Contrôles, À propos; document properties
 *   sheets_evolution.[ch]   Évolution: the key figures over the years compared
 *   columns.[ch]            the record sheets' columns described with the
 *                           model's field paths (held to the model's schema
 *                           by a test)
 *   formulas.[ch]           the formulas recomputing the key figures
 *   layout.[ch]             column widths and row heights
 *   xlsx.[ch]               writing with libxlsxwriter
 *   xlsx_fixes.[ch]         libxlsxwriter workarounds: the chart's cached
 *                           values, list validations without a leak (with
 *                           xlsx.c, the only files that include xlsxwriter.h)
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
#include "data/value.h"

/* What writing the annex needs: the book is built where it is written (in
 * the child), so the parent never holds it. */
typedef struct annex_args {
    const pr_model *m;
    const pr_figures *f;
    const pr_checks *c;
    const pr_annex_opts *o;
    const char *path;
    int in_child;         /* set by the child before it calls build_and_write */
} annex_args;

/* Build the book and write it (an annex_child_fn). */
static int build_and_write(void *arg, annex_error *err)
{
    const annex_args *a = arg;
    annex_book b;
    book_init(&b, a->m, a->f, a->c, a->o);   /* built while written */
    if (a->in_child && a->o && a->o->release)
        a->o->release(a->o->release_arg);
    annex_props props;
    annex_props_make(&b, &props);
    int rc = annex_xlsx_write(&b, a->path, &props, err);
    annex_props_free(&props);
    book_free(&b);
    return rc;
}

struct pr_annex_job {
    const pr_model *m;    /* to find the data behind a cut text */
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
    annex_args args = {m, f, c, o, path, 1};
    /* the child first: it has nothing of the job to free (or leak) */
    annex_child child = {-1, -1};
    if (!(o && o->in_process) && annex_child_start(&child, build_and_write, &args)) {
        /* no pipe or no fork (too many open files, too many processes):
         * not written here instead, where libxlsxwriter's English messages
         * and crashes would reach the user */
        pr_io_error(d, pos, "impossible d'écrire l'annexe « %s » : impossible de lancer le "
                    "processus qui l'écrit (%s)", path, pr_strerror(errno));
        return NULL;
    }
    args.in_child = 0;
    pr_annex_job *job = pr_calloc(1, sizeof *job);
    job->m = m;
    job->path = pr_strdup(path);
    job->child_ms = o ? o->child_ms : NULL;
    job->child = child;
    if (job->child.pid <= 0)   /* in this process: asked for (tests) */
        job->rc = build_and_write(&args, &job->err);
    return job;
}

/* Where a text of `bytes` bytes hashing to `hash` is in the data tree v
 * (its data path in *path): 1 if found. */
static int find_text(const pr_value *v, size_t bytes, unsigned long long hash, pr_strbuf *path,
                     pr_pos *pos)
{
    if (!v)
        return 0;
    if (v->kind == PR_V_SCALAR)
        return v->text_len == bytes && pr_fnv1a(PR_FNV1A_INIT, v->text, bytes) == hash &&
               (*pos = v->pos, 1);
    size_t old = path->len;
    for (size_t i = 0; i < v->n; i++) {
        if (v->kind == PR_V_MAP)
            pr_sb_printf(path, "%s%s", old ? "." : "", v->keys[i]);
        else
            pr_sb_printf(path, "[%zu]", i);
        if (find_text(v->items[i], bytes, hash, path, pos))
            return 1;
        path->len = old;
        if (path->data)
            path->data[old] = 0;
    }
    return 0;
}

/* A warning for each text cut to fit a cell, at its place in the data when
 * it is one of the data's texts as written. */
static void warn_cuts(const pr_annex_job *job, pr_diags *d)
{
    for (size_t i = 0; i < job->err.n_cuts; i++) {
        const annex_cut *k = &job->err.cuts[i];
        pr_strbuf path = {0};
        pr_pos pos = {job->m ? job->m->source_file : NULL, 0, 0};
        if (job->m && job->m->doc)
            find_text(job->m->doc, k->bytes, k->hash, &path, &pos);
        char a[32], b[32];
        pr_warning(d, pos, path.len ? path.data : NULL,
                   "texte de %s caractères coupé à %s dans l'annexe (feuille « %s », cellule %s : "
                   "une cellule Excel en tient 32 767 octets au plus)",
                   pr_fmt_thousands(a, (long)k->chars), pr_fmt_thousands(b, (long)k->kept),
                   k->sheet, k->cell);
        pr_sb_free(&path);
    }
    if (job->err.total_cuts > job->err.n_cuts) {
        pr_pos pos = {job->path, 0, 0};
        pr_warning(d, pos, NULL, "et %zu autres textes coupés dans l'annexe",
                   job->err.total_cuts - job->err.n_cuts);
    }
}

int pr_annex_finish(pr_annex_job *job, pr_diags *d)
{
    int rc = job->child.pid > 0 ? annex_child_wait(&job->child, &job->err, job->child_ms)
                                : job->rc;
    warn_cuts(job, d);
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
