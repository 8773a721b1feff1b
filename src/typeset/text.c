/* text.c — rich text spans and paragraph composition.
 *
 * A paragraph is turned into Knuth–Plass items: boxes (word pieces, one
 * span each), glue (interword spaces) and penalties (hyphenation points,
 * forced breaks). Breaks are chosen by a total-fit dynamic programme over
 * the legal breakpoints, in passes that relax the rules until a layout is
 * found:
 *   justified  1. no pattern hyphenation, stretch ratio <= max_stretch
 *              2. hyphenation, ratio <= max_stretch
 *              3. hyphenation cheaper, ratio <= 1.5 × max_stretch
 *              (passes 1-3 never hyphenate two lines in a row; later
 *              passes only at a steep cost)
 *              4. ratio <= 2.5 × max_stretch, URL breaks
 *              5. anything goes (looser lines at a steep cost; overfull
 *                 lines only where a word is longer than the line)
 *   ragged     1. no hyphenation, holes <= half the width
 *              2. hyphenation of long words
 *              3. cheaper hyphenation, holes <= 0.7 width
 *              4. any hole, URL breaks
 *              5. overfull words
 * The chosen lines become runs: a run is the items of one span in a row on
 * a line, its words with the spaces between them (real U+0020, widened by
 * the line's stretch in justified lines: pr_run.word_spacing) and the
 * hyphen a break adds (U+00AD).
 *
 * Kerning (pr_para_opts.kerning, on by default): boxes are measured with
 * the font's kerning pairs, and kern_items() gives the pairs between
 * items to the items, so that a run, drawn kerned pair by pair
 * (doc.h), is exactly as wide as measured: justified lines end on the
 * margin, flush-right and centred text where the layout put it. */
#include "typeset/text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/hyph.h"
#include "typeset/typo.h"

#define SUP_SCALE 0.65   /* superscript size / nominal size */
#define SUP_RISE 0.33    /* superscript baseline shift / nominal size */

/* Interword glue, relative to the font's space: Lato's space is narrow
 * (0.256 em), so it may stretch a little more than TeX's 1/2. */
#define GLUE_STRETCH 0.6
#define GLUE_SHRINK 0.3

#define INF_PENALTY 10000.0
#define LINE_PENALTY 10.0
#define HYPHEN_PENALTY 50.0
#define EXPLICIT_PENALTY 50.0
#define URL_PENALTY 200.0
#define SHORT_WORD_PENALTY 100.0   /* a line ending with "à", "a", "y"… */
#define DOUBLE_HYPHEN_DEMERITS 1000000.0
#define FINAL_HYPHEN_DEMERITS 50000.0
#define SHORT_LAST_DEMERITS 20000.0   /* justified last line under 1/8 width */
#define FITNESS_DEMERITS 10000.0
#define HUGE_DEMERITS 1e12
/* A break inside an unbreakable span (item.last_resort): dearer than any
 * line the last pass accepts (an unstretchable line costs up to about
 * 1e16), cheaper than a line wider than the box (1e20 and more). */
#define LAST_RESORT_DEMERITS 1e18

/* ---- rich text -------------------------------------------------------------- */
void pr_rich_init(pr_rich *r) { memset(r, 0, sizeof *r); }

void pr_rich_free(pr_rich *r)
{
    free(r->spans);
    pr_arena_free(&r->arena);
    memset(r, 0, sizeof *r);
}

pr_span pr_span_default(void)
{
    pr_span s = {"", 0, PR_STYLE_REGULAR, 10.0, {0, 0, 0}, NULL, 0, NULL, 0};
    return s;
}

/* 1 if two optional strings are equal (both NULL, or the same text). */
static int same_str(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

/* 1 if two spans draw alike (all attributes but the text). */
static int same_attrs(const pr_span *a, const pr_span *b)
{
    if (a->style != b->style || a->size != b->size || a->superscript != b->superscript ||
        a->color.r != b->color.r || a->color.g != b->color.g || a->color.b != b->color.b ||
        a->nobreak != b->nobreak)
        return 0;
    return same_str(a->link, b->link) && same_str(a->lang, b->lang);
}

void pr_rich_add(pr_rich *r, const pr_span *attr, const char *text, size_t len)
{
    if (!len)
        return;
    if (r->n && same_attrs(&r->spans[r->n - 1], attr)) {
        pr_span *last = &r->spans[r->n - 1];
        char *t = pr_arena_alloc(&r->arena, last->len + len + 1);
        memcpy(t, last->text, last->len);
        memcpy(t + last->len, text, len);
        t[last->len + len] = '\0';
        last->text = t;
        last->len += len;
        return;
    }
    pr_span s = *attr;
    s.text = pr_arena_strndup(&r->arena, text, len);
    s.len = len;
    s.link = attr->link ? pr_arena_strdup(&r->arena, attr->link) : NULL;
    s.lang = attr->lang ? pr_arena_strdup(&r->arena, attr->lang) : NULL;
    PR_PUSH(r->spans, r->n, r->cap, s);
}

char *pr_rich_plain(const pr_rich *r)
{
    pr_strbuf sb = {0};
    pr_sb_add(&sb, "", 0);
    for (size_t i = 0; i < r->n; i++)
        pr_sb_add(&sb, r->spans[i].text, r->spans[i].len);
    return pr_sb_steal(&sb);
}

/* ---- inline markup ------------------------------------------------------------- */
enum { TK_TEXT, TK_STAR, TK_CARET, TK_BREAK };
enum { FL_BOLD = 1, FL_ITALIC = 2, FL_SUP = 4 };

/* Attributes a bracketed part of the source gives its text: a link
 * [texte](uri), or span attributes [texte]{lang=en insécable}. */
typedef struct mattr {
    const char *link;    /* points into the string table */
    const char *lang;    /* idem */
    int nobreak;
} mattr;

typedef struct token {
    int kind;
    char *text;          /* TK_TEXT: literal text (malloc'd) */
    size_t len;
    size_t count;        /* delimiters: number of characters left */
    int can_open, can_close;
    unsigned flags;      /* FL_* applied by matched delimiters */
    mattr at;            /* link and span attributes */
    size_t src_off;      /* offset in the source, for warnings */
} token;

typedef struct mparser {
    const char *src;
    size_t len;
    token *toks;
    size_t n, cap;
    char **links;        /* strings of the attributes (link targets, languages) */
    size_t n_links, cap_links;
    const pr_markup_opts *opts;
    pr_diags *d;
    int warnings;
} mparser;

/* Warn at byte offset `off` of the source. */
static void mp_warn(mparser *p, size_t off, const char *msg, const char *what)
{
    p->warnings++;
    if (!p->d)
        return;
    pr_pos pos = p->opts->pos;
    for (size_t i = 0; i < off && i < p->len;) {
        unsigned cp;
        int l = pr_utf8_decode(p->src + i, p->len - i, &cp);
        if (!l)
            l = 1;
        if (p->src[i] == '\n') {
            pos.line++;
            pos.col = 1;
        } else if (pos.col > 0) {
            pos.col++;
        }
        i += (size_t)l;
    }
    pr_template_warning(p->d, pos, p->opts->path, msg, what);
}

/* Same attributes (the strings are the parser's own: compared by address). */
static int same_mattr(const mattr *a, const mattr *b)
{
    return a->link == b->link && a->lang == b->lang && a->nobreak == b->nobreak;
}

/* Append literal text to the token list (merging with a text token). */
static void mp_text(mparser *p, const char *s, size_t n, const mattr *at, size_t off)
{
    if (!n)
        return;
    if (p->n && p->toks[p->n - 1].kind == TK_TEXT && same_mattr(&p->toks[p->n - 1].at, at) &&
        p->toks[p->n - 1].flags == 0) {
        token *t = &p->toks[p->n - 1];
        t->text = pr_realloc(t->text, t->len + n + 1);
        memcpy(t->text + t->len, s, n);
        t->len += n;
        t->text[t->len] = '\0';
        return;
    }
    token t = {TK_TEXT, pr_strndup(s, n), n, 0, 0, 0, 0, *at, off};
    PR_PUSH(p->toks, p->n, p->cap, t);
}

/* A copy of s[0..n) kept until the end of the parse. */
static const char *mp_keep(mparser *p, const char *s, size_t n)
{
    char *c = pr_strndup(s, n);
    PR_PUSH(p->links, p->n_links, p->cap_links, c);
    return c;
}

/* Code point before offset i (0 at the start). */
static unsigned cp_before(const char *s, size_t i, size_t lo)
{
    if (i <= lo)
        return 0;
    size_t k = i - 1;
    while (k > lo && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    unsigned cp = 0;
    if (!pr_utf8_decode(s + k, i - k, &cp))
        cp = 0xFFFD;
    return cp;
}

/* Code point at offset i (0 at the end). */
static unsigned cp_at(const char *s, size_t i, size_t hi)
{
    unsigned cp = 0;
    if (i >= hi)
        return 0;
    if (!pr_utf8_decode(s + i, hi - i, &cp))
        cp = 0xFFFD;
    return cp;
}

/* White space for markup and breaking purposes (breakable or not). */
static int is_space_cp(unsigned cp)
{
    return cp == 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
           cp == 0xA0 || cp == 0x202F || cp == 0x2009;
}

/* Match delimiters of token range [first, p->n) (CommonMark-like). */
static void mp_match(mparser *p, size_t first)
{
    for (size_t c = first; c < p->n; c++) {
        token *cl = &p->toks[c];
        if ((cl->kind != TK_STAR && cl->kind != TK_CARET) || !cl->can_close || !cl->count)
            continue;
        for (size_t o = c; o-- > first;) {
            token *op = &p->toks[o];
            if (op->kind != cl->kind || !op->can_open || !op->count)
                continue;
            unsigned fl;
            size_t use;
            if (cl->kind == TK_CARET) {
                fl = FL_SUP;
                use = 1;
            } else {
                use = op->count >= 2 && cl->count >= 2 ? 2 : 1;
                fl = use == 2 ? FL_BOLD : FL_ITALIC;
            }
            op->count -= use;
            cl->count -= use;
            for (size_t k = o + 1; k < c; k++)
                p->toks[k].flags |= fl;
            /* delimiters between opener and closer can no longer match */
            for (size_t k = o + 1; k < c; k++)
                if (p->toks[k].kind == TK_STAR || p->toks[k].kind == TK_CARET)
                    p->toks[k].can_open = 0;
            if (cl->count) {
                c--;   /* try the remaining closer characters again */
            }
            break;
        }
    }
}

/* The ']' closing the '[' at i (brackets nest, backslash escapes), or 0
 * when there is none on the same line. */
static size_t mp_bracket_end(const char *s, size_t i, size_t hi)
{
    int depth = 0;
    for (size_t k = i + 1; k < hi; k++) {
        if (s[k] == '\\' && k + 1 < hi) {
            k++;
            continue;
        }
        if (s[k] == '[')
            depth++;
        else if (s[k] == ']') {
            if (!depth)
                return k;
            depth--;
        } else if (s[k] == '\n')
            return 0;
    }
    return 0;
}

/* Find the end of a link starting with '[' at i: sets the text range and
 * the target range; returns the offset after ')' or 0. */
static size_t mp_link_end(const char *s, size_t i, size_t hi, size_t *text_end,
                          size_t *url_start, size_t *url_end)
{
    size_t k = mp_bracket_end(s, i, hi);
    if (!k || k + 1 >= hi || s[k + 1] != '(')
        return 0;
    *text_end = k;
    size_t u = k + 2;
    int par = 0;
    size_t e = u;
    for (; e < hi; e++) {
        if (s[e] == ' ' || s[e] == '\n' || s[e] == '\t')
            return 0;
        if (s[e] == '(')
            par++;
        else if (s[e] == ')') {
            if (!par)
                break;
            par--;
        }
    }
    if (e >= hi)
        return 0;
    *url_start = u;
    *url_end = e;
    return e + 1;
}

/* Find the end of span attributes "[texte]{…}" starting with '[' at i:
 * sets the text end and the attribute range (inside the braces); returns
 * the offset after '}' or 0. */
static size_t mp_attr_end(const char *s, size_t i, size_t hi, size_t *text_end,
                          size_t *attr_start, size_t *attr_end)
{
    size_t k = mp_bracket_end(s, i, hi);
    if (!k || k + 1 >= hi || s[k + 1] != '{')
        return 0;
    size_t e = k + 2;
    while (e < hi && s[e] != '}' && s[e] != '\n' && s[e] != '{')
        e++;
    if (e >= hi || s[e] != '}')
        return 0;
    *text_end = k;
    *attr_start = k + 2;
    *attr_end = e;
    return e + 1;
}

/* A language tag as BCP 47 writes it, loosely: a first subtag of 2 to 3
 * letters, then subtags of 1 to 8 letters or digits, joined by '-'. */
static int valid_lang(const char *s, size_t n)
{
    size_t i = 0, k = 0;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    if (i < 2 || i > 3)
        return 0;
    while (i < n) {
        if (s[i++] != '-')
            return 0;
        for (k = 0; i < n && s[i] != '-'; i++, k++)
            if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                  (s[i] >= '0' && s[i] <= '9')))
                return 0;
        if (k < 1 || k > 8)
            return 0;
    }
    return 1;
}

/* Read the attributes s[a..e) ("lang=en", "insécable", separated by
 * spaces) into *at, over the inherited ones. Returns 0, or -1 after a
 * warning naming the first attribute it does not know. */
static int mp_attrs(mparser *p, size_t a, size_t e, mattr *at)
{
    const char *s = p->src;
    int any = 0;
    for (size_t i = a; i < e;) {
        while (i < e && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t w = i;
        while (i < e && s[i] != ' ' && s[i] != '\t')
            i++;
        size_t n = i - w;
        if (!n)
            break;
        if (n > 5 && !memcmp(s + w, "lang=", 5) && valid_lang(s + w + 5, n - 5)) {
            at->lang = mp_keep(p, s + w + 5, n - 5);
        } else if ((n == 10 && !memcmp(s + w, "ins\xc3\xa9" "cable", 10)) ||
                   (n == 9 && !memcmp(s + w, "insecable", 9))) {
            at->nobreak = 1;
        } else {
            char what[64];
            snprintf(what, sizeof what, "%.*s", n > 40 ? 40 : (int)n, s + w);
            mp_warn(p, w, "attribut « %s » inconnu (attendu : lang=… ou insécable) : "
                          "texte gardé tel quel", what);
            return -1;
        }
        any = 1;
    }
    if (!any) {
        mp_warn(p, a, "accolades sans attribut (attendu : lang=… ou insécable) : "
                      "texte gardé tel quel%s", "");
        return -1;
    }
    return 0;
}

/* Tokenise src[lo, hi) (with the attributes `at`) and match its
 * delimiters. */
static void mp_parse(mparser *p, size_t lo, size_t hi, const mattr *at)
{
    size_t first = p->n;
    const char *s = p->src;
    size_t i = lo, text_start = lo;
#define FLUSH() mp_text(p, s + text_start, i - text_start, at, text_start)
    while (i < hi) {
        char c = s[i];
        if (c == '\\' && i + 1 < hi) {
            char n = s[i + 1];
            if (n == 'n') {
                FLUSH();
                token t = {TK_BREAK, NULL, 0, 0, 0, 0, 0, *at, i};
                PR_PUSH(p->toks, p->n, p->cap, t);
                i += 2;
                text_start = i;
                continue;
            }
            if (strchr("*[]()^\\_`{}", n)) {
                FLUSH();
                mp_text(p, s + i + 1, 1, at, i + 1);
                i += 2;
                text_start = i;
                continue;
            }
            i++;
            continue;
        }
        if (c == '\n') {
            FLUSH();
            token t = {TK_BREAK, NULL, 0, 0, 0, 0, 0, *at, i};
            PR_PUSH(p->toks, p->n, p->cap, t);
            i++;
            text_start = i;
            continue;
        }
        if (c == '*' || c == '^') {
            FLUSH();
            size_t k = i;
            while (k < hi && s[k] == c && (c == '*' || k == i))
                k++;
            unsigned before = cp_before(s, i, lo), after = cp_at(s, k, hi);
            token t = {c == '*' ? TK_STAR : TK_CARET, NULL, 0, k - i,
                       !is_space_cp(after), !is_space_cp(before), 0, *at, i};
            PR_PUSH(p->toks, p->n, p->cap, t);
            i = k;
            text_start = i;
            continue;
        }
        if (c == '[') {
            size_t te, us, ue;
            size_t end = at->link ? 0 : mp_link_end(s, i, hi, &te, &us, &ue);
            if (end) {
                FLUSH();
                const char *url = mp_keep(p, s + us, ue - us);
                int linked = ue > us;
                if (ue == us) {
                    mp_warn(p, us, "lien sans adresse%s", "");
                } else if (ue - us > PR_TEXT_MAX_URI_BYTES) {
                    /* no PDF reader follows it; libharu would refuse it */
                    mp_warn(p, us, "adresse de lien trop longue (plus de 2 000 caractères) : "
                                   "texte sans lien%s", "");
                    linked = 0;
                }
                mattr inner = *at;
                inner.link = linked ? url : NULL;
                mp_parse(p, i + 1, te, &inner);
                i = end;
                text_start = i;
                continue;
            }
            end = mp_attr_end(s, i, hi, &te, &us, &ue);
            mattr inner = *at;
            if (end && mp_attrs(p, us, ue, &inner) == 0) {
                FLUSH();
                mp_parse(p, i + 1, te, &inner);
                i = end;
                text_start = i;
                continue;
            }
        }
        i++;
    }
    FLUSH();
#undef FLUSH
    mp_match(p, first);
    /* unmatched delimiters become text, with a warning */
    for (size_t k = first; k < p->n; k++) {
        token *t = &p->toks[k];
        if ((t->kind != TK_STAR && t->kind != TK_CARET))
            continue;
        if (t->count) {
            char mark = t->kind == TK_STAR ? '*' : '^';
            char what[8] = {0};
            for (size_t j = 0; j < t->count && j < 3; j++)
                what[j] = mark;
            /* a lone '*' between spaces ("2 * 3") is plain text, no warning */
            if (t->can_open || t->can_close)
                mp_warn(p, t->src_off, "marque « %s » sans fermeture : gardée telle quelle",
                        what);
            t->text = pr_malloc(t->count + 1);
            memset(t->text, mark, t->count);
            t->text[t->count] = '\0';
            t->len = t->count;
        }
        t->kind = TK_TEXT;
    }
}

static int markup_parse(pr_rich *out, const char *src, size_t len,
                        const pr_markup_opts *opts, pr_diags *d)
{
    mparser p;
    memset(&p, 0, sizeof p);
    p.src = src;
    p.len = len;
    p.opts = opts;
    p.d = d;
    mattr none = {NULL, NULL, 0};
    mp_parse(&p, 0, len, &none);
    pr_typo_state st = {0, 0};
    for (size_t k = 0; k < p.n; k++) {
        token *t = &p.toks[k];
        pr_span a = opts->base;
        if (t->flags & FL_ITALIC)
            a.style = pr_style_italic(a.style);
        if (t->flags & FL_BOLD)
            a.style = pr_style_bold(a.style);
        if (t->flags & FL_SUP)
            a.superscript = 1;
        if (t->at.link) {
            a.link = t->at.link;
            if (opts->link_color)
                a.color = *opts->link_color;
        }
        if (t->at.lang)
            a.lang = t->at.lang;
        if (t->at.nobreak)
            a.nobreak = 1;
        if (t->kind == TK_BREAK) {
            pr_rich_add(out, &a, "\n", 1);
            st.prev = '\n';
            continue;
        }
        if (!t->len)
            continue;
        if (!(opts->flags & PR_MARKUP_TYPO)) {
            pr_rich_add(out, &a, t->text, t->len);
            continue;
        }
        pr_strbuf sb = {0};
        pr_ranges sup = {0};
        pr_typo_fr_append(&st, &sb, t->text, t->len, &sup);
        size_t prev = 0;
        for (size_t r = 0; r < sup.n; r++) {
            pr_rich_add(out, &a, sb.data + prev, sup.items[r].start - prev);
            pr_span b = a;
            b.superscript = 1;
            pr_rich_add(out, &b, sb.data + sup.items[r].start,
                        sup.items[r].end - sup.items[r].start);
            prev = sup.items[r].end;
        }
        pr_rich_add(out, &a, sb.data ? sb.data + prev : "", sb.len - prev);
        pr_ranges_free(&sup);
        pr_sb_free(&sb);
    }
    for (size_t k = 0; k < p.n; k++)
        free(p.toks[k].text);
    free(p.toks);
    for (size_t k = 0; k < p.n_links; k++)
        free(p.links[k]);
    free(p.links);
    return p.warnings;
}

/* ---- measuring ----------------------------------------------------------------- */
double pr_text_width(const pr_fontset *fs, pr_style style, double size,
                     const char *text, size_t len)
{
    return pr_metrics_width(pr_fontset_metrics(fs, style), size, text, len, 1);
}

/* Size a span is drawn at. */
static double draw_size(const pr_span *s)
{
    return s->superscript ? s->size * SUP_SCALE : s->size;
}

double pr_rich_width(const pr_rich *r, const pr_fontset *fs)
{
    double w = 0;
    for (size_t i = 0; i < r->n; i++) {
        const pr_span *s = &r->spans[i];
        for (size_t k = 0; k < s->len;) {
            size_t e = k;
            while (e < s->len && s->text[e] != '\n')
                e++;
            w += pr_text_width(fs, s->style, draw_size(s), s->text + k, e - k);
            k = e < s->len ? e + 1 : e;
        }
    }
    return w;
}

/* ---- items --------------------------------------------------------------------- */
typedef enum { IT_BOX, IT_GLUE, IT_PENALTY } item_kind;
/* Why a break is possible at a penalty. */
typedef enum { BK_NONE, BK_FORCED, BK_EXPLICIT, BK_PATTERN, BK_URL, BK_ZWSP, BK_SPLIT } break_kind;

typedef struct item {
    item_kind kind;
    double width, stretch, shrink;
    double penalty;
    int flagged;        /* hyphen-like break (consecutive ones are penalised) */
    break_kind bk;
    int add_hyphen;     /* penalty: draw '-' when breaking here */
    int long_word;      /* pattern break in a word long enough for ragged text */
    int nobreak;        /* glue that must not be broken (« mot », mot ;) */
    size_t span;        /* box: span of the text; glue/penalty: span of origin */
    size_t start, end;  /* box: byte range in the span text */
    int last_resort;    /* a break inside an unbreakable span (a name):
                           only when nothing else fits (the last pass), and
                           the paragraph is then said overfull */
} item;

typedef struct builder {
    const pr_rich *text;
    const pr_fontset *fs;
    const pr_para_opts *o;
    item *items;
    size_t n, cap;
    /* the word being collected */
    struct frag { size_t span, start, end; } *frags;
    size_t n_frags, cap_frags;
    pr_strbuf word;            /* concatenated text of the fragments */
    size_t *shy;               /* soft hyphen offsets in word */
    size_t n_shy, cap_shy;
    unsigned last_word_cp;     /* last code point of the previous word */
    size_t last_word_cps;      /* its length in code points */
} builder;

/* Width of span text [a, b) in points. */
static double frag_width(const builder *b, size_t span, size_t s, size_t e)
{
    const pr_span *sp = &b->text->spans[span];
    return pr_metrics_width(pr_fontset_metrics(b->fs, sp->style), draw_size(sp),
                            sp->text + s, e - s, b->o->kerning);
}

static void add_item(builder *b, item it) { PR_PUSH(b->items, b->n, b->cap, it); }

/* Does the face draw cp as wide as '-' (Lato: the same glyph)? Then cp
 * may stand for it: the code point a break draws as its added hyphen is
 * U+00AD, the soft hyphen (see pr_run), when it can, else '-'. */
static int same_glyph_width(const pr_fontset *fs, const pr_span *sp, unsigned cp)
{
    const pr_font_metrics *m = pr_fontset_metrics(fs, sp->style);
    return m->has_glyph(m->ctx, cp) && m->advance(m->ctx, cp) == m->advance(m->ctx, '-');
}

static unsigned hyphen_cp(const pr_fontset *fs, const pr_span *sp)
{
    return same_glyph_width(fs, sp, 0xAD) ? 0xAD : '-';
}

/* Kerning of the pair (a, c) in span `span`, in points (0 without
 * kerning). */
static double kern_pts(const builder *b, size_t span, unsigned a, unsigned c)
{
    if (!b->o->kerning || !a || !c)
        return 0;
    const pr_span *sp = &b->text->spans[span];
    const pr_font_metrics *m = pr_fontset_metrics(b->fs, sp->style);
    return m->kerning(m->ctx, a, c) * draw_size(sp) / 1000.0;
}

/* A box of text (not the indent). */
static int text_box(const item *t)
{
    return t->kind == IT_BOX && t->span != (size_t)-1 && t->end > t->start;
}

/* First and last code points of a text box. */
static unsigned box_first(const builder *b, const item *t)
{
    return cp_at(b->text->spans[t->span].text, t->start, t->end);
}

static unsigned box_last(const builder *b, const item *t)
{
    return cp_before(b->text->spans[t->span].text, t->end, t->start);
}

/* Kerning between the items, so that what a run draws (doc.h: every pair
 * of neighbouring characters of a text operation kerned) is what was
 * measured: a box gets the pair it forms with the next box of its span
 * when only penalties lie between them (pieces of one word), and each of
 * those penalties takes it back if the line breaks there; an added
 * hyphen gets its pair with the piece before it; a space's glue gets the
 * pairs it forms with the boxes of its span on either side. */
static void kern_items(builder *b)
{
    if (!b->o->kerning)
        return;
    item *it = b->items;
    for (size_t i = 0; i < b->n; i++) {
        item *t = &it[i];
        if (t->kind == IT_GLUE) {
            if (i > 0 && text_box(&it[i - 1]) && it[i - 1].span == t->span)
                t->width += kern_pts(b, t->span, box_last(b, &it[i - 1]), ' ');
            if (i + 1 < b->n && text_box(&it[i + 1]) && it[i + 1].span == t->span)
                t->width += kern_pts(b, t->span, ' ', box_first(b, &it[i + 1]));
            continue;
        }
        if (t->kind == IT_PENALTY && t->add_hyphen && i > 0 && text_box(&it[i - 1]) &&
            it[i - 1].span == t->span)
            t->width += kern_pts(b, t->span, box_last(b, &it[i - 1]),
                                 hyphen_cp(b->fs, &b->text->spans[t->span]));
        if (!text_box(t))
            continue;
        size_t j = i + 1;
        int forced = 0;
        while (j < b->n && it[j].kind == IT_PENALTY) {
            forced |= it[j].bk == BK_FORCED;
            j++;
        }
        if (j == i + 1 || j >= b->n || forced || !text_box(&it[j]) || it[j].span != t->span)
            continue;
        double k = kern_pts(b, t->span, box_last(b, t), box_first(b, &it[j]));
        t->width += k;
        for (size_t q = i + 1; q < j; q++)
            it[q].width -= k;
    }
}

/* Characters a line must not start with (the space before them cannot
 * break). */
static int no_break_before(unsigned cp)
{
    return cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == 0xBB ||
           cp == ',' || cp == '.' || cp == ')' || cp == ']' || cp == '%' ||
           cp == 0x203A || cp == 0x2013 || cp == 0x2014 || cp == 0x202F || cp == 0xA0 ||
           cp == 0x2026;
}

/* Characters a line must not end with. */
static int no_break_after(unsigned cp)
{
    return cp == 0xAB || cp == '(' || cp == '[' || cp == 0x2039;
}

/* 1 if word w looks like a URL or an e-mail address. */
static int looks_like_url(const char *w, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (!memcmp(w + i, "://", 3))
            return 1;
    if (n >= 4 && !memcmp(w, "www.", 4))
        return 1;
    return memchr(w, '@', n) != NULL;
}

/* A piece of a word between two break points, as a box; a piece wider
 * than the line (a word of 6 000 letters, a long address) is cut into
 * boxes that fit, with a break between them without a hyphen, allowed in
 * the last pass only: the text stays within its frame instead of running
 * off the page, and the paragraph is still said overfull (so that a text
 * fitted into a box is shrunk first, and warned about). */
static void add_piece(builder *b, size_t span, size_t s, size_t e)
{
    double w = frag_width(b, span, s, e);
    double W = b->o->width > 0 ? b->o->width : 0;
    if (W <= 0 || w <= W) {
        item box = {IT_BOX, w, 0, 0, 0, 0, BK_NONE, 0, 0, 0, span, s, e, 0};
        add_item(b, box);
        return;
    }
    const pr_span *sp = &b->text->spans[span];
    const pr_font_metrics *m = pr_fontset_metrics(b->fs, sp->style);
    double size = draw_size(sp);
    /* characters are measured one by one (linear in the word's length);
     * a small margin covers the kerning between them */
    double room = W * 0.97;
    size_t start = s;
    double acc = 0;
    for (size_t i = s; i < e;) {
        unsigned cp;
        int l = pr_utf8_decode(sp->text + i, e - i, &cp);
        if (!l)
            l = 1;
        double cw = pr_metrics_width(m, size, sp->text + i, (size_t)l, 0);
        if (acc + cw > room && i > start) {
            item box = {IT_BOX, frag_width(b, span, start, i), 0, 0, 0, 0, BK_NONE, 0, 0, 0,
                        span, start, i, 0};
            add_item(b, box);
            item pen = {IT_PENALTY, 0, 0, 0, URL_PENALTY, 0, BK_SPLIT, 0, 0, 0, span, 0, 0, 0};
            add_item(b, pen);
            start = i;
            acc = 0;
        }
        acc += cw;
        i += (size_t)l;
    }
    item box = {IT_BOX, frag_width(b, span, start, e), 0, 0, 0, 0, BK_NONE, 0, 0, 0, span, start, e, 0};
    add_item(b, box);
}

/* Emit the collected word as boxes separated by break penalties. */
static void flush_word(builder *b)
{
    if (!b->n_frags)
        return;
    const char *w = b->word.data;
    size_t wl = b->word.len;
    /* break points: explicit/pattern hyphens, soft hyphens, URL breaks */
    size_t npts = 0, cap = 0;
    pr_hyph_point *pts = NULL;
    break_kind *kinds = NULL;
    size_t nk = 0, capk = 0;
    pr_hyph_point tmp[128];
    size_t nh = pr_hyph_points(b->o->hyph, w, wl, tmp, 128);
    if (nh > 128)
        nh = 128;
    size_t letters = 0;
    for (size_t i = 0; i < wl;) {
        unsigned cp;
        int l = pr_utf8_decode(w + i, wl - i, &cp);
        if (!l) l = 1;
        letters++;
        i += (size_t)l;
    }
    for (size_t i = 0; i < nh; i++) {
        PR_PUSH(pts, npts, cap, tmp[i]);
        break_kind k = tmp[i].add_hyphen ? BK_PATTERN : BK_EXPLICIT;
        PR_PUSH(kinds, nk, capk, k);
    }
    for (size_t i = 0; i < b->n_shy; i++) {
        pr_hyph_point pt = {b->shy[i], 1};
        PR_PUSH(pts, npts, cap, pt);
        break_kind k = BK_EXPLICIT;
        PR_PUSH(kinds, nk, capk, k);
    }
    if (looks_like_url(w, wl)) {
        for (size_t i = 1; i + 1 < wl; i++)
            if (strchr("/.?&=_-#", w[i]) && w[i + 1] != '/') {
                pr_hyph_point pt = {i + 1, 0};
                PR_PUSH(pts, npts, cap, pt);
                break_kind k = BK_URL;
                PR_PUSH(kinds, nk, capk, k);
            }
    }
    /* sort points by offset (few: insertion sort), dropping duplicates */
    for (size_t i = 1; i < npts; i++)
        for (size_t j = i; j > 0 && pts[j - 1].at > pts[j].at; j--) {
            pr_hyph_point t = pts[j]; pts[j] = pts[j - 1]; pts[j - 1] = t;
            break_kind k = kinds[j]; kinds[j] = kinds[j - 1]; kinds[j - 1] = k;
        }
    /* the glue before this word cannot break before some punctuation */
    unsigned first_cp = cp_at(w, 0, wl);
    if (b->n && b->items[b->n - 1].kind == IT_GLUE &&
        (no_break_before(first_cp) || no_break_after(b->last_word_cp)))
        b->items[b->n - 1].nobreak = 1;
    /* boxes, split at the break points */
    size_t pi = 0, woff = 0;
    for (size_t f = 0; f < b->n_frags; f++) {
        struct frag fr = b->frags[f];
        size_t pos = fr.start;
        size_t fend_w = woff + (fr.end - fr.start);
        while (pi < npts && pts[pi].at <= fend_w) {
            size_t at = pts[pi].at;
            /* inside an unbreakable span, or at its edges: no hyphenation,
             * a word's own hyphen as a last resort only */
            int nobreak = b->text->spans[fr.span].nobreak ||
                          (at == fend_w && f + 1 < b->n_frags &&
                           b->text->spans[b->frags[f + 1].span].nobreak);
            if (at == 0 || at >= wl || (pi > 0 && pts[pi - 1].at == at) ||
                (nobreak && kinds[pi] != BK_EXPLICIT)) {
                pi++;
                continue;
            }
            size_t cut = fr.start + (at - woff);
            if (at == fend_w && f + 1 == b->n_frags) {
                pi++;
                continue;
            }
            if (cut > pos) {
                add_piece(b, fr.span, pos, cut);
                pos = cut;
            }
            item pen = {IT_PENALTY, 0, 0, 0, 0, 1, kinds[pi], pts[pi].add_hyphen, 0, 0,
                        fr.span, 0, 0, 0};
            if (pen.add_hyphen) {
                const pr_span *hs = &b->text->spans[fr.span];
                pen.width = pr_fontset_metrics(b->fs, hs->style)->advance(
                                pr_fontset_metrics(b->fs, hs->style)->ctx, hyphen_cp(b->fs, hs)) *
                            draw_size(hs) / 1000.0;
            }
            pen.penalty = kinds[pi] == BK_PATTERN ? HYPHEN_PENALTY
                          : kinds[pi] == BK_URL   ? URL_PENALTY
                                                  : EXPLICIT_PENALTY;
            if (kinds[pi] == BK_URL)
                pen.flagged = 0;
            pen.long_word = (int)(letters >= (size_t)(b->o->ragged_hyph_min > 0
                                                          ? b->o->ragged_hyph_min : 12));
            pen.last_resort = nobreak;
            add_item(b, pen);
            pi++;
        }
        if (fr.end > pos)
            add_piece(b, fr.span, pos, fr.end);
        woff = fend_w;
    }
    b->last_word_cp = cp_before(w, wl, 0);
    b->last_word_cps = letters;
    free(pts);
    free(kinds);
    b->n_frags = 0;
    b->word.len = 0;
    if (b->word.data)
        b->word.data[0] = '\0';
    b->n_shy = 0;
}

/* Add text [s, e) of span `span` to the current word. */
static void word_add(builder *b, size_t span, size_t s, size_t e)
{
    if (e <= s)
        return;
    if (b->n_frags && b->frags[b->n_frags - 1].span == span &&
        b->frags[b->n_frags - 1].end == s) {
        b->frags[b->n_frags - 1].end = e;
    } else {
        struct frag f = {span, s, e};
        PR_PUSH(b->frags, b->n_frags, b->cap_frags, f);
    }
    pr_sb_add(&b->word, b->text->spans[span].text + s, e - s);
}

/* Drop glue at the end of the item list (before a forced break). */
static void drop_trailing_glue(builder *b)
{
    while (b->n && b->items[b->n - 1].kind == IT_GLUE)
        b->n--;
}

/* Build the item list of a rich text. */
static void build_items(builder *b)
{
    const pr_rich *r = b->text;
    if (b->o->indent > 0) {
        item box = {IT_BOX, b->o->indent, 0, 0, 0, 0, BK_NONE, 0, 0, 0, (size_t)-1, 0, 0, 0};
        add_item(b, box);
    }
    int at_line_start = 1;
    for (size_t si = 0; si < r->n; si++) {
        const pr_span *sp = &r->spans[si];
        size_t frag_start = 0;
        for (size_t i = 0; i < sp->len;) {
            unsigned cp;
            int l = pr_utf8_decode(sp->text + i, sp->len - i, &cp);
            if (!l) { cp = 0xFFFD; l = 1; }
            int is_break_space = cp == ' ' || cp == '\t' || cp == '\r' ||
                                 (cp >= 0x2000 && cp <= 0x200A && cp != 0x2007) ||
                                 cp == 0x205F || cp == 0x3000;
            if (is_break_space || cp == '\n' || cp == 0xAD || cp == 0x200B) {
                word_add(b, si, frag_start, i);
                if (cp == 0xAD) {
                    PR_PUSH(b->shy, b->n_shy, b->cap_shy, b->word.len);
                    i += (size_t)l;
                    frag_start = i;
                    continue;
                }
                flush_word(b);
                if (cp == '\n') {
                    drop_trailing_glue(b);
                    item pen = {IT_PENALTY, 0, 0, 0, -INF_PENALTY, 0, BK_FORCED, 0, 0, 0,
                                si, 0, 0, 0};
                    add_item(b, pen);
                    at_line_start = 1;
                    b->last_word_cp = 0;
                } else if (cp == 0x200B) {
                    item pen = {IT_PENALTY, 0, 0, 0, 0, 0, BK_ZWSP, 0, 0, 0, si, 0, 0, 0};
                    add_item(b, pen);
                } else if (!at_line_start && b->n && b->items[b->n - 1].kind != IT_GLUE) {
                    double w = pr_metrics_width(pr_fontset_metrics(b->fs, sp->style),
                                                draw_size(sp), " ", 1, 0);
                    item g = {IT_GLUE, w, w * GLUE_STRETCH, w * GLUE_SHRINK, 0, 0, BK_NONE, 0, 0,
                              0, si, i, i + (size_t)l, sp->nobreak};
                    /* French usage: avoid ending a line with a one-letter word */
                    if (b->last_word_cps == 1 && b->last_word_cp > 0x40)
                        g.penalty = SHORT_WORD_PENALTY;
                    add_item(b, g);
                }
                i += (size_t)l;
                frag_start = i;
                continue;
            }
            at_line_start = 0;
            i += (size_t)l;
        }
        word_add(b, si, frag_start, sp->len);
    }
    flush_word(b);
    drop_trailing_glue(b);
    item end = {IT_PENALTY, 0, 0, 0, -INF_PENALTY, 0, BK_FORCED, 0, 0, 0,
                r->n ? r->n - 1 : 0, 0, 0, 0};
    add_item(b, end);
    kern_items(b);
}

/* ---- choosing breaks ------------------------------------------------------------- */
typedef struct pass {
    int pattern;      /* pattern hyphenation allowed */
    int url;          /* URL breaks allowed */
    double tol;       /* max stretch ratio (justify) or max hole / width (ragged) */
    int emergency;    /* any line accepted, overfull ones at a huge cost */
    double hyphen_penalty;
    int no_double;    /* two hyphenated lines in a row are not allowed */
} pass;

typedef struct breaker {
    const item *it;
    size_t n;
    double W;
    pr_align align;
    double *cw, *cy, *cz;   /* prefix sums of width, stretch, shrink */
    size_t *bp;             /* breakpoint item indices; bp[0] = (size_t)-1 */
    size_t nbp;
} breaker;

/* 1 if item i is a legal breakpoint in pass ps. */
static int legal(const breaker *k, size_t i, const pass *ps, int ragged)
{
    const item *t = &k->it[i];
    if (t->last_resort && !ps->emergency)
        return 0;
    if (t->kind == IT_GLUE)
        return !t->nobreak && i > 0 && k->it[i - 1].kind == IT_BOX;
    if (t->kind != IT_PENALTY || t->penalty >= INF_PENALTY)
        return 0;
    switch (t->bk) {
    case BK_FORCED: case BK_EXPLICIT: case BK_ZWSP: return 1;
    case BK_PATTERN: return ps->pattern && (!ragged || t->long_word || ps->emergency);
    case BK_URL: return ps->url;
    case BK_SPLIT: return ps->emergency;
    default: return 0;
    }
}

/* First item of a line that follows a break at item a (skips discardable
 * glue and penalties, except after a forced break). */
static size_t line_start(const breaker *k, size_t a)
{
    size_t s = a == (size_t)-1 ? 0 : a + 1;
    while (s < k->n && k->it[s].kind != IT_BOX && !(k->it[s].kind == IT_PENALTY &&
                                                   k->it[s].bk == BK_FORCED))
        s++;
    return s;
}

/* Fitness class of a stretch ratio. */
static int fitness(double r)
{
    if (r < -0.5) return 0;
    if (r <= 0.5) return 1;
    if (r <= 1.0) return 2;
    return 3;
}

typedef struct dpnode {
    double dem;
    size_t prev;   /* index in bp */
    int prev_fc;
    double ratio;
} dpnode;

/* Total-fit breaking in one pass. Returns 0 and fills chosen[] (bp indices,
 * ending with the last) or -1 when no layout satisfies the pass. */
static int choose(const breaker *k, const pass *ps, size_t **chosen, size_t *n_chosen,
                  double **ratios)
{
    int ragged = k->align != PR_ALIGN_JUSTIFY;
    int balance = k->align == PR_ALIGN_CENTER;
    size_t m = k->nbp;
    dpnode *dp = pr_malloc(sizeof *dp * m * 4);
    for (size_t i = 0; i < m * 4; i++) {
        dp[i].dem = INFINITY;
        dp[i].prev = 0;
        dp[i].prev_fc = 1;
        dp[i].ratio = 0;
    }
    dp[0 * 4 + 1].dem = 0;
    for (size_t kb = 1; kb < m; kb++) {
        size_t b = k->bp[kb];
        if (!legal(k, b, ps, ragged))
            continue;
        const item *bi = &k->it[b];
        int forced = bi->kind == IT_PENALTY && bi->bk == BK_FORCED;
        int nearest = 1;   /* ja is the closest usable break before b */
        for (size_t ja = kb; ja-- > 0;) {
            size_t a = k->bp[ja];
            if (ja > 0 && !legal(k, a, ps, ragged))
                continue;
            int any = 0;
            for (int f = 0; f < 4; f++)
                any |= dp[ja * 4 + f].dem < INFINITY;
            if (!any) {
                /* a forced break nobody reaches: earlier breaks cannot jump it */
                if (ja > 0 && k->it[a].bk == BK_FORCED)
                    break;
                continue;
            }
            size_t s = line_start(k, a);
            double L = k->cw[b] - k->cw[s], Y = k->cy[b] - k->cy[s], Z = k->cz[b] - k->cz[s];
            if (s > b)
                L = Y = Z = 0;
            if (bi->kind == IT_PENALTY)
                L += bi->width;
            double r = 0, bad;
            int overfull = 0;
            if (!ragged) {
                if (L < k->W)
                    r = forced ? 0 : (Y > 0 ? (k->W - L) / Y : INFINITY);
                else if (L > k->W)
                    r = Z > 0 ? (k->W - L) / Z : -INFINITY;
                if (r < -1)
                    overfull = 1;
                if (!overfull && r > ps->tol && !ps->emergency)
                    goto next;   /* too loose: an earlier start is longer */
                if (r > 0 && isinf(r))   /* no glue to stretch: judge the hole */
                    bad = 1e8 * (k->W - L) / k->W;
                else
                    bad = 100 * fabs(r) * r * r;
                if (bad > 10000 && !ps->emergency)
                    bad = 10000;
            } else {
                double hole = k->W - L;
                if (hole < 0)
                    overfull = 1;
                double x = hole / k->W;
                if (forced && !balance)
                    x = 0;
                if (!overfull && x > ps->tol && !ps->emergency)
                    goto next;
                bad = 100 * (x / 0.25) * (x / 0.25);
                r = 0;
            }
            if (overfull) {
                /* only a single unbreakable piece may stick out, in emergency */
                if (!ps->emergency || !nearest)
                    break;
                bad = 1e10 + (L - k->W) * 1e6;
            }
            {
                double p = bi->penalty;
                if (bi->kind == IT_PENALTY && bi->bk == BK_PATTERN)
                    p = ps->hyphen_penalty;
                double base = (LINE_PENALTY + bad) * (LINE_PENALTY + bad);
                if (p > 0)
                    base += p * p;
                else if (p < 0 && p > -INF_PENALTY)
                    base -= p * p;
                int fc = ragged ? 1 : fitness(r);
                int a_flagged = ja > 0 && k->it[a].kind == IT_PENALTY && k->it[a].flagged;
                int b_flagged = bi->kind == IT_PENALTY && bi->flagged;
                for (int pf = 0; pf < 4; pf++) {
                    double d0 = dp[ja * 4 + pf].dem;
                    if (d0 == INFINITY)
                        continue;
                    double d = d0 + base;
                    if (a_flagged && b_flagged) {
                        if (ps->no_double)
                            continue;
                        d += DOUBLE_HYPHEN_DEMERITS;
                    }
                    if (forced && a_flagged && kb == m - 1)
                        d += FINAL_HYPHEN_DEMERITS;
                    if (!ragged && kb == m - 1 && ja > 0 && L < k->W / 8)
                        d += SHORT_LAST_DEMERITS;
                    if (!ragged && abs(fc - pf) > 1)
                        d += FITNESS_DEMERITS;
                    if (bi->last_resort)
                        d += LAST_RESORT_DEMERITS;
                    if (d < dp[kb * 4 + fc].dem) {
                        dp[kb * 4 + fc].dem = d;
                        dp[kb * 4 + fc].prev = ja;
                        dp[kb * 4 + fc].prev_fc = pf;
                        dp[kb * 4 + fc].ratio = r;
                    }
                }
            }
        next:
            nearest = 0;
            /* lines never span a forced break */
            if (ja > 0 && k->it[a].kind == IT_PENALTY && k->it[a].bk == BK_FORCED)
                break;
        }
    }
    int best = -1;
    double bd = INFINITY;
    for (int f = 0; f < 4; f++)
        if (dp[(m - 1) * 4 + f].dem < bd) {
            bd = dp[(m - 1) * 4 + f].dem;
            best = f;
        }
    if (best < 0) {
        free(dp);
        return -1;
    }
    size_t cnt = 0;
    for (size_t j = m - 1, f = (size_t)best; j > 0; ) {
        cnt++;
        size_t pj = dp[j * 4 + f].prev;
        f = (size_t)dp[j * 4 + f].prev_fc;
        j = pj;
    }
    *chosen = pr_malloc(sizeof **chosen * cnt);
    *ratios = pr_malloc(sizeof **ratios * cnt);
    *n_chosen = cnt;
    size_t c = cnt;
    for (size_t j = m - 1, f = (size_t)best; j > 0; ) {
        c--;
        (*chosen)[c] = j;
        (*ratios)[c] = dp[j * 4 + f].ratio;
        size_t pj = dp[j * 4 + f].prev;
        f = (size_t)dp[j * 4 + f].prev_fc;
        j = pj;
    }
    free(dp);
    return 0;
}

/* ---- lines and runs --------------------------------------------------------------- */
typedef struct line_builder {
    pr_para *p;
    const pr_rich *text;
    const pr_fontset *fs;
    const pr_para_opts *o;
    pr_run *runs;
    size_t n_runs, cap_runs;
    pr_strbuf cur;        /* text of the open run */
    int open;             /* a run is open */
    size_t cur_span;
    double cur_x, cur_w;
    double cur_ws;        /* its word spacing */
} line_builder;

/* Close the open run, copying its text into the paragraph's arena. */
static void close_run(line_builder *lb)
{
    if (!lb->open)
        return;
    const pr_span *sp = &lb->text->spans[lb->cur_span];
    pr_run r;
    memset(&r, 0, sizeof r);
    r.x = lb->cur_x;
    r.width = lb->cur_w;
    r.text = pr_arena_strndup(&lb->p->arena, lb->cur.data ? lb->cur.data : "", lb->cur.len);
    r.len = lb->cur.len;
    r.kern = lb->o->kerning != 0;
    r.word_spacing = lb->cur_ws;
    r.lang = sp->lang ? pr_arena_strdup(&lb->p->arena, sp->lang) : NULL;
    r.style = sp->style;
    r.size = draw_size(sp);
    r.rise = sp->superscript ? sp->size * SUP_RISE : 0;
    r.color = sp->color;
    r.link = sp->link ? pr_arena_strdup(&lb->p->arena, sp->link) : NULL;
    r.superscript = sp->superscript;
    PR_PUSH(lb->runs, lb->n_runs, lb->cap_runs, r);
    lb->open = 0;
    lb->cur.len = 0;
}

/* Make the open run one of span `span` starting at x (if it is not). */
static void run_for(line_builder *lb, size_t span, double x)
{
    if (lb->open && lb->cur_span == span)
        return;
    close_run(lb);
    lb->open = 1;
    lb->cur_span = span;
    lb->cur_x = x;
    lb->cur_w = 0;
    lb->cur_ws = 0;
}

/* Vertical metrics of a line from the nominal sizes used on it. */
static void line_metrics(const line_builder *lb, pr_line *ln, const size_t *spans, size_t n,
                         size_t fallback_span)
{
    double top = 0, bottom = 0;
    const pr_rich *r = lb->text;
    if (n == 0 && r->n) {
        spans = &fallback_span;
        n = 1;
    }
    for (size_t i = 0; i < n; i++) {
        const pr_span *sp = &r->spans[spans[i]];
        const pr_font_metrics *m = pr_fontset_metrics(lb->fs, sp->style);
        double s = sp->size / 1000.0;
        double content = (m->ascent - m->descent) * s;
        double half = (lb->o->leading * sp->size - content) / 2;
        double t = half + m->ascent * s, bo = half - m->descent * s;
        if (t > top) top = t;
        if (bo > bottom) bottom = bo;
    }
    ln->height = top + bottom;
    ln->baseline = top;
}

/* Build line lines from the item range after break a up to break b: the
 * items of one span in a row make one run, each interword glue a U+0020
 * in it (widened by the line's stretch), the hyphen of a break a U+00AD. */
static void make_line(line_builder *lb, const breaker *k, size_t a, size_t b, double r,
                      int is_last)
{
    pr_para *p = lb->p;
    const item *it = k->it;
    size_t s = line_start(k, a);
    const item *bi = &it[b];
    int forced = bi->kind == IT_PENALTY && bi->bk == BK_FORCED;
    int justify = lb->o->align == PR_ALIGN_JUSTIFY;
    if (!justify || (forced && r > 0) || isinf(r))
        r = 0;   /* ragged, last line, or nothing to stretch: natural spaces */
    double x = 0;
    lb->n_runs = 0;
    lb->open = 0;
    size_t *spans = NULL, n_spans = 0, cap_spans = 0;
    /* glue after the last box of the line is not drawn */
    size_t end = b;
    while (end > s && it[end - 1].kind != IT_BOX)
        end--;
    for (size_t i = s; i < end; i++) {
        const item *t = &it[i];
        if (t->kind == IT_PENALTY)
            continue;
        if (t->kind == IT_GLUE) {
            double extra = r > 0 ? r * t->stretch : r * t->shrink;
            run_for(lb, t->span, x);
            pr_sb_putc(&lb->cur, ' ');
            lb->cur_w += t->width + extra;
            lb->cur_ws = extra;
            x += t->width + extra;
            continue;
        }
        if (t->span == (size_t)-1) {   /* indent */
            close_run(lb);
            x += t->width;
            continue;
        }
        PR_PUSH(spans, n_spans, cap_spans, t->span);
        run_for(lb, t->span, x);
        pr_sb_add(&lb->cur, lb->text->spans[t->span].text + t->start, t->end - t->start);
        lb->cur_w += t->width;
        x += t->width;
    }
    pr_line ln;
    memset(&ln, 0, sizeof ln);
    int glue_tail = 0;
    for (size_t i = end; i < b; i++)
        glue_tail |= it[i].kind == IT_GLUE;
    if (bi->kind == IT_PENALTY && !forced && !glue_tail && end > s) {
        /* the break's hyphen, and the kerning taken back (kern_items) */
        if (bi->add_hyphen) {
            char h[4];
            run_for(lb, bi->span, x);
            pr_sb_add(&lb->cur, h,
                      (size_t)pr_utf8_encode(hyphen_cp(lb->fs, &lb->text->spans[bi->span]), h));
            ln.hyphenated = 1;
        }
        /* a line ending with a word's own hyphen (« Saint-|Étienne »):
         * U+2010 HYPHEN, drawn the same, which text extractors keep
         * (poppler rejoins the lines of a U+002D, gluing the words) */
        else if (lb->open && lb->cur_span == bi->span && lb->cur.len &&
                 lb->cur.data[lb->cur.len - 1] == '-' &&
                 same_glyph_width(lb->fs, &lb->text->spans[bi->span], 0x2010)) {
            lb->cur.len--;
            pr_sb_add(&lb->cur, "\xe2\x80\x90", 3);
        }
        if (lb->open)
            lb->cur_w += bi->width;
        x += bi->width;
    }
    /* a line broken at a space ends with it: the words on either side of
     * the break stay apart for whoever reads the text in order (a screen
     * reader through the structure tree, pdfinfo -struct-text); it is
     * drawn past the line's end, outside its width */
    if (bi->kind == IT_GLUE && !is_last && end > s && lb->open && lb->cur_span == bi->span)
        pr_sb_putc(&lb->cur, ' ');
    close_run(lb);
    line_metrics(lb, &ln, spans, n_spans, bi->span < lb->text->n ? bi->span : 0);
    free(spans);
    double x0 = lb->n_runs ? lb->runs[0].x : 0;
    double x1 = lb->n_runs ? lb->runs[lb->n_runs - 1].x + lb->runs[lb->n_runs - 1].width : 0;
    double shift = 0;
    if (lb->o->align == PR_ALIGN_RIGHT)
        shift = k->W - x1;
    else if (lb->o->align == PR_ALIGN_CENTER)
        shift = (k->W - x1 - x0) / 2;
    if (shift != 0)
        for (size_t i = 0; i < lb->n_runs; i++)
            lb->runs[i].x += shift;
    ln.width = x1 - x0;
    ln.ratio = r;
    ln.forced = forced && !is_last;
    ln.last = is_last;
    ln.n_runs = lb->n_runs;
    ln.runs = pr_arena_alloc(&p->arena, sizeof *ln.runs * (lb->n_runs ? lb->n_runs : 1));
    if (lb->n_runs)
        memcpy(ln.runs, lb->runs, sizeof *ln.runs * lb->n_runs);
    if (x1 - x0 > k->W + 0.01 || (bi->kind == IT_PENALTY && bi->bk == BK_SPLIT) ||
        bi->last_resort)
        p->overfull = 1;
    p->lines = pr_realloc(p->lines, sizeof *p->lines * (p->n_lines + 1));
    p->lines[p->n_lines++] = ln;
    p->height += ln.height;
}

pr_para_opts pr_para_opts_default(double width)
{
    pr_para_opts o;
    memset(&o, 0, sizeof o);
    o.width = width;
    o.align = PR_ALIGN_JUSTIFY;
    o.leading = 1.3;
    o.max_stretch = 1.0;
    o.ragged_hyph_min = 12;
    o.kerning = 1;
    return o;
}

/* ---- cache of layouts --------------------------------------------------------- */

typedef struct cache_entry {
    uint64_t hash;
    char *key;          /* what the layout depends on, serialised */
    size_t key_len;
    pr_para para;       /* owned copy */
} cache_entry;

/* A parse kept (pr_markup_parse): its spans and their strings in one
 * block. */
typedef struct markup_entry {
    uint64_t hash;
    char *key;
    size_t key_len;
    pr_span *spans;      /* the block */
    size_t n;
} markup_entry;

struct pr_para_cache {
    cache_entry *slots;  /* open addressing, cap a power of two */
    size_t cap, n;
    size_t bytes, max_bytes;
    size_t lookups, hits;
    markup_entry *mslots; /* the parses, the same way */
    size_t mcap, mn;
    size_t mbytes;
};

pr_para_cache *pr_para_cache_new(size_t max_bytes)
{
    pr_para_cache *c = pr_calloc(1, sizeof *c);
    c->max_bytes = max_bytes;
    return c;
}

void pr_para_cache_free(pr_para_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i].key) {
            free(c->slots[i].key);
            pr_para_free(&c->slots[i].para);
        }
    free(c->slots);
    for (size_t i = 0; i < c->mcap; i++)
        if (c->mslots[i].key) {
            free(c->mslots[i].key);
            free(c->mslots[i].spans);
        }
    free(c->mslots);
    free(c);
}

void pr_para_cache_stats(const pr_para_cache *c, size_t *lookups, size_t *hits)
{
    *lookups = c ? c->lookups : 0;
    *hits = c ? c->hits : 0;
}

static void key_bytes(pr_strbuf *k, const void *v, size_t n)
{
    pr_sb_add(k, (const char *)v, n);
}

/* A 64-bit hash of a key, eight bytes at a time (only ever compared with
 * itself: no output depends on it). */
static uint64_t key_hash(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    uint64_t w = 0;
    memcpy(&w, p + i, n - i);
    h = (h ^ w) * 0x94D049BB133111EBULL;
    h ^= h >> 29;
    return h;
}

/* Everything a layout depends on, in bytes. */
static void cache_key(pr_strbuf *k, const pr_rich *text, const pr_fontset *fs,
                      const pr_para_opts *o)
{
    key_bytes(k, &fs, sizeof fs);
    key_bytes(k, &o->width, sizeof o->width);
    int align = (int)o->align;
    key_bytes(k, &align, sizeof align);
    key_bytes(k, &o->leading, sizeof o->leading);
    key_bytes(k, &o->indent, sizeof o->indent);
    key_bytes(k, &o->hyph, sizeof o->hyph);
    key_bytes(k, &o->max_lines, sizeof o->max_lines);
    key_bytes(k, &o->kerning, sizeof o->kerning);
    key_bytes(k, &o->max_stretch, sizeof o->max_stretch);
    key_bytes(k, &o->ragged_hyph_min, sizeof o->ragged_hyph_min);
    key_bytes(k, &text->n, sizeof text->n);
    for (size_t i = 0; i < text->n; i++) {
        const pr_span *sp = &text->spans[i];
        int style = (int)sp->style;
        key_bytes(k, &sp->len, sizeof sp->len);
        key_bytes(k, sp->text, sp->len);
        key_bytes(k, &style, sizeof style);
        key_bytes(k, &sp->size, sizeof sp->size);
        key_bytes(k, &sp->color.r, sizeof sp->color.r);
        key_bytes(k, &sp->color.g, sizeof sp->color.g);
        key_bytes(k, &sp->color.b, sizeof sp->color.b);
        key_bytes(k, &sp->superscript, sizeof sp->superscript);
        key_bytes(k, &sp->nobreak, sizeof sp->nobreak);
        size_t ll = sp->link ? strlen(sp->link) : (size_t)-1;
        key_bytes(k, &ll, sizeof ll);
        if (sp->link)
            key_bytes(k, sp->link, ll);
        ll = sp->lang ? strlen(sp->lang) : (size_t)-1;
        key_bytes(k, &ll, sizeof ll);
        if (sp->lang)
            key_bytes(k, sp->lang, ll);
    }
}

/* Copy NUL-terminated s (NULL: nothing) to *t, advance *t past it and
 * return the copy (or NULL). */
static const char *pack_str(char **t, const char *s)
{
    if (!s)
        return NULL;
    size_t l = strlen(s) + 1;
    memcpy(*t, s, l);
    const char *copy = *t;
    *t += l;
    return copy;
}

/* Copy of src into dst as one block: the lines, then their runs, then the
 * runs' texts and links; dst->lines is the block (pr_para_free frees it)
 * and dst's arena stays empty. Returns the block's size. */
static size_t para_copy(pr_para *dst, const pr_para *src)
{
    size_t n_runs = 0, text_bytes = 0;
    for (size_t i = 0; i < src->n_lines; i++) {
        const pr_line *sl = &src->lines[i];
        n_runs += sl->n_runs;
        for (size_t r = 0; r < sl->n_runs; r++) {
            const pr_run *run = &sl->runs[r];
            text_bytes += (run->text ? run->len + 1 : 0) + (run->link ? strlen(run->link) + 1 : 0) +
                          (run->lang ? strlen(run->lang) + 1 : 0);
        }
    }
    size_t size = sizeof(pr_line) * (src->n_lines ? src->n_lines : 1) + sizeof(pr_run) * n_runs +
                  text_bytes;
    unsigned char *block = pr_malloc(size);
    pr_line *lines = (pr_line *)block;
    pr_run *runs = (pr_run *)(block + sizeof(pr_line) * (src->n_lines ? src->n_lines : 1));
    char *text = (char *)(runs + n_runs);
    *dst = *src;
    memset(&dst->arena, 0, sizeof dst->arena);
    dst->lines = lines;
    for (size_t i = 0; i < src->n_lines; i++) {
        const pr_line *sl = &src->lines[i];
        lines[i] = *sl;
        lines[i].runs = runs;
        for (size_t r = 0; r < sl->n_runs; r++) {
            pr_run run = sl->runs[r];
            if (run.text) {
                memcpy(text, run.text, run.len);
                text[run.len] = '\0';
                run.text = text;
                text += run.len + 1;
            }
            run.link = pack_str(&text, run.link);
            run.lang = pack_str(&text, run.lang);
            *runs++ = run;
        }
    }
    return size;
}

/* The slot of key (hash h): its entry, or the empty slot to fill. */
static cache_entry *cache_slot(pr_para_cache *c, uint64_t h, const char *key, size_t len)
{
    size_t i = (size_t)h & (c->cap - 1);
    while (c->slots[i].key &&
           !(c->slots[i].hash == h && c->slots[i].key_len == len && !memcmp(c->slots[i].key, key, len)))
        i = (i + 1) & (c->cap - 1);
    return &c->slots[i];
}

static void cache_grow(pr_para_cache *c)
{
    size_t old_cap = c->cap;
    cache_entry *old = c->slots;
    c->cap = old_cap ? old_cap * 2 : 256;
    c->slots = pr_calloc(c->cap, sizeof *c->slots);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            *cache_slot(c, old[i].hash, old[i].key, old[i].key_len) = old[i];
    free(old);
}

/* ---- cache of parses ---------------------------------------------------------- */
/* Memory the parses kept may take (besides the layouts' max_bytes): when
 * it is reached, they are all forgotten and the cache fills again (a text
 * is mostly parsed again soon after, measured then drawn). */
#define MARKUP_CACHE_BYTES (4u << 20)

/* Everything a parse depends on but its position (which only places its
 * warnings: parses with warnings are not kept). */
static void markup_key(pr_strbuf *k, const char *src, size_t len, const pr_markup_opts *o)
{
    const pr_span *b = &o->base;
    int style = (int)b->style;
    key_bytes(k, &o->flags, sizeof o->flags);
    int lc = o->link_color != NULL;
    key_bytes(k, &lc, sizeof lc);
    if (lc)
        key_bytes(k, o->link_color, sizeof *o->link_color);
    key_bytes(k, &style, sizeof style);
    key_bytes(k, &b->size, sizeof b->size);
    key_bytes(k, &b->color, sizeof b->color);
    key_bytes(k, &b->superscript, sizeof b->superscript);
    key_bytes(k, &b->nobreak, sizeof b->nobreak);
    size_t ll = b->link ? strlen(b->link) : (size_t)-1;
    key_bytes(k, &ll, sizeof ll);
    if (b->link)
        key_bytes(k, b->link, ll);
    ll = b->lang ? strlen(b->lang) : (size_t)-1;
    key_bytes(k, &ll, sizeof ll);
    if (b->lang)
        key_bytes(k, b->lang, ll);
    key_bytes(k, &len, sizeof len);
    key_bytes(k, src, len);
}

static markup_entry *markup_slot(pr_para_cache *c, uint64_t h, const char *key, size_t len)
{
    size_t i = (size_t)h & (c->mcap - 1);
    while (c->mslots[i].key && !(c->mslots[i].hash == h && c->mslots[i].key_len == len &&
                                 !memcmp(c->mslots[i].key, key, len)))
        i = (i + 1) & (c->mcap - 1);
    return &c->mslots[i];
}

static void markup_grow(pr_para_cache *c)
{
    size_t old_cap = c->mcap;
    markup_entry *old = c->mslots;
    c->mcap = old_cap ? old_cap * 2 : 256;
    c->mslots = pr_calloc(c->mcap, sizeof *c->mslots);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            *markup_slot(c, old[i].hash, old[i].key, old[i].key_len) = old[i];
    free(old);
}

/* Forget every parse kept. */
static void markup_clear(pr_para_cache *c)
{
    for (size_t i = 0; i < c->mcap; i++)
        if (c->mslots[i].key) {
            free(c->mslots[i].key);
            free(c->mslots[i].spans);
        }
    memset(c->mslots, 0, c->mcap * sizeof *c->mslots);
    c->mn = 0;
    c->mbytes = 0;
}

/* Spans from[0..n) and their strings copied into one block; its size. */
static size_t spans_copy(pr_span **dst, const pr_span *from, size_t n)
{
    size_t bytes = sizeof *from * (n ? n : 1);
    for (size_t i = 0; i < n; i++)
        bytes += from[i].len + 1 + (from[i].link ? strlen(from[i].link) + 1 : 0) +
                 (from[i].lang ? strlen(from[i].lang) + 1 : 0);
    pr_span *spans = pr_malloc(bytes);
    char *t = (char *)(spans + (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        pr_span s = from[i];
        memcpy(t, s.text, s.len);
        t[s.len] = '\0';
        s.text = t;
        t += s.len + 1;
        s.link = pack_str(&t, s.link);
        s.lang = pack_str(&t, s.lang);
        spans[i] = s;
    }
    *dst = spans;
    return bytes;
}

int pr_markup_parse(pr_rich *out, const char *src, size_t len,
                    const pr_markup_opts *opts, pr_diags *d)
{
    pr_para_cache *c = opts->cache;
    if (!c)
        return markup_parse(out, src, len, opts, d);
    pr_strbuf key = {0};
    pr_sb_reserve(&key, len + 128);
    markup_key(&key, src, len, opts);
    uint64_t h = key_hash(key.data, key.len);
    if (c->mcap) {
        const markup_entry *e = markup_slot(c, h, key.data, key.len);
        if (e->key) {
            /* the spans the parse appended, appended again: the first may
             * join out's last span as the parse's first did */
            for (size_t i = 0; i < e->n; i++)
                pr_rich_add(out, &e->spans[i], e->spans[i].text, e->spans[i].len);
            pr_sb_free(&key);
            return 0;
        }
    }
    /* parsed into a rich text of its own, to keep, then appended */
    pr_rich r;
    pr_rich_init(&r);
    int warnings = markup_parse(&r, src, len, opts, d);
    for (size_t i = 0; i < r.n; i++)
        pr_rich_add(out, &r.spans[i], r.spans[i].text, r.spans[i].len);
    if (!warnings) {
        if (c->mbytes >= MARKUP_CACHE_BYTES)
            markup_clear(c);   /* full: a text is mostly parsed again soon after */
        if (2 * (c->mn + 1) > c->mcap)
            markup_grow(c);
        markup_entry *e = markup_slot(c, h, key.data, key.len);
        e->hash = h;
        e->key_len = key.len;
        e->key = pr_strndup(key.data, key.len);
        e->n = r.n;
        c->mbytes += e->key_len + sizeof *e + spans_copy(&e->spans, r.spans, r.n);
        c->mn++;
    }
    pr_rich_free(&r);
    pr_sb_free(&key);
    return warnings;
}

static void para_layout(pr_para *p, const pr_rich *text, const pr_fontset *fs,
                        const pr_para_opts *opts);

void pr_para_layout(pr_para *p, const pr_rich *text, const pr_fontset *fs,
                    const pr_para_opts *opts)
{
    pr_para_cache *c = opts->cache;
    if (!c || !text->n) {
        para_layout(p, text, fs, opts);
        return;
    }
    pr_strbuf key = {0};
    pr_sb_reserve(&key, 512);
    cache_key(&key, text, fs, opts);
    uint64_t h = key_hash(key.data, key.len);
    c->lookups++;
    if (c->cap) {
        cache_entry *e = cache_slot(c, h, key.data, key.len);
        if (e->key) {
            c->hits++;
            para_copy(p, &e->para);
            pr_sb_free(&key);
            return;
        }
    }
    para_layout(p, text, fs, opts);
    if (c->bytes < c->max_bytes) {
        if (2 * (c->n + 1) > c->cap)
            cache_grow(c);
        cache_entry *e = cache_slot(c, h, key.data, key.len);
        e->hash = h;
        e->key_len = key.len;
        e->key = pr_strndup(key.data, key.len);
        c->bytes += e->key_len + sizeof *e + para_copy(&e->para, p);
        c->n++;
    }
    pr_sb_free(&key);
}

static void para_layout(pr_para *p, const pr_rich *text, const pr_fontset *fs,
                        const pr_para_opts *opts)
{
    memset(p, 0, sizeof *p);
    p->width = opts->width;
    if (!text->n)
        return;
    builder b;
    memset(&b, 0, sizeof b);
    b.text = text;
    b.fs = fs;
    b.o = opts;
    build_items(&b);
    breaker k;
    memset(&k, 0, sizeof k);
    k.it = b.items;
    k.n = b.n;
    k.W = opts->width > 0 ? opts->width : 1;
    k.align = opts->align;
    k.cw = pr_malloc(sizeof *k.cw * (b.n + 1));
    k.cy = pr_malloc(sizeof *k.cy * (b.n + 1));
    k.cz = pr_malloc(sizeof *k.cz * (b.n + 1));
    k.cw[0] = k.cy[0] = k.cz[0] = 0;
    for (size_t i = 0; i < b.n; i++) {
        const item *t = &b.items[i];
        int counts = t->kind != IT_PENALTY;
        k.cw[i + 1] = k.cw[i] + (counts ? t->width : 0);
        k.cy[i + 1] = k.cy[i] + (t->kind == IT_GLUE ? t->stretch : 0);
        k.cz[i + 1] = k.cz[i] + (t->kind == IT_GLUE ? t->shrink : 0);
    }
    size_t capbp = 0;
    size_t start = (size_t)-1;
    PR_PUSH(k.bp, k.nbp, capbp, start);
    for (size_t i = 0; i < b.n; i++)
        if (b.items[i].kind == IT_PENALTY ||
            (b.items[i].kind == IT_GLUE && i > 0 && b.items[i - 1].kind == IT_BOX))
            PR_PUSH(k.bp, k.nbp, capbp, i);
    double ms = opts->max_stretch > 0 ? opts->max_stretch : 1.0;
    /* passes: {pattern, url, tol, emergency, hyphen penalty, no double} */
    pass passes[5];
    int ragged = opts->align != PR_ALIGN_JUSTIFY;
    if (!ragged) {
        pass ps[5] = {{0, 0, ms, 0, HYPHEN_PENALTY, 1},
                      {1, 0, ms, 0, HYPHEN_PENALTY, 1},
                      {1, 0, 1.5 * ms, 0, HYPHEN_PENALTY / 2, 1},
                      {1, 1, 2.5 * ms, 0, HYPHEN_PENALTY / 2, 0},
                      {1, 1, 2.5 * ms, 1, HYPHEN_PENALTY / 2, 0}};
        memcpy(passes, ps, sizeof ps);
    } else {
        pass ps[5] = {{0, 0, 0.5, 0, 4 * HYPHEN_PENALTY, 1},
                      {1, 0, 0.5, 0, 4 * HYPHEN_PENALTY, 1},
                      {1, 0, 0.7, 0, 2 * HYPHEN_PENALTY, 1},
                      {1, 1, 1.0, 0, 2 * HYPHEN_PENALTY, 0},
                      {1, 1, 1.0, 1, 2 * HYPHEN_PENALTY, 0}};
        memcpy(passes, ps, sizeof ps);
    }
    size_t *chosen = NULL, n_chosen = 0;
    double *ratios = NULL;
    int used = 0;
    for (int i = 0; i < 5; i++) {
        if (i == 1 && !opts->hyph)
            continue;
        if (choose(&k, &passes[i], &chosen, &n_chosen, &ratios) == 0) {
            used = i + 1;
            break;
        }
    }
    p->passes = used;
    line_builder lb;
    memset(&lb, 0, sizeof lb);
    lb.p = p;
    lb.text = text;
    lb.fs = fs;
    lb.o = opts;
    size_t keep = n_chosen;
    if (opts->max_lines > 0 && keep > (size_t)opts->max_lines) {
        keep = (size_t)opts->max_lines;
        p->overflow = 1;
    }
    for (size_t i = 0; i < keep; i++) {
        size_t a = i == 0 ? (size_t)-1 : k.bp[chosen[i - 1]];
        make_line(&lb, &k, a, k.bp[chosen[i]], ratios[i], i + 1 == n_chosen);
    }
    free(lb.runs);
    pr_sb_free(&lb.cur);
    free(chosen);
    free(ratios);
    free(k.cw);
    free(k.cy);
    free(k.cz);
    free(k.bp);
    free(b.items);
    free(b.frags);
    free(b.shy);
    pr_sb_free(&b.word);
}

void pr_para_free(pr_para *p)
{
    free(p->lines);
    pr_arena_free(&p->arena);
    memset(p, 0, sizeof *p);
}

double pr_para_lines_height(const pr_para *p, size_t from, size_t to)
{
    double h = 0;
    if (to > p->n_lines)
        to = p->n_lines;
    for (size_t i = from; i < to; i++)
        h += p->lines[i].height;
    return h;
}

/* ---- fitting ----------------------------------------------------------------------- */
/* Copy of r with every size multiplied by k. */
static void rich_scaled(pr_rich *out, const pr_rich *r, double k)
{
    pr_rich_init(out);
    for (size_t i = 0; i < r->n; i++) {
        pr_span s = r->spans[i];
        s.size *= k;
        PR_PUSH(out->spans, out->n, out->cap, s);   /* texts stay in r */
    }
}

pr_fit pr_para_fit(pr_para *p, const pr_rich *text, const pr_fontset *fs,
                   const pr_para_opts *opts, double box_height,
                   double min_size, double max_size)
{
    pr_fit res = {max_size, 1.0, 0};
    double nominal = 0;
    for (size_t i = 0; i < text->n; i++)
        if (text->spans[i].size > nominal)
            nominal = text->spans[i].size;
    if (nominal <= 0) {
        pr_para_layout(p, text, fs, opts);
        return res;
    }
    if (min_size > max_size)
        min_size = max_size;
    pr_para_opts o = *opts;
    o.max_lines = 0;
    for (double size = max_size;; size -= 0.25) {
        if (size < min_size)
            size = min_size;
        pr_rich sc;
        rich_scaled(&sc, text, size / nominal);
        pr_para_layout(p, &sc, fs, &o);
        free(sc.spans);
        res.size = size;
        res.scale = size / nominal;
        int fits = p->height <= box_height + 1e-9 && !p->overfull &&
                   (opts->max_lines <= 0 || p->n_lines <= (size_t)opts->max_lines);
        if (fits)
            return res;
        if (size <= min_size)
            break;
        pr_para_free(p);
    }
    /* does not fit at min_size: keep the lines that fit */
    res.overflow = 1;
    size_t keep = 0;
    double h = 0;
    while (keep < p->n_lines && h + p->lines[keep].height <= box_height + 1e-9 &&
           (opts->max_lines <= 0 || keep < (size_t)opts->max_lines)) {
        h += p->lines[keep].height;
        keep++;
    }
    if (keep < p->n_lines) {
        p->n_lines = keep;
        p->height = h;
        p->overflow = 1;
    }
    return res;
}
