/* date.c — the civil calendar and French month names (see date.h). */
#include "base/date.h"

#include <string.h>

static const char *const month_names[13] = {
    "", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"};

int pr_date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int pr_date_days_in_month(int y, int m)
{
    static const int days[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && pr_date_is_leap(y) ? 29 : days[m];
}

int pr_date_valid(int y, int m, int d)
{
    return d >= 1 && d <= pr_date_days_in_month(y, m);
}

/* H. Hinnant's algorithms (public domain), eras of 400 years. */
long pr_date_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void pr_date_civil_from_days(long days, int *year, int *month, int *day)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

const char *pr_date_month_name(int m)
{
    return m >= 1 && m <= 12 ? month_names[m] : NULL;
}

int pr_date_month_of_name(const char *w, unsigned long n)
{
    static const char *const plain[13] = {"", "janvier", "fevrier", "mars", "avril", "mai",
                                          "juin", "juillet", "aout", "septembre", "octobre",
                                          "novembre", "decembre"};
    char low[16];
    if (n >= sizeof low)
        return 0;
    for (unsigned long i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    low[n] = '\0';
    for (int m = 1; m <= 12; m++)
        if (!strcmp(low, plain[m]) || !strcmp(low, month_names[m]))
            return m;
    return 0;
}
