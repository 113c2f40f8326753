/* sp-pg-store.c — SpStore on PostgreSQL, for several server instances on one database
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same semantics as the sqlite store, statement for statement. Every outer transaction
 * that may write takes one advisory lock (SP_PG_STORE_WRITE_LOCK) before its first statement
 * and keeps it to its commit: writers on every instance take turns, so a sequence number is
 * handed out and committed before the next one is (the changes feed never skips one), and
 * the server's read-check-write rules (revisions, one active SIP per person, idempotency keys,
 * the audit chain's head) hold across instances as they hold on one sqlite file. Reads outside
 * a transaction run on their own, without the lock; a read transaction
 * (sp_store_read_transaction(): a request that only reads and logs what it read) takes the
 * lock at its first write, so requests render side by side and take turns only to log.
 */

#define G_LOG_DOMAIN "sp-pg-store"

#include "config.h"

#include "sp-pg-store-private.h"

static void sp_pg_store_iface_init (SpStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpPgStore, sp_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SP_TYPE_STORE, sp_pg_store_iface_init))

/* Reads the RECORD_COLUMNS of @row (binary format), checking every invariant of SpRecord. */
static SpRecord *
record_from_row (const PGresult  *result,
                 int              row,
                 GError         **error)
{
  const char *kind = PQgetvalue (result, row, 0);
  const char *id = PQgetvalue (result, row, 1);
  const char *parent_id = PQgetisnull (result, row, 4) ? NULL : PQgetvalue (result, row, 4);
  gboolean deleted = PQgetlength (result, row, 5) == 1 && *PQgetvalue (result, row, 5) != 0;
  gint64 revision = 0, seq = 0, modified = 0;
  g_autoptr(GDateTime) modified_at = NULL;
  g_autoptr(GBytes) body = NULL;
  int body_size = PQgetlength (result, row, 7);

  if (!sp_pg_get_int64 (result, row, 2, &revision) || !sp_pg_get_int64 (result, row, 3, &seq) ||
      !sp_pg_get_int64 (result, row, 6, &modified) ||
      (modified_at = g_date_time_new_from_unix_utc (modified)) == NULL ||
      *kind == '\0' || *id == '\0' || revision < 1 || seq < 1 || (deleted && body_size > 0))
    {
      sp_pg_set_corrupt_row (error);
      return NULL;
    }

  /* sp_record_new() copies it while the result is alive. */
  body = g_bytes_new_static (PQgetvalue (result, row, 7), body_size);

  return sp_record_new (kind, id, revision, seq, parent_id, deleted, modified_at, body);
}

static GPtrArray *
collect_records (const PGresult  *result,
                 GError         **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_record_unref);

  for (int row = 0; row < PQntuples (result); row++)
    {
      SpRecord *record = record_from_row (result, row, error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

/* Transactions */

static void
rollback (SpPgStore *self,
          gboolean   outer)
{
  g_autoptr(GError) error = NULL;

  /* A lost connection has rolled back on the server already. */
  if (PQstatus (self->conn) != CONNECTION_OK)
    return;

  /* ROLLBACK TO also recovers a transaction a failed statement aborted; RELEASE ends it. */
  if (!sp_pg_exec_simple (self, outer ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT nested;"
                                                     " RELEASE SAVEPOINT nested",
                          "Could not roll back a transaction", &error))
    g_warning ("%s", error->message);
}

/* A read transaction (sp_store_read_transaction()) begins without the write lock. */
static gboolean
begin (SpPgStore  *self,
       gboolean    lock,
       GError    **error)
{
  g_autofree char *sql = lock ? g_strdup_printf ("BEGIN; SELECT pg_advisory_xact_lock (%"
                                                 G_GINT64_FORMAT ")", SP_PG_STORE_WRITE_LOCK)
                              : g_strdup ("BEGIN");
  g_autoptr(GError) lost = NULL;

  if (!sp_pg_ensure_connected (self, error))
    return FALSE;

  /* libpq only notices a connection the server ended (a restart, a fail-over) when it next
   * uses it. Nothing has run yet, so the command can start again on a new connection. */
  if (!sp_pg_exec_simple (self, sql, "Could not start a transaction", &lost) &&
      PQstatus (self->conn) == CONNECTION_BAD)
    {
      g_clear_error (&lost);
      if (!sp_pg_ensure_connected (self, error))
        return FALSE;
      sp_pg_exec_simple (self, sql, "Could not start a transaction", &lost);
    }

  if (lost == NULL)
    return TRUE;

  if (PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    rollback (self, TRUE);
  g_propagate_error (error, g_steal_pointer (&lost));
  return FALSE;
}

/**
 * sp_pg_lock_for_writing:
 *
 * In a read transaction, takes the write lock before its first write: what the transaction
 * read before is not what it decides on (sp_store_read_transaction()), and from here on it
 * takes its turn with the writers. (The audit chain's head is read and moved in a nested
 * sp_store_transaction(), which takes the lock before it reads.)
 */
gboolean
sp_pg_lock_for_writing (SpPgStore  *self,
                        GError    **error)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0 || self->locked)
    return TRUE;

  sql = g_strdup_printf ("SELECT pg_advisory_xact_lock (%" G_GINT64_FORMAT ")",
                         SP_PG_STORE_WRITE_LOCK);
  if (!sp_pg_exec_simple (self, sql, "Could not take the write lock", error))
    return FALSE;

  self->locked = TRUE;
  return TRUE;
}

static gboolean
run_transaction (SpPgStore     *self,
                 gboolean       lock,
                 SpStoreFunc    func,
                 gpointer       user_data,
                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean outer = self->depth == 0;
  gboolean was_locked;
  gboolean ok;

  if (outer)
    {
      if (!begin (self, lock, error))
        return FALSE;
      self->locked = lock;
    }
  /* A transaction nested in a read transaction takes the lock in the enclosing one: it may
   * read, check and write, and its savepoint's rollback would release a lock taken in it. */
  else if ((lock && !sp_pg_lock_for_writing (self, error)) ||
           !sp_pg_exec_simple (self, "SAVEPOINT nested", "Could not start a savepoint", error))
    {
      return FALSE;
    }
  was_locked = self->locked;

  self->depth++;
  ok = func (SP_STORE (self), user_data, &local_error);
  self->depth--;

  /* A statement that failed aborted the transaction even if @func went on: committing would
   * silently roll back, so that is an error too. */
  if (ok && PQtransactionStatus (self->conn) != PQTRANS_INTRANS)
    g_set_error_literal (&local_error, SP_STORE_ERROR, SP_STORE_ERROR_IO,
                         "The transaction was aborted by the database");
  else if (ok && sp_pg_exec_simple (self, outer ? "COMMIT" : "RELEASE SAVEPOINT nested",
                                    "Could not commit", &local_error))
    {
      self->locked = self->locked && !outer;
      return TRUE;
    }

  rollback (self, outer);
  /* A savepoint rolled back releases a lock taken inside it (by a write in it). */
  self->locked = outer ? FALSE : was_locked;

  if (local_error == NULL)
    g_critical ("A store transaction function failed without setting an error");
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/* Runs one operation: inside the caller's transaction, or in a new one of its own. */
static gboolean
run_in_transaction (SpPgStore     *self,
                    SpStoreFunc    func,
                    gpointer       user_data,
                    GError       **error)
{
  if (self->depth > 0)
    return func (SP_STORE (self), user_data, error);

  return run_transaction (self, TRUE, func, user_data, error);
}

/* Writes */

typedef struct
{
  const char          *kind;
  const char          *id;
  const char          *parent_id;
  GBytes              *body;
  gint64               base_revision;
  const char * const  *terms;
  gboolean             deleted;
  SpRecord            *result;
} WriteOp;

/* Kinds and revisions only in messages: ids may be chosen by callers. */
static gboolean
check_base (WriteOp   *op,
            gboolean   found,
            gint64     revision,
            gboolean   deleted,
            GError   **error)
{
  if (!found && op->base_revision == 0 && !op->deleted)
    return TRUE;

  if (!found || (op->deleted && deleted))
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                 "No %s record with that id", op->kind);
  else if (op->base_revision == 0)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS,
                 "A %s record with that id exists", op->kind);
  else if (op->base_revision != revision)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                 "Stale %s revision %" G_GINT64_FORMAT ", the current one is %" G_GINT64_FORMAT,
                 op->kind, op->base_revision, revision);
  else
    return TRUE;

  return FALSE;
}

/* A text[] literal: every element quoted, with " and \ escaped. */
static char *
terms_literal (const char * const *terms)
{
  g_autoptr(GString) literal = g_string_new ("{");

  for (gsize i = 0; terms[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (literal, ',');
      g_string_append_c (literal, '"');
      for (const char *c = terms[i]; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (literal, '\\');
          g_string_append_c (literal, *c);
        }
      g_string_append_c (literal, '"');
    }
  g_string_append_c (literal, '}');

  return g_string_free (g_steal_pointer (&literal), FALSE);
}

static gboolean
replace_terms (SpPgStore           *self,
               WriteOp             *op,
               gboolean             had_terms,
               GError             **error)
{
  g_autoptr(PGresult) deleted = NULL;
  g_autoptr(PGresult) inserted = NULL;
  g_autofree char *literal = NULL;
  SpPgParams params = { 0, };

  if (had_terms &&
      (deleted = sp_pg_exec_names (self, SP_PG_STMT_DELETE_TERMS, op->kind, op->id, error)) == NULL)
    return FALSE;

  if (op->terms == NULL || op->terms[0] == NULL)
    return TRUE;

  literal = terms_literal (op->terms);
  sp_pg_params_text (&params, op->kind);
  sp_pg_params_text (&params, op->id);
  sp_pg_params_text (&params, literal);
  inserted = sp_pg_exec (self, SP_PG_STMT_INSERT_TERMS, &params, error);

  return inserted != NULL;
}

static gboolean
write_record (SpPgStore      *self,
              SpPgStatement   which,
              SpRecord       *record,
              GError        **error)
{
  g_autoptr(PGresult) result = NULL;
  SpPgParams params = { 0, };

  sp_pg_params_text (&params, sp_record_get_kind (record));
  sp_pg_params_text (&params, sp_record_get_id (record));
  sp_pg_params_int (&params, sp_record_get_revision (record));
  sp_pg_params_int (&params, sp_record_get_seq (record));
  sp_pg_params_text (&params, sp_record_get_parent_id (record));
  sp_pg_params_text (&params, sp_record_is_deleted (record) ? "t" : "f");
  sp_pg_params_int (&params, g_date_time_to_unix (sp_record_get_modified_at (record)));
  sp_pg_params_bytes (&params, sp_record_get_body (record));
  result = sp_pg_exec (self, which, &params, error);

  return result != NULL;
}

static gboolean
write_revision_cb (SpStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  WriteOp *op = user_data;
  g_autoptr(PGresult) state = NULL;
  g_autoptr(PGresult) next = NULL;
  g_autoptr(PGresult) archived = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(SpRecord) record = NULL;
  gboolean found, deleted = FALSE;
  gint64 revision = 0, seq;
  const char *parent_id = NULL;

  if (!sp_pg_lock_for_writing (self, error))
    return FALSE;

  if ((state = sp_pg_exec_names (self, SP_PG_STMT_GET_STATE, op->kind, op->id, error)) == NULL)
    return FALSE;

  found = PQntuples (state) == 1;
  if (found)
    {
      if (!sp_pg_get_int64 (state, 0, 0, &revision))
        return sp_pg_set_corrupt_row (error);
      deleted = PQgetlength (state, 0, 1) == 1 && *PQgetvalue (state, 0, 1) != 0;
      parent_id = PQgetisnull (state, 0, 2) ? NULL : PQgetvalue (state, 0, 2);
    }
  if (!check_base (op, found, revision, deleted, error))
    return FALSE;

  /* Under the write lock: numbers are gap-free and committed in order. */
  next = sp_pg_exec (self, SP_PG_STMT_NEXT_SEQ, &(SpPgParams) { 0, }, error);
  if (next == NULL)
    return FALSE;
  if (!sp_pg_get_int64 (next, 0, 0, &seq))
    return sp_pg_set_corrupt_row (error);

  now = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
  if (op->deleted)
    {
      /* A tombstone keeps its parent, so a client can drop it from the right list. */
      empty = g_bytes_new (NULL, 0);
      record = sp_record_new (op->kind, op->id, op->base_revision + 1, seq, parent_id, TRUE,
                              now, empty);
    }
  else
    {
      record = sp_record_new (op->kind, op->id, op->base_revision + 1, seq, op->parent_id,
                              FALSE, now, op->body);
    }

  if (found &&
      (archived = sp_pg_exec_names (self, SP_PG_STMT_ARCHIVE, op->kind, op->id, error)) == NULL)
    return FALSE;

  if (!write_record (self, found ? SP_PG_STMT_UPDATE : SP_PG_STMT_INSERT, record, error) ||
      !replace_terms (self, op, found, error))
    return FALSE;

  op->result = g_steal_pointer (&record);
  return TRUE;
}

static SpRecord *
run_write (SpPgStore  *self,
           WriteOp    *op,
           GError    **error)
{
  if (!run_in_transaction (self, write_revision_cb, op, error))
    {
      g_clear_pointer (&op->result, sp_record_unref);
      return NULL;
    }

  return op->result;
}

/* SpStore */

static gboolean
sp_pg_store_transaction (SpStore      *store,
                         SpStoreFunc   func,
                         gpointer      user_data,
                         GError      **error)
{
  return run_transaction (SP_PG_STORE (store), TRUE, func, user_data, error);
}

static gboolean
sp_pg_store_read_transaction (SpStore      *store,
                              SpStoreFunc   func,
                              gpointer      user_data,
                              GError      **error)
{
  SpPgStore *self = SP_PG_STORE (store);

  /* Nested, it shares the enclosing transaction's lock, if that has it. */
  return run_transaction (self, FALSE, func, user_data, error);
}

static SpRecord *
sp_pg_store_get (SpStore     *store,
                 const char  *kind,
                 const char  *id,
                 GError     **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;

  if (!sp_pg_ready (self, error) ||
      (result = sp_pg_exec_names (self, SP_PG_STMT_GET, kind, id, error)) == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                   "No %s record with that id", kind);
      return NULL;
    }

  return record_from_row (result, 0, error);
}

static SpRecord *
sp_pg_store_put (SpStore             *store,
                 const char          *kind,
                 const char          *id,
                 const char          *parent_id,
                 GBytes              *body,
                 gint64               base_revision,
                 const char * const  *terms,
                 GError             **error)
{
  WriteOp op = { kind, id, parent_id, body, base_revision, terms, FALSE, NULL };

  return run_write (SP_PG_STORE (store), &op, error);
}

static SpRecord *
sp_pg_store_delete_record (SpStore     *store,
                           const char  *kind,
                           const char  *id,
                           gint64       base_revision,
                           GError     **error)
{
  WriteOp op = { kind, id, NULL, NULL, base_revision, NULL, TRUE, NULL };

  return run_write (SP_PG_STORE (store), &op, error);
}

/* One of the listings: $1 kind, $2 limit, $3 offset, $4 @filter if given. */
static GPtrArray *
run_list (SpPgStore      *self,
          SpPgStatement   which,
          const char     *kind,
          const char     *filter,
          guint           offset,
          guint           limit,
          GError        **error)
{
  g_autoptr(PGresult) result = NULL;
  SpPgParams params = { 0, };

  sp_pg_params_text (&params, kind);
  sp_pg_params_int (&params, limit);
  sp_pg_params_int (&params, offset);
  if (filter != NULL)
    sp_pg_params_text (&params, filter);

  if (!sp_pg_ready (self, error) || (result = sp_pg_exec (self, which, &params, error)) == NULL)
    return NULL;

  return collect_records (result, error);
}

static GPtrArray *
sp_pg_store_list (SpStore     *store,
                  const char  *kind,
                  const char  *term,
                  guint        offset,
                  guint        limit,
                  GError     **error)
{
  return run_list (SP_PG_STORE (store), term != NULL ? SP_PG_STMT_LIST_TERM : SP_PG_STMT_LIST,
                   kind, term, offset, limit, error);
}

static GPtrArray *
sp_pg_store_list_children (SpStore     *store,
                           const char  *kind,
                           const char  *parent_id,
                           guint        offset,
                           guint        limit,
                           GError     **error)
{
  return run_list (SP_PG_STORE (store), SP_PG_STMT_LIST_CHILDREN, kind, parent_id, offset,
                   limit, error);
}

static GPtrArray *
sp_pg_store_get_history (SpStore     *store,
                         const char  *kind,
                         const char  *id,
                         GError     **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  if (!sp_pg_ready (self, error) ||
      (result = sp_pg_exec_names (self, SP_PG_STMT_HISTORY, kind, id, error)) == NULL ||
      (revisions = collect_records (result, error)) == NULL)
    return NULL;

  if (revisions->len == 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                   "No %s record with that id", kind);
      return NULL;
    }

  return g_steal_pointer (&revisions);
}

static GPtrArray *
sp_pg_store_changes_since (SpStore  *store,
                           gint64    seq,
                           guint     limit,
                           GError  **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  SpPgParams params = { 0, };

  sp_pg_params_int (&params, seq);
  sp_pg_params_int (&params, limit);
  if (!sp_pg_ready (self, error) ||
      (result = sp_pg_exec (self, SP_PG_STMT_CHANGES, &params, error)) == NULL)
    return NULL;

  return collect_records (result, error);
}

static gint64
sp_pg_store_get_last_seq (SpStore  *store,
                          GError  **error)
{
  SpPgStore *self = SP_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  gint64 seq;

  if (!sp_pg_ready (self, error) ||
      (result = sp_pg_exec (self, SP_PG_STMT_LAST_SEQ, &(SpPgParams) { 0, }, error)) == NULL)
    return -1;

  if (PQntuples (result) != 1 || !sp_pg_get_int64 (result, 0, 0, &seq))
    {
      sp_pg_set_corrupt_row (error);
      return -1;
    }

  return seq;
}

static int
sp_pg_store_get_schema_version (SpStore *store)
{
  return SP_PG_STORE (store)->schema_version;
}

/* Opening */

static void
sp_pg_store_finalize (GObject *object)
{
  SpPgStore *self = SP_PG_STORE (object);

  g_assert (self->depth == 0);
  g_clear_pointer (&self->conn, PQfinish);

  G_OBJECT_CLASS (sp_pg_store_parent_class)->finalize (object);
}

static void
sp_pg_store_class_init (SpPgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_pg_store_finalize;
}

static void
sp_pg_store_iface_init (SpStoreInterface *iface)
{
  iface->transaction = sp_pg_store_transaction;
  iface->get = sp_pg_store_get;
  iface->put = sp_pg_store_put;
  iface->delete_record = sp_pg_store_delete_record;
  iface->list = sp_pg_store_list;
  iface->list_children = sp_pg_store_list_children;
  iface->get_history = sp_pg_store_get_history;
  iface->changes_since = sp_pg_store_changes_since;
  iface->get_last_seq = sp_pg_store_get_last_seq;
  iface->get_meta = sp_pg_store_get_meta;
  iface->set_meta = sp_pg_store_set_meta;
  iface->get_schema_version = sp_pg_store_get_schema_version;
  iface->append_log = sp_pg_store_append_log;
  iface->list_log = sp_pg_store_list_log;
  iface->get_private = sp_pg_store_get_private;
  iface->set_private = sp_pg_store_set_private;
  iface->count_children = sp_pg_store_count_children;
  iface->append_log_many = sp_pg_store_append_log_many;
  iface->read_transaction = sp_pg_store_read_transaction;
}

static void
sp_pg_store_init (SpPgStore *self)
{
}

static SpStore *
open_store (const char  *conninfo,
            int          target,
            GError     **error)
{
  g_autoptr(SpPgStore) self = g_object_new (SP_TYPE_PG_STORE, NULL);

  if (!sp_pg_store_connect (self, conninfo, target, error))
    return NULL;

  return SP_STORE (g_steal_pointer (&self));
}

/**
 * sp_pg_store_is_conninfo:
 * @database: what the user gave as the database
 *
 * Returns: whether @database names a PostgreSQL database: a URI (`postgresql://…`,
 *   `postgres://…`) or a keyword/value connection string (`host=… dbname=…`), rather than
 *   the path of a sqlite file
 */
gboolean
sp_pg_store_is_conninfo (const char *database)
{
  g_return_val_if_fail (database != NULL, FALSE);

  if (g_str_has_prefix (database, "postgresql:") || g_str_has_prefix (database, "postgres:"))
    return TRUE;

  /* A conninfo string starts with a keyword and "=": no path of ours looks like that. */
  for (const char *c = database; *c != '\0'; c++)
    {
      if (*c == '=')
        return c > database;
      if (!g_ascii_isalnum (*c) && *c != '_')
        return FALSE;
    }

  return FALSE;
}

/**
 * sp_pg_store_new:
 * @conninfo: a libpq connection string or URI
 * @error: return location for an error
 *
 * Opens one connection and migrates the schema to the current version, each step in its own
 * transaction under a lock, so instances starting together migrate once.
 *
 * The store is used from one thread at a time; another thread opens its own. Several
 * processes may open the same database: see the file's comment for how they take turns.
 * Between transactions a connection the server dropped is opened again.
 *
 * Errors: %SP_STORE_ERROR_SCHEMA_TOO_NEW for a schema written by a newer version,
 * %SP_STORE_ERROR_IO when the database cannot be reached.
 *
 * Returns: (transfer full): the store, or %NULL
 */
SpStore *
sp_pg_store_new (const char  *conninfo,
                 GError     **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_store (conninfo, SP_PG_STORE_SCHEMA_VERSION, error);
}

gboolean
sp_pg_store_create_at_version (const char  *conninfo,
                               int          version,
                               GError     **error)
{
  g_autoptr(SpStore) store = NULL;

  g_return_val_if_fail (conninfo != NULL, FALSE);
  g_return_val_if_fail (version >= 0 && version <= SP_PG_STORE_SCHEMA_VERSION, FALSE);

  store = open_store (conninfo, version, error);

  return store != NULL;
}
