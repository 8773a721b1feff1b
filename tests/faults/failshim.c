/* failshim.c — LD_PRELOAD shim for fault-injection tests (tests/faults/run):
 * makes the Nth call of one libc function fail, as a full disk, an I/O
 * error or an exhausted memory would.
 *
 * Environment:
 *   FAIL_CALL   write | fsync | rename | open | fopen | malloc
 *               ("write" covers write(), and fwrite, fputs, fputc,
 *               fprintf, vfprintf, fflush and fclose on files, never on
 *               standard output or error: glibc's stdio writes through an
 *               internal write() no preload can reach, so a failing fclose
 *               or fflush stands for the buffered data that could not be
 *               written (the stream is still closed); "open" covers open(),
 *               openat() and mkstemp(); "rename" covers rename(),
 *               renameat() and renameat2(); "malloc" covers malloc, calloc
 *               and realloc)
 *   FAIL_AT     N: only the Nth call fails; N+: the Nth and every later one
 *   FAIL_ERRNO  errno given to the failing call (default: ENOSPC for write,
 *               EIO for fsync, EACCES for open/fopen, EXDEV for rename,
 *               ENOMEM for malloc)
 *   FAIL_PATH   when set, only calls on paths containing it are counted
 *               (open, fopen, rename: either path)
 *   FAIL_LOG    when set, a file to which the shim appends one line at exit:
 *               "FAIL_CALL calls=K failed=F" (how many calls were counted),
 *               so a test can sweep N from 1 to K.
 * Built by tests/faults/run: cc -shared -fPIC -o failshim.so failshim.c -ldl
 * (with -DFAILSHIM_NO_MALLOC for sanitized programs). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

enum { F_NONE, F_WRITE, F_FSYNC, F_RENAME, F_OPEN, F_FOPEN, F_MALLOC };

static int target = -1;          /* -1: not configured yet */
static long fail_at, calls, failed;
static int fail_from;            /* "N+" */
static int fail_errno;
static const char *fail_path;
static __thread int busy;        /* no counting inside the shim itself */

/* Read the environment once (getenv does not allocate). */
static void configure(void)
{
    if (target != -1)
        return;
    const char *c = getenv("FAIL_CALL"), *at = getenv("FAIL_AT");
    target = F_NONE;
    if (!c || !at)
        return;
    static const char *names[] = {"", "write", "fsync", "rename", "open", "fopen", "malloc"};
    static const int errs[] = {0, ENOSPC, EIO, EXDEV, EACCES, EACCES, ENOMEM};
    for (int i = 1; i < 7; i++)
        if (!strcmp(c, names[i]))
            target = i;
    fail_at = strtol(at, NULL, 10);
    fail_from = strchr(at, '+') != NULL;
    const char *e = getenv("FAIL_ERRNO");
    fail_errno = e ? atoi(e) : errs[target];
    fail_path = getenv("FAIL_PATH");
}

/* Count one call of kind k on path p (or NULL); 1 when it must fail. */
static int should_fail(int k, const char *p, const char *p2)
{
    if (busy)
        return 0;
    configure();
    if (k != target)
        return 0;
    if (fail_path && !((p && strstr(p, fail_path)) || (p2 && strstr(p2, fail_path))))
        return 0;
    calls++;
    if (calls == fail_at || (fail_from && calls >= fail_at)) {
        failed++;
        return 1;
    }
    return 0;
}

/* Append the counts to FAIL_LOG at exit. */
__attribute__((destructor)) static void report(void)
{
    const char *log = getenv("FAIL_LOG");
    if (!log || target <= 0)
        return;
    busy = 1;
    char line[128];
    int n = snprintf(line, sizeof line, "%s calls=%ld failed=%ld\n", getenv("FAIL_CALL"), calls, failed);
    int (*real_open)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    ssize_t (*real_write)(int, const void *, size_t) = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    int fd = real_open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
        if (real_write(fd, line, (size_t)n) < 0) { /* nothing to do */ }
        close(fd);
    }
    busy = 0;
}

/* The next definition of `name` (libc's), looked up once. */
#define REAL(name)                                                            \
    static __typeof__(&name) real_##name;                                     \
    if (!real_##name)                                                         \
        real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write);
    if (fd > 2 && should_fail(F_WRITE, NULL, NULL)) {
        errno = fail_errno;
        return -1;
    }
    return real_write(fd, buf, n);
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
    REAL(fwrite);
    if (f != stdout && f != stderr && size && n && should_fail(F_WRITE, NULL, NULL)) {
        f->_flags |= 0x0020;   /* glibc _IO_ERR_SEEN: ferror() is now true */
        errno = fail_errno;
        return 0;
    }
    return real_fwrite(buf, size, n, f);
}

/* Mark stream f as failed (ferror() true) with the configured errno. */
static void stream_fail(FILE *f)
{
    f->_flags |= 0x0020;   /* glibc _IO_ERR_SEEN */
    errno = fail_errno;
}

static int is_file(FILE *f)
{
    return f && f != stdout && f != stderr;
}

int fputs(const char *s, FILE *f)
{
    REAL(fputs);
    if (is_file(f) && should_fail(F_WRITE, NULL, NULL)) {
        stream_fail(f);
        return EOF;
    }
    return real_fputs(s, f);
}

int fputc(int c, FILE *f)
{
    REAL(fputc);
    if (is_file(f) && should_fail(F_WRITE, NULL, NULL)) {
        stream_fail(f);
        return EOF;
    }
    return real_fputc(c, f);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    REAL(vfprintf);
    if (is_file(f) && should_fail(F_WRITE, NULL, NULL)) {
        stream_fail(f);
        return -1;
    }
    return real_vfprintf(f, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

/* The _FORTIFY_SOURCE forms Debian's libraries may call. */
int __vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap);
int __vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap)
{
    REAL(__vfprintf_chk);
    if (is_file(f) && should_fail(F_WRITE, NULL, NULL)) {
        stream_fail(f);
        return -1;
    }
    return real___vfprintf_chk(f, flag, fmt, ap);
}

int __fprintf_chk(FILE *f, int flag, const char *fmt, ...);
int __fprintf_chk(FILE *f, int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = __vfprintf_chk(f, flag, fmt, ap);
    va_end(ap);
    return r;
}

int fflush(FILE *f)
{
    REAL(fflush);
    if (is_file(f) && should_fail(F_WRITE, NULL, NULL)) {
        real_fflush(f);
        stream_fail(f);
        return EOF;
    }
    return real_fflush(f);
}

int fclose(FILE *f)
{
    REAL(fclose);
    if (is_file(f) && should_fail(F_WRITE, NULL, NULL)) {
        real_fclose(f);
        errno = fail_errno;
        return EOF;
    }
    return real_fclose(f);
}

int fsync(int fd)
{
    REAL(fsync);
    if (should_fail(F_FSYNC, NULL, NULL)) {
        errno = fail_errno;
        return -1;
    }
    return real_fsync(fd);
}

int fdatasync(int fd)
{
    REAL(fdatasync);
    if (should_fail(F_FSYNC, NULL, NULL)) {
        errno = fail_errno;
        return -1;
    }
    return real_fdatasync(fd);
}

int rename(const char *a, const char *b)
{
    REAL(rename);
    if (should_fail(F_RENAME, a, b)) {
        errno = fail_errno;
        return -1;
    }
    return real_rename(a, b);
}

int renameat(int da, const char *a, int db, const char *b)
{
    REAL(renameat);
    if (should_fail(F_RENAME, a, b)) {
        errno = fail_errno;
        return -1;
    }
    return real_renameat(da, a, db, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned int flags)
{
    REAL(renameat2);
    if (should_fail(F_RENAME, a, b)) {
        errno = fail_errno;
        return -1;
    }
    return real_renameat2(da, a, db, b, flags);
}

int open(const char *p, int flags, ...)
{
    REAL(open);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (should_fail(F_OPEN, p, NULL)) {
        errno = fail_errno;
        return -1;
    }
    return real_open(p, flags, mode);
}

int open64(const char *p, int flags, ...)
{
    REAL(open64);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (should_fail(F_OPEN, p, NULL)) {
        errno = fail_errno;
        return -1;
    }
    return real_open64(p, flags, mode);
}

int openat(int dir, const char *p, int flags, ...)
{
    REAL(openat);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (should_fail(F_OPEN, p, NULL)) {
        errno = fail_errno;
        return -1;
    }
    return real_openat(dir, p, flags, mode);
}

int mkstemp(char *tmpl)
{
    REAL(mkstemp);
    if (should_fail(F_OPEN, tmpl, NULL)) {
        errno = fail_errno;
        return -1;
    }
    return real_mkstemp(tmpl);
}

FILE *fopen(const char *p, const char *mode)
{
    REAL(fopen);
    if (should_fail(F_FOPEN, p, NULL)) {
        errno = fail_errno;
        return NULL;
    }
    return real_fopen(p, mode);
}

FILE *fopen64(const char *p, const char *mode)
{
    REAL(fopen64);
    if (should_fail(F_FOPEN, p, NULL)) {
        errno = fail_errno;
        return NULL;
    }
    return real_fopen64(p, mode);
}

/* Not built with -DFAILSHIM_NO_MALLOC (for AddressSanitizer builds, whose
 * allocator must stay the only one). */
#ifndef FAILSHIM_NO_MALLOC
void *malloc(size_t n)
{
    if (should_fail(F_MALLOC, NULL, NULL)) {
        errno = fail_errno;
        return NULL;
    }
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    if (should_fail(F_MALLOC, NULL, NULL)) {
        errno = fail_errno;
        return NULL;
    }
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    if (should_fail(F_MALLOC, NULL, NULL)) {
        errno = fail_errno;
        return NULL;
    }
    return __libc_realloc(p, n);
}
#endif
