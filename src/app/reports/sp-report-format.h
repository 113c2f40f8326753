/* sp-report-format.h — the uppföljning's numbers as the user reads them
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *sp_report_format_kronor (gint64      sek);
char *sp_report_format_days   (double      days);
char *sp_report_format_share  (JsonObject *tally);

G_END_DECLS
