/* sp-sip.h — the samordnad individuell plan (SIP) and its life: invitation, mapping, plan,
 * established versions, follow-up, closing (DOMAIN §8)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-sip-diff.h"
#include "sp-sip-error.h"
#include "sp-sip-follow-up.h"
#include "sp-sip-invitation.h"
#include "sp-sip-mapping.h"
#include "sp-sip-plan.h"
#include "sp-sip-version.h"

G_BEGIN_DECLS

typedef enum /*< prefix=SP_SIP_VARIANT >*/
{
  SP_SIP_VARIANT_SIP,                   /*< nick=sip >*/
  /* Discharge to outpatient compulsory psychiatric care (LPT/LRV): drawn up by the chief
   * physician with the units, established when the units have approved it. */
  SP_SIP_VARIANT_COORDINATED_CARE_PLAN, /*< nick=coordinated_care_plan >*/
} SpSipVariant;

typedef enum /*< prefix=SP_SIP_STATUS >*/
{
  SP_SIP_STATUS_DRAFT,       /*< nick=draft >*/       /* being prepared, not invited */
  SP_SIP_STATUS_INVITED,     /*< nick=invited >*/     /* invitation sent */
  SP_SIP_STATUS_IN_PROGRESS, /*< nick=in_progress >*/ /* mapping done, or a revision */
  SP_SIP_STATUS_ESTABLISHED, /*< nick=established >*/ /* latest version agreed, locked */
  SP_SIP_STATUS_CLOSED,      /*< nick=closed >*/
} SpSipStatus;

#define SP_TYPE_SIP (sp_sip_get_type ())

G_DECLARE_FINAL_TYPE (SpSip, sp_sip, SP, SIP, GObject)

SpSip                  *sp_sip_new                      (const char             *id,
                                                         const char             *patient_id,
                                                         const char             *episode_id,
                                                         SpSipVariant            variant,
                                                         GDateTime              *created_at,
                                                         const char             *created_by);

const char             *sp_sip_get_id                   (SpSip                  *self);
const char             *sp_sip_get_patient_id           (SpSip                  *self);
const char             *sp_sip_get_episode_id           (SpSip                  *self);
SpSipVariant            sp_sip_get_variant              (SpSip                  *self);
SpSipStatus             sp_sip_get_status               (SpSip                  *self);
gint64                  sp_sip_get_revision             (SpSip                  *self);
void                    sp_sip_set_revision             (SpSip                  *self,
                                                         gint64                  revision);
GDateTime              *sp_sip_get_created_at           (SpSip                  *self);
const char             *sp_sip_get_created_by           (SpSip                  *self);
gboolean                sp_sip_is_active                (SpSip                  *self);

const SpSipInvitation  *sp_sip_get_invitation           (SpSip                  *self);
gboolean                sp_sip_set_invitation           (SpSip                  *self,
                                                         const SpSipInvitation  *invitation,
                                                         GError                **error);
GPtrArray              *sp_sip_send_invitation          (SpSip                  *self,
                                                         gboolean                consent_given,
                                                         GDateTime              *sent_at,
                                                         GError                **error);
GDateTime              *sp_sip_get_invitation_sent_at   (SpSip                  *self);
GPtrArray              *sp_sip_get_invited_unit_ids     (SpSip                  *self);

const SpSipMapping     *sp_sip_get_mapping              (SpSip                  *self);
gboolean                sp_sip_set_mapping              (SpSip                  *self,
                                                         const SpSipMapping     *mapping,
                                                         GError                **error);

SpSipPlan              *sp_sip_get_plan                 (SpSip                  *self);
SpSipVersion           *sp_sip_establish                (SpSip                  *self,
                                                         gboolean                consent_given,
                                                         GDateTime              *at,
                                                         const char             *by,
                                                         GError                **error);
gboolean                sp_sip_start_revision           (SpSip                  *self,
                                                         GError                **error);
GPtrArray              *sp_sip_get_versions             (SpSip                  *self);
SpSipVersion           *sp_sip_get_established_version  (SpSip                  *self,
                                                         guint                   number);
SpSipVersion           *sp_sip_get_latest_version       (SpSip                  *self);

gboolean                sp_sip_add_follow_up            (SpSip                  *self,
                                                         const SpSipFollowUp    *follow_up,
                                                         GError                **error);
GPtrArray              *sp_sip_get_follow_ups           (SpSip                  *self);
const SpSipEvaluation  *sp_sip_get_evaluation           (SpSip                  *self);
gboolean                sp_sip_set_evaluation           (SpSip                  *self,
                                                         const SpSipEvaluation  *evaluation,
                                                         GError                **error);
gboolean                sp_sip_close                    (SpSip                  *self,
                                                         SpSipCloseReason        reason,
                                                         const char             *text,
                                                         const char             *by,
                                                         GDateTime              *at,
                                                         GError                **error);
const SpSipClosing     *sp_sip_get_closing              (SpSip                  *self);

gboolean                sp_sip_check_one_active         (GPtrArray              *sips_of_person,
                                                         SpSip                  *candidate,
                                                         GError                **error);
char                   *sp_sip_get_patient_contact      (SpSip                  *self,
                                                         const char             *lead_care_contact,
                                                         const char             *care_contact);
const char             *sp_sip_variant_get_label        (SpSipVariant            variant);

JsonNode               *sp_sip_to_json                  (SpSip                  *self);
SpSip                  *sp_sip_new_from_json            (JsonNode               *node,
                                                         GError                **error);
gboolean                sp_sip_equal                    (SpSip                  *a,
                                                         SpSip                  *b);

G_END_DECLS
