/* figures.h — the report's key figures, computed from the model, and the
 * cross-check of the figures the bureau declared (chiffres_declares).
 *
 * Each figure has a stable id (used by templates as {{chiffre.ID}}, by the
 * annex, by --figures-json), a French label, an integer value and a one-line
 * French definition of how it is computed. The table of figures is static:
 * pr_figure_defs() lists them in report order. */
#ifndef PR_FIGURES_H
#define PR_FIGURES_H

#include <stddef.h>

#include "base/diag.h"
#include "data/model.h"

typedef struct pr_figure_def {
    const char *id;           /* "ateliers_elus" */
    const char *label;        /* "Ateliers des élus engagés" */
    const char *definition;   /* "Nombre d'événements de type atelier_elus datés de l'année." */
    const char *sheet;        /* annex sheet holding its rows: "Événements" */
} pr_figure_def;

typedef struct pr_figure {
    const pr_figure_def *def;
    long value;
} pr_figure;

typedef struct pr_figures {
    pr_figure *items;         /* in pr_figure_defs() order */
    size_t n;
    /* The distinct départements covered by active local networks (a regional
     * network expands to all the départements of its régions), sorted by
     * code; shared by the figure, the map and the annex. */
    const char **covered;
    size_t n_covered;
} pr_figures;

typedef struct pr_check {
    const pr_declared *declared;
    const pr_figure *figure;
    long difference;          /* computed - declared */
} pr_check;

typedef struct pr_checks {
    pr_check *items;
    size_t n;
    size_t n_mismatch;
} pr_checks;

/* The static table of figure definitions, NULL-id terminated. */
const pr_figure_def *pr_figure_defs(void);
const pr_figure_def *pr_figure_def_find(const char *id);

void pr_figures_compute(const pr_model *m, pr_figures *out);
void pr_figures_free(pr_figures *f);
const pr_figure *pr_figures_get(const pr_figures *f, const char *id);
/* Value of a figure by id; aborts on an unknown id (a programming error). */
long pr_figure_value(const pr_figures *f, const char *id);

/* Compare each declared figure with its computed value. Adds a warning per
 * difference (an error when `strict`), positioned at the declaration. */
void pr_checks_compute(const pr_model *m, const pr_figures *f, int strict,
                       pr_checks *out, pr_diags *diags);
void pr_checks_free(pr_checks *c);

/* The people an event counts for in "personnes mobilisées": its declared
 * participants when given; otherwise the people the data names for it
 * (officials present, speakers of the event and of its sessions, people
 * interviewed). *declared (may be NULL) tells which. */
long pr_event_attendance(const pr_event *e, int *declared);

/* "Plus de N": the largest round number not above v (to the hundred from
 * 100, to the ten from 10, v itself below 10). */
long pr_round_down_display(long v);

#endif
