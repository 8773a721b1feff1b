/* map.c — the local-networks map and the officials' map, drawn as vector
 * operations into the display list (see map.h for what each shows).
 *
 * Shared pieces: the frame (title on top, source line at the bottom), the
 * metropolitan base map (département fills with thin borders, région
 * borders computed from the outlines: an edge is drawn when the two
 * départements along it belong to different régions or when it has only
 * one side), the overseas inset boxes, and text helpers (measure, wrap). */
#include "compose/map.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/geo.h"
#include "base/util.h"

#define BORDER_COLOR PR_RGB(0xFF, 0xFF, 0xFF)   /* département borders */
#define REGION_COLOR PR_RGB(0x4D, 0x4D, 0x4D)   /* région borders, coast */
#define INSET_STROKE PR_RGB(0x9A, 0x9A, 0x9A)
#define DEPT_BORDER_WIDTH 0.35
#define REGION_BORDER_WIDTH 0.75
#define HATCH_SPACING 3.2                       /* points between stripes */
#define HATCH_WIDTH 1.1
#define MARKER_RADIUS 2.6
#define GAP 8.0                                 /* between frame parts */
#define HALO_X 2.2                              /* label halo padding (points) */
#define HALO_Y 1.3
#define HALO_OPACITY 0.85                       /* white box under each label */
#define SUB_SCALE 0.86                          /* commune line / name size */

/* Paul Tol's "muted" qualitative scheme (colour-blind safe). */
static const pr_rgb palette[PR_MAP_PALETTE_SIZE] = {
    PR_RGB(0xCC, 0x66, 0x77), /* rose */
    PR_RGB(0x33, 0x22, 0x88), /* indigo */
    PR_RGB(0xDD, 0xCC, 0x77), /* sand */
    PR_RGB(0x11, 0x77, 0x33), /* green */
    PR_RGB(0x88, 0xCC, 0xEE), /* cyan */
    PR_RGB(0x88, 0x22, 0x55), /* wine */
    PR_RGB(0x44, 0xAA, 0x99), /* teal */
    PR_RGB(0x99, 0x99, 0x33), /* olive */
    PR_RGB(0xAA, 0x44, 0x99), /* purple */
};

/* Colour of the i-th active network. */
pr_rgb pr_map_network_color(size_t i)
{
    return palette[i % PR_MAP_PALETTE_SIZE];
}

/* With more active networks than colours, the first PR_MAP_PALETTE_SIZE - 1
 * keep their own colour, number and legend line; the others share one
 * colour and one legend line ("autres réseaux", listed in the annex). */
#define OTHER_NETWORKS_COLOR PR_RGB(0x6C, 0x7A, 0x89)

/* Number of networks shown individually among n_active. */
static size_t networks_shown(size_t n_active)
{
    return n_active > PR_MAP_PALETTE_SIZE ? PR_MAP_PALETTE_SIZE - 1 : n_active;
}

/* Fill colour of the k-th of n_active networks. */
static pr_rgb network_fill(size_t k, size_t n_active)
{
    return k < networks_shown(n_active) ? pr_map_network_color(k) : OTHER_NETWORKS_COLOR;
}

/* Default style over two font faces. */
pr_map_style pr_map_style_default(int font, int font_bold)
{
    pr_map_style st;
    memset(&st, 0, sizeof st);
    st.font = font;
    st.font_bold = font_bold;
    st.text = PR_RGB(0x1E, 0x1E, 0x1E);
    st.muted = PR_RGB(0x66, 0x66, 0x66);
    st.marker = PR_RGB(0x00, 0x00, 0x91);
    return st;
}

/* Width callback over a font set's metrics. */
static double fontset_width(const void *ctx, int bold, double size, const char *utf8)
{
    const pr_font_metrics *m =
        pr_fontset_metrics((const pr_fontset *)ctx, bold ? PR_STYLE_BOLD : PR_STYLE_REGULAR);
    return pr_metrics_width(m, size, utf8, strlen(utf8), 1);
}

/* Document face index of a role of the set (pseudo path for fake sets). */
static int face_of(pr_doc *doc, const pr_fontset *fonts, pr_style role)
{
    const char *path = pr_fontset_path(fonts, role);
    if (path) return pr_doc_font(doc, path);
    char buf[64];
    snprintf(buf, sizeof buf, "fake:%s", pr_style_name(role));
    return pr_doc_font(doc, buf);
}

/* Default style measured with a font set. */
pr_map_style pr_map_style_for(pr_doc *doc, const pr_fontset *fonts)
{
    pr_map_style st = pr_map_style_default(face_of(doc, fonts, PR_STYLE_REGULAR),
                                           face_of(doc, fonts, PR_STYLE_BOLD));
    st.measure = fontset_width;
    st.measure_ctx = fonts;
    return st;
}

/* ------------------------------------------------------------ text helpers */

/* Number of code points of a UTF-8 string (invalid bytes count as one). */
static size_t utf8_length(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        unsigned cp;
        int k = pr_utf8_decode(s + i, n - i, &cp);
        i += k > 0 ? (size_t)k : 1;
        count++;
    }
    return count;
}

/* Width of text as the map measures it. */
double pr_map_text_width(const pr_map_style *st, int bold, double size, const char *utf8)
{
    if (st && st->measure) return st->measure(st->measure_ctx, bold, size, utf8);
    return (bold ? 0.55 : 0.5) * size * (double)utf8_length(utf8, strlen(utf8));
}

/* Width of the first n bytes of s. */
static double width_n(const pr_map_style *st, int bold, double size, const char *s, size_t n)
{
    char *tmp = pr_strndup(s, n);
    double w = pr_map_text_width(st, bold, size, tmp);
    free(tmp);
    return w;
}

/* Greedy word wrap of s into lines at most `width` wide: stores the start
 * and length of up to `max` lines, returns the number of lines. A word
 * longer than the width gets a line of its own. */
static size_t wrap(const pr_map_style *st, int bold, double size, const char *s, double width,
                   size_t *start, size_t *len, size_t max)
{
    size_t n = 0, i = 0, total = strlen(s);
    while (i < total && n < max) {
        while (i < total && s[i] == ' ') i++;
        if (i >= total) break;
        size_t end = i, best = 0;
        while (end < total) {
            size_t next = end;
            while (next < total && s[next] == ' ') next++;
            while (next < total && s[next] != ' ') next++;
            if (best && width_n(st, bold, size, s + i, next - i) > width) break;
            best = next - i;
            end = next;
        }
        start[n] = i;
        len[n] = best;
        n++;
        i += best;
    }
    return n;
}

/* Draw wrapped text with its first line's top at y; returns the height. */
static double draw_wrapped(pr_doc *doc, int page, const pr_map_style *st, int bold, double size,
                           pr_rgb color, double x, double y, double width, const char *s)
{
    size_t start[8], len[8];
    size_t n = wrap(st, bold, size, s, width, start, len, 8);
    double lead = size * 1.2;
    for (size_t i = 0; i < n; i++)
        pr_doc_text_n(doc, page, bold ? st->font_bold : st->font, size, color, x,
                      y + size * 0.8 + lead * (double)i, s + start[i], len[i]);
    return lead * (double)n;
}

/* Height that draw_wrapped would use. */
static double wrapped_height(const pr_map_style *st, int bold, double size, double width,
                             const char *s)
{
    size_t start[8], len[8];
    return size * 1.2 * (double)wrap(st, bold, size, s, width, start, len, 8);
}

/* Relative luminance test: 1 when white text reads better on `c`. */
static int is_dark(pr_rgb c)
{
    double r = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF, b = c & 0xFF;
    return 0.299 * r + 0.587 * g + 0.114 * b < 140;
}

/* ----------------------------------------------------------------- frame */

typedef struct frame {
    pr_box body;       /* between the title and the source line */
} frame;

/* Draw the title and the source line; returns the area left between them. */
static frame draw_frame(pr_doc *doc, int page, pr_box box, const pr_map_style *st,
                        const char *title, const char *source)
{
    frame fr;
    double top = box.y, bottom = box.y + box.h;
    if (title && *title) {
        double h = draw_wrapped(doc, page, st, 1, st->title_size, st->text, box.x, top, box.w, title);
        top += h + GAP * 0.5;
    }
    if (source && *source) {
        double h = wrapped_height(st, 0, st->source_size, box.w, source);
        draw_wrapped(doc, page, st, 0, st->source_size, st->muted, box.x, bottom - h, box.w, source);
        bottom -= h + GAP * 0.5;
    }
    fr.body.x = box.x;
    fr.body.y = top;
    fr.body.w = box.w;
    fr.body.h = bottom > top ? bottom - top : 0;
    return fr;
}

/* A style with every size defaulted. */
static pr_map_style complete_style(const pr_map_style *in)
{
    pr_map_style st = in ? *in : pr_map_style_default(0, 0);
    if (st.title_size <= 0) st.title_size = 11;
    if (st.label_size <= 0) st.label_size = 7;
    if (st.source_size <= 0) st.source_size = 6;
    return st;
}

/* The default source line: the network, the year, the attribution. */
static char *default_source(const pr_model *m)
{
    const char *name = m && m->network.name ? m->network.name : "Planif Territoires";
    int year = m ? m->report.year : 0;
    if (year > 0)
        return pr_asprintf("Source\u00a0: %s, données %d. %s.", name, year, PR_MAP_ATTRIBUTION);
    return pr_asprintf("Source\u00a0: %s. %s.", name, PR_MAP_ATTRIBUTION);
}

/* ------------------------------------------------------------- base map */

typedef struct xform {
    double s, ox, oy;
} xform;

/* Fit the metropolitan bounds into `area`, centred. */
static xform fit(pr_box area)
{
    double x0, y0, x1, y1;
    xform t;
    pr_geo_bounds(&x0, &y0, &x1, &y1);
    double sx = area.w / (x1 - x0), sy = area.h / (y1 - y0);
    t.s = sx < sy ? sx : sy;
    if (t.s < 0) t.s = 0;
    t.ox = area.x + (area.w - t.s * (x1 - x0)) / 2 - t.s * x0;
    t.oy = area.y + (area.h - t.s * (y1 - y0)) / 2 - t.s * y0;
    return t;
}

/* The path of a département's outline on the page. */
static void outline_path(pr_path *p, const char *code, xform t)
{
    const pr_geo_ring *rings;
    size_t n = pr_geo_outline(code, &rings);
    pr_path_reset(p);
    for (size_t r = 0; r < n; r++) {
        const float *xy = rings[r].xy;
        pr_path_move(p, t.ox + t.s * xy[0], t.oy + t.s * xy[1]);
        for (size_t i = 1; i < rings[r].n; i++)
            pr_path_line(p, t.ox + t.s * xy[2 * i], t.oy + t.s * xy[2 * i + 1]);
        pr_path_close(p);
    }
}

/* Fill every metropolitan département (fills[i] for the i-th département
 * of pr_geo_departement_at) with thin white borders. */
static void draw_departements(pr_doc *doc, int page, xform t, const pr_rgb *fills)
{
    pr_path p = {0};
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        if (d->overseas) continue;
        outline_path(&p, d->code, t);
        pr_paint paint = pr_paint_fill(fills[i]);
        paint.stroke = BORDER_COLOR;
        paint.line_width = DEPT_BORDER_WIDTH;
        paint.round_caps = 1;
        pr_doc_path(doc, page, &p, PR_FILL_EVENODD, &paint);
    }
    pr_path_free(&p);
}

/* The metropolitan départements as one path in one paint. */
void pr_map_silhouette(pr_doc *doc, int page, pr_box box, const pr_paint *paint)
{
    xform t = fit(box);
    pr_path p = {0};
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        if (d->overseas) continue;
        const pr_geo_ring *rings;
        size_t n = pr_geo_outline(d->code, &rings);
        for (size_t r = 0; r < n; r++) {
            const float *xy = rings[r].xy;
            double px = t.ox + t.s * xy[0], py = t.oy + t.s * xy[1];
            pr_path_move(&p, px, py);
            /* a motif needs no detail finer than a point: fewer vertices,
             * a smaller file */
            for (size_t k = 1; k < rings[r].n; k++) {
                double qx = t.ox + t.s * xy[2 * k], qy = t.oy + t.s * xy[2 * k + 1];
                if (k + 1 < rings[r].n && hypot(qx - px, qy - py) < 2.5) continue;
                pr_path_line(&p, qx, qy);
                px = qx;
                py = qy;
            }
            pr_path_close(&p);
        }
    }
    if (p.n) pr_doc_path(doc, page, &p, PR_FILL_NONZERO, paint);
    pr_path_free(&p);
}

/* An edge of an outline, endpoints in a canonical order, and the
 * départements (indices) it belongs to. */
typedef struct edge_slot {
    float k[4];
    int used;
    int dept[2];
    int n;
} edge_slot;

/* Hash of an edge key. */
static size_t edge_hash(const float *k)
{
    unsigned long long h = 1469598103934665603ULL;
    for (int i = 0; i < 4; i++) {
        long long v = llround((double)k[i] * 10.0);
        h = (h ^ (unsigned long long)v) * 1099511628211ULL;
    }
    return (size_t)(h ^ (h >> 29));
}

/* Canonical key of the edge a-b (smaller endpoint first). */
static void edge_key(const float *a, const float *b, float *k)
{
    int swap = a[0] > b[0] || (a[0] == b[0] && a[1] > b[1]);
    const float *p = swap ? b : a, *q = swap ? a : b;
    k[0] = p[0]; k[1] = p[1]; k[2] = q[0]; k[3] = q[1];
}

/* Find or insert an edge in the open-addressing table. */
static edge_slot *edge_find(edge_slot *tab, size_t cap, const float *k)
{
    size_t i = edge_hash(k) & (cap - 1);
    while (tab[i].used && memcmp(tab[i].k, k, sizeof tab[i].k) != 0) i = (i + 1) & (cap - 1);
    return &tab[i];
}

/* Draw the région borders and the outer edges as one stroked path: an
 * edge is drawn if it has one side only (coast, frontier) or if the
 * départements on its two sides are in different régions. */
static void draw_region_borders(pr_doc *doc, int page, xform t)
{
    size_t n_edges = 0;
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        if (pr_geo_departement_at(i)->overseas) continue;
        const pr_geo_ring *rings;
        size_t n = pr_geo_outline(pr_geo_departement_at(i)->code, &rings);
        for (size_t r = 0; r < n; r++) n_edges += rings[r].n;
    }
    size_t cap = 1;
    while (cap < 2 * n_edges + 2) cap <<= 1;
    edge_slot *tab = pr_calloc(cap, sizeof *tab);
    float k[4];
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        if (pr_geo_departement_at(i)->overseas) continue;
        const pr_geo_ring *rings;
        size_t n = pr_geo_outline(pr_geo_departement_at(i)->code, &rings);
        for (size_t r = 0; r < n; r++) {
            const float *xy = rings[r].xy;
            for (size_t a = rings[r].n - 1, b = 0; b < rings[r].n; a = b++) {
                edge_key(xy + 2 * a, xy + 2 * b, k);
                edge_slot *e = edge_find(tab, cap, k);
                if (!e->used) {
                    e->used = 1;
                    memcpy(e->k, k, sizeof k);
                }
                if (e->n < 2) e->dept[e->n] = (int)i;
                e->n++;
            }
        }
    }
    pr_path p = {0};
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        if (d->overseas) continue;
        const pr_geo_ring *rings;
        size_t n = pr_geo_outline(d->code, &rings);
        for (size_t r = 0; r < n; r++) {
            const float *xy = rings[r].xy;
            size_t m = rings[r].n;
            int open = 0;
            for (size_t step = 0; step < m; step++) {
                size_t a = step, b = (step + 1) % m;
                edge_key(xy + 2 * a, xy + 2 * b, k);
                const edge_slot *e = edge_find(tab, cap, k);
                int draw;
                if (e->n == 1) {
                    draw = 1;
                } else {
                    int other = e->dept[0] == (int)i ? e->dept[1] : e->dept[0];
                    const pr_departement *o = pr_geo_departement_at((size_t)other);
                    draw = strcmp(o->region, d->region) != 0 && other > (int)i;
                }
                if (!draw) {
                    open = 0;
                    continue;
                }
                if (!open) pr_path_move(&p, t.ox + t.s * xy[2 * a], t.oy + t.s * xy[2 * a + 1]);
                pr_path_line(&p, t.ox + t.s * xy[2 * b], t.oy + t.s * xy[2 * b + 1]);
                open = 1;
            }
        }
    }
    pr_paint paint = pr_paint_stroke(REGION_COLOR, REGION_BORDER_WIDTH);
    paint.round_caps = 1;
    if (p.n) pr_doc_path(doc, page, &p, PR_FILL_NONZERO, &paint);
    pr_path_free(&p);
    free(tab);
}

/* qsort comparator for doubles. */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Diagonal stripes across a département, clipped to its outline by
 * computing where each stripe crosses the rings (even-odd), stroked in
 * colors[i % n_colors] for the i-th stripe. */
static void draw_stripes(pr_doc *doc, int page, xform t, const char *code, const pr_rgb *colors,
                         size_t n_colors)
{
    const pr_geo_ring *rings;
    size_t nr = pr_geo_outline(code, &rings);
    if (!nr || !n_colors || t.s <= 0) return;
    /* stripes are the lines x - y = c in page units */
    double cmin = INFINITY, cmax = -INFINITY;
    size_t n_pts = 0;
    for (size_t r = 0; r < nr; r++) {
        n_pts += rings[r].n;
        for (size_t i = 0; i < rings[r].n; i++) {
            double c = t.s * ((double)rings[r].xy[2 * i] - (double)rings[r].xy[2 * i + 1]);
            if (c < cmin) cmin = c;
            if (c > cmax) cmax = c;
        }
    }
    double *cuts = pr_malloc(n_pts * sizeof *cuts);
    pr_path *paths = pr_calloc(n_colors, sizeof *paths);
    double shift = t.ox - t.oy;       /* page x - y = shift + s * (mx - my) */
    long first = (long)ceil((cmin + shift) / HATCH_SPACING);
    for (long line = first; line * HATCH_SPACING <= cmax + shift; line++) {
        double c = line * HATCH_SPACING - shift;    /* in scaled map units */
        size_t nc = 0;
        for (size_t r = 0; r < nr; r++) {
            const float *xy = rings[r].xy;
            for (size_t a = rings[r].n - 1, b = 0; b < rings[r].n; a = b++) {
                double ua = t.s * ((double)xy[2 * a] - (double)xy[2 * a + 1]);
                double ub = t.s * ((double)xy[2 * b] - (double)xy[2 * b + 1]);
                if ((ua > c) == (ub > c)) continue;
                double f = (c - ua) / (ub - ua);
                double x = xy[2 * a] + f * ((double)xy[2 * b] - xy[2 * a]);
                double y = xy[2 * a + 1] + f * ((double)xy[2 * b + 1] - xy[2 * a + 1]);
                cuts[nc++] = x + y;     /* position along the stripe */
            }
        }
        qsort(cuts, nc, sizeof *cuts, cmp_double);
        pr_path *p = &paths[(size_t)(line - first) % n_colors];
        for (size_t i = 0; i + 1 < nc; i += 2) {
            /* point with x - y = c and x + y = v, in map units */
            double c0 = c / t.s;
            double xa = (cuts[i] + c0) / 2, ya = (cuts[i] - c0) / 2;
            double xb = (cuts[i + 1] + c0) / 2, yb = (cuts[i + 1] - c0) / 2;
            pr_path_move(p, t.ox + t.s * xa, t.oy + t.s * ya);
            pr_path_line(p, t.ox + t.s * xb, t.oy + t.s * yb);
        }
    }
    for (size_t i = 0; i < n_colors; i++) {
        pr_paint paint = pr_paint_stroke(colors[i], HATCH_WIDTH);
        if (paths[i].n) pr_doc_path(doc, page, &paths[i], PR_FILL_NONZERO, &paint);
        pr_path_free(&paths[i]);
    }
    free(paths);
    free(cuts);
}

/* ----------------------------------------------------------- overseas */

/* Scale at which the metropolitan bounds fit `area`. */
static double fit_scale(pr_box area)
{
    double x0, y0, x1, y1;
    pr_geo_bounds(&x0, &y0, &x1, &y1);
    double sx = area.w / (x1 - x0), sy = area.h / (y1 - y0);
    return sx < sy ? sx : sy;
}

/* Where the n overseas insets go in `area`: a column at the left or a row
 * at the bottom, whichever leaves the larger metropolitan map; returns the
 * area left for that map. */
static pr_box place_insets(pr_box area, size_t n, pr_box *boxes)
{
    if (n == 0) return area;
    double gap = 6;
    /* column: boxes up to 60 pt wide, at most 0.8 as tall as wide */
    double cw = area.w * 0.13;
    if (cw > 60) cw = 60;
    if (cw < 28) cw = 28;
    double ch = (area.h - gap * (double)(n - 1)) / (double)n;
    if (ch > cw * 0.8) ch = cw * 0.8;
    pr_box col_rest = {area.x + cw + GAP, area.y, area.w - cw - GAP, area.h};
    /* row: boxes sharing the width, 0.6 as tall as wide, at most 34 pt */
    double rw = (area.w - gap * (double)(n - 1)) / (double)n;
    if (rw > 70) rw = 70;
    double rh = rw * 0.6;
    if (rh > 34) rh = 34;
    pr_box row_rest = {area.x, area.y, area.w, area.h - rh - GAP};
    if (fit_scale(col_rest) >= fit_scale(row_rest)) {
        double total = ch * (double)n + gap * (double)(n - 1);
        for (size_t i = 0; i < n; i++)
            boxes[i] = (pr_box){area.x, area.y + (area.h - total) / 2 + (double)i * (ch + gap), cw, ch};
        return col_rest;
    }
    /* the row sits under the map, from its left edge */
    double s = fit_scale(row_rest), x0, y0, x1, y1;
    pr_geo_bounds(&x0, &y0, &x1, &y1);
    double map_w = s * (x1 - x0), map_h = s * (y1 - y0);
    double left = row_rest.x + (row_rest.w - map_w) / 2;
    double total = rw * (double)n + gap * (double)(n - 1);
    if (total > map_w) left = area.x + (area.w - total) / 2;
    double top = row_rest.y + (row_rest.h + map_h) / 2 + GAP;
    for (size_t i = 0; i < n; i++)
        boxes[i] = (pr_box){left + (double)i * (rw + gap), top, rw, rh};
    return row_rest;
}

/* An inset box: filled, with the département's name centred (shrunk to
 * fit, white on dark fills). */
static void draw_inset(pr_doc *doc, int page, const pr_map_style *st, pr_box b,
                       const pr_departement *d, pr_rgb fill, int name_at_top)
{
    pr_paint paint = pr_paint_fill(fill);
    paint.stroke = INSET_STROKE;
    paint.line_width = 0.5;
    pr_doc_rect(doc, page, b, 2, &paint);
    double size = st->label_size * 0.9;
    double w = pr_map_text_width(st, 0, size, d->name);
    while (w > b.w - 4 && size > 4) {
        size -= 0.25;
        w = pr_map_text_width(st, 0, size, d->name);
    }
    double base = name_at_top ? b.y + size + 1.5 : b.y + b.h / 2 + size * 0.35;
    pr_doc_text(doc, page, st->font, size, is_dark(fill) ? PR_RGB(0xFF, 0xFF, 0xFF) : st->text,
                b.x + (b.w - w) / 2, base, d->name);
}

/* ----------------------------------------------------------- networks map */

/* Départements (indices into pr_geo_departement_at) a network covers,
 * as figures.c counts them: every département of its régions, plus its
 * départements; sets mark[i] = 1. */
static void network_cover(const pr_local_network *n, unsigned char *mark)
{
    for (size_t r = 0; r < n->regions.n; r++) {
        for (size_t i = 0; i < pr_geo_departement_count(); i++)
            if (strcmp(pr_geo_departement_at(i)->region, n->regions.items[r]) == 0) mark[i] = 1;
    }
    for (size_t k = 0; k < n->departements.n; k++) {
        const pr_departement *d = pr_geo_departement(n->departements.items[k]);
        if (d) mark[d - pr_geo_departement_at(0)] = 1;
    }
}

/* Index of a département in the official list. */
static size_t dept_index(const pr_departement *d)
{
    return (size_t)(d - pr_geo_departement_at(0));
}

/* How the legend names a network's scale. */
static const char *scale_label(pr_scale s)
{
    switch (s) {
    case PR_SCALE_REGIONAL: return "réseau régional";
    case PR_SCALE_DEPARTMENTAL: return "réseau départemental";
    case PR_SCALE_INTERDEPARTMENTAL: return "réseau interdépartemental";
    }
    return "";
}

/* Draw the networks' legend in `col`; returns its height. With draw = 0,
 * only measures. */
static double networks_legend(pr_doc *doc, int page, const pr_map_style *st, pr_box col,
                              const pr_model *m, size_t n_active, int any_uncovered,
                              int any_shared, int draw)
{
    double size = st->label_size, y = col.y;
    double sw = size * 1.6, sh = size * 1.1, tx = col.x + sw + 5, tw = col.w - sw - 5;
    size_t k = 0, shown = networks_shown(n_active);
    for (size_t i = 0; i < m->n_local_networks && k < shown; i++) {
        const pr_local_network *n = &m->local_networks[i];
        if (!n->active) continue;
        if (draw) {
            pr_rgb c = pr_map_network_color(k);
            pr_paint paint = pr_paint_fill(c);
            pr_doc_rect(doc, page, (pr_box){col.x, y + 0.5, sw, sh}, 1, &paint);
            /* the number that marks the network on the map */
            char num[24];
            snprintf(num, sizeof num, "%zu", k + 1);
            double ns = size * 0.85, nw = pr_map_text_width(st, 1, ns, num);
            pr_doc_text(doc, page, st->font_bold, ns, is_dark(c) ? PR_RGB(0xFF, 0xFF, 0xFF) : st->text,
                        col.x + (sw - nw) / 2, y + 0.5 + sh / 2 + ns * 0.36, num);
        }
        double h = draw ? draw_wrapped(doc, page, st, 0, size, st->text, tx, y, tw, n->name)
                        : wrapped_height(st, 0, size, tw, n->name);
        const char *scale = scale_label(n->scale);
        double hs = draw ? draw_wrapped(doc, page, st, 0, size * 0.85, st->muted, tx, y + h, tw, scale)
                         : wrapped_height(st, 0, size * 0.85, tw, scale);
        y += h + hs + size * 0.6;
        k++;
    }
    if (n_active > shown) {
        if (draw) {
            pr_paint paint = pr_paint_fill(OTHER_NETWORKS_COLOR);
            pr_doc_rect(doc, page, (pr_box){col.x, y + 0.5, sw, sh}, 1, &paint);
        }
        char *label = pr_asprintf("%zu autres réseaux (liste complète dans l'annexe, "
                                  "feuille « Réseaux locaux »)", n_active - shown);
        y += (draw ? draw_wrapped(doc, page, st, 0, size, st->text, tx, y, tw, label)
                   : wrapped_height(st, 0, size, tw, label)) + size * 0.6;
        free(label);
    }
    if (any_shared) {
        if (draw) {
            pr_paint paint = pr_paint_fill(PR_MAP_NEUTRAL);
            pr_doc_rect(doc, page, (pr_box){col.x, y + 0.5, sw, sh}, 1, &paint);
            for (int s = 1; s <= 3; s++) {
                pr_paint line = pr_paint_stroke(st->muted, 0.8);
                double x0 = col.x + sw * s / 4.0;
                pr_doc_line(doc, page, x0 - sh / 2, y + 0.5 + sh, x0 + sh / 2, y + 0.5, &line);
            }
        }
        const char *label = "Département couvert par plusieurs réseaux (rayures)";
        y += (draw ? draw_wrapped(doc, page, st, 0, size, st->text, tx, y, tw, label)
                   : wrapped_height(st, 0, size, tw, label)) + size * 0.6;
    }
    if (any_uncovered) {
        if (draw) {
            pr_paint paint = pr_paint_fill(PR_MAP_NEUTRAL);
            pr_doc_rect(doc, page, (pr_box){col.x, y + 0.5, sw, sh}, 1, &paint);
        }
        const char *label = "Aucun réseau local actif";
        y += (draw ? draw_wrapped(doc, page, st, 0, size, st->text, tx, y, tw, label)
                   : wrapped_height(st, 0, size, tw, label)) + size * 0.6;
    }
    return y - col.y;
}

/* Each active network's number (as in the legend) on the map, in a white
 * disc at the middle of its metropolitan départements' anchors (moved
 * down when it would cover an earlier one); `mark` is scratch space. */
static void network_numbers(pr_doc *doc, int page, const pr_map_style *st, xform t,
                            const pr_model *m, size_t n_active, unsigned char *mark)
{
    size_t shown = networks_shown(n_active);
    size_t nd = pr_geo_departement_count();
    double size = st->label_size * 0.95, r = size * 0.85;
    double *px = pr_malloc((m->n_local_networks + 1) * sizeof *px);
    double *py = pr_malloc((m->n_local_networks + 1) * sizeof *py);
    size_t placed = 0, k = 0;
    for (size_t j = 0; j < m->n_local_networks && k < shown; j++) {
        const pr_local_network *n = &m->local_networks[j];
        if (!n->active) continue;
        memset(mark, 0, nd);
        network_cover(n, mark);
        double sx = 0, sy = 0;
        size_t cnt = 0;
        for (size_t i = 0; i < nd; i++) {
            const pr_departement *d = pr_geo_departement_at(i);
            if (!mark[i] || d->overseas) continue;
            double mx, my;
            pr_geo_project(d->lon, d->lat, &mx, &my);
            sx += mx;
            sy += my;
            cnt++;
        }
        k++;
        if (!cnt) continue;   /* overseas only: its inset is coloured */
        double cx = t.ox + t.s * sx / (double)cnt, cy = t.oy + t.s * sy / (double)cnt;
        for (int tries = 0; tries < 6; tries++) {
            int clash = 0;
            for (size_t q = 0; q < placed; q++)
                if (hypot(px[q] - cx, py[q] - cy) < 2 * r + 1) clash = 1;
            if (!clash) break;
            cy += 2 * r + 1;
        }
        px[placed] = cx;
        py[placed] = cy;
        placed++;
        pr_paint disc = pr_paint_fill(PR_RGB(0xFF, 0xFF, 0xFF));
        disc.opacity = HALO_OPACITY + 0.05;
        pr_doc_circle(doc, page, cx, cy, r, &disc);
        char num[24];
        snprintf(num, sizeof num, "%zu", k);
        double w = pr_map_text_width(st, 1, size, num);
        pr_doc_text(doc, page, st->font_bold, size, st->text, cx - w / 2, cy + size * 0.36, num);
    }
    free(px);
    free(py);
}

/* The local-networks map. */
void pr_map_networks(pr_doc *doc, int page, pr_box box, const pr_model *m,
                     const pr_figures *f, const pr_map_style *style, pr_map_info *info)
{
    pr_map_style st = complete_style(style);
    size_t nd = pr_geo_departement_count();
    /* first[i]: index (among active networks) of the first network covering
     * département i, or -1; extra colours for the others */
    int *first = pr_malloc(nd * sizeof *first);
    size_t *n_cover = pr_calloc(nd, sizeof *n_cover);
    pr_rgb *fills = pr_malloc(nd * sizeof *fills);
    unsigned char *mark = pr_malloc(nd);
    for (size_t i = 0; i < nd; i++) first[i] = -1;
    size_t n_active = 0;
    for (size_t j = 0; j < m->n_local_networks; j++)
        n_active += m->local_networks[j].active != 0;
    /* cover[a * nd + i]: active network a covers département i (computed
     * once: the loops below would otherwise redo it per département) */
    unsigned char *cover = pr_calloc(n_active ? n_active * nd : 1, 1);
    n_active = 0;
    for (size_t j = 0; j < m->n_local_networks; j++) {
        const pr_local_network *n = &m->local_networks[j];
        if (!n->active) continue;
        network_cover(n, cover + n_active * nd);
        for (size_t i = 0; i < nd; i++) {
            if (!cover[n_active * nd + i]) continue;
            if (first[i] < 0) first[i] = (int)n_active;
            n_cover[i]++;
        }
        n_active++;
    }
    int any_uncovered = 0, any_shared = 0;
    for (size_t i = 0; i < nd; i++) {
        fills[i] = first[i] >= 0 ? network_fill((size_t)first[i], n_active) : PR_MAP_NEUTRAL;
        if (first[i] < 0) any_uncovered = 1;
        if (n_cover[i] > 1) any_shared = 1;
    }
    if (f) {
        /* the figures' covered list is the same set */
        size_t covered = 0;
        for (size_t i = 0; i < nd; i++) covered += first[i] >= 0;
        assert(covered == f->n_covered);
        for (size_t k = 0; k < f->n_covered; k++) {
            const pr_departement *d = pr_geo_departement(f->covered[k]);
            assert(d && first[dept_index(d)] >= 0);
            (void)d;
        }
    }

    char *title = NULL, *source = NULL;
    if (!st.title) {
        title = m->report.year > 0 ? pr_asprintf("Les réseaux locaux actifs en %d", m->report.year)
                                   : pr_strdup("Les réseaux locaux actifs");
    }
    if (!st.source) source = default_source(m);
    frame fr = draw_frame(doc, page, box, &st, st.title ? st.title : title,
                          st.source ? st.source : source);

    /* legend column on the right */
    pr_box legend = fr.body;
    legend.w = box.w * 0.34;
    if (legend.w > 210) legend.w = 210;
    legend.x = box.x + box.w - legend.w;
    double lh = networks_legend(doc, page, &st, legend, m, n_active, any_uncovered, any_shared, 0);
    if (lh < legend.h) legend.y += (legend.h - lh) / 2;
    networks_legend(doc, page, &st, legend, m, n_active, any_uncovered, any_shared, 1);

    /* overseas insets, then the metropolitan map */
    pr_box area = fr.body;
    area.w = legend.x - GAP - area.x;
    pr_box insets[8];
    const pr_departement *over[8];
    size_t n_over = 0;
    for (size_t i = 0; i < nd && n_over < 8; i++)
        if (pr_geo_departement_at(i)->overseas) over[n_over++] = pr_geo_departement_at(i);
    area = place_insets(area, n_over, insets);
    for (size_t k = 0; k < n_over; k++) {
        size_t i = dept_index(over[k]);
        draw_inset(doc, page, &st, insets[k], over[k], fills[i], 0);
        if (n_cover[i] > 1) {
            /* a few stripes in the other networks' colours */
            pr_paint line = pr_paint_stroke(pr_map_network_color(0), HATCH_WIDTH);
            size_t extra = 0;
            for (size_t a = 0; a < n_active && extra < PR_MAP_PALETTE_SIZE; a++) {
                if (cover[a * nd + i] && (int)a != first[i]) {
                    line.stroke = network_fill(a, n_active);
                    double x = insets[k].x + 3 + 3 * (double)extra++;
                    pr_doc_line(doc, page, x, insets[k].y + insets[k].h - 1, x + 4,
                                insets[k].y + insets[k].h - 5, &line);
                }
            }
        }
    }
    xform t = fit(area);
    draw_departements(doc, page, t, fills);

    size_t n_shared = 0;
    for (size_t i = 0; i < nd; i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        if (d->overseas || n_cover[i] < 2) continue;
        pr_rgb colors[PR_MAP_PALETTE_SIZE];
        size_t nc = 0;
        for (size_t a = 0; a < n_active && nc < PR_MAP_PALETTE_SIZE; a++) {
            if (cover[a * nd + i] && (int)a != first[i]) {
                pr_rgb c = network_fill(a, n_active);
                int dup = c == fills[i];
                for (size_t q = 0; q < nc; q++) dup |= colors[q] == c;
                if (!dup) colors[nc++] = c;
            }
        }
        draw_stripes(doc, page, t, d->code, colors, nc);
        n_shared++;
    }
    draw_region_borders(doc, page, t);
    network_numbers(doc, page, &st, t, m, n_active, mark);

    if (info) {
        double x0, y0, x1, y1;
        pr_geo_bounds(&x0, &y0, &x1, &y1);
        memset(info, 0, sizeof *info);
        info->scale = t.s;
        info->ox = t.ox;
        info->oy = t.oy;
        info->map = (pr_box){t.ox + t.s * x0, t.oy + t.s * y0, t.s * (x1 - x0), t.s * (y1 - y0)};
        info->n_networks = n_active;
        info->n_shared = n_shared;
        for (size_t i = 0; i < nd; i++)
            if (pr_geo_departement_at(i)->overseas && n_cover[i] > 1) info->n_shared++;
    }
    free(cover);
    free(title);
    free(source);
    free(first);
    free(n_cover);
    free(fills);
    free(mark);
}

/* ----------------------------------------------------------- officials map */

typedef struct rect {
    double x0, y0, x1, y1;
} rect;

/* 1 when two rectangles overlap (touching does not count). */
static int rect_overlap(rect a, rect b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* Overlap area of two rectangles. */
static double overlap_area(rect a, rect b)
{
    double w = fmin(a.x1, b.x1) - fmax(a.x0, b.x0), h = fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
    return w > 0 && h > 0 ? w * h : 0;
}

/* 1 when segment p-q crosses rectangle r (Liang-Barsky clipping). */
static int segment_hits(double px, double py, double qx, double qy, rect r)
{
    double t0 = 0, t1 = 1, dx = qx - px, dy = qy - py;
    double p[4] = {-dx, dx, -dy, dy}, q[4] = {px - r.x0, r.x1 - px, py - r.y0, r.y1 - py};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0) return 0;
            continue;
        }
        double u = q[i] / p[i];
        if (p[i] < 0) { if (u > t1) return 0; if (u > t0) t0 = u; }
        else { if (u < t0) return 0; if (u < t1) t1 = u; }
    }
    return t0 < t1;
}

/* Orientation of the triangle a, b, c (sign of the cross product). */
static double orient(double ax, double ay, double bx, double by, double cx, double cy)
{
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* 1 when segments p1-p2 and q1-q2 cross properly (a shared end does not
 * count). */
static int segments_cross(double p1x, double p1y, double p2x, double p2y, double q1x, double q1y,
                          double q2x, double q2y)
{
    double d1 = orient(q1x, q1y, q2x, q2y, p1x, p1y), d2 = orient(q1x, q1y, q2x, q2y, p2x, p2y);
    double d3 = orient(p1x, p1y, p2x, p2y, q1x, q1y), d4 = orient(p1x, p1y, p2x, p2y, q2x, q2y);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

typedef struct marker {
    const pr_official *o;
    double x, y;          /* page position */
    int exact;            /* commune coordinates given */
    char *label;          /* "Prénom NOM" */
    const char *sub;      /* second line (the commune), or NULL */
    double w, h;          /* label size, halo included */
    rect box;             /* placed label (halo bounds) */
    int align;            /* text in the box: 0 left, 1 centre, 2 right */
    int leader;           /* 1 when a leader line joins marker and label */
    double lx, ly;        /* leader end, on the label side */
    int crowd;            /* markers within 40 pt (placement order) */
    size_t index;         /* data order (tie-break) */
} marker;

/* Crowded markers first, then data order. */
static int cmp_crowd(const void *a, const void *b)
{
    const marker *x = *(const marker *const *)a, *y = *(const marker *const *)b;
    if (x->crowd != y->crowd) return y->crowd - x->crowd;
    return (x->index > y->index) - (x->index < y->index);
}

/* A candidate label rectangle around marker k at distance d in direction
 * a (radians, y down); the leader end is returned in (*ex, *ey). */
static rect candidate(const marker *k, double d, double a, double *ex, double *ey, int *align)
{
    double c = cos(a), s = sin(a);
    double px = k->x + d * c, py = k->y + d * s;
    rect r;
    if (c > 0.35) {
        r.x0 = px;
        *align = 0;
    } else if (c < -0.35) {
        r.x0 = px - k->w;
        *align = 2;
    } else {
        r.x0 = px - k->w / 2;
        *align = 1;
    }
    if (s > 0.35) {
        r.y0 = py;
    } else if (s < -0.35) {
        r.y0 = py - k->h;
    } else {
        r.y0 = py - k->h / 2;
    }
    r.x1 = r.x0 + k->w;
    r.y1 = r.y0 + k->h;
    *ex = px;
    *ey = py;
    return r;
}

/* Cost of placing a label at r for marker k: 0 when free; large for
 * leaving the area, overlapping another label, marker or leader line. */
static double placement_cost(const marker *k, rect r, const marker *const *placed, size_t n_placed,
                             const marker *all, size_t n_all, rect area, int leader, double ex,
                             double ey)
{
    double cost = 0;
    if (r.x0 < area.x0 || r.y0 < area.y0 || r.x1 > area.x1 || r.y1 > area.y1) cost += 1e6;
    rect pad = {r.x0 - 1, r.y0 - 1, r.x1 + 1, r.y1 + 1};
    for (size_t i = 0; i < n_all; i++) {
        const marker *o = &all[i];
        rect mr = {o->x - MARKER_RADIUS - 0.5, o->y - MARKER_RADIUS - 0.5,
                   o->x + MARKER_RADIUS + 0.5, o->y + MARKER_RADIUS + 0.5};
        if (rect_overlap(pad, mr)) cost += 1000 + overlap_area(pad, mr);
        /* a leader may not cross another marker, except those touching
         * this one (it cannot avoid them) */
        if (leader && o != k && hypot(o->x - k->x, o->y - k->y) > 2 * MARKER_RADIUS + 1 &&
            segment_hits(k->x, k->y, ex, ey, mr))
            cost += 500;
    }
    for (size_t i = 0; i < n_placed; i++) {
        const marker *o = placed[i];
        if (rect_overlap(pad, o->box)) cost += 1000 + overlap_area(pad, o->box);
        if (o->leader && segment_hits(o->x, o->y, o->lx, o->ly, pad)) cost += 500;
        if (leader && segment_hits(k->x, k->y, ex, ey, o->box)) cost += 500;
        if (leader && o->leader && segments_cross(k->x, k->y, ex, ey, o->x, o->y, o->lx, o->ly))
            cost += 100;   /* crossing leaders: allowed, but avoided */
    }
    return cost;
}

/* One greedy pass: place the labels in `order`; returns the number that
 * could not avoid an overlap, and counts the leaders. */
static size_t place_pass(marker *mk, size_t n, marker **order, rect area, int *failed,
                         size_t *n_leaders)
{
    static const double ring[] = {0, 12, 22, 34, 48, 64, 82, 104};
    /* near positions: E, W, NE, NW, SE, SW, N, S */
    static const double near_dir[] = {0, 180, -45, -135, 45, 135, -90, 90};
    const double pi = 3.14159265358979323846;
    const marker **placed = pr_malloc((n ? n : 1) * sizeof *placed);
    size_t overlaps = 0;
    *n_leaders = 0;
    for (size_t i = 0; i < n; i++) {
        marker *k = order[i];
        double best = INFINITY, bx = 0, by = 0;
        rect br = {0, 0, 0, 0};
        int bl = 0, balign = 0;
        for (size_t ri = 0; ri < sizeof ring / sizeof ring[0] && best > 0; ri++) {
            int near = ring[ri] == 0;
            size_t nd = near ? 8 : 24;
            for (size_t di = 0; di < nd; di++) {
                double a = near ? near_dir[di] * pi / 180 : (double)di * 2 * pi / 24;
                double d = near ? MARKER_RADIUS + 1.5 : ring[ri];
                double ex, ey;
                int align;
                rect r = candidate(k, d, a, &ex, &ey, &align);
                double c = placement_cost(k, r, placed, i, mk, n, area, !near, ex, ey);
                c += near ? 0 : ring[ri] * 0.01;   /* prefer closer spots */
                if (c < best) {
                    best = c;
                    br = r;
                    bx = ex;
                    by = ey;
                    bl = !near;
                    balign = align;
                }
                if (c == 0) break;
            }
        }
        k->box = br;
        k->align = balign;
        k->leader = bl;
        k->lx = bx;
        k->ly = by;
        if (bl) (*n_leaders)++;
        failed[k - mk] = best >= 500;
        if (best >= 500) overlaps++;
        placed[i] = k;
    }
    free(placed);
    return overlaps;
}

/* Place every label: around the marker first (8 positions), then farther
 * away with a leader line (rings of 24 directions); the first free spot
 * wins, else the cheapest. Crowded markers go first; when some labels
 * fail, they go first in another pass (up to 6), and the best pass is
 * kept. */
static void place_labels(marker *mk, size_t n, rect area, size_t *n_leaders, size_t *n_overlaps)
{
    marker **order = pr_malloc((n ? n : 1) * sizeof *order);
    marker **next = pr_malloc((n ? n : 1) * sizeof *next);
    marker *best = pr_malloc((n ? n : 1) * sizeof *best);
    int *failed = pr_calloc(n ? n : 1, sizeof *failed);
    for (size_t i = 0; i < n; i++) {
        order[i] = &mk[i];
        mk[i].crowd = 0;
        for (size_t j = 0; j < n; j++)
            if (j != i && hypot(mk[i].x - mk[j].x, mk[i].y - mk[j].y) < 40) mk[i].crowd++;
    }
    qsort(order, n, sizeof *order, cmp_crowd);
    size_t best_over = (size_t)-1, best_leaders = 0;
    for (int pass = 0; pass < 6; pass++) {
        size_t leaders;
        size_t over = place_pass(mk, n, order, area, failed, &leaders);
        if (over < best_over || (over == best_over && leaders < best_leaders)) {
            best_over = over;
            best_leaders = leaders;
            memcpy(best, mk, n * sizeof *best);
        }
        if (over == 0) break;
        /* the failed labels first, in their previous order, then the rest */
        size_t k = 0;
        for (size_t i = 0; i < n; i++) if (failed[order[i] - mk]) next[k++] = order[i];
        for (size_t i = 0; i < n; i++) if (!failed[order[i] - mk]) next[k++] = order[i];
        memcpy(order, next, n * sizeof *order);
    }
    if (n) memcpy(mk, best, n * sizeof *mk);
    *n_leaders = best_leaders;
    *n_overlaps = n ? best_over : 0;
    free(order);
    free(next);
    free(best);
    free(failed);
}

/* Above this many officials, names cannot be placed legibly on the map
 * (the report's cards list them): one disc per département, sized by its
 * number of officials, replaces the individual markers and labels. This
 * also keeps the map linear in the number of officials. */
#define MAX_LABELLED_OFFICIALS 40

/* Aggregated officials: a disc per département with its count, at
 * (px[i], py[i]) for each département i that has officials. Returns the
 * number of discs drawn. */
static size_t draw_official_counts(pr_doc *doc, int page, const pr_map_style *st,
                                   const size_t *count, const double *px, const double *py,
                                   size_t nd)
{
    size_t drawn = 0;
    for (size_t i = 0; i < nd; i++) {
        if (!count[i]) continue;
        double r = MARKER_RADIUS * (1.2 + 0.9 * sqrt((double)count[i]));
        if (r > MARKER_RADIUS * 6) r = MARKER_RADIUS * 6;
        pr_paint paint = pr_paint_fill(st->marker);
        paint.stroke = PR_RGB(0xFF, 0xFF, 0xFF);
        paint.line_width = 0.6;
        paint.opacity = 0.9;
        pr_doc_circle(doc, page, px[i], py[i], r, &paint);
        char num[24];
        snprintf(num, sizeof num, "%zu", count[i]);
        double fs = r * 0.95 < st->label_size * 1.2 ? r * 0.95 : st->label_size * 1.2;
        double w = pr_map_text_width(st, 1, fs, num);
        pr_doc_text(doc, page, st->font_bold, fs, PR_RGB(0xFF, 0xFF, 0xFF), px[i] - w / 2,
                    py[i] + fs * 0.35, num);
        drawn++;
    }
    return drawn;
}

/* The officials' map. */
void pr_map_officials(pr_doc *doc, int page, pr_box box, const pr_model *m,
                      const pr_map_style *style, pr_map_info *info)
{
    pr_map_style st = complete_style(style);
    size_t nd = pr_geo_departement_count();
    char *source = st.source ? NULL : default_source(m);
    frame fr = draw_frame(doc, page, box, &st,
                          st.title ? st.title : "Les territoires des élus engagés",
                          st.source ? st.source : source);

    /* legend line at the bottom of the body: filled / hollow marker */
    int any_exact = 0, any_anchor = 0;
    for (size_t i = 0; i < m->n_officials; i++) {
        if (m->officials[i].has_coords) any_exact = 1; else any_anchor = 1;
    }
    double size = st.label_size;
    pr_box body = fr.body;
    int aggregated = m->n_officials > MAX_LABELLED_OFFICIALS;
    if (aggregated) {
        const char *label = "Nombre d'élus par département";
        double ly = body.y + body.h - size * 0.4, lx = body.x + MARKER_RADIUS;
        pr_paint paint = pr_paint_fill(st.marker);
        pr_doc_circle(doc, page, lx, ly - size * 0.3, MARKER_RADIUS, &paint);
        pr_doc_text(doc, page, st.font, size, st.muted, lx + MARKER_RADIUS + 3, ly, label);
        body.h -= size * 1.6 + GAP * 0.5;
    } else if (m->n_officials) {
        double ly = body.y + body.h - size * 0.4, lx = body.x + MARKER_RADIUS;
        const char *labels[2] = {"Commune de l'élu", "Département de l'élu (commune non localisée)"};
        int show[2] = {any_exact, any_anchor};
        for (int j = 0; j < 2; j++) {
            if (!show[j]) continue;
            pr_paint paint = pr_paint_fill(j == 0 ? st.marker : PR_RGB(0xFF, 0xFF, 0xFF));
            paint.stroke = j == 0 ? PR_RGB(0xFF, 0xFF, 0xFF) : st.marker;
            paint.line_width = j == 0 ? 0.6 : 1.0;
            pr_doc_circle(doc, page, lx, ly - size * 0.3, MARKER_RADIUS, &paint);
            pr_doc_text(doc, page, st.font, size, st.muted, lx + MARKER_RADIUS + 3, ly, labels[j]);
            lx += MARKER_RADIUS * 2 + 3 + pr_map_text_width(&st, 0, size, labels[j]) + 12;
        }
        body.h -= size * 1.6 + GAP * 0.5;
    }

    /* overseas insets only for the overseas départements with officials */
    const pr_departement *over[8];
    size_t n_over = 0;
    for (size_t i = 0; i < nd && n_over < 8; i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        if (!d->overseas) continue;
        for (size_t k = 0; k < m->n_officials; k++) {
            if (strcmp(m->officials[k].departement, d->code) == 0) {
                over[n_over++] = d;
                break;
            }
        }
    }
    pr_box insets[8];
    pr_box area = body;
    area = place_insets(area, n_over, insets);
    for (size_t k = 0; k < n_over; k++) draw_inset(doc, page, &st, insets[k], over[k], PR_MAP_NEUTRAL, 1);
    /* leave room around the map for labels */
    pr_box inner = {area.x + 6, area.y + 6, area.w - 12, area.h - 12};
    if (inner.w < 10 || inner.h < 10) inner = area;
    xform t = fit(inner);
    pr_rgb *fills = pr_malloc(nd * sizeof *fills);
    for (size_t i = 0; i < nd; i++) fills[i] = PR_MAP_NEUTRAL;
    draw_departements(doc, page, t, fills);
    draw_region_borders(doc, page, t);
    free(fills);

    if (aggregated) {
        size_t *count = pr_calloc(nd, sizeof *count);
        double *px = pr_calloc(nd, sizeof *px), *py = pr_calloc(nd, sizeof *py);
        for (size_t i = 0; i < m->n_officials; i++) {
            const pr_departement *d = pr_geo_departement(m->officials[i].departement);
            for (size_t k = 0; d && k < nd; k++)
                if (pr_geo_departement_at(k) == d) { count[k]++; break; }
        }
        for (size_t k = 0; k < nd; k++) {
            const pr_departement *d = pr_geo_departement_at(k);
            if (!count[k]) continue;
            size_t slot = n_over;
            for (size_t j = 0; j < n_over; j++) if (over[j] == d) slot = j;
            if (slot < n_over) {
                px[k] = insets[slot].x + insets[slot].w / 2;
                py[k] = insets[slot].y + insets[slot].h * 0.62;
            } else {
                double mx, my;
                pr_geo_project(d->lon, d->lat, &mx, &my);
                px[k] = t.ox + t.s * mx;
                py[k] = t.oy + t.s * my;
            }
        }
        size_t drawn = draw_official_counts(doc, page, &st, count, px, py, nd);
        if (info) {
            double x0, y0, x1, y1;
            pr_geo_bounds(&x0, &y0, &x1, &y1);
            memset(info, 0, sizeof *info);
            info->scale = t.s;
            info->ox = t.ox;
            info->oy = t.oy;
            info->map = (pr_box){t.ox + t.s * x0, t.oy + t.s * y0, t.s * (x1 - x0), t.s * (y1 - y0)};
            info->n_markers = drawn;
            info->aggregated = 1;
        }
        free(count);
        free(px);
        free(py);
        free(source);
        return;
    }

    /* markers */
    size_t n = m->n_officials;
    marker *mk = pr_calloc(n ? n : 1, sizeof *mk);
    size_t *same_so_far = pr_calloc(n_over ? n_over : 1, sizeof *same_so_far);
    for (size_t i = 0; i < n; i++) {
        const pr_official *o = &m->officials[i];
        const pr_departement *d = pr_geo_departement(o->departement);
        marker *k = &mk[i];
        k->o = o;
        k->index = i;
        k->exact = o->has_coords;
        if (d && d->overseas) {
            size_t slot = 0;
            for (size_t j = 0; j < n_over; j++) if (over[j] == d) slot = j;
            size_t same = same_so_far[slot]++;
            pr_box b = insets[slot];
            k->x = b.x + b.w / 2 + ((double)same - 0.0) * (MARKER_RADIUS * 2.5);
            k->y = b.y + b.h * 0.62;
        } else {
            double lat = o->has_coords ? o->lat : (d ? d->lat : 46.5);
            double lon = o->has_coords ? o->lon : (d ? d->lon : 2.5);
            double mx, my;
            pr_geo_project(lon, lat, &mx, &my);
            k->x = t.ox + t.s * mx;
            k->y = t.oy + t.s * my;
        }
        const char *first = o->first_name ? o->first_name : "";
        const char *last = o->last_name ? o->last_name : "";
        k->label = pr_asprintf("%s%s%s", first, *first && *last ? " " : "", last);
        k->sub = o->commune && *o->commune ? o->commune : NULL;
        k->w = pr_map_text_width(&st, 1, size, k->label);
        k->h = size;
        if (k->sub) {
            double sw = pr_map_text_width(&st, 0, size * SUB_SCALE, k->sub);
            if (sw > k->w) k->w = sw;
            k->h += size * SUB_SCALE * 1.1;
        }
        k->w += 2 * HALO_X;
        k->h += 2 * HALO_Y;
    }
    rect bounds = {body.x, body.y, body.x + body.w, body.y + body.h};
    size_t n_leaders = 0, n_overlaps = 0;
    place_labels(mk, n, bounds, &n_leaders, &n_overlaps);
    for (size_t i = 0; i < n; i++) {
        marker *k = &mk[i];
        if (k->leader) {
            pr_paint line = pr_paint_stroke(st.marker, 0.4);
            double dx = k->lx - k->x, dy = k->ly - k->y, len = hypot(dx, dy);
            double sx = k->x + dx / len * MARKER_RADIUS, sy = k->y + dy / len * MARKER_RADIUS;
            pr_doc_line(doc, page, sx, sy, k->lx, k->ly, &line);
        }
    }
    for (size_t i = 0; i < n; i++) {
        marker *k = &mk[i];
        pr_paint paint = pr_paint_fill(k->exact ? st.marker : PR_RGB(0xFF, 0xFF, 0xFF));
        paint.stroke = k->exact ? PR_RGB(0xFF, 0xFF, 0xFF) : st.marker;
        paint.line_width = k->exact ? 0.6 : 1.0;
        pr_doc_circle(doc, page, k->x, k->y, MARKER_RADIUS, &paint);
    }
    for (size_t i = 0; i < n; i++) {
        marker *k = &mk[i];
        /* a white halo keeps the name legible over the borders */
        pr_paint halo = pr_paint_fill(PR_RGB(0xFF, 0xFF, 0xFF));
        halo.opacity = HALO_OPACITY;
        pr_doc_rect(doc, page, (pr_box){k->box.x0, k->box.y0, k->box.x1 - k->box.x0,
                                        k->box.y1 - k->box.y0}, 2, &halo);
        /* the lines span the text's ascent and descent inside the halo */
        double inner = k->box.x1 - k->box.x0 - 2 * HALO_X;
        double nw = pr_map_text_width(&st, 1, size, k->label);
        double nx = k->box.x0 + HALO_X + (k->align == 2 ? inner - nw : k->align == 1 ? (inner - nw) / 2 : 0);
        pr_doc_text(doc, page, st.font_bold, size, st.text, nx, k->box.y0 + HALO_Y + size * 0.78, k->label);
        if (k->sub) {
            double ss = size * SUB_SCALE;
            double sw = pr_map_text_width(&st, 0, ss, k->sub);
            double sx = k->box.x0 + HALO_X + (k->align == 2 ? inner - sw : k->align == 1 ? (inner - sw) / 2 : 0);
            pr_doc_text(doc, page, st.font, ss, st.muted, sx,
                        k->box.y0 + HALO_Y + size + ss * 1.1 * 0.78, k->sub);
        }
        free(k->label);
    }
    if (info) {
        double x0, y0, x1, y1;
        pr_geo_bounds(&x0, &y0, &x1, &y1);
        memset(info, 0, sizeof *info);
        info->scale = t.s;
        info->ox = t.ox;
        info->oy = t.oy;
        info->map = (pr_box){t.ox + t.s * x0, t.oy + t.s * y0, t.s * (x1 - x0), t.s * (y1 - y0)};
        info->n_markers = n;
        info->n_leaders = n_leaders;
        info->n_overlaps = n_overlaps;
    }
    free(same_so_far);
    free(mk);
    free(source);
}
