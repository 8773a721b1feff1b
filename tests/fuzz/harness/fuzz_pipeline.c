/* fuzz_pipeline.c — fuzzes the whole program on small inputs: the data
 * (YAML, or JSON when it starts with '{') is written to a file and main()
 * runs on it as `planif-rapport -q -o DIR FILE`: load, validation, figures,
 * templates, layout, PDF (and every other output main.c writes) into a
 * temporary folder. main.c is compiled into this harness with its main()
 * renamed. Run from the repository root (templates and fonts).
 * requires: pr_model_build pr_report_build pr_pdf_write pr_template_load
 * options: -max_len=16384 -timeout=30 -close_fd_mask=3 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define main planif_main
#include "../../../src/main.c"
#undef main

#include "fuzz.h"

static char dir[64], out[80], yaml_path[80], json_path[80];

/* Remove what the runs left behind. */
static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) { /* best effort */ }
}

/* A private folder for the data file and the outputs. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    snprintf(dir, sizeof dir, "/tmp/pr-fuzz-pipeline-%ld", (long)getpid());
    snprintf(out, sizeof out, "%s/sortie", dir);
    snprintf(yaml_path, sizeof yaml_path, "%s/annee.yaml", dir);
    snprintf(json_path, sizeof json_path, "%s/annee.json", dir);
    mkdir(dir, 0700);
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t i = 0;
    while (i < size && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r'))
        i++;
    const char *path = i < size && data[i] == '{' ? json_path : yaml_path;
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    char *args[] = {"planif-rapport", "-q", "-o", out, (char *)path, NULL};
    int status = planif_main(5, args);
    if (status != PR_EXIT_OK && status != PR_EXIT_DATA && status != PR_EXIT_IO) {
        fprintf(stderr, "statut inattendu %d\n", status);
        abort();
    }
    return 0;
}
