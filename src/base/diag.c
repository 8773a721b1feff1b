/* diag.c — collecting, sorting and printing diagnostics; source registry. */
#include "base/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pr_diags_init(pr_diags *d) { memset(d, 0, sizeof *d); }

void pr_diags_free(pr_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free((char *)d->items[i].pos.file);
        free(d->items[i].path);
        free(d->items[i].msg);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

static const char *intern_name(const char *name);

void pr_diag_add(pr_diags *d, pr_severity sev, pr_diag_class cls, pr_pos pos,
                 const char *path, const char *fmt, ...)
{
    /* the caller's file name may be freed before the diagnostics are
     * printed (an output path, a font path): keep the registry's copy */
    pos.file = intern_name(pos.file);
    if (sev == PR_SEV_ERROR) {
        d->n_errors++;
        d->n_class[cls]++;
        if (d->n_errors > PR_DIAG_MAX_ERRORS) {
            d->dropped++;
            return;
        }
    } else {
        d->n_warnings++;
        if (d->n_warnings > PR_DIAG_MAX_WARNINGS) {
            d->dropped_warnings++;
            return;
        }
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = pr_vasprintf(fmt, ap);
    va_end(ap);
    if (sev == PR_SEV_WARNING) {
        /* the same warning at the same place, found by two stages (a photo
         * checked with the data, then laid out), is reported once */
        for (size_t i = 0; i < d->n; i++) {
            const pr_diag *g = &d->items[i];
            if (g->sev == sev && g->pos.line == pos.line && g->pos.col == pos.col &&
                (g->pos.file == pos.file || (g->pos.file && pos.file && !strcmp(g->pos.file, pos.file))) &&
                !strcmp(g->msg, msg)) {
                d->n_warnings--;
                free(msg);
                return;
            }
        }
    }
    pos.file = pos.file ? pr_strdup(pos.file) : NULL; /* owned: callers' names may not outlive d */
    pr_diag diag = {sev, cls, pos, path ? pr_strdup(path) : NULL, msg};
    PR_PUSH(d->items, d->n, d->cap, diag);
}

void pr_diags_append(pr_diags *d, const pr_diags *src)
{
    pr_diags_append_as(d, src, PR_DIAG_DATA, PR_DIAG_DATA);
}

void pr_diags_append_as(pr_diags *d, const pr_diags *src, pr_diag_class from, pr_diag_class to)
{
    for (size_t i = 0; i < src->n; i++) {
        const pr_diag *x = &src->items[i];
        pr_diag_add(d, x->sev, x->cls == from ? to : x->cls, x->pos, x->path, "%s", x->msg);
    }
    /* what src could not keep either: the classes of the dropped errors */
    for (int c = 0; c < PR_DIAG_NCLASSES; c++) {
        size_t kept = 0;
        for (size_t i = 0; i < src->n; i++)
            kept += src->items[i].sev == PR_SEV_ERROR && (int)src->items[i].cls == c;
        d->n_class[c == (int)from ? (int)to : c] += src->n_class[c] - kept;
    }
    d->n_errors += src->dropped;
    d->dropped += src->dropped;
    d->n_warnings += src->dropped_warnings;
    d->dropped_warnings += src->dropped_warnings;
}

int pr_diags_exit_status(const pr_diags *d)
{
    if (d->n_class[PR_DIAG_INTERNAL]) return PR_EXIT_INTERNAL;
    if (d->n_class[PR_DIAG_IO]) return PR_EXIT_IO;
    if (d->n_class[PR_DIAG_USAGE]) return PR_EXIT_USAGE;
    if (d->n_errors) return PR_EXIT_DATA;
    return PR_EXIT_OK;
}

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

void pr_diags_sort(pr_diags *d)
{
    /* insertion sort: stable, and diagnostics are few */
    for (size_t i = 1; i < d->n; i++) {
        pr_diag x = d->items[i];
        size_t j = i;
        while (j > 0) {
            const pr_diag *y = &d->items[j - 1];
            int c = cmp_str(y->pos.file, x.pos.file);
            if (!c)
                c = (y->pos.line > x.pos.line) - (y->pos.line < x.pos.line);
            if (!c)
                c = (y->pos.col > x.pos.col) - (y->pos.col < x.pos.col);
            if (c <= 0)
                break;
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}

/* ---- sources ------------------------------------------------------------ */
typedef struct source {
    char *name, *text;
    size_t len;
    size_t *line_start; /* offsets of line starts */
    size_t n_lines;
} source;

static source *sources;
static size_t n_sources, cap_sources;
static char **names;          /* file names of diagnostics that are not sources */
static size_t n_names, cap_names;

/* A copy of `name` that lives until pr_sources_free(): the registry's. */
static const char *intern_name(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < n_sources; i++)
        if (sources[i].name == name || !strcmp(sources[i].name, name))
            return sources[i].name;
    for (size_t i = 0; i < n_names; i++)
        if (names[i] == name || !strcmp(names[i], name))
            return names[i];
    char *copy = pr_strdup(name);
    PR_PUSH(names, n_names, cap_names, copy);
    return copy;
}

const char *pr_source_add(const char *name, const char *text, size_t len)
{
    for (size_t i = 0; i < n_sources; i++)
        if (!strcmp(sources[i].name, name)) {
            free(sources[i].text);
            free(sources[i].line_start);
            sources[i].text = pr_strndup(text, len);
            sources[i].len = len;
            sources[i].line_start = NULL;
            sources[i].n_lines = 0;
            return sources[i].name;
        }
    source s = {pr_strdup(name), pr_strndup(text, len), len, NULL, 0};
    PR_PUSH(sources, n_sources, cap_sources, s);
    return sources[n_sources - 1].name;
}

const char *pr_source_text(const char *file, size_t *len)
{
    for (size_t i = 0; file && i < n_sources; i++)
        if (!strcmp(sources[i].name, file)) {
            *len = sources[i].len;
            return sources[i].text;
        }
    return NULL;
}

const char *pr_source_line(const char *file, int line, size_t *len)
{
    if (!file || line < 1)
        return NULL;
    for (size_t i = 0; i < n_sources; i++) {
        source *s = &sources[i];
        if (strcmp(s->name, file))
            continue;
        if (!s->line_start) {
            size_t cap = 0;
            size_t zero = 0;
            PR_PUSH(s->line_start, s->n_lines, cap, zero);
            for (size_t k = 0; k < s->len; k++)
                if (s->text[k] == '\n') {
                    size_t next = k + 1;
                    PR_PUSH(s->line_start, s->n_lines, cap, next);
                }
        }
        if ((size_t)line > s->n_lines)
            return NULL;
        size_t a = s->line_start[line - 1];
        size_t b = a;
        while (b < s->len && s->text[b] != '\n' && s->text[b] != '\r')
            b++;
        if (a >= s->len && line > 1)
            return NULL;
        *len = b - a;
        return s->text + a;
    }
    return NULL;
}

pr_pos pr_pos_at(const char *file, const char *text, size_t off)
{
    pr_pos p = {file, 1, 1};
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            p.line++;
            p.col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            p.col++;
        }
    }
    return p;
}

void pr_sources_free(void)
{
    for (size_t i = 0; i < n_sources; i++) {
        free(sources[i].name);
        free(sources[i].text);
        free(sources[i].line_start);
    }
    free(sources);
    sources = NULL;
    n_sources = cap_sources = 0;
    for (size_t i = 0; i < n_names; i++)
        free(names[i]);
    free(names);
    names = NULL;
    n_names = cap_names = 0;
}

/* ---- printing ----------------------------------------------------------- */
/* Data is echoed into messages and source lines: a control character (an
 * escape sequence that retitles or clears the terminal), a bidirectional
 * override (which reorders the line on screen) or a byte that is not UTF-8
 * must be shown, never obeyed. Such characters are written escaped:
 * C0 controls and DEL as \x1b (tab and newline as \t and \n in messages),
 * C1 controls, bidi and other invisible format characters, line and
 * paragraph separators and the noncharacters U+FFFE/U+FFFF as <U+202E>,
 * invalid bytes as \xff. */
static int shown_escaped(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
           (cp & 0xFFFE) == 0xFFFE;
}

/* Write the character at s (n bytes left) safely into buf (at least 16
 * bytes, NUL-terminated); returns the bytes consumed (>= 1). *width gets the
 * columns it takes (escapes are plain ASCII). In a source line (`source`),
 * a tab is shown as one space, as before. */
static size_t safe_char(const char *s, size_t n, int source, char *buf, int *width)
{
    unsigned cp;
    int l = pr_utf8_decode(s, n, &cp);
    if (!l) {
        snprintf(buf, 16, "\\x%02x", (unsigned char)s[0]);
        *width = 4;
        return 1;
    }
    if (!shown_escaped(cp)) {
        memcpy(buf, s, (size_t)l);
        buf[l] = 0;
        *width = 1;
        return (size_t)l;
    }
    if (cp == '\t' && source)
        snprintf(buf, 16, " ");
    else if (cp == '\t')
        snprintf(buf, 16, "\\t");
    else if (cp == '\n')
        snprintf(buf, 16, "\\n");
    else if (cp < 0x20 || cp == 0x7F)
        snprintf(buf, 16, "\\x%02x", cp);
    else
        snprintf(buf, 16, "<U+%04X>", cp);
    *width = (int)strlen(buf);
    return (size_t)l;
}

/* Write s[0..n) with every unsafe character escaped. */
static void put_safe(FILE *out, const char *s, size_t n)
{
    char buf[16];
    int w;
    for (size_t i = 0; i < n;) {
        /* runs of plain ASCII go out at once */
        size_t j = i;
        while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F)
            j++;
        if (j > i) {
            fwrite(s + i, 1, j - i, out);
            i = j;
            continue;
        }
        i += safe_char(s + i, n - i, 0, buf, &w);
        fputs(buf, out);
    }
}

static void put_safe_str(FILE *out, const char *s) { put_safe(out, s, strlen(s)); }

/* Source lines longer than this many columns are shown as a window around
 * the caret, with "…" where text is cut. */
#define CARET_WINDOW 160

static void print_caret(FILE *out, pr_pos pos)
{
    size_t len;
    const char *line = pr_source_line(pos.file, pos.line, &len);
    if (!line)
        return;
    /* the byte offset of the caret's character (columns count characters) */
    size_t at = 0;
    for (int c = 1; c < pos.col && at < len; c++) {
        unsigned cp;
        int l = pr_utf8_decode(line + at, len - at, &cp);
        at += l ? (size_t)l : 1;
    }
    /* the window: the whole line if it fits, else starting a little
     * before the caret */
    size_t from = 0, chars_before = 0, chars = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        int l = pr_utf8_decode(line + i, len - i, &cp);
        i += l ? (size_t)l : 1;
        chars++;
        if (i <= at)
            chars_before++;
    }
    if (chars > CARET_WINDOW && chars_before > CARET_WINDOW / 2) {
        size_t skip = chars_before - CARET_WINDOW / 2;
        for (size_t k = 0; k < skip; k++) {
            unsigned cp;
            int l = pr_utf8_decode(line + from, len - from, &cp);
            from += l ? (size_t)l : 1;
        }
    }
    fprintf(out, " %5d | ", pos.line);
    char buf[16];
    int w, caret_col = -1, col = 0;
    if (from > 0) {
        fputs("…", out);
        col++;
    }
    size_t i = from;
    int shown = 0;
    while (i < len && shown < CARET_WINDOW) {
        if (i == at)
            caret_col = col;
        i += safe_char(line + i, len - i, 1, buf, &w);
        fputs(buf, out);
        col += w;
        shown++;
    }
    if (i == at)
        caret_col = col;
    if (i < len)
        fputs("…", out);
    fputc('\n', out);
    if (pos.col < 1)
        return;
    if (caret_col < 0)   /* past the end of the line */
        caret_col = col;
    fputs("       | ", out);
    fprintf(out, "%*s^\n", caret_col, "");
}

static void print_all(const pr_diags *d, FILE *out, int errors_only)
{
    for (size_t i = 0; i < d->n; i++) {
        const pr_diag *g = &d->items[i];
        if (errors_only && g->sev != PR_SEV_ERROR)
            continue;
        /* an internal error says so: it is a bug, not the user's doing */
        const char *sev = g->sev != PR_SEV_ERROR ? "avertissement"
                          : g->cls == PR_DIAG_INTERNAL ? "erreur interne" : "erreur";
        if (g->pos.file) {
            put_safe_str(out, g->pos.file);
            if (g->pos.line > 0)
                fprintf(out, ":%d:%d", g->pos.line, g->pos.col);
            fprintf(out, ": %s: ", sev);
        } else {
            fprintf(out, "planif-rapport: %s: ", sev);
        }
        if (g->path && *g->path) {
            put_safe_str(out, g->path);
            fputs(" : ", out);
        }
        put_safe_str(out, g->msg);
        fputc('\n', out);
        print_caret(out, g->pos);
    }
    if (d->dropped)
        fprintf(out, "… et %zu autre%s erreur%s non affichée%s\n", d->dropped,
                d->dropped > 1 ? "s" : "", d->dropped > 1 ? "s" : "", d->dropped > 1 ? "s" : "");
    if (d->dropped_warnings && !errors_only)
        fprintf(out, "… et %zu autre%s avertissement%s non affiché%s\n", d->dropped_warnings,
                d->dropped_warnings > 1 ? "s" : "", d->dropped_warnings > 1 ? "s" : "",
                d->dropped_warnings > 1 ? "s" : "");
    if (errors_only) {
        if (d->n_errors)
            fprintf(out, "%zu erreur%s\n", d->n_errors, d->n_errors > 1 ? "s" : "");
    } else if (d->n_errors || d->n_warnings) {
        fprintf(out, "%zu erreur%s, %zu avertissement%s\n", d->n_errors,
                d->n_errors > 1 ? "s" : "", d->n_warnings, d->n_warnings > 1 ? "s" : "");
    }
}

void pr_diags_print(const pr_diags *d, FILE *out) { print_all(d, out, 0); }
void pr_diags_print_errors(const pr_diags *d, FILE *out) { print_all(d, out, 1); }

/* ---- suggestions -------------------------------------------------------- */
static size_t levenshtein(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}

const char *pr_suggest(const char *word, const char *const *candidates)
{
    size_t len = strlen(word);
    size_t limit = len / 3 > 2 ? len / 3 : 2;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; candidates[i]; i++) {
        size_t dist = levenshtein(word, candidates[i]);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[i];
        }
    }
    return best;
}
