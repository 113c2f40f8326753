/* sp-server-private.h — what handlers may use of SpServer beyond its public API
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-lru-cache.h"
#include "sp-rate-limiter.h"
#include "sp-server.h"

G_BEGIN_DECLS

SpRateLimiter *sp_server_get_limiter     (SpServer *self,
                                          gboolean  by_address);
char          *sp_server_dup_client_address (SpServer          *self,
                                             SoupServerMessage *msg);
gpointer       sp_server_lookup_parsed   (SpServer *self,
                                          SpRecord *record);
void           sp_server_remember_parsed (SpServer *self,
                                          SpRecord *record,
                                          gpointer  object);
SpLruCache    *sp_server_get_row_cache   (SpServer       *self,
                                          guint           capacity,
                                          GDestroyNotify  value_free);

G_END_DECLS
