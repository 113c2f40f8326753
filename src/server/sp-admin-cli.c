/* sp-admin-cli.c — `samplan-server init | add-unit | add-user | serve`
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samplan-admin"

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <string.h>

#include "sp-admin-cli.h"
#include "sp-auth.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-server.h"
#include "sp-server-enums.h"
#include "sp-pg-store.h"
#include "sp-sqlite-store.h"
#include "sp-unit.h"
#include "sp-user.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

static int
fail (const char   *what,
      const GError *error)
{
  g_printerr ("samplan-server %s: %s\n", what, error->message);
  return EXIT_FAILED;
}

static int
usage (GOptionContext *context,
       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("samplan-server: %s\n%s", message, help);
  return EXIT_USAGE;
}

static gboolean
parse (GOptionContext  *context,
       GOptionEntry    *entries,
       int             *argc,
       char          ***argv,
       GError         **error)
{
  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

static SpStore *
open_store (const char  *path,
            GError     **error)
{
  return sp_store_open_for_uri (path, error);
}

static gboolean
put_json (SpStore            *store,
          const char         *kind,
          const char         *id,
          JsonNode           *node,
          const char * const *terms,
          GError            **error)
{
  g_autofree char *text = sp_json_to_string (node, FALSE);
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(SpRecord) record = sp_store_put (store, kind, id, NULL, body, 0, terms, error);

  return record != NULL;
}

/* init --db PATH [--profile P] */
int
sp_admin_cli_init (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— create a database");
  g_autofree char *db = NULL;
  g_autofree char *profile_id = NULL;
  g_autofree char *existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file or postgresql:// URI", "PATH" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_id, "Region profile (default stockholm)",
      "vgr|stockholm|vasterbotten" },
    { NULL }
  };

  if (!parse (context, entries, &argc, &argv, &error))
    return usage (context, error->message);
  if (db == NULL)
    return usage (context, "--db is required");
  if (profile_id == NULL)
    profile_id = g_strdup ("stockholm");
  if (sp_region_profile_lookup (profile_id) == NULL)
    return usage (context, "--profile must be vgr, stockholm or vasterbotten");
  if (!sp_pg_store_is_conninfo (db) && g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_printerr ("samplan-server init: %s exists already\n", db);
      return EXIT_FAILED;
    }

  if ((store = open_store (db, &error)) == NULL ||
      !sp_store_get_meta (store, "profile", &existing, &error))
    return fail ("init", error);
  /* A PostgreSQL database exists before init: it must not hold a region yet. */
  if (existing != NULL)
    {
      g_printerr ("samplan-server init: the database is initialised already\n");
      return EXIT_FAILED;
    }
  if (!sp_store_set_meta (store, "profile", profile_id, &error))
    return fail ("init", error);

  g_print ("Created %s (region profile %s)\n", db, profile_id);
  return EXIT_SUCCESS;
}

/* add-unit --db PATH --id ID --name NAME --kind KIND [--municipality CODE:NAME] [--phone P] */
int
sp_admin_cli_add_unit (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— add a care unit");
  g_autofree char *db = NULL, *id = NULL, *name = NULL, *kind_nick = NULL;
  g_autofree char *municipality = NULL, *phone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpUnit) unit = NULL;
  g_autoptr(JsonNode) node = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file", "PATH" },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, "Unit id", "ID" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Name", "NAME" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_nick, "Kind",
      "inpatient|outpatient|municipal_health|social_services|other" },
    { "municipality", 0, 0, G_OPTION_ARG_STRING, &municipality, "Municipality", "CODE:NAME" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, "Phone", "PHONE" },
    { NULL }
  };
  int kind;

  if (!parse (context, entries, &argc, &argv, &error))
    return usage (context, error->message);
  if (db == NULL || id == NULL || name == NULL || kind_nick == NULL)
    return usage (context, "--db, --id, --name and --kind are required");
  if (!sp_enum_from_nick (SP_TYPE_UNIT_KIND, kind_nick, &kind))
    return usage (context, "unknown --kind");

  unit = sp_unit_new (id, name, kind);
  if (municipality != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (municipality, ":", 2);

      if (parts[1] == NULL)
        return usage (context, "--municipality is CODE:NAME, e.g. 1482:Kungälv");
      sp_unit_set_municipality (unit, parts[0], parts[1]);
    }
  sp_unit_set_phone (unit, phone);

  node = sp_unit_to_json (unit);
  if ((store = open_store (db, &error)) == NULL ||
      !put_json (store, "unit", id, node, NULL, &error))
    return fail ("add-unit", error);

  return EXIT_SUCCESS;
}

static char *
read_password (void)
{
  char buffer[SP_AUTH_MAX_PASSWORD + 2];

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;

  buffer[strcspn (buffer, "\r\n")] = '\0';
  return g_strdup (buffer);
}

/* add-user --db PATH --username U --name N --title T --units A,B [--roles R,S] [--phone P]
 * The password is read from standard input, never from the command line (ps shows it). */
int
sp_admin_cli_add_user (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("— add a user; the password is read from standard input");
  g_autofree char *db = NULL, *username = NULL, *name = NULL, *title = NULL;
  g_autofree char *units = NULL, *roles = NULL, *phone = NULL;
  g_autofree char *password = NULL, *hash = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpUser) user = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GFlagsClass) role_class = g_type_class_ref (SP_TYPE_ROLE);
  g_auto(GStrv) unit_ids = NULL;
  g_auto(GStrv) role_nicks = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file", "PATH" },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, "User name", "USER" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Full name", "NAME" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "Professional title", "TITLE" },
    { "units", 0, 0, G_OPTION_ARG_STRING, &units, "Unit ids, comma separated", "A,B" },
    { "roles", 0, 0, G_OPTION_ARG_STRING, &roles, "Roles (default staff)",
      "staff,log_reviewer,report_viewer,admin" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, "Work phone", "PHONE" },
    { NULL }
  };
  SpRole role_flags = 0;

  if (!parse (context, entries, &argc, &argv, &error))
    return usage (context, error->message);
  if (db == NULL || username == NULL || name == NULL || title == NULL || units == NULL)
    return usage (context, "--db, --username, --name, --title and --units are required");

  unit_ids = g_strsplit (units, ",", -1);
  role_nicks = g_strsplit (roles != NULL ? roles : "staff", ",", -1);
  for (guint i = 0; role_nicks[i] != NULL; i++)
    {
      GFlagsValue *value = g_flags_get_value_by_nick (role_class, role_nicks[i]);

      if (value == NULL)
        return usage (context, "unknown role in --roles");
      role_flags |= value->value;
    }

  if ((store = open_store (db, &error)) == NULL)
    return fail ("add-user", error);
  for (guint i = 0; unit_ids[i] != NULL; i++)
    {
      g_autoptr(SpRecord) unit = sp_store_get (store, "unit", unit_ids[i], &error);

      if (unit == NULL)
        return fail ("add-user", error);
    }

  if ((password = read_password ()) == NULL)
    return usage (context, "no password on standard input");
  if (!sp_auth_init (&error) || (hash = sp_auth_hash_password (password, &error)) == NULL)
    return fail ("add-user", error);

  user = sp_user_new (username, name, title);
  sp_user_set_units (user, (const char * const *) unit_ids);
  sp_user_set_roles (user, role_flags);
  sp_user_set_phone (user, phone);
  sp_user_set_password_hash (user, hash);
  node = sp_user_to_json (user, TRUE);

  if (!put_json (store, "user", username, node, NULL, &error))
    return fail ("add-user", error);

  return EXIT_SUCCESS;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* serve --db PATH --listen IP:PORT [--tls-cert PEM --tls-key PEM] [--trusted-proxy ADDR…] */
int
sp_admin_cli_serve (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— serve the API");
  g_autofree char *db = NULL, *listen = NULL, *cert = NULL, *key = NULL;
  g_autofree char *profile_id = NULL, *uri = NULL;
  g_auto(GStrv) proxies = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const SpRegionProfile *profile;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file or postgresql:// URI", "PATH" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address (port 0: any free port)",
      "IP:PORT" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, "TLS certificate (PEM)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key, "TLS private key (PEM)", "FILE" },
    { "trusted-proxy", 0, 0, G_OPTION_ARG_STRING_ARRAY, &proxies,
      "A reverse proxy whose X-Forwarded-For names the client (repeatable)", "ADDR[/BITS]" },
    { NULL }
  };

  if (!parse (context, entries, &argc, &argv, &error))
    return usage (context, error->message);
  if (db == NULL || listen == NULL)
    return usage (context, "--db and --listen are required");
  if (!sp_pg_store_is_conninfo (db) && !g_file_test (db, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("samplan-server serve: %s does not exist (see samplan-server init)\n", db);
      return EXIT_FAILED;
    }

  if (!sp_auth_init (&error) ||
      (store = open_store (db, &error)) == NULL ||
      (SP_IS_SQLITE_STORE (store) &&
       !sp_sqlite_store_tune_for_serving (SP_SQLITE_STORE (store), &error)) ||
      !sp_store_get_meta (store, "profile", &profile_id, &error))
    return fail ("serve", error);
  profile = sp_region_profile_lookup (profile_id != NULL ? profile_id : "stockholm");
  if (profile == NULL)
    {
      g_printerr ("samplan-server serve: unknown region profile in the database\n");
      return EXIT_FAILED;
    }

  server = sp_server_new (store, profile);
  for (guint i = 0; proxies != NULL && proxies[i] != NULL; i++)
    if (!sp_server_add_trusted_proxy (server, proxies[i], &error))
      return usage (context, error->message);
  if (!sp_server_listen (server, listen, cert, key, &error))
    return fail ("serve", error);

  /* Signals first: whoever reads the address may stop the server at once. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  /* The first line on stdout is the address: tests and build-aux/dev read it. */
  uri = sp_server_get_uri (server);
  g_print ("%s\n", uri);
  fflush (stdout);

  g_main_loop_run (loop);

  /* Handlers run to completion on this loop, so no request is half done here; the store
   * closes (WAL checkpoint) when the last reference goes. */
  sp_server_shutdown (server);
  g_message ("Stopped");
  return EXIT_SUCCESS;
}
