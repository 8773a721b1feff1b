/* model.c — the validated model once built: freeing, lookups, enum keys and
 * French labels, date comparison, and a canonical text dump (every field,
 * no positions) used to check that a YAML file and its JSON translation
 * give the same model. Building and validation are in model_build.c. */
#include "data/model.h"

#include <stdlib.h>
#include <string.h>

void pr_model_free(pr_model *m)
{
    if (!m)
        return;
    pr_arena_free(&m->arena);
    pr_arena_free(&m->doc_arena);
    free(m);
}

/* ---- lookups -------------------------------------------------------------- */
const pr_partner *pr_model_partner(const pr_model *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_partners; i++)
        if (m->partners[i].id && !strcmp(m->partners[i].id, id))
            return &m->partners[i];
    return NULL;
}

const pr_workstream *pr_model_workstream(const pr_model *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_workstreams; i++)
        if (m->workstreams[i].id && !strcmp(m->workstreams[i].id, id))
            return &m->workstreams[i];
    return NULL;
}

const pr_official *pr_model_official(const pr_model *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_officials; i++)
        if (m->officials[i].id && !strcmp(m->officials[i].id, id))
            return &m->officials[i];
    return NULL;
}

const pr_event *pr_model_event(const pr_model *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_events; i++)
        if (m->events[i].id && !strcmp(m->events[i].id, id))
            return &m->events[i];
    return NULL;
}

const pr_axis *pr_model_axis(const pr_model *m, int number)
{
    for (size_t i = 0; i < m->network.n_axes; i++)
        if (m->network.axes[i].number == number)
            return &m->network.axes[i];
    return NULL;
}

pr_status pr_workstream_status(const pr_workstream *w, int year)
{
    for (size_t i = 0; i < w->n_statuses; i++)
        if (w->statuses[i].year == year)
            return w->statuses[i].status;
    return PR_STATUS_PLANNED;
}

/* ---- enums ------------------------------------------------------------------ */
/* The keys and labels, generated from the tables of model.h. */
#define ENUM_KEY(constant, key, label) key,
#define ENUM_LABEL(constant, key, label) label,
const char *const pr_event_type_keys[] = {PR_EVENT_TYPE_TABLE(ENUM_KEY) NULL};
const char *const pr_session_type_keys[] = {PR_SESSION_TYPE_TABLE(ENUM_KEY) NULL};
const char *const pr_status_keys[] = {PR_STATUS_TABLE(ENUM_KEY) NULL};
const char *const pr_scale_keys[] = {PR_SCALE_TABLE(ENUM_KEY) NULL};
const char *const pr_count_precision_keys[] = {PR_COUNT_PRECISION_TABLE(ENUM_KEY) NULL};
static const char *const event_labels[] = {PR_EVENT_TYPE_TABLE(ENUM_LABEL)};
static const char *const session_labels[] = {PR_SESSION_TYPE_TABLE(ENUM_LABEL)};
static const char *const status_labels[] = {PR_STATUS_TABLE(ENUM_LABEL)};
static const char *const scale_labels[] = {PR_SCALE_TABLE(ENUM_LABEL)};
static const char *const count_precision_labels[] = {PR_COUNT_PRECISION_TABLE(ENUM_LABEL)};

/* table[i], or "?" outside the table (the NULL ending a key list excluded) */
#define ENUM_AT(table, n, i) ((size_t)(i) < (n) ? table[i] : "?")

const char *pr_event_type_key(pr_event_type t)
{
    return ENUM_AT(pr_event_type_keys, PR_EVENT__COUNT, t);
}
const char *pr_event_type_label(pr_event_type t)
{
    return ENUM_AT(event_labels, PR_EVENT__COUNT, t);
}
const char *pr_session_type_key(pr_session_type t)
{
    return ENUM_AT(pr_session_type_keys, PR_SESSION__COUNT, t);
}
const char *pr_session_type_label(pr_session_type t)
{
    return ENUM_AT(session_labels, PR_SESSION__COUNT, t);
}
const char *pr_status_key(pr_status s)
{
    return ENUM_AT(pr_status_keys, PR_STATUS__COUNT, s);
}
const char *pr_status_label(pr_status s)
{
    return ENUM_AT(status_labels, PR_STATUS__COUNT, s);
}
const char *pr_scale_key(pr_scale s)
{
    return ENUM_AT(pr_scale_keys, PR_SCALE__COUNT, s);
}
const char *pr_scale_label(pr_scale s)
{
    return ENUM_AT(scale_labels, PR_SCALE__COUNT, s);
}
const char *pr_count_precision_key(pr_count_precision p)
{
    return ENUM_AT(pr_count_precision_keys, PR_COUNT__PRECISIONS, p);
}
const char *pr_count_precision_label(pr_count_precision p)
{
    return ENUM_AT(count_precision_labels, PR_COUNT__PRECISIONS, p);
}

int pr_date_cmp(pr_date a, pr_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

/* ---- canonical dump -------------------------------------------------------- */
/* One line per field: `path = value`; strings quoted with \n, \t, \", \\
 * escaped; absent optional fields print as `-`. */
static void put_str(FILE *out, const char *path, const char *field, const char *s)
{
    fprintf(out, "%s%s%s = ", path, *path && *field ? "." : "", field);
    if (!s) {
        fputs("-\n", out);
        return;
    }
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
    fputs("\"\n", out);
}

static void put_long(FILE *out, const char *path, const char *field, long v)
{
    fprintf(out, "%s%s%s = %ld\n", path, *path ? "." : "", field, v);
}

static void put_date(FILE *out, const char *path, const char *field, pr_date d)
{
    fprintf(out, "%s.%s = ", path, field);
    switch (d.prec) {
    case PR_DATE_DAY: fprintf(out, "%04d-%02d-%02d\n", d.year, d.month, d.day); break;
    case PR_DATE_MONTH: fprintf(out, "%04d-%02d\n", d.year, d.month); break;
    case PR_DATE_YEAR: fprintf(out, "%04d\n", d.year); break;
    default: fputs("-\n", out); break;
    }
}

static void put_list(FILE *out, const char *path, const char *field, pr_strlist l)
{
    fprintf(out, "%s%s%s = [%zu]\n", path, *path ? "." : "", field, l.n);
    for (size_t i = 0; i < l.n; i++) {
        char sub[64];
        snprintf(sub, sizeof sub, "%s[%zu]", field, i);
        put_str(out, path, sub, l.items[i]);
    }
}

static void put_count(FILE *out, const char *path, const char *field, pr_count c)
{
    if (!c.known)
        fprintf(out, "%s.%s = -\n", path, field);
    else
        fprintf(out, "%s.%s = %ld %s\n", path, field, c.value, pr_count_precision_key(c.prec));
}

static void put_person(FILE *out, const char *path, const pr_person *p)
{
    put_str(out, path, "prenom", p->first_name);
    put_str(out, path, "nom", p->last_name);
    put_str(out, path, "role", p->role);
    put_str(out, path, "organisation", p->organisation);
}

static void put_items(FILE *out, const char *path, const char *field, const pr_item *it, size_t n)
{
    fprintf(out, "%s.%s = [%zu]\n", path, field, n);
    for (size_t i = 0; i < n; i++) {
        char *p = pr_asprintf("%s.%s[%zu]", path, field, i);
        put_str(out, p, "titre", it[i].title);
        put_str(out, p, "texte", it[i].text);
        free(p);
    }
}

static void put_people(FILE *out, const char *path, const char *field, const pr_person *ps,
                       size_t n)
{
    fprintf(out, "%s.%s = [%zu]\n", path, field, n);
    for (size_t i = 0; i < n; i++) {
        char *p = pr_asprintf("%s.%s[%zu]", path, field, i);
        put_person(out, p, &ps[i]);
        free(p);
    }
}

static void dump_network(const pr_network *n, FILE *out)
{
    const char *P = "reseau";
    put_str(out, P, "nom", n->name);
    put_str(out, P, "accroche", n->tagline);
    put_long(out, P, "lancement", n->launch_year);
    put_str(out, P, "predecesseur.nom", n->predecessor_name);
    put_long(out, P, "predecesseur.creation", n->predecessor_year);
    put_str(out, P, "presentation", n->presentation);
    put_str(out, P, "historique", n->history);
    put_items(out, P, "missions", n->missions, n->n_missions);
    put_list(out, P, "publics", n->audience);
    fprintf(out, "reseau.offre.piliers = [%zu]\n", n->n_pillars);
    for (size_t i = 0; i < n->n_pillars; i++) {
        char *p = pr_asprintf("reseau.offre.piliers[%zu]", i);
        put_str(out, p, "titre", n->pillars[i].title);
        put_str(out, p, "texte", n->pillars[i].text);
        put_items(out, p, "elements", n->pillars[i].items, n->pillars[i].n_items);
        free(p);
    }
    fprintf(out, "reseau.offre.colonnes = [%zu]\n", n->n_offer_columns);
    for (size_t i = 0; i < n->n_offer_columns; i++) {
        char *p = pr_asprintf("reseau.offre.colonnes[%zu]", i);
        put_str(out, p, "titre", n->offer_columns[i].title);
        put_list(out, p, "elements", n->offer_columns[i].items);
        free(p);
    }
    put_long(out, P, "feuille_de_route.debut", n->roadmap_start);
    put_long(out, P, "feuille_de_route.fin", n->roadmap_end);
    put_str(out, P, "feuille_de_route.introduction", n->roadmap_intro);
    fprintf(out, "reseau.feuille_de_route.axes = [%zu]\n", n->n_axes);
    for (size_t i = 0; i < n->n_axes; i++) {
        char *p = pr_asprintf("reseau.feuille_de_route.axes[%zu]", i);
        put_long(out, p, "numero", n->axes[i].number);
        put_str(out, p, "titre_court", n->axes[i].short_title);
        put_str(out, p, "titre", n->axes[i].title);
        free(p);
    }
}

static void dump_team(const pr_team *t, FILE *out)
{
    const char *P = "equipe";
    put_str(out, P, "bureau", t->unit_name);
    put_str(out, P, "sigle", t->unit_short);
    put_str(out, P, "ancien_sigle", t->unit_former);
    put_str(out, P, "direction", t->direction);
    fprintf(out, "equipe.membres = [%zu]\n", t->n_members);
    for (size_t i = 0; i < t->n_members; i++) {
        const pr_member *m = &t->members[i];
        char *p = pr_asprintf("equipe.membres[%zu]", i);
        put_str(out, p, "prenom", m->first_name);
        put_str(out, p, "nom", m->last_name);
        put_str(out, p, "role", m->role);
        put_str(out, p, "organisation", m->organisation);
        put_str(out, p, "unite", m->unit);
        put_str(out, p, "photo", m->photo);
        free(p);
    }
    fprintf(out, "equipe.prestataires = [%zu]\n", t->n_consultancies);
    for (size_t i = 0; i < t->n_consultancies; i++) {
        const pr_consultancy *c = &t->consultancies[i];
        char *p = pr_asprintf("equipe.prestataires[%zu]", i);
        put_str(out, p, "nom", c->name);
        put_str(out, p, "role", c->role);
        put_long(out, p, "principal", c->lead);
        put_long(out, p, "depuis", c->since);
        free(p);
    }
}

static void dump_workstream(const pr_workstream *w, const char *p, FILE *out)
{
    put_str(out, p, "id", w->id);
    put_long(out, p, "axe", w->axis);
    put_str(out, p, "titre", w->title);
    put_str(out, p, "resume", w->summary);
    for (size_t k = 0; k < w->n_statuses; k++)
        fprintf(out, "%s.statut.%d = %s\n", p, w->statuses[k].year,
                pr_status_key(w->statuses[k].status));
    put_str(out, p, "groupe.nom", w->group_name);
    put_list(out, p, "groupe.membres", w->group_members);
    put_list(out, p, "questions", w->questions);
    put_list(out, p, "points_forts", w->highlights);
    fprintf(out, "%s.actions = [%zu]\n", p, w->n_actions);
    for (size_t k = 0; k < w->n_actions; k++) {
        const pr_action *a = &w->actions[k];
        char *q = pr_asprintf("%s.actions[%zu]", p, k);
        put_str(out, q, "titre", a->title);
        put_str(out, q, "texte", a->text);
        put_str(out, q, "statut", pr_status_key(a->status));
        put_date(out, q, "date", a->date);
        put_list(out, q, "acteurs", a->actors);
        put_str(out, q, "evenement", a->event);
        free(q);
    }
    fprintf(out, "%s.livrables = [%zu]\n", p, w->n_deliverables);
    for (size_t k = 0; k < w->n_deliverables; k++) {
        char *q = pr_asprintf("%s.livrables[%zu]", p, k);
        put_str(out, q, "titre", w->deliverables[k].title);
        put_date(out, q, "echeance", w->deliverables[k].due);
        free(q);
    }
}

static void dump_event(const pr_event *e, const char *p, FILE *out)
{
    put_str(out, p, "id", e->id);
    put_date(out, p, "date", e->date);
    put_str(out, p, "type", pr_event_type_key(e->type));
    put_str(out, p, "titre", e->title);
    put_str(out, p, "theme", e->theme);
    put_str(out, p, "resume", e->summary);
    put_long(out, p, "edition", e->edition);
    put_str(out, p, "lieu", e->place);
    put_str(out, p, "ville", e->city);
    put_str(out, p, "code_postal", e->postcode);
    put_count(out, p, "participants", e->participants);
    put_people(out, p, "intervenants", e->speakers, e->n_speakers);
    put_str(out, p, "chantier", e->workstream);
    put_list(out, p, "elus", e->officials);
    fprintf(out, "%s.sessions = [%zu]\n", p, e->n_sessions);
    for (size_t k = 0; k < e->n_sessions; k++) {
        const pr_session *s = &e->sessions[k];
        char *q = pr_asprintf("%s.sessions[%zu]", p, k);
        put_str(out, q, "type", pr_session_type_key(s->type));
        put_str(out, q, "titre", s->title);
        put_str(out, q, "texte", s->text);
        put_people(out, q, "intervenants", s->speakers, s->n_speakers);
        put_count(out, q, "participants", s->participants);
        free(q);
    }
    fprintf(out, "%s.citations = [%zu]\n", p, e->n_quotes);
    for (size_t k = 0; k < e->n_quotes; k++) {
        char *q = pr_asprintf("%s.citations[%zu]", p, k);
        put_str(out, q, "texte", e->quotes[k].text);
        char *a = pr_asprintf("%s.auteur", q);
        put_person(out, a, &e->quotes[k].author);
        free(a);
        free(q);
    }
    put_people(out, p, "interviews", e->interviews, e->n_interviews);
    put_list(out, p, "thematiques", e->topics);
}

void pr_model_dump(const pr_model *m, FILE *out)
{
    const pr_report_info *r = &m->report;
    put_long(out, "rapport", "annee", r->year);
    put_str(out, "rapport", "titre", r->title);
    put_str(out, "rapport", "editeur", r->publisher);
    put_date(out, "rapport", "publication", r->published);
    put_list(out, "rapport", "ministere", r->ministry);
    put_str(out, "rapport", "site_web", r->website);
    put_str(out, "rapport", "contact", r->contact);
    fprintf(out, "rapport.credits = [%zu]\n", r->n_credits);
    for (size_t i = 0; i < r->n_credits; i++) {
        char *p = pr_asprintf("rapport.credits[%zu]", i);
        put_str(out, p, "role", r->credits[i].role);
        put_list(out, p, "personnes", r->credits[i].people);
        put_str(out, p, "organisation", r->credits[i].organisation);
        free(p);
    }
    dump_network(&m->network, out);
    dump_team(&m->team, out);
    fprintf(out, "partenaires = [%zu]\n", m->n_partners);
    for (size_t i = 0; i < m->n_partners; i++) {
        char *p = pr_asprintf("partenaires[%zu]", i);
        put_str(out, p, "id", m->partners[i].id);
        put_str(out, p, "sigle", m->partners[i].acronym);
        put_str(out, p, "nom", m->partners[i].name);
        put_long(out, p, "depuis", m->partners[i].since);
        free(p);
    }
    fprintf(out, "gouvernance.reunions = [%zu]\n", m->n_meetings);
    for (size_t i = 0; i < m->n_meetings; i++) {
        char *p = pr_asprintf("gouvernance.reunions[%zu]", i);
        put_date(out, p, "date", m->meetings[i].date);
        put_str(out, p, "instance", m->meetings[i].body);
        put_list(out, p, "decisions", m->meetings[i].decisions);
        free(p);
    }
    put_list(out, "gouvernance", "echanges", m->outreach);
    fprintf(out, "chantiers = [%zu]\n", m->n_workstreams);
    for (size_t i = 0; i < m->n_workstreams; i++) {
        char *p = pr_asprintf("chantiers[%zu]", i);
        dump_workstream(&m->workstreams[i], p, out);
        free(p);
    }
    fprintf(out, "elus = [%zu]\n", m->n_officials);
    for (size_t i = 0; i < m->n_officials; i++) {
        const pr_official *o = &m->officials[i];
        char *p = pr_asprintf("elus[%zu]", i);
        put_str(out, p, "id", o->id);
        put_str(out, p, "prenom", o->first_name);
        put_str(out, p, "nom", o->last_name);
        put_list(out, p, "mandats", o->mandates);
        put_str(out, p, "commune", o->commune);
        put_str(out, p, "departement", o->departement);
        if (o->has_coords)
            fprintf(out, "%s.coordonnees = %.6f %.6f\n", p, o->lat, o->lon);
        else
            fprintf(out, "%s.coordonnees = -\n", p);
        put_str(out, p, "chantier", o->workstream);
        free(p);
    }
    fprintf(out, "evenements = [%zu]\n", m->n_events);
    for (size_t i = 0; i < m->n_events; i++) {
        char *p = pr_asprintf("evenements[%zu]", i);
        dump_event(&m->events[i], p, out);
        free(p);
    }
    fprintf(out, "reseaux_locaux = [%zu]\n", m->n_local_networks);
    for (size_t i = 0; i < m->n_local_networks; i++) {
        const pr_local_network *l = &m->local_networks[i];
        char *p = pr_asprintf("reseaux_locaux[%zu]", i);
        put_str(out, p, "id", l->id);
        put_str(out, p, "nom", l->name);
        put_str(out, p, "echelle", pr_scale_key(l->scale));
        put_list(out, p, "regions", l->regions);
        put_list(out, p, "departements", l->departements);
        put_str(out, p, "pilote", l->lead);
        put_list(out, p, "partenaires", l->partners);
        put_long(out, p, "actif", l->active);
        put_long(out, p, "depuis", l->since);
        free(p);
    }
    put_list(out, "", "perspectives", m->next_year);
    fprintf(out, "lettres = [%zu]\n", m->n_newsletters);
    for (size_t i = 0; i < m->n_newsletters; i++) {
        char *p = pr_asprintf("lettres[%zu]", i);
        put_long(out, p, "numero", m->newsletters[i].number);
        put_date(out, p, "date", m->newsletters[i].date);
        put_str(out, p, "grand_angle", m->newsletters[i].grand_angle);
        put_list(out, p, "sujets", m->newsletters[i].highlights);
        free(p);
    }
    const pr_communication *c = &m->communication;
    put_items(out, "communication", "rubriques_lettre", c->newsletter_sections,
              c->n_newsletter_sections);
    put_date(out, "communication", "site.ouverture", c->site_opening);
    put_str(out, "communication", "site.ancien", c->site_former);
    put_items(out, "communication", "site.objectifs", c->site_objectives, c->n_site_objectives);
    put_items(out, "communication", "site.rubriques", c->site_sections, c->n_site_sections);
    fprintf(out, "chiffres_declares = [%zu]\n", m->n_declared);
    for (size_t i = 0; i < m->n_declared; i++) {
        char *p = pr_asprintf("chiffres_declares[%zu]", i);
        put_str(out, p, "chiffre", m->declared[i].figure);
        put_long(out, p, "valeur", m->declared[i].value);
        put_str(out, p, "libelle", m->declared[i].as_printed);
        put_str(out, p, "source", m->declared[i].where);
        free(p);
    }
}
