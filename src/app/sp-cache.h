/* sp-cache.h — the app's local copy of what the server sent, in an SpStore
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The size of the key that seals the bodies (libsodium's crypto_secretbox_KEYBYTES). */
#define SP_CACHE_KEY_SIZE 32

#define SP_CACHE_ERROR (sp_cache_error_quark ())

typedef enum
{
  SP_CACHE_ERROR_UNREADABLE,  /* a body does not open under the key */
} SpCacheError;

#define SP_TYPE_CACHE (sp_cache_get_type ())

G_DECLARE_FINAL_TYPE (SpCache, sp_cache, SP, CACHE, GObject)

GQuark      sp_cache_error_quark          (void);
char       *sp_cache_path_for_server      (const char           *server_url);

SpCache    *sp_cache_new                  (const char           *path,
                                           GBytes               *key);
const char *sp_cache_get_path             (SpCache              *self);
gint64      sp_cache_get_cursor           (SpCache              *self);

void        sp_cache_open_async           (SpCache              *self,
                                           const char           *username,
                                           JsonNode             *profile,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    sp_cache_open_finish          (SpCache              *self,
                                           GAsyncResult         *result,
                                           JsonNode            **out_profile,
                                           GError              **error);
void        sp_cache_apply_changes_async  (SpCache              *self,
                                           JsonNode             *page,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
void        sp_cache_apply_text_async     (SpCache              *self,
                                           GPtrArray            *pages,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    sp_cache_apply_changes_finish (SpCache              *self,
                                           GAsyncResult         *result,
                                           guint                *out_n_changed,
                                           gboolean             *out_more,
                                           GError              **error);
void        sp_cache_save_rows_async      (SpCache              *self,
                                           GPtrArray            *rows,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    sp_cache_save_rows_finish     (SpCache              *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        sp_cache_load_rows_async      (SpCache              *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray  *sp_cache_load_rows_finish     (SpCache              *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        sp_cache_load_unit_names_async  (SpCache            *self,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
GHashTable *sp_cache_load_unit_names_finish (SpCache            *self,
                                             GAsyncResult       *result,
                                             GError            **error);
void        sp_cache_load_record_async    (SpCache              *self,
                                           const char           *kind,
                                           const char           *id,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
JsonNode   *sp_cache_load_record_finish   (SpCache              *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        sp_cache_load_records_async   (SpCache              *self,
                                           const char           *kind,
                                           const char           *parent_id,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray  *sp_cache_load_records_finish  (SpCache              *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        sp_cache_delete_async         (SpCache              *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    sp_cache_delete_finish        (SpCache              *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        sp_cache_outbox_write_async   (SpCache              *self,
                                           GPtrArray            *put,
                                           const char * const   *remove,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    sp_cache_outbox_write_finish  (SpCache              *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        sp_cache_outbox_load_async    (SpCache              *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray  *sp_cache_outbox_load_finish   (SpCache              *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        sp_cache_save_draft_async     (SpCache              *self,
                                           const char           *kind,
                                           const char           *id,
                                           JsonNode             *draft,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    sp_cache_save_draft_finish    (SpCache              *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        sp_cache_load_draft_async     (SpCache              *self,
                                           const char           *kind,
                                           const char           *id,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
JsonNode   *sp_cache_load_draft_finish    (SpCache              *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
