/* template_style.h — a template's style.yaml, read once when the template
 * is loaded into typed values: the page (size, margins), the palette
 * (named colours), the colour roles (`couleurs`), the font roles
 * (`polices`) and one struct per component style (`composants`).
 *
 * Every field is resolved at load: what style.yaml does not set takes its
 * default from the tables of template_style.c (for component styles, most
 * defaults are a colour role or a font role of the same file, so a
 * template that sets its roles recolours every component). An unknown
 * section, role, component style or entry, a value of the wrong kind and an
 * unknown colour are template errors at their position in style.yaml. The
 * composition code (report.c) reads fields, never names: a misspelt field
 * does not compile.
 *
 * Colours are doc.h's pr_rgb (0xRRGGBB; PR_RGB_NONE: not drawn); sizes and
 * spaces are in points.
 *
 * Ownership: the palette's names point into the style.yaml tree and the
 * arrays into the arena given to pr_tpl_style_load (the template's). */
#ifndef PR_TEMPLATE_STYLE_H
#define PR_TEMPLATE_STYLE_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"
#include "data/value.h"
#include "doc/doc.h"
#include "typeset/font.h"

/* A font role of `polices`. */
typedef struct pr_tpl_font {
    pr_style weight;             /* face of the font set (fonts/fonts.conf):
                                    style.yaml `graisse: bold` */
    double size;                 /* points */
    pr_rgb color;
} pr_tpl_font;

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
 * by the layout engine, and as the defaults of the component styles. */
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

/* ---- component styles: style.yaml `composants.GROUP.ENTRY` ---------------
 * The French names are those of style.yaml; the defaults are in
 * template_style.c (comp_fields), documented in report-templates/README.md. */
typedef struct pr_tpl_cover_style {        /* couverture */
    pr_rgb background;                     /* fond */
    pr_rgb band;                           /* bandeau: the top band */
    pr_rgb text;                           /* texte */
    pr_rgb accent;                         /* accent: rules */
} pr_tpl_cover_style;

typedef struct pr_tpl_contents_style {     /* sommaire */
    pr_rgb numeral;                        /* numero */
    pr_rgb text;                           /* texte */
    pr_rgb rule;                           /* filet */
} pr_tpl_contents_style;

typedef struct pr_tpl_divider_style {      /* intercalaire */
    pr_rgb background;                     /* fond */
    pr_rgb text;                           /* texte */
    pr_rgb numeral;                        /* numero */
    pr_rgb rule;                           /* filet */
} pr_tpl_divider_style;

typedef struct pr_tpl_back_cover_style {   /* quatrieme */
    pr_rgb background;                     /* fond */
    pr_rgb text;                           /* texte */
    pr_rgb accent;                         /* accent */
} pr_tpl_back_cover_style;

typedef struct pr_tpl_heading_style {      /* intertitre */
    double space_before;                   /* espace_avant */
    double space_after;                    /* espace_apres */
} pr_tpl_heading_style;

typedef struct pr_tpl_subheading_style {   /* sous_titre */
    double space_before;                   /* espace_avant */
} pr_tpl_subheading_style;

typedef struct pr_tpl_body_style {         /* texte */
    double leading;                        /* interligne: times the size */
    double paragraph_space;                /* espace_paragraphe */
} pr_tpl_body_style;

typedef struct pr_tpl_tiles_style {        /* tuiles */
    pr_rgb accent;                         /* accent: the tiles' band */
    pr_rgb label;                          /* etiquette: band of a tile with a label */
} pr_tpl_tiles_style;

typedef struct pr_tpl_key_figures_style {  /* chiffres_cles */
    pr_rgb background;                     /* fond */
    pr_rgb figure;                         /* chiffre */
    pr_rgb text;                           /* texte */
    pr_rgb accent;                         /* accent */
} pr_tpl_key_figures_style;

typedef struct pr_tpl_people_style {       /* cartes_personnes */
    pr_rgb disc;                           /* pastille: the initials' disc */
} pr_tpl_people_style;

typedef struct pr_tpl_dated_list_style {   /* liste_datee */
    pr_rgb date_background;                /* date_fond: dates and discs */
} pr_tpl_dated_list_style;

typedef struct pr_tpl_timeline_style {     /* frise */
    pr_rgb disc;                           /* pastille: the closing entry */
} pr_tpl_timeline_style;

typedef struct pr_tpl_callout_style {      /* encadre */
    pr_rgb background;                     /* fond */
    pr_rgb border;                         /* bordure */
    pr_rgb title;                          /* titre */
} pr_tpl_callout_style;

typedef struct pr_tpl_map_box_style {      /* carte */
    pr_rgb background;                     /* fond */
    pr_rgb border;                         /* bordure */
    pr_rgb text;                           /* texte */
} pr_tpl_map_box_style;

typedef struct pr_tpl_link_style {         /* lien */
    pr_rgb color;                          /* couleur */
    pr_rgb background;                     /* fond */
} pr_tpl_link_style;

typedef struct pr_tpl_columns_style {      /* tableau_colonnes */
    pr_rgb header_background;              /* entete_fond */
} pr_tpl_columns_style;

typedef struct pr_tpl_components {
    pr_tpl_cover_style cover;
    pr_tpl_contents_style contents;
    pr_tpl_divider_style divider;
    pr_tpl_back_cover_style back_cover;
    pr_tpl_heading_style heading;
    pr_tpl_subheading_style subheading;
    pr_tpl_body_style body;
    pr_tpl_tiles_style tiles;
    pr_tpl_key_figures_style key_figures;
    pr_tpl_people_style people;
    pr_tpl_dated_list_style dated_list;
    pr_tpl_timeline_style timeline;
    pr_tpl_callout_style callout;
    pr_tpl_map_box_style map;
    pr_tpl_link_style link;
    pr_tpl_columns_style columns;
} pr_tpl_components;

/* ---- the style ------------------------------------------------------------ */
typedef struct pr_tpl_style {
    double page_w, page_h;       /* points */
    double margin_top, margin_bottom, margin_left, margin_right; /* points */
    /* page.colonne_texte: the running text's column, largeur wide,
     * retrait from the frame's left edge (points; 0: the frame's width) */
    double text_width, text_indent;
    pr_tpl_font fonts[PR_FONT__COUNT];
    pr_rgb roles[PR_ROLE__COUNT];
    /* palette: named colours, in file order */
    const char **color_names;
    pr_rgb *colors;
    size_t n_colors;
    pr_tpl_components comp;      /* `composants`, every entry resolved */
} pr_tpl_style;

/* Read style.yaml's tree `root` into *s (root NULL: the defaults only).
 * Arrays are allocated in `arena`. Returns the number of errors added to
 * `d` (template errors, positioned). */
size_t pr_tpl_style_load(pr_tpl_style *s, const pr_value *root, pr_arena *arena, pr_diags *d);

/* A colour written as a palette name or #RRGGBB; 0 and *out set, or -1. */
int pr_tpl_style_color(const pr_tpl_style *s, const char *text, pr_rgb *out);

/* ---- checks shared with structure.yaml (template.c) -------------------- */
/* The template error for a colour value `v` that pr_tpl_style_color does
 * not know (with a palette suggestion). */
void pr_tpl_style_color_error(const pr_tpl_style *s, const pr_value *v, pr_diags *d);
/* A number in [lo, hi] from a scalar; 0 and *out set, or -1 after a
 * template error. */
int pr_tpl_read_number(const pr_value *v, double lo, double hi, double *out, pr_diags *d);
/* The template error for an unknown name: "WHAT inconnu(e) « KEY »" with
 * the closest of `known` (NULL-terminated) as a suggestion, or the list. */
void pr_tpl_unknown_key(pr_diags *d, pr_pos pos, const char *what, const char *key,
                        const char *const *known);

#endif
