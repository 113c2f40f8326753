/* sp-rate-limiter.h — failed sign-ins per user and per address, counted in the store
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_RATE_LIMITER (sp_rate_limiter_get_type ())

G_DECLARE_FINAL_TYPE (SpRateLimiter, sp_rate_limiter, SP, RATE_LIMITER, GObject)

SpRateLimiter *sp_rate_limiter_new     (guint           max_failures,
                                        gint64          window_seconds);
gboolean       sp_rate_limiter_check   (SpRateLimiter  *self,
                                        SpStore        *store,
                                        const char     *key,
                                        gint64          now,
                                        gint64         *out_retry_after,
                                        GError        **error);
gboolean       sp_rate_limiter_fail    (SpRateLimiter  *self,
                                        SpStore        *store,
                                        const char     *key,
                                        gint64          now,
                                        GError        **error);
gboolean       sp_rate_limiter_forgive (SpRateLimiter  *self,
                                        SpStore        *store,
                                        const char     *key,
                                        gint64          now,
                                        GError        **error);
gboolean       sp_rate_limiter_reset   (SpRateLimiter  *self,
                                        SpStore        *store,
                                        const char     *key,
                                        gint64          now,
                                        GError        **error);

G_END_DECLS
