/* sp-report-json.c — the uppföljning as JSON and as CSV: the same numbers in both
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-report"

#include "config.h"

#include <math.h>

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-report-private.h"

static double
round_2 (double value)
{
  return round (value * 100) / 100;
}

static gboolean
is_over_threshold (SpReport *self,
                   SpReportMonth    *month)
{
  return sp_liability_entry_get_average_days (month->entry) >
         self->profile->liability_threshold_days;
}

static JsonNode *
tally_to_json (const SpReportTally *tally)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "due", tally->due);
  json_object_set_int_member (object, "in_time", tally->in_time);
  if (tally->due > 0)
    json_object_set_double_member (object, "share", round_2 ((double) tally->in_time / tally->due));
  else
    json_object_set_null_member (object, "share");

  return sp_json_node_new_object (object);
}

static JsonNode *
trend_to_json (SpLiabilityEntry *entry)
{
  JsonObject *object = json_object_new ();
  JsonArray *averages = json_array_new ();

  for (guint i = 0; i < sp_liability_entry_get_n_previous_months (entry); i++)
    {
      double average = sp_liability_entry_get_previous_average (entry, i);

      if (isnan (average))
        json_array_add_null_element (averages);
      else
        json_array_add_double_element (averages, round_2 (average));
    }

  json_object_set_array_member (object, "previous_averages", averages);
  json_object_set_boolean_member (object, "active", sp_liability_entry_get_active (entry));

  return sp_json_node_new_object (object);
}

/* The episodes behind the figures, only those the caller may see. */
static JsonNode *
episodes_to_json (SpReport *self,
                  SpReportMonth    *month)
{
  JsonArray *array = json_array_new ();
  const SpLiabilityRow *rows;
  JsonNode *node;
  guint n_rows;

  rows = sp_liability_entry_get_rows (month->entry, &n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      SpReportEpisode *episode = g_hash_table_lookup (self->by_id, rows[i].id);
      JsonObject *object;

      if (!episode->listed)
        continue;

      object = json_object_new ();
      json_object_set_string_member (object, "id", rows[i].id);
      json_object_set_int_member (object, "days", rows[i].days);
      if (rows[i].exclusion != SP_LIABILITY_EXCLUSION_NONE)
        sp_json_set_enum (object, "excluded", SP_TYPE_LIABILITY_EXCLUSION, rows[i].exclusion);
      else
        json_object_set_null_member (object, "excluded");
      json_object_set_boolean_member (object, "individual", rows[i].individual);
      json_object_set_boolean_member (object, "charged", rows[i].charged);
      for (guint c = 0; c < SP_REPORT_N_CLOCKS; c++)
        json_object_set_member (object, sp_enum_to_nick (SP_TYPE_REPORT_CLOCK, c),
                                tally_to_json (&episode->tallies[c]));
      json_array_add_object_element (array, object);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static JsonNode *
month_to_json (SpReport *self,
               SpReportMonth    *month)
{
  SpLiabilityEntry *entry = month->entry;
  JsonObject *object = json_object_new ();
  JsonObject *excluded = json_object_new ();
  JsonArray *distribution = json_array_new ();
  const guint *values;
  guint n_values, n_rows;

  sp_liability_entry_get_rows (entry, &n_rows);
  json_object_set_string_member (object, "municipality",
                                 sp_liability_entry_get_municipality (entry));
  json_object_set_string_member (object, "month", sp_liability_entry_get_month (entry));
  json_object_set_int_member (object, "discharged", n_rows);
  json_object_set_int_member (object, "counted", sp_liability_entry_get_discharged (entry));
  json_object_set_double_member (object, "average_days",
                                 round_2 (sp_liability_entry_get_average_days (entry)));
  json_object_set_boolean_member (object, "over_threshold", is_over_threshold (self, month));
  json_object_set_int_member (object, "over_7_days", sp_liability_entry_get_over_7_days (entry));

  values = sp_liability_entry_get_distribution (entry, &n_values);
  for (guint d = 0; d < n_values; d++)
    json_array_add_int_element (distribution, values[d]);
  json_object_set_array_member (object, "distribution", distribution);

  for (guint c = 0; c < SP_REPORT_N_CLOCKS; c++)
    json_object_set_member (object, sp_enum_to_nick (SP_TYPE_REPORT_CLOCK, c),
                            tally_to_json (&month->tallies[c]));

  json_object_set_double_member (object, "rate", month->rate);
  json_object_set_double_member (object, "liability_days",
                                 sp_liability_entry_get_liability_days (entry));
  json_object_set_int_member (object, "liability_sek", sp_liability_entry_get_liability_sek (entry));
  if (self->profile->liability_model == SP_LIABILITY_MODEL_VGR)
    {
      json_object_set_double_member (object, "individual_days",
                                     sp_liability_entry_get_individual_days (entry));
      json_object_set_double_member (object, "average_part_days",
                                     sp_liability_entry_get_average_part_days (entry));
    }
  if (self->profile->liability_model == SP_LIABILITY_MODEL_VASTERBOTTEN)
    json_object_set_member (object, "trend", trend_to_json (entry));

  for (guint r = SP_LIABILITY_EXCLUSION_ADMISSION_NOTICE_LATE; r < G_N_ELEMENTS (month->excluded);
       r++)
    json_object_set_int_member (excluded, sp_enum_to_nick (SP_TYPE_LIABILITY_EXCLUSION, r),
                                month->excluded[r]);
  json_object_set_object_member (object, "excluded", excluded);
  json_object_set_member (object, "episodes", episodes_to_json (self, month));

  return sp_json_node_new_object (object);
}

/**
 * sp_report_to_json:
 *
 * `{"profile", "threshold_days", "months": [{"municipality", "month", "discharged",
 * "counted", "average_days", "over_threshold", "over_7_days", "distribution",
 * "admission_notices" | "acknowledgements" | "care_contacts" | "sip_invitations": {"due",
 * "in_time", "share"}, "rate", "liability_days", "liability_sek", ("individual_days",
 * "average_part_days" | "trend"), "excluded": {reason: count}, "episodes": [{"id", "days",
 * "excluded", "individual", "charged", …}]}]}`; "episodes" holds only the listed ones.
 *
 * Returns: (transfer full): the report as JSON
 */
JsonNode *
sp_report_to_json (SpReport *self)
{
  JsonObject *object = json_object_new ();
  JsonArray *months = json_array_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_object_set_string_member (object, "profile", self->profile->id);
  json_object_set_double_member (object, "threshold_days",
                                 self->profile->liability_threshold_days);
  for (guint i = 0; i < self->months->len; i++)
    json_array_add_element (months, month_to_json (self, &g_array_index (self->months, SpReportMonth, i)));
  json_object_set_array_member (object, "months", months);

  return sp_json_node_new_object (object);
}

static void
append_csv_text (GString    *line,
                 const char *text)
{
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
append_csv_number (GString *line,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (line, ',');
  g_string_append (line, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

static void
append_csv_int (GString *line,
                gint64   value)
{
  g_string_append_printf (line, ",%" G_GINT64_FORMAT, value);
}

static void
month_to_csv (SpReport *self,
              SpReportMonth    *month,
              GString  *csv)
{
  SpLiabilityEntry *entry = month->entry;
  const guint *values;
  guint n_values, n_rows;

  sp_liability_entry_get_rows (entry, &n_rows);
  append_csv_text (csv, sp_liability_entry_get_municipality (entry));
  g_string_append_printf (csv, ",%s", sp_liability_entry_get_month (entry));
  append_csv_int (csv, n_rows);
  append_csv_int (csv, sp_liability_entry_get_discharged (entry));
  append_csv_number (csv, round_2 (sp_liability_entry_get_average_days (entry)));
  append_csv_int (csv, is_over_threshold (self, month));
  append_csv_int (csv, sp_liability_entry_get_over_7_days (entry));
  for (guint c = 0; c < SP_REPORT_N_CLOCKS; c++)
    {
      append_csv_int (csv, month->tallies[c].due);
      append_csv_int (csv, month->tallies[c].in_time);
    }
  append_csv_number (csv, month->rate);
  append_csv_number (csv, sp_liability_entry_get_liability_days (entry));
  append_csv_int (csv, sp_liability_entry_get_liability_sek (entry));
  append_csv_int (csv, sp_liability_entry_get_active (entry));
  for (guint r = SP_LIABILITY_EXCLUSION_ADMISSION_NOTICE_LATE; r < G_N_ELEMENTS (month->excluded);
       r++)
    append_csv_int (csv, month->excluded[r]);

  /* The distribution in one cell: the count of each number of days, 0 first. */
  values = sp_liability_entry_get_distribution (entry, &n_values);
  g_string_append (csv, ",\"");
  for (guint d = 0; d < n_values; d++)
    g_string_append_printf (csv, "%s%u", d > 0 ? ";" : "", values[d]);
  g_string_append (csv, "\"\r\n");
}

/**
 * sp_report_to_csv:
 *
 * One line per municipality and month (RFC 4180, CRLF), with a header line; decimals with a
 * point, two decimals; the shares' counts ("…_due", "…_in_time") instead of the shares.
 *
 * Returns: (transfer full): the report as CSV
 */
char *
sp_report_to_csv (SpReport *self)
{
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append (csv, "municipality,month,discharged,counted,average_days,over_threshold,"
                        "over_7_days");
  for (guint c = 0; c < SP_REPORT_N_CLOCKS; c++)
    {
      const char *nick = sp_enum_to_nick (SP_TYPE_REPORT_CLOCK, c);

      g_string_append_printf (csv, ",%s_due,%s_in_time", nick, nick);
    }
  g_string_append (csv, ",rate,liability_days,liability_sek,trend_active");
  for (guint r = SP_LIABILITY_EXCLUSION_ADMISSION_NOTICE_LATE; r < SP_LIABILITY_N_EXCLUSIONS;
       r++)
    g_string_append_printf (csv, ",excluded_%s", sp_enum_to_nick (SP_TYPE_LIABILITY_EXCLUSION, r));
  g_string_append (csv, ",distribution\r\n");

  for (guint i = 0; i < self->months->len; i++)
    month_to_csv (self, &g_array_index (self->months, SpReportMonth, i), csv);

  return g_string_free (csv, FALSE);
}
