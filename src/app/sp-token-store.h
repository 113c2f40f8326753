/* sp-token-store.h — the session token in the desktop keyring
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

const SecretSchema *sp_token_store_get_schema  (void);

void                sp_token_store_save_async   (const char           *server,
                                                 const char           *username,
                                                 const char           *token,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean            sp_token_store_save_finish  (GAsyncResult         *result,
                                                 GError              **error);
void                sp_token_store_lookup_async (const char           *server,
                                                 const char           *username,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char               *sp_token_store_lookup_finish (GAsyncResult        *result,
                                                  GError             **error);
void                sp_token_store_clear_async  (const char           *server,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean            sp_token_store_clear_finish (GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
