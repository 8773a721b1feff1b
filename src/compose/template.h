/* template.h — the report template language: a folder (report-templates/NAME/)
 * holding structure.yaml (sections and components), textes.txt (named prose
 * blocks) and style.yaml (page, palette, fonts, component styles). Wording,
 * order, colours and fonts change without recompiling.
 *
 * Texts are written in a small language (documented for users in
 * report-templates/README.md):
 *   {{chiffre.ID}}                  a computed key figure, formatted "1 234"
 *   {{reseau.nom}}                  a field of the data, by path (French keys)
 *   {{evenements[type=atelier].titre}}  list index ([0], [-1]) or filter
 *   {{x | date}}  | jour | mois | nom_mois | nombre | effectif | ordinal
 *                 | ordinal_f | majuscules | minuscules | capitale
 *                 | initiales | liste | pluriel ("s" from 2 on)
 *                 | partenaire (id -> sigle or name) | elu (id -> name)
 *                 | departement / region (INSEE code -> name)
 *   {{#chaque LISTE}}…{{/chaque}}   repeat with the item in scope ({{.}},
 *                                   {{@rang}}, {{@sep}}: ", " / " et " / "")
 *   {{#si COND}}…{{#sinon}}…{{/si}} COND: path, "non path", "path = mot",
 *                                   "path != mot", @premier, @dernier
 * Inline markup (**gras**, *italique*, [lien](url)) is left for the text
 * engine. Every error (YAML syntax, unknown placeholder, figure id, field
 * path, filter, component, parameter or style key, unterminated block) is a
 * diagnostic positioned in the template file.
 *
 * Field paths are checked against a static schema of the data format (the
 * keys of model.h); pr_tpl_schema_has() exposes it for a drift test.
 *
 * Ownership: a pr_template owns everything it points to; pr_template_free()
 * releases it. Expansion results are malloc'ed strings owned by the caller. */
#ifndef PR_TEMPLATE_H
#define PR_TEMPLATE_H

#include <stddef.h>

#include "base/diag.h"
#include "doc/doc.h"
#include "data/figures.h"
#include "typeset/font.h"
#include "data/model.h"
#include "base/util.h"
#include "data/value.h"

/* ---- compiled texts ----------------------------------------------------- */
typedef struct pr_tpl_text pr_tpl_text;   /* a compiled text (opaque) */

/* The data-path scope a text is compiled in: "" for the document root, or
 * a schema pattern such as "equipe.membres[]" (the item of a list). */
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

/* What a text is expanded against: the model (whose ->doc is walked), the
 * figures, and the current list items (outermost first) matching the scope
 * the text was compiled with. */
typedef struct pr_tpl_ctx {
    const pr_model *model;
    const pr_figures *figures;
    const pr_value *items[8];
    int depth;
    long index, count;   /* rank of the innermost item among `count` (for
                            @rang, @sep…); count 0: unknown */
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
 * the items (document nodes) into *out (malloc'ed, caller frees), returns
 * their count. A missing list gives 0 items. */
size_t pr_tpl_path_items(const pr_tpl_path *p, const pr_tpl_ctx *ctx,
                         const pr_value ***out);
/* The schema pattern of a compiled list path's items ("equipe.membres[]"). */
const char *pr_tpl_path_item_pattern(const pr_tpl_path *p);
/* The value a field path designates in the context (NULL when absent). */
const pr_value *pr_tpl_path_value(const pr_tpl_path *p, const pr_tpl_ctx *ctx);

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

/* 1 when `pattern` ("reseau.missions[].titre") is a field of the data
 * schema; used by the drift test against real data files. */
int pr_tpl_schema_has(const char *pattern);

/* ---- components ---------------------------------------------------------- */
typedef enum {
    PR_COMP_COVER,          /* couverture */
    PR_COMP_CONTENTS,       /* sommaire */
    PR_COMP_BACK_COVER,     /* quatrieme */
    PR_COMP_HEADING,        /* intertitre */
    PR_COMP_SUBHEADING,     /* sous_titre */
    PR_COMP_PROSE,          /* texte */
    PR_COMP_COLUMNS_TABLE,  /* tableau_colonnes */
    PR_COMP_TILES,          /* tuiles */
    PR_COMP_KEY_FIGURES,    /* chiffres_cles */
    PR_COMP_PEOPLE,         /* cartes_personnes */
    PR_COMP_DATED_LIST,     /* liste_datee */
    PR_COMP_TIMELINE,       /* frise */
    PR_COMP_QUOTES,         /* citations */
    PR_COMP_CALLOUT,        /* encadre */
    PR_COMP_MAP,            /* carte */
    PR_COMP_LINK,           /* lien */
    PR_COMP_PAGE_BREAK,     /* saut_de_page */
    PR_COMP__COUNT
} pr_component_kind;

typedef enum {
    PR_PARAM_TEXT,      /* inline text (placeholders, markup) */
    PR_PARAM_PROSE,     /* multi-paragraph text: inline, or "prose:" name */
    PR_PARAM_PATH,      /* a data path to a list (source of items) */
    PR_PARAM_FIGURE,    /* a figure id */
    PR_PARAM_NUMBER,    /* a number */
    PR_PARAM_WORD,      /* one of a fixed set of words */
    PR_PARAM_LIST,      /* a list of maps, each with its own parameters */
    PR_PARAM_BLOCK,     /* the name of a textes.txt block (compiled as PROSE) */
    PR_PARAM_FIELD,     /* a field of the source's items ("date") */
    PR_PARAM_COND,      /* a condition, as in {{#si …}}: the component is
                           left out when it is false */
    PR_PARAM_COLOR      /* a palette colour name or #RRGGBB */
} pr_param_kind;

typedef struct pr_param_spec pr_param_spec;
struct pr_param_spec {
    const char *name;            /* French key in structure.yaml */
    pr_param_kind kind;
    int required;
    int per_item;                /* TEXT/PROSE: compiled in the scope of the
                                    items of the sibling `source` path */
    const char *const *words;    /* WORD: allowed values, NULL-terminated */
    const pr_param_spec *sub;    /* LIST: the parameters of each element,
                                    terminated by a NULL name */
};

typedef struct pr_component_spec {
    pr_component_kind kind;
    const char *name;            /* "cartes_personnes" */
    const pr_param_spec *params; /* terminated by a NULL name */
} pr_component_spec;

/* The fixed list of components, in pr_component_kind order. */
const pr_component_spec *pr_component_specs(void);

typedef struct pr_tpl_params pr_tpl_params;
typedef struct pr_tpl_param {
    const pr_param_spec *spec;
    pr_pos pos;
    const char *word;            /* WORD, FIGURE (the id), PATH (as written) */
    double number;               /* NUMBER */
    pr_tpl_text *text;           /* TEXT, PROSE, BLOCK (the block's text), COND */
    pr_tpl_path *path;           /* PATH, FIELD */
    pr_tpl_params *list;         /* LIST: n_list parameter sets */
    size_t n_list;
} pr_tpl_param;

struct pr_tpl_params {
    pr_tpl_param *items;
    size_t n;
    pr_pos pos;                  /* the map they were read from */
};

/* A parameter by name, or NULL when absent. */
const pr_tpl_param *pr_tpl_param_get(const pr_tpl_params *ps, const char *name);

typedef struct pr_tpl_component {
    const pr_component_spec *spec;
    pr_tpl_params params;
    pr_pos pos;
} pr_tpl_component;

typedef struct pr_tpl_section {
    const char *numeral;         /* "1" (as written in structure.yaml) */
    pr_tpl_text *title;          /* divider and contents title */
    pr_tpl_text *short_title;    /* running header (opt., NULL) */
    pr_tpl_component *components;
    size_t n_components;
    pr_pos pos;
} pr_tpl_section;

/* ---- style ---------------------------------------------------------------- */
/* Colours are doc.h's pr_rgb (0xRRGGBB). */
typedef struct pr_font_style {
    pr_style weight;             /* face of the font set (fonts/fonts.conf):
                                    style.yaml `graisse: bold` */
    double size;                 /* points */
    pr_rgb color;
} pr_font_style;

/* Font roles of style.yaml `polices`. */
typedef enum {
    PR_FONT_TITLE,      /* titre: divider and cover titles */
    PR_FONT_H1,         /* intertitre */
    PR_FONT_H2,         /* sous_titre */
    PR_FONT_BODY,       /* texte */
    PR_FONT_CAPTION,    /* legende */
    PR_FONT_FIGURE,     /* chiffre: big numbers */
    PR_FONT_NUMERAL,    /* numero: divider numerals */
    PR_FONT_HEADER,     /* entete: running header and footer */
    PR_FONT__COUNT
} pr_font_role;

/* Colour roles of style.yaml `couleurs` (names of palette colours), used
 * by the layout engine for everything a component style does not set. */
typedef enum {
    PR_ROLE_PRIMARY,     /* principale: titles, rules, header */
    PR_ROLE_SECONDARY,   /* secondaire: second accent */
    PR_ROLE_ACCENT,      /* accent: third accent */
    PR_ROLE_TEXT,        /* texte */
    PR_ROLE_MUTED,       /* discret: captions, header and footer */
    PR_ROLE_LIGHT,       /* fond_clair: boxes and cards */
    PR_ROLE_RULE,        /* filet: thin lines */
    PR_ROLE_LINK,        /* lien */
    PR_ROLE_ON_PRIMARY,  /* sur_principale: text on the primary colour */
    PR_ROLE__COUNT
} pr_color_role;

typedef struct pr_tpl_style {
    double page_w, page_h;       /* points */
    double margin_top, margin_bottom, margin_left, margin_right; /* points */
    pr_font_style fonts[PR_FONT__COUNT];
    pr_rgb roles[PR_ROLE__COUNT];
    /* palette: named colours, in file order */
    const char **color_names;
    pr_rgb *colors;
    size_t n_colors;
    const pr_value *components;  /* `composants`: validated map of maps */
} pr_tpl_style;

/* A colour of the style by palette name, or `fallback`. */
pr_rgb pr_style_color(const pr_tpl_style *s, const char *name, pr_rgb fallback);
/* A component style value (style.yaml composants.COMP.KEY): a colour
 * (palette name or #RRGGBB), a number, or a word; `fallback` when absent. */
pr_rgb pr_style_comp_color(const pr_tpl_style *s, const char *comp, const char *key,
                           pr_rgb fallback);
double pr_style_comp_number(const pr_tpl_style *s, const char *comp, const char *key,
                            double fallback);
const char *pr_style_comp_word(const pr_tpl_style *s, const char *comp, const char *key,
                               const char *fallback);

/* ---- the template ---------------------------------------------------------- */
typedef struct pr_template {
    pr_arena arena;              /* trees of the YAML files */
    const char *dir;
    pr_tpl_component cover, contents, back_cover;
    pr_tpl_section *sections;
    size_t n_sections;
    pr_tpl_style style;
    /* textes.txt blocks (name -> text), kept for lookups */
    size_t n_blocks;
    struct pr_tpl_block *blocks;
    pr_tpl_text **texts;         /* every compiled text, freed with t */
    size_t n_texts;
} pr_template;

/* Load and check a template folder. Returns NULL after adding errors (I/O
 * errors set *io_error when not NULL). */
pr_template *pr_template_load(const char *dir, pr_diags *d, int *io_error);
void pr_template_free(pr_template *t);   /* accepts NULL */

/* ---- French formatting of values (used by the filters) ------------------- */
/* "7 décembre 2023" / "1er mars 2023" / "décembre 2023" / "2023". */
char *pr_tpl_format_date(pr_date dt);
/* Parse "2023-12-07", "2023-12" or "2023"; 0 on success. */
int pr_tpl_parse_date(const char *s, pr_date *out);

#endif
