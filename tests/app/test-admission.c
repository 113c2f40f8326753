/* test-admission.c — a new admission against a real server, typed as a ward user would
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-keyring.sh and Xvfb with the real samplan-server (tests/server's
 * fixture). Every number is fictional with a valid check digit unless a test says otherwise.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sp-admission-dialog.h"
#include "sp-app-test.h"
#include "sp-episode-page.h"

static gboolean swedish;

/* ---- The dialog as the user sees it ---- */

static void
admitted_cb (SpAdmissionDialog *dialog,
             const char        *episode_id,
             gpointer           user_data)
{
  char **out = user_data;

  *out = g_strdup (episode_id);
}

/* The action row titled @title (already translated), mapped. */
static GtkWidget *
find_action_row (GtkWidget  *root,
                 const char *title)
{
  if (ADW_IS_ACTION_ROW (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Signs in as the ward and opens the dialog with Ctrl+N's action; waits for the units. */
static SpAdmissionDialog *
open_dialog (SpWindow **out_window)
{
  SpWindow *window;
  GtkWindow *dialog;

  forget_session ();
  window = sign_in_as ("ward");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-admission", NULL));
  WAIT_UNTIL ((dialog = find_toplevel (SP_TYPE_ADMISSION_DIALOG)) != NULL, 20);
  wait_until_mapped (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  WAIT_UNTIL (find_action_row (GTK_WIDGET (dialog), "Vårdcentralen Norr (test)") != NULL, 20);
  *out_window = window;

  return SP_ADMISSION_DIALOG (dialog);
}

/* The message under the identity number (the first caption shown). */
static const char *
identity_message (SpAdmissionDialog *dialog)
{
  GtkWidget *label = find_styled (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "caption");

  return label != NULL ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
identity_refused (SpAdmissionDialog *dialog)
{
  GtkWidget *label = find_styled (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "caption");

  return label != NULL && gtk_widget_has_css_class (label, "error") &&
         gtk_widget_has_css_class (find_row (GTK_WIDGET (dialog), "Identity Number"), "error");
}

static void
address_unit (SpAdmissionDialog *dialog,
              const char        *name)
{
  GtkWidget *row = find_action_row (GTK_WIDGET (dialog), name);

  g_assert_nonnull (row);
  /* As a click on the row does: its check button. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    find_descendant (row, GTK_TYPE_CHECK_BUTTON, TRUE))));
}

/* The check button labelled @label under @root. */
static GtkCheckButton *
find_check (GtkWidget  *root,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return GTK_CHECK_BUTTON (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_check (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The unit row's "For information" box. */
static GtkCheckButton *
for_information_check (SpAdmissionDialog *dialog,
                       const char        *unit_name)
{
  GtkWidget *row = find_action_row (GTK_WIDGET (dialog), unit_name);
  GtkCheckButton *check;

  g_assert_nonnull (row);
  check = find_check (row, g_dgettext (GETTEXT_PACKAGE, "For information"));
  g_assert_nonnull (check);

  return check;
}

/* Enter in an entry row's text. */
static void
press_enter (SpAdmissionDialog *dialog,
             const char        *row_title)
{
  GtkWidget *row = find_row (GTK_WIDGET (dialog), row_title);

  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), "activate");
}

static gboolean
has_focus (SpAdmissionDialog *dialog,
           const char        *row_title)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  return focus != NULL && gtk_widget_is_ancestor (focus, find_row (GTK_WIDGET (dialog),
                                                                   row_title));
}

/* ---- The server's side ---- */

static JsonObject *
get_episode (const char     *episode_id,
             SpTestResponse *response)
{
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, NULL);

  return request_as ("ward", "GET", path, NULL, 200, response);
}

static gboolean
addressed (JsonObject *episode,
           const char *unit_id,
           const char *role)
{
  JsonArray *addressing = json_object_get_array_member (episode, "addressing");

  for (guint i = 0; i < json_array_get_length (addressing); i++)
    {
      JsonObject *entry = json_array_get_object_element (addressing, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "unit_id"), unit_id) == 0)
        return g_strcmp0 (json_object_get_string_member (entry, "role"), role) == 0;
    }

  return FALSE;
}

/* ---- Tests ---- */

/* As the digits come: no refusal while the number may still become valid; the check digit,
 * a date that does not exist and a stray letter are refused at once, in Swedish. */
static void
test_identity_as_you_type (void)
{
  static const struct
  {
    const char *text;
    const char *refusal;   /* NULL: a hint, not a refusal */
  } cases[] = {
    { "1912", NULL },
    { "19121212-12", NULL },
    /* Ten digits from "19": the first ten of twelve as likely as a whole number. */
    { "1912121212", NULL },
    { "19121212-1213", "Fel kontrollsiffra. Kontrollera numret." },
    { "191212121213", "Fel kontrollsiffra. Kontrollera numret." },
    { "19120231-1212", "Numret innehåller ett datum som inte finns." },
    { "1912x212-1212", "Endast siffror och ”-” eller ”+” får användas." },
    { "1912121212123", "Ange 10 eller 12 siffror." },
  };
  SpWindow *window;
  SpAdmissionDialog *dialog = open_dialog (&window);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      type_into (GTK_WIDGET (dialog), "Identity Number", cases[i].text);
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (identity_refused (dialog), ==, cases[i].refusal != NULL);
      if (cases[i].refusal != NULL && swedish)
        g_assert_cmpstr (identity_message (dialog), ==, cases[i].refusal);
    }

  /* Enter on a number still short: now it is refused. */
  type_into (GTK_WIDGET (dialog), "Identity Number", "19121212-12");
  press_enter (dialog, "Identity Number");
  g_assert_true (identity_refused (dialog));
  if (swedish)
    g_assert_cmpstr (identity_message (dialog), ==, "Ange 10 eller 12 siffror.");

  /* Escape closes. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  WAIT_UNTIL (find_toplevel (SP_TYPE_ADMISSION_DIALOG) == NULL, 20);
  destroy_all_windows ();
}

/* A number not in the registry: the patient is registered with the admission, the episode
 * created and opened, all typed with Enter moving on. */
static void
test_new_patient (void)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *episode_id = NULL;
  SpWindow *window;
  SpAdmissionDialog *dialog = open_dialog (&window);
  JsonObject *episode;
  JsonObject *patient;

  g_signal_connect (dialog, "admitted", G_CALLBACK (admitted_cb), &episode_id);
  type_into (GTK_WIDGET (dialog), "Identity Number", "19450312-1230");
  g_assert_false (identity_refused (dialog));
  WAIT_UNTIL (find_row (GTK_WIDGET (dialog), "Given Name") != NULL &&
              gtk_widget_get_mapped (find_row (GTK_WIDGET (dialog), "Given Name")), 20);
  if (swedish)
    g_assert_cmpstr (identity_message (dialog), ==,
                     "Finns inte i patientregistret: fyll i patientens uppgifter nedan.");

  press_enter (dialog, "Identity Number");
  g_assert_true (has_focus (dialog, "Given Name"));
  type_into (GTK_WIDGET (dialog), "Given Name", "Gunnel");
  press_enter (dialog, "Given Name");
  g_assert_true (has_focus (dialog, "Family Name"));
  type_into (GTK_WIDGET (dialog), "Family Name", "Nyinskriven");
  type_into (GTK_WIDGET (dialog), "Street Address", "Provgatan 3");
  type_into (GTK_WIDGET (dialog), "Postal Code", "99999");
  type_into (GTK_WIDGET (dialog), "City", "Teststad");
  type_into (GTK_WIDGET (dialog), "Estimated Discharge (YYYY-MM-DD)", "2030-04-02");
  type_into (GTK_WIDGET (dialog), "Reason for Contact", "Fall i hemmet");
  address_unit (dialog, "Vårdcentralen Norr (test)");
  address_unit (dialog, "Hemsjukvården Testkommun");
  save_screenshot (GTK_WIDGET (dialog), "samplan-admission.png");

  /* Enter in the last field sends. */
  type_into (GTK_WIDGET (dialog), "Responsible Doctor", "Dr Test");
  press_enter (dialog, "Responsible Doctor");
  WAIT_UNTIL (episode_id != NULL, 20);
  WAIT_UNTIL (find_toplevel (SP_TYPE_ADMISSION_DIALOG) == NULL, 20);
  WAIT_UNTIL (find_descendant (GTK_WIDGET (window), SP_TYPE_EPISODE_PAGE, TRUE) != NULL, 20);

  episode = get_episode (episode_id, &response);
  patient = json_object_get_object_member (episode, "patient");
  g_assert_cmpstr (json_object_get_string_member (patient, "given_name"), ==, "Gunnel");
  g_assert_cmpstr (json_object_get_string_member (patient, "family_name"), ==, "Nyinskriven");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (patient,
                                                                                "address"),
                                                  "city"), ==, "Teststad");
  g_assert_cmpstr (json_object_get_string_member (episode, "estimated_discharge"), ==,
                   "2030-04-02");
  g_assert_cmpstr (json_object_get_string_member (episode, "reason_for_contact"), ==,
                   "Fall i hemmet");
  g_assert_cmpstr (json_object_get_string_member (episode, "ward_unit_id"), ==, "avd-12");
  g_assert_true (addressed (episode, "vc-norr", "recipient"));
  g_assert_true (addressed (episode, "hsl-test", "recipient"));
  g_assert_false (addressed (episode, "sol-test", "recipient"));

  destroy_all_windows ();
}

/* A registered patient is shown read-only and not registered again. */
static void
test_registered_patient (void)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *first = admit ("19520907-3450", "Sven", "Registrerad");
  g_autofree char *episode_id = NULL;
  SpWindow *window;
  SpAdmissionDialog *dialog = open_dialog (&window);
  GtkWidget *name_row;
  JsonObject *episode;
  g_auto(SpTestResponse) earlier = { 0 };
  JsonObject *first_episode = get_episode (first, &earlier);

  g_signal_connect (dialog, "admitted", G_CALLBACK (admitted_cb), &episode_id);
  type_into (GTK_WIDGET (dialog), "Identity Number", "195209073450");
  WAIT_UNTIL ((name_row = find_action_row (GTK_WIDGET (dialog),
                                           g_dgettext (GETTEXT_PACKAGE, "Name"))) != NULL, 20);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (name_row)), ==,
                   "Sven Registrerad");
  g_assert_null (find_row (GTK_WIDGET (dialog), "Given Name") != NULL &&
                 gtk_widget_get_mapped (find_row (GTK_WIDGET (dialog), "Given Name"))
                 ? "shown" : NULL);

  press_enter (dialog, "Identity Number");
  g_assert_true (has_focus (dialog, "Estimated Discharge (YYYY-MM-DD)"));

  /* Nothing addressed and no date: said beside each, nothing sent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "admission.admit", NULL));
  g_assert_true (has_focus (dialog, "Estimated Discharge (YYYY-MM-DD)"));
  if (swedish)
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_styled (GTK_WIDGET (dialog),
                                                                   GTK_TYPE_LABEL, "error"))),
                     ==, "Ange beräknat utskrivningsdatum.");

  type_into (GTK_WIDGET (dialog), "Estimated Discharge (YYYY-MM-DD)", "2030-05-01");
  address_unit (dialog, "Vårdcentralen Syd (test)");
  /* "För kännedom" on that row. */
  gtk_check_button_set_active (for_information_check (dialog, "Vårdcentralen Syd (test)"), TRUE);
  address_unit (dialog, "Vårdcentralen Norr (test)");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "admission.admit", NULL));
  WAIT_UNTIL (episode_id != NULL, 20);

  episode = get_episode (episode_id, &response);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (episode,
                                                                                "patient"),
                                                  "id"), ==,
                   json_object_get_string_member (json_object_get_object_member (first_episode,
                                                                                "patient"),
                                                  "id"));
  g_assert_true (addressed (episode, "vc-norr", "recipient"));
  g_assert_true (addressed (episode, "vc-syd", "for_information"));

  destroy_all_windows ();
}

/* Protected identity: the server's refusal, in its words, beside the patient; nothing is
 * registered and the dialog stays. */
static void
test_protected_identity (void)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *episode_id = NULL;
  SpWindow *window;
  SpAdmissionDialog *dialog = open_dialog (&window);
  GtkWidget *protected_row;
  GtkWidget *refusal = NULL;

  g_signal_connect (dialog, "admitted", G_CALLBACK (admitted_cb), &episode_id);
  type_into (GTK_WIDGET (dialog), "Identity Number", "19600101-9980");
  WAIT_UNTIL ((protected_row = find_action_row (GTK_WIDGET (dialog),
                                                g_dgettext (GETTEXT_PACKAGE,
                                                            "Protected Identity"))) != NULL, 20);
  type_into (GTK_WIDGET (dialog), "Given Name", "Hemlig");
  type_into (GTK_WIDGET (dialog), "Family Name", "Person");
  /* A click on the row; the switch turns at the end of its animation. */
  adw_action_row_activate (ADW_ACTION_ROW (protected_row));
  WAIT_UNTIL (gtk_switch_get_active (GTK_SWITCH (find_descendant (protected_row, GTK_TYPE_SWITCH,
                                                                  TRUE))), 20);
  type_into (GTK_WIDGET (dialog), "Estimated Discharge (YYYY-MM-DD)", "2030-04-02");
  address_unit (dialog, "Vårdcentralen Norr (test)");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "admission.admit", NULL));

  WAIT_UNTIL (episode_id != NULL ||
              ((refusal = find_styled (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error")) != NULL &&
               !gtk_widget_has_css_class (refusal, "caption")), 20);
  g_assert_null (episode_id);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (refusal)), ==,
                   "Personen har skyddad identitet och kan inte registreras i Samplan. "
                   "Samordna per telefon.");
  save_screenshot (GTK_WIDGET (dialog), "samplan-admission-protected.png");
  g_assert_nonnull (find_toplevel (SP_TYPE_ADMISSION_DIALOG));
  g_assert_null (episode_id);
  request_as ("ward", "GET", "/api/v1/patients?identity=196001019980", NULL, 404, &response);

  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  swedish = app_test_init (&argc, &argv);

  g_test_add_func ("/app/admission/identity-as-you-type", test_identity_as_you_type);
  g_test_add_func ("/app/admission/new-patient", test_new_patient);
  g_test_add_func ("/app/admission/registered-patient", test_registered_patient);
  g_test_add_func ("/app/admission/protected-identity", test_protected_identity);

  status = g_test_run ();
  app_test_finish ();

  return status;
}
