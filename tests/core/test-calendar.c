/* test-calendar.c — Stockholm time, Swedish days off, weekday counting
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-calendar.h"

/* Every expected value below was worked out by hand from a printed calendar and the rules
 * in sp-calendar.c; times are written as Stockholm wall-clock with their UTC offset. The
 * tests run with TZ=America/Sao_Paulo, so a rule that leaks the machine zone fails. */

typedef struct
{
  int         month;
  int         day;
  const char *name;
} DayOff;

static GDate
make_date (int year,
           int month,
           int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return date;
}

static GDateTime *
parse_time (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);

  return time;
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autofree char *iso = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");

  g_assert_cmpstr (iso, ==, expected);
}

static void
assert_date (const GDate *date,
             int          year,
             int          month,
             int          day)
{
  g_autofree char *got = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                                          g_date_get_month (date), g_date_get_day (date));
  g_autofree char *want = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  g_assert_cmpstr (got, ==, want);
}

static void
assert_days_off (int           year,
                 const DayOff *expected,
                 guint         n_expected)
{
  g_autoptr(GArray) days = sp_calendar_get_days_off (year);

  for (guint i = 0; i < MIN (days->len, n_expected); i++)
    {
      const SpHoliday *holiday = &g_array_index (days, SpHoliday, i);

      assert_date (&holiday->date, year, expected[i].month, expected[i].day);
      g_assert_cmpstr (holiday->name, ==, expected[i].name);
    }
  g_assert_cmpuint (days->len, ==, n_expected);
}

static void
test_timezone (void)
{
  GTimeZone *zone = sp_calendar_get_timezone ();
  g_autoptr(GDateTime) winter = parse_time ("2026-01-15T12:00:00Z");
  g_autoptr(GDateTime) summer = parse_time ("2026-07-15T12:00:00Z");
  g_autoptr(GDateTime) local_winter = sp_calendar_to_local (winter);
  g_autoptr(GDateTime) local_summer = sp_calendar_to_local (summer);

  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Stockholm");
  g_assert_true (zone == sp_calendar_get_timezone ());

  assert_time (local_winter, "2026-01-15T13:00:00+01:00");
  assert_time (local_summer, "2026-07-15T14:00:00+02:00");
  g_assert_true (g_date_time_equal (local_winter, winter));
}

static void
test_local_date (void)
{
  /* Instants near midnight, where Stockholm and São Paulo (UTC−3) disagree on the date. */
  static const struct
  {
    const char *instant;
    int         year, month, day;
  } cases[] = {
    { "2026-01-15T22:59:59Z", 2026, 1, 15 },        /* 23:59:59 CET */
    { "2026-01-15T23:00:00Z", 2026, 1, 16 },        /* 00:00 CET */
    { "2026-07-15T21:59:59Z", 2026, 7, 15 },        /* 23:59:59 CEST */
    { "2026-07-15T22:00:00Z", 2026, 7, 16 },        /* 00:00 CEST */
    { "2026-12-31T23:30:00Z", 2027, 1, 1 },         /* new year in Stockholm */
    { "2026-01-15T21:00:00-03:00", 2026, 1, 16 },   /* São Paulo evening: Stockholm 01:00 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) time = parse_time (cases[i].instant);
      GDate date;

      sp_calendar_get_local_date (time, &date);
      assert_date (&date, cases[i].year, cases[i].month, cases[i].day);
    }
}

static void
test_start_of_day (void)
{
  static const struct
  {
    int         year, month, day;
    const char *expected;
  } cases[] = {
    { 2026, 1, 15, "2026-01-15T00:00:00+01:00" },
    { 2026, 7, 15, "2026-07-15T00:00:00+02:00" },
    { 2026, 3, 29, "2026-03-29T00:00:00+01:00" },   /* spring forward later that night */
    { 2026, 3, 30, "2026-03-30T00:00:00+02:00" },
    { 2026, 10, 25, "2026-10-25T00:00:00+02:00" },  /* fall back later that night */
    { 2026, 10, 26, "2026-10-26T00:00:00+01:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date = make_date (cases[i].year, cases[i].month, cases[i].day);
      g_autoptr(GDateTime) start = sp_calendar_start_of_day (&date);

      assert_time (start, cases[i].expected);
    }
}

/* A second, independent computus (Oudin's, as given by Claus Tøndering): C integer
 * division throughout, as in the published algorithm. */
static GDate
get_easter_oudin (int year)
{
  int g = year % 19;
  int c = year / 100;
  int h = (c - c / 4 - (8 * c + 13) / 25 + 19 * g + 15) % 30;
  int i = h - (h / 28) * (1 - (29 / (h + 1)) * ((21 - g) / 11));
  int j = (year + year / 4 + i + 2 - c + c / 4) % 7;
  int l = i - j;
  int month = 3 + (l + 40) / 44;

  return make_date (year, month, l + 28 - 31 * (month / 4));
}

static void
test_easter (void)
{
  /* Published Easter Sundays, spanning the whole supported range and both extremes
   * (22 March is the earliest possible, 25 April the latest). */
  static const struct
  {
    int year, month, day;
  } cases[] = {
    { 1900, 4, 15 }, { 1910, 3, 27 }, { 1940, 3, 24 }, { 1943, 4, 25 }, { 1951, 3, 25 },
    { 1961, 4, 2 }, { 2000, 4, 23 }, { 2004, 4, 11 }, { 2005, 3, 27 }, { 2008, 3, 23 },
    { 2011, 4, 24 }, { 2019, 4, 21 }, { 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 },
    { 2038, 4, 25 }, { 2049, 4, 18 }, { 2100, 3, 28 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate easter;

      sp_calendar_get_easter_sunday (cases[i].year, &easter);
      assert_date (&easter, cases[i].year, cases[i].month, cases[i].day);
      g_assert_cmpint (g_date_get_weekday (&easter), ==, G_DATE_SUNDAY);
    }

  for (int year = SP_CALENDAR_MIN_YEAR; year <= SP_CALENDAR_MAX_YEAR; year++)
    {
      GDate easter;
      GDate expected = get_easter_oudin (year);

      sp_calendar_get_easter_sunday (year, &easter);
      g_assert_cmpint (g_date_compare (&easter, &expected), ==, 0);
    }
}

static void
test_days_off_2024 (void)
{
  /* Easter 31 March; midsommardagen Saturday 22 June; alla helgons dag 2 November. */
  static const DayOff expected[] = {
    { 1, 1, "Nyårsdagen" },
    { 1, 6, "Trettondedag jul" },
    { 3, 29, "Långfredagen" },
    { 3, 31, "Påskdagen" },
    { 4, 1, "Annandag påsk" },
    { 5, 1, "Första maj" },
    { 5, 9, "Kristi himmelsfärdsdag" },
    { 5, 19, "Pingstdagen" },
    { 6, 6, "Sveriges nationaldag" },
    { 6, 21, "Midsommarafton" },
    { 6, 22, "Midsommardagen" },
    { 11, 2, "Alla helgons dag" },
    { 12, 24, "Julafton" },
    { 12, 25, "Juldagen" },
    { 12, 26, "Annandag jul" },
    { 12, 31, "Nyårsafton" },
  };

  assert_days_off (2024, expected, G_N_ELEMENTS (expected));
}

static void
test_days_off_2025 (void)
{
  /* Easter 20 April: Pingstdagen (8 June) comes after the national day. */
  static const DayOff expected[] = {
    { 1, 1, "Nyårsdagen" },
    { 1, 6, "Trettondedag jul" },
    { 4, 18, "Långfredagen" },
    { 4, 20, "Påskdagen" },
    { 4, 21, "Annandag påsk" },
    { 5, 1, "Första maj" },
    { 5, 29, "Kristi himmelsfärdsdag" },
    { 6, 6, "Sveriges nationaldag" },
    { 6, 8, "Pingstdagen" },
    { 6, 20, "Midsommarafton" },
    { 6, 21, "Midsommardagen" },
    { 11, 1, "Alla helgons dag" },
    { 12, 24, "Julafton" },
    { 12, 25, "Juldagen" },
    { 12, 26, "Annandag jul" },
    { 12, 31, "Nyårsafton" },
  };

  assert_days_off (2025, expected, G_N_ELEMENTS (expected));
}

static void
test_days_off_2026 (void)
{
  /* Easter 5 April. Midsommardagen 20 June and alla helgons dag 31 October: both on the
   * first day of their window. */
  static const DayOff expected[] = {
    { 1, 1, "Nyårsdagen" },
    { 1, 6, "Trettondedag jul" },
    { 4, 3, "Långfredagen" },
    { 4, 5, "Påskdagen" },
    { 4, 6, "Annandag påsk" },
    { 5, 1, "Första maj" },
    { 5, 14, "Kristi himmelsfärdsdag" },
    { 5, 24, "Pingstdagen" },
    { 6, 6, "Sveriges nationaldag" },
    { 6, 19, "Midsommarafton" },
    { 6, 20, "Midsommardagen" },
    { 10, 31, "Alla helgons dag" },
    { 12, 24, "Julafton" },
    { 12, 25, "Juldagen" },
    { 12, 26, "Annandag jul" },
    { 12, 31, "Nyårsafton" },
  };

  assert_days_off (2026, expected, G_N_ELEMENTS (expected));
}

static void
test_days_off_2004 (void)
{
  /* The last year with annandag pingst and without the national day. Midsommardagen 26
   * June and alla helgons dag 6 November: both on the last day of their window. */
  static const DayOff expected[] = {
    { 1, 1, "Nyårsdagen" },
    { 1, 6, "Trettondedag jul" },
    { 4, 9, "Långfredagen" },
    { 4, 11, "Påskdagen" },
    { 4, 12, "Annandag påsk" },
    { 5, 1, "Första maj" },
    { 5, 20, "Kristi himmelsfärdsdag" },
    { 5, 30, "Pingstdagen" },
    { 5, 31, "Annandag pingst" },
    { 6, 25, "Midsommarafton" },
    { 6, 26, "Midsommardagen" },
    { 11, 6, "Alla helgons dag" },
    { 12, 24, "Julafton" },
    { 12, 25, "Juldagen" },
    { 12, 26, "Annandag jul" },
    { 12, 31, "Nyårsafton" },
  };

  assert_days_off (2004, expected, G_N_ELEMENTS (expected));
}

static void
test_days_off_2005 (void)
{
  /* The first year with the national day; Pingstdagen 15 May has no annandag. */
  static const DayOff expected[] = {
    { 1, 1, "Nyårsdagen" },
    { 1, 6, "Trettondedag jul" },
    { 3, 25, "Långfredagen" },
    { 3, 27, "Påskdagen" },
    { 3, 28, "Annandag påsk" },
    { 5, 1, "Första maj" },
    { 5, 5, "Kristi himmelsfärdsdag" },
    { 5, 15, "Pingstdagen" },
    { 6, 6, "Sveriges nationaldag" },
    { 6, 24, "Midsommarafton" },
    { 6, 25, "Midsommardagen" },
    { 11, 5, "Alla helgons dag" },
    { 12, 24, "Julafton" },
    { 12, 25, "Juldagen" },
    { 12, 26, "Annandag jul" },
    { 12, 31, "Nyårsafton" },
  };

  assert_days_off (2005, expected, G_N_ELEMENTS (expected));
}

static void
test_days_off_coinciding (void)
{
  /* 2008: Easter 23 March, so Kristi himmelsfärdsdag (+39) falls on 1 May. */
  static const DayOff expected_2008[] = {
    { 1, 1, "Nyårsdagen" },
    { 1, 6, "Trettondedag jul" },
    { 3, 21, "Långfredagen" },
    { 3, 23, "Påskdagen" },
    { 3, 24, "Annandag påsk" },
    { 5, 1, "Första maj, Kristi himmelsfärdsdag" },
    { 5, 11, "Pingstdagen" },
    { 6, 6, "Sveriges nationaldag" },
    { 6, 20, "Midsommarafton" },
    { 6, 21, "Midsommardagen" },
    { 11, 1, "Alla helgons dag" },
    { 12, 24, "Julafton" },
    { 12, 25, "Juldagen" },
    { 12, 26, "Annandag jul" },
    { 12, 31, "Nyårsafton" },
  };
  /* 2049: Easter 18 April, so Pingstdagen (+49) is 6 June, the national day (also 2055,
   * 2060). Midsommardagen 26 June, alla helgons dag 6 November. */
  static const DayOff expected_2049[] = {
    { 1, 1, "Nyårsdagen" },
    { 1, 6, "Trettondedag jul" },
    { 4, 16, "Långfredagen" },
    { 4, 18, "Påskdagen" },
    { 4, 19, "Annandag påsk" },
    { 5, 1, "Första maj" },
    { 5, 27, "Kristi himmelsfärdsdag" },
    { 6, 6, "Pingstdagen, Sveriges nationaldag" },
    { 6, 25, "Midsommarafton" },
    { 6, 26, "Midsommardagen" },
    { 11, 6, "Alla helgons dag" },
    { 12, 24, "Julafton" },
    { 12, 25, "Juldagen" },
    { 12, 26, "Annandag jul" },
    { 12, 31, "Nyårsafton" },
  };

  assert_days_off (2008, expected_2008, G_N_ELEMENTS (expected_2008));
  assert_days_off (2049, expected_2049, G_N_ELEMENTS (expected_2049));
}

static void
test_days_off_before_1953 (void)
{
  /* 1951: old calendar (kyndelsmässodagen, Marie bebådelsedag, midsommar 24 June,
   * alla helgons dag 1 November, annandag pingst), Första maj since 1939, and Easter on
   * 25 March, Marie bebådelsedag. */
  static const DayOff expected_1951[] = {
    { 1, 1, "Nyårsdagen" },
    { 1, 6, "Trettondedag jul" },
    { 2, 2, "Kyndelsmässodagen" },
    { 3, 23, "Långfredagen" },
    { 3, 25, "Marie bebådelsedag, Påskdagen" },
    { 3, 26, "Annandag påsk" },
    { 5, 1, "Första maj" },
    { 5, 3, "Kristi himmelsfärdsdag" },
    { 5, 13, "Pingstdagen" },
    { 5, 14, "Annandag pingst" },
    { 6, 23, "Midsommarafton" },
    { 6, 24, "Midsommardagen" },
    { 11, 1, "Alla helgons dag" },
    { 12, 24, "Julafton" },
    { 12, 25, "Juldagen" },
    { 12, 26, "Annandag jul" },
    { 12, 31, "Nyårsafton" },
  };
  /* 1900: the first supported year; no Första maj yet. Easter 15 April. */
  static const DayOff expected_1900[] = {
    { 1, 1, "Nyårsdagen" },
    { 1, 6, "Trettondedag jul" },
    { 2, 2, "Kyndelsmässodagen" },
    { 3, 25, "Marie bebådelsedag" },
    { 4, 13, "Långfredagen" },
    { 4, 15, "Påskdagen" },
    { 4, 16, "Annandag påsk" },
    { 5, 24, "Kristi himmelsfärdsdag" },
    { 6, 3, "Pingstdagen" },
    { 6, 4, "Annandag pingst" },
    { 6, 23, "Midsommarafton" },
    { 6, 24, "Midsommardagen" },
    { 11, 1, "Alla helgons dag" },
    { 12, 24, "Julafton" },
    { 12, 25, "Juldagen" },
    { 12, 26, "Annandag jul" },
    { 12, 31, "Nyårsafton" },
  };

  assert_days_off (1951, expected_1951, G_N_ELEMENTS (expected_1951));
  assert_days_off (1900, expected_1900, G_N_ELEMENTS (expected_1900));
}

static void
test_days_off_edges (void)
{
  /* Rule boundaries: date → name (NULL: not a day off, or an unnamed weekend day). */
  static const struct
  {
    int         year, month, day;
    const char *name;
  } cases[] = {
    { 1910, 3, 25, "Marie bebådelsedag, Långfredagen" },   /* Easter 27 March */
    { 1940, 3, 25, "Marie bebådelsedag, Annandag påsk" },  /* Easter 24 March */
    { 1938, 5, 1, NULL },                                  /* a Sunday, before Första maj */
    { 1939, 5, 1, "Första maj" },
    { 1952, 2, 2, "Kyndelsmässodagen" },
    { 1953, 2, 2, NULL },                                  /* moved to a Sunday from 1953 */
    { 1953, 3, 25, NULL },
    { 1952, 6, 23, "Midsommarafton" },                     /* a Monday */
    { 1952, 6, 24, "Midsommardagen" },                     /* a Tuesday */
    { 1953, 6, 19, "Midsommarafton" },
    { 1953, 6, 20, "Midsommardagen" },                     /* first Saturday rule year */
    { 1953, 6, 24, NULL },
    { 1953, 10, 31, "Alla helgons dag" },
    { 1953, 11, 1, NULL },                                 /* a Sunday */
    { 1954, 6, 26, "Midsommardagen" },                     /* last day of the window */
    { 2004, 5, 31, "Annandag pingst" },
    { 2004, 6, 7, NULL },                                  /* a Monday: no national day */
    { 2005, 5, 16, NULL },                                 /* Monday after Pingst */
    { 2005, 6, 6, "Sveriges nationaldag" },
    { 2026, 6, 6, "Sveriges nationaldag" },                /* named although a Saturday */
    { 2026, 1, 10, NULL },                                 /* an ordinary Saturday */
    { 2026, 1, 12, NULL },                                 /* an ordinary Monday */
    { 2100, 3, 26, "Långfredagen" },
    { 2100, 12, 31, "Nyårsafton" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date = make_date (cases[i].year, cases[i].month, cases[i].day);

      g_assert_cmpstr (sp_calendar_get_day_off_name (&date), ==, cases[i].name);
    }
}

static guint
count_names (const char *joined)
{
  g_auto(GStrv) names = g_strsplit (joined, ", ", -1);

  return g_strv_length (names);
}

static void
test_days_off_every_year (void)
{
  for (int year = SP_CALENDAR_MIN_YEAR; year <= SP_CALENDAR_MAX_YEAR; year++)
    {
      g_autoptr(GArray) days = sp_calendar_get_days_off (year);
      guint n_names = 0;
      guint expected;

      /* 17 before Första maj (1939); 18 until the 1953 reform removed two; then 16
       * (annandag pingst until 2004, the national day from 2005). */
      if (year < 1939)
        expected = 17;
      else if (year < 1953)
        expected = 18;
      else
        expected = 16;

      for (guint i = 0; i < days->len; i++)
        {
          const SpHoliday *holiday = &g_array_index (days, SpHoliday, i);

          g_assert_cmpint (g_date_get_year (&holiday->date), ==, year);
          g_assert_true (sp_calendar_is_day_off (&holiday->date));
          g_assert_cmpstr (sp_calendar_get_day_off_name (&holiday->date), ==, holiday->name);
          if (i > 0)
            {
              const SpHoliday *previous = &g_array_index (days, SpHoliday, i - 1);

              g_assert_cmpint (g_date_compare (&previous->date, &holiday->date), <, 0);
            }
          n_names += count_names (holiday->name);
        }

      g_assert_cmpuint (n_names, ==, expected);
      g_assert_cmpuint (days->len, <=, expected);
      g_assert_cmpuint (days->len, >=, expected - 1);
    }
}

static void
test_days_off_range (void)
{
  GDate before = make_date (1899, 12, 31);
  GDate after = make_date (2101, 1, 1);
  g_autoptr(GDateTime) last = parse_time ("2100-12-31T10:00:00+01:00");

  g_test_expect_message ("sp-calendar", G_LOG_LEVEL_CRITICAL, "*year >= SP_CALENDAR_MIN_YEAR*");
  g_assert_null (sp_calendar_get_days_off (1899));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-calendar", G_LOG_LEVEL_CRITICAL, "*year <= SP_CALENDAR_MAX_YEAR*");
  g_assert_null (sp_calendar_get_days_off (2101));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-calendar", G_LOG_LEVEL_CRITICAL, "*is_supported_date*");
  g_assert_false (sp_calendar_is_day_off (&before));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-calendar", G_LOG_LEVEL_CRITICAL, "*is_supported_date*");
  g_assert_null (sp_calendar_get_day_off_name (&after));
  g_test_assert_expected_messages ();

  /* Nyårsafton 2100: the next weekday is past the supported range. */
  g_test_expect_message ("sp-calendar", G_LOG_LEVEL_CRITICAL, "*is_supported_date*");
  g_assert_null (sp_calendar_add_weekday_hours (last, 24));
  g_test_assert_expected_messages ();
}

static void
test_is_day_off (void)
{
  static const struct
  {
    int      year, month, day;
    gboolean day_off;
  } cases[] = {
    { 2026, 1, 9, FALSE },    /* Friday */
    { 2026, 1, 10, TRUE },    /* Saturday */
    { 2026, 1, 11, TRUE },    /* Sunday */
    { 2026, 1, 12, FALSE },   /* Monday */
    { 2026, 1, 6, TRUE },     /* Trettondedag jul, a Tuesday */
    { 2026, 4, 3, TRUE },     /* Långfredagen */
    { 2026, 4, 6, TRUE },     /* Annandag påsk */
    { 2026, 4, 7, FALSE },    /* Tuesday after Easter */
    { 2026, 6, 19, TRUE },    /* Midsommarafton, customary */
    { 2026, 12, 24, TRUE },   /* Julafton, customary */
    { 2026, 12, 31, TRUE },   /* Nyårsafton, customary */
    { 2026, 12, 30, FALSE },  /* Wednesday between the holidays */
    { 2004, 5, 31, TRUE },    /* Annandag pingst */
    { 2026, 5, 25, FALSE },   /* Monday after Pingst: no longer a holiday */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date = make_date (cases[i].year, cases[i].month, cases[i].day);

      g_assert_cmpint (sp_calendar_is_day_off (&date), ==, cases[i].day_off);
      g_assert_cmpint (sp_calendar_is_weekday (&date), ==, !cases[i].day_off);
    }
}

static void
test_count_weekdays (void)
{
  /* Weekdays in (from, to]: @from never counts, @to does. */
  static const struct
  {
    int   from_year, from_month, from_day;
    int   to_year, to_month, to_day;
    guint expected;
  } cases[] = {
    /* Easter 2026: Fri 3 off, Sat, Sun, Mon 6 off, Tue 7 counts. */
    { 2026, 4, 2, 2026, 4, 7, 1 },
    /* Christmas and New Year: 29, 30 Dec, 2, 5, 7 Jan count; 24–26, 31 Dec, 1, 6 Jan off. */
    { 2025, 12, 23, 2026, 1, 7, 5 },
    /* Midsommar 2026: Thu 18 counts, Fri 19 off, weekend, Mon 22 counts. */
    { 2026, 6, 17, 2026, 6, 22, 2 },
    /* Year end: Tue 31 Dec and Wed 1 Jan off, Thu 2 Jan counts. */
    { 2024, 12, 30, 2025, 1, 2, 1 },
    /* All of 2026: 261 Monday–Fridays minus 10 days off on them (1, 6 Jan, 3, 6 Apr, 1, 14
     * May, 19 Jun, 24, 25, 31 Dec). */
    { 2025, 12, 31, 2026, 12, 31, 251 },
    /* An ordinary week, Friday to Friday. */
    { 2026, 2, 27, 2026, 3, 6, 5 },
    { 2026, 1, 12, 2026, 1, 13, 1 },   /* Monday → Tuesday */
    { 2026, 1, 16, 2026, 1, 17, 0 },   /* Friday → Saturday */
    { 2026, 1, 12, 2026, 1, 12, 0 },   /* same day */
    { 2026, 1, 13, 2026, 1, 12, 0 },   /* reversed */
    { 2026, 12, 31, 2026, 1, 1, 0 },   /* reversed over a year */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate from = make_date (cases[i].from_year, cases[i].from_month, cases[i].from_day);
      GDate to = make_date (cases[i].to_year, cases[i].to_month, cases[i].to_day);

      g_assert_cmpuint (sp_calendar_count_weekdays (&from, &to), ==, cases[i].expected);
    }
}

static void
test_add_weekday_hours (void)
{
  static const struct
  {
    const char *start;
    guint       hours;
    const char *expected;
  } cases[] = {
    /* Friday afternoon: 9 h on Friday, the rest on Monday. */
    { "2026-01-16T15:00:00+01:00", 24, "2026-01-19T15:00:00+01:00" },
    /* Saturday: counting starts Monday 00:00. */
    { "2026-01-17T10:00:00+01:00", 24, "2026-01-20T00:00:00+01:00" },
    /* Thursday before midsommarafton (off), then the weekend. */
    { "2026-06-18T15:00:00+02:00", 24, "2026-06-22T15:00:00+02:00" },
    /* Day before julafton: 24–28 Dec are all off in 2025. */
    { "2025-12-23T10:00:00+01:00", 24, "2025-12-29T10:00:00+01:00" },
    /* Sent on a holiday (Trettondedag jul, Tuesday): counts from Wednesday 00:00. */
    { "2026-01-06T09:00:00+01:00", 24, "2026-01-08T00:00:00+01:00" },
    /* Easter: Långfredagen and Annandag påsk are off, so Thursday → Tuesday. */
    { "2026-04-02T15:00:00+02:00", 24, "2026-04-07T15:00:00+02:00" },
    /* Year end: Nyårsafton and Nyårsdagen off. */
    { "2024-12-30T12:00:00+01:00", 24, "2025-01-02T12:00:00+01:00" },
    /* DST starts Sunday 29 March 2026: same wall-clock time on Monday. */
    { "2026-03-27T15:00:00+01:00", 24, "2026-03-30T15:00:00+02:00" },
    /* DST ends Sunday 25 October 2026: same wall-clock time on Monday. */
    { "2026-10-23T15:00:00+02:00", 24, "2026-10-26T15:00:00+01:00" },
    /* Ending exactly at midnight: the end of Friday, not Monday 00:00. */
    { "2026-01-16T00:00:00+01:00", 24, "2026-01-17T00:00:00+01:00" },
    /* Half an hour left on Friday, half an hour on Monday. */
    { "2026-01-16T23:30:00+01:00", 1, "2026-01-19T00:30:00+01:00" },
    /* Several days. */
    { "2026-01-14T08:30:00+01:00", 48, "2026-01-16T08:30:00+01:00" },
    { "2026-01-15T08:30:00+01:00", 72, "2026-01-20T08:30:00+01:00" },
    /* Zero hours: the start itself, even on a Saturday. */
    { "2026-01-17T10:00:00+01:00", 0, "2026-01-17T10:00:00+01:00" },
    /* Given in UTC: Friday 15:00 in Stockholm. */
    { "2026-01-16T14:00:00Z", 24, "2026-01-19T15:00:00+01:00" },
    /* Friday evening in São Paulo is already Saturday 01:30 in Stockholm. */
    { "2026-01-16T21:30:00-03:00", 24, "2026-01-20T00:00:00+01:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) start = parse_time (cases[i].start);
      g_autoptr(GDateTime) due = sp_calendar_add_weekday_hours (start, cases[i].hours);

      assert_time (due, cases[i].expected);
    }
}

static gpointer
count_days_off_thread (gpointer data)
{
  GDate date = make_date (SP_CALENDAR_MIN_YEAR, 1, 1);
  gsize n = 0;

  while (g_date_get_year (&date) <= SP_CALENDAR_MAX_YEAR)
    {
      if (sp_calendar_is_day_off (&date))
        n++;
      g_date_add_days (&date, 1);
    }

  return GSIZE_TO_POINTER (n);
}

static void
test_threads (void)
{
  /* The per-year cache is filled lazily: threads racing on cold years must all agree. */
  GThread *threads[8];
  gsize expected;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("days-off", count_days_off_thread, NULL);

  expected = GPOINTER_TO_SIZE (count_days_off_thread (NULL));
  g_assert_cmpuint (expected, >, 201 * 104);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_thread_join (threads[i])), ==, expected);
}

/* The clock tests fix: SAMPLAN_TEST_NOW, read on every call, shown in Stockholm time; without
 * it the real time in whole seconds. */
static void
test_dup_now (void)
{
  g_autoptr(GDateTime) fixed = NULL;
  g_autoptr(GDateTime) moved = NULL;
  g_autoptr(GDateTime) real = NULL;

  g_setenv ("SAMPLAN_TEST_NOW", "2030-03-11T10:59:59Z", TRUE);
  fixed = sp_calendar_dup_now ();
  g_assert_cmpint (g_date_time_get_hour (fixed), ==, 11);   /* CET, UTC+1 */
  g_assert_cmpint (g_date_time_get_minute (fixed), ==, 59);
  g_assert_cmpint (g_date_time_get_utc_offset (fixed) / G_TIME_SPAN_HOUR, ==, 1);

  g_setenv ("SAMPLAN_TEST_NOW", "2030-07-01T10:00:00Z", TRUE);
  moved = sp_calendar_dup_now ();
  g_assert_cmpint (g_date_time_get_hour (moved), ==, 12);   /* CEST, UTC+2 */

  g_unsetenv ("SAMPLAN_TEST_NOW");
  real = sp_calendar_dup_now ();
  g_assert_cmpint (g_date_time_get_microsecond (real), ==, 0);
  g_assert_cmpint (g_date_time_get_year (real), >=, 2026);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Before anything else, so that the threads find the cache cold. */
  g_test_add_func ("/core/calendar/threads", test_threads);
  g_test_add_func ("/core/calendar/timezone", test_timezone);
  g_test_add_func ("/core/calendar/local-date", test_local_date);
  g_test_add_func ("/core/calendar/start-of-day", test_start_of_day);
  g_test_add_func ("/core/calendar/easter", test_easter);
  g_test_add_func ("/core/calendar/days-off-2024", test_days_off_2024);
  g_test_add_func ("/core/calendar/days-off-2025", test_days_off_2025);
  g_test_add_func ("/core/calendar/days-off-2026", test_days_off_2026);
  g_test_add_func ("/core/calendar/days-off-2004", test_days_off_2004);
  g_test_add_func ("/core/calendar/days-off-2005", test_days_off_2005);
  g_test_add_func ("/core/calendar/days-off-coinciding", test_days_off_coinciding);
  g_test_add_func ("/core/calendar/days-off-before-1953", test_days_off_before_1953);
  g_test_add_func ("/core/calendar/days-off-edges", test_days_off_edges);
  g_test_add_func ("/core/calendar/days-off-every-year", test_days_off_every_year);
  g_test_add_func ("/core/calendar/days-off-range", test_days_off_range);
  g_test_add_func ("/core/calendar/is-day-off", test_is_day_off);
  g_test_add_func ("/core/calendar/count-weekdays", test_count_weekdays);
  g_test_add_func ("/core/calendar/add-weekday-hours", test_add_weekday_hours);
  g_test_add_func ("/core/calendar/dup-now", test_dup_now);

  return g_test_run ();
}
