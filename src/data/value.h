/* value.h — the document tree both loaders produce (load.h): maps,
 * sequences and scalars, each with its position in the source file. The
 * model builder (model_build.c) turns it into typed structs and keeps it
 * (pr_model.doc) for the checks that need each value's position; the
 * templates never read it (they read the model through its schema,
 * model_schema.h).
 *
 * A YAML file and a JSON file with the same data give the same tree, except
 * for scalar styles: YAML plain scalars are PR_SCALAR_PLAIN (typed by what
 * the schema expects), quoted YAML scalars and JSON strings PR_SCALAR_STRING,
 * JSON numbers/true/false/null their own styles.
 *
 * Ownership: a tree is allocated in the arena given to the loader; it is
 * freed with that arena. Loaders never keep pointers into libyaml or jansson
 * documents. */
#ifndef PR_VALUE_H
#define PR_VALUE_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"

typedef enum { PR_V_SCALAR, PR_V_SEQ, PR_V_MAP } pr_vkind;

typedef enum {
    PR_SCALAR_PLAIN,   /* YAML plain scalar (an empty value is "" plain) */
    PR_SCALAR_STRING,  /* YAML quoted or block scalar, JSON string */
    PR_SCALAR_NUMBER,  /* JSON number (text as written) */
    PR_SCALAR_BOOL,    /* JSON true/false (text "true"/"false") */
    PR_SCALAR_NULL     /* JSON null, YAML ~ or null (text "") */
} pr_scalar_style;

typedef struct pr_value pr_value;
struct pr_value {
    pr_vkind kind;
    pr_pos pos;               /* where the value starts */
    /* scalar */
    pr_scalar_style style;
    unsigned char str_tag;    /* YAML: a string by an explicit !!str tag,
                               * not by quotes (for messages) */
    const char *text;         /* UTF-8, NUL-terminated; valid UTF-8 guaranteed */
    size_t text_len;
    /* sequence and map: n items in source order */
    size_t n;
    pr_value **items;
    /* map only: keys[i] names items[i]; key_pos[i] is where the key starts */
    const char **keys;
    pr_pos *key_pos;
};

/* Map lookup: the value for key, or NULL. */
const pr_value *pr_value_get(const pr_value *map, const char *key);

/* For the loaders: report every key of `map` that repeats an earlier key
 * of the same map, at the repeated key, naming the line of the first,
 * whatever the types of the values; then drop the repeats from the map,
 * which keeps the first of each key (so that later stages check it once
 * and report the file's other errors). Returns the number of duplicates
 * found. */
size_t pr_value_check_duplicates(pr_value *map, pr_diags *diags);

#endif
