/* test-pending-marks.c — what the user did offline is marked "Väntar på att skickas" where
 * it shows (an overview row, the episode page and its timeline, an inbox row) until it is sent
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole app against the real server, under Xvfb and a keyring. The app signs in through
 * a relay (sp-test-proxy.c) that the test unplugs: the server keeps running for the other
 * users' writes and the checks, the app finds it unreachable, and gets it back on the same
 * address. Each test acts offline as a user would, sees the mark, comes back online (a
 * refresh, as the header's button or the engine's back-off would start) and sees it go.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-app-test.h"
#include "sp-episode-page-private.h"
#include "sp-inbox-item.h"
#include "sp-inbox-page.h"
#include "sp-overview-page.h"
#include "sp-patient-info-editor.h"
#include "sp-pending-mark.h"
#include "sp-planning-editor.h"
#include "sp-test-proxy.h"

static SpTestProxy *proxy;

/* ---- What the user sees ---- */

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

/* The marks shown under @root saying @mark, counted. */
static guint
count_marks (GtkWidget    *root,
             SpOutboxMark  mark)
{
  guint n = 0;

  if (SP_IS_PENDING_MARK (root) && gtk_widget_get_mapped (root) &&
      sp_pending_mark_get_mark (SP_PENDING_MARK (root)) == mark)
    {
      const char *text = sp_pending_mark_get_text (SP_PENDING_MARK (root));

      /* Icon and words (the whole sentence, or the short one of a narrow column). */
      if (mark == SP_OUTBOX_MARK_PENDING)
        g_assert_true (g_str_equal (text, tr ("Waiting to be sent")) ||
                       g_str_equal (text, tr ("Not sent yet")));
      else
        g_assert_true (g_str_equal (text, tr ("Waiting for your decision")) ||
                       g_str_equal (text, tr ("Needs a decision")));
      g_assert_true (gtk_widget_get_mapped (gtk_widget_get_first_child (root)));
      n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_marks (child, mark);

  return n;
}

static GtkWidget *
overview_page (SpWindow *window)
{
  return find_descendant (GTK_WIDGET (window), SP_TYPE_OVERVIEW_PAGE, TRUE);
}

/* The rows the overview shows now. */
static guint
overview_n_rows (SpWindow *window)
{
  GtkWidget *page = overview_page (window);
  GtkWidget *view = page != NULL ? find_descendant (page, GTK_TYPE_COLUMN_VIEW, TRUE) : NULL;

  return view != NULL
         ? g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                                       GTK_COLUMN_VIEW (view))))
         : 0;
}

/* Only @family's rows: the overview searched as a coordinator would. */
static void
search_overview (SpWindow   *window,
                 const char *family,
                 guint       n_rows)
{
  GtkWidget *page;
  GtkWidget *entry;

  WAIT_UNTIL ((page = overview_page (window)) != NULL, 20);
  entry = find_descendant (page, GTK_TYPE_SEARCH_ENTRY, TRUE);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), family);
  WAIT_UNTIL (overview_n_rows (window) == n_rows, 20);
}

/* ---- The session ---- */

/* Back to the list (if not there), signed out, no window left. */
static void
sign_out_and_close (SpWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  sign_out (window);
  destroy_all_windows ();
}

static void
go_offline (void)
{
  sp_test_proxy_set_online (proxy, FALSE);
}

/* Back online: the next round pushes the outbox first. */
static void
go_online (SpWindow *window)
{
  sp_test_proxy_set_online (proxy, TRUE);
  sp_sync_refresh (sp_window_get_sync (window));
}

static SpOutbox *
outbox_of (SpWindow *window)
{
  return sp_sync_get_outbox (sp_window_get_sync (window));
}

/* ---- The episode ---- */

/* A general message to all units through the page's dialog, as a user writes one. */
static void
send_message (SpEpisodePage *page,
              const char    *text)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "episode.send-message", NULL));
  WAIT_UNTIL ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, 20);
  wait_until_mapped (GTK_WIDGET (dialog));
  gtk_text_buffer_set_text (g_object_get_data (G_OBJECT (dialog), "text"), text, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
  gtk_window_destroy (dialog);
}

/* How many of the episode's messages (as the ward reads the thread) say @text. */
static guint
count_on_server (const char *episode_id,
                 const char *text)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, "/messages", NULL);
  JsonObject *thread = request_as ("ward", "GET", path, NULL, 200, &response);
  JsonArray *items = json_object_get_array_member (thread, "items");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    n += g_strcmp0 (json_object_get_string_member_with_default (
                      json_array_get_object_element (items, i), "text", NULL), text) == 0;
  return n;
}

/* A message written offline on the episode page marks the page (by its status) and shows in
 * the timeline as not sent yet; back online it is sent once and both go. */
static void
test_episode (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Petra", "Väntesson");
  const char *text = "Skickas när nätet är tillbaka.";
  const char *not_sent = tr ("Not sent yet – will be sent when the connection is back");
  SpWindow *window = sign_in_at (sp_test_proxy_get_uri (proxy), "ward");
  SpEpisodePage *page = open_episode_page (window, episode_id);

  g_assert_cmpuint (count_marks (GTK_WIDGET (page), SP_OUTBOX_MARK_PENDING), ==, 0);
  g_assert_false (shows_label (GTK_WIDGET (page->timeline_list), not_sent));

  go_offline ();
  send_message (page, text);
  WAIT_UNTIL (page->busy == 0 && sp_outbox_get_n_pending (outbox_of (window)) == 1, 30);

  /* By the status (one mark) and in the timeline (one more, on the entry). */
  WAIT_UNTIL (count_marks (GTK_WIDGET (page), SP_OUTBOX_MARK_PENDING) == 2, 20);
  g_assert_true (shows_label (GTK_WIDGET (page->timeline_list), not_sent));
  g_assert_true (shows_label (GTK_WIDGET (page->timeline_list), text));
  g_assert_cmpuint (count_on_server (episode_id, text), ==, 0);
  save_screenshot (GTK_WIDGET (window), "samplan-pending-episode.png");

  go_online (window);
  WAIT_UNTIL (count_marks (GTK_WIDGET (page), SP_OUTBOX_MARK_PENDING) == 0 &&
              page->thread != NULL, 60);
  g_assert_false (shows_label (GTK_WIDGET (page->timeline_list), not_sent));
  /* The entry is now the server's: the message, sent, once. */
  WAIT_UNTIL (shows_label (GTK_WIDGET (page->timeline_list), text), 20);
  g_assert_cmpuint (count_on_server (episode_id, text), ==, 1);

  sign_out_and_close (window);
}

/* The patientinformation editor of @page, on its tab. */
static SpPatientInfoEditor *
info_editor (SpEpisodePage *page)
{
  SpPatientInfoEditor *editor;

  WAIT_UNTIL ((editor = (SpPatientInfoEditor *) find_descendant (GTK_WIDGET (page),
                                                                 SP_TYPE_PATIENT_INFO_EDITOR,
                                                                 FALSE)) != NULL, 20);
  adw_view_stack_set_visible_child_name (page->view_stack, "patient-information");
  return editor;
}

/* The server's ward section of the patientinformation, member @member ("" when none). */
static char *
server_section (const char *episode_id,
                const char *member)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/patient-information",
                                           episode_id);
  JsonObject *document = request_as ("ward", "GET", path, NULL, 200, &response);
  JsonArray *sections = json_object_get_array_member (document, "sections");

  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);

      if (g_strcmp0 (json_object_get_string_member (section, "unit_id"), "avd-12") == 0)
        return g_strdup (json_object_get_string_member_with_default (section, member, ""));
    }
  return g_strdup ("");
}

/* Offline, an episode opens from the local copy (its card and thread as last synced), and
 * what the user saves there shows at once when the page is opened again, before it is sent;
 * an episode the copy does not hold says so. */
static void
test_offline_pages (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Saga", "Kopiasson");
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, "/messages", NULL);
  g_auto(SpTestResponse) response = { 0 };
  const char *text = "Hemtjänsten har frågor om kvällsbesöken.";
  const char *if_worse = "Ring avdelningen dygnet runt, 08-123 45 67";
  SpWindow *window;
  SpEpisodePage *page;
  SpPatientInfoEditor *editor;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *planning_path = NULL;
  g_auto(SpTestResponse) planning = { 0 };

  request_as ("vc", "POST", path,
              "{\"kind\":\"general_message\",\"to\":\"avd-12\",\"send\":true,"
              "\"text\":\"Hemtjänsten har frågor om kvällsbesöken.\"}", 201, &response);
  planning_path = g_strdup_printf ("/api/v1/episodes/%s/planning/answers", episode_id);
  request_as ("ward", "POST", planning_path,
              "{\"answers\":{\"simple_only\":true},\"base_revision\":0}", 201, &planning);
  window = sign_in_at (sp_test_proxy_get_uri (proxy), "ward");

  go_offline ();
  page = open_episode_page (window, episode_id);
  g_assert_cmpstr (gtk_label_get_label (page->name_label), ==, "Saga Kopiasson");
  /* The admission (an event of the rendering) and the message, from the copy. */
  g_assert_true (shows_label (GTK_WIDGET (page->timeline_list), text));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (page->thread), "items")), >=, 2);
  save_screenshot (GTK_WIDGET (window), "samplan-offline-episode.png");

  /* The planning basis too, as the feed last gave it. */
  {
    SpPlanningEditor *planning_editor;
    GtkStack *stack;

    WAIT_UNTIL ((planning_editor = (SpPlanningEditor *) find_descendant (
                   GTK_WIDGET (page), SP_TYPE_PLANNING_EDITOR, FALSE)) != NULL, 20);
    stack = GTK_STACK (find_descendant (GTK_WIDGET (planning_editor), GTK_TYPE_STACK, FALSE));
    WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") != 0, 20);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");
  }

  /* Written offline: kept for the server, and on the page when it is opened again. */
  editor = info_editor (page);
  WAIT_UNTIL (shows_label (GTK_WIDGET (editor), tr ("Not written yet")), 20);
  type_into (GTK_WIDGET (editor), "What to do if worse", if_worse);
  WAIT_UNTIL (sp_outbox_get_n_pending (outbox_of (window)) == 1, 30);
  WAIT_UNTIL (shows_label (GTK_WIDGET (editor),
                           tr ("Saved; it is sent when the connection is back")), 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  page = open_episode_page (window, episode_id);
  editor = info_editor (page);
  WAIT_UNTIL (g_strcmp0 (row_text_of (GTK_WIDGET (editor), "What to do if worse"),
                         if_worse) == 0, 20);
  g_assert_true (shows_label (GTK_WIDGET (editor),
                              tr ("Saved; it is sent when the connection is back")));
  before = server_section (episode_id, "if_worse");
  g_assert_cmpstr (before, !=, if_worse);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));

  /* Not in the copy: said, not shown as an endless spinner. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-episode", "s",
                                             "e-not-in-the-copy"));
  WAIT_UNTIL ((page = SP_EPISODE_PAGE (find_descendant (GTK_WIDGET (window),
                                                        SP_TYPE_EPISODE_PAGE, TRUE))) != NULL &&
              g_strcmp0 (gtk_stack_get_visible_child_name (page->load_stack), "error") == 0,
              20);
  g_assert_cmpstr (adw_status_page_get_description (page->error_page), ==,
                   tr ("The server cannot be reached, and the copy on this computer does not "
                       "hold this episode."));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));

  /* Back online: sent once, the server has it. */
  go_online (window);
  WAIT_UNTIL (sp_outbox_get_n_pending (outbox_of (window)) == 0, 60);
  after = server_section (episode_id, "if_worse");
  g_assert_cmpstr (after, ==, if_worse);

  sign_out_and_close (window);
}

/* The same offline, seen from the overview: the episode's row is marked while the message
 * waits, among rows that are not. */
static void
test_overview (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Olle", "Radsson");
  g_autofree char *other_identity = sp_test_new_personnummer ();
  g_autofree char *other_id = admit (other_identity, "Olga", "Radsson");
  const char *text = "Från översikten, offline.";
  SpWindow *window = sign_in_at (sp_test_proxy_get_uri (proxy), "ward");
  SpEpisodePage *page;
  GtkWidget *overview;

  /* Two rows of the same family name: one will be marked, the other not. */
  search_overview (window, "Radsson", 2);
  overview = overview_page (window);
  g_assert_cmpuint (count_marks (overview, SP_OUTBOX_MARK_PENDING), ==, 0);

  page = open_episode_page (window, episode_id);
  go_offline ();
  send_message (page, text);
  WAIT_UNTIL (page->busy == 0 && sp_outbox_get_n_pending (outbox_of (window)) == 1, 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));

  /* One row marked: the episode's. */
  WAIT_UNTIL ((overview = overview_page (window)) != NULL, 20);
  WAIT_UNTIL (count_marks (overview, SP_OUTBOX_MARK_PENDING) == 1, 20);
  g_assert_cmpuint (overview_n_rows (window), ==, 2);
  g_assert_cmpuint (sp_outbox_get_mark (outbox_of (window), episode_id), ==,
                    SP_OUTBOX_MARK_PENDING);
  g_assert_cmpuint (sp_outbox_get_mark (outbox_of (window), other_id), ==, SP_OUTBOX_MARK_NONE);
  save_screenshot (GTK_WIDGET (window), "samplan-pending-overview.png");

  go_online (window);
  WAIT_UNTIL (count_marks (overview, SP_OUTBOX_MARK_PENDING) == 0, 60);
  g_assert_cmpuint (sp_outbox_get_n_pending (outbox_of (window)), ==, 0);
  g_assert_cmpuint (count_on_server (episode_id, text), ==, 1);

  sign_out_and_close (window);
}

/* ---- The inbox ---- */

/* Whether the inbox lists @key. */
static gboolean
inbox_lists (SpWindow   *window,
             const char *key)
{
  GtkWidget *page = inbox_page (window);
  GtkWidget *view = page != NULL ? find_descendant (page, GTK_TYPE_COLUMN_VIEW, FALSE) : NULL;
  GListModel *model;

  if (view == NULL)
    return FALSE;

  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpInboxItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (sp_inbox_item_get_key (item), key))
        return TRUE;
    }

  return FALSE;
}

/* Acknowledged offline: the row stays, its button replaced by the mark; back online the
 * acknowledgement is sent and the row goes. */
static void
test_inbox (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Ivar", "Kvittosson");
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, "/messages", NULL);
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *message = request_as ("vc", "POST", path,
                                    "{\"kind\":\"general_message\",\"to\":\"avd-12\","
                                    "\"send\":true,\"text\":\"Kvittera offline.\"}",
                                    201, &response);
  g_autofree char *message_id = g_strdup (json_object_get_string_member (message, "id"));
  g_autofree char *key = g_strconcat ("message:", message_id, NULL);
  SpWindow *window = sign_in_at (sp_test_proxy_get_uri (proxy), "ward");
  GtkWidget *sidebar = find_styled (GTK_WIDGET (window), GTK_TYPE_LIST_BOX,
                                    "navigation-sidebar");
  GtkWidget *page;

  gtk_list_box_select_row (GTK_LIST_BOX (sidebar),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 1));
  WAIT_UNTIL ((page = inbox_page (window)) != NULL, 20);
  WAIT_UNTIL (acknowledge_button (page, key) != NULL, 30);
  g_assert_cmpuint (count_marks (page, SP_OUTBOX_MARK_PENDING), ==, 0);

  go_offline ();
  g_signal_emit_by_name (acknowledge_button (page, key), "clicked");
  WAIT_UNTIL (sp_outbox_get_n_pending (outbox_of (window)) == 1 &&
              sp_client_get_state (sp_window_get_client (window)) == SP_CLIENT_STATE_OFFLINE,
              30);

  /* Still listed, marked instead of its button. */
  WAIT_UNTIL (count_marks (page, SP_OUTBOX_MARK_PENDING) == 1, 20);
  g_assert_true (inbox_lists (window, key));
  g_assert_null (acknowledge_button (page, key));
  g_assert_false (ward_acknowledged (message_id));
  save_screenshot (GTK_WIDGET (window), "samplan-pending-inbox.png");

  go_online (window);
  WAIT_UNTIL (!inbox_lists (window, key), 60);
  g_assert_cmpuint (count_marks (page, SP_OUTBOX_MARK_PENDING), ==, 0);
  g_assert_true (ward_acknowledged (message_id));

  gtk_list_box_select_row (GTK_LIST_BOX (sidebar),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 0));
  sign_out_and_close (window);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* @keys (sorted) as one string, to compare lists whole. */
static char *
join_sorted (GPtrArray *keys)
{
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv ("\n", (char **) keys->pdata);
}

/* The keys of what GET /inbox lists for @username ("message:ID", "admission_notice:ID"). */
static char *
server_inbox (const char *username)
{
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *page = request_as (username, "GET", "/api/v1/inbox?limit=500", NULL, 200,
                                 &response);
  JsonArray *items = json_object_get_array_member (page, "items");
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_ptr_array_add (keys, g_strconcat (json_object_get_string_member (item, "type"), ":",
                                          json_object_get_string_member (item, "id"), NULL));
    }
  return join_sorted (keys);
}

static char *
shown_inbox (SpWindow *window)
{
  GtkWidget *view = find_descendant (inbox_page (window), GTK_TYPE_COLUMN_VIEW, FALSE);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpInboxItem) item = g_list_model_get_item (model, i);

      g_ptr_array_add (keys, g_strdup (sp_inbox_item_get_key (item)));
    }
  return join_sorted (keys);
}

/* Whether vc-norr has acknowledged the admission notice of @episode_id. */
static gboolean
vc_acknowledged_notice (const char *episode_id)
{
  g_autofree char *inbox = server_inbox ("vc");
  g_autofree char *key = g_strconcat ("admission_notice:", episode_id, NULL);

  return strstr (inbox, key) == NULL;
}

/* Opened for the first time offline, the inbox lists from the copy exactly what the server
 * lists for the unit (a message and notices); a notice acknowledged there is kept and sent
 * once back online. */
static void
test_offline_inbox (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Ines", "Kopiasson");
  g_autofree char *notice_key = g_strconcat ("admission_notice:", episode_id, NULL);
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, "/messages", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  g_auto(SpTestResponse) response = { 0 };
  SpWindow *window;
  GtkWidget *sidebar;
  GtkWidget *page;

  request_as ("ward", "POST", path,
              "{\"kind\":\"general_message\",\"to\":\"vc-norr\",\"send\":true,"
              "\"text\":\"Kan ni ta emot på fredag?\"}", 201, &response);
  expected = server_inbox ("vc");
  g_assert_nonnull (strstr (expected, notice_key));
  g_assert_nonnull (strstr (expected, "message:"));

  window = sign_in_at (sp_test_proxy_get_uri (proxy), "vc");
  go_offline ();
  sidebar = find_styled (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "navigation-sidebar");
  gtk_list_box_select_row (GTK_LIST_BOX (sidebar),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 1));
  WAIT_UNTIL ((page = inbox_page (window)) != NULL, 20);
  WAIT_UNTIL (shows_label (page, tr ("Offline: the inbox as the copy on this computer has it")),
              30);
  shown = shown_inbox (window);
  g_assert_cmpstr (shown, ==, expected);
  save_screenshot (GTK_WIDGET (window), "samplan-offline-inbox.png");

  WAIT_UNTIL (acknowledge_button (page, notice_key) != NULL, 20);
  g_signal_emit_by_name (acknowledge_button (page, notice_key), "clicked");
  WAIT_UNTIL (count_marks (page, SP_OUTBOX_MARK_PENDING) == 1, 30);
  g_assert_false (vc_acknowledged_notice (episode_id));

  go_online (window);
  WAIT_UNTIL (!inbox_lists (window, notice_key), 60);
  WAIT_UNTIL (vc_acknowledged_notice (episode_id), 20);

  gtk_list_box_select_row (GTK_LIST_BOX (sidebar),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 0));
  sign_out_and_close (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!app_test_init (&argc, &argv))
    {
      g_test_skip ("No Swedish locale");
      app_test_finish ();
      return 77;
    }

  proxy = sp_test_proxy_new (sp_test_server_get_uri (server));
  g_test_add_func ("/sync/pending/episode", test_episode);
  g_test_add_func ("/sync/pending/overview", test_overview);
  g_test_add_func ("/sync/pending/inbox", test_inbox);
  g_test_add_func ("/sync/pending/offline-pages", test_offline_pages);
  g_test_add_func ("/sync/pending/offline-inbox", test_offline_inbox);

  status = g_test_run ();
  app_test_finish ();
  sp_test_proxy_free (proxy);
  return status;
}
