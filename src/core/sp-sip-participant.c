/* sp-sip-participant.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-sip-participant.h"
#include "sp-sip-private.h"

G_DEFINE_BOXED_TYPE (SpSipParticipant, sp_sip_participant,
                     sp_sip_participant_copy, sp_sip_participant_free)

/**
 * sp_sip_participant_new:
 * @name: the participant's name
 * @unit_id: (nullable): their unit
 * @profession: (nullable): their profession or relation
 * @presence: how they take part
 *
 * Returns: (transfer full): an unsigned participant without id
 */
SpSipParticipant *
sp_sip_participant_new (const char    *name,
                        const char    *unit_id,
                        const char    *profession,
                        SpSipPresence  presence)
{
  SpSipParticipant *participant = g_new0 (SpSipParticipant, 1);

  participant->name = g_strdup (name);
  participant->unit_id = g_strdup (unit_id);
  participant->profession = g_strdup (profession);
  participant->presence = presence;
  return participant;
}

/**
 * sp_sip_participant_copy:
 *
 * Returns: (transfer full): a deep copy of @participant
 */
SpSipParticipant *
sp_sip_participant_copy (const SpSipParticipant *participant)
{
  SpSipParticipant *copy;

  g_return_val_if_fail (participant != NULL, NULL);

  copy = sp_sip_participant_new (participant->name, participant->unit_id,
                                 participant->profession, participant->presence);
  copy->id = g_strdup (participant->id);
  copy->has_signed = participant->has_signed;
  sp_sip_replace_datetime (&copy->signed_at, participant->signed_at);
  return copy;
}

void
sp_sip_participant_free (SpSipParticipant *participant)
{
  if (participant == NULL)
    return;

  g_free (participant->id);
  g_free (participant->name);
  g_free (participant->unit_id);
  g_free (participant->profession);
  g_clear_pointer (&participant->signed_at, g_date_time_unref);
  g_free (participant);
}

gboolean
sp_sip_participant_equal (const SpSipParticipant *a,
                          const SpSipParticipant *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->unit_id, b->unit_id) == 0 &&
         g_strcmp0 (a->profession, b->profession) == 0 &&
         a->presence == b->presence &&
         !a->has_signed == !b->has_signed &&
         sp_date_time_equal0 (a->signed_at, b->signed_at);
}

gboolean
sp_sip_participant_check (const SpSipParticipant  *participant,
                          GError                 **error)
{
  if (sp_enum_to_nick (SP_TYPE_SIP_PRESENCE, participant->presence) == NULL)
    {
      g_set_error_literal (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID, "presence: unknown value");
      return FALSE;
    }

  /* A signature without its time (or the reverse) cannot be shown to the patient. */
  if (!participant->has_signed != (participant->signed_at == NULL))
    {
      g_set_error_literal (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID,
                           "signed_at: set exactly when signed");
      return FALSE;
    }

  return sp_sip_check_text ("id", participant->id, TRUE, SP_SIP_MAX_ID, error) &&
         sp_sip_check_text ("name", participant->name, TRUE, SP_SIP_MAX_NAME, error) &&
         sp_sip_check_text ("unit_id", participant->unit_id, FALSE, SP_SIP_MAX_ID, error) &&
         sp_sip_check_text ("profession", participant->profession, FALSE, SP_SIP_MAX_NAME,
                            error);
}

/**
 * sp_sip_participant_to_json:
 *
 * Returns: (transfer full): @participant as a JSON object
 */
JsonNode *
sp_sip_participant_to_json (const SpSipParticipant *participant)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (participant != NULL, NULL);

  object = json_object_new ();
  sp_json_set_string (object, "id", participant->id);
  sp_json_set_string (object, "name", participant->name);
  sp_json_set_string (object, "unit_id", participant->unit_id);
  sp_json_set_string (object, "profession", participant->profession);
  sp_json_set_enum (object, "presence", SP_TYPE_SIP_PRESENCE, participant->presence);
  json_object_set_boolean_member (object, "signed", participant->has_signed);
  sp_json_set_datetime (object, "signed_at", participant->signed_at);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * sp_sip_participant_new_from_json:
 *
 * Returns: (transfer full) (nullable): the participant, or %NULL with @error naming the member
 */
SpSipParticipant *
sp_sip_participant_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(SpSipParticipant) participant = sp_sip_participant_new (NULL, NULL, NULL, 0);
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  int presence = 0;

  if (object == NULL ||
      !sp_json_get_string (object, "id", TRUE, SP_SIP_MAX_ID, &participant->id, error) ||
      !sp_json_get_string (object, "name", TRUE, SP_SIP_MAX_NAME, &participant->name, error) ||
      !sp_json_get_string (object, "unit_id", FALSE, SP_SIP_MAX_ID, &participant->unit_id,
                           error) ||
      !sp_json_get_string (object, "profession", FALSE, SP_SIP_MAX_NAME,
                           &participant->profession, error) ||
      !sp_json_get_enum (object, "presence", TRUE, SP_TYPE_SIP_PRESENCE, &presence, error) ||
      !sp_json_get_bool (object, "signed", TRUE, &participant->has_signed, error) ||
      !sp_json_get_datetime (object, "signed_at", FALSE, &participant->signed_at, error))
    return NULL;

  participant->presence = presence;
  if (!sp_sip_participant_check (participant, error))
    return NULL;

  return g_steal_pointer (&participant);
}
