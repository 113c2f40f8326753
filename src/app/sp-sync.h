/* sp-sync.h — keeps the overview rows and the local copy up to date with the server
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sp-cache.h"
#include "sp-client.h"
#include "sp-outbox.h"

G_BEGIN_DECLS

/**
 * SpSyncRowFunc:
 * @row: one overview row of GET /api/v1/episodes
 * @user_data: the data given to sp_sync_new()
 * @error: return location for an error
 *
 * Makes the model's item for @row.
 *
 * Returns: (transfer full): an item of the model's item type, or %NULL with @error set
 */
typedef gpointer (*SpSyncRowFunc) (JsonNode  *row,
                                   gpointer   user_data,
                                   GError   **error);

/**
 * SpSyncUpdateFunc:
 * @item: an item of the model
 * @newer: a newer item of the same row, made by the #SpSyncRowFunc
 *
 * Makes @item show what @newer does, so the model need not change at all.
 */
typedef void (*SpSyncUpdateFunc) (gpointer item,
                                  gpointer newer);

#define SP_TYPE_SYNC (sp_sync_get_type ())

G_DECLARE_FINAL_TYPE (SpSync, sp_sync, SP, SYNC, GObject)

SpSync     *sp_sync_new           (SpClient         *client,
                                   SpCache          *cache,
                                   GType             item_type,
                                   SpSyncRowFunc     row_func,
                                   SpSyncUpdateFunc  update_func,
                                   gpointer          user_data);
const char *sp_sync_get_unit_name (SpSync           *self,
                                   const char       *unit_id);
GListModel *sp_sync_get_model     (SpSync           *self);
guint       sp_sync_get_unread    (SpSync           *self);
guint       sp_sync_get_interval  (SpSync           *self);
void        sp_sync_set_interval  (SpSync           *self,
                                   guint             seconds);
void        sp_sync_start         (SpSync           *self);
void        sp_sync_stop          (SpSync           *self);
void        sp_sync_refresh       (SpSync           *self);
void        sp_sync_set_outbox    (SpSync           *self,
                                   SpOutbox         *outbox);
SpOutbox   *sp_sync_get_outbox    (SpSync           *self);
SpClient   *sp_sync_get_client    (SpSync           *self);
guint       sp_sync_get_push_total (SpSync          *self);
guint       sp_sync_get_push_done (SpSync           *self);
const char *sp_sync_get_last_error (SpSync          *self);

G_END_DECLS
