/* fuzz.h — shared helpers of the fuzz harnesses (tests/fuzz/harness/).
 *
 * Each harness defines LLVMFuzzerTestOneInput(). It is built two ways by
 * tests/fuzz/run and tests/e2e/fuzz_regress.sh:
 *   - with clang -fsanitize=fuzzer,address,undefined: a libFuzzer program;
 *   - with replay.c's main(): a plain program that runs each file given as
 *     argument once (regression replay under the normal and sanitized
 *     builds of `make test`).
 * A harness states the symbols it needs on a line "requires: SYM ..."; the
 * scripts build it only when the library objects define all of them, so a
 * harness is enabled as soon as the stage it drives lands. */
#ifndef PR_FUZZ_H
#define PR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Release the process-wide state a stage leaves behind between inputs (the
 * source registry), so that leak detection sees only real leaks. */
static inline void pr_fuzz_reset(pr_diags *d)
{
    pr_diags_free(d);
    pr_sources_free();
}

#endif
