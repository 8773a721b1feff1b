/* prose.h — figures in the data's own prose. A text of the data file (a
 * summary, a presentation, a title…) may refer to a key figure instead of
 * typing its value, so that the report stays right when the data change:
 *
 *   resume: "{{chiffre.elus_engages | en_lettres | capitale}} élus locaux…"
 *
 * gives "Dix élus locaux…" in the report. A reference is
 * {{chiffre.ID}} followed by filters among pr_prose_filters (the same as
 * the template language's, report-templates/README.md):
 *
 *   nombre        10 -> "10", 1234 -> "1 234"
 *   en_lettres    "dix" (en_lettres_f: 1 -> "une", 21 -> "vingt et une")
 *   ordinal       "2e", "1er" (ordinal_f: "1re")
 *   capitale      the first letter in upper case
 *   accord "élu"  the noun agreed with the figure ("élu" / "élus"; a second
 *                 word gives the plural: accord "œil" "yeux")
 *   quantite "un élu"  the number as running prose writes it, then the
 *                 noun: "aucun élu", "un élu", "dix élus", "12 élus"
 *
 * and {{"Dix"}} keeps "Dix" as typed, deliberately (no warning).
 *
 * pr_prose_check() checks every text of the data: a reference to an
 * unknown figure or filter is a data error at its position; a number typed
 * by hand (digits, or a French number word from « deux » to « vingt ») is
 * a warning at its position — file:line:col of the number itself —, which
 * names the figures that have that value. Not warned about (documented in
 * data/README.md): years (1900–2100), days of a date ("7 décembre"),
 * ordinals ("2e", "105e"), numbers glued to letters or joined by "-", "/",
 * "." ("UP3", "L. 101-2", "2021-1104"), numbers after "n°", "axe",
 * "chantier", "partie", "article", "page", "GT" and other abbreviations in
 * capitals, a number alone in parentheses ("(62)"), times ("14 h"), text
 * between « » (titles quoted), quotations (`citations`), and the fields
 * that are names, codes or identifiers, not prose.
 *
 * Only the data layer and base are used: the report (compose/) and the
 * annex expand the same references with pr_prose_expand(). */
#ifndef PR_PROSE_H
#define PR_PROSE_H

#include "base/diag.h"
#include "data/figref.h"
#include "data/figures.h"
#include "data/value.h"

/* Check the references and typed numbers of every text of `doc` (the
 * data's tree) against the figures `f`. Errors and warnings are data
 * diagnostics. Returns the number of errors added. */
size_t pr_prose_check(const pr_value *doc, const pr_figures *f, pr_diags *d);

/* pr_prose_expand(): data/figref.h. */

#endif
