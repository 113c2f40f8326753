/* sp-overview-page.h — the SPU overview ("Översikt"): every episode of the unit, filtered
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-outbox.h"

G_BEGIN_DECLS

#define SP_TYPE_OVERVIEW_PAGE (sp_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (SpOverviewPage, sp_overview_page, SP, OVERVIEW_PAGE, GtkWidget)

GtkWidget  *sp_overview_page_new       (void);
GListModel *sp_overview_page_get_model (SpOverviewPage *self);
void        sp_overview_page_set_model (SpOverviewPage *self,
                                        GListModel     *model);
void        sp_overview_page_filter_deadline (SpOverviewPage *self,
                                              const char     *kind);
void        sp_overview_page_set_outbox (SpOverviewPage *self,
                                         SpOutbox       *outbox);

G_END_DECLS
