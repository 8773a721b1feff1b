/* test_load.c — the YAML and JSON loaders: tree shape, positions, scalar
 * styles, aliases, limits and the exact French error messages. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "data/load.h"

static pr_arena arena;
static pr_diags diags;

/* Load text in the given format; diagnostics land in `diags`. */
static const pr_value *load(pr_format f, const char *text)
{
    pr_arena_free(&arena);
    pr_diags_free(&diags);
    pr_diags_init(&diags);
    return pr_load_buffer(f == PR_FORMAT_JSON ? "t.json" : "t.yaml", text, strlen(text), f,
                          &arena, &diags);
}
#define YAML(t) load(PR_FORMAT_YAML, t)
#define JSON(t) load(PR_FORMAT_JSON, t)

/* "line:col: message" of diagnostic i, for exact comparisons. */
static const char *diag_text(size_t i)
{
    static char buf[1024];
    if (i >= diags.n)
        return "(aucun diagnostic)";
    snprintf(buf, sizeof buf, "%d:%d: %s", diags.items[i].pos.line, diags.items[i].pos.col,
             diags.items[i].msg);
    return buf;
}

static const pr_value *at(const pr_value *v, const char *key) { return pr_value_get(v, key); }

TEST(yaml_positions_and_styles)
{
    const pr_value *r = YAML("# commentaire\n"
                             "rapport:\n"
                             "  annee: 2023\n"
                             "  titre: \"Rapport d'activités\"\n"
                             "  vide:\n"
                             "  nul: ~\n"
                             "  aussi: null\n"
                             "  cite: 'null'\n"
                             "evenements:\n"
                             "  - id: é1\n"
                             "    date: 2023-12-07\n"
                             "  - {id: e2, elus: [a, \"b\"]}\n"
                             "texte: |\n"
                             "  ligne 1\n"
                             "  ligne 2\n");
    CHECK(r != NULL);
    CHECK_INT(diags.n, 0);
    if (!r)
        return;
    CHECK_INT(r->kind, PR_V_MAP);
    CHECK_INT(r->n, 3);
    CHECK_INT(r->pos.line, 2);
    CHECK_INT(r->pos.col, 1);
    CHECK_STR(r->keys[1], "evenements");
    CHECK_INT(r->key_pos[1].line, 9);
    const pr_value *rap = at(r, "rapport");
    CHECK_INT(rap->pos.line, 3);
    CHECK_INT(rap->pos.col, 3);
    const pr_value *annee = at(rap, "annee");
    CHECK_INT(annee->style, PR_SCALAR_PLAIN);
    CHECK_STR(annee->text, "2023");
    CHECK_INT(annee->pos.line, 3);
    CHECK_INT(annee->pos.col, 10);
    CHECK_INT(at(rap, "titre")->style, PR_SCALAR_STRING);
    CHECK_STR(at(rap, "titre")->text, "Rapport d'activités");
    CHECK_INT(at(rap, "vide")->style, PR_SCALAR_PLAIN);
    CHECK_STR(at(rap, "vide")->text, "");
    CHECK_INT(at(rap, "nul")->style, PR_SCALAR_NULL);
    CHECK_STR(at(rap, "nul")->text, "");
    CHECK_INT(at(rap, "aussi")->style, PR_SCALAR_NULL);
    CHECK_INT(at(rap, "cite")->style, PR_SCALAR_STRING);
    CHECK_STR(at(rap, "cite")->text, "null");
    const pr_value *ev = at(r, "evenements");
    CHECK_INT(ev->kind, PR_V_SEQ);
    CHECK_INT(ev->n, 2);
    CHECK_INT(ev->items[0]->pos.line, 10);
    CHECK_INT(ev->items[0]->pos.col, 5);
    CHECK_STR(at(ev->items[0], "id")->text, "é1");
    /* columns count characters, not bytes: "é1" is 2 columns wide */
    const pr_value *date = at(ev->items[0], "date");
    CHECK_INT(date->pos.line, 11);
    CHECK_INT(date->pos.col, 11);
    const pr_value *e2 = ev->items[1];
    CHECK_INT(e2->pos.line, 12);
    CHECK_INT(e2->pos.col, 5);
    const pr_value *elus = at(e2, "elus");
    CHECK_INT(elus->pos.col, 20);
    CHECK_INT(elus->items[1]->pos.col, 24);
    CHECK_INT(elus->items[1]->style, PR_SCALAR_STRING);
    CHECK_INT(e2->key_pos[1].col, 14);
    const pr_value *texte = at(r, "texte");
    CHECK_INT(texte->style, PR_SCALAR_STRING);
    CHECK_STR(texte->text, "ligne 1\nligne 2\n");
    CHECK_INT(texte->text_len, 16);
}

TEST(yaml_accented_columns)
{
    const pr_value *r = YAML("élément: « là »\nclé: [àé, ù]\n");
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_INT(at(r, "élément")->pos.col, 10);
    CHECK_INT(at(r, "clé")->items[1]->pos.col, 11);
}

TEST(json_positions_and_styles)
{
    const pr_value *r = JSON("{\n"
                             "  \"rapport\": {\"annee\": 2023, \"titre\": \"Rapport d'activit\\u00e9s\"},\n"
                             "  \"é\": [1.5e3, -2, true, false, null, \"59\"],\n"
                             "  \"vide\": {}, \"liste\": []\n"
                             "}\n");
    CHECK(r != NULL);
    CHECK_INT(diags.n, 0);
    if (!r)
        return;
    CHECK_INT(r->pos.line, 1);
    CHECK_INT(r->pos.col, 1);
    CHECK_INT(r->key_pos[0].line, 2);
    CHECK_INT(r->key_pos[0].col, 3);
    const pr_value *rap = at(r, "rapport");
    CHECK_INT(rap->pos.col, 14);
    const pr_value *annee = at(rap, "annee");
    CHECK_INT(annee->style, PR_SCALAR_NUMBER);
    CHECK_STR(annee->text, "2023");
    CHECK_INT(annee->pos.col, 24);
    CHECK_STR(at(rap, "titre")->text, "Rapport d'activités");
    CHECK_INT(at(rap, "titre")->style, PR_SCALAR_STRING);
    const pr_value *l = at(r, "é");
    CHECK_INT(l->n, 6);
    CHECK_INT(l->pos.line, 3);
    CHECK_INT(l->pos.col, 8);   /* "é" counts one column */
    CHECK_STR(l->items[0]->text, "1.5e3");
    CHECK_INT(l->items[0]->style, PR_SCALAR_NUMBER);
    CHECK_STR(l->items[1]->text, "-2");
    CHECK_INT(l->items[1]->pos.col, 16);
    CHECK_INT(l->items[2]->style, PR_SCALAR_BOOL);
    CHECK_STR(l->items[2]->text, "true");
    CHECK_STR(l->items[3]->text, "false");
    CHECK_INT(l->items[4]->style, PR_SCALAR_NULL);
    CHECK_STR(l->items[4]->text, "");
    CHECK_INT(l->items[5]->style, PR_SCALAR_STRING);
    CHECK_INT(l->items[5]->pos.col, 39);
    CHECK_INT(at(r, "vide")->kind, PR_V_MAP);
    CHECK_INT(at(r, "vide")->n, 0);
    CHECK_INT(at(r, "liste")->kind, PR_V_SEQ);
    CHECK_INT(r->key_pos[3].line, 4);
    CHECK_INT(r->key_pos[3].col, 15);
}

/* Two trees are equal up to scalar styles: same kinds, keys and texts. */
static int same_tree(const pr_value *a, const pr_value *b)
{
    if (a->kind != b->kind || a->n != b->n)
        return 0;
    if (a->kind == PR_V_SCALAR)
        return !strcmp(a->text, b->text);
    for (size_t i = 0; i < a->n; i++) {
        if (a->kind == PR_V_MAP && strcmp(a->keys[i], b->keys[i]))
            return 0;
        if (!same_tree(a->items[i], b->items[i]))
            return 0;
    }
    return 1;
}

TEST(yaml_and_json_give_the_same_tree)
{
    pr_arena a2 = {0};
    pr_diags d2;
    pr_diags_init(&d2);
    const char *json = "{\"a\": [1, \"x\", {\"b\": null, \"c\": true}], \"d\": \"é\\n\"}";
    const pr_value *j = pr_load_buffer("a.json", json, strlen(json), PR_FORMAT_JSON, &a2, &d2);
    const pr_value *y = YAML("a:\n  - 1\n  - x\n  - b: ~\n    c: true\nd: \"é\\n\"\n");
    CHECK(j && y);
    if (j && y)
        CHECK(same_tree(j, y));
    const pr_value *y2 = YAML("a: [1, x, {b: ~, c: false}]\nd: \"é\\n\"\n");
    CHECK(y2 && !same_tree(j, y2));
    pr_arena_free(&a2);
    pr_diags_free(&d2);
}

TEST(yaml_aliases_share_and_count)
{
    const pr_value *r = YAML("base: &b {ville: Lyon, code_postal: \"69001\"}\n"
                             "autre: *b\n"
                             "liste: [*b, *b]\n");
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK(at(r, "autre") == at(r, "base"));
    CHECK(at(r, "liste")->items[1] == at(r, "base"));
    CHECK_STR(at(at(r, "autre"), "ville")->text, "Lyon");

    /* a billion laughs is refused at the alias that crosses the limit */
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'k'; c++) {
        pr_sb_printf(&sb, "%c: &%c [", c, c);
        for (int i = 0; i < 10; i++)
            pr_sb_printf(&sb, "%s*%c", i ? ", " : "", c - 1);
        pr_sb_puts(&sb, "]\n");
    }
    r = YAML(sb.data);
    pr_sb_free(&sb);
    CHECK(r == NULL);
    CHECK_INT(diags.n_errors, 1);
    /* with their keys, a..f hold 12 + 112 + ... + 1 111 112 = 1 234 572
     * nodes; the first *f of g (1 111 111 more) passes 2 000 000 */
    CHECK_STR(diag_text(0), "7:8: trop de valeurs : l'alias « *f » porte le document au-delà de "
                            "la limite de 2 000 000 valeurs (alias imbriqués ?)");

    r = YAML("a: &x [1, *x]\n");
    CHECK(r == NULL);
    CHECK_STR(diag_text(0),
              "1:11: alias « *x » inconnu : aucune ancre « &x » complète ne le précède");
    r = YAML("base: &b {ville: Lyon}\nautre:\n  <<: *b\n  code: 1\n");
    CHECK(r == NULL);
    CHECK_STR(diag_text(0), "3:3: clé de fusion « << » non prise en charge : recopier les champs "
                            "voulus (un alias « *nom » peut remplacer une valeur entière)");
    r = YAML("a: *nulle\n");
    CHECK_STR(diag_text(0),
              "1:4: alias « *nulle » inconnu : aucune ancre « &nulle » complète ne le précède");
}

/* An anchored list 40 levels high, then used by an alias at `at` levels. */
static char *alias_at_depth(int at)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "a: &a ");
    for (int i = 0; i < 40; i++)
        pr_sb_puts(&sb, "[");
    for (int i = 0; i < 40; i++)
        pr_sb_puts(&sb, "]");
    pr_sb_puts(&sb, "\nb: ");
    for (int i = 0; i < at; i++)
        pr_sb_puts(&sb, "[");
    pr_sb_puts(&sb, "*a");
    for (int i = 0; i < at; i++)
        pr_sb_puts(&sb, "]");
    pr_sb_puts(&sb, "\n");
    return pr_sb_steal(&sb);
}

TEST(yaml_alias_depth_counts)
{
    /* root map (1) + 30 lists + 40 aliased levels > 64 */
    char *deep = alias_at_depth(30), *ok = alias_at_depth(23), *edge = alias_at_depth(24);
    CHECK(YAML(deep) == NULL);
    CHECK_STR(diag_text(0), "2:34: imbrication trop profonde : l'alias « *a » dépasse la limite "
                            "de 64 niveaux");
    /* 1 + 23 + 40 = 64 exactly is fine */
    CHECK(YAML(ok) != NULL);
    CHECK(YAML(edge) == NULL);
    free(deep);
    free(ok);
    free(edge);
}

/* "[" * n + "]" * n as the value of key a (in a map: one more level). */
static char *nested(int n, int json)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, json ? "{\"a\": " : "a: ");
    for (int i = 0; i < n; i++)
        pr_sb_putc(&sb, '[');
    for (int i = 0; i < n; i++)
        pr_sb_putc(&sb, ']');
    pr_sb_puts(&sb, json ? "}" : "\n");
    return pr_sb_steal(&sb);
}

TEST(depth_limit)
{
    char *ok_y = nested(63, 0), *bad_y = nested(64, 0);
    char *ok_j = nested(63, 1), *bad_j = nested(64, 1), *huge_j = nested(5000, 1);
    CHECK(YAML(ok_y) != NULL);
    CHECK(YAML(bad_y) == NULL);
    CHECK_STR(diag_text(0), "1:67: imbrication trop profonde : la limite est de 64 niveaux");
    CHECK(JSON(ok_j) != NULL);
    CHECK(JSON(bad_j) == NULL);
    CHECK_STR(diag_text(0), "1:70: imbrication trop profonde : la limite est de 64 niveaux");
    /* deeper than jansson's own limit: still our message and position */
    CHECK(JSON(huge_j) == NULL);
    CHECK_STR(diag_text(0), "1:70: imbrication trop profonde : la limite est de 64 niveaux");
    free(ok_y);
    free(bad_y);
    free(ok_j);
    free(bad_j);
    free(huge_j);
}

TEST(size_limits)
{
    char *big = malloc(PR_MAX_SCALAR_BYTES + 32);
    strcpy(big, "a: ");
    memset(big + 3, 'x', PR_MAX_SCALAR_BYTES);
    strcpy(big + 3 + PR_MAX_SCALAR_BYTES, "\n");
    CHECK(YAML(big) != NULL); /* exactly the limit */
    strcpy(big + 3 + PR_MAX_SCALAR_BYTES, "x\n");
    CHECK(YAML(big) == NULL);
    CHECK_STR(diag_text(0), "1:4: texte trop long : la limite est de 64 Kio par valeur");
    strcpy(big, "[\"");
    memset(big + 2, 'y', PR_MAX_SCALAR_BYTES + 1);
    strcpy(big + 3 + PR_MAX_SCALAR_BYTES, "\"]");
    CHECK(JSON(big) == NULL);
    CHECK_STR(diag_text(0), "1:2: texte trop long : la limite est de 64 Kio par valeur");
    free(big);

    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "x: 1\nl: [");
    for (int i = 0; i <= PR_MAX_ITEMS; i++)
        pr_sb_puts(&sb, i ? ",0" : "0");
    pr_sb_puts(&sb, "]\n");
    CHECK(YAML(sb.data) == NULL);
    CHECK_STR(diag_text(0), "2:4: liste trop longue : la limite est de 200 000 éléments");
    pr_sb_free(&sb);
    pr_sb_puts(&sb, "{\"x\": [");
    for (int i = 0; i < PR_MAX_ITEMS; i++)
        pr_sb_puts(&sb, i ? ",0" : "0");
    pr_sb_puts(&sb, "]}");
    CHECK(JSON(sb.data) != NULL);
    pr_sb_free(&sb);
}

TEST(duplicate_keys)
{
    /* reported at the repeated key; the tree comes back, each map keeping
     * the first of each key, so later stages report their errors too */
    const pr_value *r = YAML("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");
    CHECK(r != NULL);
    CHECK_INT(diags.n_errors, 2);
    CHECK_STR(diag_text(0), "4:3: clé « c » en double (déjà présente ligne 3)");
    CHECK_STR(diag_text(1), "5:1: clé « a » en double (déjà présente ligne 1)");
    if (r) {
        CHECK_INT(r->n, 2);
        CHECK_STR(at(r, "a")->text, "1");
        CHECK_INT(at(r, "b")->n, 1);
    }
    r = JSON("{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2},\n \"a\": 3}");
    CHECK(r != NULL);
    CHECK_INT(diags.n_errors, 2);
    CHECK_STR(diag_text(0), "2:16: clé « c » en double (déjà présente ligne 2)");
    CHECK_STR(diag_text(1), "3:2: clé « a » en double (déjà présente ligne 1)");
    if (r)
        CHECK_STR(at(r, "a")->text, "1");
    /* a big map goes through the sorting path; reported in document order */
    pr_strbuf sb = {0};
    for (int i = 0; i < 40; i++)
        pr_sb_printf(&sb, "k%d: %d\n", i % 30, i);
    r = YAML(sb.data);
    pr_sb_free(&sb);
    CHECK_INT(diags.n_errors, 10);
    CHECK_STR(diag_text(0), "31:1: clé « k0 » en double (déjà présente ligne 1)");
    CHECK_STR(diag_text(9), "40:1: clé « k9 » en double (déjà présente ligne 10)");
    if (r) {
        CHECK_INT(r->n, 30);
        CHECK_STR(at(r, "k0")->text, "0");
    }
    /* an escaped key is the same key */
    CHECK(JSON("{\"é\": 1, \"\\u00e9\": 2}") != NULL);
    CHECK_INT(diags.n_errors, 1);
    CHECK_STR(diag_text(0), "1:10: clé « é » en double (déjà présente ligne 1)");
    /* values of different types: still a duplicate key, at its place (the
     * JSON loader once paired the first value with jansson's last one and
     * reported an internal error at the wrong place) */
    r = JSON("{\"a\": {\"x\": [1, 2]},\n \"a\": \"texte\", \"b\": [true, null]}");
    CHECK(r != NULL);
    CHECK_INT(diags.n_errors, 1);
    CHECK_STR(diag_text(0), "2:2: clé « a » en double (déjà présente ligne 1)");
    CHECK_INT(diags.n_class[PR_DIAG_INTERNAL], 0);
    if (r) {
        CHECK_INT(at(r, "a")->kind, PR_V_MAP);
        CHECK_INT(at(r, "b")->n, 2);
    }
    r = JSON("{\"a\": \"texte\", \"a\": {\"x\": 1}, \"a\": [1], \"a\": null}");
    CHECK_INT(diags.n_errors, 3);
    CHECK_INT(diags.n_class[PR_DIAG_INTERNAL], 0);
    CHECK_STR(diag_text(2), "1:41: clé « a » en double (déjà présente ligne 1)");
    r = YAML("a: [1]\na: {x: 1}\n");
    CHECK_INT(diags.n_errors, 1);
    CHECK_STR(diag_text(0), "2:1: clé « a » en double (déjà présente ligne 1)");
}

/* Characters that no text may hold (the annex's XML cannot carry them),
 * written as escapes: an error at the string, the loading goes on. */
TEST(forbidden_characters)
{
    const pr_value *r = YAML("a: \"x\\x01y\"\nb: \"\\uFFFE\"\nc: \"tab\\tok\\r\\n\"\nd: \"\\x7F\"\n"
                             "e: \"\\x85\"\n");
    CHECK(r != NULL);
    CHECK_INT(diags.n_errors, 4);
    CHECK_STR(diag_text(0), "1:4: caractère de contrôle U+0001 interdit dans un texte (seuls la "
                            "tabulation et le retour à la ligne sont admis)");
    CHECK_STR(diag_text(1), "2:4: non-caractère U+FFFE interdit dans un texte (seuls la "
                            "tabulation et le retour à la ligne sont admis)");
    CHECK_STR(diag_text(2), "4:4: caractère de contrôle U+007F interdit dans un texte (seuls la "
                            "tabulation et le retour à la ligne sont admis)");
    CHECK_STR(diag_text(3), "5:4: caractère de contrôle U+0085 interdit dans un texte (seuls la "
                            "tabulation et le retour à la ligne sont admis)");
    r = JSON("{\"a\": \"\\u001b[2J\",\n \"k\\uffff\": 1, \"ok\": \"\\u00e9\\t\"}");
    CHECK(r != NULL);
    CHECK_INT(diags.n_errors, 2);
    CHECK_STR(diag_text(0), "1:7: caractère de contrôle U+001B interdit dans un texte (seuls la "
                            "tabulation et le retour à la ligne sont admis)");
    CHECK_STR(diag_text(1), "2:2: non-caractère U+FFFF interdit dans un texte (seuls la "
                            "tabulation et le retour à la ligne sont admis)");
    /* raw (not escaped), U+FFFF in a JSON string: jansson takes it */
    r = JSON("{\"a\": \"x\xEF\xBF\xBF\"}");
    CHECK_INT(diags.n_errors, 1);
}

TEST(yaml_structure_errors)
{
    CHECK(YAML("[a, b]: 1\n") == NULL);
    CHECK_STR(diag_text(0),
              "1:1: clé non textuelle : une liste ne peut pas servir de clé de dictionnaire");
    CHECK(YAML("a: 1\n---\nb: 2\n") == NULL);
    CHECK_STR(diag_text(0), "2:1: plusieurs documents YAML : le fichier ne doit en contenir "
                            "qu'un (second document ici)");
    CHECK(YAML("# seulement un commentaire\n") == NULL);
    CHECK_STR(diag_text(0), "0:0: fichier vide : aucune donnée YAML");
    CHECK(YAML("") == NULL);
    CHECK_STR(diag_text(0), "0:0: fichier vide");
}

TEST(yaml_syntax_errors_in_french)
{
    CHECK(YAML("a: 1\n b: 2\n") == NULL);
    CHECK_STR(diag_text(0), "2:3: syntaxe YAML : « : » inattendu : mettez entre guillemets un "
                            "texte qui contient « : », ou corrigez l'indentation");
    CHECK(YAML("a:\n  b: 1\n c: 2\n") == NULL);
    CHECK_STR(diag_text(0), "3:2: syntaxe YAML : clé attendue : l'indentation de cette ligne ne "
                            "correspond à aucun niveau du dictionnaire (dans le dictionnaire "
                            "commencé ligne 1)");
    CHECK(YAML("titre: @planif\n") == NULL);
    CHECK_STR(diag_text(0), "1:8: syntaxe YAML : une valeur ne peut pas commencer par « @ » : "
                            "mettez-la entre guillemets");
    CHECK(YAML("a:\n\tb: 1\n") == NULL);
    CHECK_STR(diag_text(0),
              "2:1: syntaxe YAML : tabulation interdite ici : indentez avec des espaces");
    CHECK(YAML("a: [1, 2\nb: 3\n") == NULL);
    CHECK_STR(diag_text(0),
              "2:2: syntaxe YAML : « , » ou « ] » attendu (dans la liste [ ] commencée ligne 1)");
    CHECK(YAML("- a\nb: 1\n") == NULL);
    CHECK_STR(diag_text(0), "2:1: syntaxe YAML : élément de liste « - » attendu : vérifiez "
                            "l'indentation (dans la liste commencée ligne 1)");
    CHECK(YAML("a: \"abc\n") == NULL);
    CHECK_STR(diag_text(0), "2:1: syntaxe YAML : fin de fichier inattendue : guillemet fermant "
                            "manquant ? (dans le texte entre guillemets commencé ligne 1)");
    CHECK(YAML("a: \"\\q\"\n") == NULL);
    CHECK_STR(diag_text(0), "1:5: syntaxe YAML : séquence d'échappement inconnue après « \\ » "
                            "dans un texte entre guillemets doubles (dans le texte entre "
                            "guillemets commencé colonne 4)");
    CHECK(YAML("a: \"abc\nb: 1\nc: \"x\"\n") == NULL);
    CHECK_STR(diag_text(0), "3:5: syntaxe YAML : clé attendue : l'indentation de cette ligne ne "
                            "correspond à aucun niveau du dictionnaire (dans le dictionnaire "
                            "commencé ligne 1) ; le texte entre guillemets ouvert ligne 1 se "
                            "referme-t-il bien ?");
    CHECK(YAML("{a: 1\n") == NULL);
    CHECK_STR(diag_text(0), "2:1: syntaxe YAML : « , » ou « } » attendu (dans le dictionnaire "
                            "{ } commencé ligne 1)");
    CHECK(YAML("a: x\x01y\n") == NULL);
    CHECK_STR(diag_text(0), "1:5: syntaxe YAML : caractère de contrôle interdit");
}

TEST(json_syntax_errors_in_french)
{
    CHECK(JSON("{\"a\": }") == NULL);
    CHECK_STR(diag_text(0), "1:7: syntaxe JSON : élément inattendu : « } »");
    CHECK(JSON("{\n  \"é\": [1, 2,,]}") == NULL);
    CHECK_STR(diag_text(0), "2:14: syntaxe JSON : élément inattendu : « , »");
    CHECK(JSON("{\"a\": 1} x") == NULL);
    CHECK_STR(diag_text(0), "1:10: syntaxe JSON : contenu en trop après la fin des données : « x »");
    CHECK(JSON("{\"a\" 1}") == NULL);
    CHECK_STR(diag_text(0), "1:6: syntaxe JSON : « : » attendu après la clé : « 1 »");
    CHECK(JSON("[True]") == NULL);
    CHECK_STR(diag_text(0), "1:2: syntaxe JSON : élément invalide (un texte s'écrit entre "
                            "guillemets doubles ; true, false et null en minuscules ; un "
                            "nombre sans zéro initial) : « True »");
    CHECK(JSON("{\"a\": \"abc") == NULL);
    CHECK_STR(diag_text(0), "1:7: syntaxe JSON : fin de fichier inattendue : texte sans "
                            "guillemet fermant");
    CHECK(JSON("[\"ab\tc\"]") == NULL);
    CHECK_STR(diag_text(0), "1:5: syntaxe JSON : caractère de contrôle interdit dans un texte "
                            "(écrire \\n, \\t…)");
    CHECK(JSON("{\"a\": 1,}") == NULL);
    CHECK_STR(diag_text(0),
              "1:9: syntaxe JSON : clé entre guillemets doubles ou « } » attendue : « } »");
    CHECK(JSON("[1, 2") == NULL);
    CHECK_STR(diag_text(0), "1:6: syntaxe JSON : « , » ou « ] » attendu (fin de fichier atteinte)");
    CHECK(JSON("[123456789012345678901234567890]") == NULL);
    CHECK_STR(diag_text(0), "1:2: syntaxe JSON : nombre entier trop grand");
    CHECK(JSON("[\"\\u0000\"]") == NULL);
    CHECK_STR(diag_text(0), "1:2: syntaxe JSON : caractère nul (\\u0000) interdit dans un texte");
    CHECK(JSON(" \n\t") == NULL);
    CHECK_STR(diag_text(0), "0:0: fichier vide : aucune donnée JSON");
}

TEST(encoding)
{
    /* the byte order mark is skipped; positions start after it */
    const pr_value *r = YAML("\xEF\xBB\xBF" "a: 1\n");
    CHECK(r != NULL);
    if (r)
        CHECK_INT(at(r, "a")->pos.col, 4);
    r = JSON("\xEF\xBB\xBF{\"a\": 1}");
    CHECK(r != NULL);
    CHECK(YAML("a: 1\nb: é\xE9t\xE9\n") == NULL);
    CHECK_STR(diag_text(0), "2:5: octet UTF-8 invalide (0xE9) : le fichier doit être enregistré "
                            "en UTF-8");
    CHECK(JSON("{\"a\":\n \"\xC3\"}") == NULL);
    CHECK_STR(diag_text(0), "2:3: octet UTF-8 invalide (0xC3) : le fichier doit être enregistré "
                            "en UTF-8");
    const char nul[] = "a: x\0y\n";
    pr_arena_free(&arena);
    pr_diags_free(&diags);
    CHECK(pr_load_buffer("n.yaml", nul, sizeof nul - 1, PR_FORMAT_YAML, &arena, &diags) == NULL);
    CHECK_STR(diag_text(0), "1:5: caractère nul (octet 0x00) interdit dans le fichier");
    CHECK(YAML("a: \"x\\0y\"\n") != NULL);
    CHECK_STR(diag_text(0), "1:4: caractère nul U+0000 interdit dans un texte (seuls la "
                            "tabulation et le retour à la ligne sont admis)");
}

TEST(files)
{
    char dir[] = "/tmp/pr-test-load-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    pr_arena_free(&arena);
    pr_diags_free(&diags);

    snprintf(path, sizeof path, "%s/donnees.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("a: 1\n", f);
    fclose(f);
    CHECK(pr_load_file(path, PR_FORMAT_AUTO, &arena, &diags) == NULL);
    CHECK_INT(pr_diags_exit_status(&diags), diags.n_errors ? PR_EXIT_DATA : PR_EXIT_OK);
    CHECK(strstr(diag_text(0), "extension « .txt » inconnue : le fichier de données doit finir "
                               "par .yaml, .yml ou .json") != NULL);
    /* an explicit format wins over the extension */
    const pr_value *r = pr_load_file(path, PR_FORMAT_YAML, &arena, &diags);
    CHECK(r != NULL);
    CHECK_INT(pr_diags_exit_status(&diags), diags.n_errors ? PR_EXIT_DATA : PR_EXIT_OK);
    if (r)
        CHECK_STR(r->items[0]->pos.file, path);
    pr_diags_free(&diags);

    snprintf(path, sizeof path, "%s/absent.yaml", dir);
    CHECK(pr_load_file(path, PR_FORMAT_AUTO, &arena, &diags) == NULL);
    CHECK_INT(pr_diags_exit_status(&diags), PR_EXIT_IO);
    CHECK_STR(diags.items[0].msg, "lecture impossible : fichier ou dossier introuvable");
    pr_diags_free(&diags);

    snprintf(path, sizeof path, "%s/vide.json", dir);
    f = fopen(path, "w");
    fclose(f);
    CHECK(pr_load_file(path, PR_FORMAT_AUTO, &arena, &diags) == NULL);
    CHECK_INT(pr_diags_exit_status(&diags), diags.n_errors ? PR_EXIT_DATA : PR_EXIT_OK);
    CHECK_STR(diags.items[0].msg, "fichier vide");
    CHECK_INT(diags.items[0].pos.line, 0);
    pr_diags_free(&diags);

    snprintf(path, sizeof path, "%s/gros.yaml", dir);
    f = fopen(path, "w");
    CHECK(ftruncate(fileno(f), PR_MAX_INPUT_BYTES + 1) == 0);
    fclose(f);
    CHECK(pr_load_file(path, PR_FORMAT_AUTO, &arena, &diags) == NULL);
    CHECK_INT(pr_diags_exit_status(&diags), diags.n_errors ? PR_EXIT_DATA : PR_EXIT_OK);
    CHECK_STR(diags.items[0].msg, "fichier trop volumineux : la limite est de 16 Mio");
    unlink(path);
    pr_diags_free(&diags);

    CHECK(pr_load_file(dir, PR_FORMAT_YAML, &arena, &diags) == NULL);
    CHECK_INT(pr_diags_exit_status(&diags), PR_EXIT_IO);
    CHECK_STR(diags.items[0].msg, "lecture impossible : c'est un dossier, pas un fichier");
    pr_diags_free(&diags);

    CHECK(pr_load_file("-", PR_FORMAT_AUTO, &arena, &diags) == NULL);
    CHECK_STR(diags.items[0].msg,
              "l'entrée standard (« - ») exige un format explicite (YAML ou JSON)");
    CHECK_INT(pr_diags_exit_status(&diags), PR_EXIT_USAGE);
    pr_diags_free(&diags);

    snprintf(path, sizeof path, "%s/donnees.txt", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/vide.json", dir);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    pr_diags_init(&diags);
    RUN(yaml_positions_and_styles);
    RUN(yaml_accented_columns);
    RUN(json_positions_and_styles);
    RUN(yaml_and_json_give_the_same_tree);
    RUN(yaml_aliases_share_and_count);
    RUN(yaml_alias_depth_counts);
    RUN(depth_limit);
    RUN(size_limits);
    RUN(duplicate_keys);
    RUN(forbidden_characters);
    RUN(yaml_structure_errors);
    RUN(yaml_syntax_errors_in_french);
    RUN(json_syntax_errors_in_french);
    RUN(encoding);
    RUN(files);
    pr_arena_free(&arena);
    pr_diags_free(&diags);
    pr_sources_free();
    return UNIT_DONE();
}
