/* typo.c — French typography normalisation of UTF-8 text and French
 * formatting of numbers and dates (see typo.h for the rules). */
#include "typeset/typo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"

void pr_ranges_free(pr_ranges *r)
{
    free(r->items);
    memset(r, 0, sizeof *r);
}

/* ---- character classes ---------------------------------------------------- */
static int is_digit(unsigned cp) { return cp >= '0' && cp <= '9'; }

/* Letters (ASCII, Latin-1, Latin Extended-A/B). */
static int is_letter(unsigned cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static int is_alnum(unsigned cp) { return is_digit(cp) || is_letter(cp); }

/* Spaces that typography replaces or removes around punctuation. */
static int is_space(unsigned cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x202F || cp == 0x2009;
}

/* Where an opening quote may follow. */
static int opens_after(unsigned cp)
{
    return cp == 0 || is_space(cp) || cp == '\n' || cp == '(' || cp == '[' ||
           cp == 0x2014 || cp == 0x2013 || cp == '/';
}

/* ---- output helpers ---------------------------------------------------------- */
/* Append code point cp to out and remember it. */
static void put(pr_typo_state *st, pr_strbuf *out, unsigned cp)
{
    char u[4];
    pr_sb_add(out, u, (size_t)pr_utf8_encode(cp, u));
    st->prev = cp;
}

/* Append raw bytes and remember their last code point. */
static void put_bytes(pr_typo_state *st, pr_strbuf *out, const char *s, size_t n)
{
    if (!n)
        return;
    pr_sb_add(out, s, n);
    size_t k = n - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    unsigned cp = 0;
    if (pr_utf8_decode(s + k, n - k, &cp))
        st->prev = cp;
}

/* Last code point of out[0..len) and its start, or 0. */
static unsigned last_cp(const pr_strbuf *out, size_t *start)
{
    if (!out->len)
        return 0;
    size_t k = out->len - 1;
    while (k > 0 && ((unsigned char)out->data[k] & 0xC0) == 0x80)
        k--;
    unsigned cp = 0;
    if (!pr_utf8_decode(out->data + k, out->len - k, &cp))
        return 0;
    *start = k;
    return cp;
}

/* Remove spaces at the end of out (only those written in this piece, at
 * offsets >= floor); updates st->prev (prev0 when nothing is left). */
static void trim_spaces(pr_typo_state *st, pr_strbuf *out, size_t floor, unsigned prev0)
{
    size_t at;
    unsigned cp;
    while (out->len > floor && (cp = last_cp(out, &at)) != 0 && is_space(cp) && at >= floor) {
        out->len = at;
        out->data[at] = '\0';
    }
    st->prev = out->len > floor ? last_cp(out, &at) : prev0;
}

/* ---- URLs and e-mail addresses ----------------------------------------------- */
/* Length of a URL or e-mail address starting at s[0..n), or 0. Trailing
 * punctuation that ends a sentence is not part of it. */
static size_t url_length(const char *s, size_t n)
{
    size_t e = 0;
    while (e < n && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' && s[e] != '"' &&
           s[e] != '<' && s[e] != '>') {
        unsigned cp;
        int l = pr_utf8_decode(s + e, n - e, &cp);
        if (!l || cp == 0xA0 || cp == 0x202F || cp == 0xAB || cp == 0xBB)
            break;
        e += (size_t)l;
    }
    int url = 0;
    for (size_t i = 0; i + 3 <= e && !url; i++)
        if (!memcmp(s + i, "://", 3) && i > 0)
            url = 1;
    if (!url && e >= 4 && !strncmp(s, "www.", 4))
        url = 1;
    if (!url && e >= 7 && !strncmp(s, "mailto:", 7))
        url = 1;
    if (!url) {
        const char *at = memchr(s, '@', e);
        if (at && at > s && memchr(at, '.', (size_t)(s + e - at)))
            url = 1;
    }
    if (!url)
        return 0;
    /* sentence punctuation after the address is not part of it */
    while (e > 0 && strchr(".,;:!?'", s[e - 1]))
        e--;
    if (e > 0 && s[e - 1] == ')' && !memchr(s, '(', e))
        e--;
    return e;
}

/* ---- ordinals ------------------------------------------------------------------- */
typedef struct ordinal_suffix {
    const char *in, *out;
} ordinal_suffix;

/* Longest first, so "èmes" wins over "ème" and "e". */
static const ordinal_suffix suffixes[] = {
    {"\xC3\xA8mes", "es"}, {"\xC3\xA8res", "res"}, {"ndes", "ndes"}, {"emes", "es"},
    {"\xC3\xA8me", "e"},   {"\xC3\xA8re", "re"},   {"nde", "nde"},   {"nds", "nds"},
    {"eme", "e"},          {"ers", "ers"},         {"res", "res"},   {"er", "er"},
    {"re", "re"},          {"nd", "nd"},           {"es", "es"},     {"e", "e"},
};

/* At digits s[0..n) preceded by a non-alphanumeric: if they form an
 * ordinal, append it (suffix recorded as superscript) and return the bytes
 * consumed; else 0. */
static size_t ordinal(pr_typo_state *st, pr_strbuf *out, const char *s, size_t n,
                      pr_ranges *sup)
{
    size_t d = 0;
    while (d < n && is_digit((unsigned char)s[d]))
        d++;
    if (d == 0 || d > 6)
        return 0;
    for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++) {
        size_t sl = strlen(suffixes[k].in);
        if (d + sl > n || memcmp(s + d, suffixes[k].in, sl))
            continue;
        unsigned next = 0;
        if (d + sl < n && !pr_utf8_decode(s + d + sl, n - d - sl, &next))
            next = 0xFFFD;
        if (is_alnum(next) || next == '_' || next == '@')
            return 0;
        /* "1nd", "2er" are not French ordinals */
        int one = d == 1 && s[0] == '1';
        const char *o = suffixes[k].out;
        if (o[0] == 'n' && !(d == 1 && s[0] == '2'))
            return 0;   /* "2nd", "2nde" only */
        if ((!strcmp(o, "er") || !strcmp(o, "ers") || !strcmp(o, "re") || !strcmp(o, "res")) &&
            !one)
            return 0;
        put_bytes(st, out, s, d);
        size_t a = out->len;
        put_bytes(st, out, o, strlen(o));
        if (sup) {
            pr_range r = {a, out->len};
            PR_PUSH(sup->items, sup->n, sup->cap, r);
        }
        return d + sl;
    }
    return 0;
}

/* ---- the normaliser ---------------------------------------------------------------- */
void pr_typo_fr_append(pr_typo_state *st, pr_strbuf *out, const char *in,
                       size_t len, pr_ranges *sup)
{
    size_t floor = out->len;   /* bytes of out before this piece */
    unsigned prev0 = st->prev; /* last code point of the earlier pieces */
    pr_sb_add(out, "", 0);
    /* a « that ended the previous piece ("« **mot** »"): its fine space,
     * in place of any space opening this one */
    if (st->prev == 0xAB) {
        size_t k = 0;
        while (k < len && (in[k] == ' ' || in[k] == '\t'))
            k++;
        if (k < len) {
            put(st, out, 0x202F);
            in += k;
            len -= k;
        }
    }
    for (size_t i = 0; i < len;) {
        unsigned cp;
        int l = pr_utf8_decode(in + i, len - i, &cp);
        if (!l) {   /* invalid byte: copied as is */
            pr_sb_add(out, in + i, 1);
            st->prev = 0xFFFD;
            i++;
            continue;
        }
        unsigned next = 0;
        if (i + (size_t)l < len && !pr_utf8_decode(in + i + l, len - i - (size_t)l, &next))
            next = 0xFFFD;
        /* URLs and e-mail addresses are copied verbatim */
        if (!is_alnum(st->prev) && st->prev != '.' && st->prev != '/' && st->prev != '@' &&
            st->prev != '-' && st->prev != '_' && is_alnum(cp)) {
            size_t u = url_length(in + i, len - i);
            if (u) {
                put_bytes(st, out, in + i, u);
                i += u;
                continue;
            }
        }
        /* ordinals */
        if (is_digit(cp) && !is_alnum(st->prev) && st->prev != '.' && st->prev != ',') {
            size_t o = ordinal(st, out, in + i, len - i, sup);
            if (o) {
                i += o;
                continue;
            }
            /* copy the whole digit run so "12e3" style runs are not re-read */
            size_t d = i;
            while (d < len && is_digit((unsigned char)in[d]))
                d++;
            put_bytes(st, out, in + i, d - i);
            i = d;
            continue;
        }
        switch (cp) {
        case '\'':
            put(st, out, 0x2019);
            i += (size_t)l;
            continue;
        case '"':
            if (opens_after(st->prev) && !(st->in_quote && (next == 0 || is_space(next)))) {
                put(st, out, 0xAB);
                put(st, out, 0x202F);
                st->in_quote = 1;
                i += (size_t)l;
                while (i < len && (in[i] == ' ' || in[i] == '\t'))
                    i++;
            } else {
                trim_spaces(st, out, floor, prev0);
                put(st, out, 0x202F);
                put(st, out, 0xBB);
                st->in_quote = 0;
                i += (size_t)l;
            }
            continue;
        case 0xAB: /* « */
            put(st, out, 0xAB);
            i += (size_t)l;
            while (i < len) {
                unsigned c2;
                int l2 = pr_utf8_decode(in + i, len - i, &c2);
                if (!l2 || !is_space(c2))
                    break;
                i += (size_t)l2;
            }
            if (i < len)
                put(st, out, 0x202F);
            continue;
        case 0xBB: /* » */
        case ';':
        case '!':
        case '?':
        case ':': {
            unsigned before = st->prev;
            int had_space = is_space(before);
            if (cp == ':' && is_digit(before) && is_digit(next)) {   /* 10:30 */
                put(st, out, cp);
                i += (size_t)l;
                continue;
            }
            trim_spaces(st, out, floor, prev0);
            unsigned p = st->prev;
            int space = !(p == 0 || p == '\n' || p == '(' || p == '[' || p == 0xAB ||
                          p == ';' || p == '!' || p == '?' || p == ':' ||
                          (is_space(p) && out->len == floor));
            if (cp == 0xBB)
                space = p != 0 && p != '\n' && !(is_space(p) && out->len == floor);
            if (cp == ':' && !had_space && (next == '/' || (next && !is_space(next) &&
                                                           next != '\n' && is_alnum(next))))
                space = 0;   /* "a:b", "note:x" stay (labels, references) */
            if (space)
                put(st, out, cp == ':' ? 0xA0 : 0x202F);
            put(st, out, cp);
            i += (size_t)l;
            continue;
        }
        case ' ': {
            /* "1 234" typed with a plain space: keep the digit groups
             * together (a run of 1 to 3 digits, then exactly 3) */
            size_t run = 0;
            while (run < out->len - floor && is_digit((unsigned char)out->data[out->len - 1 - run]))
                run++;
            size_t k = i + 1;
            while (k < len && is_digit((unsigned char)in[k]))
                k++;
            unsigned after = 0;
            if (k < len && !pr_utf8_decode(in + k, len - k, &after))
                after = 0xFFFD;
            if (run >= 1 && run <= 3 && k - i - 1 == 3 && !is_alnum(after)) {
                unsigned pc = prev0;   /* what precedes the digit run */
                if (out->len - run > floor) {
                    pr_strbuf head = {out->data, out->len - run, out->len - run};
                    size_t at;
                    pc = last_cp(&head, &at);
                }
                if (!is_alnum(pc) && pc != '.' && pc != ',') {
                    put(st, out, 0x202F);
                    i += 1;
                    continue;
                }
            }
            break;
        }
        case 0x20AC: /* € */
            if (is_space(st->prev) && out->len > floor) {
                trim_spaces(st, out, floor, prev0);
                if (is_digit(st->prev))
                    put(st, out, 0xA0);
                else
                    put(st, out, ' ');
            }
            put(st, out, cp);
            i += (size_t)l;
            continue;
        case '%':
            if (is_digit(st->prev) || (is_space(st->prev) && out->len > floor)) {
                trim_spaces(st, out, floor, prev0);
                if (is_digit(st->prev))
                    put(st, out, 0x202F);
            }
            put(st, out, cp);
            i += (size_t)l;
            continue;
        case '.':
            if (i + 3 <= len && !memcmp(in + i, "...", 3)) {
                put(st, out, 0x2026);
                i += 3;
                while (i < len && in[i] == '.')
                    i++;
                continue;
            }
            break;
        case '-':
            /* " - " or " -- " between words: en dash */
            if (is_space(st->prev) && out->len > floor) {
                size_t k = i + 1;
                if (k < len && in[k] == '-')
                    k++;
                if (k < len && (in[k] == ' ' || in[k] == '\t')) {
                    put(st, out, 0x2013);
                    i = k;
                    continue;
                }
            }
            break;
        default:
            break;
        }
        put_bytes(st, out, in + i, (size_t)l);
        i += (size_t)l;
    }
}

char *pr_typo_fr(const char *in)
{
    pr_typo_state st = {0, 0};
    pr_strbuf sb = {0};
    pr_typo_fr_append(&st, &sb, in, strlen(in), NULL);
    return pr_sb_steal(&sb);
}

/* ---- formatting ------------------------------------------------------------------------- */
/* Append the digits of u grouped by three with U+202F. */
static void group_digits(pr_strbuf *sb, unsigned long long u)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", u);
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            pr_sb_puts(sb, PR_NNBSP);
        pr_sb_putc(sb, digits[i]);
    }
}

char *pr_fmt_int(long long v)
{
    pr_strbuf sb = {0};
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    if (v < 0)
        pr_sb_puts(&sb, "\xE2\x88\x92");   /* U+2212 minus */
    group_digits(&sb, u);
    return pr_sb_steal(&sb);
}

char *pr_fmt_dec(double v, int decimals)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    if (!isfinite(v))
        return pr_strdup("?");
    double scale = pow(10, decimals);
    double r = round(fabs(v) * scale);
    unsigned long long whole = (unsigned long long)(r / scale);
    unsigned long long frac = (unsigned long long)(r - (double)whole * scale + 0.5);
    pr_strbuf sb = {0};
    if (v < 0 && r != 0)
        pr_sb_puts(&sb, "\xE2\x88\x92");
    group_digits(&sb, whole);
    if (decimals > 0)
        pr_sb_printf(&sb, ",%0*llu", decimals, frac);
    return pr_sb_steal(&sb);
}

char *pr_fmt_percent(double v, int decimals)
{
    char *n = pr_fmt_dec(v, decimals);
    char *s = pr_asprintf("%s" PR_NNBSP "%%", n);
    free(n);
    return s;
}

char *pr_fmt_ordinal(long n, int feminine)
{
    if (n == 1)
        return pr_strdup(feminine ? "1re" : "1er");
    return pr_asprintf("%lde", n);
}

char *pr_fmt_date(int year, int month, int day)
{
    /* year 0: no year, so 29 February is accepted (2000 is a leap year) */
    if (year < 0 || day < 0 || (day == 0 && year == 0) ||
        (day ? !pr_date_valid(year ? year : 2000, month, day) : !pr_date_month_name(month)))
        return NULL;
    pr_strbuf sb = {0};
    if (day == 1)
        pr_sb_puts(&sb, "1er" PR_NBSP);
    else if (day > 1)
        pr_sb_printf(&sb, "%d" PR_NBSP, day);
    pr_sb_puts(&sb, pr_date_month_name(month));
    if (year > 0)
        pr_sb_printf(&sb, " %d", year);
    return pr_sb_steal(&sb);
}
