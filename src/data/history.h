/* history.h — the years before the report's, and the comparison of its key
 * figures with theirs (issue 15).
 *
 * An earlier year's figures come from one of two sources:
 *   - its data file, computed by this program exactly as the report's year
 *     is (so always comparable with it): the files named in the data
 *     (annees_precedentes.fichiers, relative to the data file) and, for the
 *     other years, the file beside the data file named after the year
 *     (data/2022.yaml for data/2023.yaml: same extension first, then .yaml,
 *     .yml, .json);
 *   - for a year without a valid data file, the figures published for it,
 *     carried in the data (annees_precedentes.chiffres: year, figure,
 *     value, source, definition version).
 *
 * Only the PR_HISTORY_YEARS years ending with the report's are compared.
 * Each earlier file is read once, validated without its photos, its
 * figures computed and the file's model freed at once: nothing but the
 * figures is kept, and an earlier file's own history is not followed (the
 * cost is linear in the years). A file with errors does not stop the
 * report: its year is left out (or taken from the published figures) with a
 * warning at the position of its first error.
 *
 * Values of a figure that follow different versions of its definition
 * (figures.h, PR_FIGURE_REVISIONS) are never compared.
 *
 * Ownership: a pr_history owns its strings (its arena); free it with
 * pr_history_free(). It does not point into the model. */
#ifndef PR_HISTORY_H
#define PR_HISTORY_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"
#include "data/figures.h"
#include "data/model.h"

/* The years compared: the report's year and the nine before it. */
#define PR_HISTORY_YEARS 10

/* Where a year's value comes from. */
typedef enum {
    PR_ORIGIN_NONE = 0,        /* no value */
    PR_ORIGIN_DATA,            /* computed from the year's data file */
    PR_ORIGIN_PUBLISHED        /* published (annees_precedentes.chiffres) */
} pr_origin;

typedef struct pr_year_value {
    pr_origin origin;
    long value;
    int definition;            /* the version of the figure's definition */
    const char *source;        /* PUBLISHED: the entry's source */
} pr_year_value;

typedef struct pr_history_year {
    int year;
    const char *file;          /* the data file its figures come from
                                  (NULL: published figures only) */
    pr_year_value v[PR_FIG__COUNT];   /* by pr_figure_id */
} pr_history_year;

typedef struct pr_history {
    pr_history_year *years;    /* oldest first; the last is the report's */
    size_t n;                  /* 1: the report's year alone */
    pr_arena arena;            /* owns the strings */
} pr_history;

/* Build the history of model m (loaded from `data_path`, "-" for standard
 * input: then only the files it names are read) with its figures f.
 * Warnings go to d (never errors: an earlier year never stops the
 * report). */
void pr_history_build(const pr_model *m, const pr_figures *f, const char *data_path,
                      pr_history *out, pr_diags *d);
void pr_history_free(pr_history *h);

/* Has any figure a value for a year before the report's? */
int pr_history_has_past(const pr_history *h);
/* Does figure id have a value for a year before the report's? */
int pr_history_figure_has_past(const pr_history *h, pr_figure_id id);

/* The comparison of one figure with its latest earlier value. */
typedef struct pr_comparison {
    pr_figure_id id;
    long value;                /* the report's year */
    int has_previous;          /* an earlier year has a value */
    int previous_year;
    long previous;
    pr_origin previous_origin;
    const char *previous_source;   /* its file or its published source */
    int comparable;            /* has_previous and the same definition */
    long change;               /* value - previous (comparable only) */
    int has_rate;              /* comparable and previous > 0 */
    double rate;               /* change / previous */
    int changed_in;            /* not comparable: the year the definition
                                  changed (figures.h) */
    const char *changed_what;  /* and what changed */
} pr_comparison;

pr_comparison pr_history_compare(const pr_history *h, pr_figure_id id);

/* Two values of a figure can be compared (both known, same definition). */
int pr_year_values_comparable(const pr_year_value *a, const pr_year_value *b);

/* French phrases of the report and the annex (heap):
 *   "contre 6 en 2022", "définition modifiée en 2024 : non comparable",
 *   or "" when no earlier year has a value. */
char *pr_comparison_phrase(const pr_comparison *c);
/* "+3", "−2", "=" (comparable only; "" otherwise). */
char *pr_comparison_change(const pr_comparison *c);

#endif
