/* sp-track-chip.h — placeholder: a helper is writing this
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_TRACK_CHIP (sp_track_chip_get_type ())

G_DECLARE_FINAL_TYPE (SpTrackChip, sp_track_chip, SP, TRACK_CHIP, GtkWidget)

G_END_DECLS
