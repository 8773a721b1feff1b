/* test_date.c — the calendar module (base/date.h). */
#include "base/date.h"
#include "unit.h"

TEST(leap_years_and_month_lengths)
{
    CHECK(pr_date_is_leap(2024));
    CHECK(!pr_date_is_leap(2023));
    CHECK(!pr_date_is_leap(1900));
    CHECK(pr_date_is_leap(2000));
    CHECK_INT(pr_date_days_in_month(2024, 2), 29);
    CHECK_INT(pr_date_days_in_month(2023, 2), 28);
    CHECK_INT(pr_date_days_in_month(2023, 12), 31);
    CHECK_INT(pr_date_days_in_month(2023, 13), 0);
    CHECK(pr_date_valid(2024, 2, 29));
    CHECK(!pr_date_valid(2023, 2, 29));
    CHECK(!pr_date_valid(2023, 4, 0));
}

TEST(day_numbers_round_trip)
{
    CHECK_INT(pr_date_days_from_civil(1970, 1, 1), 0);
    CHECK_INT(pr_date_days_from_civil(2024, 5, 1), 19844);
    CHECK_INT(pr_date_days_from_civil(1969, 12, 31), -1);
    for (long n = -800000; n <= 800000; n += 997) {
        int y, m, d;
        pr_date_civil_from_days(n, &y, &m, &d);
        if (!pr_date_valid(y, m, d) || pr_date_days_from_civil(y, m, d) != n) {
            UNIT_FAIL("jour %ld -> %d-%d-%d", n, y, m, d);
            break;
        }
    }
}

TEST(month_names)
{
    CHECK_STR(pr_date_month_name(1), "janvier");
    CHECK_STR(pr_date_month_name(8), "août");
    CHECK(pr_date_month_name(0) == NULL);
    CHECK_INT(pr_date_month_of_name("Fevrier", 7), 2);
    CHECK_INT(pr_date_month_of_name("décembre", strlen("décembre")), 12);
    CHECK_INT(pr_date_month_of_name("MARS", 4), 3);
    CHECK_INT(pr_date_month_of_name("mardi", 5), 0);
}

int main(void)
{
    RUN(leap_years_and_month_lengths);
    RUN(day_numbers_round_trip);
    RUN(month_names);
    return UNIT_DONE();
}
