/* test_layout_pdf.c — the flow engine with the real Lato fonts, through to
 * the PDF backend: a sample document using every component is laid out in
 * two passes (table of contents), rendered twice (identical bytes), with
 * exactly the expected warnings.
 *
 * `test_layout_pdf --sample FILE` writes the sample to FILE and exits: the
 * end-to-end script tests/e2e/pdf_sample.sh inspects it with qpdf and
 * poppler (fonts, text, outline, links, determinism). All text below is
 * written for this test. */
#include <stdlib.h>

#include "typeset/hyph.h"
#include "typeset/layout.h"
#include "pdf/render_pdf.h"
#include "unit.h"

#define FONTS_CONF "fonts/fonts.conf"

/* A custom block: a small vector shape standing in for a map. */
static void draw_shape(pr_layout *L, int page, pr_box b, void *ctx)
{
    (void)ctx;
    pr_paint p = pr_paint_fill(0xDDE4F0);
    p.stroke = 0x000091;
    p.line_width = 0.8;
    pr_path path = {0};
    pr_path_move(&path, b.x + 20, b.y + 10);
    pr_path_line(&path, b.x + 200, b.y + 30);
    pr_path_curve(&path, b.x + 260, b.y + 60, b.x + 220, b.y + 110, b.x + 150, b.y + 120);
    pr_path_line(&path, b.x + 30, b.y + 100);
    pr_path_close(&path);
    pr_doc_path(pr_layout_doc(L), page, &path, PR_FILL_EVENODD, &p);
    pr_path_free(&path);
}

/* Lay out the sample content into L. */
static void compose(pr_layout *L)
{
    const pr_layout_style *st = pr_layout_get_style(L);
    pr_doc *doc = pr_layout_doc(L);
    pr_paint blue = pr_paint_fill(st->palette.primary);

    int cover = pr_layout_free_page(L, PR_PAGE_COVER);
    pr_doc_rect(doc, cover, (pr_box){0, 0, st->page_width, st->page_height * 0.55}, 0, &blue);
    pr_text_style big = pr_layout_text_style(L, 1);
    big.size = 32;
    big.color = st->palette.on_primary;
    pr_layout_draw_text(L, cover, 60, 220, 470, "Rapport d’activités 2023", &big);

    pr_layout_heading(L, 1, NULL, "Sommaire", NULL);
    pr_layout_toc_entry(L, 1, "1.", "Un réseau en quelques mots", "s1");
    pr_layout_toc_entry(L, 2, NULL, "Ce que fait le réseau", "s1a");
    pr_layout_toc_entry(L, 1, "2.", "Une année de travaux", "s2");

    pr_layout_divider(L, "1", "Un réseau en quelques mots",
                      "Qui nous sommes, ce que nous faisons, l’année en chiffres", PR_RGB_NONE, "s1");

    pr_layout_heading(L, 2, NULL, "Ce que fait le réseau", "s1a");
    pr_layout_paragraph(L,
        "Le réseau **Planif Territoires** réunit celles et ceux qui élaborent les "
        "documents d’urbanisme : élus, techniciens des intercommunalités, agences, "
        "services de l’État. Il *met en relation* les équipes, diffuse des méthodes et "
        "rend visibles les expériences réussies. Tout est sur "
        "[le site du réseau](https://www.planif-territoires.logement.gouv.fr).", NULL);
    pr_list_item items[] = {
        {"**Relier** les équipes qui planifient, d’un territoire à l’autre ;", 0},
        {"**Outiller** les collectivités avec des guides, des webinaires et des ateliers "
         "pratiques ouverts à toutes et à tous ;", 0},
        {"à l’échelle nationale : journées d’échange ;", 1},
        {"**Valoriser** les démarches exemplaires.", 0}};
    pr_layout_list(L, items, 4, PR_BULLET_TICK, NULL);
    pr_layout_heading(L, 3, NULL, "L’année en chiffres", NULL);
    pr_tile tiles[] = {{"310", "personnes mobilisées", PR_RGB_NONE},
                       {"210", "inscrits à la journée nationale", PR_RGB_NONE},
                       {"4", "ateliers d’élus", PR_RGB_NONE},
                       {"2", "lettres publiées", PR_RGB_NONE}};
    pr_layout_tiles(L, tiles, 4, 4, 0);
    pr_card axes[] = {
        {"1", "ÉLUS", NULL, "La place des élus dans la planification", NULL, 0, NULL, PR_RGB_NONE, NULL},
        {"2", "DENSITÉ", NULL, "Mieux comprendre la densité", NULL, 0, NULL, 0xE1000F, NULL},
        {"3", "NATURE", NULL, "Redonner de la place au vivant", NULL, 0, NULL, 0x009A8C, NULL}};
    pr_cards_style band = {3, PR_CARD_BAND, 0, 0, PR_ALIGN_CENTER, 0, 0};
    pr_layout_cards(L, axes, 3, &band);
    pr_card people[] = {
        {NULL, "Camille DURAND", "Cheffe de projet", NULL, NULL, 0, NULL, PR_RGB_NONE, NULL},
        {NULL, "Hervé ÉTIENNE", "Urbaniste", NULL, NULL, 0, NULL, PR_RGB_NONE, NULL},
        {NULL, "Intercommunalitésupercalifragilistique", "Nom trop long", NULL, NULL, 0, NULL,
         PR_RGB_NONE, NULL}};
    pr_cards_style outline = {3, PR_CARD_OUTLINE, 0, 0, PR_ALIGN_CENTER, 0, 0};
    pr_layout_cards(L, people, 3, &outline);

    pr_layout_page_break(L);
    pr_layout_heading(L, 1, "2.", "Une année de travaux", "s2");
    const char *sub[] = {"premier atelier", "second atelier"};
    pr_timeline_entry tl[] = {
        {"Janvier", "Comité de pilotage", "Les priorités de l’année sont fixées.", NULL, 0, PR_RGB_NONE},
        {"Mars", "Ateliers d’élus", "Deux rencontres entre élus volontaires.", sub, 2, 0xE1000F},
        {"Décembre", "Journée nationale", "Une journée d’échanges à Paris.", NULL, 0, PR_RGB_NONE}};
    pr_layout_timeline(L, tl, 3);
    pr_layout_quote(L, "Ces journées nous donnent le recul qui manque au quotidien.",
                    "**Une participante**, directrice de l’urbanisme");
    const char *head[] = {"Réseau local", "Échelle", "Départements"};
    const char *cells[] = {"Bretagne", "Régionale", "4", "Landes", "Départementale", "1",
                           "Ardennes", "Départementale", "1"};
    double wts[] = {3, 2, 1};
    pr_align al[] = {PR_ALIGN_LEFT, PR_ALIGN_LEFT, PR_ALIGN_RIGHT};
    pr_table t = {3, wts, al, head, cells, 3, "Source : équipe d’animation.", 1, PR_RGB_NONE, 0};
    pr_layout_table(L, &t);
    pr_box_style bs = {PR_RGB_NONE, PR_RGB_NONE, 0xE1000F, 0, 1};
    pr_layout_box_begin(L, &bs);
    pr_layout_heading(L, 3, NULL, "Pour aller plus loin", NULL);
    pr_layout_paragraph(L, "Les ressources du réseau sont « en accès libre » sur son site.", NULL);
    pr_layout_box_end(L);
    pr_layout_custom(L, 130, draw_shape, NULL);
    pr_layout_free_page(L, PR_PAGE_BACK);
}

/* Build the sample document in two passes; NULL if the fonts are missing. */
static pr_doc *build_sample(pr_diags *d)
{
    pr_fontset fs;
    if (pr_fontset_load(&fs, FONTS_CONF, d)) return NULL;
    pr_hyph *hy = pr_hyph_load(NULL, d);
    pr_layout_style st = pr_layout_style_default(&fs);
    st.hyph = hy;
    st.header_title = "Réseau Planif Territoires";
    pr_layout *first = pr_layout_new(&st, NULL);
    compose(first);
    pr_doc_free(pr_layout_finish(first));
    pr_layout *L = pr_layout_new(&st, d);
    pr_layout_set_previous(L, first);
    compose(L);
    pr_doc *doc = pr_layout_finish(L);
    pr_doc_info info = {"Rapport d’activités 2023", "Réseau Planif Territoires",
                        "Exemple de mise en page", "planification, réseau", "planif-rapport",
                        1714521600};
    pr_doc_set_info(doc, &info);
    pr_layout_free(L);
    pr_layout_free(first);
    pr_hyph_free(hy);
    pr_fontset_free(&fs);
    return doc;
}

TEST(sample_renders_identically)
{
    pr_diags d;
    pr_diags_init(&d);
    pr_doc *doc = build_sample(&d);
    CHECK(doc != NULL);
    if (!doc) return;
    CHECK_INT(doc->n_pages, 6);
    CHECK_INT(d.n_errors, 0);
    CHECK_INT(d.n_warnings, 1);
    if (d.n)
        CHECK_STR(d.items[0].msg, "le texte « Intercommunalitésupercalifragilistique » a un mot "
                                  "plus large que sa carte, même réduit à 8.6 pt : il est coupé");
    /* the table of contents shows the pages of the second pass */
    int found = 0;
    const pr_page *toc = &doc->pages[1];
    for (size_t i = 0; i < toc->n_ops; i++)
        if (toc->ops[i].kind == PR_OP_TEXT && !strcmp(toc->ops[i].u.text.text, "5")) found++;
    CHECK_INT(found, 1);   /* section 2 on page 5 ("5" is not a page footer here) */
    unsigned char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    CHECK_INT(pr_pdf_render(doc, &a, &na, &d), 0);
    CHECK_INT(pr_pdf_render(doc, &b, &nb, &d), 0);
    CHECK(a && b && na == nb && !memcmp(a, b, na));
    CHECK_INT(d.n_errors, 0);
    free(a);
    free(b);
    pr_doc_free(doc);
    pr_diags_free(&d);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--sample")) {
        pr_diags d;
        pr_diags_init(&d);
        pr_doc *doc = build_sample(&d);
        int rc = doc ? pr_pdf_write(doc, argv[2], &d) : 1;
        pr_diags_print(&d, stderr);
        pr_diags_free(&d);
        pr_doc_free(doc);
        return rc ? 1 : 0;
    }
    RUN(sample_renders_identically);
    return UNIT_DONE();
}
