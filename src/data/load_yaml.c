/* load_yaml.c — YAML text to the positioned document tree (value.h), with
 * libyaml's event parser. The only file that includes yaml.h.
 *
 * Positions are 1-based lines and columns counted in characters (libyaml's
 * marks are 0-based and already count characters). Syntax errors keep
 * libyaml's position with a French message. Anchors and aliases are
 * supported: an alias shares the anchored subtree (no copy) but its size and
 * height count against PR_MAX_NODES and PR_MAX_DEPTH, so an alias bomb
 * ("billion laughs") is refused after a few events. */
#include "data/load_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "data/load.h"   /* the limits */

/* A collection being built: items (and keys) are gathered in heap vectors
 * and copied into the arena when the collection ends. */
typedef struct frame {
    pr_value *v;
    pr_value **items;
    size_t n, cap;
    const char **keys;
    pr_pos *key_pos;
    size_t n_keys, cap_keys, cap_pos;
    int want_value;        /* map: a key was read, its value comes next */
    int child_height;      /* largest height among the items */
    size_t nodes_at_start; /* node counter when the collection started */
    char *anchor;          /* anchor of this collection, or NULL */
} frame;

/* An anchored node: aliases share `v` and count `nodes` and `height`. */
typedef struct anchor {
    char *name;
    pr_value *v;
    size_t nodes;
    int height;
} anchor;

typedef struct yloader {
    const char *file;
    const char *text;
    size_t len;
    pr_arena *arena;
    pr_diags *diags;
    frame stack[PR_MAX_DEPTH + 1];
    int depth;
    size_t nodes;
    anchor *anchors;
    size_t n_anchors, cap_anchors;
    pr_value *root;
    int failed;            /* a fatal error was reported: stop */
    int bad_keys;          /* duplicate keys or forbidden characters were reported:
                            * keep going; the tree is whole, the caller sees the errors */
    int quoted_open_line;  /* line where the last scalar, quoted over several lines, began */
    /* map keys, each text kept once in the arena (the same few dozen
     * names repeat in every record) */
    const char **keys;     /* open addressing, cap_keys a power of two */
    size_t n_keys, cap_keys;
} yloader;

/* The arena copy of key text[0..len), shared by equal keys. */
static const char *intern_key(yloader *L, const char *text, size_t len)
{
    if (2 * (L->n_keys + 1) > L->cap_keys) {
        size_t cap = L->cap_keys ? 2 * L->cap_keys : 64;
        const char **t = pr_calloc(cap, sizeof *t);
        for (size_t i = 0; i < L->cap_keys; i++)
            if (L->keys[i]) {
                size_t h = (size_t)pr_fnv1a(PR_FNV1A_INIT, L->keys[i], strlen(L->keys[i])) & (cap - 1);
                while (t[h])
                    h = (h + 1) & (cap - 1);
                t[h] = L->keys[i];
            }
        free(L->keys);
        L->keys = t;
        L->cap_keys = cap;
    }
    size_t h = (size_t)pr_fnv1a(PR_FNV1A_INIT, text, len) & (L->cap_keys - 1);
    while (L->keys[h]) {
        if (!strncmp(L->keys[h], text, len) && L->keys[h][len] == '\0')
            return L->keys[h];
        h = (h + 1) & (L->cap_keys - 1);
    }
    L->keys[h] = pr_arena_strndup(L->arena, text, len);
    L->n_keys++;
    return L->keys[h];
}

/* A libyaml mark as a position. */
static pr_pos mark_pos(const yloader *L, yaml_mark_t m)
{
    pr_pos p = {L->file, (int)m.line + 1, (int)m.column + 1};
    return p;
}

/* The position of a byte offset in the text (for libyaml reader errors). */
static pr_pos offset_pos(const yloader *L, size_t off)
{
    pr_pos p = {L->file, 1, 1};
    for (size_t i = 0; i < off && i < L->len; i++) {
        if (L->text[i] == '\n') {
            p.line++;
            p.col = 1;
        } else if (((unsigned char)L->text[i] & 0xC0) != 0x80) {
            p.col++;
        }
    }
    return p;
}

/* ---- syntax errors in French --------------------------------------------- */
typedef struct translation {
    const char *en, *fr;
} translation;

static const translation problems[] = {
    {"did not find expected key",
     "clé attendue : l'indentation de cette ligne ne correspond à aucun niveau du dictionnaire"},
    {"mapping values are not allowed in this context",
     "« : » inattendu : mettez entre guillemets un texte qui contient « : », ou corrigez "
     "l'indentation"},
    {"could not find expected ':'", "« : » attendu après la clé"},
    {"found a tab character that violates indentation",
     "tabulation dans l'indentation : indentez avec des espaces"},
    {"found a tab character that violate indentation",
     "tabulation dans l'indentation : indentez avec des espaces"},
    {"found a tab character where an indentation space is expected",
     "tabulation dans l'indentation : indentez avec des espaces"},
    {"block sequence entries are not allowed in this context",
     "élément de liste « - » inattendu ici : vérifiez l'indentation"},
    {"did not find expected '-' indicator",
     "élément de liste « - » attendu : vérifiez l'indentation"},
    {"did not find expected node content", "valeur attendue"},
    {"did not find expected ',' or ']'", "« , » ou « ] » attendu"},
    {"did not find expected ',' or '}'", "« , » ou « } » attendu"},
    {"found unexpected end of stream", "fin de fichier inattendue : guillemet fermant manquant ?"},
    {"found unknown escape character",
     "séquence d'échappement inconnue après « \\ » dans un texte entre guillemets doubles"},
    {"did not find expected <document start>", "début de document attendu"},
    {"did not find expected alphabetic or numeric character",
     "nom attendu après « & » ou « * » (ancre ou alias)"},
    {"did not find expected comment or line break", "fin de ligne ou commentaire attendu"},
    {"did not find expected whitespace or line break", "espace ou fin de ligne attendu"},
    {"found unexpected document indicator", "marque de document « --- » ou « ... » inattendue"},
    {"control characters are not allowed", "caractère de contrôle interdit"},
    {"found undefined tag handle", "étiquette (tag) inconnue"},
    {"mapping keys are not allowed in this context", "clé complexe « ? » inattendue ici"},
    {"found incompatible YAML document", "version de YAML non prise en charge"},
    {"did not find expected hexdecimal number",
     "chiffre hexadécimal attendu dans la séquence d'échappement"},
    {"found invalid Unicode character escape code",
     "code Unicode invalide dans la séquence d'échappement"},
    {"found an indentation indicator equal to 0", "indicateur d'indentation nul"},
    {"found a comment without whitespace", "espace attendu avant « # »"},
    {"found extra tokens at the end of the document", "contenu en trop à la fin du document"},
    {NULL, NULL}};

static const translation contexts[] = {
    {"while scanning a simple key", "dans la clé commencée"},
    {"while parsing a block mapping", "dans le dictionnaire commencé"},
    {"while parsing a flow mapping", "dans le dictionnaire { } commencé"},
    {"while parsing a block collection", "dans la liste commencée"},
    {"while parsing a flow sequence", "dans la liste [ ] commencée"},
    {"while parsing a block node", "dans la valeur commencée"},
    {"while parsing a flow node", "dans la valeur commencée"},
    {"while scanning a quoted scalar", "dans le texte entre guillemets commencé"},
    {"while scanning a plain scalar", "dans le texte commencé"},
    {"while scanning a block scalar", "dans le bloc de texte commencé"},
    {"while scanning an anchor", "dans l'ancre commencée"},
    {"while scanning an alias", "dans l'alias commencé"},
    {"while scanning a tag", "dans l'étiquette commencée"},
    {"while parsing a node", "dans la valeur commencée"},
    {"while parsing a quoted scalar", "dans le texte entre guillemets commencé"},
    {"while scanning for the next token", ""},
    {NULL, NULL}};

static const char *translate(const translation *t, const char *en)
{
    if (!en)
        return NULL;
    for (size_t i = 0; t[i].en; i++)
        if (!strcmp(t[i].en, en))
            return t[i].fr;
    return NULL;
}

/* Report libyaml's error at its problem position, in French. */
static void syntax_error(yloader *L, const yaml_parser_t *p)
{
    pr_pos pos;
    if (p->error == YAML_READER_ERROR)
        pos = offset_pos(L, p->problem_offset);
    else
        pos = mark_pos(L, p->problem_mark);
    if (p->error == YAML_MEMORY_ERROR)
        pr_oom();
    const char *problem = p->problem ? p->problem : "erreur inconnue";
    const char *fr = translate(problems, problem);
    pr_strbuf sb = {0};
    if (!strcmp(problem, "found character that cannot start any token")) {
        /* name the character */
        size_t len;
        const char *line = pr_source_line(L->file, pos.line, &len);
        size_t i = 0;
        for (int c = 1; line && c < pos.col && i < len; c++) {
            unsigned cp;
            int l = pr_utf8_decode(line + i, len - i, &cp);
            i += l ? (size_t)l : 1;
        }
        if (line && i < len && line[i] == '\t') {
            pr_sb_puts(&sb, "syntaxe YAML : tabulation interdite ici : indentez avec des espaces");
        } else if (line && i < len) {
            unsigned cp;
            int l = pr_utf8_decode(line + i, len - i, &cp);
            pr_sb_puts(&sb, "syntaxe YAML : une valeur ne peut pas commencer par « ");
            pr_sb_add(&sb, line + i, l ? (size_t)l : 1);
            pr_sb_puts(&sb, " » : mettez-la entre guillemets");
        } else {
            pr_sb_puts(&sb, "syntaxe YAML : caractère inattendu");
        }
    } else if (fr) {
        pr_sb_printf(&sb, "syntaxe YAML : %s", fr);
    } else {
        pr_sb_printf(&sb, "syntaxe YAML : « %s »", problem);
    }
    if (p->context && p->error != YAML_READER_ERROR) {
        const char *ctx = translate(contexts, p->context);
        pr_pos cpos = mark_pos(L, p->context_mark);
        if (ctx && !*ctx)
            ; /* a context that says nothing more */
        else if (ctx && cpos.line != pos.line)
            pr_sb_printf(&sb, " (%s ligne %d)", ctx, cpos.line);
        else if (ctx)
            pr_sb_printf(&sb, " (%s colonne %d)", ctx, cpos.col);
        else
            pr_sb_printf(&sb, " (« %s », ligne %d)", p->context, cpos.line);
    }
    if (L->quoted_open_line && p->error != YAML_READER_ERROR)
        pr_sb_printf(&sb, " ; le texte entre guillemets ouvert ligne %d se referme-t-il bien ?",
                     L->quoted_open_line);
    pr_error(L->diags, pos, NULL, "%s", sb.data);
    pr_sb_free(&sb);
    L->failed = 1;
}

/* ---- building the tree ------------------------------------------------------ */

/* Count n more nodes; an error (at pos) once the total passes the limit. */
static int count_nodes(yloader *L, size_t n, pr_pos pos, const char *alias)
{
    if (n > PR_MAX_NODES || L->nodes + n > PR_MAX_NODES) {
        char buf[32];
        if (alias)
            pr_error(L->diags, pos, NULL,
                     "trop de valeurs : l'alias « *%s » porte le document au-delà de la limite "
                     "de %s valeurs (alias imbriqués ?)", alias, pr_fmt_thousands(buf, PR_MAX_NODES));
        else
            pr_error(L->diags, pos, NULL, "trop de valeurs : la limite est de %s valeurs",
                     pr_fmt_thousands(buf, PR_MAX_NODES));
        L->failed = 1;
        return 0;
    }
    L->nodes += n;
    return 1;
}

/* Attach a finished node (of `height` collection levels) to the collection
 * being built, or make it the root. */
static void attach(yloader *L, pr_value *v, int height)
{
    if (L->depth == 0) {
        L->root = v;
        return;
    }
    frame *f = &L->stack[L->depth - 1];
    if (height > f->child_height)
        f->child_height = height;
    if (f->v->kind == PR_V_MAP && !f->want_value) {
        if (v->kind != PR_V_SCALAR) {
            pr_error(L->diags, v->pos, NULL,
                     "clé non textuelle : une clé de dictionnaire doit être un texte simple");
            L->failed = 1;
            return;
        }
        if (v->style == PR_SCALAR_PLAIN && !strcmp(v->text, "<<")) {
            /* YAML 1.1 merge keys are not part of YAML 1.2 nor of libyaml:
             * refuse them rather than ignore what they would bring */
            pr_error(L->diags, v->pos, NULL,
                     "clé de fusion « << » non prise en charge : recopier les champs voulus "
                     "(un alias « *nom » peut remplacer une valeur entière)");
            L->failed = 1;
            return;
        }
        pr_grow((void **)&f->keys, &f->cap_keys, f->n_keys + 1, sizeof *f->keys);
        pr_grow((void **)&f->key_pos, &f->cap_pos, f->n_keys + 1, sizeof *f->key_pos);
        f->keys[f->n_keys] = v->text;
        f->key_pos[f->n_keys++] = v->pos;
        f->want_value = 1;
        return;
    }
    if (f->n >= PR_MAX_ITEMS) {
        char buf[32];
        pr_error(L->diags, f->v->pos, NULL, "%s : la limite est de %s éléments",
                 f->v->kind == PR_V_MAP ? "dictionnaire trop long" : "liste trop longue",
                 pr_fmt_thousands(buf, PR_MAX_ITEMS));
        L->failed = 1;
        return;
    }
    PR_PUSH(f->items, f->n, f->cap, v);
    f->want_value = 0;
}

/* Remember an anchored node for later aliases. */
static void add_anchor(yloader *L, const char *name, pr_value *v, size_t nodes, int height)
{
    anchor a = {pr_strdup(name), v, nodes, height};
    PR_PUSH(L->anchors, L->n_anchors, L->cap_anchors, a);
}

/* Is a collection allowed to start here (not as a key, not too deep)? */
static int can_open(yloader *L, pr_pos pos, const char *what)
{
    if (L->depth > 0) {
        frame *f = &L->stack[L->depth - 1];
        if (f->v->kind == PR_V_MAP && !f->want_value) {
            pr_error(L->diags, pos, NULL,
                     "clé non textuelle : une %s ne peut pas servir de clé de dictionnaire", what);
            L->failed = 1;
            return 0;
        }
    }
    if (L->depth >= PR_MAX_DEPTH) {
        pr_error(L->diags, pos, NULL, "imbrication trop profonde : la limite est de %d niveaux",
                 PR_MAX_DEPTH);
        L->failed = 1;
        return 0;
    }
    return 1;
}

static void open_collection(yloader *L, pr_vkind kind, yaml_mark_t mark, const char *anchor_name)
{
    pr_pos pos = mark_pos(L, mark);
    if (!can_open(L, pos, kind == PR_V_MAP ? "valeur de type dictionnaire" : "liste"))
        return;
    if (!count_nodes(L, 1, pos, NULL))
        return;
    frame *f = &L->stack[L->depth++];
    memset(f, 0, sizeof *f);
    f->v = pr_arena_alloc(L->arena, sizeof *f->v);
    f->v->kind = kind;
    f->v->pos = pos;
    f->nodes_at_start = L->nodes - 1;
    f->anchor = anchor_name ? pr_strdup(anchor_name) : NULL;
}

static void free_frame(frame *f)
{
    free(f->items);
    free(f->keys);
    free(f->key_pos);
    free(f->anchor);
}

static void close_collection(yloader *L)
{
    frame *f = &L->stack[L->depth - 1];
    pr_value *v = f->v;
    v->n = f->n;
    v->items = pr_arena_alloc(L->arena, (f->n ? f->n : 1) * sizeof *v->items);
    if (f->n)
        memcpy(v->items, f->items, f->n * sizeof *v->items);
    if (v->kind == PR_V_MAP) {
        v->keys = pr_arena_alloc(L->arena, (f->n ? f->n : 1) * sizeof *v->keys);
        v->key_pos = pr_arena_alloc(L->arena, (f->n ? f->n : 1) * sizeof *v->key_pos);
        if (f->n) {
            memcpy(v->keys, f->keys, f->n * sizeof *v->keys);
            memcpy(v->key_pos, f->key_pos, f->n * sizeof *v->key_pos);
        }
        if (pr_value_check_duplicates(v, L->diags))
            L->bad_keys = 1;
    }
    int height = f->child_height + 1;
    if (f->anchor)
        add_anchor(L, f->anchor, v, L->nodes - f->nodes_at_start, height);
    free_frame(f);
    L->depth--;
    attach(L, v, height);
}

/* Is this plain scalar YAML's null? */
static int is_null_word(const char *s, size_t n)
{
    return (n == 1 && s[0] == '~') ||
           (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

static void add_scalar(yloader *L, const yaml_event_t *e)
{
    pr_pos pos = mark_pos(L, e->start_mark);
    const char *text = (const char *)e->data.scalar.value;
    size_t len = e->data.scalar.length;
    if (len > PR_MAX_SCALAR_BYTES) {
        pr_error(L->diags, pos, NULL, "texte trop long : la limite est de %u Kio par valeur",
                 PR_MAX_SCALAR_BYTES / 1024u);
        L->failed = 1;
        return;
    }
    unsigned bad_cp;
    if (pr_text_forbidden_at(text, len, &bad_cp) != (size_t)-1) {
        /* written as an escape ("\x01", "\uFFFF"): libyaml refuses the raw
         * character itself; the annex (XML) could not hold it. Reported,
         * and the loading goes on, so that the file's other errors show */
        char desc[48];
        pr_error(L->diags, pos, NULL, "%s interdit dans un texte (seuls la tabulation et le "
                 "retour à la ligne sont admis)", pr_char_describe(bad_cp, desc));
        L->bad_keys = 1;
    }
    if (!count_nodes(L, 1, pos, NULL))
        return;
    const char *tag = (const char *)e->data.scalar.tag;
    int is_key = L->depth > 0 && L->stack[L->depth - 1].v->kind == PR_V_MAP &&
                 !L->stack[L->depth - 1].want_value;
    /* a key is kept as its text and position only (attach): its node can
     * stay on the stack, unless an alias may refer to it */
    pr_value key_node;
    pr_value *v = is_key && !e->data.scalar.anchor ? &key_node : pr_arena_alloc(L->arena, sizeof *v);
    memset(v, 0, sizeof *v);
    v->kind = PR_V_SCALAR;
    v->pos = pos;
    if (tag && !strcmp(tag, YAML_STR_TAG)) {
        v->style = PR_SCALAR_STRING;
        v->str_tag = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    }
    else if (tag && !strcmp(tag, YAML_NULL_TAG))
        v->style = PR_SCALAR_NULL;
    else if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        v->style = PR_SCALAR_STRING;
    else if (!is_key && is_null_word(text, len))
        v->style = PR_SCALAR_NULL;
    else
        v->style = PR_SCALAR_PLAIN;
    if (v->style == PR_SCALAR_NULL && !is_key) {
        v->text = "";
        v->text_len = 0;
    } else {
        v->text = is_key ? intern_key(L, text, len) : pr_arena_strndup(L->arena, text, len);
        v->text_len = len;
    }
    if (e->data.scalar.anchor)
        add_anchor(L, (const char *)e->data.scalar.anchor, v, 1, 0);
    attach(L, v, 0);
}

static void add_alias(yloader *L, const yaml_event_t *e)
{
    pr_pos pos = mark_pos(L, e->start_mark);
    const char *name = (const char *)e->data.alias.anchor;
    const anchor *a = NULL;
    for (size_t i = L->n_anchors; i-- > 0;)
        if (!strcmp(L->anchors[i].name, name)) {
            a = &L->anchors[i];
            break;
        }
    if (!a) {
        pr_error(L->diags, pos, NULL,
                 "alias « *%s » inconnu : aucune ancre « &%s » complète ne le précède", name, name);
        L->failed = 1;
        return;
    }
    if (L->depth + a->height > PR_MAX_DEPTH) {
        pr_error(L->diags, pos, NULL,
                 "imbrication trop profonde : l'alias « *%s » dépasse la limite de %d niveaux",
                 name, PR_MAX_DEPTH);
        L->failed = 1;
        return;
    }
    if (!count_nodes(L, a->nodes, pos, name))
        return;
    /* an alias used as a key: attach checks it is a scalar */
    attach(L, a->v, a->height);
}

pr_value *pr_load_yaml(const char *name, const char *text, size_t len, pr_arena *arena,
                       pr_diags *diags)
{
    yloader L;
    memset(&L, 0, sizeof L);
    L.file = name;
    L.text = text;
    L.len = len;
    L.arena = arena;
    L.diags = diags;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        pr_oom();
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    int documents = 0, done = 0;
    while (!done && !L.failed) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) {
            syntax_error(&L, &parser);
            break;
        }
        /* a quoted scalar over several lines, just before a syntax error,
         * often means a missing closing quote */
        L.quoted_open_line = 0;
        if (e.type == YAML_SCALAR_EVENT &&
            (e.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
             e.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE) &&
            e.end_mark.line > e.start_mark.line)
            L.quoted_open_line = (int)e.start_mark.line + 1;
        switch (e.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) {
                pr_error(diags, mark_pos(&L, e.start_mark), NULL,
                         "plusieurs documents YAML : le fichier ne doit en contenir qu'un "
                         "(second document ici)");
                L.failed = 1;
            }
            break;
        case YAML_SCALAR_EVENT:
            add_scalar(&L, &e);
            break;
        case YAML_ALIAS_EVENT:
            add_alias(&L, &e);
            break;
        case YAML_SEQUENCE_START_EVENT:
            open_collection(&L, PR_V_SEQ, e.start_mark, (const char *)e.data.sequence_start.anchor);
            break;
        case YAML_MAPPING_START_EVENT:
            open_collection(&L, PR_V_MAP, e.start_mark, (const char *)e.data.mapping_start.anchor);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            close_collection(&L);
            break;
        default:
            break;
        }
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&parser);
    while (L.depth > 0)
        free_frame(&L.stack[--L.depth]);
    for (size_t i = 0; i < L.n_anchors; i++)
        free(L.anchors[i].name);
    free(L.anchors);
    free(L.keys);
    if (L.failed)
        return NULL;
    if (!L.root) {
        pr_pos whole = {name, 0, 0};
        pr_error(diags, whole, NULL, "fichier vide : aucune donnée YAML");
        return NULL;
    }
    return L.root;
}
