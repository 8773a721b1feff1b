/* child.c — the annex writer's child process (see child.h). */
#include "annex/child.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/proc.h"

/* The child writing the annex, if any (killed by a fatal cleanup). */
static volatile pid_t running_child;

/* Fatal-cleanup hook: stop the child before temporary files are removed,
 * so it cannot recreate one. Async-signal-safe. */
static void kill_running_child(void)
{
    if (running_child > 0) {
        kill(running_child, SIGKILL);
        waitpid(running_child, NULL, 0);
        running_child = 0;
    }
}

/* ---- in the child --------------------------------------------------------- */
/* The message pipe's write end, and what the crash handler writes there. */
static int crash_fd = -1;
static char crash_msg[64];
static size_t crash_len;

/* SIGSEGV or SIGBUS in the child: when errno says an allocation just
 * failed, tell the parent it was memory. The handler is reset to the
 * default on entry (SA_RESETHAND): returning re-executes the faulting
 * instruction, which now ends the process as it would have. */
static void on_crash(int sig)
{
    (void)sig;
    if (errno == ENOMEM && crash_fd >= 0) {
        ssize_t w = write(crash_fd, crash_msg, crash_len);
        (void)w;
    }
}

/* Write the whole of s to fd (the child's report). */
static void write_all(int fd, const char *s)
{
    size_t len = strlen(s), done = 0;
    while (done < len) {
        ssize_t w = write(fd, s + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
}

/* The child's life: dies with its parent, quiet, reports through fd, never
 * runs exit handlers. */
static PR_NORETURN void run_child(pid_t parent, int fd, int unused_fd, annex_child_fn *fn,
                                  void *arg)
{
    /* an interruption is the parent's to handle (it kills this child);
     * if the parent dies, even of SIGKILL, this child dies too */
    pr_child_init(parent);
    /* libxlsxwriter's English messages must not reach the user: stdout and
     * stderr go to /dev/null or, if it cannot be opened, to the pipe's read
     * end, where writes fail (the descriptors stay taken, so no file opened
     * later can receive them) */
    int null = open("/dev/null", O_WRONLY);
    int sink = null >= 0 ? null : unused_fd;
    dup2(sink, STDERR_FILENO);
    dup2(sink, STDOUT_FILENO);
    if (null >= 0)
        close(null);
    close(unused_fd);
    pr_fatal_detach();   /* never the parent's clean-up from here */

    crash_fd = fd;
    int n = snprintf(crash_msg, sizeof crash_msg, "%d mémoire insuffisante (libxlsxwriter arrêté)",
                     (int)PR_DIAG_IO);
    crash_len = n > 0 ? (size_t)n : 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    annex_error err = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = fn(arg, &err);
    /* first the texts cut to fit a cell, one line each, then the result */
    for (size_t i = 0; i < err.n_cuts; i++) {
        const annex_cut *k = &err.cuts[i];
        char line[160];
        snprintf(line, sizeof line, "W\t%s\t%s\t%zu\t%llx\t%zu\t%zu\n", k->sheet, k->cell, k->bytes,
                 k->hash, k->chars, k->kept);
        write_all(fd, line);
    }
    if (err.total_cuts) {
        char line[40];
        snprintf(line, sizeof line, "T\t%zu\n", err.total_cuts);
        write_all(fd, line);
    }
    char msg[sizeof err.why + 16];
    if (!rc) {   /* success: the message is the time worked */
        clock_gettime(CLOCK_MONOTONIC, &t1);
        snprintf(msg, sizeof msg, "ok %.3f",
                 (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    } else {
        snprintf(msg, sizeof msg, "%d %s", (int)err.cls, err.why);
    }
    write_all(fd, msg);
    close(fd);
    _exit(rc ? 1 : 0);
}

/* ---- in the parent -------------------------------------------------------- */
int annex_child_start(annex_child *c, annex_child_fn *fn, void *arg)
{
    static int hooked;
    int fds[2];
    c->pid = -1;
    c->fd = -1;
    if (pipe(fds) != 0)
        return -1;
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(fds[0]);
        close(fds[1]);
        errno = err;
        return -1;
    }
    if (pid == 0)
        run_child(parent, fds[1], fds[0], fn, arg);
    close(fds[1]);
    if (!hooked) {
        pr_at_fatal(kill_running_child);
        /* and at exit() too: libhyphen exits when an allocation fails
         * (atexit runs this before the removal of the temporary files,
         * registered earlier) */
        atexit(kill_running_child);
        hooked = 1;
    }
    running_child = pid;
    c->pid = pid;
    c->fd = fds[0];
    return 0;
}

/* The lines "W\tSHEET\tCELL\tBYTES\tHASH\tCHARS\tKEPT" and "T\tTOTAL" at
 * the start of the child's report, into err; returns where the result
 * starts. */
static const char *read_cuts(const char *msg, annex_error *err)
{
    while ((msg[0] == 'W' || msg[0] == 'T') && msg[1] == '\t') {
        const char *eol = strchr(msg, '\n');
        if (!eol)
            break;
        if (msg[0] == 'T') {
            err->total_cuts = (size_t)strtoull(msg + 2, NULL, 10);
        } else if (err->n_cuts < ANNEX_MAX_CUTS) {
            annex_cut k;
            memset(&k, 0, sizeof k);
            const char *f = msg + 2;
            const char *tab = memchr(f, '\t', (size_t)(eol - f));
            if (tab) {
                snprintf(k.sheet, sizeof k.sheet, "%.*s", (int)(tab - f), f);
                f = tab + 1;
                tab = memchr(f, '\t', (size_t)(eol - f));
            }
            if (tab) {
                snprintf(k.cell, sizeof k.cell, "%.*s", (int)(tab - f), f);
                char *end;
                k.bytes = (size_t)strtoull(tab + 1, &end, 10);
                k.hash = strtoull(end, &end, 16);
                k.chars = (size_t)strtoull(end, &end, 10);
                k.kept = (size_t)strtoull(end, &end, 10);
                err->cuts[err->n_cuts++] = k;
            }
        }
        msg = eol + 1;
    }
    return msg;
}

int annex_child_wait(annex_child *c, annex_error *err, double *ms)
{
    char buf[sizeof err->why + 16 + ANNEX_MAX_CUTS * 160 + 64];
    size_t got = 0;
    for (;;) {
        if (got + 1 >= sizeof buf)
            break;
        ssize_t r = read(c->fd, buf + got, sizeof buf - 1 - got);
        if (r > 0)
            got += (size_t)r;
        else if (r < 0 && errno == EINTR)
            continue;
        else
            break;
    }
    buf[got] = 0;
    close(c->fd);
    c->fd = -1;
    const char *msg = read_cuts(buf, err);
    got = strlen(msg);
    int status = 0;
    pid_t pid = c->pid;
    c->pid = -1;
    running_child = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            annex_fail(err, PR_DIAG_INTERNAL, "processus d'écriture perdu");
            return -1;
        }
    }
    /* the child's report: "ok MS" or "CLASS REASON" */
    int reported = got > 2 && msg[0] >= '0' && msg[0] < '0' + PR_DIAG_NCLASSES && msg[1] == ' ';
    pr_diag_class cls = reported ? (pr_diag_class)(msg[0] - '0') : PR_DIAG_INTERNAL;
    const char *why = reported ? msg + 2 : "";
    if (WIFEXITED(status)) {
        int code = WEXITSTATUS(status);
        if (code == 0) {
            if (ms && !strncmp(msg, "ok ", 3))
                *ms = strtod(msg + 3, NULL);
            return 0;
        }
        if (code == 1 && reported)
            annex_fail(err, cls, "%s", why);
        else if (code == PR_EXIT_IO && !got)   /* pr_oom */
            annex_fail(err, PR_DIAG_IO, "mémoire insuffisante");
        else
            annex_fail(err, PR_DIAG_INTERNAL, "l'écriture a échoué (code %d)", code);
        return -1;
    }
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (reported)   /* the crash handler: memory */
        annex_fail(err, cls, "%s", why);
    else if (sig == SIGKILL)
        annex_fail(err, PR_DIAG_IO, "l'écriture a été arrêtée par le système (signal %d ; "
                                    "mémoire insuffisante ?)", sig);
    else
        annex_fail(err, PR_DIAG_INTERNAL, "l'écriture s'est arrêtée sur le signal %d (erreur "
                                          "interne)", sig);
    return -1;
}

void annex_child_kill(annex_child *c)
{
    if (c->pid <= 0)
        return;
    kill(c->pid, SIGKILL);
    while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR) {
    }
    close(c->fd);
    c->pid = -1;
    c->fd = -1;
    running_child = 0;
}
