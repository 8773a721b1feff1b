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
    int kind;
    int page;
    int value;                 /* node index (KID_NODE), MCID (KID_MCID) */
    HPDF_Dict annot;           /* KID_OBJR */
} kid;

typedef struct snode {
    pr_node n;                 /* the display list's node (or a Link made here) */
    int live;                  /* written: content, or a link, in or below it */
    kid *kids;
    size_t n_kids, cap_kids;
    HPDF_Dict elem;
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
    snode *nodes;
    size_t n, cap;
    link_node *links;
    size_t n_links, cap_links;
    page_marks *pages;
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
        n = s->nodes[n].n.parent;
    }
}

static void add_kid(pr_struct *s, int node, kid k)
{
    snode *sn = &s->nodes[node];
    PR_PUSH(sn->kids, sn->n_kids, sn->cap_kids, k);
}

static int link_cmp(const void *a, const void *b)
{
    const link_node *x = a, *y = b;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

pr_struct *pr_struct_new(const pr_doc *doc)
{
    pr_struct *s = pr_calloc(1, sizeof *s);
    for (size_t i = 0; i < doc->n_nodes; i++) {
        snode sn = {0};
        sn.n = doc->nodes[i];
        PR_PUSH(s->nodes, s->n, s->cap, sn);
    }
    if (!s->n) {   /* a document always has its root; be safe */
        snode sn = {0};
        sn.n.tag = PR_TAG_DOCUMENT;
        sn.n.parent = -1;
        PR_PUSH(s->nodes, s->n, s->cap, sn);
    }
    s->n_pages = doc->n_pages;
    s->pages = pr_calloc(doc->n_pages + 1, sizeof *s->pages);
    for (size_t pg = 0; pg < doc->n_pages; pg++)
        for (size_t k = 0; k < doc->pages[pg].n_ops; k++) {
            const pr_op *op = &doc->pages[pg].ops[k];
            int node = op->node >= 0 && (size_t)op->node < doc->n_nodes ? op->node : -1;
            if (op->kind == PR_OP_LINK) {
                if (node < 0 || s->nodes[node].n.tag != PR_TAG_LINK) {
                    snode sn = {0};
                    sn.n.tag = PR_TAG_LINK;
                    sn.n.parent = node >= 0 ? node : 0;
                    sn.n.seq = op->seq;
                    PR_PUSH(s->nodes, s->n, s->cap, sn);
                    node = (int)s->n - 1;
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
        if (s->nodes[i].live && s->nodes[i].n.parent >= 0) {
            kid k = {s->nodes[i].n.seq, KID_NODE, -1, (int)i, NULL};
            add_kid(s, s->nodes[i].n.parent, k);
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
        free(s->pages[i].nodes);
    free(s->pages);
    free(s->annots);
    free(s);
}

const char *pr_struct_type(const pr_struct *s, int node)
{
    const pr_node *n = &s->nodes[node].n;
    return n->role ? n->role : pr_tag_name(n->tag);
}

int pr_struct_mcid(pr_struct *s, int page, int node, uint32_t seq)
{
    page_marks *pm = &s->pages[page];
    PR_PUSH(pm->nodes, pm->n, pm->cap, node);
    int mcid = (int)pm->n - 1;
    kid k = {seq, KID_MCID, page, mcid, NULL};
    add_kid(s, node, k);
    return mcid;
}

int pr_struct_annot(pr_struct *s, int page, const pr_op *op, HPDF_Dict annot)
{
    int node = op->node;
    if (node < 0 || (size_t)node >= s->n || s->nodes[node].n.tag != PR_TAG_LINK) {
        link_node key = {op->seq, 0};
        const link_node *ln = s->n_links ? bsearch(&key, s->links, s->n_links, sizeof key, link_cmp)
                                         : NULL;
        node = ln ? ln->node : 0;
    }
    kid k = {op->seq, KID_OBJR, page, 0, annot};
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

static int kid_cmp(const void *a, const void *b)
{
    const kid *x = a, *y = b;
    if (x->seq != y->seq)
        return (x->seq > y->seq) - (x->seq < y->seq);
    return (x->kind > y->kind) - (x->kind < y->kind);
}

/* Record the first error of a libharu call. */
static void note(HPDF_STATUS *st, HPDF_STATUS r)
{
    if (*st == HPDF_OK && r != HPDF_OK)
        *st = r;
}

/* A new dictionary, indirect when `indirect`; NULL on error (recorded). */
static HPDF_Dict new_dict(const pr_hpdf_objects *o, int indirect, HPDF_STATUS *st)
{
    HPDF_Dict d = HPDF_Dict_New(o->mmgr);
    if (!d) {
        note(st, HPDF_FAILD_TO_ALLOC_MEM);
        return NULL;
    }
    if (indirect)
        note(st, HPDF_Xref_Add(o->xref, d));
    return d;
}

/* The /K entry of node i: its children in reading order. */
static void write_kids(pr_struct *s, snode *sn, const pr_hpdf_objects *o, HPDF_Page *pages,
                       HPDF_STATUS *st)
{
    qsort(sn->kids, sn->n_kids, sizeof *sn->kids, kid_cmp);
    int pg = -1;   /* the element's /Pg: the page of its first MCID */
    for (size_t k = 0; k < sn->n_kids && pg < 0; k++)
        if (sn->kids[k].kind == KID_MCID)
            pg = sn->kids[k].page;
    if (pg >= 0)
        note(st, HPDF_Dict_Add(sn->elem, "Pg", pages[pg]));
    if (sn->n_kids == 1 && sn->kids[0].kind == KID_MCID) {
        note(st, HPDF_Dict_AddNumber(sn->elem, "K", sn->kids[0].value));
        return;
    }
    HPDF_Array arr = HPDF_Array_New(o->mmgr);
    if (!arr) {
        note(st, HPDF_FAILD_TO_ALLOC_MEM);
        return;
    }
    note(st, HPDF_Dict_Add(sn->elem, "K", arr));
    for (size_t k = 0; k < sn->n_kids && *st == HPDF_OK; k++) {
        const kid *c = &sn->kids[k];
        if (c->kind == KID_NODE) {
            note(st, HPDF_Array_Add(arr, s->nodes[c->value].elem));
        } else if (c->kind == KID_MCID && c->page == pg) {
            note(st, HPDF_Array_AddNumber(arr, c->value));
        } else {
            HPDF_Dict r = new_dict(o, 0, st);
            if (!r)
                return;
            note(st, HPDF_Array_Add(arr, r));
            if (c->kind == KID_MCID) {
                note(st, HPDF_Dict_AddName(r, "Type", "MCR"));
                note(st, HPDF_Dict_Add(r, "Pg", pages[c->page]));
                note(st, HPDF_Dict_AddNumber(r, "MCID", c->value));
            } else {
                note(st, HPDF_Dict_AddName(r, "Type", "OBJR"));
                note(st, HPDF_Dict_Add(r, "Obj", c->annot));
                note(st, HPDF_Dict_Add(r, "Pg", pages[c->page]));
            }
        }
    }
}

/* A text string entry (UTF-8 in, UTF-16 out through `enc`). */
static void add_text(HPDF_Dict d, const char *key, const char *text, HPDF_Encoder enc,
                     const pr_hpdf_objects *o, HPDF_STATUS *st)
{
    HPDF_String str = HPDF_String_New(o->mmgr, text, enc);
    if (!str)
        note(st, HPDF_FAILD_TO_ALLOC_MEM);
    else
        note(st, HPDF_Dict_Add(d, key, str));
}

/* The attributes of an element. */
static void write_attributes(const snode *sn, const pr_hpdf_objects *o, HPDF_Encoder utf8,
                             HPDF_STATUS *st)
{
    if (sn->n.alt)
        add_text(sn->elem, "Alt", sn->n.alt, utf8, o, st);
    if (sn->n.actual_text)
        add_text(sn->elem, "ActualText", sn->n.actual_text, utf8, o, st);
    if (sn->n.lang)
        add_text(sn->elem, "Lang", sn->n.lang, NULL, o, st);
    if (sn->n.scope != PR_SCOPE_NONE) {
        static const char *const scopes[] = {"", "Row", "Column", "Both"};
        HPDF_Dict a = new_dict(o, 0, st);
        if (!a)
            return;
        note(st, HPDF_Dict_Add(sn->elem, "A", a));
        note(st, HPDF_Dict_AddName(a, "O", "Table"));
        note(st, HPDF_Dict_AddName(a, "Scope", scopes[sn->n.scope]));
    }
}

/* One entry of the parent tree. */
typedef struct nums_entry {
    int key;
    int page;                  /* >= 0: the page's MCIDs; -1: an annotation */
    int node;                  /* the annotation's element */
} nums_entry;

/* Fill a /Nums array with entries [from, to). */
static void write_nums(pr_struct *s, HPDF_Array nums, const nums_entry *e, size_t from, size_t to,
                       const pr_hpdf_objects *o, HPDF_STATUS *st)
{
    for (size_t i = from; i < to && *st == HPDF_OK; i++) {
        note(st, HPDF_Array_AddNumber(nums, e[i].key));
        if (e[i].page < 0) {
            note(st, HPDF_Array_Add(nums, s->nodes[e[i].node].elem));
            continue;
        }
        HPDF_Array refs = HPDF_Array_New(o->mmgr);
        if (!refs) {
            note(st, HPDF_FAILD_TO_ALLOC_MEM);
            return;
        }
        note(st, HPDF_Array_Add(nums, refs));
        const page_marks *pm = &s->pages[e[i].page];
        for (size_t m = 0; m < pm->n && *st == HPDF_OK; m++)
            note(st, HPDF_Array_Add(refs, s->nodes[pm->nodes[m]].elem));
    }
}

/* The ParentTree: one leaf, or leaves of NUMS_PER_LEAF entries under a
 * root with /Kids. */
static HPDF_Dict parent_tree(pr_struct *s, const pr_hpdf_objects *o, HPDF_STATUS *st)
{
    nums_entry *e = pr_malloc((s->n_pages + s->n_annots + 1) * sizeof *e);
    size_t n = 0;
    for (size_t pg = 0; pg < s->n_pages; pg++)
        if (s->pages[pg].n)
            e[n++] = (nums_entry){(int)pg, (int)pg, -1};
    for (size_t a = 0; a < s->n_annots; a++)
        e[n++] = (nums_entry){s->annots[a].key, -1, s->annots[a].node};
    HPDF_Dict root = new_dict(o, 1, st);
    if (root && n <= NUMS_PER_LEAF) {
        HPDF_Array nums = HPDF_Array_New(o->mmgr);
        note(st, nums ? HPDF_Dict_Add(root, "Nums", nums) : HPDF_FAILD_TO_ALLOC_MEM);
        if (nums)
            write_nums(s, nums, e, 0, n, o, st);
    } else if (root) {
        HPDF_Array kids = HPDF_Array_New(o->mmgr);
        note(st, kids ? HPDF_Dict_Add(root, "Kids", kids) : HPDF_FAILD_TO_ALLOC_MEM);
        for (size_t i = 0; kids && i < n && *st == HPDF_OK; i += NUMS_PER_LEAF) {
            size_t end = i + NUMS_PER_LEAF < n ? i + NUMS_PER_LEAF : n;
            HPDF_Dict leaf = new_dict(o, 1, st);
            HPDF_Array limits = HPDF_Array_New(o->mmgr), nums = HPDF_Array_New(o->mmgr);
            if (!leaf || !limits || !nums) {
                note(st, HPDF_FAILD_TO_ALLOC_MEM);
                break;
            }
            note(st, HPDF_Array_Add(kids, leaf));
            note(st, HPDF_Dict_Add(leaf, "Limits", limits));
            note(st, HPDF_Array_AddNumber(limits, e[i].key));
            note(st, HPDF_Array_AddNumber(limits, e[end - 1].key));
            note(st, HPDF_Dict_Add(leaf, "Nums", nums));
            write_nums(s, nums, e, i, end, o, st);
        }
    }
    free(e);
    return root;
}

HPDF_STATUS pr_struct_write(pr_struct *s, HPDF_Doc pdf, const pr_hpdf_objects *o,
                            HPDF_Page *pages, HPDF_Encoder utf8)
{
    (void)pdf;
    HPDF_STATUS st = HPDF_OK;
    HPDF_Dict tree = new_dict(o, 1, &st);
    for (size_t i = 0; i < s->n && st == HPDF_OK; i++)
        if (s->nodes[i].live)
            s->nodes[i].elem = new_dict(o, 1, &st);
    if (st != HPDF_OK)
        return st;
    note(&st, HPDF_Dict_AddName(tree, "Type", "StructTreeRoot"));
    note(&st, HPDF_Dict_Add(tree, "K", s->nodes[0].elem));
    HPDF_Dict roles = NULL;
    for (size_t i = 0; i < s->n && st == HPDF_OK; i++) {
        snode *sn = &s->nodes[i];
        if (!sn->live)
            continue;
        note(&st, HPDF_Dict_AddName(sn->elem, "S", pr_struct_type(s, (int)i)));
        note(&st, HPDF_Dict_Add(sn->elem, "P", sn->n.parent >= 0 ? s->nodes[sn->n.parent].elem : tree));
        write_kids(s, sn, o, pages, &st);
        write_attributes(sn, o, utf8, &st);
        if (sn->n.role) {
            if (!roles) {
                roles = new_dict(o, 0, &st);
                if (roles)
                    note(&st, HPDF_Dict_Add(tree, "RoleMap", roles));
            }
            if (roles && !HPDF_Dict_GetItem(roles, sn->n.role, HPDF_OCLASS_NAME))
                note(&st, HPDF_Dict_AddName(roles, sn->n.role, pr_tag_name(sn->n.tag)));
        }
        s->written++;
    }
    HPDF_Dict pt = st == HPDF_OK ? parent_tree(s, o, &st) : NULL;
    if (pt)
        note(&st, HPDF_Dict_Add(tree, "ParentTree", pt));
    note(&st, HPDF_Dict_AddNumber(tree, "ParentTreeNextKey", (HPDF_INT32)(s->n_pages + s->n_annots)));
    for (size_t pg = 0; pg < s->n_pages && st == HPDF_OK; pg++)
        if (s->pages[pg].n)
            note(&st, HPDF_Dict_AddNumber(pages[pg], "StructParents", (HPDF_INT32)pg));
    note(&st, HPDF_Dict_Add(o->catalog, "StructTreeRoot", tree));
    HPDF_Dict mark = new_dict(o, 0, &st);
    if (mark) {
        note(&st, HPDF_Dict_Add(o->catalog, "MarkInfo", mark));
        note(&st, HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE));
    }
    return st;
}
