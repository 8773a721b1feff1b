/* load.h — reading a data or template file into the document tree
 * (value.h): choosing the format (by extension, or given), reading the
 * bytes (a file or standard input) within PR_MAX_INPUT_BYTES, checking the
 * text is UTF-8 without NUL, registering it for caret lines
 * (pr_source_add), then handing it to the YAML (load_yaml.h) or JSON
 * (load_json.h) loader. */
#ifndef PR_LOAD_H
#define PR_LOAD_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"
#include "data/value.h"

/* Limits enforced by the loaders (documented in data/README.md). */
#define PR_MAX_INPUT_BYTES   (16u * 1024u * 1024u)  /* 16 Mio */
#define PR_MAX_DEPTH         64                      /* nesting levels */
#define PR_MAX_SCALAR_BYTES  (64u * 1024u)           /* one string */
#define PR_MAX_ITEMS         200000                  /* items in one list/map */
#define PR_MAX_NODES         2000000                 /* nodes after alias expansion */

typedef enum { PR_FORMAT_AUTO, PR_FORMAT_YAML, PR_FORMAT_JSON } pr_format;

/* Load `path` ("-" = stdin, then format must not be AUTO) into a tree
 * allocated in `arena`. Registers the text with pr_source_add for caret
 * lines. Returns NULL after adding at least one error to `diags`: data
 * errors (syntax, invalid UTF-8, empty file, unknown extension, too large,
 * too deep, alias bombs), an I/O error (the file cannot be read: exit
 * status 3) or a usage error (standard input without a format).
 * Some errors leave a whole tree, which is returned so that later stages
 * report the file's other errors too: duplicate keys (each map keeps the
 * first) and characters no text may hold (pr_text_forbidden_at). The
 * caller must therefore check pr_diags_has_errors(diags) before using
 * the tree for anything but more checks. */
pr_value *pr_load_file(const char *path, pr_format format, pr_arena *arena,
                       pr_diags *diags);

/* The same from a buffer; `name` is used in positions. */
pr_value *pr_load_buffer(const char *name, const char *text, size_t len,
                         pr_format format, pr_arena *arena, pr_diags *diags);

#endif
