/* sheets_reference.h — the annex's reference sheets:
 *   Listes       the code lists the "(clé)" and yes/no columns admit, one
 *                table each (types of events, of sessions and of meetings,
 *                statuses, scales, count precisions, date precisions,
 *                oui/non, the roadmap's axes, the régions); the labels of
 *                the record sheets are looked up there, and their code
 *                columns validated against them
 *   Définitions  a glossary of the terms the figures' definitions use
 * Their layout is fixed by the model's tables, so record sheets built
 * before them can name their ranges. */
#ifndef PR_ANNEX_SHEETS_REFERENCE_H
#define PR_ANNEX_SHEETS_REFERENCE_H

#include "annex/book.h"

/* The code lists of Listes, left to right. */
typedef enum {
    LIST_EVENT_TYPES,     /* TypesEvenement: Clé, Libellé */
    LIST_SESSION_TYPES,   /* TypesSession */
    LIST_MEETING_KINDS,   /* TypesReunion */
    LIST_STATUSES,        /* Statuts */
    LIST_SCALES,          /* Echelles */
    LIST_PRECISIONS,      /* Precisions: exact, environ, plus de (Clé as shown) */
    LIST_DATE_PRECISIONS, /* PrecisionsDate: jour, mois, année */
    LIST_YES_NO,          /* OuiNon: oui, non */
    LIST_AXES,            /* Axes: Clé (the number), Libellé (short title) */
    LIST_REGIONS,         /* Regions: Clé (INSEE code), Libellé (name) */
    LIST__N
} annex_list;

/* Every list's table has these two columns. */
enum { LI_KEY, LI_LABEL, LI__N };
extern const char *const annex_li_headers[LI__N];

/* Définitions */
enum { GL_TERM, GL_DEFINITION, GL__N };
extern const char *const annex_gl_headers[GL__N];

/* The Excel table name of a list ("TypesEvenement"). */
const char *annex_list_table(annex_list l);
/* The validation formula of a list's keys ("='Listes'!$A$3:$A$12"). */
const char *annex_list_range(annex_book *b, annex_list l);
/* The validation formula of a column of a record sheet's main table, over
 * the rows the model gives it ("='Événements'!$A$3:$A$11"). */
const char *annex_records_range(annex_book *b, annex_sheet_id id, unsigned col, size_t n_records);
/* The formula (without '=') of the label of the key at `key_ref` in list
 * l ("" for an unknown key). */
const char *annex_list_label(annex_book *b, annex_list l, const char *key_ref);

void annex_build_lists(annex_book *b);
void annex_build_glossary(annex_book *b);

#endif
