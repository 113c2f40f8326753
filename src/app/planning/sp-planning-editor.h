/* sp-planning-editor.h — the planning basis of one episode: answers per unit, versions, track
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"

G_BEGIN_DECLS

#define SP_TYPE_PLANNING_EDITOR (sp_planning_editor_get_type ())

G_DECLARE_FINAL_TYPE (SpPlanningEditor, sp_planning_editor, SP, PLANNING_EDITOR, AdwBin)

GtkWidget *sp_planning_editor_new    (SpAccount        *account,
                                      const char       *episode_id);
void       sp_planning_editor_reload (SpPlanningEditor *self);

G_END_DECLS
