/* test_model_schema.c — the model's schema (data/model_schema.h): its
 * tables agree with the structs, values read through it carry the defaults
 * and the derived values, and the one-place rule: every field of the
 * schema is documented in data/README.md (with its type, whether it is
 * required, its default, the keys and labels of its list of values), every
 * field documented there is in the schema, every derived value is
 * documented in report-templates/README.md, and tools/yaml2json types
 * exactly the keys of the numeric, boolean and date fields. The checkers
 * run on the real files and on altered copies, to see them bite. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/load.h"
#include "data/model_schema.h"
#include "unit.h"

/* ---- reading files --------------------------------------------------------- */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        pr_sb_add(&sb, buf, n);
    fclose(f);
    return pr_sb_steal(&sb);
}

/* text with the first occurrence of `old` replaced by `new` (heap) */
static char *replaced(const char *text, const char *old, const char *new)
{
    const char *at = strstr(text, old);
    if (!at)
        return NULL;
    return pr_asprintf("%.*s%s%s", (int)(at - text), text, new, at + strlen(old));
}

/* ---- the schema's fields by path ---------------------------------------------- */
typedef struct spath {
    char *path;
    const pr_field *f;
    const pr_field *parent;     /* the field holding it (NULL at the top) */
} spath;

typedef struct spaths {
    spath *items;
    size_t n, cap;
} spaths;

static void collect(const char *path, const pr_field *f, void *ud)
{
    spaths *s = ud;
    const pr_field *parent = NULL;
    const char *dot = strrchr(path, '.');
    if (dot) {
        size_t len = (size_t)(dot - path);
        if (len >= 2 && !strncmp(path + len - 2, "[]", 2))
            len -= 2;
        for (size_t i = s->n; i-- > 0;)
            if (strlen(s->items[i].path) == len && !strncmp(s->items[i].path, path, len)) {
                parent = s->items[i].f;
                break;
            }
    }
    spath p = {pr_strdup(path), f, parent};
    PR_PUSH(s->items, s->n, s->cap, p);
}

static spaths all_paths(void)
{
    spaths s = {0};
    pr_schema_walk(collect, &s);
    return s;
}

static void free_paths(spaths *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->items[i].path);
    free(s->items);
}

static const spath *find_path(const spaths *s, const char *path)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->items[i].path, path))
            return &s->items[i];
    return NULL;
}

/* the schema path ending with `suffix` at a key boundary */
static const spath *find_suffix(const spaths *s, const char *suffix)
{
    size_t n = strlen(suffix);
    for (size_t i = 0; i < s->n; i++) {
        size_t l = strlen(s->items[i].path);
        if (l >= n && !strcmp(s->items[i].path + l - n, suffix) &&
            (l == n || s->items[i].path[l - n - 1] == '.'))
            return &s->items[i];
    }
    return NULL;
}

/* Records whose fields data/README.md documents once, in its conventions
 * (part 2) or beside the first use: a person, a titled item, a count. */
static int convention_record(const pr_record *r)
{
    return r && (!strcmp(r->name, "person") || !strcmp(r->name, "item") ||
                 !strcmp(r->name, "count"));
}

/* ---- data/README.md -------------------------------------------------------------- */
typedef struct drow {
    char *path;
    char *type, *required, *line;
} drow;

typedef struct problems {
    pr_strbuf sb;
    int n;
} problems;

static void problem(problems *p, const char *fmt, ...) PR_PRINTF(2, 3);
static void problem(problems *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = pr_vasprintf(fmt, ap);
    va_end(ap);
    pr_sb_printf(&p->sb, "%s\n", s);
    free(s);
    p->n++;
}

/* Cell k (0-based) of a table row "| a | b | c |", trimmed (heap). */
static char *cell(const char *line, int k)
{
    const char *p = line;
    for (int i = 0; i <= k; i++) {
        p = strchr(p, '|');
        if (!p)
            return pr_strdup("");
        p++;
    }
    const char *e = strchr(p, '|');
    if (!e)
        e = p + strlen(p);
    while (p < e && *p == ' ')
        p++;
    while (e > p && e[-1] == ' ')
        e--;
    return pr_strndup(p, (size_t)(e - p));
}

/* The text between the first pair of backquotes of s (heap), or NULL. */
static char *quoted(const char *s)
{
    const char *a = strchr(s, '`');
    const char *b = a ? strchr(a + 1, '`') : NULL;
    return b ? pr_strndup(a + 1, (size_t)(b - a - 1)) : NULL;
}

static int starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* Does the documented type agree with the field's kind? */
static int type_agrees(const pr_field *f, const char *t)
{
    switch (f->kind) {
    case PR_FIELD_TEXT:
        return starts(t, "texte") || starts(t, "identifiant") || starts(t, "code");
    case PR_FIELD_INT:
    case PR_FIELD_LONG:
        return starts(t, "entier") && (f->flags == PR_RANGE_POS) == (strstr(t, "≥ 1") != NULL);
    case PR_FIELD_REAL:
        return starts(t, "nombre");
    case PR_FIELD_BOOL:
        return starts(t, "booléen");
    case PR_FIELD_DATE: {
        if (!starts(t, "date"))
            return 0;
        int mask = (strstr(t, "jour") ? PR_PREC_DAY : 0) | (strstr(t, "mois") ? PR_PREC_MONTH : 0) |
                   (strstr(t, "année") ? PR_PREC_YEAR : 0);
        return mask == f->flags;
    }
    case PR_FIELD_ENUM:
        return strstr(t, "(5.") != NULL;
    case PR_FIELD_COUNT:
        return starts(t, "effectif");
    case PR_FIELD_STRLIST:
        return starts(t, "liste de textes") || starts(t, "liste de codes") ||
               starts(t, "liste d'identifiants");
    case PR_FIELD_LIST:
        return starts(t, "liste") && !type_agrees(&(pr_field){.kind = PR_FIELD_STRLIST}, t);
    case PR_FIELD_OBJECT:
        return (starts(t, "objet") && !starts(t, "objet année")) || starts(t, "personne");
    case PR_FIELD_YEAR_MAP:
        return starts(t, "objet année");
    }
    return 0;
}

/* The key of a field's default ("true", "prevu"), or NULL. */
static const char *default_key(const pr_field *f)
{
    if (!f->has_default)
        return NULL;
    if (f->kind == PR_FIELD_BOOL)
        return f->dflt ? "true" : "false";
    if ((f->kind == PR_FIELD_ENUM || f->kind == PR_FIELD_YEAR_MAP) && f->en)
        return f->en->keys[f->dflt];
    return NULL;
}

/* The text of part `n` of a README ("## n." up to the next "## "). */
static const char *part(const char *text, const char *heading, size_t *len)
{
    const char *a = strstr(text, heading);
    if (!a)
        return NULL;
    const char *b = strstr(a + strlen(heading), "\n## ");
    *len = b ? (size_t)(b - a) : strlen(a);
    return a;
}

/* Check data/README.md (its text) against the schema. */
static int check_data_readme(const char *text, problems *pb)
{
    spaths s = all_paths();
    drow *rows = NULL;
    size_t n_rows = 0, cap_rows = 0;
    /* parts 3 (the top-level keys) and 4 (every field) */
    size_t len3, len4;
    const char *p3 = part(text, "\n## 3.", &len3), *p4 = part(text, "\n## 4.", &len4);
    if (!p3 || !p4) {
        problem(pb, "data/README.md : parties 3 et 4 introuvables");
        free_paths(&s);
        return pb->n;
    }
    char *base = pr_strdup(""), *sub = pr_strdup("");
    for (int pass = 0; pass < 2; pass++) {
        const char *a = pass ? p4 : p3, *end = a + (pass ? len4 : len3);
        while (a < end) {
            const char *e = memchr(a, '\n', (size_t)(end - a));
            if (!e)
                e = end;
            char *line = pr_strndup(a, (size_t)(e - a));
            a = e + 1;
            if (pass && starts(line, "### 4.")) {
                char *k = quoted(line);
                free(base);
                free(sub);
                const spath *sp = k ? find_path(&s, k) : NULL;
                base = k ? pr_asprintf("%s%s", k, sp && sp->f->kind == PR_FIELD_LIST ? "[]" : "")
                         : pr_strdup("?");
                sub = pr_strdup(base);
                free(k);
            } else if (pass && starts(line, "Chaque ")) {
                char *k = quoted(line);
                if (k) {
                    free(sub);
                    sub = pr_asprintf("%s.%s", base, k);
                    free(k);
                }
            } else if (starts(line, "| `")) {
                char *k = cell(line, 0);
                char *key = quoted(k);
                drow r = {pass ? pr_asprintf("%s.%s", sub, key) : pr_strdup(key), cell(line, 1),
                          cell(line, 2), pr_strdup(line)};
                PR_PUSH(rows, n_rows, cap_rows, r);
                free(key);
                free(k);
            }
            free(line);
        }
    }
    free(base);
    free(sub);

    /* documented -> in the schema, with its type, required flag, default */
    for (size_t i = 0; i < n_rows; i++) {
        const spath *sp = find_path(&s, rows[i].path);
        if (!sp || sp->f->derive) {
            problem(pb, "data/README.md : « %s » documenté mais absent du modèle", rows[i].path);
            continue;
        }
        const pr_field *f = sp->f;
        if (!type_agrees(f, rows[i].type))
            problem(pb, "data/README.md : « %s » : type « %s » documenté, ce n'est pas celui du "
                        "modèle", rows[i].path, rows[i].type);
        const char *req = rows[i].required;
        int doc_required = starts(req, "oui") && !strstr(req, "oui si") && !strstr(req, "sinon");
        if (doc_required != f->required)
            problem(pb, "data/README.md : « %s » : « %s » documenté, le modèle le dit %s",
                    rows[i].path, req, f->required ? "obligatoire" : "facultatif");
        const char *dk = default_key(f);
        char *want = dk ? pr_asprintf(f->kind == PR_FIELD_YEAR_MAP ? "`%s`" : "défaut `%s`", dk)
                        : NULL;
        if (want && !strstr(rows[i].line, want))
            problem(pb, "data/README.md : « %s » : défaut %s non documenté", rows[i].path, want);
        if (!want && strstr(req, "défaut"))
            problem(pb, "data/README.md : « %s » : un défaut est documenté, le modèle n'en a pas",
                    rows[i].path);
        free(want);
    }
    /* in the schema -> documented (a convention record's fields in part 2,
       an object's written {a, b} in its type) */
    for (size_t i = 0; i < s.n; i++) {
        const spath *sp = &s.items[i];
        if (sp->f->derive)
            continue;
        if (sp->parent && convention_record(sp->parent->record))
            continue;
        int found = 0;
        for (size_t k = 0; k < n_rows && !found; k++)
            found = !strcmp(rows[k].path, sp->path);
        /* an object documented by its fields' rows ("predecesseur.nom") */
        size_t plen = strlen(sp->path);
        for (size_t k = 0; k < n_rows && !found && sp->f->kind == PR_FIELD_OBJECT; k++)
            found = !strncmp(rows[k].path, sp->path, plen) && rows[k].path[plen] == '.';
        if (!found && sp->parent) {
            const char *parent_path = NULL;
            for (size_t k = 0; k < s.n; k++)
                if (s.items[k].f == sp->parent)
                    parent_path = s.items[k].path;
            for (size_t k = 0; k < n_rows && !found && parent_path; k++)
                if (!strcmp(rows[k].path, parent_path)) {
                    char *brace = pr_asprintf("%s,", sp->f->key), *last = pr_asprintf("%s}", sp->f->key);
                    found = strstr(rows[k].type, brace) || strstr(rows[k].type, last);
                    free(brace);
                    free(last);
                }
        }
        if (!found)
            problem(pb, "data/README.md : champ du modèle non documenté : %s", sp->path);
    }
    for (size_t i = 0; i < n_rows; i++) {
        free(rows[i].path);
        free(rows[i].type);
        free(rows[i].required);
        free(rows[i].line);
    }
    free(rows);

    /* conventions, written once: persons and counts (part 2), titled
       items (beside the first list of them) */
    const char *conv = text;
    const pr_record *records[3] = {NULL, NULL, NULL};
    for (size_t i = 0; i < s.n; i++)
        if (s.items[i].f->record && convention_record(s.items[i].f->record)) {
            const pr_record *r = s.items[i].f->record;
            int k = !strcmp(r->name, "person") ? 0 : !strcmp(r->name, "item") ? 1 : 2;
            records[k] = r;
        }
    for (int k = 0; k < 3; k++) {
        for (const pr_field *f = records[k] ? records[k]->fields : NULL; f && f->key; f++) {
            char *a = pr_asprintf("`%s`", f->key), *b = pr_asprintf("{%s, ", f->key);
            char *c = pr_asprintf(", %s}", f->key), *y = pr_asprintf("%s: ", f->key);
            if (!strstr(conv, a) && !strstr(conv, b) && !strstr(conv, c) && !strstr(conv, y))
                problem(pb, "data/README.md : « %s » (%s) non documenté", f->key,
                        records[k]->name);
            free(a);
            free(b);
            free(c);
            free(y);
        }
    }
    for (int i = 0; i < pr_enum_count_precision.n; i++) {
        char *a = pr_asprintf("`%s`", pr_enum_count_precision.keys[i]);
        if (!strstr(conv, a))
            problem(pb, "data/README.md : précision %s non documentée", a);
        free(a);
    }

    /* lists of values (part 5): each table lists its enum's keys and
       labels, in order */
    size_t len5;
    const char *p5 = part(text, "\n## 5.", &len5);
    const pr_enum_desc *seen[8] = {NULL};
    int n_seen = 0;
    const char *a = p5, *end = p5 ? p5 + len5 : NULL;
    const pr_enum_desc *cur = NULL;
    int row = 0;
    while (a && a < end) {
        const char *e = memchr(a, '\n', (size_t)(end - a));
        if (!e)
            e = end;
        char *line = pr_strndup(a, (size_t)(e - a));
        a = e + 1;
        if (starts(line, "### 5.")) {
            if (cur && row != cur->n)
                problem(pb, "data/README.md : %s : %d valeurs documentées, le modèle en a %d",
                        cur->what, row, cur->n);
            char *k = quoted(line);
            const spath *sp = k ? find_suffix(&s, k) : NULL;
            cur = sp ? sp->f->en : NULL;
            row = 0;
            if (cur && n_seen < 8)
                seen[n_seen++] = cur;
            free(k);
        } else if (cur && starts(line, "| `")) {
            char *k = cell(line, 0), *key = quoted(k), *label = cell(line, 1);
            if (row >= cur->n || strcmp(key, cur->keys[row]) || strcmp(label, cur->labels[row]))
                problem(pb, "data/README.md : %s : « %s » / « %s » documenté, le modèle dit "
                            "« %s » / « %s »", cur->what, key, label,
                        row < cur->n ? cur->keys[row] : "-", row < cur->n ? cur->labels[row] : "-");
            row++;
            free(k);
            free(key);
            free(label);
        }
        free(line);
    }
    if (cur && row != cur->n)
        problem(pb, "data/README.md : %s : %d valeurs documentées, le modèle en a %d", cur->what,
                row, cur->n);
    const pr_enum_desc *enums[] = {&pr_enum_event_type, &pr_enum_session_type, &pr_enum_status,
                                   &pr_enum_scale};
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
        int found = 0;
        for (int k = 0; k < n_seen; k++)
            found |= seen[k] == enums[i];
        if (!found)
            problem(pb, "data/README.md : partie 5 : liste de valeurs « %s » absente", enums[i]->what);
    }
    free_paths(&s);
    return pb->n;
}

/* Every derived value is in the table of report-templates/README.md under
 * « Valeurs calculées », and that table names only derived values. */
static int check_template_readme(const char *text, problems *pb)
{
    spaths s = all_paths();
    const char *t = strstr(text, "Valeurs calculées");
    const char *end = t ? strstr(t, "\n#") : NULL;
    char *table = t ? pr_strndup(t, end ? (size_t)(end - t) : strlen(t)) : pr_strdup("");
    for (size_t i = 0; i < s.n; i++) {
        if (!s.items[i].f->derive)
            continue;
        char *q = pr_asprintf("| `%s` |", s.items[i].path);
        if (!strstr(table, q))
            problem(pb, "report-templates/README.md : valeur calculée non documentée : %s",
                    s.items[i].path);
        free(q);
    }
    for (const char *l = table; (l = strstr(l, "\n| `")); l++) {
        char *k = quoted(l);
        const spath *sp = k ? find_path(&s, k) : NULL;
        if (!sp || !sp->f->derive)
            problem(pb, "report-templates/README.md : « %s » n'est pas une valeur calculée du "
                        "modèle", k ? k : "?");
        free(k);
    }
    free(table);
    free_paths(&s);
    return pb->n;
}

/* The keys tools/yaml2json turns into JSON numbers, booleans and years
 * (its Python sets NAME = {"a", "b"}) are the keys of the schema's fields
 * of those kinds. */
static char *py_set(const char *text, const char *name)
{
    char *head = pr_asprintf("\n%s = {", name);
    const char *a = strstr(text, head);
    free(head);
    if (!a)
        return NULL;
    const char *b = strchr(a, '}');
    return b ? pr_strndup(a, (size_t)(b - a + 1)) : NULL;
}

typedef struct kind_keys {
    int kinds;          /* bit mask of pr_field_kind */
    pr_strbuf missing;
    const char *set;
} kind_keys;

static void keys_of_kinds(const char *path, const pr_field *f, void *ud)
{
    (void)path;
    kind_keys *k = ud;
    if (f->derive || !(k->kinds & (1 << f->kind)))
        return;
    char *q = pr_asprintf("\"%s\"", f->key);
    if (!strstr(k->set, q) && !strstr(k->missing.data ? k->missing.data : "", q))
        pr_sb_printf(&k->missing, " %s", q);
    free(q);
}

static int check_yaml2json(const char *text, problems *pb)
{
    static const struct {
        const char *set;
        int kinds;
    } sets[] = {
        {"INT_KEYS", 1 << PR_FIELD_INT | 1 << PR_FIELD_LONG | 1 << PR_FIELD_COUNT},
        {"FLOAT_KEYS", 1 << PR_FIELD_REAL},
        {"BOOL_KEYS", 1 << PR_FIELD_BOOL},
        {"DATE_KEYS", 1 << PR_FIELD_DATE},
    };
    spaths s = all_paths();
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        char *set = py_set(text, sets[i].set);
        if (!set) {
            problem(pb, "tools/yaml2json : %s introuvable", sets[i].set);
            continue;
        }
        /* schema -> set */
        kind_keys k = {sets[i].kinds, {0}, set};
        pr_schema_walk(keys_of_kinds, &k);
        if (k.missing.len)
            problem(pb, "tools/yaml2json : %s sans%s", sets[i].set, k.missing.data);
        pr_sb_free(&k.missing);
        /* set -> schema */
        for (const char *q = strchr(set, '"'); q; q = strchr(q, '"')) {
            const char *e = strchr(q + 1, '"');
            if (!e)
                break;
            char *key = pr_strndup(q + 1, (size_t)(e - q - 1));
            int found = 0;
            for (size_t j = 0; j < s.n && !found; j++)
                found = !strcmp(s.items[j].f->key, key) && !s.items[j].f->derive &&
                        (sets[i].kinds & (1 << s.items[j].f->kind));
            if (!found)
                problem(pb, "tools/yaml2json : %s : « %s » n'est pas un champ de ce type du modèle",
                        sets[i].set, key);
            free(key);
            q = e + 1;
        }
        free(set);
    }
    free_paths(&s);
    return pb->n;
}

/* ---- tests ---------------------------------------------------------------------- */
TEST(data_readme_documents_every_field)
{
    char *text = slurp("data/README.md");
    CHECK(text != NULL);
    if (!text)
        return;
    problems pb = {{0}, 0};
    pr_sb_puts(&pb.sb, "");
    CHECK_INT(check_data_readme(text, &pb), 0);
    if (pb.n)
        fputs(pb.sb.data, stderr);
    pr_sb_free(&pb.sb);

    /* it bites: a row removed, a row too many, a wrong type, a wrong
       default, a wrong label */
    struct {
        const char *old, *new, *want;
    } cases[] = {
        {"| `principal` | booléen | non (défaut `false`) | prestataire principal ; un seul au plus | `true` |\n",
         "", "data/README.md : champ du modèle non documenté : equipe.prestataires[].principal\n"},
        {"| `depuis` | entier | non | année de début | `2022` |\n",
         "| `depuis` | entier | non | année de début | `2022` |\n| `fin` | entier | non | x | |\n",
         "data/README.md : « equipe.prestataires[].fin » documenté mais absent du modèle\n"},
        {"| `edition` | entier ≥ 1 |", "| `edition` | texte |",
         "data/README.md : « evenements[].edition » : type « texte » documenté, ce n'est pas celui du modèle\n"},
        {"non (défaut `true`)", "non (défaut `false`)",
         "data/README.md : « reseaux_locaux[].actif » : défaut défaut `true` non documenté\n"},
        {"| `amorce` | amorcé |", "| `amorce` | amorçé |",
         "data/README.md : statut : « amorce » / « amorçé » documenté, le modèle dit « amorce » / « amorcé »\n"},
        {"| `titre` | texte | oui | intitulé | `\"Cartographie",
         "| `titre` | texte | non | intitulé | `\"Cartographie",
         "data/README.md : « chantiers[].livrables[].titre » : « non » documenté, le modèle le dit obligatoire\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *t2 = replaced(text, cases[i].old, cases[i].new);
        CHECK(t2 != NULL);
        if (!t2)
            continue;
        problems p2 = {{0}, 0};
        pr_sb_puts(&p2.sb, "");
        check_data_readme(t2, &p2);
        CHECK_STR(p2.sb.data, cases[i].want);
        pr_sb_free(&p2.sb);
        free(t2);
    }
    free(text);
}

TEST(template_readme_documents_derived_values)
{
    char *text = slurp("report-templates/README.md");
    CHECK(text != NULL);
    if (!text)
        return;
    problems pb = {{0}, 0};
    pr_sb_puts(&pb.sb, "");
    CHECK_INT(check_template_readme(text, &pb), 0);
    if (pb.n)
        fputs(pb.sb.data, stderr);
    pr_sb_free(&pb.sb);
    char *t2 = replaced(text, "| `partenaires[].nouveau` |", "| `partenaires[].neuf` |");
    CHECK(t2 != NULL);
    if (t2) {
        problems p2 = {{0}, 0};
        pr_sb_puts(&p2.sb, "");
        check_template_readme(t2, &p2);
        CHECK_STR(p2.sb.data,
                  "report-templates/README.md : valeur calculée non documentée : partenaires[].nouveau\n"
                  "report-templates/README.md : « partenaires[].neuf » n'est pas une valeur calculée du modèle\n");
        pr_sb_free(&p2.sb);
        free(t2);
    }
    free(text);
}

TEST(yaml2json_types_the_model_fields)
{
    char *text = slurp("tools/yaml2json");
    CHECK(text != NULL);
    if (!text)
        return;
    problems pb = {{0}, 0};
    pr_sb_puts(&pb.sb, "");
    CHECK_INT(check_yaml2json(text, &pb), 0);
    if (pb.n)
        fputs(pb.sb.data, stderr);
    pr_sb_free(&pb.sb);
    char *t2 = replaced(text, "\"numero\", \"axe\", \"edition\"", "\"numero\", \"axe\", \"editions\"");
    CHECK(t2 != NULL);
    if (t2) {
        problems p2 = {{0}, 0};
        pr_sb_puts(&p2.sb, "");
        check_yaml2json(t2, &p2);
        CHECK_STR(p2.sb.data, "tools/yaml2json : INT_KEYS sans \"edition\"\n"
                              "tools/yaml2json : INT_KEYS : « editions » n'est pas un champ de ce "
                              "type du modèle\n");
        pr_sb_free(&p2.sb);
        free(t2);
    }
    free(text);
}

/* The tables agree with the structs: offsets inside, lists with counts. */
static int bad_offsets;
static void check_field(const char *path, const pr_field *f, void *ud)
{
    (void)ud;
    if (f->derive) {
        if (f->required || f->has_default || !f->about) {
            fprintf(stderr, "valeur calculée mal déclarée : %s\n", path);
            bad_offsets++;
        }
        return;
    }
    if ((f->kind == PR_FIELD_LIST && (!f->record || !f->record->size)) ||
        ((f->kind == PR_FIELD_LIST || f->kind == PR_FIELD_YEAR_MAP) && f->count_offset == f->offset) ||
        ((f->kind == PR_FIELD_ENUM || f->kind == PR_FIELD_YEAR_MAP) && !f->en) ||
        (f->kind == PR_FIELD_OBJECT && !f->record) ||
        (f->required && f->has_default && f->kind != PR_FIELD_YEAR_MAP)) {
        fprintf(stderr, "champ mal déclaré : %s\n", path);
        bad_offsets++;
    }
}

TEST(tables_are_consistent)
{
    bad_offsets = 0;
    pr_schema_walk(check_field, NULL);
    CHECK_INT(bad_offsets, 0);
    spaths s = all_paths();
    CHECK(s.n > 150);
    const spath *p = find_path(&s, "evenements[].sessions[].intervenants[].organisation");
    CHECK(p && p->f->kind == PR_FIELD_TEXT && p->parent && !strcmp(p->parent->key, "intervenants"));
    p = find_path(&s, "equipe.prestataires[].principal");
    CHECK(p && p->f->kind == PR_FIELD_BOOL && p->f->has_default && p->f->dflt == 0);
    p = find_path(&s, "reseaux_locaux[].actif");
    CHECK(p && p->f->has_default && p->f->dflt == 1);
    p = find_path(&s, "chantiers[].statut_annee");
    CHECK(p && p->f->derive && p->f->en == &pr_enum_status);
    CHECK(find_path(&s, "chantiers[].statut") != NULL);
    free_paths(&s);
    const char *keys[64];
    pr_record_keys(&pr_schema_model, 0, keys, 64);
    CHECK_STR(keys[0], "rapport");
    CHECK_STR(keys[12], "chiffres_declares");
    CHECK_STR(keys[13], "annees_precedentes");
    CHECK(keys[14] == NULL);
}

/* Reading values: defaults, derived values, absent fields. */
TEST(values)
{
    pr_diags d;
    pr_diags_init(&d);
    pr_arena a = {0};
    pr_value *root = pr_load_file("tests/unit/data/base.yaml", PR_FORMAT_YAML, &a, &d);
    pr_model *m = root ? pr_model_build(root, &a, "tests/unit/data/base.yaml", &d) : NULL;
    CHECK(m != NULL);
    if (!m) {
        pr_diags_print(&d, stderr);
        return;
    }
    pr_mvalue r = pr_mvalue_root(m);
    const pr_field *fe = pr_record_field(r.record, "equipe");
    pr_mvalue eq = pr_mvalue_get(m, &r, fe);
    CHECK_INT(eq.kind, PR_MV_RECORD);
    pr_mvalue pres = pr_mvalue_get(m, &eq, pr_record_field(eq.record, "prestataires"));
    CHECK_INT(pres.kind, PR_MV_LIST);
    CHECK_INT(pres.n, 2);
    pr_mvalue second = pr_mvalue_item(&pres, 1);
    pr_mvalue lead = pr_mvalue_get(m, &second, pr_record_field(second.record, "principal"));
    CHECK_INT(lead.kind, PR_MV_BOOL);
    CHECK_INT(lead.v.num, 0);
    pr_mvalue since = pr_mvalue_get(m, &second, pr_record_field(second.record, "depuis"));
    CHECK_INT(since.kind, PR_MV_ABSENT);
    CHECK(!pr_mvalue_truthy(m, &since));
    CHECK_INT(pr_mvalue_item(&pres, 2).kind, PR_MV_ABSENT);

    pr_mvalue ws = pr_mvalue_get(m, &r, pr_record_field(r.record, "chantiers"));
    pr_mvalue w0 = pr_mvalue_item(&ws, 0);
    pr_mvalue st = pr_mvalue_get(m, &w0, pr_record_field(w0.record, "statut"));
    CHECK_INT(st.kind, PR_MV_YEAR_MAP);
    pr_strbuf sb = {0};
    pr_mvalue y = pr_mvalue_year(&st, 2025);
    pr_mvalue_put(&sb, &y);
    pr_sb_putc(&sb, ' ');
    y = pr_mvalue_year(&st, 2031);
    pr_mvalue_put(&sb, &y);
    pr_sb_putc(&sb, ' ');
    y = pr_mvalue_get(m, &w0, pr_record_field(w0.record, "statut_annee"));
    pr_mvalue_put(&sb, &y);
    CHECK_STR(sb.data, "termine prevu en_cours");
    pr_sb_free(&sb);

    pr_mvalue nets = pr_mvalue_get(m, &r, pr_record_field(r.record, "reseaux_locaux"));
    pr_mvalue corse = pr_mvalue_item(&nets, 0), reunion = pr_mvalue_item(&nets, 1);
    const pr_field *cov = pr_record_field(corse.record, "departements_couverts");
    pr_mvalue c = pr_mvalue_get(m, &corse, cov);
    CHECK_INT(c.kind, PR_MV_STRLIST);
    CHECK_INT(c.n, 2);
    if (c.n == 2) {
        CHECK_STR(((const char *const *)c.ptr)[0], "2A");
        CHECK_STR(((const char *const *)c.ptr)[1], "2B");
    }
    pr_mvalue active = pr_mvalue_get(m, &reunion, pr_record_field(reunion.record, "actif"));
    CHECK_INT(active.v.num, 0);
    active = pr_mvalue_get(m, &corse, pr_record_field(corse.record, "actif"));
    CHECK_INT(active.v.num, 1);

    /* a count, and its precision */
    pr_mvalue evs = pr_mvalue_get(m, &r, pr_record_field(r.record, "evenements"));
    pr_mvalue atelier = pr_mvalue_item(&evs, 0);   /* sorted: 2024-04 first */
    pr_mvalue part = pr_mvalue_get(m, &atelier, pr_record_field(atelier.record, "participants"));
    CHECK_INT(part.kind, PR_MV_COUNT);
    CHECK_INT(part.v.count.value, 12);
    pr_mvalue prec = pr_mvalue_get(m, &part, pr_record_field(part.record, "precision"));
    CHECK_INT(prec.kind, PR_MV_ENUM);
    CHECK_INT(prec.v.num, PR_COUNT_EXACT);
    pr_mvalue year = pr_mvalue_get(m, &atelier, pr_record_field(atelier.record, "annee"));
    CHECK_INT(year.v.num, 2024);

    /* an optional object: present, or absent */
    pr_mvalue elus = pr_mvalue_get(m, &r, pr_record_field(r.record, "elus"));
    pr_mvalue e0 = pr_mvalue_item(&elus, 0);
    pr_mvalue coords = pr_mvalue_get(m, &e0, pr_record_field(e0.record, "coordonnees"));
    CHECK_INT(coords.kind, PR_MV_RECORD);
    pr_mvalue lat = pr_mvalue_get(m, &coords, pr_record_field(coords.record, "lat"));
    CHECK_NEAR(lat.v.real, 41.92, 1e-9);
    pr_mvalue group = pr_mvalue_get(m, &w0, pr_record_field(w0.record, "groupe"));
    CHECK_INT(group.kind, PR_MV_RECORD);
    CHECK(!pr_mvalue_truthy(m, &group));   /* no field of it given */

    /* positions: a team member's photo is not given: the member's */
    pr_mvalue members = pr_mvalue_get(m, &eq, pr_record_field(eq.record, "membres"));
    pr_mvalue mb = pr_mvalue_item(&members, 0);
    pr_pos pos;
    CHECK(pr_mvalue_pos(&mb, "photo", &pos));
    CHECK_INT(pos.line, 36);
    CHECK(!pr_mvalue_pos(&eq, "sigle", &pos));
    pr_model_free(m);
    pr_arena_free(&a);
    pr_diags_free(&d);
}

/* A derived value is no key of the data file. */
TEST(derived_values_are_not_keys)
{
    char *base = slurp("tests/unit/data/base.yaml");
    CHECK(base != NULL);
    if (!base)
        return;
    char *text = replaced(base, "    statut: {2024: en_cours, 2025: termine}\n",
                          "    statut: {2024: en_cours, 2025: termine}\n    statut_annee: en_cours\n");
    CHECK(text != NULL);
    pr_diags d;
    pr_diags_init(&d);
    pr_arena a = {0};
    pr_value *root = text ? pr_load_buffer("t.yaml", text, strlen(text), PR_FORMAT_YAML, &a, &d) : NULL;
    pr_model *m = root ? pr_model_build(root, &a, "t.yaml", &d) : NULL;
    CHECK(m == NULL);
    CHECK_INT(d.n, 1);
    if (d.n == 1) {
        CHECK_INT(d.items[0].pos.line, 51);
        CHECK_STR(d.items[0].msg, "clé inconnue « statut_annee » (clés possibles : id, axe, titre, "
                                  "resume, statut, groupe, questions, points_forts, actions, livrables)");
    }
    pr_model_free(m);
    pr_arena_free(&a);
    pr_diags_free(&d);
    free(text);
    free(base);
    const char *keys[64];
    const pr_record *ws = pr_record_field(&pr_schema_model, "chantiers")->record;
    pr_record_keys(ws, 0, keys, 64);
    for (size_t i = 0; keys[i]; i++)
        CHECK(strcmp(keys[i], "statut_annee") != 0);
    CHECK(pr_record_field(ws, "statut_annee") != NULL);
}

int main(void)
{
    RUN(tables_are_consistent);
    RUN(values);
    RUN(derived_values_are_not_keys);
    RUN(data_readme_documents_every_field);
    RUN(template_readme_documents_derived_values);
    RUN(yaml2json_types_the_model_fields);
    pr_sources_free();
    return UNIT_DONE();
}
