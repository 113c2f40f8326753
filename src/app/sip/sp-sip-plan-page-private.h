/* sp-sip-plan-page-private.h — the plan page's insides, shared with its outline keys
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-sip-outline-row.h"
#include "sp-sip-plan-page.h"

G_BEGIN_DECLS

struct _SpSipPlanPage
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  AdwEntryRow   *main_goal_row;
  GtkWidget     *add_button;
  GtkListBox    *outline;
  GtkWidget     *meeting_group;
  AdwEntryRow   *chair_row;
  AdwEntryRow   *documenter_row;
  AdwEntryRow   *lead_row;
  AdwComboRow   *lead_unit_row;
  AdwEntryRow   *follow_up_at_row;
  AdwEntryRow   *follow_up_place_row;
  AdwEntryRow   *evaluation_row;
  GtkListBox    *participants;
  GtkWidget     *new_participant_group;
  AdwEntryRow   *participant_name_row;
  AdwEntryRow   *participant_profession_row;
  AdwComboRow   *participant_presence_row;

  GStrv          unit_ids;
  GtkStringList *unit_names;     /* "no unit" first, then one per unit_ids */
  GPtrArray     *participant_list; /* SpSipParticipant, as shown */
  GPtrArray     *deleted;        /* the rows of the last deletion, for "Undo" */
  int            deleted_at;
  gboolean       editable;
  gboolean       loading;        /* filling the widgets: no "changed" */
};

void       sp_sip_plan_page_emit_changed     (SpSipPlanPage   *self);
void       sp_sip_plan_outline_init_class    (GtkWidgetClass  *widget_class);
void       sp_sip_plan_outline_setup         (SpSipPlanPage   *self);
GtkWidget *sp_sip_plan_outline_add_row       (SpSipPlanPage   *self,
                                              GtkWidget       *row,
                                              int              position);

G_END_DECLS
