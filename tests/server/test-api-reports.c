/* test-api-reports.c — uppföljning through the API: worked examples of the three payment
 * models, who sees what, and CSV against JSON
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stays below are made through the API; the server's clock is fixed with
 * SAMPLAN_TEST_NOW and moved by restarting it (set_now()). The ready notice is stamped with
 * that clock; admission and discharge times are sent in the bodies.
 */

#include "config.h"

#include <locale.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sp-json.h"
#include "sp-test-server.h"

/* The daily rates of the examples: 9,000 kr in 2025, 10,000 kr in 2026. */
#define RATES "rate=2025:9000,2026:10000"

#define CONSENT_SVU "{\"kind\":\"svu_exchange\",\"form\":\"oral\",\"given_by\":\"patient\"}"

/* After every discharge below: the reports are read at this time. */
#define FINAL "2026-04-20T10:00:00+02:00"

static SpTestServer *server;

typedef enum
{
  WARD,
  VC,
  VCSYD,
  VIEWER,
  N_USERS,
} User;

static const char *usernames[N_USERS] = { "ward", "vc", "vcsyd", "uppfoljare" };
static char *tokens[N_USERS];

/* One stay. Every ready notice is sent at @ready (a Monday or Tuesday, 09:00 unless said),
 * the admission 2 hours before it, or 30 hours before with @notice_late. The addressed unit
 * acknowledges the notice and names its care contact at once, or on Wednesday 4 March
 * 10:00 with @clocks_late. */
typedef struct
{
  const char *name;
  const char *municipality;
  const char *ready;
  const char *discharged;
  const char *unit;
  gboolean    notice_late;
  gboolean    clocks_late;
  char       *id;
  gint64      revision;
} Stay;

#define R_DEC    "2025-12-01T09:00:00+01:00"
#define R_JAN    "2026-01-12T09:00:00+01:00"
#define R_FEB    "2026-02-09T09:00:00+01:00"
#define R_MAR    "2026-03-02T09:00:00+01:00"
#define R_MAR_PM "2026-03-02T13:00:00+01:00"
#define R_APR    "2026-04-14T09:00:00+02:00"
#define WEDNESDAY "2026-03-04T10:00:00+01:00"

/* Days after ready (12:00 rule: before noon the ready date is day 0) in the comments. */
static Stay stays[] = {
  { "X1", "Annanstad",  R_DEC,    "2025-12-04T11:00:00+01:00", "vc-norr" },          /* 3 */
  { "A1", "Testkommun", R_JAN,    "2026-01-16T11:00:00+01:00", "vc-norr" },          /* 4 */
  { "A2", "Testkommun", R_JAN,    "2026-01-17T11:00:00+01:00", "vc-norr" },          /* 5 */
  { "B1", "Testkommun", R_FEB,    "2026-02-13T11:00:00+01:00", "vc-norr" },          /* 4 */
  { "C1", "Testkommun", R_MAR,    "2026-03-04T11:00:00+01:00", "vc-norr" },          /* 2 */
  { "C2", "Testkommun", R_MAR,    "2026-03-06T11:00:00+01:00", "vc-norr" },          /* 4 */
  { "C3", "Testkommun", R_MAR,    "2026-03-08T11:00:00+01:00", "vc-norr" },          /* 6 */
  { "C4", "Testkommun", R_MAR,    "2026-03-11T11:00:00+01:00", "vc-norr", FALSE, TRUE }, /* 9 */
  { "C5", "Testkommun", R_MAR,    "2026-03-05T11:00:00+01:00", "vc-norr", TRUE },    /* 3, excluded */
  { "C6", "Testkommun", R_MAR_PM, "2026-03-05T11:00:00+01:00", "vc-norr" },          /* 2: day 0 is 3 Mar */
  { "H1", "Annanstad",  R_MAR,    "2026-03-05T11:00:00+01:00", "hsl-test" },         /* 3, no care contact */
  { "D1", "Testkommun", R_APR,    "2026-04-16T11:00:00+02:00", "vc-norr" },          /* 2 */
};

static void
sign_in (User user)
{
  g_free (tokens[user]);
  tokens[user] = sp_test_server_sign_in (server, usernames[user]);
}

static void
set_now (const char *iso)
{
  g_setenv ("SAMPLAN_TEST_NOW", iso, TRUE);
  sp_test_server_kill (server);
  sp_test_server_restart (server);
}

static void
request (const char     *method,
         const char     *path,
         User            user,
         const char     *body,
         SpTestResponse *out)
{
  static guint counter = 0;
  g_autofree char *key = g_strdup_printf ("report-key-%u", ++counter);

  sp_test_server_request (server, method, path, tokens[user],
                          g_strcmp0 (method, "GET") != 0 ? key : NULL, body, out);
  if (out->status >= 300 && g_strcmp0 (method, "GET") != 0)
    g_error ("%s %s: %u %s", method, path, out->status, out->body);
}

/* A transition on the stay's episode, keeping its revision. */
static void
act (Stay       *stay,
     User        user,
     const char *what,
     const char *members)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/%s", stay->id, what);
  g_autofree char *body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT "%s%s}",
                                           stay->revision, *members != '\0' ? "," : "",
                                           members);

  request ("POST", path, user, body, &r);
  stay->revision = json_object_get_int_member (sp_test_response_object (&r), "revision");
}

static char *
shift (const char *iso,
       int         hours)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) shifted = g_date_time_add_hours (time, hours);

  return g_date_time_format_iso8601 (shifted);
}

static void
admit (Stay *stay)
{
  g_auto(SpTestResponse) patient = { 0 };
  g_auto(SpTestResponse) episode = { 0 };
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *admitted = shift (stay->ready, stay->notice_late ? -30 : -2);
  g_autofree char *patient_body = g_strdup_printf (
    "{\"identity\":\"%s\",\"given_name\":\"Stina%s\",\"family_name\":\"Rapportsson\","
    "\"municipality\":{\"code\":\"9991\",\"name\":\"%s\"}}", identity, stay->name,
    stay->municipality);
  g_autofree char *episode_body = NULL;

  request ("POST", "/api/v1/patients", WARD, patient_body, &patient);
  episode_body = g_strdup_printf (
    "{\"patient_id\":\"%s\",\"addressing\":[{\"unit\":\"%s\",\"role\":\"recipient\"}],"
    "\"reason_for_contact\":\"Fall\",\"admitted_at\":\"%s\",\"consents\":[" CONSENT_SVU "]}",
    json_object_get_string_member (sp_test_response_object (&patient), "id"), stay->unit,
    admitted);
  request ("POST", "/api/v1/episodes", WARD, episode_body, &episode);
  stay->id = g_strdup (json_object_get_string_member (sp_test_response_object (&episode), "id"));
  stay->revision = json_object_get_int_member (sp_test_response_object (&episode), "revision");
}

/* The addressed unit's part: acknowledge the notice, name a care contact. */
static void
answer (Stay *stay)
{
  User user = g_str_equal (stay->unit, "vc-norr") ? VC : N_USERS;

  if (user == N_USERS)
    return; /* hsl-test names no care contact; its acknowledgement is not needed here */

  act (stay, user, "acknowledgements", "\"notice\":\"admission\"");
  act (stay, user, "care-contacts", "\"name\":\"Karin Kontakt\",\"phone\":\"08-000 00 00\"");
}

/* Every stay, in the order of its ready notice; then every discharge at FINAL. */
static void
seed (void)
{
  const char *ready_times[] = { R_DEC, R_JAN, R_FEB, R_MAR, R_MAR_PM, R_APR };

  for (guint t = 0; t < G_N_ELEMENTS (ready_times); t++)
    {
      set_now (ready_times[t]);
      sign_in (WARD);
      sign_in (VC);
      for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
        {
          if (!g_str_equal (stays[i].ready, ready_times[t]))
            continue;
          admit (&stays[i]);
          if (!stays[i].clocks_late)
            answer (&stays[i]);
          act (&stays[i], WARD, "ready", "");
        }

      /* C4's vårdcentral acknowledges and names its care contact two days late. */
      if (g_str_equal (ready_times[t], R_MAR))
        {
          set_now (WEDNESDAY);
          sign_in (VC);
          answer (&stays[7]);
        }
    }

  set_now (FINAL);
  for (guint u = 0; u < N_USERS; u++)
    sign_in (u);
  for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
    {
      g_autofree char *members = g_strdup_printf ("\"at\":\"%s\"", stays[i].discharged);

      act (&stays[i], WARD, "discharge", members);
    }
}

/* ---- reading the reports ---- */

static JsonObject *
get_report (User        user,
            const char *query,
            SpTestResponse *out)
{
  g_autofree char *path = g_strconcat ("/api/v1/reports/months?" RATES "&", query, NULL);

  request ("GET", path, user, NULL, out);
  if (out->status != 200)
    g_error ("GET %s: %u %s", path, out->status, out->body);

  return sp_test_response_object (out);
}

static JsonObject *
find_month (JsonObject *report,
            const char *municipality,
            const char *month)
{
  JsonArray *months = json_object_get_array_member (report, "months");

  for (guint i = 0; i < json_array_get_length (months); i++)
    {
      JsonObject *object = json_array_get_object_element (months, i);

      if (g_str_equal (json_object_get_string_member (object, "municipality"), municipality) &&
          g_str_equal (json_object_get_string_member (object, "month"), month))
        return object;
    }

  return NULL;
}

static void
assert_liability (JsonObject *report,
                  const char *municipality,
                  const char *month,
                  double      days,
                  gint64      sek)
{
  JsonObject *object = find_month (report, municipality, month);

  if (object == NULL)
    g_error ("no %s %s", municipality, month);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "liability_days"), days,
                                  1e-9);
  g_assert_cmpint (json_object_get_int_member (object, "liability_sek"), ==, sek);
}

/* VGR, threshold 3.0, over 7 days charged individually from day 4 (DOMAIN §10):
 * Annanstad 2025-12: X1 3 days, average 3.0, not over → 0.
 * Testkommun 2026-01: 4 and 5, average 4.5 → (4.5 − 3.0) × 2 = 3.0 days → 30,000 kr.
 * 2026-02: 4 → 1.0 day → 10,000 kr.
 * 2026-03: C5 excluded (notice late); C4's 9 days leave the average: (9 − 3) = 6 days;
 *          2, 4, 6, 2 → average 3.5 → (3.5 − 3.0) × 4 = 2.0 days; 8.0 days → 80,000 kr.
 * 2026-04: 2 → average 2.0 → 0.
 * Annanstad 2026-03: H1 is counted though no care contact was named (only Stockholm asks
 * for one): 3 days, average 3.0, not over → 0. */
static void
test_vgr (void)
{
  g_auto(SpTestResponse) r = { 0 };
  JsonObject *report = get_report (WARD, "profile=vgr", &r);
  JsonObject *march = find_month (report, "Testkommun", "2026-03");

  g_assert_cmpfloat (json_object_get_double_member (report, "threshold_days"), ==, 3.0);
  assert_liability (report, "Annanstad", "2025-12", 0, 0);
  assert_liability (report, "Testkommun", "2026-01", 3.0, 30000);
  assert_liability (report, "Testkommun", "2026-02", 1.0, 10000);
  assert_liability (report, "Testkommun", "2026-03", 8.0, 80000);
  assert_liability (report, "Testkommun", "2026-04", 0, 0);

  g_assert_cmpfloat (json_object_get_double_member (march, "average_days"), ==, 3.5);
  g_assert_cmpfloat (json_object_get_double_member (march, "individual_days"), ==, 6.0);
  g_assert_cmpfloat (json_object_get_double_member (march, "average_part_days"), ==, 2.0);
  g_assert_cmpint (json_object_get_int_member (march, "over_7_days"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (march, "discharged"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (march, "counted"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (find_month (report, "Annanstad", "2026-03"),
                                               "counted"), ==, 1);
}

/* Stockholm, threshold 1.3 on every counted episode's average:
 * Annanstad 2025-12: (3 − 1.3) × 1 = 1.7 days × 9,000 = 15,300 kr.
 * Annanstad 2026-03: H1 is excluded, care_contact_not_named (002: "en fast vårdkontakt är
 * utsedd"; hsl-test named none) → nothing counted, 0 kr.
 * Testkommun 2026-01: 9 − 1.3 × 2 = 6.4 days → 64,000 kr. 2026-02: 4 − 1.3 = 2.7 → 27,000.
 * 2026-03: 2 + 4 + 6 + 9 + 2 = 23 over 5 (average 4.6) → 23 − 6.5 = 16.5 → 165,000 kr.
 * 2026-04: 2 − 1.3 = 0.7 → 7,000 kr.
 * March's clocks (Stockholm: 24 weekday hours): notices 5 of 6 in time (C5), acknowledgements
 * and care contacts 5 of 6 (C4's came Wednesday, due Tuesday 09:00); no SIP was needed. The
 * 12:00 rule: C6, ready at 13:00, counts from 3 March: 2 days. */
static void
test_stockholm (void)
{
  g_auto(SpTestResponse) r = { 0 };
  JsonObject *report = get_report (WARD, "profile=stockholm", &r);
  JsonObject *march = find_month (report, "Testkommun", "2026-03");
  JsonArray *distribution = json_object_get_array_member (march, "distribution");
  const gint64 expected_distribution[] = { 0, 0, 2, 0, 1, 0, 1, 0, 0, 1 };
  const char *tallies[] = { "admission_notices", "acknowledgements", "care_contacts" };
  JsonObject *annanstad, *h1;

  assert_liability (report, "Annanstad", "2025-12", 1.7, 15300);
  assert_liability (report, "Annanstad", "2026-03", 0, 0);
  assert_liability (report, "Testkommun", "2026-01", 6.4, 64000);
  assert_liability (report, "Testkommun", "2026-02", 2.7, 27000);
  assert_liability (report, "Testkommun", "2026-03", 16.5, 165000);
  assert_liability (report, "Testkommun", "2026-04", 0.7, 7000);
  g_assert_cmpfloat (json_object_get_double_member (march, "average_days"), ==, 4.6);

  g_assert_cmpuint (json_array_get_length (distribution), ==, G_N_ELEMENTS (expected_distribution));
  for (guint d = 0; d < G_N_ELEMENTS (expected_distribution); d++)
    g_assert_cmpint (json_array_get_int_element (distribution, d), ==, expected_distribution[d]);

  for (guint i = 0; i < G_N_ELEMENTS (tallies); i++)
    {
      JsonObject *tally = json_object_get_object_member (march, tallies[i]);

      g_assert_cmpint (json_object_get_int_member (tally, "due"), ==, 6);
      g_assert_cmpint (json_object_get_int_member (tally, "in_time"), ==, 5);
      g_assert_cmpfloat (json_object_get_double_member (tally, "share"), ==, 0.83);
    }
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (march,
                                                                              "sip_invitations"),
                                               "due"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (march, "excluded"),
                                               "admission_notice_late"), ==, 1);

  /* The ward may see H1: the month counts it under its reason and lists it with it. */
  annanstad = find_month (report, "Annanstad", "2026-03");
  h1 = json_array_get_object_element (json_object_get_array_member (annanstad, "episodes"), 0);
  g_assert_cmpint (json_object_get_int_member (annanstad, "discharged"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (annanstad, "counted"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (annanstad,
                                                                              "excluded"),
                                               "care_contact_not_named"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (h1, "id"), ==, stays[10].id);
  g_assert_cmpstr (json_object_get_string_member (h1, "excluded"), ==, "care_contact_not_named");
  g_assert_false (json_object_get_boolean_member (h1, "charged"));
}

/* Västerbotten: over 3.0 for three months in a row → from month four every counted day
 * from day 1 is paid. Testkommun January 4.5, February 4.0, March 23 / 5 = 4.6: all over,
 * none active (fewer than three months before). April: active → D1's 2 days × 10,000 =
 * 20,000 kr. Annanstad never three months over → 0. */
static void
test_vasterbotten (void)
{
  g_auto(SpTestResponse) r = { 0 };
  JsonObject *report = get_report (WARD, "profile=vasterbotten", &r);
  JsonObject *april = find_month (report, "Testkommun", "2026-04");
  JsonObject *trend = json_object_get_object_member (april, "trend");
  JsonArray *previous = json_object_get_array_member (trend, "previous_averages");

  assert_liability (report, "Testkommun", "2026-01", 0, 0);
  assert_liability (report, "Testkommun", "2026-02", 0, 0);
  assert_liability (report, "Testkommun", "2026-03", 0, 0);
  assert_liability (report, "Testkommun", "2026-04", 2.0, 20000);
  assert_liability (report, "Annanstad", "2026-03", 0, 0);

  g_assert_true (json_object_get_boolean_member (trend, "active"));
  g_assert_cmpfloat (json_array_get_double_element (previous, 0), ==, 4.5);
  g_assert_cmpfloat (json_array_get_double_element (previous, 1), ==, 4.0);
  g_assert_cmpfloat (json_array_get_double_element (previous, 2), ==, 4.6);
  g_assert_false (json_object_get_boolean_member (
    json_object_get_object_member (find_month (report, "Testkommun", "2026-03"), "trend"),
    "active"));
}

/* The selection: months and municipality; a year without a rate is refused. */
static void
test_selection (void)
{
  g_auto(SpTestResponse) r = { 0 };
  g_auto(SpTestResponse) refused = { 0 };
  JsonObject *report = get_report (WARD, "profile=vgr&from=2026-02&to=2026-03&municipality="
                                   "Testkommun", &r);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "months")), ==,
                    2);
  g_assert_nonnull (find_month (report, "Testkommun", "2026-02"));
  g_assert_nonnull (find_month (report, "Testkommun", "2026-03"));

  request ("GET", "/api/v1/reports/months?rate=2026:10000", WARD, NULL, &refused);
  sp_test_response_assert_error (&refused, 422, "invalid", "rate");
}

/* A unit counts only what it may see; a report viewer counts every unit's but is told no
 * episode or patient; an unaddressed unit without the role sees nothing. */
static void
test_visibility (void)
{
  g_auto(SpTestResponse) ward = { 0 };
  g_auto(SpTestResponse) vc = { 0 };
  g_auto(SpTestResponse) viewer = { 0 };
  g_auto(SpTestResponse) outsider = { 0 };
  JsonObject *ward_report = get_report (WARD, "profile=stockholm", &ward);
  JsonObject *vc_report = get_report (VC, "profile=stockholm", &vc);
  JsonObject *viewer_report = get_report (VIEWER, "profile=stockholm", &viewer);
  JsonObject *outsider_report = get_report (VCSYD, "profile=stockholm", &outsider);
  JsonArray *ward_months = json_object_get_array_member (ward_report, "months");
  JsonArray *viewer_months = json_object_get_array_member (viewer_report, "months");

  /* H1 was addressed to hsl-test only. */
  g_assert_nonnull (find_month (ward_report, "Annanstad", "2026-03"));
  g_assert_null (find_month (vc_report, "Annanstad", "2026-03"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    find_month (vc_report, "Testkommun", "2026-03"), "episodes")), ==, 6);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (outsider_report,
                                                                         "months")), ==, 0);

  /* The viewer's figures are the ward's, without the episodes behind them. */
  g_assert_cmpuint (json_array_get_length (viewer_months), ==, json_array_get_length (ward_months));
  for (guint i = 0; i < json_array_get_length (viewer_months); i++)
    {
      JsonObject *month = json_array_get_object_element (viewer_months, i);
      JsonObject *same = json_array_get_object_element (ward_months, i);

      g_assert_cmpint (json_object_get_int_member (month, "liability_sek"), ==,
                       json_object_get_int_member (same, "liability_sek"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (month, "episodes")),
                        ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
    {
      g_autofree char *given = g_strconcat ("Stina", stays[i].name, NULL);

      g_assert_null (strstr (viewer.body, stays[i].id));
      g_assert_null (strstr (viewer.body, given));
      g_assert_nonnull (strstr (ward.body, stays[i].id));
    }
  g_assert_null (strstr (viewer.body, "Rapportsson"));
  g_assert_null (strstr (viewer.body, "patient"));
}

/* GET with its own Accept header: the harness sends none. */
static char *
get_with_accept (const char  *path,
                 const char  *accept,
                 char       **out_type)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (sp_test_server_get_uri (server), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", tokens[WARD], NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept", accept);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  *out_type = g_strdup (soup_message_headers_get_content_type (
    soup_message_get_response_headers (msg), NULL));

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static double
csv_number (GStrv       header,
            GStrv       cells,
            const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return g_ascii_strtod (cells[i], NULL);

  g_error ("no column %s", name);
}

/* Every month's figures in CSV are the JSON's, through ?format=csv and Accept: text/csv. */
static void
test_csv (void)
{
  const char *profiles[] = { "vgr", "stockholm", "vasterbotten" };

  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    {
      g_auto(SpTestResponse) json = { 0 };
      g_auto(SpTestResponse) csv = { 0 };
      g_autofree char *query = g_strconcat ("profile=", profiles[p], NULL);
      g_autofree char *path = g_strconcat ("/api/v1/reports/months?" RATES "&", query, NULL);
      g_autofree char *csv_path = g_strconcat (path, "&format=csv", NULL);
      g_autofree char *type = NULL;
      g_autofree char *accepted = get_with_accept (path, "text/csv", &type);
      JsonArray *months = json_object_get_array_member (get_report (WARD, query, &json),
                                                        "months");
      g_auto(GStrv) lines = NULL;
      g_auto(GStrv) header = NULL;

      request ("GET", csv_path, WARD, NULL, &csv);
      g_assert_cmpuint (csv.status, ==, 200);
      g_assert_cmpstr (type, ==, "text/csv");
      g_assert_cmpstr (accepted, ==, csv.body);

      lines = g_strsplit (csv.body, "\r\n", -1);
      header = g_strsplit (lines[0], ",", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, json_array_get_length (months) + 2);
      for (guint i = 0; i < json_array_get_length (months); i++)
        {
          JsonObject *month = json_array_get_object_element (months, i);
          g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", -1);
          const char *ints[] = { "discharged", "counted", "over_7_days", "liability_sek" };
          const char *doubles[] = { "average_days", "liability_days", "rate" };
          g_autofree char *municipality =
            g_strdup_printf ("\"%s\"", json_object_get_string_member (month, "municipality"));

          g_assert_cmpstr (cells[0], ==, municipality);
          g_assert_cmpstr (cells[1], ==, json_object_get_string_member (month, "month"));
          for (guint k = 0; k < G_N_ELEMENTS (ints); k++)
            g_assert_cmpfloat (csv_number (header, cells, ints[k]), ==,
                               json_object_get_int_member (month, ints[k]));
          for (guint k = 0; k < G_N_ELEMENTS (doubles); k++)
            g_assert_cmpfloat_with_epsilon (csv_number (header, cells, doubles[k]),
                                            json_object_get_double_member (month, doubles[k]),
                                            1e-9);
          g_assert_cmpfloat (csv_number (header, cells, "acknowledgements_in_time"), ==,
                             json_object_get_int_member (
                               json_object_get_object_member (month, "acknowledgements"),
                               "in_time"));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_setenv ("SAMPLAN_TEST_NOW", R_DEC, TRUE);
  server = sp_test_server_start ("stockholm");
  /* A report viewer works at the unaddressed vårdcentral: only the role lets it count. */
  {
    g_autoptr(GSubprocess) process = NULL;
    g_autoptr(GError) error = NULL;

    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                                &error, g_getenv ("SAMPLAN_SERVER"), "add-user", "--db",
                                sp_test_server_get_db (server), "--username", "uppfoljare",
                                "--name", "Gun Uppföljare", "--title", "Processledare",
                                "--units", "vc-syd", "--roles", "staff,report_viewer", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (process, SP_TEST_PASSWORD "\n", NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_successful (process));
  }
  seed ();

  g_test_add_func ("/server/api/reports/vgr", test_vgr);
  g_test_add_func ("/server/api/reports/stockholm", test_stockholm);
  g_test_add_func ("/server/api/reports/vasterbotten", test_vasterbotten);
  g_test_add_func ("/server/api/reports/selection", test_selection);
  g_test_add_func ("/server/api/reports/visibility", test_visibility);
  g_test_add_func ("/server/api/reports/csv", test_csv);

  status = g_test_run ();
  sp_test_server_stop (server);
  for (guint i = 0; i < N_USERS; i++)
    g_free (tokens[i]);
  for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
    g_free (stays[i].id);

  return status;
}
