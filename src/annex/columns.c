/* columns.c — the annex's record sheets described with the model's field
 * paths (see columns.h). */
#include "annex/columns.h"

#include "annex/sheets_events.h"
#include "annex/sheets_organisation.h"
#include "annex/sheets_summary.h"
#include "annex/sheets_territory.h"

static const char *const checks[CH__N] = {
    [CH_ID] = "chiffre", [CH_LABEL] = "", [CH_PUBLISHED_IN] = "publie_dans",
    [CH_WHERE] = "source", [CH_PRINTED] = "libelle", [CH_PREC] = "precision",
    [CH_DECLARED] = "valeur", [CH_COMPUTED] = "", [CH_DIFF] = "", [CH_RULE] = "",
    [CH_STATUS] = "", [CH_EXPLANATION] = "explication",
};

static const char *const events[EV__N] = {
    [EV_ID] = "id", [EV_DATE] = "date", [EV_PREC] = "date", [EV_YEAR] = "annee",
    [EV_TYPE_KEY] = "type", [EV_TYPE] = "type", [EV_ORGANISER] = "organisateur",
    [EV_ORGANISED] = "", [EV_TITLE] = "titre", [EV_THEME] = "theme",
    [EV_EDITION] = "edition", [EV_PLACE] = "lieu", [EV_CITY] = "ville",
    [EV_POSTCODE] = "code_postal", [EV_PARTICIPANTS] = "participants",
    [EV_PART_PREC] = "participants.precision", [EV_ATTENDANCE] = "", [EV_SESSIONS] = "",
    [EV_SPEAKERS] = "", [EV_N_OFFICIALS] = "", [EV_WORKSTREAM] = "chantier",
    [EV_INTERVIEWS] = "interviews", [EV_TOPICS] = "thematiques", [EV_SUMMARY] = "resume",
};

static const char *const sessions[SE__N] = {
    [SE_EVENT] = "evenements[].id", [SE_NUMBER] = "", [SE_TYPE_KEY] = "type",
    [SE_TYPE] = "type", [SE_TITLE] = "titre", [SE_PARTICIPANTS] = "participants",
    [SE_PART_PREC] = "participants.precision", [SE_SPEAKERS] = "",
    [SE_EVENT_TYPE] = "evenements[].type", [SE_YEAR] = "evenements[].annee", [SE_TEXT] = "texte",
};

static const char *const speakers[SP__N] = {
    [SP_EVENT] = "evenements[].id", [SP_SESSION] = "", [SP_FIRST] = "prenom", [SP_LAST] = "nom",
    [SP_ROLE] = "role", [SP_ORG] = "organisation", [SP_KEY] = "",
    [SP_EVENT_TYPE] = "evenements[].type", [SP_YEAR] = "evenements[].annee", [SP_MENTIONS] = "",
};

static const char *const presences[PRS__N] = {
    [PRS_EVENT] = "evenements[].id", [PRS_OFFICIAL] = ".",
    [PRS_EVENT_TYPE] = "evenements[].type",
    [PRS_YEAR] = "evenements[].annee",
};

static const char *const workstreams[WS__N] = {
    [WS_ID] = "id", [WS_AXIS] = "axe", [WS_AXIS_TITLE] = "reseau.feuille_de_route.axes[].titre_court",
    [WS_TITLE] = "titre", [WS_STATUS_PREV_KEY] = "statut", [WS_STATUS_KEY] = "statut_annee",
    [WS_STATUS] = "statut_annee", [WS_IN_YEAR] = "", [WS_STATUSES] = "statut",
    [WS_GROUP] = "groupe.nom", [WS_GROUP_MEMBERS] = "groupe.membres", [WS_ACTIONS] = "",
    [WS_DELIVERABLES] = "livrables", [WS_SUMMARY] = "resume",
};

static const char *const actions[AC__N] = {
    [AC_WORKSTREAM] = "chantiers[].id", [AC_NUMBER] = "", [AC_TITLE] = "titre",
    [AC_STATUS_KEY] = "statut", [AC_STATUS] = "statut", [AC_DATE] = "date",
    [AC_ACTORS] = "acteurs", [AC_EVENT] = "evenement", [AC_TEXT] = "texte",
};

static const char *const officials[OF__N] = {
    [OF_ID] = "id", [OF_FIRST] = "prenom", [OF_LAST] = "nom", [OF_MANDATES] = "mandats",
    [OF_COMMUNE] = "commune", [OF_DEPT] = "departement", [OF_DEPT_NAME] = "departement",
    [OF_REGION] = "departement", [OF_WORKSTREAM] = "chantier", [OF_LAT] = "coordonnees.lat",
    [OF_LON] = "coordonnees.lon", [OF_WORKSHOPS] = "",
};

static const char *const networks[LN__N] = {
    [LN_ID] = "id", [LN_NAME] = "nom", [LN_SCALE_KEY] = "echelle", [LN_SCALE] = "echelle",
    [LN_REGIONS] = "regions", [LN_DEPTS] = "departements",
    [LN_N_DEPTS] = "departements_couverts", [LN_LEAD] = "pilote", [LN_PARTNERS] = "partenaires",
    [LN_ACTIVE] = "actif", [LN_SINCE] = "depuis",
};

static const char *const depts[DC__N] = {
    [DC_CODE] = "", [DC_NAME] = "", [DC_REGION_CODE] = "", [DC_REGION] = "",
    [DC_NETWORKS] = "reseaux_locaux[].departements_couverts reseaux_locaux[].actif",
    [DC_COVERED] = "reseaux_locaux[].departements_couverts reseaux_locaux[].actif",
};

static const char *const team[TM__N] = {
    [TM_FIRST] = "prenom", [TM_LAST] = "nom", [TM_ROLE] = "role", [TM_ORG] = "organisation",
    [TM_UNIT] = "unite",
};

static const char *const consultancies[CO__N] = {
    [CO_NAME] = "nom", [CO_ROLE] = "role", [CO_LEAD] = "principal", [CO_SINCE] = "depuis",
};

static const char *const partners[PA__N] = {
    [PA_ID] = "id", [PA_ACRONYM] = "sigle", [PA_NAME] = "nom", [PA_SINCE] = "depuis",
};

static const char *const meetings[MT__N] = {
    [MT_DATE] = "date", [MT_YEAR] = "annee", [MT_BODY] = "instance", [MT_KIND_KEY] = "type",
    [MT_KIND] = "type", [MT_DECISIONS] = "decisions",
};

static const char *const newsletters[NL__N] = {
    [NL_NUMBER] = "numero", [NL_DATE] = "date", [NL_YEAR] = "annee",
    [NL_GRAND_ANGLE] = "grand_angle", [NL_TOPICS] = "sujets",
};

static const char *const quotes[QU__N] = {
    [QU_EVENT] = "evenements[].id", [QU_TEXT] = "texte", [QU_FIRST] = "auteur.prenom",
    [QU_LAST] = "auteur.nom", [QU_ROLE] = "auteur.role", [QU_ORG] = "auteur.organisation",
};

#define SHEET(id, records, fields, n, left_out) {id, records, fields, n, left_out}

static const annex_columns table[] = {
    SHEET(SH_CHECKS, "chiffres_declares[]", checks, CH__N, ""),
    SHEET(SH_EVENTS, "evenements[]", events, EV__N, ""),
    SHEET(SH_SESSIONS, "evenements[].sessions[]", sessions, SE__N, ""),
    SHEET(SH_SPEAKERS, "evenements[].intervenants[] evenements[].sessions[].intervenants[]",
          speakers, SP__N, ""),
    SHEET(SH_PRESENCES, "evenements[].elus", presences, PRS__N, ""),
    /* questions and highlights are the report's prose, not facts to count */
    SHEET(SH_WORKSTREAMS, "chantiers[]", workstreams, WS__N, "questions points_forts"),
    SHEET(SH_ACTIONS, "chantiers[].actions[]", actions, AC__N, ""),
    SHEET(SH_OFFICIALS, "elus[]", officials, OF__N, ""),
    SHEET(SH_NETWORKS, "reseaux_locaux[]", networks, LN__N, ""),
    /* every département of the reference geography: the networks' covered
       codes and their Actif give the computed columns */
    SHEET(SH_DEPTS, "reseaux_locaux[]", depts, DC__N, ""),
    /* a photo is a file of the report, not a fact */
    SHEET(SH_TEAM, "equipe.membres[]", team, TM__N, "photo"),
    SHEET(SH_CONSULTANCIES, "equipe.prestataires[]", consultancies, CO__N, ""),
    SHEET(SH_PARTNERS, "partenaires[]", partners, PA__N, ""),
    SHEET(SH_MEETINGS, "gouvernance.reunions[]", meetings, MT__N, ""),
    SHEET(SH_NEWSLETTERS, "lettres[]", newsletters, NL__N, ""),
    SHEET(SH_QUOTES, "evenements[].citations[]", quotes, QU__N, ""),
};

const annex_columns *annex_columns_table(size_t *n)
{
    *n = sizeof table / sizeof table[0];
    return table;
}
