/* sp-episode-rendering.h — the core's episode, read back from the server's rendering
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-episode.h"

G_BEGIN_DECLS

SpEpisode *sp_episode_new_from_rendering (JsonObject  *rendering,
                                          GError     **error);

G_END_DECLS
