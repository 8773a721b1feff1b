/* french.h — the French words the report composes around numbers and
 * names, so that a sentence agrees whatever the year's data: numbers in
 * words ("vingt et une"), the plural of a noun phrase ("réseau local" ->
 * "réseaux locaux"), and « de » / « à » before a name, elided or
 * contracted with the name's article ("d'Anrafa", "du Cerema" when the
 * name is written "le Cerema", "aux référents" for "les référents").
 *
 * Used by the template filters (compose/template_text.c) and by the
 * figure references of the data's prose (data/prose.c). Everything is
 * UTF-8; returned strings are malloc'ed and never NULL. */
#ifndef PR_FRENCH_H
#define PR_FRENCH_H

#include <stddef.h>

/* 0 -> "zéro", 21 -> "vingt et un" (feminine: "vingt et une"), 80 ->
 * "quatre-vingts", 200 -> "deux cents", 1001 -> "mille un", traditional
 * spelling (hyphens under one hundred). Negative numbers and numbers of a
 * billion or more are written in digits. */
char *pr_fr_number_words(long n, int feminine);

/* The plural of a noun phrase: each word up to the first preposition,
 * article, conjunction or relative pronoun takes its plural ("table
 * ronde" -> "tables rondes", "réseau local actif" -> "réseaux locaux
 * actifs", "lettre d'info" -> "lettres d'info", "mini-conférence" ->
 * "mini-conférences"). Words ending in s, x or z, acronyms and words with
 * digits are invariable. The usual exceptions in -al, -ail, -ou, -eu are
 * known; for any other, give the plural yourself. */
char *pr_fr_plural(const char *phrase);

/* The noun agreed with the number x: `singular` for 0 and 1, the plural
 * from 2 on (`plural`, or pr_fr_plural(singular) when NULL). */
char *pr_fr_agree(long x, const char *singular, const char *plural);

/* The number x as running prose writes it, followed by its noun: "aucune
 * table ronde", "une table ronde", "deux tables rondes", "12 tables
 * rondes" — words up to ten ("aucun"/"aucune" for zero), digits beyond
 * (grouped by thousands with a narrow space). `singular` starts with "un "
 * or "une ", which gives the gender; `plural` is the noun's plural (NULL:
 * pr_fr_plural). `prefix` goes before the number ("environ "; NULL: none;
 * with a prefix, zero is written "0"). */
char *pr_fr_quantity(long x, const char *singular, const char *plural, const char *prefix);

/* Does `word` begin with a vowel sound: a vowel (accented or not), a mute
 * h ("Hélène"), y before a consonant ("Yvelines")? Not an aspirated h
 * ("Hauts-de-France", "huit"), "onze", "oui", y before a vowel ("Yann"). */
int pr_fr_vowel_sound(const char *word);

/* The length of the article a name begins with: "le ", "la ", "les ",
 * "l'" or "l’" (lower case, or "Le "/"La "/"Les " as in "Le Havre"), 0
 * if none. */
size_t pr_fr_article_len(const char *name);

/* « de » / « à » followed by `name`: "de Paris", "d'Anrafa MADI", "du
 * Cerema" (name "le Cerema"), "du Robert" ("Le Robert"), "des référents"
 * ("les référents"), "de la FNAU", "de l'ANCT"; "à Paris", "au Cerema",
 * "aux référents", "à la FNAU". `capital` writes "De"/"Du"/"À"/"Au". */
char *pr_fr_de(const char *name, int capital);
char *pr_fr_a(const char *name, int capital);

/* The name without its leading article: "le Cerema" -> "Cerema", "l'ANCT"
 * -> "ANCT"; a name with an upper-case article ("Le Havre") is kept. */
char *pr_fr_without_article(const char *name);

#endif
