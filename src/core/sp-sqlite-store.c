/* sp-sqlite-store.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sqlite-store"

#include "config.h"

#include "sp-sqlite-store-private.h"

/* A writer waits this long for another connection's write transaction before giving up. */
#define BUSY_TIMEOUT_MS 5000

/* Audit log entries indexed by patient at once (schema v5): a listing by patient reads at
 * most this many entries beyond the index. */
#define AUDIT_INDEX_BATCH 4096

/* The schema's history: step i takes user_version i to i + 1. Never edit a released step;
 * append a new one. */
static const char * const migrations[] = {
  /* v1: the latest revision of each record, and every earlier revision. */
  "CREATE TABLE records ("
  "  kind        TEXT    NOT NULL,"
  "  id          TEXT    NOT NULL,"
  "  revision    INTEGER NOT NULL CHECK (revision >= 1),"
  "  seq         INTEGER NOT NULL CHECK (seq >= 1),"
  "  parent_id   TEXT,"
  "  modified_at INTEGER NOT NULL,"
  "  body        BLOB    NOT NULL,"
  "  PRIMARY KEY (kind, id));"
  "CREATE TABLE history ("
  "  kind        TEXT    NOT NULL,"
  "  id          TEXT    NOT NULL,"
  "  revision    INTEGER NOT NULL,"
  "  seq         INTEGER NOT NULL,"
  "  parent_id   TEXT,"
  "  modified_at INTEGER NOT NULL,"
  "  body        BLOB    NOT NULL,"
  "  PRIMARY KEY (kind, id, revision),"
  "  FOREIGN KEY (kind, id) REFERENCES records (kind, id));"
  "CREATE INDEX records_parent ON records (kind, parent_id, id);",

  /* v2: tombstones, so deletions reach clients; index terms for listing. */
  "ALTER TABLE records ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));"
  "ALTER TABLE history ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));"
  "CREATE TABLE terms ("
  "  kind TEXT NOT NULL,"
  "  id   TEXT NOT NULL,"
  "  term TEXT NOT NULL,"
  "  PRIMARY KEY (kind, term, id),"
  "  FOREIGN KEY (kind, id) REFERENCES records (kind, id)) WITHOUT ROWID;"
  "CREATE INDEX terms_record ON terms (kind, id);",

  /* v3: settings and sync cursors; the changes feed and the next seq read records by seq,
   * which is unique because every write takes a new one. */
  "CREATE TABLE meta ("
  "  key   TEXT NOT NULL PRIMARY KEY,"
  "  value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE UNIQUE INDEX records_seq ON records (seq);",

  /* v4: the audit log and the server's bookkeeping leave the records, so the changes feed
   * and listings no longer step over them and a read no longer takes a sequence number.
   * samplan-server wrote them up to v3 as records of kind "audit" (id: the zero-padded
   * number; terms "patient:…" and "user:…"), "session" and "idempotency"; they move here.
   * An audit record whose id is no number goes to the end, where `audit verify` reports it.
   * seq_floor keeps the highest sequence number handed out, so seq never goes back to one a
   * client has already seen. */
  "CREATE TABLE seq_floor (seq INTEGER NOT NULL);"
  "INSERT INTO seq_floor SELECT coalesce(max(seq), 0) FROM records;"
  "CREATE TABLE audit_log ("
  "  number     INTEGER PRIMARY KEY,"
  "  patient_id TEXT,"
  "  username   TEXT,"
  "  body       BLOB NOT NULL);"
  "CREATE INDEX audit_log_patient ON audit_log (patient_id, number);"
  "CREATE INDEX audit_log_username ON audit_log (username, number);"
  "INSERT INTO audit_log (number, patient_id, username, body)"
  " SELECT CASE WHEN r.id <> '' AND r.id NOT GLOB '*[^0-9]*' THEN CAST(r.id AS INTEGER) END,"
  "  (SELECT substr(t.term, 9) FROM terms AS t"
  "    WHERE t.kind = 'audit' AND t.id = r.id AND t.term GLOB 'patient:*'),"
  "  (SELECT substr(t.term, 6) FROM terms AS t"
  "    WHERE t.kind = 'audit' AND t.id = r.id AND t.term GLOB 'user:*'),"
  "  r.body"
  " FROM records AS r WHERE r.kind = 'audit' AND r.deleted = 0 ORDER BY r.id;"
  "CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log"
  " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log"
  " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TABLE private ("
  "  kind TEXT NOT NULL,"
  "  id   TEXT NOT NULL,"
  "  body BLOB NOT NULL,"
  "  PRIMARY KEY (kind, id)) WITHOUT ROWID;"
  "INSERT INTO private (kind, id, body)"
  " SELECT kind, id, body FROM records"
  "  WHERE kind IN ('session', 'idempotency') AND deleted = 0;"
  "DELETE FROM terms WHERE kind IN ('audit', 'session', 'idempotency');"
  "DELETE FROM history WHERE kind IN ('audit', 'session', 'idempotency');"
  "DELETE FROM records WHERE kind IN ('audit', 'session', 'idempotency');",

  /* v5: the patient index of the audit log is written in batches. An index on (patient_id,
   * number) took one page write per entry (a list page of fifty patients wrote fifty pages
   * to the WAL); audit_patient gets the entries above audit_indexed all at once, sorted, every
   * AUDIT_INDEX_BATCH entries (append_log()), and list_log() reads the few entries above it
   * from the log itself. The log and its user index, whose entries arrive in order, stay. */
  "CREATE TABLE audit_patient ("
  "  patient_id TEXT    NOT NULL,"
  "  number     INTEGER NOT NULL,"
  "  PRIMARY KEY (patient_id, number)) WITHOUT ROWID;"
  "INSERT INTO audit_patient (patient_id, number)"
  " SELECT patient_id, number FROM audit_log WHERE patient_id IS NOT NULL"
  " ORDER BY patient_id, number;"
  "CREATE TABLE audit_indexed (number INTEGER NOT NULL);"
  "INSERT INTO audit_indexed SELECT coalesce(max(number), 0) FROM audit_log;"
  "DROP INDEX audit_log_patient;"
  "CREATE TRIGGER audit_patient_append_only_update BEFORE UPDATE ON audit_patient"
  " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_patient_append_only_delete BEFORE DELETE ON audit_patient"
  " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_indexed_grows BEFORE UPDATE ON audit_indexed"
  " WHEN NEW.number < OLD.number"
  " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SP_SQLITE_STORE_SCHEMA_VERSION);

/* Every query reading records selects these, in this order (see record_from_row()). */
#define RECORD_COLUMNS(t) \
  t "kind, " t "id, " t "revision, " t "seq, " t "parent_id, " t "deleted, " \
  t "modified_at, " t "body"

/* Record statements bind ?1 kind and ?2 id; listings bind ?1 kind, ?2 limit, ?3 offset and
 * ?4 the term or parent (run_list()). */
typedef enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_SAVEPOINT,
  STMT_RELEASE,
  STMT_ROLLBACK_TO,
  STMT_GET,
  STMT_GET_STATE,
  STMT_LAST_SEQ,
  STMT_INSERT,
  STMT_ARCHIVE,
  STMT_UPDATE,
  STMT_DELETE_TERMS,
  STMT_INSERT_TERM,
  STMT_LIST,
  STMT_LIST_TERM,
  STMT_LIST_CHILDREN,
  STMT_HISTORY,
  STMT_CHANGES,
  STMT_GET_META,
  STMT_SET_META,
  STMT_UNSET_META,
  STMT_APPEND_LOG,
  STMT_INDEX_LOG,
  STMT_MOVE_LOG_INDEXED,
  STMT_LIST_LOG,
  STMT_LIST_LOG_USER,
  STMT_LIST_LOG_PATIENT,
  STMT_GET_PRIVATE,
  STMT_SET_PRIVATE,
  STMT_UNSET_PRIVATE,
  STMT_COUNT_CHILDREN,
  N_STATEMENTS
} Statement;

static const char * const statement_sql[N_STATEMENTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_SAVEPOINT] = "SAVEPOINT nested",
  [STMT_RELEASE] = "RELEASE nested",
  [STMT_ROLLBACK_TO] = "ROLLBACK TO nested",
  [STMT_GET] =
    "SELECT " RECORD_COLUMNS ("") " FROM records WHERE kind = ?1 AND id = ?2",
  [STMT_GET_STATE] =
    "SELECT revision, deleted, parent_id FROM records WHERE kind = ?1 AND id = ?2",
  [STMT_LAST_SEQ] =
    "SELECT max((SELECT coalesce(max(seq), 0) FROM records),"
    "           (SELECT coalesce(max(seq), 0) FROM seq_floor))",
  /* INSERT and UPDATE bind the same eight parameters: see bind_record(). */
  [STMT_INSERT] =
    "INSERT INTO records (" RECORD_COLUMNS ("") ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [STMT_UPDATE] =
    "UPDATE records SET revision = ?3, seq = ?4, parent_id = ?5, deleted = ?6,"
    " modified_at = ?7, body = ?8 WHERE kind = ?1 AND id = ?2",
  [STMT_ARCHIVE] =
    "INSERT INTO history (" RECORD_COLUMNS ("") ")"
    " SELECT " RECORD_COLUMNS ("") " FROM records WHERE kind = ?1 AND id = ?2",
  [STMT_DELETE_TERMS] = "DELETE FROM terms WHERE kind = ?1 AND id = ?2",
  [STMT_INSERT_TERM] = "INSERT OR IGNORE INTO terms (kind, id, term) VALUES (?1, ?2, ?3)",
  [STMT_LIST] =
    "SELECT " RECORD_COLUMNS ("") " FROM records WHERE kind = ?1 AND deleted = 0"
    " ORDER BY id LIMIT ?2 OFFSET ?3",
  /* Driven by the terms key (kind, term, id), which is already in id order. */
  [STMT_LIST_TERM] =
    "SELECT " RECORD_COLUMNS ("r.") " FROM terms AS t"
    " JOIN records AS r ON r.kind = t.kind AND r.id = t.id"
    " WHERE t.kind = ?1 AND t.term = ?4 AND r.deleted = 0 ORDER BY t.id LIMIT ?2 OFFSET ?3",
  [STMT_LIST_CHILDREN] =
    "SELECT " RECORD_COLUMNS ("") " FROM records"
    " WHERE kind = ?1 AND parent_id = ?4 AND deleted = 0 ORDER BY id LIMIT ?2 OFFSET ?3",
  [STMT_HISTORY] =
    "SELECT " RECORD_COLUMNS ("") " FROM history WHERE kind = ?1 AND id = ?2"
    " UNION ALL"
    " SELECT " RECORD_COLUMNS ("") " FROM records WHERE kind = ?1 AND id = ?2"
    " ORDER BY revision",
  [STMT_CHANGES] =
    "SELECT " RECORD_COLUMNS ("") " FROM records WHERE seq > ?1 ORDER BY seq LIMIT ?2",
  [STMT_GET_META] = "SELECT value FROM meta WHERE key = ?1",
  [STMT_SET_META] =
    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [STMT_UNSET_META] = "DELETE FROM meta WHERE key = ?1",
  [STMT_APPEND_LOG] =
    "INSERT INTO audit_log (number, patient_id, username, body) VALUES (?1, ?2, ?3, ?4)",
  /* The entries above audit_indexed go into the patient index, sorted (schema v5); outside
   * a transaction a crash may come between the two statements, so the next batch ignores
   * what is there already. */
  [STMT_INDEX_LOG] =
    "INSERT OR IGNORE INTO audit_patient (patient_id, number)"
    " SELECT patient_id, number FROM audit_log"
    " WHERE number > (SELECT number FROM audit_indexed) AND patient_id IS NOT NULL"
    " ORDER BY patient_id, number",
  [STMT_MOVE_LOG_INDEXED] =
    "UPDATE audit_indexed SET number = (SELECT coalesce(max(number), 0) FROM audit_log)",
  /* One statement per filter, so that each has its index: a NULL-or-equal condition can
   * use none. Listings bind ?1 the patient, ?2 the user, ?3 limit and ?4 offset. */
  [STMT_LIST_LOG] =
    "SELECT body FROM audit_log WHERE ?1 IS NULL AND ?2 IS NULL"
    " ORDER BY number LIMIT ?3 OFFSET ?4",
  [STMT_LIST_LOG_USER] =
    "SELECT body FROM audit_log WHERE ?1 IS NULL AND username = ?2"
    " ORDER BY number LIMIT ?3 OFFSET ?4",
  /* The patient index up to audit_indexed, then the log above it (at most a batch). */
  [STMT_LIST_LOG_PATIENT] =
    "SELECT body FROM audit_log WHERE number IN"
    " (SELECT number FROM audit_patient WHERE patient_id = ?1"
    "  UNION ALL"
    "  SELECT number FROM audit_log"
    "  WHERE number > (SELECT number FROM audit_indexed) AND patient_id = ?1)"
    " AND (?2 IS NULL OR username = ?2) ORDER BY number LIMIT ?3 OFFSET ?4",
  [STMT_GET_PRIVATE] = "SELECT body FROM private WHERE kind = ?1 AND id = ?2",
  [STMT_SET_PRIVATE] =
    "INSERT INTO private (kind, id, body) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body",
  [STMT_UNSET_PRIVATE] = "DELETE FROM private WHERE kind = ?1 AND id = ?2",
  /* Driven by records_parent; each child's term is one lookup in the terms key. */
  [STMT_COUNT_CHILDREN] =
    "SELECT count(*) FROM records AS r"
    " WHERE r.kind = ?1 AND r.parent_id = ?2 AND r.deleted = 0 AND (?3 IS NULL OR EXISTS"
    " (SELECT 1 FROM terms AS t WHERE t.kind = r.kind AND t.term = ?3 AND t.id = r.id))",
};

struct _SpSqliteStore
{
  GObject       parent_instance;

  sqlite3      *db;
  /* Prepared once per connection, on first use; reset after each use. */
  sqlite3_stmt *statements[N_STATEMENTS];
  int           schema_version;
  /* Open transactions: 1 is the BEGIN IMMEDIATE, each further one a savepoint. */
  guint         depth;
};

static void sp_sqlite_store_iface_init (SpStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpSqliteStore, sp_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SP_TYPE_STORE, sp_sqlite_store_iface_init))

/* A cached statement borrowed for one use: g_autoptr resets it and its bindings, so it never
 * keeps a read transaction (and an old snapshot) open. */
typedef sqlite3_stmt CachedStatement;

static void
release_statement (CachedStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedStatement, release_statement)

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *what)
{
  SpStoreError code;

  switch (rc & 0xff)
    {
    /* The file, or the data in it, is not what this code wrote. */
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_FORMAT:
      code = SP_STORE_ERROR_CORRUPT;
      break;

    /* Busy past the timeout, disk full or failing, out of memory: the store cannot work now. */
    default:
      code = SP_STORE_ERROR_IO;
      break;
    }

  g_set_error (error, SP_STORE_ERROR, code, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, what);
      return FALSE;
    }

  return TRUE;
}

static CachedStatement *
get_statement (SpSqliteStore  *self,
               Statement       which,
               GError        **error)
{
  if (self->statements[which] == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, statement_sql[which], -1,
                                   SQLITE_PREPARE_PERSISTENT, &self->statements[which], NULL);

      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, self->db, rc, "Could not prepare a statement");
          return NULL;
        }
    }

  return self->statements[which];
}

/* Steps @stmt once; *@out_row tells a row from the end. */
static gboolean
step (SpSqliteStore  *self,
      sqlite3_stmt   *stmt,
      gboolean       *out_row,
      GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      if (out_row != NULL)
        *out_row = rc == SQLITE_ROW;
      return TRUE;
    }

  set_sqlite_error (error, self->db, rc, "Could not run a statement");
  return FALSE;
}

/* Runs a statement that has no parameters and returns no rows. */
static gboolean
run_statement (SpSqliteStore  *self,
               Statement       which,
               GError        **error)
{
  g_autoptr(CachedStatement) stmt = get_statement (self, which, error);

  return stmt != NULL && step (self, stmt, NULL, error);
}

static gboolean
set_corrupt_row (GError **error)
{
  g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                       "A stored record breaks the store's invariants");
  return FALSE;
}

/* Reads the RECORD_COLUMNS of the current row. The file may have been damaged or written by
 * something else, so every invariant of SpRecord is checked rather than asserted. */
static SpRecord *
record_from_row (sqlite3_stmt  *stmt,
                 GError       **error)
{
  const char *kind = (const char *) sqlite3_column_text (stmt, 0);
  const char *id = (const char *) sqlite3_column_text (stmt, 1);
  gint64 revision = sqlite3_column_int64 (stmt, 2);
  gint64 seq = sqlite3_column_int64 (stmt, 3);
  const char *parent_id = (const char *) sqlite3_column_text (stmt, 4);
  gboolean deleted = sqlite3_column_int (stmt, 5) != 0;
  g_autoptr(GDateTime) modified_at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 6));
  const void *body_data = sqlite3_column_blob (stmt, 7);
  gsize body_size = sqlite3_column_bytes (stmt, 7);
  g_autoptr(GBytes) body = NULL;

  if (kind == NULL || *kind == '\0' || id == NULL || *id == '\0' || revision < 1 || seq < 1 ||
      modified_at == NULL || (deleted && body_size > 0))
    {
      set_corrupt_row (error);
      return NULL;
    }

  /* sp_record_new() copies it while the row is still current. */
  body = g_bytes_new_static (body_data, body_size);

  return sp_record_new (kind, id, revision, seq, parent_id, deleted, modified_at, body);
}

/* Steps @stmt to the end, collecting every row. */
static GPtrArray *
collect_records (SpSqliteStore  *self,
                 sqlite3_stmt   *stmt,
                 GError        **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_record_unref);
  gboolean row;

  while (step (self, stmt, &row, error))
    {
      SpRecord *record;

      if (!row)
        return g_steal_pointer (&records);

      record = record_from_row (stmt, error);
      if (record == NULL)
        return NULL;

      g_ptr_array_add (records, record);
    }

  return NULL;
}

/* Binds ?1 to ?8 of STMT_INSERT and STMT_UPDATE. */
static gboolean
bind_record (SpSqliteStore  *self,
             sqlite3_stmt   *stmt,
             SpRecord       *record,
             GError        **error)
{
  GBytes *body = sp_record_get_body (record);
  GDateTime *modified_at = sp_record_get_modified_at (record);
  int rc;

  /* The record outlives the statement's use, so nothing needs copying. The body text is
   * never NULL, which would bind NULL instead of an empty blob. */
  rc = sqlite3_bind_text (stmt, 1, sp_record_get_kind (record), -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, sp_record_get_id (record), -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 3, sp_record_get_revision (record));
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 4, sp_record_get_seq (record));
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 5, sp_record_get_parent_id (record), -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int (stmt, 6, sp_record_is_deleted (record));
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 7, g_date_time_to_unix (modified_at));
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_blob64 (stmt, 8, sp_record_get_body_text (record),
                              g_bytes_get_size (body), SQLITE_STATIC);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not bind a record");
      return FALSE;
    }

  return TRUE;
}

static void
bind_name (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  /* Names are short and validated, so only misuse could fail here. */
  int rc = sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);

  g_assert (rc == SQLITE_OK);
}

static void
bind_int64 (sqlite3_stmt *stmt,
            int           index,
            gint64        value)
{
  int rc = sqlite3_bind_int64 (stmt, index, value);

  g_assert (rc == SQLITE_OK);
}

/* Transactions */

static void
rollback (SpSqliteStore *self,
          gboolean       outer)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* After some failures (disk full, I/O) sqlite has already rolled everything back. */
  if (sqlite3_get_autocommit (self->db))
    return;

  /* A savepoint stays open after ROLLBACK TO; RELEASE ends it. */
  if (outer)
    ok = run_statement (self, STMT_ROLLBACK, &error);
  else
    ok = run_statement (self, STMT_ROLLBACK_TO, &error) &&
         run_statement (self, STMT_RELEASE, &error);

  if (!ok)
    g_warning ("Could not roll back a transaction: %s", error->message);
}

static gboolean
run_transaction (SpSqliteStore  *self,
                 SpStoreFunc     func,
                 gpointer        user_data,
                 GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean outer = self->depth == 0;
  gboolean ok;

  /* sqlite may have rolled back the enclosing transaction after a failed statement; going on
   * would write outside any transaction. */
  if (!outer && sqlite3_get_autocommit (self->db))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_IO,
                           "The enclosing transaction was rolled back by the database");
      return FALSE;
    }

  /* IMMEDIATE takes the write lock at once: a concurrent writer waits in the busy handler
   * instead of failing when it upgrades from reading. */
  if (!run_statement (self, outer ? STMT_BEGIN : STMT_SAVEPOINT, error))
    return FALSE;

  self->depth++;
  ok = func (SP_STORE (self), user_data, &local_error);
  self->depth--;

  if (ok && run_statement (self, outer ? STMT_COMMIT : STMT_RELEASE, &local_error))
    return TRUE;

  rollback (self, outer);

  if (local_error == NULL)
    g_critical ("A store transaction function failed without setting an error");
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/* Writes */

typedef struct
{
  gboolean  found;
  gint64    revision;
  gboolean  deleted;
  char     *parent_id;
} RecordState;

static void
record_state_clear (RecordState *state)
{
  g_clear_pointer (&state->parent_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RecordState, record_state_clear)

static gboolean
read_state (SpSqliteStore  *self,
            const char     *kind,
            const char     *id,
            RecordState    *state,
            GError        **error)
{
  g_autoptr(CachedStatement) stmt = get_statement (self, STMT_GET_STATE, error);

  if (stmt == NULL)
    return FALSE;

  bind_name (stmt, 1, kind);
  bind_name (stmt, 2, id);
  if (!step (self, stmt, &state->found, error))
    return FALSE;

  if (state->found)
    {
      state->revision = sqlite3_column_int64 (stmt, 0);
      state->deleted = sqlite3_column_int (stmt, 1) != 0;
      state->parent_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }

  return TRUE;
}

static gint64
read_last_seq (SpSqliteStore  *self,
               GError        **error)
{
  g_autoptr(CachedStatement) stmt = get_statement (self, STMT_LAST_SEQ, error);
  gboolean row;

  if (stmt == NULL || !step (self, stmt, &row, error))
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

/* Runs a write statement on one record; @term is ?3 where the statement has it. */
static gboolean
run_with_names (SpSqliteStore  *self,
                Statement       which,
                const char     *kind,
                const char     *id,
                const char     *term,
                GError        **error)
{
  g_autoptr(CachedStatement) stmt = get_statement (self, which, error);

  if (stmt == NULL)
    return FALSE;

  bind_name (stmt, 1, kind);
  bind_name (stmt, 2, id);
  if (term != NULL)
    bind_name (stmt, 3, term);

  return step (self, stmt, NULL, error);
}

static gboolean
write_record (SpSqliteStore  *self,
              Statement       which,
              SpRecord       *record,
              GError        **error)
{
  g_autoptr(CachedStatement) stmt = get_statement (self, which, error);

  return stmt != NULL &&
         bind_record (self, stmt, record, error) &&
         step (self, stmt, NULL, error);
}

static gboolean
replace_terms (SpSqliteStore       *self,
               const char          *kind,
               const char          *id,
               gboolean             had_terms,
               const char * const  *terms,
               GError             **error)
{
  if (had_terms && !run_with_names (self, STMT_DELETE_TERMS, kind, id, NULL, error))
    return FALSE;

  for (gsize i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      if (!run_with_names (self, STMT_INSERT_TERM, kind, id, terms[i], error))
        return FALSE;
    }

  return TRUE;
}

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
check_base (WriteOp      *op,
            RecordState  *state,
            GError      **error)
{
  if (!state->found && op->base_revision == 0 && !op->deleted)
    return TRUE;

  if (!state->found || (op->deleted && state->deleted))
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                 "No %s record with that id", op->kind);
  else if (op->base_revision == 0)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS,
                 "A %s record with that id exists", op->kind);
  else if (op->base_revision != state->revision)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                 "Stale %s revision %" G_GINT64_FORMAT ", the current one is %" G_GINT64_FORMAT,
                 op->kind, op->base_revision, state->revision);
  else
    return TRUE;

  return FALSE;
}

static gboolean
write_revision_cb (SpStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  WriteOp *op = user_data;
  g_auto(RecordState) state = { 0, };
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(SpRecord) record = NULL;
  gint64 last_seq;

  if (!read_state (self, op->kind, op->id, &state, error) || !check_base (op, &state, error))
    return FALSE;

  /* Under the write lock, so sequence numbers are gap-free and committed in order. */
  last_seq = read_last_seq (self, error);
  if (last_seq < 0)
    return FALSE;

  now = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
  if (op->deleted)
    {
      /* A tombstone keeps its parent, so a client can drop it from the right list. */
      empty = g_bytes_new (NULL, 0);
      record = sp_record_new (op->kind, op->id, op->base_revision + 1, last_seq + 1,
                              state.parent_id, TRUE, now, empty);
    }
  else
    {
      record = sp_record_new (op->kind, op->id, op->base_revision + 1, last_seq + 1,
                              op->parent_id, FALSE, now, op->body);
    }

  if (state.found &&
      !run_with_names (self, STMT_ARCHIVE, op->kind, op->id, NULL, error))
    return FALSE;

  if (!write_record (self, state.found ? STMT_UPDATE : STMT_INSERT, record, error) ||
      !replace_terms (self, op->kind, op->id, state.found, op->terms, error))
    return FALSE;

  op->result = g_steal_pointer (&record);
  return TRUE;
}

static SpRecord *
run_write (SpSqliteStore  *self,
           WriteOp        *op,
           GError        **error)
{
  if (!run_transaction (self, write_revision_cb, op, error))
    {
      g_clear_pointer (&op->result, sp_record_unref);
      return NULL;
    }

  return op->result;
}

/* SpStore */

static gboolean
sp_sqlite_store_transaction (SpStore      *store,
                             SpStoreFunc   func,
                             gpointer      user_data,
                             GError      **error)
{
  return run_transaction (SP_SQLITE_STORE (store), func, user_data, error);
}

static SpRecord *
sp_sqlite_store_get (SpStore     *store,
                     const char  *kind,
                     const char  *id,
                     GError     **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  g_autoptr(CachedStatement) stmt = get_statement (self, STMT_GET, error);
  gboolean row;

  if (stmt == NULL)
    return NULL;

  bind_name (stmt, 1, kind);
  bind_name (stmt, 2, id);
  if (!step (self, stmt, &row, error))
    return NULL;

  if (!row)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                   "No %s record with that id", kind);
      return NULL;
    }

  return record_from_row (stmt, error);
}

static SpRecord *
sp_sqlite_store_put (SpStore             *store,
                     const char          *kind,
                     const char          *id,
                     const char          *parent_id,
                     GBytes              *body,
                     gint64               base_revision,
                     const char * const  *terms,
                     GError             **error)
{
  WriteOp op = { kind, id, parent_id, body, base_revision, terms, FALSE, NULL };

  return run_write (SP_SQLITE_STORE (store), &op, error);
}

static SpRecord *
sp_sqlite_store_delete_record (SpStore     *store,
                               const char  *kind,
                               const char  *id,
                               gint64       base_revision,
                               GError     **error)
{
  WriteOp op = { kind, id, NULL, NULL, base_revision, NULL, TRUE, NULL };

  return run_write (SP_SQLITE_STORE (store), &op, error);
}

/* Runs one of the listing statements: ?1 kind, ?2 limit, ?3 offset, ?4 @filter. */
static GPtrArray *
run_list (SpSqliteStore  *self,
          Statement       which,
          const char     *kind,
          const char     *filter,
          guint           offset,
          guint           limit,
          GError        **error)
{
  g_autoptr(CachedStatement) stmt = get_statement (self, which, error);

  if (stmt == NULL)
    return NULL;

  bind_name (stmt, 1, kind);
  bind_int64 (stmt, 2, limit);
  bind_int64 (stmt, 3, offset);
  if (filter != NULL)
    bind_name (stmt, 4, filter);

  return collect_records (self, stmt, error);
}

static GPtrArray *
sp_sqlite_store_list (SpStore     *store,
                      const char  *kind,
                      const char  *term,
                      guint        offset,
                      guint        limit,
                      GError     **error)
{
  return run_list (SP_SQLITE_STORE (store), term != NULL ? STMT_LIST_TERM : STMT_LIST,
                   kind, term, offset, limit, error);
}

static GPtrArray *
sp_sqlite_store_list_children (SpStore     *store,
                               const char  *kind,
                               const char  *parent_id,
                               guint        offset,
                               guint        limit,
                               GError     **error)
{
  return run_list (SP_SQLITE_STORE (store), STMT_LIST_CHILDREN, kind, parent_id, offset, limit,
                   error);
}

static GPtrArray *
sp_sqlite_store_get_history (SpStore     *store,
                             const char  *kind,
                             const char  *id,
                             GError     **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  g_autoptr(CachedStatement) stmt = get_statement (self, STMT_HISTORY, error);
  g_autoptr(GPtrArray) revisions = NULL;

  if (stmt == NULL)
    return NULL;

  bind_name (stmt, 1, kind);
  bind_name (stmt, 2, id);
  revisions = collect_records (self, stmt, error);
  if (revisions != NULL && revisions->len == 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                   "No %s record with that id", kind);
      return NULL;
    }

  return g_steal_pointer (&revisions);
}

static GPtrArray *
sp_sqlite_store_changes_since (SpStore  *store,
                               gint64    seq,
                               guint     limit,
                               GError  **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  g_autoptr(CachedStatement) stmt = get_statement (self, STMT_CHANGES, error);

  if (stmt == NULL)
    return NULL;

  bind_int64 (stmt, 1, seq);
  bind_int64 (stmt, 2, limit);

  return collect_records (self, stmt, error);
}

static gint64
sp_sqlite_store_get_last_seq (SpStore  *store,
                              GError  **error)
{
  return read_last_seq (SP_SQLITE_STORE (store), error);
}

static gboolean
sp_sqlite_store_get_meta (SpStore     *store,
                          const char  *key,
                          char       **out_value,
                          GError     **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  g_autoptr(CachedStatement) stmt = get_statement (self, STMT_GET_META, error);
  gboolean row;

  if (stmt == NULL)
    return FALSE;

  bind_name (stmt, 1, key);
  if (!step (self, stmt, &row, error))
    return FALSE;

  *out_value = row ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  return TRUE;
}

static gboolean
sp_sqlite_store_set_meta (SpStore     *store,
                          const char  *key,
                          const char  *value,
                          GError     **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  g_autoptr(CachedStatement) stmt = NULL;

  /* One statement is atomic on its own: no transaction needed. */
  stmt = get_statement (self, value != NULL ? STMT_SET_META : STMT_UNSET_META, error);
  if (stmt == NULL)
    return FALSE;

  bind_name (stmt, 1, key);
  if (value != NULL)
    {
      int rc = sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);

      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, self->db, rc, "Could not bind a value");
          return FALSE;
        }
    }

  return step (self, stmt, NULL, error);
}

static gboolean
sp_sqlite_store_count_children (SpStore     *store,
                                const char  *kind,
                                const char  *parent_id,
                                const char  *term,
                                guint       *out_count,
                                GError     **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  g_autoptr(CachedStatement) stmt = get_statement (self, STMT_COUNT_CHILDREN, error);
  gboolean row;

  if (stmt == NULL)
    return FALSE;

  bind_name (stmt, 1, kind);
  bind_name (stmt, 2, parent_id);
  if (term != NULL)
    bind_name (stmt, 3, term);
  if (!step (self, stmt, &row, error))
    return FALSE;

  *out_count = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static int
sp_sqlite_store_get_schema_version (SpStore *store)
{
  return SP_SQLITE_STORE (store)->schema_version;
}

/* The audit log and private data */

static void
bind_nullable_name (sqlite3_stmt *stmt,
                    int           index,
                    const char   *value)
{
  int rc;

  if (value != NULL)
    {
      bind_name (stmt, index, value);
      return;
    }

  rc = sqlite3_bind_null (stmt, index);
  g_assert (rc == SQLITE_OK);
}

static gboolean
bind_body (SpSqliteStore  *self,
           sqlite3_stmt   *stmt,
           int             index,
           GBytes         *body,
           GError        **error)
{
  gsize size = 0;
  const void *data = g_bytes_get_data (body, &size);
  /* An empty blob must still be a blob, not NULL. */
  int rc = sqlite3_bind_blob64 (stmt, index, data != NULL ? data : "", size, SQLITE_STATIC);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not bind a body");
      return FALSE;
    }

  return TRUE;
}

static gboolean
sp_sqlite_store_append_log (SpStore     *store,
                            gint64       number,
                            const char  *patient_id,
                            const char  *username,
                            GBytes      *body,
                            GError     **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  g_autoptr(CachedStatement) stmt = get_statement (self, STMT_APPEND_LOG, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_int64 (stmt, 1, number);
  bind_nullable_name (stmt, 2, patient_id);
  bind_nullable_name (stmt, 3, username);
  if (!bind_body (self, stmt, 4, body, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS,
                   "Audit log entry %" G_GINT64_FORMAT " exists", number);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "Could not append to the audit log");
      return FALSE;
    }

  /* Numbers are consecutive, so every batch is indexed once, in the transaction that
   * appends its last entry (a rolled-back one leaves the number to the next try). */
  if (number % AUDIT_INDEX_BATCH != 0)
    return TRUE;

  return run_statement (self, STMT_INDEX_LOG, error) &&
         run_statement (self, STMT_MOVE_LOG_INDEXED, error);
}

static GPtrArray *
sp_sqlite_store_list_log (SpStore     *store,
                          const char  *patient_id,
                          const char  *username,
                          guint        offset,
                          guint        limit,
                          GError     **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  Statement which = patient_id != NULL ? STMT_LIST_LOG_PATIENT
                  : username != NULL ? STMT_LIST_LOG_USER : STMT_LIST_LOG;
  g_autoptr(CachedStatement) stmt = get_statement (self, which, error);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gboolean row;

  if (stmt == NULL)
    return NULL;

  bind_nullable_name (stmt, 1, patient_id);
  bind_nullable_name (stmt, 2, username);
  bind_int64 (stmt, 3, limit);
  bind_int64 (stmt, 4, offset);
  while (step (self, stmt, &row, error))
    {
      if (!row)
        return g_steal_pointer (&bodies);
      g_ptr_array_add (bodies, g_bytes_new (sqlite3_column_blob (stmt, 0),
                                            sqlite3_column_bytes (stmt, 0)));
    }

  return NULL;
}

static gboolean
sp_sqlite_store_get_private (SpStore     *store,
                             const char  *kind,
                             const char  *id,
                             GBytes     **out_body,
                             GError     **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  g_autoptr(CachedStatement) stmt = get_statement (self, STMT_GET_PRIVATE, error);
  gboolean row;

  if (stmt == NULL)
    return FALSE;

  bind_name (stmt, 1, kind);
  bind_name (stmt, 2, id);
  if (!step (self, stmt, &row, error))
    return FALSE;

  *out_body = row ? g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0))
                  : NULL;
  return TRUE;
}

static gboolean
sp_sqlite_store_set_private (SpStore     *store,
                             const char  *kind,
                             const char  *id,
                             GBytes      *body,
                             GError     **error)
{
  SpSqliteStore *self = SP_SQLITE_STORE (store);
  g_autoptr(CachedStatement) stmt = NULL;

  /* One statement is atomic on its own: no transaction needed. */
  stmt = get_statement (self, body != NULL ? STMT_SET_PRIVATE : STMT_UNSET_PRIVATE, error);
  if (stmt == NULL)
    return FALSE;

  bind_name (stmt, 1, kind);
  bind_name (stmt, 2, id);
  if (body != NULL && !bind_body (self, stmt, 3, body, error))
    return FALSE;

  return step (self, stmt, NULL, error);
}

/* Opening */

static gboolean
read_user_version (sqlite3  *db,
                   int      *out_version,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, rc, "Could not read the schema version");
      return FALSE;
    }

  *out_version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
check_not_too_new (int      version,
                   GError **error)
{
  if (version <= SP_SQLITE_STORE_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SCHEMA_TOO_NEW,
               "The database has schema version %d; this program knows up to %d",
               version, SP_SQLITE_STORE_SCHEMA_VERSION);
  return FALSE;
}

/* Applies one step in its own transaction, so a failing step leaves the previous version
 * intact. The version is read again under the write lock: another connection opening the same
 * file may have migrated meanwhile. */
static gboolean
migrate_one (sqlite3  *db,
             int       target,
             int      *version,
             GError  **error)
{
  g_autofree char *sql = NULL;

  if (!exec_sql (db, "BEGIN IMMEDIATE", "Could not start a migration", error))
    return FALSE;

  if (!read_user_version (db, version, error) || !check_not_too_new (*version, error))
    goto fail;

  if (*version < target)
    {
      /* PRAGMA takes no parameters; the version is our own integer. */
      sql = g_strdup_printf ("%s PRAGMA user_version = %d;", migrations[*version], *version + 1);
      if (!exec_sql (db, sql, "Could not migrate the database", error))
        goto fail;
      *version += 1;
    }

  if (exec_sql (db, "COMMIT", "Could not commit a migration", error))
    return TRUE;

fail:
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
migrate (SpSqliteStore  *self,
         int             target,
         GError        **error)
{
  int version;

  /* Read first without the write lock: opening an up-to-date file should not block writers. */
  if (!read_user_version (self->db, &version, error) || !check_not_too_new (version, error))
    return FALSE;

  while (version < target)
    {
      if (!migrate_one (self->db, target, &version, error))
        return FALSE;
    }

  self->schema_version = version;
  return TRUE;
}

static gboolean
open_database (SpSqliteStore  *self,
               const char     *path,
               int             target,
               GError        **error)
{
  /* One thread at a time per connection, so sqlite's own mutexes are not needed. */
  int rc = sqlite3_open_v2 (path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not open the database");
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* WAL lets readers on other connections go on while one writes; memory has no WAL. The
   * first statement is also where a file that is not a database is noticed. */
  if (!g_str_equal (path, ":memory:") && *path != '\0' &&
      !exec_sql (self->db, "PRAGMA journal_mode = WAL", "Could not open the database", error))
    return FALSE;

  /* NORMAL in WAL mode loses at most the last commits on power loss, never consistency. */
  if (!exec_sql (self->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL",
                 "Could not open the database", error))
    return FALSE;

  return migrate (self, target, error);
}

/**
 * sp_sqlite_store_tune_for_serving:
 *
 * What a server's database wants and a laptop's copy does not: reads through a memory map
 * and a 64 MiB page cache (a page of the overview touches a few hundred pages, and copying
 * each out of the kernel with pread() was a tenth of it). The app's copy keeps sqlite's
 * defaults: the map alone would count 30 MB more in its memory. (Checkpointing less often
 * was tried: reads gained nothing measurable and a write burst after them paid for the big
 * checkpoint.) A nested transaction (a savepoint: a command's audit entries) journals the
 * pages it changes; in memory, not in a temporary file created, written and removed for
 * each request.
 */
gboolean
sp_sqlite_store_tune_for_serving (SpSqliteStore  *self,
                                  GError        **error)
{
  g_return_val_if_fail (SP_IS_SQLITE_STORE (self), FALSE);

  return exec_sql (self->db,
                   "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;"
                   " PRAGMA temp_store = MEMORY",
                   "Could not tune the database", error);
}

/**
 * sp_sqlite_store_set_cache_size:
 * @kib: the page cache's size in KiB (sqlite's default: 2000)
 *
 * For a burst of writes, such as the app's first sync (docs/sync.md, "Speed"): a transaction
 * whose pages do not fit the cache spills them to the WAL, the same pages several times over.
 * A smaller size given again frees the pages above it.
 */
gboolean
sp_sqlite_store_set_cache_size (SpSqliteStore  *self,
                                guint           kib,
                                GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%u", kib);

  g_return_val_if_fail (SP_IS_SQLITE_STORE (self), FALSE);

  return exec_sql (self->db, sql, "Could not size the page cache", error);
}

static SpStore *
open_store (const char  *path,
            int          target,
            GError     **error)
{
  g_autoptr(SpSqliteStore) self = g_object_new (SP_TYPE_SQLITE_STORE, NULL);

  if (!open_database (self, path, target, error))
    return NULL;

  return SP_STORE (g_steal_pointer (&self));
}

static void
sp_sqlite_store_finalize (GObject *object)
{
  SpSqliteStore *self = SP_SQLITE_STORE (object);

  g_assert (self->depth == 0);

  for (guint i = 0; i < N_STATEMENTS; i++)
    g_clear_pointer (&self->statements[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);

  G_OBJECT_CLASS (sp_sqlite_store_parent_class)->finalize (object);
}

static void
sp_sqlite_store_class_init (SpSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_sqlite_store_finalize;
}

static void
sp_sqlite_store_iface_init (SpStoreInterface *iface)
{
  iface->transaction = sp_sqlite_store_transaction;
  iface->get = sp_sqlite_store_get;
  iface->put = sp_sqlite_store_put;
  iface->delete_record = sp_sqlite_store_delete_record;
  iface->list = sp_sqlite_store_list;
  iface->list_children = sp_sqlite_store_list_children;
  iface->get_history = sp_sqlite_store_get_history;
  iface->changes_since = sp_sqlite_store_changes_since;
  iface->get_last_seq = sp_sqlite_store_get_last_seq;
  iface->get_meta = sp_sqlite_store_get_meta;
  iface->set_meta = sp_sqlite_store_set_meta;
  iface->get_schema_version = sp_sqlite_store_get_schema_version;
  iface->append_log = sp_sqlite_store_append_log;
  iface->list_log = sp_sqlite_store_list_log;
  iface->get_private = sp_sqlite_store_get_private;
  iface->set_private = sp_sqlite_store_set_private;
  iface->count_children = sp_sqlite_store_count_children;
}

static void
sp_sqlite_store_init (SpSqliteStore *self)
{
}

/**
 * sp_sqlite_store_new:
 * @path: the database file, created if missing; ":memory:" for a private in-memory store
 * @error: return location for an error
 *
 * Opens one connection, in WAL mode, and migrates the schema to the current version, each
 * step in its own transaction.
 *
 * The store is used from one thread at a time. For another thread, open another store on the
 * same file: it sees every committed write, and its writes wait (up to 5 s) for the other's
 * transaction rather than fail.
 *
 * Errors: %SP_STORE_ERROR_SCHEMA_TOO_NEW for a file written by a newer version,
 * %SP_STORE_ERROR_CORRUPT for a file that is not a database or not ours,
 * %SP_STORE_ERROR_IO when it cannot be opened or written.
 *
 * Returns: (transfer full): the store, or %NULL
 */
SpStore *
sp_sqlite_store_new (const char  *path,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_store (path, SP_SQLITE_STORE_SCHEMA_VERSION, error);
}

gboolean
sp_sqlite_store_create_at_version (const char  *path,
                                   int          version,
                                   GError     **error)
{
  g_autoptr(SpStore) store = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (version >= 0 && version <= SP_SQLITE_STORE_SCHEMA_VERSION, FALSE);

  store = open_store (path, version, error);

  return store != NULL;
}
