/* paths.c — paths compared as files (see paths.h). */
#define _XOPEN_SOURCE 700   /* realpath */
#include "base/paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

/* Append the components of `rest` to the absolute path in sb, dropping
 * "." and resolving ".." lexically (these folders do not exist yet, so no
 * link can lead elsewhere). */
static void append_normalised(pr_strbuf *sb, const char *rest)
{
    const char *p = rest;
    while (*p) {
        while (*p == '/')
            p++;
        const char *e = p;
        while (*e && *e != '/')
            e++;
        size_t n = (size_t)(e - p);
        if (n == 1 && p[0] == '.') {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            char *slash = strrchr(sb->data, '/');
            if (slash && slash != sb->data) {
                sb->len = (size_t)(slash - sb->data);
                sb->data[sb->len] = 0;
            } else {
                sb->len = 1;   /* "/" */
                sb->data[1] = 0;
            }
        } else if (n) {
            if (sb->len > 1)
                pr_sb_putc(sb, '/');
            pr_sb_add(sb, p, n);
        }
        p = e;
    }
}

void pr_path_identify(const char *path, pr_path_id *id)
{
    memset(id, 0, sizeof *id);
    if (!path || !*path)
        return;
    struct stat st;
    if (stat(path, &st) == 0) {
        id->exists = 1;
        id->is_dir = S_ISDIR(st.st_mode);
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        return;
    }
    /* not there (yet): the deepest folder that exists, resolved, then
     * the rest of the path */
    char *abs;
    if (path[0] == '/') {
        abs = pr_strdup(path);
    } else {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            return;
        abs = pr_asprintf("%s/%s", cwd, path);
    }
    size_t cut = strlen(abs);
    for (;;) {
        while (cut > 0 && abs[cut - 1] == '/')
            cut--;
        while (cut > 0 && abs[cut - 1] != '/')
            cut--;
        if (cut == 0)
            break;
        char saved = abs[cut];
        abs[cut] = 0;
        char *real = realpath(abs, NULL);
        abs[cut] = saved;
        if (real) {
            pr_strbuf sb = {0};
            pr_sb_puts(&sb, real);
            free(real);
            append_normalised(&sb, abs + cut);
            id->resolved = pr_sb_steal(&sb);
            break;
        }
        if (cut <= 1)
            break;
        cut--;   /* before the slash */
    }
    free(abs);
}

int pr_path_same(const pr_path_id *a, const pr_path_id *b)
{
    if (a->exists && b->exists)
        return a->dev == b->dev && a->ino == b->ino;
    if (!a->exists && !b->exists && a->resolved && b->resolved)
        return !strcmp(a->resolved, b->resolved);
    return 0;
}

void pr_path_id_free(pr_path_id *id)
{
    free(id->resolved);
    memset(id, 0, sizeof *id);
}
