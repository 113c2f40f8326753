/* sp-deadline.h — the clocks of DOMAIN §7: day 0, days after ready, due times
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-region-profile.h"

G_BEGIN_DECLS

typedef enum /*< prefix=SP_CLOCK >*/
{
  SP_CLOCK_ADMISSION_NOTICE_SENT,         /*< nick=admission_notice_sent >*/
  SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED, /*< nick=admission_notice_acknowledged >*/
  SP_CLOCK_CARE_CONTACT_NAMED,            /*< nick=care_contact_named >*/
  SP_CLOCK_READY_ACKNOWLEDGED,            /*< nick=ready_acknowledged >*/
  SP_CLOCK_SIP_INVITATION_SENT,           /*< nick=sip_invitation_sent >*/     /* profile */
  SP_CLOCK_SIP_INVITATION_LEGAL,          /*< nick=sip_invitation_legal >*/    /* law: 3 days */
  SP_CLOCK_SIP_MEETING_HELD,              /*< nick=sip_meeting_held >*/
  SP_CLOCK_HOME_AFTER_READY,              /*< nick=home_after_ready >*/
  SP_CLOCK_FOLLOW_UP_COMMENTS,            /*< nick=follow_up_comments >*/
} SpClock;

/* The 12:00 rule: sent before 12:00 Stockholm time → that date, else the next date. */
void        sp_deadline_get_day0               (GDateTime             *ready_sent,
                                                GDate                 *out_day0);
int         sp_deadline_days_after_ready       (const GDate           *day0,
                                                const GDate           *until);

/* The instant by which @clock must be done, given the instant its start event happened
 * (for FOLLOW_UP_COMMENTS: the follow-up meeting time). Returns a new GDateTime in
 * Europe/Stockholm; a due time "by the end of day X" is 00:00 of day X + 1. */
GDateTime  *sp_deadline_get_due                (const SpRegionProfile *profile,
                                                SpClock                clock,
                                                GDateTime             *start);
gboolean    sp_deadline_is_overdue             (GDateTime             *due,
                                                GDateTime             *done,
                                                GDateTime             *now);
const char *sp_clock_get_label                 (SpClock                clock);

G_END_DECLS
