/* french.c — French numbers in words, plurals of noun phrases, « de » and
 * « à » before names (french.h). */
#include "base/french.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"

/* ---- numbers in words ------------------------------------------------- */

static const char *const units[] = {
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"
};
static const char *const tens[] = {
    "", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt",
    "quatre-vingt"
};

/* 0 < n < 100. `final`: nothing follows (quatre-vingts takes its s). */
static void words_below_100(pr_strbuf *sb, int n, int feminine, int final)
{
    if (n < 20) {
        pr_sb_puts(sb, n == 1 && feminine ? "une" : units[n]);
        return;
    }
    int t = n / 10, u = n % 10;
    if (t == 7 || t == 9) {   /* soixante-dix, quatre-vingt-onze */
        pr_sb_puts(sb, tens[t]);
        if (t == 7 && u == 1)
            pr_sb_puts(sb, " et ");
        else
            pr_sb_putc(sb, '-');
        pr_sb_puts(sb, units[10 + u]);
        return;
    }
    pr_sb_puts(sb, tens[t]);
    if (u == 0) {
        if (t == 8 && final)
            pr_sb_putc(sb, 's');
        return;
    }
    if (u == 1 && t != 8) {
        pr_sb_puts(sb, " et ");
        pr_sb_puts(sb, feminine ? "une" : "un");
        return;
    }
    pr_sb_putc(sb, '-');
    pr_sb_puts(sb, u == 1 && feminine ? "une" : units[u]);
}

/* 0 < n < 1000; `final`: nothing but a noun follows (cents, quatre-vingts
 * keep their s), as opposed to "mille" following. */
static void words_below_1000(pr_strbuf *sb, int n, int feminine, int final)
{
    int h = n / 100, rest = n % 100;
    if (h) {
        if (h > 1) {
            pr_sb_puts(sb, units[h]);
            pr_sb_putc(sb, ' ');
        }
        pr_sb_puts(sb, "cent");
        if (h > 1 && rest == 0 && final)
            pr_sb_putc(sb, 's');
        if (rest)
            pr_sb_putc(sb, ' ');
    }
    if (rest)
        words_below_100(sb, rest, feminine, final);
}

char *pr_fr_number_words(long n, int feminine)
{
    if (n < 0 || n >= 1000000000L)
        return pr_asprintf("%ld", n);
    if (n == 0)
        return pr_strdup("zéro");
    pr_strbuf sb = {0};
    long millions = n / 1000000, thousands = (n / 1000) % 1000, rest = n % 1000;
    if (millions) {
        /* "million" is a noun: "deux cents millions", "un million" */
        words_below_1000(&sb, (int)millions, 0, 1);
        pr_sb_puts(&sb, millions > 1 ? " millions" : " million");
        if (thousands || rest)
            pr_sb_putc(&sb, ' ');
    }
    if (thousands) {
        /* "mille" is invariable and never preceded by "un" */
        if (thousands > 1) {
            words_below_1000(&sb, (int)thousands, 0, 0);
            pr_sb_putc(&sb, ' ');
        }
        pr_sb_puts(&sb, "mille");
        if (rest)
            pr_sb_putc(&sb, ' ');
    }
    if (rest)
        words_below_1000(&sb, (int)rest, feminine, 1);
    return pr_sb_steal(&sb);
}

/* ---- plurals ------------------------------------------------------------- */

/* Words that end the part of a noun phrase that agrees. */
static const char *const stops[] = {
    "de", "du", "des", "d'", "d’", "à", "au", "aux", "en", "sur", "pour", "avec", "par", "dans",
    "entre", "chez", "sans", "sous", "vers", "contre", "selon", "qui", "que", "qu'", "qu’",
    "dont", "où", "et", "ou", "le", "la", "les", "l'", "l’", "un", "une", ":", "(", "–", "«",
    NULL
};

static const char *const al_s[] = {"bal", "carnaval", "chacal", "festival", "récital", "régal",
                                   "cal", "val", "étal", "banal", "bancal", "fatal", "natal",
                                   "naval", "final", NULL};
static const char *const ail_aux[] = {"bail", "corail", "émail", "soupirail", "travail",
                                      "vantail", "vitrail", NULL};
static const char *const ou_x[] = {"bijou", "caillou", "chou", "genou", "hibou", "joujou", "pou",
                                   NULL};
static const char *const eu_s[] = {"bleu", "pneu", "émeu", "landau", "sarrau", NULL};
/* first parts of compounds that stay invariable */
static const char *const prefixes[] = {"mini", "micro", "semi", "demi", "mi", "ex", "vice", "non",
                                       "anti", "auto", "multi", "inter", "pré", "post", "néo",
                                       "pseudo", "quasi", "sous", "sur", "arrière", "avant",
                                       "extra", "super", "ultra", "co", NULL};

static int in_list(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && !strncasecmp(w, list[i], n))
            return 1;
    return 0;
}

static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && !memcmp(w + n - k, suf, k);
}

/* Is the word invariable: an acronym (two capitals or more, no lower
 * case), digits, or markup? */
static int invariable(const char *w, size_t n)
{
    int upper = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= '0' && c <= '9')
            return 1;
        if (c >= 'A' && c <= 'Z')
            upper++;
        else if (c >= 'a' && c <= 'z')
            lower++;
        else if (c == '*' || c == '[' || c == '{')
            return 1;
    }
    return upper >= 2 && lower == 0;
}

/* Append the plural of one simple word (no hyphen). */
static void plural_word(pr_strbuf *sb, const char *w, size_t n)
{
    if (!n || invariable(w, n) || ends_with(w, n, "s") || ends_with(w, n, "x") ||
        ends_with(w, n, "z")) {
        pr_sb_add(sb, w, n);
        return;
    }
    if (ends_with(w, n, "al") && !in_list(w, n, al_s)) {
        pr_sb_add(sb, w, n - 2);
        pr_sb_puts(sb, "aux");
        return;
    }
    if (ends_with(w, n, "ail") && in_list(w, n, ail_aux)) {
        pr_sb_add(sb, w, n - 3);
        pr_sb_puts(sb, "aux");
        return;
    }
    if ((ends_with(w, n, "au") || ends_with(w, n, "eu") || ends_with(w, n, "œu")) &&
        !in_list(w, n, eu_s)) {
        pr_sb_add(sb, w, n);
        pr_sb_putc(sb, 'x');
        return;
    }
    if (ends_with(w, n, "ou") && in_list(w, n, ou_x)) {
        pr_sb_add(sb, w, n);
        pr_sb_putc(sb, 'x');
        return;
    }
    pr_sb_add(sb, w, n);
    pr_sb_putc(sb, 's');
}

/* Append the plural of a word that may be a compound ("mini-conférence"). */
static void plural_compound(pr_strbuf *sb, const char *w, size_t n)
{
    size_t a = 0;
    while (a <= n) {
        size_t b = a;
        while (b < n && w[b] != '-')
            b++;
        int last = b >= n;
        if (!last && in_list(w + a, b - a, prefixes))
            pr_sb_add(sb, w + a, b - a);
        else
            plural_word(sb, w + a, b - a);
        if (last)
            break;
        pr_sb_putc(sb, '-');
        a = b + 1;
    }
}

/* Is w[0..n) a stop word, or does it start with one ("d'info")? */
static int is_stop(const char *w, size_t n)
{
    if (in_list(w, n, stops))
        return 1;
    static const char *const elided[] = {"d'", "d’", "l'", "l’", "qu'", "qu’", NULL};
    for (size_t i = 0; elided[i]; i++) {
        size_t k = strlen(elided[i]);
        if (n > k && !strncasecmp(w, elided[i], k))
            return 1;
    }
    return 0;
}

char *pr_fr_plural(const char *phrase)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "");
    const char *s = phrase;
    int agreeing = 1;
    while (*s) {
        if (*s == ' ') {
            pr_sb_putc(&sb, *s++);
            continue;
        }
        size_t n = strcspn(s, " ");
        /* a word glued to punctuation ends the agreeing part after it */
        size_t core = n;
        while (core > 0 && strchr(",;:)", s[core - 1]))
            core--;
        if (agreeing && is_stop(s, n))
            agreeing = 0;
        if (agreeing) {
            plural_compound(&sb, s, core);
            pr_sb_add(&sb, s + core, n - core);
            if (core < n)
                agreeing = 0;
        } else {
            pr_sb_add(&sb, s, n);
        }
        s += n;
    }
    return pr_sb_steal(&sb);
}

char *pr_fr_agree(long x, const char *singular, const char *plural)
{
    if (x < 2)
        return pr_strdup(singular);
    return plural ? pr_strdup(plural) : pr_fr_plural(singular);
}

char *pr_fr_quantity(long x, const char *singular, const char *plural, const char *prefix)
{
    int fem = !strncmp(singular, "une ", 4);
    const char *noun = singular + (fem ? 4 : !strncmp(singular, "un ", 3) ? 3 : 0);
    char *num;
    if (x == 0 && !prefix) {
        num = pr_strdup(fem ? "aucune" : "aucun");
    } else if (x >= 0 && x <= 10) {
        num = pr_fr_number_words(x, fem);
    } else {
        /* digits, grouped by thousands with a narrow no-break space */
        char digits[32];
        int n = snprintf(digits, sizeof digits, "%ld", x);
        pr_strbuf sb = {0};
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % 3 == 0 && digits[i - 1] != '-')
                pr_sb_puts(&sb, "\xe2\x80\xaf");   /* U+202F */
            pr_sb_putc(&sb, digits[i]);
        }
        num = pr_sb_steal(&sb);
    }
    char *forms = pr_fr_agree(x, noun, plural);
    /* "plus de" elides before "un"/"une": "plus d'un participant" */
    size_t pl = prefix ? strlen(prefix) : 0;
    int elide = pl >= 3 && !strcmp(prefix + pl - 3, "de ") && (pl == 3 || prefix[pl - 4] == ' ')
                && !strncmp(num, "un", 2);
    char *r = elide ? pr_asprintf("%.*sd'%s %s", (int)(pl - 3), prefix, num, forms)
                    : pr_asprintf("%s%s %s", prefix ? prefix : "", num, forms);
    free(num);
    free(forms);
    return r;
}

/* ---- elision and contraction ---------------------------------------------- */

/* Words (and their derivatives) whose h is aspirated: no elision. */
static const char *const aspirated[] = {
    "haut", "hameau", "hall", "halle", "hangar", "hasard", "hâte", "havre", "héros", "hêtre",
    "hibou", "hollande", "hongrie", "honte", "hors", "hublot", "huit", "hutte", "hache", "haie",
    "haine", "handicap", "harcèlement", "hareng", "haricot", "harpe", "hérisson", "hiérarchie",
    "hockey", "homard", "houle", "housse", "hurepoix", "hainaut", "haguenau", "hambourg",
    "hanovre", "hérault", "hurault", NULL
};

/* Does word begin with prefix p (case-insensitive on ASCII, exact on the
 * rest)? */
static int starts_ci(const char *word, const char *p)
{
    size_t k = strlen(p);
    return !strncasecmp(word, p, k);
}

/* The first code point of s, and its length. */
static unsigned first_cp(const char *s, int *len)
{
    unsigned cp = 0;
    int k = pr_utf8_decode(s, strlen(s), &cp);
    *len = k > 0 ? k : 1;
    return k > 0 ? cp : (unsigned char)*s;
}

static int is_vowel_cp(unsigned cp)
{
    if (cp < 128) {
        char c = (char)(cp | 0x20);
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    }
    static const unsigned accented[] = {
        0xE0, 0xE2, 0xE4, 0xE9, 0xE8, 0xEA, 0xEB, 0xEE, 0xEF, 0xF4, 0xF6, 0xFB, 0xFC, 0xF9, 0xFF,
        0xC0, 0xC2, 0xC4, 0xC9, 0xC8, 0xCA, 0xCB, 0xCE, 0xCF, 0xD4, 0xD6, 0xDB, 0xDC, 0xD9,
        0x153, 0x152, 0xE6, 0xC6, 0
    };
    for (size_t i = 0; accented[i]; i++)
        if (accented[i] == cp)
            return 1;
    return 0;
}

int pr_fr_vowel_sound(const char *word)
{
    int k;
    unsigned cp = first_cp(word, &k);
    if (cp == 'h' || cp == 'H') {
        for (size_t i = 0; aspirated[i]; i++)
            if (starts_ci(word, aspirated[i]))
                return 0;
        int k2;
        return word[1] && is_vowel_cp(first_cp(word + 1, &k2));
    }
    if (!is_vowel_cp(cp))
        return 0;
    if (cp == 'y' || cp == 'Y') {
        /* "Yann", "yaourt": a consonant before a vowel */
        int k2;
        return !(word[1] && is_vowel_cp(first_cp(word + 1, &k2)));
    }
    static const char *const no_elision[] = {"onze", "onzième", "oui", "ouistiti", NULL};
    for (size_t i = 0; no_elision[i]; i++)
        if (starts_ci(word, no_elision[i]) &&
            !((unsigned char)word[strlen(no_elision[i])] >= 'a' &&
              (unsigned char)word[strlen(no_elision[i])] <= 'z'))
            return 0;
    return 1;
}

size_t pr_fr_article_len(const char *name)
{
    static const char *const arts[] = {"les ", "le ", "la ", "l'", "l’", "Les ", "Le ", "La ",
                                       NULL};
    for (size_t i = 0; arts[i]; i++) {
        size_t k = strlen(arts[i]);
        if (!strncmp(name, arts[i], k) && name[k] && name[k] != ' ')
            return k;
    }
    return 0;
}

/* "de"/"à" with the article of `name` folded in. */
static char *prep(const char *name, int de, int capital)
{
    size_t k = pr_fr_article_len(name);
    const char *rest = name + k;
    if (k && (name[0] == 'l' || name[0] == 'L') && name[1] == 'e' && name[2] == ' ')
        return pr_asprintf("%s %s", de ? (capital ? "Du" : "du") : (capital ? "Au" : "au"), rest);
    if (k && (name[0] == 'l' || name[0] == 'L') && name[1] == 'e' && name[2] == 's')
        return pr_asprintf("%s %s", de ? (capital ? "Des" : "des") : (capital ? "Aux" : "aux"),
                           rest);
    if (k)   /* la, l' */
        return pr_asprintf("%s %s", de ? (capital ? "De" : "de") : (capital ? "À" : "à"), name);
    if (de && pr_fr_vowel_sound(name))
        return pr_asprintf("%s'%s", capital ? "D" : "d", name);
    return pr_asprintf("%s %s", de ? (capital ? "De" : "de") : (capital ? "À" : "à"), name);
}

char *pr_fr_de(const char *name, int capital) { return prep(name, 1, capital); }
char *pr_fr_a(const char *name, int capital) { return prep(name, 0, capital); }

char *pr_fr_without_article(const char *name)
{
    size_t k = pr_fr_article_len(name);
    if (k && name[0] >= 'a' && name[0] <= 'z')
        return pr_strdup(name + k);
    return pr_strdup(name);
}
