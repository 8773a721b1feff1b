/* layout.c — the page-flow engine (see layout.h).
 *
 * The flow keeps a current page and a y position in the content frame.
 * Every block measures itself with the text engine, then asks reserve()
 * for room: reserve() opens a page when needed and breaks the page when the
 * block (or its first piece) does not fit.
 *
 * Keeping things together uses marks: a mark remembers a page, an operation
 * index and a y position. A heading opens a keep-with-next mark that closes
 * when the next block has placed its first piece; keep groups and
 * keep-together boxes open marks that close at their end. When a page
 * breaks while a mark is open (and the mark is not already at the top of
 * its page), everything drawn since the outermost such mark is moved to the
 * top of the new page, with the anchors, outline entries and links
 * registered since. Boxes that may split draw their background on each
 * page they cover.
 *
 * Structure (doc.h): every block opens the structure node its content
 * belongs to (P, H1–H3, L > LI > Lbl + LBody, Table > TR > TH/TD, Div
 * for boxes, BlockQuote…) around what it draws, and draws its
 * decorations (backgrounds, rules, bars, dotted leaders, underlines, the
 * repeated header row of a table) as artifacts. Nodes are made in the
 * order blocks are laid out, which is the reading order: moving
 * operations to the next page keeps their node, and a paragraph split over
 * two pages is one P. */
#include "typeset/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.01
#define MAX_GROUPS 16

/* A place in the flow that may have to move to the next page. */
typedef struct mark {
    int page;
    size_t op;                  /* operation index on that page */
    double y;                   /* flow position when opened */
    int at_top;                 /* opened at the top of its page */
    size_t n_anchors, n_outline, n_links, n_places;
} mark;

typedef enum { GROUP_KEEP, GROUP_BOX } group_kind;

typedef struct group {
    group_kind kind;
    mark m;
    int keep;                   /* moves whole when the page breaks */
    pr_box_style bs;
    double pad, bar_w;
    double x_save, w_save;      /* a box's place (the column's, if in it) */
    double outer_x, outer_w;    /* what its end gives back */
    int node;                   /* a box's Div */
} group;

typedef struct anchor {
    char *id;
    int page;
    double y;
} anchor;

/* A place in the flow (pr_layout_place_next/_here): it moves with the
 * content around it, like an anchor. */
typedef struct place {
    int page;
    double y;
} place;

typedef struct pending_link {
    int page;
    pr_box box;
    char *id;
    int node;                   /* structure node current when registered */
} pending_link;

/* A page number drawn before it is known (pr_layout_draw_page_ref): its
 * text op carries page_ref = index + 1. */
typedef struct page_ref {
    char *id;                   /* the anchor */
    pr_style style;
    double size;
    pr_align align;
    double stand_in_w;          /* width of the "0" drawn meanwhile */
} page_ref;

struct pr_layout {
    pr_layout_style st;
    pr_diags *d;
    pr_doc *doc;
    const pr_layout *prev;
    pr_pos pos;
    char *path;

    int page;                   /* current content page, -1: none */
    int need_page;              /* explicit break: next block opens a page */
    double y;                   /* flow position on the current page */
    double x, w;                /* current column (narrowed inside boxes) */
    double space;               /* pending collapsing space */
    int at_top;                 /* nothing placed yet on the current page */
    pr_box frame;

    int fonts[PR_STYLE_COUNT];  /* doc font index per role, -1: not yet */

    char *section;              /* running section title */
    char **page_section;        /* per page (NULL for free pages) */
    size_t n_page_section, cap_page_section;

    anchor *anchors;
    size_t n_anchors, cap_anchors;
    pending_link *links;
    size_t n_links, cap_links;

    group groups[MAX_GROUPS];
    int n_groups;
    int kwn_active;             /* keep-with-next mark open (headings) */
    mark kwn;
    double kwn_need;            /* lines a heading still wants under it */
    int kwn_lead;               /* a lead-in paragraph awaits what follows */
    int kwn_content;            /* content placed since the last heading */
    mark kwn_last;              /* the chain's last heading that follows
                                   content (see mark_to_move) */
    int kwn_last_set;

    double *used;               /* per page: frame height the flow used */
    size_t n_used, cap_used;

    place *places;              /* see pr_layout_place_next(), by id */
    size_t n_places, cap_places;
    size_t *placed;             /* ids in the order they got their place */
    size_t n_placed, cap_placed;
    size_t *waiting;            /* ids waiting for the next piece */
    size_t n_waiting, cap_waiting;

    int final_pages;            /* page count after finish */
    /* the last text drawn by pr_layout_draw_para (its page, operation,
     * text and node): the next text of the same node on another line gets
     * a space after it (word_break) */
    int wb_page;
    size_t wb_op;
    const char *wb_text;
    int wb_node;
    int front_matter;           /* pages numbered i, ii… (see
                                   pr_layout_front_matter_end) */
    int finished;

    page_ref *refs;             /* page numbers written at finish */
    size_t n_refs, cap_refs;

    size_t grid_break;          /* the next grid breaks the page before
                                   this row (0: none) */
    size_t *grid_rows;          /* places at the top of the last grid's rows */
    size_t n_grid_rows, cap_grid_rows;

    int sect;                   /* the open Sect node, -1: none */
    int last_heading;           /* level of the last heading node (0: none) */
};


/* ---- colours -------------------------------------------------------------- */

/* Text-engine colour (0..1 components) to 0xRRGGBB. */
pr_rgb pr_rgb_of(pr_color c)
{
    double v[3] = {c.r, c.g, c.b};
    unsigned o[3];
    for (int i = 0; i < 3; i++) {
        double x = v[i] < 0 ? 0 : v[i] > 1 ? 1 : v[i];
        o[i] = (unsigned)lround(x * 255);
    }
    return PR_RGB(o[0], o[1], o[2]);
}

/* 0xRRGGBB to a text-engine colour. */
pr_color pr_color_of(pr_rgb c)
{
    pr_color r;
    r.r = ((c >> 16) & 255) / 255.0;
    r.g = ((c >> 8) & 255) / 255.0;
    r.b = (c & 255) / 255.0;
    return r;
}

/* Mix colour a with white: t = 0 gives a, t = 1 white. */
static pr_rgb tint(pr_rgb a, double t)
{
    unsigned c[3] = {(a >> 16) & 255, (a >> 8) & 255, a & 255};
    for (int i = 0; i < 3; i++) c[i] = (unsigned)lround(c[i] + (255 - c[i]) * t);
    return PR_RGB(c[0], c[1], c[2]);
}

/* ---- styles ---------------------------------------------------------------- */

/* A text style with the common fields filled. */
static pr_text_style text_style(pr_style font, double size, pr_rgb color, pr_align align,
                                double leading, double before, double after)
{
    pr_text_style t;
    memset(&t, 0, sizeof t);
    t.font = font;
    t.size = size;
    t.color = color;
    t.align = align;
    t.leading = leading;
    t.space_before = before;
    t.space_after = after;
    t.hyphenate = align == PR_ALIGN_JUSTIFY;
    return t;
}

/* Default style: A4, Marianne-like palette, Lato-sized text. */
pr_layout_style pr_layout_style_default(const pr_fontset *fonts)
{
    pr_layout_style s;
    memset(&s, 0, sizeof s);
    s.page_width = PR_A4_WIDTH;
    s.page_height = PR_A4_HEIGHT;
    s.margin_top = 70;
    s.margin_bottom = 68;
    s.margin_left = 62;
    s.margin_right = 62;
    s.fonts = fonts;
    s.palette.primary = PR_RGB(0x00, 0x00, 0x91);     /* bleu France */
    s.palette.secondary = PR_RGB(0xE1, 0x00, 0x0F);   /* rouge Marianne */
    s.palette.accent = PR_RGB(0x00, 0x9A, 0x8C);      /* green-blue */
    s.palette.text = PR_RGB(0x1E, 0x1E, 0x2A);
    s.palette.muted = PR_RGB(0x66, 0x66, 0x77);
    s.palette.light = PR_RGB(0xEE, 0xF1, 0xF8);
    s.palette.rule = PR_RGB(0xC8, 0xCD, 0xDC);
    s.palette.link = PR_RGB(0x00, 0x00, 0x91);
    s.palette.on_primary = PR_RGB(0xFF, 0xFF, 0xFF);
    s.body = text_style(PR_STYLE_REGULAR, 10, s.palette.text, PR_ALIGN_JUSTIFY, 1.4, 0, 7);
    s.heading[0] = text_style(PR_STYLE_BOLD, 22, s.palette.primary, PR_ALIGN_LEFT, 1.15, 6, 14);
    s.heading[1] = text_style(PR_STYLE_BOLD, 14.5, s.palette.primary, PR_ALIGN_LEFT, 1.2, 16, 8);
    s.heading[2] = text_style(PR_STYLE_BOLD, 11.5, s.palette.secondary, PR_ALIGN_LEFT, 1.25, 10, 5);
    s.small = text_style(PR_STYLE_REGULAR, 8.5, s.palette.muted, PR_ALIGN_LEFT, 1.3, 0, 4);
    s.list_indent = 16;
    s.list_item_space = 3;
    s.gutter = 12;
    s.radius = 6;
    s.header_size = 8;
    return s;
}

/* ---- life cycle ---------------------------------------------------------------- */

/* New layout with a copy of `style`. */
pr_layout *pr_layout_new(const pr_layout_style *style, pr_diags *d)
{
    pr_layout *L = pr_calloc(1, sizeof *L);
    L->st = *style;
    L->d = d;
    L->doc = pr_doc_new();
    L->page = -1;
    L->at_top = 1;
    L->frame.x = style->margin_left;
    L->frame.y = style->margin_top;
    L->frame.w = style->page_width - style->margin_left - style->margin_right;
    L->frame.h = style->page_height - style->margin_top - style->margin_bottom;
    L->x = L->frame.x;
    L->w = L->frame.w;
    L->y = L->frame.y;
    for (int i = 0; i < PR_STYLE_COUNT; i++) L->fonts[i] = -1;
    L->section = pr_strdup("");
    L->sect = -1;
    return L;
}

/* Free a layout (and its document unless finish handed it over). */
void pr_layout_free(pr_layout *L)
{
    if (!L) return;
    pr_doc_free(L->doc);
    free(L->path);
    free(L->section);
    for (size_t i = 0; i < L->n_page_section; i++) free(L->page_section[i]);
    free(L->page_section);
    for (size_t i = 0; i < L->n_anchors; i++) free(L->anchors[i].id);
    free(L->anchors);
    for (size_t i = 0; i < L->n_links; i++) free(L->links[i].id);
    free(L->links);
    for (size_t i = 0; i < L->n_refs; i++) free(L->refs[i].id);
    free(L->refs);
    free(L->used);
    free(L->places);
    free(L->grid_rows);
    free(L->placed);
    free(L->waiting);
    free(L);
}

/* Use `prev` (a finished first pass) to answer page-number queries. */
void pr_layout_set_previous(pr_layout *L, const pr_layout *prev)
{
    L->prev = prev;
}

/* The document being built. */
pr_doc *pr_layout_doc(pr_layout *L)
{
    return L->doc;
}

/* The layout's style. */
const pr_layout_style *pr_layout_get_style(const pr_layout *L)
{
    return &L->st;
}

/* Position for the warnings of the next blocks. */
void pr_layout_at(pr_layout *L, pr_pos pos, const char *path)
{
    L->pos = pos;
    free(L->path);
    L->path = path ? pr_strdup(path) : NULL;
}

/* Warning at the current block position. */
static void warn(pr_layout *L, const char *fmt, ...) PR_PRINTF(2, 3);
static void warn(pr_layout *L, const char *fmt, ...)
{
    if (!L->d) return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = pr_vasprintf(fmt, ap);
    va_end(ap);
    pr_template_warning(L->d, L->pos, L->path, "%s", msg);
    free(msg);
}

/* A short excerpt of `s` (at most 40 code points, "…" added), caller frees. */
static char *excerpt(const char *s)
{
    size_t n = strlen(s), i = 0;
    int cps = 0;
    while (i < n && cps < 40) {
        unsigned cp;
        int k = pr_utf8_decode(s + i, n - i, &cp);
        i += k > 0 ? (size_t)k : 1;
        cps++;
    }
    return i < n ? pr_asprintf("%.*s…", (int)i, s) : pr_strdup(s);
}

/* ---- fonts and drawing ------------------------------------------------------------ */

/* Document font index for a style role. A fake font set (tests) has no
 * files: its roles get pseudo paths "fake:<role>". */
static int font_of(pr_layout *L, pr_style role)
{
    if ((int)role < 0 || role >= PR_STYLE_COUNT) role = PR_STYLE_REGULAR;
    if (L->fonts[role] >= 0) return L->fonts[role];
    const char *path = pr_fontset_path(L->st.fonts, role);
    if (path) {
        L->fonts[role] = pr_doc_font(L->doc, path);
    } else {
        char buf[64];
        snprintf(buf, sizeof buf, "fake:%s", pr_style_name(role));
        L->fonts[role] = pr_doc_font(L->doc, buf);
    }
    return L->fonts[role];
}

/* Public face index of a role. */
int pr_layout_font(pr_layout *L, pr_style role)
{
    return font_of(L, role);
}

/* ---- structure ---------------------------------------------------------------------- */

static int tag_open(pr_layout *L, pr_tag tag)
{
    return pr_doc_node_open(L->doc, tag);
}

static void tag_close(pr_layout *L, int node)
{
    if (node >= 0) pr_doc_node_close(L->doc, node);
}

int pr_layout_tag_open(pr_layout *L, pr_tag tag)
{
    return tag_open(L, tag);
}

void pr_layout_tag_close(pr_layout *L, int node)
{
    tag_close(L, node);
}

void pr_layout_artifact_begin(pr_layout *L)
{
    pr_doc_artifact_begin(L->doc);
}

void pr_layout_artifact_end(pr_layout *L)
{
    pr_doc_artifact_end(L->doc);
}

/* May a node of this type hold paragraphs (rather than text itself)? A
 * list item's body holds its text itself: one element less per item (a
 * structure element costs an object in the PDF). */
static int holds_paragraphs(pr_tag t)
{
    switch (t) {
    case PR_TAG_DOCUMENT:
    case PR_TAG_PART:
    case PR_TAG_SECT:
    case PR_TAG_DIV:
    case PR_TAG_BLOCKQUOTE:
    case PR_TAG_NOTE:
        return 1;
    default:
        return 0;
    }
}

/* Open a P for text about to be drawn, when the current node holds
 * paragraphs; returns it, or -1 (the text goes in the current node: a
 * heading, a cell, a label, a caption…). */
static int para_open(pr_layout *L)
{
    const pr_doc *doc = L->doc;
    return holds_paragraphs(doc->nodes[doc->cur_node].tag) ? tag_open(L, PR_TAG_P) : -1;
}

void pr_layout_section(pr_layout *L)
{
    pr_doc *doc = L->doc;
    if (L->sect >= 0 && pr_doc_node_within(doc, doc->cur_node, L->sect))
        pr_doc_node_close(doc, L->sect);
    else
        pr_doc_node_enter(doc, 0);
    L->sect = tag_open(L, PR_TAG_SECT);
}

int pr_layout_tag_heading(pr_layout *L, int level)
{
    if (level < 1) level = 1;
    if (level > 3) level = 3;
    /* no level skipped (PDF/UA: H1 then H3 is not allowed) */
    if (level > L->last_heading + 1) level = L->last_heading + 1;
    L->last_heading = level;
    return tag_open(L, (pr_tag)(PR_TAG_H1 + level - 1));
}

/* Paragraph options for a text style at width w. */
static pr_para_opts para_opts(const pr_layout *L, const pr_text_style *ts, double w)
{
    pr_para_opts o = pr_para_opts_default(w > 1 ? w : 1);
    o.align = ts->align;
    if (ts->leading > 0) o.leading = ts->leading;
    o.hyph = ts->hyphenate ? L->st.hyph : NULL;
    o.cache = L->st.para_cache;
    return o;
}

/* Parse markup in style ts into out. */
void pr_layout_markup(pr_layout *L, const char *markup, const pr_text_style *ts, pr_rich *out)
{
    if (!ts) ts = &L->st.body;
    pr_markup_opts mo;
    memset(&mo, 0, sizeof mo);
    mo.base = pr_span_default();
    mo.base.style = ts->font;
    mo.base.size = ts->size;
    mo.base.color = pr_color_of(ts->color);
    pr_color link = pr_color_of(L->st.palette.link);
    mo.link_color = ts->color == L->st.palette.text ? &link : NULL;
    mo.flags = PR_MARKUP_TYPO;
    mo.pos = L->pos;
    mo.path = L->path;
    mo.cache = L->st.para_cache;   /* a text measured then drawn is parsed once */
    if (markup) pr_markup_parse(out, markup, strlen(markup), &mo, L->d);
}

static double fit_markup(pr_layout *L, pr_para *p, const char *markup, const pr_text_style *ts,
                         double w, double h, double min_scale, int max_lines, const char *what);

/* Lay out markup into p (caller frees p) in a column w wide. A word wider
 * than the column shrinks the text down to 80 %; if that is not enough, a
 * warning names `what` ("sa colonne"...), unless what is NULL. */
static void layout_markup(pr_layout *L, pr_para *p, const char *markup, const pr_text_style *ts,
                          double w, const char *what)
{
    fit_markup(L, p, markup, ts, w, 0, 0.8, 0, what);
}

/* The text of the link that starts at run k of line i of p (its runs up
 * to the first run of another link or none, across lines up to `to`):
 * what the link says, for screen readers. The runs hold their spaces; a
 * line break is a space, or nothing after a soft hyphen (dropped). */
static char *link_text(const pr_para *p, size_t i, size_t k, size_t to)
{
    pr_strbuf sb = {0};
    const char *uri = p->lines[i].runs[k].link;
    for (size_t first = i; i < to; i++, k = 0) {
        const pr_line *ln = &p->lines[i];
        if (i > first && sb.len) {
            if (sb.len >= 2 && !memcmp(sb.data + sb.len - 2, "\xc2\xad", 2))
                sb.len -= 2;   /* a hyphen the break added */
            else if (sb.data[sb.len - 1] != ' ')
                pr_sb_putc(&sb, ' ');
        }
        for (; k < ln->n_runs; k++) {
            const pr_run *r = &ln->runs[k];
            if (!r->link || strcmp(r->link, uri)) goto done;
            pr_sb_add(&sb, r->text, r->len);
        }
    }
done:
    while (sb.len && sb.data[sb.len - 1] == ' ') sb.len--;
    size_t lead = 0;
    while (lead < sb.len && sb.data[lead] == ' ') lead++;
    char *out = pr_strndup(sb.data ? sb.data + lead : "", sb.len - lead);
    pr_sb_free(&sb);
    return out;
}

/* Before text that starts a line in node `node`: if the last text drawn
 * (L->wb_*) is of the same node and does not end with a space or a
 * hyphen, a space is added to it (drawn after its end: nothing shows).
 * The words of two lines, of a title and its page number, of a figure and
 * its label, then stay apart for whoever reads the text in order (a
 * screen reader through the structure tree). */
static void word_break(pr_layout *L, int node)
{
    if (!L->wb_text || L->wb_node != node) return;
    pr_doc *doc = L->doc;
    if (L->wb_page < 0 || (size_t)L->wb_page >= doc->n_pages) return;
    pr_page *pg = &doc->pages[L->wb_page];
    if (L->wb_op >= pg->n_ops) return;
    pr_op *op = &pg->ops[L->wb_op];
    if (op->kind != PR_OP_TEXT || op->u.text.text != L->wb_text) return;   /* moved since */
    const char *t = op->u.text.text;
    size_t n = strlen(t);
    if (!n || t[n - 1] == ' ' || t[n - 1] == '-' ||
        (n >= 2 && !memcmp(t + n - 2, "\xc2\xad", 2)) ||
        (n >= 3 && !memcmp(t + n - 3, "\xe2\x80\x90", 3)))
        return;
    char *u = pr_arena_alloc(&doc->arena, n + 2);
    memcpy(u, t, n);
    u[n] = ' ';
    u[n + 1] = '\0';
    op->u.text.text = u;
    L->wb_text = u;
}

/* Draw lines [from, to) of p with the top-left at (x, y); returns height.
 * The runs of a link are drawn in a Link node, with their annotations;
 * its underline is an artifact. Runs in another language than the
 * document's are drawn in a Span node with their /Lang (a link inside
 * one nests in it). */
double pr_layout_draw_para(pr_layout *L, int page, const pr_para *p, size_t from, size_t to,
                           double x, double y)
{
    double top = y;
    int link_node = -1, lang_node = -1;
    const char *link_uri = NULL, *lang = NULL;
    char *contents = NULL;
    if (to > p->n_lines) to = p->n_lines;
    for (size_t i = from; i < to; i++) {
        const pr_line *ln = &p->lines[i];
        for (size_t k = 0; k < ln->n_runs; k++) {
            const pr_run *r = &ln->runs[k];
            int lang_changes = (lang_node >= 0) != (r->lang != NULL) ||
                               (lang_node >= 0 && strcmp(r->lang, lang));
            if (link_node >= 0 && (!r->link || strcmp(r->link, link_uri) || lang_changes)) {
                tag_close(L, link_node);
                link_node = -1;
                free(contents);
                contents = NULL;
            }
            if (lang_changes) {
                tag_close(L, lang_node);
                lang_node = -1;
                if (r->lang) {
                    lang_node = tag_open(L, PR_TAG_SPAN);
                    pr_doc_node_lang(L->doc, lang_node, r->lang);
                    lang = r->lang;
                }
            }
            if (r->link && link_node < 0) {
                link_node = tag_open(L, PR_TAG_LINK);
                link_uri = r->link;
                contents = link_text(p, i, k, to);
            }
            if (r->len) {
                int node = pr_doc_node_current(L->doc);
                if (k == 0)
                    word_break(L, node);
                pr_doc_text_run(L->doc, page, font_of(L, r->style), r->size, pr_rgb_of(r->color),
                                x + r->x, top + ln->baseline - r->rise, r->text, r->len, r->kern,
                                r->word_spacing);
                pr_page *dp = pr_doc_page(L->doc, page);
                if (dp && dp->n_ops && dp->ops[dp->n_ops - 1].kind == PR_OP_TEXT) {
                    L->wb_page = page;
                    L->wb_op = dp->n_ops - 1;
                    L->wb_text = dp->ops[dp->n_ops - 1].u.text.text;
                    L->wb_node = node;
                }
            }
            if (r->link) {
                pr_box b = {x + r->x, top, r->width, ln->height};
                pr_doc_link_uri(L->doc, page, b, r->link, contents);
                /* links in the link colour are underlined (runs hold their
                 * spaces; the hairline bridges the gap to the next run of
                 * the same link) */
                if (pr_rgb_of(r->color) == L->st.palette.link && r->len) {
                    const pr_run *nx = k + 1 < ln->n_runs ? &ln->runs[k + 1] : NULL;
                    double x1 = nx && nx->link && !strcmp(nx->link, r->link) ? nx->x : r->x + r->width;
                    pr_paint u = pr_paint_stroke(pr_rgb_of(r->color), r->size * 0.05);
                    u.opacity = 0.6;
                    double uy = top + ln->baseline - r->rise + r->size * 0.14;
                    pr_doc_artifact_begin(L->doc);
                    pr_doc_line(L->doc, page, x + r->x, uy, x + x1, uy, &u);
                    pr_doc_artifact_end(L->doc);
                }
            }
        }
        top += ln->height;
    }
    tag_close(L, link_node);
    tag_close(L, lang_node);
    free(contents);
    return top - y;
}

/* Draw markup in a column; returns the height used. */
double pr_layout_draw_text(pr_layout *L, int page, double x, double y, double w,
                           const char *markup, const pr_text_style *ts)
{
    if (!ts) ts = &L->st.body;
    pr_para p;
    memset(&p, 0, sizeof p);
    layout_markup(L, &p, markup, ts, w, "sa colonne");
    int node = p.n_lines ? para_open(L) : -1;
    double h = pr_layout_draw_para(L, page, &p, 0, p.n_lines, x, y);
    tag_close(L, node);
    pr_para_free(&p);
    return h;
}

/* Height of markup in a column, without drawing. */
double pr_layout_measure_text(pr_layout *L, double w, const char *markup, const pr_text_style *ts)
{
    if (!ts) ts = &L->st.body;
    pr_para p;
    memset(&p, 0, sizeof p);
    layout_markup(L, &p, markup, ts, w, NULL);
    double h = p.height;
    pr_para_free(&p);
    return h;
}

/* Lay out markup so that it fits `w` × `h` (h <= 0: any height, width
 * only), shrinking to min_scale; warns (naming `what`) when it does not
 * fit. Returns the scale used; p holds the layout. */
static double fit_markup(pr_layout *L, pr_para *p, const char *markup, const pr_text_style *ts,
                         double w, double h, double min_scale, int max_lines, const char *what)
{
    pr_rich r;
    pr_rich_init(&r);
    pr_layout_markup(L, markup, ts, &r);
    pr_para_opts o = para_opts(L, ts, w);
    o.max_lines = max_lines;
    double scale = 1;
    if (h > 0) {
        pr_fit f = pr_para_fit(p, &r, L->st.fonts, &o, h, ts->size * min_scale, ts->size);
        scale = f.scale;
        if ((f.overflow || p->overfull) && what) {
            char *ex = excerpt(markup);
            warn(L, "le texte « %s » ne tient pas dans %s, même réduit à %.1f pt : il est coupé",
                 ex, what, ts->size * min_scale);
            free(ex);
        }
    } else {
        /* width only: shrink while a word is wider than the column */
        pr_para_layout(p, &r, L->st.fonts, &o);
        while (p->overfull && scale - 0.05 >= min_scale - 1e-9) {
            scale -= 0.05;
            pr_rich s;
            pr_rich_init(&s);
            for (size_t i = 0; i < r.n; i++) {
                pr_span sp = r.spans[i];
                sp.size *= scale;
                pr_rich_add(&s, &sp, r.spans[i].text, r.spans[i].len);
            }
            pr_para_free(p);
            memset(p, 0, sizeof *p);
            pr_para_layout(p, &s, L->st.fonts, &o);
            pr_rich_free(&s);
        }
        if (p->overfull && what) {
            char *ex = excerpt(markup);
            warn(L, "le texte « %s » a un mot plus large que %s, même réduit à %.1f pt : il "
                    "est coupé", ex, what, ts->size * scale);
            free(ex);
        }
    }
    pr_rich_free(&r);
    return scale;
}

/* Draw markup fitted into a box. */
double pr_layout_draw_fit(pr_layout *L, int page, pr_box box, const char *markup,
                          const pr_text_style *ts, double min_scale, int valign)
{
    if (!ts) ts = &L->st.body;
    pr_para p;
    memset(&p, 0, sizeof p);
    double scale = fit_markup(L, &p, markup, ts, box.w, box.h, min_scale, 0, "son cadre");
    double y = box.y;
    if (valign == 1) y += (box.h - p.height) / 2;
    else if (valign == 2) y += box.h - p.height;
    if (y < box.y) y = box.y;
    int node = p.n_lines ? para_open(L) : -1;
    pr_layout_draw_para(L, page, &p, 0, p.n_lines, box.x, y);
    tag_close(L, node);
    pr_para_free(&p);
    return ts->size * scale;
}

/* Draw a bullet symbol centred at (cx, cy). */
void pr_layout_draw_bullet(pr_layout *L, int page, pr_bullet_kind kind, double cx, double cy,
                           double size, pr_rgb color)
{
    pr_path path = {0};
    pr_paint pt;
    switch (kind) {
    case PR_BULLET_DOT:
    case PR_BULLET_NUMBER:
        pt = pr_paint_fill(color);
        pr_doc_circle(L->doc, page, cx, cy, size * 0.2, &pt);
        break;
    case PR_BULLET_TICK:
        pt = pr_paint_stroke(color, size * 0.15);
        pt.round_caps = 1;
        pr_path_move(&path, cx - size * 0.34, cy + size * 0.02);
        pr_path_line(&path, cx - size * 0.1, cy + size * 0.26);
        pr_path_line(&path, cx + size * 0.36, cy - size * 0.3);
        pr_doc_path(L->doc, page, &path, PR_FILL_NONZERO, &pt);
        break;
    case PR_BULLET_DASH:
        pt = pr_paint_stroke(color, size * 0.11);
        pr_doc_line(L->doc, page, cx - size * 0.22, cy, cx + size * 0.22, cy, &pt);
        break;
    case PR_BULLET_ARROW:
        pt = pr_paint_fill(color);
        pr_path_move(&path, cx - size * 0.18, cy - size * 0.26);
        pr_path_line(&path, cx + size * 0.26, cy);
        pr_path_line(&path, cx - size * 0.18, cy + size * 0.26);
        pr_path_close(&path);
        pr_doc_path(L->doc, page, &path, PR_FILL_NONZERO, &pt);
        break;
    }
    pr_path_free(&path);
}

/* The body style or a heading style. */
pr_text_style pr_layout_text_style(const pr_layout *L, int heading_level)
{
    if (heading_level >= 1 && heading_level <= 3) return L->st.heading[heading_level - 1];
    return L->st.body;
}

/* ---- pages and marks ------------------------------------------------------------------ */

/* Record the section title of page `pg`. */
static void set_page_section(pr_layout *L, int pg, const char *title)
{
    pr_grow((void **)&L->page_section, &L->cap_page_section, (size_t)pg + 1,
            sizeof *L->page_section);
    while (L->n_page_section <= (size_t)pg) L->page_section[L->n_page_section++] = NULL;
    free(L->page_section[pg]);
    L->page_section[pg] = title ? pr_strdup(title) : NULL;
}

/* Open a new content page and put the flow at its top. */
static void open_page(pr_layout *L)
{
    L->page = pr_doc_add_page(L->doc, L->st.page_width, L->st.page_height, PR_PAGE_CONTENT);
    set_page_section(L, L->page, L->section);
    L->y = L->frame.y;
    L->space = 0;
    L->at_top = 1;
    L->need_page = 0;
}

/* A mark at the current flow position. */
static mark mark_here(const pr_layout *L)
{
    mark m;
    m.page = L->page;
    m.op = L->page >= 0 ? L->doc->pages[L->page].n_ops : 0;
    m.y = L->y;
    m.at_top = L->at_top;
    m.n_anchors = L->n_anchors;
    m.n_outline = L->doc->n_outline;
    m.n_links = L->n_links;
    m.n_places = L->n_placed;
    return m;
}

/* Bottom of the content frame. */
static double frame_bottom(const pr_layout *L)
{
    return L->frame.y + L->frame.h;
}

/* Operations were inserted at index `at` of page `pg`: move the marks
 * after it (other than `self`) and `extra` (may be NULL) along. */
static void marks_inserted(pr_layout *L, int pg, size_t at, size_t count, const group *self,
                           mark *extra)
{
    for (int i = 0; i < L->n_groups; i++) {
        group *g = &L->groups[i];
        if (g != self && g->m.page == pg && g->m.op > at) g->m.op += count;
    }
    if (L->kwn_active && L->kwn.page == pg && L->kwn.op > at) L->kwn.op += count;
    if (L->kwn_last_set && L->kwn_last.page == pg && L->kwn_last.op > at) L->kwn_last.op += count;
    if (extra && extra->page == pg && extra->op >= at) extra->op += count;
}

/* Draw the background of box group g on its page from g->m.y to `bottom`,
 * under its content. `extra`: a mark to keep in step (or NULL). */
static void box_background(pr_layout *L, group *g, double bottom, mark *extra)
{
    if (g->m.page < 0) return;
    pr_box b = {g->x_save, g->m.y, g->w_save, bottom - g->m.y};
    if (b.h <= EPS) return;
    pr_rgb fill = g->bs.fill == PR_RGB_NONE ? L->st.palette.light : g->bs.fill;
    pr_paint p = pr_paint_fill(fill);
    if (g->bs.border != PR_RGB_NONE) {
        p.stroke = g->bs.border;
        p.line_width = 0.8;
    }
    size_t at = g->m.op, n = 1;
    pr_doc_artifact_begin(L->doc);
    pr_doc_rect(L->doc, g->m.page, b, L->st.radius * 0.6, &p);
    pr_doc_insert_last(L->doc, g->m.page, at);
    if (g->bs.bar != PR_RGB_NONE) {
        /* the bar follows the box's rounded corners */
        pr_paint bp = pr_paint_fill(g->bs.bar);
        pr_box bar = {b.x, b.y, g->bar_w, b.h};
        pr_doc_clip(L->doc, g->m.page, b, L->st.radius * 0.6);
        pr_doc_insert_last(L->doc, g->m.page, at + 1);
        pr_doc_rect(L->doc, g->m.page, bar, 0, &bp);
        pr_doc_insert_last(L->doc, g->m.page, at + 2);
        pr_doc_unclip(L->doc, g->m.page);
        pr_doc_insert_last(L->doc, g->m.page, at + 3);
        n = 4;
    }
    pr_doc_artifact_end(L->doc);
    marks_inserted(L, g->m.page, at, n, g, extra);
}

/* Shift what was registered since mark m (on page m.page) to page `pg`,
 * moving it by dy. */
static void shift_registered(pr_layout *L, const mark *m, int pg, double dy)
{
    for (size_t i = m->n_anchors; i < L->n_anchors; i++)
        if (L->anchors[i].page == m->page) L->anchors[i].page = pg, L->anchors[i].y += dy;
    for (size_t i = m->n_outline; i < L->doc->n_outline; i++)
        if (L->doc->outline[i].page == m->page) L->doc->outline[i].page = pg, L->doc->outline[i].y += dy;
    for (size_t i = m->n_links; i < L->n_links; i++)
        if (L->links[i].page == m->page) L->links[i].page = pg, L->links[i].box.y += dy;
    for (size_t k = m->n_places; k < L->n_placed; k++) {
        place *pl = &L->places[L->placed[k]];
        if (pl->page == m->page) pl->page = pg, pl->y += dy;
    }
}

/* Record how much of page pg's frame the flow used (its end at y). */
static void note_used(pr_layout *L, int pg, double y)
{
    if (pg < 0) return;
    pr_grow((void **)&L->used, &L->cap_used, (size_t)pg + 1, sizeof *L->used);
    while (L->n_used <= (size_t)pg) L->used[L->n_used++] = 0;
    L->used[pg] = y > L->frame.y ? y - L->frame.y : 0;
}

/* Does a mark at y sit in the top fifth of the frame (what is above it
 * would leave a nearly empty page)? */
static int in_top_fifth(const pr_layout *L, double y)
{
    return y < L->frame.y + PR_LAYOUT_NEARLY_EMPTY * L->frame.h - EPS;
}

/* Is a keep-together group open that started after the keep-with-next
 * mark? Then that whole group is "what follows" the heading, and the mark
 * stays open until the group ends. */
static int kwn_group_open(const pr_layout *L)
{
    for (int i = 0; i < L->n_groups; i++) {
        const group *g = &L->groups[i];
        if (g->keep && (g->m.page > L->kwn.page ||
                        (g->m.page == L->kwn.page && g->m.op >= L->kwn.op)))
            return 1;
    }
    return 0;
}

/* Close the keep-with-next mark once the headings have enough under them
 * (PR_LAYOUT_KEEP_LINES lines, a lead-in paragraph one piece) and no keep
 * group opened after them is still open. */
static void kwn_settle(pr_layout *L)
{
    if (L->kwn_active && L->kwn_need <= EPS && !L->kwn_lead && !kwn_group_open(L))
        L->kwn_active = 0;
}

/* Keep groups and keep-together boxes that would move from the top fifth
 * of page pg stay and split instead: moving them would leave a nearly
 * empty page behind. */
static void release_groups(pr_layout *L, int pg)
{
    int any = 0;
    for (int i = 0; i < L->n_groups; i++) {
        group *g = &L->groups[i];
        if (g->keep && g->m.page == pg && !g->m.at_top && in_top_fifth(L, g->m.y)) {
            g->keep = 0;
            any = 1;
        }
    }
    if (any) kwn_settle(L);
}

/* The outermost open mark that a page break now would move to the next
 * page (keep groups, then the keep-with-next mark), or NULL. */
static const mark *mark_to_move(pr_layout *L)
{
    int old = L->page;
    const mark *mv = NULL;
    if (old < 0) return NULL;
    release_groups(L, old);
    for (int i = 0; i < L->n_groups; i++) {
        group *g = &L->groups[i];
        if (g->keep && g->m.page == old && !g->m.at_top) { mv = &g->m; break; }
    }
    if (L->kwn_active && L->kwn.page == old && !L->kwn.at_top) {
        /* headings that would leave a nearly empty page behind: a chain of
         * them, each but the last with what it heads under it (a short
         * subsection, then the next heading), breaks at its last heading;
         * a heading with lines under it lets a keep group that follows
         * (a map and its caption) move alone */
        const mark *k = &L->kwn;
        if (in_top_fifth(L, k->y)) {
            if (L->kwn_last_set && L->kwn_last.page == old && !in_top_fifth(L, L->kwn_last.y))
                k = &L->kwn_last;
            else if (mv && L->kwn_content && mv->op > k->op)
                k = NULL;   /* the heading has lines under it: the group moves alone */
        }
        if (k && (!mv || k->op < mv->op)) mv = k;
    }
    return mv;
}

/* Would a page break now leave the current page nearly empty (less than
 * a fifth of its frame used, once the marks moved)? */
static int break_leaves_nearly_empty(pr_layout *L)
{
    if (L->page < 0 || L->at_top || L->need_page) return 0;
    const mark *mv = mark_to_move(L);
    return in_top_fifth(L, mv ? mv->y : L->y);
}

/* Break the page. If allow_move, content since the outermost open
 * keep mark that is not at its page's top moves to the new page. Split
 * boxes get their background drawn on the old page. */
static void break_page(pr_layout *L, int allow_move)
{
    int old = L->page;
    double old_y = L->y, old_space = L->space;
    const mark *mv = allow_move ? mark_to_move(L) : NULL;
    mark moved = mv ? *mv : mark_here(L);
    double end_y = mv ? moved.y : L->y;
    note_used(L, old, end_y);
    if (!allow_move) L->kwn_active = 0;    /* an explicit break ends the keeping */

    /* boxes that stay and split: close their part on the old page */
    double top = L->frame.y;
    for (int i = 0; i < L->n_groups; i++) {
        group *g = &L->groups[i];
        if (g->kind != GROUP_BOX || g->m.page != old) continue;
        if (mv && g->m.op >= moved.op && g->m.y >= moved.y - EPS) continue;   /* moves */
        box_background(L, g, fmin(end_y + g->pad, frame_bottom(L) + g->pad * 0.5), &moved);
    }
    open_page(L);
    int now = L->page;
    for (int i = 0; i < L->n_groups; i++) {
        group *g = &L->groups[i];
        if (g->kind != GROUP_BOX || g->m.page != old) continue;
        if (mv && g->m.op >= moved.op && g->m.y >= moved.y - EPS) continue;
        g->m = mark_here(L);
        g->m.y = top;
        top += g->pad;
    }
    if (old < 0) return;
    if (mv) {
        double dy = top - moved.y;
        size_t base = L->doc->pages[now].n_ops;
        pr_doc_move_ops(L->doc, old, moved.op, now, 0, dy);
        shift_registered(L, &moved, now, dy);
        for (int i = 0; i < L->n_groups; i++) {
            group *g = &L->groups[i];
            if (g->m.page == old && g->m.op >= moved.op && g->m.y >= moved.y - EPS) {
                g->m.page = now;
                g->m.op = g->m.op - moved.op + base;
                g->m.y += dy;
                g->m.at_top = g->m.y <= top + EPS;
            }
        }
        if (L->kwn_active && L->kwn.page == old && L->kwn.op >= moved.op) {
            L->kwn.page = now;
            L->kwn.op = L->kwn.op - moved.op + base;
            L->kwn.y += dy;
            L->kwn.at_top = 1;
        }
        if (L->kwn_last_set && L->kwn_last.page == old && L->kwn_last.op >= moved.op) {
            L->kwn_last.page = now;
            L->kwn_last.op = L->kwn_last.op - moved.op + base;
            L->kwn_last.y += dy;
            L->kwn_last.at_top = L->kwn_last.y <= top + EPS;
            if (L->kwn_active && L->kwn.page == old) {
                /* the chain broke at its last heading: the mark goes on
                 * from there */
                L->kwn = L->kwn_last;
                L->kwn_last_set = 0;
            }
        }
        L->y = old_y + dy;
        L->at_top = L->y <= top + EPS;
        if (L->at_top) L->y = top;
        else L->space = old_space;
    } else {
        L->y = top;
    }
}

/* Make sure a content page is open. */
static void ensure_page(pr_layout *L)
{
    if (L->page < 0) {
        open_page(L);
    } else if (L->need_page) {
        /* an explicit break does not leave a heading short of its lines at
         * the page's end: the heading goes on with them */
        int short_heading = L->kwn_active && L->kwn.page == L->page && !L->kwn.at_top &&
                            L->kwn_need > EPS;
        break_page(L, short_heading);
    }
}

/* What a piece of the flow is, for the keep-with-next mark. */
typedef enum {
    PIECE_CONTENT,              /* counts as lines under the headings */
    PIECE_NEUTRAL,              /* a heading, a box's top: counts nothing */
    PIECE_LEAD                  /* a lead-in paragraph kept with what follows */
} piece_kind;

/* Height of a line of body text. */
static double body_line(const pr_layout *L)
{
    double ld = L->st.body.leading > 0 ? L->st.body.leading : 1.2;
    double h = L->st.body.size * ld;
    return h > 1 ? h : 1;
}

/* A piece of `lines` lines (< 0: as many as its height holds in body
 * lines) was placed: count it under the open keep-with-next mark. */
static void kwn_count(pr_layout *L, double h, piece_kind kind, double lines)
{
    if (!L->kwn_active || kind == PIECE_NEUTRAL) return;
    L->kwn_content = 1;
    L->kwn_need -= lines >= 0 ? lines : h / body_line(L);
    L->kwn_lead = kind == PIECE_LEAD;
    kwn_settle(L);
}

/* Room for a piece `h` points high: opens or breaks pages as needed,
 * applies the pending space, and returns the y where the piece goes. The
 * caller then advances L->y. `lines`: the piece's lines (< 0: from its
 * height), counted under the headings kept with what follows. */
static double reserve_lines(pr_layout *L, double h, piece_kind kind, double lines)
{
    ensure_page(L);
    double sp = L->at_top ? 0 : L->space;
    if (!L->at_top && L->y + sp + h > frame_bottom(L) + EPS) {
        break_page(L, 1);
        sp = L->at_top ? 0 : L->space;
    }
    L->y += sp;
    L->space = 0;
    L->at_top = 0;
    for (size_t i = 0; i < L->n_waiting; i++) {
        L->places[L->waiting[i]] = (place){L->page, L->y};
        PR_PUSH(L->placed, L->n_placed, L->cap_placed, L->waiting[i]);
    }
    L->n_waiting = 0;
    kwn_count(L, h, kind, lines);
    return L->y;
}

static double reserve(pr_layout *L, double h, piece_kind kind)
{
    return reserve_lines(L, h, kind, -1);
}

/* Space available for the next piece on this page (after pending space). */
static double avail(pr_layout *L)
{
    ensure_page(L);
    double sp = L->at_top ? 0 : L->space;
    return frame_bottom(L) - L->y - sp;
}

/* Add a collapsing space. */
void pr_layout_space(pr_layout *L, double points)
{
    if (points > L->space) L->space = points;
}

/* Start a free page. */
int pr_layout_free_page(pr_layout *L, pr_page_kind kind)
{
    if (L->page >= 0) note_used(L, L->page, L->y);
    while (L->n_groups > 0) {        /* groups do not cross free pages */
        group *g = &L->groups[--L->n_groups];
        if (g->kind == GROUP_BOX) {
            box_background(L, g, L->y + g->pad, NULL);
            L->x = g->outer_x;
            L->w = g->outer_w;
            if (pr_doc_node_within(L->doc, L->doc->cur_node, g->node)) tag_close(L, g->node);
        }
    }
    int pg = pr_doc_add_page(L->doc, L->st.page_width, L->st.page_height, kind);
    set_page_section(L, pg, kind == PR_PAGE_CONTENT ? L->section : NULL);
    L->page = -1;
    L->need_page = 0;
    L->space = 0;
    L->at_top = 1;
    L->kwn_active = 0;
    return pg;
}

/* Full-colour section divider page. */
int pr_layout_divider(pr_layout *L, const char *number, const char *title, const char *subtitle,
                      pr_rgb color, const char *anchor_id)
{
    const pr_layout_style *s = &L->st;
    pr_rgb col = color == PR_RGB_NONE ? s->palette.primary : color;
    int pg = pr_layout_free_page(L, PR_PAGE_DIVIDER);
    pr_layout_section(L);
    double W = s->page_width, H = s->page_height;
    pr_paint bg = pr_paint_fill(col);
    pr_doc_artifact_begin(L->doc);
    pr_doc_rect(L->doc, pg, (pr_box){0, 0, W, H}, 0, &bg);
    /* decorative discs, partly off the page */
    pr_paint d1 = pr_paint_fill(PR_RGB(0xFF, 0xFF, 0xFF));
    d1.opacity = 0.08;
    pr_doc_circle(L->doc, pg, W * 0.92, H * 0.16, W * 0.42, &d1);
    pr_doc_circle(L->doc, pg, W * 0.05, H * 0.95, W * 0.30, &d1);
    pr_paint ring = pr_paint_stroke(PR_RGB(0xFF, 0xFF, 0xFF), 1.2);
    ring.opacity = 0.35;
    pr_doc_circle(L->doc, pg, W * 0.92, H * 0.16, W * 0.30, &ring);
    pr_doc_artifact_end(L->doc);
    double x = s->margin_left + 10, w = W - 2 * x;
    double y = H * 0.42;
    int head = pr_layout_tag_heading(L, 1);
    if (number && *number) {
        pr_text_style ns = s->heading[0];
        ns.font = PR_STYLE_BLACK;
        ns.size = 96;
        ns.leading = 1.0;
        ns.color = s->palette.on_primary;
        ns.align = PR_ALIGN_LEFT;
        ns.hyphenate = 0;
        y += pr_layout_draw_text(L, pg, x, y, w, number, &ns);
    }
    pr_paint bar = pr_paint_fill(s->palette.secondary == col ? s->palette.on_primary
                                                             : s->palette.secondary);
    pr_doc_artifact_begin(L->doc);
    pr_doc_rect(L->doc, pg, (pr_box){x, y + 6, 56, 5}, 0, &bar);
    pr_doc_artifact_end(L->doc);
    y += 26;
    pr_text_style ts = s->heading[0];
    ts.size = 30;
    ts.leading = 1.15;
    ts.color = s->palette.on_primary;
    ts.align = PR_ALIGN_LEFT;
    ts.hyphenate = 0;
    y += pr_layout_draw_text(L, pg, x, y, w * 0.85, title, &ts);
    tag_close(L, head);
    if (subtitle && *subtitle) {
        pr_text_style ss = s->body;
        ss.size = 13;
        ss.leading = 1.35;
        ss.color = s->palette.on_primary;
        ss.align = PR_ALIGN_LEFT;
        ss.hyphenate = 0;
        pr_layout_draw_text(L, pg, x, y + 12, w * 0.8, subtitle, &ss);
    }
    pr_rich r;
    pr_rich_init(&r);
    pr_layout_markup(L, title, &ts, &r);
    char *plain = pr_rich_plain(&r);
    pr_rich_free(&r);
    size_t nl = number ? strlen(number) : 0;
    char *entry = nl ? pr_asprintf("%s%s %s", number, number[nl - 1] == '.' ? "" : ".", plain)
                     : pr_strdup(plain);
    pr_doc_add_outline(L->doc, entry, 1, pg, 0);
    if (anchor_id) pr_layout_anchor_at(L, anchor_id, pg, 0);
    pr_layout_set_section(L, plain);
    free(entry);
    free(plain);
    return pg;
}

/* End the current page (lazily). */
void pr_layout_page_break(pr_layout *L)
{
    if (L->page >= 0 && !L->at_top) L->need_page = 1;
    L->space = 0;
}

/* End the current page unless that leaves it nearly empty. */
int pr_layout_soft_page_break(pr_layout *L)
{
    if (L->page < 0 || L->at_top || L->need_page) return 0;
    if (in_top_fifth(L, L->y)) return 0;
    /* nor one ending with a heading short of its lines (a heading and a
     * two-line tile: the page would end as if the heading were at its
     * foot) */
    if (L->kwn_active && L->kwn.page == L->page && L->kwn_need > EPS) return 0;
    pr_layout_page_break(L);
    return 1;
}

/* A place at the top of the next piece placed. */
size_t pr_layout_place_next(pr_layout *L)
{
    place p = {-1, 0};
    PR_PUSH(L->places, L->n_places, L->cap_places, p);
    PR_PUSH(L->waiting, L->n_waiting, L->cap_waiting, L->n_places - 1);
    return L->n_places - 1;
}

/* A place at the end of the flow so far. */
size_t pr_layout_place_here(pr_layout *L)
{
    place p = {L->page, L->y};
    PR_PUSH(L->places, L->n_places, L->cap_places, p);
    PR_PUSH(L->placed, L->n_placed, L->cap_placed, L->n_places - 1);
    return L->n_places - 1;
}

/* Where a place ended up. */
void pr_layout_place_get(const pr_layout *L, size_t id, int *page, double *y)
{
    place p = id < L->n_places ? L->places[id] : (place){-1, 0};
    if (p.page < 0 && id < L->n_places) p = (place){L->page, L->y};
    *page = p.page;
    *y = p.y;
}

/* Frame height used on a content page. */
double pr_layout_page_used(const pr_layout *L, int page)
{
    if (page < 0) return 0;
    if (page == L->page)
        return L->y > L->frame.y ? L->y - L->frame.y : 0;
    return (size_t)page < L->n_used ? L->used[page] : 0;
}

/* Set the running section title. */
void pr_layout_set_section(pr_layout *L, const char *title)
{
    free(L->section);
    L->section = pr_strdup(title ? title : "");
    if (L->page >= 0 && L->at_top && !L->need_page) set_page_section(L, L->page, L->section);
}

/* Record an anchor. */
void pr_layout_anchor_at(pr_layout *L, const char *id, int page, double y)
{
    if (!id || !*id) return;
    for (size_t i = 0; i < L->n_anchors; i++)
        if (!strcmp(L->anchors[i].id, id)) {
            warn(L, "ancre « %s » définie deux fois", id);
            return;
        }
    anchor a = {pr_strdup(id), page, y};
    PR_PUSH(L->anchors, L->n_anchors, L->cap_anchors, a);
}

/* Anchor at the next block's top. */
void pr_layout_anchor(pr_layout *L, const char *id)
{
    ensure_page(L);
    double sp = L->at_top ? 0 : L->space;
    pr_layout_anchor_at(L, id, L->page, L->y + sp);
}

/* Outline entry at a given place. */
void pr_layout_outline_at(pr_layout *L, const char *title, int level, int page, double y)
{
    pr_doc_add_outline(L->doc, title, level, page, y);
}

/* Find an anchor in a layout. */
static const anchor *find_anchor(const pr_layout *L, const char *id)
{
    for (size_t i = 0; i < L->n_anchors; i++)
        if (!strcmp(L->anchors[i].id, id)) return &L->anchors[i];
    return NULL;
}

/* 1-based page of an anchor (previous pass first). */
int pr_layout_page_of(const pr_layout *L, const char *id)
{
    const anchor *a = L->prev ? find_anchor(L->prev, id) : find_anchor(L, id);
    return a ? a->page + 1 : 0;
}

/* Number of pages. */
int pr_layout_page_count(const pr_layout *L)
{
    if (L->prev) return L->prev->final_pages ? L->prev->final_pages : (int)L->prev->doc->n_pages;
    return L->final_pages ? L->final_pages : (int)L->doc->n_pages;
}

void pr_layout_draw_page_ref(pr_layout *L, int page, pr_box col, const char *id,
                             const pr_text_style *ts)
{
    if (!ts) ts = &L->st.body;
    /* a one-digit stand-in gives the run's look and baseline */
    pr_para p;
    memset(&p, 0, sizeof p);
    layout_markup(L, &p, "0", ts, col.w, NULL);
    if (p.n_lines && p.lines[0].n_runs) {
        const pr_line *ln = &p.lines[0];
        const pr_run *r = &ln->runs[0];
        page_ref ref = {pr_strdup(id), r->style, r->size, ts->align,
                        pr_text_width(L->st.fonts, r->style, r->size, "0", 1)};
        PR_PUSH(L->refs, L->n_refs, L->cap_refs, ref);
        word_break(L, pr_doc_node_current(L->doc));   /* "Présentation 5" */
        pr_doc_text(L->doc, page, font_of(L, r->style), r->size, pr_rgb_of(r->color),
                    col.x + r->x, col.y + ln->baseline - r->rise, "0");
        pr_page *pg = pr_doc_page(L->doc, page);
        if (pg && pg->n_ops)
            pg->ops[pg->n_ops - 1].u.text.page_ref = (int)L->n_refs;
    }
    pr_para_free(&p);
}

/* Write the page numbers of the page references, now that every anchor
 * has its page. */
static void resolve_page_refs(pr_layout *L, pr_doc *doc)
{
    if (!L->n_refs) return;
    for (size_t pg = 0; pg < doc->n_pages; pg++)
        for (size_t k = 0; k < doc->pages[pg].n_ops; k++) {
            pr_op *op = &doc->pages[pg].ops[k];
            if (op->kind != PR_OP_TEXT || op->u.text.page_ref <= 0 ||
                (size_t)op->u.text.page_ref > L->n_refs)
                continue;
            const page_ref *ref = &L->refs[op->u.text.page_ref - 1];
            const anchor *a = find_anchor(L, ref->id);
            if (!a) warn(L, "numéro de page d'une ancre inconnue « %s »", ref->id);
            char buf[16];
            snprintf(buf, sizeof buf, "%d", a ? a->page + 1 : 0);
            double w = pr_text_width(L->st.fonts, ref->style, ref->size, buf, strlen(buf));
            /* the number takes the stand-in's place, aligned the same way
             * (the op may have moved with its block since) */
            double grow = w - ref->stand_in_w;
            op->u.text.x -= ref->align == PR_ALIGN_RIGHT    ? grow
                            : ref->align == PR_ALIGN_CENTER ? grow / 2
                                                            : 0;
            op->u.text.text = pr_arena_strdup(&doc->arena, buf);
            op->u.text.page_ref = 0;
        }
}

/* Link a box to an anchor (resolved at finish). */
void pr_layout_link_anchor(pr_layout *L, int page, pr_box box, const char *id)
{
    pending_link l = {page, box, pr_strdup(id), pr_doc_node_current(L->doc)};
    PR_PUSH(L->links, L->n_links, L->cap_links, l);
}

/* Current page index. */
int pr_layout_page(const pr_layout *L)
{
    return L->page;
}

/* Current flow position. */
double pr_layout_y(const pr_layout *L)
{
    return L->y;
}

/* The content frame. */
pr_box pr_layout_frame(const pr_layout *L)
{
    return L->frame;
}

/* Room left on the current page. */
double pr_layout_remaining(const pr_layout *L)
{
    if (L->page < 0 || L->need_page) return L->frame.h;
    return frame_bottom(L) - L->y - (L->at_top ? 0 : L->space);
}

/* ---- the text column ------------------------------------------------------------------ */

/* What the text column narrowed, to give back. */
typedef struct column {
    double x, w;
} column;

/* Narrow the flow to the text column (pr_layout_style.text_width): the
 * running text (paragraphs, lists, quotes, boxes) of the body pages (after
 * the front matter), when it would take the frame's full width (not inside
 * a box). Headings, cards, tiles, tables, timelines, images and custom
 * blocks keep the full frame. */
static column column_begin(pr_layout *L)
{
    column c = {L->x, L->w};
    double tw = L->st.text_width;
    if (tw > 0 && L->front_matter > 0 && L->w > tw + EPS && L->x <= L->frame.x + EPS) {
        double off = L->st.text_indent;
        if (off > L->w - tw) off = L->w - tw;
        if (off < 0) off = 0;
        L->x += off;
        L->w = tw;
    }
    return c;
}

static void column_end(pr_layout *L, column c)
{
    L->x = c.x;
    L->w = c.w;
}

/* ---- paragraphs ---------------------------------------------------------------------- */

/* Callback drawing something beside line `line` (0-based within the
 * paragraph) whose top is at y (bullets). */
typedef void (*line_deco_fn)(pr_layout *L, const pr_para *p, size_t line, double y, void *ctx);

/* Number of lines from `from` that fit in `room`. */
static size_t lines_fitting(const pr_para *p, size_t from, double room)
{
    size_t k = 0;
    double h = 0;
    for (size_t i = from; i < p->n_lines; i++) {
        if (h + p->lines[i].height > room + EPS) break;
        h += p->lines[i].height;
        k++;
    }
    return k;
}

/* Flow a laid-out paragraph at x offset dx from the column, splitting
 * between pages with at least 2 lines on each side. */
static void flow_para(pr_layout *L, const pr_para *p, double dx, line_deco_fn deco, void *ctx,
                      int keep)
{
    size_t i = 0, n = p->n_lines;
    while (i < n) {
        size_t rem = n - i;
        size_t k = lines_fitting(p, i, avail(L));
        if (k < rem) {
            if (rem >= 2 && k > rem - 2) k = rem - 2;   /* no widow */
            if (k < 2) k = 0;                           /* no orphan */
            if (k == 0) {
                if (L->at_top) {
                    k = lines_fitting(p, i, avail(L));
                    if (k == 0) k = 1;                  /* taller than a page */
                } else {
                    break_page(L, 1);
                    continue;
                }
            }
        }
        double h = pr_para_lines_height(p, i, i + k);
        double y = reserve_lines(L, h, keep ? PIECE_LEAD : PIECE_CONTENT, (double)k);
        if (deco) {
            double ly = y;
            for (size_t j = i; j < i + k; j++) {
                deco(L, p, j, ly, ctx);
                ly += p->lines[j].height;
            }
        }
        pr_layout_draw_para(L, L->page, p, i, i + k, L->x + dx, y);
        L->y = y + h;
        i += k;
        if (i < n) break_page(L, 1);
    }
}

/* Paragraph of rich text. */
static void paragraph_rich(pr_layout *L, const pr_rich *text, const pr_text_style *ts)
{
    if (!ts) ts = &L->st.body;
    pr_layout_space(L, ts->space_before);
    pr_para p;
    memset(&p, 0, sizeof p);
    pr_para_opts o = para_opts(L, ts, L->w);
    pr_para_layout(&p, text, L->st.fonts, &o);
    if (p.overfull) {
        char *plain = pr_rich_plain(text);
        char *ex = excerpt(plain);
        warn(L, "un mot du paragraphe « %s » est plus large que la colonne : il est coupé", ex);
        free(ex);
        free(plain);
    }
    /* a short paragraph kept with the next block opens the keep-with-next
     * mark like a heading (a longer one may split: it is not kept) */
    int keep = ts->keep_with_next && p.n_lines <= 3;
    if (keep && !L->kwn_active) {
        ensure_page(L);
        L->kwn = mark_here(L);
        L->kwn.y = L->y + (L->at_top ? 0 : L->space);
        L->kwn.at_top = L->at_top;
        L->kwn_active = 1;
        L->kwn_need = 0;
        L->kwn_lead = 0;
        L->kwn_content = 0;
        L->kwn_last_set = 0;
    }
    int node = para_open(L);
    flow_para(L, &p, 0, NULL, NULL, keep);
    tag_close(L, node);
    pr_para_free(&p);
    L->space = ts->space_after;
}

/* Paragraph of markup. */
void pr_layout_paragraph_rich(pr_layout *L, const pr_rich *text, const pr_text_style *ts)
{
    column c = column_begin(L);
    paragraph_rich(L, text, ts);
    column_end(L, c);
}

void pr_layout_paragraph(pr_layout *L, const char *markup, const pr_text_style *ts)
{
    if (!ts) ts = &L->st.body;
    pr_rich r;
    pr_rich_init(&r);
    pr_layout_markup(L, markup, ts, &r);
    pr_layout_paragraph_rich(L, &r, ts);
    pr_rich_free(&r);
}

/* ---- headings ------------------------------------------------------------------------- */

/* Heading of level 1..3. */
void pr_layout_heading(pr_layout *L, int level, const char *number, const char *markup,
                       const char *anchor_id)
{
    if (level < 1) level = 1;
    if (level > 3) level = 3;
    if (level == 1) pr_layout_section(L);
    const pr_text_style *ts = &L->st.heading[level - 1];
    pr_rich r;
    pr_rich_init(&r);
    if (number && *number) {
        pr_span sp = pr_span_default();
        sp.style = ts->font;
        sp.size = ts->size;
        sp.color = pr_color_of(level == 3 ? ts->color : L->st.palette.secondary);
        pr_rich_add(&r, &sp, number, strlen(number));
        sp.color = pr_color_of(ts->color);
        pr_rich_add(&r, &sp, "\xc2\xa0", 2);   /* no-break space */
    }
    /* plain title (outline, running header): number and a normal space */
    pr_rich t;
    pr_rich_init(&t);
    pr_layout_markup(L, markup, ts, &t);
    for (size_t i = 0; i < t.n; i++) pr_rich_add(&r, &t.spans[i], t.spans[i].text, t.spans[i].len);
    char *title = pr_rich_plain(&t);
    pr_rich_free(&t);
    char *plain = number && *number ? pr_asprintf("%s %s", number, title) : pr_strdup(title);
    double bar = level == 2 ? 9 : 0;            /* left bar of level 2 */
    double rule = level == 1 ? 10 : 0;          /* short rule above level 1 */
    pr_para p;
    memset(&p, 0, sizeof p);
    pr_para_opts o = para_opts(L, ts, L->w - bar);
    o.hyph = NULL;
    pr_para_layout(&p, &r, L->st.fonts, &o);
    double h = p.height + rule;

    pr_layout_space(L, ts->space_before);
    /* a heading after what an earlier heading of the chain heads: the
     * chain may break here (mark_to_move) */
    int chained = L->kwn_active && L->kwn_content;
    if (!L->kwn_active) {
        ensure_page(L);
        L->kwn = mark_here(L);
        L->kwn_active = 1;
        L->kwn_last_set = 0;
    }
    /* the keep-with-next mark must start at this heading if the flow is at
     * the top (space before not yet applied) */
    double y = reserve(L, h, PIECE_NEUTRAL);
    if (L->kwn.page == L->page && L->kwn.op == L->doc->pages[L->page].n_ops) {
        L->kwn.y = y;
        L->kwn.at_top = y <= L->frame.y + EPS;
    }
    if (chained && L->kwn_active && L->kwn.page == L->page &&
        L->kwn.op < L->doc->pages[L->page].n_ops) {
        L->kwn_last = mark_here(L);
        L->kwn_last.y = y;
        L->kwn_last.at_top = y <= L->frame.y + EPS;
        L->kwn_last_set = 1;
    }
    L->kwn_content = 0;
    /* the heading wants that many lines of what follows under it */
    L->kwn_need = PR_LAYOUT_KEEP_LINES;
    L->kwn_lead = 0;
    int pg = L->page;
    pr_doc_artifact_begin(L->doc);
    if (rule > 0) {
        pr_paint rp = pr_paint_fill(L->st.palette.secondary);
        pr_box rb = {L->x, y, 36, 3.5};
        pr_doc_rect(L->doc, pg, rb, 0, &rp);
    }
    if (bar > 0) {
        pr_paint bp = pr_paint_fill(L->st.palette.secondary);
        pr_box bb = {L->x, y + 1, 3, p.height - 2};
        pr_doc_rect(L->doc, pg, bb, 0, &bp);
    }
    pr_doc_artifact_end(L->doc);
    int node = pr_layout_tag_heading(L, level);
    pr_layout_draw_para(L, pg, &p, 0, p.n_lines, L->x + bar, y + rule);
    tag_close(L, node);
    L->y = y + h;
    if (level <= 2) pr_doc_add_outline(L->doc, plain, level, pg, y);
    if (anchor_id) pr_layout_anchor_at(L, anchor_id, pg, y);
    if (level == 1) {
        /* the running title is the heading without its number */
        free(L->section);
        L->section = pr_strdup(title);
        if (y <= L->frame.y + EPS) set_page_section(L, pg, title);
    }
    free(title);
    free(plain);
    pr_para_free(&p);
    pr_rich_free(&r);
    L->space = ts->space_after;
}

/* ---- lists ------------------------------------------------------------------------------ */

/* Open an item of a list: LI, its Lbl (closed: what it holds is drawn
 * later, by entering it with label_begin) and its LBody, left current.
 * `bullet`: the label is a drawn symbol, an artifact (the list says it is
 * a list), so no Lbl. Returns the LI; *lbl gets the Lbl, or -1. */
static int item_open(pr_layout *L, int bullet, int *lbl)
{
    int li = tag_open(L, PR_TAG_LI);
    *lbl = -1;
    if (!bullet) {
        *lbl = tag_open(L, PR_TAG_LBL);
        tag_close(L, *lbl);
    }
    tag_open(L, PR_TAG_LBODY);
    return li;
}

/* Draw what follows in label `lbl` (or as an artifact when -1) until
 * label_end(L, lbl, returned value). */
static int label_begin(pr_layout *L, int lbl)
{
    if (lbl >= 0) return pr_doc_node_enter(L->doc, lbl);
    pr_doc_artifact_begin(L->doc);
    return -1;
}

static void label_end(pr_layout *L, int lbl, int prev)
{
    if (lbl >= 0) pr_doc_node_leave(L->doc, prev);
    else pr_doc_artifact_end(L->doc);
}

typedef struct list_ctx {
    int lbl;                    /* the item's Lbl node */
    pr_bullet_kind kind;
    pr_rgb color;
    double x;                   /* bullet centre x */
    double size;
    int number;
    const pr_text_style *ts;
} list_ctx;

/* Draw the bullet beside the first line of an item. */
static void list_deco(pr_layout *L, const pr_para *p, size_t line, double y, void *vctx)
{
    list_ctx *c = vctx;
    if (line != 0 || !p->n_lines) return;
    const pr_line *ln = &p->lines[0];
    int prev = label_begin(L, c->lbl);
    if (c->kind == PR_BULLET_NUMBER) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d.", c->number);
        double tw = pr_text_width(L->st.fonts, PR_STYLE_BOLD, c->size, buf, strlen(buf));
        pr_doc_text(L->doc, L->page, font_of(L, PR_STYLE_BOLD), c->size, c->color,
                    c->x + L->st.list_indent * 0.35 - tw, y + ln->baseline, buf);
    } else {
        const pr_font_metrics *m = pr_fontset_metrics(L->st.fonts, c->ts->font);
        double xh = m->x_height * c->size / 1000.0;
        pr_layout_draw_bullet(L, L->page, c->kind, c->x, y + ln->baseline - xh / 2, c->size,
                              c->color);
    }
    label_end(L, c->lbl, prev);
}


/* Bulleted list. */
static void list_in_column(pr_layout *L, const pr_list_item *items, size_t n,
                           pr_bullet_kind kind, const pr_text_style *ts)
{
    if (!ts) ts = &L->st.body;
    pr_layout_space(L, ts->space_before);
    double ind = L->st.list_indent;
    int number = 0;
    /* nested items make a list in the previous item's body */
    int lists[4], bodies[4] = {-1, -1, -1, -1}, depth = 0;
    lists[0] = tag_open(L, PR_TAG_L);
    for (size_t i = 0; i < n; i++) {
        int lvl = items[i].level < 0 ? 0 : items[i].level > 3 ? 3 : items[i].level;
        while (depth > lvl) {
            tag_close(L, lists[depth]);
            pr_doc_node_enter(L->doc, lists[--depth]);
        }
        while (depth < lvl && bodies[depth] >= 0) {
            pr_doc_node_enter(L->doc, bodies[depth]);
            lists[++depth] = tag_open(L, PR_TAG_L);
            bodies[depth] = -1;
        }
        double dx = ind * (lvl + 1);
        pr_para p;
        memset(&p, 0, sizeof p);
        layout_markup(L, &p, items[i].markup, ts, L->w - dx, "sa colonne");
        list_ctx c;
        c.kind = lvl > 0 ? PR_BULLET_DASH : kind;
        c.color = lvl > 0 ? L->st.palette.muted : L->st.palette.primary;
        c.x = L->x + dx - ind * 0.55;
        c.size = ts->size;
        c.number = lvl == 0 ? ++number : 0;
        c.ts = ts;
        if (i > 0) pr_layout_space(L, L->st.list_item_space);
        int li = item_open(L, c.kind != PR_BULLET_NUMBER, &c.lbl);
        bodies[depth] = pr_doc_node_current(L->doc);
        flow_para(L, &p, dx, list_deco, &c, 0);
        tag_close(L, li);
        pr_para_free(&p);
    }
    tag_close(L, lists[0]);
    L->space = ts->space_after;
}

void pr_layout_list(pr_layout *L, const pr_list_item *items, size_t n, pr_bullet_kind kind,
                    const pr_text_style *ts)
{
    column c = column_begin(L);
    list_in_column(L, items, n, kind, ts);
    column_end(L, c);
}

/* ---- keep groups and boxes ------------------------------------------------------------ */

/* Push a group. */
static group *push_group(pr_layout *L, group_kind kind, int keep)
{
    if (L->n_groups >= MAX_GROUPS) {
        warn(L, "trop de blocs imbriqués (au plus %d)", MAX_GROUPS);
        return NULL;
    }
    group *g = &L->groups[L->n_groups++];
    memset(g, 0, sizeof *g);
    g->kind = kind;
    g->keep = keep;
    g->x_save = L->x;
    g->w_save = L->w;
    return g;
}

/* Start a keep-together group. */
void pr_layout_keep_begin(pr_layout *L)
{
    ensure_page(L);
    group *g = push_group(L, GROUP_KEEP, 1);
    if (!g) return;
    g->m = mark_here(L);
    g->m.y = L->y + (L->at_top ? 0 : L->space);
}

/* End the innermost keep group. */
void pr_layout_keep_end(pr_layout *L)
{
    if (L->n_groups <= 0 || L->groups[L->n_groups - 1].kind != GROUP_KEEP) return;
    L->n_groups--;
    kwn_settle(L);
}

/* Start a box. */
void pr_layout_box_begin(pr_layout *L, const pr_box_style *bs)
{
    pr_box_style def = {PR_RGB_NONE, PR_RGB_NONE, PR_RGB_NONE, 0, 0};
    if (!bs) bs = &def;
    double pad = bs->padding > 0 ? bs->padding : 10;
    double bar_w = bs->bar != PR_RGB_NONE ? 3.5 : 0;
    column outer = column_begin(L);   /* a box is running text: in the column */
    /* do not start a box in the last few lines of a page */
    if (avail(L) < pad * 2 + 3 * L->st.body.size * 1.4) {
        if (!L->at_top) break_page(L, 1);
    }
    double y = reserve(L, 0, PIECE_NEUTRAL);   /* a heading before stays kept with the content */
    group *g = push_group(L, GROUP_BOX, bs->keep_together);
    if (!g) {
        column_end(L, outer);
        return;
    }
    g->outer_x = outer.x;
    g->outer_w = outer.w;
    g->bs = *bs;
    g->pad = pad;
    g->bar_w = bar_w;
    g->node = tag_open(L, PR_TAG_DIV);
    g->m = mark_here(L);
    g->m.y = y;
    g->m.at_top = y <= L->frame.y + EPS;
    L->y = y + pad;
    L->x += pad + bar_w;
    L->w -= 2 * pad + bar_w;
    L->at_top = 0;
    L->space = 0;
}

/* End the innermost box: draw its background under its content. */
void pr_layout_box_end(pr_layout *L)
{
    if (L->n_groups <= 0 || L->groups[L->n_groups - 1].kind != GROUP_BOX) return;
    group *g = &L->groups[--L->n_groups];
    L->y += g->pad;
    if (L->y > frame_bottom(L) + g->pad) L->y = frame_bottom(L) + g->pad;
    box_background(L, g, L->y, NULL);
    L->x = g->outer_x;
    L->w = g->outer_w;
    if (pr_doc_node_within(L->doc, L->doc->cur_node, g->node)) tag_close(L, g->node);
    kwn_settle(L);
    L->space = L->st.body.space_after + 4;
}

/* ---- custom blocks, images ------------------------------------------------------------- */

/* Keep-together custom block. */
void pr_layout_custom(pr_layout *L, double height, pr_draw_fn draw, void *ctx)
{
    if (height > L->frame.h) {
        warn(L, "bloc dessiné trop haut pour une page (%.0f pt, %.0f pt disponibles) : réduit",
             height, L->frame.h);
        height = L->frame.h;
    }
    double y = reserve(L, height, PIECE_CONTENT);
    pr_box b = {L->x, y, L->w, height};
    if (draw) draw(L, L->page, b, ctx);
    L->y = y + height;
    L->space = L->st.body.space_after;
}

/* Image with caption. */
void pr_layout_image(pr_layout *L, const char *path, double width, const char *caption)
{
    if (width <= 0 || width > L->w) width = L->w;
    double iw = 4, ih = 3;
    const char *why = NULL;
    const pr_image *img = pr_image_load(path, &why);
    int ok = img != NULL;
    if (ok) {
        iw = img->width;
        ih = img->height;
    } else {
        warn(L, "image « %s » inutilisable (%s) : remplacée par un cadre", path, why);
    }
    double h = width * ih / iw;
    pr_text_style cs = L->st.small;
    cs.align = PR_ALIGN_CENTER;
    double cap_h = caption ? 4 + pr_layout_measure_text(L, width, caption, &cs) : 0;
    double maxh = L->frame.h - cap_h;
    if (h > maxh) {
        width *= maxh / h;
        h = maxh;
    }
    double y = reserve(L, h + cap_h, PIECE_CONTENT);
    double x = L->x + (L->w - width) / 2;
    pr_box b = {x, y, width, h};
    if (ok) {
        /* a Figure, described by its caption (or said to be an image) */
        int fig = tag_open(L, PR_TAG_FIGURE);
        char *alt = NULL;
        if (caption) {
            pr_rich r;
            pr_rich_init(&r);
            pr_layout_markup(L, caption, &cs, &r);
            alt = pr_rich_plain(&r);
            pr_rich_free(&r);
        }
        pr_doc_node_alt(L->doc, fig, alt && *alt ? alt : "Image");
        free(alt);
        pr_doc_image(L->doc, L->page, path, img, b);
        tag_close(L, fig);
    } else {
        pr_paint p = pr_paint_fill(L->st.palette.light);
        p.stroke = L->st.palette.rule;
        p.line_width = 0.8;
        pr_doc_artifact_begin(L->doc);
        pr_doc_rect(L->doc, L->page, b, 0, &p);
        pr_doc_artifact_end(L->doc);
    }
    if (caption) {
        int cap = tag_open(L, PR_TAG_CAPTION);
        pr_layout_draw_text(L, L->page, x, y + h + 4, width, caption, &cs);
        tag_close(L, cap);
    }
    L->y = y + h + cap_h;
    L->space = L->st.body.space_after;
}

/* ---- tables ------------------------------------------------------------------------------- */

typedef struct cell_layout {
    pr_para p;
} cell_layout;

/* Lay out one row of cells; returns the row height (with padding). */
static double table_row(pr_layout *L, const char *const *cells, size_t n_cols, const double *cw,
                        const pr_align *align, const pr_text_style *ts, double pad,
                        cell_layout *out)
{
    double h = 0;
    for (size_t c = 0; c < n_cols; c++) {
        pr_text_style s = *ts;
        s.align = align ? align[c] : PR_ALIGN_LEFT;
        memset(&out[c].p, 0, sizeof out[c].p);
        layout_markup(L, &out[c].p, cells[c] ? cells[c] : "", &s, cw[c] - 2 * pad,
                      "sa cellule de tableau");
        if (out[c].p.height > h) h = out[c].p.height;
    }
    return h + 2 * pad;
}

enum { ROW_ARTIFACT, ROW_HEADER, ROW_DATA };

/* Draw a laid-out row at y: a TR of TH cells (heading their column) or of
 * TD cells, or an artifact (a header row repeated on a new page). */
static void table_draw_row(pr_layout *L, cell_layout *cl, size_t n_cols, const double *cw,
                           double pad, double y, int kind)
{
    double x = L->x;
    if (kind == ROW_ARTIFACT) pr_doc_artifact_begin(L->doc);
    int tr = kind == ROW_ARTIFACT ? -1 : tag_open(L, PR_TAG_TR);
    for (size_t c = 0; c < n_cols; c++) {
        int cell = -1;
        if (kind != ROW_ARTIFACT) {
            cell = tag_open(L, kind == ROW_HEADER ? PR_TAG_TH : PR_TAG_TD);
            if (kind == ROW_HEADER) pr_doc_node_scope(L->doc, cell, PR_SCOPE_COLUMN);
        }
        pr_layout_draw_para(L, L->page, &cl[c].p, 0, cl[c].p.n_lines, x + pad, y + pad);
        tag_close(L, cell);
        x += cw[c];
    }
    tag_close(L, tr);
    if (kind == ROW_ARTIFACT) pr_doc_artifact_end(L->doc);
}

/* Free a row's layouts. */
static void table_free_row(cell_layout *cl, size_t n_cols)
{
    for (size_t c = 0; c < n_cols; c++) pr_para_free(&cl[c].p);
}

/* Draw the header row at y: the table's column headers the first time
 * (*drawn 0), an artifact when repeated on a later page. */
static void table_draw_head(pr_layout *L, cell_layout *head, size_t nc, const double *cw,
                            double pad, double head_h, pr_rgb fill, double y, int *drawn)
{
    pr_paint hp = pr_paint_fill(fill);
    pr_box hb = {L->x, y, L->w, head_h};
    pr_doc_artifact_begin(L->doc);
    pr_doc_rect(L->doc, L->page, hb, 0, &hp);
    pr_doc_artifact_end(L->doc);
    table_draw_row(L, head, nc, cw, pad, y, *drawn ? ROW_ARTIFACT : ROW_HEADER);
    *drawn = 1;
}

/* A row taller than a page: from the top of a page, the header row then
 * as many lines of each cell as fit, on as many pages as needed. */
static void table_row_sliced(pr_layout *L, cell_layout *row, cell_layout *head, size_t nc,
                             const double *cw, double pad, double head_h, pr_rgb hfill,
                             int zebra, const pr_paint *rule, int *head_drawn)
{
    /* one TR of TD cells, whose lines are drawn slice by slice */
    int tr = tag_open(L, PR_TAG_TR);
    int *cells = pr_calloc(nc, sizeof *cells);
    for (size_t c = 0; c < nc; c++) {
        cells[c] = tag_open(L, PR_TAG_TD);
        tag_close(L, cells[c]);
    }
    tag_close(L, tr);
    size_t *from = pr_calloc(nc, sizeof *from), *to = pr_calloc(nc, sizeof *to);
    if (!L->at_top) break_page(L, 1);
    for (;;) {
        double room = avail(L) - head_h - 2 * pad, sh = 0;
        int done = 1;
        for (size_t c = 0; c < nc; c++) {
            const pr_para *p = &row[c].p;
            size_t k = lines_fitting(p, from[c], room);
            if (k == 0 && from[c] < p->n_lines) k = 1;     /* a line taller than a page */
            to[c] = from[c] + k;
            sh = fmax(sh, pr_para_lines_height(p, from[c], to[c]));
            if (to[c] < p->n_lines) done = 0;
        }
        sh += 2 * pad;
        double y = reserve(L, head_h + sh, PIECE_CONTENT);
        if (head_h > 0) table_draw_head(L, head, nc, cw, pad, head_h, hfill, y, head_drawn);
        y += head_h;
        if (zebra) {
            pr_paint zp = pr_paint_fill(L->st.palette.light);
            pr_box zb = {L->x, y, L->w, sh};
            pr_doc_artifact_begin(L->doc);
            pr_doc_rect(L->doc, L->page, zb, 0, &zp);
            pr_doc_artifact_end(L->doc);
        }
        double x = L->x;
        for (size_t c = 0; c < nc; c++) {
            int prev = pr_doc_node_enter(L->doc, cells[c]);
            pr_layout_draw_para(L, L->page, &row[c].p, from[c], to[c], x + pad, y + pad);
            pr_doc_node_leave(L->doc, prev);
            x += cw[c];
            from[c] = to[c];
        }
        pr_doc_artifact_begin(L->doc);
        pr_doc_line(L->doc, L->page, L->x, y + sh, L->x + L->w, y + sh, rule);
        pr_doc_artifact_end(L->doc);
        L->y = y + sh;
        if (done) break;
        break_page(L, 1);
    }
    free(from);
    free(to);
    free(cells);
}

/* Table with repeated header row. */
void pr_layout_table(pr_layout *L, const pr_table *t)
{
    if (!t->n_cols) return;
    size_t nc = t->n_cols;
    double *cw = pr_calloc(nc, sizeof *cw);
    double sum = 0;
    for (size_t c = 0; c < nc; c++) sum += t->widths && t->widths[c] > 0 ? t->widths[c] : 1;
    for (size_t c = 0; c < nc; c++)
        cw[c] = L->w * (t->widths && t->widths[c] > 0 ? t->widths[c] : 1) / sum;
    pr_text_style ts = L->st.small;
    ts.color = L->st.palette.text;
    if (t->font_size > 0) ts.size = t->font_size;
    ts.hyphenate = 0;
    pr_text_style hs = ts;
    hs.font = PR_STYLE_BOLD;
    hs.color = L->st.palette.on_primary;
    double pad = 4.5;
    pr_rgb hfill = t->header_fill == PR_RGB_NONE ? L->st.palette.primary : t->header_fill;
    cell_layout *head = pr_calloc(nc, sizeof *head);
    cell_layout *row = pr_calloc(nc, sizeof *row);
    double head_h = t->header ? table_row(L, t->header, nc, cw, t->align, &hs, pad, head) : 0;
    pr_paint rule = pr_paint_stroke(L->st.palette.rule, 0.5);

    pr_layout_space(L, 4);
    int table = tag_open(L, PR_TAG_TABLE);
    int need_head = 1, head_drawn = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        double rh = table_row(L, t->cells + r * nc, nc, cw, t->align, &ts, pad, row);
        double need = rh + (need_head ? head_h : 0);
        if (rh + head_h > L->frame.h + EPS) {
            /* taller than a page: split between lines */
            table_row_sliced(L, row, head, nc, cw, pad, t->header ? head_h : 0, hfill,
                             t->zebra && r % 2 == 1, &rule, &head_drawn);
            table_free_row(row, nc);
            need_head = 0;
            continue;
        }
        if (avail(L) < need - EPS && !L->at_top) {
            break_page(L, 1);
            need_head = 1;
        }
        if (need_head && L->page >= 0 && !L->at_top && avail(L) < rh + head_h - EPS) need_head = 1;
        double y = reserve(L, rh + (need_head ? head_h : 0), PIECE_CONTENT);
        if (need_head && t->header) {
            table_draw_head(L, head, nc, cw, pad, head_h, hfill, y, &head_drawn);
            y += head_h;
        }
        need_head = 0;
        pr_doc_artifact_begin(L->doc);
        if (t->zebra && r % 2 == 1) {
            pr_paint zp = pr_paint_fill(L->st.palette.light);
            pr_box zb = {L->x, y, L->w, rh};
            pr_doc_rect(L->doc, L->page, zb, 0, &zp);
        }
        pr_doc_artifact_end(L->doc);
        table_draw_row(L, row, nc, cw, pad, y, ROW_DATA);
        pr_doc_artifact_begin(L->doc);
        pr_doc_line(L->doc, L->page, L->x, y + rh, L->x + L->w, y + rh, &rule);
        pr_doc_artifact_end(L->doc);
        L->y = y + rh;
        table_free_row(row, nc);
    }
    if (!t->n_rows && t->header) {
        double y = reserve(L, head_h, PIECE_CONTENT);
        table_draw_head(L, head, nc, cw, pad, head_h, hfill, y, &head_drawn);
        L->y = y + head_h;
    }
    if (t->header) table_free_row(head, nc);
    free(head);
    free(row);
    free(cw);
    if (t->caption) {
        pr_layout_space(L, 4);
        pr_text_style cs = L->st.small;
        int cap = tag_open(L, PR_TAG_CAPTION);
        pr_layout_paragraph(L, t->caption, &cs);
        tag_close(L, cap);
    }
    tag_close(L, table);
    L->space = L->st.body.space_after + 4;
}

/* ---- blocks drawn in slices ------------------------------------------------------------------ */

/* A block that may split between its lines (a row of cards, a timeline
 * entry, a quote) is drawn through a window. The block's parts (a line,
 * an image, a badge) are placed in block coordinates (y from the block's
 * top) in the order of their tops. In collect mode nothing is drawn: every
 * clean place to cut (no part straddles it) is recorded, with where the
 * next slice starts. In draw mode, the parts whose top lies in [from, to)
 * are drawn, moved down by dy. */
typedef struct cut {
    double end;                 /* bottom of the parts above the cut */
    double next;                /* top of the first part below it */
} cut;

typedef struct window {
    int collect;
    double from, to, dy;        /* draw mode */
    double bottom;              /* collect: lowest bottom so far */
    int any;                    /* collect: a part was seen */
    int glue;                   /* collect: no cut before the next part */
    cut *cuts;
    size_t n_cuts, cap_cuts;
} window;

/* Does the part [top, bottom) show through w? (NULL: the whole block is
 * drawn at once.) In collect mode, records the cut above it if clean. */
static int shows(window *w, double top, double bottom)
{
    if (!w) return 1;
    if (w->collect) {
        if (w->any && !w->glue && top >= w->bottom - EPS) {
            cut c = {w->bottom, top};
            PR_PUSH(w->cuts, w->n_cuts, w->cap_cuts, c);
        }
        if (!w->any || bottom > w->bottom) w->bottom = bottom;
        w->any = 1;
        w->glue = 0;
        return 0;
    }
    return top >= w->from - EPS && top < w->to - EPS;
}

/* The next part stays with the one just seen (a title with its first
 * line). */
static void glue_next(window *w)
{
    if (w && w->collect) w->glue = 1;
}

/* Page y of block coordinate y. */
static double wy(const window *w, double y)
{
    return w ? y + w->dy : y;
}

/* Draw the lines of p that show through w, the paragraph's top at block
 * coordinate y; returns the paragraph's height. */
static double draw_para_win(pr_layout *L, int pg, const pr_para *p, double x, double y,
                            window *w)
{
    if (!w) return pr_layout_draw_para(L, pg, p, 0, p->n_lines, x, y);
    double top = y;
    for (size_t i = 0; i < p->n_lines; i++) {
        double h = p->lines[i].height;
        if (shows(w, top, top + h)) pr_layout_draw_para(L, pg, p, i, i + 1, x, top + w->dy);
        top += h;
    }
    return top - y;
}

/* Where to end a slice that starts at `from`: the furthest cut of w whose
 * end is at most `limit`, with at least two parts (lines) in the slice and
 * two left after it (no orphan, no widow, as for paragraphs) when the
 * block has them; NULL if none. The search starts at *k, which advances
 * (cuts are in order: a block is walked once). */
static const cut *pick_cut(const window *w, size_t *k, double from, double limit)
{
    while (*k < w->n_cuts && w->cuts[*k].end <= from + EPS) (*k)++;
    size_t first = *k, n = w->n_cuts;
    if (first >= n) return NULL;
    size_t best = first;
    int any = 0;
    for (size_t i = first; i < n && w->cuts[i].end <= limit + EPS; i++) best = i, any = 1;
    if (!any) return NULL;
    if (best + 1 == n && best > first + 1) best--;     /* no widow */
    if (best < first + 1 && n > first + 1) return NULL; /* no orphan */
    return &w->cuts[best];
}

/* The next cut after `from` (a slice forced at a page's top), or NULL for
 * the block's end. */
static const cut *next_cut(const window *w, size_t k, double from)
{
    while (k < w->n_cuts && w->cuts[k].end <= from + EPS) k++;
    return k < w->n_cuts ? &w->cuts[k] : NULL;
}

/* A block splits here: the keep groups open on this page cannot keep it
 * whole any more. */
static void release_page_groups(pr_layout *L)
{
    for (int i = 0; i < L->n_groups; i++)
        if (L->groups[i].m.page == L->page) L->groups[i].keep = 0;
    kwn_settle(L);
}

/* Should a block of height h that does not fit the room left split
 * rather than move whole? When it is taller than a page, or when moving
 * it would leave a nearly empty page behind. */
static int should_split(pr_layout *L, double h)
{
    if (h <= avail(L) + EPS) return 0;
    return h > L->frame.h + EPS || break_leaves_nearly_empty(L);
}

/* ---- cards ----------------------------------------------------------------------------------- */

#define SIDE_GAP 9.0            /* between a side badge and the text */

typedef struct card_layout {
    pr_para title, subtitle, body;
    pr_para *bullets;
    size_t n_bullets;
    double badge;               /* badge diameter, 0: none */
    double image_h;
    double title_h;             /* title height shared by the row (headers) */
    double h;                   /* content height without padding */
    size_t n_lines;             /* lines of text */
} card_layout;

/* The text style of the cards' titles. */
static pr_text_style card_title_style(const pr_layout *L, const pr_card *c,
                                      const pr_cards_style *cs)
{
    int solid = cs->look == PR_CARD_SOLID;
    pr_rgb col = c->color == PR_RGB_NONE ? L->st.palette.primary : c->color;
    pr_text_style ts = L->st.body;
    ts.font = PR_STYLE_BOLD;
    ts.size = cs->title_size > 0 ? cs->title_size : L->st.body.size + 1.5;
    ts.color = solid || cs->look == PR_CARD_HEADER ? L->st.palette.on_primary : col;
    ts.align = cs->align;
    ts.leading = 1.2;
    ts.hyphenate = 0;
    return ts;
}

/* The scale the cards' titles share: that of the title that had to
 * shrink most to fit its card (a long name), so that the titles of a
 * set of cards keep one size. */
static double card_title_scale(pr_layout *L, const pr_card *cards, size_t n,
                               const pr_cards_style *cs, double w)
{
    double scale = 1;
    for (size_t i = 0; i < n; i++) {
        if (!cards[i].title) continue;
        pr_text_style ts = card_title_style(L, &cards[i], cs);
        double tw = w;
        if (cards[i].badge && cs->look == PR_CARD_SIDE) tw -= ts.size * 2.6 + SIDE_GAP;
        pr_para p;
        memset(&p, 0, sizeof p);
        double s = fit_markup(L, &p, cards[i].title, &ts, tw, 0, 0.75, 0, NULL);
        pr_para_free(&p);
        if (s < scale) scale = s;
    }
    return scale;
}

/* Lay out a card's parts in width w, its title at title_scale of its
 * size (and smaller if it must). */
static void card_measure(pr_layout *L, const pr_card *c, const pr_cards_style *cs, double w,
                         double title_scale, card_layout *cl)
{
    memset(cl, 0, sizeof *cl);
    int solid = cs->look == PR_CARD_SOLID;
    pr_text_style ts = card_title_style(L, c, cs);
    double full = ts.size;
    ts.size *= title_scale;
    pr_text_style ss = L->st.small;
    ss.align = cs->align;
    ss.color = solid ? L->st.palette.on_primary : L->st.palette.muted;
    if (cs->body_size > 0) ss.size = cs->body_size;
    pr_text_style bs = ss;
    bs.color = solid ? L->st.palette.on_primary : L->st.palette.text;
    bs.leading = 1.35;
    double h = 0;
    if (c->image) {
        cl->image_h = cs->image_height > 0 ? cs->image_height : w * 0.35;
        h += cl->image_h + 6;
    }
    if (c->badge) {
        cl->badge = full * (cs->look == PR_CARD_SIDE ? 2.6 : 2.1);
        if (cs->look == PR_CARD_SIDE)
            w -= cl->badge + SIDE_GAP;      /* the text goes beside it */
        else
            h += cl->badge + 5;
    }
    if (c->title) {
        fit_markup(L, &cl->title, c->title, &ts, w, 0, 0.75 / title_scale, 0, "sa carte");
        h += cl->title.height;
        if (cs->look == PR_CARD_HEADER) h += 10;
    }
    if (c->subtitle) {
        layout_markup(L, &cl->subtitle, c->subtitle, &ss, w, "sa carte");
        h += 2 + cl->subtitle.height;
    }
    if (c->body) {
        layout_markup(L, &cl->body, c->body, &bs, w, "sa carte");
        h += 5 + cl->body.height;
    }
    if (c->n_bullets) {
        cl->bullets = pr_calloc(c->n_bullets, sizeof *cl->bullets);
        cl->n_bullets = c->n_bullets;
        h += 4;
        for (size_t i = 0; i < c->n_bullets; i++) {
            layout_markup(L, &cl->bullets[i], c->bullets[i], &bs, w - 10, "sa carte");
            h += cl->bullets[i].height + 2;
        }
    }
    if (cs->look == PR_CARD_SIDE && h < cl->badge) h = cl->badge;
    cl->h = h;
    cl->n_lines = cl->title.n_lines + cl->subtitle.n_lines + cl->body.n_lines;
    for (size_t i = 0; i < cl->n_bullets; i++) cl->n_lines += cl->bullets[i].n_lines;
}

/* Free a card layout. */
static void card_free(card_layout *cl)
{
    pr_para_free(&cl->title);
    pr_para_free(&cl->subtitle);
    pr_para_free(&cl->body);
    for (size_t i = 0; i < cl->n_bullets; i++) pr_para_free(&cl->bullets[i]);
    free(cl->bullets);
}

/* Height of a header card's coloured band (a row's bands share it). */
static double card_header_h(const card_layout *cl, double pad)
{
    return fmax(cl->title_h, cl->title.height) + 10 + pad;
}

/* Where a card's parts go in the structure, made once per card (a row of
 * cards may be drawn in several slices): its label (the badge), its title
 * and the rest, its photo's Figure and its link's Link; -1: none. */
typedef struct card_nodes {
    int lbl, title, body, figure, link;
} card_nodes;

/* Make the nodes of a row of m cards (see card_nodes), in the current
 * node (a list, or a table: as_table): an item each (LI > Lbl + LBody),
 * or a row of column headers (TH, the titles) over a row of cells (TD,
 * the rest). The current node stays what it was. */
static void card_nodes_open(pr_layout *L, const pr_card *cards, size_t m, int as_table,
                            card_nodes *cn)
{
    for (size_t k = 0; k < m; k++) cn[k] = (card_nodes){-1, -1, -1, -1, -1};
    if (as_table) {
        for (int part = 0; part < 2; part++) {
            int tr = tag_open(L, PR_TAG_TR);
            for (size_t k = 0; k < m; k++) {
                int cell = tag_open(L, part ? PR_TAG_TD : PR_TAG_TH);
                if (!part) pr_doc_node_scope(L->doc, cell, PR_SCOPE_COLUMN);
                tag_close(L, cell);
                if (part) cn[k].body = cell;
                else cn[k].title = cn[k].lbl = cell;
            }
            tag_close(L, tr);
        }
    } else {
        for (size_t k = 0; k < m; k++) {
            int li = item_open(L, !cards[k].badge, &cn[k].lbl);
            cn[k].title = cn[k].body = pr_doc_node_current(L->doc);
            tag_close(L, li);
        }
    }
    for (size_t k = 0; k < m; k++) {
        const pr_card *c = &cards[k];
        char *name = NULL;
        if (c->title && (c->image || c->link)) {
            pr_rich rt;
            pr_rich_init(&rt);
            pr_layout_markup(L, c->title, NULL, &rt);
            name = pr_rich_plain(&rt);
            pr_rich_free(&rt);
        }
        int prev = pr_doc_node_enter(L->doc, cn[k].body);
        if (c->image) {
            cn[k].figure = tag_open(L, PR_TAG_FIGURE);
            char *alt = name && *name ? pr_asprintf("Photo : %s", name) : pr_strdup("Photo");
            pr_doc_node_alt(L->doc, cn[k].figure, alt);
            free(alt);
            tag_close(L, cn[k].figure);
        }
        if (c->link) {
            cn[k].link = tag_open(L, PR_TAG_LINK);
            pr_doc_node_alt(L->doc, cn[k].link, name && *name ? name : NULL);
            tag_close(L, cn[k].link);
        }
        pr_doc_node_leave(L->doc, prev);
        free(name);
    }
}

/* Draw lines of p in node `node` (-1: the current one), as a paragraph
 * when that node holds paragraphs; returns the height. */
static double draw_para_in(pr_layout *L, int node, int page, const pr_para *p, double x, double y)
{
    int prev = node >= 0 ? pr_doc_node_enter(L->doc, node) : -1;
    int para = p->n_lines ? para_open(L) : -1;
    double h = pr_layout_draw_para(L, page, p, 0, p->n_lines, x, y);
    tag_close(L, para);
    if (node >= 0) pr_doc_node_leave(L->doc, prev);
    return h;
}

/* Draw what follows in node n (-1: as an artifact) until in_node_end. */
static int in_node(pr_layout *L, int n)
{
    if (n >= 0) return pr_doc_node_enter(L->doc, n);
    pr_doc_artifact_begin(L->doc);
    return -1;
}

static void in_node_end(pr_layout *L, int n, int prev)
{
    if (n >= 0) pr_doc_node_leave(L->doc, prev);
    else pr_doc_artifact_end(L->doc);
}

/* Draw a card in box b (or the parts of it that show through window w,
 * in slice sb), its parts in the nodes cn says; backgrounds, bands,
 * discs and bullets are artifacts, and so is a header band repeated at
 * the top of a later slice. */
static void card_draw(pr_layout *L, const pr_card *c, const pr_cards_style *cs, card_layout *cl,
                      pr_box b, double pad, window *w, pr_box sb, int first, card_nodes cn)
{
    int pg = L->page;
    int draw = !w || !w->collect;
    pr_rgb col = c->color == PR_RGB_NONE ? L->st.palette.primary : c->color;
    double r = L->st.radius;
    int prev;
    if (draw) {
        pr_paint bg;
        switch (cs->look) {
        case PR_CARD_OUTLINE:
            bg = pr_paint_stroke(tint(col, 0.55), 0.9);
            break;
        case PR_CARD_SOLID:
            bg = pr_paint_fill(col);
            break;
        default:
            bg = pr_paint_fill(L->st.palette.light);
            break;
        }
        pr_doc_artifact_begin(L->doc);
        pr_doc_rect(L->doc, pg, sb, r, &bg);
        pr_doc_artifact_end(L->doc);
    }
    double y = b.y + pad, x = b.x + pad;
    if (cs->look == PR_CARD_BAND) {
        if (draw && first) {
            pr_doc_artifact_begin(L->doc);
            pr_doc_clip(L->doc, pg, sb, r);
            pr_paint bp = pr_paint_fill(col);
            pr_box band = {sb.x, sb.y, sb.w, 4.5};
            pr_doc_rect(L->doc, pg, band, 0, &bp);
            pr_doc_unclip(L->doc, pg);
            pr_doc_artifact_end(L->doc);
        }
        y += 3;
    }
    if (c->image) {
        pr_box ib = {b.x, b.y, b.w, cl->image_h + pad};
        if (!shows(w, ib.y, ib.y + ib.h)) {
            /* drawn in another slice */
        } else {
            /* cover: scale to fill the band, clipped */
            ib.y = wy(w, ib.y);
            double iw = c->image->width, ih = c->image->height;
            double s = fmax(ib.w / iw, ib.h / ih);
            pr_box img = {ib.x + (ib.w - iw * s) / 2, ib.y + (ib.h - ih * s) / 2, iw * s, ih * s};
            pr_box clip = ib;
            prev = in_node(L, cn.figure);
            pr_doc_clip(L->doc, pg, clip, r);
            pr_doc_image(L->doc, pg, c->image->name ? c->image->name : "", c->image, img);
            pr_doc_unclip(L->doc, pg);
            in_node_end(L, cn.figure, prev);
        }
        glue_next(w);
        y = b.y + cl->image_h + pad + 6;
    }
    if (cl->badge > 0) {
        double d = cl->badge;
        if (shows(w, y, y + d)) {
            double cx = cs->align == PR_ALIGN_CENTER ? b.x + b.w / 2 : x + d / 2;
            double by = wy(w, y);
            pr_paint bp = pr_paint_fill(cs->look == PR_CARD_SOLID ? L->st.palette.on_primary : col);
            pr_doc_artifact_begin(L->doc);
            pr_doc_circle(L->doc, pg, cx, by + d / 2, d / 2, &bp);
            pr_doc_artifact_end(L->doc);
            pr_text_style ts = L->st.body;
            ts.font = PR_STYLE_BOLD;
            /* one glyph ("1") large, initials ("JM") a little smaller */
            unsigned cp0;
            int k0 = pr_utf8_decode(c->badge, strlen(c->badge), &cp0);
            ts.size = d * (k0 > 0 && c->badge[k0] ? 0.42 : 0.5);
            ts.align = PR_ALIGN_CENTER;
            ts.leading = 1.0;
            ts.color = cs->look == PR_CARD_SOLID ? col : L->st.palette.on_primary;
            const pr_font_metrics *m = pr_fontset_metrics(L->st.fonts, ts.font);
            double tw = pr_text_width(L->st.fonts, ts.font, ts.size, c->badge, strlen(c->badge));
            if (tw > d * 0.66) {
                /* initials stay clear of the disc's edge */
                ts.size *= d * 0.66 / tw;
                tw = d * 0.66;
            }
            double cap = m->cap_height * ts.size / 1000.0;
            prev = in_node(L, cn.lbl >= 0 ? cn.lbl : cn.body);
            pr_doc_text(L->doc, pg, font_of(L, ts.font), ts.size, ts.color, cx - tw / 2,
                        by + d / 2 + cap / 2, c->badge);
            in_node_end(L, cn.lbl >= 0 ? cn.lbl : cn.body, prev);
        }
        if (cs->look != PR_CARD_SIDE) glue_next(w);
        if (cs->look == PR_CARD_SIDE)
            x += d + SIDE_GAP;
        else
            y += d + 5;
    }
    if (c->title) {
        if (cs->look == PR_CARD_HEADER) {
            double hh = card_header_h(cl, pad);
            /* the band: at the card's top, and again at the top of each
             * later slice (there an artifact: the title is read once) */
            int here = shows(w, b.y, b.y + hh);
            if (here || (draw && !first)) {
                double hy = here ? wy(w, b.y) : sb.y;
                pr_doc_artifact_begin(L->doc);
                pr_doc_clip(L->doc, pg, sb, r);
                pr_paint hp = pr_paint_fill(col);
                pr_box hb = {b.x, hy, b.w, hh};
                pr_doc_rect(L->doc, pg, hb, 0, &hp);
                pr_doc_unclip(L->doc, pg);
                pr_doc_artifact_end(L->doc);
                int tn = here ? cn.title : -1;
                prev = in_node(L, tn);
                pr_layout_draw_para(L, pg, &cl->title, 0, cl->title.n_lines, x, hy + pad);
                in_node_end(L, tn, prev);
            }
            y = b.y + hh + 6;
        } else {
            if (shows(w, y, y + cl->title.height)) {
                prev = in_node(L, cn.title);
                pr_layout_draw_para(L, pg, &cl->title, 0, cl->title.n_lines, x, wy(w, y));
                in_node_end(L, cn.title, prev);
            }
            y += cl->title.height;
        }
        glue_next(w);
    }
    prev = in_node(L, cn.body);
    if (c->subtitle) {
        if (shows(w, y + 2, y + 2 + cl->subtitle.height))
            pr_layout_draw_para(L, pg, &cl->subtitle, 0, cl->subtitle.n_lines, x, wy(w, y + 2));
        y += 2 + cl->subtitle.height;
        glue_next(w);
    }
    if (c->body) y += 5 + draw_para_win(L, pg, &cl->body, x, y + 5, w);
    if (cl->n_bullets) {
        y += 4;
        for (size_t i = 0; i < cl->n_bullets; i++) {
            const pr_para *p = &cl->bullets[i];
            if (p->n_lines && draw && (!w || shows(w, y, y + p->lines[0].height))) {
                const pr_font_metrics *m = pr_fontset_metrics(L->st.fonts, PR_STYLE_REGULAR);
                double sz = cs->body_size > 0 ? cs->body_size : L->st.small.size;
                double xh = m->x_height * sz / 1000.0;
                pr_doc_artifact_begin(L->doc);
                pr_layout_draw_bullet(L, pg, PR_BULLET_DOT, x + 3,
                                      wy(w, y) + p->lines[0].baseline - xh / 2, sz,
                                      cs->look == PR_CARD_SOLID ? L->st.palette.on_primary : col);
                pr_doc_artifact_end(L->doc);
            }
            y += draw_para_win(L, pg, p, x + 10, y, w) + 2;
        }
    }
    in_node_end(L, cn.body, prev);
    if (c->link && draw) {
        prev = in_node(L, cn.link);
        pr_doc_link_uri(L->doc, pg, sb, c->link,
                        cn.link >= 0 ? L->doc->nodes[cn.link].alt : NULL);
        in_node_end(L, cn.link, prev);
    }
}

/* A row of m cards laid out in cl that does not fit the page: drawn in
 * slices, cut between lines, each slice as tall as the page allows; every
 * card has its background in every slice (the row keeps equal heights),
 * header bands are repeated. */
static void cards_row_sliced(pr_layout *L, const pr_card *cards, size_t m,
                             const pr_cards_style *cs, card_layout *cl, double x0, double cw,
                             double gut, double pad, double rh, const card_nodes *cn)
{
    window *w = pr_calloc(m, sizeof *w);
    size_t *ki = pr_calloc(m, sizeof *ki);
    double *from = pr_calloc(m, sizeof *from), *end = pr_calloc(m, sizeof *end);
    double *cend = pr_calloc(m, sizeof *cend), *cnext = pr_calloc(m, sizeof *cnext);
    unsigned char *done = pr_calloc(m, 1), *fin = pr_calloc(m, 1);
    int titled = 0;
    for (size_t k = 0; k < m; k++) {
        pr_box b = {x0 + (double)k * (cw + gut), 0, cw, rh};
        w[k].collect = 1;
        card_draw(L, &cards[k], cs, &cl[k], b, pad, &w[k], b, 1, cn[k]);
        end[k] = w[k].any ? w[k].bottom : 0;
        titled |= cards[k].title != NULL;
    }
    release_page_groups(L);
    /* what a later slice has above the card's content */
    double head = cs->look == PR_CARD_HEADER && titled ? card_header_h(&cl[0], pad) + 6 : pad;
    int first = 1, all_done = 0, warned = 0;
    while (!all_done) {
        double room = avail(L), sh = 0;
        int short_slice = 0;
        for (size_t k = 0; k < m; k++) {
            if (done[k]) continue;
            double limit = first ? room - pad : from[k] + room - head - pad;
            fin[k] = end[k] <= limit + EPS;
            if (fin[k]) {
                cend[k] = cnext[k] = end[k];
            } else {
                const cut *c = pick_cut(&w[k], &ki[k], from[k], limit);
                if (!c && L->at_top) {
                    /* not two lines on a whole page: one part, however tall */
                    c = next_cut(&w[k], ki[k], from[k]);
                    fin[k] = !c;
                    if (!warned && (c ? c->end : end[k]) > limit + EPS)
                        warn(L, "une carte a un élément plus haut qu'une page : il déborde");
                    warned = 1;
                }
                if (!c && !fin[k]) short_slice = 1;
                cend[k] = c ? c->end : fin[k] ? end[k] : from[k];
                cnext[k] = c ? c->next : fin[k] ? end[k] : from[k];
            }
            sh = fmax(sh, first ? cend[k] : head + cend[k] - from[k]);
        }
        if (short_slice) {
            /* a column would show less than two lines here: the row goes
             * on on the next page */
            break_page(L, 1);
            continue;
        }
        sh += pad;
        double y = reserve(L, sh, PIECE_CONTENT);
        for (size_t k = 0; k < m; k++) {
            pr_box b = {x0 + (double)k * (cw + gut), 0, cw, rh};
            pr_box sb = {b.x, y, cw, sh};
            window dw;
            memset(&dw, 0, sizeof dw);
            dw.from = done[k] ? 1e30 : first ? -1 : from[k];
            dw.to = done[k] ? 1e30 : fin[k] ? 1e30 : cnext[k];
            dw.dy = first ? y : y + head - from[k];
            card_draw(L, &cards[k], cs, &cl[k], b, pad, &dw, sb, first, cn[k]);
        }
        L->y = y + sh;
        all_done = 1;
        for (size_t k = 0; k < m; k++) {
            if (!done[k]) from[k] = cnext[k];
            done[k] |= fin[k];
            all_done &= done[k];
        }
        first = 0;
        if (!all_done) break_page(L, 1);
    }
    for (size_t k = 0; k < m; k++) free(w[k].cuts);
    free(w);
    free(ki);
    free(from);
    free(end);
    free(cend);
    free(cnext);
    free(done);
    free(fin);
}

/* Grid of cards; `split`: rows that do not fit split, and the cards are
 * read as a table (a table in columns: each row of cards a row of column
 * headers, the titles, over a row of cells); else as a list, a card an
 * item (its badge the label). */
static void cards_grid(pr_layout *L, const pr_card *cards, size_t n, const pr_cards_style *cs,
                       int split)
{
    pr_cards_style def = {2, PR_CARD_FILLED, 0, 0, PR_ALIGN_LEFT, 0, 0};
    if (!cs) cs = &def;
    int group = tag_open(L, split ? PR_TAG_TABLE : PR_TAG_L);
    int cols = cs->columns < 1 ? 1 : cs->columns;
    double gut = L->st.gutter;
    double cw = (L->w - gut * (cols - 1)) / cols;
    double pad = 10;
    card_layout *cl = pr_calloc((size_t)cols, sizeof *cl);
    double title_scale = card_title_scale(L, cards, n, cs, cw - 2 * pad);
    size_t rows = (n + (size_t)cols - 1) / (size_t)cols;
    size_t brk = L->grid_break;
    L->grid_break = 0;
    L->n_grid_rows = 0;
    /* a last row with fewer cards than the others does not go alone to a
     * new page (a widow row at the top of a page): it is kept with the row
     * before (a table in columns splits its rows instead) */
    int keep_last = !split && rows >= 2 && n % (size_t)cols != 0;
    pr_layout_space(L, 4);
    for (size_t i = 0; i < n; i += (size_t)cols) {
        size_t m = n - i < (size_t)cols ? n - i : (size_t)cols;
        size_t row = i / (size_t)cols;
        if (brk && row == brk) pr_layout_page_break(L);
        double rh = cs->min_height, th = 0;
        for (size_t k = 0; k < m; k++) {
            card_measure(L, &cards[i + k], cs, cw - 2 * pad, title_scale, &cl[k]);
            th = fmax(th, cl[k].title.height);
        }
        for (size_t k = 0; k < m; k++) {
            /* header bands of a row share the tallest title's height */
            if (cs->look == PR_CARD_HEADER) cl[k].h += th - cl[k].title.height;
            cl[k].title_h = th;
            if (cl[k].h + 2 * pad > rh) rh = cl[k].h + 2 * pad;
        }
        if (i > 0) pr_layout_space(L, gut);
        if (keep_last && row + 2 == rows) pr_layout_keep_begin(L);
        size_t top = pr_layout_place_next(L);
        PR_PUSH(L->grid_rows, L->n_grid_rows, L->cap_grid_rows, top);
        /* a last row with fewer cards is centred (a lone card under two
         * does not look forgotten at the left) */
        double x0 = L->x + (double)((size_t)cols - m) * (cw + gut) / 2;
        card_nodes *cn = pr_calloc(m, sizeof *cn);
        card_nodes_open(L, cards + i, m, split, cn);
        if (rh > avail(L) + EPS && (split || should_split(L, rh))) {
            cards_row_sliced(L, cards + i, m, cs, cl, x0, cw, gut, pad, rh, cn);
            for (size_t k = 0; k < m; k++) card_free(&cl[k]);
            free(cn);
            if (keep_last && row + 1 == rows) pr_layout_keep_end(L);
            continue;
        }
        size_t lines = 0;
        for (size_t k = 0; k < m; k++)
            if (cl[k].n_lines > lines) lines = cl[k].n_lines;
        double y = reserve_lines(L, rh, PIECE_CONTENT, (double)lines);
        for (size_t k = 0; k < m; k++) {
            pr_box b = {x0 + (double)k * (cw + gut), y, cw, rh};
            card_draw(L, &cards[i + k], cs, &cl[k], b, pad, NULL, b, 1, cn[k]);
            card_free(&cl[k]);
        }
        free(cn);
        L->y = y + rh;
        if (keep_last && row + 1 == rows) pr_layout_keep_end(L);
    }
    free(cl);
    tag_close(L, group);
    L->space = L->st.body.space_after + 6;
}

/* The next grid breaks the page before one of its rows. */
void pr_layout_next_grid_break(pr_layout *L, size_t row)
{
    L->grid_break = row;
}

/* Where the last grid's rows began. */
size_t pr_layout_last_grid_rows(const pr_layout *L, const size_t **places)
{
    *places = L->grid_rows;
    return L->n_grid_rows;
}

/* Grid of cards. */
void pr_layout_cards(pr_layout *L, const pr_card *cards, size_t n, const pr_cards_style *cs)
{
    cards_grid(L, cards, n, cs, 0);
}

/* A table in columns. */
void pr_layout_columns(pr_layout *L, const pr_card *cards, size_t n, const pr_cards_style *cs)
{
    cards_grid(L, cards, n, cs, 1);
}

/* ---- tiles ---------------------------------------------------------------------------------- */

/* Key-figure tiles. */
void pr_layout_tiles(pr_layout *L, const pr_tile *tiles, size_t n, int columns, int solid)
{
    int cols = columns < 1 ? 1 : columns;
    double gut = L->st.gutter;
    double cw = (L->w - gut * (cols - 1)) / cols;
    double pad = 10;
    pr_rgb cycle[3] = {L->st.palette.primary, L->st.palette.secondary, L->st.palette.accent};
    pr_text_style vs = L->st.body;
    vs.font = PR_STYLE_BLACK;
    vs.size = 26;
    vs.align = PR_ALIGN_CENTER;
    vs.leading = 1.1;
    vs.hyphenate = 0;
    pr_text_style ls = L->st.body;
    ls.size = L->st.small.size + 0.5;
    ls.align = PR_ALIGN_CENTER;
    ls.leading = 1.3;
    ls.hyphenate = 0;
    pr_para *vp = pr_calloc((size_t)cols, sizeof *vp);
    pr_para *lp = pr_calloc((size_t)cols, sizeof *lp);
    pr_layout_space(L, 4);
    int list = tag_open(L, PR_TAG_L);
    for (size_t i = 0; i < n; i += (size_t)cols) {
        size_t m = n - i < (size_t)cols ? n - i : (size_t)cols;
        double rh = 0;
        size_t lines = 0;
        for (size_t k = 0; k < m; k++) {
            const pr_tile *t = &tiles[i + k];
            pr_rgb col = t->color == PR_RGB_NONE ? cycle[(i + k) % 3] : t->color;
            vs.color = solid ? L->st.palette.on_primary : col;
            ls.color = solid ? L->st.palette.on_primary : L->st.palette.text;
            memset(&vp[k], 0, sizeof vp[k]);
            memset(&lp[k], 0, sizeof lp[k]);
            fit_markup(L, &vp[k], t->value ? t->value : "", &vs, cw - 2 * pad, vs.size * 1.15, 0.5,
                       1, "sa tuile");
            if (t->label) layout_markup(L, &lp[k], t->label, &ls, cw - 2 * pad, "sa tuile");
            double h = vp[k].height + (t->label ? 4 + lp[k].height : 0) + 2 * pad;
            if (h > rh) rh = h;
            if (vp[k].n_lines + lp[k].n_lines > lines) lines = vp[k].n_lines + lp[k].n_lines;
        }
        if (i > 0) pr_layout_space(L, gut);
        double y = reserve_lines(L, rh, PIECE_CONTENT, (double)lines);
        for (size_t k = 0; k < m; k++) {
            const pr_tile *t = &tiles[i + k];
            pr_rgb col = t->color == PR_RGB_NONE ? cycle[(i + k) % 3] : t->color;
            pr_box b = {L->x + (double)k * (cw + gut), y, cw, rh};
            pr_paint p = pr_paint_fill(solid ? col : tint(col, 0.9));
            pr_doc_artifact_begin(L->doc);
            pr_doc_rect(L->doc, L->page, b, L->st.radius, &p);
            pr_doc_artifact_end(L->doc);
            double ch = vp[k].height + (t->label ? 4 + lp[k].height : 0);
            double ty = y + (rh - ch) / 2;
            int lbl, li = item_open(L, 0, &lbl);
            ty += draw_para_in(L, -1, L->page, &vp[k], b.x + pad, ty);
            if (t->label) draw_para_in(L, -1, L->page, &lp[k], b.x + pad, ty + 4);
            tag_close(L, li);
            pr_para_free(&vp[k]);
            pr_para_free(&lp[k]);
        }
        L->y = y + rh;
    }
    free(vp);
    free(lp);
    tag_close(L, list);
    L->space = L->st.body.space_after + 6;
}

/* ---- timeline ---------------------------------------------------------------------------------- */

#define TL_DATE_W 74.0          /* date column */
#define TL_LINE_DX 84.0         /* the vertical line */
#define TL_TEXT_DX 98.0         /* the entries' text */

/* A timeline entry laid out. */
typedef struct tl_layout {
    pr_para dp, tp, bp;         /* date, title, body */
    pr_para *bl;                /* bullets */
    size_t n_bullets;
    double h;                   /* with the space under it */
    size_t n_lines;             /* lines of text beside the line */
    int lbl, body;              /* the entry's nodes: an item of the list,
                                   its date the label, the rest its body */
} tl_layout;

typedef struct tl_styles {
    pr_text_style ds, ts, bs;
} tl_styles;

static tl_styles tl_styles_of(const pr_layout *L)
{
    tl_styles s;
    s.ds = L->st.body;
    s.ds.font = PR_STYLE_BOLD;
    s.ds.size = L->st.body.size;
    s.ds.align = PR_ALIGN_RIGHT;
    s.ds.hyphenate = 0;
    s.ds.leading = 1.25;
    /* dates in one colour (a column to scan); the dots carry the entry's
     * colour */
    s.ds.color = L->st.palette.primary;
    s.ts = L->st.body;
    s.ts.font = PR_STYLE_BOLD;
    s.ts.align = PR_ALIGN_LEFT;
    s.ts.color = L->st.palette.primary;
    s.ts.size = L->st.body.size + 1;
    s.ts.hyphenate = 0;
    s.ts.leading = 1.25;
    s.bs = L->st.body;
    s.bs.align = PR_ALIGN_LEFT;
    return s;
}

/* Lay out entry e. */
static void tl_measure(pr_layout *L, const pr_timeline_entry *e, const tl_styles *s,
                       tl_layout *t)
{
    double tw = L->w - TL_TEXT_DX;
    memset(t, 0, sizeof *t);
    fit_markup(L, &t->dp, e->date ? e->date : "", &s->ds, TL_DATE_W, 0, 0.75, 0,
               "la colonne des dates");
    if (e->title) layout_markup(L, &t->tp, e->title, &s->ts, tw, "la frise");
    if (e->body) layout_markup(L, &t->bp, e->body, &s->bs, tw, "la frise");
    t->bl = e->n_bullets ? pr_calloc(e->n_bullets, sizeof *t->bl) : NULL;
    t->n_bullets = e->n_bullets;
    double ch = t->tp.height + (e->body ? 2 + t->bp.height : 0);
    for (size_t k = 0; k < e->n_bullets; k++) {
        layout_markup(L, &t->bl[k], e->bullets[k], &s->bs, tw - 12, "la frise");
        ch += 2 + t->bl[k].height;
    }
    t->h = fmax(t->dp.height, ch) + 12;
    t->n_lines = t->tp.n_lines + t->bp.n_lines;
    for (size_t k = 0; k < e->n_bullets; k++) t->n_lines += t->bl[k].n_lines;
    if (t->dp.n_lines > t->n_lines) t->n_lines = t->dp.n_lines;
}

static void tl_free(tl_layout *t)
{
    for (size_t k = 0; k < t->n_bullets; k++) pr_para_free(&t->bl[k]);
    free(t->bl);
    pr_para_free(&t->dp);
    pr_para_free(&t->tp);
    pr_para_free(&t->bp);
}

/* Baseline-centred dot position of an entry (block coordinates). */
static double tl_dot_y(const tl_layout *t)
{
    return (t->tp.n_lines ? t->tp.lines[0].baseline : 8) - 3.5;
}

/* Draw an entry's dot, date and text whose top is at block coordinate 0,
 * through window w (NULL: at page y `y`, whole). */
static void tl_draw(pr_layout *L, int pg, const pr_timeline_entry *e, const tl_styles *s,
                    tl_layout *t, double y, window *w)
{
    int draw = !w || !w->collect;
    double x = L->x, lx = L->x + TL_LINE_DX;
    double base = w ? 0 : y;       /* block coordinate of the entry's top */
    pr_rgb col = e->color == PR_RGB_NONE ? L->st.palette.primary : e->color;
    /* the title part carries the dot and the date */
    double head = fmax(t->tp.height, t->dp.height);
    int prev = pr_doc_node_current(L->doc);
    if (shows(w, base, base + head)) {
        double py = wy(w, base);
        pr_paint dotp = pr_paint_fill(col);
        dotp.stroke = PR_RGB(0xFF, 0xFF, 0xFF);
        dotp.line_width = 1.5;
        pr_doc_artifact_begin(L->doc);
        pr_doc_circle(L->doc, pg, lx, py + tl_dot_y(t), 5, &dotp);
        pr_doc_artifact_end(L->doc);
        pr_doc_node_enter(L->doc, t->lbl);
        pr_layout_draw_para(L, pg, &t->dp, 0, t->dp.n_lines, x, py);
        pr_doc_node_enter(L->doc, t->body);
        pr_layout_draw_para(L, pg, &t->tp, 0, t->tp.n_lines, x + TL_TEXT_DX, py);
    }
    pr_doc_node_enter(L->doc, t->body);
    glue_next(w);
    double cy = base + t->tp.height;
    if (e->body) cy += 2 + draw_para_win(L, pg, &t->bp, x + TL_TEXT_DX, cy + 2, w);
    for (size_t k = 0; k < t->n_bullets; k++) {
        cy += 2;
        const pr_para *p = &t->bl[k];
        if (p->n_lines && draw && (!w || shows(w, cy, cy + p->lines[0].height))) {
            const pr_font_metrics *m = pr_fontset_metrics(L->st.fonts, s->bs.font);
            double xh = m->x_height * s->bs.size / 1000.0;
            pr_doc_artifact_begin(L->doc);
            pr_layout_draw_bullet(L, pg, PR_BULLET_DOT, x + TL_TEXT_DX + 4,
                                  wy(w, cy) + p->lines[0].baseline - xh / 2, s->bs.size, col);
            pr_doc_artifact_end(L->doc);
        }
        cy += draw_para_win(L, pg, p, x + TL_TEXT_DX + 12, cy, w);
    }
    pr_doc_node_leave(L->doc, prev);
    if (w && w->collect && cy > w->bottom) w->bottom = cy;
}

/* An entry too tall for the room left, drawn in slices cut between its
 * lines; the line runs on beside every slice. */
static void tl_sliced(pr_layout *L, const pr_timeline_entry *e, const tl_styles *s,
                      tl_layout *t, int first_entry, int last_entry)
{
    window cw;
    memset(&cw, 0, sizeof cw);
    cw.collect = 1;
    tl_draw(L, -1, e, s, t, 0, &cw);
    double end = t->h, from = 0;
    size_t ki = 0;
    release_page_groups(L);
    pr_paint line = pr_paint_stroke(L->st.palette.rule, 1.6);
    double lx = L->x + TL_LINE_DX;
    int first = 1;
    for (;;) {
        double room = avail(L);
        double cend = end, cnext = end;
        int fin = end - from <= room + EPS;
        if (!fin) {
            const cut *c = pick_cut(&cw, &ki, from, from + room);
            if (!c && !L->at_top) {
                /* less than two lines here: on the next page */
                break_page(L, 1);
                continue;
            }
            if (!c) {
                /* not two lines on a whole page: one part, however tall */
                c = next_cut(&cw, ki, from);
                fin = !c;
            }
            if (c) cend = c->end, cnext = c->next;
        }
        double sh = cend - from;
        double y = reserve(L, sh, PIECE_CONTENT);
        int pg = L->page;
        /* the line: from the first entry's dot, to the last entry's dot */
        if (first || !last_entry) {
            double y0 = first && first_entry ? y + tl_dot_y(t) : y;
            double y1 = last_entry ? y + tl_dot_y(t) : y + sh;
            pr_doc_artifact_begin(L->doc);
            if (y1 > y0 + EPS) pr_doc_line(L->doc, pg, lx, y0, lx, y1, &line);
            pr_doc_artifact_end(L->doc);
        }
        window dw;
        memset(&dw, 0, sizeof dw);
        dw.from = first ? -1 : from;
        dw.to = fin ? 1e30 : cnext;
        dw.dy = y - from;
        tl_draw(L, pg, e, s, t, 0, &dw);
        L->y = y + sh;
        if (fin) break;
        from = cnext;
        first = 0;
        break_page(L, 1);
    }
    free(cw.cuts);
}

/* Vertical timeline. */
void pr_layout_timeline(pr_layout *L, const pr_timeline_entry *e, size_t n)
{
    tl_styles s = tl_styles_of(L);
    pr_paint line = pr_paint_stroke(L->st.palette.rule, 1.6);
    pr_layout_space(L, 4);
    int list = tag_open(L, PR_TAG_L);
    /* a short last entry (a closing word) does not go alone to a new page:
     * it is kept with the one before */
    int keep_last = 0;
    if (n >= 2) {
        tl_layout t;
        tl_measure(L, &e[n - 1], &s, &t);
        keep_last = t.h <= 3 * body_line(L) + 12;
        tl_free(&t);
    }
    for (size_t i = 0; i < n; i++) {
        if (keep_last && i + 2 == n) pr_layout_keep_begin(L);
        tl_layout t;
        tl_measure(L, &e[i], &s, &t);
        int li = item_open(L, 0, &t.lbl);
        t.body = pr_doc_node_current(L->doc);
        tag_close(L, li);
        double h = t.h;
        int last = i + 1 == n;
        if (should_split(L, h)) {
            tl_sliced(L, &e[i], &s, &t, i == 0, last);
        } else {
            double y = reserve_lines(L, h, PIECE_CONTENT, (double)t.n_lines);
            int pg = L->page;
            double lx = L->x + TL_LINE_DX;
            /* the line runs from this entry's dot to the next one */
            double dot_y = y + tl_dot_y(&t);
            pr_doc_artifact_begin(L->doc);
            pr_doc_line(L->doc, pg, lx, i == 0 ? dot_y : y, lx, last ? dot_y : y + h, &line);
            pr_doc_artifact_end(L->doc);
            tl_draw(L, pg, &e[i], &s, &t, y, NULL);
            L->y = y + h;
        }
        tl_free(&t);
        if (keep_last && last) pr_layout_keep_end(L);
    }
    tag_close(L, list);
    L->space = L->st.body.space_after + 4;
}

/* ---- quotes --------------------------------------------------------------------------------- */

#define QUOTE_PAD 12.0
#define QUOTE_MARK_W 30.0

/* Draw a quotation's background and bar in box b (one slice, or the
 * whole), and its guillemet when `mark` is set. */
static void quote_frame(pr_layout *L, int pg, pr_box b, int mark)
{
    pr_doc_artifact_begin(L->doc);
    pr_paint bg = pr_paint_fill(L->st.palette.light);
    pr_doc_rect(L->doc, pg, b, L->st.radius, &bg);
    pr_paint bar = pr_paint_fill(L->st.palette.secondary);
    pr_box bb = {b.x, b.y, 4, b.h};
    pr_doc_clip(L->doc, pg, b, L->st.radius);
    pr_doc_rect(L->doc, pg, bb, 0, &bar);
    pr_doc_unclip(L->doc, pg);
    if (mark)
        pr_doc_text(L->doc, pg, font_of(L, PR_STYLE_BOLD), 34, L->st.palette.secondary,
                    b.x + QUOTE_PAD, b.y + QUOTE_PAD + 24, "\xc2\xab");
    pr_doc_artifact_end(L->doc);
}

/* The quotation's text and author (block coordinates: its top at 0)
 * through window w, in their P nodes qn and an (made once: the quotation
 * may be drawn in slices). */
static void quote_text(pr_layout *L, int pg, const pr_para *qp, const pr_para *ap, int author,
                       window *w, int qn, int an)
{
    double x = L->x + QUOTE_PAD + QUOTE_MARK_W;
    int prev = pr_doc_node_enter(L->doc, qn);
    double cy = QUOTE_PAD + draw_para_win(L, pg, qp, x, QUOTE_PAD, w);
    pr_doc_node_enter(L->doc, an >= 0 ? an : qn);
    if (author && shows(w, cy + 6, cy + 6 + ap->height))
        pr_layout_draw_para(L, pg, ap, 0, ap->n_lines, x, wy(w, cy + 6));
    pr_doc_node_leave(L->doc, prev);
}

/* Quotation block. */
static void quote_in_column(pr_layout *L, const char *markup, const char *author_markup)
{
    double pad = QUOTE_PAD;
    pr_text_style qs = L->st.body;
    qs.font = PR_STYLE_ITALIC;
    qs.size = L->st.body.size + 1;
    qs.align = PR_ALIGN_LEFT;
    qs.color = L->st.palette.text;
    qs.leading = 1.4;
    pr_text_style as = L->st.small;
    as.align = PR_ALIGN_RIGHT;
    as.color = L->st.palette.primary;
    double w = L->w - 2 * pad - QUOTE_MARK_W;
    pr_para qp, ap;
    memset(&qp, 0, sizeof qp);
    memset(&ap, 0, sizeof ap);
    layout_markup(L, &qp, markup, &qs, w, "la citation");
    if (author_markup) layout_markup(L, &ap, author_markup, &as, w, "la citation");
    double h = 2 * pad + qp.height + (author_markup ? 6 + ap.height : 0);
    pr_layout_space(L, 6);
    /* BlockQuote > P (the quotation), P (its author) */
    int quote = tag_open(L, PR_TAG_BLOCKQUOTE);
    int qn = tag_open(L, PR_TAG_P);
    tag_close(L, qn);
    int an = -1;
    if (author_markup) {
        an = tag_open(L, PR_TAG_P);
        tag_close(L, an);
    }
    tag_close(L, quote);
    if (should_split(L, h)) {
        /* in slices cut between lines, each on its background */
        window cw;
        memset(&cw, 0, sizeof cw);
        cw.collect = 1;
        quote_text(L, -1, &qp, &ap, author_markup != NULL, &cw, qn, an);
        release_page_groups(L);
        double from = 0;
        size_t ki = 0;
        int first = 1;
        for (;;) {
            double top = first ? 0 : pad;          /* above the text in the slice */
            double room = avail(L) - top;
            int fin = h - from <= room + EPS;
            double cend = h, cnext = h;
            if (!fin) {
                const cut *c = pick_cut(&cw, &ki, from, from + room - pad);
                if (!c && !L->at_top) {
                    /* less than two lines here: on the next page */
                    break_page(L, 1);
                    continue;
                }
                if (!c) {
                    /* not two lines on a whole page: one part, however tall */
                    c = next_cut(&cw, ki, from);
                    fin = !c;
                }
                if (c) cend = c->end, cnext = c->next;
            }
            double sh = top + cend - from + (fin ? 0 : pad);
            double y = reserve(L, sh, PIECE_CONTENT);
            quote_frame(L, L->page, (pr_box){L->x, y, L->w, sh}, first);
            window dw;
            memset(&dw, 0, sizeof dw);
            dw.from = first ? -1 : from;
            dw.to = fin ? 1e30 : cnext;
            dw.dy = y + top - from;
            quote_text(L, L->page, &qp, &ap, author_markup != NULL, &dw, qn, an);
            L->y = y + sh;
            if (fin) break;
            from = cnext;
            first = 0;
            break_page(L, 1);
        }
        free(cw.cuts);
    } else {
        double y = reserve_lines(L, h, PIECE_CONTENT, (double)(qp.n_lines + ap.n_lines));
        int pg = L->page;
        quote_frame(L, pg, (pr_box){L->x, y, L->w, h}, 1);
        window dw;
        memset(&dw, 0, sizeof dw);
        dw.from = -1;
        dw.to = 1e30;
        dw.dy = y;
        quote_text(L, pg, &qp, &ap, author_markup != NULL, &dw, qn, an);
        L->y = y + h;
    }
    pr_para_free(&qp);
    pr_para_free(&ap);
    L->space = L->st.body.space_after + 6;
}

void pr_layout_quote(pr_layout *L, const char *markup, const char *author_markup)
{
    column c = column_begin(L);
    quote_in_column(L, markup, author_markup);
    column_end(L, c);
}

/* ---- table of contents ---------------------------------------------------------------------- */

/* One line of a table of contents. */
void pr_layout_toc_entry(pr_layout *L, int level, const char *number, const char *title,
                         const char *anchor_id)
{
    int lvl = level < 1 ? 1 : level > 2 ? 2 : level;
    pr_text_style ts = L->st.body;
    ts.font = lvl == 1 ? PR_STYLE_BOLD : PR_STYLE_REGULAR;
    ts.size = lvl == 1 ? L->st.body.size + 2 : L->st.body.size;
    ts.color = lvl == 1 ? L->st.palette.primary : L->st.palette.text;
    ts.align = PR_ALIGN_LEFT;
    ts.hyphenate = 0;
    ts.leading = 1.3;
    double indent = lvl == 1 ? 0 : 28, num_w = 28, page_w = 30;
    int pn = anchor_id ? pr_layout_page_of(L, anchor_id) : 0;
    char pbuf[16];
    snprintf(pbuf, sizeof pbuf, "%d", pn > 0 ? pn : 0);
    double tx = L->x + indent + (number ? num_w : 0);
    double tw = L->w - (tx - L->x) - page_w - 6;
    pr_para p;
    memset(&p, 0, sizeof p);
    layout_markup(L, &p, title, &ts, tw, "le sommaire");
    pr_layout_space(L, lvl == 1 ? 9 : 3);
    double y = reserve(L, p.height, PIECE_CONTENT);
    int pg = L->page;
    const pr_line *last = p.n_lines ? &p.lines[p.n_lines - 1] : NULL;
    double base_last = y + p.height - (last ? last->height - last->baseline : 0);
    double base_first = y + (p.n_lines ? p.lines[0].baseline : ts.size);
    /* TOCI > Link (the whole line: number, title, page) */
    int toci = tag_open(L, PR_TAG_TOCI);
    int link = anchor_id ? tag_open(L, PR_TAG_LINK) : -1;
    if (number) {
        pr_doc_text(L->doc, pg, font_of(L, PR_STYLE_BOLD), ts.size,
                    lvl == 1 ? L->st.palette.secondary : L->st.palette.muted, L->x + indent,
                    base_first, number);
    }
    pr_layout_draw_para(L, pg, &p, 0, p.n_lines, tx, y);
    double pw = pr_text_width(L->st.fonts, ts.font, ts.size, pbuf, strlen(pbuf));
    pr_doc_text(L->doc, pg, font_of(L, ts.font), ts.size, ts.color, L->x + L->w - pw, base_last, pbuf);
    /* dotted leader from the end of the title to the page number */
    double lx0 = tx + (last ? last->width : 0) + 5, lx1 = L->x + L->w - page_w - 2;
    if (lx1 - lx0 > 6) {
        pr_paint dots = pr_paint_stroke(L->st.palette.rule, 1.1);
        dots.dash_on = 1;
        dots.dash_off = 3;
        dots.round_caps = 1;
        pr_doc_artifact_begin(L->doc);
        pr_doc_line(L->doc, pg, lx0, base_last, lx1, base_last, &dots);
        pr_doc_artifact_end(L->doc);
    }
    if (anchor_id) {
        pr_box lb = {L->x, y, L->w, p.height};
        pr_layout_link_anchor(L, pg, lb, anchor_id);
    }
    tag_close(L, link);
    tag_close(L, toci);
    L->y = y + p.height;
    pr_para_free(&p);
}

/* ---- finish ------------------------------------------------------------------------------------ */

void pr_layout_front_matter_end(pr_layout *L)
{
    L->front_matter = (int)L->doc->n_pages;
}

int pr_layout_front_matter(const pr_layout *L)
{
    return L->front_matter;
}

/* Lower-case roman numeral of n (1..3999) into buf (16 bytes). */
static void roman(int n, char *buf)
{
    static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *const sym[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v",
                                      "iv", "i"};
    buf[0] = '\0';
    if (n < 1 || n > 3999) return;
    for (int i = 0; i < 13; i++)
        while (n >= val[i]) {
            strcat(buf, sym[i]);
            n -= val[i];
        }
}

void pr_layout_folio(const pr_layout *L, int page, char *buf, size_t size)
{
    if (page < L->front_matter) {
        char r[16];
        roman(page + 1, r);
        snprintf(buf, size, "%s", r);
    } else {
        snprintf(buf, size, "%d", page + 1);
    }
}

/* Default running header and footer of a content page. */
static void default_decorate(pr_layout *L, int page, int number, int count, const char *section)
{
    const pr_layout_style *s = &L->st;
    double x0 = s->margin_left, x1 = s->page_width - s->margin_right;
    double sz = s->header_size > 0 ? s->header_size : 8;
    pr_paint rule = pr_paint_stroke(s->palette.rule, 0.6);
    double hy = s->margin_top - 26;
    int reg = font_of(L, PR_STYLE_REGULAR), bold = font_of(L, PR_STYLE_BOLD);
    /* header: network name left, section right, rule under */
    pr_paint sq = pr_paint_fill(s->palette.secondary);
    pr_box mark = {x0, hy - sz * 0.75, 3, sz * 0.9};
    pr_doc_rect(L->doc, page, mark, 0, &sq);
    if (s->header_title) pr_doc_text(L->doc, page, bold, sz, s->palette.primary, x0 + 7, hy, s->header_title);
    if (section && *section) {
        double avail_w = (x1 - x0) * 0.6;
        double w = pr_text_width(s->fonts, PR_STYLE_REGULAR, sz, section, strlen(section));
        if (w <= avail_w) {
            pr_doc_text(L->doc, page, reg, sz, s->palette.muted, x1 - w, hy, section);
        } else {
            /* too long for the header: cut at a word with an ellipsis */
            size_t n = strlen(section);
            while (n > 0) {
                while (n > 0 && section[n - 1] != ' ') n--;
                while (n > 0 && section[n - 1] == ' ') n--;
                char *t = pr_asprintf("%.*s…", (int)n, section);
                w = pr_text_width(s->fonts, PR_STYLE_REGULAR, sz, t, strlen(t));
                if (w <= avail_w || n == 0) {
                    if (n) pr_doc_text(L->doc, page, reg, sz, s->palette.muted, x1 - w, hy, t);
                    free(t);
                    break;
                }
                free(t);
            }
        }
    }
    pr_doc_line(L->doc, page, x0, hy + 7, x1, hy + 7, &rule);
    /* footer: rule, page n / N right (front matter: its numeral alone,
     * as its page label reads) */
    double fy = s->page_height - s->margin_bottom + 34;
    pr_doc_line(L->doc, page, x0, fy - 12, x1, fy - 12, &rule);
    char num[32], tot[32];
    (void)number;
    pr_layout_folio(L, page, num, sizeof num);
    snprintf(tot, sizeof tot, page < L->front_matter ? "" : " / %d", count);
    double wn = pr_text_width(s->fonts, PR_STYLE_BOLD, sz, num, strlen(num));
    double wt = pr_text_width(s->fonts, PR_STYLE_REGULAR, sz, tot, strlen(tot));
    pr_doc_text(L->doc, page, bold, sz, s->palette.primary, x1 - wt - wn, fy, num);
    pr_doc_text(L->doc, page, reg, sz, s->palette.muted, x1 - wt, fy, tot);
}

/* Where a link to anchor a goes, in words (French, read by screen
 * readers): the outline entry placed there, and the page. */
static char *link_destination(const pr_doc *doc, const anchor *a)
{
    for (size_t i = 0; i < doc->n_outline; i++) {
        const pr_outline *o = &doc->outline[i];
        if (o->page == a->page && fabs(o->y - a->y) < 1)
            return pr_asprintf("Aller à « %s », page %d", o->title, a->page + 1);
    }
    return pr_asprintf("Aller à la page %d", a->page + 1);
}

/* Finish: decorations, links; hand over the document. */
pr_doc *pr_layout_finish(pr_layout *L)
{
    while (L->n_groups > 0) {
        group *g = &L->groups[L->n_groups - 1];
        if (g->kind == GROUP_BOX) pr_layout_box_end(L);
        else L->n_groups--;
    }
    if (L->page >= 0) note_used(L, L->page, L->y);
    pr_doc *doc = L->doc;
    int count = (int)doc->n_pages;
    doc->front_matter = L->front_matter < count ? L->front_matter : count;
    /* running heads and folios are artifacts */
    pr_doc_node_enter(doc, 0);
    pr_doc_artifact_begin(doc);
    for (int pg = 0; pg < count; pg++) {
        if (doc->pages[pg].kind != PR_PAGE_CONTENT) continue;
        const char *sec = (size_t)pg < L->n_page_section && L->page_section[pg] ? L->page_section[pg] : "";
        if (L->st.decorate) L->st.decorate(L, pg, pg + 1, count, sec, L->st.decorate_ctx);
        else default_decorate(L, pg, pg + 1, count, sec);
    }
    pr_doc_artifact_end(doc);
    for (size_t i = 0; i < L->n_links; i++) {
        const anchor *a = find_anchor(L, L->links[i].id);
        if (!a) {
            warn(L, "lien vers une ancre inconnue « %s »", L->links[i].id);
            continue;
        }
        /* the link's annotation in the node it was made in (its Link) */
        char *what = link_destination(doc, a);
        int prev = pr_doc_node_enter(doc, L->links[i].node);
        pr_doc_link_dest(doc, L->links[i].page, L->links[i].box, a->page, a->y, what);
        pr_doc_node_leave(doc, prev);
        free(what);
    }
    resolve_page_refs(L, doc);
    L->final_pages = count;
    L->finished = 1;
    L->doc = pr_doc_new();      /* the layout keeps an empty doc for queries */
    L->page = -1;
    return doc;
}
