/* render_pdf.h — the PDF backend: writes a display list (doc.h) as a PDF
 * file with libharu. The backend (src/pdf/) is the only part of the program
 * that knows libharu; within it, hpdf_private.c alone reaches into
 * libharu's structures, and pages are written by the project's own content
 * writer (pdf_content.h).
 *
 * Output is deterministic: the same pr_doc (with the same info.created
 * timestamp) gives byte-identical files. Fonts are embedded as subsets
 * (TrueType, UTF-8 text) built by font_subset.c from the code points the
 * text runs use (PR_PDF_FULL_FONTS=1 in the environment embeds the whole
 * files instead, for comparison), streams are compressed, outline titles
 * and document information are Unicode, links have no visible border.
 *
 * Errors become French diagnostics in `d`, each of its class (base/diag.h):
 * an unreadable or unusable font or image, a write failure or exhausted
 * memory are I/O errors (exit 3); a font whose licence forbids embedding is
 * a template error (fonts/fonts.conf); any other libharu failure, or a
 * display list the backend cannot draw (a link to a missing page), is an
 * internal error (exit 4). A failed allocation ends the program through
 * pr_oom() (exit 3), inside libharu too. */
#ifndef PR_RENDER_PDF_H
#define PR_RENDER_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "doc/doc.h"
#include "typeset/font.h"

/* Render `doc` into memory: on success returns 0 and sets *data (caller
 * frees) and *len; on failure returns -1 with errors added to `d`. */
int pr_pdf_render(const pr_doc *doc, unsigned char **data, size_t *len, pr_diags *d);

/* Render `doc` and write it to `path` (written directly: the caller handles
 * temporary names and renaming). The file is created once the pages are
 * drawn, and written as it is produced: it is never held whole in memory.
 * Returns 0, or -1 with errors in `d`. */
int pr_pdf_write(const pr_doc *doc, const char *path, pr_diags *d);

/* The same, freeing each page's operations once the page is drawn (the
 * pages stay, empty): the display list and the PDF are not held whole
 * side by side. For a document that is not drawn again. */
int pr_pdf_write_release(pr_doc *doc, const char *path, pr_diags *d);

/* How a text operation is drawn (doc.h): the TJ adjustment after each of
 * its codes[0..n) (two-byte codes, Unicode BMP values), in thousandths of
 * the text size: minus the kerning pair of face m with the next code when
 * `kern` (m may be NULL: no kerning), minus word_spacing (points, at
 * `size`) after each U+0020. The drawn advance is the sum of the codes'
 * advances minus the sum of adj, times size / 1000: exactly what
 * pr_metrics_width(m, size, text, kern) measured plus word_spacing per
 * space. adj has room for n values. */
void pr_pdf_text_adjustments(const pr_font_metrics *m, const uint16_t *codes, size_t n,
                             int kern, double word_spacing, double size, double *adj);

#endif
