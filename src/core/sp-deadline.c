/* sp-deadline.c — the clocks of DOMAIN §7: day 0, days after ready, due times
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-deadline"

#include "config.h"

#include "sp-calendar.h"
#include "sp-deadline.h"

/* A ready notice sent at or after this local hour counts from the next day (§5). */
#define READY_CUTOFF_HOUR 12

/* Lag (2017:612): the SIP invitation within three days of the ready notice (§10). */
#define SIP_INVITATION_LEGAL_DAYS 3

/* Västerbotten: SIP meeting or follow-up at the latest 4 weeks after discharge (§7). */
#define SIP_MEETING_DAYS 28

/* "By the end of @date + @days": 00:00 Stockholm time of the day after. */
static GDateTime *
get_end_of_day (const GDate *date,
                guint        days)
{
  GDate next = *date;

  g_date_add_days (&next, days + 1);

  return sp_calendar_start_of_day (&next);
}

static GDateTime *
get_end_of_local_day (GDateTime *time,
                      guint      days)
{
  GDate date;

  sp_calendar_get_local_date (time, &date);

  return get_end_of_day (&date, days);
}

static GDateTime *
get_end_of_ready_day (GDateTime *ready_sent,
                      guint      days)
{
  GDate day0;

  sp_deadline_get_day0 (ready_sent, &day0);

  return get_end_of_day (&day0, days);
}

static GDateTime *
get_local_after_hours (GDateTime *start,
                       int        hours)
{
  g_autoptr(GDateTime) later = g_date_time_add_hours (start, hours);

  return sp_calendar_to_local (later);
}

/**
 * sp_deadline_get_day0:
 * @ready_sent: when the ready notice was sent, in any zone
 * @out_day0: (out caller-allocates): day 0
 *
 * The 12:00 rule in Stockholm time: sent before 12:00:00, the calendar date it was sent is
 * day 0; sent at or after 12:00:00, the next calendar date is.
 */
void
sp_deadline_get_day0 (GDateTime *ready_sent,
                      GDate     *out_day0)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (ready_sent != NULL);
  g_return_if_fail (out_day0 != NULL);

  local = sp_calendar_to_local (ready_sent);
  sp_calendar_get_local_date (local, out_day0);
  if (g_date_time_get_hour (local) >= READY_CUTOFF_HOUR)
    g_date_add_days (out_day0, 1);
}

/**
 * sp_deadline_days_after_ready:
 * @day0: day 0, from sp_deadline_get_day0()
 * @until: the discharge date, or today while the patient is still in hospital
 *
 * Calendar days from day 0 to @until. An @until before day 0 only happens in invalid data
 * (a patient discharged before the ready notice counted from the next day): it gives 0, so
 * that a bad record never lowers a monthly average.
 *
 * Returns: the number of days after ready, at least 0
 */
int
sp_deadline_days_after_ready (const GDate *day0,
                              const GDate *until)
{
  g_return_val_if_fail (day0 != NULL && g_date_valid (day0), 0);
  g_return_val_if_fail (until != NULL && g_date_valid (until), 0);

  return MAX (g_date_days_between (day0, until), 0);
}

/**
 * sp_deadline_get_due:
 * @profile: the region's rules
 * @clock: which clock
 * @start: the instant the clock starts (DOMAIN §7): admission to the ward (or the later
 *   needs judgement), the admission notice sent or received, the ready notice sent, the
 *   discharge, or for %SP_CLOCK_FOLLOW_UP_COMMENTS the follow-up meeting
 *
 * A due time "by the end of day X" is 00:00 Stockholm time on day X + 1. Our choices:
 * naming the care contact counts weekdays in every profile (the rule is Stockholm's), and
 * with %SP_SIP_DEADLINE_BY_READY_DATE the invitation is due by the end of day 0.
 *
 * Returns: (transfer full): the due time, in Europe/Stockholm time
 */
GDateTime *
sp_deadline_get_due (const SpRegionProfile *profile,
                     SpClock                clock,
                     GDateTime             *start)
{
  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (start != NULL, NULL);

  switch (clock)
    {
    case SP_CLOCK_ADMISSION_NOTICE_SENT:
      return get_local_after_hours (start, 24);

    case SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED:
      if (profile->ack_weekdays_only)
        return sp_calendar_add_weekday_hours (start, 24);
      return get_local_after_hours (start, 24);

    case SP_CLOCK_CARE_CONTACT_NAMED:
      return sp_calendar_add_weekday_hours (start, 24);

    case SP_CLOCK_READY_ACKNOWLEDGED:
      /* Before 12:00 the same day, else the next day: exactly the end of day 0. */
      return get_end_of_ready_day (start, 0);

    case SP_CLOCK_SIP_INVITATION_SENT:
      if (profile->sip_deadline == SP_SIP_DEADLINE_DAYS_AFTER_READY)
        return get_end_of_local_day (start, profile->sip_invitation_days);
      return get_end_of_ready_day (start, 0);

    case SP_CLOCK_SIP_INVITATION_LEGAL:
      return get_end_of_local_day (start, SIP_INVITATION_LEGAL_DAYS);

    case SP_CLOCK_SIP_MEETING_HELD:
      return get_end_of_local_day (start, SIP_MEETING_DAYS);

    case SP_CLOCK_HOME_AFTER_READY:
      return get_end_of_ready_day (start, 1);

    case SP_CLOCK_FOLLOW_UP_COMMENTS:
      {
        GDate meeting;

        /* By the end of the day before the meeting: 00:00 of the meeting's date. */
        sp_calendar_get_local_date (start, &meeting);
        return sp_calendar_start_of_day (&meeting);
      }

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * sp_deadline_is_overdue:
 * @due: the due time
 * @done: (nullable): when the clock's event happened, or %NULL if it has not
 * @now: (nullable): the current time; may be %NULL only when @done is given
 *
 * Returns: with @done, whether it came after @due (late); without, whether @now has
 *   reached @due
 */
gboolean
sp_deadline_is_overdue (GDateTime *due,
                        GDateTime *done,
                        GDateTime *now)
{
  g_return_val_if_fail (due != NULL, FALSE);
  g_return_val_if_fail (done != NULL || now != NULL, FALSE);

  if (done != NULL)
    return g_date_time_compare (done, due) > 0;

  return g_date_time_compare (now, due) >= 0;
}

/**
 * sp_clock_get_label:
 * @clock: a clock
 *
 * Returns: (transfer none): the Swedish label shown for @clock
 */
const char *
sp_clock_get_label (SpClock clock)
{
  static const char * const labels[] = {
    [SP_CLOCK_ADMISSION_NOTICE_SENT] = "Inskrivningsmeddelande skickat",
    [SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED] = "Inskrivningsmeddelande kvitterat",
    [SP_CLOCK_CARE_CONTACT_NAMED] = "Fast vårdkontakt utsedd",
    [SP_CLOCK_READY_ACKNOWLEDGED] = "Utskrivningsklar kvitterad",
    [SP_CLOCK_SIP_INVITATION_SENT] = "Kallelse till SIP skickad",
    [SP_CLOCK_SIP_INVITATION_LEGAL] = "Kallelse till SIP inom tre dagar (lagen)",
    [SP_CLOCK_SIP_MEETING_HELD] = "SIP-möte hållet",
    [SP_CLOCK_HOME_AFTER_READY] = "Hemgång efter utskrivningsklar",
    [SP_CLOCK_FOLLOW_UP_COMMENTS] = "Uppföljningskommentarer",
  };

  g_return_val_if_fail (clock < G_N_ELEMENTS (labels), NULL);

  return labels[clock];
}
