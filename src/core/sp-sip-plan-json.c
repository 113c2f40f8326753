/* sp-sip-plan-json.c — SpSipPlan as JSON, and equality
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-sip-private.h"

typedef gpointer (*ReadNodeFunc) (JsonNode *node, GError **error);

static JsonArray *
nodes_to_json (GPtrArray *nodes,
               JsonNode  *(*to_json) (gconstpointer node))
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (array, to_json (g_ptr_array_index (nodes, i)));

  return array;
}

/**
 * sp_sip_plan_to_json:
 *
 * Returns: (transfer full): the plan as a JSON object (not versioned: it lives inside a SIP)
 */
JsonNode *
sp_sip_plan_to_json (SpSipPlan *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  object = json_object_new ();
  sp_json_set_string (object, "main_goal", self->main_goal);
  json_object_set_array_member (object, "sub_goals",
                                nodes_to_json (self->sub_goals,
                                               (gpointer) sp_sip_sub_goal_to_json));
  json_object_set_array_member (object, "interventions",
                                nodes_to_json (self->interventions,
                                               (gpointer) sp_sip_intervention_to_json));
  sp_json_set_string (object, "chair", self->chair);
  sp_json_set_string (object, "documenter", self->documenter);
  json_object_set_array_member (object, "participants",
                                nodes_to_json (self->participants,
                                               (gpointer) sp_sip_participant_to_json));
  if (self->lead_name != NULL || self->lead_unit_id != NULL)
    {
      JsonObject *lead = json_object_new ();

      sp_json_set_string (lead, "name", self->lead_name);
      sp_json_set_string (lead, "unit_id", self->lead_unit_id);
      json_object_set_object_member (object, "lead", lead);
    }
  else
    {
      json_object_set_null_member (object, "lead");
    }
  sp_json_set_datetime (object, "follow_up_at", self->follow_up_at);
  sp_json_set_string (object, "follow_up_place", self->follow_up_place);
  sp_json_set_date (object, "evaluation_date", &self->evaluation_date);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/* Reads @member's array into @nodes, refusing repeated ids; errors carry the element path. */
static gboolean
read_nodes (JsonObject    *object,
            const char    *member,
            ReadNodeFunc   read_node,
            GPtrArray     *nodes,
            GError       **error)
{
  JsonArray *array;
  g_autoptr(GError) local_error = NULL;

  array = sp_json_get_array (object, member, TRUE, &local_error);
  if (array == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer node;

      if (sp_sip_json_array_get_object (array, member, i, error) == NULL)
        return FALSE;

      node = read_node (json_array_get_element (array, i), error);
      if (node == NULL)
        {
          g_prefix_error (error, "%s[%u].", member, i);
          return FALSE;
        }

      if (sp_sip_plan_find_node (nodes, *(char **) node) >= 0)
        {
          g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID, "%s[%u].id: repeated",
                       member, i);
          g_ptr_array_add (nodes, node); /* the array frees it */
          return FALSE;
        }
      g_ptr_array_add (nodes, node);
    }

  return TRUE;
}

static gboolean
read_lead (SpSipPlan   *self,
           JsonObject  *object,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *lead = sp_json_get_object (object, "lead", FALSE, &local_error);

  if (lead == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!sp_json_get_string (lead, "name", FALSE, SP_SIP_MAX_NAME, &self->lead_name, error) ||
      !sp_json_get_string (lead, "unit_id", FALSE, SP_SIP_MAX_ID, &self->lead_unit_id, error))
    {
      g_prefix_error (error, "lead.");
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_sip_plan_new_from_json:
 *
 * Strict: besides the member checks, every intervention's "sub_goal" must name a sub-goal
 * of the plan (%SP_SIP_ERROR_DANGLING_REFERENCE, path "interventions[i].sub_goal").
 *
 * Returns: (transfer full) (nullable): an editable plan, or %NULL with @error set
 */
SpSipPlan *
sp_sip_plan_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(SpSipPlan) self = sp_sip_plan_new ();
  JsonObject *object = sp_json_node_get_object (node, NULL, error);

  if (object == NULL ||
      !sp_json_get_string (object, "main_goal", FALSE, SP_SIP_MAX_TEXT, &self->main_goal,
                           error) ||
      !read_nodes (object, "sub_goals", (ReadNodeFunc) sp_sip_sub_goal_new_from_json,
                   self->sub_goals, error) ||
      !read_nodes (object, "interventions", (ReadNodeFunc) sp_sip_intervention_new_from_json,
                   self->interventions, error) ||
      !sp_json_get_string (object, "chair", FALSE, SP_SIP_MAX_NAME, &self->chair, error) ||
      !sp_json_get_string (object, "documenter", FALSE, SP_SIP_MAX_NAME, &self->documenter,
                           error) ||
      !read_nodes (object, "participants", (ReadNodeFunc) sp_sip_participant_new_from_json,
                   self->participants, error) ||
      !read_lead (self, object, error) ||
      !sp_json_get_datetime (object, "follow_up_at", FALSE, &self->follow_up_at, error) ||
      !sp_json_get_string (object, "follow_up_place", FALSE, SP_SIP_MAX_NAME,
                           &self->follow_up_place, error) ||
      !sp_json_get_date (object, "evaluation_date", FALSE, &self->evaluation_date, error))
    return NULL;

  for (guint i = 0; i < self->interventions->len; i++)
    {
      SpSipIntervention *intervention = g_ptr_array_index (self->interventions, i);

      if (sp_sip_plan_find_node (self->sub_goals, intervention->sub_goal_id) < 0)
        {
          g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE,
                       "interventions[%u].sub_goal: no such sub-goal", i);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

static gboolean
nodes_equal (GPtrArray *a,
             GPtrArray *b,
             gboolean (*equal) (gconstpointer a, gconstpointer b))
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/**
 * sp_sip_plan_equal:
 *
 * Compares the content, node order included; not whether the plans are editable.
 */
gboolean
sp_sip_plan_equal (SpSipPlan *a,
                   SpSipPlan *b)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (a) && SP_IS_SIP_PLAN (b), FALSE);

  return g_strcmp0 (a->main_goal, b->main_goal) == 0 &&
         nodes_equal (a->sub_goals, b->sub_goals, (gpointer) sp_sip_sub_goal_equal) &&
         nodes_equal (a->interventions, b->interventions,
                      (gpointer) sp_sip_intervention_equal) &&
         g_strcmp0 (a->chair, b->chair) == 0 &&
         g_strcmp0 (a->documenter, b->documenter) == 0 &&
         nodes_equal (a->participants, b->participants, (gpointer) sp_sip_participant_equal) &&
         g_strcmp0 (a->lead_name, b->lead_name) == 0 &&
         g_strcmp0 (a->lead_unit_id, b->lead_unit_id) == 0 &&
         sp_date_time_equal0 (a->follow_up_at, b->follow_up_at) &&
         g_strcmp0 (a->follow_up_place, b->follow_up_place) == 0 &&
         sp_sip_date_equal (&a->evaluation_date, &b->evaluation_date);
}
