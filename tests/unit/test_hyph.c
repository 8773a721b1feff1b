/* test_hyph.c — French hyphenation points through libhyphen and hyph_fr.dic,
 * with the French rules (2 letters before, 3 after, no capitals, digits,
 * URLs; explicit hyphens only). */
#include <stdlib.h>

#include "typeset/hyph.h"
#include "unit.h"

static pr_hyph *h;

#define CHECK_HYPH(word, want)                                                  \
    do { char *got_ = pr_hyph_show(h, word); CHECK_STR(got_, want); free(got_); } while (0)

TEST(dictionary_is_utf8)
{
    FILE *f = fopen(PR_HYPH_FR_DIC, "r");
    char line[16] = "";
    CHECK(f != NULL);
    if (f) {
        CHECK(fgets(line, sizeof line, f) != NULL);
        fclose(f);
    }
    CHECK_STR(line, "UTF-8\n");
}

TEST(french_words)
{
    CHECK_HYPH("planification", "pla-ni-fi-ca-tion");
    CHECK_HYPH("intercommunalité", "in-ter-com-mu-na-lité");   /* not "li-té": 3 after */
    CHECK_HYPH("développement", "dé-ve-lop-pe-ment");
    CHECK_HYPH("territoires", "ter-ri-toires");
    CHECK_HYPH("écologique", "éco-lo-gique");
}

TEST(minimum_lengths)
{
    /* 3 letters at least after a break: "ca-tion" fine, "territoi-res" not
     * offered; 2 before: "dé-" allowed */
    CHECK_HYPH("acteurs", "ac-teurs");
    CHECK_HYPH("aide", "aide");
    CHECK_HYPH("élu", "élu");
}

TEST(punctuation_and_elision)
{
    CHECK_HYPH("l\xE2\x80\x99intercommunalit\xC3\xA9,", "l\xE2\x80\x99in-ter-com-mu-na-lit\xC3\xA9,");
    CHECK_HYPH("(planification)", "(pla-ni-fi-ca-tion)");
}

TEST(no_hyphenation)
{
    CHECK_HYPH("Planification", "Planification");
    CHECK_HYPH("ADEME", "ADEME");
    CHECK_HYPH("2023-2024", "2023-|2024");
    CHECK_HYPH("CO2e", "CO2e");
    CHECK_HYPH("https://www.planification-territoires.fr", "https://www.planification-territoires.fr");
    CHECK_HYPH("contact@planification.fr", "contact@planification.fr");
    CHECK_HYPH("planification2", "planification2");
}

TEST(explicit_hyphens)
{
    CHECK_HYPH("Auvergne-Rhône-Alpes", "Auvergne-|Rhône-|Alpes");
    CHECK_HYPH("sous-préfecture", "sous-|préfecture");
    CHECK_HYPH("a-t-il", "a-t-il");
    pr_hyph_point pts[4];
    size_t n = pr_hyph_points(h, "sous-préfecture", strlen("sous-préfecture"), pts, 4);
    CHECK_INT(n, 1);
    CHECK_INT(pts[0].at, 5);
    CHECK_INT(pts[0].add_hyphen, 0);
    /* without a dictionary, explicit hyphens still break */
    n = pr_hyph_points(NULL, "Auvergne-Rhône", strlen("Auvergne-Rhône"), pts, 4);
    CHECK_INT(n, 1);
    n = pr_hyph_points(NULL, "planification", 13, pts, 4);
    CHECK_INT(n, 0);
}

TEST(load_errors)
{
    pr_diags d;
    pr_diags_init(&d);
    CHECK(pr_hyph_load("/nonexistent/hyph_xx.dic", &d) == NULL);
    CHECK_INT(d.n, 1);
    if (d.n)
        CHECK_STR(d.items[0].msg, "dictionnaire de césure introuvable « /nonexistent/hyph_xx.dic » "
                                  "(paquet Debian hyphen-fr)");
    pr_diags_free(&d);
}

int main(void)
{
    h = pr_hyph_load(NULL, NULL);
    if (!h) {
        fprintf(stderr, "hyph_fr.dic absent\n");
        return 1;
    }
    RUN(dictionary_is_utf8);
    RUN(french_words);
    RUN(minimum_lengths);
    RUN(punctuation_and_elision);
    RUN(no_hyphenation);
    RUN(explicit_hyphens);
    RUN(load_errors);
    pr_hyph_free(h);
    return UNIT_DONE();
}
