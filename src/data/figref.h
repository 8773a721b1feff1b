/* figref.h — references to key figures written in the data's own texts
 * ("{{chiffre.elus_engages | en_lettres | capitale}} élus locaux…"),
 * expanded into their values. The syntax, the filters and the check of the
 * data's texts (errors, and warnings about numbers typed by hand) are
 * described in data/prose.h; this header is the expansion alone, which
 * needs only the figures: the report's template language
 * (compose/template_text.c) and the annex use it without seeing the data's
 * raw tree. Implemented in prose.c. */
#ifndef PR_FIGREF_H
#define PR_FIGREF_H

#include "data/figures.h"

/* The filters a reference may use, NULL-terminated. */
extern const char *const pr_prose_filters[];

/* `text` with its references replaced by their values (a reference that
 * does not parse is left as written: pr_prose_check reported it).
 * `markup`: ordinals with the text engine's superscript markup ("2^e^")
 * rather than plain ("2e"). Malloc'ed, never NULL. */
char *pr_prose_expand(const char *text, const pr_figures *f, int markup);

#endif
