/* model_build.c — validation of the document tree (value.h) into the typed
 * model (model.h), in two passes:
 *
 *  1. reading: the model's schema (model_schema.h: a table per record,
 *     with each field's key, kind, required flag, default and place)
 *     drives one generic reader, so types, required fields, defaults and
 *     unknown keys (with a "vouliez-vous dire" suggestion) are handled the
 *     same way everywhere; each record's check (pr_record_check) looks at
 *     what depends on several of its fields (a person needs a name or an
 *     organisation, a regional network needs régions...);
 *  2. cross-checks over the whole year: unique ids, references between
 *     lists, events dated outside the report's year (a warning).
 *
 * Every problem is reported (never stop at the first) at the position of
 * the offending value, with its data path written with the file's keys and
 * 0-based indices: `evenements[4].date`. Every problem is an error (an
 * unknown key too: a misspelt key is never ignored, data/README.md), except
 * the few warnings of the cross-checks; after any error no model is
 * returned. A model that validated then gets the derived values it stores
 * (the départements each local network covers). */
#include "data/model.h"
#include "data/model_schema.h"
#include "data/value.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/date.h"
#include "data/figures.h"
#include "data/geo.h"
#include "image/photo.h"

/* Severity of an unknown key: an error (data/README.md: a misspelt key
 * would silently lose its data). */
#define UNKNOWN_KEY_SEVERITY PR_SEV_ERROR

typedef struct bctx {
    pr_model *m;
    pr_diags *d;
    const char *data_file;
    pr_strbuf path;      /* data path of the value being read */
    int flags;           /* PR_BUILD_* (model.h) */
} bctx;

/* ---- data paths ------------------------------------------------------------ */
static size_t path_key(bctx *c, const char *key)
{
    size_t old = c->path.len;
    if (c->path.len)
        pr_sb_putc(&c->path, '.');
    pr_sb_puts(&c->path, key);
    return old;
}

static size_t path_index(bctx *c, size_t i)
{
    size_t old = c->path.len;
    pr_sb_printf(&c->path, "[%zu]", i);
    return old;
}

static void path_pop(bctx *c, size_t old)
{
    c->path.len = old;
    if (c->path.data)
        c->path.data[old] = '\0';
}

/* Report at pos, with the current data path. */
static void report(bctx *c, pr_severity sev, pr_pos pos, const char *fmt, ...) PR_PRINTF(4, 5);
static void report(bctx *c, pr_severity sev, pr_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = pr_vasprintf(fmt, ap);
    va_end(ap);
    pr_diag_add(c->d, sev, PR_DIAG_DATA, pos, c->path.len ? c->path.data : NULL, "%s", msg);
    free(msg);
}
#define ERR(c, pos, ...) report((c), PR_SEV_ERROR, (pos), __VA_ARGS__)
#define WARN(c, pos, ...) report((c), PR_SEV_WARNING, (pos), __VA_ARGS__)

/* ---- describing what was found ---------------------------------------------- */
/* At most 40 characters of s, with "…" when cut (heap). */
static char *shorten(const char *s)
{
    size_t i = 0, n = strlen(s);
    int chars = 0;
    while (i < n && chars < 40) {
        unsigned cp;
        int l = pr_utf8_decode(s + i, n - i, &cp);
        i += l ? (size_t)l : 1;
        chars++;
    }
    if (i >= n)
        return pr_strdup(s);
    char *r = pr_malloc(i + 4);
    memcpy(r, s, i);
    memcpy(r + i, "…", 4);
    return r;
}

/* "une liste", "le nombre 59", "« beaucoup »"... (heap). */
static char *describe(const pr_value *v)
{
    if (v->kind == PR_V_SEQ)
        return pr_strdup("une liste");
    if (v->kind == PR_V_MAP)
        return pr_strdup("un objet");
    char *t = shorten(v->text), *r;
    switch (v->style) {
    case PR_SCALAR_NULL: r = pr_strdup("une valeur nulle"); break;
    case PR_SCALAR_BOOL: r = pr_asprintf("le booléen %s", t); break;
    case PR_SCALAR_NUMBER: r = pr_asprintf("le nombre %s", t); break;
    case PR_SCALAR_STRING: r = pr_asprintf("le texte « %s »", t); break;
    case PR_SCALAR_PLAIN:
    default: r = *t ? pr_asprintf("« %s »", t) : pr_strdup("une valeur vide"); break;
    }
    free(t);
    return r;
}

static void type_error(bctx *c, const pr_value *v, const char *expected)
{
    char *found = describe(v);
    ERR(c, v->pos, "%s, trouvé %s", expected, found);
    free(found);
}

/* ---- scalars ---------------------------------------------------------------- */
static int is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

/* Does s look like an integer: [-+]?[0-9]+ ? */
static int looks_int(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* A text value (plain or quoted), copied into the model; NULL when empty
 * (an error if required) or after a type error. */
static const char *read_text(bctx *c, const pr_value *v, int required)
{
    if (v->kind != PR_V_SCALAR) {
        type_error(c, v, "texte attendu");
        return NULL;
    }
    if (v->style == PR_SCALAR_NUMBER || v->style == PR_SCALAR_BOOL) {
        char *found = describe(v);
        ERR(c, v->pos, "texte attendu, trouvé %s : l'écrire entre guillemets (\"%s\")", found,
            v->text);
        free(found);
        return NULL;
    }
    if (v->style == PR_SCALAR_NULL || is_blank(v->text)) {
        if (required)
            ERR(c, v->pos, "texte vide : ce champ est obligatoire");
        return NULL;
    }
    return pr_arena_strndup(&c->m->arena, v->text, v->text_len);
}

/* An integer (plain YAML or JSON number, never quoted) within ±10^9. */
static int read_long(bctx *c, const pr_value *v, long *out)
{
    if (v->kind != PR_V_SCALAR || v->style == PR_SCALAR_BOOL || v->style == PR_SCALAR_NULL) {
        type_error(c, v, "nombre entier attendu");
        return 0;
    }
    if (!looks_int(v->text)) {
        type_error(c, v, "nombre entier attendu");
        return 0;
    }
    if (v->style == PR_SCALAR_STRING && v->str_tag) {
        ERR(c, v->pos, "nombre entier attendu, trouvé le texte « %s » (étiquette !!str) : "
                       "retirer l'étiquette !!str", v->text);
        return 0;
    }
    if (v->style == PR_SCALAR_STRING) {
        ERR(c, v->pos, "nombre entier attendu, trouvé le texte « %s » entre guillemets : "
                       "retirer les guillemets", v->text);
        return 0;
    }
    errno = 0;
    long x = strtol(v->text, NULL, 10);
    if (errno == ERANGE || x > 1000000000L || x < -1000000000L) {
        ERR(c, v->pos, "nombre trop grand « %s »", v->text);
        return 0;
    }
    *out = x;
    return 1;
}

/* A decimal number (plain YAML or JSON number). */
static int read_real(bctx *c, const pr_value *v, double *out)
{
    if (v->kind != PR_V_SCALAR || (v->style != PR_SCALAR_PLAIN && v->style != PR_SCALAR_NUMBER)) {
        type_error(c, v, "nombre attendu");
        return 0;
    }
    char *end;
    errno = 0;
    double x = strtod(v->text, &end);
    if (end == v->text || *end || errno == ERANGE || !isfinite(x)) {
        if (strchr(v->text, ',') && !strchr(v->text, '.'))
            ERR(c, v->pos, "nombre attendu, trouvé « %s » : le séparateur décimal est le point",
                v->text);
        else
            type_error(c, v, "nombre attendu");
        return 0;
    }
    *out = x;
    return 1;
}

static int read_bool(bctx *c, const pr_value *v, int *out)
{
    if (v->kind == PR_V_SCALAR && (v->style == PR_SCALAR_PLAIN || v->style == PR_SCALAR_BOOL)) {
        const char *t = v->text;
        if (!strcmp(t, "true") || !strcmp(t, "True") || !strcmp(t, "TRUE")) {
            *out = 1;
            return 1;
        }
        if (!strcmp(t, "false") || !strcmp(t, "False") || !strcmp(t, "FALSE")) {
            *out = 0;
            return 1;
        }
    }
    type_error(c, v, "booléen attendu (true ou false)");
    return 0;
}

/* ---- dates -------------------------------------------------------------------- */
enum { P_YEAR = PR_PREC_YEAR, P_MONTH = PR_PREC_MONTH, P_DAY = PR_PREC_DAY };

/* "AAAA-MM-JJ ou AAAA-MM" for a precision mask. */
static const char *forms(int mask)
{
    switch (mask) {
    case P_DAY | P_MONTH | P_YEAR: return "AAAA-MM-JJ, AAAA-MM ou AAAA";
    case P_DAY | P_MONTH: return "AAAA-MM-JJ ou AAAA-MM";
    case P_MONTH: return "AAAA-MM";
    case P_DAY: return "AAAA-MM-JJ";
    default: return "AAAA";
    }
}

/* n digits at s, as a number; -1 if not all digits. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Strict forms: AAAA, AAAA-MM, AAAA-MM-JJ. Returns 1 and fills *d, or 0. */
static int parse_iso(const char *s, pr_date *d)
{
    size_t n = strlen(s);
    memset(d, 0, sizeof *d);
    if ((n != 4 && n != 7 && n != 10) || (d->year = digits(s, 4)) < 0)
        return 0;
    d->prec = PR_DATE_YEAR;
    if (n >= 7) {
        if (s[4] != '-' || (d->month = digits(s + 5, 2)) < 0)
            return 0;
        d->prec = PR_DATE_MONTH;
    }
    if (n == 10) {
        if (s[7] != '-' || (d->day = digits(s + 8, 2)) < 0)
            return 0;
        d->prec = PR_DATE_DAY;
    }
    return 1;
}

/* A suggestion for a date written another way ("2023-3", "03/2023",
 * "mars 2023", "7 mars 2023", "07/03/2023"): writes the ISO form to out and
 * returns 1, or returns 0. */
static int suggest_date(const char *s, int mask, char out[16])
{
    /* tokens: numbers and words, separated by anything else */
    struct { int num; int val, len; const char *w; } t[5];
    int n = 0;
    for (const char *p = s; *p && n < 5;) {
        unsigned char ch = (unsigned char)*p;
        if (ch >= '0' && ch <= '9') {
            int v = 0, l = 0;
            while (*p >= '0' && *p <= '9' && l < 9)
                v = v * 10 + (*p++ - '0'), l++;
            t[n].num = 1, t[n].val = v, t[n].len = l, t[n].w = NULL;
            n++;
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80) {
            const char *b = p;
            while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80)
                p++;
            /* "1er mars": the ordinal suffix is not a token */
            if (n > 0 && t[n - 1].num && p - b == 2 && !strncmp(b, "er", 2))
                continue;
            t[n].num = 0, t[n].w = b, t[n].len = (int)(p - b);
            t[n].val = pr_date_month_of_name(b, (unsigned long)(p - b));
            n++;
        } else {
            p++;
        }
    }
    int y = 0, m = 0, d = 0;
    if (n == 2 && t[0].num && t[0].len == 4 && t[1].num && t[1].len <= 2)
        y = t[0].val, m = t[1].val;                                   /* 2023-3 */
    else if (n == 3 && t[0].num && t[0].len == 4 && t[1].num && t[2].num && t[1].len <= 2 &&
             t[2].len <= 2)
        y = t[0].val, m = t[1].val, d = t[2].val;                     /* 2023-3-7 */
    else if (n == 2 && t[0].num && t[0].len <= 2 && t[1].num && t[1].len == 4)
        y = t[1].val, m = t[0].val;                                   /* 03/2023 */
    else if (n == 3 && t[0].num && t[1].num && t[2].num && t[0].len <= 2 && t[1].len <= 2 &&
             t[2].len == 4)
        y = t[2].val, m = t[1].val, d = t[0].val;                     /* 07/03/2023 */
    else if (n == 2 && !t[0].num && t[0].val && t[1].num && t[1].len == 4)
        y = t[1].val, m = t[0].val;                                   /* mars 2023 */
    else if (n == 3 && t[0].num && t[0].len <= 2 && !t[1].num && t[1].val && t[2].num &&
             t[2].len == 4)
        y = t[2].val, m = t[1].val, d = t[0].val;                     /* 7 mars 2023 */
    else if (strlen(s) > 10 && (s[10] == 'T' || s[10] == ' ')) {     /* 2023-03-07T10:00 */
        pr_date iso;
        char head[11];
        memcpy(head, s, 10);
        head[10] = '\0';
        if (!parse_iso(head, &iso))
            return 0;
        y = iso.year, m = iso.month, d = iso.day;
    } else {
        return 0;
    }
    if (m < 1 || m > 12 || (d && !pr_date_valid(y, m, d)))
        return 0;
    if (d && !(mask & P_DAY))
        d = 0;
    if (d)
        snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(out, 16, "%04d-%02d", y, m);
    return 1;
}

/* A date of one of the precisions in `mask`. */
static int read_date(bctx *c, const pr_value *v, int mask, pr_date *out)
{
    if (v->kind != PR_V_SCALAR || v->style == PR_SCALAR_BOOL || v->style == PR_SCALAR_NULL) {
        char *e = pr_asprintf("date attendue (%s)", forms(mask));
        type_error(c, v, e);
        free(e);
        return 0;
    }
    pr_date d;
    if (!parse_iso(v->text, &d) || (v->style == PR_SCALAR_NUMBER && d.prec != PR_DATE_YEAR)) {
        char sugg[16];
        if (suggest_date(v->text, mask, sugg))
            ERR(c, v->pos, "date mal écrite « %s » : forme attendue %s ; écrire « %s »", v->text,
                forms(mask), sugg);
        else
            ERR(c, v->pos, "date mal écrite « %s » : forme attendue %s", v->text, forms(mask));
        return 0;
    }
    if (d.year < 1000) {
        /* the annex writes four-digit years (ISO 8601, as spreadsheets read
         * them): a year 0999 would make a file they refuse */
        ERR(c, v->pos, "date impossible « %s » : l'année doit être comprise entre 1000 et 9999",
            v->text);
        return 0;
    }
    if (d.prec >= PR_DATE_MONTH && (d.month < 1 || d.month > 12)) {
        ERR(c, v->pos, "date impossible : il n'y a pas de mois %d", d.month);
        return 0;
    }
    if (d.prec == PR_DATE_DAY && d.day < 1) {
        ERR(c, v->pos, "date impossible : il n'y a pas de jour 0");
        return 0;
    }
    if (d.prec == PR_DATE_DAY && !pr_date_valid(d.year, d.month, d.day)) {
        ERR(c, v->pos, "date impossible : %s %d n'a que %d jours", pr_date_month_name(d.month),
            d.year, pr_date_days_in_month(d.year, d.month));
        return 0;
    }
    int bit = d.prec == PR_DATE_DAY ? P_DAY : d.prec == PR_DATE_MONTH ? P_MONTH : P_YEAR;
    if (!(mask & bit)) {
        static const char *const what[] = {"", "à l'année seule", "au mois", "au jour"};
        ERR(c, v->pos, "date %s « %s » non admise ici : forme attendue %s", what[d.prec],
            v->text, forms(mask));
        return 0;
    }
    *out = d;
    return 1;
}

/* ---- enumerations --------------------------------------------------------------- */
static int read_enum(bctx *c, const pr_value *v, const pr_enum_desc *e, int *out)
{
    if (v->kind != PR_V_SCALAR || v->style == PR_SCALAR_NUMBER || v->style == PR_SCALAR_BOOL ||
        v->style == PR_SCALAR_NULL) {
        char *x = pr_asprintf("%s attendu%s", e->what, e->feminine ? "e" : "");
        type_error(c, v, x);
        free(x);
        return 0;
    }
    for (int i = 0; e->keys[i]; i++)
        if (!strcmp(v->text, e->keys[i])) {
            *out = i;
            return 1;
        }
    pr_strbuf all = {0};
    for (int i = 0; e->keys[i]; i++)
        pr_sb_printf(&all, "%s%s", i ? ", " : "", e->keys[i]);
    const char *s = pr_suggest(v->text, e->keys);
    char *t = shorten(v->text);
    if (s)
        ERR(c, v->pos, "%s inconnu%s « %s » : vouliez-vous dire « %s » ? (valeurs possibles : %s)",
            e->what, e->feminine ? "e" : "", t, s, all.data);
    else
        ERR(c, v->pos, "%s inconnu%s « %s » (valeurs possibles : %s)", e->what,
            e->feminine ? "e" : "", t, all.data);
    free(t);
    pr_sb_free(&all);
    return 0;
}

/* ---- reading with the schema (model_schema.h) ------------------------------------------ */
static int read_object(bctx *c, const pr_value *v, const pr_record *s, char *obj);

static void read_strlist(bctx *c, const pr_value *v, pr_strlist *out)
{
    if (v->kind != PR_V_SEQ) {
        char *found = describe(v);
        if (v->kind == PR_V_SCALAR && v->style == PR_SCALAR_STRING)
            ERR(c, v->pos, "liste de textes attendue, trouvé %s : écrire [\"%s\"] pour une "
                           "liste d'un seul élément", found, v->text);
        else if (v->kind == PR_V_SCALAR && v->style == PR_SCALAR_PLAIN && *v->text)
            ERR(c, v->pos, "liste de textes attendue, trouvé %s : écrire [%s] pour une liste "
                           "d'un seul élément", found, v->text);
        else
            ERR(c, v->pos, "liste de textes attendue, trouvé %s", found);
        free(found);
        return;
    }
    out->items = pr_arena_alloc(&c->m->arena, (v->n ? v->n : 1) * sizeof *out->items);
    out->n = v->n;
    for (size_t i = 0; i < v->n; i++) {
        size_t old = path_index(c, i);
        out->items[i] = read_text(c, v->items[i], 1);
        path_pop(c, old);
    }
}

static void read_list(bctx *c, const pr_value *v, const pr_record *s, void **arr, size_t *n)
{
    if (v->kind != PR_V_SEQ) {
        type_error(c, v, "liste attendue");
        return;
    }
    char *items = pr_arena_alloc(&c->m->arena, (v->n ? v->n : 1) * s->size);
    for (size_t i = 0; i < v->n; i++) {
        size_t old = path_index(c, i);
        read_object(c, v->items[i], s, items + i * s->size);
        path_pop(c, old);
    }
    *arr = items;
    *n = v->n;
}

/* A count: an integer, or {valeur, precision} (the field's record). */
static void read_count(bctx *c, const pr_field *f, const pr_value *v, pr_count *out)
{
    if (v->kind == PR_V_MAP) {
        if (read_object(c, v, f->record, (char *)out))
            out->known = 1;
        return;
    }
    if (v->kind != PR_V_SCALAR) {
        type_error(c, v, "effectif attendu (nombre entier ou {valeur, precision})");
        return;
    }
    long x;
    if (!read_long(c, v, &x))
        return;
    if (x < 0) {
        ERR(c, v->pos, "effectif négatif (%ld) : un nombre de participants est positif ou nul", x);
        return;
    }
    out->known = 1;
    out->value = x;
    out->prec = PR_COUNT_EXACT;
}

/* A map year -> value of the field's enum: {2023: en_cours, 2024: prevu}. */
static void read_year_map(bctx *c, const pr_field *f, const pr_value *v, char *base)
{
    pr_year_status **arr = (pr_year_status **)(base + f->offset);
    size_t *n = (size_t *)(base + f->count_offset);
    if (v->kind != PR_V_MAP) {
        type_error(c, v, "objet année → statut attendu ({2023: en_cours})");
        return;
    }
    *arr = pr_arena_alloc(&c->m->arena, (v->n ? v->n : 1) * sizeof **arr);
    for (size_t i = 0; i < v->n; i++) {
        size_t old = path_key(c, v->keys[i]);
        const char *k = v->keys[i];
        int value;
        if (strlen(k) != 4 || digits(k, 4) < 1000) {
            char *t = shorten(k);
            ERR(c, v->key_pos[i], "année attendue comme clé de statut (AAAA), trouvé « %s »", t);
            free(t);
        } else if (read_enum(c, v->items[i], f->en, &value)) {
            (*arr)[*n].year = digits(k, 4);
            (*arr)[(*n)++].status = (pr_status)value;
        }
        path_pop(c, old);
    }
}

static void read_field(bctx *c, const pr_field *f, const pr_value *v, char *base)
{
    void *dst = base + f->offset;
    if (f->has_pos)
        *(pr_pos *)(base + f->pos_offset) = v->pos;
    if (v->kind == PR_V_SCALAR && v->style == PR_SCALAR_NULL && f->kind != PR_FIELD_YEAR_MAP) {
        if (f->required)
            ERR(c, v->pos, "valeur nulle : ce champ est obligatoire");
        return;
    }
    switch (f->kind) {
    case PR_FIELD_TEXT:
        *(const char **)dst = read_text(c, v, f->required);
        break;
    case PR_FIELD_INT:
    case PR_FIELD_LONG: {
        long x;
        if (!read_long(c, v, &x))
            break;
        if (f->flags == PR_RANGE_NONNEG && x < 0)
            ERR(c, v->pos, "nombre négatif (%ld) : ce champ est positif ou nul", x);
        else if (f->flags == PR_RANGE_POS && x < 1)
            ERR(c, v->pos, "nombre entier ≥ 1 attendu, trouvé %ld", x);
        else if (f->flags == PR_RANGE_YEAR && (x < 1000 || x > 9999))
            ERR(c, v->pos, "année attendue (AAAA), trouvé %ld", x);
        if (f->kind == PR_FIELD_INT)
            *(int *)dst = (int)x;
        else
            *(long *)dst = x;
        break;
    }
    case PR_FIELD_REAL:
        read_real(c, v, (double *)dst);
        break;
    case PR_FIELD_BOOL:
        read_bool(c, v, (int *)dst);
        break;
    case PR_FIELD_DATE:
        read_date(c, v, f->flags, (pr_date *)dst);
        break;
    case PR_FIELD_ENUM:
        read_enum(c, v, f->en, (int *)dst);
        break;
    case PR_FIELD_COUNT:
        read_count(c, f, v, (pr_count *)dst);
        break;
    case PR_FIELD_STRLIST:
        read_strlist(c, v, (pr_strlist *)dst);
        break;
    case PR_FIELD_LIST:
        read_list(c, v, f->record, (void **)dst, (size_t *)(base + f->count_offset));
        break;
    case PR_FIELD_OBJECT:
        if (read_object(c, v, f->record, (char *)dst) && f->has_present)
            *(int *)(base + f->present_offset) = 1;
        break;
    case PR_FIELD_YEAR_MAP:
        read_year_map(c, f, v, base);
        break;
    }
}

/* Warn about a key the schema does not know, suggesting the closest. */
static void unknown_key(bctx *c, const pr_value *map, size_t i, const pr_record *s)
{
    const char *cands[40];
    size_t n = pr_record_keys(s, 0, cands, 40);   /* derived values are no keys */
    const char *sugg = pr_suggest(map->keys[i], cands);
    char *k = shorten(map->keys[i]);
    if (sugg) {
        report(c, UNKNOWN_KEY_SEVERITY, map->key_pos[i],
               "clé inconnue « %s » : vouliez-vous dire « %s » ?", k, sugg);
    } else {
        pr_strbuf all = {0};
        for (size_t j = 0; j < n; j++)
            pr_sb_printf(&all, "%s%s", j ? ", " : "", cands[j]);
        report(c, UNKNOWN_KEY_SEVERITY, map->key_pos[i],
               "clé inconnue « %s » (clés possibles : %s)", k, all.data);
        pr_sb_free(&all);
    }
    free(k);
}

static void init_record(bctx *c, const pr_record *s, char *obj);
static void check_record(bctx *c, const pr_record *s, const pr_value *map, char *obj);

/* Read map v into obj following record s: its defaults first, then the
 * keys of v, the required fields, and the record's checks across fields.
 * Returns 0 if v is not a map. */
static int read_object(bctx *c, const pr_value *v, const pr_record *s, char *obj)
{
    for (const pr_field *f = s->fields; f->key; f++)
        if (f->has_default && !f->derive) {
            if (f->kind == PR_FIELD_BOOL || f->kind == PR_FIELD_INT || f->kind == PR_FIELD_ENUM)
                *(int *)(obj + f->offset) = (int)f->dflt;
        }
    init_record(c, s, obj);
    if (v->kind != PR_V_MAP) {
        type_error(c, v, "objet attendu");
        return 0;
    }
    if (s->has_pos)
        *(pr_pos *)(obj + s->pos_offset) = v->pos;
    unsigned long long seen = 0;
    for (size_t i = 0; i < v->n; i++) {
        int idx = -1;
        for (int k = 0; s->fields[k].key; k++)
            if (!s->fields[k].derive && !strcmp(s->fields[k].key, v->keys[i])) {
                idx = k;
                break;
            }
        if (idx < 0) {
            unknown_key(c, v, i, s);
            continue;
        }
        seen |= 1ull << idx;
        size_t old = path_key(c, v->keys[i]);
        read_field(c, &s->fields[idx], v->items[i], obj);
        path_pop(c, old);
    }
    for (int k = 0; s->fields[k].key; k++)
        if (s->fields[k].required && !(seen & (1ull << k)))
            ERR(c, v->pos, "champ obligatoire « %s » absent", s->fields[k].key);
    check_record(c, s, v, obj);
    return 1;
}

/* Value of `key` in map, unless absent or null. */
static const pr_value *present(const pr_value *map, const char *key)
{
    const pr_value *v = pr_value_get(map, key);
    return v && !(v->kind == PR_V_SCALAR && v->style == PR_SCALAR_NULL) ? v : NULL;
}

/* Report at the value of `key` in map, with that key in the path. */
static void field_error(bctx *c, const pr_value *map, const char *key, const char *fmt, ...)
    PR_PRINTF(4, 5);
static void field_error(bctx *c, const pr_value *map, const char *key, const char *fmt, ...)
{
    const pr_value *v = pr_value_get(map, key);
    va_list ap;
    va_start(ap, fmt);
    char *msg = pr_vasprintf(fmt, ap);
    va_end(ap);
    size_t old = path_key(c, key);
    ERR(c, v ? v->pos : map->pos, "%s", msg);
    path_pop(c, old);
    free(msg);
}

/* ---- checks across the fields of one record (pr_record_check) ----------------------------- */
static void post_item(bctx *c, const pr_value *map, char *obj)
{
    const pr_item *it = (const pr_item *)obj;
    if (!it->title && !it->text && !present(map, "titre") && !present(map, "texte"))
        ERR(c, map->pos, "élément vide : « titre » ou « texte » attendu");
}

static void post_person(bctx *c, const pr_value *map, char *obj)
{
    const pr_person *p = (const pr_person *)obj;
    if (!p->last_name && !p->organisation && !present(map, "nom") &&
        !present(map, "organisation"))
        ERR(c, map->pos, "personne sans « nom » ni « organisation » : indiquer au moins l'un "
                         "des deux");
}

static void post_count(bctx *c, const pr_value *map, char *obj)
{
    pr_count *n = (pr_count *)obj;
    if (n->value < 0)
        field_error(c, map, "valeur",
                    "effectif négatif (%ld) : un nombre de participants est positif ou nul",
                    n->value);
}

/* Addresses become links in the PDF: a bound keeps them what a reader
 * (and a PDF library) can take (data/README.md). */
static void post_report(bctx *c, const pr_value *map, char *obj)
{
    const pr_report_info *r = (const pr_report_info *)obj;
    const char *const urls[][2] = {{"site_web", r->website}, {"contact", r->contact}};
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
        size_t chars = 0;
        for (const char *p = urls[i][1]; p && *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80;
        if (chars > PR_MAX_URL_CHARS) {
            char a[32], b[32];
            field_error(c, map, urls[i][0], "adresse trop longue : %s caractères (au plus %s)",
                        pr_fmt_thousands(a, (long)chars), pr_fmt_thousands(b, PR_MAX_URL_CHARS));
        }
    }
}

static void post_roadmap(bctx *c, const pr_value *map, char *obj)
{
    const pr_network *n = (const pr_network *)obj;
    if (n->roadmap_start && n->roadmap_end && n->roadmap_end < n->roadmap_start)
        field_error(c, map, "fin", "fin de la feuille de route (%d) avant son début (%d)",
                    n->roadmap_end, n->roadmap_start);
}

static void post_member(bctx *c, const pr_value *map, char *obj)
{
    const pr_member *mb = (const pr_member *)obj;
    if (!mb->photo || (c->flags & PR_BUILD_NO_PHOTOS))
        return;
    char *path;
    const char *slash = strrchr(c->data_file, '/');
    if (mb->photo[0] == '/' || !slash)
        path = pr_strdup(mb->photo);
    else
        path = pr_asprintf("%.*s/%s", (int)(slash - c->data_file), c->data_file, mb->photo);
    struct stat st;
    const char *why = NULL;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        field_error(c, map, "photo", "photo introuvable « %s » (cherchée à %s)", mb->photo, path);
    } else if (!pr_image_load(path, &why)) {
        /* decoded in full here (--check too): one that cannot be drawn
         * leaves the initials on the card, with this warning */
        const pr_value *v = pr_value_get(map, "photo");
        size_t old = path_key(c, "photo");
        WARN(c, v ? v->pos : map->pos, "photo « %s » inutilisable (%s) : initiales à la place",
             mb->photo, why);
        path_pop(c, old);
    }
    free(path);
}

static void post_team(bctx *c, const pr_value *map, char *obj)
{
    const pr_team *t = (const pr_team *)obj;
    const pr_value *list = pr_value_get(map, "prestataires");
    size_t first = (size_t)-1;
    for (size_t i = 0; list && list->kind == PR_V_SEQ && i < t->n_consultancies; i++) {
        if (!t->consultancies[i].lead)
            continue;
        if (first == (size_t)-1) {
            first = i;
            continue;
        }
        size_t old = path_key(c, "prestataires");
        size_t old2 = path_index(c, i);
        path_key(c, "principal");
        const pr_value *v = pr_value_get(list->items[i], "principal");
        ERR(c, v ? v->pos : list->items[i]->pos,
            "un seul prestataire peut être principal : « %s » l'est déjà (ligne %d)",
            t->consultancies[first].name ? t->consultancies[first].name : "?",
            list->items[first]->pos.line);
        path_pop(c, old2);
        path_pop(c, old);
    }
}

/* "code de département inconnu « 8 » : vouliez-vous dire « 08 » ?" */
static void check_departement(bctx *c, const pr_value *v, const char *code)
{
    if (!code || pr_geo_departement(code))
        return;
    char *t = shorten(code);
    char padded[8];
    if (strlen(code) == 1 && code[0] >= '1' && code[0] <= '9') {
        snprintf(padded, sizeof padded, "0%s", code);
        if (pr_geo_departement(padded)) {
            ERR(c, v->pos, "code de département inconnu « %s » : vouliez-vous dire « %s » ?", t,
                padded);
            free(t);
            return;
        }
    }
    ERR(c, v->pos, "code de département inconnu « %s »", t);
    free(t);
}

static void check_region(bctx *c, const pr_value *v, const char *code)
{
    if (!code || pr_geo_region(code))
        return;
    char *t = shorten(code);
    if (pr_geo_departement(code))
        ERR(c, v->pos, "code de région inconnu « %s » (c'est un code de département)", t);
    else
        ERR(c, v->pos, "code de région inconnu « %s »", t);
    free(t);
}

static void post_coordinates(bctx *c, const pr_value *map, char *obj)
{
    pr_official *o = (pr_official *)obj;
    if (present(map, "lat") && (o->lat < -90 || o->lat > 90))
        field_error(c, map, "lat", "latitude hors de [-90, 90] : %g", o->lat);
    if (present(map, "lon") && (o->lon < -180 || o->lon > 180))
        field_error(c, map, "lon", "longitude hors de [-180, 180] : %g", o->lon);
}

static void post_official(bctx *c, const pr_value *map, char *obj)
{
    const pr_official *o = (const pr_official *)obj;
    const pr_value *v = present(map, "departement");
    if (v && o->departement) {
        size_t old = path_key(c, "departement");
        check_departement(c, v, o->departement);
        path_pop(c, old);
    }
}

/* Check a list of codes: official, and each named once. */
static void check_codes(bctx *c, const pr_value *map, const char *key, const pr_strlist *l,
                        int regions)
{
    const pr_value *list = present(map, key);
    if (!list || list->kind != PR_V_SEQ)
        return;
    size_t old = path_key(c, key);
    for (size_t i = 0; i < l->n && i < list->n; i++) {
        if (!l->items[i])
            continue;
        size_t old2 = path_index(c, i);
        if (regions)
            check_region(c, list->items[i], l->items[i]);
        else
            check_departement(c, list->items[i], l->items[i]);
        for (size_t j = 0; j < i; j++)
            if (l->items[j] && !strcmp(l->items[j], l->items[i])) {
                ERR(c, list->items[i]->pos, "%s « %s » déjà cité%s dans cette liste",
                    regions ? "région" : "département", l->items[i], regions ? "e" : "");
                break;
            }
        path_pop(c, old2);
    }
    path_pop(c, old);
}

static void post_local_network(bctx *c, const pr_value *map, char *obj)
{
    pr_local_network *l = (pr_local_network *)obj;
    check_codes(c, map, "regions", &l->regions, 1);
    check_codes(c, map, "departements", &l->departements, 0);
    if ((int)l->scale < 0 || (int)l->scale > PR_SCALE_INTERDEPARTMENTAL) {
        l->scale = PR_SCALE_REGIONAL;
        return;
    }
    const pr_value *rv = present(map, "regions"), *dv = present(map, "departements");
    size_t nr = rv && rv->kind == PR_V_SEQ ? rv->n : 0;
    size_t nd = dv && dv->kind == PR_V_SEQ ? dv->n : 0;
    if (l->scale == PR_SCALE_REGIONAL) {
        if (!rv)
            ERR(c, map->pos, "un réseau régional doit indiquer ses régions (« regions »)");
        else if (rv->kind == PR_V_SEQ && nr == 0)
            field_error(c, map, "regions", "un réseau régional doit indiquer au moins une région");
        if (dv)
            field_error(c, map, "departements",
                        "un réseau régional se définit par ses régions : retirer « departements »");
        return;
    }
    const char *label = pr_scale_label(l->scale);
    if (rv)
        field_error(c, map, "regions",
                    "un réseau %s se définit par ses départements : retirer « regions »", label);
    if (!dv)
        ERR(c, map->pos, "un réseau %s doit indiquer ses départements (« departements »)", label);
    else if (l->scale == PR_SCALE_DEPARTMENTAL && dv->kind == PR_V_SEQ && nd != 1)
        field_error(c, map, "departements",
                    "un réseau départemental a un seul département (%zu ici)%s", nd,
                    nd > 1 ? " : écrire « echelle: interdepartemental »" : "");
    else if (l->scale == PR_SCALE_INTERDEPARTMENTAL && dv->kind == PR_V_SEQ && nd < 2)
        field_error(c, map, "departements",
                    "un réseau interdépartemental a au moins deux départements (%zu ici)%s", nd,
                    nd == 1 ? " : écrire « echelle: departemental »" : "");
}

/* Report an unknown figure id at `key` of map (a declared or published
 * figure), suggesting the closest. */
static void unknown_figure(bctx *c, const pr_value *map, const char *key, const char *id)
{
    const char *cands[64];
    size_t n = 0;
    for (const pr_figure_def *f = pr_figure_defs(); f->id && n < 63; f++)
        cands[n++] = f->id;
    cands[n] = NULL;
    const char *s = pr_suggest(id, cands);
    char *t = shorten(id);
    if (s)
        field_error(c, map, key, "chiffre « %s » inconnu : vouliez-vous dire « %s » ? "
                                 "(liste des chiffres : data/README.md, partie 8)", t, s);
    else
        field_error(c, map, key, "chiffre « %s » inconnu (liste des chiffres : "
                                 "data/README.md, partie 8)", t);
    free(t);
}

static void post_declared(bctx *c, const pr_value *map, char *obj)
{
    const pr_declared *d = (const pr_declared *)obj;
    if (present(map, "valeur") && d->value < 0)
        field_error(c, map, "valeur", "valeur négative (%ld) : un chiffre déclaré est positif "
                                      "ou nul", d->value);
    if (d->figure && !pr_figure_def_find(d->figure))
        unknown_figure(c, map, "chiffre", d->figure);
}

/* A figure published for an earlier year: a known figure, a value >= 0,
 * and a definition version that exists (figures.h). The year is checked
 * against the report's with the other cross-checks. */
static void post_published(bctx *c, const pr_value *map, char *obj)
{
    const pr_published *p = (const pr_published *)obj;
    if (present(map, "valeur") && p->value < 0)
        field_error(c, map, "valeur", "valeur négative (%ld) : un chiffre publié est positif "
                                      "ou nul", p->value);
    const pr_figure_def *def = p->figure ? pr_figure_def_find(p->figure) : NULL;
    if (p->figure && !def)
        unknown_figure(c, map, "chiffre", p->figure);
    if (def && p->definition > pr_figure_version(def->key)) {
        int v = pr_figure_version(def->key);
        if (v == 1)
            field_error(c, map, "definition", "définition %d inconnue pour « %s » : sa définition "
                                              "n'a jamais changé (version 1)", p->definition,
                        def->id);
        else
            field_error(c, map, "definition", "définition %d inconnue pour « %s » : versions 1 "
                                              "à %d (data/README.md, partie 8)", p->definition,
                        def->id, v);
    }
}

/* Before the fields are read (after the defaults). */
static void init_record(bctx *c, const pr_record *s, char *obj)
{
    (void)c;
    if (s->check == PR_CHECK_LOCAL_NETWORK)   /* "not read": no scale rules without a valid scale */
        ((pr_local_network *)obj)->scale = (pr_scale)-1;
    if (s->check == PR_CHECK_MEETING)   /* "not read": the instance then says the kind */
        ((pr_meeting *)obj)->kind = (pr_meeting_kind)-1;
}

/* After the fields are read. */
static void check_record(bctx *c, const pr_record *s, const pr_value *map, char *obj)
{
    switch (s->check) {
    case PR_CHECK_NONE: break;
    case PR_CHECK_ITEM: post_item(c, map, obj); break;
    case PR_CHECK_PERSON: post_person(c, map, obj); break;
    case PR_CHECK_COUNT: post_count(c, map, obj); break;
    case PR_CHECK_REPORT: post_report(c, map, obj); break;
    case PR_CHECK_ROADMAP: post_roadmap(c, map, obj); break;
    case PR_CHECK_MEMBER: post_member(c, map, obj); break;
    case PR_CHECK_TEAM: post_team(c, map, obj); break;
    case PR_CHECK_COORDINATES: post_coordinates(c, map, obj); break;
    case PR_CHECK_OFFICIAL: post_official(c, map, obj); break;
    case PR_CHECK_LOCAL_NETWORK: post_local_network(c, map, obj); break;
    case PR_CHECK_DECLARED: post_declared(c, map, obj); break;
    case PR_CHECK_PUBLISHED: post_published(c, map, obj); break;
    case PR_CHECK_MEETING: {
        /* type absent (or not a known key: an error was reported) */
        pr_meeting *mt = (pr_meeting *)obj;
        if ((int)mt->kind < 0)
            mt->kind = pr_meeting_kind_of_body(mt->body);
        break;
    }
    }
}

/* ---- pass 2: across the year ------------------------------------------------------------- */
/* The list at `key` of the root, or NULL. */
static const pr_value *root_list(const pr_value *root, const char *key)
{
    const pr_value *v = pr_value_get(root, key);
    return v && v->kind == PR_V_SEQ ? v : NULL;
}

/* The value of `key` in item i of list (a map), or NULL. */
static const pr_value *item_value(const pr_value *list, size_t i, const char *key)
{
    return list && i < list->n ? present(list->items[i], key) : NULL;
}

/* A sorted index of the ids of one list, for duplicate checks and lookups. */
typedef struct id_entry {
    const char *id;
    size_t index;
} id_entry;

typedef struct id_index {
    id_entry *e;
    size_t n;
    const char **names;   /* NULL-terminated, for suggestions */
} id_index;

static int cmp_entry(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int cmp_index(const void *a, const void *b)
{
    size_t x = ((const id_entry *)a)->index, y = ((const id_entry *)b)->index;
    return (x > y) - (x < y);
}

/* Index the ids found at `stride` bytes apart from `first` (n objects),
 * reporting each id used twice at its `key` value in `list`. */
static void index_ids(bctx *c, id_index *ix, const char *list_key, const char *key,
                      const pr_value *list, const char *first, size_t stride, size_t n)
{
    ix->e = pr_malloc((n ? n : 1) * sizeof *ix->e);
    ix->names = pr_malloc((n + 1) * sizeof *ix->names);
    ix->n = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = *(const char *const *)(first + i * stride);
        if (id)
            ix->e[ix->n++] = (id_entry){id, i};
    }
    qsort(ix->e, ix->n, sizeof *ix->e, cmp_entry);
    id_entry *dups = pr_malloc((ix->n ? ix->n : 1) * 2 * sizeof *dups);
    size_t n_dups = 0, w = 0;
    for (size_t k = 0, start = 0; k < ix->n; k++) {
        if (k > 0 && !strcmp(ix->e[k].id, ix->e[start].id)) {
            dups[2 * n_dups] = ix->e[k];
            dups[2 * n_dups++ + 1] = ix->e[start];
            continue;
        }
        start = k;
        ix->e[w++] = ix->e[k];
    }
    ix->n = w;
    for (size_t k = 0; k < ix->n; k++)
        ix->names[k] = ix->e[k].id;
    ix->names[ix->n] = NULL;
    qsort(dups, n_dups, 2 * sizeof *dups, cmp_index);
    for (size_t k = 0; k < n_dups; k++) {
        const pr_value *v = item_value(list, dups[2 * k].index, key);
        const pr_value *first_v = item_value(list, dups[2 * k + 1].index, key);
        if (!v || !first_v)
            continue;
        size_t old = path_key(c, list_key);
        size_t old2 = path_index(c, dups[2 * k].index);
        size_t old3 = path_key(c, key);
        ERR(c, v->pos, "%s « %s » en double dans %s (déjà utilisé ligne %d)", key, dups[2 * k].id,
            list_key, first_v->pos.line);
        path_pop(c, old3);
        path_pop(c, old2);
        path_pop(c, old);
    }
    free(dups);
}

static int ix_has(const id_index *ix, const char *id)
{
    id_entry key = {id, 0};
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(ix->e[mid].id, key.id);
        if (!c)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static void ix_free(id_index *ix)
{
    free(ix->e);
    free(ix->names);
}

/* Report a reference to an id absent from `where`, at v (path already set). */
static void missing_ref(bctx *c, const pr_value *v, const char *what, const char *id,
                        const id_index *ix, const char *where)
{
    const char *s = pr_suggest(id, ix->names);
    char *t = shorten(id);
    if (s)
        ERR(c, v->pos, "%s « %s » introuvable dans %s : vouliez-vous dire « %s » ?", what, t, where,
            s);
    else
        ERR(c, v->pos, "%s « %s » introuvable dans %s", what, t, where);
    free(t);
}

/* Report a missing reference at v, with the path given by fmt. */
static void ref_error(bctx *c, const pr_value *v, const char *what, const char *id,
                      const id_index *ix, const char *where, const char *fmt, ...) PR_PRINTF(7, 8);
static void ref_error(bctx *c, const pr_value *v, const char *what, const char *id,
                      const id_index *ix, const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *path = pr_vasprintf(fmt, ap);
    va_end(ap);
    size_t old = path_key(c, path);
    missing_ref(c, v, what, id, ix, where);
    path_pop(c, old);
    free(path);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

typedef struct num_entry {
    int number;
    size_t index, first;
} num_entry;

static int cmp_num_entry(const void *a, const void *b)
{
    const num_entry *x = a, *y = b;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static int cmp_num_index(const void *a, const void *b)
{
    size_t x = ((const num_entry *)a)->index, y = ((const num_entry *)b)->index;
    return (x > y) - (x < y);
}

/* Report numbers (of axes, newsletters) used twice, at the later one;
 * returns the numbers sorted (caller frees). */
static int *unique_numbers(bctx *c, const pr_value *list, const char *list_path,
                           const char *first, size_t stride, size_t n)
{
    num_entry *e = pr_malloc((n ? n : 1) * sizeof *e);
    for (size_t i = 0; i < n; i++)
        e[i] = (num_entry){*(const int *)(first + i * stride), i, i};
    qsort(e, n, sizeof *e, cmp_num_entry);
    int *sorted = pr_malloc((n ? n : 1) * sizeof *sorted);
    num_entry *dups = pr_malloc((n ? n : 1) * sizeof *dups);
    size_t n_dups = 0;
    for (size_t k = 0, start = 0; k < n; k++) {
        sorted[k] = e[k].number;
        if (k > 0 && e[k].number == e[start].number && e[k].number >= 1) {
            dups[n_dups] = e[k];
            dups[n_dups++].first = e[start].index;
        } else {
            start = k;
        }
    }
    qsort(dups, n_dups, sizeof *dups, cmp_num_index);
    for (size_t k = 0; k < n_dups; k++) {
        const pr_value *v = item_value(list, dups[k].index, "numero");
        const pr_value *f = item_value(list, dups[k].first, "numero");
        if (!v || !f)
            continue;
        char *p = pr_asprintf("%s[%zu].numero", list_path, dups[k].index);
        size_t old = path_key(c, p);
        ERR(c, v->pos, "numéro %d en double dans %s (déjà utilisé ligne %d)", dups[k].number,
            list_path, f->pos.line);
        path_pop(c, old);
        free(p);
    }
    free(e);
    free(dups);
    return sorted;
}

/* "1, 2, 3, 4" (at most 12 numbers). */
static char *number_list(const int *sorted, size_t n)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    for (size_t i = 0, shown = 0; i < n; i++) {
        if (sorted[i] < 1 || (i > 0 && sorted[i] == sorted[i - 1]))
            continue;
        if (shown == 12) {
            pr_sb_puts(&sb, ", …");
            break;
        }
        pr_sb_printf(&sb, "%s%d", shown++ ? ", " : "", sorted[i]);
    }
    return pr_sb_steal(&sb);
}

#define FIELD_BASE(arr, member) ((arr) ? (const char *)&(arr)[0].member : NULL)

/* annees_precedentes.chiffres: each of a year before the report's, and
 * each (year, figure) once (sorted, not compared pairwise: a long history
 * stays linear-logarithmic). */
typedef struct pub_key {
    int year;
    const char *figure;
    size_t index;
} pub_key;

static int cmp_pub_key(const void *a, const void *b)
{
    const pub_key *x = a, *y = b;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    int k = strcmp(x->figure, y->figure);
    return k ? k : (x->index > y->index) - (x->index < y->index);
}

static void published_checks(bctx *c, const pr_value *root)
{
    pr_model *m = c->m;
    const pr_value *list = pr_value_get(pr_value_get(root, "annees_precedentes"), "chiffres");
    if (!list || list->kind != PR_V_SEQ || !m->report.year)
        return;
    size_t n = m->n_published < list->n ? m->n_published : list->n;
    pub_key *keys = pr_malloc((n ? n : 1) * sizeof *keys);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const pr_published *p = &m->published[i];
        const pr_value *y = item_value(list, i, "annee");
        if (y && p->year && p->year >= m->report.year) {
            char *path = pr_asprintf("annees_precedentes.chiffres[%zu].annee", i);
            size_t old = path_key(c, path);
            ERR(c, y->pos, "année %d : l'historique porte sur les années avant celle du "
                           "rapport (%d)", p->year, m->report.year);
            path_pop(c, old);
            free(path);
        }
        if (p->year && p->figure)
            keys[k++] = (pub_key){p->year, p->figure, i};
    }
    qsort(keys, k, sizeof *keys, cmp_pub_key);
    for (size_t i = 1, start = 0; i < k; i++) {
        if (keys[i].year != keys[start].year || strcmp(keys[i].figure, keys[start].figure)) {
            start = i;
            continue;
        }
        const pr_value *v = item_value(list, keys[i].index, "chiffre");
        const pr_value *f = list->items[keys[start].index];
        if (!v)
            continue;
        char *path = pr_asprintf("annees_precedentes.chiffres[%zu].chiffre", keys[i].index);
        size_t old = path_key(c, path);
        ERR(c, v->pos, "chiffre « %s » de %d déjà donné (ligne %d)", keys[i].figure, keys[i].year,
            f->pos.line);
        path_pop(c, old);
        free(path);
    }
    free(keys);
}

static void cross_checks(bctx *c, const pr_value *root)
{
    pr_model *m = c->m;
    const pr_value *partners = root_list(root, "partenaires");
    const pr_value *workstreams = root_list(root, "chantiers");
    const pr_value *officials = root_list(root, "elus");
    const pr_value *events = root_list(root, "evenements");
    const pr_value *locals = root_list(root, "reseaux_locaux");
    const pr_value *letters = root_list(root, "lettres");

    id_index ix_partners, ix_ws, ix_off, ix_ev, ix_loc;
    index_ids(c, &ix_partners, "partenaires", "id", partners, FIELD_BASE(m->partners, id),
              sizeof(pr_partner), partners ? m->n_partners : 0);
    index_ids(c, &ix_ws, "chantiers", "id", workstreams, FIELD_BASE(m->workstreams, id),
              sizeof(pr_workstream), workstreams ? m->n_workstreams : 0);
    index_ids(c, &ix_off, "elus", "id", officials, FIELD_BASE(m->officials, id),
              sizeof(pr_official), officials ? m->n_officials : 0);
    index_ids(c, &ix_ev, "evenements", "id", events, FIELD_BASE(m->events, id), sizeof(pr_event),
              events ? m->n_events : 0);
    index_ids(c, &ix_loc, "reseaux_locaux", "id", locals, FIELD_BASE(m->local_networks, id),
              sizeof(pr_local_network), locals ? m->n_local_networks : 0);

    /* numbers of axes and newsletters */
    const pr_value *roadmap = pr_value_get(pr_value_get(root, "reseau"), "feuille_de_route");
    const pr_value *axes = pr_value_get(roadmap, "axes");
    if (axes && axes->kind != PR_V_SEQ)
        axes = NULL;
    size_t n_axes = axes ? m->network.n_axes : 0;
    int *axis_numbers = unique_numbers(c, axes, "reseau.feuille_de_route.axes",
                                       FIELD_BASE(m->network.axes, number), sizeof(pr_axis), n_axes);
    free(unique_numbers(c, letters, "lettres", FIELD_BASE(m->newsletters, number),
                        sizeof(pr_newsletter), letters ? m->n_newsletters : 0));

    /* chantiers: axe, actions[].evenement */
    for (size_t i = 0; workstreams && i < m->n_workstreams; i++) {
        const pr_workstream *w = &m->workstreams[i];
        const pr_value *v = item_value(workstreams, i, "axe");
        if (v && w->axis > 0 && n_axes &&
            !bsearch(&w->axis, axis_numbers, n_axes, sizeof *axis_numbers, cmp_int)) {
            char *all = number_list(axis_numbers, n_axes);
            char *p = pr_asprintf("chantiers[%zu].axe", i);
            size_t old = path_key(c, p);
            ERR(c, v->pos, "axe %d introuvable dans reseau.feuille_de_route.axes (numéros : %s)",
                w->axis, all);
            path_pop(c, old);
            free(p);
            free(all);
        } else if (v && w->axis > 0 && !n_axes && axes) {
            char *p = pr_asprintf("chantiers[%zu].axe", i);
            size_t old = path_key(c, p);
            ERR(c, v->pos, "axe %d introuvable : reseau.feuille_de_route.axes est vide", w->axis);
            path_pop(c, old);
            free(p);
        }
        const pr_value *actions = item_value(workstreams, i, "actions");
        for (size_t k = 0; actions && actions->kind == PR_V_SEQ && k < w->n_actions; k++) {
            const char *id = w->actions[k].event;
            const pr_value *ev = item_value(actions, k, "evenement");
            if (id && ev && !ix_has(&ix_ev, id))
                ref_error(c, ev, "événement", id, &ix_ev, "evenements",
                          "chantiers[%zu].actions[%zu].evenement", i, k);
        }
    }
    free(axis_numbers);

    /* elus: chantier */
    for (size_t i = 0; officials && i < m->n_officials; i++) {
        const char *id = m->officials[i].workstream;
        const pr_value *v = item_value(officials, i, "chantier");
        if (id && v && !ix_has(&ix_ws, id))
            ref_error(c, v, "chantier", id, &ix_ws, "chantiers", "elus[%zu].chantier", i);
    }

    /* evenements: chantier, elus[], year */
    for (size_t i = 0; events && i < m->n_events; i++) {
        const pr_event *e = &m->events[i];
        const pr_value *v = item_value(events, i, "chantier");
        if (e->workstream && v && !ix_has(&ix_ws, e->workstream))
            ref_error(c, v, "chantier", e->workstream, &ix_ws, "chantiers",
                      "evenements[%zu].chantier", i);
        const pr_value *list = item_value(events, i, "elus");
        for (size_t k = 0; list && list->kind == PR_V_SEQ && k < e->officials.n; k++) {
            const char *id = e->officials.items[k];
            if (!id)
                continue;
            if (!ix_has(&ix_off, id)) {
                ref_error(c, list->items[k], "élu", id, &ix_off, "elus", "evenements[%zu].elus[%zu]",
                          i, k);
                continue;
            }
            for (size_t j = 0; j < k; j++)
                if (e->officials.items[j] && !strcmp(e->officials.items[j], id)) {
                    char *p = pr_asprintf("evenements[%zu].elus[%zu]", i, k);
                    size_t old = path_key(c, p);
                    ERR(c, list->items[k]->pos, "élu « %s » déjà cité dans cette liste", id);
                    path_pop(c, old);
                    free(p);
                    break;
                }
        }
        const pr_value *date = item_value(events, i, "date");
        if (date && e->date.prec != PR_DATE_NONE && m->report.year &&
            e->date.year != m->report.year) {
            char *p = pr_asprintf("evenements[%zu].date", i);
            size_t old = path_key(c, p);
            WARN(c, date->pos, "événement daté de %d, hors de l'année du rapport (%d) : il ne "
                               "compte pas dans les chiffres de l'année", e->date.year,
                 m->report.year);
            path_pop(c, old);
            free(p);
        }
    }

    published_checks(c, root);

    ix_free(&ix_partners);
    ix_free(&ix_ws);
    ix_free(&ix_off);
    ix_free(&ix_ev);
    ix_free(&ix_loc);
}

/* ---- sorting ------------------------------------------------------------------------------ */
typedef struct sort_key {
    pr_date date;
    int number;
    size_t index;
} sort_key;

static int cmp_by_date(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    int c = pr_date_cmp(x->date, y->date);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int cmp_by_number(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Reorder n elements of `size` bytes at arr following keys[].index. */
static void permute(pr_arena *arena, void **arr, size_t n, size_t size, const sort_key *keys)
{
    char *out = pr_arena_alloc(arena, (n ? n : 1) * size);
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * size, (char *)*arr + keys[i].index * size, size);
    *arr = out;
}

static void sort_model(pr_model *m)
{
    size_t n = m->n_events > m->n_newsletters ? m->n_events : m->n_newsletters;
    sort_key *keys = pr_malloc((n ? n : 1) * sizeof *keys);
    for (size_t i = 0; i < m->n_events; i++)
        keys[i] = (sort_key){m->events[i].date, 0, i};
    qsort(keys, m->n_events, sizeof *keys, cmp_by_date);
    permute(&m->arena, (void **)&m->events, m->n_events, sizeof *m->events, keys);
    for (size_t i = 0; i < m->n_newsletters; i++)
        keys[i] = (sort_key){{0, 0, 0, PR_DATE_NONE}, m->newsletters[i].number, i};
    qsort(keys, m->n_newsletters, sizeof *keys, cmp_by_number);
    permute(&m->arena, (void **)&m->newsletters, m->n_newsletters, sizeof *m->newsletters, keys);
    free(keys);
}

/* The values the schema declares derived and the model stores: the
 * départements each local network covers. */
static void derive(pr_model *m)
{
    for (size_t i = 0; i < m->n_local_networks; i++) {
        pr_local_network *l = &m->local_networks[i];
        if (l->scale != PR_SCALE_REGIONAL) {
            l->covered = l->departements;
            continue;
        }
        size_t n = 0;
        for (size_t r = 0; r < l->regions.n; r++)
            n += pr_geo_region_departements(l->regions.items[r], NULL, 0);
        l->covered.items = pr_arena_alloc(&m->arena, (n ? n : 1) * sizeof *l->covered.items);
        for (size_t r = 0; r < l->regions.n; r++) {
            const pr_departement *deps[32];
            size_t nd = pr_geo_region_departements(l->regions.items[r], deps, 32);
            for (size_t k = 0; k < nd && k < 32; k++)
                l->covered.items[l->covered.n++] = deps[k]->code;
        }
    }
}

pr_model *pr_model_build(const pr_value *root, pr_arena *doc_arena, const char *data_file,
                         pr_diags *diags)
{
    return pr_model_build_with(root, doc_arena, data_file, 0, diags);
}

pr_model *pr_model_build_with(const pr_value *root, pr_arena *doc_arena, const char *data_file,
                              int flags, pr_diags *diags)
{
    pr_model *m = pr_calloc(1, sizeof *m);
    bctx c = {m, diags, data_file ? data_file : "", {0}, flags};
    size_t errors_before = diags->n_errors;
    m->source_file = pr_arena_strdup(&m->arena, c.data_file);
    if (!root) {
        pr_pos whole = {data_file, 0, 0};
        pr_error(diags, whole, NULL, "aucune donnée");
    } else if (root->kind != PR_V_MAP) {
        type_error(&c, root, "objet attendu à la racine du fichier (rapport, reseau, equipe…)");
    } else {
        read_object(&c, root, &pr_schema_model, (char *)m);
        cross_checks(&c, root);
    }
    pr_sb_free(&c.path);
    /* errors the loader found in this tree (a duplicate key, a forbidden
     * character) count too: no model comes from a file with an error */
    if (diags->n_errors > errors_before || pr_diags_has_errors(diags)) {
        pr_model_free(m);
        return NULL;
    }
    sort_model(m);
    derive(m);
    m->doc = root;
    m->doc_arena = *doc_arena;
    doc_arena->head = NULL;
    return m;
}
