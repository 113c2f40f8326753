/* sp-print-window.c — a document's preview with "Skriv ut…" and "Spara som PDF…"
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows one document (sp_print_document) or, for an outage, the paper forms: which form, and
 * blank or pre-filled for a patient of the overview. A pre-filled form starts from the
 * overview row the local copy holds and adds what the server can still give.
 */

#define G_LOG_DOMAIN "sp-print-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-episode-summary.h"
#include "sp-json.h"
#include "sp-print-preview.h"
#include "sp-print-private.h"
#include "sp-print-window.h"

struct _SpPrintWindow
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkWidget       *choices;
  GtkDropDown     *form_dropdown;
  GtkDropDown     *patient_dropdown;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  SpPrintPreview  *preview;

  char            *file_name;
  /* The forms: the session, the overview rows offered, what is known of the chosen one. */
  SpAccount       *account;
  GPtrArray       *summaries;
  JsonObject      *bundle;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (SpPrintWindow, sp_print_window, ADW_TYPE_WINDOW)

static const SpPrintKind form_kinds[] = {
  SP_PRINT_SIP_MEETING_FORM,
  SP_PRINT_PLANNING_FORM,
  SP_PRINT_PATIENT_INFORMATION_FORM,
};

static const char * const form_files[] = {
  "stoddokumentation-sip-mote.pdf",
  "planeringsunderlag.pdf",
  "patientinformation.pdf",
};

static void
update_actions (SpPrintWindow *self)
{
  gboolean ready = sp_print_preview_get_layout (self->preview) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.print", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.save-pdf", ready);
}

static SpEpisodeSummary *
chosen_summary (SpPrintWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->patient_dropdown);

  /* Position 0 is "blank". */
  if (self->summaries == NULL || position == 0 || position == GTK_INVALID_LIST_POSITION ||
      position > self->summaries->len)
    return NULL;

  return g_ptr_array_index (self->summaries, position - 1);
}

static SpPrintKind
chosen_kind (SpPrintWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->form_dropdown);

  return form_kinds[MIN (position, G_N_ELEMENTS (form_kinds) - 1)];
}

/* Lays the chosen form out again with everything known so far. */
static void
render_form (SpPrintWindow *self)
{
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
  g_autoptr(SpPrintLayout) layout = NULL;
  guint position = MIN (gtk_drop_down_get_selected (self->form_dropdown),
                        G_N_ELEMENTS (form_files) - 1);

  if (self->bundle != NULL)
    data = sp_json_node_new_object (json_object_ref (self->bundle));
  names = sp_print_collect_unit_names (self->account, data);
  layout = sp_print_layout_new_for_kind (chosen_kind (self), data, names, now);
  g_free (self->file_name);
  self->file_name = g_strdup (form_files[position]);
  sp_print_window_set_layout (self, layout);
}

static JsonObject *
summary_to_json (SpEpisodeSummary *summary)
{
  JsonObject *object = json_object_new ();
  GDate estimate;

  sp_json_set_string (object, "patient_name", sp_episode_summary_get_patient_name (summary));
  sp_json_set_string (object, "identity", sp_episode_summary_get_identity (summary));
  sp_json_set_string (object, "ward_name", sp_episode_summary_get_ward_name (summary));
  sp_json_set_string (object, "care_contact", sp_episode_summary_get_care_contact (summary));
  sp_json_set_string (object, "care_contact_phone",
                      sp_episode_summary_get_care_contact_phone (summary));
  if (sp_episode_summary_get_estimated_discharge (summary, &estimate))
    sp_json_set_date (object, "estimated_discharge", &estimate);

  return object;
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SpPrintWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = sp_print_fetch_finish (SP_ACCOUNT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (data == NULL)
    {
      /* Offline is what the forms are for: say what the form is filled from. */
      g_autofree char *message = g_strdup_printf (_("Pre-filled from the local copy only: %s"),
                                                  error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  {
    JsonObject *fetched = json_node_get_object (data);
    g_autoptr(GList) members = json_object_get_members (fetched);

    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (self->bundle, l->data,
                              json_node_copy (json_object_get_member (fetched, l->data)));
  }
  render_form (self);
}

static void
choice_changed_cb (SpPrintWindow *self)
{
  SpEpisodeSummary *summary;

  if (self->account == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bundle, json_object_unref);

  summary = chosen_summary (self);
  if (summary != NULL)
    {
      self->bundle = json_object_new ();
      json_object_set_object_member (self->bundle, "summary", summary_to_json (summary));
      self->cancellable = g_cancellable_new ();
      sp_print_fetch_async (self->account, chosen_kind (self),
                            sp_episode_summary_get_id (summary), self->cancellable,
                            fetched_cb, self);
    }

  render_form (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SpPrintWindow *self = SP_PRINT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!sp_print_run (sp_print_preview_get_layout (self->preview), GTK_WINDOW (self),
                     GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error))
    sp_print_show_error (GTK_WINDOW (self), error);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SpPrintWindow *self = SP_PRINT_WINDOW (widget);

  sp_print_save_as_pdf (sp_print_preview_get_layout (self->preview), GTK_WINDOW (self),
                        self->file_name);
}

static void
sp_print_window_dispose (GObject *object)
{
  SpPrintWindow *self = SP_PRINT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->bundle, json_object_unref);
  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (sp_print_window_parent_class)->dispose (object);
}

static void
sp_print_window_class_init (SpPrintWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sp_print_window_dispose;

  g_type_ensure (SP_TYPE_PRINT_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/print/sp-print-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPrintWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpPrintWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SpPrintWindow, choices);
  gtk_widget_class_bind_template_child (widget_class, SpPrintWindow, form_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpPrintWindow, patient_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpPrintWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SpPrintWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpPrintWindow, preview);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);

  gtk_widget_class_install_action (widget_class, "print.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "print.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "print.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "print.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_print_window_init (SpPrintWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

/**
 * sp_print_window_new:
 * @parent: (nullable): the window it belongs to
 * @title: what is printed, for the title bar
 * @file_name: the name "Spara som PDF…" offers
 *
 * Returns: (transfer none): a new window, fetching until sp_print_window_set_layout()
 */
SpPrintWindow *
sp_print_window_new (GtkWindow  *parent,
                     const char *title,
                     const char *file_name)
{
  SpPrintWindow *self;

  g_return_val_if_fail (title != NULL && file_name != NULL, NULL);

  self = g_object_new (SP_TYPE_PRINT_WINDOW, "transient-for", parent, NULL);
  adw_window_title_set_title (self->window_title, title);
  self->file_name = g_strdup (file_name);
  return self;
}

/**
 * sp_print_window_new_for_forms:
 * @parent: (nullable): the window it belongs to
 * @account: the session: its overview rows are the patients a form can be pre-filled for
 *
 * Returns: (transfer none): the window of the outage forms
 */
SpPrintWindow *
sp_print_window_new_for_forms (GtkWindow *parent,
                               SpAccount *account)
{
  SpPrintWindow *self;
  g_autoptr(GtkStringList) patients = gtk_string_list_new (NULL);
  GListModel *rows;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);

  self = sp_print_window_new (parent, _("Paper forms for an outage"), form_files[0]);
  self->account = g_object_ref (account);
  self->summaries = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_string_list_append (patients, _("Blank, to fill in by hand"));
  rows = sp_account_get_sync (account) != NULL ? sp_sync_get_model (sp_account_get_sync (account))
                                               : NULL;
  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SpEpisodeSummary) summary = g_list_model_get_item (rows, i);
      g_autofree char *text = NULL;

      if (sp_episode_summary_get_patient_name (summary) == NULL)
        continue;  /* withheld without consent: nothing to pre-fill */
      text = g_strdup_printf ("%s, %s", sp_episode_summary_get_patient_name (summary),
                              sp_episode_summary_get_identity (summary) != NULL
                                ? sp_episode_summary_get_identity (summary) : "");
      gtk_string_list_append (patients, text);
      g_ptr_array_add (self->summaries, g_steal_pointer (&summary));
    }
  gtk_drop_down_set_model (self->patient_dropdown, G_LIST_MODEL (patients));
  gtk_widget_set_visible (self->choices, TRUE);
  choice_changed_cb (self);

  return self;
}

SpPrintLayout *
sp_print_window_get_layout (SpPrintWindow *self)
{
  g_return_val_if_fail (SP_IS_PRINT_WINDOW (self), NULL);

  return sp_print_preview_get_layout (self->preview);
}

/**
 * sp_print_window_set_layout:
 * @layout: the document to preview, print and save
 */
void
sp_print_window_set_layout (SpPrintWindow *self,
                            SpPrintLayout *layout)
{
  g_return_if_fail (SP_IS_PRINT_WINDOW (self));
  g_return_if_fail (SP_IS_PRINT_LAYOUT (layout));

  sp_print_preview_set_layout (self->preview, layout);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  update_actions (self);
}

/**
 * sp_print_window_set_error:
 * @message: why there is nothing to print (Swedish, for the user)
 */
void
sp_print_window_set_error (SpPrintWindow *self,
                           const char    *message)
{
  g_return_if_fail (SP_IS_PRINT_WINDOW (self));

  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/**
 * sp_print_window_select:
 * @kind: one of the forms
 * @position: 0 for blank, else the (1-based) patient of the list
 *
 * Chooses a form and a patient, as the dropdowns do.
 */
void
sp_print_window_select (SpPrintWindow *self,
                        SpPrintKind    kind,
                        guint          position)
{
  g_return_if_fail (SP_IS_PRINT_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (form_kinds); i++)
    if (form_kinds[i] == kind)
      gtk_drop_down_set_selected (self->form_dropdown, i);
  gtk_drop_down_set_selected (self->patient_dropdown, position);
}
