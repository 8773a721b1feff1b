/* font_subset.h — TrueType subsetting for the PDF backend.
 *
 * From the bytes of a TrueType font (glyf outlines) and the code points a
 * document draws with it, build a small font that is still a complete,
 * valid TrueType file: only the glyphs those code points need (plus
 * .notdef, glyph 0, and every component of a composite glyph, at any
 * depth), renumbered compactly, with the same advances and outlines as the
 * original.
 *
 * The subset has the tables libharu 2.3.0 embeds (it refuses a font
 * without them) and nothing else: OS/2, cmap, cvt , fpgm, glyf, head, hhea,
 * hmtx, loca, maxp, name, post, prep (cvt, fpgm, prep copied when present,
 * so hinting stays consistent). Kerning and layout tables (kern, GPOS,
 * GSUB) are dropped: the PDF draws runs without them, and the layout
 * measures text with the original file.
 *   - cmap: one format 4 subtable (Windows, Unicode BMP), the only kind
 *     libharu reads, with few segments: new glyph ids follow the code
 *     points, so runs of consecutive code points need one segment each.
 *     Code points above U+FFFF are left out (the PDF's codes are two
 *     bytes: render_pdf.c draws them as a space), and U+FFFF too (the
 *     closing segment of the cmap).
 *   - glyf/loca: long offsets, glyphs 4-byte aligned, component indices of
 *     composite glyphs rewritten.
 *   - hmtx: one full record (advance, left side bearing) per glyph.
 *   - head, hhea, maxp, OS/2, name: copied, with the glyph count, the
 *     metrics count and the loca format updated; post becomes format 3
 *     (no glyph names). Table checksums and head.checkSumAdjustment are
 *     computed.
 * The output depends only on the input bytes and the set of code points
 * (not their order or repetitions): same input, same bytes.
 *
 * Nothing here knows libharu or PDF. Ownership: *out is allocated with
 * pr_malloc and freed by the caller. */
#ifndef PR_FONT_SUBSET_H
#define PR_FONT_SUBSET_H

#include <stddef.h>

/* Build the subset of the TrueType font ttf[0..len) for the code points
 * cps[0..n_cps) (any order, repetitions allowed; code points the font does
 * not map are ignored). On success returns 0 and sets *out and *out_len; on
 * failure returns -1, sets *out to NULL and, when `why` is not NULL, *why to
 * a static English explanation (e.g. "no glyf table (CFF outlines?)"). */
int pr_font_subset(const unsigned char *ttf, size_t len, const unsigned *cps, size_t n_cps,
                   unsigned char **out, size_t *out_len, const char **why);

#endif
