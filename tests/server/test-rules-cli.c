/* test-rules-cli.c — `samplan-server rules …` run as a process, as an administrator would
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->json, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs samplan-server with @args (NULL-terminated), feeding @stdin_text if given. */
static void
run_server (Run         *run,
            const char  *stdin_text,
            const char  *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SAMPLAN_SERVER"));
  g_ptr_array_add (argv, (gpointer) "rules");
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);

  if (run->out != NULL && run->out[0] != '\0')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, run->out, -1, NULL))
        run->json = json_node_ref (json_parser_get_root (parser));
    }
}

static JsonObject *
run_object (Run *run)
{
  g_assert_nonnull (run->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (run->json));
  return json_node_get_object (run->json);
}

static char *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("samplan-rules-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_holidays_2026 (void)
{
  /* Easter 2026 is 5 April; midsommardagen is the Saturday 20–26 June (20 June), alla
   * helgons dag the Saturday 31 Oct–6 Nov (31 October). */
  static const char * const expected[][2] = {
    { "2026-01-01", "Nyårsdagen" },
    { "2026-01-06", "Trettondedag jul" },
    { "2026-04-03", "Långfredagen" },
    { "2026-04-05", "Påskdagen" },
    { "2026-04-06", "Annandag påsk" },
    { "2026-05-01", "Första maj" },
    { "2026-05-14", "Kristi himmelsfärdsdag" },  /* Easter + 39 */
    { "2026-05-24", "Pingstdagen" },             /* Easter + 49 */
    { "2026-06-06", "Sveriges nationaldag" },
    { "2026-06-19", "Midsommarafton" },
    { "2026-06-20", "Midsommardagen" },
    { "2026-10-31", "Alla helgons dag" },
    { "2026-12-24", "Julafton" },
    { "2026-12-25", "Juldagen" },
    { "2026-12-26", "Annandag jul" },
    { "2026-12-31", "Nyårsafton" },
  };
  g_auto(Run) run = { 0 };
  JsonArray *array;

  run_server (&run, NULL, "holidays", "2026", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (run.json));
  array = json_node_get_array (run.json);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *day = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (day, "date"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (day, "name"), ==, expected[i][1]);
    }

  /* UTF-8 on stdout, not \u escapes: an administrator reads this. */
  g_assert_nonnull (strstr (run.out, "Långfredagen"));
}

static gboolean
array_has_name (JsonArray  *array,
                const char *name)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *day = json_array_get_object_element (array, i);

      if (strstr (json_object_get_string_member (day, "name"), name) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_holidays_law_changes (void)
{
  g_auto(Run) y2004 = { 0 };
  g_auto(Run) y2005 = { 0 };

  /* Annandag pingst stopped being a holiday when nationaldagen became one, in 2005. */
  run_server (&y2004, NULL, "holidays", "2004", NULL);
  run_server (&y2005, NULL, "holidays", "2005", NULL);
  g_assert_cmpint (y2004.status, ==, 0);
  g_assert_cmpint (y2005.status, ==, 0);
  g_assert_true (array_has_name (json_node_get_array (y2004.json), "Annandag pingst"));
  g_assert_false (array_has_name (json_node_get_array (y2004.json), "nationaldag"));
  g_assert_false (array_has_name (json_node_get_array (y2005.json), "Annandag pingst"));
  g_assert_true (array_has_name (json_node_get_array (y2005.json), "Sveriges nationaldag"));
}

static void
test_holidays_bad_input (void)
{
  struct { const char *arg; int status; const char *code; } cases[] = {
    { "1899", 1, "out_of_range" },
    { "2101", 1, "out_of_range" },
    { "1900", 0, NULL },
    { "2100", 0, NULL },
    { "20x6", 1, "invalid" },
    { "", 1, "invalid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_server (&run, NULL, "holidays", cases[i].arg, NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      if (cases[i].code != NULL)
        {
          JsonObject *error = json_object_get_object_member (run_object (&run), "error");

          g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, cases[i].code);
          g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, "year");
        }
    }
}

static void
test_usage_errors (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) extra = { 0 };
  g_auto(Run) option = { 0 };
  g_auto(Run) profile = { 0 };

  run_server (&none, NULL, NULL, NULL);
  run_server (&unknown, NULL, "moon-phase", NULL);
  run_server (&extra, NULL, "holidays", "2026", "2027", NULL);
  run_server (&option, NULL, "day0", "--no-such-option", "2026-01-01T10:00:00Z", NULL);
  run_server (&profile, NULL, "track", "--profile", "norrland", "-", NULL);

  g_assert_cmpint (none.status, ==, 2);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpint (extra.status, ==, 2);
  g_assert_cmpint (option.status, ==, 2);
  g_assert_cmpint (profile.status, ==, 2);
}

static void
test_id (void)
{
  /* Luhn over the 10-digit form: 121212121 → sum of digits of 2,2,2,2,2,2,2,2,2 (×2,×1…)
   * 1·2=2, 2, 1·2=2, 2, 1·2=2, 2, 1·2=2, 2, 1·2=2 → 18, check (10 − 8) % 10 = 2. */
  struct {
    const char *input;
    const char *today;
    gboolean valid;
    const char *kind;
    const char *normalised;
    const char *birth;
    const char *error;
  } cases[] = {
    { "19121212-1212", "2026-11-23", TRUE, "personnummer", "191212121212", "1912-12-12", NULL },
    /* 10 digits with '-': under 100 on --today → the latest century not in the future. */
    { "121212-1212", "2026-11-23", TRUE, "personnummer", "201212121212", "2012-12-12", NULL },
    /* '+': 100 years or older. */
    { "121212+1212", "2026-11-23", TRUE, "personnummer", "191212121212", "1912-12-12", NULL },
    /* 811228-987 → Luhn check digit 4. */
    { "8112289874", "2026-11-23", TRUE, "personnummer", "198112289874", "1981-12-28", NULL },
    /* Samordningsnummer: day 63 = 3 October; 701063238 → check digit 3. */
    { "701063-2383", "2026-11-23", TRUE, "samordningsnummer", "197010632383", "1970-10-03",
      NULL },
    { "19121212-1213", "2026-11-23", FALSE, NULL, NULL, NULL, "checksum" },
    { "", "2026-11-23", FALSE, NULL, NULL, NULL, "empty" },
    { "1912121212", "2026-11-23", FALSE, NULL, NULL, NULL, "checksum" },
    { "19121312-1212", "2026-11-23", FALSE, NULL, NULL, NULL, "date" },
    { "1212121212x", "2026-11-23", FALSE, NULL, NULL, NULL, "characters" },
    { "12121212", "2026-11-23", FALSE, NULL, NULL, NULL, "length" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      JsonObject *result;

      g_test_message ("id case %u", i);
      run_server (&run, NULL, "id", cases[i].input, "--today", cases[i].today, NULL);
      g_assert_cmpint (run.status, ==, cases[i].valid ? 0 : 1);
      result = run_object (&run);
      g_assert_cmpint (json_object_get_boolean_member (result, "valid"), ==, cases[i].valid);
      g_assert_cmpstr (json_object_get_string_member (result, "kind"), ==, cases[i].kind);
      g_assert_cmpstr (json_object_get_string_member (result, "normalised"), ==,
                       cases[i].normalised);
      g_assert_cmpstr (json_object_get_string_member (result, "birth_date"), ==,
                       cases[i].birth);
      g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, cases[i].error);
    }
}

static void
test_day0 (void)
{
  struct { const char *sent; const char *day0; } cases[] = {
    /* Winter, UTC+1. */
    { "2026-11-23T11:59:59+01:00", "2026-11-23" },
    { "2026-11-23T12:00:00+01:00", "2026-11-24" },
    { "2026-11-23T10:59:59Z", "2026-11-23" },
    { "2026-11-23T11:00:00Z", "2026-11-24" },
    /* Summer, UTC+2: 09:59:59Z is 11:59:59 in Stockholm. */
    { "2026-06-15T09:59:59Z", "2026-06-15" },
    { "2026-06-15T10:00:00Z", "2026-06-16" },
    /* The spring-forward day (29 March 2026): noon is 10:00Z. */
    { "2026-03-29T09:59:59Z", "2026-03-29" },
    { "2026-03-29T10:00:00Z", "2026-03-30" },
    /* The fall-back day (25 October 2026): noon is 11:00Z. */
    { "2026-10-25T10:59:59Z", "2026-10-25" },
    { "2026-10-25T11:00:00Z", "2026-10-26" },
    /* Year end. */
    { "2026-12-31T12:00:00+01:00", "2027-01-01" },
    /* No offset: Stockholm wall-clock time. */
    { "2026-11-23T11:59:59", "2026-11-23" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_server (&run, NULL, "day0", cases[i].sent, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (json_object_get_string_member (run_object (&run), "day0"), ==,
                       cases[i].day0);
      g_assert_true (json_object_has_member (run_object (&run), "sent"));
      /* Echoed in Stockholm time with a full offset. */
      g_assert_true (g_str_has_suffix (json_object_get_string_member (run_object (&run), "sent"),
                                       "+01:00") ||
                     g_str_has_suffix (json_object_get_string_member (run_object (&run), "sent"),
                                       "+02:00"));
    }

  {
    g_auto(Run) run = { 0 };

    run_server (&run, NULL, "day0", "yesterday at noon", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (json_object_has_member (run_object (&run), "error"));
  }
}

static void
test_weekdays (void)
{
  struct { const char *from; const char *to; gint64 expected; } cases[] = {
    /* Thu 2 Apr → Tue 7 Apr 2026: Fri 3 Långfredagen, Sat, Sun, Mon 6 Annandag påsk off. */
    { "2026-04-02", "2026-04-07", 1 },
    /* Mon 23 → Fri 27 Nov 2026: Tue–Fri. */
    { "2026-11-23", "2026-11-27", 4 },
    /* Christmas 2026: Wed 23 Dec → Fri 1 Jan 2027; 24, 25, 26 (Sat), 27 (Sun), 31, 1 off:
     * the weekdays are Mon 28, Tue 29, Wed 30. */
    { "2026-12-23", "2027-01-01", 3 },
    { "2026-11-23", "2026-11-23", 0 },
    { "2026-11-27", "2026-11-23", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_server (&run, NULL, "weekdays", cases[i].from, cases[i].to, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpint (json_object_get_int_member (run_object (&run), "weekdays"), ==,
                       cases[i].expected);
    }

  {
    g_auto(Run) run = { 0 };

    run_server (&run, NULL, "weekdays", "2026-02-30", "2026-03-02", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
}

static void
test_track (void)
{
  struct { const char *answers; const char *profile; const char *track; } cases[] = {
    { "{\"kommun\":{\"hsl_new\":true}}", "stockholm", "gul" },
    /* sol_new alone: blå in Stockholm and VGR, gul in Västerbotten. */
    { "{\"kommun\":{\"sol_new\":true}}", "stockholm", "bla" },
    { "{\"kommun\":{\"sol_new\":true}}", "vgr", "bla" },
    { "{\"kommun\":{\"sol_new\":true}}", "vasterbotten", "gul" },
    /* …and with a region need from another unit: both principals → gul. */
    { "{\"kommun\":{\"sol_new\":true},\"vc\":{\"region_before\":true}}", "stockholm", "gul" },
    { "{\"avd\":{\"extensive\":true,\"hsl_new\":true}}", "vgr", "rod" },
    { "{\"kommun\":{\"hsl_before\":true,\"hsl_new\":false}}", "stockholm", "gron" },
    { "{\"avd\":{\"simple_only\":true}}", "stockholm", "gra" },
    { "{}", "stockholm", "gra" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *path = write_temp (cases[i].answers);

      run_server (&run, NULL, "track", "--profile", cases[i].profile, path, NULL);
      g_remove (path);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (json_object_get_string_member (run_object (&run), "track"), ==,
                       cases[i].track);
      g_assert_cmpuint (strlen (json_object_get_string_member (run_object (&run), "reason")),
                        >, 0);
    }
}

static void
test_track_bad_input (void)
{
  const char *bad[] = {
    "{\"kommun\":{\"no_such_question\":true}}",
    "{\"kommun\":{\"hsl_new\":\"yes\"}}",
    "{\"kommun\":[true]}",
    "[1, 2]",
    "{\"kommun\":",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Run) run = { 0 };

      /* Read from standard input this time. */
      run_server (&run, bad[i], "track", "--profile", "vgr", "-", NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_true (json_object_has_member (run_object (&run), "error"));
    }

  {
    g_auto(Run) run = { 0 };

    run_server (&run, NULL, "track", "--profile", "vgr", "/nonexistent/answers.json", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

static void
test_liability_vgr_worked_example (void)
{
  /* DOMAIN §10: four patients in Kungälv discharged in March 2026, ready notices sent at
   * 10:00 (before 12:00, so the ready date is day 0), staying 2, 4, 6 and 9 days.
   * Average of those ≤ 7 days: (2 + 4 + 6) / 3 = 4.0 > 3.0 → (4.0 − 3.0) × 3 = 3 days;
   * the 9-day patient individually: 9 − 3 = 6 days. 9 days × 10,000 kr = 90,000 kr. */
  const char *input =
    "["
    "{\"id\":\"e1\",\"municipality\":\"Kungälv\",\"ready\":\"2026-03-02T10:00:00+01:00\","
    "\"discharged\":\"2026-03-04T15:00:00+01:00\",\"admission_notice_in_time\":true,"
    "\"sip_needed\":false,\"sip_invited\":null},"
    "{\"id\":\"e2\",\"municipality\":\"Kungälv\",\"ready\":\"2026-03-02T10:00:00+01:00\","
    "\"discharged\":\"2026-03-06T15:00:00+01:00\",\"admission_notice_in_time\":true,"
    "\"sip_needed\":false,\"sip_invited\":null},"
    "{\"id\":\"e3\",\"municipality\":\"Kungälv\",\"ready\":\"2026-03-02T10:00:00+01:00\","
    "\"discharged\":\"2026-03-08T15:00:00+01:00\",\"admission_notice_in_time\":true,"
    "\"sip_needed\":true,\"sip_invited\":\"2026-03-03T09:00:00+01:00\"},"
    "{\"id\":\"e4\",\"municipality\":\"Kungälv\",\"ready\":\"2026-03-02T10:00:00+01:00\","
    "\"discharged\":\"2026-03-11T15:00:00+01:00\",\"admission_notice_in_time\":true,"
    "\"sip_needed\":false,\"sip_invited\":null},"
    /* Excluded: the admission notice was late, so the law gives no liability. */
    "{\"id\":\"e5\",\"municipality\":\"Kungälv\",\"ready\":\"2026-03-02T10:00:00+01:00\","
    "\"discharged\":\"2026-03-20T15:00:00+01:00\",\"admission_notice_in_time\":false,"
    "\"sip_needed\":false,\"sip_invited\":null}"
    "]";
  g_autofree char *path = write_temp (input);
  g_auto(Run) run = { 0 };
  JsonObject *root, *month, *excluded;
  JsonArray *municipalities;

  run_server (&run, NULL, "liability", "--profile", "vgr", "--rate", "10000", path, NULL);
  g_remove (path);
  g_assert_cmpint (run.status, ==, 0);

  root = run_object (&run);
  g_assert_cmpstr (json_object_get_string_member (root, "profile"), ==, "vgr");
  g_assert_cmpfloat (json_object_get_double_member (root, "rate"), ==, 10000);
  municipalities = json_object_get_array_member (root, "municipalities");
  g_assert_cmpuint (json_array_get_length (municipalities), ==, 1);

  month = json_array_get_object_element (municipalities, 0);
  g_assert_cmpstr (json_object_get_string_member (month, "municipality"), ==, "Kungälv");
  g_assert_cmpstr (json_object_get_string_member (month, "month"), ==, "2026-03");
  g_assert_cmpint (json_object_get_int_member (month, "discharged"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (month, "average_days"), ==, 4.0);
  g_assert_cmpint (json_object_get_int_member (month, "over_7_days"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (month, "liability_days"), ==, 9.0);
  g_assert_cmpfloat (json_object_get_double_member (month, "liability_sek"), ==, 90000.0);

  excluded = json_array_get_object_element (json_object_get_array_member (month, "excluded"), 0);
  g_assert_cmpstr (json_object_get_string_member (excluded, "id"), ==, "e5");
  g_assert_cmpstr (json_object_get_string_member (excluded, "reason"), ==,
                   "admission_notice_late");
}

static void
test_liability_bad_input (void)
{
  g_auto(Run) bad_rate = { 0 };
  g_auto(Run) bad_json = { 0 };
  g_auto(Run) bad_field = { 0 };
  JsonObject *error;

  run_server (&bad_rate, "[]", "liability", "--profile", "vgr", "--rate", "-5", "-", NULL);
  g_assert_cmpint (bad_rate.status, ==, 1);

  run_server (&bad_json, "[{", "liability", "--profile", "vgr", "--rate", "1", "-", NULL);
  g_assert_cmpint (bad_json.status, ==, 1);

  run_server (&bad_field,
              "[{\"id\":\"e1\",\"municipality\":\"X\",\"ready\":\"not a time\","
              "\"discharged\":\"2026-03-04T15:00:00Z\",\"admission_notice_in_time\":true,"
              "\"sip_needed\":false,\"sip_invited\":null}]",
              "liability", "--profile", "stockholm", "--rate", "1", "-", NULL);
  g_assert_cmpint (bad_field.status, ==, 1);
  error = json_object_get_object_member (run_object (&bad_field), "error");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "field"), "ready"));
}

static void
test_compact (void)
{
  g_auto(Run) run = { 0 };

  run_server (&run, NULL, "day0", "--compact", "2026-11-23T11:59:59+01:00", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* One line of JSON and its newline. */
  g_assert_null (strchr (g_strchomp (run.out), '\n'));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/rules/holidays/2026", test_holidays_2026);
  g_test_add_func ("/server/rules/holidays/law-changes", test_holidays_law_changes);
  g_test_add_func ("/server/rules/holidays/bad-input", test_holidays_bad_input);
  g_test_add_func ("/server/rules/usage-errors", test_usage_errors);
  g_test_add_func ("/server/rules/id", test_id);
  g_test_add_func ("/server/rules/day0", test_day0);
  g_test_add_func ("/server/rules/weekdays", test_weekdays);
  g_test_add_func ("/server/rules/track", test_track);
  g_test_add_func ("/server/rules/track/bad-input", test_track_bad_input);
  g_test_add_func ("/server/rules/liability/vgr-worked-example",
                   test_liability_vgr_worked_example);
  g_test_add_func ("/server/rules/liability/bad-input", test_liability_bad_input);
  g_test_add_func ("/server/rules/compact", test_compact);

  return g_test_run ();
}
