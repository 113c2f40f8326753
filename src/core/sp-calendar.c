/* sp-calendar.c — Swedish wall-clock time, weekdays and days off
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-calendar"

#include "config.h"

#include "sp-calendar.h"

#define N_YEARS (SP_CALENDAR_MAX_YEAR - SP_CALENDAR_MIN_YEAR + 1)

/* The helgdagsreform of 1952, in force from 1953, moved midsommar and alla helgons dag to
 * Saturdays and kyndelsmässodagen and Marie bebådelsedag to Sundays. */
#define FIRST_REFORMED_YEAR 1953
#define FIRST_MAY_DAY_YEAR 1939
/* From 2005 the national day replaced annandag pingst as a public holiday. */
#define LAST_WHIT_MONDAY_YEAR 2004
#define FIRST_NATIONAL_DAY_YEAR 2005

/* One list per year, filled on first use and kept for the life of the process. */
static GArray *days_off_cache[N_YEARS];

static void
add_day_off (GArray      *days,
             const GDate *date,
             const char  *name)
{
  SpHoliday holiday = { .date = *date, .name = name };

  g_array_append_val (days, holiday);
}

static void
add_fixed_day_off (GArray     *days,
                   int         year,
                   GDateMonth  month,
                   GDateDay    day,
                   const char *name)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  add_day_off (days, &date, name);
}

static void
add_day_off_after (GArray      *days,
                   const GDate *base,
                   int          offset,
                   const char  *name)
{
  GDate date = *base;

  if (offset >= 0)
    g_date_add_days (&date, offset);
  else
    g_date_subtract_days (&date, -offset);
  add_day_off (days, &date, name);
}

/* The Saturday in the week that starts on @month/@first_day (20–26 June, 31 Oct–6 Nov). */
static void
get_saturday_from (int         year,
                   GDateMonth  month,
                   GDateDay    first_day,
                   GDate      *out_date)
{
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, first_day, month, year);
  g_date_add_days (out_date, (G_DATE_SATURDAY - g_date_get_weekday (out_date) + 7) % 7);
}

static int
compare_days_off (gconstpointer a,
                  gconstpointer b)
{
  const SpHoliday *ha = a;
  const SpHoliday *hb = b;

  return g_date_compare (&ha->date, &hb->date);
}

/* Sorts by date and folds days off sharing a date into one element. The sort is stable
 * (documented since GLib 2.32), so joined names keep the order they were added in. */
static void
sort_and_merge (GArray *days)
{
  guint out = 0;

  g_array_sort (days, compare_days_off);

  for (guint i = 0; i < days->len; i++)
    {
      SpHoliday *holiday = &g_array_index (days, SpHoliday, i);
      SpHoliday *last = out > 0 ? &g_array_index (days, SpHoliday, out - 1) : NULL;

      if (last != NULL && g_date_compare (&last->date, &holiday->date) == 0)
        {
          g_autofree char *joined = g_strconcat (last->name, ", ", holiday->name, NULL);

          /* Interned strings live as long as the process: the names stay static. */
          last->name = g_intern_string (joined);
          continue;
        }

      g_array_index (days, SpHoliday, out++) = *holiday;
    }

  g_array_set_size (days, out);
}

static GArray *
compute_days_off (int year)
{
  GArray *days = g_array_sized_new (FALSE, FALSE, sizeof (SpHoliday), 20);
  gboolean reformed = year >= FIRST_REFORMED_YEAR;
  GDate easter;
  GDate midsummer;
  GDate all_saints;

  sp_calendar_get_easter_sunday (year, &easter);

  if (reformed)
    {
      get_saturday_from (year, G_DATE_JUNE, 20, &midsummer);
      get_saturday_from (year, G_DATE_OCTOBER, 31, &all_saints);
    }
  else
    {
      g_date_clear (&midsummer, 1);
      g_date_set_dmy (&midsummer, 24, G_DATE_JUNE, year);   /* Johannes döparens dag */
      g_date_clear (&all_saints, 1);
      g_date_set_dmy (&all_saints, 1, G_DATE_NOVEMBER, year);
    }

  /* Added in the order in which coinciding names are joined. */
  add_fixed_day_off (days, year, G_DATE_JANUARY, 1, "Nyårsdagen");
  add_fixed_day_off (days, year, G_DATE_JANUARY, 6, "Trettondedag jul");
  if (!reformed)
    {
      add_fixed_day_off (days, year, G_DATE_FEBRUARY, 2, "Kyndelsmässodagen");
      add_fixed_day_off (days, year, G_DATE_MARCH, 25, "Marie bebådelsedag");
    }
  add_day_off_after (days, &easter, -2, "Långfredagen");
  add_day_off_after (days, &easter, 0, "Påskdagen");
  add_day_off_after (days, &easter, 1, "Annandag påsk");
  if (year >= FIRST_MAY_DAY_YEAR)
    add_fixed_day_off (days, year, G_DATE_MAY, 1, "Första maj");
  add_day_off_after (days, &easter, 39, "Kristi himmelsfärdsdag");
  add_day_off_after (days, &easter, 49, "Pingstdagen");
  if (year <= LAST_WHIT_MONDAY_YEAR)
    add_day_off_after (days, &easter, 50, "Annandag pingst");
  if (year >= FIRST_NATIONAL_DAY_YEAR)
    add_fixed_day_off (days, year, G_DATE_JUNE, 6, "Sveriges nationaldag");
  add_day_off_after (days, &midsummer, -1, "Midsommarafton");
  add_day_off_after (days, &midsummer, 0, "Midsommardagen");
  add_day_off_after (days, &all_saints, 0, "Alla helgons dag");
  add_fixed_day_off (days, year, G_DATE_DECEMBER, 24, "Julafton");
  add_fixed_day_off (days, year, G_DATE_DECEMBER, 25, "Juldagen");
  add_fixed_day_off (days, year, G_DATE_DECEMBER, 26, "Annandag jul");
  add_fixed_day_off (days, year, G_DATE_DECEMBER, 31, "Nyårsafton");

  sort_and_merge (days);

  /* GDate fills in its other representation lazily, writing through const pointers: fill
   * both now, so that threads reading the shared list never write to it. */
  for (guint i = 0; i < days->len; i++)
    {
      GDate *date = &g_array_index (days, SpHoliday, i).date;

      (void) g_date_get_julian (date);
      (void) g_date_get_day (date);
    }

  return days;
}

/* Lock-free: readers never block, and two threads racing to fill a year both compute the
 * same list; the loser drops its copy. */
static GArray *
get_cached_days_off (int year)
{
  GArray **slot = &days_off_cache[year - SP_CALENDAR_MIN_YEAR];
  GArray *days = g_atomic_pointer_get (slot);

  if (days != NULL)
    return days;

  days = compute_days_off (year);
  if (!g_atomic_pointer_compare_and_exchange (slot, NULL, days))
    {
      g_array_unref (days);
      days = g_atomic_pointer_get (slot);
    }

  return days;
}

static const SpHoliday *
find_day_off (const GDate *date)
{
  GArray *days = get_cached_days_off (g_date_get_year (date));

  for (guint i = 0; i < days->len; i++)
    {
      const SpHoliday *holiday = &g_array_index (days, SpHoliday, i);
      int cmp = g_date_compare (&holiday->date, date);

      if (cmp == 0)
        return holiday;
      if (cmp > 0)
        break;
    }

  return NULL;
}

static GTimeSpan
get_time_since_midnight (GDateTime   *local,
                         const GDate *day)
{
  g_autoptr(GDateTime) midnight = sp_calendar_start_of_day (day);

  return g_date_time_difference (local, midnight);
}

static gboolean
is_supported_date (const GDate *date)
{
  return date != NULL &&
         g_date_valid (date) &&
         g_date_get_year (date) >= SP_CALENDAR_MIN_YEAR &&
         g_date_get_year (date) <= SP_CALENDAR_MAX_YEAR;
}

/**
 * sp_calendar_get_timezone:
 *
 * Every rule in Samplan runs on Swedish wall-clock time, whatever the machine's zone.
 * Aborts with a clear message if the system has no zone database (install tzdata).
 *
 * Returns: (transfer none): the Europe/Stockholm zone; do not unref it
 */
GTimeZone *
sp_calendar_get_timezone (void)
{
  static GTimeZone *zone = NULL;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *stockholm = g_time_zone_new_identifier ("Europe/Stockholm");

      if (stockholm == NULL)
        g_error ("Time zone Europe/Stockholm not found: install the tzdata package");

      g_once_init_leave (&zone, stockholm);
    }

  return zone;
}

/**
 * sp_calendar_dup_now:
 *
 * The one clock of server and app: the server stamps every notice with it, the app says
 * "dag 2" and "försenad" by it. Tests fix it with SAMPLAN_TEST_NOW (ISO 8601), read on every
 * call so that a test can move it.
 *
 * Returns: (transfer full): the current time, whole seconds, in Stockholm
 */
GDateTime *
sp_calendar_dup_now (void)
{
  const char *fixed = g_getenv ("SAMPLAN_TEST_NOW");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) whole = NULL;

  if (fixed != NULL && (now = g_date_time_new_from_iso8601 (fixed, NULL)) != NULL)
    return sp_calendar_to_local (now);

  now = g_date_time_new_now_utc ();
  whole = g_date_time_add (now, -(g_date_time_get_microsecond (now)));
  return sp_calendar_to_local (whole);
}

/**
 * sp_calendar_to_local:
 * @time: an instant, in any zone
 *
 * Returns: (transfer full): the same instant in Europe/Stockholm time
 */
GDateTime *
sp_calendar_to_local (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_to_timezone (time, sp_calendar_get_timezone ());
}

/**
 * sp_calendar_get_local_date:
 * @time: an instant, in any zone
 * @out_date: (out caller-allocates): the Stockholm calendar date of @time
 */
void
sp_calendar_get_local_date (GDateTime *time,
                            GDate     *out_date)
{
  g_autoptr(GDateTime) local = NULL;
  int year, month, day;

  g_return_if_fail (time != NULL);
  g_return_if_fail (out_date != NULL);

  local = sp_calendar_to_local (time);
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, day, month, year);
}

/**
 * sp_calendar_start_of_day:
 * @date: a valid date
 *
 * Returns: (transfer full): 00:00 Stockholm time on @date (Swedish DST never switches at
 *   midnight, so it always exists)
 */
GDateTime *
sp_calendar_start_of_day (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_date_time_new (sp_calendar_get_timezone (),
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date),
                          0, 0, 0);
}

/**
 * sp_calendar_get_easter_sunday:
 * @year: from %SP_CALENDAR_MIN_YEAR to %SP_CALENDAR_MAX_YEAR
 * @out_date: (out caller-allocates): Påskdagen of @year
 *
 * The Gregorian computus (the anonymous algorithm in Meeus, Astronomical Algorithms).
 */
void
sp_calendar_get_easter_sunday (int    year,
                               GDate *out_date)
{
  int a, b, c, d, e, f, g, h, i, k, l, m;

  g_return_if_fail (year >= SP_CALENDAR_MIN_YEAR && year <= SP_CALENDAR_MAX_YEAR);
  g_return_if_fail (out_date != NULL);

  a = year % 19;
  b = year / 100;
  c = year % 100;
  d = b / 4;
  e = b % 4;
  f = (b + 8) / 25;
  g = (b - f + 1) / 3;
  h = (19 * a + b - d - g + 15) % 30;
  i = c / 4;
  k = c % 4;
  l = (32 + 2 * e + 2 * i - h - k) % 7;
  m = (a + 11 * h + 22 * l) / 451;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date,
                  (h + l - 7 * m + 114) % 31 + 1,
                  (h + l - 7 * m + 114) / 31,
                  year);
}

/**
 * sp_calendar_get_days_off:
 * @year: from %SP_CALENDAR_MIN_YEAR to %SP_CALENDAR_MAX_YEAR
 *
 * The Swedish public holidays in force in @year (Lag 1989:253 and its predecessors) plus
 * the customary days off midsommarafton, julafton and nyårsafton. Days off that share a
 * date are one element with the names joined by ", ".
 *
 * Returns: (transfer full) (element-type SpHoliday): the days off sorted by date; free
 *   with g_array_unref()
 */
GArray *
sp_calendar_get_days_off (int year)
{
  g_return_val_if_fail (year >= SP_CALENDAR_MIN_YEAR && year <= SP_CALENDAR_MAX_YEAR, NULL);

  return g_array_copy (get_cached_days_off (year));
}

/**
 * sp_calendar_get_day_off_name:
 * @date: a valid date in the supported years
 *
 * Returns: (transfer none) (nullable): the Swedish name of the holiday or customary day off
 *   on @date, or %NULL; ordinary Saturdays and Sundays have no name
 */
const char *
sp_calendar_get_day_off_name (const GDate *date)
{
  const SpHoliday *holiday;

  g_return_val_if_fail (is_supported_date (date), NULL);

  holiday = find_day_off (date);

  return holiday != NULL ? holiday->name : NULL;
}

/**
 * sp_calendar_is_day_off:
 * @date: a valid date in the supported years
 *
 * Cheap after the first call for a year, and safe from any thread.
 *
 * Returns: whether @date is a Saturday, a Sunday or a day in sp_calendar_get_days_off()
 */
gboolean
sp_calendar_is_day_off (const GDate *date)
{
  GDateWeekday weekday;

  g_return_val_if_fail (is_supported_date (date), FALSE);

  weekday = g_date_get_weekday (date);
  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    return TRUE;

  return find_day_off (date) != NULL;
}

/**
 * sp_calendar_is_weekday:
 * @date: a valid date in the supported years
 *
 * Returns: whether @date is a weekday (vardag): not a day off
 */
gboolean
sp_calendar_is_weekday (const GDate *date)
{
  g_return_val_if_fail (is_supported_date (date), FALSE);

  return !sp_calendar_is_day_off (date);
}

/**
 * sp_calendar_count_weekdays:
 * @from: a valid date, not counted
 * @to: a valid date, counted
 *
 * Returns: the number of weekdays in (@from, @to]; 0 if @to is not after @from
 */
guint
sp_calendar_count_weekdays (const GDate *from,
                            const GDate *to)
{
  GDate day;
  guint n = 0;

  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  day = *from;
  for (g_date_add_days (&day, 1); g_date_compare (&day, to) <= 0; g_date_add_days (&day, 1))
    {
      if (sp_calendar_is_weekday (&day))
        n++;
    }

  return n;
}

/**
 * sp_calendar_add_weekday_hours:
 * @start: an instant, in any zone
 * @hours: how many hours of weekday time must pass
 *
 * Counts only time on Stockholm local days that are weekdays: sent Friday 15:00, 24 weekday
 * hours end Monday 15:00; sent on a Saturday or a holiday, the count starts at 00:00 of the
 * next weekday. The result is the earliest such instant, so a count that ends exactly at
 * midnight ends at 00:00 after the last weekday, not at the next weekday. @hours 0 is @start.
 *
 * Returns: (transfer full): the instant, in Europe/Stockholm time
 */
GDateTime *
sp_calendar_add_weekday_hours (GDateTime *start,
                               guint      hours)
{
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan remaining = (GTimeSpan) hours * G_TIME_SPAN_HOUR;
  GTimeSpan elapsed_today;
  GDate day;

  g_return_val_if_fail (start != NULL, NULL);

  local = sp_calendar_to_local (start);
  if (hours == 0)
    return g_steal_pointer (&local);

  sp_calendar_get_local_date (local, &day);
  elapsed_today = get_time_since_midnight (local, &day);

  /* Sweden switches DST on Sundays, never on a weekday, so every day that counts is 24 h
   * long and elapsed time from local midnight equals wall-clock time. */
  for (;;)
    {
      /* Past the supported years no day is a weekday: fail rather than loop for ever. */
      g_return_val_if_fail (is_supported_date (&day), NULL);

      if (sp_calendar_is_weekday (&day))
        {
          GTimeSpan left_today = G_TIME_SPAN_DAY - elapsed_today;

          if (remaining <= left_today)
            {
              g_autoptr(GDateTime) midnight = sp_calendar_start_of_day (&day);

              return g_date_time_add (midnight, elapsed_today + remaining);
            }
          remaining -= left_today;
        }

      g_date_add_days (&day, 1);
      elapsed_today = 0;
    }
}
