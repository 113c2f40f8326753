/* sync.c — the initial sync of a ward with 20,000 episodes into an empty sealed copy, and a
 * push of 1,000 commands queued offline (issue #7's benchmark)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   _build/tests/bench/sync-bench [--episodes N] [--db SEEDED.db] [--keep]
 *
 * Seeds the demo region with 3 × N episodes (`seed-demo`: every third episode is the ward
 * demo-avd3's, so that user sees N, default 20,000) unless --db names a database seeded so
 * (it is copied, never written), serves it on loopback with the samplan-server of this
 * build, and signs in as demo-avd3. Then, timed:
 *
 * - initial: one round of the engine (SpSync, no UI) from an empty copy: the changes feed
 *   page by page into the sealed copy, the overview rows, the inbox count;
 * - push: 1,000 general messages queued while the server could not be reached (one per
 *   episode), then an outbox on the live server reads them from the copy and sends them all.
 *
 * Prints what was synced (from the copy's own table: kinds and counts, all in clear) and,
 * last, `sync: initial S s, push P s`. Targets: < 10 s and < 5 s. Not a meson test.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sp-cache.h"
#include "sp-json.h"
#include "sp-outbox.h"
#include "sp-sync.h"

#define N_PUSH 1000
#define WARD "demo-avd3"
#define WARD_PASSWORD "demo-lösenord-1"
/* A port nobody listens on: the outbox queues. */
#define DEAD_URL "http://127.0.0.1:9"

typedef struct
{
  GPtrArray *episode_ids;  /* of the overview rows, as the engine read them */
  gboolean   finished;
  GError    *error;
  SpCache   *cache;        /* of the initial sync, watched */
  gint64     cursor;       /* the last cursor seen, and when it moved (monotonic) */
  gint64     cursor_moved_at;
} Bench;

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

static void
check (gboolean    ok,
       GError     *error,
       const char *what)
{
  if (!ok)
    g_error ("%s: %s", what, error != NULL ? error->message : "failed");
}

static gpointer
make_item (JsonNode  *row,
           gpointer   user_data,
           GError   **error)
{
  Bench *bench = user_data;

  g_ptr_array_add (bench->episode_ids,
                   g_strdup (json_object_get_string_member (json_node_get_object (row), "id")));
  return g_object_new (G_TYPE_OBJECT, NULL);
}

static void
finished_cb (SpSync *sync,
             GError *error,
             Bench  *bench)
{
  bench->finished = TRUE;
  bench->error = error != NULL ? g_error_copy (error) : NULL;
}

/* When the changes feed is done: the last time the copy's cursor moved. */
static gboolean
watch_cursor_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 cursor = sp_cache_get_cursor (bench->cache);

  if (cursor != bench->cursor)
    {
      bench->cursor = cursor;
      bench->cursor_moved_at = g_get_monotonic_time ();
    }
  return G_SOURCE_CONTINUE;
}

/* CPU seconds (user + system) of this process. */
static double
own_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Bytes this process has written (to files and sockets), from /proc/self/io. */
static double
own_written (void)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/io", &contents, NULL, NULL) ||
      (line = strstr (contents, "wchar: ")) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("wchar: "), NULL);
}

/* CPU seconds of the server, from /proc/PID/stat (fields 14 and 15, in clock ticks). */
static double
server_cpu (GSubprocess *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat",
                                           g_subprocess_get_identifier (server));
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *end;

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      (end = strrchr (contents, ')')) == NULL)
    return 0;
  fields = g_strsplit (end + 2, " ", 0);  /* from field 3 on */
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

static char *
server_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : g_strdup (".");

  return g_build_filename (dir, "..", "..", "src", "server", "samplan-server", NULL);
}

static void
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                                                      &error);

  check (process != NULL && g_subprocess_wait_check (process, NULL, &error), error, argv[1]);
}

/* Starts the server on @db; returns its address (its first line). */
static GSubprocess *
serve (const char  *server,
       const char  *db,
       char       **out_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, server, "serve", "--db",
                              db, "--listen", "127.0.0.1:0", NULL);
  check (process != NULL, error, "serve");
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *out_url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  check (*out_url != NULL, error, "serve: no address");
  g_strchomp (*out_url);
  return process;
}

static SpCache *
open_cache (const char *path,
            GBytes     *key)
{
  g_autoptr(SpCache) cache = sp_cache_new (path, key);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sp_cache_open_async (cache, WARD, NULL, NULL, result_cb, &result);
  check (sp_cache_open_finish (cache, wait_for (&result), NULL, &error), error, "open");
  return g_steal_pointer (&cache);
}

/* What the copy holds, by kind: ids and kinds are in clear, the bodies are not. */
static void
print_counts (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT kind, count(*) FROM records WHERE deleted = 0 "
                              "GROUP BY kind ORDER BY kind", -1, &statement, NULL) != SQLITE_OK)
    g_error ("counting: %s", sqlite3_errmsg (db));

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    GStatBuf file = { 0, }, log = { 0, };

    /* What the sync wrote: the file, and the WAL not yet checkpointed into it. */
    g_stat (path, &file);
    g_stat (wal, &log);
    g_print ("the copy: %.1f MB, its WAL %.1f MB\n", file.st_size / 1e6, log.st_size / 1e6);
  }
  g_print ("the copy holds:");
  while (sqlite3_step (statement) == SQLITE_ROW)
    g_print (" %s %d,", (const char *) sqlite3_column_text (statement, 0),
             sqlite3_column_int (statement, 1));
  g_print ("\n");
  sqlite3_finalize (statement);
  sqlite3_close (db);
}

static double
initial_sync (Bench        *bench,
              GSubprocess  *server,
              const char   *url,
              const char   *path,
              GBytes       *key,
              char        **out_token)
{
  g_autoptr(SpClient) client = sp_client_new (url);
  g_autoptr(SpCache) cache = open_cache (path, key);
  g_autoptr(SpOutbox) outbox = NULL;
  g_autoptr(SpSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) session = NULL;
  double client_cpu, served_cpu, written;
  gint64 start, end;
  guint watch;

  sp_client_sign_in_async (client, WARD, WARD_PASSWORD, NULL, result_cb, &result);
  session = sp_client_sign_in_finish (client, wait_for (&result), &error);
  check (session != NULL, error, "sign-in (is the database seeded with seed-demo?)");
  *out_token = g_strdup (sp_client_get_token (client));

  bench->cache = cache;
  watch = g_timeout_add (20, watch_cursor_cb, bench);
  client_cpu = own_cpu ();
  served_cpu = server_cpu (server);
  written = own_written ();
  start = g_get_monotonic_time ();
  outbox = sp_outbox_new (client, cache, WARD);
  sync = sp_sync_new (client, cache, G_TYPE_OBJECT, make_item, NULL, bench);
  sp_sync_set_outbox (sync, outbox);
  g_signal_connect (sync, "finished", G_CALLBACK (finished_cb), bench);
  sp_sync_start (sync);
  sp_sync_refresh (sync);
  while (!bench->finished)
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time ();
  check (bench->error == NULL, bench->error, "initial sync");
  sp_sync_stop (sync);
  g_source_remove (watch);
  bench->cache = NULL;

  g_print ("initial sync: %u overview rows, cursor %" G_GINT64_FORMAT "\n",
           bench->episode_ids->len, sp_cache_get_cursor (cache));
  g_print ("  changes feed %.1f s, then overview rows and inbox %.1f s\n",
           (bench->cursor_moved_at - start) / (double) G_USEC_PER_SEC,
           (end - bench->cursor_moved_at) / (double) G_USEC_PER_SEC);
  g_print ("  CPU: this process %.1f s, the server %.1f s\n", own_cpu () - client_cpu,
           server_cpu (server) - served_cpu);
  g_print ("  this process wrote %.0f MB (the copy, its WAL, requests)\n",
           (own_written () - written) / 1e6);
  return (end - start) / (double) G_USEC_PER_SEC;
}

static double
push (Bench       *bench,
      GSubprocess *server,
      const char  *url,
      const char  *path,
      GBytes      *key,
      const char  *token)
{
  g_autoptr(GError) error = NULL;
  double client_cpu, served_cpu, seconds;
  gint64 start;
  guint n = MIN (N_PUSH, bench->episode_ids->len);

  /* Queued while the server could not be reached: stored, answered "queued". */
  {
    g_autoptr(SpClient) offline = sp_client_new (DEAD_URL);
    g_autoptr(SpCache) cache = open_cache (path, key);
    g_autoptr(SpOutbox) outbox = sp_outbox_new (offline, cache, WARD);
    g_autoptr(GAsyncResult) pushed = NULL;

    sp_client_set_token (offline, token);
    sp_outbox_push_async (outbox, NULL, result_cb, &pushed);
    sp_outbox_push_finish (outbox, wait_for (&pushed), NULL);
    for (guint i = 0; i < n; i++)
      {
        const char *episode_id = g_ptr_array_index (bench->episode_ids, i);
        g_autofree char *text = g_strdup_printf ("{\"kind\":\"general_message\",\"to\":\"all\","
                                                 "\"text\":\"Riktmärke %u\",\"send\":true}", i);
        g_autofree char *message_path = g_strdup_printf ("/api/v1/episodes/%s/messages",
                                                         episode_id);
        g_autoptr(JsonNode) body = sp_json_parse (text, -1, NULL);
        g_autoptr(GAsyncResult) result = NULL;
        g_autoptr(JsonNode) answer = NULL;
        SpOutboxOutcome outcome;

        sp_outbox_submit_async (outbox, "POST", message_path, body, NULL, NULL, result_cb,
                                &result);
        answer = sp_outbox_submit_finish (outbox, wait_for (&result), &outcome, &error);
        check (error == NULL && outcome == SP_OUTBOX_OUTCOME_QUEUED, error, "queue");
      }
    g_print ("queued offline: %u commands\n", sp_outbox_get_n_pending (outbox));
  }

  /* Back online: the outbox reads the copy and sends every command, in order. */
  client_cpu = own_cpu ();
  served_cpu = server_cpu (server);
  start = g_get_monotonic_time ();
  {
    g_autoptr(SpClient) client = sp_client_new (url);
    g_autoptr(SpCache) cache = open_cache (path, key);
    g_autoptr(SpOutbox) outbox = NULL;
    g_autoptr(GAsyncResult) pushed = NULL;

    sp_client_set_token (client, token);
    outbox = sp_outbox_new (client, cache, WARD);
    sp_outbox_push_async (outbox, NULL, result_cb, &pushed);
    check (sp_outbox_push_finish (outbox, wait_for (&pushed), &error), error, "push");
    if (sp_outbox_get_n_pending (outbox) != 0 || sp_outbox_get_n_held (outbox) != 0)
      g_error ("push: %u pending, %u held", sp_outbox_get_n_pending (outbox),
               sp_outbox_get_n_held (outbox));
  }
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_print ("pushed: %u commands, none held\n", n);
  g_print ("  CPU: this process %.1f s, the server %.1f s\n", own_cpu () - client_cpu,
           server_cpu (server) - served_cpu);
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— the sync benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *seeded = NULL;
  g_autofree char *server = server_path ();
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) key = NULL;
  guint8 key_bytes[SP_CACHE_KEY_SIZE];
  int episodes = 20000;
  gboolean keep = FALSE;
  Bench bench = { 0 };
  double initial, pushed;
  GOptionEntry entries[] = {
    { "episodes", 0, 0, G_OPTION_ARG_INT, &episodes, "Episodes the ward sees", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &seeded, "A database seeded for this N", "FILE" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the copy and the server's database", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  dir = g_dir_make_tmp ("samplan-sync-bench-XXXXXX", &error);
  check (dir != NULL, error, "temporary folder");
  db = g_build_filename (dir, "server.db", NULL);
  cache_path = g_build_filename (dir, "cache.db", NULL);

  if (seeded != NULL)
    {
      const char *copy[] = { "cp", seeded, db, NULL };

      run (copy);
    }
  else
    {
      g_autofree char *n = g_strdup_printf ("%d", 3 * episodes);
      const char *seed[] = { server, "seed-demo", "--db", db, "--episodes", n, NULL };
      gint64 start = g_get_monotonic_time ();

      run (seed);
      g_print ("seed-demo --episodes %s: %.1f s (not measured)\n", n,
               (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }

  process = serve (server, db, &url);
  randombytes_buf (key_bytes, sizeof key_bytes);
  key = g_bytes_new (key_bytes, sizeof key_bytes);
  bench.episode_ids = g_ptr_array_new_with_free_func (g_free);

  initial = initial_sync (&bench, process, url, cache_path, key, &token);
  print_counts (cache_path);
  if (bench.episode_ids->len < (guint) episodes)
    g_printerr ("warning: the ward sees %u episodes, not %d\n", bench.episode_ids->len,
                episodes);

  pushed = push (&bench, process, url, cache_path, key, token);

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  if (keep)
    {
      g_print ("kept: %s\n", dir);
    }
  else
    {
      const char *remove[] = { "rm", "-rf", dir, NULL };

      run (remove);
    }
  g_ptr_array_unref (bench.episode_ids);
  g_clear_error (&bench.error);

  g_print ("sync: initial %.1f s, push %.1f s\n", initial, pushed);
  return 0;
}
