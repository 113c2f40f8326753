/* sp-sip-participant.h — who took part in a SIP meeting, how, and whether they signed
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SP_TYPE_SIP_PARTICIPANT (sp_sip_participant_get_type ())

typedef enum /*< prefix=SP_SIP_PRESENCE >*/
{
  SP_SIP_PRESENCE_IN_PERSON,    /*< nick=in_person >*/
  SP_SIP_PRESENCE_WITH_PATIENT, /*< nick=with_patient >*/ /* physically with the patient */
  SP_SIP_PRESENCE_VIDEO,        /*< nick=video >*/
  SP_SIP_PRESENCE_PHONE,        /*< nick=phone >*/
} SpSipPresence;

/**
 * SpSipParticipant:
 * @id: stable id (a UUID given by the plan when %NULL on add)
 * @name: the participant's name
 * @unit_id: (nullable): their unit; %NULL for the patient or next of kin
 * @profession: (nullable): their profession or relation
 * @presence: how they took part
 * @has_signed: whether they signed the plan
 * @signed_at: (nullable): when; set exactly when @has_signed
 */
typedef struct
{
  char          *id;
  char          *name;
  char          *unit_id;
  char          *profession;
  SpSipPresence  presence;
  gboolean       has_signed;
  GDateTime     *signed_at;
} SpSipParticipant;

GType             sp_sip_participant_get_type      (void) G_GNUC_CONST;
SpSipParticipant *sp_sip_participant_new           (const char              *name,
                                                    const char              *unit_id,
                                                    const char              *profession,
                                                    SpSipPresence            presence);
SpSipParticipant *sp_sip_participant_copy          (const SpSipParticipant  *participant);
void              sp_sip_participant_free          (SpSipParticipant        *participant);
gboolean          sp_sip_participant_equal         (const SpSipParticipant  *a,
                                                    const SpSipParticipant  *b);
JsonNode         *sp_sip_participant_to_json       (const SpSipParticipant  *participant);
SpSipParticipant *sp_sip_participant_new_from_json (JsonNode                *node,
                                                    GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipParticipant, sp_sip_participant_free)

G_END_DECLS
