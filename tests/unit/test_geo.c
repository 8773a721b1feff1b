/* test_geo.c — the reference geography: official lists, lookups, région
 * membership. */
#include "unit.h"

#include "data/geo.h"

TEST(counts)
{
    CHECK_INT(pr_geo_departement_count(), 101);
    CHECK_INT(pr_geo_region_count(), 18);
    size_t metro = 0, overseas = 0;
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        if (pr_geo_departement_at(i)->overseas) overseas++; else metro++;
    }
    CHECK_INT(metro, 96);
    CHECK_INT(overseas, 5);
    CHECK(pr_geo_departement_at(101) == NULL);
    CHECK(pr_geo_region_at(18) == NULL);
}

TEST(lookups)
{
    const pr_departement *d = pr_geo_departement("2A");
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->name, "Corse-du-Sud");
        CHECK_STR(d->region, "94");
        CHECK_INT(d->overseas, 0);
    }
    d = pr_geo_departement("976");
    CHECK(d != NULL);
    if (d) { CHECK_STR(d->name, "Mayotte"); CHECK_STR(d->region, "06"); CHECK_INT(d->overseas, 1); }
    d = pr_geo_departement("29");
    CHECK(d != NULL);
    if (d) CHECK_STR(d->name, "Finistère");
    CHECK(pr_geo_departement("20") == NULL);
    CHECK(pr_geo_departement("975") == NULL);
    CHECK(pr_geo_departement("977") == NULL);
    CHECK(pr_geo_departement("2a") == NULL);
    CHECK(pr_geo_departement("1") == NULL);
    CHECK(pr_geo_departement("") == NULL);
    CHECK(pr_geo_departement(NULL) == NULL);
    const pr_region *r = pr_geo_region("84");
    CHECK(r != NULL);
    if (r) CHECK_STR(r->name, "Auvergne-Rhône-Alpes");
    r = pr_geo_region("93");
    CHECK(r != NULL);
    if (r) CHECK_STR(r->name, "Provence-Alpes-Côte d'Azur");
    CHECK(pr_geo_region("05") == NULL);
    CHECK(pr_geo_region("975") == NULL);
}

TEST(official_codes)
{
    static const char *regions[] = {"01", "02", "03", "04", "06", "11", "24", "27", "28",
                                    "32", "44", "52", "53", "75", "76", "84", "93", "94"};
    for (size_t i = 0; i < 18; i++) {
        CHECK_STR(pr_geo_region_at(i)->code, regions[i]);
    }
    /* every code 01..95 except 20, then 2A, 2B and 971..974, 976 */
    char code[4];
    size_t found = 0;
    for (int n = 1; n <= 95; n++) {
        snprintf(code, sizeof code, "%02d", n);
        if (n == 20) { CHECK(pr_geo_departement(code) == NULL); continue; }
        if (pr_geo_departement(code)) found++; else UNIT_FAIL("%s absent", code);
    }
    static const char *others[] = {"2A", "2B", "971", "972", "973", "974", "976"};
    for (size_t i = 0; i < 7; i++) {
        if (pr_geo_departement(others[i])) found++; else UNIT_FAIL("%s absent", others[i]);
    }
    CHECK_INT(found, 101);
    /* sorted by code, each région exists */
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        CHECK(pr_geo_region(d->region) != NULL);
        if (i) CHECK(strcmp(pr_geo_departement_at(i - 1)->code, d->code) < 0);
        CHECK(pr_geo_departement(d->code) == d);
    }
}

/* Codes of a région's départements joined by spaces. */
static const char *region_codes(const char *region, size_t *n)
{
    static char buf[256];
    const pr_departement *out[16];
    *n = pr_geo_region_departements(region, out, 16);
    buf[0] = 0;
    for (size_t i = 0; i < *n && i < 16; i++) {
        if (i) strcat(buf, " ");
        strcat(buf, out[i]->code);
    }
    return buf;
}

TEST(region_members)
{
    size_t n;
    CHECK_STR(region_codes("53", &n), "22 29 35 56");
    CHECK_INT(n, 4);
    CHECK_STR(region_codes("11", &n), "75 77 78 91 92 93 94 95");
    CHECK_INT(n, 8);
    CHECK_STR(region_codes("94", &n), "2A 2B");
    CHECK_STR(region_codes("06", &n), "976");
    CHECK_STR(region_codes("84", &n), "01 03 07 15 26 38 42 43 63 69 73 74");
    CHECK_INT(n, 12);
    CHECK_STR(region_codes("76", &n), "09 11 12 30 31 32 34 46 48 65 66 81 82");
    CHECK_INT(n, 13);
    CHECK_STR(region_codes("99", &n), "");
    CHECK_INT(n, 0);
    /* max smaller than the count: returns the full count, writes max */
    const pr_departement *two[2] = {NULL, NULL};
    CHECK_INT(pr_geo_region_departements("11", two, 1), 8);
    CHECK(two[0] && strcmp(two[0]->code, "75") == 0);
    CHECK(two[1] == NULL);
    /* 13 metropolitan régions, every département in exactly one région */
    size_t metro = 0, total = 0;
    for (size_t i = 0; i < pr_geo_region_count(); i++) {
        const pr_region *r = pr_geo_region_at(i);
        const pr_departement *out[16];
        size_t k = pr_geo_region_departements(r->code, out, 16);
        CHECK(k >= 1);
        total += k;
        if (k && !out[0]->overseas) metro++;
    }
    CHECK_INT(metro, 13);
    CHECK_INT(total, 101);
}

int main(void)
{
    RUN(counts);
    RUN(lookups);
    RUN(official_codes);
    RUN(region_members);
    return UNIT_DONE();
}
