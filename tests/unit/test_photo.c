/* test_photo.c — photos decoded into 8-bit grey or RGB pixels: every PNG
 * variant of tests/data/photos/ against the pixels make-photos worked out
 * independently (expected/NAME.pnm, exact), JPEGs against the pattern they
 * were made from (within a tolerance), the reduction of large photos, the
 * French reasons for damaged files, the pixel budget checked from the
 * header, and the cache. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"
#include "base/util.h"
#include "image/photo.h"

#define DIR "tests/data/photos/"

static unsigned char *slurp(const char *path, size_t *len)
{
    char *data;
    if (pr_read_file(path, 0, &data, len) != 0)
        return NULL;
    return (unsigned char *)data;
}

/* A binary PGM (P5) or PPM (P6) written by make-photos. */
typedef struct pnm {
    int w, h, ch;
    unsigned char *px;
    unsigned char *file;
} pnm;

static int read_pnm(const char *path, pnm *p)
{
    size_t len;
    memset(p, 0, sizeof *p);
    p->file = slurp(path, &len);
    if (!p->file)
        return -1;
    char magic[3] = {0};
    int off = 0;
    if (sscanf((char *)p->file, "%2s %d %d 255%n", magic, &p->w, &p->h, &off) != 3)
        return -1;
    p->ch = !strcmp(magic, "P5") ? 1 : 3;
    p->px = p->file + off + 1;
    return 0;
}

static int decode_file(const char *name, pr_image *img, const char **why)
{
    char path[256], buf[160];
    snprintf(path, sizeof path, DIR "%s", name);
    size_t len;
    unsigned char *data = slurp(path, &len);
    if (!data) {
        UNIT_FAIL("%s illisible", path);
        *why = "absent";
        return -1;
    }
    int rc = pr_image_decode(data, len, img, why, buf);
    static char keep[160];
    if (rc && *why == buf) {   /* the reason lives in buf: keep a copy */
        snprintf(keep, sizeof keep, "%s", buf);
        *why = keep;
    }
    free(data);
    return rc;
}

/* Every PNG variant gives exactly the expected pixels. */
TEST(png_variants_give_the_expected_pixels)
{
    static const char *const names[] = {
        "gris1", "gris2", "gris4", "gris8", "gris16", "gris1-entrelace", "gris4-entrelace",
        "gris8-trns", "gris-alpha8", "gris-alpha16", "rgb8", "rgb16", "rgb8-trns",
        "rgb8-entrelace", "rgba8", "rgba16", "rgba16-entrelace", "palette1", "palette2",
        "palette4", "palette8", "palette4-entrelace", "palette8-trns", "large", NULL};
    for (int i = 0; names[i]; i++) {
        char png[128], exp[160];
        snprintf(png, sizeof png, "%s.png", names[i]);
        snprintf(exp, sizeof exp, DIR "expected/%s.pnm", names[i]);
        pnm want;
        if (read_pnm(exp, &want)) {
            UNIT_FAIL("%s illisible", exp);
            continue;
        }
        pr_image img;
        const char *why = NULL;
        if (decode_file(png, &img, &why)) {
            UNIT_FAIL("%s : refusée (%s)", png, why);
        } else {
            if (img.width != want.w || img.height != want.h || img.channels != want.ch) {
                UNIT_FAIL("%s : %d×%d×%d, attendu %d×%d×%d", png, img.width, img.height,
                          img.channels, want.w, want.h, want.ch);
            } else {
                size_t n = (size_t)want.w * (size_t)want.h * (size_t)want.ch;
                for (size_t k = 0; k < n; k++)
                    if (img.pixels[k] != want.px[k]) {
                        UNIT_FAIL("%s : échantillon %zu (pixel %zu, %zu) = %d, attendu %d", png, k,
                                  k / (size_t)want.ch % (size_t)want.w,
                                  k / (size_t)want.ch / (size_t)want.w, img.pixels[k], want.px[k]);
                        break;
                    }
            }
            pr_image_release(&img);
        }
        free(want.file);
    }
}

/* Mean and largest difference between a decoded JPEG and the pattern. */
static void jpeg_close_to_source(const char *name, int grey, double mean_max, int diff_max)
{
    pnm src;
    if (read_pnm(DIR "expected/jpeg-source.ppm", &src)) {
        UNIT_FAIL("jpeg-source.ppm illisible");
        return;
    }
    pr_image img;
    const char *why = NULL;
    if (decode_file(name, &img, &why)) {
        UNIT_FAIL("%s : refusée (%s)", name, why);
        free(src.file);
        return;
    }
    CHECK_INT(img.width, src.w);
    CHECK_INT(img.height, src.h);
    CHECK_INT(img.channels, grey ? 1 : 3);
    if (img.width == src.w && img.height == src.h) {
        double sum = 0;
        int worst = 0;
        size_t n = (size_t)src.w * (size_t)src.h;
        for (size_t p = 0; p < n; p++) {
            const unsigned char *s = src.px + 3 * p;
            for (int c = 0; c < img.channels; c++) {
                int want = grey ? (s[0] * 299 + s[1] * 587 + s[2] * 114 + 500) / 1000 : s[c];
                int d = abs(img.pixels[p * (size_t)img.channels + (size_t)c] - want);
                sum += d;
                if (d > worst)
                    worst = d;
            }
        }
        double mean = sum / (double)(n * (size_t)img.channels);
        if (mean > mean_max || worst > diff_max)
            UNIT_FAIL("%s : écart moyen %.2f (max %.2f), plus grand %d (max %d)", name, mean,
                      mean_max, worst, diff_max);
    }
    pr_image_release(&img);
    free(src.file);
}

TEST(jpeg_variants_close_to_their_source)
{
    jpeg_close_to_source("portrait.jpg", 0, 3.0, 40);
    jpeg_close_to_source("portrait-progressif.jpg", 0, 3.0, 40);
    jpeg_close_to_source("gris.jpg", 1, 3.0, 30);
    /* Adobe CMYK, stored inverted: a wrong inversion is far off */
    jpeg_close_to_source("cmjn.jpg", 0, 4.0, 50);
}

/* A large JPEG: reduced by libjpeg (1/2), then by averaging (2). */
TEST(large_jpeg_is_reduced)
{
    pr_image img;
    const char *why = NULL;
    if (decode_file("large.jpg", &img, &why)) {
        UNIT_FAIL("large.jpg refusée (%s)", why);
        return;
    }
    CHECK_INT(img.file_width, 4500);
    CHECK_INT(img.file_height, 30);
    CHECK_INT(img.width, 1125);
    CHECK_INT(img.height, 8);
    /* left red, right blue, green 128 all along */
    const unsigned char *l = img.pixels, *r = img.pixels + 3 * 1124;
    CHECK(l[0] < 20 && l[2] > 235 && abs(l[1] - 128) < 8);
    CHECK(r[0] > 235 && r[2] < 20 && abs(r[1] - 128) < 8);
    pr_image_release(&img);
}

/* Damaged files and other formats: refused with a French reason. */
TEST(damaged_files_are_refused_with_a_reason)
{
    static const char *const cases[][2] = {
        {"tronque.png", "fichier tronqué"},
        {"crc.png", "somme de contrôle incorrecte : fichier abîmé"},
        {"abime.png", "données PNG invalides"},
        {"sans-fin.png", "fichier tronqué"},
        {"pas-une-image.png", "PNG ou JPEG attendu"},
        {"tronque.jpg", "fichier tronqué"},
        {"enorme.png", "image trop grande : 30 000 × 30 000 pixels, la limite est de 40 000 000 pixels"},
        {"enorme.jpg", "image trop grande : 60 000 × 60 000 pixels, la limite est de 40 000 000 pixels"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pr_image img;
        const char *why = NULL;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int rc = decode_file(cases[i][0], &img, &why);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (!rc) {
            UNIT_FAIL("%s acceptée", cases[i][0]);
            pr_image_release(&img);
            continue;
        }
        if (!why || strcmp(why, cases[i][1]))
            UNIT_FAIL("%s : « %s », attendu « %s »", cases[i][0], why ? why : "(rien)", cases[i][1]);
        /* refused from the header: no time spent on 900 megapixels */
        double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        if (ms > 200)
            UNIT_FAIL("%s : %.0f ms pour refuser", cases[i][0], ms);
        CHECK(img.pixels == NULL);
    }
    /* an empty buffer */
    pr_image img;
    const char *why;
    char buf[160];
    CHECK_INT(pr_image_decode((const unsigned char *)"", 0, &img, &why, buf), -1);
    CHECK_STR(why, "fichier vide");
}

/* The cache: one decoding per file; a failure is remembered with its
 * reason; a missing file says so. */
TEST(cache_by_file)
{
    const char *why = "x";
    const pr_image *a = pr_image_load(DIR "rgb8.png", &why);
    CHECK(a != NULL);
    CHECK(why == NULL);
    const pr_image *b = pr_image_load("tests/data/../data/photos/rgb8.png", &why);
    CHECK(a == b);
    CHECK(pr_image_load(DIR "crc.png", &why) == NULL);
    CHECK_STR(why, "somme de contrôle incorrecte : fichier abîmé");
    CHECK(pr_image_load(DIR "crc.png", &why) == NULL);
    CHECK_STR(why, "somme de contrôle incorrecte : fichier abîmé");
    CHECK(pr_image_load(DIR "absente.png", &why) == NULL);
    CHECK_STR(why, "fichier ou dossier introuvable");
    CHECK(pr_image_load(DIR, &why) == NULL);
    CHECK_STR(why, "ce n'est pas un fichier");
    pr_images_free();
}

int main(void)
{
    RUN(png_variants_give_the_expected_pixels);
    RUN(jpeg_variants_close_to_their_source);
    RUN(large_jpeg_is_reduced);
    RUN(damaged_files_are_refused_with_a_reason);
    RUN(cache_by_file);
    return UNIT_DONE();
}
