/* sp-pg-store-side.c — what the PostgreSQL store keeps beside the records: settings, the
 * audit log, the server's private data, and counting children
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-pg-store"

#include "config.h"

#include "sp-pg-store-private.h"

gboolean
sp_pg_store_get_meta (SpStore     *store,
                      const char  *key,
                      char       **out_value,
                      GError     **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  SpPgParams params = { 0, };

  sp_pg_params_text (&params, key);
  if (!sp_pg_ready (self, error) ||
      (result = sp_pg_exec (self, SP_PG_STMT_GET_META, &params, error)) == NULL)
    return FALSE;

  *out_value = PQntuples (result) > 0 ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;
  return TRUE;
}

gboolean
sp_pg_store_set_meta (SpStore     *store,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  SpPgParams params = { 0, };

  /* One statement is atomic on its own: no transaction needed. */
  sp_pg_params_text (&params, key);
  if (value != NULL)
    sp_pg_params_text (&params, value);
  if (!sp_pg_ready (self, error) || !sp_pg_lock_for_writing (self, error))
    return FALSE;
  result = sp_pg_exec (self, value != NULL ? SP_PG_STMT_SET_META : SP_PG_STMT_UNSET_META,
                       &params, error);

  return result != NULL;
}

gboolean
sp_pg_store_append_log (SpStore     *store,
                        gint64       number,
                        const char  *patient_id,
                        const char  *username,
                        GBytes      *body,
                        GError     **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  SpPgParams params = { 0, };

  sp_pg_params_int (&params, number);
  sp_pg_params_text (&params, patient_id);
  sp_pg_params_text (&params, username);
  sp_pg_params_bytes (&params, body);
  if (!sp_pg_ready (self, error) || !sp_pg_lock_for_writing (self, error) ||
      (result = sp_pg_exec (self, SP_PG_STMT_APPEND_LOG, &params, error)) == NULL)
    return FALSE;

  if (g_str_equal (PQcmdTuples (result), "0"))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS,
                   "Audit log entry %" G_GINT64_FORMAT " exists", number);
      return FALSE;
    }

  return TRUE;
}

/* Rows per INSERT: four parameters each, far below PostgreSQL's 65535. */
#define LOG_ROWS_PER_STATEMENT 128

static gboolean
append_rows (SpPgStore             *self,
             const SpStoreLogEntry *entries,
             guint                  n_entries,
             GError               **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO audit_log (number, patient_id, username,"
                                         " body) VALUES ");
  g_autofree const char **values = g_new0 (const char *, 4 * n_entries);
  g_autofree int *lengths = g_new0 (int, 4 * n_entries);
  g_autofree int *formats = g_new0 (int, 4 * n_entries);
  g_autofree char *numbers = g_new0 (char, 24 * n_entries);
  g_autoptr(PGresult) result = NULL;
  gint64 appended;

  for (guint i = 0; i < n_entries; i++)
    {
      gsize size = 0;
      const char *data = g_bytes_get_data (entries[i].body, &size);
      char *number = numbers + 24 * i;

      g_assert (size <= G_MAXINT);
      g_string_append_printf (sql, "%s($%u, $%u, $%u, $%u)", i > 0 ? ", " : "", 4 * i + 1,
                              4 * i + 2, 4 * i + 3, 4 * i + 4);
      g_snprintf (number, 24, "%" G_GINT64_FORMAT, entries[i].number);
      values[4 * i] = number;
      values[4 * i + 1] = entries[i].patient_id;
      values[4 * i + 2] = entries[i].username;
      values[4 * i + 3] = data != NULL ? data : "";
      lengths[4 * i + 3] = size;
      formats[4 * i + 3] = 1;
    }
  /* As SP_PG_STMT_APPEND_LOG: a taken number inserts nothing, and the count tells. */
  g_string_append (sql, " ON CONFLICT (number) DO NOTHING");

  result = PQexecParams (self->conn, sql->str, 4 * n_entries, NULL, values, lengths, formats,
                         1);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      sp_pg_set_error (error, self->conn, result, "Could not append to the audit log");
      return FALSE;
    }

  appended = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  if (appended != n_entries)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS,
                   "%" G_GINT64_FORMAT " of audit log entries %" G_GINT64_FORMAT "…%"
                   G_GINT64_FORMAT " exist", n_entries - appended, entries[0].number,
                   entries[n_entries - 1].number);
      return FALSE;
    }

  return TRUE;
}

/* A list page logs fifty entries: one round trip, not fifty. */
gboolean
sp_pg_store_append_log_many (SpStore               *store,
                             const SpStoreLogEntry *entries,
                             guint                  n_entries,
                             GError               **error)
{
  SpPgStore *self = SP_PG_STORE (store);

  if (!sp_pg_ready (self, error) || !sp_pg_lock_for_writing (self, error))
    return FALSE;

  for (guint start = 0; start < n_entries; start += LOG_ROWS_PER_STATEMENT)
    if (!append_rows (self, entries + start, MIN (n_entries - start, LOG_ROWS_PER_STATEMENT),
                      error))
      return FALSE;

  return TRUE;
}

GPtrArray *
sp_pg_store_list_log (SpStore     *store,
                      const char  *patient_id,
                      const char  *username,
                      guint        offset,
                      guint        limit,
                      GError     **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  SpPgParams params = { 0, };

  sp_pg_params_text (&params, patient_id);
  sp_pg_params_text (&params, username);
  sp_pg_params_int (&params, limit);
  sp_pg_params_int (&params, offset);
  if (!sp_pg_ready (self, error) ||
      (result = sp_pg_exec (self, patient_id != NULL ? SP_PG_STMT_LIST_LOG_PATIENT
                                : username != NULL ? SP_PG_STMT_LIST_LOG_USER
                                : SP_PG_STMT_LIST_LOG, &params, error)) == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    g_ptr_array_add (bodies, g_bytes_new (PQgetvalue (result, row, 0),
                                          PQgetlength (result, row, 0)));

  return g_steal_pointer (&bodies);
}

gboolean
sp_pg_store_get_private (SpStore     *store,
                         const char  *kind,
                         const char  *id,
                         GBytes     **out_body,
                         GError     **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;

  if (!sp_pg_ready (self, error) ||
      (result = sp_pg_exec_names (self, SP_PG_STMT_GET_PRIVATE, kind, id, error)) == NULL)
    return FALSE;

  *out_body = PQntuples (result) > 0 ? g_bytes_new (PQgetvalue (result, 0, 0),
                                                    PQgetlength (result, 0, 0))
                                     : NULL;
  return TRUE;
}

gboolean
sp_pg_store_set_private (SpStore     *store,
                         const char  *kind,
                         const char  *id,
                         GBytes      *body,
                         GError     **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  SpPgParams params = { 0, };

  /* One statement is atomic on its own: no transaction needed. */
  sp_pg_params_text (&params, kind);
  sp_pg_params_text (&params, id);
  if (body != NULL)
    sp_pg_params_bytes (&params, body);
  if (!sp_pg_ready (self, error) || !sp_pg_lock_for_writing (self, error))
    return FALSE;
  result = sp_pg_exec (self, body != NULL ? SP_PG_STMT_SET_PRIVATE : SP_PG_STMT_UNSET_PRIVATE,
                       &params, error);

  return result != NULL;
}

gboolean
sp_pg_store_count_children (SpStore     *store,
                            const char  *kind,
                            const char  *parent_id,
                            const char  *term,
                            guint       *out_count,
                            GError     **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  SpPgParams params = { 0, };
  gint64 count;

  sp_pg_params_text (&params, kind);
  sp_pg_params_text (&params, parent_id);
  sp_pg_params_text (&params, term);
  if (!sp_pg_ready (self, error) ||
      (result = sp_pg_exec (self, SP_PG_STMT_COUNT_CHILDREN, &params, error)) == NULL)
    return FALSE;

  if (!sp_pg_get_int64 (result, 0, 0, &count))
    return sp_pg_set_corrupt_row (error);

  *out_count = count;
  return TRUE;
}
