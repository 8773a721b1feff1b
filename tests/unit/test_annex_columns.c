/* test_annex_columns.c — the annex's record sheets against the model's
 * schema (annex/columns.h): every column names fields the model has, every
 * field of a listed record is shown by a column or by a sheet of its own,
 * or left out on purpose, and no column lacks its description. The checker
 * also runs on altered descriptions, to see it bite. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annex/columns.h"
#include "data/model_schema.h"
#include "unit.h"

/* ---- the schema's paths ----------------------------------------------------------- */
typedef struct path_field {
    char *path;
    const pr_field *f;
} path_field;

typedef struct paths {
    path_field *items;
    size_t n, cap;
} paths;

static void collect(const char *path, const pr_field *f, void *ud)
{
    paths *p = ud;
    path_field pf = {pr_strdup(path), f};
    PR_PUSH(p->items, p->n, p->cap, pf);
}

static const pr_field *field_at(const paths *p, const char *path)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->items[i].path, path))
            return p->items[i].f;
    return NULL;
}

/* "evenements[]" -> the list field "evenements"; "evenements[].elus" -> the
 * list of texts "evenements[].elus". */
static const pr_field *record_list(const paths *p, const char *rec)
{
    size_t n = strlen(rec);
    if (n > 2 && !strcmp(rec + n - 2, "[]")) {
        char *base = pr_strndup(rec, n - 2);
        const pr_field *f = field_at(p, base);
        free(base);
        return f && f->kind == PR_FIELD_LIST ? f : NULL;
    }
    const pr_field *f = field_at(p, rec);
    return f && f->kind == PR_FIELD_STRLIST ? f : NULL;
}

/* The sheets' names, from book.h's table. */
#define SHEET_NAME(id, name, table, about) name,
static const char *const sheet_names[] = {ANNEX_SHEET_TABLE(SHEET_NAME)};
#define NAME(sheet) sheet_names[(sheet)]

typedef struct problems {
    pr_strbuf sb;
    int n;
} problems;

static void problem(problems *pb, const char *fmt, ...) PR_PRINTF(2, 3);
static void problem(problems *pb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = pr_vasprintf(fmt, ap);
    va_end(ap);
    pr_sb_printf(&pb->sb, "%s\n", s);
    free(s);
    pb->n++;
}

/* Is `word` one of the space-separated words of `list`? */
static int has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
    return 0;
}

/* The absolute path of a column's field written relative to `rec`. */
static char *absolute(const char *rec, const char *field)
{
    if (strstr(field, "[]"))
        return pr_strdup(field);
    return pr_asprintf("%s.%s", rec, field);
}

/* Is the field at `path` shown by one of the sheets' columns (a column
 * showing a sub-field counts), or listed by a sheet of its own? */
static int shown(const annex_columns *t, size_t n_t, const char *path)
{
    size_t len = strlen(path);
    for (size_t s = 0; s < n_t; s++) {
        char *list = pr_asprintf("%s[]", path);
        int own = has_word(t[s].records, list) || has_word(t[s].records, path);
        free(list);
        if (own)
            return 1;
        for (size_t c = 0; c < t[s].n_columns; c++) {
            const char *w = t[s].fields[c] ? t[s].fields[c] : "";
            char *copy = pr_strdup(w);
            for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
                /* the column's path, from each record of the sheet */
                char *recs = pr_strdup(t[s].records);
                for (char *r = recs, *end; r && *r; r = end) {
                    end = strchr(r, ' ');
                    if (end)
                        *end++ = '\0';
                    char *abs = absolute(r, tok);
                    int hit = !strncmp(abs, path, len) && (abs[len] == '\0' || abs[len] == '.');
                    free(abs);
                    if (hit) {
                        free(recs);
                        free(copy);
                        return 1;
                    }
                }
                free(recs);
            }
            free(copy);
        }
    }
    return 0;
}

/* The fields of record `rec_path` (a record of `r`) that must be shown:
 * its own, a nested object's one by one, derived values excepted. */
static void check_fields(const annex_columns *t, size_t n_t, const annex_columns *sheet,
                         const pr_record *r, const char *rec_path, const char *prefix,
                         problems *pb)
{
    for (const pr_field *f = r->fields; f->key; f++) {
        if (f->derive)
            continue;
        char *rel = *prefix ? pr_asprintf("%s.%s", prefix, f->key) : pr_strdup(f->key);
        if (f->kind == PR_FIELD_OBJECT) {
            check_fields(t, n_t, sheet, f->record, rec_path, rel, pb);
        } else if (!has_word(sheet->left_out, rel)) {
            char *abs = pr_asprintf("%s.%s", rec_path, rel);
            if (!shown(t, n_t, abs))
                problem(pb, "annexe, feuille « %s » : champ du modèle %s ni montré ni écarté",
                        NAME(sheet->sheet), abs);
            free(abs);
        }
        free(rel);
    }
}

static int check_columns(const annex_columns *t, size_t n_t, problems *pb)
{
    paths p = {0};
    pr_schema_walk(collect, &p);
    for (size_t s = 0; s < n_t; s++) {
        char *recs = pr_strdup(t[s].records);
        for (char *r = recs, *end; r && *r; r = end) {
            end = strchr(r, ' ');
            if (end)
                *end++ = '\0';
            const pr_field *list = record_list(&p, r);
            if (!list) {
                problem(pb, "annexe, feuille « %s » : « %s » n'est pas une liste du modèle",
                        NAME(t[s].sheet), r);
                continue;
            }
            for (size_t c = 0; c < t[s].n_columns; c++) {
                if (!t[s].fields[c]) {
                    problem(pb, "annexe, feuille « %s » : colonne %zu sans champ décrit",
                            NAME(t[s].sheet), c);
                    continue;
                }
                char *copy = pr_strdup(t[s].fields[c]);
                for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
                    if (!strcmp(tok, "."))
                        continue;
                    char *abs = absolute(r, tok);
                    if (!field_at(&p, abs))
                        problem(pb, "annexe, feuille « %s », colonne %zu : « %s » n'est pas un "
                                    "champ du modèle", NAME(t[s].sheet), c, abs);
                    free(abs);
                }
                free(copy);
            }
            if (list->kind == PR_FIELD_LIST)
                check_fields(t, n_t, &t[s], list->record, r, "", pb);
            /* what is left out is a field */
            char *lo = pr_strdup(t[s].left_out);
            for (char *tok = strtok(lo, " "); tok; tok = strtok(NULL, " ")) {
                char *abs = absolute(r, tok);
                if (!field_at(&p, abs))
                    problem(pb, "annexe, feuille « %s » : « %s » écarté n'est pas un champ du modèle",
                            NAME(t[s].sheet), abs);
                free(abs);
            }
            free(lo);
        }
        free(recs);
    }
    for (size_t i = 0; i < p.n; i++)
        free(p.items[i].path);
    free(p.items);
    return pb->n;
}

TEST(columns_follow_the_schema)
{
    size_t n;
    const annex_columns *t = annex_columns_table(&n);
    CHECK(n >= 16);
    problems pb = {{0}, 0};
    pr_sb_puts(&pb.sb, "");
    CHECK_INT(check_columns(t, n, &pb), 0);
    if (pb.n)
        fputs(pb.sb.data, stderr);
    pr_sb_free(&pb.sb);
}

/* Altered copies of the description: the checker bites. */
TEST(it_bites)
{
    size_t n;
    const annex_columns *orig = annex_columns_table(&n);
    annex_columns *t = pr_malloc(n * sizeof *t);
    size_t ev = n, tm = n;
    for (size_t i = 0; i < n; i++) {
        if (orig[i].sheet == SH_EVENTS)
            ev = i;
        if (orig[i].sheet == SH_TEAM)
            tm = i;
    }
    CHECK(ev < n && tm < n);
    if (ev == n || tm == n) {
        free(t);
        return;
    }
    const char **cols = pr_malloc(orig[ev].n_columns * sizeof *cols);
    struct {
        size_t col;
        const char *field;      /* the events' column replaced */
        const char *left_out;   /* the team's left_out replaced */
        const char *want;
    } cases[] = {
        /* a field the model does not have (the events' ids stay shown by
           the other sheets) */
        {0, "identifiant", "photo",
         "annexe, feuille « Événements », colonne 0 : « evenements[].identifiant » n'est pas un "
         "champ du modèle\n"},
        /* a column without description, and the field it showed nowhere */
        {9, NULL, "photo",
         "annexe, feuille « Événements » : colonne 9 sans champ décrit\n"
         "annexe, feuille « Événements » : champ du modèle evenements[].theme ni montré ni écarté\n"},
        /* a field of the model shown nowhere */
        {0, "id", "",
         "annexe, feuille « Équipe » : champ du modèle equipe.membres[].photo ni montré ni écarté\n"},
        /* left out, but no such field */
        {0, "id", "photo portrait",
         "annexe, feuille « Équipe » : « equipe.membres[].portrait » écarté n'est pas un champ du "
         "modèle\n"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        memcpy(t, orig, n * sizeof *t);
        memcpy(cols, orig[ev].fields, orig[ev].n_columns * sizeof *cols);
        cols[cases[k].col] = cases[k].field;
        t[ev].fields = cols;
        t[tm].left_out = cases[k].left_out;
        problems pb = {{0}, 0};
        pr_sb_puts(&pb.sb, "");
        check_columns(t, n, &pb);
        CHECK_STR(pb.sb.data, cases[k].want);
        pr_sb_free(&pb.sb);
    }
    free(cols);
    free(t);
}

int main(void)
{
    RUN(columns_follow_the_schema);
    RUN(it_bites);
    return UNIT_DONE();
}
