/* value.c — the document tree's map lookup and the duplicate-key check the
 * loaders share (see value.h). */
#include "data/value.h"

#include <stdlib.h>
#include <string.h>

const pr_value *pr_value_get(const pr_value *map, const char *key)
{
    if (!map || map->kind != PR_V_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (!strcmp(map->keys[i], key))
            return map->items[i];
    return NULL;
}

/* Orders key indices by key text, then by position in the map. */
static const pr_value *dup_map;
static int cmp_key_index(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(dup_map->keys[i], dup_map->keys[j]);
    return c ? c : (i > j) - (i < j);
}

/* Remove the entries marked as repeats (flags[i], or bit i of `bits` when
 * flags is NULL), keeping the order of the others. */
static void drop_repeats(pr_value *map, const unsigned char *flags, unsigned bits)
{
    size_t k = 0;
    for (size_t i = 0; i < map->n; i++) {
        if (flags ? flags[i] : (bits >> i) & 1u)
            continue;
        map->items[k] = map->items[i];
        map->keys[k] = map->keys[i];
        map->key_pos[k] = map->key_pos[i];
        k++;
    }
    map->n = k;
}

typedef struct dup_pair {
    size_t repeat, first;
} dup_pair;

/* Orders duplicate pairs by the repeated key's index. */
static int cmp_pair(const void *a, const void *b)
{
    size_t i = ((const dup_pair *)a)->repeat, j = ((const dup_pair *)b)->repeat;
    return (i > j) - (i < j);
}

size_t pr_value_check_duplicates(pr_value *map, pr_diags *diags)
{
    if (!map || map->kind != PR_V_MAP || map->n < 2)
        return 0;
    size_t found = 0;
    if (map->n <= 16) {
        unsigned repeat = 0;   /* bit i: key i repeats an earlier one */
        for (size_t i = 1; i < map->n; i++)
            for (size_t j = 0; j < i; j++)
                if (!strcmp(map->keys[i], map->keys[j])) {
                    pr_error(diags, map->key_pos[i], NULL,
                             "clé « %s » en double (déjà présente ligne %d)", map->keys[i],
                             map->key_pos[j].line);
                    repeat |= 1u << i;
                    found++;
                    break;
                }
        if (found)
            drop_repeats(map, NULL, repeat);
        return found;
    }
    size_t *idx = pr_malloc(map->n * sizeof *idx);
    for (size_t i = 0; i < map->n; i++)
        idx[i] = i;
    dup_map = map;
    qsort(idx, map->n, sizeof *idx, cmp_key_index);
    /* collect (repeat, first) pairs, then report them in document order */
    dup_pair *pairs = pr_malloc(map->n * sizeof *pairs);
    size_t n_dups = 0;
    for (size_t k = 1, start = 0; k < map->n; k++) {
        if (strcmp(map->keys[idx[k]], map->keys[idx[start]])) {
            start = k;
            continue;
        }
        pairs[n_dups].repeat = idx[k];
        pairs[n_dups++].first = idx[start];
    }
    qsort(pairs, n_dups, sizeof *pairs, cmp_pair);
    unsigned char *repeat = n_dups ? pr_calloc(map->n, 1) : NULL;
    for (size_t a = 0; a < n_dups; a++) {
        pr_error(diags, map->key_pos[pairs[a].repeat], NULL,
                 "clé « %s » en double (déjà présente ligne %d)", map->keys[pairs[a].repeat],
                 map->key_pos[pairs[a].first].line);
        repeat[pairs[a].repeat] = 1;
    }
    if (n_dups)
        drop_repeats(map, repeat, 0);
    free(repeat);
    free(idx);
    free(pairs);
    return n_dups;
}
