/* sp-store.h — the narrow interface of a versioned record store
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-record.h"

G_BEGIN_DECLS

#define SP_STORE_ERROR (sp_store_error_quark ())

/* The nicks are the "code" of API errors. */
typedef enum /*< prefix=SP_STORE_ERROR >*/
{
  SP_STORE_ERROR_NOT_FOUND,      /*< nick=not_found >*/
  SP_STORE_ERROR_CONFLICT,       /*< nick=conflict >*/
  SP_STORE_ERROR_EXISTS,         /*< nick=exists >*/
  SP_STORE_ERROR_IO,             /*< nick=io >*/
  SP_STORE_ERROR_CORRUPT,        /*< nick=corrupt >*/
  SP_STORE_ERROR_SCHEMA_TOO_NEW, /*< nick=schema_too_new >*/
  SP_STORE_ERROR_INVALID,        /*< nick=invalid >*/
} SpStoreError;

/* Kinds, ids, parent ids and meta keys: 1 to this many bytes of UTF-8. */
#define SP_STORE_MAX_NAME_LENGTH 128
/* Index terms hold a prefix and an id ("patient:p1"), so they may be longer. */
#define SP_STORE_MAX_TERM_LENGTH 256

#define SP_TYPE_STORE (sp_store_get_type ())

G_DECLARE_INTERFACE (SpStore, sp_store, SP, STORE, GObject)

/**
 * SpStoreFunc:
 * @store: the store the transaction runs on
 * @user_data: the data given to sp_store_transaction()
 * @error: return location for the error that aborts the transaction
 *
 * Returns: %TRUE to commit, %FALSE with @error set to roll everything back
 */
typedef gboolean (*SpStoreFunc) (SpStore   *store,
                                 gpointer   user_data,
                                 GError   **error);

/**
 * SpStoreLogEntry:
 * @number: the entry's number (see sp_store_append_log())
 * @patient_id: (nullable): whom the entry concerns
 * @username: (nullable): who acted
 * @body: the entry
 *
 * One entry of sp_store_append_log_many().
 */
typedef struct
{
  gint64      number;
  const char *patient_id;
  const char *username;
  GBytes     *body;
} SpStoreLogEntry;

/**
 * SpStoreInterface:
 *
 * The backend's operations. The public wrappers have checked every argument (names, limits,
 * revisions) before a backend is called, so backends only store. New operations (idempotency
 * keys, the audit log) are appended at the end, with a checking wrapper in sp-store.c.
 */
struct _SpStoreInterface
{
  GTypeInterface parent_iface;

  gboolean    (*transaction)        (SpStore             *self,
                                     SpStoreFunc          func,
                                     gpointer             user_data,
                                     GError             **error);
  SpRecord   *(*get)                (SpStore             *self,
                                     const char          *kind,
                                     const char          *id,
                                     GError             **error);
  SpRecord   *(*put)                (SpStore             *self,
                                     const char          *kind,
                                     const char          *id,
                                     const char          *parent_id,
                                     GBytes              *body,
                                     gint64               base_revision,
                                     const char * const  *terms,
                                     GError             **error);
  SpRecord   *(*delete_record)      (SpStore             *self,
                                     const char          *kind,
                                     const char          *id,
                                     gint64               base_revision,
                                     GError             **error);
  GPtrArray  *(*list)               (SpStore             *self,
                                     const char          *kind,
                                     const char          *term,
                                     guint                offset,
                                     guint                limit,
                                     GError             **error);
  GPtrArray  *(*list_children)      (SpStore             *self,
                                     const char          *kind,
                                     const char          *parent_id,
                                     guint                offset,
                                     guint                limit,
                                     GError             **error);
  GPtrArray  *(*get_history)        (SpStore             *self,
                                     const char          *kind,
                                     const char          *id,
                                     GError             **error);
  GPtrArray  *(*changes_since)      (SpStore             *self,
                                     gint64               seq,
                                     guint                limit,
                                     GError             **error);
  gint64      (*get_last_seq)       (SpStore             *self,
                                     GError             **error);
  gboolean    (*get_meta)           (SpStore             *self,
                                     const char          *key,
                                     char               **out_value,
                                     GError             **error);
  gboolean    (*set_meta)           (SpStore             *self,
                                     const char          *key,
                                     const char          *value,
                                     GError             **error);
  int         (*get_schema_version) (SpStore             *self);
  gboolean    (*append_log)         (SpStore             *self,
                                     gint64               number,
                                     const char          *patient_id,
                                     const char          *username,
                                     GBytes              *body,
                                     GError             **error);
  GPtrArray  *(*list_log)           (SpStore             *self,
                                     const char          *patient_id,
                                     const char          *username,
                                     guint                offset,
                                     guint                limit,
                                     GError             **error);
  gboolean    (*get_private)        (SpStore             *self,
                                     const char          *kind,
                                     const char          *id,
                                     GBytes             **out_body,
                                     GError             **error);
  gboolean    (*set_private)        (SpStore             *self,
                                     const char          *kind,
                                     const char          *id,
                                     GBytes              *body,
                                     GError             **error);
  gboolean    (*count_children)     (SpStore             *self,
                                     const char          *kind,
                                     const char          *parent_id,
                                     const char          *term,
                                     guint               *out_count,
                                     GError             **error);
  /* Optional: without them, sp_store_append_log_many() appends one by one and
   * sp_store_read_transaction() is sp_store_transaction(). */
  gboolean    (*append_log_many)    (SpStore               *self,
                                     const SpStoreLogEntry *entries,
                                     guint                  n_entries,
                                     GError               **error);
  gboolean    (*read_transaction)   (SpStore             *self,
                                     SpStoreFunc          func,
                                     gpointer             user_data,
                                     GError             **error);
};

GQuark      sp_store_error_quark        (void);

SpStore    *sp_store_open_for_uri       (const char         *database,
                                         GError            **error);

gboolean    sp_store_transaction        (SpStore            *self,
                                         SpStoreFunc         func,
                                         gpointer            user_data,
                                         GError            **error);
gboolean    sp_store_read_transaction   (SpStore            *self,
                                         SpStoreFunc         func,
                                         gpointer            user_data,
                                         GError            **error);
SpRecord   *sp_store_get                (SpStore            *self,
                                         const char         *kind,
                                         const char         *id,
                                         GError            **error);
SpRecord   *sp_store_put                (SpStore            *self,
                                         const char         *kind,
                                         const char         *id,
                                         const char         *parent_id,
                                         GBytes             *body,
                                         gint64              base_revision,
                                         const char * const *terms,
                                         GError            **error);
SpRecord   *sp_store_delete             (SpStore            *self,
                                         const char         *kind,
                                         const char         *id,
                                         gint64              base_revision,
                                         GError            **error);
GPtrArray  *sp_store_list               (SpStore            *self,
                                         const char         *kind,
                                         const char         *term,
                                         guint               offset,
                                         guint               limit,
                                         GError            **error);
GPtrArray  *sp_store_list_children      (SpStore            *self,
                                         const char         *kind,
                                         const char         *parent_id,
                                         guint               offset,
                                         guint               limit,
                                         GError            **error);
GPtrArray  *sp_store_get_history        (SpStore            *self,
                                         const char         *kind,
                                         const char         *id,
                                         GError            **error);
GPtrArray  *sp_store_changes_since      (SpStore            *self,
                                         gint64              seq,
                                         guint               limit,
                                         GError            **error);
gint64      sp_store_get_last_seq       (SpStore            *self,
                                         GError            **error);
gboolean    sp_store_get_meta           (SpStore            *self,
                                         const char         *key,
                                         char              **out_value,
                                         GError            **error);
gboolean    sp_store_set_meta           (SpStore            *self,
                                         const char         *key,
                                         const char         *value,
                                         GError            **error);
int         sp_store_get_schema_version (SpStore            *self);

gboolean    sp_store_append_log         (SpStore            *self,
                                         gint64              number,
                                         const char         *patient_id,
                                         const char         *username,
                                         GBytes             *body,
                                         GError            **error);
gboolean    sp_store_append_log_many    (SpStore               *self,
                                         const SpStoreLogEntry *entries,
                                         guint                  n_entries,
                                         GError               **error);
GPtrArray  *sp_store_list_log           (SpStore            *self,
                                         const char         *patient_id,
                                         const char         *username,
                                         guint               offset,
                                         guint               limit,
                                         GError            **error);
gboolean    sp_store_get_private        (SpStore            *self,
                                         const char         *kind,
                                         const char         *id,
                                         GBytes            **out_body,
                                         GError            **error);
gboolean    sp_store_set_private        (SpStore            *self,
                                         const char         *kind,
                                         const char         *id,
                                         GBytes             *body,
                                         GError            **error);
gboolean    sp_store_count_children     (SpStore            *self,
                                         const char         *kind,
                                         const char         *parent_id,
                                         const char         *term,
                                         guint              *out_count,
                                         GError            **error);

G_END_DECLS
