/* sp-calendar.h — Swedish wall-clock time, weekdays and days off
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_CALENDAR_MIN_YEAR 1900
#define SP_CALENDAR_MAX_YEAR 2100

/* A Swedish public holiday or customary day off (midsommarafton, julafton, nyårsafton).
 * sp_calendar_get_days_off() returns them in a GArray of this element type, freed with
 * g_array_unref(); the names are static and never freed. Two days off on one date are one
 * element whose name joins both: "Pingstdagen, Sveriges nationaldag". */
typedef struct
{
  GDate       date;
  const char *name; /* Swedish, static: "Juldagen" */
} SpHoliday;

GTimeZone  *sp_calendar_get_timezone      (void);
GDateTime  *sp_calendar_dup_now           (void);
GDateTime  *sp_calendar_to_local          (GDateTime   *time);
void        sp_calendar_get_local_date    (GDateTime   *time,
                                           GDate       *out_date);
GDateTime  *sp_calendar_start_of_day      (const GDate *date);

GArray     *sp_calendar_get_days_off      (int          year);
const char *sp_calendar_get_day_off_name  (const GDate *date);
gboolean    sp_calendar_is_day_off        (const GDate *date);
gboolean    sp_calendar_is_weekday        (const GDate *date);
guint       sp_calendar_count_weekdays    (const GDate *from,
                                           const GDate *to);
GDateTime  *sp_calendar_add_weekday_hours (GDateTime   *start,
                                           guint        hours);
void        sp_calendar_get_easter_sunday (int          year,
                                           GDate       *out_date);

G_END_DECLS
