/* test-cache.c — the local copy: changes pages, overview rows, one user per copy
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>
#include <string.h>

#include "sp-cache.h"
#include "sp-episode-summary.h"
#include "sp-json.h"
#include "sp-sqlite-store.h"

/* A test-only key provider: fixed bytes instead of the keyring. */
static GBytes *
test_key (guint8 fill)
{
  guint8 key[SP_CACHE_KEY_SIZE];

  memset (key, fill, sizeof key);
  return g_bytes_new (key, sizeof key);
}

static SpCache *
new_cache (const char *path)
{
  g_autoptr(GBytes) key = test_key (7);

  return sp_cache_new (path, key);
}

typedef struct
{
  char    *dir;
  char    *path;
  SpCache *cache;
} Fixture;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static JsonNode *
open_cache (SpCache    *cache,
            const char *username,
            const char *profile)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = profile != NULL ? sp_json_parse (profile, -1, NULL) : NULL;
  JsonNode *out = NULL;

  sp_cache_open_async (cache, username, node, NULL, result_cb, &result);
  g_assert_true (sp_cache_open_finish (cache, wait_for (&result), &out, &error));
  g_assert_no_error (error);

  return out;
}

/* Applies a page given as JSON text; returns whether it was applied. */
static gboolean
apply (SpCache    *cache,
       const char *text,
       guint      *n_changed,
       gboolean   *more,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) page = sp_json_parse (text, -1, NULL);

  g_assert_nonnull (page);
  sp_cache_apply_changes_async (cache, page, NULL, result_cb, &result);
  return sp_cache_apply_changes_finish (cache, wait_for (&result), n_changed, more, error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("samplan-cache-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: the cache creates it. */
  fixture->path = g_build_filename (fixture->dir, "host-8443", "cache.db", NULL);
  fixture->cache = new_cache (fixture->path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (fixture->path);

  gpointer weak = fixture->cache;

  sp_cache_delete_async (fixture->cache, NULL, result_cb, &result);
  g_assert_true (sp_cache_delete_finish (fixture->cache, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A worker thread lets go of its task (and so of the cache) a moment after answering,
   * without waking the main loop: poll for at most a second. */
  g_object_add_weak_pointer (G_OBJECT (fixture->cache), &weak);
  g_object_unref (fixture->cache);
  for (guint i = 0; weak != NULL && i < 1000; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (weak);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
test_path (void)
{
  static const struct
  {
    const char *url;
    const char *folder;  /* NULL: no cache for it */
  } cases[] = {
    { "https://samplan.example.org", "samplan.example.org" },
    { "https://samplan.example.org/", "samplan.example.org" },
    /* Two servers on one host must not share a copy. */
    { "http://127.0.0.1:43211", "127.0.0.1-43211" },
    { "not an address", NULL },
    { "https://", NULL },
    /* A host that would climb out of the cache folder. */
    { "https://../", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = sp_cache_path_for_server (cases[i].url);
      g_autofree char *expected = NULL;

      if (cases[i].folder != NULL)
        expected = g_build_filename (g_get_user_cache_dir (), "samplan", cases[i].folder,
                                     "cache.db", NULL);
      g_assert_cmpstr (path, ==, expected);
    }
}

static char *
body_of (SpStore    *store,
         const char *kind,
         const char *id,
         gboolean   *deleted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) record = sp_store_get (store, kind, id, &error);

  g_autoptr(GBytes) key = test_key (7);
  GBytes *body;
  const guint8 *sealed;
  gsize size = 0;
  char *text;

  g_assert_no_error (error);
  *deleted = sp_record_is_deleted (record);
  if (*deleted)
    return NULL;

  /* Sealed: nonce ‖ secretbox. */
  body = sp_record_get_body (record);
  sealed = g_bytes_get_data (body, &size);
  g_assert_cmpuint (size, >=, crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES);
  text = g_malloc0 (size);
  g_assert_cmpint (crypto_secretbox_open_easy ((guint8 *) text,
                                               sealed + crypto_secretbox_NONCEBYTES,
                                               size - crypto_secretbox_NONCEBYTES, sealed,
                                               g_bytes_get_data (key, NULL)), ==, 0);
  return text;
}

static const char page_1[] =
  "{\"items\":["
  "{\"kind\":\"unit\",\"id\":\"avd-12\",\"revision\":1,\"seq\":1,\"parent\":null,"
  " \"record\":{\"id\":\"avd-12\",\"name\":\"Avdelning 12\"}},"
  "{\"kind\":\"patient\",\"id\":\"p1\",\"revision\":1,\"seq\":5,\"parent\":null,"
  " \"record\":{\"id\":\"p1\",\"revision\":1}},"
  "{\"kind\":\"episode\",\"id\":\"e1\",\"revision\":2,\"seq\":7,\"parent\":null,"
  " \"record\":{\"id\":\"e1\",\"revision\":2}},"
  "{\"kind\":\"message\",\"id\":\"m1\",\"revision\":1,\"seq\":6,\"parent\":\"e1\","
  " \"record\":{\"id\":\"m1\",\"revision\":1}}"
  "],\"next\":10,\"more\":true}";

static void
test_apply (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) profile = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *body = NULL;
  guint n_changed = 0;
  gboolean more = FALSE;
  gboolean deleted = TRUE;

  profile = open_cache (fixture->cache, "ward", NULL);
  g_assert_true (JSON_NODE_HOLDS_NULL (profile));
  g_assert_cmpint (sp_cache_get_cursor (fixture->cache), ==, 0);

  g_assert_true (apply (fixture->cache, page_1, &n_changed, &more, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 4);
  g_assert_true (more);
  g_assert_cmpint (sp_cache_get_cursor (fixture->cache), ==, 10);

  /* The same records again (a page read twice): nothing changes but the cursor. */
  g_assert_true (apply (fixture->cache,
                        "{\"items\":[{\"kind\":\"episode\",\"id\":\"e1\",\"revision\":2,"
                        "\"seq\":7,\"parent\":null,\"record\":{\"id\":\"e1\",\"revision\":2}}"
                        "],\"next\":11,\"more\":false}",
                        &n_changed, &more, &error));
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_false (more);
  g_assert_cmpint (sp_cache_get_cursor (fixture->cache), ==, 11);

  sp_cache_load_unit_names_async (fixture->cache, NULL, result_cb, &result);
  names = sp_cache_load_unit_names_finish (fixture->cache, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (names, "avd-12"), ==, "Avdelning 12");

  /* A deleted episode takes its children along; its patient stays. */
  g_assert_true (apply (fixture->cache,
                        "{\"items\":[{\"kind\":\"episode\",\"id\":\"e1\",\"revision\":3,"
                        "\"seq\":12,\"parent\":null,\"deleted\":true}],"
                        "\"next\":12,\"more\":false}",
                        &n_changed, &more, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);

  store = sp_sqlite_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_free (body_of (store, "episode", "e1", &deleted));
  g_assert_true (deleted);
  g_free (body_of (store, "message", "m1", &deleted));
  g_assert_true (deleted);
  body = body_of (store, "patient", "p1", &deleted);
  g_assert_false (deleted);
  g_assert_cmpstr (body, ==, "{\"id\":\"p1\",\"revision\":1}");
}

/* A page that cannot be read is not half applied: neither records nor cursor move. */
static void
test_bad_page (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) profile = open_cache (fixture->cache, "ward", NULL);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpRecord) record = NULL;

  g_assert_false (apply (fixture->cache,
                         "{\"items\":[{\"kind\":\"patient\",\"id\":\"p1\",\"revision\":1,"
                         "\"seq\":5,\"parent\":null,\"record\":{\"id\":\"p1\"}},"
                         "{\"kind\":\"patient\",\"revision\":1,\"seq\":6,\"parent\":null,"
                         "\"record\":{}}],\"next\":6,\"more\":false}",
                         NULL, NULL, &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING);
  g_assert_true (g_str_has_prefix (error->message, "items[1].id"));
  g_assert_cmpint (sp_cache_get_cursor (fixture->cache), ==, 0);

  g_clear_error (&error);
  store = sp_sqlite_store_new (fixture->path, &error);
  g_assert_no_error (error);
  record = sp_store_get (store, "patient", "p1", &error);
  g_assert_null (record);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
}

/* An overview row of GET /api/v1/episodes, as little as the summary reads. */
static JsonNode *
row_json (const char *id,
          gint64      revision)
{
  g_autofree char *text = g_strdup_printf (
    "{\"id\":\"%s\",\"revision\":%" G_GINT64_FORMAT ",\"state\":\"planning\","
    "\"ward_unit_id\":\"avd-12\",\"admitted_at\":\"2026-03-01T07:30:00Z\","
    "\"patient\":{\"given_name\":\"Greta\",\"family_name\":\"Testsson\"},"
    "\"overdue\":false,\"unacknowledged\":{\"notices\":0,\"messages\":0},"
    "\"restricted\":false}", id, revision);

  return sp_json_parse (text, -1, NULL);
}

static GPtrArray *
rows_from (const char *const *ids,
           gint64             revision)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (rows, row_json (ids[i], revision));

  return rows;
}

/* "e1/1,e2/1": id and revision of each loaded summary. */
static char *
load_rows (SpCache *cache)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GString *out = g_string_new (NULL);

  sp_cache_load_rows_async (cache, NULL, result_cb, &result);
  rows = sp_cache_load_rows_finish (cache, wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      SpEpisodeSummary *summary = g_ptr_array_index (rows, i);

      g_string_append_printf (out, "%s%s/%" G_GINT64_FORMAT, i > 0 ? "," : "",
                              sp_episode_summary_get_id (summary),
                              sp_episode_summary_get_revision (summary));
    }

  return g_string_free (out, FALSE);
}

static void
save_rows (SpCache   *cache,
           GPtrArray *rows)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sp_cache_save_rows_async (cache, rows, NULL, result_cb, &result);
  g_assert_true (sp_cache_save_rows_finish (cache, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(JsonNode) profile = open_cache (fixture->cache, "ward", NULL);
  g_autoptr(GPtrArray) first = rows_from ((const char *[]) { "e2", "e1", NULL }, 1);
  g_autoptr(GPtrArray) second = rows_from ((const char *[]) { "e2", NULL }, 2);
  g_autoptr(GPtrArray) bad = rows_from ((const char *[]) { "e2", NULL }, 3);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *loaded = NULL;

  save_rows (fixture->cache, first);
  /* By episode id, the server's order. */
  loaded = load_rows (fixture->cache);
  g_assert_cmpstr (loaded, ==, "e1/1,e2/1");

  /* A row that is no longer listed goes. */
  save_rows (fixture->cache, second);
  g_free (loaded);
  loaded = load_rows (fixture->cache);
  g_assert_cmpstr (loaded, ==, "e2/2");

  /* A row without an id fails the save and leaves the stored rows as they were. */
  json_object_remove_member (json_node_get_object (g_ptr_array_index (bad, 0)), "id");
  sp_cache_save_rows_async (fixture->cache, bad, NULL, result_cb, &result);
  g_assert_false (sp_cache_save_rows_finish (fixture->cache, wait_for (&result), &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING);
  g_free (loaded);
  loaded = load_rows (fixture->cache);
  g_assert_cmpstr (loaded, ==, "e2/2");
}

/* Enough rows to be read in two halves, one in a thread of its own: every row, once, in the
 * order of the ids, each with its own revision. */
static void
test_many_rows (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonNode) profile = open_cache (fixture->cache, "ward", NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *loaded = NULL;
  const guint n = 10001;

  /* Saved in reverse order; loaded by id. */
  for (guint i = n; i > 0; i--)
    {
      g_autofree char *id = g_strdup_printf ("e%06u", i - 1);

      g_ptr_array_add (rows, row_json (id, 1 + (i - 1) % 7));
    }
  for (guint i = 0; i < n; i++)
    g_string_append_printf (expected, "%se%06u/%u", i > 0 ? "," : "", i, 1 + i % 7);

  save_rows (fixture->cache, rows);
  loaded = load_rows (fixture->cache);
  g_assert_cmpstr (loaded, ==, expected->str);
}

/* The copy belongs to whoever signed in; the next user starts from nothing. */
static void
test_other_user (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) profile = NULL;
  g_autoptr(GPtrArray) rows = rows_from ((const char *[]) { "e1", NULL }, 1);
  g_autoptr(SpCache) again = NULL;
  g_autoptr(SpCache) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *loaded = NULL;
  g_autofree char *text = NULL;

  profile = open_cache (fixture->cache, "ward", "{\"user_name\":\"Anna Testsson\"}");
  g_assert_true (apply (fixture->cache, page_1, NULL, NULL, &error));
  save_rows (fixture->cache, rows);
  g_clear_pointer (&profile, json_node_unref);

  /* The same user again (offline start, no profile given): all is there. */
  again = new_cache (fixture->path);
  profile = open_cache (again, "ward", NULL);
  text = sp_json_to_string (profile, FALSE);
  g_assert_cmpstr (text, ==, "{\"user_name\":\"Anna Testsson\"}");
  g_assert_cmpint (sp_cache_get_cursor (again), ==, 10);
  g_clear_object (&again);
  g_clear_pointer (&profile, json_node_unref);

  other = new_cache (fixture->path);
  profile = open_cache (other, "vc", NULL);
  g_assert_true (JSON_NODE_HOLDS_NULL (profile));
  g_assert_cmpint (sp_cache_get_cursor (other), ==, 0);
  loaded = load_rows (other);
  g_assert_cmpstr (loaded, ==, "");
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

/* Nothing readable in the file or its WAL; another key cannot read the copy (it is wiped). */
static void
test_sealed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) profile = NULL;
  g_autoptr(GPtrArray) rows = rows_from ((const char *[]) { "e1", NULL }, 1);
  g_autoptr(GBytes) wrong = test_key (8);
  g_autoptr(SpCache) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *loaded = NULL;
  static const char * const secrets[] = {
    "Anna Testsson", "Tolvan", "19121212", "Fri text", "ward",
  };

  profile = open_cache (fixture->cache, "ward", "{\"user_name\":\"Anna Testsson\"}");
  g_assert_true (apply (fixture->cache,
                        "{\"items\":[{\"kind\":\"patient\",\"id\":\"p1\",\"revision\":1,"
                        "\"seq\":5,\"parent\":null,\"record\":{\"id\":\"p1\","
                        "\"identity\":\"191212121212\",\"name\":\"Tolvan Tolvansson\"}}],"
                        "\"next\":5,\"more\":false}", NULL, NULL, &error));
  g_assert_no_error (error);
  /* The row's patient and restriction reason are secrets too. */
  json_object_set_string_member (
    json_object_get_object_member (json_node_get_object (g_ptr_array_index (rows, 0)), "patient"),
    "given_name", "Tolvan");
  json_object_set_string_member (json_node_get_object (g_ptr_array_index (rows, 0)),
                                 "restricted_reason", "Fri text om hemmet");
  save_rows (fixture->cache, rows);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_assert_false (file_contains (fixture->path, secrets[i]));
      g_assert_false (file_contains (wal, secrets[i]));
    }
  /* Able to fail: the ids are there in clear. */
  g_assert_true (file_contains (fixture->path, "p1") || file_contains (wal, "p1"));

  other = sp_cache_new (fixture->path, wrong);
  g_clear_pointer (&profile, json_node_unref);
  profile = open_cache (other, "ward", NULL);
  g_assert_true (JSON_NODE_HOLDS_NULL (profile));
  g_assert_cmpint (sp_cache_get_cursor (other), ==, 0);
  loaded = load_rows (other);
  g_assert_cmpstr (loaded, ==, "");
}

typedef struct
{
  GArray *finished;  /* guint: the operations' numbers, in the order they ended */
} Order;

static void
ordered_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Order *order = g_object_get_data (G_OBJECT (object), "order");
  guint number = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_cache_outbox_write_finish (SP_CACHE (object), result, &error));
  g_assert_no_error (error);
  g_array_append_val (order->finished, number);
}

static JsonNode *
outbox_command (guint number)
{
  g_autofree char *text = g_strdup_printf ("{\"id\":\"%020u\",\"state\":\"pending\","
                                           "\"method\":\"POST\",\"path\":\"/x\"}", number);

  return sp_json_parse (text, -1, NULL);
}

/* The outbox keeps a command, then removes it once sent; the next is kept meanwhile. The
 * copy does them in the order asked for, and ends as the last one asked left it. */
static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) finished = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) commands = NULL;
  g_autoptr(GError) error = NULL;
  Order order = { finished };
  const guint n = 200;

  g_autoptr(JsonNode) profile = open_cache (fixture->cache, "anna", NULL);
  g_object_set_data (G_OBJECT (fixture->cache), "order", &order);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) put = g_ptr_array_new_with_free_func (
        (GDestroyNotify) json_node_unref);
      g_autofree char *id = g_strdup_printf ("%020u", i);
      const char *remove[] = { id, NULL };

      g_ptr_array_add (put, outbox_command (i));
      sp_cache_outbox_write_async (fixture->cache, put, NULL, NULL, ordered_cb,
                                   GUINT_TO_POINTER (2 * i));
      /* Every other one is sent (removed) at once; the rest stay. */
      if (i % 2 == 0)
        sp_cache_outbox_write_async (fixture->cache, NULL, remove, NULL, ordered_cb,
                                     GUINT_TO_POINTER (2 * i + 1));
    }
  while (finished->len < n + n / 2)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 1; i < finished->len; i++)
    g_assert_cmpuint (g_array_index (finished, guint, i - 1), <,
                      g_array_index (finished, guint, i));

  sp_cache_outbox_load_async (fixture->cache, NULL, result_cb, &result);
  commands = sp_cache_outbox_load_finish (fixture->cache, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (commands->len, ==, n / 2);
  for (guint i = 0; i < commands->len; i++)
    {
      JsonObject *command = json_node_get_object (g_ptr_array_index (commands, i));
      g_autofree char *id = g_strdup_printf ("%020u", 2 * i + 1);

      g_assert_cmpstr (json_object_get_string_member (command, "id"), ==, id);
    }
  g_object_set_data (G_OBJECT (fixture->cache), "order", NULL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/cache/path", test_path);
  g_test_add ("/app/cache/apply", Fixture, NULL, fixture_setup, test_apply, fixture_teardown);
  g_test_add ("/app/cache/bad-page", Fixture, NULL, fixture_setup, test_bad_page,
              fixture_teardown);
  g_test_add ("/app/cache/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/app/cache/many-rows", Fixture, NULL, fixture_setup, test_many_rows,
              fixture_teardown);
  g_test_add ("/app/cache/other-user", Fixture, NULL, fixture_setup, test_other_user,
              fixture_teardown);
  g_test_add ("/app/cache/sealed", Fixture, NULL, fixture_setup, test_sealed,
              fixture_teardown);
  g_test_add ("/app/cache/order", Fixture, NULL, fixture_setup, test_order,
              fixture_teardown);

  return g_test_run ();
}
