/* test_map_pdf.c — both maps drawn in layout custom blocks with the real
 * Lato fonts (pr_map_style_for), through to the PDF backend: the document
 * renders without diagnostics, twice to identical bytes, and the maps'
 * operations use the layout's own font faces.
 *
 * `test_map_pdf --sample FILE` writes the two-page sample to FILE and
 * exits: tests/e2e/map_pdf.sh inspects it with qpdf and poppler (text of
 * the legend and attribution, no raster image, network colours on the
 * rendered page). */
#include <stdlib.h>

#include "typeset/layout.h"
#include "compose/map.h"
#include "pdf/render_pdf.h"
#include "unit.h"

#define FONTS_CONF "fonts/fonts.conf"
#define NONE ((pr_strlist){NULL, 0})

typedef struct sample {
    pr_model m;
    pr_local_network nets[4];
    pr_official offs[4];
    pr_map_info info[2];
} sample;

/* A local network. */
static pr_local_network net(const char *name, pr_scale scale, pr_strlist regions, pr_strlist deps)
{
    pr_local_network n;
    memset(&n, 0, sizeof n);
    n.id = name;
    n.name = name;
    n.scale = scale;
    n.regions = regions;
    n.departements = deps;
    n.lead = "DDT";
    n.active = 1;
    return n;
}

/* An official. */
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

/* Custom block: the networks map. */
static void draw_networks(pr_layout *L, int page, pr_box box, void *ctx)
{
    sample *s = ctx;
    pr_map_style st = pr_map_style_for(pr_layout_doc(L), pr_layout_get_style(L)->fonts);
    pr_map_networks(pr_layout_doc(L), page, box, &s->m, NULL, &st, &s->info[0]);
}

/* Custom block: the officials map. */
static void draw_officials(pr_layout *L, int page, pr_box box, void *ctx)
{
    sample *s = ctx;
    pr_map_style st = pr_map_style_for(pr_layout_doc(L), pr_layout_get_style(L)->fonts);
    pr_map_officials(pr_layout_doc(L), page, box, &s->m, &st, &s->info[1]);
}

/* The sample document: a heading and a map on each of two pages. */
static pr_doc *build(pr_diags *d, sample *s)
{
    memset(s, 0, sizeof *s);
    s->m.report.year = 2023;
    s->m.network.name = "Planif Territoires";
    /* static lists: they must outlive this function */
    static const char *r53[] = {"53"}, *corse[] = {"2A", "2B"}, *run[] = {"974"}, *d29[] = {"29"};
    s->nets[0] = net("Réseau breton", PR_SCALE_REGIONAL, (pr_strlist){r53, 1}, NONE);
    s->nets[1] = net("Réseau corse", PR_SCALE_INTERDEPARTMENTAL, NONE, (pr_strlist){corse, 2});
    s->nets[2] = net("Réseau réunionnais", PR_SCALE_DEPARTMENTAL, NONE, (pr_strlist){run, 1});
    s->nets[3] = net("Réseau finistérien", PR_SCALE_DEPARTMENTAL, NONE, (pr_strlist){d29, 1});
    s->m.local_networks = s->nets;
    s->m.n_local_networks = 4;
    s->offs[0] = official("Danielle", "MAMETZ", "59", 1, 50.665, 2.436);
    s->offs[1] = official("Suzanne", "BROLLY", "67", 1, 48.573, 7.752);
    s->offs[2] = official("Marie", "ORSINI", "2B", 0, 0, 0);
    s->offs[3] = official("Joël", "PAYET", "974", 0, 0, 0);
    s->m.officials = s->offs;
    s->m.n_officials = 4;

    pr_fontset fs;
    if (pr_fontset_load(&fs, FONTS_CONF, d)) return NULL;
    pr_layout_style st = pr_layout_style_default(&fs);
    st.header_title = "Réseau Planif Territoires";
    pr_layout *L = pr_layout_new(&st, d);
    pr_layout_heading(L, 1, NULL, "Les réseaux locaux", NULL);
    pr_layout_custom(L, 420, draw_networks, s);
    pr_layout_page_break(L);
    pr_layout_heading(L, 1, NULL, "Les élus engagés", NULL);
    pr_layout_custom(L, 420, draw_officials, s);
    pr_doc *doc = pr_layout_finish(L);
    pr_doc_info info = {"Cartes", "Réseau Planif Territoires", "Exemple de cartes", "carte",
                        "planif-rapport", 1714521600};
    pr_doc_set_info(doc, &info);
    pr_layout_free(L);
    pr_fontset_free(&fs);
    return doc;
}

TEST(maps_render_identically)
{
    pr_diags d;
    pr_diags_init(&d);
    sample s;
    pr_doc *doc = build(&d, &s);
    CHECK(doc != NULL);
    if (!doc) { pr_diags_print(&d, stderr); pr_diags_free(&d); return; }
    CHECK_INT(doc->n_pages, 2);
    CHECK_INT(d.n, 0);
    CHECK_INT(s.info[0].n_networks, 4);
    CHECK_INT(s.info[0].n_shared, 1);        /* Finistère: two networks */
    CHECK_INT(s.info[1].n_markers, 4);
    CHECK_INT(s.info[1].n_overlaps, 0);
    /* every text of the maps uses the layout's Lato faces */
    for (size_t p = 0; p < doc->n_pages; p++) {
        for (size_t i = 0; i < doc->pages[p].n_ops; i++) {
            const pr_op *o = &doc->pages[p].ops[i];
            if (o->kind != PR_OP_TEXT) continue;
            CHECK(strstr(doc->fonts[o->u.text.font], "/Lato-") != NULL);
        }
    }
    unsigned char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    CHECK_INT(pr_pdf_render(doc, &a, &na, &d), 0);
    CHECK_INT(pr_pdf_render(doc, &b, &nb, &d), 0);
    CHECK(na > 10000 && na == nb && memcmp(a, b, na) == 0);
    CHECK_INT(d.n_errors, 0);
    free(a);
    free(b);
    pr_doc_free(doc);
    pr_diags_free(&d);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--sample")) {
        pr_diags d;
        pr_diags_init(&d);
        sample s;
        pr_doc *doc = build(&d, &s);
        int rc = doc ? pr_pdf_write(doc, argv[2], &d) : 1;
        pr_diags_print(&d, stderr);
        pr_diags_free(&d);
        pr_doc_free(doc);
        return rc ? 1 : 0;
    }
    RUN(maps_render_identically);
    return UNIT_DONE();
}
