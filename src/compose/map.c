/* map.c — the local-networks map and the officials' map, drawn as vector
 * operations into the display list (see map.h for what each shows).
 *
 * Shared pieces: the frame (title on top, source line at the bottom), the
 * metropolitan base map (département fills with thin borders, région
 * borders computed from the outlines: an edge is drawn when the two
 * départements along it belong to different régions or when it has only
 * one side), the overseas insets (each département's own outline at its
 * own scale, its name inside the inset), the colour rules (a network's
 * colour from its id, text colour from WCAG contrast) and text helpers
 * (measure, wrap). */
#include "compose/map.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/geo.h"
#include "base/util.h"

#define BORDER_COLOR PR_RGB(0xFF, 0xFF, 0xFF)   /* département borders */
#define REGION_COLOR PR_RGB(0x4D, 0x4D, 0x4D)   /* région borders, coast */
#define INSET_STROKE PR_RGB(0x9A, 0x9A, 0x9A)
#define INSET_FILL PR_RGB(0xFF, 0xFF, 0xFF)     /* inset background */
#define DEPT_BORDER_WIDTH 0.35
#define REGION_BORDER_WIDTH 0.75
#define COAST_WIDTH 0.5                         /* overseas outlines */
#define HATCH_SPACING 3.2                       /* points between stripes */
#define HATCH_WIDTH 1.1
#define MARKER_RADIUS 2.6
#define GAP 8.0                                 /* between frame parts */
#define HALO_X 2.2                              /* label halo padding (points) */
#define HALO_Y 1.3
#define HALO_OPACITY 0.85                       /* white box under each label */
#define SUB_SCALE 0.86                          /* commune line / name size */
#define WHITE PR_RGB(0xFF, 0xFF, 0xFF)
#define BLACK PR_RGB(0x00, 0x00, 0x00)

/* ------------------------------------------------------------ colours */

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

/* The i-th palette colour. */
pr_rgb pr_map_palette(size_t i)
{
    assert(i < PR_MAP_PALETTE_SIZE);
    return palette[i];
}

/* FNV-1a (32 bits) of the id's bytes, modulo the palette size. */
size_t pr_map_network_color_index(const char *id)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)(id ? id : ""); *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return h % PR_MAP_PALETTE_SIZE;
}

/* Colour of a network, from its id alone. */
pr_rgb pr_map_network_color(const char *id)
{
    return palette[pr_map_network_color_index(id)];
}

/* WCAG 2 relative luminance of an sRGB colour. */
static double luminance(pr_rgb c)
{
    double v[3];
    for (int i = 0; i < 3; i++) {
        double s = (double)((c >> (16 - 8 * i)) & 0xFF) / 255.0;
        v[i] = s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* WCAG 2 contrast ratio of two colours (1 to 21). */
double pr_map_contrast(pr_rgb a, pr_rgb b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* White or `dark`, whichever contrasts more with `fill`; black when
 * neither reaches 4.5:1 and black does better. */
pr_rgb pr_map_text_on(pr_rgb fill, pr_rgb dark)
{
    double cw = pr_map_contrast(fill, WHITE), cd = pr_map_contrast(fill, dark);
    pr_rgb best = cw >= cd ? WHITE : dark;
    double c = cw >= cd ? cw : cd;
    if (c < PR_MAP_MIN_CONTRAST && pr_map_contrast(fill, BLACK) > c) best = BLACK;
    return best;
}

/* ------------------------------------------------------------- style */

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

/* Length in bytes of the longest prefix of s[0..n) (whole code points, at
 * least one) no wider than `width`. */
static size_t fitting_prefix(const pr_map_style *st, int bold, double size, const char *s, size_t n,
                             double width)
{
    size_t best = 0;
    for (size_t i = 0; i < n;) {
        unsigned cp;
        int k = pr_utf8_decode(s + i, n - i, &cp);
        size_t next = i + (k > 0 ? (size_t)k : 1);
        if (best && width_n(st, bold, size, s, next) > width) break;
        best = next;
        i = next;
    }
    return best;
}

/* Where to cut a word s[0..n) too wide for a line `width` wide: after its
 * last hyphen that fits ("Alpes-de-Haute-" / "Provence,"), else between
 * two characters, never just before a punctuation mark (a line does not
 * start with ", animé"). */
static size_t word_cut(const pr_map_style *st, int bold, double size, const char *s, size_t n,
                       double width)
{
    size_t fit = fitting_prefix(st, bold, size, s, n, width);
    for (size_t k = fit; k-- > 1;)
        if (s[k] == '-' && k + 1 < n) return k + 1;
    while (fit > 1 && fit < n && strchr(",.;:!?)»", s[fit])) {
        size_t back = fit - 1;
        while (back > 0 && ((unsigned char)s[back] & 0xC0) == 0x80) back--;
        fit = back;
    }
    return fit;
}

/* Greedy word wrap of s into lines at most `width` wide: stores the start
 * and length of up to `max` lines and returns the number of lines needed
 * (which may exceed max). A word wider than the line is cut (word_cut), so
 * no line is ever wider than `width` (unless a single character is). */
static size_t wrap(const pr_map_style *st, int bold, double size, const char *s, double width,
                   size_t *start, size_t *len, size_t max)
{
    size_t n = 0, i = 0, total = strlen(s);
    while (i < total) {
        while (i < total && s[i] == ' ') i++;
        if (i >= total) break;
        size_t end = i, best = 0;
        while (end < total) {
            size_t next = end;
            while (next < total && s[next] == ' ') next++;
            while (next < total && s[next] != ' ') next++;
            /* a dash between names ends its line, never starts one */
            while (next + 4 <= total && s[next] == ' ' && !memcmp(s + next + 1, "\xe2\x80\x93", 3) &&
                   (next + 4 == total || s[next + 4] == ' '))
                next += 4;
            if (width_n(st, bold, size, s + i, next - i) > width) {
                /* a first word too wide for the line: cut it */
                if (!best) best = word_cut(st, bold, size, s + i, next - i, width);
                break;
            }
            best = next - i;
            end = next;
        }
        if (n < max) {
            start[n] = i;
            len[n] = best;
        }
        n++;
        i += best;
    }
    return n;
}

#define MAX_LINES 24

/* Draw wrapped text with its first line's top at y; returns the height. */
static double draw_wrapped(pr_doc *doc, int page, const pr_map_style *st, int bold, double size,
                           pr_rgb color, double x, double y, double width, const char *s)
{
    size_t start[MAX_LINES], len[MAX_LINES];
    size_t n = wrap(st, bold, size, s, width, start, len, MAX_LINES);
    if (n > MAX_LINES) n = MAX_LINES;
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
    size_t start[MAX_LINES], len[MAX_LINES];
    size_t n = wrap(st, bold, size, s, width, start, len, MAX_LINES);
    if (n > MAX_LINES) n = MAX_LINES;
    return size * 1.2 * (double)n;
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

/* Fit the map-unit box (x0, y0)-(x1, y1) into `area`, centred. */
static xform fit_bounds(pr_box area, double x0, double y0, double x1, double y1)
{
    xform t;
    double sx = area.w / (x1 - x0), sy = area.h / (y1 - y0);
    t.s = sx < sy ? sx : sy;
    if (t.s < 0) t.s = 0;
    t.ox = area.x + (area.w - t.s * (x1 - x0)) / 2 - t.s * x0;
    t.oy = area.y + (area.h - t.s * (y1 - y0)) / 2 - t.s * y0;
    return t;
}

/* Fit the metropolitan bounds into `area`, centred. */
static xform fit(pr_box area)
{
    double x0, y0, x1, y1;
    pr_geo_bounds(&x0, &y0, &x1, &y1);
    return fit_bounds(area, x0, y0, x1, y1);
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

/* Draw the région borders and the outer edges of the metropolitan map as
 * one stroked path: an edge is drawn if it has one side only (coast,
 * frontier) or if the départements on its two sides are in different
 * régions. */
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

/* Keep (*x, *y) at least `pad` inside box b. */
static void keep_inside(double *x, double *y, pr_box b, double pad)
{
    if (*x > b.x + b.w - pad) *x = b.x + b.w - pad;
    if (*x < b.x + pad) *x = b.x + pad;
    if (*y > b.y + b.h - pad) *y = b.y + b.h - pad;
    if (*y < b.y + pad) *y = b.y + pad;
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
 * at the bottom, whichever leaves the larger metropolitan map (the column
 * wins while its map is at least `col_bias` times the row's); returns the
 * area left for that map. */
static pr_box place_insets(pr_box area, size_t n, pr_box *boxes, double col_bias)
{
    if (n == 0) return area;
    double gap = 6;
    /* column: boxes 44 to 72 pt wide (at most a third of the area), at
     * most as tall as wide */
    double cw = area.w * 0.16;
    if (cw > 72) cw = 72;
    if (cw < 44) cw = 44;
    if (cw > area.w / 3) cw = area.w / 3;
    double ch = (area.h - gap * (double)(n - 1)) / (double)n;
    if (ch > cw) ch = cw;
    pr_box col_rest = {area.x + cw + GAP, area.y, area.w - cw - GAP, area.h};
    /* row: boxes sharing the width, at most 76 pt wide, 0.8 as tall as
     * wide, at most 58 pt (and a third of the area) */
    double rw = (area.w - gap * (double)(n - 1)) / (double)n;
    if (rw > 76) rw = 76;
    double rh = rw * 0.8;
    if (rh > 58) rh = 58;
    if (rh > area.h / 3) rh = area.h / 3;
    pr_box row_rest = {area.x, area.y, area.w, area.h - rh - GAP};
    if (fit_scale(col_rest) >= col_bias * fit_scale(row_rest)) {
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
    if (left + total > area.x + area.w) left = area.x + (area.w - total) / 2;
    double top = row_rest.y + (row_rest.h + map_h) / 2 + GAP;
    for (size_t i = 0; i < n; i++)
        boxes[i] = (pr_box){left + (double)i * (rw + gap), top, rw, rh};
    return row_rest;
}

/* An overseas inset: its box, the département's name on top (shrunk to
 * the box's width) and the transform that fits the outline under it. */
typedef struct inset {
    const pr_departement *d;
    pr_box box;
    double name_size, name_x, name_baseline;
    pr_box shape;      /* where the outline is fitted */
    xform t;           /* map units -> page, for this inset */
} inset;

/* Lay out an inset in box b. */
static inset layout_inset(const pr_map_style *st, pr_box b, const pr_departement *d)
{
    inset in;
    in.d = d;
    in.box = b;
    double size = st->label_size * 0.9;
    if (size > b.h / 3) size = b.h / 3;
    double w = pr_map_text_width(st, 0, size, d->name);
    if (w > b.w - 4 && w > 0) {
        size *= (b.w - 4) / w;
        w = pr_map_text_width(st, 0, size, d->name);
    }
    in.name_size = size;
    in.name_x = b.x + (b.w - w) / 2;
    in.name_baseline = b.y + 2 + size * 0.8;
    double top = b.y + 2 + size * 1.2 + 1;
    in.shape = (pr_box){b.x + 3, top, b.w - 6, b.y + b.h - 3 - top};
    if (in.shape.h < 1) in.shape.h = 1;
    double x0 = 0, y0 = 0, x1 = 1, y1 = 1;
    pr_geo_outline_bounds(d->code, &x0, &y0, &x1, &y1);
    if (x1 <= x0) x1 = x0 + 1;
    if (y1 <= y0) y1 = y0 + 1;
    in.t = fit_bounds(in.shape, x0, y0, x1, y1);
    return in;
}

/* Draw an inset: white box, name, the outline filled with `fill` and
 * stroked like the coast. */
static void draw_inset(pr_doc *doc, int page, const pr_map_style *st, const inset *in, pr_rgb fill)
{
    pr_paint paint = pr_paint_fill(INSET_FILL);
    paint.stroke = INSET_STROKE;
    paint.line_width = 0.5;
    pr_doc_rect(doc, page, in->box, 2, &paint);
    pr_doc_text(doc, page, st->font, in->name_size, pr_map_text_on(INSET_FILL, st->text), in->name_x,
                in->name_baseline, in->d->name);
    pr_path p = {0};
    outline_path(&p, in->d->code, in->t);
    pr_paint shape = pr_paint_fill(fill);
    shape.stroke = REGION_COLOR;
    shape.line_width = COAST_WIDTH;
    shape.round_caps = 1;
    if (p.n) pr_doc_path(doc, page, &p, PR_FILL_EVENODD, &shape);
    pr_path_free(&p);
}

/* Page position of a map point in an inset. */
static void inset_point(const inset *in, double mx, double my, double *x, double *y)
{
    *x = in->t.ox + in->t.s * mx;
    *y = in->t.oy + in->t.s * my;
}

/* The overseas départements, in code order (at most 8). */
static size_t overseas_departements(const pr_departement **out)
{
    size_t n = 0;
    for (size_t i = 0; i < pr_geo_departement_count() && n < 8; i++)
        if (pr_geo_departement_at(i)->overseas) out[n++] = pr_geo_departement_at(i);
    return n;
}

/* Record the insets in the info. */
static void info_insets(pr_map_info *info, const inset *ins, size_t n)
{
    info->n_insets = n;
    for (size_t k = 0; k < n && k < 8; k++) {
        info->inset[k] = ins[k].box;
        info->inset_code[k] = ins[k].d->code;
    }
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

/* Heading of a group of networks of one scale (grouped legend). */
static const char *scale_heading(pr_scale s)
{
    switch (s) {
    case PR_SCALE_REGIONAL: return "Réseaux régionaux";
    case PR_SCALE_DEPARTMENTAL: return "Réseaux départementaux";
    case PR_SCALE_INTERDEPARTMENTAL: return "Réseaux interdépartementaux";
    }
    return "";
}

/* Scales in the order of a grouped legend. */
static const pr_scale scale_order[] = {PR_SCALE_REGIONAL, PR_SCALE_DEPARTMENTAL,
                                       PR_SCALE_INTERDEPARTMENTAL};

/* Indices (into m->local_networks) of the active networks in legend order:
 * data order, or with grouped = 1 grouped by scale (régional,
 * départemental, interdépartemental), data order within a group. `out`
 * holds m->n_local_networks entries; returns how many are active. */
static size_t legend_order(const pr_model *m, int grouped, size_t *out)
{
    size_t n = 0;
    for (size_t g = 0; g < (grouped ? 3u : 1u); g++) {
        for (size_t j = 0; j < m->n_local_networks; j++) {
            const pr_local_network *net = &m->local_networks[j];
            if (!net->active || (grouped && net->scale != scale_order[g])) continue;
            out[n++] = j;
        }
    }
    return n;
}

/* One legend layout: text size (as a fraction of the label size), number
 * of columns, and whether entries are grouped by scale under headings
 * (grouped) or carry their scale on a line of their own. Tried in this
 * order; the first one that holds every entry is used. */
typedef struct legend_cfg {
    double scale;
    int cols;
    int grouped;
} legend_cfg;

static const legend_cfg legend_cfgs[] = {
    {1.0, 1, 0}, {1.0, 1, 1}, {1.0, 2, 1}, {0.9, 2, 1}, {0.8, 2, 1}, {0.8, 3, 1}, {0.7, 3, 1},
};
#define N_LEGEND_CFGS (sizeof legend_cfgs / sizeof legend_cfgs[0])
#define MIN_LEGEND_SIZE 5.0      /* points: the legend text is never smaller */

/* Width of the legend with `cols` columns in a frame `w` wide. */
static double legend_width(double w, int cols)
{
    static const double frac[] = {0.34, 0.52, 0.64}, cap[] = {210, 330, 420};
    double lw = w * frac[cols - 1];
    return lw > cap[cols - 1] ? cap[cols - 1] : lw;
}

typedef enum { BLK_ENTRY, BLK_HEADING, BLK_SHARED, BLK_UNCOVERED, BLK_MORE } blk_kind;

/* A block of the legend: one network, a group heading or a closing line;
 * its height is measured on demand (h < 0: not yet). */
typedef struct blk {
    blk_kind kind;
    size_t entry;          /* BLK_ENTRY: position in legend order */
    pr_scale scale;        /* BLK_HEADING */
    double h;
    int col;               /* placement */
    double y;
} blk;

/* The legend being laid out. */
typedef struct legend {
    const pr_map_style *st;
    const pr_model *m;
    const size_t *order;   /* model indices in legend order */
    size_t n;              /* active networks */
    legend_cfg cfg;
    double size;           /* text size */
    double col_w, col_gap, sw, sh;
    blk *b;
    size_t nb;
    size_t more_from;      /* BLK_MORE: first network not in the legend */
} legend;

/* Text of the continuation line (entries from `from` on are listed under
 * the map). */
static char *more_text(size_t from, size_t n)
{
    if (from + 1 == n) return pr_asprintf("Réseau %zu\u00a0: voir sous la carte", n);
    return pr_asprintf("Réseaux %zu à %zu\u00a0: liste sous la carte", from + 1, n);
}

/* Labels of the closing lines. */
#define SHARED_LABEL "Département couvert par plusieurs réseaux (rayures)"
#define UNCOVERED_LABEL "Aucun réseau local actif"

/* Height of block b (measured once). */
static double blk_height(legend *L, blk *b)
{
    if (b->h >= 0) return b->h;
    const pr_map_style *st = L->st;
    double size = L->size, tw = L->col_w - L->sw - size * 0.7;
    switch (b->kind) {
    case BLK_ENTRY: {
        const pr_local_network *n = &L->m->local_networks[L->order[b->entry]];
        double h = wrapped_height(st, 0, size, tw, n->name);
        if (!L->cfg.grouped) h += wrapped_height(st, 0, size * 0.85, tw, scale_label(n->scale));
        if (h < L->sh + 1) h = L->sh + 1;
        b->h = h + size * (L->cfg.grouped ? 0.45 : 0.6);
        break;
    }
    case BLK_HEADING:
        b->h = wrapped_height(st, 1, size * 0.9, L->col_w, scale_heading(b->scale)) + size * 0.3;
        break;
    case BLK_SHARED:
    case BLK_UNCOVERED:
        b->h = wrapped_height(st, 0, size, tw, b->kind == BLK_SHARED ? SHARED_LABEL : UNCOVERED_LABEL) +
               size * 0.6;
        break;
    case BLK_MORE: {
        char *t = more_text(L->more_from, L->n);
        b->h = wrapped_height(st, 0, size, L->col_w, t) + size * 0.6;
        free(t);
        break;
    }
    }
    return b->h;
}

/* Place blocks [0, nb) in columns at most H tall, top to bottom, column
 * after column; a heading never ends a column. Returns the number of
 * columns used, stopping as soon as it exceeds max_cols. */
static int legend_fill(legend *L, blk *b, size_t nb, double H, int max_cols)
{
    int col = 0;
    double y = 0;
    for (size_t i = 0; i < nb; i++) {
        double h = blk_height(L, &b[i]);
        if (b[i].kind == BLK_HEADING && i + 1 < nb) h += blk_height(L, &b[i + 1]);
        if (y > 0 && y + h > H + 1e-9) {
            col++;
            y = 0;
            if (col >= max_cols) return col + 1;
        }
        if (h > H + 1e-9) return max_cols + 1;   /* taller than a column */
        b[i].col = col;
        b[i].y = y;
        y += blk_height(L, &b[i]);
    }
    return col + 1;
}

/* Build the blocks of the legend for its configuration: the entries (with
 * headings when grouped) up to `n_entries`, then the continuation line
 * when some are left out, then the closing lines. */
static void legend_blocks(legend *L, size_t n_entries, int any_shared, int any_uncovered)
{
    L->nb = 0;
    pr_scale last = PR_SCALE_REGIONAL;
    for (size_t e = 0; e < n_entries; e++) {
        const pr_local_network *n = &L->m->local_networks[L->order[e]];
        if (L->cfg.grouped && (e == 0 || n->scale != last))
            L->b[L->nb++] = (blk){BLK_HEADING, 0, n->scale, -1, 0, 0};
        last = n->scale;
        L->b[L->nb++] = (blk){BLK_ENTRY, e, PR_SCALE_REGIONAL, -1, 0, 0};
    }
    if (n_entries < L->n) {
        L->more_from = n_entries;
        L->b[L->nb++] = (blk){BLK_MORE, 0, PR_SCALE_REGIONAL, -1, 0, 0};
    }
    if (any_shared) L->b[L->nb++] = (blk){BLK_SHARED, 0, PR_SCALE_REGIONAL, -1, 0, 0};
    if (any_uncovered) L->b[L->nb++] = (blk){BLK_UNCOVERED, 0, PR_SCALE_REGIONAL, -1, 0, 0};
}

/* Set the configuration's sizes for a frame `w` wide. */
static void legend_configure(legend *L, legend_cfg cfg, double w)
{
    const pr_map_style *st = L->st;
    L->cfg = cfg;
    L->size = st->label_size * cfg.scale;
    if (L->size < MIN_LEGEND_SIZE) L->size = MIN_LEGEND_SIZE;
    if (L->size > st->label_size) L->size = st->label_size;
    L->col_gap = L->size * 1.2;
    L->col_w = (legend_width(w, cfg.cols) - L->col_gap * (cfg.cols - 1)) / cfg.cols;
    /* swatches wide enough for the largest number */
    char num[24];
    snprintf(num, sizeof num, "%zu", L->n);
    double nw = pr_map_text_width(st, 1, L->size * 0.85, num);
    L->sw = L->size * 1.6 > nw + 3 ? L->size * 1.6 : nw + 3;
    L->sh = L->size * 1.1;
}

/* Lay out the legend for a frame `frame_w` wide and a body `body_h`
 * tall: the first configuration that holds every network (with the data
 * order, or the grouped order when it groups), else the last one with as
 * many networks as fit and a continuation line. Returns the number of
 * networks in the legend; the blocks are placed (col, y) and *height is
 * the legend's height. */
static size_t legend_layout(legend *L, const size_t *order_data, const size_t *order_grouped,
                            double frame_w, double body_h, int any_shared, int any_uncovered,
                            double *height)
{
    size_t n_in = L->n;
    int found = 0;
    for (size_t c = 0; c < N_LEGEND_CFGS && !found; c++) {
        legend_cfg cfg = legend_cfgs[c];
        L->order = cfg.grouped ? order_grouped : order_data;
        legend_configure(L, cfg, frame_w);
        legend_blocks(L, L->n, any_shared, any_uncovered);
        found = legend_fill(L, L->b, L->nb, body_h, cfg.cols) <= cfg.cols;
    }
    if (!found) {
        /* continuation: the most entries that fit with the closing lines */
        size_t lo = 0, hi = L->n;   /* lo fits (or is 0), hi does not */
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            legend_blocks(L, mid, any_shared, any_uncovered);
            if (legend_fill(L, L->b, L->nb, body_h, L->cfg.cols) <= L->cfg.cols) lo = mid;
            else hi = mid;
        }
        n_in = lo;
        legend_blocks(L, n_in, any_shared, any_uncovered);
        legend_fill(L, L->b, L->nb, body_h, L->cfg.cols);
    } else if (L->cfg.cols > 1) {
        /* balance the columns: the shortest height that still holds them */
        double total = 0, tallest = 0;
        for (size_t i = 0; i < L->nb; i++) {
            double h = blk_height(L, &L->b[i]);
            total += h;
            if (h > tallest) tallest = h;
        }
        double H = total / L->cfg.cols > tallest ? total / L->cfg.cols : tallest;
        while (H < body_h && legend_fill(L, L->b, L->nb, H, L->cfg.cols) > L->cfg.cols) H += 1;
        legend_fill(L, L->b, L->nb, H < body_h ? H : body_h, L->cfg.cols);
    }
    double used = 0;
    for (size_t i = 0; i < L->nb; i++) {
        double bottom = L->b[i].y + blk_height(L, &L->b[i]);
        if (bottom > used) used = bottom;
    }
    *height = used;
    return n_in;
}

/* Draw the laid-out legend with its top-left corner at (x, y). */
static void legend_draw(legend *L, pr_doc *doc, int page, double x, double y, const pr_rgb *colors)
{
    const pr_map_style *st = L->st;
    double size = L->size, tw = L->col_w - L->sw - size * 0.7;
    for (size_t i = 0; i < L->nb; i++) {
        blk *b = &L->b[i];
        double bx = x + b->col * (L->col_w + L->col_gap), by = y + b->y, tx = bx + L->sw + size * 0.7;
        switch (b->kind) {
        case BLK_ENTRY: {
            const pr_local_network *n = &L->m->local_networks[L->order[b->entry]];
            pr_rgb c = colors[b->entry];
            pr_paint paint = pr_paint_fill(c);
            pr_doc_rect(doc, page, (pr_box){bx, by + 0.5, L->sw, L->sh}, 1, &paint);
            /* the number that marks the network on the map */
            char num[24];
            snprintf(num, sizeof num, "%zu", b->entry + 1);
            double ns = size * 0.85, nw = pr_map_text_width(st, 1, ns, num);
            pr_doc_text(doc, page, st->font_bold, ns, pr_map_text_on(c, st->text),
                        bx + (L->sw - nw) / 2, by + 0.5 + L->sh / 2 + ns * 0.36, num);
            double h = draw_wrapped(doc, page, st, 0, size, st->text, tx, by, tw, n->name);
            if (!L->cfg.grouped)
                draw_wrapped(doc, page, st, 0, size * 0.85, st->muted, tx, by + h, tw,
                             scale_label(n->scale));
            break;
        }
        case BLK_HEADING:
            draw_wrapped(doc, page, st, 1, size * 0.9, st->muted, bx, by, L->col_w,
                         scale_heading(b->scale));
            break;
        case BLK_SHARED: {
            pr_paint paint = pr_paint_fill(PR_MAP_NEUTRAL);
            pr_doc_rect(doc, page, (pr_box){bx, by + 0.5, L->sw, L->sh}, 1, &paint);
            for (int s = 1; s <= 3; s++) {
                pr_paint line = pr_paint_stroke(st->muted, 0.8);
                double x0 = bx + L->sw * s / 4.0, half = L->sh / 2;
                if (half > L->sw / 4.0) half = L->sw / 4.0;
                pr_doc_line(doc, page, x0 - half, by + 0.5 + L->sh, x0 + half, by + 0.5, &line);
            }
            draw_wrapped(doc, page, st, 0, size, st->text, tx, by, tw, SHARED_LABEL);
            break;
        }
        case BLK_UNCOVERED: {
            pr_paint paint = pr_paint_fill(PR_MAP_NEUTRAL);
            pr_doc_rect(doc, page, (pr_box){bx, by + 0.5, L->sw, L->sh}, 1, &paint);
            draw_wrapped(doc, page, st, 0, size, st->text, tx, by, tw, UNCOVERED_LABEL);
            break;
        }
        case BLK_MORE: {
            char *t = more_text(L->more_from, L->n);
            draw_wrapped(doc, page, st, 0, size, st->text, bx, by, L->col_w, t);
            free(t);
            break;
        }
        }
    }
}

/* A uniform grid over a box that finds the discs placed near a point in
 * constant time (keeps the numbers' placement linear). */
typedef struct disc_grid {
    double x0, y0, cell;
    size_t nx, ny;
    size_t *head;          /* per cell: first disc + 1, 0 when empty */
    size_t *next;          /* per disc: next disc of its cell + 1 */
    double *x, *y;
    size_t n;
} disc_grid;

/* A grid over `area` for up to `cap` discs at least `cell` apart. */
static void grid_init(disc_grid *g, pr_box area, double cell, size_t cap)
{
    g->x0 = area.x;
    g->y0 = area.y;
    g->cell = cell;
    g->nx = (size_t)(area.w / cell) + 1;
    g->ny = (size_t)(area.h / cell) + 1;
    g->head = pr_calloc(g->nx * g->ny, sizeof *g->head);
    g->next = pr_calloc(cap ? cap : 1, sizeof *g->next);
    g->x = pr_calloc(cap ? cap : 1, sizeof *g->x);
    g->y = pr_calloc(cap ? cap : 1, sizeof *g->y);
    g->n = 0;
}

/* Cell coordinate of a page coordinate (clamped). */
static size_t grid_cell(double v, double v0, double cell, size_t n)
{
    double c = floor((v - v0) / cell);
    if (c < 0) c = 0;
    if (c > (double)(n - 1)) c = (double)(n - 1);
    return (size_t)c;
}

/* 1 when a disc already placed lies closer than the cell to (x, y). */
static int grid_clash(const disc_grid *g, double x, double y)
{
    size_t cx = grid_cell(x, g->x0, g->cell, g->nx), cy = grid_cell(y, g->y0, g->cell, g->ny);
    for (size_t j = cy > 0 ? cy - 1 : 0; j <= cy + 1 && j < g->ny; j++)
        for (size_t i = cx > 0 ? cx - 1 : 0; i <= cx + 1 && i < g->nx; i++)
            for (size_t k = g->head[j * g->nx + i]; k; k = g->next[k - 1])
                if (hypot(g->x[k - 1] - x, g->y[k - 1] - y) < g->cell) return 1;
    return 0;
}

/* 1 when a disc of radius r at (x, y) would cover a disc already placed
 * or one of the boxes to keep off (the overseas insets). */
static int disc_blocked(const disc_grid *g, const pr_box *keep_off, size_t n, double x, double y,
                        double r)
{
    for (size_t i = 0; i < n; i++)
        if (x + r > keep_off[i].x && x - r < keep_off[i].x + keep_off[i].w && y + r > keep_off[i].y &&
            y - r < keep_off[i].y + keep_off[i].h)
            return 1;
    return grid_clash(g, x, y);
}

/* Record a disc at (x, y). */
static void grid_add(disc_grid *g, double x, double y)
{
    size_t c = grid_cell(y, g->y0, g->cell, g->ny) * g->nx + grid_cell(x, g->x0, g->cell, g->nx);
    g->x[g->n] = x;
    g->y[g->n] = y;
    g->next[g->n] = g->head[c];
    g->head[c] = ++g->n;
}

/* Free the grid. */
static void grid_free(disc_grid *g)
{
    free(g->head);
    free(g->next);
    free(g->x);
    free(g->y);
}

/* A network's number in a white disc centred at (cx, cy). */
static void number_disc(pr_doc *doc, int page, const pr_map_style *st, double cx, double cy,
                        double r, double size, size_t number)
{
    pr_paint disc = pr_paint_fill(WHITE);
    disc.opacity = HALO_OPACITY + 0.05;
    pr_doc_circle(doc, page, cx, cy, r, &disc);
    char num[24];
    snprintf(num, sizeof num, "%zu", number);
    double w = pr_map_text_width(st, 1, size, num);
    pr_doc_text(doc, page, st->font_bold, size, st->text, cx - w / 2, cy + size * 0.36, num);
}

/* 1 when the page point (x, y) lies in one of the départements deps[0..n)
 * of the metropolitan map drawn with t. */
static int in_departements(const size_t *deps, size_t n, xform t, double x, double y)
{
    double mx = (x - t.ox) / t.s, my = (y - t.oy) / t.s;
    for (size_t k = 0; k < n; k++)
        if (pr_geo_contains(pr_geo_departement_at(deps[k])->code, mx, my)) return 1;
    return 0;
}

/* Each active network's number (as in the legend) on the metropolitan
 * map, in a white disc for numbers `size` points tall: at the middle of
 * its metropolitan départements' anchors (or the anchor nearest to it when
 * the middle falls outside them); when that spot would cover an earlier
 * disc, the nearest free spot around it (rings of 8, 16, 24... directions,
 * up to 6 rings) that lies in one of its départements, else the nearest
 * free one; when there is none (a map crowded with discs), the number is
 * left off the map. Discs stay inside `area` and off the boxes `keep_off`
 * (the insets). ent[e] is the active index (row of cover) of legend entry
 * e. Returns the number of discs drawn. */
static size_t network_numbers(pr_doc *doc, int page, const pr_map_style *st, double size,
                              xform t, pr_box area, const pr_box *keep_off, size_t n_keep_off,
                              const size_t *ent, size_t n_ent, const unsigned char *cover)
{
    size_t nd = pr_geo_departement_count(), drawn = 0;
    double r = size * 0.85;
    char widest[24];
    snprintf(widest, sizeof widest, "%zu", n_ent);
    double nw = pr_map_text_width(st, 1, size, widest);
    if (r < nw / 2 + 1) r = nw / 2 + 1;
    double step = 2 * r + 1;
    disc_grid g;
    grid_init(&g, area, step, n_ent);
    size_t *deps = pr_malloc(nd * sizeof *deps);
    const double pi = 3.14159265358979323846;
    for (size_t e = 0; e < n_ent; e++) {
        const unsigned char *mark = cover + ent[e] * nd;
        double sx = 0, sy = 0;
        size_t cnt = 0;
        for (size_t i = 0; i < nd; i++) {
            const pr_departement *d = pr_geo_departement_at(i);
            if (!mark[i] || d->overseas) continue;
            double mx, my;
            pr_geo_project(d->lon, d->lat, &mx, &my);
            sx += mx;
            sy += my;
            deps[cnt++] = i;
        }
        if (!cnt) continue;   /* overseas only: numbered in its insets */
        double cx = t.ox + t.s * sx / (double)cnt, cy = t.oy + t.s * sy / (double)cnt;
        if (!in_departements(deps, cnt, t, cx, cy)) {
            double best = INFINITY, bx = cx, by = cy;
            for (size_t k = 0; k < cnt; k++) {
                const pr_departement *d = pr_geo_departement_at(deps[k]);
                double mx, my;
                pr_geo_project(d->lon, d->lat, &mx, &my);
                double px = t.ox + t.s * mx, py = t.oy + t.s * my, dist = hypot(px - cx, py - cy);
                if (dist < best) {
                    best = dist;
                    bx = px;
                    by = py;
                }
            }
            cx = bx;
            cy = by;
        }
        keep_inside(&cx, &cy, area, r);
        if (disc_blocked(&g, keep_off, n_keep_off, cx, cy, r)) {
            double fx = NAN, fy = NAN;   /* nearest free spot, in case none is inside */
            int done = 0, first_ring = 0;
            for (int ring = 1; ring <= 6 && !done; ring++) {
                if (first_ring && ring > first_ring + 1) break;   /* do not wander off */
                int n_dir = 8 * ring;
                for (int dir = 0; dir < n_dir && !done; dir++) {
                    /* from straight down, alternately right and left */
                    int k = (dir + 1) / 2 * (dir % 2 ? 1 : -1);
                    double a = pi / 2 + k * 2 * pi / n_dir;
                    double px = cx + ring * step * cos(a), py = cy + ring * step * sin(a);
                    keep_inside(&px, &py, area, r);
                    if (disc_blocked(&g, keep_off, n_keep_off, px, py, r)) continue;
                    if (isnan(fx)) {
                        fx = px;
                        fy = py;
                        first_ring = ring;
                    }
                    if (in_departements(deps, cnt, t, px, py)) {
                        cx = px;
                        cy = py;
                        done = 1;
                    }
                }
            }
            if (!done) {
                if (isnan(fx)) continue;   /* no room left: no disc */
                cx = fx;
                cy = fy;
            }
        }
        grid_add(&g, cx, cy);
        number_disc(doc, page, st, cx, cy, r, size, e + 1);
        drawn++;
    }
    free(deps);
    grid_free(&g);
    return drawn;
}

/* The numbers of the networks covering an overseas inset, in discs along
 * its bottom edge from the right (as many rows as fit under its name). */
static void inset_numbers(pr_doc *doc, int page, const pr_map_style *st, double size,
                          const inset *in, const size_t *ent, size_t n_ent,
                          const unsigned char *cover)
{
    size_t nd = pr_geo_departement_count(), i = dept_index(in->d), k = 0;
    double r = size * 0.85;
    char widest[24];
    snprintf(widest, sizeof widest, "%zu", n_ent);
    double nw = pr_map_text_width(st, 1, size, widest);
    if (r < nw / 2 + 1) r = nw / 2 + 1;
    if (r > in->box.h / 4) {
        size *= in->box.h / 4 / r;
        r = in->box.h / 4;
    }
    size_t per_row = (size_t)((in->box.w - 2) / (2 * r + 1));
    if (!per_row) per_row = 1;
    for (size_t e = 0; e < n_ent; e++) {
        if (!cover[ent[e] * nd + i]) continue;
        double cx = in->box.x + in->box.w - 1.5 - r - (double)(k % per_row) * (2 * r + 1);
        double cy = in->box.y + in->box.h - 1.5 - r - (double)(k / per_row) * (2 * r + 1);
        if (cy - r < in->name_baseline + in->name_size * 0.25 + 0.5) break;   /* under the name */
        number_disc(doc, page, st, cx, cy, r, size, e + 1);
        k++;
    }
}

/* The local-networks map. */
void pr_map_networks(pr_doc *doc, int page, pr_box box, const pr_model *m,
                     const pr_figures *f, const pr_map_style *style, pr_map_info *info)
{
    pr_map_style st = complete_style(style);
    size_t nd = pr_geo_departement_count();
    size_t nn = m->n_local_networks;
    /* active networks in data order: act[a] is the model index of the
     * a-th; cover[a * nd + i]: it covers département i (computed once) */
    size_t *act = pr_malloc((nn ? nn : 1) * sizeof *act);
    size_t n_active = legend_order(m, 0, act);
    unsigned char *cover = pr_calloc(n_active ? n_active * nd : 1, 1);
    for (size_t a = 0; a < n_active; a++) network_cover(&m->local_networks[act[a]], cover + a * nd);
    /* fill of each département: the colour of the covering network with
     * the smallest id (whatever the list order) */
    int *first = pr_malloc(nd * sizeof *first);
    size_t *n_cover = pr_calloc(nd, sizeof *n_cover);
    pr_rgb *fills = pr_malloc(nd * sizeof *fills);
    for (size_t i = 0; i < nd; i++) first[i] = -1;
    for (size_t a = 0; a < n_active; a++) {
        const char *id = m->local_networks[act[a]].id;
        for (size_t i = 0; i < nd; i++) {
            if (!cover[a * nd + i]) continue;
            n_cover[i]++;
            if (first[i] < 0 ||
                strcmp(id ? id : "", m->local_networks[act[first[i]]].id
                                         ? m->local_networks[act[first[i]]].id : "") < 0)
                first[i] = (int)a;
        }
    }
    int any_uncovered = 0, any_shared = 0;
    for (size_t i = 0; i < nd; i++) {
        fills[i] = first[i] >= 0 ? pr_map_network_color(m->local_networks[act[first[i]]].id)
                                 : PR_MAP_NEUTRAL;
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

    /* the legend on the right: laid out first, it decides the numbers */
    size_t *order_data = pr_malloc((nn ? nn : 1) * sizeof *order_data);
    size_t *order_grouped = pr_malloc((nn ? nn : 1) * sizeof *order_grouped);
    legend_order(m, 0, order_data);
    legend_order(m, 1, order_grouped);
    legend L;
    memset(&L, 0, sizeof L);
    L.st = &st;
    L.m = m;
    L.n = n_active;
    L.b = pr_malloc((2 * n_active + 8) * sizeof *L.b);
    double lh = 0;
    size_t n_in = legend_layout(&L, order_data, order_grouped, box.w, fr.body.h, any_shared,
                                any_uncovered, &lh);
    size_t *ent = pr_malloc((n_active ? n_active : 1) * sizeof *ent);   /* legend -> active */
    pr_rgb *colors = pr_malloc((n_active ? n_active : 1) * sizeof *colors);
    {
        /* active index of each model index */
        size_t *active_of = pr_malloc((nn ? nn : 1) * sizeof *active_of);
        for (size_t a = 0; a < n_active; a++) active_of[act[a]] = a;
        for (size_t e = 0; e < n_active; e++) {
            ent[e] = active_of[L.order[e]];
            colors[e] = pr_map_network_color(m->local_networks[L.order[e]].id);
        }
        free(active_of);
    }
    double lw = legend_width(box.w, L.cfg.cols);
    pr_box legend_box = {box.x + box.w - lw, fr.body.y, lw, lh};
    if (lh < fr.body.h) legend_box.y += (fr.body.h - lh) / 2;
    legend_draw(&L, doc, page, legend_box.x, legend_box.y, colors);

    /* overseas insets, then the metropolitan map */
    pr_box area = fr.body;
    area.w = legend_box.x - GAP - area.x;
    pr_box boxes[8];
    const pr_departement *over[8];
    size_t n_over = overseas_departements(over);
    area = place_insets(area, n_over, boxes, 1.0);
    inset ins[8];
    for (size_t k = 0; k < n_over; k++) {
        size_t i = dept_index(over[k]);
        ins[k] = layout_inset(&st, boxes[k], over[k]);
        draw_inset(doc, page, &st, &ins[k], fills[i]);
    }
    xform t = fit(area);
    draw_departements(doc, page, t, fills);

    /* stripes where several networks meet: the other networks' colours
     * (distinct, in palette order), white when they all share the fill's */
    size_t n_shared = 0;
    for (size_t i = 0; i < nd; i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        if (n_cover[i] < 2) continue;
        int used[PR_MAP_PALETTE_SIZE] = {0};
        for (size_t a = 0; a < n_active; a++)
            if (cover[a * nd + i])
                used[pr_map_network_color_index(m->local_networks[act[a]].id)] = 1;
        pr_rgb colors_i[PR_MAP_PALETTE_SIZE];
        size_t nc = 0;
        for (size_t c = 0; c < PR_MAP_PALETTE_SIZE; c++)
            if (used[c] && palette[c] != fills[i]) colors_i[nc++] = palette[c];
        if (!nc) colors_i[nc++] = WHITE;
        if (d->overseas) {
            for (size_t k = 0; k < n_over; k++)
                if (over[k] == d) draw_stripes(doc, page, ins[k].t, d->code, colors_i, nc);
        } else {
            draw_stripes(doc, page, t, d->code, colors_i, nc);
        }
        n_shared++;
    }
    draw_region_borders(doc, page, t);
    size_t n_numbers = network_numbers(doc, page, &st, L.size * 0.95, t, area, boxes, n_over, ent,
                                       n_active, cover);
    for (size_t k = 0; k < n_over; k++)
        inset_numbers(doc, page, &st, L.size * 0.95, &ins[k], ent, n_active, cover);

    if (info) {
        double x0, y0, x1, y1;
        pr_geo_bounds(&x0, &y0, &x1, &y1);
        memset(info, 0, sizeof *info);
        info->scale = t.s;
        info->ox = t.ox;
        info->oy = t.oy;
        info->map = (pr_box){t.ox + t.s * x0, t.oy + t.s * y0, t.s * (x1 - x0), t.s * (y1 - y0)};
        info->n_networks = n_active;
        info->n_legend = n_in;
        info->legend = legend_box;
        info->legend_size = L.size;
        info->legend_columns = L.cfg.cols;
        info->legend_grouped = L.cfg.grouped;
        info->n_shared = n_shared;
        info->n_numbers = n_numbers;
        info_insets(info, ins, n_over);
    }
    free(L.b);
    free(order_data);
    free(order_grouped);
    free(ent);
    free(colors);
    free(act);
    free(cover);
    free(title);
    free(source);
    free(first);
    free(n_cover);
    free(fills);
}

/* The networks the legend could not hold, for a list under the map. */
char **pr_map_networks_rest(const pr_model *m, size_t from, size_t *n_out)
{
    size_t nn = m->n_local_networks;
    size_t *order = pr_malloc((nn ? nn : 1) * sizeof *order);
    size_t n = legend_order(m, 1, order);   /* a legend that overflows is grouped */
    char **lines = pr_malloc((n > from ? n - from : 1) * sizeof *lines);
    size_t k = 0;
    for (size_t e = from; e < n; e++) {
        const pr_local_network *net = &m->local_networks[order[e]];
        lines[k++] = pr_asprintf("%zu\u00a0– %s (%s)", e + 1, net->name, scale_label(net->scale));
    }
    free(order);
    *n_out = k;
    return lines;
}

/* Free what pr_map_networks_rest returned. */
void pr_map_free_lines(char **lines, size_t n)
{
    for (size_t i = 0; lines && i < n; i++) free(lines[i]);
    free(lines);
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
                             const marker *all, size_t n_all, const rect *fixed, size_t n_fixed,
                             rect area, int leader, double ex, double ey)
{
    double cost = 0;
    if (r.x0 < area.x0 || r.y0 < area.y0 || r.x1 > area.x1 || r.y1 > area.y1) cost += 1e6;
    rect pad = {r.x0 - 1, r.y0 - 1, r.x1 + 1, r.y1 + 1};
    for (size_t i = 0; i < n_fixed; i++) {
        if (rect_overlap(pad, fixed[i])) cost += 1000 + overlap_area(pad, fixed[i]);
        /* a leader may leave the inset its marker is in, not cross another */
        int own = k->x >= fixed[i].x0 && k->x <= fixed[i].x1 && k->y >= fixed[i].y0 &&
                  k->y <= fixed[i].y1;
        if (leader && !own && segment_hits(k->x, k->y, ex, ey, fixed[i])) cost += 500;
    }
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
static size_t place_pass(marker *mk, size_t n, marker **order, const rect *fixed, size_t n_fixed,
                         rect area, int *failed, size_t *n_leaders)
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
                double c = placement_cost(k, r, placed, i, mk, n, fixed, n_fixed, area, !near, ex, ey);
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
 * away with a leader line (rings of 24 directions), avoiding the other
 * labels, the markers and the `fixed` rectangles (the overseas insets);
 * the first free spot wins, else the cheapest. Crowded markers go first; when some labels
 * fail, they go first in another pass (up to 6), and the best pass is
 * kept. */
static void place_labels(marker *mk, size_t n, const rect *fixed, size_t n_fixed, rect area,
                         size_t *n_leaders, size_t *n_overlaps)
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
        size_t over = place_pass(mk, n, order, fixed, n_fixed, area, failed, &leaders);
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

/* The size of every label (halo included) for names at `size` points. */
static void label_sizes(marker *mk, size_t n, const pr_map_style *st, double size)
{
    for (size_t i = 0; i < n; i++) {
        marker *k = &mk[i];
        k->w = pr_map_text_width(st, 1, size, k->label);
        k->h = size;
        if (k->sub) {
            double sw = pr_map_text_width(st, 0, size * SUB_SCALE, k->sub);
            if (sw > k->w) k->w = sw;
            k->h += size * SUB_SCALE * 1.1;
        }
        k->w += 2 * HALO_X;
        k->h += 2 * HALO_Y;
    }
}

/* Above this many officials, names cannot be placed legibly on the map
 * (the report's cards list them): one disc per département, sized by its
 * number of officials, replaces the individual markers and labels. This
 * also keeps the map linear in the number of officials. */
#define MAX_LABELLED_OFFICIALS 40

/* Aggregated officials: a disc per département with its count, at
 * (px[i], py[i]) for each département i that has officials, its radius at
 * most rmax[i] (a disc in an inset: it stays at its place). Discs of the
 * metropolitan map do not overlap: two neighbours shrink (down to the
 * radius of one official), then, where they still would, the smaller goes
 * to the nearest free spot around its anchor, inside `area`. The
 * départements are a fixed set: the pairs cost the same for any year.
 * Returns the number of discs drawn. */
static size_t draw_official_counts(pr_doc *doc, int page, const pr_map_style *st,
                                   const size_t *count, double *px, double *py,
                                   const double *rmax, size_t nd, pr_box area)
{
    const double gap = 0.8, r1 = MARKER_RADIUS * 2.1;   /* the radius of one official */
    double *r = pr_calloc(nd ? nd : 1, sizeof *r);
    size_t *order = pr_calloc(nd ? nd : 1, sizeof *order), n = 0;
    for (size_t i = 0; i < nd; i++) {
        if (!count[i]) continue;
        r[i] = MARKER_RADIUS * (1.2 + 0.9 * sqrt((double)count[i]));
        if (r[i] > MARKER_RADIUS * 6) r[i] = MARKER_RADIUS * 6;
        if (r[i] > rmax[i]) r[i] = rmax[i];
        order[n++] = i;
    }
    /* neighbours shrink; shrinking later only makes room */
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
            size_t i = order[a], j = order[b];
            if (isfinite(rmax[i]) || isfinite(rmax[j])) continue;
            double d = hypot(px[i] - px[j], py[i] - py[j]);
            if (d >= r[i] + r[j] + gap) continue;
            double f = (d - gap) / (r[i] + r[j]);
            if (f < 0) f = 0;
            r[i] = fmax(fmin(r[i], r1), r[i] * f);
            r[j] = fmax(fmin(r[j], r1), r[j] * f);
        }
    /* the larger discs first, at their anchors; a smaller one that would
     * still overlap moves (rings of 8, 16… directions around its anchor) */
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0; b--) {
            size_t x = order[b - 1], y = order[b];
            if (count[x] > count[y] || (count[x] == count[y] && x < y)) break;
            order[b - 1] = y;
            order[b] = x;
        }
    const double pi = 3.14159265358979323846;
    for (size_t a = 0; a < n; a++) {
        size_t i = order[a];
        if (isfinite(rmax[i])) continue;
        double cx = px[i], cy = py[i];
        int clash = 0;
        for (size_t b = 0; b < a && !clash; b++) {
            size_t j = order[b];
            clash = hypot(cx - px[j], cy - py[j]) < r[i] + r[j] + gap;
        }
        for (int ring = 1; clash && ring <= 8; ring++) {
            int n_dir = 8 * ring;
            for (int dir = 0; dir < n_dir && clash; dir++) {
                double ang = pi / 2 + dir * 2 * pi / n_dir;
                double qx = px[i] + ring * r[i] * cos(ang), qy = py[i] + ring * r[i] * sin(ang);
                keep_inside(&qx, &qy, area, r[i] + 1);
                int bad = 0;
                for (size_t b = 0; b < a && !bad; b++) {
                    size_t j = order[b];
                    bad = hypot(qx - px[j], qy - py[j]) < r[i] + r[j] + gap;
                }
                if (!bad) {
                    cx = qx;
                    cy = qy;
                    clash = 0;
                }
            }
        }
        px[i] = cx;
        py[i] = cy;
    }
    size_t drawn = 0;
    for (size_t i = 0; i < nd; i++) {
        if (!count[i]) continue;
        pr_paint paint = pr_paint_fill(st->marker);
        paint.stroke = WHITE;
        paint.line_width = 0.6;
        pr_doc_circle(doc, page, px[i], py[i], r[i], &paint);
        char num[24];
        snprintf(num, sizeof num, "%zu", count[i]);
        double fs = r[i] * 0.95 < st->label_size * 1.2 ? r[i] * 0.95 : st->label_size * 1.2;
        double w = pr_map_text_width(st, 1, fs, num);
        if (w > 1.7 * r[i] && w > 0) {
            fs *= 1.7 * r[i] / w;
            w = pr_map_text_width(st, 1, fs, num);
        }
        pr_doc_text(doc, page, st->font_bold, fs, pr_map_text_on(st->marker, st->text), px[i] - w / 2,
                    py[i] + fs * 0.35, num);
        drawn++;
    }
    free(r);
    free(order);
    return drawn;
}

/* Move rectangle r inside `area` (when it fits; else align its top-left
 * corner). Returns 1 when it moved. */
static int clamp_rect(rect *r, rect area)
{
    double dx = 0, dy = 0;
    if (r->x1 > area.x1) dx = area.x1 - r->x1;
    if (r->x0 + dx < area.x0) dx = area.x0 - r->x0;
    if (r->y1 > area.y1) dy = area.y1 - r->y1;
    if (r->y0 + dy < area.y0) dy = area.y0 - r->y0;
    r->x0 += dx;
    r->x1 += dx;
    r->y0 += dy;
    r->y1 += dy;
    return dx != 0 || dy != 0;
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
            pr_paint paint = pr_paint_fill(j == 0 ? st.marker : WHITE);
            paint.stroke = j == 0 ? WHITE : st.marker;
            paint.line_width = j == 0 ? 0.6 : 1.0;
            pr_doc_circle(doc, page, lx, ly - size * 0.3, MARKER_RADIUS, &paint);
            pr_doc_text(doc, page, st.font, size, st.muted, lx + MARKER_RADIUS + 3, ly, labels[j]);
            lx += MARKER_RADIUS * 2 + 3 + pr_map_text_width(&st, 0, size, labels[j]) + 12;
        }
        body.h -= size * 1.6 + GAP * 0.5;
    }

    /* overseas insets only for the overseas départements with officials */
    const pr_departement *all_over[8], *over[8];
    size_t n_all = overseas_departements(all_over), n_over = 0;
    for (size_t j = 0; j < n_all; j++) {
        for (size_t k = 0; k < m->n_officials; k++) {
            if (strcmp(m->officials[k].departement, all_over[j]->code) == 0) {
                over[n_over++] = all_over[j];
                break;
            }
        }
    }
    pr_box boxes[8];
    /* a column of insets at the left leaves the officials' labels room
     * beside them, over the Atlantic: preferred unless the map loses more
     * than 15 % */
    pr_box area = place_insets(body, n_over, boxes, 0.85);
    inset ins[8];
    for (size_t k = 0; k < n_over; k++) {
        ins[k] = layout_inset(&st, boxes[k], over[k]);
        draw_inset(doc, page, &st, &ins[k], PR_MAP_NEUTRAL);
    }
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
        double *rmax = pr_malloc(nd * sizeof *rmax);
        for (size_t i = 0; i < m->n_officials; i++) {
            const pr_departement *d = pr_geo_departement(m->officials[i].departement);
            if (d) count[dept_index(d)]++;
        }
        for (size_t k = 0; k < nd; k++) {
            const pr_departement *d = pr_geo_departement_at(k);
            rmax[k] = INFINITY;
            if (!count[k]) continue;
            double mx, my;
            pr_geo_project(d->lon, d->lat, &mx, &my);
            size_t slot = n_over;
            for (size_t j = 0; j < n_over; j++) if (over[j] == d) slot = j;
            if (slot < n_over) {
                /* at the anchor in its inset, the disc inside the inset */
                pr_box b = ins[slot].box;
                inset_point(&ins[slot], mx, my, &px[k], &py[k]);
                rmax[k] = (b.w < b.h ? b.w : b.h) / 2 - 1.5;
                double r = MARKER_RADIUS * (1.2 + 0.9 * sqrt((double)count[k]));
                if (r > MARKER_RADIUS * 6) r = MARKER_RADIUS * 6;
                if (r > rmax[k]) r = rmax[k];
                keep_inside(&px[k], &py[k], b, r + 1);
            } else {
                px[k] = t.ox + t.s * mx;
                py[k] = t.oy + t.s * my;
            }
        }
        size_t drawn = draw_official_counts(doc, page, &st, count, px, py, rmax, nd, inner);
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
            info_insets(info, ins, n_over);
        }
        free(rmax);
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
            /* in its inset: at the commune, else at the département's
             * anchor, officials at the same anchor side by side */
            size_t slot = 0;
            for (size_t j = 0; j < n_over; j++) if (over[j] == d) slot = j;
            double mx, my;
            pr_geo_project(o->has_coords ? o->lon : d->lon, o->has_coords ? o->lat : d->lat, &mx, &my);
            inset_point(&ins[slot], mx, my, &k->x, &k->y);
            if (!o->has_coords) {
                size_t same = same_so_far[slot]++;
                pr_box b = ins[slot].box;
                double step = MARKER_RADIUS * 2.5;
                size_t per_row = (size_t)((b.w - 4) / step);
                if (!per_row) per_row = 1;
                k->x += (double)(same % per_row) * step;
                k->y += (double)(same / per_row) * step;
                if (k->x > b.x + b.w - MARKER_RADIUS - 1)
                    k->x -= (double)per_row * step * ceil((k->x - (b.x + b.w - MARKER_RADIUS - 1)) /
                                                          ((double)per_row * step));
            }
            keep_inside(&k->x, &k->y, ins[slot].box, MARKER_RADIUS + 1);
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
    }
    rect bounds = {body.x, body.y, body.x + body.w, body.y + body.h};
    size_t n_leaders = 0, n_overlaps = 0;
    /* the insets are obstacles too: a label never straddles an inset's
     * edge (an overseas official's label goes out of the inset, with a
     * leader line), no leader crosses an inset's name */
    rect fixed[16];
    for (size_t j = 0; j < n_over; j++) {
        fixed[j] = (rect){ins[j].box.x, ins[j].box.y, ins[j].box.x + ins[j].box.w,
                          ins[j].box.y + ins[j].box.h};
        /* its name too, which no leader line may cross */
        double w = pr_map_text_width(&st, 0, ins[j].name_size, ins[j].d->name);
        fixed[n_over + j] = (rect){ins[j].name_x - 1, ins[j].name_baseline - ins[j].name_size * 0.8 - 1,
                                   ins[j].name_x + w + 1,
                                   ins[j].name_baseline + ins[j].name_size * 0.25 + 1};
    }
    /* at the label size first; when some labels cannot avoid an overlap,
     * a tenth smaller, then a fifth (never under 5 pt): the size with the
     * fewest overlaps wins */
    static const double shrink[] = {1.0, 0.9, 0.8};
    marker *keep = pr_malloc((n ? n : 1) * sizeof *keep);
    double lsize = size;
    size_t best = (size_t)-1;
    for (size_t s = 0; s < sizeof shrink / sizeof shrink[0]; s++) {
        double ls = size * shrink[s];
        if (s > 0 && ls < MIN_LEGEND_SIZE) break;
        label_sizes(mk, n, &st, ls);
        size_t leaders, over;
        place_labels(mk, n, fixed, 2 * n_over, bounds, &leaders, &over);
        if (over < best) {
            best = over;
            lsize = ls;
            n_leaders = leaders;
            n_overlaps = over;
            if (n) memcpy(keep, mk, n * sizeof *mk);
        }
        if (over == 0) break;
    }
    if (n) memcpy(mk, keep, n * sizeof *mk);
    free(keep);
    size = lsize;
    /* a label that found no room inside the frame is moved in, whatever
     * it then covers (counted as an overlap), with a leader line */
    for (size_t i = 0; i < n; i++) {
        marker *k = &mk[i];
        if (!clamp_rect(&k->box, bounds)) continue;
        double lx = k->x < k->box.x0 ? k->box.x0 : k->x > k->box.x1 ? k->box.x1 : k->x;
        double ly = k->y < k->box.y0 ? k->box.y0 : k->y > k->box.y1 ? k->box.y1 : k->y;
        int leader = hypot(lx - k->x, ly - k->y) > MARKER_RADIUS + 0.5;
        if (leader && !k->leader) n_leaders++;
        if (!leader && k->leader) n_leaders--;
        k->leader = leader;
        k->lx = lx;
        k->ly = ly;
        n_overlaps++;
    }
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
        pr_paint paint = pr_paint_fill(k->exact ? st.marker : WHITE);
        paint.stroke = k->exact ? WHITE : st.marker;
        paint.line_width = k->exact ? 0.6 : 1.0;
        pr_doc_circle(doc, page, k->x, k->y, MARKER_RADIUS, &paint);
    }
    for (size_t i = 0; i < n; i++) {
        marker *k = &mk[i];
        /* a white halo keeps the name legible over the borders */
        pr_paint halo = pr_paint_fill(WHITE);
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
        info_insets(info, ins, n_over);
    }
    free(same_so_far);
    free(mk);
    free(source);
}
