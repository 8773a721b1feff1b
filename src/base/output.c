/* output.c — output folders locked, temporary files renamed into place,
 * cleaned up on failure or interruption (see output.h). */
#define _GNU_SOURCE   /* renameat2 (RENAME_EXCHANGE) */
#include "base/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "base/proc.h"

/* Temporary files still to remove if the program dies (OOM, fatal,
 * interruption). Written by the main thread, read by the signal handler:
 * a slot holds NULL or a path that stays valid until the slot is
 * cleared. */
#define MAX_PENDING 16
static char *volatile pending[MAX_PENDING];

static void remove_pending(void)
{
    for (int i = 0; i < MAX_PENDING; i++)
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
    for (int i = 0; i < MAX_PENDING; i++) {
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

/* mkdir -p of `dir`; returns 0 or errno. */
static int make_dirs(const char *dir)
{
    char *p = pr_strdup(dir);
    int err = 0;
    for (char *q = p + 1;; q++) {
        if (*q == '/' || *q == '\0') {
            char c = *q;
            *q = '\0';
            struct stat st;
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                err = errno;
                break;
            }
            if (stat(p, &st) != 0) {
                err = errno;
                break;
            }
            if (!S_ISDIR(st.st_mode)) {
                err = ENOTDIR;
                break;
            }
            *q = c;
            if (!c)
                break;
        }
    }
    free(p);
    return err;
}

/* The folder part of a path ("." for a bare name). */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return pr_strdup(".");
    if (slash == path)
        return pr_strdup("/");
    return pr_strndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Is `name` a temporary file of ours for the output named `base`:
 * ".BASE.XXXXXX" or ".BASE.XXXXXX.precedent"? */
static int is_our_temporary(const char *name, const char *base)
{
    size_t b = strlen(base);
    if (name[0] != '.' || strncmp(name + 1, base, b) || name[1 + b] != '.')
        return 0;
    const char *rest = name + 2 + b;
    size_t r = strlen(rest);
    return r == 6 || (r == 16 && !strcmp(rest + 6, ".precedent"));
}

/* Remove what a killed run left for these names in this folder (we hold
 * its lock: no live run is writing them). */
static void remove_stale(int dirfd, const char *const *names, size_t n)
{
    int fd = dup(dirfd);
    if (fd < 0)
        return;
    DIR *dir = fdopendir(fd);
    if (!dir) {
        close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(dir)) != NULL)
        for (size_t i = 0; i < n; i++)
            if (is_our_temporary(e->d_name, names[i])) {
                unlinkat(dirfd, e->d_name, 0);
                break;
            }
    closedir(dir);
}

typedef struct lock_dir {
    char *path;
    dev_t dev;
    ino_t ino;
    const char *names[4];
    size_t n_names;
} lock_dir;

static int cmp_lock_dir(const void *a, const void *b)
{
    const lock_dir *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    return (x->ino > y->ino) - (x->ino < y->ino);
}

int pr_output_lock(pr_output_locks *l, const char *const *final_paths, size_t n,
                   int wait_seconds, pr_output_wait_fn *waiting, void *ctx, pr_diags *d)
{
    memset(l, 0, sizeof *l);
    lock_dir dirs[4];
    size_t n_dirs = 0;
    int rc = 0;
    for (size_t i = 0; i < n && i < 4; i++) {
        char *dir = dir_of(final_paths[i]);
        pr_pos where = {final_paths[i], 0, 0};
        int err = make_dirs(dir);
        struct stat st;
        if (!err && stat(dir, &st) != 0)
            err = errno;
        if (err) {
            pr_io_error(d, where, "impossible de créer le dossier de sortie : %s", pr_strerror(err));
            free(dir);
            rc = -1;
            break;
        }
        size_t k = 0;
        while (k < n_dirs && !(dirs[k].dev == st.st_dev && dirs[k].ino == st.st_ino))
            k++;
        if (k == n_dirs) {
            dirs[k].path = dir;
            dirs[k].dev = st.st_dev;
            dirs[k].ino = st.st_ino;
            dirs[k].n_names = 0;
            n_dirs++;
        } else {
            free(dir);
        }
        dirs[k].names[dirs[k].n_names++] = base_of(final_paths[i]);
    }
    qsort(dirs, n_dirs, sizeof *dirs, cmp_lock_dir);
    for (size_t k = 0; k < n_dirs && !rc; k++) {
        pr_pos where = {dirs[k].path, 0, 0};
        int fd = open(dirs[k].path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            pr_io_error(d, where, "impossible d'ouvrir le dossier de sortie : %s", pr_strerror(errno));
            rc = -1;
            break;
        }
        l->fds[l->n++] = fd;
        int announced = 0;
        struct timespec start, now;
        clock_gettime(CLOCK_MONOTONIC, &start);
        for (;;) {
            if (flock(fd, LOCK_EX | LOCK_NB) == 0)
                break;
            if (errno == EINTR)
                continue;
            if (errno != EWOULDBLOCK) {
                /* a file system without locks (some network ones): go on
                 * unlocked, as before locks existed */
                break;
            }
            clock_gettime(CLOCK_MONOTONIC, &now);
            double waited = (double)(now.tv_sec - start.tv_sec) +
                            (double)(now.tv_nsec - start.tv_nsec) / 1e9;
            if (waited >= wait_seconds) {
                pr_io_error(d, where, "dossier de sortie occupé par une autre exécution de "
                            "planif-rapport depuis %d s : abandon (les sorties de l'autre "
                            "exécution sont gardées ; relancez quand elle sera finie, ou "
                            "choisissez un autre dossier avec -o)", wait_seconds);
                rc = -1;
                break;
            }
            if (!announced && waiting)
                waiting(dirs[k].path, wait_seconds, ctx);
            announced = 1;
            struct timespec pause = {0, 50 * 1000 * 1000};
            nanosleep(&pause, NULL);
        }
        if (!rc)
            remove_stale(fd, dirs[k].names, dirs[k].n_names);
    }
    for (size_t k = 0; k < n_dirs; k++)
        free(dirs[k].path);
    if (rc)
        pr_output_unlock(l);
    return rc;
}

void pr_output_unlock(pr_output_locks *l)
{
    for (int i = 0; i < l->n; i++)
        close(l->fds[i]);   /* the lock goes with the descriptor */
    l->n = 0;
}

int pr_output_begin(pr_output *o, const char *final_path, pr_diags *d)
{
    memset(o, 0, sizeof *o);
    pr_pos nowhere = {final_path, 0, 0};
    const char *base = base_of(final_path);
    size_t dirlen = (size_t)(base - final_path);
    char *tmp = pr_asprintf("%.*s.%s.XXXXXX", (int)dirlen, final_path, base);
    /* no interruption between the file's creation and its registration
     * for removal: an interruption there left the file behind (signals.sh) */
    sigset_t saved;
    pr_signals_hold(&saved);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int err = errno;
        pr_signals_release(&saved);
        pr_io_error(d, nowhere, "impossible d'écrire dans le dossier de sortie : %s", pr_strerror(err));
        free(tmp);
        return -1;
    }
    track(tmp, 1);
    /* the files are read by partners: the permissions the umask gives,
     * not mkstemp's 0600 (the group is the folder's in a setgid folder:
     * the kernel sees to it) */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    pr_signals_release(&saved);
    o->final_path = pr_strdup(final_path);
    o->tmp_path = tmp;
    return 0;
}

/* fsync a file by path; returns 0 or errno. */
static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int err = fsync(fd) != 0 ? errno : 0;
    close(fd);
    return err;
}

/* How each output was put in place, to undo it. */
enum { NOT_DONE, EXCHANGED, CREATED, MOVED };

int pr_output_commit_all(pr_output *const *outs, size_t n, pr_diags *d)
{
    for (size_t i = 0; i < n; i++) {
        int err = sync_file(outs[i]->tmp_path);
        if (err) {
            pr_pos p = {outs[i]->final_path, 0, 0};
            pr_io_error(d, p, "échec de l'écriture sur le disque : %s", pr_strerror(err));
            return -1;
        }
    }
    int *how = pr_calloc(n, sizeof *how);
    char **backup = pr_calloc(n, sizeof *backup);
    for (size_t i = 0; i < n; i++)
        backup[i] = pr_asprintf("%s.precedent", outs[i]->tmp_path);
    /* no interruption between the first rename and the last */
    sigset_t saved;
    pr_signals_hold(&saved);
    int rc = 0;
    size_t done = 0;
    for (; done < n && !rc; done++) {
        const char *tmp = outs[done]->tmp_path, *fin = outs[done]->final_path;
        /* one step: the new file takes the final name, the previous one
         * the temporary name (removed once all are in place) */
        if (renameat2(AT_FDCWD, tmp, AT_FDCWD, fin, RENAME_EXCHANGE) == 0) {
            how[done] = EXCHANGED;
            continue;
        }
        int err = errno;
        if (err == ENOENT) {   /* no previous file */
            if (rename(tmp, fin) == 0) {
                how[done] = CREATED;
                continue;
            }
            err = errno;
        } else if (err == EINVAL || err == ENOSYS || err == EOPNOTSUPP) {
            /* no exchange on this file system: two renames, the previous
             * file kept under a second name until all are in place */
            track(backup[done], 1);
            if (rename(fin, backup[done]) == 0) {
                if (rename(tmp, fin) == 0) {
                    how[done] = MOVED;
                    continue;
                }
                err = errno;
                (void)rename(backup[done], fin);
            } else {
                err = errno;
            }
            track(backup[done], 0);
        }
        pr_pos p = {fin, 0, 0};
        pr_io_error(d, p, "impossible de remplacer le fichier : %s", pr_strerror(err));
        rc = -1;
        break;
    }
    if (rc) {
        /* put back what was replaced, remove what did not exist before */
        for (size_t i = done; i-- > 0;) {
            const char *tmp = outs[i]->tmp_path, *fin = outs[i]->final_path;
            const char *old = how[i] == EXCHANGED ? tmp : how[i] == MOVED ? backup[i] : NULL;
            if (how[i] == CREATED) {
                unlink(fin);
                continue;
            }
            if (!old)
                continue;
            if (how[i] == EXCHANGED ? renameat2(AT_FDCWD, tmp, AT_FDCWD, fin, RENAME_EXCHANGE) == 0
                                    : rename(old, fin) == 0)
                continue;
            /* renaming fails now too (the disk is going): a second name
             * for the previous file, then the new one removed */
            if (unlink(fin) == 0 && link(old, fin) == 0)
                continue;
            /* not even that: the previous file is kept where it is, and
             * the user told where */
            track((char *)old, 0);
            pr_pos p = {fin, 0, 0};
            pr_io_error(d, p, "le fichier précédent n'a pas pu être remis en place : il est "
                        "conservé sous le nom « %s »", old);
            if (how[i] == EXCHANGED) {
                /* the temporary name now holds it: never remove it */
                outs[i]->committed = 1;
            }
        }
    } else {
        /* the previous files go; the new ones are committed */
        for (size_t i = 0; i < n; i++) {
            if (how[i] == EXCHANGED)
                unlink(outs[i]->tmp_path);
            else if (how[i] == MOVED)
                unlink(backup[i]);
            outs[i]->committed = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (how[i] == MOVED)
            track(backup[i], 0);
        if (outs[i]->committed)
            track(outs[i]->tmp_path, 0);
        free(backup[i]);
    }
    pr_signals_release(&saved);
    free(backup);
    free(how);
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
