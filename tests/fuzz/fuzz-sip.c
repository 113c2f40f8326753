/* fuzz-sip.c — sp_sip_new_from_json on arbitrary bytes
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-sip"

#include "config.h"

#include "fuzz-common.h"
#include "sp-sip.h"

static gpointer
sip_from_json (JsonNode  *node,
               GError   **error)
{
  return sp_sip_new_from_json (node, error);
}

static JsonNode *
sip_to_json (gpointer sip)
{
  return sp_sip_to_json (sip);
}

static gboolean
sip_equal (gconstpointer a,
           gconstpointer b)
{
  return sp_sip_equal ((SpSip *) a, (SpSip *) b);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpSip) sip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contact = NULL;

  fuzz_init ();
  if ((node = fuzz_parse_json (data, size)) == NULL)
    return 0;

  sip = sp_sip_new_from_json (node, &error);
  if (sip == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  fuzz_check_round_trip (sip, sip_to_json, sip_from_json, sip_equal, g_object_unref);

  /* The questions the server asks of a stored SIP. */
  g_assert_nonnull (sp_sip_get_invited_unit_ids (sip));
  sp_sip_is_active (sip);
  sp_sip_get_latest_version (sip);
  contact = sp_sip_get_patient_contact (sip, NULL, NULL);

  return 0;
}
