/* template.h — a report template: a folder (report-templates/NAME/)
 * holding structure.yaml (cover, contents, sections and their components,
 * back cover), textes.txt (named prose blocks) and style.yaml (page,
 * palette, fonts, component styles). Wording, order, colours and fonts
 * change without recompiling. Loading checks every component and parameter
 * against the fixed component table and compiles every text with the text
 * language (template_text.h); every error is a template diagnostic
 * positioned in the template's files.
 *
 * Ownership: a pr_template owns everything it points to; pr_template_free()
 * releases it. */
#ifndef PR_TEMPLATE_H
#define PR_TEMPLATE_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"
#include "compose/template_style.h"
#include "compose/template_text.h"
#include "doc/doc.h"
#include "typeset/font.h"

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
    PR_COMP_GROUP,          /* groupe: components, repeated for each item
                               of its source */
    PR_COMP_EVOLUTION,      /* evolution: key figures over the years (at
                               most PR_EVOLUTION_MAX) */
    PR_COMP_CORRECTIONS,    /* chiffres_corriges */
    PR_COMP__COUNT
} pr_component_kind;

/* The most figures an `evolution` chart shows (compose/chart.h). */
#define PR_EVOLUTION_MAX 5          /* rows drawn */
#define PR_EVOLUTION_CANDIDATES 12  /* figures a template may list */

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
    PR_PARAM_COLOR,     /* a palette colour name or #RRGGBB */
    PR_PARAM_COMPONENTS /* a list of components (a group's) */
} pr_param_kind;

typedef struct pr_param_spec pr_param_spec;
struct pr_param_spec {
    const char *name;            /* French key in structure.yaml */
    pr_param_kind kind;
    int required;
    int per_item;                /* TEXT/PROSE/COND/COMPONENTS: compiled in
                                    the scope of the items of the sibling
                                    `source` path */
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
    const char *word;            /* WORD, FIGURE (the id), PATH and COLOR (as
                                    written) */
    pr_rgb color;                /* COLOR, resolved */
    double number;               /* NUMBER */
    pr_tpl_text *text;           /* TEXT, PROSE, BLOCK (the block's text), COND */
    pr_tpl_path *path;           /* PATH, FIELD */
    pr_tpl_params *list;         /* LIST: n_list parameter sets */
    size_t n_list;
    struct pr_tpl_component *children;   /* COMPONENTS */
    size_t n_children;
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
    const char *numeral;         /* as written in structure.yaml (optional,
                                    unused: sections are numbered in order,
                                    leaving out the empty ones) */
    pr_tpl_text *title;          /* divider and contents title */
    pr_tpl_text *short_title;    /* running header (opt., NULL) */
    pr_tpl_component *components;
    size_t n_components;
    pr_pos pos;
} pr_tpl_section;

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

/* Load and check a template folder. Returns NULL after adding errors:
 * template errors, or I/O errors for a file that cannot be read. */
pr_template *pr_template_load(const char *dir, pr_diags *d);
void pr_template_free(pr_template *t);   /* accepts NULL */

#endif
