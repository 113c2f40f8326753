/* test-overview-rows.c — the overview's rendered rows are sent again only while they are
 * still true (sp-api-episodes-rows.c)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A differential test: one server keeps its rendered rows while its clock moves (the clock is
 * read from SAMPLAN_TEST_NOW on every call, and this server runs in this process), and at
 * each moment a server started cold on the same database renders every row anew. Every page
 * of the overview, as every ward and municipal unit of the demo region sees it, must be the
 * same byte for byte: deadlines turn overdue, days after ready count up, consents and harm
 * assessments run out — and a kept row must never hide any of it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sp-json.h"
#include "sp-region-profile.h"
#include "sp-server.h"
#include "sp-store.h"
#include "sp-test-server.h"

/* Demo users (seed-demo) of a ward, a vårdcentral and municipal units. */
static const struct
{
  const char *username;
  const char *password;
} callers[] = {
  { "demo-avd3", "demo-lösenord-1" },
  { "demo-vc1", "demo-lösenord-4" },
  { "demo-hsl1", "demo-lösenord-8" },
  { "demo-rehab2", "demo-lösenord-12" },
};

/* When the demo region was seeded, and where its clock goes afterwards: back to before the
 * seeding's consents were given (the same day), a second before and at a deadline (added
 * from the data), past the next 12:00, into the next day and week, across a month and the
 * DST change, a year on. */
#define SEEDED_AT "2026-03-25T09:30:00+01:00"
static const char * const moments[] = {
  SEEDED_AT,
  "2026-03-25T00:00:01+01:00",
  "2026-03-25T11:59:59+01:00",
  "2026-03-25T12:00:00+01:00",
  "2026-03-26T08:00:00+01:00",
  "2026-03-30T12:00:00+02:00",
  "2026-04-25T10:00:00+02:00",
  "2027-03-25T10:00:00+01:00",
};

typedef struct
{
  char        *dir;
  char        *db;
  SoupSession *session;
} Fixture;

static void
seed (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { g_getenv ("SAMPLAN_SERVER"), "seed-demo", "--db", fixture->db,
                         "--episodes", "60", NULL };

  g_assert_nonnull (argv[0]);
  g_setenv ("SAMPLAN_TEST_NOW", SEEDED_AT, TRUE);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("seed-demo failed: %s", err);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static JsonNode *
request (Fixture    *fixture,
         SpServer   *server,
         const char *method,
         const char *path,
         const char *token,
         const char *body,
         guint      *out_status)
{
  g_autofree char *base = sp_server_get_uri (server);
  g_autofree char *uri = g_strconcat (base, path + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  GAsyncResult *result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    bearer);
    }
  if (g_str_equal (method, "POST"))
    {
      g_autofree char *key = g_uuid_string_random ();

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                    key);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) content = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", content);
    }

  /* The server answers from this thread's main loop: turn it while waiting. */
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  *out_status = soup_message_get_status (msg);
  return sp_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
}

static SpServer *
start_server (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open_for_uri (fixture->db, &error);
  g_autofree char *profile_id = NULL;
  g_autoptr(SpServer) server = NULL;

  g_assert_no_error (error);
  g_assert_true (sp_store_get_meta (store, "profile", &profile_id, &error));
  g_assert_no_error (error);
  server = sp_server_new (store, sp_region_profile_lookup (profile_id));
  g_assert_true (sp_server_listen (server, "127.0.0.1:0", NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&server);
}

static char *
sign_in (Fixture  *fixture,
         SpServer *server,
         guint     caller)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           callers[caller].username,
                                           callers[caller].password);
  g_autoptr(JsonNode) session = NULL;
  guint status = 0;

  session = request (fixture, server, "POST", "/api/v1/session", NULL, body, &status);
  g_assert_cmpuint (status, ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (session), "token"));
}

/* Every page of the caller's overview, as one JSON text. */
static char *
overview (Fixture    *fixture,
          SpServer   *server,
          const char *token,
          guint      *out_rows)
{
  g_autoptr(GString) pages = g_string_new (NULL);

  *out_rows = 0;
  for (guint offset = 0;; offset += 25)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/episodes?limit=25&offset=%u", offset);
      g_autoptr(JsonNode) page = NULL;
      g_autofree char *text = NULL;
      guint status = 0, n;

      page = request (fixture, server, "GET", path, token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      text = sp_json_to_string (page, FALSE);
      g_string_append (pages, text);
      n = json_array_get_length (json_object_get_array_member (json_node_get_object (page),
                                                               "items"));
      *out_rows += n;
      if (n < 25)
        break;
    }

  return g_string_free (g_steal_pointer (&pages), FALSE);
}

/* A patient admitted at the seeding time, with consent given then: its clocks are still to
 * come (the demo's are all overdue by then), and earlier that day it had no consent. */
static void
admit_one (Fixture  *fixture,
           SpServer *server)
{
  g_autofree char *token = sign_in (fixture, server, 0);
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *patient_body = NULL;
  g_autofree char *episode_body = NULL;
  g_autoptr(JsonNode) patient = NULL;
  g_autoptr(JsonNode) episode = NULL;
  guint status = 0;

  patient_body = g_strdup_printf (
    "{\"identity\":\"%s\",\"given_name\":\"Klockan\",\"family_name\":\"Testsson\","
    "\"address\":{\"street\":\"Provgatan 1\",\"postal_code\":\"99999\",\"city\":\"Teststad\"},"
    "\"municipality\":{\"code\":\"9991\",\"name\":\"Testkommun\"},"
    "\"phone\":\"070-0000000\"}", identity);
  patient = request (fixture, server, "POST", "/api/v1/patients", token, patient_body, &status);
  g_assert_cmpuint (status, ==, 201);
  episode_body = g_strdup_printf (
    "{\"patient_id\":\"%s\",\"addressing\":[{\"unit\":\"demo-vc-exempelby\","
    "\"role\":\"recipient\"}],\"estimated_discharge\":\"2026-04-02\","
    "\"reason_for_contact\":\"Fiktiv: prov av överblickens klockor\","
    "\"consents\":[{\"kind\":\"svu_exchange\",\"form\":\"oral\",\"given_by\":\"patient\"}]}",
    json_object_get_string_member (json_node_get_object (patient), "id"));
  episode = request (fixture, server, "POST", "/api/v1/episodes", token, episode_body, &status);
  g_assert_cmpuint (status, ==, 201);
}

/* A second before and at the first open deadline of the ward's episodes still to come
 * that is not at midnight: there, only whether it is overdue changes. */
static void
add_deadline_moments (Fixture   *fixture,
                      SpServer  *server,
                      GPtrArray *times)
{
  g_autofree char *token = sign_in (fixture, server, 0);
  g_autoptr(GTimeZone) stockholm = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr(GDateTime) seeded = g_date_time_new_from_iso8601 (SEEDED_AT, NULL);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(JsonNode) page = NULL;
  JsonArray *items;
  guint status = 0;

  page = request (fixture, server, "GET", "/api/v1/episodes?limit=500", token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  items = json_object_get_array_member (json_node_get_object (page), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (items, i),
                                                      "id");
      g_autofree char *path = g_strconcat ("/api/v1/episodes/", id, NULL);
      g_autoptr(JsonNode) episode = request (fixture, server, "GET", path, token, NULL, &status);
      JsonArray *clocks;

      g_assert_cmpuint (status, ==, 200);
      clocks = json_object_get_array_member (json_node_get_object (episode), "clocks");
      for (guint k = 0; k < json_array_get_length (clocks); k++)
        {
          JsonObject *clock = json_array_get_object_element (clocks, k);
          g_autoptr(GDateTime) due = NULL;
          g_autoptr(GDateTime) local = NULL;

          if (!json_object_get_null_member (clock, "done_at"))
            continue;
          due = g_date_time_new_from_iso8601 (json_object_get_string_member (clock, "due"),
                                              NULL);
          local = g_date_time_to_timezone (due, stockholm);
          if (g_date_time_compare (due, seeded) > 0 &&
              g_date_time_get_hour (local) + g_date_time_get_minute (local) > 0 &&
              (first == NULL || g_date_time_compare (due, first) < 0))
            {
              g_clear_pointer (&first, g_date_time_unref);
              first = g_date_time_ref (due);
            }
        }
    }

  g_assert_nonnull (first);
  before = g_date_time_add_seconds (first, -1);
  g_ptr_array_add (times, g_date_time_format_iso8601 (before));
  g_ptr_array_add (times, g_date_time_format_iso8601 (first));
}

static void
test_rows_follow_the_clock (void)
{
  Fixture fixture = { 0 };
  g_autoptr(SpServer) warm = NULL;
  guint differing_moments = 0;
  g_autofree char *first = NULL;
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);

  fixture.dir = g_dir_make_tmp ("samplan-rows-XXXXXX", NULL);
  fixture.db = g_build_filename (fixture.dir, "demo.db", NULL);
  fixture.session = soup_session_new ();
  seed (&fixture);

  warm = start_server (&fixture);
  admit_one (&fixture, warm);
  for (guint m = 0; m < G_N_ELEMENTS (moments); m++)
    g_ptr_array_add (times, g_strdup (moments[m]));
  add_deadline_moments (&fixture, warm, times);

  for (guint m = 0; m < times->len; m++)
    {
      const char *moment = g_ptr_array_index (times, m);
      g_autoptr(SpServer) cold = NULL;

      g_setenv ("SAMPLAN_TEST_NOW", moment, TRUE);
      cold = start_server (&fixture);
      for (guint c = 0; c < G_N_ELEMENTS (callers); c++)
        {
          /* Sessions expire as the clock moves: a new one each time, on both. */
          g_autofree char *warm_token = sign_in (&fixture, warm, c);
          g_autofree char *cold_token = sign_in (&fixture, cold, c);
          g_autofree char *kept = NULL;
          g_autofree char *fresh = NULL;
          guint kept_rows = 0, fresh_rows = 0;

          /* Twice from the warm server: the second answer comes from its kept rows. */
          g_free (overview (&fixture, warm, warm_token, &kept_rows));
          kept = overview (&fixture, warm, warm_token, &kept_rows);
          fresh = overview (&fixture, cold, cold_token, &fresh_rows);
          g_test_message ("%s at %s: %u rows", callers[c].username, moment, fresh_rows);
          g_assert_cmpuint (fresh_rows, >, 0);
          g_assert_cmpstr (kept, ==, fresh);
          if (c == 0 && m == 0)
            first = g_steal_pointer (&fresh);
          else if (c == 0 && g_strcmp0 (first, fresh) != 0)
            differing_moments++;
        }
      sp_server_shutdown (cold);
    }

  /* The moments are chosen so that the ward's overview does change with the clock. */
  g_assert_cmpuint (differing_moments, >=, 3);

  sp_server_shutdown (warm);
  g_object_unref (fixture.session);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (fixture.db, (const char *[]) { "", "-wal", "-shm" }[i],
                                           NULL);

      g_unlink (file);
    }
  g_rmdir (fixture.dir);
  g_free (fixture.db);
  g_free (fixture.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/overview-rows/follow-the-clock", test_rows_follow_the_clock);

  return g_test_run ();
}
