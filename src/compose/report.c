/* report.c — composition of the annual report from a template: cover,
 * contents, a divider page per section, the sections' components, back
 * cover. Texts come from the template (expanded against the model and the
 * figures), colours and spaces from its typed style (template_style.h);
 * drawing goes through the page-flow engine (layout.h). The document is
 * laid out in one pass (the contents' page numbers are references written
 * when the layout finishes); a second pass replaces it only when the flow
 * left a nearly empty page in a section (plan_breaks, pr_report_build). */
#include "compose/report.h"
#include "typeset/typo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/date.h"
#include "compose/format.h"
#include "typeset/layout.h"
#include "compose/chart.h"
#include "compose/map.h"
#include "compose/map_alt.h"

#define MM (72.0 / 25.4)

typedef struct rctx {
    const pr_template *t;
    const pr_model *m;
    const pr_figures *f;
    const pr_report_env *env;
    const pr_tpl_style *st;
    pr_diags *d;             /* expansion errors of this pass */
    pr_layout *L;
    size_t item_index, n_items;  /* rank of the current source item */
    int photos_shown;        /* a photo was drawn (credits for photos make sense) */
    /* the items of the groups being rendered, outermost first, and the
     * rank of the innermost one among its group's items */
    const pr_mvalue *scope[7];
    int depth;
    size_t scope_index, scope_count;
    pr_tpl_cache *cache;     /* list indexes, shared by the passes */
    int motif;               /* the France motif's shared shape, -1 until drawn */
    size_t section;          /* the section being rendered */
    int headings;            /* its level-1 headings so far (their anchors) */
    int lead;                /* the last paragraph laid out was a lead-in ("… :") */
    int grids;               /* grids of cards laid out so far */
} rctx;

const char *pr_report_section_anchor(size_t i, char *buf)
{
    snprintf(buf, 32, "section-%zu", i + 1);
    return buf;
}

/* The anchor of the j-th (0-based) level-1 heading of section i, which the
 * contents link to: "section-1-2"… (buf: 48 bytes) */
static const char *heading_anchor(size_t i, int j, char *buf)
{
    snprintf(buf, 48, "section-%zu-%d", i + 1, j + 1);
    return buf;
}

/* ---- small helpers ------------------------------------------------------- */

/* A parameter of a component (NULL when absent). */
static const pr_tpl_param *P(const pr_tpl_component *c, const char *name)
{
    return pr_tpl_param_get(&c->params, name);
}

static pr_tpl_ctx ctx_of(const rctx *r, const pr_mvalue *item)
{
    pr_tpl_ctx c = {r->m, r->f, {NULL}, 0, 0, 0, r->cache, r->env->history};
    for (int i = 0; i < r->depth; i++)
        c.items[c.depth++] = r->scope[i];
    if (item) {
        c.items[c.depth++] = item;
        if (r->n_items) {
            c.index = (long)r->item_index;
            c.count = (long)r->n_items;
        }
    } else if (r->depth && r->scope_count) {
        c.index = (long)r->scope_index;
        c.count = (long)r->scope_count;
    }
    return c;
}

/* Set the rank of the current source item (for @rang, @sep…). */
static void at_item(rctx *r, size_t i, size_t n)
{
    r->item_index = i;
    r->n_items = n;
}

/* Expand a text (NULL param or text: ""), with `item` in scope. */
static char *xp(rctx *r, const pr_tpl_param *p, const pr_mvalue *item)
{
    if (!p || !p->text)
        return pr_strdup("");
    pr_tpl_ctx c = ctx_of(r, item);
    return pr_tpl_expand(p->text, &c, r->d);
}


/* Expand a short text: whitespace runs (newlines included) become one
 * space, and the ends are trimmed. */
static char *xline(rctx *r, const pr_tpl_param *p, const pr_mvalue *item)
{
    char *s = xp(r, p, item);
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = k > 0;
            continue;
        }
        if (space)
            s[k++] = ' ';
        space = 0;
        s[k++] = c;
    }
    s[k] = '\0';
    return s;
}

/* The expanded lines of a text, empty lines dropped, joined with '\n'
 * (forced line breaks in markup). */
static char *xlines(rctx *r, const pr_tpl_param *p, const pr_mvalue *item)
{
    char *s = xp(r, p, item);
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    const char *a = s;
    while (*a) {
        const char *e = strchr(a, '\n');
        size_t n = e ? (size_t)(e - a) : strlen(a);
        size_t i = 0, j = n;
        while (i < j && (a[i] == ' ' || a[i] == '\t'))
            i++;
        while (j > i && (a[j - 1] == ' ' || a[j - 1] == '\t' || a[j - 1] == '\r'))
            j--;
        if (j > i) {
            if (sb.len)
                pr_sb_putc(&sb, '\n');
            pr_sb_add(&sb, a + i, j - i);
        }
        a += n;
        if (*a)
            a++;
    }
    free(s);
    return pr_sb_steal(&sb);
}

/* Is the component's `si` condition true (or absent)? */
static int cond_ok(rctx *r, const pr_tpl_component *c)
{
    const pr_tpl_param *p = P(c, "si");
    if (!p || !p->text)
        return 1;
    pr_tpl_ctx cx = ctx_of(r, NULL);
    return pr_tpl_cond_true(p->text, &cx, r->d);
}

typedef struct dated_item {
    const pr_mvalue *v;
    pr_date date;
    size_t order;
} dated_item;

static int date_cmp(pr_date a, pr_date b)
{
    int c = (a.year > b.year) - (a.year < b.year);
    if (!c)
        c = (a.month > b.month) - (a.month < b.month);
    if (!c)
        c = (a.day > b.day) - (a.day < b.day);
    return c;
}

static int dated_cmp(const void *a, const void *b)
{
    const dated_item *x = a, *y = b;
    int c = date_cmp(x->date, y->date);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* The items of the component's `source` (no source: one NULL item). With
 * `champ_date`, only the items dated in the report's year are kept, in
 * chronological order. */
static size_t source_items(rctx *r, const pr_tpl_component *c, const pr_mvalue ***items)
{
    const pr_tpl_param *p = P(c, "source");
    if (!p || !p->path) {
        *items = pr_malloc(sizeof **items);
        (*items)[0] = NULL;
        return 1;
    }
    pr_tpl_ctx cx = ctx_of(r, NULL);
    size_t n = pr_tpl_path_items(p->path, &cx, items);
    const pr_tpl_param *df = P(c, "champ_date");
    if (df && df->path && n) {
        dated_item *d = pr_malloc(n * sizeof *d);
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            pr_tpl_ctx ix = ctx_of(r, (*items)[i]);
            pr_mvalue dv = pr_tpl_path_value(df->path, &ix);
            if (dv.kind != PR_MV_DATE || dv.v.date.year != r->m->report.year)
                continue;
            d[m++] = (dated_item){(*items)[i], dv.v.date, i};
        }
        qsort(d, m, sizeof *d, dated_cmp);
        for (size_t i = 0; i < m; i++)
            (*items)[i] = d[i].v;
        free(d);
        n = m;
    }
    /* `filtre`: the items for which the condition holds */
    const pr_tpl_param *fp = P(c, "filtre");
    if (fp && fp->text) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            size_t si = r->item_index, sn = r->n_items;
            at_item(r, i, n);
            pr_tpl_ctx ix = ctx_of(r, (*items)[i]);
            if (pr_tpl_cond_true(fp->text, &ix, r->d))
                (*items)[m++] = (*items)[i];
            at_item(r, si, sn);
        }
        n = m;
    }
    return n;
}

/* A text style from a font role of the template. */
static pr_text_style font_style(rctx *r, pr_font_role role, pr_align align, double leading)
{
    const pr_tpl_font *fs = &r->st->fonts[role];
    pr_text_style ts = pr_layout_text_style(r->L, 0);
    ts.font = fs->weight;
    ts.size = fs->size;
    ts.color = fs->color;
    ts.align = align;
    ts.leading = leading;
    ts.space_before = 0;
    ts.space_after = 0;
    ts.hyphenate = 0;
    return ts;
}

/* A copy of `ts` with another colour, size or weight. */
static pr_text_style ts_with(pr_text_style ts, pr_rgb color, double size, pr_style weight)
{
    ts.color = color;
    if (size > 0)
        ts.size = size;
    ts.font = weight;
    return ts;
}

/* Does the file exist (relative to the data folder)? Returns a malloc'ed
 * path or NULL. */
static char *photo_path(rctx *r, const char *rel)
{
    if (!rel || !*rel)
        return NULL;
    char *p = (rel[0] == '/' || !r->env->data_dir || !*r->env->data_dir)
                  ? pr_strdup(rel)
                  : pr_asprintf("%s/%s", r->env->data_dir, rel);
    if (access(p, R_OK) != 0) {
        free(p);
        return NULL;
    }
    return p;
}

/* ---- prose ------------------------------------------------------------------ */

/* Lay out expanded prose: paragraphs and ticked bullet lists. */
static void render_prose(rctx *r, const char *text, const pr_text_style *ts)
{
    pr_prose p = {0};
    pr_prose_split(text, &p);
    size_t i = 0;
    while (i < p.n) {
        if (p.items[i].kind == PR_PROSE_PARAGRAPH) {
            /* a short lead-in ("… ainsi :") stays with what it announces */
            const char *t = p.items[i].text;
            size_t n = strlen(t);
            while (n && (t[n - 1] == ' ' || t[n - 1] == '*'))
                n--;
            if (n && t[n - 1] == ':') {
                pr_text_style ks = ts ? *ts : pr_layout_text_style(r->L, 0);
                ks.keep_with_next = 1;
                pr_layout_paragraph(r->L, t, &ks);
                r->lead = 1;
            } else {
                pr_layout_paragraph(r->L, t, ts);
                r->lead = 0;
            }
            i++;
            continue;
        }
        size_t j = i;
        while (j < p.n && p.items[j].kind == PR_PROSE_BULLET)
            j++;
        pr_list_item *li = pr_malloc((j - i) * sizeof *li);
        for (size_t k = i; k < j; k++)
            li[k - i] = (pr_list_item){p.items[k].text, p.items[k].level > 1 ? 1 : 0};
        /* list items are set ragged right: short measures with bold lead
         * words would otherwise stretch their first lines */
        pr_text_style ls = ts ? *ts : pr_layout_text_style(r->L, 0);
        ls.align = PR_ALIGN_LEFT;
        pr_layout_list(r->L, li, j - i, PR_BULLET_DOT, &ls);
        r->lead = 0;
        free(li);
        i = j;
    }
    pr_prose_free(&p);
}

/* Prose as card material: paragraphs joined into a body (forced breaks
 * between them), bullets apart. Caller frees *body and the bullets. */
static void prose_for_card(const char *text, char **body, char ***bullets, size_t *n_bullets)
{
    pr_prose p = {0};
    pr_prose_split(text, &p);
    pr_strbuf sb = {0};
    char **bl = NULL;
    size_t nb = 0, cap = 0;
    for (size_t i = 0; i < p.n; i++) {
        if (p.items[i].kind == PR_PROSE_PARAGRAPH) {
            if (sb.len)
                pr_sb_puts(&sb, "\n");
            pr_sb_puts(&sb, p.items[i].text);
        } else {
            char *x = pr_strdup(p.items[i].text);
            PR_PUSH(bl, nb, cap, x);
        }
    }
    *body = sb.len ? pr_sb_steal(&sb) : NULL;
    pr_sb_free(&sb);
    *bullets = bl;
    *n_bullets = nb;
    pr_prose_free(&p);
}

/* The narrowest width, at most `w`, at which `markup` takes as many lines
 * as at `w`: a title set in it has lines of even length (no word left
 * alone on the last line). */
static double balanced_width(pr_layout *L, double w, const char *markup, const pr_text_style *ts)
{
    double h = pr_layout_measure_text(L, w, markup, ts);
    double lo = w * 0.4, hi = w;
    for (int k = 0; k < 14; k++) {
        double mid = (lo + hi) / 2;
        if (pr_layout_measure_text(L, mid, markup, ts) > h + 0.01)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

/* ---- cover, divider, back cover ------------------------------------------------ */

/* A tricolour mark (blue, white, red) at (x, y), `w` wide. */
static void draw_tricolour(pr_doc *doc, int pg, double x, double y, double w, double h)
{
    pr_paint b = pr_paint_fill(0x000091), wt = pr_paint_fill(0xFFFFFF), rd = pr_paint_fill(0xE1000F);
    pr_paint frame = pr_paint_stroke(0xDDDDDD, 0.5);
    double s = w / 3;
    pr_doc_rect(doc, pg, (pr_box){x, y, s, h}, 0, &b);
    pr_doc_rect(doc, pg, (pr_box){x + s, y, s, h}, 0, &wt);
    pr_doc_rect(doc, pg, (pr_box){x + 2 * s, y, s, h}, 0, &rd);
    pr_doc_rect(doc, pg, (pr_box){x, y, w, h}, 0, &frame);
}

/* Soft decorative circles (low opacity) in a colour. */
static void draw_circles(pr_doc *doc, int pg, pr_rgb color, double cx, double cy, double r0)
{
    for (int i = 0; i < 3; i++) {
        pr_paint p = pr_paint_stroke(color, 26 - 7 * i);
        p.opacity = 0.07 + 0.03 * i;
        pr_doc_circle(doc, pg, cx, cy, r0 * (1 - 0.28 * i), &p);
    }
}

/* `a` mixed with `b`: t = 0 gives a, 1 gives b. */
static pr_rgb mix(pr_rgb a, pr_rgb b, double t)
{
    pr_rgb out = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
        double x = ((a >> sh) & 0xFF) * (1 - t) + ((b >> sh) & 0xFF) * t;
        out |= (pr_rgb)lround(x) << sh;
    }
    return out;
}

/* The side of the square the motif is drawn in once (the cover's). */
#define MOTIF_SIZE (160 * MM)

/* The map of France's départements as a faint motif in the square `box`
 * (clipped by the caller): a light fill and finer borders, in `color`.
 * The outline is made once, as a shared shape (doc.h) the size of the
 * cover's, and scaled for the other uses (the back cover's). */
static void draw_motif(rctx *r, pr_doc *doc, int pg, pr_box box, pr_rgb color, double fill_alpha,
                       double line_alpha)
{
    pr_paint p = pr_paint_stroke(color, 0.45);   /* one path, filled then stroked */
    p.fill = color;
    p.opacity = fill_alpha;
    p.stroke_opacity = line_alpha;
    p.round_caps = 1;
    if (r->motif < 0) {
        pr_doc *scratch = pr_doc_new();
        int sp = pr_doc_add_page(scratch, MOTIF_SIZE, MOTIF_SIZE, PR_PAGE_PLAIN);
        pr_map_silhouette(scratch, sp, (pr_box){0, 0, MOTIF_SIZE, MOTIF_SIZE}, &p);
        const pr_page *page = pr_doc_page(scratch, sp);
        if (page->n_ops && page->ops[0].kind == PR_OP_PATH) {
            pr_path path = {page->ops[0].u.path.segs, page->ops[0].u.path.n, page->ops[0].u.path.n};
            r->motif = pr_doc_shape(doc, &path, page->ops[0].u.path.rule);
        }
        pr_doc_free(scratch);
        if (r->motif < 0)
            return;
    }
    pr_doc_shape_use(doc, pg, r->motif, box.w / MOTIF_SIZE, box.x, box.y, &p);
}

/* The ministry block: tricolour mark, the ministry's lines in bold
 * capitals, then the motto in italics; returns the height used. */
static double draw_ministry(rctx *r, int pg, double x, double y, double w, const char *lines,
                            const char *motto, pr_rgb color, double size)
{
    pr_layout *L = r->L;
    double y0 = y;
    pr_layout_artifact_begin(L);
    draw_tricolour(pr_layout_doc(L), pg, x, y, size * 3.6, size * 0.62);
    pr_layout_artifact_end(L);
    y += size * 1.45;
    pr_text_style ms = font_style(r, PR_FONT_BODY, PR_ALIGN_LEFT, 1.08);
    ms = ts_with(ms, color, size, PR_STYLE_BOLD);
    y += pr_layout_draw_text(L, pg, x, y, w, lines, &ms);
    if (motto && *motto) {
        pr_text_style ds = ts_with(ms, color, size * 0.72, PR_STYLE_ITALIC);
        ds.leading = 1.15;
        y += size * 0.7;
        y += pr_layout_draw_text(L, pg, x, y, w, motto, &ds);
    }
    return y - y0;
}

static void render_cover(rctx *r)
{
    const pr_tpl_component *c = &r->t->cover;
    pr_layout *L = r->L;
    int pg = pr_layout_free_page(L, PR_PAGE_COVER);
    pr_layout_section(L);
    pr_doc *doc = pr_layout_doc(L);
    double W = r->st->page_w, H = r->st->page_h;
    double x = 22 * MM, w = W - 44 * MM;
    pr_rgb fond = r->st->comp.cover.background;
    pr_rgb text = r->st->comp.cover.text;
    pr_rgb accent = r->st->comp.cover.accent;
    pr_rgb band = r->st->comp.cover.band;
    pr_rgb ink = r->st->roles[PR_ROLE_TEXT];
    double top_h = 68 * MM;

    /* white band: the ministry block and the motto */
    pr_paint bandp = pr_paint_fill(band);
    pr_layout_artifact_begin(L);
    pr_doc_rect(doc, pg, (pr_box){0, 0, W, top_h}, 0, &bandp);
    pr_layout_artifact_end(L);
    char *min = xlines(r, P(c, "ministere"), NULL);
    char *dev = xlines(r, P(c, "devise"), NULL);
    draw_ministry(r, pg, x, 18 * MM, 80 * MM, min, dev, ink, 12);
    free(min);
    free(dev);

    /* coloured body, the map of the départements as a motif at the right */
    pr_box body = {0, top_h, W, H - top_h};
    pr_paint fp = pr_paint_fill(fond);
    pr_layout_artifact_begin(L);
    pr_doc_rect(doc, pg, body, 0, &fp);
    pr_doc_clip(doc, pg, body, 0);
    draw_motif(r, doc, pg, (pr_box){W - 128 * MM, top_h + 22 * MM, 160 * MM, 160 * MM}, text, 0.07,
               0.28);
    pr_doc_unclip(doc, pg);
    pr_paint ap = pr_paint_fill(accent);
    pr_doc_rect(doc, pg, (pr_box){0, top_h, W, 1.6 * MM}, 0, &ap);

    /* the network's name and tagline */
    double y = top_h + 30 * MM;
    pr_doc_rect(doc, pg, (pr_box){x, y, 22 * MM, 2.2 * MM}, 0, &ap);
    pr_layout_artifact_end(L);
    y += 9 * MM;
    char *title = xline(r, P(c, "titre"), NULL);
    pr_text_style ts = font_style(r, PR_FONT_TITLE, PR_ALIGN_LEFT, 1.0);
    ts = ts_with(ts, text, 46, r->st->fonts[PR_FONT_TITLE].weight);
    y += pr_layout_draw_text(L, pg, x, y, w, title, &ts);
    free(title);
    char *tag = xline(r, P(c, "accroche"), NULL);
    if (*tag) {
        pr_text_style gs = ts_with(ts, mix(text, fond, 0.18), 19, PR_STYLE_REGULAR);
        gs.leading = 1.2;
        pr_layout_draw_text(L, pg, x, y + 4 * MM, w, tag, &gs);
    }
    free(tag);

    /* the report's title, then the publisher under a thin rule */
    char *rep = xline(r, P(c, "rapport"), NULL);
    pr_text_style rs = ts_with(ts, text, 32, PR_STYLE_BOLD);
    rs.leading = 1.1;
    double rh = pr_layout_measure_text(L, w, rep, &rs);
    double ry = H - 52 * MM - rh;
    pr_layout_artifact_begin(L);
    pr_doc_rect(doc, pg, (pr_box){x, ry - 7 * MM, 12 * MM, 1.2 * MM}, 0, &ap);
    pr_layout_artifact_end(L);
    pr_layout_draw_text(L, pg, x, ry, w, rep, &rs);
    free(rep);
    pr_paint rule = pr_paint_stroke(text, 0.5);
    rule.opacity = 0.45;
    pr_layout_artifact_begin(L);
    pr_doc_line(doc, pg, x, H - 34 * MM, W - x, H - 34 * MM, &rule);
    pr_layout_artifact_end(L);
    char *ed = xline(r, P(c, "editeur"), NULL);
    pr_text_style es = ts_with(ts, text, 11, PR_STYLE_BOLD);
    es.leading = 1.2;
    pr_layout_draw_text(L, pg, x, H - 29 * MM, w, ed, &es);
    free(ed);
}

/* The divider of section i, numbered rank[i]; its foot links to the other
 * sections shown (rank[j] > 0). */
static int render_divider(rctx *r, size_t i, const char *title, const int *rank)
{
    pr_layout *L = r->L;
    int pg = pr_layout_free_page(L, PR_PAGE_DIVIDER);
    pr_layout_section(L);
    pr_doc *doc = pr_layout_doc(L);
    double W = r->st->page_w, H = r->st->page_h;
    pr_rgb fond = r->st->comp.divider.background;
    pr_rgb text = r->st->comp.divider.text;
    pr_rgb num = r->st->comp.divider.numeral;
    pr_rgb rule = r->st->comp.divider.rule;
    pr_paint fp = pr_paint_fill(fond);
    pr_layout_artifact_begin(L);
    pr_doc_rect(doc, pg, (pr_box){0, 0, W, H}, 0, &fp);
    pr_doc_clip(doc, pg, (pr_box){0, 0, W, H}, 0);
    draw_circles(doc, pg, text, W - 20 * MM, 40 * MM, 80 * MM);
    pr_doc_unclip(doc, pg);
    pr_layout_artifact_end(L);
    char anchor[32];
    pr_report_section_anchor(i, anchor);
    pr_layout_anchor_at(L, anchor, pg, 0);
    char *outline_title = pr_typo_fr(title);   /* ’ and French spacing, as on the page */
    pr_layout_outline_at(L, outline_title, 1, pg, 0);
    free(outline_title);
    double x = 22 * MM, w = W - 44 * MM;
    pr_text_style ns = font_style(r, PR_FONT_NUMERAL, PR_ALIGN_LEFT, 1.0);
    ns.color = num;
    double y = H * 0.36;
    /* the section's heading: its number among the sections shown, and
     * its title */
    int head = pr_layout_tag_heading(L, 1);
    char numeral[16];
    snprintf(numeral, sizeof numeral, "%d", rank[i]);
    y += pr_layout_draw_text(L, pg, x, y, w, numeral, &ns);
    pr_paint rp = pr_paint_fill(rule);
    pr_layout_artifact_begin(L);
    pr_doc_rect(doc, pg, (pr_box){x + 2, y + 4 * MM, 26 * MM, 2.4 * MM}, 0, &rp);
    pr_layout_artifact_end(L);
    pr_text_style ts = font_style(r, PR_FONT_TITLE, PR_ALIGN_LEFT, 1.1);
    ts.color = text;
    pr_layout_draw_text(L, pg, x, y + 14 * MM, balanced_width(L, w, title, &ts), title, &ts);
    pr_layout_tag_close(L, head);

    /* where we are: every section's numeral along the foot, this one
     * bright and underlined, each linking to its divider (a navigation
     * aid: the numerals are artifacts, the links are read as links) */
    pr_paint hair = pr_paint_stroke(text, 0.5);
    hair.opacity = 0.35;
    double fy = H - 30 * MM;
    int nav = pr_layout_tag_open(L, PR_TAG_DIV);
    pr_layout_artifact_begin(L);
    pr_doc_line(doc, pg, x, fy, W - x, fy, &hair);
    pr_layout_artifact_end(L);
    pr_text_style qs = font_style(r, PR_FONT_BODY, PR_ALIGN_LEFT, 1.0);
    /* the other numerals dimmed, as far as they stay readable (4.5:1) */
    double dim = 0.5;   /* the share of the background in their colour */
    while (dim > 0 && pr_map_contrast(mix(text, fond, dim), fond) < PR_MAP_MIN_CONTRAST + 0.1)
        dim -= 0.05;
    qs = ts_with(qs, mix(text, fond, dim), 14, PR_STYLE_BOLD);
    double step = 12 * MM;
    for (size_t j = 0; j < r->t->n_sections; j++) {
        if (!rank[j])
            continue;
        char nj[16];
        snprintf(nj, sizeof nj, "%d", rank[j]);
        double nx = x + (double)(rank[j] - 1) * step;
        pr_text_style qj = qs;
        int link = j != i ? pr_layout_tag_open(L, PR_TAG_LINK) : -1;
        pr_layout_artifact_begin(L);
        if (j == i) {
            qj.color = text;
            pr_doc_rect(doc, pg, (pr_box){nx, fy - 1 * MM, 7 * MM, 2 * MM}, 0, &rp);
        }
        pr_layout_draw_text(L, pg, nx, fy + 4 * MM, step, nj, &qj);
        pr_layout_artifact_end(L);
        char aj[32];
        if (j != i)
            pr_layout_link_anchor(L, pg, (pr_box){nx - 1 * MM, fy, step - 2 * MM, 9 * MM},
                                  pr_report_section_anchor(j, aj));
        pr_layout_tag_close(L, link);
    }
    pr_layout_tag_close(L, nav);
    return pg;
}

/* Is a credit line about photographs? Its role (the text before the
 * first colon) mentions "photo" in any case ("Crédits photographiques",
 * "Photos"). */
static int is_photo_credit(const char *line)
{
    const char *end = strchr(line, ':');
    size_t n = end ? (size_t)(end - line) : strlen(line);
    for (size_t i = 0; i + 5 <= n; i++)
        if (!strncasecmp(line + i, "photo", 5))
            return 1;
    return 0;
}

/* The back cover's name, tagline and ways to reach the network, from y on
 * (drawn when draw, else only measured); returns where they end. */
static double back_cover_top(rctx *r, int pg, double x, double y, double w, int draw)
{
    const pr_tpl_component *c = &r->t->back_cover;
    pr_layout *L = r->L;
    pr_rgb fond = r->st->comp.back_cover.background;
    pr_rgb text = r->st->comp.back_cover.text;
    pr_text_style ts = font_style(r, PR_FONT_TITLE, PR_ALIGN_LEFT, 1.0);
    ts = ts_with(ts, text, 34, r->st->fonts[PR_FONT_TITLE].weight);
    char *title = xline(r, P(c, "titre"), NULL);
    y += draw ? pr_layout_draw_text(L, pg, x, y, w, title, &ts)
              : pr_layout_measure_text(L, w, title, &ts);
    free(title);
    char *tag = xline(r, P(c, "accroche"), NULL);
    if (*tag) {
        pr_text_style gs = ts_with(ts, mix(text, fond, 0.18), 15, PR_STYLE_REGULAR);
        gs.leading = 1.2;
        y += 3 * MM + (draw ? pr_layout_draw_text(L, pg, x, y + 3 * MM, w, tag, &gs)
                            : pr_layout_measure_text(L, w, tag, &gs));
    }
    free(tag);
    y += 14 * MM;
    pr_text_style bs = font_style(r, PR_FONT_BODY, PR_ALIGN_LEFT, 1.45);
    bs = ts_with(bs, text, 11, PR_STYLE_REGULAR);
    char *contact = xp(r, P(c, "contact"), NULL);
    pr_prose p = {0};
    pr_prose_split(contact, &p);
    for (size_t i = 0; i < p.n; i++)
        y += 3 * MM + (draw ? pr_layout_draw_text(L, pg, x, y, w * 0.7, p.items[i].text, &bs)
                            : pr_layout_measure_text(L, w * 0.7, p.items[i].text, &bs));
    pr_prose_free(&p);
    free(contact);
    return y;
}

/* The credits of the back cover: their lines (the photo credits only
 * when a photo was drawn). */
typedef struct credits {
    pr_prose p;
    size_t *items;           /* the lines shown, indexes in p */
    size_t n;
} credits;

/* Height of the credits in `cols` columns `cw` wide, `gap` apart, in style
 * cs: the tallest column, the lines filling the columns in order, each
 * column as high as the whole height over cols (then the first columns
 * take what does not divide). */
static double credits_height(rctx *r, const credits *cr, double cw, int cols,
                             const pr_text_style *cs)
{
    double total = 0;
    for (size_t i = 0; i < cr->n; i++)
        total += (i ? 2 * MM : 0) + pr_layout_measure_text(r->L, cw, cr->p.items[cr->items[i]].text, cs);
    if (cols <= 1)
        return total;
    /* fill columns up to a target, raised until every line is placed */
    double target = total / cols;
    for (;;) {
        int col = 0;
        double h = 0, tallest = 0;
        for (size_t i = 0; i < cr->n && col < cols; i++) {
            double ih = pr_layout_measure_text(r->L, cw, cr->p.items[cr->items[i]].text, cs);
            if (h > 0 && h + 2 * MM + ih > target + 0.01) {
                col++;
                h = 0;
                if (col >= cols)
                    break;
            }
            h += (h > 0 ? 2 * MM : 0) + ih;
            if (h > tallest)
                tallest = h;
        }
        if (col < cols)
            return tallest;
        target += 2 * MM;
    }
}

/* Draw the credits in `cols` columns from (x, y), each `cw` wide, as
 * credits_height() placed them. */
static void credits_draw(rctx *r, int pg, const credits *cr, double x, double y, double cw,
                         double gap, int cols, double height, const pr_text_style *cs)
{
    double cy = 0;
    int col = 0;
    for (size_t i = 0; i < cr->n; i++) {
        const char *t = cr->p.items[cr->items[i]].text;
        double ih = pr_layout_measure_text(r->L, cw, t, cs);
        if (cols > 1 && cy > 0 && cy + 2 * MM + ih > height + 0.01 && col + 1 < cols) {
            col++;
            cy = 0;
        }
        if (cy > 0)
            cy += 2 * MM;
        pr_layout_draw_text(r->L, pg, x + col * (cw + gap), y + cy, cw, t, cs);
        cy += ih;
    }
}

static void render_back_cover(rctx *r)
{
    const pr_tpl_component *c = &r->t->back_cover;
    pr_layout *L = r->L;
    /* the back cover follows the last page, whatever its parity: the
     * report is read as a PDF, where a blank page before it reads as a
     * mistake (a printer imposes the pages and adds blanks itself) */
    int pg = pr_layout_free_page(L, PR_PAGE_BACK);
    pr_layout_section(L);
    pr_doc *doc = pr_layout_doc(L);
    double W = r->st->page_w, H = r->st->page_h;
    pr_rgb fond = r->st->comp.back_cover.background;
    pr_rgb text = r->st->comp.back_cover.text;
    pr_rgb accent = r->st->comp.back_cover.accent;
    pr_rgb ink = r->st->roles[PR_ROLE_TEXT];
    double x = 22 * MM, w = W - 44 * MM;
    double top = 40 * MM;

    /* the credits, at the right of the white band at the bottom: the band
     * grows up to the ways to reach the network to hold them, then their
     * type shrinks (down to 6.5 pt), then they go in two columns; what
     * still does not fit is left out, with a warning */
    credits cr = {0};
    char *cred = xp(r, P(c, "credits"), NULL);
    pr_prose_split(cred, &cr.p);
    free(cred);
    cr.items = pr_calloc(cr.p.n ? cr.p.n : 1, sizeof *cr.items);
    for (size_t i = 0; i < cr.p.n; i++)
        if (r->photos_shown || !is_photo_credit(cr.p.items[i].text))
            cr.items[cr.n++] = i;
    pr_text_style bs = font_style(r, PR_FONT_BODY, PR_ALIGN_LEFT, 1.45);
    pr_text_style cs = ts_with(bs, mix(ink, 0xFFFFFF, 0.15), 8.5, PR_STYLE_REGULAR);
    cs.leading = 1.35;
    double cx = x + 78 * MM, cw = W - 22 * MM - cx, gap = 6 * MM;
    double band_pad = 14 * MM, foot = 12 * MM;     /* above and under the credits */
    double band_h = 62 * MM;                        /* white band at the bottom */
    double band_max = H - (back_cover_top(r, pg, x, top + 9 * MM, w, 0) + 8 * MM);
    int cols = 1;
    double ch = credits_height(r, &cr, cw, 1, &cs);
    if (band_pad + ch + foot > band_h)
        band_h = fmin(band_pad + ch + foot, fmax(band_max, band_h));
    while (band_pad + ch + foot > band_h + 0.01 && cs.size > 6.5 + 0.01) {
        cs.size -= 0.5;
        ch = credits_height(r, &cr, cw, 1, &cs);
    }
    if (band_pad + ch + foot > band_h + 0.01) {
        cols = 2;
        ch = credits_height(r, &cr, (cw - gap) / 2, 2, &cs);
    }
    double ccw = cols > 1 ? (cw - gap) / 2 : cw;
    size_t all = cr.n;
    while (cr.n > 0 && band_pad + ch + foot > band_h + 0.01) {
        cr.n--;
        ch = credits_height(r, &cr, ccw, cols, &cs);
    }
    if (cr.n < all)
        pr_warning(r->d, P(c, "credits")->pos, NULL,
                   "crédits trop longs pour la quatrième de couverture : %zu ligne(s) sur %zu "
                   "imprimée(s)", cr.n, all);

    pr_box body = {0, 0, W, H - band_h};
    pr_paint fp = pr_paint_fill(fond);
    pr_layout_artifact_begin(L);
    pr_doc_rect(doc, pg, body, 0, &fp);
    pr_doc_clip(doc, pg, body, 0);
    draw_motif(r, doc, pg, (pr_box){W - 118 * MM, 78 * MM, 150 * MM, 150 * MM}, text, 0.06, 0.22);
    pr_doc_unclip(doc, pg);
    pr_paint ap = pr_paint_fill(accent);
    pr_doc_rect(doc, pg, (pr_box){0, H - band_h - 1.6 * MM, W, 1.6 * MM}, 0, &ap);

    /* name, tagline, the ways to reach the network */
    pr_doc_rect(doc, pg, (pr_box){x, top, 22 * MM, 2.2 * MM}, 0, &ap);
    pr_layout_artifact_end(L);
    back_cover_top(r, pg, x, top + 9 * MM, w, 1);

    /* white band: the ministry block at the left, the credits at the right */
    double by = H - band_h + band_pad;
    char *min = xlines(r, P(c, "ministere"), NULL);
    if (*min)
        draw_ministry(r, pg, x, by, 70 * MM, min, NULL, ink, 10.5);
    free(min);
    credits_draw(r, pg, &cr, cx, by, ccw, gap, cols, ch, &cs);
    pr_prose_free(&cr.p);
    free(cr.items);
}

/* ---- contents --------------------------------------------------------------- */

typedef struct toc_row {
    rctx *r;
    const char *numeral, *title, *anchor;
    pr_text_style ns, ts;
    int rule;                /* a rule under the row */
} toc_row;

/* One contents line of a section: numeral, title, page number; the whole
 * line links to the section (a Link in the section's TOCI, which the
 * caller opens: its headings' TOC goes in it too). */
static void draw_toc_row(pr_layout *L, int page, pr_box box, void *vctx)
{
    toc_row *tr = vctx;
    rctx *r = tr->r;
    pr_doc *doc = pr_layout_doc(L);
    double num_w = 16 * MM, pg_w = 14 * MM;
    int link = pr_layout_tag_open(L, PR_TAG_LINK);
    double th = pr_layout_measure_text(L, box.w - num_w - pg_w, tr->title, &tr->ts);
    double ty = box.y + (box.h - th) / 2;
    double nh = pr_layout_measure_text(L, num_w, tr->numeral, &tr->ns);
    pr_layout_draw_text(L, page, box.x, box.y + (box.h - nh) / 2, num_w, tr->numeral, &tr->ns);
    pr_layout_draw_text(L, page, box.x + num_w, ty, box.w - num_w - pg_w, tr->title, &tr->ts);
    pr_text_style ps = tr->ts;
    ps.align = PR_ALIGN_RIGHT;
    pr_layout_draw_page_ref(L, page, (pr_box){box.x + box.w - pg_w, ty, pg_w, 0}, tr->anchor, &ps);
    if (tr->rule) {
        pr_paint rule = pr_paint_stroke(r->st->comp.contents.rule, 0.6);
        pr_layout_artifact_begin(L);
        pr_doc_line(doc, page, box.x, box.y + box.h, box.x + box.w, box.y + box.h, &rule);
        pr_layout_artifact_end(L);
    }
    pr_layout_link_anchor(L, page, box, tr->anchor);
    pr_layout_tag_close(L, link);
}

/* A section with more level-1 headings than this lists none under its
 * line in the contents (the bookmarks still give them): a contents of
 * hundreds of lines helps nobody, and a year that large would spend its
 * time evaluating them. */
#define TOC_MAX_HEADINGS 12

/* The level-1 headings a section will show, in the order it will render
 * them (their anchors: heading_anchor): the section's headings that
 * plan_components keeps, and those of its groups, item by item; the
 * collection stops past TOC_MAX_HEADINGS. */
typedef struct heads {
    char **titles;
    size_t n, cap;
} heads;

/* One contents line of a heading: its title under the section's, its page
 * at the right, the whole line a link (TOCI > Link). */
typedef struct toc_sub {
    rctx *r;
    const char *title, *anchor;
    pr_text_style ts, ps;
    double th;
} toc_sub;

static void draw_toc_sub(pr_layout *L, int page, pr_box box, void *vctx)
{
    toc_sub *ts = vctx;
    double num_w = 16 * MM, pg_w = 14 * MM;
    int toci = pr_layout_tag_open(L, PR_TAG_TOCI);
    int link = pr_layout_tag_open(L, PR_TAG_LINK);
    double ty = box.y + (box.h - ts->th) / 2;
    pr_layout_draw_text(L, page, box.x + num_w, ty, box.w - num_w - pg_w, ts->title, &ts->ts);
    pr_layout_draw_page_ref(L, page, (pr_box){box.x + box.w - pg_w, ty, pg_w, 0}, ts->anchor,
                            &ts->ps);
    pr_layout_link_anchor(L, page, box, ts->anchor);
    pr_layout_tag_close(L, link);
    pr_layout_tag_close(L, toci);
}

/* The rule closing a section's lines. */
static void draw_toc_rule(pr_layout *L, int page, pr_box box, void *vctx)
{
    rctx *r = vctx;
    pr_paint rule = pr_paint_stroke(r->st->comp.contents.rule, 0.6);
    pr_layout_artifact_begin(L);
    pr_doc_line(pr_layout_doc(L), page, box.x, box.y + box.h, box.x + box.w, box.y + box.h, &rule);
    pr_layout_artifact_end(L);
}

static void render_contents(rctx *r, char **titles, const int *rank, heads *sub)
{
    pr_layout *L = r->L;
    pr_layout_page_break(L);
    pr_layout_set_section(L, "");
    char *ct = xline(r, P(&r->t->contents, "titre"), NULL);
    pr_layout_heading(L, 1, NULL, ct, "sommaire");
    free(ct);
    pr_layout_space(L, 5 * MM);
    toc_row tr = {0};
    tr.r = r;
    tr.ns = font_style(r, PR_FONT_NUMERAL, PR_ALIGN_LEFT, 1.0);
    tr.ns.size = 24;
    tr.ns.color = r->st->comp.contents.numeral;
    tr.ts = font_style(r, PR_FONT_H1, PR_ALIGN_LEFT, 1.2);
    tr.ts.size = r->st->fonts[PR_FONT_H1].size - 3;
    tr.ts.color = r->st->comp.contents.text;
    /* the second level: the sections' level-1 headings */
    toc_sub ts = {0};
    ts.r = r;
    ts.ts = font_style(r, PR_FONT_BODY, PR_ALIGN_LEFT, 1.2);
    ts.ts.size = r->st->fonts[PR_FONT_BODY].size - 0.5;
    ts.ts.color = r->st->comp.contents.text;
    ts.ps = ts.ts;
    ts.ps.align = PR_ALIGN_RIGHT;
    ts.ps.color = r->st->roles[PR_ROLE_MUTED];
    double w = pr_layout_frame(L).w;
    int toc = pr_layout_tag_open(L, PR_TAG_TOC);
    for (size_t i = 0; i < r->t->n_sections; i++) {
        if (!rank[i])
            continue;
        char anchor[32], numeral[16];
        snprintf(numeral, sizeof numeral, "%d", rank[i]);
        tr.numeral = numeral;
        tr.title = titles[i];
        tr.anchor = pr_report_section_anchor(i, anchor);
        tr.rule = sub[i].n == 0;
        double th = pr_layout_measure_text(L, w - 30 * MM, titles[i], &tr.ts);
        double h = th + (sub[i].n ? 3 : 5) * MM;
        if (h < (sub[i].n ? 9 : 12) * MM)
            h = (sub[i].n ? 9 : 12) * MM;
        int toci = pr_layout_tag_open(L, PR_TAG_TOCI);
        if (sub[i].n)
            pr_layout_keep_begin(L);   /* the section's line with its first heading */
        pr_layout_custom(L, h, draw_toc_row, &tr);
        if (sub[i].n) {
            int subtoc = pr_layout_tag_open(L, PR_TAG_TOC);
            for (size_t j = 0; j < sub[i].n; j++) {
                char ha[48];
                ts.title = sub[i].titles[j];
                ts.anchor = heading_anchor(i, (int)j, ha);
                ts.th = pr_layout_measure_text(L, w - 30 * MM, ts.title, &ts.ts);
                pr_layout_custom(L, ts.th + 0.8 * MM, draw_toc_sub, &ts);
                if (j == 0)
                    pr_layout_keep_end(L);
            }
            pr_layout_tag_close(L, subtoc);
            pr_layout_custom(L, 2.5 * MM, draw_toc_rule, r);
        }
        pr_layout_tag_close(L, toci);
    }
    pr_layout_tag_close(L, toc);
}

/* ---- key figures ------------------------------------------------------------ */

typedef struct fig_tile {
    char *before, *value, *label;
    char *after;              /* `apres`: a line under the label (the
                                 comparison with the year before) */
} fig_tile;

typedef struct fig_row {
    rctx *r;
    fig_tile *tiles;
    size_t n;
    int cols;
    pr_text_style bs, vs, ls, as;
    double pad;
    double before_h;          /* band above the values (row's tallest "avant") */
} fig_row;

/* The line under a key figure's label (its comparison with the year
 * before): smaller, in the muted colour when it reads on `bg` (4.5:1),
 * else in the text colour. */
static pr_text_style after_style(rctx *r, pr_rgb bg)
{
    pr_text_style ts = font_style(r, PR_FONT_BODY, PR_ALIGN_LEFT, 1.25);
    ts.size = r->st->fonts[PR_FONT_CAPTION].size;
    pr_rgb muted = r->st->roles[PR_ROLE_MUTED];
    ts.color = pr_map_contrast(muted, bg) >= PR_MAP_MIN_CONTRAST ? muted : r->st->roles[PR_ROLE_TEXT];
    return ts;
}

/* Draw one row of key-figure tiles in `box`. */
static void draw_fig_row(pr_layout *L, int page, pr_box box, void *vctx)
{
    fig_row *fr = vctx;
    rctx *r = fr->r;
    pr_doc *doc = pr_layout_doc(L);
    double gut = pr_layout_get_style(L)->gutter;
    double cw = (box.w - gut * (fr->cols - 1)) / fr->cols;
    pr_rgb bg = r->st->comp.key_figures.background;
    pr_rgb accent = r->st->comp.key_figures.accent;
    for (size_t k = 0; k < fr->n; k++) {
        pr_box b = {box.x + (double)k * (cw + gut), box.y, cw, box.h};
        pr_paint p = pr_paint_fill(bg);
        pr_layout_artifact_begin(L);
        pr_doc_rect(doc, page, b, pr_layout_get_style(L)->radius, &p);
        pr_paint ap = pr_paint_fill(accent);
        pr_doc_rect(doc, page, (pr_box){b.x + fr->pad, b.y + fr->pad, 9 * MM, 1.3 * MM}, 0, &ap);
        pr_layout_artifact_end(L);
        int li = pr_layout_tag_open(L, PR_TAG_LI), lbody = pr_layout_tag_open(L, PR_TAG_LBODY);
        double y = b.y + fr->pad + 4 * MM;
        double tw = cw - 2 * fr->pad;
        /* the values of a row share a baseline: a small text above one of
         * them sits in a band kept for it in every tile */
        if (*fr->tiles[k].before) {
            double bh = pr_layout_measure_text(L, tw, fr->tiles[k].before, &fr->bs);
            pr_layout_draw_text(L, page, b.x + fr->pad, y + fr->before_h - bh, tw,
                                fr->tiles[k].before, &fr->bs);
        }
        y += fr->before_h;
        y += pr_layout_draw_text(L, page, b.x + fr->pad, y, tw, fr->tiles[k].value, &fr->vs);
        y += 1.5 * MM;
        y += pr_layout_draw_text(L, page, b.x + fr->pad, y, tw, fr->tiles[k].label, &fr->ls);
        if (*fr->tiles[k].after)
            pr_layout_draw_text(L, page, b.x + fr->pad, y + 1 * MM, tw, fr->tiles[k].after, &fr->as);
        pr_layout_tag_close(L, lbody);
        pr_layout_tag_close(L, li);
    }
}

/* The key-figure tiles of a `tuiles` list whose `si` holds: value (in its
 * format), the small text above it and the label. Returns their number. */
static size_t figure_tiles(rctx *r, const pr_tpl_param *tp, fig_tile **out)
{
    *out = NULL;
    if (!tp || !tp->n_list)
        return 0;
    fig_tile *tiles = pr_calloc(tp->n_list, sizeof *tiles);
    size_t n = 0;
    for (size_t li = 0; li < tp->n_list; li++) {
        const pr_tpl_params *ps = &tp->list[li];
        const pr_tpl_param *cond = pr_tpl_param_get(ps, "si");
        pr_tpl_ctx cx = ctx_of(r, NULL);
        if (cond && cond->text && !pr_tpl_cond_true(cond->text, &cx, r->d))
            continue;
        size_t i = n++;
        const pr_tpl_param *id = pr_tpl_param_get(ps, "chiffre");
        const pr_tpl_param *fmt = pr_tpl_param_get(ps, "format");
        const pr_figure *fig = id ? pr_figures_get(r->f, id->word) : NULL;
        long v = fig ? fig->value : 0;
        if (fmt && !strcmp(fmt->word, "ordinal"))
            tiles[i].value = pr_format_ordinal_markup(v, 0);
        else if (fmt && !strcmp(fmt->word, "ordinal_f"))
            tiles[i].value = pr_format_ordinal_markup(v, 1);
        else
            tiles[i].value = pr_format_int(v);
        tiles[i].before = xline(r, pr_tpl_param_get(ps, "avant"), NULL);
        tiles[i].label = xline(r, pr_tpl_param_get(ps, "texte"), NULL);
        tiles[i].after = xline(r, pr_tpl_param_get(ps, "apres"), NULL);
    }
    *out = tiles;
    return n;
}

static void figure_tiles_free(fig_tile *tiles, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(tiles[i].before);
        free(tiles[i].value);
        free(tiles[i].label);
        free(tiles[i].after);
    }
    free(tiles);
}

static void render_key_figures(rctx *r, const pr_tpl_component *c)
{
    pr_layout *L = r->L;
    char *title = xline(r, P(c, "titre"), NULL);
    if (*title)
        pr_layout_heading(L, 3, NULL, title, NULL);
    free(title);
    const pr_tpl_param *cp = P(c, "colonnes");
    int cols = cp && cp->number >= 1 ? (int)cp->number : 3;
    fig_tile *tiles;
    size_t n = figure_tiles(r, P(c, "tuiles"), &tiles);
    if (!n) {
        free(tiles);
        return;
    }
    fig_row fr = {0};
    fr.r = r;
    fr.cols = cols;
    fr.pad = 4 * MM;
    pr_rgb fc = r->st->comp.key_figures.figure;
    fr.vs = font_style(r, PR_FONT_FIGURE, PR_ALIGN_LEFT, 1.05);
    fr.vs.color = fc;
    fr.bs = font_style(r, PR_FONT_BODY, PR_ALIGN_LEFT, 1.2);
    fr.bs = ts_with(fr.bs, fc, r->st->fonts[PR_FONT_BODY].size, PR_STYLE_BOLD);
    fr.ls = font_style(r, PR_FONT_BODY, PR_ALIGN_LEFT, 1.3);
    fr.ls.color = r->st->comp.key_figures.text;
    fr.ls.size = r->st->fonts[PR_FONT_BODY].size - 0.5;
    fr.as = after_style(r, r->st->comp.key_figures.background);
    double gut = pr_layout_get_style(L)->gutter;
    double cw = (pr_layout_frame(L).w - gut * (cols - 1)) / cols;
    double tw = cw - 2 * fr.pad;
    pr_layout_space(L, 4);
    int list = pr_layout_tag_open(L, PR_TAG_L);
    /* a last row with fewer figures than the others does not go alone to
     * the next page: it is kept with the row before (as the rows of a grid
     * of cards, layout.h) */
    size_t rows = (n + (size_t)cols - 1) / (size_t)cols;
    int keep_last = rows >= 2 && n % (size_t)cols != 0;
    for (size_t i = 0; i < n; i += (size_t)cols) {
        size_t m = n - i < (size_t)cols ? n - i : (size_t)cols;
        size_t row = i / (size_t)cols;
        double h = 0;
        fr.before_h = 0;
        for (size_t k = 0; k < m; k++)
            if (*tiles[i + k].before)
                fr.before_h = fmax(fr.before_h, pr_layout_measure_text(L, tw, tiles[i + k].before, &fr.bs));
        for (size_t k = 0; k < m; k++) {
            double th = 2 * fr.pad + 4 * MM + fr.before_h;
            th += pr_layout_measure_text(L, tw, tiles[i + k].value, &fr.vs);
            th += 1.5 * MM + pr_layout_measure_text(L, tw, tiles[i + k].label, &fr.ls);
            if (*tiles[i + k].after)
                th += 1 * MM + pr_layout_measure_text(L, tw, tiles[i + k].after, &fr.as);
            if (th > h)
                h = th;
        }
        fr.tiles = &tiles[i];
        fr.n = m;
        if (i > 0)
            pr_layout_space(L, gut);
        if (keep_last && row + 2 == rows)
            pr_layout_keep_begin(L);
        pr_layout_custom(L, h, draw_fig_row, &fr);
        if (keep_last && row + 1 == rows)
            pr_layout_keep_end(L);
    }
    pr_layout_tag_close(L, list);
    pr_layout_space(L, 8);
    figure_tiles_free(tiles, n);
}

/* ---- under the contents: the year at a glance, how to read -------------- */

typedef struct glance_row {
    fig_tile *tiles;
    size_t n;
    pr_text_style vs, ls;
    pr_rgb rule;
    pr_text_style as;
} glance_row;

/* A row of figures without tiles: big value over a short label, thin
 * vertical rules between the columns. */
static void draw_glance_row(pr_layout *L, int page, pr_box box, void *vctx)
{
    glance_row *g = vctx;
    pr_doc *doc = pr_layout_doc(L);
    double cw = box.w / (double)g->n, pad = 3 * MM;
    pr_paint rule = pr_paint_stroke(g->rule, 0.6);
    int list = pr_layout_tag_open(L, PR_TAG_L);
    for (size_t k = 0; k < g->n; k++) {
        double x = box.x + (double)k * cw;
        pr_layout_artifact_begin(L);
        if (k > 0)
            pr_doc_line(doc, page, x, box.y + 1 * MM, x, box.y + box.h - 1 * MM, &rule);
        pr_layout_artifact_end(L);
        int li = pr_layout_tag_open(L, PR_TAG_LI), lbody = pr_layout_tag_open(L, PR_TAG_LBODY);
        double px = k > 0 ? x + pad : x, w = cw - pad - (k > 0 ? pad : 0);
        double y = box.y;
        if (*g->tiles[k].before)
            y += pr_layout_draw_text(L, page, px, y, w, g->tiles[k].before, &g->ls);
        y += pr_layout_draw_text(L, page, px, y, w, g->tiles[k].value, &g->vs);
        y += 1 * MM + pr_layout_draw_text(L, page, px, y + 1 * MM, w, g->tiles[k].label, &g->ls);
        if (*g->tiles[k].after)
            pr_layout_draw_text(L, page, px, y + 0.8 * MM, w, g->tiles[k].after, &g->as);
        pr_layout_tag_close(L, lbody);
        pr_layout_tag_close(L, li);
    }
    pr_layout_tag_close(L, list);
}

/* Under the contents lines: the `chiffres` of the contents component in
 * one row, then the boxed note (`texte` or `bloc`, titled
 * `titre_encadre`). Both are optional. */
static void render_contents_extras(rctx *r)
{
    const pr_tpl_component *c = &r->t->contents;
    pr_layout *L = r->L;
    fig_tile *tiles;
    size_t n = figure_tiles(r, P(c, "chiffres"), &tiles);
    /* the figures and the note go together: the note does not go alone to
     * a page of its own after the contents */
    if (n) {
        pr_layout_space(L, 10 * MM);
        pr_layout_keep_begin(L);
        pr_layout_keep_begin(L);
        char *title = xline(r, P(c, "titre_chiffres"), NULL);
        if (*title)
            pr_layout_heading(L, 3, NULL, title, NULL);
        free(title);
        pr_layout_space(L, 3 * MM);
        glance_row g = {tiles, n, {0}, {0}, r->st->comp.contents.rule, {0}};
        g.vs = font_style(r, PR_FONT_FIGURE, PR_ALIGN_LEFT, 1.05);
        g.vs.size = r->st->fonts[PR_FONT_FIGURE].size * 0.8;
        g.vs.color = r->st->comp.key_figures.figure;
        g.ls = font_style(r, PR_FONT_BODY, PR_ALIGN_LEFT, 1.3);
        g.ls.size = r->st->fonts[PR_FONT_CAPTION].size + 0.5;
        g.as = after_style(r, PR_RGB(0xFF, 0xFF, 0xFF));
        double cw = pr_layout_frame(L).w / (double)n, h = 0;
        for (size_t k = 0; k < n; k++) {
            double w = cw - (k > 0 ? 6 * MM : 3 * MM), th = 1 * MM;
            if (*tiles[k].before)
                th += pr_layout_measure_text(L, w, tiles[k].before, &g.ls);
            th += pr_layout_measure_text(L, w, tiles[k].value, &g.vs);
            th += pr_layout_measure_text(L, w, tiles[k].label, &g.ls);
            if (*tiles[k].after)
                th += 1.8 * MM + pr_layout_measure_text(L, w, tiles[k].after, &g.as);
            if (th > h)
                h = th;
        }
        pr_layout_custom(L, h, draw_glance_row, &g);
        pr_layout_keep_end(L);
    }
    figure_tiles_free(tiles, n);
    const pr_tpl_param *tp = P(c, "texte");
    if (!tp)
        tp = P(c, "bloc");
    char *text = xp(r, tp, NULL);
    char *title = xline(r, P(c, "titre_encadre"), NULL);
    pr_prose p = {0};
    pr_prose_split(text, &p);
    if (p.n || *title) {
        pr_layout_space(L, 9 * MM);
        pr_box_style bs = {r->st->comp.callout.background, PR_RGB_NONE,
                           r->st->comp.callout.border, 0, 1};
        pr_layout_box_begin(L, &bs);
        if (*title) {
            pr_text_style ts = font_style(r, PR_FONT_H2, PR_ALIGN_LEFT, 1.25);
            ts.color = r->st->comp.callout.title;
            ts.space_after = 4;
            pr_layout_paragraph(L, title, &ts);
        }
        pr_text_style body = pr_layout_text_style(L, 0);
        body.align = PR_ALIGN_LEFT;
        body.size -= 0.5;
        render_prose(r, text, &body);
        pr_layout_box_end(L);
    }
    if (n)
        pr_layout_keep_end(L);
    pr_prose_free(&p);
    free(title);
    free(text);
}

/* ---- cards and tiles ----------------------------------------------------------- */

typedef struct card_buf {
    pr_card *cards;
    char **strings;           /* to free */
    size_t n_strings, cap_strings;
    char ***bullet_arrays;
    size_t n_arrays, cap_arrays;
} card_buf;

static char *keep(card_buf *cb, char *s)
{
    PR_PUSH(cb->strings, cb->n_strings, cb->cap_strings, s);
    return s;
}

static void card_buf_free(card_buf *cb, size_t n)
{
    for (size_t i = 0; i < cb->n_strings; i++)
        free(cb->strings[i]);
    free(cb->strings);
    for (size_t i = 0; i < cb->n_arrays; i++)
        free(cb->bullet_arrays[i]);
    free(cb->bullet_arrays);
    free(cb->cards);
    (void)n;
}

/* Fill a card's body and bullets from prose. */
static void card_prose(card_buf *cb, pr_card *card, char *text)
{
    char *body;
    char **bl;
    size_t nb;
    prose_for_card(text, &body, &bl, &nb);
    free(text);
    card->body = body ? keep(cb, body) : NULL;
    for (size_t k = 0; k < nb; k++)
        keep(cb, bl[k]);
    if (nb) {
        PR_PUSH(cb->bullet_arrays, cb->n_arrays, cb->cap_arrays, bl);
        card->bullets = (const char *const *)bl;
        card->n_bullets = nb;
    } else {
        free(bl);
    }
}

static void render_tiles(rctx *r, const pr_tpl_component *c)
{
    const pr_mvalue **items;
    size_t n = source_items(r, c, &items);
    if (!n) {
        free(items);
        return;
    }
    card_buf cb = {0};
    cb.cards = pr_calloc(n, sizeof *cb.cards);
    pr_rgb accent = r->st->comp.tiles.accent;
    pr_rgb tag = r->st->comp.tiles.label;
    for (size_t i = 0; i < n; i++) {
        at_item(r, i, n);
        pr_card *k = &cb.cards[i];
        char *num = xline(r, P(c, "numero"), items[i]);
        char *title = xline(r, P(c, "titre"), items[i]);
        char *label = xline(r, P(c, "etiquette"), items[i]);
        char *col = xline(r, P(c, "couleur"), items[i]);
        k->badge = *num ? keep(&cb, num) : (free(num), NULL);
        k->title = *title ? keep(&cb, title) : (free(title), NULL);
        k->color = *label ? tag : accent;
        if (*col) {
            pr_rgb x;
            if (pr_tpl_style_color(r->st, col, &x))
                pr_template_error(r->d, P(c, "couleur")->pos, NULL,
                         "couleur inconnue « %s » : ni une couleur de la palette, ni #RRGGBB", col);
            else
                k->color = x;
        }
        free(col);
        if (*label) {
            char *sub = pr_asprintf("**%s**", label);
            k->subtitle = keep(&cb, sub);
        }
        free(label);
        card_prose(&cb, k, xp(r, P(c, "texte"), items[i]));
    }
    const pr_tpl_param *cp = P(c, "colonnes");
    int cols = cp && cp->number >= 1 ? (int)cp->number : 2;
    pr_cards_style cs = {cols, PR_CARD_BAND, 0, 0, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(r->L, cb.cards, n, &cs);
    r->grids++;
    card_buf_free(&cb, n);
    free(items);
}

static void render_people(rctx *r, const pr_tpl_component *c)
{
    const pr_mvalue **items;
    size_t n = source_items(r, c, &items);
    if (!n) {
        free(items);
        return;
    }
    card_buf cb = {0};
    cb.cards = pr_calloc(n, sizeof *cb.cards);
    pr_rgb disc = r->st->comp.people.disc;
    for (size_t i = 0; i < n; i++) {
        at_item(r, i, n);
        pr_card *k = &cb.cards[i];
        char *name = xline(r, P(c, "nom"), items[i]);
        char *ini = xline(r, P(c, "initiales"), items[i]);
        char *photo = xline(r, P(c, "photo"), items[i]);
        char *lines = xlines(r, P(c, "lignes"), items[i]);
        k->title = keep(&cb, name);
        char *path = photo_path(r, photo);
        const pr_image *pixels = NULL;
        if (path) {
            /* decoded when the data was checked (the same words, at the same
             * place, are reported once): a photo that cannot be drawn leaves
             * the initials */
            const char *why = NULL;
            pixels = pr_image_load(path, &why);
            if (!pixels) {
                pr_pos pos;
                if (!pr_mvalue_pos(items[i], "photo", &pos))
                    pos = P(c, "photo")->pos;
                pr_warning(r->d, pos, NULL,
                           "photo « %s » inutilisable (%s) : initiales à la place", photo, why);
            }
            free(path);
        }
        free(photo);
        if (pixels) {
            k->image = pixels;
            r->photos_shown = 1;
        }
        else
            k->badge = *ini ? keep(&cb, ini) : NULL;
        if (pixels || !*ini)
            free(ini);
        k->body = *lines ? keep(&cb, lines) : (free(lines), NULL);
        k->color = disc;
    }
    const pr_tpl_param *cp = P(c, "colonnes");
    int cols = cp && cp->number >= 1 ? (int)cp->number : 4;
    /* narrow cards: the disc above the centred name; wide ones (two
     * columns or fewer): the disc beside left-aligned lines */
    pr_cards_style cs = {cols, cols <= 2 ? PR_CARD_SIDE : PR_CARD_FILLED, 0, 0,
                         cols <= 2 ? PR_ALIGN_LEFT : PR_ALIGN_CENTER, 0, 0};
    pr_layout_cards(r->L, cb.cards, n, &cs);
    r->grids++;
    card_buf_free(&cb, n);
    free(items);
}

/* A table whose columns are the source's items, drawn as a row of cards
 * with the column heading in a coloured band and the content as bullets
 * (hanging indents) under it. */
static void render_columns_table(rctx *r, const pr_tpl_component *c)
{
    const pr_mvalue **items;
    size_t n = source_items(r, c, &items);
    if (!n) {
        free(items);
        return;
    }
    card_buf cb = {0};
    cb.cards = pr_calloc(n, sizeof *cb.cards);
    pr_rgb head = r->st->comp.columns.header_background;
    for (size_t i = 0; i < n; i++) {
        at_item(r, i, n);
        pr_card *k = &cb.cards[i];
        char *title = xline(r, P(c, "entete"), items[i]);
        k->title = *title ? keep(&cb, title) : (free(title), NULL);
        k->color = head;
        card_prose(&cb, k, xp(r, P(c, "contenu"), items[i]));
    }
    int cols = n < 4 ? (int)n : 4;
    pr_cards_style cs = {cols, PR_CARD_HEADER, r->st->fonts[PR_FONT_BODY].size, 0,
                         PR_ALIGN_LEFT, 0, 0};
    pr_layout_columns(r->L, cb.cards, n, &cs);
    card_buf_free(&cb, n);
    free(items);
}

/* ---- dated lists and the month-by-month timeline ------------------------------ */

typedef struct tl_buf {
    pr_timeline_entry *e;
    size_t n, cap;
    char **strings;
    size_t n_strings, cap_strings;
    const char ***arrays;
    size_t n_arrays, cap_arrays;
} tl_buf;

static const char *tl_keep(tl_buf *b, char *s)
{
    PR_PUSH(b->strings, b->n_strings, b->cap_strings, s);
    return s;
}

/* An entry from a date, a title and prose (body + bullets). */
static void tl_add(tl_buf *b, char *date, char *title, char *prose, pr_rgb color)
{
    pr_timeline_entry e = {0};
    e.date = tl_keep(b, date);
    e.title = *title ? tl_keep(b, title) : (free(title), NULL);
    char *body;
    char **bl;
    size_t nb;
    prose_for_card(prose, &body, &bl, &nb);
    free(prose);
    e.body = body ? tl_keep(b, body) : NULL;
    for (size_t k = 0; k < nb; k++)
        tl_keep(b, bl[k]);
    if (nb) {
        const char **arr = (const char **)bl;
        PR_PUSH(b->arrays, b->n_arrays, b->cap_arrays, arr);
        e.bullets = arr;
        e.n_bullets = nb;
    } else {
        free(bl);
    }
    e.color = color;
    PR_PUSH(b->e, b->n, b->cap, e);
}

static void tl_free(tl_buf *b)
{
    for (size_t i = 0; i < b->n_strings; i++)
        free(b->strings[i]);
    free(b->strings);
    for (size_t i = 0; i < b->n_arrays; i++)
        free((void *)b->arrays[i]);
    free(b->arrays);
    free(b->e);
}

static void render_dated_list(rctx *r, const pr_tpl_component *c)
{
    const pr_mvalue **items;
    size_t n = source_items(r, c, &items);
    tl_buf b = {0};
    pr_rgb col = r->st->comp.dated_list.date_background;
    for (size_t i = 0; i < n; i++) {
        at_item(r, i, n);
        tl_add(&b, xline(r, P(c, "date"), items[i]), xline(r, P(c, "titre"), items[i]),
               xp(r, P(c, "texte"), items[i]), col);
    }
    /* a short list stays on one page */
    int keep = b.n > 0 && b.n <= 6;
    if (keep)
        pr_layout_keep_begin(r->L);
    if (b.n)
        pr_layout_timeline(r->L, b.e, b.n);
    if (keep)
        pr_layout_keep_end(r->L);
    tl_free(&b);
    free(items);
}

typedef struct tl_item {
    pr_date date;
    size_t order;
    const pr_tpl_params *src;
    pr_mvalue item;          /* a copy: the source's items are freed */
} tl_item;

static int tl_cmp(const void *a, const void *b)
{
    const tl_item *x = a, *y = b;
    int c = date_cmp(x->date, y->date);
    if (c)
        return c;
    return (x->order > y->order) - (x->order < y->order);
}

/* The timeline's items of the year, in date order (*out malloc'ed). */
static size_t timeline_items(rctx *r, const pr_tpl_component *c, tl_item **out)
{
    const pr_tpl_param *sp = P(c, "sources");
    tl_item *all = NULL;
    size_t n = 0, cap = 0;
    for (size_t s = 0; sp && s < sp->n_list; s++) {
        const pr_tpl_params *ps = &sp->list[s];
        const pr_tpl_param *src = pr_tpl_param_get(ps, "source");
        const pr_tpl_param *df = pr_tpl_param_get(ps, "date");
        if (!src || !src->path || !df || !df->path)
            continue;
        const pr_mvalue **items;
        pr_tpl_ctx cx = ctx_of(r, NULL);
        size_t m = pr_tpl_path_items(src->path, &cx, &items);
        const pr_tpl_param *fp = pr_tpl_param_get(ps, "filtre");
        for (size_t i = 0; i < m; i++) {
            pr_tpl_ctx ix = ctx_of(r, items[i]);
            if (fp && fp->text && !pr_tpl_cond_true(fp->text, &ix, r->d))
                continue;
            pr_mvalue dv = pr_tpl_path_value(df->path, &ix);
            if (dv.kind != PR_MV_DATE)
                continue;
            pr_date dt = dv.v.date;
            if (dt.year != r->m->report.year || dt.month == 0)
                continue;
            tl_item ti = {dt, n, ps, *items[i]};
            PR_PUSH(all, n, cap, ti);
        }
        free(items);
    }
    if (n)   /* qsort needs a non-null array, even for 0 items */
        qsort(all, n, sizeof *all, tl_cmp);
    *out = all;
    return n;
}

static size_t timeline_entries(rctx *r, const pr_tpl_component *c)
{
    tl_item *all;
    size_t n = timeline_items(r, c, &all);
    free(all);
    return n;
}

static void render_timeline(rctx *r, const pr_tpl_component *c)
{
    tl_item *all;
    size_t n = timeline_items(r, c, &all);
    tl_buf b = {0};
    int prev_month = 0;
    for (size_t i = 0; i < n; i++) {
        const pr_tpl_params *ps = all[i].src;
        char *date;
        if (all[i].date.month != prev_month) {
            char *mn = pr_format_capitalize(pr_date_month_name(all[i].date.month));   /* 1..12 */
            date = pr_asprintf("%s", mn);
            free(mn);
            prev_month = all[i].date.month;
        } else {
            date = pr_strdup("");
        }
        pr_rgb col = r->st->roles[PR_ROLE_PRIMARY];
        const pr_tpl_param *cp = pr_tpl_param_get(ps, "couleur");
        if (cp)
            col = cp->color;
        char *label = xline(r, pr_tpl_param_get(ps, "etiquette"), &all[i].item);
        char *title = xline(r, pr_tpl_param_get(ps, "titre"), &all[i].item);
        char *text = xp(r, pr_tpl_param_get(ps, "texte"), &all[i].item);
        /* a small italic line first: the label, and the day when known */
        char *day = all[i].date.day ? pr_format_date(0, all[i].date.month, all[i].date.day)
                                    : pr_strdup("");
        char *t2;
        const char *sep = *text ? " – " : "";
        if (*label && *day)
            t2 = pr_asprintf("*%s, %s*%s%s", label, day, sep, text);
        else if (*label || *day)
            t2 = pr_asprintf("*%s*%s%s", *label ? label : day, sep, text);
        else
            t2 = pr_strdup(text);
        free(day);
        free(text);
        free(label);
        tl_add(&b, date, title, t2, col);
    }
    /* the closing word, as a last entry of the line */
    char *suite = xline(r, P(c, "suite"), NULL);
    if (*suite)
        tl_add(&b, pr_strdup(""), suite, pr_strdup(""),
               r->st->comp.timeline.disc);
    else
        free(suite);
    if (b.n)
        pr_layout_timeline(r->L, b.e, b.n);
    tl_free(&b);
    free(all);
}

/* ---- other components --------------------------------------------------------- */

static void render_quotes(rctx *r, const pr_tpl_component *c)
{
    const pr_mvalue **items;
    size_t n = source_items(r, c, &items);
    for (size_t i = 0; i < n; i++) {
        at_item(r, i, n);
        char *t = xline(r, P(c, "texte"), items[i]);
        char *a = xline(r, P(c, "auteur"), items[i]);
        if (*t)
            pr_layout_quote(r->L, t, *a ? a : NULL);
        free(t);
        free(a);
    }
    free(items);
}

static void render_callout(rctx *r, const pr_tpl_component *c)
{
    const pr_mvalue **items;
    size_t n = source_items(r, c, &items);
    const pr_tpl_param *tp = P(c, "texte");
    if (!tp)
        tp = P(c, "bloc");
    pr_rgb fill = r->st->comp.callout.background;
    pr_rgb bar = r->st->comp.callout.border;
    const pr_tpl_param *cp = P(c, "couleur");
    if (cp)
        bar = cp->color;
    for (size_t i = 0; i < n; i++) {
        at_item(r, i, n);
        char *title = xline(r, P(c, "titre"), items[i]);
        char *text = xp(r, tp, items[i]);
        pr_prose p = {0};
        pr_prose_split(text, &p);
        if (*title || p.n) {
            pr_box_style bs = {fill, PR_RGB_NONE, bar, 0, 1};
            pr_layout_box_begin(r->L, &bs);
            if (*title) {
                pr_text_style ts = font_style(r, PR_FONT_H2, PR_ALIGN_LEFT, 1.25);
                ts.color = r->st->comp.callout.title;
                ts.space_after = 4;
                pr_layout_paragraph(r->L, title, &ts);
            }
            pr_text_style body = pr_layout_text_style(r->L, 0);
            body.align = PR_ALIGN_LEFT;
            render_prose(r, text, &body);
            pr_layout_box_end(r->L);
        }
        pr_prose_free(&p);
        free(title);
        free(text);
    }
    free(items);
}

typedef struct map_ctx {
    rctx *r;
    char *title;
    const char *kind;
    pr_map_info info;      /* what the map drew */
} map_ctx;

/* Draw one of the maps (map.h) into the reserved block. */
static void draw_map(pr_layout *L, int page, pr_box box, void *vctx)
{
    map_ctx *mc = vctx;
    rctx *r = mc->r;
    pr_doc *doc = pr_layout_doc(L);
    pr_paint bg = pr_paint_fill(r->st->comp.map.background);
    bg.stroke = r->st->comp.map.border;
    bg.line_width = 0.6;
    pr_layout_artifact_begin(L);
    pr_doc_rect(doc, page, box, pr_layout_get_style(L)->radius, &bg);
    pr_layout_artifact_end(L);
    /* the map is a figure, said in words from the same data */
    int fig = pr_layout_tag_open(L, PR_TAG_FIGURE);
    char *alt = !strcmp(mc->kind, "elus") ? pr_map_officials_alt(r->m) : pr_map_networks_alt(r->m);
    pr_doc_node_alt(doc, fig, alt);
    free(alt);
    pr_map_style ms = pr_map_style_for(doc, r->env->fonts);
    ms.text = r->st->roles[PR_ROLE_TEXT];
    ms.muted = r->st->comp.map.text;
    ms.marker = r->st->roles[PR_ROLE_PRIMARY];
    ms.title = mc->title;
    ms.title_size = r->st->fonts[PR_FONT_H2].size;
    ms.label_size = r->st->fonts[PR_FONT_CAPTION].size;
    pr_box inner = {box.x + 8, box.y + 8, box.w - 16, box.h - 16};
    if (!strcmp(mc->kind, "elus"))
        pr_map_officials(doc, page, inner, r->m, &ms, &mc->info);
    else
        pr_map_networks(doc, page, inner, r->m, r->f, &ms, &mc->info);
    pr_layout_tag_close(L, fig);
}

/* ---- the key figures over the years (chart.h) ---------------------------- */
typedef struct evolution_ctx {
    rctx *r;
    pr_chart_row rows[PR_CHART_MAX_ROWS];
    size_t n;
    char *labels[PR_CHART_MAX_ROWS];
    char *title, *source;
    pr_chart_style st;
} evolution_ctx;

/* A template text drawn as it is by the chart: French typography applied
 * (apostrophes, spaces before « : »); takes s. */
static char *typo_line(char *s)
{
    char *t = pr_typo_fr(s);
    free(s);
    return t;
}

/* The chart's rows and texts from the component's parameters. */
static void evolution_begin(rctx *r, const pr_tpl_component *c, evolution_ctx *ec)
{
    memset(ec, 0, sizeof *ec);
    ec->r = r;
    const pr_tpl_param *lp = P(c, "chiffres");
    for (size_t i = 0; lp && i < lp->n_list && ec->n < PR_CHART_MAX_ROWS; i++) {
        const pr_tpl_param *id = pr_tpl_param_get(&lp->list[i], "chiffre");
        const pr_figure_def *def = id ? pr_figure_def_find(id->word) : NULL;
        /* a figure with no earlier value would be a row of « n.d. »: the
           next candidate takes its place */
        if (!def || !r->env->history || !pr_history_figure_has_past(r->env->history, def->key))
            continue;
        ec->labels[ec->n] = typo_line(xline(r, pr_tpl_param_get(&lp->list[i], "libelle"), NULL));
        ec->rows[ec->n].id = def->key;
        ec->rows[ec->n].label = ec->labels[ec->n];
        ec->n++;
    }
    ec->title = P(c, "titre") ? typo_line(xline(r, P(c, "titre"), NULL)) : NULL;
    ec->source = P(c, "source") ? typo_line(xline(r, P(c, "source"), NULL)) : NULL;
    /* the measures of the layout's fonts; faces are given when drawing */
    ec->st = pr_chart_style_default(0, 0);
    ec->st.text = r->st->roles[PR_ROLE_TEXT];
    ec->st.muted = r->st->roles[PR_ROLE_MUTED];
    ec->st.bar = r->st->roles[PR_ROLE_PRIMARY];
    ec->st.bar_past = mix(r->st->roles[PR_ROLE_PRIMARY], PR_RGB(0xFF, 0xFF, 0xFF), 0.45);
    ec->st.title_size = r->st->fonts[PR_FONT_H2].size;
    ec->st.label_size = r->st->fonts[PR_FONT_CAPTION].size + 0.5;
    ec->st.title = ec->title;
    ec->st.source = ec->source;
}

static void evolution_end(evolution_ctx *ec)
{
    for (size_t i = 0; i < ec->n; i++)
        free(ec->labels[i]);
    free(ec->title);
    free(ec->source);
}

/* Draw the chart into the reserved block: a figure, said in words. */
static void draw_evolution(pr_layout *L, int page, pr_box box, void *vctx)
{
    evolution_ctx *ec = vctx;
    pr_doc *doc = pr_layout_doc(L);
    pr_chart_style st = pr_chart_style_for(doc, ec->r->env->fonts);
    pr_chart_style own = ec->st;
    own.font = st.font;
    own.font_bold = st.font_bold;
    own.measure = st.measure;
    own.measure_ctx = st.measure_ctx;
    int fig = pr_layout_tag_open(L, PR_TAG_FIGURE);
    char *alt = pr_chart_alt(ec->r->env->history, ec->rows, ec->n, &own);
    pr_doc_node_alt(doc, fig, alt);
    free(alt);
    pr_chart_draw(doc, page, box, ec->r->env->history, ec->rows, ec->n, &own, NULL);
    pr_layout_tag_close(L, fig);
}

/* The chart's height in the frame's width (0: nothing to compare). */
static double evolution_height(rctx *r, evolution_ctx *ec)
{
    if (!r->env->history || !ec->n)
        return 0;
    pr_chart_style st = ec->st;
    pr_map_style ms = pr_map_style_for(pr_layout_doc(r->L), r->env->fonts);
    st.measure = ms.measure;
    st.measure_ctx = ms.measure_ctx;
    return pr_chart_height(r->env->history, ec->rows, ec->n, pr_layout_frame(r->L).w, &st);
}

static void render_evolution(rctx *r, const pr_tpl_component *c)
{
    evolution_ctx ec;
    evolution_begin(r, c, &ec);
    double h = evolution_height(r, &ec);
    if (h > 0) {   /* a single year: nothing, not even an empty frame */
        pr_layout_space(r->L, 6);
        pr_layout_custom(r->L, h, draw_evolution, &ec);
        pr_layout_space(r->L, 8);
    }
    evolution_end(&ec);
}

/* Plain text as markup: the markup's special characters escaped. */
static char *map_markup(const char *s)
{
    char *out = pr_malloc(2 * strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (strchr("*[]()^\\", *s)) *o++ = '\\';
        *o++ = *s;
    }
    *o = 0;
    return out;
}

/* The networks the map's legend could not hold, listed under the map
 * with the numbers the map gives them (12 to a paragraph). */
static void render_map_rest(rctx *r, const pr_map_info *info)
{
    size_t n;
    char **lines = pr_map_networks_rest(r->m, info->n_legend, &n);
    pr_text_style ts = font_style(r, PR_FONT_CAPTION, PR_ALIGN_LEFT, 1.3);
    ts.space_before = 3;
    for (size_t i = 0; i < n; i += 12) {
        pr_strbuf b = {0};
        if (i == 0) pr_sb_puts(&b, "Suite de la légende\u00a0: ");
        for (size_t k = i; k < n && k < i + 12; k++) {
            char *t = map_markup(lines[k]);
            pr_sb_puts(&b, t);
            pr_sb_puts(&b, k + 1 < n ? "\u00a0; " : ".");
            free(t);
        }
        char *text = pr_sb_steal(&b);
        pr_layout_paragraph(r->L, text, &ts);
        free(text);
    }
    pr_map_free_lines(lines, n);
}

static void render_map(rctx *r, const pr_tpl_component *c)
{
    map_ctx mc;
    memset(&mc, 0, sizeof mc);
    mc.r = r;
    mc.title = xline(r, P(c, "titre"), NULL);
    mc.kind = P(c, "carte") ? P(c, "carte")->word : "";
    const pr_tpl_param *hp = P(c, "hauteur");
    double h = (hp && hp->number > 0 ? hp->number : 100) * MM;
    pr_layout_space(r->L, 6);
    pr_layout_keep_begin(r->L);
    pr_layout_custom(r->L, h, draw_map, &mc);
    char *cap = xline(r, P(c, "legende"), NULL);
    if (*cap) {
        pr_text_style cs = font_style(r, PR_FONT_CAPTION, PR_ALIGN_CENTER, 1.3);
        cs.space_before = 4;
        int node = pr_layout_tag_open(r->L, PR_TAG_CAPTION);
        pr_layout_paragraph(r->L, cap, &cs);
        pr_layout_tag_close(r->L, node);
    }
    pr_layout_keep_end(r->L);
    if (mc.info.n_legend < mc.info.n_networks) render_map_rest(r, &mc.info);
    free(cap);
    pr_layout_space(r->L, 8);
    free(mc.title);
}

static void render_link(rctx *r, const pr_tpl_component *c)
{
    char *text = xline(r, P(c, "texte"), NULL);
    char *url = xline(r, P(c, "url"), NULL);
    pr_box_style bs = {r->st->comp.link.background, PR_RGB_NONE,
                       r->st->comp.link.color, 0, 1};
    pr_layout_box_begin(r->L, &bs);
    char *md = pr_asprintf("**[%s](%s)**", text, url);
    pr_text_style ts = pr_layout_text_style(r->L, 0);
    ts.align = PR_ALIGN_LEFT;
    ts.size += 1;
    ts.color = r->st->comp.link.color;
    pr_layout_paragraph(r->L, md, &ts);
    pr_layout_box_end(r->L);
    free(md);
    free(text);
    free(url);
}

static void render_prose_component(rctx *r, const pr_tpl_component *c)
{
    const pr_mvalue **items;
    size_t n = source_items(r, c, &items);
    const pr_tpl_param *tp = P(c, "texte");
    if (!tp)
        tp = P(c, "bloc");
    for (size_t i = 0; i < n; i++) {
        at_item(r, i, n);
        char *text = xp(r, tp, items[i]);
        render_prose(r, text, NULL);
        free(text);
    }
    free(items);
}

/* "plus de 300", "environ 200", "35": a declared value as it was published. */
static char *declared_value(const pr_declared *d)
{
    return pr_asprintf("%s%ld",
                       d->prec == PR_COUNT_AT_LEAST ? "plus de "
                       : d->prec == PR_COUNT_ABOUT  ? "environ "
                                                    : "",
                       d->value);
}

/* The number of declared figures whose cross-check differs. */
static size_t corrections_count(rctx *r)
{
    pr_diags quiet;   /* the run already warned about each difference */
    pr_diags_init(&quiet);
    pr_checks ck;
    pr_checks_compute(r->m, r->f, 0, &ck, &quiet);
    pr_diags_free(&quiet);
    size_t n = ck.n_mismatch;
    pr_checks_free(&ck);
    return n;
}

/* chiffres_corriges: the figures already published that the data correct
 * (the declared figures whose cross-check differs), in a callout: its
 * title, its introduction, then one line each: the figure, its value from
 * the data, the value published and where (the text printed, the
 * publication and the reason are in the annex). Nothing when none
 * differs. */
static void render_corrections(rctx *r, const pr_tpl_component *c)
{
    pr_diags quiet;   /* the run already warned about each difference */
    pr_diags_init(&quiet);
    pr_checks ck;
    pr_checks_compute(r->m, r->f, 0, &ck, &quiet);
    pr_diags_free(&quiet);
    if (!ck.n_mismatch) {
        pr_checks_free(&ck);
        return;
    }
    char *title = xline(r, P(c, "titre"), NULL);
    char *intro = xp(r, P(c, "texte"), NULL);
    pr_strbuf sb = {0};
    pr_sb_printf(&sb, "%s\n\n", intro);
    for (size_t i = 0; i < ck.n; i++) {
        const pr_check *k = &ck.items[i];
        if (!pr_check_differs(k->status))
            continue;
        const pr_declared *d = k->declared;
        char *label = map_markup(k->figure->def->label);
        char *was = declared_value(d);
        pr_sb_printf(&sb, "- **%s** : %ld, et non %s", label, k->figure->value, was);
        if (d->where) {
            char *where = map_markup(d->where);
            pr_sb_printf(&sb, " (%s)", where);
            free(where);
        }
        pr_sb_puts(&sb, ".\n");
        free(label);
        free(was);
    }
    pr_box_style bs = {r->st->comp.callout.background, PR_RGB_NONE, r->st->comp.callout.border,
                       0, 1};
    pr_layout_box_begin(r->L, &bs);
    if (*title) {
        pr_text_style ts = font_style(r, PR_FONT_H2, PR_ALIGN_LEFT, 1.25);
        ts.color = r->st->comp.callout.title;
        ts.space_after = 4;
        pr_layout_paragraph(r->L, title, &ts);
    }
    pr_text_style body = pr_layout_text_style(r->L, 0);
    body.align = PR_ALIGN_LEFT;
    render_prose(r, sb.data, &body);
    pr_layout_box_end(r->L);
    pr_sb_free(&sb);
    free(title);
    free(intro);
    pr_checks_free(&ck);
}

/* ---- what a component shows ------------------------------------------------
 * Before anything is laid out, each component is evaluated: does it show
 * something with this year's data? A heading is kept only when something
 * it heads follows, a section only when one of its components shows
 * something (the others are left out of the contents and the numbering). */

static int component_has_content(rctx *r, const pr_tpl_component *c);

static int is_heading(const pr_tpl_component *c)
{
    return c->spec && (c->spec->kind == PR_COMP_HEADING || c->spec->kind == PR_COMP_SUBHEADING);
}

/* Does a prose parameter give at least one paragraph or bullet? */
static int prose_nonempty(rctx *r, const pr_tpl_param *p, const pr_mvalue *item)
{
    char *text = xp(r, p, item);
    pr_prose pr = {0};
    pr_prose_split(text, &pr);
    int res = pr.n > 0;
    pr_prose_free(&pr);
    free(text);
    return res;
}

/* The items a group is repeated for: its source's, or one (NULL) item. */
static size_t group_items(rctx *r, const pr_tpl_component *c, const pr_mvalue ***items)
{
    return source_items(r, c, items);
}

/* Enter / leave a group's item. */
typedef struct scope_mark {
    int depth;
    size_t index, count;
} scope_mark;

static scope_mark scope_push(rctx *r, const pr_mvalue *item, size_t i, size_t n)
{
    scope_mark m = {r->depth, r->scope_index, r->scope_count};
    if (item && r->depth < 7) {
        r->scope[r->depth++] = item;
        r->scope_index = i;
        r->scope_count = n;
    }
    return m;
}

static void scope_pop(rctx *r, scope_mark m)
{
    r->depth = m.depth;
    r->scope_index = m.index;
    r->scope_count = m.count;
}

/* Which components of a list to render (show[k]): those that show
 * something; a heading when something it heads follows (before the next
 * heading of its level or above); a page break when something follows. */
static void plan_components(rctx *r, const pr_tpl_component *cs, size_t n, unsigned char *show)
{
    unsigned char *content = pr_calloc(n ? n : 1, 1);
    for (size_t k = 0; k < n; k++)
        content[k] = (unsigned char)component_has_content(r, &cs[k]);
    for (size_t k = 0; k < n; k++) {
        const pr_tpl_component *c = &cs[k];
        show[k] = content[k];
        if (!c->spec)
            continue;
        if (is_heading(c) || c->spec->kind == PR_COMP_PAGE_BREAK) {
            int level = c->spec->kind == PR_COMP_HEADING ? 1 : 2;
            int follows = 0;
            for (size_t j = k + 1; j < n && !follows; j++) {
                if (is_heading(&cs[j]) && c->spec->kind != PR_COMP_PAGE_BREAK &&
                    (cs[j].spec->kind == PR_COMP_HEADING ? 1 : 2) <= level)
                    break;
                follows = content[j];
            }
            int own = cond_ok(r, c);
            if (own && is_heading(c)) {
                char *t = xline(r, P(c, "texte"), NULL);
                own = *t != '\0';
                free(t);
            }
            show[k] = (unsigned char)(follows && own);
        }
    }
    free(content);
}

/* The number of timeline entries of the year (the closing word aside). */
static size_t timeline_entries(rctx *r, const pr_tpl_component *c);

static int component_has_content(rctx *r, const pr_tpl_component *c)
{
    if (!c->spec || is_heading(c) || c->spec->kind == PR_COMP_PAGE_BREAK || !cond_ok(r, c))
        return 0;
    const pr_mvalue **items = NULL;
    size_t n = 0;
    int res = 0;
    switch (c->spec->kind) {
    case PR_COMP_PROSE: case PR_COMP_CALLOUT: {
        const pr_tpl_param *tp = P(c, "texte");
        if (!tp)
            tp = P(c, "bloc");
        n = source_items(r, c, &items);
        for (size_t i = 0; i < n && !res; i++) {
            at_item(r, i, n);
            if (c->spec->kind == PR_COMP_CALLOUT) {
                char *t = xline(r, P(c, "titre"), items[i]);
                res = *t != '\0';
                free(t);
            }
            res = res || prose_nonempty(r, tp, items[i]);
        }
        break;
    }
    case PR_COMP_COLUMNS_TABLE: case PR_COMP_TILES: case PR_COMP_PEOPLE: case PR_COMP_DATED_LIST:
    case PR_COMP_QUOTES:
        n = source_items(r, c, &items);
        res = n > 0;
        break;
    case PR_COMP_KEY_FIGURES: {
        fig_tile *tiles;
        size_t nt = figure_tiles(r, P(c, "tuiles"), &tiles);
        res = nt > 0;
        figure_tiles_free(tiles, nt);
        break;
    }
    case PR_COMP_TIMELINE:
        res = timeline_entries(r, c) > 0;
        break;
    case PR_COMP_MAP: {
        const pr_tpl_param *kp = P(c, "carte");
        if (kp && !strcmp(kp->word, "elus")) {
            res = r->m->n_officials > 0;
        } else {
            for (size_t i = 0; i < r->m->n_local_networks && !res; i++)
                res = r->m->local_networks[i].active;
        }
        break;
    }
    case PR_COMP_LINK: {
        char *t = xline(r, P(c, "texte"), NULL);
        res = *t != '\0';
        free(t);
        break;
    }
    case PR_COMP_EVOLUTION: {
        evolution_ctx ec;
        evolution_begin(r, c, &ec);
        res = evolution_height(r, &ec) > 0;
        evolution_end(&ec);
        break;
    }
    case PR_COMP_CORRECTIONS:
        res = corrections_count(r) > 0;
        break;
    case PR_COMP_GROUP: {
        const pr_tpl_param *kp = P(c, "composants");
        n = group_items(r, c, &items);
        for (size_t i = 0; i < n && !res && kp; i++) {
            scope_mark m = scope_push(r, items[i], i, n);
            for (size_t k = 0; k < kp->n_children && !res; k++)
                res = component_has_content(r, &kp->children[k]);
            scope_pop(r, m);
        }
        break;
    }
    default:
        break;
    }
    free(items);
    at_item(r, 0, 0);
    return res;
}

static void render_component(rctx *r, const pr_tpl_component *c);

/* A group: its components, for each item of its source (once without a
 * source), the headings and empty components left out item by item. */
static void render_group(rctx *r, const pr_tpl_component *c)
{
    const pr_tpl_param *kp = P(c, "composants");
    if (!kp || !kp->n_children)
        return;
    const pr_mvalue **items;
    size_t n = group_items(r, c, &items);
    unsigned char *show = pr_calloc(kp->n_children, 1);
    for (size_t i = 0; i < n; i++) {
        scope_mark m = scope_push(r, items[i], i, n);
        pr_diags *real = r->d, quiet;
        pr_diags_init(&quiet);
        r->d = &quiet;   /* evaluating is not rendering: no messages twice */
        plan_components(r, kp->children, kp->n_children, show);
        r->d = real;
        pr_diags_free(&quiet);
        for (size_t k = 0; k < kp->n_children; k++)
            if (show[k])
                render_component(r, &kp->children[k]);
        scope_pop(r, m);
    }
    free(show);
    free(items);
}

static void render_component(rctx *r, const pr_tpl_component *c)
{
    if (!c->spec || !cond_ok(r, c))
        return;
    pr_layout_at(r->L, c->pos, NULL);
    switch (c->spec->kind) {
    case PR_COMP_HEADING:
    case PR_COMP_SUBHEADING: {
        char *t = xline(r, P(c, "texte"), NULL);
        char anchor[48];
        if (*t)   /* a level-1 heading: the contents link to its anchor */
            pr_layout_heading(r->L, c->spec->kind == PR_COMP_HEADING ? 2 : 3, NULL, t,
                              c->spec->kind == PR_COMP_HEADING
                                  ? heading_anchor(r->section, r->headings++, anchor)
                                  : NULL);
        free(t);
        break;
    }
    case PR_COMP_PROSE: render_prose_component(r, c); break;
    case PR_COMP_COLUMNS_TABLE: render_columns_table(r, c); break;
    case PR_COMP_TILES: render_tiles(r, c); break;
    case PR_COMP_KEY_FIGURES: render_key_figures(r, c); break;
    case PR_COMP_PEOPLE: render_people(r, c); break;
    case PR_COMP_DATED_LIST: render_dated_list(r, c); break;
    case PR_COMP_TIMELINE: render_timeline(r, c); break;
    case PR_COMP_QUOTES: render_quotes(r, c); break;
    case PR_COMP_CALLOUT: render_callout(r, c); break;
    case PR_COMP_MAP: render_map(r, c); break;
    case PR_COMP_LINK: render_link(r, c); break;
    case PR_COMP_PAGE_BREAK: pr_layout_soft_page_break(r->L); break;
    case PR_COMP_GROUP: render_group(r, c); break;
    case PR_COMP_EVOLUTION: render_evolution(r, c); break;
    case PR_COMP_CORRECTIONS: render_corrections(r, c); break;
    default: break;
    }
    at_item(r, 0, 0);
}

static void collect_heads(rctx *r, const pr_tpl_component *cs, size_t n, const unsigned char *show,
                          heads *out)
{
    for (size_t k = 0; k < n && out->n <= TOC_MAX_HEADINGS; k++) {
        const pr_tpl_component *c = &cs[k];
        if (!show[k] || !c->spec || !cond_ok(r, c))
            continue;
        if (c->spec->kind == PR_COMP_HEADING) {
            char *t = xline(r, P(c, "texte"), NULL);
            if (*t)
                PR_PUSH(out->titles, out->n, out->cap, t);
            else
                free(t);
        } else if (c->spec->kind == PR_COMP_GROUP) {
            const pr_tpl_param *kp = P(c, "composants");
            if (!kp || !kp->n_children)
                continue;
            const pr_mvalue **items;
            size_t ni = group_items(r, c, &items);
            unsigned char *sub = pr_calloc(kp->n_children, 1);
            for (size_t i = 0; i < ni && out->n <= TOC_MAX_HEADINGS; i++) {
                scope_mark m = scope_push(r, items[i], i, ni);
                plan_components(r, kp->children, kp->n_children, sub);
                collect_heads(r, kp->children, kp->n_children, sub, out);
                scope_pop(r, m);
            }
            free(sub);
            free(items);
        }
    }
}

/* ---- the document ------------------------------------------------------------- */

static pr_layout_style layout_style(const pr_tpl_style *st, const pr_report_env *env,
                                    const char *header_title)
{
    pr_layout_style ls = pr_layout_style_default(env->fonts);
    ls.hyph = env->hyph;
    ls.page_width = st->page_w;
    ls.page_height = st->page_h;
    ls.margin_top = st->margin_top;
    ls.margin_bottom = st->margin_bottom;
    ls.margin_left = st->margin_left;
    ls.margin_right = st->margin_right;
    ls.text_width = st->text_width;
    ls.text_indent = st->text_indent;
    ls.palette.primary = st->roles[PR_ROLE_PRIMARY];
    ls.palette.secondary = st->roles[PR_ROLE_SECONDARY];
    ls.palette.accent = st->roles[PR_ROLE_ACCENT];
    ls.palette.text = st->roles[PR_ROLE_TEXT];
    ls.palette.muted = st->roles[PR_ROLE_MUTED];
    ls.palette.light = st->roles[PR_ROLE_LIGHT];
    ls.palette.rule = st->roles[PR_ROLE_RULE];
    ls.palette.link = st->roles[PR_ROLE_LINK];
    ls.palette.on_primary = st->roles[PR_ROLE_ON_PRIMARY];
    const pr_tpl_font *b = &st->fonts[PR_FONT_BODY];
    ls.body.font = b->weight;
    ls.body.size = b->size;
    ls.body.color = b->color;
    ls.body.leading = st->comp.body.leading;
    ls.body.space_after = st->comp.body.paragraph_space;
    ls.body.hyphenate = env->hyph != NULL;
    const pr_tpl_font *t = &st->fonts[PR_FONT_TITLE];
    ls.heading[0].font = t->weight;
    ls.heading[0].size = t->size * 0.8;
    ls.heading[0].color = t->color;
    const pr_tpl_font *h1 = &st->fonts[PR_FONT_H1];
    ls.heading[1].font = h1->weight;
    ls.heading[1].size = h1->size;
    ls.heading[1].color = h1->color;
    ls.heading[1].space_before = st->comp.heading.space_before;
    ls.heading[1].space_after = st->comp.heading.space_after;
    const pr_tpl_font *h2 = &st->fonts[PR_FONT_H2];
    ls.heading[2].font = h2->weight;
    ls.heading[2].size = h2->size;
    ls.heading[2].color = h2->color;
    ls.heading[2].space_before = st->comp.subheading.space_before;
    /* small text (cards, tables): the body face at the caption size; the
     * caption style itself (often italic) is kept for captions */
    const pr_tpl_font *cap = &st->fonts[PR_FONT_CAPTION];
    ls.small.font = b->weight;
    ls.small.size = cap->size + 0.5;
    ls.small.color = b->color;
    ls.header_size = st->fonts[PR_FONT_HEADER].size;
    ls.header_title = header_title;
    return ls;
}

/* Where each component of a pass began and ended, to avoid nearly empty
 * pages in the next pass. Components are numbered across sections in
 * template order. */
typedef struct flow_log {
    size_t n;                  /* components in all sections */
    unsigned char *break_before;   /* in: start this component on a new page */
    int *start_page;           /* out: page where each one began (after its end
                                  if it drew nothing) */
    int *end_page;             /* out: page and y where each one ended */
    double *end_y;
    size_t *start_place, *end_place;   /* the same as places of the flow */
    unsigned char *drew;       /* out: it drew something */
    unsigned char *lead;       /* out: it ended with a lead-in ("… :"), kept
                                  with what follows */
    size_t *break_row;         /* in: its grid of cards starts a new page
                                  before this row (0: none) */
    size_t *rows_first, *n_rows;   /* out: its grid's rows (when it draws one
                                  grid): places row_places[rows_first…] */
    size_t *row_places;
    size_t n_row_places, cap_row_places;
    int *sec_first, *sec_last; /* out: first and last content page of each section */
    double *sec_end_y;         /* out: where each section's flow ended */
} flow_log;

/* One layout pass over the whole template. */
static pr_layout *build_pass(const pr_template *t, const pr_model *m, const pr_figures *f,
                             const pr_report_env *env, pr_diags *d, flow_log *log,
                             pr_para_cache *cache, pr_tpl_cache *tcache)
{
    rctx r = {t, m, f, env, &t->style, d, NULL, 0, 0, 0, {NULL}, 0, 0, 0, tcache, -1, 0, 0, 0, 0};
    pr_layout_style ls = layout_style(&t->style, env, m->network.name ? m->network.name : "");
    ls.para_cache = cache;
    r.L = pr_layout_new(&ls, d);
    log->n_row_places = 0;

    render_cover(&r);

    /* what each section shows: a section with nothing is left out (no
     * divider, no line in the contents), the others are numbered in order */
    size_t ns = t->n_sections;
    unsigned char **show = pr_calloc(ns ? ns : 1, sizeof *show);
    int *rank = pr_calloc(ns ? ns : 1, sizeof *rank);
    int n_shown = 0;
    pr_diags quiet;
    pr_diags_init(&quiet);
    r.d = &quiet;   /* evaluating is not rendering: no messages twice */
    for (size_t i = 0; i < ns; i++) {
        const pr_tpl_section *s = &t->sections[i];
        show[i] = pr_calloc(s->n_components ? s->n_components : 1, 1);
        plan_components(&r, s->components, s->n_components, show[i]);
        int any = 0;
        for (size_t k = 0; k < s->n_components; k++)
            any |= show[i][k] && !is_heading(&s->components[k]) &&
                   s->components[k].spec->kind != PR_COMP_PAGE_BREAK;
        rank[i] = any ? ++n_shown : 0;
    }
    r.d = d;
    pr_diags_free(&quiet);

    char **titles = pr_calloc(ns ? ns : 1, sizeof *titles);
    for (size_t i = 0; i < ns; i++)
        titles[i] = rank[i] ? xline(&r, &(pr_tpl_param){.text = t->sections[i].title}, NULL) : NULL;
    /* the contents' second level: each section's level-1 headings */
    heads *sub = pr_calloc(ns ? ns : 1, sizeof *sub);
    r.d = &quiet;
    pr_diags_init(&quiet);
    for (size_t i = 0; i < ns; i++) {
        if (rank[i])
            collect_heads(&r, t->sections[i].components, t->sections[i].n_components, show[i],
                          &sub[i]);
        if (sub[i].n > TOC_MAX_HEADINGS) {   /* too many: none listed */
            for (size_t j = 0; j < sub[i].n; j++)
                free(sub[i].titles[j]);
            sub[i].n = 0;
        }
    }
    r.d = d;
    pr_diags_free(&quiet);
    render_contents(&r, titles, rank, sub);
    for (size_t i = 0; i < ns; i++) {
        for (size_t j = 0; j < sub[i].n; j++)
            free(sub[i].titles[j]);
        free(sub[i].titles);
    }
    free(sub);
    render_contents_extras(&r);
    pr_layout_front_matter_end(r.L);   /* cover and contents: i, ii */

    size_t g = 0;
    for (size_t i = 0; i < ns; i++) {
        const pr_tpl_section *s = &t->sections[i];
        if (!rank[i]) {
            g += s->n_components;
            log->sec_first[i] = log->sec_last[i] = 0;
            log->sec_end_y[i] = 0;
            continue;
        }
        int divider = render_divider(&r, i, titles[i], rank);
        r.section = i;
        r.headings = 0;
        char *shortt = s->short_title ? xline(&r, &(pr_tpl_param){.text = s->short_title}, NULL)
                                      : pr_strdup(titles[i]);
        pr_layout_page_break(r.L);
        pr_layout_set_section(r.L, shortt);
        free(shortt);
        for (size_t k = 0; k < s->n_components; k++, g++) {
            if (log->break_before[g])
                pr_layout_page_break(r.L);
            pr_layout_next_grid_break(r.L, log->break_row[g]);
            r.lead = 0;
            int grids = r.grids;
            /* where it begins and ends, as places that follow the content
             * when the flow moves it (a heading kept with what follows) */
            log->start_place[g] = pr_layout_place_next(r.L);
            pr_doc *doc = pr_layout_doc(r.L);
            size_t np0 = doc->n_pages, ops0 = np0 ? doc->pages[np0 - 1].n_ops : 0;
            if (show[i][k])
                render_component(&r, &s->components[k]);
            doc = pr_layout_doc(r.L);
            log->drew[g] = doc->n_pages != np0 || (np0 && doc->pages[np0 - 1].n_ops != ops0);
            log->end_place[g] = pr_layout_place_here(r.L);
            log->lead[g] = log->drew[g] && r.lead;
            pr_layout_next_grid_break(r.L, 0);
            log->n_rows[g] = 0;
            if (r.grids == grids + 1) {
                const size_t *pl;
                size_t nr = pr_layout_last_grid_rows(r.L, &pl);
                log->rows_first[g] = log->n_row_places;
                log->n_rows[g] = nr;
                for (size_t j = 0; j < nr; j++)
                    PR_PUSH(log->row_places, log->n_row_places, log->cap_row_places, pl[j]);
            }
        }
        log->sec_first[i] = divider + 1;
        log->sec_last[i] = pr_layout_page(r.L);
        log->sec_end_y[i] = pr_layout_y(r.L);
    }
    for (size_t k = 0; k < log->n; k++) {
        double y;
        pr_layout_place_get(r.L, log->start_place[k], &log->start_page[k], &y);
        pr_layout_place_get(r.L, log->end_place[k], &log->end_page[k], &log->end_y[k]);
        if (!log->drew[k])
            log->start_page[k] = log->end_page[k] + 1;
    }
    render_back_cover(&r);
    for (size_t i = 0; i < ns; i++) {
        free(titles[i]);
        free(show[i]);
    }
    free(titles);
    free(show);
    free(rank);
    return r.L;
}

/* Is component k of a section heading what follows it on the page: a
 * heading, or a lead-in ("… :")? */
static int heads_next(const pr_tpl_section *s, const flow_log *log, size_t g0, size_t k)
{
    return is_heading(&s->components[k]) || log->lead[g0 + k];
}

/* Component g drew a grid of cards that has rows on page `pg` after its
 * first row: the row from which to carry the grid's end to page pg + 1 so
 * that this page (`used` of its frame used) gets at least `low` while pg
 * keeps as much, the fewest rows that do it; at most the row before the
 * last when the grid ends on pg (the last row does not go alone: layout.h).
 * 0: none. */
static size_t carry_rows(const pr_layout *L, const flow_log *log, size_t g, int pg,
                         double used, double low)
{
    size_t nr = log->n_rows[g];
    if (nr < 2)
        return 0;
    pr_box fr = pr_layout_frame(L);
    const size_t *rows = log->row_places + log->rows_first[g];
    double end = pr_layout_page_used(L, pg);
    size_t last = log->end_page[g] == pg ? nr - 2 : nr - 1;
    for (size_t j = last + 1; j-- > 1;) {
        int rp;
        double ry;
        pr_layout_place_get(L, rows[j], &rp, &ry);
        if (rp != pg)
            continue;
        double stay = ry - fr.y, moved = end - stay;
        if (stay < low)
            return 0;
        if (used + moved > fr.h * 0.85)
            return 0;
        if (used + moved >= low)
            return j;
    }
    return 0;
}

/* After a pass: find, in each section, the first content page that the
 * flow left nearly empty (less than PR_LAYOUT_NEARLY_EMPTY of the frame
 * used: a page ended because the next block did not fit, or the
 * section's last page holding a lone closing line or box), and start one
 * block earlier on it in the next pass: the block that ran over onto it
 * from the page before, or else the block before the first one on it,
 * each with the headings and the lead-in ("… :") over it. When that block
 * is a grid of cards, only its last rows are carried over if that is
 * enough (carry_rows). Only when the page before keeps at least a fifth
 * of its frame and the two fit together on one page. The section's first
 * page has nothing before it: the flow itself avoids leaving it nearly
 * empty (layout.h). Returns the number of breaks added. */
static size_t plan_breaks(const pr_template *t, const pr_layout *L, flow_log *log)
{
    pr_box fr = pr_layout_frame(L);
    double low = PR_LAYOUT_NEARLY_EMPTY * fr.h;
    pr_text_style body = pr_layout_text_style(L, 0);
    double line_h = body.size * (body.leading > 0 ? body.leading : 1.2);
    size_t added = 0, g0 = 0;
    for (size_t i = 0; i < t->n_sections; g0 += t->sections[i].n_components, i++) {
        const pr_tpl_section *s = &t->sections[i];
        size_t nc = s->n_components;
        const int *sp = log->start_page + g0, *ep = log->end_page + g0;
        size_t K = 0;
        for (int P = log->sec_first[i] + 1; P <= log->sec_last[i]; P++) {
            double used = pr_layout_page_used(L, P);
            if (used >= low)
                continue;
            /* K: the first block with something on P that ends there (the
             * blocks' end pages only grow: one walk for the section) */
            while (K < nc && (ep[K] < P || sp[K] > ep[K]))
                K++;
            if (K >= nc || ep[K] != P)
                continue;
            size_t J;
            if (sp[K] < P) {
                /* K ran over from the page before: start it on P (or
                 * carry its last rows there) */
                if (sp[K] != P - 1 && !log->n_rows[g0 + K])
                    continue;
                J = K;
            } else {
                /* K began on P with its headings: bring the block before */
                size_t H = K;
                while (H > 0 && heads_next(s, log, g0, H - 1) && sp[H - 1] == P)
                    H--;
                if (H == 0)
                    continue;
                J = H - 1;
                while (J > 0 && sp[J] > ep[J])   /* left out (drew nothing) */
                    J--;
                if (ep[J] != P - 1 || (sp[J] != P - 1 && !log->n_rows[g0 + J]))
                    continue;
            }
            size_t row = carry_rows(L, log, g0 + J, P - 1, used, low);
            if (row) {
                log->break_row[g0 + J] = row;
                added++;
                break;   /* one per section: the pages after it change */
            }
            if (sp[J] != P - 1)
                continue;
            while (J > 0 && heads_next(s, log, g0, J - 1) && sp[J - 1] == P - 1)
                J--;
            /* the heading above J, if J's going leaves it fewer lines than
             * it keeps, goes along (the layout would move it anyway) */
            for (size_t h = J; h-- > 0 && sp[h] == P - 1;) {
                if (!is_heading(&s->components[h]))
                    continue;
                double under = log->end_y[g0 + J - 1] - log->end_y[g0 + h];
                if (under < PR_LAYOUT_KEEP_LINES * line_h) {
                    J = h;
                    while (J > 0 && heads_next(s, log, g0, J - 1) && sp[J - 1] == P - 1)
                        J--;
                }
                break;
            }
            if (J == 0 || log->break_before[g0 + J] || ep[J - 1] != P - 1)
                continue;
            double start = log->end_y[g0 + J - 1] - fr.y;    /* what stays on P - 1 */
            double moved = pr_layout_page_used(L, P - 1) - start;
            if (start < low || moved + used > fr.h * 0.85)
                continue;
            log->break_before[g0 + J] = 1;
            added++;
            break;   /* one per section: the pages after it change */
        }
    }
    return added;
}

/* Paths of at least this many segments drawn more than once are shared
 * (the départements' outlines have from 20 to 400 vertices). */
#define SHARED_PATH_MIN_SEGS 16

/* Memory the paragraph cache may hold across the passes. */
#define PARA_CACHE_BYTES (32u << 20)

pr_doc *pr_report_build(const pr_template *t, const pr_model *m, const pr_figures *f,
                        const pr_report_env *env, pr_diags *d)
{
    size_t errors_before = d->n_errors;
    /* one pass lays the report out (the contents' page numbers are written
     * when it finishes); if it left a nearly empty page in a section, a
     * second pass starts a block earlier on it and replaces the first */
    flow_log log = {0};
    for (size_t i = 0; i < t->n_sections; i++)
        log.n += t->sections[i].n_components;
    size_t nc = log.n ? log.n : 1, ns = t->n_sections ? t->n_sections : 1;
    log.break_before = pr_calloc(nc, 1);
    log.start_page = pr_calloc(nc, sizeof *log.start_page);
    log.end_page = pr_calloc(nc, sizeof *log.end_page);
    log.end_y = pr_calloc(nc, sizeof *log.end_y);
    log.start_place = pr_calloc(nc, sizeof *log.start_place);
    log.end_place = pr_calloc(nc, sizeof *log.end_place);
    log.drew = pr_calloc(nc, 1);
    log.lead = pr_calloc(nc, 1);
    log.break_row = pr_calloc(nc, sizeof *log.break_row);
    log.rows_first = pr_calloc(nc, sizeof *log.rows_first);
    log.n_rows = pr_calloc(nc, sizeof *log.n_rows);
    log.sec_first = pr_calloc(ns, sizeof *log.sec_first);
    log.sec_last = pr_calloc(ns, sizeof *log.sec_last);
    log.sec_end_y = pr_calloc(ns, sizeof *log.sec_end_y);
    /* the second pass, if any, lays out the same paragraphs: each is broken
     * into lines once */
    pr_para_cache *cache = pr_para_cache_new(PARA_CACHE_BYTES);
    pr_diags first_d;   /* the first pass's messages, kept if it is kept */
    pr_diags_init(&first_d);
    pr_tpl_cache *tcache = pr_tpl_cache_new();   /* list indexes, for both passes */
    pr_layout *L = build_pass(t, m, f, env, &first_d, &log, cache, tcache);
    int replanned = plan_breaks(t, L, &log) > 0;
    if (replanned) {
        pr_layout_free(L);
        L = build_pass(t, m, f, env, d, &log, cache, tcache);
    }
    pr_para_cache_free(cache);
    pr_tpl_cache_free(tcache);
    pr_doc *doc = pr_layout_finish(L);   /* its messages go where the pass's went */
    pr_layout_free(L);
    /* the France outline of the maps (and anything else drawn twice) is
     * stored once and drawn from each use (a form XObject in the PDF) */
    pr_doc_share_paths(doc, SHARED_PATH_MIN_SEGS);
    if (!replanned)
        pr_diags_append(d, &first_d);
    pr_diags_free(&first_d);
    free(log.break_before);
    free(log.start_page);
    free(log.end_page);
    free(log.end_y);
    free(log.start_place);
    free(log.end_place);
    free(log.drew);
    free(log.lead);
    free(log.break_row);
    free(log.rows_first);
    free(log.n_rows);
    free(log.row_places);
    free(log.sec_first);
    free(log.sec_last);
    free(log.sec_end_y);
    if (d->n_errors > errors_before) {
        pr_doc_free(doc);
        return NULL;
    }
    char *subject = pr_asprintf("Rapport d'activités %d du réseau %s", m->report.year,
                                m->network.name ? m->network.name : "");
    pr_doc_info info = {m->report.title, m->report.publisher, subject, NULL, "planif-rapport", -1};
    pr_doc_set_info(doc, &info);
    free(subject);
    return doc;
}
