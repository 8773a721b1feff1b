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
    double opacity;                        /* 0 or 1: opaque; else 0 < a < 1 */
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
    PR_OP_UNCLIP       /* pop the last clip */
} pr_op_kind;

typedef struct pr_op {
    pr_op_kind kind;
    union {
        struct {                           /* PR_OP_TEXT */
            int font;                      /* index from pr_doc_font() */
            double size;                   /* points */
            pr_rgb color;
            double x, y;                   /* left end of the baseline */
            double char_spacing;           /* extra space per glyph (0) */
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
        } link;
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

/* Set the document information (strings copied; NULL fields left unset). */
void pr_doc_set_info(pr_doc *doc, const pr_doc_info *info);

/* Add an outline (bookmark) entry; entries are kept in call order and the
 * hierarchy follows the levels (a level-2 entry belongs to the previous
 * level-1 entry). */
void pr_doc_add_outline(pr_doc *doc, const char *title, int level, int page, double y);

/* Operations, all appended to page `pg` (index) of `doc`. */
void pr_doc_text(pr_doc *doc, int pg, int font, double size, pr_rgb color,
                 double x, double baseline_y, const char *utf8);
void pr_doc_text_n(pr_doc *doc, int pg, int font, double size, pr_rgb color,
                   double x, double baseline_y, const char *utf8, size_t len);
void pr_doc_rect(pr_doc *doc, int pg, pr_box box, double radius, const pr_paint *paint);
void pr_doc_line(pr_doc *doc, int pg, double x1, double y1, double x2, double y2,
                 const pr_paint *paint);
void pr_doc_path(pr_doc *doc, int pg, const pr_path *path, pr_fill_rule rule,
                 const pr_paint *paint);
void pr_doc_circle(pr_doc *doc, int pg, double cx, double cy, double r,
                   const pr_paint *paint);
void pr_doc_image(pr_doc *doc, int pg, const char *path, const struct pr_image *pixels,
                  pr_box box);
void pr_doc_link_uri(pr_doc *doc, int pg, pr_box box, const char *uri);
void pr_doc_link_dest(pr_doc *doc, int pg, pr_box box, int dest_page, double dest_y);
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

#endif
