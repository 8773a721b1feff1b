/* proc.c — interruptions and helper children (see proc.h). */
#include "base/proc.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>

#include "base/util.h"

static const int handled[] = {SIGINT, SIGTERM, SIGHUP};
#define N_HANDLED (int)(sizeof handled / sizeof *handled)

static void on_signal(int sig)
{
    int saved_errno = errno;
    /* the annex child is stopped, then the temporary files removed (the
     * hooks run most recent first; the child's was registered last) */
    pr_fatal_cleanup();
    static const char msg[] = "planif-rapport : interrompu ; fichiers temporaires supprimés, "
                              "sorties précédentes intactes\n";
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nothing more to do */
    }
    /* die of the same signal: it is blocked while this handler runs, and
     * delivered with its default action when the handler returns */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    raise(sig);
    errno = saved_errno;
}

void pr_signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < N_HANDLED; i++)
        sigaddset(&sa.sa_mask, handled[i]);
    for (int i = 0; i < N_HANDLED; i++) {
        struct sigaction old;
        /* a signal ignored by whoever started us (nohup) stays ignored */
        if (sigaction(handled[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(handled[i], &sa, NULL);
    }
}

void pr_signals_hold(sigset_t *saved)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < N_HANDLED; i++)
        sigaddset(&set, handled[i]);
    sigprocmask(SIG_BLOCK, &set, saved);
}

void pr_signals_release(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}

void pr_child_init(pid_t parent)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < N_HANDLED; i++) {
        struct sigaction old;
        if (sigaction(handled[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(handled[i], &sa, NULL);
    }
    /* the parent may hold them back (pr_signals_hold): the child must not */
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < N_HANDLED; i++)
        sigaddset(&set, handled[i]);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    /* die with the parent; the parent may have died between fork() and
     * prctl(), in which case no signal will come: check, after */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(PR_EXIT_IO);
}
