/* test-pg-store.c — what only the PostgreSQL store has: its schema's migrations, several
 * connections writing at once under one changes feed, and reconnecting
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's behaviour common to both backends is in test-store.c ("/core/store/pg/…").
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sp-pg-store-private.h"
#include "sp-sqlite-store.h"
#include "sp-test-pg.h"

typedef struct
{
  char *schema;
  char *conninfo;
} PgFixture;

static void
pg_setup (PgFixture     *fixture,
          gconstpointer  data)
{
  fixture->schema = sp_test_pg_create_schema (&fixture->conninfo);
}

static void
pg_teardown (PgFixture     *fixture,
             gconstpointer  data)
{
  sp_test_pg_drop_schema (fixture->schema);
  g_free (fixture->schema);
  g_free (fixture->conninfo);
}

static SpStore *
open_ok (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_store_open_for_uri (conninfo, &error);

  g_assert_no_error (error);
  g_assert_true (SP_IS_PG_STORE (store));
  return store;
}

static SpRecord *
put_text (SpStore     *store,
          const char  *id,
          gint64       base_revision,
          GError     **error)
{
  g_autoptr(GBytes) body = g_bytes_new ("{}", 2);

  return sp_store_put (store, "episode", id, NULL, body, base_revision, NULL, error);
}

/* Which strings name a PostgreSQL database; everything else is a sqlite path. */
static void
test_is_conninfo (void)
{
  const struct
  {
    const char *database;
    gboolean    pg;
  } cases[] = {
    { "postgresql://samplan@db.region.example/samplan", TRUE },
    { "postgres://localhost/samplan", TRUE },
    { "postgresql:///samplan?host=/run/postgresql", TRUE },
    { "host=/tmp/pg dbname=samplan", TRUE },
    { "dbname=samplan", TRUE },
    { "/var/lib/samplan/samplan.db", FALSE },
    { "samplan.db", FALSE },
    { ":memory:", FALSE },
    { "", FALSE },
    { "=x", FALSE },                 /* no keyword */
    { "./host=x", FALSE },           /* a relative path with "=" in it */
    { "data/postgresql:x", FALSE },  /* the prefix only counts at the start */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpint (sp_pg_store_is_conninfo (cases[i].database), ==, cases[i].pg);
    }
}

/* From nothing to the current version; from version 0 (an empty schema) likewise. */
static void
test_migrate_empty (PgFixture     *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *version = NULL;

  /* Version 0 creates nothing. */
  g_assert_true (sp_pg_store_create_at_version (fixture->conninfo, 0, &error));
  g_assert_no_error (error);
  tables = sp_test_pg_query (fixture->conninfo,
                             "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()");
  g_assert_cmpstr (tables, ==, "0");

  store = open_ok (fixture->conninfo);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_PG_STORE_SCHEMA_VERSION);
  version = sp_test_pg_query (fixture->conninfo, "SELECT version FROM schema_version");
  g_assert_cmpint (atoi (version), ==, SP_PG_STORE_SCHEMA_VERSION);

  record = put_text (store, "e1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_record_get_seq (record), ==, 1);

  /* Opening again migrates nothing and keeps the data. */
  g_clear_object (&store);
  store = open_ok (fixture->conninfo);
  g_assert_cmpint (sp_store_get_last_seq (store, &error), ==, 1);
}

static void
test_schema_too_new (PgFixture     *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree char *version = NULL;

  g_assert_true (sp_pg_store_create_at_version (fixture->conninfo, SP_PG_STORE_SCHEMA_VERSION,
                                                &error));
  /* As if a newer Samplan had migrated one step further. */
  sp_test_pg_exec (fixture->conninfo, "UPDATE schema_version SET version = version + 1");

  store = sp_pg_store_new (fixture->conninfo, &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SCHEMA_TOO_NEW);
  g_assert_null (store);
  version = sp_test_pg_query (fixture->conninfo, "SELECT version FROM schema_version");
  g_assert_cmpint (atoi (version), ==, SP_PG_STORE_SCHEMA_VERSION + 1);
}

static gpointer
open_thread (gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_pg_store_new (user_data, &error);

  g_assert_no_error (error);
  return store;
}

/* Instances starting together on an empty database: one migrates, the others wait for it. */
static void
test_concurrent_open (PgFixture     *fixture,
                      gconstpointer  data)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_thread, fixture->conninfo);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(SpStore) store = g_thread_join (threads[i]);

      g_assert_nonnull (store);
      g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_PG_STORE_SCHEMA_VERSION);
    }
}

/* The audit log refuses changes in the database itself, not only through the interface. */
static void
test_audit_append_only (PgFixture     *fixture,
                        gconstpointer  data)
{
  g_autoptr(SpStore) store = open_ok (fixture->conninfo);
  g_autoptr(GBytes) body = g_bytes_new ("entry", 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *refused = NULL;

  g_assert_true (sp_store_append_log (store, 1, "p1", "u1", body, &error));
  g_assert_no_error (error);

  refused = sp_test_pg_query (fixture->conninfo,
                              "DO $$ BEGIN DELETE FROM audit_log;"
                              " EXCEPTION WHEN raise_exception THEN RAISE NOTICE 'refused'; END $$;"
                              " SELECT 'kept'");
  g_assert_cmpstr (refused, ==, "kept");
  count = sp_test_pg_query (fixture->conninfo, "SELECT count(*) FROM audit_log");
  g_assert_cmpstr (count, ==, "1");
}

static void
terminate_backend (PgFixture *fixture,
                   SpStore   *store)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pg_terminate_backend (%d, 10000)",
                                          PQbackendPID (SP_PG_STORE (store)->conn));

  sp_test_pg_exec (fixture->conninfo, sql);
}

/* A connection the server ends (a restart, a fail-over) is opened again: a command starting
 * after that runs on a new one; a read outside a command fails once, the next one works. */
static void
test_reconnect (PgFixture     *fixture,
                gconstpointer  data)
{
  g_autoptr(SpStore) store = open_ok (fixture->conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) before = put_text (store, "e1", 0, &error);
  g_autoptr(SpRecord) after = NULL;
  g_autoptr(SpRecord) read = NULL;

  g_assert_no_error (error);
  terminate_backend (fixture, store);
  after = put_text (store, "e2", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_record_get_seq (after), ==, 2);

  terminate_backend (fixture, store);
  read = sp_store_get (store, "episode", "e2", &error);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_IO);
  g_assert_null (read);
  g_clear_error (&error);
  read = sp_store_get (store, "episode", "e2", &error);
  g_assert_no_error (error);
  g_assert_true (sp_record_equal (read, after));
}

/* migrate --from sqlite --to PostgreSQL: everything, byte for byte, and only into an empty
 * store. The names and bodies hold what COPY must escape. */
static void
test_import_sqlite (PgFixture     *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("samplan-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(SpStore) source = sp_sqlite_store_new (path, &error);
  g_autoptr(SpStore) target = NULL;
  g_autoptr(GBytes) odd = g_bytes_new ("\0\t\\x\n\xff", 6);
  g_autoptr(GBytes) entry = g_bytes_new ("{\"n\":1}", 7);
  const char *terms[] = { "unit:a\tb", "note:back\\slash\nline", "patient:p1", NULL };
  g_autoptr(SpRecord) e1 = NULL, e1_v2 = NULL, gone = NULL, copied = NULL;
  g_autoptr(GPtrArray) history = NULL, listed = NULL, log = NULL, changes = NULL;
  g_autoptr(GBytes) session = NULL;
  g_autofree char *report = NULL, *again = NULL, *value = NULL;

  g_assert_no_error (error);
  e1 = sp_store_put (source, "episode", "e1", NULL, odd, 0, terms, &error);
  e1_v2 = sp_store_put (source, "episode", "e1", NULL, entry, 1, terms, &error);
  g_clear_pointer (&gone, sp_record_unref);
  gone = sp_store_put (source, "message", "m1", "e1", entry, 0, NULL, &error);
  g_clear_pointer (&gone, sp_record_unref);
  gone = sp_store_delete (source, "message", "m1", 1, &error);
  g_assert_true (sp_store_set_meta (source, "audit_head", "1 ab\tc\\d", &error));
  g_assert_true (sp_store_append_log (source, 1, "p1", "ward", odd, &error));
  g_assert_true (sp_store_append_log (source, 2, NULL, NULL, entry, &error));
  g_assert_true (sp_store_set_private (source, "session", "h1", odd, &error));
  g_assert_no_error (error);
  g_clear_object (&source);

  target = open_ok (fixture->conninfo);
  g_assert_true (sp_pg_store_import_sqlite (SP_PG_STORE (target), path, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report, "audit_log           2 rows"));

  copied = sp_store_get (target, "episode", "e1", &error);
  g_assert_true (sp_record_equal (copied, e1_v2));
  history = sp_store_get_history (target, "episode", "e1", &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_true (sp_record_equal (g_ptr_array_index (history, 0), e1));
  listed = sp_store_list (target, "episode", "unit:a\tb", 0, 10, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  changes = sp_store_changes_since (target, 2, 10, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (sp_record_equal (g_ptr_array_index (changes, 0), gone));
  g_assert_true (sp_store_get_meta (target, "audit_head", &value, &error));
  g_assert_cmpstr (value, ==, "1 ab\tc\\d");
  log = sp_store_list_log (target, "p1", NULL, 0, 10, &error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_true (g_bytes_equal (g_ptr_array_index (log, 0), odd));
  g_assert_true (sp_store_get_private (target, "session", "h1", &session, &error));
  g_assert_true (g_bytes_equal (session, odd));
  g_assert_no_error (error);
  /* The sequence goes on where the file's stopped. */
  g_assert_cmpint (sp_store_get_last_seq (target, &error), ==, 4);

  /* A second copy is refused and changes nothing. */
  g_assert_false (sp_pg_store_import_sqlite (SP_PG_STORE (target), path, &again, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS);
  g_assert_null (again);
  g_assert_cmpint (sp_store_get_last_seq (target, NULL), ==, 4);

  g_remove (path);
  g_rmdir (dir);
}

/* The changes feed under concurrent writers, each on its own connection as each server
 * instance is: a reader paging "changes since its cursor" while they write must see every
 * sequence number, in order, without a gap, and in the end every record written. */

#define N_WRITERS 4
#define N_WRITES 60

typedef struct
{
  const char *conninfo;
  guint       index;
  gint       *running;
} Writer;

static gboolean
write_pair_cb (SpStore   *store,
               gpointer   user_data,
               GError   **error)
{
  const char * const *ids = user_data;
  g_autoptr(SpRecord) first = put_text (store, ids[0], 0, error);
  g_autoptr(SpRecord) second = NULL;

  if (first == NULL)
    return FALSE;

  /* Widen the window between taking a number and committing it. */
  g_usleep (g_random_int_range (0, 2000));
  second = put_text (store, ids[1], 0, error);
  if (second == NULL)
    return FALSE;

  /* Every third pair is refused: its numbers must not leave a gap either. */
  if (ids[2] != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "refused");
      return FALSE;
    }

  return TRUE;
}

static gpointer
writer_thread (gpointer user_data)
{
  Writer *writer = user_data;
  g_autoptr(SpStore) store = sp_pg_store_new (writer->conninfo, NULL);
  GPtrArray *written = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (store);
  for (guint i = 0; i < N_WRITES; i++)
    {
      g_autofree char *a = g_strdup_printf ("w%u-%03ua", writer->index, i);
      g_autofree char *b = g_strdup_printf ("w%u-%03ub", writer->index, i);
      const char *ids[] = { a, b, i % 3 == 0 ? "refuse" : NULL };
      g_autoptr(GError) error = NULL;

      if (sp_store_transaction (store, write_pair_cb, ids, &error))
        {
          g_ptr_array_add (written, g_steal_pointer (&a));
          g_ptr_array_add (written, g_steal_pointer (&b));
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
        }
    }

  g_atomic_int_dec_and_test (writer->running);
  return written;
}

/* Reads the feed from *@cursor on, asserting that it continues without a gap. */
static guint
read_feed (SpStore    *reader,
           gint64     *cursor,
           GHashTable *seen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = sp_store_changes_since (reader, *cursor, 7, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      SpRecord *record = g_ptr_array_index (page, i);

      /* Nothing is rewritten here, so the feed is exactly 1, 2, 3, … */
      g_assert_cmpint (sp_record_get_seq (record), ==, *cursor + 1);
      *cursor = sp_record_get_seq (record);
      g_assert_true (g_hash_table_add (seen, g_strdup (sp_record_get_id (record))));
    }

  return page->len;
}

static void
test_feed_no_gap (PgFixture     *fixture,
                  gconstpointer  data)
{
  g_autoptr(SpStore) reader = open_ok (fixture->conninfo);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Writer writers[N_WRITERS];
  GThread *threads[N_WRITERS];
  gint running = N_WRITERS;
  gint64 cursor = 0;
  guint pages = 0;
  guint expected = 0;

  for (guint i = 0; i < N_WRITERS; i++)
    {
      writers[i] = (Writer) { fixture->conninfo, i, &running };
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }

  /* Page while they write (every page read at a moment of its own), then to the end. */
  while (g_atomic_int_get (&running) > 0)
    {
      read_feed (reader, &cursor, seen);
      pages++;
    }
  while (read_feed (reader, &cursor, seen) > 0)
    pages++;

  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autoptr(GPtrArray) written = g_thread_join (threads[i]);

      for (guint j = 0; j < written->len; j++)
        g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (written, j)));
      expected += written->len;
    }

  g_test_message ("%u pages read while %u writers wrote %u records", pages, N_WRITERS,
                  expected);
  g_assert_cmpuint (g_hash_table_size (seen), ==, expected);
  /* Refused pairs (every third) took no numbers. */
  g_assert_cmpuint (expected, ==, N_WRITERS * 2 * (N_WRITES - N_WRITES / 3));
  g_assert_cmpint (sp_store_get_last_seq (reader, NULL), ==, cursor);
  g_assert_cmpint (cursor, ==, expected);
}

typedef struct
{
  SpStore *reader;
  SpStore *writer;  /* another connection, which gives up waiting for a lock after 1 s */
} ReadTransaction;

/* Whether the other connection can write now, or waits for our write lock. */
static gboolean
writer_can_write (ReadTransaction *state,
                  const char      *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) record = put_text (state->writer, id, 0, &error);

  if (record == NULL)
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_IO);
  return record != NULL;
}

static gboolean
nested_cb (SpStore   *store,
           gpointer   user_data,
           GError   **error)
{
  /* A transaction may read, check and write: it holds the lock from its start. */
  g_assert_false (writer_can_write (user_data, "e-nested"));
  return TRUE;
}

static gboolean
read_cb (SpStore   *store,
         gpointer   user_data,
         GError   **error)
{
  ReadTransaction *state = user_data;
  g_autoptr(GBytes) entry = g_bytes_new ("A1", 2);
  g_autoptr(SpRecord) seen = NULL;
  g_autoptr(GError) missing = NULL;

  /* Reading takes no lock: a writer on another connection goes on meanwhile, and the next
   * statement sees its commit. */
  g_assert_null (sp_store_get (store, "episode", "e1", &missing));
  g_assert_error (missing, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_assert_true (writer_can_write (state, "e1"));
  seen = sp_store_get (store, "episode", "e1", error);
  g_assert_nonnull (seen);

  /* From the first write on, it holds the lock to its commit. */
  if (!sp_store_append_log (store, 1, "p1", "u1", entry, error))
    return FALSE;
  g_assert_false (writer_can_write (state, "e2"));
  return TRUE;
}

static gboolean
read_nested_cb (SpStore   *store,
                gpointer   user_data,
                GError   **error)
{
  return sp_store_transaction (store, nested_cb, user_data, error);
}

/* sp_store_read_transaction() lets writers on other connections (other instances) run until
 * its first write; sp_store_transaction() holds the lock throughout, nested in one too. */
static void
test_read_transaction (PgFixture     *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *impatient = NULL;
  g_autofree char *log = NULL;
  g_autoptr(SpStore) reader = open_ok (fixture->conninfo);
  g_autoptr(SpStore) writer = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  ReadTransaction state;

  /* The fixture's options end the conninfo: add a lock timeout to them. */
  g_assert_true (g_str_has_suffix (fixture->conninfo, "'"));
  impatient = g_strdup_printf ("%.*s -clock_timeout=1000'",
                               (int) strlen (fixture->conninfo) - 1, fixture->conninfo);
  writer = open_ok (impatient);
  state = (ReadTransaction) { reader, writer };

  g_assert_true (sp_store_read_transaction (reader, read_cb, &state, &error));
  g_assert_no_error (error);
  /* Committed, and the lock is free again. */
  g_assert_true (writer_can_write (&state, "e2"));
  entries = sp_store_list_log (writer, "p1", NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);

  g_assert_true (sp_store_read_transaction (reader, read_nested_cb, &state, &error));
  g_assert_no_error (error);
  g_assert_true (writer_can_write (&state, "e-nested"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/pg-store/is-conninfo", test_is_conninfo);

  if (sp_test_pg_conninfo () == NULL)
    {
      g_test_message ("SAMPLAN_TEST_PG is not set: no PostgreSQL test cluster");
      return g_test_run ();
    }

  g_test_add ("/core/pg-store/migrate-empty", PgFixture, NULL,
              pg_setup, test_migrate_empty, pg_teardown);
  g_test_add ("/core/pg-store/schema-too-new", PgFixture, NULL,
              pg_setup, test_schema_too_new, pg_teardown);
  g_test_add ("/core/pg-store/concurrent-open", PgFixture, NULL,
              pg_setup, test_concurrent_open, pg_teardown);
  g_test_add ("/core/pg-store/audit-append-only", PgFixture, NULL,
              pg_setup, test_audit_append_only, pg_teardown);
  g_test_add ("/core/pg-store/reconnect", PgFixture, NULL,
              pg_setup, test_reconnect, pg_teardown);
  g_test_add ("/core/pg-store/import-sqlite", PgFixture, NULL,
              pg_setup, test_import_sqlite, pg_teardown);
  g_test_add ("/core/pg-store/feed-no-gap", PgFixture, NULL,
              pg_setup, test_feed_no_gap, pg_teardown);
  g_test_add ("/core/pg-store/read-transaction", PgFixture, NULL,
              pg_setup, test_read_transaction, pg_teardown);

  return g_test_run ();
}
