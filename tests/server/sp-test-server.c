/* sp-test-server.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server under test is the real binary, set up with its own administrator commands, so
 * the tests exercise exactly what an administrator runs.
 *
 * Backends: a sqlite file in a temporary folder, or, when SAMPLAN_TEST_PG names a database of
 * a throwaway PostgreSQL cluster (build-aux/dev test makes one), a new database of its own in
 * that cluster, dropped when the test ends (SpTestDatabase). Tests reach the database only
 * through the API, the CLI, sp_store_open_for_uri() or, to tamper, sp_test_database_exec(),
 * so every server test runs on both.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <string.h>

#include "sp-test-server.h"

struct _SpTestDatabase
{
  char *dir;
  char *uri;      /* what --db takes */
  char *pg_name;  /* the PostgreSQL database, NULL on sqlite */
};

struct _SpTestServer
{
  SpTestDatabase  *database;
  const char      *db;
  char           **serve_args;
  char            *uri;
  GSubprocess     *process;
  SoupSession     *session;
};

static void
run_admin (const char *stdin_text,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SAMPLAN_SERVER"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  /* stdout is silenced: it would mix with this test's TAP output. */
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_error ("samplan-server %s failed: %s", first, err);
}

static void
add_unit (SpTestServer *self,
          const char   *id,
          const char   *name,
          const char   *kind,
          const char   *municipality)
{
  run_admin (NULL, "add-unit", "--db", self->db, "--id", id, "--name", name, "--kind", kind,
             "--municipality", municipality, NULL);
}

static void
add_user (SpTestServer *self,
          const char   *username,
          const char   *name,
          const char   *title,
          const char   *units,
          const char   *roles)
{
  run_admin (SP_TEST_PASSWORD "\n", "add-user", "--db", self->db, "--username", username,
             "--name", name, "--title", title, "--units", units, "--roles", roles, NULL);
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn_server (SpTestServer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  /* A failing test aborts; its server must not outlive it (and keep the pipe open). */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_ptr_array_add (argv, (gpointer) g_getenv ("SAMPLAN_SERVER"));
  g_ptr_array_add (argv, "serve");
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) self->db);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, "127.0.0.1:0");
  for (guint i = 0; self->serve_args != NULL && self->serve_args[i] != NULL; i++)
    g_ptr_array_add (argv, self->serve_args[i]);
  g_ptr_array_add (argv, NULL);

  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));

  g_free (self->uri);
  self->uri = g_strdup (line);
  if (g_str_has_suffix (self->uri, "/"))
    self->uri[strlen (self->uri) - 1] = '\0';
}

/* Runs one statement in the cluster's database that SAMPLAN_TEST_PG names. */
static void
pg_exec (const char *sql)
{
  PGconn *conn = PQconnectdb (g_getenv ("SAMPLAN_TEST_PG"));
  PGresult *result = NULL;

  if (PQstatus (conn) == CONNECTION_OK)
    result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

gboolean
sp_test_database_is_pg (void)
{
  const char *pg = g_getenv ("SAMPLAN_TEST_PG");

  return pg != NULL && *pg != '\0';
}

/**
 * sp_test_database_new:
 *
 * A new, empty database for one test: a sqlite file in a temporary folder or, with
 * SAMPLAN_TEST_PG, a database of its own in that cluster (a later keyword wins in a
 * connection string, so dbname= names it). Not initialised: run `samplan-server init`.
 */
SpTestDatabase *
sp_test_database_new (void)
{
  SpTestDatabase *self = g_new0 (SpTestDatabase, 1);
  g_autofree char *create = NULL;
  g_autoptr(GError) error = NULL;

  self->dir = g_dir_make_tmp ("samplan-server-test-XXXXXX", &error);
  g_assert_no_error (error);

  if (!sp_test_database_is_pg ())
    {
      self->uri = g_build_filename (self->dir, "samplan.db", NULL);
      return self;
    }

  self->pg_name = g_strdup_printf ("samplan_test_%08x", g_random_int ());
  create = g_strdup_printf ("CREATE DATABASE %s", self->pg_name);
  pg_exec (create);
  self->uri = g_strdup_printf ("%s dbname=%s", g_getenv ("SAMPLAN_TEST_PG"), self->pg_name);
  return self;
}

const char *
sp_test_database_get_uri (SpTestDatabase *self)
{
  return self->uri;
}

/* A folder of the test's own, removed with the database (empty it first). */
const char *
sp_test_database_get_dir (SpTestDatabase *self)
{
  return self->dir;
}

/**
 * sp_test_database_exec:
 * @sql: statements in the backend's own SQL
 *
 * Changes the database behind the store's back, as someone holding it could (sqlite: a new
 * connection with foreign keys off, as in the sqlite3 shell).
 *
 * Returns: the rows the last statement changed, or -1 with @error set if it was refused
 */
gint64
sp_test_database_exec (SpTestDatabase  *self,
                       const char      *sql,
                       GError         **error)
{
  gint64 changes = -1;

  if (self->pg_name != NULL)
    {
      PGconn *conn = PQconnectdb (self->uri);
      PGresult *result = PQstatus (conn) == CONNECTION_OK ? PQexec (conn, sql) : NULL;

      if (PQresultStatus (result) == PGRES_COMMAND_OK)
        changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (conn));
      PQclear (result);
      PQfinish (conn);
    }
  else
    {
      sqlite3 *db = NULL;
      char *message = NULL;

      g_assert_cmpint (sqlite3_open (self->uri, &db), ==, SQLITE_OK);
      if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
        changes = sqlite3_changes (db);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message);
      sqlite3_free (message);
      sqlite3_close (db);
    }

  return changes;
}

void
sp_test_database_free (SpTestDatabase *self)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (self->pg_name != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", self->pg_name);

      pg_exec (drop);
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *path = g_strconcat (self->uri, suffixes[i], NULL);

          g_remove (path);
        }
    }
  g_rmdir (self->dir);

  g_free (self->dir);
  g_free (self->uri);
  g_free (self->pg_name);
  g_free (self);
}

SpTestServer *
sp_test_server_start (const char *profile)
{
  return sp_test_server_start_with_args (profile, NULL);
}

/**
 * sp_test_server_start_with_args:
 * @serve_args: (nullable): more arguments for `samplan-server serve`
 */
SpTestServer *
sp_test_server_start_with_args (const char         *profile,
                                const char * const *serve_args)
{
  SpTestServer *self = g_new0 (SpTestServer, 1);

  self->database = sp_test_database_new ();
  self->db = sp_test_database_get_uri (self->database);
  self->serve_args = g_strdupv ((char **) serve_args);

  run_admin (NULL, "init", "--db", self->db, "--profile", profile, NULL);
  add_unit (self, "avd-12", "Avdelning 12, Testsjukhuset", "inpatient", "TEST:Testregionen");
  add_unit (self, "vc-norr", "Vårdcentralen Norr (test)", "outpatient", "TEST:Testregionen");
  add_unit (self, "hsl-test", "Hemsjukvården Testkommun", "municipal_health", "9991:Testkommun");
  add_unit (self, "sol-test", "Biståndsenheten Testkommun", "social_services",
            "9991:Testkommun");
  add_unit (self, "vc-syd", "Vårdcentralen Syd (test)", "outpatient", "TEST:Testregionen");

  add_user (self, "ward", "Anna Testsson", "Sjuksköterska", "avd-12", "staff");
  add_user (self, "vc", "Bertil Provsson", "Distriktssköterska", "vc-norr", "staff");
  add_user (self, "hsl", "Cecilia Exempelsson", "Sjuksköterska", "hsl-test", "staff");
  add_user (self, "sol", "David Demosson", "Biståndshandläggare", "sol-test", "staff");
  add_user (self, "vcsyd", "Eva Fiktiv", "Distriktssköterska", "vc-syd", "staff");
  add_user (self, "granskare", "Fredrik Loggsson", "Informationssäkerhetssamordnare",
            "avd-12", "log_reviewer");

  self->session = soup_session_new ();
  spawn_server (self);
  return self;
}

static void
end_process (SpTestServer *self,
             int           signum)
{
  g_autoptr(GError) error = NULL;

  if (self->process == NULL)
    return;

  /* Like a well-behaved client, close idle keep-alive connections first. */
  soup_session_abort (self->session);
  g_subprocess_send_signal (self->process, signum);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  if (signum == SIGTERM)
    {
      /* A graceful stop exits 0. */
      g_assert_true (g_subprocess_get_if_exited (self->process));
      g_assert_cmpint (g_subprocess_get_exit_status (self->process), ==, 0);
    }
  g_clear_object (&self->process);
}

void
sp_test_server_kill (SpTestServer *self)
{
  end_process (self, SIGKILL);
}

void
sp_test_server_restart (SpTestServer *self)
{
  g_assert_null (self->process);
  spawn_server (self);
}

void
sp_test_server_stop (SpTestServer *self)
{
  end_process (self, SIGTERM);
  g_clear_object (&self->session);
  sp_test_database_free (self->database);
  g_strfreev (self->serve_args);
  g_free (self->uri);
  g_free (self);
}

const char *
sp_test_server_get_db (SpTestServer *self)
{
  return self->db;
}

const char *
sp_test_server_get_uri (SpTestServer *self)
{
  return self->uri;
}

/* How many file descriptors the server process holds (Linux /proc). */
guint
sp_test_server_count_fds (SpTestServer *self)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd",
                                           g_subprocess_get_identifier (self->process));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

void
sp_test_server_request (SpTestServer   *self,
                        const char     *method,
                        const char     *path,
                        const char     *token,
                        const char     *idempotency_key,
                        const char     *body,
                        SpTestResponse *out)
{
  g_autofree char *url = g_strconcat (self->uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);

  memset (out, 0, sizeof *out);
  out->status = soup_message_get_status (msg);
  out->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (out->body[0] != '\0')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, out->body, -1, NULL))
        out->json = json_node_ref (json_parser_get_root (parser));
    }
}

void
sp_test_response_clear (SpTestResponse *response)
{
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->body, g_free);
}

JsonObject *
sp_test_response_object (SpTestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

const char *
sp_test_response_error_code (SpTestResponse *response)
{
  JsonObject *object = sp_test_response_object (response);
  JsonObject *error;

  if (!json_object_has_member (object, "error"))
    return NULL;
  error = json_object_get_object_member (object, "error");
  return json_object_get_string_member (error, "code");
}

char *
sp_test_server_sign_in (SpTestServer *self,
                        const char   *username)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, SP_TEST_PASSWORD);

  sp_test_server_request (self, "POST", "/api/v1/session", NULL, NULL, body, &response);
  g_assert_cmpuint (response.status, ==, 201);
  return g_strdup (json_object_get_string_member (sp_test_response_object (&response),
                                                  "token"));
}

/* Asserts a refusal: its status, code, field (when given) and a Swedish sentence. */
void
sp_test_response_assert_error (SpTestResponse *response,
                               guint           status,
                               const char     *code,
                               const char     *field)
{
  JsonObject *error;

  g_test_message ("%u %s", response->status, response->body);
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (sp_test_response_error_code (response), ==, code);
  error = json_object_get_object_member (sp_test_response_object (response), "error");
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
  /* Every refusal carries a Swedish sentence for the user. */
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "message")), >, 10);
}

/* A valid personnummer of someone born in the 1950s, a new one on every call. */
char *
sp_test_new_personnummer (void)
{
  static guint n = 0;
  g_autoptr(GDateTime) base = g_date_time_new_utc (1950, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) birth = g_date_time_add_days (base, n++ * 37);
  g_autofree char *century = g_date_time_format (birth, "%C");
  g_autofree char *date = g_date_time_format (birth, "%y%m%d");
  g_autofree char *ten = g_strdup_printf ("%s%03u", date, 100 + n % 800);
  guint sum = 0;

  /* Luhn over the ten digits without the check digit: weights 2, 1, 2, … */
  for (guint i = 0; i < 9; i++)
    {
      guint d = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += d / 10 + d % 10;
    }

  return g_strdup_printf ("%s%.6s-%.3s%u", century, ten, ten + 6, (10 - sum % 10) % 10);
}
