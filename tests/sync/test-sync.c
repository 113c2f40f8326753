/* test-sync.c — the outbox and the sync engine against a real server: nothing is lost
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "sp-cache.h"
#include "sp-json.h"
#include "sp-outbox.h"
#include "sp-sync.h"
#include "sp-test-server.h"

/* A port nobody listens on: the client is offline. */
#define DEAD_URL "http://127.0.0.1:9"

static SpTestServer *server;
static char *dir;

typedef struct
{
  SpClient *client;
  SpCache  *cache;
  SpOutbox *outbox;
  SpSync   *sync;
  gboolean  finished;
  GError   *error;
} Engine;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static GBytes *
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

static Engine *
engine_new (const char *url,
            const char *cache_name,
            const char *username)
{
  Engine *engine = g_new0 (Engine, 1);
  g_autofree char *path = g_build_filename (dir, cache_name, NULL);
  g_autofree char *token = sp_test_server_sign_in (server, username);
  g_autoptr(GBytes) key = test_key ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  engine->client = sp_client_new (url);
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

static void
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
static void
engine_round (Engine *engine)
{
  engine->finished = FALSE;
  sp_sync_start (engine->sync);
  sp_sync_refresh (engine->sync);
  while (!engine->finished)
    g_main_context_iteration (NULL, TRUE);
}

static JsonNode *
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

static void
wait_loaded (Engine *engine)
{
  /* The outbox reads the copy asynchronously; one empty push waits for it. */
  g_autoptr(GAsyncResult) result = NULL;

  sp_outbox_push_async (engine->outbox, NULL, result_cb, &result);
  sp_outbox_push_finish (engine->outbox, wait_for (&result), NULL);
}

static char *
admit (void)
{
  g_autofree char *token = sp_test_server_sign_in (server, "ward");
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *patient_body = NULL;
  g_autofree char *episode_body = NULL;
  g_auto(SpTestResponse) patient = { 0 };
  g_auto(SpTestResponse) episode = { 0 };
  g_autofree char *key1 = g_uuid_string_random ();
  g_autofree char *key2 = g_uuid_string_random ();

  patient_body = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"Tolvan\","
                                  "\"family_name\":\"Synksson\",\"address\":{\"street\":"
                                  "\"Provgatan 1\",\"postal_code\":\"99999\",\"city\":"
                                  "\"Teststad\"},\"municipality\":{\"code\":\"9991\","
                                  "\"name\":\"Testkommun\"}}", identity);
  sp_test_server_request (server, "POST", "/api/v1/patients", token, key1, patient_body,
                          &patient);
  g_assert_cmpuint (patient.status, ==, 201);
  episode_body = g_strdup_printf ("{\"patient_id\":\"%s\",\"addressing\":"
                                  "[{\"unit\":\"vc-norr\"},{\"unit\":\"hsl-test\"}],"
                                  "\"estimated_discharge\":\"2030-03-14\"}",
                                  json_object_get_string_member (
                                    sp_test_response_object (&patient), "id"));
  sp_test_server_request (server, "POST", "/api/v1/episodes", token, key2, episode_body,
                          &episode);
  g_assert_cmpuint (episode.status, ==, 201);
  return g_strdup (json_object_get_string_member (sp_test_response_object (&episode), "id"));
}

/* How many messages of the episode carry @text, as the server holds them. */
static guint
count_messages (const char *episode_id,
                const char *text)
{
  g_autofree char *token = sp_test_server_sign_in (server, "ward");
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/messages", episode_id);
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *needle = g_strdup_printf ("\"%s\"", text);
  const char *p;
  guint n = 0;

  sp_test_server_request (server, "GET", path, token, NULL, NULL, &response);
  g_assert_cmpuint (response.status, ==, 200);
  for (p = response.body; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

static char *
message_body (const char *text)
{
  return g_strdup_printf ("{\"kind\":\"general_message\",\"to\":\"all\",\"text\":\"%s\","
                          "\"send\":true}", text);
}

static gint64
episode_revision (const char *episode_id)
{
  g_autofree char *token = sp_test_server_sign_in (server, "ward");
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  g_auto(SpTestResponse) response = { 0 };

  sp_test_server_request (server, "GET", path, token, NULL, NULL, &response);
  g_assert_cmpuint (response.status, ==, 200);
  return json_object_get_int_member (sp_test_response_object (&response), "revision");
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (from, &contents, &length, NULL))
    return FALSE;
  return g_file_set_contents (to, contents, length, NULL);
}

/* A offline while B works online; A comes back: both sides' separate changes are there once,
 * the overlapping one is a recorded conflict; replaying A's outbox again changes nothing. */
static void
test_offline_then_online (void)
{
  g_autofree char *episode_id = admit ();
  g_autofree char *messages = g_strdup_printf ("/api/v1/episodes/%s/messages", episode_id);
  g_autofree char *date_path = g_strdup_printf ("/api/v1/episodes/%s/estimated-discharge",
                                                episode_id);
  gint64 base = episode_revision (episode_id);
  g_autofree char *date_a = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ","
                                             "\"date\":\"2030-03-20\"}", base);
  g_autofree char *date_b = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ","
                                             "\"date\":\"2030-03-18\"}", base);
  g_autofree char *path_a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *path_replay = g_build_filename (dir, "replay.db", NULL);
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GError) error = NULL;
  SpOutboxOutcome outcome;
  Engine *a, *b, *replay;
  JsonObject *command;

  /* A, offline: everything is kept and answered "queued". */
  a = engine_new (DEAD_URL, "a.db", "ward");
  wait_loaded (a);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("Från A nummer %u", i);
      g_autofree char *body = message_body (text);

      g_assert_null (submit (a, "POST", messages, body, NULL, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, SP_OUTBOX_OUTCOME_QUEUED);
    }
  g_assert_null (submit (a, "POST", date_path, date_a, episode_id, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, SP_OUTBOX_OUTCOME_QUEUED);
  g_assert_cmpuint (sp_outbox_get_n_pending (a->outbox), ==, 6);
  engine_round (a);
  g_assert_error (a->error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE);
  g_assert_cmpuint (sp_outbox_get_n_pending (a->outbox), ==, 6);
  engine_free (a);
  g_assert_true (copy_file (path_a, path_replay));

  /* B, online meanwhile: a message of its own and the same field as A. */
  b = engine_new (sp_test_server_get_uri (server), "b.db", "ward");
  wait_loaded (b);
  {
    g_autofree char *body = message_body ("Från B");
    g_autoptr(JsonNode) answer = submit (b, "POST", messages, body, NULL, &outcome, &error);

    g_assert_no_error (error);
    g_assert_nonnull (answer);
    g_assert_cmpint (outcome, ==, SP_OUTBOX_OUTCOME_APPLIED);
  }
  {
    g_autoptr(JsonNode) answer = submit (b, "POST", date_path, date_b, episode_id, &outcome,
                                         &error);

    g_assert_no_error (error);
    g_assert_nonnull (answer);
  }
  engine_free (b);

  /* A restarts online (the same sealed copy): the outbox goes first, in order. */
  a = engine_new (sp_test_server_get_uri (server), "a.db", "ward");
  engine_round (a);
  g_assert_no_error (a->error);
  g_assert_cmpuint (sp_outbox_get_n_pending (a->outbox), ==, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("Från A nummer %u", i);

      g_assert_cmpuint (count_messages (episode_id, text), ==, 1);
    }
  g_assert_cmpuint (count_messages (episode_id, "Från B"), ==, 1);

  /* The overlapping edit: held as a conflict with the server's version, not dropped. */
  g_assert_cmpuint (sp_outbox_get_n_held (a->outbox), ==, 1);
  held = sp_outbox_dup_held (a->outbox);
  command = json_node_get_object (g_ptr_array_index (held, 0));
  g_assert_cmpstr (json_object_get_string_member (command, "state"), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (command, "path"), ==, date_path);
  g_assert_true (json_object_has_member (command, "current"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (command, "current"),
                     "estimated_discharge"), ==, "2030-03-18");
  engine_free (a);

  /* Still held after a restart. */
  a = engine_new (sp_test_server_get_uri (server), "a.db", "ward");
  wait_loaded (a);
  g_assert_cmpuint (sp_outbox_get_n_held (a->outbox), ==, 1);
  engine_free (a);

  /* The same outbox pushed again (a copy taken before the push): one effect. */
  replay = engine_new (sp_test_server_get_uri (server), "replay.db", "ward");
  engine_round (replay);
  g_assert_no_error (replay->error);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("Från A nummer %u", i);

      g_assert_cmpuint (count_messages (episode_id, text), ==, 1);
    }
  engine_free (replay);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* After a full pull and a queued command: no name, identity number or free text in the
 * cache file or its WAL. */
static void
test_sealed_copy (void)
{
  g_autofree char *episode_id = admit ();
  g_autofree char *messages = g_strdup_printf ("/api/v1/episodes/%s/messages", episode_id);
  g_autofree char *path = g_build_filename (dir, "sealed.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *body = message_body ("Hemligt fritextmeddelande");
  static const char * const secrets[] = {
    "Tolvan", "Synksson", "Provgatan", "Hemligt", "Från A", "Från B", "Anna Testsson",
  };
  g_autoptr(GError) error = NULL;
  Engine *engine;

  engine = engine_new (DEAD_URL, "sealed.db", "ward");
  wait_loaded (engine);
  g_assert_null (submit (engine, "POST", messages, body, NULL, NULL, &error));
  engine_free (engine);

  engine = engine_new (sp_test_server_get_uri (server), "sealed.db", "ward");
  engine_round (engine);
  g_assert_no_error (engine->error);
  g_assert_cmpint (sp_cache_get_cursor (engine->cache), >, 0);
  g_assert_cmpuint (count_messages (episode_id, "Hemligt fritextmeddelande"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_assert_false (file_contains (path, secrets[i]));
      g_assert_false (file_contains (wal, secrets[i]));
    }
  /* Able to fail: the ids are in clear. */
  g_assert_true (file_contains (path, episode_id) || file_contains (wal, episode_id));
  engine_free (engine);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("samplan-sync-XXXXXX", &error);
  g_assert_no_error (error);
  server = sp_test_server_start ("stockholm");

  g_test_add_func ("/sync/offline-then-online", test_offline_then_online);
  g_test_add_func ("/sync/sealed-copy", test_sealed_copy);

  status = g_test_run ();
  sp_test_server_stop (server);
  return status;
}
