/* sp-episode-rendering.c — the core's episode, read back from the server's rendering
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page asks the core's sp_episode_can () what the user may do, as the server does, so
 * it needs an SpEpisode. GET /episodes/:id renders one for the caller: the members of the
 * stored form, but the acknowledgements inside the addressing, the estimates as
 * "estimate_history", and withheld members left out. What sp_episode_can () reads (state,
 * notice, addressing, acknowledgements, the unit's own care contact) is never withheld, so
 * rebuilding the stored form and reading it with the core's strict reader gives the answers
 * the server gives.
 */

#define G_LOG_DOMAIN "sp-episode-rendering"

#include "config.h"

#include "sp-episode-rendering.h"
#include "sp-json.h"

static void
copy_member (JsonObject *to,
             JsonObject *from,
             const char *member)
{
  JsonNode *node = json_object_get_member (from, member);

  if (node != NULL)
    json_object_set_member (to, member, json_node_copy (node));
}

/* Each addressee's acknowledgement @which ("admission_acknowledgement"), as a list. */
static JsonNode *
collect_acknowledgements (JsonArray  *addressing,
                          const char *which)
{
  JsonArray *acks = json_array_new ();

  for (guint i = 0; i < json_array_get_length (addressing); i++)
    {
      JsonNode *addressee_node = json_array_get_element (addressing, i);
      JsonObject *addressee;
      JsonNode *ack_node;
      JsonObject *ack;

      if (!JSON_NODE_HOLDS_OBJECT (addressee_node))
        continue;
      addressee = json_node_get_object (addressee_node);
      ack_node = json_object_get_member (addressee, which);
      if (ack_node == NULL || !JSON_NODE_HOLDS_OBJECT (ack_node))
        continue;

      ack = json_object_new ();
      copy_member (ack, addressee, "unit_id");
      copy_member (ack, json_node_get_object (ack_node), "at");
      copy_member (ack, json_node_get_object (ack_node), "by");
      json_array_add_object_element (acks, ack);
    }

  return sp_json_node_new_array (acks);
}

/**
 * sp_episode_new_from_rendering:
 * @rendering: an episode as GET /api/v1/episodes/:id answers it
 *
 * Returns: (transfer full) (nullable): the episode as the caller may see it, or %NULL with
 *   @error set (the path of the offending member first, as the core's readers say it)
 */
SpEpisode *
sp_episode_new_from_rendering (JsonObject  *rendering,
                               GError     **error)
{
  static const char * const same[] = {
    "id", "patient_is_child", "ward_unit_id", "admitted_at", "needs_judged_at",
    "admission_notice_sent_at", "reason_for_contact", "responsible_doctor", "short_stay",
    "addressing", "care_contacts", "state", "ready_at", "discharged_at", "death_at",
    "cancelled_at", "cancel_reason", "consents", "revision", "events",
  };
  g_autoptr(JsonObject) stored = sp_json_object_new_versioned ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpConsentSet) no_consents = NULL;
  JsonNode *patient;
  JsonNode *history;
  JsonArray *addressing = NULL;

  g_return_val_if_fail (rendering != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    copy_member (stored, rendering, same[i]);

  patient = json_object_get_member (rendering, "patient");
  if (patient != NULL && JSON_NODE_HOLDS_OBJECT (patient))
    {
      JsonNode *patient_id = json_object_get_member (json_node_get_object (patient), "id");

      if (patient_id != NULL)
        json_object_set_member (stored, "patient_id", json_node_copy (patient_id));
    }

  /* Withheld without consent: the stored form requires them, the checks never read them. */
  if (!json_object_has_member (stored, "short_stay"))
    json_object_set_boolean_member (stored, "short_stay", FALSE);
  if (!json_object_has_member (stored, "consents"))
    {
      no_consents = sp_consent_set_new ();
      json_object_set_member (stored, "consents", sp_consent_set_to_json (no_consents));
    }
  if (json_object_has_member (stored, "cancelled_at") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (stored, "cancelled_at")) &&
      !json_object_has_member (stored, "cancel_reason"))
    json_object_set_string_member (stored, "cancel_reason", "");

  history = json_object_get_member (rendering, "estimate_history");
  json_object_set_member (stored, "estimated_discharge",
                          history != NULL ? json_node_copy (history)
                                          : sp_json_node_new_array (json_array_new ()));

  if (json_object_has_member (rendering, "addressing") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (rendering, "addressing")))
    addressing = json_object_get_array_member (rendering, "addressing");
  if (addressing != NULL)
    {
      json_object_set_member (stored, "admission_acknowledgements",
                              collect_acknowledgements (addressing,
                                                        "admission_acknowledgement"));
      json_object_set_member (stored, "ready_acknowledgements",
                              collect_acknowledgements (addressing, "ready_acknowledgement"));
    }

  node = sp_json_node_new_object (json_object_ref (stored));
  return sp_episode_new_from_json (node, error);
}
