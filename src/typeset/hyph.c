/* hyph.c — French hyphenation over libhyphen: loads the pattern file, finds
 * the break points of one word and applies the French rules (2 letters
 * before, 3 after, no break in capitalised or all-caps words, words with
 * digits, URLs, e-mail addresses; explicit hyphens only). */
#include "typeset/hyph.h"

#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HYPH_LEFT_MIN 2
#define HYPH_RIGHT_MIN 3
#define HYPH_MAX_WORD 200   /* longer words are not hyphenated */

/* libhyphen 2.8.8 loses 16 small allocations while loading hyph_fr.dic
 * (inside hnj_hyphen_load, nothing a caller can free). Tell LeakSanitizer
 * about it so sanitized test runs stay meaningful for our own code. */
#if defined(__SANITIZE_ADDRESS__)
#define PR_HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PR_HAVE_ASAN 1
#endif
#endif
#ifdef PR_HAVE_ASAN
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libhyphen.so\n"; }
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }
#endif

/* libhyphen allocates through hnj_malloc and hnj_realloc, which print an
 * English message and exit(1) when memory runs out. Defined here as well,
 * they come first for the library (ELF symbol interposition: the program's
 * definitions are found before the library's own), so a failure ends like
 * any other: French message, temporary files removed, status 3. */
void *hnj_malloc(int size);
void *hnj_realloc(void *p, int size);
void hnj_free(void *p);

void *hnj_malloc(int size)
{
    return pr_malloc(size > 0 ? (size_t)size : 1);
}

void *hnj_realloc(void *p, int size)
{
    return pr_realloc(p, size > 0 ? (size_t)size : 1);
}

void hnj_free(void *p)
{
    free(p);
}

/* The pattern breaks of a word already hyphenated (libhyphen's work is
 * most of the hyphenation's time, and a report repeats its words): the
 * word in lower case, then the letters after which it may break. */
typedef struct hyph_memo {
    uint64_t hash;
    char *word;         /* the word, then its breaks (one byte each) */
    uint16_t len, n_breaks;
} hyph_memo;

typedef struct hyph_cache {
    hyph_memo *slots;   /* open addressing, cap a power of two */
    size_t cap, n, bytes;
} hyph_cache;

/* Memory the words kept may take. */
#define HYPH_CACHE_BYTES (8u << 20)

struct pr_hyph {
    HyphenDict *dict;
    hyph_cache *cache;  /* behind a pointer: filled by the const lookups */
};

pr_hyph *pr_hyph_load(const char *path, pr_diags *d)
{
    if (!path)
        path = PR_HYPH_FR_DIC;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (d) {
            pr_pos pos = {path, 0, 0};
            pr_io_error(d, pos, "dictionnaire de césure introuvable « %s » "
                     "(paquet Debian hyphen-fr)", path);
        }
        return NULL;
    }
    char first[32] = "";
    if (!fgets(first, sizeof first, f))
        first[0] = '\0';
    fclose(f);
    HyphenDict *dict = hnj_hyphen_load(path);
    if (!dict || strncmp(first, "UTF-8", 5)) {
        if (d) {
            pr_pos pos = {path, dict ? 1 : 0, dict ? 1 : 0};
            pr_io_error(d, pos, dict ? "dictionnaire de césure « %s » : codage "
                     "UTF-8 attendu en première ligne" : "dictionnaire de césure "
                     "illisible « %s »", path);
        }
        if (dict)
            hnj_hyphen_free(dict);
        return NULL;
    }
    pr_hyph *h = pr_calloc(1, sizeof *h);
    h->dict = dict;
    h->cache = pr_calloc(1, sizeof *h->cache);
    return h;
}

void pr_hyph_free(pr_hyph *h)
{
    if (!h)
        return;
    hnj_hyphen_free(h->dict);
    for (size_t i = 0; i < h->cache->cap; i++)
        free(h->cache->slots[i].word);
    free(h->cache->slots);
    free(h->cache);
    free(h);
}

/* Letters as the rules see them: ASCII letters, Latin-1 and Latin
 * Extended-A letters (accents, œ, æ). */
static int is_letter(unsigned cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/* Letter or digit. */
static int is_alnum(unsigned cp) { return is_letter(cp) || (cp >= '0' && cp <= '9'); }

/* Upper-case letter (ASCII, Latin-1, Œ, Æ, Latin Extended-A even code
 * points are capitals). */
static int is_upper(unsigned cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return 1;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return 1;
    if (cp >= 0x100 && cp <= 0x17F)
        return (cp & 1) == 0 && cp != 0x138;
    return 0;
}

/* Lower-case form of a letter accepted by is_upper. */
static unsigned to_lower(unsigned cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if (cp >= 0x100 && cp <= 0x17F && (cp & 1) == 0)
        return cp + 1;
    return cp;
}

/* Apostrophes that mark an elision (l’, d’, qu’). */
static int is_apostrophe(unsigned cp) { return cp == '\'' || cp == 0x2019; }

/* Hyphens written in a word. */
static int is_hyphen(unsigned cp) { return cp == '-' || cp == 0x2010; }

/* 1 if the word looks like a URL or an e-mail address. */
static int is_url_or_mail(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (w[i] == '@')
            return 1;
        if (i + 3 <= len && !memcmp(w + i, "://", 3))
            return 1;
    }
    return len >= 4 && !strncmp(w, "www.", 4);
}

/* Decoded word: code points and their byte offsets (offs[n] = len). */
typedef struct cps {
    unsigned cp[HYPH_MAX_WORD + 1];
    size_t off[HYPH_MAX_WORD + 2];
    size_t n;
} cps;

/* Decode w into c; returns -1 if too long or invalid. */
static int decode(const char *w, size_t len, cps *c)
{
    c->n = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        int l = pr_utf8_decode(w + i, len - i, &cp);
        if (!l || c->n >= HYPH_MAX_WORD)
            return -1;
        c->cp[c->n] = cp;
        c->off[c->n++] = i;
        i += (size_t)l;
    }
    c->off[c->n] = len;
    return 0;
}

static uint64_t word_hash(const char *w, size_t n)
{
    return pr_fnv1a(PR_FNV1A_INIT, w, n);
}

static hyph_memo *memo_slot(hyph_cache *k, uint64_t h, const char *w, size_t n)
{
    size_t i = (size_t)h & (k->cap - 1);
    while (k->slots[i].word && !(k->slots[i].hash == h && k->slots[i].len == n &&
                                 !memcmp(k->slots[i].word, w, n)))
        i = (i + 1) & (k->cap - 1);
    return &k->slots[i];
}

static void memo_grow(hyph_cache *k)
{
    size_t old_cap = k->cap;
    hyph_memo *old = k->slots;
    k->cap = old_cap ? old_cap * 2 : 1024;
    k->slots = pr_calloc(k->cap, sizeof *k->slots);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].word)
            *memo_slot(k, old[i].hash, old[i].word, old[i].len) = old[i];
    free(old);
}

/* libhyphen's breaks of the lower-case word buf[0..bl) of nl letters: the
 * letters after which it may break (at most nl), into brk; their number. */
static size_t word_breaks(const pr_hyph *h, const char *buf, size_t bl, size_t nl,
                          unsigned char *brk)
{
    hyph_cache *k = h->cache;
    uint64_t hash = word_hash(buf, bl);
    if (k->cap) {
        const hyph_memo *m = memo_slot(k, hash, buf, bl);
        if (m->word) {
            memcpy(brk, m->word + m->len, m->n_breaks);
            return m->n_breaks;
        }
    }
    size_t nb = 0;
    char hy[HYPH_MAX_WORD * 4 + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    memset(hy, 0, sizeof hy);
    if (hnj_hyphen_hyphenate2(h->dict, buf, (int)bl, hy, NULL, &rep, &pos, &cut) == 0) {
        /* hy[i] odd: break after letter i (UTF-8 dictionaries index letters) */
        for (size_t i = HYPH_LEFT_MIN - 1; i + HYPH_RIGHT_MIN < nl; i++) {
            if (!(hy[i] & 1))
                continue;
            if (rep && rep[i])
                continue;   /* non-standard breaks are not used in French */
            brk[nb++] = (unsigned char)i;
        }
    }
    if (rep) {
        for (size_t i = 0; i < bl; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    if (k->bytes < HYPH_CACHE_BYTES) {
        if (2 * (k->n + 1) > k->cap)
            memo_grow(k);
        hyph_memo *m = memo_slot(k, hash, buf, bl);
        m->hash = hash;
        m->word = pr_malloc(bl + nb + 1);
        memcpy(m->word, buf, bl);
        memcpy(m->word + bl, brk, nb);
        m->len = (uint16_t)bl;
        m->n_breaks = (uint16_t)nb;
        k->bytes += bl + nb + 1 + 2 * sizeof *m;
        k->n++;
    }
    return nb;
}

/* Add the pattern break points of letters [a, b) of c (one plain word
 * without hyphens): offsets are appended to out (up to max), count to *n. */
static void pattern_points(const pr_hyph *h, const cps *c, size_t a, size_t b,
                           pr_hyph_point *out, size_t max, size_t *n)
{
    size_t nl = b - a;
    if (!h || nl < HYPH_LEFT_MIN + HYPH_RIGHT_MIN)
        return;
    /* the rules: letters only, not capitalised, not all caps */
    for (size_t i = a; i < b; i++)
        if (!is_letter(c->cp[i]) || is_upper(c->cp[i]))
            return;
    char buf[HYPH_MAX_WORD * 4 + 1];
    size_t bl = 0;
    for (size_t i = a; i < b; i++)
        bl += (size_t)pr_utf8_encode(to_lower(c->cp[i]), buf + bl);
    buf[bl] = '\0';
    unsigned char brk[HYPH_MAX_WORD];
    size_t nb = word_breaks(h, buf, bl, nl, brk);
    for (size_t k = 0; k < nb; k++) {
        if (*n < max) {
            out[*n].at = c->off[a + brk[k] + 1];
            out[*n].add_hyphen = 1;
        }
        (*n)++;
    }
}

size_t pr_hyph_points(const pr_hyph *h, const char *word, size_t len,
                      pr_hyph_point *out, size_t max)
{
    cps c;
    size_t n = 0;
    if (is_url_or_mail(word, len) || decode(word, len, &c))
        return 0;
    /* strip leading and trailing non-letters (quotes, brackets, punctuation) */
    size_t a = 0, b = c.n;
    while (a < b && !is_alnum(c.cp[a]))
        a++;
    while (b > a && !is_alnum(c.cp[b - 1]))
        b--;
    int digits = 0, hyphens = 0;
    for (size_t i = a; i < b; i++) {
        digits |= c.cp[i] >= '0' && c.cp[i] <= '9';
        hyphens |= is_hyphen(c.cp[i]);
    }
    /* elision: "l’intercommunalité" hyphenates after the apostrophe only */
    for (size_t i = a; i < b && i < a + 3; i++)
        if (is_apostrophe(c.cp[i])) {
            a = i + 1;
            break;
        }
    if (hyphens) {
        /* break after each hyphen with at least 2 letters on both sides */
        for (size_t i = a; i < b; i++) {
            if (!is_hyphen(c.cp[i]))
                continue;
            size_t before = 0, after = 0;
            for (size_t k = i; k > a && is_alnum(c.cp[k - 1]); k--)
                before++;
            for (size_t k = i + 1; k < b && is_alnum(c.cp[k]); k++)
                after++;
            if (before >= 2 && after >= 2) {
                if (n < max) {
                    out[n].at = c.off[i + 1];
                    out[n].add_hyphen = 0;
                }
                n++;
            }
        }
        return n;
    }
    if (!digits)
        pattern_points(h, &c, a, b, out, max, &n);
    return n;
}

char *pr_hyph_show(const pr_hyph *h, const char *word)
{
    size_t len = strlen(word);
    pr_hyph_point pts[HYPH_MAX_WORD];
    size_t n = pr_hyph_points(h, word, len, pts, HYPH_MAX_WORD);
    if (n > HYPH_MAX_WORD)
        n = HYPH_MAX_WORD;
    pr_strbuf sb = {0};
    size_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        pr_sb_add(&sb, word + prev, pts[i].at - prev);
        pr_sb_putc(&sb, pts[i].add_hyphen ? '-' : '|');
        prev = pts[i].at;
    }
    pr_sb_add(&sb, word + prev, len - prev);
    return pr_sb_steal(&sb);
}
