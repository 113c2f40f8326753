/* test-liability.c — payment liability under the VGR, Stockholm and Västerbotten models
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sp-calendar.h"
#include "sp-json.h"
#include "sp-liability.h"

/* Every expected figure is worked out by hand from DOMAIN.md §10 in the comments, to the
 * krona. Unless a case says otherwise the rate is 10,000 kr a day, and a stay made by
 * add_stay() has its ready notice at 10:00 Stockholm time (before 12:00, so the ready date
 * is day 0) and its discharge at 15:00 the given number of days later. The tests run with
 * TZ=America/Sao_Paulo. */

#define RATE 10000.0

static const SpRegionProfile *
profile (SpRegion region)
{
  return sp_region_profile_get (region);
}

static GDateTime *
parse_time (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);

  return time;
}

static GPtrArray *
new_episodes (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sp_liability_episode_free);
}

static void
add_episode (GPtrArray  *episodes,
             const char *id,
             const char *municipality,
             const char *ready,
             const char *discharged,
             gboolean    admission_notice_in_time,
             gboolean    sip_needed,
             const char *sip_invited)
{
  g_autoptr(GDateTime) ready_time = parse_time (ready);
  g_autoptr(GDateTime) discharged_time = parse_time (discharged);
  g_autoptr(GDateTime) invited_time = sip_invited != NULL ? parse_time (sip_invited) : NULL;

  g_ptr_array_add (episodes, sp_liability_episode_new (id, municipality, ready_time,
                                                       discharged_time,
                                                       admission_notice_in_time, sip_needed,
                                                       invited_time, TRUE, FALSE));
}

static void
add_stay (GPtrArray  *episodes,
          const char *id,
          const char *municipality,
          int         year,
          int         month,
          int         day,
          guint       days)
{
  g_autoptr(GDateTime) ready = g_date_time_new (sp_calendar_get_timezone (), year, month, day,
                                                10, 0, 0);
  g_autoptr(GDateTime) ready_date_later = g_date_time_add_days (ready, days);
  g_autoptr(GDateTime) discharged = g_date_time_add_hours (ready_date_later, 5);

  g_ptr_array_add (episodes, sp_liability_episode_new (id, municipality, ready, discharged,
                                                       TRUE, FALSE, NULL, TRUE, FALSE));
}

static SpLiabilityReport *
compute (SpRegion   region,
         double     rate,
         GPtrArray *episodes)
{
  g_autoptr(GError) error = NULL;
  SpLiabilityReport *report = sp_liability_compute (profile (region), rate, episodes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static SpLiabilityEntry *
find_entry (SpLiabilityReport *report,
            const char        *municipality,
            const char        *month)
{
  for (guint i = 0; i < sp_liability_report_get_n_entries (report); i++)
    {
      SpLiabilityEntry *entry = sp_liability_report_get_entry (report, i);

      if (g_str_equal (sp_liability_entry_get_municipality (entry), municipality) &&
          g_str_equal (sp_liability_entry_get_month (entry), month))
        return entry;
    }

  g_assert_not_reached ();
}

static const SpLiabilityRow *
find_row (SpLiabilityEntry *entry,
          const char       *id)
{
  guint n_rows;
  const SpLiabilityRow *rows = sp_liability_entry_get_rows (entry, &n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      if (g_str_equal (rows[i].id, id))
        return &rows[i];
    }

  g_assert_not_reached ();
}

/* Liability days are whole hundredths: compare them exactly at that scale. */
static void
assert_days (double actual,
             double expected)
{
  g_assert_cmpint ((gint64) round (actual * 100), ==, (gint64) round (expected * 100));
}

static char *
report_to_string (SpLiabilityReport *report)
{
  g_autoptr(JsonNode) node = sp_liability_report_to_json (report);

  return sp_json_to_string (node, FALSE);
}

static void
test_vgr_worked_example (void)
{
  /* DOMAIN §10: Kungälv, March 2026, stays of 2, 4, 6 and 9 days.
   * The 9-day patient is over 7 days: individually (9 − 3) = 6 days = 60,000 kr, outside
   * the average. Average of the others: (2 + 4 + 6) / 3 = 4.0 > 3.0 → (4.0 − 3.0) × 3 =
   * 3 days = 30,000 kr. Month: 9 days = 90,000 kr. */
  g_autoptr(GPtrArray) episodes = new_episodes ();
  g_autoptr(SpLiabilityReport) report = NULL;
  g_autofree char *json = NULL;
  SpLiabilityEntry *entry;
  const guint *distribution;
  guint n_values;

  add_stay (episodes, "e1", "Kungälv", 2026, 3, 2, 2);
  add_stay (episodes, "e2", "Kungälv", 2026, 3, 2, 4);
  add_stay (episodes, "e3", "Kungälv", 2026, 3, 2, 6);
  add_stay (episodes, "e4", "Kungälv", 2026, 3, 2, 9);
  report = compute (SP_REGION_VGR, RATE, episodes);

  g_assert_cmpuint (sp_liability_report_get_n_entries (report), ==, 1);
  g_assert_true (sp_liability_report_get_profile (report) == profile (SP_REGION_VGR));
  g_assert_cmpfloat (sp_liability_report_get_rate (report), ==, RATE);
  entry = find_entry (report, "Kungälv", "2026-03");
  g_assert_cmpuint (sp_liability_entry_get_discharged (entry), ==, 4);
  g_assert_cmpfloat (sp_liability_entry_get_average_days (entry), ==, 4.0);
  g_assert_cmpuint (sp_liability_entry_get_over_7_days (entry), ==, 1);
  assert_days (sp_liability_entry_get_individual_days (entry), 6);
  assert_days (sp_liability_entry_get_average_part_days (entry), 3);
  assert_days (sp_liability_entry_get_liability_days (entry), 9);
  g_assert_cmpint (sp_liability_entry_get_liability_sek (entry), ==, 90000);

  /* The episodes behind the figures. */
  g_assert_cmpuint (find_row (entry, "e1")->days, ==, 2);
  g_assert_false (find_row (entry, "e1")->individual);
  g_assert_true (find_row (entry, "e1")->charged);
  g_assert_cmpuint (find_row (entry, "e4")->days, ==, 9);
  g_assert_true (find_row (entry, "e4")->individual);
  g_assert_true (find_row (entry, "e4")->charged);
  g_assert_cmpint (find_row (entry, "e4")->exclusion, ==, SP_LIABILITY_EXCLUSION_NONE);

  /* One stay each at 2, 4, 6 and 9 days. */
  distribution = sp_liability_entry_get_distribution (entry, &n_values);
  g_assert_cmpuint (n_values, ==, 10);
  for (guint d = 0; d < n_values; d++)
    g_assert_cmpuint (distribution[d], ==, d == 2 || d == 4 || d == 6 || d == 9);

  json = report_to_string (report);
  g_assert_cmpstr (json, ==,
                   "{\"profile\":\"vgr\",\"rate\":10000.0,\"municipalities\":[{"
                   "\"municipality\":\"Kungälv\",\"month\":\"2026-03\",\"discharged\":4,"
                   "\"average_days\":4.0,\"over_7_days\":1,\"liability_days\":9.0,"
                   "\"liability_sek\":90000,\"excluded\":[],\"individual_days\":6.0,"
                   "\"average_part_days\":3.0,\"distribution\":[0,0,1,0,1,0,1,0,0,1]}]}");
}

static void
test_vgr_months (void)
{
  static const struct
  {
    guint  days[4];
    guint  n;
    double average;      /* of the episodes in the average */
    guint  over_7;
    double individual;   /* days */
    double average_part; /* days */
    gint64 sek;
  } cases[] = {
    /* DOMAIN's example: 3 + 6 = 9 days. */
    { { 2, 4, 6, 9 }, 4, 4.0, 1, 6, 3, 90000 },
    /* Exactly 3.0 does not exceed 3.0: nothing. */
    { { 2, 3, 4 }, 3, 3.0, 0, 0, 0, 0 },
    /* Exactly 3.0, and an 8-day patient who is still charged on his own: 8 − 3 = 5 days. */
    { { 2, 3, 4, 8 }, 4, 3.0, 1, 5, 0, 50000 },
    /* 7 days is not "längre än 7": it stays in the average, (7 + 1 + 1) / 3 = 3.0. */
    { { 7, 1, 1 }, 3, 3.0, 0, 0, 0, 0 },
    /* Only over-7 patients: no average (0); (8 − 3) + (12 − 3) = 14 days. */
    { { 8, 12 }, 2, 0.0, 2, 14, 0, 140000 },
    /* Just over: (3 + 4) / 2 = 3.5 → 0.5 × 2 = 1 day. */
    { { 3, 4 }, 2, 3.5, 0, 0, 1, 10000 },
    /* A day-0 discharge counts in the average: (0 + 7 + 7) / 3 = 4.67 → 14 − 9 = 5 days
     * (without it: 14 − 6 = 8). */
    { { 0, 7, 7 }, 3, 14.0 / 3, 0, 0, 5, 50000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) episodes = new_episodes ();
      g_autoptr(SpLiabilityReport) report = NULL;
      SpLiabilityEntry *entry;
      guint n_in_average = 0;

      g_test_message ("case %u", i);
      for (guint k = 0; k < cases[i].n; k++)
        {
          g_autofree char *id = g_strdup_printf ("e%u", k);

          add_stay (episodes, id, "Borås", 2026, 5, 4, cases[i].days[k]);
          n_in_average += cases[i].days[k] <= 7;
        }
      report = compute (SP_REGION_VGR, RATE, episodes);
      entry = find_entry (report, "Borås", "2026-05");

      g_assert_cmpuint (sp_liability_entry_get_discharged (entry), ==, cases[i].n);
      g_assert_cmpfloat_with_epsilon (sp_liability_entry_get_average_days (entry),
                                      cases[i].average, 1e-12);
      g_assert_cmpuint (sp_liability_entry_get_over_7_days (entry), ==, cases[i].over_7);
      assert_days (sp_liability_entry_get_individual_days (entry), cases[i].individual);
      assert_days (sp_liability_entry_get_average_part_days (entry), cases[i].average_part);
      assert_days (sp_liability_entry_get_liability_days (entry),
                   cases[i].individual + cases[i].average_part);
      g_assert_cmpint (sp_liability_entry_get_liability_sek (entry), ==, cases[i].sek);
      g_assert_cmpuint (cases[i].n - cases[i].over_7, ==, n_in_average);
    }
}

static void
test_noon_rule (void)
{
  static const struct
  {
    const char *ready;
    guint       days;
    gint64      sek;
  } cases[] = {
    /* Discharged Friday 6 March 2026 at 15:00. Ready 11:59:59 on Monday 2 March: day 0 is
     * 2 March → 4 days; alone in the month (VGR): (4 − 3) × 1 = 1 day = 10,000 kr. */
    { "2026-03-02T11:59:59+01:00", 4, 10000 },
    /* Ready 12:00:00: day 0 is 3 March → 3 days; 3.0 does not exceed 3.0 → 0 kr. */
    { "2026-03-02T12:00:00+01:00", 3, 0 },
    /* The same instants in UTC and in São Paulo time. */
    { "2026-03-02T10:59:59Z", 4, 10000 },
    { "2026-03-02T11:00:00Z", 3, 0 },
    { "2026-03-02T07:59:59-03:00", 4, 10000 },
    { "2026-03-02T08:00:00-03:00", 3, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) episodes = new_episodes ();
      g_autoptr(SpLiabilityReport) report = NULL;
      SpLiabilityEntry *entry;

      g_test_message ("ready %s", cases[i].ready);
      add_episode (episodes, "e1", "Lerum", cases[i].ready, "2026-03-06T15:00:00+01:00",
                   TRUE, FALSE, NULL);
      report = compute (SP_REGION_VGR, RATE, episodes);
      entry = find_entry (report, "Lerum", "2026-03");

      g_assert_cmpuint (find_row (entry, "e1")->days, ==, cases[i].days);
      g_assert_cmpint (sp_liability_entry_get_liability_sek (entry), ==, cases[i].sek);
    }
}

static void
test_month_boundary (void)
{
  /* Stockholm, ready Thursday 29 January 2026 at 10:00 (day 0 = 29 January).
   * 22:30Z on 31 January is 23:30 in Stockholm: January, 2 days → (2 − 1.3) × 1 = 0.7 day
   * = 7,000 kr. 23:30Z is 00:30 on 1 February in Stockholm: February, 3 days → 1.7 days =
   * 17,000 kr. (In São Paulo or UTC both would fall on 31 January.) */
  g_autoptr(GPtrArray) episodes = new_episodes ();
  g_autoptr(SpLiabilityReport) report = NULL;
  SpLiabilityEntry *january, *february;

  add_episode (episodes, "late-evening", "Solna", "2026-01-29T10:00:00+01:00",
               "2026-01-31T22:30:00Z", TRUE, FALSE, NULL);
  add_episode (episodes, "after-midnight", "Solna", "2026-01-29T10:00:00+01:00",
               "2026-01-31T23:30:00Z", TRUE, FALSE, NULL);
  report = compute (SP_REGION_STOCKHOLM, RATE, episodes);

  g_assert_cmpuint (sp_liability_report_get_n_entries (report), ==, 2);
  january = sp_liability_report_get_entry (report, 0);
  february = sp_liability_report_get_entry (report, 1);
  g_assert_cmpstr (sp_liability_entry_get_month (january), ==, "2026-01");
  g_assert_cmpstr (sp_liability_entry_get_month (february), ==, "2026-02");
  g_assert_cmpuint (find_row (january, "late-evening")->days, ==, 2);
  g_assert_cmpuint (find_row (february, "after-midnight")->days, ==, 3);
  assert_days (sp_liability_entry_get_liability_days (january), 0.7);
  assert_days (sp_liability_entry_get_liability_days (february), 1.7);
  g_assert_cmpint (sp_liability_entry_get_liability_sek (january), ==, 7000);
  g_assert_cmpint (sp_liability_entry_get_liability_sek (february), ==, 17000);
}

static void
test_stockholm (void)
{
  static const struct
  {
    guint       days[10];
    guint       n;
    double      rate;
    double      average;        /* in the JSON, rounded to 2 decimals */
    double      liability_days;
    gint64      sek;
  } cases[] = {
    /* (1 + 2 + 3) / 3 = 2.0 > 1.3 → (2.0 − 1.3) × 3 = 6 − 3.9 = 2.1 days = 21,000 kr. */
    { { 1, 2, 3 }, 3, RATE, 2.0, 2.1, 21000 },
    /* 2.1 × 333 = 699.3 → 699 kr. */
    { { 1, 2, 3 }, 3, 333, 2.0, 2.1, 699 },
    /* (1 + 2 + 2) / 3 = 1.666… → 1.67 in JSON; 5 − 3.9 = 1.1 days = 11,000 kr. */
    { { 1, 2, 2 }, 3, RATE, 1.67, 1.1, 11000 },
    /* (1 + 1) / 2 = 1.0 ≤ 1.3: nothing. */
    { { 1, 1 }, 2, RATE, 1.0, 0, 0 },
    /* 13 / 10 = 1.3 exactly does not exceed 1.3 (a float 1.3 × 10 would be 13.000…002). */
    { { 1, 1, 1, 1, 1, 2, 2, 2, 2, 0 }, 10, RATE, 1.3, 0, 0 },
    /* (0 + 0 + 0 + 5) / 4 = 1.25 ≤ 1.3: nothing. */
    { { 0, 0, 0, 5 }, 4, RATE, 1.25, 0, 0 },
    /* (1 + 1 + 2) / 3 = 1.333… (1.33 in JSON) → 4 − 3.9 = 0.1 day. × 25 kr = 2.5 → 3 kr:
     * half away from zero, where round-half-even would give 2. */
    { { 1, 1, 2 }, 3, 25, 1.33, 0.1, 3 },
    /* 0.1 × 15 = 1.5 → 2 kr. */
    { { 1, 1, 2 }, 3, 15, 1.33, 0.1, 2 },
    /* No individual charge in Stockholm: 9 − 1.3 = 7.7 days = 77,000 kr. */
    { { 9 }, 1, RATE, 9.0, 7.7, 77000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) episodes = new_episodes ();
      g_autoptr(SpLiabilityReport) report = NULL;
      g_autoptr(JsonNode) json = NULL;
      JsonObject *object;
      SpLiabilityEntry *entry;

      g_test_message ("case %u", i);
      for (guint k = 0; k < cases[i].n; k++)
        {
          g_autofree char *id = g_strdup_printf ("e%u", k);

          add_stay (episodes, id, "Huddinge", 2026, 10, 5, cases[i].days[k]);
        }
      report = compute (SP_REGION_STOCKHOLM, cases[i].rate, episodes);
      entry = find_entry (report, "Huddinge", "2026-10");

      assert_days (sp_liability_entry_get_liability_days (entry), cases[i].liability_days);
      g_assert_cmpint (sp_liability_entry_get_liability_sek (entry), ==, cases[i].sek);

      /* The rounded average in the JSON; Stockholm adds no VGR or Västerbotten members. */
      json = sp_liability_report_to_json (report);
      object = json_array_get_object_element (
        json_object_get_array_member (json_node_get_object (json), "municipalities"), 0);
      g_assert_cmpfloat (json_object_get_double_member (object, "average_days"), ==,
                         cases[i].average);
      g_assert_false (json_object_has_member (object, "individual_days"));
      g_assert_false (json_object_has_member (object, "trend"));
    }
}

/* Stays in @municipality discharged in month @month of 2026 (or 2025 for month ≤ 0). */
static void
add_month (GPtrArray   *episodes,
           const char  *municipality,
           int          month,
           const guint *days,
           guint        n)
{
  int year = month <= 0 ? 2025 : 2026;

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%d-%u", municipality, month, k);

      add_stay (episodes, id, municipality, year, month <= 0 ? month + 12 : month, 2, days[k]);
    }
}

static void
test_vasterbotten_trend (void)
{
  static const struct
  {
    int         month;            /* of 2026 */
    guint       days[2];
    guint       n;
    const char *previous;         /* the trend's three previous averages, as JSON */
    gboolean    active;
    gint64      sek;
  } umea[] = {
    /* Months before the data are unknown, never over: not active. */
    { 1, { 4, 4 }, 2, "[null,null,null]", FALSE, 0 },  /* average 4.0: over */
    { 2, { 5, 5 }, 2, "[null,null,4.0]", FALSE, 0 },   /* 5.0: over */
    { 3, { 3, 4 }, 2, "[null,4.0,5.0]", FALSE, 0 },    /* 3.5: over, the third */
    /* Three months over 3.0 → from month four every day after ready is paid:
     * 3 + 5 = 8 days = 80,000 kr (average 4.0, over). */
    { 4, { 3, 5 }, 2, "[4.0,5.0,3.5]", TRUE, 80000 },
    /* Still active; 3 + 3 = 6 days = 60,000 kr. Average 3.0: the first month at 3 or less. */
    { 5, { 3, 3 }, 2, "[5.0,3.5,4.0]", TRUE, 60000 },
    /* June: no discharges, average 0, the second month at 3 or less (no entry). Still
     * active in July (April was over): 1 + 3 = 4 days = 40,000 kr; 2.0 is the third. */
    { 7, { 1, 3 }, 2, "[4.0,3.0,0.0]", TRUE, 40000 },
    /* May, June and July at 3 or less: August is the first month no longer charged, though
     * its own average (6.0) is over. */
    { 8, { 6, 6 }, 2, "[3.0,0.0,2.0]", FALSE, 0 },
    { 9, { 5, 5 }, 2, "[0.0,2.0,6.0]", FALSE, 0 },      /* 5.0: over */
    { 10, { 4 }, 1, "[2.0,6.0,5.0]", FALSE, 0 },        /* 4.0: over */
    /* August, September and October over: active again, 4 days = 40,000 kr. */
    { 11, { 4 }, 1, "[6.0,5.0,4.0]", TRUE, 40000 },
  };
  static const struct
  {
    int         month;             /* of 2026; 0 is December 2025, -1 November 2025 */
    gboolean    active;
    gint64      sek;
  } skelleftea[] = {
    /* One 4-day stay (average 4.0, over) a month, but none in December 2025: average 0,
     * so the run of three starts again after it, across the year end. */
    { -1, FALSE, 0 },   /* August to October 2025 unknown */
    { 1, FALSE, 0 },    /* October unknown, November over, December 0 */
    { 2, FALSE, 0 },    /* November over, December 0, January over */
    { 3, FALSE, 0 },    /* December 0, January and February over */
    { 4, TRUE, 40000 }, /* January, February and March over: 4 days = 40,000 kr */
  };
  static const guint four[] = { 4 };
  g_autoptr(GPtrArray) episodes = new_episodes ();
  g_autoptr(SpLiabilityReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonArray *municipalities;

  for (guint i = 0; i < G_N_ELEMENTS (umea); i++)
    add_month (episodes, "Umeå", umea[i].month, umea[i].days, umea[i].n);
  /* Not counted, so not charged even while active: the admission notice was late. */
  add_episode (episodes, "late-notice", "Umeå", "2026-04-02T10:00:00+02:00",
               "2026-04-11T15:00:00+02:00", FALSE, FALSE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (skelleftea); i++)
    add_month (episodes, "Skellefteå", skelleftea[i].month, four, 1);
  report = compute (SP_REGION_VASTERBOTTEN, RATE, episodes);

  json = sp_liability_report_to_json (report);
  municipalities = json_object_get_array_member (json_node_get_object (json), "municipalities");
  /* Sorted by municipality: "Skellefteå" < "Umeå". */
  g_assert_cmpuint (json_array_get_length (municipalities), ==,
                    G_N_ELEMENTS (skelleftea) + G_N_ELEMENTS (umea));

  for (guint i = 0; i < G_N_ELEMENTS (skelleftea); i++)
    {
      SpLiabilityEntry *entry = sp_liability_report_get_entry (report, i);

      g_test_message ("second municipality, month %d", skelleftea[i].month);
      g_assert_cmpstr (sp_liability_entry_get_municipality (entry), ==, "Skellefteå");
      g_assert_cmpint (sp_liability_entry_get_active (entry), ==, skelleftea[i].active);
      g_assert_cmpint (sp_liability_entry_get_liability_sek (entry), ==, skelleftea[i].sek);
    }

  for (guint i = 0; i < G_N_ELEMENTS (umea); i++)
    {
      guint index = G_N_ELEMENTS (skelleftea) + i;
      SpLiabilityEntry *entry = sp_liability_report_get_entry (report, index);
      JsonObject *object = json_array_get_object_element (municipalities, index);
      JsonObject *trend = json_object_get_object_member (object, "trend");
      g_autofree char *month = g_strdup_printf ("2026-%02d", umea[i].month);
      g_autofree char *previous = NULL;

      g_test_message ("first municipality, %s", month);
      g_assert_cmpstr (sp_liability_entry_get_month (entry), ==, month);
      g_assert_cmpint (sp_liability_entry_get_active (entry), ==, umea[i].active);
      g_assert_cmpint (sp_liability_entry_get_liability_sek (entry), ==, umea[i].sek);
      g_assert_cmpint (json_object_get_boolean_member (trend, "active"), ==, umea[i].active);
      previous = sp_json_to_string (json_object_get_member (trend, "previous_averages"), FALSE);
      g_assert_cmpstr (previous, ==, umea[i].previous);
      g_assert_false (json_object_has_member (object, "individual_days"));
    }

  /* April: the late-notice episode (9 days) is listed, not counted, not charged. */
  {
    SpLiabilityEntry *april = find_entry (report, "Umeå", "2026-04");
    SpLiabilityEntry *january = find_entry (report, "Umeå", "2026-01");

    g_assert_cmpuint (sp_liability_entry_get_discharged (april), ==, 2);
    g_assert_cmpuint (sp_liability_entry_get_over_7_days (april), ==, 0);
    g_assert_false (find_row (april, "late-notice")->charged);
    g_assert_true (find_row (april, "Umeå-4-0")->charged);
    g_assert_cmpuint (sp_liability_entry_get_n_previous_months (april), ==, 3);
    g_assert_cmpfloat (sp_liability_entry_get_previous_average (april, 2), ==, 3.5);
    g_assert_true (isnan (sp_liability_entry_get_previous_average (january, 0)));
  }
}

static void
test_exclusions (void)
{
  /* VGR. Ready Monday 2 March 2026: the law's SIP deadline is the end of 5 March (3 days
   * after the notice's date), 2026-03-06T00:00:00+01:00. Discharged 7 March: 5 days.
   * Counted: "at-due" and "no-sip", (5 + 5) / 2 = 5.0 → (5.0 − 3.0) × 2 = 4 days =
   * 40,000 kr. An episode failing several conditions gets the first one's reason. */
  static const struct
  {
    const char *id;
    const char *ready;
    gboolean    notice_in_time;
    gboolean    sip_needed;
    const char *invited;
    const char *reason;          /* NULL: counted */
  } cases[] = {
    { "late-notice", "2026-03-02T10:00:00+01:00", FALSE, TRUE, "2026-03-03T09:00:00+01:00",
      "admission_notice_late" },
    { "not-invited", "2026-03-02T10:00:00+01:00", TRUE, TRUE, NULL, "sip_not_invited" },
    /* Exactly at the due instant is in time; one second later is late. */
    { "at-due", "2026-03-02T10:00:00+01:00", TRUE, TRUE, "2026-03-06T00:00:00+01:00", NULL },
    { "second-late", "2026-03-02T10:00:00+01:00", TRUE, TRUE, "2026-03-06T00:00:01+01:00",
      "sip_invited_late" },
    /* After 12:00 day 0 moves, but the law counts from the notice: still the end of
     * 5 March. (Ready on 3 March by the 12:00 rule: 4 days if it were counted.) */
    { "noon-late", "2026-03-02T13:00:00+01:00", TRUE, TRUE, "2026-03-06T00:00:01+01:00",
      "sip_invited_late" },
    { "no-sip", "2026-03-02T10:00:00+01:00", TRUE, FALSE, NULL, NULL },
    { "both", "2026-03-02T10:00:00+01:00", FALSE, TRUE, NULL, "admission_notice_late" },
  };
  g_autoptr(GPtrArray) episodes = new_episodes ();
  g_autoptr(SpLiabilityReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *lerum = NULL;
  SpLiabilityEntry *entry;
  JsonArray *excluded;
  guint n_excluded = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    add_episode (episodes, cases[i].id, "Alingsås", cases[i].ready,
                 "2026-03-07T15:00:00+01:00", cases[i].notice_in_time, cases[i].sip_needed,
                 cases[i].invited);
  /* A month with only an excluded episode still has an entry, with nothing counted. */
  add_episode (episodes, "only", "Lerum", "2026-03-02T10:00:00+01:00",
               "2026-03-20T15:00:00+01:00", FALSE, FALSE, NULL);
  report = compute (SP_REGION_VGR, RATE, episodes);

  entry = find_entry (report, "Alingsås", "2026-03");
  g_assert_cmpuint (sp_liability_entry_get_discharged (entry), ==, 2);
  g_assert_cmpfloat (sp_liability_entry_get_average_days (entry), ==, 5.0);
  assert_days (sp_liability_entry_get_liability_days (entry), 4);
  g_assert_cmpint (sp_liability_entry_get_liability_sek (entry), ==, 40000);

  json = sp_liability_report_to_json (report);
  excluded = json_object_get_array_member (
    json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json), "municipalities"), 0),
    "excluded");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SpLiabilityRow *row = find_row (entry, cases[i].id);
      JsonObject *item;

      g_test_message ("episode %s", cases[i].id);
      if (cases[i].reason == NULL)
        {
          g_assert_cmpint (row->exclusion, ==, SP_LIABILITY_EXCLUSION_NONE);
          g_assert_true (row->charged);
          continue;
        }

      g_assert_cmpint (row->exclusion, !=, SP_LIABILITY_EXCLUSION_NONE);
      g_assert_false (row->charged);
      /* Listed in input order. */
      item = json_array_get_object_element (excluded, n_excluded++);
      g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, cases[i].id);
      g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, cases[i].reason);
    }
  g_assert_cmpuint (json_array_get_length (excluded), ==, n_excluded);

  lerum = sp_json_to_string (json_array_get_element (
    json_object_get_array_member (json_node_get_object (json), "municipalities"), 1), FALSE);
  g_assert_cmpstr (lerum, ==,
                   "{\"municipality\":\"Lerum\",\"month\":\"2026-03\",\"discharged\":0,"
                   "\"average_days\":0.0,\"over_7_days\":0,\"liability_days\":0.0,"
                   "\"liability_sek\":0,\"excluded\":[{\"id\":\"only\","
                   "\"reason\":\"admission_notice_late\"}],\"individual_days\":0.0,"
                   "\"average_part_days\":0.0,\"distribution\":[]}");
}

/* Stockholm's own conditions (002): a care contact was named, and the patient has not
 * refused the interventions; VGR and Västerbotten have only the law's. Every stay is ready
 * Monday 2 March 2026 10:00 (day 0) and discharged at 15:00 the given days later.
 *
 * Stockholm: "unnamed" and "unnamed-sip" → care_contact_not_named (before the SIP, whose
 * invitation "unnamed-sip" also lacks); "refused" → interventions_refused; "late-unnamed" →
 * admission_notice_late, the first condition. Counted: "named" alone, 3 days: average 3.0
 * → (3.0 − 1.3) × 1 = 1.7 days = 17,000 kr.
 * VGR: "unnamed-sip" → sip_not_invited, "late-unnamed" → admission_notice_late. Counted:
 * "named" 3, "unnamed" 5, "refused" 4: average 12 / 3 = 4.0 → (4.0 − 3.0) × 3 = 3 days =
 * 30,000 kr. Västerbotten excludes the same as VGR. */
static void
test_stockholm_conditions (void)
{
  static const struct
  {
    const char *id;
    guint       days;
    gboolean    notice_in_time;
    gboolean    sip_needed;
    gboolean    named;
    gboolean    refused;
    const char *stockholm;  /* the reason, NULL: counted */
    const char *vgr;
  } cases[] = {
    { "named", 3, TRUE, FALSE, TRUE, FALSE, NULL, NULL },
    { "unnamed", 5, TRUE, FALSE, FALSE, FALSE, "care_contact_not_named", NULL },
    { "refused", 4, TRUE, FALSE, TRUE, TRUE, "interventions_refused", NULL },
    { "unnamed-sip", 2, TRUE, TRUE, FALSE, FALSE, "care_contact_not_named",
      "sip_not_invited" },
    { "late-unnamed", 6, FALSE, FALSE, FALSE, FALSE, "admission_notice_late",
      "admission_notice_late" },
  };
  static const struct
  {
    SpRegion region;
    guint    counted;
    double   liability_days;
    gint64   sek;
  } expected[] = {
    { SP_REGION_STOCKHOLM, 1, 1.7, 17000 },
    { SP_REGION_VGR, 3, 3.0, 30000 },
    { SP_REGION_VASTERBOTTEN, 3, 0, 0 },
  };
  g_autoptr(GPtrArray) episodes = new_episodes ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) ready = parse_time ("2026-03-02T10:00:00+01:00");
      g_autoptr(GDateTime) later = g_date_time_add_days (ready, cases[i].days);
      g_autoptr(GDateTime) discharged = g_date_time_add_hours (later, 5);

      g_ptr_array_add (episodes,
                       sp_liability_episode_new (cases[i].id, "Solna", ready, discharged,
                                                 cases[i].notice_in_time, cases[i].sip_needed,
                                                 NULL, cases[i].named, cases[i].refused));
    }

  for (guint r = 0; r < G_N_ELEMENTS (expected); r++)
    {
      g_autoptr(SpLiabilityReport) report = compute (expected[r].region, RATE, episodes);
      g_autoptr(JsonNode) json = sp_liability_report_to_json (report);
      SpLiabilityEntry *entry = find_entry (report, "Solna", "2026-03");
      JsonArray *excluded = json_object_get_array_member (
        json_array_get_object_element (
          json_object_get_array_member (json_node_get_object (json), "municipalities"), 0),
        "excluded");
      guint n_excluded = 0;

      g_test_message ("profile %s", profile (expected[r].region)->id);
      g_assert_cmpuint (sp_liability_entry_get_discharged (entry), ==, expected[r].counted);
      assert_days (sp_liability_entry_get_liability_days (entry), expected[r].liability_days);
      g_assert_cmpint (sp_liability_entry_get_liability_sek (entry), ==, expected[r].sek);

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          const char *reason = expected[r].region == SP_REGION_STOCKHOLM ? cases[i].stockholm
                                                                         : cases[i].vgr;
          JsonObject *item;

          if (reason == NULL)
            {
              g_assert_cmpint (find_row (entry, cases[i].id)->exclusion, ==,
                               SP_LIABILITY_EXCLUSION_NONE);
              continue;
            }

          item = json_array_get_object_element (excluded, n_excluded++);
          g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, cases[i].id);
          g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, reason);
        }
      g_assert_cmpuint (json_array_get_length (excluded), ==, n_excluded);
    }
}

static void
test_municipalities (void)
{
  /* VGR, input out of order; output by municipality, then month; rows in input order.
   * Mölndal March: 5 days alone → (5 − 3) × 1 = 2 days = 20,000 kr; April: 1 day → 0.
   * Borås March: (4 + 6) / 2 = 5.0 → 4 days = 40,000 kr. Alingsås May: 3 days → 0. */
  static const struct
  {
    const char *id;
    const char *municipality;
    int         month;
    guint       days;
  } input[] = {
    { "m4", "Mölndal", 4, 1 },
    { "b1", "Borås", 3, 4 },
    { "m3", "Mölndal", 3, 5 },
    { "a5", "Alingsås", 5, 3 },
    { "b2", "Borås", 3, 6 },
  };
  static const struct
  {
    const char *municipality;
    const char *month;
    const char *first_row;
    gint64      sek;
  } expected[] = {
    { "Alingsås", "2026-05", "a5", 0 },
    { "Borås", "2026-03", "b1", 40000 },
    { "Mölndal", "2026-03", "m3", 20000 },
    { "Mölndal", "2026-04", "m4", 0 },
  };
  g_autoptr(GPtrArray) episodes = new_episodes ();
  g_autoptr(SpLiabilityReport) report = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (input); i++)
    add_stay (episodes, input[i].id, input[i].municipality, 2026, input[i].month, 10,
              input[i].days);
  report = compute (SP_REGION_VGR, RATE, episodes);

  g_assert_cmpuint (sp_liability_report_get_n_entries (report), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SpLiabilityEntry *entry = sp_liability_report_get_entry (report, i);
      guint n_rows;
      const SpLiabilityRow *rows = sp_liability_entry_get_rows (entry, &n_rows);

      g_assert_cmpstr (sp_liability_entry_get_municipality (entry), ==,
                       expected[i].municipality);
      g_assert_cmpstr (sp_liability_entry_get_month (entry), ==, expected[i].month);
      g_assert_cmpstr (rows[0].id, ==, expected[i].first_row);
      g_assert_cmpint (sp_liability_entry_get_liability_sek (entry), ==, expected[i].sek);
    }
}

#define EPISODE(id, ready, discharged) \
  "{\"id\":\"" id "\",\"municipality\":\"Piteå\",\"ready\":\"" ready "\"," \
  "\"discharged\":\"" discharged "\",\"admission_notice_in_time\":true," \
  "\"sip_needed\":false,\"sip_invited\":null}"
#define GOOD(id) EPISODE (id, "2026-03-02T10:00:00+01:00", "2026-03-04T15:00:00+01:00")

static void
test_from_json (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  const SpLiabilityEpisode *episode;

  /* sip_invited may be absent; discharge at the ready instant is 0 days, not an error.
   * Without care_contact_named and interventions_refused, neither condition fails. */
  node = sp_json_parse ("[" GOOD ("a") ","
                        EPISODE ("b", "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z") ","
                        "{\"id\":\"c\",\"municipality\":\"Luleå\","
                        "\"ready\":\"2026-03-02T10:00:00Z\","
                        "\"discharged\":\"2026-03-03T10:00:00Z\","
                        "\"admission_notice_in_time\":false,\"sip_needed\":true,"
                        "\"sip_invited\":\"2026-03-04T10:00:00Z\",\"care_contact_named\":false,"
                        "\"interventions_refused\":true}]", -1, &error);
  g_assert_no_error (error);
  episodes = sp_liability_episodes_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 3);

  episode = g_ptr_array_index (episodes, 2);
  g_assert_cmpstr (episode->id, ==, "c");
  g_assert_cmpstr (episode->municipality, ==, "Luleå");
  g_assert_false (episode->admission_notice_in_time);
  g_assert_true (episode->sip_needed);
  g_assert_cmpint (g_date_time_to_unix (episode->sip_invited), ==,
                   g_date_time_to_unix (episode->ready) + 2 * 86400);
  g_assert_false (episode->care_contact_named);
  g_assert_true (episode->interventions_refused);

  episode = g_ptr_array_index (episodes, 0);
  g_assert_null (episode->sip_invited);
  g_assert_true (episode->care_contact_named);
  g_assert_false (episode->interventions_refused);
}

static void
test_malformed (void)
{
  static const struct
  {
    const char *json;
    const char *field;
    gboolean    liability_domain;  /* else SP_JSON_ERROR */
    int         code;
  } cases[] = {
    { "{}", "$", FALSE, SP_JSON_ERROR_TYPE },
    { "[" GOOD ("a") ", 5]", "[1]", FALSE, SP_JSON_ERROR_TYPE },
    { "[{\"id\":\"a\"}]", "[0].municipality", FALSE, SP_JSON_ERROR_MISSING },
    { "[{\"id\":1}]", "[0].id", FALSE, SP_JSON_ERROR_TYPE },
    { "[" EPISODE ("a", "not a time", "2026-03-04T15:00:00Z") "]", "[0].ready", FALSE,
      SP_JSON_ERROR_INVALID },
    /* No zone: the instant would depend on the machine. */
    { "[" EPISODE ("a", "2026-03-02T10:00:00", "2026-03-04T15:00:00Z") "]", "[0].ready",
      FALSE, SP_JSON_ERROR_INVALID },
    { "[" GOOD ("a") "," GOOD ("b") "," GOOD ("c") ","
      EPISODE ("d", "2026-03-04T15:00:00Z", "2026-03-04T14:59:59Z") "]", "[3].discharged",
      TRUE, SP_LIABILITY_ERROR_DISCHARGED_BEFORE_READY },
    { "[{\"id\":\"a\",\"municipality\":\"X\",\"ready\":\"2026-03-02T10:00:00Z\","
      "\"discharged\":\"2026-03-04T15:00:00Z\",\"admission_notice_in_time\":\"true\","
      "\"sip_needed\":false}]", "[0].admission_notice_in_time", FALSE, SP_JSON_ERROR_TYPE },
    { "[{\"id\":\"a\",\"municipality\":\"X\",\"ready\":\"2026-03-02T10:00:00Z\","
      "\"discharged\":\"2026-03-04T15:00:00Z\",\"admission_notice_in_time\":true}]",
      "[0].sip_needed", FALSE, SP_JSON_ERROR_MISSING },
    { "[{\"id\":\"a\",\"municipality\":\"X\",\"ready\":\"2026-03-02T10:00:00Z\","
      "\"discharged\":\"2026-03-04T15:00:00Z\",\"admission_notice_in_time\":true,"
      "\"sip_needed\":true,\"sip_invited\":5}]", "[0].sip_invited", FALSE,
      SP_JSON_ERROR_TYPE },
    { "[{\"id\":\"a\",\"municipality\":\"X\",\"ready\":\"2026-03-02T10:00:00Z\","
      "\"discharged\":\"2026-03-04T15:00:00Z\",\"admission_notice_in_time\":true,"
      "\"sip_needed\":false,\"care_contact_named\":1}]", "[0].care_contact_named", FALSE,
      SP_JSON_ERROR_TYPE },
    { "[{\"id\":\"a\",\"municipality\":\"X\",\"ready\":\"2026-03-02T10:00:00Z\","
      "\"discharged\":\"2026-03-04T15:00:00Z\",\"admission_notice_in_time\":true,"
      "\"sip_needed\":false,\"interventions_refused\":\"no\"}]", "[0].interventions_refused", FALSE,
      SP_JSON_ERROR_TYPE },
    { "[" GOOD ("") "]", "[0].id", TRUE, SP_LIABILITY_ERROR_EMPTY },
    { "[{\"id\":\"a\",\"municipality\":\"\",\"ready\":\"2026-03-02T10:00:00Z\","
      "\"discharged\":\"2026-03-04T15:00:00Z\",\"admission_notice_in_time\":true,"
      "\"sip_needed\":false}]", "[0].municipality", TRUE, SP_LIABILITY_ERROR_EMPTY },
    { "[" GOOD ("secret-id") "," GOOD ("secret-id") "]", "[1].id", TRUE,
      SP_LIABILITY_ERROR_DUPLICATE_ID },
    { "[" GOOD ("0123456789012345678901234567890123456789012345678901234567890123456789")
      "]", "[0].id", FALSE, SP_JSON_ERROR_TOO_LONG },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GPtrArray) episodes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *field = NULL;
      GQuark domain;

      g_test_message ("input %s", cases[i].json);
      node = sp_json_parse (cases[i].json, -1, &error);
      g_assert_no_error (error);
      episodes = sp_liability_episodes_from_json (node, &error);
      g_assert_null (episodes);
      domain = cases[i].liability_domain ? SP_LIABILITY_ERROR : SP_JSON_ERROR;
      g_assert_error (error, domain, cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
      /* Ids are never echoed into logs. */
      g_assert_null (strstr (error->message, "secret-id"));
    }
}

static void
test_compute_invalid (void)
{
  /* The server builds episodes in code: compute checks them the same way. */
  g_autoptr(GPtrArray) episodes = new_episodes ();
  g_autoptr(GPtrArray) none = new_episodes ();
  g_autoptr(SpLiabilityReport) report = NULL;
  g_autoptr(SpLiabilityReport) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  g_autofree char *json = NULL;

  add_stay (episodes, "e1", "Kiruna", 2026, 3, 2, 1);
  add_episode (episodes, "e2", "Kiruna", "2026-03-02T10:00:00+01:00",
               "2026-03-02T09:59:59+01:00", TRUE, FALSE, NULL);
  report = sp_liability_compute (profile (SP_REGION_VGR), RATE, episodes, &error);
  g_assert_null (report);
  g_assert_error (error, SP_LIABILITY_ERROR, SP_LIABILITY_ERROR_DISCHARGED_BEFORE_READY);
  field = sp_json_error_get_field (error);
  g_assert_cmpstr (field, ==, "[1].discharged");

  /* No episodes: no municipalities. */
  empty = compute (SP_REGION_STOCKHOLM, 0, none);
  json = report_to_string (empty);
  g_assert_cmpstr (json, ==, "{\"profile\":\"stockholm\",\"rate\":0.0,\"municipalities\":[]}");

  g_test_expect_message ("sp-liability", G_LOG_LEVEL_CRITICAL, "*rate_sek*");
  g_assert_null (sp_liability_compute (profile (SP_REGION_VGR), -1, none, NULL));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/liability/vgr-worked-example", test_vgr_worked_example);
  g_test_add_func ("/core/liability/vgr-months", test_vgr_months);
  g_test_add_func ("/core/liability/noon-rule", test_noon_rule);
  g_test_add_func ("/core/liability/month-boundary", test_month_boundary);
  g_test_add_func ("/core/liability/stockholm", test_stockholm);
  g_test_add_func ("/core/liability/vasterbotten-trend", test_vasterbotten_trend);
  g_test_add_func ("/core/liability/exclusions", test_exclusions);
  g_test_add_func ("/core/liability/stockholm-conditions", test_stockholm_conditions);
  g_test_add_func ("/core/liability/municipalities", test_municipalities);
  g_test_add_func ("/core/liability/from-json", test_from_json);
  g_test_add_func ("/core/liability/malformed", test_malformed);
  g_test_add_func ("/core/liability/compute-invalid", test_compute_invalid);

  return g_test_run ();
}
