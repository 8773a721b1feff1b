/* map_alt.h — the two maps said in words (French): the alternative text
 * of their Figure in the tagged PDF (PDF/UA-1, 7.3), written from the
 * data the maps are drawn from (map.h), for a reader who does not see
 * them: which local networks cover which départements, which elected
 * officials in which communes.
 *
 * Kept apart from map.c (which draws) so that the words and the drawing
 * can change independently; both read the same model. */
#ifndef PR_MAP_ALT_H
#define PR_MAP_ALT_H

#include "data/model.h"

/* The networks map: its title, then each active network with its scale
 * and the départements it covers (a regional network: its régions, and
 * their départements), then how many départements are covered in all.
 * Caller frees. */
char *pr_map_networks_alt(const pr_model *m);

/* The officials' map: its title, then each official, with the commune and
 * the département (beyond 40 officials, as the map: how many in each
 * département). Caller frees. */
char *pr_map_officials_alt(const pr_model *m);

#endif
