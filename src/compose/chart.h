/* chart.h — the key figures over the years (issue 15), drawn as vector
 * operations into the display list (doc.h), like the maps (map.h), with the
 * same fonts and width callback.
 *
 * The chart is small multiples: one row per figure (3 to 5 of them), one
 * column per year that has a value for one of them (history.h: at most
 * the ten years ending with the report's). Each row has its own scale, from
 * 0 to its largest value, so bars are proportional to their values within
 * a row; a figure's label at the left, each value above its bar, at the
 * right the change since the latest earlier value (« +5 » over « +125 % »,
 * or « non comparable »), the years under the last row, a title on top,
 * notes and the source line at the bottom. The report's year is drawn in the main colour, earlier
 * years in a lighter one; a value that follows another definition of the
 * figure than the report's year (figures.h, PR_FIGURE_REVISIONS) is drawn
 * as an outline with an asterisk, and a note says « définition modifiée en
 * AAAA : non comparable »; a year without a value shows « n.d. ». Value
 * labels never overlap (they shrink, then alternate between two heights)
 * and nothing leaves the box.
 *
 * When no figure of the chart has a value before the report's year, there
 * is nothing to compare: pr_chart_height() is 0 and nothing is drawn. */
#ifndef PR_CHART_H
#define PR_CHART_H

#include <stddef.h>

#include "compose/map.h"
#include "data/history.h"
#include "doc/doc.h"
#include "typeset/font.h"

/* At most this many figures in a chart. */
#define PR_CHART_MAX_ROWS 5

typedef struct pr_chart_row {
    pr_figure_id id;
    const char *label;             /* NULL: the figure's label (figures.h) */
} pr_chart_row;

typedef struct pr_chart_style {
    int font, font_bold;           /* faces from pr_doc_font() */
    pr_map_measure_fn measure;     /* NULL: estimate (pr_map_text_width) */
    const void *measure_ctx;
    pr_rgb text;                   /* labels and values */
    pr_rgb muted;                  /* years, notes, source, « n.d. » */
    pr_rgb bar;                    /* the report's year */
    pr_rgb bar_past;               /* earlier years */
    pr_rgb axis;                   /* each row's base line */
    pr_rgb background;             /* what the chart is drawn on (for the
                                      contrast of its texts; nothing is painted) */
    double title_size;             /* 0: 11 pt */
    double label_size;             /* figures' labels; 0: 8 pt */
    double value_size;             /* values and years; 0: 7.5 pt */
    double source_size;            /* notes and source; 0: 6.5 pt */
    const char *title;             /* NULL: « Évolution des chiffres clés,
                                      AAAA–AAAA »; "": none */
    const char *source;            /* NULL: the default source line; "": none */
} pr_chart_style;

/* The default style for a font set (as pr_map_style_for): dark text, grey
 * notes, bleu France bars, on white. */
pr_chart_style pr_chart_style_for(pr_doc *doc, const pr_fontset *fonts);
/* The same without fonts (widths estimated): for tests. */
pr_chart_style pr_chart_style_default(int font, int font_bold);

/* What the chart drew. */
typedef struct pr_chart_info {
    size_t n_rows, n_years;
    int years[PR_HISTORY_YEARS];
    pr_box title;                          /* (h 0 without one) */
    pr_box plot[PR_CHART_MAX_ROWS];        /* each row's bar area */
    pr_box label[PR_CHART_MAX_ROWS];       /* each row's figure label */
    pr_box bar[PR_CHART_MAX_ROWS][PR_HISTORY_YEARS];    /* h 0: no bar */
    int has_value[PR_CHART_MAX_ROWS][PR_HISTORY_YEARS];
    long value[PR_CHART_MAX_ROWS][PR_HISTORY_YEARS];
    int comparable[PR_CHART_MAX_ROWS][PR_HISTORY_YEARS]; /* same definition
                                                             as the report's year */
    pr_box value_label[PR_CHART_MAX_ROWS][PR_HISTORY_YEARS]; /* value or n.d. */
    pr_box year_label[PR_HISTORY_YEARS];
    pr_box change[PR_CHART_MAX_ROWS];      /* each row's change (w 0: none) */
    pr_box change_head;                    /* « écart » under the change column */
    pr_box notes;                          /* notes and source line */
    double value_size;                     /* the values' size after fitting */
    int staggered;                         /* values alternate between two heights */
    double height;                         /* height used */
} pr_chart_info;

/* The height the chart takes at width `w` (points), or 0 when it has
 * nothing to show. */
double pr_chart_height(const pr_history *h, const pr_chart_row *rows, size_t n, double w,
                       const pr_chart_style *st);

/* Draw the chart at the top of `box` on page `page` (its height should be
 * pr_chart_height()); nothing when there is nothing to show. `info` may be
 * NULL. */
void pr_chart_draw(pr_doc *doc, int page, pr_box box, const pr_history *h,
                   const pr_chart_row *rows, size_t n, const pr_chart_style *st,
                   pr_chart_info *info);

/* What the chart shows, in words, for its alternative text: the title,
 * then per figure its values by year and the change (heap). */
char *pr_chart_alt(const pr_history *h, const pr_chart_row *rows, size_t n,
                   const pr_chart_style *st);

#endif
