/* pdf_struct.c — the structure tree of a tagged PDF, written with
 * libharu's object layer (see pdf_struct.h). */
#include "pdf/pdf_struct.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Entries of a number tree leaf (the whole tree is one leaf up to there). */
#define NUMS_PER_LEAF 512

enum { KID_NODE, KID_MCID, KID_OBJR };

/* A child of an element: another element, a marked-content sequence or
 * an annotation, in reading order by seq. */
typedef struct kid {
    uint32_t seq;
    int32_t page;
    uint32_t value;            /* node index (KID_NODE), MCID (KID_MCID), the
                                  annotation's object number (KID_OBJR) */
    uint32_t kind;
} kid;

/* An element, compact: at 1000 times the 2023 data a document has some
 * 200 000 nodes. Its attributes (role, /Alt…) are read from the display
 * list's node; its body is written when the file is saved
 * (pr_hpdf_lazy_dict), from its kids, then freed. */
typedef struct snode {
    pr_hpdf_lazy lazy;         /* first: the saving hook finds the node */
    HPDF_Dict elem;
    kid *kids;
    uint32_t n_kids, cap_kids;
    int32_t parent;            /* index; -1 for the root */
    uint32_t seq;
    int32_t src;               /* the display list's node, or -1: a Link
                                  element made here */
    uint8_t tag;
    uint8_t live;              /* written: content, or a link, in or below it */
} snode;

/* The Link element made for a link operation outside any Link node. */
typedef struct link_node {
    uint32_t seq;              /* the operation's */
    int node;
} link_node;

/* The elements of one page's MCIDs, by MCID. */
typedef struct page_marks {
    int *nodes;
    size_t n, cap;
} page_marks;

typedef struct annot_key {
    int key;
    int node;
} annot_key;

struct pr_struct {
    const pr_doc *doc;
    HPDF_Page *pages;          /* the pages' objects (pr_struct_write) */
    HPDF_Dict tree;            /* the StructTreeRoot */
    pr_strbuf body;            /* an element's body while it is saved */
    snode *nodes;
    size_t n, cap;
    link_node *links;
    size_t n_links, cap_links;
    page_marks *pages_marks;
    size_t n_pages;
    annot_key *annots;
    size_t n_annots, cap_annots;
    size_t written;
};

int pr_struct_is_content(const pr_op *op)
{
    switch (op->kind) {
    case PR_OP_TEXT:
    case PR_OP_RECT:
    case PR_OP_LINE:
    case PR_OP_PATH:
    case PR_OP_CIRCLE:
    case PR_OP_IMAGE:
    case PR_OP_SHAPE:
        return 1;
    case PR_OP_LINK:
    case PR_OP_CLIP:
    case PR_OP_UNCLIP:
        return 0;
    }
    return 0;
}

/* Mark node n and its ancestors as written. */
static void make_live(pr_struct *s, int n)
{
    while (n >= 0 && !s->nodes[n].live) {
        s->nodes[n].live = 1;
        n = s->nodes[n].parent;
    }
}

static void add_kid(pr_struct *s, int node, kid k)
{
    snode *sn = &s->nodes[node];
    if (sn->n_kids == sn->cap_kids) {   /* 1, 2, 4…: most elements have one or two */
        uint32_t cap = sn->cap_kids ? 2 * sn->cap_kids : 1;
        sn->kids = pr_realloc(sn->kids, (size_t)cap * sizeof *sn->kids);
        sn->cap_kids = cap;
    }
    sn->kids[sn->n_kids++] = k;
}

/* The display list's node of element i, or NULL for a Link made here. */
static const pr_node *doc_node(const pr_struct *s, size_t i)
{
    return s->nodes[i].src >= 0 ? &s->doc->nodes[s->nodes[i].src] : NULL;
}

static const char *element_body(pr_hpdf_lazy *self, size_t *len);

static int link_cmp(const void *a, const void *b)
{
    const link_node *x = a, *y = b;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* A new element (nodes reserved beforehand: they never move). */
static int add_node(pr_struct *s, pr_tag tag, int parent, uint32_t seq, int src)
{
    snode *sn = &s->nodes[s->n];
    memset(sn, 0, sizeof *sn);
    sn->lazy.body = element_body;
    sn->lazy.ctx = s;
    sn->tag = (uint8_t)tag;
    sn->parent = parent;
    sn->seq = seq;
    sn->src = src;
    return (int)s->n++;
}

pr_struct *pr_struct_new(const pr_doc *doc)
{
    pr_struct *s = pr_calloc(1, sizeof *s);
    s->doc = doc;
    size_t n_links = 0;
    for (size_t pg = 0; pg < doc->n_pages; pg++)
        for (size_t k = 0; k < doc->pages[pg].n_ops; k++)
            n_links += doc->pages[pg].ops[k].kind == PR_OP_LINK;
    s->cap = doc->n_nodes + n_links + 1;
    s->nodes = pr_malloc(s->cap * sizeof *s->nodes);
    for (size_t i = 0; i < doc->n_nodes; i++)
        add_node(s, doc->nodes[i].tag, doc->nodes[i].parent, doc->nodes[i].seq, (int)i);
    if (!s->n)   /* a document always has its root; be safe */
        add_node(s, PR_TAG_DOCUMENT, -1, 0, -1);
    s->n_pages = doc->n_pages;
    s->pages_marks = pr_calloc(doc->n_pages + 1, sizeof *s->pages_marks);
    for (size_t pg = 0; pg < doc->n_pages; pg++)
        for (size_t k = 0; k < doc->pages[pg].n_ops; k++) {
            const pr_op *op = &doc->pages[pg].ops[k];
            int node = op->node >= 0 && (size_t)op->node < doc->n_nodes ? op->node : -1;
            if (op->kind == PR_OP_LINK) {
                if (node < 0 || s->nodes[node].tag != PR_TAG_LINK) {
                    node = add_node(s, PR_TAG_LINK, node >= 0 ? node : 0, op->seq, -1);
                    link_node ln = {op->seq, node};
                    PR_PUSH(s->links, s->n_links, s->cap_links, ln);
                }
                make_live(s, node);
            } else if (node >= 0 && pr_struct_is_content(op)) {
                make_live(s, node);
            }
        }
    if (s->n_links)
        qsort(s->links, s->n_links, sizeof *s->links, link_cmp);
    s->nodes[0].live = 1;
    for (size_t i = 1; i < s->n; i++)
        if (s->nodes[i].live && s->nodes[i].parent >= 0) {
            kid k = {s->nodes[i].seq, -1, (uint32_t)i, KID_NODE};
            add_kid(s, s->nodes[i].parent, k);
        }
    return s;
}

void pr_struct_free(pr_struct *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->nodes[i].kids);
    free(s->nodes);
    free(s->links);
    for (size_t i = 0; i < s->n_pages; i++)
        free(s->pages_marks[i].nodes);
    free(s->pages_marks);
    free(s->annots);
    pr_sb_free(&s->body);
    free(s);
}

const char *pr_struct_type(const pr_struct *s, int node)
{
    const pr_node *n = doc_node(s, (size_t)node);
    return n && n->role ? n->role : pr_tag_name((pr_tag)s->nodes[node].tag);
}

int pr_struct_mcid(pr_struct *s, int page, int node, uint32_t seq)
{
    page_marks *pm = &s->pages_marks[page];
    PR_PUSH(pm->nodes, pm->n, pm->cap, node);
    int mcid = (int)pm->n - 1;
    kid k = {seq, page, (uint32_t)mcid, KID_MCID};
    add_kid(s, node, k);
    return mcid;
}

int pr_struct_annot(pr_struct *s, int page, const pr_op *op, HPDF_Dict annot)
{
    int node = op->node;
    if (node < 0 || (size_t)node >= s->n || s->nodes[node].tag != PR_TAG_LINK) {
        link_node key = {op->seq, 0};
        const link_node *ln = s->n_links ? bsearch(&key, s->links, s->n_links, sizeof key, link_cmp)
                                         : NULL;
        node = ln ? ln->node : 0;
    }
    kid k = {op->seq, page, pr_hpdf_object_number(annot), KID_OBJR};
    add_kid(s, node, k);
    annot_key ak = {(int)(s->n_pages + s->n_annots), node};
    PR_PUSH(s->annots, s->n_annots, s->cap_annots, ak);
    return ak.key;
}

size_t pr_struct_elements(const pr_struct *s)
{
    return s->written;
}

/* ---- writing ------------------------------------------------------------- */
/* Every object of the tree is written from text (pr_hpdf_raw_dict): one
 * indirect object per element costs too much memory with the object
 * layer (see hpdf_private.c, workaround 5). */

static int kid_cmp(const void *a, const void *b)
{
    const kid *x = a, *y = b;
    if (x->seq != y->seq)
        return (x->seq > y->seq) - (x->seq < y->seq);
    return (x->kind > y->kind) - (x->kind < y->kind);
}

/* The longest text string written, in UTF-8 bytes: its UTF-16 form stays
 * under the 65 535 bytes PDF 1.4 and PDF/A-1 allow a string. */
#define TEXT_MAX 30000

/* A decimal number. */
static void put_uint(pr_strbuf *sb, unsigned long v)
{
    char d[24];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    char r[24];
    for (int i = 0; i < n; i++)
        r[i] = d[n - 1 - i];
    pr_sb_add(sb, r, (size_t)n);
}

/* "N 0 R" for object number num. */
static void put_objref(pr_strbuf *sb, unsigned num)
{
    put_uint(sb, num);
    pr_sb_add(sb, " 0 R", 4);
}

/* " N 0 R" */
static void put_ref(pr_strbuf *sb, const void *obj)
{
    pr_sb_putc(sb, ' ');
    put_objref(sb, pr_hpdf_object_number(obj));
}

/* A name: regular characters as they are, others as #xx. */
static void put_name(pr_strbuf *sb, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    pr_sb_putc(sb, '/');
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        int plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-';
        if (plain) {
            pr_sb_putc(sb, (char)*p);
        } else {
            pr_sb_putc(sb, '#');
            pr_sb_putc(sb, hex[*p >> 4]);
            pr_sb_putc(sb, hex[*p & 15]);
        }
    }
}

/* One code point as UTF-16BE hexadecimal. */
static void put_utf16(pr_strbuf *sb, unsigned cp)
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned u[2] = {cp, 0};
    int n = 1;
    if (cp > 0xFFFF) {
        cp -= 0x10000;
        u[0] = 0xD800 + (cp >> 10);
        u[1] = 0xDC00 + (cp & 0x3FF);
        n = 2;
    }
    for (int j = 0; j < n; j++)
        for (int sh = 12; sh >= 0; sh -= 4)
            pr_sb_putc(sb, hex[(u[j] >> sh) & 15]);
}

/* A text string: UTF-16BE with its byte order mark, in hexadecimal; a
 * text longer than TEXT_MAX bytes is cut at a character, with an
 * ellipsis. */
static void put_text(pr_strbuf *sb, const char *text)
{
    size_t len = strlen(text), end = len > TEXT_MAX ? TEXT_MAX : len;
    pr_sb_puts(sb, "<FEFF");
    for (size_t i = 0; i < end;) {
        unsigned cp;
        int k = pr_utf8_decode(text + i, len - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        if (i + (size_t)k > end)
            break;
        put_utf16(sb, cp);
        i += (size_t)k;
    }
    if (end < len)
        put_utf16(sb, 0x2026);
    pr_sb_putc(sb, '>');
}

/* An ASCII string (a language tag), as a literal string. */
static void put_ascii(pr_strbuf *sb, const char *s)
{
    pr_sb_putc(sb, '(');
    for (; *s; s++)
        if (*s >= 0x20 && *s < 0x7F && *s != '(' && *s != ')' && *s != '\\')
            pr_sb_putc(sb, *s);
    pr_sb_putc(sb, ')');
}

/* The body of an element (its lazy hook, called when the file is saved):
 * /S, /P, /Pg, /K in reading order, attributes. Its kids are freed once
 * written. */
static const char *element_body(pr_hpdf_lazy *self, size_t *len)
{
    pr_struct *s = self->ctx;
    size_t i = (size_t)((snode *)self - s->nodes);
    snode *sn = &s->nodes[i];
    const pr_node *dn = doc_node(s, i);
    HPDF_Page *pages = s->pages;
    pr_strbuf *sb = &s->body;
    sb->len = 0;
    pr_sb_puts(sb, "/S ");
    put_name(sb, pr_struct_type(s, (int)i));
    pr_sb_puts(sb, "\n/P");
    put_ref(sb, sn->parent >= 0 ? (const void *)s->nodes[sn->parent].elem : s->tree);
    if (sn->n_kids)
        qsort(sn->kids, sn->n_kids, sizeof *sn->kids, kid_cmp);
    int pg = -1;   /* the element's /Pg: the page of its first MCID */
    for (size_t k = 0; k < sn->n_kids && pg < 0; k++)
        if (sn->kids[k].kind == KID_MCID)
            pg = sn->kids[k].page;
    if (pg >= 0) {
        pr_sb_puts(sb, "\n/Pg");
        put_ref(sb, pages[pg]);
    }
    pr_sb_puts(sb, "\n/K ");
    if (sn->n_kids == 1 && sn->kids[0].kind == KID_MCID) {
        put_uint(sb, sn->kids[0].value);
    } else {
        pr_sb_putc(sb, '[');
        for (size_t k = 0; k < sn->n_kids; k++) {
            const kid *c = &sn->kids[k];
            if (k)
                pr_sb_putc(sb, ' ');
            if (c->kind == KID_NODE) {
                put_objref(sb, pr_hpdf_object_number(s->nodes[c->value].elem));
            } else if (c->kind == KID_MCID && c->page == pg) {
                put_uint(sb, c->value);
            } else if (c->kind == KID_MCID) {
                pr_sb_puts(sb, "<</Type /MCR /Pg ");
                put_objref(sb, pr_hpdf_object_number(pages[c->page]));
                pr_sb_puts(sb, " /MCID ");
                put_uint(sb, c->value);
                pr_sb_puts(sb, ">>");
            } else {
                pr_sb_puts(sb, "<</Type /OBJR /Obj ");
                put_objref(sb, c->value);
                pr_sb_puts(sb, " /Pg ");
                put_objref(sb, pr_hpdf_object_number(pages[c->page]));
                pr_sb_puts(sb, ">>");
            }
        }
        pr_sb_putc(sb, ']');
    }
    if (dn && dn->alt) {
        pr_sb_puts(sb, "\n/Alt ");
        put_text(sb, dn->alt);
    }
    if (dn && dn->actual_text) {
        pr_sb_puts(sb, "\n/ActualText ");
        put_text(sb, dn->actual_text);
    }
    if (dn && dn->lang) {
        pr_sb_puts(sb, "\n/Lang ");
        put_ascii(sb, dn->lang);
    }
    if (dn && dn->scope != PR_SCOPE_NONE) {
        static const char *const scopes[] = {"", "Row", "Column", "Both"};
        pr_sb_printf(sb, "\n/A <</O /Table /Scope /%s>>", scopes[dn->scope]);
    }
    pr_sb_putc(sb, '\n');
    free(sn->kids);   /* written: the memory goes back at once */
    sn->kids = NULL;
    sn->n_kids = sn->cap_kids = 0;
    *len = sb->len;
    return sb->data;
}

/* One entry of the parent tree. */
typedef struct nums_entry {
    int key;
    int page;                  /* >= 0: the page's MCIDs; -1: an annotation */
    int node;                  /* the annotation's element */
} nums_entry;

/* "/Nums [...]" of entries [from, to). */
static void put_nums(pr_struct *s, pr_strbuf *sb, const nums_entry *e, size_t from, size_t to)
{
    pr_sb_puts(sb, "/Nums [");
    for (size_t i = from; i < to; i++) {
        if (i > from)
            pr_sb_putc(sb, '\n');
        put_uint(sb, (unsigned long)e[i].key);
        pr_sb_putc(sb, ' ');
        if (e[i].page < 0) {
            put_objref(sb, pr_hpdf_object_number(s->nodes[e[i].node].elem));
            continue;
        }
        const page_marks *pm = &s->pages_marks[e[i].page];
        pr_sb_putc(sb, '[');
        for (size_t m = 0; m < pm->n; m++) {
            if (m)
                pr_sb_putc(sb, ' ');
            put_objref(sb, pr_hpdf_object_number(s->nodes[pm->nodes[m]].elem));
        }
        pr_sb_putc(sb, ']');
    }
    pr_sb_puts(sb, "]\n");
}

/* The ParentTree: one leaf, or leaves of NUMS_PER_LEAF entries under a
 * root with /Kids. NULL on error. */
static HPDF_Dict parent_tree(pr_struct *s, const pr_hpdf_objects *o)
{
    nums_entry *e = pr_malloc((s->n_pages + s->n_annots + 1) * sizeof *e);
    size_t n = 0;
    for (size_t pg = 0; pg < s->n_pages; pg++)
        if (s->pages_marks[pg].n)
            e[n++] = (nums_entry){(int)pg, (int)pg, -1};
    for (size_t a = 0; a < s->n_annots; a++)
        e[n++] = (nums_entry){s->annots[a].key, -1, s->annots[a].node};
    pr_strbuf sb = {0};
    HPDF_Dict root = NULL;
    if (n <= NUMS_PER_LEAF) {
        put_nums(s, &sb, e, 0, n);
        root = pr_hpdf_raw_dict(o->mmgr, o->xref, pr_sb_steal(&sb));
    } else {
        pr_sb_puts(&sb, "/Kids [");
        for (size_t i = 0; i < n; i += NUMS_PER_LEAF) {
            size_t end = i + NUMS_PER_LEAF < n ? i + NUMS_PER_LEAF : n;
            pr_strbuf leaf = {0};
            pr_sb_printf(&leaf, "/Limits [%d %d]\n", e[i].key, e[end - 1].key);
            put_nums(s, &leaf, e, i, end);
            HPDF_Dict d = pr_hpdf_raw_dict(o->mmgr, o->xref, pr_sb_steal(&leaf));
            if (!d)
                break;
            pr_sb_printf(&sb, "%s%u 0 R", i ? " " : "", pr_hpdf_object_number(d));
        }
        pr_sb_puts(&sb, "]\n");
        root = pr_hpdf_raw_dict(o->mmgr, o->xref, pr_sb_steal(&sb));
    }
    pr_sb_free(&sb);
    free(e);
    return root;
}

HPDF_STATUS pr_struct_write(pr_struct *s, HPDF_Doc pdf, const pr_hpdf_objects *o,
                            HPDF_Page *pages, HPDF_Encoder utf8)
{
    (void)pdf;
    (void)utf8;
    HPDF_STATUS st = HPDF_OK;
    HPDF_Dict tree = pr_hpdf_raw_dict(o->mmgr, o->xref, NULL);
    if (!tree)
        return HPDF_FAILD_TO_ALLOC_MEM;
    s->tree = tree;
    s->pages = pages;
    /* every element's object: the bodies are written when the file is
     * saved, once every object has its number */
    for (size_t i = 0; i < s->n; i++)
        if (s->nodes[i].live && !(s->nodes[i].elem = pr_hpdf_lazy_dict(o->mmgr, o->xref,
                                                                          &s->nodes[i].lazy)))
            return HPDF_FAILD_TO_ALLOC_MEM;
    /* the RoleMap: each custom role once, in order of first use */
    pr_strbuf roles = {0};
    const char **seen = NULL;
    size_t n_seen = 0, cap_seen = 0;
    for (size_t i = 0; i < s->n; i++) {
        snode *sn = &s->nodes[i];
        if (!sn->live)
            continue;
        const pr_node *dn = doc_node(s, i);
        if (dn && dn->role) {
            size_t j = 0;
            while (j < n_seen && strcmp(seen[j], dn->role))
                j++;
            if (j == n_seen) {
                PR_PUSH(seen, n_seen, cap_seen, dn->role);
                put_name(&roles, dn->role);
                pr_sb_putc(&roles, ' ');
                put_name(&roles, pr_tag_name((pr_tag)sn->tag));
                pr_sb_putc(&roles, '\n');
            }
        }
        s->written++;
    }
    free(seen);
    HPDF_Dict pt = parent_tree(s, o);
    if (!pt) {
        pr_sb_free(&roles);
        return HPDF_FAILD_TO_ALLOC_MEM;
    }
    pr_strbuf sb = {0};
    pr_sb_printf(&sb, "/Type /StructTreeRoot\n/K %u 0 R\n/ParentTree %u 0 R\n/ParentTreeNextKey %zu\n",
                 pr_hpdf_object_number(s->nodes[0].elem), pr_hpdf_object_number(pt),
                 s->n_pages + s->n_annots);
    if (roles.len)
        pr_sb_printf(&sb, "/RoleMap <<\n%s>>\n", roles.data);
    pr_sb_free(&roles);
    pr_hpdf_raw_dict_set(tree, pr_sb_steal(&sb));
    for (size_t pg = 0; pg < s->n_pages && st == HPDF_OK; pg++)
        if (s->pages_marks[pg].n)
            st = HPDF_Dict_AddNumber(pages[pg], "StructParents", (HPDF_INT32)pg);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(o->catalog, "StructTreeRoot", tree);
    HPDF_Dict mark = HPDF_Dict_New(o->mmgr);
    if (!mark)
        return HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(o->catalog, "MarkInfo", mark);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    return st;
}
