/* sp-track-chip.h — a colour track (färgspår) as a labelled chip
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-types.h"

G_BEGIN_DECLS

#define SP_TYPE_TRACK_CHIP (sp_track_chip_get_type ())

G_DECLARE_FINAL_TYPE (SpTrackChip, sp_track_chip, SP, TRACK_CHIP, GtkWidget)

GtkWidget  *sp_track_chip_new       (SpTrack      track);
SpTrack     sp_track_chip_get_track (SpTrackChip *self);
void        sp_track_chip_set_track (SpTrackChip *self,
                                     SpTrack      track);

const char *sp_track_chip_get_name  (SpTrack      track);

G_END_DECLS
