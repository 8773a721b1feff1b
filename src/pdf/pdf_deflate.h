/* pdf_deflate.h — zlib compression of the independent pieces of a PDF (page
 * contents, font streams) by a helper thread while the main thread goes on
 * drawing; once it has drawn everything, the main thread compresses what
 * is left alongside the helper, then waits for it. Each piece is
 * compressed on its own, at its own level, so the bytes do not depend on
 * which thread did it.
 *
 * The rules of the handover, enforced here rather than trusted:
 *   - A piece belongs to the queue once submitted: pr_zq_submit() takes the
 *     caller's malloc'd buffer and sets the caller's pointer to NULL, so
 *     the caller has nothing left to touch; the queue frees the buffer once
 *     the piece is compressed.
 *   - The helper thread never ends the program. It calls zlib, malloc and
 *     free only: this file does not include base/util.h, so pr_malloc and
 *     pr_oom (which may call exit()) are not even declared here. A piece
 *     the helper could not compress (memory) waits in the queue;
 *     pr_zq_take() compresses it again on the main thread and reports a
 *     failure to its caller, which decides (render_pdf.c: pr_oom, exit 3).
 *   - Results are read only after pr_zq_finish() has joined the helper. A
 *     call out of order (a result taken before pr_zq_finish() or twice, a
 *     piece submitted after it or beyond the capacity) is a bug: the
 *     program stops at once with a message (abort(), so a core is kept).
 *
 * Everything here runs on the main thread except the helper's loop. Built
 * with -DPR_ZQ_NO_HELPER, no helper is started and pr_zq_finish()
 * compresses everything (to measure what the thread gains: see
 * tests/bench/README.md). */
#ifndef PR_PDF_DEFLATE_H
#define PR_PDF_DEFLATE_H

#include <stddef.h>

typedef struct pr_zqueue pr_zqueue;

/* A queue for at most `cap` pieces, with its helper thread when one can be
 * started (without one, pr_zq_finish() compresses everything). Returns
 * NULL when memory is short. */
pr_zqueue *pr_zq_new(size_t cap);

/* Hand over (*data)[0..len), a malloc'd buffer (NULL when len is 0), to be
 * compressed at zlib `level`; *data becomes NULL. Returns the piece's
 * number (0, 1, 2… in submission order). */
size_t pr_zq_submit(pr_zqueue *q, unsigned char **data, size_t len, int level);

/* No more pieces: compress the rest on this thread too, and join the
 * helper. */
void pr_zq_finish(pr_zqueue *q);

/* After pr_zq_finish(): the compressed bytes of piece `id` (zlib format),
 * handed to the caller (*z malloc'd, caller frees). Returns 0, or -1 when
 * there was not enough memory to compress it (*z NULL). */
int pr_zq_take(pr_zqueue *q, size_t id, unsigned char **z, size_t *zlen);

/* Stop (the helper ends the piece it holds, and takes no other), free
 * every buffer, free the queue. Accepts NULL. */
void pr_zq_free(pr_zqueue *q);

#endif
