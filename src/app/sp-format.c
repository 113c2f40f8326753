/* sp-format.c — times as the app shows them: Stockholm wall-clock time
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule works in Europe/Stockholm whatever the machine's zone (DOMAIN §7), so every
 * time on screen is shown there too.
 */

#define G_LOG_DOMAIN "sp-format"

#include "config.h"

#include "sp-calendar.h"
#include "sp-format.h"

/**
 * sp_format_time:
 * @time: (nullable): an instant
 *
 * Returns: (transfer full): @time as Stockholm wall-clock time, "2026-03-10 09:30"; "" for
 *   %NULL
 */
char *
sp_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = sp_calendar_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
