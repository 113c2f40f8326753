/* sp-pg-store-private.h — the connection, statements and schema of the PostgreSQL store
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "sp-pg-store.h"

G_BEGIN_DECLS

/* The schema version (table schema_version) sp_pg_store_new() migrates to. */
#define SP_PG_STORE_SCHEMA_VERSION 1

/* Every write transaction holds this transaction-scoped advisory lock from BEGIN to COMMIT:
 * writers of all server instances on one database take turns, as sqlite's BEGIN IMMEDIATE
 * makes them on one file (see "Several instances" in docs/architecture.md). */
#define SP_PG_STORE_WRITE_LOCK G_GINT64_CONSTANT (0x53616d706c616e01)
/* Held while a connection migrates the schema, so two instances starting at once do not. */
#define SP_PG_STORE_MIGRATION_LOCK G_GINT64_CONSTANT (0x53616d706c616e02)

/* Record statements bind $1 kind and $2 id. */
typedef enum
{
  SP_PG_STMT_GET,
  SP_PG_STMT_GET_STATE,
  SP_PG_STMT_NEXT_SEQ,
  SP_PG_STMT_LAST_SEQ,
  SP_PG_STMT_INSERT,
  SP_PG_STMT_UPDATE,
  SP_PG_STMT_ARCHIVE,
  SP_PG_STMT_DELETE_TERMS,
  SP_PG_STMT_INSERT_TERMS,
  SP_PG_STMT_LIST,
  SP_PG_STMT_LIST_TERM,
  SP_PG_STMT_LIST_CHILDREN,
  SP_PG_STMT_HISTORY,
  SP_PG_STMT_CHANGES,
  SP_PG_STMT_GET_META,
  SP_PG_STMT_SET_META,
  SP_PG_STMT_UNSET_META,
  SP_PG_STMT_APPEND_LOG,
  SP_PG_STMT_LIST_LOG,
  SP_PG_STMT_LIST_LOG_USER,
  SP_PG_STMT_LIST_LOG_PATIENT,
  SP_PG_STMT_GET_PRIVATE,
  SP_PG_STMT_SET_PRIVATE,
  SP_PG_STMT_UNSET_PRIVATE,
  SP_PG_STMT_COUNT_CHILDREN,
  SP_PG_N_STATEMENTS
} SpPgStatement;

/* The parameters of one statement: text, or binary for bodies. */
#define SP_PG_MAX_PARAMS 8

typedef struct
{
  const char *values[SP_PG_MAX_PARAMS];
  int         lengths[SP_PG_MAX_PARAMS];
  int         formats[SP_PG_MAX_PARAMS];
  char        numbers[SP_PG_MAX_PARAMS][24];
  int         n;
} SpPgParams;

void       sp_pg_params_text  (SpPgParams  *params,
                               const char  *value);
void       sp_pg_params_int   (SpPgParams  *params,
                               gint64       value);
void       sp_pg_params_bytes (SpPgParams  *params,
                               GBytes      *value);

struct _SpPgStore
{
  GObject   parent_instance;

  PGconn   *conn;
  /* Prepared statements belong to a session: a reconnection prepares them again. */
  gboolean  prepared[SP_PG_N_STATEMENTS];
  int       schema_version;
  /* Open transactions: 1 is the BEGIN, each further one a savepoint. */
  guint     depth;
  /* Whether the open transaction holds the write lock: a read transaction takes it at its
   * first write (sp_pg_lock_for_writing()). */
  gboolean  locked;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

void       sp_pg_set_error         (GError          **error,
                                    PGconn           *conn,
                                    const PGresult   *result,
                                    const char       *what);
gboolean   sp_pg_exec_simple       (SpPgStore        *self,
                                    const char       *sql,
                                    const char       *what,
                                    GError          **error);
PGresult  *sp_pg_exec              (SpPgStore        *self,
                                    SpPgStatement     which,
                                    SpPgParams       *params,
                                    GError          **error);
PGresult  *sp_pg_exec_names        (SpPgStore        *self,
                                    SpPgStatement     which,
                                    const char       *kind,
                                    const char       *id,
                                    GError          **error);
gboolean   sp_pg_ensure_connected  (SpPgStore        *self,
                                    GError          **error);
gboolean   sp_pg_ready             (SpPgStore        *self,
                                    GError          **error);
gboolean   sp_pg_set_corrupt_row   (GError          **error);
gboolean   sp_pg_get_int64         (const PGresult   *result,
                                    int               row,
                                    int               column,
                                    gint64           *out_value);
gboolean   sp_pg_lock_for_writing  (SpPgStore        *self,
                                    GError          **error);
gboolean   sp_pg_store_connect     (SpPgStore        *self,
                                    const char       *conninfo,
                                    int               target,
                                    GError          **error);

/* The operations beside the records (sp-pg-store-side.c). */
gboolean   sp_pg_store_get_meta       (SpStore      *store,
                                       const char   *key,
                                       char        **out_value,
                                       GError      **error);
gboolean   sp_pg_store_set_meta       (SpStore      *store,
                                       const char   *key,
                                       const char   *value,
                                       GError      **error);
gboolean   sp_pg_store_append_log     (SpStore      *store,
                                       gint64        number,
                                       const char   *patient_id,
                                       const char   *username,
                                       GBytes       *body,
                                       GError      **error);
gboolean   sp_pg_store_append_log_many (SpStore               *store,
                                        const SpStoreLogEntry *entries,
                                        guint                  n_entries,
                                        GError               **error);
GPtrArray *sp_pg_store_list_log       (SpStore      *store,
                                       const char   *patient_id,
                                       const char   *username,
                                       guint         offset,
                                       guint         limit,
                                       GError      **error);
gboolean   sp_pg_store_get_private    (SpStore      *store,
                                       const char   *kind,
                                       const char   *id,
                                       GBytes      **out_body,
                                       GError      **error);
gboolean   sp_pg_store_set_private    (SpStore      *store,
                                       const char   *kind,
                                       const char   *id,
                                       GBytes       *body,
                                       GError      **error);
gboolean   sp_pg_store_count_children (SpStore      *store,
                                       const char   *kind,
                                       const char   *parent_id,
                                       const char   *term,
                                       guint        *out_count,
                                       GError      **error);

/* Test hook: creates (or migrates) the schema in the database @conninfo names up to @version
 * only, so tests can fill it in that version's schema and check that opening it migrates. */
gboolean   sp_pg_store_create_at_version (const char  *conninfo,
                                          int          version,
                                          GError     **error);

G_END_DECLS
