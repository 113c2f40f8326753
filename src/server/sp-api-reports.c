/* sp-api-reports.c — uppföljning: lead times and payment liability per municipality and month
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DOMAIN §7 and §10 over the discharged episodes the caller may count: a unit its own
 * episodes; a report viewer every unit's, as figures without identity. The episodes behind
 * a figure are named only to a caller whose unit may see them. The figures are sp-report's.
 */

#define G_LOG_DOMAIN "sp-api-reports"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sp-api.h"
#include "sp-api-episodes-private.h"
#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-json.h"
#include "sp-report.h"
#include "sp-server-error.h"

/* The store is read this many episodes at a time. */
#define SCAN_BATCH 500

/* Years with their own daily rate in one request. */
#define MAX_RATES 20

#define MAX_MUNICIPALITY 128

static void get_months (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "GET", "/api/v1/reports/months", get_months, 0 },
};

const SpRoute *
sp_api_report_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

typedef struct
{
  const SpRegionProfile *profile;
  const char            *from;
  const char            *to;
  const char            *municipality;
  GArray                *rates;   /* SpReportRate */
  gboolean               csv;
  gboolean               all_units;
} Query;

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->rates, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

static gboolean
fail_invalid (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, message);
  return FALSE;
}

/* "YYYY-MM" with a real month. */
static gboolean
get_month (SpRequest   *request,
           const char  *name,
           const char **out_month,
           GError     **error)
{
  const char *text = sp_request_get_query (request, name);
  guint month;

  *out_month = text;
  if (text == NULL)
    return TRUE;

  if (strlen (text) != 7 || text[4] != '-' || !g_ascii_isdigit (text[0]) ||
      !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]) ||
      (month = atoi (text + 5)) < 1 || month > 12)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: a month, YYYY-MM", name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_amount (const char *text,
              double     *out_amount)
{
  char *end = NULL;

  *out_amount = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *out_amount >= 0 && *out_amount <= 1e9;
}

/* "9500" for every year, or "2025:9380,2026:9500": Socialstyrelsen sets it yearly. */
static gboolean
get_rates (SpRequest  *request,
           Query      *query,
           GError    **error)
{
  const char *text = sp_request_get_query (request, "rate");
  g_auto(GStrv) parts = NULL;
  double amount;

  query->rates = g_array_new (FALSE, FALSE, sizeof (SpReportRate));
  if (text == NULL)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "rate: the daily rate in kronor is required");
      return FALSE;
    }

  if (parse_amount (text, &amount))
    {
      for (guint year = 2000; year <= 2100; year++)
        {
          SpReportRate rate = { year, amount };

          g_array_append_val (query->rates, rate);
        }
      return TRUE;
    }

  parts = g_strsplit (text, ",", MAX_RATES + 1);
  if (g_strv_length (parts) > MAX_RATES)
    return fail_invalid (error, "rate: at most 20 years");

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *colon = strchr (parts[i], ':');
      SpReportRate rate;

      if (colon == NULL || colon - parts[i] != 4 || !parse_amount (colon + 1, &amount) ||
          (rate.year = atoi (parts[i])) < 2000 || rate.year > 2100)
        return fail_invalid (error, "rate: kronor, or YEAR:KRONOR,YEAR:KRONOR");
      rate.rate_sek = amount;
      g_array_append_val (query->rates, rate);
    }

  return TRUE;
}

static gboolean
wants_csv (SpRequest *request)
{
  const char *format = sp_request_get_query (request, "format");
  const char *accept = sp_request_get_header (request, "Accept");

  if (format != NULL)
    return g_str_equal (format, "csv");

  return accept != NULL && strstr (accept, "text/csv") != NULL;
}

static gboolean
parse_query (SpServer   *server,
             SpRequest  *request,
             Query      *query,
             GError    **error)
{
  const char *profile = sp_request_get_query (request, "profile");
  const char *format = sp_request_get_query (request, "format");

  query->profile = profile != NULL ? sp_region_profile_lookup (profile)
                                   : sp_server_get_profile (server);
  if (query->profile == NULL)
    return fail_invalid (error, "profile: vgr, stockholm or vasterbotten");

  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return fail_invalid (error, "format: csv or json");

  query->municipality = sp_request_get_query (request, "municipality");
  if (query->municipality != NULL &&
      (*query->municipality == '\0' || strlen (query->municipality) > MAX_MUNICIPALITY ||
       !g_utf8_validate (query->municipality, -1, NULL)))
    return fail_invalid (error, "municipality: 1 to 128 bytes of UTF-8");

  query->csv = wants_csv (request);
  query->all_units = sp_session_has_role (request->session, SP_ROLE_REPORT_VIEWER);

  return get_month (request, "from", &query->from, error) &&
         get_month (request, "to", &query->to, error) &&
         get_rates (request, query, error);
}

/* Whether the episode's discharge falls in the selected months and municipality. */
static gboolean
is_reported (SpEpisode   *episode,
             const char  *municipality,
             const Query *query)
{
  g_autofree char *month = NULL;
  GDate date;

  sp_calendar_get_local_date (sp_episode_get_discharged_at (episode), &date);
  month = g_strdup_printf ("%04u-%02u", g_date_get_year (&date), g_date_get_month (&date));

  return (query->from == NULL || strcmp (month, query->from) >= 0) &&
         (query->to == NULL || strcmp (month, query->to) <= 0) &&
         (query->municipality == NULL || g_str_equal (municipality, query->municipality));
}

/* One stored episode into @episodes, if it is discharged and the caller may count it; a
 * listed one shown in the report goes into @shown for the audit log. */
static void
add_episode (SpServer    *server,
             SpRequest   *request,
             SpRecord    *record,
             const Query *query,
             GPtrArray   *episodes,
             GPtrArray   *kept,
             GArray      *shown)
{
  g_autoptr(JsonNode) node = sp_api_record_to_json (record, NULL);
  g_autoptr(SpEpisode) episode = node != NULL ? sp_episode_new_from_json (node, NULL) : NULL;
  g_auto(Facts) facts = { 0 };
  const char *municipality = NULL;
  gboolean listed, sip_needed;

  if (episode == NULL || sp_episode_get_state (episode) != SP_EPISODE_STATE_DISCHARGED)
    return;

  listed = sp_access_may_see_episode (episode, sp_api_unit_id (request));
  if (!listed && !query->all_units)
    return;

  sp_api_episodes_ensure_patient (server, episode, &facts);
  sp_api_episodes_ensure_track (server, episode, &facts);
  if (facts.patient != NULL)
    municipality = sp_patient_get_municipality_name (facts.patient);
  /* The liable municipality is the folkbokföringskommun; the registry has no placing one. */
  if (municipality == NULL || *municipality == '\0')
    municipality = "?";

  /* A SIP is needed on the yellow and red tracks (DOMAIN §6), as the overview's clock. */
  sip_needed = facts.track_known && facts.track >= SP_TRACK_GUL;
  g_ptr_array_add (episodes,
                   sp_report_episode_new (query->profile, episode, municipality, sip_needed,
                                          facts.sip_invited_at, listed));

  if (listed && is_reported (episode, municipality, query))
    {
      SpAuditSubject subject = { sp_episode_get_patient_id (episode), "episode",
                                 sp_episode_get_id (episode) };

      g_array_append_val (shown, subject);
      g_ptr_array_add (kept, g_steal_pointer (&episode));
    }
}

static gboolean
collect_episodes (SpServer     *server,
                  SpRequest    *request,
                  const Query  *query,
                  GPtrArray    *episodes,
                  GPtrArray    *kept,
                  GArray       *shown,
                  GError      **error)
{
  SpStore *store = sp_server_get_store (server);
  g_autofree char *term = query->all_units
                          ? g_strdup ("state:discharged")
                          : g_strconcat ("unit:", sp_api_unit_id (request), NULL);

  for (guint offset = 0;; offset += SCAN_BATCH)
    {
      g_autoptr(GPtrArray) records = sp_store_list (store, "episode", term, offset, SCAN_BATCH,
                                                    error);

      if (records == NULL)
        return FALSE;

      for (guint i = 0; i < records->len; i++)
        add_episode (server, request, g_ptr_array_index (records, i), query, episodes, kept,
                     shown);

      if (records->len < SCAN_BATCH)
        return TRUE;
    }
}

/* The server answers JSON (sp_request_send() names that type): a CSV answer holds the
 * message until the answer is set, then names its own. */
static gboolean
name_csv_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  if (soup_server_message_get_status (msg) == SOUP_STATUS_OK)
    soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                           "text/csv; charset=utf-8", NULL);
  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

static void
respond_csv (SpRequest *request,
             char      *csv)
{
  g_free (request->response);
  request->response = csv;
  request->status = 200;

  soup_server_message_pause (request->msg);
  g_idle_add_full (G_PRIORITY_HIGH, name_csv_cb, g_object_ref (request->msg), g_object_unref);
}

/* What was asked, as the record of the reading. */
static char *
describe_query (SpRequest *request)
{
  const char *names[] = { "profile", "from", "to", "municipality" };
  GString *text = g_string_new ("months");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = sp_request_get_query (request, names[i]);

      if (value != NULL)
        g_string_append_printf (text, ",%s:%s", names[i], value);
    }

  return g_string_free (text, FALSE);
}

/* GET /api/v1/reports/months?rate=…[&profile=…&from=YYYY-MM&to=YYYY-MM&municipality=…]
 * [&format=csv]: see docs/api.md (Uppföljning). */
static void
get_months (gpointer   server,
            SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(GPtrArray) episodes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sp_report_episode_free);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (SpAuditSubject));
  g_autoptr(SpReport) report = NULL;
  g_autofree char *description = NULL;
  g_auto(Query) query = { 0 };

  if (!parse_query (server, request, &query, &error) ||
      !collect_episodes (server, request, &query, episodes, kept, shown, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  report = sp_report_compute (query.profile, (SpReportRate *) (gpointer) query.rates->data,
                              query.rates->len, episodes, query.from, query.to,
                              query.municipality, &error);
  if (report == NULL)
    {
      /* The message starts with the parameter ("rate: no daily rate for 2025"). */
      if (g_error_matches (error, SP_REPORT_ERROR, SP_REPORT_ERROR_NO_RATE))
        {
          error->domain = SP_JSON_ERROR;
          error->code = SP_JSON_ERROR_INVALID;
        }
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  /* The figures name no patient: one "read" of the report; each listed episode a "list". */
  description = describe_query (request);
  if (!sp_audit_log (store, request, now, "read", NULL, "report", description, &error) ||
      !sp_audit_log_many (store, request, now, "list", (SpAuditSubject *) shown->data,
                          shown->len, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  if (query.csv)
    {
      respond_csv (request, sp_report_to_csv (report));
    }
  else
    {
      g_autoptr(JsonNode) node = sp_report_to_json (report);

      sp_request_respond (request, 200, node);
    }
}
