/* format.h — small French text transformations used by the template
 * filters that the text engine's typo.h does not provide: case changes that
 * know accented letters (é -> É, œ -> Œ), initials, and ordinals written
 * with the superscript markup of text.h ("2^e^").
 *
 * Numbers and dates are formatted by the text engine (typo.h); the two
 * wrappers below adapt it to the filters (never NULL: "" instead). Month
 * names come from base/date.h.
 * Returned strings are malloc'ed; the caller frees them. */
#ifndef PR_FORMAT_H
#define PR_FORMAT_H

/* 1234 -> "1 234" (U+202F), -5 -> "−5" (U+2212). */
char *pr_format_int(long v);
/* (2023, 12, 7) -> "7 décembre 2023", day 1 -> "1er", day 0 -> "mars 2023",
 * year 0 -> "7 décembre". */
char *pr_format_date(int year, int month, int day);

/* "Émilie Bonnet-Derivière" -> "ÉMILIE BONNET-DERIVIÈRE" (ß kept). */
char *pr_format_upper(const char *s);
/* The reverse: "ÉTÉ" -> "été". */
char *pr_format_lower(const char *s);
/* First letter upper case: "mars 2023" -> "Mars 2023". */
char *pr_format_capitalize(const char *s);
/* The first letter of each space-separated word, upper case:
 * "Roxane" -> "R", "Jean-Paul Michaud" -> "JM", "émilie" -> "É". */
char *pr_format_initials(const char *s);
/* 1 -> "1^er^" (feminine "1^re^"), 2 -> "2^e^", -3 -> "-3". */
char *pr_format_ordinal_markup(long n, int feminine);

#endif
