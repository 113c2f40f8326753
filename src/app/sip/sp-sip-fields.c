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
#include "sp-ui-util.h"

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
  g_autofree char *text = sp_ui_dup_text (editable);
  GDateTime *time = text != NULL ? sp_sip_fields_parse_time (text) : NULL;
  gboolean ok = text == NULL || time != NULL;

  sp_ui_set_error_style (GTK_WIDGET (editable), !ok);

  *out_time = time;
  return ok;
}
