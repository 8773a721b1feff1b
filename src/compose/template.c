/* template.c — loading a template folder: the named prose blocks of
 * textes.txt, the sections and components of structure.yaml (checked
 * against the fixed component table), and style.yaml (template_style.c).
 * Every error is positioned in the template's files. */
#include "compose/template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "data/load.h"

/* ======================================================================
 * The component table
 * ====================================================================== */
static const char *const figure_formats[] = {"nombre", "ordinal", "ordinal_f", NULL};
static const char *const map_kinds[] = {"elus", "reseaux_locaux", NULL};

#define END {NULL, 0, 0, 0, NULL, NULL}

static const pr_param_spec p_cover[] = {
    {"titre", PR_PARAM_TEXT, 1, 0, NULL, NULL},
    {"accroche", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"rapport", PR_PARAM_TEXT, 1, 0, NULL, NULL},
    {"editeur", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"ministere", PR_PARAM_PROSE, 0, 0, NULL, NULL},
    {"devise", PR_PARAM_PROSE, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_back[] = {
    {"titre", PR_PARAM_TEXT, 1, 0, NULL, NULL},
    {"accroche", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"contact", PR_PARAM_PROSE, 0, 0, NULL, NULL},
    {"credits", PR_PARAM_PROSE, 0, 0, NULL, NULL},
    {"ministere", PR_PARAM_PROSE, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_heading[] = {
    {"texte", PR_PARAM_TEXT, 1, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_prose[] = {
    {"source", PR_PARAM_PATH, 0, 0, NULL, NULL},
    {"filtre", PR_PARAM_COND, 0, 1, NULL, NULL},
    {"champ_date", PR_PARAM_FIELD, 0, 1, NULL, NULL},
    {"texte", PR_PARAM_PROSE, 0, 1, NULL, NULL},
    {"bloc", PR_PARAM_BLOCK, 0, 1, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_columns[] = {
    {"source", PR_PARAM_PATH, 1, 0, NULL, NULL},
    {"filtre", PR_PARAM_COND, 0, 1, NULL, NULL},
    {"entete", PR_PARAM_TEXT, 1, 1, NULL, NULL},
    {"contenu", PR_PARAM_PROSE, 1, 1, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_tiles[] = {
    {"source", PR_PARAM_PATH, 1, 0, NULL, NULL},
    {"filtre", PR_PARAM_COND, 0, 1, NULL, NULL},
    {"champ_date", PR_PARAM_FIELD, 0, 1, NULL, NULL},
    {"numero", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"titre", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"texte", PR_PARAM_PROSE, 0, 1, NULL, NULL},
    {"etiquette", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"couleur", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"colonnes", PR_PARAM_NUMBER, 0, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_figure_tile[] = {
    {"chiffre", PR_PARAM_FIGURE, 1, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    {"format", PR_PARAM_WORD, 0, 0, figure_formats, NULL},
    {"avant", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"texte", PR_PARAM_TEXT, 1, 0, NULL, NULL},
    {"apres", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_contents[] = {
    {"titre", PR_PARAM_TEXT, 1, 0, NULL, NULL},
    {"titre_chiffres", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"chiffres", PR_PARAM_LIST, 0, 0, NULL, p_figure_tile},
    {"titre_encadre", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"texte", PR_PARAM_PROSE, 0, 0, NULL, NULL},
    {"bloc", PR_PARAM_BLOCK, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_key_figures[] = {
    {"titre", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"tuiles", PR_PARAM_LIST, 1, 0, NULL, p_figure_tile},
    {"colonnes", PR_PARAM_NUMBER, 0, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_people[] = {
    {"source", PR_PARAM_PATH, 1, 0, NULL, NULL},
    {"filtre", PR_PARAM_COND, 0, 1, NULL, NULL},
    {"nom", PR_PARAM_TEXT, 1, 1, NULL, NULL},
    {"initiales", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"photo", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"lignes", PR_PARAM_PROSE, 0, 1, NULL, NULL},
    {"colonnes", PR_PARAM_NUMBER, 0, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_dated[] = {
    {"source", PR_PARAM_PATH, 1, 0, NULL, NULL},
    {"filtre", PR_PARAM_COND, 0, 1, NULL, NULL},
    {"champ_date", PR_PARAM_FIELD, 0, 1, NULL, NULL},
    {"date", PR_PARAM_TEXT, 1, 1, NULL, NULL},
    {"titre", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"texte", PR_PARAM_PROSE, 0, 1, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_timeline_source[] = {
    {"source", PR_PARAM_PATH, 1, 0, NULL, NULL},
    {"filtre", PR_PARAM_COND, 0, 1, NULL, NULL},
    {"date", PR_PARAM_FIELD, 1, 1, NULL, NULL},
    {"etiquette", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"titre", PR_PARAM_TEXT, 1, 1, NULL, NULL},
    {"texte", PR_PARAM_PROSE, 0, 1, NULL, NULL},
    {"couleur", PR_PARAM_COLOR, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_timeline[] = {
    {"sources", PR_PARAM_LIST, 1, 0, NULL, p_timeline_source},
    {"suite", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_quotes[] = {
    {"source", PR_PARAM_PATH, 1, 0, NULL, NULL},
    {"filtre", PR_PARAM_COND, 0, 1, NULL, NULL},
    {"texte", PR_PARAM_TEXT, 1, 1, NULL, NULL},
    {"auteur", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_callout[] = {
    {"source", PR_PARAM_PATH, 0, 0, NULL, NULL},
    {"filtre", PR_PARAM_COND, 0, 1, NULL, NULL},
    {"champ_date", PR_PARAM_FIELD, 0, 1, NULL, NULL},
    {"titre", PR_PARAM_TEXT, 0, 1, NULL, NULL},
    {"texte", PR_PARAM_PROSE, 0, 1, NULL, NULL},
    {"bloc", PR_PARAM_BLOCK, 0, 1, NULL, NULL},
    {"couleur", PR_PARAM_COLOR, 0, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_map[] = {
    {"carte", PR_PARAM_WORD, 1, 0, map_kinds, NULL},
    {"titre", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"legende", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"hauteur", PR_PARAM_NUMBER, 0, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_evolution_row[] = {
    {"chiffre", PR_PARAM_FIGURE, 1, 0, NULL, NULL},
    {"libelle", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_evolution[] = {
    {"chiffres", PR_PARAM_LIST, 1, 0, NULL, p_evolution_row},
    {"titre", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"source", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_link[] = {
    {"texte", PR_PARAM_TEXT, 1, 0, NULL, NULL},
    {"url", PR_PARAM_TEXT, 1, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_break[] = {
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};
static const pr_param_spec p_group[] = {
    {"source", PR_PARAM_PATH, 0, 0, NULL, NULL},
    {"champ_date", PR_PARAM_FIELD, 0, 1, NULL, NULL},
    {"filtre", PR_PARAM_COND, 0, 1, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    {"composants", PR_PARAM_COMPONENTS, 1, 1, NULL, NULL},
    END
};
static const pr_param_spec p_corrections[] = {
    {"titre", PR_PARAM_TEXT, 0, 0, NULL, NULL},
    {"texte", PR_PARAM_PROSE, 0, 0, NULL, NULL},
    {"si", PR_PARAM_COND, 0, 0, NULL, NULL},
    END
};

static const pr_component_spec component_specs[] = {
    {PR_COMP_COVER, "couverture", p_cover},
    {PR_COMP_CONTENTS, "sommaire", p_contents},
    {PR_COMP_BACK_COVER, "quatrieme", p_back},
    {PR_COMP_HEADING, "intertitre", p_heading},
    {PR_COMP_SUBHEADING, "sous_titre", p_heading},
    {PR_COMP_PROSE, "texte", p_prose},
    {PR_COMP_COLUMNS_TABLE, "tableau_colonnes", p_columns},
    {PR_COMP_TILES, "tuiles", p_tiles},
    {PR_COMP_KEY_FIGURES, "chiffres_cles", p_key_figures},
    {PR_COMP_PEOPLE, "cartes_personnes", p_people},
    {PR_COMP_DATED_LIST, "liste_datee", p_dated},
    {PR_COMP_TIMELINE, "frise", p_timeline},
    {PR_COMP_QUOTES, "citations", p_quotes},
    {PR_COMP_CALLOUT, "encadre", p_callout},
    {PR_COMP_MAP, "carte", p_map},
    {PR_COMP_LINK, "lien", p_link},
    {PR_COMP_PAGE_BREAK, "saut_de_page", p_break},
    {PR_COMP_GROUP, "groupe", p_group},
    {PR_COMP_EVOLUTION, "evolution", p_evolution},
    {PR_COMP_CORRECTIONS, "chiffres_corriges", p_corrections},
    {PR_COMP__COUNT, NULL, NULL},
};

const pr_component_spec *pr_component_specs(void) { return component_specs; }

const pr_tpl_param *pr_tpl_param_get(const pr_tpl_params *ps, const char *name)
{
    for (size_t i = 0; ps && i < ps->n; i++)
        if (!strcmp(ps->items[i].spec->name, name))
            return &ps->items[i];
    return NULL;
}

/* ======================================================================
 * Loading state
 * ====================================================================== */
struct pr_tpl_block {
    const char *name;
    pr_pos pos;          /* of the first line of text */
    pr_pos name_pos;     /* of the header line */
    const char *text;
    size_t len;
    int used;
};

typedef struct lstate {
    pr_template *t;
    pr_diags *d;
    int errors;
    const char *textes_file;
    /* every compiled text, for freeing */
    pr_tpl_text **texts;
    size_t n_texts, cap_texts;
    pr_tpl_text *holder;         /* owns compiled paths */
} lstate;

static void lerr(lstate *ls, pr_pos pos, const char *fmt, ...) PR_PRINTF(3, 4);
static void lerr(lstate *ls, pr_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = pr_vasprintf(fmt, ap);
    va_end(ap);
    pr_template_error(ls->d, pos, NULL, "%s", msg);
    free(msg);
    ls->errors++;
}

static void keep_text(lstate *ls, pr_tpl_text *x)
{
    if (x)
        PR_PUSH(ls->texts, ls->n_texts, ls->cap_texts, x);
}

/* Join dir and name. */
static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    return pr_asprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

/* Unknown key of a map: error with a suggestion among `known`. */
static void unknown_key(lstate *ls, pr_pos pos, const char *what, const char *key,
                        const char *const *known)
{
    pr_tpl_unknown_key(ls->d, pos, what, key, known);
    ls->errors++;
}

static int is_string(const pr_value *v)
{
    return v && v->kind == PR_V_SCALAR && v->style != PR_SCALAR_NULL;
}

/* ======================================================================
 * textes.txt
 * ====================================================================== */
static int valid_block_name(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static void load_blocks(lstate *ls, const char *path)
{
    char *data;
    size_t len;
    int err = pr_read_file(path, 4u << 20, &data, &len);
    if (err == ENOENT)
        return; /* optional */
    if (err) {
        /* unreadable: an I/O error; too large: a template error */
        pr_pos p = {pr_source_add(path, "", 0), 0, 0};
        pr_diag_add(ls->d, PR_SEV_ERROR, err == EFBIG ? PR_DIAG_TEMPLATE : PR_DIAG_IO, p, NULL,
                    "lecture impossible : %s", pr_strerror(err));
        ls->errors++;
        return;
    }
    /* a byte order mark (left by some editors) is not text */
    size_t bom = pr_utf8_bom(data, len);
    const char *body = data + bom;
    len -= bom;
    size_t bad = pr_utf8_invalid_at(body, len);
    const char *file = pr_source_add(path, body, len);
    ls->textes_file = file;
    if (bad != (size_t)-1) {
        lerr(ls, pr_pos_at(file, body, bad), "octet UTF-8 invalide (0x%02X) : le fichier doit être "
             "enregistré en UTF-8", (unsigned char)body[bad]);
        free(data);
        return;
    }
    /* a NUL byte would silently end the text there; a control character
     * would be printed as a missing glyph */
    unsigned cp;
    size_t forbidden = pr_text_forbidden_at(body, len, &cp);
    if (forbidden != (size_t)-1) {
        char desc[48];
        lerr(ls, pr_pos_at(file, body, forbidden), "%s interdit dans le texte (seuls la "
             "tabulation et le retour à la ligne sont admis)", pr_char_describe(cp, desc));
        free(data);
        return;
    }
    char *text = pr_arena_strndup(&ls->t->arena, body, len);
    free(data);
    struct pr_tpl_block *blocks = NULL;
    size_t n = 0, cap = 0;
    size_t i = 0;
    int line = 1;
    struct pr_tpl_block *cur = NULL;
    while (i < len) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        if (e - i >= 3 && !strncmp(text + i, "===", 3)) {
            if (cur)
                cur->len = (size_t)(text + i - cur->text);
            size_t a = i + 3;
            while (a < e && (text[a] == ' ' || text[a] == '\t' || text[a] == '='))
                a++;
            size_t b = e;
            while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r' ||
                             text[b - 1] == '='))
                b--;
            pr_pos np = {file, line, (int)(a - i) + 1};
            if (!valid_block_name(text + a, b - a)) {
                lerr(ls, np, "nom de texte invalide « %.*s » (lettres minuscules sans accent, "
                     "chiffres, « _ » et « - »)", (int)(b - a), text + a);
                cur = NULL;
            } else {
                const char *name = pr_arena_strndup(&ls->t->arena, text + a, b - a);
                int dup = 0;
                for (size_t k = 0; k < n; k++)
                    if (!strcmp(blocks[k].name, name)) {
                        lerr(ls, np, "texte « %s » déjà défini ligne %d", name, blocks[k].name_pos.line);
                        dup = 1;
                    }
                struct pr_tpl_block blk = {name, {file, line + 1, 1}, np,
                                           e < len ? text + e + 1 : text + e, 0, 0};
                PR_PUSH(blocks, n, cap, blk);
                cur = dup ? NULL : &blocks[n - 1];
                if (dup)
                    blocks[n - 1].name = "";
            }
        } else if (!cur && n == 0) {
            /* before the first block: blanks and comments only */
            size_t a = i;
            while (a < e && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r'))
                a++;
            if (a < e && text[a] != '#')
                lerr(ls, (pr_pos){file, line, (int)(a - i) + 1},
                     "texte hors bloc : commencez par une ligne « === nom_du_texte »");
        }
        i = e < len ? e + 1 : e;
        line++;
        if (cur && (size_t)(text + i - cur->text) > 0 && i >= len)
            cur->len = (size_t)(text + len - cur->text);
    }
    if (cur && cur->text <= text + len)
        cur->len = (size_t)(text + len - cur->text);
    ls->t->blocks = blocks;
    ls->t->n_blocks = n;
}

static struct pr_tpl_block *find_block(lstate *ls, const char *name)
{
    for (size_t i = 0; i < ls->t->n_blocks; i++)
        if (!strcmp(ls->t->blocks[i].name, name))
            return &ls->t->blocks[i];
    return NULL;
}

/* ======================================================================
 * structure.yaml
 * ====================================================================== */
static pr_tpl_text *compile_scalar(lstate *ls, const pr_value *v, const pr_tpl_scope *scope)
{
    pr_tpl_text *x = pr_tpl_compile(v->text, v->text_len, v->pos, PR_TPL_ORIGIN_YAML, scope, ls->d);
    if (!x)
        ls->errors++;
    keep_text(ls, x);
    return x;
}

static void parse_params(lstate *ls, const pr_value *map, const pr_param_spec *specs,
                         const pr_tpl_scope *outer, const char *comp_name, size_t skip_key_index,
                         pr_tpl_params *out);
static int parse_component(lstate *ls, const pr_value *v, pr_tpl_component *out,
                           const char *expected, const pr_tpl_scope *outer);

/* Compile one parameter value. `item_scope` is the scope of per-item texts. */
static void parse_param(lstate *ls, const pr_param_spec *sp, const pr_value *v,
                        const pr_tpl_scope *outer, const pr_tpl_scope *item_scope,
                        const char *comp_name, pr_tpl_param *p)
{
    p->spec = sp;
    p->pos = v->pos;
    const pr_tpl_scope *scope = sp->per_item ? item_scope : outer;
    switch (sp->kind) {
    case PR_PARAM_TEXT:
    case PR_PARAM_PROSE:
        if (!is_string(v)) {
            lerr(ls, v->pos, "%s.%s : un texte est attendu", comp_name, sp->name);
            return;
        }
        p->text = compile_scalar(ls, v, scope);
        return;
    case PR_PARAM_BLOCK: {
        if (!is_string(v)) {
            lerr(ls, v->pos, "%s.%s : le nom d'un texte de textes.txt est attendu", comp_name, sp->name);
            return;
        }
        struct pr_tpl_block *b = find_block(ls, v->text);
        if (!b) {
            const char **names = pr_malloc((ls->t->n_blocks + 1) * sizeof *names);
            for (size_t i = 0; i < ls->t->n_blocks; i++)
                names[i] = ls->t->blocks[i].name;
            names[ls->t->n_blocks] = NULL;
            const char *sg = pr_suggest(v->text, names);
            if (sg)
                lerr(ls, v->pos, "texte « %s » absent de textes.txt (vouliez-vous dire « %s » ?)",
                     v->text, sg);
            else
                lerr(ls, v->pos, "texte « %s » absent de textes.txt", v->text);
            free(names);
            return;
        }
        b->used = 1;
        p->word = v->text;
        p->text = pr_tpl_compile(b->text, b->len, b->pos, PR_TPL_ORIGIN_FLAT, scope, ls->d);
        if (!p->text)
            ls->errors++;
        keep_text(ls, p->text);
        return;
    }
    case PR_PARAM_PATH:
        if (!is_string(v)) {
            lerr(ls, v->pos, "%s.%s : un chemin de données est attendu", comp_name, sp->name);
            return;
        }
        p->word = v->text;
        p->path = pr_tpl_compile_path(ls->holder, v->text, v->text_len, v->pos, outer, ls->d);
        if (!p->path)
            ls->errors++;
        return;
    case PR_PARAM_FIELD:
        if (!is_string(v)) {
            lerr(ls, v->pos, "%s.%s : un champ est attendu", comp_name, sp->name);
            return;
        }
        p->word = v->text;
        p->path = pr_tpl_compile_field(ls->holder, v->text, v->text_len, v->pos, item_scope, ls->d);
        if (!p->path)
            ls->errors++;
        return;
    case PR_PARAM_COND:
        if (!is_string(v)) {
            lerr(ls, v->pos, "%s.%s : une condition est attendue", comp_name, sp->name);
            return;
        }
        p->word = v->text;
        p->text = pr_tpl_compile_cond(v->text, v->text_len, v->pos, scope, ls->d);
        if (!p->text)
            ls->errors++;
        keep_text(ls, p->text);
        return;
    case PR_PARAM_FIGURE:
        if (!is_string(v) || !pr_figure_def_find(v->text)) {
            const pr_figure_def *defs = pr_figure_defs();
            size_t nd = 0;
            while (defs[nd].id)
                nd++;
            const char **ids = pr_malloc((nd + 1) * sizeof *ids);
            for (size_t j = 0; j < nd; j++)
                ids[j] = defs[j].id;
            ids[nd] = NULL;
            const char *sg = is_string(v) ? pr_suggest(v->text, ids) : NULL;
            if (sg)
                lerr(ls, v->pos, "chiffre inconnu « %s » (vouliez-vous dire « %s » ?)", v->text, sg);
            else
                lerr(ls, v->pos, "chiffre inconnu « %s »", is_string(v) ? v->text : "");
            free(ids);
            return;
        }
        p->word = v->text;
        return;
    case PR_PARAM_NUMBER:
        if (pr_tpl_read_number(v, 0, 10000, &p->number, ls->d))
            ls->errors++;
        return;
    case PR_PARAM_WORD: {
        int ok = 0;
        for (size_t i = 0; is_string(v) && sp->words[i]; i++)
            if (!strcmp(sp->words[i], v->text))
                ok = 1;
        if (!ok) {
            if (is_string(v))
                unknown_key(ls, v->pos, "valeur", v->text, sp->words);
            else
                lerr(ls, v->pos, "%s.%s : un mot est attendu", comp_name, sp->name);
            return;
        }
        p->word = v->text;
        return;
    }
    case PR_PARAM_COLOR: {
        pr_rgb c;
        if (!is_string(v)) {
            lerr(ls, v->pos, "%s.%s : une couleur est attendue", comp_name, sp->name);
            return;
        }
        if (pr_tpl_style_color(&ls->t->style, v->text, &c)) {
            pr_tpl_style_color_error(&ls->t->style, v, ls->d);
            ls->errors++;
            return;
        }
        p->word = v->text;
        p->color = c;
        return;
    }
    case PR_PARAM_COMPONENTS: {
        if (v->kind != PR_V_SEQ) {
            lerr(ls, v->pos, "%s.%s : une liste de composants est attendue", comp_name, sp->name);
            return;
        }
        p->children = pr_arena_alloc(&ls->t->arena, (v->n ? v->n : 1) * sizeof *p->children);
        for (size_t i = 0; i < v->n; i++)
            if (!parse_component(ls, v->items[i], &p->children[p->n_children], NULL, scope))
                p->n_children++;
        return;
    }
    case PR_PARAM_LIST: {
        if (v->kind != PR_V_SEQ) {
            lerr(ls, v->pos, "%s.%s : une liste est attendue", comp_name, sp->name);
            return;
        }
        p->list = pr_arena_alloc(&ls->t->arena, (v->n ? v->n : 1) * sizeof *p->list);
        p->n_list = v->n;
        for (size_t i = 0; i < v->n; i++) {
            const pr_value *it = v->items[i];
            if (it->kind != PR_V_MAP) {
                lerr(ls, it->pos, "%s.%s : chaque élément doit être un groupe de clés", comp_name,
                     sp->name);
                continue;
            }
            char *nm = pr_asprintf("%s.%s", comp_name, sp->name);
            parse_params(ls, it, sp->sub, outer, pr_arena_strdup(&ls->t->arena, nm), (size_t)-1,
                         &p->list[i]);
            free(nm);
        }
        return;
    }
    }
}

/* Parse the parameters of a map (skipping key index `skip_key_index`). */
static void parse_params(lstate *ls, const pr_value *map, const pr_param_spec *specs,
                         const pr_tpl_scope *outer, const char *comp_name, size_t skip_key_index,
                         pr_tpl_params *out)
{
    out->pos = map->pos;
    out->items = pr_arena_alloc(&ls->t->arena, (map->n ? map->n : 1) * sizeof *out->items);
    out->n = 0;
    const char *names[32];
    size_t nn = 0;
    for (size_t i = 0; specs[i].name && nn < 31; i++)
        names[nn++] = specs[i].name;
    names[nn] = NULL;
    /* the item scope: `source` first */
    pr_tpl_scope item_scope = outer ? *outer : (pr_tpl_scope){{0}, 0};
    const pr_value *src = pr_value_get(map, "source");
    int has_source_spec = 0;
    for (size_t i = 0; specs[i].name; i++)
        if (!strcmp(specs[i].name, "source"))
            has_source_spec = 1;
    int source_ok = 1;
    if (src && has_source_spec) {
        pr_tpl_param sp = {0};
        const pr_param_spec *spec = NULL;
        for (size_t i = 0; specs[i].name; i++)
            if (!strcmp(specs[i].name, "source"))
                spec = &specs[i];
        int before = ls->errors;
        parse_param(ls, spec, src, outer, outer, comp_name, &sp);
        if (ls->errors == before && sp.path) {
            if (item_scope.depth < 8)
                item_scope.patterns[item_scope.depth++] = pr_tpl_path_item_pattern(sp.path);
        } else {
            source_ok = 0;
        }
        out->items[out->n++] = sp;
    }
    for (size_t i = 0; i < map->n; i++) {
        if (i == skip_key_index)
            continue;
        const char *k = map->keys[i];
        if (!strcmp(k, "source") && has_source_spec)
            continue;
        const pr_param_spec *spec = NULL;
        for (size_t j = 0; specs[j].name; j++)
            if (!strcmp(specs[j].name, k))
                spec = &specs[j];
        if (!spec) {
            char *what = pr_asprintf("paramètre de « %s »", comp_name);
            unknown_key(ls, map->key_pos[i], what, k, names);
            free(what);
            continue;
        }
        if (spec->per_item && !source_ok)
            continue; /* its scope is unknown: avoid cascading errors */
        pr_tpl_param p = {0};
        parse_param(ls, spec, map->items[i], outer, &item_scope, comp_name, &p);
        out->items[out->n++] = p;
    }
    for (size_t j = 0; specs[j].name; j++)
        if (specs[j].required && !pr_value_get(map, specs[j].name))
            lerr(ls, map->pos, "« %s » : paramètre « %s » manquant", comp_name, specs[j].name);
    /* texte and bloc are alternatives */
    if (pr_value_get(map, "texte") && pr_value_get(map, "bloc")) {
        for (size_t j = 0; specs[j].name; j++)
            if (!strcmp(specs[j].name, "bloc"))
                lerr(ls, map->pos, "« %s » : « texte » et « bloc » s'excluent, gardez-en un", comp_name);
    }
}

static const pr_component_spec *find_component(const char *name)
{
    for (const pr_component_spec *c = component_specs; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

/* Parse a component map ({composant: nom, ...}) in the scope `outer` (a
 * group's items; NULL: the document). Returns 0 on success. */
static int parse_component(lstate *ls, const pr_value *v, pr_tpl_component *out,
                           const char *expected, const pr_tpl_scope *outer)
{
    out->pos = v->pos;
    if (v->kind != PR_V_MAP) {
        lerr(ls, v->pos, "un composant est attendu ({composant: nom, …})");
        return -1;
    }
    size_t ki = (size_t)-1;
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(v->keys[i], "composant"))
            ki = i;
    const pr_component_spec *spec = NULL;
    if (expected) {
        spec = find_component(expected);
        if (ki != (size_t)-1 && (!is_string(v->items[ki]) || strcmp(v->items[ki]->text, expected))) {
            lerr(ls, v->items[ki]->pos, "composant « %s » attendu ici", expected);
            return -1;
        }
    } else {
        if (ki == (size_t)-1) {
            lerr(ls, v->pos, "clé « composant » manquante (le nom du composant)");
            return -1;
        }
        const pr_value *nv = v->items[ki];
        if (!is_string(nv)) {
            lerr(ls, nv->pos, "nom de composant attendu");
            return -1;
        }
        spec = find_component(nv->text);
        if (!spec || spec->kind == PR_COMP_COVER || spec->kind == PR_COMP_CONTENTS ||
            spec->kind == PR_COMP_BACK_COVER) {
            const char *names[PR_COMP__COUNT + 1];
            size_t n = 0;
            for (const pr_component_spec *c = component_specs; c->name; c++)
                if (c->kind != PR_COMP_COVER && c->kind != PR_COMP_CONTENTS &&
                    c->kind != PR_COMP_BACK_COVER)
                    names[n++] = c->name;
            names[n] = NULL;
            if (spec)
                lerr(ls, nv->pos, "le composant « %s » a sa place fixe : clé « %s » à la racine "
                     "de structure.yaml", nv->text, nv->text);
            else
                unknown_key(ls, nv->pos, "composant", nv->text, names);
            return -1;
        }
    }
    out->spec = spec;
    int before = ls->errors;
    parse_params(ls, v, spec->params, outer, spec->name, ki, &out->params);
    if (spec->kind == PR_COMP_PROSE || spec->kind == PR_COMP_CALLOUT) {
        if (!pr_value_get(v, "texte") && !pr_value_get(v, "bloc") && spec->kind == PR_COMP_PROSE)
            lerr(ls, v->pos, "« %s » : paramètre « texte » ou « bloc » manquant", spec->name);
    }
    if (spec->kind == PR_COMP_EVOLUTION) {
        /* candidates in order of preference: the chart draws the first
           PR_EVOLUTION_MAX that have a value before the report's year */
        const pr_value *l = pr_value_get(v, "chiffres");
        if (l && l->kind == PR_V_SEQ && (l->n < 1 || l->n > PR_EVOLUTION_CANDIDATES))
            lerr(ls, l->pos, "« evolution » : de 1 à %d chiffres, trouvé %zu",
                 PR_EVOLUTION_CANDIDATES, l->n);
    }
    return ls->errors == before ? 0 : -1;
}

static void parse_section(lstate *ls, const pr_value *v, pr_tpl_section *out)
{
    out->pos = v->pos;
    if (v->kind != PR_V_MAP) {
        lerr(ls, v->pos, "une section est attendue ({numero, titre, composants})");
        return;
    }
    static const char *const keys[] = {"numero", "titre", "titre_court", "composants", NULL};
    for (size_t i = 0; i < v->n; i++) {
        const char *k = v->keys[i];
        const pr_value *x = v->items[i];
        if (!strcmp(k, "numero")) {
            if (!is_string(x) || !x->text_len)
                lerr(ls, x->pos, "numéro de section attendu");
            else
                out->numeral = x->text;
        } else if (!strcmp(k, "titre")) {
            if (!is_string(x))
                lerr(ls, x->pos, "titre de section attendu");
            else
                out->title = compile_scalar(ls, x, NULL);
        } else if (!strcmp(k, "titre_court")) {
            if (!is_string(x))
                lerr(ls, x->pos, "titre court attendu");
            else
                out->short_title = compile_scalar(ls, x, NULL);
        } else if (!strcmp(k, "composants")) {
            if (x->kind != PR_V_SEQ) {
                lerr(ls, x->pos, "composants : une liste est attendue");
                continue;
            }
            out->components = pr_arena_alloc(&ls->t->arena, (x->n ? x->n : 1) * sizeof *out->components);
            for (size_t j = 0; j < x->n; j++)
                if (!parse_component(ls, x->items[j], &out->components[out->n_components], NULL, NULL))
                    out->n_components++;
        } else {
            unknown_key(ls, v->key_pos[i], "clé de section", k, keys);
        }
    }
    if (!pr_value_get(v, "titre"))
        lerr(ls, v->pos, "section : « titre » manquant");
    if (!pr_value_get(v, "composants"))
        lerr(ls, v->pos, "section : « composants » manquant");
}

static void load_structure(lstate *ls, const pr_value *root)
{
    if (root->kind != PR_V_MAP) {
        lerr(ls, root->pos, "structure.yaml : un groupe de clés (couverture, sommaire, sections, "
             "quatrieme) est attendu");
        return;
    }
    static const char *const top[] = {"couverture", "sommaire", "sections", "quatrieme", NULL};
    for (size_t i = 0; i < root->n; i++) {
        const char *k = root->keys[i];
        const pr_value *v = root->items[i];
        if (!strcmp(k, "couverture"))
            parse_component(ls, v, &ls->t->cover, "couverture", NULL);
        else if (!strcmp(k, "sommaire"))
            parse_component(ls, v, &ls->t->contents, "sommaire", NULL);
        else if (!strcmp(k, "quatrieme"))
            parse_component(ls, v, &ls->t->back_cover, "quatrieme", NULL);
        else if (!strcmp(k, "sections")) {
            if (v->kind != PR_V_SEQ || v->n == 0) {
                lerr(ls, v->pos, "sections : une liste non vide est attendue");
                continue;
            }
            ls->t->sections = pr_arena_alloc(&ls->t->arena, v->n * sizeof *ls->t->sections);
            ls->t->n_sections = v->n;
            for (size_t j = 0; j < v->n; j++)
                parse_section(ls, v->items[j], &ls->t->sections[j]);
        } else {
            unknown_key(ls, root->key_pos[i], "clé", k, top);
        }
    }
    for (size_t i = 0; top[i]; i++)
        if (!pr_value_get(root, top[i]))
            lerr(ls, root->pos, "structure.yaml : « %s » manquant", top[i]);
}

/* ======================================================================
 * The template
 * ====================================================================== */
/* A YAML file of the template; its syntax errors are template errors. */
static const pr_value *load_yaml(lstate *ls, const char *dir, const char *name)
{
    char *path = path_join(dir, name);
    pr_diags found;
    pr_diags_init(&found);
    pr_value *v = pr_load_file(path, PR_FORMAT_YAML, &ls->t->arena, &found);
    pr_diags_append_as(ls->d, &found, PR_DIAG_DATA, PR_DIAG_TEMPLATE);
    /* a tree may come back with errors (a duplicate key): checked further,
     * so that the file's other errors show, but the template is refused */
    if (!v || pr_diags_has_errors(&found))
        ls->errors++;
    pr_diags_free(&found);
    free(path);
    return v;
}

pr_template *pr_template_load(const char *dir, pr_diags *d)
{
    pr_template *t = pr_calloc(1, sizeof *t);
    t->dir = pr_arena_strdup(&t->arena, dir);
    lstate ls = {0};
    ls.t = t;
    ls.d = d;
    ls.holder = pr_tpl_compile("", 0, (pr_pos){0}, PR_TPL_ORIGIN_FLAT, NULL, d);
    keep_text(&ls, ls.holder);
    const pr_value *style = load_yaml(&ls, dir, "style.yaml");
    ls.errors += (int)pr_tpl_style_load(&t->style, style, &t->arena, d);
    char *tp = path_join(dir, "textes.txt");
    load_blocks(&ls, tp);
    free(tp);
    const pr_value *structure = load_yaml(&ls, dir, "structure.yaml");
    if (structure)
        load_structure(&ls, structure);
    for (size_t i = 0; structure && i < t->n_blocks; i++)
        if (!t->blocks[i].used && *t->blocks[i].name)
            pr_template_warning(d, t->blocks[i].name_pos, NULL,
                       "texte « %s » défini mais utilisé nulle part", t->blocks[i].name);
    t->texts = ls.texts;
    t->n_texts = ls.n_texts;
    if (ls.errors) {
        pr_template_free(t);
        return NULL;
    }
    return t;
}

void pr_template_free(pr_template *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_texts; i++)
        pr_tpl_text_free(t->texts[i]);
    free(t->texts);
    free(t->blocks);
    pr_arena_free(&t->arena);
    free(t);
}
