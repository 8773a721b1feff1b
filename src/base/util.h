/* util.h — small shared helpers: checked allocation, an arena that owns the
 * model's memory, and a growable string buffer.
 *
 * Allocation failure is fatal: pr_oom() runs the registered cleanup hooks
 * (which remove temporary output files) and exits with status 3. Only the
 * main thread allocates through these functions (see pr_oom). */
#ifndef PR_UTIL_H
#define PR_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#if defined(__GNUC__)
#define PR_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define PR_NORETURN __attribute__((noreturn))
#else
#define PR_PRINTF(a, b)
#define PR_NORETURN
#endif

/* Exit status of the program (see README). */
enum { PR_EXIT_OK = 0, PR_EXIT_DATA = 1, PR_EXIT_USAGE = 2, PR_EXIT_IO = 3, PR_EXIT_INTERNAL = 4 };

void *pr_malloc(size_t n);
void *pr_calloc(size_t n, size_t size);
void *pr_realloc(void *p, size_t n);
char *pr_strdup(const char *s);
char *pr_strndup(const char *s, size_t n);
char *pr_asprintf(const char *fmt, ...) PR_PRINTF(1, 2);
char *pr_vasprintf(const char *fmt, va_list ap);

/* Grow *items (of element size `size`) so that it holds at least `need`. */
void pr_grow(void **items, size_t *cap, size_t need, size_t size);
#define PR_PUSH(arr, n, cap, val)                                                 \
    do {                                                                          \
        if ((n) + 1 > (cap))                                                      \
            pr_grow((void **)&(arr), &(cap), (n) + 1, sizeof *(arr));             \
        (arr)[(n)++] = (val);                                                     \
    } while (0)

/* Called on allocation failure: runs cleanup hooks, prints, exits 3.
 * Only the main thread may call it (and so use pr_malloc and the helpers
 * built on it): a helper thread allocates with malloc and reports failure
 * to the main thread, which decides. pr_oom on another thread is a bug: it
 * removes the temporary files and ends the program at once with exit
 * status 4 (internal error), never through exit(). */
PR_NORETURN void pr_oom(void);
/* 1 on the thread that runs main() (and in a process forked from it). */
int pr_on_main_thread(void);
/* Register a function run by pr_oom() and at fatal exits (max 8). The
 * functions must be async-signal-safe (they may run from a signal handler). */
void pr_at_fatal(void (*fn)(void));
/* Run the registered fatal hooks (most recent first), once. */
void pr_fatal_cleanup(void);
/* In a forked helper process: fatal errors end this process at once
 * (_exit 3) without running the parent's hooks or exit handlers, which
 * would remove the parent's temporary files. */
void pr_fatal_detach(void);

/* ---- arena: many small allocations freed at once ---------------------- */
typedef struct pr_arena_block pr_arena_block;
typedef struct pr_arena {
    pr_arena_block *head;
} pr_arena;

void *pr_arena_alloc(pr_arena *a, size_t n);   /* zeroed, 16-byte aligned */
char *pr_arena_strdup(pr_arena *a, const char *s);
char *pr_arena_strndup(pr_arena *a, const char *s, size_t n);
void pr_arena_free(pr_arena *a);                /* accepts an empty arena */

/* ---- strbuf: growable NUL-terminated byte buffer ------------------------ */
typedef struct pr_strbuf {
    char *data;   /* always NUL-terminated once anything was added */
    size_t len, cap;
} pr_strbuf;

/* Room for need bytes (the terminator included). */
void pr_sb_reserve(pr_strbuf *sb, size_t need);

/* Inline: the hot paths of the layout and the PDF writer add a few bytes
 * at a time. */
static inline void pr_sb_add(pr_strbuf *sb, const char *s, size_t n)
{
    if (sb->len + n + 1 > sb->cap)
        pr_sb_reserve(sb, sb->len + n + 1);
    if (n)
        memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

static inline void pr_sb_puts(pr_strbuf *sb, const char *s) { pr_sb_add(sb, s, strlen(s)); }

static inline void pr_sb_putc(pr_strbuf *sb, char c)
{
    if (sb->len + 2 > sb->cap)
        pr_sb_reserve(sb, sb->len + 2);
    sb->data[sb->len++] = c;
    sb->data[sb->len] = '\0';
}
void pr_sb_printf(pr_strbuf *sb, const char *fmt, ...) PR_PRINTF(2, 3);
char *pr_sb_steal(pr_strbuf *sb);   /* returns data (never NULL), resets sb */
void pr_sb_free(pr_strbuf *sb);

/* ---- hashing -------------------------------------------------------------- */
/* FNV-1a (64 bits) of data[0..n), continuing from h (start with
 * PR_FNV1A_INIT): for hash tables and file identifiers, not for security. */
#define PR_FNV1A_INIT 0xcbf29ce484222325ULL
unsigned long long pr_fnv1a(unsigned long long h, const void *data, size_t n);

/* ---- files -------------------------------------------------------------- */
/* Read a whole file. Returns 0 and sets *data (NUL-terminated, caller frees)
 * and *len; on failure returns errno and leaves *data NULL. `max` bounds the
 * size (0: no bound); a larger file gives EFBIG. */
int pr_read_file(const char *path, size_t max, char **data, size_t *len);

/* A whole file mapped read-only into memory (or read, when it cannot be
 * mapped): for large files of which little is used, such as fonts. Same
 * errors as pr_read_file; the data is not NUL-terminated. */
typedef struct pr_mapped {
    unsigned char *data;
    size_t len;
    int mapped;
} pr_mapped;
int pr_map_file(const char *path, size_t max, pr_mapped *m);
void pr_unmap_file(pr_mapped *m);   /* accepts a zeroed pr_mapped */

/* v with a plain space between groups of three digits ("2 000 000"), for
 * messages; returns buf. */
const char *pr_fmt_thousands(char buf[32], long v);

/* French text for an errno value (never English for the common ones). */
const char *pr_strerror(int err);

/* ---- UTF-8 -------------------------------------------------------------- */
/* Decode one code point at s (n bytes available). Returns its length (1..4)
 * and stores it in *cp, or returns 0 for an invalid sequence. */
int pr_utf8_decode_multi(const char *s, size_t n, unsigned *cp);   /* any byte */
static inline int pr_utf8_decode(const char *s, size_t n, unsigned *cp)
{
    if (n && (unsigned char)s[0] < 0x80) {
        *cp = (unsigned char)s[0];
        return 1;
    }
    return pr_utf8_decode_multi(s, n, cp);
}
/* Encode cp into out (at least 4 bytes); returns the length. */
int pr_utf8_encode(unsigned cp, char *out);
/* The lower-case counterpart of a code point as spreadsheets' LOWER gives
 * it for Latin (ASCII, Latin-1, Latin Extended-A), Greek and Cyrillic
 * capitals; cp itself otherwise (İ U+0130 included, as LibreOffice). */
unsigned pr_cp_lower(unsigned cp);
/* s with every code point through pr_cp_lower (invalid bytes kept).
 * Caller frees. */
char *pr_utf8_lower(const char *s);
/* Offset of the first invalid byte, or (size_t)-1 if s is valid UTF-8. */
size_t pr_utf8_invalid_at(const char *s, size_t n);
/* Length of a UTF-8 byte order mark at the start of s: 3, or 0. Every text
 * input (data, templates, fonts.conf) skips it. */
size_t pr_utf8_bom(const char *s, size_t n);
/* In valid UTF-8, the offset of the first character no text of the report
 * may hold, or (size_t)-1: the C0 controls but tab, line feed and carriage
 * return (NUL included), DEL, the C1 controls (U+0080 to U+009F) and the
 * noncharacters U+FFFE and U+FFFF. That is every character XML 1.0 cannot
 * carry (the annex is XML), plus the invisible controls that XML allows
 * but no reader shows. *cp gets the character. */
size_t pr_text_forbidden_at(const char *s, size_t n, unsigned *cp);
/* A French description of such a character, for messages:
 * "caractère de contrôle U+001B", "non-caractère U+FFFF". Returns buf. */
const char *pr_char_describe(unsigned cp, char buf[48]);

#endif
