/* test_annex.c — the Excel annex writer on a hand-built model shaped like the
 * 2023 data: every figure has a formula, formulas read the right ranges,
 * the file is written and byte-identical from one run to the next, write
 * errors are reported in French with their class, the writer's child
 * process reports how it ended, the written archive is read back.
 *
 * With arguments it is also the annex writer of the end-to-end scripts:
 *   test_annex --write FILE.xlsx [--extra-event] [--in-process]
 *              [--figures-json FILE]
 * writes the annex of the hand-built model (one more atelier des élus in
 * 2023 with --extra-event; libxlsxwriter in this process with --in-process)
 * and its figures in the shape of planif-rapport --figures-json; its exit
 * status is the program's for the errors it met (3: I/O, 4: internal). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annex/annex.h"
#include "annex/book.h"
#include "annex/child.h"
#include "annex/sheets_events.h"
#include "annex/sheets_evolution.h"
#include "annex/sheets_summary.h"
#include "annex/sheets_territory.h"
#include "annex/verify.h"
#include "data/geo.h"
#include "data/history.h"
#include "unit.h"

/* ---- a model shaped like the 2023 report -------------------------------- */
#define P(first, last, role, org) {first, last, role, org, {0}}
#define LIST(...) {(const char *[]){__VA_ARGS__}, sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)}
#define DAY(y, m, d) {y, m, d, PR_DATE_DAY}
#define MONTH(y, m) {y, m, 0, PR_DATE_MONTH}
#define COUNT(v, p) {1, v, p}

static pr_person rt1_speakers[] = {
    P("Danielle", "MAMETZ", "Présidente", "Syndicat mixte Flandre et Lys"),
    P("Philippe", "GAMEN", "Président", "Grand Chambéry"),
    P("Pierre", "GROSJEAN", "Maire", "Baugy"),
    P("Jean-Paul", "MICHAUD", "Vice-président", "Grand Besançon"),
};
static pr_person rt2_speakers[] = {
    P(NULL, NULL, NULL, "FNAU"),
    P(NULL, NULL, NULL, "SYNTEC Ingénierie"),
    P(NULL, NULL, NULL, "AITF"),
    P(NULL, NULL, NULL, "ANCT"),
    P("Émilie", "BONNET-DERIVIÈRE", "Cheffe de bureau", "DGALN"),
    /* wildcard characters must not make COUNTIFS merge two identities */
    P(NULL, NULL, NULL, "Agence AxB"),
    P(NULL, NULL, NULL, "Agence A*B"),
    P(NULL, NULL, NULL, "Agence A?B"),
    /* only ASCII letters are folded: two identities for figures.c */
    P(NULL, NULL, NULL, "Agence Été"),
    P(NULL, NULL, NULL, "Agence été"),
};
static pr_person mc_speakers[] = {
    P("Charlotte", "BURON-DAUBIGNEY", "Docteure en géographie", NULL),
    P("Katell", "CHOMARD", "Directrice", "Lorient Agglomération"),
    P(NULL, NULL, NULL, "Cerema"),
    /* the same person as the second mini-conference, case aside: counted once */
    P("katell", "Chomard", NULL, "Lorient Agglomération"),
};
static pr_session rn_sessions[] = {
    {PR_SESSION_ROUND_TABLE, "Les élus et le changement de trajectoire", NULL, rt1_speakers, 4, {0}, {0}},
    {PR_SESSION_ROUND_TABLE, "L'ingénierie de la planification", NULL, rt2_speakers, 10, {0}, {0}},
    {PR_SESSION_MINI_CONFERENCE, "La mise en récit du territoire", NULL, mc_speakers, 1, {0}, {0}},
    {PR_SESSION_MINI_CONFERENCE, "L'approche paysagère", NULL, mc_speakers + 1, 1, {0}, {0}},
    {PR_SESSION_MINI_CONFERENCE, "Les coefficients de biotope", NULL, mc_speakers + 2, 1, {0}, {0}},
    {PR_SESSION_MINI_CONFERENCE, "La coopération", NULL, mc_speakers + 3, 1, {0}, {0}},
    {PR_SESSION_WORKSHOP, "Un bon cahier des charges", NULL, NULL, 0, COUNT(60, PR_COUNT_ABOUT), {0}},
    {PR_SESSION_WORKSHOP, "L'appui juridique", NULL, NULL, 0, {0}, {0}},
};
static pr_quote rn_quotes[] = {
    {"Une citation de test, en nos propres mots.", P("Cécile", "JACQUET", "Directrice", "Clermont Auvergne Métropole"), {0}},
};

static pr_event events[] = {
    {.id = "lancement-2022", .date = DAY(2022, 12, 8), .type = PR_EVENT_NATIONAL_MEETING,
     .title = "Rencontre de lancement", .edition = 1, .participants = COUNT(150, PR_COUNT_EXACT)},
    {.id = "gt1", .date = MONTH(2023, 1), .type = PR_EVENT_OFFICIALS_WORKSHOP,
     .title = "Atelier des élus (GT 1)", .officials = LIST("mametz", "brolly", "grosjean", "bailly", "gamen"),
     .participants = COUNT(10, PR_COUNT_EXACT)},
    {.id = "referents-1", .date = DAY(2023, 3, 14), .type = PR_EVENT_REFERENTS_MEETING,
     .title = "Rencontre des référents", .participants = COUNT(30, PR_COUNT_ABOUT)},
    /* a national meeting before the last one, with a higher edition: the
     * figure is the edition of the last one (2), not the largest */
    {.id = "rencontre-juin", .date = MONTH(2023, 6), .type = PR_EVENT_NATIONAL_MEETING,
     .title = "Rencontre nationale de juin", .edition = 5},
    {.id = "gt2", .date = MONTH(2023, 7), .type = PR_EVENT_OFFICIALS_WORKSHOP,
     .title = "Atelier des élus (GT 2)", .officials = LIST("lefebvre", "michaud", "ducout", "mametz"),
     .participants = COUNT(8, PR_COUNT_EXACT)},
    {.id = "gt3", .date = MONTH(2023, 10), .type = PR_EVENT_OFFICIALS_WORKSHOP,
     .title = "Atelier des élus (GT 3)", .officials = LIST("charriaud", "robert", "gamen"),
     .participants = COUNT(9, PR_COUNT_EXACT)},
    {.id = "congres-maires", .date = DAY(2023, 11, 23), .type = PR_EVENT_CONGRESS_STAND,
     .title = "Stand au Congrès des maires", .place = "Paris Expo", .officials = LIST("gamen")},
    {.id = "rencontres-2023", .date = DAY(2023, 12, 7), .type = PR_EVENT_NATIONAL_MEETING,
     .title = "2es Rencontres nationales", .theme = "De la stratégie à l'action", .edition = 2,
     .city = "Charenton-le-Pont", .postcode = "94220", .participants = COUNT(200, PR_COUNT_ABOUT),
     .sessions = rn_sessions, .n_sessions = 8, .quotes = rn_quotes, .n_quotes = 1,
     .speakers = mc_speakers + 2, .n_speakers = 1, /* Cerema also outside sessions */
     .officials = LIST("mametz", "gamen", "grosjean", "michaud")},
    /* used by --extra-event */
    {.id = "gt4", .date = DAY(2023, 12, 14), .type = PR_EVENT_OFFICIALS_WORKSHOP,
     .title = "Atelier des élus (GT 4)", .officials = LIST("nouvel-elu"), .participants = COUNT(12, PR_COUNT_EXACT)},
};

static pr_official officials[] = {
    {"mametz", "Danielle", "MAMETZ", LIST("Maire de Boëseghem"), "Boëseghem", "59", 1, 50.66, 2.44, "1.a", {0}},
    {"brolly", "Suzanne", "BROLLY", LIST("Adjointe au maire"), "Strasbourg", "67", 0, 0, 0, "1.a", {0}},
    {"grosjean", "Pierre", "GROSJEAN", LIST("Maire de Baugy", "Conseiller départemental"), "Baugy", "18", 0, 0, 0, "1.a", {0}},
    {"bailly", "Françoise", "BAILLY", {0}, "Saint-Gervais-la-Forêt", "41", 0, 0, 0, NULL, {0}},
    {"gamen", "Philippe", "GAMEN", {0}, "Le Noyer", "73", 0, 0, 0, NULL, {0}},
    {"lefebvre", "Hervé", "LEFEBVRE", {0}, "Samatan", "32", 0, 0, 0, NULL, {0}},
    {"michaud", "Jean-Paul", "MICHAUD", {0}, "Thoraise", "25", 0, 0, 0, NULL, {0}},
    {"ducout", "Pierre", "DUCOUT", {0}, "Cestas", "33", 0, 0, 0, NULL, {0}},
    {"charriaud", "Céline", "CHARRIAUD", {0}, "Neuvéglise-sur-Truyère", "15", 0, 0, 0, NULL, {0}},
    {"robert", "Sylvain", "ROBERT", {0}, "Lens", "62", 0, 0, 0, NULL, {0}},
    /* ids are case-sensitive: "Gamen" attended nothing */
    {"Gamen", "Paul", "GAMEN", {0}, "Chambéry", "73", 0, 0, 0, NULL, {0}},
    {"nouvel-elu", "Camille", "NOUVEL", {0}, "Brest", "29", 0, 0, 0, NULL, {0}},
};

static pr_local_network networks[] = {
    {"idf", "Réseau Île-de-France", PR_SCALE_REGIONAL, LIST("11"), {0}, "DRIEAT", {0}, 1, 0, {0}, {0}},
    {"bfc", "Réseau Bourgogne-Franche-Comté", PR_SCALE_REGIONAL, LIST("27"), {0}, "DREAL", {0}, 1, 0, {0}, {0}},
    {"ara", "Réseau Auvergne-Rhône-Alpes", PR_SCALE_REGIONAL, LIST("84"), {0}, "DREAL", {0}, 1, 0, {0}, {0}},
    {"bretagne", "Réseau Bretagne", PR_SCALE_REGIONAL, LIST("53"), {0}, "DREAL", {0}, 1, 2021, {0}, {0}},
    {"landes", "Réseau des Landes", PR_SCALE_DEPARTMENTAL, {0}, LIST("40"), "DDTM des Landes", {0}, 1, 0, {0}, {0}},
    {"cvhv", "Réseau Charente – Vienne – Haute-Vienne", PR_SCALE_INTERDEPARTMENTAL, {0}, LIST("16", "86", "87"), "DDT", {0}, 1, 0, {0}, {0}},
    {"ardennes", "Réseau des Ardennes", PR_SCALE_DEPARTMENTAL, {0}, LIST("08"), "DDT des Ardennes", {0}, 1, 0, {0}, {0}},
    {"pdc", "Réseau du Pas-de-Calais", PR_SCALE_DEPARTMENTAL, {0}, LIST("62"), "DDTM", {0}, 1, 0, {0}, {0}},
    /* inactive: neither counted nor covering */
    {"var", "Réseau du Var", PR_SCALE_DEPARTMENTAL, {0}, LIST("83", "40"), "DDTM du Var", {0}, 0, 0, {0}, {0}},
};

static pr_partner partners[] = {
    {"amf", "AMF", "Association des maires de France", 2022, {0}},
    {"idf-intercos", NULL, "Intercommunalités de France", 2022, {0}},
    {"france-urbaine", NULL, "France urbaine", 2022, {0}},
    {"fnau", "FNAU", "Fédération nationale des agences d'urbanisme", 2022, {0}},
    {"fedescot", NULL, "Fédération nationale des SCoT", 2022, {0}},
    {"cerema", NULL, "Cerema", 2022, {0}},
    {"cnfpt", "CNFPT", "Centre national de la fonction publique territoriale", 2023, {0}},
    {"futur", NULL, "Partenaire de 2024", 2024, {0}},
};

static pr_meeting meetings[] = {
    {MONTH(2023, 1), "comité de pilotage", PR_MEETING_STEERING, LIST("Axes de la feuille de route actés"), {0}},
    {MONTH(2023, 2), "comité de pilotage", PR_MEETING_STEERING, LIST("Modalités des chantiers", "Lancement du chantier élus"), {0}},
    {MONTH(2023, 6), "comité de pilotage", PR_MEETING_STEERING, LIST("Démarrage du chantier densité"), {0}},
    /* a comité technique is not a comité de pilotage */
    {MONTH(2023, 9), "comité technique", PR_MEETING_TECHNICAL, LIST("Suivi des études"), {0}},
    {MONTH(2023, 10), "comité de pilotage", PR_MEETING_STEERING, LIST("Préparation de la rencontre nationale"), {0}},
    {MONTH(2022, 11), "comité de pilotage", PR_MEETING_STEERING, {0}, {0}},
};

static pr_newsletter newsletters[] = {
    {1, MONTH(2023, 3), "La couverture des documents de planification", LIST("Les quatre axes"), {0}},
    {2, MONTH(2023, 8), "La gestion de l'eau", {0}, {0}},
};

static pr_year_status st_active[] = {{2023, PR_STATUS_ACTIVE}, {2024, PR_STATUS_ACTIVE}};
static pr_year_status st_started[] = {{2023, PR_STATUS_STARTED}, {2024, PR_STATUS_ACTIVE}};
static pr_year_status st_done[] = {{2023, PR_STATUS_DONE}};
static pr_action ws1a_actions[] = {
    {"Cycle d'ateliers des élus", NULL, PR_STATUS_ACTIVE, MONTH(2023, 1), LIST("amf"), "gt1", {0}},
    {"Table ronde aux rencontres", NULL, PR_STATUS_DONE, DAY(2023, 12, 7), {0}, "rencontres-2023", {0}},
};
static pr_workstream workstreams[] = {
    {.id = "1.a", .axis = 1, .title = "Le rôle des élus", .statuses = st_active, .n_statuses = 2,
     .group_name = "Élus engagés", .actions = ws1a_actions, .n_actions = 2},
    {.id = "1.b", .axis = 1, .title = "L'ingénierie de la planification", .statuses = st_done, .n_statuses = 1,
     .group_members = LIST("fnau", "cnfpt", "cerema")},
    {.id = "2", .axis = 2, .title = "La densité", .statuses = st_started, .n_statuses = 2},
    {.id = "3", .axis = 3, .title = "La renaturation", .statuses = st_active, .n_statuses = 1},
    {.id = "4", .axis = 4, .title = "La planification bas-carbone"},
};
static pr_axis axes[] = {
    {1, "Acteurs", "Le rôle des acteurs", {0}}, {2, "Densité", "La densité", {0}},
    {3, "Renaturation", "La renaturation", {0}}, {4, "Bas carbone", "Le bas-carbone", {0}},
};
static pr_member members[] = {
    {"Émilie", "BONNET-DERIVIÈRE", "Cheffe du bureau", "DGALN/DHUP/UP3", NULL, NULL, {0}, {0}},
    {"Roxane", "JOLY", "Cheffe de projet", "DGALN/DHUP/UP3", NULL, NULL, {0}, {0}},
};
static pr_consultancy consultancies[] = {
    {"Neoclide", "assistance à maîtrise d'ouvrage", 1, 2022},
    {"gleech", "communication", 0, 0},
};
#define PUBLISHED "Rapport d'activités 2023 (mai 2024)"
static pr_declared declared[] = {
    {"ateliers_elus", 3, PR_COUNT_EXACT, "3 ateliers", "page 5", PUBLISHED, NULL, {0}},
    {"elus_engages", 10, PR_COUNT_EXACT, "10 élus engagés", "page 5", PUBLISHED, NULL, {0}},
    /* computed: 2 */
    {"ateliers_rencontre", 4, PR_COUNT_EXACT, "4 ateliers", "page 5", PUBLISHED,
     "La partie 5 en décrit deux.", {0}},
    /* computed: 257, at least 250 */
    {"personnes_mobilisees", 250, PR_COUNT_AT_LEAST, "Plus de 250 personnes", "page 5", PUBLISHED,
     NULL, {0}},
    /* computed: 16, more than 10 % under 20 */
    {"intervenants_rencontre", 20, PR_COUNT_AT_LEAST, "Plus de 20 intervenants", "page 9", NULL,
     "Des intervenants non nommés.", {0}},
    /* computed: 200, within 10 % */
    {"rencontre_nationale_participants", 190, PR_COUNT_ABOUT, "près de 190 personnes", NULL,
     NULL, NULL, {0}},
    {"departements_couverts", 35, PR_COUNT_EXACT, "35 départements", "page 20", PUBLISHED,
     "Les réseaux régionaux couvrent plus de départements.", {0}},
};

/* Fill m with the sample year; extra: one more atelier des élus. */
static void sample_model(pr_model *m, int extra)
{
    memset(m, 0, sizeof *m);
    m->source_file = "tests/sample-2023.yaml";
    m->report.year = 2023;
    m->report.title = "Rapport d'activités 2023";
    m->report.publisher = "DGALN / DHUP / UP3";
    m->report.published = (pr_date)MONTH(2024, 5);
    static const char *ministry[] = {"Ministère de la Transition écologique",
                                     "et de la Cohésion des territoires"};
    m->report.ministry = (pr_strlist){ministry, 2};
    m->report.contact = "planif-territoires@example.org";
    m->network.name = "Planif Territoires";
    m->network.axes = axes;
    m->network.n_axes = 4;
    m->team.members = members;
    m->team.n_members = 2;
    m->team.consultancies = consultancies;
    m->team.n_consultancies = 2;
    m->partners = partners;
    m->n_partners = sizeof partners / sizeof *partners;
    m->meetings = meetings;
    m->n_meetings = sizeof meetings / sizeof *meetings;
    m->workstreams = workstreams;
    m->n_workstreams = sizeof workstreams / sizeof *workstreams;
    m->officials = officials;
    m->n_officials = sizeof officials / sizeof *officials - (extra ? 0 : 1);
    m->events = events;
    m->n_events = sizeof events / sizeof *events - (extra ? 0 : 1);
    m->local_networks = networks;
    m->n_local_networks = sizeof networks / sizeof *networks;
    m->newsletters = newsletters;
    m->n_newsletters = 2;
    m->declared = declared;
    m->n_declared = sizeof declared / sizeof *declared;
}

typedef struct sample {
    pr_model m;
    pr_figures f;
    pr_checks c;
    pr_diags d;
} sample;

static void sample_open(sample *s, int extra)
{
    sample_model(&s->m, extra);
    pr_diags_init(&s->d);
    pr_figures_compute(&s->m, &s->f);
    pr_checks_compute(&s->m, &s->f, 0, &s->c, &s->d);
}

static void sample_close(sample *s)
{
    pr_checks_free(&s->c);
    pr_figures_free(&s->f);
    pr_diags_free(&s->d);
}

static char *slurp(const char *path, size_t *len)
{
    char *data = NULL;
    if (pr_read_file(path, 0, &data, len))
        return NULL;
    return data;
}

/* ---- tests --------------------------------------------------------------- */
TEST(every_figure_has_a_formula)
{
    sample s;
    sample_open(&s, 0);
    size_t n = 0;
    for (const pr_figure_def *def = pr_figure_defs(); def->id; def++, n++) {
        char *fm = pr_annex_formula(&s.m, &s.f, def->key);
        if (!fm || !*fm)
            UNIT_FAIL("pas de formule pour %s", def->id);
        free(fm);
    }
    CHECK_INT(n, PR_FIG__COUNT);
    sample_close(&s);
}

TEST(sample_figures)
{
    /* the values the formulas must reproduce (computed by figures.c) */
    sample s;
    sample_open(&s, 0);
    CHECK_INT(pr_figure_value(&s.f, "evenements"), 7);
    CHECK_INT(pr_figure_value(&s.f, "evenements_organises"), 7);
    CHECK_INT(pr_figure_value(&s.f, "ateliers_elus"), 3);
    CHECK_INT(pr_figure_value(&s.f, "elus_engages"), 10);
    CHECK_INT(pr_figure_value(&s.f, "participations_ateliers_elus"), 12);
    CHECK_INT(pr_figure_value(&s.f, "rencontre_nationale_edition"), 2);
    CHECK_INT(pr_figure_value(&s.f, "tables_rondes"), 2);
    CHECK_INT(pr_figure_value(&s.f, "mini_conferences"), 4);
    CHECK_INT(pr_figure_value(&s.f, "ateliers_rencontre"), 2);
    /* "Agence Été" and "Agence été" are one identity, the wildcards three */
    CHECK_INT(pr_figure_value(&s.f, "intervenants_rencontre"), 16);
    CHECK_INT(pr_figure_value(&s.f, "interventions_rencontre"), 19);
    /* 10 + 30 (environ) + 8 + 9 + 200 (environ); the June meeting and the
     * stand have no count: left out, not 0 */
    CHECK_INT(pr_figure_value(&s.f, "personnes_mobilisees"), 257);
    CHECK_INT(pr_figure_value(&s.f, "evenements_effectif_approche"), 2);
    CHECK_INT(pr_figure_value(&s.f, "evenements_effectif_inconnu"), 2);
    CHECK_INT(pr_figure_value(&s.f, "personnes_mobilisees_plancher"), 200);
    CHECK_INT(pr_figure_value(&s.f, "chantiers_actifs"), 3);
    CHECK_INT(pr_figure_value(&s.f, "chantiers_en_cours"), 2);
    CHECK_INT(pr_figure_value(&s.f, "chantiers_termines"), 1);
    CHECK_INT(pr_figure_value(&s.f, "reunions_gouvernance"), 5);
    CHECK_INT(pr_figure_value(&s.f, "reunions_copil"), 4);
    CHECK_INT(pr_figure_value(&s.f, "reunions_comite_technique"), 1);
    CHECK_INT(pr_figure_value(&s.f, "partenaires"), 7);
    CHECK_INT(pr_figure_value(&s.f, "partenaires_nouveaux"), 1);
    CHECK_INT(pr_figure_value(&s.f, "reseaux_locaux"), 8);
    CHECK_INT(pr_figure_value(&s.f, "reseaux_regionaux"), 4);
    CHECK_INT(pr_figure_value(&s.f, "reseaux_departementaux"), 4);
    CHECK_INT(pr_figure_value(&s.f, "departements_couverts"), 38);
    CHECK_INT(s.c.n_mismatch, 3);
    CHECK_INT(s.c.items[3].status, PR_CHECK_AT_LEAST);
    CHECK_INT(s.c.items[4].status, PR_CHECK_TOO_HIGH);
    CHECK_INT(s.c.items[5].status, PR_CHECK_ABOUT);
    sample_close(&s);
}

TEST(formulas_read_the_data_sheets)
{
    sample s;
    sample_open(&s, 0);
    /* whole table columns by name: no row position anywhere */
    char *fm = pr_annex_formula(&s.m, &s.f, PR_FIG_OFFICIALS_WORKSHOPS);
    CHECK_STR(fm, "COUNTIFS(Evenements[Type (clé)],\"atelier_elus\",Evenements[Année],2023)");
    free(fm);
    fm = pr_annex_formula(&s.m, &s.f, PR_FIG_NATIONAL_MEETING_EDITION);
    CHECK_STR(fm, "SUMPRODUCT(MAX((Evenements[Type (clé)]=\"rencontre_nationale\")*"
                  "(Evenements[Année]=2023)*(Evenements[Date]=SUMPRODUCT(MAX("
                  "(Evenements[Type (clé)]=\"rencontre_nationale\")*(Evenements[Année]=2023)*"
                  "Evenements[Date])))*Evenements[Édition]))");
    free(fm);
    fm = pr_annex_formula(&s.m, &s.f, PR_FIG_OFFICIALS_ENGAGED);
    CHECK_STR(fm, "COUNTIF(Elus[Ateliers des élus de l’année],\">0\")");
    free(fm);
    fm = pr_annex_formula(&s.m, &s.f, PR_FIG_ROUND_TABLES);
    CHECK_STR(fm, "COUNTIFS(Sessions[Type (clé)],\"table_ronde\",Sessions[Type d’événement "
                  "(clé)],\"rencontre_nationale\",Sessions[Année],2023)");
    free(fm);
    fm = pr_annex_formula(&s.m, &s.f, PR_FIG_MEETING_SPEAKERS);
    CHECK_STR(fm, "ROUND(SUMPRODUCT((Intervenants[Type d’événement (clé)]=\"rencontre_nationale\")*"
                  "(Intervenants[Année]=2023)/(Intervenants[Mentions]+(Intervenants[Mentions]=0)))"
                  ",0)");
    free(fm);
    /* the rounding of pr_round_down_display, on the sum itself */
    fm = pr_annex_formula(&s.m, &s.f, PR_FIG_PEOPLE_FLOOR);
    const char *x = "SUMIFS(Evenements[Participants],Evenements[Année],2023)";
    char want[512];
    snprintf(want, sizeof want, "IF(%s>=100,ROUNDDOWN(%s,-2),IF(%s>=10,ROUNDDOWN(%s,-1),%s))", x,
             x, x, x, x);
    CHECK_STR(fm, want);
    free(fm);
    fm = pr_annex_formula(&s.m, &s.f, PR_FIG_DEPARTEMENTS_COVERED);
    CHECK_STR(fm, "COUNTIFS(Departements[Couvert],\"oui\")");
    free(fm);
    fm = pr_annex_formula(&s.m, &s.f, PR_FIG_STEERING_MEETINGS);
    CHECK_STR(fm, "COUNTIFS(Gouvernance[Année],2023,Gouvernance[Type (clé)],\"comite_pilotage\")");
    free(fm);
    fm = pr_annex_formula(&s.m, &s.f, PR_FIG_PARTNERS);
    CHECK_STR(fm, "COUNTIFS(Partenaires[Depuis],\"<=2023\")");
    free(fm);
    sample_close(&s);
}

TEST(derived_columns_are_calculated_columns)
{
    sample s;
    sample_open(&s, 0);
    annex_book b;
    book_init(&b, &s.m, &s.f, &s.c, NULL);
    book_build(&b);
    /* the year from the date, the counts from the other tables, the
     * identity key, the coverage: one formula per column, by name */
    const annex_table *ev = &b.sheets[SH_EVENTS].tables[0];
    CHECK_STR(ev->formulas[EV_YEAR], "=IF(ISNUMBER(Evenements[[#This Row],[Date]]),"
                                     "YEAR(Evenements[[#This Row],[Date]]),\"\")");
    CHECK_STR(ev->formulas[EV_SESSIONS],
              "=SUMPRODUCT(--EXACT(Sessions[Événement],Evenements[[#This Row],[Id]]))");
    CHECK(ev->formulas[EV_ID] == NULL && ev->formulas[EV_PARTICIPANTS] == NULL);
    CHECK(ev->validations[EV_TYPE_KEY] != NULL);
    CHECK_STR(ev->validations[EV_TYPE_KEY], "='Listes'!$A$3:$A$12");
    const annex_table *sp = &b.sheets[SH_SPEAKERS].tables[0];
    CHECK_STR(sp->formulas[SP_KEY],
              "=IF(Intervenants[[#This Row],[Nom]]<>\"\",\"p:\"&LOWER(Intervenants[[#This Row],"
              "[Prénom]]&\" \"&Intervenants[[#This Row],[Nom]]),\"o:\"&LOWER("
              "Intervenants[[#This Row],[Organisation]]))");
    CHECK_STR(sp->formulas[SP_YEAR],
              "=IFERROR(INDEX(Evenements[Année],MATCH(1,INDEX(--EXACT(Evenements[Id],"
              "Intervenants[[#This Row],[Événement]]),0),0)),\"\")");
    const annex_table *dc = &b.sheets[SH_DEPTS].tables[0];
    CHECK(strstr(dc->formulas[DC_NETWORKS], "ReseauxLocaux[Actif]=\"oui\"") != NULL);
    CHECK_STR(dc->formulas[DC_COVERED],
              "=IF(Departements[[#This Row],[Réseaux actifs]]>0,\"oui\",\"non\")");
    /* every département is listed, covered or not */
    CHECK_INT(dc->n_records, pr_geo_departement_count());
    /* Contrôles finds its figure by id */
    const annex_table *ch = &b.sheets[SH_CHECKS].tables[0];
    CHECK_STR(ch->formulas[CH_COMPUTED],
              "=IFERROR(INDEX(ChiffresCles[Valeur],MATCH(Controles[[#This Row],[Chiffre]],"
              "ChiffresCles[Id],0)),\"\")");
    /* no formula of the book names a cell of another row */
    for (int i = 0; i < SH__N; i++) {
        const annex_sheet *sh = &b.sheets[i];
        for (size_t k = 0; k < sh->n_cells; k++) {
            const annex_cell *c = &sh->cells[k];
            if (c->kind != CK_FNUM && c->kind != CK_FSTR)
                continue;
            for (const char *p = c->s; *p; p++)
                if (*p == '$' || (p[0] == '!' && p[1] != '='))
                    UNIT_FAIL("%s : formule par position : %s", sh->name, c->s);
        }
    }
    book_free(&b);
    sample_close(&s);
}

TEST(empty_model_ranges_keep_one_row)
{
    pr_model m;
    memset(&m, 0, sizeof m);
    m.report.year = 2024;
    pr_figures f;
    pr_figures_compute(&m, &f);
    char *fm = pr_annex_formula(&m, &f, PR_FIG_EVENTS);
    CHECK_STR(fm, "COUNTIFS(Evenements[Année],2024)");
    free(fm);
    pr_diags d;
    pr_diags_init(&d);
    char path[] = "/tmp/test_annex_empty_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    CHECK_INT(pr_annex_write(&m, &f, NULL, path, NULL, &d), 0);
    CHECK_INT(d.n, 0);
    unlink(path);
    pr_diags_free(&d);
    pr_figures_free(&f);
}

TEST(write_is_reproducible)
{
    sample s;
    sample_open(&s, 0);
    char p1[] = "/tmp/test_annex_a_XXXXXX", p2[] = "/tmp/test_annex_b_XXXXXX";
    int fd1 = mkstemp(p1), fd2 = mkstemp(p2);
    CHECK(fd1 >= 0 && fd2 >= 0);
    close(fd1);
    close(fd2);
    pr_annex_opts o = {.data_file = "data/2023.yaml", .tool_version = "9.9.9", .created = 1714521600};
    CHECK_INT(pr_annex_write(&s.m, &s.f, &s.c, p1, &o, &s.d), 0);
    CHECK_INT(pr_annex_write(&s.m, &s.f, &s.c, p2, &o, &s.d), 0);
    CHECK_INT(s.d.n_errors, 0);
    size_t n1 = 0, n2 = 0;
    char *a = slurp(p1, &n1), *b = slurp(p2, &n2);
    CHECK(a && b);
    CHECK(n1 > 10000);
    CHECK(a && !memcmp(a, "PK\x03\x04", 4));
    CHECK_INT(n1, n2);
    CHECK(a && b && n1 == n2 && !memcmp(a, b, n1));
    /* every part deflated */
    size_t parts = 0;
    for (size_t i = 0; a && i + 30 <= n1; i++)
        if (!memcmp(a + i, "PK\x03\x04", 4)) {
            const unsigned char *h = (const unsigned char *)a + i;
            parts += (h[8] | h[9] << 8) == 8;
        }
    CHECK(parts >= 20);
    free(a);
    free(b);
    /* another creation date gives another file (it is really written) */
    pr_annex_opts o2 = {.data_file = "data/2023.yaml", .tool_version = "9.9.9",
                        .created = 1714521600 + 86400};
    CHECK_INT(pr_annex_write(&s.m, &s.f, &s.c, p2, &o2, &s.d), 0);
    a = slurp(p1, &n1);
    b = slurp(p2, &n2);
    CHECK(a && b && (n1 != n2 || memcmp(a, b, n1)));
    free(a);
    free(b);
    unlink(p1);
    unlink(p2);
    sample_close(&s);
}

TEST(write_error_is_reported)
{
    sample s;
    sample_open(&s, 0);
    size_t before = s.d.n;
    int rc = pr_annex_write(&s.m, &s.f, &s.c, "/nonexistent-dir/annexe.xlsx", NULL, &s.d);
    CHECK_INT(rc, -1);
    CHECK_INT(s.d.n, before + 1);
    if (s.d.n == before + 1) {
        const pr_diag *g = &s.d.items[before];
        CHECK_INT(g->sev, PR_SEV_ERROR);
        CHECK_INT(g->cls, PR_DIAG_IO);
        CHECK_STR(g->pos.file, "/nonexistent-dir/annexe.xlsx");
        CHECK_STR(g->msg, "impossible d'écrire l'annexe « /nonexistent-dir/annexe.xlsx » : "
                          "fichier ou dossier introuvable");
    }
    sample_close(&s);
}

TEST(figures_name_their_sheet)
{
    sample s;
    sample_open(&s, 0);
    annex_book b;
    book_init(&b, &s.m, &s.f, NULL, NULL);
    /* the sheets a figure's records are on, by the names the reader sees */
    CHECK_STR(b.sheets[annex_sheet_of_records(PR_RECORDS_OFFICIALS)].name, "Élus");
    CHECK_STR(b.sheets[annex_sheet_of_records(PR_RECORDS_DEPARTEMENTS)].name, "Départements");
    CHECK_STR(b.sheets[annex_sheet_of_records(PR_RECORDS_MEETINGS)].name, "Gouvernance");
    for (const pr_figure_def *def = pr_figure_defs(); def->id; def++)
        CHECK(annex_sheet_of_records(def->records) >= SH_FIRST_DATA);
    /* every sheet is built once, in an order where Synthèse follows the
     * data sheets and À propos comes last */
    int seen[SH__N] = {0};
    for (size_t k = 0; k < SH__N; k++)
        seen[annex_steps[k].sheet]++;
    for (int i = 0; i < SH__N; i++)
        CHECK_INT(seen[i], 1);
    CHECK_INT(annex_steps[SH__N - 5].sheet, SH_SUMMARY);
    CHECK_INT(annex_steps[SH__N - 1].sheet, SH_ABOUT);
    book_free(&b);
    sample_close(&s);
}

/* The cell of a sheet at (row, col), or NULL. */
static const annex_cell *cell_at(const annex_sheet *sh, unsigned row, unsigned col)
{
    for (size_t i = 0; i < sh->n_cells; i++)
        if (sh->cells[i].row == row && sh->cells[i].col == col)
            return &sh->cells[i];
    return NULL;
}

/* The row of figure `id` on Évolution (0: none). */
static unsigned evolution_row(const annex_sheet *sh, const char *id)
{
    for (size_t i = 0; i < sh->n_cells; i++)
        if (sh->cells[i].col == EVO_ID && sh->cells[i].row >= 2 && sh->cells[i].kind == CK_STR &&
            !strcmp(sh->cells[i].s, id))
            return sh->cells[i].row;
    return 0;
}

TEST(evolution_sheet)
{
    sample s;
    sample_open(&s, 0);
    /* 2021 from a data file (every figure), 2022 published: lettres, and
     * personnes_mobilisees under the definition in force in 2022 (1, the
     * program computes 2): not comparable */
    pr_history h;
    memset(&h, 0, sizeof h);
    h.n = 3;
    h.years = calloc(3, sizeof *h.years);
    h.years[0].year = 2021;
    h.years[0].file = "/un/dossier/2021.yaml";
    for (int id = 0; id < PR_FIG__COUNT; id++) {
        h.years[0].v[id] = (pr_year_value){PR_ORIGIN_DATA, 10 + id, pr_figure_version(id),
                                           h.years[0].file};
        h.years[2].v[id] = (pr_year_value){PR_ORIGIN_DATA, s.f.items[id].value,
                                           pr_figure_version(id), s.m.source_file};
    }
    h.years[0].v[PR_FIG_NEWSLETTERS].value = 0;
    h.years[1].year = 2022;
    h.years[1].v[PR_FIG_NEWSLETTERS] = (pr_year_value){PR_ORIGIN_PUBLISHED, 1, 1, "Rapport 2022, p. 3"};
    h.years[1].v[PR_FIG_PEOPLE] = (pr_year_value){PR_ORIGIN_PUBLISHED, 100, 1, "Rapport 2022, p. 1"};
    h.years[2].year = 2023;
    pr_annex_opts o = {.history = &h};
    annex_book b;
    book_init(&b, &s.m, &s.f, &s.c, &o);
    book_build(&b);
    const annex_sheet *sh = &b.sheets[SH_EVOLUTION];
    CHECK_STR(sh->name, "Évolution");
    const annex_table *t = &sh->tables[0];
    CHECK_STR(t->name, "Evolution");
    CHECK_INT(t->n_records, PR_FIG__COUNT);   /* every figure has a 2021 value */
    CHECK_INT(t->n_cols, EVO__BEFORE + 3 + EVA__N);
    const unsigned y21 = EVO__BEFORE, y22 = y21 + 1, y23 = y21 + 2, after = y23 + 1;
    CHECK_STR(t->headers[y21], "2021");
    CHECK_STR(t->headers[y23], "2023");
    CHECK_STR(t->headers[after + EVA_CHANGE], "Écart");
    /* the report's year: looked up on Synthèse by the figure's id */
    CHECK_STR(t->formulas[y23], "=IFERROR(INDEX(ChiffresCles[Valeur],MATCH(Evolution[[#This Row],"
                                "[Id]],ChiffresCles[Id],0)),\"\")");
    CHECK(t->formulas[y21] == NULL && t->formulas[y22] == NULL);
    CHECK(t->computed[y23] && !t->computed[y21] && !t->computed[after + EVA_COMPARABLE]);
    /* the latest earlier year with a value, the latest first */
    CHECK_STR(t->formulas[after + EVA_COMPARED_YEAR],
              "=IF(Evolution[[#This Row],[2022]]<>\"\",2022,IF(Evolution[[#This Row],[2021]]<>\"\","
              "2021,\"\"))");
    CHECK_STR(t->formulas[after + EVA_CHANGE],
              "=IF(AND(Evolution[[#This Row],[Comparable]]=\"oui\",ISNUMBER(Evolution[[#This Row],"
              "[Valeur de comparaison]]),ISNUMBER(Evolution[[#This Row],[2023]])),Evolution[[#This "
              "Row],[2023]]-Evolution[[#This Row],[Valeur de comparaison]],\"\")");
    CHECK_STR(t->formulas[after + EVA_RATE],
              "=IF(AND(ISNUMBER(Evolution[[#This Row],[Écart]]),N(Evolution[[#This Row],[Valeur de "
              "comparaison]])>0),Evolution[[#This Row],[Écart]]/Evolution[[#This Row],[Valeur de "
              "comparaison]],\"\")");
    CHECK_INT(t->col_fmt[after + EVA_RATE], FMT_PCT);

    /* lettres: 2022 published (1), compared with it; 2021's 0 kept */
    unsigned r = evolution_row(sh, "lettres");
    CHECK(r > 0);
    const annex_cell *c = cell_at(sh, r, y22);
    CHECK(c && c->kind == CK_NUM && c->num == 1);
    c = cell_at(sh, r, y21);
    CHECK(c && c->kind == CK_NUM && c->num == 0);
    c = cell_at(sh, r, after + EVA_COMPARED_YEAR);
    CHECK(c && c->kind == CK_FNUM && c->num == 2022);
    c = cell_at(sh, r, after + EVA_CHANGE);
    CHECK(c && c->kind == CK_FNUM && c->num == (double)(s.f.items[PR_FIG_NEWSLETTERS].value - 1));
    c = cell_at(sh, r, after + EVA_RATE);
    CHECK(c && c->kind == CK_FNUM && c->num == (double)(s.f.items[PR_FIG_NEWSLETTERS].value - 1));
    /* evenements: no 2022 value, compared with 2021 */
    r = evolution_row(sh, "evenements");
    CHECK(r > 0 && cell_at(sh, r, y22) == NULL);
    c = cell_at(sh, r, after + EVA_COMPARED_YEAR);
    CHECK(c && c->num == 2021);
    c = cell_at(sh, r, after + EVA_COMPARED_VALUE);
    CHECK(c && c->num == 10);
    c = cell_at(sh, r, after + EVA_COMPARABLE);
    CHECK(c && !strcmp(c->s, "oui"));
    /* personnes_mobilisees: another definition in 2022, not compared */
    r = evolution_row(sh, "personnes_mobilisees");
    CHECK(r > 0);
    c = cell_at(sh, r, after + EVA_COMPARABLE);
    CHECK(c && !strcmp(c->s, "non comparable"));
    c = cell_at(sh, r, after + EVA_CHANGE);
    CHECK(c && c->kind == CK_FSTR && !strcmp(c->cached, ""));
    c = cell_at(sh, r, after + EVA_RATE);
    CHECK(c && c->kind == CK_FSTR && !strcmp(c->cached, ""));
    c = cell_at(sh, r, after + EVA_REASON);
    CHECK(c && strstr(c->s, "Définition modifiée en 2024") && strstr(c->s, "non comparable avec 2022"));

    /* the sources: 2021's file by its name, 2022's two published figures,
     * 2023 this workbook */
    const annex_table *st = &sh->tables[1];
    CHECK_STR(st->name, "SourcesEvolution");
    CHECK_INT(st->n_records, 4);
    c = cell_at(sh, st->row + 1, ES_SOURCE);
    CHECK(c && !strcmp(c->s, "2021.yaml"));
    c = cell_at(sh, st->row + 2, ES_SOURCE);
    CHECK(c && !strcmp(c->s, "Rapport 2022, p. 3"));   /* in figure order */
    c = cell_at(sh, st->row + 2, ES_FIGURE);
    CHECK(c && !strcmp(c->s, "lettres"));
    c = cell_at(sh, st->row + 3, ES_FIGURE);
    CHECK(c && !strcmp(c->s, "personnes_mobilisees"));
    c = cell_at(sh, st->row + 4, ES_ORIGIN);
    CHECK(c && !strcmp(c->s, "année du rapport"));
    /* row 1 names the sources' header row */
    char *line = pr_asprintf("(ligne %u)", st->row + 1);
    CHECK(strstr(sh->source, line) != NULL);
    free(line);
    /* listed on À propos, its rows counted */
    CHECK(strstr(b.sheets[SH_ABOUT].tables[0].name, "Feuilles") != NULL);
    int counted = 0;
    for (size_t i = 0; i < b.sheets[SH_ABOUT].n_cells; i++)
        counted |= b.sheets[SH_ABOUT].cells[i].kind == CK_FNUM &&
                   !strcmp(b.sheets[SH_ABOUT].cells[i].s, "=COUNTA(Evolution[Id])") &&
                   b.sheets[SH_ABOUT].cells[i].num == PR_FIG__COUNT;
    CHECK(counted);
    book_free(&b);

    /* the report's year alone: the sheet says there is nothing to compare */
    book_init(&b, &s.m, &s.f, &s.c, NULL);
    book_build(&b);
    sh = &b.sheets[SH_EVOLUTION];
    CHECK_INT(sh->tables[0].n_records, 0);
    CHECK_INT(sh->tables[0].n_cols, EVO__BEFORE + 1 + EVA__N);
    CHECK(strstr(sh->source, "rien à comparer") != NULL);
    CHECK_INT(sh->tables[1].n_records, 1);
    book_free(&b);
    free(h.years);
    sample_close(&s);
}

/* ---- the child process: how each end is reported ------------------------ */
static void no_core(void)
{
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
}
static int child_ok(void *arg, annex_error *err)
{
    (void)arg;
    (void)err;
    return 0;
}
static int child_fails(void *arg, annex_error *err)
{
    (void)arg;
    annex_fail(err, PR_DIAG_DATA, "trop de lignes");
    return -1;
}
static int child_oom(void *arg, annex_error *err)
{
    (void)arg;
    (void)err;
    pr_oom();   /* _exit(3) after pr_fatal_detach */
}
static int child_crash(void *arg, annex_error *err)
{
    (void)err;
    no_core();
    /* the handler runs on the first signal (and tells memory from errno),
     * the second ends the process with the default action */
    errno = *(int *)arg;
    raise(SIGSEGV);
    raise(SIGSEGV);
    return 0;
}
static int child_killed(void *arg, annex_error *err)
{
    (void)arg;
    (void)err;
    raise(SIGKILL);
    return 0;
}
static int child_aborts(void *arg, annex_error *err)
{
    (void)arg;
    (void)err;
    no_core();
    abort();
}

/* Run fn in a child; its result, class and reason. */
static int run_child(annex_child_fn *fn, void *arg, annex_error *err)
{
    annex_child c;
    memset(err, 0, sizeof *err);
    if (annex_child_start(&c, fn, arg)) {
        UNIT_FAIL("pas de processus fils");
        return -2;
    }
    double ms = -1;
    int rc = annex_child_wait(&c, err, &ms);
    if (!rc && ms < 0)
        UNIT_FAIL("durée du fils absente");
    return rc;
}

TEST(child_ends_are_classified)
{
    annex_error e;
    CHECK_INT(run_child(child_ok, NULL, &e), 0);
    CHECK_STR(e.why, "");
    CHECK_INT(run_child(child_fails, NULL, &e), -1);
    CHECK_INT(e.cls, PR_DIAG_DATA);
    CHECK_STR(e.why, "trop de lignes");
    CHECK_INT(run_child(child_oom, NULL, &e), -1);
    CHECK_INT(e.cls, PR_DIAG_IO);
    CHECK_STR(e.why, "mémoire insuffisante");
    int enomem = ENOMEM, other = 0;
    CHECK_INT(run_child(child_crash, &enomem, &e), -1);
    CHECK_INT(e.cls, PR_DIAG_IO);
    CHECK_STR(e.why, "mémoire insuffisante (libxlsxwriter arrêté)");
    CHECK_INT(run_child(child_crash, &other, &e), -1);
    CHECK_INT(e.cls, PR_DIAG_INTERNAL);
    CHECK_STR(e.why, "l'écriture s'est arrêtée sur le signal 11 (erreur interne)");
    CHECK_INT(run_child(child_killed, NULL, &e), -1);
    CHECK_INT(e.cls, PR_DIAG_IO);
    CHECK_INT(run_child(child_aborts, NULL, &e), -1);
    CHECK_INT(e.cls, PR_DIAG_INTERNAL);
}

/* ---- reading the archive back -------------------------------------------- */
TEST(xml_well_formed)
{
    const char *good[] = {
        "<?xml version=\"1.0\"?>\n<a x=\"1\" y='2'><b/>t &amp; &#233;<c></c></a>\n",
        "<a><![CDATA[<not a tag>]]><!-- <b> --></a>",
        "<a>\t\r\n&#9;&#x10FFFF;\xEF\xBF\xBD \xF0\x9F\x98\x80 \x7F \xC2\x85</a>",
    };
    /* and the characters XML 1.0 cannot carry, raw or as references */
    const char *bad[] = {
        "<a><b></a></b>", "<a>", "<a></a><b/>", "text<a/>", "<a x=1/>", "<a>&amp</a>",
        "<a x=\"1></a>", "",
        "<a>\x01</a>", "<a>\x1b[2J</a>", "<a x=\"\x0b\"/>", "<a>\xEF\xBF\xBE</a>",
        "<a>\xEF\xBF\xBF</a>", "<a>\xFF</a>", "<a>\xC3</a>", "<a>\xC0\xAF</a>",
        "<a>\xED\xA0\x80</a>", "<a>&#1;</a>", "<a>&#x1F;</a>", "<a>&#xFFFE;</a>",
        "<a>&#xD800;</a>", "<a>&#x110000;</a>", "<a>&#;</a>", "<a>&#x;</a>", "<a>&#12a;</a>",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!annex_xml_well_formed(good[i], strlen(good[i])))
            UNIT_FAIL("refusé : %s", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (annex_xml_well_formed(bad[i], strlen(bad[i])))
            UNIT_FAIL("accepté : %s", bad[i]);
}

TEST(archive_read_back)
{
    sample s;
    sample_open(&s, 0);
    char path[] = "/tmp/test_annex_verify_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    CHECK_INT(pr_annex_write(&s.m, &s.f, &s.c, path, NULL, &s.d), 0);
    char why[256] = "";
    CHECK_INT(annex_verify_xlsx(path, SH__N, why, sizeof why), 0);
    /* one sheet more than written: missing */
    CHECK_INT(annex_verify_xlsx(path, SH__N + 1, why, sizeof why), -1);
    CHECK_STR(why, "fichier écrit invalide (feuilles manquantes dans l'archive)");
    /* cut short: the directory at the end is gone */
    size_t n = 0;
    char *data = slurp(path, &n);
    CHECK(data && n > 1000);
    FILE *fp = fopen(path, "wb");
    CHECK(fp != NULL);
    if (fp && data) {
        fwrite(data, 1, n / 2, fp);
        fclose(fp);
    }
    CHECK_INT(annex_verify_xlsx(path, SH__N, why, sizeof why), -1);
    CHECK_STR(why, "fichier écrit invalide (archive incomplète)");
    /* one byte of a compressed member changed: its CRC no longer matches */
    fp = fopen(path, "wb");
    if (fp && data) {
        data[200] ^= 0x55;
        fwrite(data, 1, n, fp);
        fclose(fp);
    }
    CHECK_INT(annex_verify_xlsx(path, SH__N, why, sizeof why), -1);
    CHECK_STR(why, "fichier écrit invalide (membre de l'archive corrompu)");
    free(data);
    unlink(path);
    sample_close(&s);
}

/* ---- writer mode for the end-to-end scripts ------------------------------ */
static int write_mode(int argc, char **argv)
{
    const char *out = NULL, *json = NULL;
    int extra = 0, in_process = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--write") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--figures-json") && i + 1 < argc)
            json = argv[++i];
        else if (!strcmp(argv[i], "--extra-event"))
            extra = 1;
        else if (!strcmp(argv[i], "--in-process"))
            in_process = 1;
        else {
            fprintf(stderr, "usage: %s --write FILE [--extra-event] [--in-process] "
                            "[--figures-json FILE]\n", argv[0]);
            return 2;
        }
    }
    sample s;
    sample_open(&s, extra);
    static const char text[] = "annee: 2023\n";   /* stands for the data file's bytes */
    pr_annex_opts o = {.data_file = "tests/sample-2023.yaml", .data_text = text,
                       .data_len = sizeof text - 1, .tool_version = "0.0.0-test",
                       .created = 1714521600, .created_how = "test", .in_process = in_process};
    int rc = out ? pr_annex_write(&s.m, &s.f, &s.c, out, &o, &s.d) : -1;
    pr_diags_print(&s.d, stderr);
    if (json) {
        /* the shape of planif-rapport --figures-json */
        FILE *fp = fopen(json, "w");
        if (!fp)
            return 3;
        fprintf(fp, "{\n  \"annee\": %d,\n  \"chiffres\": {\n", s.m.report.year);
        for (size_t i = 0; i < s.f.n; i++)
            fprintf(fp, "    \"%s\": %ld%s\n", s.f.items[i].def->id, s.f.items[i].value,
                    i + 1 < s.f.n ? "," : "");
        fputs("  },\n  \"precision\": {\n", fp);
        const char *sep = "";
        for (size_t i = 0; i < s.f.n; i++)
            if (s.f.items[i].def->kind == PR_FIGURE_ATTENDANCE) {
                fprintf(fp, "%s    \"%s\": {\"approches\": %ld, \"inconnus\": %ld}", sep,
                        s.f.items[i].def->id, s.f.n_approx[i], s.f.n_unknown[i]);
                sep = ",\n";
            }
        fputs("\n  },\n  \"controles\": [\n", fp);
        for (size_t i = 0; i < s.c.n; i++) {
            const pr_check *k = &s.c.items[i];
            fprintf(fp, "    {\"chiffre\": \"%s\", \"forme\": \"%s\", \"declare\": %ld, "
                        "\"calcule\": %ld, \"ecart\": %ld, \"statut\": \"%s\"}%s\n",
                    k->figure->def->id, pr_count_precision_label(k->declared->prec),
                    k->declared->value, k->figure->value, k->difference,
                    pr_check_status_label(k->status), i + 1 < s.c.n ? "," : "");
        }
        fputs("  ]\n}\n", fp);
        fclose(fp);
    }
    int status = rc ? pr_diags_exit_status(&s.d) : 0;
    sample_close(&s);
    return status;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return write_mode(argc, argv);
    RUN(every_figure_has_a_formula);
    RUN(sample_figures);
    RUN(formulas_read_the_data_sheets);
    RUN(derived_columns_are_calculated_columns);
    RUN(empty_model_ranges_keep_one_row);
    RUN(write_is_reproducible);
    RUN(write_error_is_reported);
    RUN(figures_name_their_sheet);
    RUN(evolution_sheet);
    RUN(child_ends_are_classified);
    RUN(xml_well_formed);
    RUN(archive_read_back);
    return UNIT_DONE();
}
