/* text.h — rich text and paragraph composition: spans of styled UTF-8 text,
 * a small inline markup parser producing them, and line breaking (Knuth–Plass
 * total fit for justified text, minimum raggedness for ragged and centred
 * text) into lines of positioned runs ready to draw.
 *
 * Nothing here knows libharu: widths come from the pr_font_metrics of a
 * pr_fontset (a real Lato set, or pr_fontset_fake in tests).
 *
 * Coordinates: points; x grows to the right from the left edge of the
 * paragraph box; within a line, y grows downwards from the line's top (the
 * flow engine stacks lines top to bottom).
 *
 * Ownership: a pr_rich owns the text and link strings of its spans (an
 * arena); a pr_para owns its lines, runs and run strings (copies: it does not
 * point into the pr_rich). Free them with pr_rich_free / pr_para_free.
 *
 * Callers: the page-flow engine (layout.c: parses markup with
 * pr_markup_parse, breaks paragraphs with pr_para_layout / pr_para_fit and
 * draws their runs into the display list) and the report composition
 * (report.c: owns the paragraph cache across its layout passes). */
#ifndef PR_TEXT_H
#define PR_TEXT_H

#include <stddef.h>

#include "base/diag.h"
#include "typeset/font.h"
#include "base/util.h"

typedef struct pr_hyph pr_hyph;   /* see hyph.h */

/* An RGB colour, each component in 0..1. */
typedef struct pr_color {
    double r, g, b;
} pr_color;

/* ---- rich text ------------------------------------------------------------ */
/* One run of text with one set of attributes. A '\n' anywhere in text is a
 * forced line break; U+00A0 and U+202F never break; U+00AD (soft hyphen)
 * and U+200B (zero-width space) are break opportunities and not drawn. */
typedef struct pr_span {
    const char *text;   /* UTF-8, NUL-terminated */
    size_t len;         /* bytes */
    pr_style style;
    double size;        /* nominal size in points (superscript drawn smaller) */
    pr_color color;
    const char *link;   /* URI, or NULL */
    int superscript;    /* ordinals "1er", "2e", markup ^…^ */
    const char *lang;   /* BCP 47 language of a passage in another language
                           than the document's ("en"), or NULL */
    int nobreak;        /* never broken across lines: no break at its
                           spaces, no hyphenation (people's names) */
} pr_span;

typedef struct pr_rich {
    pr_span *spans;
    size_t n, cap;
    pr_arena arena;     /* owns span texts and links */
} pr_rich;

void pr_rich_init(pr_rich *r);
void pr_rich_free(pr_rich *r);   /* accepts a zeroed pr_rich */
/* Append text[0..len) with the attributes of `attr` (its text and len are
 * ignored; its link is copied). Merges with the previous span when all
 * attributes are equal. Empty text adds nothing. */
void pr_rich_add(pr_rich *r, const pr_span *attr, const char *text, size_t len);
/* The plain text of all spans concatenated (caller frees). */
char *pr_rich_plain(const pr_rich *r);
/* Default attributes: regular, 10 pt, black, no link, not superscript. */
pr_span pr_span_default(void);

/* ---- inline markup ------------------------------------------------------- */
/* A link target longer than this (bytes) is not linked: the text is kept,
 * with a warning (no reader follows such an address). */
#define PR_TEXT_MAX_URI_BYTES 2000

/* Markup syntax (a tiny subset of Markdown):
 *   **gras**            bold (pr_style_bold of the current style)
 *   *italique*          italic (pr_style_italic of the current style)
 *   [texte](https://…)  link: text spans get link = the URI, and colour
 *                       `link_color` when given
 *   [texte]{lang=en}    a passage in another language (span attribute
 *                       lang: the PDF tags it with its /Lang)
 *   [texte]{insécable}  never broken across lines (span attribute
 *                       nobreak): « [Émilie BONNET-DERIVIÈRE]{insécable} »;
 *                       attributes combine: {insécable lang=en}; an
 *                       unknown attribute or a malformed language is kept
 *                       as literal text with a warning
 *   ^er^                superscript (no spaces inside)
 *   newline, or \n      forced line break
 *   \* \[ \] \( \) \^ \\  the character itself (other backslashes are kept)
 * Markers may nest (***gras italique***, **[lien](u)**). An unmatched
 * marker is kept as literal text with a warning.
 *
 * Flags: PR_MARKUP_TYPO applies French typography (pr_typo_fr, see typo.h)
 * to the text (never to link targets); ordinals it finds become superscript
 * spans. */
enum { PR_MARKUP_TYPO = 1 };

typedef struct pr_markup_opts {
    pr_span base;               /* attributes of plain text */
    const pr_color *link_color; /* colour of link text, or NULL: unchanged */
    unsigned flags;             /* PR_MARKUP_* */
    pr_pos pos;                 /* where src starts, for diagnostics */
    const char *path;           /* data path for diagnostics, or NULL */
    struct pr_para_cache *cache; /* where parses already made are kept (see
                                    pr_para_cache_new), or NULL */
} pr_markup_opts;

/* Parse src[0..len) and append its spans to `out`. Warnings (unmatched
 * markers, empty link target) go to `d` (may be NULL) at pos advanced to the
 * offending character. Returns the number of warnings added. With a cache,
 * a text parsed before with the same attributes, without warnings, is not
 * parsed again (the same spans). */
int pr_markup_parse(pr_rich *out, const char *src, size_t len,
                    const pr_markup_opts *opts, pr_diags *d);

/* ---- measuring ------------------------------------------------------------ */
/* Width in points of text[0..len) in role `style` at `size`, kerned, as a
 * display list text operation draws it (doc.h: text is drawn with the
 * font's kerning). */
double pr_text_width(const pr_fontset *fs, pr_style style, double size,
                     const char *text, size_t len);
/* Width of a whole rich text set on one line ('\n' ignored, spaces at their
 * natural width, superscripts at their reduced size). */
double pr_rich_width(const pr_rich *r, const pr_fontset *fs);

/* ---- paragraph composition ----------------------------------------------- */
typedef enum {
    PR_ALIGN_JUSTIFY,  /* Knuth–Plass, last line and forced breaks ragged */
    PR_ALIGN_LEFT,     /* ragged right with minimum raggedness */
    PR_ALIGN_CENTER,   /* balanced lines, centred */
    PR_ALIGN_RIGHT     /* ragged left */
} pr_align;

typedef struct pr_para_opts {
    double width;          /* line width in points (> 0) */
    pr_align align;
    double leading;        /* line height = leading × font size (default 1.3) */
    double indent;         /* first-line indent in points (default 0) */
    const pr_hyph *hyph;   /* hyphenation dictionary, or NULL: none */
    int max_lines;         /* 0: unlimited; else keep at most this many lines */
    int kerning;           /* measure and draw with the font's kerning pairs
                              (default 1; the runs carry it to the display
                              list, which draws what was measured) */
    /* Justified text: largest stretch ratio of the first passes (1.0 =
     * interword spaces up to 1.5 × natural), and shrink ratio (1.0 = down
     * to 2/3 natural). */
    double max_stretch;    /* default 1.0 */
    /* Ragged text: words of at least this many characters may be
     * hyphenated (default 12). */
    int ragged_hyph_min;
    /* Where layouts already made are kept (see pr_para_cache_new), or NULL
     * (default). Not part of what a layout depends on. */
    struct pr_para_cache *cache;
} pr_para_opts;

/* Defaults: the fields above; width must still be set. */
pr_para_opts pr_para_opts_default(double width);

/* A piece of a line drawn in one go: the words of one span on the line
 * with the spaces between them (each a U+0020, widened by word_spacing in
 * justified lines), and the hyphen a break added (U+00AD: tagged PDF
 * wants a hyphen added at a line break to be a soft hyphen, ISO 32000-1,
 * 14.8.2, "Hyphenation"; copying the text rejoins the word) — a line
 * broken at a space keeps it, drawn past its end, outside `width` — while a
 * word's own hyphen that ends a line is drawn as U+2010 HYPHEN, which
 * text extractors keep (poppler rejoins lines that end with U+002D,
 * gluing « Saint-Étienne » into « SaintÉtienne »). The
 * drawn width (advances, kerning pairs inside the run when `kern`,
 * word_spacing after each space) is `width`. */
typedef struct pr_run {
    double x;             /* from the paragraph's left edge, points */
    double width;         /* advance width of the run, points */
    const char *text;     /* UTF-8, NUL-terminated */
    size_t len;
    int kern;             /* drawn with the font's kerning pairs */
    double word_spacing;  /* points added after each U+0020 (justified) */
    const char *lang;     /* the span's language, or NULL */
    pr_style style;
    double size;          /* size to draw with (reduced for superscript) */
    double rise;          /* baseline shift upwards in points (superscript) */
    pr_color color;
    const char *link;     /* URI or NULL */
    int superscript;
} pr_run;

typedef struct pr_line {
    pr_run *runs;
    size_t n_runs;
    double width;         /* from the first run's x to the last run's end */
    double height;        /* line advance: leading × largest nominal size */
    double baseline;      /* from the line top down to the baseline */
    double ratio;         /* stretch (>0) or shrink (<0) ratio used; 0 for
                             ragged/centred/last lines */
    int hyphenated;       /* ends with an added hyphen */
    int forced;           /* ended by a forced break ('\n') */
    int last;             /* last line of the paragraph */
} pr_line;

typedef struct pr_para {
    pr_line *lines;
    size_t n_lines;
    double height;        /* sum of the line heights */
    double width;         /* box width the lines were set in */
    int overflow;         /* max_lines cut the text (or it did not fit) */
    int overfull;         /* a word is longer than the line: it was cut
                             where it had to be (no hyphen), or, if a
                             piece could not be cut, a line is wider than
                             the box */
    int passes;           /* composition pass that succeeded (1..5, see
                             text.c), for information */
    pr_arena arena;
} pr_para;

/* Break `text` into lines of opts->width. Always produces a layout (at
 * worst with overfull lines and p->overfull set). A text without spans
 * gives no line; spaces only give one empty line of the span's height. Justified text: lines fill the width
 * exactly except the last and forced-break lines; interword stretch stays
 * within max_stretch when possible, else hyphenation is used more, then
 * looser lines are allowed (see text.c for the passes). */
void pr_para_layout(pr_para *p, const pr_rich *text, const pr_fontset *fs,
                    const pr_para_opts *opts);
void pr_para_free(pr_para *p);   /* accepts a zeroed pr_para */

/* Layouts already made, by content: a paragraph laid out again with the
 * same spans (texts and attributes), font set and options (a second
 * composition pass, a text measured then drawn) is copied from the cache
 * instead of being broken into lines again; the result is the same. The
 * cache keeps at most about max_bytes of layouts (then it stops adding).
 * It must not outlive the font sets and hyphenation dictionaries of the
 * layouts it holds (their addresses are part of the key). */
typedef struct pr_para_cache pr_para_cache;
pr_para_cache *pr_para_cache_new(size_t max_bytes);
void pr_para_cache_free(pr_para_cache *c);   /* accepts NULL */
/* Lookups and hits so far (tests, benchmark). */
void pr_para_cache_stats(const pr_para_cache *c, size_t *lookups, size_t *hits);

/* Height of lines [from, to) (to clamped to n_lines); for the flow engine
 * to split a paragraph between lines i and i+1. */
double pr_para_lines_height(const pr_para *p, size_t from, size_t to);

/* ---- fitting into a box ---------------------------------------------------- */
typedef struct pr_fit {
    double size;     /* chosen size of the largest span, points */
    double scale;    /* chosen size / nominal largest size */
    int overflow;    /* does not fit even at min_size: layout truncated */
} pr_fit;

/* Lay out `text` into a box opts->width × box_height, scaling every span
 * so that the largest is at most max_size, shrinking in 0.25 pt steps down
 * to min_size until the lines fit in box_height (and opts->max_lines if
 * set). If nothing fits, the layout at min_size keeps only the lines that
 * fit and the result has overflow = 1. */
pr_fit pr_para_fit(pr_para *p, const pr_rich *text, const pr_fontset *fs,
                   const pr_para_opts *opts, double box_height,
                   double min_size, double max_size);

#endif
