/* typo.c — French typography normalisation and number/date formatting
 * (first cut: pass-through; see typo.h for the contract). */
#include "typo.h"

#include <stdlib.h>
#include <string.h>

void pr_ranges_free(pr_ranges *r)
{
    free(r->items);
    memset(r, 0, sizeof *r);
}

void pr_typo_fr_append(pr_typo_state *st, pr_strbuf *out, const char *in,
                       size_t len, pr_ranges *sup)
{
    (void)sup;
    pr_sb_add(out, in, len);
    if (len)
        st->prev = (unsigned char)in[len - 1];
}

char *pr_typo_fr(const char *in)
{
    pr_typo_state st = {0, 0};
    pr_strbuf sb = {0};
    pr_typo_fr_append(&st, &sb, in, strlen(in), NULL);
    return pr_sb_steal(&sb);
}
