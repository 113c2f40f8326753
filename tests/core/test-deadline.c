/* test-deadline.c — day 0, days after ready and the due time of every clock
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-deadline.h"
#include "sp-enum-types.h"

/* Expected values are worked out by hand from DOMAIN.md §5 and §7 and a 2026 calendar
 * (Easter 5 April; DST from 29 March to 25 October). Times are Stockholm wall-clock with
 * their offset; the tests run with TZ=America/Sao_Paulo. */

#define VGR (1 << SP_REGION_VGR)
#define STO (1 << SP_REGION_STOCKHOLM)
#define VAB (1 << SP_REGION_VASTERBOTTEN)
#define ALL (VGR | STO | VAB)

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

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
test_day0 (void)
{
  static const struct
  {
    const char *sent;
    int         year, month, day;
  } cases[] = {
    /* Winter (UTC+1): 10:59:59Z is 11:59:59, 11:00:00Z is 12:00:00 in Stockholm. */
    { "2026-01-15T10:59:59Z", 2026, 1, 15 },
    { "2026-01-15T11:00:00Z", 2026, 1, 16 },
    /* Summer (UTC+2). */
    { "2026-07-15T09:59:59Z", 2026, 7, 15 },
    { "2026-07-15T10:00:00Z", 2026, 7, 16 },
    /* Spring-forward day: 01:59:59 CET and 03:00:00 CEST are both morning; noon is CEST,
     * so a UTC+1 reading would put 10:00Z (12:00 CEST) before noon. */
    { "2026-03-29T00:59:59Z", 2026, 3, 29 },
    { "2026-03-29T01:00:00Z", 2026, 3, 29 },
    { "2026-03-29T09:59:59Z", 2026, 3, 29 },
    { "2026-03-29T10:00:00Z", 2026, 3, 30 },
    /* Fall-back day: 02:30 happens twice, both morning; noon is CET again (11:00Z). */
    { "2026-10-25T00:30:00Z", 2026, 10, 25 },
    { "2026-10-25T01:30:00Z", 2026, 10, 25 },
    { "2026-10-25T10:59:59Z", 2026, 10, 25 },
    { "2026-10-25T11:00:00Z", 2026, 10, 26 },
    /* Year end: noon on 31 December makes 1 January of the next year day 0. */
    { "2026-12-31T10:59:59Z", 2026, 12, 31 },
    { "2026-12-31T11:00:00Z", 2027, 1, 1 },
    /* Late evening: 23:30Z is 00:30 the next day in Stockholm, a morning. */
    { "2026-01-15T23:30:00Z", 2026, 1, 16 },
    /* São Paulo 08:59:59 is Stockholm 12:59:59; São Paulo 07:59:59 is 11:59:59. */
    { "2026-01-15T08:59:59-03:00", 2026, 1, 16 },
    { "2026-01-15T07:59:59-03:00", 2026, 1, 15 },
    /* Given in Stockholm time directly. */
    { "2026-04-02T11:59:59+02:00", 2026, 4, 2 },
    { "2026-04-02T12:00:00+02:00", 2026, 4, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) sent = parse_time (cases[i].sent);
      GDate day0;

      g_test_message ("ready sent %s", cases[i].sent);
      sp_deadline_get_day0 (sent, &day0);
      g_assert_cmpint (g_date_get_year (&day0), ==, cases[i].year);
      g_assert_cmpint (g_date_get_month (&day0), ==, cases[i].month);
      g_assert_cmpint (g_date_get_day (&day0), ==, cases[i].day);
    }
}

static void
test_days_after_ready (void)
{
  static const struct
  {
    int day0_year, day0_month, day0_day;
    int until_year, until_month, until_day;
    int expected;
  } cases[] = {
    { 2026, 3, 27, 2026, 3, 27, 0 },    /* home on day 0 */
    { 2026, 3, 27, 2026, 3, 30, 3 },    /* calendar days, over a weekend and DST */
    { 2026, 4, 2, 2026, 4, 7, 5 },      /* holidays count like any day */
    { 2026, 12, 30, 2027, 1, 2, 3 },    /* over the year end */
    { 2024, 2, 28, 2024, 3, 1, 2 },     /* leap day */
    { 2026, 3, 27, 2026, 3, 26, 0 },    /* invalid data, clamped at 0 */
    { 2026, 3, 27, 2025, 3, 27, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate day0 = make_date (cases[i].day0_year, cases[i].day0_month, cases[i].day0_day);
      GDate until = make_date (cases[i].until_year, cases[i].until_month, cases[i].until_day);

      g_assert_cmpint (sp_deadline_days_after_ready (&day0, &until), ==, cases[i].expected);
    }
}

static void
test_due (void)
{
  static const struct
  {
    guint       regions;
    SpClock     clock;
    const char *start;
    const char *expected;
  } cases[] = {
    /* Admission notice: 24 real hours, so one more wall-clock hour over spring forward
     * and one less over fall back. */
    { ALL, SP_CLOCK_ADMISSION_NOTICE_SENT,
      "2026-01-15T10:00:00+01:00", "2026-01-16T10:00:00+01:00" },
    { ALL, SP_CLOCK_ADMISSION_NOTICE_SENT,
      "2026-03-28T10:00:00+01:00", "2026-03-29T11:00:00+02:00" },
    { ALL, SP_CLOCK_ADMISSION_NOTICE_SENT,
      "2026-10-24T10:00:00+02:00", "2026-10-25T09:00:00+01:00" },
    /* Saturday admission: still 24 real hours. */
    { ALL, SP_CLOCK_ADMISSION_NOTICE_SENT,
      "2026-01-17T10:00:00+01:00", "2026-01-18T10:00:00+01:00" },

    /* Acknowledgement: weekday hours in Stockholm, all days elsewhere. Friday 15:00: */
    { STO, SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED,
      "2026-01-16T15:00:00+01:00", "2026-01-19T15:00:00+01:00" },
    { VGR | VAB, SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED,
      "2026-01-16T15:00:00+01:00", "2026-01-17T15:00:00+01:00" },
    /* Thursday before Easter, 13:00: Stockholm waits for Tuesday. */
    { STO, SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED,
      "2026-04-02T13:00:00+02:00", "2026-04-07T13:00:00+02:00" },
    { VGR | VAB, SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED,
      "2026-04-02T13:00:00+02:00", "2026-04-03T13:00:00+02:00" },

    /* Care contact: 24 weekday hours in every profile. */
    { ALL, SP_CLOCK_CARE_CONTACT_NAMED,
      "2026-01-16T15:00:00+01:00", "2026-01-19T15:00:00+01:00" },
    { ALL, SP_CLOCK_CARE_CONTACT_NAMED,
      "2026-04-02T13:00:00+02:00", "2026-04-07T13:00:00+02:00" },
    { ALL, SP_CLOCK_CARE_CONTACT_NAMED,
      "2026-03-27T15:00:00+01:00", "2026-03-30T15:00:00+02:00" },

    /* Ready acknowledged: before 12:00 by the end of that day, else by the end of the next
     * day, weekday or not. */
    { ALL, SP_CLOCK_READY_ACKNOWLEDGED,
      "2026-04-02T11:59:59+02:00", "2026-04-03T00:00:00+02:00" },
    { ALL, SP_CLOCK_READY_ACKNOWLEDGED,
      "2026-04-02T12:00:00+02:00", "2026-04-04T00:00:00+02:00" },
    { ALL, SP_CLOCK_READY_ACKNOWLEDGED,
      "2026-04-02T13:00:00+02:00", "2026-04-04T00:00:00+02:00" },
    { ALL, SP_CLOCK_READY_ACKNOWLEDGED,
      "2026-12-31T12:00:00+01:00", "2027-01-02T00:00:00+01:00" },
    /* Saturday 28 March after noon: day 0 is the DST Sunday; its end is CEST. */
    { ALL, SP_CLOCK_READY_ACKNOWLEDGED,
      "2026-03-28T14:00:00+01:00", "2026-03-30T00:00:00+02:00" },

    /* SIP invitation: VGR 3 calendar days from the date sent; Stockholm and Västerbotten
     * by the end of day 0. Thursday before Easter, after and before noon: */
    { VGR, SP_CLOCK_SIP_INVITATION_SENT,
      "2026-04-02T13:00:00+02:00", "2026-04-06T00:00:00+02:00" },
    { STO | VAB, SP_CLOCK_SIP_INVITATION_SENT,
      "2026-04-02T13:00:00+02:00", "2026-04-04T00:00:00+02:00" },
    { VGR, SP_CLOCK_SIP_INVITATION_SENT,
      "2026-04-02T11:00:00+02:00", "2026-04-06T00:00:00+02:00" },
    { STO | VAB, SP_CLOCK_SIP_INVITATION_SENT,
      "2026-04-02T11:00:00+02:00", "2026-04-03T00:00:00+02:00" },
    /* VGR over the year end. */
    { VGR, SP_CLOCK_SIP_INVITATION_SENT,
      "2026-12-30T09:00:00+01:00", "2027-01-03T00:00:00+01:00" },

    /* The law's 3 days, the same in every profile. */
    { ALL, SP_CLOCK_SIP_INVITATION_LEGAL,
      "2026-04-02T13:00:00+02:00", "2026-04-06T00:00:00+02:00" },
    { ALL, SP_CLOCK_SIP_INVITATION_LEGAL,
      "2026-04-02T11:00:00+02:00", "2026-04-06T00:00:00+02:00" },
    /* Sent 23:30Z on 28 March is 00:30 on the 29th in Stockholm: day 29 + 3. */
    { ALL, SP_CLOCK_SIP_INVITATION_LEGAL,
      "2026-03-28T23:30:00Z", "2026-04-02T00:00:00+02:00" },

    /* SIP meeting within 4 weeks of discharge: 20 March + 28 = 17 April, ends 18 April. */
    { ALL, SP_CLOCK_SIP_MEETING_HELD,
      "2026-03-20T14:00:00+01:00", "2026-04-18T00:00:00+02:00" },

    /* Home after ready: by the end of day 0 + 1. Thursday before Easter after noon: day 0
     * is Långfredagen, so home by the end of Saturday. */
    { ALL, SP_CLOCK_HOME_AFTER_READY,
      "2026-04-02T13:00:00+02:00", "2026-04-05T00:00:00+02:00" },
    { ALL, SP_CLOCK_HOME_AFTER_READY,
      "2026-04-02T11:59:59+02:00", "2026-04-04T00:00:00+02:00" },

    /* Follow-up comments: by the end of the day before the meeting. */
    { ALL, SP_CLOCK_FOLLOW_UP_COMMENTS,
      "2026-05-20T10:00:00+02:00", "2026-05-20T00:00:00+02:00" },
    /* 22:30Z on 19 May is 00:30 on 20 May in Stockholm (still 19 May in São Paulo). */
    { ALL, SP_CLOCK_FOLLOW_UP_COMMENTS,
      "2026-05-19T22:30:00Z", "2026-05-20T00:00:00+02:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) start = parse_time (cases[i].start);

      for (SpRegion region = SP_REGION_VGR; region <= SP_REGION_VASTERBOTTEN; region++)
        {
          const SpRegionProfile *profile = sp_region_profile_get (region);
          g_autoptr(GDateTime) due = NULL;
          g_autofree char *iso = NULL;

          if ((cases[i].regions & (1 << region)) == 0)
            continue;

          g_test_message ("%s, %s, start %s", profile->id,
                          sp_enum_to_nick (SP_TYPE_CLOCK, cases[i].clock), cases[i].start);
          due = sp_deadline_get_due (profile, cases[i].clock, start);
          iso = format_time (due);
          g_assert_cmpstr (iso, ==, cases[i].expected);
        }
    }
}

static void
test_due_in_stockholm (void)
{
  /* Every clock in every profile answers in Stockholm time, whatever zone it was given. */
  g_autoptr(GDateTime) start = parse_time ("2026-04-02T08:00:00-03:00");

  for (SpRegion region = SP_REGION_VGR; region <= SP_REGION_VASTERBOTTEN; region++)
    for (SpClock clock = SP_CLOCK_ADMISSION_NOTICE_SENT;
         clock <= SP_CLOCK_FOLLOW_UP_COMMENTS; clock++)
      {
        g_autoptr(GDateTime) due = sp_deadline_get_due (sp_region_profile_get (region),
                                                        clock, start);

        g_assert_nonnull (due);
        g_assert_cmpstr (g_time_zone_get_identifier (g_date_time_get_timezone (due)), ==,
                         "Europe/Stockholm");
      }
}

static void
test_overdue (void)
{
  g_autoptr(GDateTime) due = parse_time ("2026-04-04T00:00:00+02:00");
  g_autoptr(GDateTime) before = g_date_time_add_seconds (due, -1);
  g_autoptr(GDateTime) after = g_date_time_add_seconds (due, 1);
  g_autoptr(GDateTime) same_utc = parse_time ("2026-04-03T22:00:00Z");
  g_autoptr(GDateTime) much_later = parse_time ("2026-05-01T12:00:00+02:00");

  /* Not done: overdue from the due instant itself. */
  g_assert_false (sp_deadline_is_overdue (due, NULL, before));
  g_assert_true (sp_deadline_is_overdue (due, NULL, due));
  g_assert_true (sp_deadline_is_overdue (due, NULL, same_utc));
  g_assert_true (sp_deadline_is_overdue (due, NULL, after));

  /* Done: late only if strictly after the due instant; now does not matter. */
  g_assert_false (sp_deadline_is_overdue (due, before, much_later));
  g_assert_false (sp_deadline_is_overdue (due, due, much_later));
  g_assert_false (sp_deadline_is_overdue (due, same_utc, NULL));
  g_assert_true (sp_deadline_is_overdue (due, after, NULL));
  g_assert_true (sp_deadline_is_overdue (due, after, before));
}

static void
test_labels (void)
{
  static const char * const expected[] = {
    "Inskrivningsmeddelande skickat",
    "Inskrivningsmeddelande kvitterat",
    "Fast vårdkontakt utsedd",
    "Utskrivningsklar kvitterad",
    "Kallelse till SIP skickad",
    "Kallelse till SIP inom tre dagar (lagen)",
    "SIP-möte hållet",
    "Hemgång efter utskrivningsklar",
    "Uppföljningskommentarer",
  };

  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, SP_CLOCK_FOLLOW_UP_COMMENTS + 1);
  for (SpClock clock = SP_CLOCK_ADMISSION_NOTICE_SENT; clock <= SP_CLOCK_FOLLOW_UP_COMMENTS;
       clock++)
    g_assert_cmpstr (sp_clock_get_label (clock), ==, expected[clock]);
}

static void
test_preconditions (void)
{
  g_autoptr(GDateTime) now = parse_time ("2026-04-04T00:00:00+02:00");

  g_test_expect_message ("sp-deadline", G_LOG_LEVEL_CRITICAL, "*profile != NULL*");
  g_assert_null (sp_deadline_get_due (NULL, SP_CLOCK_READY_ACKNOWLEDGED, now));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-deadline", G_LOG_LEVEL_CRITICAL, "*should not be reached*");
  g_assert_null (sp_deadline_get_due (sp_region_profile_get (SP_REGION_VGR),
                                      (SpClock) (SP_CLOCK_FOLLOW_UP_COMMENTS + 1), now));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-deadline", G_LOG_LEVEL_CRITICAL, "*done != NULL || now != NULL*");
  g_assert_false (sp_deadline_is_overdue (now, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-deadline", G_LOG_LEVEL_CRITICAL, "*clock <*");
  g_assert_null (sp_clock_get_label ((SpClock) (SP_CLOCK_FOLLOW_UP_COMMENTS + 1)));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/deadline/day0", test_day0);
  g_test_add_func ("/core/deadline/days-after-ready", test_days_after_ready);
  g_test_add_func ("/core/deadline/due", test_due);
  g_test_add_func ("/core/deadline/due-in-stockholm", test_due_in_stockholm);
  g_test_add_func ("/core/deadline/overdue", test_overdue);
  g_test_add_func ("/core/deadline/labels", test_labels);
  g_test_add_func ("/core/deadline/preconditions", test_preconditions);

  return g_test_run ();
}
