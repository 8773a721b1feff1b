/* test_model.c — the model builder: a valid small year (values, sorting,
 * ownership of the document), then the exact French message, data path and
 * position of every class of error, several per run; and the equivalence of
 * data/2023.yaml and data/2023.json. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/model.h"
#include "data/load.h"
#include "unit.h"

/* A valid year (line numbers matter: messages below cite them). The same
 * text is tests/unit/data/base.yaml (checked below), and base.json is its
 * translation by tools/yaml2json. */
static const char *const BASE =
    "rapport:\n"
    "  annee: 2024\n"
    "  titre: \"Rapport d'activités 2024\"\n"
    "  editeur: \"DGALN / DHUP / UP3\"\n"
    "  publication: \"2025-05\"\n"
    "  ministere: [\"MINISTÈRE\"]\n"
    "  site_web: \"https://exemple.invalid\"\n"
    "  contact: \"contact@exemple.invalid\"\n"
    "  credits:\n"
    "    - role: \"Rédaction\"\n"
    "      personnes: [\"Camille MARTIN\"]\n"
    "reseau:\n"
    "  nom: \"Planif Territoires\"\n"
    "  accroche: \"Imaginons ensemble\"\n"
    "  lancement: 2022\n"
    "  predecesseur: {nom: \"Club PLUi\", creation: 2013}\n"
    "  missions:\n"
    "    - {titre: \"Faciliter les échanges\", texte: \"entre pairs.\"}\n"
    "  offre:\n"
    "    piliers:\n"
    "      - titre: \"La mise en réseau\"\n"
    "    colonnes:\n"
    "      - titre: \"Communauté nationale\"\n"
    "        elements: [\"Webinaires\"]\n"
    "  feuille_de_route:\n"
    "    debut: 2024\n"
    "    fin: 2025\n"
    "    axes:\n"
    "      - {numero: 1, titre_court: \"Acteurs\", titre: \"Le rôle des acteurs\"}\n"
    "      - {numero: 2, titre_court: \"Densité\", titre: \"La densité\"}\n"
    "equipe:\n"
    "  bureau: \"Bureau UP3\"\n"
    "  sigle: \"UP3\"\n"
    "  direction: \"DGALN\"\n"
    "  membres:\n"
    "    - {prenom: \"Camille\", nom: \"MARTIN\", organisation: \"DGALN/DHUP/UP3\"}\n"
    "  prestataires:\n"
    "    - {nom: \"Neoclide\", role: \"AMO\", principal: true}\n"
    "    - {nom: \"gleech\", role: \"appui\"}\n"
    "partenaires:\n"
    "  - {id: \"fnau\", sigle: \"FNAU\", nom: \"Fédération nationale des agences d'urbanisme\", depuis: 2022}\n"
    "  - {id: \"cnfpt\", nom: \"CNFPT\", depuis: 2024}\n"
    "gouvernance:\n"
    "  reunions:\n"
    "    - {date: \"2024-03\", instance: \"comité de pilotage\", decisions: [\"Adoption.\"]}\n"
    "chantiers:\n"
    "  - id: \"1\"\n"
    "    axe: 1\n"
    "    titre: \"Le rôle des élus\"\n"
    "    statut: {2024: en_cours, 2025: termine}\n"
    "    actions:\n"
    "      - {titre: \"Atelier\", statut: termine, date: 2024, evenement: \"atelier-1\"}\n"
    "elus:\n"
    "  - id: \"dupont\"\n"
    "    prenom: \"Anne\"\n"
    "    nom: \"DUPONT\"\n"
    "    mandats: [\"Maire d'Ajaccio\"]\n"
    "    commune: \"Ajaccio\"\n"
    "    departement: \"2A\"\n"
    "    coordonnees: {lat: 41.92, lon: 8.74}\n"
    "    chantier: \"1\"\n"
    "evenements:\n"
    "  - id: \"rn2024\"\n"
    "    date: \"2024-12-05\"\n"
    "    type: rencontre_nationale\n"
    "    titre: \"3es Rencontres nationales\"\n"
    "    edition: 3\n"
    "    participants: {valeur: 250, precision: environ}\n"
    "    sessions:\n"
    "      - type: table_ronde\n"
    "        titre: \"Planifier avec les élus\"\n"
    "        intervenants:\n"
    "          - {prenom: \"Anne\", nom: \"DUPONT\"}\n"
    "          - {organisation: \"FNAU\"}\n"
    "  - id: \"atelier-1\"\n"
    "    date: \"2024-04\"\n"
    "    type: atelier_elus\n"
    "    titre: \"Atelier des élus\"\n"
    "    chantier: \"1\"\n"
    "    elus: [dupont]\n"
    "    participants: 12\n"
    "  - id: \"atelier-2\"\n"
    "    date: \"2024-04\"\n"
    "    type: atelier_elus\n"
    "    titre: \"Deuxième atelier\"\n"
    "reseaux_locaux:\n"
    "  - {id: \"corse\", nom: \"Réseau Corse\", echelle: regional, regions: [\"94\"], pilote: \"DREAL de Corse\"}\n"
    "  - {id: \"reunion\", nom: \"Réseau La Réunion\", echelle: departemental, departements: [\"974\"], pilote: \"DEAL\", actif: false}\n"
    "lettres:\n"
    "  - {numero: 4, date: \"2024-09\", grand_angle: \"L'eau\"}\n"
    "  - {numero: 3, date: \"2024-04\", grand_angle: \"Les sols vivants\"}\n"
    "communication:\n"
    "  rubriques_lettre:\n"
    "    - {titre: \"Édito\"}\n"
    "  site:\n"
    "    ouverture: \"2023-12\"\n"
    "    objectifs:\n"
    "      - {titre: \"Faire communauté\"}\n"
    "    rubriques:\n"
    "      - {texte: \"La vie du réseau\"}\n"
    "chiffres_declares:\n"
    "  - {chiffre: departements_couverts, valeur: 3, libelle: \"3 départements couverts\"}\n";

static pr_arena doc;
static pr_diags diags;

/* Load and build text; diagnostics (sorted) land in `diags`. */
static pr_model *build(const char *name, const char *text)
{
    pr_arena_free(&doc);
    pr_diags_free(&diags);
    pr_diags_init(&diags);
    pr_format f = strstr(name, ".json") ? PR_FORMAT_JSON : PR_FORMAT_YAML;
    pr_value *root = pr_load_buffer(name, text, strlen(text), f, &doc, &diags);
    pr_model *m = root ? pr_model_build(root, &doc, name, &diags) : NULL;
    pr_diags_sort(&diags);
    return m;
}

/* BASE with each (old, new) pair replaced once; NULL-terminated pairs. */
static char *edit(const char *first_old, ...)
{
    char *s = pr_strdup(BASE);
    va_list ap;
    va_start(ap, first_old);
    for (const char *old = first_old; old; old = va_arg(ap, const char *)) {
        const char *new = va_arg(ap, const char *);
        char *at = strstr(s, old);
        if (!at) {
            fprintf(stderr, "edit: « %s » absent de BASE\n", old);
            exit(2);
        }
        char *r = pr_asprintf("%.*s%s%s", (int)(at - s), s, new, at + strlen(old));
        free(s);
        s = r;
    }
    va_end(ap);
    return s;
}

/* "line:col: sev: path : message" of diagnostic i. */
static const char *diag(size_t i)
{
    static char buf[2048];
    if (i >= diags.n)
        return "(aucun diagnostic)";
    const pr_diag *g = &diags.items[i];
    snprintf(buf, sizeof buf, "%d:%d: %s: %s%s%s", g->pos.line, g->pos.col,
             g->sev == PR_SEV_ERROR ? "erreur" : "avertissement", g->path ? g->path : "",
             g->path ? " : " : "", g->msg);
    return buf;
}

TEST(valid_year)
{
    pr_model *m = build("base.yaml", BASE);
    CHECK(m != NULL);
    CHECK_INT(diags.n, 0);
    if (!m) {
        for (size_t i = 0; i < diags.n; i++)
            fprintf(stderr, "%s\n", diag(i));
        return;
    }
    CHECK_INT(m->report.year, 2024);
    CHECK_STR(m->report.title, "Rapport d'activités 2024");
    CHECK_INT(m->report.published.prec, PR_DATE_MONTH);
    CHECK_INT(m->report.published.month, 5);
    CHECK_STR(m->source_file, "base.yaml");
    CHECK_STR(m->network.predecessor_name, "Club PLUi");
    CHECK_INT(m->network.predecessor_year, 2013);
    CHECK_INT(m->network.roadmap_end, 2025);
    CHECK_INT(m->network.n_axes, 2);
    CHECK_INT(m->network.axes[1].pos.line, 30);
    CHECK_INT(m->team.n_consultancies, 2);
    CHECK_INT(m->team.consultancies[0].lead, 1);
    CHECK_INT(m->team.consultancies[1].lead, 0);
    /* events sorted by date, ties in file order */
    CHECK_INT(m->n_events, 3);
    CHECK_STR(m->events[0].id, "atelier-1");
    CHECK_STR(m->events[1].id, "atelier-2");
    CHECK_STR(m->events[2].id, "rn2024");
    CHECK_INT(m->events[2].participants.known, 1);
    CHECK_INT(m->events[2].participants.value, 250);
    CHECK_INT(m->events[2].participants.prec, PR_COUNT_ABOUT);
    CHECK_INT(m->events[0].participants.value, 12);
    CHECK_INT(m->events[0].participants.prec, PR_COUNT_EXACT);
    CHECK_INT(m->events[1].participants.known, 0);
    CHECK_INT(m->events[2].sessions[0].type, PR_SESSION_ROUND_TABLE);
    CHECK_STR(m->events[2].sessions[0].speakers[1].organisation, "FNAU");
    CHECK(m->events[2].sessions[0].speakers[1].last_name == NULL);
    CHECK_INT(m->events[2].pos.line, 63);
    /* newsletters sorted by number */
    CHECK_INT(m->newsletters[0].number, 3);
    CHECK_INT(m->newsletters[1].number, 4);
    /* defaults and optional fields */
    CHECK_INT(m->local_networks[0].active, 1);
    CHECK_INT(m->local_networks[1].active, 0);
    CHECK_INT(m->local_networks[1].scale, PR_SCALE_DEPARTMENTAL);
    CHECK_STR(m->local_networks[0].regions.items[0], "94");
    CHECK(m->network.presentation == NULL);
    CHECK_INT(m->next_year.n, 0);
    CHECK(m->officials[0].has_coords);
    CHECK_NEAR(m->officials[0].lon, 8.74, 1e-9);
    CHECK_INT(m->workstreams[0].actions[0].date.prec, PR_DATE_YEAR);
    CHECK_STR(m->communication.site_sections[0].text, "La vie du réseau");
    CHECK(m->communication.site_sections[0].title == NULL);
    CHECK_INT(m->declared[0].value, 3);
    /* lookups and labels */
    CHECK(pr_model_event(m, "rn2024") == &m->events[2]);
    CHECK(pr_model_event(m, "absent") == NULL);
    CHECK(pr_model_partner(m, "cnfpt") == &m->partners[1]);
    CHECK(pr_model_official(m, "dupont") == &m->officials[0]);
    CHECK(pr_model_workstream(m, "1") == &m->workstreams[0]);
    CHECK(pr_model_axis(m, 2) == &m->network.axes[1]);
    CHECK(pr_model_axis(m, 3) == NULL);
    CHECK_INT(pr_workstream_status(&m->workstreams[0], 2025), PR_STATUS_DONE);
    CHECK_INT(pr_workstream_status(&m->workstreams[0], 2024), PR_STATUS_ACTIVE);
    CHECK_INT(pr_workstream_status(&m->workstreams[0], 2026), PR_STATUS_PLANNED);
    CHECK_STR(pr_event_type_label(m->events[0].type), "Atelier des élus");
    CHECK_STR(pr_event_type_key(PR_EVENT_STUDY_DAY), "journee_etude");
    CHECK_STR(pr_event_type_label(PR_EVENT_STUDY_DAY), "Journée d'étude");
    CHECK_STR(pr_session_type_label(PR_SESSION_MINI_CONFERENCE), "Mini-conférence");
    CHECK_STR(pr_status_label(PR_STATUS_STARTED), "amorcé");
    CHECK_STR(pr_status_key(PR_STATUS_ACTIVE), "en_cours");
    CHECK_STR(pr_scale_label(PR_SCALE_INTERDEPARTMENTAL), "interdépartemental");
    /* the model took the document over */
    CHECK(doc.head == NULL);
    CHECK(m->doc != NULL && m->doc->kind == PR_V_MAP);
    CHECK_STR(pr_value_get(pr_value_get(m->doc, "reseau"), "nom")->text, "Planif Territoires");
    pr_model_free(m);
}

TEST(failure_leaves_the_document)
{
    char *t = edit("  annee: 2024\n", "  annee: \"2024\"\n", NULL);
    pr_model *m = build("t.yaml", t);
    CHECK(m == NULL);
    CHECK(doc.head != NULL);
    CHECK_INT(diags.n_errors, 1);
    CHECK_STR(diag(0), "2:10: erreur: rapport.annee : nombre entier attendu, trouvé le texte "
                       "« 2024 » entre guillemets : retirer les guillemets");
    free(t);
}

TEST(dates)
{
    pr_date a = {2023, 12, 0, PR_DATE_MONTH}, b = {2023, 12, 7, PR_DATE_DAY};
    pr_date y = {2023, 0, 0, PR_DATE_YEAR};
    CHECK(pr_date_cmp(a, b) < 0);
    CHECK(pr_date_cmp(b, a) > 0);
    CHECK(pr_date_cmp(y, a) < 0);
    CHECK_INT(pr_date_cmp(b, b), 0);

    static const struct { const char *written, *expected; } cases[] = {
        {"\"2024-02-29\"", NULL},
        {"\"2023-02-29\"", "date impossible : février 2023 n'a que 28 jours"},
        {"\"2024-02-30\"", "date impossible : février 2024 n'a que 29 jours"},
        {"\"2024-04-31\"", "date impossible : avril 2024 n'a que 30 jours"},
        {"\"2024-13-01\"", "date impossible : il n'y a pas de mois 13"},
        {"\"2024-00\"", "date impossible : il n'y a pas de mois 0"},
        {"\"2024-03-00\"", "date impossible : il n'y a pas de jour 0"},
        {"\"2024-3\"", "date mal écrite « 2024-3 » : forme attendue AAAA-MM-JJ ou AAAA-MM ; "
                       "écrire « 2024-03 »"},
        {"\"2024-3-7\"", "date mal écrite « 2024-3-7 » : forme attendue AAAA-MM-JJ ou AAAA-MM ; "
                         "écrire « 2024-03-07 »"},
        {"\"03/2024\"", "date mal écrite « 03/2024 » : forme attendue AAAA-MM-JJ ou AAAA-MM ; "
                        "écrire « 2024-03 »"},
        {"\"07/03/2024\"", "date mal écrite « 07/03/2024 » : forme attendue AAAA-MM-JJ ou "
                           "AAAA-MM ; écrire « 2024-03-07 »"},
        {"mars 2024", "date mal écrite « mars 2024 » : forme attendue AAAA-MM-JJ ou AAAA-MM ; "
                      "écrire « 2024-03 »"},
        {"Février 2024", "date mal écrite « Février 2024 » : forme attendue AAAA-MM-JJ ou "
                         "AAAA-MM ; écrire « 2024-02 »"},
        {"1er août 2024", "date mal écrite « 1er août 2024 » : forme attendue AAAA-MM-JJ ou "
                          "AAAA-MM ; écrire « 2024-08-01 »"},
        {"2024-12-05T09:00", "date mal écrite « 2024-12-05T09:00 » : forme attendue "
                             "AAAA-MM-JJ ou AAAA-MM ; écrire « 2024-12-05 »"},
        {"bientôt", "date mal écrite « bientôt » : forme attendue AAAA-MM-JJ ou AAAA-MM"},
        {"\"31/02/2024\"", "date mal écrite « 31/02/2024 » : forme attendue AAAA-MM-JJ ou "
                           "AAAA-MM"},
        {"2024", "date à l'année seule « 2024 » non admise ici : forme attendue AAAA-MM-JJ ou "
                 "AAAA-MM"},
        {"[2024]", "date attendue (AAAA-MM-JJ ou AAAA-MM), trouvé une liste"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *line = pr_asprintf("    date: %s\n", cases[i].written);
        char *t = edit("    date: \"2024-12-05\"\n", line, NULL);
        pr_model *m = build("d.yaml", t);
        if (!cases[i].expected) {
            CHECK(m != NULL);
            CHECK_INT(diags.n, 0);
        } else {
            char *want = pr_asprintf("64:11: erreur: evenements[0].date : %s", cases[i].expected);
            CHECK(m == NULL);
            CHECK_INT(diags.n_errors, 1);
            CHECK_STR(diag(0), want);
            free(want);
        }
        pr_model_free(m);
        free(line);
        free(t);
    }
    /* a newsletter date is a month; an action date may be a year */
    char *t = edit("{numero: 4, date: \"2024-09\"", "{numero: 4, date: \"2024-09-12\"",
                   "date: 2024, evenement", "date: 2024-4, evenement", NULL);
    CHECK(build("d.yaml", t) == NULL);
    CHECK_INT(diags.n_errors, 2);
    CHECK_STR(diag(0), "52:51: erreur: chantiers[0].actions[0].date : date mal écrite « 2024-4 » "
                       ": forme attendue AAAA-MM-JJ, AAAA-MM ou AAAA ; écrire « 2024-04 »");
    CHECK_STR(diag(1), "90:23: erreur: lettres[0].date : date au jour « 2024-09-12 » non admise "
                       "ici : forme attendue AAAA-MM");
    free(t);
}

TEST(many_errors_in_one_run)
{
    char *t = edit("  annee: 2024\n", "  annee: \"2024\"\n",
                   "  titre: \"Rapport d'activités 2024\"\n", "",
                   "    date: \"2024-12-05\"", "    date: \"2024-02-30\"",
                   "    date: \"2024-04\"\n    type: atelier_elus\n    titre: \"Atelier des élus\"",
                   "    date: \"avril 2024\"\n    type: atelier_elu\n    titre: \"Atelier des élus\"",
                   "    participants: 12", "    particpants: 12",
                   "{valeur: 250, precision: environ}", "{valeur: -250, precision: environ}",
                   "    chantier: \"1\"\n    elus: [dupont]",
                   "    chantier: \"9\"\n    elus: [dupont, durand, dupont]",
                   "departement: \"2A\"", "departement: \"99\"",
                   "regions: [\"94\"]", "regions: [\"94\", \"2A\"]",
                   "departements: [\"974\"]", "departements: [\"974\", \"976\"]",
                   "{nom: \"gleech\", role: \"appui\"}",
                   "{nom: \"gleech\", role: \"appui\", principal: true}",
                   "    fin: 2025", "    fin: 2023",
                   "valeur: 3, libelle", "valeur: -3, libelle",
                   "chiffre: departements_couverts", "chiffre: departement_couverts",
                   "  - id: \"atelier-2\"", "  - id: \"atelier-1\"",
                   "    axe: 1\n", "    axe: 7\n",
                   "evenement: \"atelier-1\"", "evenement: \"atelier-3\"",
                   "{numero: 3, date: \"2024-04\"", "{numero: 4, date: \"2024-4\"",
                   "ministere: [\"MINISTÈRE\"]", "ministere: \"MINISTÈRE\"",
                   "    ouverture: \"2023-12\"", "    ouverture: 2023", NULL);
    CHECK(build("e.yaml", t) == NULL);
    free(t);
    CHECK_INT(diags.n_errors, 24);
    CHECK_INT(diags.n_warnings, 0);
    static const char *const want[] = {
        "2:3: erreur: rapport : champ obligatoire « titre » absent",
        "2:10: erreur: rapport.annee : nombre entier attendu, trouvé le texte « 2024 » entre "
        "guillemets : retirer les guillemets",
        "5:14: erreur: rapport.ministere : liste de textes attendue, trouvé le texte « MINISTÈRE » "
        ": écrire [\"MINISTÈRE\"] pour une liste d'un seul élément",
        "26:10: erreur: reseau.feuille_de_route.fin : fin de la feuille de route (2023) avant son "
        "début (2024)",
        "38:49: erreur: equipe.prestataires[1].principal : un seul prestataire peut être principal "
        ": « Neoclide » l'est déjà (ligne 37)",
        "47:10: erreur: chantiers[0].axe : axe 7 introuvable dans reseau.feuille_de_route.axes "
        "(numéros : 1, 2)",
        "51:68: erreur: chantiers[0].actions[0].evenement : événement « atelier-3 » introuvable "
        "dans evenements : vouliez-vous dire « atelier-1 » ?",
        "58:18: erreur: elus[0].departement : code de département inconnu « 99 »",
        "63:11: erreur: evenements[0].date : date impossible : février 2024 n'a que 29 jours",
        "67:28: erreur: evenements[0].participants.valeur : effectif négatif (-250) : un nombre de "
        "participants est positif ou nul",
        "75:11: erreur: evenements[1].date : date mal écrite « avril 2024 » : forme attendue "
        "AAAA-MM-JJ ou AAAA-MM ; écrire « 2024-04 »",
        "76:11: erreur: evenements[1].type : type d'événement inconnu « atelier_elu » : "
        "vouliez-vous dire « atelier_elus » ? (valeurs possibles : atelier_elus, atelier, "
        "webinaire, seminaire, rencontre_nationale, stand_congres, reunion_referents, "
        "journee_etude, publication, autre)",
        "78:15: erreur: evenements[1].chantier : chantier « 9 » introuvable dans chantiers : "
        "vouliez-vous dire « 1 » ?",
        "79:20: erreur: evenements[1].elus[1] : élu « durand » introuvable dans elus",
        "79:28: erreur: evenements[1].elus[2] : élu « dupont » déjà cité dans cette liste",
        "80:5: erreur: evenements[1] : clé inconnue « particpants » : "
        "vouliez-vous dire « participants » ?",
        "81:9: erreur: evenements[2].id : id « atelier-1 » en double dans evenements (déjà "
        "utilisé ligne 74)",
        "86:75: erreur: reseaux_locaux[0].regions[1] : code de région inconnu « 2A » (c'est un "
        "code de département)",
        "87:85: erreur: reseaux_locaux[1].departements : un réseau départemental a un seul "
        "département (2 ici) : écrire « echelle: interdepartemental »",
        "90:14: erreur: lettres[1].numero : numéro 4 en double dans lettres (déjà utilisé ligne "
        "89)",
        "90:23: erreur: lettres[1].date : date mal écrite « 2024-4 » : forme attendue AAAA-MM ; "
        "écrire « 2024-04 »",
        "95:16: erreur: communication.site.ouverture : date à l'année seule « 2023 » non admise "
        "ici : forme attendue AAAA-MM-JJ ou AAAA-MM",
        "101:15: erreur: chiffres_declares[0].chiffre : chiffre « departement_couverts » inconnu "
        ": vouliez-vous dire « departements_couverts » ? (liste des chiffres : data/README.md, "
        "partie 8)",
        "101:45: erreur: chiffres_declares[0].valeur : valeur négative (-3) : un chiffre déclaré "
        "est positif ou nul",
    };
    CHECK_INT(diags.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        CHECK_STR(diag(i), want[i]);
}

TEST(types_and_objects)
{
    char *t = edit("  editeur: \"DGALN / DHUP / UP3\"\n", "  editeur: [\"DGALN\"]\n",
                   "  site_web: \"https://exemple.invalid\"\n", "  site_web: \"\"\n",
                   "  contact: \"contact@exemple.invalid\"\n", "  contact: ~\n",
                   "  lancement: 2022\n", "  lancement: deux mille\n",
                   "    - {titre: \"Faciliter les échanges\", texte: \"entre pairs.\"}", "    - {}",
                   "      - {numero: 1, titre_court", "      - {numero: 0, titre_court",
                   "organisation: \"DGALN/DHUP/UP3\"}",
                   "organisation: \"DGALN/DHUP/UP3\", photo: \"photos/absente.jpg\"}",
                   "{nom: \"Neoclide\", role: \"AMO\", principal: true}",
                   "{nom: \"Neoclide\", role: \"AMO\", principal: oui}",
                   "    statut: {2024: en_cours, 2025: termine}",
                   "    statut: {2024: en_cour, deux: termine}",
                   "    coordonnees: {lat: 41.92, lon: 8.74}",
                   "    coordonnees: {lat: \"41.92\", lon: \"8,74\"}",
                   "          - {organisation: \"FNAU\"}", "          - {role: \"FNAU\"}",
                   "    participants: 12", "    participants: beaucoup",
                   "{valeur: 250, precision: environ}", "{valeur: 250, precision: environs}",
                   "echelle: regional, regions: [\"94\"]", "echelle: régional, regions: [\"94\"]",
                   "departements: [\"974\"]", "departements: [\"8\"]",
                   "    date: \"2024-04\"\n    type: atelier_elus\n    titre: \"Deuxième",
                   "    date: \"2024-04\"\n    type: atelier_elus\n    titre: \"Deuxième\"\n"
                   "    elus: dupont\n    titre2: \"",
                   "chiffres_declares:\n", "perspective: [\"x\"]\nchiffres_declares:\n", NULL);
    CHECK(build("dossier/t.yaml", t) == NULL);
    free(t);
    static const char *const want[] = {
        "4:12: erreur: rapport.editeur : texte attendu, trouvé une liste",
        "7:13: erreur: rapport.site_web : texte vide : ce champ est obligatoire",
        "8:12: erreur: rapport.contact : valeur nulle : ce champ est obligatoire",
        "15:14: erreur: reseau.lancement : nombre entier attendu, trouvé « deux mille »",
        "18:7: erreur: reseau.missions[0] : élément vide : « titre » ou « texte » attendu",
        "29:18: erreur: reseau.feuille_de_route.axes[0].numero : nombre entier ≥ 1 attendu, "
        "trouvé 0",
        "36:81: erreur: equipe.membres[0].photo : photo introuvable « photos/absente.jpg » "
        "(cherchée à dossier/photos/absente.jpg)",
        "38:49: erreur: equipe.prestataires[0].principal : booléen attendu (true ou false), "
        "trouvé « oui »",
        "48:10: erreur: chantiers[0].axe : axe 1 introuvable dans reseau.feuille_de_route.axes "
        "(numéros : 2)",
        "50:20: erreur: chantiers[0].statut.2024 : statut inconnu « en_cour » : vouliez-vous dire "
        "« en_cours » ? (valeurs possibles : prevu, amorce, en_cours, termine, suspendu)",
        "50:29: erreur: chantiers[0].statut.deux : année attendue comme clé de statut (AAAA), "
        "trouvé « deux »",
        "60:24: erreur: elus[0].coordonnees.lat : nombre attendu, trouvé le texte « 41.92 »",
        "60:38: erreur: elus[0].coordonnees.lon : nombre attendu, trouvé le texte « 8,74 »",
        "68:44: erreur: evenements[0].participants.precision : précision inconnue « environs » : "
        "vouliez-vous dire « environ » ? (valeurs possibles : exact, environ, plus_de)",
        "74:13: erreur: evenements[0].sessions[0].intervenants[1] : personne sans « nom » ni "
        "« organisation » : indiquer au moins l'un des deux",
        "81:19: erreur: evenements[1].participants : nombre entier attendu, trouvé « beaucoup »",
        "86:11: erreur: evenements[2].elus : liste de textes attendue, trouvé « dupont » : écrire "
        "[dupont] pour une liste d'un seul élément",
        "87:5: erreur: evenements[2] : clé inconnue « titre2 » : vouliez-vous "
        "dire « titre » ?",
        "89:49: erreur: reseaux_locaux[0].echelle : échelle inconnue « régional » : vouliez-vous "
        "dire « regional » ? (valeurs possibles : regional, departemental, interdepartemental)",
        "90:86: erreur: reseaux_locaux[1].departements[0] : code de département inconnu « 8 » : "
        "vouliez-vous dire « 08 » ?",
        "103:1: erreur: clé inconnue « perspective » : vouliez-vous dire "
        "« perspectives » ?",
    };
    CHECK_INT(diags.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0] && i < diags.n; i++)
        CHECK_STR(diag(i), want[i]);
}

TEST(local_network_scales)
{
    char *t = edit("echelle: regional, regions: [\"94\"]", "echelle: regional, departements: [\"2A\"]",
                   "echelle: departemental, departements: [\"974\"]",
                   "echelle: interdepartemental, departements: [\"974\"], regions: [\"04\"]", NULL);
    CHECK(build("r.yaml", t) == NULL);
    free(t);
    CHECK_INT(diags.n_errors, 4);
    CHECK_STR(diag(0), "87:5: erreur: reseaux_locaux[0] : un réseau régional doit indiquer ses "
                       "régions (« regions »)");
    CHECK_STR(diag(1), "87:73: erreur: reseaux_locaux[0].departements : un réseau régional se "
                       "définit par ses régions : retirer « departements »");
    CHECK_STR(diag(2), "88:90: erreur: reseaux_locaux[1].departements : un réseau "
                       "interdépartemental a au moins deux départements (1 ici) : écrire "
                       "« echelle: departemental »");
    CHECK_STR(diag(3), "88:108: erreur: reseaux_locaux[1].regions : un réseau interdépartemental "
                       "se définit par ses départements : retirer « regions »");
    /* an unknown scale gives one error, not a cascade */
    t = edit("echelle: regional,", "echelle: national,", NULL);
    CHECK(build("r.yaml", t) == NULL);
    free(t);
    CHECK_INT(diags.n_errors, 1);
}

TEST(events_outside_the_year_are_warnings)
{
    char *t = edit("    date: \"2024-12-05\"", "    date: \"2023-12-05\"",
                   "    date: \"2024-04\"\n    type: atelier_elus\n    titre: \"Deuxième",
                   "    date: \"2025-01\"\n    type: atelier_elus\n    titre: \"Deuxième", NULL);
    pr_model *m = build("w.yaml", t);
    free(t);
    CHECK(m != NULL);
    CHECK_INT(diags.n_errors, 0);
    CHECK_INT(diags.n_warnings, 2);
    CHECK_STR(diag(0), "64:11: avertissement: evenements[0].date : événement daté de 2023, hors "
                       "de l'année du rapport (2024) : il ne compte pas dans les chiffres de "
                       "l'année");
    CHECK_STR(diag(1), "83:11: avertissement: evenements[2].date : événement daté de 2025, hors "
                       "de l'année du rapport (2024) : il ne compte pas dans les chiffres de "
                       "l'année");
    if (m) {
        CHECK_STR(m->events[0].id, "rn2024");
        CHECK_STR(m->events[2].id, "atelier-2");
    }
    pr_model_free(m);
}

TEST(root_and_sections)
{
    CHECK(build("l.yaml", "- a\n- b\n") == NULL);
    CHECK_STR(diag(0), "1:1: erreur: objet attendu à la racine du fichier (rapport, reseau, "
                       "equipe…), trouvé une liste");
    CHECK(build("s.yaml", "rapport: ~\nreseau: 3\n") == NULL);
    CHECK_INT(diags.n_errors, 11);
    CHECK_STR(diag(0), "1:1: erreur: champ obligatoire « equipe » absent");
    CHECK_STR(diag(9), "1:10: erreur: rapport : valeur nulle : ce champ est obligatoire");
    CHECK_STR(diag(10), "2:9: erreur: reseau : objet attendu, trouvé « 3 »");
}

/* JSON: strings and numbers are not interchangeable. */
static const char *const JSON_ERRORS[] = {
    "\"annee\": 2024", "\"annee\": \"2024\"",
    "\"departement\": \"2A\"", "\"departement\": 20",
    "\"lat\": 41.92", "\"lat\": \"41.92\"",
    "\"numero\": 4", "\"numero\": 4.5",
    "\"principal\": true", "\"principal\": \"true\"",
    "\"titre\": \"Le rôle des élus\"", "\"titre\": true",
    "\"edition\": 3", "\"edition\": null",
    "\"date\": \"2024-12-05\"", "\"date\": 20241205",
    "\"type\": \"table_ronde\"", "\"type\": 1",
    "\"participants\": 12", "\"participants\": -12",
};

TEST(json_types)
{
    FILE *f = fopen("tests/unit/data/base.json", "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    pr_strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        pr_sb_add(&sb, buf, n);
    fclose(f);
    pr_model *m = build("base.json", sb.data);
    CHECK(m != NULL);
    pr_model_free(m);
    char *t = pr_sb_steal(&sb);
    for (size_t i = 0; i < sizeof JSON_ERRORS / sizeof JSON_ERRORS[0]; i += 2) {
        char *at = strstr(t, JSON_ERRORS[i]);
        CHECK(at != NULL);
        if (!at)
            continue;
        char *r = pr_asprintf("%.*s%s%s", (int)(at - t), t, JSON_ERRORS[i + 1],
                              at + strlen(JSON_ERRORS[i]));
        free(t);
        t = r;
    }
    CHECK(build("j.json", t) == NULL);
    free(t);
    static const char *const want[] = {
        "3:14: erreur: rapport.annee : nombre entier attendu, trouvé le texte « 2024 » entre "
        "guillemets : retirer les guillemets",
        "82:22: erreur: equipe.prestataires[0].principal : booléen attendu (true ou false), "
        "trouvé le texte « true »",
        "118:16: erreur: chantiers[0].titre : texte attendu, trouvé le booléen true : l'écrire "
        "entre guillemets (\"true\")",
        "142:22: erreur: elus[0].departement : texte attendu, trouvé le nombre 20 : l'écrire "
        "entre guillemets (\"20\")",
        "144:16: erreur: elus[0].coordonnees.lat : nombre attendu, trouvé le texte « 41.92 »",
        "153:15: erreur: evenements[0].date : date mal écrite « 20241205 » : forme attendue "
        "AAAA-MM-JJ ou AAAA-MM",
        "163:19: erreur: evenements[0].sessions[0].type : type de session attendu, trouvé le "
        "nombre 1",
        "186:23: erreur: evenements[1].participants : effectif négatif (-12) : un nombre de "
        "participants est positif ou nul",
        "218:17: erreur: lettres[0].numero : nombre entier attendu, trouvé le nombre 4.5",
    };
    CHECK_INT(diags.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0] && i < diags.n; i++)
        CHECK_STR(diag(i), want[i]);
}

/* The canonical dump of a data file's model (heap), or NULL. */
static char *dump_file(const char *path)
{
    pr_arena a = {0};
    pr_diags d;
    pr_diags_init(&d);
    pr_value *root = pr_load_file(path, PR_FORMAT_AUTO, &a, &d);
    pr_model *m = root ? pr_model_build(root, &a, path, &d) : NULL;
    char *text = NULL;
    if (m) {
        size_t len;
        FILE *f = open_memstream(&text, &len);
        pr_model_dump(m, f);
        fclose(f);
    } else {
        pr_diags_print(&d, stderr);
    }
    pr_model_free(m);
    pr_arena_free(&a);
    pr_diags_free(&d);
    return text;
}

TEST(yaml_and_json_give_the_same_model)
{
    char *y = dump_file("data/2023.yaml"), *j = dump_file("data/2023.json");
    CHECK(y != NULL && j != NULL);
    if (y && j) {
        CHECK(strlen(y) > 20000);
        CHECK(!strcmp(y, j));
        /* a field that differs shows in the dump */
        CHECK(strstr(y, "evenements[0].id = \"referents-1\"\n") != NULL);
        CHECK(strstr(y, "elus[0].departement = \"59\"\n") != NULL);
    }
    free(y);
    free(j);
    /* base.yaml is BASE */
    FILE *f = fopen("tests/unit/data/base.yaml", "rb");
    char buf[8192];
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
    CHECK(!strcmp(buf, BASE));
    char *by = dump_file("tests/unit/data/base.yaml"), *bj = dump_file("tests/unit/data/base.json");
    CHECK(by && bj && !strcmp(by, bj));
    free(by);
    free(bj);
}

/* Each enum, its keys and its labels come from one table (model.h). */
TEST(enum_tables)
{
    CHECK_INT(PR_EVENT__COUNT, 10);
    CHECK_INT(PR_SESSION__COUNT, 4);
    CHECK_INT(PR_STATUS__COUNT, 5);
    CHECK_INT(PR_SCALE__COUNT, 3);
    CHECK_INT(PR_COUNT__PRECISIONS, 3);
    /* the key lists, in enum order, end with NULL */
    CHECK_STR(pr_event_type_keys[PR_EVENT_OTHER], "autre");
    CHECK(pr_event_type_keys[PR_EVENT__COUNT] == NULL);
    CHECK_STR(pr_session_type_keys[PR_SESSION_PLENARY], "pleniere");
    CHECK(pr_session_type_keys[PR_SESSION__COUNT] == NULL);
    CHECK_STR(pr_status_keys[PR_STATUS_PAUSED], "suspendu");
    CHECK(pr_status_keys[PR_STATUS__COUNT] == NULL);
    CHECK_STR(pr_scale_keys[PR_SCALE_REGIONAL], "regional");
    CHECK(pr_scale_keys[PR_SCALE__COUNT] == NULL);
    CHECK_STR(pr_count_precision_keys[PR_COUNT_AT_LEAST], "plus_de");
    CHECK(pr_count_precision_keys[PR_COUNT__PRECISIONS] == NULL);
    CHECK_STR(pr_count_precision_key(PR_COUNT_ABOUT), "environ");
    CHECK_STR(pr_count_precision_label(PR_COUNT_AT_LEAST), "plus de");
    CHECK_STR(pr_scale_key(PR_SCALE_DEPARTMENTAL), "departemental");
    /* outside the enum */
    CHECK_STR(pr_status_label((pr_status)PR_STATUS__COUNT), "?");
    CHECK_STR(pr_event_type_key((pr_event_type)-1), "?");
}

int main(void)
{
    pr_diags_init(&diags);
    RUN(valid_year);
    RUN(failure_leaves_the_document);
    RUN(dates);
    RUN(many_errors_in_one_run);
    RUN(types_and_objects);
    RUN(local_network_scales);
    RUN(events_outside_the_year_are_warnings);
    RUN(root_and_sections);
    RUN(json_types);
    RUN(yaml_and_json_give_the_same_model);
    RUN(enum_tables);
    pr_arena_free(&doc);
    pr_diags_free(&diags);
    pr_sources_free();
    return UNIT_DONE();
}
