/* test_geo_outline.c — the département outlines, the fitted projection and
 * the point-in-polygon test: known towns fall in their département. */
#include "unit.h"

#include "data/geo.h"

TEST(every_departement_has_geometry)
{
    size_t rings_total = 0, overseas_rings = 0;
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        const pr_geo_ring *rings = NULL;
        size_t n = pr_geo_outline(d->code, &rings);
        if (n == 0) UNIT_FAIL("%s sans contour", d->code);
        for (size_t r = 0; r < n; r++) {
            CHECK(rings[r].n >= 3);
            rings_total++;
            overseas_rings += d->overseas != 0;
        }
    }
    CHECK_INT(rings_total, 113 + 11);
    CHECK_INT(overseas_rings, 11);
    CHECK_INT(pr_geo_outline("20", NULL), 0);
    CHECK_INT(pr_geo_outline("29", NULL), 3);    /* mainland, Ouessant, Batz */
    CHECK_INT(pr_geo_outline("75", NULL), 1);
    /* Basse-Terre, Grande-Terre, Marie-Galante, la Désirade, les Saintes */
    CHECK_INT(pr_geo_outline("971", NULL), 6);
    CHECK_INT(pr_geo_outline("972", NULL), 1);
    CHECK_INT(pr_geo_outline("973", NULL), 1);
    CHECK_INT(pr_geo_outline("974", NULL), 1);
    CHECK_INT(pr_geo_outline("976", NULL), 2);   /* Grande-Terre, Petite-Terre */
}

TEST(overseas_bounds)
{
    /* each overseas département lies far from the metropolitan map, and
     * its bounds hold its outline; La Réunion is about 70 km across */
    double mx0, my0, mx1, my1, x0, y0, x1, y1;
    pr_geo_bounds(&mx0, &my0, &mx1, &my1);
    static const char *const codes[] = {"971", "972", "973", "974", "976"};
    for (size_t k = 0; k < 5; k++) {
        CHECK(pr_geo_outline_bounds(codes[k], &x0, &y0, &x1, &y1));
        CHECK(x1 > x0 && y1 > y0);
        CHECK(x1 < mx0 || x0 > mx1 || y0 > my1);
        const pr_geo_ring *rings;
        size_t n = pr_geo_outline(codes[k], &rings);
        for (size_t r = 0; r < n; r++)
            for (size_t i = 0; i < rings[r].n; i++) {
                CHECK(rings[r].xy[2 * i] >= x0 && rings[r].xy[2 * i] <= x1);
                CHECK(rings[r].xy[2 * i + 1] >= y0 && rings[r].xy[2 * i + 1] <= y1);
            }
    }
    pr_geo_outline_bounds("974", &x0, &y0, &x1, &y1);
    double w_km = (x1 - x0) / 41.429712 * 111.32 * cos(21.1 * 3.14159265358979 / 180);
    CHECK(w_km > 60 && w_km < 80);
    CHECK(!pr_geo_outline_bounds("20", &x0, &y0, &x1, &y1));
    /* the metropolitan bounds are those of the SVG map, overseas aside */
    CHECK(mx1 > 612 && mx1 <= 613 && my1 > 584 && my1 <= 585);
}

TEST(bounds_within_viewbox)
{
    double x0, y0, x1, y1;
    pr_geo_bounds(&x0, &y0, &x1, &y1);
    CHECK(x0 >= 0 && x0 < 1);
    CHECK(y0 >= 0 && y0 < 1);
    CHECK(x1 > 612 && x1 <= 613);
    CHECK(y1 > 584 && y1 <= 585);
}

/* The codes of the départements containing a projected lon/lat point. */
static const char *where(double lat, double lon)
{
    static char buf[64];
    double x, y;
    pr_geo_project(lon, lat, &x, &y);
    buf[0] = 0;
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        const char *code = pr_geo_departement_at(i)->code;
        if (pr_geo_contains(code, x, y)) {
            if (buf[0]) strcat(buf, " ");
            strcat(buf, code);
        }
    }
    return buf;
}

TEST(towns_in_their_departement)
{
    CHECK_STR(where(48.8566, 2.3522), "75");    /* Paris */
    CHECK_STR(where(48.3904, -4.4861), "29");   /* Brest */
    CHECK_STR(where(48.5734, 7.7521), "67");    /* Strasbourg */
    CHECK_STR(where(43.2965, 5.3698), "13");    /* Marseille */
    CHECK_STR(where(41.9267, 8.7369), "2A");    /* Ajaccio */
    CHECK_STR(where(42.6973, 9.4509), "2B");    /* Bastia */
    CHECK_STR(where(50.6292, 3.0573), "59");    /* Lille */
    CHECK_STR(where(45.7640, 4.8357), "69");    /* Lyon */
    CHECK_STR(where(43.6047, 1.4442), "31");    /* Toulouse */
    CHECK_STR(where(44.8378, -0.5792), "33");   /* Bordeaux */
    CHECK_STR(where(47.2184, -1.5536), "44");   /* Nantes */
    CHECK_STR(where(45.1885, 5.7245), "38");    /* Grenoble */
    CHECK_STR(where(47.6380, 6.8628), "90");    /* Belfort */
    CHECK_STR(where(48.8924, 2.2153), "92");    /* Nanterre */
    CHECK_STR(where(16.2411, -61.5331), "971"); /* Pointe-à-Pitre */
    CHECK_STR(where(16.15, -61.67), "971");     /* Basse-Terre island */
    CHECK_STR(where(15.95, -61.27), "971");     /* Marie-Galante */
    CHECK_STR(where(14.64, -61.02), "972");     /* Fort-de-France */
    CHECK_STR(where(4.9224, -52.3135), "973");  /* Cayenne */
    CHECK_STR(where(5.1597, -52.6503), "973");  /* Kourou */
    CHECK_STR(where(-20.8823, 55.4504), "974"); /* Saint-Denis */
    CHECK_STR(where(-21.278, 55.517), "974");   /* Le Tampon */
    CHECK_STR(where(-12.83, 45.15), "976");     /* Grande-Terre, inland */
    CHECK_STR(where(-12.79, 45.28), "976");     /* Petite-Terre (Dzaoudzi) */
    CHECK_STR(where(40.0, 3.0), "");            /* at sea, off Minorca */
    CHECK_STR(where(-21.0, 57.5), "");          /* Mauritius */
    CHECK_STR(where(17.9, -62.83), "");         /* Saint-Barthélemy: not a département */
    CHECK_STR(where(51.5074, -0.1278), "");     /* London */
}

TEST(projection_values)
{
    double x, y;
    pr_geo_project(0, 0, &x, &y);
    CHECK_NEAR(x, 215.3525, 1e-9);
    CHECK_NEAR(y, 2470.0421, 1e-9);
    /* conformal: one degree of longitude = k units at the equator */
    pr_geo_project(1, 0, &x, &y);
    CHECK_NEAR(x - 215.3525, 41.429712, 1e-9);
    /* Mercator stretch: M(45°) = ln(tan 67.5°) rad = 50.4987 degrees */
    pr_geo_project(0, 45, &x, &y);
    CHECK_NEAR(2470.0421 - y, 41.429712 * 50.498987, 1e-3);
}

TEST(anchors_inside_their_outline)
{
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        double x, y;
        if (d->overseas) {
            CHECK(d->lat < 17 && d->lat > -22);
            CHECK(d->lon < -50 || d->lon > 44);
        }
        pr_geo_project(d->lon, d->lat, &x, &y);
        if (!pr_geo_contains(d->code, x, y)) UNIT_FAIL("ancre de %s hors du contour", d->code);
    }
}

TEST(enclaves_are_holes)
{
    /* the Hautes-Pyrénées enclaves inside Pyrénées-Atlantiques */
    CHECK(pr_geo_contains("65", 211.4, 473.4));
    CHECK(!pr_geo_contains("64", 211.4, 473.4));
    CHECK(pr_geo_contains("64", 205.0, 473.4));
    CHECK(!pr_geo_contains("976", 205.0, 473.4));
    CHECK(!pr_geo_contains("xx", 211.4, 473.4));
}

/* 1 when the edge a->b appears (either way) in one of the given outlines. */
static int edge_in(const char *const *codes, float ax, float ay, float bx, float by)
{
    for (; *codes; codes++) {
        const pr_geo_ring *rings;
        size_t n = pr_geo_outline(*codes, &rings);
        for (size_t r = 0; r < n; r++) {
            const float *p = rings[r].xy;
            for (size_t i = 0, j = rings[r].n - 1; i < rings[r].n; j = i++) {
                if ((p[2 * j] == bx && p[2 * j + 1] == by && p[2 * i] == ax && p[2 * i + 1] == ay) ||
                    (p[2 * j] == ax && p[2 * j + 1] == ay && p[2 * i] == bx && p[2 * i + 1] == by))
                    return 1;
            }
        }
    }
    return 0;
}

TEST(shared_borders_match)
{
    /* Paris is surrounded by 92, 93, 94: every edge of its outline is an
     * edge of one of them, vertex for vertex (no slivers, no gaps). */
    static const char *const around[] = {"92", "93", "94", NULL};
    const pr_geo_ring *rings;
    CHECK_INT(pr_geo_outline("75", &rings), 1);
    const float *p = rings[0].xy;
    size_t n = rings[0].n, missing = 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        if (!edge_in(around, p[2 * j], p[2 * j + 1], p[2 * i], p[2 * i + 1])) missing++;
    CHECK_INT(missing, 0);
    CHECK(n >= 8);
    /* the Corse-du-Sud / Haute-Corse border is shared too */
    static const char *const corse[] = {"2B", NULL};
    size_t shared = 0;
    CHECK_INT(pr_geo_outline("2A", &rings), 1);
    p = rings[0].xy;
    n = rings[0].n;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        shared += (size_t)edge_in(corse, p[2 * j], p[2 * j + 1], p[2 * i], p[2 * i + 1]);
    CHECK(shared >= 5);
}

int main(void)
{
    RUN(every_departement_has_geometry);
    RUN(overseas_bounds);
    RUN(bounds_within_viewbox);
    RUN(towns_in_their_departement);
    RUN(projection_values);
    RUN(anchors_inside_their_outline);
    RUN(enclaves_are_holes);
    RUN(shared_borders_match);
    return UNIT_DONE();
}
