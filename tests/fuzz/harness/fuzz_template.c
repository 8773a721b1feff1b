/* fuzz_template.c — fuzzes the template text language: compilation
 * (pr_tpl_compile, placeholders, filters, {{#chaque}}, {{#si}}, field paths
 * checked against the schema) and expansion against the 2023 data and its
 * figures, then the split into prose blocks. The first byte chooses the
 * scope: the document root, or the item of a list (an event, an official,
 * a team member) bound to its first element of 2023.
 * requires: pr_tpl_compile pr_tpl_expand pr_prose_split pr_model_build
 * dict: template
 * options: -max_len=2048 */
#include <assert.h>
#include <stdlib.h>

#include "data/figures.h"
#include "fuzz.h"
#include "data/model.h"
#include "compose/template_text.h"
#include "data/load.h"

#ifndef PR_FUZZ_ROOT
#define PR_FUZZ_ROOT "."
#endif

static pr_model *model;
static pr_figures figures;

/* Load and validate data/2023.yaml once for the whole run. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    pr_diags d;
    pr_diags_init(&d);
    pr_arena arena = {0};
    pr_value *root = pr_load_file(PR_FUZZ_ROOT "/data/2023.yaml", PR_FORMAT_YAML, &arena, &d);
    if (root)
        model = pr_model_build(root, &arena, "2023.yaml", &d);
    if (model)
        pr_figures_compute(model, &figures);
    else
        pr_arena_free(&arena);
    pr_diags_free(&d);   /* the sources stay: the model's positions use them */
    return 0;
}

/* The first element of a list of the model, or kind ABSENT. */
static pr_mvalue first_of(const char *key)
{
    pr_mvalue none = {.kind = PR_MV_ABSENT};
    if (!model)
        return none;
    pr_mvalue root = pr_mvalue_root(model);
    const pr_field *f = pr_record_field(root.record, key);
    if (!f)
        return none;
    pr_mvalue list = pr_mvalue_get(model, &root, f);
    return pr_mvalue_item(&list, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const lists[][2] = {
        {NULL, NULL}, {"evenements[]", "evenements"}, {"elus[]", "elus"}, {"chantiers[]", "chantiers"},
    };
    unsigned which = data[0] % 4;
    pr_tpl_scope scope = {{0}, 0};
    pr_tpl_ctx ctx = {0};
    ctx.model = model;
    ctx.figures = model ? &figures : NULL;
    pr_mvalue item = {.kind = PR_MV_ABSENT};
    if (which && model) {
        item = first_of(lists[which][1]);
        if (item.kind == PR_MV_RECORD) {
            scope.patterns[0] = lists[which][0];
            scope.depth = 1;
            ctx.items[0] = &item;
            ctx.depth = 1;
            ctx.index = 0;
            ctx.count = 1;
        }
    }
    pr_diags d;
    pr_diags_init(&d);
    pr_pos pos = {"fuzz.txt", 1, 1};
    pr_tpl_text *t = pr_tpl_compile((const char *)data + 1, size - 1, pos, PR_TPL_ORIGIN_FLAT,
                                    &scope, &d);
    assert(t || pr_diags_has_errors(&d));
    if (t && model) {
        char *out = pr_tpl_expand(t, &ctx, &d);
        assert(out);
        pr_prose p = {0};
        pr_prose_split(out, &p);
        pr_prose_free(&p);
        free(out);
    }
    pr_tpl_text_free(t);
    pr_diags_free(&d);
    return 0;
}
