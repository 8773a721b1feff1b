/* doc.c — the display list: pages of drawing operations, outline entries,
 * font table, document information, the structure tree and shared shapes
 * (see doc.h). No PDF library here. */
#include "doc/doc.h"

#include <assert.h>
#include <math.h>
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

/* A new empty document, with no page; its structure is the Document
 * root, current. */
pr_doc *pr_doc_new(void)
{
    pr_doc *doc = pr_calloc(1, sizeof *doc);
    doc->info.created = -1;
    doc->lang = "fr-FR";
    pr_node root = {0};
    root.tag = PR_TAG_DOCUMENT;
    root.parent = -1;
    root.seq = doc->seq++;
    PR_PUSH(doc->nodes, doc->n_nodes, doc->cap_nodes, root);
    doc->cur_node = 0;
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
    free(doc->nodes);
    free(doc->shapes);
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

/* Set the document's language. */
void pr_doc_set_lang(pr_doc *doc, const char *lang)
{
    doc->lang = lang ? doc_str(doc, lang) : "fr-FR";
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

/* Append an operation to page `pg`, in the current node (or as an
 * artifact), stamped with the next sequence number. */
static void page_push(pr_doc *doc, int pg, pr_op op)
{
    pr_page *p = pr_doc_page(doc, pg);
    op.node = doc->artifact_depth > 0 ? PR_NODE_ARTIFACT : doc->cur_node;
    op.seq = doc->seq++;
    PR_PUSH(p->ops, p->n_ops, p->cap_ops, op);
}

/* Text run of `len` bytes at (x, baseline_y). */
void pr_doc_text_run(pr_doc *doc, int pg, int font, double size, pr_rgb color, double x,
                     double baseline_y, const char *utf8, size_t len, int kern,
                     double word_spacing)
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
    op.u.text.kern = kern != 0;
    op.u.text.word_spacing = word_spacing;
    op.u.text.text = pr_arena_strndup(&doc->arena, utf8, len);
    page_push(doc, pg, op);
}

void pr_doc_text_n(pr_doc *doc, int pg, int font, double size, pr_rgb color, double x,
                   double baseline_y, const char *utf8, size_t len)
{
    pr_doc_text_run(doc, pg, font, size, color, x, baseline_y, utf8, len, 1, 0);
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
void pr_doc_link_uri(pr_doc *doc, int pg, pr_box box, const char *uri, const char *contents)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_LINK;
    op.u.link.box = box;
    op.u.link.uri = doc_str(doc, uri);
    op.u.link.dest_page = -1;
    op.u.link.contents = doc_str(doc, contents);
    page_push(doc, pg, op);
}

/* Clickable area going to page `dest_page` at height `dest_y`. */
void pr_doc_link_dest(pr_doc *doc, int pg, pr_box box, int dest_page, double dest_y,
                      const char *contents)
{
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_LINK;
    op.u.link.box = box;
    op.u.link.dest_page = dest_page;
    op.u.link.dest_y = dest_y;
    op.u.link.contents = doc_str(doc, contents);
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
    case PR_OP_SHAPE:
        op->u.shape.x += dx;
        op->u.shape.y += dy;
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

/* ---- structure -------------------------------------------------------- */

const char *pr_tag_name(pr_tag tag)
{
    static const char *const names[PR_TAG_COUNT] = {
        "Document", "Part", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Note",
        "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody", "Table", "TR",
        "TH", "TD", "Span", "Quote", "Reference", "Link", "Figure"};
    return (int)tag >= 0 && tag < PR_TAG_COUNT ? names[tag] : "Span";
}

/* The node at `index` (must exist). */
static pr_node *node_at(pr_doc *doc, int index)
{
    assert(index >= 0 && (size_t)index < doc->n_nodes);
    return &doc->nodes[index];
}

/* New node, child of the current one, made current. */
int pr_doc_node_open(pr_doc *doc, pr_tag tag)
{
    pr_node n = {0};
    n.tag = tag;
    n.parent = doc->cur_node;
    n.seq = doc->seq++;
    PR_PUSH(doc->nodes, doc->n_nodes, doc->cap_nodes, n);
    doc->cur_node = (int)doc->n_nodes - 1;
    return doc->cur_node;
}

/* Close a node: its parent becomes current (the root stays open). */
void pr_doc_node_close(pr_doc *doc, int node)
{
    assert(pr_doc_node_within(doc, doc->cur_node, node));
    int parent = node_at(doc, node)->parent;
    doc->cur_node = parent >= 0 ? parent : 0;
}

int pr_doc_node_current(const pr_doc *doc)
{
    return doc->cur_node;
}

int pr_doc_node_enter(pr_doc *doc, int node)
{
    int prev = doc->cur_node;
    node_at(doc, node);
    doc->cur_node = node;
    return prev;
}

void pr_doc_node_leave(pr_doc *doc, int previous)
{
    node_at(doc, previous);
    doc->cur_node = previous;
}

void pr_doc_node_alt(pr_doc *doc, int node, const char *alt)
{
    node_at(doc, node)->alt = doc_str(doc, alt);
}

void pr_doc_node_actual_text(pr_doc *doc, int node, const char *text)
{
    node_at(doc, node)->actual_text = doc_str(doc, text);
}

void pr_doc_node_lang(pr_doc *doc, int node, const char *lang)
{
    node_at(doc, node)->lang = doc_str(doc, lang);
}

void pr_doc_node_role(pr_doc *doc, int node, const char *role)
{
    node_at(doc, node)->role = doc_str(doc, role);
}

void pr_doc_node_scope(pr_doc *doc, int node, pr_scope scope)
{
    node_at(doc, node)->scope = scope;
}

int pr_doc_node_within(const pr_doc *doc, int node, int ancestor)
{
    while (node >= 0 && (size_t)node < doc->n_nodes) {
        if (node == ancestor) return 1;
        node = doc->nodes[node].parent;
    }
    return 0;
}

void pr_doc_artifact_begin(pr_doc *doc)
{
    doc->artifact_depth++;
}

void pr_doc_artifact_end(pr_doc *doc)
{
    assert(doc->artifact_depth > 0);
    if (doc->artifact_depth > 0) doc->artifact_depth--;
}

/* ---- shared shapes ----------------------------------------------------- */

/* Bounds of the points of segs[0..n) (control points included). */
static void segs_bounds(const pr_seg *segs, size_t n, double *x0, double *y0, double *x1,
                        double *y1)
{
    *x0 = *y0 = INFINITY;
    *x1 = *y1 = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        const pr_seg *s = &segs[i];
        if (s->kind == PR_SEG_CLOSE) continue;
        double xs[3] = {s->x, s->x1, s->x2}, ys[3] = {s->y, s->y1, s->y2};
        int k = s->kind == PR_SEG_CURVE ? 3 : 1;
        for (int j = 0; j < k; j++) {
            *x0 = fmin(*x0, xs[j]);
            *x1 = fmax(*x1, xs[j]);
            *y0 = fmin(*y0, ys[j]);
            *y1 = fmax(*y1, ys[j]);
        }
    }
    if (*x0 > *x1) *x0 = *y0 = *x1 = *y1 = 0;
}

/* Store segs[0..n) shifted by (-ox, -oy) as a new shape; returns its index. */
static int add_shape(pr_doc *doc, const pr_seg *segs, size_t n, pr_fill_rule rule, double ox,
                     double oy)
{
    pr_shape sh = {0};
    sh.segs = pr_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *sh.segs);
    for (size_t i = 0; i < n; i++) {
        pr_seg s = segs[i];
        s.x -= ox, s.y -= oy, s.x1 -= ox, s.y1 -= oy, s.x2 -= ox, s.y2 -= oy;
        if (s.kind == PR_SEG_CLOSE) s.x = s.y = s.x1 = s.y1 = s.x2 = s.y2 = 0;
        else if (s.kind != PR_SEG_CURVE) s.x1 = s.y1 = s.x2 = s.y2 = 0;
        sh.segs[i] = s;
    }
    sh.n = n;
    sh.rule = rule;
    segs_bounds(sh.segs, n, &sh.x0, &sh.y0, &sh.x1, &sh.y1);
    PR_PUSH(doc->shapes, doc->n_shapes, doc->cap_shapes, sh);
    return (int)doc->n_shapes - 1;
}

int pr_doc_shape(pr_doc *doc, const pr_path *path, pr_fill_rule rule)
{
    return add_shape(doc, path->segs, path->n, rule, 0, 0);
}

void pr_doc_shape_use(pr_doc *doc, int pg, int shape, double scale, double x, double y,
                      const pr_paint *paint)
{
    assert(shape >= 0 && (size_t)shape < doc->n_shapes);
    pr_op op;
    memset(&op, 0, sizeof op);
    op.kind = PR_OP_SHAPE;
    op.u.shape.shape = shape;
    op.u.shape.scale = scale;
    op.u.shape.x = x;
    op.u.shape.y = y;
    op.u.shape.paint = *paint;
    page_push(doc, pg, op);
}

/* A path operation that may be shared: where it is, the hash of its
 * segment kinds, its bounds. */
typedef struct share_cand {
    pr_op *op;
    unsigned long long key;
    double x0, y0, x1, y1;
    int group;               /* index of the candidate it repeats, or -1 */
    int shape;               /* shape made for a group's first member */
} share_cand;

/* Do the points of b equal those of a scaled by s and moved so that a's
 * point (ax, ay) lands on (bx, by)? */
static int same_outline(const pr_op *a, const pr_op *b, double s, double ax, double ay,
                        double bx, double by, double tol)
{
    const pr_seg *p = a->u.path.segs, *q = b->u.path.segs;
    for (size_t i = 0; i < a->u.path.n; i++) {
        if (p[i].kind != q[i].kind) return 0;
        if (p[i].kind == PR_SEG_CLOSE) continue;
        double pa[3][2] = {{p[i].x, p[i].y}, {p[i].x1, p[i].y1}, {p[i].x2, p[i].y2}};
        double qa[3][2] = {{q[i].x, q[i].y}, {q[i].x1, q[i].y1}, {q[i].x2, q[i].y2}};
        int k = p[i].kind == PR_SEG_CURVE ? 3 : 1;
        for (int j = 0; j < k; j++)
            if (fabs(bx + s * (pa[j][0] - ax) - qa[j][0]) > tol ||
                fabs(by + s * (pa[j][1] - ay) - qa[j][1]) > tol)
                return 0;
    }
    return 1;
}

/* The hundredth nearest to v: shapes are placed on hundredths of a point,
 * so that their first use is written exactly as the path was. */
static double to_hundredth(double v)
{
    return round(v * 100) / 100;
}

size_t pr_doc_share_paths(pr_doc *doc, size_t min_segs)
{
    share_cand *c = NULL;
    size_t n = 0, cap = 0;
    for (size_t pg = 0; pg < doc->n_pages; pg++)
        for (size_t k = 0; k < doc->pages[pg].n_ops; k++) {
            pr_op *op = &doc->pages[pg].ops[k];
            if (op->kind != PR_OP_PATH || op->u.path.n < min_segs || !op->u.path.n) continue;
            share_cand sc;
            sc.op = op;
            sc.key = pr_fnv1a(14695981039346656037ULL, &op->u.path.n, sizeof op->u.path.n);
            sc.key = pr_fnv1a(sc.key, &op->u.path.rule, sizeof op->u.path.rule);
            for (size_t i = 0; i < op->u.path.n; i++) {
                unsigned char kind = (unsigned char)op->u.path.segs[i].kind;
                sc.key = pr_fnv1a(sc.key, &kind, 1);
            }
            segs_bounds(op->u.path.segs, op->u.path.n, &sc.x0, &sc.y0, &sc.x1, &sc.y1);
            sc.group = -1;
            sc.shape = -1;
            PR_PUSH(c, n, cap, sc);
        }
    /* each candidate repeats the first earlier one of the same outline */
    size_t replaced = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = c[i].x1 - c[i].x0, hi = c[i].y1 - c[i].y0;
        for (size_t j = 0; j < i && c[i].group < 0; j++) {
            if (c[j].group >= 0 || c[j].key != c[i].key) continue;
            double wj = c[j].x1 - c[j].x0, hj = c[j].y1 - c[j].y0;
            double s = wj >= hj ? (wj > 0 ? wi / wj : 0) : hi / hj;
            if (!(s > 0)) continue;
            double tol = 1e-7 * fmax(1, fmax(wi, hi));
            if (same_outline(c[j].op, c[i].op, s, c[j].x0, c[j].y0, c[i].x0, c[i].y0, tol))
                c[i].group = (int)j;
        }
    }
    for (size_t i = 0; i < n; i++) {
        int g = c[i].group;
        if (g < 0) continue;
        share_cand *first = &c[g];
        double ox = to_hundredth(first->x0), oy = to_hundredth(first->y0);
        if (first->shape < 0) {
            pr_op *op = first->op;
            first->shape = add_shape(doc, op->u.path.segs, op->u.path.n, op->u.path.rule, ox, oy);
            pr_paint paint = op->u.path.paint;
            op->kind = PR_OP_SHAPE;
            op->u.shape.shape = first->shape;
            op->u.shape.scale = 1;
            op->u.shape.x = ox;
            op->u.shape.y = oy;
            op->u.shape.paint = paint;
            replaced++;
        }
        double wf = first->x1 - first->x0, hf = first->y1 - first->y0;
        double wi = c[i].x1 - c[i].x0, hi = c[i].y1 - c[i].y0;
        double s = wf >= hf ? wi / wf : hi / hf;
        pr_op *op = c[i].op;
        pr_paint paint = op->u.path.paint;
        op->kind = PR_OP_SHAPE;
        op->u.shape.shape = first->shape;
        op->u.shape.scale = s;
        /* the first member's bound (x0, y0) lands on this one's */
        op->u.shape.x = c[i].x0 - s * (first->x0 - ox);
        op->u.shape.y = c[i].y0 - s * (first->y0 - oy);
        op->u.shape.paint = paint;
        replaced++;
    }
    free(c);
    return replaced;
}

/* ---- colours ----------------------------------------------------------- */

pr_rgb pr_rgb_blend(pr_rgb over, pr_rgb under, double alpha)
{
    if (!(alpha < 1)) return over;
    if (!(alpha > 0)) return under;
    pr_rgb out = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
        double v = ((over >> sh) & 255) * alpha + ((under >> sh) & 255) * (1 - alpha);
        out |= (pr_rgb)lround(v) << sh;
    }
    return out;
}

/* Is (x, y) inside box b with corners rounded by r? */
static int in_round_box(pr_box b, double r, double x, double y)
{
    if (x < b.x || x > b.x + b.w || y < b.y || y > b.y + b.h) return 0;
    r = fmin(r, fmin(b.w, b.h) / 2);
    if (r <= 0) return 1;
    double cx = x < b.x + r ? b.x + r : x > b.x + b.w - r ? b.x + b.w - r : x;
    double cy = y < b.y + r ? b.y + r : y > b.y + b.h - r ? b.y + b.h - r : y;
    return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
}

/* Winding contribution of the edge (ax, ay)-(bx, by) around (x, y), and
 * the crossing count of a ray to the right (even-odd). */
static void edge_wind(double ax, double ay, double bx, double by, double x, double y, int *wind,
                      int *cross)
{
    if ((ay <= y) == (by <= y)) return;
    double t = (y - ay) / (by - ay);
    if (ax + t * (bx - ax) <= x) return;
    *cross += 1;
    *wind += by > ay ? 1 : -1;
}

/* Is (x, y) inside the filled area of segs[0..n) mapped by
 * (ox, oy) + scale × point? Curves are flattened in 8 steps. */
static int in_segs(const pr_seg *segs, size_t n, pr_fill_rule rule, double ox, double oy,
                   double scale, double x, double y)
{
    int wind = 0, cross = 0, open = 0;
    double sx = 0, sy = 0, cx = 0, cy = 0;
    for (size_t i = 0; i < n; i++) {
        const pr_seg *s = &segs[i];
        double px = ox + scale * s->x, py = oy + scale * s->y;
        switch (s->kind) {
        case PR_SEG_MOVE:
            if (open) edge_wind(cx, cy, sx, sy, x, y, &wind, &cross);
            sx = cx = px, sy = cy = py;
            open = 1;
            break;
        case PR_SEG_LINE:
            if (!open) break;
            edge_wind(cx, cy, px, py, x, y, &wind, &cross);
            cx = px, cy = py;
            break;
        case PR_SEG_CURVE: {
            if (!open) break;
            double x1 = ox + scale * s->x1, y1 = oy + scale * s->y1;
            double x2 = ox + scale * s->x2, y2 = oy + scale * s->y2;
            double lx = cx, ly = cy;
            for (int k = 1; k <= 8; k++) {
                double t = k / 8.0, u = 1 - t;
                double qx = u * u * u * cx + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * px;
                double qy = u * u * u * cy + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * py;
                edge_wind(lx, ly, qx, qy, x, y, &wind, &cross);
                lx = qx, ly = qy;
            }
            cx = px, cy = py;
            break;
        }
        case PR_SEG_CLOSE:
            if (open) edge_wind(cx, cy, sx, sy, x, y, &wind, &cross);
            cx = sx, cy = sy;
            open = 0;
            break;
        }
    }
    if (open) edge_wind(cx, cy, sx, sy, x, y, &wind, &cross);
    return rule == PR_FILL_EVENODD ? cross % 2 : wind != 0;
}

/* The fill of op and whether it covers (x, y); returns the paint or NULL. */
static const pr_paint *fill_at(const pr_doc *doc, const pr_op *op, double x, double y)
{
    const pr_paint *p = NULL;
    int in = 0;
    switch (op->kind) {
    case PR_OP_RECT:
        p = &op->u.rect.paint;
        in = p->fill != PR_RGB_NONE && in_round_box(op->u.rect.box, op->u.rect.radius, x, y);
        break;
    case PR_OP_CIRCLE:
        p = &op->u.circle.paint;
        in = p->fill != PR_RGB_NONE && (x - op->u.circle.cx) * (x - op->u.circle.cx) +
                                                   (y - op->u.circle.cy) * (y - op->u.circle.cy) <=
                                               op->u.circle.r * op->u.circle.r;
        break;
    case PR_OP_PATH:
        p = &op->u.path.paint;
        in = p->fill != PR_RGB_NONE &&
             in_segs(op->u.path.segs, op->u.path.n, op->u.path.rule, 0, 0, 1, x, y);
        break;
    case PR_OP_SHAPE: {
        const pr_shape *sh = &doc->shapes[op->u.shape.shape];
        p = &op->u.shape.paint;
        double s = op->u.shape.scale;
        in = p->fill != PR_RGB_NONE && s > 0 && x >= op->u.shape.x + s * sh->x0 &&
             x <= op->u.shape.x + s * sh->x1 && y >= op->u.shape.y + s * sh->y0 &&
             y <= op->u.shape.y + s * sh->y1 &&
             in_segs(sh->segs, sh->n, sh->rule, op->u.shape.x, op->u.shape.y, s, x, y);
        break;
    }
    default:
        break;
    }
    return in ? p : NULL;
}

#define MAX_CLIPS 32

pr_rgb pr_doc_backdrop(const pr_doc *doc, int pg, size_t before, double x, double y)
{
    assert(pg >= 0 && (size_t)pg < doc->n_pages);
    const pr_page *p = &doc->pages[pg];
    pr_rgb col = PR_RGB(0xFF, 0xFF, 0xFF);
    int depth = 0, outside = 0;   /* clips open; how many exclude the point */
    unsigned char excl[MAX_CLIPS];
    if (before > p->n_ops) before = p->n_ops;
    for (size_t k = 0; k < before; k++) {
        const pr_op *op = &p->ops[k];
        if (op->kind == PR_OP_CLIP) {
            int ex = !in_round_box(op->u.rect.box, op->u.rect.radius, x, y);
            if (depth < MAX_CLIPS) excl[depth] = (unsigned char)ex;
            depth++;
            outside += ex;
            continue;
        }
        if (op->kind == PR_OP_UNCLIP) {
            if (depth > 0 && --depth < MAX_CLIPS) outside -= excl[depth];
            continue;
        }
        if (outside) continue;
        const pr_paint *paint = fill_at(doc, op, x, y);
        if (paint) col = pr_rgb_blend(paint->fill, col, paint->opacity > 0 ? paint->opacity : 1);
    }
    return col;
}
