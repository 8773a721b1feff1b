/* font.h — font metrics for the text engine: one TrueType face read directly
 * from its file (pr_font), a small metrics interface the layout measures
 * through (pr_font_metrics, so tests can use a fake monospace font), and a
 * set of faces by style role (pr_fontset) loaded from a mapping file such as
 * fonts/fonts.conf.
 *
 * Units: every metric given by pr_font_metrics is in 1/1000 em (multiply by
 * size/1000 to get points). Advances are the integer values libharu writes in
 * the PDF /W array (font units × 1000 / unitsPerEm, truncated), so what the
 * layout measures is exactly what a PDF viewer draws.
 *
 * Ownership: pr_font_load returns a face the caller frees with pr_font_free.
 * A pr_fontset owns its faces; pr_fontset_free releases them. The metrics
 * structs inside a fontset point into it and live as long as it does.
 *
 * Nothing here knows libharu: the PDF backend embeds each face from
 * pr_font_path() (or pr_fontset_path()). */
#ifndef PR_FONT_H
#define PR_FONT_H

#include <stddef.h>

#include "base/diag.h"

/* Style roles of the report's typeface: the faces of a font set (keys of
 * fonts/fonts.conf). The pr_style_* functions are about faces only; the
 * template's style (colours, sizes, spaces) is pr_tpl_style
 * (compose/template_style.h). */
typedef enum {
    PR_STYLE_REGULAR,
    PR_STYLE_ITALIC,
    PR_STYLE_BOLD,
    PR_STYLE_BOLD_ITALIC,
    PR_STYLE_BLACK,
    PR_STYLE_LIGHT,
    PR_STYLE_SEMIBOLD,
    PR_STYLE_COUNT
} pr_style;

/* Key of a role in the mapping file: "regular", "italic", "bold",
 * "bolditalic", "black", "light", "semibold". */
const char *pr_style_name(pr_style s);
/* Role named `name` (a key above); returns 0 and sets *out, or -1. */
int pr_style_from_name(const char *name, pr_style *out);
/* The italic counterpart of a role: regular -> italic, bold -> bolditalic,
 * others unchanged (Lato's other italics are not mapped). Used by markup. */
pr_style pr_style_italic(pr_style s);
/* The bold counterpart: regular -> bold, italic -> bolditalic, light ->
 * regular... (one step heavier; black stays black). */
pr_style pr_style_bold(pr_style s);

/* ---- the metrics interface ---------------------------------------------- */
/* What the layout needs to know about one face. `ctx` is passed back to the
 * callbacks. Vertical metrics are fields: ascent > 0, descent < 0 (below the
 * baseline), all in 1/1000 em. */
typedef struct pr_font_metrics {
    const void *ctx;
    /* Advance width of code point cp in 1/1000 em (the width of the .notdef
     * glyph when has_glyph(cp) is 0). */
    double (*advance)(const void *ctx, unsigned cp);
    /* Kerning adjustment between a and b in 1/1000 em (negative = closer),
     * 0 when none. */
    double (*kerning)(const void *ctx, unsigned a, unsigned b);
    /* 1 if the face has a glyph for cp. */
    int (*has_glyph)(const void *ctx, unsigned cp);
    double ascent, descent, cap_height, x_height;
} pr_font_metrics;

/* Width in points of the UTF-8 text s[0..len) at `size` points. Kerning
 * pairs are applied when `kern` is nonzero. Invalid bytes count as U+FFFD. */
double pr_metrics_width(const pr_font_metrics *m, double size, const char *s,
                        size_t len, int kern);

/* A fake monospace font for tests: every code point has a glyph of width
 * `advance` (1/1000 em), no kerning, ascent 800, descent -200, cap height
 * 700, x-height 500. */
pr_font_metrics pr_metrics_fake(double advance);

/* ---- one TrueType face ---------------------------------------------------- */
typedef struct pr_font pr_font;

/* Read a TrueType (.ttf, glyf outlines or CFF in an OpenType wrapper) file.
 * On failure returns NULL after adding a French I/O error to `d` (position:
 * the font file, line 0), e.g. « police illisible : table « cmap » absente ». */
pr_font *pr_font_load(const char *path, pr_diags *d);
void pr_font_free(pr_font *f);   /* accepts NULL */

const char *pr_font_path(const pr_font *f);        /* the file, for embedding */
const char *pr_font_family(const pr_font *f);      /* name ID 1, e.g. "Lato" */
const char *pr_font_postscript(const pr_font *f);  /* name ID 6, "Lato-Regular" */
unsigned pr_font_units_per_em(const pr_font *f);
/* Raw values in font units: hhea ascender/descender/lineGap, OS/2
 * sCapHeight/sxHeight (estimated from 'H'/'x' bounding boxes when OS/2 is
 * older than version 2). */
int pr_font_ascender(const pr_font *f);
int pr_font_descender(const pr_font *f);
int pr_font_line_gap(const pr_font *f);
int pr_font_cap_height(const pr_font *f);
int pr_font_x_height(const pr_font *f);
/* Glyph index of cp (0 = missing) and its advance in font units. */
unsigned pr_font_glyph(const pr_font *f, unsigned cp);
unsigned pr_font_glyph_advance(const pr_font *f, unsigned glyph);
/* Kerning between two glyphs in font units ('kern' format 0, else GPOS
 * pair adjustment format 1 and 2 of the 'kern' feature). */
int pr_font_glyph_kerning(const pr_font *f, unsigned left, unsigned right);
/* The metrics interface over this face (valid while f lives). */
pr_font_metrics pr_font_metrics_of(const pr_font *f);

/* ---- a set of faces by role ------------------------------------------------ */
typedef struct pr_fontset {
    pr_font *faces[PR_STYLE_COUNT];          /* faces loaded per role: NULL for
                                                roles using a fallback, all NULL
                                                in a fake set */
    pr_font_metrics metrics[PR_STYLE_COUNT]; /* always filled */
} pr_fontset;

/* Load the mapping file `map_path`: lines `key = path` (keys as in
 * pr_style_name), `#` comments, blank lines. Relative paths are relative to
 * the mapping file's directory. `regular` is required; a missing role falls
 * back to a near one (bolditalic -> bold, semibold/black -> bold, light ->
 * regular, italic -> regular) with no diagnostic. Errors are added to `d`
 * with file:line:col of the mapping file: template errors for its syntax
 * (unknown key with a suggestion, duplicate key, missing `=`, empty path,
 * no `regular`), I/O errors when it or a font file it names is missing,
 * unreadable or not a font (exit status 3). Returns 0 when the set is usable, -1 otherwise (then *fs is empty
 * and needs no pr_fontset_free). */
int pr_fontset_load(pr_fontset *fs, const char *map_path, pr_diags *d);
/* Fill fs with pr_metrics_fake(advance) for every role (no faces). */
void pr_fontset_fake(pr_fontset *fs, double advance);
void pr_fontset_free(pr_fontset *fs);   /* accepts a zeroed or fake set */

/* Metrics of role s (never NULL). */
const pr_font_metrics *pr_fontset_metrics(const pr_fontset *fs, pr_style s);
/* Face of role s after fallback, or NULL in a fake set. */
const pr_font *pr_fontset_face(const pr_fontset *fs, pr_style s);
/* File of role s after fallback, or NULL in a fake set. */
const char *pr_fontset_path(const pr_fontset *fs, pr_style s);

#endif
