/* sp-sip-plan-op.c — the operations of PATCH /sips/:id/plan, read and applied
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server applies them to the stored plan; the app applies the ones its outbox still
 * keeps to the plan in its local copy, so that a SIP edited offline and opened again shows
 * the edits before they are sent. One reading and one set of rules for both.
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-sip-plan-op.h"
#include "sp-store.h"

#define MAX_OP_NAME 32

static const char * const op_names[SP_SIP_PLAN_OP_SIGN] = {
  "set_main_goal", "add_sub_goal", "update_sub_goal", "remove_sub_goal",
  "add_intervention", "update_intervention", "remove_intervention", "move_intervention",
  "reorder_sub_goals", "set_chair", "set_lead", "set_follow_up",
  "add_participant", "remove_participant",
};

void
sp_sip_plan_op_free (SpSipPlanOp *op)
{
  json_node_unref (op->node);
  g_free (op);
}

/**
 * sp_sip_plan_op_new:
 * @node: the operation's object (referenced)
 * @index: its place in "operations", for error paths; -1 when it came from elsewhere
 */
SpSipPlanOp *
sp_sip_plan_op_new (SpSipPlanOpKind  kind,
                    JsonNode        *node,
                    int              index)
{
  SpSipPlanOp *op = g_new0 (SpSipPlanOp, 1);

  op->kind = kind;
  op->node = json_node_ref (node);
  op->index = index;
  return op;
}

/**
 * sp_sip_plan_ops_read:
 * @body: a PATCH /sips/:id/plan body
 *
 * Returns: (transfer full) (element-type SpSipPlanOp): its operations, at least one, each
 *   with a known name; %NULL with @error naming the member ("operations[2].op")
 */
GPtrArray *
sp_sip_plan_ops_read (JsonObject  *body,
                      GError     **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_plan_op_free);
  JsonArray *array = sp_json_get_array (body, "operations", TRUE, error);

  if (array == NULL)
    return NULL;

  if (json_array_get_length (array) == 0)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "operations: at least one");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *name = NULL;
      g_autofree char *field = g_strdup_printf ("operations[%u]", i);
      JsonObject *object = sp_json_node_get_object (node, field, error);
      guint kind = 0;

      if (object == NULL)
        return NULL;

      if (!sp_json_get_string (object, "op", TRUE, MAX_OP_NAME, &name, error))
        {
          g_prefix_error (error, "%s.", field);
          return NULL;
        }

      while (kind < SP_SIP_PLAN_OP_SIGN && g_strcmp0 (name, op_names[kind]) != 0)
        kind++;
      if (kind == SP_SIP_PLAN_OP_SIGN)
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s.op: unknown operation",
                       field);
          return NULL;
        }

      g_ptr_array_add (ops, sp_sip_plan_op_new (kind, node, i));
    }

  return g_steal_pointer (&ops);
}

static gboolean
apply_sub_goal (SpSipPlan          *plan,
                const SpSipPlanOp  *op,
                GError            **error)
{
  g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new_from_json (op->node, error);

  if (goal == NULL)
    return FALSE;

  return op->kind == SP_SIP_PLAN_OP_ADD_SUB_GOAL
         ? sp_sip_plan_add_sub_goal (plan, goal, error) != NULL
         : sp_sip_plan_update_sub_goal (plan, goal, error);
}

static gboolean
apply_intervention (SpSipPlan          *plan,
                    const SpSipPlanOp  *op,
                    GError            **error)
{
  g_autoptr(SpSipIntervention) intervention = sp_sip_intervention_new_from_json (op->node,
                                                                               error);

  if (intervention == NULL)
    return FALSE;

  return op->kind == SP_SIP_PLAN_OP_ADD_INTERVENTION
         ? sp_sip_plan_add_intervention (plan, intervention, error) != NULL
         : sp_sip_plan_update_intervention (plan, intervention, error);
}

static gboolean
apply_participant (SpSipPlan   *plan,
                   JsonObject  *object,
                   const char  *id,
                   GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *unit_id = NULL;
  g_autofree char *profession = NULL;
  g_autoptr(SpSipParticipant) participant = NULL;
  int presence = 0;

  /* Signatures are not set here: each participant signs through its own endpoint. */
  if (!sp_json_get_string (object, "name", TRUE, SP_STORE_MAX_TERM_LENGTH, &name, error) ||
      !sp_json_get_string (object, "unit_id", FALSE, SP_STORE_MAX_NAME_LENGTH, &unit_id,
                           error) ||
      !sp_json_get_string (object, "profession", FALSE, SP_STORE_MAX_TERM_LENGTH, &profession,
                           error) ||
      !sp_json_get_enum (object, "presence", TRUE, SP_TYPE_SIP_PRESENCE, &presence, error))
    return FALSE;

  participant = sp_sip_participant_new (name, unit_id, profession, presence);
  participant->id = g_strdup (id);
  return sp_sip_plan_add_participant (plan, participant, error) != NULL;
}

static gboolean
apply_follow_up (SpSipPlan   *plan,
                 JsonObject  *object,
                 GError     **error)
{
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *place = NULL;
  GDate evaluation;

  g_date_clear (&evaluation, 1);
  return sp_json_get_datetime (object, "follow_up_at", FALSE, &at, error) &&
         sp_json_get_string (object, "follow_up_place", FALSE, SP_STORE_MAX_TERM_LENGTH, &place,
                             error) &&
         sp_json_get_date (object, "evaluation_date", FALSE, &evaluation, error) &&
         sp_sip_plan_set_follow_up (plan, at, place, &evaluation, error);
}

/**
 * sp_sip_plan_op_apply:
 * @now: when (for a signature)
 *
 * Reads @op's arguments with the core readers and applies it with the core's rules.
 *
 * Returns: whether it was applied; %FALSE with @error (the plan may be half changed: work
 *   on a copy)
 */
gboolean
sp_sip_plan_op_apply (SpSipPlan          *plan,
                      const SpSipPlanOp  *op,
                      GDateTime          *now,
                      GError            **error)
{
  JsonObject *object = json_node_get_object (op->node);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *other = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean cascade = FALSE;

  switch (op->kind)
    {
    case SP_SIP_PLAN_OP_SET_MAIN_GOAL:
      return sp_json_get_string (object, "main_goal", FALSE, SP_JSON_MAX_TEXT, &text, error) &&
             sp_sip_plan_set_main_goal (plan, text, error);
    case SP_SIP_PLAN_OP_ADD_SUB_GOAL:
    case SP_SIP_PLAN_OP_UPDATE_SUB_GOAL:
      return apply_sub_goal (plan, op, error);
    case SP_SIP_PLAN_OP_ADD_INTERVENTION:
    case SP_SIP_PLAN_OP_UPDATE_INTERVENTION:
      return apply_intervention (plan, op, error);
    case SP_SIP_PLAN_OP_REORDER_SUB_GOALS:
      return sp_json_get_strv (object, "ids", TRUE, SP_STORE_MAX_NAME_LENGTH, &ids, error) &&
             sp_sip_plan_reorder_sub_goals (plan, (const char * const *) ids, error);
    case SP_SIP_PLAN_OP_SET_CHAIR:
      return sp_json_get_string (object, "chair", FALSE, SP_STORE_MAX_TERM_LENGTH, &text,
                                 error) &&
             sp_json_get_string (object, "documenter", FALSE, SP_STORE_MAX_TERM_LENGTH, &other,
                                 error) &&
             sp_sip_plan_set_chair (plan, text, other, error);
    case SP_SIP_PLAN_OP_SET_LEAD:
      return sp_json_get_string (object, "name", FALSE, SP_STORE_MAX_TERM_LENGTH, &text,
                                 error) &&
             sp_json_get_string (object, "unit_id", FALSE, SP_STORE_MAX_NAME_LENGTH, &other,
                                 error) &&
             sp_sip_plan_set_lead (plan, text, other, error);
    case SP_SIP_PLAN_OP_SET_FOLLOW_UP:
      return apply_follow_up (plan, object, error);
    default:
      break;
    }

  /* The rest target a node by "id". */
  if (!sp_json_get_string (object, "id", TRUE, SP_STORE_MAX_NAME_LENGTH, &id, error))
    return FALSE;

  switch (op->kind)
    {
    case SP_SIP_PLAN_OP_REMOVE_SUB_GOAL:
      return sp_json_get_bool (object, "cascade", FALSE, &cascade, error) &&
             sp_sip_plan_remove_sub_goal (plan, id, cascade, error);
    case SP_SIP_PLAN_OP_REMOVE_INTERVENTION:
      return sp_sip_plan_remove_intervention (plan, id, error);
    case SP_SIP_PLAN_OP_MOVE_INTERVENTION:
      return sp_json_get_string (object, "sub_goal", TRUE, SP_STORE_MAX_NAME_LENGTH, &other,
                                 error) &&
             sp_sip_plan_move_intervention (plan, id, other, error);
    case SP_SIP_PLAN_OP_ADD_PARTICIPANT:
      return apply_participant (plan, object, id, error);
    case SP_SIP_PLAN_OP_REMOVE_PARTICIPANT:
      return sp_sip_plan_remove_participant (plan, id, error);
    case SP_SIP_PLAN_OP_SIGN:
      return sp_sip_plan_sign (plan, id, now, error);
    default:
      g_assert_not_reached ();
    }
}

/**
 * sp_sip_plan_apply_body:
 * @body: a PATCH /sips/:id/plan body
 *
 * Reads and applies every operation of @body to @plan, in order.
 *
 * Returns: whether all were; %FALSE with @error ("operations[1].…") otherwise
 */
gboolean
sp_sip_plan_apply_body (SpSipPlan   *plan,
                        JsonObject  *body,
                        GDateTime   *now,
                        GError     **error)
{
  g_autoptr(GPtrArray) ops = sp_sip_plan_ops_read (body, error);

  if (ops == NULL)
    return FALSE;

  for (guint i = 0; i < ops->len; i++)
    {
      SpSipPlanOp *op = g_ptr_array_index (ops, i);

      if (!sp_sip_plan_op_apply (plan, op, now, error))
        {
          g_prefix_error (error, "operations[%d].", op->index);
          return FALSE;
        }
    }

  return TRUE;
}
