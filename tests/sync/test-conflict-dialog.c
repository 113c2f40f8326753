/* test-conflict-dialog.c — a conflict reaches the user: mine and theirs, keep either
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-app-test.h"
#include "sp-cache.h"
#include "sp-conflict-dialog.h"
#include "sp-json.h"
#include "sp-outbox.h"
#include "sp-status-indicator.h"

/* A port nobody listens on: the client is offline. */
#define DEAD_URL "http://127.0.0.1:9"

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  WAIT_UNTIL (*result != NULL, 30);
  return *result;
}

static SpCache *
cache_new (const char *path)
{
  guint8 bytes[SP_CACHE_KEY_SIZE];
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SpCache *cache;

  memset (bytes, 42, sizeof bytes);
  key = g_bytes_new (bytes, sizeof bytes);
  cache = sp_cache_new (path, key);
  sp_cache_open_async (cache, "ward", NULL, NULL, result_cb, &result);
  g_assert_true (sp_cache_open_finish (cache, wait_result (&result), NULL, &error));
  return cache;
}

static gpointer
make_item (JsonNode  *row,
           gpointer   user_data,
           GError   **error)
{
  return g_object_new (G_TYPE_OBJECT, NULL);
}

static gboolean
push (SpOutbox *outbox)
{
  g_autoptr(GAsyncResult) result = NULL;

  sp_outbox_push_async (outbox, NULL, result_cb, &result);
  return sp_outbox_push_finish (outbox, wait_result (&result), NULL);
}

/* Submits a command; @conflict: the server is expected to answer 409 (the command is held). */
static void
submit (SpOutbox   *outbox,
        const char *path,
        const char *body,
        const char *record_id,
        gboolean    conflict)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = sp_json_parse (body, -1, NULL);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  sp_outbox_submit_async (outbox, "POST", path, node, record_id, NULL, result_cb, &result);
  answer = sp_outbox_submit_finish (outbox, wait_result (&result), NULL, &error);
  if (conflict)
    g_assert_error (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_CONFLICT);
  else
    g_assert_no_error (error);
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* The dialog's "keep mine" (or "keep theirs") button. */
static GtkWidget *
find_keep (GtkWidget *root,
           gboolean   mine)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_object_get_data (G_OBJECT (child), "command-id") != NULL &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "keep-mine")) == mine)
        return child;
      if ((found = find_keep (child, mine)) != NULL)
        return found;
    }
  return NULL;
}

static const char *
server_date (const char *episode_id)
{
  static char date[16];
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *episode = request_ok ("GET", path, NULL, 200, &response);

  g_strlcpy (date, json_object_get_string_member (episode, "estimated_discharge"),
             sizeof date);
  return date;
}

static char *
date_body (gint64      base,
           const char *date)
{
  return g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"date\":\"%s\"}", base,
                          date);
}

static gint64
revision_of (const char *episode_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  g_auto(SpTestResponse) response = { 0 };

  return json_object_get_int_member (request_ok ("GET", path, NULL, 200, &response),
                                     "revision");
}

/* The ward changed the estimated discharge offline while a colleague changed it online:
 * the header shows what waits, the view shows both dates, and each choice holds. */
static void
test_keep_mine_or_theirs (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Konrad", "Konfliktsson");
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/estimated-discharge",
                                           episode_id);
  g_autofree char *dir = g_dir_make_tmp ("samplan-conflict-XXXXXX", NULL);
  g_autofree char *cache_path = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *token = sp_test_server_sign_in (server, "ward");
  g_autoptr(SpClient) offline = sp_client_new (DEAD_URL);
  g_autoptr(SpClient) online = sp_client_new (sp_test_server_get_uri (server));
  g_autoptr(SpCache) cache = NULL;
  g_autoptr(SpOutbox) outbox = NULL;
  g_autoptr(SpSync) sync = NULL;
  gint64 base = revision_of (episode_id);
  g_autofree char *mine = date_body (base, "2030-03-20");
  g_autofree char *theirs = date_body (base, "2030-03-18");
  SpStatusIndicator *indicator;
  GtkWidget *held_button;
  GtkWindow *window;
  GtkWindow *dialog;

  /* Offline: kept. A colleague meanwhile. */
  cache = cache_new (cache_path);
  outbox = sp_outbox_new (offline, cache, "ward");
  submit (outbox, path, mine, episode_id, FALSE);
  g_clear_object (&outbox);
  g_clear_object (&cache);
  {
    g_auto(SpTestResponse) response = { 0 };

    request_ok ("POST", path, theirs, 200, &response);
  }

  /* Back online: a conflict, held. */
  sp_client_set_token (online, token);
  cache = cache_new (cache_path);
  outbox = sp_outbox_new (online, cache, "ward");
  g_assert_true (push (outbox));
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 1);
  sync = sp_sync_new (online, cache, G_TYPE_OBJECT, make_item, NULL, NULL);
  sp_sync_set_outbox (sync, outbox);

  /* The header bar's indicator says so and opens the view. */
  window = GTK_WINDOW (gtk_window_new ());
  indicator = g_object_new (SP_TYPE_STATUS_INDICATOR, NULL);
  sp_status_indicator_set_client (indicator, online);
  sp_status_indicator_set_sync (indicator, sync);
  gtk_window_set_child (window, GTK_WIDGET (indicator));
  gtk_window_present (window);
  wait_until_mapped (GTK_WIDGET (indicator));
  held_button = find_descendant (GTK_WIDGET (indicator), GTK_TYPE_BUTTON, TRUE);
  g_assert_nonnull (held_button);
  g_assert_true (has_label (held_button, "1 väntar på dig"));
  gtk_widget_activate (held_button);
  WAIT_UNTIL ((dialog = find_toplevel (SP_TYPE_CONFLICT_DIALOG)) != NULL, 10);
  wait_until_mapped (GTK_WIDGET (dialog));

  /* Mine and theirs side by side. */
  g_assert_true (has_label (GTK_WIDGET (dialog), "2030-03-20"));
  g_assert_true (has_label (GTK_WIDGET (dialog), "2030-03-18"));
  g_assert_true (has_label (GTK_WIDGET (dialog), "Planerat utskrivningsdatum"));
  g_assert_true (has_label (GTK_WIDGET (dialog), "Datum"));
  save_screenshot (GTK_WIDGET (dialog), "samplan-conflict.png");

  /* Keep mine: sent again on the current revision, and it holds. */
  g_signal_emit_by_name (find_keep (GTK_WIDGET (dialog), TRUE), "clicked");
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 0);
  g_assert_true (push (outbox));
  g_assert_cmpuint (sp_outbox_get_n_pending (outbox), ==, 0);
  g_assert_cmpstr (server_date (episode_id), ==, "2030-03-20");
  WAIT_UNTIL (!gtk_widget_get_visible (held_button), 10);
  g_assert_true (has_label (GTK_WIDGET (dialog), "Inget väntar"));

  /* Keep theirs: the next overlap is forgotten, the server's date stays. */
  base = revision_of (episode_id);
  {
    g_autofree char *colleague = date_body (base, "2030-03-22");
    g_autofree char *stale = date_body (base, "2030-03-25");

    g_auto(SpTestResponse) response = { 0 };

    request_ok ("POST", path, colleague, 200, &response);
    submit (outbox, path, stale, episode_id, TRUE);
  }
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 1);
  WAIT_UNTIL (find_keep (GTK_WIDGET (dialog), FALSE) != NULL, 10);
  g_assert_true (has_label (GTK_WIDGET (dialog), "2030-03-25"));
  g_signal_emit_by_name (find_keep (GTK_WIDGET (dialog), FALSE), "clicked");
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 0);
  g_assert_true (push (outbox));
  g_assert_cmpstr (server_date (episode_id), ==, "2030-03-22");

  gtk_window_destroy (dialog);
  gtk_window_destroy (window);
  sp_sync_stop (sync);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!app_test_init (&argc, &argv))
    {
      g_test_skip ("No Swedish locale");
      return 77;
    }

  g_test_add_func ("/conflict-dialog/keep-mine-or-theirs", test_keep_mine_or_theirs);

  status = g_test_run ();
  app_test_finish ();
  return status;
}
