/* sp-overview-page.h — placeholder: a helper is writing this
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_OVERVIEW_PAGE (sp_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (SpOverviewPage, sp_overview_page, SP, OVERVIEW_PAGE, GtkWidget)

G_END_DECLS
