/* sp-episode-page-actions.c — what the user can do to an episode: the "episode." actions
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each action is enabled only when the core's sp_episode_can () allows it for the user's
 * unit in the episode's state, as the server checks again. Those that need more than a click
 * ask in an AdwMessageDialog; every write goes through sp_episode_page_submit ().
 */

#define G_LOG_DOMAIN "sp-episode-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-deviation-dialog.h"
#include "sp-episode-page-private.h"
#include "sp-json.h"
#include "sp-print.h"
#include "sp-ui-util.h"

static char *
episode_path (SpEpisodePage *self,
              const char    *what)
{
  return g_strdup_printf ("/api/v1/episodes/%s/%s", self->episode_id, what);
}

/* A dialog over the window, with Cancel and one more response. */
static AdwMessageDialog *
new_dialog (SpEpisodePage *self,
            const char    *heading,
            const char    *body,
            const char    *response,
            const char    *label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root)
                                                       ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, response, label);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static GtkWidget *
new_entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static GtkWidget *
new_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* ---- Change the estimated discharge date ---- */

static void
change_date_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         SpEpisodePage    *self)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (dialog), "calendar");
  g_autoptr(GDateTime) picked = NULL;
  g_autofree char *path = NULL;
  JsonObject *body;
  char date[16];

  if (g_strcmp0 (response, "change") != 0)
    return;

  picked = gtk_calendar_get_date (calendar);
  g_snprintf (date, sizeof date, "%04d-%02d-%02d", g_date_time_get_year (picked),
              g_date_time_get_month (picked), g_date_time_get_day_of_month (picked));
  body = sp_episode_page_new_command (self);
  json_object_set_string_member (body, "date", date);
  path = episode_path (self, "estimated-discharge");
  sp_episode_page_submit (self, "POST", path, body,
                          _("New estimated discharge date sent to every unit"), NULL, NULL);
}

static void
change_discharge_date_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkWidget *calendar = gtk_calendar_new ();

  dialog = new_dialog (self, _("Change Estimated Discharge"),
                       _("The admission notice is sent again with the new date, and every "
                         "unit acknowledges it again. Planning answers stay."),
                       "change", _("_Send"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Estimated discharge"), -1);
  adw_message_dialog_set_extra_child (dialog, calendar);
  g_object_set_data (G_OBJECT (dialog), "calendar", calendar);
  g_signal_connect_object (dialog, "response", G_CALLBACK (change_date_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Care contacts ---- */

static void
contact_changed_cb (AdwMessageDialog *dialog)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *phone = g_object_get_data (G_OBJECT (dialog), "phone");
  g_autofree char *name_text = sp_ui_dup_text (name);
  g_autofree char *phone_text = sp_ui_dup_text (phone);

  adw_message_dialog_set_response_enabled (dialog, "name",
                                           name_text != NULL && phone_text != NULL);
}

static void
name_contact_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SpEpisodePage    *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *phone = g_object_get_data (G_OBJECT (dialog), "phone");
  g_autofree char *path = NULL;
  JsonObject *body;

  if (g_strcmp0 (response, "name") != 0)
    return;

  body = sp_episode_page_new_command (self);
  json_object_set_string_member (body, "name", gtk_editable_get_text (name));
  json_object_set_string_member (body, "phone", gtk_editable_get_text (phone));
  path = episode_path (self, "care-contacts");
  sp_episode_page_submit (self, "POST", path, body, _("Care contact named"), NULL, NULL);
}

static void
name_care_contact_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkWidget *list = new_boxed_list ();
  GtkWidget *name = new_entry_row (_("Name"));
  GtkWidget *phone = new_entry_row (_("Work phone"));

  dialog = new_dialog (self, _("Name Care Contact"),
                       _("The fast vårdkontakt of your unit. Name and work phone are shown to "
                         "every party and to the patient."),
                       "name", _("_Name"));
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  gtk_list_box_append (GTK_LIST_BOX (list), phone);
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "phone", phone);
  adw_message_dialog_set_response_enabled (dialog, "name", FALSE);
  g_signal_connect_swapped (name, "changed", G_CALLBACK (contact_changed_cb), dialog);
  g_signal_connect_swapped (phone, "changed", G_CALLBACK (contact_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_contact_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_lead_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);
  g_autofree char *path = episode_path (self, "lead-care-contact");
  JsonObject *body = sp_episode_page_new_command (self);

  json_object_set_string_member (body, "unit", g_variant_get_string (parameter, NULL));
  sp_episode_page_submit (self, "POST", path, body, _("Lead care contact chosen"), NULL, NULL);
}

/* ---- Ready for discharge ---- */

static void
mark_ready_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        SpEpisodePage    *self)
{
  g_autofree char *path = NULL;

  if (g_strcmp0 (response, "ready") != 0)
    return;

  path = episode_path (self, "ready");
  sp_episode_page_submit (self, "POST", path, sp_episode_page_new_command (self),
                          _("Ready notice sent"), NULL, NULL);
}

static void
mark_ready_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
  g_autofree char *day0 = sp_episode_page_describe_day0 (now);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* The 12:00 rule decides day 0, and day 0 the payment clock (DOMAIN §5, §10). */
  body = g_strdup_printf ("%s.\n\n%s", day0,
                          _("The notice is stamped with the time the server receives it; it "
                            "cannot be dated forwards or backwards. Every unit is asked to "
                            "acknowledge it."));
  dialog = new_dialog (self, _("Ready for Discharge?"), body, "ready", _("_Send Ready Notice"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (mark_ready_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Retractions: a reason, and a general message to every unit ---- */

static void
retract_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SpEpisodePage    *self)
{
  GtkEditable *reason_row = g_object_get_data (G_OBJECT (dialog), "reason");
  const char *what = g_object_get_data (G_OBJECT (dialog), "what");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (reason_row)));
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  gboolean ready = g_strcmp0 (what, "retract-ready") == 0;
  JsonObject *body;

  if (g_strcmp0 (response, "retract") != 0)
    return;

  body = sp_episode_page_new_command (self);
  if (*reason != '\0')
    json_object_set_string_member (body, "reason", reason);
  path = episode_path (self, what);
  if (*reason == '\0')
    message = g_strdup (ready ? _("Ready for discharge retracted.") : _("Discharge retracted."));
  else
    /* Translators: the general message to every unit; %s is the reason the user gave. */
    message = g_strdup_printf (ready ? _("Ready for discharge retracted: %s")
                                     : _("Discharge retracted: %s"), reason);
  sp_episode_page_submit (self, "POST", path, body,
                          ready ? _("Ready for discharge retracted")
                                : _("Discharge retracted"), message, NULL);
}

static void
show_retract_dialog (SpEpisodePage *self,
                     const char    *what,
                     const char    *heading,
                     const char    *body)
{
  AdwMessageDialog *dialog = new_dialog (self, heading, body, "retract", _("_Retract"));
  GtkWidget *list = new_boxed_list ();
  GtkWidget *reason = new_entry_row (_("Reason"));

  adw_message_dialog_set_response_appearance (dialog, "retract", ADW_RESPONSE_DESTRUCTIVE);
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "what", (gpointer) what);
  g_signal_connect_object (dialog, "response", G_CALLBACK (retract_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
retract_ready_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_retract_dialog (SP_EPISODE_PAGE (widget), "retract-ready",
                       _("Retract Ready for Discharge?"),
                       _("The patient's condition has changed. Every unit is told in a general "
                         "message; set a new estimated discharge date afterwards."));
}

static void
retract_discharge_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  show_retract_dialog (SP_EPISODE_PAGE (widget), "retract-discharge",
                       _("Retract Discharge?"),
                       _("The episode goes back to ready for discharge. Every unit is told in a "
                         "general message."));
}

/* ---- Discharge: the date and time the patient left ---- */

static void
discharge_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       SpEpisodePage    *self)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (dialog), "calendar");
  GtkEditable *time_row = g_object_get_data (G_OBJECT (dialog), "time");
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *path = NULL;
  g_autofree char *at_text = NULL;
  JsonObject *body;
  guint hour;
  guint minute;

  if (g_strcmp0 (response, "discharge") != 0)
    return;

  if (sscanf (gtk_editable_get_text (time_row), "%2u:%2u", &hour, &minute) != 2 ||
      hour > 23 || minute > 59)
    {
      sp_episode_page_toast (self, _("Write the time as HH:MM, e.g. 14:30."));
      return;
    }

  /* The ward means Swedish wall-clock time, whatever the machine's zone. */
  day = gtk_calendar_get_date (calendar);
  at = g_date_time_new (sp_calendar_get_timezone (), g_date_time_get_year (day),
                        g_date_time_get_month (day), g_date_time_get_day_of_month (day),
                        hour, minute, 0);
  at_text = sp_json_format_datetime (at);
  body = sp_episode_page_new_command (self);
  json_object_set_string_member (body, "at", at_text);
  path = episode_path (self, "discharge");
  sp_episode_page_submit (self, "POST", path, body, _("Discharge notice sent"), NULL, NULL);
}

static void
time_changed_cb (AdwMessageDialog *dialog)
{
  GtkEditable *time_row = g_object_get_data (G_OBJECT (dialog), "time");
  guint hour;
  guint minute;
  gboolean ok = sscanf (gtk_editable_get_text (time_row), "%2u:%2u", &hour, &minute) == 2 &&
                hour < 24 && minute < 60;

  adw_message_dialog_set_response_enabled (dialog, "discharge", ok);
  sp_ui_set_error_style (GTK_WIDGET (time_row), !ok);
}

static void
discharge_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
  g_autofree char *now_text = g_date_time_format (now, "%H:%M");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *list = new_boxed_list ();
  GtkWidget *time_row = new_entry_row (_("Time (HH:MM)"));
  AdwMessageDialog *dialog;

  dialog = new_dialog (self, _("Discharge"),
                       _("The date and time the patient left the ward. The discharge notice "
                         "goes to every unit."),
                       "discharge", _("_Send Discharge Notice"));
  gtk_calendar_select_day (GTK_CALENDAR (calendar), now);
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Discharge date"), -1);
  gtk_editable_set_text (GTK_EDITABLE (time_row), now_text);
  gtk_list_box_append (GTK_LIST_BOX (list), time_row);
  gtk_box_append (GTK_BOX (box), calendar);
  gtk_box_append (GTK_BOX (box), list);
  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data (G_OBJECT (dialog), "calendar", calendar);
  g_object_set_data (G_OBJECT (dialog), "time", time_row);
  g_signal_connect_swapped (time_row, "changed", G_CALLBACK (time_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discharge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- General message: to all or one unit, Spara or SparaSänd ---- */

static void
message_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SpEpisodePage    *self)
{
  GtkDropDown *to = g_object_get_data (G_OBJECT (dialog), "to");
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "text");
  GPtrArray *unit_ids = g_object_get_data (G_OBJECT (dialog), "unit-ids");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;
  gboolean send = g_strcmp0 (response, "send") == 0;
  JsonObject *body;

  if (!send && g_strcmp0 (response, "save") != 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  body = json_object_new ();
  json_object_set_string_member (body, "kind", "general_message");
  json_object_set_string_member (body, "to",
                                 g_ptr_array_index (unit_ids, gtk_drop_down_get_selected (to)));
  json_object_set_string_member (body, "text", text);
  json_object_set_boolean_member (body, "send", send);
  path = episode_path (self, "messages");
  sp_episode_page_submit (self, "POST", path, body,
                          send ? _("Message sent") : _("Message saved"), NULL, NULL);
}

static void
message_text_changed_cb (GtkTextBuffer    *buffer,
                         AdwMessageDialog *dialog)
{
  gboolean empty = gtk_text_buffer_get_char_count (buffer) == 0;

  adw_message_dialog_set_response_enabled (dialog, "save", !empty);
  adw_message_dialog_set_response_enabled (dialog, "send", !empty);
}

static void
send_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *unit_ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *addressing = sp_episode_get_addressing (self->episode);
  const char *own = sp_account_get_unit_id (self->account);
  const char *ward = sp_episode_get_ward_unit_id (self->episode);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *to;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *text = gtk_text_view_new ();
  AdwMessageDialog *dialog;

  /* Units outside the addressing cannot be added to a message (DOMAIN §5). */
  gtk_string_list_append (names, _("All units"));
  g_ptr_array_add (unit_ids, g_strdup ("all"));
  if (g_strcmp0 (ward, own) != 0)
    {
      gtk_string_list_take (names, sp_episode_page_unit_label (self, ward));
      g_ptr_array_add (unit_ids, g_strdup (ward));
    }
  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);

      if (g_strcmp0 (addressee->unit_id, own) == 0)
        continue;
      gtk_string_list_take (names, sp_episode_page_unit_label (self, addressee->unit_id));
      g_ptr_array_add (unit_ids, g_strdup (addressee->unit_id));
    }

  dialog = new_dialog (self, _("General Message"),
                       _("A message to one unit is seen by that unit only. Save keeps it "
                         "visible without notifying; Save and Send asks each recipient to "
                         "acknowledge it."),
                       "send", _("Save and _Send"));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  to = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (to), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recipient"), -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Message"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), to);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data (G_OBJECT (dialog), "to", to);
  g_object_set_data (G_OBJECT (dialog), "text", gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)));
  g_object_set_data_full (G_OBJECT (dialog), "unit-ids", unit_ids,
                          (GDestroyNotify) g_ptr_array_unref);
  message_text_changed_cb (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)), dialog);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)), "changed",
                           G_CALLBACK (message_text_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (message_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Acknowledging ---- */

static void acknowledge_next_notice (SpEpisodePage *self);

/* One notice at a time: each acknowledgement is a new revision of the episode, and the next
 * one states it. */
static void
acknowledge_next_notice (SpEpisodePage *self)
{
  g_autofree char *path = episode_path (self, "acknowledgements");
  gboolean admission = sp_episode_page_can (self,
                                            SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE);
  JsonObject *body;

  if (!admission && !sp_episode_page_can (self, SP_EPISODE_ACTION_ACKNOWLEDGE_READY))
    return;

  body = sp_episode_page_new_command (self);
  json_object_set_string_member (body, "notice", admission ? "admission" : "ready");
  sp_episode_page_submit (self, "POST", path, body, _("Acknowledged"), NULL,
                          acknowledge_next_notice);
}

static void
acknowledge_message (SpEpisodePage *self,
                     const char    *message_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/messages/%s/acknowledge", message_id);

  sp_episode_page_submit (self, "POST", path, json_object_new (), _("Message acknowledged"),
                          NULL, NULL);
}

/* Everything the unit has still to acknowledge in this episode, at once. */
static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);
  g_autoptr(GPtrArray) messages = sp_episode_timeline_dup_unacknowledged (self);

  /* Messages carry no revision of the episode: they need not wait for each other. */
  for (guint i = 0; i < messages->len; i++)
    acknowledge_message (self, g_ptr_array_index (messages, i));
  acknowledge_next_notice (self);
}

static void
acknowledge_message_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  acknowledge_message (SP_EPISODE_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* ---- The SIP, and reading again ---- */

static void
open_sip_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);

  if (self->sip_id != NULL)
    gtk_widget_activate_action (widget, "win.open-sip", "s", self->sip_id);
  else
    gtk_widget_activate_action (widget, "win.new-sip", "s", self->episode_id);
}

static void
print_patient_info_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);

  sp_print_document (GTK_WINDOW (gtk_widget_get_root (widget)), self->account,
                     SP_PRINT_PATIENT_INFORMATION, self->episode_id);
}

/* A deviation is drafted here and reported in each organisation's own system (DOMAIN §11). */
static void
create_deviation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (widget);
  GtkWindow *dialog;

  dialog = GTK_WINDOW (sp_deviation_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                self->account, self->episode_id));
  gtk_window_present (dialog);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sp_episode_page_reload (SP_EPISODE_PAGE (widget));
}

/**
 * sp_episode_page_actions_update:
 *
 * Enables each action as the core allows it for the user's unit now.
 */
void
sp_episode_page_actions_update (SpEpisodePage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean loaded = self->episode != NULL && !self->busy;
  g_autoptr(GPtrArray) messages = sp_episode_timeline_dup_unacknowledged (self);

  gtk_widget_action_set_enabled (widget, "episode.change-discharge-date",
                                 sp_episode_page_can (self,
                                                      SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE));
  gtk_widget_action_set_enabled (widget, "episode.name-care-contact",
                                 sp_episode_page_can (self, SP_EPISODE_ACTION_NAME_CARE_CONTACT));
  gtk_widget_action_set_enabled (widget, "episode.set-lead",
                                 sp_episode_page_can (self,
                                                      SP_EPISODE_ACTION_SET_LEAD_CARE_CONTACT));
  gtk_widget_action_set_enabled (widget, "episode.mark-ready",
                                 sp_episode_page_can (self, SP_EPISODE_ACTION_MARK_READY));
  gtk_widget_action_set_enabled (widget, "episode.retract-ready",
                                 sp_episode_page_can (self, SP_EPISODE_ACTION_RETRACT_READY));
  gtk_widget_action_set_enabled (widget, "episode.discharge",
                                 sp_episode_page_can (self, SP_EPISODE_ACTION_DISCHARGE));
  gtk_widget_action_set_enabled (widget, "episode.retract-discharge",
                                 sp_episode_page_can (self, SP_EPISODE_ACTION_RETRACT_DISCHARGE));
  gtk_widget_action_set_enabled (widget, "episode.acknowledge",
                                 sp_episode_page_can (self,
                                                      SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE) ||
                                 sp_episode_page_can (self, SP_EPISODE_ACTION_ACKNOWLEDGE_READY) ||
                                 (loaded && messages->len > 0));
  gtk_widget_action_set_enabled (widget, "episode.acknowledge-message", loaded);
  /* Every party of the episode may write to the others, in any state. */
  gtk_widget_action_set_enabled (widget, "episode.send-message", loaded);
  gtk_widget_action_set_enabled (widget, "episode.open-sip", loaded);
  gtk_widget_action_set_enabled (widget, "episode.reload", !self->busy);

  gtk_button_set_label (self->sip_button, self->sip_id != NULL ? _("Open _SIP")
                                                               : _("New _SIP…"));
}

void
sp_episode_page_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "episode.change-discharge-date", NULL,
                                   change_discharge_date_action);
  gtk_widget_class_install_action (widget_class, "episode.name-care-contact", NULL,
                                   name_care_contact_action);
  gtk_widget_class_install_action (widget_class, "episode.set-lead", "s", set_lead_action);
  gtk_widget_class_install_action (widget_class, "episode.mark-ready", NULL, mark_ready_action);
  gtk_widget_class_install_action (widget_class, "episode.retract-ready", NULL,
                                   retract_ready_action);
  gtk_widget_class_install_action (widget_class, "episode.discharge", NULL, discharge_action);
  gtk_widget_class_install_action (widget_class, "episode.retract-discharge", NULL,
                                   retract_discharge_action);
  gtk_widget_class_install_action (widget_class, "episode.send-message", NULL,
                                   send_message_action);
  gtk_widget_class_install_action (widget_class, "episode.acknowledge", NULL,
                                   acknowledge_action);
  gtk_widget_class_install_action (widget_class, "episode.acknowledge-message", "s",
                                   acknowledge_message_action);
  gtk_widget_class_install_action (widget_class, "episode.open-sip", NULL, open_sip_action);
  gtk_widget_class_install_action (widget_class, "episode.print-patient-info", NULL,
                                   print_patient_info_action);
  gtk_widget_class_install_action (widget_class, "episode.create-deviation", NULL,
                                   create_deviation_action);
  gtk_widget_class_install_action (widget_class, "episode.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "episode.reload", NULL);
}
