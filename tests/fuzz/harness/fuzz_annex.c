/* fuzz_annex.c — fuzzes the annex writer's XML: the input is a year's data
 * (YAML, or JSON when it starts with '{'); when it validates, the annex is
 * written (in this process) to a temporary file and read back by the
 * annex's own check (annex/verify.h: the zip, every part well formed, UTF-8
 * of XML 1.0 characters only). Whatever texts the data holds, writing must
 * succeed and every part be XML a spreadsheet takes; never a crash, a leak
 * or a part with a character XML cannot carry.
 * requires: pr_annex_write pr_model_build
 * seeds: tests/fuzz/corpus/model_yaml tests/fuzz/corpus/model_json
 * dict: yaml
 * options: -max_len=65536 -timeout=30 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annex/annex.h"
#include "data/figures.h"
#include "data/load_json.h"
#include "data/load_yaml.h"
#include "data/model.h"
#include "fuzz.h"
#include "image/photo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pr_arena arena = {0};
    pr_diags d;
    pr_diags_init(&d);
    int json = size && data[0] == '{';
    pr_value *root = json ? pr_load_json("fuzz.json", (const char *)data, size, &arena, &d)
                          : pr_load_yaml("fuzz.yaml", (const char *)data, size, &arena, &d);
    pr_model *m = root ? pr_model_build(root, &arena, "fuzz.yaml", &d) : NULL;
    if (m) {
        pr_figures f;
        pr_checks c;
        pr_figures_compute(m, &f);
        pr_checks_compute(m, &f, 0, &c, &d);
        char path[] = "/tmp/pr-fuzz-annex-XXXXXX";
        int fd = mkstemp(path);
        assert(fd >= 0);
        close(fd);
        pr_annex_opts o;
        memset(&o, 0, sizeof o);
        o.in_process = 1;
        o.created = 1700000000;
        /* a data file name XML cannot carry, as it may be */
        o.data_file = "ann\x1b\xff\xef\xbf\xbf.yaml";
        pr_diags w;
        pr_diags_init(&w);
        int rc = pr_annex_write(m, &f, &c, path, &o, &w);
        if (rc) {
            pr_diags_print(&w, stderr);
            /* a sheet with more rows than Excel allows is the only data
             * reason to refuse; the fuzzer's inputs are far from it */
            assert(!"annex refused for a valid model");
        }
        pr_diags_free(&w);
        unlink(path);
        pr_checks_free(&c);
        pr_figures_free(&f);
        pr_model_free(m);
    }
    pr_arena_free(&arena);
    pr_images_free();
    pr_fuzz_reset(&d);
    return 0;
}
