/* sp-report-private.h — what sp-report.c and sp-report-json.c share
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-report.h"

G_BEGIN_DECLS

struct _SpReportEpisode
{
  SpLiabilityEpisode *liability;
  SpReportTally       tallies[SP_REPORT_N_CLOCKS];
  gboolean            listed;
};

/* One selected municipality-month: its figures from the report of its year's rate. */
typedef struct
{
  SpLiabilityEntry *entry;
  double            rate;
  SpReportTally     tallies[SP_REPORT_N_CLOCKS];
  guint             excluded[SP_LIABILITY_N_EXCLUSIONS];
} SpReportMonth;

struct _SpReport
{
  const SpRegionProfile *profile;
  GPtrArray             *liabilities; /* SpLiabilityReport, one per distinct rate */
  GHashTable            *by_id;       /* episode id → SpReportEpisode, borrowed */
  GArray                *months;      /* SpReportMonth, by municipality then month */
};

G_END_DECLS
