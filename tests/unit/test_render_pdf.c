/* test_render_pdf.c — what the PDF backend writes, read back from its
 * bytes: path segments to the hundredth, text runs and their resources
 * (fonts, graphics states named /F1, /E1… in order of first use on each
 * page), page content compressed with one /Filter entry, fonts embedded as
 * small subsets with a CIDToGIDMap cut after the last code point drawn
 * (whole files and libharu's full map with PR_PDF_FULL_FONTS); text drawn
 * kerned and spaced (TJ) exactly as wide as the layout measured it; and the
 * class of each error (an unreadable font is an I/O error; an image
 * without decoded pixels, or a link to a page that does not exist, is an
 * internal error). */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "doc/doc.h"
#include "pdf/render_pdf.h"
#include "typeset/hyph.h"
#include "typeset/text.h"
#include "unit.h"

#define LATO "/usr/share/fonts/truetype/lato/"

/* First occurrence of needle[0..n) in hay[0..len), or NULL. */
static const unsigned char *find_bytes(const unsigned char *hay, size_t len, const char *needle,
                                       size_t n)
{
    for (size_t i = 0; n <= len && i <= len - n; i++)
        if (!memcmp(hay + i, needle, n))
            return hay + i;
    return NULL;
}

/* Count of needle in hay. */
static int count_bytes(const unsigned char *hay, size_t len, const char *needle)
{
    int n = 0;
    size_t k = strlen(needle);
    for (const unsigned char *p = hay; (p = find_bytes(p, len - (size_t)(p - hay), needle, k)); p++)
        n++;
    return n;
}

/* The dictionary text and stream bytes (inflated when /FlateDecode) of
 * object `num`; returns 0, or -1 when missing. *data is malloc'd. */
static int object_stream(const unsigned char *pdf, size_t len, int num, char **dict,
                         unsigned char **data, size_t *dlen)
{
    char head[32];
    int hn = snprintf(head, sizeof head, "\n%d 0 obj", num);
    const unsigned char *o = find_bytes(pdf, len, head, (size_t)hn);
    if (!o)
        return -1;
    size_t rest = len - (size_t)(o - pdf);
    const unsigned char *st = find_bytes(o, rest, "stream\r\n", 8);
    const unsigned char *end = st ? find_bytes(st, rest - (size_t)(st - o), "endstream", 9) : NULL;
    const unsigned char *eo = find_bytes(o, rest, "endobj", 6);
    if (!st || !end || !eo || st > eo)
        return -1;
    *dict = pr_strndup((const char *)o, (size_t)(st - o));
    const unsigned char *raw = st + 8;
    size_t rlen = (size_t)(end - raw);
    if (strstr(*dict, "FlateDecode")) {
        size_t cap = 1 << 16, n = 0;
        unsigned char *out = pr_malloc(cap);
        z_stream z;
        memset(&z, 0, sizeof z);
        inflateInit(&z);
        z.next_in = (unsigned char *)raw;
        z.avail_in = (uInt)rlen;
        int rc;
        do {
            if (n == cap)
                out = pr_realloc(out, cap *= 2);
            z.next_out = out + n;
            z.avail_out = (uInt)(cap - n);
            rc = inflate(&z, Z_NO_FLUSH);
            n = cap - z.avail_out;
        } while (rc == Z_OK);
        inflateEnd(&z);
        if (rc != Z_STREAM_END) {
            free(out);
            free(*dict);
            return -1;
        }
        *data = out;
        *dlen = n;
    } else {
        *data = pr_malloc(rlen + 1);
        memcpy(*data, raw, rlen);
        *dlen = rlen;
    }
    return 0;
}

/* The object number that follows `key` (e.g. "/CIDToGIDMap ") in text, or -1. */
static int ref_after(const unsigned char *text, size_t len, const char *key)
{
    const unsigned char *p = find_bytes(text, len, key, strlen(key));
    return p ? atoi((const char *)p + strlen(key)) : -1;
}

TEST(path_segments_to_the_hundredth)
{
    /* points (v, v) on a page 100 pt high: PDF coordinates (v, 100 - v)... */
    static const double v[] = {12.5, 0.999996, -3.25, 40000, -40000, 1.000001, 0.00001, 0.000004,
                               -0.000001, 543.895263, 100, 7.1, 0.3, 841.889771, 32766.99999,
                               1e-9, 2.675, -0.004};
    /* ...written rounded to the hundredth (half away from zero), clamped
     * to ±32767 like libharu's reals, no trailing zeros, never "-0" */
    static const char expected[] =
        "0 0 m\n12.5 87.5 l\n1 99 l\n-3.25 103.25 l\n32767 -32767 l\n-32767 32767 l\n"
        "1 99 l\n0 100 l\n0 100 l\n0 100 l\n543.9 -443.9 l\n100 0 l\n"
        "7.1 92.9 l\n0.3 99.7 l\n841.89 -741.89 l\n32767 -32667 l\n0 100 l\n2.68 97.33 l\n"
        "0 100 l\n";
    pr_doc *doc = pr_doc_new();
    int pg = pr_doc_add_page(doc, 200, 100, PR_PAGE_PLAIN);
    pr_path path = {0};
    pr_path_move(&path, 0, 100);
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        pr_path_line(&path, v[i], v[i]);
    pr_paint paint = pr_paint_stroke(PR_RGB(0, 0, 0), 1);
    pr_doc_path(doc, pg, &path, PR_FILL_NONZERO, &paint);
    pr_path_free(&path);
    pr_diags d;
    pr_diags_init(&d);
    unsigned char *pdf = NULL;
    size_t len = 0;
    CHECK_INT(pr_pdf_render(doc, &pdf, &len, &d), 0);
    int contents = pdf ? ref_after(pdf, len, "/Contents ") : -1;
    char *dict = NULL;
    unsigned char *data = NULL;
    size_t dlen = 0;
    CHECK(contents > 0 && object_stream(pdf, len, contents, &dict, &data, &dlen) == 0);
    if (data) {
        CHECK(find_bytes(data, dlen, expected, sizeof expected - 1) != NULL);
        if (!find_bytes(data, dlen, expected, sizeof expected - 1))
            fprintf(stderr, "%.*s\n", (int)dlen, (const char *)data);
        /* compressed by us: one /Filter entry, no Filter array from libharu */
        CHECK(strstr(dict, "/Filter /FlateDecode") != NULL);
        CHECK(strstr(dict, "/Filter [") == NULL);
    }
    free(dict);
    free(data);
    free(pdf);
    pr_diags_free(&d);
    pr_doc_free(doc);
}

/* Render one page with "Bonjour" in Lato Regular; returns the PDF. */
static unsigned char *render_bonjour(size_t *len)
{
    pr_doc *doc = pr_doc_new();
    int pg = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_PLAIN);
    int f = pr_doc_font(doc, LATO "Lato-Regular.ttf");
    pr_doc_text(doc, pg, f, 12, PR_RGB(0, 0, 0), 72, 72, "Bonjour");
    pr_diags d;
    pr_diags_init(&d);
    unsigned char *pdf = NULL;
    *len = 0;
    CHECK_INT(pr_pdf_render(doc, &pdf, len, &d), 0);
    CHECK_INT(d.n, 0);
    pr_diags_free(&d);
    pr_doc_free(doc);
    return pdf;
}

/* Length1 of the font program and the CIDToGIDMap of the only font. */
static void font_streams(const unsigned char *pdf, size_t len, long *length1,
                         unsigned char **map, size_t *map_len)
{
    *length1 = -1;
    *map = NULL;
    *map_len = 0;
    char *dict = NULL;
    int m = ref_after(pdf, len, "/CIDToGIDMap ");
    CHECK(m > 0 && object_stream(pdf, len, m, &dict, map, map_len) == 0);
    free(dict);
    const unsigned char *l1 = find_bytes(pdf, len, "/Length1 ", 9);
    CHECK(l1 != NULL);
    if (l1)
        *length1 = atol((const char *)l1 + 9);
}

TEST(fonts_embedded_as_subsets)
{
    size_t len;
    unsigned char *pdf = render_bonjour(&len);
    if (!pdf)
        return;
    long length1;
    unsigned char *map;
    size_t map_len;
    font_streams(pdf, len, &length1, &map, &map_len);
    /* .notdef, B, o, n, j, u, r, plus H and x: the name table (5 KB) and
     * the hinting programs (3 KB) are most of it */
    CHECK(length1 > 1000 && length1 < 12000);
    /* codes are Unicode code points; the map stops after the highest code
     * point of the subset: 'x' (it holds H and x for libharu's cap height
     * and x-height) */
    CHECK_INT(map_len, 2 * ('x' + 1));
    if (map && map_len == 2 * ('x' + 1)) {
        const char *drawn = "Bonjur";
        for (unsigned cp = 0; cp <= 'x'; cp++) {
            unsigned gid = (unsigned)map[2 * cp] << 8 | map[2 * cp + 1];
            int expect = (cp && strchr(drawn, (int)cp)) || cp == 'H' || cp == 'x';
            if ((gid != 0) != expect)
                UNIT_FAIL("CIDToGIDMap[%u] = %u", cp, gid);
        }
    }
    free(map);
    CHECK_INT(count_bytes(pdf, len, "/FontFile2"), 1);
    free(pdf);

    /* the whole file and libharu's map, when asked */
    setenv("PR_PDF_FULL_FONTS", "1", 1);
    pdf = render_bonjour(&len);
    unsetenv("PR_PDF_FULL_FONTS");
    if (!pdf)
        return;
    long full_length1;
    font_streams(pdf, len, &full_length1, &map, &map_len);
    CHECK(full_length1 > 3 * length1);   /* 39 873 bytes against 10 279 */
    CHECK_INT(map_len, 131070);
    free(map);
    free(pdf);
}

/* The inflated content stream of the first page of pdf (malloc'd), or NULL. */
static char *first_page_content(const unsigned char *pdf, size_t len)
{
    int contents = ref_after(pdf, len, "/Contents ");
    char *dict = NULL;
    unsigned char *data = NULL;
    size_t dlen = 0;
    if (contents <= 0 || object_stream(pdf, len, contents, &dict, &data, &dlen))
        return NULL;
    free(dict);
    char *text = pr_strndup((const char *)data, dlen);
    free(data);
    return text;
}

TEST(text_runs_and_resources)
{
    pr_doc *doc = pr_doc_new();
    int pg = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_PLAIN);
    int bold = pr_doc_font(doc, LATO "Lato-Bold.ttf");
    int reg = pr_doc_font(doc, LATO "Lato-Regular.ttf");
    /* first use on the page names the resource: Bold is /F1 */
    pr_doc_text(doc, pg, bold, 12, PR_RGB(0, 0, 0), 72, 72, "Été");
    pr_doc_text(doc, pg, reg, 10, PR_RGB(255, 0, 0), 72.5, 100.25, "l’été 😀");
    pr_doc_text(doc, pg, bold, 12, PR_RGB(255, 0, 0), 80, 110, "!");
    pr_paint p = pr_paint_fill(PR_RGB(0, 0, 255));
    p.opacity = 0.5;
    pr_doc_circle(doc, pg, 100, 200, 10, &p);
    pr_diags d;
    pr_diags_init(&d);
    unsigned char *pdf = NULL;
    size_t len = 0;
    CHECK_INT(pr_pdf_render(doc, &pdf, &len, &d), 0);
    char *text = pdf ? first_page_content(pdf, len) : NULL;
    CHECK(text != NULL);
    if (text) {
        /* U+1F600 is drawn as a space (two-byte codes); text is kerned
         * (TJ: "Ét" closer by 20/1000 em); all of it is content of the
         * document's root (one marked-content sequence); the
         * half-transparent blue disc is painted opaque, pre-blended over
         * the white page (PDF/A-1 forbids transparency) */
        static const char expected[] =
            "/Document <</MCID 0>> BDC\n"
            "BT\n/F1 12 Tf\n1 0 0 1 72 769.89001 Tm\n[<00C9>20<0074>4<00E9>] TJ\n"
            "/F2 10 Tf\n1 0 0 rg\n1 0 0 1 72.5 741.64001 Tm\n"
            "[<006C201900E9>3.5<0074>2.5<00E900200020>] TJ\n"
            "/F1 12 Tf\n1 0 0 1 80 731.89001 Tm\n<0021> Tj\nET\n"
            "0.50196 0.50196 1 rg\n90 641.89001 m\n";
        CHECK(!strncmp(text, expected, sizeof expected - 1));
        if (strncmp(text, expected, sizeof expected - 1))
            fprintf(stderr, "%s\n", text);
    }
    CHECK(pdf && find_bytes(pdf, len, "/Font <<\012/F1 ", 13) != NULL);
    CHECK(pdf && !find_bytes(pdf, len, "/ExtGState", 10));
    free(text);
    free(pdf);
    pr_diags_free(&d);
    pr_doc_free(doc);
}

/* One text show of a content stream: where it starts, its size, and the
 * advance it draws with font metrics m (advances minus the TJ numbers). */
typedef struct shown {
    double x, size, advance;
    int spaces;
} shown;

/* The text shows of content stream `text` (Tf, Tm, Tj and TJ of fonts with
 * two-byte codes), their advance measured with m; returns how many (at
 * most max). */
static size_t read_shows(const char *text, const pr_font_metrics *m, shown *out, size_t max)
{
    size_t n = 0;
    double size = 0, x = 0;
    for (const char *l = text; *l && n < max;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        double a, b, c, d, ex, f;
        if (len > 3 && !strncmp(l + len - 3, " Tf", 3)) {
            sscanf(strchr(l, ' ') + 1, "%lf", &size);
        } else if (len > 3 && !strncmp(l + len - 3, " Tm", 3) &&
                   sscanf(l, "%lf %lf %lf %lf %lf %lf", &a, &b, &c, &d, &ex, &f) == 6) {
            x = ex;
        } else if (len > 3 && (!strncmp(l + len - 3, " Tj", 3) || !strncmp(l + len - 3, " TJ", 3))) {
            shown s = {x, size, 0, 0};
            double sum = 0;
            for (const char *q = l; q < l + len - 3;) {
                if (*q == '<') {
                    for (q++; *q != '>'; q += 4) {
                        char h[5] = {q[0], q[1], q[2], q[3], 0};
                        unsigned cp = (unsigned)strtoul(h, NULL, 16);
                        sum += m->advance(m->ctx, cp);
                        s.spaces += cp == ' ';
                    }
                    q++;
                } else if (*q == '-' || (*q >= '0' && *q <= '9')) {
                    char *qe;
                    sum -= strtod(q, &qe);
                    q = qe;
                } else {
                    q++;
                }
            }
            s.advance = sum * size / 1000.0;
            out[n++] = s;
        }
        l += len + (e != NULL);
    }
    return n;
}

/* A justified paragraph and a display line, kerned, drawn from the runs
 * of the text engine: every text show of the PDF (its /W advances, its
 * kerning pairs and widened spaces written as TJ numbers) is exactly as
 * wide as the run the layout measured; the justified lines end on the
 * column's edge; each space is a real U+0020. */
TEST(drawn_advance_is_measured_width)
{
    pr_fontset fs;
    pr_diags d;
    pr_diags_init(&d);
    if (pr_fontset_load(&fs, "fonts/fonts.conf", &d)) {
        UNIT_FAIL("fonts/fonts.conf illisible");
        return;
    }
    pr_hyph *hyph = pr_hyph_load(NULL, &d);
    pr_rich r;
    pr_rich_init(&r);
    pr_span sp = pr_span_default();
    const char *src = "Planif Territoires rassemble les acteurs qui font la planification "
                      "territoriale au quotidien. Tous les territoires, Vaucluse, Yonne, "
                      "Var et Tarn, y trouvent des outils : « Territoires en transition », "
                      "« Vers la sobriété foncière ».";
    pr_rich_add(&r, &sp, src, strlen(src));
    pr_para_opts o = pr_para_opts_default(230);
    o.hyph = hyph;
    pr_para p;
    pr_para_layout(&p, &r, &fs, &o);
    pr_doc *doc = pr_doc_new();
    int pg = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_PLAIN);
    int reg = pr_doc_font(doc, pr_fontset_path(&fs, PR_STYLE_REGULAR));
    size_t n_runs = 0, n_glue = 0;
    double y = 100;
    for (size_t i = 0; i < p.n_lines; i++, y += p.lines[i - 1].height)
        for (size_t k = 0; k < p.lines[i].n_runs; k++) {
            const pr_run *run = &p.lines[i].runs[k];
            pr_doc_text_run(doc, pg, reg, run->size, 0, 50 + run->x, y, run->text, run->len,
                            run->kern, run->word_spacing);
            n_runs++;
            for (size_t c = 0; c < run->len; c++)
                n_glue += run->text[c] == ' ';
        }
    CHECK(p.n_lines >= 4);
    CHECK_INT(n_runs, p.n_lines);   /* one span: one run a line */
    unsigned char *pdf = NULL;
    size_t len = 0;
    CHECK_INT(pr_pdf_render(doc, &pdf, &len, &d), 0);
    char *text = pdf ? first_page_content(pdf, len) : NULL;
    CHECK(text != NULL);
    shown sh[64];
    size_t ns = text ? read_shows(text, pr_fontset_metrics(&fs, PR_STYLE_REGULAR), sh, 64) : 0;
    CHECK_INT(ns, n_runs);
    size_t spaces = 0, kerned = 0;
    const pr_font_metrics *rm = pr_fontset_metrics(&fs, PR_STYLE_REGULAR);
    for (size_t i = 0; i < ns && i < p.n_lines; i++) {
        const pr_run *run = &p.lines[i].runs[0];
        /* a line broken at a space ends with it, past its width: its
         * advance, its kerning with the last letter, the line's spacing */
        double extra = 0;
        if (run->len >= 2 && run->text[run->len - 1] == ' ') {
            size_t k = run->len - 1;
            while (k > 0 && ((unsigned char)run->text[k - 1] & 0xC0) == 0x80) k--;
            k = k > 0 ? k - 1 : 0;
            extra = pr_metrics_width(rm, run->size, run->text + k, run->len - k, 1) -
                    pr_metrics_width(rm, run->size, run->text + k, run->len - 1 - k, 1) +
                    run->word_spacing;
        }
        if (fabs(sh[i].advance - extra - run->width) > 1e-4)
            UNIT_FAIL("ligne %zu : %.6f pt dessinés, %.6f mesurés", i, sh[i].advance - extra,
                      run->width);
        if (!p.lines[i].last)
            CHECK_NEAR(sh[i].x + sh[i].advance - extra, 50 + 230, 1e-3);
        spaces += (size_t)sh[i].spaces;
    }
    CHECK_INT(spaces, n_glue);
    CHECK(spaces > 20);
    /* kerned: "Te" of "Territoires" closer by 122/1000 em, as measured */
    kerned = text && strstr(text, "<0054>122<0065") != NULL;
    CHECK(kerned);
    free(text);
    free(pdf);
    pr_doc_free(doc);
    pr_para_free(&p);
    pr_rich_free(&r);
    /* display type: a title set on one line, kerned, as wide as measured */
    doc = pr_doc_new();
    pg = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_PLAIN);
    int black = pr_doc_font(doc, pr_fontset_path(&fs, PR_STYLE_BLACK));
    const char *title = "PLANIF TERRITOIRES, Vers l’avenir";
    double w = pr_text_width(&fs, PR_STYLE_BLACK, 40, title, strlen(title));
    CHECK(w < pr_metrics_width(pr_fontset_metrics(&fs, PR_STYLE_BLACK), 40, title, strlen(title),
                               0) - 2);
    pr_doc_text(doc, pg, black, 40, 0, 30, 100, title);
    pdf = NULL;
    CHECK_INT(pr_pdf_render(doc, &pdf, &len, &d), 0);
    text = pdf ? first_page_content(pdf, len) : NULL;
    ns = text ? read_shows(text, pr_fontset_metrics(&fs, PR_STYLE_BLACK), sh, 64) : 0;
    CHECK_INT(ns, 1);
    if (ns == 1)
        CHECK_NEAR(sh[0].advance, w, 1e-4);
    free(text);
    free(pdf);
    pr_doc_free(doc);
    pr_hyph_free(hyph);
    pr_fontset_free(&fs);
    pr_diags_free(&d);
}

/* Render doc; returns the status and leaves the diagnostics in d. */
static int render_status(pr_doc *doc, pr_diags *d)
{
    unsigned char *pdf = NULL;
    size_t len = 0;
    int rc = pr_pdf_render(doc, &pdf, &len, d);
    if (rc == 0)
        CHECK(pdf != NULL && len > 0);
    else
        CHECK(pdf == NULL && len == 0);
    free(pdf);
    return rc;
}

/* A copy of Lato Regular in a temporary file whose OS/2 table forbids
 * embedding (fsType 2, "restricted licence"); returns its path (static). */
static const char *restricted_font(void)
{
    static char path[] = "/tmp/pr-test-restricted-XXXXXX";
    char *data = NULL;
    size_t len = 0;
    if (pr_read_file(LATO "Lato-Regular.ttf", 0, &data, &len))
        return NULL;
    unsigned char *b = (unsigned char *)data;
    unsigned n = (unsigned)b[4] << 8 | b[5];
    for (unsigned i = 0; i < n && 12 + 16 * i + 16 <= len; i++) {
        const unsigned char *rec = b + 12 + 16 * i;
        if (!memcmp(rec, "OS/2", 4)) {
            size_t off = (size_t)rec[8] << 24 | (size_t)rec[9] << 16 | (size_t)rec[10] << 8 | rec[11];
            if (off + 10 <= len) {
                b[off + 8] = 0;
                b[off + 9] = 2;
            }
        }
    }
    int fd = mkstemp(path);
    int ok = fd >= 0 && write(fd, data, len) == (ssize_t)len;
    if (fd >= 0)
        close(fd);
    free(data);
    return ok ? path : NULL;
}

TEST(error_classes)
{
    /* a font that cannot be read: an I/O error (exit 3) */
    pr_doc *doc = pr_doc_new();
    int pg = pr_doc_add_page(doc, 200, 100, PR_PAGE_PLAIN);
    pr_doc_text(doc, pg, pr_doc_font(doc, "/nonexistent/police.ttf"), 12, 0, 10, 10, "x");
    pr_diags d;
    pr_diags_init(&d);
    CHECK_INT(render_status(doc, &d), -1);
    CHECK_INT(pr_diags_count(&d, PR_DIAG_IO), 1);
    CHECK_INT(pr_diags_exit_status(&d), PR_EXIT_IO);
    CHECK(d.n == 1 && strstr(d.items[0].msg, "police « /nonexistent/police.ttf » illisible"));
    pr_diags_free(&d);
    pr_doc_free(doc);

    /* an image without decoded pixels: photos are decoded (and refused
     * if they cannot be drawn) before the layout, so this is a bug of
     * planif-rapport, an internal error */
    doc = pr_doc_new();
    pg = pr_doc_add_page(doc, 200, 100, PR_PAGE_PLAIN);
    pr_doc_image(doc, pg, LATO "Lato-Regular.ttf", NULL, (pr_box){0, 0, 10, 10});
    pr_diags_init(&d);
    CHECK_INT(render_status(doc, &d), -1);
    CHECK_INT(pr_diags_exit_status(&d), PR_EXIT_INTERNAL);
    CHECK(d.n == 1 && strstr(d.items[0].msg, "sans pixels décodés"));
    pr_diags_free(&d);
    pr_doc_free(doc);

    /* a link to a page that does not exist: a bug of the layout, an
     * internal error (exit 4) that says so */
    doc = pr_doc_new();
    pg = pr_doc_add_page(doc, 200, 100, PR_PAGE_PLAIN);
    pr_doc_link_dest(doc, pg, (pr_box){0, 0, 10, 10}, 5, 0, NULL);
    pr_diags_init(&d);
    CHECK_INT(render_status(doc, &d), -1);
    CHECK_INT(pr_diags_count(&d, PR_DIAG_INTERNAL), 1);
    CHECK_INT(pr_diags_exit_status(&d), PR_EXIT_INTERNAL);
    CHECK(d.n == 1 && strstr(d.items[0].msg, "page inexistante (6)") &&
          strstr(d.items[0].msg, "défaut de planif-rapport"));
    pr_diags_free(&d);
    pr_doc_free(doc);

    /* a font whose licence forbids embedding: the font chosen in
     * fonts/fonts.conf must change, a template error (exit 1) */
    const char *restricted = restricted_font();
    CHECK(restricted != NULL);
    if (restricted) {
        doc = pr_doc_new();
        pg = pr_doc_add_page(doc, 200, 100, PR_PAGE_PLAIN);
        pr_doc_text(doc, pg, pr_doc_font(doc, restricted), 12, 0, 10, 10, "x");
        pr_diags_init(&d);
        CHECK_INT(render_status(doc, &d), -1);
        CHECK_INT(pr_diags_count(&d, PR_DIAG_TEMPLATE), 1);
        CHECK_INT(pr_diags_exit_status(&d), PR_EXIT_DATA);
        CHECK(d.n == 1 && strstr(d.items[0].msg, "interdit son incorporation"));
        pr_diags_free(&d);
        pr_doc_free(doc);
        unlink(restricted);
    }

    /* an unbalanced unclip is ignored, not an error */
    doc = pr_doc_new();
    pg = pr_doc_add_page(doc, 200, 100, PR_PAGE_PLAIN);
    pr_doc_unclip(doc, pg);
    pr_doc_clip(doc, pg, (pr_box){0, 0, 50, 50}, 5);
    pr_diags_init(&d);
    CHECK_INT(render_status(doc, &d), 0);
    CHECK_INT(d.n, 0);
    pr_diags_free(&d);
    pr_doc_free(doc);
}

int main(void)
{
    RUN(path_segments_to_the_hundredth);
    RUN(fonts_embedded_as_subsets);
    RUN(text_runs_and_resources);
    RUN(drawn_advance_is_measured_width);
    RUN(error_classes);
    return UNIT_DONE();
}
