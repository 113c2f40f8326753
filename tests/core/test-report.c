/* test-report.c — lead times, rates per year and the JSON/CSV forms of the uppföljning
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The payment models themselves are tested in test-liability.c; here, what sp-report adds.
 * Every figure is worked out by hand in the comments. Times are Stockholm's (+01:00 in
 * winter); the tests run with TZ=America/Sao_Paulo.
 */

#include "config.h"

#include "sp-json.h"
#include "sp-report.h"

#define WARD "avd-1"
#define VC   "vc-1"

static GDateTime *
at (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

static void
act (gboolean  ok,
     GError   *error)
{
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* A stay in the Stockholm profile addressed to one vårdcentral (outpatient recipient). NULL
 * times leave that step out. */
static SpEpisode *
make_stay (const char *id,
           const char *admitted,
           const char *sent,
           const char *acked,
           const char *named,
           const char *ready,
           const char *discharged)
{
  const SpRegionProfile *profile = sp_region_profile_get (SP_REGION_STOCKHOLM);
  g_autoptr(GDateTime) admitted_at = at (admitted);
  g_autoptr(GDateTime) sent_at = at (sent);
  g_autoptr(GDateTime) ready_at = at (ready);
  g_autoptr(GDateTime) discharged_at = at (discharged);
  SpEpisode *episode = sp_episode_new (id, "pat-1", WARD, admitted_at);
  GError *error = NULL;
  GDate estimate;

  g_date_set_dmy (&estimate, 20, G_DATE_MARCH, 2026);
  act (sp_episode_address_unit (episode, VC, SP_UNIT_KIND_OUTPATIENT,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted_at, &error), error);
  act (sp_episode_send_admission_notice (episode, WARD, SP_UNIT_KIND_INPATIENT, &estimate,
                                         sent_at, "Anna Ek", &error), error);
  if (acked != NULL)
    {
      g_autoptr(GDateTime) acked_at = at (acked);

      act (sp_episode_acknowledge_admission_notice (episode, VC, SP_UNIT_KIND_OUTPATIENT,
                                                    acked_at, "Karin Holm", &error), error);
    }
  if (named != NULL)
    {
      g_autoptr(GDateTime) named_at = at (named);

      act (sp_episode_name_care_contact (episode, profile, VC, SP_UNIT_KIND_OUTPATIENT,
                                         "Karin Holm", "08-123 45 67", named_at, "Karin Holm",
                                         &error), error);
    }
  act (sp_episode_mark_ready (episode, WARD, SP_UNIT_KIND_INPATIENT, ready_at, "Dr Test",
                              &error), error);
  act (sp_episode_discharge (episode, WARD, SP_UNIT_KIND_INPATIENT, discharged_at,
                             discharged_at, "Anna Ek", &error), error);

  return episode;
}

static void
add (GPtrArray  *episodes,
     SpEpisode  *episode,
     const char *municipality,
     gboolean    sip_needed,
     const char *sip_invited,
     gboolean    listed)
{
  g_autoptr(GDateTime) invited = sip_invited != NULL ? at (sip_invited) : NULL;

  g_ptr_array_add (episodes,
                   sp_report_episode_new (sp_region_profile_get (SP_REGION_STOCKHOLM), episode,
                                          municipality, sip_needed, invited, listed));
  g_object_unref (episode);
}

/* March 2026 in Testkommun, Stockholm (threshold 1.3), and one stay in December 2025:
 *
 * m1: admitted Mon 2 Mar 08:00, notice 09:00 (in time), acknowledged Tue 10:00 (due Tue
 *     09:00, 24 weekday hours: late), care contact Mon 10:00 (in time), ready Mon 10:00
 *     (day 0 = 2 Mar), discharged Thu 5 Mar → 3 days. Counted.
 * m2: admitted Sat 28 Feb 08:00, notice Mon 09:00 (49 h: late → excluded
 *     admission_notice_late), acknowledged Mon 09:30 (in time), no care contact (due Tue
 *     09:00, discharged Tue 15:00: ran out), ready Mon 13:00 (day 0 = 3 Mar), discharged Tue
 *     3 Mar 15:00 → 0 days.
 * m3: like m1 but acknowledged Mon 09:30, a SIP needed and invited Fri 6 Mar 12:00, more
 *     than 3 days after the ready notice (Mon 11:00) → excluded sip_invited_late; ready
 *     Mon 11:00 (day 0 = 2 Mar), discharged Fri 6 Mar 12:00 → 4 days. Not listed.
 * d1: ready Mon 1 Dec 2025 10:00, discharged Wed 3 Dec → 2 days, everything in time.
 *
 * 2025-12: 1 discharged, counted 1, average 2.0, (2.0 − 1.3) × 1 = 0.7 days × 9,000 kr =
 *          6,300 kr.
 * 2026-03: 3 discharged, counted 1 (m1), average 3.0, (3.0 − 1.3) × 1 = 1.7 days ×
 *          10,000 kr = 17,000 kr. Admission notices 2 of 3 in time; acknowledgements 2 of
 *          3 (m1 late); care contacts 2 of 3 (m2 none); SIP invitations 0 of 1. */
static GPtrArray *
make_month (void)
{
  GPtrArray *episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_report_episode_free);

  add (episodes,
       make_stay ("m1", "2026-03-02T08:00:00+01:00", "2026-03-02T09:00:00+01:00",
                  "2026-03-03T10:00:00+01:00", "2026-03-02T10:00:00+01:00",
                  "2026-03-02T10:00:00+01:00", "2026-03-05T10:00:00+01:00"),
       "Testkommun", FALSE, NULL, TRUE);
  add (episodes,
       make_stay ("m2", "2026-02-28T08:00:00+01:00", "2026-03-02T09:00:00+01:00",
                  "2026-03-02T09:30:00+01:00", NULL,
                  "2026-03-02T13:00:00+01:00", "2026-03-03T15:00:00+01:00"),
       "Testkommun", FALSE, NULL, TRUE);
  add (episodes,
       make_stay ("m3", "2026-03-02T08:00:00+01:00", "2026-03-02T09:00:00+01:00",
                  "2026-03-02T09:30:00+01:00", "2026-03-02T10:00:00+01:00",
                  "2026-03-02T11:00:00+01:00", "2026-03-06T12:00:00+01:00"),
       "Testkommun", TRUE, "2026-03-06T12:00:00+01:00", FALSE);
  add (episodes,
       make_stay ("d1", "2025-12-01T08:00:00+01:00", "2025-12-01T09:00:00+01:00",
                  "2025-12-01T09:30:00+01:00", "2025-12-01T10:00:00+01:00",
                  "2025-12-01T10:00:00+01:00", "2025-12-03T10:00:00+01:00"),
       "Testkommun", FALSE, NULL, TRUE);

  return episodes;
}

static const SpReportRate RATES[] = { { 2025, 9000 }, { 2026, 10000 } };

static JsonObject *
tally_of (JsonObject *month,
          const char *name)
{
  return json_object_get_object_member (month, name);
}

static void
assert_tally (JsonObject *month,
              const char *name,
              gint64      due,
              gint64      in_time)
{
  JsonObject *tally = tally_of (month, name);

  g_assert_cmpint (json_object_get_int_member (tally, "due"), ==, due);
  g_assert_cmpint (json_object_get_int_member (tally, "in_time"), ==, in_time);
}

static void
test_month (void)
{
  g_autoptr(GPtrArray) episodes = make_month ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *months, *listed;
  JsonObject *dec, *mar, *excluded;

  report = sp_report_compute (sp_region_profile_get (SP_REGION_STOCKHOLM), RATES,
                              G_N_ELEMENTS (RATES), episodes, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  node = sp_report_to_json (report);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (node),
                                                    "threshold_days"), ==, 1.3);
  months = json_object_get_array_member (json_node_get_object (node), "months");
  g_assert_cmpuint (json_array_get_length (months), ==, 2);

  dec = json_array_get_object_element (months, 0);
  g_assert_cmpstr (json_object_get_string_member (dec, "month"), ==, "2025-12");
  g_assert_cmpfloat (json_object_get_double_member (dec, "rate"), ==, 9000);
  g_assert_cmpint (json_object_get_int_member (dec, "liability_sek"), ==, 6300);

  mar = json_array_get_object_element (months, 1);
  g_assert_cmpstr (json_object_get_string_member (mar, "month"), ==, "2026-03");
  g_assert_cmpint (json_object_get_int_member (mar, "discharged"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (mar, "counted"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (mar, "average_days"), ==, 3.0);
  g_assert_true (json_object_get_boolean_member (mar, "over_threshold"));
  g_assert_cmpfloat (json_object_get_double_member (mar, "liability_days"), ==, 1.7);
  g_assert_cmpint (json_object_get_int_member (mar, "liability_sek"), ==, 17000);
  assert_tally (mar, "admission_notices", 3, 2);
  assert_tally (mar, "acknowledgements", 3, 2);
  assert_tally (mar, "care_contacts", 3, 2);
  assert_tally (mar, "sip_invitations", 1, 0);
  g_assert_cmpfloat (json_object_get_double_member (tally_of (mar, "admission_notices"),
                                                    "share"), ==, 0.67);

  excluded = json_object_get_object_member (mar, "excluded");
  g_assert_cmpint (json_object_get_int_member (excluded, "admission_notice_late"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (excluded, "sip_not_invited"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (excluded, "sip_invited_late"), ==, 1);
  /* m2 has no care contact either, but the notice is the first condition. */
  g_assert_cmpint (json_object_get_int_member (excluded, "care_contact_not_named"), ==, 0);

  /* m3 is not the caller's: counted in the figures, never named. */
  listed = json_object_get_array_member (mar, "episodes");
  g_assert_cmpuint (json_array_get_length (listed), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (listed, 0),
                                                  "id"), ==, "m1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (listed, 1),
                                                  "excluded"), ==, "admission_notice_late");
}

/* A reported month whose year has no rate is refused; months outside the selection need
 * none. */
static void
test_rates (void)
{
  g_autoptr(GPtrArray) episodes = make_month ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = NULL;
  g_autoptr(SpReport) march = NULL;
  g_autoptr(JsonNode) node = NULL;
  const SpRegionProfile *stockholm = sp_region_profile_get (SP_REGION_STOCKHOLM);

  report = sp_report_compute (stockholm, RATES + 1, 1, episodes, NULL, NULL, NULL, &error);
  g_assert_error (error, SP_REPORT_ERROR, SP_REPORT_ERROR_NO_RATE);
  g_assert_cmpstr (error->message, ==, "rate: no daily rate for 2025");
  g_assert_null (report);
  g_clear_error (&error);

  march = sp_report_compute (stockholm, RATES + 1, 1, episodes, "2026-03", "2026-03",
                             "Testkommun", &error);
  g_assert_no_error (error);
  node = sp_report_to_json (march);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (node), "months")), ==, 1);
}

static void
test_csv (void)
{
  g_autoptr(GPtrArray) episodes = make_month ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  report = sp_report_compute (sp_region_profile_get (SP_REGION_STOCKHOLM), RATES,
                              G_N_ELEMENTS (RATES), episodes, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  csv = sp_report_to_csv (report);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4); /* header, two months, the empty tail */
  g_assert_cmpstr (lines[0], ==,
                   "municipality,month,discharged,counted,average_days,over_threshold,"
                   "over_7_days,admission_notices_due,admission_notices_in_time,"
                   "acknowledgements_due,acknowledgements_in_time,care_contacts_due,"
                   "care_contacts_in_time,sip_invitations_due,sip_invitations_in_time,rate,"
                   "liability_days,liability_sek,trend_active,"
                   "excluded_admission_notice_late,excluded_sip_not_invited,"
                   "excluded_sip_invited_late,excluded_care_contact_not_named,"
                   "excluded_interventions_refused,distribution");
  /* m1's 3 days is the only counted one: distribution 0,0,0,1. */
  g_assert_cmpstr (lines[2], ==,
                   "\"Testkommun\",2026-03,3,1,3.00,1,0,3,2,3,2,3,2,1,0,10000.00,1.70,17000,0,"
                   "1,0,1,0,0,\"0;0;0;1\"");
  g_assert_cmpstr (lines[3], ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/report/month", test_month);
  g_test_add_func ("/core/report/rates", test_rates);
  g_test_add_func ("/core/report/csv", test_csv);

  return g_test_run ();
}
