/* sp-track.h — the colour track (färgspår) of planning answers and what it implies, DOMAIN §6
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-region-profile.h"

G_BEGIN_DECLS

/* Which rule of DOMAIN §6 gave the track; first match wins, in this order. */
typedef enum /*< prefix=SP_TRACK_RULE >*/
{
  SP_TRACK_RULE_EXTENSIVE,           /*< nick=extensive >*/
  SP_TRACK_RULE_HSL_NEW,             /*< nick=hsl_new >*/
  SP_TRACK_RULE_SHORT_TERM_STAY,     /*< nick=short_term_stay >*/
  SP_TRACK_RULE_SOL_NEW,             /*< nick=sol_new >*/
  SP_TRACK_RULE_SOL_NEW_WITH_REGION, /*< nick=sol_new_with_region >*/
  SP_TRACK_RULE_HSL_BEFORE,          /*< nick=hsl_before >*/
  SP_TRACK_RULE_SPECIAL_HOUSING,     /*< nick=special_housing >*/
  SP_TRACK_RULE_SINGLE_PRINCIPAL,    /*< nick=single_principal >*/
  SP_TRACK_RULE_NONE,                /*< nick=none >*/
} SpTrackRule;

typedef enum /*< prefix=SP_SIP_NEED >*/
{
  SP_SIP_NEED_NONE,                  /*< nick=none >*/
  SP_SIP_NEED_OFFER_AFTER_DISCHARGE, /*< nick=offer_after_discharge >*/
  SP_SIP_NEED_REQUIRED,              /*< nick=required >*/
} SpSipNeed;

typedef enum /*< prefix=SP_PRE_MEETING_NEED >*/
{
  SP_PRE_MEETING_NEED_NONE,      /*< nick=none >*/
  SP_PRE_MEETING_NEED_SUGGESTED, /*< nick=suggested >*/
  SP_PRE_MEETING_NEED_REQUIRED,  /*< nick=required >*/
} SpPreMeetingNeed;

/* What a track asks of the process in one region (DOMAIN §6, "process consequence"). */
typedef struct
{
  gboolean          admission_notice_needed;
  gboolean          care_contact_needed;          /* always, not only "if öppenvård is needed" */
  SpSipNeed         sip_invitation;
  gboolean          sip_may_be_held_in_hospital;
  SpPreMeetingNeed  pre_meeting;
  gboolean          home_by_day_after_ready;
  guint             follow_up_within_weeks;       /* SIP meeting after discharge; 0: no rule */
} SpTrackImplications;

SpTrack              sp_planning_compute_track (const SpRegionProfile  *profile,
                                                GPtrArray              *latest_answers,
                                                SpTrackRule            *out_rule,
                                                char                  **out_reason);
const char          *sp_track_get_heading      (SpTrack                 track);
SpTrackImplications  sp_track_get_implications (const SpRegionProfile  *profile,
                                                SpTrack                 track);

G_END_DECLS
