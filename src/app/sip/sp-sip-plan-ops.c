/* sp-sip-plan-ops.c — the plan operations that turn the server's plan into the edited one
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor never keeps a log of keystrokes: when it saves, it compares the plan as the
 * server last answered it with the plan on screen and sends the operations of
 * PATCH /sips/:id/plan (docs/api.md) that make one into the other. So a node added and
 * removed again before saving costs nothing, and a failed save is simply tried again.
 */

#define G_LOG_DOMAIN "sp-sip-plan-ops"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-sip-plan-ops.h"

static JsonObject *
add_op (JsonArray  *ops,
        const char *name,
        JsonNode   *members)
{
  JsonObject *object = members != NULL ? json_node_dup_object (members) : json_object_new ();

  json_object_set_string_member (object, "op", name);
  json_array_add_object_element (ops, object);
  return object;
}

static const SpSipIntervention *
find_intervention (GPtrArray  *interventions,
                   const char *id)
{
  for (guint i = 0; i < interventions->len; i++)
    {
      const SpSipIntervention *intervention = g_ptr_array_index (interventions, i);

      if (g_strcmp0 (intervention->id, id) == 0)
        return intervention;
    }

  return NULL;
}

static void
add_intervention_op (JsonArray               *ops,
                     const char              *name,
                     const SpSipIntervention *intervention)
{
  g_autoptr(JsonNode) node = sp_sip_intervention_to_json (intervention);

  add_op (ops, name, node);
}

/* Interventions have no order of their own in the API: they keep their place in the plan
 * and an added one goes last. So the first place where a sub-goal's interventions differ
 * from the server's decides: from there on each is removed (if the server has it) and added
 * again, in the order wanted. */
static void
build_interventions (JsonArray  *ops,
                     SpSipPlan  *server,
                     SpSipPlan  *wanted,
                     const char *sub_goal_id)
{
  g_autoptr(GPtrArray) have = sp_sip_plan_list_interventions_for (server, sub_goal_id);
  g_autoptr(GPtrArray) want = sp_sip_plan_list_interventions_for (wanted, sub_goal_id);
  g_autoptr(GPtrArray) staying = g_ptr_array_new ();
  guint prefix = 0;

  /* Those of the server's that stay under this sub-goal, in the server's order. */
  for (guint i = 0; i < have->len; i++)
    {
      const SpSipIntervention *old = g_ptr_array_index (have, i);

      if (find_intervention (want, old->id) != NULL)
        g_ptr_array_add (staying, (gpointer) old);
    }

  while (prefix < staying->len && prefix < want->len &&
         g_strcmp0 (((SpSipIntervention *) g_ptr_array_index (staying, prefix))->id,
                    ((SpSipIntervention *) g_ptr_array_index (want, prefix))->id) == 0)
    prefix++;

  for (guint i = 0; i < want->len; i++)
    {
      const SpSipIntervention *new = g_ptr_array_index (want, i);
      const SpSipIntervention *old = sp_sip_plan_get_intervention (server, new->id);

      if (i < prefix)
        {
          if (!sp_sip_intervention_equal (old, new))
            add_intervention_op (ops, "update_intervention", new);
          continue;
        }

      if (old != NULL)
        json_object_set_string_member (add_op (ops, "remove_intervention", NULL), "id", old->id);
      add_intervention_op (ops, "add_intervention", new);
    }
}

static gboolean
same_date (const GDate *a,
           const GDate *b)
{
  if (!g_date_valid (a) || !g_date_valid (b))
    return g_date_valid (a) == g_date_valid (b);

  return g_date_compare (a, b) == 0;
}

static gboolean
same_time (GDateTime *a,
           GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b);
}

static void
build_sub_goals (JsonArray *ops,
                 SpSipPlan *server,
                 SpSipPlan *wanted)
{
  GPtrArray *have = sp_sip_plan_get_sub_goals (server);
  GPtrArray *want = sp_sip_plan_get_sub_goals (wanted);
  g_autoptr(GPtrArray) predicted = g_ptr_array_new ();
  gboolean reorder = FALSE;

  for (guint i = 0; i < want->len; i++)
    {
      const SpSipSubGoal *new = g_ptr_array_index (want, i);
      const SpSipSubGoal *old = sp_sip_plan_get_sub_goal (server, new->id);
      g_autoptr(JsonNode) node = NULL;

      if (old != NULL && sp_sip_sub_goal_equal (old, new))
        continue;

      node = sp_sip_sub_goal_to_json (new);
      add_op (ops, old != NULL ? "update_sub_goal" : "add_sub_goal", node);
    }

  for (guint i = 0; i < want->len; i++)
    build_interventions (ops, server, wanted, ((SpSipSubGoal *) g_ptr_array_index (want, i))->id);

  /* Interventions that are gone, unless they went with a removed sub-goal. */
  for (guint i = 0; i < sp_sip_plan_get_interventions (server)->len; i++)
    {
      const SpSipIntervention *old = g_ptr_array_index (sp_sip_plan_get_interventions (server), i);

      if (sp_sip_plan_get_intervention (wanted, old->id) == NULL &&
          sp_sip_plan_get_sub_goal (wanted, old->sub_goal_id) != NULL)
        json_object_set_string_member (add_op (ops, "remove_intervention", NULL), "id", old->id);
    }

  for (guint i = 0; i < have->len; i++)
    {
      const SpSipSubGoal *old = g_ptr_array_index (have, i);

      if (sp_sip_plan_get_sub_goal (wanted, old->id) == NULL)
        {
          JsonObject *op = add_op (ops, "remove_sub_goal", NULL);

          json_object_set_string_member (op, "id", old->id);
          json_object_set_boolean_member (op, "cascade", TRUE);
        }
      else
        g_ptr_array_add (predicted, old->id);
    }

  /* Added sub-goals go last; anything else needs the whole order. */
  for (guint i = 0; i < want->len; i++)
    {
      const SpSipSubGoal *new = g_ptr_array_index (want, i);

      if (sp_sip_plan_get_sub_goal (server, new->id) == NULL)
        g_ptr_array_add (predicted, new->id);
    }
  for (guint i = 0; i < want->len && !reorder; i++)
    reorder = g_strcmp0 (g_ptr_array_index (predicted, i),
                         ((SpSipSubGoal *) g_ptr_array_index (want, i))->id) != 0;

  if (reorder)
    {
      JsonObject *op = add_op (ops, "reorder_sub_goals", NULL);
      JsonArray *ids = json_array_new ();

      for (guint i = 0; i < want->len; i++)
        json_array_add_string_element (ids, ((SpSipSubGoal *) g_ptr_array_index (want, i))->id);
      json_object_set_array_member (op, "ids", ids);
    }
}

static void
build_meeting (JsonArray *ops,
               SpSipPlan *server,
               SpSipPlan *wanted)
{
  JsonObject *op;

  if (g_strcmp0 (sp_sip_plan_get_chair (server), sp_sip_plan_get_chair (wanted)) != 0 ||
      g_strcmp0 (sp_sip_plan_get_documenter (server), sp_sip_plan_get_documenter (wanted)) != 0)
    {
      op = add_op (ops, "set_chair", NULL);
      sp_json_set_string (op, "chair", sp_sip_plan_get_chair (wanted));
      sp_json_set_string (op, "documenter", sp_sip_plan_get_documenter (wanted));
    }

  if (g_strcmp0 (sp_sip_plan_get_lead_name (server), sp_sip_plan_get_lead_name (wanted)) != 0 ||
      g_strcmp0 (sp_sip_plan_get_lead_unit_id (server),
                 sp_sip_plan_get_lead_unit_id (wanted)) != 0)
    {
      op = add_op (ops, "set_lead", NULL);
      sp_json_set_string (op, "name", sp_sip_plan_get_lead_name (wanted));
      sp_json_set_string (op, "unit_id", sp_sip_plan_get_lead_unit_id (wanted));
    }

  if (!same_time (sp_sip_plan_get_follow_up_at (server), sp_sip_plan_get_follow_up_at (wanted)) ||
      g_strcmp0 (sp_sip_plan_get_follow_up_place (server),
                 sp_sip_plan_get_follow_up_place (wanted)) != 0 ||
      !same_date (sp_sip_plan_get_evaluation_date (server),
                  sp_sip_plan_get_evaluation_date (wanted)))
    {
      op = add_op (ops, "set_follow_up", NULL);
      if (sp_sip_plan_get_follow_up_at (wanted) != NULL)
        sp_json_set_datetime (op, "follow_up_at", sp_sip_plan_get_follow_up_at (wanted));
      sp_json_set_string (op, "follow_up_place", sp_sip_plan_get_follow_up_place (wanted));
      if (g_date_valid (sp_sip_plan_get_evaluation_date (wanted)))
        sp_json_set_date (op, "evaluation_date", sp_sip_plan_get_evaluation_date (wanted));
    }
}

static void
build_participants (JsonArray *ops,
                    SpSipPlan *server,
                    SpSipPlan *wanted)
{
  GPtrArray *have = sp_sip_plan_get_participants (server);
  GPtrArray *want = sp_sip_plan_get_participants (wanted);

  for (guint i = 0; i < have->len; i++)
    {
      const SpSipParticipant *old = g_ptr_array_index (have, i);

      if (sp_sip_plan_get_participant (wanted, old->id) == NULL)
        json_object_set_string_member (add_op (ops, "remove_participant", NULL), "id", old->id);
    }

  for (guint i = 0; i < want->len; i++)
    {
      const SpSipParticipant *new = g_ptr_array_index (want, i);
      g_autoptr(JsonNode) node = NULL;

      if (sp_sip_plan_get_participant (server, new->id) != NULL)
        continue;

      node = sp_sip_participant_to_json (new);
      add_op (ops, "add_participant", node);
    }
}

/**
 * sp_sip_plan_ops_build:
 * @server: the plan as the server last answered it
 * @wanted: the plan as it is on screen (its complete nodes)
 *
 * Returns: (transfer full): the operations for PATCH /sips/:id/plan, in an order the server
 *   applies them in; empty when nothing changed
 */
JsonArray *
sp_sip_plan_ops_build (SpSipPlan *server,
                       SpSipPlan *wanted)
{
  JsonArray *ops = json_array_new ();

  g_return_val_if_fail (SP_IS_SIP_PLAN (server), ops);
  g_return_val_if_fail (SP_IS_SIP_PLAN (wanted), ops);

  if (g_strcmp0 (sp_sip_plan_get_main_goal (server), sp_sip_plan_get_main_goal (wanted)) != 0)
    sp_json_set_string (add_op (ops, "set_main_goal", NULL), "main_goal",
                        sp_sip_plan_get_main_goal (wanted));

  build_sub_goals (ops, server, wanted);
  build_meeting (ops, server, wanted);
  build_participants (ops, server, wanted);

  return ops;
}
