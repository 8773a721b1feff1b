/* test_map_alt.c — the maps said in words (map_alt.h): the networks with
 * their scale, régions and départements; the officials with commune and
 * département, counted by département beyond 40. */
#include <stdlib.h>

#include "compose/map_alt.h"
#include "unit.h"

#define LIST(...) ((pr_strlist){(const char *[]){__VA_ARGS__}, \
                                sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)})
#define NONE ((pr_strlist){NULL, 0})

static pr_local_network net(const char *name, pr_scale scale, pr_strlist regions,
                            pr_strlist deps, int active)
{
    pr_local_network n;
    memset(&n, 0, sizeof n);
    n.id = name;
    n.name = name;
    n.scale = scale;
    n.regions = regions;
    n.departements = deps;
    n.active = active;
    return n;
}

TEST(networks)
{
    pr_model m;
    memset(&m, 0, sizeof m);
    m.report.year = 2023;
    pr_local_network nets[] = {
        net("Réseau breton", PR_SCALE_REGIONAL, LIST("53"), NONE, 1),
        net("Landes", PR_SCALE_DEPARTMENTAL, NONE, LIST("40"), 1),
        net("Ancien", PR_SCALE_DEPARTMENTAL, NONE, LIST("59"), 0),
        net("Grand Ouest", PR_SCALE_INTERDEPARTMENTAL, NONE, LIST("29", "44"), 1)};
    m.local_networks = nets;
    m.n_local_networks = 4;
    char *alt = pr_map_networks_alt(&m);
    CHECK_STR(alt,
              "Carte de France des réseaux locaux actifs en 2023."
              " Réseau breton (régional, région Bretagne) : 4 départements, Côtes-d'Armor (22),"
              " Finistère (29), Ille-et-Vilaine (35) et Morbihan (56)."
              " Landes (départemental) : 1 département, Landes (40)."
              " Grand Ouest (interdépartemental) : 2 départements, Finistère (29) et"
              " Loire-Atlantique (44)."
              " En tout, 3 réseaux, 6 départements couverts.");
    free(alt);
    m.n_local_networks = 0;
    alt = pr_map_networks_alt(&m);
    CHECK_STR(alt, "Carte de France des réseaux locaux actifs en 2023. Aucun réseau local actif.");
    free(alt);
}

TEST(officials)
{
    pr_model m;
    memset(&m, 0, sizeof m);
    pr_official o[45];
    memset(o, 0, sizeof o);
    for (int i = 0; i < 45; i++) {
        o[i].first_name = "Anne";
        o[i].last_name = "MARTIN";
        o[i].commune = "Roubaix";
        o[i].departement = i % 3 ? "59" : "2A";
    }
    o[1].first_name = "Jean";
    o[1].commune = NULL;
    m.officials = o;
    m.n_officials = 2;
    char *alt = pr_map_officials_alt(&m);
    CHECK_STR(alt, "Carte de France des territoires des élus engagés, 2 élus : Anne MARTIN, Roubaix, "
                   "Corse-du-Sud (2A) ; Jean MARTIN, Nord (59).");
    free(alt);
    m.n_officials = 45;   /* as many as the map counts by département */
    alt = pr_map_officials_alt(&m);
    CHECK_STR(alt, "Carte de France des territoires des élus engagés, 45 élus : "
                   "Corse-du-Sud (2A) : 15 élus ; Nord (59) : 30 élus.");
    free(alt);
    m.n_officials = 0;
    alt = pr_map_officials_alt(&m);
    CHECK_STR(alt, "Carte de France des territoires des élus engagés : aucun élu.");
    free(alt);
}

int main(void)
{
    RUN(networks);
    RUN(officials);
    return UNIT_DONE();
}
