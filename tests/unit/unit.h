/* unit.h — a tiny unit-test harness. Each tests/unit/test_*.c is one
 * program; it defines tests with TEST(name) and lists them in main via
 * RUN(name). The program prints one line per failure and a final line
 * "unit <file>: N passed, M failed", and exits 1 if anything failed. */
#ifndef PR_UNIT_H
#define PR_UNIT_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int unit_passed, unit_failed, unit_cur_failed;
static const char *unit_cur;

#define TEST(name) static void test_##name(void)
#define RUN(name)                                                               \
    do {                                                                        \
        unit_cur = #name;                                                       \
        unit_cur_failed = 0;                                                    \
        test_##name();                                                          \
        if (unit_cur_failed) unit_failed++; else unit_passed++;                 \
    } while (0)
#define UNIT_FAIL(...)                                                          \
    do {                                                                        \
        fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, unit_cur);           \
        fprintf(stderr, __VA_ARGS__);                                           \
        fputc('\n', stderr);                                                    \
        unit_cur_failed = 1;                                                    \
    } while (0)
#define CHECK(c) do { if (!(c)) UNIT_FAIL("CHECK(%s)", #c); } while (0)
#define CHECK_INT(a, b)                                                         \
    do { long long a_ = (long long)(a), b_ = (long long)(b);                    \
         if (a_ != b_) UNIT_FAIL("%s == %lld, attendu %lld", #a, a_, b_); } while (0)
#define CHECK_STR(a, b)                                                         \
    do { const char *a_ = (a), *b_ = (b);                                       \
         if (!a_ || !b_ || strcmp(a_, b_))                                      \
             UNIT_FAIL("%s == \"%s\", attendu \"%s\"", #a, a_ ? a_ : "(null)",  \
                       b_ ? b_ : "(null)"); } while (0)
#define CHECK_NEAR(a, b, eps)                                                   \
    do { double a_ = (a), b_ = (b);                                             \
         if (fabs(a_ - b_) > (eps)) UNIT_FAIL("%s == %g, attendu %g", #a, a_, b_); } while (0)
#define UNIT_DONE()                                                             \
    (printf("unit %s: %d passed, %d failed\n", __FILE__, unit_passed, unit_failed), \
     unit_failed ? 1 : 0)

#endif
