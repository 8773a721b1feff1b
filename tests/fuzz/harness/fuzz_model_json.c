/* fuzz_model_json.c — fuzzes validation (pr_model_build) and the figures on
 * JSON input.
 * requires: pr_load_json pr_model_build pr_figures_compute */
#include "model_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_model_one("fuzz.json", PR_FORMAT_JSON, data, size);
    return 0;
}
