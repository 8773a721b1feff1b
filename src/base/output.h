/* output.h — atomic output files. A writer writes to a temporary file in the
 * target folder; only when every output of the run succeeded are they all
 * renamed over the final names. A failed or interrupted run removes its
 * temporary files and never touches the previous outputs.
 *
 * Runs into one folder take turns: each output folder is locked (flock on
 * the folder itself) from before the temporary files are made until the
 * outputs are in place, so the report and the annex found in a folder
 * always come from the same run. The lock is released when the process
 * ends, however it ends; temporary files that a killed run could not
 * remove (kill -9, power cut) are removed by the next run that holds the
 * lock.
 *
 * The previous files are replaced by renames only (an exchange of names
 * where the file system has it), never by hard links, so that a second
 * user can regenerate the outputs in a shared group-writable folder
 * (protected_hardlinks forbids linking another user's file). The outputs
 * take the mode the umask gives (0666 & ~umask) and, in a setgid folder,
 * the folder's group. */
#ifndef PR_OUTPUT_H
#define PR_OUTPUT_H

#include "base/diag.h"

typedef struct pr_output {
    char *final_path;   /* where the file goes */
    char *tmp_path;     /* where it is written first */
    int committed;
} pr_output;

/* The folder locks of one run. */
typedef struct pr_output_locks {
    int fds[4];
    int n;
} pr_output_locks;

/* Called once when a folder is found locked by another run, before
 * waiting for it (main.c says so to the user). */
typedef void pr_output_wait_fn(const char *dir, int seconds, void *ctx);

/* Create the folders of the `n` final paths if needed (like mkdir -p) and
 * lock each (in a fixed order, so two runs never wait for each other).
 * A folder locked by another run is waited for, `wait_seconds` at most
 * (`waiting` called first); then it is an I/O error. Once a folder is
 * locked, the temporary files left there for these names by a run that
 * was killed are removed. Returns 0, or -1 after adding an I/O error. */
int pr_output_lock(pr_output_locks *l, const char *const *final_paths, size_t n,
                   int wait_seconds, pr_output_wait_fn *waiting, void *ctx, pr_diags *d);
/* Release the locks (also done by the end of the process). */
void pr_output_unlock(pr_output_locks *l);

/* Reserve a temporary file beside `final_path` (its folder must exist:
 * pr_output_lock makes it). Returns 0, or -1 after adding an I/O error
 * (French, with strerror, naming the final path). The temporary file is
 * removed at exit, or on an interruption, unless committed. */
int pr_output_begin(pr_output *o, const char *final_path, pr_diags *d);
/* fsync the temporary files, then put each in place of its final name,
 * with the interruptions held back (proc.h). Returns 0, or -1 after adding
 * an I/O error (the previous files are put back). */
int pr_output_commit_all(pr_output *const *outs, size_t n, pr_diags *d);
/* Remove the temporary file (if any) and free the paths. */
void pr_output_discard(pr_output *o);

#endif
