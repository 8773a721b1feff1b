/* test_text.c — rich text, the markup parser and paragraph composition with
 * a fake monospace font (every glyph 500/1000 em: 5 pt at 10 pt, so 100 pt
 * holds 20 characters), plus one layout with the real Lato metrics. */
#include <stdlib.h>

#include "typeset/hyph.h"
#include "typeset/text.h"
#include "unit.h"

#define NN "\xE2\x80\xAF"
#define NB "\xC2\xA0"
#define SHY "\xC2\xAD"   /* the hyphen a break adds: soft */

static pr_fontset fake;
static pr_hyph *hyph;

/* Parse markup src into r (flags: PR_MARKUP_*). */
static int parse(pr_rich *r, const char *src, unsigned flags, pr_diags *d)
{
    pr_rich_init(r);
    pr_markup_opts mo;
    memset(&mo, 0, sizeof mo);
    mo.base = pr_span_default();
    mo.flags = flags;
    mo.pos.file = "gabarit.yaml";
    mo.pos.line = 4;
    mo.pos.col = 10;
    mo.path = "texte";
    return pr_markup_parse(r, src, strlen(src), &mo, d);
}

/* Lay out markup src at width w with alignment al (hyphenation on). */
static void layout(pr_para *p, const char *src, double w, pr_align al)
{
    pr_rich r;
    parse(&r, src, 0, NULL);
    pr_para_opts o = pr_para_opts_default(w);
    o.align = al;
    o.hyph = hyph;
    pr_para_layout(p, &r, &fake, &o);
    pr_rich_free(&r);
}

/* The text of line i: runs joined with '_' (each '_' is a gap between
 * separately placed runs: another span; spaces are in the runs), without
 * the space a line broken at a space ends with (see justified_exact_breaks). */
static const char *line_text(const pr_para *p, size_t i)
{
    static char buf[512];
    buf[0] = '\0';
    if (i >= p->n_lines)
        return "(absente)";
    for (size_t j = 0; j < p->lines[i].n_runs; j++) {
        if (j)
            strcat(buf, "_");
        strcat(buf, p->lines[i].runs[j].text);
    }
    size_t n = strlen(buf);
    if (n && buf[n - 1] == ' ')
        buf[n - 1] = '\0';
    return buf;
}

/* Right end of line i. */
static double line_end(const pr_para *p, size_t i)
{
    const pr_line *l = &p->lines[i];
    return l->n_runs ? l->runs[l->n_runs - 1].x + l->runs[l->n_runs - 1].width : 0;
}

/* ---- markup ------------------------------------------------------------- */
TEST(markup_styles)
{
    pr_rich r;
    pr_diags d;
    pr_diags_init(&d);
    CHECK_INT(parse(&r, "Un **gras**, un *italique* et ***les deux***.", 0, &d), 0);
    CHECK_INT(r.n, 7);
    if (r.n == 7) {
        CHECK_STR(r.spans[0].text, "Un ");
        CHECK_STR(r.spans[1].text, "gras");
        CHECK_INT(r.spans[1].style, PR_STYLE_BOLD);
        CHECK_STR(r.spans[2].text, ", un ");
        CHECK_INT(r.spans[2].style, PR_STYLE_REGULAR);
        CHECK_STR(r.spans[3].text, "italique");
        CHECK_INT(r.spans[3].style, PR_STYLE_ITALIC);
        CHECK_STR(r.spans[5].text, "les deux");
        CHECK_INT(r.spans[5].style, PR_STYLE_BOLD_ITALIC);
        CHECK_STR(r.spans[6].text, ".");
    }
    CHECK_INT(d.n, 0);
    pr_rich_free(&r);
    pr_diags_free(&d);
}

TEST(markup_links_breaks_escapes)
{
    pr_rich r;
    CHECK_INT(parse(&r, "Voir [le **site**](https://exemple.fr/a_(b)) ici\\nfin\nnon \\*italique\\* \\[x\\] a\\b",
                    0, NULL), 0);
    /* spans with equal attributes merge: line breaks stay inside the text */
    CHECK_INT(r.n, 4);
    if (r.n == 4) {
        CHECK_STR(r.spans[0].text, "Voir ");
        CHECK(r.spans[0].link == NULL);
        CHECK_STR(r.spans[1].text, "le ");
        CHECK_STR(r.spans[1].link, "https://exemple.fr/a_(b)");
        CHECK_STR(r.spans[2].text, "site");
        CHECK_INT(r.spans[2].style, PR_STYLE_BOLD);
        CHECK_STR(r.spans[2].link, "https://exemple.fr/a_(b)");
        CHECK_STR(r.spans[3].text, " ici\nfin\nnon *italique* [x] a\\b");
        CHECK(r.spans[3].link == NULL);
    }
    char *plain = pr_rich_plain(&r);
    CHECK_STR(plain, "Voir le site ici\nfin\nnon *italique* [x] a\\b");
    free(plain);
    pr_rich_free(&r);
}

/* [texte]{lang=…} and [texte]{insécable}: span attributes, combined,
 * nested with the other markup; an unknown attribute, a malformed
 * language or empty braces keep the text as written, with a warning. */
TEST(markup_span_attributes)
{
    pr_rich r;
    pr_diags d;
    pr_diags_init(&d);
    CHECK_INT(parse(&r, "Le [**Smart** City]{lang=en} et [Émilie BONNET-DERIVIÈRE]{insécable}, "
                        "[x y]{insecable lang=en-GB}.", 0, &d), 0);
    CHECK_INT(r.n, 8);
    if (r.n == 8) {
        CHECK_STR(r.spans[0].text, "Le ");
        CHECK(r.spans[0].lang == NULL && !r.spans[0].nobreak);
        CHECK_STR(r.spans[1].text, "Smart");
        CHECK_INT(r.spans[1].style, PR_STYLE_BOLD);
        CHECK_STR(r.spans[1].lang, "en");
        CHECK_STR(r.spans[2].text, " City");
        CHECK_STR(r.spans[2].lang, "en");
        CHECK_STR(r.spans[3].text, " et ");
        CHECK_STR(r.spans[4].text, "Émilie BONNET-DERIVIÈRE");
        CHECK_INT(r.spans[4].nobreak, 1);
        CHECK(r.spans[4].lang == NULL);
        CHECK_STR(r.spans[5].text, ", ");
        CHECK_STR(r.spans[6].text, "x y");
        CHECK_STR(r.spans[7].text, ".");
    }
    pr_rich_free(&r);
    CHECK_INT(parse(&r, "[x y]{insecable lang=en-GB}", 0, &d), 0);
    CHECK_INT(r.n, 1);
    if (r.n == 1) {
        CHECK_STR(r.spans[0].lang, "en-GB");
        CHECK_INT(r.spans[0].nobreak, 1);
    }
    pr_rich_free(&r);
    CHECK_INT(d.n, 0);
    /* kept as written, with a warning at the attribute */
    CHECK_INT(parse(&r, "a [b]{gras} c [d]{lang=e} [e]{} \\[f\\]{lang=en}", 0, &d), 3);
    char *plain = pr_rich_plain(&r);
    CHECK_STR(plain, "a [b]{gras} c [d]{lang=e} [e]{} [f]{lang=en}");
    free(plain);
    CHECK_INT(d.n, 3);
    if (d.n == 3) {
        CHECK(strstr(d.items[0].msg, "attribut « gras » inconnu") != NULL);
        CHECK_INT(d.items[0].pos.col, 10 + 6);
        CHECK(strstr(d.items[1].msg, "attribut « lang=e » inconnu") != NULL);
        CHECK(strstr(d.items[2].msg, "accolades sans attribut") != NULL);
    }
    pr_rich_free(&r);
    pr_diags_free(&d);
}

/* An unbreakable span (a person's name) never breaks at its spaces or
 * hyphens; a word's own hyphen that ends a line is drawn as U+2010. */
TEST(nobreak_names_and_real_hyphens)
{
    pr_para p;
    /* 120 pt = 24 characters */
    layout(&p, "avec Émilie BONNET-DERIVIÈRE ici et là-bas", 120, PR_ALIGN_JUSTIFY);
    CHECK_STR(line_text(&p, 0), "avec Émilie BONNET" "\xE2\x80\x90");   /* U+2010 */
    CHECK_STR(line_text(&p, 1), "DERIVIÈRE ici et là-bas");
    pr_para_free(&p);
    layout(&p, "avec [Émilie BONNET-DERIVIÈRE]{insécable} ici et là-bas", 120, PR_ALIGN_JUSTIFY);
    CHECK_STR(line_text(&p, 0), "avec");
    CHECK_STR(line_text(&p, 1), "Émilie BONNET-DERIVIÈRE");
    CHECK_STR(line_text(&p, 2), "ici et là-bas");
    CHECK_INT(p.overfull, 0);
    pr_para_free(&p);
    /* wider than the line: broken at its space and its hyphen as a last
     * resort (never inside a word), and said overfull (a text fitted
     * into a box is shrunk first, then warned about) */
    layout(&p, "avec [Émilie BONNET-DERIVIÈRE]{insécable} ici", 60, PR_ALIGN_LEFT);
    CHECK_STR(line_text(&p, 0), "avec _Émilie");
    CHECK_STR(line_text(&p, 1), "BONNET\xE2\x80\x90");
    CHECK_STR(line_text(&p, 2), "DERIVIÈRE");
    CHECK_STR(line_text(&p, 3), "ici");
    CHECK_INT(p.overfull, 1);
    for (size_t i = 0; i < p.n_lines; i++)
        CHECK(p.lines[i].width <= 60 + 1e-9);
    pr_para_free(&p);
    layout(&p, "de [Fanny LEBARBIER]{insécable} et [Ninon CABIRAN]{insécable} en 2023", 80,
           PR_ALIGN_JUSTIFY);
    for (size_t i = 0; i < p.n_lines; i++) {
        const char *t = line_text(&p, i);
        size_t n = strlen(t);
        CHECK(!(n >= 5 && !strcmp(t + n - 5, "Fanny")) && strncmp(t, "LEBARBIER", 9) != 0);
        CHECK(!(n >= 5 && !strcmp(t + n - 5, "Ninon")) && strncmp(t, "CABIRAN", 7) != 0);
    }
    CHECK_INT(p.overfull, 0);
    pr_para_free(&p);
}

TEST(markup_link_colour_and_superscript)
{
    pr_rich r;
    pr_rich_init(&r);
    pr_markup_opts mo;
    memset(&mo, 0, sizeof mo);
    mo.base = pr_span_default();
    pr_color blue = {0, 0.3, 0.6};
    mo.link_color = &blue;
    const char *src = "[lien](mailto:a@b.fr) et m^2^";
    pr_markup_parse(&r, src, strlen(src), &mo, NULL);
    CHECK_INT(r.n, 3);
    if (r.n == 3) {
        CHECK_STR(r.spans[0].link, "mailto:a@b.fr");
        CHECK_NEAR(r.spans[0].color.b, 0.6, 0);
        CHECK_NEAR(r.spans[1].color.b, 0, 0);
        CHECK_STR(r.spans[1].text, " et m");
        CHECK_STR(r.spans[2].text, "2");
        CHECK_INT(r.spans[2].superscript, 1);
    }
    pr_rich_free(&r);
}

TEST(markup_warnings)
{
    pr_rich r;
    pr_diags d;
    pr_diags_init(&d);
    CHECK_INT(parse(&r, "2 * 3 et **non fermé", 0, &d), 1);
    CHECK_INT(d.n, 1);
    if (d.n) {
        CHECK_INT(d.items[0].sev, PR_SEV_WARNING);
        CHECK_INT(d.items[0].pos.line, 4);
        CHECK_INT(d.items[0].pos.col, 19);   /* column 10 + 9 characters */
        CHECK_STR(d.items[0].path, "texte");
        CHECK_STR(d.items[0].msg, "marque « ** » sans fermeture : gardée telle quelle");
    }
    char *plain = pr_rich_plain(&r);
    CHECK_STR(plain, "2 * 3 et **non fermé");
    free(plain);
    pr_rich_free(&r);
    pr_diags_free(&d);
}

TEST(markup_typography)
{
    pr_rich r;
    parse(&r, "le 1er **\"bilan\"**: l'essentiel!", PR_MARKUP_TYPO, NULL);
    char *plain = pr_rich_plain(&r);
    CHECK_STR(plain, "le 1er \xC2\xAB" NN "bilan" NN "\xC2\xBB" NB ": l\xE2\x80\x99" "essentiel" NN "!");
    free(plain);
    CHECK_INT(r.n, 5);
    if (r.n == 5) {
        CHECK_STR(r.spans[0].text, "le 1");
        CHECK_STR(r.spans[1].text, "er");
        CHECK_INT(r.spans[1].superscript, 1);
        CHECK_INT(r.spans[3].style, PR_STYLE_BOLD);
    }
    pr_rich_free(&r);
}

/* ---- composition ------------------------------------------------------------ */
TEST(ragged_exact_breaks)
{
    pr_para p;
    layout(&p, "Le réseau accompagne les territoires dans leur démarche.", 100, PR_ALIGN_LEFT);
    CHECK_INT(p.n_lines, 3);
    CHECK_STR(line_text(&p, 0), "Le réseau accompagne");
    CHECK_STR(line_text(&p, 1), "les territoires dans");
    CHECK_STR(line_text(&p, 2), "leur démarche.");
    CHECK_NEAR(p.lines[0].width, 100, 1e-9);
    CHECK_NEAR(p.lines[2].width, 70, 1e-9);
    CHECK_NEAR(p.lines[0].height, 13, 1e-9);
    CHECK_NEAR(p.height, 39, 1e-9);
    CHECK_NEAR(p.lines[0].baseline, 9.5, 1e-9);   /* 1.5 half-leading + 8 ascent */
    CHECK_INT(p.lines[2].last, 1);
    pr_para_free(&p);
}

TEST(justified_exact_breaks)
{
    pr_para p;
    layout(&p, "Les élus du territoire ont validé la feuille de route de la transition "
               "écologique en conseil.", 100, PR_ALIGN_JUSTIFY);
    CHECK_INT(p.n_lines, 5);
    /* one run a line: real spaces between the words, widened; the hyphen
     * a break adds is soft */
    CHECK_STR(line_text(&p, 0), "Les élus du terri" SHY);
    CHECK_STR(line_text(&p, 1), "toire ont validé la");
    CHECK_STR(line_text(&p, 2), "feuille de route de");
    CHECK_STR(line_text(&p, 3), "la transition écolo" SHY);   /* exact fit */
    CHECK_STR(line_text(&p, 4), "gique en conseil.");
    CHECK_INT(p.lines[0].hyphenated, 1);
    CHECK_INT(p.lines[1].hyphenated, 0);
    /* 17 characters + hyphen = 90 pt, 3 spaces of 5 pt stretch 3 pt each */
    CHECK_NEAR(p.lines[0].ratio, 10.0 / 9.0, 1e-9);
    CHECK_NEAR(p.lines[0].runs[0].word_spacing, 10.0 / 3, 1e-9);
    CHECK_NEAR(p.lines[0].runs[0].width, 100, 1e-9);
    /* a line broken at a space keeps it at its end, outside its width;
     * one broken at a hyphen ends with the hyphen */
    CHECK_STR(p.lines[1].runs[0].text, "toire ont validé la ");
    CHECK_NEAR(p.lines[1].runs[0].width, 100, 1e-9);
    CHECK_STR(p.lines[0].runs[0].text, "Les élus du terri" SHY);
    CHECK_STR(p.lines[4].runs[0].text, "gique en conseil.");   /* the last line: none */
    CHECK_NEAR(p.lines[3].runs[0].word_spacing, 0, 1e-9);
    CHECK_NEAR(p.lines[4].runs[0].word_spacing, 0, 0);   /* last line: natural */
    for (size_t i = 0; i + 1 < p.n_lines; i++)
        CHECK_NEAR(line_end(&p, i), 100, 0.01);
    CHECK_NEAR(line_end(&p, 4), 85, 1e-9);
    pr_para_free(&p);
}

static const char *long_text =
    "La planification écologique territoriale mobilise les intercommunalités, les "
    "départements et les régions autour de feuilles de route partagées. Les collectivités "
    "développent des diagnostics, organisent la concertation avec les habitants et "
    "programment les investissements nécessaires à la transformation des territoires.";

TEST(justified_properties_over_widths)
{
    for (int w = 150; w <= 400; w += 10) {
        pr_para p;
        layout(&p, long_text, w, PR_ALIGN_JUSTIFY);
        CHECK(p.n_lines > 1);
        CHECK_INT(p.overfull, 0);
        for (size_t i = 0; i < p.n_lines; i++) {
            const pr_line *l = &p.lines[i];
            if (i + 1 < p.n_lines) {
                if (fabs(line_end(&p, i) - w) > 0.01)
                    UNIT_FAIL("largeur %d, ligne %zu : fin à %g", w, i, line_end(&p, i));
            } else {
                CHECK(line_end(&p, i) <= w);
                CHECK_NEAR(l->ratio, 0, 0);
            }
            /* stretch within the limit of the passes that found the layout */
            if (p.passes <= 2 && (l->ratio > 1 + 1e-9 || l->ratio < -1 - 1e-9))
                UNIT_FAIL("largeur %d, ligne %zu : ratio %g", w, i, l->ratio);
            if (p.passes <= 3 && i > 0 && l->hyphenated && p.lines[i - 1].hyphenated)
                UNIT_FAIL("largeur %d : lignes %zu et %zu coupées", w, i - 1, i);
            for (size_t j = 0; j + 1 < l->n_runs; j++)
                CHECK(l->runs[j].x + l->runs[j].width < l->runs[j + 1].x);
        }
        pr_para_free(&p);
    }
}

TEST(no_line_starts_with_high_punctuation)
{
    pr_para p;
    const char *src = "Les actions du programme ; les moyens : les résultats ! fin ? « suite » "
                      "et ( note ) ok";
    for (int al = PR_ALIGN_JUSTIFY; al <= PR_ALIGN_LEFT; al++)
        for (int w = 50; w <= 120; w += 5) {
            layout(&p, src, w, (pr_align)al);
            for (size_t i = 0; i < p.n_lines; i++) {
                const char *t = line_text(&p, i);
                if (strchr(";:!?)", t[0]) || !strncmp(t, "\xC2\xBB", 2))
                    UNIT_FAIL("largeur %d, ligne %zu commence par « %s »", w, i, t);
                size_t n = strlen(t);
                if ((n >= 2 && !strcmp(t + n - 2, "\xC2\xAB")) || t[n - 1] == '(')
                    UNIT_FAIL("largeur %d, ligne %zu finit par « %s »", w, i, t);
            }
            pr_para_free(&p);
        }
}

TEST(narrow_no_break_space_holds)
{
    pr_para p;
    /* "1 234 habitants" with U+202F: never split inside the number when
     * it fits on a line */
    layout(&p, "soit 1" NN "234" NN "567 habitants", 60, PR_ALIGN_LEFT);
    CHECK_INT(p.n_lines, 3);
    CHECK_STR(line_text(&p, 1), "1" NN "234" NN "567");
    CHECK_INT(p.overfull, 0);
    pr_para_free(&p);
    /* 11 characters in 8: wider than the line, the number is cut where it
     * must be, no piece beyond the box, and the paragraph said overfull */
    layout(&p, "soit 1" NN "234" NN "567 habitants", 40, PR_ALIGN_LEFT);
    CHECK_INT(p.n_lines, 4);
    CHECK_STR(line_text(&p, 1), "1" NN "234" NN "5");
    /* the last pass may hyphenate a short word too ("habitants", 9
     * letters, wider than the line) */
    CHECK_STR(line_text(&p, 2), "67 habi" SHY);
    CHECK_STR(line_text(&p, 3), "tants");
    CHECK_INT(p.overfull, 1);
    for (size_t i = 0; i < p.n_lines; i++)
        CHECK(p.lines[i].width <= 40 + 1e-9);
    pr_para_free(&p);
}

/* A word thousands of letters long (a long address, text pasted without
 * spaces) is cut into lines that fit, in linear time. */
TEST(very_long_word_cut_to_fit)
{
    static char text[20000];
    memcpy(text, "début ", 6);
    memset(text + 6, 'm', 12000);
    memcpy(text + 12006, " fin", 5);
    pr_para p;
    layout(&p, text, 200, PR_ALIGN_JUSTIFY);
    CHECK_INT(p.overfull, 1);
    CHECK(p.n_lines > 12000 * 5 / 200);   /* 5 points a letter in the fake font */
    size_t letters = 0;
    for (size_t i = 0; i < p.n_lines; i++) {
        CHECK(p.lines[i].width <= 200 + 1e-9);
        for (size_t j = 0; j < p.lines[i].n_runs; j++)
            for (const char *c = p.lines[i].runs[j].text; *c; c++)
                letters += *c == 'm';
    }
    CHECK_INT(letters, 12000);   /* no letter lost, no hyphen added */
    pr_para_free(&p);
}

TEST(ragged_hyphenates_only_long_words)
{
    pr_para p;
    layout(&p, "Les territoires engagés", 60, PR_ALIGN_LEFT);
    CHECK_STR(line_text(&p, 0), "Les");
    CHECK_STR(line_text(&p, 1), "territoires");
    CHECK_STR(line_text(&p, 2), "engagés");
    pr_para_free(&p);
    layout(&p, "Une intercommunalité", 60, PR_ALIGN_LEFT);   /* 16 letters >= 12 */
    CHECK_INT(p.n_lines, 2);
    CHECK_STR(line_text(&p, 0), "Une inter" SHY);
    CHECK_STR(line_text(&p, 1), "communalité");
    pr_para_free(&p);
}

TEST(one_letter_word_not_at_line_end)
{
    pr_para p;
    /* both first lines fit exactly in 110 pt; only "à" is kept off the end */
    layout(&p, "Les ateliers ouvert au tous les élus", 110, PR_ALIGN_LEFT);
    CHECK_STR(line_text(&p, 0), "Les ateliers ouvert au");
    pr_para_free(&p);
    layout(&p, "Les ateliers ouverts à tous les élus", 110, PR_ALIGN_LEFT);
    CHECK_STR(line_text(&p, 0), "Les ateliers ouverts");
    CHECK_STR(line_text(&p, 1), "à tous les élus");
    pr_para_free(&p);
}

TEST(measuring)
{
    pr_rich r;
    parse(&r, "ab **cd**\nle 2e", PR_MARKUP_TYPO, NULL);
    /* 9 characters at 5 pt, the superscript "e" at 3.25 pt, '\n' ignored */
    CHECK_NEAR(pr_rich_width(&r, &fake), 9 * 5 + 3.25, 1e-9);
    CHECK_NEAR(pr_text_width(&fake, PR_STYLE_BOLD, 12, "abc", 3), 18, 1e-9);
    pr_rich_free(&r);
}

TEST(centre_and_right)
{
    pr_para p;
    layout(&p, "Rapport annuel d'activité", 100, PR_ALIGN_CENTER);
    CHECK_INT(p.n_lines, 2);
    CHECK_STR(line_text(&p, 0), "Rapport annuel");
    CHECK_NEAR(p.lines[0].runs[0].x, 15, 1e-9);
    CHECK_NEAR(p.lines[1].runs[0].x, 25, 1e-9);
    pr_para_free(&p);
    layout(&p, "Rapport annuel d'activité", 100, PR_ALIGN_RIGHT);
    CHECK_NEAR(p.lines[0].runs[0].x, 30, 1e-9);
    CHECK_NEAR(line_end(&p, 1), 100, 1e-9);
    pr_para_free(&p);
}

TEST(forced_breaks_and_empty_lines)
{
    pr_para p;
    layout(&p, "Ligne un  \nLigne deux\n\nFin", 100, PR_ALIGN_JUSTIFY);
    CHECK_INT(p.n_lines, 4);
    CHECK_STR(line_text(&p, 0), "Ligne un");
    CHECK_INT(p.lines[0].forced, 1);
    CHECK_NEAR(p.lines[0].ratio, 0, 0);
    CHECK_STR(line_text(&p, 1), "Ligne deux");
    CHECK_INT(p.lines[2].n_runs, 0);
    CHECK_NEAR(p.lines[2].height, 13, 1e-9);
    CHECK_STR(line_text(&p, 3), "Fin");
    CHECK_INT(p.lines[3].forced, 0);
    CHECK_INT(p.lines[3].last, 1);
    pr_para_free(&p);
    layout(&p, "", 100, PR_ALIGN_JUSTIFY);
    CHECK_INT(p.n_lines, 0);
    CHECK_NEAR(p.height, 0, 0);
    pr_para_free(&p);
}

TEST(superscript_runs)
{
    pr_rich r;
    parse(&r, "le 2e rapport", PR_MARKUP_TYPO, NULL);
    pr_para_opts o = pr_para_opts_default(200);
    pr_para p;
    pr_para_layout(&p, &r, &fake, &o);
    CHECK_INT(p.n_lines, 1);
    CHECK_INT(p.lines[0].n_runs, 3);
    if (p.lines[0].n_runs == 3) {
        const pr_run *s = &p.lines[0].runs[1];
        CHECK_STR(s->text, "e");
        CHECK_INT(s->superscript, 1);
        CHECK_NEAR(s->size, 6.5, 1e-9);
        CHECK_NEAR(s->rise, 3.3, 1e-9);
        CHECK_NEAR(s->x, 20, 1e-9);
        CHECK_NEAR(s->width, 3.25, 1e-9);
        CHECK_STR(p.lines[0].runs[0].text, "le 2");
        /* the space after the superscript is the plain text's: its run's */
        CHECK_STR(p.lines[0].runs[2].text, " rapport");
        CHECK_NEAR(p.lines[0].runs[2].x, 23.25, 1e-9);
        CHECK_NEAR(p.lines[0].runs[2].width, 40, 1e-9);
    }
    CHECK_NEAR(p.lines[0].height, 13, 1e-9);   /* superscripts do not raise lines */
    pr_para_free(&p);
    pr_rich_free(&r);
}

TEST(mixed_sizes_line_height)
{
    pr_rich r;
    pr_rich_init(&r);
    pr_span a = pr_span_default();
    pr_rich_add(&r, &a, "petit ", 6);
    a.size = 20;
    pr_rich_add(&r, &a, "GRAND", 5);
    pr_para_opts o = pr_para_opts_default(300);
    pr_para p;
    pr_para_layout(&p, &r, &fake, &o);
    CHECK_INT(p.n_lines, 1);
    CHECK_NEAR(p.lines[0].height, 26, 1e-9);
    CHECK_NEAR(p.lines[0].baseline, 19, 1e-9);   /* 3 half-leading + 16 ascent */
    CHECK_NEAR(p.lines[0].runs[1].x, 30, 1e-9);
    pr_para_free(&p);
    pr_rich_free(&r);
}

TEST(max_lines_overflow)
{
    pr_rich r;
    parse(&r, long_text, 0, NULL);
    pr_para_opts o = pr_para_opts_default(200);
    o.hyph = hyph;
    pr_para full, cut;
    pr_para_layout(&full, &r, &fake, &o);
    o.max_lines = 3;
    pr_para_layout(&cut, &r, &fake, &o);
    CHECK(full.n_lines > 3);
    CHECK_INT(full.overflow, 0);
    CHECK_INT(cut.n_lines, 3);
    CHECK_INT(cut.overflow, 1);
    CHECK_NEAR(cut.height, 39, 1e-9);
    CHECK_STR(line_text(&cut, 2), line_text(&full, 2));
    CHECK_NEAR(pr_para_lines_height(&full, 1, 3), 26, 1e-9);
    CHECK_NEAR(pr_para_lines_height(&full, 2, 999), full.height - 26, 1e-9);
    pr_para_free(&full);
    pr_para_free(&cut);
    pr_rich_free(&r);
}

TEST(fit_into_box)
{
    pr_rich r;
    parse(&r, "Planification écologique", 0, NULL);   /* 24 characters */
    pr_para_opts o = pr_para_opts_default(100);
    o.align = PR_ALIGN_CENTER;
    o.max_lines = 1;
    pr_para p;
    /* one line of 100 pt: 24 × 0.5 × size <= 100 -> size 8.25 (0.25 steps) */
    pr_fit f = pr_para_fit(&p, &r, &fake, &o, 20, 6, 12);
    CHECK_NEAR(f.size, 8.25, 1e-9);
    CHECK_NEAR(f.scale, 0.825, 1e-9);
    CHECK_INT(f.overflow, 0);
    CHECK_INT(p.n_lines, 1);
    pr_para_free(&p);
    /* min 9 pt: does not fit on one line; wrapping is not allowed */
    f = pr_para_fit(&p, &r, &fake, &o, 20, 9, 12);
    CHECK_NEAR(f.size, 9, 1e-9);
    CHECK_INT(f.overflow, 1);
    CHECK_INT(p.n_lines, 1);
    CHECK_INT(p.overflow, 1);
    pr_para_free(&p);
    /* two lines allowed in 30 pt at most: 12 pt gives 2 × 15.6 > 30, 11.5 fits */
    o.max_lines = 2;
    f = pr_para_fit(&p, &r, &fake, &o, 30, 6, 12);
    CHECK_NEAR(f.size, 11.5, 1e-9);
    CHECK_INT(p.n_lines, 2);
    CHECK_INT(f.overflow, 0);
    pr_para_free(&p);
    pr_rich_free(&r);
}

TEST(indent_and_overfull)
{
    pr_para p;
    pr_rich r;
    parse(&r, "Un texte en retrait de premiere ligne", 0, NULL);
    pr_para_opts o = pr_para_opts_default(100);
    o.indent = 10;
    o.align = PR_ALIGN_LEFT;
    pr_para_layout(&p, &r, &fake, &o);
    CHECK_NEAR(p.lines[0].runs[0].x, 10, 1e-9);
    CHECK_STR(line_text(&p, 0), "Un texte en");        /* 10 + 55 pt */
    CHECK_STR(line_text(&p, 1), "retrait de premiere");
    CHECK_NEAR(p.lines[1].runs[0].x, 0, 1e-9);
    pr_para_free(&p);
    pr_rich_free(&r);
    layout(&p, "x https://exemple.fr/un/chemin/tres/long y", 50, PR_ALIGN_LEFT);
    CHECK_INT(p.overfull, 0);
    for (size_t i = 0; i < p.n_lines; i++)
        CHECK(line_end(&p, i) <= 50 + 1e-9);
    pr_para_free(&p);
}

TEST(real_lato_layout)
{
    pr_fontset fs;
    pr_diags d;
    pr_diags_init(&d);
    if (pr_fontset_load(&fs, "fonts/fonts.conf", &d)) {
        UNIT_FAIL("fonts/fonts.conf illisible");
        return;
    }
    /* at 10 pt, per-mille advances from the TTF; the same values as
     * libharu's HPDF_Font_TextWidth (7313 and 7473) unkerned; kerned,
     * "Te" closes by 122/1000 em, "Pl" by… : 1.965 and 1.9 pt less */
    CHECK_NEAR(pr_text_width(&fs, PR_STYLE_REGULAR, 10, "A", 1), 6.77, 1e-9);
    const pr_font_metrics *reg = pr_fontset_metrics(&fs, PR_STYLE_REGULAR);
    CHECK_NEAR(pr_metrics_width(reg, 10, "Planif Territoires", 18, 0), 73.13, 1e-9);
    CHECK_NEAR(pr_metrics_width(pr_fontset_metrics(&fs, PR_STYLE_BOLD), 10, "Planif Territoires",
                                18, 0), 74.73, 1e-9);
    CHECK_NEAR(pr_text_width(&fs, PR_STYLE_REGULAR, 10, "Planif Territoires", 18), 71.165, 1e-9);
    CHECK_NEAR(pr_text_width(&fs, PR_STYLE_BOLD, 10, "Planif Territoires", 18), 72.83, 1e-9);
    CHECK_NEAR(pr_text_width(&fs, PR_STYLE_REGULAR, 10, "Te", 2), 11.18 - 1.22, 1e-9);
    pr_rich r;
    parse(&r, long_text, PR_MARKUP_TYPO, NULL);
    pr_para_opts o = pr_para_opts_default(290);
    o.hyph = hyph;
    pr_para p;
    pr_para_layout(&p, &r, &fs, &o);
    CHECK_INT(p.n_lines, 5);
    CHECK_INT(p.passes, 2);
    CHECK_NEAR(p.lines[0].height, 13, 1e-9);
    CHECK_NEAR(p.lines[0].baseline, 10.37, 1e-9);   /* 0.5 + 9.87 ascent */
    for (size_t i = 0; i + 1 < p.n_lines; i++) {
        CHECK_NEAR(line_end(&p, i), 290, 0.01);
        CHECK(fabs(p.lines[i].ratio) <= 1 + 1e-9);
        CHECK(!(i > 0 && p.lines[i].hyphenated && p.lines[i - 1].hyphenated));
    }
    pr_para_free(&p);
    pr_rich_free(&r);
    pr_fontset_free(&fs);
    pr_diags_free(&d);
}

/* Two layouts are the same, line by line and run by run. */
static int same_para(const pr_para *a, const pr_para *b)
{
    if (a->n_lines != b->n_lines || a->height != b->height || a->overfull != b->overfull ||
        a->overflow != b->overflow || a->passes != b->passes)
        return 0;
    for (size_t i = 0; i < a->n_lines; i++) {
        const pr_line *x = &a->lines[i], *y = &b->lines[i];
        if (x->n_runs != y->n_runs || x->width != y->width || x->height != y->height ||
            x->baseline != y->baseline || x->hyphenated != y->hyphenated || x->last != y->last)
            return 0;
        for (size_t k = 0; k < x->n_runs; k++) {
            const pr_run *r = &x->runs[k], *q = &y->runs[k];
            if (r->x != q->x || r->width != q->width || r->len != q->len ||
                memcmp(r->text, q->text, r->len) || r->size != q->size || r->style != q->style ||
                (!r->link) != (!q->link) || (r->link && strcmp(r->link, q->link)))
                return 0;
        }
    }
    return 1;
}

TEST(cache_gives_the_same_layout)
{
    const char *src = "Les *ateliers* du réseau ont réuni [les élus](https://exemple.fr) "
                      "de quarante-deux intercommunalités ; la ^2e^ rencontre suivra.";
    pr_rich r;
    parse(&r, src, 0, NULL);
    pr_para_opts o = pr_para_opts_default(120);
    o.hyph = hyph;
    pr_para plain;
    pr_para_layout(&plain, &r, &fake, &o);
    CHECK(plain.n_lines > 2);

    pr_para_cache *c = pr_para_cache_new(1u << 20);
    o.cache = c;
    pr_para first, again, wider;
    pr_para_layout(&first, &r, &fake, &o);
    pr_para_layout(&again, &r, &fake, &o);
    size_t lookups, hits;
    pr_para_cache_stats(c, &lookups, &hits);
    CHECK_INT(lookups, 2);
    CHECK_INT(hits, 1);
    CHECK(same_para(&plain, &first));
    CHECK(same_para(&plain, &again));
    /* the copy owns its texts: the rich text can go */
    pr_rich_free(&r);
    CHECK_STR(line_text(&again, 0), line_text(&plain, 0));

    /* another width, another text, another colour: other layouts */
    parse(&r, src, 0, NULL);
    o.width = 200;
    pr_para_layout(&wider, &r, &fake, &o);
    CHECK(wider.n_lines < plain.n_lines);
    pr_para_free(&wider);
    o.width = 120;
    r.spans[0].color.r = 0.5;
    pr_para_layout(&wider, &r, &fake, &o);
    pr_para_free(&wider);
    pr_para_cache_stats(c, &lookups, &hits);
    CHECK_INT(lookups, 4);
    CHECK_INT(hits, 1);
    pr_rich_free(&r);

    /* full: nothing more is kept, layouts are still made */
    pr_para_cache *tiny = pr_para_cache_new(1);
    o.cache = tiny;
    parse(&r, src, 0, NULL);
    for (int i = 0; i < 3; i++) {
        pr_para_layout(&wider, &r, &fake, &o);
        CHECK(same_para(&plain, &wider));
        pr_para_free(&wider);
    }
    pr_para_cache_stats(tiny, &lookups, &hits);
    CHECK_INT(hits, 2);   /* the first one was kept, then no more */
    pr_rich_free(&r);
    pr_para_cache_free(tiny);

    pr_para_free(&plain);
    pr_para_free(&first);
    pr_para_free(&again);
    pr_para_cache_free(c);
}

int main(void)
{
    pr_fontset_fake(&fake, 500);
    hyph = pr_hyph_load(NULL, NULL);
    if (!hyph) {
        fprintf(stderr, "hyph_fr.dic absent\n");
        return 1;
    }
    RUN(markup_styles);
    RUN(markup_links_breaks_escapes);
    RUN(markup_link_colour_and_superscript);
    RUN(markup_span_attributes);
    RUN(nobreak_names_and_real_hyphens);
    RUN(markup_warnings);
    RUN(markup_typography);
    RUN(ragged_exact_breaks);
    RUN(justified_exact_breaks);
    RUN(justified_properties_over_widths);
    RUN(no_line_starts_with_high_punctuation);
    RUN(narrow_no_break_space_holds);
    RUN(very_long_word_cut_to_fit);
    RUN(ragged_hyphenates_only_long_words);
    RUN(one_letter_word_not_at_line_end);
    RUN(measuring);
    RUN(centre_and_right);
    RUN(forced_breaks_and_empty_lines);
    RUN(superscript_runs);
    RUN(mixed_sizes_line_height);
    RUN(max_lines_overflow);
    RUN(fit_into_box);
    RUN(indent_and_overfull);
    RUN(real_lato_layout);
    RUN(cache_gives_the_same_layout);
    pr_hyph_free(hyph);
    pr_sources_free();
    return UNIT_DONE();
}
