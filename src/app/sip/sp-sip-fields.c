/* sp-sip-fields.c — reading and showing the SIP editor's dates and times
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Meeting and follow-up times are typed as Stockholm wall-clock time ("2026-12-10 13:00"),
 * whatever the machine's zone (DOMAIN §7).
 */

#define G_LOG_DOMAIN "sp-sip-fields"

#include "config.h"

#include <stdio.h>

#include "sp-calendar.h"
#include "sp-sip-fields.h"

/**
 * sp_sip_fields_parse_time:
 * @text: "YYYY-MM-DD HH:MM", Stockholm time
 *
 * Returns: (transfer full) (nullable): the instant, or %NULL if @text is not one
 */
GDateTime *
sp_sip_fields_parse_time (const char *text)
{
  int year, month, day, hour, minute;
  char end;

  if (text == NULL ||
      sscanf (text, "%d-%d-%d %d:%d%c", &year, &month, &day, &hour, &minute, &end) != 5 ||
      !g_date_valid_dmy (day, month, year) || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59)
    return NULL;

  return g_date_time_new (sp_calendar_get_timezone (), year, month, day, hour, minute, 0);
}

/**
 * sp_sip_fields_format_time:
 *
 * Returns: (transfer full): @time as "YYYY-MM-DD HH:MM" in Stockholm; "" for %NULL
 */
char *
sp_sip_fields_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = sp_calendar_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * sp_sip_fields_dup_text:
 *
 * Returns: (transfer full) (nullable): the trimmed text, %NULL when blank
 */
char *
sp_sip_fields_dup_text (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

void
sp_sip_fields_set_text (GtkEditable *editable,
                        const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

/**
 * sp_sip_fields_check_time:
 * @out_time: (out) (transfer full) (nullable): the time typed, %NULL when blank
 *
 * Reads a time field and marks it when it cannot be read.
 *
 * Returns: %FALSE if the field holds something that is not a time
 */
gboolean
sp_sip_fields_check_time (GtkEditable  *editable,
                          GDateTime   **out_time)
{
  g_autofree char *text = sp_sip_fields_dup_text (editable);
  GDateTime *time = text != NULL ? sp_sip_fields_parse_time (text) : NULL;
  gboolean ok = text == NULL || time != NULL;

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");

  *out_time = time;
  return ok;
}
