/* paths.h — what a path names, compared as files rather than as strings:
 * "out/../data/2023.yaml", a symbolic link to it and a hard link to it all
 * name the data file. Used to refuse a command whose output would replace
 * one of its inputs, or whose two outputs would be one file. */
#ifndef PR_PATHS_H
#define PR_PATHS_H

#include <sys/types.h>

typedef struct pr_path_id {
    int exists;        /* the path names something (links followed) */
    int is_dir;        /* ... and it is a folder */
    dev_t dev;         /* when it exists: its device and inode */
    ino_t ino;
    char *resolved;    /* when it does not: the absolute path it would have
                        * (its deepest existing folder resolved, the rest
                        * normalised); NULL if even that cannot be known */
} pr_path_id;

/* Identify `path` (never fails: an unknown path has exists 0 and
 * resolved NULL, and matches nothing). */
void pr_path_identify(const char *path, pr_path_id *id);
/* Do a and b name the same file (or the same file to be)? */
int pr_path_same(const pr_path_id *a, const pr_path_id *b);
void pr_path_id_free(pr_path_id *id);

#endif
