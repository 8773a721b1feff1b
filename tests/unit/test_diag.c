/* test_diag.c — collecting, capping, sorting and printing diagnostics. */
#include "base/diag.h"
#include "unit.h"

#include <stdlib.h>

static char *print_to_string(const pr_diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    pr_diags_print(d, f);
    fclose(f);
    return buf;
}

TEST(caret_under_the_column_counting_characters)
{
    const char *text = "rapport:\n  titre: « Été »\n  annee: deux\n";
    const char *name = pr_source_add("t.yaml", text, strlen(text));
    pr_diags d;
    pr_diags_init(&d);
    pr_pos p = {name, 3, 10};
    pr_error(&d, p, "rapport.annee", "nombre entier attendu, trouvé « %s »", "deux");
    pr_pos q = {name, 2, 14};
    pr_warning(&d, q, "rapport.titre", "titre suspect");
    pr_diags_sort(&d);
    char *out = print_to_string(&d);
    CHECK_STR(out,
              "t.yaml:2:14: avertissement: rapport.titre : titre suspect\n"
              "     2 |   titre: « Été »\n"
              "       |              ^\n"
              "t.yaml:3:10: erreur: rapport.annee : nombre entier attendu, trouvé « deux »\n"
              "     3 |   annee: deux\n"
              "       |          ^\n"
              "1 erreur, 1 avertissement\n");
    free(out);
    pr_diags_free(&d);
    pr_sources_free();
}

TEST(caps_keep_counting)
{
    pr_diags d;
    pr_diags_init(&d);
    pr_pos p = {"x.yaml", 1, 1};
    for (int i = 0; i < PR_DIAG_MAX_ERRORS + 3; i++)
        pr_error(&d, p, NULL, "erreur %d", i);
    for (int i = 0; i < PR_DIAG_MAX_WARNINGS + 2; i++)
        pr_warning(&d, p, NULL, "avertissement %d", i);
    CHECK_INT(d.n, PR_DIAG_MAX_ERRORS + PR_DIAG_MAX_WARNINGS);
    CHECK_INT(d.n_errors, PR_DIAG_MAX_ERRORS + 3);
    CHECK_INT(d.dropped, 3);
    CHECK_INT(d.dropped_warnings, 2);
    char *out = print_to_string(&d);
    CHECK(strstr(out, "… et 3 autres erreurs non affichées\n") != NULL);
    CHECK(strstr(out, "… et 2 autres avertissements non affichés\n") != NULL);
    CHECK(strstr(out, "53 erreurs, 202 avertissements\n") != NULL);
    free(out);
    pr_diags_free(&d);
}

TEST(file_names_are_copied)
{
    pr_diags d;
    pr_diags_init(&d);
    char *name = pr_strdup("out/rapport.pdf");
    pr_pos p = {name, 0, 0};
    pr_error(&d, p, NULL, "écriture impossible");
    free(name);
    char *out = print_to_string(&d);
    CHECK_STR(out, "out/rapport.pdf: erreur: écriture impossible\n1 erreur, 0 avertissement\n");
    free(out);
    pr_diags_free(&d);
}

TEST(quiet_prints_errors_only)
{
    pr_diags d;
    pr_diags_init(&d);
    pr_pos p = {"x.yaml", 3, 1};
    pr_warning(&d, p, NULL, "écart");
    pr_error(&d, p, NULL, "date impossible");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    pr_diags_print_errors(&d, f);
    fclose(f);
    CHECK_STR(buf, "x.yaml:3:1: erreur: date impossible\n1 erreur\n");
    free(buf);
    pr_diags_free(&d);
}

TEST(suggestions)
{
    static const char *const keys[] = {"participants", "date", "titre", NULL};
    CHECK_STR(pr_suggest("particpants", keys), "participants");
    CHECK_STR(pr_suggest("dat", keys), "date");
    CHECK(pr_suggest("zzzzzzzz", keys) == NULL);
}

TEST(exit_status_from_classes)
{
    pr_diags d;
    pr_diags_init(&d);
    pr_pos p = {"x.yaml", 1, 1};
    CHECK_INT(pr_diags_exit_status(&d), 0);
    pr_warning(&d, p, NULL, "avertissement");
    CHECK_INT(pr_diags_exit_status(&d), 0);
    pr_template_error(&d, p, NULL, "gabarit");
    CHECK_INT(pr_diags_exit_status(&d), 1);
    pr_usage_error(&d, "usage");
    CHECK_INT(pr_diags_exit_status(&d), 2);
    pr_io_error(&d, p, "écriture");
    CHECK_INT(pr_diags_exit_status(&d), 3);
    pr_internal_error(&d, "bogue");
    CHECK_INT(pr_diags_exit_status(&d), 4);
    CHECK_INT(pr_diags_count(&d, PR_DIAG_TEMPLATE), 1);
    CHECK_INT(d.items[0].cls, PR_DIAG_DATA);
    pr_diags_free(&d);
    /* classes survive the cap and pr_diags_append */
    pr_diags a, b;
    pr_diags_init(&a);
    pr_diags_init(&b);
    for (int i = 0; i < PR_DIAG_MAX_ERRORS; i++) pr_error(&a, p, NULL, "donnée %d", i);
    pr_io_error(&a, p, "au-delà du plafond");
    CHECK_INT(a.n, PR_DIAG_MAX_ERRORS);
    CHECK_INT(pr_diags_exit_status(&a), 3);
    pr_diags_append(&b, &a);
    CHECK_INT(pr_diags_count(&b, PR_DIAG_IO), 1);
    CHECK_INT(pr_diags_count(&b, PR_DIAG_DATA), PR_DIAG_MAX_ERRORS);
    CHECK_INT(pr_diags_exit_status(&b), 3);
    pr_diags_free(&a);
    pr_diags_free(&b);
}

/* A template read with the data loader: its data errors become template
 * errors, the others keep their class, the dropped ones too. */
TEST(append_as_reclassifies_one_class)
{
    pr_pos p = {"style.yaml", 2, 1};
    pr_diags a, b;
    pr_diags_init(&a);
    pr_diags_init(&b);
    pr_error(&a, p, NULL, "syntaxe YAML");
    pr_warning(&a, p, NULL, "avertissement");
    pr_io_error(&a, p, "lecture impossible");
    for (int i = 0; i < PR_DIAG_MAX_ERRORS; i++) pr_error(&a, p, NULL, "au-delà %d", i);
    CHECK_INT(a.dropped, 2);
    pr_diags_append_as(&b, &a, PR_DIAG_DATA, PR_DIAG_TEMPLATE);
    CHECK_INT(b.items[0].cls, PR_DIAG_TEMPLATE);
    CHECK_INT(b.items[1].cls, PR_DIAG_TEMPLATE);   /* a warning, same class */
    CHECK_INT(b.items[2].cls, PR_DIAG_IO);
    CHECK_INT(pr_diags_count(&b, PR_DIAG_DATA), 0);
    CHECK_INT(pr_diags_count(&b, PR_DIAG_TEMPLATE), PR_DIAG_MAX_ERRORS + 1);
    CHECK_INT(pr_diags_count(&b, PR_DIAG_IO), 1);
    CHECK_INT(b.n_errors, a.n_errors);
    CHECK_INT(pr_diags_exit_status(&b), 3);
    pr_diags_free(&a);
    pr_diags_free(&b);
}

/* An internal error says it is one. */
TEST(internal_errors_are_printed_as_such)
{
    pr_diags d;
    pr_diags_init(&d);
    pr_internal_error(&d, "l'étape « PDF » a échoué sans message (un bogue, à signaler)");
    pr_usage_error(&d, "option inconnue « -z »");
    char *out = print_to_string(&d);
    CHECK_STR(out, "planif-rapport: erreur interne: l'étape « PDF » a échoué sans message "
                   "(un bogue, à signaler)\n"
                   "planif-rapport: erreur: option inconnue « -z »\n"
                   "2 erreurs, 0 avertissement\n");
    free(out);
    CHECK_INT(pr_diags_exit_status(&d), PR_EXIT_INTERNAL);
    pr_diags_free(&d);
}

/* Data echoed into a message, a data path, a file name or a source line
 * is shown escaped: an escape sequence must not reach the terminal, a
 * bidi override must not reorder the line; the caret stays under its
 * character. */
TEST(control_and_bidi_characters_are_shown_escaped)
{
    const char *text = "a:\n  \x1b]0;titre\x07: \xe2\x80\xae" "abc\n  b: x\tyz\n";
    const char *name = pr_source_add("c\x1b[2J.yaml", text, strlen(text));
    pr_diags d;
    pr_diags_init(&d);
    pr_pos p = {name, 2, 15};
    pr_error(&d, p, "a.\x1b]0;titre\x07", "clé inconnue « %s » \xe2\x80\xae fin\nsuite", "\x1b]0;titre\x07");
    pr_pos q = {name, 3, 7};
    pr_error(&d, q, NULL, "octet \xff ici");
    char *out = print_to_string(&d);
    CHECK_STR(out,
              "c\\x1b[2J.yaml:2:15: erreur: a.\\x1b]0;titre\\x07 : clé inconnue « \\x1b]0;titre\\x07 » "
              "<U+202E> fin\\nsuite\n"
              "     2 |   \\x1b]0;titre\\x07: <U+202E>abc\n"
              "       |                     ^\n"
              "c\\x1b[2J.yaml:3:7: erreur: octet \\xff ici\n"
              "     3 |   b: x yz\n"
              "       |       ^\n"
              "2 erreurs, 0 avertissement\n");
    CHECK(!strchr(out, '\x1b'));
    free(out);
    pr_diags_free(&d);
    pr_sources_free();
}

/* A very long line is shown as a window around the caret. */
TEST(long_source_lines_show_the_caret)
{
    char text[2000];
    memset(text, 'x', 1500);
    memcpy(text + 1000, "ERR", 3);
    text[1500] = '\n';
    text[1501] = 0;
    const char *name = pr_source_add("long.txt", text, strlen(text));
    pr_diags d;
    pr_diags_init(&d);
    pr_pos p = {name, 1, 1001};
    pr_error(&d, p, NULL, "ici");
    char *out = print_to_string(&d);
    const char *l2 = strchr(out, '\n') + 1;
    const char *l3 = strchr(l2, '\n') + 1;
    /* "     1 | …" then 80 characters before the caret */
    CHECK(!strncmp(l2, "     1 | …", strlen("     1 | …")));
    const char *err = strstr(l2, "ERR");
    CHECK(err != NULL && err < l3);
    /* the caret is in the same column as "ERR" (the ellipsis is one column
     * but three bytes) */
    CHECK_INT(strchr(l3, '^') - l3, (err - l2) - 2);
    CHECK(strstr(l2, "x…\n") != NULL);
    free(out);
    pr_diags_free(&d);
    pr_sources_free();
}

int main(void)
{
    RUN(caret_under_the_column_counting_characters);
    RUN(caps_keep_counting);
    RUN(file_names_are_copied);
    RUN(quiet_prints_errors_only);
    RUN(suggestions);
    RUN(exit_status_from_classes);
    RUN(append_as_reclassifies_one_class);
    RUN(internal_errors_are_printed_as_such);
    RUN(control_and_bidi_characters_are_shown_escaped);
    RUN(long_source_lines_show_the_caret);
    return UNIT_DONE();
}
