/* sp-sip-mapping.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-sip-mapping.h"
#include "sp-sip-private.h"

G_DEFINE_BOXED_TYPE (SpSipMapping, sp_sip_mapping, sp_sip_mapping_copy, sp_sip_mapping_free)

/**
 * sp_sip_mapping_new:
 * @situation: (nullable): S
 * @background: (nullable): B
 * @current_state: (nullable): A
 * @recommendation: (nullable): R
 *
 * Returns: (transfer full): the mapping
 */
SpSipMapping *
sp_sip_mapping_new (const char *situation,
                    const char *background,
                    const char *current_state,
                    const char *recommendation)
{
  SpSipMapping *mapping = g_new0 (SpSipMapping, 1);

  mapping->situation = g_strdup (situation);
  mapping->background = g_strdup (background);
  mapping->current_state = g_strdup (current_state);
  mapping->recommendation = g_strdup (recommendation);
  return mapping;
}

/**
 * sp_sip_mapping_copy:
 *
 * Returns: (transfer full): a copy of @mapping
 */
SpSipMapping *
sp_sip_mapping_copy (const SpSipMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, NULL);

  return sp_sip_mapping_new (mapping->situation, mapping->background, mapping->current_state,
                             mapping->recommendation);
}

void
sp_sip_mapping_free (SpSipMapping *mapping)
{
  if (mapping == NULL)
    return;

  g_free (mapping->situation);
  g_free (mapping->background);
  g_free (mapping->current_state);
  g_free (mapping->recommendation);
  g_free (mapping);
}

gboolean
sp_sip_mapping_equal (const SpSipMapping *a,
                      const SpSipMapping *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->situation, b->situation) == 0 &&
         g_strcmp0 (a->background, b->background) == 0 &&
         g_strcmp0 (a->current_state, b->current_state) == 0 &&
         g_strcmp0 (a->recommendation, b->recommendation) == 0;
}

/**
 * sp_sip_mapping_to_json:
 *
 * Returns: (transfer full): the mapping as a JSON object
 */
JsonNode *
sp_sip_mapping_to_json (const SpSipMapping *mapping)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (mapping != NULL, NULL);

  object = json_object_new ();
  sp_json_set_string (object, "situation", mapping->situation);
  sp_json_set_string (object, "background", mapping->background);
  sp_json_set_string (object, "current_state", mapping->current_state);
  sp_json_set_string (object, "recommendation", mapping->recommendation);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * sp_sip_mapping_new_from_json:
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with @error set
 */
SpSipMapping *
sp_sip_mapping_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(SpSipMapping) mapping = sp_sip_mapping_new (NULL, NULL, NULL, NULL);
  JsonObject *object = sp_json_node_get_object (node, NULL, error);

  if (object == NULL ||
      !sp_json_get_string (object, "situation", FALSE, SP_SIP_MAX_TEXT, &mapping->situation,
                           error) ||
      !sp_json_get_string (object, "background", FALSE, SP_SIP_MAX_TEXT, &mapping->background,
                           error) ||
      !sp_json_get_string (object, "current_state", FALSE, SP_SIP_MAX_TEXT,
                           &mapping->current_state, error) ||
      !sp_json_get_string (object, "recommendation", FALSE, SP_SIP_MAX_TEXT,
                           &mapping->recommendation, error))
    return NULL;

  return g_steal_pointer (&mapping);
}
