/* test_pdf_content.c — the project's content stream writer: the number
 * formats (reals at single precision with 5 decimals, path coordinates to
 * the hundredth), the exact bytes of each operator, and the order checks
 * (a misplaced operator is reported, not written silently). */
#include <math.h>
#include <stdlib.h>

#include "pdf/pdf_content.h"
#include "unit.h"

/* v as pr_pdf_put_real writes it (static buffer). */
static const char *real(double v)
{
    static char buf[32];
    char *e = pr_pdf_put_real(buf, v);
    *e = '\0';
    return buf;
}

/* v as pr_pdf_put_hundredth writes it (static buffer). */
static const char *hundredth(double v)
{
    static char buf[32];
    char *e = pr_pdf_put_hundredth(buf, v);
    *e = '\0';
    return buf;
}

TEST(reals)
{
    CHECK_STR(real(0), "0");
    CHECK_STR(real(1), "1");
    CHECK_STR(real(-12), "-12");
    CHECK_STR(real(0.35), "0.35");
    CHECK_STR(real(12.5), "12.5");
    CHECK_STR(real(51 / 255.0), "0.2");
    CHECK_STR(real(128 / 255.0), "0.50196");
    /* single precision first: 538.5826771… is the float 538.58270263… */
    CHECK_STR(real(595.2755906 - 56.6929135), "538.5827");
    CHECK_STR(real(841.889771), "841.88977");
    /* rounded half away from zero, after the float (which holds 0.000005
     * as 0.0000049999998…) */
    CHECK_STR(real(0.0000051), "0.00001");
    CHECK_STR(real(-0.0000051), "-0.00001");
    CHECK_STR(real(0.000005), "0");
    CHECK_STR(real(1.000015), "1.00002");
    CHECK_STR(real(153.675705), "153.6757");   /* the float is 153.67570495… */
    /* never "-0" */
    CHECK_STR(real(-0.000001), "0");
    CHECK_STR(real(-1e-9), "0");
    /* clamped to ±32767, NaN as 0 */
    CHECK_STR(real(40000), "32767");
    CHECK_STR(real(-1e300), "-32767");
    CHECK_STR(real(INFINITY), "32767");
    CHECK_STR(real(NAN), "0");
    CHECK_STR(real(32766.99999), "32767");
}

TEST(hundredths)
{
    /* the path coordinates of earlier reports: rounded half away from
     * zero from the double, no trailing zeros, never "-0", clamped */
    CHECK_STR(hundredth(12.5), "12.5");
    CHECK_STR(hundredth(0.999996), "1");
    CHECK_STR(hundredth(-3.25), "-3.25");
    CHECK_STR(hundredth(2.675), "2.68");
    CHECK_STR(hundredth(543.895263), "543.9");
    CHECK_STR(hundredth(841.889771), "841.89");
    CHECK_STR(hundredth(-0.004), "0");
    CHECK_STR(hundredth(-0.005), "-0.01");
    CHECK_STR(hundredth(40000), "32767");
    CHECK_STR(hundredth(-40000), "-32767");
    CHECK_STR(hundredth(7.1), "7.1");
    CHECK_STR(hundredth(NAN), "0");
}

TEST(operators)
{
    pr_pdf_content w;
    pr_pdf_content_init(&w);
    pr_pdf_save(&w);
    pr_pdf_ext_gstate(&w, "E1");
    pr_pdf_dash(&w, 3, 2, 0);
    pr_pdf_line_cap(&w, PR_PDF_ROUND_CAP);
    pr_pdf_line_join(&w, PR_PDF_ROUND_JOIN);
    pr_pdf_fill_rgb(&w, 1, 0.5, 0);
    pr_pdf_stroke_rgb(&w, 0, 0, 1);
    pr_pdf_line_width(&w, 0.35);
    pr_pdf_move(&w, 10, 20.25);
    pr_pdf_line(&w, 30, 40);
    pr_pdf_curve(&w, 1, 2, 3, 4, 5, 6);
    pr_pdf_close(&w);
    pr_pdf_paint(&w, PR_PDF_EOFILL_STROKE);
    pr_pdf_restore(&w);
    pr_pdf_set_coords(&w, PR_PDF_HUNDREDTHS);
    pr_pdf_rect(&w, 0.123, 1.456, 100, 50.005);
    pr_pdf_clip(&w, 0);
    pr_pdf_paint(&w, PR_PDF_NO_PAINT);
    pr_pdf_set_coords(&w, PR_PDF_REALS);
    pr_pdf_save(&w);
    pr_pdf_concat(&w, 200, 0, 0, 100, 50, 60);
    pr_pdf_xobject(&w, "X1");
    pr_pdf_restore(&w);
    pr_pdf_begin_text(&w);
    pr_pdf_font(&w, "F2", 10.5);
    pr_pdf_char_spacing(&w, 0.2);
    pr_pdf_text_matrix(&w, 1, 0, 0, 1, 72, 700.5);
    static const uint16_t codes[] = {'B', 'o', 0xE9, 0x2019, 0xFFFF};
    pr_pdf_show(&w, codes, 5);
    pr_pdf_end_text(&w);
    CHECK_INT(pr_pdf_content_finish(&w), 0);
    CHECK(w.misuse == NULL);
    CHECK_STR(w.out.data,
              "q\n/E1 gs\n[3 2] 0 d\n1 J\n1 j\n1 0.5 0 rg\n0 0 1 RG\n0.35 w\n"
              "10 20.25 m\n30 40 l\n1 2 3 4 5 6 c\nh\nB*\nQ\n"
              "0.12 1.46 100 50.01 re\nW\nn\n"
              "q\n200 0 0 100 50 60 cm\n/X1 Do\nQ\n"
              "BT\n/F2 10.5 Tf\n0.2 Tc\n1 0 0 1 72 700.5 Tm\n<0042006F00E92019FFFF> Tj\nET\n");
    pr_pdf_content_free(&w);
}

TEST(paint_operators)
{
    static const char *const expect[] = {"f", "f*", "S", "B", "B*", "n"};
    for (int op = PR_PDF_FILL; op <= PR_PDF_NO_PAINT; op++) {
        pr_pdf_content w;
        pr_pdf_content_init(&w);
        pr_pdf_rect(&w, 0, 0, 1, 1);
        pr_pdf_paint(&w, (pr_pdf_paint_op)op);
        char want[32];
        snprintf(want, sizeof want, "0 0 1 1 re\n%s\n", expect[op]);
        CHECK_STR(w.out.data, want);
        CHECK_INT(pr_pdf_content_finish(&w), 0);
        pr_pdf_content_free(&w);
    }
}

TEST(circle)
{
    /* libharu's HPDF_Page_Circle(page, 100, 200, 10) wrote these bytes */
    pr_pdf_content w;
    pr_pdf_content_init(&w);
    pr_pdf_set_coords(&w, PR_PDF_HUNDREDTHS);   /* circles are always reals */
    pr_pdf_circle(&w, 100, 200, 10);
    pr_pdf_paint(&w, PR_PDF_FILL);
    CHECK_STR(w.out.data, "90 200 m\n90 205.52 94.48 210 100 210 c\n"
                          "105.52 210 110 205.52 110 200 c\n110 194.48 105.52 190 100 190 c\n"
                          "94.48 190 90 194.48 90 200 c\nf\n");
    CHECK_INT(w.coords, PR_PDF_HUNDREDTHS);
    CHECK_INT(pr_pdf_content_finish(&w), 0);
    pr_pdf_content_free(&w);
}

TEST(long_text)
{
    /* more codes than one chunk of the writer */
    uint16_t codes[300];
    for (int i = 0; i < 300; i++)
        codes[i] = (uint16_t)(0x41 + i % 26);
    pr_pdf_content w;
    pr_pdf_content_init(&w);
    pr_pdf_begin_text(&w);
    pr_pdf_show(&w, codes, 300);
    pr_pdf_end_text(&w);
    CHECK_INT(w.out.len, 3 + 1 + 4 * 300 + 5 + 3);
    CHECK(!strncmp(w.out.data + 3 + 1 + 4 * 299, "004E> Tj\n", 9));   /* 299 % 26 = 13: 'N' */
    CHECK(!strncmp(w.out.data + 3 + 1 + 4 * 298, "004D", 4));
    pr_pdf_content_free(&w);
}

/* Kerned and spaced text: a TJ array, a number after each code that has
 * an adjustment, codes without one kept in one string; none at all: Tj. */
TEST(adjusted_text)
{
    pr_pdf_content w;
    pr_pdf_content_init(&w);
    pr_pdf_begin_text(&w);
    static const uint16_t codes[] = {'T', 'e', 'r', ' ', 'a'};
    double adj[] = {122, 0, 0, -84.798421, 0};
    pr_pdf_show_adjusted(&w, codes, adj, 5);
    double zero[] = {0, 0, 0, 0, 0};
    pr_pdf_show_adjusted(&w, codes, zero, 5);
    double last[] = {0, 0, 0, 0, -10};   /* after the last code: kept */
    pr_pdf_show_adjusted(&w, codes, last, 5);
    pr_pdf_end_text(&w);
    CHECK_INT(pr_pdf_content_finish(&w), 0);
    CHECK_STR(w.out.data, "BT\n[<0054>122<006500720020>-84.79842<0061>] TJ\n"
                          "<00540065007200200061> Tj\n"
                          "[<00540065007200200061>-10] TJ\nET\n");
    pr_pdf_content_free(&w);
    /* outside a text object: recorded as misplaced */
    pr_pdf_content_init(&w);
    pr_pdf_show_adjusted(&w, codes, adj, 5);
    CHECK_STR(w.misuse, "TJ");
    pr_pdf_content_free(&w);
}

TEST(marked_content)
{
    pr_pdf_content w;
    pr_pdf_content_init(&w);
    pr_pdf_begin_tagged(&w, "P", 0);
    pr_pdf_begin_text(&w);
    pr_pdf_end_text(&w);
    pr_pdf_end_marked(&w);
    pr_pdf_begin_artifact(&w);
    pr_pdf_save(&w);
    pr_pdf_restore(&w);
    pr_pdf_end_marked(&w);
    pr_pdf_save(&w);
    pr_pdf_begin_tagged(&w, "LBody", 12);
    pr_pdf_end_marked(&w);
    pr_pdf_restore(&w);
    CHECK_INT(pr_pdf_content_finish(&w), 0);
    pr_sb_putc(&w.out, '\0');
    CHECK_STR(w.out.data, "/P <</MCID 0>> BDC\nBT\nET\nEMC\n/Artifact BMC\nq\nQ\nEMC\n"
                          "q\n/LBody <</MCID 12>> BDC\nEMC\nQ\n");
    pr_pdf_content_free(&w);
}

/* The misuse a sequence of operators leaves ("" when none), after finish. */
static const char *misuse_of(void (*seq)(pr_pdf_content *))
{
    static char buf[64];
    pr_pdf_content w;
    pr_pdf_content_init(&w);
    seq(&w);
    pr_pdf_content_finish(&w);
    snprintf(buf, sizeof buf, "%s", w.misuse ? w.misuse : "");
    pr_pdf_content_free(&w);
    return buf;
}

static void line_first(pr_pdf_content *w) { pr_pdf_line(w, 1, 1); }
static void show_outside(pr_pdf_content *w) { uint16_t c = 'a'; pr_pdf_show(w, &c, 1); }
static void restore_alone(pr_pdf_content *w) { pr_pdf_restore(w); }
static void save_alone(pr_pdf_content *w) { pr_pdf_save(w); }
static void text_open(pr_pdf_content *w) { pr_pdf_begin_text(w); }
static void path_open(pr_pdf_content *w) { pr_pdf_move(w, 0, 0); }
static void save_in_text(pr_pdf_content *w)
{
    pr_pdf_begin_text(w);
    pr_pdf_save(w);
    pr_pdf_restore(w);
    pr_pdf_end_text(w);
}
static void colour_in_path(pr_pdf_content *w)
{
    pr_pdf_move(w, 0, 0);
    pr_pdf_fill_rgb(w, 1, 0, 0);
    pr_pdf_paint(w, PR_PDF_FILL);
}
static void paint_alone(pr_pdf_content *w) { pr_pdf_paint(w, PR_PDF_FILL); }
static void clip_then_line(pr_pdf_content *w)
{
    pr_pdf_rect(w, 0, 0, 1, 1);
    pr_pdf_clip(w, 0);
    pr_pdf_line(w, 2, 2);
    pr_pdf_paint(w, PR_PDF_NO_PAINT);
}
static void matrix_outside(pr_pdf_content *w) { pr_pdf_text_matrix(w, 1, 0, 0, 1, 0, 0); }
static void image_in_text(pr_pdf_content *w)
{
    pr_pdf_begin_text(w);
    pr_pdf_xobject(w, "X1");
    pr_pdf_end_text(w);
}
static void bad_name(pr_pdf_content *w) { pr_pdf_ext_gstate(w, "E 1"); }
static void tag_in_text(pr_pdf_content *w)
{
    pr_pdf_begin_text(w);
    pr_pdf_begin_tagged(w, "P", 0);
    pr_pdf_end_marked(w);
    pr_pdf_end_text(w);
}
static void tag_in_artifact(pr_pdf_content *w)
{
    pr_pdf_begin_artifact(w);
    pr_pdf_begin_tagged(w, "P", 0);
    pr_pdf_end_marked(w);
    pr_pdf_end_marked(w);
}
static void end_alone(pr_pdf_content *w) { pr_pdf_end_marked(w); }
static void tag_open(pr_pdf_content *w) { pr_pdf_begin_tagged(w, "P", 1); }
static void tag_across_q(pr_pdf_content *w)
{
    pr_pdf_save(w);
    pr_pdf_begin_tagged(w, "P", 1);
    pr_pdf_restore(w);
    pr_pdf_end_marked(w);
}
static void tag_ends_in_q(pr_pdf_content *w)
{
    pr_pdf_begin_artifact(w);
    pr_pdf_save(w);
    pr_pdf_end_marked(w);
    pr_pdf_restore(w);
}
static void negative_mcid(pr_pdf_content *w)
{
    pr_pdf_begin_tagged(w, "P", -1);
    pr_pdf_end_marked(w);
}
static void bad_tag(pr_pdf_content *w)
{
    pr_pdf_begin_tagged(w, "P /X", 0);
    pr_pdf_end_marked(w);
}
static void fine(pr_pdf_content *w)
{
    pr_pdf_font(w, "F1", 12);   /* text state at page level is allowed */
    pr_pdf_begin_text(w);
    pr_pdf_fill_rgb(w, 0, 0, 0);
    pr_pdf_ext_gstate(w, "E1");
    pr_pdf_end_text(w);
}

TEST(order_checks)
{
    CHECK_STR(misuse_of(line_first), "l");
    CHECK_STR(misuse_of(show_outside), "Tj");
    CHECK_STR(misuse_of(restore_alone), "Q without q");
    CHECK_STR(misuse_of(save_alone), "q without Q");
    CHECK_STR(misuse_of(text_open), "BT without ET");
    CHECK_STR(misuse_of(path_open), "path not painted");
    CHECK_STR(misuse_of(save_in_text), "q");
    CHECK_STR(misuse_of(colour_in_path), "rg");
    CHECK_STR(misuse_of(paint_alone), "path painting operator");
    CHECK_STR(misuse_of(clip_then_line), "l");
    CHECK_STR(misuse_of(matrix_outside), "Tm");
    CHECK_STR(misuse_of(image_in_text), "Do");
    CHECK_STR(misuse_of(bad_name), "resource name");
    CHECK_STR(misuse_of(tag_in_text), "BDC");
    CHECK_STR(misuse_of(tag_in_artifact), "nested marked-content sequence");
    CHECK_STR(misuse_of(end_alone), "EMC without BDC");
    CHECK_STR(misuse_of(tag_open), "BDC without EMC");
    CHECK_STR(misuse_of(tag_across_q), "Q inside a marked-content sequence begun outside its q");
    CHECK_STR(misuse_of(tag_ends_in_q), "EMC at another q depth than its BDC");
    CHECK_STR(misuse_of(negative_mcid), "negative MCID");
    CHECK_STR(misuse_of(bad_tag), "resource name");
    CHECK_STR(misuse_of(fine), "");
}

int main(void)
{
    RUN(reals);
    RUN(hundredths);
    RUN(operators);
    RUN(paint_operators);
    RUN(circle);
    RUN(long_text);
    RUN(adjusted_text);
    RUN(marked_content);
    RUN(order_checks);
    return UNIT_DONE();
}
