/* sp-liability.h — payment liability (betalningsansvar) under the three regional models
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-region-profile.h"

G_BEGIN_DECLS

#define SP_TYPE_LIABILITY_REPORT (sp_liability_report_get_type ())

#define SP_LIABILITY_ERROR (sp_liability_error_quark ())

/* Episodes that cannot be computed; the message starts with the path ("[3].discharged"). */
typedef enum /*< prefix=SP_LIABILITY_ERROR >*/
{
  SP_LIABILITY_ERROR_EMPTY,                   /*< nick=empty >*/
  SP_LIABILITY_ERROR_DISCHARGED_BEFORE_READY, /*< nick=discharged_before_ready >*/
  SP_LIABILITY_ERROR_DUPLICATE_ID,            /*< nick=duplicate_id >*/
} SpLiabilityError;

/* Which condition of the law or the region's agreement (DOMAIN §10) leaves an episode out;
 * the nicks are the stable "reason" codes of the report. New reasons go last. */
typedef enum /*< prefix=SP_LIABILITY_EXCLUSION >*/
{
  SP_LIABILITY_EXCLUSION_NONE,                   /*< nick=none >*/
  SP_LIABILITY_EXCLUSION_ADMISSION_NOTICE_LATE,  /*< nick=admission_notice_late >*/
  SP_LIABILITY_EXCLUSION_SIP_NOT_INVITED,        /*< nick=sip_not_invited >*/
  SP_LIABILITY_EXCLUSION_SIP_INVITED_LATE,       /*< nick=sip_invited_late >*/
  SP_LIABILITY_EXCLUSION_CARE_CONTACT_NOT_NAMED, /*< nick=care_contact_not_named >*/
  SP_LIABILITY_EXCLUSION_INTERVENTIONS_REFUSED,  /*< nick=interventions_refused >*/
} SpLiabilityExclusion;

#define SP_LIABILITY_N_EXCLUSIONS (SP_LIABILITY_EXCLUSION_INTERVENTIONS_REFUSED + 1)

/**
 * SpLiabilityEpisode:
 * @id: the episode's id
 * @municipality: the liable municipality: the folkbokföringskommun or the placing one (the
 *   caller decides)
 * @ready: when the ready notice was sent
 * @discharged: when the patient left, not before @ready
 * @admission_notice_in_time: the admission notice was sent within its 24 hours
 * @sip_needed: a SIP was needed
 * @sip_invited: (nullable): when the care contact invited to the SIP
 * @care_contact_named: a care contact was named; a condition only where the profile's
 *   @liability_needs_care_contact says so
 * @interventions_refused: the patient refused the interventions; excludes the episode only
 *   where the profile's @liability_needs_no_refusal says so
 *
 * A discharged episode as the payment models see it.
 */
typedef struct
{
  char      *id;
  char      *municipality;
  GDateTime *ready;
  GDateTime *discharged;
  gboolean   admission_notice_in_time;
  gboolean   sip_needed;
  GDateTime *sip_invited;
  gboolean   care_contact_named;
  gboolean   interventions_refused;
} SpLiabilityEpisode;

/**
 * SpLiabilityRow:
 * @id: the episode's id
 * @days: days after ready: calendar days from day 0 to the discharge date
 * @exclusion: the condition it fails, or %SP_LIABILITY_EXCLUSION_NONE when it is counted
 * @individual: VGR: charged on its own and left out of the average (over the limit)
 * @charged: counted in a figure the municipality pays for
 *
 * One episode behind an entry's figures. Owned by the report.
 */
typedef struct
{
  char                 *id;
  guint                 days;
  SpLiabilityExclusion  exclusion;
  gboolean              individual;
  gboolean              charged;
} SpLiabilityRow;

typedef struct _SpLiabilityReport SpLiabilityReport;
typedef struct _SpLiabilityEntry  SpLiabilityEntry;

GQuark                 sp_liability_error_quark         (void);

SpLiabilityEpisode    *sp_liability_episode_new         (const char            *id,
                                                         const char            *municipality,
                                                         GDateTime             *ready,
                                                         GDateTime             *discharged,
                                                         gboolean               notice_in_time,
                                                         gboolean               sip_needed,
                                                         GDateTime             *sip_invited,
                                                         gboolean               care_contact_named,
                                                         gboolean               refused);
void                   sp_liability_episode_free        (SpLiabilityEpisode    *self);
GPtrArray             *sp_liability_episodes_from_json  (JsonNode              *array,
                                                         GError               **error);

GType                  sp_liability_report_get_type     (void) G_GNUC_CONST;
SpLiabilityReport     *sp_liability_compute             (const SpRegionProfile *profile,
                                                         double                 rate_sek,
                                                         GPtrArray             *episodes,
                                                         GError               **error);
SpLiabilityReport     *sp_liability_report_ref          (SpLiabilityReport     *self);
void                   sp_liability_report_unref        (SpLiabilityReport     *self);
const SpRegionProfile *sp_liability_report_get_profile  (SpLiabilityReport     *self);
double                 sp_liability_report_get_rate     (SpLiabilityReport     *self);
guint                  sp_liability_report_get_n_entries (SpLiabilityReport    *self);
SpLiabilityEntry      *sp_liability_report_get_entry    (SpLiabilityReport     *self,
                                                         guint                  index);
JsonNode              *sp_liability_report_to_json      (SpLiabilityReport     *self);

const char           *sp_liability_entry_get_municipality      (SpLiabilityEntry *self);
const char           *sp_liability_entry_get_month             (SpLiabilityEntry *self);
guint                 sp_liability_entry_get_discharged        (SpLiabilityEntry *self);
double                sp_liability_entry_get_average_days      (SpLiabilityEntry *self);
guint                 sp_liability_entry_get_over_7_days       (SpLiabilityEntry *self);
double                sp_liability_entry_get_liability_days    (SpLiabilityEntry *self);
gint64                sp_liability_entry_get_liability_sek     (SpLiabilityEntry *self);
double                sp_liability_entry_get_individual_days   (SpLiabilityEntry *self);
double                sp_liability_entry_get_average_part_days (SpLiabilityEntry *self);
gboolean              sp_liability_entry_get_active            (SpLiabilityEntry *self);
guint                 sp_liability_entry_get_n_previous_months (SpLiabilityEntry *self);
double                sp_liability_entry_get_previous_average  (SpLiabilityEntry *self,
                                                                guint             index);
const guint          *sp_liability_entry_get_distribution      (SpLiabilityEntry *self,
                                                                guint            *n_values);
const SpLiabilityRow *sp_liability_entry_get_rows              (SpLiabilityEntry *self,
                                                                guint            *n_rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpLiabilityEpisode, sp_liability_episode_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpLiabilityReport, sp_liability_report_unref)

G_END_DECLS
