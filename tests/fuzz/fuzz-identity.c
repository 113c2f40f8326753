/* fuzz-identity.c — sp_identity_parse and sp_identity_new_reserve on arbitrary text
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: the text typed into the identity field. For the reservnummer reader the text is
 * split at its first newline into region tag and value.
 */

#define G_LOG_DOMAIN "fuzz-identity"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "sp-identity.h"

/* A fixed "today" keeps every run reproducible. */
#define TODAY_YEAR  2026
#define TODAY_MONTH G_DATE_MARCH
#define TODAY_DAY   15

static gboolean
identity_equal (gconstpointer a,
                gconstpointer b)
{
  return sp_identity_equal ((SpIdentity *) a, (SpIdentity *) b);
}

static gpointer
identity_from_json (JsonNode  *node,
                    GError   **error)
{
  return sp_identity_new_from_json (node, error);
}

static JsonNode *
identity_to_json (gpointer identity)
{
  return sp_identity_to_json (identity);
}

/* A parsed number means the same person however it is written back. */
static void
check_parsed (SpIdentity  *identity,
              const GDate *today)
{
  const char *normalised = sp_identity_get_normalised (identity);
  g_autofree char *formatted = sp_identity_format (identity);
  g_autoptr(SpIdentity) from_normalised = NULL;
  g_autoptr(SpIdentity) from_formatted = NULL;
  GDate birth;

  g_assert_cmpuint (strlen (normalised), ==, 12);
  g_assert_true (sp_identity_get_birth_date (identity, &birth));
  g_assert_true (g_date_valid (&birth));
  g_assert_cmpint (g_date_compare (&birth, today), <=, 0);
  g_assert_cmpint (sp_identity_get_age (identity, today), >=, 0);

  from_normalised = sp_identity_parse (normalised, today, NULL);
  from_formatted = sp_identity_parse (formatted, today, NULL);
  g_assert_nonnull (from_normalised);
  g_assert_nonnull (from_formatted);
  g_assert_true (sp_identity_equal (identity, from_normalised));
  g_assert_true (sp_identity_equal (identity, from_formatted));
  g_assert_cmpuint (sp_identity_hash (identity), ==, sp_identity_hash (from_formatted));

  fuzz_check_round_trip (identity, identity_to_json, identity_from_json, identity_equal,
                         (GDestroyNotify) sp_identity_unref);
}

static void
fuzz_reserve (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentity) identity = NULL;
  g_auto(GStrv) parts = g_strsplit (text, "\n", 2);

  if (parts[0] == NULL || parts[1] == NULL)
    return;

  identity = sp_identity_new_reserve (parts[0], parts[1], &error);
  if (identity == NULL)
    {
      fuzz_check_error (error);
      return;
    }

  g_assert_cmpint (sp_identity_get_kind (identity), ==, SP_IDENTITY_KIND_RESERVNUMMER);
  g_assert_true (g_utf8_validate (sp_identity_get_normalised (identity), -1, NULL));
  fuzz_check_round_trip (identity, identity_to_json, identity_from_json, identity_equal,
                         (GDestroyNotify) sp_identity_unref);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentity) identity = NULL;
  GDate today;

  fuzz_init ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, TODAY_DAY, TODAY_MONTH, TODAY_YEAR);

  identity = sp_identity_parse (text, &today, &error);
  if (identity != NULL)
    check_parsed (identity, &today);
  else
    fuzz_check_error (error);

  fuzz_reserve (text);
  return 0;
}
