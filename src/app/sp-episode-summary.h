/* sp-episode-summary.h — placeholder: a helper is writing this
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_EPISODE_SUMMARY (sp_episode_summary_get_type ())

G_DECLARE_FINAL_TYPE (SpEpisodeSummary, sp_episode_summary, SP, EPISODE_SUMMARY, GObject)

G_END_DECLS
