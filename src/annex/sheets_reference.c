/* sheets_reference.c — Listes and Définitions (see sheets_reference.h). */
#include "annex/sheets_reference.h"

#include <assert.h>
#include <string.h>

#include "data/geo.h"

const char *const annex_li_headers[LI__N] = {"Clé", "Libellé"};
const char *const annex_gl_headers[GL__N] = {"Terme", "Définition"};

static const struct {
    const char *table;   /* Excel table name */
    const char *title;   /* the caption above it */
} lists[LIST__N] = {
    [LIST_EVENT_TYPES] = {"TypesEvenement", "Types d’événement (evenements[].type)"},
    [LIST_SESSION_TYPES] = {"TypesSession", "Types de session (sessions[].type)"},
    [LIST_MEETING_KINDS] = {"TypesReunion", "Types de réunion (gouvernance.reunions[].type)"},
    [LIST_STATUSES] = {"Statuts", "Statuts (chantiers, actions)"},
    [LIST_SCALES] = {"Echelles", "Échelles (reseaux_locaux[].echelle)"},
    [LIST_PRECISIONS] = {"Precisions", "Précisions d’un effectif ou d’un chiffre publié"},
    [LIST_DATE_PRECISIONS] = {"PrecisionsDate", "Précisions d’une date"},
    [LIST_YES_NO] = {"OuiNon", "Oui ou non"},
    [LIST_AXES] = {"Axes", "Axes de la feuille de route (numéro, titre court)"},
    [LIST_REGIONS] = {"Regions", "Régions (code officiel géographique)"},
};

const char *annex_list_table(annex_list l)
{
    return lists[l].table;
}

/* The number of entries of a list. */
static size_t list_size(const annex_book *b, annex_list l)
{
    switch (l) {
    case LIST_EVENT_TYPES: return PR_EVENT__COUNT;
    case LIST_SESSION_TYPES: return PR_SESSION__COUNT;
    case LIST_MEETING_KINDS: return PR_MEETING__COUNT;
    case LIST_STATUSES: return PR_STATUS__COUNT;
    case LIST_SCALES: return PR_SCALE__COUNT;
    case LIST_PRECISIONS: return PR_COUNT__PRECISIONS;
    case LIST_DATE_PRECISIONS: return 3;
    case LIST_YES_NO: return 2;
    case LIST_AXES: return b->m->network.n_axes;
    case LIST_REGIONS: return pr_geo_region_count();
    case LIST__N: break;
    }
    return 0;
}

/* Lists sit side by side from column A, one empty column between two. */
static unsigned list_col(annex_list l)
{
    return (unsigned)l * (LI__N + 1);
}

const char *annex_list_range(annex_book *b, annex_list l)
{
    char c[4];
    annex_col_letters(list_col(l) + LI_KEY, c);
    size_t n = list_size(b, l);
    /* header on row 2, keys from row 3 (one empty row when none) */
    return book_printf(b, "='%s'!$%s$3:$%s$%zu", b->sheets[SH_LISTS].name, c, c,
                       (size_t)2 + (n ? n : 1));
}

const char *annex_records_range(annex_book *b, annex_sheet_id id, unsigned col, size_t n_records)
{
    char c[4];
    annex_col_letters(col, c);
    return book_printf(b, "='%s'!$%s$3:$%s$%zu", b->sheets[id].name, c, c,
                       (size_t)2 + (n_records ? n_records : 1));
}

const char *annex_list_label(annex_book *b, annex_list l, const char *key_ref)
{
    return book_printf(b, "IFERROR(INDEX(%s,MATCH(%s,%s,0)),\"\")",
                       book_table_col(b, lists[l].table, annex_li_headers[LI_LABEL]), key_ref,
                       book_table_col(b, lists[l].table, annex_li_headers[LI_KEY]));
}

/* One list: its caption on row 1, its table from row 2. */
static void put_list(annex_book *b, annex_sheet *sh, annex_list l, const char *const *keys,
                     const char *const *labels)
{
    size_t n = list_size(b, l);
    unsigned col = list_col(l);
    book_put_fmt_str(b, sh, 0, col, FMT_LABEL, lists[l].title);
    if (l == LIST_EVENT_TYPES) {
        sh->tables[0].n_records = n;   /* the main table, started by the caller */
    } else {
        book_add_table(sh, lists[l].table, 1, col, annex_li_headers, LI__N, n);
    }
    for (size_t i = 0; i < n && keys; i++) {
        book_put_str(b, sh, 2 + (unsigned)i, col + LI_KEY, keys[i]);
        book_put_str(b, sh, 2 + (unsigned)i, col + LI_LABEL, labels[i]);
    }
}

void annex_build_lists(annex_book *b)
{
    const pr_model *m = b->m;
    annex_sheet *sh = &b->sheets[SH_LISTS];
    book_add_table(sh, lists[LIST_EVENT_TYPES].table, 1, 0, annex_li_headers, LI__N, 0);
    sh->header_row = 1;
    sh->has_table = 1;
    sh->source = "Source : les listes de valeurs de planif-rapport (data/README.md, partie 5) ; "
                 "les colonnes « (clé) » n’admettent que ces clés.";
    /* its caption row is row 1: the source line goes below the lists */
    const char *ev_labels[PR_EVENT__COUNT], *se_labels[PR_SESSION__COUNT],
        *mk_labels[PR_MEETING__COUNT], *st_labels[PR_STATUS__COUNT],
        *sc_labels[PR_SCALE__COUNT], *pr_labels[PR_COUNT__PRECISIONS];
    for (int i = 0; i < PR_EVENT__COUNT; i++)
        ev_labels[i] = pr_event_type_label((pr_event_type)i);
    for (int i = 0; i < PR_SESSION__COUNT; i++)
        se_labels[i] = pr_session_type_label((pr_session_type)i);
    for (int i = 0; i < PR_MEETING__COUNT; i++)
        mk_labels[i] = pr_meeting_kind_label((pr_meeting_kind)i);
    for (int i = 0; i < PR_STATUS__COUNT; i++)
        st_labels[i] = pr_status_label((pr_status)i);
    for (int i = 0; i < PR_SCALE__COUNT; i++)
        sc_labels[i] = pr_scale_label((pr_scale)i);
    /* precisions are shown as words (the cells hold "plus de", not plus_de) */
    static const char *const pr_means[PR_COUNT__PRECISIONS] = {
        "la valeur exacte", "une valeur approchée (« près de », « une soixantaine »)",
        "un minimum (« plus de »)",
    };
    const char *pr_keys[PR_COUNT__PRECISIONS];
    for (int i = 0; i < PR_COUNT__PRECISIONS; i++) {
        pr_keys[i] = pr_count_precision_label((pr_count_precision)i);
        pr_labels[i] = pr_means[i];
    }
    static const char *const date_keys[] = {"jour", "mois", "année"};
    static const char *const date_labels[] = {"date connue au jour près",
                                              "connue au mois près (1er du mois)",
                                              "connue à l’année près (1er janvier)"};
    static const char *const yes_no[] = {"oui", "non"};
    static const char *const yes_no_labels[] = {"oui", "non"};
    put_list(b, sh, LIST_EVENT_TYPES, pr_event_type_keys, ev_labels);
    put_list(b, sh, LIST_SESSION_TYPES, pr_session_type_keys, se_labels);
    put_list(b, sh, LIST_MEETING_KINDS, pr_meeting_kind_keys, mk_labels);
    put_list(b, sh, LIST_STATUSES, pr_status_keys, st_labels);
    put_list(b, sh, LIST_SCALES, pr_scale_keys, sc_labels);
    put_list(b, sh, LIST_PRECISIONS, pr_keys, pr_labels);
    put_list(b, sh, LIST_DATE_PRECISIONS, date_keys, date_labels);
    put_list(b, sh, LIST_YES_NO, yes_no, yes_no_labels);
    /* axes: numbers as numbers (Chantiers' Axe column holds numbers) */
    put_list(b, sh, LIST_AXES, NULL, NULL);
    for (size_t i = 0; i < m->network.n_axes; i++) {
        unsigned col = list_col(LIST_AXES);
        book_put_num(sh, 2 + (unsigned)i, col + LI_KEY, m->network.axes[i].number, FMT_INT);
        book_put_str(b, sh, 2 + (unsigned)i, col + LI_LABEL, m->network.axes[i].short_title);
    }
    put_list(b, sh, LIST_REGIONS, NULL, NULL);
    for (size_t i = 0; i < pr_geo_region_count(); i++) {
        const pr_region *r = pr_geo_region_at(i);
        unsigned col = list_col(LIST_REGIONS);
        book_put_str(b, sh, 2 + (unsigned)i, col + LI_KEY, r->code);
        book_put_str(b, sh, 2 + (unsigned)i, col + LI_LABEL, r->name);
    }
    size_t longest = 0;
    for (int l = 0; l < LIST__N; l++)
        if (list_size(b, (annex_list)l) > longest)
            longest = list_size(b, (annex_list)l);
    book_put_fmt_str(b, sh, 3 + (unsigned)longest, 0, FMT_NOTE, sh->source);
}

/* The glossary: the terms the definitions use, in the order met. */
static const char *const glossary[][2] = {
    {"Année du rapport", "L’année que couvre le rapport (rapport.annee) : un enregistrement "
                         "compte quand l’année de sa date est celle-ci."},
    {"Saisie", "Une valeur recopiée du fichier de données (cellules blanches). La corriger ici "
               "recalcule le classeur, mais ne corrige pas le fichier : voir À propos."},
    {"Calculé", "Une valeur que donne une formule à partir des valeurs saisies (cellules "
                "grisées, en-têtes bleu-gris) : ne pas la saisir."},
    {"Événement organisé par le réseau", "Un événement sans organisateur renseigné ; un stand "
                                         "sur le congrès d’un autre organisme ou une journée "
                                         "organisée par un partenaire n’en sont pas."},
    {"Participation", "La présence d’une personne à un événement : qui vient à trois "
                      "événements fait trois participations."},
    {"Personne distincte", "Une personne comptée une seule fois, quel que soit le nombre de ses "
                           "participations ; on ne les compte que là où les données "
                           "l’identifient : un élu par son identifiant, un intervenant par son "
                           "prénom et son nom (ou son organisme)."},
    {"Effectif déclaré", "Le nombre de participants que les données donnent pour un événement "
                         "(participants)."},
    {"Effectif exact", "Un effectif déclaré sans précision ou « exact »."},
    {"Effectif approché", "Un effectif déclaré « environ » ou « plus de » : il compte pour sa "
                          "valeur, et le total qui l’inclut est approché."},
    {"Effectif inconnu", "Un événement sans effectif déclaré : il est laissé de côté, et non "
                         "compté pour zéro ; les totaux disent combien ils en laissent."},
    {"Chantier en cours", "Un chantier dont le statut pour l’année est « en cours »."},
    {"Chantier terminé dans l’année", "Un chantier dont le statut pour l’année est « terminé » "
                                      "alors qu’il ne l’était pas l’année précédente."},
    {"Réunion de gouvernance", "Une réunion d’une instance du réseau ; son type dit laquelle : "
                               "comité de pilotage, comité technique ou autre instance."},
    {"Réseau local actif", "Un réseau local dont Actif vaut « oui » (actif par défaut)."},
    {"Département couvert", "Un département nommé par un réseau local actif, ou dont la région "
                            "est nommée par un réseau local actif régional."},
    {"Chiffre déclaré", "Un chiffre déjà publié, recopié dans les données (chiffres_declares) "
                        "pour être comparé au chiffre calculé."},
    {"Concorde", "Le chiffre publié est égal au chiffre calculé ; « plus de N » concorde si le "
                 "chiffre calculé vaut au moins N ; « environ N » s’il en est à 10 % près."},
    {"Diffère", "Le chiffre publié ne concorde pas : « publié trop haut » s’il dépasse le chiffre "
                "calculé, « publié trop bas » sinon ; la colonne Explication dit pourquoi quand "
                "les données le disent."},
};

void annex_build_glossary(annex_book *b)
{
    size_t n = sizeof glossary / sizeof *glossary;
    annex_sheet *sh = book_start_table(
        b, SH_GLOSSARY,
        "Source : planif-rapport ; les définitions des chiffres sont dans Synthèse, celles "
        "des champs dans data/README.md.",
        annex_gl_headers, GL__N, n);
    for (size_t i = 0; i < n; i++) {
        unsigned r = annex_row(sh, i);
        book_put_fmt_str(b, sh, r, GL_TERM, FMT_LABEL, glossary[i][0]);
        book_put_str(b, sh, r, GL_DEFINITION, glossary[i][1]);
    }
    assert(n);
}
