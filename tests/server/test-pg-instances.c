/* test-pg-instances.c — two samplan-server instances on one PostgreSQL database behave as one
 * server: writers on both, a reader of the changes feed that must miss nothing, idempotency
 * keys, the one-active-SIP rule and the sign-in limits across instances, and one instance
 * killed mid-burst
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs only with SAMPLAN_TEST_PG (build-aux/dev test makes a throwaway cluster). The burst is
 * short by default; SAMPLAN_SOAK_SECONDS=60 SAMPLAN_SOAK_WRITERS=20 is the full soak.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "sp-test-server.h"

static SpTestServer *server;   /* instance A, which also made the database */
static char *token;            /* the ward's: sessions live in the database, for both */

typedef struct
{
  GSubprocess *process;
  char        *uri;
} Instance;

static Instance second;        /* instance B */

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
start_second (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  second.process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SAMPLAN_SERVER"),
                                                "serve", "--db",
                                                sp_test_server_get_db (server),
                                                "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (second.process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  if (g_str_has_suffix (line, "/"))
    line[strlen (line) - 1] = '\0';
  g_free (second.uri);
  second.uri = line;
}

static void
kill_second (void)
{
  g_subprocess_send_signal (second.process, SIGKILL);
  g_subprocess_wait (second.process, NULL, NULL);
  g_clear_object (&second.process);
}

static const char *
instance_uri (guint which)
{
  return which % 2 == 0 ? sp_test_server_get_uri (server) : second.uri;
}

/* One request; FALSE when the instance could not be reached (refused, reset mid-answer). */
static gboolean
request (SoupSession  *session,
         guint         which,
         const char   *method,
         const char   *path,
         const char   *key,
         const char   *body,
         guint        *out_status,
         JsonNode    **out_json)
{
  g_autofree char *url = g_strconcat (instance_uri (which), path, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Authorization", bearer);
  if (key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", key);
  if (body != NULL)
    {
      g_autoptr(GBytes) request_body = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
    }

  bytes = soup_session_send_and_read (session, msg, NULL, NULL);
  if (bytes == NULL || soup_message_get_status (msg) < 100)
    return FALSE;

  *out_status = soup_message_get_status (msg);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  *out_json = json_node_ref (json_parser_get_root (parser));
  return TRUE;
}

/* A write that fails over: on an unreachable instance, the same command with the same key
 * goes to the other one. Returns the answer's "id", or NULL for an answer other than 201. */
static char *
write_with_failover (SoupSession *session,
                     guint        which,
                     const char  *path,
                     const char  *key,
                     const char  *body,
                     guint       *out_status)
{
  g_autoptr(JsonNode) json = NULL;

  for (guint attempt = 0; attempt < 20; attempt++)
    {
      if (request (session, which + attempt, "POST", path, key, body, out_status, &json))
        {
          if (*out_status != 201)
            return NULL;
          return g_strdup (json_object_get_string_member (json_node_get_object (json), "id"));
        }
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }

  g_error ("Neither instance answered %s", path);
}

/* Writers and the reader */

/* A fictional personnummer per call, unique across threads (sp_test_new_personnummer's
 * counter is not shared safely, and runs into the future after some hundreds). */
static char *
new_identity (void)
{
  static gint counter = 0;
  guint n = g_atomic_int_add (&counter, 1);
  g_autoptr(GDateTime) base = g_date_time_new_utc (1930, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) birth = g_date_time_add_days (base, n % 25000);
  g_autofree char *date = g_date_time_format (birth, "%Y%m%d");
  g_autofree char *ten = g_strdup_printf ("%s%03u", date + 2, 100 + (n / 25000) % 800);
  guint sum = 0;

  /* Luhn over the nine digits before the check digit: weights 2, 1, 2, … */
  for (guint i = 0; i < 9; i++)
    {
      guint d = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += d / 10 + d % 10;
    }

  return g_strdup_printf ("%.8s-%.3s%u", date, ten + 6, (10 - sum % 10) % 10);
}

typedef struct
{
  guint       index;
  gint64      deadline;
  GPtrArray  *episodes;   /* acknowledged: 201 with this id */
} Writer;

static const char episode_body[] =
  "{\"patient_id\":\"%s\",\"estimated_discharge\":\"2026-03-20\","
  "\"addressing\":[{\"unit\":\"vc-norr\"}],"
  "\"consents\":[{\"kind\":\"svu_exchange\",\"form\":\"oral\",\"given_by\":\"patient\"}]}";

static gpointer
writer_thread (gpointer user_data)
{
  Writer *writer = user_data;
  g_autoptr(SoupSession) session = soup_session_new ();

  for (guint i = 0; g_get_monotonic_time () < writer->deadline; i++)
    {
      g_autofree char *identity = new_identity ();
      g_autofree char *patient_body =
        g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"Testa\","
                         "\"family_name\":\"Skrivarsson\"}", identity);
      g_autofree char *patient_key = g_strdup_printf ("w%u-%u-p", writer->index, i);
      g_autofree char *episode_key = g_strdup_printf ("w%u-%u-e", writer->index, i);
      g_autofree char *patient_id = NULL;
      g_autofree char *episode_id = NULL;
      g_autofree char *body = NULL;
      guint status = 0;

      patient_id = write_with_failover (session, writer->index + i, "/api/v1/patients",
                                        patient_key, patient_body, &status);
      g_assert_cmpuint (status, ==, 201);
      body = g_strdup_printf (episode_body, patient_id);
      episode_id = write_with_failover (session, writer->index + i + 1, "/api/v1/episodes",
                                        episode_key, body, &status);
      g_assert_cmpuint (status, ==, 201);

      /* The same command again on the other instance: the first answer, no second effect. */
      if (i % 5 == 0)
        {
          g_autofree char *again = write_with_failover (session, writer->index + i,
                                                        "/api/v1/episodes", episode_key, body,
                                                        &status);

          g_assert_cmpuint (status, ==, 201);
          g_assert_cmpstr (again, ==, episode_id);
        }

      g_ptr_array_add (writer->episodes, g_steal_pointer (&episode_id));
    }

  return NULL;
}

/* Pages the feed from *@cursor on, on either instance; returns whether there is more. */
static gboolean
read_changes (SoupSession *session,
              guint        which,
              gint64      *cursor,
              GHashTable  *seen)
{
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT
                                           "&limit=50", *cursor);
  JsonObject *page;
  JsonArray *items;
  guint status;

  if (!request (session, which, "GET", path, NULL, NULL, &status, &json))
    return TRUE;
  g_assert_cmpuint (status, ==, 200);

  page = json_node_get_object (json);
  items = json_object_get_array_member (page, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "kind"), "episode"))
        g_hash_table_add (seen, g_strdup (json_object_get_string_member (item, "id")));
    }
  *cursor = json_object_get_int_member (page, "next");

  return json_object_get_boolean_member (page, "more");
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
test_soak (void)
{
  guint seconds = env_uint ("SAMPLAN_SOAK_SECONDS", 6);
  guint n_writers = env_uint ("SAMPLAN_SOAK_WRITERS", 6);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree Writer *writers = g_new0 (Writer, n_writers);
  g_autofree GThread **threads = g_new0 (GThread *, n_writers);
  gboolean killed = FALSE;
  gint64 cursor = 0;
  guint acknowledged = 0;
  guint reads = 0;
  guint before;

  /* What the other tests wrote. */
  while (read_changes (session, reads++, &cursor, seen))
    ;
  before = g_hash_table_size (seen);

  for (guint i = 0; i < n_writers; i++)
    {
      writers[i] = (Writer) { i, start + seconds * G_USEC_PER_SEC,
                              g_ptr_array_new_with_free_func (g_free) };
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }

  /* The reader polls both instances while the writers write; B dies halfway. */
  while (g_get_monotonic_time () < start + seconds * G_USEC_PER_SEC)
    {
      read_changes (session, reads++, &cursor, seen);
      if (!killed && g_get_monotonic_time () > start + seconds * G_USEC_PER_SEC / 2)
        {
          kill_second ();
          killed = TRUE;
        }
    }

  for (guint i = 0; i < n_writers; i++)
    g_thread_join (threads[i]);

  /* B comes back: nothing acknowledged is lost, on either instance. */
  start_second ();
  while (read_changes (session, reads++, &cursor, seen))
    ;

  for (guint i = 0; i < n_writers; i++)
    {
      for (guint j = 0; j < writers[i].episodes->len; j++)
        {
          const char *id = g_ptr_array_index (writers[i].episodes, j);
          g_autofree char *path = g_strconcat ("/api/v1/episodes/", id, NULL);
          g_autoptr(JsonNode) json = NULL;
          guint status;

          /* Missed by the feed reader: a change that became visible behind its cursor. */
          if (!g_hash_table_contains (seen, id))
            g_error ("The changes feed skipped an acknowledged episode");
          g_assert_true (request (session, j, "GET", path, NULL, NULL, &status, &json));
          g_assert_cmpuint (status, ==, 200);
          acknowledged++;
        }
      g_ptr_array_unref (writers[i].episodes);
    }

  g_test_message ("%u writers, %u s: %u episodes acknowledged, %u feed reads",
                  n_writers, seconds, acknowledged, reads);
  /* No duplicate effect: the feed holds exactly the acknowledged episodes, once each. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, before + acknowledged);
  g_assert_cmpuint (acknowledged, >, 0);
}

/* One active SIP per person, with the creations spread over both instances at once. */

typedef struct
{
  const char *episode_id;
  guint       index;
  guint       status;
} SipCreation;

static gpointer
create_sip_thread (gpointer user_data)
{
  SipCreation *creation = user_data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *key = g_strdup_printf ("sip-%u", creation->index);
  g_autofree char *body = g_strdup_printf ("{\"episode_id\":\"%s\"}", creation->episode_id);
  g_autoptr(JsonNode) json = NULL;

  g_assert_true (request (session, creation->index, "POST", "/api/v1/sips", key, body,
                          &creation->status, &json));
  return NULL;
}

static void
test_one_active_sip (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *identity = new_identity ();
  g_autofree char *patient_body = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":"
                                                   "\"Sippa\",\"family_name\":\"Testsson\"}",
                                                   identity);
  g_autofree char *patient_id = NULL;
  g_autofree char *episode_id = NULL;
  g_autofree char *episode = NULL;
  SipCreation creations[8];
  GThread *threads[G_N_ELEMENTS (creations)];
  guint created = 0, refused = 0, status;

  patient_id = write_with_failover (session, 0, "/api/v1/patients", "sip-p", patient_body,
                                    &status);
  episode = g_strdup_printf (episode_body, patient_id);
  episode_id = write_with_failover (session, 1, "/api/v1/episodes", "sip-e", episode, &status);
  g_assert_nonnull (episode_id);

  for (guint i = 0; i < G_N_ELEMENTS (creations); i++)
    {
      creations[i] = (SipCreation) { episode_id, i, 0 };
      threads[i] = g_thread_new ("sip", create_sip_thread, &creations[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (creations); i++)
    {
      g_thread_join (threads[i]);
      created += creations[i].status == 201;
      refused += creations[i].status == 409;
    }

  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpuint (refused, ==, G_N_ELEMENTS (creations) - 1);
}

/* Failed sign-ins are counted in the database: a limit reached on one instance holds on the
 * other, and a burst over both gets no more attempts than the limit. */

/* One sign-in on instance @which: the status, and the Retry-After it carried (or 0). */
static guint
sign_in_on (SoupSession *session,
            guint        which,
            const char  *username,
            const char  *password,
            gint64      *out_retry_after)
{
  g_autofree char *url = g_strconcat (instance_uri (which), "/api/v1/session", NULL);
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request_body = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  const char *retry_after;

  soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  retry_after = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                              "Retry-After");
  if (out_retry_after != NULL)
    *out_retry_after = retry_after != NULL ? g_ascii_strtoll (retry_after, NULL, 10) : 0;
  return soup_message_get_status (msg);
}

static void
test_sign_in_limit_shared (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  gint64 retry_after = 0;

  /* Five failures per user: all of them through instance A … */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (sign_in_on (session, 0, "vc", "fel lösenord!", NULL), ==, 401);

  /* … and B refuses the sixth attempt, even with the right password, saying for how long. */
  g_assert_cmpuint (sign_in_on (session, 1, "vc", SP_TEST_PASSWORD, &retry_after), ==, 429);
  g_assert_cmpint (retry_after, >, 0);
  g_assert_cmpint (retry_after, <=, 15 * 60);
  g_assert_cmpuint (sign_in_on (session, 0, "vc", SP_TEST_PASSWORD, NULL), ==, 429);

  /* Another user is not affected, on either instance. */
  g_assert_cmpuint (sign_in_on (session, 1, "sol", SP_TEST_PASSWORD, NULL), ==, 201);
}

typedef struct
{
  guint index;
  guint status;
} Attempt;

static gpointer
sign_in_thread (gpointer user_data)
{
  Attempt *attempt = user_data;
  g_autoptr(SoupSession) session = soup_session_new ();

  attempt->status = sign_in_on (session, attempt->index, "hsl", "fel lösenord!", NULL);
  return NULL;
}

static void
test_sign_in_burst (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  Attempt attempts[16];
  GThread *threads[G_N_ELEMENTS (attempts)];
  guint refused = 0, limited = 0;

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      attempts[i] = (Attempt) { i, 0 };
      threads[i] = g_thread_new ("sign-in", sign_in_thread, &attempts[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_thread_join (threads[i]);
      refused += attempts[i].status == 401;
      limited += attempts[i].status == 429;
    }

  /* Exactly the limit got to the password check; all the others were turned away first. */
  g_test_message ("%u wrong passwords checked, %u attempts refused", refused, limited);
  g_assert_cmpuint (refused, ==, 5);
  g_assert_cmpuint (limited, ==, G_N_ELEMENTS (attempts) - 5);
  g_assert_cmpuint (sign_in_on (session, 0, "hsl", SP_TEST_PASSWORD, NULL), ==, 429);
  g_assert_cmpuint (sign_in_on (session, 1, "hsl", SP_TEST_PASSWORD, NULL), ==, 429);
}

/* samplan-server migrate: a sqlite database into an empty PostgreSQL one, then served. */

static int
run_cli (char **out_stdout,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SAMPLAN_SERVER"));
  va_start (ap, out_stdout);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_migrate_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("samplan-migrate-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "unit.db", NULL);
  g_autofree char *name = g_strdup_printf ("samplan_migrate_%08x", g_random_int ());
  g_autofree char *target = g_strdup_printf ("%s dbname=%s", g_getenv ("SAMPLAN_TEST_PG"),
                                             name);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);
  g_autofree char *out = NULL, *again = NULL, *verified = NULL, *usage = NULL;
  PGconn *conn = PQconnectdb (g_getenv ("SAMPLAN_TEST_PG"));

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, create));

  g_assert_cmpint (run_cli (NULL, "init", "--db", file, "--profile", "vgr", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, "add-unit", "--db", file, "--id", "avd-1", "--name",
                            "Avdelning 1", "--kind", "inpatient", NULL), ==, 0);

  g_assert_cmpint (run_cli (&out, "migrate", "--from", file, "--to", target, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "meta                1 rows"));
  g_assert_nonnull (strstr (out, "Copied and verified"));
  /* Never over a store: the second run changes nothing. */
  g_assert_cmpint (run_cli (&again, "migrate", "--from", file, "--to", target, NULL), ==, 1);
  /* --to must name PostgreSQL, --from an existing file. */
  g_assert_cmpint (run_cli (&usage, "migrate", "--from", file, "--to", file, NULL), ==, 2);

  /* The copy is a store the other commands open as any: the profile came along. */
  g_assert_cmpint (run_cli (&verified, "audit", "verify", "--db", target, NULL), ==, 0);
  g_assert_nonnull (strstr (verified, "\"ok\":true"));
  g_assert_cmpint (run_cli (NULL, "init", "--db", target, NULL), ==, 1);

  PQclear (PQexec (conn, drop));
  PQfinish (conn);
  g_remove (file);
  g_rmdir (dir);
}

static void
test_no_cluster (void)
{
  g_test_skip ("SAMPLAN_TEST_PG is not set: no PostgreSQL test cluster");
}

int
main (int   argc,
      char *argv[])
{
  const char *pg = g_getenv ("SAMPLAN_TEST_PG");
  int status;

  g_test_init (&argc, &argv, NULL);

  if (pg == NULL || *pg == '\0')
    {
      g_test_add_func ("/server/pg-instances/no-cluster", test_no_cluster);
      return g_test_run ();
    }

  server = sp_test_server_start ("stockholm");
  token = sp_test_server_sign_in (server, "ward");
  start_second ();

  g_test_add_func ("/server/pg-instances/migrate-cli", test_migrate_cli);
  g_test_add_func ("/server/pg-instances/one-active-sip", test_one_active_sip);
  g_test_add_func ("/server/pg-instances/sign-in-limit-shared", test_sign_in_limit_shared);
  g_test_add_func ("/server/pg-instances/sign-in-burst", test_sign_in_burst);
  g_test_add_func ("/server/pg-instances/soak", test_soak);

  status = g_test_run ();

  kill_second ();
  g_free (second.uri);
  g_free (token);
  sp_test_server_stop (server);
  return status;
}
