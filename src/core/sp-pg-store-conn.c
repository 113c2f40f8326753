/* sp-pg-store-conn.c — the PostgreSQL store's connection, statements and schema
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-pg-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sp-pg-store-private.h"

/* The schema's history: step i takes version i to i + 1. Never edit a released step; append
 * a new one. Version 1 has what sqlite's version 4 has. Names and terms compare bytewise
 * (COLLATE "C"), as in sqlite, so listings are ordered alike whatever the cluster's locale. */
static const char * const migrations[] = {
  /* v1: records with their history and index terms, settings, the audit log, the server's
   * private data, and the counter that hands out sequence numbers. */
  "CREATE TABLE records ("
  "  kind        text COLLATE \"C\" NOT NULL,"
  "  id          text COLLATE \"C\" NOT NULL,"
  "  revision    bigint  NOT NULL CHECK (revision >= 1),"
  "  seq         bigint  NOT NULL CHECK (seq >= 1),"
  "  parent_id   text COLLATE \"C\","
  "  deleted     boolean NOT NULL DEFAULT false,"
  "  modified_at bigint  NOT NULL,"
  "  body        bytea   NOT NULL,"
  "  PRIMARY KEY (kind, id));"
  "CREATE UNIQUE INDEX records_seq ON records (seq);"
  "CREATE INDEX records_parent ON records (kind, parent_id, id);"
  "CREATE TABLE history ("
  "  kind        text COLLATE \"C\" NOT NULL,"
  "  id          text COLLATE \"C\" NOT NULL,"
  "  revision    bigint  NOT NULL,"
  "  seq         bigint  NOT NULL,"
  "  parent_id   text COLLATE \"C\","
  "  deleted     boolean NOT NULL DEFAULT false,"
  "  modified_at bigint  NOT NULL,"
  "  body        bytea   NOT NULL,"
  "  PRIMARY KEY (kind, id, revision),"
  "  FOREIGN KEY (kind, id) REFERENCES records (kind, id));"
  "CREATE TABLE terms ("
  "  kind text COLLATE \"C\" NOT NULL,"
  "  id   text COLLATE \"C\" NOT NULL,"
  "  term text COLLATE \"C\" NOT NULL,"
  "  PRIMARY KEY (kind, term, id),"
  "  FOREIGN KEY (kind, id) REFERENCES records (kind, id));"
  "CREATE INDEX terms_record ON terms (kind, id);"
  "CREATE TABLE meta ("
  "  key   text COLLATE \"C\" NOT NULL PRIMARY KEY,"
  "  value text NOT NULL);"
  /* One row; its row lock is taken by every write, under the write lock anyway. */
  "CREATE TABLE seq_counter (last bigint NOT NULL CHECK (last >= 0));"
  "INSERT INTO seq_counter VALUES (0);"
  "CREATE TABLE audit_log ("
  "  number     bigint PRIMARY KEY,"
  "  patient_id text COLLATE \"C\","
  "  username   text COLLATE \"C\","
  "  body       bytea NOT NULL);"
  "CREATE INDEX audit_log_patient ON audit_log (patient_id, number);"
  "CREATE INDEX audit_log_username ON audit_log (username, number);"
  "CREATE FUNCTION audit_log_append_only () RETURNS trigger LANGUAGE plpgsql AS"
  " $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;"
  "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log"
  " FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only ();"
  "CREATE TABLE private ("
  "  kind text COLLATE \"C\" NOT NULL,"
  "  id   text COLLATE \"C\" NOT NULL,"
  "  body bytea NOT NULL,"
  "  PRIMARY KEY (kind, id));",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SP_PG_STORE_SCHEMA_VERSION);

/* Every query reading records selects these, in this order. */
#define RECORD_COLUMNS(t) \
  t "kind, " t "id, " t "revision, " t "seq, " t "parent_id, " t "deleted, " \
  t "modified_at, " t "body"

static const struct
{
  const char *sql;
  int         n_params;
} statements[SP_PG_N_STATEMENTS] = {
  [SP_PG_STMT_GET] = {
    "SELECT " RECORD_COLUMNS ("") " FROM records WHERE kind = $1 AND id = $2", 2 },
  /* FOR UPDATE: the write lock already orders the writers; the row lock makes the revision
   * check hold on its own too, whoever else writes. */
  [SP_PG_STMT_GET_STATE] = {
    "SELECT revision, deleted, parent_id FROM records WHERE kind = $1 AND id = $2"
    " FOR UPDATE", 2 },
  [SP_PG_STMT_NEXT_SEQ] = { "UPDATE seq_counter SET last = last + 1 RETURNING last", 0 },
  [SP_PG_STMT_LAST_SEQ] = { "SELECT last FROM seq_counter", 0 },
  [SP_PG_STMT_INSERT] = {
    "INSERT INTO records (" RECORD_COLUMNS ("") ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    8 },
  [SP_PG_STMT_UPDATE] = {
    "UPDATE records SET revision = $3, seq = $4, parent_id = $5, deleted = $6,"
    " modified_at = $7, body = $8 WHERE kind = $1 AND id = $2", 8 },
  [SP_PG_STMT_ARCHIVE] = {
    "INSERT INTO history (" RECORD_COLUMNS ("") ")"
    " SELECT " RECORD_COLUMNS ("") " FROM records WHERE kind = $1 AND id = $2", 2 },
  [SP_PG_STMT_DELETE_TERMS] = { "DELETE FROM terms WHERE kind = $1 AND id = $2", 2 },
  /* All of a record's terms in one round trip: $3 is a text[] literal. */
  [SP_PG_STMT_INSERT_TERMS] = {
    "INSERT INTO terms (kind, id, term) SELECT $1, $2, unnest ($3::text[])"
    " ON CONFLICT DO NOTHING", 3 },
  [SP_PG_STMT_LIST] = {
    "SELECT " RECORD_COLUMNS ("") " FROM records WHERE kind = $1 AND NOT deleted"
    " ORDER BY id LIMIT $2 OFFSET $3", 3 },
  [SP_PG_STMT_LIST_TERM] = {
    "SELECT " RECORD_COLUMNS ("r.") " FROM terms AS t"
    " JOIN records AS r ON r.kind = t.kind AND r.id = t.id"
    " WHERE t.kind = $1 AND t.term = $4 AND NOT r.deleted ORDER BY t.id LIMIT $2 OFFSET $3",
    4 },
  [SP_PG_STMT_LIST_CHILDREN] = {
    "SELECT " RECORD_COLUMNS ("") " FROM records"
    " WHERE kind = $1 AND parent_id = $4 AND NOT deleted ORDER BY id LIMIT $2 OFFSET $3", 4 },
  [SP_PG_STMT_HISTORY] = {
    "SELECT " RECORD_COLUMNS ("") " FROM history WHERE kind = $1 AND id = $2"
    " UNION ALL"
    " SELECT " RECORD_COLUMNS ("") " FROM records WHERE kind = $1 AND id = $2"
    " ORDER BY revision", 2 },
  [SP_PG_STMT_CHANGES] = {
    "SELECT " RECORD_COLUMNS ("") " FROM records WHERE seq > $1 ORDER BY seq LIMIT $2", 2 },
  [SP_PG_STMT_GET_META] = { "SELECT value FROM meta WHERE key = $1", 1 },
  [SP_PG_STMT_SET_META] = {
    "INSERT INTO meta (key, value) VALUES ($1, $2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", 2 },
  [SP_PG_STMT_UNSET_META] = { "DELETE FROM meta WHERE key = $1", 1 },
  /* A taken number inserts nothing rather than failing, which would abort the whole
   * transaction in PostgreSQL: the caller sees EXISTS and decides. */
  [SP_PG_STMT_APPEND_LOG] = {
    "INSERT INTO audit_log (number, patient_id, username, body) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (number) DO NOTHING", 4 },
  /* One statement per filter, so that a generic plan has its index: a NULL-or-equal
   * condition can use none. Each binds $1 the patient, $2 the user, $3 limit, $4 offset. */
  [SP_PG_STMT_LIST_LOG] = {
    "SELECT body FROM audit_log WHERE $1::text IS NULL AND $2::text IS NULL"
    " ORDER BY number LIMIT $3 OFFSET $4", 4 },
  [SP_PG_STMT_LIST_LOG_USER] = {
    "SELECT body FROM audit_log WHERE $1::text IS NULL AND username = $2"
    " ORDER BY number LIMIT $3 OFFSET $4", 4 },
  [SP_PG_STMT_LIST_LOG_PATIENT] = {
    "SELECT body FROM audit_log WHERE patient_id = $1 AND ($2::text IS NULL OR username = $2)"
    " ORDER BY number LIMIT $3 OFFSET $4", 4 },
  [SP_PG_STMT_GET_PRIVATE] = { "SELECT body FROM private WHERE kind = $1 AND id = $2", 2 },
  [SP_PG_STMT_SET_PRIVATE] = {
    "INSERT INTO private (kind, id, body) VALUES ($1, $2, $3)"
    " ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body", 3 },
  [SP_PG_STMT_UNSET_PRIVATE] = { "DELETE FROM private WHERE kind = $1 AND id = $2", 2 },
  [SP_PG_STMT_COUNT_CHILDREN] = {
    "SELECT count(*) FROM records AS r"
    " WHERE r.kind = $1 AND r.parent_id = $2 AND NOT r.deleted AND ($3::text IS NULL OR"
    " EXISTS (SELECT 1 FROM terms AS t WHERE t.kind = r.kind AND t.term = $3"
    " AND t.id = r.id))", 3 },
};

/* Parameters */

void
sp_pg_params_text (SpPgParams *params,
                   const char *value)
{
  g_assert (params->n < SP_PG_MAX_PARAMS);

  params->values[params->n] = value;
  params->lengths[params->n] = 0;
  params->formats[params->n] = 0;
  params->n++;
}

void
sp_pg_params_int (SpPgParams *params,
                  gint64      value)
{
  g_assert (params->n < SP_PG_MAX_PARAMS);

  g_snprintf (params->numbers[params->n], sizeof params->numbers[0], "%" G_GINT64_FORMAT,
              value);
  sp_pg_params_text (params, params->numbers[params->n]);
}

/* Bodies travel in binary: no escaping, and an empty body stays an empty bytea. */
void
sp_pg_params_bytes (SpPgParams *params,
                    GBytes     *value)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (value, &size);

  g_assert (params->n < SP_PG_MAX_PARAMS);
  g_assert (size <= G_MAXINT);

  params->values[params->n] = data != NULL ? data : "";
  params->lengths[params->n] = size;
  params->formats[params->n] = 1;
  params->n++;
}

/* Errors */

void
sp_pg_set_error (GError         **error,
                 PGconn          *conn,
                 const PGresult  *result,
                 const char      *what)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  /* Only the primary message: the detail may quote values (ids, bodies) from the row. */
  const char *message = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY)
                                        : NULL;
  SpStoreError code = SP_STORE_ERROR_IO;

  if (message == NULL)
    message = conn != NULL ? PQerrorMessage (conn) : "no connection";

  /* Integrity violations and missing tables: the data is not what this code wrote. Anything
   * else (connection lost, server shutting down, out of resources) is "cannot work now". */
  if (state != NULL && (g_str_has_prefix (state, "23") || g_str_equal (state, "42P01") ||
                        g_str_equal (state, "42703")))
    code = SP_STORE_ERROR_CORRUPT;

  g_set_error (error, SP_STORE_ERROR, code, "%s: %s", what, message);
}

static gboolean
check_result (PGconn          *conn,
              const PGresult  *result,
              const char      *what,
              GError         **error)
{
  ExecStatusType status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;

  sp_pg_set_error (error, conn, result, what);
  return FALSE;
}

gboolean
sp_pg_exec_simple (SpPgStore   *self,
                   const char  *sql,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(PGresult) result = PQexec (self->conn, sql);

  return check_result (self->conn, result, what, error);
}

static gboolean
prepare (SpPgStore      *self,
         SpPgStatement   which,
         GError        **error)
{
  g_autoptr(PGresult) result = NULL;
  char name[16];

  if (self->prepared[which])
    return TRUE;

  g_snprintf (name, sizeof name, "sp%d", which);
  result = PQprepare (self->conn, name, statements[which].sql, statements[which].n_params,
                      NULL);
  if (!check_result (self->conn, result, "Could not prepare a statement", error))
    return FALSE;

  self->prepared[which] = TRUE;
  return TRUE;
}

/**
 * sp_pg_exec:
 *
 * Runs a prepared statement (preparing it on first use in this session). Results come in
 * binary: integers are big-endian, text and bytea are the bytes themselves.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
PGresult *
sp_pg_exec (SpPgStore      *self,
            SpPgStatement   which,
            SpPgParams     *params,
            GError        **error)
{
  g_autoptr(PGresult) result = NULL;
  char name[16];

  g_assert (params->n == statements[which].n_params);

  if (!prepare (self, which, error))
    return NULL;

  g_snprintf (name, sizeof name, "sp%d", which);
  result = PQexecPrepared (self->conn, name, params->n, params->values, params->lengths,
                           params->formats, 1);
  if (!check_result (self->conn, result, "Could not run a statement", error))
    return NULL;

  return g_steal_pointer (&result);
}

/* A statement binding $1 kind and $2 id. */
PGresult *
sp_pg_exec_names (SpPgStore      *self,
                  SpPgStatement   which,
                  const char     *kind,
                  const char     *id,
                  GError        **error)
{
  SpPgParams params = { 0, };

  sp_pg_params_text (&params, kind);
  sp_pg_params_text (&params, id);
  return sp_pg_exec (self, which, &params, error);
}

gboolean
sp_pg_get_int64 (const PGresult *result,
                 int             row,
                 int             column,
                 gint64         *out_value)
{
  guint64 be;

  if (PQgetisnull (result, row, column) || PQgetlength (result, row, column) != sizeof be)
    return FALSE;

  memcpy (&be, PQgetvalue (result, row, column), sizeof be);
  *out_value = (gint64) GUINT64_FROM_BE (be);
  return TRUE;
}

gboolean
sp_pg_set_corrupt_row (GError **error)
{
  g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                       "A stored record breaks the store's invariants");
  return FALSE;
}

/* Connecting */

/* libpq prints notices (a DROP … CASCADE's list, say) on stderr by default. */
static void
log_notice (void       *user_data,
            const char *message)
{
  g_debug ("%s", message);
}

static gboolean
setup_session (SpPgStore  *self,
               GError    **error)
{
  memset (self->prepared, 0, sizeof self->prepared);
  PQsetNoticeProcessor (self->conn, log_notice, NULL);

  /* Names and bodies are UTF-8 on our side, whatever the server's default. */
  if (PQsetClientEncoding (self->conn, "UTF8") != 0)
    {
      sp_pg_set_error (error, self->conn, NULL, "Could not set the client encoding");
      return FALSE;
    }

  return sp_pg_exec_simple (self, "SET TIME ZONE 'UTC'", "Could not set up the session",
                            error);
}

/**
 * sp_pg_ensure_connected:
 *
 * Reconnects a connection the server dropped (a restart, a fail-over), between
 * transactions only: inside one, the lost work is the caller's error to report.
 */
gboolean
sp_pg_ensure_connected (SpPgStore  *self,
                        GError    **error)
{
  if (PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;

  g_debug ("Reconnecting to the database");
  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      sp_pg_set_error (error, self->conn, NULL, "Could not reconnect to the database");
      return FALSE;
    }

  return setup_session (self, error);
}

/* A read or a one-statement write outside a transaction needs no lock, only a connection. */
gboolean
sp_pg_ready (SpPgStore  *self,
             GError    **error)
{
  return self->depth > 0 || sp_pg_ensure_connected (self, error);
}

/* The version, 0 for a database without our schema. */
static gboolean
read_version (SpPgStore  *self,
              int        *out_version,
              GError    **error)
{
  g_autoptr(PGresult) exists = PQexec (self->conn,
                                       "SELECT to_regclass ('schema_version') IS NOT NULL");
  g_autoptr(PGresult) result = NULL;

  if (!check_result (self->conn, exists, "Could not read the schema version", error))
    return FALSE;

  *out_version = 0;
  if (g_str_equal (PQgetvalue (exists, 0, 0), "f"))
    return TRUE;

  result = PQexec (self->conn, "SELECT version FROM schema_version");
  if (!check_result (self->conn, result, "Could not read the schema version", error))
    return FALSE;
  if (PQntuples (result) != 1)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                           "The schema version is unreadable");
      return FALSE;
    }

  *out_version = atoi (PQgetvalue (result, 0, 0));
  return TRUE;
}

static gboolean
check_not_too_new (int      version,
                   GError **error)
{
  if (version <= SP_PG_STORE_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SCHEMA_TOO_NEW,
               "The database has schema version %d; this program knows up to %d",
               version, SP_PG_STORE_SCHEMA_VERSION);
  return FALSE;
}

/* One step per transaction, under the migration lock: a failing step leaves the previous
 * version intact, and an instance starting meanwhile waits and then finds it done. The lock
 * is taken before the transaction begins, so that the transaction sees the tables another
 * instance has just created (a transaction's catalog cache is only refreshed at its start). */
static gboolean
migrate_one (SpPgStore  *self,
             int         target,
             int        *version,
             GError    **error)
{
  g_autofree char *lock = g_strdup_printf ("SELECT pg_advisory_lock (%" G_GINT64_FORMAT ")",
                                           SP_PG_STORE_MIGRATION_LOCK);
  g_autofree char *unlock = g_strdup_printf ("SELECT pg_advisory_unlock (%" G_GINT64_FORMAT ")",
                                             SP_PG_STORE_MIGRATION_LOCK);
  g_autofree char *sql = NULL;
  gboolean ok = FALSE;

  /* Two round trips: in one query string the lock would run inside the transaction. */
  if (!sp_pg_exec_simple (self, lock, "Could not start a migration", error) ||
      !sp_pg_exec_simple (self, "BEGIN", "Could not start a migration", error))
    goto out;

  if (!read_version (self, version, error) || !check_not_too_new (*version, error))
    goto out;

  if (*version < target)
    {
      /* The version is our own integer. */
      sql = g_strdup_printf ("%s%s UPDATE schema_version SET version = %d;",
                             *version == 0 ? "CREATE TABLE schema_version (version integer"
                                             " NOT NULL); INSERT INTO schema_version VALUES (0);"
                                           : "",
                             migrations[*version], *version + 1);
      if (!sp_pg_exec_simple (self, sql, "Could not migrate the database", error))
        goto out;
      *version += 1;
    }

  ok = sp_pg_exec_simple (self, "COMMIT", "Could not commit a migration", error);

out:
  if (!ok && PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    PQclear (PQexec (self->conn, "ROLLBACK"));
  /* Released on disconnection too. */
  PQclear (PQexec (self->conn, unlock));
  return ok;
}

gboolean
sp_pg_store_connect (SpPgStore   *self,
                     const char  *conninfo,
                     int          target,
                     GError     **error)
{
  int version;

  self->conn = PQconnectdb (conninfo);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      /* libpq's message names the host and the reason, never a password. */
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_IO, "Could not open the database: %s",
                   PQerrorMessage (self->conn));
      return FALSE;
    }

  if (!setup_session (self, error) ||
      !read_version (self, &version, error) || !check_not_too_new (version, error))
    return FALSE;

  while (version < target)
    {
      if (!migrate_one (self, target, &version, error))
        return FALSE;
    }

  self->schema_version = version;
  return TRUE;
}
