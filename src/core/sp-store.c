/* sp-store.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <string.h>

#include "sp-pg-store.h"
#include "sp-sqlite-store.h"
#include "sp-store.h"

G_DEFINE_QUARK (sp-store-error-quark, sp_store_error)

G_DEFINE_INTERFACE (SpStore, sp_store, G_TYPE_OBJECT)

static void
sp_store_default_init (SpStoreInterface *iface)
{
}

/* Names come from clients, so a bad one is a runtime error, not a precondition. The value is
 * never echoed: ids may be chosen by callers and error messages end up in logs. */
static gboolean
check_name (const char  *what,
            const char  *value,
            gsize        max_length,
            GError     **error)
{
  gsize length = strlen (value);

  if (length == 0 || length > max_length || !g_utf8_validate (value, length, NULL))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   "%s: must be 1 to %" G_GSIZE_FORMAT " bytes of UTF-8", what, max_length);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_record_name (const char  *kind,
                   const char  *id,
                   GError     **error)
{
  return check_name ("kind", kind, SP_STORE_MAX_NAME_LENGTH, error) &&
         check_name ("id", id, SP_STORE_MAX_NAME_LENGTH, error);
}

static gboolean
check_terms (const char * const  *terms,
             GError             **error)
{
  for (gsize i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      if (!check_name ("terms", terms[i], SP_STORE_MAX_TERM_LENGTH, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * sp_store_transaction:
 * @self: a store
 * @func: (scope call): runs the operations of one command
 * @user_data: data for @func
 * @error: return location for an error
 *
 * Runs @func inside one transaction: everything it wrote is committed together when it
 * returns %TRUE, and nothing of it remains when it returns %FALSE (its error is passed on) or
 * the commit fails. Operations called outside a transaction run in their own.
 *
 * Calls nest: an inner transaction is a savepoint, so an inner failure rolls back only the
 * inner writes and the outer @func decides whether to go on.
 *
 * Returns: whether @func succeeded and its writes were committed
 */
gboolean
sp_store_transaction (SpStore      *self,
                      SpStoreFunc   func,
                      gpointer      user_data,
                      GError      **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return SP_STORE_GET_IFACE (self)->transaction (self, func, user_data, error);
}

/**
 * sp_store_read_transaction:
 * @self: a store
 * @func: the reads to run
 * @user_data: data for @func
 * @error: return location for an error
 *
 * Like sp_store_transaction(), for a command that only reads records and logs what it read
 * (sp_store_append_log()): it decides nothing that a concurrent write could invalidate
 * between its reads and its writes. A backend may run such transactions side by side and
 * take its write lock only at their first write (PostgreSQL does: there each statement sees
 * the latest commits, not one snapshot); the others run it as sp_store_transaction().
 *
 * Returns: %TRUE if @func returned %TRUE and everything was committed
 */
gboolean
sp_store_read_transaction (SpStore      *self,
                           SpStoreFunc   func,
                           gpointer      user_data,
                           GError      **error)
{
  SpStoreInterface *iface;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = SP_STORE_GET_IFACE (self);
  if (iface->read_transaction == NULL)
    return iface->transaction (self, func, user_data, error);

  return iface->read_transaction (self, func, user_data, error);
}

/**
 * sp_store_get:
 * @self: a store
 * @kind: the record's kind
 * @id: the record's id
 * @error: return location for an error
 *
 * Reads the latest revision of a record. That may be a tombstone
 * (sp_record_is_deleted()): a caller serving reads treats it as gone, a caller writing uses
 * its revision as the base.
 *
 * Returns: (transfer full): the record, or %NULL with %SP_STORE_ERROR_NOT_FOUND
 */
SpRecord *
sp_store_get (SpStore     *self,
              const char  *kind,
              const char  *id,
              GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_record_name (kind, id, error))
    return NULL;

  return SP_STORE_GET_IFACE (self)->get (self, kind, id, error);
}

/**
 * sp_store_put:
 * @self: a store
 * @kind: the record's kind
 * @id: the record's id
 * @parent_id: (nullable): the id of the record this one belongs to
 * @body: the new body, opaque to the store
 * @base_revision: 0 to create the record, otherwise the revision this write replaces
 * @terms: (nullable) (array zero-terminated=1): the index terms for sp_store_list(); they
 *   replace the record's earlier terms
 * @error: return location for an error
 *
 * Writes revision @base_revision + 1 at the next global sequence number and keeps the
 * replaced revision in the history. Writing on a tombstone's revision brings the record back.
 *
 * Errors: %SP_STORE_ERROR_EXISTS when creating a record that exists (even as a tombstone: ids
 * are never reused), %SP_STORE_ERROR_CONFLICT when @base_revision is not the current one (the
 * caller reads the current record and reports the conflict), %SP_STORE_ERROR_NOT_FOUND when
 * updating a record that does not exist, %SP_STORE_ERROR_INVALID for bad names or a negative
 * revision. Nothing is written on error.
 *
 * Returns: (transfer full): the revision written, or %NULL
 */
SpRecord *
sp_store_put (SpStore             *self,
              const char          *kind,
              const char          *id,
              const char          *parent_id,
              GBytes              *body,
              gint64               base_revision,
              const char * const  *terms,
              GError             **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_record_name (kind, id, error))
    return NULL;
  if (parent_id != NULL && !check_name ("parent_id", parent_id, SP_STORE_MAX_NAME_LENGTH, error))
    return NULL;
  if (!check_terms (terms, error))
    return NULL;
  if (base_revision < 0)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           "base_revision: must not be negative");
      return NULL;
    }

  return SP_STORE_GET_IFACE (self)->put (self, kind, id, parent_id, body, base_revision, terms,
                                         error);
}

/**
 * sp_store_delete:
 * @self: a store
 * @kind: the record's kind
 * @id: the record's id
 * @base_revision: the revision this deletion replaces, ≥ 1
 * @error: return location for an error
 *
 * Writes a tombstone: a revision with an empty body, no index terms and the record's parent,
 * at the next global sequence number. Errors as for sp_store_put(); deleting a tombstone is
 * %SP_STORE_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full): the tombstone, or %NULL
 */
SpRecord *
sp_store_delete (SpStore     *self,
                 const char  *kind,
                 const char  *id,
                 gint64       base_revision,
                 GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_record_name (kind, id, error))
    return NULL;
  if (base_revision < 1)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           "base_revision: must be at least 1");
      return NULL;
    }

  return SP_STORE_GET_IFACE (self)->delete_record (self, kind, id, base_revision, error);
}

/**
 * sp_store_list:
 * @self: a store
 * @kind: the kind to list
 * @term: (nullable): only records having this index term
 * @offset: how many records to skip
 * @limit: at most this many records, ≥ 1
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type SpRecord): the live (not deleted) records of @kind,
 *   ordered by id, or %NULL on error
 */
GPtrArray *
sp_store_list (SpStore     *self,
               const char  *kind,
               const char  *term,
               guint        offset,
               guint        limit,
               GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_name ("kind", kind, SP_STORE_MAX_NAME_LENGTH, error))
    return NULL;
  if (term != NULL && !check_name ("term", term, SP_STORE_MAX_TERM_LENGTH, error))
    return NULL;

  return SP_STORE_GET_IFACE (self)->list (self, kind, term, offset, limit, error);
}

/**
 * sp_store_list_children:
 * @self: a store
 * @kind: the kind to list
 * @parent_id: the parent's id
 * @offset: how many records to skip
 * @limit: at most this many records, ≥ 1
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type SpRecord): the live records of @kind whose parent is
 *   @parent_id, ordered by id, or %NULL on error
 */
GPtrArray *
sp_store_list_children (SpStore     *self,
                        const char  *kind,
                        const char  *parent_id,
                        guint        offset,
                        guint        limit,
                        GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (parent_id != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_name ("kind", kind, SP_STORE_MAX_NAME_LENGTH, error) ||
      !check_name ("parent_id", parent_id, SP_STORE_MAX_NAME_LENGTH, error))
    return NULL;

  return SP_STORE_GET_IFACE (self)->list_children (self, kind, parent_id, offset, limit, error);
}

/**
 * sp_store_get_history:
 * @self: a store
 * @kind: the record's kind
 * @id: the record's id
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type SpRecord): every revision of the record, oldest
 *   first, the current one last; %NULL with %SP_STORE_ERROR_NOT_FOUND if it does not exist
 */
GPtrArray *
sp_store_get_history (SpStore     *self,
                      const char  *kind,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_record_name (kind, id, error))
    return NULL;

  return SP_STORE_GET_IFACE (self)->get_history (self, kind, id, error);
}

/**
 * sp_store_changes_since:
 * @self: a store
 * @seq: the last sequence number the caller has seen, 0 for everything
 * @limit: at most this many records, ≥ 1
 * @error: return location for an error
 *
 * The changes feed: the latest revision, tombstones included, of every record written after
 * @seq, ordered by sequence number. To page, call again with the last record's sequence
 * number. A record written again after it was paged comes back later with its new revision.
 *
 * Returns: (transfer full) (element-type SpRecord): the changed records, or %NULL on error
 */
GPtrArray *
sp_store_changes_since (SpStore  *self,
                        gint64    seq,
                        guint     limit,
                        GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (seq < 0)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           "seq: must not be negative");
      return NULL;
    }

  return SP_STORE_GET_IFACE (self)->changes_since (self, seq, limit, error);
}

/**
 * sp_store_get_last_seq:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: the sequence number of the latest write, 0 for an empty store, -1 on error
 */
gint64
sp_store_get_last_seq (SpStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return SP_STORE_GET_IFACE (self)->get_last_seq (self, error);
}

/**
 * sp_store_get_meta:
 * @self: a store
 * @key: the setting's name
 * @out_value: (out) (transfer full) (nullable): the value, %NULL when it is not set
 * @error: return location for an error
 *
 * Reads a setting such as a client's sync cursor. Settings are not records: they have no
 * revisions and are not in the changes feed.
 *
 * Returns: %FALSE on error; an unset key is not an error
 */
gboolean
sp_store_get_meta (SpStore     *self,
                   const char  *key,
                   char       **out_value,
                   GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_value = NULL;
  if (!check_name ("key", key, SP_STORE_MAX_NAME_LENGTH, error))
    return FALSE;

  return SP_STORE_GET_IFACE (self)->get_meta (self, key, out_value, error);
}

/**
 * sp_store_set_meta:
 * @self: a store
 * @key: the setting's name
 * @value: (nullable): the new value; %NULL removes the setting
 * @error: return location for an error
 *
 * Returns: whether the setting was written
 */
gboolean
sp_store_set_meta (SpStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_name ("key", key, SP_STORE_MAX_NAME_LENGTH, error))
    return FALSE;

  return SP_STORE_GET_IFACE (self)->set_meta (self, key, value, error);
}

/**
 * sp_store_get_schema_version:
 * @self: a store
 *
 * Returns: the version of the storage schema the store was migrated to
 */
int
sp_store_get_schema_version (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), 0);

  return SP_STORE_GET_IFACE (self)->get_schema_version (self);
}

/**
 * sp_store_append_log:
 * @self: a store
 * @number: the entry's number: one more than the last entry's (the first is 1)
 * @patient_id: (nullable): whom the entry concerns, for sp_store_list_log()
 * @username: (nullable): who acted, for sp_store_list_log()
 * @body: the entry, stored as given (never empty)
 * @error: return location for an error
 *
 * Appends to the audit log, which lives outside the records: entries have no revisions, are
 * not in the changes feed and are never changed or removed through this interface. Inside a
 * transaction it commits or rolls back with it.
 *
 * Errors: %SP_STORE_ERROR_EXISTS when @number is already taken.
 *
 * Returns: whether the entry was appended
 */
gboolean
sp_store_append_log (SpStore     *self,
                     gint64       number,
                     const char  *patient_id,
                     const char  *username,
                     GBytes      *body,
                     GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (number >= 1, FALSE);
  g_return_val_if_fail (body != NULL && g_bytes_get_size (body) > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((patient_id != NULL && !check_name ("patient_id", patient_id, SP_STORE_MAX_NAME_LENGTH,
                                          error)) ||
      (username != NULL && !check_name ("username", username, SP_STORE_MAX_NAME_LENGTH, error)))
    return FALSE;

  return SP_STORE_GET_IFACE (self)->append_log (self, number, patient_id, username, body,
                                                error);
}

/**
 * sp_store_append_log_many:
 * @self: a store
 * @entries: (array length=n_entries): the entries, numbered one after another
 * @n_entries: how many
 * @error: return location for an error
 *
 * Appends several entries as sp_store_append_log() appends one, in as few round trips as the
 * backend can. If one fails, the ones before it may be appended: run it in a transaction
 * that a failure rolls back.
 *
 * Returns: whether every entry was appended
 */
gboolean
sp_store_append_log_many (SpStore               *self,
                          const SpStoreLogEntry *entries,
                          guint                  n_entries,
                          GError               **error)
{
  SpStoreInterface *iface;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL || n_entries == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_entries; i++)
    {
      const SpStoreLogEntry *entry = &entries[i];

      g_return_val_if_fail (entry->number >= 1, FALSE);
      g_return_val_if_fail (entry->body != NULL && g_bytes_get_size (entry->body) > 0, FALSE);
      if ((entry->patient_id != NULL &&
           !check_name ("patient_id", entry->patient_id, SP_STORE_MAX_NAME_LENGTH, error)) ||
          (entry->username != NULL &&
           !check_name ("username", entry->username, SP_STORE_MAX_NAME_LENGTH, error)))
        return FALSE;
    }

  iface = SP_STORE_GET_IFACE (self);
  if (iface->append_log_many != NULL)
    return n_entries == 0 || iface->append_log_many (self, entries, n_entries, error);

  for (guint i = 0; i < n_entries; i++)
    if (!iface->append_log (self, entries[i].number, entries[i].patient_id,
                            entries[i].username, entries[i].body, error))
      return FALSE;

  return TRUE;
}

/**
 * sp_store_list_log:
 * @self: a store
 * @patient_id: (nullable): only the entries about this patient
 * @username: (nullable): only the entries of this user
 * @offset: how many matching entries to skip
 * @limit: at most this many entries, > 0
 * @error: return location for an error
 *
 * The audit log in order of number, as appended.
 *
 * Returns: (transfer full) (element-type GBytes): the entries' bodies, or %NULL on error
 */
GPtrArray *
sp_store_list_log (SpStore     *self,
                   const char  *patient_id,
                   const char  *username,
                   guint        offset,
                   guint        limit,
                   GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((patient_id != NULL && !check_name ("patient_id", patient_id, SP_STORE_MAX_NAME_LENGTH,
                                          error)) ||
      (username != NULL && !check_name ("username", username, SP_STORE_MAX_NAME_LENGTH, error)))
    return NULL;

  return SP_STORE_GET_IFACE (self)->list_log (self, patient_id, username, offset, limit, error);
}

/**
 * sp_store_get_private:
 * @self: a store
 * @kind: the kind of datum ("session", "idempotency" …)
 * @id: its id
 * @out_body: (out) (transfer full) (nullable): the body, %NULL when there is none
 * @error: return location for an error
 *
 * Private data is the server's bookkeeping (sessions, idempotency records): keyed bodies
 * outside the records, without revisions, history or index terms, never in the changes feed.
 *
 * Returns: %FALSE on error; a missing datum is not an error
 */
gboolean
sp_store_get_private (SpStore     *self,
                      const char  *kind,
                      const char  *id,
                      GBytes     **out_body,
                      GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && id != NULL, FALSE);
  g_return_val_if_fail (out_body != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_body = NULL;
  if (!check_record_name (kind, id, error))
    return FALSE;

  return SP_STORE_GET_IFACE (self)->get_private (self, kind, id, out_body, error);
}

/**
 * sp_store_set_private:
 * @self: a store
 * @kind: the kind of datum
 * @id: its id
 * @body: (nullable): the new body, replacing any earlier one; %NULL removes the datum
 * @error: return location for an error
 *
 * Returns: whether the datum was written
 */
gboolean
sp_store_set_private (SpStore     *self,
                      const char  *kind,
                      const char  *id,
                      GBytes      *body,
                      GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_record_name (kind, id, error))
    return FALSE;

  return SP_STORE_GET_IFACE (self)->set_private (self, kind, id, body, error);
}

/**
 * sp_store_count_children:
 * @self: a store
 * @kind: the children's kind
 * @parent_id: their parent
 * @term: (nullable): only the children carrying this index term
 * @out_count: (out): how many live records match
 * @error: return location for an error
 *
 * Counts without reading bodies: "how many messages of this episode are unacknowledged by my
 * unit" is one small indexed query, however many such messages the unit has elsewhere.
 *
 * Returns: %FALSE on error
 */
gboolean
sp_store_count_children (SpStore     *self,
                         const char  *kind,
                         const char  *parent_id,
                         const char  *term,
                         guint       *out_count,
                         GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && parent_id != NULL, FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_count = 0;
  if (!check_name ("kind", kind, SP_STORE_MAX_NAME_LENGTH, error) ||
      !check_name ("parent_id", parent_id, SP_STORE_MAX_NAME_LENGTH, error) ||
      (term != NULL && !check_name ("term", term, SP_STORE_MAX_TERM_LENGTH, error)))
    return FALSE;

  return SP_STORE_GET_IFACE (self)->count_children (self, kind, parent_id, term, out_count,
                                                    error);
}

/**
 * sp_store_open_for_uri:
 * @database: a PostgreSQL URI (`postgresql://…`) or connection string (`host=… dbname=…`),
 *   or the path of a sqlite file (":memory:" for a private in-memory store)
 * @error: return location for an error
 *
 * Opens the store the administrator named: PostgreSQL for a region with several server
 * instances, sqlite, the default, for everything else (see sp_pg_store_is_conninfo()).
 *
 * Returns: (transfer full): the store, migrated to the current schema, or %NULL
 */
SpStore *
sp_store_open_for_uri (const char  *database,
                       GError     **error)
{
  g_return_val_if_fail (database != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sp_pg_store_is_conninfo (database))
    return sp_pg_store_new (database, error);

  return sp_sqlite_store_new (database, error);
}
