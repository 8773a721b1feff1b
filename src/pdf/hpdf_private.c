/* hpdf_private.c — every use of libharu's private structures and internal
 * functions, behind the interface of hpdf_private.h.
 *
 * Written against libharu 2.3.0 (Debian 12: libhpdf-2.3.0, 2.3.0+dfsg-1).
 * The build stops below with any other version: each workaround must then
 * be checked against the new sources, kept, adapted or dropped, and the
 * version test moved. (libharu's later development moves these structures
 * into headers it no longer installs, include/internal/: with such a
 * version they cannot stay as they are.) pr_hpdf_version_ok() checks at run
 * time that the library loaded is the one of the headers.
 *
 * The workarounds, why each exists, and how to tell when it can go:
 *
 * 1. Stream data (pr_hpdf_stream_set, _read, _deflates). libharu 2.3.0 has
 *    no public way to put given bytes into a stream object, to read them
 *    back, or to save bytes that are already compressed: HPDF_Dict_Write
 *    deletes /Filter from a stream whose filter is "none", and compresses
 *    any other with zlib's default level on the main thread while saving.
 *    The project writes page contents itself (pdf_content.h) and
 *    compresses them, and the fonts' streams, at its own levels on a
 *    helper thread (pdf_deflate.h); so this file replaces a stream's data
 *    (HPDF_Dict_Rec.stream, HPDF_MemStream_FreeData, HPDF_Stream_Write),
 *    sets its filter to none and writes /Filter /FlateDecode itself
 *    (HPDF_Dict_Rec.filter, .write_fn), and reads data with
 *    HPDF_Stream_Seek/Read. Can go when hpdf.h offers a way to set a
 *    stream object's bytes and declare them compressed (it does not in
 *    2.3.0); tests: stream_set_compressed, stream_set_raw in
 *    tests/unit/test_hpdf_private.c.
 *
 * 2. The UTF-8 encoder dressed as a CMap encoder (pr_hpdf_type0_font). For
 *    a UTF-8 font, libharu 2.3.0 looks up the glyph of every code point up
 *    to U+FFFF (each a linear search of the font's cmap segments) and
 *    writes widths and a 128 KiB CIDToGIDMap for all of them: about half
 *    of the PDF stage's own time with four faces. For a CMap encoder it
 *    only visits the codes of the encoder's cid_map. So while the font is
 *    made, the UTF-8 encoder's maps (HPDF_CMapEncoderAttr_Rec.cid_map,
 *    .unicode_map) hold only the face's code points, and its to_unicode_fn
 *    is the CMap encoder's (HPDF_Encoder_Rec); both are restored at once.
 *    With a subset font (font_subset.h) the font objects are the same, the
 *    map cut after the highest code point. Can go when a libharu version
 *    writes a CIDToGIDMap no longer than the highest code point used
 *    (compare with PR_PDF_FULL_FONTS=1, which skips this: test
 *    fonts_embedded_as_subsets in tests/unit/test_render_pdf.c).
 *
 * 3. A font's save-time step done early (pr_hpdf_font_prepare). libharu
 *    makes a Type0 font's descriptor and font program when saving
 *    (HPDF_Dict_Rec.before_write_fn of the font), and resets its streams'
 *    filters then. Run now and cleared, the font program and maps exist
 *    while pages are still being drawn, and can be compressed on the
 *    helper thread. Can go with workaround 1, if libharu compresses fast
 *    enough, or builds the font program when the font is made. (Which
 *    glyphs it embeds, those marked by measuring, is public:
 *    HPDF_Font_TextWidth.)
 *
 * 4. The document's objects (pr_hpdf_doc_objects): catalog, trailer,
 *    memory manager and cross-reference table (HPDF_Doc_Rec), which the
 *    object layer needs to add objects 2.3.0 has no function for (/ID,
 *    the structure tree, XMP metadata, output intents). Can go when hpdf.h
 *    gives access to them (HPDF_GetPageMMgr exists in later versions, not
 *    in 2.3.0).
 *
 * 6. Saving through a callback (pr_hpdf_save_to). HPDF_SaveToStream
 *    writes the whole file into the document's memory stream, which
 *    HPDF_ReadFromStream then copies out: the file held twice more at the
 *    end of the PDF stage (2 x 43 MB at 1000x). libharu 2.3.0 has a
 *    callback writer (HPDF_CallbackWriter_New, hpdf_streams.h) but no
 *    public way to save into one: HPDF_SaveToStream saves into the
 *    document's stream (HPDF_Doc_Rec.stream), made only if there is none,
 *    and frees its data first only when it is a memory stream. So the
 *    callback writer is put there for the save and taken back after. Can
 *    go when hpdf.h can save into a caller's stream or callback; test:
 *    save_to_callback in tests/unit/test_hpdf_private.c.
 *
 * 7. Tables grown by large steps (pr_hpdf_large_tables). libharu's lists
 *    (HPDF_List_Rec) grow by items_per_block entries, fixed when the list
 *    is made (1024 for the cross-reference table), each time copying the
 *    whole list: 400 resizes of up to 3 MB at 1000x. The step of the
 *    document's cross-reference table and page list is raised. Can go
 *    when libharu grows its lists geometrically, or lets a caller choose
 *    the step; no output changes (the bytes are compared by make bench's
 *    runs and test_render_pdf's determinism checks).
 *
 * 5. Objects written as given (pr_hpdf_raw_dict, pr_hpdf_object_number).
 *    A tagged PDF has one indirect object per structure element (14 000
 *    in the 100x benchmark year, 136 000 at 1000x). Built with the object
 *    layer, an element costs about 1 KB of libharu's objects (each entry
 *    has a 128-byte key, each name a 128-byte buffer): 170 MB at 1000x,
 *    over the memory target of make bench. So an element is a dictionary
 *    without entries whose body is written from a string by its write
 *    function (HPDF_Dict_Rec.write_fn, .attr, .free_fn: the hooks libharu
 *    itself uses for fonts), about 300 bytes in all, or by a hook of the
 *    caller's when the file is saved (pr_hpdf_lazy_dict: the bodies of
 *    136 000 elements are then never all in memory); the numbers of the
 *    objects a body refers to are read from their headers
 *    (HPDF_Obj_Header.obj_id, "N 0 R"). Can go when libharu can write an
 *    object given as text, or objects cost less; test:
 *    raw_dict_written in tests/unit/test_hpdf_private.c.
 */
#include "pdf/hpdf_private.h"

#include <stdlib.h>
#include <string.h>

#include <hpdf_version.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_streams.h>

#include "base/util.h"

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "src/pdf/hpdf_private.c reaches into libharu 2.3.0's structures: check each workaround of its banner against this libharu version, then update the version test"
#endif

int pr_hpdf_version_ok(void)
{
    const char *v = HPDF_GetVersion();
    return v && !strcmp(v, HPDF_VERSION_TEXT);
}

pr_hpdf_objects pr_hpdf_doc_objects(HPDF_Doc pdf)
{
    pr_hpdf_objects o = {pdf->mmgr, pdf->xref, pdf->catalog, pdf->trailer};
    return o;
}

/* The growth steps of workaround 7 (the cross-reference table's, the page
 * list's). */
#define XREF_STEP 32768
#define PAGES_STEP 4096

void pr_hpdf_large_tables(HPDF_Doc pdf)
{
    if (pdf->xref && pdf->xref->entries && pdf->xref->entries->items_per_block < XREF_STEP)
        pdf->xref->entries->items_per_block = XREF_STEP;
    if (pdf->page_list && pdf->page_list->items_per_block < PAGES_STEP)
        pdf->page_list->items_per_block = PAGES_STEP;
}

/* ---- 1. stream data --------------------------------------------------------- */

/* The /Filter entry of a stream saved as is with compressed data (libharu
 * writes none for a stream whose filter is "none"). */
static HPDF_STATUS write_flate_filter(HPDF_Dict obj, HPDF_Stream stream)
{
    (void)obj;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

HPDF_STATUS pr_hpdf_stream_set(HPDF_Dict s, const void *data, size_t len, int deflated)
{
    if (!s || !s->stream)
        return s ? HPDF_RaiseError(s->error, HPDF_INVALID_OBJECT, 0) : HPDF_INVALID_OBJECT;
    if (s->write_fn && s->write_fn != write_flate_filter)   /* libharu's own: leave it */
        return HPDF_RaiseError(s->error, HPDF_INVALID_OBJECT, 0);
    if (len > 0xFFFFFFFFu)
        return HPDF_RaiseError(s->error, HPDF_INVALID_PARAMETER, 0);
    HPDF_MemStream_FreeData(s->stream);
    if (deflated) {
        s->filter = HPDF_STREAM_FILTER_NONE;
        s->write_fn = write_flate_filter;
    } else if (s->write_fn == write_flate_filter) {
        s->write_fn = NULL;   /* set compressed before: now saved as given */
    }
    if (len == 0)
        return HPDF_OK;
    return HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len);
}

int pr_hpdf_stream_deflates(HPDF_Dict s)
{
    return s && s->stream && (s->filter & HPDF_STREAM_FILTER_FLATE_DECODE) && !s->write_fn;
}

HPDF_STATUS pr_hpdf_stream_read(HPDF_Dict s, unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (!s || !s->stream)
        return s ? HPDF_RaiseError(s->error, HPDF_INVALID_OBJECT, 0) : HPDF_INVALID_OBJECT;
    HPDF_UINT size = s->stream->size, got = size;
    unsigned char *buf = pr_malloc((size_t)size + 1);
    HPDF_STATUS st = HPDF_Stream_Seek(s->stream, 0, HPDF_SEEK_SET);
    if (st == HPDF_OK && size)
        st = HPDF_Stream_Read(s->stream, buf, &got);
    if (st == HPDF_OK && got != size)
        st = HPDF_RaiseError(s->error, HPDF_STREAM_EOF, 0);
    if (st != HPDF_OK) {
        free(buf);
        return st;
    }
    *data = buf;
    *len = size;
    return HPDF_OK;
}

/* ---- 6. saving through a callback -------------------------------------------- */

typedef struct save_sink {
    int (*write)(const void *data, size_t len, void *ctx);
    void *ctx;
} save_sink;

static HPDF_STATUS sink_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
    const save_sink *s = stream->attr;
    if (!s->write(ptr, siz, s->ctx))
        return HPDF_OK;
    return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
}

HPDF_STATUS pr_hpdf_save_to(HPDF_Doc pdf, int (*write)(const void *data, size_t len, void *ctx),
                            void *ctx)
{
    save_sink sink = {write, ctx};
    HPDF_Stream out = HPDF_CallbackWriter_New(pdf->mmgr, sink_write, &sink);
    if (!out)
        return HPDF_CheckError(&pdf->error);
    HPDF_Stream own = pdf->stream;
    pdf->stream = out;
    HPDF_STATUS st = HPDF_SaveToStream(pdf);
    pdf->stream = own;
    HPDF_Stream_Free(out);
    return st;
}

/* ---- 2. fonts made from a set of code points --------------------------------- */

HPDF_Font pr_hpdf_type0_font(HPDF_Doc pdf, const char *name, const uint32_t *map)
{
    HPDF_Encoder enc = map ? HPDF_GetEncoder(pdf, "UTF-8") : NULL;
    HPDF_CMapEncoderAttr attr = enc ? (HPDF_CMapEncoderAttr)enc->attr : NULL;
    if (!attr)
        return HPDF_GetFont(pdf, name, "UTF-8");
    size_t map_bytes = sizeof attr->cid_map;
    HPDF_UINT16 *saved = pr_malloc(2 * map_bytes);
    memcpy(saved, attr->cid_map, map_bytes);
    memcpy(saved + map_bytes / sizeof *saved, attr->unicode_map, map_bytes);
    memset(attr->cid_map, 0, map_bytes);
    memset(attr->unicode_map, 0, map_bytes);
    unsigned top = 0;
    for (unsigned cp = 1; cp < 65536; cp++)
        if (map[cp / 32] >> (cp % 32) & 1) {
            attr->cid_map[cp >> 8][cp & 0xFF] = (HPDF_UINT16)cp;
            attr->unicode_map[cp >> 8][cp & 0xFF] = (HPDF_UNICODE)cp;
            top = cp;
        }
    /* libharu writes the codes below the highest one it saw: one more,
     * without a glyph, keeps the top code point in */
    if (top < 0xFFFF) {
        attr->cid_map[(top + 1) >> 8][(top + 1) & 0xFF] = (HPDF_UINT16)(top + 1);
        attr->unicode_map[(top + 1) >> 8][(top + 1) & 0xFF] = (HPDF_UNICODE)(top + 1);
    }
    HPDF_Encoder_ToUnicode_Func own = enc->to_unicode_fn;
    enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
    HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
    enc->to_unicode_fn = own;
    memcpy(attr->cid_map, saved, map_bytes);
    memcpy(attr->unicode_map, saved + map_bytes / sizeof *saved, map_bytes);
    free(saved);
    return font;
}

/* ---- 3. a font's save-time step, early ----------------------------------------- */

HPDF_STATUS pr_hpdf_font_prepare(HPDF_Font font)
{
    if (!font)
        return HPDF_INVALID_OBJECT;
    if (!font->before_write_fn)
        return HPDF_OK;   /* done already */
    HPDF_STATUS st = font->before_write_fn(font);
    if (st == HPDF_OK)
        font->before_write_fn = NULL;
    return st;
}

/* ---- 5. objects written as given --------------------------------------------- */

/* Write the body kept in the dictionary's attr. */
static HPDF_STATUS write_raw_body(HPDF_Dict d, HPDF_Stream stream)
{
    return d->attr ? HPDF_Stream_WriteStr(stream, (const char *)d->attr) : HPDF_OK;
}

static void free_raw_body(HPDF_Dict d)
{
    free(d->attr);
    d->attr = NULL;
}

HPDF_Dict pr_hpdf_raw_dict(HPDF_MMgr mmgr, HPDF_Xref xref, char *body)
{
    HPDF_Dict d = HPDF_Dict_New(mmgr);
    if (!d) {
        free(body);
        return NULL;
    }
    d->attr = body;
    d->write_fn = write_raw_body;
    d->free_fn = free_raw_body;
    if (HPDF_Xref_Add(xref, d) != HPDF_OK)
        return NULL;   /* freed by HPDF_Xref_Add */
    return d;
}

/* Write the body a lazy dictionary's hook makes now. */
static HPDF_STATUS write_lazy_body(HPDF_Dict d, HPDF_Stream stream)
{
    pr_hpdf_lazy *lazy = d->attr;
    size_t len = 0;
    const char *body = lazy->body(lazy, &len);
    if (len > 0xFFFFFFFFu)
        return HPDF_RaiseError(d->error, HPDF_INVALID_PARAMETER, 0);
    return len ? HPDF_Stream_Write(stream, (const HPDF_BYTE *)body, (HPDF_UINT)len) : HPDF_OK;
}

HPDF_Dict pr_hpdf_lazy_dict(HPDF_MMgr mmgr, HPDF_Xref xref, pr_hpdf_lazy *lazy)
{
    HPDF_Dict d = HPDF_Dict_New(mmgr);
    if (!d)
        return NULL;
    d->attr = lazy;
    d->write_fn = write_lazy_body;
    if (HPDF_Xref_Add(xref, d) != HPDF_OK)
        return NULL;   /* freed by HPDF_Xref_Add */
    return d;
}

void pr_hpdf_raw_dict_set(HPDF_Dict d, char *body)
{
    if (!d || d->write_fn != write_raw_body) {
        free(body);
        return;
    }
    free(d->attr);
    d->attr = body;
}

unsigned pr_hpdf_object_number(const void *obj)
{
    const HPDF_Obj_Header *h = obj;
    if (!h)
        return 0;
    if (h->obj_class == HPDF_OCLASS_PROXY)
        h = ((const HPDF_Proxy_Rec *)obj)->obj;
    return h && (h->obj_id & HPDF_OTYPE_INDIRECT) ? (unsigned)(h->obj_id & 0x00FFFFFF) : 0;
}
