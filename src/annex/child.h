/* child.h — running the annex writer in a child process (fork), and
 * telling the parent how it ended.
 *
 * Why a child: libxlsxwriter may crash when an allocation fails (it uses
 * pointers its failed allocations left NULL) and prints its own English
 * messages; our own allocation failures end the process (pr_oom). In a
 * child none of this reaches the user: its end, whatever it is, becomes an
 * annex_error here. The parent meanwhile composes the PDF.
 *
 * What the parent learns, through a pipe and the exit status:
 *   - the function's own result: success (with the time it worked) or its
 *     annex_error, class and reason;
 *   - exit status 3 without a message: our allocation failed (pr_oom):
 *     PR_DIAG_IO, "mémoire insuffisante";
 *   - a SIGSEGV or SIGBUS while errno is ENOMEM: an allocation failed in
 *     libxlsxwriter, which crashed on it: PR_DIAG_IO (the child's handler
 *     says so on the pipe, then the fault recurs with the default action,
 *     so a core is still dumped); SIGKILL: the system killed it, most
 *     likely for memory: PR_DIAG_IO;
 *   - any other end (another signal, another status): PR_DIAG_INTERNAL.
 *
 * The child never runs the parent's clean-up (pr_fatal_detach, _exit). A
 * started child is also killed if the program dies of a fatal error
 * (pr_at_fatal) or calls exit() (atexit), so it cannot recreate a
 * temporary file after it was removed. */
#ifndef PR_ANNEX_CHILD_H
#define PR_ANNEX_CHILD_H

#include <sys/types.h>

#include "annex/book.h"

/* The work to do in the child: 0, or -1 with err set. */
typedef int annex_child_fn(void *arg, annex_error *err);

typedef struct annex_child {
    pid_t pid;   /* > 0 while the child runs */
    int fd;      /* the read end of its message pipe */
} annex_child;

/* Start fn(arg) in a child process. Returns 0, or -1 with errno set when
 * no child can be made (no pipe or no fork). */
int annex_child_start(annex_child *c, annex_child_fn *fn, void *arg);

/* Wait for the child: 0 when fn succeeded (*ms, if not NULL, gets the time
 * it worked), or -1 with err set as above. */
int annex_child_wait(annex_child *c, annex_error *err, double *ms);

/* Kill the child and wait for it (nothing when none runs). */
void annex_child_kill(annex_child *c);

#endif
