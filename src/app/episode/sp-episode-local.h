/* sp-episode-local.h — the episode page from the local copy
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *sp_episode_local_thread (JsonObject *rendering,
                                   GPtrArray  *messages);

G_END_DECLS
