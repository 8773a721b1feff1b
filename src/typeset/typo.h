/* typo.h — French typography: normalising UTF-8 text (apostrophes,
 * guillemets, fine no-break spaces before high punctuation, ellipsis,
 * dashes, ordinals) and formatting numbers and dates the French way.
 *
 * Spaces produced: U+202F (narrow no-break space, "fine") before ; ! ? »,
 * after «, before %, and between digit groups typed with a plain space
 * ("3 000" -> "3 000": 1 to 3 digits then exactly 3); U+00A0 (no-break
 * space) before : and € (after a number) and between a day and its month.
 * Existing spaces before such signs are replaced, never doubled. The line
 * breaker never breaks at either space, so no line starts with such
 * punctuation. "10:30", "a:b" and "?!" are left alone.
 *
 * Ordinals ("1er", "2e", "2ème", "105e", "1re", "2nd") are normalised
 * ("2ème" -> "2e") and reported as superscript byte ranges of the output so
 * the rich text can raise the letters; plain-text callers can ignore them.
 *
 * URLs (scheme://…, www.…) and e-mail addresses are copied unchanged.
 *
 * Ownership: returned strings are malloc'd; the caller frees them. Month
 * names and month lengths come from base/date.h. */
#ifndef PR_TYPO_H
#define PR_TYPO_H

#include <stddef.h>

#include "base/util.h"

#define PR_NNBSP "\xE2\x80\xAF"   /* U+202F narrow no-break space */
#define PR_NBSP "\xC2\xA0"        /* U+00A0 no-break space */

/* A byte range [start, end) of an output string. */
typedef struct pr_range {
    size_t start, end;
} pr_range;

typedef struct pr_ranges {
    pr_range *items;
    size_t n, cap;
} pr_ranges;

void pr_ranges_free(pr_ranges *r);

/* State carried between pieces of one text (e.g. the spans of a markup
 * string), so quotes and spaces are handled across piece boundaries.
 * Zero-initialise it before the first piece. */
typedef struct pr_typo_state {
    unsigned prev;      /* last code point written (0 at start) */
    int in_quote;       /* inside « … » opened by a straight quote */
} pr_typo_state;

/* Append the normalised form of in[0..len) to out. Superscript ranges (byte
 * offsets in out) are appended to sup when it is not NULL. */
void pr_typo_fr_append(pr_typo_state *st, pr_strbuf *out, const char *in,
                       size_t len, pr_ranges *sup);

/* Normalise a whole NUL-terminated string (no superscript information). */
char *pr_typo_fr(const char *in);

/* ---- formatting --------------------------------------------------------- */
/* 1234 -> "1 234", -1234567 -> "−1 234 567" (U+202F separators, U+2212
 * minus). */
char *pr_fmt_int(long long v);
/* v with `decimals` digits after a decimal comma: 1234.5, 1 -> "1 234,5". */
char *pr_fmt_dec(double v, int decimals);
/* Percentage: 12.5, 1 -> "12,5 %" (U+202F before %). */
char *pr_fmt_percent(double v, int decimals);
/* Ordinal: 1 -> "1er", 2 -> "2e" (plain letters: mark them superscript with
 * pr_typo or through the markup, which recognise ordinals). feminine: 1 ->
 * "1re". */
char *pr_fmt_ordinal(long n, int feminine);
/* Dates: (2023, 12, 7) -> "7 décembre 2023", (2023, 3, 1) -> "1er mars 2023"
 * (U+00A0 between day and month). day 0 -> "mars 2023"; year 0 -> "1er
 * mars". Returns NULL for an impossible date. */
char *pr_fmt_date(int year, int month, int day);

#endif
