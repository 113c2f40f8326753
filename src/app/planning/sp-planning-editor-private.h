/* sp-planning-editor-private.h — what the planning editor's files share
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-planning-editor.h"
#include "sp-planning-track-card.h"

G_BEGIN_DECLS

struct _SpPlanningEditor
{
  AdwBin               parent_instance;

  /* Template */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  SpPlanningTrackCard *track_card;
  AdwPreferencesGroup *answer_group;
  GtkListBox          *question_list;
  GtkTextView         *ongoing_view;
  GtkTextView         *needs_view;
  GtkLabel            *save_hint;
  GtkBox              *units_box;

  SpAccount           *account;
  char                *episode_id;
  /* Cancelled in dispose: no late answer reaches a dead editor. */
  GCancellable        *cancellable;

  JsonNode            *planning;  /* the basis as the server last sent it */
  gint64               revision;  /* its revision: the base of the next save */
  GDateTime           *ready_at;  /* the episode's; starts the SIP invitation clock */
  gboolean             may_answer;
  GPtrArray           *switches;  /* (element-type GtkSwitch): one per question answered */
  gboolean             edited;    /* the form holds answers not saved yet */
  gboolean             filling;   /* the form is being filled from the server */
  gboolean             saving;
  gboolean             queued;    /* saved while offline: waits in the outbox */
};

/* sp-planning-editor.c */
void sp_planning_editor_edited          (SpPlanningEditor *self);

/* sp-planning-editor-form.c */
void sp_planning_editor_build_questions (SpPlanningEditor *self);
void sp_planning_editor_fill_form       (SpPlanningEditor *self);
void sp_planning_editor_show_preview    (SpPlanningEditor *self);
void sp_planning_editor_form_to_json    (SpPlanningEditor *self,
                                         JsonObject       *object);

G_END_DECLS
