/* load.c — reading a data file: choosing the format, reading the bytes
 * (file or standard input) within PR_MAX_INPUT_BYTES, checking the text is
 * UTF-8, registering it for caret lines, then handing it to the YAML or JSON
 * loader (see load.h). */
#include "data/load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/load_json.h"
#include "data/load_yaml.h"

/* The format named by a file name's extension, or AUTO if not recognised. */
static pr_format format_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot)
        return PR_FORMAT_AUTO;
    if (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml") || !strcmp(dot, ".YAML") || !strcmp(dot, ".YML"))
        return PR_FORMAT_YAML;
    if (!strcmp(dot, ".json") || !strcmp(dot, ".JSON"))
        return PR_FORMAT_JSON;
    return PR_FORMAT_AUTO;
}

/* Read all of standard input, at most max bytes (EFBIG beyond). */
static int read_stdin(size_t max, char **data, size_t *len)
{
    pr_strbuf sb = {0};
    char buf[65536];
    size_t n;
    int err = 0;
    *data = NULL;
    *len = 0;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        if (sb.len + n > max) {
            err = EFBIG;
            break;
        }
        pr_sb_add(&sb, buf, n);
    }
    if (!err && ferror(stdin))
        err = errno ? errno : EIO;
    if (err) {
        pr_sb_free(&sb);
        return err;
    }
    *len = sb.len;
    *data = pr_sb_steal(&sb);
    return 0;
}

pr_value *pr_load_file(const char *path, pr_format format, pr_arena *arena,
                       pr_diags *diags)
{
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<entrée standard>" : path;
    pr_pos whole = {pr_source_add(name, "", 0), 0, 0};
    if (format == PR_FORMAT_AUTO) {
        if (is_stdin) {
            pr_usage_error(diags, "l'entrée standard (« - ») exige un format explicite (YAML ou JSON)");
            return NULL;
        }
        format = format_of(path);
        if (format == PR_FORMAT_AUTO) {
            const char *slash = strrchr(path, '/');
            const char *dot = strrchr(slash ? slash + 1 : path, '.');
            if (dot)
                pr_error(diags, whole, NULL,
                         "extension « %s » inconnue : le fichier de données doit finir par "
                         ".yaml, .yml ou .json", dot);
            else
                pr_error(diags, whole, NULL,
                         "format inconnu : le nom du fichier de données doit finir par "
                         ".yaml, .yml ou .json");
            return NULL;
        }
    }
    char *data;
    size_t len;
    int err = is_stdin ? read_stdin(PR_MAX_INPUT_BYTES, &data, &len)
                       : pr_read_file(path, PR_MAX_INPUT_BYTES, &data, &len);
    if (err == EFBIG) {
        pr_error(diags, whole, NULL, "fichier trop volumineux : la limite est de %u Mio",
                 PR_MAX_INPUT_BYTES / (1024u * 1024u));
        return NULL;
    }
    if (err) {
        pr_io_error(diags, whole, "lecture impossible : %s", pr_strerror(err));
        return NULL;
    }
    pr_value *root = pr_load_buffer(name, data, len, format, arena, diags);
    free(data);
    return root;
}

pr_value *pr_load_buffer(const char *name, const char *text, size_t len,
                         pr_format format, pr_arena *arena, pr_diags *diags)
{
    /* a UTF-8 byte order mark is not part of the data */
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
        text += 3;
        len -= 3;
    }
    const char *file = pr_source_add(name, text, len);
    pr_pos whole = {file, 0, 0};
    if (len == 0) {
        pr_error(diags, whole, NULL, "fichier vide");
        return NULL;
    }
    size_t bad = pr_utf8_invalid_at(text, len);
    size_t nul = memchr(text, '\0', len) ? (size_t)((const char *)memchr(text, '\0', len) - text)
                                         : (size_t)-1;
    if (bad != (size_t)-1 || nul != (size_t)-1) {
        size_t at = bad < nul ? bad : nul;
        pr_pos pos = {file, 1, 1};
        for (size_t i = 0; i < at; i++) {
            if (text[i] == '\n') {
                pos.line++;
                pos.col = 1;
            } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
                pos.col++;
            }
        }
        if (at == bad)
            pr_error(diags, pos, NULL,
                     "octet UTF-8 invalide (0x%02X) : le fichier doit être enregistré en UTF-8",
                     (unsigned char)text[at]);
        else
            pr_error(diags, pos, NULL, "caractère nul (octet 0x00) interdit dans le fichier");
        return NULL;
    }
    switch (format) {
    case PR_FORMAT_JSON:
        return pr_load_json(file, text, len, arena, diags);
    case PR_FORMAT_YAML:
        return pr_load_yaml(file, text, len, arena, diags);
    case PR_FORMAT_AUTO:
    default:
        break;
    }
    /* AUTO from a buffer: guess from the first significant character */
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (c == '{' || c == '[')
            return pr_load_json(file, text, len, arena, diags);
        break;
    }
    return pr_load_yaml(file, text, len, arena, diags);
}
