/* test-inbox.c — Inkorgen against a real server: listing, acknowledging, opening
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-keyring.sh and Xvfb with the real samplan-server (tests/server's
 * fixture). The ward admits three fictional patients addressed to vc-norr and hsl-test; vc
 * writes to the ward, and vc itself has the admission notices to acknowledge.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-app-test.h"
#include "sp-episode-page.h"
#include "sp-inbox-item.h"
#include "sp-inbox-page.h"

/* Fictional people with valid check digits. */
static const char *const patients[][3] = {
  { "19450312-1230", "Greta", "Inkorgsson" },
  { "19600101-9980", "Holger", "Kvittersson" },
  { "19710505-9831", "Ingrid", "Meddelandesson" },
};

static char *episode_ids[G_N_ELEMENTS (patients)];
static gboolean swedish;

/* ---- The server's side ---- */

/* vc writes to the ward in @episode_id; (transfer full): the message's id. */
static char *
post_message (const char *episode_id,
              const char *text)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, "/messages", NULL);
  g_autofree char *body = g_strdup_printf ("{\"kind\":\"general_message\",\"to\":\"avd-12\","
                                           "\"send\":true,\"text\":\"%s\"}", text);
  JsonObject *message = request_as ("vc", "POST", path, body, 201, &response);

  return g_strdup (json_object_get_string_member (message, "id"));
}

/* Whether vc-norr has acknowledged the admission notice of @episode_id (asked as the ward). */
static gboolean
vc_acknowledged_notice (const char *episode_id)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, NULL);
  JsonObject *episode = request_as ("ward", "GET", path, NULL, 200, &response);
  JsonArray *addressing = json_object_get_array_member (episode, "addressing");

  for (guint i = 0; i < json_array_get_length (addressing); i++)
    {
      JsonObject *entry = json_array_get_object_element (addressing, i);
      JsonNode *ack = json_object_get_member (entry, "admission_acknowledgement");

      if (g_strcmp0 (json_object_get_string_member (entry, "unit_id"), "vc-norr") == 0)
        return ack != NULL && !JSON_NODE_HOLDS_NULL (ack);
    }

  return FALSE;
}

/* ---- The page as the user sees it ---- */

static GtkColumnView *
inbox_view (SpWindow *window)
{
  GtkWidget *page = inbox_page (window);

  return page != NULL ? GTK_COLUMN_VIEW (find_descendant (page, GTK_TYPE_COLUMN_VIEW, FALSE))
                      : NULL;
}

static GListModel *
inbox_model (SpWindow *window)
{
  return G_LIST_MODEL (gtk_column_view_get_model (inbox_view (window)));
}

static guint
n_shown (SpWindow *window)
{
  return inbox_page (window) != NULL ? g_list_model_get_n_items (inbox_model (window)) : 0;
}

/* The position of the entry with @key, or -1. */
static int
position_of (SpWindow   *window,
             const char *key)
{
  GListModel *model = inbox_model (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpInboxItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (sp_inbox_item_get_key (item), key))
        return i;
    }

  return -1;
}

/* Every shown label's text under @root, one per line. */
static void
collect_text (GtkWidget *root,
              GString   *out)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (root)));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  collect_text (root, out);
  return strstr (out->str, text) != NULL;
}

static GtkListBoxRow *
sidebar_inbox_row (SpWindow *window)
{
  GtkWidget *sidebar = find_styled (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "navigation-sidebar");

  g_assert_nonnull (sidebar);
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 1);
}

/* The sidebar's count as shown; NULL when hidden (nothing to acknowledge). */
static const char *
badge_text (SpWindow *window)
{
  GtkWidget *badge = find_styled (GTK_WIDGET (sidebar_inbox_row (window)), GTK_TYPE_LABEL,
                                  "sp-badge");

  return badge != NULL ? gtk_label_get_label (GTK_LABEL (badge)) : NULL;
}

/* Closes the windows from the overview: the window's sidebar must not follow a selection
 * that moves while the window is taken apart (see the report). */
static void
close_windows (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      GtkWidget *sidebar = find_styled (l->data, GTK_TYPE_LIST_BOX, "navigation-sidebar");

      if (sidebar != NULL)
        gtk_list_box_select_row (GTK_LIST_BOX (sidebar),
                                 gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 0));
    }
  destroy_all_windows ();
}

static SpWindow *
open_inbox (const char *username)
{
  SpWindow *window;
  GtkListBoxRow *row;

  /* No saved session: each test signs in afresh. */
  close_windows ();
  clear_tokens ();
  window = sign_in_as (username);
  row = sidebar_inbox_row (window);

  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  WAIT_UNTIL (inbox_page (window) != NULL, 20);

  return window;
}

/* ---- Tests ---- */

static void
test_format_age (void)
{
  static const struct
  {
    const char *sent;
    const char *now;
    const char *swedish;
  } cases[] = {
    { "2026-03-10T10:00:00Z", "2026-03-10T10:00:59Z", "just nu" },
    /* A sender's clock ahead of ours. */
    { "2026-03-10T10:00:30Z", "2026-03-10T10:00:00Z", "just nu" },
    { "2026-03-10T10:00:00Z", "2026-03-10T10:01:00Z", "för 1 min sedan" },
    { "2026-03-10T10:00:00Z", "2026-03-10T10:59:59Z", "för 59 min sedan" },
    /* Rounded down: two hours and 59 minutes is still "2 tim". */
    { "2026-03-10T08:00:00Z", "2026-03-10T10:59:00Z", "för 2 tim sedan" },
    { "2026-03-09T10:00:00Z", "2026-03-10T09:59:59Z", "för 23 tim sedan" },
    { "2026-03-09T10:00:00Z", "2026-03-10T10:00:00Z", "för 1 dag sedan" },
    { "2026-03-01T10:00:00Z", "2026-03-10T10:00:00Z", "för 9 dagar sedan" },
  };

  if (!swedish)
    {
      g_test_skip ("the texts are checked in Swedish");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) sent = g_date_time_new_from_iso8601 (cases[i].sent, NULL);
      g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (cases[i].now, NULL);
      g_autofree char *text = sp_inbox_format_age (sent, now);

      g_assert_cmpstr (text, ==, cases[i].swedish);
    }
}

/* What vc wrote to the ward is listed with its type, patient, sender and age. */
static void
test_list (void)
{
  g_autofree char *message_id = post_message (episode_ids[0], "Vi har bokat hembesök.");
  g_autofree char *key = g_strconcat ("message:", message_id, NULL);
  SpWindow *window = open_inbox ("ward");
  GtkWidget *page = inbox_page (window);
  int position;

  WAIT_UNTIL ((position = position_of (window, key)) >= 0, 20);
  {
    g_autoptr(SpInboxItem) item = g_list_model_get_item (inbox_model (window), position);

    g_assert_cmpstr (sp_inbox_item_get_episode_id (item), ==, episode_ids[0]);
    g_assert_cmpstr (sp_inbox_item_get_kind_label (item), ==,
                     g_dgettext (GETTEXT_PACKAGE, "General Message"));
  }
  g_assert_true (shows_text (page, "Greta Inkorgsson"));
  g_assert_true (shows_text (page, "19450312-1230"));
  g_assert_true (shows_text (page, "Vårdcentralen Norr (test)"));
  g_assert_true (shows_text (page, "Vi har bokat hembesök."));
  if (swedish)
    {
      g_assert_true (shows_text (page, "Generellt meddelande"));
      g_assert_true (shows_text (page, "just nu"));
      g_assert_true (shows_text (page, "Kvittera markerade"));
    }
  g_assert_nonnull (acknowledge_button (page, key));

  /* Newest first. */
  for (guint i = 1; i < n_shown (window); i++)
    {
      g_autoptr(SpInboxItem) newer = g_list_model_get_item (inbox_model (window), i - 1);
      g_autoptr(SpInboxItem) older = g_list_model_get_item (inbox_model (window), i);

      g_assert_cmpint (g_date_time_compare (sp_inbox_item_get_sent_at (newer),
                                            sp_inbox_item_get_sent_at (older)), >=, 0);
    }

  save_screenshot (GTK_WIDGET (window), "samplan-inbox.png");
  close_windows ();
}

/* One by its own button, then two selected at once: the server holds each acknowledgement,
 * the rows go, the badge counts down and the empty state says so. */
static void
test_acknowledge (void)
{
  g_autofree char *ids[3] = { NULL };
  g_autofree char *keys[3] = { NULL };
  g_autofree char *count = NULL;
  SpWindow *window;
  GtkSelectionModel *selection;
  guint before;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      ids[i] = post_message (episode_ids[i], "Frågor inför hemgång.");
      keys[i] = g_strconcat ("message:", ids[i], NULL);
    }
  window = open_inbox ("ward");
  WAIT_UNTIL (position_of (window, keys[0]) >= 0 && position_of (window, keys[1]) >= 0 &&
              position_of (window, keys[2]) >= 0, 20);
  before = n_shown (window);
  WAIT_UNTIL (sp_sync_get_unread (sp_window_get_sync (window)) == before, 60);
  count = g_strdup_printf ("%u", before);
  g_assert_cmpstr (badge_text (window), ==, count);

  /* Its own button. */
  g_signal_emit_by_name (acknowledge_button (inbox_page (window), keys[0]), "clicked");
  WAIT_UNTIL (position_of (window, keys[0]) < 0, 20);
  WAIT_UNTIL (ward_acknowledged (ids[0]), 20);
  g_assert_false (ward_acknowledged (ids[1]));
  WAIT_UNTIL (sp_sync_get_unread (sp_window_get_sync (window)) == before - 1, 60);
  g_clear_pointer (&count, g_free);
  count = g_strdup_printf ("%u", before - 1);
  g_assert_cmpstr (badge_text (window), ==, count);

  /* The rest, selected together and acknowledged with one command (Ctrl+K's action). */
  selection = gtk_column_view_get_model (inbox_view (window));
  gtk_selection_model_select_all (selection);
  {
    g_autofree char *selected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected",
                                                              "%u selected", before - 1),
                                                 before - 1);

    g_assert_true (shows_text (inbox_page (window), selected));
    if (swedish)
      g_assert_true (g_str_has_suffix (selected, " markerade"));
  }
  g_assert_true (gtk_widget_activate_action (inbox_page (window), "inbox.acknowledge-selected",
                                             NULL));
  WAIT_UNTIL (n_shown (window) == 0, 20);
  /* Both reach the server through the outbox. (They once did not: the local copy kept the
   * two commands in either order, and the outbox took the answer to the second for the
   * first, which it never sent.) */
  WAIT_UNTIL (ward_acknowledged (ids[1]) && ward_acknowledged (ids[2]), 20);
  WAIT_UNTIL (sp_sync_get_unread (sp_window_get_sync (window)) == 0, 60);
  g_assert_null (badge_text (window));

  {
    GtkWidget *empty = find_descendant (inbox_page (window), ADW_TYPE_STATUS_PAGE, TRUE);

    g_assert_nonnull (empty);
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==,
                     g_dgettext (GETTEXT_PACKAGE, "Nothing to Acknowledge"));
    if (swedish)
      g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==,
                       "Inget att kvittera");
  }
  save_screenshot (GTK_WIDGET (window), "samplan-inbox-empty.png");
  close_windows ();
}

/* A notice is acknowledged at the episode's current revision, though others moved it on. */
static void
test_acknowledge_notice (void)
{
  g_autofree char *key = g_strconcat ("admission_notice:", episode_ids[1], NULL);
  SpWindow *window;

  g_assert_false (vc_acknowledged_notice (episode_ids[1]));
  window = open_inbox ("vc");
  WAIT_UNTIL (position_of (window, key) >= 0, 20);
  if (swedish)
    g_assert_true (shows_text (inbox_page (window), "Inskrivningsmeddelande"));
  g_assert_true (shows_text (inbox_page (window), "Avdelning 12, Testsjukhuset"));

  /* Another unit's acknowledgement makes the overview's revision old. */
  {
    g_auto(SpTestResponse) response = { 0 };
    g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_ids[1],
                                         "/acknowledgements", NULL);
    g_auto(SpTestResponse) current = { 0 };
    g_autofree char *episode_path = g_strconcat ("/api/v1/episodes/", episode_ids[1], NULL);
    JsonObject *episode = request_as ("hsl", "GET", episode_path, NULL, 200, &current);
    g_autofree char *body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ","
                                             "\"notice\":\"admission\"}",
                                             json_object_get_int_member (episode, "revision"));

    request_as ("hsl", "POST", path, body, 200, &response);
  }

  g_signal_emit_by_name (acknowledge_button (inbox_page (window), key), "clicked");
  WAIT_UNTIL (position_of (window, key) < 0, 20);
  g_assert_true (vc_acknowledged_notice (episode_ids[1]));
  close_windows ();
}

/* Enter (or a double click) on a row opens its episode. */
static void
test_open_episode (void)
{
  g_autofree char *message_id = post_message (episode_ids[2], "Ring oss.");
  g_autofree char *key = g_strconcat ("message:", message_id, NULL);
  SpWindow *window = open_inbox ("ward");
  int position;

  WAIT_UNTIL ((position = position_of (window, key)) >= 0, 20);
  g_signal_emit_by_name (inbox_view (window), "activate", (guint) position);
  WAIT_UNTIL (find_descendant (GTK_WIDGET (window), SP_TYPE_EPISODE_PAGE, TRUE) != NULL, 20);
  g_assert_null (inbox_page (window));
  close_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  swedish = app_test_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    episode_ids[i] = admit (patients[i][0], patients[i][1], patients[i][2]);

  g_test_add_func ("/app/inbox/format-age", test_format_age);
  g_test_add_func ("/app/inbox/list", test_list);
  g_test_add_func ("/app/inbox/acknowledge", test_acknowledge);
  g_test_add_func ("/app/inbox/acknowledge-notice", test_acknowledge_notice);
  g_test_add_func ("/app/inbox/open-episode", test_open_episode);

  status = g_test_run ();

  app_test_finish ();
  for (guint i = 0; i < G_N_ELEMENTS (episode_ids); i++)
    g_free (episode_ids[i]);

  return status;
}
