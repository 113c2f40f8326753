/* sp-region-profile.h — what differs between the three regions, as data
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-types.h"

G_BEGIN_DECLS

typedef enum /*< prefix=SP_LIABILITY_MODEL >*/
{
  SP_LIABILITY_MODEL_VGR,          /*< nick=vgr >*/
  SP_LIABILITY_MODEL_STOCKHOLM,    /*< nick=stockholm >*/
  SP_LIABILITY_MODEL_VASTERBOTTEN, /*< nick=vasterbotten >*/
} SpLiabilityModel;

typedef enum /*< prefix=SP_SIP_DEADLINE >*/
{
  SP_SIP_DEADLINE_DAYS_AFTER_READY, /*< nick=days_after_ready >*/ /* + sip_invitation_days */
  SP_SIP_DEADLINE_BY_READY_DATE,    /*< nick=by_ready_date >*/    /* end of day 0 */
} SpSipDeadline;

/* One region's rules. Instances are static and never freed; compare by pointer. */
typedef struct
{
  SpRegion          region;
  const char       *id;    /* "vgr", "stockholm", "vasterbotten" */
  const char       *name;  /* Swedish display name */

  /* §6 tracks */
  gboolean          uses_gra_track;        /* Västerbotten has only blå…röd */
  gboolean          sol_new_alone_is_gul;  /* Västerbotten: any new SoL need → gul */

  /* §5 / §7 clocks */
  gboolean          ack_weekdays_only;     /* admission ack counted on weekdays (Stockholm) */
  gboolean          care_request_enabled;  /* vårdbegäran (VGR) */
  SpSipDeadline     sip_deadline;
  guint             sip_invitation_days;   /* with DAYS_AFTER_READY */

  /* §10 payment liability */
  SpLiabilityModel  liability_model;
  double            liability_threshold_days;   /* VGR 3.0, Stockholm 1.3, Västerbotten 3.0 */
  guint             individual_after_days;      /* VGR: over 7 days → individual charge */
  guint             consecutive_months;         /* Västerbotten: 3 */
  /* conditions beyond the law's, each with its own SpLiabilityExclusion (Stockholm) */
  gboolean          liability_needs_care_contact; /* a care contact was named */
  gboolean          liability_needs_no_refusal;   /* no refusal of the interventions */
} SpRegionProfile;

const SpRegionProfile *sp_region_profile_get    (SpRegion    region);
const SpRegionProfile *sp_region_profile_lookup (const char *id);

G_END_DECLS
