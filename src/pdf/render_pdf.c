/* render_pdf.c — display list (doc.h) to PDF.
 *
 * libharu 2.3.0 builds the document's objects (pages, fonts, images,
 * links, outline, information, cross-reference table) through its public
 * API and its object layer. The pages' content streams are written by the
 * project's own writer (pdf_content.h), compressed by pdf_deflate.h (a
 * helper thread compresses each page while the next ones are drawn), and
 * handed to libharu through the fence, hpdf_private.h: the only file that
 * knows libharu's internals.
 *
 * One pass over the pages: every page is created first (so internal links
 * and outline entries can point forward), then each page's operations are
 * written in order. The display list uses a top-left origin with y down;
 * PDF uses bottom-left with y up, so every y becomes (page height - y).
 * Each page's resources (/F1 fonts, /X1 images and forms) are named in the
 * order of their first use on the page, as libharu's own page operators
 * named them.
 *
 * Tagged PDF (PDF/UA-1) and PDF/A-1a: each operation is written inside the
 * marked-content sequence of its structure node (a BDC with an MCID) or
 * of the artifacts, a sequence running over consecutive operations of the
 * same node (text objects and clips close it); link annotations carry
 * their words (/Contents), the print flag and their place in a Link
 * element; pdf_struct.h writes the structure tree, pdf_xmp.h the XMP
 * metadata; the catalog gets /Lang, /MarkInfo, /ViewerPreferences
 * /DisplayDocTitle and the sRGB output intent; font descriptors get the
 * /CapHeight and /CIDSet libharu leaves out. No transparency: a
 * translucent paint is written in opaque colours blended over what lies
 * under it (pr_doc_backdrop). Shared shapes (doc.h) become form XObjects,
 * one per shape and painting operator, drawn under a matrix.
 *
 * Fonts: libharu 2.3.0 spends most of its time on every face it embeds (a
 * code-to-glyph map over all 65 536 BMP code points; compressing the whole
 * font program). So before drawing, the code points each face's text runs
 * use are collected, and libharu is handed a subset font holding only
 * those glyphs (font_subset.c), through an anonymous in-memory file
 * (memfd): nothing is written to disk. If a subset cannot be made or
 * handed over, the face is embedded from its original file (same text,
 * bigger PDF); the environment variable PR_PDF_FULL_FONTS=1 forces that
 * (and keeps libharu's full CIDToGIDMap), so tests can check that both
 * ways give the same text and the same pixels. Text runs are written with
 * two-byte codes equal to their Unicode code points (Identity-H); code
 * points above U+FFFF are drawn as a space.
 *
 * Errors: libharu reports through an error handler that records the first
 * error; it becomes a diagnostic of the class it calls for (base/diag.h):
 * memory exhaustion and unreadable or unusable input files (fonts,
 * images) are I/O errors (exit 3), a font whose licence forbids embedding
 * is a template error (the font is chosen in fonts/fonts.conf), anything
 * else is an internal error (exit 4, a bug to report, with libharu's
 * code). libharu allocates through pr_malloc: a failed allocation inside it
 * ends the program like anywhere else (pr_oom: temporary outputs removed,
 * "mémoire insuffisante", exit 3). No crash guard: the crash it caught was
 * libharu 2.3.0 using a failed allocation unchecked (HPDF_Page_ShowText,
 * no longer called), pr_malloc never returns NULL, and failing every 7th
 * allocation of a 2023 run, one run each, ends every run with status 3 and
 * that message (or 0), never with a signal. A crash now is a bug, and
 * leaves its core.
 * Nothing here aborts except a broken rule of the compression queue
 * (pdf_deflate.h), which is a bug. */
#define _GNU_SOURCE   /* memfd_create */
#include "pdf/render_pdf.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "image/photo.h"
#include "typeset/font.h"
#include "pdf/font_subset.h"
#include "pdf/hpdf_private.h"
#include "pdf/pdf_content.h"
#include "pdf/pdf_deflate.h"
#include "pdf/pdf_struct.h"
#include "pdf/pdf_xmp.h"

/* Largest font file read for subsetting (as font.c accepts). */
#define FONT_MAX_BYTES (64u * 1024u * 1024u)
/* zlib level for the pages' content streams (0.8 MB on the 2023 report,
 * mostly the map pages' long paths): level 2 takes a quarter of the time
 * of level 6 (libharu's) and 60 % of level 3's, for a PDF 20 % and 5 %
 * larger (measured: 12 / 47 / 19 ms; 339 / 300 / 322 KB). */
#define PAGE_DEFLATE_LEVEL 2
/* zlib level for the fonts' streams (font programs, maps): libharu's own. */
#define FONT_DEFLATE_LEVEL 6
/* Streams of a face handed to the compression queue: font program,
 * CIDToGIDMap, ToUnicode. */
#define FONT_STREAMS 3

/* The sRGB ICC profile of the output intent (PDF/A-1): Debian's
 * icc-profiles-free (tools/setup-deps, BUILD). */
#ifndef PR_SRGB_ICC
#define PR_SRGB_ICC "/usr/share/color/icc/sRGB.icc"
#endif

/* Kappa: control-point distance for a quarter circle of radius 1. */
#define KAPPA 0.5522847498

/* Graphics state we track to avoid redundant operators. */
typedef struct gstate {
    pr_rgb fill, stroke;
    double width;
    double char_spacing;           /* Tc (text state is graphics state) */
} gstate;

/* The resources of one kind that the current page uses: a subdictionary
 * of its /Resources (/Font, /XObject), made on first use, and
 * the objects in it, named prefix + (position + 1): F1, F2… */
typedef struct page_res {
    const char *key;
    char prefix;
    HPDF_Dict dict;
    const void **objs;
    size_t n, cap;
} page_res;

enum { RES_FONT, RES_XOBJECT, RES_KINDS };

/* A shared shape's form XObject, by shape and painting operator. */
typedef struct shape_form_rec {
    size_t key;                    /* shape * 8 + painting operator */
    HPDF_Dict form;
} shape_form_rec;

/* A font stream handed to the compression queue. */
typedef struct font_job {
    HPDF_Dict dict;                /* the stream object */
    size_t job;                    /* its piece in the queue */
} font_job;

typedef struct render_ctx {
    HPDF_Doc pdf;
    pr_hpdf_objects objs;          /* catalog, trailer, memory manager */
    pr_diags *d;
    const pr_doc *doc;
    /* first libharu error not yet reported */
    HPDF_STATUS err, detail;
    const char *what;              /* what we were doing, for messages */
    int failed;
    HPDF_Font *fonts;              /* by face index, NULL until loaded */
    pr_font **faces;               /* their metrics (kerning), by face index */
    int *font_failed;
    uint32_t *cp_sets;             /* PR_HPDF_CP_WORDS per face: code points drawn */
    int full_fonts;                /* PR_PDF_FULL_FONTS set: whole font files,
                                      untrimmed maps, for comparison */
    HPDF_Page *pages;
    HPDF_Encoder utf8;             /* for text strings (/Contents, /Alt…) */
    pr_struct *st;                 /* the structure tree being written */
    /* shared shapes: their forms, and the margin of their bounding boxes
     * (half the widest stroke, in the shape's units) */
    shape_form_rec *forms;
    size_t n_forms, cap_forms;
    double *shape_pad;
    /* images loaded so far */
    const pr_image **img_keys;     /* the decoded photos they come from */
    HPDF_Image *imgs;
    size_t n_imgs, cap_imgs;
    /* compression: the queue, each page's piece, the fonts' pieces */
    pr_zqueue *zq;
    size_t *page_job;
    font_job *font_jobs;
    size_t n_font_jobs, cap_font_jobs;
    /* current page */
    HPDF_Page page;
    size_t page_index;
    int page_annots;               /* it has annotations (so a /Tabs entry) */
    int mc;                        /* open marked content: a node,
                                      PR_NODE_ARTIFACT, or MC_NONE */
    double ph;                     /* page height */
    pr_pdf_content w;              /* its content stream */
    page_res res[RES_KINDS];
    gstate gs;
    gstate gs_stack[16];
    int gs_depth;
    int in_text;
    int text_font;
    double text_size;
    /* the file identifier's hashes, fed page by page as pages are drawn */
    uint64_t id_h1, id_h2;
    /* pr_pdf_write_release: the document whose pages' operations are
     * freed once drawn (NULL: kept); pr_pdf_write: the file the PDF is
     * saved into as libharu writes it (NULL: into memory) */
    pr_doc *release;
    FILE *out;
    const char *out_path;
    int out_errno;                 /* a failed write's errno, else 0 */
} render_ctx;

/* ---- errors ------------------------------------------------------------------ */

/* libharu's allocator: the program's. A failed allocation inside libharu
 * ends the run like any other (pr_oom: exit 3, "mémoire insuffisante"). */
static void *hpdf_alloc(HPDF_UINT size)
{
    return pr_malloc(size);
}

static void hpdf_free(void *p)
{
    free(p);
}

/* libharu error handler: remember the first error; never abort. */
static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    render_ctx *c = user_data;
    if (!c->err) {
        c->err = error_no;
        c->detail = detail_no;
    }
}

/* Record the status of a libharu call that may fail without calling the
 * error handler. */
static void status(render_ctx *c, HPDF_STATUS st)
{
    if (st != HPDF_OK && !c->err) {
        c->err = st;
        c->detail = 0;
    }
}

/* Turn libharu error e (detail `detail`) into a diagnostic about c->what,
 * of the class the error calls for. */
static void report_hpdf_error(render_ctx *c, HPDF_STATUS e, HPDF_STATUS detail)
{
    const char *what = c->what ? c->what : "génération";
    unsigned code = (unsigned)e, det = (unsigned)detail;
    switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM:
        pr_io_error(c->d, (pr_pos){0}, "PDF : %s : mémoire insuffisante", what);
        return;
    case HPDF_ZLIB_ERROR:   /* detail: zlib's return code */
        if ((int)detail == Z_MEM_ERROR) {
            pr_io_error(c->d, (pr_pos){0}, "PDF : %s : mémoire insuffisante", what);
            return;
        }
        break;
    case HPDF_FILE_OPEN_ERROR:
    case HPDF_FILE_IO_ERROR:
        pr_io_error(c->d, (pr_pos){0}, "PDF : « %s » : fichier introuvable ou illisible "
                                       "(code libharu 0x%04X, détail %u)", what, code, det);
        return;
    case HPDF_INVALID_TTC_FILE:
    case HPDF_INVALID_TTC_INDEX:
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_UNSUPPORTED_FONT_TYPE:   /* the file passed font.c's checks, not libharu's */
        pr_io_error(c->d, (pr_pos){0}, "PDF : police « %s » inutilisable par libharu "
                                       "(code libharu 0x%04X, détail %u)", what, code, det);
        return;
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
        pr_template_error(c->d, (pr_pos){0}, NULL,
                          "PDF : la licence de la police « %s » interdit son incorporation dans "
                          "un PDF : choisissez-en une autre dans fonts/fonts.conf", what);
        return;
    default:
        break;
    }
    pr_internal_error(c->d, "PDF : erreur interne de la bibliothèque libharu pendant : %s "
                            "(code libharu 0x%04X, détail %u) ; c'est un défaut de "
                            "planif-rapport, à signaler", what, code, det);
}

/* If libharu reported an error since the last check, turn it into a
 * diagnostic and reset libharu's error state. Returns 1 if there was an
 * error. */
static int check(render_ctx *c)
{
    if (!c->err)
        return 0;
    report_hpdf_error(c, c->err, c->detail);
    c->err = 0;
    c->detail = 0;
    c->failed = 1;
    HPDF_ResetError(c->pdf);
    return 1;
}

/* Forget an error libharu recorded that is not one (an absent item). */
static void forget_error(render_ctx *c)
{
    c->err = 0;
    c->detail = 0;
    HPDF_ResetError(c->pdf);
}

/* ---- page resources ------------------------------------------------------------ */

/* Start the resources of a new page. */
static void res_begin_page(render_ctx *c)
{
    static const char *const keys[RES_KINDS] = {"Font", "XObject"};
    static const char prefixes[RES_KINDS] = {'F', 'X'};
    for (int k = 0; k < RES_KINDS; k++) {
        page_res *r = &c->res[k];
        r->key = keys[k];
        r->prefix = prefixes[k];
        r->dict = NULL;
        r->n = 0;
    }
}

/* The name of obj in the current page's resources of kind `kind`, added
 * on first use; NULL on a libharu error (recorded). */
static const char *res_name(render_ctx *c, int kind, void *obj, char name[24])
{
    page_res *r = &c->res[kind];
    size_t i = 0;
    while (i < r->n && r->objs[i] != obj)
        i++;
    snprintf(name, 24, "%c%zu", r->prefix, i + 1);
    if (i < r->n)
        return name;
    if (!r->dict) {
        HPDF_Dict resources = HPDF_Dict_GetItem(c->page, "Resources", HPDF_OCLASS_DICT);
        r->dict = resources ? HPDF_Dict_New(c->objs.mmgr) : NULL;
        if (!r->dict || HPDF_Dict_Add(resources, r->key, r->dict) != HPDF_OK) {
            status(c, HPDF_INVALID_OBJECT);
            r->dict = NULL;
            return NULL;
        }
    }
    if (HPDF_Dict_Add(r->dict, name, obj) != HPDF_OK) {
        status(c, HPDF_INVALID_OBJECT);
        return NULL;
    }
    PR_PUSH(r->objs, r->n, r->cap, obj);
    return name;
}

/* ---- graphics state ------------------------------------------------------------- */

/* Set the fill colour from 0xRRGGBB. */
static void set_fill(render_ctx *c, pr_rgb col)
{
    if (c->gs.fill == col)
        return;
    c->gs.fill = col;
    pr_pdf_fill_rgb(&c->w, ((col >> 16) & 255) / 255.0, ((col >> 8) & 255) / 255.0,
                    (col & 255) / 255.0);
}

/* Set the stroke colour from 0xRRGGBB. */
static void set_stroke(render_ctx *c, pr_rgb col)
{
    if (c->gs.stroke == col)
        return;
    c->gs.stroke = col;
    pr_pdf_stroke_rgb(&c->w, ((col >> 16) & 255) / 255.0, ((col >> 8) & 255) / 255.0,
                      (col & 255) / 255.0);
}

/* Set the line width. */
static void set_width(render_ctx *c, double w)
{
    if (w <= 0)
        w = 1;
    if (c->gs.width == w)
        return;
    c->gs.width = w;
    pr_pdf_line_width(&c->w, w);
}

/* Leave a text object if one is open. */
static void end_text(render_ctx *c)
{
    if (!c->in_text)
        return;
    pr_pdf_end_text(&c->w);
    c->in_text = 0;
}

/* Save the graphics state (and our tracking of it). */
static void gsave(render_ctx *c)
{
    end_text(c);
    pr_pdf_save(&c->w);
    if (c->gs_depth < (int)(sizeof c->gs_stack / sizeof c->gs_stack[0]))
        c->gs_stack[c->gs_depth] = c->gs;
    c->gs_depth++;
}

/* Restore the graphics state saved by gsave(). */
static void grestore(render_ctx *c)
{
    end_text(c);
    if (c->gs_depth <= 0)
        return;   /* unbalanced unclip: ignore */
    pr_pdf_restore(&c->w);
    c->gs_depth--;
    if (c->gs_depth < (int)(sizeof c->gs_stack / sizeof c->gs_stack[0])) {
        c->gs = c->gs_stack[c->gs_depth];
    } else {   /* deeper than tracked: unknown, so everything is set again */
        c->gs.fill = c->gs.stroke = PR_RGB_NONE - 1;
        c->gs.width = -1;
        c->gs.char_spacing = NAN;
    }
}

/* Does this paint need its own graphics state (dash, caps)? */
static int paint_special(const pr_paint *p)
{
    return p->dash_on > 0 || p->round_caps;
}

/* The opacity of a paint's fill (1 when opaque) and of its stroke. */
static double fill_alpha(const pr_paint *p)
{
    return p->opacity > 0 && p->opacity < 1 ? p->opacity : 1;
}

static double stroke_alpha(const pr_paint *p)
{
    return p->stroke_opacity > 0 && p->stroke_opacity < 1 ? p->stroke_opacity : fill_alpha(p);
}

/* Paint `p` of operation k of the current page with its opacities
 * pre-blended, in opaque colours, over what lies under (x, y): PDF/A-1
 * forbids transparency. A stroke is blended over its own fill, which it
 * mostly covers. */
static pr_paint opaque_paint(render_ctx *c, const pr_paint *p, size_t k, double x, double y)
{
    pr_paint q = *p;
    double fa = fill_alpha(p), sa = stroke_alpha(p);
    q.opacity = q.stroke_opacity = 0;
    if ((fa >= 1 || p->fill == PR_RGB_NONE) && (sa >= 1 || p->stroke == PR_RGB_NONE))
        return q;
    pr_rgb under = pr_doc_backdrop(c->doc, (int)c->page_index, k, x, y);
    if (q.fill != PR_RGB_NONE) {
        q.fill = pr_rgb_blend(q.fill, under, fa);
        under = q.fill;
    }
    if (q.stroke != PR_RGB_NONE)
        q.stroke = pr_rgb_blend(q.stroke, under, sa);
    return q;
}

/* Set the dash, caps and joins of a special paint, lengths divided by
 * `scale` (the current transformation's). */
static void paint_state(render_ctx *c, const pr_paint *p, double scale)
{
    if (p->dash_on > 0)
        pr_pdf_dash(&c->w, (p->dash_on < 1 ? 1 : (double)lround(p->dash_on)) / scale,
                    (p->dash_off < 1 ? 1 : (double)lround(p->dash_off)) / scale, 0);
    if (p->round_caps) {
        pr_pdf_line_cap(&c->w, PR_PDF_ROUND_CAP);
        pr_pdf_line_join(&c->w, PR_PDF_ROUND_JOIN);
    }
}

/* Prepare colours and state for painting (an opaque paint); returns 1 if
 * a gsave was done. */
static int paint_begin(render_ctx *c, const pr_paint *p)
{
    end_text(c);
    int saved = 0;
    if (paint_special(p)) {
        gsave(c);
        saved = 1;
        paint_state(c, p, 1);
    }
    if (p->fill != PR_RGB_NONE)
        set_fill(c, p->fill);
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
    pr_pdf_paint_op op = f && s ? (even_odd ? PR_PDF_EOFILL_STROKE : PR_PDF_FILL_STROKE)
                         : f    ? (even_odd ? PR_PDF_EOFILL : PR_PDF_FILL)
                         : s    ? PR_PDF_STROKE
                                : PR_PDF_NO_PAINT;
    pr_pdf_paint(&c->w, op);
    if (saved)
        grestore(c);
}

/* ---- paths ------------------------------------------------------------------- */

/* Write the segments of a path (display-list coordinates), coordinates to
 * the hundredth of a point (0.0035 mm): paths need no more on paper, and
 * the map pages' outlines (most of the PDF's content and of its
 * compression time) get shorter. A segment before any move is skipped; an
 * empty path is "0 0 m", which keeps the painting operator valid. */
static void write_path(render_ctx *c, const pr_seg *segs, size_t n)
{
    pr_pdf_content *w = &c->w;
    int open = 0;
    pr_pdf_set_coords(w, PR_PDF_HUNDREDTHS);
    for (size_t i = 0; i < n; i++) {
        const pr_seg *s = &segs[i];
        switch (s->kind) {
        case PR_SEG_MOVE:
            pr_pdf_move(w, s->x, c->ph - s->y);
            open = 1;
            break;
        case PR_SEG_LINE:
            if (open)
                pr_pdf_line(w, s->x, c->ph - s->y);
            break;
        case PR_SEG_CURVE:
            if (open)
                pr_pdf_curve(w, s->x1, c->ph - s->y1, s->x2, c->ph - s->y2, s->x, c->ph - s->y);
            break;
        case PR_SEG_CLOSE:
            if (open)
                pr_pdf_close(w);
            break;
        }
    }
    if (!open)
        pr_pdf_move(w, 0, 0);
    pr_pdf_set_coords(w, PR_PDF_REALS);
}

/* Append a (rounded) rectangle to the current path. */
static void path_rect(render_ctx *c, pr_box b, double r)
{
    double x0 = b.x, x1 = b.x + b.w;
    double y0 = c->ph - b.y - b.h, y1 = c->ph - b.y;   /* PDF: y0 bottom */
    double maxr = fmin(b.w, b.h) / 2;
    if (r > maxr)
        r = maxr;
    if (r <= 0.01) {
        pr_pdf_rect(&c->w, x0, y0, b.w, b.h);
        return;
    }
    double k = r * (1 - KAPPA);
    pr_pdf_content *w = &c->w;
    pr_pdf_move(w, x0 + r, y0);
    pr_pdf_line(w, x1 - r, y0);
    pr_pdf_curve(w, x1 - k, y0, x1, y0 + k, x1, y0 + r);
    pr_pdf_line(w, x1, y1 - r);
    pr_pdf_curve(w, x1, y1 - k, x1 - k, y1, x1 - r, y1);
    pr_pdf_line(w, x0 + r, y1);
    pr_pdf_curve(w, x0 + k, y1, x0, y1 - k, x0, y1 - r);
    pr_pdf_line(w, x0, y0 + r);
    pr_pdf_curve(w, x0, y0 + k, x0 + k, y0, x0 + r, y0);
    pr_pdf_close(w);
}

/* ---- fonts --------------------------------------------------------------------- */

static void set_deflated(render_ctx *c, HPDF_Dict stream, const void *data, size_t len);

/* The codes a text run draws: its Unicode code points, each as one
 * two-byte code; code points above U+FFFF become a space (the fonts'
 * codes are BMP code points, see font_subset.h), invalid bytes are skipped
 * (the loaders accept only valid UTF-8). out needs room for strlen(text)
 * codes; returns how many. */
static size_t text_codes(const char *text, uint16_t *out)
{
    size_t len = strlen(text), n = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        int k = pr_utf8_decode(text + i, len - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        out[n++] = cp > 0xFFFF ? (uint16_t)' ' : (uint16_t)cp;
        i += (size_t)k;
    }
    return n;
}

/* Add the codes of UTF-8 `text` to `set`. */
static void add_code_points(uint32_t *set, const char *text)
{
    size_t len = strlen(text);
    uint16_t stack[256], *codes = len <= 256 ? stack : pr_malloc(len * sizeof *codes);
    size_t n = text_codes(text, codes);
    for (size_t i = 0; i < n; i++)
        set[codes[i] / 32] |= 1u << (codes[i] % 32);
    if (codes != stack)
        free(codes);
}

/* Collect, for every face, the code points its text runs draw. */
static void collect_code_points(render_ctx *c)
{
    const pr_doc *doc = c->doc;
    c->cp_sets = pr_calloc((doc->n_fonts + 1) * PR_HPDF_CP_WORDS, sizeof *c->cp_sets);
    for (size_t i = 0; i < doc->n_pages; i++)
        for (size_t k = 0; k < doc->pages[i].n_ops; k++) {
            const pr_op *op = &doc->pages[i].ops[k];
            if (op->kind == PR_OP_TEXT && op->u.text.font >= 0 &&
                (size_t)op->u.text.font < doc->n_fonts && op->u.text.text)
                add_code_points(c->cp_sets + (size_t)op->u.text.font * PR_HPDF_CP_WORDS,
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
    const uint32_t *set = c->cp_sets + (size_t)idx * PR_HPDF_CP_WORDS;
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
            forget_error(c);
            name = NULL;
        }
    }
    free(sub);
    close(fd);
    return name;
}

/* libharu 2.3.0 gives UTF-8 TrueType fonts (codes = Unicode BMP values,
 * Identity-H) a ToUnicode stream written as a CID CMap ("begincidrange"),
 * which readers reject ("Invalid 'begincidrange' operator") before falling
 * back to guessing. Replace its content with a proper identity ToUnicode
 * CMap (bfrange per 256-code block, surrogates excluded). */
static void fix_to_unicode(render_ctx *c, HPDF_Font font)
{
    HPDF_Dict tu = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu)
        return;
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    int blocks[256], nb = 0;
    for (int hi = 0; hi < 256; hi++)
        if (hi < 0xD8 || hi > 0xDF)
            blocks[nb++] = hi;
    for (int i = 0; i < nb; i += 100) {
        int n = nb - i < 100 ? nb - i : 100;
        pr_sb_printf(&sb, "%d beginbfrange\n", n);
        for (int k = i; k < i + n; k++)
            pr_sb_printf(&sb, "<%02X00> <%02XFF> <%02X00>\n", blocks[k], blocks[k], blocks[k]);
        pr_sb_puts(&sb, "endbfrange\n");
    }
    pr_sb_puts(&sb, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    status(c, pr_hpdf_stream_set(tu, sb.data, sb.len, 0));
    HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
    HPDF_Dict_RemoveElement(tu, "CMapName");
    HPDF_Dict_RemoveElement(tu, "Type");
    HPDF_Dict_RemoveElement(tu, "WMode");
    pr_sb_free(&sb);
    check(c);
}

/* libharu embeds the outlines of the glyphs its text measuring marked as
 * used; the project's writer measures nothing, so the code points a face
 * draws are measured once, as one UTF-8 string (HPDF_Font_TextWidth). */
static void mark_glyphs_used(render_ctx *c, HPDF_Font font, const uint32_t *set)
{
    pr_strbuf sb = {0};
    char utf8[4];
    for (unsigned cp = 1; cp < 65536; cp++)
        if (set[cp / 32] >> (cp % 32) & 1)
            pr_sb_add(&sb, utf8, (size_t)pr_utf8_encode(cp, utf8));
    if (sb.len)
        HPDF_Font_TextWidth(font, (const HPDF_BYTE *)sb.data, (HPDF_UINT)sb.len);
    pr_sb_free(&sb);
    check(c);
}

/* Hand stream object obj to the compression queue if libharu would
 * compress it when saving. */
static void queue_stream(render_ctx *c, HPDF_Dict obj)
{
    if (!obj || !pr_hpdf_stream_deflates(obj))
        return;
    unsigned char *raw;
    size_t len;
    status(c, pr_hpdf_stream_read(obj, &raw, &len));
    if (check(c))
        return;
    font_job job = {obj, pr_zq_submit(c->zq, &raw, len, FONT_DEFLATE_LEVEL)};
    PR_PUSH(c->font_jobs, c->n_font_jobs, c->cap_font_jobs, job);
}

/* Hand a face's streams to the compression queue: the font program
 * (FontFile2), the CIDToGIDMap and the ToUnicode map, which libharu would
 * compress at level 6 on the main thread when saving. libharu makes the
 * font descriptor and the font program then; made now instead (every glyph
 * is marked used already), their streams can be compressed while pages
 * are drawn. */
static void queue_font_streams(render_ctx *c, HPDF_Font font)
{
    status(c, pr_hpdf_font_prepare(font));
    if (check(c))
        return;
    HPDF_Array kids = HPDF_Dict_GetItem((HPDF_Dict)font, "DescendantFonts", HPDF_OCLASS_ARRAY);
    HPDF_Dict cid_font = kids ? HPDF_Array_GetItem(kids, 0, HPDF_OCLASS_DICT) : NULL;
    HPDF_Dict desc = cid_font ? HPDF_Dict_GetItem(cid_font, "FontDescriptor", HPDF_OCLASS_DICT) : NULL;
    HPDF_Dict streams[FONT_STREAMS] = {
        desc ? HPDF_Dict_GetItem(desc, "FontFile2", HPDF_OCLASS_DICT) : NULL,
        cid_font ? HPDF_Dict_GetItem(cid_font, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL,
        HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT)};
    forget_error(c);   /* an absent item is not an error here */
    for (int k = 0; k < FONT_STREAMS; k++)
        queue_stream(c, streams[k]);
}

/* What PDF/A-1 wants in a font descriptor and libharu 2.3.0 leaves out
 * (ISO 19005-1, 6.3.5; ISO 32000-1, 9.8): /CapHeight (in thousandths of
 * an em, read from the font file), and for a subset the /CIDSet, one bit
 * per CID the font program has a glyph for (those its CIDToGIDMap maps to
 * a glyph other than 0, and CID 0), highest bit first. Done once the
 * descriptor exists (pr_hpdf_font_prepare). */
static void complete_descriptor(render_ctx *c, HPDF_Font font, const pr_font *f)
{
    HPDF_Array kids = HPDF_Dict_GetItem((HPDF_Dict)font, "DescendantFonts", HPDF_OCLASS_ARRAY);
    HPDF_Dict cid_font = kids ? HPDF_Array_GetItem(kids, 0, HPDF_OCLASS_DICT) : NULL;
    HPDF_Dict desc = cid_font ? HPDF_Dict_GetItem(cid_font, "FontDescriptor", HPDF_OCLASS_DICT) : NULL;
    HPDF_Dict map = cid_font ? HPDF_Dict_GetItem(cid_font, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
    forget_error(c);
    if (!desc)
        return;
    if (f && pr_font_units_per_em(f) > 0)
        status(c, HPDF_Dict_AddNumber(desc, "CapHeight",
                                      (HPDF_INT32)lround(pr_font_cap_height(f) * 1000.0 /
                                                         pr_font_units_per_em(f))));
    unsigned char *raw;
    size_t len;
    if (!map || pr_hpdf_stream_read(map, &raw, &len) != HPDF_OK) {
        forget_error(c);
        return;
    }
    size_t n_cids = len / 2;
    size_t n_bytes = (n_cids + 7) / 8;
    unsigned char *bits = pr_calloc(n_bytes + 1, 1);
    bits[0] |= 0x80;   /* CID 0, .notdef */
    for (size_t cid = 1; cid < n_cids; cid++)
        if (raw[2 * cid] || raw[2 * cid + 1])
            bits[cid / 8] |= (unsigned char)(0x80 >> (cid % 8));
    free(raw);
    HPDF_Dict set = HPDF_DictStream_New(c->objs.mmgr, c->objs.xref);
    if (set) {
        set_deflated(c, set, bits, n_bytes ? n_bytes : 1);
        status(c, HPDF_Dict_Add(desc, "CIDSet", set));
    }
    free(bits);
    check(c);
}

/* The libharu font for face `idx`, loading (and embedding) it on first use. */
static HPDF_Font get_font(render_ctx *c, int idx)
{
    if (idx < 0 || (size_t)idx >= c->doc->n_fonts)
        return NULL;
    if (c->fonts[idx] || c->font_failed[idx])
        return c->fonts[idx];
    const char *path = c->doc->fonts[idx];
    const uint32_t *drawn = c->cp_sets + (size_t)idx * PR_HPDF_CP_WORDS;
    pr_mapped file;
    int err = pr_map_file(path, FONT_MAX_BYTES, &file);
    if (err) {
        pr_io_error(c->d, (pr_pos){0}, "PDF : police « %s » illisible : %s", path, pr_strerror(err));
        c->font_failed[idx] = 1;
        c->failed = 1;
        return NULL;
    }
    c->what = path;
    const char *name = c->full_fonts ? NULL : load_subset(c, idx, file.data, file.len);
    pr_unmap_file(&file);
    HPDF_Font font = NULL;
    if (name) {
        /* the subset's code points: those drawn, plus H and x */
        uint32_t *map = pr_malloc(PR_HPDF_CP_WORDS * sizeof *map);
        memcpy(map, drawn, PR_HPDF_CP_WORDS * sizeof *map);
        map['H' / 32] |= 1u << ('H' % 32);
        map['x' / 32] |= 1u << ('x' % 32);
        font = pr_hpdf_type0_font(c->pdf, name, map);
        free(map);
    } else {
        name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
        font = name && !c->err ? pr_hpdf_type0_font(c->pdf, name, NULL) : NULL;
    }
    if (check(c) || !font) {
        if (!c->failed)
            pr_internal_error(c->d, "PDF : police « %s » : libharu n'a pas créé la police "
                                    "(défaut de planif-rapport, à signaler)", path);
        c->font_failed[idx] = 1;
        c->failed = 1;
        return NULL;
    }
    fix_to_unicode(c, font);
    mark_glyphs_used(c, font, drawn);
    if (!c->full_fonts) {
        queue_font_streams(c, font);
    } else {
        status(c, pr_hpdf_font_prepare(font));
        check(c);
    }
    pr_diags fd;
    pr_diags_init(&fd);
    c->faces[idx] = pr_font_load(path, &fd);   /* read, embedded: it loads */
    pr_diags_free(&fd);
    complete_descriptor(c, font, c->faces[idx]);
    c->fonts[idx] = font;
    return font;
}

/* ---- drawing ----------------------------------------------------------------- */

/* The adjustments a text operation is drawn with (pr_pdf_show_adjusted):
 * after codes[i], minus the kerning pair (codes[i], codes[i + 1]) of face
 * m when kerned, minus word_spacing (points at `size`) after a space; in
 * thousandths of the size. The drawn advance is then the sum of the
 * advances (the /W widths, pr_font_metrics' advances) minus the sum of
 * adj, times size / 1000: what pr_metrics_width(m, size, text, kern)
 * measured, plus word_spacing per space. */
void pr_pdf_text_adjustments(const pr_font_metrics *m, const uint16_t *codes, size_t n,
                             int kern, double word_spacing, double size, double *adj)
{
    double ws = size > 0 ? word_spacing * 1000.0 / size : 0;
    for (size_t i = 0; i < n; i++) {
        adj[i] = 0;
        if (kern && m && i + 1 < n)
            adj[i] = -m->kerning(m->ctx, codes[i], codes[i + 1]);
        if (codes[i] == ' ' && ws != 0)
            adj[i] -= ws;
    }
}

/* Draw a text run: its position (text matrix), then its codes, kerned
 * and spaced as the layout measured them. */
static void draw_text(render_ctx *c, const pr_op *op)
{
    HPDF_Font font = get_font(c, op->u.text.font);
    if (!font)
        return;
    if (!c->in_text) {
        pr_pdf_begin_text(&c->w);
        c->in_text = 1;
        c->text_font = -1;
    }
    if (c->text_font != op->u.text.font || c->text_size != op->u.text.size) {
        char name[24];
        if (!res_name(c, RES_FONT, font, name))
            return;
        pr_pdf_font(&c->w, name, op->u.text.size);
        c->text_font = op->u.text.font;
        c->text_size = op->u.text.size;
    }
    if (c->gs.char_spacing != op->u.text.char_spacing) {
        pr_pdf_char_spacing(&c->w, op->u.text.char_spacing);
        c->gs.char_spacing = op->u.text.char_spacing;
    }
    set_fill(c, op->u.text.color);
    pr_pdf_text_matrix(&c->w, 1, 0, 0, 1, op->u.text.x, c->ph - op->u.text.y);
    const char *text = op->u.text.text;
    size_t len = strlen(text);
    if (!len)
        return;
    uint16_t stack[256], *codes = len <= 256 ? stack : pr_malloc(len * sizeof *codes);
    double astack[256], *adj = len <= 256 ? astack : pr_malloc(len * sizeof *adj);
    size_t n = text_codes(text, codes);
    const pr_font *face = c->faces[op->u.text.font];
    pr_font_metrics m;
    if (face)
        m = pr_font_metrics_of(face);
    if (n) {
        pr_pdf_text_adjustments(face ? &m : NULL, codes, n, op->u.text.kern,
                                op->u.text.word_spacing, op->u.text.size, adj);
        pr_pdf_show_adjusted(&c->w, codes, adj, n);
    }
    if (codes != stack)
        free(codes);
    if (adj != astack)
        free(adj);
}

/* The PDF image for a photo's decoded pixels (image/photo.h: 8-bit grey or
 * RGB, transparency already blended on white), made once per photo; NULL
 * on error (reported). libharu's own PNG and JPEG loaders are never used:
 * every file was decoded, and checked to the end, when the data was. */
static HPDF_Image get_image(render_ctx *c, const char *path, const pr_image *px)
{
    for (size_t i = 0; i < c->n_imgs; i++)
        if (c->img_keys[i] == px)
            return c->imgs[i];
    HPDF_Image img = NULL;
    if (!px || !px->pixels || px->width <= 0 || px->height <= 0 ||
        (px->channels != 1 && px->channels != 3)) {
        pr_internal_error(c->d, "PDF : image « %s » sans pixels décodés (un bogue, à signaler)",
                          path ? path : "");
        c->failed = 1;
    } else {
        c->what = path;
        img = HPDF_LoadRawImageFromMem(c->pdf, px->pixels, (HPDF_UINT)px->width,
                                       (HPDF_UINT)px->height,
                                       px->channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
        if (check(c))
            img = NULL;
    }
    size_t cap = c->cap_imgs;
    pr_grow((void **)&c->img_keys, &cap, c->n_imgs + 1, sizeof *c->img_keys);
    pr_grow((void **)&c->imgs, &c->cap_imgs, c->n_imgs + 1, sizeof *c->imgs);
    c->img_keys[c->n_imgs] = px;
    c->imgs[c->n_imgs++] = img;
    return img;
}

/* Draw an image stretched to box b. */
static void draw_image(render_ctx *c, const char *path, const pr_image *px, pr_box b)
{
    HPDF_Image img = get_image(c, path, px);
    char name[24];
    if (!img)
        return;
    end_text(c);
    if (!res_name(c, RES_XOBJECT, img, name))
        return;
    pr_pdf_save(&c->w);
    pr_pdf_concat(&c->w, b.w, 0, 0, b.h, b.x, c->ph - b.y - b.h);
    pr_pdf_xobject(&c->w, name);
    pr_pdf_restore(&c->w);
}

/* PDF rectangle of a display-list box. */
static HPDF_Rect pdf_rect(const render_ctx *c, pr_box b)
{
    HPDF_Rect rect;
    rect.left = (HPDF_REAL)b.x;
    rect.right = (HPDF_REAL)(b.x + b.w);
    rect.bottom = (HPDF_REAL)(c->ph - b.y - b.h);
    rect.top = (HPDF_REAL)(c->ph - b.y);
    return rect;
}

/* A destination on page `pg` at display-list height `y`. */
static HPDF_Destination make_dest(render_ctx *c, int pg, double y)
{
    if (pg < 0 || (size_t)pg >= c->doc->n_pages)
        return NULL;
    HPDF_Destination dst = HPDF_Page_CreateDestination(c->pages[pg]);
    double top = c->doc->pages[pg].height - y;
    if (top < 0)
        top = 0;
    if (dst)
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)top);   /* XYZ refuses a null zoom */
    return dst;
}

/* A text string object of text (UTF-8), written as UTF-16. */
static HPDF_String text_string(render_ctx *c, const char *text)
{
    return HPDF_String_New(c->objs.mmgr, text, c->utf8);
}

/* What a link does, in words, when its producer said nothing: the
 * address, or the page it leads to (French: read by screen readers). */
static char *link_contents(const pr_op *op)
{
    if (op->u.link.contents && *op->u.link.contents)
        return pr_strdup(op->u.link.contents);
    if (op->u.link.uri)
        return pr_strdup(op->u.link.uri);
    return pr_asprintf("Aller à la page %d", op->u.link.dest_page + 1);
}

/* Add a link annotation without visible border, printed (PDF/A-1), with
 * its description (/Contents) and its place in the structure (a Link
 * element: /StructParent). */
static void draw_link(render_ctx *c, const pr_op *op)
{
    HPDF_Rect rect = pdf_rect(c, op->u.link.box);
    HPDF_Annotation a = NULL;
    if (op->u.link.uri) {
        a = HPDF_Page_CreateURILinkAnnot(c->page, rect, op->u.link.uri);
    } else {
        HPDF_Destination dst = make_dest(c, op->u.link.dest_page, op->u.link.dest_y);
        if (!dst) {
            pr_internal_error(c->d, "PDF : lien interne vers une page inexistante (%d) : c'est un "
                                    "défaut de planif-rapport, à signaler", op->u.link.dest_page + 1);
            c->failed = 1;
            return;
        }
        a = HPDF_Page_CreateLinkAnnot(c->page, rect, dst);
    }
    if (!a)
        return;
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    HPDF_Dict ad = (HPDF_Dict)a;
    status(c, HPDF_Dict_AddNumber(ad, "F", 4));   /* Print */
    char *contents = link_contents(op);
    HPDF_String str = text_string(c, contents);
    free(contents);
    if (str)
        status(c, HPDF_Dict_Add(ad, "Contents", str));
    int key = pr_struct_annot(c->st, (int)c->page_index, op, ad);
    status(c, HPDF_Dict_AddNumber(ad, "StructParent", key));
    if (!c->page_annots) {
        c->page_annots = 1;
        status(c, HPDF_Dict_AddName(c->page, "Tabs", "S"));   /* tab order: the structure's */
    }
}

/* ---- marked content ------------------------------------------------------------- */

#define MC_NONE (-2)

/* End the open marked-content sequence, if any. */
static void mc_close(render_ctx *c)
{
    if (c->mc == MC_NONE)
        return;
    end_text(c);
    pr_pdf_end_marked(&c->w);
    c->mc = MC_NONE;
}

/* Put operation `op` in the marked-content sequence of its node (or of
 * the artifacts), opening one when it changes. */
static void mc_for(render_ctx *c, const pr_op *op)
{
    int want = op->node >= 0 && (size_t)op->node < c->doc->n_nodes ? op->node : PR_NODE_ARTIFACT;
    if (want == c->mc)
        return;
    mc_close(c);
    if (want == PR_NODE_ARTIFACT) {
        pr_pdf_begin_artifact(&c->w);
    } else {
        int mcid = pr_struct_mcid(c->st, (int)c->page_index, want, op->seq);
        pr_pdf_begin_tagged(&c->w, pr_struct_type(c->st, want), mcid);
    }
    c->mc = want;
}

/* ---- shared shapes ---------------------------------------------------------------- */

/* The painting operator of a paint. */
static pr_pdf_paint_op paint_op(const pr_paint *p, int even_odd)
{
    int f = p->fill != PR_RGB_NONE, s = p->stroke != PR_RGB_NONE;
    return f && s ? (even_odd ? PR_PDF_EOFILL_STROKE : PR_PDF_FILL_STROKE)
           : f    ? (even_odd ? PR_PDF_EOFILL : PR_PDF_FILL)
           : s    ? PR_PDF_STROKE
                  : PR_PDF_NO_PAINT;
}

/* Compress data[0..len) for a stream (zlib, libharu's level); *out
 * malloc'd. Returns 0, or -1 when zlib fails (memory). */
static int deflate_buf(const void *data, size_t len, unsigned char **out, size_t *out_len)
{
    uLongf n = compressBound((uLong)len);
    unsigned char *z = pr_malloc(n ? n : 1);
    if (compress2(z, &n, data, (uLong)len, FONT_DEFLATE_LEVEL) != Z_OK) {
        free(z);
        return -1;
    }
    *out = z;
    *out_len = n;
    return 0;
}

/* Set a stream's data, compressed. */
static void set_deflated(render_ctx *c, HPDF_Dict stream, const void *data, size_t len)
{
    unsigned char *z;
    size_t zlen;
    if (deflate_buf(data, len, &z, &zlen))
        pr_oom();
    status(c, pr_hpdf_stream_set(stream, z, zlen, 1));
    free(z);
}

/* The form XObject drawing shape `shape` painted with `op` (colours,
 * width, dash and caps come from the user), made on first use: the path
 * in the shape's units (y down: the user's matrix flips it), to the
 * hundredth, then the painting operator. */
static HPDF_Dict shape_form(render_ctx *c, int shape, pr_pdf_paint_op op)
{
    size_t key = (size_t)shape * 8 + (size_t)op;
    for (size_t i = 0; i < c->n_forms; i++)
        if (c->forms[i].key == key)
            return c->forms[i].form;
    const pr_shape *sh = &c->doc->shapes[shape];
    pr_pdf_content w;
    pr_pdf_content_init(&w);
    pr_pdf_set_coords(&w, PR_PDF_HUNDREDTHS);
    int open = 0;
    for (size_t i = 0; i < sh->n; i++) {
        const pr_seg *s = &sh->segs[i];
        if (s->kind == PR_SEG_MOVE) {
            pr_pdf_move(&w, s->x, s->y);
            open = 1;
        } else if (!open) {
            continue;
        } else if (s->kind == PR_SEG_LINE) {
            pr_pdf_line(&w, s->x, s->y);
        } else if (s->kind == PR_SEG_CURVE) {
            pr_pdf_curve(&w, s->x1, s->y1, s->x2, s->y2, s->x, s->y);
        } else {
            pr_pdf_close(&w);
        }
    }
    if (!open)
        pr_pdf_move(&w, 0, 0);
    pr_pdf_paint(&w, op);
    HPDF_Dict form = NULL;
    if (pr_pdf_content_finish(&w)) {
        pr_internal_error(c->d, "PDF : forme partagée : opérateur « %s » mal placé : c'est un "
                                "défaut de planif-rapport, à signaler", w.misuse);
        c->failed = 1;
    } else {
        form = HPDF_DictStream_New(c->objs.mmgr, c->objs.xref);
        HPDF_Array bbox = form ? HPDF_Array_New(c->objs.mmgr) : NULL;
        if (form && bbox) {
            double pad = c->shape_pad[shape];
            status(c, HPDF_Dict_AddName(form, "Type", "XObject"));
            status(c, HPDF_Dict_AddName(form, "Subtype", "Form"));
            status(c, HPDF_Dict_Add(form, "BBox", bbox));
            HPDF_Array_AddReal(bbox, (HPDF_REAL)floor(sh->x0 - pad));
            HPDF_Array_AddReal(bbox, (HPDF_REAL)floor(sh->y0 - pad));
            HPDF_Array_AddReal(bbox, (HPDF_REAL)ceil(sh->x1 + pad));
            HPDF_Array_AddReal(bbox, (HPDF_REAL)ceil(sh->y1 + pad));
            set_deflated(c, form, w.out.data, w.out.len);
        } else {
            status(c, HPDF_FAILD_TO_ALLOC_MEM);
        }
    }
    pr_pdf_content_free(&w);
    if (form) {
        shape_form_rec rec = {key, form};
        PR_PUSH(c->forms, c->n_forms, c->cap_forms, rec);
    }
    return form;
}

/* Draw a shared shape: its form, under a matrix that scales it, places it
 * and flips it to PDF's y up; the stroke width and dash are divided by
 * the scale, so that they stay what the paint says in points. */
static void draw_shape(render_ctx *c, const pr_op *op, const pr_paint *p)
{
    const pr_shape *sh = &c->doc->shapes[op->u.shape.shape];
    double s = op->u.shape.scale;
    pr_pdf_paint_op pop = paint_op(p, sh->rule == PR_FILL_EVENODD);
    if (pop == PR_PDF_NO_PAINT || !(s > 0))
        return;
    HPDF_Dict form = shape_form(c, op->u.shape.shape, pop);
    char name[24];
    if (!form || !res_name(c, RES_XOBJECT, form, name))
        return;
    end_text(c);
    gsave(c);
    pr_pdf_concat(&c->w, s, 0, 0, -s, op->u.shape.x, c->ph - op->u.shape.y);
    paint_state(c, p, s);
    if (p->fill != PR_RGB_NONE)
        set_fill(c, p->fill);
    if (p->stroke != PR_RGB_NONE) {
        set_stroke(c, p->stroke);
        set_width(c, (p->line_width > 0 ? p->line_width : 1) / s);
    }
    pr_pdf_xobject(&c->w, name);
    grestore(c);
}

/* The margin of each shape's bounding box: half the widest stroke of its
 * uses, in its units, and a point more. */
static void shape_margins(render_ctx *c)
{
    const pr_doc *doc = c->doc;
    c->shape_pad = pr_calloc(doc->n_shapes + 1, sizeof *c->shape_pad);
    for (size_t i = 0; i < doc->n_shapes; i++)
        c->shape_pad[i] = 1;
    for (size_t pg = 0; pg < doc->n_pages; pg++)
        for (size_t k = 0; k < doc->pages[pg].n_ops; k++) {
            const pr_op *op = &doc->pages[pg].ops[k];
            if (op->kind != PR_OP_SHAPE || !(op->u.shape.scale > 0))
                continue;
            const pr_paint *p = &op->u.shape.paint;
            double w = p->stroke == PR_RGB_NONE ? 0 : p->line_width > 0 ? p->line_width : 1;
            double pad = w / 2 / op->u.shape.scale + 1;
            if (pad > c->shape_pad[op->u.shape.shape])
                c->shape_pad[op->u.shape.shape] = pad;
        }
}

/* Where an operation's paint is sampled for what lies under it. */
static void paint_point(const render_ctx *c, const pr_op *op, double *x, double *y)
{
    *x = *y = 0;
    switch (op->kind) {
    case PR_OP_RECT:
        *x = op->u.rect.box.x + op->u.rect.box.w / 2;
        *y = op->u.rect.box.y + op->u.rect.box.h / 2;
        break;
    case PR_OP_LINE:
        *x = (op->u.line.x1 + op->u.line.x2) / 2;
        *y = (op->u.line.y1 + op->u.line.y2) / 2;
        break;
    case PR_OP_CIRCLE: {
        /* a ring: the first of its leftmost, lowest, highest and rightmost
         * points that lies on the page */
        double cx = op->u.circle.cx, cy = op->u.circle.cy, r = op->u.circle.r;
        *x = cx, *y = cy;
        if (op->u.circle.paint.fill != PR_RGB_NONE)
            break;
        const double px[4] = {cx - r, cx, cx, cx + r}, py[4] = {cy, cy + r, cy - r, cy};
        const pr_page *pg = &c->doc->pages[c->page_index];
        *x = px[0], *y = py[0];
        for (int i = 0; i < 4; i++)
            if (px[i] >= 0 && px[i] <= pg->width && py[i] >= 0 && py[i] <= pg->height) {
                *x = px[i], *y = py[i];
                break;
            }
        break;
    }
    case PR_OP_PATH:
    case PR_OP_SHAPE: {
        const pr_seg *segs = op->kind == PR_OP_PATH ? op->u.path.segs
                                                    : c->doc->shapes[op->u.shape.shape].segs;
        size_t n = op->kind == PR_OP_PATH ? op->u.path.n : c->doc->shapes[op->u.shape.shape].n;
        double ox = op->kind == PR_OP_SHAPE ? op->u.shape.x : 0;
        double oy = op->kind == PR_OP_SHAPE ? op->u.shape.y : 0;
        double sc = op->kind == PR_OP_SHAPE ? op->u.shape.scale : 1;
        const pr_paint *p = op->kind == PR_OP_PATH ? &op->u.path.paint : &op->u.shape.paint;
        if (!n)
            break;
        if (p->fill == PR_RGB_NONE) {   /* a stroke: its first point */
            *x = ox + sc * segs[0].x;
            *y = oy + sc * segs[0].y;
            break;
        }
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (size_t i = 0; i < n; i++)
            if (segs[i].kind != PR_SEG_CLOSE) {
                x0 = fmin(x0, segs[i].x), x1 = fmax(x1, segs[i].x);
                y0 = fmin(y0, segs[i].y), y1 = fmax(y1, segs[i].y);
            }
        if (x0 <= x1) {
            *x = ox + sc * (x0 + x1) / 2;
            *y = oy + sc * (y0 + y1) / 2;
        }
        break;
    }
    default:
        break;
    }
}

/* The paint of a painting operation, opaque (see opaque_paint). */
static pr_paint op_paint(render_ctx *c, const pr_op *op, size_t k)
{
    const pr_paint *p = op->kind == PR_OP_RECT     ? &op->u.rect.paint
                        : op->kind == PR_OP_LINE   ? &op->u.line.paint
                        : op->kind == PR_OP_PATH   ? &op->u.path.paint
                        : op->kind == PR_OP_CIRCLE ? &op->u.circle.paint
                                                   : &op->u.shape.paint;
    double x, y;
    paint_point(c, op, &x, &y);
    return opaque_paint(c, p, k, x, y);
}

/* Write operation k of the current page. */
static void draw_op(render_ctx *c, const pr_op *op, size_t k)
{
    int saved;
    pr_paint p;
    if (pr_struct_is_content(op))
        mc_for(c, op);
    else if (op->kind != PR_OP_LINK)
        mc_close(c);   /* clips: outside marked content, which nests in q/Q */
    switch (op->kind) {
    case PR_OP_TEXT:
        draw_text(c, op);
        break;
    case PR_OP_RECT:
        p = op_paint(c, op, k);
        saved = paint_begin(c, &p);
        path_rect(c, op->u.rect.box, op->u.rect.radius);
        paint_end(c, &p, 0, saved);
        break;
    case PR_OP_LINE:
        p = op_paint(c, op, k);
        p.fill = PR_RGB_NONE;
        if (p.stroke == PR_RGB_NONE)
            break;
        saved = paint_begin(c, &p);
        pr_pdf_move(&c->w, op->u.line.x1, c->ph - op->u.line.y1);
        pr_pdf_line(&c->w, op->u.line.x2, c->ph - op->u.line.y2);
        paint_end(c, &p, 0, saved);
        break;
    case PR_OP_PATH:
        p = op_paint(c, op, k);
        saved = paint_begin(c, &p);
        write_path(c, op->u.path.segs, op->u.path.n);
        paint_end(c, &p, op->u.path.rule == PR_FILL_EVENODD, saved);
        break;
    case PR_OP_CIRCLE:
        p = op_paint(c, op, k);
        saved = paint_begin(c, &p);
        pr_pdf_circle(&c->w, op->u.circle.cx, c->ph - op->u.circle.cy, op->u.circle.r);
        paint_end(c, &p, 0, saved);
        break;
    case PR_OP_SHAPE:
        p = op_paint(c, op, k);
        draw_shape(c, op, &p);
        break;
    case PR_OP_IMAGE:
        draw_image(c, op->u.image.path, op->u.image.pixels, op->u.image.box);
        break;
    case PR_OP_LINK:
        draw_link(c, op);
        break;
    case PR_OP_CLIP:
        gsave(c);
        path_rect(c, op->u.rect.box, op->u.rect.radius);
        pr_pdf_clip(&c->w, 0);
        pr_pdf_paint(&c->w, PR_PDF_NO_PAINT);
        break;
    case PR_OP_UNCLIP:
        grestore(c);
        break;
    }
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

/* The file identifier's hashes (see write_file_id): the document
 * information first. */
static void id_begin(render_ctx *c)
{
    const pr_doc *doc = c->doc;
    const pr_doc_info *in = &doc->info;
    id_hash h = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
    id_str(&h, in->title);
    id_str(&h, in->author);
    id_str(&h, in->subject);
    id_num(&h, (double)in->created);
    id_num(&h, (double)doc->n_pages);
    c->id_h1 = h.h1;
    c->id_h2 = h.h2;
}

/* Then each page, in order. */
static void id_page(render_ctx *c, const pr_page *p)
{
    id_hash h = {c->id_h1, c->id_h2};
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
    c->id_h1 = h.h1;
    c->id_h2 = h.h2;
}

/* Write page i's content stream and hand it to the compression queue. */
static void draw_page(render_ctx *c, size_t i)
{
    const pr_page *p = &c->doc->pages[i];
    c->page = c->pages[i];
    c->page_index = i;
    c->page_annots = 0;
    c->ph = p->height;
    c->gs.fill = c->gs.stroke = 0;   /* PDF's initial state: black, width 1, no Tc */
    c->gs.width = 1;
    c->gs.char_spacing = 0;
    c->gs_depth = 0;
    c->in_text = 0;
    c->mc = MC_NONE;
    pr_pdf_content_init(&c->w);
    res_begin_page(c);
    c->what = "dessin de page";
    for (size_t k = 0; k < p->n_ops && !c->failed; k++) {
        draw_op(c, &p->ops[k], k);
        check(c);
    }
    mc_close(c);
    end_text(c);
    while (c->gs_depth > 0)
        grestore(c);
    if (!c->failed && pr_pdf_content_finish(&c->w)) {
        pr_internal_error(c->d, "PDF : page %zu : opérateur « %s » mal placé dans le contenu de la "
                                "page : c'est un défaut de planif-rapport, à signaler",
                          i + 1, c->w.misuse);
        c->failed = 1;
    }
    size_t len = c->w.out.len;
    unsigned char *data = (unsigned char *)pr_sb_steal(&c->w.out);
    if (!c->failed)
        c->page_job[i] = pr_zq_submit(c->zq, &data, len, PAGE_DEFLATE_LEVEL);
    free(data);   /* NULL once submitted */
    pr_pdf_content_free(&c->w);
    id_page(c, p);
    if (c->release) {   /* drawn: its operations are not read again */
        pr_page *rp = &c->release->pages[i];
        free(rp->ops);
        rp->ops = NULL;
        rp->n_ops = rp->cap_ops = 0;
    }
}

/* Once every page is drawn: put each page's compressed contents, and each
 * font stream handed to the queue, into its stream object. */
static void install_compressed(render_ctx *c)
{
    pr_zq_finish(c->zq);
    c->what = "compression";
    for (size_t i = 0; i < c->doc->n_pages + c->n_font_jobs && !c->failed; i++) {
        int is_page = i < c->doc->n_pages;
        HPDF_Dict obj = is_page ? HPDF_Dict_GetItem(c->pages[i], "Contents", HPDF_OCLASS_DICT)
                                : c->font_jobs[i - c->doc->n_pages].dict;
        size_t job = is_page ? c->page_job[i] : c->font_jobs[i - c->doc->n_pages].job;
        unsigned char *z;
        size_t zlen;
        if (pr_zq_take(c->zq, job, &z, &zlen))
            pr_oom();   /* not even on this thread: memory is exhausted */
        status(c, pr_hpdf_stream_set(obj, z, zlen, 1));
        free(z);
        check(c);
    }
}

/* ---- document ------------------------------------------------------------------ */

/* Convert Unix time to an HPDF_Date (UTC). */
static HPDF_Date unix_to_date(long long t)
{
    HPDF_Date dt;
    memset(&dt, 0, sizeof dt);
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        memset(&tm, 0, sizeof tm), tm.tm_year = 70, tm.tm_mday = 1;
    dt.year = tm.tm_year + 1900;
    dt.month = tm.tm_mon + 1;
    dt.day = tm.tm_mday;
    dt.hour = tm.tm_hour;
    dt.minutes = tm.tm_min;
    dt.seconds = tm.tm_sec;
    dt.ind = '+';   /* +00'00': libharu writes Z as "Z00'00'", which PDFBox's PDF/A check takes for a date without time zone */
    return dt;
}

/* Write document information (Unicode strings, fixed dates). */
static void write_info(render_ctx *c)
{
    const pr_doc_info *in = &c->doc->info;
    c->what = "informations du document";
    if (in->title)
        HPDF_SetInfoAttr(c->pdf, HPDF_INFO_TITLE, in->title);
    if (in->author)
        HPDF_SetInfoAttr(c->pdf, HPDF_INFO_AUTHOR, in->author);
    if (in->subject)
        HPDF_SetInfoAttr(c->pdf, HPDF_INFO_SUBJECT, in->subject);
    if (in->keywords)
        HPDF_SetInfoAttr(c->pdf, HPDF_INFO_KEYWORDS, in->keywords);
    if (in->creator)
        HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, in->creator);
    if (in->created >= 0) {
        HPDF_Date dt = unix_to_date(in->created);
        HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, dt);
        HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, dt);
    }
    check(c);
}

/* The page labels (/PageLabels) a viewer shows and accepts for each page:
 * the front matter (cover, contents) i, ii…, then each page its page
 * number, as its folio shows it (doc.h: front_matter). */
static void write_page_labels(render_ctx *c)
{
    int front = c->doc->front_matter;
    if (front <= 0 || (size_t)front > c->doc->n_pages)
        return;
    c->what = "numéros de page (PageLabels)";
    status(c, HPDF_AddPageLabel(c->pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL));
    if ((size_t)front < c->doc->n_pages)
        status(c, HPDF_AddPageLabel(c->pdf, (HPDF_UINT)front, HPDF_PAGE_NUM_STYLE_DECIMAL,
                                    (HPDF_UINT)front + 1, NULL));
    check(c);
}

/* Write the outline (bookmarks) tree from the flat, levelled list. */
static void write_outline(render_ctx *c)
{
    const pr_doc *doc = c->doc;
    if (!doc->n_outline)
        return;
    HPDF_Encoder enc = HPDF_GetEncoder(c->pdf, "UTF-8");
    HPDF_Outline parents[8] = {0};
    c->what = "signets";
    for (size_t i = 0; i < doc->n_outline; i++) {
        const pr_outline *o = &doc->outline[i];
        int lvl = o->level < 1 ? 1 : o->level > 8 ? 8 : o->level;
        HPDF_Outline parent = NULL;
        for (int l = lvl - 1; l >= 1; l--)
            if (parents[l - 1]) {
                parent = parents[l - 1];
                break;
            }
        HPDF_Outline ol = HPDF_CreateOutline(c->pdf, parent, o->title, enc);
        if (!ol) {
            check(c);
            continue;
        }
        /* the destination as a direct array: libharu's (an indirect
         * object) is valid PDF, but Apache PDFBox 2.0's PDF/A check
         * cannot read it ("can't convert to Destination") */
        if (o->page >= 0 && (size_t)o->page < doc->n_pages) {
            HPDF_Array dst = HPDF_Array_New(c->objs.mmgr);
            double top = doc->pages[o->page].height - o->y;
            if (dst) {
                status(c, HPDF_Array_Add(dst, c->pages[o->page]));
                status(c, HPDF_Array_AddName(dst, "FitH"));
                status(c, HPDF_Array_AddReal(dst, (HPDF_REAL)(top < 0 ? 0 : top)));
                status(c, HPDF_Dict_Add((HPDF_Dict)ol, "Dest", dst));
            }
        }
        HPDF_Outline_SetOpened(ol, lvl == 1 ? HPDF_TRUE : HPDF_FALSE);
        parents[lvl - 1] = ol;
        for (int l = lvl; l < 8; l++)
            parents[l] = NULL;
    }
    HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    check(c);
}

/* The structure tree (pdf_struct.h), the document's language and the
 * viewer's preference for its title (PDF/UA-1, 7.1). */
static void write_structure(render_ctx *c)
{
    c->what = "structure du document";
    status(c, pr_struct_write(c->st, c->pdf, &c->objs, c->pages, c->utf8));
    const char *lang = c->doc->lang ? c->doc->lang : "fr-FR";
    HPDF_String l = HPDF_String_New(c->objs.mmgr, lang, NULL);
    if (l)
        status(c, HPDF_Dict_Add(c->objs.catalog, "Lang", l));
    HPDF_Dict vp = HPDF_Dict_New(c->objs.mmgr);
    if (vp) {
        status(c, HPDF_Dict_Add(c->objs.catalog, "ViewerPreferences", vp));
        status(c, HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE));
    }
    check(c);
}

/* The XMP metadata (pdf_xmp.h), uncompressed as PDF/A-1 wants it, with
 * the producer libharu writes in the information dictionary. */
static void write_metadata(render_ctx *c)
{
    c->what = "métadonnées XMP";
    const char *producer = HPDF_GetInfoAttr(c->pdf, HPDF_INFO_PRODUCER);
    forget_error(c);   /* none set is not an error */
    char *xmp = pr_pdf_xmp(&c->doc->info, c->doc->lang, producer);
    HPDF_Dict md = HPDF_DictStream_New(c->objs.mmgr, c->objs.xref);
    if (md) {
        status(c, HPDF_Dict_AddName(md, "Type", "Metadata"));
        status(c, HPDF_Dict_AddName(md, "Subtype", "XML"));
        status(c, pr_hpdf_stream_set(md, xmp, strlen(xmp), 0));
        status(c, HPDF_Dict_Add(c->objs.catalog, "Metadata", md));
    }
    free(xmp);
    check(c);
}

/* The sRGB output intent of PDF/A-1 (the colours are DeviceRGB): the ICC
 * profile of Debian's icc-profiles-free (Zlib licence), read at run time
 * and compressed. */
static void write_output_intent(render_ctx *c)
{
    c->what = PR_SRGB_ICC;
    HPDF_Dict icc = (HPDF_Dict)HPDF_LoadIccProfileFromFile(c->pdf, PR_SRGB_ICC, 3);
    if (check(c) || !icc) {
        if (!c->failed)
            pr_io_error(c->d, (pr_pos){0}, "PDF : profil de couleurs sRGB « %s » illisible "
                                           "(paquet Debian icc-profiles-free)", PR_SRGB_ICC);
        c->failed = 1;
        return;
    }
    unsigned char *raw;
    size_t len;
    status(c, pr_hpdf_stream_read(icc, &raw, &len));
    if (check(c))
        return;
    set_deflated(c, icc, raw, len);
    free(raw);
    HPDF_Dict oi = HPDF_Dict_New(c->objs.mmgr);
    HPDF_Array arr = HPDF_Array_New(c->objs.mmgr);
    if (oi && arr) {
        status(c, HPDF_Dict_Add(c->objs.catalog, "OutputIntents", arr));
        status(c, HPDF_Array_Add(arr, oi));
        status(c, HPDF_Dict_AddName(oi, "Type", "OutputIntent"));
        status(c, HPDF_Dict_AddName(oi, "S", "GTS_PDFA1"));
        HPDF_String id = HPDF_String_New(c->objs.mmgr, "sRGB IEC61966-2.1", NULL);
        HPDF_String info = HPDF_String_New(c->objs.mmgr, "sRGB IEC61966-2.1", NULL);
        HPDF_String reg = HPDF_String_New(c->objs.mmgr, "http://www.color.org", NULL);
        if (id && info && reg) {
            status(c, HPDF_Dict_Add(oi, "OutputConditionIdentifier", id));
            status(c, HPDF_Dict_Add(oi, "Info", info));
            status(c, HPDF_Dict_Add(oi, "RegistryName", reg));
        }
        status(c, HPDF_Dict_Add(oi, "DestOutputProfile", icc));
    }
    check(c);
}

/* The file identifier (/ID): libharu writes none unless encrypting. We add
 * one derived from the display list only (never from the clock), so equal
 * documents get equal identifiers and the output stays reproducible: the
 * document information, then every page's size and operation count, the
 * position, face and text of text runs and the box and fill of
 * rectangles, the kind of other operations. id_begin() feeds the
 * information, id_page() each page as it is drawn (in page order), and
 * write_file_id() writes the result. */
static void write_file_id(render_ctx *c)
{
    id_hash h = {c->id_h1, c->id_h2};
    HPDF_BYTE id[16];
    for (int i = 0; i < 8; i++) {
        id[i] = (HPDF_BYTE)(h.h1 >> (56 - 8 * i));
        id[8 + i] = (HPDF_BYTE)(h.h2 >> (56 - 8 * i));
    }
    c->what = "identifiant du fichier";
    HPDF_Array arr = HPDF_Array_New(c->objs.mmgr);
    if (arr) {
        HPDF_Array_Add(arr, HPDF_Binary_New(c->objs.mmgr, id, sizeof id));
        HPDF_Array_Add(arr, HPDF_Binary_New(c->objs.mmgr, id, sizeof id));
        status(c, HPDF_Dict_Add(c->objs.trailer, "ID", arr));
    }
    check(c);
}

/* pr_hpdf_save_to's writer into c->out. */
static int write_out(const void *data, size_t len, void *ctx)
{
    render_ctx *c = ctx;
    if (c->out_errno)
        return -1;
    if (len && fwrite(data, 1, len, c->out) != len) {
        c->out_errno = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

/* Save the document: into the file c->out_path when set (created now,
 * written as libharu produces it), else into memory, *data (malloc'd) and
 * *len. */
static void save(render_ctx *c, unsigned char **data, size_t *len)
{
    c->what = "écriture";
    if (c->out_path) {
        c->out = fopen(c->out_path, "wb");
        if (!c->out) {
            pr_io_error(c->d, (pr_pos){0}, "impossible de créer « %s » : %s", c->out_path,
                        pr_strerror(errno));
            c->failed = 1;
            return;
        }
        errno = 0;
        HPDF_STATUS st = pr_hpdf_save_to(c->pdf, write_out, c);
        if (fclose(c->out) != 0 && !c->out_errno)
            c->out_errno = errno ? errno : EIO;
        c->out = NULL;
        if (c->out_errno) {
            forget_error(c);   /* the write's, said here */
            pr_io_error(c->d, (pr_pos){0}, "impossible d'écrire « %s » : %s", c->out_path,
                        pr_strerror(c->out_errno));
            c->failed = 1;
            return;
        }
        status(c, st);
        check(c);
        return;
    }
    status(c, HPDF_SaveToStream(c->pdf));
    if (check(c))
        return;
    HPDF_UINT32 size = HPDF_GetStreamSize(c->pdf), got = size;
    unsigned char *buf = pr_malloc((size_t)size + 1);
    status(c, HPDF_ResetStream(c->pdf));
    if (size)
        status(c, HPDF_ReadFromStream(c->pdf, buf, &got));
    if (got != size)
        status(c, HPDF_STREAM_EOF);
    if (check(c)) {
        free(buf);
        return;
    }
    *data = buf;
    *len = size;
}

/* Render doc into memory (*data, *len) when path is NULL, else into the
 * file `path`; `release`: doc itself, whose pages' operations are freed
 * once drawn, or NULL. */
static int render(const pr_doc *doc, pr_doc *release, const char *path, unsigned char **data,
                  size_t *len, pr_diags *d)
{
    *data = NULL;
    *len = 0;
    if (!pr_hpdf_version_ok()) {
        pr_internal_error(d, "PDF : la bibliothèque libharu chargée (%s) n'est pas celle pour "
                             "laquelle planif-rapport a été compilé (%s)",
                          HPDF_GetVersion(), HPDF_VERSION_TEXT);
        return -1;
    }
    render_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.doc = doc;
    c.release = release;
    c.out_path = path;
    c.pdf = HPDF_NewEx(on_hpdf_error, hpdf_alloc, hpdf_free, 0, &c);
    if (!c.pdf) {
        pr_internal_error(d, "PDF : impossible d'initialiser la bibliothèque libharu");
        return -1;
    }
    c.objs = pr_hpdf_doc_objects(c.pdf);
    pr_hpdf_large_tables(c.pdf);
    c.what = "initialisation";
    HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(c.pdf);
    HPDF_SetCurrentEncoder(c.pdf, "UTF-8");
    check(&c);

    c.fonts = pr_calloc(doc->n_fonts + 1, sizeof *c.fonts);
    c.font_failed = pr_calloc(doc->n_fonts + 1, sizeof *c.font_failed);
    c.faces = pr_calloc(doc->n_fonts + 1, sizeof *c.faces);
    c.pages = pr_calloc(doc->n_pages + 1, sizeof *c.pages);
    c.page_job = pr_calloc(doc->n_pages + 1, sizeof *c.page_job);
    c.utf8 = HPDF_GetEncoder(c.pdf, "UTF-8");
    c.st = pr_struct_new(doc);
    shape_margins(&c);
    collect_code_points(&c);
    const char *full = getenv("PR_PDF_FULL_FONTS");
    c.full_fonts = full && *full && strcmp(full, "0");
    c.what = "création des pages";
    for (size_t i = 0; i < doc->n_pages && !c.failed; i++) {
        c.pages[i] = HPDF_AddPage(c.pdf);
        if (!c.pages[i]) {
            status(&c, HPDF_INVALID_PAGE);
            break;
        }
        HPDF_Page_SetWidth(c.pages[i], (HPDF_REAL)doc->pages[i].width);
        HPDF_Page_SetHeight(c.pages[i], (HPDF_REAL)doc->pages[i].height);
    }
    check(&c);

    c.zq = pr_zq_new(doc->n_pages + FONT_STREAMS * doc->n_fonts);
    if (!c.zq)
        pr_oom();
    id_begin(&c);
    for (size_t i = 0; i < doc->n_pages && !c.failed; i++)
        draw_page(&c, i);
    if (!c.failed)
        install_compressed(&c);
    pr_zq_free(c.zq);
    c.zq = NULL;
    if (!c.failed)
        write_structure(&c);
    if (!c.failed)
        write_outline(&c);
    if (!c.failed)
        write_page_labels(&c);
    if (!c.failed)
        write_info(&c);
    if (!c.failed)
        write_metadata(&c);
    if (!c.failed)
        write_output_intent(&c);
    if (!c.failed)
        write_file_id(&c);
    if (!c.failed)
        save(&c, data, len);

    HPDF_Free(c.pdf);
    for (int k = 0; k < RES_KINDS; k++)
        free(c.res[k].objs);
    free(c.font_jobs);
    free(c.page_job);
    free(c.fonts);
    free(c.font_failed);
    for (size_t i = 0; i < doc->n_fonts; i++)
        pr_font_free(c.faces[i]);
    free(c.faces);
    free(c.cp_sets);
    free(c.pages);
    free(c.img_keys);
    free(c.imgs);
    free(c.forms);
    free(c.shape_pad);
    pr_struct_free(c.st);
    if (c.failed) {
        free(*data);
        *data = NULL;
        *len = 0;
        return -1;
    }
    return 0;
}

int pr_pdf_render(const pr_doc *doc, unsigned char **data, size_t *len, pr_diags *d)
{
    return render(doc, NULL, NULL, data, len, d);
}

int pr_pdf_write(const pr_doc *doc, const char *path, pr_diags *d)
{
    unsigned char *data;
    size_t len;
    return render(doc, NULL, path, &data, &len, d);
}

int pr_pdf_write_release(pr_doc *doc, const char *path, pr_diags *d)
{
    unsigned char *data;
    size_t len;
    /* no more nodes will come: their array's room for more goes back */
    if (doc->n_nodes && doc->cap_nodes > doc->n_nodes) {
        doc->nodes = pr_realloc(doc->nodes, doc->n_nodes * sizeof *doc->nodes);
        doc->cap_nodes = doc->n_nodes;
    }
    return render(doc, doc, path, &data, &len, d);
}
