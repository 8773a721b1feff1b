/* pdf_xmp.h — the document's XMP metadata packet (ISO 16684-1), as PDF/A-1
 * (ISO 19005-1, 6.7) and PDF/UA-1 (ISO 14289-1, 5 and 7.1) want it: the
 * same title, author, subject, keywords, creator tool, producer and dates
 * as the document information dictionary; dc:language; the PDF/A
 * identification (part 1, conformance A) and the PDF/UA one (part 1),
 * with the extension schema PDF/A-1 requires for a property outside its
 * predefined schemas (pdfuaid).
 *
 * The packet is plain text (UTF-8), written uncompressed as the catalog's
 * /Metadata stream (PDF/A-1 forbids filters there). Text is escaped for
 * XML; characters XML 1.0 cannot carry (C0 controls but tab, LF and CR)
 * are left out. */
#ifndef PR_PDF_XMP_H
#define PR_PDF_XMP_H

#include "doc/doc.h"

/* The packet for `info` (NULL fields left out), the document language
 * `lang` and libharu's `producer` string (the Info dictionary's). Dates:
 * info->created (Unix time, UTC) as both creation and modification date,
 * as the Info dictionary has them; none when negative. Caller frees. */
char *pr_pdf_xmp(const pr_doc_info *info, const char *lang, const char *producer);

#endif
