/* prose.c — figure references in the data's prose, and the numbers typed
 * there by hand (prose.h). */
#include "data/prose.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/french.h"
#include "base/util.h"

const char *const pr_prose_filters[] = {
    "nombre", "en_lettres", "en_lettres_f", "ordinal", "ordinal_f", "capitale", "accord",
    "quantite", NULL
};

enum { PF_NOMBRE, PF_EN_LETTRES, PF_EN_LETTRES_F, PF_ORDINAL, PF_ORDINAL_F, PF_CAPITALE,
       PF_ACCORD, PF_QUANTITE };

/* ---- references ------------------------------------------------------------ */

typedef struct pref {
    size_t start, end;              /* "{{" .. just past "}}" in the text */
    int literal;                    /* {{"…"}} */
    size_t lit_start, lit_len;
    const pr_figure_def *def;
    struct { int id; char *args[2]; int n_args; } filters[8];
    int n_filters;
} pref;

typedef struct perr {
    size_t off;                     /* where in the text */
    char *msg;
} perr;

static void pref_free(pref *r)
{
    for (int i = 0; i < r->n_filters; i++)
        for (int k = 0; k < r->filters[i].n_args; k++)
            free(r->filters[i].args[k]);
    r->n_filters = 0;
}

static int key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static size_t skip_sp(const char *s, size_t i, size_t end)
{
    while (i < end && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
        i++;
    return i;
}

/* Parse the reference whose "{{" is at s[at]. 0 on success; -1 with *e
 * set (its msg malloc'ed). */
static int parse_ref(const char *s, size_t at, pref *r, perr *e)
{
    memset(r, 0, sizeof *r);
    r->start = at;
    const char *close = strstr(s + at + 2, "}}");
    if (!close) {
        *e = (perr){at, pr_strdup("« {{ » sans « }} » : une référence à un chiffre s'écrit "
                                  "{{chiffre.identifiant}}")};
        return -1;
    }
    size_t end = (size_t)(close - s);
    r->end = end + 2;
    size_t i = skip_sp(s, at + 2, end);
    if (i < end && (s[i] == '"' || s[i] == '\'')) {
        /* {{"deux"}} or {{'deux'}} (easier inside a YAML "…" string) */
        char quote = s[i];
        size_t q = i + 1;
        while (q < end && s[q] != quote)
            q++;
        if (q >= end || skip_sp(s, q + 1, end) != end) {
            *e = (perr){i, pr_strdup("texte entre guillemets mal fermé : {{\"deux\"}} garde « deux » "
                                     "tel quel")};
            return -1;
        }
        r->literal = 1;
        r->lit_start = i + 1;
        r->lit_len = q - i - 1;
        return 0;
    }
    if (strncmp(s + i, "chiffre.", 8)) {
        size_t k = i;
        while (k < end && key_char(s[k]))
            k++;
        *e = (perr){i, pr_asprintf("« %.*s » : seuls les chiffres clés peuvent être cités dans "
                                   "les textes des données ({{chiffre.identifiant}})",
                                   (int)(k - i), s + i)};
        return -1;
    }
    size_t is = i + 8, k = is;
    while (k < end && key_char(s[k]))
        k++;
    char *id = pr_strndup(s + is, k - is);
    r->def = pr_figure_def_find(id);
    if (!r->def) {
        const pr_figure_def *defs = pr_figure_defs();
        size_t nd = 0;
        while (defs[nd].id)
            nd++;
        const char **ids = pr_malloc((nd + 1) * sizeof *ids);
        for (size_t j = 0; j < nd; j++)
            ids[j] = defs[j].id;
        ids[nd] = NULL;
        const char *sg = pr_suggest(id, ids);
        *e = (perr){is, sg ? pr_asprintf("chiffre inconnu « %s » (vouliez-vous dire « %s » ?)", id, sg)
                           : pr_asprintf("chiffre inconnu « %s » (la liste des chiffres : "
                                         "planif-rapport --check)", id)};
        free(ids);
        free(id);
        return -1;
    }
    free(id);
    i = skip_sp(s, k, end);
    while (i < end) {
        if (s[i] != '|') {
            *e = (perr){i, pr_asprintf("« | filtre » ou « }} » attendu après « chiffre.%s »",
                                       r->def->id)};
            pref_free(r);
            return -1;
        }
        i = skip_sp(s, i + 1, end);
        size_t fs = i;
        while (i < end && key_char(s[i]))
            i++;
        char *name = pr_strndup(s + fs, i - fs);
        int f = -1;
        for (int j = 0; pr_prose_filters[j]; j++)
            if (!strcmp(pr_prose_filters[j], name))
                f = j;
        if (f < 0 || r->n_filters >= 8) {
            const char *sg = *name ? pr_suggest(name, pr_prose_filters) : NULL;
            *e = (perr){fs, sg ? pr_asprintf("filtre inconnu « %s » (vouliez-vous dire « %s » ?)", name, sg)
                               : pr_asprintf("filtre inconnu « %s » (filtres : nombre, en_lettres, "
                                             "en_lettres_f, ordinal, ordinal_f, capitale, accord, "
                                             "quantite)", name)};
            free(name);
            pref_free(r);
            return -1;
        }
        int fi = r->n_filters++;
        r->filters[fi].id = f;
        r->filters[fi].n_args = 0;
        i = skip_sp(s, i, end);
        while (i < end && s[i] == '"') {
            size_t q = i + 1;
            while (q < end && s[q] != '"')
                q++;
            if (q >= end || r->filters[fi].n_args >= 2) {
                *e = (perr){i, pr_asprintf("« %s » : argument mal fermé ou en trop", name)};
                free(name);
                pref_free(r);
                return -1;
            }
            r->filters[fi].args[r->filters[fi].n_args++] = pr_strndup(s + i + 1, q - i - 1);
            i = skip_sp(s, q + 1, end);
        }
        int na = r->filters[fi].n_args;
        const char *bad = NULL;
        if ((f == PF_ACCORD || f == PF_QUANTITE) && na == 0)
            bad = f == PF_ACCORD ? "attend le nom entre guillemets : accord \"élu\""
                                 : "attend le nom précédé de « un » ou « une » : quantite \"un élu\"";
        else if (f == PF_QUANTITE && strncmp(r->filters[fi].args[0], "un ", 3) &&
                 strncmp(r->filters[fi].args[0], "une ", 4))
            bad = "attend le nom précédé de « un » ou « une » : quantite \"un élu\"";
        else if (f != PF_ACCORD && f != PF_QUANTITE && na)
            bad = "ne prend pas d'argument";
        if (bad) {
            *e = (perr){fs, pr_asprintf("le filtre « %s » %s", name, bad)};
            free(name);
            pref_free(r);
            return -1;
        }
        free(name);
    }
    return 0;
}

/* The first letter in upper case (Latin-1 letters and œ). */
static char *capitalize(const char *s)
{
    unsigned cp;
    int k = pr_utf8_decode(s, strlen(s), &cp);
    if (k <= 0)
        return pr_strdup(s);
    if (cp >= 'a' && cp <= 'z')
        cp -= 32;
    else if ((cp >= 0xE0 && cp <= 0xFE && cp != 0xF7))
        cp -= 32;
    else if (cp == 0x153)
        cp = 0x152;
    char buf[8];
    int n = pr_utf8_encode(cp, buf);
    return pr_asprintf("%.*s%s", n, buf, s + k);
}

/* The value of a reference. */
static char *ref_value(const pref *r, const char *text, const pr_figures *f, int markup)
{
    if (r->literal)
        return pr_strndup(text + r->lit_start, r->lit_len);
    const pr_figure *fig = f ? pr_figures_get(f, r->def->id) : NULL;
    long x = fig ? fig->value : 0;
    char *cur = NULL;   /* NULL: still the number */
    for (int i = 0; i < r->n_filters; i++) {
        const char *const *a = (const char *const *)r->filters[i].args;
        char *next = NULL;
        switch (r->filters[i].id) {
        case PF_NOMBRE:
            if (!cur) {
                char buf[32];
                next = pr_strdup(pr_fmt_thousands(buf, x));
            }
            break;
        case PF_EN_LETTRES: case PF_EN_LETTRES_F:
            if (!cur)
                next = pr_fr_number_words(x, r->filters[i].id == PF_EN_LETTRES_F);
            break;
        case PF_ORDINAL: case PF_ORDINAL_F:
            if (!cur) {
                const char *suf = x == 1 ? (r->filters[i].id == PF_ORDINAL_F ? "re" : "er") : "e";
                next = markup ? pr_asprintf("%ld^%s^", x, suf) : pr_asprintf("%ld%s", x, suf);
            }
            break;
        case PF_ACCORD:
            next = pr_fr_agree(x, a[0], r->filters[i].n_args > 1 ? a[1] : NULL);
            break;
        case PF_QUANTITE:
            next = pr_fr_quantity(x, a[0], r->filters[i].n_args > 1 ? a[1] : NULL, NULL);
            break;
        case PF_CAPITALE: {
            char buf[32];
            next = capitalize(cur ? cur : pr_fmt_thousands(buf, x));
            break;
        }
        }
        if (next) {
            free(cur);
            cur = next;
        }
    }
    if (!cur) {
        char buf[32];
        cur = pr_strdup(pr_fmt_thousands(buf, x));
    }
    return cur;
}

char *pr_prose_expand(const char *text, const pr_figures *f, int markup)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    size_t i = 0, n = strlen(text);
    while (i < n) {
        const char *o = strstr(text + i, "{{");
        if (!o) {
            pr_sb_puts(&sb, text + i);
            break;
        }
        size_t at = (size_t)(o - text);
        pr_sb_add(&sb, text + i, at - i);
        pref r;
        perr e = {0};
        if (parse_ref(text, at, &r, &e)) {
            free(e.msg);
            pr_sb_add(&sb, text + at, 2);
            i = at + 2;
            continue;
        }
        char *v = ref_value(&r, text, f, markup);
        pr_sb_puts(&sb, v);
        free(v);
        i = r.end;
        pref_free(&r);
    }
    return pr_sb_steal(&sb);
}

/* ---- positions inside a scalar ------------------------------------------- */

/* The file position of byte `off` of scalar v's text: walks the source
 * from the scalar's start, matching the text character by character
 * (whitespace runs match whitespace runs, line breaks included; quoted
 * escapes match the character they stand for). Falls back to the scalar's
 * own position when the source does not match. */
static pr_pos pos_in_scalar(const pr_value *v, size_t off)
{
    pr_pos p = v->pos;
    size_t len;
    const char *line = pr_source_line(p.file, p.line, &len);
    if (!line || p.col < 1)
        return v->pos;
    /* byte index of the scalar's start in its line */
    size_t j = 0;
    for (int c = 1; c < p.col && j < len; c++) {
        unsigned cp;
        int k = pr_utf8_decode(line + j, len - j, &cp);
        j += k > 0 ? (size_t)k : 1;
    }
    int lno = p.line, col = p.col;
    char quote = 0;
    if (j < len && (line[j] == '"' || line[j] == '\'')) {
        quote = line[j];
        j++;
        col++;
    } else if (j < len && (line[j] == '|' || line[j] == '>')) {
        /* a block scalar: its text starts on the next line */
        j = len;
    }
    const char *t = v->text;
    size_t i = 0;
    int guard = 0;
    while (i < off && guard++ < 1000000) {
        if (j >= len) {
            /* the end of a source line: whitespace */
            const char *nl = pr_source_line(p.file, lno + 1, &len);
            if (!nl)
                return v->pos;
            line = nl;
            lno++;
            j = 0;
            col = 1;
            while (j < len && (line[j] == ' ' || line[j] == '\t')) {
                j++;
                col++;
            }
            while (i < off && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t'))
                i++;
            continue;
        }
        char sc = line[j], tc = t[i];
        if ((sc == ' ' || sc == '\t') && (tc == ' ' || tc == '\n' || tc == '\t')) {
            while (j < len && (line[j] == ' ' || line[j] == '\t')) {
                j++;
                col++;
            }
            while (i < off && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t'))
                i++;
            continue;
        }
        if (quote == '"' && sc == '\\' && j + 1 < len) {
            char e = line[j + 1];
            size_t skip = e == 'u' ? 6 : e == 'x' ? 4 : e == 'U' ? 10 : 2;
            for (size_t k = 0; k < skip && j < len; k++, j++)
                col++;
            unsigned cp;
            int k = pr_utf8_decode(t + i, strlen(t + i), &cp);
            i += k > 0 ? (size_t)k : 1;
            continue;
        }
        if (quote == '\'' && sc == '\'' && j + 1 < len && line[j + 1] == '\'' && tc == '\'') {
            j += 2;
            col += 2;
            i++;
            continue;
        }
        if (sc != tc)
            return v->pos;
        /* one character */
        unsigned cp;
        int k = pr_utf8_decode(line + j, len - j, &cp);
        size_t kk = k > 0 ? (size_t)k : 1;
        if (i + kk > off + 8 || memcmp(line + j, t + i, kk))
            return v->pos;
        j += kk;
        i += kk;
        col++;
    }
    /* the first character of the target may follow whitespace at the end
     * of a line */
    if (j >= len) {
        const char *nl = pr_source_line(p.file, lno + 1, &len);
        if (nl) {
            lno++;
            col = 1;
            size_t k = 0;
            while (k < len && (nl[k] == ' ' || nl[k] == '\t')) {
                k++;
                col++;
            }
        }
    }
    pr_pos r = {p.file, lno, col};
    return r;
}

/* ---- numbers typed by hand ------------------------------------------------ */

static const char *const number_words[] = {
    "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt", NULL
};

/* Words after which a number designates, not counts: "axe 1", "n° 3". */
static const char *const designators[] = {
    "n°", "no", "numéro", "numéros", "axe", "axes", "chantier", "chantiers", "partie", "parties",
    "article", "articles", "page", "pages", "p.", "lettre", "lettres", "édition", "tome", "volume",
    "phase", "étape", "loi", "décret", "chapitre", "annexe", "fiche", "lot", "niveau", "version",
    "saison", "acte", "session", "atelier", "séance", "groupe", "volet", NULL
};

/* Fields that hold names, codes or identifiers rather than prose, and
 * subtrees that are not the bureau's prose (quotations are verbatim; the
 * sources of earlier years' published figures cite other reports). */
static const char *const skipped_keys[] = {
    "id", "date", "type", "statut", "echelle", "chantier", "evenement", "elus", "membres",
    "acteurs", "photo", "site_web", "contact", "code_postal", "departement", "departements",
    "regions", "sigle", "ancien_sigle", "prenom", "nom", "organisation", "role", "mandats",
    "commune", "pilote", "lieu", "ville", "partenaires", "chiffres_declares", "citations",
    "rapport", "coordonnees", "instance", "unite", "echeance", "publication", "ouverture",
    "ancien", "numero", "axe", "edition", "annee", "lancement", "depuis", "debut", "fin",
    "participants", "valeur", "precision", "principal", "actif", "interviews",
    "annees_precedentes", NULL
};

static int is_letter_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Is the month name at s (after spaces)? */
static int month_follows(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    size_t n = 0;
    while (s[n] && is_letter_byte((unsigned char)s[n]))
        n++;
    return n && pr_date_month_of_name(s, n) > 0;
}

/* The word before byte `at` (after skipping spaces): its start in *ws,
 * its length returned. An elided article is left out ("l'axe" -> "axe"). */
static size_t word_before(const char *s, size_t at, size_t *ws)
{
    size_t e = at;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n'))
        e--;
    size_t b = e;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\t' && s[b - 1] != '\n' && s[b - 1] != '(' &&
           s[b - 1] != '\'' && !(b >= 3 && !memcmp(s + b - 3, "\xe2\x80\x99", 3)))
        b--;
    *ws = b;
    return e - b;
}

/* Is the word [w, w+n) a designator or an abbreviation in capitals? */
static int designates(const char *w, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; designators[i]; i++)
        if (strlen(designators[i]) == n && !strncasecmp(w, designators[i], n))
            return 1;
    int upper = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= 'A' && w[i] <= 'Z')
            upper++;
        else if (w[i] >= 'a' && w[i] <= 'z')
            lower++;
    }
    return upper >= 2 && lower <= upper;   /* GT, RN, SCoT */
}

/* Is byte `at` between « and »? */
static int in_quotes(const char *s, size_t at)
{
    int depth = 0;
    for (size_t i = 0; i + 1 < at; i++) {
        if (!strncmp(s + i, "«", 2))
            depth++;
        else if (!strncmp(s + i, "»", 2) && depth > 0)
            depth--;
    }
    return depth > 0;
}

/* Inside a reference {{…}}? */
static int in_reference(const char *s, size_t at)
{
    const char *o = NULL;
    for (const char *p = strstr(s, "{{"); p && (size_t)(p - s) < at; p = strstr(p + 2, "{{"))
        o = p;
    if (!o)
        return 0;
    const char *c = strstr(o, "}}");
    return !c || (size_t)(c - s) + 2 > at;
}

/* Figures whose value is x: "elus_engages" or "a, b" (at most three);
 * NULL when none. */
static char *figures_worth(const pr_figures *f, long x)
{
    pr_strbuf sb = {0};
    int n = 0;
    for (size_t i = 0; f && i < f->n; i++)
        if (f->items[i].value == x) {
            if (n < 3)
                pr_sb_printf(&sb, "%s%s", n ? ", " : "", f->items[i].def->id);
            n++;
        }
    if (!n)
        return NULL;
    if (n > 3)
        pr_sb_puts(&sb, "…");
    return pr_sb_steal(&sb);
}

static void warn_number(const pr_value *v, const char *path, size_t at, const char *tok, long x,
                        int word, const pr_figures *f, pr_diags *d)
{
    pr_pos pos = pos_in_scalar(v, at);
    char *ids = figures_worth(f, x);
    int cap = tok[0] >= 'A' && tok[0] <= 'Z';
    const char *filters = word ? (cap ? " | en_lettres | capitale" : " | en_lettres") : "";
    if (ids && !strchr(ids, ',') && !strstr(ids, "…"))
        pr_warning(d, pos, path,
                   "nombre écrit à la main « %s » (le chiffre %s vaut %ld) : s'il s'agit de ce "
                   "chiffre, écrivez {{chiffre.%s%s}} ; sinon, {{\"%s\"}} le garde tel quel sans "
                   "avertissement", tok, ids, x, ids, filters, tok);
    else if (ids)
        pr_warning(d, pos, path,
                   "nombre écrit à la main « %s » (les chiffres %s valent %ld) : s'il s'agit de "
                   "l'un d'eux, écrivez {{chiffre.identifiant%s}} ; sinon, {{\"%s\"}} le garde "
                   "tel quel sans avertissement", tok, ids, x, filters, tok);
    else
        pr_warning(d, pos, path,
                   "nombre écrit à la main « %s » (aucun chiffre calculé ne vaut %ld) : pour le "
                   "garder tel quel sans avertissement, écrivez {{\"%s\"}}", tok, x, tok);
    free(ids);
}

/* Warn about the numbers typed in one text. */
static void scan_numbers(const pr_value *v, const char *path, const pr_figures *f, pr_diags *d)
{
    const char *s = v->text;
    size_t n = v->text_len;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (is_digit((char)c)) {
            size_t a = i, e = i;
            /* "1 500": groups of three after a (narrow) space */
            for (;;) {
                while (e < n && is_digit(s[e]))
                    e++;
                size_t sp = 0;
                if (e < n && s[e] == ' ')
                    sp = 1;
                else if (e + 2 < n && !memcmp(s + e, "\xe2\x80\xaf", 3))
                    sp = 3;
                else if (e + 1 < n && !memcmp(s + e, "\xc2\xa0", 2))
                    sp = 2;
                if (sp && e + sp + 3 <= n && is_digit(s[e + sp]) && is_digit(s[e + sp + 1]) &&
                    is_digit(s[e + sp + 2]) && (e + sp + 3 == n || !is_digit(s[e + sp + 3])))
                    e += sp;
                else
                    break;
            }
            i = e;
            char prev = a ? s[a - 1] : ' ';
            char next = e < n ? s[e] : ' ';
            long x = 0;
            for (size_t k = a; k < e; k++)
                if (is_digit(s[k]))
                    x = x * 10 + (s[k] - '0');
            if (is_letter_byte((unsigned char)prev) || is_digit(prev) || strchr("-./_°^", prev) ||
                is_letter_byte((unsigned char)next) || strchr("-/^°", next) ||
                ((next == '.' || next == ',') && e + 1 < n && is_digit(s[e + 1])) ||
                (prev == ',' && a >= 2 && is_digit(s[a - 2])))
                continue;   /* part of a word or a code, a decimal ("1,5"), an ordinal */
            if (e - a == 4 && x >= 1900 && x <= 2100)
                continue;   /* a year */
            if (month_follows(s + e))
                continue;   /* a date */
            if (prev == '(' && next == ')')
                continue;   /* "(62)" */
            size_t nx = e;
            while (nx < n && s[nx] == ' ')
                nx++;
            if (nx < n && s[nx] == 'h' && (nx + 1 >= n || !is_letter_byte((unsigned char)s[nx + 1])))
                continue;   /* "14 h" */
            size_t ws, wl = word_before(s, a, &ws);
            if (designates(s + ws, wl))
                continue;   /* "axe 1", "GT 2" */
            if (in_quotes(s, a) || in_reference(s, a))
                continue;
            char *tok = pr_strndup(s + a, e - a);
            warn_number(v, path, a, tok, x, 0, f, d);
            free(tok);
            continue;
        }
        if (is_letter_byte(c)) {
            size_t a = i;
            while (i < n && (is_letter_byte((unsigned char)s[i]) || s[i] == '-'))
                i++;
            size_t wl = i - a;
            while (wl && s[a + wl - 1] == '-')
                wl--;
            if (a > 0 && (is_digit(s[a - 1]) || s[a - 1] == '-'))
                continue;
            for (size_t k = 0; number_words[k]; k++) {
                if (strlen(number_words[k]) != wl || strncasecmp(s + a, number_words[k], wl))
                    continue;
                if (in_quotes(s, a) || in_reference(s, a))
                    break;
                char *tok = pr_strndup(s + a, wl);
                warn_number(v, path, a, tok, (long)k + 2, 1, f, d);
                free(tok);
                break;
            }
            continue;
        }
        i++;
    }
}

/* Check the references of one text; returns the errors added. */
static size_t check_refs(const pr_value *v, const char *path, pr_diags *d)
{
    size_t errors = 0;
    const char *s = v->text;
    for (const char *o = strstr(s, "{{"); o; ) {
        size_t at = (size_t)(o - s);
        pref r;
        perr e = {0};
        if (parse_ref(s, at, &r, &e)) {
            pr_error(d, pos_in_scalar(v, e.off), path, "%s", e.msg);
            free(e.msg);
            errors++;
            o = strstr(s + at + 2, "{{");
            continue;
        }
        pref_free(&r);
        o = strstr(s + r.end, "{{");
    }
    return errors;
}

static int skipped(const char *key)
{
    for (size_t i = 0; skipped_keys[i]; i++)
        if (!strcmp(skipped_keys[i], key))
            return 1;
    return 0;
}

static size_t walk(const pr_value *v, pr_strbuf *path, const pr_figures *f, pr_diags *d)
{
    size_t errors = 0, mark = path->len;
    switch (v->kind) {
    case PR_V_MAP:
        for (size_t i = 0; i < v->n; i++) {
            if (skipped(v->keys[i]))
                continue;
            pr_sb_printf(path, "%s%s", mark ? "." : "", v->keys[i]);
            errors += walk(v->items[i], path, f, d);
            path->len = mark;
            path->data[mark] = '\0';
        }
        break;
    case PR_V_SEQ:
        for (size_t i = 0; i < v->n; i++) {
            pr_sb_printf(path, "[%zu]", i);
            errors += walk(v->items[i], path, f, d);
            path->len = mark;
            path->data[mark] = '\0';
        }
        break;
    case PR_V_SCALAR:
        if (v->style != PR_SCALAR_STRING && v->style != PR_SCALAR_PLAIN)
            break;
        errors += check_refs(v, path->data, d);
        scan_numbers(v, path->data, f, d);
        break;
    }
    return errors;
}

size_t pr_prose_check(const pr_value *doc, const pr_figures *f, pr_diags *d)
{
    if (!doc)
        return 0;
    pr_strbuf path = {0};
    pr_sb_puts(&path, "");
    size_t errors = walk(doc, &path, f, d);
    pr_sb_free(&path);
    return errors;
}
