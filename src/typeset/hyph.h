/* hyph.h — French hyphenation: a wrapper over libhyphen (hyphen.h) and the
 * patterns of Debian's hyphen-fr (/usr/share/hyphen/hyph_fr.dic, UTF-8),
 * with French rules on top: at least 2 letters before a break and 3 after,
 * no break in words written in capitals (sigles) or with a capital initial
 * (proper nouns), words containing digits, URLs and e-mail addresses; a word
 * with its own hyphen ("Auvergne-Rhône-Alpes") breaks only after that hyphen
 * (no hyphen is added there).
 *
 * Ownership: pr_hyph_load returns a dictionary freed with pr_hyph_free.
 * Only this module includes hyphen.h. */
#ifndef PR_HYPH_H
#define PR_HYPH_H

#include <stddef.h>

#include "base/diag.h"

typedef struct pr_hyph pr_hyph;

/* Default dictionary path (Debian hyphen-fr). */
#define PR_HYPH_FR_DIC "/usr/share/hyphen/hyph_fr.dic"

/* Load a libhyphen dictionary (path NULL: PR_HYPH_FR_DIC). On failure
 * returns NULL after adding a French error to `d` (may be NULL). */
pr_hyph *pr_hyph_load(const char *path, pr_diags *d);
void pr_hyph_free(pr_hyph *h);   /* accepts NULL */

/* One place where a word may be broken. */
typedef struct pr_hyph_point {
    size_t at;          /* byte offset in the word: the line ends before it */
    int add_hyphen;     /* 1: draw a hyphen at the line end; 0: the word
                           already has one there (explicit hyphen) */
} pr_hyph_point;

/* Break points of word[0..len) (UTF-8, no spaces), in increasing order;
 * at most `max` stored, the count found is returned. Leading and trailing
 * punctuation (quotes, brackets, commas, apostrophe elisions like « l’ »)
 * is ignored when applying the rules; the minimum lengths count letters
 * (code points), not bytes. */
size_t pr_hyph_points(const pr_hyph *h, const char *word, size_t len,
                      pr_hyph_point *out, size_t max);

/* The word with '-' inserted at every break point that adds a hyphen and
 * '|' after explicit hyphens, e.g. "pla-ni-fi-ca-tion", "Auvergne-|Rhône";
 * for tests and debugging. Caller frees. */
char *pr_hyph_show(const pr_hyph *h, const char *word);

#endif
