/* doc.c — the display list: pages of drawing operations, outline entries,
 * font table and document information (see doc.h). No PDF library here. */
#include "doc/doc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* A paint that only fills with `fill`. */
pr_paint pr_paint_fill(pr_rgb fill)
{
    pr_paint p = {0};
    p.fill = fill;
    p.stroke = PR_RGB_NONE;
    return p;
}

/* A paint that only strokes with `stroke`, `width` points wide. */
pr_paint pr_paint_stroke(pr_rgb stroke, double width)
{
    pr_paint p = {0};
    p.fill = PR_RGB_NONE;
    p.stroke = stroke;
    p.line_width = width;
    return p;
}

/* ---- paths ----------------------------------------------------------- */

/* Append one segment to a path. */
static void path_push(pr_path *p, pr_seg s)
{
    PR_PUSH(p->segs, p->n, p->cap, s);
}

/* Start a new subpath at (x, y). */
void pr_path_move(pr_path *p, double x, double y)
{
    pr_seg s = {PR_SEG_MOVE, x, y, 0, 0, 0, 0};
    path_push(p, s);
}

/* Straight segment to (x, y). */
void pr_path_line(pr_path *p, double x, double y)
{
    pr_seg s = {PR_SEG_LINE, x, y, 0, 0, 0, 0};
    path_push(p, s);
}

/* Cubic Bézier segment to (x, y) with control points 1 and 2. */
void pr_path_curve(pr_path *p, double x1, double y1, double x2, double y2, double x, double y)
{
    pr_seg s = {PR_SEG_CURVE, x, y, x1, y1, x2, y2};
    path_push(p, s);
}

/* Close the current subpath. */
void pr_path_close(pr_path *p)
{
    pr_seg s = {PR_SEG_CLOSE, 0, 0, 0, 0, 0, 0};
    path_push(p, s);
}

/* Empty a path, keeping its memory. */
void pr_path_reset(pr_path *p)
{
    p->n = 0;
}

/* Free a path's memory (the struct itself is the caller's). */
void pr_path_free(pr_path *p)
{
    free(p->segs);
    p->segs = NULL;
    p->n = p->cap = 0;
}

/* ---- document -------------------------------------------------------- */

/* A new empty document, with no page. */
pr_doc *pr_doc_new(void)
{
    pr_doc *doc = pr_calloc(1, sizeof *doc);
    doc->info.created = -1;
    return doc;
}

/* Free a document and everything it owns (NULL accepted). */
void pr_doc_free(pr_doc *doc)
{
    if (!doc) return;
    for (size_t i = 0; i < doc->n_pages; i++) free(doc->pages[i].ops);
    free(doc->pages);
    free(doc->fonts);
    free(doc->outline);
    pr_arena_free(&doc->arena);
    free(doc);
}

/* Append a page; returns its index. */
int pr_doc_add_page(pr_doc *doc, double width, double height, pr_page_kind kind)
{
    pr_page pg = {0};
    pg.width = width;
    pg.height = height;
    pg.kind = kind;
    PR_PUSH(doc->pages, doc->n_pages, doc->cap_pages, pg);
    return (int)doc->n_pages - 1;
}

/* The page at `index` (must exist). */
pr_page *pr_doc_page(pr_doc *doc, int index)
{
    assert(index >= 0 && (size_t)index < doc->n_pages);
    return &doc->pages[index];
}

/* Index of the face in `ttf_path`, added on first use. */
int pr_doc_font(pr_doc *doc, const char *ttf_path)
{
    for (size_t i = 0; i < doc->n_fonts; i++)
        if (!strcmp(doc->fonts[i], ttf_path)) return (int)i;
    const char *copy = pr_arena_strdup(&doc->arena, ttf_path);
    PR_PUSH(doc->fonts, doc->n_fonts, doc->cap_fonts, copy);
    return (int)doc->n_fonts - 1;
}

/* Copy `s` into the document's arena (NULL stays NULL). */
static const char *doc_str(pr_doc *doc, const char *s)
{
    return s ? pr_arena_strdup(&doc->arena, s) : NULL;
}

/* Set the document information; NULL strings leave the field unchanged. */
void pr_doc_set_info(pr_doc *doc, const pr_doc_info *info)
{
    if (info->title) doc->info.title = doc_str(doc, info->title);
    if (info->author) doc->info.author = doc_str(doc, info->author);
    if (info->subject) doc->info.subject = doc_str(doc, info->subject);
    if (info->keywords) doc->info.keywords = doc_str(doc, info->keywords);
    if (info->creator) doc->info.creator = doc_str(doc, info->creator);
    doc->info.created = info->created;
}

/* Append an outline entry. */
void pr_doc_add_outline(pr_doc *doc, const char *title, int level, int page, double y)
{
    pr_outline o;
    o.title = doc_str(doc, title ? title : "");
    o.level = level < 1 ? 1 : level;
    o.page = page;
    o.y = y;
    PR_PUSH(doc->outline, doc->n_outline, doc->cap_outline, o);
}

/* Append an operation to page `pg`. */
static void page_push(pr_doc *doc, int pg, pr_op op)
{
    pr_page *p = pr_doc_page(doc, pg);
    PR_PUSH(p->ops, p->n_ops, p->cap_ops, op);
}

/* Text run of `len` bytes at (x, baseline_y). */
void pr_doc_text_n(pr_doc *doc, int pg, int font, double size, pr_rgb color, double x,
                   double baseline_y, const char *utf8, size_t len)
{
    if (!len) return;
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_TEXT;
    op.u.text.font = font;
    op.u.text.size = size;
    op.u.text.color = color;
    op.u.text.x = x;
    op.u.text.y = baseline_y;
    op.u.text.text = pr_arena_strndup(&doc->arena, utf8, len);
    page_push(doc, pg, op);
}

/* Text run (NUL-terminated UTF-8) at (x, baseline_y). */
void pr_doc_text(pr_doc *doc, int pg, int font, double size, pr_rgb color, double x,
                 double baseline_y, const char *utf8)
{
    pr_doc_text_n(doc, pg, font, size, color, x, baseline_y, utf8, strlen(utf8));
}

/* Rectangle, optionally with rounded corners. */
void pr_doc_rect(pr_doc *doc, int pg, pr_box box, double radius, const pr_paint *paint)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_RECT;
    op.u.rect.box = box;
    op.u.rect.radius = radius;
    op.u.rect.paint = *paint;
    page_push(doc, pg, op);
}

/* Straight line. */
void pr_doc_line(pr_doc *doc, int pg, double x1, double y1, double x2, double y2,
                 const pr_paint *paint)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_LINE;
    op.u.line.x1 = x1;
    op.u.line.y1 = y1;
    op.u.line.x2 = x2;
    op.u.line.y2 = y2;
    op.u.line.paint = *paint;
    page_push(doc, pg, op);
}

/* Path (segments copied). Empty paths are ignored. */
void pr_doc_path(pr_doc *doc, int pg, const pr_path *path, pr_fill_rule rule,
                 const pr_paint *paint)
{
    if (!path->n) return;
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_PATH;
    op.u.path.segs = pr_arena_alloc(&doc->arena, path->n * sizeof *path->segs);
    memcpy(op.u.path.segs, path->segs, path->n * sizeof *path->segs);
    op.u.path.n = path->n;
    op.u.path.rule = rule;
    op.u.path.paint = *paint;
    page_push(doc, pg, op);
}

/* Circle of centre (cx, cy) and radius r. */
void pr_doc_circle(pr_doc *doc, int pg, double cx, double cy, double r, const pr_paint *paint)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_CIRCLE;
    op.u.circle.cx = cx;
    op.u.circle.cy = cy;
    op.u.circle.r = r;
    op.u.circle.paint = *paint;
    page_push(doc, pg, op);
}

/* Decoded photo stretched into `box`. */
void pr_doc_image(pr_doc *doc, int pg, const char *path, const struct pr_image *pixels,
                  pr_box box)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_IMAGE;
    op.u.image.path = doc_str(doc, path);
    op.u.image.pixels = pixels;
    op.u.image.box = box;
    page_push(doc, pg, op);
}

/* Clickable area opening `uri`. */
void pr_doc_link_uri(pr_doc *doc, int pg, pr_box box, const char *uri)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_LINK;
    op.u.link.box = box;
    op.u.link.uri = doc_str(doc, uri);
    op.u.link.dest_page = -1;
    page_push(doc, pg, op);
}

/* Clickable area going to page `dest_page` at height `dest_y`. */
void pr_doc_link_dest(pr_doc *doc, int pg, pr_box box, int dest_page, double dest_y)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_LINK;
    op.u.link.box = box;
    op.u.link.dest_page = dest_page;
    op.u.link.dest_y = dest_y;
    page_push(doc, pg, op);
}

/* Start clipping to a (rounded) rectangle. */
void pr_doc_clip(pr_doc *doc, int pg, pr_box box, double radius)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_CLIP;
    op.u.rect.box = box;
    op.u.rect.radius = radius;
    page_push(doc, pg, op);
}

/* End the innermost clip. */
void pr_doc_unclip(pr_doc *doc, int pg)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_UNCLIP;
    page_push(doc, pg, op);
}

/* Drop the operations of page `pg` from index `from` on. */
void pr_doc_truncate(pr_doc *doc, int pg, size_t from)
{
    pr_page *p = pr_doc_page(doc, pg);
    if (from < p->n_ops) p->n_ops = from;
}

/* Shift one operation by (dx, dy). */
static void op_shift(pr_op *op, double dx, double dy)
{
    switch (op->kind) {
    case PR_OP_TEXT:
        op->u.text.x += dx;
        op->u.text.y += dy;
        break;
    case PR_OP_RECT:
    case PR_OP_CLIP:
        op->u.rect.box.x += dx;
        op->u.rect.box.y += dy;
        break;
    case PR_OP_LINE:
        op->u.line.x1 += dx;
        op->u.line.x2 += dx;
        op->u.line.y1 += dy;
        op->u.line.y2 += dy;
        break;
    case PR_OP_PATH:
        for (size_t i = 0; i < op->u.path.n; i++) {
            pr_seg *s = &op->u.path.segs[i];
            s->x += dx; s->y += dy;
            s->x1 += dx; s->y1 += dy;
            s->x2 += dx; s->y2 += dy;
        }
        break;
    case PR_OP_CIRCLE:
        op->u.circle.cx += dx;
        op->u.circle.cy += dy;
        break;
    case PR_OP_IMAGE:
        op->u.image.box.x += dx;
        op->u.image.box.y += dy;
        break;
    case PR_OP_LINK:
        op->u.link.box.x += dx;
        op->u.link.box.y += dy;
        break;
    case PR_OP_UNCLIP:
        break;
    }
}

/* Move operations [from, end) of page `src` to the end of page `dst`,
 * shifted by (dx, dy). */
void pr_doc_move_ops(pr_doc *doc, int src, size_t from, int dst, double dx, double dy)
{
    pr_page *s = pr_doc_page(doc, src);
    if (from >= s->n_ops) return;
    if (src == dst) {
        for (size_t i = from; i < s->n_ops; i++) op_shift(&s->ops[i], dx, dy);
        return;
    }
    size_t n = s->n_ops - from;
    pr_page *d = pr_doc_page(doc, dst);
    pr_grow((void **)&d->ops, &d->cap_ops, d->n_ops + n, sizeof *d->ops);
    s = pr_doc_page(doc, src);
    for (size_t i = 0; i < n; i++) {
        pr_op op = s->ops[from + i];
        op_shift(&op, dx, dy);
        d->ops[d->n_ops++] = op;
    }
    s->n_ops = from;
}

/* Move the last operation of page `pg` to index `at`. */
void pr_doc_insert_last(pr_doc *doc, int pg, size_t at)
{
    pr_page *p = pr_doc_page(doc, pg);
    if (!p->n_ops || at >= p->n_ops - 1) return;
    pr_op last = p->ops[p->n_ops - 1];
    memmove(&p->ops[at + 1], &p->ops[at], (p->n_ops - 1 - at) * sizeof *p->ops);
    p->ops[at] = last;
}
