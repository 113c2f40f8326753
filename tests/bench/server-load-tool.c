/* server-load-tool.c — the measuring parts of tests/bench/server-load
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   server-load-tool reads URI SECONDS CLIENTS    episode list pages and single episodes
 *   server-load-tool writes URI SECONDS CLIENTS   general messages and planning answers
 *   server-load-tool bare-get URI SECONDS CLIENTS GET URI itself (the bare server's ceiling)
 *   server-load-tool bare-server                  a SoupServer answering one fixed JSON body
 *   server-load-tool sqlite SECONDS               the same inserts into a bare sqlite WAL table
 *
 * One client for every figure: the ratios compare the server with its ceilings, not two
 * different load generators. The client is libsoup on one main loop with CLIENTS requests in
 * flight; each prints "requests/s p50 p99 errors" on one line. The server under load must
 * hold `seed-demo` data (demo users, passwords demo-lösenord-1…3 for the wards).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sp-json.h"

#define N_WARDS 3

typedef struct
{
  char     *id;
  guint     ward;     /* index into tokens */
  gboolean  open;     /* planning or ready: takes messages */
  gboolean  planning; /* still in planning: takes answers */
  gint64    planning_revision;
  gboolean  busy;     /* a write to it is in flight */
} Episode;

typedef enum { LOAD_READS, LOAD_WRITES, LOAD_BARE } LoadKind;

typedef struct
{
  LoadKind      kind;
  SoupSession  *session;
  char         *uri;       /* the first instance: preparation goes there */
  GStrv         uris;      /* every instance, taking requests in turn */
  guint         next_uri;
  char         *tokens[N_WARDS];
  GPtrArray    *episodes;  /* (element-type Episode) */
  GPtrArray    *open;      /* (element-type Episode) planning or ready, unowned */
  GPtrArray    *planning;  /* (element-type Episode) the ones in planning, unowned */
  GRand        *rand;
  gint64        deadline;
  GArray       *latencies; /* ms, double */
  guint         n_errors;
  guint         in_flight;
  guint         next_key;
  GMainLoop    *loop;
} Load;

typedef struct
{
  Load    *load;
  Episode *episode; /* for a planning answer: whose revision to update */
  gint64   started;
} Pending;

/* Round robin over the instances, as a reverse proxy in front of them would. */
static const char *
pick_uri (Load *load)
{
  return load->uris[load->next_uri++ % g_strv_length (load->uris)];
}

static void
episode_free (Episode *episode)
{
  g_free (episode->id);
  g_free (episode);
}

static JsonNode *
send_sync (Load        *load,
           const char  *method,
           const char  *path,
           const char  *token,
           const char  *body,
           guint       *out_status)
{
  g_autofree char *url = g_strconcat (load->uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  response = soup_session_send_and_read (load->session, msg, NULL, &error);
  if (response == NULL)
    g_error ("%s %s: %s", method, path, error->message);
  *out_status = soup_message_get_status (msg);
  return sp_json_parse (g_bytes_get_data (response, NULL), g_bytes_get_size (response), NULL);
}

/* The three wards of the demo region sign in; every episode is listed once, by its ward. */
static void
prepare (Load *load)
{
  const char *wards[N_WARDS] = { "demo-avd3", "demo-avd7", "demo-avd12" };

  load->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) episode_free);
  load->open = g_ptr_array_new ();
  load->planning = g_ptr_array_new ();
  for (guint w = 0; w < N_WARDS; w++)
    {
      g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":"
                                               "\"demo-lösenord-%u\"}", wards[w], w + 1);
      g_autoptr(JsonNode) session = NULL;
      guint status = 0;

      session = send_sync (load, "POST", "/api/v1/session", NULL, body, &status);
      if (status != 201)
        g_error ("sign-in as %s: %u (is the database seeded with seed-demo?)", wards[w], status);
      load->tokens[w] = g_strdup (json_object_get_string_member (json_node_get_object (session),
                                                                 "token"));

      for (guint offset = 0;; offset += 500)
        {
          g_autofree char *path = g_strdup_printf ("/api/v1/episodes?limit=500&offset=%u",
                                                   offset);
          g_autoptr(JsonNode) page = send_sync (load, "GET", path, load->tokens[w], NULL,
                                                &status);
          JsonArray *items;

          g_assert_cmpuint (status, ==, 200);
          items = json_object_get_array_member (json_node_get_object (page), "items");
          for (guint i = 0; i < json_array_get_length (items); i++)
            {
              JsonObject *item = json_array_get_object_element (items, i);
              Episode *episode = g_new0 (Episode, 1);
              const char *state;

              episode->id = g_strdup (json_object_get_string_member (item, "id"));
              episode->ward = w;
              state = json_object_get_string_member (item, "state");
              episode->open = g_strcmp0 (state, "planning") == 0 ||
                              g_strcmp0 (state, "ready") == 0;
              episode->planning = g_strcmp0 (state, "planning") == 0;
              /* seed-demo writes a planning basis once (revision 1) when it has a track. */
              episode->planning_revision = json_node_is_null (json_object_get_member (item,
                                                                                      "track"))
                                           ? 0 : 1;
              g_ptr_array_add (load->episodes, episode);
            }

          if (json_array_get_length (items) < 500)
            break;
        }
    }

  for (guint i = 0; i < load->episodes->len; i++)
    {
      Episode *episode = g_ptr_array_index (load->episodes, i);

      if (episode->open)
        g_ptr_array_add (load->open, episode);
      if (episode->planning)
        g_ptr_array_add (load->planning, episode);
    }

  if (load->open->len == 0 || load->planning->len < 100)
    g_error ("no episodes to load: seed the database with seed-demo first");
}

static void start_one (Load *load);

/* The planning basis's revision from an answer, for the next base_revision. */
static void
note_revision (Episode *episode,
               GBytes  *body)
{
  g_autoptr(JsonNode) node = sp_json_parse (g_bytes_get_data (body, NULL),
                                            g_bytes_get_size (body), NULL);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "revision"))
    episode->planning_revision = json_object_get_int_member (json_node_get_object (node),
                                                             "revision");
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *pending = user_data;
  Load *load = pending->load;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  double ms = (g_get_monotonic_time () - pending->started) / 1000.0;
  guint status = body != NULL ? soup_message_get_status (msg) : 0;

  g_array_append_val (load->latencies, ms);
  if (status < 200 || status > 299)
    {
      if (load->n_errors++ < 3)
        g_printerr ("server-load-tool: %s %s: status %u %s\n", soup_message_get_method (msg),
                    g_uri_get_path (soup_message_get_uri (msg)), status,
                    body != NULL ? (const char *) g_bytes_get_data (body, NULL)
                                 : error->message);
    }
  else if (pending->episode != NULL)
    note_revision (pending->episode, body);

  if (pending->episode != NULL)
    pending->episode->busy = FALSE;
  g_free (pending);

  load->in_flight--;
  if (g_get_monotonic_time () < load->deadline)
    start_one (load);
  else if (load->in_flight == 0)
    g_main_loop_quit (load->loop);
}

/* An episode in planning with no answer in flight, so that base revisions never collide. */
static Episode *
pick_free (Load *load)
{
  for (;;)
    {
      Episode *episode = g_ptr_array_index (load->planning,
                                            g_rand_int_range (load->rand, 0,
                                                              load->planning->len));

      if (!episode->busy)
        return episode;
    }
}

static SoupMessage *
next_message (Load     *load,
              Episode **out_episode)
{
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = NULL;
  g_autofree char *authorization = NULL;
  SoupMessage *msg;
  Episode *episode;
  gboolean first_kind = g_rand_boolean (load->rand);

  *out_episode = NULL;
  if (load->kind == LOAD_BARE)
    return soup_message_new ("GET", load->uri);

  if (load->kind == LOAD_READS)
    {
      episode = g_ptr_array_index (load->episodes,
                                   g_rand_int_range (load->rand, 0, load->episodes->len));
      /* One of the first ten pages: what the overview shows (an unfiltered page costs the
       * same at any depth; filtered ones scan; see "Load benchmark" in docs/api.md). */
      if (first_kind)
        url = g_strdup_printf ("%s/api/v1/episodes?limit=50&offset=%u", pick_uri (load),
                               50 * g_rand_int_range (load->rand, 0, 10));
      else
        url = g_strdup_printf ("%s/api/v1/episodes/%s", pick_uri (load), episode->id);
      msg = soup_message_new ("GET", url);
    }
  else if (first_kind)
    {
      episode = g_ptr_array_index (load->open,
                                   g_rand_int_range (load->rand, 0, load->open->len));
      url = g_strdup_printf ("%s/api/v1/episodes/%s/messages", pick_uri (load), episode->id);
      body = g_strdup ("{\"kind\":\"general_message\",\"to\":\"all\",\"send\":true,"
                       "\"text\":\"Belastningsprov: hemgången planeras till fredag.\"}");
      msg = soup_message_new ("POST", url);
    }
  else
    {
      episode = pick_free (load);
      episode->busy = TRUE;
      *out_episode = episode;
      url = g_strdup_printf ("%s/api/v1/episodes/%s/planning/answers", pick_uri (load),
                             episode->id);
      body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"answers\":"
                              "{\"hsl_new\":%s}}", MAX (episode->planning_revision, 0),
                              g_rand_boolean (load->rand) ? "true" : "false");
      msg = soup_message_new ("POST", url);
    }

  authorization = g_strconcat ("Bearer ", load->tokens[episode->ward], NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      key = g_strdup_printf ("server-load-%d-%u", getpid (), load->next_key++);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                    key);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  return msg;
}

static void
start_one (Load *load)
{
  Pending *pending = g_new0 (Pending, 1);
  g_autoptr(SoupMessage) msg = next_message (load, &pending->episode);

  pending->load = load;
  pending->started = g_get_monotonic_time ();
  load->in_flight++;
  soup_session_send_and_read_async (load->session, msg, G_PRIORITY_DEFAULT, NULL, done_cb,
                                    pending);
}

/* CPU seconds (user + system) used so far by the processes in $SERVER_PIDS ("1,2"): how much
 * of the machine the server took, which the load of other programs on it does not change. */
static double
servers_cpu_seconds (void)
{
  const char *pids = g_getenv ("SERVER_PIDS");
  g_auto(GStrv) each = NULL;
  double total = 0;

  if (pids == NULL)
    return 0;

  each = g_strsplit (pids, ",", -1);
  for (guint i = 0; each[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/stat", each[i]);
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;
      const char *after_name;

      if (!g_file_get_contents (path, &text, NULL, NULL) ||
          (after_name = strrchr (text, ')')) == NULL)
        continue;
      /* Fields 14 and 15 (utime, stime) are the 12th and 13th after the name's ")". */
      fields = g_strsplit (after_name + 2, " ", -1);
      if (g_strv_length (fields) > 12)
        total += (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
                 sysconf (_SC_CLK_TCK);
    }

  return total;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
run_load (LoadKind    kind,
          const char *uri,
          guint       seconds,
          guint       clients)
{
  Load load = { 0 };
  gint64 started;
  double elapsed, p50, p99, cpu_started;

  load.kind = kind;
  /* "URI[,URI…]": several instances of one server. */
  load.uris = g_strsplit (uri, ",", -1);
  for (guint i = 0; kind != LOAD_BARE && load.uris[i] != NULL; i++)
    {
      if (g_str_has_suffix (load.uris[i], "/"))
        load.uris[i][strlen (load.uris[i]) - 1] = '\0';
    }
  load.uri = g_strdup (load.uris[0]);
  load.session = soup_session_new_with_options ("max-conns", clients + 4,
                                                "max-conns-per-host", clients + 4,
                                                "timeout", 60, NULL);
  load.rand = g_rand_new_with_seed (42);
  load.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  load.loop = g_main_loop_new (NULL, FALSE);
  if (kind != LOAD_BARE)
    prepare (&load);

  cpu_started = servers_cpu_seconds ();
  started = g_get_monotonic_time ();
  load.deadline = started + seconds * G_USEC_PER_SEC;
  for (guint i = 0; i < clients; i++)
    start_one (&load);
  g_main_loop_run (load.loop);
  elapsed = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  g_array_sort (load.latencies, compare_doubles);
  p50 = g_array_index (load.latencies, double, load.latencies->len / 2);
  p99 = g_array_index (load.latencies, double, load.latencies->len * 99 / 100);
  g_print ("%.1f %.2f %.2f %u\n", load.latencies->len / elapsed, p50, p99, load.n_errors);
  if (g_getenv ("SERVER_PIDS") != NULL && load.latencies->len > 0)
    g_printerr ("server CPU: %.3f ms per request\n",
                1000 * (servers_cpu_seconds () - cpu_started) / load.latencies->len);

  for (guint i = 0; i < N_WARDS; i++)
    g_free (load.tokens[i]);
  g_clear_pointer (&load.open, g_ptr_array_unref);
  g_clear_pointer (&load.planning, g_ptr_array_unref);
  g_clear_pointer (&load.episodes, g_ptr_array_unref);
  g_array_unref (load.latencies);
  g_main_loop_unref (load.loop);
  g_rand_free (load.rand);
  g_object_unref (load.session);
  g_free (load.uri);
  g_strfreev (load.uris);
  return load.n_errors == 0 ? 0 : 1;
}

static void
bare_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  static const char body[] = "{\"status\":\"ok\",\"version\":\"0.1.0\"}";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    sizeof body - 1);
}

static int
run_bare_server (void)
{
  g_autoptr(SoupServer) server = soup_server_new ("server-header", "bare", NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, bare_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("listen: %s", error->message);

  uris = soup_server_get_uris (server);
  {
    g_autofree char *text = g_uri_to_string (uris->data);
    g_print ("%s\n", text);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  fflush (stdout);

  g_main_loop_run (loop);
  return 0;
}

/* What a write costs the store at the bottom: one row of about a message's size, one
 * transaction each, in WAL mode with synchronous=NORMAL like the server's store. */
static int
run_sqlite (guint seconds)
{
  g_autofree char *dir = g_dir_make_tmp ("server-load-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bare.db", NULL);
  g_autofree char *row = g_strnfill (900, 'x');
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  gint64 started, deadline;
  guint n = 0;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "CREATE TABLE records (id TEXT PRIMARY KEY, body TEXT)",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO records VALUES (?, ?)", -1, &insert,
                          NULL) != SQLITE_OK)
    g_error ("sqlite: %s", sqlite3_errmsg (db));

  started = g_get_monotonic_time ();
  deadline = started + seconds * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *id = g_uuid_string_random ();

      sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      sqlite3_bind_text (insert, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, row, -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        g_error ("sqlite: %s", sqlite3_errmsg (db));
      sqlite3_reset (insert);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      n++;
    }

  g_print ("%.1f\n", n / ((g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC));
  sqlite3_finalize (insert);
  sqlite3_close (db);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc == 2 && strcmp (argv[1], "bare-server") == 0)
    return run_bare_server ();
  if (argc == 3 && strcmp (argv[1], "sqlite") == 0)
    return run_sqlite (atoi (argv[2]));
  if (argc == 5)
    {
      LoadKind kind = strcmp (argv[1], "reads") == 0 ? LOAD_READS
                      : strcmp (argv[1], "writes") == 0 ? LOAD_WRITES : LOAD_BARE;

      if (kind != LOAD_BARE || strcmp (argv[1], "bare-get") == 0)
        return run_load (kind, argv[2], atoi (argv[3]), atoi (argv[4]));
    }

  g_printerr ("Usage: %s reads|writes|bare-get URI SECONDS CLIENTS | bare-server | "
              "sqlite SECONDS\n", argv[0]);
  return 2;
}
