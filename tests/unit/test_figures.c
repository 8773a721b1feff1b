/* test_figures.c — key figures and cross-check on hand-built models whose
 * answers are known, independent of the loaders. */
#include "data/figures.h"
#include "unit.h"

#include <stdlib.h>

static pr_date day(int y, int m, int d) { pr_date x = {y, m, d, PR_DATE_DAY}; return x; }
static pr_date month(int y, int m) { pr_date x = {y, m, 0, PR_DATE_MONTH}; return x; }

static const char *ids_a[] = {"a", "b", "c"};
static const char *ids_b[] = {"b", "c", "d"};
static const char *reg_bzh[] = {"53"};
static const char *deps_35_40[] = {"35", "40"};
static const char *deps_2a[] = {"2A"};

static pr_person speakers1[] = {{"Anne", "MARTIN", NULL, NULL, {0}}, {NULL, NULL, NULL, "FNAU", {0}}};
static pr_person speakers2[] = {{"anne", "martin", NULL, NULL, {0}}, {NULL, NULL, NULL, "Cerema", {0}}};

/* A small year: 2 officials' workshops (4 distinct officials), a national
 * meeting (edition 3, 150 people, 1 round table, 2 mini-conferences), a
 * congress stand outside the year, 2 networks (Bretagne + 35/40, and an
 * inactive Corsican one). */
static void build(pr_model *m, pr_event *ev, pr_session *ses, pr_local_network *ln,
                  pr_workstream *ws, pr_year_status *st, pr_partner *pa, pr_newsletter *nl)
{
    memset(m, 0, sizeof *m);
    m->report.year = 2023;
    memset(ev, 0, 4 * sizeof *ev);
    ev[0].type = PR_EVENT_OFFICIALS_WORKSHOP; ev[0].date = month(2023, 3);
    ev[0].officials.items = ids_a; ev[0].officials.n = 3;
    ev[0].participants.known = 1; ev[0].participants.value = 12;
    ev[1].type = PR_EVENT_OFFICIALS_WORKSHOP; ev[1].date = day(2023, 10, 5);
    ev[1].officials.items = ids_b; ev[1].officials.n = 3;
    ev[1].participants.known = 1; ev[1].participants.value = 9;
    ev[2].type = PR_EVENT_NATIONAL_MEETING; ev[2].date = day(2023, 12, 7); ev[2].edition = 3;
    ev[2].participants.known = 1; ev[2].participants.value = 150;
    ev[2].participants.prec = PR_COUNT_ABOUT;
    memset(ses, 0, 3 * sizeof *ses);
    ses[0].type = PR_SESSION_ROUND_TABLE; ses[0].speakers = speakers1; ses[0].n_speakers = 2;
    ses[1].type = PR_SESSION_MINI_CONFERENCE; ses[1].speakers = speakers2; ses[1].n_speakers = 2;
    ses[2].type = PR_SESSION_MINI_CONFERENCE;
    ev[2].sessions = ses; ev[2].n_sessions = 3;
    ev[3].type = PR_EVENT_CONGRESS_STAND; ev[3].date = day(2022, 11, 23);
    ev[3].participants.known = 1; ev[3].participants.value = 1000;
    m->events = ev; m->n_events = 4;

    memset(ln, 0, 2 * sizeof *ln);
    ln[0].active = 1; ln[0].scale = PR_SCALE_REGIONAL; ln[0].regions.items = reg_bzh; ln[0].regions.n = 1;
    ln[0].departements.items = deps_35_40; ln[0].departements.n = 2;
    ln[1].active = 0; ln[1].scale = PR_SCALE_DEPARTMENTAL; ln[1].departements.items = deps_2a; ln[1].departements.n = 1;
    m->local_networks = ln; m->n_local_networks = 2;

    memset(ws, 0, 2 * sizeof *ws);
    st[0].year = 2023; st[0].status = PR_STATUS_ACTIVE;
    st[1].year = 2023; st[1].status = PR_STATUS_STARTED;
    ws[0].statuses = &st[0]; ws[0].n_statuses = 1;
    ws[1].statuses = &st[1]; ws[1].n_statuses = 1;
    m->workstreams = ws; m->n_workstreams = 2;

    memset(pa, 0, 3 * sizeof *pa);
    pa[0].since = 2022; pa[1].since = 2023; pa[2].since = 2024;
    m->partners = pa; m->n_partners = 3;

    memset(nl, 0, 2 * sizeof *nl);
    nl[0].number = 1; nl[0].date = month(2023, 3);
    nl[1].number = 2; nl[1].date = month(2024, 1);
    m->newsletters = nl; m->n_newsletters = 2;
}

#define FIXTURE                                                                 \
    pr_model m; pr_event ev[4]; pr_session ses[3]; pr_local_network ln[2];      \
    pr_workstream ws[2]; pr_year_status st[2]; pr_partner pa[3]; pr_newsletter nl[2]; \
    build(&m, ev, ses, ln, &ws[0], st, pa, nl);                                 \
    pr_figures f; pr_figures_compute(&m, &f)

TEST(counts_of_the_year)
{
    FIXTURE;
    CHECK_INT(pr_figure_value(&f, "evenements"), 3);
    CHECK_INT(pr_figure_value(&f, "ateliers_elus"), 2);
    CHECK_INT(pr_figure_value(&f, "elus_engages"), 4);
    CHECK_INT(pr_figure_value(&f, "rencontre_nationale_edition"), 3);
    CHECK_INT(pr_figure_value(&f, "rencontre_nationale_participants"), 150);
    CHECK_INT(pr_figure_value(&f, "tables_rondes"), 1);
    CHECK_INT(pr_figure_value(&f, "mini_conferences"), 2);
    CHECK_INT(pr_figure_value(&f, "ateliers_rencontre"), 0);
    CHECK_INT(pr_figure_value(&f, "stands_congres"), 0);  /* dated 2022 */
    CHECK_INT(pr_figure_value(&f, "lettres"), 1);         /* n°2 is 2024 */
    CHECK_INT(pr_figure_value(&f, "chantiers_actifs"), 1);
    CHECK_INT(pr_figure_value(&f, "partenaires"), 2);
    CHECK_INT(pr_figure_value(&f, "partenaires_nouveaux"), 1);
    pr_figures_free(&f);
}

TEST(distinct_speakers_by_name_or_organisation)
{
    FIXTURE;
    /* Anne MARTIN twice (case differs), FNAU, Cerema */
    CHECK_INT(pr_figure_value(&f, "intervenants_rencontre"), 3);
    pr_figures_free(&f);
}

TEST(people_mobilised_and_rounding)
{
    FIXTURE;
    CHECK_INT(pr_figure_value(&f, "personnes_mobilisees"), 12 + 9 + 150);
    CHECK_INT(pr_figure_value(&f, "personnes_mobilisees_plancher"), 100);
    CHECK_INT(pr_round_down_display(0), 0);
    CHECK_INT(pr_round_down_display(9), 9);
    CHECK_INT(pr_round_down_display(57), 50);
    CHECK_INT(pr_round_down_display(100), 100);
    CHECK_INT(pr_round_down_display(1299), 1200);
    pr_figures_free(&f);
}

TEST(attendance_leaves_unknown_counts_out)
{
    FIXTURE;
    /* 12 + 9 exact, 150 "environ": 171, one approximate, none unknown */
    CHECK_INT(f.n_approx[PR_FIG_PEOPLE], 1);
    CHECK_INT(f.n_unknown[PR_FIG_PEOPLE], 0);
    CHECK_INT(pr_figure_value(&f, "evenements_effectif_approche"), 1);
    CHECK_INT(pr_figure_value(&f, "evenements_effectif_inconnu"), 0);
    CHECK_INT(f.n_approx[PR_FIG_NATIONAL_MEETING_PARTICIPANTS], 1);
    pr_figures_free(&f);
    /* a blank count is not 0: the event is left out, and said so; the
     * people the data name for it are no longer counted instead */
    ev[0].participants.known = 0;   /* 3 officials named */
    ses[2].speakers = speakers1; ses[2].n_speakers = 2;
    CHECK_INT(pr_count_attendance(ev[0].participants), PR_ATTENDANCE_UNKNOWN);
    CHECK_INT(pr_count_attendance(ev[1].participants), PR_ATTENDANCE_EXACT);
    CHECK_INT(pr_count_attendance(ev[2].participants), PR_ATTENDANCE_APPROX);
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "personnes_mobilisees"), 9 + 150);
    CHECK_INT(pr_figure_value(&f, "evenements_effectif_inconnu"), 1);
    CHECK_INT(f.n_unknown[PR_FIG_PEOPLE], 1);
    CHECK_INT(pr_figure_value(&f, "personnes_mobilisees_plancher"), 100);
    pr_figures_free(&f);
    /* "plus de" is approximate too */
    ev[1].participants.prec = PR_COUNT_AT_LEAST;
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "evenements_effectif_approche"), 2);
    CHECK_STR(pr_attendance_label(PR_ATTENDANCE_APPROX), "approché");
    pr_figures_free(&f);
}

TEST(participations_and_distinct_people_apart)
{
    FIXTURE;
    /* officials a, b, c then b, c, d: 6 presences, 4 distinct officials */
    CHECK_INT(pr_figure_value(&f, "participations_ateliers_elus"), 6);
    CHECK_INT(pr_figure_value(&f, "elus_engages"), 4);
    /* Anne MARTIN twice, FNAU, Cerema: 4 talks, 3 distinct speakers */
    CHECK_INT(pr_figure_value(&f, "interventions_rencontre"), 4);
    CHECK_INT(pr_figure_value(&f, "intervenants_rencontre"), 3);
    pr_figures_free(&f);
}

TEST(events_organised_by_the_network)
{
    FIXTURE;
    CHECK_INT(pr_figure_value(&f, "evenements_organises"), 3);
    pr_figures_free(&f);
    ev[2].organiser = "la FNAU";
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "evenements"), 3);
    CHECK_INT(pr_figure_value(&f, "evenements_organises"), 2);
    pr_figures_free(&f);
}

TEST(workstreams_in_progress_and_finished_apart)
{
    FIXTURE;
    /* one "en cours", one "amorcé" */
    CHECK_INT(pr_figure_value(&f, "chantiers_en_cours"), 1);
    CHECK_INT(pr_figure_value(&f, "chantiers_termines"), 0);
    CHECK_INT(pr_figure_value(&f, "chantiers_actifs"), 1);
    pr_figures_free(&f);
    /* finished in 2023: counted apart, and among those carried out */
    pr_year_status done[2] = {{2022, PR_STATUS_ACTIVE}, {2023, PR_STATUS_DONE}};
    ws[1].statuses = done; ws[1].n_statuses = 2;
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "chantiers_en_cours"), 1);
    CHECK_INT(pr_figure_value(&f, "chantiers_termines"), 1);
    CHECK_INT(pr_figure_value(&f, "chantiers_actifs"), 2);
    pr_figures_free(&f);
    /* already finished the year before: neither */
    done[0].status = PR_STATUS_DONE;
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "chantiers_termines"), 0);
    CHECK_INT(pr_figure_value(&f, "chantiers_actifs"), 1);
    pr_figures_free(&f);
}

TEST(governance_meetings_by_kind)
{
    FIXTURE;
    pr_meeting mt[4];
    memset(mt, 0, sizeof mt);
    mt[0].date = month(2023, 1); mt[0].kind = PR_MEETING_STEERING;
    mt[1].date = month(2023, 6); mt[1].kind = PR_MEETING_TECHNICAL;
    mt[2].date = month(2023, 9); mt[2].kind = PR_MEETING_OTHER;
    mt[3].date = month(2022, 10); mt[3].kind = PR_MEETING_STEERING;
    m.meetings = mt; m.n_meetings = 4;
    pr_figures_free(&f);
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "reunions_gouvernance"), 3);
    CHECK_INT(pr_figure_value(&f, "reunions_copil"), 1);
    CHECK_INT(pr_figure_value(&f, "reunions_comite_technique"), 1);
    pr_figures_free(&f);
    /* the kind a meeting's instance names, when `type` is absent */
    CHECK_INT(pr_meeting_kind_of_body("comité de pilotage"), PR_MEETING_STEERING);
    CHECK_INT(pr_meeting_kind_of_body("Comité  de Pilotage "), PR_MEETING_STEERING);
    CHECK_INT(pr_meeting_kind_of_body("COMITE DE PILOTAGE"), PR_MEETING_STEERING);
    CHECK_INT(pr_meeting_kind_of_body("COPIL"), PR_MEETING_STEERING);
    CHECK_INT(pr_meeting_kind_of_body("comité technique"), PR_MEETING_TECHNICAL);
    CHECK_INT(pr_meeting_kind_of_body("comité de préfiguration"), PR_MEETING_OTHER);
    CHECK_INT(pr_meeting_kind_of_body("comité de pilotagd"), PR_MEETING_OTHER);
}

TEST(latest_national_meeting_gives_the_edition)
{
    FIXTURE;
    pr_event more[2];
    memset(more, 0, sizeof more);
    /* an earlier meeting with a higher edition; one the same day as the
     * 7 December one, edition 2: the latest date wins, then the largest */
    more[0].type = PR_EVENT_NATIONAL_MEETING; more[0].date = month(2023, 6); more[0].edition = 9;
    more[1].type = PR_EVENT_NATIONAL_MEETING; more[1].date = day(2023, 12, 7); more[1].edition = 2;
    pr_event all[6];
    memcpy(all, ev, 4 * sizeof *ev);
    all[4] = more[0];
    all[5] = more[1];
    m.events = all; m.n_events = 6;
    pr_figures_free(&f);
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "rencontre_nationale_edition"), 3);
    pr_figures_free(&f);
    all[5].edition = 4;
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "rencontre_nationale_edition"), 4);
    pr_figures_free(&f);
}

TEST(speaker_keys_fold_case_as_spreadsheets_do)
{
    pr_person a = {"Émilie", "BONNET-DERIVIÈRE", NULL, NULL, {0}};
    pr_person o = {NULL, NULL, NULL, "Agence ÉTÉ", {0}};
    pr_person s = {NULL, "ŒUVRE", NULL, NULL, {0}};
    char *k = pr_speaker_key(&a);
    CHECK_STR(k, "p:émilie bonnet-derivière");
    free(k);
    k = pr_speaker_key(&o);
    CHECK_STR(k, "o:agence été");
    free(k);
    k = pr_speaker_key(&s);   /* no first name: LibreOffice's "p:"&LOWER(""&" "&nom) */
    CHECK_STR(k, "p: œuvre");
    free(k);
}

TEST(regional_networks_expand_to_their_departements)
{
    FIXTURE;
    /* Bretagne = 22, 29, 35, 56; plus 35 again and 40; Corsica inactive */
    CHECK_INT(pr_figure_value(&f, "departements_couverts"), 5);
    CHECK_INT(f.n_covered, 5);
    CHECK_STR(f.covered[0], "22");
    CHECK_STR(f.covered[4], "56");
    CHECK_INT(pr_figure_value(&f, "reseaux_locaux"), 1);
    CHECK_INT(pr_figure_value(&f, "reseaux_regionaux"), 1);
    CHECK_INT(pr_figure_value(&f, "reseaux_departementaux"), 0);
    pr_figures_free(&f);
    /* activating the Corsican network adds 2A */
    ln[1].active = 1;
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "departements_couverts"), 6);
    CHECK_INT(pr_figure_value(&f, "reseaux_departementaux"), 1);
    pr_figures_free(&f);
}

TEST(adding_an_event_changes_the_figures)
{
    FIXTURE;
    long before = pr_figure_value(&f, "personnes_mobilisees");
    pr_figures_free(&f);
    ev[3].date = day(2023, 11, 23); /* the stand moves into the year */
    pr_figures_compute(&m, &f);
    CHECK_INT(pr_figure_value(&f, "stands_congres"), 1);
    CHECK_INT(pr_figure_value(&f, "evenements"), 4);
    CHECK_INT(pr_figure_value(&f, "personnes_mobilisees"), before + 1000);
    CHECK_INT(pr_figure_value(&f, "personnes_mobilisees_plancher"), 1100);
    pr_figures_free(&f);
}

TEST(cross_check_reports_differences)
{
    FIXTURE;
    pr_declared decl[2] = {
        {"ateliers_elus", 2, PR_COUNT_EXACT, "2 ateliers", NULL, NULL, NULL, {"x.yaml", 40, 5}},
        {"departements_couverts", 35, PR_COUNT_EXACT, "35 départements", NULL, NULL, NULL,
         {"x.yaml", 44, 5}}};
    m.declared = decl;
    m.n_declared = 2;
    pr_diags d;
    pr_diags_init(&d);
    pr_checks c;
    pr_checks_compute(&m, &f, 0, &c, &d);
    CHECK_INT(c.n, 2);
    CHECK_INT(c.n_mismatch, 1);
    CHECK_INT(c.items[1].difference, 5 - 35);
    CHECK_INT(c.items[0].status, PR_CHECK_EQUAL);
    CHECK_INT(c.items[1].status, PR_CHECK_TOO_HIGH);
    CHECK_STR(pr_check_status_label(c.items[1].status), "Diffère : publié trop haut");
    CHECK_INT(d.n_warnings, 1);
    CHECK_INT(d.n_errors, 0);
    CHECK_STR(d.items[0].path, "chiffres_declares[1]");
    CHECK_INT(d.items[0].pos.line, 44);
    CHECK_STR(d.items[0].msg, "chiffre déclaré « departements_couverts » = 35, calculé à partir "
                              "des données = 5 (écart -30)");
    pr_checks_free(&c);
    pr_diags_free(&d);
    /* --strict makes it an error */
    pr_diags_init(&d);
    pr_checks_compute(&m, &f, 1, &c, &d);
    CHECK_INT(d.n_errors, 1);
    pr_checks_free(&c);
    pr_diags_free(&d);
    /* "plus de 3" for 5 agrees, "plus de 6" does not, and says so */
    decl[1].value = 3;
    decl[1].prec = PR_COUNT_AT_LEAST;
    pr_diags_init(&d);
    pr_checks_compute(&m, &f, 0, &c, &d);
    CHECK_INT(c.n_mismatch, 0);
    CHECK_INT(c.items[1].status, PR_CHECK_AT_LEAST);
    pr_checks_free(&c);
    decl[1].value = 6;
    pr_checks_compute(&m, &f, 0, &c, &d);
    CHECK_INT(c.items[1].status, PR_CHECK_TOO_HIGH);
    CHECK_INT(d.n_warnings, 1);
    CHECK_STR(d.items[0].msg, "chiffre déclaré « departements_couverts » = plus de 6, calculé à "
                              "partir des données = 5 (écart -1)");
    pr_checks_free(&c);
    pr_diags_free(&d);
    pr_figures_free(&f);
}

TEST(about_and_at_least_compare_as_such)
{
    /* "environ N": within 10 % of N, either way */
    CHECK_INT(pr_check_compare(200, PR_COUNT_ABOUT, 220), PR_CHECK_ABOUT);
    CHECK_INT(pr_check_compare(200, PR_COUNT_ABOUT, 180), PR_CHECK_ABOUT);
    CHECK_INT(pr_check_compare(200, PR_COUNT_ABOUT, 221), PR_CHECK_TOO_LOW);
    CHECK_INT(pr_check_compare(200, PR_COUNT_ABOUT, 179), PR_CHECK_TOO_HIGH);
    CHECK_INT(pr_check_compare(200, PR_COUNT_ABOUT, 200), PR_CHECK_EQUAL);
    /* "plus de N": at least N */
    CHECK_INT(pr_check_compare(20, PR_COUNT_AT_LEAST, 20), PR_CHECK_EQUAL);
    CHECK_INT(pr_check_compare(20, PR_COUNT_AT_LEAST, 35), PR_CHECK_AT_LEAST);
    CHECK_INT(pr_check_compare(20, PR_COUNT_AT_LEAST, 17), PR_CHECK_TOO_HIGH);
    /* exact: equal only */
    CHECK_INT(pr_check_compare(20, PR_COUNT_EXACT, 21), PR_CHECK_TOO_LOW);
    CHECK(!pr_check_differs(PR_CHECK_ABOUT));
    CHECK(pr_check_differs(PR_CHECK_TOO_LOW));
    CHECK_STR(pr_check_status_label(PR_CHECK_ABOUT), "Concorde (à 10 % près)");
}

TEST(every_definition_is_computed_and_described)
{
    FIXTURE;
    size_t n = 0;
    for (const pr_figure_def *d = pr_figure_defs(); d->id; d++, n++) {
        CHECK(pr_figures_get(&f, d->id) != NULL);
        CHECK(d->label && *d->label && d->definition && *d->definition && d->unit && *d->unit);
        CHECK(pr_figure_def_find(d->id) == d);
        /* the table is in pr_figure_id order: items[key] is the figure */
        CHECK_INT(d->key, n);
        CHECK(f.items[d->key].def == d);
        CHECK((unsigned)d->records <= PR_RECORDS_DEPARTEMENTS);
    }
    CHECK_INT(f.n, n);
    CHECK_INT(n, PR_FIG__COUNT);
    CHECK_STR(pr_figure_defs()[PR_FIG_OFFICIALS_WORKSHOPS].id, "ateliers_elus");
    CHECK_INT(pr_figure_defs()[PR_FIG_OFFICIALS_ENGAGED].records, PR_RECORDS_OFFICIALS);
    CHECK(pr_figure_def_find("inconnu") == NULL);
    pr_figures_free(&f);
}

int main(void)
{
    RUN(counts_of_the_year);
    RUN(distinct_speakers_by_name_or_organisation);
    RUN(people_mobilised_and_rounding);
    RUN(attendance_leaves_unknown_counts_out);
    RUN(participations_and_distinct_people_apart);
    RUN(events_organised_by_the_network);
    RUN(workstreams_in_progress_and_finished_apart);
    RUN(governance_meetings_by_kind);
    RUN(latest_national_meeting_gives_the_edition);
    RUN(speaker_keys_fold_case_as_spreadsheets_do);
    RUN(regional_networks_expand_to_their_departements);
    RUN(adding_an_event_changes_the_figures);
    RUN(cross_check_reports_differences);
    RUN(about_and_at_least_compare_as_such);
    RUN(every_definition_is_computed_and_described);
    return UNIT_DONE();
}
