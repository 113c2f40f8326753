/* sp-client.h — the Samplan server's JSON API over HTTP
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SP_CLIENT_ERROR (sp_client_error_quark ())

/* How a request failed; the message is always one a user can read (the server's Swedish
 * "message", or ours). sp_client_error_get_code () and _get_field () give the server's
 * machine-readable details. */
typedef enum
{
  SP_CLIENT_ERROR_OFFLINE,       /* the server could not be reached */
  SP_CLIENT_ERROR_UNAUTHORIZED,  /* 401: not signed in, expired, or wrong password */
  SP_CLIENT_ERROR_FORBIDDEN,     /* 403 */
  SP_CLIENT_ERROR_NOT_FOUND,     /* 404 */
  SP_CLIENT_ERROR_CONFLICT,      /* 409: see sp_client_error_get_current () */
  SP_CLIENT_ERROR_INVALID,       /* any other 4xx: the request was refused as it was */
  SP_CLIENT_ERROR_RATE_LIMITED,  /* 429 */
  SP_CLIENT_ERROR_SERVER,        /* 5xx from the Samplan server */
  SP_CLIENT_ERROR_PROTOCOL,      /* an answer that is not the Samplan API's */
} SpClientError;

/* What the header bar shows; SYNCING while a request is under way and the server answers. */
typedef enum
{
  SP_CLIENT_STATE_OFFLINE,
  SP_CLIENT_STATE_ONLINE,
  SP_CLIENT_STATE_SYNCING,
} SpClientState;

#define SP_TYPE_CLIENT_STATE (sp_client_state_get_type ())
#define SP_TYPE_CLIENT (sp_client_get_type ())

G_DECLARE_FINAL_TYPE (SpClient, sp_client, SP, CLIENT, GObject)

GQuark         sp_client_error_quark        (void);
GType          sp_client_state_get_type     (void) G_GNUC_CONST;

guint          sp_client_error_get_status   (const GError         *error);
const char    *sp_client_error_get_code     (const GError         *error);
const char    *sp_client_error_get_field    (const GError         *error);
JsonNode      *sp_client_error_get_current  (const GError         *error);

SpClient      *sp_client_new                (const char           *base_url);
const char    *sp_client_get_base_url       (SpClient             *self);
const char    *sp_client_get_token          (SpClient             *self);
void           sp_client_set_token          (SpClient             *self,
                                             const char           *token);
const char    *sp_client_get_unit           (SpClient             *self);
void           sp_client_set_unit           (SpClient             *self,
                                             const char           *unit_id);
SpClientState  sp_client_get_state          (SpClient             *self);
GDateTime     *sp_client_get_offline_since  (SpClient             *self);
void           sp_client_hold               (SpClient             *self);
void           sp_client_release            (SpClient             *self);

void           sp_client_send_async         (SpClient             *self,
                                             const char           *method,
                                             const char           *path,
                                             GHashTable           *query,
                                             JsonNode             *body,
                                             const char           *idempotency_key,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonNode      *sp_client_send_finish        (SpClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);

void           sp_client_sign_in_async      (SpClient             *self,
                                             const char           *username,
                                             const char           *password,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonNode      *sp_client_sign_in_finish     (SpClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void           sp_client_sign_out_async     (SpClient             *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       sp_client_sign_out_finish    (SpClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void           sp_client_get_me_async       (SpClient             *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonNode      *sp_client_get_me_finish      (SpClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void           sp_client_list_episodes_async  (SpClient           *self,
                                               GHashTable         *query,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
JsonNode      *sp_client_list_episodes_finish (SpClient           *self,
                                               GAsyncResult       *result,
                                               GError            **error);
void           sp_client_list_inbox_async   (SpClient             *self,
                                             guint                 offset,
                                             guint                 limit,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonNode      *sp_client_list_inbox_finish  (SpClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void           sp_client_get_changes_async  (SpClient             *self,
                                             gint64                since,
                                             guint                 limit,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonNode      *sp_client_get_changes_finish (SpClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void           sp_client_get_changes_text_async  (SpClient             *self,
                                                  gint64                since,
                                                  guint                 limit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes        *sp_client_get_changes_text_finish (SpClient             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
