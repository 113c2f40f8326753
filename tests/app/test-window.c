/* test-window.c — the main window against a real server, driven as a user would
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-keyring.sh (an unlocked keyring on a bus of its own) and Xvfb. The server
 * is the real samplan-server of tests/server/sp-test-server.c, with a ward and two episodes.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "sp-application.h"
#include "sp-cache.h"
#include "sp-calendar.h"
#include "sp-episode-summary.h"
#include "sp-status-indicator.h"
#include "sp-app-test.h"
#include "sp-test-server.h"
#include "sp-token-store.h"
#include "sp-window.h"

/* Fictional people with valid check digits (Skatteverket's test number and two more). */
static const char *const patients[][3] = {
  { "19121212-1212", "Tolvan", "Tolvansson" },
  { "19380421-2342", "Greta", "Testsson" },
};

static char *episode_ids[G_N_ELEMENTS (patients)];
static gboolean swedish;

static char *
lookup_token (const char *username)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  sp_token_store_lookup_async (sp_test_server_get_uri (server), username, NULL, result_cb,
                               &result);
  WAIT_UNTIL (result != NULL, 20);
  token = sp_token_store_lookup_finish (result, &error);
  g_assert_no_error (error);

  return token;
}

static gboolean
token_saved (const char *username)
{
  g_autofree char *token = lookup_token (username);

  return token != NULL;
}

/* The sign-in page's message. */
static const char *
error_text (SpWindow *window)
{
  GtkWidget *label = find_styled (GTK_WIDGET (window), GTK_TYPE_LABEL, "error");

  return label != NULL ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/* The header bar's status as shown (so it must be on screen). */
static const char *
status_text (SpWindow *window)
{
  GtkWidget *indicator = NULL;

  WAIT_UNTIL ((indicator = find_descendant (GTK_WIDGET (window), SP_TYPE_STATUS_INDICATOR,
                                            TRUE)) != NULL, 20);
  return sp_status_indicator_get_text (SP_STATUS_INDICATOR (indicator));
}

/* ---- The menu ---- */

/* "label→action" for each item, sections flattened, joined by "|". */
static void
describe_menu (GMenuModel *model,
               GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = NULL;
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;

      section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL)
        {
          describe_menu (section, out);
          continue;
        }

      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      g_string_append_printf (out, "%s%s→%s", out->len > 0 ? "|" : "", label, action);
    }
}

static char *
describe_primary_menu (SpWindow *window)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, TRUE);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)));
  describe_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), out);

  return g_string_free (out, FALSE);
}

/* ---- The server's data ---- */

/* ---- Per test: no window, no token, no saved server ---- */

static void
reset (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  destroy_all_windows ();
  clear_tokens ();
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "username");
  g_settings_reset (settings, "sync-interval");
}

/* ---- Tests ---- */

static void
test_sign_in_page (void)
{
  SpWindow *window;
  g_autofree char *menu = NULL;
  g_autofree char *expected_menu = NULL;

  reset ();
  window = open_main_window ();
  WAIT_UNTIL (on_sign_in_page (window), 20);

  g_assert_nonnull (find_row (GTK_WIDGET (window), "Server Address"));
  g_assert_nonnull (find_row (GTK_WIDGET (window), "User Name"));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (find_row (GTK_WIDGET (window), "Password")));
  g_assert_null (error_text (window));
  g_assert_false (in_session (window));

  /* Signed out, "Sign Out" is in the model but hidden (hidden-when action-disabled). */
  menu = describe_primary_menu (window);
  expected_menu = g_strdup_printf ("%s→app.help|%s→win.show-help-overlay|%s→app.about|"
                                   "%s→win.sign-out|%s→app.quit",
                                   g_dgettext (GETTEXT_PACKAGE, "_Help"),
                                   g_dgettext (GETTEXT_PACKAGE, "_Keyboard Shortcuts"),
                                   g_dgettext (GETTEXT_PACKAGE, "_About Samplan"),
                                   g_dgettext (GETTEXT_PACKAGE, "Sign _Out"),
                                   g_dgettext (GETTEXT_PACKAGE, "_Quit"));
  g_assert_cmpstr (menu, ==, expected_menu);

  save_screenshot (GTK_WIDGET (window), "samplan-sign-in.png");
  destroy_all_windows ();
}

/* Checked before anything is sent; each message says what to fill in. */
static void
test_sign_in_incomplete (void)
{
  static const struct
  {
    const char *server;
    const char *username;
    const char *password;
    const char *message;
    const char *focus;
  } cases[] = {
    /* Nothing at all: the address comes first. */
    { "", "", "", "Enter the server’s address, for example https://samplan.example.org.",
      "Server Address" },
    /* Blanks are no address. */
    { "   ", "ward", "x", "Enter the server’s address, for example https://samplan.example.org.",
      "Server Address" },
    /* Only http and https. */
    { "ftp://samplan.example.org", "ward", "x",
      "Enter the server’s address, for example https://samplan.example.org.",
      "Server Address" },
    /* A user name of blanks is none. */
    { "samplan.example.org", "  ", "x", "Enter your user name.", "User Name" },
    { "https://samplan.example.org", "ward", "", "Enter your password.", "Password" },
  };
  SpWindow *window;

  reset ();
  window = open_main_window ();
  WAIT_UNTIL (on_sign_in_page (window), 20);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *focus_row = find_row (GTK_WIDGET (window), cases[i].focus);

      fill_sign_in (window, cases[i].server, cases[i].username, cases[i].password);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL));
      g_assert_cmpstr (error_text (window), ==,
                       g_dgettext (GETTEXT_PACKAGE, cases[i].message));
      g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), focus_row));
      g_assert_true (on_sign_in_page (window));
    }

  destroy_all_windows ();
}

static void
test_sign_in_wrong_password (void)
{
  SpWindow *window;
  g_autofree char *token = NULL;

  reset ();
  window = open_main_window ();
  WAIT_UNTIL (on_sign_in_page (window), 20);

  fill_sign_in (window, sp_test_server_get_uri (server), "ward", "not the password");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL));
  WAIT_UNTIL (error_text (window) != NULL && on_sign_in_page (window), 20);

  /* The server's own Swedish words, whatever the app's language. */
  g_assert_cmpstr (error_text (window), ==, "Fel användarnamn eller lösenord.");
  g_assert_false (in_session (window));
  token = lookup_token ("ward");
  g_assert_null (token);

  destroy_all_windows ();
}

static void
test_sign_in_unreachable (void)
{
  SpWindow *window;

  reset ();
  window = open_main_window ();
  WAIT_UNTIL (on_sign_in_page (window), 20);

  /* Port 9 (discard) on loopback: nothing listens there. */
  fill_sign_in (window, "http://127.0.0.1:9", "ward", SP_TEST_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL));
  WAIT_UNTIL (error_text (window) != NULL && on_sign_in_page (window), 30);
  g_assert_cmpstr (error_text (window), ==,
                   g_dgettext (GETTEXT_PACKAGE,
                               "The server cannot be reached. Check the network connection."));

  destroy_all_windows ();
}

/* Searches every file under @dir for @needle. */
static gboolean
found_in_files (const char *dir,
                const char *needle)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return FALSE;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (found_in_files (path, needle))
            return TRUE;
          continue;
        }
      if (g_file_get_contents (path, &contents, &length, NULL) &&
          memmem (contents, length, needle, strlen (needle)) != NULL)
        {
          g_test_message ("found in %s", path);
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_sign_in (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *token = NULL;
  g_autofree char *server_url = NULL;
  SpWindow *window;
  GtkWidget *password_row;
  GListModel *model;
  const char *session_token;

  reset ();
  window = open_main_window ();
  WAIT_UNTIL (on_sign_in_page (window), 20);
  fill_sign_in (window, sp_test_server_get_uri (server), "ward", SP_TEST_PASSWORD);

  /* Enter in the password field, as a person signs in: the key is bound to the embedded
   * text's "activate". */
  password_row = find_row (GTK_WIDGET (window), "Password");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (password_row)), "activate");
  WAIT_UNTIL (in_session (window), 20);
  wait_for_round (window);
  g_assert_cmpstr (status_text (window), ==, g_dgettext (GETTEXT_PACKAGE, "Connected"));
  model = sp_sync_get_model (sp_window_get_sync (window));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (patients));
  g_assert_true (g_list_model_get_item_type (model) == SP_TYPE_EPISODE_SUMMARY);
  /* Ward names come from the unit directory of the changes feed. */
  {
    g_autoptr(SpEpisodeSummary) summary = g_list_model_get_item (model, 0);

    g_assert_cmpstr (sp_episode_summary_get_ward_name (summary), ==,
                     "Avdelning 12, Testsjukhuset");
  }

  /* Remembered for the next start: the address and user in the settings, the token in the
   * keyring only. */
  server_url = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (server_url, ==, sp_test_server_get_uri (server));
  session_token = sp_client_get_token (sp_window_get_client (window));
  g_assert_nonnull (session_token);
  WAIT_UNTIL (token_saved ("ward"), 20);
  token = lookup_token ("ward");
  g_assert_cmpstr (token, ==, session_token);
  g_assert_false (found_in_files (g_get_home_dir (), session_token));
  g_assert_false (found_in_files (g_get_home_dir (), SP_TEST_PASSWORD));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, "");

  save_screenshot (GTK_WIDGET (window), "samplan-window.png");
  destroy_all_windows ();
}

/* The next start needs no password: the keyring's token is used. */
static void
test_restore_session (void)
{
  SpWindow *window;

  reset ();
  sign_in_as ("ward");
  destroy_all_windows ();

  window = open_main_window ();
  WAIT_UNTIL (in_session (window), 20);
  wait_for_round (window);
  g_assert_cmpstr (status_text (window), ==, g_dgettext (GETTEXT_PACKAGE, "Connected"));
  g_assert_cmpuint (g_list_model_get_n_items (sp_sync_get_model (sp_window_get_sync (window))),
                    ==, G_N_ELEMENTS (patients));

  destroy_all_windows ();
}

/* A revoked token sends the user back to the sign-in page with the server's words. */
static void
test_restore_revoked (void)
{
  g_autofree char *token = NULL;
  g_autofree char *header = NULL;
  g_auto(SpTestResponse) response = { 0 };
  SpWindow *window;

  reset ();
  sign_in_as ("ward");
  token = lookup_token ("ward");
  destroy_all_windows ();

  sp_test_server_request (server, "DELETE", "/api/v1/session", token, NULL, NULL, &response);
  g_assert_cmpuint (response.status, ==, 200);

  window = open_main_window ();
  WAIT_UNTIL (on_sign_in_page (window) && error_text (window) != NULL, 20);
  g_assert_cmpstr (error_text (window), ==, "Du är inte inloggad. Logga in igen.");
  WAIT_UNTIL (!token_saved ("ward"), 20);

  destroy_all_windows ();
}

typedef struct
{
  guint n_emissions;
  guint removed;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  Changes *changes = user_data;

  changes->n_emissions++;
  changes->removed += removed;
}

static void
change_estimate (const char *episode_id,
                 const char *date)
{
  g_auto(SpTestResponse) current = { 0 };
  g_auto(SpTestResponse) changed = { 0 };
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, NULL);
  g_autofree char *change_path = g_strconcat (path, "/estimated-discharge", NULL);
  g_autofree char *body = NULL;
  JsonObject *episode = request_ok ("GET", path, NULL, 200, &current);

  body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"date\":\"%s\"}",
                          json_object_get_int_member (episode, "revision"), date);
  request_ok ("POST", change_path, body, 200, &changed);
}

/* A changed episode keeps its item (so its selection and the scroll position), a new one is
 * added at the end, and nothing is removed. */
static void
test_update_in_place (void)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *added_id = NULL;
  Changes changes = { 0 };
  SpWindow *window;
  GListModel *model;
  GDate date;
  guint changed_position = G_MAXUINT;

  reset ();
  window = sign_in_as ("ward");
  model = sp_sync_get_model (sp_window_get_sync (window));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SpEpisodeSummary *summary = g_list_model_get_item (model, i);

      if (g_strcmp0 (sp_episode_summary_get_id (summary), episode_ids[0]) == 0)
        changed_position = i;
      g_ptr_array_add (before, summary);
    }
  g_assert_cmpuint (changed_position, !=, G_MAXUINT);

  change_estimate (episode_ids[0], "2030-03-20");
  added_id = admit ("19520907-3450", "Sven", "Provsson");
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  wait_for_round (window);
  g_signal_handlers_disconnect_by_func (model, items_changed_cb, &changes);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before->len + 1);
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (item == g_ptr_array_index (before, i));
    }
  {
    g_autoptr(SpEpisodeSummary) summary = g_list_model_get_item (model, changed_position);
    g_autoptr(SpEpisodeSummary) added = g_list_model_get_item (model, before->len);

    g_assert_true (sp_episode_summary_get_estimated_discharge (summary, &date));
    g_assert_cmpuint (g_date_get_day (&date), ==, 20);
    g_assert_cmpstr (sp_episode_summary_get_id (added), ==, added_id);
  }
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);

  destroy_all_windows ();
}

/* The sidebar counts what the unit has to acknowledge; the inbox page lists it. */
static void
test_inbox_badge (void)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_ids[1], "/messages", NULL);
  SpWindow *window;
  GtkWidget *sidebar;
  GtkWidget *page;
  GtkWidget *view = NULL;

  reset ();
  request_as ("vc", "POST", path,
              "{\"kind\":\"general_message\",\"to\":\"avd-12\",\"send\":true,"
              "\"text\":\"Vi har bokat hembesök på fredag.\"}", 201, &response);
  window = sign_in_as ("ward");

  sidebar = find_styled (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "navigation-sidebar");
  g_assert_nonnull (sidebar);
  WAIT_UNTIL (sp_sync_get_unread (sp_window_get_sync (window)) == 1, 60);
  {
    GtkListBoxRow *inbox_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 1);
    GtkWidget *badge = find_styled (GTK_WIDGET (inbox_row), GTK_TYPE_LABEL, "sp-badge");

    g_assert_nonnull (badge);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "1");

    gtk_list_box_select_row (GTK_LIST_BOX (sidebar), inbox_row);
  }

  /* The inbox page (by name: this test knows the window, not the page) lists the one
   * message as a row of its list. */
  WAIT_UNTIL ((page = find_descendant (GTK_WIDGET (window), g_type_from_name ("SpInboxPage"),
                                       TRUE)) != NULL, 20);
  WAIT_UNTIL ((view = find_descendant (page, GTK_TYPE_COLUMN_VIEW, TRUE)) != NULL &&
              g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                GTK_COLUMN_VIEW (view)))) == 1, 20);
  g_assert_null (find_descendant (page, ADW_TYPE_STATUS_PAGE, TRUE));

  /* Back to the overview before closing: the sidebar must not follow a selection that
   * moves while the window is taken apart. */
  gtk_list_box_select_row (GTK_LIST_BOX (sidebar),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 0));
  destroy_all_windows ();
}

static void
test_sign_out (void)
{
  g_autofree char *token = NULL;
  g_autofree char *cache_path = NULL;
  SpWindow *window;

  reset ();
  window = sign_in_as ("ward");
  cache_path = sp_cache_path_for_server (sp_test_server_get_uri (server));
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_EXISTS));
  token = lookup_token ("ward");
  g_assert_nonnull (token);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  WAIT_UNTIL (on_sign_in_page (window), 20);
  g_assert_null (error_text (window));
  g_assert_null (sp_window_get_client (window));

  /* The token is gone from the keyring, and the patient data from the disk. */
  WAIT_UNTIL (!token_saved ("ward"), 20);
  WAIT_UNTIL (!g_file_test (cache_path, G_FILE_TEST_EXISTS), 20);

  destroy_all_windows ();
}

static void
test_swedish (void)
{
  SpWindow *window;
  g_autofree char *menu = NULL;

  if (!swedish)
    {
      g_test_skip ("needs LC_ALL=sv_SE.UTF-8 (the locale is missing) and LANGUAGE=sv");
      return;
    }

  reset ();
  window = open_main_window ();
  WAIT_UNTIL (on_sign_in_page (window), 20);
  g_assert_nonnull (find_row (GTK_WIDGET (window), "Server Address"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     find_row (GTK_WIDGET (window), "Server Address"))), ==, "Serveradress");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     find_row (GTK_WIDGET (window), "User Name"))), ==, "Användarnamn");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     find_row (GTK_WIDGET (window), "Password"))), ==, "Lösenord");

  menu = describe_primary_menu (window);
  g_assert_cmpstr (menu, ==,
                   "_Hjälp→app.help|"
                   "_Tangentbordsgenvägar→win.show-help-overlay|"
                   "_Om Samplan→app.about|"
                   "_Logga ut→win.sign-out|"
                   "_Avsluta→app.quit");
  destroy_all_windows ();

  window = sign_in_as ("ward");
  g_assert_cmpstr (status_text (window), ==, "Ansluten");
  destroy_all_windows ();
}

/* Through the window, as the menu item does: the about window opens on top of it. */
static void
test_about (void)
{
  SpWindow *window;
  AdwAboutWindow *about;

  reset ();
  window = open_main_window ();
  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.about", NULL));

  about = ADW_ABOUT_WINDOW (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  wait_until_mapped (GTK_WIDGET (about));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (about)));
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Samplan");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==,
                   g_dgettext (GETTEXT_PACKAGE, "The Samplan developers"));

  save_screenshot (GTK_WIDGET (about), "samplan-about.png");

  gtk_window_destroy (GTK_WINDOW (about));
  destroy_all_windows ();
}

/* The size comes from GSettings on open and goes back there on close. */
static void
test_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SpWindow *window;
  int width;
  int height;

  reset ();
  g_settings_set_int (settings, "window-width", 640);
  g_settings_set_int (settings, "window-height", 480);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = open_main_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 480);

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 510);
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 720);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 510);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

/* Stockholm time whatever the machine's zone (the tests run in São Paulo). */
static void
test_status_format (void)
{
  static const struct
  {
    SpClientState  state;
    const char    *since;
    const char    *now;
    const char    *time;  /* NULL: the state's own text */
  } cases[] = {
    /* CET (UTC+1): 09:42Z is 10:42; São Paulo would say 06:42. */
    { SP_CLIENT_STATE_OFFLINE, "2026-03-10T09:42:00Z", "2026-03-10T12:00:00Z", "10:42" },
    /* CEST (UTC+2) in summer. */
    { SP_CLIENT_STATE_OFFLINE, "2026-07-01T08:05:00Z", "2026-07-01T08:06:00Z", "10:05" },
    /* 23:10Z on 9 March is 00:10 on the 10th in Stockholm: the same day as now there,
     * though not in UTC. */
    { SP_CLIENT_STATE_OFFLINE, "2026-03-09T23:10:00Z", "2026-03-10T10:00:00Z", "00:10" },
    /* Since yesterday (Stockholm): the day too, as Swedish short dates write it. */
    { SP_CLIENT_STATE_OFFLINE, "2026-03-09T22:30:00Z", "2026-03-10T08:00:00Z", "9/3 23:30" },
    /* Since last year: still day/month. */
    { SP_CLIENT_STATE_OFFLINE, "2025-12-31T10:00:00Z", "2026-01-02T10:00:00Z", "31/12 11:00" },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *online = sp_status_indicator_format (SP_CLIENT_STATE_ONLINE, NULL, now);
  g_autofree char *syncing = sp_status_indicator_format (SP_CLIENT_STATE_SYNCING, NULL, now);
  g_autofree char *offline = sp_status_indicator_format (SP_CLIENT_STATE_OFFLINE, NULL, now);

  g_assert_cmpstr (online, ==, g_dgettext (GETTEXT_PACKAGE, "Connected"));
  g_assert_cmpstr (syncing, ==, g_dgettext (GETTEXT_PACKAGE, "Syncing…"));
  g_assert_cmpstr (offline, ==, g_dgettext (GETTEXT_PACKAGE, "Offline"));
  if (swedish)
    {
      g_assert_cmpstr (online, ==, "Ansluten");
      g_assert_cmpstr (syncing, ==, "Synkroniserar …");
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) since = g_date_time_new_from_iso8601 (cases[i].since, NULL);
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (cases[i].now, NULL);
      g_autofree char *text = sp_status_indicator_format (cases[i].state, since, at);
      g_autofree char *expected = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE,
                                                               "Offline since %s"),
                                                   cases[i].time);

      g_assert_cmpstr (text, ==, expected);
      if (swedish)
        g_assert_true (g_str_has_prefix (text, "Offline sedan "));
    }
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Runs samplan-server with @argv (NULL-terminated); (transfer full): its standard output. */
static char *
run_server_command (const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_ptr_array_add (args, (gpointer) g_getenv ("SAMPLAN_SERVER"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  return out;
}

/* What `build-aux/dev run` shows: seed-demo's region, signed in as its first ward's user
 * (read from seed-demo's table, as the script does). Every row is shown. */
static void
test_demo_region (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) serve = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *dir = g_dir_make_tmp ("samplan-demo-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *seeded = run_server_command ((const char *[]) { "seed-demo", "--db", db,
                                                                    NULL });
  g_autofree char *url = NULL;
  g_auto(GStrv) lines = g_strsplit (seeded, "\n", -1);
  g_auto(GStrv) user = NULL;
  g_auto(SpTestResponse) rows = { 0 };
  g_autofree char *token = NULL;
  SpWindow *window;
  gboolean listed = FALSE;

  for (guint i = 0; lines[i] != NULL && user == NULL; i++)
    {
      listed = listed || g_str_has_prefix (lines[i], "Demo users");
      if (listed && strstr (lines[i], "Avdelning") != NULL)
        user = g_strsplit_set (g_strstrip (lines[i]), " ", 2);
    }
  g_assert_nonnull (user);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* A failing test aborts; its server must not outlive it. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  serve = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SAMPLAN_SERVER"), "serve",
                                       "--db", db, "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (serve));
  url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  /* "http://127.0.0.1:PORT/": paths are appended with their own "/". */
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  reset ();
  window = open_main_window ();
  WAIT_UNTIL (on_sign_in_page (window), 20);
  {
    g_autofree char *password = g_strstrip (g_strdup (user[1]));

    *strchr (password, ' ') = '\0';
    fill_sign_in (window, url, user[0], password);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL));
  WAIT_UNTIL (in_session (window), 20);
  wait_for_round (window);
  g_assert_cmpstr (status_text (window), ==, g_dgettext (GETTEXT_PACKAGE, "Connected"));

  /* As many rows as the server lists for the unit: none was left out unread. */
  {
    SpClient *client = sp_window_get_client (window);
    g_autofree char *path = g_strconcat (url, "/api/v1/episodes?limit=500", NULL);
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", path);
    g_autofree char *bearer = g_strconcat ("Bearer ", sp_client_get_token (client), NULL);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(JsonNode) node = NULL;
    guint n_rows;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  bearer);
    body = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    node = json_from_string (g_bytes_get_data (body, NULL), &error);
    g_assert_no_error (error);
    n_rows = json_array_get_length (json_object_get_array_member (json_node_get_object (node),
                                                                  "items"));
    g_assert_cmpuint (n_rows, >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (sp_sync_get_model (sp_window_get_sync (window))),
                      ==, n_rows);
  }
  save_screenshot (GTK_WIDGET (window), "samplan-demo.png");
  destroy_all_windows ();

  g_subprocess_send_signal (serve, SIGTERM);
  g_subprocess_wait (serve, NULL, &error);
  g_assert_no_error (error);
  for (const char *const *suffix = (const char *[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (db, *suffix, NULL);

      g_remove (file);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The server stops: within a poll interval the header says since when, and the rows stay;
 * a new start without the server opens the local copy. Last: the server's port changes. */
static void
test_offline (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *time = NULL;
  SpWindow *window;
  SpClient *client;
  GDateTime *since;
  guint n_rows;

  reset ();
  g_settings_set_uint (settings, "sync-interval", 5);
  window = sign_in_as ("ward");
  client = sp_window_get_client (window);
  n_rows = g_list_model_get_n_items (sp_sync_get_model (sp_window_get_sync (window)));
  g_assert_cmpuint (n_rows, >, 0);

  before = g_date_time_new_now_utc ();
  sp_test_server_kill (server);
  /* One interval, one request's failure, and some slack for a loaded machine. */
  WAIT_UNTIL (sp_client_get_state (client) == SP_CLIENT_STATE_OFFLINE, 5 + 10);
  after = g_date_time_new_now_utc ();

  since = sp_client_get_offline_since (client);
  g_assert_nonnull (since);
  g_assert_cmpint (g_date_time_to_unix (since), >=, g_date_time_to_unix (before));
  g_assert_cmpint (g_date_time_to_unix (since), <=, g_date_time_to_unix (after));
  local = g_date_time_to_timezone (since, sp_calendar_get_timezone ());
  time = g_strdup_printf ("%02d:%02d", g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
  expected = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Offline since %s"), time);
  /* Around midnight the text carries the date as well. */
  local_after = g_date_time_to_timezone (after, sp_calendar_get_timezone ());
  if (g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_after))
    g_assert_cmpstr (status_text (window), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (sp_sync_get_model (sp_window_get_sync (window))),
                    ==, n_rows);
  destroy_all_windows ();

  /* Starting during the outage: the saved sign-in and the local copy. */
  window = open_main_window ();
  WAIT_UNTIL (in_session (window), 30);
  WAIT_UNTIL (sp_window_get_sync (window) != NULL &&
              g_list_model_get_n_items (sp_sync_get_model (sp_window_get_sync (window))) ==
              n_rows, 30);
  WAIT_UNTIL (sp_client_get_state (sp_window_get_client (window)) == SP_CLIENT_STATE_OFFLINE,
              30);
  g_assert_true (g_str_has_prefix (status_text (window),
                                   g_dgettext (GETTEXT_PACKAGE, "Offline")));
  save_screenshot (GTK_WIDGET (window), "samplan-offline.png");

  destroy_all_windows ();
  g_settings_reset (settings, "sync-interval");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  swedish = app_test_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    episode_ids[i] = admit (patients[i][0], patients[i][1], patients[i][2]);

  g_test_add_func ("/app/window/sign-in-page", test_sign_in_page);
  g_test_add_func ("/app/window/sign-in-incomplete", test_sign_in_incomplete);
  g_test_add_func ("/app/window/sign-in-wrong-password", test_sign_in_wrong_password);
  g_test_add_func ("/app/window/sign-in-unreachable", test_sign_in_unreachable);
  g_test_add_func ("/app/window/sign-in", test_sign_in);
  g_test_add_func ("/app/window/restore-session", test_restore_session);
  g_test_add_func ("/app/window/restore-revoked", test_restore_revoked);
  g_test_add_func ("/app/window/update-in-place", test_update_in_place);
  g_test_add_func ("/app/window/inbox-badge", test_inbox_badge);
  g_test_add_func ("/app/window/sign-out", test_sign_out);
  g_test_add_func ("/app/window/swedish", test_swedish);
  g_test_add_func ("/app/window/about", test_about);
  g_test_add_func ("/app/window/remembers-size", test_remembers_size);
  g_test_add_func ("/app/window/status-format", test_status_format);
  g_test_add_func ("/app/window/demo-region", test_demo_region);
  /* Last: it stops the server. */
  g_test_add_func ("/app/window/offline", test_offline);

  status = g_test_run ();

  app_test_finish ();
  for (guint i = 0; i < G_N_ELEMENTS (episode_ids); i++)
    g_free (episode_ids[i]);

  return status;
}
