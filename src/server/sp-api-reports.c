/* sp-api-reports.c — uppföljning: lead times and payment liability per municipality and month
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder: the report endpoints of issue #8 are built here.
 */

#define G_LOG_DOMAIN "sp-api-reports"

#include "config.h"

#include "sp-api.h"

const SpRoute *
sp_api_report_routes (guint *n_routes)
{
  *n_routes = 0;
  return NULL;
}
