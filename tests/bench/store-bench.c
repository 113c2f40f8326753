/* store-bench.c — throughput of the sqlite store on a WAL file
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: store-bench [N]   (N records, default 20000)
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sp-sqlite-store.h"

#define DEFAULT_RECORDS 20000
#define CHANGES_PAGE    500

/* About the size of a serialised episode. */
static const char body_text[] =
  "{\"format\":1,\"id\":\"e-000000\",\"state\":\"ready\",\"track\":\"gul\","
  "\"unit\":\"u-ward-12\",\"patient\":\"p-00000000-0000-0000-0000-000000000000\","
  "\"admitted_at\":\"2026-01-05T08:00:00Z\",\"ready_at\":\"2026-01-09T11:30:00Z\","
  "\"addressing\":[\"u-ward-12\",\"u-vc-lerum\",\"u-hsl-lerum\"],"
  "\"notes\":\"Needs help with medication and a walker at home.\"}";

static double
per_second (guint  count,
            gint64 start)
{
  gint64 elapsed = MAX (g_get_monotonic_time () - start, 1);

  return count * (double) G_USEC_PER_SEC / elapsed;
}

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("store-bench: %s: %s\n", what, error->message);
  exit (1);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static double
bench_puts (SpStore *store,
            guint    n)
{
  g_autoptr(GBytes) body = g_bytes_new_static (body_text, strlen (body_text));
  gint64 start = g_get_monotonic_time ();

  /* Each put outside sp_store_transaction() is its own transaction, like one API command. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("e-%06u", i);
      g_autofree char *unit = g_strdup_printf ("unit:u-ward-%02u", i % 50);
      const char *terms[] = { unit, "state:ready", NULL };
      g_autoptr(SpRecord) record = sp_store_put (store, "episode", id, NULL, body, 0, terms,
                                                 &error);

      if (record == NULL)
        fail ("put", error);
    }

  return per_second (n, start);
}

static double
bench_gets (SpStore *store,
            guint    n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("e-%06u", g_rand_int_range (rand, 0, n));
      g_autoptr(SpRecord) record = sp_store_get (store, "episode", id, &error);

      if (record == NULL)
        fail ("get", error);
    }

  return per_second (n, start);
}

static double
bench_changes (SpStore *store,
               guint    n)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cursor = 0;
  guint total = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = sp_store_changes_since (store, cursor, CHANGES_PAGE, &error);

      if (page == NULL)
        fail ("changes", error);
      if (page->len == 0)
        break;

      total += page->len;
      cursor = sp_record_get_seq (g_ptr_array_index (page, page->len - 1));
    }

  if (total != n)
    {
      g_printerr ("store-bench: the changes feed returned %u of %u records\n", total, n);
      exit (1);
    }

  return per_second (total, start);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_RECORDS;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("samplan-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(SpStore) store = NULL;
  double puts, gets, changes;

  if (dir == NULL)
    fail ("temporary directory", error);
  if (n == 0)
    n = DEFAULT_RECORDS;

  path = g_build_filename (dir, "bench.db", NULL);
  store = sp_sqlite_store_new (path, &error);
  if (store == NULL)
    fail ("open", error);

  g_print ("store-bench: %u records of %zu bytes, file store in WAL mode\n",
           n, strlen (body_text));
  puts = bench_puts (store, n);
  g_print ("  put, one transaction each:  %10.0f /s\n", puts);
  gets = bench_gets (store, n);
  g_print ("  get by id, random order:    %10.0f /s\n", gets);
  changes = bench_changes (store, n);
  g_print ("  changes feed, pages of %d: %10.0f records/s\n", CHANGES_PAGE, changes);
  g_print ("store-bench: put/s %.0f, get/s %.0f, changes/s %.0f\n", puts, gets, changes);

  g_clear_object (&store);
  remove_dir (dir);

  return 0;
}
