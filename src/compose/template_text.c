/* template_text.c — the template text language: data paths checked against
 * the model's schema (data/model_schema.h), compiling texts with {{…}}
 * placeholders into a tree (with positions for diagnostics), expanding them
 * against the model (its values, defaults and derived values included) and
 * the figures, the filters, and splitting expanded prose into paragraphs and
 * bullets. Loading a template folder lives in template.c. */
#include "compose/template_text.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/french.h"
#include "compose/format.h"
#include "data/geo.h"
#include "data/figref.h"

/* The French name of month 1..12, "" for another number. */
static const char *month_name_or_empty(int month)
{
    const char *m = pr_date_month_name(month);
    return m ? m : "";
}

/* ======================================================================
 * The data schema: the model's own (model_schema.h), nothing kept here.
 * A path is checked through its pattern: the keys from the root, with
 * "[]" for the item of a list ("equipe.membres[]",
 * "evenements[].sessions[].type"); under a map keyed by years, the key is a
 * year or "_" (a year given by another field).
 * ====================================================================== */
typedef enum {
    T_NONE = 0,
    T_STR, T_INT, T_NUM, T_BOOL, T_DATE, T_COUNT,
    T_ENUM,      /* a key of a list of values (type, statut, echelle…) */
    T_STRLIST,   /* list of strings */
    T_ANYMAP,    /* map keyed by years (statut) */
    T_LIST,      /* list of records */
    T_MAP,       /* a record */
    T_FIGURE,    /* chiffre.ID: a count */
    T_LOOP       /* @rang, @sep...: handled apart */
} ftype;

/* What a pattern designates. */
typedef struct stype {
    ftype type;
    const pr_record *rec;      /* T_MAP, T_COUNT: its fields; T_LIST: its items' */
    const pr_field *field;     /* the field read (NULL: the root) */
} stype;

static stype field_type(const pr_field *f)
{
    static const ftype of_kind[] = {
        [PR_FIELD_TEXT] = T_STR, [PR_FIELD_INT] = T_INT, [PR_FIELD_LONG] = T_INT,
        [PR_FIELD_REAL] = T_NUM, [PR_FIELD_BOOL] = T_BOOL, [PR_FIELD_DATE] = T_DATE,
        [PR_FIELD_ENUM] = T_ENUM, [PR_FIELD_COUNT] = T_COUNT, [PR_FIELD_STRLIST] = T_STRLIST,
        [PR_FIELD_LIST] = T_LIST, [PR_FIELD_OBJECT] = T_MAP, [PR_FIELD_YEAR_MAP] = T_ANYMAP,
    };
    return (stype){of_kind[f->kind], f->record, f};
}

/* The field of r whose key is s[0..n), or NULL. */
static const pr_field *field_n(const pr_record *r, const char *s, size_t n)
{
    for (const pr_field *f = r->fields; f->key; f++)
        if (strlen(f->key) == n && !memcmp(f->key, s, n))
            return f;
    return NULL;
}

/* Is s[0..n) a year (4 digits) or "_"? */
static int year_key(const char *s, size_t n)
{
    if (n == 1 && s[0] == '_')
        return 1;
    if (n != 4)
        return 0;
    for (size_t i = 0; i < 4; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* What a pattern designates ("" is the root); T_NONE when unknown. */
static stype schema_resolve(const char *pat)
{
    static const stype none = {T_NONE, NULL, NULL};
    stype t = {T_MAP, &pr_schema_model, NULL};
    const char *p = pat;
    while (*p) {
        if (p[0] == '[' && p[1] == ']') {
            if (t.type == T_LIST)
                t.type = T_MAP;
            else if (t.type == T_STRLIST)
                t = (stype){T_STR, NULL, t.field};
            else
                return none;
            p += 2;
            continue;
        }
        if (p != pat) {
            if (*p != '.')
                return none;
            p++;
        }
        size_t n = strcspn(p, ".[");
        if (t.type == T_ANYMAP && year_key(p, n)) {
            t = (stype){T_ENUM, NULL, t.field};
        } else if (t.type == T_MAP || t.type == T_COUNT) {
            const pr_field *f = n ? field_n(t.rec, p, n) : NULL;
            if (!f)
                return none;
            t = field_type(f);
        } else {
            return none;
        }
        p += n;
    }
    return t;
}

static ftype schema_type(const char *pat) { return schema_resolve(pat).type; }

int pr_tpl_schema_has(const char *pattern) { return schema_type(pattern) != T_NONE; }

/* The keys a pattern's record offers (derived values included),
 * NULL-terminated, into out[max]. */
static void schema_children(const char *pat, const char **out, size_t max)
{
    stype t = schema_resolve(pat);
    out[0] = NULL;
    if (t.type == T_MAP || t.type == T_COUNT)
        pr_record_keys(t.rec, 1, out, max);
}

static const char *type_name(ftype t)
{
    switch (t) {
    case T_STR: return "un texte";
    case T_INT: return "un nombre entier";
    case T_NUM: return "un nombre";
    case T_BOOL: return "un booléen";
    case T_DATE: return "une date";
    case T_COUNT: return "un effectif";
    case T_ENUM: return "une clé d'une liste de valeurs";
    case T_STRLIST: return "une liste de textes";
    case T_ANYMAP: case T_MAP: return "un groupe de champs";
    case T_LIST: return "une liste";
    case T_FIGURE: return "un chiffre";
    default: return "une valeur";
    }
}

/* ======================================================================
 * Compiled texts
 * ====================================================================== */
typedef enum { R_DATA, R_FIGURE, R_DOT, R_LOOP } proot;
typedef enum { S_KEY, S_INDEX, S_FILTER, S_DYNKEY, S_YEAR } skind;
typedef enum { LV_RANG, LV_SEP, LV_PREMIER, LV_DERNIER, LV_NOMBRE } loopvar;
/* What a figure path reads: its value, label or definition, or its
 * comparison with the years before (data/history.h). */
typedef enum {
    FF_VALUE, FF_LABEL, FF_DEFINITION,
    FF_PREVIOUS,         /* precedent: the latest earlier value */
    FF_PREVIOUS_YEAR,    /* annee_precedente: its year */
    FF_CHANGE,           /* ecart: "+3", "−2", "=" (comparable only) */
    FF_COMPARABLE,       /* comparable: an earlier value of the same definition */
    FF_COMPARISON        /* comparaison: "contre 6 en 2022", "définition modifiée…" */
} figfield;

typedef struct cond cond;

typedef struct step {
    skind kind;
    const char *key;     /* S_KEY */
    long index;          /* S_INDEX; S_YEAR: the year */
    cond *filter;        /* S_FILTER: keeps the items for which it holds */
    pr_tpl_path *dyn;    /* S_DYNKEY: the year is this path's value */
    const pr_field *field; /* S_KEY: the field read */
} step;

struct pr_tpl_path {
    proot root;
    int level;                 /* R_DATA/R_DOT: -1 root, k: scope item k */
    step *steps;
    size_t n_steps;
    const pr_figure_def *fig;  /* R_FIGURE */
    figfield fig_field;
    loopvar lv;                /* R_LOOP */
    ftype type;                /* static type of the result */
    const char *pattern;       /* schema pattern of the result */
    const char *src;           /* as written */
    pr_pos pos;
};

typedef enum {
    F_DATE, F_JOUR, F_MOIS, F_NOM_MOIS, F_NOMBRE, F_EFFECTIF, F_ORDINAL,
    F_ORDINAL_F, F_MAJ, F_MIN, F_CAP, F_INITIALES, F_LISTE, F_PLURIEL,
    F_PARTENAIRE, F_ELU, F_DEPARTEMENT, F_REGION, F_LIBELLE, F_COMPTE, F_EN_LETTRES,
    F_EN_LETTRES_F, F_ACCORD, F_QUANTITE, F_PERIODE, F_DE, F_A, F_SANS_ARTICLE,
    F__COUNT
} filter_id;

static const char *const filter_names[] = {
    "date", "jour", "mois", "nom_mois", "nombre", "effectif", "ordinal",
    "ordinal_f", "majuscules", "minuscules", "capitale", "initiales", "liste", "pluriel",
    "partenaire", "elu", "departement", "region", "libelle", "compte", "en_lettres",
    "en_lettres_f", "accord", "quantite", "periode", "de", "a", "sans_article", NULL
};

/* A filter of a placeholder, with its arguments: words in quotes
 * (accord "table ronde") or a data path (periode reseau.feuille_de_route.fin). */
typedef struct tfilter {
    filter_id id;
    const char *args[2];
    int n_args;
    pr_tpl_path *parg;
} tfilter;

typedef enum { N_TEXT, N_VAR, N_EACH, N_IF, N_LIST } nkind;
typedef enum { C_TRUTHY, C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE } cond_op;
typedef enum { K_ATOM, K_AND, K_OR, K_NOT } ckind;

/* A condition ({{#si}}, `si:`, a list filter [ ... ]): a tree of atoms
 * joined by "et", "ou", "non". An atom is a path, alone (true when
 * filled) or compared with words (alternatives separated by commas) or
 * with another path. */
struct cond {
    ckind kind;
    cond *a, *b;               /* K_AND, K_OR: both; K_NOT: a */
    pr_tpl_path *path;         /* K_ATOM */
    cond_op op;
    const char **lits;         /* words compared with (op != C_TRUTHY, no rhs) */
    size_t n_lits;
    pr_tpl_path *rhs;          /* or a path compared with */
};

typedef struct node node;
typedef struct nlist {
    node **items;
    size_t n, cap;
} nlist;

struct node {
    nkind kind;
    pr_pos pos;
    const char *text;          /* N_TEXT; N_LIST: the separator (NULL: ", " / " et ") */
    size_t len;
    pr_tpl_path *path;         /* N_VAR, N_EACH */
    tfilter filters[8];        /* N_VAR */
    int n_filters;
    cond *cond;                /* N_IF */
    nlist body, alt;           /* N_EACH body; N_IF then / else */
    nlist *parts;              /* N_LIST: the parts between {{#et}} */
    size_t n_parts, cap_parts;
};

struct pr_tpl_text {
    pr_arena arena;
    nlist root;
    pr_pos pos;
    /* for error positions at expansion time: nothing else needed */
};

/* Position mapping from offsets in the compiled source to file positions. */
typedef struct origin {
    const char *src;
    size_t len;
    pr_pos pos;
    pr_tpl_origin mode;
    int comments;              /* '#' lines are comments (FLAT texts) */
    /* positions are asked for in increasing order while compiling: the
     * last answers are kept, so that a text costs linear time, not
     * quadratic (a long line of 10 000 nested blocks) */
    size_t memo_off;           /* line_col: offset, line and column there */
    int memo_line, memo_col;
    int col_line, col_col;     /* source_has_at: line, column... */
    size_t col_byte;           /* ...and the byte offset of that column */
} origin;

/* Line and code-point column of `off` relative to the start of o->src,
 * going on from the last answer when `off` is not before it. */
static void line_col(origin *o, size_t off, int *line, int *col)
{
    const char *src = o->src;
    int l = 0, c = 0;
    size_t i = 0;
    if (off >= o->memo_off) {
        i = o->memo_off;
        l = o->memo_line;
        c = o->memo_col;
    } else {
        /* a little way back on the same line (a tag's start after its
         * contents): count back */
        int back = 0, same_line = 1;
        for (size_t k = off; k < o->memo_off; k++) {
            if (src[k] == '\n') {
                same_line = 0;
                break;
            }
            back += ((unsigned char)src[k] & 0xC0) != 0x80;
        }
        if (same_line) {
            *line = o->memo_line;
            *col = o->memo_col - back;
            return;
        }
    }
    while (i < off) {
        if (src[i] == '\n') {
            l++;
            c = 0;
            i++;
            continue;
        }
        unsigned cp;
        int k = pr_utf8_decode(src + i, off - i, &cp);
        i += k ? (size_t)k : 1;
        c++;
    }
    o->memo_off = i;
    o->memo_line = l;
    o->memo_col = c;
    *line = l;
    *col = c;
}

/* Byte offset of code-point column `col` (1-based) in a line. */
static size_t col_offset(const char *line, size_t len, int col)
{
    size_t i = 0;
    for (int c = 1; c < col && i < len; c++) {
        unsigned cp;
        int k = pr_utf8_decode(line + i, len - i, &cp);
        i += k ? (size_t)k : 1;
    }
    return i;
}

/* Code-point column (1-based) of byte offset `off` in a line. */
static int offset_col(const char *line, size_t off)
{
    int c = 1;
    size_t i = 0;
    while (i < off) {
        unsigned cp;
        int k = pr_utf8_decode(line + i, off - i, &cp);
        i += k ? (size_t)k : 1;
        c++;
    }
    return c;
}

/* Does the file have `needle` at (line, col)? (The byte offset of the
 * column goes on from the last one asked on the same line.) */
static int source_has_at(origin *o, const char *file, int line, int col, const char *needle,
                         size_t n)
{
    size_t len;
    const char *l = pr_source_line(file, line, &len);
    if (!l)
        return 0;
    size_t off;
    if (line == o->col_line && col >= o->col_col && o->col_col > 0) {
        off = o->col_byte + col_offset(l + o->col_byte, len - o->col_byte, col - o->col_col + 1);
    } else {
        off = col_offset(l, len, col);
    }
    o->col_line = line;
    o->col_col = col;
    o->col_byte = off;
    return off + n <= len && !memcmp(l + off, needle, n);
}

/* The file position of byte `off` of the origin's text. */
static pr_pos origin_pos(origin *o, size_t off)
{
    int L, c;
    line_col(o, off, &L, &c);
    pr_pos p = o->pos;
    if (o->mode == PR_TPL_ORIGIN_FLAT) {
        p.line += L;
        p.col = L ? c + 1 : o->pos.col + c;
        return p;
    }
    /* YAML scalar: work out its style from the source */
    size_t needle_n = 0;
    while (off + needle_n < o->len && needle_n < 12 && o->src[off + needle_n] != '\n')
        needle_n++;
    const char *needle = o->src + off;
    size_t len;
    const char *first = pr_source_line(o->pos.file, o->pos.line, &len);
    if (!first)
        return o->pos;
    size_t at = col_offset(first, len, o->pos.col);
    char ind = at < len ? first[at] : 0;
    pr_pos cand = o->pos;
    if (ind == '|' || ind == '>') {
        cand.line = o->pos.line + 1 + L;
        /* indentation of the block's first non-empty line */
        int indent = 0;
        for (int ln = o->pos.line + 1; ln < o->pos.line + 1000; ln++) {
            size_t ll;
            const char *s = pr_source_line(o->pos.file, ln, &ll);
            if (!s)
                break;
            size_t k = 0;
            while (k < ll && s[k] == ' ')
                k++;
            if (k < ll) {
                indent = (int)k;
                break;
            }
        }
        cand.col = indent + 1 + c;
    } else if (L == 0) {
        cand.col = o->pos.col + c + ((ind == '"' || ind == '\'') ? 1 : 0);
    }
    if (needle_n == 0 || source_has_at(o, cand.file, cand.line, cand.col, needle, needle_n))
        return cand;
    /* fall back: the first occurrence of the text after the scalar start */
    for (int ln = o->pos.line; ln < o->pos.line + 2000; ln++) {
        size_t ll;
        const char *s = pr_source_line(o->pos.file, ln, &ll);
        if (!s)
            break;
        size_t from = ln == o->pos.line ? at : 0;
        for (size_t k = from; k + needle_n <= ll; k++)
            if (!memcmp(s + k, needle, needle_n)) {
                pr_pos q = {o->pos.file, ln, offset_col(s, k)};
                return q;
            }
    }
    return o->pos;
}

/* ---- compile state ---------------------------------------------------- */
/* Blocks ({{#si}}, {{#chaque}}) nested in one another: at most this many
 * (report-templates/README.md). Deeper ones are reported once per text
 * and skipped, so that 10 000 nested blocks cost no more than their
 * reading. */
#define TPL_MAX_DEPTH 32

typedef struct frame {
    node *n;                   /* the open N_EACH / N_IF / N_LIST */
    int in_alt;
    const char *tag;           /* "chaque" / "si" / "liste" */
    int chained;               /* opened by {{#sinon si}}: closed with the one before */
} frame;

typedef struct cstate {
    pr_tpl_text *t;
    origin o;
    pr_diags *d;
    int errors;
    /* static scopes: component-level then nested #chaque */
    const char *scopes[16];
    int n_scopes;
    int n_outer;               /* how many scopes come from the caller */
    int dot_level;             /* scope that "." designates inside a list
                                  filter (the one around the list); -1:
                                  the innermost scope; -2: none */
    int in_filter;             /* parsing a list filter's condition */
    frame stack[TPL_MAX_DEPTH];
    int depth;
    int overflow;              /* blocks opened beyond TPL_MAX_DEPTH (not compiled) */
} cstate;

static void cerr(cstate *cs, size_t off, const char *fmt, ...) PR_PRINTF(3, 4);
static void cerr(cstate *cs, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = pr_vasprintf(fmt, ap);
    va_end(ap);
    pr_template_error(cs->d, origin_pos(&cs->o, off), NULL, "%s", msg);
    free(msg);
    cs->errors++;
}

static node *new_node(cstate *cs, nkind k, size_t off)
{
    node *n = pr_arena_alloc(&cs->t->arena, sizeof *n);
    n->kind = k;
    n->pos = origin_pos(&cs->o, off);
    return n;
}

static nlist *cur_list(cstate *cs)
{
    if (cs->depth == 0)
        return &cs->t->root;
    frame *f = &cs->stack[cs->depth - 1];
    if (f->n->kind == N_LIST && f->n->n_parts)
        return &f->n->parts[f->n->n_parts - 1];
    return f->in_alt ? &f->n->alt : &f->n->body;
}

/* A new part of the innermost {{#liste}}. */
static void list_part(node *n)
{
    nlist empty = {0};
    PR_PUSH(n->parts, n->n_parts, n->cap_parts, empty);
}

static void add_node(cstate *cs, node *n)
{
    nlist *l = cur_list(cs);
    PR_PUSH(l->items, l->n, l->cap, n);
}

static int is_key_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* Append "suffix" to a pattern in the text's arena. */
static const char *pat_join(cstate *cs, const char *base, const char *sep, const char *key)
{
    char *s = pr_asprintf("%s%s%s", base, *base ? sep : "", key);
    const char *r = pr_arena_strdup(&cs->t->arena, s);
    free(s);
    return r;
}

static const char *pat_list(cstate *cs, const char *base)
{
    char *s = pr_asprintf("%s[]", base);
    const char *r = pr_arena_strdup(&cs->t->arena, s);
    free(s);
    return r;
}

/* Suggest a key among the schema children of `pat` (or the figure ids). */
static void unknown_key(cstate *cs, size_t off, const char *key, const char *pat,
                        int first)
{
    const char *keys[64];
    schema_children(pat, keys, 64);
    const char *sugg = pr_suggest(key, keys);
    if (first) {
        if (!sugg) {
            /* also try the keys of the scopes */
            for (int i = cs->n_scopes - 1; i >= 0 && !sugg; i--) {
                const char *k2[64];
                schema_children(cs->scopes[i], k2, 64);
                const char *s2 = pr_suggest(key, k2);
                if (s2)
                    sugg = s2;
            }
        }
        if (sugg)
            cerr(cs, off, "espace réservé inconnu « %s » (vouliez-vous dire « %s » ?)", key, sugg);
        else
            cerr(cs, off, "espace réservé inconnu « %s » : ni un champ des données, ni chiffre.…", key);
    } else if (sugg) {
        cerr(cs, off, "champ inconnu « %s » dans « %s » (vouliez-vous dire « %s » ?)", key,
             *pat ? pat : "(racine)", sugg);
    } else {
        cerr(cs, off, "champ inconnu « %s » dans « %s »", key, *pat ? pat : "(racine)");
    }
}

/* Is a value of this type printable as-is? */
static int printable(ftype t)
{
    return t != T_LIST && t != T_MAP && t != T_ANYMAP;
}

/* A word compared with a field ([champ=mot], {{#si champ = mot}}) at
 * offset `off`: a key of the field's list of values, true or false for a
 * boolean. 0 after an error. */
static int check_literal(cstate *cs, size_t off, const char *what, const pr_field *f,
                         const char *lit)
{
    if (!f)
        return 1;
    const pr_enum_desc *e =
        f->kind == PR_FIELD_ENUM || f->kind == PR_FIELD_YEAR_MAP ? f->en : NULL;
    if (e) {
        for (int i = 0; i < e->n; i++)
            if (!strcmp(e->keys[i], lit))
                return 1;
        pr_strbuf all = {0};
        for (int i = 0; i < e->n; i++)
            pr_sb_printf(&all, "%s%s", i ? ", " : "", e->keys[i]);
        const char *sg = pr_suggest(lit, e->keys);
        if (sg)
            cerr(cs, off, "%s inconnu%s « %s » pour « %s » : vouliez-vous dire « %s » ? "
                          "(valeurs possibles : %s)", e->what, e->feminine ? "e" : "", lit, what,
                 sg, all.data);
        else
            cerr(cs, off, "%s inconnu%s « %s » pour « %s » (valeurs possibles : %s)", e->what,
                 e->feminine ? "e" : "", lit, what, all.data);
        pr_sb_free(&all);
        return 0;
    }
    if (f->kind == PR_FIELD_BOOL && strcmp(lit, "true") && strcmp(lit, "false")) {
        cerr(cs, off, "« %s » est un booléen : on le compare à true ou à false, pas à « %s »",
             what, lit);
        return 0;
    }
    return 1;
}

/* Skip spaces. */
static size_t skip_ws(const char *s, size_t i, size_t end)
{
    while (i < end && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* The "]" that closes the "[" at src[open], skipping nested brackets and
 * quoted words; `end` when there is none. */
static size_t matching_bracket(const char *src, size_t open, size_t end)
{
    int depth = 0, quoted = 0;
    for (size_t k = open; k < end; k++) {
        if (src[k] == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (src[k] == '[')
            depth++;
        else if (src[k] == ']' && --depth == 0)
            return k;
    }
    return end;
}

static cond *parse_cond(cstate *cs, const char *src, size_t *i, size_t end);

/* Parse a data path at src[*i..end). Returns NULL after an error. */
static pr_tpl_path *parse_path(cstate *cs, const char *src, size_t *i, size_t end)
{
    size_t start = *i;
    pr_tpl_path *p = pr_arena_alloc(&cs->t->arena, sizeof *p);
    p->pos = origin_pos(&cs->o, start);
    size_t k = *i;
    if (k < end && src[k] == '@') {
        k++;
        size_t s = k;
        while (k < end && is_key_char(src[k]))
            k++;
        static const char *const lvs[] = {"rang", "sep", "premier", "dernier", "nombre", NULL};
        char *name = pr_strndup(src + s, k - s);
        int found = -1;
        for (int j = 0; lvs[j]; j++)
            if (!strcmp(lvs[j], name))
                found = j;
        if (found < 0) {
            const char *sg = pr_suggest(name, lvs);
            if (sg)
                cerr(cs, start, "variable de boucle inconnue « @%s » (vouliez-vous dire « @%s » ?)", name, sg);
            else
                cerr(cs, start, "variable de boucle inconnue « @%s » (variables : @rang, @sep, @premier, @dernier, @nombre)", name);
            free(name);
            return NULL;
        }
        free(name);
        if (cs->n_scopes == 0) {
            cerr(cs, start, "« @%s » n'a de sens que dans un bloc {{#chaque}}", lvs[found]);
            return NULL;
        }
        p->root = R_LOOP;
        p->lv = (loopvar)found;
        p->type = (found == LV_PREMIER || found == LV_DERNIER) ? T_BOOL
                  : (found == LV_SEP ? T_STR : T_INT);
        p->type = p->lv == LV_SEP ? T_STR : p->type;
        p->src = pr_arena_strndup(&cs->t->arena, src + start, k - start);
        *i = k;
        return p;
    }
    /* "." is the current element; ".champ" one of its fields (inside a
     * list filter, the element around the list, not the one tested) */
    int dot_lv = cs->dot_level >= 0 ? cs->dot_level : cs->dot_level == -2 ? -1 : cs->n_scopes - 1;
    int only_level = -2;
    if (k < end && src[k] == '.') {
        if (dot_lv < 0) {
            cerr(cs, start, "« . » (l'élément courant) n'a de sens que dans un bloc {{#chaque}} "
                 "ou un composant qui a une source");
            return NULL;
        }
        if (k + 1 >= end || !is_key_char(src[k + 1])) {
            p->root = R_DOT;
            p->level = dot_lv;
            p->pattern = cs->scopes[dot_lv];
            p->type = schema_type(p->pattern);
            p->src = ".";
            *i = k + 1;
            return p;
        }
        only_level = dot_lv;
        k++;
    }
    /* first key */
    size_t s = k;
    while (k < end && is_key_char(src[k]))
        k++;
    if (k == s) {
        cerr(cs, start, "nom de champ attendu");
        return NULL;
    }
    char *first = pr_strndup(src + s, k - s);
    if (!strcmp(first, "chiffre")) {
        free(first);
        if (k >= end || src[k] != '.') {
            cerr(cs, start, "identifiant de chiffre attendu après « chiffre. »");
            return NULL;
        }
        k++;
        size_t is = k;
        while (k < end && is_key_char(src[k]))
            k++;
        char *id = pr_strndup(src + is, k - is);
        const pr_figure_def *def = pr_figure_def_find(id);
        if (!def) {
            const pr_figure_def *defs = pr_figure_defs();
            size_t nd = 0;
            while (defs[nd].id)
                nd++;
            const char **ids = pr_malloc((nd + 1) * sizeof *ids);
            for (size_t j = 0; j < nd; j++)
                ids[j] = defs[j].id;
            ids[nd] = NULL;
            const char *sg = pr_suggest(id, ids);
            if (sg)
                cerr(cs, is, "chiffre inconnu « %s » (vouliez-vous dire « %s » ?)", id, sg);
            else
                cerr(cs, is, "chiffre inconnu « %s »", id);
            free(ids);
            free(id);
            return NULL;
        }
        free(id);
        p->root = R_FIGURE;
        p->fig = def;
        p->fig_field = FF_VALUE;
        p->type = T_FIGURE;
        if (k < end && src[k] == '.') {
            size_t fs = ++k;
            while (k < end && is_key_char(src[k]))
                k++;
            char *f = pr_strndup(src + fs, k - fs);
            static const struct { const char *name; figfield ff; ftype type; } props[] = {
                {"valeur", FF_VALUE, T_FIGURE},
                {"libelle", FF_LABEL, T_STR},
                {"definition", FF_DEFINITION, T_STR},
                {"precedent", FF_PREVIOUS, T_FIGURE},
                {"annee_precedente", FF_PREVIOUS_YEAR, T_INT},
                {"ecart", FF_CHANGE, T_STR},
                {"comparable", FF_COMPARABLE, T_BOOL},
                {"comparaison", FF_COMPARISON, T_STR},
            };
            size_t np = sizeof props / sizeof props[0], j = 0;
            while (j < np && strcmp(f, props[j].name))
                j++;
            if (j == np) {
                const char *names[sizeof props / sizeof props[0] + 1];
                for (size_t q = 0; q < np; q++)
                    names[q] = props[q].name;
                names[np] = NULL;
                const char *sg = pr_suggest(f, names);
                if (sg)
                    cerr(cs, fs, "propriété de chiffre inconnue « %s » : vouliez-vous dire « %s » ? "
                                 "(propriétés : valeur, libelle, definition, precedent, "
                                 "annee_precedente, ecart, comparable, comparaison)", f, sg);
                else
                    cerr(cs, fs, "propriété de chiffre inconnue « %s » (propriétés : valeur, "
                                 "libelle, definition, precedent, annee_precedente, ecart, "
                                 "comparable, comparaison)", f);
                free(f);
                return NULL;
            }
            free(f);
            p->fig_field = props[j].ff;
            p->type = props[j].type;
        }
        p->src = pr_arena_strndup(&cs->t->arena, src + start, k - start);
        *i = k;
        return p;
    }
    /* resolve the first key: innermost scope first, then the root */
    p->root = R_DATA;
    p->level = -2;
    const char *pat = NULL;
    for (int lv = cs->n_scopes - 1; lv >= -1; lv--) {
        if (only_level > -2 && lv != only_level)
            continue;
        const char *base = lv >= 0 ? cs->scopes[lv] : "";
        const char *cand = pat_join(cs, base, ".", first);
        if (schema_type(cand) != T_NONE) {
            p->level = lv;
            pat = cand;
            break;
        }
    }
    if (!pat && (only_level > -2 || (cs->in_filter && cs->n_scopes))) {
        /* ".champ", or a field of the items of a list filter */
        unknown_key(cs, s, first, cs->scopes[only_level > -2 ? only_level : cs->n_scopes - 1], 0);
        free(first);
        return NULL;
    }
    if (!pat) {
        unknown_key(cs, s, first, cs->n_scopes ? cs->scopes[cs->n_scopes - 1] : "", 1);
        free(first);
        return NULL;
    }
    step *steps = NULL;
    size_t n_steps = 0, cap_steps = 0;
    step st0 = {S_KEY, pr_arena_strdup(&cs->t->arena, first), 0, NULL, NULL,
                schema_resolve(pat).field};
    free(first);
    PR_PUSH(steps, n_steps, cap_steps, st0);
    for (;;) {
        if (k < end && src[k] == '.' && k + 1 < end && is_key_char(src[k + 1])) {
            size_t ks = ++k;
            while (k < end && is_key_char(src[k]))
                k++;
            char *key = pr_strndup(src + ks, k - ks);
            ftype bt = schema_type(pat);
            if (bt != T_MAP && bt != T_ANYMAP && bt != T_COUNT) {
                cerr(cs, ks, "« %s » est %s : il n'a pas de champ « %s »", pat, type_name(bt), key);
                free(key);
                goto fail;
            }
            const char *np = pat_join(cs, pat, ".", key);
            if (schema_type(np) == T_NONE) {
                unknown_key(cs, ks, key, pat, 0);
                free(key);
                goto fail;
            }
            step st = {S_KEY, pr_arena_strdup(&cs->t->arena, key), 0, NULL, NULL,
                       schema_resolve(np).field};
            if (bt == T_ANYMAP) {   /* statut.2023 */
                st.kind = S_YEAR;
                st.index = strtol(key, NULL, 10);
            }
            free(key);
            PR_PUSH(steps, n_steps, cap_steps, st);
            pat = np;
        } else if (k < end && src[k] == '[') {
            size_t bs = k++;
            size_t close = matching_bracket(src, bs, end);
            if (close >= end) {
                cerr(cs, bs, "« [ » sans « ] » dans le chemin");
                goto fail;
            }
            ftype bt = schema_type(pat);
            if (bt == T_ANYMAP && close > k && (isalpha((unsigned char)src[k]) || src[k] == '@')) {
                /* [champ]: the key is the value of another field */
                size_t di = k;
                pr_tpl_path *dyn = parse_path(cs, src, &di, close);
                if (!dyn)
                    goto fail;
                if (di != close || !printable(dyn->type) || dyn->type == T_STRLIST) {
                    cerr(cs, k, "« [%.*s] » : un champ simple est attendu entre crochets",
                         (int)(close - k), src + k);
                    goto fail;
                }
                step st = {S_DYNKEY, NULL, 0, NULL, dyn, NULL};
                PR_PUSH(steps, n_steps, cap_steps, st);
                pat = pat_join(cs, pat, ".", "_");
                k = close + 1;
                continue;
            }
            if (bt != T_LIST && bt != T_STRLIST) {
                cerr(cs, bs, "« %s » est %s, pas une liste : « [ … ] » ne s'applique pas", pat,
                     type_name(bt));
                goto fail;
            }
            const char *item_pat = pat_list(cs, pat);
            size_t ii = skip_ws(src, k, close);
            char *endp;
            errno = 0;
            long idx = ii < close ? strtol(src + ii, &endp, 10) : 0;
            int is_index = ii < close && endp != src + ii && !errno &&
                           skip_ws(src, (size_t)(endp - src), close) == close;
            if (is_index) {
                step st = {S_INDEX, NULL, idx, NULL, NULL, NULL};
                PR_PUSH(steps, n_steps, cap_steps, st);
                pat = item_pat;
            } else if (ii >= close) {
                cerr(cs, bs, "« [] » vide : un numéro ([0], [-1]) ou une condition "
                     "([type=atelier]) est attendu");
                goto fail;
            } else if (bt != T_LIST) {
                cerr(cs, k, "« %s » est une liste de textes : seul un numéro ([0], [-1]) "
                     "s'applique", pat);
                goto fail;
            } else {
                /* a condition on each item: the item's fields are in scope,
                 * "." is the element around the list */
                if (cs->n_scopes >= 16) {
                    cerr(cs, k, "chemins trop imbriqués");
                    goto fail;
                }
                int saved_dot = cs->dot_level;
                cs->dot_level = cs->n_scopes > 0 ? cs->n_scopes - 1 : -2;
                cs->scopes[cs->n_scopes++] = item_pat;
                cs->in_filter++;
                size_t ci = k;
                cond *c = parse_cond(cs, src, &ci, close);
                cs->in_filter--;
                cs->n_scopes--;
                cs->dot_level = saved_dot;
                if (!c)
                    goto fail;
                step st = {S_FILTER, NULL, 0, c, NULL, NULL};
                PR_PUSH(steps, n_steps, cap_steps, st);
                /* the pattern stays the list's: [..] filters, keys apply to
                 * the first match */
            }
            k = close + 1;
        } else {
            break;
        }
        /* after a filter, a key applies to the first match */
        if (n_steps && steps[n_steps - 1].kind == S_FILTER && k < end && src[k] == '.') {
            pat = pat_list(cs, pat);
        }
    }
    p->steps = pr_arena_alloc(&cs->t->arena, (n_steps ? n_steps : 1) * sizeof *p->steps);
    memcpy(p->steps, steps, n_steps * sizeof *steps);
    p->n_steps = n_steps;
    free(steps);
    p->pattern = pat;
    p->type = schema_type(pat);
    p->src = pr_arena_strndup(&cs->t->arena, src + start, k - start);
    *i = k;
    return p;
fail:
    free(steps);
    return NULL;
}

/* Filters that, on a list of texts, apply to each element (the list is
 * joined afterwards, or by `liste`). */
static int maps_over_list(filter_id f)
{
    switch (f) {
    case F_MAJ: case F_MIN: case F_CAP: case F_INITIALES: case F_PARTENAIRE: case F_ELU:
    case F_DEPARTEMENT: case F_REGION: case F_DE: case F_A: case F_SANS_ARTICLE:
        return 1;
    default:
        return 0;
    }
}

static int is_number_type(ftype t)
{
    return t == T_INT || t == T_FIGURE || t == T_COUNT;
}

/* Which filters accept which input types. */
static int filter_accepts(filter_id f, ftype t)
{
    switch (f) {
    case F_DATE: case F_JOUR: case F_MOIS: case F_NOM_MOIS:
        return t == T_DATE;
    case F_NOMBRE:
        return t == T_INT || t == T_NUM || t == T_COUNT || t == T_FIGURE;
    case F_EFFECTIF:
        return t == T_COUNT || t == T_INT || t == T_FIGURE;
    case F_ORDINAL: case F_ORDINAL_F: case F_PLURIEL:
        return t == T_INT || t == T_FIGURE || (f == F_PLURIEL && t == T_COUNT);
    case F_EN_LETTRES: case F_EN_LETTRES_F: case F_ACCORD: case F_QUANTITE:
        return is_number_type(t);
    case F_PERIODE:
        return t == T_INT;
    case F_COMPTE:
        return t == T_LIST || t == T_STRLIST;
    case F_LISTE:
        return t == T_STRLIST;
    case F_LIBELLE:
        return t == T_ENUM;
    default:
        if (t == T_STRLIST)
            return maps_over_list(f);
        return t != T_LIST && t != T_MAP && t != T_ANYMAP;
    }
}

/* The type a filter gives. */
static ftype filter_result(filter_id f, ftype t)
{
    if (f == F_COMPTE)
        return T_INT;
    if (t == T_STRLIST && f != F_LISTE)
        return T_STRLIST;
    return T_STR;
}

/* Read a quoted argument at src[*i] ('"'); NULL after an error. */
static const char *quoted_arg(cstate *cs, const char *src, size_t *i, size_t b)
{
    size_t q = *i + 1, e = q;
    while (e < b && src[e] != '"')
        e++;
    if (e >= b) {
        cerr(cs, *i, "guillemet « \" » non refermé");
        return NULL;
    }
    *i = e + 1;
    return pr_arena_strndup(&cs->t->arena, src + q, e - q);
}

/* Check a filter's arguments; 0 when they suit it. */
static int check_filter_args(cstate *cs, size_t fs, const char *name, tfilter *tf)
{
    switch (tf->id) {
    case F_ACCORD:
        if (tf->n_args < 1) {
            cerr(cs, fs, "le filtre « accord » attend le nom à accorder, entre guillemets : "
                 "accord \"table ronde\" (ou le singulier et le pluriel : accord \"couvre\" \"couvrent\")");
            return -1;
        }
        return 0;
    case F_QUANTITE:
        if (tf->n_args < 1 || (strncmp(tf->args[0], "un ", 3) && strncmp(tf->args[0], "une ", 4))) {
            cerr(cs, fs, "le filtre « quantite » attend le nom au singulier précédé de « un » ou "
                 "« une », entre guillemets : quantite \"une table ronde\"");
            return -1;
        }
        return 0;
    case F_PERIODE:
        if (!tf->parg) {
            cerr(cs, fs, "le filtre « periode » attend l'année de fin : "
                 "{{reseau.feuille_de_route.debut | periode reseau.feuille_de_route.fin}}");
            return -1;
        }
        if (tf->parg->type != T_INT && tf->parg->type != T_FIGURE) {
            cerr(cs, fs, "« periode » : « %s » n'est pas une année", tf->parg->src);
            return -1;
        }
        return 0;
    default:
        if (tf->n_args || tf->parg) {
            cerr(cs, fs, "le filtre « %s » ne prend pas d'argument", name);
            return -1;
        }
        return 0;
    }
}

/* Compile the inside of a {{ }} expression tag (src[a..b)). */
static void compile_var(cstate *cs, const char *src, size_t a, size_t b, size_t tag_off)
{
    size_t i = skip_ws(src, a, b);
    pr_tpl_path *p = parse_path(cs, src, &i, b);
    if (!p)
        return;
    node *n = new_node(cs, N_VAR, tag_off);
    n->path = p;
    ftype t = p->type;
    i = skip_ws(src, i, b);
    while (i < b) {
        if (src[i] != '|') {
            cerr(cs, i, "« | filtre » ou « }} » attendu après « %s »", p->src);
            return;
        }
        i = skip_ws(src, i + 1, b);
        size_t fs = i;
        while (i < b && is_key_char(src[i]))
            i++;
        char *name = pr_strndup(src + fs, i - fs);
        int f = -1;
        for (int j = 0; filter_names[j]; j++)
            if (!strcmp(filter_names[j], name))
                f = j;
        if (f < 0) {
            const char *sg = *name ? pr_suggest(name, filter_names) : NULL;
            if (!*name)
                cerr(cs, fs, "nom de filtre attendu après « | »");
            else if (sg)
                cerr(cs, fs, "filtre inconnu « %s » (vouliez-vous dire « %s » ?)", name, sg);
            else
                cerr(cs, fs, "filtre inconnu « %s »", name);
            free(name);
            return;
        }
        if (!filter_accepts((filter_id)f, t)) {
            cerr(cs, fs, "le filtre « %s » ne s'applique pas à « %s », qui est %s", name, p->src,
                 type_name(t));
            free(name);
            return;
        }
        if (n->n_filters >= 8) {
            cerr(cs, fs, "trop de filtres (8 au plus)");
            free(name);
            return;
        }
        tfilter tf = {(filter_id)f, {NULL, NULL}, 0, NULL};
        i = skip_ws(src, i, b);
        while (i < b && src[i] == '"') {
            const char *arg = quoted_arg(cs, src, &i, b);
            if (!arg) {
                free(name);
                return;
            }
            if (tf.n_args >= 2) {
                cerr(cs, fs, "le filtre « %s » prend au plus deux arguments", name);
                free(name);
                return;
            }
            tf.args[tf.n_args++] = arg;
            i = skip_ws(src, i, b);
        }
        if (i < b && src[i] != '|' && tf.id == F_PERIODE) {
            tf.parg = parse_path(cs, src, &i, b);
            if (!tf.parg) {
                free(name);
                return;
            }
            i = skip_ws(src, i, b);
        }
        if (check_filter_args(cs, fs, name, &tf)) {
            free(name);
            return;
        }
        free(name);
        n->filters[n->n_filters++] = tf;
        t = filter_result(tf.id, t);
    }
    if (!printable(p->type) && n->n_filters == 0) {
        if (p->type == T_LIST)
            cerr(cs, a + (size_t)(skip_ws(src, a, b) - a),
                 "« %s » est une liste : utilisez {{#chaque %s}}…{{/chaque}}", p->src, p->src);
        else
            cerr(cs, skip_ws(src, a, b), "« %s » est %s : précisez un de ses champs", p->src,
                 type_name(p->type));
        return;
    }
    add_node(cs, n);
}

/* Compile "#chaque PATH" (src[a..b) is the PATH part). */
static void open_each(cstate *cs, const char *src, size_t a, size_t b, size_t tag_off)
{
    size_t i = skip_ws(src, a, b);
    if (i >= b) {
        cerr(cs, tag_off, "{{#chaque}} attend une liste : {{#chaque reseau.missions}}");
        return;
    }
    pr_tpl_path *p = parse_path(cs, src, &i, b);
    if (!p)
        goto push_dummy;
    i = skip_ws(src, i, b);
    if (i < b) {
        cerr(cs, i, "texte inattendu après « %s » dans {{#chaque}}", p->src);
        goto push_dummy;
    }
    if (p->root != R_DATA && p->root != R_DOT) {
        cerr(cs, tag_off, "{{#chaque}} attend une liste de données, pas « %s »", p->src);
        goto push_dummy;
    }
    if (p->type != T_LIST && p->type != T_STRLIST &&
        !(p->n_steps && p->steps[p->n_steps - 1].kind == S_FILTER)) {
        cerr(cs, skip_ws(src, a, b), "« %s » est %s, pas une liste : {{#chaque}} ne s'applique pas",
             p->src, type_name(p->type));
        goto push_dummy;
    }
    node *n = new_node(cs, N_EACH, tag_off);
    n->path = p;
    add_node(cs, n);
    if (cs->depth >= TPL_MAX_DEPTH || cs->n_scopes >= 16) {
        cerr(cs, tag_off, "blocs trop imbriqués");
        return;
    }
    cs->stack[cs->depth++] = (frame){n, 0, "chaque", 0};
    cs->scopes[cs->n_scopes++] = pat_list(cs, p->pattern);
    return;
push_dummy: {
        /* keep the block structure so that its {{/chaque}} matches */
        node *dn = new_node(cs, N_EACH, tag_off);
        add_node(cs, dn); /* reachable, so that its lists are freed */
        if (cs->depth < TPL_MAX_DEPTH && cs->n_scopes < 16) {
            cs->stack[cs->depth++] = (frame){dn, 0, "chaque", 0};
            cs->scopes[cs->n_scopes++] = "";
        }
    }
}

/* Is the right side of a comparison a field ("rapport.annee", "chiffre.x",
 * "@rang", ".id") rather than words? Words have no dot, or a dot that does
 * not follow a known field ("1.a"). */
static int rhs_is_path(cstate *cs, const char *lit)
{
    if (lit[0] == '@')
        return 1;
    if (lit[0] == '.' && is_key_char(lit[1]))
        return 1;
    const char *dot = strpbrk(lit, ".[");
    if (!dot && schema_type(lit) == T_LIST)
        return 1;   /* a list of the data ("elus"): compared by its count */
    if (!dot || dot == lit)
        return 0;
    char *first = pr_strndup(lit, (size_t)(dot - lit));
    int r = !strcmp(first, "chiffre") || schema_type(first) != T_NONE;
    for (int lv = cs->n_scopes - 1; lv >= 0 && !r; lv--) {
        const char *cand = pat_join(cs, cs->scopes[lv], ".", first);
        r = schema_type(cand) != T_NONE;
    }
    free(first);
    return r;
}

/* Is the keyword `kw` at src[j..end), as a word of its own? */
static int kw_at(const char *src, size_t j, size_t start, size_t end, const char *kw)
{
    size_t n = strlen(kw);
    if (j + n > end || strncmp(src + j, kw, n))
        return 0;
    if (j > start && src[j - 1] != ' ' && src[j - 1] != '\t')
        return 0;
    return j + n == end || src[j + n] == ' ' || src[j + n] == '\t';
}

static const char *const op_names[] = {"", "=", "!=", "<", "<=", ">", ">="};

static cond *new_cond(cstate *cs, ckind k)
{
    cond *c = pr_arena_alloc(&cs->t->arena, sizeof *c);
    c->kind = k;
    return c;
}

static cond *parse_or(cstate *cs, const char *src, size_t *i, size_t start, size_t end);

/* An atom: PATH, or PATH OP VALUE where VALUE is words (alternatives
 * separated by commas, or in quotes) or a path. */
static cond *parse_atom(cstate *cs, const char *src, size_t *i, size_t start, size_t end)
{
    size_t k = skip_ws(src, *i, end);
    if (k >= end) {
        cerr(cs, k, "condition attendue (un champ, par exemple « reseau.historique »)");
        return NULL;
    }
    cond *c = new_cond(cs, K_ATOM);
    c->path = parse_path(cs, src, &k, end);
    if (!c->path)
        return NULL;
    size_t j = skip_ws(src, k, end);
    cond_op op = C_TRUTHY;
    if (j < end) {
        if (src[j] == '=')
            op = C_EQ;
        else if (src[j] == '!' && j + 1 < end && src[j + 1] == '=')
            op = C_NE;
        else if (src[j] == '<')
            op = j + 1 < end && src[j + 1] == '=' ? C_LE : C_LT;
        else if (src[j] == '>')
            op = j + 1 < end && src[j + 1] == '=' ? C_GE : C_GT;
    }
    if (op == C_TRUTHY) {
        *i = k;
        return c;
    }
    c->op = op;
    j = skip_ws(src, j + strlen(op_names[op]), end);
    /* the value runs to the end, or to " et " / " ou " */
    size_t e = j;
    int quoted = j < end && src[j] == '"';
    if (quoted) {
        e = j + 1;
        while (e < end && src[e] != '"')
            e++;
        if (e >= end) {
            cerr(cs, j, "guillemet « \" » non refermé");
            return NULL;
        }
        const char **l = pr_arena_alloc(&cs->t->arena, sizeof *l);
        l[0] = pr_arena_strndup(&cs->t->arena, src + j + 1, e - j - 1);
        c->lits = l;
        c->n_lits = 1;
        *i = e + 1;
        return c;
    }
    while (e < end) {
        if (src[e] == ' ' || src[e] == '\t') {
            size_t w = skip_ws(src, e, end);
            if (kw_at(src, w, start, end, "et") || kw_at(src, w, start, end, "ou"))
                break;
        }
        e++;
    }
    size_t ve = e;
    while (ve > j && (src[ve - 1] == ' ' || src[ve - 1] == '\t'))
        ve--;
    if (ve == j) {
        cerr(cs, j, "valeur attendue après « %s »", op_names[op]);
        return NULL;
    }
    char *lit = pr_strndup(src + j, ve - j);
    if (rhs_is_path(cs, lit)) {
        size_t ri = j;
        c->rhs = parse_path(cs, src, &ri, ve);
        free(lit);
        if (!c->rhs)
            return NULL;
        if (skip_ws(src, ri, ve) != ve) {
            cerr(cs, ri, "texte inattendu après « %s »", c->rhs->src);
            return NULL;
        }
    } else {
        /* words, the alternatives separated by commas: "= en_cours,termine" */
        size_t n = 1;
        for (const char *q = lit; *q; q++)
            n += *q == ',';
        const char **l = pr_arena_alloc(&cs->t->arena, n * sizeof *l);
        size_t m = 0;
        const char *q = lit;
        for (;;) {
            const char *comma = strchr(q, ',');
            size_t len = comma ? (size_t)(comma - q) : strlen(q);
            while (len && (*q == ' ' || *q == '\t')) {
                q++;
                len--;
            }
            while (len && (q[len - 1] == ' ' || q[len - 1] == '\t'))
                len--;
            l[m++] = pr_arena_strndup(&cs->t->arena, q, len);
            if (!comma)
                break;
            q = comma + 1;
        }
        c->lits = l;
        c->n_lits = m;
        free(lit);
        /* a key of a list of values, a boolean: checked now */
        if ((op == C_EQ || op == C_NE) && c->path->pattern &&
            (c->path->root == R_DATA || c->path->root == R_DOT)) {
            const pr_field *f = schema_resolve(c->path->pattern).field;
            for (size_t q = 0; q < m; q++)
                if (!check_literal(cs, j, c->path->src, f, l[q]))
                    return NULL;
        }
    }
    if (!printable(c->path->type) && c->path->type != T_LIST) {
        cerr(cs, *i, "« %s » est %s : on ne peut pas le comparer à une valeur", c->path->src,
             type_name(c->path->type));
        return NULL;
    }
    *i = e;
    return c;
}

static cond *parse_unary(cstate *cs, const char *src, size_t *i, size_t start, size_t end)
{
    size_t k = skip_ws(src, *i, end);
    if (kw_at(src, k, start, end, "non")) {
        *i = k + 3;
        cond *a = parse_unary(cs, src, i, start, end);
        if (!a)
            return NULL;
        cond *c = new_cond(cs, K_NOT);
        c->a = a;
        return c;
    }
    if (k < end && src[k] == '(') {
        /* ( … ) groups: find the matching parenthesis */
        int depth = 0;
        size_t e = k;
        for (; e < end; e++) {
            if (src[e] == '(')
                depth++;
            else if (src[e] == ')' && --depth == 0)
                break;
        }
        if (e >= end) {
            cerr(cs, k, "« ( » sans « ) »");
            return NULL;
        }
        size_t ii = k + 1;
        cond *c = parse_or(cs, src, &ii, k + 1, e);
        if (!c)
            return NULL;
        if (skip_ws(src, ii, e) != e) {
            cerr(cs, ii, "« et », « ou » ou « ) » attendu");
            return NULL;
        }
        *i = e + 1;
        return c;
    }
    *i = k;
    return parse_atom(cs, src, i, start, end);
}

static cond *parse_and(cstate *cs, const char *src, size_t *i, size_t start, size_t end)
{
    cond *a = parse_unary(cs, src, i, start, end);
    while (a) {
        size_t k = skip_ws(src, *i, end);
        if (!kw_at(src, k, start, end, "et"))
            break;
        *i = k + 2;
        cond *b = parse_unary(cs, src, i, start, end);
        if (!b)
            return NULL;
        cond *c = new_cond(cs, K_AND);
        c->a = a;
        c->b = b;
        a = c;
    }
    return a;
}

static cond *parse_or(cstate *cs, const char *src, size_t *i, size_t start, size_t end)
{
    cond *a = parse_and(cs, src, i, start, end);
    while (a) {
        size_t k = skip_ws(src, *i, end);
        if (!kw_at(src, k, start, end, "ou"))
            break;
        *i = k + 2;
        cond *b = parse_and(cs, src, i, start, end);
        if (!b)
            return NULL;
        cond *c = new_cond(cs, K_OR);
        c->a = a;
        c->b = b;
        a = c;
    }
    return a;
}

/* A whole condition in src[*i..end). NULL after an error. */
static cond *parse_cond(cstate *cs, const char *src, size_t *i, size_t end)
{
    size_t start = *i;
    cond *c = parse_or(cs, src, i, start, end);
    if (!c)
        return NULL;
    size_t k = skip_ws(src, *i, end);
    if (k < end) {
        cerr(cs, k, "« = », « != », « < », « > », « et », « ou » ou la fin de la condition "
             "attendu ici");
        return NULL;
    }
    *i = k;
    return c;
}

/* Compile "#si COND" (or, with `chained`, "#sinon si COND"). */
static void open_if(cstate *cs, const char *src, size_t a, size_t b, size_t tag_off, int chained)
{
    node *n = new_node(cs, N_IF, tag_off);
    size_t i = skip_ws(src, a, b);
    if (i >= b) {
        cerr(cs, tag_off, "{{#si}} attend une condition : {{#si reseau.historique}}");
    } else {
        n->cond = parse_cond(cs, src, &i, b);
    }
    add_node(cs, n);
    if (cs->depth >= TPL_MAX_DEPTH) {
        cerr(cs, tag_off, "blocs trop imbriqués");
        return;
    }
    cs->stack[cs->depth++] = (frame){n, 0, "si", chained};
}

/* Handle a block tag's keyword: src[a..b) is the text after '#'/'/'. */
static void block_tag(cstate *cs, char sigil, const char *src, size_t a, size_t b, size_t tag_off)
{
    size_t ks = a;
    size_t k = a;
    while (k < b && is_key_char(src[k]))
        k++;
    char *kw = pr_strndup(src + ks, k - ks);
    static const char *const kws[] = {"chaque", "si", "sinon", "liste", "et", NULL};
    /* {{#sinon}} and {{#et}} open no block */
    int opens = sigil == '#' && strcmp(kw, "sinon") && strcmp(kw, "et");
    if (cs->overflow || (opens && cs->depth >= TPL_MAX_DEPTH)) {
        /* beyond the limit: said once, and the blocks are only counted so
         * that their closing tags match */
        if (opens) {
            if (!cs->overflow)
                cerr(cs, tag_off, "blocs trop imbriqués : au plus %d niveaux de {{#si}}, "
                     "{{#chaque}} et {{#liste}} l'un dans l'autre", TPL_MAX_DEPTH);
            cs->overflow++;
        } else if (sigil == '/') {
            cs->overflow--;
        }
        free(kw);
        return;
    }
    if (sigil == '#') {
        if (!strcmp(kw, "chaque"))
            open_each(cs, src, k, b, tag_off);
        else if (!strcmp(kw, "si"))
            open_if(cs, src, k, b, tag_off, 0);
        else if (!strcmp(kw, "liste")) {
            /* {{#liste}}, or {{#liste ", "}}: one separator throughout */
            const char *sep = NULL;
            size_t w = skip_ws(src, k, b);
            if (w < b && src[w] == '"') {
                sep = quoted_arg(cs, src, &w, b);
                w = skip_ws(src, w, b);
            }
            if (w < b)
                cerr(cs, w, "texte inattendu après {{#liste}} (un séparateur s'écrit entre "
                     "guillemets : {{#liste \", \"}})");
            node *n = new_node(cs, N_LIST, tag_off);
            n->text = sep;
            add_node(cs, n);
            list_part(n);
            cs->stack[cs->depth++] = (frame){n, 0, "liste", 0};
        } else if (!strcmp(kw, "et")) {
            /* the innermost {{#liste}}, past the {{#si}} that end before */
            frame *f = cs->depth ? &cs->stack[cs->depth - 1] : NULL;
            if (!f || strcmp(f->tag, "liste"))
                cerr(cs, tag_off, "{{#et}} sépare les parties d'un bloc {{#liste}} : il ne peut être "
                     "ailleurs (ni dans un {{#si}} ou un {{#chaque}} ouvert dans la liste)");
            else
                list_part(f->n);
        } else if (!strcmp(kw, "sinon")) {
            frame *f = cs->depth ? &cs->stack[cs->depth - 1] : NULL;
            size_t w = skip_ws(src, k, b);
            int elif = kw_at(src, w, w, b, "si");
            if (!f || strcmp(f->tag, "si"))
                cerr(cs, tag_off, "{{#sinon}} hors d'un bloc {{#si}}");
            else if (f->in_alt)
                cerr(cs, tag_off, "{{#sinon}} en double dans le même bloc {{#si}}");
            else {
                f->in_alt = 1;
                /* {{#sinon si C}}: a {{#si C}} inside the {{#sinon}}, closed
                 * by the same {{/si}} */
                if (elif)
                    open_if(cs, src, w + 2, b, tag_off, 1);
                else if (w < b)
                    cerr(cs, w, "texte inattendu après {{#sinon}} (pour une autre condition : "
                         "{{#sinon si …}})");
            }
        } else {
            const char *sg = *kw ? pr_suggest(kw, kws) : NULL;
            if (sg)
                cerr(cs, ks, "bloc inconnu « #%s » (vouliez-vous dire « #%s » ?)", kw, sg);
            else
                cerr(cs, ks, "bloc inconnu « #%s » (blocs : #chaque, #si, #sinon, #liste, #et)", kw);
            /* keep the structure so that its closing tag does not cascade */
            node *dn = new_node(cs, N_IF, tag_off);
            add_node(cs, dn);
            cs->stack[cs->depth++] = (frame){dn, 0, pr_arena_strdup(&cs->t->arena, kw), 0};
        }
    } else {
        if (skip_ws(src, k, b) < b)
            cerr(cs, k, "texte inattendu dans {{/%s}}", kw);
        if (cs->depth == 0) {
            cerr(cs, tag_off, "{{/%s}} sans {{#%s}} ouvrant", kw, kw);
        } else {
            frame *f = &cs->stack[cs->depth - 1];
            if (strcmp(f->tag, kw)) {
                cerr(cs, tag_off, "{{/%s}} ferme le bloc {{#%s}} ouvert ligne %d", kw, f->tag,
                     f->n->pos.line);
            }
            if (!strcmp(f->tag, "chaque"))
                cs->n_scopes--;
            cs->depth--;
            /* {{/si}} also closes the {{#si}} its {{#sinon si}} belongs to */
            while (f->chained && cs->depth > 0)
                f = &cs->stack[--cs->depth];
        }
    }
    free(kw);
}

/* Is the tag at [ts, te) alone on its line (only blanks around)? Sets
 * *ls (line start) and *le (just past the newline or end). */
static int standalone(const char *s, size_t len, size_t ts, size_t te, size_t *ls, size_t *le)
{
    size_t a = ts;
    while (a > 0 && (s[a - 1] == ' ' || s[a - 1] == '\t'))
        a--;
    if (a > 0 && s[a - 1] != '\n')
        return 0;
    size_t b = te;
    while (b < len && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
        b++;
    if (b < len && s[b] != '\n')
        return 0;
    *ls = a;
    *le = b < len ? b + 1 : b;
    return 1;
}

static void add_text(cstate *cs, const char *src, size_t a, size_t b)
{
    if (b <= a)
        return;
    /* merge with a previous text node when contiguous in the list */
    node *n = new_node(cs, N_TEXT, a);
    n->text = src + a;
    n->len = b - a;
    add_node(cs, n);
}

/* Add literal text src[a..b), dropping comment lines when enabled. */
static void add_literal(cstate *cs, const char *src, size_t a, size_t b, int at_line_start)
{
    if (!cs->o.comments) {
        add_text(cs, src, a, b);
        return;
    }
    size_t i = a, seg = a;
    int bol = at_line_start;
    while (i < b) {
        if (bol && src[i] == '#') {
            add_text(cs, src, seg, i);
            while (i < b && src[i] != '\n')
                i++;
            if (i < b)
                i++;
            seg = i;
            continue;
        }
        bol = src[i] == '\n';
        i++;
    }
    add_text(cs, src, seg, b);
}

pr_tpl_text *pr_tpl_compile(const char *src, size_t len, pr_pos pos, pr_tpl_origin mode,
                            const pr_tpl_scope *scope, pr_diags *d)
{
    pr_tpl_text *t = pr_calloc(1, sizeof *t);
    t->pos = pos;
    /* keep our own copy: nodes point into it */
    char *copy = pr_arena_strndup(&t->arena, src, len);
    cstate cs = {0};
    cs.dot_level = -1;
    cs.t = t;
    cs.o = (origin){.src = copy, .len = len, .pos = pos, .mode = mode, .comments = mode == PR_TPL_ORIGIN_FLAT};
    cs.d = d;
    if (scope)
        for (int i = 0; i < scope->depth && i < 8; i++)
            cs.scopes[cs.n_scopes++] = scope->patterns[i];
    cs.n_outer = cs.n_scopes;
    size_t i = 0, lit = 0;
    int lit_bol = 1;
    while (i < len) {
        if (!(copy[i] == '{' && i + 1 < len && copy[i + 1] == '{')) {
            i++;
            continue;
        }
        size_t ts = i;
        size_t close = i + 2;
        while (close + 1 < len && !(copy[close] == '}' && copy[close + 1] == '}')) {
            if (copy[close] == '\n')
                break;
            close++;
        }
        if (close + 1 >= len || copy[close] != '}') {
            cerr(&cs, ts, "« {{ » sans « }} » sur la même ligne");
            i = ts + 2;
            continue;
        }
        size_t te = close + 2;
        size_t a = skip_ws(copy, ts + 2, close);
        size_t b = close;
        while (b > a && (copy[b - 1] == ' ' || copy[b - 1] == '\t'))
            b--;
        char c = a < b ? copy[a] : 0;
        int is_block = c == '#' || c == '/' || c == '!';
        size_t ls = ts, le = te;
        if (is_block && standalone(copy, len, ts, te, &ls, &le)) {
            add_literal(&cs, copy, lit, ls, lit_bol);
        } else {
            ls = ts;
            le = te;
            add_literal(&cs, copy, lit, ts, lit_bol);
        }
        if (a == b)
            cerr(&cs, ts, "espace réservé vide « {{}} »");
        else if (c == '!')
            ; /* comment */
        else if (c == '#' || c == '/')
            block_tag(&cs, c, copy, a + 1, b, ts);
        else
            compile_var(&cs, copy, a, b, ts);
        lit = le;
        lit_bol = le == 0 || copy[le - 1] == '\n';
        i = le;
    }
    add_literal(&cs, copy, lit, len, lit_bol);
    while (cs.depth > 0) {
        frame *f = &cs.stack[--cs.depth];
        if (f->chained)
            continue;   /* reported with the {{#si}} it continues */
        pr_template_error(d, f->n->pos, NULL, "bloc {{#%s}} non fermé ({{/%s}} manquant)", f->tag, f->tag);
        cs.errors++;
    }
    if (cs.errors) {
        pr_tpl_text_free(t);
        return NULL;
    }
    return t;
}

/* Node lists are malloc'ed by PR_PUSH (nodes live in the arena). */
static void free_list(nlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free_list(&l->items[i]->body);
        free_list(&l->items[i]->alt);
        for (size_t k = 0; k < l->items[i]->n_parts; k++)
            free_list(&l->items[i]->parts[k]);
        free(l->items[i]->parts);
    }
    free(l->items);
    l->items = NULL;
}

void pr_tpl_text_free(pr_tpl_text *t)
{
    if (!t)
        return;
    free_list(&t->root);
    pr_arena_free(&t->arena);
    free(t);
}

pr_pos pr_tpl_text_pos(const pr_tpl_text *t) { return t->pos; }

/* ======================================================================
 * Expansion, on the model: values are read through its schema
 * (pr_mvalue), so defaults and derived values are seen.
 * ====================================================================== */
typedef struct xframe {
    pr_mvalue item;
    long index, count;          /* index -1: unknown (component-level item) */
} xframe;

typedef struct xstate {
    const pr_tpl_ctx *ctx;
    pr_diags *d;
    xframe frames[48];
    int n_frames;
    pr_arena scratch;
    int punct;                  /* the last placeholder ended a sentence ("?",
                                   "!", "…", "."): a "." that follows is dropped */
} xstate;

/* The result of evaluating a path: a value, or a selection of list items. */
typedef struct xval {
    pr_mvalue v;                /* a value (kind ABSENT when absent) */
    pr_mvalue *sel;             /* a selection (after a [condition] filter) */
    size_t n_sel;
    int is_sel;
} xval;

/* How many items a value has: a selection's, a list's; 0 otherwise. */
static size_t xval_count(const xval *r)
{
    if (r->is_sel)
        return r->n_sel;
    return r->v.kind == PR_MV_LIST || r->v.kind == PR_MV_STRLIST ? r->v.n : 0;
}

/* Is it a list (a selection, a list of records or of texts)? */
static int xval_is_list(const xval *r)
{
    return r->is_sel || r->v.kind == PR_MV_LIST || r->v.kind == PR_MV_STRLIST;
}

/* Item i of a selection or a list. */
static pr_mvalue xval_item(const xval *r, size_t i)
{
    if (r->is_sel)
        return r->sel[i];
    return pr_mvalue_item(&r->v, i);
}

/* The value itself, or a selection's first item. */
static pr_mvalue xval_value(const xval *r)
{
    if (!r->is_sel)
        return r->v;
    if (r->n_sel)
        return r->sel[0];
    return (pr_mvalue){.kind = PR_MV_ABSENT};
}

/* The text of a value as the data file writes it (malloc'ed); NULL when
 * absent. */
static char *mvalue_text(const pr_mvalue *v)
{
    if (v->kind == PR_MV_ABSENT)
        return NULL;
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    pr_mvalue_put(&sb, v);
    return pr_sb_steal(&sb);
}

static char *path_text(xstate *xs, const pr_tpl_path *p);
static int eval_cond(xstate *xs, const cond *c);

/* ---- indexes of lists by a field (pr_tpl_cache) ------------------------ */
typedef struct idx_entry {
    const char *text;           /* the field's text (in the index's buffer) */
    size_t pos;                 /* the item's rank in the list */
} idx_entry;

typedef struct list_index {
    const void *list;           /* the list's items (pr_mvalue ptr) */
    const pr_field *field;      /* the field indexed */
    char *texts;                /* owned: the fields' texts, one after the other */
    idx_entry *entries;         /* sorted by text, then rank */
    size_t n;
} list_index;

struct pr_tpl_cache {
    list_index *items;
    size_t n, cap;
};

pr_tpl_cache *pr_tpl_cache_new(void) { return pr_calloc(1, sizeof(pr_tpl_cache)); }

void pr_tpl_cache_free(pr_tpl_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].entries);
        free(c->items[i].texts);
    }
    free(c->items);
    free(c);
}

static int idx_cmp(const void *a, const void *b)
{
    const idx_entry *x = a, *y = b;
    int r = strcmp(x->text, y->text);
    return r ? r : (x->pos > y->pos) - (x->pos < y->pos);
}

static int parse_long(const char *s, long *out);

/* Is s a whole integer? */
static int is_integer(const char *s, long *x)
{
    return s && *s && !parse_long(s, x);
}

/* The index of the list `list` by its items' field f. */
static const list_index *cache_index(const pr_model *m, pr_tpl_cache *c, const pr_mvalue *list,
                                     const pr_field *f)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].list == list->ptr && c->items[i].field == f)
            return &c->items[i];
    list_index li = {list->ptr, f, NULL, pr_malloc((list->n ? list->n : 1) * sizeof(idx_entry)), 0};
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    size_t *offs = pr_malloc((list->n ? list->n : 1) * sizeof *offs);
    for (size_t j = 0; j < list->n; j++) {
        pr_mvalue it = pr_mvalue_item(list, j);
        pr_mvalue v = pr_mvalue_get(m, &it, f);
        if (v.kind == PR_MV_ABSENT)
            continue;
        offs[li.n] = sb.len;
        pr_mvalue_put(&sb, &v);
        pr_sb_add(&sb, "", 1);
        li.entries[li.n++].pos = j;
    }
    li.texts = pr_sb_steal(&sb);
    for (size_t k = 0; k < li.n; k++)
        li.entries[k].text = li.texts + offs[k];
    free(offs);
    qsort(li.entries, li.n, sizeof(idx_entry), idx_cmp);
    PR_PUSH(c->items, c->n, c->cap, li);
    return &c->items[c->n - 1];
}

/* A filter [champ=VALEUR] on the whole list `list`, VALEUR not depending on
 * the item tested and not an integer (integers and years compare by value,
 * not as text): the matching items from the index, in list order, into
 * sel; -1 when the filter is not of that form. */
static long indexed_filter(xstate *xs, const cond *c, const pr_mvalue *list, pr_mvalue *sel)
{
    if (!xs->ctx->cache || c->kind != K_ATOM || c->op != C_EQ || !c->path ||
        c->path->root != R_DATA || c->path->level != xs->n_frames || c->path->n_steps != 1 ||
        c->path->steps[0].kind != S_KEY || !c->path->steps[0].field ||
        list->kind != PR_MV_LIST)
        return -1;
    const char *w;
    char *owned = NULL;
    if (c->rhs) {
        if ((c->rhs->root != R_DATA && c->rhs->root != R_DOT && c->rhs->root != R_FIGURE) ||
            ((c->rhs->root == R_DATA || c->rhs->root == R_DOT) && c->rhs->level >= xs->n_frames))
            return -1;
        w = owned = path_text(xs, c->rhs);
    } else if (c->n_lits == 1) {
        w = c->lits[0];
    } else {
        return -1;
    }
    long x;
    if (is_integer(w, &x)) {
        free(owned);
        return -1;
    }
    const list_index *li = cache_index(xs->ctx->model, xs->ctx->cache, list,
                                       c->path->steps[0].field);
    /* the first entry not below w */
    size_t lo = 0, hi = li->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(li->entries[mid].text, w) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    long m = 0;
    for (size_t k = lo; k < li->n && !strcmp(li->entries[k].text, w); k++)
        sel[m++] = pr_mvalue_item(list, li->entries[k].pos);
    free(owned);
    return m;
}

/* Does the list filter `c` hold for item j of n? The item is in scope as
 * the innermost frame while the condition is evaluated. */
static int filter_holds(xstate *xs, const cond *c, const pr_mvalue *item, size_t j, size_t n)
{
    if (xs->n_frames >= 48)
        return 0;
    xs->frames[xs->n_frames++] = (xframe){*item, (long)j, (long)n};
    int r = eval_cond(xs, c);
    xs->n_frames--;
    return r;
}

/* Evaluate a data path: linear in its steps, a filter in its list. */
static xval eval_path(xstate *xs, const pr_tpl_path *p)
{
    xval r = {0};
    const pr_model *m = xs->ctx->model;
    if (p->root == R_DOT) {
        if (p->level >= 0 && p->level < xs->n_frames)
            r.v = xs->frames[p->level].item;
        return r;
    }
    if (p->level < 0)
        r.v = pr_mvalue_root(m);
    else if (p->level < xs->n_frames)
        r.v = xs->frames[p->level].item;
    for (size_t i = 0; i < p->n_steps; i++) {
        const step *st = &p->steps[i];
        if (r.is_sel && st->kind != S_FILTER && st->kind != S_INDEX) {
            r.v = xval_value(&r);
            r.is_sel = 0;
        }
        switch (st->kind) {
        case S_KEY:
            r.v = pr_mvalue_get(m, &r.v, st->field);
            break;
        case S_YEAR:
            r.v = pr_mvalue_year(&r.v, (int)st->index);
            break;
        case S_DYNKEY: {
            char *key = path_text(xs, st->dyn);
            char *end;
            long year = strtol(key, &end, 10);
            if (*key && !*end)
                r.v = pr_mvalue_year(&r.v, (int)year);
            else
                r.v = (pr_mvalue){.kind = PR_MV_ABSENT};
            free(key);
            break;
        }
        case S_INDEX: {
            size_t n = xval_count(&r);
            long idx = st->index < 0 ? (long)n + st->index : st->index;
            pr_mvalue v = {.kind = PR_MV_ABSENT};
            if (idx >= 0 && (size_t)idx < n)
                v = xval_item(&r, (size_t)idx);
            r.is_sel = 0;
            r.v = v;
            break;
        }
        case S_FILTER: {
            size_t n = xval_count(&r);
            /* the kept items go to the scratch arena, sized to what is
             * kept (a filter in a repetition runs once per item) */
            pr_mvalue *tmp = pr_malloc((n ? n : 1) * sizeof *tmp);
            size_t k = 0;
            long fast = !r.is_sel ? indexed_filter(xs, st->filter, &r.v, tmp) : -1;
            if (fast >= 0) {
                k = (size_t)fast;
            } else {
                for (size_t j = 0; j < n; j++) {
                    pr_mvalue it = xval_item(&r, j);
                    if (it.kind == PR_MV_RECORD && filter_holds(xs, st->filter, &it, j, n))
                        tmp[k++] = it;
                }
            }
            pr_mvalue *sel = pr_arena_alloc(&xs->scratch, (k ? k : 1) * sizeof *sel);
            memcpy(sel, tmp, k * sizeof *sel);
            free(tmp);
            r.sel = sel;
            r.n_sel = k;
            r.is_sel = 1;
            r.v = (pr_mvalue){.kind = PR_MV_ABSENT};
            break;
        }
        }
    }
    return r;
}

static void xerr(xstate *xs, pr_pos pos, const char *fmt, ...) PR_PRINTF(3, 4);
static void xerr(xstate *xs, pr_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = pr_vasprintf(fmt, ap);
    va_end(ap);
    pr_template_error(xs->d, pos, NULL, "%s", msg);
    free(msg);
}

static int parse_long(const char *s, long *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno)
        return -1;
    *out = v;
    return 0;
}

/* Join a list of texts "a, b et c". */
static void join_list(pr_strbuf *sb, const pr_mvalue *v)
{
    if (v->kind != PR_MV_STRLIST)
        return;
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            pr_sb_puts(sb, i + 1 == v->n ? " et " : ", ");
        pr_mvalue it = pr_mvalue_item(v, i);
        pr_mvalue_put(sb, &it);
    }
}

/* The words a count's precision puts before it ("environ ", "plus de "). */
static const char *precision_words(const pr_mvalue *v)
{
    if (!v || v->kind != PR_MV_COUNT)
        return NULL;
    if (v->v.count.prec == PR_COUNT_ABOUT)
        return "environ ";
    if (v->v.count.prec == PR_COUNT_AT_LEAST)
        return "plus de ";
    return NULL;
}

/* Apply one filter to `in` (the current text) producing a new string. The
 * first filter also sees the value `v` for typed inputs (NULL: none). */
static char *apply_filter(xstate *xs, const node *n, const tfilter *tf, const char *in,
                          const pr_mvalue *v, int first)
{
    pr_strbuf sb = {0};
    filter_id f = tf->id;
    switch (f) {
    case F_DATE: case F_JOUR: case F_MOIS: case F_NOM_MOIS: {
        pr_date dt;
        if (pr_tpl_parse_date(in, &dt)) {
            xerr(xs, n->pos, "« %s » : « %s » n'est pas une date (AAAA-MM-JJ, AAAA-MM ou AAAA)",
                 n->path->src, in);
            return pr_strdup(in);
        }
        if (f == F_NOM_MOIS)
            return pr_strdup(month_name_or_empty(dt.month));
        if (f == F_JOUR)
            dt.year = 0;
        if (f == F_MOIS)
            dt.day = 0;
        return pr_tpl_format_date(dt);
    }
    case F_NOMBRE: case F_EFFECTIF: case F_ORDINAL: case F_ORDINAL_F: case F_PLURIEL:
    case F_EN_LETTRES: case F_EN_LETTRES_F: case F_ACCORD: case F_QUANTITE: case F_PERIODE: {
        long x;
        if (parse_long(in, &x)) {
            xerr(xs, n->pos, "« %s » : « %s » n'est pas un nombre entier", n->path->src, in);
            return pr_strdup(in);
        }
        if (f == F_NOMBRE)
            return pr_format_int(x);
        if (f == F_PLURIEL)
            return pr_strdup(x >= 2 || x <= -2 ? "s" : "");
        if (f == F_EN_LETTRES || f == F_EN_LETTRES_F)
            return pr_fr_number_words(x, f == F_EN_LETTRES_F);
        if (f == F_ACCORD)
            return pr_fr_agree(x, tf->args[0], tf->n_args > 1 ? tf->args[1] : NULL);
        if (f == F_QUANTITE)
            return pr_fr_quantity(x, tf->args[0], tf->n_args > 1 ? tf->args[1] : NULL,
                                  first ? precision_words(v) : NULL);
        if (f == F_PERIODE) {
            char *end = path_text(xs, tf->parg);
            long y;
            char *r = !parse_long(end, &y) && y != x ? pr_asprintf("%ld–%ld", x, y)
                                                     : pr_asprintf("%ld", x);
            free(end);
            return r;
        }
        if (f == F_EFFECTIF) {
            const char *prec = first ? precision_words(v) : NULL;
            char *num = pr_format_int(x);
            pr_sb_puts(&sb, prec ? prec : "");
            pr_sb_puts(&sb, num);
            free(num);
            return pr_sb_steal(&sb);
        }
        return pr_format_ordinal_markup(x, f == F_ORDINAL_F);
    }
    case F_MAJ:
        return pr_format_upper(in);
    case F_MIN:
        return pr_format_lower(in);
    case F_CAP:
        return pr_format_capitalize(in);
    case F_INITIALES:
        return pr_format_initials(in);
    case F_DE:
        return pr_fr_de(in, 0);
    case F_A:
        return pr_fr_a(in, 0);
    case F_SANS_ARTICLE:
        return pr_fr_without_article(in);
    case F_LISTE:
        pr_sb_puts(&sb, "");
        if (v)
            join_list(&sb, v);
        return pr_sb_steal(&sb);
    case F_LIBELLE: {
        const pr_enum_desc *e = v && v->kind == PR_MV_ENUM && v->field ? v->field->en : NULL;
        return pr_strdup(e && v->v.num >= 0 && v->v.num < e->n ? e->labels[v->v.num] : in);
    }
    case F_PARTENAIRE: {
        const pr_partner *p = pr_model_partner(xs->ctx->model, in);
        return pr_strdup(!p ? in : p->acronym ? p->acronym : p->name ? p->name : in);
    }
    case F_ELU: {
        const pr_official *o = pr_model_official(xs->ctx->model, in);
        if (!o)
            return pr_strdup(in);
        const char *pn = o->first_name, *nm = o->last_name;
        return pr_asprintf("%s%s%s", pn ? pn : "", pn && nm ? " " : "", nm ? nm : "");
    }
    case F_DEPARTEMENT: {
        const pr_departement *dp = pr_geo_departement(in);
        return pr_strdup(dp ? dp->name : in);
    }
    case F_REGION: {
        const pr_region *rg = pr_geo_region(in);
        return pr_strdup(rg ? rg->name : in);
    }
    default:
        return pr_strdup(in);
    }
}

static void expand_list(xstate *xs, const nlist *l, pr_strbuf *out);
static void expand_enum(xstate *xs, const node *n, pr_strbuf *out);

/* The text of a variable before filters; *vout: its value (data paths). */
static char *var_text(xstate *xs, const node *n, pr_mvalue *vout)
{
    const pr_tpl_path *p = n->path;
    *vout = (pr_mvalue){.kind = PR_MV_ABSENT};
    if (p->root == R_FIGURE) {
        const pr_figures *f = xs->ctx->figures;
        const pr_figure *fig = NULL;
        for (size_t i = 0; f && i < f->n; i++)
            if (f->items[i].def == p->fig || !strcmp(f->items[i].def->id, p->fig->id))
                fig = &f->items[i];
        if (p->fig_field == FF_LABEL)
            return pr_strdup(p->fig->label);
        if (p->fig_field == FF_DEFINITION)
            return pr_strdup(p->fig->definition);
        if (p->fig_field != FF_VALUE) {
            /* the comparison with the years before: nothing without them */
            pr_comparison c;
            memset(&c, 0, sizeof c);
            if (xs->ctx->history)
                c = pr_history_compare(xs->ctx->history, p->fig->key);
            switch (p->fig_field) {
            case FF_PREVIOUS:
                return c.has_previous ? pr_asprintf("%ld", c.previous) : pr_strdup("");
            case FF_PREVIOUS_YEAR:
                return c.has_previous ? pr_asprintf("%d", c.previous_year) : pr_strdup("");
            case FF_CHANGE: return pr_comparison_change(&c);
            case FF_COMPARABLE: return pr_strdup(c.comparable ? "true" : "false");
            case FF_COMPARISON: return pr_comparison_phrase(&c);
            default: break;
            }
        }
        if (!fig) {
            xerr(xs, n->pos, "chiffre « %s » non calculé", p->fig->id);
            return pr_strdup("");
        }
        return pr_asprintf("%ld", fig->value);
    }
    if (p->root == R_LOOP) {
        const xframe *fr = xs->n_frames ? &xs->frames[xs->n_frames - 1] : NULL;
        if (!fr || fr->index < 0)
            return pr_strdup("");
        switch (p->lv) {
        case LV_RANG: return pr_asprintf("%ld", fr->index + 1);
        case LV_NOMBRE: return pr_asprintf("%ld", fr->count);
        case LV_PREMIER: return pr_strdup(fr->index == 0 ? "true" : "false");
        case LV_DERNIER: return pr_strdup(fr->index + 1 == fr->count ? "true" : "false");
        case LV_SEP:
            return pr_strdup(fr->index + 2 < fr->count ? ", "
                             : fr->index + 2 == fr->count ? " et " : "");
        }
    }
    xval r = eval_path(xs, p);
    *vout = xval_value(&r);
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    if (vout->kind == PR_MV_STRLIST)
        join_list(&sb, vout);
    else
        pr_mvalue_put(&sb, vout);
    return pr_sb_steal(&sb);
}

/* The raw text of a path's value (figures as plain digits; a list: its
 * number of items). */
static char *path_text(xstate *xs, const pr_tpl_path *p)
{
    if ((p->root == R_DATA || p->root == R_DOT) &&
        (p->type == T_LIST || p->type == T_STRLIST ||
         (p->n_steps && p->steps[p->n_steps - 1].kind == S_FILTER))) {
        xval r = eval_path(xs, p);
        if (xval_is_list(&r))
            return pr_asprintf("%zu", xval_count(&r));
    }
    node tmp = {0};
    tmp.kind = N_VAR;
    tmp.path = (pr_tpl_path *)p;
    tmp.pos = p->pos;
    pr_mvalue v;
    return var_text(xs, &tmp, &v);
}

/* A data text with figure references ({{chiffre.…}}, data/prose.h): the
 * references expanded. Takes `s`. */
static char *data_prose(xstate *xs, char *s)
{
    if (!strstr(s, "{{"))
        return s;
    char *r = pr_prose_expand(s, xs->ctx->figures, 1);
    free(s);
    return r;
}
/* Is c an ASCII letter or digit, or a byte of a multi-byte character (an
 * accented letter)? */
static int wordish(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* « de » / « à » written in the template just before a placeholder agree
 * with what it gives: "de " + "Anrafa" -> "d'Anrafa", "de " + "le Cerema"
 * -> "du Cerema", "à " + "les référents" -> "aux référents". The
 * preposition is at the end of `out` (possibly followed by "**", "*" or
 * the "[" of span attributes, "[{{prenom}} {{nom}}]{insécable}"),
 * `*s` is the placeholder's text (replaced when needed). */
static void junction(pr_strbuf *out, char **s)
{
    size_t t = out->len;
    const char *o = out->data;
    size_t stars = 0;   /* markup opened before the name: "**", "*", "[" */
    while (stars < 3 && t > stars && (o[t - 1 - stars] == '*' || o[t - 1 - stars] == '['))
        stars++;
    size_t sp = t - stars;   /* just past the space */
    if (sp < 3 || o[sp - 1] != ' ')
        return;
    size_t w = sp - 1;       /* end of the preposition, or of markup after it */
    size_t inner = 0;        /* "*de* {{x}}": markup between "de" and the space */
    while (inner < 2 && w > inner && o[w - 1 - inner] == '*')
        inner++;
    w -= inner;
    int de = 0, cap = 0;
    if (w >= 2 && (!memcmp(o + w - 2, "de", 2) || !memcmp(o + w - 2, "De", 2))) {
        de = 1;
        cap = o[w - 2] == 'D';
    } else if (w >= 2 && (!memcmp(o + w - 2, "\xc3\xa0", 2) || !memcmp(o + w - 2, "\xc3\x80", 2))) {
        cap = o[w - 1] == '\x80';
    } else {
        return;
    }
    size_t ps = w - 2;       /* start of the preposition */
    if (ps > 0 && wordish((unsigned char)o[ps - 1]) && o[ps - 1] != '*')
        return;
    size_t lead = 0;
    while ((*s)[lead] == '*')
        lead++;
    const char *name = *s + lead;
    size_t art = pr_fr_article_len(name);
    int contract = art && (name[0] == 'l' || name[0] == 'L') && name[1] == 'e';   /* le, les */
    int elide = de && !art && pr_fr_vowel_sound(name);
    if ((!contract && !elide) || (elide && inner))
        return;   /* "*de* Anrafa" stays: the apostrophe cannot sit in the markup */
    const char *word;
    if (contract) {
        int plural = name[2] == 's';
        word = de ? (plural ? (cap ? "Des" : "des") : (cap ? "Du" : "du"))
                  : (plural ? (cap ? "Aux" : "aux") : (cap ? "Au" : "au"));
    } else {
        word = cap ? "D'" : "d'";
    }
    /* rebuild: what came before, the new word, the markup, the name */
    char *star = pr_strndup(o + sp, stars);
    char *inner_star = pr_strndup(o + w, inner);
    out->len = ps;
    out->data[ps] = '\0';
    pr_sb_puts(out, word);
    pr_sb_puts(out, inner_star);
    if (contract || inner)
        pr_sb_putc(out, ' ');
    pr_sb_puts(out, star);
    free(star);
    free(inner_star);
    char *rest = pr_asprintf("%.*s%s", (int)lead, *s, name + (contract ? art : 0));
    free(*s);
    *s = rest;
}

/* Does s end a sentence: ".", "?", "!" or "…", possibly inside markup? */
static int ends_sentence(const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '*' || s[n - 1] == ' ' || s[n - 1] == ')' ))
        n--;
    if (!n)
        return 0;
    if (s[n - 1] == '.' || s[n - 1] == '?' || s[n - 1] == '!')
        return 1;
    return n >= 3 && !memcmp(s + n - 3, "\xe2\x80\xa6", 3);   /* … */
}

static void expand_var(xstate *xs, const node *n, pr_strbuf *out)
{
    const pr_tpl_path *p = n->path;
    pr_mvalue v = {.kind = PR_MV_ABSENT};
    const pr_mvalue *vp = &v;
    char *s = NULL;
    int fi = 0;   /* first filter still to apply */
    int data = p->root == R_DATA || p->root == R_DOT;
    if (n->n_filters && n->filters[0].id == F_COMPTE) {
        s = path_text(xs, p);
        fi = 1;
        vp = NULL;
    } else if (data && p->type == T_STRLIST) {
        /* a list of texts: the element filters apply to each element, then
         * the elements are joined ("a, b et c") */
        xval r = eval_path(xs, p);
        pr_mvalue lv = xval_value(&r);
        size_t m = lv.kind == PR_MV_STRLIST ? lv.n : 0;
        char **el = pr_calloc(m ? m : 1, sizeof *el);
        for (size_t k = 0; k < m; k++) {
            pr_mvalue it = pr_mvalue_item(&lv, k);
            char *t = mvalue_text(&it);
            el[k] = data_prose(xs, t ? t : pr_strdup(""));
        }
        for (; fi < n->n_filters && maps_over_list(n->filters[fi].id); fi++)
            for (size_t k = 0; k < m; k++) {
                if (!*el[k])
                    continue;
                char *x = apply_filter(xs, n, &n->filters[fi], el[k], NULL, 0);
                free(el[k]);
                el[k] = x;
            }
        if (fi < n->n_filters && n->filters[fi].id == F_LISTE)
            fi++;
        pr_strbuf sb = {0};
        pr_sb_puts(&sb, "");
        for (size_t k = 0; k < m; k++) {
            if (k)
                pr_sb_puts(&sb, k + 1 == m ? " et " : ", ");
            pr_sb_puts(&sb, el[k]);
            free(el[k]);
        }
        free(el);
        s = pr_sb_steal(&sb);
        vp = NULL;
    } else {
        s = var_text(xs, n, &v);
        if (data && p->type == T_STR)
            s = data_prose(xs, s);
        if (n->n_filters == 0) {
            /* default formatting by type */
            ftype t = p->type;
            char *r = NULL;
            if (*s && (t == T_FIGURE || t == T_COUNT)) {
                long x;
                if (!parse_long(s, &x))
                    r = pr_format_int(x);
            } else if (*s && t == T_DATE) {
                pr_date dt;
                if (!pr_tpl_parse_date(s, &dt))
                    r = pr_tpl_format_date(dt);
            } else if (t == T_BOOL && *s) {
                r = pr_strdup(!strcmp(s, "true") ? "oui" : "non");
            }
            if (r) {
                free(s);
                s = r;
            }
        }
    }
    for (int i = fi; i < n->n_filters && *s; i++) {
        char *r = apply_filter(xs, n, &n->filters[i], s, vp, i == fi);
        free(s);
        s = r;
    }
    if (*s) {
        junction(out, &s);
        pr_sb_puts(out, s);
        xs->punct = ends_sentence(s);
    }
    free(s);
}

/* Truthiness of a value for {{#si}}. */
static int truthy(xstate *xs, const xval *r)
{
    if (r->is_sel)
        return r->n_sel > 0;
    return pr_mvalue_truthy(xs->ctx->model, &r->v);
}

/* Compare the left side's text `l` with `w`: <0, 0, >0; 2 when they cannot
 * be ordered (then only equality makes sense, through `*eq`). A date
 * compared with a year compares its year. */
static int compare_texts(const char *l, const char *w, int *eq)
{
    long a, b;
    pr_date dt;
    if (is_integer(w, &b) && strlen(w) == 4 && strchr(l, '-') && !pr_tpl_parse_date(l, &dt)) {
        a = dt.year;
        *eq = a == b;
        return (a > b) - (a < b);
    }
    if (is_integer(l, &a) && is_integer(w, &b)) {
        *eq = a == b;
        return (a > b) - (a < b);
    }
    int c = strcmp(l, w);
    *eq = c == 0;
    return (c > 0) - (c < 0);
}

static int op_holds(cond_op op, int cmp, int eq)
{
    switch (op) {
    case C_EQ: return eq;
    case C_NE: return !eq;
    case C_LT: return cmp < 0;
    case C_LE: return cmp <= 0;
    case C_GT: return cmp > 0;
    case C_GE: return cmp >= 0;
    default: return 0;
    }
}

/* An atom of a condition. */
static int eval_atom(xstate *xs, const cond *c)
{
    const pr_tpl_path *p = c->path;
    if (!p)
        return 0;
    if (c->op == C_TRUTHY) {
        if (p->root == R_FIGURE || p->root == R_LOOP) {
            char *s = path_text(xs, p);
            int res = *s && strcmp(s, "0") && strcmp(s, "false");
            free(s);
            return res;
        }
        xval r = eval_path(xs, p);
        return truthy(xs, &r);
    }
    /* the left side: a text, or a list (compared by its number of items,
     * or, for a list of texts compared with words, by membership) */
    xval r = {0};
    int is_list = 0;
    char *l = NULL;
    if (p->root == R_DATA || p->root == R_DOT) {
        r = eval_path(xs, p);
        is_list = xval_is_list(&r);
        if (!is_list)
            l = mvalue_text(&r.v);
    } else {
        l = path_text(xs, p);
    }
    size_t n_items = is_list ? xval_count(&r) : 0;
    /* the right side: words, or a path's text */
    char *rt = c->rhs ? path_text(xs, c->rhs) : NULL;
    size_t nw = c->rhs ? 1 : c->n_lits;
    int any_eq = 0, res = 0;
    for (size_t k = 0; k < nw; k++) {
        const char *w = c->rhs ? rt : c->lits[k];
        int eq = 0, cmp = 2;
        long wn;
        if (is_list) {
            if (is_integer(w, &wn)) {
                long cnt = (long)n_items;
                eq = cnt == wn;
                cmp = (cnt > wn) - (cnt < wn);
            } else {
                for (size_t j = 0; j < n_items && !eq; j++) {
                    pr_mvalue it = xval_item(&r, j);
                    char *t = it.kind == PR_MV_TEXT ? mvalue_text(&it) : NULL;
                    eq = t && !strcmp(t, w);
                    free(t);
                }
            }
        } else if (l && *l) {
            cmp = compare_texts(l, w, &eq);
        }
        any_eq |= eq;
        if (c->op != C_EQ && c->op != C_NE) {
            /* orderings: the first word only; an absent value never holds */
            res = cmp != 2 && (is_list || (l && *l)) && op_holds(c->op, cmp, eq);
            break;
        }
    }
    if (c->op == C_EQ)
        res = any_eq;
    else if (c->op == C_NE)
        res = !any_eq;
    free(l);
    free(rt);
    return res;
}

static int eval_cond(xstate *xs, const cond *c)
{
    if (!c)
        return 0;
    switch (c->kind) {
    case K_ATOM: return eval_atom(xs, c);
    case K_NOT: return !eval_cond(xs, c->a);
    case K_AND: return eval_cond(xs, c->a) && eval_cond(xs, c->b);
    case K_OR: return eval_cond(xs, c->a) || eval_cond(xs, c->b);
    }
    return 0;
}

static void expand_each(xstate *xs, const node *n, pr_strbuf *out)
{
    xval r = eval_path(xs, n->path);
    size_t count = xval_count(&r);
    if (xs->n_frames >= 48)
        return;
    for (size_t i = 0; i < count; i++) {
        xs->frames[xs->n_frames++] = (xframe){xval_item(&r, i), (long)i, (long)count};
        expand_list(xs, &n->body, out);
        xs->n_frames--;
    }
}

/* {{#liste}} a {{#et}} b {{#et}} c {{/liste}}: the parts that are not
 * empty, joined as French lists are: "a, b et c" (with {{#liste ", "}}: the
 * separator given between each). */
static void expand_enum(xstate *xs, const node *n, pr_strbuf *out)
{
    char **parts = pr_calloc(n->n_parts ? n->n_parts : 1, sizeof *parts);
    size_t m = 0;
    for (size_t k = 0; k < n->n_parts; k++) {
        pr_strbuf sb = {0};
        pr_sb_puts(&sb, "");
        expand_list(xs, &n->parts[k], &sb);
        char *t = pr_sb_steal(&sb);
        size_t a = 0, e = strlen(t);
        while (a < e && (t[a] == ' ' || t[a] == '\n' || t[a] == '\t'))
            a++;
        while (e > a && (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\t'))
            e--;
        if (e > a)
            parts[m++] = pr_strndup(t + a, e - a);
        free(t);
    }
    for (size_t k = 0; k < m; k++) {
        if (k)
            pr_sb_puts(out, n->text ? n->text : k + 1 == m ? " et " : ", ");
        pr_sb_puts(out, parts[k]);
        free(parts[k]);
    }
    free(parts);
}

static void expand_list(xstate *xs, const nlist *l, pr_strbuf *out)
{
    for (size_t i = 0; i < l->n; i++) {
        const node *n = l->items[i];
        switch (n->kind) {
        case N_TEXT: {
            /* a sentence ended by a placeholder ("… ?") is not ended twice */
            const char *t = n->text;
            size_t len = n->len;
            if (xs->punct && len) {
                size_t k = 0;
                while (k < len && t[k] == '*')
                    k++;
                if (k < len && t[k] == '.' && !(k + 1 < len && t[k + 1] == '.')) {
                    pr_sb_add(out, t, k);
                    t += k + 1;
                    len -= k + 1;
                }
            }
            pr_sb_add(out, t, len);
            if (n->len)
                xs->punct = 0;
            break;
        }
        case N_VAR:
            expand_var(xs, n, out);
            break;
        case N_EACH:
            expand_each(xs, n, out);
            break;
        case N_IF:
            expand_list(xs, eval_cond(xs, n->cond) ? &n->body : &n->alt, out);
            break;
        case N_LIST:
            expand_enum(xs, n, out);
            break;
        }
    }
}

/* The caller's items as expansion frames. */
static void push_ctx_frames(xstate *xs, const pr_tpl_ctx *ctx)
{
    for (int i = 0; i < ctx->depth && i < 8; i++) {
        int inner = i + 1 == ctx->depth && ctx->count > 0;
        xs->frames[xs->n_frames++] = (xframe){*ctx->items[i], inner ? ctx->index : -1,
                                              inner ? ctx->count : 0};
    }
}

char *pr_tpl_expand(const pr_tpl_text *t, const pr_tpl_ctx *ctx, pr_diags *d)
{
    xstate xs = {0};
    xs.ctx = ctx;
    xs.d = d;
    push_ctx_frames(&xs, ctx);
    pr_strbuf out = {0};
    pr_sb_puts(&out, "");
    expand_list(&xs, &t->root, &out);
    pr_arena_free(&xs.scratch);
    return pr_sb_steal(&out);
}

/* ---- list paths (component sources) ---------------------------------- */
size_t pr_tpl_path_items(const pr_tpl_path *p, const pr_tpl_ctx *ctx, const pr_mvalue ***out)
{
    xstate xs = {0};
    xs.ctx = ctx;
    push_ctx_frames(&xs, ctx);
    xval r = eval_path(&xs, p);
    size_t n = xval_count(&r);
    /* one block: the pointers, then the values they point to */
    void *block = pr_malloc(n * (sizeof(pr_mvalue *) + sizeof(pr_mvalue)) + sizeof(pr_mvalue *));
    const pr_mvalue **items = block;
    pr_mvalue *values = (pr_mvalue *)(items + n + 1);
    for (size_t i = 0; i < n; i++) {
        values[i] = xval_item(&r, i);
        items[i] = &values[i];
    }
    items[n] = NULL;
    pr_arena_free(&xs.scratch);
    *out = items;
    return n;
}

const char *pr_tpl_path_item_pattern(const pr_tpl_path *p) { return p->pattern; }

pr_mvalue pr_tpl_path_value(const pr_tpl_path *p, const pr_tpl_ctx *ctx)
{
    xstate xs = {0};
    xs.ctx = ctx;
    push_ctx_frames(&xs, ctx);
    xval r = eval_path(&xs, p);
    pr_mvalue v = xval_value(&r);
    pr_arena_free(&xs.scratch);
    return v;
}

/* Compile the single data path src[0..len) written in a YAML value at
 * `pos` (a "champ" or a "chemin", for the message about trailing text);
 * *cs is left ready for further errors. NULL after an error. */
static pr_tpl_path *compile_one_path(cstate *cs, pr_tpl_text *holder, const char *src, size_t len,
                                     pr_pos pos, const pr_tpl_scope *scope, pr_diags *d,
                                     const char *noun)
{
    memset(cs, 0, sizeof *cs);
    cs->dot_level = -1;
    cs->t = holder;
    char *copy = pr_arena_strndup(&holder->arena, src, len);
    cs->o = (origin){.src = copy, .len = len, .pos = pos, .mode = PR_TPL_ORIGIN_YAML};
    cs->d = d;
    if (scope)
        for (int i = 0; i < scope->depth && i < 8; i++)
            cs->scopes[cs->n_scopes++] = scope->patterns[i];
    size_t i = skip_ws(copy, 0, len);
    pr_tpl_path *p = parse_path(cs, copy, &i, len);
    if (!p)
        return NULL;
    i = skip_ws(copy, i, len);
    if (i < len) {
        cerr(cs, i, "texte inattendu après le %s « %s »", noun, p->src);
        return NULL;
    }
    return p;
}

pr_tpl_path *pr_tpl_compile_field(pr_tpl_text *holder, const char *src, size_t len, pr_pos pos,
                                  const pr_tpl_scope *scope, pr_diags *d)
{
    cstate cs;
    pr_tpl_path *p = compile_one_path(&cs, holder, src, len, pos, scope, d, "champ");
    if (!p)
        return NULL;
    if (p->root != R_DATA || p->type != T_DATE) {
        cerr(&cs, 0, "« %s » n'est pas une date", p->src);
        return NULL;
    }
    return p;
}

pr_tpl_text *pr_tpl_compile_cond(const char *src, size_t len, pr_pos pos,
                                 const pr_tpl_scope *scope, pr_diags *d)
{
    pr_tpl_text *t = pr_calloc(1, sizeof *t);
    t->pos = pos;
    char *copy = pr_arena_strndup(&t->arena, src, len);
    cstate cs = {0};
    cs.dot_level = -1;
    cs.t = t;
    cs.o = (origin){.src = copy, .len = len, .pos = pos, .mode = PR_TPL_ORIGIN_YAML};
    cs.d = d;
    if (scope)
        for (int i = 0; i < scope->depth && i < 8; i++)
            cs.scopes[cs.n_scopes++] = scope->patterns[i];
    open_if(&cs, copy, 0, len, 0, 0);
    if (cs.depth == 1) {
        node *yes = new_node(&cs, N_TEXT, 0);
        yes->text = "1";
        yes->len = 1;
        add_node(&cs, yes);
        cs.depth = 0;
    }
    if (cs.errors) {
        pr_tpl_text_free(t);
        return NULL;
    }
    return t;
}

int pr_tpl_cond_true(const pr_tpl_text *cond, const pr_tpl_ctx *ctx, pr_diags *d)
{
    char *s = pr_tpl_expand(cond, ctx, d);
    int r = !strcmp(s, "1");
    free(s);
    return r;
}

pr_tpl_path *pr_tpl_compile_path(pr_tpl_text *holder, const char *src, size_t len, pr_pos pos,
                                 const pr_tpl_scope *scope, pr_diags *d)
{
    cstate cs;
    pr_tpl_path *p = compile_one_path(&cs, holder, src, len, pos, scope, d, "chemin");
    if (!p)
        return NULL;
    if (p->root != R_DATA ||
        (p->type != T_LIST && p->type != T_STRLIST &&
         !(p->n_steps && p->steps[p->n_steps - 1].kind == S_FILTER))) {
        cerr(&cs, 0, "« %s » n'est pas une liste de données", p->src);
        return NULL;
    }
    p->pattern = pat_list(&cs, p->pattern);
    return p;
}

/* ======================================================================
 * Prose: paragraphs and bullets
 * ====================================================================== */
static void prose_push(pr_prose *p, pr_prose_kind k, int level, pr_strbuf *sb)
{
    if (!sb->len)
        return;
    /* trim trailing spaces */
    while (sb->len && (sb->data[sb->len - 1] == ' ' || sb->data[sb->len - 1] == '\t'))
        sb->data[--sb->len] = '\0';
    if (!sb->len)
        return;
    pr_prose_block b = {k, level, pr_sb_steal(sb)};
    PR_PUSH(p->items, p->n, p->cap, b);
}

void pr_prose_split(const char *text, pr_prose *out)
{
    pr_strbuf cur = {0};
    pr_prose_kind kind = PR_PROSE_PARAGRAPH;
    int level = 0;
    const char *s = text;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        size_t ind = 0;
        while (ind < n && (s[ind] == ' ' || s[ind] == '\t'))
            ind++;
        size_t end = n;
        while (end > ind && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
            end--;
        if (end == ind) {
            prose_push(out, kind, level, &cur);
            kind = PR_PROSE_PARAGRAPH;
        } else if (s[ind] == '-' && ind + 1 < end && s[ind + 1] == ' ') {
            prose_push(out, kind, level, &cur);
            kind = PR_PROSE_BULLET;
            level = ind >= 2 ? 2 : 1;
            size_t k = ind + 2;
            while (k < end && s[k] == ' ')
                k++;
            pr_sb_add(&cur, s + k, end - k);
        } else {
            if (cur.len)
                pr_sb_putc(&cur, ' ');
            pr_sb_add(&cur, s + ind, end - ind);
        }
        s += n;
        if (*s == '\n')
            s++;
    }
    prose_push(out, kind, level, &cur);
    pr_sb_free(&cur);
}

void pr_prose_free(pr_prose *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->items[i].text);
    free(p->items);
    memset(p, 0, sizeof *p);
}

/* ======================================================================
 * Dates
 * ====================================================================== */
/* The number written with the n digits at s, or -1. */
static int digits_at(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int pr_tpl_parse_date(const char *s, pr_date *out)
{
    if (!s)
        return -1;
    size_t n = strlen(s);
    memset(out, 0, sizeof *out);
    if (n != 4 && n != 7 && n != 10)
        return -1;
    int y = digits_at(s, 4);
    if (y < 0)
        return -1;
    if (n == 4) {
        *out = (pr_date){y, 0, 0, PR_DATE_YEAR};
        return 0;
    }
    int m = s[4] == '-' ? digits_at(s + 5, 2) : -1;
    if (m < 1 || m > 12)
        return -1;
    if (n == 7) {
        *out = (pr_date){y, m, 0, PR_DATE_MONTH};
        return 0;
    }
    int dd = s[7] == '-' ? digits_at(s + 8, 2) : -1;
    if (dd < 0 || !pr_date_valid(y, m, dd))
        return -1;
    *out = (pr_date){y, m, dd, PR_DATE_DAY};
    return 0;
}

char *pr_tpl_format_date(pr_date dt)
{
    if (dt.prec == PR_DATE_YEAR || (dt.month == 0 && dt.year))
        return pr_asprintf("%d", dt.year);
    int day = dt.prec == PR_DATE_MONTH ? 0 : dt.day;
    if (!dt.year && !day)
        return pr_strdup(month_name_or_empty(dt.month));
    return pr_format_date(dt.year, dt.month, day);
}
