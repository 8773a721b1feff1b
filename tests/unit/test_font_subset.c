/* test_font_subset.c — the TrueType subsetter on Debian's Lato: the subset
 * reads back with our own reader (pr_font) with the same glyphs, advances
 * and names for the requested code points and nothing else; composite
 * glyphs bring their components; .notdef and the hinting tables are copied;
 * the file is checksummed, its cmap has few segments, and the output is
 * deterministic. */
#include <stdlib.h>
#include <unistd.h>

#include "typeset/font.h"
#include "pdf/font_subset.h"
#include "typeset/sfnt.h"
#include "unit.h"
#include "base/util.h"

#define LATO "/usr/share/fonts/truetype/lato/"

/* The text of a report page, French punctuation included. */
static const char *const SAMPLE =
    "Planif Territoires — rapport d’activités 2023 : « ça déménage ! » 12 345 € "
    "Œuvres, cœur, naïve, Noël, où, à, è, ê, ô, û, ç… (n° 7) 50 % – fin.";

/* The code points of UTF-8 s (n set to their count; caller frees). */
static unsigned *code_points(const char *s, size_t *n)
{
    size_t len = strlen(s);
    unsigned *cps = pr_malloc((len + 1) * sizeof *cps);
    *n = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        int l = pr_utf8_decode(s + i, len - i, &cp);
        if (!l)
            l = 1, cp = 0xFFFD;
        cps[(*n)++] = cp;
        i += (size_t)l;
    }
    return cps;
}

/* The whole file at path (caller frees); aborts the test run if missing. */
static unsigned char *slurp(const char *path, size_t *len)
{
    char *data = NULL;
    if (pr_read_file(path, 0, &data, len)) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    return (unsigned char *)data;
}

/* Subset of the font file `path` for the code points of text. */
static unsigned char *subset_of(const char *path, const char *text, size_t *out_len)
{
    size_t len, n;
    unsigned char *ttf = slurp(path, &len);
    unsigned *cps = code_points(text, &n);
    unsigned char *out = NULL;
    const char *why = NULL;
    int rc = pr_font_subset(ttf, len, cps, n, &out, out_len, &why);
    if (rc)
        fprintf(stderr, "subset failed: %s\n", why ? why : "?");
    free(cps);
    free(ttf);
    return out;
}

/* Load font bytes with pr_font_load through a temporary file (removed). */
static pr_font *load_bytes(const unsigned char *data, size_t len)
{
    char path[] = "/tmp/pr-test-subset-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    int ok = write(fd, data, len) == (ssize_t)len;
    close(fd);
    pr_diags d;
    pr_diags_init(&d);
    pr_font *f = ok ? pr_font_load(path, &d) : NULL;
    unlink(path);
    pr_diags_free(&d);
    return f;
}

/* Bytes of glyph g of a font file (via head/loca/glyf). */
static blob glyph_bytes(blob file, unsigned g)
{
    blob head = find_table(file, "head"), loca = find_table(file, "loca");
    blob glyf = find_table(file, "glyf");
    size_t off, end;
    if (rds16(head, 50) == 1) {
        off = rd32(loca, 4 * (size_t)g);
        end = rd32(loca, 4 * (size_t)g + 4);
    } else {
        off = 2 * (size_t)rd16(loca, 2 * (size_t)g);
        end = 2 * (size_t)rd16(loca, 2 * (size_t)g + 2);
    }
    return sub(glyf, off, end > off ? end - off : 0);
}

/* Component glyph ids of composite glyph data gl (up to max); returns count. */
static size_t components(blob gl, unsigned *ids, size_t max)
{
    if (gl.len < 10 || rds16(gl, 0) >= 0)
        return 0;
    size_t pos = 10, n = 0;
    unsigned flags;
    do {
        flags = rd16(gl, pos);
        if (n < max)
            ids[n] = rd16(gl, pos + 2);
        n++;
        pos += 4 + ((flags & 1) ? 4 : 2) + ((flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0);
    } while ((flags & 0x20) && pos < gl.len);
    return n;
}

/* Glyph a (from a subset, padded to 4 bytes) holds the bytes of glyph b,
 * except that composite component ids may differ. */
static int same_outline(blob a, blob b)
{
    if (a.len < b.len || a.len - b.len >= 4)
        return 0;
    for (size_t i = b.len; i < a.len; i++)
        if (a.p[i])
            return 0;
    if (b.len == 0)
        return 1;
    unsigned ca[16];
    size_t n = components(b, ca, 16);
    unsigned char *x = pr_malloc(b.len), *y = pr_malloc(b.len);
    memcpy(x, a.p, b.len);
    memcpy(y, b.p, b.len);
    size_t pos = 10;   /* blank the component ids before comparing */
    for (size_t i = 0; i < n; i++) {
        unsigned flags = rd16(b, pos);
        x[pos + 2] = x[pos + 3] = y[pos + 2] = y[pos + 3] = 0;
        pos += 4 + ((flags & 1) ? 4 : 2) + ((flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0);
    }
    int same = !memcmp(x, y, b.len);
    free(x);
    free(y);
    return same;
}

TEST(reads_back_with_same_glyphs_and_advances)
{
    size_t len;
    unsigned char *sub_ttf = subset_of(LATO "Lato-Regular.ttf", SAMPLE, &len);
    CHECK(sub_ttf != NULL);
    if (!sub_ttf)
        return;
    pr_diags d;
    pr_diags_init(&d);
    pr_font *orig = pr_font_load(LATO "Lato-Regular.ttf", &d);
    pr_font *sub_font = load_bytes(sub_ttf, len);
    CHECK(orig != NULL);
    CHECK(sub_font != NULL);
    if (orig && sub_font) {
        CHECK_STR(pr_font_family(sub_font), "Lato");
        CHECK_STR(pr_font_postscript(sub_font), "Lato-Regular");
        CHECK_INT(pr_font_units_per_em(sub_font), 2000);
        CHECK_INT(pr_font_ascender(sub_font), pr_font_ascender(orig));
        CHECK_INT(pr_font_descender(sub_font), pr_font_descender(orig));
        CHECK_INT(pr_font_line_gap(sub_font), pr_font_line_gap(orig));
        CHECK_INT(pr_font_cap_height(sub_font), pr_font_cap_height(orig));
        CHECK_INT(pr_font_x_height(sub_font), pr_font_x_height(orig));
        pr_font_metrics mo = pr_font_metrics_of(orig), ms = pr_font_metrics_of(sub_font);
        size_t n;
        unsigned *cps = code_points(SAMPLE, &n);
        size_t olen;
        unsigned char *obytes = slurp(LATO "Lato-Regular.ttf", &olen);
        blob fo = {obytes, olen};
        blob fs = {sub_ttf, len};
        for (size_t i = 0; i < n; i++) {
            unsigned go = pr_font_glyph(orig, cps[i]), gs = pr_font_glyph(sub_font, cps[i]);
            if (!go || !gs) {
                UNIT_FAIL("U+%04X: glyph %u in Lato, %u in the subset", cps[i], go, gs);
                continue;
            }
            if (pr_font_glyph_advance(orig, go) != pr_font_glyph_advance(sub_font, gs))
                UNIT_FAIL("U+%04X: advance %u, subset %u", cps[i], pr_font_glyph_advance(orig, go),
                          pr_font_glyph_advance(sub_font, gs));
            if (mo.advance(mo.ctx, cps[i]) != ms.advance(ms.ctx, cps[i]))
                UNIT_FAIL("U+%04X: width per mille differs", cps[i]);
            if (!same_outline(glyph_bytes(fo, go), glyph_bytes(fs, gs)))
                UNIT_FAIL("U+%04X: outline differs", cps[i]);
        }
        /* nothing else: letters absent from the text have no glyph */
        CHECK_INT(pr_font_glyph(sub_font, 'Z'), 0);
        CHECK_INT(pr_font_glyph(sub_font, 'q'), 0);
        CHECK_INT(pr_font_glyph(sub_font, 0x0416), 0);   /* Ж, in Lato */
        /* a missing code point measures like .notdef in both */
        CHECK_INT(pr_font_glyph(orig, 0x4E00), 0);
        CHECK_NEAR(ms.advance(ms.ctx, 'Z'), mo.advance(mo.ctx, 0x4E00), 0);
        free(cps);
        free(obytes);
    }
    pr_font_free(orig);
    pr_font_free(sub_font);
    pr_diags_free(&d);
    free(sub_ttf);
}

TEST(composites_bring_their_components)
{
    size_t len, olen;
    /* in Lato, à and é are composites of an empty glyph (id 3025, shared),
     * the base letter and the accent */
    unsigned char *s = subset_of(LATO "Lato-Regular.ttf", "éà", &len);
    CHECK(s != NULL);
    if (!s)
        return;
    blob fs = {s, len};
    unsigned char *o = slurp(LATO "Lato-Regular.ttf", &olen);
    blob fo = {o, olen};
    /* .notdef, à, é (code point order), then the components in order of
     * discovery: 3025, a, grave, (3025 again,) e, acute */
    CHECK_INT(rd16(find_table(fs, "maxp"), 4), 8);
    CHECK_INT(rd16(find_table(fs, "hhea"), 34), 8);
    pr_diags d;
    pr_diags_init(&d);
    pr_font *f = load_bytes(s, len), *orig = pr_font_load(LATO "Lato-Regular.ttf", &d);
    CHECK(f && orig);
    if (f && orig) {
        CHECK_INT(pr_font_glyph(f, 0xE0), 1);
        CHECK_INT(pr_font_glyph(f, 0xE9), 2);
        unsigned expect_new[2][3] = {{3, 4, 5}, {3, 6, 7}};
        unsigned cps[2] = {0xE0, 0xE9};
        for (int k = 0; k < 2; k++) {
            unsigned cs[4], co[4];
            unsigned go = pr_font_glyph(orig, cps[k]);
            size_t ns = components(glyph_bytes(fs, (unsigned)k + 1), cs, 4);
            size_t no = components(glyph_bytes(fo, go), co, 4);
            CHECK_INT(ns, 3);
            CHECK_INT(no, 3);
            for (size_t i = 0; i < ns && i < no; i++) {
                CHECK_INT(cs[i], expect_new[k][i]);
                blob a = glyph_bytes(fs, cs[i]), b = glyph_bytes(fo, co[i]);
                CHECK(same_outline(a, b));
                CHECK(a.len > 0 || cs[i] == 3);
                CHECK_INT(pr_font_glyph_advance(f, cs[i]), pr_font_glyph_advance(orig, co[i]));
            }
        }
    }
    pr_font_free(f);
    pr_font_free(orig);
    pr_diags_free(&d);
    free(o);
    free(s);
}

TEST(notdef_and_hinting_copied)
{
    size_t len, olen;
    unsigned char *s = subset_of(LATO "Lato-Bold.ttf", "Bilan", &len);
    unsigned char *o = slurp(LATO "Lato-Bold.ttf", &olen);
    CHECK(s != NULL);
    if (!s) {
        free(o);
        return;
    }
    blob fs = {s, len}, fo = {o, olen};
    blob a = glyph_bytes(fs, 0), b = glyph_bytes(fo, 0);
    CHECK(a.len > 0);
    CHECK(a.len == b.len && !memcmp(a.p, b.p, a.len));
    CHECK_INT(rd16(find_table(fs, "hmtx"), 0), rd16(find_table(fo, "hmtx"), 0));
    static const char *const same[] = {"cvt ", "fpgm", "prep", "name", "OS/2"};
    for (size_t i = 0; i < 5; i++) {
        blob x = find_table(fs, same[i]), y = find_table(fo, same[i]);
        if (!x.len || x.len != y.len || memcmp(x.p, y.p, x.len))
            UNIT_FAIL("table %s not copied", same[i]);
    }
    /* exactly the tables libharu 2.3.0 embeds, in tag order */
    static const char *const tags[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                       "hmtx", "loca", "maxp", "name", "post", "prep"};
    CHECK_INT(rd16(fs, 4), 13);
    for (size_t i = 0; i < 13; i++)
        if (memcmp(s + 12 + 16 * i, tags[i], 4))
            UNIT_FAIL("table %zu is not %s", i, tags[i]);
    CHECK_INT(rd32(find_table(fs, "post"), 0), 0x00030000);
    CHECK_INT(find_table(fs, "post").len, 32);
    CHECK_INT(rds16(find_table(fs, "head"), 50), 1);   /* long loca */
    CHECK(!find_table(fs, "GPOS").p && !find_table(fs, "kern").p);
    free(s);
    free(o);
}

TEST(checksums)
{
    size_t len;
    unsigned char *s = subset_of(LATO "Lato-Italic.ttf", SAMPLE, &len);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT(len % 4, 0);
    blob f = {s, len};
    uint32_t total = 0;
    for (size_t i = 0; i < len; i += 4)
        total += rd32(f, i);
    CHECK_INT(total, 0xB1B0AFBAu);
    for (unsigned t = 0; t < rd16(f, 4); t++) {
        size_t rec = 12 + 16 * (size_t)t;
        uint32_t off = rd32(f, rec + 8), n = rd32(f, rec + 12), sum = 0;
        CHECK_INT(off % 4, 0);
        for (size_t i = 0; i < n; i += 4)
            sum += rd32(f, off + i) & (i + 4 <= n ? 0xFFFFFFFFu : 0xFFFFFFFFu << 8 * (i + 4 - n));
        if (!memcmp(s + rec, "head", 4))
            sum -= rd32(f, off + 8);   /* checkSumAdjustment is left out */
        if (sum != rd32(f, rec + 4))
            UNIT_FAIL("checksum of table %.4s", (const char *)s + rec);
    }
    free(s);
}

/* Segments of the subset's format 4 subtable (the only one). */
static unsigned cmap_segments(blob f, unsigned *format)
{
    blob cmap = find_table(f, "cmap");
    *format = rd16(cmap, 12);
    CHECK_INT(rd16(cmap, 2), 1);
    CHECK_INT(rd16(cmap, 4), 3);
    CHECK_INT(rd16(cmap, 6), 1);
    return rd16(cmap, 12 + 6) / 2;
}

TEST(compact_cmap)
{
    size_t len;
    unsigned fmt;
    unsigned char *s = subset_of(LATO "Lato-Regular.ttf", "abc", &len);
    blob f = {s, len};
    /* a, b, c: one idDelta segment, and the closing 0xFFFF one */
    CHECK_INT(cmap_segments(f, &fmt), 2);
    CHECK_INT(fmt, 4);
    free(s);
    s = subset_of(LATO "Lato-Regular.ttf", "ax€", &len);
    f.p = s, f.len = len;
    /* a..x merged (holes in glyphIdArray), € apart, 0xFFFF */
    CHECK_INT(cmap_segments(f, &fmt), 3);
    free(s);
    s = subset_of(LATO "Lato-Regular.ttf", SAMPLE, &len);
    f.p = s, f.len = len;
    CHECK(cmap_segments(f, &fmt) <= 8);
    free(s);
}

TEST(deterministic)
{
    size_t len, n;
    unsigned char *ttf = slurp(LATO "Lato-Black.ttf", &len);
    unsigned *cps = code_points(SAMPLE, &n);
    unsigned char *a, *b, *c;
    size_t la, lb, lc;
    CHECK_INT(pr_font_subset(ttf, len, cps, n, &a, &la, NULL), 0);
    CHECK_INT(pr_font_subset(ttf, len, cps, n, &b, &lb, NULL), 0);
    /* the same set in another order, with repetitions */
    unsigned *rev = pr_malloc(2 * n * sizeof *rev);
    for (size_t i = 0; i < n; i++)
        rev[i] = rev[n + i] = cps[n - 1 - i];
    CHECK_INT(pr_font_subset(ttf, len, rev, 2 * n, &c, &lc, NULL), 0);
    CHECK(la == lb && !memcmp(a, b, la));
    CHECK(la == lc && !memcmp(a, c, la));
    CHECK(la < 40000);   /* Lato-Black is 658 KB */
    free(a);
    free(b);
    free(c);
    free(rev);
    free(cps);
    free(ttf);
}

TEST(empty_set_and_errors)
{
    size_t len, olen;
    unsigned char *ttf = slurp(LATO "Lato-Regular.ttf", &len);
    unsigned char *out = NULL;
    const char *why = NULL;
    /* no code point: a font with .notdef alone */
    CHECK_INT(pr_font_subset(ttf, len, NULL, 0, &out, &olen, &why), 0);
    if (out) {
        blob f = {out, olen};
        CHECK_INT(rd16(find_table(f, "maxp"), 4), 1);
        pr_font *fnt = load_bytes(out, olen);
        CHECK(fnt == NULL);   /* our reader wants at least one mapped glyph */
        pr_font_free(fnt);
        unsigned fmt;
        CHECK_INT(cmap_segments(f, &fmt), 1);   /* the closing 0xFFFF segment */
    }
    free(out);
    static const char junk[] = "pas une police du tout";
    CHECK_INT(pr_font_subset((const unsigned char *)junk, sizeof junk, NULL, 0, &out, &olen, &why), -1);
    CHECK(out == NULL);
    CHECK_STR(why, "not a TrueType font");
    /* cut short: tables run past the end */
    unsigned cps[] = {'a'};
    CHECK_INT(pr_font_subset(ttf, 20000, cps, 1, &out, &olen, &why), -1);
    CHECK_STR(why, "no glyf/loca tables (CFF outlines?)");
    /* corrupt copies: a glyph count loca cannot hold, a glyph outside glyf */
    unsigned char *bad = pr_malloc(len);
    blob file = {ttf, len};
    size_t maxp_at = (size_t)(find_table(file, "maxp").p - ttf);
    size_t loca_at = (size_t)(find_table(file, "loca").p - ttf);
    memcpy(bad, ttf, len);
    bad[maxp_at + 4] = bad[maxp_at + 5] = 0xFF;
    CHECK_INT(pr_font_subset(bad, len, cps, 1, &out, &olen, &why), -1);
    CHECK_STR(why, "loca table too short");
    memcpy(bad, ttf, len);
    memset(bad + loca_at + 4 * 34, 0xFF, 4);   /* end of glyph 33, 'a' */
    CHECK_INT(pr_font_subset(bad, len, cps, 1, &out, &olen, &why), -1);
    CHECK_STR(why, "loca points outside glyf");
    cps[0] = 'H';   /* glyph 12: the same file is fine for a glyph that does not use that entry */
    CHECK_INT(pr_font_subset(bad, len, cps, 1, &out, &olen, &why), 0);
    free(out);
    free(bad);
    unsigned char otto[12] = {'O', 'T', 'T', 'O'};
    CHECK_INT(pr_font_subset(otto, sizeof otto, cps, 1, &out, &olen, &why), -1);
    CHECK_STR(why, "CFF outlines (OTTO) are not supported");
    free(ttf);
}

int main(void)
{
    RUN(reads_back_with_same_glyphs_and_advances);
    RUN(composites_bring_their_components);
    RUN(notdef_and_hinting_copied);
    RUN(checksums);
    RUN(compact_cmap);
    RUN(deterministic);
    RUN(empty_set_and_errors);
    return UNIT_DONE();
}
