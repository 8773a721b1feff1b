/* pdf_struct.h — the structure tree of a tagged PDF (ISO 32000-1, 14.7;
 * PDF/UA-1), from the structure that travels with the display list
 * (doc.h: nodes, each operation's node or artifact).
 *
 * The PDF backend (render_pdf.c) uses it in three steps:
 *  1. pr_struct_new() before drawing: which nodes are written (those with
 *     content, or a link, in them or below them: empty nodes are left
 *     out), and a Link element of its own for each link operation that is
 *     not in a Link node (an annotation must sit in a Link element, PDF/UA
 *     7.18.5).
 *  2. While drawing: each marked-content sequence of real content gets its
 *     MCID from pr_struct_mcid(), each link annotation its StructParent key
 *     from pr_struct_annot().
 *  3. pr_struct_write() once every page is drawn: the structure elements
 *     (one indirect object each, in node order: /S, /P, /K in reading
 *     order, /Pg, /Alt, /ActualText, /Lang, a TH's /Scope), the
 *     StructTreeRoot with its ParentTree (a number tree: page → its
 *     MCIDs' elements, annotation → its Link element) and, when nodes
 *     have custom roles, the RoleMap; each page's /StructParents, the
 *     catalog's /StructTreeRoot and /MarkInfo.
 *
 * Reading order: the children of an element (elements, marked-content
 * sequences, annotations) are sorted by their creation order in the
 * display list (pr_op.seq, pr_node.seq), whatever page moves the layout
 * made. */
#ifndef PR_PDF_STRUCT_H
#define PR_PDF_STRUCT_H

#include <stddef.h>
#include <stdint.h>

#include "doc/doc.h"
#include "pdf/hpdf_private.h"

typedef struct pr_struct pr_struct;

pr_struct *pr_struct_new(const pr_doc *doc);
void pr_struct_free(pr_struct *s);   /* accepts NULL */

/* Does the operation draw content that belongs in a marked-content
 * sequence (text, paths, shapes, images)? Links, clips and unclips do
 * not. */
int pr_struct_is_content(const pr_op *op);

/* The structure type written for node `node` (its role, or its tag's
 * name): also the tag of its marked-content sequences. */
const char *pr_struct_type(const pr_struct *s, int node);

/* A marked-content sequence of node `node` begins on page `page` (0-based)
 * with the operation of sequence number `seq`: its MCID on that page. */
int pr_struct_mcid(pr_struct *s, int page, int node, uint32_t seq);

/* The link annotation `annot` of the link operation `op` on page `page`:
 * records it in its Link element and returns its StructParent key. */
int pr_struct_annot(pr_struct *s, int page, const pr_op *op, HPDF_Dict annot);

/* Write the structure tree (see above) into the document; pages[i] is the
 * i-th page's dictionary, `utf8` the encoder of text strings. Returns
 * HPDF_OK or libharu's error code. */
HPDF_STATUS pr_struct_write(pr_struct *s, HPDF_Doc pdf, const pr_hpdf_objects *objs,
                            HPDF_Page *pages, HPDF_Encoder utf8);

/* How many elements pr_struct_write wrote (0 before). */
size_t pr_struct_elements(const pr_struct *s);

#endif
