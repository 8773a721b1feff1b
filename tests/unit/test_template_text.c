/* test_template_text.c — the template text language: placeholders, filters,
 * blocks, list paths, prose splitting, and the exact French errors with
 * their positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/format.h"
#include "compose/template_text.h"
#include "data/load.h"
#include "unit.h"

static pr_diags diags;
static pr_model *model;
static pr_figures figures;
static const pr_history *test_history;   /* the years before (NULL: none) */
static pr_figure fig_items[6];

#define NNBSP "\xE2\x80\xAF"
#define NBSP "\xC2\xA0"

static const char *data_yaml =
    "rapport:\n"
    "  annee: 2023\n"
    "  titre: \"Rapport d'activités 2023\"\n"
    "  editeur: \"DGALN\"\n"
    "  publication: \"2024-05\"\n"
    "  ministere: [\"MINISTÈRE\", \"DE LA TRANSITION\"]\n"
    "  site_web: \"https://exemple.invalid\"\n"
    "  contact: \"contact@exemple.invalid\"\n"
    "  credits: [{role: \"Rédaction\", personnes: [\"Camille MARTIN\"]}]\n"
    "reseau:\n"
    "  nom: \"Planif Territoires\"\n"
    "  accroche: \"Imaginons\"\n"
    "  lancement: 2022\n"
    "  predecesseur: {nom: \"Club PLUi\", creation: 2013}\n"
    "  missions:\n"
    "    - {titre: \"Fédérer\", texte: \"les acteurs\"}\n"
    "    - {titre: \"Échanger\"}\n"
    "    - {titre: \"Promouvoir\", texte: \"les pratiques\"}\n"
    "  offre:\n"
    "    piliers: [{titre: \"La mise en réseau\"}]\n"
    "    colonnes: [{titre: \"National\", elements: [\"Webinaires\"]}]\n"
    "  feuille_de_route:\n"
    "    debut: 2023\n"
    "    fin: 2024\n"
    "    axes: [{numero: 1, titre_court: \"Acteurs\", titre: \"Les acteurs\"}]\n"
    "equipe:\n"
    "  bureau: \"Bureau UP3\"\n"
    "  sigle: \"UP3\"\n"
    "  direction: \"DGALN\"\n"
    "  membres:\n"
    "    - {prenom: \"Émilie\", nom: \"BONNET-DERIVIÈRE\", organisation: \"UP3\"}\n"
    "    - {prenom: \"Jean-Paul\", nom: \"MICHAUD\", organisation: \"UP3\"}\n"
    "  prestataires:\n"
    "    - {nom: \"Trame\", role: \"AMO\", principal: true}\n"
    "    - {nom: \"Mangrove\", role: \"graphisme\"}\n"
    "    - {nom: \"Sillons\", role: \"vidéo\", principal: false}\n"
    "partenaires:\n"
    "  - {id: amf, nom: \"AMF\", depuis: 2022}\n"
    "  - {id: cnfpt, sigle: \"CNFPT\", nom: \"Centre national\", depuis: 2023}\n"
    "  - {id: ademe, nom: \"ADEME\", depuis: 2024}\n"
    "gouvernance:\n"
    "  reunions: [{date: \"2023-06\", instance: \"comité\", decisions: [\"Adoption.\"]}]\n"
    "chantiers:\n"
    "  - {id: \"1.a\", axe: 1, titre: \"Élus\", statut: {2023: en_cours, 2024: prevu},\n"
    "     groupe: {membres: [\"DGALN\", \"FNAU\", \"Cerema\"]}}\n"
    "  - {id: \"2\", axe: 1, titre: \"Entrées de ville\", statut: {2024: amorce}}\n"
    "elus:\n"
    "  - {id: robert, prenom: \"Sylvain\", nom: \"ROBERT\", mandats: [\"Maire\"], chantier: \"1.a\",\n"
    "     commune: \"Lens\", departement: \"62\"}\n"
    "evenements:\n"
    "  - {id: e1, date: \"2023-03-01\", type: atelier, titre: \"Atelier\"}\n"
    "  - {id: e2, date: \"2023-06-07\", type: rencontre_nationale, titre: \"Rencontres\",\n"
    "     edition: 2, participants: {valeur: 200, precision: environ}}\n"
    "  - {id: e3, date: \"2023-11\", type: atelier, titre: \"Second atelier\",\n"
    "     participants: 1500}\n"
    "  - {id: e4, date: \"2024-02\", type: webinaire, titre: \"Plus tard\"}\n"
    "  - {id: e5, date: \"2024-11\", type: autre, titre: \"Ancien ?\", resume: \"{{chiffre.ateliers_elus | en_lettres | capitale}} ateliers\",\n"
    "     intervenants: [{organisation: \"le Cerema\"}, {prenom: \"Anrafa\", nom: \"MADI\"}, {organisation: \"les référents\"}, {organisation: \"la FNAU\"}]}\n"
    "reseaux_locaux:\n"
    "  - {id: bzh, nom: \"Bretagne\", echelle: regional, regions: [\"53\"], pilote: \"DREAL\"}\n"
    "  - {id: ile, nom: \"Îles\", echelle: interdepartemental, departements: [\"2A\", \"974\"],\n"
    "     pilote: \"DEAL\", actif: false}\n"
    "  - {id: ouest, nom: \"Grand Ouest\", echelle: regional, regions: [\"53\", \"94\"], pilote: \"DREAL\"}\n"
    "lettres:\n"
    "  - {numero: 1, date: \"2023-04\", grand_angle: \"L'eau\"}\n"
    "communication:\n"
    "  rubriques_lettre: [{titre: \"Édito\"}]\n"
    "  site: {ouverture: \"2023-12\", objectifs: [{titre: \"A\"}], rubriques: [{titre: \"B\"}]}\n";

/* Validate the test data into a model; figures by hand. */
static void setup(void)
{
    pr_diags_init(&diags);
    pr_arena arena = {0};
    const pr_value *doc = pr_load_buffer("donnees.yaml", data_yaml, strlen(data_yaml),
                                         PR_FORMAT_YAML, &arena, &diags);
    model = doc ? pr_model_build(doc, &arena, "donnees.yaml", &diags) : NULL;
    if (!model) {
        pr_diags_print(&diags, stderr);
        exit(1);
    }
    pr_diags_free(&diags);
    pr_diags_init(&diags);
    fig_items[0] = (pr_figure){pr_figure_def_find("ateliers_elus"), 3};
    fig_items[1] = (pr_figure){pr_figure_def_find("personnes_mobilisees"), 1234};
    fig_items[2] = (pr_figure){pr_figure_def_find("rencontre_nationale_edition"), 2};
    fig_items[3] = (pr_figure){pr_figure_def_find("elus_engages"), 1};
    fig_items[4] = (pr_figure){pr_figure_def_find("tables_rondes"), 0};
    fig_items[5] = (pr_figure){pr_figure_def_find("lettres"), 21};
    figures.items = fig_items;
    figures.n = 6;
}

static void reset_diags(void)
{
    pr_diags_free(&diags);
    pr_diags_init(&diags);
}

/* "line:col: message" of diagnostic i. */
static const char *diag_text(size_t i)
{
    static char buf[1024];
    if (i >= diags.n)
        return "(aucun diagnostic)";
    snprintf(buf, sizeof buf, "%d:%d: %s", diags.items[i].pos.line, diags.items[i].pos.col,
             diags.items[i].msg);
    return buf;
}

/* Compile and expand src at the root; returns a static copy ("(erreur)"
 * when compiling failed). */
static const char *expand_in(const char *src, const char *scope_pat, const pr_mvalue *item)
{
    static char buf[4096];
    reset_diags();
    pr_tpl_scope sc = {{0}, 0};
    if (scope_pat)
        sc.patterns[sc.depth++] = scope_pat;
    pr_pos pos = {"t.txt", 1, 1};
    pr_tpl_text *t = pr_tpl_compile(src, strlen(src), pos, PR_TPL_ORIGIN_FLAT, &sc, &diags);
    if (!t)
        return "(erreur)";
    pr_tpl_ctx ctx = {model, &figures, {0}, 0, 0, 0, NULL, test_history};
    if (item)
        ctx.items[ctx.depth++] = item;
    char *s = pr_tpl_expand(t, &ctx, &diags);
    snprintf(buf, sizeof buf, "%s", s);
    free(s);
    pr_tpl_text_free(t);
    return buf;
}
#define EXPAND(src) expand_in((src), NULL, NULL)

/* The same with list indexes (pr_tpl_cache): the results must not change. */
static pr_tpl_cache *test_cache;
static const char *expand_cached(const char *src)
{
    static char buf[4096];
    reset_diags();
    pr_pos pos = {"t.txt", 1, 1};
    pr_tpl_text *t = pr_tpl_compile(src, strlen(src), pos, PR_TPL_ORIGIN_FLAT, NULL, &diags);
    if (!t)
        return "(erreur)";
    pr_tpl_ctx ctx = {model, &figures, {0}, 0, 0, 0, test_cache, NULL};
    char *s = pr_tpl_expand(t, &ctx, &diags);
    snprintf(buf, sizeof buf, "%s", s);
    free(s);
    pr_tpl_text_free(t);
    return buf;
}

TEST(fields_and_figures)
{
    CHECK_STR(EXPAND("Le réseau {{reseau.nom}} ({{ reseau.lancement }})."),
              "Le réseau Planif Territoires (2022).");
    CHECK_STR(EXPAND("{{chiffre.personnes_mobilisees}} personnes"), "1" NNBSP "234 personnes");
    CHECK_STR(EXPAND("{{chiffre.ateliers_elus.libelle}}"), "Ateliers des élus engagés");
    CHECK_STR(EXPAND("{{reseau.missions[1].titre}}/{{reseau.missions[-1].titre}}"),
              "Échanger/Promouvoir");
    CHECK_STR(EXPAND("[{{reseau.missions[7].titre}}]"), "[]");
    CHECK_STR(EXPAND("{{evenements[type=rencontre_nationale].titre}}"), "Rencontres");
    CHECK_STR(EXPAND("{{evenements[type=atelier][1].titre}}"), "Second atelier");
    CHECK_STR(EXPAND("{{chantiers[0].statut[rapport.annee]}}"), "en_cours");
    CHECK_STR(EXPAND("{{reseau.presentation}}|{{reseau.historique}}"), "|");
    CHECK_INT(diags.n, 0);
}

TEST(filters)
{
    CHECK_STR(EXPAND("{{evenements[1].date}}"), "7" NBSP "juin 2023");
    CHECK_STR(EXPAND("{{evenements[0].date | date}}"), "1er" NBSP "mars 2023");
    CHECK_STR(EXPAND("{{evenements[1].date | jour}}"), "7" NBSP "juin");
    CHECK_STR(EXPAND("{{evenements[2].date | date}}"), "novembre 2023");
    CHECK_STR(EXPAND("{{evenements[2].date | jour}}"), "novembre");
    CHECK_STR(EXPAND("{{evenements[1].date | mois}}"), "juin 2023");
    CHECK_STR(EXPAND("{{evenements[1].date | nom_mois | capitale}}"), "Juin");
    CHECK_STR(EXPAND("{{evenements[2].participants}}"), "1" NNBSP "500");
    CHECK_STR(EXPAND("{{evenements[1].participants | effectif}}"), "environ 200");
    CHECK_STR(EXPAND("{{evenements[1].edition | ordinal_f}} édition"), "2^e^ édition");
    CHECK_STR(EXPAND("{{chiffre.rencontre_nationale_edition | ordinal}}"), "2^e^");
    CHECK_STR(EXPAND("{{reseau.lancement | nombre}}"), "2" NNBSP "022");
    CHECK_STR(EXPAND("{{equipe.membres[0].nom | minuscules | capitale}}"), "Bonnet-derivière");
    CHECK_STR(EXPAND("{{equipe.membres[0].prenom | majuscules}}"), "ÉMILIE");
    CHECK_STR(EXPAND("{{equipe.membres[1].prenom | initiales}}{{equipe.membres[1].nom | initiales}}"),
              "JM");
    CHECK_STR(EXPAND("{{chantiers[0].groupe.membres | liste}}"), "DGALN, FNAU et Cerema");
    CHECK_STR(EXPAND("{{rapport.ministere}}"), "MINISTÈRE et DE LA TRANSITION");
    CHECK_STR(EXPAND("atelier{{chiffre.ateliers_elus | pluriel}}, édition{{evenements[1].edition | pluriel}}, "
                     "personne{{evenements[1].participants | pluriel}}"),
              "ateliers, éditions, personnes");
    CHECK_STR(EXPAND("{{#chaque partenaires}}{{id | partenaire}}{{@sep}}{{/chaque}}, {{reseau.nom | partenaire}}"),
              "AMF, CNFPT et ADEME, Planif Territoires");
    CHECK_STR(EXPAND("{{#chaque chantiers[0].groupe.membres}}{{. | departement}}/{{/chaque}}"),
              "DGALN/FNAU/Cerema/");
    CHECK_STR(EXPAND("{{evenements[0].id | region}}"), "e1");
    CHECK_STR(EXPAND("{{elus[0].id | elu}} ({{elus[0].departement | departement}}), "
                     "{{reseaux_locaux[0].regions | liste | region}}, "
                     "{{#chaque reseaux_locaux[1].departements}}{{. | departement}}{{@sep}}{{/chaque}}"),
              "Sylvain ROBERT (Pas-de-Calais), Bretagne, Corse-du-Sud et La Réunion");
    CHECK_INT(diags.n, 0);
}

TEST(format_helpers)
{
    char *s = pr_format_ordinal_markup(1, 0);
    CHECK_STR(s, "1^er^");
    free(s);
    s = pr_format_ordinal_markup(1, 1);
    CHECK_STR(s, "1^re^");
    free(s);
    s = pr_format_ordinal_markup(105, 0);
    CHECK_STR(s, "105^e^");
    free(s);
    s = pr_format_int(-1234567);
    CHECK_STR(s, "\xE2\x88\x92" "1" NNBSP "234" NNBSP "567");
    free(s);
    s = pr_format_upper("œuvre à l'été ÿ");
    CHECK_STR(s, "ŒUVRE À L'ÉTÉ Ÿ");
    free(s);
    s = pr_format_initials("émilie  bonnet");
    CHECK_STR(s, "ÉB");
    free(s);
}

TEST(blocks)
{
    CHECK_STR(EXPAND("{{#chaque reseau.missions}}{{titre}}{{@sep}}{{/chaque}}"),
              "Fédérer, Échanger et Promouvoir");
    CHECK_STR(EXPAND("{{#chaque reseau.missions}}{{@rang}}/{{@nombre}} {{/chaque}}"),
              "1/3 2/3 3/3 ");
    CHECK_STR(EXPAND("{{#chaque chantiers[0].groupe.membres}}<{{.}}>{{/chaque}}"),
              "<DGALN><FNAU><Cerema>");
    CHECK_STR(EXPAND("{{#chaque evenements[type=atelier]}}{{titre}};{{/chaque}}"),
              "Atelier;Second atelier;");
    CHECK_STR(EXPAND("{{#chaque reseau.missions}}{{#si texte}}{{titre}} {{texte}}{{#sinon}}"
                     "({{titre}}){{/si}}{{#si non @dernier}}, {{/si}}{{/chaque}}"),
              "Fédérer les acteurs, (Échanger), Promouvoir les pratiques");
    CHECK_STR(EXPAND("{{#chaque partenaires}}{{nom}}{{#si depuis = rapport.annee}} (nouveau){{/si}}"
                     "{{@sep}}{{/chaque}}"),
              "AMF, Centre national (nouveau) et ADEME");
    CHECK_STR(EXPAND("{{#chaque evenements}}{{#si type != atelier}}{{id}}{{/si}}{{/chaque}}"), "e2e4e5");
    CHECK_STR(EXPAND("{{#si chiffre.ateliers_elus}}oui{{/si}}{{#si reseau.historique}}non{{/si}}"),
              "oui");
    CHECK_STR(EXPAND("{{#si evenements[type=seminaire]}}a{{#sinon}}b{{/si}}"), "b");
    CHECK_STR(EXPAND("{{#si chiffre.ateliers_elus != chiffre.ateliers_elus}}a{{#sinon}}b{{/si}}"
                     "{{#si chiffre.ateliers_elus = chiffre.rencontre_nationale_edition}}c{{/si}}"
                     "{{#si chiffre.ateliers_elus = 3}}d{{/si}}{{#si reseau.lancement != rapport.annee}}e{{/si}}"),
              "bde");
    /* outer scope reachable from a nested loop */
    CHECK_STR(EXPAND("{{#chaque equipe.membres}}{{#chaque reseau.missions}}{{#si @premier}}"
                     "{{prenom}}:{{titre}} {{/si}}{{/chaque}}{{/chaque}}"),
              "Émilie:Fédérer Jean-Paul:Fédérer ");
    CHECK_INT(diags.n, 0);
}

TEST(standalone_lines)
{
    CHECK_STR(EXPAND("Missions :\n"
                     "{{#chaque reseau.missions}}\n"
                     "- **{{titre}}**\n"
                     "{{/chaque}}\n"
                     "Fin."),
              "Missions :\n- **Fédérer**\n- **Échanger**\n- **Promouvoir**\nFin.");
    CHECK_STR(EXPAND("a {{#si reseau.nom}}b{{/si}} c\n"), "a b c\n");
    /* comment lines of FLAT texts, comment tags */
    CHECK_STR(EXPAND("# note\nun{{! rien }}\n  # pas en début\n"), "un\n  # pas en début\n");
}

TEST(item_scope)
{
    pr_mvalue root = pr_mvalue_root(model);
    pr_mvalue equipe = pr_mvalue_get(model, &root, pr_record_field(root.record, "equipe"));
    pr_mvalue membres = pr_mvalue_get(model, &equipe, pr_record_field(equipe.record, "membres"));
    pr_mvalue m0 = pr_mvalue_item(&membres, 0), m1 = pr_mvalue_item(&membres, 1);
    CHECK_STR(expand_in("{{prenom}} {{nom}}", "equipe.membres[]", &m1), "Jean-Paul MICHAUD");
    /* the root stays reachable */
    CHECK_STR(expand_in("{{nom}} / {{reseau.nom}}", "equipe.membres[]", &m0),
              "BONNET-DERIVIÈRE / Planif Territoires");
}

TEST(conditions)
{
    /* et, ou, non, parentheses */
    CHECK_STR(EXPAND("{{#si chiffre.ateliers_elus et reseau.historique}}a{{#sinon}}b{{/si}}"
                     "{{#si chiffre.ateliers_elus ou reseau.historique}}c{{/si}}"
                     "{{#si non (reseau.historique ou reseau.presentation)}}d{{/si}}"
                     "{{#si non reseau.historique et chiffre.ateliers_elus}}e{{/si}}"),
              "bcde");
    /* comparisons of numbers, counts of lists, alternatives */
    CHECK_STR(EXPAND("{{#si chiffre.ateliers_elus > 2}}a{{/si}}{{#si chiffre.ateliers_elus >= 4}}b{{/si}}"
                     "{{#si chiffre.ateliers_elus < 10}}c{{/si}}{{#si chiffre.lettres <= 21}}d{{/si}}"
                     "{{#si evenements[type=atelier] = 2}}e{{/si}}{{#si evenements > 3}}f{{/si}}"
                     "{{#si reseau.missions < 2}}g{{/si}}"),
              "acdef");
    CHECK_STR(EXPAND("{{#chaque evenements}}{{#si type = atelier,autre}}{{id}}{{/si}}{{/chaque}}|"
                     "{{#chaque evenements}}{{#si type != atelier,autre}}{{id}}{{/si}}{{/chaque}}"),
              "e1e3e5|e2e4");
    /* a date compared with a year compares its year; a list of texts with a word: membership */
    CHECK_STR(EXPAND("{{#chaque evenements}}{{#si date = rapport.annee}}{{id}}{{/si}}{{/chaque}}"
                     "{{#si evenements[0].date < 2024}}+{{/si}}"
                     "{{#si chantiers[0].groupe.membres = FNAU}}m{{/si}}"
                     "{{#si chantiers[0].groupe.membres = OFB}}n{{/si}}"
                     "{{#si reseau.nom = \"Planif Territoires\"}}x{{/si}}"),
              "e1e2e3+mx");
    /* an absent value: = never holds, != always */
    CHECK_STR(EXPAND("{{#si reseau.historique = x}}a{{/si}}{{#si reseau.historique != x}}b{{/si}}"
                     "{{#si reseau.historique > 1}}c{{/si}}"),
              "b");
    /* {{#sinon si}} chains */
    CHECK_STR(EXPAND("{{#chaque evenements}}{{#si type = rencontre_nationale}}R"
                     "{{#sinon si participants > 1000}}G{{#sinon si date = 2024}}V"
                     "{{#sinon}}a{{/si}}{{/chaque}}"),
              "aRGVV");
    CHECK_INT(diags.n, 0);
}

TEST(list_filters)
{
    CHECK_STR(EXPAND("{{#chaque partenaires[depuis<=rapport.annee]}}{{nom}}{{@sep}}{{/chaque}}"),
              "AMF et Centre national");
    CHECK_STR(EXPAND("{{#chaque evenements[date=rapport.annee][type!=rencontre_nationale]}}{{id}} {{/chaque}}"),
              "e1 e3 ");
    CHECK_STR(EXPAND("{{#chaque evenements[participants]}}{{id}}{{/chaque}}|"
                     "{{#chaque evenements[non participants]}}{{id}}{{/chaque}}|"
                     "{{#chaque evenements[participants > 1000 ou type = autre]}}{{id}}{{/chaque}}"),
              "e2e3|e1e4e5|e3e5");
    CHECK_STR(EXPAND("{{#chaque chantiers[statut[rapport.annee]=en_cours,termine]}}{{id}}{{/chaque}}"),
              "1.a");
    /* ".champ": a field of the element around the list */
    CHECK_STR(EXPAND("{{#chaque chantiers}}{{id}} : {{elus[chantier=.id] | compte}} élu, "
                     "{{#chaque elus[chantier=.id]}}{{prenom}}{{/chaque}}{{/chaque}}"),
              "1.a : 1 élu, Sylvain2 : 0 élu, ");
    /* nested: the officials whose workstream is in progress */
    CHECK_STR(EXPAND("{{elus[chantiers[id=.chantier][statut[rapport.annee]=en_cours]] | compte}}"
                     "{{elus[non chantiers[id=.chantier][statut[rapport.annee]=en_cours]] | compte}}"
                     "{{elus[chantiers[id=.chantier][statut[rapport.annee]=termine]] | compte}}"),
              "100");
    CHECK_STR(EXPAND("{{#chaque chantiers}}{{#si elus[chantier=.id] = elus[id]}}tous{{/si}}"
                     "{{#si elus[chantier=.id] = elus}}-tous{{/si}}{{#si evenements = elus}}x{{/si}}{{/chaque}}"),
              "tous-tous");
    CHECK_STR(EXPAND("{{evenements[type=atelier] | compte}} {{chantiers[0].groupe.membres | compte}} "
                     "{{partenaires[depuis=2025] | compte}}"),
              "2 3 0");
    CHECK_INT(diags.n, 0);
}

TEST(indexed_filters_give_the_same_items)
{
    static const char *const srcs[] = {
        "{{#chaque chantiers}}{{elus[chantier=.id] | compte}}:{{#chaque elus[chantier=.id]}}{{prenom}}{{/chaque}}{{/chaque}}",
        "{{#chaque evenements[type=atelier]}}{{id}}{{/chaque}}|{{evenements[type=atelier,autre] | compte}}",
        "{{#chaque elus}}{{chantiers[id=.chantier].titre}}{{/chaque}}|{{elus[chantier=2] | compte}}",
        "{{#chaque evenements[type=atelier][date=rapport.annee]}}{{id}}{{/chaque}}|{{partenaires[id=cnfpt].nom}}",
        "{{#chaque reseaux_locaux}}{{evenements[id=.id] | compte}}{{/chaque}}",
        NULL
    };
    test_cache = pr_tpl_cache_new();
    for (size_t i = 0; srcs[i]; i++) {
        char want[4096];
        snprintf(want, sizeof want, "%s", EXPAND(srcs[i]));
        CHECK_STR(expand_cached(srcs[i]), want);
        CHECK_STR(expand_cached(srcs[i]), want);   /* from the index built */
    }
    CHECK_STR(expand_cached(srcs[0]), "1:Sylvain0:");
    CHECK_STR(expand_cached(srcs[1]), "e1e3|3");
    pr_tpl_cache_free(test_cache);
    test_cache = NULL;
}

TEST(agreement)
{
    /* numbers in words; a noun agreed; a quantity as prose writes it */
    CHECK_STR(EXPAND("{{chiffre.ateliers_elus | en_lettres}}, {{chiffre.elus_engages | en_lettres_f}}, "
                     "{{chiffre.lettres | en_lettres}}, {{chiffre.lettres | en_lettres_f}}"),
              "trois, une, vingt et un, vingt et une");
    CHECK_STR(EXPAND("{{chiffre.elus_engages}} {{chiffre.elus_engages | accord \"réseau local\"}} qui "
                     "{{chiffre.elus_engages | accord \"couvre\" \"couvrent\"}} ; "
                     "{{chiffre.ateliers_elus}} {{chiffre.ateliers_elus | accord \"réseau local\"}} qui "
                     "{{chiffre.ateliers_elus | accord \"couvre\" \"couvrent\"}}"),
              "1 réseau local qui couvre ; 3 réseaux locaux qui couvrent");
    CHECK_STR(EXPAND("{{chiffre.tables_rondes | quantite \"une table ronde\"}}, "
                     "{{chiffre.elus_engages | quantite \"une table ronde\"}}, "
                     "{{chiffre.ateliers_elus | quantite \"une table ronde\"}}, "
                     "{{chiffre.lettres | quantite \"une lettre d'info\"}}, "
                     "{{chiffre.personnes_mobilisees | quantite \"une personne\"}}, "
                     "{{chiffre.tables_rondes | quantite \"un œil\" \"yeux\"}}, "
                     "{{chiffre.ateliers_elus | quantite \"un œil\" \"yeux\"}}"),
              "aucune table ronde, une table ronde, trois tables rondes, 21 lettres d'info, "
              "1" NNBSP "234 personnes, aucun œil, trois yeux");
    CHECK_STR(EXPAND("{{evenements[1].participants | quantite \"un participant\"}}"),
              "environ 200 participants");
    /* year spans */
    CHECK_STR(EXPAND("{{reseau.lancement | periode rapport.annee}} / {{rapport.annee | periode rapport.annee}}"),
              "2022–2023 / 2023");
    /* « de » and « à » before a placeholder: elision and contraction */
    CHECK_STR(EXPAND("{{#chaque evenements[4].intervenants}}Intervention de {{#si nom}}{{prenom}} {{nom}}"
                     "{{#sinon}}{{organisation}}{{/si}}. {{/chaque}}"),
              "Intervention du Cerema. Intervention d'Anrafa MADI. Intervention des référents. "
              "Intervention de la FNAU. ");
    /* the same before a name bound by span attributes (text.h) */
    CHECK_STR(EXPAND("Intervention de [{{evenements[4].intervenants[1].prenom}} "
                     "{{evenements[4].intervenants[1].nom}}]{insécable}, "
                     "de **[{{evenements[4].intervenants[0].organisation}}]{insécable}**"),
              "Intervention d'[Anrafa MADI]{insécable}, du **[Cerema]{insécable}**");
    CHECK_STR(EXPAND("Merci à {{evenements[4].intervenants[0].organisation}}, à **{{evenements[4].intervenants[2].organisation}}**, "
                     "De {{elus[0].prenom}} ; de {{evenements[4].intervenants[1].prenom | de}} ; "
                     "{{evenements[4].intervenants[0].organisation | sans_article}}, "
                     "{{evenements[4].intervenants[0].organisation | a | capitale}}"),
              "Merci au Cerema, aux **référents**, De Sylvain ; de d'Anrafa ; Cerema, Au Cerema");
    CHECK_STR(EXPAND("*Intervention de* {{evenements[4].intervenants[0].organisation}} / "
                     "*Intervention de* {{evenements[4].intervenants[1].prenom}}"),
              "*Intervention du* Cerema / *Intervention de* Anrafa");
    /* {{#liste}}: the parts that are not empty, joined */
    CHECK_STR(EXPAND("{{#liste}}{{#si chiffre.ateliers_elus}}{{chiffre.ateliers_elus | quantite \"un atelier\"}}{{/si}}"
                     "{{#et}}{{#si chiffre.tables_rondes}}x{{/si}}{{#et}} {{reseau.nom}} {{#et}}{{reseau.presentation}}"
                     "{{#et}}{{chiffre.lettres | quantite \"une lettre\"}}{{/liste}}."),
              "trois ateliers, Planif Territoires et 21 lettres.");
    CHECK_STR(EXPAND("[{{#liste}}{{reseau.presentation}}{{#et}}{{/liste}}]"), "[]");
    CHECK_STR(EXPAND("{{#liste}}{{#chaque reseau.missions}}{{titre}}{{/chaque}}{{/liste}}"),
              "FédérerÉchangerPromouvoir");
    /* filters on a list of texts apply to each element */
    CHECK_STR(EXPAND("{{reseaux_locaux[2].regions | region}} ; {{reseaux_locaux[1].departements | departement | liste}}"),
              "Bretagne et Corse ; Corse-du-Sud et La Réunion");
    /* a sentence ended by a placeholder is not ended twice */
    CHECK_STR(EXPAND("« {{evenements[4].titre}} ». {{evenements[4].titre}}. **{{evenements[4].titre}}**. "
                     "{{reseau.nom}}."),
              "« Ancien ? ». Ancien ? **Ancien ?** Planif Territoires.");
    /* figures in the data's prose */
    CHECK_STR(EXPAND("{{evenements[4].resume}}"), "Trois ateliers");
    CHECK_INT(diags.n, 0);
}

TEST(language_errors)
{
    CHECK_STR(EXPAND("{{chiffre.lettres | accord}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:21: le filtre « accord » attend le nom à accorder, entre guillemets : "
              "accord \"table ronde\" (ou le singulier et le pluriel : accord \"couvre\" \"couvrent\")");
    CHECK_STR(EXPAND("{{chiffre.lettres | quantite \"lettre\"}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:21: le filtre « quantite » attend le nom au singulier précédé de « un » "
              "ou « une », entre guillemets : quantite \"une table ronde\"");
    CHECK_STR(EXPAND("{{reseau.nom | accord \"x\"}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:16: le filtre « accord » ne s'applique pas à « reseau.nom », qui est un texte");
    CHECK_STR(EXPAND("{{reseau.nom | capitale \"x\"}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:16: le filtre « capitale » ne prend pas d'argument");
    CHECK_STR(EXPAND("{{reseau.lancement | periode}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:22: le filtre « periode » attend l'année de fin : "
              "{{reseau.feuille_de_route.debut | periode reseau.feuille_de_route.fin}}");
    CHECK_STR(EXPAND("{{chiffre.lettres | accord \"x}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:28: guillemet « \" » non refermé");
    CHECK_STR(EXPAND("{{#si chiffre.lettres >}}a{{/si}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:24: valeur attendue après « > »");
    CHECK_STR(EXPAND("{{#si reseau.nom et}}a{{/si}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:20: condition attendue (un champ, par exemple « reseau.historique »)");
    CHECK_STR(EXPAND("{{#si reseau.nom reseau.nom}}a{{/si}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:18: « = », « != », « < », « > », « et », « ou » ou la fin de la condition attendu ici");
    CHECK_STR(EXPAND("{{#si reseau = x}}a{{/si}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:7: « reseau » est un groupe de champs : on ne peut pas le comparer à une valeur");
    CHECK_STR(EXPAND("{{evenements[typ=atelier] | compte}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:14: champ inconnu « typ » dans « evenements[] » (vouliez-vous dire « type » ?)");
    CHECK_STR(EXPAND("{{evenements[chantier=.id] | compte}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:23: « . » (l'élément courant) n'a de sens que dans un bloc {{#chaque}} "
              "ou un composant qui a une source");
    CHECK_STR(EXPAND("{{#chaque chantiers}}{{elus[chantier=.idd] | compte}}{{/chaque}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:39: champ inconnu « idd » dans « chantiers[] » (vouliez-vous dire « id » ?)");
    CHECK_STR(EXPAND("{{reseau.missions[]}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:18: « [] » vide : un numéro ([0], [-1]) ou une condition ([type=atelier]) est attendu");
    CHECK_STR(EXPAND("{{#si reseau.nom}}a{{#sinon si}}b{{/si}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:20: {{#si}} attend une condition : {{#si reseau.historique}}");
    CHECK_STR(EXPAND("{{#si reseau.nom}}a{{#sinon x}}b{{/si}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:29: texte inattendu après {{#sinon}} (pour une autre condition : {{#sinon si …}})");
    CHECK_STR(EXPAND("{{#liste}}a{{#si reseau.nom}}{{#et}}{{/si}}{{/liste}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:30: {{#et}} sépare les parties d'un bloc {{#liste}} : il ne peut être "
              "ailleurs (ni dans un {{#si}} ou un {{#chaque}} ouvert dans la liste)");
    CHECK_STR(EXPAND("{{#et}}"), "(erreur)");
    CHECK_STR(EXPAND("{{#liste}}a"), "(erreur)");
    CHECK_STR(diag_text(0), "1:1: bloc {{#liste}} non fermé ({{/liste}} manquant)");
    CHECK_STR(EXPAND("{{#si reseau.nom}}a{{#sinon si reseau.accroche}}b"), "(erreur)");
    CHECK_INT(diags.n, 1);
    CHECK_STR(diag_text(0), "1:1: bloc {{#si}} non fermé ({{/si}} manquant)");
}

TEST(compile_errors)
{
    CHECK_STR(EXPAND("x\n  {{chiffre.ateliers_elu}}"), "(erreur)");
    CHECK_STR(diag_text(0), "2:13: chiffre inconnu « ateliers_elu » (vouliez-vous dire « ateliers_elus » ?)");
    CHECK_STR(EXPAND("Le {{ reseau.nomm }}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:14: champ inconnu « nomm » dans « reseau » (vouliez-vous dire « nom » ?)");
    CHECK_STR(EXPAND("{{foo}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:3: espace réservé inconnu « foo » : ni un champ des données, ni chiffre.…");
    CHECK_STR(EXPAND("{{reseu.nom}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:3: espace réservé inconnu « reseu » (vouliez-vous dire « reseau » ?)");
    CHECK_STR(EXPAND("{{reseau.nom | datee}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:16: filtre inconnu « datee » (vouliez-vous dire « date » ?)");
    CHECK_STR(EXPAND("{{reseau.nom | date}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:16: le filtre « date » ne s'applique pas à « reseau.nom », qui est un texte");
    CHECK_STR(EXPAND("é {{#chaque reseau.missions}}\n{{titre}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:3: bloc {{#chaque}} non fermé ({{/chaque}} manquant)");
    CHECK_STR(EXPAND("{{#si reseau.nom}}{{/chaque}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:19: {{/chaque}} ferme le bloc {{#si}} ouvert ligne 1");
    CHECK_STR(EXPAND("{{/si}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:1: {{/si}} sans {{#si}} ouvrant");
    CHECK_STR(EXPAND("a {{reseau.nom\n}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:3: « {{ » sans « }} » sur la même ligne");
    CHECK_STR(EXPAND("{{reseau.missions}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:3: « reseau.missions » est une liste : utilisez {{#chaque reseau.missions}}…{{/chaque}}");
    CHECK_STR(EXPAND("{{#chaque reseau.nom}}{{/chaque}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:11: « reseau.nom » est un texte, pas une liste : {{#chaque}} ne s'applique pas");
    CHECK_STR(EXPAND("{{#pour reseau.missions}}{{/pour}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:4: bloc inconnu « #pour » (blocs : #chaque, #si, #sinon, #liste, #et)");
    CHECK_INT(diags.n, 1);
    CHECK_STR(EXPAND("{{#sinon}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:1: {{#sinon}} hors d'un bloc {{#si}}");
    CHECK_STR(EXPAND("{{ }}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:1: espace réservé vide « {{}} »");
    CHECK_STR(EXPAND("{{@rang}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:3: « @rang » n'a de sens que dans un bloc {{#chaque}}");
    CHECK_STR(EXPAND("{{reseau.missions[x]}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:19: champ inconnu « x » dans « reseau.missions[] »");
    CHECK_STR(EXPAND("{{evenements[typ=atelier].titre}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:14: champ inconnu « typ » dans « evenements[] » (vouliez-vous dire « type » ?)");
    /* regression (found by fuzzing): the block left open after a bad
     * {{#chaque}} was not reachable from the tree and leaked its list */
    CHECK_STR(EXPAND("{{#chaque{{!seau.missions}}- {{titre}} {{@sep}}{{/chaque}}"), "(erreur)");
    CHECK_STR(EXPAND("{{#pour x}}a{{/pour}}{{#pour y}}b"), "(erreur)");
    /* several errors are all reported */
    CHECK_STR(EXPAND("{{a}} {{b}}\n{{reseau.x}}"), "(erreur)");
    CHECK_INT(diags.n, 3);
    CHECK_STR(diag_text(2), "2:10: champ inconnu « x » dans « reseau »");
}

TEST(expansion_errors)
{
    reset_diags();
    pr_pos pos = {"t.txt", 3, 5};
    pr_tpl_text *t = pr_tpl_compile("{{titre | mois}}", 16, pos, PR_TPL_ORIGIN_FLAT, NULL, &diags);
    CHECK(t == NULL);
    CHECK_STR(diag_text(0), "3:7: espace réservé inconnu « titre » : ni un champ des données, ni chiffre.…");
    /* a figure the caller did not compute */
    reset_diags();
    t = pr_tpl_compile("x {{chiffre.partenaires}}", 25, pos, PR_TPL_ORIGIN_FLAT, NULL, &diags);
    CHECK(t != NULL);
    if (!t)
        return;
    pr_tpl_ctx ctx = {model, &figures, {0}, 0, 0, 0, NULL, NULL};
    char *s = pr_tpl_expand(t, &ctx, &diags);
    CHECK_STR(s, "x ");
    CHECK_STR(diag_text(0), "3:7: chiffre « partenaires » non calculé");
    free(s);
    pr_tpl_text_free(t);
}

/* Templates read the model: the defaults of data/README.md apply. */
TEST(defaults_of_the_model)
{
    /* principal: false by default (the second consultancy has none) */
    CHECK_STR(EXPAND("{{#chaque equipe.prestataires[principal=false]}}{{nom}}{{@sep}}{{/chaque}}"),
              "Mangrove et Sillons");
    CHECK_STR(EXPAND("{{#chaque equipe.prestataires}}{{#si non principal}}{{nom}};{{/si}}{{/chaque}}"),
              "Mangrove;Sillons;");
    CHECK_STR(EXPAND("{{equipe.prestataires[1].principal}}"), "non");
    /* actif: true by default */
    CHECK_STR(EXPAND("{{#chaque reseaux_locaux}}{{#si actif}}{{id}}{{#sinon}}({{id}}){{/si}}{{/chaque}}"),
              "bzh(ile)ouest");
    CHECK_STR(EXPAND("{{#chaque reseaux_locaux[actif=true]}}{{id}}{{/chaque}}"), "bzhouest");
    /* a year absent from statut is prevu */
    CHECK_STR(EXPAND("{{#chaque chantiers}}{{id}}:{{statut[rapport.annee]}} {{/chaque}}"),
              "1.a:en_cours 2:prevu ");
    CHECK_STR(EXPAND("{{#chaque chantiers}}{{#si statut[rapport.annee] = prevu}}{{titre}}{{/si}}{{/chaque}}"),
              "Entrées de ville");
    CHECK_STR(EXPAND("{{chantiers[1].statut.2024}}/{{chantiers[1].statut.2030}}"), "amorce/prevu");
    /* a count's precision is exact unless written */
    CHECK_STR(EXPAND("{{evenements[2].participants.precision}}/{{evenements[1].participants.precision}}"),
              "exact/environ");
    CHECK_STR(EXPAND("{{#si evenements[0].participants}}a{{#sinon}}b{{/si}}"
                     "{{#si evenements[2].participants}}c{{/si}}"), "bc");
    CHECK_INT(diags.n, 0);
}

TEST(derived_values)
{
    CHECK_STR(EXPAND("{{#chaque chantiers}}{{statut_annee}} {{/chaque}}"), "en_cours prevu ");
    CHECK_STR(EXPAND("{{#chaque chantiers[statut_annee=prevu]}}{{id}}{{/chaque}}"), "2");
    CHECK_STR(EXPAND("{{chantiers[0].statut_annee | libelle}}, {{evenements[1].type | libelle}}"),
              "en cours, Rencontre nationale");
    CHECK_STR(EXPAND("{{#chaque partenaires[membre=true]}}{{id}}{{@sep}}{{/chaque}} ; "
                     "{{#chaque partenaires[nouveau=true]}}{{id}}{{/chaque}}"),
              "amf et cnfpt ; cnfpt");
    CHECK_STR(EXPAND("{{reseaux_locaux[0].departements_couverts | liste}} / "
                     "{{reseaux_locaux[1].departements_couverts | liste}}"),
              "22, 29, 35 et 56 / 2A et 974");
    CHECK_STR(EXPAND("{{#chaque evenements}}{{annee}}{{#si de_l_annee}}+{{/si}} {{/chaque}}"),
              "2023+ 2023+ 2023+ 2024 2024 ");
    CHECK_STR(EXPAND("{{#chaque evenements[de_l_annee=false]}}{{id}}{{/chaque}}"
                     "{{gouvernance.reunions[0].annee}}{{lettres[0].de_l_annee}}"),
              "e4e52023oui");
    CHECK_INT(diags.n, 0);
}

TEST(literals_are_checked)
{
    CHECK_STR(EXPAND("{{#chaque evenements[type=atelier_elu]}}{{/chaque}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:27: type d'événement inconnu « atelier_elu » pour « type » : "
                            "vouliez-vous dire « atelier_elus » ? (valeurs possibles : atelier_elus, "
                            "atelier, webinaire, seminaire, rencontre_nationale, stand_congres, "
                            "reunion_referents, journee_etude, publication, autre)");
    CHECK_STR(EXPAND("x\n{{#si chantiers[0].statut[rapport.annee] = en_cour}}a{{/si}}"), "(erreur)");
    CHECK_STR(diag_text(0), "2:44: statut inconnu « en_cour » pour « chantiers[0].statut[rapport.annee] » : "
                            "vouliez-vous dire « en_cours » ? (valeurs possibles : prevu, amorce, "
                            "en_cours, termine, suspendu)");
    CHECK_STR(EXPAND("{{#si reseaux_locaux[0].actif != non}}a{{/si}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:34: « reseaux_locaux[0].actif » est un booléen : on le compare à "
                            "true ou à false, pas à « non »");
    CHECK_STR(EXPAND("{{#chaque reseaux_locaux[echelle=régional]}}{{/chaque}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:34: échelle inconnue « régional » pour « echelle » : vouliez-vous "
                            "dire « regional » ? (valeurs possibles : regional, departemental, "
                            "interdepartemental)");
    /* the raw data's keys only: no "fonction" for a person */
    CHECK_STR(EXPAND("{{evenements[1].intervenants[0].fonction}}"), "(erreur)");
    CHECK_STR(diag_text(0), "1:33: champ inconnu « fonction » dans « evenements[].intervenants[] »");
}

TEST(prose_split)
{
    pr_prose p = {0};
    pr_prose_split("Un paragraphe\nsur deux lignes.\n\n- puce un\n  suite\n  - sous-puce\n"
                   "- puce deux\n\nFin.  \n",
                   &p);
    CHECK_INT(p.n, 5);
    if (p.n == 5) {
        CHECK_INT(p.items[0].kind, PR_PROSE_PARAGRAPH);
        CHECK_STR(p.items[0].text, "Un paragraphe sur deux lignes.");
        CHECK_INT(p.items[1].kind, PR_PROSE_BULLET);
        CHECK_INT(p.items[1].level, 1);
        CHECK_STR(p.items[1].text, "puce un suite");
        CHECK_INT(p.items[2].level, 2);
        CHECK_STR(p.items[2].text, "sous-puce");
        CHECK_STR(p.items[3].text, "puce deux");
        CHECK_STR(p.items[4].text, "Fin.");
    }
    pr_prose_free(&p);
}

TEST(list_paths)
{
    reset_diags();
    pr_tpl_text *holder = pr_tpl_compile("", 0, (pr_pos){0}, PR_TPL_ORIGIN_FLAT, NULL, &diags);
    const char *src = "evenements[type=atelier]";
    pr_tpl_path *p = pr_tpl_compile_path(holder, src, strlen(src), (pr_pos){"s.yaml", 1, 1},
                                         NULL, &diags);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(pr_tpl_path_item_pattern(p), "evenements[]");
        const pr_mvalue **items;
        pr_tpl_ctx ctx = {model, &figures, {0}, 0, 0, 0, NULL, NULL};
        size_t n = pr_tpl_path_items(p, &ctx, &items);
        CHECK_INT(n, 2);
        if (n == 2) {
            CHECK_INT(items[1]->kind, PR_MV_RECORD);
            CHECK_STR(((const pr_event *)items[1]->ptr)->id, "e3");
        }
        free(items);
    }
    src = "reseau.nom";
    CHECK(pr_tpl_compile_path(holder, src, strlen(src), (pr_pos){"s.yaml", 1, 1}, NULL, &diags) == NULL);
    CHECK_STR(diag_text(0), "1:1: « reseau.nom » n'est pas une liste de données");
    pr_tpl_text_free(holder);
    CHECK(pr_tpl_schema_has("evenements[].sessions[].intervenants[].nom"));
    CHECK(pr_tpl_schema_has("chantiers[].statut.2023"));
    CHECK(pr_tpl_schema_has("chantiers[].statut_annee"));
    CHECK(pr_tpl_schema_has("evenements[].participants.precision"));
    CHECK(!pr_tpl_schema_has("reseau.inconnu"));
    CHECK(!pr_tpl_schema_has("chantiers[].statut.20"));
}

/* chiffre.ID.precedent, .annee_precedente, .ecart, .comparable,
 * .comparaison: the comparison with the years before (data/history.h). */
TEST(comparison_with_the_years_before)
{
    /* without history: empty, false, and never an error */
    CHECK_STR(EXPAND("[{{chiffre.evenements.precedent}}|{{chiffre.evenements.comparaison}}|"
                     "{{chiffre.evenements.ecart}}]"), "[||]");
    CHECK_STR(EXPAND("{{#si chiffre.evenements.comparable}}oui{{#sinon}}non{{/si}}"), "non");
    CHECK_INT(diags.n, 0);
    /* 2021 from a file, 2022 published (people under its first definition) */
    pr_history h;
    memset(&h, 0, sizeof h);
    h.n = 3;
    h.years = calloc(3, sizeof *h.years);
    for (size_t k = 0; k < 3; k++) {
        h.years[k].year = 2021 + (int)k;
        for (int id = 0; id < PR_FIG__COUNT; id++) {
            pr_year_value *v = &h.years[k].v[id];
            v->origin = k == 1 ? PR_ORIGIN_NONE : PR_ORIGIN_DATA;
            const pr_figure *cur = pr_figures_get(&figures, pr_figure_defs()[id].id);
            v->value = k == 2 ? (cur ? cur->value : 0) : 1234;
            v->definition = pr_figure_version((pr_figure_id)id);
        }
    }
    h.years[1].v[PR_FIG_PEOPLE] = (pr_year_value){PR_ORIGIN_PUBLISHED, 300, 1, "R"};
    h.years[1].v[PR_FIG_OFFICIALS_WORKSHOPS] = (pr_year_value){PR_ORIGIN_PUBLISHED, 1, 1, "R"};
    test_history = &h;
    CHECK_STR(EXPAND("{{chiffre.ateliers_elus}} en 2023, {{chiffre.ateliers_elus.comparaison}} "
                     "({{chiffre.ateliers_elus.ecart}})"), "3 en 2023, contre 1 en 2022 (+2)");
    CHECK_STR(EXPAND("{{chiffre.ateliers_elus.precedent}}/{{chiffre.ateliers_elus.annee_precedente}}"),
              "1/2022");
    /* the latest earlier value: 2021's, when 2022 has none */
    CHECK_STR(EXPAND("{{chiffre.lettres.precedent}} en {{chiffre.lettres.annee_precedente}}"),
              "1\u202f234 en 2021");
    CHECK_STR(EXPAND("{{chiffre.lettres.comparaison}} ({{chiffre.lettres.ecart}})"),
              "contre 1\u202f234 en 2021 (\u22121\u202f213)");
    /* another definition: not compared */
    CHECK_STR(EXPAND("{{#si chiffre.personnes_mobilisees.comparable}}oui{{#sinon}}non{{/si}} "
                     "{{chiffre.personnes_mobilisees.comparaison}}"),
              "non définition modifiée en 2024\u00a0: non comparable");
    CHECK_STR(EXPAND("[{{chiffre.personnes_mobilisees.ecart}}]"), "[]");
    CHECK_STR(EXPAND("{{chiffre.personnes_mobilisees.precedent | nombre}}"), "300");
    CHECK_INT(diags.n, 0);
    /* a property misspelt */
    CHECK_STR(EXPAND("{{chiffre.lettres.precedente}}"), "(erreur)");
    CHECK(strstr(diag_text(0), "propriété de chiffre inconnue « precedente » : vouliez-vous dire "
                               "« precedent » ?") != NULL);
    test_history = NULL;
    free(h.years);
}

int main(void)
{
    setup();
    RUN(fields_and_figures);
    RUN(filters);
    RUN(format_helpers);
    RUN(blocks);
    RUN(standalone_lines);
    RUN(item_scope);
    RUN(conditions);
    RUN(list_filters);
    RUN(indexed_filters_give_the_same_items);
    RUN(agreement);
    RUN(language_errors);
    RUN(compile_errors);
    RUN(expansion_errors);
    RUN(defaults_of_the_model);
    RUN(derived_values);
    RUN(literals_are_checked);
    RUN(prose_split);
    RUN(list_paths);
    RUN(comparison_with_the_years_before);
    pr_diags_free(&diags);
    pr_model_free(model);
    pr_sources_free();
    return UNIT_DONE();
}
