/* sp-reports-page.h — Uppföljning: lead times, liability and deadlines per municipality and month
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"

G_BEGIN_DECLS

#define SP_TYPE_REPORTS_PAGE (sp_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (SpReportsPage, sp_reports_page, SP, REPORTS_PAGE, AdwBin)

GtkWidget *sp_reports_page_new (SpAccount *account);

G_END_DECLS
