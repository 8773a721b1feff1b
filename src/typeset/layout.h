/* layout.h — the page-flow engine: places blocks (headings, paragraphs,
 * lists, tables, cards, tiles, timelines, quotes, boxes, images, custom
 * drawings) one under the other in the content frame of the pages (A4 by
 * default), breaks
 * pages, and produces the display list (doc.h) that the PDF backend renders.
 *
 * Typical use by the composition code:
 *
 *   pr_layout_style st = pr_layout_style_default(&fonts);   (then adjust)
 *   pr_layout *L = pr_layout_new(&st, diags);
 *   int pg = pr_layout_free_page(L, PR_PAGE_COVER);  ... draw the cover ...
 *   pr_layout_heading(L, 1, NULL, "Le réseau en bref", "reseau");
 *   pr_layout_paragraph(L, "Le **réseau** fédère…", NULL);
 *   pr_doc *doc = pr_layout_finish(L);   (headers, footers, links)
 *   pr_pdf_write(doc, path, diags);  pr_doc_free(doc);  pr_layout_free(L);
 *
 * Pages are created lazily: the first block after a free page (cover,
 * divider) opens a new content page.
 *
 * Text: every function taking `markup` parses it with the text engine's
 * markup (text.h: **gras**, *italique*, [lien](https://…), ^e^) and French
 * typography, in the given text style (or the body style when NULL). Layout
 * never copies prose: all text comes from the caller.
 *
 * Rules the flow enforces (report-templates/README.md, « Règles de mise en
 * page », says the same for template authors):
 *  - a heading is kept with at least PR_LAYOUT_KEEP_LINES lines of what
 *    follows (or all of it when shorter): never last on a page, never at
 *    the foot of a page with one or two lines under it; a lead-in
 *    paragraph (keep_with_next) is kept with the first piece of what
 *    follows; a chain of headings kept together (a short subsection, then
 *    the next heading) that would move from the top fifth of a page breaks
 *    at its last heading that follows content instead (the earlier ones
 *    have all they head under them), and a heading in the top fifth with
 *    lines under it lets a keep group that follows (a map) move alone;
 *  - paragraphs and list items split between lines with at least 2 lines on
 *    each side (no widow, no orphan);
 *  - tables split between rows, the header row repeated on each page;
 *  - cards, tiles, quotes, custom blocks, table rows, timeline entries and
 *    keep-together boxes and groups move whole to the next page when they
 *    do not fit, except where that would leave a nearly empty page (less
 *    than PR_LAYOUT_NEARLY_EMPTY of the frame used): a keep group or box
 *    that starts in the top fifth of a page splits instead, and a row of
 *    cards, a timeline entry or a quote splits between its lines;
 *  - a block taller than a page never runs past the footer: rows of cards,
 *    timeline entries and quotes split between lines, images and custom
 *    blocks are scaled to the frame;
 *  - a table in columns (pr_layout_columns) splits between lines like a
 *    table, its header bands repeated on each page;
 *  - a timeline's last entry does not go alone to a new page, nor the last
 *    row of a grid of cards when it has fewer cards than the others (it is
 *    kept with the row before);
 *  - vertical spaces collapse (the larger wins) and vanish at a page top.
 *
 * Page numbers of a table of contents: pr_layout_draw_page_ref() draws
 * the number of a page not laid out yet (written at pr_layout_finish), in
 * one pass; or, in two passes, lay out once, then again with
 * pr_layout_set_previous(L2, L1): pr_layout_page_of() then answers from the
 * first pass. Page numbers are 1-based physical page numbers (the cover is
 * page 1).
 *
 * Overflow: text that does not fit a fixed box (a long name in a card, a
 * label in a tile) is shrunk (down to 75 % of its size) or wrapped; if it
 * still does not fit, it is cut to the lines that fit and a French warning
 * is added to the diagnostics (at the position set by pr_layout_at()).
 *
 * Structure (tagged PDF, doc.h): the blocks tag what they draw: a P for
 * each paragraph (one P when it splits over two pages), H1–H3 for
 * headings (a level-1 heading opens a new Sect; levels never skip: a
 * level-3 heading after a level-1 one is tagged H2), L > LI > Lbl + LBody
 * for lists, cards (the badge as label), tiles and timelines, Table > TR >
 * TH (Scope Column) / TD for tables (a header row repeated on a new page
 * is an artifact), a Div for a box, BlockQuote for a quote, Figure (with
 * its alternative text) and Caption for an image, TOCI > Link for a
 * contents line, Link for links (with their annotation and its words),
 * Span with its /Lang for a passage in another language ([texte]{lang=en},
 * text.h).
 * Backgrounds, rules, bars, bullets' drawing, dots and the running heads
 * and folios are artifacts. Text drawn with the drawing helpers goes in
 * the current node, as a P when that node holds paragraphs (Sect, Div,
 * LBody…). Custom blocks and free pages tag what they draw themselves,
 * with the functions of the "structure" section below (or doc.h's).
 *
 * Coordinates are those of doc.h (points, top-left origin, y down).
 *
 * Ownership: pr_layout_new copies the style (the font set and hyphenation
 * dictionary it points to must outlive the layout). pr_layout_finish hands
 * the document to the caller (who frees it with pr_doc_free); the layout
 * stays usable for queries (anchors, page count) until pr_layout_free.
 */
#ifndef PR_LAYOUT_H
#define PR_LAYOUT_H

#include <stddef.h>

#include "base/diag.h"
#include "doc/doc.h"
#include "image/photo.h"
#include "typeset/font.h"
#include "typeset/text.h"

typedef struct pr_layout pr_layout;

/* A page whose flow used less than this fraction of the frame is "nearly
 * empty": the flow avoids leaving one behind (see the rules above). */
#define PR_LAYOUT_NEARLY_EMPTY 0.2
/* Lines of what follows a heading that stay on its page with it. */
#define PR_LAYOUT_KEEP_LINES 3

/* ---- styles ------------------------------------------------------------ */

/* How a run of text looks and flows. */
typedef struct pr_text_style {
    pr_style font;            /* role in the font set (PR_STYLE_REGULAR…) */
    double size;              /* points */
    pr_rgb color;
    pr_align align;           /* PR_ALIGN_JUSTIFY, _LEFT, _CENTER, _RIGHT */
    double leading;           /* line height / size (e.g. 1.35) */
    double space_before;      /* points, collapsing */
    double space_after;       /* points, collapsing */
    int hyphenate;            /* use the style's hyphenation dictionary */
    int keep_with_next;       /* paragraphs of at most 3 lines (an intro
                                 "… ainsi :") stay with what follows */
} pr_text_style;

/* The palette, filled from the template's style file. */
typedef struct pr_palette {
    pr_rgb primary;           /* titles, rules, header (e.g. bleu France) */
    pr_rgb secondary;         /* second accent (e.g. rouge Marianne) */
    pr_rgb accent;            /* third accent for highlights */
    pr_rgb text;              /* body text */
    pr_rgb muted;             /* captions, running header and footer */
    pr_rgb light;             /* box and card backgrounds, zebra rows */
    pr_rgb rule;              /* thin separator lines */
    pr_rgb link;              /* link text */
    pr_rgb on_primary;        /* text drawn on `primary` (usually white) */
} pr_palette;

/* Called for every content page by pr_layout_finish() instead of the
 * default header and footer, if set. `section` is the running section title
 * of the page (or ""). Draw with pr_layout_doc()/pr_layout_draw_*(). */
typedef void (*pr_page_decorate_fn)(pr_layout *L, int page, int page_number,
                                    int page_count, const char *section, void *ctx);

typedef struct pr_layout_style {
    double page_width, page_height;        /* points (A4 default) */
    double margin_top, margin_bottom;      /* content frame */
    double margin_left, margin_right;
    const pr_fontset *fonts;               /* required */
    struct pr_para_cache *para_cache;      /* NULL: none (see text.h); not owned */
    const pr_hyph *hyph;                   /* NULL: no hyphenation */
    pr_palette palette;

    pr_text_style body;                    /* paragraphs */
    pr_text_style heading[3];              /* levels 1, 2, 3 */
    pr_text_style small;                   /* captions, credits, table text */
    /* The text column: running text (paragraphs, lists, quotes, boxes) of
     * the body pages (after pr_layout_front_matter_end) is set text_width
     * wide, text_indent from the frame's left edge, for a measure of 60
     * to 85 characters; headings, cards, tiles, tables, timelines, images
     * and custom blocks keep the frame's width. 0: the frame's width. */
    double text_width, text_indent;
    double list_indent;                    /* hanging indent of list items */
    double list_item_space;                /* space between list items */
    double gutter;                         /* between grid columns */
    double radius;                         /* corner radius of cards/boxes */

    /* Running header and footer on content pages. */
    const char *header_title;              /* network name, left of header */
    double header_size;                    /* font size of header/footer */
    pr_page_decorate_fn decorate;          /* NULL: default header/footer */
    void *decorate_ctx;
} pr_layout_style;

/* Sensible defaults (A4; margins 70 pt top, 68 pt bottom, 62 pt sides;
 * Marianne-like palette; body 10 pt justified; headings 22/14.5/11.5 pt)
 * for the given font set. The report overrides most of them from the
 * template's style.yaml (compose/template_style.h). */
pr_layout_style pr_layout_style_default(const pr_fontset *fonts);

/* ---- life cycle ---------------------------------------------------------- */

/* A new layout; diagnostics (warnings: overflow, missing anchors) go to `d`,
 * which may be NULL (then they are dropped). */
pr_layout *pr_layout_new(const pr_layout_style *style, pr_diags *d);
void pr_layout_free(pr_layout *L);        /* accepts NULL; frees the doc too
                                             unless pr_layout_finish took it */
/* Draw the page number of anchor `id` at the top of `col`, aligned as
 * ts->align says (left, centre or right), in style ts. The number is only
 * known when the document is laid out: it is written by pr_layout_finish,
 * so a contents page can come before the pages it lists in a single pass
 * (an unknown anchor gives 0 and a warning). */
void pr_layout_draw_page_ref(pr_layout *L, int page, pr_box col, const char *id,
                             const pr_text_style *ts);

/* The first pass's layout, for pr_layout_page_of() (not owned). */
void pr_layout_set_previous(pr_layout *L, const pr_layout *prev);

/* Finish: draw running headers/footers ("n / N") on content pages, resolve
 * internal links to anchors, and hand over the document (caller frees).
 * Metadata: set it on the returned doc with pr_doc_set_info(). */
pr_doc *pr_layout_finish(pr_layout *L);

/* The document being built (to draw directly, e.g. on a free page). */
pr_doc *pr_layout_doc(pr_layout *L);
const pr_layout_style *pr_layout_get_style(const pr_layout *L);

/* Source position and data path attached to the warnings of the following
 * blocks (pos.file must outlive the diagnostics; path is copied). */
void pr_layout_at(pr_layout *L, pr_pos pos, const char *path);

/* ---- pages, sections, anchors -------------------------------------------- */

/* Start a free page of the given kind (cover, divider, back cover, plain):
 * no header/footer (except PR_PAGE_CONTENT), nothing flows onto it; draw on
 * it freely. Returns its 0-based index. The next flowing block opens a new
 * content page. */
int pr_layout_free_page(pr_layout *L, pr_page_kind kind);
/* A section divider: a free page in full colour (`color`, PR_RGB_NONE:
 * primary) with a large section number (may be NULL), the title and an
 * optional subtitle (markup), decorative shapes; registers a level-1
 * outline entry "number title", the anchor (may be NULL) and the running
 * section title. Returns the page index. */
int pr_layout_divider(pr_layout *L, const char *number, const char *title, const char *subtitle,
                      pr_rgb color, const char *anchor_id);
/* End the current content page: the next block starts on a new page. */
void pr_layout_page_break(pr_layout *L);
/* The same, unless the current page has used less than
 * PR_LAYOUT_NEARLY_EMPTY of its frame, or its last heading has fewer than
 * PR_LAYOUT_KEEP_LINES lines under it: then the break is skipped and the
 * flow goes on (a template's `saut_de_page` never leaves a nearly empty
 * page, nor a heading as if at the foot of a page). Returns 1 when the
 * page was ended. */
int pr_layout_soft_page_break(pr_layout *L);
/* Places in the flow, for a composer that plans page breaks from a first
 * pass: a place moves with the content around it when the flow moves that
 * to the next page (a heading kept with what follows), as anchors do.
 * pr_layout_place_next(): the top of the next piece placed (a block that
 * does not fit gets the next page's top); pr_layout_place_here(): the end
 * of the flow so far. Both return an id for pr_layout_place_get(), which
 * gives the place's 0-based page and y (a place still waiting for a piece
 * gives the current position). */
size_t pr_layout_place_next(pr_layout *L);
size_t pr_layout_place_here(pr_layout *L);
void pr_layout_place_get(const pr_layout *L, size_t id, int *page, double *y);
/* The same composer's grids of cards: the next grid (pr_layout_cards,
 * pr_layout_columns) starts a new page before its row `row` (0-based; 0:
 * no break); and the rows of the last grid laid out: their number, and
 * for each a place (pr_layout_place_get) at its top, valid until the
 * next grid. */
void pr_layout_next_grid_break(pr_layout *L, size_t row);
size_t pr_layout_last_grid_rows(const pr_layout *L, const size_t **places);
/* Height of the frame (points) that the flow used on content page `page`
 * (where its last block ended; 0 for a free page). */
double pr_layout_page_used(const pr_layout *L, int page);
/* The pages made so far (cover, contents) are the front matter: their
 * folios and page labels (doc.h: front_matter) read i, ii…; the later
 * pages keep their page number (the cover is page 1), which the contents
 * and the folios show. */
void pr_layout_front_matter_end(pr_layout *L);
/* How many pages the front matter has (0: none). */
int pr_layout_front_matter(const pr_layout *L);
/* The folio of page `page` (0-based) into buf: "ii" in the front matter,
 * else its page number "7". */
void pr_layout_folio(const pr_layout *L, int page, char *buf, size_t size);
/* Set the running section title shown in the header of the current page
 * (if nothing flowed on it yet) and of the following pages. Level-1
 * headings set it automatically. */
void pr_layout_set_section(pr_layout *L, const char *title);

/* Record anchor `id` at the current flow position (the next block's top).
 * Headings with an anchor id do it themselves. */
void pr_layout_anchor(pr_layout *L, const char *id);
/* Record anchor `id` at a given place (e.g. on a free page). */
void pr_layout_anchor_at(pr_layout *L, const char *id, int page, double y);
/* Add an outline (bookmark) entry at a given place (e.g. a divider). */
void pr_layout_outline_at(pr_layout *L, const char *title, int level, int page, double y);
/* 1-based page number of anchor `id`: from the previous pass if one was set
 * (so a table of contents can be filled), else from this pass if already
 * placed; 0 when unknown. */
int pr_layout_page_of(const pr_layout *L, const char *id);
/* Number of pages: of the previous pass if set, else of this one so far. */
int pr_layout_page_count(const pr_layout *L);
/* Make `box` on page `page` a link to anchor `id` (resolved at finish; a
 * missing anchor gives a warning). */
void pr_layout_link_anchor(pr_layout *L, int page, pr_box box, const char *id);

/* Current page index (-1 before any) and vertical position in the flow;
 * the content frame (left, top, width, height of the text area). */
int pr_layout_page(const pr_layout *L);
double pr_layout_y(const pr_layout *L);
pr_box pr_layout_frame(const pr_layout *L);
/* Space left under the current position on the current page (points). */
double pr_layout_remaining(const pr_layout *L);

/* ---- flowing blocks ------------------------------------------------------- */

/* Heading of level 1..3 (markup text), kept with what follows. Adds an
 * outline entry (levels 1 and 2) and, when anchor_id is not NULL, an anchor.
 * `number` (e.g. "1.", may be NULL) is drawn before the title in the
 * accent colour. Level 1 also becomes the running section title. */
void pr_layout_heading(pr_layout *L, int level, const char *number, const char *markup,
                       const char *anchor_id);

/* Paragraph of markup text in style `ts` (NULL: body style). */
void pr_layout_paragraph(pr_layout *L, const char *markup, const pr_text_style *ts);
/* Paragraph of prepared rich text; alignment, leading and spaces from `ts`
 * (NULL: body), fonts/sizes/colours from the spans. */
void pr_layout_paragraph_rich(pr_layout *L, const pr_rich *text, const pr_text_style *ts);

/* Vertical space (collapses with neighbouring spaces, vanishes at a page
 * top). */
void pr_layout_space(pr_layout *L, double points);

/* Bulleted list. The report keeps to one bullet system: a disc in the
 * primary colour for the items of lists, cards and timeline entries, a
 * dash in the muted colour for nested items (pr_layout_list draws it
 * whatever the kind). */
typedef enum {
    PR_BULLET_DOT,            /* filled disc */
    PR_BULLET_TICK,           /* check mark ✓ drawn as a path */
    PR_BULLET_DASH,           /* short bar */
    PR_BULLET_ARROW,          /* small triangle */
    PR_BULLET_NUMBER          /* 1. 2. 3. */
} pr_bullet_kind;

typedef struct pr_list_item {
    const char *markup;       /* item text */
    int level;                /* 0 = top level, 1 = nested */
} pr_list_item;

/* List of n items in style `ts` (NULL: body), bullets of `kind` in the
 * primary colour (nested items use a dash). */
void pr_layout_list(pr_layout *L, const pr_list_item *items, size_t n, pr_bullet_kind kind,
                    const pr_text_style *ts);

/* Table. Column widths are relative weights (e.g. {3, 1, 1}); cells are
 * markup. The header row (may be NULL) is repeated on each page. */
typedef struct pr_table {
    size_t n_cols;
    const double *widths;              /* n_cols weights (NULL: equal) */
    const pr_align *align;             /* per column (NULL: left) */
    const char *const *header;         /* n_cols cells, or NULL */
    const char *const *cells;          /* n_rows × n_cols, row-major */
    size_t n_rows;
    const char *caption;               /* drawn under the table, or NULL */
    int zebra;                         /* light background on odd rows */
    pr_rgb header_fill;                /* PR_RGB_NONE: palette primary */
    double font_size;                  /* 0: style's small size */
} pr_table;

void pr_layout_table(pr_layout *L, const pr_table *t);

/* Cards laid out in a grid (columns, gutters, equal heights per row); a row
 * never splits. */
typedef enum {
    PR_CARD_FILLED,           /* light background */
    PR_CARD_OUTLINE,          /* thin border */
    PR_CARD_BAND,             /* coloured band on top, light background */
    PR_CARD_HEADER,           /* title in a coloured header band */
    PR_CARD_SOLID,            /* coloured background, white text */
    PR_CARD_SIDE              /* light background, the badge at the left of
                                 the text (compact cards of people) */
} pr_card_look;

typedef struct pr_card {
    const char *badge;        /* short label in a coloured disc ("1"), or NULL */
    const char *title;        /* markup (bold), or NULL */
    const char *subtitle;     /* markup (muted), or NULL */
    const char *body;         /* markup, or NULL */
    const char *const *bullets;   /* markup items, or NULL */
    size_t n_bullets;
    const pr_image *image;    /* photo drawn on top (decoded), or NULL */
    pr_rgb color;             /* accent (PR_RGB_NONE: primary) */
    const char *link;         /* URI for the whole card, or NULL */
} pr_card;

typedef struct pr_cards_style {
    int columns;              /* >= 1 */
    pr_card_look look;
    double title_size;        /* 0: body size + 1.5 */
    double body_size;         /* 0: small size */
    pr_align align;           /* text alignment in cards (LEFT or CENTER) */
    double min_height;        /* 0: as tall as the content */
    double image_height;      /* height of images (0: 35 % of card width) */
} pr_cards_style;

void pr_layout_cards(pr_layout *L, const pr_card *cards, size_t n, const pr_cards_style *cs);
/* A table in columns drawn as cards (PR_CARD_HEADER: the column heading
 * in the band): the same as pr_layout_cards(), except that a row that
 * does not fit the page splits between lines like a table row, the header
 * bands repeated on the next page; tagged as a table (each row of cards a
 * row of column headers, the titles, over a row of cells). */
void pr_layout_columns(pr_layout *L, const pr_card *cards, size_t n, const pr_cards_style *cs);

/* Key-figure tiles: a big value ("200") over a label ("participants"). */
typedef struct pr_tile {
    const char *value;        /* short text, fitted to the tile */
    const char *label;        /* markup */
    pr_rgb color;             /* tile colour (PR_RGB_NONE: palette cycle) */
} pr_tile;

/* Tiles in rows of `columns`; `solid` = coloured tiles with white text,
 * else light tiles with coloured value. */
void pr_layout_tiles(pr_layout *L, const pr_tile *tiles, size_t n, int columns, int solid);

/* Vertical timeline: a date column, a line with dots, and entries. Entries
 * never split; the timeline flows across pages between entries. */
typedef struct pr_timeline_entry {
    const char *date;         /* "Mars 2023", "07/12" */
    const char *title;        /* markup (bold) */
    const char *body;         /* markup, or NULL */
    const char *const *bullets;
    size_t n_bullets;
    pr_rgb color;             /* dot colour (PR_RGB_NONE: primary) */
} pr_timeline_entry;

void pr_layout_timeline(pr_layout *L, const pr_timeline_entry *e, size_t n);

/* Quotation with large guillemets and a side bar; never split. */
void pr_layout_quote(pr_layout *L, const char *markup, const char *author_markup);

/* Boxes: blocks between begin and end are drawn on a background, with
 * padding. keep_together: the whole box moves to the next page if it does
 * not fit (it must fit a page); else it may split (background on each
 * part). */
typedef struct pr_box_style {
    pr_rgb fill;              /* PR_RGB_NONE: palette light */
    pr_rgb border;            /* PR_RGB_NONE: none */
    pr_rgb bar;               /* left accent bar colour, PR_RGB_NONE: none */
    double padding;           /* 0: 10 pt */
    int keep_together;
} pr_box_style;

void pr_layout_box_begin(pr_layout *L, const pr_box_style *bs);
void pr_layout_box_end(pr_layout *L);

/* Keep-together group without decoration (blocks between begin and end
 * move to the next page together). Groups nest with boxes. */
void pr_layout_keep_begin(pr_layout *L);
void pr_layout_keep_end(pr_layout *L);

/* Image file (PNG/JPEG, decoded by image/photo.h) `width` points wide (0:
 * frame width), height from the image's aspect ratio, centred, with an
 * optional caption (markup); never split. A missing or unusable file
 * gives a warning and a grey placeholder. */
void pr_layout_image(pr_layout *L, const char *path, double width, const char *caption);

/* Custom block of `height` points, frame-wide, never split: `draw` is
 * called with the page and the box to draw into (maps, charts). */
typedef void (*pr_draw_fn)(pr_layout *L, int page, pr_box box, void *ctx);
void pr_layout_custom(pr_layout *L, double height, pr_draw_fn draw, void *ctx);

/* Table-of-contents line: title, dotted leader, page number, the whole
 * line linking to `anchor_id`. The number comes from pr_layout_page_of()
 * (a placeholder in the first pass). Tagged TOCI > Link: the caller
 * wraps the lines in a TOC node. */
void pr_layout_toc_entry(pr_layout *L, int level, const char *number, const char *title,
                         const char *anchor_id);

/* ---- structure (tagged PDF) ------------------------------------------------ */

/* Start a new section of the structure: closes the open Sect (and what is
 * open in it) and opens another under the Document. Level-1 headings and
 * dividers do it themselves; free pages drawn by hand (cover, back cover,
 * a divider of one's own) call it first. */
void pr_layout_section(pr_layout *L);
/* Open the heading node of a heading drawn by hand (free pages): H1 to H3,
 * never skipping a level after the previous heading. Close it with
 * pr_layout_tag_close. */
int pr_layout_tag_heading(pr_layout *L, int level);
/* Open a node (child of the current one, made current); close it (its
 * parent becomes current). */
int pr_layout_tag_open(pr_layout *L, pr_tag tag);
void pr_layout_tag_close(pr_layout *L, int node);
/* What is drawn between begin and end is an artifact (decoration). */
void pr_layout_artifact_begin(pr_layout *L);
void pr_layout_artifact_end(pr_layout *L);

/* ---- drawing helpers (free pages, custom blocks, decorations) ------------ */

/* The body style, or the heading style of a level. */
pr_text_style pr_layout_text_style(const pr_layout *L, int heading_level);

/* Parse markup in style `ts` into `out` (initialised by the caller). */
void pr_layout_markup(pr_layout *L, const char *markup, const pr_text_style *ts, pr_rich *out);

/* Draw markup in a column `w` wide whose top is at (x, y) on page `page`;
 * returns the height used. */
double pr_layout_draw_text(pr_layout *L, int page, double x, double y, double w,
                           const char *markup, const pr_text_style *ts);
/* Height the same call would use, without drawing. */
double pr_layout_measure_text(pr_layout *L, double w, const char *markup,
                              const pr_text_style *ts);
/* Draw markup fitted into `box`: shrunk down to min_scale × size (e.g.
 * 0.75) if needed, vertically placed by valign (0 top, 1 centre, 2
 * bottom); warns and cuts if it still does not fit. Returns the size
 * used. */
double pr_layout_draw_fit(pr_layout *L, int page, pr_box box, const char *markup,
                          const pr_text_style *ts, double min_scale, int valign);

/* Draw a laid-out paragraph (text.h) with its top-left at (x, y). Lines
 * [from, to) only; links become link annotations. Returns the height. */
double pr_layout_draw_para(pr_layout *L, int page, const pr_para *p, size_t from, size_t to,
                           double x, double y);

/* Document font index (pr_doc_font) of a style role of the font set, as
 * the layout's own text uses it (a fake set gives "fake:<role>" paths). */
int pr_layout_font(pr_layout *L, pr_style role);

/* Small symbols (bullets, icons), centred at (cx, cy), `size` points. */
void pr_layout_draw_bullet(pr_layout *L, int page, pr_bullet_kind kind, double cx, double cy,
                           double size, pr_rgb color);

/* Convert between the text engine's colours and the display list's. */
pr_rgb pr_rgb_of(pr_color c);
pr_color pr_color_of(pr_rgb c);


#endif
