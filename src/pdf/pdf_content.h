/* pdf_content.h — the PDF backend's own writer of content streams: the
 * operators that draw a page (ISO 32000-1, 8.2 to 9.4), written into a
 * growable buffer. It knows no PDF library: render_pdf.c compresses the
 * bytes and hands them to libharu as a page's /Contents (hpdf_private.h).
 * Resource names (fonts /F1, images /X1, graphics states /E1) are chosen by
 * the caller, which also registers them in the page's /Resources.
 *
 * Numbers. A real (pr_pdf_put_real) is taken at single precision (a
 * 32-bit float: 24 bits, finer than anything a reader draws; libharu's
 * reals were floats, so the numbers, and the pages, stay what they were),
 * then written with at most 5 decimals, rounded half away from zero, no
 * trailing zeros, never "-0", clamped to ±32767 (the largest real PDF 1.4
 * and PDF/A-1 allow; NaN is written as 0). Path construction operators
 * (m, l, c, re) can instead write their coordinates to the hundredth of a
 * point, from the double (pr_pdf_put_hundredth, pr_pdf_set_coords): long
 * paths such as the maps' outlines get shorter, and 0.0035 mm is finer
 * than print. Every operator ends with a line feed: "0.2 0.4 0.6 rg\n".
 *
 * Operator order: the writer checks the rules of ISO 32000-1, figure 9 that
 * a reader relies on: a path starts with m or re, may be marked as a clip
 * (W, W*), and ends with a painting operator (or n); text positioning and
 * showing only between BT and ET; q, Q, cm, Do and BT only at page level;
 * q/Q balanced and no object left open at the end. The first violation is
 * kept in `misuse` (English, naming the operator) and the bytes are written
 * anyway: the caller checks pr_pdf_content_finish() and reports it as an
 * internal error. Operators that later work needs belong in this file,
 * checked the same way.
 *
 * Marked content (ISO 32000-1, 14.6 and 14.7.4, as tagged PDF and PDF/UA
 * use it): a sequence of real content tagged with its structure type and
 * a marked-content identifier (/P <</MCID 3>> BDC … EMC), or an artifact
 * (/Artifact BMC … EMC). The writer checks that sequences begin and end at
 * page level (outside paths and text objects), never nest (no tagged
 * content inside an artifact or inside other tagged content: PDF/UA,
 * Matterhorn 01-003 and 01-004), end at the q/Q depth where they began,
 * and are all closed at the end; MCIDs are not negative.
 *
 * Ownership: the writer owns `out`; pr_pdf_content_free() frees it, or the
 * caller takes it with pr_sb_steal(&w->out). */
#ifndef PR_PDF_CONTENT_H
#define PR_PDF_CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* Where the stream is: at page level, inside a path (after m or re), after
 * a clip operator (W) that waits for the painting one, inside BT … ET. */
typedef enum { PR_PDF_PAGE, PR_PDF_PATH, PR_PDF_CLIP, PR_PDF_TEXT } pr_pdf_mode;

/* How path construction operators write coordinates. */
typedef enum { PR_PDF_REALS, PR_PDF_HUNDREDTHS } pr_pdf_coords;

typedef struct pr_pdf_content {
    pr_strbuf out;          /* the operators written so far */
    pr_pdf_coords coords;   /* PR_PDF_REALS unless set */
    pr_pdf_mode mode;
    int q_depth;            /* q not yet closed by Q */
    int marked;             /* a marked-content sequence is open */
    int marked_q_depth;     /* q_depth where it began */
    const char *misuse;     /* first operator out of order, or NULL */
} pr_pdf_content;

/* How a path is painted: f, f*, S, B, B*, or n (not painted). */
typedef enum {
    PR_PDF_FILL,
    PR_PDF_EOFILL,
    PR_PDF_STROKE,
    PR_PDF_FILL_STROKE,
    PR_PDF_EOFILL_STROKE,
    PR_PDF_NO_PAINT
} pr_pdf_paint_op;

/* Line caps and joins (J, j). */
enum { PR_PDF_BUTT_CAP = 0, PR_PDF_ROUND_CAP = 1 };
enum { PR_PDF_MITER_JOIN = 0, PR_PDF_ROUND_JOIN = 1 };

/* Append v to buf as a real, or rounded to the hundredth, as described
 * above; returns the new end (needs 16 bytes; nothing is NUL-terminated). */
char *pr_pdf_put_real(char *buf, double v);
char *pr_pdf_put_hundredth(char *buf, double v);

void pr_pdf_content_init(pr_pdf_content *w);
/* The stream is complete: checks that no path or text object is open and
 * that q/Q are balanced. Returns 0, or -1 with w->misuse set (also when an
 * earlier operator was out of order). */
int pr_pdf_content_finish(pr_pdf_content *w);
void pr_pdf_content_free(pr_pdf_content *w);

/* ---- graphics state ---------------------------------------------------- */
void pr_pdf_save(pr_pdf_content *w);                             /* q */
void pr_pdf_restore(pr_pdf_content *w);                          /* Q */
void pr_pdf_concat(pr_pdf_content *w, double a, double b, double c, double d,
                   double e, double f);                          /* cm */
void pr_pdf_line_width(pr_pdf_content *w, double width);         /* w */
void pr_pdf_line_cap(pr_pdf_content *w, int cap);                /* J */
void pr_pdf_line_join(pr_pdf_content *w, int join);              /* j */
/* A dash of `on` then `off` units, starting at `phase` (d). */
void pr_pdf_dash(pr_pdf_content *w, double on, double off, double phase);
/* The graphics state parameter dictionary /name of the page's resources. */
void pr_pdf_ext_gstate(pr_pdf_content *w, const char *name);    /* gs */
/* DeviceRGB colours, components from 0 to 1. */
void pr_pdf_fill_rgb(pr_pdf_content *w, double r, double g, double b);    /* rg */
void pr_pdf_stroke_rgb(pr_pdf_content *w, double r, double g, double b);  /* RG */

/* ---- paths ------------------------------------------------------------- */
/* How the next path construction operators write coordinates. */
void pr_pdf_set_coords(pr_pdf_content *w, pr_pdf_coords coords);
void pr_pdf_move(pr_pdf_content *w, double x, double y);         /* m */
void pr_pdf_line(pr_pdf_content *w, double x, double y);         /* l */
void pr_pdf_curve(pr_pdf_content *w, double x1, double y1, double x2, double y2,
                  double x3, double y3);                         /* c */
void pr_pdf_close(pr_pdf_content *w);                            /* h */
/* Rectangle with its lower left corner at (x, y) (re). */
void pr_pdf_rect(pr_pdf_content *w, double x, double y, double width, double height);
/* Circle of radius r around (cx, cy): a move to its leftmost point, then
 * four Bézier quarters through the top, right and bottom points, control
 * points at 0.552 r (not closed by h); always written as reals. */
void pr_pdf_circle(pr_pdf_content *w, double cx, double cy, double r);
/* Intersect the clip with the current path (W, W*): a painting operator
 * (usually PR_PDF_NO_PAINT) must follow. */
void pr_pdf_clip(pr_pdf_content *w, int even_odd);
/* End the path by painting it. */
void pr_pdf_paint(pr_pdf_content *w, pr_pdf_paint_op op);

/* ---- external objects -------------------------------------------------- */
void pr_pdf_xobject(pr_pdf_content *w, const char *name);        /* /X1 Do */

/* ---- marked content ---------------------------------------------------- */
/* Begin real content of structure type `tag` (a name such as "P", "H1",
 * "Link") with marked-content identifier `mcid`: /P <</MCID 3>> BDC. */
void pr_pdf_begin_tagged(pr_pdf_content *w, const char *tag, int mcid);
/* Begin an artifact: /Artifact BMC. */
void pr_pdf_begin_artifact(pr_pdf_content *w);
/* End the open sequence: EMC. */
void pr_pdf_end_marked(pr_pdf_content *w);

/* ---- text -------------------------------------------------------------- */
void pr_pdf_begin_text(pr_pdf_content *w);                       /* BT */
void pr_pdf_end_text(pr_pdf_content *w);                         /* ET */
void pr_pdf_font(pr_pdf_content *w, const char *name, double size);   /* Tf */
void pr_pdf_char_spacing(pr_pdf_content *w, double spacing);     /* Tc */
void pr_pdf_text_matrix(pr_pdf_content *w, double a, double b, double c, double d,
                        double e, double f);                     /* Tm */
/* Show codes[0..n) of a font with two-byte codes (Identity-H) as one hex
 * string: <0042006F> Tj. */
void pr_pdf_show(pr_pdf_content *w, const uint16_t *codes, size_t n);
/* The same with a position adjustment after each code (TJ, ISO 32000-1,
 * 9.4.3): adj[i], in thousandths of the text size, is subtracted from the
 * advance after codes[i] (negative: further apart; kerning pairs are
 * negative distances, so a kerned pair gets a positive number). Codes
 * whose adjustments are 0 stay in one string: [<0054>122<0065>] TJ.
 * Written as Tj when every adjustment is 0. */
void pr_pdf_show_adjusted(pr_pdf_content *w, const uint16_t *codes, const double *adj,
                          size_t n);

#endif
