/* test-sync.c — the outbox and the sync engine against a real server: nothing is lost
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include "sp-json.h"
#include "sp-test-server.h"
#include "sync-engine.h"

static SpTestServer *server;
static char *dir;

static Engine *
engine_new (const char *url,
            const char *cache_name,
            const char *username)
{
  g_autofree char *token = sp_test_server_sign_in (server, username);

  return engine_open (url, cache_name, username, token);
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
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/messages?limit=500",
                                           episode_id);
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

/* ── A server of the test's own, on a port that stays the same across restarts ─────────
 * The harness restarts its server on a new port; a client keeps its address. */

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static guint
pick_free_port (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
url_of_port (guint port)
{
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

/* Serves @db on @port with the server's clock at @now (NULL: the real one). */
static GSubprocess *
serve_on (const char *db,
          guint       port,
          const char *now)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *url = url_of_port (port);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (now != NULL)
    g_subprocess_launcher_setenv (launcher, "SAMPLAN_TEST_NOW", now, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "SAMPLAN_TEST_NOW");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SAMPLAN_SERVER"),
                                         "serve", "--db", db, "--listen", listen, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, url));
  return process;
}

static void
kill_process (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
  g_object_unref (process);
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @cond holds, for at most a minute. */
#define ITERATE_UNTIL(cond)                                                   \
  G_STMT_START {                                                              \
    gint64 end_ = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;              \
    guint tick_ = g_timeout_add (20, tick_cb, NULL);                          \
    while (!(cond))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > end_)                                   \
          g_error ("Timed out waiting for %s", #cond);                        \
        g_main_context_iteration (NULL, TRUE);                                \
      }                                                                       \
    g_source_remove (tick_);                                                  \
  } G_STMT_END

/* Signs @client in on its server (the test's own, whose clock may be fixed). */
static void
client_sign_in (SpClient   *client,
                const char *username,
                const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  sp_client_sign_in_async (client, username, password, NULL, result_cb, &result);
  answer = sp_client_sign_in_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sp_client_get_token (client));
}

static JsonNode *
client_get (SpClient   *client,
            const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *answer;

  sp_client_send_async (client, "GET", path, NULL, NULL, NULL, NULL, result_cb, &result);
  answer = sp_client_send_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  return answer;
}

/* ── The app killed during a push ─────────────────────────────────────────────────────── */

#define KILL_ITERATIONS 50
#define KILL_COMMANDS 4
/* Kills land from just after the push began to well after a push of KILL_COMMANDS ends. */
#define KILL_MAX_DELAY_US 40000

/* The child: an engine without UI on the copy @cache_name that pushes and pulls once. */
static int
run_push_child (const char *cache_name,
                const char *url)
{
  Engine *engine = engine_open (url, cache_name, "ward", g_getenv ("SAMPLAN_TEST_TOKEN"));

  g_print ("pushing\n");
  fflush (stdout);
  engine_round (engine);
  g_print ("done %s\n", engine->error != NULL ? engine->error->message : "");
  engine_free (engine);
  return 0;
}

static char *
kill_text (guint iteration,
           guint command)
{
  return g_strdup_printf ("Avbruten %u-%u", iteration, command);
}

/* Commands queued offline, then a child process pushes them and is killed at a random
 * moment (the seed is printed; SAMPLAN_SYNC_SEED replays it). In the end every command is
 * on the server exactly once. */
static void
test_killed_during_push (void)
{
  const char *seed_text = g_getenv ("SAMPLAN_SYNC_SEED");
  guint32 seed = seed_text != NULL ? (guint32) g_ascii_strtoull (seed_text, NULL, 10)
                                   : g_random_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *episode_id = admit ();
  g_autofree char *messages = g_strdup_printf ("/api/v1/episodes/%s/messages", episode_id);
  g_autofree char *token = sp_test_server_sign_in (server, "ward");
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  guint completed = 0;
  guint mid_push = 0;
  guint pending = 0;
  Engine *engine;

  g_test_message ("seed %u (SAMPLAN_SYNC_SEED=%u replays it)", seed, seed);

  for (guint i = 0; i < KILL_ITERATIONS; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autofree char *line = NULL;
      g_autoptr(GError) error = NULL;
      guint delay = g_rand_int_range (rand, 0, KILL_MAX_DELAY_US);

      engine = engine_open (DEAD_URL, "killed.db", "ward", token);
      wait_loaded (engine);
      /* Some of the last push's commands were answered and recorded, some not. */
      if (sp_outbox_get_n_pending (engine->outbox) > 0 &&
          sp_outbox_get_n_pending (engine->outbox) < pending)
        mid_push++;
      for (guint j = 0; j < KILL_COMMANDS; j++)
        {
          g_autofree char *text = kill_text (i, j);
          g_autofree char *body = message_body (text);
          SpOutboxOutcome outcome;

          g_assert_null (submit (engine, "POST", messages, body, NULL, &outcome, &error));
          g_assert_no_error (error);
          g_assert_cmpint (outcome, ==, SP_OUTBOX_OUTCOME_QUEUED);
        }
      pending = sp_outbox_get_n_pending (engine->outbox);
      engine_free (engine);

      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      g_subprocess_launcher_setenv (launcher, "SAMPLAN_TEST_TOKEN", token, TRUE);
      child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--push-child", dir,
                                           "killed.db", sp_test_server_get_uri (server), NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, "pushing");

      g_usleep (delay);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_exited (child))
        completed++;
    }
  g_test_message ("%u of %u pushes were killed, %u of them halfway", KILL_ITERATIONS - completed,
                   KILL_ITERATIONS, mid_push);
  /* Able to fail: kills must land in the middle of pushes. */
  g_assert_cmpuint (completed, <, KILL_ITERATIONS / 2);
  g_assert_cmpuint (mid_push, >=, 5);

  engine = engine_open (sp_test_server_get_uri (server), "killed.db", "ward", token);
  engine_round (engine);
  g_assert_no_error (engine->error);
  g_assert_cmpuint (sp_outbox_get_n_pending (engine->outbox), ==, 0);
  g_assert_cmpuint (sp_outbox_get_n_held (engine->outbox), ==, 0);
  engine_free (engine);

  {
    g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/messages?limit=500",
                                             episode_id);
    g_auto(SpTestResponse) response = { 0 };
    JsonArray *items;
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        NULL);

    sp_test_server_request (server, "GET", path, token, NULL, NULL, &response);
    g_assert_cmpuint (response.status, ==, 200);
    items = json_object_get_array_member (sp_test_response_object (&response), "items");
    for (guint k = 0; k < json_array_get_length (items); k++)
      {
        JsonObject *item = json_array_get_object_element (items, k);
        const char *text = json_object_get_string_member_with_default (item, "text", NULL);

        if (text == NULL)
          continue;
        g_assert_false (g_hash_table_contains (seen, text));  /* applied twice */
        g_hash_table_add (seen, g_strdup (text));
      }
    for (guint i = 0; i < KILL_ITERATIONS; i++)
      for (guint j = 0; j < KILL_COMMANDS; j++)
        {
          g_autofree char *text = kill_text (i, j);

          g_assert_true (g_hash_table_contains (seen, text));  /* lost */
        }
    g_assert_cmpuint (g_hash_table_size (seen), ==, KILL_ITERATIONS * KILL_COMMANDS);
  }
}

/* ── The server killed during a sync ──────────────────────────────────────────────────── */

/* The server dies in the middle of a push and comes back on the same address: the engine
 * finishes by itself (back-off, no refresh), each command once. */
static void
test_server_killed_during_sync (void)
{
  g_autofree char *episode_id = admit ();
  g_autofree char *messages = g_strdup_printf ("/api/v1/episodes/%s/messages", episode_id);
  g_autofree char *token = sp_test_server_sign_in (server, "ward");
  guint port = pick_free_port ();
  g_autofree char *url = url_of_port (port);
  g_autofree char *db = g_strdup (sp_test_server_get_db (server));
  GSubprocess *process;
  Engine *engine;

  sp_test_server_kill (server);
  engine = engine_open (url, "server-killed.db", "ward", token);
  wait_loaded (engine);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("Serveravbrott %u", i);
      g_autofree char *body = message_body (text);
      g_autoptr(GError) error = NULL;

      g_assert_null (submit (engine, "POST", messages, body, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  process = serve_on (db, port, NULL);
  engine->finished = FALSE;
  sp_sync_start (engine->sync);
  ITERATE_UNTIL (sp_outbox_get_n_pending (engine->outbox) <= 25);
  kill_process (process);
  ITERATE_UNTIL (engine->finished);
  g_assert_nonnull (engine->error);
  g_assert_cmpuint (sp_outbox_get_n_pending (engine->outbox), >, 0);

  engine->finished = FALSE;
  process = serve_on (db, port, NULL);
  ITERATE_UNTIL (engine->finished && engine->error == NULL);
  g_assert_cmpuint (sp_outbox_get_n_pending (engine->outbox), ==, 0);
  g_assert_cmpuint (sp_outbox_get_n_held (engine->outbox), ==, 0);
  engine_free (engine);
  kill_process (process);

  sp_test_server_restart (server);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("Serveravbrott %u", i);

      g_assert_cmpuint (count_messages (episode_id, text), ==, 1);
    }
}

/* ── A notice queued before 12:00, sent after ─────────────────────────────────────────── */

/* The 12:00 rule (DOMAIN): the server stamps a ready notice when it arrives. Queued offline
 * at 11:50 and sent at 12:10, day 0 is the next day, not the day it was typed. */
static void
test_stamped_on_arrival (void)
{
  /* 11:50 and 12:10 in Stockholm (CET, UTC+1). */
  static const char before_noon[] = "2030-03-11T10:50:00Z";
  static const char after_noon[] = "2030-03-11T11:10:00Z";
  g_autofree char *episode_id = admit ();
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/ready", episode_id);
  g_autofree char *episode_path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  g_autofree char *body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT "}",
                                           episode_revision (episode_id));
  guint port = pick_free_port ();
  g_autofree char *url = url_of_port (port);
  g_autofree char *db = g_strdup (sp_test_server_get_db (server));
  g_autoptr(JsonNode) episode = NULL;
  g_autoptr(GError) error = NULL;
  SpOutboxOutcome outcome;
  GSubprocess *process;
  Engine *engine;
  JsonObject *object;

  sp_test_server_kill (server);

  /* Signed in at 11:50, then the connection drops and the ward sends "ready". */
  process = serve_on (db, port, before_noon);
  engine = engine_open (url, "clock.db", "ward", NULL);
  client_sign_in (engine->client, "ward", SP_TEST_PASSWORD);
  wait_loaded (engine);
  kill_process (process);
  g_assert_null (submit (engine, "POST", path, body, episode_id, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, SP_OUTBOX_OUTCOME_QUEUED);

  /* Back at 12:10. */
  process = serve_on (db, port, after_noon);
  engine_round (engine);
  g_assert_no_error (engine->error);
  g_assert_cmpuint (sp_outbox_get_n_pending (engine->outbox), ==, 0);
  g_assert_cmpuint (sp_outbox_get_n_held (engine->outbox), ==, 0);

  episode = client_get (engine->client, episode_path);
  object = json_node_get_object (episode);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "ready");
  g_assert_cmpstr (json_object_get_string_member (object, "day0"), ==, "2030-03-12");
  {
    g_autoptr(GDateTime) ready_at = NULL;
    g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (after_noon, NULL);

    g_assert_true (sp_json_parse_datetime (json_object_get_string_member (object, "ready_at"),
                                           &ready_at));
    g_assert_true (g_date_time_equal (ready_at, expected));
  }

  engine_free (engine);
  kill_process (process);
  sp_test_server_restart (server);
}

/* ── The sealed copy ──────────────────────────────────────────────────────────────────── */

static void
collect_secrets (JsonNode   *node,
                 const char *member,
                 GHashTable *secrets)
{
  static const char * const personal[] = {
    "identity", "given_name", "family_name", "name", "user_name", "text", "street", "city",
    "reason_for_contact", "note", "giver_name", "phone", NULL,
  };

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &child))
        collect_secrets (child, name, secrets);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_secrets (json_array_get_element (array, i), member, secrets);
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING && member != NULL)
    {
      const char *value = json_node_get_string (node);

      /* Short values (a postal code, "Ja") could turn up in sealed bytes by chance. */
      if (strlen (value) >= 6 &&
          (g_strv_contains (personal, member) || strchr (value, ' ') != NULL))
        g_hash_table_add (secrets, g_strdup (value));
    }
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

/* The demo region's data, pulled into an empty copy: none of its names, identity numbers or
 * free text in the file or its WAL; with another key the copy is unreadable (and wiped). */
static void
test_sealed_demo (void)
{
  g_autofree char *db = g_build_filename (dir, "demo-server.db", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *wal_contents = NULL;
  g_autoptr(GHashTable) secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         NULL);
  g_autoptr(GSubprocess) seed = NULL;
  g_autoptr(GError) error = NULL;
  guint port = pick_free_port ();
  g_autofree char *url = url_of_port (port);
  g_autoptr(SpClient) reader = sp_client_new (url);
  GHashTableIter iter;
  const char *secret;
  gsize length = 0, wal_length = 0;
  gint64 since = 0;
  gboolean more = TRUE;
  GSubprocess *process;
  Engine *engine;

  seed = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                           g_getenv ("SAMPLAN_SERVER"), "seed-demo", "--db", db,
                           "--episodes", "60", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (seed, NULL, &error));
  process = serve_on (db, port, NULL);

  engine = engine_open (url, "demo.db", "demo-avd3", NULL);
  client_sign_in (engine->client, "demo-avd3", "demo-lösenord-1");
  engine_round (engine);
  g_assert_no_error (engine->error);
  g_assert_cmpint (sp_cache_get_cursor (engine->cache), >, 0);

  /* What the copy holds is what the feed gave this user. */
  client_sign_in (reader, "demo-avd3", "demo-lösenord-1");
  while (more)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(JsonNode) page = NULL;
      JsonObject *object;

      sp_client_get_changes_async (reader, since, 500, NULL, result_cb, &result);
      page = sp_client_get_changes_finish (reader, wait_for (&result), &error);
      g_assert_no_error (error);
      object = json_node_get_object (page);
      collect_secrets (json_object_get_member (object, "items"), NULL, secrets);
      since = json_object_get_int_member (object, "next");
      more = json_object_get_boolean_member (object, "more");
    }
  g_test_message ("%u names, identity numbers and texts", g_hash_table_size (secrets));
  /* Able to fail: the demo's patients are all there to look for. */
  g_assert_cmpuint (g_hash_table_size (secrets), >, 100);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  if (!g_file_get_contents (wal, &wal_contents, &wal_length, NULL))
    wal_length = 0;
  g_hash_table_iter_init (&iter, secrets);
  while (g_hash_table_iter_next (&iter, (gpointer *) &secret, NULL))
    {
      if (memmem (contents, length, secret, strlen (secret)) != NULL ||
          (wal_length > 0 && memmem (wal_contents, wal_length, secret, strlen (secret)) != NULL))
        g_error ("“%s” is in the copy in clear", secret);
    }
  engine_free (engine);
  kill_process (process);

  /* Another key: nothing of it can be read, so the copy starts empty. */
  {
    guint8 other[SP_CACHE_KEY_SIZE];
    g_autoptr(GBytes) key = NULL;
    g_autoptr(SpCache) cache = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(JsonNode) profile = NULL;

    memset (other, 7, sizeof other);
    key = g_bytes_new (other, sizeof other);
    cache = sp_cache_new (path, key);
    sp_cache_open_async (cache, "demo-avd3", NULL, NULL, result_cb, &result);
    g_assert_true (sp_cache_open_finish (cache, wait_for (&result), &profile, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sp_cache_get_cursor (cache), ==, 0);
    g_clear_object (&result);
    sp_cache_load_rows_async (cache, NULL, result_cb, &result);
    {
      g_autoptr(GPtrArray) rows = sp_cache_load_rows_finish (cache, wait_for (&result),
                                                             &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 0);
    }
  }
}

/* Queued offline, the command survives a restart under its key and not under another. */
static void
test_wrong_key (void)
{
  g_autofree char *body = message_body ("Nyckelprov");
  g_autoptr(GError) error = NULL;
  Engine *engine;

  engine = engine_new (DEAD_URL, "key.db", "ward");
  wait_loaded (engine);
  g_assert_null (submit (engine, "POST", "/api/v1/episodes/e-x/messages", body, NULL, NULL,
                         &error));
  g_assert_no_error (error);
  engine_free (engine);

  engine = engine_new (DEAD_URL, "key.db", "ward");
  wait_loaded (engine);
  g_assert_cmpuint (sp_outbox_get_n_pending (engine->outbox), ==, 1);
  engine_free (engine);

  {
    guint8 other[SP_CACHE_KEY_SIZE];
    g_autofree char *path = g_build_filename (dir, "key.db", NULL);
    g_autoptr(GBytes) key = NULL;
    g_autoptr(SpCache) cache = NULL;
    g_autoptr(SpClient) client = sp_client_new (DEAD_URL);
    g_autoptr(SpOutbox) outbox = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GAsyncResult) pushed = NULL;

    memset (other, 7, sizeof other);
    key = g_bytes_new (other, sizeof other);
    cache = sp_cache_new (path, key);
    sp_cache_open_async (cache, "ward", NULL, NULL, result_cb, &result);
    g_assert_true (sp_cache_open_finish (cache, wait_for (&result), NULL, &error));
    outbox = sp_outbox_new (client, cache, "ward");
    sp_outbox_push_async (outbox, NULL, result_cb, &pushed);
    sp_outbox_push_finish (outbox, wait_for (&pushed), NULL);
    g_assert_cmpuint (sp_outbox_get_n_pending (outbox), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");

  /* test_killed_during_push () runs this binary as the app it kills. */
  if (argc == 5 && g_str_equal (argv[1], "--push-child"))
    {
      dir = argv[2];
      engine_set_dir (dir);
      return run_push_child (argv[3], argv[4]);
    }

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("samplan-sync-XXXXXX", &error);
  g_assert_no_error (error);
  engine_set_dir (dir);
  server = sp_test_server_start ("stockholm");

  g_test_add_func ("/sync/offline-then-online", test_offline_then_online);
  g_test_add_func ("/sync/sealed-copy", test_sealed_copy);
  g_test_add_func ("/sync/sealed-demo", test_sealed_demo);
  g_test_add_func ("/sync/wrong-key", test_wrong_key);
  g_test_add_func ("/sync/killed-during-push", test_killed_during_push);
  g_test_add_func ("/sync/server-killed-during-sync", test_server_killed_during_sync);
  g_test_add_func ("/sync/stamped-on-arrival", test_stamped_on_arrival);

  status = g_test_run ();
  sp_test_server_stop (server);
  return status;
}
