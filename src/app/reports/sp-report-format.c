/* sp-report-format.c — the uppföljning's numbers as the user reads them
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In the user's locale (thousands grouped, decimal comma in Swedish), so the chart, the table
 * and the deviation report say a figure the same way.
 */

#define G_LOG_DOMAIN "sp-report-format"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-report-format.h"

/**
 * sp_report_format_kronor:
 *
 * Returns: (transfer full): "80 000 kr"
 */
char *
sp_report_format_kronor (gint64 sek)
{
  g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, sek);

  /* TRANSLATORS: an amount in Swedish kronor */
  return g_strdup_printf (_("%s kr"), number);
}

/**
 * sp_report_format_days:
 *
 * Returns: (transfer full): "3,5"
 */
char *
sp_report_format_days (double days)
{
  return g_strdup_printf ("%.1f", days);
}

/**
 * sp_report_format_share:
 * @tally: {"due", "in_time", "share"} of a report month
 *
 * Returns: (transfer full): "5 av 6", or "–" when nothing was due
 */
char *
sp_report_format_share (JsonObject *tally)
{
  gint64 due = json_object_get_int_member (tally, "due");

  if (due == 0)
    return g_strdup ("–");

  /* TRANSLATORS: how many clocks were kept in time, of how many */
  return g_strdup_printf (_("%d of %d"), (int) json_object_get_int_member (tally, "in_time"),
                          (int) due);
}
