/* model_schema.c — the tables of model_schema.h: one per record type of
 * model.h, with the derived values beside the fields they come from, and
 * reading values of the model through them. */
#include "data/model_schema.h"

#include <stdio.h>
#include <string.h>

/* ---- enumerations, from their tables in model.h ------------------------------ */
#define ENUM_LABEL(constant, key, label) label,
static const char *const event_type_labels[] = {PR_EVENT_TYPE_TABLE(ENUM_LABEL)};
static const char *const session_type_labels[] = {PR_SESSION_TYPE_TABLE(ENUM_LABEL)};
static const char *const status_labels[] = {PR_STATUS_TABLE(ENUM_LABEL)};
static const char *const scale_labels[] = {PR_SCALE_TABLE(ENUM_LABEL)};
static const char *const count_precision_labels[] = {PR_COUNT_PRECISION_TABLE(ENUM_LABEL)};
static const char *const meeting_kind_labels[] = {PR_MEETING_KIND_TABLE(ENUM_LABEL)};

const pr_enum_desc pr_enum_event_type = {"type d'événement", 0, pr_event_type_keys,
                                         event_type_labels, PR_EVENT__COUNT};
const pr_enum_desc pr_enum_session_type = {"type de session", 0, pr_session_type_keys,
                                           session_type_labels, PR_SESSION__COUNT};
const pr_enum_desc pr_enum_status = {"statut", 0, pr_status_keys, status_labels,
                                     PR_STATUS__COUNT};
const pr_enum_desc pr_enum_scale = {"échelle", 1, pr_scale_keys, scale_labels, PR_SCALE__COUNT};
const pr_enum_desc pr_enum_count_precision = {"précision", 1, pr_count_precision_keys,
                                              count_precision_labels, PR_COUNT__PRECISIONS};
const pr_enum_desc pr_enum_meeting_kind = {"type de réunion", 0, pr_meeting_kind_keys,
                                           meeting_kind_labels, PR_MEETING__COUNT};

/* ---- how the tables are written --------------------------------------------------- */
#define FTEXT(k, r, T, m) {.key = k, .kind = PR_FIELD_TEXT, .required = r, .offset = offsetof(T, m)}
#define FINT(k, r, T, m, range) \
    {.key = k, .kind = PR_FIELD_INT, .required = r, .offset = offsetof(T, m), .flags = range}
#define FLONG(k, r, T, m, range) \
    {.key = k, .kind = PR_FIELD_LONG, .required = r, .offset = offsetof(T, m), .flags = range}
#define FREAL(k, r, T, m) {.key = k, .kind = PR_FIELD_REAL, .required = r, .offset = offsetof(T, m)}
/* an optional boolean and its default */
#define FBOOL(k, T, m, d) \
    {.key = k, .kind = PR_FIELD_BOOL, .has_default = 1, .dflt = d, .offset = offsetof(T, m)}
#define FDATE(k, r, T, m, mask) \
    {.key = k, .kind = PR_FIELD_DATE, .required = r, .offset = offsetof(T, m), .flags = mask}
#define FENUM(k, r, T, m, e) \
    {.key = k, .kind = PR_FIELD_ENUM, .required = r, .offset = offsetof(T, m), .en = &e}
/* an optional enum and its default */
#define FENUM_DEF(k, T, m, e, d)                                                              \
    {.key = k, .kind = PR_FIELD_ENUM, .has_default = 1, .dflt = d, .offset = offsetof(T, m), \
     .en = &e}
#define FCOUNT(k, r, T, m) \
    {.key = k, .kind = PR_FIELD_COUNT, .required = r, .offset = offsetof(T, m), .record = &count_record}
#define FSTRS(k, r, T, m) {.key = k, .kind = PR_FIELD_STRLIST, .required = r, .offset = offsetof(T, m)}
#define FLIST(k, r, T, arr, n, rec)                                                   \
    {.key = k, .kind = PR_FIELD_LIST, .required = r, .offset = offsetof(T, arr),      \
     .count_offset = offsetof(T, n), .record = &rec}
/* a nested object whose fields are relative to `off` in the current record */
#define FOBJ(k, r, off, rec) {.key = k, .kind = PR_FIELD_OBJECT, .required = r, .offset = off, .record = &rec}
/* {AAAA: key} of enum e, d for a year absent */
#define FYEARS(k, r, T, arr, n, e, d)                                                        \
    {.key = k, .kind = PR_FIELD_YEAR_MAP, .required = r, .offset = offsetof(T, arr),         \
     .count_offset = offsetof(T, n), .en = &e, .has_default = 1, .dflt = d}
/* a derived value of kind K, computed by fn */
#define FDERIVED(k, K, fn, text) {.key = k, .kind = K, .derive = fn, .about = text}
#define FEND {.key = NULL}

#define RECORD(name, T, fields, check) \
    {name, sizeof(T), fields, 1, offsetof(T, pos), check}
#define RECORD_NOPOS(name, size, fields, check) {name, size, fields, 0, 0, check}

/* ---- derived values ------------------------------------------------------------------- */
static pr_mvalue mv_int(const pr_field *f, pr_mv_kind k, long x)
{
    pr_mvalue v = {.kind = k, .field = f};
    v.v.num = x;
    return v;
}

static pr_mvalue status_of_year(const pr_model *m, const void *rec, const pr_field *f)
{
    return mv_int(f, PR_MV_ENUM, pr_workstream_status(rec, m->report.year));
}

static pr_mvalue partner_member(const pr_model *m, const void *rec, const pr_field *f)
{
    return mv_int(f, PR_MV_BOOL, ((const pr_partner *)rec)->since <= m->report.year);
}

static pr_mvalue partner_new(const pr_model *m, const void *rec, const pr_field *f)
{
    return mv_int(f, PR_MV_BOOL, ((const pr_partner *)rec)->since == m->report.year);
}

static pr_mvalue covered(const pr_model *m, const void *rec, const pr_field *f)
{
    (void)m;
    const pr_strlist *l = &((const pr_local_network *)rec)->covered;
    return (pr_mvalue){.kind = PR_MV_STRLIST, .field = f, .ptr = l->items, .n = l->n};
}

/* The year of a date at `off` in the record, and whether it is the report's. */
static pr_mvalue date_year(const pr_field *f, pr_date d)
{
    return d.prec == PR_DATE_NONE ? (pr_mvalue){.kind = PR_MV_ABSENT, .field = f}
                                  : mv_int(f, PR_MV_INT, d.year);
}
static pr_mvalue event_year(const pr_model *m, const void *rec, const pr_field *f)
{
    (void)m;
    return date_year(f, ((const pr_event *)rec)->date);
}
static pr_mvalue event_in_year(const pr_model *m, const void *rec, const pr_field *f)
{
    return mv_int(f, PR_MV_BOOL, ((const pr_event *)rec)->date.year == m->report.year);
}
static pr_mvalue meeting_year(const pr_model *m, const void *rec, const pr_field *f)
{
    (void)m;
    return date_year(f, ((const pr_meeting *)rec)->date);
}
static pr_mvalue meeting_in_year(const pr_model *m, const void *rec, const pr_field *f)
{
    return mv_int(f, PR_MV_BOOL, ((const pr_meeting *)rec)->date.year == m->report.year);
}
static pr_mvalue newsletter_year(const pr_model *m, const void *rec, const pr_field *f)
{
    (void)m;
    return date_year(f, ((const pr_newsletter *)rec)->date);
}
static pr_mvalue newsletter_in_year(const pr_model *m, const void *rec, const pr_field *f)
{
    return mv_int(f, PR_MV_BOOL, ((const pr_newsletter *)rec)->date.year == m->report.year);
}

#define YEAR_OF "année de sa date"
#define IN_YEAR "vrai quand sa date est dans l'année du rapport (rapport.annee)"

/* ---- small records ------------------------------------------------------------------ */
static const pr_field item_fields[] = {
    FTEXT("titre", 0, pr_item, title),
    FTEXT("texte", 0, pr_item, text),
    FEND};
static const pr_record item_record = RECORD("item", pr_item, item_fields, PR_CHECK_ITEM);

static const pr_field person_fields[] = {
    FTEXT("prenom", 0, pr_person, first_name),
    FTEXT("nom", 0, pr_person, last_name),
    FTEXT("role", 0, pr_person, role),
    FTEXT("organisation", 0, pr_person, organisation),
    FEND};
static const pr_record person_record = RECORD("person", pr_person, person_fields, PR_CHECK_PERSON);

/* participants: an integer, or {valeur, precision} */
static const pr_field count_fields[] = {
    FLONG("valeur", 1, pr_count, value, PR_RANGE_ANY),
    FENUM_DEF("precision", pr_count, prec, pr_enum_count_precision, PR_COUNT_EXACT),
    FEND};
static const pr_record count_record =
    RECORD_NOPOS("count", sizeof(pr_count), count_fields, PR_CHECK_COUNT);

/* ---- rapport -------------------------------------------------------------------------- */
static const pr_field credit_fields[] = {
    FTEXT("role", 1, pr_credit, role),
    FSTRS("personnes", 1, pr_credit, people),
    FTEXT("organisation", 0, pr_credit, organisation),
    FEND};
static const pr_record credit_record =
    RECORD_NOPOS("credit", sizeof(pr_credit), credit_fields, PR_CHECK_NONE);

static const pr_field report_fields[] = {
    FINT("annee", 1, pr_report_info, year, PR_RANGE_YEAR),
    FTEXT("titre", 1, pr_report_info, title),
    FTEXT("editeur", 1, pr_report_info, publisher),
    FDATE("publication", 1, pr_report_info, published, PR_PREC_MONTH | PR_PREC_DAY),
    FSTRS("ministere", 1, pr_report_info, ministry),
    FTEXT("site_web", 1, pr_report_info, website),
    FTEXT("contact", 1, pr_report_info, contact),
    FLIST("credits", 1, pr_report_info, credits, n_credits, credit_record),
    FTEXT("licence", 0, pr_report_info, licence),
    FEND};
static const pr_record report_record = RECORD_NOPOS("report", 0, report_fields, PR_CHECK_REPORT);

/* ---- reseau ----------------------------------------------------------------------------- */
static const pr_field pillar_fields[] = {
    FTEXT("titre", 1, pr_pillar, title),
    FTEXT("texte", 0, pr_pillar, text),
    FLIST("elements", 0, pr_pillar, items, n_items, item_record),
    FEND};
static const pr_record pillar_record =
    RECORD_NOPOS("pillar", sizeof(pr_pillar), pillar_fields, PR_CHECK_NONE);

static const pr_field column_fields[] = {
    FTEXT("titre", 1, pr_offer_column, title),
    FSTRS("elements", 1, pr_offer_column, items),
    FEND};
static const pr_record column_record =
    RECORD_NOPOS("offer_column", sizeof(pr_offer_column), column_fields, PR_CHECK_NONE);

static const pr_field axis_fields[] = {
    FINT("numero", 1, pr_axis, number, PR_RANGE_POS),
    FTEXT("titre_court", 1, pr_axis, short_title),
    FTEXT("titre", 1, pr_axis, title),
    FEND};
static const pr_record axis_record = RECORD("axis", pr_axis, axis_fields, PR_CHECK_NONE);

static const pr_field predecessor_fields[] = {
    FTEXT("nom", 1, pr_network, predecessor_name),
    FINT("creation", 1, pr_network, predecessor_year, PR_RANGE_YEAR),
    FEND};
static const pr_record predecessor_record =
    RECORD_NOPOS("predecessor", 0, predecessor_fields, PR_CHECK_NONE);

static const pr_field offer_fields[] = {
    FLIST("piliers", 1, pr_network, pillars, n_pillars, pillar_record),
    FLIST("colonnes", 1, pr_network, offer_columns, n_offer_columns, column_record),
    FEND};
static const pr_record offer_record = RECORD_NOPOS("offer", 0, offer_fields, PR_CHECK_NONE);

static const pr_field roadmap_fields[] = {
    FINT("debut", 1, pr_network, roadmap_start, PR_RANGE_YEAR),
    FINT("fin", 1, pr_network, roadmap_end, PR_RANGE_YEAR),
    FTEXT("introduction", 0, pr_network, roadmap_intro),
    FLIST("axes", 1, pr_network, axes, n_axes, axis_record),
    FEND};
static const pr_record roadmap_record =
    RECORD_NOPOS("roadmap", 0, roadmap_fields, PR_CHECK_ROADMAP);

static const pr_field network_fields[] = {
    FTEXT("nom", 1, pr_network, name),
    FTEXT("accroche", 1, pr_network, tagline),
    FINT("lancement", 1, pr_network, launch_year, PR_RANGE_YEAR),
    FOBJ("predecesseur", 1, 0, predecessor_record),
    FTEXT("presentation", 0, pr_network, presentation),
    FTEXT("historique", 0, pr_network, history),
    FLIST("missions", 1, pr_network, missions, n_missions, item_record),
    FSTRS("publics", 0, pr_network, audience),
    FOBJ("offre", 1, 0, offer_record),
    FOBJ("feuille_de_route", 1, 0, roadmap_record),
    FEND};
static const pr_record network_record = RECORD_NOPOS("network", 0, network_fields, PR_CHECK_NONE);

/* ---- equipe ------------------------------------------------------------------------------ */
static const pr_field member_fields[] = {
    FTEXT("prenom", 1, pr_member, first_name),
    FTEXT("nom", 1, pr_member, last_name),
    FTEXT("role", 0, pr_member, role),
    FTEXT("organisation", 1, pr_member, organisation),
    FTEXT("unite", 0, pr_member, unit),
    {.key = "photo", .kind = PR_FIELD_TEXT, .offset = offsetof(pr_member, photo),
     .has_pos = 1, .pos_offset = offsetof(pr_member, photo_pos)},
    FEND};
static const pr_record member_record = RECORD("member", pr_member, member_fields, PR_CHECK_MEMBER);

static const pr_field consultancy_fields[] = {
    FTEXT("nom", 1, pr_consultancy, name),
    FTEXT("role", 1, pr_consultancy, role),
    FBOOL("principal", pr_consultancy, lead, 0),
    FINT("depuis", 0, pr_consultancy, since, PR_RANGE_YEAR),
    FEND};
static const pr_record consultancy_record =
    RECORD_NOPOS("consultancy", sizeof(pr_consultancy), consultancy_fields, PR_CHECK_NONE);

static const pr_field team_fields[] = {
    FTEXT("bureau", 1, pr_team, unit_name),
    FTEXT("sigle", 1, pr_team, unit_short),
    FTEXT("ancien_sigle", 0, pr_team, unit_former),
    FTEXT("direction", 1, pr_team, direction),
    FLIST("membres", 1, pr_team, members, n_members, member_record),
    FLIST("prestataires", 1, pr_team, consultancies, n_consultancies, consultancy_record),
    FEND};
static const pr_record team_record = RECORD_NOPOS("team", 0, team_fields, PR_CHECK_TEAM);

/* ---- partenaires, gouvernance ------------------------------------------------------------ */
static const pr_field partner_fields[] = {
    FTEXT("id", 1, pr_partner, id),
    FTEXT("sigle", 0, pr_partner, acronym),
    FTEXT("nom", 1, pr_partner, name),
    FINT("depuis", 1, pr_partner, since, PR_RANGE_YEAR),
    FDERIVED("membre", PR_FIELD_BOOL, partner_member,
             "vrai quand il est entré au comité de pilotage au plus tard l'année du rapport "
             "(depuis ≤ rapport.annee)"),
    FDERIVED("nouveau", PR_FIELD_BOOL, partner_new,
             "vrai quand il est entré l'année du rapport (depuis = rapport.annee)"),
    FEND};
static const pr_record partner_record = RECORD("partner", pr_partner, partner_fields, PR_CHECK_NONE);

static const pr_field meeting_fields[] = {
    FDATE("date", 1, pr_meeting, date, PR_PREC_MONTH | PR_PREC_DAY),
    FTEXT("instance", 1, pr_meeting, body),
    FENUM("type", 0, pr_meeting, kind, pr_enum_meeting_kind),
    FSTRS("decisions", 1, pr_meeting, decisions),
    FDERIVED("annee", PR_FIELD_INT, meeting_year, YEAR_OF),
    FDERIVED("de_l_annee", PR_FIELD_BOOL, meeting_in_year, IN_YEAR),
    FEND};
static const pr_record meeting_record =
    RECORD("meeting", pr_meeting, meeting_fields, PR_CHECK_MEETING);

static const pr_field governance_fields[] = {
    FLIST("reunions", 1, pr_model, meetings, n_meetings, meeting_record),
    FSTRS("echanges", 0, pr_model, outreach),
    FEND};
static const pr_record governance_record =
    RECORD_NOPOS("governance", 0, governance_fields, PR_CHECK_NONE);

/* ---- chantiers -------------------------------------------------------------------------- */
static const pr_field action_fields[] = {
    FTEXT("titre", 1, pr_action, title),
    FTEXT("texte", 0, pr_action, text),
    FENUM("statut", 1, pr_action, status, pr_enum_status),
    FDATE("date", 0, pr_action, date, PR_PREC_YEAR | PR_PREC_MONTH | PR_PREC_DAY),
    FSTRS("acteurs", 0, pr_action, actors),
    FTEXT("evenement", 0, pr_action, event),
    FEND};
static const pr_record action_record = RECORD("action", pr_action, action_fields, PR_CHECK_NONE);

static const pr_field deliverable_fields[] = {
    FTEXT("titre", 1, pr_deliverable, title),
    FDATE("echeance", 0, pr_deliverable, due, PR_PREC_YEAR | PR_PREC_MONTH | PR_PREC_DAY),
    FEND};
static const pr_record deliverable_record =
    RECORD_NOPOS("deliverable", sizeof(pr_deliverable), deliverable_fields, PR_CHECK_NONE);

static const pr_field group_fields[] = {
    FTEXT("nom", 0, pr_workstream, group_name),
    FSTRS("membres", 0, pr_workstream, group_members),
    FEND};
static const pr_record group_record = RECORD_NOPOS("group", 0, group_fields, PR_CHECK_NONE);

static const pr_field workstream_fields[] = {
    FTEXT("id", 1, pr_workstream, id),
    FINT("axe", 1, pr_workstream, axis, PR_RANGE_POS),
    FTEXT("titre", 1, pr_workstream, title),
    FTEXT("resume", 0, pr_workstream, summary),
    FYEARS("statut", 1, pr_workstream, statuses, n_statuses, pr_enum_status, PR_STATUS_PLANNED),
    FOBJ("groupe", 0, 0, group_record),
    FSTRS("questions", 0, pr_workstream, questions),
    FSTRS("points_forts", 0, pr_workstream, highlights),
    FLIST("actions", 0, pr_workstream, actions, n_actions, action_record),
    FLIST("livrables", 0, pr_workstream, deliverables, n_deliverables, deliverable_record),
    {.key = "statut_annee", .kind = PR_FIELD_ENUM, .en = &pr_enum_status,
     .derive = status_of_year,
     .about = "son statut pour l'année du rapport, statut[rapport.annee] : prevu quand "
              "l'année n'y est pas"},
    FEND};
static const pr_record workstream_record =
    RECORD("workstream", pr_workstream, workstream_fields, PR_CHECK_NONE);

/* ---- elus ----------------------------------------------------------------------------------- */
static const pr_field coordinates_fields[] = {
    FREAL("lat", 1, pr_official, lat),
    FREAL("lon", 1, pr_official, lon),
    FEND};
static const pr_record coordinates_record =
    RECORD_NOPOS("coordinates", 0, coordinates_fields, PR_CHECK_COORDINATES);

static const pr_field official_fields[] = {
    FTEXT("id", 1, pr_official, id),
    FTEXT("prenom", 1, pr_official, first_name),
    FTEXT("nom", 1, pr_official, last_name),
    FSTRS("mandats", 1, pr_official, mandates),
    FTEXT("commune", 1, pr_official, commune),
    FTEXT("departement", 1, pr_official, departement),
    {.key = "coordonnees", .kind = PR_FIELD_OBJECT, .record = &coordinates_record,
     .has_present = 1, .present_offset = offsetof(pr_official, has_coords)},
    FTEXT("chantier", 0, pr_official, workstream),
    FEND};
static const pr_record official_record =
    RECORD("official", pr_official, official_fields, PR_CHECK_OFFICIAL);

/* ---- evenements ---------------------------------------------------------------------------- */
static const pr_field session_fields[] = {
    FENUM("type", 1, pr_session, type, pr_enum_session_type),
    FTEXT("titre", 1, pr_session, title),
    FTEXT("texte", 0, pr_session, text),
    FLIST("intervenants", 1, pr_session, speakers, n_speakers, person_record),
    FCOUNT("participants", 0, pr_session, participants),
    FEND};
static const pr_record session_record = RECORD("session", pr_session, session_fields, PR_CHECK_NONE);

static const pr_field quote_fields[] = {
    FTEXT("texte", 1, pr_quote, text),
    FOBJ("auteur", 1, offsetof(pr_quote, author), person_record),
    FEND};
static const pr_record quote_record = RECORD("quote", pr_quote, quote_fields, PR_CHECK_NONE);

static const pr_field event_fields[] = {
    FTEXT("id", 1, pr_event, id),
    FDATE("date", 1, pr_event, date, PR_PREC_MONTH | PR_PREC_DAY),
    FENUM("type", 1, pr_event, type, pr_enum_event_type),
    FTEXT("titre", 1, pr_event, title),
    FTEXT("organisateur", 0, pr_event, organiser),
    FTEXT("theme", 0, pr_event, theme),
    FTEXT("resume", 0, pr_event, summary),
    FINT("edition", 0, pr_event, edition, PR_RANGE_POS),
    FTEXT("lieu", 0, pr_event, place),
    FTEXT("ville", 0, pr_event, city),
    FTEXT("code_postal", 0, pr_event, postcode),
    FCOUNT("participants", 0, pr_event, participants),
    FLIST("intervenants", 0, pr_event, speakers, n_speakers, person_record),
    FTEXT("chantier", 0, pr_event, workstream),
    FSTRS("elus", 0, pr_event, officials),
    FLIST("sessions", 0, pr_event, sessions, n_sessions, session_record),
    FLIST("citations", 0, pr_event, quotes, n_quotes, quote_record),
    FLIST("interviews", 0, pr_event, interviews, n_interviews, person_record),
    FSTRS("thematiques", 0, pr_event, topics),
    FDERIVED("annee", PR_FIELD_INT, event_year, YEAR_OF),
    FDERIVED("de_l_annee", PR_FIELD_BOOL, event_in_year, IN_YEAR),
    FEND};
static const pr_record event_record = RECORD("event", pr_event, event_fields, PR_CHECK_NONE);

/* ---- reseaux_locaux -------------------------------------------------------------------------- */
static const pr_field local_network_fields[] = {
    FTEXT("id", 1, pr_local_network, id),
    FTEXT("nom", 1, pr_local_network, name),
    FENUM("echelle", 1, pr_local_network, scale, pr_enum_scale),
    FSTRS("regions", 0, pr_local_network, regions),
    FSTRS("departements", 0, pr_local_network, departements),
    FTEXT("pilote", 1, pr_local_network, lead),
    FSTRS("partenaires", 0, pr_local_network, partners),
    FBOOL("actif", pr_local_network, active, 1),
    FINT("depuis", 0, pr_local_network, since, PR_RANGE_YEAR),
    FDERIVED("departements_couverts", PR_FIELD_STRLIST, covered,
             "codes des départements couverts : les siens, ou pour un réseau régional ceux "
             "de ses régions"),
    FEND};
static const pr_record local_network_record =
    RECORD("local_network", pr_local_network, local_network_fields, PR_CHECK_LOCAL_NETWORK);

/* ---- lettres, communication, chiffres_declares -------------------------------------------- */
static const pr_field newsletter_fields[] = {
    FINT("numero", 1, pr_newsletter, number, PR_RANGE_POS),
    FDATE("date", 1, pr_newsletter, date, PR_PREC_MONTH),
    FTEXT("grand_angle", 1, pr_newsletter, grand_angle),
    FSTRS("sujets", 0, pr_newsletter, highlights),
    FDERIVED("annee", PR_FIELD_INT, newsletter_year, YEAR_OF),
    FDERIVED("de_l_annee", PR_FIELD_BOOL, newsletter_in_year, IN_YEAR),
    FEND};
static const pr_record newsletter_record =
    RECORD("newsletter", pr_newsletter, newsletter_fields, PR_CHECK_NONE);

static const pr_field site_fields[] = {
    FDATE("ouverture", 1, pr_communication, site_opening, PR_PREC_MONTH | PR_PREC_DAY),
    FTEXT("ancien", 0, pr_communication, site_former),
    FLIST("objectifs", 1, pr_communication, site_objectives, n_site_objectives, item_record),
    FLIST("rubriques", 1, pr_communication, site_sections, n_site_sections, item_record),
    FEND};
static const pr_record site_record = RECORD_NOPOS("site", 0, site_fields, PR_CHECK_NONE);

static const pr_field communication_fields[] = {
    FLIST("rubriques_lettre", 1, pr_communication, newsletter_sections, n_newsletter_sections,
          item_record),
    FOBJ("site", 1, 0, site_record),
    FEND};
static const pr_record communication_record =
    RECORD_NOPOS("communication", 0, communication_fields, PR_CHECK_NONE);

static const pr_field declared_fields[] = {
    FTEXT("chiffre", 1, pr_declared, figure),
    FLONG("valeur", 1, pr_declared, value, PR_RANGE_ANY),
    FENUM_DEF("precision", pr_declared, prec, pr_enum_count_precision, PR_COUNT_EXACT),
    FTEXT("libelle", 1, pr_declared, as_printed),
    FTEXT("source", 0, pr_declared, where),
    FTEXT("publie_dans", 0, pr_declared, published_in),
    FTEXT("explication", 0, pr_declared, explanation),
    FEND};
static const pr_record declared_record =
    RECORD("declared", pr_declared, declared_fields, PR_CHECK_DECLARED);

/* ---- annees_precedentes --------------------------------------------------------------------- */
static const pr_field published_fields[] = {
    FINT("annee", 1, pr_published, year, PR_RANGE_YEAR),
    FTEXT("chiffre", 1, pr_published, figure),
    FLONG("valeur", 1, pr_published, value, PR_RANGE_ANY),
    FTEXT("source", 1, pr_published, where),
    FINT("definition", 0, pr_published, definition, PR_RANGE_POS),
    FEND};
static const pr_record published_record =
    RECORD("published", pr_published, published_fields, PR_CHECK_PUBLISHED);

static const pr_field past_fields[] = {
    FSTRS("fichiers", 0, pr_model, past_files),
    FLIST("chiffres", 0, pr_model, published, n_published, published_record),
    FEND};
static const pr_record past_record = RECORD_NOPOS("past_years", 0, past_fields, PR_CHECK_NONE);

/* ---- the whole file ----------------------------------------------------------------------- */
static const pr_field model_fields[] = {
    FOBJ("rapport", 1, offsetof(pr_model, report), report_record),
    FOBJ("reseau", 1, offsetof(pr_model, network), network_record),
    FOBJ("equipe", 1, offsetof(pr_model, team), team_record),
    FLIST("partenaires", 1, pr_model, partners, n_partners, partner_record),
    FOBJ("gouvernance", 1, 0, governance_record),
    FLIST("chantiers", 1, pr_model, workstreams, n_workstreams, workstream_record),
    FLIST("elus", 1, pr_model, officials, n_officials, official_record),
    FLIST("evenements", 1, pr_model, events, n_events, event_record),
    FLIST("reseaux_locaux", 1, pr_model, local_networks, n_local_networks, local_network_record),
    FSTRS("perspectives", 0, pr_model, next_year),
    FLIST("lettres", 1, pr_model, newsletters, n_newsletters, newsletter_record),
    FOBJ("communication", 1, offsetof(pr_model, communication), communication_record),
    FLIST("chiffres_declares", 0, pr_model, declared, n_declared, declared_record),
    FOBJ("annees_precedentes", 0, 0, past_record),
    FEND};
const pr_record pr_schema_model = RECORD_NOPOS("model", 0, model_fields, PR_CHECK_NONE);

/* ---- looking fields up ----------------------------------------------------------------------- */
const pr_field *pr_record_field(const pr_record *r, const char *key)
{
    for (const pr_field *f = r->fields; f->key; f++)
        if (!strcmp(f->key, key))
            return f;
    return NULL;
}

size_t pr_record_keys(const pr_record *r, int derived, const char **out, size_t max)
{
    size_t n = 0;
    for (const pr_field *f = r->fields; f->key && n + 1 < max; f++)
        if (derived || !f->derive)
            out[n++] = f->key;
    out[n] = NULL;
    return n;
}

static void walk(const pr_record *r, pr_strbuf *path, pr_schema_visit_fn fn, void *ud)
{
    for (const pr_field *f = r->fields; f->key; f++) {
        size_t old = path->len;
        if (path->len)
            pr_sb_putc(path, '.');
        pr_sb_puts(path, f->key);
        fn(path->data, f, ud);
        if (f->kind == PR_FIELD_LIST) {
            pr_sb_puts(path, "[]");
            walk(f->record, path, fn, ud);
        } else if (f->record) {
            walk(f->record, path, fn, ud);
        }
        path->len = old;
        path->data[old] = '\0';
    }
}

void pr_schema_walk(pr_schema_visit_fn fn, void *ud)
{
    pr_strbuf path = {0};
    pr_sb_puts(&path, "");
    walk(&pr_schema_model, &path, fn, ud);
    pr_sb_free(&path);
}

/* ---- values ------------------------------------------------------------------------------------ */
pr_mvalue pr_mvalue_root(const pr_model *m)
{
    return (pr_mvalue){.kind = PR_MV_RECORD, .record = &pr_schema_model, .ptr = m};
}

pr_mvalue pr_mvalue_get(const pr_model *m, const pr_mvalue *rec, const pr_field *f)
{
    pr_mvalue v = {.kind = PR_MV_ABSENT, .field = f};
    if (rec->kind != PR_MV_RECORD && rec->kind != PR_MV_COUNT)
        return v;
    const char *base = rec->ptr;
    if (f->derive)
        return f->derive(m, base, f);
    const char *p = base + f->offset;
    switch (f->kind) {
    case PR_FIELD_TEXT:
        v.v.text = *(const char *const *)p;
        if (v.v.text)
            v.kind = PR_MV_TEXT;
        break;
    case PR_FIELD_INT:
    case PR_FIELD_LONG:
        v.v.num = f->kind == PR_FIELD_INT ? *(const int *)p : *(const long *)p;
        if (v.v.num || f->required || f->has_default)
            v.kind = PR_MV_INT;
        break;
    case PR_FIELD_REAL:
        v.kind = PR_MV_REAL;
        v.v.real = *(const double *)p;
        break;
    case PR_FIELD_BOOL:
        v.kind = PR_MV_BOOL;
        v.v.num = *(const int *)p != 0;
        break;
    case PR_FIELD_DATE:
        v.v.date = *(const pr_date *)p;
        if (v.v.date.prec != PR_DATE_NONE)
            v.kind = PR_MV_DATE;
        break;
    case PR_FIELD_ENUM:
        v.kind = PR_MV_ENUM;
        v.v.num = *(const int *)p;
        break;
    case PR_FIELD_COUNT:
        v.v.count = *(const pr_count *)p;
        if (v.v.count.known) {
            v.kind = PR_MV_COUNT;
            v.record = f->record;
            v.ptr = p;
        }
        break;
    case PR_FIELD_STRLIST: {
        const pr_strlist *l = (const pr_strlist *)p;
        v.kind = PR_MV_STRLIST;
        v.ptr = l->items;
        v.n = l->n;
        break;
    }
    case PR_FIELD_LIST:
    case PR_FIELD_YEAR_MAP:
        v.kind = f->kind == PR_FIELD_LIST ? PR_MV_LIST : PR_MV_YEAR_MAP;
        v.record = f->record;
        v.ptr = *(const void *const *)p;
        v.n = *(const size_t *)(base + f->count_offset);
        break;
    case PR_FIELD_OBJECT:
        if (f->has_present && !*(const int *)(base + f->present_offset))
            break;
        v.kind = PR_MV_RECORD;
        v.record = f->record;
        v.ptr = p;
        break;
    }
    return v;
}

pr_mvalue pr_mvalue_item(const pr_mvalue *list, size_t i)
{
    pr_mvalue v = {.kind = PR_MV_ABSENT, .field = list->field};
    if (i >= list->n)
        return v;
    if (list->kind == PR_MV_LIST) {
        v.kind = PR_MV_RECORD;
        v.record = list->record;
        v.ptr = (const char *)list->ptr + i * list->record->size;
    } else if (list->kind == PR_MV_STRLIST) {
        v.v.text = ((const char *const *)list->ptr)[i];
        if (v.v.text)
            v.kind = PR_MV_TEXT;
    }
    return v;
}

pr_mvalue pr_mvalue_year(const pr_mvalue *map, int year)
{
    pr_mvalue v = {.kind = PR_MV_ABSENT, .field = map->field};
    if (map->kind != PR_MV_YEAR_MAP || !map->field)
        return v;
    const pr_year_status *s = map->ptr;
    v.kind = PR_MV_ENUM;
    v.v.num = map->field->dflt;
    for (size_t i = 0; i < map->n; i++)
        if (s[i].year == year) {
            v.v.num = s[i].status;
            break;
        }
    return v;
}

int pr_mvalue_truthy(const pr_model *m, const pr_mvalue *v)
{
    switch (v->kind) {
    case PR_MV_ABSENT: return 0;
    case PR_MV_TEXT: return v->v.text[0] != '\0';
    case PR_MV_INT: case PR_MV_BOOL: return v->v.num != 0;
    case PR_MV_COUNT: return v->v.count.value != 0;
    case PR_MV_REAL: case PR_MV_DATE: case PR_MV_ENUM: return 1;
    case PR_MV_STRLIST: case PR_MV_LIST: case PR_MV_YEAR_MAP: return v->n > 0;
    case PR_MV_RECORD:
        if (!v->field || v->field->kind != PR_FIELD_OBJECT || v->field->has_present)
            return 1;
        for (const pr_field *f = v->record->fields; f->key; f++) {
            if (f->derive)
                continue;
            pr_mvalue x = pr_mvalue_get(m, v, f);
            if (pr_mvalue_truthy(m, &x))
                return 1;
        }
        return 0;
    }
    return 0;
}

void pr_mvalue_put(pr_strbuf *sb, const pr_mvalue *v)
{
    switch (v->kind) {
    case PR_MV_TEXT: pr_sb_puts(sb, v->v.text); break;
    case PR_MV_INT: pr_sb_printf(sb, "%ld", v->v.num); break;
    case PR_MV_REAL: pr_sb_printf(sb, "%.15g", v->v.real); break;
    case PR_MV_BOOL: pr_sb_puts(sb, v->v.num ? "true" : "false"); break;
    case PR_MV_COUNT: pr_sb_printf(sb, "%ld", v->v.count.value); break;
    case PR_MV_ENUM: {
        const pr_enum_desc *e = v->field ? v->field->en : NULL;
        pr_sb_puts(sb, e && v->v.num >= 0 && v->v.num < e->n ? e->keys[v->v.num] : "?");
        break;
    }
    case PR_MV_DATE: {
        pr_date d = v->v.date;
        if (d.prec == PR_DATE_DAY)
            pr_sb_printf(sb, "%04d-%02d-%02d", d.year, d.month, d.day);
        else if (d.prec == PR_DATE_MONTH)
            pr_sb_printf(sb, "%04d-%02d", d.year, d.month);
        else
            pr_sb_printf(sb, "%04d", d.year);
        break;
    }
    default: break;
    }
}

int pr_mvalue_pos(const pr_mvalue *rec, const char *key, pr_pos *out)
{
    if (rec->kind != PR_MV_RECORD)
        return 0;
    const char *base = rec->ptr;
    const pr_field *f = key ? pr_record_field(rec->record, key) : NULL;
    if (f && f->has_pos) {
        const pr_pos *p = (const pr_pos *)(base + f->pos_offset);
        if (p->line > 0) {
            *out = *p;
            return 1;
        }
    }
    if (rec->record->has_pos) {
        *out = *(const pr_pos *)(base + rec->record->pos_offset);
        return 1;
    }
    return 0;
}

/* ---- the canonical dump (model.h) ------------------------------------------------- */
/* One line per field, from the schema: `path = value`; texts quoted with \n,
 * \t, \", \\ escaped; an absent field is `-`; a list `[n]` then its items. */
static void put_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        default: fputc(*p, out); break;
        }
    }
    fputc('"', out);
}

static void dump_record(const pr_model *m, const pr_mvalue *rec, pr_strbuf *path, FILE *out);

static void dump_value(const pr_model *m, const pr_mvalue *v, pr_strbuf *path, FILE *out)
{
    pr_strbuf sb = {0};
    switch (v->kind) {
    case PR_MV_ABSENT:
        fprintf(out, "%s = -\n", path->data);
        break;
    case PR_MV_TEXT:
        fprintf(out, "%s = ", path->data);
        put_quoted(out, v->v.text);
        fputc('\n', out);
        break;
    case PR_MV_REAL:
        fprintf(out, "%s = %.6f\n", path->data, v->v.real);
        break;
    case PR_MV_COUNT:
        fprintf(out, "%s = %ld %s\n", path->data, v->v.count.value,
                pr_count_precision_key(v->v.count.prec));
        break;
    case PR_MV_INT: case PR_MV_BOOL: case PR_MV_DATE: case PR_MV_ENUM:
        pr_mvalue_put(&sb, v);
        fprintf(out, "%s = %s\n", path->data, sb.data);
        break;
    case PR_MV_STRLIST:
    case PR_MV_LIST:
        fprintf(out, "%s = [%zu]\n", path->data, v->n);
        for (size_t i = 0; i < v->n; i++) {
            size_t old = path->len;
            pr_sb_printf(path, "[%zu]", i);
            pr_mvalue it = pr_mvalue_item(v, i);
            if (it.kind == PR_MV_RECORD)
                dump_record(m, &it, path, out);
            else
                dump_value(m, &it, path, out);
            path->len = old;
            path->data[old] = '\0';
        }
        break;
    case PR_MV_YEAR_MAP:
        for (size_t i = 0; i < v->n; i++) {
            int year = ((const pr_year_status *)v->ptr)[i].year;
            pr_mvalue y = pr_mvalue_year(v, year);
            pr_strbuf key = {0};
            pr_mvalue_put(&key, &y);
            fprintf(out, "%s.%d = %s\n", path->data, year, key.data);
            pr_sb_free(&key);
        }
        break;
    case PR_MV_RECORD:
        dump_record(m, v, path, out);
        break;
    }
    pr_sb_free(&sb);
}

static void dump_record(const pr_model *m, const pr_mvalue *rec, pr_strbuf *path, FILE *out)
{
    for (const pr_field *f = rec->record->fields; f->key; f++) {
        if (f->derive)
            continue;
        size_t old = path->len;
        if (path->len)
            pr_sb_putc(path, '.');
        pr_sb_puts(path, f->key);
        pr_mvalue v = pr_mvalue_get(m, rec, f);
        dump_value(m, &v, path, out);
        path->len = old;
        path->data[old] = '\0';
    }
}

void pr_model_dump(const pr_model *m, FILE *out)
{
    pr_strbuf path = {0};
    pr_sb_puts(&path, "");
    pr_mvalue root = pr_mvalue_root(m);
    dump_record(m, &root, &path, out);
    pr_sb_free(&path);
}
