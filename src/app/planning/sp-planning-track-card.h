/* sp-planning-track-card.h — the track of a planning basis and what it asks for next
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "sp-track.h"

G_BEGIN_DECLS

#define SP_TYPE_PLANNING_TRACK_CARD (sp_planning_track_card_get_type ())

G_DECLARE_FINAL_TYPE (SpPlanningTrackCard, sp_planning_track_card, SP, PLANNING_TRACK_CARD,
                      GtkBox)

gboolean sp_planning_track_card_show_saved   (SpPlanningTrackCard   *self,
                                              JsonObject            *planning,
                                              GDateTime             *now,
                                              GError               **error);
void     sp_planning_track_card_show_preview (SpPlanningTrackCard   *self,
                                              const SpRegionProfile *profile,
                                              GPtrArray             *answers,
                                              gboolean               withheld,
                                              GDateTime             *ready_at,
                                              GDateTime             *now);

G_END_DECLS
