/* sp-overview-model.h — the overview's rows, sorted and filtered in one pass
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-episode-summary.h"

G_BEGIN_DECLS

#define SP_TYPE_OVERVIEW_ROW (sp_overview_row_get_type ())

G_DECLARE_FINAL_TYPE (SpOverviewRow, sp_overview_row, SP, OVERVIEW_ROW, GObject)

SpEpisodeSummary *sp_overview_row_get_summary (SpOverviewRow *self);

#define SP_TYPE_OVERVIEW_MODEL (sp_overview_model_get_type ())

/* A row's place in an order, as a number (see sp_overview_model_set_sort_key ()). */
typedef gint64 (*SpOverviewSortKeyFunc) (gpointer item);

G_DECLARE_FINAL_TYPE (SpOverviewModel, sp_overview_model, SP, OVERVIEW_MODEL, GObject)

SpOverviewModel *sp_overview_model_new          (GtkSorter       *sorter,
                                                 GtkFilter       *filter);
void             sp_overview_model_set_model    (SpOverviewModel *self,
                                                 GListModel      *model);
void             sp_overview_model_set_sort_key (SpOverviewModel *self,
                                                 SpOverviewSortKeyFunc key_func);
GtkFilter       *sp_overview_model_get_filter   (SpOverviewModel *self);
guint            sp_overview_model_get_n_total  (SpOverviewModel *self);
guint            sp_overview_model_find         (SpOverviewModel *self,
                                                 const char      *episode_id);

G_END_DECLS
