/* template_text.h — the report template's text language: texts with {{…}}
 * placeholders compiled into trees that remember their positions, expanded
 * against the model and the key figures; data paths (a component's
 * `source`), conditions, the filters; splitting expanded prose into
 * paragraphs and bullets. The template folder that holds these texts is
 * template.h. The language, documented for users in
 * report-templates/README.md:
 *
 *   {{chiffre.ID}}                  a computed key figure, formatted "1 234"
 *   {{chiffre.ID.precedent}}        its latest earlier value (history.h); also
 *                                   .annee_precedente, .ecart ("+3"),
 *                                   .comparable, .comparaison ("contre 6 en
 *                                   2022" / "définition modifiée en 2024 :
 *                                   non comparable")
 *   {{reseau.nom}}                  a field of the model, by path (the data
 *                                   file's keys, or a derived value)
 *   {{evenements[type=atelier].titre}}  list index ([0], [-1]) or filter
 *   {{statut[rapport.annee]}}       a map keyed by years, by a field's value
 *   {{x | date}}  | jour | mois | nom_mois | nombre | effectif | ordinal
 *                 | ordinal_f | majuscules | minuscules | capitale
 *                 | initiales | liste | pluriel ("s" from 2 on)
 *                 | partenaire (id -> sigle or name) | elu (id -> name)
 *                 | departement / region (INSEE code -> name)
 *                 | libelle (a key of a list of values -> its French label)
 *                 | compte (a list's count) | en_lettres | en_lettres_f
 *                 | accord "nom" ["pluriel"] | quantite "un nom" ["pluriel"]
 *                 | periode FIN | de | a | sans_article   (base/french.h)
 *   {{#chaque LISTE}}…{{/chaque}}   repeat with the item in scope ({{.}},
 *                                   {{@rang}}, {{@sep}}: ", " / " et " / "")
 *   {{#si COND}}…{{#sinon si COND}}…{{#sinon}}…{{/si}}
 *                                   COND: path, "path OP mots", "path OP
 *                                   path" (OP = != < <= > >=; a list compares
 *                                   by its count), et, ou, non, ( … )
 *   LISTE[COND]                     the items for which COND holds (".champ":
 *                                   a field of the element around the list)
 *   {{#liste}}a{{#et}}b{{/liste}}   the parts not empty, joined "a, b et c"
 * « de » / « à » written just before a placeholder agree with what it gives
 * ("d'Anrafa", "du Cerema"); a "." after a placeholder that ends a
 * sentence is dropped; a text of the data that refers to figures
 * (data/prose.h) is expanded.
 * Inline markup (**gras**, *italique*, [lien](url)) is left for the text
 * engine. Every error (unknown placeholder, figure id, field path, filter,
 * unterminated block) is a template diagnostic positioned in the template
 * file; an expansion that fails on the data (a date filter on a value that
 * is not a date) is one too, at the placeholder.
 *
 * Field paths are checked against the model's own schema
 * (data/model_schema.h), and evaluated on the validated model through it:
 * a template sees the defaults (a consultancy without `principal` is not
 * the lead) and the derived values (a workstream's `statut_annee`), never
 * the raw document tree. Comparisons with a key of a list of values
 * ([type=atelier], statut_annee = en_cours) and with a boolean are checked
 * when compiling.
 *
 * Ownership: compiled texts are freed with pr_tpl_text_free (paths live in
 * the text that holds them). Expansion results are malloc'ed strings owned
 * by the caller. */
#ifndef PR_TEMPLATE_TEXT_H
#define PR_TEMPLATE_TEXT_H

#include <stddef.h>

#include "base/diag.h"
#include "data/figures.h"
#include "data/history.h"
#include "data/model.h"
#include "data/model_schema.h"

/* ---- compiled texts ----------------------------------------------------- */
typedef struct pr_tpl_text pr_tpl_text;   /* a compiled text (opaque) */

/* The data-path scope a text is compiled in: "" for the model's root, or a
 * schema pattern such as "equipe.membres[]" (the item of a list). */
typedef struct pr_tpl_scope {
    const char *patterns[8];
    int depth;
} pr_tpl_scope;

/* Compile `src` (len bytes) whose first byte is at `pos` in its file.
 * `mode` tells how offsets map back to positions: PR_TPL_ORIGIN_FLAT for a
 * text copied verbatim from the file, or a YAML scalar (mapped through the
 * registered source). Returns NULL after adding errors. */
typedef enum { PR_TPL_ORIGIN_FLAT, PR_TPL_ORIGIN_YAML } pr_tpl_origin;
pr_tpl_text *pr_tpl_compile(const char *src, size_t len, pr_pos pos,
                            pr_tpl_origin mode, const pr_tpl_scope *scope,
                            pr_diags *d);
void pr_tpl_text_free(pr_tpl_text *t);   /* accepts NULL */
/* The text's source position (start). */
pr_pos pr_tpl_text_pos(const pr_tpl_text *t);

/* Indexes of the model's lists by the value of a field, built on first use
 * and kept for every expansion that shares the cache: a list filter that
 * compares a field with a value (elus[chantier=.id]) then looks its items
 * up instead of testing each one, so that a filter written inside a
 * repetition stays linear in the size of the data. Optional (NULL: no
 * index). */
typedef struct pr_tpl_cache pr_tpl_cache;
pr_tpl_cache *pr_tpl_cache_new(void);
void pr_tpl_cache_free(pr_tpl_cache *c);   /* accepts NULL */

/* What a text is expanded against: the model, the figures, and the current
 * list items (outermost first: records of the model, or texts of a list of
 * texts) matching the scope the text was compiled with. */
typedef struct pr_tpl_ctx {
    const pr_model *model;
    const pr_figures *figures;
    const pr_mvalue *items[8];
    int depth;
    long index, count;   /* rank of the innermost item among `count` (for
                            @rang, @sep…); count 0: unknown */
    pr_tpl_cache *cache; /* optional */
    const pr_history *history;   /* the years before (optional: without it,
                                    chiffre.ID.precedent… are empty) */
} pr_tpl_ctx;

/* Expand a compiled text to UTF-8 with inline markup. Returns a malloc'ed
 * string; on a data-dependent failure (e.g. a date filter on a value that is
 * not a date) adds an error positioned in the template and returns what it
 * could. */
char *pr_tpl_expand(const pr_tpl_text *t, const pr_tpl_ctx *ctx, pr_diags *d);

/* ---- prose blocks -------------------------------------------------------
 * An expanded prose text is split into blocks: paragraphs (lines joined by
 * blank lines) and bullets ("- " at the line start, "  - " for level 2). */
typedef enum { PR_PROSE_PARAGRAPH, PR_PROSE_BULLET } pr_prose_kind;
typedef struct pr_prose_block {
    pr_prose_kind kind;
    int level;          /* bullets: 1 or 2 */
    char *text;         /* inline markup, single line */
} pr_prose_block;
typedef struct pr_prose {
    pr_prose_block *items;
    size_t n, cap;
} pr_prose;
void pr_prose_split(const char *text, pr_prose *out);
void pr_prose_free(pr_prose *p);

/* ---- data paths ---------------------------------------------------------- */
typedef struct pr_tpl_path pr_tpl_path;   /* a compiled data path (opaque) */
/* Evaluate a list path (a component's `source`) against the context: writes
 * the items (values of the model) into *out, one malloc'ed block the caller
 * frees, and returns their count. A missing list gives 0 items. */
size_t pr_tpl_path_items(const pr_tpl_path *p, const pr_tpl_ctx *ctx,
                         const pr_mvalue ***out);
/* The schema pattern of a compiled list path's items ("equipe.membres[]"). */
const char *pr_tpl_path_item_pattern(const pr_tpl_path *p);
/* The value a field path designates in the context (kind PR_MV_ABSENT when
 * absent). */
pr_mvalue pr_tpl_path_value(const pr_tpl_path *p, const pr_tpl_ctx *ctx);

/* Compile a list path (a component's `source`), a date field of the
 * current item (FIELD parameters) or a condition (COND parameters, as in {{#si}}).
 * Paths are allocated in `holder` (any compiled text, which must outlive
 * them). Return NULL after adding errors positioned from `pos` (a YAML
 * scalar). */
pr_tpl_path *pr_tpl_compile_path(pr_tpl_text *holder, const char *src, size_t len,
                                 pr_pos pos, const pr_tpl_scope *scope, pr_diags *d);
pr_tpl_path *pr_tpl_compile_field(pr_tpl_text *holder, const char *src, size_t len,
                                  pr_pos pos, const pr_tpl_scope *scope, pr_diags *d);
pr_tpl_text *pr_tpl_compile_cond(const char *src, size_t len, pr_pos pos,
                                 const pr_tpl_scope *scope, pr_diags *d);
/* Is a compiled condition true in the context? */
int pr_tpl_cond_true(const pr_tpl_text *cond, const pr_tpl_ctx *ctx, pr_diags *d);

/* 1 when `pattern` ("reseau.missions[].titre", "chantiers[].statut.2023")
 * designates a field of the model's schema. */
int pr_tpl_schema_has(const char *pattern);

/* ---- French formatting of values (used by the filters) ------------------- */
/* "7 décembre 2023" / "1er mars 2023" / "décembre 2023" / "2023". */
char *pr_tpl_format_date(pr_date dt);
/* Parse "2023-12-07", "2023-12" or "2023"; 0 on success. */
int pr_tpl_parse_date(const char *s, pr_date *out);

#endif
