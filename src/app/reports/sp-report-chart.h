/* sp-report-chart.h — bars of the monthly average days after ready, the threshold, the liability
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SP_TYPE_REPORT_CHART (sp_report_chart_get_type ())

G_DECLARE_FINAL_TYPE (SpReportChart, sp_report_chart, SP, REPORT_CHART, GtkWidget)

GtkWidget  *sp_report_chart_new             (void);
void        sp_report_chart_set_months      (SpReportChart *self,
                                             JsonArray     *months,
                                             double         threshold_days);
guint       sp_report_chart_get_n_bars      (SpReportChart *self);
const char *sp_report_chart_get_description (SpReportChart *self);

G_END_DECLS
