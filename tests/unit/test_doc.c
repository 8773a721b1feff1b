/* test_doc.c — the display list (doc.c) and the PDF backend (render_pdf.c):
 * operations recorded as given, moves and truncation, deterministic and
 * valid PDF output, errors reported as diagnostics; the structure tree
 * (nodes, each operation's node or artifact, kept through moves, written
 * as a tagged PDF), shared shapes and the colour under a translucent
 * operation.
 *
 * `test_doc --sample FILE` writes the sample document to FILE and exits
 * (used by tests/e2e/pdf_backend.sh to inspect it with poppler and qpdf). */
#include <stdlib.h>
#include <unistd.h>

#include "doc/doc.h"
#include "typeset/font.h"
#include "typeset/layout.h"
#include "pdf/render_pdf.h"
#include "unit.h"


#define LATO_REG "/usr/share/fonts/truetype/lato/Lato-Regular.ttf"
#define LATO_BOLD "/usr/share/fonts/truetype/lato/Lato-Bold.ttf"

/* Does `needle` occur in hay[0..n)? Returns it or NULL (memmem is not
 * POSIX). */
static const void *find_bytes(const void *hay, size_t n, const char *needle, size_t k)
{
    const unsigned char *h = hay;
    for (size_t i = 0; k <= n && i + k <= n; i++)
        if (!memcmp(h + i, needle, k)) return h + i;
    return NULL;
}

/* A two-page document using every kind of operation. */
static pr_doc *sample_doc(void)
{
    pr_doc *doc = pr_doc_new();
    int p0 = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_CONTENT);
    int reg = pr_doc_font(doc, LATO_REG), bold = pr_doc_font(doc, LATO_BOLD);
    pr_doc_text(doc, p0, bold, 24, PR_RGB(0, 0, 0x91), 60, 90, "Rapport d’activités 2023");
    pr_doc_text(doc, p0, reg, 11, 0x222222, 60, 120,
                "« Élus engagés » : cœur, Besançon, Neuvéglise-sur-Truyère – déjà…");
    pr_paint card = pr_paint_fill(PR_RGB(0xEE, 0xF1, 0xF8));
    card.stroke = PR_RGB(0, 0, 0x91);
    card.line_width = 1;
    pr_doc_rect(doc, p0, (pr_box){60, 140, 220, 90}, 8, &card);
    pr_paint half = pr_paint_fill(PR_RGB(0xE1, 0, 0x0F));
    half.opacity = 0.5;
    pr_doc_circle(doc, p0, 330, 185, 35, &half);
    pr_paint dash = pr_paint_stroke(0x888888, 1.5);
    dash.dash_on = 3;
    dash.dash_off = 2;
    dash.round_caps = 1;
    pr_doc_line(doc, p0, 60, 250, 535, 250, &dash);
    pr_path path = {0};
    pr_path_move(&path, 80, 280);
    pr_path_line(&path, 180, 280);
    pr_path_curve(&path, 230, 280, 230, 380, 180, 380);
    pr_path_close(&path);
    pr_path_move(&path, 120, 310);
    pr_path_line(&path, 160, 310);
    pr_path_line(&path, 160, 350);
    pr_path_close(&path);
    pr_doc_path(doc, p0, &path, PR_FILL_EVENODD, &card);
    pr_path_free(&path);
    pr_doc_clip(doc, p0, (pr_box){300, 280, 100, 100}, 20);
    pr_paint blue = pr_paint_fill(PR_RGB(0, 0, 0x91));
    pr_doc_rect(doc, p0, (pr_box){280, 260, 140, 140}, 0, &blue);
    pr_doc_unclip(doc, p0);
    pr_doc_link_uri(doc, p0, (pr_box){60, 105, 300, 20}, "https://www.planif-territoires.logement.gouv.fr",
                    "Le site du réseau");
    int p1 = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_CONTENT);
    pr_doc_text(doc, p1, reg, 11, 0, 60, 90, "Retour à la première page");
    pr_doc_link_dest(doc, p1, (pr_box){60, 78, 200, 16}, 0, 140, NULL);
    pr_doc_add_outline(doc, "1. Le réseau « Planif Territoires »", 1, 0, 80);
    pr_doc_add_outline(doc, "Présentation", 2, 0, 140);
    pr_doc_add_outline(doc, "2. Gouvernance", 1, 1, 80);
    pr_doc_info info = {"Rapport d’activités 2023", "Réseau Planif Territoires", "Activités du réseau",
                        "planification, réseau", "planif-rapport", 1714521600};
    pr_doc_set_info(doc, &info);
    return doc;
}

TEST(ops_recorded)
{
    pr_doc *doc = pr_doc_new();
    int p = pr_doc_add_page(doc, 500, 700, PR_PAGE_DIVIDER);
    CHECK_INT(p, 0);
    CHECK_INT(pr_doc_font(doc, "a.ttf"), 0);
    CHECK_INT(pr_doc_font(doc, "b.ttf"), 1);
    CHECK_INT(pr_doc_font(doc, "a.ttf"), 0);
    pr_doc_text(doc, p, 1, 12, 0x123456, 10, 20, "été");
    pr_doc_text(doc, p, 1, 12, 0x123456, 10, 20, "");   /* ignored */
    pr_paint f = pr_paint_fill(0xFF0000);
    pr_doc_rect(doc, p, (pr_box){1, 2, 3, 4}, 1.5, &f);
    const pr_page *pg = pr_doc_page(doc, p);
    CHECK_INT(pg->kind, PR_PAGE_DIVIDER);
    CHECK_NEAR(pg->width, 500, 1e-9);
    CHECK_INT(pg->n_ops, 2);
    CHECK_INT(pg->ops[0].kind, PR_OP_TEXT);
    CHECK_STR(pg->ops[0].u.text.text, "été");
    CHECK_INT(pg->ops[0].u.text.color, 0x123456);
    CHECK_NEAR(pg->ops[0].u.text.y, 20, 1e-9);
    CHECK_INT(pg->ops[1].kind, PR_OP_RECT);
    CHECK_NEAR(pg->ops[1].u.rect.radius, 1.5, 1e-9);
    CHECK_INT(pg->ops[1].u.rect.paint.stroke, PR_RGB_NONE);
    pr_doc_free(doc);
}

TEST(move_and_truncate)
{
    pr_doc *doc = pr_doc_new();
    int a = pr_doc_add_page(doc, 100, 100, PR_PAGE_CONTENT);
    int b = pr_doc_add_page(doc, 100, 100, PR_PAGE_CONTENT);
    pr_paint f = pr_paint_fill(0);
    pr_doc_rect(doc, a, (pr_box){0, 10, 5, 5}, 0, &f);
    pr_doc_text(doc, a, 0, 10, 0, 3, 50, "x");
    pr_path path = {0};
    pr_path_move(&path, 1, 60);
    pr_path_curve(&path, 2, 61, 3, 62, 4, 63);
    pr_doc_path(doc, a, &path, PR_FILL_NONZERO, &f);
    pr_path_free(&path);
    pr_doc_move_ops(doc, a, 1, b, 1, -40);
    CHECK_INT(pr_doc_page(doc, a)->n_ops, 1);
    const pr_page *pb = pr_doc_page(doc, b);
    CHECK_INT(pb->n_ops, 2);
    CHECK_NEAR(pb->ops[0].u.text.x, 4, 1e-9);
    CHECK_NEAR(pb->ops[0].u.text.y, 10, 1e-9);
    CHECK_NEAR(pb->ops[1].u.path.segs[1].y1, 21, 1e-9);
    CHECK_NEAR(pb->ops[1].u.path.segs[1].y, 23, 1e-9);
    pr_doc_rect(doc, b, (pr_box){0, 0, 100, 100}, 0, &f);
    pr_doc_insert_last(doc, b, 0);
    CHECK_INT(pb->ops[0].kind, PR_OP_RECT);
    CHECK_INT(pb->ops[1].kind, PR_OP_TEXT);
    pr_doc_truncate(doc, b, 1);
    CHECK_INT(pr_doc_page(doc, b)->n_ops, 1);
    pr_doc_free(doc);
}

TEST(render_deterministic)
{
    pr_doc *doc = sample_doc();
    pr_diags d;
    pr_diags_init(&d);
    unsigned char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    CHECK_INT(pr_pdf_render(doc, &a, &na, &d), 0);
    CHECK_INT(pr_pdf_render(doc, &b, &nb, &d), 0);
    CHECK_INT(d.n, 0);
    CHECK(na > 1000);
    CHECK(na == nb && a && b && memcmp(a, b, na) == 0);
    CHECK(a && memcmp(a, "%PDF-1.", 7) == 0);
    /* no creation date from the clock: the given one */
    CHECK(a && find_bytes(a, na, "D:20240501000000+00'00'", 23) != NULL);
    /* the ToUnicode CMaps are rewritten as bfrange maps (uncompressed
     * content is not visible, but the bad operator must not be) */
    CHECK(a && find_bytes(a, na, "begincidrange", 13) == NULL);
    /* a file identifier, derived from the content only */
    CHECK(a && find_bytes(a, na, "/ID [ <", 7) != NULL);
    free(a);
    free(b);
    pr_diags_free(&d);
    pr_doc_free(doc);
}

TEST(render_errors_become_diagnostics)
{
    pr_doc *doc = pr_doc_new();
    int p = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_CONTENT);
    int f = pr_doc_font(doc, "/nonexistent/font.ttf");
    pr_doc_text(doc, p, f, 10, 0, 10, 10, "x");
    pr_diags d;
    pr_diags_init(&d);
    unsigned char *data = NULL;
    size_t n = 0;
    CHECK_INT(pr_pdf_render(doc, &data, &n, &d), -1);
    CHECK(data == NULL);
    CHECK_INT(d.n_errors, 1);
    CHECK(d.n && strstr(d.items[0].msg, "police « /nonexistent/font.ttf » illisible") != NULL);
    pr_diags_free(&d);
    pr_doc_free(doc);

    doc = pr_doc_new();
    p = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_CONTENT);
    pr_doc_image(doc, p, "/etc/hostname", NULL, (pr_box){0, 0, 10, 10});
    pr_diags_init(&d);
    CHECK_INT(pr_pdf_render(doc, &data, &n, &d), -1);
    CHECK(d.n && strstr(d.items[0].msg, "sans pixels décodés") != NULL);
    pr_diags_free(&d);

    pr_diags_init(&d);
    pr_doc_truncate(doc, p, 0);
    CHECK_INT(pr_pdf_write(doc, "/nonexistent-dir/x.pdf", &d), -1);
    CHECK(d.n && strstr(d.items[0].msg, "impossible de créer « /nonexistent-dir/x.pdf »") != NULL);
    pr_diags_free(&d);
    pr_doc_free(doc);
}

TEST(render_write_file)
{
    char path[] = "/tmp/pr-test-doc-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) return;
    close(fd);
    pr_doc *doc = sample_doc();
    pr_diags d;
    pr_diags_init(&d);
    CHECK_INT(pr_pdf_write(doc, path, &d), 0);
    FILE *f = fopen(path, "rb");
    char head[8] = {0};
    CHECK(f && fread(head, 1, 8, f) == 8);
    if (f) fclose(f);
    CHECK(memcmp(head, "%PDF-1.", 7) == 0);
    unlink(path);
    pr_diags_free(&d);
    pr_doc_free(doc);
}


/* Photos reach the PDF as their decoded pixels (image/photo.h): 8-bit
 * grey or RGB, transparency blended on white, so no soft mask and no
 * libharu PNG or JPEG loader; one image object per photo. */
TEST(images_png_and_jpeg)
{
    const char *why = NULL;
    const pr_image *png = pr_image_load("tests/data/photos/rgba8.png", &why);
    const pr_image *jpg = pr_image_load("tests/data/photos/gris.jpg", &why);
    const pr_image *p16 = pr_image_load("tests/data/photos/rgba16-entrelace.png", &why);
    CHECK(png && jpg && p16);
    if (!png || !jpg || !p16)
        return;
    pr_doc *doc = pr_doc_new();
    int p = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_CONTENT);
    pr_doc_image(doc, p, "rgba8.png", png, (pr_box){50, 50, 40, 30});
    pr_doc_image(doc, p, "gris.jpg", jpg, (pr_box){100, 50, 80, 60});
    pr_doc_image(doc, p, "rgba8.png", png, (pr_box){200, 50, 40, 30});   /* made once */
    pr_doc_image(doc, p, "rgba16-entrelace.png", p16, (pr_box){300, 50, 40, 30});
    pr_diags d;
    pr_diags_init(&d);
    unsigned char *data = NULL;
    size_t n = 0;
    CHECK_INT(pr_pdf_render(doc, &data, &n, &d), 0);
    CHECK_INT(d.n, 0);
    /* image dictionaries are not compressed: three images, each 24 × 16,
     * 8 bits, two RGB and one grey, flate-compressed, no soft mask */
    int widths = 0, rgb = 0, grey = 0;
    for (const unsigned char *q = data; q && (q = find_bytes(q, n - (size_t)(q - data), "/Width 24", 9));
         q += 9)
        widths++;
    /* (the output intent's ICC profile names /DeviceRGB too, as its
     * /Alternate: the images' colour spaces are counted) */
    for (const unsigned char *q = data; q && (q = find_bytes(q, n - (size_t)(q - data), "/ColorSpace /DeviceRGB", 22));
         q += 22)
        rgb++;
    for (const unsigned char *q = data; q && (q = find_bytes(q, n - (size_t)(q - data), "/ColorSpace /DeviceGray", 23));
         q += 23)
        grey++;
    CHECK_INT(widths, 3);
    CHECK_INT(rgb, 2);
    CHECK_INT(grey, 1);
    CHECK(data && find_bytes(data, n, "/BitsPerComponent 8", 19) != NULL);
    CHECK(data && find_bytes(data, n, "/BitsPerComponent 16", 20) == NULL);
    CHECK(data && find_bytes(data, n, "/SMask", 6) == NULL);
    CHECK(data && find_bytes(data, n, "/DCTDecode", 10) == NULL);
    free(data);
    pr_diags_free(&d);
    pr_doc_free(doc);

    /* the layout sizes an image from its aspect ratio (24 × 16) */
    pr_fontset fs;
    pr_fontset_fake(&fs, 500);
    pr_layout_style st = pr_layout_style_default(&fs);
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_image(L, "tests/data/photos/portrait.jpg", 120, NULL);
    pr_layout_image(L, "/nonexistent.png", 100, NULL);
    pr_layout_image(L, "tests/data/photos/tronque.png", 100, NULL);
    const pr_page *pg = &pr_layout_doc(L)->pages[0];
    CHECK_INT(pg->n_ops, 3);
    if (pg->n_ops == 3) {
        CHECK_INT(pg->ops[0].kind, PR_OP_IMAGE);
        CHECK_NEAR(pg->ops[0].u.image.box.w, 120, 1e-9);
        CHECK_NEAR(pg->ops[0].u.image.box.h, 80, 1e-9);
        CHECK_NEAR(pg->ops[0].u.image.box.x, st.margin_left + (pr_layout_frame(L).w - 120) / 2, 1e-9);
        CHECK(pg->ops[0].u.image.pixels != NULL);
        CHECK_INT(pg->ops[1].kind, PR_OP_RECT);   /* placeholders for the missing */
        CHECK_INT(pg->ops[2].kind, PR_OP_RECT);   /* and the truncated file */
    }
    pr_layout_free(L);
    pr_fontset_free(&fs);
    pr_images_free();
}


/* ---- structure ----------------------------------------------------------------- */

TEST(structure_nodes)
{
    pr_doc *doc = pr_doc_new();
    int pg = pr_doc_add_page(doc, 100, 100, PR_PAGE_CONTENT);
    CHECK_INT(doc->n_nodes, 1);
    CHECK_INT(doc->nodes[0].tag, PR_TAG_DOCUMENT);
    CHECK_INT(pr_doc_node_current(doc), 0);
    CHECK_STR(pr_tag_name(PR_TAG_LBODY), "LBody");
    CHECK_STR(pr_tag_name(PR_TAG_H2), "H2");
    int sect = pr_doc_node_open(doc, PR_TAG_SECT);
    int h = pr_doc_node_open(doc, PR_TAG_H1);
    pr_doc_text(doc, pg, 0, 10, 0, 10, 10, "Titre");
    pr_doc_node_close(doc, h);
    CHECK_INT(pr_doc_node_current(doc), sect);
    int p = pr_doc_node_open(doc, PR_TAG_P);
    pr_doc_text(doc, pg, 0, 10, 0, 10, 30, "Texte");
    pr_doc_artifact_begin(doc);
    pr_paint f = pr_paint_fill(0xEEEEEE);
    pr_doc_rect(doc, pg, (pr_box){0, 0, 5, 5}, 0, &f);
    pr_doc_artifact_end(doc);
    pr_doc_text(doc, pg, 0, 10, 0, 10, 40, "suite");
    /* closing an ancestor closes what is open in it */
    pr_doc_node_close(doc, sect);
    CHECK_INT(pr_doc_node_current(doc), 0);
    const pr_page *pp = pr_doc_page(doc, pg);
    CHECK_INT(pp->ops[0].node, h);
    CHECK_INT(pp->ops[1].node, p);
    CHECK_INT(pp->ops[2].node, PR_NODE_ARTIFACT);
    CHECK_INT(pp->ops[3].node, p);
    CHECK_INT(doc->nodes[h].parent, sect);
    CHECK_INT(doc->nodes[p].parent, sect);
    CHECK_INT(doc->nodes[sect].parent, 0);
    /* sequence numbers: nodes and operations in the order they were made */
    CHECK(doc->nodes[sect].seq < doc->nodes[h].seq);
    CHECK(doc->nodes[h].seq < pp->ops[0].seq);
    CHECK(pp->ops[0].seq < doc->nodes[p].seq);
    CHECK(pp->ops[1].seq < pp->ops[3].seq);
    CHECK(pr_doc_node_within(doc, h, sect));
    CHECK(!pr_doc_node_within(doc, sect, h));
    /* entering a node again (the rest of a paragraph, a label) */
    int prev = pr_doc_node_enter(doc, h);
    pr_doc_text(doc, pg, 0, 10, 0, 10, 50, "fin du titre");
    pr_doc_node_leave(doc, prev);
    CHECK_INT(pr_doc_node_current(doc), 0);
    CHECK_INT(pr_doc_page(doc, pg)->ops[4].node, h);
    pr_doc_node_alt(doc, h, "alt");
    pr_doc_node_lang(doc, h, "en-GB");
    pr_doc_node_role(doc, p, "Chapeau");
    pr_doc_node_scope(doc, p, PR_SCOPE_ROW);
    CHECK_STR(doc->nodes[h].alt, "alt");
    CHECK_STR(doc->nodes[h].lang, "en-GB");
    CHECK_STR(doc->nodes[p].role, "Chapeau");
    CHECK_INT(doc->nodes[p].scope, PR_SCOPE_ROW);
    pr_doc_free(doc);
}

TEST(structure_kept_through_moves)
{
    pr_doc *doc = pr_doc_new();
    int a = pr_doc_add_page(doc, 100, 100, PR_PAGE_CONTENT);
    int b = pr_doc_add_page(doc, 100, 100, PR_PAGE_CONTENT);
    int p = pr_doc_node_open(doc, PR_TAG_P);
    pr_doc_text(doc, a, 0, 10, 0, 3, 50, "ligne 1");
    pr_doc_text(doc, a, 0, 10, 0, 3, 60, "ligne 2");
    pr_doc_node_close(doc, p);
    uint32_t seq = pr_doc_page(doc, a)->ops[1].seq;
    /* the second line goes to the next page: same node, same order */
    pr_doc_move_ops(doc, a, 1, b, 0, -40);
    CHECK_INT(pr_doc_page(doc, b)->ops[0].node, p);
    CHECK_INT(pr_doc_page(doc, b)->ops[0].seq, seq);
    pr_doc_free(doc);
}

/* The bytes of a rendering of doc (malloc'd), or NULL. */
static unsigned char *render(pr_doc *doc, size_t *len)
{
    pr_diags d;
    pr_diags_init(&d);
    unsigned char *pdf = NULL;
    *len = 0;
    int rc = pr_pdf_render(doc, &pdf, len, &d);
    CHECK_INT(rc, 0);
    CHECK_INT(d.n, 0);
    pr_diags_free(&d);
    return pdf;
}

TEST(render_tagged)
{
    pr_doc *doc = pr_doc_new();
    int pg = pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_CONTENT);
    int reg = pr_doc_font(doc, LATO_REG);
    int sect = pr_doc_node_open(doc, PR_TAG_SECT);
    int h = pr_doc_node_open(doc, PR_TAG_H1);
    pr_doc_text(doc, pg, reg, 20, 0, 60, 80, "Titre");
    pr_doc_node_close(doc, h);
    int para = pr_doc_node_open(doc, PR_TAG_P);
    pr_doc_node_role(doc, para, "Chapeau");
    pr_doc_text(doc, pg, reg, 10, 0, 60, 100, "Voir");
    int link = pr_doc_node_open(doc, PR_TAG_LINK);
    pr_doc_text(doc, pg, reg, 10, 0, 90, 100, "le site");
    pr_doc_link_uri(doc, pg, (pr_box){90, 90, 40, 12}, "https://example.org", "Le site");
    pr_doc_node_close(doc, link);
    pr_doc_node_close(doc, para);
    int fig = pr_doc_node_open(doc, PR_TAG_FIGURE);
    pr_doc_node_alt(doc, fig, "Carte : été");
    pr_paint f = pr_paint_fill(0x336699);
    pr_doc_rect(doc, pg, (pr_box){60, 120, 100, 60}, 0, &f);
    pr_doc_node_close(doc, fig);
    int th = pr_doc_node_open(doc, PR_TAG_TH);
    pr_doc_node_scope(doc, th, PR_SCOPE_COLUMN);
    pr_doc_text(doc, pg, reg, 10, 0, 60, 200, "Colonne");
    pr_doc_node_close(doc, th);
    pr_doc_node_open(doc, PR_TAG_P);   /* empty: left out */
    pr_doc_node_close(doc, sect);
    pr_doc_artifact_begin(doc);
    pr_doc_text(doc, pg, reg, 8, 0, 500, 820, "1 / 1");
    pr_doc_artifact_end(doc);
    size_t len;
    unsigned char *pdf = render(doc, &len);
    CHECK(pdf != NULL);
    if (pdf) {
        static const char *const want[] = {
            "/StructTreeRoot", "/S /Document", "/S /Sect", "/S /H1", "/S /Chapeau",
            "/RoleMap <<\n/Chapeau /P\n>>", "/S /Link", "/Type /OBJR", "/S /Figure",
            "/Alt <FEFF004300610072007400650020003A002000E9007400E9>",
            "/A <</O /Table /Scope /Column>>", "/ParentTree", "/StructParents 0",
            "/StructParent 1", "/Tabs /S", "/F 4", "/Contents <FEFF", "/MarkInfo",
            "/Marked true", "/Lang (fr-FR)", "/DisplayDocTitle true", "/Type /Metadata",
            "<pdfuaid:part>1</pdfuaid:part>", "/S /GTS_PDFA1", "/DestOutputProfile", "/CIDSet",
            "/CapHeight"};
        for (size_t i = 0; i < sizeof want / sizeof *want; i++)
            if (!find_bytes(pdf, len, want[i], strlen(want[i])))
                UNIT_FAIL("« %s » absent du PDF", want[i]);
        /* the elements with content, no empty P: Document, Sect, H1,
         * Chapeau, Link, Figure, TH; and the output intent's and the
         * link action's /S */
        int n = 0;
        for (const unsigned char *q = pdf; (q = find_bytes(q, len - (size_t)(q - pdf), "/S /", 4)); q++)
            n++;
        CHECK_INT(n, 7 + 2);
    }
    free(pdf);
    pr_doc_free(doc);
}

/* ---- shared shapes ---------------------------------------------------------------- */

/* An L-shaped outline of 10 segments at (x, y), scaled by s. */
static void l_shape(pr_path *p, double x, double y, double s)
{
    pr_path_reset(p);
    static const double pts[][2] = {{0, 0}, {10, 0}, {10, 3}, {4, 3}, {4, 9}, {2, 12}, {0, 9}};
    pr_path_move(p, x, y);
    for (size_t i = 1; i < sizeof pts / sizeof *pts; i++)
        pr_path_line(p, x + s * pts[i][0], y + s * pts[i][1]);
    pr_path_curve(p, x, y + s * 6, x, y + s * 3, x, y);
    pr_path_close(p);
}

TEST(shared_paths)
{
    pr_doc *doc = pr_doc_new();
    int a = pr_doc_add_page(doc, 500, 500, PR_PAGE_CONTENT);
    int b = pr_doc_add_page(doc, 500, 500, PR_PAGE_CONTENT);
    pr_path p = {0};
    pr_paint red = pr_paint_fill(0xFF0000), blue = pr_paint_fill(0x0000FF);
    blue.stroke = 0xFFFFFF;
    blue.line_width = 0.5;
    l_shape(&p, 10.123, 20.456, 1);
    pr_doc_path(doc, a, &p, PR_FILL_EVENODD, &red);
    l_shape(&p, 200, 300, 2.5);                        /* the same, scaled */
    pr_doc_path(doc, b, &p, PR_FILL_EVENODD, &blue);
    l_shape(&p, 50, 50, 1);
    p.segs[3].x += 0.01;                               /* another outline */
    pr_doc_path(doc, a, &p, PR_FILL_EVENODD, &red);
    l_shape(&p, 60, 60, 1);
    pr_doc_path(doc, a, &p, PR_FILL_NONZERO, &red);    /* another fill rule */
    pr_path_free(&p);
    CHECK_INT(pr_doc_share_paths(doc, 100), 0);        /* too short to share */
    CHECK_INT(pr_doc_share_paths(doc, 8), 2);
    CHECK_INT(doc->n_shapes, 1);
    const pr_op *o1 = &pr_doc_page(doc, a)->ops[0], *o2 = &pr_doc_page(doc, b)->ops[0];
    CHECK_INT(o1->kind, PR_OP_SHAPE);
    CHECK_INT(o2->kind, PR_OP_SHAPE);
    CHECK_INT(pr_doc_page(doc, a)->ops[1].kind, PR_OP_PATH);
    CHECK_INT(pr_doc_page(doc, a)->ops[2].kind, PR_OP_PATH);
    CHECK_NEAR(o1->u.shape.scale, 1, 1e-9);
    CHECK_NEAR(o2->u.shape.scale, 2.5, 1e-9);
    CHECK_INT(o2->u.shape.paint.fill, 0x0000FF);
    CHECK_INT(o2->u.shape.paint.stroke, 0xFFFFFF);
    /* placed where the paths were: the shape's points land on theirs; the
     * first use on a hundredth of a point */
    const pr_shape *sh = &doc->shapes[0];
    CHECK_NEAR(o1->u.shape.x + sh->segs[1].x, 20.123, 1e-9);
    CHECK_NEAR(o2->u.shape.x + 2.5 * sh->segs[1].x, 225, 1e-9);
    CHECK_NEAR(o2->u.shape.y + 2.5 * sh->segs[4].y, 322.5, 1e-9);
    CHECK_NEAR(o1->u.shape.x, 10.12, 1e-12);
    /* moved with its block */
    pr_doc_move_ops(doc, b, 0, b, 5, 7);
    CHECK_NEAR(pr_doc_page(doc, b)->ops[0].u.shape.x, o2->u.shape.x, 1e-12);
    /* written once, as a form drawn twice */
    size_t len;
    unsigned char *pdf = render(doc, &len);
    int forms = 0, uses = 0;
    for (const unsigned char *q = pdf; q && (q = find_bytes(q, len - (size_t)(q - pdf), "/Subtype /Form", 14)); q++)
        forms++;
    for (const unsigned char *q = pdf; q && (q = find_bytes(q, len - (size_t)(q - pdf), "/XObject <<", 11)); q++)
        uses++;
    CHECK_INT(forms, 2);   /* filled (f*), and filled and stroked (B*) */
    CHECK_INT(uses, 2);
    free(pdf);
    pr_doc_free(doc);
}

/* ---- colours ------------------------------------------------------------------------ */

TEST(backdrop_and_blend)
{
    CHECK_INT(pr_rgb_blend(0x000000, 0xFFFFFF, 0.5), 0x808080);
    CHECK_INT(pr_rgb_blend(0x0000FF, 0xFF0000, 1), 0x0000FF);
    CHECK_INT(pr_rgb_blend(0x0000FF, 0xFF0000, 0), 0xFF0000);
    pr_doc *doc = pr_doc_new();
    int pg = pr_doc_add_page(doc, 200, 200, PR_PAGE_CONTENT);
    pr_paint blue = pr_paint_fill(0x000091), red = pr_paint_fill(0xE1000F);
    pr_doc_rect(doc, pg, (pr_box){0, 0, 100, 100}, 0, &blue);            /* 0 */
    pr_doc_clip(doc, pg, (pr_box){0, 0, 50, 200}, 0);                     /* 1 */
    pr_doc_rect(doc, pg, (pr_box){0, 0, 200, 200}, 0, &red);              /* 2: clipped */
    pr_doc_unclip(doc, pg);                                               /* 3 */
    pr_paint half = pr_paint_fill(0xFFFFFF);
    half.opacity = 0.5;
    pr_doc_circle(doc, pg, 150, 150, 20, &half);                          /* 4 */
    pr_path p = {0};   /* a square with a square hole */
    pr_path_move(&p, 110, 10); pr_path_line(&p, 190, 10); pr_path_line(&p, 190, 90);
    pr_path_line(&p, 110, 90); pr_path_close(&p);
    pr_path_move(&p, 130, 30); pr_path_line(&p, 170, 30); pr_path_line(&p, 170, 70);
    pr_path_line(&p, 130, 70); pr_path_close(&p);
    pr_doc_path(doc, pg, &p, PR_FILL_EVENODD, &red);                      /* 5 */
    pr_path_free(&p);
    CHECK_INT(pr_doc_backdrop(doc, pg, 0, 10, 10), 0xFFFFFF);             /* the page */
    CHECK_INT(pr_doc_backdrop(doc, pg, 1, 10, 10), 0x000091);
    CHECK_INT(pr_doc_backdrop(doc, pg, 4, 10, 10), 0xE1000F);             /* in the clip */
    CHECK_INT(pr_doc_backdrop(doc, pg, 4, 75, 10), 0x000091);             /* outside it */
    CHECK_INT(pr_doc_backdrop(doc, pg, 4, 150, 150), 0xFFFFFF);
    CHECK_INT(pr_doc_backdrop(doc, pg, 6, 75, 150), 0xFFFFFF);
    CHECK_INT(pr_doc_backdrop(doc, pg, 6, 115, 15), 0xE1000F);            /* the ring */
    CHECK_INT(pr_doc_backdrop(doc, pg, 6, 150, 50), 0xFFFFFF);            /* its hole */
    pr_paint gray = pr_paint_fill(0x000000);
    gray.opacity = 0.5;
    pr_doc_rect(doc, pg, (pr_box){0, 150, 40, 40}, 0, &gray);             /* 6 */
    /* half black over the clipped red: composited */
    CHECK_INT(pr_doc_backdrop(doc, pg, 7, 20, 170), PR_RGB(0x71, 0x00, 0x08));   /* 225 / 2 rounded up */
    pr_doc_free(doc);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--sample")) {
        pr_doc *doc = sample_doc();
        pr_diags d;
        pr_diags_init(&d);
        int rc = pr_pdf_write(doc, argv[2], &d);
        pr_diags_print(&d, stderr);
        pr_diags_free(&d);
        pr_doc_free(doc);
        return rc ? 1 : 0;
    }
    RUN(ops_recorded);
    RUN(move_and_truncate);
    RUN(render_deterministic);
    RUN(render_errors_become_diagnostics);
    RUN(render_write_file);
    RUN(images_png_and_jpeg);
    RUN(structure_nodes);
    RUN(structure_kept_through_moves);
    RUN(render_tagged);
    RUN(shared_paths);
    RUN(backdrop_and_blend);
    return UNIT_DONE();
}
