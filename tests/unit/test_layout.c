/* test_layout.c — the page-flow engine with the fake monospace font (no
 * PDF): page breaks, keep-with-next headings, widows and orphans, table
 * header repetition, keep-together blocks and groups, collapsing spaces,
 * split boxes, overflow warnings, two passes, running header and footer.
 *
 * Geometry used throughout: pages 200 × 240 pt, margins 20 pt, so the
 * content frame is 160 × 200 pt at (20, 20). Text is 10 pt with leading 1
 * (lines exactly 10 pt high, baseline 8 pt under the line top) and no space
 * around paragraphs: a page holds exactly 20 lines. */
#include <stdlib.h>

#include "typeset/layout.h"
#include "unit.h"

static pr_fontset fonts;

/* The test style described above. */
static pr_layout_style test_style(void)
{
    pr_layout_style s = pr_layout_style_default(&fonts);
    s.page_width = 200;
    s.page_height = 240;
    s.margin_top = s.margin_bottom = s.margin_left = s.margin_right = 20;
    pr_text_style t = s.body;
    t.size = 10;
    t.leading = 1;
    t.align = PR_ALIGN_LEFT;
    t.space_before = t.space_after = 0;
    t.hyphenate = 0;
    s.body = t;
    s.small = t;
    for (int i = 0; i < 3; i++) {
        s.heading[i] = t;
        s.heading[i].font = PR_STYLE_BOLD;
    }
    s.list_item_space = 0;
    return s;
}

/* Markup of a paragraph of n forced lines "w1", "w2"... (one run each). */
static char *lines_markup(const char *word, int n)
{
    pr_strbuf sb = {0};
    for (int i = 0; i < n; i++) pr_sb_printf(&sb, "%s%s%d", i ? "\n" : "", word, i + 1);
    return pr_sb_steal(&sb);
}

/* n one-line paragraphs "fN". */
static void fill_lines(pr_layout *L, int n)
{
    for (int i = 0; i < n; i++) {
        char buf[16];
        snprintf(buf, sizeof buf, "f%d", i + 1);
        pr_layout_paragraph(L, buf, NULL);
    }
}

/* Number of text operations on page pg (0 if the page does not exist). */
static int texts_on(pr_layout *L, int pg)
{
    pr_doc *doc = pr_layout_doc(L);
    if (pg < 0 || (size_t)pg >= doc->n_pages) return 0;
    int n = 0;
    for (size_t i = 0; i < doc->pages[pg].n_ops; i++) n += doc->pages[pg].ops[i].kind == PR_OP_TEXT;
    return n;
}

/* The k-th text operation of page pg, or NULL. */
static const pr_op *text_op(pr_layout *L, int pg, int k)
{
    pr_doc *doc = pr_layout_doc(L);
    if (pg < 0 || (size_t)pg >= doc->n_pages) return NULL;
    for (size_t i = 0; i < doc->pages[pg].n_ops; i++)
        if (doc->pages[pg].ops[i].kind == PR_OP_TEXT && k-- == 0) return &doc->pages[pg].ops[i];
    return NULL;
}

/* A text operation's text without the space a word break may add at its
 * end (layout.c word_break: drawn past the text, for text extraction). */
static const char *trimmed(const char *t)
{
    static char bufs[8][256];
    static int k;
    size_t n = strlen(t);
    if (!n || t[n - 1] != ' ' || n >= sizeof bufs[0]) return t;
    char *b = bufs[k++ % 8];
    memcpy(b, t, n - 1);
    b[n - 1] = '\0';
    return b;
}

/* Text of the k-th text operation of page pg ("" if none). */
static const char *text_at(pr_layout *L, int pg, int k)
{
    const pr_op *op = text_op(L, pg, k);
    return op ? trimmed(op->u.text.text) : "";
}

TEST(page_break_between_lines)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 30);
    CHECK_INT(pr_layout_doc(L)->n_pages, 2);
    CHECK_INT(texts_on(L, 0), 20);
    CHECK_INT(texts_on(L, 1), 10);
    CHECK_STR(text_at(L, 1, 0), "f21");
    /* first baseline of each page: frame top 20 + baseline 8 */
    CHECK_NEAR(text_op(L, 0, 0)->u.text.y, 28, 1e-6);
    CHECK_NEAR(text_op(L, 1, 0)->u.text.y, 28, 1e-6);
    CHECK_NEAR(text_op(L, 0, 19)->u.text.y, 218, 1e-6);
    CHECK_NEAR(text_op(L, 0, 0)->u.text.x, 20, 1e-6);
    pr_layout_free(L);
}

TEST(widow_moves_a_line_along)
{
    /* 17 lines used, a 4-line paragraph: 3 would fit, but then 1 line
     * would be alone on the next page: 2 + 2 */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 17);
    char *m = lines_markup("p", 4);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    CHECK_INT(texts_on(L, 0), 19);
    CHECK_STR(text_at(L, 0, 18), "p2");
    CHECK_INT(texts_on(L, 1), 2);
    CHECK_STR(text_at(L, 1, 0), "p3");
    pr_layout_free(L);
}

TEST(orphan_moves_the_paragraph)
{
    /* 19 lines used: only 1 line of the paragraph would fit */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 19);
    char *m = lines_markup("p", 4);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    CHECK_INT(texts_on(L, 0), 19);
    CHECK_INT(texts_on(L, 1), 4);
    CHECK_STR(text_at(L, 1, 0), "p1");
    pr_layout_free(L);

    /* 3-line paragraph with 2 lines of room: 2 + 1 is a widow, 1 + 2 an
     * orphan: it moves whole */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 18);
    m = lines_markup("q", 3);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    CHECK_INT(texts_on(L, 0), 18);
    CHECK_INT(texts_on(L, 1), 3);
    pr_layout_free(L);
}

TEST(long_paragraph_spans_pages)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 5);
    char *m = lines_markup("p", 50);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    CHECK_INT(pr_layout_doc(L)->n_pages, 3);
    CHECK_INT(texts_on(L, 0), 20);
    CHECK_INT(texts_on(L, 1), 20);
    CHECK_INT(texts_on(L, 2), 15);
    CHECK_STR(text_at(L, 1, 0), "p16");
    CHECK_STR(text_at(L, 2, 14), "p50");
    pr_layout_free(L);
}

TEST(heading_kept_with_next)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_free_page(L, PR_PAGE_COVER);
    fill_lines(L, 18);
    /* the heading fits on line 19, but the paragraph's first two lines do
     * not: the heading moves to the next page with them */
    pr_layout_heading(L, 2, NULL, "Titre", "sec");
    char *m = lines_markup("p", 4);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    CHECK_INT(texts_on(L, 1), 18);
    CHECK_INT(texts_on(L, 2), 5);
    CHECK_STR(text_at(L, 2, 0), "Titre");
    CHECK_NEAR(text_op(L, 2, 0)->u.text.y, 28, 1e-6);
    CHECK_STR(text_at(L, 2, 1), "p1");
    CHECK_NEAR(text_op(L, 2, 1)->u.text.y, 38, 1e-6);
    /* its outline entry and anchor moved too */
    pr_doc *doc = pr_layout_doc(L);
    CHECK_INT(doc->n_outline, 1);
    CHECK_INT(doc->outline[0].page, 2);
    CHECK_NEAR(doc->outline[0].y, 20, 1e-6);
    CHECK_INT(pr_layout_page_of(L, "sec"), 3);
    /* the level-2 bar moved with it: no operation left after line 18 */
    const pr_page *p1 = &doc->pages[1];
    CHECK_INT(p1->ops[p1->n_ops - 1].kind, PR_OP_TEXT);
    pr_layout_free(L);
}

TEST(two_headings_kept_with_next)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 17);
    pr_layout_heading(L, 2, NULL, "A", NULL);
    pr_layout_heading(L, 3, NULL, "B", NULL);
    char *m = lines_markup("p", 3);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    CHECK_INT(texts_on(L, 0), 17);
    CHECK_STR(text_at(L, 1, 0), "A");
    CHECK_STR(text_at(L, 1, 1), "B");
    CHECK_STR(text_at(L, 1, 2), "p1");
    pr_layout_free(L);
}

TEST(heading_stays_when_next_fits)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 16);
    pr_layout_heading(L, 3, NULL, "T", NULL);
    char *m = lines_markup("p", 5);
    pr_layout_paragraph(L, m, NULL);   /* 3 lines fit under it, 2 go on */
    free(m);
    CHECK_INT(texts_on(L, 0), 20);
    CHECK_STR(text_at(L, 0, 16), "T");
    CHECK_INT(texts_on(L, 1), 2);
    pr_layout_free(L);
}

TEST(heading_needs_three_lines_under_it)
{
    /* 2 lines of the paragraph would fit under the heading (an orphan-free
     * first piece): not enough, the heading goes on with its paragraph */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 17);
    pr_layout_heading(L, 3, NULL, "T", NULL);
    char *m = lines_markup("p", 4);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    CHECK_INT(texts_on(L, 0), 17);
    CHECK_STR(text_at(L, 1, 0), "T");
    CHECK_NEAR(text_op(L, 1, 0)->u.text.y, 28, 1e-6);
    CHECK_INT(texts_on(L, 1), 5);
    /* the same across blocks: a 2-line paragraph, then a table row that
     * does not fit: the heading and the paragraph go on with the row */
    pr_layout_free(L);
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 16);
    pr_layout_heading(L, 2, NULL, "H", NULL);
    m = lines_markup("q", 2);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    pr_layout_quote(L, "citation", NULL);
    CHECK_INT(texts_on(L, 0), 16);
    CHECK_STR(text_at(L, 1, 0), "H");
    CHECK_STR(text_at(L, 1, 1), "q1");
    /* a lead-in paragraph needs only the first piece of what follows */
    pr_layout_free(L);
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 16);
    pr_text_style lead = st.body;
    lead.keep_with_next = 1;
    pr_layout_paragraph(L, "lead", &lead);
    m = lines_markup("r", 5);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    CHECK_INT(texts_on(L, 0), 20);
    CHECK_STR(text_at(L, 0, 16), "lead");
    pr_layout_free(L);
}

TEST(spaces_collapse_and_vanish_at_top)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_space(L, 30);            /* at the top of a page: dropped */
    pr_layout_paragraph(L, "a", NULL);
    pr_layout_space(L, 6);
    pr_layout_space(L, 10);            /* collapses: the larger wins */
    pr_layout_paragraph(L, "b", NULL);
    CHECK_NEAR(text_op(L, 0, 0)->u.text.y, 28, 1e-6);
    CHECK_NEAR(text_op(L, 0, 1)->u.text.y, 48, 1e-6);
    /* a space that does not fit is not carried to the next page */
    fill_lines(L, 16);                 /* y = 20 + 20 + 160 = 200: 2 lines left */
    pr_layout_space(L, 15);
    pr_layout_paragraph(L, "c", NULL);
    CHECK_STR(text_at(L, 1, 0), "c");
    CHECK_NEAR(text_op(L, 1, 0)->u.text.y, 28, 1e-6);
    pr_layout_free(L);
}

TEST(list_hanging_indent_and_bullets)
{
    pr_layout_style st = test_style();
    st.list_indent = 16;
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_list_item items[] = {{"un\ndeux", 0}, {"trois", 1}};
    pr_layout_list(L, items, 2, PR_BULLET_TICK, NULL);
    CHECK_INT(texts_on(L, 0), 3);
    CHECK_NEAR(text_op(L, 0, 0)->u.text.x, 36, 1e-6);   /* 20 + 16 */
    CHECK_NEAR(text_op(L, 0, 1)->u.text.x, 36, 1e-6);   /* hanging */
    CHECK_NEAR(text_op(L, 0, 2)->u.text.x, 52, 1e-6);   /* nested */
    const pr_page *pg = &pr_layout_doc(L)->pages[0];
    int paths = 0, lines = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        paths += pg->ops[i].kind == PR_OP_PATH;
        lines += pg->ops[i].kind == PR_OP_LINE;
    }
    CHECK_INT(paths, 1);   /* the tick of item 1 */
    CHECK_INT(lines, 1);   /* the dash of the nested item */
    pr_layout_free(L);
}

TEST(table_header_repeated)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    const char *head[] = {"H1", "H2"};
    const char *cells[2 * 25];
    char buf[25][16];
    for (int r = 0; r < 25; r++) {
        snprintf(buf[r], sizeof buf[r], "r%d", r + 1);
        cells[2 * r] = buf[r];
        cells[2 * r + 1] = "x";
    }
    pr_table t = {2, NULL, NULL, head, cells, 25, NULL, 1, PR_RGB_NONE, 10};
    pr_layout_table(L, &t);
    /* rows and header are 10 + 2 × 4.5 = 19 pt: header + 9 rows = 190 */
    pr_doc *doc = pr_layout_doc(L);
    CHECK_INT(doc->n_pages, 3);
    for (int pg = 0; pg < 3 && (size_t)pg < doc->n_pages; pg++) {
        CHECK_STR(text_at(L, pg, 0), "H1");
        CHECK_STR(text_at(L, pg, 1), "H2");
    }
    CHECK_INT(texts_on(L, 0), 2 + 18);
    CHECK_STR(text_at(L, 1, 2), "r10");
    CHECK_INT(texts_on(L, 2), 2 + 14);
    pr_layout_free(L);
}

TEST(table_kept_with_heading)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 16);
    pr_layout_heading(L, 3, NULL, "T", NULL);
    const char *head[] = {"H"};
    const char *cells[] = {"a", "b"};
    pr_table t = {1, NULL, NULL, head, cells, 2, NULL, 0, PR_RGB_NONE, 10};
    pr_layout_table(L, &t);   /* header + first row = 38 pt > 30 left */
    CHECK_INT(texts_on(L, 0), 16);
    CHECK_STR(text_at(L, 1, 0), "T");
    CHECK_STR(text_at(L, 1, 1), "H");
    CHECK_STR(text_at(L, 1, 2), "a");
    pr_layout_free(L);
}

TEST(intro_paragraph_kept_with_table)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 16);
    pr_text_style intro = st.body;
    intro.keep_with_next = 1;
    pr_layout_paragraph(L, "ainsi", &intro);
    const char *head[] = {"H"};
    const char *cells[] = {"a"};
    pr_table t = {1, NULL, NULL, head, cells, 1, NULL, 0, PR_RGB_NONE, 10};
    pr_layout_table(L, &t);   /* 38 pt, 30 left after the intro */
    CHECK_INT(texts_on(L, 0), 16);
    CHECK_STR(text_at(L, 1, 0), "ainsi");
    CHECK_STR(text_at(L, 1, 1), "H");
    /* a long paragraph is not kept: it splits (page 1 is used down to
     * 20 + 10 + 19 + 19 + 4 = 72: 14 lines fit) */
    char *m = lines_markup("p", 30);
    pr_layout_paragraph(L, m, &intro);
    free(m);
    CHECK_INT(texts_on(L, 1), 3 + 14);
    CHECK_INT(texts_on(L, 2), 16);
    pr_layout_free(L);
}

typedef struct seen {
    int calls, page;
    pr_box box;
} seen;

/* Custom-block callback recording what it was given. */
static void record_box(pr_layout *L, int page, pr_box box, void *ctx)
{
    seen *s = ctx;
    s->calls++;
    s->page = page;
    s->box = box;
    pr_paint p = pr_paint_fill(0);
    pr_doc_rect(pr_layout_doc(L), page, box, 0, &p);
}

TEST(custom_block_never_splits)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 15);
    seen s = {0, -1, {0, 0, 0, 0}};
    pr_layout_custom(L, 80, record_box, &s);
    CHECK_INT(s.calls, 1);
    CHECK_INT(s.page, 1);
    CHECK_NEAR(s.box.x, 20, 1e-6);
    CHECK_NEAR(s.box.y, 20, 1e-6);
    CHECK_NEAR(s.box.w, 160, 1e-6);
    CHECK_NEAR(s.box.h, 80, 1e-6);
    CHECK_NEAR(pr_layout_y(L), 100, 1e-6);
    pr_layout_free(L);
}

TEST(keep_group_moves_whole)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 15);
    pr_layout_keep_begin(L);
    pr_layout_anchor(L, "grp");
    for (int i = 0; i < 3; i++) {
        char *m = lines_markup("k", 2);
        pr_layout_paragraph(L, m, NULL);
        free(m);
    }
    pr_layout_keep_end(L);
    CHECK_INT(texts_on(L, 0), 15);
    CHECK_INT(texts_on(L, 1), 6);
    CHECK_NEAR(text_op(L, 1, 0)->u.text.y, 28, 1e-6);
    CHECK_NEAR(text_op(L, 1, 5)->u.text.y, 78, 1e-6);
    CHECK_INT(pr_layout_page_of(L, "grp"), 2);
    pr_layout_free(L);
}

/* Count rectangles on a page. */
static int rects_on(pr_layout *L, int pg)
{
    pr_doc *doc = pr_layout_doc(L);
    int n = 0;
    for (size_t i = 0; i < doc->pages[pg].n_ops; i++) n += doc->pages[pg].ops[i].kind == PR_OP_RECT;
    return n;
}

TEST(box_splits_with_background_on_each_page)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 5);
    pr_box_style bs = {PR_RGB_NONE, PR_RGB_NONE, PR_RGB_NONE, 10, 0};
    pr_layout_box_begin(L, &bs);
    char *m = lines_markup("b", 20);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    pr_layout_box_end(L);
    CHECK_INT(rects_on(L, 0), 1);
    CHECK_INT(rects_on(L, 1), 1);
    /* the background is drawn under the text: first operation of the box */
    pr_doc *doc = pr_layout_doc(L);
    CHECK_INT(doc->pages[0].ops[5].kind, PR_OP_RECT);
    CHECK_NEAR(doc->pages[0].ops[5].u.rect.box.y, 70, 1e-6);
    CHECK_INT(doc->pages[1].ops[0].kind, PR_OP_RECT);
    /* text inside is indented by the padding */
    CHECK_NEAR(text_op(L, 0, 5)->u.text.x, 30, 1e-6);
    pr_layout_free(L);
}

TEST(keep_together_box_moves)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 10);
    pr_box_style bs = {PR_RGB_NONE, PR_RGB_NONE, PR_RGB_NONE, 10, 1};
    pr_layout_box_begin(L, &bs);
    char *m = lines_markup("b", 12);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    pr_layout_box_end(L);
    CHECK_INT(texts_on(L, 0), 10);
    CHECK_INT(rects_on(L, 0), 0);
    CHECK_INT(texts_on(L, 1), 12);
    CHECK_INT(rects_on(L, 1), 1);
    pr_doc *doc = pr_layout_doc(L);
    CHECK_INT(doc->pages[1].ops[0].kind, PR_OP_RECT);
    CHECK_NEAR(doc->pages[1].ops[0].u.rect.box.y, 20, 1e-6);
    CHECK_NEAR(doc->pages[1].ops[0].u.rect.box.h, 140, 1e-6);   /* 10 + 120 + 10 */
    pr_layout_free(L);
}

TEST(heading_moves_with_keep_together_box)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 12);
    pr_layout_heading(L, 3, NULL, "T", NULL);
    pr_box_style bs = {PR_RGB_NONE, PR_RGB_NONE, PR_RGB_NONE, 10, 1};
    pr_layout_box_begin(L, &bs);
    char *m = lines_markup("b", 8);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    pr_layout_box_end(L);
    CHECK_INT(texts_on(L, 0), 12);
    CHECK_STR(text_at(L, 1, 0), "T");
    CHECK_NEAR(text_op(L, 1, 0)->u.text.y, 28, 1e-6);
    CHECK_NEAR(text_op(L, 1, 1)->u.text.y, 48, 1e-6);   /* 30 + padding 10 + 8 */
    CHECK_INT(rects_on(L, 1), 1);
    pr_layout_free(L);
}

TEST(cards_rows_keep_together_equal_heights)
{
    pr_layout_style st = test_style();
    st.gutter = 10;
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 14);   /* 60 pt left */
    pr_card cards[] = {{NULL, "A", NULL, "un\ndeux\ntrois", NULL, 0, NULL, PR_RGB_NONE, NULL},
                       {NULL, "B", NULL, NULL, NULL, 0, NULL, PR_RGB_NONE, NULL}};
    pr_cards_style cs = {2, PR_CARD_FILLED, 10, 10, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(L, cards, 2, &cs);
    /* card A: 10 pad + 12 title (10 pt, leading 1.2) + 5 + 40.5 body (3
     * lines of 10 pt, leading 1.35) + 10 pad = 77.5 > 60 */
    CHECK_INT(texts_on(L, 0), 14);
    CHECK_INT(rects_on(L, 1), 2);
    pr_doc *doc = pr_layout_doc(L);
    const pr_op *a = &doc->pages[1].ops[0], *b = NULL;
    for (size_t i = 1; i < doc->pages[1].n_ops; i++)
        if (doc->pages[1].ops[i].kind == PR_OP_RECT) b = &doc->pages[1].ops[i];
    CHECK(b != NULL);
    if (b) {
        CHECK_NEAR(a->u.rect.box.h, 77.5, 1e-6);
        CHECK_NEAR(b->u.rect.box.h, 77.5, 1e-6);
        CHECK_NEAR(a->u.rect.box.w, 75, 1e-6);
        CHECK_NEAR(b->u.rect.box.x, 105, 1e-6);
    }
    pr_layout_free(L);
}

/* A last row with fewer cards than columns is centred: three cards in two
 * columns (frame 160 pt wide at x 20, gutter 10: cards 75 pt wide) put the
 * third at x 62.5, under the gap between the first two. */
TEST(cards_short_last_row_centred)
{
    pr_layout_style st = test_style();
    st.gutter = 10;
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_card cards[3] = {{NULL, "A", NULL, NULL, NULL, 0, NULL, PR_RGB_NONE, NULL},
                        {NULL, "B", NULL, NULL, NULL, 0, NULL, PR_RGB_NONE, NULL},
                        {NULL, "C", NULL, NULL, NULL, 0, NULL, PR_RGB_NONE, NULL}};
    pr_cards_style cs = {2, PR_CARD_FILLED, 10, 10, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(L, cards, 3, &cs);
    const pr_page *pg = &pr_layout_doc(L)->pages[0];
    double xs[3];
    int n = 0;
    for (size_t i = 0; i < pg->n_ops && n < 3; i++)
        if (pg->ops[i].kind == PR_OP_RECT) xs[n++] = pg->ops[i].u.rect.box.x;
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_NEAR(xs[0], 20, 1e-6);
        CHECK_NEAR(xs[1], 105, 1e-6);
        CHECK_NEAR(xs[2], 62.5, 1e-6);
    }
    pr_layout_free(L);
}

/* PR_CARD_SIDE: the badge sits at the left, the text beside it; the card
 * is as tall as the taller of the two. */
TEST(side_cards_badge_beside_text)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_card tall = {"AB", "Nom", NULL, "ligne", NULL, 0, NULL, PR_RGB_NONE, NULL};
    pr_card flat = {"C", "Nom", NULL, NULL, NULL, 0, NULL, PR_RGB_NONE, NULL};
    pr_cards_style cs = {1, PR_CARD_SIDE, 10, 10, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(L, &tall, 1, &cs);
    pr_layout_cards(L, &flat, 1, &cs);
    const pr_page *pg = &pr_layout_doc(L)->pages[0];
    const pr_op *rect[2] = {NULL, NULL}, *disc = NULL;
    int k = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        if (pg->ops[i].kind == PR_OP_RECT && k < 2) rect[k++] = &pg->ops[i];
        if (pg->ops[i].kind == PR_OP_CIRCLE && !disc) disc = &pg->ops[i];
    }
    CHECK_INT(k, 2);
    CHECK(disc != NULL);
    if (k == 2 && disc) {
        /* badge 2.6 × 10 pt = 26 pt wide, at the padding (10 pt) */
        CHECK_NEAR(disc->u.circle.r, 13, 1e-9);
        CHECK_NEAR(disc->u.circle.cx, 20 + 10 + 13, 1e-9);
        CHECK_NEAR(disc->u.circle.cy, rect[0]->u.rect.box.y + 10 + 13, 1e-9);
        /* text 9 pt right of the badge, starting at the card's top padding */
        const pr_op *title = text_op(L, 0, 1);
        CHECK(title && !strcmp(trimmed(title->u.text.text), "Nom"));
        if (title) CHECK_NEAR(title->u.text.x, 20 + 10 + 26 + 9, 1e-9);
        /* 12 (title) + 5 + 13.5 (body) beats the badge; a title alone
         * does not: the card keeps the badge's height */
        CHECK_NEAR(rect[0]->u.rect.box.h, 10 + 30.5 + 10, 1e-9);
        CHECK_NEAR(rect[1]->u.rect.box.h, 10 + 26 + 10, 1e-9);
    }
    pr_layout_free(L);
}

/* A link in running text is coloured and underlined by one hairline
 * that spans its words; text around it is not. */
TEST(links_underlined)
{
    pr_layout_style st = test_style();
    st.palette.link = 0x000091;
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_paragraph(L, "voir [le site](https://a.fr) ici", NULL);
    const pr_page *pg = &pr_layout_doc(L)->pages[0];
    const pr_op *first = NULL, *last = NULL;
    size_t lines = 0;
    double lx0 = 0, lx1 = 0, ly = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind == PR_OP_TEXT && o->u.text.color == 0x000091) {
            if (!first) first = o;
            last = o;
        }
        if (o->kind == PR_OP_LINE && o->u.line.paint.stroke == 0x000091) {
            if (!lines) lx0 = o->u.line.x1, ly = o->u.line.y1;
            lx1 = o->u.line.x2;
            lines++;
        }
    }
    CHECK(first != NULL && last != NULL);
    CHECK(lines >= 1);
    if (first && last && lines) {
        CHECK_NEAR(lx0, first->u.text.x, 1e-9);
        /* to the end of "site" (5 pt per character with the fake metrics) */
        CHECK_NEAR(lx1, last->u.text.x + 5.0 * (double)strlen(last->u.text.text), 1e-6);
        CHECK(strstr(last->u.text.text, "site") != NULL);
        CHECK(ly > first->u.text.y && ly < first->u.text.y + 3);
    }
    pr_layout_free(L);
}

TEST(timeline_entries_never_split)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 17);   /* 30 pt left; an entry needs about 38 pt */
    pr_timeline_entry e[] = {{"Janvier", "Titre", "corps", NULL, 0, PR_RGB_NONE},
                             {"Mars", "Autre", "texte", NULL, 0, PR_RGB_NONE}};
    pr_layout_timeline(L, e, 2);
    CHECK_INT(texts_on(L, 0), 17);
    CHECK_INT(texts_on(L, 1), 6);
    CHECK_STR(text_at(L, 1, 0), "Janvier");
    CHECK_STR(text_at(L, 1, 1), "Titre");
    CHECK_STR(text_at(L, 1, 2), "corps");
    /* dates are right-aligned in their 74-pt column: "Mars" (4 × 5 pt)
     * ends where "Janvier" (7 × 5 pt) ends */
    const pr_op *a = text_op(L, 1, 0), *b = text_op(L, 1, 3);
    CHECK(a && b);
    if (a && b) {
        CHECK_STR(b->u.text.text, "Mars");
        CHECK_NEAR(a->u.text.x + 35, 20 + 74, 1e-6);
        CHECK_NEAR(b->u.text.x + 20, 20 + 74, 1e-6);
    }
    pr_layout_free(L);
}

TEST(tiles_share_row_height)
{
    pr_layout_style st = test_style();
    st.gutter = 10;
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_tile t[] = {{"12", "court", PR_RGB_NONE}, {"3", "un libellé\nsur trois\nlignes", 0xE1000F}};
    pr_layout_tiles(L, t, 2, 2, 1);
    const pr_page *pg = &pr_layout_doc(L)->pages[0];
    const pr_op *r[2] = {NULL, NULL};
    int k = 0;
    for (size_t i = 0; i < pg->n_ops && k < 2; i++)
        if (pg->ops[i].kind == PR_OP_RECT) r[k++] = &pg->ops[i];
    CHECK_INT(k, 2);
    if (k == 2) {
        CHECK_NEAR(r[0]->u.rect.box.h, r[1]->u.rect.box.h, 1e-9);
        CHECK_NEAR(r[0]->u.rect.box.w, 75, 1e-9);
        CHECK_INT(r[1]->u.rect.paint.fill, 0xE1000F);   /* solid tile in its colour */
    }
    pr_layout_free(L);
}

TEST(overflow_is_reported_not_silent)
{
    pr_layout_style st = test_style();
    pr_diags d;
    pr_diags_init(&d);
    pr_layout *L = pr_layout_new(&st, &d);
    pr_layout_free_page(L, PR_PAGE_COVER);
    /* 12 characters of 5 pt = 60 pt in a 20-pt-high, 30-pt-wide box: even
     * at 7.5 pt (2 lines of 7.5 pt = 15 pt) "abcd efgh ijkl" needs 3 lines */
    pr_box box = {20, 20, 30, 20};
    pr_layout_draw_fit(L, 0, box, "abcd efgh ijkl", NULL, 0.75, 0);
    CHECK_INT(d.n_warnings, 1);
    if (d.n)
        CHECK_STR(d.items[0].msg, "le texte « abcd efgh ijkl » ne tient pas dans son cadre, "
                                  "même réduit à 7.5 pt : il est coupé");
    /* a text that fits once shrunk gives no warning */
    pr_box wide = {20, 60, 60, 10};
    double size = pr_layout_draw_fit(L, 0, wide, "abcdefghijklm", NULL, 0.75, 0);
    CHECK_NEAR(size, 9.0, 0.26);
    CHECK_INT(d.n_warnings, 1);
    pr_layout_free(L);
    pr_diags_free(&d);
}

TEST(card_title_shrinks_then_warns)
{
    pr_layout_style st = test_style();
    pr_diags d;
    pr_diags_init(&d);
    pr_layout *L = pr_layout_new(&st, &d);
    /* card inner width 160 - 20 = 140 pt; title 11.5 pt: 5.75 pt/char.
     * 26 characters need 149.5 pt: shrunk, fits at 10.75 pt (139.75) */
    pr_card c1 = {NULL, "abcdefghijklmnopqrstuvwxyz", NULL, NULL, NULL, 0, NULL, PR_RGB_NONE, NULL};
    pr_cards_style cs = {1, PR_CARD_FILLED, 0, 0, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(L, &c1, 1, &cs);
    CHECK_INT(d.n_warnings, 0);
    const pr_op *t = text_op(L, 0, 0);
    CHECK(t && t->u.text.size < 11.5 && t->u.text.size >= 8.6);
    /* 40 characters cannot fit even at 75 %: warned */
    pr_card c2 = {NULL, "abcdefghijklmnopqrstuvwxyzabcdefghijklmn", NULL, NULL, NULL, 0, NULL,
                  PR_RGB_NONE, NULL};
    pr_layout_cards(L, &c2, 1, &cs);
    CHECK_INT(d.n_warnings, 1);
    if (d.n)
        CHECK(strstr(d.items[0].msg, "a un mot plus large que sa carte") != NULL);
    pr_layout_free(L);
    pr_diags_free(&d);
}

TEST(table_cell_overflow_warned)
{
    pr_layout_style st = test_style();
    pr_diags d;
    pr_diags_init(&d);
    pr_layout *L = pr_layout_new(&st, &d);
    /* one column: cell text width 160 - 9 = 151 pt; 40 characters at 8 pt
     * (80 %) still need 160 pt: the word is cut in two lines at 8 pt, each
     * within the cell */
    const char *cells[] = {"abcdefghijabcdefghijabcdefghijabcdefghij", "court"};
    pr_table t = {1, NULL, NULL, NULL, cells, 2, NULL, 0, PR_RGB_NONE, 10};
    pr_layout_table(L, &t);
    CHECK_INT(d.n_warnings, 1);
    if (d.n)
        CHECK_STR(d.items[0].msg, "le texte « abcdefghijabcdefghijabcdefghijabcdefghij » a un mot "
                                  "plus large que sa cellule de tableau, même réduit à 8.0 pt : il "
                                  "est coupé");
    CHECK_NEAR(text_op(L, 0, 0)->u.text.size, 8, 1e-6);
    CHECK_NEAR(text_op(L, 0, 1)->u.text.size, 8, 1e-6);
    CHECK_NEAR(text_op(L, 0, 2)->u.text.size, 10, 1e-6);
    /* no piece of the cut word wider than the cell's text width */
    for (int k = 0; k < 2; k++) {
        const pr_op *t = text_op(L, 0, k);
        CHECK(t && pr_text_width(st.fonts, PR_STYLE_REGULAR, 8, t->u.text.text, strlen(t->u.text.text)) <= 151 + 1e-6);
    }
    pr_layout_free(L);
    pr_diags_free(&d);
}

TEST(page_refs_written_at_finish)
{
    pr_layout_style st = test_style();
    pr_diags d;
    pr_diags_init(&d);
    pr_layout *L = pr_layout_new(&st, &d);
    pr_layout_free_page(L, PR_PAGE_COVER);
    int contents = pr_layout_free_page(L, PR_PAGE_CONTENT);
    pr_text_style right = st.body;
    right.align = PR_ALIGN_RIGHT;
    pr_text_style centre = st.body;
    centre.align = PR_ALIGN_CENTER;
    /* three references, made before their anchors exist */
    pr_layout_draw_page_ref(L, contents, (pr_box){100, 100, 40, 0}, "loin", &right);
    pr_layout_draw_page_ref(L, contents, (pr_box){100, 120, 40, 0}, "loin", &centre);
    pr_layout_draw_page_ref(L, contents, (pr_box){100, 140, 40, 0}, "nulle-part", &st.body);
    pr_layout_page_break(L);
    fill_lines(L, 200);   /* several pages */
    pr_layout_heading(L, 1, "9.", "Loin", "loin");
    int target = pr_layout_page(L) + 1;
    CHECK(target >= 10);   /* two digits */
    pr_doc *doc = pr_layout_finish(L);
    char want[16];
    snprintf(want, sizeof want, "%d", target);
    double w = pr_text_width(st.fonts, st.body.font, st.body.size, want, strlen(want));
    int seen = 0;
    const pr_page *pg = &doc->pages[contents];
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *op = &pg->ops[i];
        if (op->kind != PR_OP_TEXT) continue;
        CHECK_INT(op->u.text.page_ref, 0);
        if (fabs(op->u.text.y - 100) < 20 && !strcmp(op->u.text.text, want)) {
            CHECK_NEAR(op->u.text.x, 140 - w, 1e-6);       /* right end at 140 */
            seen |= 1;
        } else if (op->u.text.y > 120 && op->u.text.y < 140 && !strcmp(op->u.text.text, want)) {
            CHECK_NEAR(op->u.text.x, 120 - w / 2, 1e-6);   /* centred on 120 */
            seen |= 2;
        } else if (op->u.text.y > 140 && !strcmp(op->u.text.text, "0")) {
            CHECK_NEAR(op->u.text.x, 100, 1e-6);           /* unknown: 0, left */
            seen |= 4;
        }
    }
    CHECK_INT(seen, 7);
    /* the unknown anchor is reported */
    int warned = 0;
    for (size_t i = 0; i < d.n; i++)
        warned += strstr(d.items[i].msg, "« nulle-part »") != NULL;
    CHECK_INT(warned, 1);
    pr_doc_free(doc);
    pr_layout_free(L);
    pr_diags_free(&d);
}

TEST(two_passes_fill_the_toc)
{
    pr_layout_style st = test_style();
    pr_layout *first = NULL;
    for (int pass = 0; pass < 2; pass++) {
        pr_layout *L = pr_layout_new(&st, NULL);
        if (first) pr_layout_set_previous(L, first);
        pr_layout_free_page(L, PR_PAGE_COVER);
        pr_layout_toc_entry(L, 1, "1.", "Intro", "intro");
        pr_layout_toc_entry(L, 1, "2.", "Suite", "suite");
        pr_layout_page_break(L);
        pr_layout_heading(L, 1, "1.", "Intro", "intro");
        fill_lines(L, 30);
        pr_layout_heading(L, 1, "2.", "Suite", "suite");
        pr_doc *doc = pr_layout_finish(L);
        if (pass == 0) {
            CHECK_INT(pr_layout_page_of(L, "intro"), 3);
            CHECK_INT(pr_layout_page_of(L, "suite"), 4);
            first = L;
        } else {
            /* page numbers drawn on the TOC page (page 2) */
            int found3 = 0, found4 = 0, links = 0;
            const pr_page *pg = &doc->pages[1];
            for (size_t i = 0; i < pg->n_ops; i++) {
                if (pg->ops[i].kind == PR_OP_TEXT) {
                    found3 += !strcmp(pg->ops[i].u.text.text, "3");
                    found4 += !strcmp(pg->ops[i].u.text.text, "4");
                }
                if (pg->ops[i].kind == PR_OP_LINK && pg->ops[i].u.link.dest_page >= 0) links++;
            }
            CHECK_INT(found3, 1);
            CHECK_INT(found4, 1);
            CHECK_INT(links, 2);
            CHECK_INT(pr_layout_page_count(L), 4);
            pr_layout_free(L);
        }
        pr_doc_free(doc);
    }
    pr_layout_free(first);
}

TEST(header_footer_on_content_pages_only)
{
    pr_layout_style st = test_style();
    st.header_title = "Réseau";
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_free_page(L, PR_PAGE_COVER);
    pr_layout_heading(L, 1, "1.", "Section un", NULL);
    pr_layout_paragraph(L, "texte", NULL);
    pr_layout_free_page(L, PR_PAGE_DIVIDER);
    pr_layout_paragraph(L, "suite", NULL);
    pr_layout_free_page(L, PR_PAGE_BACK);
    pr_doc *doc = pr_layout_finish(L);
    CHECK_INT(doc->n_pages, 5);
    for (int pg = 0; pg < (int)doc->n_pages; pg++) {
        int header = 0, num = 0, section = 0;
        char want[16];
        snprintf(want, sizeof want, "%d", pg + 1);
        for (size_t i = 0; i < doc->pages[pg].n_ops; i++) {
            const pr_op *op = &doc->pages[pg].ops[i];
            if (op->kind != PR_OP_TEXT) continue;
            header += !strcmp(op->u.text.text, "Réseau");
            num += !strcmp(op->u.text.text, want);
            section += strstr(op->u.text.text, "Section un") != NULL;
        }
        int content = pg == 1 || pg == 3;
        CHECK_INT(header, content);
        CHECK_INT(num, content);
        if (pg == 1) CHECK_INT(section, 2);   /* heading (after "1.") + header */
        if (pg == 3) CHECK_INT(section, 1);
    }
    pr_doc_free(doc);
    pr_layout_free(L);
}

/* The front matter (cover, contents) is numbered i, ii: its folio alone;
 * the pages after it keep their page number, "3 / 4"; the document knows
 * how many pages it has, for its page labels. */
TEST(front_matter_folios)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_free_page(L, PR_PAGE_COVER);
    pr_layout_paragraph(L, "sommaire", NULL);
    pr_layout_front_matter_end(L);
    CHECK_INT(pr_layout_front_matter(L), 2);
    char f[16];
    pr_layout_folio(L, 1, f, sizeof f);
    CHECK_STR(f, "ii");
    pr_layout_folio(L, 2, f, sizeof f);
    CHECK_STR(f, "3");
    pr_layout_free_page(L, PR_PAGE_DIVIDER);
    pr_layout_paragraph(L, "texte", NULL);
    pr_doc *doc = pr_layout_finish(L);
    CHECK_INT(doc->front_matter, 2);
    int ii = 0, three = 0, of4 = 0;
    for (size_t i = 0; i < doc->pages[1].n_ops; i++)
        if (doc->pages[1].ops[i].kind == PR_OP_TEXT) {
            ii += !strcmp(doc->pages[1].ops[i].u.text.text, "ii");
            of4 += !strcmp(doc->pages[1].ops[i].u.text.text, " / 4");
        }
    for (size_t i = 0; i < doc->pages[3].n_ops; i++)
        if (doc->pages[3].ops[i].kind == PR_OP_TEXT) {
            three += !strcmp(doc->pages[3].ops[i].u.text.text, "4");
            of4 += !strcmp(doc->pages[3].ops[i].u.text.text, " / 4");
        }
    CHECK_INT(ii, 1);
    CHECK_INT(three, 1);
    CHECK_INT(of4, 1);   /* on the content page only */
    pr_doc_free(doc);
    pr_layout_free(L);
}

/* The text column: after the front matter, paragraphs, lists, quotes and
 * boxes are set text_width wide at text_indent; headings and cards keep
 * the frame; before it (the contents), everything has the frame. */
TEST(text_column)
{
    pr_layout_style st = test_style();
    st.text_width = 100;
    st.text_indent = 50;   /* frame: 160 wide at x 20 */
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_paragraph(L, "avant", NULL);
    pr_layout_front_matter_end(L);
    pr_layout_page_break(L);
    pr_layout_heading(L, 2, NULL, "Titre", NULL);
    pr_layout_paragraph(L, "un deux trois quatre cinq six sept huit neuf dix onze douze", NULL);
    pr_list_item it[] = {{"puce", 0}};
    pr_layout_list(L, it, 1, PR_BULLET_DOT, NULL);
    pr_box_style bs = {PR_RGB_NONE, PR_RGB_NONE, PR_RGB_NONE, 5, 0};
    pr_layout_box_begin(L, &bs);
    pr_layout_paragraph(L, "dans la boîte", NULL);
    pr_layout_box_end(L);
    pr_card c = {NULL, "Carte", NULL, NULL, NULL, 0, NULL, PR_RGB_NONE, NULL};
    pr_cards_style cs = {1, PR_CARD_FILLED, 0, 0, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(L, &c, 1, &cs);
    pr_doc *doc = pr_layout_doc(L);
    CHECK_NEAR(text_op(L, 0, 0)->u.text.x, 20, 1e-9);   /* "avant": the frame */
    double right = 0, box_x = 1e9, card_x = 1e9;
    for (int pg = 1; pg < (int)doc->n_pages; pg++)
        for (size_t i = 0; i < doc->pages[pg].n_ops; i++) {
            const pr_op *o = &doc->pages[pg].ops[i];
            if (o->kind == PR_OP_TEXT) {
                const char *t = o->u.text.text;
                if (!strcmp(t, "Titre")) CHECK(o->u.text.x < 40);   /* after its bar */
                if (!strncmp(t, "un ", 3) || !strcmp(t, "puce")) CHECK(o->u.text.x >= 70 - 1e-9);
                if (!strncmp(t, "dans", 4)) CHECK_NEAR(o->u.text.x, 70 + 5, 1e-9);
                if (!strcmp(t, "Carte")) card_x = o->u.text.x;
                size_t len = strlen(t);
                if (len && t[len - 1] == ' ') len--;   /* the break's space */
                double end = o->u.text.x + (double)len * 5;
                if (!strncmp(t, "un ", 3) && end > right) right = end;
            }
            if (o->kind == PR_OP_RECT && o->node == PR_NODE_ARTIFACT && o->u.rect.box.w > 50 &&
                o->u.rect.box.w < 150 && o->u.rect.box.x < box_x)
                box_x = o->u.rect.box.x;
        }
    CHECK(right <= 170 + 1e-9);    /* the column's right edge: the frame's */
    CHECK(right > 150);            /* a full line of it */
    CHECK_NEAR(box_x, 70, 1e-9);   /* the box's background, in the column */
    CHECK(card_x < 40);            /* the card: the frame's width */
    pr_layout_free(L);
}

TEST(divider_registers_outline_anchor_section)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_paragraph(L, "avant", NULL);
    int pg = pr_layout_divider(L, "3", "Les *temps forts*", "sous-titre", PR_RGB_NONE, "s3");
    CHECK_INT(pg, 1);
    pr_layout_paragraph(L, "après", NULL);
    pr_doc *doc = pr_layout_doc(L);
    CHECK_INT(doc->n_pages, 3);
    CHECK_INT(doc->pages[1].kind, PR_PAGE_DIVIDER);
    CHECK_INT(doc->pages[2].kind, PR_PAGE_CONTENT);
    CHECK_INT(doc->n_outline, 1);
    if (doc->n_outline) {
        CHECK_STR(doc->outline[0].title, "3. Les temps forts");
        CHECK_INT(doc->outline[0].page, 1);
    }
    CHECK_INT(pr_layout_page_of(L, "s3"), 2);
    /* the following content page carries the section in its header */
    doc = pr_layout_finish(L);
    int found = 0;
    for (size_t i = 0; i < doc->pages[2].n_ops; i++)
        if (doc->pages[2].ops[i].kind == PR_OP_TEXT)
            found += !strcmp(doc->pages[2].ops[i].u.text.text, "Les temps forts");
    CHECK_INT(found, 1);
    pr_doc_free(doc);
    pr_layout_free(L);
}

TEST(explicit_page_break_is_lazy)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_page_break(L);           /* nothing yet: no empty page */
    pr_layout_paragraph(L, "a", NULL);
    pr_layout_page_break(L);
    pr_layout_page_break(L);           /* twice: still one break */
    CHECK_INT(pr_layout_doc(L)->n_pages, 1);
    pr_layout_paragraph(L, "b", NULL);
    CHECK_INT(pr_layout_doc(L)->n_pages, 2);
    CHECK_STR(text_at(L, 1, 0), "b");
    pr_layout_free(L);
}


/* ---- structure ------------------------------------------------------------------------ */

/* The structure type of the node of op (-1 for an artifact). */
static int tag_of(const pr_doc *doc, const pr_op *op)
{
    return op->node < 0 ? -1 : (int)doc->nodes[op->node].tag;
}

/* The type of the parent of node n. */
static int parent_tag(const pr_doc *doc, int n)
{
    return doc->nodes[doc->nodes[n].parent].tag;
}

TEST(structure_headings_never_skip)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_heading(L, 1, NULL, "Un", NULL);
    pr_layout_heading(L, 3, NULL, "Sous", NULL);   /* after H1: H2 */
    pr_layout_paragraph(L, "texte", NULL);
    pr_layout_heading(L, 3, NULL, "Sous-sous", NULL);
    pr_layout_heading(L, 1, NULL, "Deux", NULL);
    pr_doc *doc = pr_layout_doc(L);
    CHECK_INT(tag_of(doc, text_op(L, 0, 0)), PR_TAG_H1);
    CHECK_INT(tag_of(doc, text_op(L, 0, 1)), PR_TAG_H2);
    CHECK_INT(tag_of(doc, text_op(L, 0, 2)), PR_TAG_P);
    CHECK_INT(tag_of(doc, text_op(L, 0, 3)), PR_TAG_H3);
    CHECK_INT(tag_of(doc, text_op(L, 0, 4)), PR_TAG_H1);
    /* each level-1 heading opens a section of the document */
    int s1 = doc->nodes[text_op(L, 0, 0)->node].parent, s2 = doc->nodes[text_op(L, 0, 4)->node].parent;
    CHECK_INT(doc->nodes[s1].tag, PR_TAG_SECT);
    CHECK_INT(doc->nodes[s2].tag, PR_TAG_SECT);
    CHECK(s1 != s2);
    CHECK_INT(parent_tag(doc, s2), PR_TAG_DOCUMENT);
    CHECK_INT(doc->nodes[text_op(L, 0, 2)->node].parent, s1);
    pr_layout_free(L);
}

TEST(structure_split_paragraph_is_one_p)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    char *m = lines_markup("p", 30);
    pr_layout_paragraph(L, m, NULL);
    free(m);
    pr_doc *doc = pr_layout_doc(L);
    CHECK(doc->n_pages >= 2);
    int node = text_op(L, 0, 0)->node;
    CHECK_INT(doc->nodes[node].tag, PR_TAG_P);
    for (int pg = 0; pg < (int)doc->n_pages; pg++)
        for (int k = 0; k < texts_on(L, pg); k++)
            CHECK_INT(text_op(L, pg, k)->node, node);
    /* running heads and folios: artifacts */
    pr_doc *fin = pr_layout_finish(L);
    const pr_page *p0 = &fin->pages[0];
    int artifacts = 0, texts = 0;
    for (size_t i = 0; i < p0->n_ops; i++)
        if (p0->ops[i].kind == PR_OP_TEXT) {
            texts++;
            artifacts += p0->ops[i].node == PR_NODE_ARTIFACT;
        }
    CHECK(artifacts >= 2);
    CHECK_INT(texts - artifacts, 20);   /* 200 pt of frame, 10 pt lines */
    pr_doc_free(fin);
    pr_layout_free(L);
}

TEST(structure_table)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    const char *head[] = {"H1", "H2"};
    const char *cells[2 * 25];
    char buf[25][16];
    for (int r = 0; r < 25; r++) {
        snprintf(buf[r], sizeof buf[r], "r%d", r + 1);
        cells[2 * r] = buf[r];
        cells[2 * r + 1] = "x";
    }
    pr_table t = {2, NULL, NULL, head, cells, 25, "Source", 1, PR_RGB_NONE, 10};
    pr_layout_table(L, &t);
    pr_doc *doc = pr_layout_doc(L);
    const pr_op *h = text_op(L, 0, 0), *c = text_op(L, 0, 2);
    CHECK_INT(tag_of(doc, h), PR_TAG_TH);
    CHECK_INT(doc->nodes[h->node].scope, PR_SCOPE_COLUMN);
    CHECK_INT(parent_tag(doc, h->node), PR_TAG_TR);
    CHECK_INT(tag_of(doc, c), PR_TAG_TD);
    int tr = doc->nodes[c->node].parent;
    CHECK_INT(doc->nodes[tr].tag, PR_TAG_TR);
    CHECK_INT(parent_tag(doc, tr), PR_TAG_TABLE);
    /* the header repeated on the next pages is an artifact */
    CHECK_STR(text_at(L, 1, 0), "H1");
    CHECK_INT(text_op(L, 1, 0)->node, PR_NODE_ARTIFACT);
    CHECK_INT(tag_of(doc, text_op(L, 1, 2)), PR_TAG_TD);
    /* backgrounds and rules too; the caption is the table's */
    for (size_t pg = 0; pg < doc->n_pages; pg++)
        for (size_t i = 0; i < doc->pages[pg].n_ops; i++) {
            const pr_op *o = &doc->pages[pg].ops[i];
            if (o->kind == PR_OP_RECT || o->kind == PR_OP_LINE)
                CHECK_INT(o->node, PR_NODE_ARTIFACT);
            if (o->kind == PR_OP_TEXT && !strcmp(o->u.text.text, "Source")) {
                CHECK_INT(tag_of(doc, o), PR_TAG_CAPTION);
                CHECK_INT(parent_tag(doc, o->node), PR_TAG_TABLE);
            }
        }
    pr_layout_free(L);
}

TEST(structure_lists)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_list_item items[] = {{"un", 0}, {"sous", 1}, {"deux", 0}};
    pr_layout_list(L, items, 3, PR_BULLET_TICK, NULL);
    pr_layout_list(L, items, 1, PR_BULLET_NUMBER, NULL);
    pr_doc *doc = pr_layout_doc(L);
    const pr_op *un = text_op(L, 0, 0), *sous = text_op(L, 0, 1), *deux = text_op(L, 0, 2);
    CHECK_INT(tag_of(doc, un), PR_TAG_LBODY);
    int li = doc->nodes[un->node].parent, list = doc->nodes[li].parent;
    CHECK_INT(doc->nodes[li].tag, PR_TAG_LI);
    CHECK_INT(doc->nodes[list].tag, PR_TAG_L);
    /* the nested item: a list in the first item's body */
    int sub_li = doc->nodes[sous->node].parent, sub = doc->nodes[sub_li].parent;
    CHECK_INT(doc->nodes[sub].tag, PR_TAG_L);
    CHECK_INT(doc->nodes[sub].parent, un->node);
    CHECK_INT(doc->nodes[doc->nodes[deux->node].parent].parent, list);
    /* drawn bullets are artifacts; a number is the item's label */
    const pr_page *pg = &doc->pages[0];
    for (size_t i = 0; i < pg->n_ops; i++)
        if (pg->ops[i].kind == PR_OP_PATH || pg->ops[i].kind == PR_OP_LINE)
            CHECK_INT(pg->ops[i].node, PR_NODE_ARTIFACT);
    const pr_op *num = text_op(L, 0, 3);
    CHECK_STR(num->u.text.text, "1.");
    CHECK_INT(tag_of(doc, num), PR_TAG_LBL);
    CHECK_INT(parent_tag(doc, num->node), PR_TAG_LI);
    pr_layout_free(L);
}

TEST(structure_links)
{
    pr_layout_style st = test_style();
    st.palette.link = 0x000091;
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_paragraph(L, "voir [le site](https://a.fr) ici", NULL);
    pr_doc *doc = pr_layout_doc(L);
    const pr_page *pg = &doc->pages[0];
    int link = -1, annots = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind == PR_OP_TEXT && o->u.text.color == 0x000091) {
            CHECK_INT(tag_of(doc, o), PR_TAG_LINK);
            CHECK(link < 0 || o->node == link);
            link = o->node;
            CHECK_INT(parent_tag(doc, o->node), PR_TAG_P);
        }
        if (o->kind == PR_OP_LINK) {
            annots++;
            CHECK_STR(o->u.link.contents, "le site");
            CHECK(o->node == link);
        }
        if (o->kind == PR_OP_LINE)
            CHECK_INT(o->node, PR_NODE_ARTIFACT);   /* the underline */
    }
    CHECK(link >= 0);
    CHECK(annots >= 1);
    pr_layout_free(L);
}

/* A passage the text marks as another language: a Span node with its
 * /Lang in the paragraph, holding that text; a link inside it nests in
 * it. */
TEST(structure_lang_span)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    pr_layout_paragraph(L, "le [Smart City Lab]{lang=en} de [la *Stadt*]{lang=de-AT} et "
                           "[[le site](https://a.fr)]{lang=en} fin", NULL);
    pr_doc *doc = pr_layout_doc(L);
    const pr_page *pg = &doc->pages[0];
    int en = 0, de = 0, fr = 0, link_in_en = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind != PR_OP_TEXT)
            continue;
        int node = o->node;
        if (tag_of(doc, o) == PR_TAG_LINK) {
            link_in_en += doc->nodes[doc->nodes[node].parent].lang &&
                          !strcmp(doc->nodes[doc->nodes[node].parent].lang, "en");
            node = doc->nodes[node].parent;
        }
        const pr_node *n = &doc->nodes[node];
        if (n->tag == PR_TAG_SPAN && n->lang && !strcmp(n->lang, "en")) {
            en++;
            CHECK_INT(parent_tag(doc, node), PR_TAG_P);
            CHECK(strstr("Smart City Lab le site", o->u.text.text) != NULL);
        } else if (n->tag == PR_TAG_SPAN && n->lang && !strcmp(n->lang, "de-AT")) {
            de++;
        } else {
            CHECK_INT(n->tag, PR_TAG_P);
            CHECK(n->lang == NULL);
            fr++;
        }
    }
    CHECK(en >= 2);
    CHECK(de >= 2);   /* "la " and the italic "Stadt" */
    CHECK(fr >= 2);
    CHECK_INT(link_in_en, 1);
    pr_layout_free(L);
}

int main(void)
{
    pr_fontset_fake(&fonts, 500);
    RUN(structure_lang_span);
    RUN(structure_headings_never_skip);
    RUN(structure_split_paragraph_is_one_p);
    RUN(structure_table);
    RUN(structure_lists);
    RUN(structure_links);
    RUN(page_break_between_lines);
    RUN(widow_moves_a_line_along);
    RUN(orphan_moves_the_paragraph);
    RUN(long_paragraph_spans_pages);
    RUN(heading_kept_with_next);
    RUN(two_headings_kept_with_next);
    RUN(heading_stays_when_next_fits);
    RUN(heading_needs_three_lines_under_it);
    RUN(spaces_collapse_and_vanish_at_top);
    RUN(list_hanging_indent_and_bullets);
    RUN(table_header_repeated);
    RUN(table_kept_with_heading);
    RUN(intro_paragraph_kept_with_table);
    RUN(custom_block_never_splits);
    RUN(keep_group_moves_whole);
    RUN(box_splits_with_background_on_each_page);
    RUN(keep_together_box_moves);
    RUN(heading_moves_with_keep_together_box);
    RUN(cards_rows_keep_together_equal_heights);
    RUN(cards_short_last_row_centred);
    RUN(side_cards_badge_beside_text);
    RUN(links_underlined);
    RUN(timeline_entries_never_split);
    RUN(tiles_share_row_height);
    RUN(overflow_is_reported_not_silent);
    RUN(card_title_shrinks_then_warns);
    RUN(table_cell_overflow_warned);
    RUN(page_refs_written_at_finish);
    RUN(two_passes_fill_the_toc);
    RUN(header_footer_on_content_pages_only);
    RUN(divider_registers_outline_anchor_section);
    RUN(front_matter_folios);
    RUN(text_column);
    RUN(explicit_page_break_is_lazy);
    pr_fontset_free(&fonts);
    return UNIT_DONE();
}
