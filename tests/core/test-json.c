/* test-json.c — the strict readers every record and the API rely on
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-types.h"

static JsonObject *
parse_object (const char *text,
              JsonNode  **out_node)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = sp_json_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  *out_node = node;
  return json_node_get_object (node);
}

static void
assert_field (const GError *error,
              const char   *field)
{
  g_autofree char *got = sp_json_error_get_field (error);

  g_assert_nonnull (error);
  g_assert_true (error->domain == SP_JSON_ERROR);
  g_assert_cmpstr (got, ==, field);
}

static void
test_parse_rejects (void)
{
  /* "{}[]": two documents — json-glib takes it and leaks the second. */
  const char *bad[] = { "", "{", "nul", "42", "\"text\"", "{\"a\":1,}", "[1 2]", "{}[]",
                        "{} {\"a\":1}", "[]x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sp_json_parse (bad[i], -1, &error);

      g_assert_null (node);
      g_assert_nonnull (error);
      assert_field (error, "$");
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = sp_json_parse (NULL, 0, &error);

    g_assert_null (node);
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX);
  }
}

static void
test_types_are_not_coerced (void)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o = parse_object ("{\"s\":1,\"b\":1,\"i\":\"1\",\"d\":true,\"f\":1.5,"
                                "\"a\":{},\"o\":[],\"n\":null}", &node);
  g_autofree char *s = NULL;
  gboolean b = FALSE;
  gint64 i = 0;
  double d = 0;

  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_string (o, "s", TRUE, 0, &s, &error));
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE);
    assert_field (error, "s");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_bool (o, "b", TRUE, &b, &error));
    assert_field (error, "b");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_int (o, "i", TRUE, 0, 10, &i, &error));
    assert_field (error, "i");
  }
  {
    /* A fraction is not an integer. */
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_int (o, "f", TRUE, 0, 10, &i, &error));
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_double (o, "d", TRUE, &d, &error));
    assert_field (error, "d");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (sp_json_get_array (o, "a", TRUE, &error));
    assert_field (error, "a");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (sp_json_get_object (o, "o", TRUE, &error));
    assert_field (error, "o");
  }
  {
    /* An integer is an acceptable number. */
    g_autoptr(JsonNode) n2 = NULL;
    JsonObject *o2 = parse_object ("{\"x\":3}", &n2);
    g_assert_true (sp_json_get_double (o2, "x", TRUE, &d, NULL));
    g_assert_cmpfloat (d, ==, 3.0);
  }
}

static void
test_missing_and_null (void)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o = parse_object ("{\"n\":null}", &node);
  g_autofree char *s = NULL;
  gint64 i = 7;

  /* Optional: absent and null leave the output alone. */
  g_assert_true (sp_json_get_string (o, "n", FALSE, 0, &s, NULL));
  g_assert_null (s);
  g_assert_true (sp_json_get_int (o, "absent", FALSE, 0, 10, &i, NULL));
  g_assert_cmpint (i, ==, 7);
  g_assert_null (sp_json_get_array (o, "absent", FALSE, NULL));

  /* Required: both are "missing", named. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_string (o, "n", TRUE, 0, &s, &error));
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING);
    assert_field (error, "n");
  }
  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) v = NULL;
    g_assert_false (sp_json_get_strv (o, "absent", TRUE, 0, &v, &error));
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING);
  }
}

static void
test_limits (void)
{
  g_autoptr(JsonNode) node = NULL;
  /* "åäö" is three characters but six bytes: limits count characters. */
  JsonObject *o = parse_object ("{\"s\":\"åäö\",\"i\":11,\"v\":[\"a\",\"bb\",3]}", &node);
  g_autofree char *s = NULL;
  g_auto(GStrv) v = NULL;
  gint64 i = 0;

  g_assert_true (sp_json_get_string (o, "s", TRUE, 3, &s, NULL));
  g_assert_cmpstr (s, ==, "åäö");
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_string (o, "s", TRUE, 2, &s, &error));
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TOO_LONG);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (sp_json_get_int (o, "i", TRUE, 0, 11, &i, &error));
    g_assert_false (sp_json_get_int (o, "i", TRUE, 0, 10, &i, &error));
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_strv (o, "v", TRUE, 0, &v, &error));
    assert_field (error, "v[2]");
  }
}

static void
test_datetimes (void)
{
  struct { const char *text; gboolean ok; gint64 unix_time; } cases[] = {
    { "2026-11-23T10:59:59Z", TRUE, 1795431599 },
    { "2026-11-23T11:59:59+01:00", TRUE, 1795431599 },
    { "2026-11-23T06:59:59-04:00", TRUE, 1795431599 },
    /* Without a zone the instant is ambiguous on DST nights: refused. */
    { "2026-11-23T11:59:59", FALSE, 0 },
    { "2026-11-23", FALSE, 0 },
    { "2026-02-30T10:00:00Z", FALSE, 0 },
    { "2026-11-23T25:00:00Z", FALSE, 0 },
    { "tomorrow", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) dt = NULL;

      g_assert_cmpint (sp_json_parse_datetime (cases[i].text, &dt), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (g_date_time_to_unix (dt), ==, cases[i].unix_time);
    }
}

static void
test_datetime_ancient_year (void)
{
  g_autoptr(GDateTime) ancient = g_date_time_new_utc (572, 3, 2, 8, 0, 0);
  g_autoptr(GDateTime) back = NULL;
  g_autofree char *text = sp_json_format_datetime (ancient);

  /* Four digits always, or our own reader refuses what we wrote. */
  g_assert_cmpstr (text, ==, "0572-03-02T08:00:00Z");
  g_assert_true (sp_json_parse_datetime (text, &back));
  g_assert_true (g_date_time_equal (ancient, back));
}

static void
test_datetime_round_trip (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr(GDateTime) summer = g_date_time_new (zone, 2026, 6, 15, 11, 59, 59);
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(GDateTime) back = NULL;
  g_autoptr(GError) error = NULL;

  sp_json_set_datetime (o, "t", summer);
  /* Written as UTC: 11:59:59 CEST is 09:59:59Z. */
  g_assert_cmpstr (json_object_get_string_member (o, "t"), ==, "2026-06-15T09:59:59Z");
  g_assert_true (sp_json_get_datetime (o, "t", TRUE, &back, &error));
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (summer, back));

  sp_json_set_datetime (o, "none", NULL);
  g_assert_true (json_object_get_null_member (o, "none"));
}

static void
test_dates (void)
{
  struct { const char *text; gboolean ok; } cases[] = {
    { "2026-11-23", TRUE },
    { "2024-02-29", TRUE },   /* leap year */
    { "2026-02-29", FALSE },  /* not a leap year */
    { "1900-02-29", FALSE },  /* centuries are not leap years… */
    { "2000-02-29", TRUE },   /* …unless divisible by 400 */
    { "2026-13-01", FALSE },
    { "2026-00-10", FALSE },
    { "2026-1-01", FALSE },
    { "26-11-23", FALSE },
    { "2026-11-23x", FALSE },
    { "2026/11/23", FALSE },
    { "+026-11-23", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;

      g_assert_cmpint (sp_json_parse_date (cases[i].text, &date), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_autofree char *back = sp_json_format_date (&date);
          g_assert_cmpstr (back, ==, cases[i].text);
        }
    }
}

static void
test_enums (void)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o = parse_object ("{\"t\":\"gul\",\"u\":\"yellow\",\"n\":3}", &node);
  int value = -1;

  g_assert_true (sp_json_get_enum (o, "t", TRUE, SP_TYPE_TRACK, &value, NULL));
  g_assert_cmpint (value, ==, SP_TRACK_GUL);
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_enum (o, "u", TRUE, SP_TYPE_TRACK, &value, &error));
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID);
    assert_field (error, "u");
  }
  {
    /* Numbers are not accepted for enums: the nick is the contract. */
    g_autoptr(GError) error = NULL;
    g_assert_false (sp_json_get_enum (o, "n", TRUE, SP_TYPE_TRACK, &value, &error));
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE);
  }

  g_assert_cmpstr (sp_enum_to_nick (SP_TYPE_TRACK, SP_TRACK_GRON), ==, "gron");
  g_assert_null (sp_enum_to_nick (SP_TYPE_TRACK, 99));
  g_assert_cmpstr (sp_track_get_label (SP_TRACK_ROD), ==, "röd");
}

static void
test_version (void)
{
  g_autoptr(JsonObject) current = sp_json_object_new_versioned ();
  g_autoptr(JsonNode) newer_node = NULL;
  g_autoptr(JsonNode) missing_node = NULL;
  JsonObject *newer = parse_object ("{\"format\":2}", &newer_node);
  JsonObject *missing = parse_object ("{}", &missing_node);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;

  g_assert_true (sp_json_check_version (current, NULL));
  g_assert_false (sp_json_check_version (newer, &e1));
  g_assert_error (e1, SP_JSON_ERROR, SP_JSON_ERROR_VERSION);
  g_assert_false (sp_json_check_version (missing, &e2));
  g_assert_error (e2, SP_JSON_ERROR, SP_JSON_ERROR_MISSING);
}

static void
test_field_paths (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o = parse_object ("{\"plan\":{\"goal\":5}}", &node);
  JsonObject *plan = sp_json_get_object (o, "plan", TRUE, NULL);

  g_assert_false (sp_json_get_string (plan, "goal", TRUE, 0, &s, &error));
  /* Descending into a child adds its part of the path. */
  g_prefix_error (&error, "plan.");
  assert_field (error, "plan.goal");
  g_assert_null (sp_json_error_get_field (NULL));
}

static void
test_principals (void)
{
  g_assert_cmpint (sp_unit_kind_get_principal (SP_UNIT_KIND_INPATIENT), ==,
                   SP_PRINCIPAL_REGION);
  g_assert_cmpint (sp_unit_kind_get_principal (SP_UNIT_KIND_OUTPATIENT), ==,
                   SP_PRINCIPAL_REGION);
  g_assert_cmpint (sp_unit_kind_get_principal (SP_UNIT_KIND_MUNICIPAL_HEALTH), ==,
                   SP_PRINCIPAL_MUNICIPALITY);
  g_assert_cmpint (sp_unit_kind_get_principal (SP_UNIT_KIND_SOCIAL_SERVICES), ==,
                   SP_PRINCIPAL_MUNICIPALITY);
  g_assert_cmpint (sp_unit_kind_get_principal (SP_UNIT_KIND_OTHER), ==, SP_PRINCIPAL_OTHER);
  /* Harm assessments open sharing for health care only, never social services. */
  g_assert_true (sp_unit_kind_is_health_care (SP_UNIT_KIND_MUNICIPAL_HEALTH));
  g_assert_false (sp_unit_kind_is_health_care (SP_UNIT_KIND_SOCIAL_SERVICES));
  g_assert_false (sp_unit_kind_is_health_care (SP_UNIT_KIND_OTHER));
}

static void
test_depth_limit (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) in_string = NULL;
  g_autofree char *brackets = g_strnfill (1000, '[');
  g_autofree char *quoted = g_strdup_printf ("{\"a\":\"%s\"}", brackets);

  for (guint i = 0; i < SP_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, '[');
  for (guint i = 0; i < SP_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, ']');
  node = sp_json_parse (ok->str, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  /* One level more is refused… */
  g_string_append_printf (deep, "[%s]", ok->str);
  g_assert_null (sp_json_parse (deep->str, -1, &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX);
  g_clear_error (&error);

  /* …and so is what would overflow the parser's stack, without trying. */
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (huge, '[');
  g_assert_null (sp_json_parse (huge->str, huge->len, &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX);
  g_clear_error (&error);

  /* Brackets inside strings are text, not nesting. */
  in_string = sp_json_parse (quoted, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (in_string);
}

static void
test_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *again = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  const char *text =
    "{\"name\":\"Nyårsdagen\",\"quote\":\"a\\\"b\\\\c\\n\\u0001\","
    "\"average\":15.8,\"whole\":4.0,\"count\":3,\"none\":null,\"yes\":true,"
    "\"list\":[1,2.5,[]],\"empty\":{}}";

  node = sp_json_parse (text, -1, &error);
  g_assert_no_error (error);

  /* UTF-8 stays readable, doubles print as people write them (not 15.800000000000001), a
   * whole double keeps ".0" so it reads back as a double, control characters are escaped. */
  compact = sp_json_to_string (node, FALSE);
  g_assert_cmpstr (compact, ==, text);

  pretty = sp_json_to_string (node, TRUE);
  g_assert_true (g_str_has_prefix (pretty, "{\n  \"name\" : \"Nyårsdagen\",\n"));
  g_assert_nonnull (strstr (pretty, "\"empty\" : {}\n}"));

  /* Pretty and compact are the same document. */
  reparsed = sp_json_parse (pretty, -1, &error);
  g_assert_no_error (error);
  again = sp_json_to_string (reparsed, FALSE);
  g_assert_cmpstr (again, ==, compact);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/parse-rejects", test_parse_rejects);
  g_test_add_func ("/core/json/types-not-coerced", test_types_are_not_coerced);
  g_test_add_func ("/core/json/missing-and-null", test_missing_and_null);
  g_test_add_func ("/core/json/limits", test_limits);
  g_test_add_func ("/core/json/datetimes", test_datetimes);
  g_test_add_func ("/core/json/datetime-round-trip", test_datetime_round_trip);
  g_test_add_func ("/core/json/datetime-ancient-year", test_datetime_ancient_year);
  g_test_add_func ("/core/json/dates", test_dates);
  g_test_add_func ("/core/json/enums", test_enums);
  g_test_add_func ("/core/json/version", test_version);
  g_test_add_func ("/core/json/field-paths", test_field_paths);
  g_test_add_func ("/core/json/principals", test_principals);
  g_test_add_func ("/core/json/writer", test_writer);
  g_test_add_func ("/core/json/depth-limit", test_depth_limit);

  return g_test_run ();
}
