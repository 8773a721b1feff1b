/* photo.c — PNG (libpng) and JPEG (libjpeg) photos decoded into 8-bit grey
 * or RGB pixels, transparency blended on white, reduced when very large;
 * a cache by file identity (see photo.h).
 *
 * Both libraries report errors by a callback that must not return: it
 * records a French reason and longjmps back to the decoder. Everything the
 * decoder allocates hangs off a heap context, so nothing local changes
 * between setjmp and longjmp. Neither library writes to stdout or stderr:
 * their warnings are silenced (or, for JPEG data damage, taken as errors). */
#include "image/photo.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

#include "base/util.h"

/* ---- reduction: rows in, area average out --------------------------------- */
/* Rows of the decoded image (8-bit, `ch` samples a pixel, alpha already
 * blended) go in top to bottom; the output is the image reduced by the
 * integer factor f in both directions (each output pixel the average of an
 * f × f box, smaller at the right and bottom edges). */
typedef struct sink {
    int w, h, ch, f;
    int ow, oh;
    unsigned char *out;       /* ow × oh × ch */
    uint32_t *acc;            /* sums of the output row being built */
    int acc_row, acc_rows;    /* which output row, how many input rows in it */
} sink;

static int sink_init(sink *s, int w, int h, int ch)
{
    memset(s, 0, sizeof *s);
    s->w = w;
    s->h = h;
    s->ch = ch;
    int longer = w > h ? w : h;
    s->f = (longer + PR_IMAGE_MAX_SIDE - 1) / PR_IMAGE_MAX_SIDE;
    if (s->f < 1)
        s->f = 1;
    s->ow = (w + s->f - 1) / s->f;
    s->oh = (h + s->f - 1) / s->f;
    s->out = malloc((size_t)s->ow * (size_t)s->oh * (size_t)ch);
    if (!s->out)
        return -1;
    if (s->f > 1) {
        s->acc = calloc((size_t)s->ow * (size_t)ch, sizeof *s->acc);
        if (!s->acc)
            return -1;
    }
    return 0;
}

static void sink_flush(sink *s)
{
    if (!s->acc_rows)
        return;
    unsigned char *o = s->out + (size_t)s->acc_row * (size_t)s->ow * (size_t)s->ch;
    for (int x = 0; x < s->ow; x++) {
        int cols = s->w - x * s->f < s->f ? s->w - x * s->f : s->f;
        uint32_t n = (uint32_t)cols * (uint32_t)s->acc_rows;
        for (int c = 0; c < s->ch; c++) {
            uint32_t *a = &s->acc[(size_t)x * (size_t)s->ch + (size_t)c];
            o[(size_t)x * (size_t)s->ch + (size_t)c] = (unsigned char)((*a + n / 2) / n);
            *a = 0;
        }
    }
    s->acc_rows = 0;
}

/* Add input row y (w × ch bytes). */
static void sink_row(sink *s, int y, const unsigned char *row)
{
    if (s->f == 1) {
        memcpy(s->out + (size_t)y * (size_t)s->w * (size_t)s->ch, row, (size_t)s->w * (size_t)s->ch);
        return;
    }
    int oy = y / s->f;
    if (oy != s->acc_row) {
        sink_flush(s);
        s->acc_row = oy;
    }
    for (int x = 0; x < s->w; x++) {
        uint32_t *a = &s->acc[(size_t)(x / s->f) * (size_t)s->ch];
        for (int c = 0; c < s->ch; c++)
            a[c] += row[(size_t)x * (size_t)s->ch + (size_t)c];
    }
    s->acc_rows++;
}

static void sink_finish(sink *s, pr_image *img)
{
    if (s->f > 1)
        sink_flush(s);
    free(s->acc);
    s->acc = NULL;
    img->width = s->ow;
    img->height = s->oh;
    img->channels = s->ch;
    img->pixels = s->out;
    s->out = NULL;
}

static void sink_free(sink *s)
{
    free(s->acc);
    free(s->out);
    s->acc = NULL;
    s->out = NULL;
}

/* A sample with coverage `a` over white. */
static unsigned char on_white(unsigned v, unsigned a)
{
    return (unsigned char)((v * a + 255u * (255u - a) + 127u) / 255u);
}

/* The budget, checked from the header before any pixel is decoded. */
static int over_budget(unsigned long w, unsigned long h, const char **why, char *whybuf)
{
    if (w == 0 || h == 0) {
        *why = "image vide (largeur ou hauteur nulle)";
        return 1;
    }
    if ((unsigned long long)w * h > (unsigned long long)PR_IMAGE_MAX_PIXELS) {
        char a[32], b[32], c[32];
        snprintf(whybuf, 160, "image trop grande : %s × %s pixels, la limite est de %s pixels",
                 pr_fmt_thousands(a, (long)w), pr_fmt_thousands(b, (long)h),
                 pr_fmt_thousands(c, PR_IMAGE_MAX_PIXELS));
        *why = whybuf;
        return 1;
    }
    return 0;
}

/* ---- PNG ------------------------------------------------------------------------ */
typedef struct png_ctx {
    const unsigned char *data;
    size_t len, pos;
    const char *why;
    char *whybuf;
    png_structp png;
    png_infop info;
    sink s;
    unsigned char *full;      /* interlaced: the whole image */
    unsigned char *row;       /* one converted row */
    png_bytep *rows;          /* interlaced: row pointers into `full` */
} png_ctx;

/* libpng's English message, as a French reason. */
static const char *png_reason(const char *msg)
{
    if (strstr(msg, "CRC"))
        return "somme de contrôle incorrecte : fichier abîmé";
    if (strstr(msg, "truncated") || strstr(msg, "Not enough image data") ||
        strstr(msg, "Read Error") || strstr(msg, "end of file"))
        return "fichier tronqué";
    if (strstr(msg, "Not a PNG") || strstr(msg, "signature"))
        return "signature PNG invalide";
    if (strstr(msg, "exceeds") || strstr(msg, "too large"))
        return "image trop grande";
    if (strstr(msg, "Out of Memory") || strstr(msg, "out of memory") ||
        strstr(msg, "Insufficient memory"))
        return "image trop grande pour la mémoire disponible";
    if (strstr(msg, "IHDR"))
        return "en-tête PNG invalide";
    return "données PNG invalides";
}

static void png_fail(png_structp png, png_const_charp msg)
{
    png_ctx *c = png_get_error_ptr(png);
    if (!c->why)
        c->why = png_reason(msg);
    png_longjmp(png, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void png_read_mem(png_structp png, png_bytep out, size_t n)
{
    png_ctx *c = png_get_io_ptr(png);
    if (n > c->len - c->pos) {
        c->why = "fichier tronqué";
        png_error(png, "truncated");
    }
    memcpy(out, c->data + c->pos, n);
    c->pos += n;
}

/* One row as libpng gives it (8-bit G, GA, RGB or RGBA), into c->row in
 * the output form (G or RGB, alpha on white). */
static const unsigned char *png_convert(png_ctx *c, const unsigned char *in, int in_ch)
{
    int w = c->s.w;
    unsigned char *o = c->row;
    switch (in_ch) {
    case 2:
        for (int x = 0; x < w; x++)
            o[x] = on_white(in[2 * x], in[2 * x + 1]);
        return o;
    case 4:
        for (int x = 0; x < w; x++)
            for (int k = 0; k < 3; k++)
                o[3 * x + k] = on_white(in[4 * x + k], in[4 * x + 3]);
        return o;
    default:
        return in;   /* G or RGB: as is */
    }
}

static int decode_png(png_ctx *c, pr_image *img)
{
    c->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, c, png_fail, png_quiet);
    if (!c->png) {
        c->why = "mémoire insuffisante";
        return -1;
    }
    c->info = png_create_info_struct(c->png);
    if (!c->info) {
        c->why = "mémoire insuffisante";
        return -1;
    }
    if (setjmp(png_jmpbuf(c->png)))
        return -1;
    png_set_read_fn(c->png, c, png_read_mem);
    /* ancillary chunks (text, profiles) cannot make libpng allocate much */
    png_set_chunk_malloc_max(c->png, 8u << 20);
    png_read_info(c->png, c->info);
    png_uint_32 w = png_get_image_width(c->png, c->info);
    png_uint_32 h = png_get_image_height(c->png, c->info);
    if (over_budget(w, h, &c->why, c->whybuf))
        return -1;
    int type = png_get_color_type(c->png, c->info);
    int depth = png_get_bit_depth(c->png, c->info);
    if (type == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(c->png);
    if (type == PNG_COLOR_TYPE_GRAY && depth < 8)
        png_set_expand_gray_1_2_4_to_8(c->png);
    if (png_get_valid(c->png, c->info, PNG_INFO_tRNS))
        png_set_tRNS_to_alpha(c->png);
    if (depth == 16)
        png_set_scale_16(c->png);
    int passes = png_set_interlace_handling(c->png);
    png_read_update_info(c->png, c->info);
    int in_ch = png_get_channels(c->png, c->info);
    if (png_get_bit_depth(c->png, c->info) != 8 || in_ch < 1 || in_ch > 4) {
        c->why = "format de pixels PNG non pris en charge";
        return -1;
    }
    int out_ch = in_ch <= 2 ? 1 : 3;
    if (sink_init(&c->s, (int)w, (int)h, out_ch) ||
        !(c->row = malloc((size_t)w * 4))) {
        c->why = "image trop grande pour la mémoire disponible";
        return -1;
    }
    size_t rowbytes = png_get_rowbytes(c->png, c->info);
    if (passes > 1) {
        /* interlaced: the passes fill the whole image, then it goes out */
        c->full = malloc(rowbytes * h);
        c->rows = malloc(sizeof *c->rows * h);
        if (!c->full || !c->rows) {
            c->why = "image trop grande pour la mémoire disponible";
            return -1;
        }
        for (png_uint_32 y = 0; y < h; y++)
            c->rows[y] = c->full + rowbytes * y;
        png_read_image(c->png, c->rows);
        for (png_uint_32 y = 0; y < h; y++)
            sink_row(&c->s, (int)y, png_convert(c, c->rows[y], in_ch));
    } else {
        unsigned char *in = malloc(rowbytes);
        if (!in) {
            c->why = "image trop grande pour la mémoire disponible";
            return -1;
        }
        c->full = in;   /* freed with the context */
        for (png_uint_32 y = 0; y < h; y++) {
            png_read_row(c->png, in, NULL);
            sink_row(&c->s, (int)y, png_convert(c, in, in_ch));
        }
    }
    /* the rest of the file too: a damaged end is a damaged file */
    png_read_end(c->png, NULL);
    sink_finish(&c->s, img);
    img->file_width = (int)w;
    img->file_height = (int)h;
    return 0;
}

static int decode_png_mem(const unsigned char *data, size_t len, pr_image *img, const char **why,
                          char *whybuf)
{
    png_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        *why = "mémoire insuffisante";
        return -1;
    }
    c->data = data;
    c->len = len;
    c->whybuf = whybuf;
    int rc = decode_png(c, img);
    if (rc && !c->why)
        c->why = "données PNG invalides";
    *why = c->why;
    if (c->png)
        png_destroy_read_struct(&c->png, c->info ? &c->info : NULL, NULL);
    sink_free(&c->s);
    free(c->full);
    free(c->rows);
    free(c->row);
    free(c);
    return rc;
}

/* ---- JPEG ----------------------------------------------------------------------- */
typedef struct jpeg_ctx {
    struct jpeg_error_mgr err;    /* first: libjpeg's pointer is ours */
    jmp_buf jb;
    const char *why;
    char *whybuf;
    struct jpeg_decompress_struct cinfo;
    int created;
    sink s;
    unsigned char *line;          /* one decoded scanline */
    unsigned char *row;           /* converted */
} jpeg_ctx;

static void jpeg_fail(j_common_ptr ci)
{
    jpeg_ctx *c = (jpeg_ctx *)ci->err;
    if (!c->why) {
        int code = ci->err->msg_code;
        if (code == JERR_OUT_OF_MEMORY || code == JERR_NO_BACKING_STORE)
            c->why = "image trop grande pour la mémoire disponible";
        else if (code == JERR_INPUT_EMPTY || code == JERR_INPUT_EOF)
            c->why = "fichier tronqué";
        else if (code == JERR_CONVERSION_NOTIMPL || code == JERR_BAD_J_COLORSPACE ||
                 code == JERR_NOT_COMPILED || code == JERR_BAD_PRECISION ||
                 code == JERR_ARITH_NOTIMPL)
            c->why = "variante de JPEG non prise en charge";
        else
            c->why = "données JPEG invalides";
    }
    longjmp(c->jb, 1);
}

/* Warnings: damage to the data stream (libjpeg would fill the rest with
 * grey and go on) is an error; other notices are silenced. */
static void jpeg_notice(j_common_ptr ci, int level)
{
    if (level != -1)
        return;   /* trace messages */
    int code = ci->err->msg_code;
    if (code == JWRN_EXTRANEOUS_DATA || code == JWRN_JFIF_MAJOR || code == JWRN_ADOBE_XFORM)
        return;   /* harmless: seen in files that display well everywhere */
    jpeg_ctx *c = (jpeg_ctx *)ci->err;
    if (!c->why)
        c->why = code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER ? "fichier tronqué"
                                                                  : "données JPEG abîmées";
    longjmp(c->jb, 1);
}

static void jpeg_silent(j_common_ptr ci) { (void)ci; }

/* The size in a JPEG's frame header (SOFn), found by walking the markers
 * before libjpeg reads anything: the budget is checked from it, at once,
 * even when the rest of the header is missing. 0 if found. */
static int jpeg_frame_size(const unsigned char *d, size_t len, unsigned long *w, unsigned long *h)
{
    size_t i = 2;
    while (i + 4 <= len) {
        if (d[i] != 0xFF)
            return -1;
        unsigned m = d[i + 1];
        if (m == 0xFF) {   /* fill byte */
            i++;
            continue;
        }
        if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            i += 2;
            continue;
        }
        size_t seg = (size_t)d[i + 2] << 8 | d[i + 3];
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (i + 9 > len || seg < 7)
                return -1;
            *h = (unsigned long)d[i + 5] << 8 | d[i + 6];
            *w = (unsigned long)d[i + 7] << 8 | d[i + 8];
            return 0;
        }
        if (m == 0xDA || m == 0xD9 || seg < 2)
            return -1;
        i += 2 + seg;
    }
    return -1;
}

static int decode_jpeg(jpeg_ctx *c, const unsigned char *data, size_t len, pr_image *img)
{
    unsigned long fw, fh;
    if (!jpeg_frame_size(data, len, &fw, &fh) && fh != 0 && over_budget(fw, fh, &c->why, c->whybuf))
        return -1;
    struct jpeg_decompress_struct *ci = &c->cinfo;
    ci->err = jpeg_std_error(&c->err);
    c->err.error_exit = jpeg_fail;
    c->err.emit_message = jpeg_notice;
    c->err.output_message = jpeg_silent;
    if (setjmp(c->jb))
        return -1;
    jpeg_create_decompress(ci);
    c->created = 1;
    /* a bound on libjpeg's own memory (progressive files keep every
     * coefficient): beyond it, an error rather than a swollen process */
    ci->mem->max_memory_to_use = 512L << 20;
    jpeg_mem_src(ci, data, (unsigned long)len);
    if (jpeg_read_header(ci, TRUE) != JPEG_HEADER_OK) {
        c->why = "données JPEG invalides";
        return -1;
    }
    if (over_budget(ci->image_width, ci->image_height, &c->why, c->whybuf))
        return -1;
    int cmyk = 0;
    switch (ci->num_components) {
    case 1: ci->out_color_space = JCS_GRAYSCALE; break;
    case 3: ci->out_color_space = JCS_RGB; break;
    case 4: ci->out_color_space = JCS_CMYK; cmyk = 1; break;
    default:
        c->why = "variante de JPEG non prise en charge";
        return -1;
    }
    /* libjpeg reduces by 1/2, 1/4 or 1/8 for free while decoding: as far
     * as the longer side stays above the limit, the rest by averaging */
    unsigned longer = ci->image_width > ci->image_height ? ci->image_width : ci->image_height;
    unsigned denom = 1;
    while (denom < 8 && (longer + denom * 2 - 1) / (denom * 2) >= PR_IMAGE_MAX_SIDE)
        denom *= 2;
    ci->scale_num = 1;
    ci->scale_denom = denom;
    jpeg_start_decompress(ci);
    int w = (int)ci->output_width, h = (int)ci->output_height;
    int in_ch = ci->output_components;
    int out_ch = in_ch == 1 ? 1 : 3;
    if (sink_init(&c->s, w, h, out_ch) || !(c->line = malloc((size_t)w * (size_t)in_ch)) ||
        !(c->row = malloc((size_t)w * 3))) {
        c->why = "image trop grande pour la mémoire disponible";
        return -1;
    }
    /* Adobe's CMYK JPEGs store the samples inverted */
    int inverted = ci->saw_Adobe_marker;
    while ((int)ci->output_scanline < h) {
        int y = (int)ci->output_scanline;
        JSAMPROW line = c->line;
        if (jpeg_read_scanlines(ci, &line, 1) != 1) {
            c->why = "fichier tronqué";
            return -1;
        }
        const unsigned char *out = c->line;
        if (cmyk) {
            for (int x = 0; x < w; x++) {
                unsigned k = c->line[4 * x + 3];
                if (!inverted)
                    k = 255u - k;
                for (int j = 0; j < 3; j++) {
                    unsigned v = c->line[4 * x + j];
                    if (!inverted)
                        v = 255u - v;
                    c->row[3 * x + j] = (unsigned char)((v * k + 127u) / 255u);
                }
            }
            out = c->row;
        }
        sink_row(&c->s, y, out);
    }
    /* to the end of the data: damage after the last row is found too */
    jpeg_finish_decompress(ci);
    sink_finish(&c->s, img);
    img->file_width = (int)ci->image_width;
    img->file_height = (int)ci->image_height;
    return 0;
}

static int decode_jpeg_mem(const unsigned char *data, size_t len, pr_image *img, const char **why,
                           char *whybuf)
{
    jpeg_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        *why = "mémoire insuffisante";
        return -1;
    }
    c->whybuf = whybuf;
    int rc = decode_jpeg(c, data, len, img);
    if (rc && !c->why)
        c->why = "données JPEG invalides";
    *why = c->why;
    if (c->created)
        jpeg_destroy_decompress(&c->cinfo);
    sink_free(&c->s);
    free(c->line);
    free(c->row);
    free(c);
    return rc;
}

/* ---- decoding ------------------------------------------------------------------- */
int pr_image_decode(const unsigned char *data, size_t len, pr_image *img, const char **why,
                    char *whybuf)
{
    memset(img, 0, sizeof *img);
    *why = NULL;
    if (len >= 8 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8))
        return decode_png_mem(data, len, img, why, whybuf);
    if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return decode_jpeg_mem(data, len, img, why, whybuf);
    *why = len ? "PNG ou JPEG attendu" : "fichier vide";
    return -1;
}

void pr_image_release(pr_image *img)
{
    free(img->pixels);
    memset(img, 0, sizeof *img);
}

/* ---- the cache -------------------------------------------------------------------- */
typedef struct entry {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec ctime;
    int ok;
    pr_image img;
    char *why;
    char *name;
} entry;

static entry **entries;
static size_t n_entries, cap_entries;

static entry *find(const struct stat *st)
{
    for (size_t i = 0; i < n_entries; i++) {
        entry *e = entries[i];
        if (e->dev == st->st_dev && e->ino == st->st_ino && e->size == st->st_size &&
            e->ctime.tv_sec == st->st_ctim.tv_sec && e->ctime.tv_nsec == st->st_ctim.tv_nsec)
            return e;
    }
    return NULL;
}

const pr_image *pr_image_load(const char *path, const char **why)
{
    static char reason[160];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(reason, sizeof reason, "%s", pr_strerror(errno));
        if (fd >= 0)
            close(fd);
        *why = reason;
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        *why = "ce n'est pas un fichier";
        return NULL;
    }
    entry *e = find(&st);
    if (e) {
        close(fd);
        *why = e->why;
        return e->ok ? &e->img : NULL;
    }
    e = pr_calloc(1, sizeof *e);
    e->dev = st.st_dev;
    e->ino = st.st_ino;
    e->size = st.st_size;
    e->ctime = st.st_ctim;
    PR_PUSH(entries, n_entries, cap_entries, e);
    char whybuf[160];
    const char *w = NULL;
    if ((unsigned long long)st.st_size > PR_IMAGE_MAX_BYTES) {
        snprintf(whybuf, sizeof whybuf, "fichier trop volumineux : la limite est de %u Mio",
                 PR_IMAGE_MAX_BYTES >> 20);
        w = whybuf;
    } else {
        /* read it whole (a photo is small next to its pixels) */
        size_t len = (size_t)st.st_size, got = 0;
        unsigned char *data = malloc(len ? len : 1);
        if (!data) {
            w = "mémoire insuffisante";
        } else {
            while (got < len) {
                ssize_t r = read(fd, data + got, len - got);
                if (r < 0 && errno == EINTR)
                    continue;
                if (r <= 0) {
                    if (r < 0)
                        w = pr_strerror(errno);
                    break;
                }
                got += (size_t)r;
            }
            if (!w && (e->ok = pr_image_decode(data, got, &e->img, &w, whybuf) == 0))
                e->img.name = e->name = pr_strdup(path);
            free(data);
        }
    }
    close(fd);
    e->why = e->ok ? NULL : pr_strdup(w ? w : "données invalides");
    *why = e->why;
    return e->ok ? &e->img : NULL;
}

void pr_images_free(void)
{
    for (size_t i = 0; i < n_entries; i++) {
        pr_image_release(&entries[i]->img);
        free(entries[i]->why);
        free(entries[i]->name);
        free(entries[i]);
    }
    free(entries);
    entries = NULL;
    n_entries = cap_entries = 0;
}
