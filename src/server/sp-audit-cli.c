/* sp-audit-cli.c — `samplan-server audit verify | list`
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the operator and the log reviewer at a shell: is the log whole, and what does it say.
 * Both print JSON on stdout. Exit status: 0 done (verify: the chain is whole), 1 the chain is
 * broken or the database cannot be read, 2 usage errors (also a database file that does not
 * exist: opening it would create an empty one).
 */

#define G_LOG_DOMAIN "samplan-audit"

#include "config.h"

#include <string.h>

#include "sp-audit.h"
#include "sp-audit-cli.h"
#include "sp-json.h"
#include "sp-pg-store.h"

#define EXIT_BROKEN 1
#define EXIT_USAGE  2

static int
usage (GOptionContext *context,
       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("samplan-server audit: %s\n%s", message, help);
  return EXIT_USAGE;
}

static int
fail (const GError *error)
{
  g_printerr ("samplan-server audit: %s\n", error->message);
  return EXIT_BROKEN;
}

/* Parses the options and checks --db, which both commands have; 0 when all is well. */
static int
parse (GOptionContext   *context,
       GOptionEntry     *entries,
       int              *argc,
       char           ***argv,
       char            **db)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    return usage (context, error->message);
  if (*argc > 1)
    return usage (context, "unexpected arguments");

  if (*db == NULL)
    return usage (context, "--db is required");
  if (!sp_pg_store_is_conninfo (*db) && !g_file_test (*db, G_FILE_TEST_IS_REGULAR))
    return usage (context, "--db: no such database file");

  return 0;
}

static void
print_node (JsonNode *node)
{
  g_autofree char *text = sp_json_to_string (node, FALSE);

  g_print ("%s\n", text);
}

/* verify --db PATH */
static int
verify (int    argc,
        char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("— check that no audit entry was changed, removed or added");
  g_autofree char *db = NULL;
  g_autofree char *head_hash = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  gint64 entries, first_broken, head_number;
  GOptionEntry entries_spec[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file", "PATH" },
    { NULL }
  };
  int status;

  if ((status = parse (context, entries_spec, &argc, &argv, &db)) != 0)
    return status;

  if ((store = sp_store_open_for_uri (db, &error)) == NULL ||
      !sp_audit_verify (store, &entries, &first_broken, &error) ||
      !sp_audit_get_head (store, &head_number, &head_hash, &error))
    return fail (error);

  json_object_set_int_member (result, "entries", entries);
  json_object_set_boolean_member (result, "ok", first_broken == 0);
  if (first_broken == 0)
    json_object_set_null_member (result, "first_broken");
  else
    json_object_set_int_member (result, "first_broken", first_broken);
  /* Kept outside the database, the head proves that the chain was not recomputed. */
  json_object_set_int_member (result, "head_number", head_number);
  json_object_set_string_member (result, "head_hash", head_hash);

  node = json_node_init_object (json_node_alloc (), result);
  print_node (node);
  return first_broken == 0 ? EXIT_SUCCESS : EXIT_BROKEN;
}

/* list --db PATH [--patient ID] [--user U] [--offset N] [--limit N] */
static int
list (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("— print audit entries as JSON lines, oldest first");
  g_autofree char *db = NULL, *patient_id = NULL, *username = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int offset = 0, limit = G_MAXINT;
  GOptionEntry entries_spec[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file", "PATH" },
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient_id, "Only entries about this patient",
      "ID" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &username, "Only entries of this user", "USER" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, "Skip this many matching entries", "N" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "Print at most this many entries", "N" },
    { NULL }
  };
  int status;

  if ((status = parse (context, entries_spec, &argc, &argv, &db)) != 0)
    return status;
  if (offset < 0 || limit < 1)
    return usage (context, "--offset must be 0 or more and --limit 1 or more");
  if ((patient_id != NULL && *patient_id == '\0') || (username != NULL && *username == '\0'))
    return usage (context, "--patient and --user must not be empty");

  if ((store = sp_store_open_for_uri (db, &error)) == NULL ||
      (entries = sp_audit_list (store, patient_id, username, offset, limit, &error)) == NULL)
    return fail (error);

  for (guint i = 0; i < entries->len; i++)
    print_node (g_ptr_array_index (entries, i));

  return EXIT_SUCCESS;
}

int
sp_audit_cli_run (int    argc,
                  char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "verify") == 0)
    return verify (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return list (argc - 1, argv + 1);

  g_printerr ("Usage: samplan-server audit verify --db PATH\n"
              "       samplan-server audit list --db PATH [--patient ID] [--user USER]"
              " [--offset N] [--limit N]\n");
  return EXIT_USAGE;
}
