/* sp-lru-cache.h — a bounded map from strings to values, least recently used dropped first
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SpLruCache SpLruCache;

SpLruCache *sp_lru_cache_new      (guint           capacity,
                                   GDestroyNotify  value_free);
void        sp_lru_cache_free     (SpLruCache     *self);
gpointer    sp_lru_cache_lookup   (SpLruCache     *self,
                                   const char     *key);
void        sp_lru_cache_insert   (SpLruCache     *self,
                                   const char     *key,
                                   gpointer        value);
guint       sp_lru_cache_get_size (SpLruCache     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpLruCache, sp_lru_cache_free)

G_END_DECLS
