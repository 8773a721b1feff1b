/* font.c — a TrueType/OpenType metrics reader (head, hhea, maxp, OS/2, name,
 * cmap formats 4 and 12, hmtx, kern format 0, GPOS pair kerning), the
 * metrics interface over it and a fake monospace font for tests, and the
 * style-role font set loaded from a `key = path` mapping file. */
#include "typeset/font.h"
#include "typeset/sfnt.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FONT_MAX_BYTES (64u * 1024u * 1024u)
/* Code points below this have their glyph in a direct table (Latin,
 * general punctuation: the text of a French report), the others are
 * looked up in the sorted cmap: the layout asks for every character's
 * advance and kerning pairs. */
#define FAST_CPS 0x2100u
/* Pairs of code points below PAIR_CPS have their kerning cached. */
#define PAIR_CPS 256u
#define PAIR_UNKNOWN INT16_MIN

typedef struct cmap_pair {
    uint32_t cp;
    uint16_t glyph;
} cmap_pair;

typedef struct kern_pair {
    uint32_t key;   /* left << 16 | right */
    int16_t value;
} kern_pair;

struct pr_font {
    char *path, *family, *postscript;
    pr_mapped file;
    const unsigned char *data;   /* file.data */
    size_t len;
    unsigned upem, n_glyphs, n_hmetrics;
    int ascender, descender, line_gap, cap_height, x_height;
    size_t hmtx_off, hmtx_len;
    cmap_pair *cmap;      /* sorted by cp */
    size_t n_cmap;
    uint16_t *fast_glyph; /* glyph of each cp < FAST_CPS (0: none) */
    kern_pair *kern;      /* 'kern' format 0 pairs, sorted by key */
    size_t n_kern;
    uint32_t *kern_first; /* n_glyphs + 1: the pairs of left glyph g are
                             kern[kern_first[g] .. kern_first[g + 1]) */
    int16_t *pair_kern;   /* kerning of code point pairs below 256, in font
                             units, filled as asked (PAIR_UNKNOWN: not yet):
                             a cache of what never changes, so the face
                             stays logically const */
    size_t gpos_off, gpos_len;   /* 0 when absent */
    uint16_t *kern_lookups;      /* GPOS lookup indices of feature 'kern' */
    size_t n_kern_lookups;
};

/* ---- cmap ------------------------------------------------------------------ */
static int cmp_cmap(const void *a, const void *b)
{
    const cmap_pair *x = a, *y = b;
    return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* Add one mapping (glyph 0 is "missing" and not stored). */
static void cmap_add(pr_font *f, size_t *cap, uint32_t cp, unsigned glyph)
{
    if (glyph == 0 || glyph >= f->n_glyphs || cp > 0x10FFFF)
        return;
    cmap_pair pr = {cp, (uint16_t)glyph};
    PR_PUSH(f->cmap, f->n_cmap, *cap, pr);
}

/* Read a format 4 subtable (BMP segments). */
static void cmap_format4(pr_font *f, blob t)
{
    size_t cap = 0;
    unsigned segx2 = rd16(t, 6), seg = segx2 / 2;
    size_t ends = 14, starts = 16 + segx2, deltas = 16 + 2 * (size_t)segx2,
           ranges = 16 + 3 * (size_t)segx2;
    for (unsigned i = 0; i < seg; i++) {
        unsigned end = rd16(t, ends + 2 * i), start = rd16(t, starts + 2 * i);
        unsigned delta = rd16(t, deltas + 2 * i), ro = rd16(t, ranges + 2 * i);
        if (start > end)
            continue;
        for (unsigned c = start; c <= end && c != 0xFFFF; c++) {
            unsigned g;
            if (ro == 0) {
                g = (c + delta) & 0xFFFF;
            } else {
                size_t at = ranges + 2 * (size_t)i + ro + 2 * (size_t)(c - start);
                g = rd16(t, at);
                if (g)
                    g = (g + delta) & 0xFFFF;
            }
            cmap_add(f, &cap, c, g);
        }
    }
}

/* Read a format 12 subtable (segmented coverage, all planes). */
static void cmap_format12(pr_font *f, blob t)
{
    size_t cap = 0;
    uint32_t n = rd32(t, 12);
    for (uint32_t i = 0; i < n && 16 + 12 * (size_t)i + 12 <= t.len; i++) {
        size_t g = 16 + 12 * (size_t)i;
        uint32_t start = rd32(t, g), end = rd32(t, g + 4), gl = rd32(t, g + 8);
        if (end > 0x10FFFF || start > end || end - start > 0x10FFFF)
            continue;
        for (uint32_t c = start; c <= end; c++)
            cmap_add(f, &cap, c, (unsigned)(gl + (c - start)));
    }
}

/* Choose the best Unicode subtable and read it. Returns 0, or -1. */
/* Are the cmap pairs in strictly increasing order (or none)? */
static int cmap_sorted(const pr_font *f)
{
    for (size_t i = 1; i < f->n_cmap; i++)
        if (f->cmap[i - 1].cp >= f->cmap[i].cp)
            return 0;
    return 1;
}

static int read_cmap(pr_font *f, blob cmap)
{
    unsigned fmt;
    blob best = unicode_cmap(cmap, &fmt);
    if (fmt == 12)
        cmap_format12(f, best);
    else if (fmt == 4)
        cmap_format4(f, best);
    else
        return -1;
    if (!cmap_sorted(f))   /* usually already in order */
        qsort(f->cmap, f->n_cmap, sizeof *f->cmap, cmp_cmap);
    f->fast_glyph = pr_calloc(FAST_CPS, sizeof *f->fast_glyph);
    for (size_t i = 0; i < f->n_cmap && f->cmap[i].cp < FAST_CPS; i++)
        f->fast_glyph[f->cmap[i].cp] = f->cmap[i].glyph;
    return 0;
}

/* ---- kern / GPOS ------------------------------------------------------------ */
/* Work bounds for a kerning query: real fonts have one or two 'kern'
 * lookups of a few subtables (Lato: none, it has a 'kern' table); a
 * crafted font with thousands made every query take seconds. Lookups and
 * subtables beyond these are ignored. */
#define MAX_KERN_LOOKUPS 32
#define MAX_KERN_SUBTABLES 64

static int cmp_kern(const void *a, const void *b)
{
    const kern_pair *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* Are the kerning pairs in increasing order (or none)? */
static int kern_sorted(const pr_font *f)
{
    for (size_t i = 1; i < f->n_kern; i++)
        if (f->kern[i - 1].key > f->kern[i].key)
            return 0;
    return 1;
}

/* Read the horizontal format 0 subtables of a 'kern' table. */
static void read_kern(pr_font *f, blob k)
{
    size_t cap = 0;
    if (rd16(k, 0) != 0)
        return;   /* Apple's version 1 tables are not used by Lato */
    unsigned n = rd16(k, 2);
    size_t off = 4;
    for (unsigned i = 0; i < n && off + 6 <= k.len; i++) {
        unsigned len = rd16(k, off + 2), cov = rd16(k, off + 4);
        if ((cov >> 8) == 0 && (cov & 1)) {
            unsigned np = rd16(k, off + 6);
            for (unsigned j = 0; j < np; j++) {
                size_t r = off + 14 + 6 * (size_t)j;
                if (r + 6 > k.len)
                    break;
                kern_pair kp = {rd32(k, r), (int16_t)rds16(k, r + 4)};
                PR_PUSH(f->kern, f->n_kern, cap, kp);
            }
        }
        if (len < 6)
            break;
        off += len;
    }
    if (!kern_sorted(f))   /* format 0 pairs come sorted */
        qsort(f->kern, f->n_kern, sizeof *f->kern, cmp_kern);
    /* index by left glyph */
    f->kern_first = pr_calloc((size_t)f->n_glyphs + 2, sizeof *f->kern_first);
    size_t at = 0;
    for (unsigned g = 0; g <= f->n_glyphs; g++) {
        while (at < f->n_kern && (f->kern[at].key >> 16) < g)
            at++;
        f->kern_first[g] = (uint32_t)at;
    }
    f->kern_first[f->n_glyphs + 1] = (uint32_t)f->n_kern;
}

/* Remember the lookups of the GPOS 'kern' feature. */
static void read_gpos(pr_font *f, blob gpos, size_t gpos_off)
{
    size_t cap = 0;
    uint32_t seen[65536 / 32] = {0};   /* lookup indices already taken */
    blob feats = sub(gpos, rd16(gpos, 6), (size_t)-1);
    unsigned nf = rd16(feats, 0);
    for (unsigned i = 0; i < nf; i++) {
        size_t rec = 2 + 6 * (size_t)i;
        if (rec + 6 > feats.len || memcmp(feats.p + rec, "kern", 4))
            continue;
        blob ft = sub(feats, rd16(feats, rec + 4), (size_t)-1);
        unsigned nl = rd16(ft, 2);
        for (unsigned j = 0; j < nl && f->n_kern_lookups < MAX_KERN_LOOKUPS; j++) {
            uint16_t idx = (uint16_t)rd16(ft, 4 + 2 * j);
            if (seen[idx / 32] >> (idx % 32) & 1)
                continue;
            seen[idx / 32] |= 1u << (idx % 32);
            PR_PUSH(f->kern_lookups, f->n_kern_lookups, cap, idx);
        }
    }
    if (f->n_kern_lookups) {
        f->gpos_off = gpos_off;
        f->gpos_len = gpos.len;
    }
}

/* The index of the range holding glyph g among the n 6-byte range records
 * (start, end, value) at `off` in t, sorted by start as the OpenType
 * specification requires; -1 if none. Binary search: a crafted table of
 * 65 535 ranges costs 16 steps, not 65 535. */
static long range_of(blob t, size_t off, unsigned n, unsigned g)
{
    unsigned lo = 0, hi = n;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        size_t r = off + 6 * (size_t)mid;
        if (g < rd16(t, r))
            hi = mid;
        else if (g > rd16(t, r + 2))
            lo = mid + 1;
        else
            return (long)mid;
    }
    return -1;
}

/* Coverage index of glyph g in a coverage table, or -1. */
static long coverage_index(blob c, unsigned g)
{
    unsigned fmt = rd16(c, 0), n = rd16(c, 2);
    if (fmt == 1) {
        unsigned lo = 0, hi = n;
        while (lo < hi) {
            unsigned mid = (lo + hi) / 2, v = rd16(c, 4 + 2 * mid);
            if (v == g)
                return (long)mid;
            if (v < g) lo = mid + 1; else hi = mid;
        }
    } else if (fmt == 2) {
        long i = range_of(c, 4, n, g);
        if (i >= 0) {
            size_t r = 4 + 6 * (size_t)i;
            return (long)(rd16(c, r + 4) + (g - rd16(c, r)));
        }
    }
    return -1;
}

/* Class of glyph g in a class definition table (0 when not listed). */
static unsigned class_of(blob c, unsigned g)
{
    unsigned fmt = rd16(c, 0);
    if (fmt == 1) {
        unsigned start = rd16(c, 2), n = rd16(c, 4);
        if (g >= start && g < start + n)
            return rd16(c, 6 + 2 * (g - start));
    } else if (fmt == 2) {
        long i = range_of(c, 4, rd16(c, 2), g);
        if (i >= 0)
            return rd16(c, 4 + 6 * (size_t)i + 4);
    }
    return 0;
}

/* Size in bytes of a ValueRecord with format vf. */
static size_t value_size(unsigned vf)
{
    size_t n = 0;
    for (unsigned b = 0; b < 8; b++)
        n += (vf >> b) & 1;
    return 2 * n;
}

/* XAdvance of a ValueRecord at off (0 when the format has none). */
static int value_xadv(blob b, size_t off, unsigned vf)
{
    if (!(vf & 4))
        return 0;
    size_t skip = 2 * (size_t)((vf & 1) + ((vf >> 1) & 1));
    return rds16(b, off + skip);
}

/* Try one PairPos subtable: returns 1 and sets *adj when it applies. */
static int pairpos(blob st, unsigned l, unsigned r, int *adj)
{
    unsigned fmt = rd16(st, 0);
    long ci = coverage_index(sub(st, rd16(st, 2), (size_t)-1), l);
    if (ci < 0)
        return 0;
    unsigned vf1 = rd16(st, 4), vf2 = rd16(st, 6);
    size_t s1 = value_size(vf1), s2 = value_size(vf2);
    if (fmt == 1) {
        if ((unsigned long)ci >= rd16(st, 8))
            return 0;
        blob set = sub(st, rd16(st, 10 + 2 * (size_t)ci), (size_t)-1);
        unsigned n = rd16(set, 0), lo = 0, hi = n;
        size_t rec = 2 + s1 + s2;
        while (lo < hi) {
            unsigned mid = (lo + hi) / 2;
            unsigned g = rd16(set, 2 + rec * mid);
            if (g == r) {
                *adj = value_xadv(set, 2 + rec * mid + 2, vf1);
                return 1;
            }
            if (g < r) lo = mid + 1; else hi = mid;
        }
        return 0;
    }
    if (fmt == 2) {
        unsigned c1 = class_of(sub(st, rd16(st, 8), (size_t)-1), l);
        unsigned c2 = class_of(sub(st, rd16(st, 10), (size_t)-1), r);
        unsigned n1 = rd16(st, 12), n2 = rd16(st, 14);
        if (c1 >= n1 || c2 >= n2)
            return 0;
        size_t off = 16 + ((size_t)c1 * n2 + c2) * (s1 + s2);
        *adj = value_xadv(st, off, vf1);
        return 1;
    }
    return 0;
}

/* Sum of the GPOS 'kern' lookups' adjustments for the pair (l, r). */
static int gpos_kerning(const pr_font *f, unsigned l, unsigned r)
{
    blob gpos = {f->data + f->gpos_off, f->gpos_len};
    blob lookups = sub(gpos, rd16(gpos, 8), (size_t)-1);
    int total = 0;
    for (size_t i = 0; i < f->n_kern_lookups; i++) {
        blob lk = sub(lookups, rd16(lookups, 2 + 2 * (size_t)f->kern_lookups[i]), (size_t)-1);
        unsigned type = rd16(lk, 0), n = rd16(lk, 4);
        if (n > MAX_KERN_SUBTABLES)
            n = MAX_KERN_SUBTABLES;
        for (unsigned j = 0; j < n; j++) {
            blob st = sub(lk, rd16(lk, 6 + 2 * j), (size_t)-1);
            unsigned t = type;
            if (t == 9) {   /* extension */
                t = rd16(st, 2);
                st = sub(st, rd32(st, 4), (size_t)-1);
            }
            int adj = 0;
            if (t == 2 && pairpos(st, l, r, &adj)) {
                total += adj;
                break;
            }
        }
    }
    return total;
}

/* ---- name ------------------------------------------------------------------ */
/* Name `id` as ASCII/UTF-8 (Windows UTF-16BE or Mac Roman ASCII), or NULL. */
static char *read_name(blob name, unsigned id)
{
    unsigned n = rd16(name, 2), store = rd16(name, 4);
    for (int pass = 0; pass < 2; pass++)
        for (unsigned i = 0; i < n; i++) {
            size_t r = 6 + 12 * (size_t)i;
            unsigned plat = rd16(name, r), nid = rd16(name, r + 6);
            unsigned len = rd16(name, r + 8), off = rd16(name, r + 10);
            if (nid != id || (pass == 0 && plat != 3) || (pass == 1 && plat != 1))
                continue;
            blob s = sub(name, (size_t)store + off, len);
            pr_strbuf sb = {0};
            if (plat == 3) {
                for (size_t k = 0; k + 1 < s.len; k += 2) {
                    char u[4];
                    unsigned cp = rd16(s, k);
                    if (cp >= 0xD800 && cp <= 0xDFFF)
                        cp = 0xFFFD;
                    pr_sb_add(&sb, u, (size_t)pr_utf8_encode(cp, u));
                }
            } else {
                for (size_t k = 0; k < s.len; k++)
                    pr_sb_putc(&sb, s.p[k] < 0x80 ? (char)s.p[k] : '?');
            }
            return pr_sb_steal(&sb);
        }
    return NULL;
}

/* yMax of glyph g from loca/glyf, or 0. */
static int glyph_ymax(blob file, unsigned g, int long_loca)
{
    blob loca = find_table(file, "loca"), glyf = find_table(file, "glyf");
    size_t off, end;
    if (long_loca) {
        off = rd32(loca, 4 * (size_t)g);
        end = rd32(loca, 4 * (size_t)g + 4);
    } else {
        off = 2 * (size_t)rd16(loca, 2 * (size_t)g);
        end = 2 * (size_t)rd16(loca, 2 * (size_t)g + 2);
    }
    if (end <= off)
        return 0;
    return rds16(glyf, off + 8);
}

/* ---- loading ---------------------------------------------------------------- */
/* Add a French error about font file `path` (an unusable font file, like
 * an unreadable one, is an I/O error). */
static void font_error(pr_diags *d, const char *path, const char *what)
{
    pr_pos pos = {path, 0, 0};
    pr_io_error(d, pos, "police illisible « %s » : %s", path, what);
}

pr_font *pr_font_load(const char *path, pr_diags *d)
{
    /* mapped: of its 600 KB, a face's metrics use a few tables */
    pr_mapped file_map;
    int err = pr_map_file(path, FONT_MAX_BYTES, &file_map);
    const unsigned char *data = file_map.data;
    size_t len = file_map.len;
    if (err) {
        pr_pos pos = {path, 0, 0};
        pr_io_error(d, pos, "impossible de lire la police « %s » : %s", path, pr_strerror(err));
        return NULL;
    }
    blob file = {(const unsigned char *)data, len};
    uint32_t tag = rd32(file, 0);
    if (len < 12 || (tag != 0x00010000 && tag != 0x4F54544F /* OTTO */ &&
                     tag != 0x74727565 /* true */)) {
        font_error(d, path, "ce n’est pas un fichier TrueType ou OpenType");
        pr_unmap_file(&file_map);
        return NULL;
    }
    static const char *const required[] = {"head", "hhea", "maxp", "hmtx", "cmap"};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!find_table(file, required[i]).len) {
            char *msg = pr_asprintf("table « %s » absente", required[i]);
            font_error(d, path, msg);
            free(msg);
            pr_unmap_file(&file_map);
            return NULL;
        }
    pr_font *f = pr_calloc(1, sizeof *f);
    f->path = pr_strdup(path);
    f->file = file_map;
    f->data = data;
    f->len = len;
    blob head = find_table(file, "head"), hhea = find_table(file, "hhea");
    blob maxp = find_table(file, "maxp"), hmtx = find_table(file, "hmtx");
    f->upem = rd16(head, 18);
    f->n_glyphs = rd16(maxp, 4);
    f->ascender = rds16(hhea, 4);
    f->descender = rds16(hhea, 6);
    f->line_gap = rds16(hhea, 8);
    f->n_hmetrics = rd16(hhea, 34);
    f->hmtx_off = (size_t)(hmtx.p - file.p);
    f->hmtx_len = hmtx.len;
    if (f->upem < 16 || f->upem > 16384 || f->n_hmetrics == 0 ||
        (size_t)f->n_hmetrics * 4 > hmtx.len) {
        font_error(d, path, "tables « head », « hhea » ou « hmtx » incohérentes");
        pr_font_free(f);
        return NULL;
    }
    if (read_cmap(f, find_table(file, "cmap")) || f->n_cmap == 0) {
        font_error(d, path, "aucune table « cmap » Unicode (formats 4 ou 12)");
        pr_font_free(f);
        return NULL;
    }
    blob os2 = find_table(file, "OS/2");
    if (os2.len >= 90 && rd16(os2, 0) >= 2) {
        f->x_height = rds16(os2, 86);
        f->cap_height = rds16(os2, 88);
    }
    int long_loca = rds16(head, 50) == 1;
    if (f->cap_height <= 0)
        f->cap_height = glyph_ymax(file, pr_font_glyph(f, 'H'), long_loca);
    if (f->x_height <= 0)
        f->x_height = glyph_ymax(file, pr_font_glyph(f, 'x'), long_loca);
    blob kern = find_table(file, "kern");
    if (kern.len)
        read_kern(f, kern);
    blob gpos = find_table(file, "GPOS");
    if (gpos.len && !f->n_kern)
        read_gpos(f, gpos, (size_t)(gpos.p - file.p));
    blob name = find_table(file, "name");
    f->family = read_name(name, 16);
    if (!f->family)
        f->family = read_name(name, 1);
    f->postscript = read_name(name, 6);
    if (!f->family)
        f->family = pr_strdup("");
    if (!f->postscript)
        f->postscript = pr_strdup("");
    return f;
}

void pr_font_free(pr_font *f)
{
    if (!f)
        return;
    free(f->path);
    free(f->family);
    free(f->postscript);
    pr_unmap_file(&f->file);
    free(f->cmap);
    free(f->fast_glyph);
    free(f->kern);
    free(f->kern_first);
    free(f->pair_kern);
    free(f->kern_lookups);
    free(f);
}

const char *pr_font_path(const pr_font *f) { return f->path; }
const char *pr_font_family(const pr_font *f) { return f->family; }
const char *pr_font_postscript(const pr_font *f) { return f->postscript; }
unsigned pr_font_units_per_em(const pr_font *f) { return f->upem; }
int pr_font_ascender(const pr_font *f) { return f->ascender; }
int pr_font_descender(const pr_font *f) { return f->descender; }
int pr_font_line_gap(const pr_font *f) { return f->line_gap; }
int pr_font_cap_height(const pr_font *f) { return f->cap_height; }
int pr_font_x_height(const pr_font *f) { return f->x_height; }

unsigned pr_font_glyph(const pr_font *f, unsigned cp)
{
    if (cp < FAST_CPS && f->fast_glyph)
        return f->fast_glyph[cp];
    size_t lo = 0, hi = f->n_cmap;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->cmap[mid].cp == cp)
            return f->cmap[mid].glyph;
        if (f->cmap[mid].cp < cp) lo = mid + 1; else hi = mid;
    }
    return 0;
}

unsigned pr_font_glyph_advance(const pr_font *f, unsigned glyph)
{
    blob hmtx = {f->data + f->hmtx_off, f->hmtx_len};
    unsigned i = glyph < f->n_hmetrics ? glyph : f->n_hmetrics - 1;
    return rd16(hmtx, 4 * (size_t)i);
}

int pr_font_glyph_kerning(const pr_font *f, unsigned left, unsigned right)
{
    if (!left || !right)
        return 0;
    if (f->n_kern) {
        uint32_t key = (uint32_t)left << 16 | right;
        size_t lo = 0, hi = f->n_kern;
        if (f->kern_first && left <= f->n_glyphs) {
            lo = f->kern_first[left];
            hi = f->kern_first[left + 1];
        }
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (f->kern[mid].key == key)
                return f->kern[mid].value;
            if (f->kern[mid].key < key) lo = mid + 1; else hi = mid;
        }
        return 0;
    }
    if (f->n_kern_lookups)
        return gpos_kerning(f, left, right);
    return 0;
}

/* ---- metrics interface -------------------------------------------------------- */
/* Units to 1/1000 em, truncated like libharu's /W entries. */
static double per_mille(const pr_font *f, long units)
{
    return (double)(units * 1000 / (long)f->upem);
}

static double face_advance(const void *ctx, unsigned cp)
{
    const pr_font *f = ctx;
    return per_mille(f, (long)pr_font_glyph_advance(f, pr_font_glyph(f, cp)));
}

static double face_kerning(const void *ctx, unsigned a, unsigned b)
{
    const pr_font *f = ctx;
    if (a < PAIR_CPS && b < PAIR_CPS) {
        pr_font *mf = (pr_font *)ctx;   /* the cache only: see pair_kern */
        if (!mf->pair_kern) {
            mf->pair_kern = pr_malloc(PAIR_CPS * PAIR_CPS * sizeof *mf->pair_kern);
            for (size_t i = 0; i < PAIR_CPS * PAIR_CPS; i++)
                mf->pair_kern[i] = PAIR_UNKNOWN;
        }
        int16_t *slot = &mf->pair_kern[a * PAIR_CPS + b];
        if (*slot == PAIR_UNKNOWN) {
            int k = pr_font_glyph_kerning(f, pr_font_glyph(f, a), pr_font_glyph(f, b));
            *slot = (int16_t)(k < -32767 ? -32767 : k > 32767 ? 32767 : k);
        }
        return (double)*slot * 1000.0 / f->upem;
    }
    int k = pr_font_glyph_kerning(f, pr_font_glyph(f, a), pr_font_glyph(f, b));
    return (double)k * 1000.0 / f->upem;
}

static int face_has_glyph(const void *ctx, unsigned cp)
{
    return pr_font_glyph(ctx, cp) != 0;
}

pr_font_metrics pr_font_metrics_of(const pr_font *f)
{
    pr_font_metrics m = {f, face_advance, face_kerning, face_has_glyph,
                         f->ascender * 1000.0 / f->upem, f->descender * 1000.0 / f->upem,
                         f->cap_height * 1000.0 / f->upem, f->x_height * 1000.0 / f->upem};
    return m;
}

/* The fake font keeps its advance in a static table indexed by value: the
 * ctx pointer carries the advance itself, boxed. */
typedef struct fake_font {
    double advance;
} fake_font;

static double fake_advance(const void *ctx, unsigned cp)
{
    (void)cp;
    return ((const fake_font *)ctx)->advance;
}

static double fake_kerning(const void *ctx, unsigned a, unsigned b)
{
    (void)ctx; (void)a; (void)b;
    return 0;
}

static int fake_has_glyph(const void *ctx, unsigned cp)
{
    (void)ctx; (void)cp;
    return 1;
}

pr_font_metrics pr_metrics_fake(double advance)
{
    /* A small pool of advances, so the ctx needs no freeing. */
    static fake_font pool[16];
    static size_t n_pool;
    size_t i;
    for (i = 0; i < n_pool; i++)
        if (pool[i].advance == advance)
            break;
    if (i == n_pool) {
        if (n_pool < sizeof pool / sizeof *pool)
            pool[n_pool++].advance = advance;
        else
            i = n_pool - 1, pool[i].advance = advance;
    }
    pr_font_metrics m = {&pool[i], fake_advance, fake_kerning, fake_has_glyph,
                         800, -200, 700, 500};
    return m;
}

double pr_metrics_width(const pr_font_metrics *m, double size, const char *s,
                        size_t len, int kern)
{
    double w = 0;
    unsigned prev = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        int l = pr_utf8_decode(s + i, len - i, &cp);
        if (!l) {
            cp = 0xFFFD;
            l = 1;
        }
        w += m->advance(m->ctx, cp);
        if (kern && prev)
            w += m->kerning(m->ctx, prev, cp);
        prev = cp;
        i += (size_t)l;
    }
    return w * size / 1000.0;
}

/* ---- style roles ----------------------------------------------------------------- */
static const char *const style_names[PR_STYLE_COUNT] = {
    "regular", "italic", "bold", "bolditalic", "black", "light", "semibold"};

const char *pr_style_name(pr_style s)
{
    return (unsigned)s < PR_STYLE_COUNT ? style_names[s] : "?";
}

int pr_style_from_name(const char *name, pr_style *out)
{
    for (int i = 0; i < PR_STYLE_COUNT; i++)
        if (!strcmp(name, style_names[i])) {
            *out = (pr_style)i;
            return 0;
        }
    return -1;
}

pr_style pr_style_italic(pr_style s)
{
    if (s == PR_STYLE_REGULAR) return PR_STYLE_ITALIC;
    if (s == PR_STYLE_BOLD) return PR_STYLE_BOLD_ITALIC;
    return s;
}

pr_style pr_style_bold(pr_style s)
{
    switch (s) {
    case PR_STYLE_REGULAR: return PR_STYLE_BOLD;
    case PR_STYLE_ITALIC: return PR_STYLE_BOLD_ITALIC;
    case PR_STYLE_LIGHT: return PR_STYLE_REGULAR;
    case PR_STYLE_SEMIBOLD: return PR_STYLE_BLACK;
    case PR_STYLE_BOLD: return PR_STYLE_BLACK;
    default: return s;
    }
}

/* ---- font set ---------------------------------------------------------------------- */
/* Role used when role s has no face of its own. */
static pr_style fallback_of(pr_style s)
{
    switch (s) {
    case PR_STYLE_BOLD_ITALIC: return PR_STYLE_BOLD;
    case PR_STYLE_SEMIBOLD: return PR_STYLE_BOLD;
    case PR_STYLE_BLACK: return PR_STYLE_BOLD;
    default: return PR_STYLE_REGULAR;
    }
}

/* Strip leading and trailing blanks of s[*a..*b). */
static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && (s[*a] == ' ' || s[*a] == '\t'))
        (*a)++;
    while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\t' || s[*b - 1] == '\r'))
        (*b)--;
}

int pr_fontset_load(pr_fontset *fs, const char *map_path, pr_diags *d)
{
    memset(fs, 0, sizeof *fs);
    char *text = NULL;
    size_t len = 0;
    int err = pr_read_file(map_path, 1u << 20, &text, &len);
    if (err) {
        pr_pos pos = {map_path, 0, 0};
        pr_diag_add(d, PR_SEV_ERROR, err == EFBIG ? PR_DIAG_TEMPLATE : PR_DIAG_IO, pos, NULL,
                    "impossible de lire la table des polices « %s » : %s",
                 map_path, pr_strerror(err));
        return -1;
    }
    /* a byte order mark is not text; the rest must be UTF-8 text without
     * NUL or control characters */
    size_t bom = pr_utf8_bom(text, len);
    if (bom) {
        memmove(text, text + bom, len - bom + 1);
        len -= bom;
    }
    const char *file = pr_source_add(map_path, text, len);
    size_t bad = pr_utf8_invalid_at(text, len);
    unsigned cp;
    size_t forbidden = bad == (size_t)-1 ? pr_text_forbidden_at(text, len, &cp) : (size_t)-1;
    if (bad != (size_t)-1 || forbidden != (size_t)-1) {
        char desc[48];
        if (bad != (size_t)-1)
            pr_template_error(d, pr_pos_at(file, text, bad), NULL, "octet UTF-8 invalide (0x%02X) : "
                              "le fichier doit être enregistré en UTF-8", (unsigned char)text[bad]);
        else
            pr_template_error(d, pr_pos_at(file, text, forbidden), NULL, "%s interdit dans le "
                              "fichier", pr_char_describe(cp, desc));
        free(text);
        return -1;
    }
    const char *slash = strrchr(map_path, '/');
    size_t dir_len = slash ? (size_t)(slash - map_path) + 1 : 0;
    size_t errors_before = d->n_errors;
    int line_no[PR_STYLE_COUNT] = {0};
    int line = 0;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        line++;
        size_t a = i, b = e;
        i = e + 1;
        trim(text, &a, &b);
        if (a == b || text[a] == '#')
            continue;
        const char *eq = memchr(text + a, '=', b - a);
        size_t start = a;   /* start of the line, for columns */
        while (start > 0 && text[start - 1] != '\n')
            start--;
        if (!eq) {
            pr_pos pos = {file, line, (int)(a - start) + 1};
            pr_template_error(d, pos, NULL, "ligne sans « = » : attendu « rôle = chemin de la police »");
            continue;
        }
        size_t ks = a, ke = (size_t)(eq - text), vs = ke + 1, ve = b;
        trim(text, &ks, &ke);
        trim(text, &vs, &ve);
        char *key = pr_strndup(text + ks, ke - ks);
        pr_style role;
        if (pr_style_from_name(key, &role)) {
            pr_pos pos = {file, line, (int)(ks - start) + 1};
            const char *sugg = pr_suggest(key, (const char *const[]){
                "regular", "italic", "bold", "bolditalic", "black", "light", "semibold", NULL});
            if (sugg)
                pr_template_error(d, pos, NULL, "rôle de police inconnu « %s » (vouliez-vous dire « %s » ?)",
                         key, sugg);
            else
                pr_template_error(d, pos, NULL, "rôle de police inconnu « %s » (attendu : regular, "
                         "italic, bold, bolditalic, black, light ou semibold)", key);
            free(key);
            continue;
        }
        free(key);
        if (line_no[role]) {
            pr_pos pos = {file, line, (int)(ks - start) + 1};
            pr_template_error(d, pos, NULL, "rôle de police « %s » déjà défini ligne %d",
                     pr_style_name(role), line_no[role]);
            continue;
        }
        line_no[role] = line;
        pr_pos vpos = {file, line, (int)(vs - start) + 1};
        if (vs == ve) {
            pr_template_error(d, vpos, NULL, "chemin de police vide pour « %s »", pr_style_name(role));
            continue;
        }
        char *path = text[vs] == '/' || !dir_len
                         ? pr_strndup(text + vs, ve - vs)
                         : pr_asprintf("%.*s%.*s", (int)dir_len, map_path, (int)(ve - vs), text + vs);
        pr_diags tmp;
        pr_diags_init(&tmp);
        pr_font *f = pr_font_load(path, &tmp);
        if (!f) {
            /* the font's own error (I/O or template), at its line here */
            const char *msg = tmp.n ? tmp.items[0].msg : "erreur inconnue";
            pr_diag_add(d, PR_SEV_ERROR, tmp.n ? tmp.items[0].cls : PR_DIAG_INTERNAL, vpos, NULL,
                        "%s%s", msg,
                     strstr(path, "/lato/") ? " (paquet Debian fonts-lato)" : "");
        } else {
            fs->faces[role] = f;
        }
        pr_diags_free(&tmp);
        free(path);
    }
    free(text);
    if (!line_no[PR_STYLE_REGULAR] && d->n_errors == errors_before) {
        pr_pos pos = {file, 0, 0};
        pr_template_error(d, pos, NULL, "rôle de police « regular » manquant");
    }
    if (d->n_errors != errors_before) {
        pr_fontset_free(fs);
        return -1;
    }
    for (int r = 0; r < PR_STYLE_COUNT; r++) {
        pr_style s = (pr_style)r;
        while (!fs->faces[s] && s != PR_STYLE_REGULAR)
            s = fallback_of(s);
        fs->metrics[r] = pr_font_metrics_of(fs->faces[s]);
    }
    return 0;
}

void pr_fontset_fake(pr_fontset *fs, double advance)
{
    memset(fs, 0, sizeof *fs);
    for (int r = 0; r < PR_STYLE_COUNT; r++)
        fs->metrics[r] = pr_metrics_fake(advance);
}

void pr_fontset_free(pr_fontset *fs)
{
    for (int r = 0; r < PR_STYLE_COUNT; r++)
        pr_font_free(fs->faces[r]);
    memset(fs, 0, sizeof *fs);
}

const pr_font_metrics *pr_fontset_metrics(const pr_fontset *fs, pr_style s)
{
    return &fs->metrics[(unsigned)s < PR_STYLE_COUNT ? s : PR_STYLE_REGULAR];
}

const pr_font *pr_fontset_face(const pr_fontset *fs, pr_style s)
{
    if ((unsigned)s >= PR_STYLE_COUNT)
        s = PR_STYLE_REGULAR;
    while (!fs->faces[s] && s != PR_STYLE_REGULAR)
        s = fallback_of(s);
    return fs->faces[s];
}

const char *pr_fontset_path(const pr_fontset *fs, pr_style s)
{
    const pr_font *f = pr_fontset_face(fs, s);
    return f ? f->path : NULL;
}
