/* template_style.c — reading style.yaml into typed values (see
 * template_style.h): the defaults, the component style table, and the
 * checks on every section, role, entry and colour. */
#include "compose/template_style.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)

/* A template error at pos; counts it in *errors. */
static void serr(pr_diags *d, size_t *errors, pr_pos pos, const char *fmt, ...) PR_PRINTF(4, 5);
static void serr(pr_diags *d, size_t *errors, pr_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = pr_vasprintf(fmt, ap);
    va_end(ap);
    pr_template_error(d, pos, NULL, "%s", msg);
    free(msg);
    (*errors)++;
}

static int is_string(const pr_value *v)
{
    return v && v->kind == PR_V_SCALAR && v->style != PR_SCALAR_NULL;
}

/* ======================================================================
 * Shared checks
 * ====================================================================== */
void pr_tpl_unknown_key(pr_diags *d, pr_pos pos, const char *what, const char *key,
                        const char *const *known)
{
    const char *sg = pr_suggest(key, known);
    pr_strbuf sb = {0};
    for (size_t i = 0; known[i]; i++)
        pr_sb_printf(&sb, "%s%s", i ? ", " : "", known[i]);
    /* agreement: the feminine nouns used as `what` */
    static const char *const fem[] = {"clé", "marge", "graisse", "valeur", "section", NULL};
    const char *e = "";
    for (size_t i = 0; fem[i]; i++)
        if (!strncmp(what, fem[i], strlen(fem[i])))
            e = "e";
    if (sg)
        pr_template_error(d, pos, NULL, "%s inconnu%s « %s » (vouliez-vous dire « %s » ?)", what, e,
                          key, sg);
    else
        pr_template_error(d, pos, NULL, "%s inconnu%s « %s » (attendu : %s)", what, e, key,
                          sb.data ? sb.data : "");
    pr_sb_free(&sb);
}

int pr_tpl_read_number(const pr_value *v, double lo, double hi, double *out, pr_diags *d)
{
    size_t errors = 0;
    if (!v || v->kind != PR_V_SCALAR) {
        serr(d, &errors, v ? v->pos : (pr_pos){0}, "nombre attendu");
        return -1;
    }
    char *end;
    errno = 0;
    double x = strtod(v->text, &end);
    if (!*v->text || *end || errno || !isfinite(x)) {
        serr(d, &errors, v->pos, "nombre attendu, pas « %s »", v->text);
        return -1;
    }
    if (x < lo || x > hi) {
        serr(d, &errors, v->pos, "valeur « %s » hors limites (de %g à %g)", v->text, lo, hi);
        return -1;
    }
    *out = x;
    return 0;
}

/* Parse "#RRGGBB". */
static int parse_hex(const char *s, pr_rgb *out)
{
    if (strlen(s) != 7 || s[0] != '#')
        return -1;
    unsigned v = 0;
    for (int i = 1; i < 7; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = (pr_rgb)v;
    return 0;
}

int pr_tpl_style_color(const pr_tpl_style *s, const char *text, pr_rgb *out)
{
    if (text[0] == '#')
        return parse_hex(text, out);
    for (size_t i = 0; i < s->n_colors; i++)
        if (!strcmp(s->color_names[i], text)) {
            *out = s->colors[i];
            return 0;
        }
    return -1;
}

void pr_tpl_style_color_error(const pr_tpl_style *s, const pr_value *v, pr_diags *d)
{
    const char **names = pr_malloc((s->n_colors + 1) * sizeof *names);
    for (size_t i = 0; i < s->n_colors; i++)
        names[i] = s->color_names[i];
    names[s->n_colors] = NULL;
    const char *sg = v->text[0] == '#' ? NULL : pr_suggest(v->text, names);
    if (v->text[0] == '#')
        pr_template_error(d, v->pos, NULL, "couleur invalide « %s » (attendu : #RRGGBB)", v->text);
    else if (sg)
        pr_template_error(d, v->pos, NULL, "couleur inconnue « %s » (vouliez-vous dire « %s » ?)",
                          v->text, sg);
    else
        pr_template_error(d, v->pos, NULL,
                          "couleur inconnue « %s » : ni une couleur de la palette, ni #RRGGBB",
                          v->text);
    free(names);
}

/* A colour value of style.yaml into *out; 0, or -1 after an error. */
static int read_color(const pr_tpl_style *s, const pr_value *x, pr_rgb *out, pr_diags *d,
                      size_t *errors)
{
    if (!is_string(x)) {
        serr(d, errors, x->pos, "couleur attendue");
        return -1;
    }
    if (pr_tpl_style_color(s, x->text, out)) {
        pr_tpl_style_color_error(s, x, d);
        (*errors)++;
        return -1;
    }
    return 0;
}

/* pr_tpl_read_number, counting the error. */
static int read_number(const pr_value *v, double lo, double hi, double *out, pr_diags *d,
                       size_t *errors)
{
    if (pr_tpl_read_number(v, lo, hi, out, d)) {
        (*errors)++;
        return -1;
    }
    return 0;
}

/* ======================================================================
 * Defaults and names
 * ====================================================================== */
static const char *const font_weights[] = {
    "regular", "italic", "bold", "bolditalic", "black", "light", "semibold", NULL
};

static const char *const color_role_keys[] = {
    "principale", "secondaire", "accent", "texte", "discret", "fond_clair", "filet", "lien",
    "sur_principale", NULL
};

static const char *const font_role_keys[] = {
    "titre", "intertitre", "sous_titre", "texte", "legende", "chiffre", "numero", "entete", NULL
};

/* What style.yaml's page, couleurs and polices do not set. */
static void style_defaults(pr_tpl_style *s)
{
    s->page_w = 210 * MM;
    s->page_h = 297 * MM;
    s->margin_top = 22 * MM;
    s->margin_bottom = 22 * MM;
    s->margin_left = 20 * MM;
    s->margin_right = 20 * MM;
    pr_rgb ink = 0x161616, blue = 0x000091;
    s->fonts[PR_FONT_TITLE] = (pr_tpl_font){PR_STYLE_BLACK, 30, blue};
    s->fonts[PR_FONT_H1] = (pr_tpl_font){PR_STYLE_BOLD, 17, blue};
    s->fonts[PR_FONT_H2] = (pr_tpl_font){PR_STYLE_BOLD, 12.5, blue};
    s->fonts[PR_FONT_BODY] = (pr_tpl_font){PR_STYLE_REGULAR, 10, ink};
    s->fonts[PR_FONT_CAPTION] = (pr_tpl_font){PR_STYLE_ITALIC, 8.5, ink};
    s->fonts[PR_FONT_FIGURE] = (pr_tpl_font){PR_STYLE_BLACK, 30, blue};
    s->fonts[PR_FONT_NUMERAL] = (pr_tpl_font){PR_STYLE_BLACK, 140, blue};
    s->fonts[PR_FONT_HEADER] = (pr_tpl_font){PR_STYLE_REGULAR, 8, ink};
    const pr_rgb roles[PR_ROLE__COUNT] = {0x000091, 0xE1000F, 0x18753C, 0x161616, 0x666666,
                                          0xF5F5FE, 0xDDDDDD, 0x000091, 0xFFFFFF};
    memcpy(s->roles, roles, sizeof roles);
}

/* The component styles: every entry of style.yaml `composants`, where it
 * goes and what it is when the file does not set it. A default is a colour
 * role, the colour of a font role, a fixed colour, "none" or a number. */
typedef enum { CF_COLOR, CF_NUMBER } comp_kind;
typedef enum { DEF_ROLE, DEF_FONT_COLOR, DEF_RGB, DEF_NUMBER } def_kind;

typedef struct comp_field {
    const char *group, *key;     /* composants.GROUP.KEY */
    comp_kind kind;
    size_t offset;               /* of the pr_rgb or double in pr_tpl_components */
    def_kind def;
    pr_rgb def_rgb;              /* DEF_ROLE: a pr_color_role; DEF_FONT_COLOR: a
                                    pr_font_role; DEF_RGB: the colour */
    double def_number;           /* DEF_NUMBER */
} comp_field;

#define AT(f) offsetof(pr_tpl_components, f)
#define ROLE(g, k, f, role) {g, k, CF_COLOR, AT(f), DEF_ROLE, role, 0}
#define FONT(g, k, f, font) {g, k, CF_COLOR, AT(f), DEF_FONT_COLOR, font, 0}
#define RGB(g, k, f, rgb) {g, k, CF_COLOR, AT(f), DEF_RGB, rgb, 0}
#define NUM(g, k, f, x) {g, k, CF_NUMBER, AT(f), DEF_NUMBER, 0, x}

/* Grouped by component style, in the order of report-templates/README.md. */
static const comp_field comp_fields[] = {
    ROLE("couverture", "fond", cover.background, PR_ROLE_PRIMARY),
    RGB("couverture", "bandeau", cover.band, 0xFFFFFF),
    ROLE("couverture", "texte", cover.text, PR_ROLE_ON_PRIMARY),
    ROLE("couverture", "accent", cover.accent, PR_ROLE_SECONDARY),
    ROLE("sommaire", "numero", contents.numeral, PR_ROLE_SECONDARY),
    ROLE("sommaire", "texte", contents.text, PR_ROLE_PRIMARY),
    ROLE("sommaire", "filet", contents.rule, PR_ROLE_RULE),
    ROLE("intercalaire", "fond", divider.background, PR_ROLE_PRIMARY),
    ROLE("intercalaire", "texte", divider.text, PR_ROLE_ON_PRIMARY),
    ROLE("intercalaire", "numero", divider.numeral, PR_ROLE_ON_PRIMARY),
    ROLE("intercalaire", "filet", divider.rule, PR_ROLE_SECONDARY),
    ROLE("quatrieme", "fond", back_cover.background, PR_ROLE_PRIMARY),
    ROLE("quatrieme", "texte", back_cover.text, PR_ROLE_ON_PRIMARY),
    ROLE("quatrieme", "accent", back_cover.accent, PR_ROLE_SECONDARY),
    NUM("intertitre", "espace_avant", heading.space_before, 16),
    NUM("intertitre", "espace_apres", heading.space_after, 8),
    NUM("sous_titre", "espace_avant", subheading.space_before, 10),
    NUM("texte", "interligne", body.leading, 1.4),
    NUM("texte", "espace_paragraphe", body.paragraph_space, 7),
    ROLE("tuiles", "accent", tiles.accent, PR_ROLE_PRIMARY),
    ROLE("tuiles", "etiquette", tiles.label, PR_ROLE_SECONDARY),
    ROLE("chiffres_cles", "fond", key_figures.background, PR_ROLE_LIGHT),
    FONT("chiffres_cles", "chiffre", key_figures.figure, PR_FONT_FIGURE),
    FONT("chiffres_cles", "texte", key_figures.text, PR_FONT_BODY),
    ROLE("chiffres_cles", "accent", key_figures.accent, PR_ROLE_SECONDARY),
    ROLE("cartes_personnes", "pastille", people.disc, PR_ROLE_PRIMARY),
    ROLE("liste_datee", "date_fond", dated_list.date_background, PR_ROLE_PRIMARY),
    ROLE("frise", "pastille", timeline.disc, PR_ROLE_SECONDARY),
    ROLE("encadre", "fond", callout.background, PR_ROLE_LIGHT),
    ROLE("encadre", "bordure", callout.border, PR_ROLE_PRIMARY),
    FONT("encadre", "titre", callout.title, PR_FONT_H2),
    RGB("carte", "fond", map.background, 0xF6F6F6),
    RGB("carte", "bordure", map.border, PR_RGB_NONE),
    ROLE("carte", "texte", map.text, PR_ROLE_MUTED),
    ROLE("lien", "couleur", link.color, PR_ROLE_LINK),
    ROLE("lien", "fond", link.background, PR_ROLE_LIGHT),
    ROLE("tableau_colonnes", "entete_fond", columns.header_background, PR_ROLE_PRIMARY),
};
#define N_COMP_FIELDS (sizeof comp_fields / sizeof comp_fields[0])

/* The field's place in the components. */
static pr_rgb *rgb_at(pr_tpl_components *c, const comp_field *f)
{
    return (pr_rgb *)(void *)((char *)c + f->offset);
}

static double *number_at(pr_tpl_components *c, const comp_field *f)
{
    return (double *)(void *)((char *)c + f->offset);
}

/* The component style groups, in table order (NULL-terminated). */
static size_t comp_groups(const char *groups[N_COMP_FIELDS + 1])
{
    size_t n = 0;
    for (size_t q = 0; q < N_COMP_FIELDS; q++)
        if (!n || strcmp(groups[n - 1], comp_fields[q].group))
            groups[n++] = comp_fields[q].group;
    groups[n] = NULL;
    return n;
}

/* Read `composants` (set[q]: entry q was given). */
static void load_components(pr_tpl_style *s, const pr_value *v, unsigned char *set, pr_diags *d,
                            size_t *errors)
{
    if (v->kind != PR_V_MAP) {
        serr(d, errors, v->pos, "composants : un groupe par composant est attendu");
        return;
    }
    const char *groups[N_COMP_FIELDS + 1];
    comp_groups(groups);
    for (size_t j = 0; j < v->n; j++) {
        const char *g = v->keys[j];
        const pr_value *gv = v->items[j];
        int known_group = 0;
        for (size_t q = 0; groups[q]; q++)
            if (!strcmp(groups[q], g))
                known_group = 1;
        if (!known_group) {
            pr_tpl_unknown_key(d, v->key_pos[j], "composant de style", g, groups);
            (*errors)++;
            continue;
        }
        if (gv->kind != PR_V_MAP) {
            serr(d, errors, gv->pos, "composants.%s : un groupe de clés est attendu", g);
            continue;
        }
        for (size_t m = 0; m < gv->n; m++) {
            const comp_field *found = NULL;
            const char *keys[N_COMP_FIELDS + 1];
            size_t nk = 0;
            for (size_t q = 0; q < N_COMP_FIELDS; q++)
                if (!strcmp(comp_fields[q].group, g)) {
                    keys[nk++] = comp_fields[q].key;
                    if (!strcmp(comp_fields[q].key, gv->keys[m]))
                        found = &comp_fields[q];
                }
            keys[nk] = NULL;
            if (!found) {
                pr_tpl_unknown_key(d, gv->key_pos[m], "réglage", gv->keys[m], keys);
                (*errors)++;
                continue;
            }
            const pr_value *x = gv->items[m];
            int ok = found->kind == CF_COLOR
                         ? !read_color(s, x, rgb_at(&s->comp, found), d, errors)
                         : !read_number(x, 0, 1000, number_at(&s->comp, found), d, errors);
            if (ok)
                set[found - comp_fields] = 1;
        }
    }
}

/* What `composants` did not set, from the defaults (after the roles and
 * fonts are known). */
static void component_defaults(pr_tpl_style *s, const unsigned char *set)
{
    for (size_t q = 0; q < N_COMP_FIELDS; q++) {
        const comp_field *f = &comp_fields[q];
        if (set[q])
            continue;
        switch (f->def) {
        case DEF_ROLE: *rgb_at(&s->comp, f) = s->roles[f->def_rgb]; break;
        case DEF_FONT_COLOR: *rgb_at(&s->comp, f) = s->fonts[f->def_rgb].color; break;
        case DEF_RGB: *rgb_at(&s->comp, f) = f->def_rgb; break;
        case DEF_NUMBER: *number_at(&s->comp, f) = f->def_number; break;
        }
    }
}

/* ======================================================================
 * The sections of style.yaml
 * ====================================================================== */
static void load_palette(pr_tpl_style *s, const pr_value *pal, pr_arena *arena, pr_diags *d,
                         size_t *errors)
{
    if (pal->kind != PR_V_MAP) {
        serr(d, errors, pal->pos, "palette : un groupe « nom: \"#RRGGBB\" » est attendu");
        return;
    }
    s->color_names = pr_arena_alloc(arena, (pal->n + 1) * sizeof *s->color_names);
    s->colors = pr_arena_alloc(arena, (pal->n + 1) * sizeof *s->colors);
    for (size_t i = 0; i < pal->n; i++) {
        const pr_value *v = pal->items[i];
        pr_rgb c;
        if (!is_string(v) || parse_hex(v->text, &c)) {
            serr(d, errors, v->pos, "palette : « %s » doit être une couleur #RRGGBB", pal->keys[i]);
            continue;
        }
        s->color_names[s->n_colors] = pal->keys[i];
        s->colors[s->n_colors++] = c;
    }
}

/* The smallest text frame a page may keep, in millimetres. */
#define MIN_FRAME_MM 40

static void load_page(pr_tpl_style *s, const pr_value *v, pr_diags *d, size_t *errors)
{
    if (v->kind != PR_V_MAP) {
        serr(d, errors, v->pos, "page : un groupe de clés est attendu");
        return;
    }
    static const char *const pk[] = {"format", "largeur", "hauteur", "marges", "colonne_texte",
                                     NULL};
    const pr_value *column = NULL;
    for (size_t j = 0; j < v->n; j++) {
        const char *pkey = v->keys[j];
        const pr_value *pv = v->items[j];
        double x;
        if (!strcmp(pkey, "format")) {
            if (!is_string(pv) || (strcmp(pv->text, "A4") && strcmp(pv->text, "A5")))
                serr(d, errors, pv->pos, "format de page inconnu (attendu : A4 ou A5)");
            else if (!strcmp(pv->text, "A5")) {
                s->page_w = 148 * MM;
                s->page_h = 210 * MM;
            }
        } else if (!strcmp(pkey, "largeur")) {
            if (!read_number(pv, 50, 1000, &x, d, errors))
                s->page_w = x * MM;
        } else if (!strcmp(pkey, "hauteur")) {
            if (!read_number(pv, 50, 1000, &x, d, errors))
                s->page_h = x * MM;
        } else if (!strcmp(pkey, "marges")) {
            if (pv->kind != PR_V_MAP) {
                serr(d, errors, pv->pos, "marges : un groupe haut, bas, gauche, droite est attendu");
                continue;
            }
            static const char *const mk[] = {"haut", "bas", "gauche", "droite", NULL};
            for (size_t m = 0; m < pv->n; m++) {
                double *dst = !strcmp(pv->keys[m], "haut") ? &s->margin_top
                              : !strcmp(pv->keys[m], "bas") ? &s->margin_bottom
                              : !strcmp(pv->keys[m], "gauche") ? &s->margin_left
                              : !strcmp(pv->keys[m], "droite") ? &s->margin_right : NULL;
                if (!dst) {
                    pr_tpl_unknown_key(d, pv->key_pos[m], "marge", pv->keys[m], mk);
                    (*errors)++;
                    continue;
                }
                if (!read_number(pv->items[m], 0, 100, &x, d, errors))
                    *dst = x * MM;
            }
        } else if (!strcmp(pkey, "colonne_texte")) {
            if (pv->kind != PR_V_MAP) {
                serr(d, errors, pv->pos, "colonne_texte : un groupe largeur, retrait est attendu");
                continue;
            }
            column = pv;
            static const char *const ck[] = {"largeur", "retrait", NULL};
            for (size_t m = 0; m < pv->n; m++) {
                double *dst = !strcmp(pv->keys[m], "largeur") ? &s->text_width
                              : !strcmp(pv->keys[m], "retrait") ? &s->text_indent : NULL;
                if (!dst) {
                    pr_tpl_unknown_key(d, pv->key_pos[m], "réglage de colonne", pv->keys[m], ck);
                    (*errors)++;
                    continue;
                }
                if (!read_number(pv->items[m], 0, 1000, &x, d, errors))
                    *dst = x * MM;
            }
        } else {
            pr_tpl_unknown_key(d, v->key_pos[j], "réglage de page", pkey, pk);
            (*errors)++;
        }
    }
    /* the text frame must remain (margins larger than the page once gave
     * a report of 934 pages, one word each) */
    double fw = (s->page_w - s->margin_left - s->margin_right) / MM;
    double fh = (s->page_h - s->margin_top - s->margin_bottom) / MM;
    if (fw < MIN_FRAME_MM || fh < MIN_FRAME_MM) {
        const pr_value *mv = pr_value_get(v, "marges");
        serr(d, errors, mv ? mv->pos : v->pos,
             "marges trop grandes pour la page : il reste %.0f × %.0f mm pour le texte "
             "(au moins %d mm dans chaque sens)", fw < 0 ? 0 : fw, fh < 0 ? 0 : fh, MIN_FRAME_MM);
    }
    /* the text column lies in the frame */
    if (column && fw >= MIN_FRAME_MM &&
        (s->text_width < MIN_FRAME_MM * MM - 1e-9 || s->text_width + s->text_indent > fw * MM + 1e-9)) {
        serr(d, errors, column->pos,
             "colonne_texte : %.0f mm de large à %.0f mm du bord ne tiennent pas dans les %.0f mm "
             "du cadre (au moins %d mm de large)", s->text_width / MM, s->text_indent / MM, fw,
             MIN_FRAME_MM);
        s->text_width = s->text_indent = 0;
    }
}

static void load_color_roles(pr_tpl_style *s, const pr_value *v, pr_diags *d, size_t *errors)
{
    if (v->kind != PR_V_MAP) {
        serr(d, errors, v->pos, "couleurs : un groupe « rôle: couleur » est attendu");
        return;
    }
    for (size_t j = 0; j < v->n; j++) {
        int role = -1;
        for (int r = 0; color_role_keys[r]; r++)
            if (!strcmp(color_role_keys[r], v->keys[j]))
                role = r;
        if (role < 0) {
            pr_tpl_unknown_key(d, v->key_pos[j], "rôle de couleur", v->keys[j], color_role_keys);
            (*errors)++;
            continue;
        }
        read_color(s, v->items[j], &s->roles[role], d, errors);
    }
}

static void load_fonts(pr_tpl_style *s, const pr_value *v, pr_diags *d, size_t *errors)
{
    if (v->kind != PR_V_MAP) {
        serr(d, errors, v->pos, "polices : un groupe de rôles est attendu");
        return;
    }
    for (size_t j = 0; j < v->n; j++) {
        int role = -1;
        for (int r = 0; font_role_keys[r]; r++)
            if (!strcmp(font_role_keys[r], v->keys[j]))
                role = r;
        if (role < 0) {
            pr_tpl_unknown_key(d, v->key_pos[j], "rôle de police", v->keys[j], font_role_keys);
            (*errors)++;
            continue;
        }
        const pr_value *fv = v->items[j];
        if (fv->kind != PR_V_MAP) {
            serr(d, errors, fv->pos, "police « %s » : un groupe graisse, taille, couleur est attendu",
                 v->keys[j]);
            continue;
        }
        pr_tpl_font *fs = &s->fonts[role];
        static const char *const fk[] = {"graisse", "taille", "couleur", NULL};
        for (size_t m = 0; m < fv->n; m++) {
            const char *fkey = fv->keys[m];
            const pr_value *x = fv->items[m];
            if (!strcmp(fkey, "graisse")) {
                pr_style w;
                if (is_string(x) && !pr_style_from_name(x->text, &w)) {
                    fs->weight = w;
                } else if (is_string(x)) {
                    pr_tpl_unknown_key(d, x->pos, "graisse", x->text, font_weights);
                    (*errors)++;
                } else {
                    serr(d, errors, x->pos, "graisse attendue");
                }
            } else if (!strcmp(fkey, "taille")) {
                double sz;
                if (!read_number(x, 4, 400, &sz, d, errors))
                    fs->size = sz;
            } else if (!strcmp(fkey, "couleur")) {
                read_color(s, x, &fs->color, d, errors);
            } else {
                pr_tpl_unknown_key(d, fv->key_pos[m], "réglage de police", fkey, fk);
                (*errors)++;
            }
        }
    }
}

size_t pr_tpl_style_load(pr_tpl_style *s, const pr_value *root, pr_arena *arena, pr_diags *d)
{
    size_t errors = 0;
    unsigned char set[N_COMP_FIELDS] = {0};
    memset(s, 0, sizeof *s);
    style_defaults(s);
    if (root && root->kind != PR_V_MAP) {
        serr(d, &errors, root->pos,
             "style.yaml : un groupe de clés (page, palette, polices, composants) est attendu");
        root = NULL;
    }
    /* the palette first: the other sections name its colours */
    const pr_value *pal = root ? pr_value_get(root, "palette") : NULL;
    if (pal)
        load_palette(s, pal, arena, d, &errors);
    static const char *const top[] = {"page", "palette", "couleurs", "polices", "composants", NULL};
    for (size_t i = 0; root && i < root->n; i++) {
        const char *k = root->keys[i];
        const pr_value *v = root->items[i];
        if (!strcmp(k, "palette"))
            continue;
        else if (!strcmp(k, "page"))
            load_page(s, v, d, &errors);
        else if (!strcmp(k, "couleurs"))
            load_color_roles(s, v, d, &errors);
        else if (!strcmp(k, "polices"))
            load_fonts(s, v, d, &errors);
        else if (!strcmp(k, "composants"))
            load_components(s, v, set, d, &errors);
        else {
            pr_tpl_unknown_key(d, root->key_pos[i], "section de style", k, top);
            errors++;
        }
    }
    component_defaults(s, set);
    return errors;
}
