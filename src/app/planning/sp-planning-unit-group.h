/* sp-planning-unit-group.h — one unit's planning answers and their versions, read-only
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "sp-account.h"
#include "sp-planning-answer.h"

G_BEGIN_DECLS

#define SP_TYPE_PLANNING_UNIT_GROUP (sp_planning_unit_group_get_type ())

G_DECLARE_FINAL_TYPE (SpPlanningUnitGroup, sp_planning_unit_group, SP, PLANNING_UNIT_GROUP,
                      AdwPreferencesGroup)

GtkWidget  *sp_planning_unit_group_new            (SpAccount           *account,
                                                   JsonObject          *unit);
const char *sp_planning_unit_group_get_unit_id    (SpPlanningUnitGroup *self);
guint       sp_planning_unit_group_get_n_versions (SpPlanningUnitGroup *self);

char       *sp_planning_describe_version          (SpPlanningAnswer    *answer);

G_END_DECLS
