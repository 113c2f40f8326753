/* sp-main.c — entry point of the desktop app
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-main"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>

#include "sp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SpApplication) app = NULL;

  const char *localedir = g_getenv ("SAMPLAN_LOCALEDIR");

  /* Before any thread: one malloc arena for all. The local copy's thread frees ~50 MB of
   * records as it makes the overview's rows; in an arena of its own those holes stay
   * resident, in the shared one the widgets and GL use them: at 100,000 rows 15-20 MB less,
   * and no slower to the first frame or per keystroke (tests/bench/overview.c). */
  mallopt (M_ARENA_MAX, 1);
  setlocale (LC_ALL, "");
  /* build-aux/dev run points this at the build tree: translations before installing. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sp_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
