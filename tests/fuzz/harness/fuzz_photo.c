/* fuzz_photo.c — fuzzes the photo decoder (pr_image_decode: libpng and
 * libjpeg behind it) on arbitrary bytes: a photo comes back as 8-bit grey
 * or RGB pixels of a size within the budget and the reduction, or a
 * French reason, never a crash, a leak, a hang, an abort inside libpng or
 * a message printed by either library.
 * requires: pr_image_decode
 * seeds: tests/data/photos
 * dict: photo */
#include <assert.h>
#include <string.h>

#include "fuzz.h"
#include "image/photo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pr_image img;
    const char *why = NULL;
    char buf[160];
    int rc = pr_image_decode(data, size, &img, &why, buf);
    if (rc == 0) {
        assert(why == NULL || *why);
        assert(img.pixels && img.width > 0 && img.height > 0);
        assert(img.channels == 1 || img.channels == 3);
        assert(img.width <= PR_IMAGE_MAX_SIDE && img.height <= PR_IMAGE_MAX_SIDE);
        assert((long long)img.file_width * img.file_height <= PR_IMAGE_MAX_PIXELS);
        /* every pixel was written: reading them all must be defined */
        unsigned sum = 0;
        size_t n = (size_t)img.width * (size_t)img.height * (size_t)img.channels;
        for (size_t i = 0; i < n; i++)
            sum += img.pixels[i];
        (void)sum;
        pr_image_release(&img);
    } else {
        assert(why && *why);
        assert(img.pixels == NULL);
    }
    return 0;
}
