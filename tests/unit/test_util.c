/* test_util.c — allocation failure (pr_oom): on the main thread, cleanup
 * hooks, a French message and exit status 3; on a helper thread (a bug:
 * helpers allocate with malloc and report to the main thread), cleanup
 * hooks, an internal error and exit status 4, without exit(). The failure
 * is pr_grow's size overflow, which calls pr_oom without allocating (so
 * the sanitizers have nothing to say). Each case runs in a child process. */
#include "base/util.h"
#include "unit.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* a fatal hook (removes temporary files in the program) */
static void hook(void)
{
    static const char m[] = "[hook]";
    if (write(2, m, sizeof m - 1) < 0) { /* ignored */ }
}

/* exit() handlers must not run when a helper thread hits pr_oom */
static void at_exit(void)
{
    static const char m[] = "[atexit]";
    if (write(2, m, sizeof m - 1) < 0) { /* ignored */ }
}

static void overflow(void)
{
    char *items = NULL;
    size_t cap = 0;
    pr_grow((void **)&items, &cap, SIZE_MAX, 1);
}

static void *helper(void *arg)
{
    (void)arg;
    overflow();
    return NULL;
}

/* Run `body` in a child whose stderr goes to a buffer; its exit status. */
static int in_child(void (*body)(void), char *err, size_t cap)
{
    int fds[2];
    if (pipe(fds))
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        pr_at_fatal(hook);
        atexit(at_exit);
        body();
        _exit(99);
    }
    close(fds[1]);
    size_t n = 0;
    ssize_t k;
    while (n + 1 < cap && (k = read(fds[0], err + n, cap - 1 - n)) > 0)
        n += (size_t)k;
    err[n] = '\0';
    close(fds[0]);
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void main_thread_body(void)
{
    CHECK(pr_on_main_thread());
    overflow();
}

static void helper_thread_body(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, helper, NULL) == 0)
        pthread_join(t, NULL);
}

TEST(oom_on_the_main_thread_exits_3)
{
    char err[512];
    CHECK_INT(in_child(main_thread_body, err, sizeof err), PR_EXIT_IO);
    CHECK_STR(err, "[hook]planif-rapport : erreur : mémoire insuffisante\n[atexit]");
}

TEST(oom_on_a_helper_thread_is_an_internal_error)
{
    char err[512];
    CHECK_INT(in_child(helper_thread_body, err, sizeof err), PR_EXIT_INTERNAL);
    CHECK_STR(err, "[hook]planif-rapport : erreur interne : allocation sur un fil auxiliaire "
                   "(un bogue, à signaler)\n");
}

static void *is_main(void *arg)
{
    *(int *)arg = pr_on_main_thread();
    return NULL;
}

TEST(main_thread_is_known)
{
    CHECK(pr_on_main_thread());
    int on_main = -1;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, is_main, &on_main) == 0);
    pthread_join(t, NULL);
    CHECK_INT(on_main, 0);
}

int main(void)
{
    RUN(main_thread_is_known);
    RUN(oom_on_the_main_thread_exits_3);
    RUN(oom_on_a_helper_thread_is_an_internal_error);
    return UNIT_DONE();
}
