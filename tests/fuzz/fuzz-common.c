/* fuzz-common.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz"

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "sp-json.h"

static GLogWriterOutput
abort_on_warning_cb (GLogLevelFlags   log_level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         user_data)
{
  g_log_writer_default (log_level, fields, n_fields, user_data);

  /* abort(), not GLib's fatal-log breakpoint trap: libFuzzer saves the input on SIGABRT. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return G_LOG_WRITER_HANDLED;
}

/**
 * fuzz_init:
 *
 * A critical or warning means a reader accepted something that later broke a precondition:
 * make it a crash, so the fuzzer reports it with the input.
 */
void
fuzz_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      g_log_set_writer_func (abort_on_warning_cb, NULL, NULL);
      g_once_init_leave (&initialised, 1);
    }
}

/**
 * fuzz_parse_json:
 *
 * Returns: (transfer full) (nullable): @data parsed the way the server parses a body, or
 *   %NULL when it is no JSON object or array (the error is checked and dropped).
 */
JsonNode *
fuzz_parse_json (const uint8_t *data,
                 size_t         size)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  node = sp_json_parse ((const char *) data, size, &error);
  if (node == NULL)
    fuzz_check_error (error);

  return node;
}

/**
 * fuzz_check_error:
 *
 * Every refusal must say why: an error is set and has a message. Messages of sp-json
 * errors start with a member path, which the server turns into the JSON error's "field".
 */
void
fuzz_check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  if (error->domain == SP_JSON_ERROR)
    {
      g_autofree char *field = sp_json_error_get_field (error);

      g_assert_nonnull (field);
    }
}

/**
 * fuzz_check_round_trip:
 *
 * What a reader accepted must survive writing and reading back unchanged, and the second
 * trip must give the same text (HACKING.md's contract for every record).
 */
void
fuzz_check_round_trip (gpointer       object,
                       FuzzToJson     to_json,
                       FuzzFromJson   from_json,
                       GEqualFunc     equal,
                       GDestroyNotify free_func)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) first = to_json (object);
  g_autofree char *first_text = sp_json_to_string (first, FALSE);
  g_autoptr(JsonNode) reparsed = sp_json_parse (first_text, -1, &error);
  gpointer again;

  g_assert_no_error (error);
  again = from_json (reparsed, &error);
  g_assert_no_error (error);
  g_assert_true (equal (object, again));

  {
    g_autoptr(JsonNode) second = to_json (again);
    g_autofree char *second_text = sp_json_to_string (second, FALSE);

    g_assert_cmpstr (first_text, ==, second_text);
  }

  free_func (again);
}
