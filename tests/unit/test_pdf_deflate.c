/* test_pdf_deflate.c — the compression queue of the PDF backend: pieces
 * come back compressed at their own level, whichever thread compressed
 * them (the same bytes as zlib's compress2 on one thread); a submitted
 * buffer is taken from the caller; the rules of pdf_deflate.h stop the
 * program (abort) when broken: a result read before pr_zq_finish() or
 * twice, a piece submitted after pr_zq_finish() or beyond the capacity. */
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "pdf/pdf_deflate.h"
#include "unit.h"

/* A malloc'd buffer of n pseudo-random but compressible bytes. */
static unsigned char *sample(size_t n, unsigned seed)
{
    unsigned char *p = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)("0123456789 mlc\n"[(seed >> 16) % 15]);
    }
    return p;
}

TEST(pieces_come_back_compressed)
{
    enum { N = 40 };
    static const size_t sizes[] = {0, 1, 100, 5000, 200000};
    pr_zqueue *q = pr_zq_new(N);
    CHECK(q != NULL);
    if (!q)
        return;
    size_t ids[N];
    for (int i = 0; i < N; i++) {
        size_t len = sizes[i % 5];
        unsigned char *data = sample(len, (unsigned)i);
        ids[i] = pr_zq_submit(q, &data, len, i % 2 ? 6 : 2);
        CHECK(data == NULL);   /* the queue owns it now */
        CHECK_INT(ids[i], i);
    }
    pr_zq_finish(q);
    for (int i = 0; i < N; i++) {
        size_t len = sizes[i % 5];
        unsigned char *orig = sample(len, (unsigned)i);
        /* the bytes compress2 gives on this thread */
        uLongf want_len = compressBound((uLong)len);
        unsigned char *want = malloc(want_len);
        compress2(want, &want_len, len ? orig : (const Bytef *)"", (uLong)len, i % 2 ? 6 : 2);
        unsigned char *z = NULL;
        size_t zlen = 0;
        CHECK_INT(pr_zq_take(q, ids[i], &z, &zlen), 0);
        CHECK_INT(zlen, want_len);
        CHECK(z && zlen == want_len && !memcmp(z, want, zlen));
        free(z);
        free(want);
        free(orig);
    }
    pr_zq_free(q);
}

TEST(freed_before_the_end)
{
    /* an error path: pieces submitted, the queue freed without finishing */
    pr_zqueue *q = pr_zq_new(8);
    for (int i = 0; i < 8; i++) {
        unsigned char *data = sample(100000, (unsigned)i);
        pr_zq_submit(q, &data, 100000, 2);
    }
    pr_zq_free(q);
    pr_zq_free(NULL);
}

/* Run f in a child process; returns the signal that ended it (0 if it
 * exited). Its standard error is discarded, and it leaves no core file. */
static int dies_of(void (*f)(void))
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        if (!freopen("/dev/null", "w", stderr))
            _exit(2);
        f();
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static void take_before_finish(void)
{
    pr_zqueue *q = pr_zq_new(2);
    unsigned char *data = sample(10, 1), *z;
    size_t zlen, id = pr_zq_submit(q, &data, 10, 2);
    pr_zq_take(q, id, &z, &zlen);
}

static void take_twice(void)
{
    pr_zqueue *q = pr_zq_new(2);
    unsigned char *data = sample(10, 1), *z;
    size_t zlen, id = pr_zq_submit(q, &data, 10, 2);
    pr_zq_finish(q);
    pr_zq_take(q, id, &z, &zlen);
    pr_zq_take(q, id, &z, &zlen);
}

static void submit_after_finish(void)
{
    pr_zqueue *q = pr_zq_new(2);
    unsigned char *data = sample(10, 1);
    pr_zq_finish(q);
    pr_zq_submit(q, &data, 10, 2);
}

static void submit_beyond_capacity(void)
{
    pr_zqueue *q = pr_zq_new(1);
    for (int i = 0; i < 2; i++) {
        unsigned char *data = sample(10, 1);
        pr_zq_submit(q, &data, 10, 2);
    }
}

static void used_right(void)
{
    pr_zqueue *q = pr_zq_new(1);
    unsigned char *data = sample(10, 1), *z;
    size_t zlen, id = pr_zq_submit(q, &data, 10, 2);
    pr_zq_finish(q);
    pr_zq_take(q, id, &z, &zlen);
    free(z);
    pr_zq_free(q);
}

TEST(broken_rules_stop_the_program)
{
    CHECK_INT(dies_of(take_before_finish), SIGABRT);
    CHECK_INT(dies_of(take_twice), SIGABRT);
    CHECK_INT(dies_of(submit_after_finish), SIGABRT);
    CHECK_INT(dies_of(submit_beyond_capacity), SIGABRT);
    CHECK_INT(dies_of(used_right), 0);
}

int main(void)
{
    RUN(pieces_come_back_compressed);
    RUN(freed_before_the_end);
    RUN(broken_rules_stop_the_program);
    return UNIT_DONE();
}
