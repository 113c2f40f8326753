/* sp-deadline-monitor.h — how many clocks are overdue, per kind, on the overview
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-episode-summary.h"

G_BEGIN_DECLS

#define SP_TYPE_DEADLINE_MONITOR (sp_deadline_monitor_get_type ())

G_DECLARE_FINAL_TYPE (SpDeadlineMonitor, sp_deadline_monitor, SP, DEADLINE_MONITOR, AdwBin)

GtkWidget *sp_deadline_monitor_new       (GListModel        *model);
guint      sp_deadline_monitor_get_count (SpDeadlineMonitor *self,
                                          const char        *kind);
gboolean   sp_deadline_monitor_matches   (SpEpisodeSummary  *summary,
                                          const char        *kind);

G_END_DECLS
