/* report.h — composing the annual report: walks a loaded template
 * (template.h), expands its texts against the model and the key figures,
 * and lays the result out with the page-flow engine (layout.h) into a
 * display list (doc.h) ready for the PDF backend.
 *
 * The document is laid out in one pass: the contents page's numbers are
 * page references written when the layout finishes (each contents entry
 * links to its section's divider page). A second pass replaces the first
 * only when a section ends on a nearly empty page (a block is then started
 * earlier on it).
 *
 * Report-specific components (key-figure tiles, cover, dividers, back
 * cover, month-by-month timeline, map placeholders) are drawn here on top
 * of the layout primitives.
 *
 * Ownership: the returned document belongs to the caller (pr_doc_free).
 * Caller: main.c. */
#ifndef PR_REPORT_H
#define PR_REPORT_H

#include "base/diag.h"
#include "doc/doc.h"
#include "data/figures.h"
#include "typeset/font.h"
#include "typeset/hyph.h"
#include "data/model.h"
#include "compose/template.h"

typedef struct pr_report_env {
    const pr_fontset *fonts;     /* required (fonts/fonts.conf) */
    const pr_hyph *hyph;         /* French hyphenation, or NULL */
    const char *data_dir;        /* folder of the data file: photo paths are
                                    relative to it ("" or NULL: current) */
    const struct pr_history *history;  /* the years before (data/history.h), or
                                    NULL: no comparison, no chart */
} pr_report_env;

/* Compose the report. Returns the document, or NULL after adding errors
 * (a text that cannot be expanded); layout warnings (a name too long for
 * its card…) are added as warnings. The document's information (title,
 * author, subject) is set from the data; its creation date is left for the
 * caller. */
pr_doc *pr_report_build(const pr_template *t, const pr_model *m, const pr_figures *f,
                        const pr_report_env *env, pr_diags *d);

/* The anchor id of section i (0-based) in the document: "section-1"…
 * Written into the buffer (at least 32 bytes); returns it. */
const char *pr_report_section_anchor(size_t i, char *buf);

#endif
