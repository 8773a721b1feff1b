/* verify.h — the check of a written .xlsx file, before it is reported as
 * written: libxlsxwriter does not check its writes to its temporary files,
 * so a full disk or a failed allocation can leave a truncated member or an
 * incomplete XML part in an archive it reports as written.
 *
 * Allocates with malloc only and never exits: a failed allocation is a
 * reason like the others. */
#ifndef PR_ANNEX_VERIFY_H
#define PR_ANNEX_VERIFY_H

#include <stddef.h>

/* Read the xlsx at path back: a complete zip whose every member inflates to
 * its recorded size and CRC, whose XML parts are well formed, and which
 * holds xl/workbook.xml and its n_sheets worksheets. Returns 0, or -1 with a
 * French reason in why ("fichier écrit invalide (archive tronquée)"). */
int annex_verify_xlsx(const char *path, int n_sheets, char *why, size_t why_len);

/* Whether an XML document of n bytes is well formed, as far as
 * libxlsxwriter's output needs: UTF-8 of XML 1.0 characters only (no
 * control character but tab, line feed and carriage return, no U+FFFE or
 * U+FFFF, not even as a character reference); one root element; tags with
 * name="value" attributes; start and end tags nested in order; entities in
 * text; nothing but white space outside the root. */
int annex_xml_well_formed(const char *s, size_t n);

#endif
