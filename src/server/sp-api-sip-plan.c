/* sp-api-sip-plan.c — the SIP's plan: PATCH /sips/:id/plan {"base_revision", "operations":
 * [{"op", …}, …]}, signatures, and the field-level merge of edits made on a stale revision
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every operation names what it targets: a node ("id"), or one of the plan's fields (main
 * goal, chair, lead, follow-up, the order of the sub-goals). When the base revision is
 * stale, the operations are still applied to the current plan if nothing they target
 * changed since that revision (and no sub-goal they refer to was removed); otherwise the
 * answer is 409 with the current SIP. So two people editing different nodes of one plan
 * never lose each other's work, and nobody overwrites a node someone else just changed.
 */

#define G_LOG_DOMAIN "sp-api-sip"

#include "config.h"

#include "sp-api-sip-private.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-sip-plan-op.h"

static void
add_key (GPtrArray  *keys,
         const char *prefix,
         const char *id)
{
  g_ptr_array_add (keys, g_strconcat (prefix, id, NULL));
}

/* What @op touches, as keys: "main_goal", "chair", "lead", "follow_up", "sub_goal_order",
 * "node:ID", "participant:ID"; and "removed:ID" for the sub-goal it refers to. */
static gboolean
list_op_keys (SpSipPlanOp *op,
              SpSipPlan  *current,
              GPtrArray  *keys,
              GError    **error)
{
  static const char * const field_keys[] = {
    [SP_SIP_PLAN_OP_SET_MAIN_GOAL] = "main_goal",
    [SP_SIP_PLAN_OP_REORDER_SUB_GOALS] = "sub_goal_order",
    [SP_SIP_PLAN_OP_SET_CHAIR] = "chair",
    [SP_SIP_PLAN_OP_SET_LEAD] = "lead",
    [SP_SIP_PLAN_OP_SET_FOLLOW_UP] = "follow_up",
  };
  JsonObject *object = json_node_get_object (op->node);
  g_autofree char *id = NULL;
  g_autofree char *sub_goal = NULL;
  gboolean cascade = FALSE;

  if (op->kind < G_N_ELEMENTS (field_keys) && field_keys[op->kind] != NULL)
    {
      g_ptr_array_add (keys, g_strdup (field_keys[op->kind]));
      return TRUE;
    }

  if (!sp_json_get_string (object, "id", TRUE, SP_STORE_MAX_NAME_LENGTH, &id, error) ||
      !sp_json_get_string (object, "sub_goal", FALSE, SP_STORE_MAX_NAME_LENGTH, &sub_goal,
                           error) ||
      !sp_json_get_bool (object, "cascade", FALSE, &cascade, error))
    return FALSE;

  switch (op->kind)
    {
    case SP_SIP_PLAN_OP_ADD_PARTICIPANT:
    case SP_SIP_PLAN_OP_REMOVE_PARTICIPANT:
    case SP_SIP_PLAN_OP_SIGN:
      add_key (keys, "participant:", id);
      return TRUE;

    case SP_SIP_PLAN_OP_REMOVE_SUB_GOAL:
      /* Removing with its interventions also removes any added meanwhile: a conflict. */
      if (cascade)
        {
          g_autoptr(GPtrArray) children = sp_sip_plan_list_interventions_for (current, id);

          for (guint i = 0; i < children->len; i++)
            add_key (keys, "node:", ((SpSipIntervention *) g_ptr_array_index (children, i))->id);
        }
      break;

    default:
      break;
    }

  add_key (keys, "node:", id);
  if (sub_goal != NULL)
    add_key (keys, "removed:", sub_goal);
  return TRUE;
}

static void
add_change (GHashTable *changed,
            const char *prefix,
            const char *id)
{
  g_hash_table_add (changed, g_strconcat (prefix, id, NULL));
}

static gboolean
members_equal (JsonObject         *a,
               JsonObject         *b,
               const char * const *members)
{
  for (guint i = 0; members[i] != NULL; i++)
    if (!json_node_equal (json_object_get_member (a, members[i]),
                          json_object_get_member (b, members[i])))
      return FALSE;

  return TRUE;
}

static gboolean
same_sub_goal_order (SpSipPlan *a,
                     SpSipPlan *b)
{
  GPtrArray *goals_a = sp_sip_plan_get_sub_goals (a);
  GPtrArray *goals_b = sp_sip_plan_get_sub_goals (b);

  if (goals_a->len != goals_b->len)
    return FALSE;

  for (guint i = 0; i < goals_a->len; i++)
    if (g_strcmp0 (((SpSipSubGoal *) g_ptr_array_index (goals_a, i))->id,
                   ((SpSipSubGoal *) g_ptr_array_index (goals_b, i))->id) != 0)
      return FALSE;

  return TRUE;
}

static void
collect_participant_changes (SpSipPlan  *a,
                             SpSipPlan  *b,
                             GHashTable *changed)
{
  SpSipPlan *plans[2] = { a, b };

  for (guint p = 0; p < 2; p++)
    {
      GPtrArray *participants = sp_sip_plan_get_participants (plans[p]);

      for (guint i = 0; i < participants->len; i++)
        {
          SpSipParticipant *participant = g_ptr_array_index (participants, i);
          const SpSipParticipant *other = sp_sip_plan_get_participant (plans[1 - p],
                                                                       participant->id);

          if (other == NULL || !sp_sip_participant_equal (participant, other))
            add_change (changed, "participant:", participant->id);
        }
    }
}

/* The keys of everything that changed from @base to @current (see list_op_keys()). */
static GHashTable *
collect_changes (SpSip *base,
                 SpSip *current)
{
  static const char * const chair[] = { "chair", "documenter", NULL };
  static const char * const lead[] = { "lead", NULL };
  static const char * const follow_up[] = { "follow_up_at", "follow_up_place",
                                            "evaluation_date", NULL };
  GHashTable *changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SpSipPlan *a = sp_sip_get_plan (base);
  SpSipPlan *b = sp_sip_get_plan (current);
  g_autoptr(GPtrArray) entries = sp_sip_diff_plans (a, b);
  g_autoptr(JsonNode) json_a = sp_sip_plan_to_json (a);
  g_autoptr(JsonNode) json_b = sp_sip_plan_to_json (b);
  JsonObject *object_a = json_node_get_object (json_a);
  JsonObject *object_b = json_node_get_object (json_b);

  /* Established (or a revision started) in between: the edit was meant for another plan. */
  if (sp_sip_get_versions (base)->len != sp_sip_get_versions (current)->len)
    g_hash_table_add (changed, g_strdup ("plan"));

  for (guint i = 0; i < entries->len; i++)
    {
      SpSipDiffEntry *entry = g_ptr_array_index (entries, i);

      if (entry->kind == SP_SIP_DIFF_MAIN_GOAL_CHANGED)
        {
          g_hash_table_add (changed, g_strdup ("main_goal"));
          continue;
        }

      add_change (changed, "node:", entry->node_id);
      if (entry->kind == SP_SIP_DIFF_SUB_GOAL_REMOVED)
        add_change (changed, "removed:", entry->node_id);
    }

  if (!members_equal (object_a, object_b, chair))
    g_hash_table_add (changed, g_strdup ("chair"));
  if (!members_equal (object_a, object_b, lead))
    g_hash_table_add (changed, g_strdup ("lead"));
  if (!members_equal (object_a, object_b, follow_up))
    g_hash_table_add (changed, g_strdup ("follow_up"));
  if (!same_sub_goal_order (a, b))
    g_hash_table_add (changed, g_strdup ("sub_goal_order"));
  collect_participant_changes (a, b, changed);

  return changed;
}

/**
 * sp_api_sip_read_revision:
 *
 * Returns: (transfer full) (nullable): the SIP as it was at @revision; %NULL without an error
 *   when the history does not hold it
 */
SpSip *
sp_api_sip_read_revision (SpStore     *store,
                          const char  *id,
                          gint64       revision,
                          GError     **error)
{
  g_autoptr(GPtrArray) history = sp_store_get_history (store, "sip", id, error);

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      SpRecord *record = g_ptr_array_index (history, i);
      g_autoptr(JsonNode) node = NULL;

      if (sp_record_get_revision (record) != revision)
        continue;

      node = sp_api_record_to_json (record, error);
      return node != NULL ? sp_sip_new_from_json (node, error) : NULL;
    }

  return NULL;
}

/* Sets @out_conflict if @ops touch anything changed since @base_revision (or if that
 * revision is unknown). */
static gboolean
find_conflict (SpStore     *store,
               SipState    *state,
               GPtrArray   *ops,
               gint64       base_revision,
               gboolean    *out_conflict,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpSip) base = NULL;
  g_autoptr(GHashTable) changed = NULL;

  *out_conflict = TRUE;
  base = sp_api_sip_read_revision (store, sp_sip_get_id (state->sip), base_revision, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (base == NULL)
    return TRUE;

  changed = collect_changes (base, state->sip);
  if (g_hash_table_contains (changed, "plan"))
    return TRUE;

  for (guint i = 0; i < ops->len; i++)
    {
      SpSipPlanOp *op = g_ptr_array_index (ops, i);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      if (!list_op_keys (op, sp_sip_get_plan (state->sip), keys, error))
        {
          if (op->index >= 0)
            g_prefix_error (error, "operations[%d].", op->index);
          return FALSE;
        }

      for (guint k = 0; k < keys->len; k++)
        if (g_hash_table_contains (changed, g_ptr_array_index (keys, k)))
          return TRUE;
    }

  *out_conflict = FALSE;
  return TRUE;
}

/* Checks the base revision (merging when stale), applies @ops, saves, audits, answers. */
static void
run_plan_ops (SpServer   *server,
              SpRequest  *request,
              SipState   *state,
              GPtrArray  *ops,
              gint64      base_revision,
              const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  gint64 current_revision = sp_record_get_revision (state->record);
  gboolean conflict = FALSE;

  if (base_revision != current_revision &&
      !find_conflict (sp_server_get_store (server), state, ops, base_revision, &conflict,
                      &error))
    goto out;

  if (conflict)
    {
      sp_api_sip_fail_stale (server, request, state);
      return;
    }

  for (guint i = 0; i < ops->len; i++)
    {
      SpSipPlanOp *op = g_ptr_array_index (ops, i);

      if (!sp_sip_plan_op_apply (sp_sip_get_plan (state->sip), op, now, &error))
        {
          if (op->index >= 0)
            g_prefix_error (&error, "operations[%d].", op->index);
          goto out;
        }
    }

  if (!sp_api_sip_save_state (server, state, current_revision, &error) ||
      !sp_api_sip_audit (server, request, action, state->sip, &error))
    goto out;

  sp_api_sip_respond_state (server, request, state, 200);
  return;

out:
  sp_request_fail (request, g_steal_pointer (&error));
}

void
sp_api_sip_patch_plan (gpointer   server,
                       SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_auto(SipState) state = { 0 };
  JsonObject *body;
  gint64 base_revision = 0;

  if (!sp_api_sip_load_state (server, request, TRUE, &state, &error) ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !sp_api_get_base_revision (body, &base_revision, &error) ||
      (ops = sp_sip_plan_ops_read (body, &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  run_plan_ops (server, request, &state, ops, base_revision, "update");
}

/* POST /sips/:id/participants/:pid/signature {"base_revision"}: a signature is a plan
 * operation on that participant, so signatures given at the same time all count. */
void
sp_api_sip_sign_plan (gpointer   server,
                      SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_plan_op_free);
  g_autoptr(JsonObject) target = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_auto(SipState) state = { 0 };
  JsonObject *body;
  gint64 base_revision = 0;

  if (!sp_api_sip_load_state (server, request, TRUE, &state, &error) ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !sp_api_get_base_revision (body, &base_revision, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  json_object_set_string_member (target, "id", sp_request_get_param (request, "pid"));
  node = json_node_init_object (json_node_alloc (), target);
  g_ptr_array_add (ops, sp_sip_plan_op_new (SP_SIP_PLAN_OP_SIGN, node, -1));
  run_plan_ops (server, request, &state, ops, base_revision, "sign");
}
