/* model_schema.h — the model described to itself: for each record type of
 * model.h, its fields with their data-file key, kind, whether the file must
 * give them, their default, where they live in the struct, and the derived
 * values computed from them. One table per record (model_schema.c), read by
 *
 *   - model_build.c, which validates a data file with it (types, required
 *     fields, defaults, unknown keys);
 *   - the templates (compose/template_text.c), whose field paths
 *     ("chantiers[].statut", "equipe.prestataires[principal=false]") are
 *     checked against it and evaluated on the model through pr_mvalue below,
 *     so that they see the defaults and the derived values;
 *   - pr_model_dump(), which writes every field;
 *   - the tests that hold data/README.md and the annex to it.
 *
 * A field added to a struct of model.h is added to its record's table here;
 * from then on the data file may give it, templates may use it, the dump
 * writes it, and the tests say where the documentation and the annex lack
 * it.
 *
 * Derived values (`derived` set) are not read from the data file: they are
 * computed from the model (a workstream's status for the report's year, a
 * partner that is a member in the year, the départements a local network
 * covers, the year of a dated record) and offered to templates like any
 * other field.
 *
 * Everything here is static and read-only. */
#ifndef PR_MODEL_SCHEMA_H
#define PR_MODEL_SCHEMA_H

#include <stddef.h>

#include "base/util.h"
#include "data/model.h"

/* ---- the schema ---------------------------------------------------------- */
typedef enum {
    PR_FIELD_TEXT,       /* const char * (NULL: absent) */
    PR_FIELD_INT,        /* int; an optional one without default is absent at 0 */
    PR_FIELD_LONG,       /* long; likewise */
    PR_FIELD_REAL,       /* double */
    PR_FIELD_BOOL,       /* int, 0 or 1 */
    PR_FIELD_DATE,       /* pr_date (PR_DATE_NONE: absent) */
    PR_FIELD_ENUM,       /* an enum stored as int; its keys in ->en */
    PR_FIELD_COUNT,      /* pr_count: an integer or {valeur, precision} (->record) */
    PR_FIELD_STRLIST,    /* pr_strlist */
    PR_FIELD_LIST,       /* array of ->record at offset, its size_t count at count_offset */
    PR_FIELD_OBJECT,     /* a nested object: ->record's fields, relative to offset */
    PR_FIELD_YEAR_MAP    /* {AAAA: key}: pr_year_status array at offset, count at
                            count_offset; values from ->en, ->dflt for a year absent */
} pr_field_kind;

/* Ranges of INT and LONG fields. */
typedef enum { PR_RANGE_ANY, PR_RANGE_NONNEG, PR_RANGE_POS, PR_RANGE_YEAR } pr_int_range;

/* Precisions a DATE field admits (a mask). */
enum { PR_PREC_YEAR = 1, PR_PREC_MONTH = 2, PR_PREC_DAY = 4 };

/* An enumeration: its keys (the data file's spelling) and French labels,
 * from its table in model.h. */
typedef struct pr_enum_desc {
    const char *what;              /* "type d'événement" (messages) */
    int feminine;                  /* "échelle inconnue" */
    const char *const *keys;       /* n keys in enum order, NULL-terminated */
    const char *const *labels;     /* n labels */
    int n;
} pr_enum_desc;

extern const pr_enum_desc pr_enum_event_type, pr_enum_session_type, pr_enum_status,
    pr_enum_scale, pr_enum_count_precision, pr_enum_meeting_kind;

/* Checks across the fields of one record, done by model_build.c after its
 * fields are read (and, for some, defaults set before). */
typedef enum {
    PR_CHECK_NONE,
    PR_CHECK_ITEM,            /* titre or texte */
    PR_CHECK_PERSON,          /* nom or organisation */
    PR_CHECK_COUNT,           /* {valeur, precision}: valeur >= 0 */
    PR_CHECK_REPORT,          /* addresses at most PR_MAX_URL_CHARS long */
    PR_CHECK_ROADMAP,         /* fin >= debut */
    PR_CHECK_MEMBER,          /* the photo exists */
    PR_CHECK_TEAM,            /* one lead consultancy at most */
    PR_CHECK_COORDINATES,     /* latitude and longitude ranges */
    PR_CHECK_OFFICIAL,        /* département code */
    PR_CHECK_LOCAL_NETWORK,   /* codes, and codes against the scale */
    PR_CHECK_DECLARED,        /* figure id, value >= 0 */
    PR_CHECK_PUBLISHED,       /* figure id, value >= 0, definition version */
    PR_CHECK_MEETING          /* type: from the instance when absent */
} pr_record_check;

typedef struct pr_field pr_field;
typedef struct pr_record pr_record;
typedef struct pr_mvalue pr_mvalue;

/* A derived value of the record at `rec` in model m. */
typedef pr_mvalue (*pr_derive_fn)(const pr_model *m, const void *rec, const pr_field *f);

struct pr_field {
    const char *key;               /* the data file's key; NULL ends a table */
    pr_field_kind kind;
    int required;                  /* the data file must give it */
    int has_default;               /* BOOL, INT, ENUM: dflt when absent */
    long dflt;                     /* and YEAR_MAP: the value of a year absent */
    size_t offset;                 /* in the record (OBJECT: its fields' base) */
    size_t count_offset;           /* LIST, YEAR_MAP: the size_t count */
    int flags;                     /* INT/LONG: a pr_int_range; DATE: PR_PREC_* mask */
    int has_present;               /* OBJECT: an int at present_offset is 1 */
    size_t present_offset;         /*   when the object was given */
    int has_pos;                   /* the value's position is kept at pos_offset */
    size_t pos_offset;             /*   (a pr_pos), for messages about it */
    const pr_record *record;       /* LIST items, OBJECT and COUNT fields */
    const pr_enum_desc *en;        /* ENUM, YEAR_MAP */
    pr_derive_fn derive;           /* derived: computed, never in the data file */
    const char *about;             /* derived: what it is (French, for docs) */
};

struct pr_record {
    const char *name;              /* "workstream": for tests and dumps */
    size_t size;                   /* list items: the struct's size */
    const pr_field *fields;        /* ended by a NULL key */
    int has_pos;                   /* the record's position is kept */
    size_t pos_offset;
    pr_record_check check;
};

/* The whole data file (pr_model). */
extern const pr_record pr_schema_model;

/* The field of r with this key (derived ones included), or NULL. */
const pr_field *pr_record_field(const pr_record *r, const char *key);
/* The keys of r's fields, NULL-terminated, into out (at most max - 1);
 * derived ones only when `derived`. Returns how many. */
size_t pr_record_keys(const pr_record *r, int derived, const char **out, size_t max);

/* Visit every field of the schema depth first, in table order, with its
 * path written like data paths with "[]" for list items:
 * "evenements[].sessions[].intervenants[].nom". Nested objects and list
 * items are visited after the field holding them. */
typedef void (*pr_schema_visit_fn)(const char *path, const pr_field *f, void *ud);
void pr_schema_walk(pr_schema_visit_fn fn, void *ud);

/* ---- values of the model --------------------------------------------------
 * A value read through the schema: the model's own data, with the defaults
 * applied and the derived values computed. */
typedef enum {
    PR_MV_ABSENT,      /* an optional field not given */
    PR_MV_TEXT,        /* v.text */
    PR_MV_INT,         /* v.num */
    PR_MV_REAL,        /* v.real */
    PR_MV_BOOL,        /* v.num: 0 or 1 */
    PR_MV_DATE,        /* v.date */
    PR_MV_ENUM,        /* v.num, keys and labels in field->en */
    PR_MV_COUNT,       /* v.count; ptr: the pr_count (a record of field->record) */
    PR_MV_STRLIST,     /* n texts at ptr (const char *const *) */
    PR_MV_LIST,        /* n records of `record` at ptr */
    PR_MV_RECORD,      /* a record of `record` whose fields are at ptr */
    PR_MV_YEAR_MAP     /* n pr_year_status at ptr */
} pr_mv_kind;

struct pr_mvalue {
    pr_mv_kind kind;
    const pr_field *field;         /* what it was read as (NULL: the root, or a
                                      list item: then see `record`) */
    const pr_record *record;       /* RECORD, COUNT; LIST: the items' */
    const void *ptr;
    size_t n;
    union {
        const char *text;
        long num;
        double real;
        pr_date date;
        pr_count count;
    } v;
};

/* The whole model, as a record. */
pr_mvalue pr_mvalue_root(const pr_model *m);
/* Field f of a record value (RECORD, or COUNT for valeur / precision);
 * ABSENT when not given (or rec is not a record). */
pr_mvalue pr_mvalue_get(const pr_model *m, const pr_mvalue *rec, const pr_field *f);
/* Item i of a LIST (a RECORD) or a STRLIST (a TEXT, field kept); ABSENT
 * out of range. */
pr_mvalue pr_mvalue_item(const pr_mvalue *list, size_t i);
/* The value of a YEAR_MAP for a year (its default when the year is absent). */
pr_mvalue pr_mvalue_year(const pr_mvalue *map, int year);
/* Is the value "there": given, non-empty, non-zero, true. A record is when
 * one of its fields is (an object with a presence flag: when given). */
int pr_mvalue_truthy(const pr_model *m, const pr_mvalue *v);
/* The value as plain text, as the data file writes it: texts as they are,
 * numbers in digits, true / false, dates AAAA-MM-JJ / AAAA-MM / AAAA, enum
 * keys, a count's value, a list of texts joined with ", " and " et ";
 * nothing for the rest. Appended to sb. */
void pr_mvalue_put(pr_strbuf *sb, const pr_mvalue *v);
/* The position of a record's field in the data file when kept, else of the
 * record when kept; 0 when neither. */
int pr_mvalue_pos(const pr_mvalue *rec, const char *key, pr_pos *out);

#endif
