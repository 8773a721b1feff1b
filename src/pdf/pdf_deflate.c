/* pdf_deflate.c — the compression queue (see pdf_deflate.h). Only zlib,
 * malloc and free here: base/util.h is deliberately not included, so no
 * code of this file, the helper's least of all, can reach pr_oom(). */
#include "pdf/pdf_deflate.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/proc.h"

typedef struct zpiece {
    unsigned char *data;        /* owned; freed once compressed */
    size_t len;
    int level;
    unsigned char *z;           /* compressed (malloc), or NULL */
    size_t zlen;
    int taken;                  /* handed over by pr_zq_take */
} zpiece;

struct pr_zqueue {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    zpiece *pieces;             /* fixed capacity: never moved once started */
    size_t n, cap;
    size_t next;                /* next piece to take for compression */
    int closed;                 /* no more pieces will come */
    int finished;               /* pr_zq_finish() done: results readable */
    pthread_t helper;
    int has_helper;
    size_t waiting;             /* bytes submitted, not yet taken */
};

/* Bytes left waiting for the helper beyond which the submitting thread
 * compresses a piece itself: the pages drawn faster than the helper
 * compresses them (or while it has no processor) are not all held
 * uncompressed at once. */
#define MAX_WAITING (8u << 20)

/* A rule of pdf_deflate.h was broken: a bug of the caller. Stop here, with
 * a core, rather than go on with a buffer in two hands. */
static void misuse(const char *what)
{
    fprintf(stderr, "planif-rapport : erreur interne : file de compression du PDF : %s "
                    "(défaut du programme, à signaler)\n", what);
    abort();
}

/* Compress one piece; on success free its input. On failure (memory) the
 * input stays for pr_zq_take to try again. */
static void compress_piece(zpiece *p)
{
    uLongf zlen = compressBound((uLong)p->len);
    unsigned char *z = malloc(zlen ? zlen : 1);
    if (!z)
        return;
    if (compress2(z, &zlen, p->len ? p->data : (const Bytef *)"", (uLong)p->len, p->level) != Z_OK) {
        free(z);
        return;
    }
    unsigned char *fit = realloc(z, zlen ? zlen : 1);   /* give back the bound's slack */
    p->z = fit ? fit : z;
    p->zlen = zlen;
    free(p->data);
    p->data = NULL;
}

/* Take and compress pieces until none is left and none will come (the
 * helper's loop; the main thread runs it too in pr_zq_finish). */
static void *work(void *arg)
{
    pr_zqueue *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        while (q->next == q->n && !q->closed)
            pthread_cond_wait(&q->cv, &q->mu);
        zpiece *p = q->next < q->n ? &q->pieces[q->next++] : NULL;
        if (p)
            q->waiting -= p->len;
        pthread_mutex_unlock(&q->mu);
        if (!p)
            return NULL;
        compress_piece(p);
    }
}

pr_zqueue *pr_zq_new(size_t cap)
{
    pr_zqueue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->cap = cap ? cap : 1;
    q->pieces = calloc(q->cap, sizeof *q->pieces);
    if (!q->pieces) {
        free(q);
        return NULL;
    }
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv, NULL);
#ifndef PR_ZQ_NO_HELPER
    /* the helper never takes an interruption (it inherits the mask): its
     * handler would clean up while the main thread goes on writing, and
     * could create a temporary file again after its removal */
    sigset_t saved;
    pr_signals_hold(&saved);
    q->has_helper = pthread_create(&q->helper, NULL, work, q) == 0;
    pr_signals_release(&saved);
#endif
    return q;
}

size_t pr_zq_submit(pr_zqueue *q, unsigned char **data, size_t len, int level)
{
    pthread_mutex_lock(&q->mu);
    if (q->closed || q->n == q->cap) {
        pthread_mutex_unlock(&q->mu);
        misuse(q->closed ? "morceau confié après la fin" : "capacité dépassée");
    }
    zpiece *p = &q->pieces[q->n];
    p->data = *data;
    p->len = len;
    p->level = level;
    *data = NULL;
    size_t id = q->n++;
    q->waiting += len;
    pthread_cond_signal(&q->cv);
    /* too much waiting: the oldest pieces compressed here (any thread
     * gives the same bytes) */
    while (q->waiting > MAX_WAITING && q->next < q->n) {
        zpiece *w = &q->pieces[q->next++];
        q->waiting -= w->len;
        pthread_mutex_unlock(&q->mu);
        compress_piece(w);
        pthread_mutex_lock(&q->mu);
    }
    pthread_mutex_unlock(&q->mu);
    return id;
}

void pr_zq_finish(pr_zqueue *q)
{
    pthread_mutex_lock(&q->mu);
    q->closed = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    work(q);
    if (q->has_helper)
        pthread_join(q->helper, NULL);
    q->has_helper = 0;
    q->finished = 1;
}

int pr_zq_take(pr_zqueue *q, size_t id, unsigned char **z, size_t *zlen)
{
    if (!q->finished)
        misuse("résultat lu avant la fin");
    if (id >= q->n || q->pieces[id].taken)
        misuse(id >= q->n ? "morceau inconnu" : "résultat lu deux fois");
    zpiece *p = &q->pieces[id];
    if (!p->z)
        compress_piece(p);   /* the helper ran short of memory: once more, here */
    p->taken = 1;
    *z = p->z;
    *zlen = p->zlen;
    p->z = NULL;
    return *z ? 0 : -1;
}

void pr_zq_free(pr_zqueue *q)
{
    if (!q)
        return;
    if (q->has_helper) {
        pthread_mutex_lock(&q->mu);
        q->closed = 1;
        q->n = q->next;   /* nothing more to take */
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        pthread_join(q->helper, NULL);
    }
    for (size_t i = 0; i < q->cap; i++) {
        free(q->pieces[i].data);
        free(q->pieces[i].z);
    }
    free(q->pieces);
    pthread_cond_destroy(&q->cv);
    pthread_mutex_destroy(&q->mu);
    free(q);
}
