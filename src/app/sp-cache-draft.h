/* sp-cache-draft.h — keeping an editor's draft in the local copy, whatever happens next
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-cache.h"

G_BEGIN_DECLS

void sp_cache_keep_draft (SpCache    *cache,
                          const char *kind,
                          const char *id,
                          JsonNode   *draft);
GAsyncReadyCallback sp_cache_forget_draft_when_kept (SpCache    *cache,
                                                     const char *kind,
                                                     const char *id,
                                                     gpointer   *out_user_data);

G_END_DECLS
