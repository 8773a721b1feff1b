/* date.h — civil dates, the one place that knows the calendar: leap years,
 * month lengths, day numbers (days since 1970-01-01, proleptic Gregorian,
 * for any year), and French month names.
 *
 * Everything here is pure and allocation-free; returned strings are static.
 * Parsing the data's date fields (AAAA, AAAA-MM, AAAA-MM-JJ) stays in the
 * model (data/model_build.c), formatting dates in prose in the text engine
 * (typeset/typo.h); both use this module for the calendar itself. */
#ifndef PR_DATE_H
#define PR_DATE_H

/* 1 for a leap year of the Gregorian calendar. */
int pr_date_is_leap(int year);
/* Days in month 1..12 of `year` (0 for another month). */
int pr_date_days_in_month(int year, int month);
/* 1 when year-month-day is a real date (month 1..12, day 1..length). */
int pr_date_valid(int year, int month, int day);

/* Days since 1970-01-01 of a civil date (negative before). */
long pr_date_days_from_civil(int year, int month, int day);
/* The inverse: the civil date of a day number. */
void pr_date_civil_from_days(long days, int *year, int *month, int *day);

/* French month name, 1..12 -> "janvier".."décembre"; NULL otherwise. */
const char *pr_date_month_name(int month);
/* Month number of a French month name, case- and accent-insensitive for
 * ASCII capitals ("Fevrier", "février", "MARS"); n bytes at `w`. 0 if none. */
int pr_date_month_of_name(const char *w, unsigned long n);

#endif
