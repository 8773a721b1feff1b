/* hpdf_private.h — the fence around libharu 2.3.0: the few things the PDF
 * backend needs that libharu's public API (hpdf.h) and its object layer
 * (hpdf_objects.h: HPDF_Dict, HPDF_Array, HPDF_Xref_Add…) do not offer.
 * hpdf_private.c is the only file that reaches into libharu's structures or
 * calls its internal functions; why each workaround exists, and how to tell
 * when it can go, is written there. Everything else in src/pdf/ uses the
 * public API, the object layer, these functions, and the project's own
 * content writer (pdf_content.h).
 *
 * The build stops (#error) with any other libharu than 2.3.0, and
 * pr_hpdf_version_ok() checks the library actually loaded.
 *
 * What the fence offers for a tagged, archivable PDF (structure tree,
 * marked content, XMP, output intent, complete font descriptors): the
 * document's catalog, trailer, memory manager and cross-reference table
 * (pr_hpdf_doc_objects), so that new dictionaries, arrays and indirect
 * objects can be built with the object layer; the data of any stream
 * object, set (already compressed or not) or read (pr_hpdf_stream_*), for
 * page contents, form XObjects, metadata, ICC profiles or a CIDSet; and a
 * font's descriptor once prepared (pr_hpdf_font_prepare, then the
 * descendant font's /FontDescriptor through the object layer). */
#ifndef PR_HPDF_PRIVATE_H
#define PR_HPDF_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>
#include <hpdf_objects.h>

/* Words of a set of BMP code points, one bit each: code point cp is in
 * set s when s[cp / 32] >> (cp % 32) & 1. */
#define PR_HPDF_CP_WORDS (65536 / 32)

/* 1 when the libharu library loaded at run time is the version this fence
 * was written for (the headers are checked when building). */
int pr_hpdf_version_ok(void);

/* The objects of a document that the object layer builds on. */
typedef struct pr_hpdf_objects {
    HPDF_MMgr mmgr;      /* for HPDF_Dict_New, HPDF_Array_New, HPDF_Binary_New… */
    HPDF_Xref xref;      /* for HPDF_Xref_Add (indirect objects), HPDF_DictStream_New */
    HPDF_Dict catalog;   /* the document catalog (/Root) */
    HPDF_Dict trailer;   /* the trailer (/ID) */
} pr_hpdf_objects;

pr_hpdf_objects pr_hpdf_doc_objects(HPDF_Doc pdf);

/* Let the cross-reference table and the page list grow by large steps:
 * libharu grows them by a fixed number of entries (1024 objects, 256
 * pages), copying the whole table each time, quadratic in the number of
 * objects (400 000 at 1000 times the 2023 data). Same file. */
void pr_hpdf_large_tables(HPDF_Doc pdf);

/* ---- stream objects ------------------------------------------------------ */

/* Replace the data of stream object s (a page's /Contents, a font stream,
 * one made with HPDF_DictStream_New) with a copy of data[0..len). When
 * `deflated` is set, the data is already zlib-compressed: it is saved as
 * is, with /Filter /FlateDecode. Otherwise it is saved as libharu's own
 * data would be (compressed when the document compresses that kind of
 * stream). Returns HPDF_OK or libharu's error code (also passed to the
 * document's error handler). */
HPDF_STATUS pr_hpdf_stream_set(HPDF_Dict s, const void *data, size_t len, int deflated);

/* 1 when libharu will compress stream object s itself when saving (its
 * data is not yet compressed), 0 otherwise (not a stream, saved as is, or
 * set with `deflated`). */
int pr_hpdf_stream_deflates(HPDF_Dict s);

/* A copy of the data of stream object s as it is before saving
 * (uncompressed when pr_hpdf_stream_deflates): *data malloc'd (caller
 * frees), *len its size. Returns HPDF_OK or libharu's error code. */
HPDF_STATUS pr_hpdf_stream_read(HPDF_Dict s, unsigned char **data, size_t *len);

/* ---- saving ----------------------------------------------------------------- */

/* Save the document through `write` (called with consecutive pieces of the
 * file, in order; returns 0, or -1 to stop with HPDF_FILE_IO_ERROR)
 * instead of into the document's memory stream: the same bytes as
 * HPDF_SaveToStream, never held whole in memory. Returns HPDF_OK or
 * libharu's error code (also passed to the document's error handler). */
HPDF_STATUS pr_hpdf_save_to(HPDF_Doc pdf, int (*write)(const void *data, size_t len, void *ctx),
                            void *ctx);

/* ---- fonts --------------------------------------------------------------- */

/* HPDF_GetFont(pdf, name, "UTF-8") for a TrueType font loaded with
 * HPDF_LoadTTFontFromFile: a Type0 font whose codes are Unicode BMP code
 * points (Identity-H). With `map` NULL, libharu maps every code point up to
 * U+FFFF (a CIDToGIDMap of 128 KiB). With a set of code points, only those
 * are looked up and mapped, and the CIDToGIDMap ends after the highest one:
 * the same font objects, for a font that has no other glyphs (a subset). */
HPDF_Font pr_hpdf_type0_font(HPDF_Doc pdf, const char *name, const uint32_t *map);

/* Build now what libharu builds for font when saving: the font
 * descriptor, its /FontFile2 stream, the descendant font's /FontDescriptor
 * entry; and keep libharu from doing it again (which would reset the
 * filters of the font's streams). The font program holds the outlines of
 * the glyphs marked as used so far: those libharu's measuring met
 * (HPDF_Font_TextWidth, public); glyphs marked later are not embedded.
 * After this, the font's streams can be read, compressed and set like any
 * other, and the descriptor completed through the object layer. Returns
 * HPDF_OK or libharu's error code. */
HPDF_STATUS pr_hpdf_font_prepare(HPDF_Font font);

/* ---- objects written as given ---------------------------------------------- */

/* A new indirect dictionary whose entries are written from `body`, the
 * text between << and >> (e.g. "/S /P\n/P 12 0 R\n"); the body is
 * taken (freed with the dictionary; body NULL: empty for now). Another
 * object refers to it as to any: HPDF_Dict_Add, HPDF_Array_Add. For the
 * many small objects of a structure tree, at a fraction of the memory of
 * the object layer's. NULL on error (passed to the error handler). */
HPDF_Dict pr_hpdf_raw_dict(HPDF_MMgr mmgr, HPDF_Xref xref, char *body);

/* A dictionary whose body is written only when the file is saved: by
 * body(self, &len), which returns the text between << and >> (valid until
 * its next call). The hook is the caller's, and must live until the
 * document is saved; a caller embeds it in its own record and finds the
 * record from `self`. For the 100 000s of structure elements of a large
 * report: their bodies are never all in memory. */
typedef struct pr_hpdf_lazy {
    const char *(*body)(struct pr_hpdf_lazy *self, size_t *len);
    void *ctx;
} pr_hpdf_lazy;

HPDF_Dict pr_hpdf_lazy_dict(HPDF_MMgr mmgr, HPDF_Xref xref, pr_hpdf_lazy *lazy);

/* Replace the body of a dictionary made by pr_hpdf_raw_dict (taken; the
 * previous one is freed). */
void pr_hpdf_raw_dict_set(HPDF_Dict d, char *body);

/* The object number of an indirect object (a page, an annotation, a
 * dictionary made by pr_hpdf_raw_dict…), to write "N 0 R" in a body; 0
 * when the object is not indirect. */
unsigned pr_hpdf_object_number(const void *obj);

#endif
