/* sync-engine.c — engines without UI for the sync tests
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-json.h"
#include "sync-engine.h"

/* Where the engines' copies live (the test's temporary folder). */
static char *engine_dir;

void
engine_set_dir (const char *dir)
{
  g_free (engine_dir);
  engine_dir = g_strdup (dir);
}

void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

GBytes *
test_key (void)
{
  guint8 key[SP_CACHE_KEY_SIZE];

  memset (key, 42, sizeof key);
  return g_bytes_new (key, sizeof key);
}

static gpointer
make_item (JsonNode  *row,
           gpointer   user_data,
           GError   **error)
{
  return g_object_new (G_TYPE_OBJECT, NULL);
}

static void
finished_cb (SpSync  *sync,
             GError  *error,
             Engine  *engine)
{
  engine->finished = TRUE;
  g_clear_error (&engine->error);
  engine->error = error != NULL ? g_error_copy (error) : NULL;
}

/* An engine on the copy @cache_name, signed in with @token (NULL: not yet). */
Engine *
engine_open (const char *url,
             const char *cache_name,
             const char *username,
             const char *token)
{
  Engine *engine = g_new0 (Engine, 1);
  g_autofree char *path = g_build_filename (engine_dir, cache_name, NULL);
  g_autoptr(GBytes) key = test_key ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  engine->client = sp_client_new (url);
  if (token != NULL)
    sp_client_set_token (engine->client, token);
  engine->cache = sp_cache_new (path, key);
  sp_cache_open_async (engine->cache, username, NULL, NULL, result_cb, &result);
  g_assert_true (sp_cache_open_finish (engine->cache, wait_for (&result), NULL, &error));
  g_assert_no_error (error);
  engine->outbox = sp_outbox_new (engine->client, engine->cache, username);
  engine->sync = sp_sync_new (engine->client, engine->cache, G_TYPE_OBJECT, make_item, NULL,
                              NULL);
  sp_sync_set_outbox (engine->sync, engine->outbox);
  g_signal_connect (engine->sync, "finished", G_CALLBACK (finished_cb), engine);
  return engine;
}

void
engine_free (Engine *engine)
{
  sp_sync_stop (engine->sync);
  g_signal_handlers_disconnect_by_data (engine->sync, engine);
  g_object_unref (engine->sync);
  g_object_unref (engine->outbox);
  g_object_unref (engine->cache);
  g_object_unref (engine->client);
  g_clear_error (&engine->error);
  g_free (engine);
  /* Let the worker threads drop their references. */
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* One round: push the outbox, pull the changes. */
void
engine_round (Engine *engine)
{
  engine->finished = FALSE;
  sp_sync_start (engine->sync);
  sp_sync_refresh (engine->sync);
  while (!engine->finished)
    g_main_context_iteration (NULL, TRUE);
}

JsonNode *
submit (Engine          *engine,
        const char      *method,
        const char      *path,
        const char      *body,
        const char      *record_id,
        SpOutboxOutcome *outcome,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = sp_json_parse (body, -1, NULL);

  sp_outbox_submit_async (engine->outbox, method, path, node, record_id, NULL, result_cb,
                          &result);
  return sp_outbox_submit_finish (engine->outbox, wait_for (&result), outcome, error);
}

void
wait_loaded (Engine *engine)
{
  /* The outbox reads the copy asynchronously; one empty push waits for it. */
  g_autoptr(GAsyncResult) result = NULL;

  sp_outbox_push_async (engine->outbox, NULL, result_cb, &result);
  sp_outbox_push_finish (engine->outbox, wait_for (&result), NULL);
}
