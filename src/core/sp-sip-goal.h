/* sp-sip-goal.h — the nodes of a SIP plan tree: sub-goals and their interventions
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-types.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_SUB_GOAL     (sp_sip_sub_goal_get_type ())
#define SP_TYPE_SIP_INTERVENTION (sp_sip_intervention_get_type ())

/**
 * SpSipSubGoal:
 * @id: stable node id (a UUID given by the plan when %NULL on add)
 * @text: the sub-goal (delmål)
 * @responsible_unit_id: (nullable): the responsible unit
 * @responsible_person: (nullable): the responsible person
 * @target_date: when it should be reached; invalid (cleared) when not set
 *
 * A value: the plan keeps its own copies. All strings are owned.
 */
typedef struct
{
  char  *id;
  char  *text;
  char  *responsible_unit_id;
  char  *responsible_person;
  GDate  target_date;
} SpSipSubGoal;

/**
 * SpSipIntervention:
 * @id: stable node id (a UUID given by the plan when %NULL on add)
 * @what: what will be done (insats/åtgärd)
 * @unit_id: (nullable): the performing unit
 * @responsible_person: (nullable): the responsible person
 * @principal: the huvudman paying for and running it
 * @start_date: start; invalid (cleared) when not set
 * @frequency: (nullable): how often, free text ("varje vardag 8–9")
 * @sub_goal_id: the sub-goal it serves; must exist in the plan
 */
typedef struct
{
  char        *id;
  char        *what;
  char        *unit_id;
  char        *responsible_person;
  SpPrincipal  principal;
  GDate        start_date;
  char        *frequency;
  char        *sub_goal_id;
} SpSipIntervention;

GType              sp_sip_sub_goal_get_type         (void) G_GNUC_CONST;
SpSipSubGoal      *sp_sip_sub_goal_new              (const char               *text);
SpSipSubGoal      *sp_sip_sub_goal_copy             (const SpSipSubGoal       *goal);
void               sp_sip_sub_goal_free             (SpSipSubGoal             *goal);
gboolean           sp_sip_sub_goal_equal            (const SpSipSubGoal       *a,
                                                     const SpSipSubGoal       *b);
JsonNode          *sp_sip_sub_goal_to_json          (const SpSipSubGoal       *goal);
SpSipSubGoal      *sp_sip_sub_goal_new_from_json    (JsonNode                 *node,
                                                     GError                  **error);

GType              sp_sip_intervention_get_type     (void) G_GNUC_CONST;
SpSipIntervention *sp_sip_intervention_new          (const char               *what,
                                                     const char               *sub_goal_id);
SpSipIntervention *sp_sip_intervention_copy         (const SpSipIntervention  *intervention);
void               sp_sip_intervention_free         (SpSipIntervention        *intervention);
gboolean           sp_sip_intervention_equal        (const SpSipIntervention  *a,
                                                     const SpSipIntervention  *b);
JsonNode          *sp_sip_intervention_to_json      (const SpSipIntervention  *intervention);
SpSipIntervention *sp_sip_intervention_new_from_json (JsonNode                *node,
                                                      GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipSubGoal, sp_sip_sub_goal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipIntervention, sp_sip_intervention_free)

G_END_DECLS
