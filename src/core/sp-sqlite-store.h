/* sp-sqlite-store.h — the sqlite backend of SpStore
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_SQLITE_STORE (sp_sqlite_store_get_type ())

G_DECLARE_FINAL_TYPE (SpSqliteStore, sp_sqlite_store, SP, SQLITE_STORE, GObject)

SpStore *sp_sqlite_store_new              (const char     *path,
                                           GError        **error);
gboolean sp_sqlite_store_tune_for_serving (SpSqliteStore  *self,
                                           GError        **error);
gboolean sp_sqlite_store_set_cache_size   (SpSqliteStore  *self,
                                           guint           kib,
                                           GError        **error);

G_END_DECLS
