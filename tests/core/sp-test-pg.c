/* sp-test-pg.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SAMPLAN_TEST_PG is a keyword/value connection string to a database of a throwaway cluster
 * (build-aux/dev test makes one). Each store test gets a schema of its own in it, named by
 * search_path in its connection string, so tests are independent and quick to set up.
 */

#include "config.h"

#include <libpq-fe.h>

#include "sp-test-pg.h"

const char *
sp_test_pg_conninfo (void)
{
  const char *conninfo = g_getenv ("SAMPLAN_TEST_PG");

  return conninfo != NULL && *conninfo != '\0' ? conninfo : NULL;
}

static void
ignore_notice (void       *user_data,
               const char *message)
{
}

/* Runs @sql and returns the first column of the first row ("" when there is none). */
char *
sp_test_pg_query (const char *conninfo,
                  const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  char *value;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Could not connect to the test cluster: %s", PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, ignore_notice, NULL);

  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));

  value = g_strdup (PQntuples (result) > 0 && PQnfields (result) > 0
                    ? PQgetvalue (result, 0, 0) : "");
  PQclear (result);
  PQfinish (conn);
  return value;
}

void
sp_test_pg_exec (const char *conninfo,
                 const char *sql)
{
  g_free (sp_test_pg_query (conninfo, sql));
}

char *
sp_test_pg_create_schema (char **out_conninfo)
{
  char *schema = g_strdup_printf ("test_%08x%08x", g_random_int (), g_random_int ());
  g_autofree char *sql = g_strdup_printf ("CREATE SCHEMA %s", schema);

  sp_test_pg_exec (sp_test_pg_conninfo (), sql);
  *out_conninfo = g_strdup_printf ("%s options='-csearch_path=%s'", sp_test_pg_conninfo (),
                                   schema);
  return schema;
}

void
sp_test_pg_drop_schema (const char *schema)
{
  g_autofree char *sql = g_strdup_printf ("DROP SCHEMA %s CASCADE", schema);

  sp_test_pg_exec (sp_test_pg_conninfo (), sql);
}
