/* fuzz-replay.c — main() for a fuzz target without libFuzzer: replays a corpus
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-replay-TARGET DIR|FILE…  Every file is fed to LLVMFuzzerTestOneInput() once,
 * so the corpus (hand-written seeds and what the fuzzers grew) is a regression test in CI.
 */

#define G_LOG_DOMAIN "fuzz-replay"

#include "config.h"

#include <locale.h>

#include "fuzz-common.h"

static guint
replay_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      /* A stable order makes a failure easy to reproduce. */
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        n += replay_path (g_ptr_array_index (names, i));
      return n;
    }

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_debug ("replaying %s", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("Usage: %s DIR|FILE…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    n += replay_path (argv[i]);

  /* An empty corpus would pass without testing anything. */
  if (n == 0)
    {
      g_printerr ("%s: no inputs found\n", argv[0]);
      return 1;
    }

  g_print ("%u inputs replayed\n", n);
  return 0;
}
