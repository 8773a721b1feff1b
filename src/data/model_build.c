/* model_build.c — validation of the document tree (value.h) into the typed
 * model (model.h), in two passes:
 *
 *  1. reading: a table per struct (field key, type, required, where it goes)
 *     drives one generic reader, so types, required fields and unknown keys
 *     (with a "vouliez-vous dire" suggestion) are checked the same way
 *     everywhere; small hooks check what depends on several fields of one
 *     object (a person needs a name or an organisation, a regional network
 *     needs régions...);
 *  2. cross-checks over the whole year: unique ids, references between
 *     lists, events dated outside the report's year (a warning).
 *
 * Every problem is reported (never stop at the first) at the position of
 * the offending value, with its data path written with the file's keys and
 * 0-based indices: `evenements[4].date`. Every problem is an error (an
 * unknown key too: a misspelt key is never ignored, data/README.md), except
 * the few warnings of the cross-checks; after any error no model is
 * returned. */
#include "data/model.h"

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

/* Severity of an unknown key: an error (data/README.md: a misspelt key
 * would silently lose its data). */
#define UNKNOWN_KEY_SEVERITY PR_SEV_ERROR

typedef struct bctx {
    pr_model *m;
    pr_diags *d;
    const char *data_file;
    pr_strbuf path;      /* data path of the value being read */
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
enum { P_YEAR = 1, P_MONTH = 2, P_DAY = 4 };

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
typedef struct enum_def {
    const char *what;          /* "type d'événement" */
    int feminine;              /* "inconnue" */
    const char *const *keys;   /* NULL-terminated, in enum order */
} enum_def;

static const enum_def event_type_enum = {"type d'événement", 0, pr_event_type_keys};
static const enum_def session_type_enum = {"type de session", 0, pr_session_type_keys};
static const enum_def status_enum = {"statut", 0, pr_status_keys};
static const enum_def scale_enum = {"échelle", 1, pr_scale_keys};
static const enum_def precision_enum = {"précision", 1, pr_count_precision_keys};

static int read_enum(bctx *c, const pr_value *v, const enum_def *e, int *out)
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

/* ---- the schema machinery ----------------------------------------------------------- */
typedef enum {
    F_TEXT, F_INT, F_LONG, F_REAL, F_BOOL, F_DATE, F_ENUM, F_STRLIST, F_LIST, F_OBJ, F_CUSTOM
} fkind;

/* Ranges of integer fields. */
enum { R_ANY, R_NONNEG, R_POS, R_YEAR };

typedef struct field field;
typedef struct schema schema;
typedef void (*custom_fn)(bctx *c, const pr_value *v, char *base);
typedef void (*hook_fn)(bctx *c, const pr_value *map, char *obj);

struct field {
    const char *key;
    fkind kind;
    int required;
    size_t offset;        /* destination in the object */
    size_t offset2;       /* F_LIST: the size_t count */
    int flags;            /* F_INT/F_LONG: range; F_DATE: precision mask */
    const schema *sub;    /* F_LIST element / F_OBJ fields */
    const enum_def *en;   /* F_ENUM */
    custom_fn fn;         /* F_CUSTOM */
};

struct schema {
    size_t size;          /* element size (lists) */
    const field *fields;  /* NULL-key terminated */
    int has_pos;
    size_t pos_offset;    /* where the object's position goes */
    hook_fn init;         /* defaults, before reading (opt.) */
    hook_fn post;         /* checks across fields, after reading (opt.) */
};

#define FTEXT(k, r, T, m) {.key = k, .kind = F_TEXT, .required = r, .offset = offsetof(T, m)}
#define FINT(k, r, T, m, range) \
    {.key = k, .kind = F_INT, .required = r, .offset = offsetof(T, m), .flags = range}
#define FLONG(k, r, T, m, range) \
    {.key = k, .kind = F_LONG, .required = r, .offset = offsetof(T, m), .flags = range}
#define FREAL(k, r, T, m) {.key = k, .kind = F_REAL, .required = r, .offset = offsetof(T, m)}
#define FBOOL(k, r, T, m) {.key = k, .kind = F_BOOL, .required = r, .offset = offsetof(T, m)}
#define FDATE(k, r, T, m, mask) \
    {.key = k, .kind = F_DATE, .required = r, .offset = offsetof(T, m), .flags = mask}
#define FENUM(k, r, T, m, e) \
    {.key = k, .kind = F_ENUM, .required = r, .offset = offsetof(T, m), .en = &e}
#define FSTRS(k, r, T, m) {.key = k, .kind = F_STRLIST, .required = r, .offset = offsetof(T, m)}
#define FLIST(k, r, T, arr, n, s) \
    {.key = k, .kind = F_LIST, .required = r, .offset = offsetof(T, arr), \
     .offset2 = offsetof(T, n), .sub = &s}
/* a nested object whose fields are relative to `off` in the current object */
#define FOBJ(k, r, off, s) {.key = k, .kind = F_OBJ, .required = r, .offset = off, .sub = &s}
#define FCUSTOM(k, r, f) {.key = k, .kind = F_CUSTOM, .required = r, .fn = f}
#define FEND {.key = NULL}

static int read_object(bctx *c, const pr_value *v, const schema *s, char *obj);

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

static void read_list(bctx *c, const pr_value *v, const schema *s, void **arr, size_t *n)
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

static void read_field(bctx *c, const field *f, const pr_value *v, char *base)
{
    void *dst = base + f->offset;
    if (v->kind == PR_V_SCALAR && v->style == PR_SCALAR_NULL && f->kind != F_CUSTOM) {
        if (f->required)
            ERR(c, v->pos, "valeur nulle : ce champ est obligatoire");
        return;
    }
    switch (f->kind) {
    case F_TEXT:
        *(const char **)dst = read_text(c, v, f->required);
        break;
    case F_INT:
    case F_LONG: {
        long x;
        if (!read_long(c, v, &x))
            break;
        if (f->flags == R_NONNEG && x < 0)
            ERR(c, v->pos, "nombre négatif (%ld) : ce champ est positif ou nul", x);
        else if (f->flags == R_POS && x < 1)
            ERR(c, v->pos, "nombre entier ≥ 1 attendu, trouvé %ld", x);
        else if (f->flags == R_YEAR && (x < 1000 || x > 9999))
            ERR(c, v->pos, "année attendue (AAAA), trouvé %ld", x);
        if (f->kind == F_INT)
            *(int *)dst = (int)x;
        else
            *(long *)dst = x;
        break;
    }
    case F_REAL:
        read_real(c, v, (double *)dst);
        break;
    case F_BOOL:
        read_bool(c, v, (int *)dst);
        break;
    case F_DATE:
        read_date(c, v, f->flags, (pr_date *)dst);
        break;
    case F_ENUM:
        read_enum(c, v, f->en, (int *)dst);
        break;
    case F_STRLIST:
        read_strlist(c, v, (pr_strlist *)dst);
        break;
    case F_LIST:
        read_list(c, v, f->sub, (void **)dst, (size_t *)(base + f->offset2));
        break;
    case F_OBJ:
        read_object(c, v, f->sub, (char *)dst);
        break;
    case F_CUSTOM:
        f->fn(c, v, base);
        break;
    }
}

/* Warn about a key the schema does not know, suggesting the closest. */
static void unknown_key(bctx *c, const pr_value *map, size_t i, const schema *s)
{
    const char *cands[40];
    size_t n = 0;
    for (const field *f = s->fields; f->key && n < 39; f++)
        cands[n++] = f->key;
    cands[n] = NULL;
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

/* Read map v into obj following schema s. Returns 0 if v is not a map. */
static int read_object(bctx *c, const pr_value *v, const schema *s, char *obj)
{
    if (s->init)
        s->init(c, v, obj);
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
            if (!strcmp(s->fields[k].key, v->keys[i])) {
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
    if (s->post)
        s->post(c, v, obj);
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

/* ---- small objects ----------------------------------------------------------- */
static void post_item(bctx *c, const pr_value *map, char *obj)
{
    const pr_item *it = (const pr_item *)obj;
    if (!it->title && !it->text && !present(map, "titre") && !present(map, "texte"))
        ERR(c, map->pos, "élément vide : « titre » ou « texte » attendu");
}
static const field item_fields[] = {
    FTEXT("titre", 0, pr_item, title),
    FTEXT("texte", 0, pr_item, text),
    FEND};
static const schema item_schema = {sizeof(pr_item), item_fields, 1, offsetof(pr_item, pos),
                                   NULL, post_item};

static void post_person(bctx *c, const pr_value *map, char *obj)
{
    const pr_person *p = (const pr_person *)obj;
    if (!p->last_name && !p->organisation && !present(map, "nom") &&
        !present(map, "organisation"))
        ERR(c, map->pos, "personne sans « nom » ni « organisation » : indiquer au moins l'un "
                         "des deux");
}
static const field person_fields[] = {
    FTEXT("prenom", 0, pr_person, first_name),
    FTEXT("nom", 0, pr_person, last_name),
    FTEXT("role", 0, pr_person, role),
    FTEXT("organisation", 0, pr_person, organisation),
    FEND};
static const schema person_schema = {sizeof(pr_person), person_fields, 1,
                                     offsetof(pr_person, pos), NULL, post_person};

/* participants: an integer, or {valeur, precision} */
static void post_count(bctx *c, const pr_value *map, char *obj)
{
    pr_count *n = (pr_count *)obj;
    n->known = 1;
    if (n->value < 0)
        field_error(c, map, "valeur",
                    "effectif négatif (%ld) : un nombre de participants est positif ou nul",
                    n->value);
}
static const field count_fields[] = {
    FLONG("valeur", 1, pr_count, value, R_ANY),
    FENUM("precision", 0, pr_count, prec, precision_enum),
    FEND};
static const schema count_schema = {sizeof(pr_count), count_fields, 0, 0, NULL, post_count};

static void read_count(bctx *c, const pr_value *v, pr_count *out)
{
    if (v->kind == PR_V_MAP) {
        read_object(c, v, &count_schema, (char *)out);
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
static void custom_event_participants(bctx *c, const pr_value *v, char *base)
{
    if (!(v->kind == PR_V_SCALAR && v->style == PR_SCALAR_NULL))
        read_count(c, v, &((pr_event *)base)->participants);
}
static void custom_session_participants(bctx *c, const pr_value *v, char *base)
{
    if (!(v->kind == PR_V_SCALAR && v->style == PR_SCALAR_NULL))
        read_count(c, v, &((pr_session *)base)->participants);
}

/* ---- rapport ---------------------------------------------------------------- */
static const field credit_fields[] = {
    FTEXT("role", 1, pr_credit, role),
    FSTRS("personnes", 1, pr_credit, people),
    FTEXT("organisation", 0, pr_credit, organisation),
    FEND};
static const schema credit_schema = {sizeof(pr_credit), credit_fields, 0, 0, NULL, NULL};

static const field report_fields[] = {
    FINT("annee", 1, pr_report_info, year, R_YEAR),
    FTEXT("titre", 1, pr_report_info, title),
    FTEXT("editeur", 1, pr_report_info, publisher),
    FDATE("publication", 1, pr_report_info, published, P_MONTH | P_DAY),
    FSTRS("ministere", 1, pr_report_info, ministry),
    FTEXT("site_web", 1, pr_report_info, website),
    FTEXT("contact", 1, pr_report_info, contact),
    FLIST("credits", 1, pr_report_info, credits, n_credits, credit_schema),
    FEND};
static const schema report_schema = {sizeof(pr_report_info), report_fields, 0, 0, NULL, NULL};

/* ---- reseau ------------------------------------------------------------------- */
static const field pillar_fields[] = {
    FTEXT("titre", 1, pr_pillar, title),
    FTEXT("texte", 0, pr_pillar, text),
    FLIST("elements", 0, pr_pillar, items, n_items, item_schema),
    FEND};
static const schema pillar_schema = {sizeof(pr_pillar), pillar_fields, 0, 0, NULL, NULL};

static const field column_fields[] = {
    FTEXT("titre", 1, pr_offer_column, title),
    FSTRS("elements", 1, pr_offer_column, items),
    FEND};
static const schema column_schema = {sizeof(pr_offer_column), column_fields, 0, 0, NULL, NULL};

static const field axis_fields[] = {
    FINT("numero", 1, pr_axis, number, R_POS),
    FTEXT("titre_court", 1, pr_axis, short_title),
    FTEXT("titre", 1, pr_axis, title),
    FEND};
static const schema axis_schema = {sizeof(pr_axis), axis_fields, 1, offsetof(pr_axis, pos), NULL,
                                   NULL};

static const field predecessor_fields[] = {
    FTEXT("nom", 1, pr_network, predecessor_name),
    FINT("creation", 1, pr_network, predecessor_year, R_YEAR),
    FEND};
static const schema predecessor_schema = {0, predecessor_fields, 0, 0, NULL, NULL};

static const field offer_fields[] = {
    FLIST("piliers", 1, pr_network, pillars, n_pillars, pillar_schema),
    FLIST("colonnes", 1, pr_network, offer_columns, n_offer_columns, column_schema),
    FEND};
static const schema offer_schema = {0, offer_fields, 0, 0, NULL, NULL};

static void post_roadmap(bctx *c, const pr_value *map, char *obj)
{
    const pr_network *n = (const pr_network *)obj;
    if (n->roadmap_start && n->roadmap_end && n->roadmap_end < n->roadmap_start)
        field_error(c, map, "fin", "fin de la feuille de route (%d) avant son début (%d)",
                    n->roadmap_end, n->roadmap_start);
}
static const field roadmap_fields[] = {
    FINT("debut", 1, pr_network, roadmap_start, R_YEAR),
    FINT("fin", 1, pr_network, roadmap_end, R_YEAR),
    FTEXT("introduction", 0, pr_network, roadmap_intro),
    FLIST("axes", 1, pr_network, axes, n_axes, axis_schema),
    FEND};
static const schema roadmap_schema = {0, roadmap_fields, 0, 0, NULL, post_roadmap};

static const field network_fields[] = {
    FTEXT("nom", 1, pr_network, name),
    FTEXT("accroche", 1, pr_network, tagline),
    FINT("lancement", 1, pr_network, launch_year, R_YEAR),
    FOBJ("predecesseur", 1, 0, predecessor_schema),
    FTEXT("presentation", 0, pr_network, presentation),
    FTEXT("historique", 0, pr_network, history),
    FLIST("missions", 1, pr_network, missions, n_missions, item_schema),
    FSTRS("publics", 0, pr_network, audience),
    FOBJ("offre", 1, 0, offer_schema),
    FOBJ("feuille_de_route", 1, 0, roadmap_schema),
    FEND};
static const schema network_schema = {0, network_fields, 0, 0, NULL, NULL};

/* ---- equipe -------------------------------------------------------------------- */
static void post_member(bctx *c, const pr_value *map, char *obj)
{
    const pr_member *mb = (const pr_member *)obj;
    if (!mb->photo)
        return;
    char *path;
    const char *slash = strrchr(c->data_file, '/');
    if (mb->photo[0] == '/' || !slash)
        path = pr_strdup(mb->photo);
    else
        path = pr_asprintf("%.*s/%s", (int)(slash - c->data_file), c->data_file, mb->photo);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        field_error(c, map, "photo", "photo introuvable « %s » (cherchée à %s)", mb->photo, path);
    free(path);
}
static const field member_fields[] = {
    FTEXT("prenom", 1, pr_member, first_name),
    FTEXT("nom", 1, pr_member, last_name),
    FTEXT("role", 0, pr_member, role),
    FTEXT("organisation", 1, pr_member, organisation),
    FTEXT("unite", 0, pr_member, unit),
    FTEXT("photo", 0, pr_member, photo),
    FEND};
static const schema member_schema = {sizeof(pr_member), member_fields, 1,
                                     offsetof(pr_member, pos), NULL, post_member};

static const field consultancy_fields[] = {
    FTEXT("nom", 1, pr_consultancy, name),
    FTEXT("role", 1, pr_consultancy, role),
    FBOOL("principal", 0, pr_consultancy, lead),
    FINT("depuis", 0, pr_consultancy, since, R_YEAR),
    FEND};
static const schema consultancy_schema = {sizeof(pr_consultancy), consultancy_fields, 0, 0, NULL,
                                          NULL};

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
static const field team_fields[] = {
    FTEXT("bureau", 1, pr_team, unit_name),
    FTEXT("sigle", 1, pr_team, unit_short),
    FTEXT("ancien_sigle", 0, pr_team, unit_former),
    FTEXT("direction", 1, pr_team, direction),
    FLIST("membres", 1, pr_team, members, n_members, member_schema),
    FLIST("prestataires", 1, pr_team, consultancies, n_consultancies, consultancy_schema),
    FEND};
static const schema team_schema = {0, team_fields, 0, 0, NULL, post_team};

/* ---- partenaires, gouvernance -------------------------------------------------------- */
static const field partner_fields[] = {
    FTEXT("id", 1, pr_partner, id),
    FTEXT("sigle", 0, pr_partner, acronym),
    FTEXT("nom", 1, pr_partner, name),
    FINT("depuis", 1, pr_partner, since, R_YEAR),
    FEND};
static const schema partner_schema = {sizeof(pr_partner), partner_fields, 1,
                                      offsetof(pr_partner, pos), NULL, NULL};

static const field meeting_fields[] = {
    FDATE("date", 1, pr_meeting, date, P_MONTH | P_DAY),
    FTEXT("instance", 1, pr_meeting, body),
    FSTRS("decisions", 1, pr_meeting, decisions),
    FEND};
static const schema meeting_schema = {sizeof(pr_meeting), meeting_fields, 1,
                                      offsetof(pr_meeting, pos), NULL, NULL};

static const field governance_fields[] = {
    FLIST("reunions", 1, pr_model, meetings, n_meetings, meeting_schema),
    FSTRS("echanges", 0, pr_model, outreach),
    FEND};
static const schema governance_schema = {0, governance_fields, 0, 0, NULL, NULL};

/* ---- chantiers --------------------------------------------------------------------- */
static const field action_fields[] = {
    FTEXT("titre", 1, pr_action, title),
    FTEXT("texte", 0, pr_action, text),
    FENUM("statut", 1, pr_action, status, status_enum),
    FDATE("date", 0, pr_action, date, P_YEAR | P_MONTH | P_DAY),
    FSTRS("acteurs", 0, pr_action, actors),
    FTEXT("evenement", 0, pr_action, event),
    FEND};
static const schema action_schema = {sizeof(pr_action), action_fields, 1,
                                     offsetof(pr_action, pos), NULL, NULL};

static const field deliverable_fields[] = {
    FTEXT("titre", 1, pr_deliverable, title),
    FDATE("echeance", 0, pr_deliverable, due, P_YEAR | P_MONTH | P_DAY),
    FEND};
static const schema deliverable_schema = {sizeof(pr_deliverable), deliverable_fields, 0, 0, NULL,
                                          NULL};

static const field group_fields[] = {
    FTEXT("nom", 0, pr_workstream, group_name),
    FSTRS("membres", 0, pr_workstream, group_members),
    FEND};
static const schema group_schema = {0, group_fields, 0, 0, NULL, NULL};

/* statut: {2023: en_cours, 2024: prevu} */
static void custom_statuses(bctx *c, const pr_value *v, char *base)
{
    pr_workstream *w = (pr_workstream *)base;
    if (v->kind != PR_V_MAP) {
        type_error(c, v, "objet année → statut attendu ({2023: en_cours})");
        return;
    }
    w->statuses = pr_arena_alloc(&c->m->arena, (v->n ? v->n : 1) * sizeof *w->statuses);
    for (size_t i = 0; i < v->n; i++) {
        size_t old = path_key(c, v->keys[i]);
        const char *k = v->keys[i];
        int status;
        if (strlen(k) != 4 || digits(k, 4) < 1000) {
            char *t = shorten(k);
            ERR(c, v->key_pos[i], "année attendue comme clé de statut (AAAA), trouvé « %s »", t);
            free(t);
        } else if (read_enum(c, v->items[i], &status_enum, &status)) {
            w->statuses[w->n_statuses].year = digits(k, 4);
            w->statuses[w->n_statuses++].status = (pr_status)status;
        }
        path_pop(c, old);
    }
}

static const field workstream_fields[] = {
    FTEXT("id", 1, pr_workstream, id),
    FINT("axe", 1, pr_workstream, axis, R_POS),
    FTEXT("titre", 1, pr_workstream, title),
    FTEXT("resume", 0, pr_workstream, summary),
    FCUSTOM("statut", 1, custom_statuses),
    FOBJ("groupe", 0, 0, group_schema),
    FSTRS("questions", 0, pr_workstream, questions),
    FSTRS("points_forts", 0, pr_workstream, highlights),
    FLIST("actions", 0, pr_workstream, actions, n_actions, action_schema),
    FLIST("livrables", 0, pr_workstream, deliverables, n_deliverables, deliverable_schema),
    FEND};
static const schema workstream_schema = {sizeof(pr_workstream), workstream_fields, 1,
                                         offsetof(pr_workstream, pos), NULL, NULL};

/* ---- elus -------------------------------------------------------------------------- */
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
    o->has_coords = 1;
    if (present(map, "lat") && (o->lat < -90 || o->lat > 90))
        field_error(c, map, "lat", "latitude hors de [-90, 90] : %g", o->lat);
    if (present(map, "lon") && (o->lon < -180 || o->lon > 180))
        field_error(c, map, "lon", "longitude hors de [-180, 180] : %g", o->lon);
}
static const field coordinates_fields[] = {
    FREAL("lat", 1, pr_official, lat),
    FREAL("lon", 1, pr_official, lon),
    FEND};
static const schema coordinates_schema = {0, coordinates_fields, 0, 0, NULL, post_coordinates};

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
static const field official_fields[] = {
    FTEXT("id", 1, pr_official, id),
    FTEXT("prenom", 1, pr_official, first_name),
    FTEXT("nom", 1, pr_official, last_name),
    FSTRS("mandats", 1, pr_official, mandates),
    FTEXT("commune", 1, pr_official, commune),
    FTEXT("departement", 1, pr_official, departement),
    FOBJ("coordonnees", 0, 0, coordinates_schema),
    FTEXT("chantier", 0, pr_official, workstream),
    FEND};
static const schema official_schema = {sizeof(pr_official), official_fields, 1,
                                       offsetof(pr_official, pos), NULL, post_official};

/* ---- evenements ----------------------------------------------------------------------- */
static const field session_fields[] = {
    FENUM("type", 1, pr_session, type, session_type_enum),
    FTEXT("titre", 1, pr_session, title),
    FTEXT("texte", 0, pr_session, text),
    FLIST("intervenants", 1, pr_session, speakers, n_speakers, person_schema),
    FCUSTOM("participants", 0, custom_session_participants),
    FEND};
static const schema session_schema = {sizeof(pr_session), session_fields, 1,
                                      offsetof(pr_session, pos), NULL, NULL};

static const field quote_fields[] = {
    FTEXT("texte", 1, pr_quote, text),
    FOBJ("auteur", 1, offsetof(pr_quote, author), person_schema),
    FEND};
static const schema quote_schema = {sizeof(pr_quote), quote_fields, 1, offsetof(pr_quote, pos),
                                    NULL, NULL};

static const field event_fields[] = {
    FTEXT("id", 1, pr_event, id),
    FDATE("date", 1, pr_event, date, P_MONTH | P_DAY),
    FENUM("type", 1, pr_event, type, event_type_enum),
    FTEXT("titre", 1, pr_event, title),
    FTEXT("theme", 0, pr_event, theme),
    FTEXT("resume", 0, pr_event, summary),
    FINT("edition", 0, pr_event, edition, R_POS),
    FTEXT("lieu", 0, pr_event, place),
    FTEXT("ville", 0, pr_event, city),
    FTEXT("code_postal", 0, pr_event, postcode),
    FCUSTOM("participants", 0, custom_event_participants),
    FLIST("intervenants", 0, pr_event, speakers, n_speakers, person_schema),
    FTEXT("chantier", 0, pr_event, workstream),
    FSTRS("elus", 0, pr_event, officials),
    FLIST("sessions", 0, pr_event, sessions, n_sessions, session_schema),
    FLIST("citations", 0, pr_event, quotes, n_quotes, quote_schema),
    FLIST("interviews", 0, pr_event, interviews, n_interviews, person_schema),
    FSTRS("thematiques", 0, pr_event, topics),
    FEND};
static const schema event_schema = {sizeof(pr_event), event_fields, 1, offsetof(pr_event, pos),
                                    NULL, NULL};

/* ---- reseaux_locaux ---------------------------------------------------------------------- */
static void init_local_network(bctx *c, const pr_value *map, char *obj)
{
    (void)c;
    (void)map;
    pr_local_network *l = (pr_local_network *)obj;
    l->active = 1;
    l->scale = (pr_scale)-1; /* "not read": no scale rules without a valid scale */
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
static const field local_network_fields[] = {
    FTEXT("id", 1, pr_local_network, id),
    FTEXT("nom", 1, pr_local_network, name),
    FENUM("echelle", 1, pr_local_network, scale, scale_enum),
    FSTRS("regions", 0, pr_local_network, regions),
    FSTRS("departements", 0, pr_local_network, departements),
    FTEXT("pilote", 1, pr_local_network, lead),
    FSTRS("partenaires", 0, pr_local_network, partners),
    FBOOL("actif", 0, pr_local_network, active),
    FINT("depuis", 0, pr_local_network, since, R_YEAR),
    FEND};
static const schema local_network_schema = {sizeof(pr_local_network), local_network_fields, 1,
                                            offsetof(pr_local_network, pos), init_local_network,
                                            post_local_network};

/* ---- lettres, communication, chiffres_declares --------------------------------------- */
static const field newsletter_fields[] = {
    FINT("numero", 1, pr_newsletter, number, R_POS),
    FDATE("date", 1, pr_newsletter, date, P_MONTH),
    FTEXT("grand_angle", 1, pr_newsletter, grand_angle),
    FSTRS("sujets", 0, pr_newsletter, highlights),
    FEND};
static const schema newsletter_schema = {sizeof(pr_newsletter), newsletter_fields, 1,
                                         offsetof(pr_newsletter, pos), NULL, NULL};

static const field site_fields[] = {
    FDATE("ouverture", 1, pr_communication, site_opening, P_MONTH | P_DAY),
    FTEXT("ancien", 0, pr_communication, site_former),
    FLIST("objectifs", 1, pr_communication, site_objectives, n_site_objectives, item_schema),
    FLIST("rubriques", 1, pr_communication, site_sections, n_site_sections, item_schema),
    FEND};
static const schema site_schema = {0, site_fields, 0, 0, NULL, NULL};

static const field communication_fields[] = {
    FLIST("rubriques_lettre", 1, pr_communication, newsletter_sections, n_newsletter_sections,
          item_schema),
    FOBJ("site", 1, 0, site_schema),
    FEND};
static const schema communication_schema = {0, communication_fields, 0, 0, NULL, NULL};

static void post_declared(bctx *c, const pr_value *map, char *obj)
{
    const pr_declared *d = (const pr_declared *)obj;
    if (present(map, "valeur") && d->value < 0)
        field_error(c, map, "valeur", "valeur négative (%ld) : un chiffre déclaré est positif "
                                      "ou nul", d->value);
    if (!d->figure || pr_figure_def_find(d->figure))
        return;
    const char *cands[64];
    size_t n = 0;
    for (const pr_figure_def *f = pr_figure_defs(); f->id && n < 63; f++)
        cands[n++] = f->id;
    cands[n] = NULL;
    const char *s = pr_suggest(d->figure, cands);
    char *t = shorten(d->figure);
    if (s)
        field_error(c, map, "chiffre", "chiffre « %s » inconnu : vouliez-vous dire « %s » ? "
                                       "(liste des chiffres : data/README.md, partie 8)", t, s);
    else
        field_error(c, map, "chiffre", "chiffre « %s » inconnu (liste des chiffres : "
                                       "data/README.md, partie 8)", t);
    free(t);
}
static const field declared_fields[] = {
    FTEXT("chiffre", 1, pr_declared, figure),
    FLONG("valeur", 1, pr_declared, value, R_ANY),
    FTEXT("libelle", 1, pr_declared, as_printed),
    FTEXT("source", 0, pr_declared, where),
    FEND};
static const schema declared_schema = {sizeof(pr_declared), declared_fields, 1,
                                       offsetof(pr_declared, pos), NULL, post_declared};

/* ---- the whole file ------------------------------------------------------------------- */
static const field model_fields[] = {
    FOBJ("rapport", 1, offsetof(pr_model, report), report_schema),
    FOBJ("reseau", 1, offsetof(pr_model, network), network_schema),
    FOBJ("equipe", 1, offsetof(pr_model, team), team_schema),
    FLIST("partenaires", 1, pr_model, partners, n_partners, partner_schema),
    FOBJ("gouvernance", 1, 0, governance_schema),
    FLIST("chantiers", 1, pr_model, workstreams, n_workstreams, workstream_schema),
    FLIST("elus", 1, pr_model, officials, n_officials, official_schema),
    FLIST("evenements", 1, pr_model, events, n_events, event_schema),
    FLIST("reseaux_locaux", 1, pr_model, local_networks, n_local_networks, local_network_schema),
    FSTRS("perspectives", 0, pr_model, next_year),
    FLIST("lettres", 1, pr_model, newsletters, n_newsletters, newsletter_schema),
    FOBJ("communication", 1, offsetof(pr_model, communication), communication_schema),
    FLIST("chiffres_declares", 0, pr_model, declared, n_declared, declared_schema),
    FEND};
static const schema model_schema = {0, model_fields, 0, 0, NULL, NULL};

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

pr_model *pr_model_build(const pr_value *root, pr_arena *doc_arena, const char *data_file,
                         pr_diags *diags)
{
    pr_model *m = pr_calloc(1, sizeof *m);
    bctx c = {m, diags, data_file ? data_file : "", {0}};
    size_t errors_before = diags->n_errors;
    m->source_file = pr_arena_strdup(&m->arena, c.data_file);
    if (!root) {
        pr_pos whole = {data_file, 0, 0};
        pr_error(diags, whole, NULL, "aucune donnée");
    } else if (root->kind != PR_V_MAP) {
        type_error(&c, root, "objet attendu à la racine du fichier (rapport, reseau, equipe…)");
    } else {
        read_object(&c, root, &model_schema, (char *)m);
        cross_checks(&c, root);
    }
    pr_sb_free(&c.path);
    if (diags->n_errors > errors_before) {
        pr_model_free(m);
        return NULL;
    }
    sort_model(m);
    m->doc = root;
    m->doc_arena = *doc_arena;
    doc_arena->head = NULL;
    return m;
}
