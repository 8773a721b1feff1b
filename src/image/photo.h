/* photo.h — photos (PNG and JPEG files) decoded into plain 8-bit pixels,
 * the only form the rest of the program knows. The only place that knows
 * libpng and libjpeg.
 *
 * A photo is decoded in full when the data is checked (--check included):
 * its size is checked against a pixel budget from the file's header,
 * before any pixel is decoded; then every pixel and the end of the file
 * are read, so a truncated or damaged file is found there, never later in
 * a PDF library. What comes out is grey or RGB, 8 bits per sample, with
 * any transparency blended on white (PDF/A forbids transparency): every
 * PNG bit depth (1 to 16), palette, alpha, tRNS and interlacing, and
 * baseline, progressive, grey or CMYK JPEG. A photo larger than
 * PR_IMAGE_MAX_SIDE on its longer side is reduced (area average), which
 * bounds memory and the size of the PDF.
 *
 * Decoded photos are kept, by file identity (device, inode, size, time of
 * change), until pr_images_free(): the data check, the layout and the PDF
 * backend share one decoding. Main thread only. */
#ifndef PR_PHOTO_H
#define PR_PHOTO_H

#include <stddef.h>

/* Limits (documented in data/README.md). */
#define PR_IMAGE_MAX_PIXELS  40000000L          /* width × height in the file */
#define PR_IMAGE_MAX_SIDE    2048               /* longer side after reduction */
#define PR_IMAGE_MAX_BYTES   (64u * 1024u * 1024u) /* file size */

typedef struct pr_image {
    int width, height;              /* pixels, after reduction */
    int channels;                   /* 1 (grey) or 3 (RGB) */
    unsigned char *pixels;          /* width × height × channels bytes, top row
                                     * first, 8 bits per sample */
    int file_width, file_height;    /* the size written in the file */
    const char *name;               /* the path it was first loaded from
                                     * (pr_image_load), for messages; or NULL */
} pr_image;

/* The photo at `path`, decoded (once; later calls return the same
 * image). NULL when it cannot be drawn; *why then says why, in French,
 * for a message such as « photo « x.png » inutilisable (WHY) » (valid
 * until pr_images_free). */
const pr_image *pr_image_load(const char *path, const char **why);

/* Forget every decoded photo (frees their pixels). */
void pr_images_free(void);

/* Decode a PNG or JPEG held in memory into *img (its pixels malloc'ed:
 * pr_image_release frees them). Returns 0, or -1 with *why (French, static
 * storage or `whybuf`, of at least 160 bytes). No cache: for tests and the
 * fuzzer. */
int pr_image_decode(const unsigned char *data, size_t len, pr_image *img, const char **why,
                    char *whybuf);
void pr_image_release(pr_image *img);

#endif
