/* sp-help-window.h — the user guide in a window of the app's own, when Yelp is not installed
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SP_TYPE_HELP_WINDOW (sp_help_window_get_type ())

G_DECLARE_FINAL_TYPE (SpHelpWindow, sp_help_window, SP, HELP_WINDOW, AdwWindow)

GtkWidget  *sp_help_window_new         (GtkWindow    *parent);
gboolean    sp_help_window_show_page   (SpHelpWindow *self,
                                        const char   *page_id);
const char *sp_help_window_get_page_id (SpHelpWindow *self);

G_END_DECLS
