/* geo.h — reference geography: the official list of départements and
 * régions (INSEE codes), and simplified département outlines for the maps.
 *
 * The data is derived from public sources by tools/geo/regenerate and
 * committed under data/geo/ (see data/geo/README.md for sources, licences
 * and attribution). It is compiled into the program, so lookups never fail
 * for lack of a file. All returned pointers are static. */
#ifndef PR_GEO_H
#define PR_GEO_H

#include <stddef.h>

typedef struct pr_departement {
    const char *code;      /* "01".."95", "2A", "2B", "971".."976" */
    const char *name;      /* "Ain", "Corse-du-Sud" */
    const char *region;    /* région code, "84" */
    int overseas;          /* 1 for 971..976 */
    double lat, lon;       /* a point inside the département (label anchor) */
} pr_departement;

typedef struct pr_region {
    const char *code;      /* "84" */
    const char *name;      /* "Auvergne-Rhône-Alpes" */
} pr_region;

/* Lookup by exact code; NULL when the code is not official. */
const pr_departement *pr_geo_departement(const char *code);
const pr_region *pr_geo_region(const char *code);

/* All départements (sorted by code) / régions (sorted by code). */
size_t pr_geo_departement_count(void);
const pr_departement *pr_geo_departement_at(size_t i);
size_t pr_geo_region_count(void);
const pr_region *pr_geo_region_at(size_t i);

/* Départements of a région, in code order: writes up to `max` pointers to
 * out, returns how many the région has. */
size_t pr_geo_region_departements(const char *region, const pr_departement **out, size_t max);

/* ---- outlines -------------------------------------------------------------
 * Each département is one or more rings of points in projected map units
 * (x right, y down), see pr_geo_project(). The overseas départements use
 * the same projection, so they lie far from the metropolitan map: maps draw
 * each in an inset of its own, at its own scale (pr_geo_outline_bounds). */
typedef struct pr_geo_ring {
    size_t n;              /* number of points */
    const float *xy;       /* 2*n coordinates */
} pr_geo_ring;

/* Rings of a département's outline (0 if none). */
size_t pr_geo_outline(const char *code, const pr_geo_ring **rings);
/* Bounding box of all metropolitan outlines in map units (the overseas
 * départements are not in it). */
void pr_geo_bounds(double *x0, double *y0, double *x1, double *y1);
/* Bounding box of one département's outline in map units; 0 (and the box
 * untouched) when the code is unknown. */
int pr_geo_outline_bounds(const char *code, double *x0, double *y0, double *x1, double *y1);
/* Project longitude/latitude (degrees) into the outlines' map units. */
void pr_geo_project(double lon, double lat, double *x, double *y);
/* 1 when the map point (x, y) lies inside the département's outline
 * (even-odd rule, so enclaves are outside); 0 otherwise or without one. */
int pr_geo_contains(const char *code, double x, double y);

#endif
