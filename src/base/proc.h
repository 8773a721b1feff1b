/* proc.h — the process's life: an interruption (SIGINT, SIGTERM, SIGHUP)
 * removes the temporary files and stops the helper child before the
 * program dies of it; a helper child dies with its parent and never
 * outlives it.
 *
 * The work is done by the fatal hooks (util.h: pr_at_fatal), which the
 * output files (output.h) and the annex child register; the handler runs
 * them, says so on stderr, then dies of the same signal (exit status
 * 128 + signal number, as a shell expects). While outputs are renamed
 * into place, those signals are held back (pr_signals_hold), so that an
 * interruption never leaves the report of one run beside the annex of
 * another: it comes after the last rename. */
#ifndef PR_PROC_H
#define PR_PROC_H

#include <signal.h>
#include <sys/types.h>

/* Install the handlers (once, at the start of main). */
void pr_signals_install(void);

/* Hold the handled signals back until pr_signals_release(*saved). */
void pr_signals_hold(sigset_t *saved);
void pr_signals_release(const sigset_t *saved);

/* In a child just forked from a process whose pid is `parent`: the
 * handled signals get their default action (never the parent's clean-up),
 * and the child is killed when the parent dies (PR_SET_PDEATHSIG); if the
 * parent died already, between fork and now, the child ends at once
 * (_exit 3). */
void pr_child_init(pid_t parent);

#endif
