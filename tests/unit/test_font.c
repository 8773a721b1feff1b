/* test_font.c — the TrueType metrics reader on Debian's Lato, the fake
 * font, and the font set mapping file (errors with positions). */
#include <stdlib.h>

#include "typeset/font.h"
#include "unit.h"

#define LATO "/usr/share/fonts/truetype/lato/"

TEST(lato_regular_metrics)
{
    pr_diags d;
    pr_diags_init(&d);
    pr_font *f = pr_font_load(LATO "Lato-Regular.ttf", &d);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_STR(pr_font_family(f), "Lato");
    CHECK_STR(pr_font_postscript(f), "Lato-Regular");
    CHECK_INT(pr_font_units_per_em(f), 2000);
    CHECK_INT(pr_font_ascender(f), 1974);
    CHECK_INT(pr_font_descender(f), -426);
    CHECK_INT(pr_font_cap_height(f), 1433);
    CHECK_INT(pr_font_x_height(f), 1013);
    pr_font_metrics m = pr_font_metrics_of(f);
    /* 'A' advances 1354 units: 677 per mille, as libharu's /W array says */
    CHECK_NEAR(m.advance(m.ctx, 'A'), 677, 0);
    CHECK_NEAR(m.advance(m.ctx, ' '), 256, 0);
    CHECK_NEAR(m.advance(m.ctx, 0xE9), 528, 0);     /* é */
    CHECK_NEAR(m.advance(m.ctx, 0x202F), 250, 0);   /* narrow no-break space */
    CHECK_NEAR(m.ascent, 987, 1e-9);
    CHECK_NEAR(m.descent, -213, 1e-9);
    CHECK_NEAR(m.kerning(m.ctx, 'A', 'V'), -54, 1e-9);
    CHECK_NEAR(m.kerning(m.ctx, 'T', 'o'), -122, 1e-9);
    CHECK_NEAR(m.kerning(m.ctx, 'a', 'b'), 0, 0);
    /* 10 pt "AVA" = 3 × 6.77 pt, minus 2 kerns of 0.54 pt when asked */
    CHECK_NEAR(pr_metrics_width(&m, 10, "AVA", 3, 0), 20.31, 1e-9);
    CHECK_NEAR(pr_metrics_width(&m, 10, "AVA", 3, 1), 19.23, 1e-9);
    pr_font_free(f);
    pr_diags_free(&d);
}

TEST(lato_french_coverage)
{
    pr_diags d;
    pr_diags_init(&d);
    pr_font *f = pr_font_load(LATO "Lato-Regular.ttf", &d);
    if (!f) {
        UNIT_FAIL("Lato absent");
        return;
    }
    static const unsigned present[] = {0xE9, 0xE8, 0xEA, 0xE0, 0xE7, 0xF4, 0x153, 0x152,
                                       0xAB, 0xBB, 0x2019, 0x2014, 0x2013, 0x2026, 0x202F,
                                       0xA0, 0xB2, 0xB0, 0x20AC, 0x2022, 0x2212};
    for (size_t i = 0; i < sizeof present / sizeof *present; i++)
        if (!pr_font_glyph(f, present[i]))
            UNIT_FAIL("U+%04X absent de Lato", present[i]);
    CHECK_INT(pr_font_glyph(f, 0x2713), 0);   /* ✓: drawn as a shape */
    CHECK_INT(pr_font_glyph(f, 0x2011), 0);   /* non-breaking hyphen */
    pr_font_free(f);
    pr_diags_free(&d);
}

TEST(fake_font)
{
    pr_font_metrics m = pr_metrics_fake(500);
    CHECK_NEAR(pr_metrics_width(&m, 10, "abc d", 5, 1), 25, 1e-12);
    CHECK_NEAR(pr_metrics_width(&m, 10, "\xC3\xA9t\xC3\xA9", 5, 0), 15, 1e-12);   /* été */
    CHECK_NEAR(m.ascent, 800, 0);
    CHECK(m.has_glyph(m.ctx, 0x2713));
}

TEST(font_errors)
{
    pr_diags d;
    pr_diags_init(&d);
    CHECK(pr_font_load("/nonexistent/x.ttf", &d) == NULL);
    CHECK(pr_font_load("Makefile", &d) == NULL);
    CHECK_INT(d.n, 2);
    if (d.n == 2) {
        CHECK_STR(d.items[0].msg, "impossible de lire la police « /nonexistent/x.ttf » : "
                                  "fichier ou dossier introuvable");
        CHECK_STR(d.items[1].msg, "police illisible « Makefile » : ce n’est pas un fichier "
                                  "TrueType ou OpenType");
    }
    pr_diags_free(&d);
}

TEST(fontset_real)
{
    pr_fontset fs;
    pr_diags d;
    pr_diags_init(&d);
    CHECK_INT(pr_fontset_load(&fs, "fonts/fonts.conf", &d), 0);
    CHECK_INT(d.n, 0);
    CHECK_STR(pr_fontset_path(&fs, PR_STYLE_BOLD), LATO "Lato-Bold.ttf");
    CHECK_STR(pr_fontset_path(&fs, PR_STYLE_SEMIBOLD), LATO "Lato-Semibold.ttf");
    CHECK_STR(pr_font_postscript(pr_fontset_face(&fs, PR_STYLE_BOLD_ITALIC)), "Lato-BoldItalic");
    /* bold 'A' is wider than regular 'A' */
    const pr_font_metrics *r = pr_fontset_metrics(&fs, PR_STYLE_REGULAR);
    const pr_font_metrics *b = pr_fontset_metrics(&fs, PR_STYLE_BOLD);
    CHECK(b->advance(b->ctx, 'A') > r->advance(r->ctx, 'A'));
    pr_fontset_free(&fs);
    pr_diags_free(&d);
}

/* Write text to a temporary mapping file and load it. */
static int load_map(const char *text, pr_diags *d, pr_fontset *fs, char *path)
{
    strcpy(path, "/tmp/pr-test-fonts-XXXXXX");
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    int rc = pr_fontset_load(fs, path, d);
    return rc;
}

TEST(fontset_errors)
{
    pr_fontset fs;
    pr_diags d;
    pr_diags_init(&d);
    char path[64];
    int rc = load_map("# essai\n"
                      "regular = /usr/share/fonts/truetype/lato/Lato-Regular.ttf\n"
                      "  gras = x.ttf\n"
                      "italic = /usr/share/fonts/truetype/lato/Lato-Absent.ttf\n"
                      "regular = /usr/share/fonts/truetype/lato/Lato-Bold.ttf\n"
                      "bolditalc = y.ttf\n"
                      "sans egal\n", &d, &fs, path);
    CHECK_INT(rc, -1);
    CHECK_INT(d.n, 5);
    if (d.n == 5) {
        CHECK_INT(d.items[0].pos.line, 3);
        CHECK_INT(d.items[0].pos.col, 3);
        CHECK_STR(d.items[0].msg, "rôle de police inconnu « gras » (attendu : regular, italic, "
                                  "bold, bolditalic, black, light ou semibold)");
        CHECK_INT(d.items[1].pos.line, 4);
        CHECK_INT(d.items[1].pos.col, 10);
        CHECK_STR(d.items[1].msg, "impossible de lire la police « /usr/share/fonts/truetype/"
                                  "lato/Lato-Absent.ttf » : fichier ou dossier introuvable (paquet Debian "
                                  "fonts-lato)");
        CHECK_STR(d.items[2].msg, "rôle de police « regular » déjà défini ligne 2");
        CHECK_STR(d.items[3].msg, "rôle de police inconnu « bolditalc » (vouliez-vous dire "
                                  "« bolditalic » ?)");
        CHECK_INT(d.items[4].pos.line, 7);
        CHECK_STR(d.items[4].msg, "ligne sans « = » : attendu « rôle = chemin de la police »");
    }
    remove(path);
    pr_diags_free(&d);
    pr_diags_init(&d);
    rc = load_map("italic = /usr/share/fonts/truetype/lato/Lato-Italic.ttf\n", &d, &fs, path);
    CHECK_INT(rc, -1);
    CHECK_INT(d.n, 1);
    if (d.n == 1)
        CHECK_STR(d.items[0].msg, "rôle de police « regular » manquant");
    remove(path);
    pr_diags_free(&d);
    pr_sources_free();
}

TEST(fontset_fallback)
{
    pr_fontset fs;
    pr_diags d;
    pr_diags_init(&d);
    char path[64];
    CHECK_INT(load_map("regular = /usr/share/fonts/truetype/lato/Lato-Regular.ttf\n"
                       "bold = /usr/share/fonts/truetype/lato/Lato-Bold.ttf\n", &d, &fs, path), 0);
    CHECK_STR(pr_fontset_path(&fs, PR_STYLE_BOLD_ITALIC), LATO "Lato-Bold.ttf");
    CHECK_STR(pr_fontset_path(&fs, PR_STYLE_BLACK), LATO "Lato-Bold.ttf");
    CHECK_STR(pr_fontset_path(&fs, PR_STYLE_LIGHT), LATO "Lato-Regular.ttf");
    CHECK_STR(pr_fontset_path(&fs, PR_STYLE_ITALIC), LATO "Lato-Regular.ttf");
    pr_fontset_free(&fs);
    remove(path);
    pr_diags_free(&d);
    pr_sources_free();
}

/* Lato has both a 'kern' table and GPOS pair kerning: hide the 'kern'
 * table (rename its tag in a copy) and the GPOS reader must give the same
 * pairs. */
TEST(gpos_kerning)
{
    char *data = NULL;
    size_t len = 0;
    if (pr_read_file(LATO "Lato-Regular.ttf", 0, &data, &len)) {
        UNIT_FAIL("Lato absent");
        return;
    }
    size_t n_tables = (size_t)((unsigned char)data[4] << 8 | (unsigned char)data[5]);
    int renamed = 0;
    for (size_t i = 0; i < n_tables; i++)
        if (!memcmp(data + 12 + 16 * i, "kern", 4)) {
            memcpy(data + 12 + 16 * i, "xern", 4);
            renamed = 1;
        }
    CHECK(renamed);
    char path[] = "/tmp/pr-test-gpos-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "wb");
    fwrite(data, 1, len, f);
    fclose(f);
    free(data);
    pr_diags d;
    pr_diags_init(&d);
    pr_font *font = pr_font_load(path, &d);
    CHECK(font != NULL);
    if (font) {
        pr_font_metrics m = pr_font_metrics_of(font);
        CHECK_NEAR(m.kerning(m.ctx, 'A', 'V'), -54, 1e-9);
        CHECK_NEAR(m.kerning(m.ctx, 'T', 'o'), -122, 1e-9);
        CHECK_NEAR(m.kerning(m.ctx, 'a', 'b'), 0, 0);
        pr_font_free(font);
    }
    remove(path);
    pr_diags_free(&d);
}

int main(void)
{
    RUN(lato_regular_metrics);
    RUN(lato_french_coverage);
    RUN(gpos_kerning);
    RUN(fake_font);
    RUN(font_errors);
    RUN(fontset_real);
    RUN(fontset_errors);
    RUN(fontset_fallback);
    return UNIT_DONE();
}
