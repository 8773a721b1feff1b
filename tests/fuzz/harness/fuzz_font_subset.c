/* fuzz_font_subset.c — fuzzes the TrueType subsetter (pr_font_subset) on
 * arbitrary files with the code points of Latin-1 and common punctuation.
 * A subset that is produced must be a checksummed sfnt (whole-file sum
 * 0xB1B0AFBA) whose own subset for the same code points is itself,
 * byte for byte. Seeds: the Lato faces of fonts-lato (read in place).
 * requires: pr_font_subset
 * seeds: /usr/share/fonts/truetype/lato
 * options: -max_len=800000 -timeout=20 */
#include <stdlib.h>
#include <string.h>

#include "pdf/font_subset.h"
#include "fuzz.h"

/* Sum of the big-endian 32-bit words of p[0..n) (n a multiple of 4). */
static uint32_t file_sum(const unsigned char *p, size_t n)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 4 <= n; i += 4)
        sum += (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3];
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned cps[256 + 12];
    static size_t n_cps;
    if (!n_cps) {
        static const unsigned extra[] = {0x152, 0x153, 0x2013, 0x2014, 0x2019, 0x201C,
                                         0x201D, 0x2026, 0x202F, 0x20AC, 0xFFFF, 0x1F600};
        for (unsigned cp = 0x20; cp < 0x100; cp++)
            cps[n_cps++] = cp;
        for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
            cps[n_cps++] = extra[i];
    }
    unsigned char *out = NULL, *again = NULL;
    size_t len = 0, len2 = 0;
    const char *why = NULL;
    if (pr_font_subset(data, size, cps, n_cps, &out, &len, &why) == 0) {
        if (len % 4 || file_sum(out, len) != 0xB1B0AFBAu)
            abort();
        if (pr_font_subset(out, len, cps, n_cps, &again, &len2, &why) != 0 || len2 != len ||
            memcmp(out, again, len))
            abort();
    } else if (!why || out) {
        abort();
    }
    free(out);
    free(again);
    return 0;
}
