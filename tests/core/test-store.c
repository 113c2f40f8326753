/* test-store.c — records, the store interface and its backends (sqlite; PostgreSQL when
 * SAMPLAN_TEST_PG names a test cluster)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sp-pg-store-private.h"
#include "sp-record.h"
#include "sp-sqlite-store-private.h"
#include "sp-store.h"
#include "sp-test-pg.h"

/* 2026-01-01T00:00:00Z, a timestamp written into old-format files by hand. */
#define NEW_YEAR_2026 G_GINT64_CONSTANT (1767225600)

typedef enum
{
  BACKEND_MEMORY,
  BACKEND_FILE,
  BACKEND_PG,
} Backend;

typedef struct
{
  char    *dir;     /* NULL for the in-memory and PostgreSQL stores */
  char    *schema;  /* the PostgreSQL store's own schema */
  char    *path;    /* the sqlite path, or the PostgreSQL connection string */
  SpStore *store;
} StoreFixture;

/* Helpers */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("samplan-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_no_errno (g_unlink (path));
    }
  g_assert_no_errno (g_rmdir (dir));
}

static SpStore *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  /* Through the factory: a path opens sqlite, a connection string PostgreSQL. */
  SpStore *store = sp_store_open_for_uri (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static SpRecord *
put_text (SpStore             *store,
          const char          *kind,
          const char          *id,
          const char          *parent_id,
          const char          *text,
          gint64               base_revision,
          const char * const  *terms,
          GError             **error)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  return sp_store_put (store, kind, id, parent_id, body, base_revision, terms, error);
}

static SpRecord *
put_ok (SpStore             *store,
        const char          *kind,
        const char          *id,
        const char          *parent_id,
        const char          *text,
        gint64               base_revision,
        const char * const  *terms)
{
  g_autoptr(GError) error = NULL;
  SpRecord *record = put_text (store, kind, id, parent_id, text, base_revision, terms, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static SpRecord *
get_ok (SpStore    *store,
        const char *kind,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  SpRecord *record = sp_store_get (store, kind, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
assert_missing (SpStore    *store,
                const char *kind,
                const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) record = sp_store_get (store, kind, id, &error);

  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_assert_null (record);
}

static gint64
last_seq (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 seq = sp_store_get_last_seq (store, &error);

  g_assert_no_error (error);
  return seq;
}

/* "id@revision" of each record, comma-separated: one string to compare with. */
static char *
describe (GPtrArray *records)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (records);
  for (guint i = 0; i < records->len; i++)
    {
      SpRecord *record = g_ptr_array_index (records, i);

      g_string_append_printf (out, "%s%s@%" G_GINT64_FORMAT, i > 0 ? "," : "",
                              sp_record_get_id (record), sp_record_get_revision (record));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
list_ids (SpStore    *store,
          const char *kind,
          const char *term,
          guint       offset,
          guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = sp_store_list (store, kind, term, offset, limit, &error);

  g_assert_no_error (error);
  return describe (records);
}

static char *
history_of (SpStore    *store,
            const char *kind,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = sp_store_get_history (store, kind, id, &error);

  g_assert_no_error (error);
  return describe (revisions);
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
exec_raw_fails (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
query_raw (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return value;
}

/* The schema version a backend's store is migrated to when opened. */
static int
current_version (gconstpointer data)
{
  return GPOINTER_TO_INT (data) == BACKEND_PG ? SP_PG_STORE_SCHEMA_VERSION
                                              : SP_SQLITE_STORE_SCHEMA_VERSION;
}

/* Fixtures */

static void
store_setup (StoreFixture  *fixture,
             gconstpointer  data)
{
  if (GPOINTER_TO_INT (data) == BACKEND_FILE)
    {
      fixture->dir = make_tmp_dir ();
      fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
    }
  else if (GPOINTER_TO_INT (data) == BACKEND_PG)
    {
      fixture->schema = sp_test_pg_create_schema (&fixture->path);
    }
  else
    {
      fixture->path = g_strdup (":memory:");
    }

  fixture->store = open_ok (fixture->path);
}

/* A temporary directory only: the test makes its own files. */
static void
dir_setup (StoreFixture  *fixture,
           gconstpointer  data)
{
  fixture->dir = make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
}

static void
store_teardown (StoreFixture  *fixture,
                gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->store));
  if (fixture->dir != NULL)
    remove_dir (fixture->dir);
  if (fixture->schema != NULL)
    sp_test_pg_drop_schema (fixture->schema);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->schema, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* SpRecord */

static void
test_record_basics (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 2, 9, 30, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 3, 2, 9, 30, 1);
  /* Not NUL-terminated within its size: the text getter must still stop at "abc". */
  g_autoptr(GBytes) body = g_bytes_new ("abcdef", 3);
  g_autoptr(GBytes) other_body = g_bytes_new ("abd", 3);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(SpRecord) record = sp_record_new ("message", "m1", 2, 7, "e1", FALSE, when, body);
  g_autoptr(SpRecord) same = sp_record_new ("message", "m1", 2, 7, "e1", FALSE, when, body);
  g_autoptr(SpRecord) tombstone = sp_record_new ("message", "m1", 3, 8, "e1", TRUE, when, empty);
  /* Each differs from @record in one field. */
  SpRecord *different[] = {
    sp_record_new ("episode", "m1", 2, 7, "e1", FALSE, when, body),
    sp_record_new ("message", "m2", 2, 7, "e1", FALSE, when, body),
    sp_record_new ("message", "m1", 1, 7, "e1", FALSE, when, body),
    sp_record_new ("message", "m1", 2, 6, "e1", FALSE, when, body),
    sp_record_new ("message", "m1", 2, 7, NULL, FALSE, when, body),
    sp_record_new ("message", "m1", 2, 7, "e2", FALSE, when, body),
    sp_record_new ("message", "m1", 2, 7, "e1", FALSE, later, body),
    sp_record_new ("message", "m1", 2, 7, "e1", FALSE, when, other_body),
  };

  g_assert_cmpstr (sp_record_get_kind (record), ==, "message");
  g_assert_cmpstr (sp_record_get_id (record), ==, "m1");
  g_assert_cmpint (sp_record_get_revision (record), ==, 2);
  g_assert_cmpint (sp_record_get_seq (record), ==, 7);
  g_assert_cmpstr (sp_record_get_parent_id (record), ==, "e1");
  g_assert_false (sp_record_is_deleted (record));
  g_assert_true (g_date_time_equal (sp_record_get_modified_at (record), when));
  g_assert_cmpuint (g_bytes_get_size (sp_record_get_body (record)), ==, 3);
  g_assert_cmpstr (sp_record_get_body_text (record), ==, "abc");

  g_assert_true (sp_record_is_deleted (tombstone));
  g_assert_cmpstr (sp_record_get_body_text (tombstone), ==, "");

  g_assert_true (sp_record_equal (record, same));
  g_assert_false (sp_record_equal (record, tombstone));
  for (guint i = 0; i < G_N_ELEMENTS (different); i++)
    {
      g_assert_false (sp_record_equal (record, different[i]));
      sp_record_unref (different[i]);
    }
}

static void
test_record_preconditions (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 2, 9, 30, 0);
  g_autoptr(GDateTime) fractional = g_date_time_new_utc (2026, 3, 2, 9, 30, 0.5);
  g_autoptr(GBytes) body = g_bytes_new ("x", 1);

  /* A tombstone has no body: a deleted record must not leak its last contents. */
  g_test_expect_message ("sp-record", G_LOG_LEVEL_CRITICAL, "*deleted*");
  g_assert_null (sp_record_new ("episode", "e1", 2, 2, NULL, TRUE, when, body));
  g_test_assert_expected_messages ();

  /* Stored times are whole seconds; a fraction would not survive the round trip. */
  g_test_expect_message ("sp-record", G_LOG_LEVEL_CRITICAL, "*microsecond*");
  g_assert_null (sp_record_new ("episode", "e1", 1, 1, NULL, FALSE, fractional, body));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-record", G_LOG_LEVEL_CRITICAL, "*revision >= 1*");
  g_assert_null (sp_record_new ("episode", "e1", 0, 1, NULL, FALSE, when, body));
  g_test_assert_expected_messages ();
}

/* Writes and reads */

static void
test_roundtrip (StoreFixture  *fixture,
                gconstpointer  data)
{
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(SpRecord) written = NULL;
  g_autoptr(SpRecord) read = NULL;
  g_autoptr(SpRecord) child = NULL;
  g_autoptr(SpRecord) read_child = NULL;
  g_autoptr(GBytes) sealed = g_bytes_new ("\0\xff\0seal", 7);
  g_autoptr(SpRecord) binary = NULL;
  g_autoptr(SpRecord) read_binary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 after;

  g_assert_cmpint (sp_store_get_schema_version (fixture->store), ==, current_version (data));
  g_assert_cmpint (last_seq (fixture->store), ==, 0);

  written = put_ok (fixture->store, "episode", "e1", NULL, "{\"state\":\"ready\"}", 0,
                    (const char * const[]) { "unit:u1", NULL });
  after = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpstr (sp_record_get_kind (written), ==, "episode");
  g_assert_cmpstr (sp_record_get_id (written), ==, "e1");
  g_assert_cmpint (sp_record_get_revision (written), ==, 1);
  g_assert_cmpint (sp_record_get_seq (written), ==, 1);
  g_assert_null (sp_record_get_parent_id (written));
  g_assert_false (sp_record_is_deleted (written));
  g_assert_cmpint (g_date_time_to_unix (sp_record_get_modified_at (written)), >=, before);
  g_assert_cmpint (g_date_time_to_unix (sp_record_get_modified_at (written)), <=, after);
  g_assert_cmpstr (sp_record_get_body_text (written), ==, "{\"state\":\"ready\"}");

  read = get_ok (fixture->store, "episode", "e1");
  g_assert_true (sp_record_equal (written, read));

  child = put_ok (fixture->store, "message", "m1", "e1", "{}", 0, NULL);
  read_child = get_ok (fixture->store, "message", "m1");
  g_assert_cmpstr (sp_record_get_parent_id (read_child), ==, "e1");
  g_assert_cmpint (sp_record_get_seq (read_child), ==, 2);
  g_assert_true (sp_record_equal (child, read_child));

  /* Bodies are opaque: sealed (binary) bodies with NUL bytes come back byte for byte. */
  binary = sp_store_put (fixture->store, "note", "n1", NULL, sealed, 0, NULL, &error);
  g_assert_no_error (error);
  read_binary = get_ok (fixture->store, "note", "n1");
  g_assert_true (g_bytes_equal (sp_record_get_body (read_binary), sealed));

  /* The same id under another kind is another record. */
  assert_missing (fixture->store, "patient", "e1");
  g_assert_cmpint (last_seq (fixture->store), ==, 3);
}

static void
test_create_twice (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(SpRecord) first = put_ok (fixture->store, "episode", "e1", NULL, "first", 0, NULL);
  g_autoptr(SpRecord) again = NULL;
  g_autoptr(SpRecord) current = NULL;
  g_autoptr(GError) error = NULL;

  again = put_text (fixture->store, "episode", "e1", NULL, "second", 0, NULL, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS);
  g_assert_null (again);

  current = get_ok (fixture->store, "episode", "e1");
  g_assert_true (sp_record_equal (first, current));
  g_assert_cmpint (last_seq (fixture->store), ==, 1);
}

static void
test_stale_base (StoreFixture  *fixture,
                 gconstpointer  data)
{
  /* Bases that are not the current revision 2: behind, ahead, far ahead. */
  const gint64 stale[] = { 1, 3, 99 };
  g_autoptr(SpRecord) first = put_ok (fixture->store, "episode", "e1", NULL, "v1", 0, NULL);
  g_autoptr(SpRecord) second = put_ok (fixture->store, "episode", "e1", NULL, "v2", 1,
                                       (const char * const[]) { "state:ready", NULL });

  g_assert_cmpint (sp_record_get_revision (second), ==, 2);
  g_assert_cmpint (sp_record_get_seq (second), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpRecord) lost = NULL;
      g_autoptr(SpRecord) tombstone = NULL;
      g_autoptr(SpRecord) current = NULL;
      g_autofree char *ready = NULL;
      g_autofree char *history = NULL;

      lost = put_text (fixture->store, "episode", "e1", NULL, "lost update", stale[i], NULL,
                       &error);
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT);
      g_assert_null (lost);
      g_clear_error (&error);

      tombstone = sp_store_delete (fixture->store, "episode", "e1", stale[i], &error);
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT);
      g_assert_null (tombstone);

      /* Nothing changed: record, terms, history and sequence. */
      current = get_ok (fixture->store, "episode", "e1");
      g_assert_true (sp_record_equal (second, current));
      ready = list_ids (fixture->store, "episode", "state:ready", 0, 10);
      g_assert_cmpstr (ready, ==, "e1@2");
      history = history_of (fixture->store, "episode", "e1");
      g_assert_cmpstr (history, ==, "e1@1,e1@2");
      g_assert_cmpint (last_seq (fixture->store), ==, 2);
    }
}

static void
test_missing_base (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) updated = NULL;
  g_autoptr(SpRecord) deleted = NULL;
  g_autoptr(GPtrArray) history = NULL;

  /* Updating or deleting a record that was never created. */
  updated = put_text (fixture->store, "episode", "ghost", NULL, "{}", 1, NULL, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_assert_null (updated);
  g_clear_error (&error);

  deleted = sp_store_delete (fixture->store, "episode", "ghost", 1, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_assert_null (deleted);
  g_clear_error (&error);

  history = sp_store_get_history (fixture->store, "episode", "ghost", &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_assert_null (history);

  assert_missing (fixture->store, "episode", "ghost");
  g_assert_cmpint (last_seq (fixture->store), ==, 0);
}

static void
test_history (StoreFixture  *fixture,
              gconstpointer  data)
{
  const char *bodies[] = { "v1", "v2", "v3" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) tombstone = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *other = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(SpRecord) record = put_ok (fixture->store, "message", "m1", "e1", bodies[i], i,
                                           NULL);
      /* Another record written in between takes its own seq. */
      g_autoptr(SpRecord) noise = put_ok (fixture->store, "message", "m2", "e1", "x", i, NULL);

      g_assert_cmpint (sp_record_get_seq (record), ==, 2 * i + 1);
    }

  tombstone = sp_store_delete (fixture->store, "message", "m1", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_record_get_revision (tombstone), ==, 4);
  g_assert_cmpint (sp_record_get_seq (tombstone), ==, 7);

  history = sp_store_get_history (fixture->store, "message", "m1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  for (guint i = 0; i < history->len; i++)
    {
      SpRecord *revision = g_ptr_array_index (history, i);
      /* Oldest first; seqs 1, 3, 5 for the writes interleaved with m2, then 7. */
      const gint64 expected_seq[] = { 1, 3, 5, 7 };

      g_assert_cmpint (sp_record_get_revision (revision), ==, i + 1);
      g_assert_cmpint (sp_record_get_seq (revision), ==, expected_seq[i]);
      g_assert_cmpstr (sp_record_get_parent_id (revision), ==, "e1");
      g_assert_cmpint (sp_record_is_deleted (revision), ==, i == 3);
      g_assert_cmpstr (sp_record_get_body_text (revision), ==, i < 3 ? bodies[i] : "");
    }
  g_assert_true (sp_record_equal (g_ptr_array_index (history, 3), tombstone));

  other = history_of (fixture->store, "message", "m2");
  g_assert_cmpstr (other, ==, "m2@1,m2@2,m2@3");
}

static void
test_tombstone (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(SpRecord) a = put_ok (fixture->store, "message", "a", "e1", "{}", 0,
                                  (const char * const[]) { "unread", NULL });
  g_autoptr(SpRecord) b = put_ok (fixture->store, "message", "b", "e1", "{}", 0, NULL);
  g_autoptr(SpRecord) tombstone = NULL;
  g_autoptr(SpRecord) current = NULL;
  g_autoptr(SpRecord) again = NULL;
  g_autoptr(SpRecord) revived = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *live = NULL;
  g_autofree char *unread = NULL;
  g_autofree char *after_revival = NULL;

  tombstone = sp_store_delete (fixture->store, "message", "a", 1, &error);
  g_assert_no_error (error);
  g_assert_true (sp_record_is_deleted (tombstone));
  g_assert_cmpint (sp_record_get_revision (tombstone), ==, 2);
  g_assert_cmpint (sp_record_get_seq (tombstone), ==, 3);
  g_assert_cmpuint (g_bytes_get_size (sp_record_get_body (tombstone)), ==, 0);
  /* It keeps its parent so a client can drop it from the right episode. */
  g_assert_cmpstr (sp_record_get_parent_id (tombstone), ==, "e1");

  /* get returns the tombstone; the feed carries it, after b. */
  current = get_ok (fixture->store, "message", "a");
  g_assert_true (sp_record_equal (current, tombstone));
  changes = sp_store_changes_since (fixture->store, 0, 10, &error);
  g_assert_no_error (error);
  feed = describe (changes);
  g_assert_cmpstr (feed, ==, "b@1,a@2");
  g_assert_true (sp_record_is_deleted (g_ptr_array_index (changes, 1)));

  /* Lists show live records only, and a tombstone has no terms. */
  live = list_ids (fixture->store, "message", NULL, 0, 10);
  g_assert_cmpstr (live, ==, "b@1");
  unread = list_ids (fixture->store, "message", "unread", 0, 10);
  g_assert_cmpstr (unread, ==, "");

  /* Nothing left to delete; the id is not free for a new record. */
  again = sp_store_delete (fixture->store, "message", "a", 2, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_assert_null (again);
  g_clear_error (&error);
  again = put_text (fixture->store, "message", "a", "e1", "{}", 0, NULL, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS);
  g_assert_null (again);
  g_assert_cmpint (last_seq (fixture->store), ==, 3);

  /* Writing on the tombstone's revision brings the record back. */
  revived = put_ok (fixture->store, "message", "a", "e1", "{\"back\":true}", 2,
                    (const char * const[]) { "unread", NULL });
  g_assert_false (sp_record_is_deleted (revived));
  g_assert_cmpint (sp_record_get_revision (revived), ==, 3);
  after_revival = list_ids (fixture->store, "message", "unread", 0, 10);
  g_assert_cmpstr (after_revival, ==, "a@3");
}

static void
test_list_terms (StoreFixture  *fixture,
                 gconstpointer  data)
{
  /* Created out of id order: lists are ordered by id, not by write. */
  g_autoptr(SpRecord) e3 = put_ok (fixture->store, "episode", "e3", NULL, "{}", 0,
                                   (const char * const[]) { "unit:u2", NULL });
  g_autoptr(SpRecord) e1 = put_ok (fixture->store, "episode", "e1", NULL, "{}", 0,
                                   (const char * const[]) { "unit:u1", "state:ready", NULL });
  /* A repeated term is stored once. */
  g_autoptr(SpRecord) e2 = put_ok (fixture->store, "episode", "e2", NULL, "{}", 0,
                                   (const char * const[]) { "unit:u1", "unit:u1", NULL });
  /* Same term, other kind: never in an episode list. */
  g_autoptr(SpRecord) p1 = put_ok (fixture->store, "patient", "p1", NULL, "{}", 0,
                                   (const char * const[]) { "unit:u1", NULL });
  g_autoptr(SpRecord) e1_moved = NULL;
  const struct
  {
    const char *term;
    guint       offset;
    guint       limit;
    const char *expected;
  } cases[] = {
    /* e1 moved from u1 to u2 and lost state:ready: the old terms no longer match. */
    { "unit:u1", 0, 10, "e2@1" },
    { "unit:u2", 0, 10, "e1@2,e3@1" },
    { "state:ready", 0, 10, "" },
    { "unit:u9", 0, 10, "" },
    { NULL, 0, 10, "e1@2,e2@1,e3@1" },
    /* Paging: offset skips in id order, limit cuts. */
    { NULL, 1, 1, "e2@1" },
    { NULL, 2, 5, "e3@1" },
    { NULL, 3, 5, "" },
    { "unit:u2", 1, 1, "e3@1" },
  };
  g_autofree char *before = list_ids (fixture->store, "episode", "unit:u1", 0, 10);

  g_assert_cmpstr (before, ==, "e1@1,e2@1");

  e1_moved = put_ok (fixture->store, "episode", "e1", NULL, "{}", 1,
                     (const char * const[]) { "unit:u2", NULL });

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = list_ids (fixture->store, "episode", cases[i].term,
                                       cases[i].offset, cases[i].limit);

      g_test_message ("case %u: %s", i, cases[i].term ? cases[i].term : "(all)");
      g_assert_cmpstr (ids, ==, cases[i].expected);
    }
}

static void
test_list_children (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(SpRecord) m2 = put_ok (fixture->store, "message", "m2", "e1", "{}", 0, NULL);
  g_autoptr(SpRecord) m1 = put_ok (fixture->store, "message", "m1", "e1", "{}", 0, NULL);
  g_autoptr(SpRecord) m3 = put_ok (fixture->store, "message", "m3", "e2", "{}", 0, NULL);
  g_autoptr(SpRecord) sip = put_ok (fixture->store, "sip", "s1", "e1", "{}", 0, NULL);
  g_autoptr(SpRecord) gone = NULL;
  g_autoptr(GError) error = NULL;
  const struct
  {
    const char *kind;
    const char *parent;
    guint       offset;
    guint       limit;
    const char *expected;
  } cases[] = {
    /* m1 is deleted; the sip of e1 is another kind. */
    { "message", "e1", 0, 10, "m2@1" },
    { "message", "e2", 0, 10, "m3@1" },
    { "message", "e9", 0, 10, "" },
    { "sip", "e1", 0, 10, "s1@1" },
    { "sip", "e1", 1, 10, "" },
  };
  g_autoptr(GPtrArray) before = sp_store_list_children (fixture->store, "message", "e1", 0, 10,
                                                        &error);
  g_autofree char *before_ids = describe (before);

  g_assert_no_error (error);
  g_assert_cmpstr (before_ids, ==, "m1@1,m2@1");

  gone = sp_store_delete (fixture->store, "message", "m1", 1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) children = sp_store_list_children (fixture->store, cases[i].kind,
                                                              cases[i].parent, cases[i].offset,
                                                              cases[i].limit, &error);
      g_autofree char *ids = describe (children);

      g_assert_no_error (error);
      g_assert_cmpstr (ids, ==, cases[i].expected);
    }
}

/* Changes feed */

#define N_CREATED 700
#define N_UPDATED 300
#define PAGE_SIZE 7

static void
test_changes_paging (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 cursor = 0;
  guint pages = 0;
  guint total = 0;

  /* 1,000 writes: 700 creates (seq 1..700), then 300 updates of the even ids r0000..r0598
   * (seq 701..1000). */
  for (guint i = 0; i < N_CREATED; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%04u", i);
      g_autoptr(SpRecord) record = put_ok (fixture->store, "item", id, NULL, "{}", 0, NULL);
    }
  for (guint i = 0; i < N_UPDATED; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%04u", 2 * i);
      g_autoptr(SpRecord) record = put_ok (fixture->store, "item", id, NULL, "{}", 1, NULL);
    }
  g_assert_cmpint (last_seq (fixture->store), ==, N_CREATED + N_UPDATED);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = sp_store_changes_since (fixture->store, cursor, PAGE_SIZE,
                                                          &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, PAGE_SIZE);
      if (page->len == 0)
        break;

      pages++;
      for (guint i = 0; i < page->len; i++)
        {
          SpRecord *record = g_ptr_array_index (page, i);
          const char *id = sp_record_get_id (record);
          guint number = (guint) g_ascii_strtoull (id + 1, NULL, 10);
          gboolean updated = number % 2 == 0 && number < 2 * N_UPDATED;

          /* Strictly increasing: in seq order and never twice. */
          g_assert_cmpint (sp_record_get_seq (record), >, cursor);
          cursor = sp_record_get_seq (record);
          /* Each record once, at its latest revision. */
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, g_strdup (id));
          g_assert_cmpint (sp_record_get_revision (record), ==, updated ? 2 : 1);
          total++;
        }
    }

  /* 700 records in pages of 7: exactly 100 full pages. */
  g_assert_cmpuint (total, ==, N_CREATED);
  g_assert_cmpuint (pages, ==, N_CREATED / PAGE_SIZE);
  g_assert_cmpint (cursor, ==, N_CREATED + N_UPDATED);
}

static void
test_changes_rewrite (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(SpRecord) a = put_ok (fixture->store, "item", "a", NULL, "{}", 0, NULL);
  g_autoptr(SpRecord) b = put_ok (fixture->store, "item", "b", NULL, "{}", 0, NULL);
  g_autoptr(SpRecord) c = put_ok (fixture->store, "item", "c", NULL, "{}", 0, NULL);
  g_autoptr(SpRecord) a2 = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_ids = NULL;
  g_autofree char *rest_ids = NULL;

  first = sp_store_changes_since (fixture->store, 0, 2, &error);
  g_assert_no_error (error);
  first_ids = describe (first);
  g_assert_cmpstr (first_ids, ==, "a@1,b@1");

  /* A record the client has already paged is written again: it comes back at the end. */
  a2 = put_ok (fixture->store, "item", "a", NULL, "{}", 1, NULL);
  rest = sp_store_changes_since (fixture->store, 2, 10, &error);
  g_assert_no_error (error);
  rest_ids = describe (rest);
  g_assert_cmpstr (rest_ids, ==, "c@1,a@2");
  g_assert_cmpint (sp_record_get_seq (g_ptr_array_index (rest, 1)), ==, 4);
}

/* Transactions */

typedef struct
{
  const char *ids[3];
  gboolean    fail;
} BatchData;

static gboolean
write_batch_cb (SpStore   *store,
                gpointer   user_data,
                GError   **error)
{
  BatchData *batch = user_data;
  g_autoptr(SpRecord) updated = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (batch->ids); i++)
    {
      g_autoptr(SpRecord) record = put_text (store, "episode", batch->ids[i], NULL, "{}", 0,
                                             (const char * const[]) { "batch", NULL }, error);

      if (record == NULL)
        return FALSE;
    }

  /* Also change a record that existed before the transaction. */
  updated = put_text (store, "episode", "old", NULL, "changed", 1, NULL, error);
  if (updated == NULL)
    return FALSE;

  if (batch->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Command refused");
      return FALSE;
    }

  return TRUE;
}

static void
test_transaction_rollback (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(SpRecord) old = put_ok (fixture->store, "episode", "old", NULL, "original", 0, NULL);
  BatchData failing = { { "t1", "t2", "t3" }, TRUE };
  /* The second put conflicts with the first: the store's own error aborts the command. */
  BatchData conflicting = { { "t1", "t1", "t3" }, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) current = NULL;
  g_autoptr(SpRecord) next = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *history = NULL;

  g_assert_false (sp_store_transaction (fixture->store, write_batch_cb, &failing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (sp_store_transaction (fixture->store, write_batch_cb, &conflicting, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS);

  /* Nothing of either remains: records, terms, history, sequence. */
  for (guint i = 0; i < G_N_ELEMENTS (failing.ids); i++)
    assert_missing (fixture->store, "episode", failing.ids[i]);
  current = get_ok (fixture->store, "episode", "old");
  g_assert_true (sp_record_equal (current, old));
  batch = list_ids (fixture->store, "episode", "batch", 0, 10);
  g_assert_cmpstr (batch, ==, "");
  history = history_of (fixture->store, "episode", "old");
  g_assert_cmpstr (history, ==, "old@1");
  g_assert_cmpint (last_seq (fixture->store), ==, 1);

  /* The sequence did not advance: the next write takes 2, without a gap. */
  next = put_ok (fixture->store, "episode", "next", NULL, "{}", 0, NULL);
  g_assert_cmpint (sp_record_get_seq (next), ==, 2);
}

static void
test_transaction_commit (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(SpRecord) old = put_ok (fixture->store, "episode", "old", NULL, "original", 0, NULL);
  BatchData batch = { { "t1", "t2", "t3" }, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *ids = NULL;

  g_assert_true (sp_store_transaction (fixture->store, write_batch_cb, &batch, &error));
  g_assert_no_error (error);

  changes = sp_store_changes_since (fixture->store, 1, 10, &error);
  g_assert_no_error (error);
  ids = describe (changes);
  /* Consecutive seqs 2..5 in write order. */
  g_assert_cmpstr (ids, ==, "t1@1,t2@1,t3@1,old@2");
  g_assert_cmpint (sp_record_get_seq (g_ptr_array_index (changes, 3)), ==, 5);
}

static gboolean
put_then_fail_cb (SpStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr(SpRecord) record = put_text (store, "episode", "inner", NULL, "{}", 0, NULL, error);

  if (record == NULL)
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Inner step refused");
  return FALSE;
}

static gboolean
outer_cb (SpStore   *store,
          gpointer   user_data,
          GError   **error)
{
  g_autoptr(GError) inner_error = NULL;
  g_autoptr(SpRecord) before = put_text (store, "episode", "before", NULL, "{}", 0, NULL, error);
  g_autoptr(SpRecord) after = NULL;

  if (before == NULL)
    return FALSE;

  /* A nested transaction is a savepoint: its failure undoes only its own writes. */
  g_assert_false (sp_store_transaction (store, put_then_fail_cb, NULL, &inner_error));
  g_assert_error (inner_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = put_text (store, "episode", "after", NULL, "{}", 0, NULL, error);

  return after != NULL;
}

static void
test_transaction_nested (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *ids = NULL;

  g_assert_true (sp_store_transaction (fixture->store, outer_cb, NULL, &error));
  g_assert_no_error (error);

  assert_missing (fixture->store, "episode", "inner");
  changes = sp_store_changes_since (fixture->store, 0, 10, &error);
  g_assert_no_error (error);
  ids = describe (changes);
  g_assert_cmpstr (ids, ==, "before@1,after@1");
  /* The inner write's seq was rolled back with it: no gap. */
  g_assert_cmpint (sp_record_get_seq (g_ptr_array_index (changes, 1)), ==, 2);
}

/* Validation and settings */

/* "@N" stands for a name of N bytes. */
static char *
expand (const char *spec)
{
  if (spec != NULL && spec[0] == '@')
    return g_strnfill (g_ascii_strtoull (spec + 1, NULL, 10), 'x');

  return g_strdup (spec);
}

static void
test_invalid_names (StoreFixture  *fixture,
                    gconstpointer  data)
{
  const struct
  {
    const char *kind;
    const char *id;
    const char *parent;
    const char *term;
    gint64      base;
    gboolean    valid;
  } cases[] = {
    /* The limits themselves are fine: 128-byte names, 256-byte terms. */
    { "@128", "@128", "@128", "@256", 0, TRUE },
    { "", "e1", NULL, NULL, 0, FALSE },       /* empty kind */
    { "@129", "e1", NULL, NULL, 0, FALSE },   /* kind one byte too long */
    { "episode", "", NULL, NULL, 0, FALSE },  /* empty id */
    { "episode", "@129", NULL, NULL, 0, FALSE },
    { "episode", "e\xff", NULL, NULL, 0, FALSE }, /* not UTF-8 */
    { "episode", "e2", "", NULL, 0, FALSE },  /* empty parent */
    { "episode", "e2", "@129", NULL, 0, FALSE },
    { "episode", "e2", NULL, "", 0, FALSE },  /* empty term */
    { "episode", "e2", NULL, "@257", 0, FALSE },
    { "episode", "e2", NULL, NULL, -1, FALSE }, /* negative base */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) deleted = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *value = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *kind = expand (cases[i].kind);
      g_autofree char *id = expand (cases[i].id);
      g_autofree char *parent = expand (cases[i].parent);
      g_autofree char *term = expand (cases[i].term);
      const char *terms[] = { term, NULL };
      g_autoptr(SpRecord) record = NULL;
      g_autoptr(SpRecord) read = NULL;

      g_test_message ("case %u", i);
      record = put_text (fixture->store, kind, id, parent, "{}", cases[i].base, terms, &error);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_nonnull (record);
        }
      else
        {
          g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
          g_assert_null (record);
          g_clear_error (&error);
        }

      /* Reads refuse the same bad names. */
      read = sp_store_get (fixture->store, kind, id, &error);
      if (*kind == '\0' || strlen (kind) > 128 || *id == '\0' || strlen (id) > 128 ||
          !g_utf8_validate (id, -1, NULL))
        g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  /* Only the valid case wrote. */
  g_assert_cmpint (last_seq (fixture->store), ==, 1);

  deleted = sp_store_delete (fixture->store, "episode", "e1", 0, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  changes = sp_store_changes_since (fixture->store, -1, 10, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  listed = sp_store_list (fixture->store, "episode", "", 0, 10, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sp_store_get_meta (fixture->store, "", &value, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_null (value);
}

static gboolean
set_cursor_then_fail_cb (SpStore   *store,
                         gpointer   user_data,
                         GError   **error)
{
  if (!sp_store_set_meta (store, "sync.cursor", "999", error))
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Sync page refused");
  return FALSE;
}

static char *
meta_value (SpStore    *store,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  g_assert_true (sp_store_get_meta (store, key, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
test_meta (StoreFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unset = meta_value (fixture->store, "sync.cursor");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *removed = NULL;

  g_assert_null (unset);

  g_assert_true (sp_store_set_meta (fixture->store, "sync.cursor", "42", &error));
  g_assert_no_error (error);
  first = meta_value (fixture->store, "sync.cursor");
  g_assert_cmpstr (first, ==, "42");

  g_assert_true (sp_store_set_meta (fixture->store, "sync.cursor", "43", &error));
  second = meta_value (fixture->store, "sync.cursor");
  g_assert_cmpstr (second, ==, "43");

  /* Settings take part in transactions: a failed sync page keeps the old cursor. */
  g_assert_false (sp_store_transaction (fixture->store, set_cursor_then_fail_cb, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  kept = meta_value (fixture->store, "sync.cursor");
  g_assert_cmpstr (kept, ==, "43");

  g_assert_true (sp_store_set_meta (fixture->store, "sync.cursor", NULL, &error));
  g_assert_no_error (error);
  removed = meta_value (fixture->store, "sync.cursor");
  g_assert_null (removed);

  /* Settings are not records: no seq, no feed entry. */
  g_assert_cmpint (last_seq (fixture->store), ==, 0);
}

static void
test_preconditions (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) body = g_bytes_new ("{}", 2);

  g_test_expect_message ("sp-store", G_LOG_LEVEL_CRITICAL, "*limit > 0*");
  g_assert_null (sp_store_list (fixture->store, "episode", NULL, 0, 0, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-store", G_LOG_LEVEL_CRITICAL, "*limit > 0*");
  g_assert_null (sp_store_changes_since (fixture->store, 0, 0, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-store", G_LOG_LEVEL_CRITICAL, "*kind != NULL*");
  g_assert_null (sp_store_put (fixture->store, NULL, "e1", NULL, body, 0, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-store", G_LOG_LEVEL_CRITICAL, "*body != NULL*");
  g_assert_null (sp_store_put (fixture->store, "episode", "e1", NULL, NULL, 0, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("sp-store", G_LOG_LEVEL_CRITICAL, "*func != NULL*");
  g_assert_false (sp_store_transaction (fixture->store, NULL, NULL, NULL));
  g_test_assert_expected_messages ();
}

/* Files: persistence, concurrency, migrations, damage */

static void
test_reopen (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(SpRecord) e1 = put_ok (fixture->store, "episode", "e1", NULL, "v1", 0,
                                   (const char * const[]) { "unit:u1", NULL });
  g_autoptr(SpRecord) e1_v2 = put_ok (fixture->store, "episode", "e1", NULL, "v2", 1,
                                      (const char * const[]) { "unit:u1", NULL });
  g_autoptr(SpRecord) m1 = put_ok (fixture->store, "message", "m1", "e1", "hej", 0, NULL);
  g_autoptr(SpRecord) m1_gone = NULL;
  g_autoptr(SpRecord) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *history = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *feed = NULL;

  m1_gone = sp_store_delete (fixture->store, "message", "m1", 1, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_set_meta (fixture->store, "sync.cursor", "4", &error));

  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  fixture->store = open_ok (fixture->path);

  g_assert_cmpint (sp_store_get_schema_version (fixture->store), ==, current_version (data));
  read = get_ok (fixture->store, "episode", "e1");
  g_assert_true (sp_record_equal (read, e1_v2));
  history = history_of (fixture->store, "episode", "e1");
  g_assert_cmpstr (history, ==, "e1@1,e1@2");
  listed = list_ids (fixture->store, "episode", "unit:u1", 0, 10);
  g_assert_cmpstr (listed, ==, "e1@2");
  cursor = meta_value (fixture->store, "sync.cursor");
  g_assert_cmpstr (cursor, ==, "4");
  changes = sp_store_changes_since (fixture->store, 0, 10, &error);
  g_assert_no_error (error);
  feed = describe (changes);
  g_assert_cmpstr (feed, ==, "e1@2,m1@2");
  g_assert_true (sp_record_equal (g_ptr_array_index (changes, 1), m1_gone));
  g_assert_cmpint (last_seq (fixture->store), ==, 4);
}

static void
test_two_instances (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(SpStore) other = open_ok (fixture->path);
  g_autoptr(SpRecord) from_first = put_ok (fixture->store, "episode", "e1", NULL, "a", 0, NULL);
  g_autoptr(SpRecord) seen = get_ok (other, "episode", "e1");
  g_autoptr(SpRecord) from_other = put_ok (other, "episode", "e1", NULL, "b", 1, NULL);
  g_autoptr(SpRecord) seen_back = get_ok (fixture->store, "episode", "e1");

  g_assert_true (sp_record_equal (seen, from_first));
  g_assert_true (sp_record_equal (seen_back, from_other));
  g_assert_cmpint (sp_record_get_seq (from_other), ==, 2);
  g_assert_cmpint (last_seq (fixture->store), ==, 2);
}

typedef struct
{
  SpStore  *other;
  GThread  *thread;
  GMutex    lock;
  GCond     cond;
  gboolean  started;
  SpRecord *result;
  GError   *error;
} WriterData;

static gpointer
other_writer_thread (gpointer user_data)
{
  WriterData *writer = user_data;

  g_mutex_lock (&writer->lock);
  writer->started = TRUE;
  g_cond_signal (&writer->cond);
  g_mutex_unlock (&writer->lock);

  writer->result = put_text (writer->other, "episode", "from-other", NULL, "{}", 0, NULL,
                             &writer->error);
  return NULL;
}

static gboolean
hold_write_lock_cb (SpStore   *store,
                    gpointer   user_data,
                    GError   **error)
{
  WriterData *writer = user_data;
  g_autoptr(SpRecord) record = put_text (store, "episode", "from-first", NULL, "{}", 0, NULL,
                                         error);

  if (record == NULL)
    return FALSE;

  /* Not committed yet: invisible to the other connection. */
  assert_missing (writer->other, "episode", "from-first");

  writer->thread = g_thread_new ("other-writer", other_writer_thread, writer);
  g_mutex_lock (&writer->lock);
  while (!writer->started)
    g_cond_wait (&writer->cond, &writer->lock);
  g_mutex_unlock (&writer->lock);

  /* Keep the write lock while the other connection tries to write: it must wait, not fail. */
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  return TRUE;
}

static void
test_busy_wait (StoreFixture  *fixture,
                gconstpointer  data)
{
  WriterData writer = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) first = NULL;

  writer.other = open_ok (fixture->path);
  g_mutex_init (&writer.lock);
  g_cond_init (&writer.cond);

  g_assert_true (sp_store_transaction (fixture->store, hold_write_lock_cb, &writer, &error));
  g_assert_no_error (error);
  g_thread_join (writer.thread);

  g_assert_no_error (writer.error);
  g_assert_nonnull (writer.result);
  /* It wrote after the first transaction committed, so it took the next seq. */
  first = get_ok (fixture->store, "episode", "from-first");
  g_assert_cmpint (sp_record_get_seq (first), ==, 1);
  g_assert_cmpint (sp_record_get_seq (writer.result), ==, 2);

  g_clear_pointer (&writer.result, sp_record_unref);
  g_assert_finalize_object (writer.other);
  g_mutex_clear (&writer.lock);
  g_cond_clear (&writer.cond);
}

static void
test_migrate_empty (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  /* A zero-byte file is an empty database at version 0. */
  g_assert_true (g_file_set_contents (fixture->path, "", 0, &error));
  fixture->store = open_ok (fixture->path);
  g_assert_cmpint (sp_store_get_schema_version (fixture->store), ==, 5);
  g_assert_cmpint (query_raw (fixture->path, "PRAGMA user_version"), ==, 5);
  /* WAL mode keeps a -wal file next to the database while it is open. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  record = put_ok (fixture->store, "episode", "e1", NULL, "{}", 0, NULL);
  g_assert_cmpint (sp_record_get_seq (record), ==, 1);
}

static void
test_migrate_v1 (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) new_year = g_date_time_new_from_unix_utc (NEW_YEAR_2026);
  g_autoptr(SpRecord) e1 = NULL;
  g_autoptr(SpRecord) m1 = NULL;
  g_autoptr(SpRecord) next = NULL;
  g_autoptr(SpRecord) tombstone = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autofree char *history = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *all = NULL;
  g_autofree char *kids = NULL;
  g_autofree char *cursor = NULL;

  g_assert_true (sp_sqlite_store_create_at_version (fixture->path, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_raw (fixture->path, "PRAGMA user_version"), ==, 1);

  /* Written the way version 1 wrote: no tombstones, no terms, no meta. */
  exec_raw (fixture->path,
            "INSERT INTO records (kind, id, revision, seq, parent_id, modified_at, body) VALUES"
            " ('episode', 'e1', 2, 3, NULL, 1767225600, '{\"v\":2}'),"
            " ('message', 'm1', 1, 2, 'e1', 1767225600, X'00FF');"
            "INSERT INTO history (kind, id, revision, seq, parent_id, modified_at, body) VALUES"
            " ('episode', 'e1', 1, 1, NULL, 1767225600, '{\"v\":1}');");

  fixture->store = open_ok (fixture->path);
  g_assert_cmpint (sp_store_get_schema_version (fixture->store), ==, 5);

  e1 = get_ok (fixture->store, "episode", "e1");
  g_assert_cmpint (sp_record_get_revision (e1), ==, 2);
  g_assert_cmpint (sp_record_get_seq (e1), ==, 3);
  g_assert_false (sp_record_is_deleted (e1));
  g_assert_true (g_date_time_equal (sp_record_get_modified_at (e1), new_year));
  g_assert_cmpstr (sp_record_get_body_text (e1), ==, "{\"v\":2}");
  m1 = get_ok (fixture->store, "message", "m1");
  g_assert_cmpuint (g_bytes_get_size (sp_record_get_body (m1)), ==, 2);
  g_assert_cmpint (((const guint8 *) g_bytes_get_data (sp_record_get_body (m1), NULL))[1], ==,
                   0xff);

  history = history_of (fixture->store, "episode", "e1");
  g_assert_cmpstr (history, ==, "e1@1,e1@2");
  changes = sp_store_changes_since (fixture->store, 0, 10, &error);
  g_assert_no_error (error);
  feed = describe (changes);
  g_assert_cmpstr (feed, ==, "m1@1,e1@2");
  all = list_ids (fixture->store, "episode", NULL, 0, 10);
  g_assert_cmpstr (all, ==, "e1@2");
  children = sp_store_list_children (fixture->store, "message", "e1", 0, 10, &error);
  g_assert_no_error (error);
  kids = describe (children);
  g_assert_cmpstr (kids, ==, "m1@1");

  /* The new features work on old data: tombstones, terms, meta; seq goes on from 3. */
  tombstone = sp_store_delete (fixture->store, "message", "m1", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_record_get_seq (tombstone), ==, 4);
  next = put_ok (fixture->store, "episode", "e1", NULL, "{\"v\":3}", 2,
                 (const char * const[]) { "unit:u1", NULL });
  g_assert_cmpint (sp_record_get_seq (next), ==, 5);
  g_assert_true (sp_store_set_meta (fixture->store, "sync.cursor", "5", &error));
  cursor = meta_value (fixture->store, "sync.cursor");
  g_assert_cmpstr (cursor, ==, "5");
}

static void
test_migrate_v2 (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) gone = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *history = NULL;

  g_assert_true (sp_sqlite_store_create_at_version (fixture->path, 2, &error));
  g_assert_no_error (error);

  /* Version 2 data: a live record with terms and a tombstone with its history. */
  exec_raw (fixture->path,
            "INSERT INTO records (kind, id, revision, seq, parent_id, modified_at, body, deleted)"
            " VALUES ('episode', 'e1', 1, 1, NULL, 1767225600, '{}', 0),"
            "        ('episode', 'e2', 2, 3, NULL, 1767225600, X'', 1);"
            "INSERT INTO history (kind, id, revision, seq, parent_id, modified_at, body, deleted)"
            " VALUES ('episode', 'e2', 1, 2, NULL, 1767225600, '{\"old\":1}', 0);"
            "INSERT INTO terms (kind, id, term) VALUES ('episode', 'e1', 'unit:u1');");

  fixture->store = open_ok (fixture->path);
  g_assert_cmpint (sp_store_get_schema_version (fixture->store), ==, 5);

  listed = list_ids (fixture->store, "episode", "unit:u1", 0, 10);
  g_assert_cmpstr (listed, ==, "e1@1");
  gone = get_ok (fixture->store, "episode", "e2");
  g_assert_true (sp_record_is_deleted (gone));
  history = history_of (fixture->store, "episode", "e2");
  g_assert_cmpstr (history, ==, "e2@1,e2@2");
  changes = sp_store_changes_since (fixture->store, 1, 10, &error);
  g_assert_no_error (error);
  feed = describe (changes);
  g_assert_cmpstr (feed, ==, "e2@2");
  g_assert_true (sp_store_set_meta (fixture->store, "k", "v", &error));
  g_assert_no_error (error);
}

static void
test_migration_rollback (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  g_assert_true (sp_sqlite_store_create_at_version (fixture->path, 2, &error));
  /* Two records sharing a seq: version 3's unique index on seq cannot be built. */
  exec_raw (fixture->path,
            "INSERT INTO records (kind, id, revision, seq, modified_at, body) VALUES"
            " ('episode', 'e1', 1, 1, 1767225600, '{}'),"
            " ('episode', 'e2', 1, 1, 1767225600, '{}');");

  store = sp_sqlite_store_new (fixture->path, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT);
  g_assert_null (store);

  /* The failed step left nothing behind: still version 2, no meta table, data intact. */
  g_assert_cmpint (query_raw (fixture->path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_raw (fixture->path,
                              "SELECT count(*) FROM sqlite_master WHERE name = 'meta'"), ==, 0);
  g_assert_cmpint (query_raw (fixture->path, "SELECT count(*) FROM records"), ==, 2);
}

static void
test_schema_too_new (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  g_assert_true (sp_sqlite_store_create_at_version (fixture->path, 5, &error));
  /* As if a newer Samplan had migrated the file one step further. */
  exec_raw (fixture->path, "PRAGMA user_version = 6");

  store = sp_sqlite_store_new (fixture->path, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SCHEMA_TOO_NEW);
  g_assert_null (store);
  g_assert_cmpint (query_raw (fixture->path, "PRAGMA user_version"), ==, 6);
}

static void
test_corrupt (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(SpStore) store = NULL;

  for (guint i = 0; i < 512; i++)
    g_string_append (garbage, "not a database ");
  g_assert_true (g_file_set_contents (fixture->path, garbage->str, garbage->len, &error));

  store = sp_sqlite_store_new (fixture->path, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT);
  g_assert_null (store);
}

static void
test_damaged_pages (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = open_ok (fixture->path);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gsize length;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autoptr(SpRecord) record = put_ok (store, "episode", id, NULL,
                                           "{\"padding\":\"......................\"}", 0,
                                           (const char * const[]) { "unit:u1", NULL });
    }
  /* Closing the last connection checkpoints the WAL into the file. */
  g_clear_object (&store);

  /* Keep the header page; overwrite everything after it. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 4096, 0x5a, length - 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, &error));

  /* Opening may notice, or the first read does: either way an error, not a crash. */
  store = sp_sqlite_store_new (fixture->path, &error);
  if (store != NULL)
    changes = sp_store_changes_since (store, 0, 1000, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT);
  g_assert_null (changes);
}

static char *
log_text (GPtrArray *bodies)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < bodies->len; i++)
    {
      GBytes *body = g_ptr_array_index (bodies, i);

      g_string_append_printf (text, "%s%.*s", i > 0 ? "," : "",
                              (int) g_bytes_get_size (body),
                              (const char *) g_bytes_get_data (body, NULL));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
list_log_ok (SpStore    *store,
             const char *patient_id,
             const char *username,
             guint       offset,
             guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bodies = sp_store_list_log (store, patient_id, username, offset, limit,
                                                   &error);

  g_assert_no_error (error);
  return log_text (bodies);
}

static void
append_ok (SpStore    *store,
           gint64      number,
           const char *patient_id,
           const char *username,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  g_assert_true (sp_store_append_log (store, number, patient_id, username, body, &error));
  g_assert_no_error (error);
}

/* Appends entries 1…n (data): patient "p<i % 7>", user "u<i % 3>", body "<i>". */
static gboolean
append_many_cb (SpStore   *store,
                gpointer   user_data,
                GError   **error)
{
  guint n = GPOINTER_TO_UINT (user_data);
  /* The first half one by one, the rest 300 at a time (more than one PostgreSQL insert). */
  const guint chunk = 300;

  for (guint i = 1; i <= n;)
    {
      guint count = i <= n / 2 ? 1 : MIN (chunk, n - i + 1);
      g_autofree SpStoreLogEntry *entries = g_new0 (SpStoreLogEntry, count);
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

      for (guint k = 0; k < count; k++, i++)
        {
          char *patient = g_strdup_printf ("p%u", i % 7);
          char *user = g_strdup_printf ("u%u", i % 3);
          g_autofree char *text = g_strdup_printf ("%u", i);
          GBytes *body = g_bytes_new (text, strlen (text));

          g_ptr_array_add (strings, patient);
          g_ptr_array_add (strings, user);
          g_ptr_array_add (bodies, body);
          entries[k] = (SpStoreLogEntry) { i, patient, user, body };
        }

      if (count == 1 ? !sp_store_append_log (store, entries[0].number, entries[0].patient_id,
                                             entries[0].username, entries[0].body, error)
                     : !sp_store_append_log_many (store, entries, count, error))
        return FALSE;
    }

  return TRUE;
}

/* Entry 5 is new, 3 is taken. */
static gboolean
append_taken_cb (SpStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  SpStoreLogEntry entries[] = { { 5, "p1", "u1", user_data }, { 3, NULL, NULL, user_data } };

  return sp_store_append_log_many (store, entries, G_N_ELEMENTS (entries), error);
}

/* The audit log: appended in order, filtered by patient and user, never in the feed. */
static void
test_audit_log (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) again = g_bytes_new ("x", 1);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autofree char *all = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *u1 = NULL;
  g_autofree char *both = NULL;
  g_autofree char *paged = NULL;

  append_ok (fixture->store, 1, "p1", "u1", "a");
  append_ok (fixture->store, 2, "p2", "u1", "b");
  append_ok (fixture->store, 3, "p1", NULL, "c");
  append_ok (fixture->store, 4, NULL, "u2", "d");

  all = list_log_ok (fixture->store, NULL, NULL, 0, 10);
  g_assert_cmpstr (all, ==, "a,b,c,d");
  p1 = list_log_ok (fixture->store, "p1", NULL, 0, 10);
  g_assert_cmpstr (p1, ==, "a,c");
  u1 = list_log_ok (fixture->store, NULL, "u1", 0, 10);
  g_assert_cmpstr (u1, ==, "a,b");
  both = list_log_ok (fixture->store, "p1", "u1", 0, 10);
  g_assert_cmpstr (both, ==, "a");
  paged = list_log_ok (fixture->store, NULL, NULL, 1, 2);
  g_assert_cmpstr (paged, ==, "b,c");

  /* A number is taken once, in a batch too; the transaction a failure rolls back leaves
   * nothing of the batch. */
  g_assert_false (sp_store_append_log (fixture->store, 2, NULL, NULL, again, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (sp_store_transaction (fixture->store, append_taken_cb, again, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_pointer (&all, g_free);
  all = list_log_ok (fixture->store, NULL, NULL, 0, 10);
  g_assert_cmpstr (all, ==, "a,b,c,d");

  /* Outside the records: no sequence number taken, nothing in the feed. */
  g_assert_cmpint (last_seq (fixture->store), ==, 0);
  record = put_ok (fixture->store, "episode", "e1", NULL, "{}", 0, NULL);
  g_assert_cmpint (sp_record_get_seq (record), ==, 1);
  changes = sp_store_changes_since (fixture->store, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
}

/* More entries than the sqlite store indexes by patient at once (schema v5): listings by
 * patient and by user see every entry, in order, on both sides of the batch boundary. */
static void
test_audit_log_batches (StoreFixture  *fixture,
                        gconstpointer  data)
{
  const guint n = 4096 + 100;
  g_autoptr(GString) expected_p3 = g_string_new (NULL);
  g_autoptr(GString) expected_both = g_string_new (NULL);
  g_autoptr(GString) expected_tail = g_string_new (NULL);
  g_autofree char *p3 = NULL;
  g_autofree char *both = NULL;
  g_autofree char *tail = NULL;
  guint n_p3 = 0;

  g_assert_true (sp_store_transaction (fixture->store, append_many_cb,
                                       GUINT_TO_POINTER (n), NULL));
  for (guint i = 1; i <= n; i++)
    {
      if (i % 7 == 3)
        {
          g_string_append_printf (expected_p3, "%s%u", expected_p3->len > 0 ? "," : "", i);
          if (++n_p3 > 580)
            g_string_append_printf (expected_tail, "%s%u", expected_tail->len > 0 ? "," : "",
                                    i);
        }
      if (i % 7 == 3 && i % 3 == 1)
        g_string_append_printf (expected_both, "%s%u", expected_both->len > 0 ? "," : "", i);
    }

  p3 = list_log_ok (fixture->store, "p3", NULL, 0, n);
  g_assert_cmpstr (p3, ==, expected_p3->str);
  both = list_log_ok (fixture->store, "p3", "u1", 0, n);
  g_assert_cmpstr (both, ==, expected_both->str);
  /* A page that starts below the boundary and ends above it. */
  tail = list_log_ok (fixture->store, "p3", NULL, 580, 100);
  g_assert_cmpstr (tail, ==, expected_tail->str);
  g_assert_cmpuint (n_p3, ==, 600);
}

/* Private data: replaced, removed, and not in the feed. */
static void
test_private (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = g_bytes_new ("one", 3);
  g_autoptr(GBytes) second = g_bytes_new ("two", 3);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  g_assert_true (sp_store_get_private (fixture->store, "session", "h1", &read, &error));
  g_assert_null (read);
  g_assert_true (sp_store_set_private (fixture->store, "session", "h1", first, &error));
  g_assert_true (sp_store_set_private (fixture->store, "session", "h1", second, &error));
  g_assert_true (sp_store_get_private (fixture->store, "session", "h1", &read, &error));
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, second));
  g_clear_pointer (&read, g_bytes_unref);

  /* Kinds are separate namespaces. */
  g_assert_true (sp_store_get_private (fixture->store, "idempotency", "h1", &read, &error));
  g_assert_null (read);

  g_assert_true (sp_store_set_private (fixture->store, "session", "h1", NULL, &error));
  g_assert_true (sp_store_get_private (fixture->store, "session", "h1", &read, &error));
  g_assert_null (read);
  g_assert_no_error (error);

  g_assert_false (sp_store_set_private (fixture->store, "", "h1", first, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  changes = sp_store_changes_since (fixture->store, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpint (last_seq (fixture->store), ==, 0);
}

/* Version 3 kept the server's audit entries, sessions and idempotency records as records: they
 * move out, and seq never goes back to a number a client has seen. */
static void
test_migrate_v3 (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(SpRecord) next = NULL;
  g_autoptr(GBytes) session = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *all = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *u1 = NULL;
  g_autofree char *listed = NULL;

  g_assert_true (sp_sqlite_store_create_at_version (fixture->path, 3, &error));
  g_assert_no_error (error);
  exec_raw (fixture->path,
            "INSERT INTO records (kind, id, revision, seq, parent_id, modified_at, body) VALUES"
            " ('episode', 'e1', 1, 1, NULL, 1767225600, '{}'),"
            " ('audit', '000000000000001', 1, 2, NULL, 1767225600, 'A1'),"
            " ('session', 'h1', 2, 3, NULL, 1767225600, 'S'),"
            " ('audit', '000000000000002', 1, 4, NULL, 1767225600, 'A2'),"
            " ('audit', 'forged', 1, 5, NULL, 1767225600, 'F'),"
            " ('idempotency', 'k1', 1, 6, NULL, 1767225600, 'K');"
            "INSERT INTO history (kind, id, revision, seq, parent_id, modified_at, body) VALUES"
            " ('session', 'h1', 1, 2, NULL, 1767225600, 'S0');"
            "INSERT INTO terms (kind, id, term) VALUES"
            " ('episode', 'e1', 'unit:u1'),"
            " ('audit', '000000000000001', 'patient:p1'),"
            " ('audit', '000000000000001', 'user:u1'),"
            " ('audit', '000000000000002', 'user:u1'),"
            " ('session', 'h1', 'user:u1');");

  fixture->store = open_ok (fixture->path);
  g_assert_cmpint (sp_store_get_schema_version (fixture->store), ==, 5);

  changes = sp_store_changes_since (fixture->store, 0, 10, &error);
  g_assert_no_error (error);
  feed = describe (changes);
  g_assert_cmpstr (feed, ==, "e1@1");
  listed = list_ids (fixture->store, "episode", "unit:u1", 0, 10);
  g_assert_cmpstr (listed, ==, "e1@1");

  /* The entries in order, the one with no number last; their terms became columns. */
  all = list_log_ok (fixture->store, NULL, NULL, 0, 10);
  g_assert_cmpstr (all, ==, "A1,A2,F");
  p1 = list_log_ok (fixture->store, "p1", NULL, 0, 10);
  g_assert_cmpstr (p1, ==, "A1");
  u1 = list_log_ok (fixture->store, NULL, "u1", 0, 10);
  g_assert_cmpstr (u1, ==, "A1,A2");

  g_assert_true (sp_store_get_private (fixture->store, "session", "h1", &session, &error));
  g_assert_true (sp_store_get_private (fixture->store, "idempotency", "k1", &key, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (session, NULL), g_bytes_get_size (session), "S", 1);
  g_assert_cmpmem (g_bytes_get_data (key, NULL), g_bytes_get_size (key), "K", 1);
  g_assert_cmpint (query_raw (fixture->path,
                              "SELECT count(*) FROM records WHERE kind <> 'episode'"), ==, 0);
  g_assert_cmpint (query_raw (fixture->path, "SELECT count(*) FROM history"), ==, 0);
  g_assert_cmpint (query_raw (fixture->path, "SELECT count(*) FROM terms"), ==, 1);

  /* A client that saw seq 6 must see the next write. */
  g_assert_cmpint (last_seq (fixture->store), ==, 6);
  next = put_ok (fixture->store, "episode", "e2", NULL, "{}", 0, NULL);
  g_assert_cmpint (sp_record_get_seq (next), ==, 7);
}

/* Version 4 indexed the audit log by patient as it was appended: the index becomes the
 * batched one, and a listing by patient finds old and new entries, indexed or not. */
static void
test_migrate_v4 (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *u1 = NULL;
  g_autofree char *all = NULL;

  g_assert_true (sp_sqlite_store_create_at_version (fixture->path, 4, &error));
  g_assert_no_error (error);
  exec_raw (fixture->path,
            "INSERT INTO audit_log (number, patient_id, username, body) VALUES"
            " (1, 'p1', 'u1', 'A1'), (2, 'p2', 'u1', 'A2'), (3, NULL, 'u2', 'A3'),"
            " (4, 'p1', 'u2', 'A4');");

  fixture->store = open_ok (fixture->path);
  g_assert_cmpint (sp_store_get_schema_version (fixture->store), ==, 5);
  g_assert_cmpint (query_raw (fixture->path, "SELECT count(*) FROM audit_patient"), ==, 3);
  g_assert_cmpint (query_raw (fixture->path, "SELECT number FROM audit_indexed"), ==, 4);
  g_assert_cmpint (query_raw (fixture->path, "SELECT count(*) FROM sqlite_master"
                                             " WHERE name = 'audit_log_patient'"), ==, 0);

  append_ok (fixture->store, 5, "p1", "u1", "A5");
  p1 = list_log_ok (fixture->store, "p1", NULL, 0, 10);
  g_assert_cmpstr (p1, ==, "A1,A4,A5");
  u1 = list_log_ok (fixture->store, NULL, "u1", 0, 10);
  g_assert_cmpstr (u1, ==, "A1,A2,A5");
  all = list_log_ok (fixture->store, NULL, NULL, 0, 10);
  g_assert_cmpstr (all, ==, "A1,A2,A3,A4,A5");

  /* Append-only, the index too. */
  exec_raw_fails (fixture->path, "DELETE FROM audit_patient");
  exec_raw_fails (fixture->path, "UPDATE audit_indexed SET number = 0");
}

/* The PostgreSQL variant only when a test cluster is there (build-aux/dev test makes one). */
static void
add_pg (const char *name,
        void      (*test) (StoreFixture *, gconstpointer))
{
  g_autofree char *pg = g_strdup_printf ("/core/store/pg/%s", name);

  if (sp_test_pg_conninfo () != NULL)
    g_test_add (pg, StoreFixture, GINT_TO_POINTER (BACKEND_PG), store_setup, test,
                store_teardown);
}

static void
add_both (const char *name,
          void      (*test) (StoreFixture *, gconstpointer))
{
  g_autofree char *memory = g_strdup_printf ("/core/store/memory/%s", name);
  g_autofree char *file = g_strdup_printf ("/core/store/file/%s", name);

  g_test_add (memory, StoreFixture, GINT_TO_POINTER (BACKEND_MEMORY),
              store_setup, test, store_teardown);
  g_test_add (file, StoreFixture, GINT_TO_POINTER (BACKEND_FILE),
              store_setup, test, store_teardown);
  add_pg (name, test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/store/record/basics", test_record_basics);
  g_test_add_func ("/core/store/record/preconditions", test_record_preconditions);

  add_both ("roundtrip", test_roundtrip);
  add_both ("create-twice", test_create_twice);
  add_both ("stale-base", test_stale_base);
  add_both ("missing-base", test_missing_base);
  add_both ("history", test_history);
  add_both ("tombstone", test_tombstone);
  add_both ("list-terms", test_list_terms);
  add_both ("list-children", test_list_children);
  add_both ("changes-paging", test_changes_paging);
  add_both ("changes-rewrite", test_changes_rewrite);
  add_both ("transaction-rollback", test_transaction_rollback);
  add_both ("transaction-commit", test_transaction_commit);
  add_both ("transaction-nested", test_transaction_nested);
  add_both ("invalid-names", test_invalid_names);
  add_both ("meta", test_meta);
  add_both ("preconditions", test_preconditions);
  add_both ("audit-log", test_audit_log);
  add_both ("audit-log-batches", test_audit_log_batches);
  add_both ("private", test_private);

  g_test_add ("/core/store/file/reopen", StoreFixture, GINT_TO_POINTER (BACKEND_FILE),
              store_setup, test_reopen, store_teardown);
  g_test_add ("/core/store/file/two-instances", StoreFixture, GINT_TO_POINTER (BACKEND_FILE),
              store_setup, test_two_instances, store_teardown);
  g_test_add ("/core/store/file/busy-wait", StoreFixture, GINT_TO_POINTER (BACKEND_FILE),
              store_setup, test_busy_wait, store_teardown);
  add_pg ("reopen", test_reopen);
  add_pg ("two-instances", test_two_instances);
  add_pg ("busy-wait", test_busy_wait);
  g_test_add ("/core/store/file/migrate-empty", StoreFixture, NULL,
              dir_setup, test_migrate_empty, store_teardown);
  g_test_add ("/core/store/file/migrate-v1", StoreFixture, NULL,
              dir_setup, test_migrate_v1, store_teardown);
  g_test_add ("/core/store/file/migrate-v2", StoreFixture, NULL,
              dir_setup, test_migrate_v2, store_teardown);
  g_test_add ("/core/store/file/migrate-v3", StoreFixture, NULL,
              dir_setup, test_migrate_v3, store_teardown);
  g_test_add ("/core/store/file/migrate-v4", StoreFixture, NULL,
              dir_setup, test_migrate_v4, store_teardown);
  g_test_add ("/core/store/file/migration-rollback", StoreFixture, NULL,
              dir_setup, test_migration_rollback, store_teardown);
  g_test_add ("/core/store/file/schema-too-new", StoreFixture, NULL,
              dir_setup, test_schema_too_new, store_teardown);
  g_test_add ("/core/store/file/corrupt", StoreFixture, NULL,
              dir_setup, test_corrupt, store_teardown);
  g_test_add ("/core/store/file/damaged-pages", StoreFixture, NULL,
              dir_setup, test_damaged_pages, store_teardown);

  return g_test_run ();
}
