/* load_json.h — JSON text to the document tree (value.h), with jansson
 * (the only file that includes jansson.h). Called through
 * pr_load_buffer (load.h). */
#ifndef PR_LOAD_JSON_H
#define PR_LOAD_JSON_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"
#include "data/value.h"

/* Parse `len` bytes of UTF-8 text already registered as `name` (positions
 * refer to it) into a tree allocated in `arena`. Returns NULL after adding
 * at least one error (syntax, limits of load.h, duplicate keys). */
pr_value *pr_load_json(const char *name, const char *text, size_t len,
                       pr_arena *arena, pr_diags *diags);

#endif
