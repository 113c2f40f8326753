/* sp-status-indicator.h — the connection state in the header bar
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-client.h"
#include "sp-sync.h"

G_BEGIN_DECLS

#define SP_TYPE_STATUS_INDICATOR (sp_status_indicator_get_type ())

G_DECLARE_FINAL_TYPE (SpStatusIndicator, sp_status_indicator, SP, STATUS_INDICATOR, GtkWidget)

char       *sp_status_indicator_format     (SpClientState      state,
                                            GDateTime         *offline_since,
                                            GDateTime         *now);
SpClient   *sp_status_indicator_get_client (SpStatusIndicator *self);
void        sp_status_indicator_set_client (SpStatusIndicator *self,
                                            SpClient          *client);
const char *sp_status_indicator_get_text   (SpStatusIndicator *self);
void        sp_status_indicator_set_sync   (SpStatusIndicator *self,
                                            SpSync            *sync);

G_END_DECLS
