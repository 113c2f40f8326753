/* sp-outage-banner.h — "the server has been unreachable for a while", above the pages
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-sync.h"

G_BEGIN_DECLS

#define SP_TYPE_OUTAGE_BANNER (sp_outage_banner_get_type ())

G_DECLARE_FINAL_TYPE (SpOutageBanner, sp_outage_banner, SP, OUTAGE_BANNER, GtkWidget)

GtkWidget *sp_outage_banner_new          (SpSync         *sync);
gboolean   sp_outage_banner_get_revealed (SpOutageBanner *self);

G_END_DECLS
