/* sp-sip-editor-load.c — the SIP editor reads its SIP, episode and units, or creates the SIP
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-deadline.h"
#include "sp-format.h"
#include "sp-json.h"
#include "sp-sip-editor-private.h"
#include "sp-sip-fields.h"

/* "Kallelse till SIP skickad: 2026-03-10 23:59, om 2 dygn 3 tim" from the episode's clock,
 * which the server computes with sp_deadline_get_due() for its region profile. */
static void
show_deadline (SpSipEditor *self)
{
  JsonArray *clocks = self->episode != NULL && json_object_has_member (self->episode, "clocks")
                      ? json_object_get_array_member (self->episode, "clocks") : NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
  g_autofree char *due_text = NULL;
  g_autofree char *text = NULL;
  GDateTime *sent = sp_sip_get_invitation_sent_at (self->sip);

  for (guint i = 0; clocks != NULL && i < json_array_get_length (clocks) && due == NULL; i++)
    {
      JsonObject *clock = json_array_get_object_element (clocks, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (clock, "clock", NULL),
                     "sip_invitation_sent") == 0)
        sp_json_parse_datetime (json_object_get_string_member_with_default (clock, "due", NULL),
                                &due);
    }

  if (sent != NULL)
    {
      g_autofree char *sent_text = sp_format_time (sent);

      text = g_strdup_printf (_("Sent %s"), sent_text);
      sp_sip_invitation_page_set_deadline (self->invitation_page, text, FALSE);
      return;
    }

  if (due == NULL)
    {
      sp_sip_invitation_page_set_deadline (self->invitation_page, NULL, FALSE);
      return;
    }

  due_text = sp_format_time (due);
  if (sp_deadline_is_overdue (due, NULL, now))
    text = g_strdup_printf (_("%s — overdue"), due_text);
  else
    {
      GTimeSpan left = g_date_time_difference (due, now);
      int days = left / G_TIME_SPAN_DAY;
      int hours = (left % G_TIME_SPAN_DAY) / G_TIME_SPAN_HOUR;

      text = g_strdup_printf (_("%s — %d d %d h left"), due_text, days, hours);
    }
  sp_sip_invitation_page_set_deadline (self->invitation_page, text,
                                       sp_deadline_is_overdue (due, NULL, now));
}

static void
show_status (SpSipEditor *self)
{
  SpSipVersion *latest = sp_sip_get_latest_version (self->sip);
  GtkWidget *label = GTK_WIDGET (self->status_label);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "success");
  switch (sp_sip_get_status (self->sip))
    {
    case SP_SIP_STATUS_ESTABLISHED:
      {
        g_autofree char *at = sp_format_time (sp_sip_version_get_established_at (latest));

        text = g_strdup_printf (_("Established, version %u (%s)"),
                                sp_sip_version_get_number (latest), at);
        gtk_widget_add_css_class (label, "success");
      }
      break;
    case SP_SIP_STATUS_CLOSED:
      text = g_strdup (_("Closed"));
      break;
    case SP_SIP_STATUS_DRAFT:
    case SP_SIP_STATUS_INVITED:
    case SP_SIP_STATUS_IN_PROGRESS:
    default:
      text = g_strdup (_("Working material – not established"));
      gtk_widget_add_css_class (label, "warning");
      break;
    }
  gtk_label_set_label (self->status_label, text);
}

static void
set_plan_units (SpSipEditor *self)
{
  const SpSipInvitation *invitation = sp_sip_get_invitation (self->sip);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) id_list = NULL;
  g_auto(GStrv) name_list = NULL;

  if (invitation->convener_unit_id != NULL)
    {
      const char *name = sp_account_get_unit_name (self->account, invitation->convener_unit_id);

      g_strv_builder_add (ids, invitation->convener_unit_id);
      g_strv_builder_add (names, name != NULL ? name : invitation->convener_unit_id);
    }
  for (guint i = 0; i < invitation->units->len; i++)
    {
      SpSipInvitedUnit *unit = g_ptr_array_index (invitation->units, i);

      if (g_strcmp0 (unit->unit_id, invitation->convener_unit_id) == 0)
        continue;
      g_strv_builder_add (ids, unit->unit_id);
      g_strv_builder_add (names, unit->name != NULL ? unit->name : unit->unit_id);
    }

  id_list = g_strv_builder_end (ids);
  name_list = g_strv_builder_end (names);
  sp_sip_plan_page_set_units (self->plan_page, (const char * const *) id_list,
                              (const char * const *) name_list);
}

/**
 * sp_sip_editor_show_sip:
 * @node: the SIP as the server answered it
 *
 * Shows @node on every page; what the user typed and is not saved yet is replaced.
 */
void
sp_sip_editor_show_sip (SpSipEditor *self,
                        JsonNode    *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSip) sip = sp_sip_new_from_json (node, &error);
  gboolean active;
  gboolean sent;
  SpSipPlan *plan;
  g_autoptr(SpSipPlan) established = NULL;

  if (sip == NULL)
    {
      sp_sip_editor_toast (self, _("The SIP could not be read."));
      g_warning ("SIP: %s", error->message);
      return;
    }

  /* What the outbox keeps of it shows as saved (sp-sip-editor-kept.c). */
  sp_sip_editor_apply_kept (self, sip);
  g_set_object (&self->sip, sip);
  g_free (self->sip_id);
  self->sip_id = g_strdup (sp_sip_get_id (sip));
  self->invitation_dirty = self->mapping_dirty = self->plan_dirty = FALSE;
  self->follow_up_dirty = FALSE;

  active = sp_sip_is_active (sip);
  sent = sp_sip_get_invitation_sent_at (sip) != NULL;
  plan = sp_sip_get_plan (sip);

  sp_sip_invitation_page_load (self->invitation_page, sp_sip_get_invitation (sip), self->subject,
                               active);
  sp_sip_invitation_page_set_state (self->invitation_page,
                                    sent ? _("The invitation has been sent. Sending again "
                                             "invites units added since.")
                                         : _("Not sent yet."));
  show_deadline (self);
  sp_sip_mapping_page_load (self->mapping_page, sp_sip_get_mapping (sip), active && sent);

  /* An established plan is shown as its locked version: read-only, always readable. */
  set_plan_units (self);
  if (sp_sip_get_status (sip) == SP_SIP_STATUS_ESTABLISHED)
    established = sp_sip_version_dup_plan (sp_sip_get_latest_version (sip));
  sp_sip_plan_page_load (self->plan_page, established != NULL ? established : plan,
                         active && sp_sip_plan_is_editable (plan));
  sp_sip_follow_up_page_load (self->follow_up_page, sip);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.send-invitation", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.establish",
                                 active && sent && sp_sip_plan_is_editable (plan));
  gtk_widget_set_visible (self->establish_button, active && sp_sip_plan_is_editable (plan));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.revise",
                                 sp_sip_get_status (sip) == SP_SIP_STATUS_ESTABLISHED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.close", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.print",
                                 sp_sip_get_latest_version (sip) != NULL);
  show_status (self);
  gtk_stack_set_visible_child_name (self->main_stack, "editor");
}

/* ---- Reading ---- */

static void
patient_subject (SpSipEditor *self,
                 JsonObject  *patient)
{
  JsonObject *identity = patient != NULL && json_object_has_member (patient, "identity")
                         ? json_object_get_object_member (patient, "identity") : NULL;

  g_free (self->subject);
  self->subject = g_strdup_printf ("%s %s%s%s",
                                   json_object_get_string_member_with_default (patient,
                                                                               "given_name", ""),
                                   json_object_get_string_member_with_default (patient,
                                                                               "family_name", ""),
                                   identity != NULL ? ", " : "",
                                   identity != NULL
                                   ? json_object_get_string_member_with_default (identity,
                                                                                 "value", "")
                                   : "");
}

typedef enum
{
  STEP_UNITS,
  STEP_SIP,
  STEP_EPISODE,
  STEP_PATIENT,
  STEP_DONE,
} Step;

static void load_step (SpSipEditor *self,
                       Step         step);

/* One step's answer (from the server or the local copy); %NULL with @error when it failed. */
static void
take_answer (SpSipEditor *self,
             Step         step,
             JsonNode    *answer,
             GError      *error)
{
  JsonObject *object_answer = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer)
                              ? json_node_get_object (answer) : NULL;

  if (object_answer == NULL)
    {
      /* Without the units or the episode the SIP is still worth showing. */
      if (step == STEP_SIP)
        {
          adw_status_page_set_title (self->refused_page, _("The SIP Could Not Be Opened"));
          adw_status_page_set_description (self->refused_page,
                                           error != NULL ? error->message : NULL);
          gtk_widget_set_visible (gtk_widget_get_first_child (GTK_WIDGET (self->refused_page)),
                                  TRUE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.open-active", FALSE);
          gtk_stack_set_visible_child_name (self->main_stack, "refused");
          self->loading = FALSE;
          return;
        }
      load_step (self, step + 1);
      return;
    }

  switch (step)
    {
    case STEP_UNITS:
      if (json_object_has_member (object_answer, "units"))
        sp_sip_invitation_page_set_directory (self->invitation_page,
                                              json_object_get_array_member (object_answer,
                                                                            "units"));
      break;
    case STEP_SIP:
      g_object_set_data_full (G_OBJECT (self), "sp-sip-json", json_node_ref (answer),
                              (GDestroyNotify) json_node_unref);
      break;
    case STEP_EPISODE:
      g_clear_pointer (&self->episode, json_object_unref);
      self->episode = json_object_ref (object_answer);
      if (json_object_has_member (object_answer, "patient"))
        patient_subject (self, json_object_get_object_member (object_answer, "patient"));
      load_step (self, STEP_DONE);
      return;
    case STEP_PATIENT:
      patient_subject (self, object_answer);
      break;
    case STEP_DONE:
    default:
      g_assert_not_reached ();
    }

  load_step (self, step + 1);
}

/* ---- Offline: the local copy ---- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  JsonObject *unit_a = json_node_get_object (*(JsonNode **) a);
  JsonObject *unit_b = json_node_get_object (*(JsonNode **) b);

  return g_utf8_collate (json_object_get_string_member (unit_a, "name"),
                         json_object_get_string_member (unit_b, "name"));
}

static void
unit_names_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SpSipEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) names = sp_cache_load_unit_names_finish (SP_CACHE (object), result,
                                                                 &error);
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *array;
  GHashTableIter iter;
  gpointer id;
  gpointer name;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (names == NULL)
    {
      take_answer (self, STEP_UNITS, NULL, error);
      return;
    }

  /* GET /units's answer, as the copy's unit records give it. */
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &id, &name))
    {
      JsonObject *unit = json_object_new ();

      json_object_set_string_member (unit, "id", id);
      json_object_set_string_member (unit, "name", name);
      g_ptr_array_add (units, sp_json_node_new_object (unit));
    }
  g_ptr_array_sort (units, compare_names);
  array = json_array_new ();
  for (guint i = 0; i < units->len; i++)
    json_array_add_element (array, g_ptr_array_index (units, i));

  answer = sp_json_node_new_object (json_object_new ());
  json_object_set_array_member (json_node_get_object (answer), "units", array);
  take_answer (self, STEP_UNITS, answer, error);
}

static void
record_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SpSipEditor) self = user_data;
  Step step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "sp-step"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = sp_cache_load_record_finish (SP_CACHE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (answer == NULL)
    {
      g_clear_error (&error);
      g_set_error_literal (&error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE,
                           _("The server cannot be reached, and this computer has no copy of "
                             "the SIP yet."));
    }
  take_answer (self, step, answer, error);
}

/* Unreachable: the step's record from the local copy, as the changes feed last gave it.
 * Returns: whether the copy was asked. */
static gboolean
load_from_copy (SpSipEditor *self,
                Step         step)
{
  SpCache *cache = sp_account_get_cache (self->account);
  JsonNode *sip = g_object_get_data (G_OBJECT (self), "sp-sip-json");
  JsonObject *object = sip != NULL ? json_node_get_object (sip) : NULL;
  const char *kind = NULL;
  const char *id = NULL;

  if (cache == NULL)
    return FALSE;

  switch (step)
    {
    case STEP_UNITS:
      sp_cache_load_unit_names_async (cache, self->cancellable, unit_names_cb,
                                      g_object_ref (self));
      return TRUE;
    case STEP_SIP:
      kind = "sip";
      id = self->sip_id;
      break;
    case STEP_EPISODE:
      kind = "episode";
      id = json_object_get_string_member_with_default (object, "episode_id", NULL);
      break;
    case STEP_PATIENT:
      kind = "patient";
      id = json_object_get_string_member_with_default (object, "patient_id", NULL);
      break;
    case STEP_DONE:
    default:
      return FALSE;
    }

  if (id == NULL)
    return FALSE;
  sp_cache_load_record_async (cache, kind, id, self->cancellable, record_cb,
                              g_object_ref (self));
  return TRUE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SpSipEditor) self = user_data;
  Step step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "sp-step"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = sp_client_send_finish (SP_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* In the patient's home without network: the SIP as this computer last saw it. */
  if (answer == NULL && g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE) &&
      load_from_copy (self, step))
    return;

  take_answer (self, step, answer, error);
}

static void
load_step (SpSipEditor *self,
           Step         step)
{
  JsonNode *sip = g_object_get_data (G_OBJECT (self), "sp-sip-json");
  JsonObject *object = sip != NULL ? json_node_get_object (sip) : NULL;
  const char *episode_id = object != NULL
                           ? json_object_get_string_member_with_default (object, "episode_id", NULL)
                           : NULL;
  g_autofree char *path = NULL;

  switch (step)
    {
    case STEP_UNITS:
      path = g_strdup ("/api/v1/units");
      break;
    case STEP_SIP:
      path = g_strconcat ("/api/v1/sips/", self->sip_id, NULL);
      break;
    case STEP_EPISODE:
      if (episode_id == NULL)
        {
          load_step (self, STEP_PATIENT);
          return;
        }
      path = g_strconcat ("/api/v1/episodes/", episode_id, NULL);
      break;
    case STEP_PATIENT:
      path = g_strconcat ("/api/v1/patients/",
                          json_object_get_string_member_with_default (object, "patient_id", ""),
                          NULL);
      break;
    case STEP_DONE:
    default:
      sp_sip_editor_show_with_draft (self, sip);
      return;
    }

  /* One request at a time, so the editor knows which one answers. */
  g_object_set_data (G_OBJECT (self), "sp-step", GINT_TO_POINTER (step));
  sp_client_send_async (sp_account_get_client (self->account), "GET", path, NULL, NULL, NULL,
                        self->cancellable, load_cb, g_object_ref (self));
}

/**
 * sp_sip_editor_load_async:
 *
 * Reads the unit directory, the SIP, and its episode or patient, then shows the SIP.
 */
void
sp_sip_editor_load_async (SpSipEditor *self)
{
  self->loading = TRUE;
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  load_step (self, STEP_UNITS);
}
