/* chart.c — the key figures over the years as small multiples (chart.h).
 *
 * One plan (plan_chart) computes every box from the history, the rows, the
 * width and the style; the height, the drawing and the info all read it,
 * so what is measured is what is drawn. */
#include "compose/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define GAP 6.0            /* between the chart's parts */
#define LABEL_GAP 8.0      /* between a row's label and its bars */
#define MIN_ROW 34.0       /* a row's least height */
#define MIN_SIZE 5.0       /* values and years never smaller */
#define MAX_BAR 30.0       /* a bar's greatest width */
#define MAX_SLOT 64.0      /* a year's column, at most */
#define ZERO_BAR 1.2       /* the stroke that shows a value of 0 */
#define MAX_LINES 4        /* a label's lines */
#define WHITE PR_RGB(0xFF, 0xFF, 0xFF)

/* ---- style ------------------------------------------------------------------- */
pr_chart_style pr_chart_style_default(int font, int font_bold)
{
    pr_chart_style st;
    memset(&st, 0, sizeof st);
    st.font = font;
    st.font_bold = font_bold;
    st.text = PR_RGB(0x1E, 0x1E, 0x1E);
    st.muted = PR_RGB(0x5C, 0x5C, 0x5C);
    st.bar = PR_RGB(0x00, 0x00, 0x91);
    st.bar_past = PR_RGB(0x8C, 0x8C, 0xD9);
    st.axis = PR_RGB(0x9A, 0x9A, 0x9A);
    st.background = WHITE;
    return st;
}

pr_chart_style pr_chart_style_for(pr_doc *doc, const pr_fontset *fonts)
{
    pr_map_style ms = pr_map_style_for(doc, fonts);
    pr_chart_style st = pr_chart_style_default(ms.font, ms.font_bold);
    st.measure = ms.measure;
    st.measure_ctx = ms.measure_ctx;
    return st;
}

static pr_chart_style complete(const pr_chart_style *in)
{
    pr_chart_style st = in ? *in : pr_chart_style_default(0, 0);
    if (st.title_size <= 0) st.title_size = 11;
    if (st.label_size <= 0) st.label_size = 8;
    if (st.value_size <= 0) st.value_size = 7.5;
    if (st.source_size <= 0) st.source_size = 6.5;
    /* every text reads on the background: 4.5:1 at least (WCAG 2) */
    if (pr_map_contrast(st.text, st.background) < PR_MAP_MIN_CONTRAST)
        st.text = pr_map_text_on(st.background, PR_RGB(0x1E, 0x1E, 0x1E));
    if (pr_map_contrast(st.muted, st.background) < PR_MAP_MIN_CONTRAST)
        st.muted = st.text;
    return st;
}

/* Width of text in the chart's fonts (the map's measure). */
static double width(const pr_chart_style *st, int bold, double size, const char *s)
{
    pr_map_style ms = pr_map_style_default(st->font, st->font_bold);
    ms.measure = st->measure;
    ms.measure_ctx = st->measure_ctx;
    return pr_map_text_width(&ms, bold, size, s);
}

/* ---- text --------------------------------------------------------------------- */
/* "1 234" with narrow no-break spaces (heap). */
static char *number(long v)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%ld", v < 0 ? -v : v);
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, v < 0 ? "\u2212" : "");
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            pr_sb_puts(&sb, "\u202f");
        pr_sb_putc(&sb, digits[i]);
    }
    return pr_sb_steal(&sb);
}

/* Words of s wrapped into lines no wider than w (a word wider than the line
 * stands alone on its line). Returns the number of lines (at most max:
 * the rest is dropped); starts and lengths in start[] and len[]. */
static size_t wrap(const pr_chart_style *st, int bold, double size, const char *s, double w,
                   size_t *start, size_t *len, size_t max)
{
    size_t n = 0, i = 0, total = strlen(s);
    while (i < total && n < max) {
        while (i < total && s[i] == ' ')
            i++;
        if (i >= total)
            break;
        size_t end = i;
        for (;;) {
            size_t next = end;
            while (next < total && s[next] == ' ')
                next++;
            while (next < total && s[next] != ' ')
                next++;
            if (next == end)
                break;
            char *piece = pr_strndup(s + i, next - i);
            double pw = width(st, bold, size, piece);
            free(piece);
            if (pw > w && end > i)
                break;
            end = next;
            if (pw > w)
                break;
        }
        start[n] = i;
        len[n] = end - i;
        n++;
        i = end;
    }
    return n;
}

/* ---- the plan ------------------------------------------------------------------ */
typedef struct plan {
    pr_chart_style st;
    size_t n_rows, n_years;
    size_t year_index[PR_HISTORY_YEARS];     /* into h->years */
    pr_chart_row rows[PR_CHART_MAX_ROWS];
    const char *labels[PR_CHART_MAX_ROWS];
    char *title;                             /* heap */
    char *notes;                             /* heap: notes and source, one per line */
    double w;
    double title_h;
    double label_w;                          /* the label column */
    double slot;                             /* width of a year's column */
    double margin;                           /* on each side of the columns */
    double change_w;                         /* the change column (0: none) */
    double bar_w;
    double value_size, year_size;
    int staggered;
    int short_years;                         /* "’23" instead of "2023" */
    double row_h;
    double years_h;
    double notes_h;
    double height;
} plan;

/* A row's value for the plan's year k. */
static const pr_year_value *cell(const pr_history *h, const plan *p, size_t r, size_t k)
{
    return &h->years[p->year_index[k]].v[p->rows[r].id];
}

/* Comparable with the report's year (its last year). */
static int cell_comparable(const pr_history *h, const plan *p, size_t r, size_t k)
{
    const pr_year_value *now = &h->years[h->n - 1].v[p->rows[r].id];
    return pr_year_values_comparable(cell(h, p, r, k), now);
}

/* The text above a bar: the value ("12", "12*" for another definition) or
 * "n.d." (heap). */
static char *value_text(const pr_history *h, const plan *p, size_t r, size_t k)
{
    const pr_year_value *v = cell(h, p, r, k);
    if (v->origin == PR_ORIGIN_NONE)
        return pr_strdup("n.d.");
    char *n = number(v->value);
    if (cell_comparable(h, p, r, k))
        return n;
    char *s = pr_asprintf("%s*", n);
    free(n);
    return s;
}

static char *year_text(const plan *p, int year)
{
    return p->short_years ? pr_asprintf("\u2019%02d", year % 100) : pr_asprintf("%d", year);
}

/* "2014 à 2016, 2019 et 2023" for the years of the plan whose figures come
 * from their data file (want_file) or from published figures (heap). */
static char *year_list(const pr_history *h, const plan *p, int want_file)
{
    int ys[PR_HISTORY_YEARS];
    size_t n = 0;
    for (size_t k = 0; k < p->n_years; k++) {
        const pr_history_year *y = &h->years[p->year_index[k]];
        if ((y->file != NULL) == want_file)
            ys[n++] = y->year;
    }
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    size_t runs = 0, i = 0;
    char *parts[PR_HISTORY_YEARS];
    while (i < n) {
        size_t j = i;
        while (j + 1 < n && ys[j + 1] == ys[j] + 1)
            j++;
        parts[runs++] = j > i + 1 ? pr_asprintf("%d à %d", ys[i], ys[j])
                        : j == i + 1 ? pr_asprintf("%d, %d", ys[i], ys[j])
                                     : pr_asprintf("%d", ys[i]);
        i = j + 1;
    }
    for (size_t r = 0; r < runs; r++) {
        pr_sb_printf(&sb, "%s%s", r == 0 ? "" : r + 1 == runs ? " et " : ", ", parts[r]);
        free(parts[r]);
    }
    return pr_sb_steal(&sb);
}

/* The notes under the chart and its source line, one per line (heap). */
static char *make_notes(const pr_history *h, const plan *p)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    int any_nd = 0;
    for (size_t r = 0; r < p->n_rows; r++) {
        int other = 0, changed = 0;
        for (size_t k = 0; k + 1 < p->n_years; k++) {
            const pr_year_value *v = cell(h, p, r, k);
            if (v->origin == PR_ORIGIN_NONE) {
                any_nd = 1;
            } else if (!cell_comparable(h, p, r, k)) {
                other = 1;
                int y = pr_figure_changed_after(p->rows[r].id, v->definition, NULL);
                if (y > changed)
                    changed = y;
            }
        }
        if (other)
            pr_sb_printf(&sb, "* %s\u00a0: définition modifiée en %d\u00a0: les valeurs "
                              "marquées ne sont pas comparables avec %d.\n",
                         p->labels[r], changed, h->years[h->n - 1].year);
    }
    if (any_nd)
        pr_sb_puts(&sb, "n.d.\u00a0: chiffre non disponible pour cette année.\n");
    if (p->st.source && *p->st.source) {
        pr_sb_printf(&sb, "%s\n", p->st.source);
    } else if (!p->st.source) {
        char *calc = year_list(h, p, 1), *pub = year_list(h, p, 0);
        pr_sb_printf(&sb, "Sources\u00a0: Planif Territoires, chiffres calculés à partir des "
                          "données de %s", calc);
        if (*pub)
            pr_sb_printf(&sb, "\u00a0; chiffres publiés pour %s (détail dans l\u2019annexe, "
                              "feuille «\u00a0Évolution\u00a0»)", pub);
        pr_sb_puts(&sb, ".\n");
        free(calc);
        free(pub);
    }
    return pr_sb_steal(&sb);
}

/* Height of text wrapped into w. */
static double text_height(const pr_chart_style *st, int bold, double size, const char *s,
                          double w, size_t max)
{
    size_t start[MAX_LINES * 4], len[MAX_LINES * 4];
    if (max > MAX_LINES * 4)
        max = MAX_LINES * 4;
    return (double)wrap(st, bold, size, s, w, start, len, max) * size * 1.25;
}

/* Height of the notes (one paragraph per line of p->notes). */
static double notes_height(const plan *p)
{
    double hgt = 0;
    for (const char *s = p->notes; *s;) {
        const char *e = strchr(s, '\n');
        char *line = pr_strndup(s, e ? (size_t)(e - s) : strlen(s));
        hgt += text_height(&p->st, 0, p->st.source_size, line, p->w, 16);
        free(line);
        s = e ? e + 1 : s + strlen(s);
    }
    return hgt;
}

/* The year columns beside the label column and the change column
 * (p->change_w): their width, the values' size (shrunk to fit a column,
 * down to MIN_SIZE), then two alternating heights with a margin on each
 * side when they still do not fit. Returns whether the values fit
 * (alternating values: within two columns). */
static int fit_columns(plan *p, double w, double widest)
{
    const pr_chart_style *st = &p->st;
    double avail = w - p->label_w - p->change_w;
    p->margin = 0;
    p->staggered = 0;
    p->slot = fmin(avail / (double)p->n_years, MAX_SLOT);
    double room = p->slot - 3;
    p->value_size = st->value_size;
    if (widest > room)
        p->value_size = fmax(MIN_SIZE, st->value_size * room / widest);
    double wv = widest * p->value_size / st->value_size;
    if (wv <= room)
        return 1;
    p->staggered = 1;
    p->margin = (wv - room) / 2 + 0.5;
    p->slot = fmin((avail - 2 * p->margin) / (double)p->n_years, MAX_SLOT);
    return wv <= 2 * p->slot - 3;
}

/* "+125 %" (heap). */
static char *rate_text(double rate)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%+.0f", rate * 100.0);
    char *digits = buf[0] == '+' || buf[0] == '-' ? buf + 1 : buf;
    char *n = number(strtol(digits, NULL, 10));
    char *s = pr_asprintf("%s%s\u202f%%", buf[0] == '-' ? "\u2212" : "+", n);
    free(n);
    return s;
}

/* The width of row r's change (0 without an earlier value). */
static double change_width(const plan *p, const pr_history *h, size_t r)
{
    const pr_chart_style *st = &p->st;
    pr_comparison c = pr_history_compare(h, p->rows[r].id);
    if (!c.has_previous)
        return 0;
    if (!c.comparable)
        return width(st, 0, st->value_size, "non comparable");
    char *ch = pr_comparison_change(&c);
    double tw = width(st, 1, st->value_size, ch);
    free(ch);
    if (c.previous_year + 1 != h->years[h->n - 1].year) {
        char *since = pr_asprintf(" depuis %d", c.previous_year);
        tw += width(st, 0, st->value_size, since);
        free(since);
    }
    if (c.has_rate) {
        char *rt = rate_text(c.rate);
        tw = fmax(tw, width(st, 0, st->value_size, rt));
        free(rt);
    }
    return tw;
}

/* Is there anything to show, and which years: those where a row has a value. */
static int plan_chart(plan *p, const pr_history *h, const pr_chart_row *rows, size_t n, double w,
                      const pr_chart_style *style)
{
    memset(p, 0, sizeof *p);
    p->st = complete(style);
    p->w = w;
    p->n_rows = n < PR_CHART_MAX_ROWS ? n : PR_CHART_MAX_ROWS;
    int past = 0;
    for (size_t r = 0; r < p->n_rows; r++) {
        p->rows[r] = rows[r];
        const pr_figure_def *d = &pr_figure_defs()[rows[r].id];
        p->labels[r] = rows[r].label && *rows[r].label ? rows[r].label : d->label;
        past |= pr_history_figure_has_past(h, rows[r].id);
    }
    if (!past || !h->n || w <= 0)
        return 0;
    size_t first = h->n > PR_HISTORY_YEARS ? h->n - PR_HISTORY_YEARS : 0;
    for (size_t i = first; i < h->n; i++) {
        int any = i + 1 == h->n;
        for (size_t r = 0; r < p->n_rows && !any; r++)
            any = h->years[i].v[p->rows[r].id].origin != PR_ORIGIN_NONE;
        if (any)
            p->year_index[p->n_years++] = i;
    }
    const pr_chart_style *st = &p->st;

    /* title */
    int y0 = h->years[p->year_index[0]].year, y1 = h->years[h->n - 1].year;
    p->title = st->title ? pr_strdup(st->title)
                         : pr_asprintf("Évolution des chiffres clés, %d\u2013%d", y0, y1);
    p->title_h = *p->title ? text_height(st, 1, st->title_size, p->title, w, 4) + GAP : 0;

    /* the label column: wide enough for the labels in at most three lines,
       within a quarter to a third of the width */
    double lw = w * 0.25;
    for (size_t r = 0; r < p->n_rows; r++) {
        double full = width(st, 0, st->label_size, p->labels[r]) / 3.0 + LABEL_GAP + 12;
        if (full > lw)
            lw = full;
    }
    if (lw > w / 3)
        lw = w / 3;
    p->label_w = lw;

    /* the widest value, year and change */
    double widest = 0, widest_year = 0, widest_change = 0;
    for (size_t r = 0; r < p->n_rows; r++)
        for (size_t k = 0; k < p->n_years; k++) {
            char *t = value_text(h, p, r, k);
            double tw = width(st, 0, st->value_size, t);
            free(t);
            if (tw > widest)
                widest = tw;
        }
    for (size_t k = 0; k < p->n_years; k++) {
        char *t = year_text(p, h->years[p->year_index[k]].year);
        double tw = width(st, 1, st->value_size, t);
        free(t);
        if (tw > widest_year)
            widest_year = tw;
    }
    for (size_t r = 0; r < p->n_rows; r++) {
        double tw = change_width(p, h, r);
        if (tw > widest_change)
            widest_change = tw;
    }
    /* the change column when the values still fit beside it, else none */
    double change_w = widest_change > 0 ? fmax(widest_change, width(st, 0, st->value_size, "écart"))
                                              + LABEL_GAP + 2 : 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        p->change_w = attempt == 0 && change_w > 0 && change_w < w / 4 ? change_w : 0;
        if (attempt == 1 && p->change_w == 0 && change_w == 0)
            break;
        if (fit_columns(p, w, widest) || attempt == 1)
            break;
    }
    p->bar_w = p->slot * 0.56 < MAX_BAR ? p->slot * 0.56 : MAX_BAR;
    double room = p->slot - 3;
    p->year_size = st->value_size;
    if (widest_year > room)
        p->year_size = fmax(MIN_SIZE, st->value_size * room / widest_year);
    if (widest_year * p->year_size / st->value_size > room)
        p->short_years = 1;

    /* rows: the label's lines or the least height */
    double row = MIN_ROW;
    for (size_t r = 0; r < p->n_rows; r++) {
        double lh = text_height(st, 0, st->label_size, p->labels[r], lw - LABEL_GAP, MAX_LINES) + 6;
        if (lh > row)
            row = lh;
    }
    if (p->staggered)
        row += p->value_size * 1.25;
    p->row_h = row;
    p->years_h = p->year_size * 1.25 + 4;
    p->notes = make_notes(h, p);
    p->notes_h = *p->notes ? GAP + notes_height(p) : 0;
    p->height = p->title_h + (double)p->n_rows * p->row_h + p->years_h + p->notes_h;
    return 1;
}

static void plan_free(plan *p)
{
    free(p->title);
    free(p->notes);
}

double pr_chart_height(const pr_history *h, const pr_chart_row *rows, size_t n, double w,
                       const pr_chart_style *st)
{
    plan p;
    double hgt = plan_chart(&p, h, rows, n, w, st) ? p.height : 0;
    plan_free(&p);
    return hgt;
}

/* ---- drawing ------------------------------------------------------------------- */
/* Wrapped text with its first line's top at y; returns the height. */
static double draw_text(pr_doc *doc, int page, const pr_chart_style *st, int bold, double size,
                        pr_rgb color, double x, double y, double w, const char *s, size_t max,
                        pr_box *bounds)
{
    size_t start[MAX_LINES * 4], len[MAX_LINES * 4];
    if (max > MAX_LINES * 4)
        max = MAX_LINES * 4;
    size_t n = wrap(st, bold, size, s, w, start, len, max);
    double lead = size * 1.25, widest = 0;
    for (size_t i = 0; i < n; i++) {
        /* the baseline an em below the line's top: ascenders stay under it */
        pr_doc_text_n(doc, page, bold ? st->font_bold : st->font, size, color, x,
                      y + size + lead * (double)i, s + start[i], len[i]);
        char *piece = pr_strndup(s + start[i], len[i]);
        double lw = width(st, bold, size, piece);
        free(piece);
        if (lw > widest)
            widest = lw;
    }
    if (bounds)
        *bounds = (pr_box){x, y, widest, lead * (double)n};
    return lead * (double)n;
}

/* Centred one-line text whose baseline is at `base`; its box. */
static pr_box centred(pr_doc *doc, int page, const pr_chart_style *st, int bold, double size,
                      pr_rgb color, double cx, double base, const char *s)
{
    double tw = width(st, bold, size, s);
    pr_doc_text(doc, page, bold ? st->font_bold : st->font, size, color, cx - tw / 2, base, s);
    return (pr_box){cx - tw / 2, base - size * 0.8, tw, size};
}

/* One-line text from x with its baseline at `base`; its box. */
static pr_box centred_left(pr_doc *doc, int page, const pr_chart_style *st, double size,
                           pr_rgb color, double x, double base, const char *s)
{
    double tw = width(st, 0, size, s);
    pr_doc_text(doc, page, st->font, size, color, x, base, s);
    return (pr_box){x, base - size * 0.8, tw, size};
}

static void info_box_or_skip(pr_chart_info *info, pr_box b)
{
    if (info)
        info->change_head = b;
}

/* Row r's change since the latest earlier value, in the change column
 * from x, its last line's baseline at `base`: "+5" over "+125 %", "=",
 * « non comparable », or nothing without an earlier value. Its box. */
static pr_box draw_change(pr_doc *doc, int page, const plan *p, const pr_history *h, size_t r,
                          double x, double base)
{
    const pr_chart_style *st = &p->st;
    pr_comparison c = pr_history_compare(h, p->rows[r].id);
    pr_box b = {x, base, 0, 0};
    double size = st->value_size, lead = size * 1.25;
    if (!c.has_previous)
        return b;
    if (!c.comparable) {
        b = centred_left(doc, page, st, size, st->muted, x, base - 2.5, "non comparable");
        return b;
    }
    char *ch = pr_comparison_change(&c);
    double top_base = base - 2.5 - (c.has_rate ? lead : 0);
    double tw = width(st, 1, size, ch);
    pr_doc_text(doc, page, st->font_bold, size, st->text, x, top_base, ch);
    if (c.previous_year + 1 != h->years[h->n - 1].year) {
        /* not the year just before: say which */
        char *since = pr_asprintf(" depuis %d", c.previous_year);
        pr_doc_text(doc, page, st->font, size, st->muted, x + tw, top_base, since);
        tw += width(st, 0, size, since);
        free(since);
    }
    b = (pr_box){x, top_base - size * 0.8, tw, size};
    free(ch);
    if (c.has_rate) {
        char *rt = rate_text(c.rate);
        pr_box rb = centred_left(doc, page, st, size, st->muted, x, base - 2.5, rt);
        free(rt);
        if (rb.w > b.w)
            b.w = rb.w;
        b.h = rb.y + rb.h - b.y;
    }
    return b;
}

void pr_chart_draw(pr_doc *doc, int page, pr_box box, const pr_history *h,
                   const pr_chart_row *rows, size_t n, const pr_chart_style *style,
                   pr_chart_info *info)
{
    plan p;
    if (info)
        memset(info, 0, sizeof *info);
    if (!plan_chart(&p, h, rows, n, box.w, style)) {
        plan_free(&p);
        return;
    }
    const pr_chart_style *st = &p.st;
    double y = box.y;
    pr_box tb = {box.x, y, 0, 0};
    if (*p.title)
        draw_text(doc, page, st, 1, st->title_size, st->text, box.x, y, box.w, p.title, 4, &tb);
    y += p.title_h;
    double plot_x = box.x + p.label_w + p.margin;
    double plot_end = plot_x + p.slot * (double)p.n_years + p.margin;
    double value_lead = p.value_size * 1.25;
    for (size_t r = 0; r < p.n_rows; r++, y += p.row_h) {
        double base = y + p.row_h - 4;
        double top = y + value_lead * (p.staggered ? 2 : 1) + 1;
        double room = base - top;
        pr_box lb;
        draw_text(doc, page, st, 0, st->label_size, st->text, box.x, y + 3, p.label_w - LABEL_GAP,
                  p.labels[r], MAX_LINES, &lb);
        long max = 0;
        for (size_t k = 0; k < p.n_years; k++) {
            const pr_year_value *v = cell(h, &p, r, k);
            if (v->origin != PR_ORIGIN_NONE && v->value > max)
                max = v->value;
        }
        pr_paint axis = pr_paint_stroke(st->axis, 0.5);
        pr_doc_line(doc, page, box.x + p.label_w, base, plot_end, base, &axis);
        for (size_t k = 0; k < p.n_years; k++) {
            const pr_year_value *v = cell(h, &p, r, k);
            int current = p.year_index[k] + 1 == h->n;
            int comparable = cell_comparable(h, &p, r, k);
            double cx = plot_x + p.slot * ((double)k + 0.5);
            double bh = v->origin != PR_ORIGIN_NONE && max > 0 && v->value > 0
                            ? room * (double)v->value / (double)max : 0;
            pr_box bar = {cx - p.bar_w / 2, base - bh, p.bar_w, bh};
            pr_rgb colour = current ? st->bar : st->bar_past;
            if (v->origin != PR_ORIGIN_NONE) {
                if (bh > 0) {
                    pr_paint paint = comparable ? pr_paint_fill(colour)
                                                : pr_paint_stroke(colour, 1.0);
                    if (!comparable) {   /* an outline: inside the bar's box */
                        pr_box in = {bar.x + 0.5, bar.y + 0.5, bar.w - 1, bar.h - 1};
                        if (in.h > 0)
                            pr_doc_rect(doc, page, in, 0, &paint);
                    } else {
                        pr_doc_rect(doc, page, bar, 0, &paint);
                    }
                } else {   /* a value of 0: a stroke on the base line */
                    pr_paint zero = pr_paint_stroke(colour, ZERO_BAR);
                    pr_doc_line(doc, page, bar.x, base - ZERO_BAR / 2, bar.x + bar.w,
                                base - ZERO_BAR / 2, &zero);
                }
            }
            char *t = value_text(h, &p, r, k);
            double lift = p.staggered && (k % 2) ? value_lead : 0;
            /* above its bar; alternating values on two fixed lines above
               the row's bars (bars of different heights would bring two
               neighbours level) */
            double vbase = p.staggered ? top - 2.5 - lift : (bh > 0 ? bar.y : base) - 2.5;
            pr_box vb = centred(doc, page, st, current && v->origin != PR_ORIGIN_NONE,
                                p.value_size, v->origin == PR_ORIGIN_NONE ? st->muted : st->text,
                                cx, vbase, t);
            free(t);
            if (info) {
                info->bar[r][k] = bar;
                info->has_value[r][k] = v->origin != PR_ORIGIN_NONE;
                info->value[r][k] = v->value;
                info->comparable[r][k] = comparable;
                info->value_label[r][k] = vb;
            }
        }
        pr_box cb = {0, 0, 0, 0};
        if (p.change_w > 0)
            cb = draw_change(doc, page, &p, h, r, plot_end + LABEL_GAP, base);
        if (info) {
            info->change[r] = cb;
            info->plot[r] = (pr_box){box.x + p.label_w, top, plot_end - box.x - p.label_w,
                                     base - top};
            info->label[r] = lb;
        }
    }
    /* the years, under the last row */
    for (size_t k = 0; k < p.n_years; k++) {
        int year = h->years[p.year_index[k]].year;
        int current = p.year_index[k] + 1 == h->n;
        char *t = year_text(&p, year);
        pr_box yb = centred(doc, page, st, current, p.year_size, current ? st->text : st->muted,
                            plot_x + p.slot * ((double)k + 0.5), y + p.year_size + 1, t);
        free(t);
        if (info) {
            info->year_label[k] = yb;
            info->years[k] = year;
        }
    }
    if (p.change_w > 0)
        info_box_or_skip(info, centred_left(doc, page, st, p.year_size, st->muted, plot_end + LABEL_GAP,
                                            y + p.year_size + 1, "écart"));
    y += p.years_h;
    /* notes and source */
    pr_box nb = {box.x, y, box.w, 0};
    if (*p.notes) {
        y += GAP;
        nb.y = y;
        for (const char *s = p.notes; *s;) {
            const char *e = strchr(s, '\n');
            char *line = pr_strndup(s, e ? (size_t)(e - s) : strlen(s));
            y += draw_text(doc, page, st, 0, st->source_size, st->muted, box.x, y, box.w, line, 16,
                           NULL);
            free(line);
            s = e ? e + 1 : s + strlen(s);
        }
        nb.h = y - nb.y;
    }
    if (info) {
        info->n_rows = p.n_rows;
        info->n_years = p.n_years;
        info->title = tb;
        info->notes = nb;
        info->value_size = p.value_size;
        info->staggered = p.staggered;
        info->height = p.height;
    }
    plan_free(&p);
}

/* ---- in words ------------------------------------------------------------------- */
char *pr_chart_alt(const pr_history *h, const pr_chart_row *rows, size_t n,
                   const pr_chart_style *style)
{
    plan p;
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    if (!plan_chart(&p, h, rows, n, 100, style)) {
        plan_free(&p);
        return pr_sb_steal(&sb);
    }
    pr_sb_printf(&sb, "%s.", *p.title ? p.title : "Évolution des chiffres clés");
    for (size_t r = 0; r < p.n_rows; r++) {
        pr_sb_printf(&sb, " %s\u00a0: ", p.labels[r]);
        for (size_t k = 0; k < p.n_years; k++) {
            const pr_year_value *v = cell(h, &p, r, k);
            int year = h->years[p.year_index[k]].year;
            if (k)
                pr_sb_puts(&sb, ", ");
            if (v->origin == PR_ORIGIN_NONE) {
                pr_sb_printf(&sb, "non disponible en %d", year);
            } else {
                char *t = number(v->value);
                pr_sb_printf(&sb, "%s en %d%s", t, year,
                             cell_comparable(h, &p, r, k) ? "" : " (autre définition)");
                free(t);
            }
        }
        pr_comparison c = pr_history_compare(h, p.rows[r].id);
        char *change = pr_comparison_change(&c);
        if (c.comparable)
            pr_sb_printf(&sb, " (%s depuis %d)", change, c.previous_year);
        else if (c.has_previous)
            pr_sb_printf(&sb, " (définition modifiée en %d\u00a0: non comparable)", c.changed_in);
        free(change);
        pr_sb_puts(&sb, ".");
    }
    plan_free(&p);
    return pr_sb_steal(&sb);
}
