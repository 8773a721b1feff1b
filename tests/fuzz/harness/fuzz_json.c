/* fuzz_json.c — fuzzes the JSON loader (pr_load_json) on arbitrary bytes:
 * it must return a tree or NULL with at least one error, never crash, leak,
 * hang or read out of bounds.
 * requires: pr_load_json */
#include <assert.h>

#include "fuzz.h"
#include "data/load_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pr_arena arena = {0};
    pr_diags d;
    pr_diags_init(&d);
    pr_value *root = pr_load_json("fuzz.json", (const char *)data, size, &arena, &d);
    assert(root ? 1 : pr_diags_has_errors(&d));
    pr_arena_free(&arena);
    pr_fuzz_reset(&d);
    return 0;
}
