/* test_hpdf_private.c — the fence around libharu 2.3.0 (hpdf_private.h),
 * read back from the bytes libharu saves: the library loaded is the one
 * of the headers; a stream's data can be set already compressed (saved as
 * is, one /Filter /FlateDecode) or raw (compressed by libharu, or saved as
 * given), and read back; the document's catalog, trailer and
 * cross-reference table take new objects built with the object layer (what
 * a structure tree or XMP metadata will need); a Type0 font made from a set
 * of code points has a CIDToGIDMap cut after the highest one, and once
 * prepared its descriptor and font program (with the glyphs measured
 * before) are reachable through the object layer. */
#include <stdlib.h>
#include <zlib.h>

#include "pdf/hpdf_private.h"
#include "unit.h"

#define LATO "/usr/share/fonts/truetype/lato/Lato-Regular.ttf"

/* First occurrence of needle[0..n) in hay[0..len), or NULL. */
static const unsigned char *find_bytes(const unsigned char *hay, size_t len, const void *needle,
                                       size_t n)
{
    for (size_t i = 0; n <= len && i + n <= len; i++)
        if (!memcmp(hay + i, needle, n))
            return hay + i;
    return NULL;
}

/* Save pdf into memory (*len bytes, malloc'd). */
static unsigned char *save(HPDF_Doc pdf, size_t *len)
{
    *len = 0;
    if (HPDF_SaveToStream(pdf) != HPDF_OK)
        return NULL;
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    unsigned char *buf = malloc(size + 1);
    HPDF_ResetStream(pdf);
    if (HPDF_ReadFromStream(pdf, buf, &size) != HPDF_OK) {
        free(buf);
        return NULL;
    }
    *len = size;
    return buf;
}

/* The dictionary text before "stream" of object `num`, and the raw bytes
 * of its stream (pointers into pdf); 0, or -1 when missing. */
static int raw_object(const unsigned char *pdf, size_t len, int num, const char **dict,
                      size_t *dict_len, const unsigned char **data, size_t *data_len)
{
    char head[32];
    int hn = snprintf(head, sizeof head, "\n%d 0 obj", num);
    const unsigned char *o = find_bytes(pdf, len, head, (size_t)hn);
    if (!o)
        return -1;
    size_t rest = len - (size_t)(o - pdf);
    const unsigned char *st = find_bytes(o, rest, "stream\r\n", 8);
    const unsigned char *end = st ? find_bytes(st, rest - (size_t)(st - o), "\nendstream", 10) : NULL;
    if (!st || !end)
        return -1;
    *dict = (const char *)o;
    *dict_len = (size_t)(st - o);
    *data = st + 8;
    *data_len = (size_t)(end - *data);
    return 0;
}

/* The object number after `key` in pdf, or -1. */
static int ref_after(const unsigned char *pdf, size_t len, const char *key)
{
    const unsigned char *p = find_bytes(pdf, len, key, strlen(key));
    return p ? atoi((const char *)p + strlen(key)) : -1;
}

/* Count of needle in text[0..len). */
static int count_in(const char *text, size_t len, const char *needle)
{
    int n = 0;
    size_t k = strlen(needle);
    for (const unsigned char *p = (const unsigned char *)text;
         (p = find_bytes(p, len - (size_t)(p - (const unsigned char *)text), needle, k)); p++)
        n++;
    return n;
}

TEST(version)
{
    CHECK_INT(pr_hpdf_version_ok(), 1);
    CHECK_STR(HPDF_GetVersion(), "2.3.0");
}

TEST(stream_set_compressed)
{
    static const char content[] = "0 0 m\n10 10 l\nS\n";
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Dict contents = HPDF_Dict_GetItem(page, "Contents", HPDF_OCLASS_DICT);
    CHECK(contents != NULL);
    CHECK_INT(pr_hpdf_stream_deflates(contents), 1);   /* COMP_ALL: libharu compresses pages */
    unsigned char z[256];
    uLongf zlen = sizeof z;
    compress2(z, &zlen, (const Bytef *)content, sizeof content - 1, 2);
    CHECK_INT(pr_hpdf_stream_set(contents, z, zlen, 1), HPDF_OK);
    CHECK_INT(pr_hpdf_stream_deflates(contents), 0);
    /* read back: the compressed bytes, as they will be saved */
    unsigned char *back;
    size_t back_len;
    CHECK_INT(pr_hpdf_stream_read(contents, &back, &back_len), HPDF_OK);
    CHECK(back_len == zlen && !memcmp(back, z, zlen));
    free(back);
    size_t len;
    unsigned char *out = save(pdf, &len);
    int num = out ? ref_after(out, len, "/Contents ") : -1;
    const char *dict;
    size_t dict_len, data_len;
    const unsigned char *data;
    CHECK(num > 0 && raw_object(out, len, num, &dict, &dict_len, &data, &data_len) == 0);
    if (num > 0 && data) {
        CHECK(data_len == zlen && !memcmp(data, z, zlen));   /* saved as is */
        CHECK_INT(count_in(dict, dict_len, "/Filter /FlateDecode"), 1);
        CHECK_INT(count_in(dict, dict_len, "/Filter ["), 0);   /* not libharu's array */
    }
    free(out);
    HPDF_Free(pdf);
}

TEST(stream_set_raw)
{
    static const char content[] = "1 0 0 RG\n";
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Dict contents = HPDF_Dict_GetItem(page, "Contents", HPDF_OCLASS_DICT);
    /* set compressed, then raw again: libharu's compression comes back
     * only for a stream it compresses by itself, so this one is saved as
     * given */
    CHECK_INT(pr_hpdf_stream_set(contents, "x", 1, 1), HPDF_OK);
    CHECK_INT(pr_hpdf_stream_set(contents, content, sizeof content - 1, 0), HPDF_OK);
    unsigned char *back;
    size_t back_len;
    CHECK_INT(pr_hpdf_stream_read(contents, &back, &back_len), HPDF_OK);
    CHECK(back_len == sizeof content - 1 && !memcmp(back, content, back_len));
    free(back);
    size_t len;
    unsigned char *out = save(pdf, &len);
    int num = out ? ref_after(out, len, "/Contents ") : -1;
    const char *dict;
    size_t dict_len, data_len;
    const unsigned char *data;
    CHECK(num > 0 && raw_object(out, len, num, &dict, &dict_len, &data, &data_len) == 0);
    if (num > 0 && data) {
        CHECK(data_len == sizeof content - 1 && !memcmp(data, content, data_len));
        CHECK_INT(count_in(dict, dict_len, "/Filter"), 0);
    }
    free(out);
    /* not a stream: refused */
    HPDF_ResetError(pdf);
    CHECK(pr_hpdf_stream_set(page, "x", 1, 1) != HPDF_OK);
    CHECK(pr_hpdf_stream_set(NULL, "x", 1, 1) != HPDF_OK);
    CHECK_INT(pr_hpdf_stream_deflates(page), 0);
    HPDF_Free(pdf);
}

TEST(document_objects)
{
    /* what a tagged PDF needs: an indirect stream object (as XMP metadata
     * would be) and a direct dictionary (as /MarkInfo) in the catalog, an
     * entry in the trailer */
    static const char xmp[] = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>";
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_AddPage(pdf);
    pr_hpdf_objects o = pr_hpdf_doc_objects(pdf);
    CHECK(o.mmgr && o.xref && o.catalog && o.trailer);
    HPDF_Dict meta = HPDF_DictStream_New(o.mmgr, o.xref);
    CHECK(meta != NULL);
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    CHECK_INT(pr_hpdf_stream_set(meta, xmp, sizeof xmp - 1, 0), HPDF_OK);
    CHECK_INT(HPDF_Dict_Add(o.catalog, "Metadata", meta), HPDF_OK);
    HPDF_Dict mark = HPDF_Dict_New(o.mmgr);
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    CHECK_INT(HPDF_Dict_Add(o.catalog, "MarkInfo", mark), HPDF_OK);
    CHECK_INT(HPDF_Dict_Add(o.trailer, "PRTest", HPDF_Number_New(o.mmgr, 7)), HPDF_OK);
    size_t len;
    unsigned char *out = save(pdf, &len);
    CHECK(out != NULL);
    if (out) {
        int num = ref_after(out, len, "/Metadata ");
        const char *dict;
        size_t dict_len, data_len;
        const unsigned char *data;
        CHECK(num > 0 && raw_object(out, len, num, &dict, &dict_len, &data, &data_len) == 0);
        if (num > 0 && data) {
            CHECK(data_len == sizeof xmp - 1 && !memcmp(data, xmp, data_len));
            CHECK_INT(count_in(dict, dict_len, "/Subtype /XML"), 1);
        }
        CHECK(find_bytes(out, len, "/MarkInfo <<\012/Marked true\012>>", 28) != NULL);
        const unsigned char *trailer = find_bytes(out, len, "trailer", 7);
        CHECK(trailer && find_bytes(trailer, len - (size_t)(trailer - out), "/PRTest 7", 9));
    }
    free(out);
    HPDF_Free(pdf);
}

TEST(raw_dict_written)
{
    /* a dictionary written from text, referring to the page by its
     * number, and referred to by the catalog */
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_Page page = HPDF_AddPage(pdf);
    pr_hpdf_objects o = pr_hpdf_doc_objects(pdf);
    HPDF_Dict raw = pr_hpdf_raw_dict(o.mmgr, o.xref, NULL);
    CHECK(raw != NULL);
    unsigned pn = pr_hpdf_object_number(page), rn = pr_hpdf_object_number(raw);
    CHECK(pn > 0 && rn > 0 && pn != rn);
    HPDF_Dict direct = HPDF_Dict_New(o.mmgr);
    CHECK_INT(pr_hpdf_object_number(direct), 0);   /* not indirect */
    HPDF_Dict_Free(direct);
    char *body = malloc(64);
    snprintf(body, 64, "/S /P\n/Pg %u 0 R\n", pn);
    pr_hpdf_raw_dict_set(raw, body);
    CHECK_INT(HPDF_Dict_Add(o.catalog, "PRRaw", raw), HPDF_OK);
    size_t len;
    unsigned char *out = save(pdf, &len);
    CHECK(out != NULL);
    if (out) {
        char want[96];
        int n = snprintf(want, sizeof want, "\n%u 0 obj\n<<\n/S /P\n/Pg %u 0 R\n>>", rn, pn);
        CHECK(find_bytes(out, len, want, (size_t)n) != NULL);
        CHECK_INT(ref_after(out, len, "/PRRaw "), (int)rn);
    }
    free(out);
    HPDF_Free(pdf);
}

/* The 65 536-bit set holding the code points of s (ASCII). */
static uint32_t *set_of(const char *s)
{
    uint32_t *set = calloc(PR_HPDF_CP_WORDS, sizeof *set);
    for (; *s; s++)
        set[(unsigned char)*s / 32] |= 1u << ((unsigned char)*s % 32);
    return set;
}

/* The length of the font program of Lato made for "Hello" with the
 * glyphs of `marked` marked as used by measuring them (-1 on error). */
static long program_length(const char *marked)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(pdf);
    const char *name = HPDF_LoadTTFontFromFile(pdf, LATO, HPDF_TRUE);
    uint32_t *map = set_of("Hello");
    HPDF_Font font = name ? pr_hpdf_type0_font(pdf, name, map) : NULL;
    long n = -1;
    if (font) {
        HPDF_Font_TextWidth(font, (const HPDF_BYTE *)marked, (HPDF_UINT)strlen(marked));
        HPDF_Array kids = HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY);
        HPDF_Dict cid_font = HPDF_Array_GetItem(kids, 0, HPDF_OCLASS_DICT);
        if (pr_hpdf_font_prepare(font) == HPDF_OK) {
            HPDF_Dict desc = HPDF_Dict_GetItem(cid_font, "FontDescriptor", HPDF_OCLASS_DICT);
            HPDF_Dict program = HPDF_Dict_GetItem(desc, "FontFile2", HPDF_OCLASS_DICT);
            unsigned char *p;
            size_t len;
            if (pr_hpdf_stream_read(program, &p, &len) == HPDF_OK) {
                n = (long)len;
                free(p);
            }
        }
    }
    free(map);
    HPDF_Free(pdf);
    return n;
}

TEST(fonts)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_AddPage(pdf);
    const char *name = HPDF_LoadTTFontFromFile(pdf, LATO, HPDF_TRUE);
    CHECK(name != NULL);
    if (!name) {
        HPDF_Free(pdf);
        return;
    }
    uint32_t *map = set_of("Hello");
    HPDF_Font font = pr_hpdf_type0_font(pdf, name, map);
    CHECK(font != NULL);
    HPDF_Array kids = HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY);
    HPDF_Dict cid_font = kids ? HPDF_Array_GetItem(kids, 0, HPDF_OCLASS_DICT) : NULL;
    CHECK(cid_font != NULL);
    /* the map stops after the highest code point: 'o' */
    HPDF_Dict cid_map = cid_font ? HPDF_Dict_GetItem(cid_font, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
    unsigned char *m = NULL;
    size_t m_len = 0;
    CHECK(cid_map && pr_hpdf_stream_read(cid_map, &m, &m_len) == HPDF_OK);
    CHECK_INT(m_len, 2 * ('o' + 1));
    if (m && m_len == 2 * ('o' + 1)) {
        for (unsigned cp = 0; cp <= 'o'; cp++) {
            unsigned gid = (unsigned)m[2 * cp] << 8 | m[2 * cp + 1];
            if ((gid != 0) != (cp && strchr("Helo", (int)cp) != NULL))
                UNIT_FAIL("CIDToGIDMap[%u] = %u", cp, gid);
        }
    }
    free(m);
    /* prepared: the descriptor and the font program exist, the glyphs of
     * "Hel" marked used are embedded */
    HPDF_Dict desc = cid_font ? HPDF_Dict_GetItem(cid_font, "FontDescriptor", HPDF_OCLASS_DICT) : NULL;
    CHECK(desc == NULL);
    HPDF_ResetError(pdf);
    HPDF_Font_TextWidth(font, (const HPDF_BYTE *)"Hel", 3);
    CHECK_INT(pr_hpdf_font_prepare(font), HPDF_OK);
    CHECK_INT(pr_hpdf_font_prepare(font), HPDF_OK);   /* once is enough */
    desc = cid_font ? HPDF_Dict_GetItem(cid_font, "FontDescriptor", HPDF_OCLASS_DICT) : NULL;
    CHECK(desc != NULL);
    HPDF_Dict program = desc ? HPDF_Dict_GetItem(desc, "FontFile2", HPDF_OCLASS_DICT) : NULL;
    CHECK(program != NULL);
    CHECK_INT(pr_hpdf_stream_deflates(program), 1);
    unsigned char *p = NULL;
    size_t p_len = 0;
    CHECK(program && pr_hpdf_stream_read(program, &p, &p_len) == HPDF_OK);
    /* a TrueType file (version 1.0) a fraction of the whole Lato's size:
     * only the marked glyphs have outlines */
    CHECK(p_len > 1000 && p_len < 80000 && p && !memcmp(p, "\0\1\0\0", 4));
    free(p);
    size_t len;
    unsigned char *out = save(pdf, &len);
    CHECK(out != NULL);
    free(out);
    free(map);
    HPDF_Free(pdf);
    /* marking is what embeds outlines, multi-byte characters too */
    long none = program_length(""), some = program_length("Hel"), all = program_length("Helo");
    CHECK(none > 0 && none < some && some < all);
    CHECK(program_length("Hel\xC3\xA9") > some);
}

int main(void)
{
    RUN(version);
    RUN(stream_set_compressed);
    RUN(stream_set_raw);
    RUN(document_objects);
    RUN(raw_dict_written);
    RUN(fonts);
    return UNIT_DONE();
}
