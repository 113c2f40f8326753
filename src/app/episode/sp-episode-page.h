/* sp-episode-page.h — one episode: patient card, units, timeline, actions
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"

G_BEGIN_DECLS

#define SP_TYPE_EPISODE_PAGE (sp_episode_page_get_type ())

G_DECLARE_FINAL_TYPE (SpEpisodePage, sp_episode_page, SP, EPISODE_PAGE, AdwBin)

GtkWidget  *sp_episode_page_new            (SpAccount     *account,
                                           const char    *episode_id);
const char *sp_episode_page_get_episode_id (SpEpisodePage *self);
const char *sp_episode_page_get_title      (SpEpisodePage *self);

G_END_DECLS
