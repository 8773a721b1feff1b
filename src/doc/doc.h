/* doc.h — the laid-out document: a display list of pages holding drawing
 * operations, plus outline entries, links and document information.
 *
 * The display list is independent of any PDF library: the layout engine
 * (layout.c), the maps (map drawing) and custom components append operations
 * to it; the PDF backend (render_pdf.c) turns it into a file.
 *
 * Coordinates: points (1/72 inch), origin at the TOP-LEFT corner of the page,
 * y growing DOWNWARDS. A text run is positioned by the left end of its
 * baseline. The backend converts to PDF's bottom-left origin.
 *
 * Colours: 0xRRGGBB in a pr_rgb (uint32); PR_RGB_NONE means "do not
 * fill" / "do not stroke".
 *
 * Fonts: the document keeps a table of font faces identified by the path of
 * their TrueType file (pr_doc_font()); text runs refer to a face by index.
 *
 * Structure: the document's logical structure travels with the display
 * list, as tagged PDF wants it (ISO 32000-1, 14.7 and 14.8): a tree of
 * nodes (Document > Sect > H1, P, L > LI > Lbl + LBody, Table > TR > TH,
 * TD, Figure with its alternative text, Link…), whose order of creation is
 * the reading order. Producers open and close nodes around what they draw
 * (pr_doc_node_open/close); every operation records the node that was
 * current when it was added, or that it is an artifact (drawn between
 * pr_doc_artifact_begin and _end: running heads, folios, backgrounds,
 * decorations). Moving operations to another page, or taking them back,
 * keeps their node: a paragraph split over two pages stays one node.
 *
 * Shared shapes: a path drawn several times (the France outline of the two
 * maps) can be stored once (pr_doc_shape) and drawn from any page with a
 * scale and an offset (PR_OP_SHAPE); the PDF backend writes it once, as a
 * form XObject. pr_doc_share_paths() finds such paths after the fact.
 *
 * Ownership: pr_doc_new() returns a document that owns every page, operation
 * and string (all strings given to pr_doc_* functions are copied);
 * pr_doc_free() frees everything (accepts NULL). */
#ifndef PR_DOC_H
#define PR_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* ---- basic values ------------------------------------------------------ */
/* Decoded photo pixels (image/photo.h): the display list names them only. */
struct pr_image;

typedef uint32_t pr_rgb;                 /* 0xRRGGBB */
#define PR_RGB_NONE ((pr_rgb)0xFF000000u)
#define PR_RGB(r, g, b) ((pr_rgb)(((uint32_t)(r) << 16) | ((uint32_t)(g) << 8) | (uint32_t)(b)))

/* A4 portrait, in points. */
#define PR_A4_WIDTH 595.276
#define PR_A4_HEIGHT 841.890

typedef struct pr_box {
    double x, y, w, h;                     /* top-left corner, size */
} pr_box;

/* How a shape is painted. Zero-initialised = nothing drawn; use
 * pr_paint_fill()/pr_paint_stroke() or set the fields. */
typedef struct pr_paint {
    pr_rgb fill;                         /* PR_RGB_NONE: no fill */
    pr_rgb stroke;                       /* PR_RGB_NONE: no stroke */
    double line_width;                     /* stroke width (0 → 1 pt) */
    double opacity;                        /* 0 or 1: opaque; else 0 < a < 1
                                              (the PDF is opaque: pr_doc_backdrop) */
    double stroke_opacity;                 /* of the stroke, if it differs
                                              (0: same as opacity) */
    double dash_on, dash_off;              /* dashed stroke when dash_on > 0 */
    int round_caps;                        /* round line caps and joins */
} pr_paint;

/* A paint that only fills / only strokes. */
pr_paint pr_paint_fill(pr_rgb fill);
pr_paint pr_paint_stroke(pr_rgb stroke, double width);

/* ---- paths ----------------------------------------------------------- */
typedef enum { PR_SEG_MOVE, PR_SEG_LINE, PR_SEG_CURVE, PR_SEG_CLOSE } pr_seg_kind;

typedef struct pr_seg {
    pr_seg_kind kind;
    double x, y;                           /* end point (MOVE, LINE, CURVE) */
    double x1, y1, x2, y2;                 /* control points (CURVE) */
} pr_seg;

/* A path under construction. Initialise with {0}; free with pr_path_free().
 * Drawing it (pr_doc_path) copies the segments. */
typedef struct pr_path {
    pr_seg *segs;
    size_t n, cap;
} pr_path;

void pr_path_move(pr_path *p, double x, double y);
void pr_path_line(pr_path *p, double x, double y);
void pr_path_curve(pr_path *p, double x1, double y1, double x2, double y2,
                   double x, double y);
void pr_path_close(pr_path *p);
void pr_path_reset(pr_path *p);           /* empties, keeps the memory */
void pr_path_free(pr_path *p);

typedef enum { PR_FILL_NONZERO = 0, PR_FILL_EVENODD } pr_fill_rule;

/* ---- structure --------------------------------------------------------- */
/* Standard structure types (ISO 32000-1, 14.8.4). */
typedef enum {
    PR_TAG_DOCUMENT,
    PR_TAG_PART,
    PR_TAG_SECT,
    PR_TAG_DIV,
    PR_TAG_BLOCKQUOTE,
    PR_TAG_CAPTION,
    PR_TAG_TOC,
    PR_TAG_TOCI,
    PR_TAG_NOTE,
    PR_TAG_H1,
    PR_TAG_H2,
    PR_TAG_H3,
    PR_TAG_H4,
    PR_TAG_H5,
    PR_TAG_H6,
    PR_TAG_P,
    PR_TAG_L,
    PR_TAG_LI,
    PR_TAG_LBL,
    PR_TAG_LBODY,
    PR_TAG_TABLE,
    PR_TAG_TR,
    PR_TAG_TH,
    PR_TAG_TD,
    PR_TAG_SPAN,
    PR_TAG_QUOTE,
    PR_TAG_REFERENCE,
    PR_TAG_LINK,
    PR_TAG_FIGURE,
    PR_TAG_COUNT
} pr_tag;

/* The name of a structure type ("Document", "H1", "LBody"…). */
const char *pr_tag_name(pr_tag tag);

/* What a table header cell heads (its /Scope). */
typedef enum { PR_SCOPE_NONE, PR_SCOPE_ROW, PR_SCOPE_COLUMN, PR_SCOPE_BOTH } pr_scope;

/* The node of an operation that is an artifact (not part of the content). */
#define PR_NODE_ARTIFACT (-1)

typedef struct pr_node {
    pr_tag tag;
    int parent;                            /* index; -1 for node 0, the root
                                              (PR_TAG_DOCUMENT) */
    uint32_t seq;                          /* creation order (see pr_op.seq) */
    const char *role;                      /* a custom structure type, written
                                              as /S and mapped to `tag` in the
                                              RoleMap; NULL: none */
    const char *alt;                       /* /Alt (Figure, Link…), or NULL */
    const char *actual_text;               /* /ActualText, or NULL */
    const char *lang;                      /* /Lang when it differs from the
                                              document's, or NULL */
    pr_scope scope;                        /* TH: /Scope */
} pr_node;

/* ---- shared shapes ------------------------------------------------------ */
typedef struct pr_shape {
    pr_seg *segs;                          /* in the shape's units, y down */
    size_t n;
    pr_fill_rule rule;
    double x0, y0, x1, y1;                 /* bounds of the segments' points */
} pr_shape;

/* ---- operations ------------------------------------------------------- */
typedef enum {
    PR_OP_TEXT,
    PR_OP_RECT,
    PR_OP_LINE,
    PR_OP_PATH,
    PR_OP_CIRCLE,
    PR_OP_IMAGE,
    PR_OP_LINK,
    PR_OP_CLIP,        /* push a clip (rounded rectangle): save state + clip */
    PR_OP_UNCLIP,      /* pop the last clip */
    PR_OP_SHAPE        /* a shared shape, scaled and placed */
} pr_op_kind;

typedef struct pr_op {
    pr_op_kind kind;
    int node;                              /* structure node, or PR_NODE_ARTIFACT */
    uint32_t seq;                          /* creation order among operations
                                              and nodes: the reading order,
                                              whatever moves the layout made */
    union {
        struct {                           /* PR_OP_TEXT */
            int font;                      /* index from pr_doc_font() */
            double size;                   /* points */
            pr_rgb color;
            double x, y;                   /* left end of the baseline */
            double char_spacing;           /* extra space per glyph (0) */
            double word_spacing;           /* extra space after each U+0020
                                              (justified lines), points */
            int kern;                      /* drawn with the font's kerning
                                              pairs between neighbouring
                                              characters (pr_doc_text: 1) */
            const char *text;              /* UTF-8 */
            int page_ref;                  /* > 0: a page number the layout
                                              writes when it finishes (see
                                              pr_layout_draw_page_ref) */
        } text;
        struct {                           /* PR_OP_RECT, PR_OP_CLIP */
            pr_box box;
            double radius;                 /* rounded corners when > 0 */
            pr_paint paint;                /* unused by PR_OP_CLIP */
        } rect;
        struct {                           /* PR_OP_LINE */
            double x1, y1, x2, y2;
            pr_paint paint;                /* uses stroke, width, dash, caps */
        } line;
        struct {                           /* PR_OP_PATH */
            pr_seg *segs;                  /* owned by the document */
            size_t n;
            pr_fill_rule rule;
            pr_paint paint;
        } path;
        struct {                           /* PR_OP_CIRCLE */
            double cx, cy, r;
            pr_paint paint;
        } circle;
        struct {                           /* PR_OP_IMAGE */
            const char *path;              /* the photo's file (for messages) */
            const struct pr_image *pixels; /* its decoded pixels (image/photo.h,
                                            * owned by its cache) */
            pr_box box;                    /* the image is stretched to it */
        } image;
        struct {                           /* PR_OP_LINK (invisible) */
            pr_box box;                    /* clickable area */
            const char *uri;               /* external link, or NULL */
            int dest_page;                 /* internal: 0-based page index */
            double dest_y;                 /* internal: y on that page */
            const char *contents;          /* what the link does, in words
                                              (read by screen readers), or NULL */
        } link;
        struct {                           /* PR_OP_SHAPE */
            int shape;                     /* index in the document's shapes */
            double scale, x, y;            /* page point = (x, y) + scale ×
                                              shape point */
            pr_paint paint;
        } shape;
    } u;
} pr_op;

/* What a page is, for running headers/footers and page numbering. */
typedef enum {
    PR_PAGE_CONTENT = 0,                   /* header + footer */
    PR_PAGE_COVER,                         /* no header, no footer */
    PR_PAGE_DIVIDER,                       /* section divider: none either */
    PR_PAGE_BACK,                          /* back cover */
    PR_PAGE_PLAIN                          /* free page without header */
} pr_page_kind;

typedef struct pr_page {
    double width, height;                  /* points */
    pr_page_kind kind;
    pr_op *ops;
    size_t n_ops, cap_ops;
} pr_page;

typedef struct pr_outline {
    const char *title;                     /* UTF-8 */
    int level;                             /* 1 = top level */
    int page;                              /* 0-based page index */
    double y;                              /* position on that page */
} pr_outline;

typedef struct pr_doc_info {
    const char *title, *author, *subject, *keywords, *creator;
    long long created;                     /* Unix time (UTC); < 0: none */
} pr_doc_info;

typedef struct pr_doc {
    pr_page *pages;
    size_t n_pages, cap_pages;
    const char **fonts;                    /* TTF paths, by face index */
    size_t n_fonts, cap_fonts;
    pr_outline *outline;
    size_t n_outline, cap_outline;
    pr_doc_info info;
    const char *lang;                      /* BCP 47 language of the text
                                              ("fr-FR" unless set) */
    int front_matter;                      /* the first pages (cover,
                                              contents) numbered apart: page
                                              labels i, ii…, the others by
                                              their page number (n + 1);
                                              0: all by page number */
    pr_node *nodes;                        /* node 0: the Document root */
    size_t n_nodes, cap_nodes;
    int cur_node;                          /* node of the operations added now */
    int artifact_depth;                    /* > 0: operations are artifacts */
    uint32_t seq;                          /* next sequence number */
    pr_shape *shapes;
    size_t n_shapes, cap_shapes;
    pr_arena arena;                        /* strings and path segments */
} pr_doc;

/* ---- building --------------------------------------------------------- */
pr_doc *pr_doc_new(void);
void pr_doc_free(pr_doc *doc);

/* Append a page of the given size (points) and kind; returns its index.
 * Pages are stored by value: re-fetch them with pr_doc_page() after adding
 * another page. */
int pr_doc_add_page(pr_doc *doc, double width, double height, pr_page_kind kind);
pr_page *pr_doc_page(pr_doc *doc, int index);

/* Index of the font face stored in TrueType file `ttf_path` (added on first
 * use). */
int pr_doc_font(pr_doc *doc, const char *ttf_path);

/* Set the document information (strings copied; NULL fields left
 * unchanged). */
void pr_doc_set_info(pr_doc *doc, const pr_doc_info *info);

/* Set the language of the document's text (BCP 47, e.g. "fr-FR"; copied). */
void pr_doc_set_lang(pr_doc *doc, const char *lang);

/* Add an outline (bookmark) entry; entries are kept in call order and the
 * hierarchy follows the levels (a level-2 entry belongs to the previous
 * level-1 entry). */
void pr_doc_add_outline(pr_doc *doc, const char *title, int level, int page, double y);

/* Operations, all appended to page `pg` (index) of `doc`. Text is drawn
 * kerned: its advance is what pr_metrics_width(…, kern = 1) measures (the
 * font's advances plus the kerning pair of each two neighbouring
 * characters), plus word_spacing after each U+0020 (pr_doc_text_run). */
void pr_doc_text(pr_doc *doc, int pg, int font, double size, pr_rgb color,
                 double x, double baseline_y, const char *utf8);
void pr_doc_text_n(pr_doc *doc, int pg, int font, double size, pr_rgb color,
                   double x, double baseline_y, const char *utf8, size_t len);
/* The same, kerned or not, with `word_spacing` points added after each
 * space (a line of justified text: its spaces are real U+0020, widened). */
void pr_doc_text_run(pr_doc *doc, int pg, int font, double size, pr_rgb color,
                     double x, double baseline_y, const char *utf8, size_t len, int kern,
                     double word_spacing);
void pr_doc_rect(pr_doc *doc, int pg, pr_box box, double radius, const pr_paint *paint);
void pr_doc_line(pr_doc *doc, int pg, double x1, double y1, double x2, double y2,
                 const pr_paint *paint);
void pr_doc_path(pr_doc *doc, int pg, const pr_path *path, pr_fill_rule rule,
                 const pr_paint *paint);
void pr_doc_circle(pr_doc *doc, int pg, double cx, double cy, double r,
                   const pr_paint *paint);
void pr_doc_image(pr_doc *doc, int pg, const char *path, const struct pr_image *pixels,
                  pr_box box);
/* Links: `contents` says in words where the link leads (copied; NULL: the
 * backend writes the address, or the page number). */
void pr_doc_link_uri(pr_doc *doc, int pg, pr_box box, const char *uri, const char *contents);
void pr_doc_link_dest(pr_doc *doc, int pg, pr_box box, int dest_page, double dest_y,
                      const char *contents);
/* Clip what follows to a (rounded) rectangle until the matching unclip. */
void pr_doc_clip(pr_doc *doc, int pg, pr_box box, double radius);
void pr_doc_unclip(pr_doc *doc, int pg);

/* Remove every operation of page `pg` from index `from` on (used by the
 * layout engine to take back a block that must move to the next page). */
void pr_doc_truncate(pr_doc *doc, int pg, size_t from);
/* Move the operations of page `src` from index `from` on to the end of page
 * `dst` (which may equal `src`), shifting them by (dx, dy). Used to relocate
 * a block drawn at a tentative position. */
void pr_doc_move_ops(pr_doc *doc, int src, size_t from, int dst, double dx, double dy);
/* Move the last operation of page `pg` to index `at` (shifting the others
 * up): draws something under what was drawn since `at` (backgrounds). */
void pr_doc_insert_last(pr_doc *doc, int pg, size_t at);

/* ---- structure -------------------------------------------------------- */
/* A new node of type `tag`, child of the current node, and made current;
 * returns its index. Nodes are kept in creation order, which is the
 * reading order (pr_node.seq). */
int pr_doc_node_open(pr_doc *doc, pr_tag tag);
/* Close `node` (the current node, or one of its ancestors): its parent
 * becomes current. */
void pr_doc_node_close(pr_doc *doc, int node);
/* The current node (0, the root, at first). */
int pr_doc_node_current(const pr_doc *doc);
/* Make an existing node current again (e.g. to draw the rest of a
 * paragraph, or a link found later); returns the node that was current,
 * to give back to pr_doc_node_leave. */
int pr_doc_node_enter(pr_doc *doc, int node);
void pr_doc_node_leave(pr_doc *doc, int previous);
/* Attributes of a node (strings copied; NULL clears). */
void pr_doc_node_alt(pr_doc *doc, int node, const char *alt);
void pr_doc_node_actual_text(pr_doc *doc, int node, const char *text);
void pr_doc_node_lang(pr_doc *doc, int node, const char *lang);
void pr_doc_node_role(pr_doc *doc, int node, const char *role);
void pr_doc_node_scope(pr_doc *doc, int node, pr_scope scope);
/* Is `node` `ancestor` or one of its descendants? */
int pr_doc_node_within(const pr_doc *doc, int node, int ancestor);

/* Operations added between begin and end are artifacts (they nest). */
void pr_doc_artifact_begin(pr_doc *doc);
void pr_doc_artifact_end(pr_doc *doc);

/* ---- shared shapes ----------------------------------------------------- */
/* Store `path` once as a shape (its coordinates are the shape's units);
 * returns its index. */
int pr_doc_shape(pr_doc *doc, const pr_path *path, pr_fill_rule rule);
/* Draw shape `shape` on page `pg`: shape point (sx, sy) lands on
 * (x + scale × sx, y + scale × sy); strokes keep their width in points. */
void pr_doc_shape_use(pr_doc *doc, int pg, int shape, double scale, double x, double y,
                      const pr_paint *paint);
/* Replace the paths of at least `min_segs` segments that are drawn more
 * than once (the same outline up to a uniform scale and an offset) by uses
 * of one shared shape each, in place (same paint, node and order). Returns
 * the number of paths replaced. */
size_t pr_doc_share_paths(pr_doc *doc, size_t min_segs);

/* ---- colours ----------------------------------------------------------- */
/* `over` painted with opacity `alpha` (0..1) over `under`. */
pr_rgb pr_rgb_blend(pr_rgb over, pr_rgb under, double alpha);
/* The colour at (x, y) of page `pg` under its operation `before` (and all
 * that follows): the fills of the earlier rectangles, circles, paths and
 * shapes that cover the point, within their clips, over a white page, each
 * with its opacity. Strokes, text and images are not counted. Used to paint
 * translucent operations with opaque colours that look the same (PDF/A-1
 * forbids transparency). */
pr_rgb pr_doc_backdrop(const pr_doc *doc, int pg, size_t before, double x, double y);

#endif
