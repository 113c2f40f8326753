/* sp-patient-info-editor.c — patientinformation: this unit's section and the whole document
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DOMAIN §9: each unit writes its own part (what it will do after discharge, when, who, how to
 * reach it); the others' parts are read-only here. Beside the form, the preview shows the whole
 * document exactly as it will be printed, with this unit's latest text already in it. The
 * part saves by itself (sp-patient-info-editor-save.c); without network the document comes
 * from the local copy (sp_print_fetch_async()).
 */

#define G_LOG_DOMAIN "sp-patient-info-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-json.h"
#include "sp-patient-info-editor-private.h"
#include "sp-print-private.h"

/* The preview follows typing after this pause. */
#define PREVIEW_DELAY_MS 250

G_DEFINE_FINAL_TYPE (SpPatientInfoEditor, sp_patient_info_editor, ADW_TYPE_BIN)

void
sp_patient_info_editor_refresh_preview (SpPatientInfoEditor *self)
{
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(SpPrintLayout) layout = NULL;
  const char *unit_id = sp_account_get_unit_id (self->account);

  if (self->document == NULL)
    return;

  document = sp_patient_info_editor_merge_document (self);
  node = sp_json_node_new_object (g_steal_pointer (&document));
  names = sp_print_collect_unit_names (self->account, node);
  if (unit_id != NULL && sp_account_get_unit_name (self->account, unit_id) != NULL)
    g_hash_table_replace (names, g_strdup (unit_id),
                          g_strdup (sp_account_get_unit_name (self->account, unit_id)));
  now = sp_account_dup_now (self->account);
  layout = sp_print_layout_new_for_kind (SP_PRINT_PATIENT_INFORMATION, node, names, now);
  sp_print_preview_set_layout (self->preview, layout);
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  SpPatientInfoEditor *self = user_data;

  self->preview_id = 0;
  sp_patient_info_editor_refresh_preview (self);
  return G_SOURCE_REMOVE;
}

/* Something in the form changed: it saves by itself, and the preview follows. */
void
sp_patient_info_editor_changed (SpPatientInfoEditor *self)
{
  if (self->filling)
    return;

  sp_patient_info_editor_schedule_save (self);
  if (self->preview_id == 0)
    self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

static void
show_others (SpPatientInfoEditor *self)
{
  JsonArray *sections = sp_print_get_array (self->document, "sections");
  const char *unit_id = sp_account_get_unit_id (self->account);
  guint n_others = 0;

  for (guint i = 0; i < self->other_rows->len; i++)
    adw_preferences_group_remove (self->others_group, g_ptr_array_index (self->other_rows, i));
  g_ptr_array_set_size (self->other_rows, 0);

  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);
      const char *id = sp_print_get_string (section, "unit_id");
      JsonArray *interventions = sp_print_get_array (section, "interventions");
      GtkWidget *row;
      g_autofree char *subtitle = NULL;
      const char *name = sp_account_get_unit_name (self->account, id);

      if (g_strcmp0 (id, unit_id) == 0)
        continue;
      if (json_object_get_boolean_member_with_default (section, "restricted", FALSE))
        subtitle = g_strdup (sp_print_get_string (section, "restricted_reason"));
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u intervention",
                                                 "%u interventions",
                                                 interventions != NULL
                                                   ? json_array_get_length (interventions) : 0),
                                    interventions != NULL
                                      ? json_array_get_length (interventions) : 0);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->others_group, row);
      g_ptr_array_add (self->other_rows, row);
      n_others++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->others_group), n_others > 0);
}

/* Takes a new document from the server, and this unit's section from it. */
static void
take_document (SpPatientInfoEditor *self,
               JsonObject          *document)
{
  JsonArray *sections = sp_print_get_array (document, "sections");
  g_autoptr(JsonObject) kept = NULL;
  JsonObject *own = NULL;

  g_clear_pointer (&self->document, json_object_unref);
  self->document = json_object_ref (document);
  self->revision = 0;
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);

      if (g_strcmp0 (sp_print_get_string (section, "unit_id"),
                     sp_account_get_unit_id (self->account)) == 0)
        {
          own = section;
          self->revision = json_object_get_int_member_with_default (section, "revision", 0);
        }
    }

  /* What the user saved offline is theirs to see, not the copy's older section; what they
   * typed before the document came stays (and is saved on this revision). */
  kept = sp_patient_info_editor_dup_kept_section (self);
  if (!self->dirty)
    sp_patient_info_editor_fill_form (self, kept != NULL ? kept : own);
  show_others (self);
  sp_patient_info_editor_refresh_preview (self);
  if (!self->dirty)
    gtk_label_set_text (self->status_label,
                        kept != NULL ? _("Saved; it is sent when the connection is back")
                        : own != NULL ? _("Saved") : _("Not written yet"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient-info.print", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient-info.save-pdf", TRUE);
  sp_patient_info_editor_restore_draft (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SpPatientInfoEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_print_fetch_finish (SP_ACCOUNT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      gtk_label_set_text (self->status_label, error != NULL ? error->message : "");
      return;
    }

  take_document (self, json_node_get_object (node));
}

/* GET …/patient-information, or offline the same put together from the local copy. */
static void
load (SpPatientInfoEditor *self)
{
  sp_print_fetch_async (self->account, SP_PRINT_PATIENT_INFORMATION, self->episode_id,
                        self->cancellable, loaded_cb, self);
}

/* Ctrl+S: no need, but no harm either; sends at once what waits for the pause. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sp_patient_info_editor_save_now (SP_PATIENT_INFO_EDITOR (widget));
}

static void
add_intervention_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SpPatientInfoEditor *self = SP_PATIENT_INFO_EDITOR (widget);
  gtk_widget_grab_focus (sp_patient_info_editor_add_item (self, NULL, NULL, NULL));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SpPatientInfoEditor *self = SP_PATIENT_INFO_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  sp_patient_info_editor_refresh_preview (self);
  if (!sp_print_run (sp_print_preview_get_layout (self->preview),
                     GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                     GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SpPatientInfoEditor *self = SP_PATIENT_INFO_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  sp_patient_info_editor_refresh_preview (self);
  sp_print_save_as_pdf (sp_print_preview_get_layout (self->preview),
                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                        "patientinformation.pdf");
}

/* The editor left the window (the episode closed). GTK may keep a closed page alive a while
 * (its focused entry), so this is where it is closed: what was typed in the last second
 * must not wait for that, nor be lost. */
static void
sp_patient_info_editor_unroot (GtkWidget *widget)
{
  SpPatientInfoEditor *self = SP_PATIENT_INFO_EDITOR (widget);

  if (self->account != NULL)
    sp_patient_info_editor_save_detached (self);

  GTK_WIDGET_CLASS (sp_patient_info_editor_parent_class)->unroot (widget);
}

static void
sp_patient_info_editor_dispose (GObject *object)
{
  SpPatientInfoEditor *self = SP_PATIENT_INFO_EDITOR (object);

  if (self->account != NULL)
    sp_patient_info_editor_save_detached (self);
  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_clear_pointer (&self->sending, json_object_unref);
  g_clear_object (&self->account);
  g_clear_pointer (&self->episode_id, g_free);
  g_clear_pointer (&self->document, json_object_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->other_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_patient_info_editor_parent_class)->dispose (object);
}

static void
sp_patient_info_editor_class_init (SpPatientInfoEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sp_patient_info_editor_dispose;
  widget_class->unroot = sp_patient_info_editor_unroot;

  g_type_ensure (SP_TYPE_PRINT_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/print/"
                                               "sp-patient-info-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, interventions_group);
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, others_group);
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, meets_row);
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, if_worse_row);
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, medication_row);
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, aids_row);
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, SpPatientInfoEditor, preview);

  gtk_widget_class_install_action (widget_class, "patient-info.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "patient-info.add-intervention", NULL,
                                   add_intervention_action);
  gtk_widget_class_install_action (widget_class, "patient-info.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "patient-info.save-pdf", NULL,
                                   save_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "patient-info.save", NULL);
}

static void
sp_patient_info_editor_init (SpPatientInfoEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->other_rows = g_ptr_array_new ();
  sp_patient_info_editor_init_form (self);
  gtk_widget_set_visible (GTK_WIDGET (self->others_group), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient-info.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient-info.save-pdf", FALSE);
}

/**
 * sp_patient_info_editor_new:
 * @account: the session
 * @episode_id: the episode the patientinformation belongs to
 *
 * Returns: (transfer floating): a new #SpPatientInfoEditor, loading the document
 */
GtkWidget *
sp_patient_info_editor_new (SpAccount  *account,
                            const char *episode_id)
{
  SpPatientInfoEditor *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (episode_id != NULL, NULL);

  self = g_object_new (SP_TYPE_PATIENT_INFO_EDITOR, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);
  load (self);

  return GTK_WIDGET (self);
}

/**
 * sp_patient_info_editor_get_preview:
 *
 * Returns: (transfer none): the document as it will be printed (for tests)
 */
SpPrintLayout *
sp_patient_info_editor_get_preview (SpPatientInfoEditor *self)
{
  g_return_val_if_fail (SP_IS_PATIENT_INFO_EDITOR (self), NULL);

  return sp_print_preview_get_layout (self->preview);
}

