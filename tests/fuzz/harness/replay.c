/* replay.c — main() for a fuzz harness built as a plain program: runs
 * LLVMFuzzerTestOneInput once on the content of each file given as argument
 * (regression inputs under tests/fuzz/regress/, corpus files). Prints one
 * line per file; any crash, sanitizer report or leak fails the program. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

/* Read a whole file into a malloc'ed buffer; exits 2 on failure. */
static uint8_t *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fputs("replay: out of memory\n", stderr);
            exit(2);
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    fclose(f);
    *len = n;
    /* an exact-size copy, so that reading past the end is caught by ASan
     * as it would be under libFuzzer */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        fputs("replay: out of memory\n", stderr);
        exit(2);
    }
    for (size_t i = 0; i < n; i++)
        exact[i] = buf[i];
    free(buf);
    return exact;
}

/* Optional one-time set-up of a harness (as libFuzzer calls it). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        size_t len;
        uint8_t *data = read_all(argv[i], &len);
        LLVMFuzzerTestOneInput(data, len);
        free(data);
        printf("ok %s\n", argv[i]);
        fflush(stdout);
    }
    return 0;
}
