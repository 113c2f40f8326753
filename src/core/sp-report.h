/* sp-report.h — uppföljning: lead times and liability per municipality and month
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-episode.h"
#include "sp-liability.h"

G_BEGIN_DECLS

#define SP_REPORT_ERROR (sp_report_error_quark ())

typedef enum /*< prefix=SP_REPORT_ERROR >*/
{
  SP_REPORT_ERROR_NO_RATE, /*< nick=no_rate >*/
} SpReportError;

/* The clocks of DOMAIN §7 whose keeping the report counts; the nicks are the JSON members. */
typedef enum /*< prefix=SP_REPORT_CLOCK >*/
{
  SP_REPORT_CLOCK_ADMISSION_NOTICE, /*< nick=admission_notices >*/
  SP_REPORT_CLOCK_ACKNOWLEDGEMENT,  /*< nick=acknowledgements >*/
  SP_REPORT_CLOCK_CARE_CONTACT,     /*< nick=care_contacts >*/
  SP_REPORT_CLOCK_SIP_INVITATION,   /*< nick=sip_invitations >*/
} SpReportClock;

#define SP_REPORT_N_CLOCKS (SP_REPORT_CLOCK_SIP_INVITATION + 1)

/**
 * SpReportTally:
 * @due: clocks that ran out or were kept
 * @in_time: of those, the ones kept by their due time
 */
typedef struct
{
  guint due;
  guint in_time;
} SpReportTally;

/**
 * SpReportRate:
 * @year: a calendar year
 * @rate_sek: Socialstyrelsen's daily rate for that year, in kronor
 */
typedef struct
{
  guint  year;
  double rate_sek;
} SpReportRate;

typedef struct _SpReportEpisode SpReportEpisode;
typedef struct _SpReport        SpReport;

GQuark           sp_report_error_quark  (void);

SpReportEpisode *sp_report_episode_new  (const SpRegionProfile *profile,
                                         SpEpisode             *episode,
                                         const char            *municipality,
                                         gboolean               sip_needed,
                                         GDateTime             *sip_invited,
                                         gboolean               listed);
void             sp_report_episode_free (SpReportEpisode       *self);
const SpReportTally *sp_report_episode_get_tally (SpReportEpisode *self,
                                                  SpReportClock    clock);

SpReport        *sp_report_compute      (const SpRegionProfile *profile,
                                         const SpReportRate    *rates,
                                         guint                  n_rates,
                                         GPtrArray             *episodes,
                                         const char            *from_month,
                                         const char            *to_month,
                                         const char            *municipality,
                                         GError               **error);
void             sp_report_free         (SpReport              *self);
JsonNode        *sp_report_to_json      (SpReport              *self);
char            *sp_report_to_csv       (SpReport              *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReportEpisode, sp_report_episode_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReport, sp_report_free)

G_END_DECLS
