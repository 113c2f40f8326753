/* sp-pg-store-import.c — copying a sqlite store into an empty PostgreSQL store, verified
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Table by table, in one transaction under the write lock: every row of the sqlite file
 * becomes one line of COPY text, which is also what PostgreSQL's COPY … TO gives back for the
 * same row. Each side's lines, in key order, are hashed with SHA-256: equal counts and equal
 * hashes mean the copy holds exactly what the file held, byte for byte.
 */

#define G_LOG_DOMAIN "sp-pg-store"

#include "config.h"

#include <string.h>

#include "sp-pg-store-private.h"
#include "sp-sqlite-store-private.h"

/* Columns in the same order on both sides; keys give the order of the lines. The boolean
 * "deleted" is 0/1 in sqlite, written and read back as f/t. */
static const struct
{
  const char *table;
  const char *columns;
  const char *order;
  int         boolean_column;  /* -1: none */
} tables[] = {
  { "records", "kind, id, revision, seq, parent_id, deleted, modified_at, body", "kind, id", 5 },
  { "history", "kind, id, revision, seq, parent_id, deleted, modified_at, body",
    "kind, id, revision", 5 },
  { "terms", "kind, id, term", "kind, term, id", -1 },
  { "meta", "key, value", "key", -1 },
  { "audit_log", "number, patient_id, username, body", "number", -1 },
  { "private", "kind, id, body", "kind, id", -1 },
};

/* Text as COPY writes it: backslash, the control characters it names, and nothing else. */
static void
append_copy_text (GString    *line,
                  const char *text,
                  gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      switch (c)
        {
        case '\\': g_string_append (line, "\\\\"); break;
        case '\b': g_string_append (line, "\\b"); break;
        case '\f': g_string_append (line, "\\f"); break;
        case '\n': g_string_append (line, "\\n"); break;
        case '\r': g_string_append (line, "\\r"); break;
        case '\t': g_string_append (line, "\\t"); break;
        case '\v': g_string_append (line, "\\v"); break;
        default: g_string_append_c (line, c); break;
        }
    }
}

/* One sqlite row as a COPY line (bytea in hex output form, as bytea_output = hex prints). */
static void
row_to_line (sqlite3_stmt *stmt,
             int           boolean_column,
             gboolean      blob_last,
             GString      *line)
{
  int n = sqlite3_column_count (stmt);

  g_string_truncate (line, 0);
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (line, '\t');

      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        g_string_append (line, "\\N");
      else if (i == boolean_column)
        g_string_append_c (line, sqlite3_column_int (stmt, i) != 0 ? 't' : 'f');
      else if (blob_last && i == n - 1)
        {
          const guchar *data = sqlite3_column_blob (stmt, i);
          int size = sqlite3_column_bytes (stmt, i);

          g_string_append (line, "\\\\x");
          for (int j = 0; j < size; j++)
            g_string_append_printf (line, "%02x", data[j]);
        }
      else
        append_copy_text (line, (const char *) sqlite3_column_text (stmt, i),
                          sqlite3_column_bytes (stmt, i));
    }
  g_string_append_c (line, '\n');
}

static gboolean
put_copy_line (PGconn      *conn,
               GString     *line,
               GError     **error)
{
  if (PQputCopyData (conn, line->str, line->len) == 1)
    return TRUE;

  sp_pg_set_error (error, conn, NULL, "Could not copy a row");
  return FALSE;
}

static gboolean
end_copy (PGconn   *conn,
          GError  **error)
{
  g_autoptr(PGresult) result = NULL;

  if (PQputCopyEnd (conn, NULL) != 1)
    {
      sp_pg_set_error (error, conn, NULL, "Could not end a copy");
      return FALSE;
    }

  result = PQgetResult (conn);
  /* Drain: COPY ends with exactly one result, then NULL. */
  for (PGresult *extra; (extra = PQgetResult (conn)) != NULL; )
    PQclear (extra);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      sp_pg_set_error (error, conn, result, "Could not copy the rows");
      return FALSE;
    }

  return TRUE;
}

/* Copies one table; counts and hashes the lines sent. */
static gboolean
copy_table (SpPgStore  *self,
            sqlite3    *db,
            guint       which,
            gint64     *out_rows,
            char      **out_sha256,
            GError    **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s",
                                             tables[which].columns, tables[which].table,
                                             tables[which].order);
  g_autofree char *copy = g_strdup_printf ("COPY %s (%s) FROM STDIN", tables[which].table,
                                           tables[which].columns);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(PGresult) started = NULL;
  gboolean blob_last = g_str_has_suffix (tables[which].columns, "body");
  int rc;

  if (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT, "%s: %s",
                   tables[which].table, sqlite3_errmsg (db));
      return FALSE;
    }

  started = PQexec (self->conn, copy);
  if (PQresultStatus (started) != PGRES_COPY_IN)
    {
      sp_pg_set_error (error, self->conn, started, "Could not start a copy");
      return FALSE;
    }

  *out_rows = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      row_to_line (stmt, tables[which].boolean_column, blob_last, line);
      g_checksum_update (checksum, (const guchar *) line->str, line->len);
      (*out_rows)++;
      if (!put_copy_line (self->conn, line, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_IO, "%s: %s", tables[which].table,
                   sqlite3_errmsg (db));
      PQputCopyEnd (self->conn, "the source failed");
      PQclear (PQgetResult (self->conn));
      return FALSE;
    }

  *out_sha256 = g_strdup (g_checksum_get_string (checksum));
  return end_copy (self->conn, error);
}

/* Reads the table back with COPY … TO and hashes what comes, line by line. */
static gboolean
hash_copied (SpPgStore  *self,
             guint       which,
             gint64     *out_rows,
             char      **out_sha256,
             GError    **error)
{
  g_autofree char *copy = g_strdup_printf ("COPY (SELECT %s FROM %s ORDER BY %s) TO STDOUT",
                                           tables[which].columns, tables[which].table,
                                           tables[which].order);
  g_autoptr(PGresult) started = PQexec (self->conn, copy);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(PGresult) result = NULL;
  char *buffer = NULL;
  int length;

  if (PQresultStatus (started) != PGRES_COPY_OUT)
    {
      sp_pg_set_error (error, self->conn, started, "Could not read the copy back");
      return FALSE;
    }

  *out_rows = 0;
  while ((length = PQgetCopyData (self->conn, &buffer, FALSE)) > 0)
    {
      g_checksum_update (checksum, (const guchar *) buffer, length);
      (*out_rows)++;
      PQfreemem (buffer);
    }

  result = PQgetResult (self->conn);
  for (PGresult *extra; (extra = PQgetResult (self->conn)) != NULL; )
    PQclear (extra);
  if (length != -1 || PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      sp_pg_set_error (error, self->conn, result, "Could not read the copy back");
      return FALSE;
    }

  *out_sha256 = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

typedef struct
{
  sqlite3  *db;
  gint64    last_seq;
  GString  *report;
} Import;

static gboolean
check_empty (SpPgStore  *self,
             GError    **error)
{
  g_autoptr(PGresult) result =
    PQexec (self->conn,
            "SELECT (SELECT last FROM seq_counter) = 0"
            " AND NOT EXISTS (SELECT 1 FROM records) AND NOT EXISTS (SELECT 1 FROM meta)"
            " AND NOT EXISTS (SELECT 1 FROM audit_log) AND NOT EXISTS (SELECT 1 FROM private)");

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      sp_pg_set_error (error, self->conn, result, "Could not look into the target");
      return FALSE;
    }
  if (!g_str_equal (PQgetvalue (result, 0, 0), "t"))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS,
                           "The target database holds a store already; give an empty one");
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_cb (SpStore   *store,
           gpointer   user_data,
           GError   **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  Import *import = user_data;
  g_autofree char *counter = NULL;

  if (!check_empty (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sent_hash = NULL;
      g_autofree char *read_hash = NULL;
      gint64 sent = 0, read = 0;

      if (!copy_table (self, import->db, i, &sent, &sent_hash, error) ||
          !hash_copied (self, i, &read, &read_hash, error))
        return FALSE;

      if (sent != read || !g_str_equal (sent_hash, read_hash))
        {
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                       "%s: the copy differs from the source (%" G_GINT64_FORMAT " rows"
                       " sent, %" G_GINT64_FORMAT " read back)", tables[i].table, sent, read);
          return FALSE;
        }

      g_string_append_printf (import->report, "%-10s %10" G_GINT64_FORMAT " rows  sha256 %s\n",
                              tables[i].table, sent, sent_hash);
    }

  /* The next write continues the source's sequence; a client's cursor stays valid. */
  counter = g_strdup_printf ("UPDATE seq_counter SET last = %" G_GINT64_FORMAT,
                             import->last_seq);
  return sp_pg_exec_simple (self, counter, "Could not set the sequence", error);
}

/**
 * sp_pg_store_import_sqlite:
 * @self: an empty PostgreSQL store
 * @sqlite_path: a sqlite store at the current schema version (open it with
 *   sp_sqlite_store_new() first to migrate it)
 * @report: (out) (transfer full): one line per table: rows and SHA-256
 * @error: return location for an error
 *
 * Copies everything (records with their history and terms, settings, the audit log, private
 * data, the sequence) in one transaction, and reads every table back to compare.
 *
 * Errors: %SP_STORE_ERROR_EXISTS when the target is not empty (nothing is written),
 * %SP_STORE_ERROR_CORRUPT when a table reads back differently (nothing is kept).
 *
 * Returns: whether the copy was committed
 */
gboolean
sp_pg_store_import_sqlite (SpPgStore   *self,
                           const char  *sqlite_path,
                           char       **report,
                           GError     **error)
{
  g_autoptr(SpStore) source = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  Import import = { NULL, 0, text };
  gboolean ok;

  g_return_val_if_fail (SP_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (sqlite_path != NULL && report != NULL, FALSE);

  *report = NULL;
  if ((source = sp_sqlite_store_new (sqlite_path, error)) == NULL ||
      (import.last_seq = sp_store_get_last_seq (source, error)) < 0)
    return FALSE;
  g_clear_object (&source);

  if (sqlite3_open_v2 (sqlite_path, &import.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_IO, "Could not open the source: %s",
                   sqlite3_errmsg (import.db));
      sqlite3_close (import.db);
      return FALSE;
    }

  /* One read transaction on the source: a consistent snapshot even if a server still
   * writes to it. */
  ok = sqlite3_exec (import.db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
       sp_store_transaction (SP_STORE (self), import_cb, &import, error);
  sqlite3_close (import.db);

  if (ok)
    *report = g_string_free (g_steal_pointer (&text), FALSE);
  else if (error != NULL && *error == NULL)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_IO, "Could not read the source");

  return ok;
}
