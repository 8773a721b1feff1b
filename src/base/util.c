/* util.c — allocation, arena, string buffer, file and UTF-8 helpers. */
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

static void (*fatal_hooks[8])(void);
static int n_fatal_hooks;

void pr_at_fatal(void (*fn)(void))
{
    if (n_fatal_hooks < 8)
        fatal_hooks[n_fatal_hooks++] = fn;
}

static int fatal_detached;

void pr_fatal_detach(void)
{
    fatal_detached = 1;
    n_fatal_hooks = 0;
}

void pr_fatal_cleanup(void)
{
    int n = n_fatal_hooks;
    n_fatal_hooks = 0;
    for (int i = n - 1; i >= 0; i--)
        fatal_hooks[i]();
}

/* The thread that runs main(): the only one allowed to end the program
 * from pr_oom (noted before main starts, where the compiler allows). */
#if defined(__GNUC__)
static pthread_t main_thread;
static int main_thread_known;
__attribute__((constructor)) static void note_main_thread(void)
{
    main_thread = pthread_self();
    main_thread_known = 1;
}
#endif

int pr_on_main_thread(void)
{
#if defined(__GNUC__)
    return !main_thread_known || pthread_equal(pthread_self(), main_thread);
#else
    return 1;
#endif
}

void pr_oom(void)
{
    if (fatal_detached)
        _exit(PR_EXIT_IO);
    if (!pr_on_main_thread()) {
        /* a helper thread must use malloc and report a failure to the main
         * thread, which decides: reaching this is a bug (exit() here would
         * run the exit handlers under the main thread's feet) */
        pr_fatal_cleanup();
        static const char msg[] = "planif-rapport : erreur interne : allocation sur un fil "
                                  "auxiliaire (un bogue, à signaler)\n";
        if (write(2, msg, sizeof msg - 1) < 0) { /* nothing more to do */ }
        _exit(PR_EXIT_INTERNAL);
    }
    pr_fatal_cleanup();
    fputs("planif-rapport : erreur : mémoire insuffisante\n", stderr);
    exit(PR_EXIT_IO);
}

void *pr_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        pr_oom();
    return p;
}

void *pr_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        pr_oom();
    return p;
}

void *pr_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        pr_oom();
    return q;
}

char *pr_strndup(const char *s, size_t n)
{
    char *d = pr_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *pr_strdup(const char *s)
{
    return s ? pr_strndup(s, strlen(s)) : NULL;
}

char *pr_vasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *s = pr_malloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *pr_asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = pr_vasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void pr_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 4;
    while (c < need) {
        if (c > SIZE_MAX / 2 / size)
            pr_oom();
        c *= 2;
    }
    *items = pr_realloc(*items, c * size);
    *cap = c;
}

/* ---- arena -------------------------------------------------------------- */
struct pr_arena_block {
    pr_arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

void *pr_arena_alloc(pr_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!a->head || a->head->size - a->head->used < n) {
        size_t size = n > 16384 ? n : 16384;
        pr_arena_block *b = pr_malloc(sizeof *b + size);
        b->next = a->head;
        b->used = 0;
        b->size = size;
        a->head = b;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += n;
    memset(p, 0, n);
    return p;
}

char *pr_arena_strndup(pr_arena *a, const char *s, size_t n)
{
    char *d = pr_arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *pr_arena_strdup(pr_arena *a, const char *s)
{
    return s ? pr_arena_strndup(a, s, strlen(s)) : NULL;
}

void pr_arena_free(pr_arena *a)
{
    pr_arena_block *b = a->head;
    while (b) {
        pr_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

/* ---- strbuf ------------------------------------------------------------- */
void pr_sb_reserve(pr_strbuf *sb, size_t need)
{
    if (need <= sb->cap)
        return;
    /* from 64 bytes: most buffers hold a short text, built a few bytes at
     * a time (a start at 4 bytes cost four reallocations each) */
    size_t c = sb->cap ? sb->cap : 64;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            pr_oom();
        c *= 2;
    }
    sb->data = pr_realloc(sb->data, c);
    sb->cap = c;
}

void pr_sb_printf(pr_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = pr_vasprintf(fmt, ap);
    va_end(ap);
    pr_sb_puts(sb, s);
    free(s);
}

char *pr_sb_steal(pr_strbuf *sb)
{
    char *d = sb->data ? sb->data : pr_strdup("");
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return d;
}

void pr_sb_free(pr_strbuf *sb)
{
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

/* ---- files -------------------------------------------------------------- */
unsigned long long pr_fnv1a(unsigned long long h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

int pr_read_file(const char *path, size_t max, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    /* a regular file is read straight into a buffer of its size; a pipe
     * (or a file that grows meanwhile) in chunks */
    struct stat st;
    size_t cap = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        cap = (size_t)st.st_size + 1;
    if (max && cap > max + 1)
        cap = max + 1;
    if (cap < 4096)
        cap = 4096;
    char *buf = pr_malloc(cap);
    size_t used = 0, n;
    int err = 0;
    for (;;) {
        if (used + 1 >= cap) {
            cap *= 2;
            buf = pr_realloc(buf, cap);
        }
        n = fread(buf + used, 1, cap - 1 - used, f);
        if (n == 0)
            break;
        used += n;
        if (max && used > max) {
            err = EFBIG;
            break;
        }
    }
    if (!err && ferror(f))
        err = errno ? errno : EIO;
    fclose(f);
    if (err) {
        free(buf);
        return err;
    }
    buf[used] = '\0';
    *len = used;
    *data = buf;
    return 0;
}

int pr_map_file(const char *path, size_t max, pr_mapped *m)
{
    memset(m, 0, sizeof *m);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
            if (max && (uintmax_t)st.st_size > max) {
                close(fd);
                return EFBIG;
            }
            void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                close(fd);
                m->data = p;
                m->len = (size_t)st.st_size;
                m->mapped = 1;
                return 0;
            }
        }
        close(fd);
    }
    /* not mappable (a pipe, an empty file, no memory map): read it */
    char *data;
    int err = pr_read_file(path, max, &data, &m->len);
    m->data = (unsigned char *)data;
    return err;
}

void pr_unmap_file(pr_mapped *m)
{
    if (m->mapped)
        munmap(m->data, m->len);
    else
        free(m->data);
    memset(m, 0, sizeof *m);
}

const char *pr_fmt_thousands(char buf[32], long v)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%ld", v), o = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0 && digits[i - 1] != '-')
            buf[o++] = ' ';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

const char *pr_strerror(int err)
{
    switch (err) {
    case ENOENT: return "fichier ou dossier introuvable";
    case EACCES: return "permission refusée";
    case EPERM: return "opération non permise";
    case EISDIR: return "c'est un dossier, pas un fichier";
    case ENOTDIR: return "un élément du chemin n'est pas un dossier";
    case ENAMETOOLONG: return "nom de fichier trop long";
    case ELOOP: return "trop de liens symboliques";
    case EMFILE:
    case ENFILE: return "trop de fichiers ouverts";
    case EIO: return "erreur d'entrée-sortie";
    case ENOMEM: return "mémoire insuffisante";
    case ENXIO:
    case ENODEV: return "périphérique introuvable";
    case ENOSPC: return "plus de place sur le disque";
    case EDQUOT: return "quota de disque dépassé";
    case EFBIG: return "fichier trop volumineux";
    case EROFS: return "système de fichiers en lecture seule";
    case EEXIST: return "le fichier existe déjà";
    case EXDEV: return "déplacement impossible entre deux systèmes de fichiers";
    case EBUSY:
    case ETXTBSY: return "fichier ou périphérique occupé";
    case EINVAL: return "argument invalide";
    case EBADF: return "descripteur de fichier fermé ou invalide";
    case EPIPE: return "tube fermé par le lecteur";
    case EAGAIN: return "ressource temporairement indisponible";
    case EINTR: return "interrompu par un signal";
    case ESPIPE: return "positionnement impossible (tube ou terminal)";
    case EOVERFLOW: return "valeur trop grande pour le type de données";
    case ETIMEDOUT: return "délai dépassé";
    case ENOLCK: return "plus de verrou disponible";
    case EOPNOTSUPP: return "opération non prise en charge par le système de fichiers";
    case EMLINK: return "trop de liens";
    case ENOTEMPTY: return "dossier non vide";
    default: {
        static char buf[64];
        snprintf(buf, sizeof buf, "erreur système n° %d", err);
        return buf;
    }
    }
}

/* ---- UTF-8 -------------------------------------------------------------- */
int pr_utf8_decode_multi(const char *s, size_t n, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    int len;
    unsigned c, min;
    if ((u[0] & 0xE0) == 0xC0) { len = 2; c = u[0] & 0x1F; min = 0x80; }
    else if ((u[0] & 0xF0) == 0xE0) { len = 3; c = u[0] & 0x0F; min = 0x800; }
    else if ((u[0] & 0xF8) == 0xF0) { len = 4; c = u[0] & 0x07; min = 0x10000; }
    else return 0;
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

int pr_utf8_encode(unsigned cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

unsigned pr_cp_lower(unsigned cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp < 0xC0)
        return cp;
    if (cp <= 0xDE)
        return cp == 0xD7 ? cp : cp + 32;
    if (cp >= 0x100 && cp <= 0x17F) {
        if (cp == 0x130 || cp == 0x138 || cp == 0x149)
            return cp;
        if (cp == 0x178)
            return 0xFF;
        /* pairs: upper case even up to 0x137 and from 0x14A, odd between */
        if ((cp >= 0x139 && cp <= 0x148) || cp >= 0x179)
            return cp % 2 ? cp + 1 : cp;
        return cp % 2 ? cp : cp + 1;
    }
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
        return cp + 32;   /* Greek */
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;   /* Cyrillic */
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    return cp;
}

char *pr_utf8_lower(const char *s)
{
    size_t n = strlen(s), i = 0, o = 0;
    char *out = pr_malloc(n * 2 + 1);   /* a lower-case form is never 2x longer */
    while (i < n) {
        unsigned cp;
        int k = pr_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            out[o++] = s[i++];
            continue;
        }
        o += (size_t)pr_utf8_encode(pr_cp_lower(cp), out + o);
        i += (size_t)k;
    }
    out[o] = 0;
    return out;
}

size_t pr_utf8_invalid_at(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        int l = pr_utf8_decode(s + i, n - i, &cp);
        if (!l)
            return i;
        i += (size_t)l;
    }
    return (size_t)-1;
}

size_t pr_utf8_bom(const char *s, size_t n)
{
    return n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

size_t pr_text_forbidden_at(const char *s, size_t n, unsigned *cp)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                *cp = c;
                return i;
            }
            i++;
            continue;
        }
        unsigned u;
        int l = pr_utf8_decode(s + i, n - i, &u);
        if (!l) {   /* not UTF-8: the callers checked it; skip the byte */
            i++;
            continue;
        }
        if ((u >= 0x80 && u <= 0x9F) || u == 0xFFFE || u == 0xFFFF) {
            *cp = u;
            return i;
        }
        i += (size_t)l;
    }
    return (size_t)-1;
}

const char *pr_char_describe(unsigned cp, char buf[48])
{
    if (cp == 0)
        snprintf(buf, 48, "caractère nul U+0000");
    else if (cp == 0xFFFE || cp == 0xFFFF)
        snprintf(buf, 48, "non-caractère U+%04X", cp);
    else
        snprintf(buf, 48, "caractère de contrôle U+%04X", cp);
    return buf;
}
