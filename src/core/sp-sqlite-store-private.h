/* sp-sqlite-store-private.h — sqlite helpers and test hooks of the sqlite store
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sp-sqlite-store.h"

G_BEGIN_DECLS

/* The schema version (PRAGMA user_version) sp_sqlite_store_new() migrates to. */
#define SP_SQLITE_STORE_SCHEMA_VERSION 5

/* For one-off statements; cached ones are reset, not finalized. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Test hook: creates (or migrates) the database at @path up to @version only, so tests can
 * fill it in that version's schema and check that opening it migrates without loss. */
gboolean sp_sqlite_store_create_at_version (const char  *path,
                                            int          version,
                                            GError     **error);

G_END_DECLS
