/* model_common.h — body of the model harnesses: load a buffer in one format,
 * validate it into a model, compute the figures and the cross-check of the
 * declared figures, free everything. Validation must never crash on any
 * tree, and a model that validated must satisfy the figures' assumptions. */
#ifndef PR_FUZZ_MODEL_COMMON_H
#define PR_FUZZ_MODEL_COMMON_H

#include <assert.h>

#include "data/figures.h"
#include "fuzz.h"
#include "data/model.h"
#include "data/load.h"
#include "data/load_json.h"
#include "data/load_yaml.h"

/* Run load -> model -> figures on one input. */
static void fuzz_model_one(const char *name, pr_format format, const uint8_t *data, size_t size)
{
    pr_arena arena = {0};
    pr_diags d;
    pr_diags_init(&d);
    pr_value *root = format == PR_FORMAT_YAML
        ? pr_load_yaml(name, (const char *)data, size, &arena, &d)
        : pr_load_json(name, (const char *)data, size, &arena, &d);
    if (root) {
        pr_model *m = pr_model_build(root, &arena, name, &d);
        assert(m ? !pr_diags_has_errors(&d) : pr_diags_has_errors(&d));
        if (m) {
            pr_figures f;
            pr_checks c;
            pr_figures_compute(m, &f);
            pr_checks_compute(m, &f, 1, &c, &d);
            pr_checks_free(&c);
            pr_figures_free(&f);
            pr_model_free(m);
        }
    }
    pr_arena_free(&arena);
    pr_fuzz_reset(&d);
}

#endif
