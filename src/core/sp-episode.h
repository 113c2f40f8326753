/* sp-episode.h — one inpatient stay that needs coordination (DOMAIN §5)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-consent.h"
#include "sp-region-profile.h"
#include "sp-types.h"

G_BEGIN_DECLS

typedef enum /*< prefix=SP_EPISODE_STATE >*/
{
  SP_EPISODE_STATE_PLANNING,   /*< nick=planning >*/
  SP_EPISODE_STATE_READY,      /*< nick=ready >*/
  SP_EPISODE_STATE_DISCHARGED, /*< nick=discharged >*/
  SP_EPISODE_STATE_DECEASED,   /*< nick=deceased >*/
  SP_EPISODE_STATE_CANCELLED,  /*< nick=cancelled >*/
} SpEpisodeState;

/* Everything a unit can do to an episode; also the kind of each event in its log. */
typedef enum /*< prefix=SP_EPISODE_ACTION >*/
{
  SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE,        /*< nick=send_admission_notice >*/
  SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE,   /*< nick=change_estimated_discharge >*/
  SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE, /*< nick=acknowledge_admission_notice >*/
  SP_EPISODE_ACTION_ACKNOWLEDGE_READY,            /*< nick=acknowledge_ready >*/
  SP_EPISODE_ACTION_NAME_CARE_CONTACT,            /*< nick=name_care_contact >*/
  SP_EPISODE_ACTION_SET_LEAD_CARE_CONTACT,        /*< nick=set_lead_care_contact >*/
  SP_EPISODE_ACTION_ANSWER_PLANNING,              /*< nick=answer_planning >*/
  SP_EPISODE_ACTION_MARK_READY,                   /*< nick=mark_ready >*/
  SP_EPISODE_ACTION_RETRACT_READY,                /*< nick=retract_ready >*/
  SP_EPISODE_ACTION_DISCHARGE,                    /*< nick=discharge >*/
  SP_EPISODE_ACTION_RETRACT_DISCHARGE,            /*< nick=retract_discharge >*/
  SP_EPISODE_ACTION_REGISTER_DEATH,               /*< nick=register_death >*/
  SP_EPISODE_ACTION_CANCEL,                       /*< nick=cancel >*/
  SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION,  /*< nick=add_unit_via_sip_invitation >*/
} SpEpisodeAction;

/* The two notices every addressed unit must acknowledge. */
typedef enum /*< prefix=SP_EPISODE_NOTICE >*/
{
  SP_EPISODE_NOTICE_ADMISSION, /*< nick=admission >*/
  SP_EPISODE_NOTICE_READY,     /*< nick=ready >*/
} SpEpisodeNotice;

typedef enum /*< prefix=SP_ADDRESSING_ROLE >*/
{
  SP_ADDRESSING_ROLE_RECIPIENT,       /*< nick=recipient >*/
  SP_ADDRESSING_ROLE_FOR_INFORMATION, /*< nick=for_information >*/
} SpAddressingRole;

#define SP_EPISODE_ERROR (sp_episode_error_quark ())

/* Checked in this order, so a unit outside the episode learns nothing about its state. */
typedef enum
{
  SP_EPISODE_ERROR_NOT_ADDRESSED, /* the unit is neither the ward nor addressed */
  SP_EPISODE_ERROR_NOT_PERMITTED, /* the unit takes part, but not in this role */
  SP_EPISODE_ERROR_WRONG_STATE,   /* not in the episode's present state */
  SP_EPISODE_ERROR_ALREADY_DONE,  /* e.g. acknowledging twice */
  SP_EPISODE_ERROR_INVALID,       /* a bad argument */
} SpEpisodeError;

GQuark sp_episode_error_quark (void);

/* The parts of an episode, read-only to callers: the episode owns them, and the getters
 * return arrays of them (transfer none). Instants are whole seconds. */

typedef struct
{
  GDate      date;
  GDateTime *changed_at;
  char      *changed_by;
} SpDischargeEstimate;

typedef struct
{
  char             *unit_id;
  SpUnitKind        unit_kind;
  SpAddressingRole  role;
  gboolean          via_sip_invitation;
  GDateTime        *added_at;
} SpAddressee;

typedef struct
{
  char      *unit_id;
  GDateTime *at;
  char      *by;
} SpAcknowledgement;

typedef struct
{
  char      *name;
  char      *work_phone;
  char      *unit_id;
  gboolean   lead;
  GDateTime *named_at;
  char      *named_by;
} SpCareContact;

typedef struct
{
  SpEpisodeAction  kind;
  GDateTime       *at;
  char            *user_name;
  char            *unit_id;
  char            *detail;    /* nullable */
} SpEpisodeEvent;

#define SP_TYPE_EPISODE (sp_episode_get_type ())

G_DECLARE_FINAL_TYPE (SpEpisode, sp_episode, SP, EPISODE, GObject)

SpEpisode      *sp_episode_new                       (const char       *id,
                                                      const char       *patient_id,
                                                      const char       *ward_unit_id,
                                                      GDateTime        *admitted_at);

/* Identity and content: plain fields, set by the ward while editing. */
const char     *sp_episode_get_id                    (SpEpisode        *self);
const char     *sp_episode_get_patient_id            (SpEpisode        *self);
gboolean        sp_episode_get_patient_is_child      (SpEpisode        *self);
void            sp_episode_set_patient_is_child      (SpEpisode        *self,
                                                      gboolean          is_child);
const char     *sp_episode_get_ward_unit_id          (SpEpisode        *self);
GDateTime      *sp_episode_get_admitted_at           (SpEpisode        *self);
GDateTime      *sp_episode_get_needs_judged_at       (SpEpisode        *self);
void            sp_episode_set_needs_judged_at       (SpEpisode        *self,
                                                      GDateTime        *needs_judged_at);
GDateTime      *sp_episode_get_admission_notice_sent_at (SpEpisode     *self);
const char     *sp_episode_get_reason_for_contact    (SpEpisode        *self);
void            sp_episode_set_reason_for_contact    (SpEpisode        *self,
                                                      const char       *reason);
const char     *sp_episode_get_responsible_doctor    (SpEpisode        *self);
void            sp_episode_set_responsible_doctor    (SpEpisode        *self,
                                                      const char       *doctor);
gboolean        sp_episode_get_short_stay            (SpEpisode        *self);
void            sp_episode_set_short_stay            (SpEpisode        *self,
                                                      gboolean          short_stay);
gboolean        sp_episode_get_estimated_discharge   (SpEpisode        *self,
                                                      GDate            *out_date);
GPtrArray      *sp_episode_get_estimate_history      (SpEpisode        *self);
gboolean        sp_episode_address_unit              (SpEpisode        *self,
                                                      const char       *unit_id,
                                                      SpUnitKind        unit_kind,
                                                      SpAddressingRole  role,
                                                      GDateTime        *added_at,
                                                      GError          **error);
GPtrArray      *sp_episode_get_addressing            (SpEpisode        *self);
const SpAddressee *sp_episode_find_addressee         (SpEpisode        *self,
                                                      const char       *unit_id);
GPtrArray      *sp_episode_get_acknowledgements      (SpEpisode        *self,
                                                      SpEpisodeNotice   which);
gboolean        sp_episode_all_acknowledged          (SpEpisode        *self,
                                                      SpEpisodeNotice   which);
GPtrArray      *sp_episode_get_care_contacts         (SpEpisode        *self);
const SpCareContact *sp_episode_get_lead_care_contact (SpEpisode       *self);
GDateTime      *sp_episode_get_current_notice_sent_at (SpEpisode    *self);
GDateTime      *sp_episode_get_acknowledged_at       (SpEpisode        *self,
                                                      SpEpisodeNotice   which,
                                                      const char       *unit_id);
SpEpisodeState  sp_episode_get_state                 (SpEpisode        *self);
GDateTime      *sp_episode_get_ready_at              (SpEpisode        *self);
GDateTime      *sp_episode_get_discharged_at         (SpEpisode        *self);
GDateTime      *sp_episode_get_death_at              (SpEpisode        *self);
GDateTime      *sp_episode_get_cancelled_at          (SpEpisode        *self);
const char     *sp_episode_get_cancel_reason         (SpEpisode        *self);
SpConsentSet   *sp_episode_get_consents              (SpEpisode        *self);
gint64          sp_episode_get_revision              (SpEpisode        *self);
void            sp_episode_set_revision              (SpEpisode        *self,
                                                      gint64            revision);
GPtrArray      *sp_episode_get_events                (SpEpisode        *self);

/* The one check the server and the app both make. */
gboolean        sp_episode_can                       (SpEpisode        *self,
                                                      SpEpisodeAction   action,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      GError          **error);

/* Actions: each calls sp_episode_can() first, then applies and appends to the event log.
 * @server_now is the server's clock, never a time the client sent. */
gboolean        sp_episode_send_admission_notice     (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      const GDate      *estimated_discharge,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_change_estimated_discharge (SpEpisode       *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      const GDate      *estimated_discharge,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_acknowledge_admission_notice (SpEpisode     *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_acknowledge_ready         (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_name_care_contact         (SpEpisode        *self,
                                                      const SpRegionProfile *profile,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      const char       *name,
                                                      const char       *work_phone,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_set_lead_care_contact     (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      const char       *contact_unit_id,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_answer_planning           (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_mark_ready                (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_retract_ready             (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      const char       *reason,
                                                      GError          **error);
gboolean        sp_episode_discharge                 (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      GDateTime        *discharged_at,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_retract_discharge         (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      const char       *reason,
                                                      GError          **error);
gboolean        sp_episode_register_death            (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      GDateTime        *death_at,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_cancel                    (SpEpisode        *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      const char       *reason,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);
gboolean        sp_episode_add_unit_via_sip_invitation (SpEpisode      *self,
                                                      const char       *actor_unit_id,
                                                      SpUnitKind        actor_kind,
                                                      const char       *unit_id,
                                                      SpUnitKind        unit_kind,
                                                      GDateTime        *server_now,
                                                      const char       *user_name,
                                                      GError          **error);

JsonNode       *sp_episode_to_json                   (SpEpisode        *self);
JsonObject     *sp_episode_notice_to_json            (SpEpisode        *episode,
                                                      const char       *type,
                                                      GDateTime        *sent_at);
SpEpisode      *sp_episode_new_from_json             (JsonNode         *node,
                                                      GError          **error);
gboolean        sp_episode_equal                     (SpEpisode        *a,
                                                      SpEpisode        *b);

G_END_DECLS
