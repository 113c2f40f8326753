/* sp-idempotency.h — a write's Idempotency-Key and the answer it got
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-request.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_IDEMPOTENCY_MAX_KEY 128

gboolean sp_idempotency_replay (SpStore    *store,
                                SpRequest  *request,
                                GError    **error);
gboolean sp_idempotency_save   (SpStore    *store,
                                SpRequest  *request,
                                GError    **error);

G_END_DECLS
