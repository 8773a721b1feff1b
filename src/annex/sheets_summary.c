/* sheets_summary.c — Synthèse, Contrôles and À propos (see sheets_summary.h). */
#include "annex/sheets_summary.h"

#include <stdlib.h>
#include <string.h>

#include "annex/formulas.h"
#include "annex/sheets_events.h"
#include "base/date.h"

static const char *const sy_headers[SY__N] = {
    "Id", "Libellé", "Valeur", "Définition", "Feuille source", "Formule",
};
static const char *const mo_headers[MO__N] = { "Mois", "Événements", "Personnes comptées" };

/* Synthèse: the key figures (formula, cached value, definition, formula
 * text), then events and people counted per month for the chart. */
void annex_build_summary(annex_book *b)
{
    const pr_figures *f = b->f;
    annex_sheet *sh = book_start_table(b, SH_SUMMARY, sy_headers, SY__N, f->n);
    b->summary_first_row = 1;
    b->formulas = pr_arena_alloc(&b->arena, (f->n ? f->n : 1) * sizeof *b->formulas);
    for (size_t i = 0; i < f->n; i++) {
        const pr_figure *fig = &f->items[i];
        unsigned r = (unsigned)i + 1;
        const char *formula = annex_figure_formula(b, fig->def->key);
        b->formulas[i] = formula;
        book_put_str(b, sh, r, SY_ID, fig->def->id);
        book_put_str(b, sh, r, SY_LABEL, fig->def->label);
        book_put_formula_num(b, sh, r, SY_VALUE, formula, (double)fig->value);
        book_put_str(b, sh, r, SY_DEFINITION, fig->def->definition);
        book_put_str(b, sh, r, SY_SHEET, b->sheets[annex_sheet_of_records(fig->def->records)].name);
        /* shown without its '=' so that no tool reads it back as a formula */
        book_put_str(b, sh, r, SY_FORMULA, formula + 1);
    }

    /* events and participants per month of the year, and their chart */
    annex_table *t = book_add_table(sh, "ParticipantsParMois", (unsigned)(f->n ? f->n : 1) + 3, 0,
                                    mo_headers, MO__N, 12);
    book_put_fmt_str(b, sh, t->row - 1, 0, FMT_LABEL,
                     book_printf(b, "Événements et personnes mobilisées par mois en %d "
                                    "(événements datés au jour ou au mois)", b->year));
    const char *dates = book_col_range(b, SH_EVENTS, EV_DATE);
    const char *precs = book_col_range(b, SH_EVENTS, EV_PREC);
    const char *parts = book_col_range(b, SH_EVENTS, EV_ATTENDANCE);
    for (int mo = 1; mo <= 12; mo++) {
        unsigned r = t->row + (unsigned)mo;
        long n = 0, p = 0;
        for (size_t i = 0; i < b->m->n_events; i++) {
            const pr_event *e = &b->m->events[i];
            if ((e->date.prec == PR_DATE_DAY || e->date.prec == PR_DATE_MONTH) &&
                e->date.year == b->year && e->date.month == mo) {
                n++;
                p += pr_event_attendance(e, NULL);
            }
        }
        const char *window =
            book_printf(b, "%s,\">=\"&DATE(%d,%d,1),%s,\"<\"&DATE(%d,%d,1),%s,\"<>%s\"", dates,
                        b->year, mo, dates, b->year, mo + 1, precs,
                        annex_date_prec_label(PR_DATE_YEAR));
        book_put_str(b, sh, r, MO_MONTH, book_printf(b, "%s %d", pr_date_month_name(mo), b->year));
        book_put_formula_num(b, sh, r, MO_EVENTS, book_printf(b, "=COUNTIFS(%s)", window),
                             (double)n);
        book_put_formula_num(b, sh, r, MO_PARTICIPANTS,
                             book_printf(b, "=SUMIFS(%s,%s)", parts, window), (double)p);
    }
    sh->chart.present = 1;
    sh->chart.row = t->row + 14;
    sh->chart.col = 0;
    sh->chart.cat_col = MO_MONTH;
    sh->chart.val_col = MO_PARTICIPANTS;
    sh->chart.n = 12;
    sh->chart.title = "Personnes mobilisées par les événements, par mois";
    sh->chart.series = mo_headers[MO_PARTICIPANTS];
    sh->chart.y_axis = "Personnes";
}

static const char *const ch_headers[CH__N] = {
    "Chiffre", "Libellé", "Texte publié", "Source", "Valeur déclarée", "Valeur calculée",
    "Écart", "Statut",
};
#define STATUS_OK "OK"
#define STATUS_GAP "ÉCART"

/* Contrôles: each declared figure, the value recomputed on Synthèse, the
 * difference and the status, by formula. */
void annex_build_checks(annex_book *b)
{
    const pr_checks *c = b->c;
    annex_sheet *sh = book_start_table(b, SH_CHECKS, ch_headers, CH__N, c ? c->n : 0);
    sh->status.col = CH_STATUS;
    sh->status.rows = c ? c->n : 0;
    sh->status.ok = STATUS_OK;
    sh->status.gap = STATUS_GAP;
    for (size_t i = 0; c && i < c->n; i++) {
        const pr_check *k = &c->items[i];
        unsigned r = (unsigned)i + 1;
        book_put_str(b, sh, r, CH_ID, k->declared->figure);
        book_put_str(b, sh, r, CH_LABEL, k->figure->def->label);
        book_put_str(b, sh, r, CH_PRINTED, k->declared->as_printed);
        book_put_str(b, sh, r, CH_WHERE, k->declared->where);
        book_put_num(sh, r, CH_DECLARED, (double)k->declared->value, FMT_INT);
        book_put_formula_num(b, sh, r, CH_COMPUTED,
                             book_printf(b, "='%s'!%s", b->sheets[SH_SUMMARY].name,
                                         annex_figure_cell(b, k->figure->def->key)),
                             (double)k->figure->value);
        book_put_formula_num(b, sh, r, CH_DIFF,
                             book_printf(b, "=%s-%s", book_cell_ref(b, r, CH_COMPUTED),
                                         book_cell_ref(b, r, CH_DECLARED)),
                             (double)k->difference);
        book_put_formula_str(b, sh, r, CH_STATUS,
                             book_printf(b, "=IF(%s=0,\"" STATUS_OK "\",\"" STATUS_GAP "\")",
                                         book_cell_ref(b, r, CH_DIFF)),
                             k->difference ? STATUS_GAP : STATUS_OK);
    }
}

static const char *const ab_headers[AB__N] = { "Feuille", "Contenu", "Lignes" };

time_t annex_created_time(const pr_model *m, const pr_annex_opts *o)
{
    if (o && o->created)
        return o->created;
    return (time_t)pr_date_days_from_civil(m->report.year, 1, 1) * 86400;
}

/* "1er mai 2024": the creation date in French (UTC). */
static const char *created_text(annex_book *b)
{
    int year, month, day;
    pr_date_civil_from_days((long)(annex_created_time(b->m, b->o) / 86400), &year, &month, &day);
    return book_printf(b, "%d%s %s %d", day, day == 1 ? "er" : "", pr_date_month_name(month),
                       year);
}

/* À propos: what the annex is, where it comes from, how to read it, and the
 * list of sheets. */
void annex_build_about(annex_book *b)
{
    const pr_model *m = b->m;
    const pr_annex_opts *o = b->o;
    annex_sheet *sh = &b->sheets[SH_ABOUT];
    const char *net = m->network.name ? m->network.name : "Planif Territoires";
    book_put_fmt_str(b, sh, 0, 0, FMT_TITLE,
                     book_printf(b, "Annexe du rapport d'activités %d du réseau %s", b->year, net));
    unsigned r = 2;
    struct {
        const char *label, *text;
    } lines[] = {
        {"Objet", "Ce classeur réunit les données dont le rapport d'activités a été tiré, "
                  "un enregistrement par ligne, et recalcule par des formules les chiffres "
                  "clés publiés, pour qu'ils puissent être vérifiés."},
        {"Rapport", m->report.title},
        {"Fichier de données", o && o->data_file ? o->data_file : m->source_file},
        {"Outil", book_printf(b, "planif-rapport %s",
                              o && o->tool_version ? o->tool_version : PR_VERSION)},
        {"Produit le", created_text(b)},
        {"Éditeur", m->report.publisher},
        {"Contact", m->report.contact},
    };
    book_put_fmt_str(b, sh, r, 0, FMT_LABEL, "Année");
    book_put_num(sh, r, 1, b->year, FMT_INT_LEFT);
    r++;
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        if (!lines[i].text)
            continue;
        book_put_fmt_str(b, sh, r, 0, FMT_LABEL, lines[i].label);
        book_put_str(b, sh, r, 1, lines[i].text);
        r++;
    }
    r++;
    static const char *const guide[] = {
        "« Synthèse » : un chiffre clé par ligne, avec sa définition. La valeur est une "
        "formule qui le recalcule à partir des feuilles de données ; la colonne « Formule » "
        "la montre en clair.",
        "« Contrôles » : chaque chiffre publié dans le rapport face à la valeur recalculée, "
        "leur écart et un statut " STATUS_OK " ou " STATUS_GAP ".",
        "Feuilles de données : un enregistrement par ligne, un champ par colonne. Les "
        "identifiants (« Id », « Événement », « Chantier », « Élu ») relient les lignes d'une "
        "feuille à l'autre ; les colonnes « (clé) » donnent la valeur codée qu'utilisent les "
        "formules.",
        "Les dates connues au mois près sont enregistrées au premier jour du mois et "
        "affichées sous la forme « mars 2023 ».",
        "Corriger une valeur dans une feuille de données met à jour la synthèse et les "
        "contrôles. Pour ajouter un enregistrement, insérer une ligne à l'intérieur du "
        "tableau (et non sous sa dernière ligne) : les plages des formules s'étendent alors "
        "d'elles-mêmes.",
    };
    book_put_fmt_str(b, sh, r, 0, FMT_LABEL, "Comment lire");
    for (size_t i = 0; i < sizeof guide / sizeof *guide; i++, r++)
        book_put_str(b, sh, r, 1, guide[i]);
    r++;
    book_add_table(sh, sh->table_name, r, 0, ab_headers, AB__N, SH__N);
    for (int i = 0; i < SH__N; i++) {
        unsigned rr = r + 1 + (unsigned)i;
        book_put_str(b, sh, rr, AB_SHEET, b->sheets[i].name);
        book_put_str(b, sh, rr, AB_CONTENT, b->sheets[i].about);
        if (i >= SH_FIRST_DATA)
            book_put_num(sh, rr, AB_ROWS, (double)b->sheets[i].tables[0].n_records, FMT_INT);
    }
}

void annex_props_make(const annex_book *b, annex_props *p)
{
    const pr_model *m = b->m;
    const pr_annex_opts *o = b->o;
    memset(p, 0, sizeof *p);
    const char *net = m->network.name ? m->network.name : "Planif Territoires";
    p->title = pr_asprintf("Annexe du rapport d'activités %d", b->year);
    p->subject = pr_asprintf("Données et chiffres clés du réseau %s en %d", net, b->year);
    p->keywords = pr_asprintf("%s, rapport d'activités, %d, annexe, chiffres clés", net, b->year);
    p->comments = pr_asprintf("Produit par planif-rapport %s à partir de %s",
                              o && o->tool_version ? o->tool_version : PR_VERSION,
                              o && o->data_file ? o->data_file
                              : m->source_file  ? m->source_file
                                                : "?");
    if (m->report.ministry.n) {
        pr_strbuf sb = {0};
        for (size_t i = 0; i < m->report.ministry.n; i++)
            pr_sb_printf(&sb, "%s%s", i ? " " : "", m->report.ministry.items[i]);
        p->company = pr_sb_steal(&sb);
    }
    p->author = m->report.publisher ? m->report.publisher : "planif-rapport";
    p->created = annex_created_time(m, o);
}

void annex_props_free(annex_props *p)
{
    free(p->title);
    free(p->subject);
    free(p->keywords);
    free(p->comments);
    free(p->company);
    memset(p, 0, sizeof *p);
}
