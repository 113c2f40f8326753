/* overview.c — how the SPU overview copes with 100,000 episodes
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a meson test. Run by hand on a display, e.g.:
 *   xvfb-run -a _build/tests/bench/overview-bench [N [CACHE]]
 * Fills a local copy (SpCache) with N overview rows as the server lists them (not timed; kept
 * in the file CACHE if given, and reused by the next run), then starts itself again, as the
 * app starts: the time is measured from that process's start, through opening the copy and
 * loading the rows, to the first drawn frame of the overview that shows rows. Then, once the
 * app is idle (the work it leaves for after the first frame done; the time is printed), the
 * time from each of ten keystrokes in the search entry until the filtered list is drawn, and
 * the resident memory.
 * Targets: < 1 s, < 50 ms, < 300 MB. The last line is
 *   overview: first-frame F ms, keystroke K ms, rss R MB
 * With SP_BENCH_MEMORY=1 it then says where the resident memory is: the process's totals,
 * malloc's arenas and the mappings of more than 2 MB. SP_BENCH_MEMORY=exit ends the process
 * there, so that a heap profiler's "leaked" is what was allocated at the measurement, e.g.
 *   SP_BENCH_MEMORY=exit xvfb-run -a heaptrack overview-bench --measure CACHE
 * SP_BENCH_STOP=first-frame (or settled) ends it there, to profile the start alone:
 *   SP_BENCH_STOP=first-frame xvfb-run -a perf record -g overview-bench --measure CACHE
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "sp-cache.h"
#include "sp-episode-summary.h"
#include "sp-json.h"
#include "sp-overview-page.h"

#define DEFAULT_EPISODES 100000

/* Typed one character at a time: a name, as a coordinator looks one up. */
static const char typed[] = "märta test";

static gint64 start_time;
static gint64 filtered_time;

/* The CPU time of the process, every thread: on a shared machine, the wall time also counts
 * the time others ran. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}
static guint paints;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  paints++;
}

static GBytes *
bench_key (void)
{
  guint8 key[SP_CACHE_KEY_SIZE];

  memset (key, 42, sizeof key);
  return g_bytes_new (key, sizeof key);
}

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

static SpCache *
open_cache (const char *path)
{
  g_autoptr(GBytes) key = bench_key ();
  g_autoptr(SpCache) cache = sp_cache_new (path, key);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sp_cache_open_async (cache, "bench", NULL, NULL, result_cb, &result);
  if (!sp_cache_open_finish (cache, wait_for (&result), NULL, &error))
    g_error ("opening %s: %s", path, error->message);

  return g_steal_pointer (&cache);
}

/* The rows as GET /api/v1/episodes lists them, saved as the sync saves them. */
static void
fill_cache (const char *path,
            guint       n)
{
  static const char * const given[] = {
    "Greta", "Åke", "Zlatan", "Östen", "Ärla", "Märta", "Sven", "Ingrid", "Björn", "Linnea",
    "Karin", "Lars", "Eva", "Per", "Maja", "Nils", "Elsa", "Olof", "Saga", "Gösta",
  };
  static const char * const family[] = {
    "Testsson", "Provsson", "Exempel", "Påhittad", "Låtsas", "Fiktiv", "Prövare", "Försök",
    "Mönster", "Modell", "Skiss", "Utkast",
  };
  static const char * const states[] = { "planning", "planning", "ready", "discharged" };
  static const char * const tracks[] = { "null", "\"gra\"", "\"bla\"", "\"gron\"", "\"gul\"",
                                         "\"rod\"" };
  g_autoptr(SpCache) cache = open_cache (path);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, (GDestroyNotify) json_node_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = NULL;
      JsonNode *node;

      /* Reservnummer: any text is valid, so each row has its own number without Luhn. */
      json = g_strdup_printf (
        "{\"id\":\"e-%07u\",\"revision\":1,\"state\":\"%s\",\"ward_unit_id\":\"avd-%u\","
        "\"admitted_at\":\"2026-03-%02uT07:30:00Z\",\"ready_at\":null,"
        "\"patient\":{\"id\":\"p-%u\",\"revision\":1,\"given_name\":\"%s\","
        "\"family_name\":\"%s\",\"identity\":{\"kind\":\"reservnummer\","
        "\"value\":\"R-%07u\",\"region\":\"stockholm\"}},"
        "\"estimated_discharge\":\"2026-04-%02u\",\"track\":%s,"
        "\"next_deadline\":{\"clock\":\"care_contact_named\",\"unit_id\":\"vc\","
        "\"due\":\"2026-04-%02uT%02u:%02u:00Z\",\"overdue\":%s},\"overdue\":%s,"
        "\"care_contact\":{\"unit_id\":\"vc\",\"name\":\"Sara Kontakt\",\"work_phone\":\"08-1\","
        "\"lead\":true},\"unacknowledged\":{\"notices\":0,\"messages\":%u},"
        "\"restricted\":false}",
        i, states[i % G_N_ELEMENTS (states)], i % 17, i % 28 + 1, i,
        given[i % G_N_ELEMENTS (given)], family[(i / 7) % G_N_ELEMENTS (family)], i,
        i % 30 + 1, tracks[i % G_N_ELEMENTS (tracks)], i % 28 + 1, i % 24, i % 60,
        i % 9 == 0 ? "true" : "false", i % 9 == 0 ? "true" : "false", i % 3);
      node = sp_json_parse (json, -1, &error);
      if (node == NULL)
        g_error ("row %u: %s", i, error->message);
      g_ptr_array_add (rows, node);
    }

  sp_cache_save_rows_async (cache, rows, NULL, result_cb, &result);
  if (!sp_cache_save_rows_finish (cache, wait_for (&result), &error))
    g_error ("saving the rows: %s", error->message);
}

static void
rows_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GListStore *store = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sp_cache_load_rows_finish (SP_CACHE (object), result, &error);

  if (rows == NULL)
    g_error ("loading the rows: %s", error->message);

  /* One items-changed for the lot, as the sync adds them. */
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
wait_for_paint (void)
{
  guint before = paints;

  while (paints == before)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
idle_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until nothing of higher priority than a low idle is left to do. */
static void
wait_for_idle (void)
{
  gboolean idle = FALSE;

  g_idle_add_full (G_PRIORITY_LOW, idle_cb, &idle, NULL);
  while (!idle)
    g_main_context_iteration (NULL, TRUE);
}

/* Connected after the page's handler: the model has filtered and the rows show the new
 * episodes (their cells' texts set); what is left is GTK's layout and drawing. */
static void
search_changed_cb (GtkSearchEntry *entry,
                   gboolean       *changed)
{
  *changed = TRUE;
  filtered_time = g_get_monotonic_time ();
}

static double
read_rss_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;

  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

/* The mappings of more than 2 MB resident, by name or address. */
static void
print_mappings (void)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *name = NULL;

  if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    return;

  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      double rss;

      /* A mapping's first line: "start-end perms offset dev inode [path]". */
      if (g_ascii_isxdigit (lines[i][0]) && strchr (lines[i], '-') < strchr (lines[i], ' '))
        {
          fields = g_strsplit_set (lines[i], " ", 6);
          g_free (name);
          name = g_strdup (g_strv_length (fields) == 6 && *g_strstrip (fields[5]) != '\0'
                           ? fields[5] : fields[0]);
        }
      else if (g_str_has_prefix (lines[i], "Rss:") &&
               (rss = g_ascii_strtod (lines[i] + 4, NULL) / 1024.0) > 2)
        {
          g_print ("  %6.1f MB  %s\n", rss, name);
        }
    }
}

static void
print_memory (void)
{
  g_autofree char *rollup = NULL;
  struct mallinfo2 info = mallinfo2 ();

  if (g_file_get_contents ("/proc/self/smaps_rollup", &rollup, NULL, NULL))
    g_print ("%s", strchr (rollup, '\n') + 1);
  g_print ("malloc, all arenas: %zu MB in use, %zu MB free, %zu MB mapped apart\n",
           info.uordblks >> 20, info.fordblks >> 20, info.hblkhd >> 20);
  malloc_stats ();
  print_mappings ();
}

/* The app's start: open the copy, show the overview, add the rows when they are read. */
static int
measure (const char *path)
{
  g_autoptr(GListStore) store = g_list_store_new (SP_TYPE_EPISODE_SUMMARY);
  g_autoptr(SpCache) cache = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  GtkWidget *window;
  GtkWidget *page;
  GtkColumnView *view;
  GListModel *shown_model;
  GtkEditable *entry;
  GdkFrameClock *clock;
  gint64 loaded, first_frame, typing = 0;
  double first_frame_cpu, typing_cpu;
  gboolean changed = FALSE;
  guint shown = 0;

  start_time = g_get_monotonic_time ();
  /* As sp-main.c does first: one malloc arena for every thread. */
  mallopt (M_ARENA_MAX, 1);
  setlocale (LC_ALL, "");
  cache = open_cache (path);
  sp_cache_load_rows_async (cache, NULL, rows_loaded_cb, store);
  gtk_init ();
  adw_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, APP_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 900);
  page = sp_overview_page_new ();
  sp_overview_page_set_model (SP_OVERVIEW_PAGE (page), G_LIST_MODEL (store));
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_widget_realize (window);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));

  view = GTK_COLUMN_VIEW (find_descendant (page, GTK_TYPE_COLUMN_VIEW));
  shown_model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (
    gtk_column_view_get_model (view)));

  /* The first frame that shows rows: the one drawn after the rows arrived. */
  while (g_list_model_get_n_items (shown_model) == 0)
    g_main_context_iteration (NULL, TRUE);
  loaded = g_get_monotonic_time ();
  wait_for_paint ();
  first_frame = g_get_monotonic_time ();
  first_frame_cpu = cpu_ms ();
  g_print ("loaded %u episodes from the copy in %.0f ms; first frame %.0f ms after that "
           "(cpu time until then, all threads: %.0f ms)\n",
           g_list_model_get_n_items (G_LIST_MODEL (store)), (loaded - start_time) / 1000.0,
           (first_frame - loaded) / 1000.0, first_frame_cpu);
  /* For a profiler: only the start. */
  if (g_strcmp0 (g_getenv ("SP_BENCH_STOP"), "first-frame") == 0)
    _exit (EXIT_SUCCESS);

  /* Settle: the whole list drawn, and what the app left for when the main loop is idle done
   * (a person reads the list before typing); how long that took is printed. */
  wait_for_paint ();
  wait_for_idle ();
  g_print ("settled %.0f ms after the first frame (cpu time until then, all threads: %.0f ms)\n",
           (g_get_monotonic_time () - first_frame) / 1000.0, cpu_ms ());
  if (g_strcmp0 (g_getenv ("SP_BENCH_STOP"), "settled") == 0)
    _exit (EXIT_SUCCESS);

  entry = GTK_EDITABLE (find_descendant (page, GTK_TYPE_SEARCH_ENTRY));
  g_signal_connect (entry, "search-changed", G_CALLBACK (search_changed_cb), &changed);
  typing_cpu = cpu_ms ();

  for (const char *end = g_utf8_next_char (typed); ; end = g_utf8_next_char (end))
    {
      g_autofree char *text = g_strndup (typed, end - typed);
      const char *typed_char = g_utf8_prev_char (end);
      int position = g_utf8_strlen (typed, typed_char - typed);
      gint64 before = g_get_monotonic_time ();
      gint64 took;

      /* One keystroke: one character inserted at the end, as typing does. */
      changed = FALSE;
      gtk_editable_insert_text (entry, typed_char, end - typed_char, &position);
      /* The search entry reports the change (at once: no search delay), the page filters. */
      while (!changed)
        g_main_context_iteration (NULL, TRUE);
      gtk_widget_queue_draw (page);
      wait_for_paint ();
      took = g_get_monotonic_time () - before;
      typing += took;
      shown = g_list_model_get_n_items (shown_model);
      g_print ("  \"%s\": %u rows, %.1f ms (filter and rows %.1f ms, layout and drawing "
               "%.1f ms)\n", text, shown, took / 1000.0, (filtered_time - before) / 1000.0,
               (g_get_monotonic_time () - filtered_time) / 1000.0);

      if (*end == '\0')
        break;
    }

  /* Under Xvfb GTK draws with GL in software (llvmpipe) unless GSK_RENDERER says otherwise. */
  g_print ("renderer %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_print ("cpu time per keystroke %.1f ms\n",
           (cpu_ms () - typing_cpu) / g_utf8_strlen (typed, -1));
  g_print ("peak rss %.0f MB\n", read_rss_mb ("VmHWM:"));
  g_print ("overview: first-frame %.0f ms, keystroke %.0f ms, rss %.0f MB\n",
           (first_frame - start_time) / 1000.0,
           typing / 1000.0 / g_utf8_strlen (typed, -1), read_rss_mb ("VmRSS:"));
  if (g_getenv ("SP_BENCH_MEMORY") != NULL)
    {
      print_memory ();
      if (g_str_equal (g_getenv ("SP_BENCH_MEMORY"), "exit"))
        _exit (shown > 0 ? EXIT_SUCCESS : EXIT_FAILURE);
    }

  gtk_window_destroy (GTK_WINDOW (window));

  return shown > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : DEFAULT_EPISODES;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (argc == 3 && g_str_equal (argv[1], "--measure"))
    return measure (argv[2]);

  if (argc > 2)
    {
      path = g_strdup (argv[2]);
    }
  else
    {
      dir = g_dir_make_tmp ("overview-bench-XXXXXX", &error);
      if (dir == NULL)
        g_error ("%s", error->message);
      path = g_build_filename (dir, "cache.db", NULL);
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gint64 before = g_get_monotonic_time ();

      fill_cache (path, n);
      g_print ("filled the copy with %u episodes in %.0f ms (not counted)\n", n,
               (g_get_monotonic_time () - before) / 1000.0);
    }

  /* A fresh process, as the app starts: nothing of the filling is warm in it. */
  if (!g_spawn_sync (NULL, (char *[]) { argv[0], (char *) "--measure", path, NULL }, NULL,
                     G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL, &status, &error))
    g_error ("%s", error->message);

  if (dir != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      g_autoptr(GFileEnumerator) children = g_file_enumerate_children (
        folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE, NULL, NULL);
      GFileInfo *info;

      while (children != NULL &&
             (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_enumerator_get_child (children, info);

          g_file_delete (child, NULL, NULL);
          g_object_unref (info);
        }
      g_file_delete (folder, NULL, NULL);
    }

  return g_spawn_check_wait_status (status, NULL) ? EXIT_SUCCESS : EXIT_FAILURE;
}
