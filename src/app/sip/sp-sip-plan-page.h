/* sp-sip-plan-page.h — the plan: main goal, outline of sub-goals and interventions, meeting
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-sip-plan.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_PLAN_PAGE (sp_sip_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSipPlanPage, sp_sip_plan_page, SP, SIP_PLAN_PAGE, GtkWidget)

void       sp_sip_plan_page_set_units   (SpSipPlanPage      *self,
                                         const char * const *unit_ids,
                                         const char * const *unit_names);
void       sp_sip_plan_page_load        (SpSipPlanPage      *self,
                                         SpSipPlan          *plan,
                                         gboolean            editable);
SpSipPlan *sp_sip_plan_page_dup_wanted  (SpSipPlanPage      *self,
                                         SpSipPlan          *server);

G_END_DECLS
