/* sp-sip-plan.h — the content of a SIP: main goal, sub-goals, interventions, participants
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-sip-goal.h"
#include "sp-sip-participant.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_PLAN (sp_sip_plan_get_type ())

G_DECLARE_FINAL_TYPE (SpSipPlan, sp_sip_plan, SP, SIP_PLAN, GObject)

SpSipPlan               *sp_sip_plan_new                 (void);
SpSipPlan               *sp_sip_plan_copy                (SpSipPlan                *self);
gboolean                 sp_sip_plan_is_editable         (SpSipPlan                *self);

const char              *sp_sip_plan_get_main_goal       (SpSipPlan                *self);
gboolean                 sp_sip_plan_set_main_goal       (SpSipPlan                *self,
                                                          const char               *text,
                                                          GError                  **error);
const char              *sp_sip_plan_get_chair           (SpSipPlan                *self);
const char              *sp_sip_plan_get_documenter      (SpSipPlan                *self);
gboolean                 sp_sip_plan_set_chair           (SpSipPlan                *self,
                                                          const char               *chair,
                                                          const char               *documenter,
                                                          GError                  **error);
const char              *sp_sip_plan_get_lead_name       (SpSipPlan                *self);
const char              *sp_sip_plan_get_lead_unit_id    (SpSipPlan                *self);
gboolean                 sp_sip_plan_set_lead            (SpSipPlan                *self,
                                                          const char               *name,
                                                          const char               *unit_id,
                                                          GError                  **error);
GDateTime               *sp_sip_plan_get_follow_up_at    (SpSipPlan                *self);
const char              *sp_sip_plan_get_follow_up_place (SpSipPlan                *self);
const GDate             *sp_sip_plan_get_evaluation_date (SpSipPlan                *self);
gboolean                 sp_sip_plan_set_follow_up       (SpSipPlan                *self,
                                                          GDateTime                *at,
                                                          const char               *place,
                                                          const GDate              *evaluation,
                                                          GError                  **error);

GPtrArray               *sp_sip_plan_get_sub_goals       (SpSipPlan                *self);
const SpSipSubGoal      *sp_sip_plan_get_sub_goal        (SpSipPlan                *self,
                                                          const char               *id);
const char              *sp_sip_plan_add_sub_goal        (SpSipPlan                *self,
                                                          const SpSipSubGoal       *goal,
                                                          GError                  **error);
gboolean                 sp_sip_plan_update_sub_goal     (SpSipPlan                *self,
                                                          const SpSipSubGoal       *goal,
                                                          GError                  **error);
gboolean                 sp_sip_plan_remove_sub_goal     (SpSipPlan                *self,
                                                          const char               *id,
                                                          gboolean                  cascade,
                                                          GError                  **error);
gboolean                 sp_sip_plan_reorder_sub_goals   (SpSipPlan                *self,
                                                          const char * const       *ids,
                                                          GError                  **error);

GPtrArray               *sp_sip_plan_get_interventions   (SpSipPlan                *self);
GPtrArray               *sp_sip_plan_list_interventions_for (SpSipPlan             *self,
                                                             const char            *sub_goal_id);
const SpSipIntervention *sp_sip_plan_get_intervention    (SpSipPlan                *self,
                                                          const char               *id);
const char              *sp_sip_plan_add_intervention    (SpSipPlan                *self,
                                                          const SpSipIntervention  *intervention,
                                                          GError                  **error);
gboolean                 sp_sip_plan_update_intervention (SpSipPlan                *self,
                                                          const SpSipIntervention  *intervention,
                                                          GError                  **error);
gboolean                 sp_sip_plan_remove_intervention (SpSipPlan                *self,
                                                          const char               *id,
                                                          GError                  **error);
gboolean                 sp_sip_plan_move_intervention   (SpSipPlan                *self,
                                                          const char               *id,
                                                          const char               *sub_goal_id,
                                                          GError                  **error);

GPtrArray               *sp_sip_plan_get_participants    (SpSipPlan                *self);
const SpSipParticipant  *sp_sip_plan_get_participant     (SpSipPlan                *self,
                                                          const char               *id);
const char              *sp_sip_plan_add_participant     (SpSipPlan                *self,
                                                          const SpSipParticipant   *participant,
                                                          GError                  **error);
gboolean                 sp_sip_plan_remove_participant  (SpSipPlan                *self,
                                                          const char               *id,
                                                          GError                  **error);
gboolean                 sp_sip_plan_sign                (SpSipPlan                *self,
                                                          const char               *participant_id,
                                                          GDateTime                *at,
                                                          GError                  **error);

gboolean                 sp_sip_plan_check_complete      (SpSipPlan                *self,
                                                          GError                  **error);

JsonNode                *sp_sip_plan_to_json             (SpSipPlan                *self);
SpSipPlan               *sp_sip_plan_new_from_json       (JsonNode                 *node,
                                                          GError                  **error);
gboolean                 sp_sip_plan_equal               (SpSipPlan                *a,
                                                          SpSipPlan                *b);

G_END_DECLS
