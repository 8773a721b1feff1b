/* main.c — command line of planif-rapport: parses options, runs the stages
 * (load -> model -> figures -> outputs) and is the only place that prints
 * diagnostics. The exit status is computed once, from the classes of the
 * errors (pr_diags_exit_status). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/resource.h>
#include <sys/stat.h>

#include "annex/annex.h"
#include "base/date.h"
#include "base/diag.h"
#include "data/figures.h"
#include "data/history.h"
#include "data/prose.h"
#include "typeset/font.h"
#include "typeset/hyph.h"
#include "data/load.h"
#include "data/model.h"
#include "base/output.h"
#include "base/paths.h"
#include "base/proc.h"
#include "image/photo.h"
#include "pdf/render_pdf.h"
#include "compose/report.h"
#include "compose/template.h"
#include "base/util.h"

/* ---- stage timings (PR_TIMINGS=1 prints them on stderr) ---------------- */
static int timings_on;
static struct timespec stage_start;
static struct timespec stage_cpu_start;   /* the process's CPU time */

static double annex_child_ms = -1;   /* the annex child's time (timings) */

static void stage_begin(void)
{
    if (timings_on) {
        clock_gettime(CLOCK_MONOTONIC, &stage_start);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &stage_cpu_start);
    }
}

static void stage_end(const char *name)
{
    if (!timings_on)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - stage_start.tv_sec) * 1e3 +
                (double)(now.tv_nsec - stage_start.tv_nsec) / 1e6;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);   /* all threads */
    double cpu = (double)(now.tv_sec - stage_cpu_start.tv_sec) * 1e3 +
                 (double)(now.tv_nsec - stage_cpu_start.tv_nsec) / 1e6;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "temps: étape=%s ms=%.3f cpu-ms=%.3f rss-max-kio=%ld\n", name, ms, cpu,
            ru.ru_maxrss);
}

/* The creation date written into the outputs: SOURCE_DATE_EPOCH if set,
 * else the report's publication date (first day of its month), so the same
 * data always gives the same bytes. */
static long long creation_time(const pr_model *m)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        /* up to 9999-12-31: the outputs write four-digit years */
        if (!*end && !errno && v >= 0 && v <= 253402300799LL)
            return v;
    }
    pr_date d = m->report.published;
    int y = d.prec ? d.year : m->report.year + 1;
    int mo = d.prec >= PR_DATE_MONTH ? d.month : 1;
    int day = d.prec == PR_DATE_DAY ? d.day : 1;
    if (y > 9999) {   /* year 9999 and no publication date: the last day */
        y = 9999;
        mo = 12;
        day = 31;
    }
    return (long long)pr_date_days_from_civil(y, mo, day) * 86400;
}

/* The annex's production date, byte-reproducible for the same input: the
 * SOURCE_DATE_EPOCH time when set (reproducible builds' convention); else
 * the data file's last modification (the same file unchanged gives the
 * same bytes, like the other reproducible-builds sources); for data read
 * on standard input, which has none, the report's publication date. *how
 * says which, in French, for the annex. */
static long long production_time(const pr_model *m, const char **how)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (!*end && v >= 0) {
            *how = "variable d’environnement SOURCE_DATE_EPOCH";
            return v;
        }
    }
    struct stat st;
    if (m->source_file && strcmp(m->source_file, "-") && stat(m->source_file, &st) == 0 &&
        S_ISREG(st.st_mode) && st.st_mtime > 0) {
        *how = "dernière modification du fichier de données";
        return (long long)st.st_mtime;
    }
    *how = "date de publication du rapport (données lues sur l’entrée standard)";
    return creation_time(m);
}

typedef struct options {
    const char *data;
    const char *out_dir;
    const char *pdf;
    const char *xlsx;
    const char *templates;
    const char *figures_json;
    pr_format format;
    int check, strict, quiet;
    int wait;              /* seconds to wait for a locked output folder */
    int stdin_closed;      /* standard input was closed when we started */
} options;

/* Seconds a run waits for another one that writes into the same output
 * folder (README.md). */
#define DEFAULT_WAIT 120

static void usage(FILE *f)
{
    fputs("Usage : planif-rapport [options] DONNÉES\n"
          "\n"
          "Produit le rapport d'activités (PDF) et son annexe (Excel) à partir des\n"
          "données de l'année (YAML ou JSON ; « - » pour l'entrée standard).\n"
          "\n"
          "Options :\n"
          "  -o, --output DOSSIER   dossier de sortie (défaut : out/)\n"
          "      --pdf FICHIER      chemin du rapport (défaut : DOSSIER/rapport-activites-ANNÉE.pdf)\n"
          "      --xlsx FICHIER     chemin de l'annexe (défaut : DOSSIER/annexe-ANNÉE.xlsx)\n"
          "      --templates DOSSIER  gabarit du rapport (défaut : report-templates/rapport-annuel)\n"
          "      --format FORMAT    yaml ou json (obligatoire avec « - »)\n"
          "      --check            valider les données, afficher les chiffres clés et\n"
          "                         le contrôle des chiffres déclarés ; n'écrire aucun fichier\n"
          "      --strict           un écart entre chiffre déclaré et calculé est une erreur\n"
          "      --figures-json FICHIER  écrire les chiffres clés en JSON (« - » : sur la\n"
          "                         sortie standard)\n"
          "      --wait SECONDES    attente au plus (défaut : 120) quand une autre exécution\n"
          "                         écrit dans le même dossier de sortie\n"
          "  -q, --quiet            ne rien afficher sauf les erreurs\n"
          "  -h, --help             afficher cette aide\n"
          "      --version          afficher la version\n"
          "\n"
          "Codes de sortie : 0 terminé, 1 données ou gabarit invalides, 2 mauvaise\n"
          "utilisation, 3 erreur d'entrée/sortie, 4 erreur interne (un bogue, à signaler).\n",
          f);
}

/* Parse argv into o; returns -1 after adding a usage error to d, 1 when
 * the program should exit 0 (help, version), 0 to run. */
static int parse_args(int argc, char **argv, options *o, pr_diags *d)
{
    memset(o, 0, sizeof *o);
    o->out_dir = "out";
    o->wait = DEFAULT_WAIT;
    int only_positional = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **target = NULL;
        if (only_positional || a[0] != '-' || !strcmp(a, "-")) {
            if (!*a) {
                pr_usage_error(d, "chemin du fichier de données vide");
                return -1;
            }
            if (o->data) {
                pr_usage_error(d, "un seul fichier de données est attendu (« %s » en trop)", a);
                return -1;
            }
            o->data = a;
            continue;
        }
        if (!strcmp(a, "--")) { only_positional = 1; continue; }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); return 1; }
        if (!strcmp(a, "--version")) { printf("planif-rapport %s\n", PR_VERSION); return 1; }
        if (!strcmp(a, "--check")) { o->check = 1; continue; }
        if (!strcmp(a, "--strict")) { o->strict = 1; continue; }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) { o->quiet = 1; continue; }
        if (!strcmp(a, "-o") || !strcmp(a, "--output")) target = &o->out_dir;
        else if (!strcmp(a, "--pdf")) target = &o->pdf;
        else if (!strcmp(a, "--xlsx")) target = &o->xlsx;
        else if (!strcmp(a, "--templates")) target = &o->templates;
        else if (!strcmp(a, "--figures-json")) target = &o->figures_json;
        else if (!strcmp(a, "--wait")) {
            char *end = NULL;
            long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : -1;
            if (i + 1 >= argc || !*argv[i + 1] || *end || v < 0 || v > 86400) {
                pr_usage_error(d, "l'option --wait attend un nombre de secondes (0 à 86400)");
                return -1;
            }
            o->wait = (int)v;
            i++;
            continue;
        } else if (!strcmp(a, "--format")) {
            if (i + 1 >= argc) {
                pr_usage_error(d, "l'option --format attend « yaml » ou « json »");
                return -1;
            }
            const char *v = argv[++i];
            if (!strcmp(v, "yaml")) o->format = PR_FORMAT_YAML;
            else if (!strcmp(v, "json")) o->format = PR_FORMAT_JSON;
            else {
                pr_usage_error(d, "format inconnu « %s » (attendu : yaml ou json)", v);
                return -1;
            }
            continue;
        } else {
            pr_usage_error(d, "option inconnue « %s » (voir --help)", a);
            return -1;
        }
        if (i + 1 >= argc) {
            pr_usage_error(d, "l'option %s attend une valeur", a);
            return -1;
        }
        if (!*argv[i + 1]) {
            /* "" would mean the current folder, or the root */
            pr_usage_error(d, "l'option %s attend un chemin non vide", a);
            return -1;
        }
        *target = argv[++i];
    }
    if (!o->data) {
        pr_usage_error(d, "aucun fichier de données (voir --help)");
        return -1;
    }
    if (!strcmp(o->data, "-") && o->format == PR_FORMAT_AUTO) {
        pr_usage_error(d, "avec « - », précisez --format yaml ou --format json");
        return -1;
    }
    return 0;
}

/* Append s to sb as a JSON string literal. */
static void json_str(pr_strbuf *sb, const char *s)
{
    pr_sb_putc(sb, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { pr_sb_putc(sb, '\\'); pr_sb_putc(sb, (char)c); }
        else if (c == '\n') pr_sb_puts(sb, "\\n");
        else if (c < 0x20) pr_sb_printf(sb, "\\u%04x", c);
        else pr_sb_putc(sb, (char)c);
    }
    pr_sb_putc(sb, '"');
}

/* A rate of change as JSON (4 decimals), or null. */
static void json_rate(pr_strbuf *sb, const pr_comparison *k)
{
    if (k->has_rate)
        pr_sb_printf(sb, "%.4f", k->rate);
    else
        pr_sb_puts(sb, "null");
}

/* The comparison with the earlier years as JSON: the years (oldest first)
 * with where their figures come from (the report's year; an earlier year's
 * data file; the figures published for it), then one line per figure that
 * has an earlier value: its values, definition versions and sources by
 * year (null when unknown; the report's year has no source but itself),
 * and its comparison with the latest earlier value. */
static void comparison_json(pr_strbuf *sb, const pr_history *h)
{
    pr_sb_puts(sb, "  \"comparaison\": {\n    \"annees\": [");
    for (size_t i = 0; i < h->n; i++) {
        const pr_history_year *y = &h->years[i];
        int current = i + 1 == h->n;
        pr_sb_printf(sb, "%s\n      {\"annee\": %d, \"origine\": \"%s\", \"fichier\": ",
                     i ? "," : "", y->year,
                     current ? "annee_du_rapport" : y->file ? "fichier" : "chiffres_publies");
        if (y->file && !current)
            json_str(sb, y->file);
        else
            pr_sb_puts(sb, "null");
        pr_sb_puts(sb, "}");
    }
    pr_sb_puts(sb, "\n    ],\n    \"chiffres\": [");
    int first = 1;
    for (int id = 0; id < PR_FIG__COUNT; id++) {
        if (!pr_history_figure_has_past(h, (pr_figure_id)id))
            continue;
        pr_comparison k = pr_history_compare(h, (pr_figure_id)id);
        pr_sb_printf(sb, "%s\n      {\"chiffre\": ", first ? "" : ",");
        first = 0;
        json_str(sb, pr_figure_defs()[id].id);
        pr_sb_puts(sb, ", \"valeurs\": [");
        for (size_t i = 0; i < h->n; i++) {
            const pr_year_value *v = &h->years[i].v[id];
            if (v->origin == PR_ORIGIN_NONE)
                pr_sb_printf(sb, "%snull", i ? ", " : "");
            else
                pr_sb_printf(sb, "%s%ld", i ? ", " : "", v->value);
        }
        pr_sb_puts(sb, "], \"definitions\": [");
        for (size_t i = 0; i < h->n; i++) {
            const pr_year_value *v = &h->years[i].v[id];
            if (v->origin == PR_ORIGIN_NONE)
                pr_sb_printf(sb, "%snull", i ? ", " : "");
            else
                pr_sb_printf(sb, "%s%d", i ? ", " : "", v->definition);
        }
        pr_sb_puts(sb, "], \"sources\": [");
        for (size_t i = 0; i < h->n; i++) {
            const pr_year_value *v = &h->years[i].v[id];
            pr_sb_puts(sb, i ? ", " : "");
            if (v->origin == PR_ORIGIN_NONE || i + 1 == h->n)
                pr_sb_puts(sb, "null");
            else
                json_str(sb, v->source ? v->source : "");
        }
        pr_sb_printf(sb, "], \"annee_precedente\": %d, \"precedent\": %ld, \"comparable\": %s, ",
                     k.previous_year, k.previous, k.comparable ? "true" : "false");
        if (k.comparable)
            pr_sb_printf(sb, "\"ecart\": %ld, \"taux\": ", k.change);
        else
            pr_sb_puts(sb, "\"ecart\": null, \"taux\": ");
        json_rate(sb, &k);
        char *phrase = pr_comparison_phrase(&k);
        pr_sb_puts(sb, ", \"texte\": ");
        json_str(sb, phrase);
        free(phrase);
        pr_sb_puts(sb, "}");
    }
    pr_sb_puts(sb, first ? "]\n  }\n" : "\n    ]\n  }\n");
}

/* The figures and cross-check as JSON (stable order, one figure a line). */
static char *figures_json(const pr_model *m, const pr_figures *f, const pr_checks *c,
                          const pr_history *h)
{
    pr_strbuf sb = {0};
    pr_sb_printf(&sb, "{\n  \"annee\": %d,\n  \"chiffres\": {\n", m->report.year);
    for (size_t i = 0; i < f->n; i++) {
        pr_sb_puts(&sb, "    ");
        json_str(&sb, f->items[i].def->id);
        pr_sb_printf(&sb, ": %ld%s\n", f->items[i].value, i + 1 < f->n ? "," : "");
    }
    pr_sb_puts(&sb, "  },\n  \"precision\": {\n");
    size_t n_att = 0, k_att = 0;
    for (size_t i = 0; i < f->n; i++)
        n_att += f->items[i].def->kind == PR_FIGURE_ATTENDANCE;
    for (size_t i = 0; i < f->n; i++) {
        if (f->items[i].def->kind != PR_FIGURE_ATTENDANCE)
            continue;
        pr_sb_puts(&sb, "    ");
        json_str(&sb, f->items[i].def->id);
        pr_sb_printf(&sb, ": {\"approches\": %ld, \"inconnus\": %ld}%s\n", f->n_approx[i],
                     f->n_unknown[i], ++k_att < n_att ? "," : "");
    }
    pr_sb_puts(&sb, "  },\n  \"departements_couverts\": [");
    for (size_t i = 0; i < f->n_covered; i++) {
        if (i)
            pr_sb_puts(&sb, ", ");
        json_str(&sb, f->covered[i]);
    }
    pr_sb_puts(&sb, "],\n  \"controles\": [\n");
    for (size_t i = 0; i < c->n; i++) {
        const pr_check *k = &c->items[i];
        pr_sb_puts(&sb, "    {\"chiffre\": ");
        json_str(&sb, k->figure->def->id);
        pr_sb_printf(&sb, ", \"forme\": \"%s\", \"declare\": %ld, \"calcule\": %ld, "
                          "\"ecart\": %ld, \"statut\": \"%s\"}%s\n",
                     pr_count_precision_label(k->declared->prec), k->declared->value,
                     k->figure->value, k->difference, pr_check_status_label(k->status),
                     i + 1 < c->n ? "," : "");
    }
    pr_sb_puts(&sb, "  ],\n");
    comparison_json(&sb, h);
    pr_sb_puts(&sb, "}\n");
    return pr_sb_steal(&sb);
}

/* Print s padded with spaces to `width` characters (code points, not
 * bytes), right-aligned when `right`. */
static void put_cell(FILE *out, const char *s, int width, int right)
{
    int chars = 0;
    for (const char *p = s; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    int pad = width > chars ? width - chars : 0;
    if (right)
        fprintf(out, "%*s%s", pad, "", s);
    else
        fprintf(out, "%s%*s", s, pad, "");
}

static void print_comparison(FILE *out, const pr_history *h);

/* The --check table: key figures, then declared vs computed, then the
 * comparison with the earlier years. */
static void print_check(FILE *out, const pr_model *m, const pr_figures *f, const pr_checks *c,
                        const pr_history *h)
{
    char num[32];
    fprintf(out, "Chiffres clés %d (%s)\n\n", m->report.year, m->source_file);
    for (size_t i = 0; i < f->n; i++)
        fprintf(out, "  %-34s %8ld  %s\n", f->items[i].def->id, f->items[i].value, f->items[i].def->label);
    fprintf(out, "\nContrôle des chiffres déclarés (%zu, dont %zu écart%s)\n\n", c->n, c->n_mismatch,
            c->n_mismatch > 1 ? "s" : "");
    if (c->n) {
        fputs("  ", out);
        put_cell(out, "chiffre", 34, 0);
        put_cell(out, "déclaré", 9, 1);
        put_cell(out, "calculé", 9, 1);
        put_cell(out, "écart", 8, 1);
        fputs("  statut\n", out);
    }
    for (size_t i = 0; i < c->n; i++) {
        const pr_check *k = &c->items[i];
        fputs("  ", out);
        put_cell(out, k->figure->def->id, 34, 0);
        snprintf(num, sizeof num, "%s%ld",
                 k->declared->prec == PR_COUNT_AT_LEAST ? "≥ "
                 : k->declared->prec == PR_COUNT_ABOUT  ? "≈ "
                                                        : "",
                 k->declared->value);
        put_cell(out, num, 9, 1);
        snprintf(num, sizeof num, "%ld", k->figure->value);
        put_cell(out, num, 9, 1);
        snprintf(num, sizeof num, "%+ld", k->difference);
        put_cell(out, num, 8, 1);
        fprintf(out, "  %s\n", pr_check_status_label(k->status));
    }
    print_comparison(out, h);
}

/* A rate in French for the terminal: "+16,7 %". */
static void fmt_rate(char *buf, size_t n, double rate)
{
    snprintf(buf, n, "%+.1f %%", rate * 100.0);
    for (char *p = buf; *p; p++)
        if (*p == '.')
            *p = ',';
}

/* The --check comparison: the figures that have an earlier value, by
 * year, with the change from the latest earlier value; then where each
 * year's figures come from. */
static void print_comparison(FILE *out, const pr_history *h)
{
    char num[64];
    fputs("\nComparaison avec les années précédentes\n\n", out);
    if (!pr_history_has_past(h)) {
        fputs("  aucune année précédente : ni fichier de données, ni chiffre publié "
              "(data/README.md, partie 10)\n", out);
        return;
    }
    fputs("  ", out);
    put_cell(out, "chiffre", 34, 0);
    for (size_t i = 0; i < h->n; i++) {
        snprintf(num, sizeof num, "%d", h->years[i].year);
        put_cell(out, num, 8, 1);
    }
    put_cell(out, "écart", 8, 1);
    put_cell(out, "évolution", 11, 1);
    fputs("\n", out);
    for (int id = 0; id < PR_FIG__COUNT; id++) {
        if (!pr_history_figure_has_past(h, (pr_figure_id)id))
            continue;
        pr_comparison k = pr_history_compare(h, (pr_figure_id)id);
        fputs("  ", out);
        put_cell(out, pr_figure_defs()[id].id, 34, 0);
        for (size_t i = 0; i < h->n; i++) {
            const pr_year_value *v = &h->years[i].v[id];
            if (v->origin == PR_ORIGIN_NONE)
                snprintf(num, sizeof num, "—");
            else
                snprintf(num, sizeof num, "%ld", v->value);
            put_cell(out, num, 8, 1);
        }
        if (k.comparable)
            snprintf(num, sizeof num, "%+ld", k.change);
        else
            snprintf(num, sizeof num, "—");
        put_cell(out, num, 8, 1);
        if (k.has_rate)
            fmt_rate(num, sizeof num, k.rate);
        else
            snprintf(num, sizeof num, "—");
        put_cell(out, num, 11, 1);
        if (!k.comparable) {
            char *phrase = pr_comparison_phrase(&k);
            fprintf(out, "  %s (%d)", phrase, k.previous_year);
            free(phrase);
        }
        fputs("\n", out);
    }
    fputs("\n  Sources :\n", out);
    for (size_t i = 0; i + 1 < h->n; i++) {
        const pr_history_year *y = &h->years[i];
        fprintf(out, "    %d : ", y->year);
        if (y->file) {
            fprintf(out, "calculé à partir de %s\n", y->file);
            continue;
        }
        fputs("chiffres publiés\n", out);
        for (int id = 0; id < PR_FIG__COUNT; id++)
            if (y->v[id].origin == PR_ORIGIN_PUBLISHED)
                fprintf(out, "      %s : %s\n", pr_figure_defs()[id].id,
                        y->v[id].source ? y->v[id].source : "");
    }
}

/* A resource shipped with the program, looked up in order: under the
 * current folder (running from the source tree), under
 * $PLANIF_RAPPORT_DATADIR, beside the executable (BIN/../share/planif-rapport,
 * which also works for a staged DESTDIR install; then BIN/.., the source
 * tree of a program run from its build/ folder), then the folder fixed at
 * build time. Caller frees. */
static char *resource_path(const char *rel)
{
    struct stat st;
    if (stat(rel, &st) == 0)
        return pr_strdup(rel);
    const char *dir = getenv("PLANIF_RAPPORT_DATADIR");
    if (dir && *dir)
        return pr_asprintf("%s/%s", dir, rel);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *p = pr_asprintf("%s/../share/planif-rapport/%s", exe, rel);
            if (stat(p, &st) == 0)
                return p;
            free(p);
            /* not installed: the program built in the source tree's build/ */
            p = pr_asprintf("%s/../%s", exe, rel);
            if (stat(p, &st) == 0)
                return p;
            free(p);
        }
    }
    return pr_asprintf("%s/%s", PR_DATADIR, rel);
}

/* The folder part of a path ("" for a bare name). Caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? pr_strndup(path, (size_t)(slash - path)) : pr_strdup("");
}

/* A stage that failed must have said why: if it did not, that is a bug of
 * planif-rapport (an internal error, exit status 4), never a silent exit. */
static void stage_failed(pr_diags *d, size_t errors_before, const char *stage)
{
    if (d->n_errors == errors_before)
        pr_internal_error(d, "l'étape « %s » a échoué sans message (un bogue, à signaler)", stage);
}

/* s with every `from` replaced by `to` (malloc'ed). */
static char *replace_all(const char *s, const char *from, const char *to)
{
    pr_strbuf sb = {0};
    size_t n = strlen(from);
    const char *p = s, *q;
    while (n && (q = strstr(p, from)) != NULL) {
        pr_sb_add(&sb, p, (size_t)(q - p));
        pr_sb_puts(&sb, to);
        p = q + n;
    }
    pr_sb_puts(&sb, p);
    return pr_sb_steal(&sb);
}

/* Add a writer's diagnostics to d. The writers work on the hidden
 * temporary file: the user is told about the final path instead.
 * What they report with the data class is a failure to write an output,
 * an I/O error (exit status 3): a bridge until the PDF backend and the
 * annex writer classify their own diagnostics (issue 11); once they do,
 * this only renames and copies. */
static void add_output_diags(pr_diags *d, pr_diags *from_writer, const pr_output *out)
{
    for (size_t i = 0; i < from_writer->n; i++) {
        pr_diag *g = &from_writer->items[i];
        if (g->pos.file && !strcmp(g->pos.file, out->tmp_path)) {
            free((char *)g->pos.file);
            g->pos.file = pr_strdup(out->final_path);
        }
        char *msg = replace_all(g->msg, out->tmp_path, out->final_path);
        free(g->msg);
        g->msg = msg;
    }
    pr_diags_append_as(d, from_writer, PR_DIAG_DATA, PR_DIAG_IO);
    pr_diags_free(from_writer);   /* and empty, ready for reuse */
}

/* ---- what a run reads and writes ------------------------------------------ */
/* A file the run reads or writes, for the check that no output replaces an
 * input and no two outputs are one file (compared as files: paths.h). */
typedef struct run_file {
    const char *what;     /* "le fichier de données", "--pdf"... */
    char *path;
    pr_path_id id;
} run_file;

typedef struct run_files {
    run_file *items;
    size_t n, cap;
} run_files;

static void add_file(run_files *l, const char *what, const char *path)
{
    run_file f = {what, pr_strdup(path), {0}};
    pr_path_identify(path, &f.id);
    PR_PUSH(l->items, l->n, l->cap, f);
}

static void free_files(run_files *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].path);
        pr_path_id_free(&l->items[i].id);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* The files of a folder and its subfolders (a template), at most a few
 * levels and a few thousand files. */
static void add_folder(run_files *l, const char *what, const char *dir, int depth)
{
    DIR *dp = depth < 4 ? opendir(dir) : NULL;
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL && l->n < 4000) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = pr_asprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                add_folder(l, what, p, depth + 1);
            else
                add_file(l, what, p);
        }
        free(p);
    }
    closedir(dp);
}

/* The inputs every run has: the data, its photos, the template's files
 * and the font table (a run with --check reads fewer of them, but none
 * may be overwritten by its --figures-json either). */
static void add_inputs(run_files *in, const options *o, const pr_model *m, const char *tpl_dir,
                       const char *fonts_map)
{
    if (strcmp(o->data, "-"))
        add_file(in, "le fichier de données", o->data);
    else if (!o->stdin_closed) {
        /* standard input redirected from a file */
        run_file f = {"le fichier de données (entrée standard)", pr_strdup("-"), {0}};
        struct stat st;
        if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
            f.id.exists = 1;
            f.id.dev = st.st_dev;
            f.id.ino = st.st_ino;
        }
        PR_PUSH(in->items, in->n, in->cap, f);
    }
    char *data_dir = dir_of(o->data);
    for (size_t i = 0; m && i < m->team.n_members; i++) {
        const char *ph = m->team.members[i].photo;
        if (!ph)
            continue;
        char *p = ph[0] == '/' || !*data_dir ? pr_strdup(ph) : pr_asprintf("%s/%s", data_dir, ph);
        add_file(in, "une photo", p);
        free(p);
    }
    free(data_dir);
    add_folder(in, "un fichier du gabarit", tpl_dir, 0);
    add_file(in, "la table des polices", fonts_map);
}

/* Refuse (usage error, exit status 2) outputs that would replace an input
 * or each other, and outputs that are folders. Returns 0 or -1. */
static int check_outputs(const run_files *out, const run_files *in, pr_diags *d)
{
    int bad = 0;
    for (size_t i = 0; i < out->n; i++) {
        const run_file *a = &out->items[i];
        if (a->id.exists && a->id.is_dir) {
            pr_usage_error(d, "%s « %s » est un dossier : un chemin de fichier est attendu", a->what,
                           a->path);
            bad = 1;
            continue;
        }
        for (size_t j = 0; j < in->n; j++)
            if (pr_path_same(&a->id, &in->items[j].id)) {
                pr_usage_error(d, "%s « %s » désigne %s « %s » : il serait écrasé ; choisissez un "
                               "autre chemin", a->what, a->path, in->items[j].what, in->items[j].path);
                bad = 1;
                break;
            }
        for (size_t j = 0; j < i; j++)
            if (pr_path_same(&a->id, &out->items[j].id)) {
                pr_usage_error(d, "%s « %s » et %s « %s » désignent le même fichier : l'un "
                               "écraserait l'autre", out->items[j].what, out->items[j].path, a->what,
                               a->path);
                bad = 1;
            }
    }
    return bad ? -1 : 0;
}

/* Said once when an output folder is found locked by another run. */
static void say_waiting(const char *dir, int seconds, void *ctx)
{
    const options *o = ctx;
    if (!o->quiet)
        fprintf(stderr, "planif-rapport : une autre exécution écrit dans le dossier « %s » ; "
                        "attente de sa fin (au plus %d s)…\n", dir, seconds);
}

/* ---- the report ----------------------------------------------------------------- */
/* What the report is made from, loaded before any output is begun: a
 * template error leaves the output folders untouched. */
typedef struct report_inputs {
    char *tpl_dir, *fonts_map;
    pr_template *t;
    pr_fontset fonts;
    pr_hyph *hyph;
} report_inputs;

/* Load the template, the fonts and the French hyphenation patterns.
 * Returns 0, or -1 after adding errors. The patterns are loaded here, in
 * the "templates" stage: loading them on a thread of their own while the
 * data is read saved about 1 ms of the 2023 report's 35
 * (tests/bench/README.md), not worth the ordering rules a thread needs. */
static int load_report_inputs(report_inputs *ri, pr_diags *d)
{
    size_t errors_before = d->n_errors;
    stage_begin();
    ri->t = pr_template_load(ri->tpl_dir, d);
    if (!ri->t) {
        stage_failed(d, errors_before, "gabarit");
        return -1;
    }
    if (pr_fontset_load(&ri->fonts, ri->fonts_map, d)) {
        stage_failed(d, errors_before, "polices");
        return -1;
    }
    ri->hyph = pr_hyph_load(PR_HYPH_FR_DIC, NULL);
    if (!ri->hyph) {
        pr_pos p = {PR_HYPH_FR_DIC, 0, 0};
        pr_diag_add(d, PR_SEV_WARNING, PR_DIAG_IO, p, NULL,
                    "dictionnaire de césure français introuvable (paquet hyphen-fr) : "
                    "le texte sera composé sans césure");
    }
    stage_end("templates");
    return 0;
}

static void free_report_inputs(report_inputs *ri)
{
    pr_template_free(ri->t);
    pr_hyph_free(ri->hyph);
    pr_fontset_free(&ri->fonts);
    free(ri->fonts_map);
    free(ri->tpl_dir);
}

/* Compose the report and render it into out's temporary file. Returns 0,
 * or -1 after adding errors (template, I/O or internal). */
static int write_pdf(const options *o, const report_inputs *ri, const pr_model *m,
                     const pr_figures *f, const pr_history *h, const pr_output *out,
                     pr_diags *d)
{
    int rc = -1;
    size_t errors_before = d->n_errors;
    char *data_dir = dir_of(o->data);
    pr_doc *doc = NULL;
    pr_diags writer;
    pr_diags_init(&writer);

    stage_begin();
    pr_report_env env = {&ri->fonts, ri->hyph, data_dir, h};
    doc = pr_report_build(ri->t, m, f, &env, d);
    stage_end("layout");
    if (!doc) {
        stage_failed(d, errors_before, "mise en page");
        goto out;
    }
    doc->info.created = creation_time(m);
    doc->info.creator = pr_arena_strdup(&doc->arena, "planif-rapport " PR_VERSION);
    stage_begin();
    int failed = pr_pdf_write_release(doc, out->tmp_path, &writer) != 0;
    add_output_diags(d, &writer, out);
    stage_end("pdf");
    if (failed) {
        stage_failed(d, errors_before, "PDF");
        goto out;
    }
    rc = 0;
out:
    pr_diags_free(&writer);
    pr_doc_free(doc);
    free(data_dir);
    return rc;
}

/* Write `text` into the temporary file of output o; 0 or -1 (I/O error
 * added). */
static int write_text_tmp(pr_output *o, const char *text, pr_diags *d)
{
    FILE *fp = fopen(o->tmp_path, "wb");
    int ok = fp && fputs(text, fp) >= 0;
    int err = errno;
    if (fp && fclose(fp) != 0) {
        ok = 0;
        err = errno;
    }
    if (!ok) {
        pr_pos p = {o->final_path, 0, 0};
        pr_io_error(d, p, "échec de l'écriture : %s", pr_strerror(err));
        return -1;
    }
    return 0;
}

/* Write `text` on standard output (--figures-json -); 0 or -1. */
static int write_stdout(const char *text, pr_diags *d)
{
    if (fputs(text, stdout) < 0 || fflush(stdout) != 0) {
        pr_pos p = {"<sortie standard>", 0, 0};
        pr_io_error(d, p, "échec de l'écriture : %s", pr_strerror(errno));
        return -1;
    }
    return 0;
}

/* In the annex's child (pr_annex_opts.release): free the data's text and
 * the document tree, which the annex does not read once it has the data's
 * checksum, and give the pages back, so that the child's memory is the
 * annex's (at 1000 times the 2023 data, 60 MB less at its peak). */
static void release_in_child(void *arg)
{
    pr_model *m = arg;
    pr_arena_free(&m->doc_arena);
    m->doc = NULL;
    pr_sources_free();
    malloc_trim(0);
}

/* Start writing the annex into out's temporary file in a child process;
 * NULL after an error. */
static pr_annex_job *start_xlsx(const pr_model *m, const pr_figures *f, const pr_checks *c,
                                const pr_history *h, const pr_output *out, pr_diags *d)
{
    pr_annex_opts ao;
    memset(&ao, 0, sizeof ao);
    ao.data_file = m->source_file;
    /* the bytes read (the loader registered them), for their SHA-256 */
    const char *name = m->source_file && strcmp(m->source_file, "-") ? m->source_file
                                                                     : "<entrée standard>";
    ao.data_text = pr_source_text(name, &ao.data_len);
    ao.tool_version = PR_VERSION;
    ao.created = (time_t)production_time(m, &ao.created_how);
    ao.child_ms = timings_on ? &annex_child_ms : NULL;
    ao.history = h;   /* its own arena: the release below leaves it alone */
    ao.release = release_in_child;
    ao.release_arg = (void *)m;   /* the child's own copy: it may free it */
    pr_diags writer;
    pr_diags_init(&writer);
    stage_begin();
    /* no interruption between the fork and the moment the parent knows its
     * child (which an interruption must stop before removing the files) */
    sigset_t saved;
    pr_signals_hold(&saved);
    pr_annex_job *job = pr_annex_start(m, f, c, out->tmp_path, &ao, &writer);
    pr_signals_release(&saved);
    stage_end("xlsx-start");
    add_output_diags(d, &writer, out);
    return job;
}

/* Wait for the annex; 0 or -1 (errors added). */
static int finish_xlsx(pr_annex_job *annex, const pr_output *out, pr_diags *d)
{
    pr_diags writer;
    pr_diags_init(&writer);
    stage_begin();
    int rc = pr_annex_finish(annex, &writer);
    stage_end("xlsx"); /* the part not hidden behind the PDF */
    add_output_diags(d, &writer, out);
    if (timings_on && annex_child_ms >= 0) {
        struct rusage ru;   /* the child's, once waited for */
        getrusage(RUSAGE_CHILDREN, &ru);
        fprintf(stderr, "temps: étape=xlsx-enfant ms=%.3f cpu-ms=%.3f rss-max-kio=%ld\n",
                annex_child_ms,
                (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3,
                ru.ru_maxrss);
    }
    return rc;
}

/* Write the outputs of a full run. Everything the report is made from is
 * loaded first, and the outputs checked against the inputs, before any
 * folder is made; then the output folders are locked, each output written
 * to a temporary file beside its final name, and all renamed into place
 * only if every one succeeded. Returns 0, or -1 after adding errors. */
static int write_outputs(const options *o, pr_model *m, const pr_figures *f,
                         const pr_checks *c, const pr_history *h, const char *json,
                         pr_diags *d)
{
    size_t errors_before = d->n_errors;
    int year = m->report.year;
    char *pdf = o->pdf ? pr_strdup(o->pdf) : pr_asprintf("%s/rapport-activites-%d.pdf", o->out_dir, year);
    char *xlsx = o->xlsx ? pr_strdup(o->xlsx) : pr_asprintf("%s/annexe-%d.xlsx", o->out_dir, year);
    int json_file = json && strcmp(o->figures_json, "-");
    pr_output out_pdf, out_xlsx, out_json;
    memset(&out_pdf, 0, sizeof out_pdf);
    memset(&out_xlsx, 0, sizeof out_xlsx);
    memset(&out_json, 0, sizeof out_json);
    pr_output_locks locks;
    memset(&locks, 0, sizeof locks);
    report_inputs ri;
    memset(&ri, 0, sizeof ri);
    ri.tpl_dir = o->templates ? pr_strdup(o->templates) : resource_path("report-templates/rapport-annuel");
    ri.fonts_map = resource_path("fonts/fonts.conf");
    run_files ins = {0}, outs = {0};
    pr_annex_job *annex = NULL;
    int rc = -1;

    if (load_report_inputs(&ri, d))
        goto out;
    add_inputs(&ins, o, m, ri.tpl_dir, ri.fonts_map);
    for (int s = 0; s < PR_STYLE_COUNT; s++)
        if (ri.fonts.faces[s])
            add_file(&ins, "une police", pr_fontset_path(&ri.fonts, (pr_style)s));
    add_file(&ins, "le dictionnaire de césure", PR_HYPH_FR_DIC);
    add_file(&outs, o->pdf ? "--pdf" : "le rapport", pdf);
    add_file(&outs, o->xlsx ? "--xlsx" : "l'annexe", xlsx);
    if (json_file)
        add_file(&outs, "--figures-json", o->figures_json);
    if (check_outputs(&outs, &ins, d))
        goto out;

    const char *finals[3] = {pdf, xlsx, json_file ? o->figures_json : NULL};
    if (pr_output_lock(&locks, finals, json_file ? 3 : 2, o->wait, say_waiting, (void *)o, d) ||
        pr_output_begin(&out_pdf, pdf, d) || pr_output_begin(&out_xlsx, xlsx, d) ||
        (json_file && (pr_output_begin(&out_json, o->figures_json, d) ||
                       write_text_tmp(&out_json, json, d)))) {
        stage_failed(d, errors_before, "sorties");
        goto out;
    }
    /* the annex is written by a child process while the PDF is composed */
    annex = start_xlsx(m, f, c, h, &out_xlsx, d);
    if (!annex) {
        stage_failed(d, errors_before, "annexe");
        goto out;
    }
    /* the child has its copy of the document tree, the job has noted the
       places of the texts it may cut; the report never reads the tree:
       freed before the layout's peak */
    pr_model_release_doc(m);
    if (write_pdf(o, &ri, m, f, h, &out_pdf, d)) {
        pr_annex_abort(annex);
        goto out;
    }
    if (finish_xlsx(annex, &out_xlsx, d)) {
        stage_failed(d, errors_before, "annexe");
        goto out;
    }
    /* the figures file (--figures-json) is committed with the others */
    pr_output *commit[] = {&out_pdf, &out_xlsx, &out_json};
    if (pr_output_commit_all(commit, json_file ? 3 : 2, d)) {
        stage_failed(d, errors_before, "sorties");
        goto out;
    }
    if (!o->quiet)
        fprintf(stderr, "planif-rapport : rapport écrit dans %s, annexe dans %s\n", pdf, xlsx);
    if (json && !json_file && write_stdout(json, d))
        goto out;
    rc = 0;
out:
    pr_output_discard(&out_json);
    pr_output_discard(&out_xlsx);
    pr_output_discard(&out_pdf);
    pr_output_unlock(&locks);
    free_files(&ins);
    free_files(&outs);
    free_report_inputs(&ri);
    free(xlsx);
    free(pdf);
    return rc;
}

/* --check: the figures file, if asked for, is the only output; it is
 * checked against every input all the same. Returns 0 or -1. */
static int write_check_outputs(const options *o, const pr_model *m, const char *json, pr_diags *d)
{
    if (!strcmp(o->figures_json, "-"))
        return write_stdout(json, d);
    char *tpl_dir = o->templates ? pr_strdup(o->templates) : resource_path("report-templates/rapport-annuel");
    char *fonts_map = resource_path("fonts/fonts.conf");
    run_files ins = {0}, outs = {0};
    add_inputs(&ins, o, m, tpl_dir, fonts_map);
    add_file(&outs, "--figures-json", o->figures_json);
    int rc = check_outputs(&outs, &ins, d);
    pr_output_locks locks;
    memset(&locks, 0, sizeof locks);
    pr_output out;
    memset(&out, 0, sizeof out);
    const char *finals[1] = {o->figures_json};
    if (!rc)
        rc = pr_output_lock(&locks, finals, 1, o->wait, say_waiting, (void *)o, d);
    if (!rc)
        rc = pr_output_begin(&out, o->figures_json, d);
    if (!rc)
        rc = write_text_tmp(&out, json, d);
    if (!rc) {
        pr_output *outs1[] = {&out};
        rc = pr_output_commit_all(outs1, 1, d);
    }
    pr_output_discard(&out);
    pr_output_unlock(&locks);
    free_files(&ins);
    free_files(&outs);
    free(fonts_map);
    free(tpl_dir);
    return rc;
}

/* Print the diagnostics (errors only with -q). */
static void print_diags(pr_diags *d, int quiet)
{
    pr_diags_sort(d);
    if (quiet)
        pr_diags_print_errors(d, stderr);
    else
        pr_diags_print(d, stderr);
}

/* Standard descriptors closed by whoever started us: opened on /dev/null,
 * so that no file we open later takes their number (a PDF written where
 * messages go). Returns which were closed (bit 0 stdin, 1 stdout, 2
 * stderr). */
static int reopen_closed_std(void)
{
    int closed = 0;
    for (int fd = 0; fd < 3; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        closed |= 1 << fd;
        int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (n >= 0 && n != fd) {   /* a lower one was closed too: it got it */
            dup2(n, fd);
            close(n);
        }
    }
    return closed;
}

int main(int argc, char **argv)
{
    int closed_std = reopen_closed_std();
    pr_diags diags;
    pr_diags_init(&diags);
    options o;
    int r = parse_args(argc, argv, &o, &diags);
    if (r) {
        print_diags(&diags, 0);
        int status = pr_diags_exit_status(&diags);
        pr_diags_free(&diags);
        pr_sources_free();
        return status;
    }
    o.stdin_closed = closed_std & 1;

    /* An interruption removes the temporary files and stops the annex
     * child (proc.h). A file-size limit (ulimit -f) must fail the write
     * with EFBIG, an I/O error reported like a full disk, rather than kill
     * the program. */
    pr_signals_install();
    signal(SIGXFSZ, SIG_IGN);

    pr_arena doc_arena = {0};
    pr_model *model = NULL;
    pr_figures figures = {0};
    pr_checks checks = {0};
    pr_history history = {0};

    const char *t = getenv("PR_TIMINGS");
    timings_on = t && *t && strcmp(t, "0");
    size_t errors_before = diags.n_errors;
    pr_value *root = NULL;
    stage_begin();
    if (!strcmp(o.data, "-") && o.stdin_closed) {
        pr_pos p = {"<entrée standard>", 0, 0};
        pr_io_error(&diags, p, "lecture impossible : l'entrée standard est fermée (« - » lit les "
                    "données sur l'entrée standard)");
    } else {
        root = pr_load_file(o.data, o.format, &doc_arena, &diags);
    }
    stage_end("load");
    stage_begin();
    if (root)
        model = pr_model_build(root, &doc_arena, o.data, &diags);
    stage_end("validate");
    if (!model) {
        stage_failed(&diags, errors_before, "données");
        goto done;
    }
    stage_begin();
    pr_figures_compute(model, &figures);
    pr_checks_compute(model, &figures, o.strict, &checks, &diags);
    /* the figures the data's prose refers to, and the numbers it types */
    pr_prose_check(model->doc, &figures, &diags);
    stage_end("figures");
    if (pr_diags_has_errors(&diags))
        goto done;   /* an error of the loader, or --strict: a declared figure differs */
    /* the years before: their files read for their figures only (history.h) */
    stage_begin();
    pr_history_build(model, &figures, o.data, &history, &diags);
    stage_end("history");
    char *json = o.figures_json ? figures_json(model, &figures, &checks, &history) : NULL;
    if (o.check) {
        /* with --figures-json -, the JSON takes standard output's place */
        int json_out = json && !strcmp(o.figures_json, "-");
        if ((!json || !write_check_outputs(&o, model, json, &diags)) && !o.quiet && !json_out)
            print_check(stdout, model, &figures, &checks, &history);
    } else {
        write_outputs(&o, model, &figures, &checks, &history, json, &diags);
    }
    free(json);

done:
    print_diags(&diags, o.quiet);
    int status = pr_diags_exit_status(&diags);
    pr_history_free(&history);
    pr_checks_free(&checks);
    pr_figures_free(&figures);
    pr_model_free(model);
    pr_arena_free(&doc_arena);
    pr_diags_free(&diags);
    pr_sources_free();
    pr_images_free();
    return status;
}
