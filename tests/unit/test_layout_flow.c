/* test_layout_flow.c — the page-flow rules of issue 10 with the fake
 * monospace font (no PDF): no nearly empty page left behind (a skipped
 * `saut_de_page`, keep groups and rows of cards that split instead of
 * moving from the top fifth of a page), a heading kept with three lines of
 * what follows (an explicit break moves it too), a chain of short
 * subsections broken at its last heading rather than leave a nearly empty
 * page, blocks taller than a page
 * split between their lines and never drawn past the frame (timeline
 * entries, tables in columns with their header bands repeated, quotes,
 * table rows), a
 * timeline's short last entry kept with the one before, a grid's last row
 * kept with the row before, a grid broken before a planned row and the
 * places of its rows, places that follow moved content, and the same
 * display list twice.
 *
 * Geometry (as in test_layout.c): pages 200 × 240 pt, margins 20 pt, so
 * the content frame is 160 × 200 pt at (20, 20). Text is 10 pt with
 * leading 1 (lines 10 pt high, baseline 8 pt under the line top), no space
 * around paragraphs: a page holds 20 lines. "Nearly empty" is less than a
 * fifth of the frame: under 40 pt, four lines. */
#include <stdlib.h>

#include "typeset/layout.h"
#include "unit.h"

static pr_fontset fonts;

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

/* Markup of n forced lines "w1", "w2"... */
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

static void paragraph_lines(pr_layout *L, const char *word, int n)
{
    char *m = lines_markup(word, n);
    pr_layout_paragraph(L, m, NULL);
    free(m);
}

static int texts_on(pr_layout *L, int pg)
{
    pr_doc *doc = pr_layout_doc(L);
    if (pg < 0 || (size_t)pg >= doc->n_pages) return 0;
    int n = 0;
    for (size_t i = 0; i < doc->pages[pg].n_ops; i++) n += doc->pages[pg].ops[i].kind == PR_OP_TEXT;
    return n;
}

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

static const char *text_at(pr_layout *L, int pg, int k)
{
    const pr_op *op = text_op(L, pg, k);
    return op ? trimmed(op->u.text.text) : "";
}

/* Page of the text op drawing `s` (-1: none); *count: how many draw it. */
static int page_of_text(pr_layout *L, const char *s, int *count)
{
    pr_doc *doc = pr_layout_doc(L);
    int pg = -1, n = 0;
    for (size_t p = 0; p < doc->n_pages; p++)
        for (size_t i = 0; i < doc->pages[p].n_ops; i++) {
            const pr_op *o = &doc->pages[p].ops[i];
            if (o->kind == PR_OP_TEXT && !strcmp(trimmed(o->u.text.text), s)) {
                if (pg < 0) pg = (int)p;
                n++;
            }
        }
    if (count) *count = n;
    return pg;
}

/* Every text baseline and every rectangle of every page inside the
 * content frame (20..220): nothing drawn past the footer. */
static void check_in_frame(pr_layout *L)
{
    pr_doc *doc = pr_layout_doc(L);
    for (size_t p = 0; p < doc->n_pages; p++)
        for (size_t i = 0; i < doc->pages[p].n_ops; i++) {
            const pr_op *o = &doc->pages[p].ops[i];
            if (o->kind == PR_OP_TEXT && (o->u.text.y < 20 || o->u.text.y > 220 + 1e-6))
                UNIT_FAIL("page %zu : « %s » dessiné hors du cadre (y %g)", p + 1,
                          o->u.text.text, o->u.text.y);
            if (o->kind == PR_OP_RECT &&
                (o->u.rect.box.y < 20 - 1e-6 || o->u.rect.box.y + o->u.rect.box.h > 220 + 1e-6))
                UNIT_FAIL("page %zu : rectangle hors du cadre (y %g à %g)", p + 1, o->u.rect.box.y,
                          o->u.rect.box.y + o->u.rect.box.h);
        }
}

/* Each "wN" for N in 1..n drawn exactly once. */
static void check_each_once(pr_layout *L, const char *word, int n)
{
    for (int i = 1; i <= n; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "%s%d", word, i);
        int c;
        page_of_text(L, buf, &c);
        if (c != 1) UNIT_FAIL("« %s » dessiné %d fois", buf, c);
    }
}

/* ---- nearly empty pages ---------------------------------------------------- */

TEST(soft_break_skipped_on_nearly_empty_page)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 3);                          /* 30 pt: less than a fifth */
    CHECK_INT(pr_layout_soft_page_break(L), 0);
    pr_layout_paragraph(L, "suite", NULL);
    CHECK_INT(pr_layout_doc(L)->n_pages, 1);
    CHECK_STR(text_at(L, 0, 3), "suite");
    CHECK_NEAR(pr_layout_page_used(L, 0), 40, 1e-6);
    pr_layout_free(L);
    /* 40 pt used: a fifth, the break is made */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 4);
    CHECK_INT(pr_layout_soft_page_break(L), 1);
    pr_layout_paragraph(L, "suite", NULL);
    CHECK_INT(pr_layout_doc(L)->n_pages, 2);
    CHECK_STR(text_at(L, 1, 0), "suite");
    CHECK_NEAR(pr_layout_page_used(L, 0), 40, 1e-6);
    pr_layout_free(L);
    /* a heading with two lines under it: not ended as if at the foot */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 10);
    pr_layout_heading(L, 2, NULL, "H", NULL);
    paragraph_lines(L, "h", 2);
    CHECK_INT(pr_layout_soft_page_break(L), 0);
    paragraph_lines(L, "h", 1);
    CHECK_INT(pr_layout_soft_page_break(L), 1);
    pr_layout_free(L);
}

TEST(keep_group_in_top_fifth_splits)
{
    /* two lines, then a group of 24 lines: moving it whole would leave a
     * page of two lines; it stays and splits */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 2);
    pr_layout_keep_begin(L);
    for (int i = 0; i < 3; i++) paragraph_lines(L, "k", 8);
    pr_layout_keep_end(L);
    CHECK_INT(texts_on(L, 0), 20);
    CHECK_STR(text_at(L, 0, 2), "k1");
    CHECK_INT(texts_on(L, 1), 6);
    pr_layout_free(L);
    /* the same group after four lines (a fifth) still moves whole */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 4);
    pr_layout_keep_begin(L);
    for (int i = 0; i < 3; i++) paragraph_lines(L, "k", 6);
    pr_layout_keep_end(L);
    CHECK_INT(texts_on(L, 0), 4);
    CHECK_INT(texts_on(L, 1), 18);
    pr_layout_free(L);
}

static pr_card card(const char *title, const char *body, const char *const *bullets, size_t n)
{
    pr_card c = {NULL, title, NULL, body, bullets, n, NULL, PR_RGB_NONE, NULL};
    return c;
}

TEST(row_of_cards_splits_rather_than_leave_nearly_empty_page)
{
    /* two lines, then a row of cards 30 lines tall (taller than the room
     * left, shorter than a page): moved whole, it would leave a page of
     * two lines; it splits between its lines instead */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 2);
    char *body = lines_markup("c", 12);
    pr_card cards[2] = {card("A", body, NULL, 0), card("B", "court", NULL, 0)};
    pr_cards_style cs = {2, PR_CARD_FILLED, 10, 10, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(L, cards, 2, &cs);
    free(body);
    CHECK_INT(page_of_text(L, "A", NULL), 0);
    CHECK_INT(page_of_text(L, "c1", NULL), 0);
    CHECK_INT(page_of_text(L, "c12", NULL), 1);
    check_each_once(L, "c", 12);
    check_in_frame(L);
    pr_layout_free(L);
    /* after half a page, the same row moves whole (no nearly empty page) */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 10);
    body = lines_markup("c", 12);
    cards[0].body = body;
    pr_layout_cards(L, cards, 2, &cs);
    free(body);
    CHECK_INT(texts_on(L, 0), 10);
    CHECK_INT(page_of_text(L, "c1", NULL), 1);
    CHECK_INT(page_of_text(L, "c12", NULL), 1);
    pr_layout_free(L);
}

/* ---- headings ------------------------------------------------------------- */

TEST(heading_near_the_foot_moves_with_its_lines)
{
    /* a heading, a two-line paragraph, then a quote that does not fit: the
     * heading would stay with two lines under it; it goes on with them */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 15);
    pr_layout_heading(L, 2, NULL, "H", NULL);
    paragraph_lines(L, "p", 2);
    pr_layout_quote(L, "Une citation.", NULL);
    CHECK_INT(texts_on(L, 0), 15);
    CHECK_STR(text_at(L, 1, 0), "H");
    CHECK_NEAR(text_op(L, 1, 0)->u.text.y, 28, 1e-6);
    CHECK_STR(text_at(L, 1, 1), "p1");
    pr_layout_free(L);
    /* an explicit break after a heading and one line: they go on too */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 10);
    pr_layout_heading(L, 3, NULL, "T", NULL);
    paragraph_lines(L, "q", 1);
    pr_layout_page_break(L);
    pr_layout_paragraph(L, "suite", NULL);
    CHECK_INT(texts_on(L, 0), 10);
    CHECK_STR(text_at(L, 1, 0), "T");
    CHECK_STR(text_at(L, 1, 1), "q1");
    CHECK_STR(text_at(L, 1, 2), "suite");
    pr_layout_free(L);
    /* with three lines under it, the heading stays where it is */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 10);
    pr_layout_heading(L, 3, NULL, "T", NULL);
    paragraph_lines(L, "q", 3);
    pr_layout_page_break(L);
    pr_layout_paragraph(L, "suite", NULL);
    CHECK_INT(texts_on(L, 0), 14);
    CHECK_STR(text_at(L, 1, 0), "suite");
    pr_layout_free(L);
}

/* ---- blocks taller than a page ------------------------------------------- */

TEST(tall_timeline_entry_splits)
{
    /* one entry with 30 bullets of one line (about 360 pt) after 5 lines:
     * it starts here and runs over two more pages, between lines */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 5);
    const char *bl[30];
    char names[30][16];
    for (int i = 0; i < 30; i++) {
        snprintf(names[i], sizeof names[i], "b%d", i + 1);
        bl[i] = names[i];
    }
    pr_timeline_entry e[] = {{"Mai", "Titre", NULL, bl, 30, PR_RGB_NONE},
                             {"Juin", "Fin", NULL, NULL, 0, PR_RGB_NONE}};
    pr_layout_timeline(L, e, 2);
    CHECK_INT(page_of_text(L, "Mai", NULL), 0);
    CHECK_INT(page_of_text(L, "Titre", NULL), 0);
    CHECK_INT(page_of_text(L, "b1", NULL), 0);
    CHECK(page_of_text(L, "b30", NULL) >= 1);
    CHECK(pr_layout_doc(L)->n_pages >= 2);
    check_each_once(L, "b", 30);
    check_in_frame(L);
    /* the line runs on beside the entry on the next page, from its top */
    pr_doc *doc = pr_layout_doc(L);
    int line_on_2 = 0;
    for (size_t i = 0; i < doc->pages[1].n_ops; i++) {
        const pr_op *o = &doc->pages[1].ops[i];
        if (o->kind == PR_OP_LINE && fabs(o->u.line.x1 - 104) < 1e-6 &&
            fabs(o->u.line.y1 - 20) < 1e-6 && o->u.line.y2 > 100)
            line_on_2 = 1;
    }
    CHECK(line_on_2);
    pr_layout_free(L);
}

TEST(tall_column_table_splits)
{
    /* a table in columns whose first column has 40 bullets: it splits
     * between lines over pages, the header bands repeated on each */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 8);
    const char *bl[40];
    char names[40][16];
    for (int i = 0; i < 40; i++) {
        snprintf(names[i], sizeof names[i], "u%d", i + 1);
        bl[i] = names[i];
    }
    const char *few[] = {"v1", "v2"};
    pr_card cards[2] = {card("ColA", NULL, bl, 40), card("ColB", NULL, few, 2)};
    pr_cards_style cs = {2, PR_CARD_HEADER, 10, 10, PR_ALIGN_LEFT, 0, 0};
    pr_layout_columns(L, cards, 2, &cs);
    pr_layout_paragraph(L, "apres", NULL);
    int n_a, n_b;
    CHECK_INT(page_of_text(L, "ColA", &n_a), 0);
    CHECK_INT(page_of_text(L, "ColB", &n_b), 0);
    int last = page_of_text(L, "u40", NULL);
    CHECK(last >= 2);
    CHECK_INT(n_a, last + 1);                 /* one band per page */
    CHECK_INT(n_b, last + 1);
    CHECK_INT(page_of_text(L, "u1", NULL), 0);
    CHECK_INT(page_of_text(L, "v2", NULL), 0);
    int after = page_of_text(L, "apres", NULL);
    CHECK(after == last || after == last + 1);
    check_each_once(L, "u", 40);
    check_in_frame(L);
    pr_layout_free(L);
    /* a row of 8 bullets (about 176 pt) after half a page: plain cards
     * move whole to the next page; a table in columns fills this page
     * first, two lines at least on each side of the break */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 10);
    cards[0].n_bullets = 8;
    pr_layout_cards(L, cards, 2, &cs);
    CHECK_INT(page_of_text(L, "u1", NULL), 1);
    CHECK_INT(page_of_text(L, "u8", NULL), 1);
    pr_layout_free(L);
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 10);
    pr_layout_columns(L, cards, 2, &cs);
    CHECK_INT(page_of_text(L, "u1", NULL), 0);
    CHECK_INT(page_of_text(L, "u2", NULL), 0);
    CHECK_INT(page_of_text(L, "u7", NULL), 1);
    CHECK_INT(page_of_text(L, "u8", NULL), 1);
    check_each_once(L, "u", 8);
    check_in_frame(L);
    pr_layout_free(L);
}

TEST(tall_quote_splits)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 6);
    char *m = lines_markup("z", 30);
    pr_layout_quote(L, m, "Auteur");
    free(m);
    CHECK_INT(page_of_text(L, "z1", NULL), 0);
    CHECK(page_of_text(L, "Auteur", NULL) >= 1);
    check_each_once(L, "z", 30);
    check_in_frame(L);
    pr_layout_free(L);
    /* no widow: 12 lines of 15.4 pt at a page's top, 11 would fit (with
     * the 12-pt paddings); 10 stay, 2 go on */
    L = pr_layout_new(&st, NULL);
    m = lines_markup("z", 12);
    pr_layout_quote(L, m, NULL);
    free(m);
    CHECK_INT(page_of_text(L, "z10", NULL), 0);
    CHECK_INT(page_of_text(L, "z11", NULL), 1);
    CHECK_INT(page_of_text(L, "z12", NULL), 1);
    pr_layout_free(L);
    /* no orphan: after 15 lines, one line of a tall quote would fit: the
     * quote starts on the next page */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 15);
    m = lines_markup("z", 15);
    pr_layout_quote(L, m, NULL);
    free(m);
    CHECK_INT(texts_on(L, 0), 15);
    CHECK_INT(page_of_text(L, "z1", NULL), 1);
    check_in_frame(L);
    pr_layout_free(L);
}

TEST(tall_table_row_splits)
{
    /* a table row of 30 lines (with the header row, taller than a page):
     * it starts on a new page and splits between lines, the header row on
     * each page */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 5);
    char *tall = lines_markup("t", 30);
    const char *header[] = {"Col", "Autre"};
    const char *cells[] = {"a", "b", tall, "court", "fin", "x"};
    pr_table t = {2, NULL, NULL, header, cells, 3, NULL, 0, PR_RGB_NONE, 0};
    pr_layout_table(L, &t);
    free(tall);
    int n_head;
    CHECK_INT(page_of_text(L, "Col", &n_head), 0);
    CHECK_INT(page_of_text(L, "a", NULL), 0);
    CHECK_INT(page_of_text(L, "t1", NULL), 1);
    int last = page_of_text(L, "t30", NULL);
    CHECK_INT(last, 2);
    CHECK_INT(n_head, 3);
    CHECK_INT(page_of_text(L, "fin", NULL), last);
    check_each_once(L, "t", 30);
    check_in_frame(L);
    pr_layout_free(L);
}

TEST(timeline_last_entry_not_alone)
{
    /* three entries of about 38 pt after 13 lines (70 pt left): the
     * second fits, the short last one would go alone to the next page; it
     * takes the second along */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 13);
    pr_timeline_entry e[] = {{"Jan", "Un", NULL, NULL, 0, PR_RGB_NONE},
                             {"Fev", "Deux", "corps", NULL, 0, PR_RGB_NONE},
                             {"", "Fin", NULL, NULL, 0, PR_RGB_NONE}};
    pr_layout_timeline(L, e, 3);
    CHECK_INT(page_of_text(L, "Un", NULL), 0);
    CHECK_INT(page_of_text(L, "Deux", NULL), 1);
    CHECK_INT(page_of_text(L, "Fin", NULL), 1);
    pr_layout_free(L);
}

static void draw_nothing(pr_layout *L, int page, pr_box box, void *ctx)
{
    (void)L;
    (void)page;
    (void)box;
    (void)ctx;
}

TEST(heading_chain_breaks_at_its_last_heading)
{
    /* three lines, heading A with its two lines, heading B with one line,
     * then a tall block (a map, kept with its caption) that does not fit:
     * moving everything from A would leave a page of three lines; the
     * chain breaks at B (A has all it heads under it), B goes on with the
     * block */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 3);
    pr_layout_heading(L, 2, NULL, "A", NULL);
    paragraph_lines(L, "a", 2);
    pr_layout_heading(L, 2, NULL, "B", NULL);
    paragraph_lines(L, "b", 1);
    pr_layout_keep_begin(L);
    pr_layout_custom(L, 150, draw_nothing, NULL);
    pr_layout_paragraph(L, "legende", NULL);
    pr_layout_keep_end(L);
    CHECK_INT(page_of_text(L, "A", NULL), 0);
    CHECK_INT(page_of_text(L, "a2", NULL), 0);
    CHECK_INT(page_of_text(L, "B", NULL), 1);
    CHECK_INT(page_of_text(L, "b1", NULL), 1);
    CHECK_INT(page_of_text(L, "legende", NULL), 1);
    CHECK_STR(text_at(L, 1, 0), "B");
    CHECK_NEAR(pr_layout_page_used(L, 0), 60, 1e-6);
    pr_layout_free(L);
    /* after six lines, A is out of the top fifth: the chain moves whole */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 6);
    pr_layout_heading(L, 2, NULL, "A", NULL);
    paragraph_lines(L, "a", 2);
    pr_layout_heading(L, 2, NULL, "B", NULL);
    paragraph_lines(L, "b", 1);
    pr_layout_keep_begin(L);
    pr_layout_custom(L, 150, draw_nothing, NULL);
    pr_layout_keep_end(L);
    CHECK_INT(page_of_text(L, "A", NULL), 1);
    CHECK_INT(page_of_text(L, "B", NULL), 1);
    CHECK_INT(texts_on(L, 0), 6);
    pr_layout_free(L);
    /* one heading with two lines, then the block: the block moves alone */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 3);
    pr_layout_heading(L, 2, NULL, "A", NULL);
    paragraph_lines(L, "a", 2);
    pr_layout_keep_begin(L);
    pr_layout_custom(L, 170, draw_nothing, NULL);
    pr_layout_keep_end(L);
    CHECK_INT(page_of_text(L, "A", NULL), 0);
    CHECK_INT(page_of_text(L, "a2", NULL), 0);
    CHECK_INT(pr_layout_doc(L)->n_pages, 2);
    CHECK_NEAR(pr_layout_page_used(L, 1), 170, 1e-6);
    pr_layout_free(L);
    /* nothing under the heading: it goes with the block */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 3);
    pr_layout_heading(L, 2, NULL, "A", NULL);
    pr_layout_keep_begin(L);
    pr_layout_custom(L, 170, draw_nothing, NULL);
    pr_layout_keep_end(L);
    CHECK_INT(page_of_text(L, "A", NULL), 1);
    pr_layout_free(L);
    /* two headings in a row (nothing under A): never parted */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 3);
    pr_layout_heading(L, 2, NULL, "A", NULL);
    pr_layout_heading(L, 3, NULL, "B", NULL);
    paragraph_lines(L, "b", 1);
    pr_layout_keep_begin(L);
    pr_layout_custom(L, 170, draw_nothing, NULL);
    pr_layout_keep_end(L);
    CHECK_INT(page_of_text(L, "A", NULL), page_of_text(L, "B", NULL));
    pr_layout_free(L);
}

/* ---- grids of cards --------------------------------------------------------- */

/* Five one-line cards in two columns: three rows (the last one card). */
static void five_cards(pr_layout *L)
{
    pr_card cards[5] = {card("A", "a", NULL, 0), card("B", "b", NULL, 0), card("C", "c", NULL, 0),
                        card("D", "d", NULL, 0), card("E", "e", NULL, 0)};
    pr_cards_style cs = {2, PR_CARD_FILLED, 10, 10, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(L, cards, 5, &cs);
}

TEST(grid_rows_and_their_places)
{
    /* alone on a page: three rows, 40 pt each (two lines and 10 pt of
     * padding on each side), 8 pt apart (the gutter), from the frame's top
     * (the space before a grid vanishes there) */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    five_cards(L);
    const size_t *rows;
    CHECK_INT(pr_layout_last_grid_rows(L, &rows), 3);
    int pg;
    double y[3];
    for (int k = 0; k < 3; k++) {
        pr_layout_place_get(L, rows[k], &pg, &y[k]);
        CHECK_INT(pg, 0);
    }
    CHECK_NEAR(y[0], 20, 1e-6);
    CHECK_NEAR(y[1] - y[0], y[2] - y[1], 1e-6);
    double rh = pr_layout_page_used(L, 0) - (y[2] - 20);
    CHECK_NEAR(y[1] - y[0] - rh, st.gutter, 1e-6);
    pr_layout_free(L);
}

TEST(grid_last_row_not_alone)
{
    /* a grid of three rows where the room left holds two: the last row
     * would go alone to the next page (a widow row over what follows); it
     * takes the row before along */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    five_cards(L);
    const size_t *rows;
    pr_layout_last_grid_rows(L, &rows);
    int pg;
    double y1, y2;
    pr_layout_place_get(L, rows[1], &pg, &y1);
    pr_layout_place_get(L, rows[2], &pg, &y2);
    pr_layout_free(L);
    /* lines before the grid so that its first two rows fit, not the third */
    int before = (int)((220 - y2) / 10) + 1;
    CHECK(before >= 4);            /* the first row stays: not in the top fifth */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, before);
    five_cards(L);
    CHECK_INT(page_of_text(L, "A", NULL), 0);
    CHECK_INT(page_of_text(L, "C", NULL), 1);
    CHECK_INT(page_of_text(L, "D", NULL), 1);
    CHECK_INT(page_of_text(L, "E", NULL), 1);
    check_each_once(L, "f", before);
    pr_layout_free(L);
    /* a full last row is no widow: it goes alone (lines so that the
     * first row fits, not the second) */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, before + (int)((y2 - y1) / 10));
    {
        pr_card four[4] = {card("A", "a", NULL, 0), card("B", "b", NULL, 0), card("C", "c", NULL, 0),
                           card("D", "d", NULL, 0)};
        pr_cards_style cs4 = {2, PR_CARD_FILLED, 10, 10, PR_ALIGN_LEFT, 0, 0};
        pr_layout_cards(L, four, 4, &cs4);
    }
    CHECK_INT(page_of_text(L, "A", NULL), 0);
    CHECK_INT(page_of_text(L, "C", NULL), 1);
    pr_layout_free(L);
    /* with only two rows the grid moves whole: nothing of it stays */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, before + 5);
    pr_card cards[3] = {card("A", "a", NULL, 0), card("B", "b", NULL, 0), card("E", "e", NULL, 0)};
    pr_cards_style cs = {2, PR_CARD_FILLED, 10, 10, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(L, cards, 3, &cs);
    CHECK_INT(page_of_text(L, "A", NULL), 1);
    CHECK_INT(page_of_text(L, "E", NULL), 1);
    pr_layout_free(L);
}

TEST(grid_breaks_before_a_planned_row)
{
    /* a composer's plan (pr_layout_next_grid_break): the grid starts a new
     * page before its second row, once; row 0 means no break */
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 4);
    pr_layout_next_grid_break(L, 1);
    five_cards(L);
    CHECK_INT(page_of_text(L, "A", NULL), 0);
    CHECK_INT(page_of_text(L, "B", NULL), 0);
    CHECK_INT(page_of_text(L, "C", NULL), 1);
    CHECK_INT(page_of_text(L, "E", NULL), 1);
    const size_t *rows;
    CHECK_INT(pr_layout_last_grid_rows(L, &rows), 3);
    int pg;
    double y;
    pr_layout_place_get(L, rows[1], &pg, &y);
    CHECK_INT(pg, 1);
    CHECK_NEAR(y, 20, 1e-6);
    /* the plan is used once: the next grid flows on under this one */
    double end = pr_layout_y(L);
    pr_card two[2] = {card("X", "x", NULL, 0), card("Y", "y", NULL, 0)};
    pr_cards_style cs = {2, PR_CARD_FILLED, 10, 10, PR_ALIGN_LEFT, 0, 0};
    pr_layout_cards(L, two, 2, &cs);
    CHECK_INT(page_of_text(L, "X", NULL), 1);
    CHECK_INT(pr_layout_last_grid_rows(L, &rows), 1);
    pr_layout_place_get(L, rows[0], &pg, &y);
    CHECK(y > end);
    pr_layout_free(L);
    /* row 0: no break */
    L = pr_layout_new(&st, NULL);
    fill_lines(L, 4);
    pr_layout_next_grid_break(L, 0);
    pr_layout_cards(L, two, 2, &cs);
    CHECK_INT(page_of_text(L, "X", NULL), 0);
    pr_layout_free(L);
}

/* ---- places and determinism ---------------------------------------------- */

TEST(places_follow_moved_content)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 17);
    size_t a = pr_layout_place_next(L);
    pr_layout_heading(L, 2, NULL, "H", NULL);
    size_t b = pr_layout_place_here(L);
    paragraph_lines(L, "p", 4);
    size_t c = pr_layout_place_here(L);
    int pg;
    double y;
    /* the heading went on with its paragraph: both places with it */
    pr_layout_place_get(L, a, &pg, &y);
    CHECK_INT(pg, 1);
    CHECK_NEAR(y, 20, 1e-6);
    pr_layout_place_get(L, b, &pg, &y);
    CHECK_INT(pg, 1);
    CHECK_NEAR(y, 30, 1e-6);
    pr_layout_place_get(L, c, &pg, &y);
    CHECK_INT(pg, 1);
    CHECK_NEAR(y, 70, 1e-6);
    CHECK_NEAR(pr_layout_page_used(L, 0), 170, 1e-6);
    CHECK_NEAR(pr_layout_page_used(L, 1), 50, 1e-6);
    pr_layout_free(L);
}

/* A layout exercising every rule above. */
static pr_doc *mixed_layout(void)
{
    pr_layout_style st = test_style();
    pr_layout *L = pr_layout_new(&st, NULL);
    fill_lines(L, 3);
    pr_layout_soft_page_break(L);
    pr_layout_heading(L, 2, NULL, "H", NULL);
    paragraph_lines(L, "p", 2);
    const char *bl[25];
    char names[25][16];
    for (int i = 0; i < 25; i++) {
        snprintf(names[i], sizeof names[i], "b%d", i + 1);
        bl[i] = names[i];
    }
    pr_card cards[2] = {card("A", NULL, bl, 25), card("B", "x", NULL, 0)};
    pr_cards_style cs = {2, PR_CARD_HEADER, 10, 10, PR_ALIGN_LEFT, 0, 0};
    pr_layout_columns(L, cards, 2, &cs);
    pr_timeline_entry e[] = {{"Mai", "T", NULL, bl, 25, PR_RGB_NONE},
                             {"", "Fin", NULL, NULL, 0, PR_RGB_NONE}};
    pr_layout_timeline(L, e, 2);
    char *m = lines_markup("z", 25);
    pr_layout_quote(L, m, "Auteur");
    free(m);
    pr_doc *doc = pr_layout_finish(L);
    pr_layout_free(L);
    return doc;
}

TEST(flow_is_deterministic)
{
    pr_doc *a = mixed_layout(), *b = mixed_layout();
    CHECK_INT(a->n_pages, b->n_pages);
    CHECK(a->n_pages >= 4);
    for (size_t p = 0; p < a->n_pages && p < b->n_pages; p++) {
        CHECK_INT(a->pages[p].n_ops, b->pages[p].n_ops);
        for (size_t i = 0; i < a->pages[p].n_ops && i < b->pages[p].n_ops; i++) {
            const pr_op *x = &a->pages[p].ops[i], *y = &b->pages[p].ops[i];
            if (x->kind != y->kind ||
                (x->kind == PR_OP_TEXT &&
                 (strcmp(x->u.text.text, y->u.text.text) || x->u.text.x != y->u.text.x ||
                  x->u.text.y != y->u.text.y)) ||
                (x->kind == PR_OP_RECT && memcmp(&x->u.rect.box, &y->u.rect.box, sizeof x->u.rect.box))) {
                UNIT_FAIL("page %zu, opération %zu différente", p + 1, i);
                break;
            }
        }
    }
    pr_doc_free(a);
    pr_doc_free(b);
}

int main(void)
{
    pr_fontset_fake(&fonts, 500);
    RUN(soft_break_skipped_on_nearly_empty_page);
    RUN(keep_group_in_top_fifth_splits);
    RUN(row_of_cards_splits_rather_than_leave_nearly_empty_page);
    RUN(heading_near_the_foot_moves_with_its_lines);
    RUN(heading_chain_breaks_at_its_last_heading);
    RUN(tall_timeline_entry_splits);
    RUN(tall_column_table_splits);
    RUN(tall_quote_splits);
    RUN(tall_table_row_splits);
    RUN(timeline_last_entry_not_alone);
    RUN(grid_rows_and_their_places);
    RUN(grid_last_row_not_alone);
    RUN(grid_breaks_before_a_planned_row);
    RUN(places_follow_moved_content);
    RUN(flow_is_deterministic);
    pr_fontset_free(&fonts);
    return UNIT_DONE();
}
