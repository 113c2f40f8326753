/* sp-deviation-dialog.c — drafts a deviation report (avvikelse) from an episode's facts
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DOMAIN §11: event, consequence, risk, action, improvement proposal, unit, date and time.
 * The event is drafted from the episode's clocks as the server renders them (GET
 * /episodes/:id, "clocks": due, done_at, late, overdue — the core's deadline rules): what
 * was late and by how many hours. The report is filed in each organisation's own system, so
 * it leaves as text on the clipboard or as a PDF (the print engine's layout).
 */

#define G_LOG_DOMAIN "sp-deviation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-client.h"
#include "sp-deviation-dialog.h"
#include "sp-format.h"
#include "sp-json.h"
#include "sp-print-layout.h"

enum
{
  FIELD_EVENT,
  FIELD_CONSEQUENCE,
  FIELD_RISK,
  FIELD_ACTION,
  FIELD_IMPROVEMENT,
  N_FIELDS,
};

struct _SpDeviationDialog
{
  AdwWindow        parent_instance;

  SpAccount       *account;
  char            *episode_id;
  GCancellable    *cancellable;
  gboolean         loaded;

  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *unit_row;
  AdwEntryRow     *when_row;
  GtkTextView     *views[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (SpDeviationDialog, sp_deviation_dialog, ADW_TYPE_WINDOW)

static const char *
field_title (guint field)
{
  switch (field)
    {
    case FIELD_EVENT:
      return _("Event (deviation from the routine)");
    case FIELD_CONSEQUENCE:
      return _("Consequence");
    case FIELD_RISK:
      return _("Risk");
    case FIELD_ACTION:
      return _("Action taken");
    case FIELD_IMPROVEMENT:
    default:
      return _("Improvement proposal");
    }
}

static char *
dup_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static int
hours_between (GDateTime *from,
               GDateTime *to)
{
  GTimeSpan span = g_date_time_difference (to, from);

  /* A started hour counts: 30 minutes late is "1 hour". */
  return (int) ((span + G_TIME_SPAN_HOUR - 1) / G_TIME_SPAN_HOUR);
}

/* One sentence per clock that was late or is overdue. */
static void
describe_clock (SpDeviationDialog *self,
                JsonObject        *clock,
                GDateTime         *now,
                GString           *text)
{
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) done = NULL;
  g_autofree char *due_text = NULL;
  const char *label = json_object_get_string_member_with_default (clock, "label", "");
  const char *unit_id = json_object_get_string_member_with_default (clock, "unit_id", NULL);
  const char *unit = unit_id != NULL ? sp_account_get_unit_name (self->account, unit_id) : NULL;
  gboolean late = json_object_get_boolean_member_with_default (clock, "late", FALSE);
  gboolean overdue = json_object_get_boolean_member_with_default (clock, "overdue", FALSE);
  int hours;

  if ((!late && !overdue) ||
      !sp_json_get_datetime (clock, "due", TRUE, &due, NULL) ||
      !sp_json_get_datetime (clock, "done_at", FALSE, &done, NULL))
    return;

  due_text = sp_format_time (due);
  if (late && done != NULL)
    {
      g_autofree char *done_text = sp_format_time (done);

      hours = hours_between (due, done);
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s (%s): done %s, %d hour after the deadline %s.",
                                           "%s (%s): done %s, %d hours after the deadline %s.",
                                           hours),
                              label, unit != NULL ? unit : unit_id, done_text, hours, due_text);
    }
  else
    {
      hours = hours_between (due, now);
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s (%s): not done, %d hour past the deadline %s.",
                                           "%s (%s): not done, %d hours past the deadline %s.",
                                           hours),
                              label, unit != NULL ? unit : unit_id, hours, due_text);
    }
  g_string_append_c (text, '\n');
}

static void
prefill_event (SpDeviationDialog *self,
               JsonObject        *episode)
{
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *clocks = json_object_get_array_member (episode, "clocks");

  for (guint i = 0; clocks != NULL && i < json_array_get_length (clocks); i++)
    describe_clock (self, json_array_get_object_element (clocks, i), now, text);

  if (text->len == 0)
    g_string_append (text, _("No deadline of the episode was missed. Describe what happened."));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->views[FIELD_EVENT]), text->str, -1);
}

static void
episode_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpDeviationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_send_finish (SP_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (error != NULL ? error->message
                                                              : _("The episode could not be read.")));
  else
    prefill_event (self, json_node_get_object (node));

  self->loaded = TRUE;
}

/**
 * sp_deviation_dialog_dup_text:
 *
 * Returns: (transfer full): the report as plain text, as "Copy as text" copies it
 */
char *
sp_deviation_dialog_dup_text (SpDeviationDialog *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SP_IS_DEVIATION_DIALOG (self), NULL);

  g_string_append_printf (text, "%s\n\n", _("Deviation report"));
  g_string_append_printf (text, "%s: %s\n", _("Clinic, ward or unit"),
                          gtk_editable_get_text (GTK_EDITABLE (self->unit_row)));
  g_string_append_printf (text, "%s: %s\n", _("Date and time"),
                          gtk_editable_get_text (GTK_EDITABLE (self->when_row)));
  for (guint f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *value = dup_view_text (self->views[f]);

      g_string_append_printf (text, "\n%s:\n%s\n", field_title (f), g_strstrip (value));
    }

  return g_string_free (text, FALSE);
}

/**
 * sp_deviation_dialog_write_pdf:
 * @path: where to write the PDF
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
sp_deviation_dialog_write_pdf (SpDeviationDialog  *self,
                               const char         *path,
                               GError            **error)
{
  g_autoptr(SpPrintLayout) layout = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (SP_IS_DEVIATION_DIALOG (self), FALSE);

  now = sp_account_dup_now (self->account);
  layout = sp_print_layout_new (_("Deviation report"), 11);
  sp_print_layout_set_printed_at (layout, now);
  sp_print_layout_set_banner (layout, _("Draft from Samplan, to file in your organisation's own deviation system"));
  sp_print_layout_add_field (layout, _("Clinic, ward or unit"),
                             gtk_editable_get_text (GTK_EDITABLE (self->unit_row)));
  sp_print_layout_add_field (layout, _("Date and time"),
                             gtk_editable_get_text (GTK_EDITABLE (self->when_row)));
  for (guint f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *value = dup_view_text (self->views[f]);

      sp_print_layout_add_heading (layout, field_title (f), 2);
      sp_print_layout_add_paragraph (layout, *g_strstrip (value) != '\0' ? value : "–");
    }

  return sp_print_layout_write_pdf (layout, path, error);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpDeviationDialog *self = SP_DEVIATION_DIALOG (widget);
  g_autofree char *text = sp_deviation_dialog_dup_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied as text")));
}

static void
save_response_cb (GtkNativeDialog   *chooser,
                  int                response,
                  SpDeviationDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (sp_deviation_dialog_write_pdf (self, path, &error))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Saved as PDF")));
      else
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("The PDF could not be saved.")));
    }

  g_object_unref (chooser);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the deviation report"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("deviation.pdf"));
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
sp_deviation_dialog_dispose (GObject *object)
{
  SpDeviationDialog *self = SP_DEVIATION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_pointer (&self->episode_id, g_free);

  G_OBJECT_CLASS (sp_deviation_dialog_parent_class)->dispose (object);
}

static void
sp_deviation_dialog_class_init (SpDeviationDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sp_deviation_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/se/samplan/Samplan/ui/reports/sp-deviation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpDeviationDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpDeviationDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, SpDeviationDialog, when_row);
  gtk_widget_class_bind_template_child_full (widget_class, "event_view", FALSE,
                                             G_STRUCT_OFFSET (SpDeviationDialog,
                                                              views[FIELD_EVENT]));
  gtk_widget_class_bind_template_child_full (widget_class, "consequence_view", FALSE,
                                             G_STRUCT_OFFSET (SpDeviationDialog,
                                                              views[FIELD_CONSEQUENCE]));
  gtk_widget_class_bind_template_child_full (widget_class, "risk_view", FALSE,
                                             G_STRUCT_OFFSET (SpDeviationDialog,
                                                              views[FIELD_RISK]));
  gtk_widget_class_bind_template_child_full (widget_class, "action_view", FALSE,
                                             G_STRUCT_OFFSET (SpDeviationDialog,
                                                              views[FIELD_ACTION]));
  gtk_widget_class_bind_template_child_full (widget_class, "improvement_view", FALSE,
                                             G_STRUCT_OFFSET (SpDeviationDialog,
                                                              views[FIELD_IMPROVEMENT]));
  gtk_widget_class_install_action (widget_class, "deviation.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "deviation.export-pdf", NULL,
                                   export_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_deviation_dialog_init (SpDeviationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sp_deviation_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @account: the session
 * @episode_id: the episode the deviation happened in
 *
 * Drafts the report: the unit and the time now, the event from the episode's clocks (read
 * from the server).
 *
 * Returns: (transfer floating): a new #SpDeviationDialog; present it
 */
GtkWidget *
sp_deviation_dialog_new (GtkWindow  *parent,
                         SpAccount  *account,
                         const char *episode_id)
{
  SpDeviationDialog *self;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;
  g_autofree char *path = NULL;
  const char *unit_name;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (episode_id != NULL, NULL);

  self = g_object_new (SP_TYPE_DEVIATION_DIALOG, "transient-for", parent, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);
  self->cancellable = g_cancellable_new ();

  unit_name = sp_account_get_unit_name (account, sp_account_get_unit_id (account));
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row),
                         unit_name != NULL ? unit_name : sp_account_get_unit_id (account));
  now = sp_account_dup_now (account);
  when = sp_format_time (now);
  gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);

  path = g_strconcat ("/api/v1/episodes/", episode_id, NULL);
  sp_client_send_async (sp_account_get_client (account), "GET", path, NULL, NULL, NULL,
                        self->cancellable, episode_cb, g_object_ref (self));

  return GTK_WIDGET (self);
}

/**
 * sp_deviation_dialog_is_loaded:
 *
 * Returns: whether the episode's facts have been read (or failed to be)
 */
gboolean
sp_deviation_dialog_is_loaded (SpDeviationDialog *self)
{
  g_return_val_if_fail (SP_IS_DEVIATION_DIALOG (self), FALSE);

  return self->loaded;
}
