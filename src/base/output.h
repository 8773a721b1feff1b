/* output.h — atomic output files. A writer writes to a temporary file in the
 * target folder; only when every output of the run succeeded are they all
 * renamed over the final names. A failed run (error, signal-free exit,
 * allocation failure) removes its temporary files and never touches the
 * previous outputs. */
#ifndef PR_OUTPUT_H
#define PR_OUTPUT_H

#include "base/diag.h"

typedef struct pr_output {
    char *final_path;   /* where the file goes */
    char *tmp_path;     /* where it is written first */
    int committed;
} pr_output;

/* Create the folder of `final_path` if needed (like mkdir -p) and reserve a
 * temporary file beside it. Returns 0, or -1 after adding an I/O error
 * (French, with strerror). The temporary file is removed at exit unless committed. */
int pr_output_begin(pr_output *o, const char *final_path, pr_diags *d);
/* fsync the temporary files, then rename each over its final name.
 * Returns 0, or -1 after adding an I/O error (the previous files are put
 * back). */
int pr_output_commit_all(pr_output *const *outs, size_t n, pr_diags *d);
/* Remove the temporary file (if any) and free the paths. */
void pr_output_discard(pr_output *o);

#endif
