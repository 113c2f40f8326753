/* sp-server-main.c — samplan-server: the command dispatcher
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samplan-server"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "sp-admin-cli.h"
#include "sp-audit-cli.h"
#include "sp-demo.h"
#include "sp-migrate-cli.h"
#include "sp-rules-cli.h"

static const struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
} commands[] = {
  { "init",     sp_admin_cli_init },
  { "add-unit", sp_admin_cli_add_unit },
  { "add-user", sp_admin_cli_add_user },
  { "seed-demo", sp_demo_cli_run },
  { "serve",    sp_admin_cli_serve },
  { "audit",    sp_audit_cli_run },
  { "migrate",  sp_migrate_cli_run },
  { "rules",    sp_rules_cli_run },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream,
           "Usage: samplan-server COMMAND [ARGS…]\n"
           "\n"
           "Commands:\n"
           "  init         Create a database\n"
           "  add-unit     Add a care unit\n"
           "  add-user     Add a user (password on standard input)\n"
           "  seed-demo    Fill a database with a fictional region\n"
           "  serve        Serve the API\n"
           "  audit …      Verify or read the audit log\n"
           "  migrate      Copy a sqlite database into PostgreSQL\n"
           "  rules …      Ask the domain rules (holidays, id, day0, weekdays, track, liability)\n"
           "  --version    Print the version\n"
           "  --help       Print this help\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("samplan-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (stdout);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  g_printerr ("samplan-server: unknown command “%s”\n", argv[1]);
  print_usage (stderr);
  return 2;
}
