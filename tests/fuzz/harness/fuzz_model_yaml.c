/* fuzz_model_yaml.c — fuzzes validation (pr_model_build) and the figures on
 * YAML input.
 * requires: pr_load_yaml pr_model_build pr_figures_compute */
#include "model_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_model_one("fuzz.yaml", PR_FORMAT_YAML, data, size);
    return 0;
}
