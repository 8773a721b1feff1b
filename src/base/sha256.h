/* sha256.h — the SHA-256 digest (FIPS 180-4) of a byte string, for the
 * checksum of the data file the annex names. */
#ifndef PR_SHA256_H
#define PR_SHA256_H

#include <stddef.h>

/* The digest of n bytes at data, as 64 lower-case hex digits and a NUL. */
void pr_sha256_hex(const void *data, size_t n, char out[65]);

#endif
