/* test-print-widgets.c — the patientinformation editor, the forms window and GtkPrintOperation
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb with the real server (tests/app's harness): the ward writes its part of the
 * patientinformation in the episode page, saves it through the outbox, and the preview — the
 * very layout that prints — shows it; the server then holds it. The outage forms window offers
 * blank and pre-filled forms. GtkPrintOperation exports the same pages as the PDF writer.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-app-test.h"
#include "sp-episode-summary.h"
#include "sp-json.h"
#include "sp-patient-info-editor.h"
#include "sp-print.h"
#include "sp-print-window.h"
#include "sp-test-server.h"

static char *output_dir;

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* What the layout prints, as text. */
static char *
layout_text (SpPrintLayout *layout,
             const char    *name)
{
  g_autofree char *path = g_build_filename (output_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_print_layout_write_pdf (layout, path, &error));
  g_assert_no_error (error);
  return pdf_text (path);
}

static gboolean
preview_shows (SpPatientInfoEditor *editor,
               const char          *needle)
{
  SpPrintLayout *layout = sp_patient_info_editor_get_preview (editor);
  g_autofree char *text = NULL;

  if (layout == NULL)
    return FALSE;
  text = layout_text (layout, "editor-preview.pdf");
  return strstr (text, needle) != NULL;
}

static gboolean
label_shows (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shows (child, text))
      return TRUE;
  return FALSE;
}

/* Whether the server holds @text as the ward's @member (the save has arrived). */
static gboolean
server_has (const char *path,
            const char *member,
            const char *text)
{
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *document = request_as ("ward", "GET", path, NULL, 200, &response);
  JsonArray *sections = json_object_get_array_member (document, "sections");
  JsonObject *section;

  if (json_array_get_length (sections) == 0)
    return FALSE;
  section = json_array_get_object_element (sections, 0);
  return g_strcmp0 (json_object_get_string_member_with_default (section, member, NULL),
                    text) == 0;
}

/* The episode, on its patientinformation page. */
static SpPatientInfoEditor *
open_editor (SpWindow   *window,
             const char *episode_id)
{
  SpPatientInfoEditor *editor = NULL;
  GtkWidget *stack;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-episode", "s",
                                             episode_id));
  WAIT_UNTIL ((editor = (SpPatientInfoEditor *) find_descendant (GTK_WIDGET (window),
                                                                 SP_TYPE_PATIENT_INFO_EDITOR,
                                                                 FALSE)) != NULL, 20);
  stack = gtk_widget_get_ancestor (GTK_WIDGET (editor), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "patient-information");
  return editor;
}

static gboolean
has_button_for (GtkWidget  *root,
                const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_button_for (child, action_name))
      return TRUE;
  return FALSE;
}

static void
test_editor (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Greta", "Testsson");
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/patient-information",
                                           episode_id);
  g_auto(SpTestResponse) response = { 0 };
  SpWindow *window = sign_in_as ("ward");
  SpPatientInfoEditor *editor = NULL;
  JsonObject *document;
  JsonArray *sections;
  JsonObject *section;

  editor = open_editor (window, episode_id);
  /* Loaded: the preview shows the document with the patient on it. */
  WAIT_UNTIL (preview_shows (editor, "19") && preview_shows (editor, "Greta Testsson"), 20);

  /* Writing: the preview follows at once; there is no button to save with. */
  g_assert_false (has_button_for (GTK_WIDGET (editor), "patient-info.save"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor),
                                             "patient-info.add-intervention", NULL));
  type_into (GTK_WIDGET (editor), "Insats 1: vad", "Hjälp med medicinerna");
  type_into (GTK_WIDGET (editor), "When", "Morgon och kväll");
  type_into (GTK_WIDGET (editor), "Who", "Undersköterska");
  type_into (GTK_WIDGET (editor), "What to do if worse", "Ring avdelningen 08-111 111");
  g_assert_true (label_shows (GTK_WIDGET (editor), _("Not saved yet…")));
  WAIT_UNTIL (preview_shows (editor, "Hjälp med medicinerna") &&
              preview_shows (editor, "Ring avdelningen 08-111 111"), 10);

  /* It saves by itself through the outbox once the typing stops. */
  WAIT_UNTIL (server_has (path, "if_worse", "Ring avdelningen 08-111 111"), 20);
  WAIT_UNTIL (label_shows (GTK_WIDGET (editor), _("Saved")), 20);
  document = request_as ("ward", "GET", path, NULL, 200, &response);
  sections = json_object_get_array_member (document, "sections");
  g_assert_cmpuint (json_array_get_length (sections), ==, 1);
  section = json_array_get_object_element (sections, 0);
  g_assert_cmpstr (json_object_get_string_member (section, "unit_id"), ==, "avd-12");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (section, "interventions"), 0), "what"),
                   ==, "Hjälp med medicinerna");
  g_assert_cmpstr (json_object_get_string_member (section, "if_worse"), ==,
                   "Ring avdelningen 08-111 111");

  /* A second save states the revision it was based on (else 409). */
  type_into (GTK_WIDGET (editor), "Aids", "Rollator");
  WAIT_UNTIL (server_has (path, "aids", "Rollator"), 20);
  WAIT_UNTIL (label_shows (GTK_WIDGET (editor), _("Saved")), 20);

  /* Typed, and the episode closed at once, without any button: it still arrives, and the
   * editor opened again shows it in the preview. */
  type_into (GTK_WIDGET (editor), "Medication", "Läkemedelslista medskickad");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_null (find_descendant (GTK_WIDGET (window), SP_TYPE_PATIENT_INFO_EDITOR, FALSE));
  WAIT_UNTIL (server_has (path, "medication", "Läkemedelslista medskickad"), 20);
  sp_test_response_clear (&response);
  document = request_as ("ward", "GET", path, NULL, 200, &response);
  section = json_array_get_object_element (json_object_get_array_member (document, "sections"),
                                           0);
  g_assert_cmpstr (json_object_get_string_member (section, "medication"), ==,
                   "Läkemedelslista medskickad");
  g_assert_cmpstr (json_object_get_string_member (section, "aids"), ==, "Rollator");

  editor = open_editor (window, episode_id);
  WAIT_UNTIL (preview_shows (editor, "Läkemedelslista medskickad"), 20);
  g_assert_true (preview_shows (editor, "Hjälp med medicinerna"));
  WAIT_UNTIL (label_shows (GTK_WIDGET (editor), _("Saved")), 20);

  save_screenshot (GTK_WIDGET (window), "samplan-patient-information.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  sign_out (window);
}

static void
test_forms_window (void)
{
  SpWindow *window = sign_in_as ("ward");
  SpPrintWindow *forms = NULL;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-templates", NULL));
  WAIT_UNTIL ((forms = (SpPrintWindow *) find_toplevel (SP_TYPE_PRINT_WINDOW)) != NULL, 10);
  wait_until_mapped (GTK_WIDGET (forms));
  WAIT_UNTIL (sp_print_window_get_layout (forms) != NULL, 10);
  text = layout_text (sp_print_window_get_layout (forms), "forms-window.pdf");
  g_assert_nonnull (strstr (text, "Stöddokumentation vid faktiskt SIP-möte"));
  g_assert_nonnull (strstr (text, "Personnummer: ____"));
  save_screenshot (GTK_WIDGET (forms), "samplan-print-forms.png");

  /* The planning basis, pre-filled for the first patient of the overview. */
  sp_print_window_select (forms, SP_PRINT_PLANNING_FORM, 1);
  g_clear_pointer (&text, g_free);
  text = layout_text (sp_print_window_get_layout (forms), "forms-window-planning.pdf");
  g_assert_nonnull (strstr (text, "Planeringsunderlag"));
  g_assert_null (strstr (text, "Personnummer: ____"));
  save_screenshot (GTK_WIDGET (forms), "samplan-print-forms-planning.png");

  gtk_window_destroy (GTK_WINDOW (forms));
  sign_out (window);
}

static gboolean
forms_show (SpPrintWindow *forms,
            const char    *needle)
{
  SpPrintLayout *layout = sp_print_window_get_layout (forms);
  g_autofree char *text = layout != NULL ? layout_text (layout, "forms-offline.pdf") : NULL;

  return text != NULL && strstr (text, needle) != NULL;
}

/* The patient's place in the forms window's list (1-based; those without a name are not
 * listed, as there). */
static guint
forms_position (SpWindow   *window,
                const char *episode_id)
{
  GListModel *rows = sp_sync_get_model (sp_window_get_sync (window));
  guint position = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SpEpisodeSummary) summary = g_list_model_get_item (rows, i);

      if (sp_episode_summary_get_patient_name (summary) == NULL)
        continue;
      position++;
      if (g_strcmp0 (sp_episode_summary_get_id (summary), episode_id) == 0)
        return position;
    }

  g_error ("Episode %s is not in the list", episode_id);
}

/* The server gone: the patientinformation form is pre-filled from the local copy. */
static void
test_forms_offline (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Olga", "Offlinesson");
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/patient-information/avd-12",
                                           episode_id);
  g_autofree char *episode_path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  g_autofree char *contacts_path = g_strconcat (episode_path, "/care-contacts", NULL);
  g_autofree char *contact = NULL;
  g_auto(SpTestResponse) response = { 0 };
  g_auto(SpTestResponse) episode = { 0 };
  g_auto(SpTestResponse) named = { 0 };
  SpPrintWindow *forms = NULL;
  SpWindow *window;

  request_as ("ward", "PUT", path,
              "{\"if_worse\":\"Ring avdelningen om du blir sämre\","
              "\"meets_at_home\":\"Hemtjänsten tar emot dig\"}", 201, &response);
  contact = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"name\":"
                             "\"Bertil Provsson\",\"phone\":\"08-123 456\"}",
                             json_object_get_int_member (request_as ("ward", "GET",
                                                                     episode_path, NULL, 200,
                                                                     &episode),
                                                         "revision"));
  request_as ("vc", "POST", contacts_path, contact, 200, &named);
  window = sign_in_as ("ward");
  sp_test_server_kill (server);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-templates", NULL));
  WAIT_UNTIL ((forms = (SpPrintWindow *) find_toplevel (SP_TYPE_PRINT_WINDOW)) != NULL, 10);
  wait_until_mapped (GTK_WIDGET (forms));
  sp_print_window_select (forms, SP_PRINT_PATIENT_INFORMATION_FORM,
                          forms_position (window, episode_id));
  WAIT_UNTIL (forms_show (forms, "Ring avdelningen om du blir sämre"), 20);
  g_assert_true (forms_show (forms, "Hemtjänsten tar emot dig"));
  g_assert_true (forms_show (forms, "Olga Offlinesson"));
  g_assert_true (forms_show (forms, "Bertil Provsson"));
  save_screenshot (GTK_WIDGET (forms), "samplan-print-forms-offline.png");

  gtk_window_destroy (GTK_WINDOW (forms));
  sp_test_server_restart (server);
  destroy_all_windows ();
}

/* GtkPrintOperation's export gives the pages the PDF writer gives. */
static void
test_print_operation (void)
{
  g_autoptr(JsonNode) data = sp_json_parse ("{\"patient\":{\"given_name\":\"Greta\","
                                            "\"family_name\":\"Testsson\"},"
                                            "\"going_home\":{\"estimated_discharge\":"
                                            "\"2026-03-16\"}}", -1, NULL);
  g_autoptr(SpPrintLayout) layout = sp_print_layout_new_for_kind (SP_PRINT_PATIENT_INFORMATION,
                                                                  data, NULL, NULL);
  g_autofree char *path = g_build_filename (output_dir, "print-operation.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;

  g_assert_true (sp_print_run (layout, NULL, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Greta Testsson"));
  g_assert_nonnull (strstr (text, "Planerad till måndag 16 mars 2026"));
  last_page = g_strdup_printf ("Sida %u av %u", sp_print_layout_get_n_pages (layout),
                               sp_print_layout_get_n_pages (layout));
  g_assert_nonnull (strstr (text, last_page));
}

int
main (int    argc,
      char **argv)
{
  gboolean swedish = app_test_init (&argc, &argv);
  int status;

  output_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "print-output", NULL);
  g_assert_cmpint (g_mkdir_with_parents (output_dir, 0755), ==, 0);

  if (swedish)
    {
      g_test_add_func ("/print/widgets/print-operation", test_print_operation);
      g_test_add_func ("/print/widgets/patient-info-editor", test_editor);
      g_test_add_func ("/print/widgets/forms-window", test_forms_window);
      /* Last: it kills the server (restarted on another address). */
      g_test_add_func ("/print/widgets/forms-offline", test_forms_offline);
    }
  else
    g_test_skip ("needs sv_SE.UTF-8");

  status = g_test_run ();
  app_test_finish ();
  g_free (output_dir);
  return status;
}
