/* test_report.c — composing the report from the default template and the
 * 2023 data with a fake font set: page kinds and order, contents page
 * numbers equal to the divider pages, section anchors, the `si` condition,
 * and positioned errors for texts that cannot be expanded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compose/report.h"
#include "data/load.h"
#include "unit.h"

static pr_diags diags;
static pr_model *model;
static pr_figures figures;
static pr_fontset fonts;

static void setup(void)
{
    pr_diags_init(&diags);
    pr_arena a = {0};
    const pr_value *root = pr_load_file("data/2023.yaml", PR_FORMAT_AUTO, &a, &diags);
    model = root ? pr_model_build(root, &a, "data/2023.yaml", &diags) : NULL;
    if (!model) {
        pr_diags_print(&diags, stderr);
        exit(1);
    }
    pr_figures_compute(model, &figures);
    pr_fontset_fake(&fonts, 500);
}

/* Concatenated text of page `pg` (runs separated by one space). */
static char *page_text(const pr_doc *doc, size_t pg)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    const pr_page *p = &doc->pages[pg];
    for (size_t i = 0; i < p->n_ops; i++)
        if (p->ops[i].kind == PR_OP_TEXT) {
            /* without the space a word break adds at its end (layout.c) */
            const char *t = p->ops[i].u.text.text;
            size_t n = strlen(t);
            pr_sb_add(&sb, t, n && t[n - 1] == ' ' ? n - 1 : n);
            pr_sb_putc(&sb, ' ');
        }
    return pr_sb_steal(&sb);
}

static pr_doc *build(const char *dir)
{
    pr_diags_free(&diags);
    pr_diags_init(&diags);
    pr_template *t = pr_template_load(dir, &diags);
    if (!t) {
        pr_diags_print(&diags, stderr);
        return NULL;
    }
    pr_report_env env = {&fonts, NULL, "data", NULL};
    pr_doc *doc = pr_report_build(t, model, &figures, &env, &diags);
    pr_template_free(t);
    return doc;
}

TEST(default_report_structure)
{
    pr_doc *doc = build("report-templates/rapport-annuel");
    CHECK(doc != NULL);
    if (!doc)
        return;
    CHECK_INT(diags.n_errors, 0);
    CHECK_INT(doc->pages[0].kind, PR_PAGE_COVER);
    CHECK_INT(doc->pages[doc->n_pages - 1].kind, PR_PAGE_BACK);
    /* no blank page before the back cover (whatever the parity): the page
     * before it is the last content page, with something drawn on it */
    CHECK_INT(doc->pages[doc->n_pages - 2].kind, PR_PAGE_CONTENT);
    CHECK(doc->pages[doc->n_pages - 2].n_ops > 8);
    /* the dividers, in order, and the contents page's numbers */
    size_t dividers[16], nd = 0;
    for (size_t i = 0; i < doc->n_pages; i++)
        if (doc->pages[i].kind == PR_PAGE_DIVIDER && nd < 16)
            dividers[nd++] = i;
    CHECK_INT(nd, 7);
    /* the contents: the front matter after the cover (i, ii…) */
    CHECK(doc->front_matter >= 2);
    pr_strbuf tb = {0};
    pr_sb_puts(&tb, "");
    for (int pg = 1; pg < doc->front_matter; pg++) {
        char *t = page_text(doc, (size_t)pg);
        pr_sb_puts(&tb, t);
        free(t);
    }
    char *toc = pr_sb_steal(&tb);
    CHECK(strstr(toc, "Sommaire") != NULL);
    /* each contents line: number, title, page number (as separate runs) */
    const char *p = toc;
    for (size_t k = 0; k < nd; k++) {
        char want[32];
        snprintf(want, sizeof want, " %zu ", dividers[k] + 1);
        const char *hit = strstr(p, want);
        if (!hit)
            UNIT_FAIL("sommaire : page %zu de la section %zu absente de « %s »", dividers[k] + 1,
                      k + 1, toc);
        else
            p = hit + 1;
        char *dt = page_text(doc, dividers[k]);
        char num[32];
        snprintf(num, sizeof num, "%zu ", k + 1);
        CHECK(!strncmp(dt, num, strlen(num)));
        free(dt);
        /* the strip of numerals at its foot links to the other dividers */
        const pr_page *dp = &doc->pages[dividers[k]];
        size_t links = 0;
        for (size_t o = 0; o < dp->n_ops; o++) {
            if (dp->ops[o].kind != PR_OP_LINK || dp->ops[o].u.link.uri)
                continue;
            links++;
            int dest = dp->ops[o].u.link.dest_page, is_divider = 0;
            for (size_t q = 0; q < nd; q++)
                is_divider |= dest == (int)dividers[q] && q != k;
            CHECK(is_divider);
        }
        CHECK_INT(links, nd - 1);
    }
    CHECK(strstr(toc, "Le réseau Planif Territoires en bref") != NULL);
    CHECK(strstr(toc, "Une communication renouvelée") != NULL);
    /* under the contents: the year at a glance (computed figures), then the
     * note on how to read the report */
    const char *glance = strstr(toc, "L’année 2023 en un coup d’œil");
    CHECK(glance != NULL);
    if (glance) {
        char want[64];
        snprintf(want, sizeof want, " %ld événements organisés", pr_figures_get(&figures, "evenements_organises")->value);
        CHECK(strstr(glance, want) != NULL);
        snprintf(want, sizeof want, " %ld partenaires au comité", pr_figures_get(&figures, "partenaires")->value);
        CHECK(strstr(glance, want) != NULL);
        const char *note = strstr(glance, "Comment lire ce rapport");
        CHECK(note != NULL);
        if (note)
            CHECK(strstr(note, "Contrôles") != NULL);
    }
    free(toc);
    /* no photo in the 2023 data: no photo credit on the back cover, the
     * other credits are there */
    char *back = page_text(doc, doc->n_pages - 1);
    CHECK(strstr(back, "Rédaction") != NULL);
    CHECK(strstr(back, "photo") == NULL);
    free(back);
    /* outline: one level-1 entry per section (plus the contents) */
    size_t l1 = 0;
    for (size_t i = 0; i < doc->n_outline; i++)
        l1 += doc->outline[i].level == 1;
    CHECK_INT(l1, 8);
    CHECK_STR(doc->info.title, "Rapport d'activités 2023");
    /* the cover: ministry block and motto, name, title, publisher line */
    char *cover = page_text(doc, 0);
    CHECK(strstr(cover, "MINISTÈRE DE LA TRANSITION ÉCOLOGIQUE") != NULL);
    CHECK(strstr(cover, "Liberté Égalité Fraternité") != NULL);
    CHECK(strstr(cover, "PLANIF TERRITOIRES") != NULL);
    CHECK(strstr(cover, "DGALN / DHUP / UP3 – Mai 2024") != NULL);
    free(cover);
    /* four faces only (regular, italic, bold, black): no light face */
    CHECK_INT(doc->n_fonts, 4);
    for (size_t i = 0; i < doc->n_fonts; i++)
        CHECK(strstr(doc->fonts[i], "light") == NULL);
    pr_doc_free(doc);
}

static char dir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        exit(1);
    fputs(text, f);
    fclose(f);
}

TEST(conditions_and_sources)
{
    write_file("style.yaml", "page: {format: A4}\n");
    write_file("structure.yaml",
               "couverture: {titre: T, rapport: R}\n"
               "sommaire: {titre: S}\n"
               "sections:\n"
               "  - numero: \"1\"\n"
               "    titre: Un\n"
               "    composants:\n"
               "      - composant: texte\n"
               "        texte: \"AVEC-{{reseau.nom}}\"\n"
               "        si: reseau.nom\n"
               "      - composant: texte\n"
               "        texte: \"SANS-{{reseau.nom}}\"\n"
               "        si: non reseau.nom\n"
               "      - composant: texte\n"
               "        source: evenements[type=atelier_elus]\n"
               "        texte: \"GT-{{@rang}}{{theme}}\"\n"
               "      - composant: texte\n"
               "        source: evenements[type=webinaire]\n"
               "        texte: \"WEBINAIRE\"\n"
               "quatrieme: {titre: Q}\n");
    pr_doc *doc = build(dir);
    CHECK(doc != NULL);
    if (!doc)
        return;
    pr_strbuf all = {0};
    pr_sb_puts(&all, "");
    for (size_t i = 0; i < doc->n_pages; i++) {
        char *t = page_text(doc, i);
        pr_sb_puts(&all, t);
        free(t);
    }
    CHECK(strstr(all.data, "AVEC-Planif") != NULL);
    CHECK(strstr(all.data, "SANS-") == NULL);
    CHECK(strstr(all.data, "WEBINAIRE") == NULL);
    /* three workshops, each with its rank and theme */
    CHECK(strstr(all.data, "GT-1Le") != NULL);
    CHECK(strstr(all.data, "GT-2La") != NULL);
    CHECK(strstr(all.data, "GT-3Les") != NULL);
    pr_sb_free(&all);
    pr_doc_free(doc);
}

/* Components are evaluated before the layout: a heading with nothing under
 * it is left out, a section with nothing is left out of the contents, the
 * numbering, the dividers' row and the outline; a group repeats its
 * components for each item of its source, "." is that item in a list
 * filter, `filtre` keeps some items. */
TEST(groups_headings_and_empty_sections)
{
    write_file("style.yaml", "page: {format: A4}\n");
    write_file("structure.yaml",
               "couverture: {titre: T, rapport: R}\n"
               "sommaire: {titre: S}\n"
               "sections:\n"
               "  - titre: Un\n"
               "    composants:\n"
               "      - {composant: intertitre, texte: \"H-VIDE\"}\n"
               "      - {composant: texte, texte: \"RIEN\", si: reseau.historique = x}\n"
               "      - {composant: intertitre, texte: \"H-PLEIN\"}\n"
               "      - {composant: texte, texte: \"CONTENU\"}\n"
               "      - {composant: sous_titre, texte: \"SOUS-VIDE\"}\n"
               "      - {composant: tuiles, source: \"evenements[type=webinaire]\", titre: \"{{titre}}\"}\n"
               "  - titre: Deux\n"
               "    composants:\n"
               "      - {composant: intertitre, texte: \"SEUL\"}\n"
               "      - {composant: tuiles, source: \"evenements[type=webinaire]\", titre: \"{{titre}}\"}\n"
               "      - {composant: saut_de_page}\n"
               "  - titre: Trois\n"
               "    composants:\n"
               "      - composant: groupe\n"
               "        source: \"chantiers[statut[rapport.annee]=en_cours]\"\n"
               "        composants:\n"
               "          - {composant: intertitre, texte: \"CH-{{id}}\"}\n"
               "          - {composant: texte, texte: \"RANG-{{@rang}}/{{@nombre}}\"}\n"
               "          - {composant: sous_titre, texte: \"ELUS-{{id}}\"}\n"
               "          - composant: cartes_personnes\n"
               "            source: \"elus[chantier=.id]\"\n"
               "            nom: \"{{prenom}} {{nom}}\"\n"
               "      - composant: groupe\n"
               "        source: partenaires\n"
               "        filtre: depuis = rapport.annee\n"
               "        composants:\n"
               "          - {composant: texte, texte: \"NOUVEAU-{{id}}\"}\n"
               "  - titre: Quatre\n"
               "    composants:\n"
               "      - {composant: texte, texte: \"FIN\"}\n"
               "quatrieme: {titre: Q}\n");
    pr_doc *doc = build(dir);
    CHECK(doc != NULL);
    if (!doc)
        return;
    CHECK_INT(diags.n_errors, 0);
    pr_strbuf all = {0};
    pr_sb_puts(&all, "");
    size_t nd = 0;
    for (size_t i = 0; i < doc->n_pages; i++) {
        char *t = page_text(doc, i);
        pr_sb_puts(&all, t);
        if (doc->pages[i].kind == PR_PAGE_DIVIDER) {
            nd++;
            /* numbered in order, the row at the foot lists the three */
            char want[64];
            snprintf(want, sizeof want, "%zu %s 1 2 3 ", nd, nd == 1 ? "Un" : nd == 2 ? "Trois" : "Quatre");
            if (!strstr(t, want))
                UNIT_FAIL("intercalaire %zu : « %s » attendu dans « %s »", nd, want, t);
        }
        free(t);
    }
    CHECK_INT(nd, 3);
    char *toc = page_text(doc, 1);
    CHECK(strstr(toc, "Un") && strstr(toc, "Trois") && strstr(toc, "Quatre"));
    CHECK(strstr(toc, "Deux") == NULL);
    free(toc);
    size_t top = 0;
    for (size_t i = 0; i < doc->n_outline; i++)
        if (doc->outline[i].level == 1 && strcmp(doc->outline[i].title, "S")) {
            top++;
            CHECK(strcmp(doc->outline[i].title, "Deux"));
        }
    CHECK_INT(top, 3);
    CHECK(strstr(all.data, "H-VIDE") == NULL);
    CHECK(strstr(all.data, "SOUS-VIDE") == NULL);
    CHECK(strstr(all.data, "H-PLEIN") != NULL);
    CHECK(strstr(all.data, "SEUL") == NULL);
    /* the workstreams in progress in 2023: 1.a, 1.b, 3 (2 is only started) */
    CHECK(strstr(all.data, "CH-1.a") && strstr(all.data, "CH-1.b") && strstr(all.data, "CH-3"));
    CHECK(strstr(all.data, "CH-2") == NULL);
    CHECK(strstr(all.data, "RANG-1/3") && strstr(all.data, "RANG-3/3"));
    /* only 1.a has officials: its heading and cards, none for the others */
    CHECK(strstr(all.data, "ELUS-1.a") != NULL);
    CHECK(strstr(all.data, "ELUS-1.b") == NULL);
    CHECK(strstr(all.data, "Sylvain") != NULL);
    CHECK(strstr(all.data, "NOUVEAU-cnfpt") != NULL);
    CHECK(strstr(all.data, "NOUVEAU-amf") == NULL);
    pr_sb_free(&all);
    pr_doc_free(doc);
}

TEST(expansion_errors_fail_the_build)
{
    write_file("style.yaml", "page: {format: A4}\npalette: {bleu: \"#000091\"}\n");
    write_file("structure.yaml",
               "couverture: {titre: T, rapport: R}\n"
               "sommaire: {titre: S}\n"
               "sections:\n"
               "  - numero: \"1\"\n"
               "    titre: Un\n"
               "    composants:\n"
               "      - composant: tuiles\n"
               "        source: partenaires\n"
               "        titre: \"{{nom}}\"\n"
               "        couleur: \"{{id}}\"\n"
               "quatrieme: {titre: Q}\n");
    pr_doc *doc = build(dir);
    CHECK(doc == NULL);
    CHECK(diags.n_errors >= 1);
    if (diags.n)
        CHECK_STR(diags.items[0].msg, "couleur inconnue « amf » : ni une couleur de la palette, ni #RRGGBB");
    if (diags.n)
        CHECK_INT(diags.items[0].pos.line, 10);
    pr_doc_free(doc);
}

/* champ_date keeps the items of the report's year, in date order (the
 * mini-2024 year lists a December 2023 meeting first); figure tiles with a
 * false `si` are left out. */
TEST(year_filter_and_tile_conditions)
{
    pr_arena a = {0};
    pr_diags d;
    pr_diags_init(&d);
    const pr_value *root = pr_load_file("tests/data/mini-2024.yaml", PR_FORMAT_AUTO, &a, &d);
    pr_model *m = root ? pr_model_build(root, &a, "tests/data/mini-2024.yaml", &d) : NULL;
    CHECK(m != NULL);
    pr_diags_free(&d);
    if (!m) {
        pr_arena_free(&a);
        return;
    }
    pr_figures f;
    pr_figures_compute(m, &f);
    write_file("style.yaml", "page: {format: A4}\n");
    write_file("structure.yaml",
               "couverture: {titre: T, rapport: R}\n"
               "sommaire: {titre: S}\n"
               "sections:\n"
               "  - numero: \"1\"\n"
               "    titre: Un\n"
               "    composants:\n"
               "      - composant: texte\n"
               "        source: gouvernance.reunions\n"
               "        champ_date: date\n"
               "        texte: \"R{{@rang}}-{{date | nom_mois}}\"\n"
               "      - composant: chiffres_cles\n"
               "        tuiles:\n"
               "          - {chiffre: reunions_referents, si: chiffre.reunions_referents, texte: REFERENTS}\n"
               "          - {chiffre: lettres, si: chiffre.lettres, texte: LETTRES}\n"
               "quatrieme: {titre: Q}\n");
    pr_diags_free(&diags);
    pr_diags_init(&diags);
    pr_template *t = pr_template_load(dir, &diags);
    CHECK(t != NULL);
    pr_report_env env = {&fonts, NULL, "tests/data", NULL};
    pr_doc *doc = t ? pr_report_build(t, m, &f, &env, &diags) : NULL;
    CHECK(doc != NULL);
    if (doc) {
        pr_strbuf all = {0};
        pr_sb_puts(&all, "");
        for (size_t i = 0; i < doc->n_pages; i++) {
            char *x = page_text(doc, i);
            pr_sb_puts(&all, x);
            free(x);
        }
        const char *feb = strstr(all.data, "R1-février");
        const char *sep = strstr(all.data, "R2-septembre");
        CHECK(feb && sep && feb < sep);
        CHECK(strstr(all.data, "décembre") == NULL);
        CHECK(strstr(all.data, "LETTRES") != NULL);
        CHECK(strstr(all.data, "REFERENTS") == NULL);
        pr_sb_free(&all);
    }
    pr_doc_free(doc);
    pr_template_free(t);
    pr_figures_free(&f);
    pr_model_free(m);
    pr_arena_free(&a);
}

/* No section ends on a nearly empty page (a lone closing box): with the
 * 2023 data and the sparse test years, every last page of a section that
 * has several pages is filled beyond a fifth of the frame (the running
 * footer excepted). */
TEST(no_nearly_empty_last_page)
{
    static const char *const years[] = {"data/2023.yaml", "tests/data/mini-2024.yaml",
                                        "tests/data/mini-2025-ecarts.yaml"};
    for (size_t yi = 0; yi < 3; yi++) {
        pr_arena a = {0};
        pr_diags d;
        pr_diags_init(&d);
        const pr_value *root = pr_load_file(years[yi], PR_FORMAT_AUTO, &a, &d);
        pr_model *m = root ? pr_model_build(root, &a, years[yi], &d) : NULL;
        pr_diags_free(&d);
        CHECK(m != NULL);
        if (!m) {
            pr_arena_free(&a);
            continue;
        }
        pr_figures f;
        pr_figures_compute(m, &f);
        pr_diags_free(&diags);
        pr_diags_init(&diags);
        pr_template *t = pr_template_load("report-templates/rapport-annuel", &diags);
        pr_report_env env = {&fonts, NULL, "data", NULL};
        pr_doc *doc = t ? pr_report_build(t, m, &f, &env, &diags) : NULL;
        CHECK(doc != NULL);
        for (size_t i = 2; doc && i + 1 < doc->n_pages; i++) {
            const pr_page *pg = &doc->pages[i];
            pr_page_kind next = doc->pages[i + 1].kind;
            if (pg->kind != PR_PAGE_CONTENT || doc->pages[i - 1].kind == PR_PAGE_DIVIDER ||
                (next != PR_PAGE_DIVIDER && next != PR_PAGE_BACK))
                continue;
            /* frame from 22 mm; footer rule from 273 mm: content above it */
            double top = 22 * 72 / 25.4, frame = (297 - 46) * 72 / 25.4, bottom = 0;
            for (size_t k = 0; k < pg->n_ops; k++) {
                const pr_op *o = &pg->ops[k];
                double b = o->kind == PR_OP_TEXT ? o->u.text.y
                           : o->kind == PR_OP_RECT ? o->u.rect.box.y + o->u.rect.box.h
                                                   : 0;
                if (b < 273 * 72 / 25.4 && b > bottom)
                    bottom = b;
            }
            if (bottom - top < frame * 0.2)
                UNIT_FAIL("%s : page %zu, dernière d'une partie, presque vide (%.0f pt)", years[yi],
                          i + 1, bottom - top);
        }
        pr_doc_free(doc);
        pr_template_free(t);
        pr_figures_free(&f);
        pr_model_free(m);
        pr_arena_free(&a);
    }
}

/* A team photo in the data: the people card shows it, and the back cover
 * keeps the photo credit. */
TEST(photo_credit_only_with_photos)
{
    /* the 2023 data with a photo for the first team member */
    FILE *in = fopen("data/2023.yaml", "rb");
    CHECK(in != NULL);
    if (!in)
        return;
    pr_strbuf src = {0};
    char buf[4096];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        pr_sb_add(&src, buf, got);
    fclose(in);
    const char *at = strstr(src.data, "  membres:\n    - prenom: \"Émilie\"\n");
    CHECK(at != NULL);
    if (!at) {
        pr_sb_free(&src);
        return;
    }
    size_t cut = (size_t)(at - src.data) + strlen("  membres:\n    - prenom: \"Émilie\"\n");
    char path[512];
    snprintf(path, sizeof path, "%s/d.yaml", dir);
    FILE *out = fopen(path, "wb");
    fwrite(src.data, 1, cut, out);
    fputs("      photo: \"p.png\"\n", out);
    fputs(src.data + cut, out);
    fclose(out);
    pr_sb_free(&src);
    /* a real photo: it is decoded in full (image/photo.h) */
    char *png = NULL;
    size_t png_len = 0;
    CHECK_INT(pr_read_file("tests/data/photos/rgb8.png", 0, &png, &png_len), 0);
    snprintf(path, sizeof path, "%s/p.png", dir);
    out = fopen(path, "wb");
    fwrite(png, 1, png_len, out);
    fclose(out);
    free(png);

    pr_arena a = {0};
    pr_diags d;
    pr_diags_init(&d);
    snprintf(path, sizeof path, "%s/d.yaml", dir);
    const pr_value *root = pr_load_file(path, PR_FORMAT_AUTO, &a, &d);
    pr_model *m = root ? pr_model_build(root, &a, path, &d) : NULL;
    CHECK(m != NULL);
    if (!m)
        pr_diags_print(&d, stderr);
    pr_diags_free(&d);
    pr_template *t = NULL;
    pr_doc *doc = NULL;
    pr_figures f;
    if (m) {
        pr_figures_compute(m, &f);
        pr_diags_free(&diags);
        pr_diags_init(&diags);
        t = pr_template_load("report-templates/rapport-annuel", &diags);
        pr_report_env env = {&fonts, NULL, dir, NULL};
        doc = t ? pr_report_build(t, m, &f, &env, &diags) : NULL;
        CHECK(doc != NULL);
    }
    if (doc) {
        size_t images = 0;
        for (size_t i = 0; i < doc->n_pages; i++)
            for (size_t k = 0; k < doc->pages[i].n_ops; k++)
                images += doc->pages[i].ops[k].kind == PR_OP_IMAGE;
        CHECK_INT(images, 1);
        char *back = page_text(doc, doc->n_pages - 1);
        CHECK(strstr(back, "Crédits photographiques") != NULL);
        CHECK(strstr(back, "Rédaction") != NULL);
        free(back);
    }
    pr_doc_free(doc);
    pr_template_free(t);
    if (m) {
        pr_figures_free(&f);
        pr_model_free(m);
    }
    pr_arena_free(&a);
    snprintf(path, sizeof path, "%s/d.yaml", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/p.png", dir);
    unlink(path);
}

/* The 2023 data with `n` credits of three people each in place of its
 * own; the report built from it (NULL when it fails); *m and *a to free. */
static pr_doc *build_with_credits(int n, pr_model **mp, pr_arena *a, pr_figures *f)
{
    char *src = NULL;
    size_t len = 0;
    *mp = NULL;
    if (pr_read_file("data/2023.yaml", 0, &src, &len))
        return NULL;
    const char *from = strstr(src, "  credits:\n"), *to = strstr(src, "\nreseau:\n");
    if (!from || !to) {
        free(src);
        return NULL;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/credits.yaml", dir);
    FILE *out = fopen(path, "wb");
    fwrite(src, 1, (size_t)(from - src), out);
    fputs("  credits:\n", out);
    for (int i = 0; i < n; i++)
        fprintf(out, "    - role: \"Relecture %d\"\n      personnes: [\"Anne-Sophie AUBRY\", "
                     "\"Valérie CÉLESTINE-MARCHAND\", \"Héloïse ÉTIENNE\"]\n", i + 1);
    fputs(to, out);
    fclose(out);
    free(src);
    pr_diags d;
    pr_diags_init(&d);
    const pr_value *root = pr_load_file(path, PR_FORMAT_AUTO, a, &d);
    *mp = root ? pr_model_build(root, a, path, &d) : NULL;
    pr_diags_free(&d);
    unlink(path);
    if (!*mp)
        return NULL;
    pr_figures_compute(*mp, f);
    pr_diags_free(&diags);
    pr_diags_init(&diags);
    pr_template *t = pr_template_load("report-templates/rapport-annuel", &diags);
    pr_report_env env = {&fonts, NULL, "data", NULL};
    pr_doc *doc = t ? pr_report_build(t, *mp, f, &env, &diags) : NULL;
    pr_template_free(t);
    return doc;
}

/* A long list of credits stays on the back cover: the white band grows,
 * the type shrinks, two columns; past that, the lines that do not fit are
 * left out with a warning. Nothing is drawn under 12 mm from the bottom. */
TEST(long_credits_stay_on_the_back_cover)
{
    static const int counts[] = {3, 12, 20, 300};
    for (size_t k = 0; k < 4; k++) {
        pr_model *m;
        pr_arena a = {0};
        pr_figures f;
        pr_doc *doc = build_with_credits(counts[k], &m, &a, &f);
        CHECK(doc != NULL);
        if (doc) {
            const pr_page *pg = &doc->pages[doc->n_pages - 1];
            CHECK_INT(pg->kind, PR_PAGE_BACK);
            double lowest = 0;
            int shown = 0;
            for (size_t i = 0; i < pg->n_ops; i++) {
                const pr_op *o = &pg->ops[i];
                if (o->kind != PR_OP_TEXT)
                    continue;
                if (o->u.text.y > lowest)
                    lowest = o->u.text.y;
                shown += !strncmp(o->u.text.text, "Relecture", 9);
            }
            if (lowest > pg->height - 12 * 72 / 25.4)
                UNIT_FAIL("%d crédits : texte à %.0f pt, sous la marge du bas (page de %.0f pt)",
                          counts[k], lowest, pg->height);
            char *warn = NULL;
            for (size_t i = 0; i < diags.n; i++)
                if (strstr(diags.items[i].msg, "crédits trop longs"))
                    warn = diags.items[i].msg;
            if (counts[k] <= 20) {
                CHECK_INT(shown, counts[k]);
                CHECK(warn == NULL);
            } else {
                CHECK(shown > 20 && shown < counts[k]);
                CHECK(warn != NULL);
                char want[128];
                snprintf(want, sizeof want, "%d ligne(s) sur %d imprimée(s)", shown, counts[k]);
                if (warn && !strstr(warn, want))
                    UNIT_FAIL("avertissement « %s », attendu « %s »", warn, want);
            }
            pr_doc_free(doc);
        }
        if (m) {
            pr_figures_free(&f);
            pr_model_free(m);
        }
        pr_arena_free(&a);
    }
}

/* Under the contents, the year at a glance and the note on how to read
 * the report go together: the note never goes alone to a page after the
 * contents (a sparse year's short contents leave room for the figures
 * only). */
TEST(glance_and_note_together)
{
    static const char *const years[] = {"data/2023.yaml", "tests/years/2024-sobre.yaml",
                                        "tests/data/mini-2024.yaml"};
    for (size_t yi = 0; yi < 3; yi++) {
        pr_arena a = {0};
        pr_diags d;
        pr_diags_init(&d);
        const pr_value *root = pr_load_file(years[yi], PR_FORMAT_AUTO, &a, &d);
        pr_model *m = root ? pr_model_build(root, &a, years[yi], &d) : NULL;
        pr_diags_free(&d);
        CHECK(m != NULL);
        if (!m) {
            pr_arena_free(&a);
            continue;
        }
        pr_figures f;
        pr_figures_compute(m, &f);
        pr_diags_free(&diags);
        pr_diags_init(&diags);
        pr_template *t = pr_template_load("report-templates/rapport-annuel", &diags);
        pr_report_env env = {&fonts, NULL, "tests/years", NULL};
        pr_doc *doc = t ? pr_report_build(t, m, &f, &env, &diags) : NULL;
        CHECK(doc != NULL);
        int glance = -1, note = -1;
        for (size_t i = 1; doc && i < doc->n_pages && doc->pages[i].kind != PR_PAGE_DIVIDER; i++) {
            char *txt = page_text(doc, i);
            if (strstr(txt, "en un coup d") && glance < 0)
                glance = (int)i;
            if (strstr(txt, "Comment lire ce rapport") && note < 0)
                note = (int)i;
            free(txt);
        }
        if (glance < 0 || note != glance)
            UNIT_FAIL("%s : chiffres de l'année page %d, « Comment lire ce rapport » page %d",
                      years[yi], glance + 1, note + 1);
        pr_doc_free(doc);
        pr_template_free(t);
        pr_figures_free(&f);
        pr_model_free(m);
        pr_arena_free(&a);
    }
}

int main(void)
{
    setup();
    snprintf(dir, sizeof dir, "%s/pr-report-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    RUN(default_report_structure);
    RUN(conditions_and_sources);
    RUN(groups_headings_and_empty_sections);
    RUN(expansion_errors_fail_the_build);
    RUN(year_filter_and_tile_conditions);
    RUN(photo_credit_only_with_photos);
    RUN(long_credits_stay_on_the_back_cover);
    RUN(glance_and_note_together);
    RUN(no_nearly_empty_last_page);
    char path[512];
    snprintf(path, sizeof path, "%s/style.yaml", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/structure.yaml", dir);
    unlink(path);
    rmdir(dir);
    pr_figures_free(&figures);
    pr_model_free(model);
    pr_fontset_free(&fonts);
    pr_diags_free(&diags);
    pr_sources_free();
    return UNIT_DONE();
}
