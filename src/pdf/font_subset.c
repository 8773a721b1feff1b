/* font_subset.c — builds a subset TrueType font (see font_subset.h): picks
 * the glyphs of the requested code points and their components, copies
 * their outlines and metrics under new compact glyph ids, writes a small
 * format 4 cmap, and assembles a checksummed sfnt file. Reading goes
 * through the bounds-checked helpers of sfnt.h. */
#include "pdf/font_subset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/sfnt.h"
#include "base/util.h"

/* Composite glyph flags (TrueType 'glyf'). */
#define ARG_1_AND_2_ARE_WORDS 0x0001
#define WE_HAVE_A_SCALE 0x0008
#define MORE_COMPONENTS 0x0020
#define WE_HAVE_AN_X_AND_Y_SCALE 0x0040
#define WE_HAVE_A_TWO_BY_TWO 0x0080

/* Code points closer than this share one cmap segment (the holes cost two
 * bytes each in glyphIdArray; every segment costs libharu a comparison per
 * code point it maps). */
#define CMAP_MERGE_GAP 32

/* ---- output buffer ------------------------------------------------------- */
typedef struct obuf {
    unsigned char *p;
    size_t n, cap;
} obuf;

/* Append n bytes. */
static void put_bytes(obuf *b, const void *src, size_t n)
{
    if (!n)
        return;
    pr_grow((void **)&b->p, &b->cap, b->n + n, 1);
    memcpy(b->p + b->n, src, n);
    b->n += n;
}

/* Append a big-endian 16-bit value. */
static void put16(obuf *b, unsigned v)
{
    unsigned char x[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    put_bytes(b, x, 2);
}

/* Append a big-endian 32-bit value. */
static void put32(obuf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    put_bytes(b, x, 4);
}

/* Append zero bytes up to a multiple of 4. */
static void pad4(obuf *b)
{
    static const unsigned char zero[4];
    put_bytes(b, zero, (4 - b->n % 4) % 4);
}

/* Overwrite a big-endian 16-bit value at off. */
static void set16(unsigned char *p, size_t off, unsigned v)
{
    p[off] = (unsigned char)(v >> 8);
    p[off + 1] = (unsigned char)v;
}

/* Overwrite a big-endian 32-bit value at off. */
static void set32(unsigned char *p, size_t off, uint32_t v)
{
    p[off] = (unsigned char)(v >> 24);
    p[off + 1] = (unsigned char)(v >> 16);
    p[off + 2] = (unsigned char)(v >> 8);
    p[off + 3] = (unsigned char)v;
}

/* ---- the source font ------------------------------------------------------ */
typedef struct cmap_entry {
    unsigned cp, glyph;   /* code point, NEW glyph id */
} cmap_entry;

typedef struct subsetter {
    blob file, head, hhea, maxp, hmtx, loca, glyf, cmap_sub;
    unsigned cmap_format;             /* 4 or 12 */
    unsigned n_glyphs, n_hmetrics;
    int long_loca;
    int32_t *new_of_old;              /* new id by old id, -1 when dropped */
    uint16_t *old_of_new;             /* old id by new id */
    unsigned n_new;
    cmap_entry *map;                  /* sorted by code point */
    size_t n_map, cap_map;
} subsetter;

/* Glyph of cp in the chosen cmap subtable (0 = none), with the same reading
 * as font.c: format 4 with idRangeOffset and idDelta, format 12 groups;
 * glyph ids beyond the glyph count mean "none". */
static unsigned lookup(const subsetter *s, unsigned cp)
{
    blob t = s->cmap_sub;
    unsigned g = 0;
    if (s->cmap_format == 4) {
        if (cp >= 0xFFFF)
            return 0;
        unsigned segx2 = rd16(t, 6), seg = segx2 / 2;
        size_t ends = 14, starts = 16 + segx2, deltas = 16 + 2 * (size_t)segx2,
               ranges = 16 + 3 * (size_t)segx2;
        for (unsigned i = 0; i < seg; i++) {
            unsigned end = rd16(t, ends + 2 * (size_t)i), start = rd16(t, starts + 2 * (size_t)i);
            if (start > end || cp < start || cp > end)
                continue;
            unsigned delta = rd16(t, deltas + 2 * (size_t)i), ro = rd16(t, ranges + 2 * (size_t)i);
            if (ro == 0) {
                g = (cp + delta) & 0xFFFF;
            } else {
                g = rd16(t, ranges + 2 * (size_t)i + ro + 2 * (size_t)(cp - start));
                if (g)
                    g = (g + delta) & 0xFFFF;
            }
            break;
        }
    } else {
        uint32_t n = rd32(t, 12);
        for (uint32_t i = 0; i < n && 16 + 12 * (size_t)i + 12 <= t.len; i++) {
            size_t r = 16 + 12 * (size_t)i;
            uint32_t start = rd32(t, r), end = rd32(t, r + 4);
            if (end > 0x10FFFF || start > end || cp < start || cp > end)
                continue;
            uint32_t v = rd32(t, r + 8) + (cp - start);
            g = v > 0xFFFF ? 0 : (unsigned)v;
            break;
        }
    }
    return g < s->n_glyphs ? g : 0;
}

/* The bytes of old glyph g; returns -1 when loca points outside glyf. */
static int glyph_data(const subsetter *s, unsigned g, blob *out)
{
    size_t off, end;
    if (s->long_loca) {
        off = rd32(s->loca, 4 * (size_t)g);
        end = rd32(s->loca, 4 * (size_t)g + 4);
    } else {
        off = 2 * (size_t)rd16(s->loca, 2 * (size_t)g);
        end = 2 * (size_t)rd16(s->loca, 2 * (size_t)g + 2);
    }
    if (end < off || end > s->glyf.len)
        return -1;
    *out = sub(s->glyf, off, end - off);
    return 0;
}

/* Size of a composite component record with these flags. */
static size_t component_size(unsigned flags)
{
    size_t n = 4 + ((flags & ARG_1_AND_2_ARE_WORDS) ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE)
        n += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE)
        n += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO)
        n += 8;
    return n;
}

/* Offsets of the glyph index fields of a composite glyph, in record order:
 * stores at most `max` of them in at[] and returns their count, or -1 when
 * the records run past the glyph. A simple or empty glyph has none. */
static long component_fields(blob gl, size_t *at, size_t max)
{
    if (gl.len < 10 || rds16(gl, 0) >= 0)
        return 0;
    size_t pos = 10, n = 0;
    unsigned flags;
    do {
        if (pos + 4 > gl.len)
            return -1;
        flags = rd16(gl, pos);
        if (n < max)
            at[n] = pos + 2;
        n++;
        pos += component_size(flags);
        if (pos > gl.len)
            return -1;
    } while (flags & MORE_COMPONENTS);
    return (long)n;
}

/* Give old glyph g a new id if it has none yet. */
static void keep_glyph(subsetter *s, unsigned g)
{
    if (s->new_of_old[g] >= 0)
        return;
    s->new_of_old[g] = (int32_t)s->n_new;
    s->old_of_new[s->n_new++] = (uint16_t)g;
}

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

/* ---- table builders --------------------------------------------------------- */
/* 'glyf' and (long) 'loca' for the kept glyphs, components renumbered. */
static int build_glyf(const subsetter *s, obuf *glyf, obuf *loca)
{
    for (unsigned k = 0; k < s->n_new; k++) {
        blob gl;
        if (glyph_data(s, s->old_of_new[k], &gl))
            return -1;
        put32(loca, (uint32_t)glyf->n);
        size_t start = glyf->n;
        put_bytes(glyf, gl.p, gl.len);
        long nc = component_fields(gl, NULL, 0);
        if (nc < 0)
            return -1;
        if (nc > 0) {
            size_t *fields = pr_malloc((size_t)nc * sizeof *fields);
            component_fields(gl, fields, (size_t)nc);
            for (long i = 0; i < nc; i++) {
                unsigned old = rd16(gl, fields[i]);
                unsigned now = old < s->n_glyphs ? (unsigned)s->new_of_old[old] : 0;
                set16(glyf->p, start + fields[i], now);
            }
            free(fields);
        }
        pad4(glyf);
    }
    put32(loca, (uint32_t)glyf->n);
    return 0;
}

/* 'hmtx' with one full record per kept glyph. */
static void build_hmtx(const subsetter *s, obuf *out)
{
    for (unsigned k = 0; k < s->n_new; k++) {
        unsigned g = s->old_of_new[k];
        unsigned last = s->n_hmetrics - 1;
        unsigned adv = rd16(s->hmtx, 4 * (size_t)(g < last ? g : last));
        unsigned lsb = g < s->n_hmetrics
                           ? rd16(s->hmtx, 4 * (size_t)g + 2)
                           : rd16(s->hmtx, 4 * (size_t)s->n_hmetrics + 2 * (size_t)(g - s->n_hmetrics));
        put16(out, adv);
        put16(out, lsb);
    }
}

/* A cmap segment: code points [start, end] of map[first .. first+count). */
typedef struct segment {
    unsigned start, end;
    size_t first, count;
    int use_delta;       /* every code point present, glyph = cp + delta */
    unsigned delta;      /* modulo 65536 */
} segment;

/* Cut the mapped code points into segments, merging neighbours closer than
 * `gap`. Returns the count (segs has room for n_map + 1). */
static size_t make_segments(const subsetter *s, unsigned gap, segment *segs)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_map;) {
        size_t j = i + 1;
        while (j < s->n_map && s->map[j].cp - s->map[j - 1].cp <= gap + 1)
            j++;
        segment *g = &segs[n++];
        g->start = s->map[i].cp;
        g->end = s->map[j - 1].cp;
        g->first = i;
        g->count = j - i;
        g->delta = (s->map[i].glyph - s->map[i].cp) & 0xFFFF;
        g->use_delta = g->count == (size_t)(g->end - g->start + 1);
        for (size_t k = i; k < j && g->use_delta; k++)
            g->use_delta = ((s->map[k].glyph - s->map[k].cp) & 0xFFFF) == g->delta;
        i = j;
    }
    /* the closing segment: 0xFFFF maps to glyph 0 */
    segs[n].start = segs[n].end = 0xFFFF;
    segs[n].first = segs[n].count = 0;
    segs[n].use_delta = 1;
    segs[n].delta = 1;
    return n + 1;
}

/* A format 4 subtable for the mapped code points, or -1 when it would not
 * fit in 64 KB. */
static int build_cmap4(const subsetter *s, unsigned gap, obuf *out)
{
    segment *segs = pr_malloc((s->n_map + 1) * sizeof *segs);
    size_t nseg = make_segments(s, gap, segs);
    size_t n_array = 0;
    for (size_t i = 0; i < nseg; i++)
        if (!segs[i].use_delta)
            n_array += segs[i].end - segs[i].start + 1;
    size_t length = 16 + 8 * nseg + 2 * n_array;
    if (length > 0xFFFF) {
        free(segs);
        return -1;
    }
    unsigned pow2 = 1, log2 = 0;
    while (pow2 * 2 <= nseg)
        pow2 *= 2, log2++;
    put16(out, 4);
    put16(out, (unsigned)length);
    put16(out, 0);                          /* language */
    put16(out, (unsigned)(2 * nseg));
    put16(out, 2 * pow2);                   /* searchRange */
    put16(out, log2);                       /* entrySelector */
    put16(out, (unsigned)(2 * nseg - 2 * pow2));   /* rangeShift */
    for (size_t i = 0; i < nseg; i++)
        put16(out, segs[i].end);
    put16(out, 0);                          /* reservedPad */
    for (size_t i = 0; i < nseg; i++)
        put16(out, segs[i].start);
    for (size_t i = 0; i < nseg; i++)
        put16(out, segs[i].use_delta ? segs[i].delta : 0);
    size_t array_at = 0;
    for (size_t i = 0; i < nseg; i++) {
        if (segs[i].use_delta) {
            put16(out, 0);
        } else {
            put16(out, (unsigned)(2 * (nseg - i) + 2 * array_at));
            array_at += segs[i].end - segs[i].start + 1;
        }
    }
    for (size_t i = 0; i < nseg; i++) {
        if (segs[i].use_delta)
            continue;
        size_t k = segs[i].first;
        for (unsigned cp = segs[i].start; cp <= segs[i].end; cp++) {
            unsigned g = 0;
            if (k < segs[i].first + segs[i].count && s->map[k].cp == cp)
                g = s->map[k++].glyph;
            put16(out, g);
        }
    }
    free(segs);
    return 0;
}

/* ---- assembly ------------------------------------------------------------------ */
typedef struct table {
    char tag[4];
    obuf built;           /* the table's bytes when rebuilt */
    blob copied;          /* or a copy of the source table */
    int present;
} table;

/* Sum of the big-endian 32-bit words of p[0..n) (zero-padded). */
static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i += 4) {
        uint32_t w = 0;
        for (size_t k = 0; k < 4; k++)
            w = w << 8 | (i + k < n ? p[i + k] : 0);
        sum += w;
    }
    return sum;
}

/* Write the sfnt file: directory, then the tables 4-byte aligned, then the
 * checksum adjustment in 'head'. Tables are given in tag order. */
static void assemble(table *t, size_t nt, obuf *out)
{
    size_t count = 0;
    for (size_t i = 0; i < nt; i++)
        count += t[i].present;
    unsigned pow2 = 1, log2 = 0;
    while (pow2 * 2 <= count)
        pow2 *= 2, log2++;
    put32(out, 0x00010000);
    put16(out, (unsigned)count);
    put16(out, 16 * pow2);
    put16(out, log2);
    put16(out, (unsigned)(16 * count - 16 * pow2));
    size_t dir = out->n;
    static const unsigned char zero[16];
    for (size_t i = 0; i < count; i++)
        put_bytes(out, zero, 16);
    size_t head_at = 0, k = 0;
    for (size_t i = 0; i < nt; i++) {
        if (!t[i].present)
            continue;
        const unsigned char *p = t[i].built.p ? t[i].built.p : t[i].copied.p;
        size_t n = t[i].built.p ? t[i].built.n : t[i].copied.len;
        size_t at = out->n;
        if (!memcmp(t[i].tag, "head", 4))
            head_at = at;
        put_bytes(out, p, n);
        pad4(out);
        size_t rec = dir + 16 * k++;
        memcpy(out->p + rec, t[i].tag, 4);
        set32(out->p, rec + 4, checksum(out->p + at, n));
        set32(out->p, rec + 8, (uint32_t)at);
        set32(out->p, rec + 12, (uint32_t)n);
    }
    set32(out->p, head_at + 8, 0xB1B0AFBAu - checksum(out->p, out->n));
}

/* Read the source's tables into s; returns 0, or -1 with *why set. */
static int open_source(subsetter *s, const unsigned char *ttf, size_t len, const char **why)
{
    s->file.p = ttf;
    s->file.len = ttf ? len : 0;
    uint32_t version = rd32(s->file, 0);
    if (s->file.len < 12 || (version != 0x00010000 && version != 0x74727565 /* true */)) {
        *why = version == 0x4F54544F ? "CFF outlines (OTTO) are not supported"
                                     : "not a TrueType font";
        return -1;
    }
    s->head = find_table(s->file, "head");
    s->hhea = find_table(s->file, "hhea");
    s->maxp = find_table(s->file, "maxp");
    s->hmtx = find_table(s->file, "hmtx");
    s->loca = find_table(s->file, "loca");
    s->glyf = find_table(s->file, "glyf");
    if (!s->glyf.p || !s->loca.p) {
        *why = "no glyf/loca tables (CFF outlines?)";
        return -1;
    }
    if (s->head.len < 54 || s->hhea.len < 36 || s->maxp.len < 6 || !s->hmtx.p) {
        *why = "missing or short head, hhea, maxp or hmtx table";
        return -1;
    }
    s->n_glyphs = rd16(s->maxp, 4);
    s->n_hmetrics = rd16(s->hhea, 34);
    s->long_loca = rds16(s->head, 50) == 1;
    if (s->n_glyphs == 0 || s->n_hmetrics == 0 || s->n_hmetrics > s->n_glyphs ||
        (size_t)s->n_hmetrics * 4 > s->hmtx.len) {
        *why = "inconsistent glyph or metrics counts";
        return -1;
    }
    if (s->loca.len < ((size_t)s->n_glyphs + 1) * (s->long_loca ? 4 : 2)) {
        *why = "loca table too short";
        return -1;
    }
    s->cmap_sub = unicode_cmap(find_table(s->file, "cmap"), &s->cmap_format);
    if (!s->cmap_format) {
        *why = "no Unicode cmap (format 4 or 12)";
        return -1;
    }
    return 0;
}

/* Choose the glyphs: .notdef, the glyphs of the code points (new ids in
 * code point order), then the components of composite glyphs at any depth
 * (the list grows while it is walked; each glyph enters it once). Returns
 * 0, or -1 with *why set. */
static int select_glyphs(subsetter *s, const unsigned *cps, size_t n_cps, const char **why)
{
    s->new_of_old = pr_malloc(s->n_glyphs * sizeof *s->new_of_old);
    for (unsigned g = 0; g < s->n_glyphs; g++)
        s->new_of_old[g] = -1;
    s->old_of_new = pr_malloc(s->n_glyphs * sizeof *s->old_of_new);
    keep_glyph(s, 0);
    unsigned *sorted = pr_malloc((n_cps + 1) * sizeof *sorted);
    if (n_cps)
        memcpy(sorted, cps, n_cps * sizeof *sorted);
    if (n_cps > 1)
        qsort(sorted, n_cps, sizeof *sorted, cmp_unsigned);
    for (size_t i = 0; i < n_cps; i++) {
        unsigned cp = sorted[i];
        if ((i > 0 && cp == sorted[i - 1]) || cp >= 0xFFFF)
            continue;
        unsigned g = lookup(s, cp);
        if (!g)
            continue;
        keep_glyph(s, g);
        cmap_entry e = {cp, (unsigned)s->new_of_old[g]};
        PR_PUSH(s->map, s->n_map, s->cap_map, e);
    }
    free(sorted);
    for (unsigned k = 0; k < s->n_new; k++) {
        blob gl;
        if (glyph_data(s, s->old_of_new[k], &gl)) {
            *why = "loca points outside glyf";
            return -1;
        }
        long nc = component_fields(gl, NULL, 0);
        if (nc < 0) {
            *why = "truncated composite glyph";
            return -1;
        }
        if (nc == 0)
            continue;
        size_t *fields = pr_malloc((size_t)nc * sizeof *fields);
        component_fields(gl, fields, (size_t)nc);
        for (long i = 0; i < nc; i++) {
            unsigned c = rd16(gl, fields[i]);
            if (c < s->n_glyphs)
                keep_glyph(s, c);
        }
        free(fields);
    }
    return 0;
}

/* Build every table of the subset and assemble the file into *out.
 * Returns 0, or -1 with *why set. */
static int write_subset(const subsetter *s, obuf *out, const char **why)
{
    static const char *const tags[13] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                          "hmtx", "loca", "maxp", "name", "post", "prep"};
    enum { T_CMAP = 1, T_GLYF = 4, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_POST = 11 };
    table t[13];
    memset(t, 0, sizeof t);
    for (size_t i = 0; i < 13; i++) {
        memcpy(t[i].tag, tags[i], 4);
        t[i].copied = find_table(s->file, tags[i]);
        t[i].present = t[i].copied.p != NULL;
    }
    int rc = -1;
    obuf sub4 = {0};
    if (build_glyf(s, &t[T_GLYF].built, &t[T_LOCA].built)) {
        *why = "loca points outside glyf";
        goto done;
    }
    build_hmtx(s, &t[T_HMTX].built);
    if (build_cmap4(s, CMAP_MERGE_GAP, &sub4) && build_cmap4(s, 0, &sub4)) {
        *why = "too many code points for a format 4 cmap";
        goto done;
    }
    obuf *cmap = &t[T_CMAP].built;
    put16(cmap, 0);          /* version */
    put16(cmap, 1);          /* one subtable: */
    put16(cmap, 3);          /*   Windows */
    put16(cmap, 1);          /*   Unicode BMP */
    put32(cmap, 12);
    put_bytes(cmap, sub4.p, sub4.n);
    put_bytes(&t[T_HEAD].built, s->head.p, 54);
    set32(t[T_HEAD].built.p, 8, 0);      /* checkSumAdjustment: set by assemble() */
    set16(t[T_HEAD].built.p, 50, 1);     /* indexToLocFormat: long */
    put_bytes(&t[T_HHEA].built, s->hhea.p, 36);
    set16(t[T_HHEA].built.p, 34, s->n_new);
    put_bytes(&t[T_MAXP].built, s->maxp.p, s->maxp.len);
    set16(t[T_MAXP].built.p, 4, s->n_new);
    unsigned char post[32] = {0};   /* the source's 32-byte header (zeros if none), format 3 */
    if (t[T_POST].copied.p)
        memcpy(post, t[T_POST].copied.p, t[T_POST].copied.len < 32 ? t[T_POST].copied.len : 32);
    set32(post, 0, 0x00030000);
    put_bytes(&t[T_POST].built, post, 32);
    for (size_t i = 0; i < 13; i++)
        t[i].present |= t[i].built.p != NULL;
    assemble(t, 13, out);
    rc = 0;
done:
    free(sub4.p);
    for (size_t i = 0; i < 13; i++)
        free(t[i].built.p);
    return rc;
}

int pr_font_subset(const unsigned char *ttf, size_t len, const unsigned *cps, size_t n_cps,
                   unsigned char **out, size_t *out_len, const char **why)
{
    const char *ignored;
    if (!why)
        why = &ignored;
    *out = NULL;
    *out_len = 0;
    subsetter s;
    memset(&s, 0, sizeof s);
    int rc = -1;
    obuf file = {0};
    if (!open_source(&s, ttf, len, why) && !select_glyphs(&s, cps, n_cps, why) &&
        !write_subset(&s, &file, why)) {
        *out = file.p;
        *out_len = file.n;
        rc = 0;
    }
    free(s.new_of_old);
    free(s.old_of_new);
    free(s.map);
    return rc;
}
