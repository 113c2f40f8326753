/* sp-sip-plan.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-sip-plan.h"
#include "sp-sip-private.h"


G_DEFINE_FINAL_TYPE (SpSipPlan, sp_sip_plan, G_TYPE_OBJECT)

/* Sub-goals, interventions and participants all start with "char *id", so one lookup
 * serves the three arrays. */
int
sp_sip_plan_find_node (GPtrArray  *nodes,
                       const char *id)
{
  if (id == NULL)
    return -1;

  for (guint i = 0; i < nodes->len; i++)
    {
      char **node_id = g_ptr_array_index (nodes, i);

      if (g_strcmp0 (*node_id, id) == 0)
        return (int) i;
    }

  return -1;
}

static gboolean
check_editable (SpSipPlan  *self,
                GError    **error)
{
  if (!self->locked)
    return TRUE;

  g_set_error_literal (error, SP_SIP_ERROR, self->refusal,
                       self->refusal == SP_SIP_ERROR_CLOSED ? "plan: the SIP is closed"
                                                            : "plan: established and locked");
  return FALSE;
}

static void
ensure_id (char **id)
{
  if (*id == NULL)
    *id = g_uuid_string_random ();
}

/* Takes @node; frees it on failure. */
static const char *
append_node (GPtrArray       *nodes,
             gpointer         node,
             GDestroyNotify   free_node,
             GError         **error)
{
  char **id = node;

  if (sp_sip_plan_find_node (nodes, *id) >= 0)
    {
      free_node (node);
      g_set_error_literal (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID, "id: already in the plan");
      return NULL;
    }

  g_ptr_array_add (nodes, node);
  return *id;
}

static void
replace_node (GPtrArray *nodes,
              guint      index,
              gpointer   node)
{
  /* The array's free function disposes of the old node. */
  g_ptr_array_insert (nodes, (int) index, node);
  g_ptr_array_remove_index (nodes, index + 1);
}

static guint
count_interventions_for (SpSipPlan  *self,
                         const char *sub_goal_id)
{
  guint n = 0;

  for (guint i = 0; i < self->interventions->len; i++)
    {
      SpSipIntervention *intervention = g_ptr_array_index (self->interventions, i);

      if (g_strcmp0 (intervention->sub_goal_id, sub_goal_id) == 0)
        n++;
    }

  return n;
}

static void
sp_sip_plan_finalize (GObject *object)
{
  SpSipPlan *self = (SpSipPlan *) object;

  g_clear_pointer (&self->main_goal, g_free);
  g_clear_pointer (&self->sub_goals, g_ptr_array_unref);
  g_clear_pointer (&self->interventions, g_ptr_array_unref);
  g_clear_pointer (&self->chair, g_free);
  g_clear_pointer (&self->documenter, g_free);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->lead_name, g_free);
  g_clear_pointer (&self->lead_unit_id, g_free);
  g_clear_pointer (&self->follow_up_at, g_date_time_unref);
  g_clear_pointer (&self->follow_up_place, g_free);

  G_OBJECT_CLASS (sp_sip_plan_parent_class)->finalize (object);
}

static void
sp_sip_plan_class_init (SpSipPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_sip_plan_finalize;
}

static void
sp_sip_plan_init (SpSipPlan *self)
{
  self->sub_goals = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_sub_goal_free);
  self->interventions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_intervention_free);
  self->participants =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_participant_free);
  g_date_clear (&self->evaluation_date, 1);
}

/**
 * sp_sip_plan_new:
 *
 * Returns: (transfer full): an empty, editable plan
 */
SpSipPlan *
sp_sip_plan_new (void)
{
  return g_object_new (SP_TYPE_SIP_PLAN, NULL);
}

/**
 * sp_sip_plan_copy:
 *
 * Node ids are kept, so a revision's nodes can be compared with the version it came from.
 *
 * Returns: (transfer full): an editable deep copy of @self, even if @self is locked
 */
SpSipPlan *
sp_sip_plan_copy (SpSipPlan *self)
{
  SpSipPlan *copy;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  copy = sp_sip_plan_new ();
  copy->main_goal = g_strdup (self->main_goal);
  for (guint i = 0; i < self->sub_goals->len; i++)
    g_ptr_array_add (copy->sub_goals, sp_sip_sub_goal_copy (g_ptr_array_index (self->sub_goals,
                                                                               i)));
  for (guint i = 0; i < self->interventions->len; i++)
    g_ptr_array_add (copy->interventions,
                     sp_sip_intervention_copy (g_ptr_array_index (self->interventions, i)));
  for (guint i = 0; i < self->participants->len; i++)
    g_ptr_array_add (copy->participants,
                     sp_sip_participant_copy (g_ptr_array_index (self->participants, i)));
  copy->chair = g_strdup (self->chair);
  copy->documenter = g_strdup (self->documenter);
  copy->lead_name = g_strdup (self->lead_name);
  copy->lead_unit_id = g_strdup (self->lead_unit_id);
  sp_sip_replace_datetime (&copy->follow_up_at, self->follow_up_at);
  copy->follow_up_place = g_strdup (self->follow_up_place);
  copy->evaluation_date = self->evaluation_date;
  return copy;
}

void
sp_sip_plan_lock (SpSipPlan  *plan,
                  SpSipError  code)
{
  g_assert (code == SP_SIP_ERROR_LOCKED || code == SP_SIP_ERROR_CLOSED);

  plan->locked = TRUE;
  plan->refusal = code;
}

/* A revision is a new agreement: everyone signs again. */
void
sp_sip_plan_clear_signatures (SpSipPlan *plan)
{
  for (guint i = 0; i < plan->participants->len; i++)
    {
      SpSipParticipant *participant = g_ptr_array_index (plan->participants, i);

      participant->has_signed = FALSE;
      g_clear_pointer (&participant->signed_at, g_date_time_unref);
    }
}

/**
 * sp_sip_plan_is_editable:
 *
 * Returns: %FALSE once the plan is an established version or its SIP is closed
 */
gboolean
sp_sip_plan_is_editable (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  return !self->locked;
}

const char *
sp_sip_plan_get_main_goal (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->main_goal;
}

/**
 * sp_sip_plan_set_main_goal:
 * @text: (nullable): the main goal in the patient's own words
 *
 * Returns: %FALSE with @error set if the plan is locked or @text is too long
 */
gboolean
sp_sip_plan_set_main_goal (SpSipPlan   *self,
                           const char  *text,
                           GError     **error)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  if (!check_editable (self, error) ||
      !sp_sip_check_text ("main_goal", text, FALSE, SP_SIP_MAX_TEXT, error))
    return FALSE;

  g_free (self->main_goal);
  self->main_goal = g_strdup (text);
  return TRUE;
}

const char *
sp_sip_plan_get_chair (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->chair;
}

const char *
sp_sip_plan_get_documenter (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->documenter;
}

/**
 * sp_sip_plan_set_chair:
 * @chair: (nullable): the chair (ordförande)
 * @documenter: (nullable): who documents (dokumentationsansvarig)
 */
gboolean
sp_sip_plan_set_chair (SpSipPlan   *self,
                       const char  *chair,
                       const char  *documenter,
                       GError     **error)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  if (!check_editable (self, error) ||
      !sp_sip_check_text ("chair", chair, FALSE, SP_SIP_MAX_NAME, error) ||
      !sp_sip_check_text ("documenter", documenter, FALSE, SP_SIP_MAX_NAME, error))
    return FALSE;

  g_free (self->chair);
  self->chair = g_strdup (chair);
  g_free (self->documenter);
  self->documenter = g_strdup (documenter);
  return TRUE;
}

const char *
sp_sip_plan_get_lead_name (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->lead_name;
}

const char *
sp_sip_plan_get_lead_unit_id (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->lead_unit_id;
}

/**
 * sp_sip_plan_set_lead:
 * @name: (nullable): the SIP lead (samordningsansvarig) from now on
 * @unit_id: (nullable): their unit: any party, also the ward or the kommun (VGR)
 */
gboolean
sp_sip_plan_set_lead (SpSipPlan   *self,
                      const char  *name,
                      const char  *unit_id,
                      GError     **error)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  if (!check_editable (self, error) ||
      !sp_sip_check_text ("lead.name", name, FALSE, SP_SIP_MAX_NAME, error) ||
      !sp_sip_check_text ("lead.unit_id", unit_id, FALSE, SP_SIP_MAX_ID, error))
    return FALSE;

  g_free (self->lead_name);
  self->lead_name = g_strdup (name);
  g_free (self->lead_unit_id);
  self->lead_unit_id = g_strdup (unit_id);
  return TRUE;
}

/**
 * sp_sip_plan_get_follow_up_at:
 *
 * Returns: (transfer none) (nullable): when the follow-up meeting is
 */
GDateTime *
sp_sip_plan_get_follow_up_at (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->follow_up_at;
}

const char *
sp_sip_plan_get_follow_up_place (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->follow_up_place;
}

/**
 * sp_sip_plan_get_evaluation_date:
 *
 * Returns: (transfer none): when the goals are evaluated; invalid when not decided
 */
const GDate *
sp_sip_plan_get_evaluation_date (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return &self->evaluation_date;
}

/**
 * sp_sip_plan_set_follow_up:
 * @at: (nullable): date and time of the follow-up meeting
 * @place: (nullable): where it is held
 * @evaluation: (nullable): when the goals are evaluated
 */
gboolean
sp_sip_plan_set_follow_up (SpSipPlan    *self,
                           GDateTime    *at,
                           const char   *place,
                           const GDate  *evaluation,
                           GError      **error)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  if (!check_editable (self, error) ||
      !sp_sip_check_text ("follow_up_place", place, FALSE, SP_SIP_MAX_NAME, error))
    return FALSE;

  sp_sip_replace_datetime (&self->follow_up_at, at);
  g_free (self->follow_up_place);
  self->follow_up_place = g_strdup (place);
  if (evaluation != NULL && g_date_valid (evaluation))
    self->evaluation_date = *evaluation;
  else
    g_date_clear (&self->evaluation_date, 1);
  return TRUE;
}

/**
 * sp_sip_plan_get_sub_goals:
 *
 * Returns: (transfer none) (element-type SpSipSubGoal): the sub-goals in order
 */
GPtrArray *
sp_sip_plan_get_sub_goals (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->sub_goals;
}

/**
 * sp_sip_plan_get_sub_goal:
 *
 * Returns: (transfer none) (nullable): the sub-goal with @id
 */
const SpSipSubGoal *
sp_sip_plan_get_sub_goal (SpSipPlan  *self,
                          const char *id)
{
  int index;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  index = sp_sip_plan_find_node (self->sub_goals, id);
  return index >= 0 ? g_ptr_array_index (self->sub_goals, index) : NULL;
}

/**
 * sp_sip_plan_add_sub_goal:
 * @goal: the sub-goal to copy in; a %NULL id gets a new UUID
 *
 * Returns: (transfer none) (nullable): the new node's id, owned by the node (copy it to keep
 *   it across an update or removal), or %NULL with @error set
 */
const char *
sp_sip_plan_add_sub_goal (SpSipPlan           *self,
                          const SpSipSubGoal  *goal,
                          GError             **error)
{
  g_autoptr(SpSipSubGoal) copy = NULL;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);
  g_return_val_if_fail (goal != NULL, NULL);

  if (!check_editable (self, error))
    return NULL;

  copy = sp_sip_sub_goal_copy (goal);
  ensure_id (&copy->id);
  if (!sp_sip_sub_goal_check (copy, error))
    return NULL;

  return append_node (self->sub_goals, g_steal_pointer (&copy),
                      (GDestroyNotify) sp_sip_sub_goal_free, error);
}

/**
 * sp_sip_plan_update_sub_goal:
 * @goal: the new content of the sub-goal with @goal->id
 */
gboolean
sp_sip_plan_update_sub_goal (SpSipPlan           *self,
                             const SpSipSubGoal  *goal,
                             GError             **error)
{
  int index;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);
  g_return_val_if_fail (goal != NULL, FALSE);

  if (!check_editable (self, error) || !sp_sip_sub_goal_check (goal, error))
    return FALSE;

  index = sp_sip_plan_find_node (self->sub_goals, goal->id);
  if (index < 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "id",
                          "no such sub-goal");

  replace_node (self->sub_goals, index, sp_sip_sub_goal_copy (goal));
  return TRUE;
}

/**
 * sp_sip_plan_remove_sub_goal:
 * @cascade: also remove the sub-goal's interventions
 *
 * Without @cascade a sub-goal that still has interventions is refused
 * (%SP_SIP_ERROR_HAS_CHILDREN): an intervention must always serve a sub-goal.
 */
gboolean
sp_sip_plan_remove_sub_goal (SpSipPlan   *self,
                             const char  *id,
                             gboolean     cascade,
                             GError     **error)
{
  int index;
  guint n_children;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;

  index = sp_sip_plan_find_node (self->sub_goals, id);
  if (index < 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "id",
                          "no such sub-goal");

  n_children = count_interventions_for (self, id);
  if (n_children > 0 && !cascade)
    {
      g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_HAS_CHILDREN,
                   "id: the sub-goal has %u interventions", n_children);
      return FALSE;
    }

  for (guint i = self->interventions->len; i > 0; i--)
    {
      SpSipIntervention *intervention = g_ptr_array_index (self->interventions, i - 1);

      if (g_strcmp0 (intervention->sub_goal_id, id) == 0)
        g_ptr_array_remove_index (self->interventions, i - 1);
    }

  g_ptr_array_remove_index (self->sub_goals, index);
  return TRUE;
}

/**
 * sp_sip_plan_reorder_sub_goals:
 * @ids: (array zero-terminated=1): every sub-goal id exactly once, in the new order
 *
 * On failure the order is unchanged.
 */
gboolean
sp_sip_plan_reorder_sub_goals (SpSipPlan           *self,
                               const char * const  *ids,
                               GError             **error)
{
  g_autofree gboolean *seen = NULL;
  GPtrArray *ordered;
  guint n;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (!check_editable (self, error))
    return FALSE;

  n = g_strv_length ((char **) ids);
  if (n != self->sub_goals->len)
    {
      g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID,
                   "sub_goals: %u ids for %u sub-goals", n, self->sub_goals->len);
      return FALSE;
    }

  seen = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    {
      int index = sp_sip_plan_find_node (self->sub_goals, ids[i]);

      if (index < 0 || seen[index])
        {
          g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID,
                       "sub_goals[%u]: unknown or repeated id", i);
          return FALSE;
        }
      seen[index] = TRUE;
    }

  ordered = g_ptr_array_new_full (n, (GDestroyNotify) sp_sip_sub_goal_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ordered, g_ptr_array_index (self->sub_goals,
                                                 sp_sip_plan_find_node (self->sub_goals, ids[i])));

  /* The nodes moved to @ordered: free only the old container. */
  g_ptr_array_set_free_func (self->sub_goals, NULL);
  g_ptr_array_unref (self->sub_goals);
  self->sub_goals = ordered;
  return TRUE;
}

/**
 * sp_sip_plan_get_interventions:
 *
 * Returns: (transfer none) (element-type SpSipIntervention): all interventions in order
 */
GPtrArray *
sp_sip_plan_get_interventions (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->interventions;
}

/**
 * sp_sip_plan_list_interventions_for:
 *
 * Returns: (transfer container) (element-type SpSipIntervention): the interventions serving
 *   @sub_goal_id, in order
 */
GPtrArray *
sp_sip_plan_list_interventions_for (SpSipPlan  *self,
                                    const char *sub_goal_id)
{
  GPtrArray *list;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  list = g_ptr_array_new ();
  for (guint i = 0; i < self->interventions->len; i++)
    {
      SpSipIntervention *intervention = g_ptr_array_index (self->interventions, i);

      if (g_strcmp0 (intervention->sub_goal_id, sub_goal_id) == 0)
        g_ptr_array_add (list, intervention);
    }

  return list;
}

/**
 * sp_sip_plan_get_intervention:
 *
 * Returns: (transfer none) (nullable): the intervention with @id
 */
const SpSipIntervention *
sp_sip_plan_get_intervention (SpSipPlan  *self,
                              const char *id)
{
  int index;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  index = sp_sip_plan_find_node (self->interventions, id);
  return index >= 0 ? g_ptr_array_index (self->interventions, index) : NULL;
}

static gboolean
check_intervention (SpSipPlan                *self,
                    const SpSipIntervention  *intervention,
                    GError                  **error)
{
  if (!sp_sip_intervention_check (intervention, error))
    return FALSE;

  if (sp_sip_plan_find_node (self->sub_goals, intervention->sub_goal_id) < 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "sub_goal",
                          "no such sub-goal");

  return TRUE;
}

/**
 * sp_sip_plan_add_intervention:
 * @intervention: the intervention to copy in; a %NULL id gets a new UUID
 *
 * Its sub-goal must be in the plan (%SP_SIP_ERROR_DANGLING_REFERENCE otherwise).
 *
 * Returns: (transfer none) (nullable): the new node's id, owned by the node, or %NULL with
 *   @error set
 */
const char *
sp_sip_plan_add_intervention (SpSipPlan                *self,
                              const SpSipIntervention  *intervention,
                              GError                  **error)
{
  g_autoptr(SpSipIntervention) copy = NULL;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);
  g_return_val_if_fail (intervention != NULL, NULL);

  if (!check_editable (self, error))
    return NULL;

  copy = sp_sip_intervention_copy (intervention);
  ensure_id (&copy->id);
  if (!check_intervention (self, copy, error))
    return NULL;

  return append_node (self->interventions, g_steal_pointer (&copy),
                      (GDestroyNotify) sp_sip_intervention_free, error);
}

/**
 * sp_sip_plan_update_intervention:
 * @intervention: the new content of the intervention with @intervention->id
 */
gboolean
sp_sip_plan_update_intervention (SpSipPlan                *self,
                                 const SpSipIntervention  *intervention,
                                 GError                  **error)
{
  int index;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);
  g_return_val_if_fail (intervention != NULL, FALSE);

  if (!check_editable (self, error) || !check_intervention (self, intervention, error))
    return FALSE;

  index = sp_sip_plan_find_node (self->interventions, intervention->id);
  if (index < 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "id",
                          "no such intervention");

  replace_node (self->interventions, index, sp_sip_intervention_copy (intervention));
  return TRUE;
}

gboolean
sp_sip_plan_remove_intervention (SpSipPlan   *self,
                                 const char  *id,
                                 GError     **error)
{
  int index;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;

  index = sp_sip_plan_find_node (self->interventions, id);
  if (index < 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "id",
                          "no such intervention");

  g_ptr_array_remove_index (self->interventions, index);
  return TRUE;
}

/**
 * sp_sip_plan_move_intervention:
 * @sub_goal_id: the sub-goal it serves from now on
 *
 * The intervention becomes the last one of its new sub-goal.
 */
gboolean
sp_sip_plan_move_intervention (SpSipPlan   *self,
                               const char  *id,
                               const char  *sub_goal_id,
                               GError     **error)
{
  SpSipIntervention *intervention;
  int index;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;

  index = sp_sip_plan_find_node (self->interventions, id);
  if (index < 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "id",
                          "no such intervention");
  if (sp_sip_plan_find_node (self->sub_goals, sub_goal_id) < 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "sub_goal",
                          "no such sub-goal");

  intervention = g_ptr_array_steal_index (self->interventions, index);
  g_free (intervention->sub_goal_id);
  intervention->sub_goal_id = g_strdup (sub_goal_id);
  g_ptr_array_add (self->interventions, intervention);
  return TRUE;
}

/**
 * sp_sip_plan_get_participants:
 *
 * Returns: (transfer none) (element-type SpSipParticipant): the meeting's participants
 */
GPtrArray *
sp_sip_plan_get_participants (SpSipPlan *self)
{
  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  return self->participants;
}

/**
 * sp_sip_plan_get_participant:
 *
 * Returns: (transfer none) (nullable): the participant with @id
 */
const SpSipParticipant *
sp_sip_plan_get_participant (SpSipPlan  *self,
                             const char *id)
{
  int index;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);

  index = sp_sip_plan_find_node (self->participants, id);
  return index >= 0 ? g_ptr_array_index (self->participants, index) : NULL;
}

/**
 * sp_sip_plan_add_participant:
 * @participant: the participant to copy in; a %NULL id gets a new UUID
 *
 * Returns: (transfer none) (nullable): the participant's id, or %NULL with @error set
 */
const char *
sp_sip_plan_add_participant (SpSipPlan               *self,
                             const SpSipParticipant  *participant,
                             GError                 **error)
{
  g_autoptr(SpSipParticipant) copy = NULL;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), NULL);
  g_return_val_if_fail (participant != NULL, NULL);

  if (!check_editable (self, error))
    return NULL;

  copy = sp_sip_participant_copy (participant);
  ensure_id (&copy->id);
  if (!sp_sip_participant_check (copy, error))
    return NULL;

  return append_node (self->participants, g_steal_pointer (&copy),
                      (GDestroyNotify) sp_sip_participant_free, error);
}

gboolean
sp_sip_plan_remove_participant (SpSipPlan   *self,
                                const char  *id,
                                GError     **error)
{
  int index;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;

  index = sp_sip_plan_find_node (self->participants, id);
  if (index < 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "id",
                          "no such participant");

  g_ptr_array_remove_index (self->participants, index);
  return TRUE;
}

/**
 * sp_sip_plan_sign:
 * @at: when the participant signed
 *
 * Records that the participant has signed the plan (for a samordnad vårdplan: that their
 * unit has approved it).
 */
gboolean
sp_sip_plan_sign (SpSipPlan   *self,
                  const char  *participant_id,
                  GDateTime   *at,
                  GError     **error)
{
  SpSipParticipant *participant;
  int index;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  if (!check_editable (self, error))
    return FALSE;

  index = sp_sip_plan_find_node (self->participants, participant_id);
  if (index < 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "id",
                          "no such participant");

  participant = g_ptr_array_index (self->participants, index);
  participant->has_signed = TRUE;
  sp_sip_replace_datetime (&participant->signed_at, at);
  return TRUE;
}

/**
 * sp_sip_plan_check_complete:
 *
 * What establishing needs (DOMAIN §8): a main goal, at least one sub-goal, a SIP lead, a
 * follow-up time, at least one participant and every participant's signature. The error
 * names the first missing field, or (by index and id, never by name: messages are logged)
 * every participant who has not signed.
 */
gboolean
sp_sip_plan_check_complete (SpSipPlan  *self,
                            GError    **error)
{
  g_autoptr(GString) unsigned_list = NULL;

  g_return_val_if_fail (SP_IS_SIP_PLAN (self), FALSE);

  if (!sp_sip_check_text ("main_goal", self->main_goal, TRUE, SP_SIP_MAX_TEXT, error) ||
      !sp_sip_check_text ("lead.name", self->lead_name, TRUE, SP_SIP_MAX_NAME, error) ||
      !sp_sip_check_text ("lead.unit_id", self->lead_unit_id, TRUE, SP_SIP_MAX_ID, error))
    return FALSE;

  if (self->sub_goals->len == 0 || self->follow_up_at == NULL || self->participants->len == 0)
    {
      g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD, "%s: required",
                   self->sub_goals->len == 0 ? "sub_goals"
                   : self->follow_up_at == NULL ? "follow_up_at" : "participants");
      return FALSE;
    }

  for (guint i = 0; i < self->participants->len; i++)
    {
      SpSipParticipant *participant = g_ptr_array_index (self->participants, i);

      if (participant->has_signed)
        continue;

      if (unsigned_list == NULL)
        unsigned_list = g_string_new (NULL);
      else
        g_string_append (unsigned_list, ", ");
      g_string_append_printf (unsigned_list, "[%u] %s", i, participant->id);
    }

  if (unsigned_list != NULL)
    {
      g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_NOT_SIGNED,
                   "participants: not signed by %s", unsigned_list->str);
      return FALSE;
    }

  return TRUE;
}
