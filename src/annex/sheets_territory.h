/* sheets_territory.h — the annex's sheets of the officials and of the
 * territories the network covers, one record per row:
 *   Élus            one official; the département's name and région are
 *                   looked up in Départements, the number of the year's
 *                   ateliers des élus attended counted in Présences des élus
 *   Réseaux locaux  one local network: its régions and départements (codes
 *                   separated by ";") and whether it is active are inputs;
 *                   the number of départements it covers is a formula
 *   Départements    every département of the reference geography; the
 *                   number of active networks covering it (directly or by
 *                   its région) and "Couvert" are formulas over Réseaux locaux
 * The column numbers (0-based) and headers are what formulas refer to. */
#ifndef PR_ANNEX_SHEETS_TERRITORY_H
#define PR_ANNEX_SHEETS_TERRITORY_H

#include "annex/book.h"

/* Élus */
enum {
    OF_ID, OF_FIRST, OF_LAST, OF_MANDATES, OF_COMMUNE, OF_DEPT, OF_DEPT_NAME, OF_REGION,
    OF_WORKSTREAM, OF_LAT, OF_LON, OF_WORKSHOPS, OF__N
};

/* Réseaux locaux */
enum {
    LN_ID, LN_NAME, LN_SCALE_KEY, LN_SCALE, LN_REGIONS, LN_DEPTS, LN_N_DEPTS, LN_LEAD,
    LN_PARTNERS, LN_ACTIVE, LN_SINCE, LN__N
};

/* Départements */
enum { DC_CODE, DC_NAME, DC_REGION_CODE, DC_REGION, DC_NETWORKS, DC_COVERED, DC__N };

_Static_assert(OF__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(LN__N <= ANNEX_MAX_COLS, "too many columns");
_Static_assert(DC__N <= ANNEX_MAX_COLS, "too many columns");

extern const char *const annex_of_headers[OF__N];
extern const char *const annex_ln_headers[LN__N];
extern const char *const annex_dc_headers[DC__N];

void annex_build_officials(annex_book *b);
void annex_build_networks(annex_book *b);
void annex_build_depts(annex_book *b);

#endif
