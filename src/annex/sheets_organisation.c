/* sheets_organisation.c — the sheets of the network's work and organisation
 * (see sheets_organisation.h). */
#include "annex/sheets_organisation.h"

#include "annex/sheets_events.h"
#include "annex/sheets_reference.h"

const char *const annex_ws_headers[WS__N] = {
    "Id", "Axe", "Axe (titre court)", "Titre", "Statut de l’année précédente (clé)",
    "Statut de l’année (clé)", "Statut de l’année", "Dans l’année", "Statuts par année",
    "Groupe de travail", "Membres du groupe", "Actions", "Livrables", "Résumé",
};
const char *const annex_ac_headers[AC__N] = {
    "Chantier", "N° d’action", "Titre", "Statut (clé)", "Statut", "Date", "Acteurs",
    "Événement", "Texte",
};
const char *const annex_tm_headers[TM__N] = {"Prénom", "Nom", "Rôle", "Organisation", "Unité"};
const char *const annex_co_headers[CO__N] = {"Nom", "Rôle", "Principal", "Depuis"};
const char *const annex_pa_headers[PA__N] = {"Id", "Sigle", "Nom", "Depuis"};
const char *const annex_mt_headers[MT__N] = {
    "Date", "Année", "Instance", "Type (clé)", "Type", "Décisions",
};
const char *const annex_nl_headers[NL__N] = {"Numéro", "Date", "Année", "Grand angle", "Sujets"};

/* The year column of a dated sheet: a calculated column from `date_col`. */
static void set_year(annex_book *b, annex_sheet_id id, unsigned date_col, unsigned year_col)
{
    const char *d = book_this(b, id, date_col);
    book_set_formula(b, &b->sheets[id].tables[0], year_col, FMT_INT,
                     book_printf(b, "=IF(ISNUMBER(%s),YEAR(%s),\"\")", d, d));
}

static void put_year(annex_sheet *sh, unsigned r, unsigned col, pr_date d)
{
    if (d.prec != PR_DATE_NONE)
        book_put_calc_num(sh, r, col, d.year);
    else
        book_put_calc_str(NULL, sh, r, col, "");
}

/* Chantiers: one workstream per row, with its status for the year. */
void annex_build_workstreams(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(
        b, SH_WORKSTREAMS,
        book_printf(b, "Source : %s, liste « chantiers » ; un chantier par ligne. Statut de "
                       "l’année : pour %d ; de l’année précédente : pour %d (un statut absent "
                       "vaut « prévu »). Colonnes grisées : calculées.",
                    b->src.name, b->year, b->year - 1),
        annex_ws_headers, WS__N, m->n_workstreams);
    annex_table *t = &sh->tables[0];
    if (m->n_workstreams) {
        book_set_formula(b, t, WS_AXIS_TITLE, FMT_TEXT,
                         book_printf(b, "=%s", annex_list_label(b, LIST_AXES,
                                                                book_this(b, SH_WORKSTREAMS,
                                                                          WS_AXIS))));
        const char *st = book_this(b, SH_WORKSTREAMS, WS_STATUS_KEY);
        book_set_formula(b, t, WS_STATUS, FMT_TEXT,
                         book_printf(b, "=%s", annex_list_label(b, LIST_STATUSES, st)));
        book_set_formula(b, t, WS_IN_YEAR, FMT_TEXT,
                         book_printf(b, "=IF(%s=\"%s\",\"" ANNEX_WS_IN_PROGRESS "\",IF(AND(%s=\"%s\","
                                        "%s<>\"%s\"),\"" ANNEX_WS_FINISHED "\",\"\"))",
                                     st, pr_status_key(PR_STATUS_ACTIVE), st,
                                     pr_status_key(PR_STATUS_DONE),
                                     book_this(b, SH_WORKSTREAMS, WS_STATUS_PREV_KEY),
                                     pr_status_key(PR_STATUS_DONE)));
        book_set_formula(b, t, WS_ACTIONS, FMT_INT,
                         book_printf(b, "=SUMPRODUCT(--EXACT(%s,%s))",
                                     book_col(b, SH_ACTIONS, AC_WORKSTREAM),
                                     book_this(b, SH_WORKSTREAMS, WS_ID)));
    }
    t->validations[WS_AXIS] = annex_list_range(b, LIST_AXES);
    t->validations[WS_STATUS_PREV_KEY] = annex_list_range(b, LIST_STATUSES);
    t->validations[WS_STATUS_KEY] = annex_list_range(b, LIST_STATUSES);
    for (size_t i = 0; i < m->n_workstreams; i++) {
        const pr_workstream *w = &m->workstreams[i];
        unsigned r = annex_row(sh, i);
        const pr_axis *ax = pr_model_axis(m, w->axis);
        pr_status st = pr_workstream_status(w, b->year);
        pr_status prev = pr_workstream_status(w, b->year - 1);
        book_put_str(b, sh, r, WS_ID, w->id);
        book_put_num(sh, r, WS_AXIS, w->axis, FMT_INT);
        book_put_calc_str(b, sh, r, WS_AXIS_TITLE, ax ? ax->short_title : "");
        book_put_str(b, sh, r, WS_TITLE, w->title);
        book_put_str(b, sh, r, WS_STATUS_PREV_KEY, pr_status_key(prev));
        book_put_str(b, sh, r, WS_STATUS_KEY, pr_status_key(st));
        book_put_calc_str(b, sh, r, WS_STATUS, pr_status_label(st));
        book_put_calc_str(b, sh, r, WS_IN_YEAR,
                          st == PR_STATUS_ACTIVE                             ? ANNEX_WS_IN_PROGRESS
                          : st == PR_STATUS_DONE && prev != PR_STATUS_DONE ? ANNEX_WS_FINISHED
                                                                           : "");
        pr_strbuf sb = {0};
        for (size_t k = 0; k < w->n_statuses; k++)
            pr_sb_printf(&sb, "%s%d : %s", k ? "; " : "", w->statuses[k].year,
                         pr_status_label(w->statuses[k].status));
        book_put_str(b, sh, r, WS_STATUSES, sb.data);
        pr_sb_free(&sb);
        book_put_str(b, sh, r, WS_GROUP, w->group_name);
        book_put_str(b, sh, r, WS_GROUP_MEMBERS, book_join(b, &w->group_members));
        book_put_calc_num(sh, r, WS_ACTIONS, (double)w->n_actions);
        for (size_t k = 0; k < w->n_deliverables; k++)
            pr_sb_printf(&sb, "%s%s", k ? "; " : "", w->deliverables[k].title);
        book_put_str(b, sh, r, WS_DELIVERABLES, sb.data);
        pr_sb_free(&sb);
        book_put_str(b, sh, r, WS_SUMMARY, w->summary);
    }
}

/* Actions: one workstream action per row. */
void annex_build_actions(annex_book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_workstreams; i++)
        n += m->workstreams[i].n_actions;
    annex_sheet *sh = book_start_table(
        b, SH_ACTIONS,
        book_printf(b, "Source : %s, « chantiers[].actions » ; une action par ligne, numérotée "
                       "dans son chantier. Colonnes grisées : calculées.", b->src.name),
        annex_ac_headers, AC__N, n);
    annex_table *t = &sh->tables[0];
    if (n)
        book_set_formula(b, t, AC_STATUS, FMT_TEXT,
                         book_printf(b, "=%s", annex_list_label(b, LIST_STATUSES,
                                                                book_this(b, SH_ACTIONS,
                                                                          AC_STATUS_KEY))));
    t->validations[AC_WORKSTREAM] =
        annex_records_range(b, SH_WORKSTREAMS, WS_ID, m->n_workstreams);
    t->validations[AC_STATUS_KEY] = annex_list_range(b, LIST_STATUSES);
    t->validations[AC_EVENT] = annex_records_range(b, SH_EVENTS, EV_ID, m->n_events);
    size_t i = 0;
    for (size_t w_i = 0; w_i < m->n_workstreams; w_i++) {
        const pr_workstream *w = &m->workstreams[w_i];
        for (size_t k = 0; k < w->n_actions; k++, i++) {
            const pr_action *a = &w->actions[k];
            unsigned r = annex_row(sh, i);
            book_put_str(b, sh, r, AC_WORKSTREAM, w->id);
            book_put_num(sh, r, AC_NUMBER, (double)(k + 1), FMT_INT);
            book_put_str(b, sh, r, AC_TITLE, a->title);
            book_put_str(b, sh, r, AC_STATUS_KEY, pr_status_key(a->status));
            book_put_calc_str(b, sh, r, AC_STATUS, pr_status_label(a->status));
            book_put_date(sh, r, AC_DATE, a->date);
            book_put_str(b, sh, r, AC_ACTORS, book_join(b, &a->actors));
            book_put_str(b, sh, r, AC_EVENT, a->event);
            book_put_str(b, sh, r, AC_TEXT, a->text);
        }
    }
}

/* Équipe: one team member per row. */
void annex_build_team(annex_book *b)
{
    const pr_team *t = &b->m->team;
    annex_sheet *sh = book_start_table(
        b, SH_TEAM,
        book_printf(b, "Source : %s, « equipe.membres » ; un membre de l’équipe d’animation "
                       "par ligne.", b->src.name),
        annex_tm_headers, TM__N, t->n_members);
    for (size_t i = 0; i < t->n_members; i++) {
        const pr_member *p = &t->members[i];
        unsigned r = annex_row(sh, i);
        book_put_str(b, sh, r, TM_FIRST, p->first_name);
        book_put_str(b, sh, r, TM_LAST, p->last_name);
        book_put_str(b, sh, r, TM_ROLE, p->role);
        book_put_str(b, sh, r, TM_ORG, p->organisation);
        book_put_str(b, sh, r, TM_UNIT, p->unit);
    }
}

/* Prestataires: one consultancy per row. */
void annex_build_consultancies(annex_book *b)
{
    const pr_team *t = &b->m->team;
    annex_sheet *sh = book_start_table(
        b, SH_CONSULTANCIES,
        book_printf(b, "Source : %s, « equipe.prestataires » ; un prestataire par ligne.",
                    b->src.name),
        annex_co_headers, CO__N, t->n_consultancies);
    sh->tables[0].validations[CO_LEAD] = annex_list_range(b, LIST_YES_NO);
    for (size_t i = 0; i < t->n_consultancies; i++) {
        const pr_consultancy *c = &t->consultancies[i];
        unsigned r = annex_row(sh, i);
        book_put_str(b, sh, r, CO_NAME, c->name);
        book_put_str(b, sh, r, CO_ROLE, c->role);
        book_put_str(b, sh, r, CO_LEAD, c->lead ? "oui" : "non");
        book_put_int_opt(sh, r, CO_SINCE, c->since, c->since != 0);
    }
}

/* Partenaires: one steering-committee partner per row. */
void annex_build_partners(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(
        b, SH_PARTNERS,
        book_printf(b, "Source : %s, liste « partenaires » ; un partenaire du comité de pilotage "
                       "par ligne, avec l’année où il l’a rejoint.", b->src.name),
        annex_pa_headers, PA__N, m->n_partners);
    for (size_t i = 0; i < m->n_partners; i++) {
        const pr_partner *p = &m->partners[i];
        unsigned r = annex_row(sh, i);
        book_put_str(b, sh, r, PA_ID, p->id);
        book_put_str(b, sh, r, PA_ACRONYM, p->acronym);
        book_put_str(b, sh, r, PA_NAME, p->name);
        book_put_int_opt(sh, r, PA_SINCE, p->since, p->since != 0);
    }
}

/* Gouvernance: one governance meeting per row, with its kind. */
void annex_build_meetings(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(
        b, SH_MEETINGS,
        book_printf(b, "Source : %s, « gouvernance.reunions » ; une réunion par ligne. Type : "
                       "clé « type » de la réunion (déduite de l’instance quand elle manque). "
                       "Colonnes grisées : calculées.", b->src.name),
        annex_mt_headers, MT__N, m->n_meetings);
    annex_table *t = &sh->tables[0];
    if (m->n_meetings) {
        set_year(b, SH_MEETINGS, MT_DATE, MT_YEAR);
        book_set_formula(b, t, MT_KIND, FMT_TEXT,
                         book_printf(b, "=%s", annex_list_label(b, LIST_MEETING_KINDS,
                                                                book_this(b, SH_MEETINGS,
                                                                          MT_KIND_KEY))));
    }
    t->validations[MT_KIND_KEY] = annex_list_range(b, LIST_MEETING_KINDS);
    for (size_t i = 0; i < m->n_meetings; i++) {
        const pr_meeting *mt = &m->meetings[i];
        unsigned r = annex_row(sh, i);
        book_put_date(sh, r, MT_DATE, mt->date);
        put_year(sh, r, MT_YEAR, mt->date);
        book_put_str(b, sh, r, MT_BODY, mt->body);
        book_put_str(b, sh, r, MT_KIND_KEY, pr_meeting_kind_key(mt->kind));
        book_put_calc_str(b, sh, r, MT_KIND, pr_meeting_kind_label(mt->kind));
        book_put_str(b, sh, r, MT_DECISIONS, book_join(b, &mt->decisions));
    }
}

/* Lettres: one newsletter per row. */
void annex_build_newsletters(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(
        b, SH_NEWSLETTERS,
        book_printf(b, "Source : %s, liste « lettres » ; une lettre d’info par ligne. Colonnes "
                       "grisées : calculées.", b->src.name),
        annex_nl_headers, NL__N, m->n_newsletters);
    if (m->n_newsletters)
        set_year(b, SH_NEWSLETTERS, NL_DATE, NL_YEAR);
    for (size_t i = 0; i < m->n_newsletters; i++) {
        const pr_newsletter *nl = &m->newsletters[i];
        unsigned r = annex_row(sh, i);
        book_put_num(sh, r, NL_NUMBER, nl->number, FMT_INT);
        book_put_date(sh, r, NL_DATE, nl->date);
        put_year(sh, r, NL_YEAR, nl->date);
        book_put_str(b, sh, r, NL_GRAND_ANGLE, nl->grand_angle);
        book_put_str(b, sh, r, NL_TOPICS, book_join(b, &nl->highlights));
    }
}
