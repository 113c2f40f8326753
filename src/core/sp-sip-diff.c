/* sp-sip-diff.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-sip-diff.h"

G_DEFINE_BOXED_TYPE (SpSipDiffEntry, sp_sip_diff_entry,
                     sp_sip_diff_entry_copy, sp_sip_diff_entry_free)

static SpSipDiffEntry *
new_entry (SpSipDiffKind  kind,
           const char    *node_id,
           const char    *old_text,
           const char    *new_text)
{
  SpSipDiffEntry *entry = g_new0 (SpSipDiffEntry, 1);

  entry->kind = kind;
  entry->node_id = g_strdup (node_id);
  entry->old_text = g_strdup (old_text);
  entry->new_text = g_strdup (new_text);
  return entry;
}

static void
add_entry (GPtrArray     *entries,
           SpSipDiffKind  kind,
           const char    *node_id,
           const char    *old_text,
           const char    *new_text)
{
  g_ptr_array_add (entries, new_entry (kind, node_id, old_text, new_text));
}

/**
 * sp_sip_diff_entry_copy:
 *
 * Returns: (transfer full): a copy of @entry
 */
SpSipDiffEntry *
sp_sip_diff_entry_copy (const SpSipDiffEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return new_entry (entry->kind, entry->node_id, entry->old_text, entry->new_text);
}

void
sp_sip_diff_entry_free (SpSipDiffEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->node_id);
  g_free (entry->old_text);
  g_free (entry->new_text);
  g_free (entry);
}

static void
diff_sub_goals (SpSipPlan *a,
                SpSipPlan *b,
                GPtrArray *entries)
{
  GPtrArray *old_goals = sp_sip_plan_get_sub_goals (a);
  GPtrArray *new_goals = sp_sip_plan_get_sub_goals (b);

  for (guint i = 0; i < old_goals->len; i++)
    {
      SpSipSubGoal *old_goal = g_ptr_array_index (old_goals, i);

      if (sp_sip_plan_get_sub_goal (b, old_goal->id) == NULL)
        add_entry (entries, SP_SIP_DIFF_SUB_GOAL_REMOVED, old_goal->id, old_goal->text, NULL);
    }

  for (guint i = 0; i < new_goals->len; i++)
    {
      SpSipSubGoal *new_goal = g_ptr_array_index (new_goals, i);
      const SpSipSubGoal *old_goal = sp_sip_plan_get_sub_goal (a, new_goal->id);

      if (old_goal == NULL)
        add_entry (entries, SP_SIP_DIFF_SUB_GOAL_ADDED, new_goal->id, NULL, new_goal->text);
      else if (!sp_sip_sub_goal_equal (old_goal, new_goal))
        add_entry (entries, SP_SIP_DIFF_SUB_GOAL_CHANGED, new_goal->id, old_goal->text,
                   new_goal->text);
    }
}

static void
diff_interventions (SpSipPlan *a,
                    SpSipPlan *b,
                    GPtrArray *entries)
{
  GPtrArray *old_list = sp_sip_plan_get_interventions (a);
  GPtrArray *new_list = sp_sip_plan_get_interventions (b);

  for (guint i = 0; i < old_list->len; i++)
    {
      SpSipIntervention *old_one = g_ptr_array_index (old_list, i);

      if (sp_sip_plan_get_intervention (b, old_one->id) == NULL)
        add_entry (entries, SP_SIP_DIFF_INTERVENTION_REMOVED, old_one->id, old_one->what, NULL);
    }

  for (guint i = 0; i < new_list->len; i++)
    {
      SpSipIntervention *new_one = g_ptr_array_index (new_list, i);
      const SpSipIntervention *old_one = sp_sip_plan_get_intervention (a, new_one->id);

      if (old_one == NULL)
        add_entry (entries, SP_SIP_DIFF_INTERVENTION_ADDED, new_one->id, NULL, new_one->what);
      else if (!sp_sip_intervention_equal (old_one, new_one))
        add_entry (entries, SP_SIP_DIFF_INTERVENTION_CHANGED, new_one->id, old_one->what,
                   new_one->what);
    }
}

/**
 * sp_sip_diff_plans:
 * @a: the earlier plan
 * @b: the later plan
 *
 * Nodes are matched by id. Order: the main goal, then sub-goals (removed in @a's order,
 * then added and changed in @b's order), then interventions the same way. A reordering
 * alone is not a change.
 *
 * Returns: (transfer full) (element-type SpSipDiffEntry): the differences, empty if none
 */
GPtrArray *
sp_sip_diff_plans (SpSipPlan *a,
                   SpSipPlan *b)
{
  GPtrArray *entries;

  g_return_val_if_fail (SP_IS_SIP_PLAN (a) && SP_IS_SIP_PLAN (b), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_diff_entry_free);
  if (g_strcmp0 (sp_sip_plan_get_main_goal (a), sp_sip_plan_get_main_goal (b)) != 0)
    add_entry (entries, SP_SIP_DIFF_MAIN_GOAL_CHANGED, NULL, sp_sip_plan_get_main_goal (a),
               sp_sip_plan_get_main_goal (b));
  diff_sub_goals (a, b, entries);
  diff_interventions (a, b, entries);
  return entries;
}

/**
 * sp_sip_diff_versions:
 * @a: the earlier version
 * @b: the later version
 *
 * Returns: (transfer full) (element-type SpSipDiffEntry): see sp_sip_diff_plans()
 */
GPtrArray *
sp_sip_diff_versions (SpSipVersion *a,
                      SpSipVersion *b)
{
  g_autoptr(SpSipPlan) plan_a = NULL;
  g_autoptr(SpSipPlan) plan_b = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  plan_a = sp_sip_version_dup_plan (a);
  plan_b = sp_sip_version_dup_plan (b);
  return sp_sip_diff_plans (plan_a, plan_b);
}
