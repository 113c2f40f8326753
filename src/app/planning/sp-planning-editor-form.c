/* sp-planning-editor-form.c — the caller's unit's answers: the questions, the free text
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One switch per question the unit's kind answers (the core's table), filled from the unit's
 * latest saved version. While the form holds unsaved answers, the track card shows the track
 * the core computes from them with the other units' latest visible answers.
 */

#define G_LOG_DOMAIN "sp-planning-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-json.h"
#include "sp-planning-editor-private.h"
#include "sp-planning-unit-group.h"

static const SpRegionProfile *
get_region_profile (SpPlanningEditor *self)
{
  JsonObject *profile = sp_account_get_profile (self->account);
  const char *id = NULL;
  const SpRegionProfile *region = NULL;

  /* The server's region decides the track rule; the session says it once the server tells
   * (see the note in the report); Stockholm is the server's default profile. */
  if (profile != NULL)
    id = json_object_get_string_member_with_default (profile, "region_profile", NULL);
  if (id != NULL)
    region = sp_region_profile_lookup (id);

  return region != NULL ? region : sp_region_profile_lookup ("stockholm");
}

static char *
get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static const SpPlanningQuestion *
switch_question (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "sp-planning-question");
}

/* ---- The caller's unit's form ---- */

/* The answers as the form holds them now, as the core's answer (for the preview). */
static SpPlanningAnswer *
edited_answer (SpPlanningEditor *self)
{
  g_autofree char *ongoing = get_text (self->ongoing_view);
  g_autofree char *needs = get_text (self->needs_view);
  SpPlanningAnswer *answer;

  answer = sp_planning_answer_new (self->episode_id, sp_account_get_unit_id (self->account),
                                   sp_account_get_unit_kind (self->account));
  for (guint i = 0; i < self->switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (self->switches, i);

      sp_planning_answer_set_value (answer, switch_question (GTK_WIDGET (toggle))->key,
                                    gtk_switch_get_active (toggle) ? SP_PLANNING_VALUE_YES
                                                                   : SP_PLANNING_VALUE_NO);
    }
  sp_planning_answer_set_ongoing_interventions (answer, ongoing);
  sp_planning_answer_set_new_needs (answer, needs);

  return answer;
}

/* The latest version of every unit this unit may see, as the core reads them. */
static GPtrArray *
visible_latest (SpPlanningEditor *self,
                gboolean         *out_withheld)
{
  JsonArray *units = sp_json_get_array (json_node_get_object (self->planning), "units", FALSE,
                                        NULL);
  GPtrArray *latest = g_ptr_array_new_with_free_func (g_object_unref);

  *out_withheld = FALSE;
  for (guint i = 0; units != NULL && i < json_array_get_length (units); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);
      JsonNode *node = json_object_get_member (unit, "latest");
      SpPlanningAnswer *answer;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          *out_withheld = TRUE;
          continue;
        }
      if ((answer = sp_planning_answer_new_from_json (node, NULL)) != NULL)
        g_ptr_array_add (latest, answer);
    }

  return latest;
}

static SpPlanningAnswer *
own_latest (SpPlanningEditor *self)
{
  g_autoptr(GPtrArray) latest = NULL;
  gboolean withheld;

  latest = visible_latest (self, &withheld);
  for (guint i = 0; i < latest->len; i++)
    {
      SpPlanningAnswer *answer = g_ptr_array_index (latest, i);

      if (g_strcmp0 (sp_planning_answer_get_unit_id (answer),
                     sp_account_get_unit_id (self->account)) == 0)
        return g_object_ref (answer);
    }

  return NULL;
}

/* One switch row per question the unit's kind answers, worded as the core has it. */
void
sp_planning_editor_build_questions (SpPlanningEditor *self)
{
  SpUnitKind kind = sp_account_get_unit_kind (self->account);
  const SpPlanningQuestion *questions;
  guint n = 0;

  questions = sp_planning_get_questions (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row, *toggle;

      if (!sp_planning_question_may_answer (&questions[i], kind))
        continue;

      toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (toggle), "sp-planning-question", (gpointer) &questions[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      questions[i].text, -1);
      g_signal_connect_swapped (toggle, "notify::active",
                                G_CALLBACK (sp_planning_editor_edited), self);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), questions[i].text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      gtk_list_box_append (self->question_list, row);
      g_ptr_array_add (self->switches, toggle);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->question_list), self->switches->len > 0);
}

/* Puts the unit's latest saved version into the form (or "no" everywhere before any). */
void
sp_planning_editor_fill_form (SpPlanningEditor *self)
{
  g_autoptr(SpPlanningAnswer) latest = own_latest (self);
  g_autofree char *signature = latest != NULL ? sp_planning_describe_version (latest) : NULL;
  g_autofree char *description = NULL;

  self->filling = TRUE;
  for (guint i = 0; i < self->switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (self->switches, i);
      SpPlanningValue value = latest != NULL
        ? sp_planning_answer_get_value (latest, switch_question (GTK_WIDGET (toggle))->key)
        : SP_PLANNING_VALUE_UNANSWERED;

      gtk_switch_set_active (toggle, value == SP_PLANNING_VALUE_YES);
    }
  set_text (self->ongoing_view,
            latest != NULL ? sp_planning_answer_get_ongoing_interventions (latest) : NULL);
  set_text (self->needs_view, latest != NULL ? sp_planning_answer_get_new_needs (latest) : NULL);
  self->filling = FALSE;
  self->edited = FALSE;

  description = signature != NULL
    ? g_strdup_printf (_("Latest saved: %s"), signature)
    : g_strdup (_("Your unit has not answered yet. Saving records every answer shown."));
  adw_preferences_group_set_description (self->answer_group, description);
}
/* While the form holds unsaved answers (and no unit has set the track by hand): the track
 * the core computes from them, with the other units' visible answers. */
void
sp_planning_editor_show_preview (SpPlanningEditor *self)
{
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
  g_autoptr(GPtrArray) latest = NULL;
  gboolean withheld;

  latest = visible_latest (self, &withheld);
  for (guint i = 0; i < latest->len; i++)
    if (g_strcmp0 (sp_planning_answer_get_unit_id (g_ptr_array_index (latest, i)),
                   sp_account_get_unit_id (self->account)) == 0)
      g_ptr_array_remove_index (latest, i--);
  g_ptr_array_add (latest, edited_answer (self));

  sp_planning_track_card_show_preview (self->track_card, get_region_profile (self), latest,
                                       withheld, self->ready_at, now);
}

/* The form's answers into a save command's @object: every question on screen is answered
 * (a switch that is off says no), and the free text. */
void
sp_planning_editor_form_to_json (SpPlanningEditor *self,
                                 JsonObject       *object)
{
  g_autofree char *ongoing = get_text (self->ongoing_view);
  g_autofree char *needs = get_text (self->needs_view);
  JsonObject *answers = json_object_new ();

  for (guint i = 0; i < self->switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (self->switches, i);

      json_object_set_boolean_member (answers, switch_question (GTK_WIDGET (toggle))->key,
                                      gtk_switch_get_active (toggle));
    }
  json_object_set_object_member (object, "answers", answers);
  sp_json_set_string (object, "ongoing_interventions", ongoing);
  sp_json_set_string (object, "new_needs", needs);
}
