/* sp-sip-invitation.h — the kallelse to a SIP meeting
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-types.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_INVITED_UNIT (sp_sip_invited_unit_get_type ())
#define SP_TYPE_SIP_INVITEE      (sp_sip_invitee_get_type ())
#define SP_TYPE_SIP_INVITATION   (sp_sip_invitation_get_type ())

typedef enum /*< prefix=SP_SIP_MEETING_FORM >*/
{
  SP_SIP_MEETING_FORM_HOME,        /*< nick=home >*/        /* physical, in the home */
  SP_SIP_MEETING_FORM_OTHER_PLACE, /*< nick=other_place >*/ /* vårdcentral, ward … */
  SP_SIP_MEETING_FORM_VIDEO,       /*< nick=video >*/
  SP_SIP_MEETING_FORM_PHONE,       /*< nick=phone >*/       /* last resort */
} SpSipMeetingForm;

/**
 * SpSipInvitedUnit:
 * @unit_id: the unit
 * @kind: what kind of unit; decides whether it must attend
 * @name: (nullable): its display name
 * @pre_selected: it came from the episode's addressing (and already sees the patient)
 */
typedef struct
{
  char       *unit_id;
  SpUnitKind  kind;
  char       *name;
  gboolean    pre_selected;
} SpSipInvitedUnit;

/**
 * SpSipInvitee:
 * @name: the person invited
 * @affiliation: (nullable): organisation or relation ("Försäkringskassan", "dotter")
 *
 * Someone outside the units: next of kin, Försäkringskassan, school … Never obliged to
 * attend.
 */
typedef struct
{
  char *name;
  char *affiliation;
} SpSipInvitee;

/**
 * SpSipInvitation:
 * @patient_id: whom the planning is for
 * @patient_name: (nullable): their name as shown in the kallelse
 * @purpose: why coordination is needed
 * @agenda: (array zero-terminated=1) (nullable): the questions to discuss
 * @convener_name: who convenes
 * @convener_unit_id: the convener's unit
 * @convener_phone: (nullable): the convener's phone
 * @units: (element-type SpSipInvitedUnit): the invited units
 * @invitees: (element-type SpSipInvitee): other invited people
 * @meeting_at: (nullable): when the meeting is
 * @place: (nullable): where; required for %SP_SIP_MEETING_FORM_OTHER_PLACE
 * @form: the meeting form
 * @phone_reason: (nullable): why not video; required for %SP_SIP_MEETING_FORM_PHONE
 * @video_details: (nullable): connection details; required for %SP_SIP_MEETING_FORM_VIDEO
 * @with_patient: (nullable): the professional physically with the patient; required for
 *   %SP_SIP_MEETING_FORM_VIDEO
 *
 * A value with public, owned fields: edit a copy, then hand it to sp_sip_set_invitation().
 */
typedef struct
{
  char              *patient_id;
  char              *patient_name;
  char              *purpose;
  char             **agenda;
  char              *convener_name;
  char              *convener_unit_id;
  char              *convener_phone;
  GPtrArray         *units;
  GPtrArray         *invitees;
  GDateTime         *meeting_at;
  char              *place;
  SpSipMeetingForm   form;
  char              *phone_reason;
  char              *video_details;
  char              *with_patient;
} SpSipInvitation;

GType             sp_sip_invited_unit_get_type     (void) G_GNUC_CONST;
SpSipInvitedUnit *sp_sip_invited_unit_new          (const char              *unit_id,
                                                    SpUnitKind               kind,
                                                    const char              *name,
                                                    gboolean                 pre_selected);
SpSipInvitedUnit *sp_sip_invited_unit_copy         (const SpSipInvitedUnit  *unit);
void              sp_sip_invited_unit_free         (SpSipInvitedUnit        *unit);
gboolean          sp_sip_invited_unit_is_obliged   (const SpSipInvitedUnit  *unit);

GType             sp_sip_invitee_get_type          (void) G_GNUC_CONST;
SpSipInvitee     *sp_sip_invitee_new               (const char              *name,
                                                    const char              *affiliation);
SpSipInvitee     *sp_sip_invitee_copy              (const SpSipInvitee      *invitee);
void              sp_sip_invitee_free              (SpSipInvitee            *invitee);

GType             sp_sip_invitation_get_type       (void) G_GNUC_CONST;
SpSipInvitation  *sp_sip_invitation_new            (const char              *patient_id);
SpSipInvitation  *sp_sip_invitation_copy           (const SpSipInvitation   *invitation);
void              sp_sip_invitation_free           (SpSipInvitation         *invitation);
gboolean          sp_sip_invitation_validate       (const SpSipInvitation   *invitation,
                                                    GError                 **error);
gboolean          sp_sip_invitation_equal          (const SpSipInvitation   *a,
                                                    const SpSipInvitation   *b);
JsonNode         *sp_sip_invitation_to_json        (const SpSipInvitation   *invitation);
SpSipInvitation  *sp_sip_invitation_new_from_json  (JsonNode                *node,
                                                    GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipInvitedUnit, sp_sip_invited_unit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipInvitee, sp_sip_invitee_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipInvitation, sp_sip_invitation_free)

G_END_DECLS
