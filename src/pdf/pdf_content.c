/* pdf_content.c — content stream operators and their number format (see
 * pdf_content.h). Each operator is formatted into a small stack buffer and
 * appended to the stream in one piece. */
#include "pdf/pdf_content.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Largest magnitude of a real (PDF 1.4 and PDF/A-1 implementation limit). */
#define REAL_MAX 32767.0
/* Bézier control distance of a quarter circle of radius 1, as libharu's
 * HPDF_Page_Circle drew circles before this writer (the ideal is 0.5523). */
#define CIRCLE_KAPPA 0.552f

/* Where an operator is allowed (bits of 1 << pr_pdf_mode). */
#define AT_PAGE (1u << PR_PDF_PAGE)
#define IN_PATH (1u << PR_PDF_PATH)
#define IN_CLIP (1u << PR_PDF_CLIP)
#define IN_TEXT (1u << PR_PDF_TEXT)

/* Record `op` as misplaced unless the current mode is in `where`. */
static void allow(pr_pdf_content *w, unsigned where, const char *op)
{
    if (!(where & (1u << w->mode)) && !w->misuse)
        w->misuse = op;
}

/* Append the decimal digits of v to buf; returns the new end. */
static char *put_digits(char *buf, unsigned long long v)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (n > 0)
        *buf++ = digits[--n];
    return buf;
}

/* Append v (NaN as 0, clamped to ±REAL_MAX) rounded half away from zero
 * to `decimals` (1 to 5) decimals, without trailing zeros, never "-0". */
static char *put_fixed(char *buf, double v, int decimals)
{
    static const long long scale[] = {1, 10, 100, 1000, 10000, 100000};
    if (isnan(v))
        v = 0;
    if (v > REAL_MAX)
        v = REAL_MAX;
    if (v < -REAL_MAX)
        v = -REAL_MAX;
    long long q = llround(v * (double)scale[decimals]);   /* |q| <= 3 276 700 000 */
    if (q < 0) {
        *buf++ = '-';
        q = -q;
    }
    buf = put_digits(buf, (unsigned long long)(q / scale[decimals]));
    long long frac = q % scale[decimals];
    int len = decimals;
    if (frac) {
        while (frac % 10 == 0)
            frac /= 10, len--;
        *buf++ = '.';
        for (int i = len - 1; i >= 0; i--) {
            buf[i] = (char)('0' + frac % 10);
            frac /= 10;
        }
        buf += len;
    }
    return buf;
}

char *pr_pdf_put_real(char *buf, double v)
{
    if (v > REAL_MAX)   /* clamped before the float, which could overflow */
        v = REAL_MAX;
    if (v < -REAL_MAX)
        v = -REAL_MAX;
    return put_fixed(buf, (float)v, 5);
}

char *pr_pdf_put_hundredth(char *buf, double v)
{
    return put_fixed(buf, v, 2);
}

/* Append the n numbers of v (reals, or hundredths when `hundredths` is
 * set), each followed by a space, then `op` and a line feed (n <= 6). */
static void put_numbers_op(pr_pdf_content *w, const double *v, int n, int hundredths,
                           const char *op)
{
    char buf[6 * 16 + 16];
    char *e = buf;
    for (int i = 0; i < n; i++) {
        e = hundredths ? pr_pdf_put_hundredth(e, v[i]) : pr_pdf_put_real(e, v[i]);
        *e++ = ' ';
    }
    size_t k = strlen(op);
    memcpy(e, op, k);
    e += k;
    *e++ = '\n';
    pr_sb_add(&w->out, buf, (size_t)(e - buf));
}

/* Append the n reals of v, then `op` (see put_numbers_op). */
static void put_op(pr_pdf_content *w, const double *v, int n, const char *op)
{
    put_numbers_op(w, v, n, 0, op);
}

/* Append the n coordinates of v, then `op` (a path construction
 * operator: w->coords says how coordinates are written). */
static void put_path_op(pr_pdf_content *w, const double *v, int n, const char *op)
{
    put_numbers_op(w, v, n, w->coords == PR_PDF_HUNDREDTHS, op);
}

/* Append "/name". A name is written as given: only letters, digits, '.',
 * '_' and '-' are accepted (no escaping needed). */
static void put_name(pr_pdf_content *w, const char *name)
{
    size_t n = strlen(name);
    int ok = n > 0 && n <= 127;
    for (size_t i = 0; i < n && ok; i++) {
        char ch = name[i];
        ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
             ch == '.' || ch == '_' || ch == '-';
    }
    if (!ok && !w->misuse)
        w->misuse = "resource name";
    pr_sb_putc(&w->out, '/');
    pr_sb_add(&w->out, name, n);
}

void pr_pdf_content_init(pr_pdf_content *w)
{
    memset(w, 0, sizeof *w);
    w->mode = PR_PDF_PAGE;
}

int pr_pdf_content_finish(pr_pdf_content *w)
{
    if (!w->misuse && w->mode == PR_PDF_TEXT)
        w->misuse = "BT without ET";
    if (!w->misuse && w->mode != PR_PDF_PAGE)
        w->misuse = "path not painted";
    if (!w->misuse && w->q_depth != 0)
        w->misuse = "q without Q";
    if (!w->misuse && w->marked)
        w->misuse = "BDC without EMC";
    return w->misuse ? -1 : 0;
}

void pr_pdf_content_free(pr_pdf_content *w)
{
    pr_sb_free(&w->out);
}

/* ---- graphics state ------------------------------------------------------ */

void pr_pdf_save(pr_pdf_content *w)
{
    allow(w, AT_PAGE, "q");
    w->q_depth++;
    pr_sb_add(&w->out, "q\n", 2);
}

void pr_pdf_restore(pr_pdf_content *w)
{
    allow(w, AT_PAGE, "Q");
    if (w->q_depth == 0 && !w->misuse)
        w->misuse = "Q without q";
    if (w->marked && w->q_depth <= w->marked_q_depth && !w->misuse)
        w->misuse = "Q inside a marked-content sequence begun outside its q";
    if (w->q_depth > 0)
        w->q_depth--;
    pr_sb_add(&w->out, "Q\n", 2);
}

void pr_pdf_concat(pr_pdf_content *w, double a, double b, double c, double d, double e, double f)
{
    allow(w, AT_PAGE, "cm");
    double v[6] = {a, b, c, d, e, f};
    put_op(w, v, 6, "cm");
}

void pr_pdf_line_width(pr_pdf_content *w, double width)
{
    allow(w, AT_PAGE | IN_TEXT, "w");
    put_op(w, &width, 1, "w");
}

void pr_pdf_line_cap(pr_pdf_content *w, int cap)
{
    allow(w, AT_PAGE | IN_TEXT, "J");
    double v = cap;
    put_op(w, &v, 1, "J");
}

void pr_pdf_line_join(pr_pdf_content *w, int join)
{
    allow(w, AT_PAGE | IN_TEXT, "j");
    double v = join;
    put_op(w, &v, 1, "j");
}

void pr_pdf_dash(pr_pdf_content *w, double on, double off, double phase)
{
    allow(w, AT_PAGE | IN_TEXT, "d");
    char buf[3 * 16 + 8];
    char *e = buf;
    *e++ = '[';
    e = pr_pdf_put_real(e, on);
    *e++ = ' ';
    e = pr_pdf_put_real(e, off);
    *e++ = ']';
    *e++ = ' ';
    e = pr_pdf_put_real(e, phase);
    memcpy(e, " d\n", 3);
    e += 3;
    pr_sb_add(&w->out, buf, (size_t)(e - buf));
}

void pr_pdf_ext_gstate(pr_pdf_content *w, const char *name)
{
    allow(w, AT_PAGE | IN_TEXT, "gs");
    put_name(w, name);
    pr_sb_add(&w->out, " gs\n", 4);
}

void pr_pdf_fill_rgb(pr_pdf_content *w, double r, double g, double b)
{
    allow(w, AT_PAGE | IN_TEXT, "rg");
    double v[3] = {r, g, b};
    put_op(w, v, 3, "rg");
}

void pr_pdf_stroke_rgb(pr_pdf_content *w, double r, double g, double b)
{
    allow(w, AT_PAGE | IN_TEXT, "RG");
    double v[3] = {r, g, b};
    put_op(w, v, 3, "RG");
}

/* ---- paths --------------------------------------------------------------- */

void pr_pdf_set_coords(pr_pdf_content *w, pr_pdf_coords coords)
{
    w->coords = coords;
}

void pr_pdf_move(pr_pdf_content *w, double x, double y)
{
    allow(w, AT_PAGE | IN_PATH, "m");
    w->mode = PR_PDF_PATH;
    double v[2] = {x, y};
    put_path_op(w, v, 2, "m");
}

void pr_pdf_line(pr_pdf_content *w, double x, double y)
{
    allow(w, IN_PATH, "l");
    double v[2] = {x, y};
    put_path_op(w, v, 2, "l");
}

void pr_pdf_curve(pr_pdf_content *w, double x1, double y1, double x2, double y2, double x3,
                  double y3)
{
    allow(w, IN_PATH, "c");
    double v[6] = {x1, y1, x2, y2, x3, y3};
    put_path_op(w, v, 6, "c");
}

void pr_pdf_close(pr_pdf_content *w)
{
    allow(w, IN_PATH, "h");
    pr_sb_add(&w->out, "h\n", 2);
}

void pr_pdf_rect(pr_pdf_content *w, double x, double y, double width, double height)
{
    allow(w, AT_PAGE | IN_PATH, "re");
    w->mode = PR_PDF_PATH;
    double v[4] = {x, y, width, height};
    put_path_op(w, v, 4, "re");
}

/* The points are computed in single precision, as libharu did: the large
 * circles of the section dividers then cover exactly the pixels they
 * covered in earlier reports (computed in double precision, they move by
 * up to 0.00004 pt, which changes three edge pixels of each divider by
 * 2/255 at 100 dpi). */
void pr_pdf_circle(pr_pdf_content *w, double cx, double cy, double r)
{
    pr_pdf_coords coords = w->coords;
    w->coords = PR_PDF_REALS;
    float x = (float)cx, y = (float)cy, rr = (float)r, k = rr * CIRCLE_KAPPA;
    float left = x - rr, right = x + rr, top = y + rr, bottom = y - rr;
    pr_pdf_move(w, left, y);
    pr_pdf_curve(w, left, y + k, x - k, top, x, top);
    pr_pdf_curve(w, x + k, top, right, y + k, right, y);
    pr_pdf_curve(w, right, y - k, x + k, bottom, x, bottom);
    pr_pdf_curve(w, x - k, bottom, left, y - k, left, y);
    w->coords = coords;
}

void pr_pdf_clip(pr_pdf_content *w, int even_odd)
{
    allow(w, IN_PATH, even_odd ? "W*" : "W");
    w->mode = PR_PDF_CLIP;
    pr_sb_add(&w->out, even_odd ? "W*\n" : "W\n", even_odd ? 3 : 2);
}

void pr_pdf_paint(pr_pdf_content *w, pr_pdf_paint_op op)
{
    static const char *const ops[] = {"f\n", "f*\n", "S\n", "B\n", "B*\n", "n\n"};
    allow(w, IN_PATH | IN_CLIP, "path painting operator");
    w->mode = PR_PDF_PAGE;
    pr_sb_puts(&w->out, ops[op]);
}

/* ---- external objects ---------------------------------------------------- */

void pr_pdf_xobject(pr_pdf_content *w, const char *name)
{
    allow(w, AT_PAGE, "Do");
    put_name(w, name);
    pr_sb_add(&w->out, " Do\n", 4);
}

/* ---- marked content ------------------------------------------------------ */

/* Open a sequence: checks common to BDC and BMC. */
static void begin_marked(pr_pdf_content *w, const char *op)
{
    allow(w, AT_PAGE, op);
    if (w->marked && !w->misuse)
        w->misuse = "nested marked-content sequence";
    w->marked = 1;
    w->marked_q_depth = w->q_depth;
}

void pr_pdf_begin_tagged(pr_pdf_content *w, const char *tag, int mcid)
{
    begin_marked(w, "BDC");
    if (mcid < 0 && !w->misuse)
        w->misuse = "negative MCID";
    put_name(w, tag);
    char buf[48];
    int n = snprintf(buf, sizeof buf, " <</MCID %d>> BDC\n", mcid < 0 ? 0 : mcid);
    pr_sb_add(&w->out, buf, (size_t)n);
}

void pr_pdf_begin_artifact(pr_pdf_content *w)
{
    begin_marked(w, "BMC");
    pr_sb_add(&w->out, "/Artifact BMC\n", 14);
}

void pr_pdf_end_marked(pr_pdf_content *w)
{
    allow(w, AT_PAGE, "EMC");
    if (!w->marked && !w->misuse)
        w->misuse = "EMC without BDC";
    if (w->marked && w->q_depth != w->marked_q_depth && !w->misuse)
        w->misuse = "EMC at another q depth than its BDC";
    w->marked = 0;
    pr_sb_add(&w->out, "EMC\n", 4);
}

/* ---- text ---------------------------------------------------------------- */

void pr_pdf_begin_text(pr_pdf_content *w)
{
    allow(w, AT_PAGE, "BT");
    w->mode = PR_PDF_TEXT;
    pr_sb_add(&w->out, "BT\n", 3);
}

void pr_pdf_end_text(pr_pdf_content *w)
{
    allow(w, IN_TEXT, "ET");
    w->mode = PR_PDF_PAGE;
    pr_sb_add(&w->out, "ET\n", 3);
}

void pr_pdf_font(pr_pdf_content *w, const char *name, double size)
{
    allow(w, AT_PAGE | IN_TEXT, "Tf");
    put_name(w, name);
    pr_sb_putc(&w->out, ' ');
    put_op(w, &size, 1, "Tf");
}

void pr_pdf_char_spacing(pr_pdf_content *w, double spacing)
{
    allow(w, AT_PAGE | IN_TEXT, "Tc");
    put_op(w, &spacing, 1, "Tc");
}

void pr_pdf_text_matrix(pr_pdf_content *w, double a, double b, double c, double d, double e,
                        double f)
{
    allow(w, IN_TEXT, "Tm");
    double v[6] = {a, b, c, d, e, f};
    put_op(w, v, 6, "Tm");
}

/* Append codes[0..n) as one hex string "<0042006F>". */
static void put_hex_string(pr_pdf_content *w, const uint16_t *codes, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    char buf[4 * 64];
    pr_sb_putc(&w->out, '<');
    while (n > 0) {
        size_t k = n < 64 ? n : 64;
        char *e = buf;
        for (size_t i = 0; i < k; i++) {
            *e++ = hex[codes[i] >> 12];
            *e++ = hex[codes[i] >> 8 & 15];
            *e++ = hex[codes[i] >> 4 & 15];
            *e++ = hex[codes[i] & 15];
        }
        pr_sb_add(&w->out, buf, (size_t)(e - buf));
        codes += k;
        n -= k;
    }
    pr_sb_putc(&w->out, '>');
}

void pr_pdf_show(pr_pdf_content *w, const uint16_t *codes, size_t n)
{
    allow(w, IN_TEXT, "Tj");
    put_hex_string(w, codes, n);
    pr_sb_add(&w->out, " Tj\n", 4);
}

void pr_pdf_show_adjusted(pr_pdf_content *w, const uint16_t *codes, const double *adj,
                          size_t n)
{
    size_t any = 0;
    for (size_t i = 0; i < n; i++)
        any += adj[i] != 0;
    if (!any) {
        pr_pdf_show(w, codes, n);
        return;
    }
    allow(w, IN_TEXT, "TJ");
    pr_sb_putc(&w->out, '[');
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (adj[i] == 0 && i + 1 < n)
            continue;
        put_hex_string(w, codes + start, i + 1 - start);
        start = i + 1;
        if (adj[i] != 0) {
            char buf[16];
            char *e = pr_pdf_put_real(buf, adj[i]);
            pr_sb_add(&w->out, buf, (size_t)(e - buf));
        }
    }
    pr_sb_add(&w->out, "] TJ\n", 5);
}
