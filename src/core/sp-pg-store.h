/* sp-pg-store.h — the PostgreSQL backend of SpStore
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_PG_STORE (sp_pg_store_get_type ())

G_DECLARE_FINAL_TYPE (SpPgStore, sp_pg_store, SP, PG_STORE, GObject)

SpStore  *sp_pg_store_new             (const char  *conninfo,
                                       GError     **error);
gboolean  sp_pg_store_is_conninfo     (const char  *database);
gboolean  sp_pg_store_import_sqlite   (SpPgStore   *self,
                                       const char  *sqlite_path,
                                       char       **report,
                                       GError     **error);

G_END_DECLS
