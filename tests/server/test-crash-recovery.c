/* test-crash-recovery.c — kill -9 in the middle of a write burst: nothing acknowledged is
 * lost, the store opens cleanly, and replaying what was in flight creates each record once
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writes are patient registrations (POST /api/v1/patients), each with its own valid
 * personnummer and Idempotency-Key. Four writer threads share the burst; the main thread
 * kills the server with SIGKILL once a seeded, random number of writes has been answered,
 * so the kill lands while other writes are on the wire or being committed. Five cycles.
 *
 * The server is started by the harness (database, units, users) and then run as a process
 * of this test on the same database, because the writer threads need its address and must
 * see a dropped connection as an outcome rather than a failed assertion.
 *
 * It runs on both backends: what is killed is the server, whose promise is that nothing it
 * acknowledged is lost and nothing in flight happens twice. On sqlite the next start also
 * recovers the file from its WAL; on PostgreSQL the database itself never went down.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "sp-store.h"
#include "sp-test-server.h"

#define N_CYCLES         5
#define WRITES_PER_CYCLE 240
#define N_WRITERS        4

typedef enum
{
  WRITE_UNSENT,
  WRITE_IN_FLIGHT, /* sent; no answer came back before the kill */
  WRITE_ACKNOWLEDGED,
} WriteState;

typedef struct
{
  char       *identity; /* 12 digits */
  char       *key;
  char       *body;
  WriteState  state;
  char       *patient_id;
} Write;

static SpTestServer *harness;
static GSubprocess *process;
static char *uri;
static char *token;
static GRand *rand_gen;

/* The burst being written, shared by the writer threads. */
static Write *writes;
static guint n_writes;
static gint next_write;
static gint n_answered;
static GMutex lock;

static void
write_clear (Write *write)
{
  g_free (write->identity);
  g_free (write->key);
  g_free (write->body);
  g_free (write->patient_id);
}

static int
luhn_check_digit (const char *nine_digits)
{
  int sum = 0;

  for (int i = 0; i < 9; i++)
    {
      int digit = (nine_digits[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += digit > 9 ? digit - 9 : digit;
    }

  return (10 - sum % 10) % 10;
}

/* The @index-th distinct personnummer: birth dates from 1 January 1940, 999 serials each. */
static char *
make_identity (guint index)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (1940, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) born = g_date_time_add_days (base, index / 999);
  g_autofree char *nine = g_strdup_printf ("%02d%02d%02d%03u",
                                           g_date_time_get_year (born) % 100,
                                           g_date_time_get_month (born),
                                           g_date_time_get_day_of_month (born),
                                           index % 999 + 1);

  return g_strdup_printf ("%d%s%d", g_date_time_get_year (born) / 100, nine,
                          luhn_check_digit (nine));
}

static void
plan_writes (guint first)
{
  for (guint i = 0; i < n_writes; i++)
    {
      Write *write = &writes[i];

      write->identity = make_identity (first + i);
      write->key = g_strdup_printf ("crash-recovery-%u", first + i);
      write->body = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"Krasch\","
                                     "\"family_name\":\"Testsson %u\"}", write->identity,
                                     first + i);
    }
}

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              g_getenv ("SAMPLAN_SERVER"), "serve", "--db",
                              sp_test_server_get_db (harness), "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_free (uri);
  uri = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (uri, "http://127.0.0.1:"));
  if (g_str_has_suffix (uri, "/"))
    uri[strlen (uri) - 1] = '\0';
}

static void
kill_server (void)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_clear_object (&process);
}

/* Returns the status, or 0 if no complete answer came back; *out_json gets the answer. */
static guint
post (SoupSession  *session,
      const char   *path,
      const char   *key,
      const char   *body,
      JsonNode    **out_json)
{
  g_autofree char *url = g_strconcat (uri, path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Idempotency-Key", key);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);

  response = soup_session_send_and_read (session, msg, NULL, NULL);
  /* Killed between the status line and the body, the server leaves libsoup with a status
   * and an empty body: that is no acknowledgement either, the client never saw the record. */
  if (response == NULL || g_bytes_get_size (response) == 0 ||
      !json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                   g_bytes_get_size (response), NULL))
    return 0;

  if (out_json != NULL)
    *out_json = json_node_ref (json_parser_get_root (parser));

  return soup_message_get_status (msg);
}

static const char *
object_id (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_string_member (json_node_get_object (node), "id");
}

static gpointer
writer_thread (gpointer user_data)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);

  for (;;)
    {
      g_autoptr(JsonNode) answer = NULL;
      guint index = g_atomic_int_add (&next_write, 1);
      Write *write;
      guint status;

      if (index >= n_writes)
        return NULL;

      write = &writes[index];
      g_mutex_lock (&lock);
      write->state = WRITE_IN_FLIGHT;
      g_mutex_unlock (&lock);

      status = post (session, "/api/v1/patients", write->key, write->body, &answer);
      /* The server was killed: stop; the rest of the burst stays unsent. */
      if (status == 0)
        return NULL;

      if (status != 201)
        g_error ("write %u: status %u", index, status);

      g_mutex_lock (&lock);
      write->state = WRITE_ACKNOWLEDGED;
      write->patient_id = g_strdup (object_id (answer));
      g_mutex_unlock (&lock);
      g_atomic_int_inc (&n_answered);
    }
}

/* One burst; the server is killed after @kill_after answers. */
static void
burst_and_kill (guint kill_after)
{
  GThread *threads[N_WRITERS];

  g_atomic_int_set (&next_write, 0);
  g_atomic_int_set (&n_answered, 0);
  for (guint i = 0; i < N_WRITERS; i++)
    threads[i] = g_thread_new ("writer", writer_thread, NULL);

  while ((guint) g_atomic_int_get (&n_answered) < kill_after &&
         (guint) g_atomic_int_get (&next_write) < n_writes)
    g_usleep (200);
  kill_server ();

  for (guint i = 0; i < N_WRITERS; i++)
    g_thread_join (threads[i]);
}

static guint
get (SoupSession  *session,
     const char   *path,
     JsonNode    **out_json)
{
  g_autofree char *url = g_strconcat (uri, path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  response = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (g_bytes_get_size (response) > 0 &&
      json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                  g_bytes_get_size (response), NULL))
    *out_json = json_node_ref (json_parser_get_root (parser));

  return soup_message_get_status (msg);
}

/* The record behind @identity, found by the registry's lookup. */
static char *
lookup (SoupSession *session,
        const char  *identity)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = g_strconcat ("/api/v1/patients?identity=", identity, NULL);
  guint status = get (session, path, &answer);

  if (status == 404)
    return NULL;
  g_assert_cmpuint (status, ==, 200);
  return g_strdup (object_id (answer));
}

/* Replays @write with its key: 201 with the record, the remembered answer or a creation. */
static char *
replay (SoupSession *session,
        Write       *write)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = post (session, "/api/v1/patients", write->key, write->body, &answer);

  g_assert_cmpuint (status, ==, 201);
  return g_strdup (object_id (answer));
}

/* After the restart: every acknowledged write is there, as it was acknowledged (and every
 * tenth is replayed: its remembered answer survived too); what was in flight or unsent is
 * created by its replay, exactly once, and a second replay changes nothing. */
static void
verify_and_replay (SoupSession *session,
                   guint       *n_acknowledged,
                   guint       *n_in_flight)
{
  for (guint i = 0; i < n_writes; i++)
    {
      Write *write = &writes[i];
      g_autofree char *found = lookup (session, write->identity);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autofree char *after = NULL;

      if (write->state == WRITE_ACKNOWLEDGED)
        {
          (*n_acknowledged)++;
          if (g_strcmp0 (found, write->patient_id) != 0)
            g_error ("acknowledged write %u lost: registry has %s, answer said %s", i,
                     found != NULL ? found : "nothing", write->patient_id);
          if (i % 10 == 0)
            {
              first = replay (session, write);
              g_assert_cmpstr (first, ==, found);
            }
          continue;
        }

      if (write->state == WRITE_UNSENT)
        g_assert_null (found);
      else
        (*n_in_flight)++;

      first = replay (session, write);
      if (found != NULL)
        g_assert_cmpstr (first, ==, found);
      second = replay (session, write);
      g_assert_cmpstr (second, ==, first);
      after = lookup (session, write->identity);
      g_assert_cmpstr (after, ==, first);
    }
}

/* With the server stopped: the database opens and holds one patient per identity written
 * (and the fixture's none). */
static void
verify_store (guint n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open_for_uri (sp_test_server_get_db (harness), &error);
  g_autoptr(GPtrArray) patients = NULL;

  g_assert_no_error (error);
  patients = sp_store_list (store, "patient", NULL, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, n_expected);
}

static void
test_kill_during_burst (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  guint n_acknowledged = 0;
  guint n_in_flight = 0;

  for (guint cycle = 0; cycle < N_CYCLES; cycle++)
    {
      guint kill_after = g_rand_int_range (rand_gen, WRITES_PER_CYCLE / 2,
                                           WRITES_PER_CYCLE - N_WRITERS);
      guint acknowledged = 0;
      guint in_flight = 0;

      n_writes = WRITES_PER_CYCLE;
      writes = g_new0 (Write, n_writes);
      plan_writes (cycle * WRITES_PER_CYCLE);

      start_server ();
      burst_and_kill (kill_after);
      start_server ();
      verify_and_replay (session, &acknowledged, &in_flight);
      g_test_message ("cycle %u: killed after %u answers; %u acknowledged, %u in flight",
                      cycle, kill_after, acknowledged, in_flight);
      g_assert_cmpuint (acknowledged, >=, kill_after);
      n_acknowledged += acknowledged;
      n_in_flight += in_flight;

      /* Idle: a later cycle's kill must not find this cycle's connections. */
      soup_session_abort (session);
      kill_server ();

      for (guint i = 0; i < n_writes; i++)
        write_clear (&writes[i]);
      g_clear_pointer (&writes, g_free);
    }

  g_test_message ("%u acknowledged writes kept, %u in-flight writes replayed once",
                  n_acknowledged, n_in_flight);
  verify_store (N_CYCLES * WRITES_PER_CYCLE);

  /* The harness's own server starts on the crashed-and-recovered database too. */
  sp_test_server_restart (harness);
  {
    g_auto(SpTestResponse) r = { 0 };

    sp_test_server_request (harness, "GET", "/api/v1/health", NULL, NULL, NULL, &r);
    g_assert_cmpuint (r.status, ==, 200);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *seed_text = g_getenv ("SAMPLAN_TEST_SEED");
  guint32 seed;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  seed = seed_text != NULL ? (guint32) g_ascii_strtoull (seed_text, NULL, 10)
                           : g_random_int ();
  g_print ("# seed %u (SAMPLAN_TEST_SEED=%u replays the kill points)\n", seed, seed);
  rand_gen = g_rand_new_with_seed (seed);

  g_test_add_func ("/server/crash-recovery/kill-during-burst", test_kill_during_burst);

  harness = sp_test_server_start ("stockholm");
  token = sp_test_server_sign_in (harness, "ward");
  /* From here on the test runs the server itself (see the top of the file). */
  sp_test_server_kill (harness);

  status = g_test_run ();

  sp_test_server_stop (harness);
  g_rand_free (rand_gen);
  g_free (token);
  g_free (uri);

  return status;
}
