/* render_pdf.h — the PDF backend: writes a display list (doc.h) as a PDF
 * file with libharu. This module is the only one that knows libharu.
 *
 * Output is deterministic: the same pr_doc (with the same info.created
 * timestamp) gives byte-identical files. Fonts are embedded as subsets
 * (TrueType, UTF-8 text) built by font_subset.c from the code points the
 * text runs use (PR_PDF_FULL_FONTS=1 in the environment embeds the whole
 * files instead, for comparison), streams are compressed, outline titles
 * and document information are Unicode, links have no visible border.
 *
 * Errors (unreadable font or image, libharu failure, write failure) become
 * French error diagnostics in `d`; nothing aborts. */
#ifndef PR_RENDER_PDF_H
#define PR_RENDER_PDF_H

#include <stddef.h>

#include "base/diag.h"
#include "doc/doc.h"

/* Render `doc` into memory: on success returns 0 and sets *data (caller
 * frees) and *len; on failure returns -1 with errors added to `d`. */
int pr_pdf_render(const pr_doc *doc, unsigned char **data, size_t *len, pr_diags *d);

/* Render `doc` and write it to `path` (written directly: the caller handles
 * temporary names and renaming). Returns 0, or -1 with errors in `d`. */
int pr_pdf_write(const pr_doc *doc, const char *path, pr_diags *d);

#endif
