/* render_pdf.c — display list (doc.h) to PDF with libharu 2.3.0.
 *
 * The only file that includes hpdf.h. One pass over the pages: every page is
 * created first (so internal links and outline entries can point forward),
 * then each page's operations are replayed in order. The display list uses a
 * top-left origin with y down; PDF uses bottom-left with y up, so every y
 * becomes (page height - y).
 *
 * Fonts: libharu 2.3.0 spends most of its time on every face it embeds
 * (a code-to-glyph map over all 65 536 BMP code points, each a linear
 * search of the font's cmap segments; compressing the whole font program).
 * So before drawing, the code points each face's text runs use are
 * collected, and libharu is handed a subset font holding only those glyphs
 * (font_subset.c), through an anonymous in-memory file (memfd): nothing is
 * written to disk. If a subset cannot be made or handed over, the face is
 * embedded from its original file as before (same text, bigger PDF); the
 * environment variable PR_PDF_FULL_FONTS=1 forces that (and keeps
 * libharu's full CIDToGIDMap), so tests can check that both ways give the
 * same text and the same pixels.
 *
 * libharu errors are caught by an error handler that records them; they are
 * turned into French diagnostics and the render fails cleanly. */
#define _GNU_SOURCE   /* memfd_create */
#include "pdf/render_pdf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <pthread.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include "pdf/font_subset.h"

/* Largest font file read for subsetting (as font.c accepts). */
#define FONT_MAX_BYTES (64u * 1024u * 1024u)
/* zlib level for the pages' content streams (0.8 MB on the 2023 report,
 * mostly the map pages' long paths): level 2 takes a quarter of the time
 * of libharu's fixed level 6 and 60 % of level 3's, for a PDF 20 % and
 * 5 % larger (measured: 12 / 47 / 19 ms; 339 / 300 / 322 KB). */
#define PAGE_DEFLATE_LEVEL 2
/* zlib level for the fonts' streams (font programs, maps): libharu's own,
 * now on the helper thread. */
#define FONT_DEFLATE_LEVEL 6
/* Words of a set of BMP code points (one bit each). */
#define CP_SET_WORDS (65536 / 32)

/* Kappa: control-point distance for a quarter circle of radius 1. */
#define KAPPA 0.5522847498

/* Graphics state we track to avoid redundant operators. */
typedef struct gstate {
    pr_rgb fill, stroke;
    double width;
} gstate;

typedef struct render_ctx {
    HPDF_Doc pdf;
    pr_diags *d;
    const pr_doc *doc;
    /* first libharu error not yet reported */
    HPDF_STATUS err, detail;
    const char *what;              /* what we were doing, for messages */
    int failed;
    HPDF_Font *fonts;              /* by face index, NULL until loaded */
    int *font_failed;
    uint32_t *cp_sets;             /* CP_SET_WORDS per face: code points drawn */
    int full_fonts;                /* PR_PDF_FULL_FONTS set: whole font files,
                                      untrimmed maps, for comparison */
    HPDF_Page *pages;
    /* images loaded so far */
    const char **img_paths;
    HPDF_Image *imgs;
    size_t n_imgs, cap_imgs;
    /* ExtGStates by opacity (percent), and for distinct fill and stroke
     * opacities */
    HPDF_ExtGState alpha[101];
    struct {
        int fill, stroke;
        HPDF_ExtGState state;
    } alpha2[16];
    size_t n_alpha2;
    /* current page state */
    HPDF_Page page;
    double ph;                     /* page height */
    gstate gs;
    gstate gs_stack[16];
    int gs_depth;
    int in_text;
    int text_font;
    double text_size, text_cs;
    pr_rgb text_color;
    /* what libharu writes to the page contents and to the output goes to
     * these buffers instead of its memory streams (see capture_write) */
    pr_strbuf *content;            /* by page */
    struct zqueue *zq;             /* compression on two threads */
    size_t *page_job;              /* by page: its job in zq */
    struct {
        HPDF_Dict dict;            /* a font's stream (FontFile2, CIDToGIDMap, ToUnicode) */
        unsigned char *raw;        /* its bytes, given to zq */
        size_t job;
    } font_jobs[3 * 16];
    size_t n_font_jobs;
    HPDF_Stream cur_stream;        /* the content stream of the page drawn */
    size_t cur_page;
    pr_strbuf out;                 /* the saved document */
} render_ctx;

typedef struct zqueue zqueue;
static size_t zqueue_submit(zqueue *q, const void *data, size_t len, int level);

/* The render in progress, for capture_write (libharu's stream callbacks
 * carry no context of ours; rendering is not reentrant). */
static render_ctx *capturing;
static HPDF_Stream_Write_Func mem_write;   /* libharu's own, restored */

/* libharu's memory streams copy byte by byte, and every page's contents
 * were copied in, read back for compression and copied again: the streams
 * of the page contents and of the saved document write into our buffers
 * instead. */
static HPDF_STATUS capture_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
    render_ctx *c = capturing;
    if (c && c->pdf->stream == stream) {
        pr_sb_add(&c->out, (const char *)ptr, siz);
        return HPDF_OK;
    }
    if (c && c->cur_stream == stream) {   /* the page being drawn */
        pr_sb_add(&c->content[c->cur_page], (const char *)ptr, siz);
        return HPDF_OK;
    }
    for (size_t i = 0; c && i < c->doc->n_pages; i++) {
        HPDF_PageAttr attr = c->pages[i] ? (HPDF_PageAttr)c->pages[i]->attr : NULL;
        if (attr && attr->stream == stream) {
            pr_sb_add(&c->content[i], (const char *)ptr, siz);
            return HPDF_OK;
        }
    }
    return mem_write(stream, ptr, siz);
}

static const pr_pos no_pos = {NULL, 0, 0};

/* libharu error handler: remember the first error; never abort. */
/* libharu's allocator. libharu 2.3.0 does not survive every failed
 * allocation (HPDF_Page_ShowText crashes on one), so an allocation failure
 * is handled like everywhere else in the program: pr_malloc cleans up the
 * temporary outputs and exits with status 3. */
static void *hpdf_alloc(HPDF_UINT size)
{
    return pr_malloc(size);
}

static void hpdf_free(void *p)
{
    free(p);
}

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    render_ctx *c = user_data;
    if (!c->err) {
        c->err = error_no;
        c->detail = detail_no;
    }
}

/* A French description of common libharu error codes. */
static const char *hpdf_error_text(HPDF_STATUS e)
{
    switch (e) {
    case HPDF_FILE_OPEN_ERROR: return "fichier introuvable ou illisible";
    case HPDF_FILE_IO_ERROR: return "erreur d'entrée-sortie";
    case HPDF_FAILD_TO_ALLOC_MEM: return "mémoire insuffisante";
    case HPDF_INVALID_TTC_FILE:
    case HPDF_INVALID_TTC_INDEX:
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE: return "fichier de police TrueType invalide";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "la licence de la police interdit son incorporation";
    case HPDF_UNSUPPORTED_FONT_TYPE: return "type de police non pris en charge";
    case HPDF_INVALID_PNG_IMAGE:
    case HPDF_LIBPNG_ERROR: return "image PNG invalide";
    case HPDF_UNSUPPORTED_JPEG_FORMAT:
    case HPDF_INVALID_JPEG_DATA: return "image JPEG invalide ou non prise en charge";
    case HPDF_INVALID_PARAMETER: return "paramètre invalide";
    case HPDF_PAGE_OUT_OF_RANGE: return "valeur hors limites";
    default: return "erreur interne de la bibliothèque PDF";
    }
}

/* If libharu reported an error since the last check, turn it into a
 * diagnostic about `c->what` and reset libharu's error state. Returns 1 if
 * there was an error. */
static int check(render_ctx *c)
{
    if (!c->err) return 0;
    pr_error(c->d, no_pos, NULL, "PDF : %s : %s (code libharu 0x%04X, détail %u)",
             c->what ? c->what : "génération", hpdf_error_text(c->err), (unsigned)c->err,
             (unsigned)c->detail);
    c->err = 0;
    c->detail = 0;
    c->failed = 1;
    HPDF_ResetError(c->pdf);
    return 1;
}

/* Set a PDF fill colour from 0xRRGGBB. */
static void set_fill(render_ctx *c, pr_rgb col)
{
    if (c->gs.fill == col) return;
    c->gs.fill = col;
    HPDF_Page_SetRGBFill(c->page, ((col >> 16) & 255) / 255.0f, ((col >> 8) & 255) / 255.0f,
                         (col & 255) / 255.0f);
}

/* Set a PDF stroke colour from 0xRRGGBB. */
static void set_stroke(render_ctx *c, pr_rgb col)
{
    if (c->gs.stroke == col) return;
    c->gs.stroke = col;
    HPDF_Page_SetRGBStroke(c->page, ((col >> 16) & 255) / 255.0f, ((col >> 8) & 255) / 255.0f,
                           (col & 255) / 255.0f);
}

/* Set the line width. */
static void set_width(render_ctx *c, double w)
{
    if (w <= 0) w = 1;
    if (c->gs.width == w) return;
    c->gs.width = w;
    HPDF_Page_SetLineWidth(c->page, (HPDF_REAL)w);
}

/* Leave a text object if one is open. */
static void end_text(render_ctx *c)
{
    if (!c->in_text) return;
    HPDF_Page_EndText(c->page);
    c->in_text = 0;
}

/* Save the graphics state (and our tracking of it). */
static void gsave(render_ctx *c)
{
    end_text(c);
    HPDF_Page_GSave(c->page);
    if (c->gs_depth < (int)(sizeof c->gs_stack / sizeof c->gs_stack[0]))
        c->gs_stack[c->gs_depth] = c->gs;
    c->gs_depth++;
}

/* Restore the graphics state saved by gsave(). */
static void grestore(render_ctx *c)
{
    end_text(c);
    if (c->gs_depth <= 0) return;   /* unbalanced unclip: ignore */
    HPDF_Page_GRestore(c->page);
    c->gs_depth--;
    if (c->gs_depth < (int)(sizeof c->gs_stack / sizeof c->gs_stack[0]))
        c->gs = c->gs_stack[c->gs_depth];
    else
        c->gs.fill = c->gs.stroke = PR_RGB_NONE - 1, c->gs.width = -1;
}

/* Opacity in percent, 100 for an opaque paint. */
static int alpha_pct(double opacity)
{
    if (!(opacity > 0 && opacity < 1))
        return 100;
    int pct = (int)lround(opacity * 100);
    return pct < 0 ? 0 : pct > 100 ? 100 : pct;
}

/* ExtGState for fill and stroke opacities in percent (not both 100). */
static HPDF_ExtGState alpha_state(render_ctx *c, int fill, int stroke)
{
    HPDF_ExtGState *slot = NULL;
    if (fill == stroke) {
        slot = &c->alpha[fill];
    } else {
        for (size_t i = 0; i < c->n_alpha2 && !slot; i++)
            if (c->alpha2[i].fill == fill && c->alpha2[i].stroke == stroke)
                slot = &c->alpha2[i].state;
        if (!slot && c->n_alpha2 < sizeof c->alpha2 / sizeof *c->alpha2) {
            c->alpha2[c->n_alpha2].fill = fill;
            c->alpha2[c->n_alpha2].stroke = stroke;
            slot = &c->alpha2[c->n_alpha2++].state;
        }
        if (!slot)
            return NULL;
    }
    if (!*slot) {
        HPDF_ExtGState g = HPDF_CreateExtGState(c->pdf);
        if (g) {
            HPDF_ExtGState_SetAlphaFill(g, fill / 100.0f);
            HPDF_ExtGState_SetAlphaStroke(g, stroke / 100.0f);
        }
        *slot = g;
    }
    return *slot;
}

/* Does this paint need its own graphics state (opacity, dash, caps)? */
static int paint_special(const pr_paint *p)
{
    return (p->opacity > 0 && p->opacity < 1) || (p->stroke_opacity > 0 && p->stroke_opacity < 1) ||
           p->dash_on > 0 || p->round_caps;
}

/* Prepare colours and state for painting; returns 1 if a gsave was done. */
static int paint_begin(render_ctx *c, const pr_paint *p)
{
    end_text(c);
    int saved = 0;
    if (paint_special(p)) {
        gsave(c);
        saved = 1;
        int fill = alpha_pct(p->opacity);
        int stroke = p->stroke_opacity > 0 ? alpha_pct(p->stroke_opacity) : fill;
        if (fill < 100 || stroke < 100) {
            HPDF_ExtGState g = alpha_state(c, fill, stroke);
            if (g) HPDF_Page_SetExtGState(c->page, g);
        }
        if (p->dash_on > 0) {
            HPDF_UINT16 pat[2];
            pat[0] = (HPDF_UINT16)(p->dash_on < 1 ? 1 : lround(p->dash_on));
            pat[1] = (HPDF_UINT16)(p->dash_off < 1 ? 1 : lround(p->dash_off));
            HPDF_Page_SetDash(c->page, pat, 2, 0);
        }
        if (p->round_caps) {
            HPDF_Page_SetLineCap(c->page, HPDF_ROUND_END);
            HPDF_Page_SetLineJoin(c->page, HPDF_ROUND_JOIN);
        }
    }
    if (p->fill != PR_RGB_NONE) set_fill(c, p->fill);
    if (p->stroke != PR_RGB_NONE) {
        set_stroke(c, p->stroke);
        set_width(c, p->line_width);
    }
    return saved;
}

/* Paint the current path according to `p` (fill, stroke or both). */
static void paint_end(render_ctx *c, const pr_paint *p, int even_odd, int saved)
{
    int f = p->fill != PR_RGB_NONE, s = p->stroke != PR_RGB_NONE;
    if (f && s)
        even_odd ? HPDF_Page_EofillStroke(c->page) : HPDF_Page_FillStroke(c->page);
    else if (f)
        even_odd ? HPDF_Page_Eofill(c->page) : HPDF_Page_Fill(c->page);
    else if (s)
        HPDF_Page_Stroke(c->page);
    else
        HPDF_Page_EndPath(c->page);
    if (saved) grestore(c);
}

/* Append the decimal digits of v to buf; returns the new end. */
static char *put_digits(char *buf, unsigned long v)
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

/* Append the number v to buf as libharu writes a real (HPDF_FToA in
 * 2.3.0): v rounded to a float and clamped to ±32767, an integer part,
 * then up to 5 decimals without trailing zeros, both parts truncated after
 * adding 0.000005 the way libharu computes them (so the bytes are the same
 * as its own operators'). Returns the new end of buf (needs 16 bytes). */
static char *put_real(char *buf, double v)
{
    float f = (float)v;
    if (f > 32767.0f) f = 32767.0f;
    if (f < -32767.0f) f = -32767.0f;
    if (f < 0) {
        *buf++ = '-';
        f = -f;
    }
    int32_t ip = (int32_t)(f + 0.000005);
    int32_t fp = (int32_t)((float)(f - (float)ip + 0.000005) * 100000) % 100000;
    buf = put_digits(buf, (unsigned long)ip);
    if (fp > 0) {
        int len = 5;
        while (fp % 10 == 0)
            fp /= 10, len--;
        *buf++ = '.';
        for (int i = len - 1; i >= 0; i--) {
            buf[i] = (char)('0' + fp % 10);
            fp /= 10;
        }
        buf += len;
    }
    return buf;
}

/* Append v rounded to the hundredth of a point (0.0035 mm) to buf: an
 * integer part, then up to 2 decimals without trailing zeros. Path
 * coordinates need no more on paper, and the map pages' outlines (most of
 * the PDF's content and of its compression time) get shorter. Returns the
 * new end of buf (needs 16 bytes). */
static char *put_hundredths(char *buf, double v)
{
    if (v > 32767) v = 32767;
    if (v < -32767) v = -32767;
    long h = lround(v * 100);
    if (h < 0) {
        *buf++ = '-';
        h = -h;
    }
    long fp = h % 100;
    buf = put_digits(buf, (unsigned long)(h / 100));
    if (fp) {
        *buf++ = '.';
        *buf++ = (char)('0' + fp / 10);
        if (fp % 10)
            *buf++ = (char)('0' + fp % 10);
    }
    return buf;
}

/* Append "x y " to sb, each to the hundredth (see put_hundredths). */
static void put_point(pr_strbuf *sb, double x, double y)
{
    char buf[40];
    char *e = put_hundredths(buf, x);
    *e++ = ' ';
    e = put_hundredths(e, y);
    *e++ = ' ';
    pr_sb_add(sb, buf, (size_t)(e - buf));
}

/* Write the segments of a path (display-list coordinates) as one piece of
 * the page's content, coordinates to the hundredth, and leave libharu's
 * page state as its own path operators would (a path object, current
 * point, start of the subpath). A segment before any move is skipped; an
 * empty path is "0 0 m", which keeps the painting operator valid. Returns
 * -1, writing nothing, when the page is not in a state where a path may
 * start (libharu then reports it). */
static int write_path(render_ctx *c, const pr_seg *segs, size_t n)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)c->page->attr;
    if (!attr || (attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION &&
                  attr->gmode != HPDF_GMODE_PATH_OBJECT))
        return -1;
    pr_strbuf sb = {0};
    int open = 0;
    double cx = 0, cy = 0, sx = 0, sy = 0;
    for (size_t i = 0; i < n; i++) {
        const pr_seg *s = &segs[i];
        switch (s->kind) {
        case PR_SEG_MOVE:
            cx = sx = s->x;
            cy = sy = c->ph - s->y;
            put_point(&sb, cx, cy);
            pr_sb_add(&sb, "m\n", 2);
            open = 1;
            break;
        case PR_SEG_LINE:
            if (!open) break;
            cx = s->x;
            cy = c->ph - s->y;
            put_point(&sb, cx, cy);
            pr_sb_add(&sb, "l\n", 2);
            break;
        case PR_SEG_CURVE:
            if (!open) break;
            put_point(&sb, s->x1, c->ph - s->y1);
            put_point(&sb, s->x2, c->ph - s->y2);
            cx = s->x;
            cy = c->ph - s->y;
            put_point(&sb, cx, cy);
            pr_sb_add(&sb, "c\n", 2);
            break;
        case PR_SEG_CLOSE:
            if (!open) break;
            pr_sb_add(&sb, "h\n", 2);
            cx = sx;
            cy = sy;
            break;
        }
    }
    if (!open)
        pr_sb_add(&sb, "0 0 m\n", 6);
    HPDF_STATUS st = HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)sb.data, (HPDF_UINT)sb.len);
    pr_sb_free(&sb);
    if (st != HPDF_OK)
        return 0;   /* recorded by the error handler */
    attr->cur_pos.x = (HPDF_REAL)cx;
    attr->cur_pos.y = (HPDF_REAL)cy;
    attr->str_pos.x = (HPDF_REAL)sx;
    attr->str_pos.y = (HPDF_REAL)sy;
    attr->gmode = HPDF_GMODE_PATH_OBJECT;
    return 0;
}

/* Append a (rounded) rectangle to the current path. */
static void path_rect(render_ctx *c, pr_box b, double r)
{
    double x0 = b.x, x1 = b.x + b.w;
    double y0 = c->ph - b.y - b.h, y1 = c->ph - b.y;   /* PDF: y0 bottom */
    double maxr = fmin(b.w, b.h) / 2;
    if (r > maxr) r = maxr;
    if (r <= 0.01) {
        HPDF_Page_Rectangle(c->page, (HPDF_REAL)x0, (HPDF_REAL)y0, (HPDF_REAL)b.w, (HPDF_REAL)b.h);
        return;
    }
    double k = r * (1 - KAPPA);
    HPDF_Page *pg = &c->page;
    HPDF_Page_MoveTo(*pg, (HPDF_REAL)(x0 + r), (HPDF_REAL)y0);
    HPDF_Page_LineTo(*pg, (HPDF_REAL)(x1 - r), (HPDF_REAL)y0);
    HPDF_Page_CurveTo(*pg, (HPDF_REAL)(x1 - k), (HPDF_REAL)y0, (HPDF_REAL)x1, (HPDF_REAL)(y0 + k),
                      (HPDF_REAL)x1, (HPDF_REAL)(y0 + r));
    HPDF_Page_LineTo(*pg, (HPDF_REAL)x1, (HPDF_REAL)(y1 - r));
    HPDF_Page_CurveTo(*pg, (HPDF_REAL)x1, (HPDF_REAL)(y1 - k), (HPDF_REAL)(x1 - k), (HPDF_REAL)y1,
                      (HPDF_REAL)(x1 - r), (HPDF_REAL)y1);
    HPDF_Page_LineTo(*pg, (HPDF_REAL)(x0 + r), (HPDF_REAL)y1);
    HPDF_Page_CurveTo(*pg, (HPDF_REAL)(x0 + k), (HPDF_REAL)y1, (HPDF_REAL)x0, (HPDF_REAL)(y1 - k),
                      (HPDF_REAL)x0, (HPDF_REAL)(y1 - r));
    HPDF_Page_LineTo(*pg, (HPDF_REAL)x0, (HPDF_REAL)(y0 + r));
    HPDF_Page_CurveTo(*pg, (HPDF_REAL)x0, (HPDF_REAL)(y0 + k), (HPDF_REAL)(x0 + k), (HPDF_REAL)y0,
                      (HPDF_REAL)(x0 + r), (HPDF_REAL)y0);
    HPDF_Page_ClosePath(*pg);
}

/* libharu 2.3.0 gives UTF-8 TrueType fonts (codes = Unicode BMP values,
 * Identity-H) a ToUnicode stream written as a CID CMap ("begincidrange"),
 * which readers reject ("Invalid 'begincidrange' operator") before falling
 * back to guessing. Replace its content with a proper identity ToUnicode
 * CMap (bfrange per 256-code block, surrogates excluded). */
static void fix_to_unicode(render_ctx *c, HPDF_Font font)
{
    HPDF_Dict tu = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu || !tu->stream) return;
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    int blocks[256], nb = 0;
    for (int hi = 0; hi < 256; hi++)
        if (hi < 0xD8 || hi > 0xDF) blocks[nb++] = hi;
    for (int i = 0; i < nb; i += 100) {
        int n = nb - i < 100 ? nb - i : 100;
        pr_sb_printf(&sb, "%d beginbfrange\n", n);
        for (int k = i; k < i + n; k++)
            pr_sb_printf(&sb, "<%02X00> <%02XFF> <%02X00>\n", blocks[k], blocks[k], blocks[k]);
        pr_sb_puts(&sb, "endbfrange\n");
    }
    pr_sb_puts(&sb, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_MemStream_FreeData(tu->stream);
    HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)sb.data, (HPDF_UINT)sb.len);
    HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
    HPDF_Dict_RemoveElement(tu, "CMapName");
    HPDF_Dict_RemoveElement(tu, "Type");
    HPDF_Dict_RemoveElement(tu, "WMode");
    pr_sb_free(&sb);
    check(c);
}

/* The codes libharu 2.3.0's UTF-8 encoder makes of `text` (Unicode BMP
 * values): a lead byte announces 1 to 3 continuation bytes, a stray byte is
 * skipped, and anything above U+FFFF becomes a space. out needs room for
 * strlen(text) codes; returns how many. */
static size_t haru_codes(const char *text, uint16_t *out)
{
    const unsigned char *p = (const unsigned char *)text;
    unsigned char b[4];
    int have = 0, need = 0;
    size_t n = 0;
    for (; *p; p++) {
        unsigned cp;
        if (have == 0) {
            b[0] = *p;
            if (!(*p & 0x80)) {
                cp = *p;
            } else {
                need = (*p & 0xF8) == 0xF0 ? 3 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xE0) == 0xC0 ? 1 : 0;
                have = need ? 1 : 0;
                continue;
            }
        } else {
            b[have] = *p;
            if (have < need) {
                have++;
                continue;
            }
            have = 0;
            if (need == 3)
                cp = ((unsigned)(b[0] & 7) << 18) + ((unsigned)b[1] << 12) +
                     ((unsigned)(b[2] & 0x3F) << 6) + (b[3] & 0x3Fu);
            else if (need == 2)
                cp = ((unsigned)(b[0] & 0xF) << 12) + ((unsigned)(b[1] & 0x3F) << 6) + (b[2] & 0x3Fu);
            else
                cp = ((unsigned)(b[0] & 0x1F) << 6) + (b[1] & 0x3Fu);
            if (cp > 0xFFFF)
                cp = ' ';
        }
        out[n++] = (uint16_t)cp;
    }
    return n;
}

/* Add the code points of UTF-8 `text` to `set` (see haru_codes). */
static void add_code_points(uint32_t *set, const char *text)
{
    size_t len = strlen(text);
    uint16_t stack[256], *codes = len <= 256 ? stack : pr_malloc(len * sizeof *codes);
    size_t n = haru_codes(text, codes);
    for (size_t i = 0; i < n; i++)
        set[codes[i] / 32] |= 1u << (codes[i] % 32);
    if (codes != stack)
        free(codes);
}

/* Collect, for every face, the code points its text runs draw. */
static void collect_code_points(render_ctx *c)
{
    const pr_doc *doc = c->doc;
    c->cp_sets = pr_calloc((doc->n_fonts + 1) * CP_SET_WORDS, sizeof *c->cp_sets);
    for (size_t i = 0; i < doc->n_pages; i++)
        for (size_t k = 0; k < doc->pages[i].n_ops; k++) {
            const pr_op *op = &doc->pages[i].ops[k];
            if (op->kind == PR_OP_TEXT && op->u.text.font >= 0 &&
                (size_t)op->u.text.font < doc->n_fonts && op->u.text.text)
                add_code_points(c->cp_sets + (size_t)op->u.text.font * CP_SET_WORDS,
                                op->u.text.text);
        }
}

/* Write all of data to fd; returns 1 on success. */
static int write_all(int fd, const unsigned char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        data += n;
        len -= (size_t)n;
    }
    return 1;
}

/* Load face `idx` into libharu as a subset of its file (ttf[0..len)) that
 * holds the glyphs of the face's code points, plus 'H' and 'x' (libharu
 * reads the cap height and x-height from those glyphs). libharu 2.3.0 only
 * loads fonts from a file name, so the subset goes into an anonymous
 * memory file opened by libharu as /proc/self/fd/N (it keeps its own
 * handle until HPDF_Free). Returns libharu's font name, or NULL with no
 * error recorded when the subset could not be made or handed over: the
 * caller then embeds the whole file. */
static const char *load_subset(render_ctx *c, int idx, const unsigned char *ttf, size_t len)
{
    const uint32_t *set = c->cp_sets + (size_t)idx * CP_SET_WORDS;
    unsigned *cps = pr_malloc((65536 + 2) * sizeof *cps);
    size_t n = 0;
    for (unsigned cp = 0; cp < 65536; cp++)
        if (set[cp / 32] >> (cp % 32) & 1)
            cps[n++] = cp;
    cps[n++] = 'H';
    cps[n++] = 'x';
    unsigned char *sub;
    size_t sub_len;
    int rc = pr_font_subset(ttf, len, cps, n, &sub, &sub_len, NULL);
    free(cps);
    if (rc)
        return NULL;
    int fd = memfd_create("planif-rapport-police", MFD_CLOEXEC);
    if (fd < 0) {
        free(sub);
        return NULL;
    }
    const char *name = NULL;
    if (write_all(fd, sub, sub_len)) {
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
        name = HPDF_LoadTTFontFromFile(c->pdf, proc, HPDF_TRUE);
        if (c->err || !name) {   /* forget it: the caller loads the whole file */
            c->err = 0;
            c->detail = 0;
            HPDF_ResetError(c->pdf);
            name = NULL;
        }
    }
    free(sub);
    close(fd);
    return name;
}

/* HPDF_GetFont(name, "UTF-8") for face `idx` (its subset font), or for any
 * text when idx < 0. For a UTF-8 font, libharu 2.3.0 looks up the glyph
 * of every code up to U+FFFF, then lists widths and writes a CIDToGIDMap
 * up to U+FFFF (half of the PDF stage's own time for four faces). For a
 * CMap encoder it only looks at the codes the encoder maps: so the UTF-8
 * encoder is dressed as one that maps the face's code points (and 'H',
 * 'x', which the subset holds too) while the font is made, then restored.
 * The subset has no other glyph, so the font objects are the same, cut
 * after the highest code point. */
static HPDF_Font get_font_of_set(render_ctx *c, const char *name, int idx)
{
    HPDF_Encoder enc = idx >= 0 ? HPDF_GetEncoder(c->pdf, "UTF-8") : NULL;
    HPDF_CMapEncoderAttr attr = enc ? (HPDF_CMapEncoderAttr)enc->attr : NULL;
    if (!attr)
        return HPDF_GetFont(c->pdf, name, "UTF-8");
    const uint32_t *set = c->cp_sets + (size_t)idx * CP_SET_WORDS;
    size_t map_bytes = sizeof attr->cid_map;
    HPDF_UINT16 *saved = pr_malloc(2 * map_bytes);
    memcpy(saved, attr->cid_map, map_bytes);
    memcpy(saved + map_bytes / sizeof *saved, attr->unicode_map, map_bytes);
    memset(attr->cid_map, 0, map_bytes);
    memset(attr->unicode_map, 0, map_bytes);
    unsigned top = 0;
    for (unsigned cp = 1; cp < 65536; cp++)
        if ((set[cp / 32] >> (cp % 32) & 1) || cp == 'H' || cp == 'x') {
            attr->cid_map[cp >> 8][cp & 0xFF] = (HPDF_UINT16)cp;
            attr->unicode_map[cp >> 8][cp & 0xFF] = (HPDF_UNICODE)cp;
            top = cp;
        }
    /* libharu writes codes below the highest one it saw: one more, without
     * a glyph, keeps the top code point in */
    if (top < 0xFFFF) {
        attr->cid_map[(top + 1) >> 8][(top + 1) & 0xFF] = (HPDF_UINT16)(top + 1);
        attr->unicode_map[(top + 1) >> 8][(top + 1) & 0xFF] = (HPDF_UNICODE)(top + 1);
    }
    HPDF_Encoder_ToUnicode_Func own = enc->to_unicode_fn;
    enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
    HPDF_Font font = HPDF_GetFont(c->pdf, name, "UTF-8");
    enc->to_unicode_fn = own;
    memcpy(attr->cid_map, saved, map_bytes);
    memcpy(attr->unicode_map, saved + map_bytes / sizeof *saved, map_bytes);
    free(saved);
    return font;
}

/* libharu embeds the glyphs its text measuring marked as used: the text
 * runs are written by show_text_at, which measures nothing, so mark the
 * glyphs of the face's code points here, as measuring them would. */
static void mark_glyphs_used(HPDF_Font font, const uint32_t *set)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    if (!attr || !attr->fontdef)
        return;
    for (unsigned cp = 0; cp < 65536; cp++)
        if (set[cp / 32] >> (cp % 32) & 1)
            HPDF_TTFontDef_GetCharWidth(attr->fontdef, (HPDF_UINT16)cp);
}

/* Hand a face's streams to the compression queue: the font program
 * (FontFile2), the CIDToGIDMap and the ToUnicode map, which libharu would
 * compress at level 6 on the main thread when saving. libharu makes the
 * font descriptor and the font program then (its "before write" step);
 * made now instead (every glyph is marked used already), the step is then
 * done, so saving does not reset the streams' filters. */
static void queue_font_streams(render_ctx *c, HPDF_Font font)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    if (!attr || !attr->fontdef || !font->before_write_fn || !c->zq)
        return;
    if (font->before_write_fn(font) != HPDF_OK) {
        check(c);
        return;
    }
    font->before_write_fn = NULL;
    HPDF_Dict desc = attr->fontdef->descriptor;
    HPDF_Dict streams[3] = {desc ? HPDF_Dict_GetItem(desc, "FontFile2", HPDF_OCLASS_DICT) : NULL,
                            attr->map_stream,
                            HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT)};
    HPDF_ResetError(c->pdf);   /* an absent item is not an error here */
    c->err = 0;
    for (int k = 0; k < 3; k++) {
        HPDF_Dict sd = streams[k];
        if (!sd || !sd->stream || sd->filter != HPDF_STREAM_FILTER_FLATE_DECODE || sd->write_fn ||
            c->n_font_jobs >= sizeof c->font_jobs / sizeof *c->font_jobs)
            continue;
        HPDF_UINT size = sd->stream->size, got = size;
        unsigned char *raw = pr_malloc(size + 1);
        if (HPDF_Stream_Seek(sd->stream, 0, HPDF_SEEK_SET) != HPDF_OK ||
            (size && HPDF_Stream_Read(sd->stream, raw, &got) != HPDF_OK) || got != size) {
            free(raw);
            HPDF_ResetError(c->pdf);
            c->err = 0;
            continue;
        }
        size_t job = zqueue_submit(c->zq, raw, size, FONT_DEFLATE_LEVEL);
        if (job == (size_t)-1) {
            free(raw);
            continue;
        }
        c->font_jobs[c->n_font_jobs].dict = sd;
        c->font_jobs[c->n_font_jobs].raw = raw;
        c->font_jobs[c->n_font_jobs++].job = job;
    }
}

/* The libharu font for face `idx`, loading (and embedding) it on first use. */
static HPDF_Font get_font(render_ctx *c, int idx)
{
    if (idx < 0 || (size_t)idx >= c->doc->n_fonts) return NULL;
    if (c->fonts[idx] || c->font_failed[idx]) return c->fonts[idx];
    const char *path = c->doc->fonts[idx];
    pr_mapped file;
    int err = pr_map_file(path, FONT_MAX_BYTES, &file);
    if (err) {
        pr_error(c->d, no_pos, NULL, "PDF : police « %s » illisible : %s", path, pr_strerror(err));
        c->font_failed[idx] = 1;
        c->failed = 1;
        return NULL;
    }
    c->what = path;
    const char *name = c->full_fonts ? NULL : load_subset(c, idx, file.data, file.len);
    pr_unmap_file(&file);
    if (!name)
        name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
    HPDF_Font font = name && !c->err ? get_font_of_set(c, name, c->full_fonts ? -1 : idx) : NULL;
    if (check(c) || !font) {
        c->font_failed[idx] = 1;
        c->failed = 1;
        return NULL;
    }
    fix_to_unicode(c, font);
    if (!c->full_fonts) {
        mark_glyphs_used(font, c->cp_sets + (size_t)idx * CP_SET_WORDS);
        queue_font_streams(c, font);
    }
    c->fonts[idx] = font;
    return font;
}

/* Same as HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, x, y) then
 * HPDF_Page_ShowText(page, text) with a UTF-8 Type0 font, byte for byte,
 * at a fraction of the cost (libharu clears and copies its buffers byte by
 * byte, then measures the text to move a position we never use; the
 * glyphs it would mark as used on the way are marked by get_font). Falls
 * back to libharu outside a text object, so that it reports the error, and
 * with whole fonts, whose glyphs only its measuring marks. */
static void show_text_at(render_ctx *c, double x, double y, const char *text)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)c->page->attr;
    size_t len = strlen(text);
    if (c->full_fonts || !attr || attr->gmode != HPDF_GMODE_TEXT_OBJECT || !attr->gstate ||
        !attr->gstate->font || len > 65535) {
        HPDF_Page_SetTextMatrix(c->page, 1, 0, 0, 1, (HPDF_REAL)x, (HPDF_REAL)y);
        HPDF_Page_ShowText(c->page, text);
        return;
    }
    static const char hex[] = "0123456789ABCDEF";
    char head[64];
    char *e = head;
    memcpy(e, "1 0 0 1 ", 8);
    e = put_real(e + 8, x);
    *e++ = ' ';
    e = put_real(e, y);
    memcpy(e, " Tm\n", 4);
    e += 4;
    HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)head, (HPDF_UINT)(e - head));
    attr->text_matrix.a = 1;
    attr->text_matrix.b = 0;
    attr->text_matrix.c = 0;
    attr->text_matrix.d = 1;
    attr->text_matrix.x = (HPDF_REAL)x;
    attr->text_matrix.y = (HPDF_REAL)y;
    attr->text_pos.x = (HPDF_REAL)x;
    attr->text_pos.y = (HPDF_REAL)y;
    if (!len)
        return;
    uint16_t stack[256], *codes = len <= 256 ? stack : pr_malloc(len * sizeof *codes);
    size_t n = haru_codes(text, codes);
    char sbuf[1024 + 8];
    char *buf = 4 * n + 8 <= 1024 ? sbuf : pr_malloc(4 * n + 8);
    e = buf;
    *e++ = '<';
    for (size_t i = 0; i < n; i++) {
        *e++ = hex[codes[i] >> 12];
        *e++ = hex[codes[i] >> 8 & 15];
        *e++ = hex[codes[i] >> 4 & 15];
        *e++ = hex[codes[i] & 15];
    }
    memcpy(e, "> Tj\n", 5);
    e += 5;
    HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)buf, (HPDF_UINT)(e - buf));
    if (buf != sbuf)
        free(buf);
    if (codes != stack)
        free(codes);
}

/* Draw a text run. */
static void draw_text(render_ctx *c, const pr_op *op)
{
    HPDF_Font font = get_font(c, op->u.text.font);
    if (!font) return;
    if (!c->in_text) {
        HPDF_Page_BeginText(c->page);
        c->in_text = 1;
        c->text_font = -1;
        c->text_cs = 0;
    }
    if (c->text_font != op->u.text.font || c->text_size != op->u.text.size) {
        HPDF_Page_SetFontAndSize(c->page, font, (HPDF_REAL)op->u.text.size);
        c->text_font = op->u.text.font;
        c->text_size = op->u.text.size;
    }
    if (c->text_cs != op->u.text.char_spacing) {
        HPDF_Page_SetCharSpace(c->page, (HPDF_REAL)op->u.text.char_spacing);
        c->text_cs = op->u.text.char_spacing;
    }
    set_fill(c, op->u.text.color);
    show_text_at(c, op->u.text.x, c->ph - op->u.text.y, op->u.text.text);
}

/* Detect an image's type from its first bytes: 'p' PNG, 'j' JPEG, 0 other,
 * -1 unreadable. */
static int image_kind(const char *path)
{
    unsigned char b[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8)) return 'p';
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return 'j';
    return 0;
}

/* The libharu image for `path`, loaded once; NULL on error (reported). */
static HPDF_Image get_image(render_ctx *c, const char *path)
{
    for (size_t i = 0; i < c->n_imgs; i++)
        if (!strcmp(c->img_paths[i], path)) return c->imgs[i];
    HPDF_Image img = NULL;
    int kind = image_kind(path);
    if (kind < 0) {
        pr_error(c->d, no_pos, NULL, "PDF : image « %s » illisible : %s", path, pr_strerror(errno));
        c->failed = 1;
    } else if (kind == 0) {
        pr_error(c->d, no_pos, NULL, "PDF : image « %s » : format non pris en charge (PNG ou JPEG attendu)",
                 path);
        c->failed = 1;
    } else {
        c->what = path;
        img = kind == 'p' ? HPDF_LoadPngImageFromFile(c->pdf, path)
                          : HPDF_LoadJpegImageFromFile(c->pdf, path);
        if (check(c)) img = NULL;
    }
    size_t cap = c->cap_imgs;
    pr_grow((void **)&c->img_paths, &cap, c->n_imgs + 1, sizeof *c->img_paths);
    pr_grow((void **)&c->imgs, &c->cap_imgs, c->n_imgs + 1, sizeof *c->imgs);
    c->img_paths[c->n_imgs] = path;
    c->imgs[c->n_imgs++] = img;
    return img;
}

/* PDF rectangle of a display-list box. */
static HPDF_Rect pdf_rect(const render_ctx *c, pr_box b)
{
    HPDF_Rect r;
    r.left = (HPDF_REAL)b.x;
    r.right = (HPDF_REAL)(b.x + b.w);
    r.bottom = (HPDF_REAL)(c->ph - b.y - b.h);
    r.top = (HPDF_REAL)(c->ph - b.y);
    return r;
}

/* A destination on page `pg` at display-list height `y`. */
static HPDF_Destination make_dest(render_ctx *c, int pg, double y)
{
    if (pg < 0 || (size_t)pg >= c->doc->n_pages) return NULL;
    HPDF_Destination dst = HPDF_Page_CreateDestination(c->pages[pg]);
    double top = c->doc->pages[pg].height - y;
    if (top < 0) top = 0;
    if (dst) HPDF_Destination_SetFitH(dst, (HPDF_REAL)top);   /* XYZ refuses a null zoom */
    return dst;
}

/* Add a link annotation without visible border. */
static void draw_link(render_ctx *c, const pr_op *op)
{
    HPDF_Rect r = pdf_rect(c, op->u.link.box);
    HPDF_Annotation a = NULL;
    if (op->u.link.uri) {
        a = HPDF_Page_CreateURILinkAnnot(c->page, r, op->u.link.uri);
    } else {
        HPDF_Destination dst = make_dest(c, op->u.link.dest_page, op->u.link.dest_y);
        if (!dst) {
            pr_error(c->d, no_pos, NULL, "PDF : lien interne vers une page inexistante (%d)",
                     op->u.link.dest_page + 1);
            c->failed = 1;
            return;
        }
        a = HPDF_Page_CreateLinkAnnot(c->page, r, dst);
    }
    if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

/* Replay one operation on the current page. */
static void draw_op(render_ctx *c, const pr_op *op)
{
    int saved;
    switch (op->kind) {
    case PR_OP_TEXT:
        draw_text(c, op);
        break;
    case PR_OP_RECT:
        saved = paint_begin(c, &op->u.rect.paint);
        path_rect(c, op->u.rect.box, op->u.rect.radius);
        paint_end(c, &op->u.rect.paint, 0, saved);
        break;
    case PR_OP_LINE: {
        pr_paint p = op->u.line.paint;
        p.fill = PR_RGB_NONE;
        if (p.stroke == PR_RGB_NONE) break;
        saved = paint_begin(c, &p);
        HPDF_Page_MoveTo(c->page, (HPDF_REAL)op->u.line.x1, (HPDF_REAL)(c->ph - op->u.line.y1));
        HPDF_Page_LineTo(c->page, (HPDF_REAL)op->u.line.x2, (HPDF_REAL)(c->ph - op->u.line.y2));
        paint_end(c, &p, 0, saved);
        break;
    }
    case PR_OP_PATH: {
        saved = paint_begin(c, &op->u.path.paint);
        if (write_path(c, op->u.path.segs, op->u.path.n) != 0)
            HPDF_Page_MoveTo(c->page, 0, 0);   /* in the wrong state: libharu says so */
        paint_end(c, &op->u.path.paint, op->u.path.rule == PR_FILL_EVENODD, saved);
        break;
    }
    case PR_OP_CIRCLE:
        saved = paint_begin(c, &op->u.circle.paint);
        HPDF_Page_Circle(c->page, (HPDF_REAL)op->u.circle.cx, (HPDF_REAL)(c->ph - op->u.circle.cy),
                         (HPDF_REAL)op->u.circle.r);
        paint_end(c, &op->u.circle.paint, 0, saved);
        break;
    case PR_OP_IMAGE: {
        HPDF_Image img = get_image(c, op->u.image.path);
        if (!img) break;
        end_text(c);
        pr_box b = op->u.image.box;
        HPDF_Page_DrawImage(c->page, img, (HPDF_REAL)b.x, (HPDF_REAL)(c->ph - b.y - b.h),
                            (HPDF_REAL)b.w, (HPDF_REAL)b.h);
        break;
    }
    case PR_OP_LINK:
        draw_link(c, op);
        break;
    case PR_OP_CLIP:
        gsave(c);
        path_rect(c, op->u.rect.box, op->u.rect.radius);
        HPDF_Page_Clip(c->page);
        HPDF_Page_EndPath(c->page);
        break;
    case PR_OP_UNCLIP:
        grestore(c);
        break;
    }
}

/* Convert Unix time to an HPDF_Date (UTC). */
static HPDF_Date unix_to_date(long long t)
{
    HPDF_Date dt;
    memset(&dt, 0, sizeof dt);
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) memset(&tm, 0, sizeof tm), tm.tm_year = 70, tm.tm_mday = 1;
    dt.year = tm.tm_year + 1900;
    dt.month = tm.tm_mon + 1;
    dt.day = tm.tm_mday;
    dt.hour = tm.tm_hour;
    dt.minutes = tm.tm_min;
    dt.seconds = tm.tm_sec;
    dt.ind = 'Z';
    return dt;
}

/* Write document information (Unicode strings, fixed dates). */
static void write_info(render_ctx *c)
{
    const pr_doc_info *in = &c->doc->info;
    c->what = "informations du document";
    if (in->title) HPDF_SetInfoAttr(c->pdf, HPDF_INFO_TITLE, in->title);
    if (in->author) HPDF_SetInfoAttr(c->pdf, HPDF_INFO_AUTHOR, in->author);
    if (in->subject) HPDF_SetInfoAttr(c->pdf, HPDF_INFO_SUBJECT, in->subject);
    if (in->keywords) HPDF_SetInfoAttr(c->pdf, HPDF_INFO_KEYWORDS, in->keywords);
    if (in->creator) HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, in->creator);
    if (in->created >= 0) {
        HPDF_Date dt = unix_to_date(in->created);
        HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, dt);
        HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, dt);
    }
    check(c);
}

/* Write the outline (bookmarks) tree from the flat, levelled list. */
static void write_outline(render_ctx *c)
{
    const pr_doc *doc = c->doc;
    if (!doc->n_outline) return;
    HPDF_Encoder enc = HPDF_GetEncoder(c->pdf, "UTF-8");
    HPDF_Outline parents[8] = {0};
    c->what = "signets";
    for (size_t i = 0; i < doc->n_outline; i++) {
        const pr_outline *o = &doc->outline[i];
        int lvl = o->level < 1 ? 1 : o->level > 8 ? 8 : o->level;
        HPDF_Outline parent = NULL;
        for (int l = lvl - 1; l >= 1; l--)
            if (parents[l - 1]) { parent = parents[l - 1]; break; }
        HPDF_Outline ol = HPDF_CreateOutline(c->pdf, parent, o->title, enc);
        if (!ol) { check(c); continue; }
        HPDF_Destination dst = make_dest(c, o->page, o->y);
        if (dst) HPDF_Outline_SetDestination(ol, dst);
        HPDF_Outline_SetOpened(ol, lvl == 1 ? HPDF_TRUE : HPDF_FALSE);
        parents[lvl - 1] = ol;
        for (int l = lvl; l < 8; l++) parents[l] = NULL;
    }
    HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    check(c);
}

/* Write the /Filter entry of a content stream compressed by
 * compress_pages() (libharu writes none for an unfiltered stream). */
static HPDF_STATUS write_flate_filter(HPDF_Dict obj, HPDF_Stream stream)
{
    (void)obj;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* ---- compression, on two threads ---------------------------------------------

   Compressing the page contents is most of the PDF stage, and the fonts'
   streams most of what is left. Each piece is compressed on its own (same
   bytes whoever does it), by a helper thread from the moment it is handed
   over (a page once drawn, a face once loaded) and by the main thread once
   all pages are drawn. Only zlib runs on the helper, with plain malloc: it
   reports a failure instead of ending the program, and the piece then goes
   to libharu uncompressed (libharu compresses it when saving). */

typedef struct zjob {
    const unsigned char *data;  /* not owned; unchanged until compressed */
    size_t len;
    int level;
    unsigned char *z;           /* compressed (malloc), or NULL */
    size_t zlen;
} zjob;

struct zqueue {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    zjob *jobs;                 /* fixed capacity: never moved once started */
    size_t n_jobs, cap_jobs;
    size_t next;                /* next job to take */
    int closed;                 /* no more jobs will come */
    pthread_t helper;
    int has_helper;
};

/* Compress one job (z left NULL on failure). */
static void zjob_run(zjob *j)
{
    uLongf zlen = compressBound(j->len);
    unsigned char *z = malloc(zlen ? zlen : 1);
    if (z && compress2(z, &zlen, j->len ? j->data : (const Bytef *)"", j->len, j->level) == Z_OK) {
        j->z = z;
        j->zlen = zlen;
    } else {
        free(z);
    }
}

/* Take and compress jobs until none is left and none will come. */
static void *zqueue_work(void *arg)
{
    zqueue *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        while (q->next == q->n_jobs && !q->closed)
            pthread_cond_wait(&q->cv, &q->mu);
        zjob *j = q->next < q->n_jobs ? &q->jobs[q->next++] : NULL;
        pthread_mutex_unlock(&q->mu);
        if (!j)
            return NULL;
        zjob_run(j);
    }
}

/* Start a queue for at most cap jobs (and its helper thread, if one can
 * be made). */
static void zqueue_start(zqueue *q, size_t cap)
{
    memset(q, 0, sizeof *q);
    q->cap_jobs = cap ? cap : 1;
    q->jobs = pr_calloc(q->cap_jobs, sizeof *q->jobs);
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv, NULL);
    q->has_helper = pthread_create(&q->helper, NULL, zqueue_work, q) == 0;
}

/* Hand over data[0..len) to compress at `level`; returns the job's index,
 * or (size_t)-1 when the queue is full or closed (nothing is done). */
static size_t zqueue_submit(zqueue *q, const void *data, size_t len, int level)
{
    size_t id = (size_t)-1;
    pthread_mutex_lock(&q->mu);
    if (!q->closed && q->n_jobs < q->cap_jobs) {
        zjob *j = &q->jobs[q->n_jobs];
        j->data = data;
        j->len = len;
        j->level = level;
        id = q->n_jobs++;
        pthread_cond_signal(&q->cv);
    }
    pthread_mutex_unlock(&q->mu);
    return id;
}

/* The result of job id once the queue is finished, or NULL. */
static const zjob *zqueue_result(const zqueue *q, size_t id)
{
    return id < q->n_jobs && q->jobs[id].z ? &q->jobs[id] : NULL;
}

/* No more jobs: compress what is left along with the helper, wait for it. */
static void zqueue_finish(zqueue *q)
{
    pthread_mutex_lock(&q->mu);
    q->closed = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    zqueue_work(q);
    if (q->has_helper)
        pthread_join(q->helper, NULL);
    q->has_helper = 0;
}

/* Stop the queue (the helper finishes the job it holds) and free it. */
static void zqueue_free(zqueue *q)
{
    if (!q->jobs)
        return;
    if (q->has_helper) {
        pthread_mutex_lock(&q->mu);
        q->closed = 1;
        q->n_jobs = q->next;   /* nothing more to take */
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        pthread_join(q->helper, NULL);
    }
    for (size_t i = 0; i < q->cap_jobs; i++)
        free(q->jobs[i].z);
    free(q->jobs);
    pthread_cond_destroy(&q->cv);
    pthread_mutex_destroy(&q->mu);
    q->jobs = NULL;
}

/* Replace stream dict cs's data with the compressed bytes of job id, saved
 * as is with the /Filter entry written by write_flate_filter; returns 0,
 * or -1 (nothing changed) when there are none or cs is not a plain
 * FlateDecode stream. */
static int install_compressed(render_ctx *c, HPDF_Dict cs, size_t id)
{
    const zjob *j = zqueue_result(c->zq, id);
    if (!j || !cs || !cs->stream || cs->filter != HPDF_STREAM_FILTER_FLATE_DECODE || cs->write_fn)
        return -1;
    HPDF_MemStream_FreeData(cs->stream);
    cs->filter = HPDF_STREAM_FILTER_NONE;
    cs->write_fn = write_flate_filter;
    if (HPDF_Stream_Write(cs->stream, j->z, (HPDF_UINT)j->zlen) != HPDF_OK) {
        c->what = "compression";
        check(c);
    }
    return 0;
}

/* Put every page's contents into its stream: compressed (at
 * PAGE_DEFLATE_LEVEL, not at libharu's fixed level 6 when saving), or,
 * when compression failed, as they are, for libharu to compress; and the
 * fonts' streams compressed by the queue. */
static void compress_pages(render_ctx *c)
{
    zqueue_finish(c->zq);
    for (size_t i = 0; i < c->doc->n_pages && !c->failed; i++) {
        HPDF_PageAttr attr = c->pages[i] ? (HPDF_PageAttr)c->pages[i]->attr : NULL;
        HPDF_Dict cs = attr ? attr->contents : NULL;
        if (!cs || !cs->stream)
            continue;
        cs->stream->write_fn = mem_write;
        if (install_compressed(c, cs, c->page_job[i]) == 0)
            continue;
        HPDF_MemStream_FreeData(cs->stream);
        const pr_strbuf *raw = &c->content[i];
        if (raw->len &&
            HPDF_Stream_Write(cs->stream, (const HPDF_BYTE *)raw->data, (HPDF_UINT)raw->len) != HPDF_OK) {
            c->what = "compression des pages";
            check(c);
        }
    }
    for (size_t i = 0; i < c->n_font_jobs && !c->failed; i++)
        install_compressed(c, c->font_jobs[i].dict, c->font_jobs[i].job);
}

/* Two FNV-1a hashes fed together (the 16-byte file identifier). */
typedef struct id_hash {
    uint64_t h1, h2;
} id_hash;

/* Feed n bytes. */
static void id_bytes(id_hash *h, const void *p, size_t n)
{
    h->h1 = pr_fnv1a(h->h1, p, n);
    h->h2 = pr_fnv1a(h->h2, p, n);
}

/* Feed a number, to the hundredth of a point. */
static void id_num(id_hash *h, double v)
{
    long long q = llround(v * 100);
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)((unsigned long long)q >> (8 * i));
    id_bytes(h, b, sizeof b);
}

/* Feed a string and its terminator (NULL as an empty string). */
static void id_str(id_hash *h, const char *s)
{
    id_bytes(h, s ? s : "", (s ? strlen(s) : 0) + 1);
}

/* The file identifier (/ID): libharu writes none unless encrypting. We add
 * one derived from the display list only (never from the clock), so equal
 * documents get equal identifiers and the output stays reproducible: the
 * document information, then every page's size and operation count, the
 * position, face and text of text runs and the box and fill of
 * rectangles, the kind of other operations. */
static void write_file_id(render_ctx *c)
{
    const pr_doc *doc = c->doc;
    const pr_doc_info *in = &doc->info;
    id_hash h = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
    id_str(&h, in->title);
    id_str(&h, in->author);
    id_str(&h, in->subject);
    id_num(&h, (double)in->created);
    id_num(&h, (double)doc->n_pages);
    for (size_t i = 0; i < doc->n_pages; i++) {
        const pr_page *p = &doc->pages[i];
        id_num(&h, p->width);
        id_num(&h, p->height);
        id_num(&h, (double)p->n_ops);
        for (size_t k = 0; k < p->n_ops; k++) {
            const pr_op *op = &p->ops[k];
            unsigned char kind = (unsigned char)op->kind;
            id_bytes(&h, &kind, 1);
            if (op->kind == PR_OP_TEXT) {
                id_num(&h, op->u.text.x);
                id_num(&h, op->u.text.y);
                id_num(&h, op->u.text.font);
                id_str(&h, op->u.text.text);
            } else if (op->kind == PR_OP_RECT) {
                id_num(&h, op->u.rect.box.x);
                id_num(&h, op->u.rect.box.y);
                id_num(&h, op->u.rect.box.w);
                id_num(&h, op->u.rect.box.h);
                id_num(&h, op->u.rect.paint.fill);
            }
        }
    }
    uint64_t h1 = h.h1, h2 = h.h2;
    HPDF_BYTE id[16];
    for (int i = 0; i < 8; i++) {
        id[i] = (HPDF_BYTE)(h1 >> (56 - 8 * i));
        id[8 + i] = (HPDF_BYTE)(h2 >> (56 - 8 * i));
    }
    c->what = "identifiant du fichier";
    HPDF_Array arr = HPDF_Array_New(c->pdf->mmgr);
    if (arr) {
        HPDF_Array_Add(arr, HPDF_Binary_New(c->pdf->mmgr, id, sizeof id));
        HPDF_Array_Add(arr, HPDF_Binary_New(c->pdf->mmgr, id, sizeof id));
        HPDF_Dict_Add(c->pdf->trailer, "ID", arr);
    }
    check(c);
}

/* ---- crash guard ---------------------------------------------------------
 * libharu 2.3.0 calls malloc directly in places and dereferences the result
 * unchecked (seen in HPDF_Page_ShowText under fault injection). While
 * libharu runs, a crash signal therefore ends the run the way an allocation
 * failure does anywhere else: temporary outputs removed (pr_fatal_cleanup),
 * a French message, exit status 3. Only async-signal-safe calls here. */
static void on_library_crash(int sig)
{
    (void)sig;
    pr_fatal_cleanup();
    static const char msg[] =
        "planif-rapport : erreur : la bibliothèque PDF (libharu) s'est arrêtée sur une erreur "
        "interne, probablement faute de mémoire ; les fichiers précédents sont intacts\n";
    ssize_t w = write(2, msg, sizeof msg - 1);
    (void)w;
    _exit(PR_EXIT_IO);
}

static int render(const pr_doc *doc, unsigned char **data, size_t *len, pr_diags *d);

/* Render into memory, under the crash guard. */
int pr_pdf_render(const pr_doc *doc, unsigned char **data, size_t *len, pr_diags *d)
{
    struct sigaction guard, old_segv, old_bus;
    memset(&guard, 0, sizeof guard);
    guard.sa_handler = on_library_crash;
    sigemptyset(&guard.sa_mask);
    sigaction(SIGSEGV, &guard, &old_segv);
    sigaction(SIGBUS, &guard, &old_bus);
    int rc = render(doc, data, len, d);
    sigaction(SIGSEGV, &old_segv, NULL);
    sigaction(SIGBUS, &old_bus, NULL);
    return rc;
}

/* Render into memory (libharu document in, bytes out). */
static int render(const pr_doc *doc, unsigned char **data, size_t *len, pr_diags *d)
{
    *data = NULL;
    *len = 0;
    render_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.doc = doc;
    c.pdf = HPDF_NewEx(on_hpdf_error, hpdf_alloc, hpdf_free, 0, &c);
    if (!c.pdf) {
        pr_error(d, no_pos, NULL, "PDF : impossible d'initialiser la bibliothèque libharu");
        return -1;
    }
    c.what = "initialisation";
    HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(c.pdf);
    HPDF_SetCurrentEncoder(c.pdf, "UTF-8");
    check(&c);

    c.fonts = pr_calloc(doc->n_fonts + 1, sizeof *c.fonts);
    c.font_failed = pr_calloc(doc->n_fonts + 1, sizeof *c.font_failed);
    c.pages = pr_calloc(doc->n_pages + 1, sizeof *c.pages);
    collect_code_points(&c);
    const char *full = getenv("PR_PDF_FULL_FONTS");
    c.full_fonts = full && *full && strcmp(full, "0");
    c.what = "création des pages";
    c.content = pr_calloc(doc->n_pages + 1, sizeof *c.content);
    capturing = &c;
    for (size_t i = 0; i < doc->n_pages; i++) {
        c.pages[i] = HPDF_AddPage(c.pdf);
        if (!c.pages[i]) break;
        HPDF_Page_SetWidth(c.pages[i], (HPDF_REAL)doc->pages[i].width);
        HPDF_Page_SetHeight(c.pages[i], (HPDF_REAL)doc->pages[i].height);
        HPDF_PageAttr attr = (HPDF_PageAttr)c.pages[i]->attr;
        if (attr && attr->stream) {
            mem_write = attr->stream->write_fn;
            attr->stream->write_fn = capture_write;
        }
    }
    check(&c);

    zqueue zq;
    zqueue_start(&zq, doc->n_pages + sizeof c.font_jobs / sizeof *c.font_jobs);
    c.zq = &zq;
    c.page_job = pr_malloc((doc->n_pages + 1) * sizeof *c.page_job);
    for (size_t i = 0; i < doc->n_pages; i++)
        c.page_job[i] = (size_t)-1;
    for (size_t i = 0; i < doc->n_pages && !c.failed; i++) {
        const pr_page *p = &doc->pages[i];
        c.page = c.pages[i];
        c.cur_page = i;
        c.cur_stream = c.page ? ((HPDF_PageAttr)c.page->attr)->stream : NULL;
        c.ph = p->height;
        c.gs.fill = c.gs.stroke = 0;   /* PDF default: black, width 1 */
        c.gs.width = 1;
        c.gs_depth = 0;
        c.in_text = 0;
        for (size_t k = 0; k < p->n_ops; k++) {
            c.what = "dessin de page";
            draw_op(&c, &p->ops[k]);
            if (check(&c)) break;
        }
        end_text(&c);
        while (c.gs_depth > 0) grestore(&c);
        check(&c);
        c.page_job[i] = zqueue_submit(&zq, c.content[i].data, c.content[i].len, PAGE_DEFLATE_LEVEL);
    }
    if (!c.failed) compress_pages(&c);
    zqueue_free(&zq);
    c.zq = NULL;
    free(c.page_job);
    for (size_t i = 0; i < c.n_font_jobs; i++)
        free(c.font_jobs[i].raw);
    if (!c.failed) write_outline(&c);
    if (!c.failed) write_info(&c);
    if (!c.failed) write_file_id(&c);

    if (!c.failed) {
        c.what = "écriture";
        /* libharu saves into its memory stream, which it makes on first
         * use: made here, it writes into c.out */
        if (!c.pdf->stream)
            c.pdf->stream = HPDF_MemStream_New(c.pdf->mmgr, 4096);
        if (c.pdf->stream && mem_write)
            c.pdf->stream->write_fn = capture_write;
        HPDF_SaveToStream(c.pdf);
        if (!check(&c)) {
            *len = c.out.len;
            *data = (unsigned char *)pr_sb_steal(&c.out);
        }
    }
    capturing = NULL;
    HPDF_Free(c.pdf);
    for (size_t i = 0; i < doc->n_pages; i++)
        pr_sb_free(&c.content[i]);
    free(c.content);
    pr_sb_free(&c.out);
    free(c.fonts);
    free(c.font_failed);
    free(c.cp_sets);
    free(c.pages);
    free(c.img_paths);
    free(c.imgs);
    if (c.failed) {
        free(*data);
        *data = NULL;
        *len = 0;
        return -1;
    }
    return 0;
}

/* Render and write to `path`. */
int pr_pdf_write(const pr_doc *doc, const char *path, pr_diags *d)
{
    unsigned char *data;
    size_t len;
    if (pr_pdf_render(doc, &data, &len, d)) return -1;
    FILE *f = fopen(path, "wb");
    if (!f) {
        pr_error(d, no_pos, NULL, "impossible de créer « %s » : %s", path, pr_strerror(errno));
        free(data);
        return -1;
    }
    int ok = fwrite(data, 1, len, f) == len;
    int e = errno;
    if (fclose(f) != 0 && ok) ok = 0, e = errno;
    free(data);
    if (!ok) {
        pr_error(d, no_pos, NULL, "impossible d'écrire « %s » : %s", path, pr_strerror(e));
        return -1;
    }
    return 0;
}
