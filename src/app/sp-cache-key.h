/* sp-cache-key.h — the key that seals the local copy, kept in the desktop keyring
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void    sp_cache_key_load_async  (const char           *server,
                                  const char           *username,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
GBytes *sp_cache_key_load_finish (GAsyncResult         *result,
                                  GError              **error);

G_END_DECLS
