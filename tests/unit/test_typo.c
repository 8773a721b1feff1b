/* test_typo.c — French typography normalisation and formatting, byte-exact
 * (NN = U+202F narrow no-break space, NB = U+00A0 no-break space). */
#include <stdlib.h>

#include "typeset/typo.h"
#include "unit.h"

#define NN "\xE2\x80\xAF"
#define NB "\xC2\xA0"
#define RSQ "\xE2\x80\x99"
#define LAQ "\xC2\xAB"
#define RAQ "\xC2\xBB"

/* Check pr_typo_fr(in) == want. */
#define CHECK_TYPO(in, want)                                                    \
    do { char *got_ = pr_typo_fr(in); CHECK_STR(got_, want); free(got_); } while (0)

TEST(apostrophes)
{
    CHECK_TYPO("l'intercommunalité d'aujourd'hui", "l" RSQ "intercommunalité d" RSQ "aujourd" RSQ "hui");
}

TEST(quotes)
{
    CHECK_TYPO("le programme \"Planif Territoires\" avance",
               "le programme " LAQ NN "Planif Territoires" NN RAQ " avance");
    CHECK_TYPO("\" espaces \" ici", LAQ NN "espaces" NN RAQ " ici");
    CHECK_TYPO(LAQ "déjà" RAQ, LAQ NN "déjà" NN RAQ);
    CHECK_TYPO(LAQ " déjà " RAQ, LAQ NN "déjà" NN RAQ);
    CHECK_TYPO(LAQ NB "déjà" NB RAQ, LAQ NN "déjà" NN RAQ);
}

TEST(high_punctuation)
{
    CHECK_TYPO("Pourquoi? Parce que!", "Pourquoi" NN "? Parce que" NN "!");
    CHECK_TYPO("Pourquoi ? Parce que !", "Pourquoi" NN "? Parce que" NN "!");
    CHECK_TYPO("trois axes; deux enjeux", "trois axes" NN "; deux enjeux");
    CHECK_TYPO("trois axes  ; deux", "trois axes" NN "; deux");
    CHECK_TYPO("Bilan: positif", "Bilan" NB ": positif");
    CHECK_TYPO("Bilan : positif", "Bilan" NB ": positif");
    CHECK_TYPO("Bilan" NN ": positif", "Bilan" NB ": positif");
    CHECK_TYPO("Quoi ?!", "Quoi" NN "?!");
    CHECK_TYPO("à 10:30", "à 10:30");
    CHECK_TYPO("? en tête", "? en tête");
}

TEST(ellipsis_dashes)
{
    CHECK_TYPO("et ainsi de suite...", "et ainsi de suite\xE2\x80\xA6");
    CHECK_TYPO("la CRTE - contrat de relance - est signée",
               "la CRTE \xE2\x80\x93 contrat de relance \xE2\x80\x93 est signée");
    CHECK_TYPO("Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes");
    CHECK_TYPO("- tiret en tête", "- tiret en tête");
}

TEST(ordinals)
{
    pr_typo_state st = {0, 0};
    pr_strbuf sb = {0};
    pr_ranges sup = {0};
    const char *in = "le 1er mars, la 2ème réunion, le 105e, la 1re fois, le 2nd";
    pr_typo_fr_append(&st, &sb, in, strlen(in), &sup);
    CHECK_STR(sb.data, "le 1er mars, la 2e réunion, le 105e, la 1re fois, le 2nd");
    CHECK_INT(sup.n, 5);
    if (sup.n == 5) {
        CHECK_INT(sup.items[0].start, 4);   /* "er" of 1er */
        CHECK_INT(sup.items[0].end, 6);
        CHECK_INT(sup.items[1].start, 17);  /* "e" of 2e */
        CHECK_INT(sup.items[1].end, 18);
        CHECK_INT(sup.items[2].start, 35);  /* "e" of 105e */
        CHECK_INT(sup.items[3].start, 42);  /* "re" of 1re */
        CHECK_INT(sup.items[3].end, 44);
        CHECK_INT(sup.items[4].end, sb.len);
    }
    pr_ranges_free(&sup);
    pr_sb_free(&sb);
    /* not ordinals: units, words, decimals, "2er" */
    CHECK_TYPO("3em 4eme 2er 1.5e x2e", "3em 4e 2er 1.5e x2e");
}

TEST(percent_euro_numbers)
{
    CHECK_TYPO("12% et 13 %", "12" NN "% et 13" NN "%");
    CHECK_TYPO("3 000 € et 12€", "3" NN "000" NB "\xE2\x82\xAC et 12\xE2\x82\xAC");
    CHECK_TYPO("soit 1 234 567 habitants, 1 234,5 km", "soit 1" NN "234" NN "567 habitants, 1" NN "234,5 km");
    /* not thousands groups: a year, 2 digits after, a decimal part */
    CHECK_TYPO("en 2023 100 élus, 12 34 ans, 1,5 100", "en 2023 100 élus, 12 34 ans, 1,5 100");
}

TEST(urls_untouched)
{
    CHECK_TYPO("voir https://exemple.fr/a?b=1;c=l'x... et contact@exemple.fr!",
               "voir https://exemple.fr/a?b=1;c=l'x\xE2\x80\xA6 et contact@exemple.fr" NN "!");
    CHECK_TYPO("https://exemple.fr/2e-partie: voir", "https://exemple.fr/2e-partie" NB ": voir");
    CHECK_TYPO("(www.planif-territoires.fr)", "(www.planif-territoires.fr)");
    CHECK_TYPO("lien: https://a.fr/x-y:z", "lien" NB ": https://a.fr/x-y:z");
}

TEST(pieces_share_context)
{
    pr_typo_state st = {0, 0};
    pr_strbuf sb = {0};
    pr_typo_fr_append(&st, &sb, "mot", 3, NULL);
    pr_typo_fr_append(&st, &sb, "!", 1, NULL);
    CHECK_STR(sb.data, "mot" NN "!");
    pr_typo_fr_append(&st, &sb, " \"", 2, NULL);
    pr_typo_fr_append(&st, &sb, "cité", 5, NULL);
    pr_typo_fr_append(&st, &sb, "\"", 1, NULL);
    CHECK_STR(sb.data, "mot" NN "! " LAQ NN "cité" NN RAQ);
    /* « ending a piece (before a bold span): the fine space still follows */
    pr_sb_free(&sb);
    sb = (pr_strbuf){0};
    st = (pr_typo_state){0, 0};
    pr_typo_fr_append(&st, &sb, "le thème « ", strlen("le thème « "), NULL);
    pr_typo_fr_append(&st, &sb, "De la stratégie", strlen("De la stratégie"), NULL);
    pr_typo_fr_append(&st, &sb, " »", 3, NULL);
    CHECK_STR(sb.data, "le thème " LAQ NN "De la stratégie" NN RAQ);
    pr_sb_free(&sb);
}

TEST(formatting)
{
    char *s;
    s = pr_fmt_int(1234); CHECK_STR(s, "1" NN "234"); free(s);
    s = pr_fmt_int(999); CHECK_STR(s, "999"); free(s);
    s = pr_fmt_int(0); CHECK_STR(s, "0"); free(s);
    s = pr_fmt_int(-1234567); CHECK_STR(s, "\xE2\x88\x92" "1" NN "234" NN "567"); free(s);
    s = pr_fmt_dec(1234.5, 1); CHECK_STR(s, "1" NN "234,5"); free(s);
    s = pr_fmt_dec(0.125, 2); CHECK_STR(s, "0,13"); free(s);
    s = pr_fmt_dec(-0.001, 1); CHECK_STR(s, "0,0"); free(s);
    s = pr_fmt_percent(12.5, 1); CHECK_STR(s, "12,5" NN "%"); free(s);
    s = pr_fmt_ordinal(1, 0); CHECK_STR(s, "1er"); free(s);
    s = pr_fmt_ordinal(1, 1); CHECK_STR(s, "1re"); free(s);
    s = pr_fmt_ordinal(2, 0); CHECK_STR(s, "2e"); free(s);
    s = pr_fmt_date(2023, 12, 7); CHECK_STR(s, "7" NB "décembre 2023"); free(s);
    s = pr_fmt_date(2023, 3, 1); CHECK_STR(s, "1er" NB "mars 2023"); free(s);
    s = pr_fmt_date(0, 3, 1); CHECK_STR(s, "1er" NB "mars"); free(s);
    s = pr_fmt_date(2023, 3, 0); CHECK_STR(s, "mars 2023"); free(s);
    CHECK(pr_fmt_date(2023, 2, 29) == NULL);
    CHECK(pr_fmt_date(2023, 13, 1) == NULL);
    s = pr_fmt_date(2024, 2, 29); CHECK_STR(s, "29" NB "février 2024"); free(s);
    CHECK(pr_fmt_date(2023, 0, 1) == NULL);
    s = pr_fmt_date(0, 2, 29); CHECK_STR(s, "29" NB "février"); free(s);
}

int main(void)
{
    RUN(apostrophes);
    RUN(quotes);
    RUN(high_punctuation);
    RUN(ellipsis_dashes);
    RUN(ordinals);
    RUN(percent_euro_numbers);
    RUN(urls_untouched);
    RUN(pieces_share_context);
    RUN(formatting);
    return UNIT_DONE();
}
