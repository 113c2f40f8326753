/* sp-sip-outline-row.h — one sub-goal or intervention in the plan's outline
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-sip-follow-up.h"
#include "sp-sip-goal.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_OUTLINE_ROW (sp_sip_outline_row_get_type ())

G_DECLARE_FINAL_TYPE (SpSipOutlineRow, sp_sip_outline_row, SP, SIP_OUTLINE_ROW, GtkListBoxRow)

GtkWidget         *sp_sip_outline_row_new_sub_goal     (const SpSipSubGoal      *goal);
GtkWidget         *sp_sip_outline_row_new_intervention (const SpSipIntervention *intervention,
                                                        GListModel              *unit_names,
                                                        const char * const      *unit_ids);
SpSipNodeKind      sp_sip_outline_row_get_kind         (SpSipOutlineRow         *self);
const char        *sp_sip_outline_row_get_id           (SpSipOutlineRow         *self);
const char        *sp_sip_outline_row_get_text         (SpSipOutlineRow         *self);
SpSipSubGoal      *sp_sip_outline_row_dup_sub_goal     (SpSipOutlineRow         *self);
SpSipIntervention *sp_sip_outline_row_dup_intervention (SpSipOutlineRow         *self,
                                                        const char              *sub_goal_id);
GtkWidget         *sp_sip_outline_row_get_text_entry   (SpSipOutlineRow         *self);
void               sp_sip_outline_row_set_editable     (SpSipOutlineRow         *self,
                                                        gboolean                 editable);

G_END_DECLS
