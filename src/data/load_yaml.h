/* load_yaml.h — YAML text to the document tree (value.h), with libyaml's
 * event parser (the only file that includes yaml.h). Called through
 * pr_load_buffer (load.h). */
#ifndef PR_LOAD_YAML_H
#define PR_LOAD_YAML_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"
#include "data/value.h"

/* Parse `len` bytes of UTF-8 text already registered as `name` (positions
 * refer to it) into a tree allocated in `arena`. Returns NULL after adding
 * at least one error (syntax, limits of load.h, duplicate keys, aliases). */
pr_value *pr_load_yaml(const char *name, const char *text, size_t len,
                       pr_arena *arena, pr_diags *diags);

#endif
