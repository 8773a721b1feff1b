/* sheets_organisation.c — the sheets of the network's work and organisation
 * (see sheets_organisation.h). */
#include "annex/sheets_organisation.h"

/* Chantiers: one workstream per row, with its status for the year. */
void annex_build_workstreams(annex_book *b)
{
    const pr_model *m = b->m;
    const char **h = pr_arena_alloc(&b->arena, WS__N * sizeof *h);
    h[WS_ID] = "Id";
    h[WS_AXIS] = "Axe";
    h[WS_AXIS_TITLE] = "Axe (titre court)";
    h[WS_TITLE] = "Titre";
    h[WS_STATUS_KEY] = book_printf(b, "Statut %d (clé)", b->year);
    h[WS_STATUS] = book_printf(b, "Statut %d", b->year);
    h[WS_STATUSES] = "Statuts par année";
    h[WS_GROUP] = "Groupe de travail";
    h[WS_GROUP_MEMBERS] = "Membres du groupe";
    h[WS_ACTIONS] = "Actions";
    h[WS_DELIVERABLES] = "Livrables";
    h[WS_SUMMARY] = "Résumé";
    annex_sheet *sh = book_start_table(b, SH_WORKSTREAMS, h, WS__N, m->n_workstreams);
    for (size_t i = 0; i < m->n_workstreams; i++) {
        const pr_workstream *w = &m->workstreams[i];
        unsigned r = (unsigned)i + 1;
        const pr_axis *ax = pr_model_axis(m, w->axis);
        pr_status st = pr_workstream_status(w, b->year);
        book_put_str(b, sh, r, WS_ID, w->id);
        book_put_num(sh, r, WS_AXIS, w->axis, FMT_INT);
        book_put_str(b, sh, r, WS_AXIS_TITLE, ax ? ax->short_title : NULL);
        book_put_str(b, sh, r, WS_TITLE, w->title);
        book_put_str(b, sh, r, WS_STATUS_KEY, pr_status_key(st));
        book_put_str(b, sh, r, WS_STATUS, pr_status_label(st));
        pr_strbuf sb = {0};
        for (size_t k = 0; k < w->n_statuses; k++)
            pr_sb_printf(&sb, "%s%d : %s", k ? "; " : "", w->statuses[k].year,
                         pr_status_label(w->statuses[k].status));
        book_put_str(b, sh, r, WS_STATUSES, sb.data);
        pr_sb_free(&sb);
        book_put_str(b, sh, r, WS_GROUP, w->group_name);
        book_put_str(b, sh, r, WS_GROUP_MEMBERS, book_join(b, &w->group_members));
        book_put_num(sh, r, WS_ACTIONS, (double)w->n_actions, FMT_INT);
        book_put_num(sh, r, WS_DELIVERABLES, (double)w->n_deliverables, FMT_INT);
        book_put_str(b, sh, r, WS_SUMMARY, w->summary);
    }
}

static const char *const ac_headers[AC__N] = {
    "Chantier", "N° d'action", "Titre", "Statut (clé)", "Statut", "Date", "Acteurs",
    "Événement", "Texte",
};

/* Actions: one workstream action per row. */
void annex_build_actions(annex_book *b)
{
    const pr_model *m = b->m;
    size_t n = 0;
    for (size_t i = 0; i < m->n_workstreams; i++)
        n += m->workstreams[i].n_actions;
    annex_sheet *sh = book_start_table(b, SH_ACTIONS, ac_headers, AC__N, n);
    unsigned r = 1;
    for (size_t i = 0; i < m->n_workstreams; i++) {
        const pr_workstream *w = &m->workstreams[i];
        for (size_t k = 0; k < w->n_actions; k++, r++) {
            const pr_action *a = &w->actions[k];
            book_put_str(b, sh, r, AC_WORKSTREAM, w->id);
            book_put_num(sh, r, AC_NUMBER, (double)(k + 1), FMT_INT);
            book_put_str(b, sh, r, AC_TITLE, a->title);
            book_put_str(b, sh, r, AC_STATUS_KEY, pr_status_key(a->status));
            book_put_str(b, sh, r, AC_STATUS, pr_status_label(a->status));
            book_put_date(sh, r, AC_DATE, a->date);
            book_put_str(b, sh, r, AC_ACTORS, book_join(b, &a->actors));
            book_put_str(b, sh, r, AC_EVENT, a->event);
            book_put_str(b, sh, r, AC_TEXT, a->text);
        }
    }
}

static const char *const tm_headers[TM__N] = { "Prénom", "Nom", "Rôle", "Organisation", "Unité" };

/* Équipe: one team member per row. */
void annex_build_team(annex_book *b)
{
    const pr_team *t = &b->m->team;
    annex_sheet *sh = book_start_table(b, SH_TEAM, tm_headers, TM__N, t->n_members);
    for (size_t i = 0; i < t->n_members; i++) {
        const pr_member *p = &t->members[i];
        unsigned r = (unsigned)i + 1;
        book_put_str(b, sh, r, TM_FIRST, p->first_name);
        book_put_str(b, sh, r, TM_LAST, p->last_name);
        book_put_str(b, sh, r, TM_ROLE, p->role);
        book_put_str(b, sh, r, TM_ORG, p->organisation);
        book_put_str(b, sh, r, TM_UNIT, p->unit);
    }
}

static const char *const co_headers[CO__N] = { "Nom", "Rôle", "Principal", "Depuis" };

/* Prestataires: one consultancy per row. */
void annex_build_consultancies(annex_book *b)
{
    const pr_team *t = &b->m->team;
    annex_sheet *sh = book_start_table(b, SH_CONSULTANCIES, co_headers, CO__N, t->n_consultancies);
    for (size_t i = 0; i < t->n_consultancies; i++) {
        const pr_consultancy *c = &t->consultancies[i];
        unsigned r = (unsigned)i + 1;
        book_put_str(b, sh, r, CO_NAME, c->name);
        book_put_str(b, sh, r, CO_ROLE, c->role);
        book_put_num(sh, r, CO_LEAD, c->lead ? 1 : 0, FMT_INT);
        book_put_int_opt(sh, r, CO_SINCE, c->since, c->since != 0);
    }
}

static const char *const pa_headers[PA__N] = { "Id", "Sigle", "Nom", "Depuis" };

/* Partenaires: one steering-committee partner per row. */
void annex_build_partners(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(b, SH_PARTNERS, pa_headers, PA__N, m->n_partners);
    for (size_t i = 0; i < m->n_partners; i++) {
        const pr_partner *p = &m->partners[i];
        unsigned r = (unsigned)i + 1;
        book_put_str(b, sh, r, PA_ID, p->id);
        book_put_str(b, sh, r, PA_ACRONYM, p->acronym);
        book_put_str(b, sh, r, PA_NAME, p->name);
        book_put_int_opt(sh, r, PA_SINCE, p->since, p->since != 0);
    }
}

static const char *const mt_headers[MT__N] = {
    "Date", "Année", "Instance", "Décisions (nombre)", "Décisions",
};

/* Gouvernance: one governance meeting per row. */
void annex_build_meetings(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(b, SH_MEETINGS, mt_headers, MT__N, m->n_meetings);
    for (size_t i = 0; i < m->n_meetings; i++) {
        const pr_meeting *mt = &m->meetings[i];
        unsigned r = (unsigned)i + 1;
        book_put_date(sh, r, MT_DATE, mt->date);
        book_put_int_opt(sh, r, MT_YEAR, mt->date.year, mt->date.prec != PR_DATE_NONE);
        book_put_str(b, sh, r, MT_BODY, mt->body);
        book_put_num(sh, r, MT_N_DECISIONS, (double)mt->decisions.n, FMT_INT);
        book_put_str(b, sh, r, MT_DECISIONS, book_join(b, &mt->decisions));
    }
}

static const char *const nl_headers[NL__N] = { "Numéro", "Date", "Année", "Grand angle", "Sujets" };

/* Lettres: one newsletter per row. */
void annex_build_newsletters(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(b, SH_NEWSLETTERS, nl_headers, NL__N, m->n_newsletters);
    for (size_t i = 0; i < m->n_newsletters; i++) {
        const pr_newsletter *nl = &m->newsletters[i];
        unsigned r = (unsigned)i + 1;
        book_put_num(sh, r, NL_NUMBER, nl->number, FMT_INT);
        book_put_date(sh, r, NL_DATE, nl->date);
        book_put_int_opt(sh, r, NL_YEAR, nl->date.year, nl->date.prec != PR_DATE_NONE);
        book_put_str(b, sh, r, NL_GRAND_ANGLE, nl->grand_angle);
        book_put_str(b, sh, r, NL_TOPICS, book_join(b, &nl->highlights));
    }
}
