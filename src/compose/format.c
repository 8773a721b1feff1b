/* format.c — case changes, initials and ordinal markup for the template
 * filters (see format.h). */
#include "compose/format.h"

#include <string.h>

#include "typeset/typo.h"
#include "base/util.h"

/* Upper-case counterpart of a code point (Latin-1 supplement, Latin
 * Extended-A pairs, œ/æ, ASCII); cp itself when none. */
static unsigned cp_upper(unsigned cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp - 32;
    if ((cp >= 0xE0 && cp <= 0xFE && cp != 0xF7))
        return cp - 32;
    if (cp == 0xFF)
        return 0x178;
    if (cp >= 0x100 && cp <= 0x17F) {
        /* pairs: even upper, odd lower, except 0x130-0x138 and 0x149-0x178 */
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return (cp % 2 == 0) ? cp - 1 : cp;
        if (cp < 0x138 || (cp > 0x149 && cp < 0x178))
            return (cp % 2 == 1) ? cp - 1 : cp;
    }
    return cp;
}

/* Lower-case counterpart (inverse of cp_upper). */
static unsigned cp_lower(unsigned cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if (cp == 0x178)
        return 0xFF;
    if (cp >= 0x100 && cp <= 0x17F) {
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return (cp % 2 == 1) ? cp + 1 : cp;
        if (cp < 0x138 || (cp > 0x149 && cp < 0x178))
            return (cp % 2 == 0) ? cp + 1 : cp;
    }
    return cp;
}

/* Map every code point of s through fn (only the first when `first_only`). */
static char *map_cps(const char *s, unsigned (*fn)(unsigned), int first_only)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    size_t n = strlen(s), i = 0;
    int done = 0;
    while (i < n) {
        unsigned cp;
        int k = pr_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            pr_sb_add(&sb, s + i, 1);
            i++;
            continue;
        }
        if (!done) {
            char buf[4];
            int m = pr_utf8_encode(fn(cp), buf);
            pr_sb_add(&sb, buf, (size_t)m);
            if (first_only)
                done = 1;
        } else {
            pr_sb_add(&sb, s + i, (size_t)k);
        }
        i += (size_t)k;
    }
    return pr_sb_steal(&sb);
}

char *pr_format_upper(const char *s) { return map_cps(s, cp_upper, 0); }
char *pr_format_lower(const char *s) { return map_cps(s, cp_lower, 0); }
char *pr_format_capitalize(const char *s) { return map_cps(s, cp_upper, 1); }

char *pr_format_initials(const char *s)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    size_t n = strlen(s), i = 0;
    int at_word = 1;
    while (i < n) {
        unsigned cp;
        int k = pr_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if (cp == ' ' || cp == 0xA0 || cp == 0x202F || cp == '\t') {
            at_word = 1;
        } else if (at_word) {
            char buf[4];
            int m = pr_utf8_encode(cp_upper(cp), buf);
            pr_sb_add(&sb, buf, (size_t)m);
            at_word = 0;
        }
        i += (size_t)k;
    }
    return pr_sb_steal(&sb);
}

char *pr_format_int(long v) { return pr_fmt_int(v); }

char *pr_format_date(int year, int month, int day)
{
    char *s = pr_fmt_date(year, month, day);
    return s ? s : pr_strdup("");
}

char *pr_format_ordinal_markup(long n, int feminine)
{
    if (n < 1)
        return pr_asprintf("%ld", n);
    if (n == 1)
        return pr_strdup(feminine ? "1^re^" : "1^er^");
    return pr_asprintf("%ld^e^", n);
}
