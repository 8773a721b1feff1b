/* value.h — the document tree both loaders produce: maps, sequences and
 * scalars, each with its position in the source file. The model builder
 * (model_build.c) turns it into typed structs; nothing else reads it.
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
    const char *text;         /* UTF-8, NUL-terminated; valid UTF-8 guaranteed */
    size_t text_len;
    /* sequence and map: n items in source order */
    size_t n;
    pr_value **items;
    /* map only: keys[i] names items[i]; key_pos[i] is where the key starts */
    const char **keys;
    pr_pos *key_pos;
};

/* Limits enforced by the loaders (documented in data/README.md). */
#define PR_MAX_INPUT_BYTES   (16u * 1024u * 1024u)  /* 16 Mio */
#define PR_MAX_DEPTH         64                      /* nesting levels */
#define PR_MAX_SCALAR_BYTES  (64u * 1024u)           /* one string */
#define PR_MAX_ITEMS         200000                  /* items in one list/map */
#define PR_MAX_NODES         2000000                 /* nodes after alias expansion */

typedef enum { PR_FORMAT_AUTO, PR_FORMAT_YAML, PR_FORMAT_JSON } pr_format;

/* Load `path` ("-" = stdin, then format must not be AUTO) into a tree
 * allocated in `arena`. Registers the text with pr_source_add for caret
 * lines. Returns NULL after adding at least one error to `diags` (syntax
 * errors, invalid UTF-8, empty file, too large, too deep, duplicate keys,
 * alias bombs, I/O errors). `*io_error` is set to 1 when the failure was an
 * input/output error (exit status 3) rather than bad data. */
pr_value *pr_load_file(const char *path, pr_format format, pr_arena *arena,
                       pr_diags *diags, int *io_error);

/* The same from a buffer; `name` is used in positions. */
pr_value *pr_load_buffer(const char *name, const char *text, size_t len,
                         pr_format format, pr_arena *arena, pr_diags *diags);

/* Format-specific entry points used by pr_load_buffer. */
pr_value *pr_load_yaml(const char *name, const char *text, size_t len,
                       pr_arena *arena, pr_diags *diags);
pr_value *pr_load_json(const char *name, const char *text, size_t len,
                       pr_arena *arena, pr_diags *diags);

/* Map lookup: the value for key, or NULL. */
const pr_value *pr_value_get(const pr_value *map, const char *key);

/* For the loaders (load.c): report every key of `map` that repeats an
 * earlier key of the same map, at the repeated key, naming the line of the
 * first. Returns the number of duplicates found. */
size_t pr_value_check_duplicates(const pr_value *map, pr_diags *diags);

#endif
