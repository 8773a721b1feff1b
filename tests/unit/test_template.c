/* test_template.c — loading template folders: structure.yaml,
 * textes.txt and style.yaml, with the exact French errors and positions;
 * the default template loads cleanly; the data schema of the template
 * language covers every key of the real data file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compose/template.h"
#include "data/load.h"
#include "unit.h"

static pr_diags diags;
static char dir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

/* "file:line:col: message" of diagnostic i, the file without its folder. */
static const char *diag_text(size_t i)
{
    static char buf[1024];
    if (i >= diags.n)
        return "(aucun diagnostic)";
    const char *f = diags.items[i].pos.file ? diags.items[i].pos.file : "?";
    const char *slash = strrchr(f, '/');
    snprintf(buf, sizeof buf, "%s:%d:%d: %s", slash ? slash + 1 : f, diags.items[i].pos.line,
             diags.items[i].pos.col, diags.items[i].msg);
    return buf;
}

static const char *style_ok =
    "page:\n"
    "  format: A4\n"
    "  marges: {haut: 20, bas: 20, gauche: 18, droite: 18}\n"
    "palette:\n"
    "  bleu: \"#000091\"\n"
    "  rouge: \"#E1000F\"\n"
    "polices:\n"
    "  titre: {graisse: black, taille: 28, couleur: bleu}\n"
    "composants:\n"
    "  tuiles: {accent: rouge}\n";

static const char *structure_ok =
    "couverture:\n"
    "  titre: \"{{reseau.nom}}\"\n"
    "  rapport: \"Rapport d'activités {{rapport.annee}}\"\n"
    "sommaire: {titre: Sommaire}\n"
    "sections:\n"
    "  - numero: \"1\"\n"
    "    titre: \"Le réseau en bref\"\n"
    "    composants:\n"
    "      - composant: intertitre\n"
    "        texte: Présentation\n"
    "      - composant: texte\n"
    "        bloc: presentation\n"
    "      - composant: cartes_personnes\n"
    "        source: equipe.membres\n"
    "        nom: \"{{prenom}} {{nom}}\"\n"
    "        lignes: \"{{organisation}}\"\n"
    "      - composant: chiffres_cles\n"
    "        tuiles:\n"
    "          - {chiffre: ateliers_elus, texte: \"ateliers\"}\n"
    "      - composant: frise\n"
    "        sources:\n"
    "          - {source: lettres, date: date, titre: \"Lettre n° {{numero}}\", couleur: bleu}\n"
    "quatrieme: {titre: \"{{reseau.nom}}\"}\n";

static const char *textes_ok =
    "# Textes\n"
    "\n"
    "=== presentation\n"
    "Le réseau **{{reseau.nom}}** réunit\n"
    "{{#chaque reseau.missions}}\n"
    "- {{titre}}\n"
    "{{/chaque}}\n";

static pr_template *load(void)
{
    pr_diags_free(&diags);
    pr_diags_init(&diags);
    return pr_template_load(dir, &diags);
}

TEST(loads_a_valid_folder)
{
    write_file("style.yaml", style_ok);
    write_file("structure.yaml", structure_ok);
    write_file("textes.txt", textes_ok);
    pr_template *t = load();
    CHECK(t != NULL);
    CHECK_INT(diags.n, 0);
    if (!t)
        return;
    CHECK_INT(t->n_sections, 1);
    CHECK_STR(t->sections[0].numeral, "1");
    CHECK_INT(t->sections[0].n_components, 5);
    CHECK_INT(t->sections[0].components[1].spec->kind, PR_COMP_PROSE);
    const pr_tpl_param *b = pr_tpl_param_get(&t->sections[0].components[1].params, "bloc");
    CHECK(b && b->text);
    if (b)
        CHECK_INT(pr_tpl_text_pos(b->text).line, 4);
    const pr_tpl_param *src = pr_tpl_param_get(&t->sections[0].components[2].params, "source");
    CHECK(src && src->path);
    CHECK_NEAR(t->style.margin_left, 18 * 72 / 25.4, 1e-9);
    CHECK_NEAR(t->style.fonts[PR_FONT_TITLE].size, 28, 0);
    CHECK_INT(t->style.fonts[PR_FONT_TITLE].weight, PR_STYLE_BLACK);
    CHECK_INT(t->style.fonts[PR_FONT_TITLE].color, 0x000091);
    CHECK_INT(t->style.comp.tiles.accent, 0xE1000F);
    pr_rgb c = 0;
    CHECK_INT(pr_tpl_style_color(&t->style, "#0A0b0C", &c), 0);
    CHECK_INT(c, 0x0A0B0C);
    CHECK_INT(pr_tpl_style_color(&t->style, "rouge", &c), 0);
    CHECK_INT(c, 0xE1000F);
    CHECK_INT(pr_tpl_style_color(&t->style, "rouje", &c), -1);
    /* the frise's `couleur` is resolved at load */
    const pr_tpl_param *fs = pr_tpl_param_get(&t->sections[0].components[4].params, "sources");
    CHECK(fs && fs->n_list == 1);
    if (fs && fs->n_list == 1)
        CHECK_INT(pr_tpl_param_get(&fs->list[0], "couleur")->color, 0x000091);
    pr_template_free(t);
}

/* Component style entries that style.yaml does not set take their default:
 * a colour role, the colour of a font role, a fixed colour or a number. */
TEST(component_style_defaults)
{
    write_file("structure.yaml", structure_ok);
    write_file("textes.txt", textes_ok);
    write_file("style.yaml",
               "palette: {bleu: \"#000091\", rouge: \"#E1000F\", vert: \"#18753C\", gris: \"#666666\"}\n"
               "couleurs: {principale: vert, secondaire: bleu, discret: rouge}\n"
               "polices:\n"
               "  chiffre: {couleur: rouge}\n"
               "  sous_titre: {couleur: gris}\n"
               "composants:\n"
               "  tuiles: {accent: rouge}\n"
               "  texte: {interligne: 1.5}\n");
    pr_template *t = load();
    CHECK(t != NULL);
    CHECK_INT(diags.n, 0);
    if (!t)
        return;
    const pr_tpl_components *c = &t->style.comp;
    CHECK_INT(c->tiles.accent, 0xE1000F);          /* set */
    CHECK_INT(c->tiles.label, 0x000091);           /* role secondaire */
    CHECK_INT(c->cover.background, 0x18753C);      /* role principale */
    CHECK_INT(c->cover.text, 0xFFFFFF);            /* role sur_principale (default) */
    CHECK_INT(c->cover.band, 0xFFFFFF);            /* fixed */
    CHECK_INT(c->map.text, 0xE1000F);              /* role discret */
    CHECK_INT(c->map.background, 0xF6F6F6);        /* fixed */
    CHECK_INT(c->map.border, PR_RGB_NONE);         /* none */
    CHECK_INT(c->key_figures.figure, 0xE1000F);    /* font chiffre */
    CHECK_INT(c->callout.title, 0x666666);         /* font sous_titre */
    CHECK_NEAR(c->body.leading, 1.5, 0);           /* set */
    CHECK_NEAR(c->body.paragraph_space, 7, 0);     /* number */
    CHECK_NEAR(c->heading.space_before, 16, 0);
    pr_template_free(t);
}

TEST(structure_errors)
{
    write_file("style.yaml", style_ok);
    write_file("textes.txt", textes_ok);
    write_file("structure.yaml",
               "couverture:\n"
               "  titre: \"Le {{reseau.nomm}}\"\n"
               "  rapport: 'x {{chiffre.ateliers}}'\n"
               "sommaire: {titre: Sommaire, soustitre: x}\n"
               "sections:\n"
               "  - numero: \"1\"\n"
               "    titre: Le réseau {{reseau.nom | dat}}\n"
               "    composants:\n"
               "      - composant: carte_personnes\n"
               "      - composant: texte\n"
               "        bloc: presentaton\n"
               "      - composant: texte\n"
               "        texte: |\n"
               "          Première ligne\n"
               "          {{#chaque reseau.missions}}{{titr}}\n"
               "      - composant: tuiles\n"
               "        titre: x\n"
               "      - composant: frise\n"
               "        sources:\n"
               "          - {source: lettres, date: numero, titre: x, couleur: vert}\n"
               "quatrieme: {titre: x}\n");
    pr_template *t = load();
    CHECK(t == NULL);
    pr_diags_sort(&diags);
    const char *want[] = {
        "structure.yaml:2:23: champ inconnu « nomm » dans « reseau » (vouliez-vous dire « nom » ?)",
        "structure.yaml:3:25: chiffre inconnu « ateliers »",
        "structure.yaml:4:29: paramètre de « sommaire » inconnu « soustitre » (attendu : titre, titre_chiffres, chiffres, titre_encadre, texte, bloc)",
        "structure.yaml:7:37: filtre inconnu « dat » (vouliez-vous dire « date » ?)",
        "structure.yaml:9:20: composant inconnu « carte_personnes » (vouliez-vous dire « cartes_personnes » ?)",
        "structure.yaml:11:15: texte « presentaton » absent de textes.txt (vouliez-vous dire « presentation » ?)",
        "structure.yaml:15:11: bloc {{#chaque}} non fermé ({{/chaque}} manquant)",
        "structure.yaml:15:40: espace réservé inconnu « titr » (vouliez-vous dire « titre » ?)",
        "structure.yaml:16:9: « tuiles » : paramètre « source » manquant",
        "structure.yaml:20:37: « numero » n'est pas une date",
        "structure.yaml:20:64: couleur inconnue « vert » : ni une couleur de la palette, ni #RRGGBB",
        "textes.txt:3:5: texte « presentation » défini mais utilisé nulle part",
    };
    size_t nw = sizeof want / sizeof want[0];
    for (size_t i = 0; i < nw; i++)
        CHECK_STR(diag_text(i), want[i]);
    CHECK_INT(diags.n, nw);
}

/* The chart of the key figures over the years (`evolution`): one to five
 * figures, each a known one; a tile's comparison line (`apres`) compiled
 * like any text. */
TEST(evolution_errors)
{
    write_file("style.yaml", style_ok);
    write_file("textes.txt", textes_ok);
    write_file("structure.yaml",
               "couverture: {titre: x, rapport: x}\n"
               "sommaire:\n"
               "  titre: Sommaire\n"
               "  chiffres:\n"
               "    - {chiffre: lettres, texte: x, apres: \"{{chiffre.lettres.comparaisons}}\"}\n"
               "sections:\n"
               "  - titre: x\n"
               "    composants:\n"
               "      - composant: texte\n"
               "        bloc: presentation\n"
               "      - composant: evolution\n"
               "        chiffres:\n"
               "          - {chiffre: evenements}\n"
               "          - {chiffre: lettre}\n"
               "          - {chiffre: partenaires}\n"
               "          - {chiffre: reseaux_locaux}\n"
               "          - {chiffre: departements_couverts}\n"
               "          - {chiffre: personnes_mobilisees, libelle: \"{{chiffre.x}}\"}\n"
               "          - {chiffre: rencontre_nationale_edition}\n"
               "          - {chiffre: reseaux_regionaux}\n"
               "          - {chiffre: reseaux_departementaux}\n"
               "          - {chiffre: ateliers_elus}\n"
               "          - {chiffre: elus_engages}\n"
               "          - {chiffre: tables_rondes}\n"
               "          - {chiffre: mini_conferences}\n"
               "      - composant: evolution\n"
               "        chiffres: []\n"
               "      - composant: evolution\n"
               "        titre: x\n"
               "quatrieme: {titre: x}\n");
    pr_template *t = load();
    CHECK(t == NULL);
    pr_diags_sort(&diags);
    const char *want[] = {
        "structure.yaml:5:62: propriété de chiffre inconnue « comparaisons » : vouliez-vous dire "
        "« comparaison » ? (propriétés : valeur, libelle, definition, precedent, "
        "annee_precedente, ecart, comparable, comparaison)",
        "structure.yaml:13:11: « evolution » : de 1 à 12 chiffres, trouvé 13",
        "structure.yaml:14:23: chiffre inconnu « lettre » (vouliez-vous dire « lettres » ?)",
        "structure.yaml:18:65: chiffre inconnu « x »",
        "structure.yaml:27:19: « evolution » : de 1 à 12 chiffres, trouvé 0",
        "structure.yaml:28:9: « evolution » : paramètre « chiffres » manquant",
    };
    size_t nw = sizeof want / sizeof want[0];
    for (size_t i = 0; i < nw; i++)
        CHECK_STR(diag_text(i), want[i]);
    CHECK_INT(diags.n, nw);
}

/* Groups: their components are checked like a section's, in the scope of
 * the group's items; `filtre` too; errors positioned in the nested list. */
TEST(group_errors)
{
    write_file("style.yaml", style_ok);
    write_file("textes.txt", textes_ok);
    write_file("structure.yaml",
               "couverture: {titre: x, rapport: y}\n"
               "sommaire: {titre: Sommaire}\n"
               "sections:\n"
               "  - titre: Chantiers\n"
               "    composants:\n"
               "      - composant: texte\n"
               "        bloc: presentation\n"
               "      - composant: groupe\n"
               "        source: chantiers\n"
               "        filtre: statut[rapport.annee] = en_cours et elus[chantier=.idd]\n"
               "        composants:\n"
               "          - {composant: intertitre, texte: \"{{titre}} {{resum}}\"}\n"
               "          - {composant: cartes_personnes, source: \"elus[chantier=.id]\", nom: \"{{prenom}}\"}\n"
               "          - {composant: tuile, source: actions}\n"
               "      - composant: groupe\n"
               "        source: lettres\n"
               "      - composant: groupe\n"
               "        composants: {a: b}\n"
               "quatrieme: {titre: x}\n");
    pr_template *t = load();
    CHECK(t == NULL);
    pr_diags_sort(&diags);
    const char *want[] = {
        "structure.yaml:10:68: champ inconnu « idd » dans « chantiers[] » (vouliez-vous dire « id » ?)",
        "structure.yaml:12:57: espace réservé inconnu « resum » (vouliez-vous dire « resume » ?)",
        "structure.yaml:14:25: composant inconnu « tuile » (vouliez-vous dire « tuiles » ?)",
        "structure.yaml:15:9: « groupe » : paramètre « composants » manquant",
        "structure.yaml:18:21: groupe.composants : une liste de composants est attendue",
    };
    size_t nw = sizeof want / sizeof want[0];
    for (size_t i = 0; i < nw; i++)
        CHECK_STR(diag_text(i), want[i]);
    CHECK_INT(diags.n, nw);
    /* the same folder, corrected, loads; « numero » is optional */
    write_file("structure.yaml",
               "couverture: {titre: x, rapport: y}\n"
               "sommaire: {titre: Sommaire}\n"
               "sections:\n"
               "  - titre: Chantiers\n"
               "    composants:\n"
               "      - composant: texte\n"
               "        bloc: presentation\n"
               "      - composant: groupe\n"
               "        source: chantiers\n"
               "        filtre: statut[rapport.annee] = en_cours et elus[chantier=.id]\n"
               "        composants:\n"
               "          - {composant: intertitre, texte: \"{{titre}} {{resume}}\"}\n"
               "          - {composant: cartes_personnes, source: \"elus[chantier=.id]\", nom: \"{{prenom}}\"}\n"
               "          - {composant: liste_datee, source: actions, date: \"{{date}}\", titre: \"{{titre}}\"}\n"
               "quatrieme: {titre: x}\n");
    t = load();
    CHECK(t != NULL);
    CHECK_INT(diags.n, 0);
    if (t) {
        CHECK_INT(t->sections[0].n_components, 2);
        const pr_tpl_param *kp = pr_tpl_param_get(&t->sections[0].components[1].params, "composants");
        CHECK(kp && kp->n_children == 3);
    }
    pr_template_free(t);
}

TEST(textes_and_style_errors)
{
    write_file("structure.yaml", structure_ok);
    write_file("textes.txt",
               "Du texte avant\n"
               "=== presentation\n"
               "Le {{reseau.nom}}\n"
               "=== Présentation\n"
               "=== presentation\n"
               "{{#si reseau.nom}}\n");
    write_file("style.yaml",
               "page: {format: A3, marges: {haut: 20, milieu: 3}}\n"
               "palette:\n"
               "  bleu: \"#000091\"\n"
               "  gris: \"#12345\"\n"
               "polices:\n"
               "  titres: {graisse: black}\n"
               "  texte: {graisse: gras, taille: 2, couleur: blue}\n"
               "composants:\n"
               "  tuile: {accent: bleu}\n"
               "  tuiles: {accents: bleu, etiquette: \"#00009\"}\n");
    pr_template *t = load();
    CHECK(t == NULL);
    pr_diags_sort(&diags);
    const char *want[] = {
        "style.yaml:1:16: format de page inconnu (attendu : A4 ou A5)",
        "style.yaml:1:39: marge inconnue « milieu » (attendu : haut, bas, gauche, droite)",
        "style.yaml:4:9: palette : « gris » doit être une couleur #RRGGBB",
        "style.yaml:6:3: rôle de police inconnu « titres » (vouliez-vous dire « titre » ?)",
        "style.yaml:7:20: graisse inconnue « gras » (attendu : regular, italic, bold, bolditalic, black, light, semibold)",
        "style.yaml:7:34: valeur « 2 » hors limites (de 4 à 400)",
        "style.yaml:7:46: couleur inconnue « blue » (vouliez-vous dire « bleu » ?)",
        "style.yaml:9:3: composant de style inconnu « tuile » (vouliez-vous dire « tuiles » ?)",
        "style.yaml:10:12: réglage inconnu « accents » (vouliez-vous dire « accent » ?)",
        "style.yaml:10:38: couleur invalide « #00009 » (attendu : #RRGGBB)",
        "textes.txt:1:1: texte hors bloc : commencez par une ligne « === nom_du_texte »",
        "textes.txt:4:5: nom de texte invalide « Présentation » (lettres minuscules sans accent, chiffres, « _ » et « - »)",
        "textes.txt:5:5: texte « presentation » déjà défini ligne 2",
    };
    size_t nw = sizeof want / sizeof want[0];
    for (size_t i = 0; i < nw; i++)
        CHECK_STR(diag_text(i), want[i]);
    CHECK_INT(diags.n, nw);
}

/* page.colonne_texte: the running text's column, in millimetres; it must
 * fit in the frame and be 40 mm wide at least. */
TEST(text_column)
{
    write_file("structure.yaml", structure_ok);
    write_file("textes.txt", "=== presentation\nLe {{reseau.nom}}\n");
    write_file("style.yaml", "page: {colonne_texte: {largeur: 120, retrait: 50}}\n"
                             "palette: {bleu: \"#000091\"}\n");
    pr_template *t = load();
    CHECK(t != NULL);
    if (t) {
        CHECK_NEAR(t->style.text_width, 120 * 72 / 25.4, 1e-6);
        CHECK_NEAR(t->style.text_indent, 50 * 72 / 25.4, 1e-6);
        pr_template_free(t);
    }
    write_file("style.yaml", "page: {colonne_texte: {largeur: 130, retrait: 50, marge: 2}}\n"
                             "palette: {bleu: \"#000091\"}\n");
    t = load();
    CHECK(t == NULL);
    pr_diags_sort(&diags);
    CHECK_STR(diag_text(0), "style.yaml:1:23: colonne_texte : 130 mm de large à 50 mm du bord ne "
                            "tiennent pas dans les 170 mm du cadre (au moins 40 mm de large)");
    CHECK_STR(diag_text(1), "style.yaml:1:51: réglage de colonne inconnu « marge » (attendu : "
                            "largeur, retrait)");
    CHECK_INT(diags.n, 2);
}

TEST(block_errors_are_positioned_in_textes)
{
    write_file("style.yaml", style_ok);
    write_file("structure.yaml", structure_ok);
    write_file("textes.txt",
               "=== presentation\n"
               "# commentaire\n"
               "Le réseau {{reseau.nom}}\n"
               "  et ses {{chiffre.lettre}}\n");
    pr_template *t = load();
    CHECK(t == NULL);
    CHECK_STR(diag_text(0), "textes.txt:4:20: chiffre inconnu « lettre » (vouliez-vous dire « lettres » ?)");
    CHECK_INT(diags.n, 1);
}

TEST(malformed_yaml_and_missing_file)
{
    write_file("textes.txt", textes_ok);
    write_file("style.yaml", style_ok);
    write_file("structure.yaml", "couverture:\n  titre: \"x\n");
    pr_template *t = load();
    CHECK(t == NULL);
    CHECK(diags.n >= 1);
    CHECK_INT(diags.items[0].pos.line >= 2, 1);
    remove_file("structure.yaml");
    t = load();
    CHECK(t == NULL);
    CHECK_INT(diags.n, 1);
    CHECK(strstr(diag_text(0), "structure.yaml") != NULL);
}

/* Every key path of the real data file is known to the template schema. */
static int walk(const pr_value *v, char *pat, size_t len, size_t cap)
{
    int bad = 0;
    if (v->kind == PR_V_MAP) {
        for (size_t i = 0; i < v->n; i++) {
            int n = snprintf(pat + len, cap - len, "%s%s", len ? "." : "", v->keys[i]);
            if (!pr_tpl_schema_has(pat)) {
                fprintf(stderr, "clé absente du schéma des gabarits : %s\n", pat);
                bad++;
            } else {
                bad += walk(v->items[i], pat, len + (size_t)n, cap);
            }
            pat[len] = '\0';
        }
    } else if (v->kind == PR_V_SEQ) {
        snprintf(pat + len, cap - len, "[]");
        for (size_t i = 0; i < v->n; i++)
            bad += walk(v->items[i], pat, len + 2, cap);
        pat[len] = '\0';
    }
    return bad;
}

TEST(schema_covers_the_data_files)
{
    const char *files[] = {"data/2023.yaml", "data/2023.json"};
    for (size_t f = 0; f < 2; f++) {
        pr_arena a = {0};
        pr_diags d;
        pr_diags_init(&d);
        const pr_value *root = pr_load_file(files[f], PR_FORMAT_AUTO, &a, &d);
        CHECK(root != NULL);
        if (root) {
            char pat[1024] = "";
            CHECK_INT(walk(root, pat, 0, sizeof pat), 0);
        }
        pr_diags_free(&d);
        pr_arena_free(&a);
    }
}

TEST(default_template_loads)
{
    pr_diags_free(&diags);
    pr_diags_init(&diags);
    pr_template *t = pr_template_load("report-templates/rapport-annuel", &diags);
    if (!t)
        pr_diags_print(&diags, stderr);
    CHECK(t != NULL);
    CHECK_INT(diags.n, 0);
    if (t)
        CHECK_INT(t->n_sections, 7);
    pr_template_free(t);
}

int main(void)
{
    pr_diags_init(&diags);
    snprintf(dir, sizeof dir, "%s/pr-tpl-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(loads_a_valid_folder);
    RUN(structure_errors);
    RUN(group_errors);
    RUN(evolution_errors);
    RUN(component_style_defaults);
    RUN(textes_and_style_errors);
    RUN(text_column);
    RUN(block_errors_are_positioned_in_textes);
    RUN(malformed_yaml_and_missing_file);
    RUN(schema_covers_the_data_files);
    RUN(default_template_loads);
    remove_file("structure.yaml");
    remove_file("style.yaml");
    remove_file("textes.txt");
    rmdir(dir);
    pr_diags_free(&diags);
    pr_sources_free();
    return UNIT_DONE();
}
