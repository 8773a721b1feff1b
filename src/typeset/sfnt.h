/* sfnt.h — bounds-checked big-endian readers for TrueType/OpenType ("sfnt")
 * files, shared by the metrics reader (font.c) and the subsetter
 * (font_subset.c). Header-only: every helper is `static inline`, so each
 * includer gets file-local copies and nothing here is part of a public API.
 *
 * A `blob` is a borrowed byte range; reads outside it return 0 and
 * sub-ranges are clamped, so a corrupt file can never make a reader step
 * outside its buffer. Nothing here allocates or owns memory. */
#ifndef PR_SFNT_H
#define PR_SFNT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct blob {
    const unsigned char *p;
    size_t len;
} blob;

/* Unsigned 16-bit value at off, 0 when out of range. */
static inline unsigned rd16(blob b, size_t off)
{
    if (off + 2 > b.len || off + 2 < off)
        return 0;
    return (unsigned)b.p[off] << 8 | b.p[off + 1];
}

/* Signed 16-bit value at off. */
static inline int rds16(blob b, size_t off)
{
    unsigned v = rd16(b, off);
    return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

/* Unsigned 32-bit value at off, 0 when out of range. */
static inline uint32_t rd32(blob b, size_t off)
{
    if (off + 4 > b.len || off + 4 < off)
        return 0;
    return (uint32_t)b.p[off] << 24 | (uint32_t)b.p[off + 1] << 16 |
           (uint32_t)b.p[off + 2] << 8 | b.p[off + 3];
}

/* Sub-blob [off, off+len) of b, clamped (empty when off is outside). */
static inline blob sub(blob b, size_t off, size_t len)
{
    blob r = {NULL, 0};
    if (!b.p || off > b.len)   /* no arithmetic on a null pointer (UB) */
        return r;
    r.p = b.p + off;
    r.len = len > b.len - off ? b.len - off : len;
    return r;
}

/* The table `tag` of the font file, or an empty blob. */
static inline blob find_table(blob file, const char *tag)
{
    unsigned n = rd16(file, 4);
    for (unsigned i = 0; i < n; i++) {
        size_t rec = 12 + 16 * (size_t)i;
        if (rec + 16 > file.len)
            break;
        if (!memcmp(file.p + rec, tag, 4))
            return sub(file, rd32(file, rec + 8), rd32(file, rec + 12));
    }
    blob none = {NULL, 0};
    return none;
}

/* The best Unicode subtable of a 'cmap' table: format 12 (Windows UCS-4 or
 * Unicode platform) before format 4 (Windows BMP or Unicode platform).
 * Sets *format to 12 or 4, or to 0 (and returns an empty blob) when the
 * table has neither. */
static inline blob unicode_cmap(blob cmap, unsigned *format)
{
    unsigned n = rd16(cmap, 2);
    blob best = {NULL, 0};
    int best_rank = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned plat = rd16(cmap, 4 + 8 * (size_t)i), enc = rd16(cmap, 6 + 8 * (size_t)i);
        blob t = sub(cmap, rd32(cmap, 8 + 8 * (size_t)i), (size_t)-1);
        unsigned fmt = rd16(t, 0);
        int rank = 0;
        if (fmt == 12 && ((plat == 3 && enc == 10) || plat == 0))
            rank = 3;
        else if (fmt == 4 && ((plat == 3 && enc == 1) || plat == 0))
            rank = 2;
        if (rank > best_rank) {
            best_rank = rank;
            best = t;
        }
    }
    *format = best_rank == 3 ? 12 : best_rank == 2 ? 4 : 0;
    return best;
}

#endif
