/* output.c — temporary files renamed into place, cleaned up on failure. */
#include "base/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporary files still to remove if the program dies (OOM, fatal). */
static char *pending[8];

static void remove_pending(void)
{
    for (int i = 0; i < 8; i++)
        if (pending[i]) {
            unlink(pending[i]);
            pending[i] = NULL;
        }
}

static void track(char *path, int on)
{
    static int registered;
    if (!registered) {
        pr_at_fatal(remove_pending);
        atexit(remove_pending);
        registered = 1;
    }
    for (int i = 0; i < 8; i++) {
        if (on && !pending[i]) {
            pending[i] = path;
            return;
        }
        if (!on && pending[i] == path) {
            pending[i] = NULL;
            return;
        }
    }
}

/* mkdir -p of the directory part of path; returns 0 or errno. */
static int make_parent_dirs(const char *path)
{
    char *dir = pr_strdup(path);
    char *slash = strrchr(dir, '/');
    int err = 0;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; ; p++) {
            if (*p == '/' || *p == '\0') {
                char c = *p;
                *p = '\0';
                if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
                    err = errno;
                    break;
                }
                *p = c;
                if (!c)
                    break;
            }
        }
    }
    free(dir);
    return err;
}

int pr_output_begin(pr_output *o, const char *final_path, pr_diags *d)
{
    memset(o, 0, sizeof *o);
    pr_pos nowhere = {final_path, 0, 0};
    int err = make_parent_dirs(final_path);
    if (err) {
        pr_io_error(d, nowhere, "impossible de créer le dossier de sortie : %s", pr_strerror(err));
        return -1;
    }
    const char *slash = strrchr(final_path, '/');
    size_t dirlen = slash ? (size_t)(slash - final_path) + 1 : 0;
    const char *base = final_path + dirlen;
    char *tmp = pr_asprintf("%.*s.%s.XXXXXX", (int)dirlen, final_path, base);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        pr_io_error(d, nowhere, "impossible d'écrire dans le dossier de sortie : %s", pr_strerror(errno));
        free(tmp);
        return -1;
    }
    close(fd);
    o->final_path = pr_strdup(final_path);
    o->tmp_path = tmp;
    track(tmp, 1);
    return 0;
}

/* fsync a file by path; returns 0 or errno. */
static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return errno;
    int err = fsync(fd) != 0 ? errno : 0;
    close(fd);
    return err;
}

int pr_output_commit_all(pr_output *const *outs, size_t n, pr_diags *d)
{
    for (size_t i = 0; i < n; i++) {
        int err = sync_file(outs[i]->tmp_path);
        if (err) {
            pr_pos p = {outs[i]->final_path, 0, 0};
            pr_io_error(d, p, "échec de l'écriture sur le disque : %s", pr_strerror(err));
            return -1;
        }
        /* the files are read by partners: usual permissions, not mkstemp's 0600 */
        mode_t mask = umask(0);
        umask(mask);
        chmod(outs[i]->tmp_path, 0666 & ~mask);
    }
    /* Keep the previous files under a second name (hard links) until every
     * rename succeeded, so that a failure part-way puts them all back. */
    char **backup = pr_calloc(n, sizeof *backup);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        char *b = pr_asprintf("%s.precedent", outs[i]->tmp_path);
        if (link(outs[i]->final_path, b) == 0) {
            backup[i] = b;
            track(b, 1);
        } else {
            int err = errno;
            free(b);
            if (err != ENOENT) { /* nothing to keep when there was no file */
                pr_pos p = {outs[i]->final_path, 0, 0};
                pr_io_error(d, p, "impossible de préserver le fichier précédent : %s", pr_strerror(err));
                rc = -1;
            }
        }
    }
    size_t done = 0;
    for (; done < n && !rc; done++) {
        if (rename(outs[done]->tmp_path, outs[done]->final_path) != 0) {
            pr_pos p = {outs[done]->final_path, 0, 0};
            pr_io_error(d, p, "impossible de remplacer le fichier : %s", pr_strerror(errno));
            rc = -1;
            break;
        }
        outs[done]->committed = 1;
    }
    if (rc) {
        /* put back what was replaced; remove what did not exist before */
        for (size_t i = 0; i < done; i++) {
            if (backup[i]) {
                /* rename, or when renaming keeps failing, relink */
                if (rename(backup[i], outs[i]->final_path) != 0 &&
                    unlink(outs[i]->final_path) == 0)
                    (void)link(backup[i], outs[i]->final_path);
            } else
                unlink(outs[i]->final_path);
            outs[i]->committed = 0;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (backup[i]) {
            unlink(backup[i]); /* no-op when it was renamed back */
            track(backup[i], 0);
            free(backup[i]);
        }
        if (outs[i]->committed)
            track(outs[i]->tmp_path, 0);
    }
    free(backup);
    return rc;
}

void pr_output_discard(pr_output *o)
{
    if (o->tmp_path) {
        if (!o->committed)
            unlink(o->tmp_path);
        track(o->tmp_path, 0);
    }
    free(o->tmp_path);
    free(o->final_path);
    memset(o, 0, sizeof *o);
}
