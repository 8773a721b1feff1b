/* test_french.c — French numbers in words, plurals, « de » and « à »
 * before names (base/french.h). */
#include <stdlib.h>

#include "base/french.h"
#include "unit.h"

#define WORDS(n, f, want) do { char *s_ = pr_fr_number_words(n, f); CHECK_STR(s_, want); free(s_); } while (0)
#define PLURAL(in, want) do { char *s_ = pr_fr_plural(in); CHECK_STR(s_, want); free(s_); } while (0)
#define DE(in, want) do { char *s_ = pr_fr_de(in, 0); CHECK_STR(s_, want); free(s_); } while (0)
#define A(in, want) do { char *s_ = pr_fr_a(in, 0); CHECK_STR(s_, want); free(s_); } while (0)

TEST(numbers_in_words)
{
    WORDS(0, 0, "zéro");
    WORDS(1, 0, "un");
    WORDS(1, 1, "une");
    WORDS(10, 0, "dix");
    WORDS(17, 0, "dix-sept");
    WORDS(20, 0, "vingt");
    WORDS(21, 0, "vingt et un");
    WORDS(21, 1, "vingt et une");
    WORDS(22, 0, "vingt-deux");
    WORDS(31, 1, "trente et une");
    WORDS(70, 0, "soixante-dix");
    WORDS(71, 0, "soixante et onze");
    WORDS(77, 0, "soixante-dix-sept");
    WORDS(80, 0, "quatre-vingts");
    WORDS(81, 0, "quatre-vingt-un");
    WORDS(81, 1, "quatre-vingt-une");
    WORDS(91, 0, "quatre-vingt-onze");
    WORDS(99, 0, "quatre-vingt-dix-neuf");
    WORDS(100, 0, "cent");
    WORDS(101, 0, "cent un");
    WORDS(200, 0, "deux cents");
    WORDS(280, 0, "deux cent quatre-vingts");
    WORDS(1000, 0, "mille");
    WORDS(1001, 0, "mille un");
    WORDS(2000, 0, "deux mille");
    WORDS(80000, 0, "quatre-vingt mille");
    WORDS(200000, 0, "deux cent mille");
    WORDS(1000000, 0, "un million");
    WORDS(200000000, 0, "deux cents millions");
    WORDS(-3, 0, "-3");
}

TEST(plurals_of_noun_phrases)
{
    PLURAL("table ronde", "tables rondes");
    PLURAL("réseau local", "réseaux locaux");
    PLURAL("réseau local actif", "réseaux locaux actifs");
    PLURAL("lettre d'info", "lettres d'info");
    PLURAL("lettre d’info publiée", "lettres d’info publiée");
    PLURAL("réunion du comité de pilotage", "réunions du comité de pilotage");
    PLURAL("mini-conférence", "mini-conférences");
    PLURAL("participation recensée à ces rendez-vous", "participations recensées à ces rendez-vous");
    PLURAL("nouveau venu", "nouveaux venus");
    PLURAL("élu engagé dans la planification", "élus engagés dans la planification");
    PLURAL("chantier thématique en cours", "chantiers thématiques en cours");
    PLURAL("fois", "fois");
    PLURAL("festival", "festivals");
    PLURAL("travail", "travaux");
    PLURAL("détail", "détails");
    PLURAL("bijou", "bijoux");
    PLURAL("trou", "trous");
    PLURAL("pneu", "pneus");
    PLURAL("jeu", "jeux");
    PLURAL("PLU", "PLU");
    PLURAL("stand", "stands");
    PLURAL("réseau qui couvre", "réseaux qui couvre");
}

TEST(vowel_sounds)
{
    CHECK(pr_fr_vowel_sound("Anrafa"));
    CHECK(pr_fr_vowel_sound("Élise"));
    CHECK(pr_fr_vowel_sound("Hélène"));
    CHECK(pr_fr_vowel_sound("un"));
    CHECK(pr_fr_vowel_sound("Yvelines"));
    CHECK(!pr_fr_vowel_sound("Hauts-de-France"));
    CHECK(!pr_fr_vowel_sound("huit"));
    CHECK(!pr_fr_vowel_sound("onze"));
    CHECK(!pr_fr_vowel_sound("Yann"));
    CHECK(!pr_fr_vowel_sound("Cerema"));
    CHECK(!pr_fr_vowel_sound(""));
}

TEST(de_and_a_before_names)
{
    DE("Paris", "de Paris");
    DE("Anrafa MADI", "d'Anrafa MADI");
    DE("Atelier Sillons", "d'Atelier Sillons");
    DE("le Cerema", "du Cerema");
    DE("Le Robert", "du Robert");
    DE("les référents locaux", "des référents locaux");
    DE("la FNAU", "de la FNAU");
    DE("l'ANCT", "de l'ANCT");
    DE("La Réunion", "de La Réunion");
    DE("Hauts-de-France", "de Hauts-de-France");
    DE("Hélène MARCHETTI", "d'Hélène MARCHETTI");
    DE("lemoal", "de lemoal");
    A("Paris", "à Paris");
    A("le Cerema", "au Cerema");
    A("les référents", "aux référents");
    A("la Médiathèque", "à la Médiathèque");
    A("l'ANCT", "à l'ANCT");
    char *s = pr_fr_de("le Cerema", 1);
    CHECK_STR(s, "Du Cerema");
    free(s);
    s = pr_fr_without_article("le Cerema");
    CHECK_STR(s, "Cerema");
    free(s);
    s = pr_fr_without_article("Le Havre");
    CHECK_STR(s, "Le Havre");
    free(s);
    CHECK_INT(pr_fr_article_len("les référents"), 4);
    CHECK_INT(pr_fr_article_len("l'ANCT"), 2);
    CHECK_INT(pr_fr_article_len("lemoal"), 0);
    CHECK_INT(pr_fr_article_len("la"), 0);
}

#define QTY(x, sg, pre, want) do { char *s_ = pr_fr_quantity(x, sg, NULL, pre); CHECK_STR(s_, want); free(s_); } while (0)

/* A precision before a count: "plus de" elides before "un"/"une" only. */
TEST(quantity_with_precision)
{
    QTY(1, "un participant", "plus de ", "plus d'un participant");
    QTY(1, "une personne", "plus de ", "plus d'une personne");
    QTY(8, "un participant", "plus de ", "plus de huit participants");
    QTY(11, "un participant", "plus de ", "plus de 11 participants");
    QTY(1, "un participant", "environ ", "environ un participant");
    QTY(0, "un participant", NULL, "aucun participant");
}

int main(void)
{
    RUN(numbers_in_words);
    RUN(plurals_of_noun_phrases);
    RUN(vowel_sounds);
    RUN(de_and_a_before_names);
    RUN(quantity_with_precision);
    return UNIT_DONE();
}
