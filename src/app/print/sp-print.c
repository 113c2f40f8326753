/* sp-print.c — printing and PDF: the documents that replace the paper templates
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One engine (SpPrintLayout) for the printer (GtkPrintOperation), "Spara som PDF" (cairo's
 * PDF surface) and the preview, so what is previewed is what is printed.
 */

#define G_LOG_DOMAIN "sp-print"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sp-print.h"
#include "sp-print-private.h"
#include "sp-print-window.h"

/* The patientinformation form: the document if the copy has it, else what the overview row
 * knows (name, care contact, estimated discharge). */
static JsonObject *
patient_info_form_data (JsonObject *bundle)
{
  JsonObject *document = sp_print_get_object (bundle, "patient_information");
  JsonObject *summary = sp_print_get_object (bundle, "summary");
  JsonObject *patient = sp_print_get_object (bundle, "patient");
  JsonObject *result;

  if (document != NULL)
    return json_object_ref (document);

  result = json_object_new ();
  if (patient != NULL)
    json_object_set_object_member (result, "patient", json_object_ref (patient));
  if (sp_print_get_string (summary, "care_contact") != NULL)
    {
      JsonObject *contact = json_object_new ();

      json_object_set_string_member (contact, "name",
                                     sp_print_get_string (summary, "care_contact"));
      if (sp_print_get_string (summary, "care_contact_phone") != NULL)
        json_object_set_string_member (contact, "phone",
                                       sp_print_get_string (summary, "care_contact_phone"));
      json_object_set_object_member (result, "care_contact", contact);
    }
  if (sp_print_get_string (summary, "estimated_discharge") != NULL)
    {
      JsonObject *going_home = json_object_new ();

      json_object_set_string_member (going_home, "estimated_discharge",
                                     sp_print_get_string (summary, "estimated_discharge"));
      json_object_set_object_member (result, "going_home", going_home);
    }

  return result;
}

/**
 * sp_print_layout_new_for_kind:
 * @data: (nullable): for %SP_PRINT_PATIENT_INFORMATION the document of GET
 *   /episodes/:id/patient-information; for %SP_PRINT_SIP the SIP of GET /sips/:id, with an
 *   optional "patient" member (GET /patients/:id) for the identity number; for the forms a
 *   bundle of what is known, every member optional: "patient", "summary" (an overview row's
 *   "patient_name", "identity", "ward_name", "estimated_discharge", "care_contact",
 *   "care_contact_phone"), "patient_information", "planning" (GET /episodes/:id/planning) and
 *   "sip"; %NULL for a blank form
 * @unit_names: (nullable) (element-type utf8 utf8): unit names by id, besides those in @data
 * @printed_at: (nullable): the time printed on every page
 *
 * Returns: (transfer full): the document, laid out
 */
SpPrintLayout *
sp_print_layout_new_for_kind (SpPrintKind  kind,
                              JsonNode    *data,
                              GHashTable  *unit_names,
                              GDateTime   *printed_at)
{
  JsonObject *object = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data)
                                                                      : NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(SpPrintLayout) layout = NULL;

  if (unit_names != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, unit_names);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (names, g_strdup (key), g_strdup (value));
    }

  switch (kind)
    {
    case SP_PRINT_PATIENT_INFORMATION:
      layout = sp_print_build_patient_info (object, names, FALSE);
      break;

    case SP_PRINT_SIP:
      layout = sp_print_build_sip (object, names);
      break;

    case SP_PRINT_SIP_MEETING_FORM:
      layout = sp_print_build_sip_meeting_form (object, names);
      break;

    case SP_PRINT_PLANNING_FORM:
      layout = sp_print_build_planning_form (object, names);
      break;

    case SP_PRINT_PATIENT_INFORMATION_FORM:
      {
        g_autoptr(JsonObject) document = patient_info_form_data (object);
        JsonObject *summary = sp_print_get_object (object, "summary");

        layout = sp_print_build_patient_info (document, names, TRUE);
        if (sp_print_get_object (document, "patient") == NULL && summary != NULL)
          sp_print_layout_set_patient (layout, sp_print_get_string (summary, "patient_name"),
                                       sp_print_get_string (summary, "identity"));
      }
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  sp_print_layout_set_printed_at (layout, printed_at);
  return g_steal_pointer (&layout);
}

/**
 * sp_print_export_pdf:
 * @data: (nullable): as for sp_print_layout_new_for_kind()
 * @path: the PDF file to write
 *
 * Writes the document as an A4 PDF, printed now.
 *
 * Returns: whether it was written
 */
gboolean
sp_print_export_pdf (SpPrintKind   kind,
                     JsonNode     *data,
                     const char   *path,
                     GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(SpPrintLayout) layout = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  layout = sp_print_layout_new_for_kind (kind, data, NULL, now);
  return sp_print_layout_write_pdf (layout, path, error);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              SpPrintLayout     *layout)
{
  sp_print_layout_draw_page (layout, gtk_print_context_get_cairo_context (context), page);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         GtkWindow               *parent)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      sp_print_show_error (parent, error);
    }

  /* The reference run () took for the asynchronous dialog. */
  g_object_unref (operation);
}

/**
 * sp_print_run:
 * @parent: (nullable): the window to print from
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to print (asynchronous: errors are shown),
 *   or %GTK_PRINT_OPERATION_ACTION_EXPORT with @export_path
 * @export_path: (nullable): the PDF to export to
 *
 * Prints @layout on A4 with GtkPrintOperation.
 *
 * Returns: %FALSE with @error set if it could not even start
 */
gboolean
sp_print_run (SpPrintLayout            *layout,
              GtkWindow                *parent,
              GtkPrintOperationAction   action,
              const char               *export_path,
              GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPrintOperationResult result;

  g_return_val_if_fail (SP_IS_PRINT_LAYOUT (layout), FALSE);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_path != NULL,
                        FALSE);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The layout draws its own margins and furniture, in points from the paper's corner. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, sp_print_layout_get_n_pages (layout));
  gtk_print_operation_set_job_name (operation, "Samplan");
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), layout, 0);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);

  if (action == GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG)
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      g_object_set_data_full (G_OBJECT (operation), "layout", g_object_ref (layout),
                              g_object_unref);
      g_signal_connect_object (operation, "done", G_CALLBACK (done_cb), parent, 0);
      g_object_ref (operation);
    }

  result = gtk_print_operation_run (operation, action, parent, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  SpPrintLayout   *layout)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Choose a folder on this computer."));
      if (path == NULL || !sp_print_layout_write_pdf (layout, path, &error))
        sp_print_show_error (parent, error);
    }

  g_object_unref (chooser);
}

/**
 * sp_print_save_as_pdf:
 * @parent: (nullable): the window to save from
 * @suggested_name: the file name offered, e.g. "patientinformation.pdf"
 *
 * Asks where to save the document ("Spara som PDF…") and writes it there.
 */
void
sp_print_save_as_pdf (SpPrintLayout *layout,
                      GtkWindow     *parent,
                      const char    *suggested_name)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (SP_IS_PRINT_LAYOUT (layout));
  g_return_if_fail (suggested_name != NULL);

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "layout", g_object_ref (layout), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), layout);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * sp_print_show_error:
 * @parent: (nullable): the window the dialog belongs to
 * @error: what went wrong; its message is shown as it is (Swedish for the user)
 */
void
sp_print_show_error (GtkWindow    *parent,
                     const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (parent, _("Could not print"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GWeakRef     window;
  SpPrintKind  kind;
} DocumentJob;

static void
document_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DocumentJob *job = user_data;
  g_autoptr(SpPrintWindow) window = g_weak_ref_get (&job->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = sp_print_fetch_finish (SP_ACCOUNT (object), result, &error);

  g_weak_ref_clear (&job->window);
  if (window != NULL && data == NULL)
    sp_print_window_set_error (window, error->message);
  else if (window != NULL)
    {
      g_autoptr(GHashTable) names = sp_print_collect_unit_names (SP_ACCOUNT (object), data);
      g_autoptr(GDateTime) now = sp_account_dup_now (SP_ACCOUNT (object));
      g_autoptr(SpPrintLayout) layout = sp_print_layout_new_for_kind (job->kind, data, names,
                                                                      now);

      sp_print_window_set_layout (window, layout);
    }

  g_free (job);
}

/**
 * sp_print_show_templates:
 * @parent: the window to print from
 * @account: the session, whose local copy pre-fills the templates
 *
 * Offers the paper templates for an outage, blank or pre-filled.
 */
void
sp_print_show_templates (GtkWindow *parent,
                         SpAccount *account)
{
  g_return_if_fail (SP_IS_ACCOUNT (account));

  gtk_window_present (GTK_WINDOW (sp_print_window_new_for_forms (parent, account)));
}

/**
 * sp_print_document:
 * @parent: the window to print from
 * @account: the session
 * @kind: what to print
 * @record_id: the episode or SIP
 *
 * Shows the document as it will be printed, with "Skriv ut…" and "Spara som PDF…".
 */
void
sp_print_document (GtkWindow   *parent,
                   SpAccount   *account,
                   SpPrintKind  kind,
                   const char  *record_id)
{
  SpPrintWindow *window;
  DocumentJob *job;

  g_return_if_fail (SP_IS_ACCOUNT (account));
  g_return_if_fail (record_id != NULL);

  window = kind == SP_PRINT_SIP
             ? sp_print_window_new (parent, _("Coordinated individual plan (SIP)"), "sip.pdf")
             : sp_print_window_new (parent, _("Patient information"), "patientinformation.pdf");
  gtk_window_present (GTK_WINDOW (window));

  job = g_new0 (DocumentJob, 1);
  g_weak_ref_init (&job->window, window);
  job->kind = kind;
  sp_print_fetch_async (account, kind, record_id, NULL, document_fetched_cb, job);
}
