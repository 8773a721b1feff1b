/* sheets_summary.c — Synthèse, Contrôles and À propos (see sheets_summary.h). */
#include "annex/sheets_summary.h"

#include <stdlib.h>
#include <string.h>

#include "annex/formulas.h"
#include "annex/sheets_events.h"
#include "annex/sheets_reference.h"
#include "base/date.h"

const char *const annex_sy_headers[SY__N] = {
    "Id", "Libellé", "Valeur", "Unité", "Effectifs approchés", "Effectifs inconnus", "Définition",
    "Lignes comptées", "Feuille", "Formule",
};
static const char *const mo_headers[MO__N] = {
    "Mois", "Événements", "Participations déclarées", "Événements sans effectif",
};
const char *const annex_ch_headers[CH__N] = {
    "Chiffre", "Libellé", "Publié dans", "Emplacement", "Texte publié", "Forme",
    "Valeur publiée", "Valeur calculée", "Écart", "Règle", "Statut", "Explication",
};
const char *const annex_ab_headers[AB__N] = {"Feuille", "Contenu", "Lignes"};

/* "1er mai 2024": a day in French (UTC). */
static const char *day_text(annex_book *b, time_t t)
{
    int year, month, day;
    pr_date_civil_from_days((long)(t / 86400), &year, &month, &day);
    return book_printf(b, "%d%s %s %d", day, day == 1 ? "er" : "", pr_date_month_name(month),
                       year);
}

/* "mai 2024" or "7 mai 2024": a date of the data. */
static const char *date_text(annex_book *b, pr_date d)
{
    if (d.prec == PR_DATE_NONE)
        return NULL;
    if (d.prec == PR_DATE_YEAR)
        return book_printf(b, "%d", d.year);
    if (d.prec == PR_DATE_MONTH)
        return book_printf(b, "%s %d", pr_date_month_name(d.month), d.year);
    return book_printf(b, "%d%s %s %d", d.day, d.day == 1 ? "er" : "",
                       pr_date_month_name(d.month), d.year);
}

/* Synthèse: the key figures, then events and participations per month for
 * the chart. */
void annex_build_summary(annex_book *b)
{
    const pr_figures *f = b->f;
    const pr_model *m = b->m;
    annex_sheet *sh = book_start_table(
        b, SH_SUMMARY,
        book_printf(b, "Chaque valeur est une formule qui recompte les lignes des feuilles de "
                       "données (colonne Lignes comptées) ; la colonne Formule la montre en "
                       "clair. Source : %s.", b->src.name),
        annex_sy_headers, SY__N, f->n);
    annex_table *t = &sh->tables[0];
    t->computed[SY_VALUE] = t->computed[SY_APPROX] = t->computed[SY_UNKNOWN] = 1;
    b->formulas = pr_arena_alloc(&b->arena, (f->n ? f->n : 1) * sizeof *b->formulas);
    for (size_t i = 0; i < f->n; i++) {
        const pr_figure *fig = &f->items[i];
        pr_figure_id key = fig->def->key;
        unsigned r = annex_row(sh, i);
        const char *formula = annex_figure_formula(b, key);
        b->formulas[i] = formula;
        book_put_str(b, sh, r, SY_ID, fig->def->id);
        book_put_str(b, sh, r, SY_LABEL, fig->def->label);
        book_put_formula_num(b, sh, r, SY_VALUE, formula, (double)fig->value);
        book_put_str(b, sh, r, SY_UNIT, fig->def->unit);
        const char *approx = annex_figure_approx_formula(b, key);
        if (approx) {
            book_put_formula_num(b, sh, r, SY_APPROX, approx, (double)f->n_approx[key]);
            book_put_formula_num(b, sh, r, SY_UNKNOWN, annex_figure_unknown_formula(b, key),
                                 (double)f->n_unknown[key]);
        }
        book_put_str(b, sh, r, SY_DEFINITION, fig->def->definition);
        book_put_str(b, sh, r, SY_ROWS, annex_figure_rows(b, key));
        annex_sheet_id src = annex_sheet_of_records(fig->def->records);
        book_put_link(b, sh, r, SY_SHEET, b->sheets[src].name, src);
        /* shown without its '=' so that no tool reads it back as a formula */
        book_put_str(b, sh, r, SY_FORMULA, formula + 1);
    }

    /* events and participations per month of the year, and their chart */
    unsigned top = annex_row(sh, f->n ? f->n : 1) + 2;
    annex_table *mt = book_add_table(sh, "ParticipationsParMois", top, 0, mo_headers, MO__N, 12);
    mt->computed[MO_EVENTS] = mt->computed[MO_PARTICIPANTS] = mt->computed[MO_UNKNOWN] = 1;
    book_put_fmt_str(b, sh, top - 1, 0, FMT_LABEL,
                     book_printf(b, "Événements et participations déclarées par mois en %d", b->year));
    const char *dates = book_col(b, SH_EVENTS, EV_DATE);
    const char *parts = book_col(b, SH_EVENTS, EV_PARTICIPANTS);
    const char *eff = book_col(b, SH_EVENTS, EV_ATTENDANCE);
    double *values = pr_arena_alloc(&b->arena, 12 * sizeof *values);
    pr_strbuf alt = {0};
    pr_sb_printf(&alt, "Histogramme des participations déclarées aux événements de %d, par mois :",
                 b->year);
    for (int mo = 1; mo <= 12; mo++) {
        unsigned r = top + (unsigned)mo;
        long n = 0, p = 0, unknown = 0;
        for (size_t i = 0; i < m->n_events; i++) {
            const pr_event *e = &m->events[i];
            if (e->date.prec != PR_DATE_NONE && e->date.year == b->year && e->date.month == mo) {
                n++;
                if (e->participants.known)
                    p += e->participants.value;
                else
                    unknown++;
            }
        }
        const char *window = book_printf(b, "%s,\">=\"&DATE(%d,%d,1),%s,\"<\"&DATE(%d,%d,1)",
                                         dates, b->year, mo, dates, b->year, mo + 1);
        book_put_str(b, sh, r, MO_MONTH, book_printf(b, "%s %d", pr_date_month_name(mo), b->year));
        book_put_formula_num(b, sh, r, MO_EVENTS, book_printf(b, "=COUNTIFS(%s)", window),
                             (double)n);
        book_put_formula_num(b, sh, r, MO_PARTICIPANTS,
                             book_printf(b, "=SUMIFS(%s,%s)", parts, window), (double)p);
        book_put_formula_num(b, sh, r, MO_UNKNOWN,
                             book_printf(b, "=COUNTIFS(%s,%s,\"%s\")", window, eff,
                                         pr_attendance_label(PR_ATTENDANCE_UNKNOWN)),
                             (double)unknown);
        values[mo - 1] = (double)p;
        pr_sb_printf(&alt, "%s %s %ld", mo > 1 ? "," : "", pr_date_month_name(mo), p);
    }
    pr_sb_puts(&alt, ". Les événements sans effectif déclaré ne sont pas comptés.");
    sh->chart.present = 1;
    sh->chart.row = top + 14;
    sh->chart.col = 0;
    sh->chart.cat_col = MO_MONTH;
    sh->chart.val_col = MO_PARTICIPANTS;
    sh->chart.n = 12;
    sh->chart.title = "Participations déclarées aux événements, par mois";
    sh->chart.series = mo_headers[MO_PARTICIPANTS];
    sh->chart.y_axis = "Participations déclarées";
    sh->chart.alt_text = pr_arena_strdup(&b->arena, alt.data);
    sh->chart.values = values;
    pr_sb_free(&alt);
}

/* Contrôles: each declared figure, the value recomputed on Synthèse (by
 * figure id), the difference, the rule, the status and the explanation. */
void annex_build_checks(annex_book *b)
{
    const pr_checks *c = b->c;
    size_t n = c ? c->n : 0;
    annex_sheet *sh = book_start_table(
        b, SH_CHECKS,
        book_printf(b, "Source : %s, liste « chiffres_declares » : les chiffres déjà publiés. "
                       "« Plus de N » concorde si la valeur calculée vaut au moins N, « environ "
                       "N » si elle en est à %d %% près.", b->src.name, PR_CHECK_MARGIN_PCT),
        annex_ch_headers, CH__N, n);
    annex_table *t = &sh->tables[0];
    if (n) {
        const char *id = book_this(b, SH_CHECKS, CH_ID);
        const char *prec = book_this(b, SH_CHECKS, CH_PREC);
        const char *declared = book_this(b, SH_CHECKS, CH_DECLARED);
        const char *diff = book_this(b, SH_CHECKS, CH_DIFF);
        const char *about = pr_count_precision_label(PR_COUNT_ABOUT);
        const char *at_least = pr_count_precision_label(PR_COUNT_AT_LEAST);
        book_set_formula(b, t, CH_LABEL, FMT_TEXT,
                         book_printf(b, "=IFERROR(INDEX(%s,MATCH(%s,%s,0)),\"\")",
                                     book_col(b, SH_SUMMARY, SY_LABEL), id,
                                     book_col(b, SH_SUMMARY, SY_ID)));
        book_set_formula(b, t, CH_COMPUTED, FMT_INT,
                         book_printf(b, "=IFERROR(INDEX(%s,MATCH(%s,%s,0)),\"\")",
                                     book_col(b, SH_SUMMARY, SY_VALUE), id,
                                     book_col(b, SH_SUMMARY, SY_ID)));
        book_set_formula(b, t, CH_DIFF, FMT_INT,
                         book_printf(b, "=%s-%s", book_this(b, SH_CHECKS, CH_COMPUTED), declared));
        book_set_formula(b, t, CH_RULE, FMT_TEXT,
                         book_printf(b, "=IF(%s=\"%s\",\"au moins la valeur publiée\",IF(%s=\"%s\","
                                        "\"à %d %% près de la valeur publiée\",\"égale à la valeur "
                                        "publiée\"))",
                                     prec, at_least, prec, about, PR_CHECK_MARGIN_PCT));
        book_set_formula(
            b, t, CH_STATUS, FMT_TEXT,
            book_printf(b, "=IF(%s=0,\"%s\",IF(AND(%s=\"%s\",%s>0),\"%s\",IF(AND(%s=\"%s\","
                           "ABS(%s)*100<=%s*%d),\"%s\",IF(%s<0,\"%s\",\"%s\"))))",
                        diff, pr_check_status_label(PR_CHECK_EQUAL), prec, at_least, diff,
                        pr_check_status_label(PR_CHECK_AT_LEAST), prec, about, diff, declared,
                        PR_CHECK_MARGIN_PCT, pr_check_status_label(PR_CHECK_ABOUT), diff,
                        pr_check_status_label(PR_CHECK_TOO_HIGH),
                        pr_check_status_label(PR_CHECK_TOO_LOW)));
    }
    t->validations[CH_ID] = annex_records_range(b, SH_SUMMARY, SY_ID, b->f->n);
    t->validations[CH_PREC] = annex_list_range(b, LIST_PRECISIONS);
    sh->status.col = CH_STATUS;
    sh->status.first = annex_row(sh, 0);
    sh->status.last = annex_row(sh, n ? n - 1 : 0);
    sh->status.ok = "Concorde";
    sh->status.gap = "Diffère";
    for (size_t i = 0; i < n; i++) {
        const pr_check *k = &c->items[i];
        const pr_declared *d = k->declared;
        unsigned r = annex_row(sh, i);
        book_put_str(b, sh, r, CH_ID, d->figure);
        book_put_calc_str(b, sh, r, CH_LABEL, k->figure->def->label);
        book_put_str(b, sh, r, CH_PUBLISHED_IN, d->published_in);
        book_put_str(b, sh, r, CH_WHERE, d->where);
        book_put_str(b, sh, r, CH_PRINTED, d->as_printed);
        book_put_str(b, sh, r, CH_PREC, pr_count_precision_label(d->prec));
        book_put_num(sh, r, CH_DECLARED, (double)d->value, FMT_INT);
        book_put_calc_num(sh, r, CH_COMPUTED, (double)k->figure->value);
        book_put_calc_num(sh, r, CH_DIFF, (double)k->difference);
        book_put_calc_str(b, sh, r, CH_RULE,
                          d->prec == PR_COUNT_AT_LEAST ? "au moins la valeur publiée"
                          : d->prec == PR_COUNT_ABOUT
                              ? book_printf(b, "à %d %% près de la valeur publiée",
                                            PR_CHECK_MARGIN_PCT)
                              : "égale à la valeur publiée");
        book_put_calc_str(b, sh, r, CH_STATUS, pr_check_status_label(k->status));
        book_put_str(b, sh, r, CH_EXPLANATION, d->explanation);
    }
}

/* The definitions this version of the annex corrected, for the revision
 * notes (the previous annex counted otherwise). */
static const char *const revisions[] = {
    "personnes_mobilisees : désormais les seules participations déclarées ; un événement sans "
    "effectif déclaré est laissé de côté (il était remplacé par les personnes que les données "
    "nomment), et les chiffres evenements_effectif_approche et evenements_effectif_inconnu "
    "disent combien d’effectifs le total approche ou laisse de côté.",
    "reunions_copil : les seules réunions du comité de pilotage (il comptait toutes les réunions "
    "de gouvernance, désormais reunions_gouvernance ; le comité technique : "
    "reunions_comite_technique).",
    "chantiers_actifs : les chantiers en cours ou terminés dans l’année, comptés aussi à part "
    "(chantiers_en_cours, chantiers_termines) ; un chantier déjà terminé l’année précédente "
    "n’en est plus.",
    "Nouveaux chiffres : evenements_organises (les événements que le réseau a organisés, parmi "
    "tous les événements de l’année), participations_ateliers_elus et interventions_rencontre "
    "(les participations, à côté des personnes distinctes elus_engages et "
    "intervenants_rencontre).",
    "rencontre_nationale_edition : la rencontre la plus récente par sa date (et non par sa place "
    "dans le fichier).",
    "Identité d’un intervenant : majuscules et minuscules confondues pour toutes les lettres, "
    "accentuées comprises (« Été » et « été » sont le même organisme).",
    "Contrôles : « plus de » et « environ » comparés comme tels ; statuts en toutes lettres ; "
    "publication d’origine et explication d’un écart lues dans les données.",
};

/* À propos: what the annex is, where it comes from, how to read it and how
 * a correction reaches the report, revision notes, the list of sheets. */
void annex_build_about(annex_book *b)
{
    const pr_model *m = b->m;
    const pr_annex_opts *o = b->o;
    annex_sheet *sh = &b->sheets[SH_ABOUT];
    const char *net = m->network.name ? m->network.name : "Planif Territoires";
    const char *tool = o && o->tool_version ? o->tool_version : PR_VERSION;
    book_put_fmt_str(b, sh, 0, 0, FMT_TITLE,
                     book_printf(b, "Annexe du rapport d'activités %d du réseau %s", b->year, net));
    unsigned r = 2;
    book_put_fmt_str(b, sh, r++, 0, FMT_LABEL, "Fiche descriptive");
    book_put_fmt_str(b, sh, r, 0, FMT_LABEL, "Année");
    book_put_num(sh, r++, 1, b->year, FMT_INT_LEFT);
    struct {
        const char *label, *text;
        annex_fmt fmt;
    } lines[] = {
        {"Titre", book_printf(b, "Annexe du rapport d'activités %d : données et chiffres clés du "
                                 "réseau %s", b->year, net), FMT_TEXT},
        {"Période couverte", book_printf(b, "du 1er janvier au 31 décembre %d", b->year), FMT_TEXT},
        {"Producteur", m->report.publisher, FMT_TEXT},
        {"Contact", m->report.contact, FMT_TEXT},
        {"Site", m->report.website, FMT_TEXT},
        {"Licence", m->report.licence ? m->report.licence : PR_DEFAULT_LICENCE, FMT_TEXT},
        {"Fichier de données", b->src.name, FMT_TEXT},
        {"Empreinte SHA-256 du fichier", b->src.sha256[0] ? b->src.sha256 : NULL, FMT_CODE},
        {"Publication du rapport", date_text(b, m->report.published), FMT_TEXT},
        {"Date de production", day_text(b, b->src.produced), FMT_TEXT},
        {"Date de production d’après", b->src.produced_how, FMT_TEXT},
        {"Outil", book_printf(b, "planif-rapport %s", tool), FMT_TEXT},
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        if (!lines[i].text)
            continue;
        book_put_fmt_str(b, sh, r, 0, FMT_LABEL, lines[i].label);
        book_put_fmt_str(b, sh, r, 1, lines[i].fmt, lines[i].text);
        r++;
    }
    r++;
    book_put_fmt_str(b, sh, r++, 0, FMT_LABEL, "Source de vérité");
    const char *truth[] = {
        book_printf(b, "Le fichier de données (%s) est la source de vérité : ce classeur en est "
                       "tiré à chaque production du rapport et n’y retourne pas. Une valeur "
                       "corrigée ici recalcule les chiffres du classeur, mais ne change ni le "
                       "fichier de données ni le rapport.", b->src.name),
        "Pour qu’une correction trouvée ici rejoigne le prochain rapport : 1) reportez-la dans le "
        "fichier de données, à la liste et au champ que nomment la ligne 1 de la feuille et le "
        "titre de la colonne (le format est décrit dans data/README.md) ; 2) vérifiez le fichier "
        "avec « planif-rapport --check » ; 3) produisez de nouveau le rapport et l’annexe ; "
        "4) si la correction change un chiffre déjà publié, déclarez ce chiffre dans "
        "chiffres_declares, avec publie_dans et explication : il figurera dans Contrôles et "
        "dans la note des chiffres corrigés du rapport.",
    };
    for (size_t i = 0; i < sizeof truth / sizeof *truth; i++)
        book_put_str(b, sh, r++, 1, truth[i]);
    r++;
    book_put_fmt_str(b, sh, r++, 0, FMT_LABEL, "Comment lire");
    book_put_styled(b, sh, r, 0, "Saisie", 0);
    book_put_str(b, sh, r++, 1,
                 "Cellule blanche sous un en-tête bleu foncé : une valeur du fichier de données.");
    book_put_styled(b, sh, r, 0, "Calculé", 1);
    book_put_str(b, sh, r++, 1,
                 "Cellule grisée sous un en-tête bleu-gris : une formule, la même sur toute la "
                 "colonne ; ne pas la saisir.");
    static const char *const guide[] = {
        "« Synthèse » : un chiffre clé par ligne, avec son unité, sa définition et les lignes "
        "qu’il compte. La valeur est une formule qui le recalcule à partir des feuilles de "
        "données ; la colonne « Formule » la montre en clair. Les totaux de participants disent "
        "combien d’effectifs ils approchent et laissent de côté.",
        "« Contrôles » : chaque chiffre déjà publié face à la valeur recalculée, cherchée par "
        "l’identifiant du chiffre ; le statut dit en toutes lettres s’il concorde.",
        "« Évolution » : les chiffres clés par année. L’année du rapport est recalculée (cherchée "
        "dans Synthèse par l’identifiant du chiffre) ; les années précédentes sont saisies, avec "
        "leur source (fichier de données ou chiffre publié) dans le tableau « Sources des "
        "années ». L’écart et l’évolution se comparent à la dernière année précédente connue ; "
        "« non comparable » : la définition du chiffre a changé entre les deux années, l’écart "
        "reste vide et la colonne « Motif » dit pourquoi.",
        "Feuilles de données : un enregistrement par ligne, un champ par colonne. Les "
        "identifiants (« Id », « Événement », « Chantier », « Élu ») relient les lignes d’une "
        "feuille à l’autre ; les colonnes « (clé) » n’admettent que les codes de la feuille "
        "Listes. Trier ou filtrer un tableau ne change aucun chiffre.",
        "Les dates connues au mois près sont enregistrées au premier jour du mois et affichées "
        "sous la forme « mars 2023 ». Un effectif vide est inconnu, et non zéro.",
        "Ajouter un enregistrement : dans Excel, tapez-le sous le tableau ou insérez une ligne "
        "dans le tableau : les colonnes calculées se remplissent d’elles-mêmes. Dans "
        "LibreOffice, insérez une ligne à l’intérieur du tableau, copiez-y une ligne voisine, "
        "puis corrigez ses cellules blanches : les formules des cellules grisées suivent.",
    };
    for (size_t i = 0; i < sizeof guide / sizeof *guide; i++)
        book_put_str(b, sh, r++, 1, guide[i]);
    r++;
    book_put_fmt_str(b, sh, r++, 0, FMT_LABEL, "Notes de révision");
    book_put_str(b, sh, r++, 1,
                 book_printf(b, "Version produite par planif-rapport %s le %s. Définitions "
                                "corrigées depuis l’annexe précédente :",
                             tool, day_text(b, b->src.produced)));
    for (size_t i = 0; i < sizeof revisions / sizeof *revisions; i++)
        book_put_str(b, sh, r++, 1, book_printf(b, "– %s", revisions[i]));
    size_t corrected = 0;
    for (size_t i = 0; b->c && i < b->c->n; i++) {
        const pr_check *k = &b->c->items[i];
        if (!pr_check_differs(k->status))
            continue;
        if (!corrected++)
            book_put_str(b, sh, r++, 1, "Chiffres déjà publiés que les données corrigent "
                                        "(détail dans Contrôles) :");
        const pr_declared *d = k->declared;
        pr_strbuf sb = {0};
        pr_sb_printf(&sb, "– %s : « %s »", d->figure, d->as_printed);
        if (d->published_in || d->where)
            pr_sb_printf(&sb, " (%s%s%s)", d->published_in ? d->published_in : "",
                         d->published_in && d->where ? ", " : "", d->where ? d->where : "");
        pr_sb_printf(&sb, " : %s%ld publié, %ld d’après les données.",
                     d->prec == PR_COUNT_AT_LEAST ? "plus de "
                     : d->prec == PR_COUNT_ABOUT  ? "environ "
                                                  : "",
                     d->value, k->figure->value);
        book_put_str(b, sh, r++, 1, sb.data);
        pr_sb_free(&sb);
    }
    r++;
    book_put_fmt_str(b, sh, r, 0, FMT_LABEL, "Les feuilles");
    annex_table *t = book_add_table(sh, sh->table_name, r + 1, 0, annex_ab_headers, AB__N, SH__N);
    t->computed[AB_ROWS] = 1;
    sh->header_row = r + 1;
    for (int i = 0; i < SH__N; i++) {
        unsigned rr = r + 2 + (unsigned)i;
        const annex_sheet *s = &b->sheets[i];
        book_put_link(b, sh, rr, AB_SHEET, s->name, (annex_sheet_id)i);
        book_put_str(b, sh, rr, AB_CONTENT, s->about);
        if ((i >= SH_FIRST_DATA && i <= SH_LAST_DATA) || i == SH_SUMMARY || i == SH_CHECKS ||
            i == SH_EVOLUTION || i == SH_GLOSSARY)
            book_put_formula_num(b, sh, rr, AB_ROWS,
                                 book_printf(b, "=COUNTA(%s)",
                                             book_col(b, (annex_sheet_id)i, 0)),
                                 (double)s->tables[0].n_records);
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
    const char *tool = o && o->tool_version ? o->tool_version : PR_VERSION;
    const char *licence = m->report.licence ? m->report.licence : PR_DEFAULT_LICENCE;
    if (b->src.sha256[0])
        p->comments = pr_asprintf("Produit par planif-rapport %s à partir de %s (SHA-256 %s) ; "
                                  "licence : %s", tool, b->src.name, b->src.sha256, licence);
    else
        p->comments = pr_asprintf("Produit par planif-rapport %s à partir de %s ; licence : %s",
                                  tool, b->src.name, licence);
    if (m->report.ministry.n) {
        pr_strbuf sb = {0};
        for (size_t i = 0; i < m->report.ministry.n; i++)
            pr_sb_printf(&sb, "%s%s", i ? " " : "", m->report.ministry.items[i]);
        p->company = pr_sb_steal(&sb);
    }
    p->author = m->report.publisher ? m->report.publisher : "planif-rapport";
    p->created = b->src.produced;
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
