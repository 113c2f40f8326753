/* sp-sip-goal.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-sip-goal.h"
#include "sp-sip-private.h"

G_DEFINE_BOXED_TYPE (SpSipSubGoal, sp_sip_sub_goal, sp_sip_sub_goal_copy, sp_sip_sub_goal_free)
G_DEFINE_BOXED_TYPE (SpSipIntervention, sp_sip_intervention,
                     sp_sip_intervention_copy, sp_sip_intervention_free)

/**
 * sp_sip_sub_goal_new:
 * @text: the sub-goal
 *
 * Returns: (transfer full): a sub-goal without id; the plan gives it one on add
 */
SpSipSubGoal *
sp_sip_sub_goal_new (const char *text)
{
  SpSipSubGoal *goal = g_new0 (SpSipSubGoal, 1);

  goal->text = g_strdup (text);
  g_date_clear (&goal->target_date, 1);
  return goal;
}

/**
 * sp_sip_sub_goal_copy:
 *
 * Returns: (transfer full): a deep copy of @goal
 */
SpSipSubGoal *
sp_sip_sub_goal_copy (const SpSipSubGoal *goal)
{
  SpSipSubGoal *copy;

  g_return_val_if_fail (goal != NULL, NULL);

  copy = sp_sip_sub_goal_new (goal->text);
  copy->id = g_strdup (goal->id);
  copy->responsible_unit_id = g_strdup (goal->responsible_unit_id);
  copy->responsible_person = g_strdup (goal->responsible_person);
  copy->target_date = goal->target_date;
  return copy;
}

void
sp_sip_sub_goal_free (SpSipSubGoal *goal)
{
  if (goal == NULL)
    return;

  g_free (goal->id);
  g_free (goal->text);
  g_free (goal->responsible_unit_id);
  g_free (goal->responsible_person);
  g_free (goal);
}

gboolean
sp_sip_sub_goal_equal (const SpSipSubGoal *a,
                       const SpSipSubGoal *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->responsible_unit_id, b->responsible_unit_id) == 0 &&
         g_strcmp0 (a->responsible_person, b->responsible_person) == 0 &&
         sp_sip_date_equal (&a->target_date, &b->target_date);
}

gboolean
sp_sip_sub_goal_check (const SpSipSubGoal  *goal,
                       GError             **error)
{
  return sp_sip_check_text ("id", goal->id, TRUE, SP_SIP_MAX_ID, error) &&
         sp_sip_check_text ("text", goal->text, TRUE, SP_SIP_MAX_TEXT, error) &&
         sp_sip_check_text ("responsible_unit_id", goal->responsible_unit_id, FALSE,
                            SP_SIP_MAX_ID, error) &&
         sp_sip_check_text ("responsible_person", goal->responsible_person, FALSE,
                            SP_SIP_MAX_NAME, error);
}

/**
 * sp_sip_sub_goal_to_json:
 *
 * Returns: (transfer full): @goal as a JSON object
 */
JsonNode *
sp_sip_sub_goal_to_json (const SpSipSubGoal *goal)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (goal != NULL, NULL);

  object = json_object_new ();
  sp_json_set_string (object, "id", goal->id);
  sp_json_set_string (object, "text", goal->text);
  sp_json_set_string (object, "responsible_unit_id", goal->responsible_unit_id);
  sp_json_set_string (object, "responsible_person", goal->responsible_person);
  sp_json_set_date (object, "target_date", &goal->target_date);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * sp_sip_sub_goal_new_from_json:
 *
 * Returns: (transfer full) (nullable): the sub-goal, or %NULL with @error naming the member
 */
SpSipSubGoal *
sp_sip_sub_goal_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new (NULL);
  JsonObject *object = sp_json_node_get_object (node, NULL, error);

  if (object == NULL ||
      !sp_json_get_string (object, "id", TRUE, SP_SIP_MAX_ID, &goal->id, error) ||
      !sp_json_get_string (object, "text", TRUE, SP_SIP_MAX_TEXT, &goal->text, error) ||
      !sp_json_get_string (object, "responsible_unit_id", FALSE, SP_SIP_MAX_ID,
                           &goal->responsible_unit_id, error) ||
      !sp_json_get_string (object, "responsible_person", FALSE, SP_SIP_MAX_NAME,
                           &goal->responsible_person, error) ||
      !sp_json_get_date (object, "target_date", FALSE, &goal->target_date, error) ||
      !sp_sip_sub_goal_check (goal, error))
    return NULL;

  return g_steal_pointer (&goal);
}

/**
 * sp_sip_intervention_new:
 * @what: what will be done
 * @sub_goal_id: (nullable): the sub-goal it serves
 *
 * Returns: (transfer full): an intervention without id; the plan gives it one on add
 */
SpSipIntervention *
sp_sip_intervention_new (const char *what,
                         const char *sub_goal_id)
{
  SpSipIntervention *intervention = g_new0 (SpSipIntervention, 1);

  intervention->what = g_strdup (what);
  intervention->sub_goal_id = g_strdup (sub_goal_id);
  intervention->principal = SP_PRINCIPAL_REGION;
  g_date_clear (&intervention->start_date, 1);
  return intervention;
}

/**
 * sp_sip_intervention_copy:
 *
 * Returns: (transfer full): a deep copy of @intervention
 */
SpSipIntervention *
sp_sip_intervention_copy (const SpSipIntervention *intervention)
{
  SpSipIntervention *copy;

  g_return_val_if_fail (intervention != NULL, NULL);

  copy = sp_sip_intervention_new (intervention->what, intervention->sub_goal_id);
  copy->id = g_strdup (intervention->id);
  copy->unit_id = g_strdup (intervention->unit_id);
  copy->responsible_person = g_strdup (intervention->responsible_person);
  copy->principal = intervention->principal;
  copy->start_date = intervention->start_date;
  copy->frequency = g_strdup (intervention->frequency);
  return copy;
}

void
sp_sip_intervention_free (SpSipIntervention *intervention)
{
  if (intervention == NULL)
    return;

  g_free (intervention->id);
  g_free (intervention->what);
  g_free (intervention->unit_id);
  g_free (intervention->responsible_person);
  g_free (intervention->frequency);
  g_free (intervention->sub_goal_id);
  g_free (intervention);
}

gboolean
sp_sip_intervention_equal (const SpSipIntervention *a,
                           const SpSipIntervention *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->what, b->what) == 0 &&
         g_strcmp0 (a->unit_id, b->unit_id) == 0 &&
         g_strcmp0 (a->responsible_person, b->responsible_person) == 0 &&
         a->principal == b->principal &&
         sp_sip_date_equal (&a->start_date, &b->start_date) &&
         g_strcmp0 (a->frequency, b->frequency) == 0 &&
         g_strcmp0 (a->sub_goal_id, b->sub_goal_id) == 0;
}

gboolean
sp_sip_intervention_check (const SpSipIntervention  *intervention,
                           GError                  **error)
{
  if (sp_enum_to_nick (SP_TYPE_PRINCIPAL, intervention->principal) == NULL)
    {
      g_set_error_literal (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID,
                           "principal: unknown value");
      return FALSE;
    }

  return sp_sip_check_text ("id", intervention->id, TRUE, SP_SIP_MAX_ID, error) &&
         sp_sip_check_text ("what", intervention->what, TRUE, SP_SIP_MAX_TEXT, error) &&
         sp_sip_check_text ("unit_id", intervention->unit_id, FALSE, SP_SIP_MAX_ID, error) &&
         sp_sip_check_text ("responsible_person", intervention->responsible_person, FALSE,
                            SP_SIP_MAX_NAME, error) &&
         sp_sip_check_text ("frequency", intervention->frequency, FALSE, SP_SIP_MAX_NAME,
                            error) &&
         sp_sip_check_text ("sub_goal", intervention->sub_goal_id, TRUE, SP_SIP_MAX_ID, error);
}

/**
 * sp_sip_intervention_to_json:
 *
 * Returns: (transfer full): @intervention as a JSON object; the link is "sub_goal"
 */
JsonNode *
sp_sip_intervention_to_json (const SpSipIntervention *intervention)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (intervention != NULL, NULL);

  object = json_object_new ();
  sp_json_set_string (object, "id", intervention->id);
  sp_json_set_string (object, "what", intervention->what);
  sp_json_set_string (object, "unit_id", intervention->unit_id);
  sp_json_set_string (object, "responsible_person", intervention->responsible_person);
  sp_json_set_enum (object, "principal", SP_TYPE_PRINCIPAL, intervention->principal);
  sp_json_set_date (object, "start_date", &intervention->start_date);
  sp_json_set_string (object, "frequency", intervention->frequency);
  sp_json_set_string (object, "sub_goal", intervention->sub_goal_id);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * sp_sip_intervention_new_from_json:
 *
 * Checks the node alone; whether "sub_goal" exists is the plan reader's business.
 *
 * Returns: (transfer full) (nullable): the intervention, or %NULL with @error naming the member
 */
SpSipIntervention *
sp_sip_intervention_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr(SpSipIntervention) intervention = sp_sip_intervention_new (NULL, NULL);
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  int principal = SP_PRINCIPAL_REGION;

  if (object == NULL ||
      !sp_json_get_string (object, "id", TRUE, SP_SIP_MAX_ID, &intervention->id, error) ||
      !sp_json_get_string (object, "what", TRUE, SP_SIP_MAX_TEXT, &intervention->what, error) ||
      !sp_json_get_string (object, "unit_id", FALSE, SP_SIP_MAX_ID, &intervention->unit_id,
                           error) ||
      !sp_json_get_string (object, "responsible_person", FALSE, SP_SIP_MAX_NAME,
                           &intervention->responsible_person, error) ||
      !sp_json_get_enum (object, "principal", TRUE, SP_TYPE_PRINCIPAL, &principal, error) ||
      !sp_json_get_date (object, "start_date", FALSE, &intervention->start_date, error) ||
      !sp_json_get_string (object, "frequency", FALSE, SP_SIP_MAX_NAME,
                           &intervention->frequency, error) ||
      !sp_json_get_string (object, "sub_goal", TRUE, SP_SIP_MAX_ID, &intervention->sub_goal_id,
                           error))
    return NULL;

  intervention->principal = principal;
  if (!sp_sip_intervention_check (intervention, error))
    return NULL;

  return g_steal_pointer (&intervention);
}
