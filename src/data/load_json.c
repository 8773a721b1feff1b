/* load_json.c — JSON text to the positioned document tree (value.h). The
 * only file that includes jansson.h.
 *
 * jansson checks the syntax (its errors are translated to French, at its
 * line and column). jansson does not say where a value is, and keeps only
 * the last of two equal keys, so a small scanner of our own then walks the
 * same, already valid, text in document order and builds the tree itself:
 * every value and key gets its 1-based line and column (in characters),
 * strings are decoded, numbers kept as written, and duplicate keys reported
 * with both lines, whatever the types of their values (the first one is
 * kept, and loading goes on so that the file's other errors show too).
 */
#include "data/load_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "data/load.h"   /* the limits */

typedef struct jscan {
    const char *file;
    const char *s;
    size_t len, i;
    int line, col;
    pr_arena *arena;
    pr_diags *diags;
    size_t nodes;
    int failed;      /* a fatal error was reported: stop */
    int bad_keys;    /* duplicate keys or forbidden characters were reported:
                      * the tree is whole, the caller sees the errors */
} jscan;

static pr_pos here(const jscan *S)
{
    pr_pos p = {S->file, S->line, S->col};
    return p;
}

/* Move one byte forward, keeping line and column (columns count characters). */
static void advance(jscan *S)
{
    if (S->i >= S->len)
        return;
    unsigned char c = (unsigned char)S->s[S->i++];
    if (c == '\n') {
        S->line++;
        S->col = 1;
    } else if (S->i < S->len && ((unsigned char)S->s[S->i] & 0xC0) != 0x80) {
        S->col++; /* the next character starts here */
    }
}

static void skip_ws(jscan *S)
{
    while (S->i < S->len &&
           (S->s[S->i] == ' ' || S->s[S->i] == '\t' || S->s[S->i] == '\n' || S->s[S->i] == '\r'))
        advance(S);
}

/* An inconsistency between the scanner and jansson: cannot happen on text
 * jansson accepted, reported rather than trusted. */
static pr_value *internal_error(jscan *S)
{
    if (!S->failed)
        pr_diag_add(S->diags, PR_SEV_ERROR, PR_DIAG_INTERNAL, here(S), NULL,
                    "lecteur JSON : incohérence à cette position (un bogue, à signaler)");
    S->failed = 1;
    return NULL;
}

/* Four hexadecimal digits at s. */
static unsigned hex4(const char *s)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v = v * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0'
                                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                        : c - 'A' + 10);
    }
    return v;
}

/* Scan a string at S->i (on the opening quote); if `out` is given, decode
 * it there. Returns 0 on malformed text. */
static int scan_string(jscan *S, pr_strbuf *out)
{
    if (S->i >= S->len || S->s[S->i] != '"')
        return 0;
    advance(S);
    while (S->i < S->len && S->s[S->i] != '"') {
        char c = S->s[S->i];
        if (c != '\\') {
            if (out)
                pr_sb_putc(out, c);
            advance(S);
            continue;
        }
        if (S->i + 1 >= S->len)
            return 0;
        char e = S->s[S->i + 1];
        advance(S);
        advance(S);
        if (!out) {
            if (e == 'u')
                for (int k = 0; k < 4; k++)
                    advance(S);
            continue;
        }
        switch (e) {
        case 'b': pr_sb_putc(out, '\b'); break;
        case 'f': pr_sb_putc(out, '\f'); break;
        case 'n': pr_sb_putc(out, '\n'); break;
        case 'r': pr_sb_putc(out, '\r'); break;
        case 't': pr_sb_putc(out, '\t'); break;
        case 'u': {
            if (S->i + 4 > S->len)
                return 0;
            unsigned cp = hex4(S->s + S->i);
            for (int k = 0; k < 4; k++)
                advance(S);
            if (cp >= 0xD800 && cp <= 0xDBFF && S->i + 6 <= S->len && S->s[S->i] == '\\' &&
                S->s[S->i + 1] == 'u') {
                unsigned lo = hex4(S->s + S->i + 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    for (int k = 0; k < 6; k++)
                        advance(S);
                }
            }
            char buf[4];
            pr_sb_add(out, buf, (size_t)pr_utf8_encode(cp, buf));
            break;
        }
        default: pr_sb_putc(out, e); break;
        }
    }
    if (S->i >= S->len)
        return 0;
    advance(S); /* closing quote */
    return 1;
}

/* A decoded string (value or key) may hold no character the annex's XML
 * cannot carry ("\u0001", "\uFFFF"): reported at the string, and the
 * loading goes on. */
static void check_text(jscan *S, pr_pos pos, const char *text, size_t len)
{
    unsigned cp;
    if (pr_text_forbidden_at(text, len, &cp) == (size_t)-1)
        return;
    char desc[48];
    pr_error(S->diags, pos, NULL, "%s interdit dans un texte (seuls la tabulation et le "
             "retour à la ligne sont admis)", pr_char_describe(cp, desc));
    S->bad_keys = 1;
}

/* Count one more node; an error once the total passes the limit. */
static int count_node(jscan *S, pr_pos pos)
{
    if (++S->nodes > PR_MAX_NODES) {
        char buf[32];
        pr_error(S->diags, pos, NULL, "trop de valeurs : la limite est de %s valeurs",
                 pr_fmt_thousands(buf, PR_MAX_NODES));
        S->failed = 1;
        return 0;
    }
    return 1;
}

static pr_value *scan_value(jscan *S, int depth);

/* A list or map: `open` is '[' or '{'. */
static pr_value *scan_collection(jscan *S, int depth)
{
    int is_map = S->s[S->i] == '{';
    pr_value *v = pr_arena_alloc(S->arena, sizeof *v);
    v->kind = is_map ? PR_V_MAP : PR_V_SEQ;
    v->pos = here(S);
    if (depth > PR_MAX_DEPTH) {
        pr_error(S->diags, v->pos, NULL, "imbrication trop profonde : la limite est de %d niveaux",
                 PR_MAX_DEPTH);
        S->failed = 1;
        return NULL;
    }
    if (!count_node(S, v->pos))
        return NULL;
    advance(S);
    pr_value **items = NULL;
    const char **keys = NULL;
    pr_pos *key_pos = NULL;
    size_t cap = 0, cap_k = 0, cap_p = 0;
    pr_strbuf key = {0};
    skip_ws(S);
    while (!S->failed && S->i < S->len && S->s[S->i] != (is_map ? '}' : ']')) {
        if (v->n >= PR_MAX_ITEMS) {
            char buf[32];
            pr_error(S->diags, v->pos, NULL, "%s : la limite est de %s éléments",
                     is_map ? "dictionnaire trop long" : "liste trop longue",
                     pr_fmt_thousands(buf, PR_MAX_ITEMS));
            S->failed = 1;
            break;
        }
        if (is_map) {
            pr_pos kpos = here(S);
            key.len = 0;
            pr_sb_add(&key, "", 0);
            if (!scan_string(S, &key)) {
                internal_error(S);
                break;
            }
            if (!count_node(S, kpos))
                break;
            pr_grow((void **)&keys, &cap_k, v->n + 1, sizeof *keys);
            pr_grow((void **)&key_pos, &cap_p, v->n + 1, sizeof *key_pos);
            check_text(S, kpos, key.data, key.len);
            keys[v->n] = pr_arena_strndup(S->arena, key.data, key.len);
            key_pos[v->n] = kpos;
            skip_ws(S);
            if (S->i >= S->len || S->s[S->i] != ':') {
                internal_error(S);
                break;
            }
            advance(S);
            skip_ws(S);
        }
        pr_value *item = scan_value(S, depth + 1);
        if (!item)
            break;
        PR_PUSH(items, v->n, cap, item);
        skip_ws(S);
        if (S->i < S->len && S->s[S->i] == ',') {
            advance(S);
            skip_ws(S);
        }
    }
    pr_sb_free(&key);
    if (!S->failed && S->i >= S->len)
        internal_error(S);
    if (!S->failed)
        advance(S); /* closing bracket */
    v->items = pr_arena_alloc(S->arena, (v->n ? v->n : 1) * sizeof *v->items);
    if (v->n)
        memcpy(v->items, items, v->n * sizeof *items);
    if (is_map) {
        v->keys = pr_arena_alloc(S->arena, (v->n ? v->n : 1) * sizeof *v->keys);
        v->key_pos = pr_arena_alloc(S->arena, (v->n ? v->n : 1) * sizeof *v->key_pos);
        if (v->n) {
            memcpy(v->keys, keys, v->n * sizeof *keys);
            memcpy(v->key_pos, key_pos, v->n * sizeof *key_pos);
        }
    }
    free(items);
    free(keys);
    free(key_pos);
    if (S->failed)
        return NULL;
    if (is_map && pr_value_check_duplicates(v, S->diags))
        S->bad_keys = 1;
    return v;
}

static pr_value *scan_value(jscan *S, int depth)
{
    if (S->i >= S->len)
        return internal_error(S);
    char c = S->s[S->i];
    if (c == '{' || c == '[')
        return scan_collection(S, depth);
    pr_value *v = pr_arena_alloc(S->arena, sizeof *v);
    v->kind = PR_V_SCALAR;
    v->pos = here(S);
    if (!count_node(S, v->pos))
        return NULL;
    if (c == '"') {
        pr_strbuf text = {0};
        pr_sb_add(&text, "", 0);
        if (!scan_string(S, &text)) {
            pr_sb_free(&text);
            return internal_error(S);
        }
        if (text.len > PR_MAX_SCALAR_BYTES) {
            pr_error(S->diags, v->pos, NULL, "texte trop long : la limite est de %u Kio par valeur",
                     PR_MAX_SCALAR_BYTES / 1024u);
            pr_sb_free(&text);
            S->failed = 1;
            return NULL;
        }
        check_text(S, v->pos, text.data, text.len);
        v->style = PR_SCALAR_STRING;
        v->text = pr_arena_strndup(S->arena, text.data, text.len);
        v->text_len = text.len;
        pr_sb_free(&text);
        return v;
    }
    size_t start = S->i;
    while (S->i < S->len && strchr("+-.0123456789eEtrufalsn", S->s[S->i]) && S->s[S->i])
        advance(S);
    size_t n = S->i - start;
    const char *t = S->s + start;
    if (n == 4 && !memcmp(t, "true", 4)) {
        v->style = PR_SCALAR_BOOL;
        v->text = "true";
        v->text_len = 4;
    } else if (n == 5 && !memcmp(t, "false", 5)) {
        v->style = PR_SCALAR_BOOL;
        v->text = "false";
        v->text_len = 5;
    } else if (n == 4 && !memcmp(t, "null", 4)) {
        v->style = PR_SCALAR_NULL;
        v->text = "";
    } else if (n > 0 && (t[0] == '-' || (t[0] >= '0' && t[0] <= '9'))) {
        v->style = PR_SCALAR_NUMBER;
        v->text = pr_arena_strndup(S->arena, t, n);
        v->text_len = n;
    } else {
        return internal_error(S);
    }
    return v;
}

/* ---- syntax errors ------------------------------------------------------- */
typedef struct jtranslation {
    const char *en;   /* prefix of jansson's text, before " near " */
    const char *fr;
} jtranslation;

static const jtranslation jerrors[] = {
    {"unexpected token", "élément inattendu"},
    {"end of file expected", "contenu en trop après la fin des données"},
    {"string or '}' expected", "clé entre guillemets doubles ou « } » attendue"},
    {"':' expected", "« : » attendu après la clé"},
    {"'}' expected", "« , » ou « } » attendu"},
    {"']' expected", "« , » ou « ] » attendu"},
    {"invalid token",
     "élément invalide (un texte s'écrit entre guillemets doubles ; true, false et null "
     "en minuscules ; un nombre sans zéro initial)"},
    {"premature end of input", "fin de fichier inattendue : texte sans guillemet fermant"},
    {"\\u0000 is not allowed", "caractère nul (\\u0000) interdit dans un texte"},
    {"NUL byte in object key", "caractère nul (\\u0000) interdit dans une clé"},
    {"real number overflow", "nombre trop grand"},
    {"too big integer", "nombre entier trop grand"},
    {"invalid escape", "séquence d'échappement invalide après « \\ »"},
    {"invalid Unicode", "séquence \\u invalide"},
    {"control character", "caractère de contrôle interdit dans un texte (écrire \\n, \\t…)"},
    {"unable to decode byte", "octet UTF-8 invalide"},
    {"maximum parsing depth reached", NULL},
    {NULL, NULL}};

/* Number of characters in s[0..n). */
static int count_chars(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

/* Position of the first collection nested deeper than PR_MAX_DEPTH (the
 * text may be invalid after it); line 0 if none. */
static pr_pos too_deep_at(const char *file, const char *s, size_t len)
{
    pr_pos p = {file, 1, 1};
    int depth = 0, in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\')
                i++, p.col++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > PR_MAX_DEPTH)
                return p;
        } else if (c == ']' || c == '}') {
            depth--;
        }
        if (c == '\n') {
            p.line++;
            p.col = 1;
        } else if (i + 1 < len && (((unsigned char)s[i + 1]) & 0xC0) != 0x80) {
            p.col++;
        }
    }
    p.line = 0;
    return p;
}

/* Report jansson's error in French, at the start of the token it names. */
static void syntax_error(const char *file, const char *text, size_t len, const json_error_t *err,
                         pr_diags *diags)
{
    const char *en = err->text;
    const char *near = strstr(en, " near ");
    size_t main_len = near ? (size_t)(near - en) : strlen(en);
    const char *fr = NULL;
    int known = 0;
    for (size_t k = 0; jerrors[k].en; k++)
        if (!strncmp(en, jerrors[k].en, strlen(jerrors[k].en))) {
            fr = jerrors[k].fr;
            known = 1;
            break;
        }
    pr_pos pos = {file, err->line > 0 ? err->line : 1, err->column > 0 ? err->column : 1};
    if (known && !fr) { /* depth */
        pr_pos deep = too_deep_at(file, text, len);
        pr_error(diags, deep.line ? deep : pos, NULL,
                 "imbrication trop profonde : la limite est de %d niveaux", PR_MAX_DEPTH);
        return;
    }
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "syntaxe JSON : ");
    if (!known) {
        pr_sb_puts(&sb, "« ");
        pr_sb_add(&sb, en, main_len);
        pr_sb_puts(&sb, " »");
    } else {
        pr_sb_puts(&sb, fr);
    }
    if (near && !strcmp(near, " near end of file")) {
        if (known && !strncmp(en, "unexpected token", 16))
            sb.len = 0, pr_sb_puts(&sb, "syntaxe JSON : fin de fichier inattendue");
        else
            pr_sb_puts(&sb, " (fin de fichier atteinte)");
        pos.col = err->column + 1;
    } else if (near && near[6] == '\'') {
        const char *tok = near + 7;
        size_t tok_len = strlen(tok);
        if (tok_len && tok[tok_len - 1] == '\'')
            tok_len--;
        if (!strncmp(en, "control character", 17)) {
            pos.col = err->column + 1;
        } else if (!memchr(tok, '\n', tok_len)) {
            int start = err->column - count_chars(tok, tok_len) + 1;
            if (start >= 1)
                pos.col = start;
        }
        if (!strncmp(en, "unexpected token", 16) || !strncmp(en, "invalid token", 13) ||
            !strncmp(en, "end of file expected", 20) || strstr(en, "expected")) {
            pr_sb_puts(&sb, " : « ");
            pr_sb_add(&sb, tok, tok_len);
            pr_sb_puts(&sb, " »");
        }
    } else if (!strncmp(en, "too big integer", 15) && err->position > 0) {
        /* point at the start of the number */
        size_t e = (size_t)err->position, b = e;
        while (b > 0 && strchr("+-.0123456789eE", text[b - 1]) && text[b - 1])
            b--;
        pos.col = err->column - count_chars(text + b, e - b) + 1;
        if (pos.col < 1)
            pos.col = 1;
    }
    pr_error(diags, pos, NULL, "%s", sb.data);
    pr_sb_free(&sb);
}

pr_value *pr_load_json(const char *name, const char *text, size_t len, pr_arena *arena,
                       pr_diags *diags)
{
    size_t k = 0;
    while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r'))
        k++;
    if (k == len) {
        pr_pos whole = {name, 0, 0};
        pr_error(diags, whole, NULL, "fichier vide : aucune donnée JSON");
        return NULL;
    }
    json_error_t err;
    json_t *doc = json_loadb(text, len, JSON_DECODE_ANY, &err);
    if (!doc) {
        syntax_error(name, text, len, &err, diags);
        return NULL;
    }
    jscan S;
    memset(&S, 0, sizeof S);
    S.file = name;
    S.s = text;
    S.len = len;
    S.line = 1;
    S.col = 1;
    S.arena = arena;
    S.diags = diags;
    skip_ws(&S);
    json_decref(doc);   /* only its verdict on the syntax was needed */
    pr_value *root = scan_value(&S, 1);
    if (S.failed)
        return NULL;
    return root;
}
