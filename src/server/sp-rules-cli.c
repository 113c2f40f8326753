/* sp-rules-cli.c — `samplan-server rules …`: ask the core library from a shell
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each subcommand prints JSON on stdout and exits 0 on success, 1 when the input is invalid
 * (still printing JSON that says why) and 2 on usage errors. Nothing here decides a rule:
 * it parses arguments, calls src/core, and prints.
 */

#define G_LOG_DOMAIN "samplan-rules"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-enum-types.h"
#include "sp-identity.h"
#include "sp-json.h"
#include "sp-liability.h"
#include "sp-planning.h"
#include "sp-region-profile.h"
#include "sp-rules-cli.h"

#define EXIT_INVALID 1
#define EXIT_USAGE   2

typedef int (*RulesFunc) (int argc, char **argv);

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  RulesFunc   func;
} RulesCommand;

static gboolean compact;

static const GOptionEntry common_entries[] = {
  { "compact", 'c', 0, G_OPTION_ARG_NONE, &compact, "Print compact JSON on one line", NULL },
  { NULL }
};

static int
print_json (JsonNode *node,
            int       status)
{
  g_autofree char *text = sp_json_to_string (node, !compact);

  g_print ("%s\n", text);
  return status;
}

static int
print_object (JsonObject *object,
              int         status)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return print_json (node, status);
}

/* Invalid input: a JSON error in the shape the API uses, exit 1. */
static int
print_invalid (const char *code,
               const char *field,
               const char *message)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", code);
  sp_json_set_string (error, "field", field);
  json_object_set_string_member (error, "message", message);
  json_object_set_object_member (root, "error", error);

  return print_object (root, EXIT_INVALID);
}

static int
print_json_error (const GError *error,
                  const char   *file_field)
{
  g_autofree char *field = sp_json_error_get_field (error);
  const char *code = sp_enum_to_nick (SP_TYPE_JSON_ERROR, error->code);

  if (error->domain != SP_JSON_ERROR)
    code = "invalid";

  return print_invalid (code != NULL ? code : "invalid",
                        field != NULL ? field : file_field, error->message);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = context != NULL ? g_option_context_get_help (context, TRUE, NULL)
                                          : NULL;

  g_printerr ("samplan-server rules: %s\n", message);
  if (help != NULL)
    g_printerr ("%s", help);

  return EXIT_USAGE;
}

/* Parses options; leaves the positional arguments in argv[1..]. */
static gboolean
parse_options (GOptionContext  *context,
               const GOptionEntry *entries,
               int             *argc,
               char          ***argv,
               int              n_positional)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, common_entries, NULL);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (NULL, error->message);
      return FALSE;
    }

  if (*argc - 1 != n_positional)
    {
      usage_error (context, "wrong number of arguments");
      return FALSE;
    }

  return TRUE;
}

static const SpRegionProfile *
lookup_profile (const char *id)
{
  return id != NULL ? sp_region_profile_lookup (id) : NULL;
}

/* FILE or "-" for standard input, parsed as JSON. NULL + exit status on failure. */
static JsonNode *
read_json_file (const char *path,
                int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonNode *node;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GString) buffer = g_string_new (NULL);
      char chunk[8192];
      size_t n;

      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
        g_string_append_len (buffer, chunk, n);
      if (ferror (stdin))
        {
          *status = usage_error (NULL, "could not read standard input");
          return NULL;
        }
      length = buffer->len;
      contents = g_string_free (g_steal_pointer (&buffer), FALSE);
    }
  else if (!g_file_get_contents (path, &contents, &length, &error))
    {
      *status = usage_error (NULL, error->message);
      return NULL;
    }

  node = sp_json_parse (contents, length, &error);
  if (node == NULL)
    *status = print_json_error (error, "$");

  return node;
}

static gboolean
parse_int (const char *text,
           gint64      min,
           gint64      max,
           gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}

/* holidays YEAR */
static int
rules_holidays (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("YEAR — days off in Sweden");
  g_autoptr(GArray) days = NULL;
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 year;

  if (!parse_options (context, NULL, &argc, &argv, 1))
    return EXIT_USAGE;

  if (!parse_int (argv[1], G_MININT, G_MAXINT, &year))
    return print_invalid ("invalid", "year", "YEAR must be a whole number");
  if (year < SP_CALENDAR_MIN_YEAR || year > SP_CALENDAR_MAX_YEAR)
    return print_invalid ("out_of_range", "year", "YEAR must be between 1900 and 2100");

  days = sp_calendar_get_days_off (year);
  array = json_array_new ();
  for (guint i = 0; i < days->len; i++)
    {
      const SpHoliday *day = &g_array_index (days, SpHoliday, i);
      JsonObject *object = json_object_new ();

      sp_json_set_date (object, "date", &day->date);
      json_object_set_string_member (object, "name", day->name);
      json_array_add_object_element (array, object);
    }

  node = json_node_init_array (json_node_alloc (), array);
  return print_json (node, EXIT_SUCCESS);
}

static void
get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  sp_calendar_get_local_date (now, today);
}

/* id INPUT [--today YYYY-MM-DD] */
static int
rules_id (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("INPUT — check an identity number");
  g_autofree char *today_text = NULL;
  g_autoptr(SpIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  GOptionEntry entries[] = {
    { "today", 't', 0, G_OPTION_ARG_STRING, &today_text,
      "Reference date for the century of 10-digit forms", "YYYY-MM-DD" },
    { NULL }
  };
  GDate today;

  if (!parse_options (context, entries, &argc, &argv, 1))
    return EXIT_USAGE;

  g_date_clear (&today, 1);
  if (today_text == NULL)
    get_today (&today);
  else if (!sp_json_parse_date (today_text, &today))
    return usage_error (context, "--today must be a date: YYYY-MM-DD");

  identity = sp_identity_parse (argv[1], &today, &error);
  json_object_set_boolean_member (result, "valid", identity != NULL);

  if (identity != NULL)
    {
      GDate birth;

      g_date_clear (&birth, 1);
      sp_identity_get_birth_date (identity, &birth);
      sp_json_set_enum (result, "kind", SP_TYPE_IDENTITY_KIND, sp_identity_get_kind (identity));
      json_object_set_string_member (result, "normalised", sp_identity_get_normalised (identity));
      sp_json_set_date (result, "birth_date", &birth);
      json_object_set_null_member (result, "error");
      return print_object (result, EXIT_SUCCESS);
    }

  json_object_set_null_member (result, "kind");
  json_object_set_null_member (result, "normalised");
  json_object_set_null_member (result, "birth_date");
  if (error->domain == SP_IDENTITY_ERROR)
    json_object_set_string_member (result, "error",
                                   sp_enum_to_nick (SP_TYPE_IDENTITY_ERROR, error->code));
  else
    json_object_set_string_member (result, "error", "invalid");

  return print_object (result, EXIT_INVALID);
}

/* A time with an offset or Z; a time without one is Stockholm wall-clock time. */
static GDateTime *
parse_timestamp (const char *text)
{
  if (text == NULL || g_utf8_strlen (text, -1) > 64)
    return NULL;

  return g_date_time_new_from_iso8601 (text, sp_calendar_get_timezone ());
}

/* day0 TIMESTAMP */
static int
rules_day0 (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("TIMESTAMP — day 0 of a ready notice (the 12:00 rule)");
  g_autoptr(GDateTime) sent = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  g_autofree char *sent_text = NULL;
  GDate day0;

  if (!parse_options (context, NULL, &argc, &argv, 1))
    return EXIT_USAGE;

  sent = parse_timestamp (argv[1]);
  if (sent == NULL)
    return print_invalid ("invalid", "timestamp",
                          "TIMESTAMP must be ISO 8601, e.g. 2026-11-23T11:59:59+01:00");

  local = sp_calendar_to_local (sent);
  sent_text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
  g_date_clear (&day0, 1);
  sp_deadline_get_day0 (sent, &day0);

  json_object_set_string_member (result, "sent", sent_text);
  sp_json_set_date (result, "day0", &day0);
  return print_object (result, EXIT_SUCCESS);
}

/* weekdays FROM TO */
static int
rules_weekdays (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("FROM TO — weekdays after FROM up to and including TO");
  g_autoptr(JsonObject) result = json_object_new ();
  GDate from, to;

  if (!parse_options (context, NULL, &argc, &argv, 2))
    return EXIT_USAGE;

  if (!sp_json_parse_date (argv[1], &from))
    return print_invalid ("invalid", "from", "FROM must be a date: YYYY-MM-DD");
  if (!sp_json_parse_date (argv[2], &to))
    return print_invalid ("invalid", "to", "TO must be a date: YYYY-MM-DD");
  if (g_date_get_year (&from) < SP_CALENDAR_MIN_YEAR ||
      g_date_get_year (&to) > SP_CALENDAR_MAX_YEAR)
    return print_invalid ("out_of_range", "from", "dates must lie in 1900–2100");

  json_object_set_int_member (result, "weekdays", sp_calendar_count_weekdays (&from, &to));
  return print_object (result, EXIT_SUCCESS);
}

/* track --profile P FILE */
static int
rules_track (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("FILE — the colour track of planning answers");
  g_autofree char *profile_id = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  const SpRegionProfile *profile;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_id,
      "Region profile", "vgr|stockholm|vasterbotten" },
    { NULL }
  };
  SpTrackRule rule;
  SpTrack track;
  int status = EXIT_SUCCESS;

  if (!parse_options (context, entries, &argc, &argv, 1))
    return EXIT_USAGE;
  if ((profile = lookup_profile (profile_id)) == NULL)
    return usage_error (context, "--profile must be vgr, stockholm or vasterbotten");

  if ((input = read_json_file (argv[1], &status)) == NULL)
    return status;

  answers = sp_planning_answers_from_simple_json (input, &error);
  if (answers == NULL)
    return print_json_error (error, "$");

  track = sp_planning_compute_track (profile, answers, &rule, &reason);
  sp_json_set_enum (result, "track", SP_TYPE_TRACK, track);
  json_object_set_string_member (result, "reason", reason);
  return print_object (result, EXIT_SUCCESS);
}

/* liability --profile P --rate SEK FILE */
static int
rules_liability (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("FILE — payment liability of discharged episodes");
  g_autofree char *profile_id = NULL;
  g_autofree char *rate_text = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(SpLiabilityReport) report = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autoptr(GError) error = NULL;
  const SpRegionProfile *profile;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_id,
      "Region profile", "vgr|stockholm|vasterbotten" },
    { "rate", 'r', 0, G_OPTION_ARG_STRING, &rate_text,
      "Daily rate in kronor", "SEK" },
    { NULL }
  };
  char *end = NULL;
  double rate;
  int status = EXIT_SUCCESS;

  if (!parse_options (context, entries, &argc, &argv, 1))
    return EXIT_USAGE;
  if ((profile = lookup_profile (profile_id)) == NULL)
    return usage_error (context, "--profile must be vgr, stockholm or vasterbotten");
  if (rate_text == NULL)
    return usage_error (context, "--rate is required");

  errno = 0;
  rate = g_ascii_strtod (rate_text, &end);
  if (errno != 0 || end == rate_text || *end != '\0' || !(rate >= 0) || rate > 1e9)
    return print_invalid ("invalid", "rate", "--rate must be a number of kronor, 0 or more");

  if ((input = read_json_file (argv[1], &status)) == NULL)
    return status;

  episodes = sp_liability_episodes_from_json (input, &error);
  if (episodes == NULL)
    return print_json_error (error, "$");

  report = sp_liability_compute (profile, rate, episodes, &error);
  if (report == NULL)
    return print_json_error (error, "$");

  output = sp_liability_report_to_json (report);
  return print_json (output, EXIT_SUCCESS);
}

static const RulesCommand commands[] = {
  { "holidays",  "YEAR",                       "Days off in Sweden in YEAR", rules_holidays },
  { "id",        "INPUT [--today DATE]",       "Check an identity number",   rules_id },
  { "day0",      "TIMESTAMP",                  "Day 0 of a ready notice",    rules_day0 },
  { "weekdays",  "FROM TO",                    "Weekdays in (FROM, TO]",     rules_weekdays },
  { "track",     "--profile P FILE",           "Colour track of answers",    rules_track },
  { "liability", "--profile P --rate SEK FILE", "Payment liability",         rules_liability },
};

static void
print_rules_usage (void)
{
  g_printerr ("Usage: samplan-server rules COMMAND [--compact] ARGS…\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_printerr ("  %-10s %-28s %s\n", commands[i].name, commands[i].args, commands[i].summary);
}

int
sp_rules_cli_run (int    argc,
                  char **argv)
{
  if (argc < 2)
    {
      print_rules_usage ();
      return EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (argv[1], commands[i].name) == 0)
      return commands[i].func (argc - 1, argv + 1);

  g_printerr ("samplan-server rules: unknown command “%s”\n", argv[1]);
  print_rules_usage ();
  return EXIT_USAGE;
}
