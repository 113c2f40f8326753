/* sp-episode.c — the episode record: construction, fields and queries
 *
 * The actions and who may take them are in sp-episode-actions.c; JSON in sp-episode-json.c.
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-episode"

#include "config.h"

#include <string.h>

#include "sp-episode-private.h"

G_DEFINE_QUARK (sp-episode-error-quark, sp_episode_error)

G_DEFINE_FINAL_TYPE (SpEpisode, sp_episode, G_TYPE_OBJECT)

void
sp_discharge_estimate_free (SpDischargeEstimate *estimate)
{
  g_clear_pointer (&estimate->changed_at, g_date_time_unref);
  g_free (estimate->changed_by);
  g_free (estimate);
}

void
sp_addressee_free (SpAddressee *addressee)
{
  g_free (addressee->unit_id);
  g_clear_pointer (&addressee->added_at, g_date_time_unref);
  g_free (addressee);
}

void
sp_acknowledgement_free (SpAcknowledgement *ack)
{
  g_free (ack->unit_id);
  g_clear_pointer (&ack->at, g_date_time_unref);
  g_free (ack->by);
  g_free (ack);
}

void
sp_care_contact_free (SpCareContact *contact)
{
  g_free (contact->name);
  g_free (contact->work_phone);
  g_free (contact->unit_id);
  g_clear_pointer (&contact->named_at, g_date_time_unref);
  g_free (contact->named_by);
  g_free (contact);
}

void
sp_episode_event_free (SpEpisodeEvent *event)
{
  g_clear_pointer (&event->at, g_date_time_unref);
  g_free (event->user_name);
  g_free (event->unit_id);
  g_free (event->detail);
  g_free (event);
}

static void
sp_episode_dispose (GObject *object)
{
  SpEpisode *self = SP_EPISODE (object);

  g_clear_object (&self->consents);

  G_OBJECT_CLASS (sp_episode_parent_class)->dispose (object);
}

static void
sp_episode_finalize (GObject *object)
{
  SpEpisode *self = SP_EPISODE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->patient_id, g_free);
  g_clear_pointer (&self->ward_unit_id, g_free);
  g_clear_pointer (&self->admitted_at, g_date_time_unref);
  g_clear_pointer (&self->needs_judged_at, g_date_time_unref);
  g_clear_pointer (&self->admission_notice_sent_at, g_date_time_unref);
  g_clear_pointer (&self->reason_for_contact, g_free);
  g_clear_pointer (&self->responsible_doctor, g_free);
  g_clear_pointer (&self->estimates, g_ptr_array_unref);
  g_clear_pointer (&self->addressing, g_ptr_array_unref);
  g_clear_pointer (&self->admission_acks, g_ptr_array_unref);
  g_clear_pointer (&self->ready_acks, g_ptr_array_unref);
  g_clear_pointer (&self->care_contacts, g_ptr_array_unref);
  g_clear_pointer (&self->ready_at, g_date_time_unref);
  g_clear_pointer (&self->discharged_at, g_date_time_unref);
  g_clear_pointer (&self->death_at, g_date_time_unref);
  g_clear_pointer (&self->cancelled_at, g_date_time_unref);
  g_clear_pointer (&self->cancel_reason, g_free);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_episode_parent_class)->finalize (object);
}

static void
sp_episode_class_init (SpEpisodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_episode_dispose;
  object_class->finalize = sp_episode_finalize;
}

static void
sp_episode_init (SpEpisode *self)
{
  self->estimates = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_discharge_estimate_free);
  self->addressing = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_addressee_free);
  self->admission_acks = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_acknowledgement_free);
  self->ready_acks = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_acknowledgement_free);
  self->care_contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_care_contact_free);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_episode_event_free);
  self->consents = sp_consent_set_new ();
  self->state = SP_EPISODE_STATE_PLANNING;
}

/* An episode with no identity yet, for the JSON reader to fill in. */
SpEpisode *
sp_episode_new_empty (void)
{
  return g_object_new (SP_TYPE_EPISODE, NULL);
}

/**
 * sp_episode_new:
 * @id: the episode's id
 * @patient_id: the patient record's id
 * @ward_unit_id: the admitting inpatient unit
 * @admitted_at: admission to the ward (not the emergency room); whole seconds
 *
 * Creates an episode whose admission notice is not sent yet: address the units with
 * sp_episode_address_unit(), then sp_episode_send_admission_notice(). Until then no other
 * action is possible.
 *
 * Returns: (transfer full): a new episode in the planning state.
 */
SpEpisode *
sp_episode_new (const char *id,
                const char *patient_id,
                const char *ward_unit_id,
                GDateTime  *admitted_at)
{
  SpEpisode *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (patient_id != NULL && *patient_id != '\0', NULL);
  g_return_val_if_fail (ward_unit_id != NULL && *ward_unit_id != '\0', NULL);
  g_return_val_if_fail (admitted_at != NULL, NULL);

  self = sp_episode_new_empty ();
  self->id = g_strdup (id);
  self->patient_id = g_strdup (patient_id);
  self->ward_unit_id = g_strdup (ward_unit_id);
  self->admitted_at = g_date_time_ref (admitted_at);

  return self;
}

const char *
sp_episode_get_id (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->id;
}

const char *
sp_episode_get_patient_id (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->patient_id;
}

/**
 * sp_episode_get_patient_is_child:
 *
 * Returns: whether the patient is under 18, as set by the episode's creator from the identity
 *   number: then only a guardian's or legal representative's consent counts.
 */
gboolean
sp_episode_get_patient_is_child (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), FALSE);

  return self->patient_is_child;
}

void
sp_episode_set_patient_is_child (SpEpisode *self,
                                 gboolean   is_child)
{
  g_return_if_fail (SP_IS_EPISODE (self));

  self->patient_is_child = !!is_child;
}

const char *
sp_episode_get_ward_unit_id (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->ward_unit_id;
}

/**
 * sp_episode_get_admitted_at:
 *
 * Returns: (transfer none): admission to the ward.
 */
GDateTime *
sp_episode_get_admitted_at (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->admitted_at;
}

/**
 * sp_episode_get_needs_judged_at:
 *
 * Returns: (transfer none) (nullable): the doctor's judgement that the patient will need
 *   interventions after discharge, when it came after admission: it starts the 24 h clock of
 *   the admission notice instead (DOMAIN §5 step 1).
 */
GDateTime *
sp_episode_get_needs_judged_at (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->needs_judged_at;
}

/**
 * sp_episode_set_needs_judged_at:
 * @needs_judged_at: (nullable): the judgement's time, whole seconds
 */
void
sp_episode_set_needs_judged_at (SpEpisode *self,
                                GDateTime *needs_judged_at)
{
  g_return_if_fail (SP_IS_EPISODE (self));

  g_clear_pointer (&self->needs_judged_at, g_date_time_unref);
  if (needs_judged_at != NULL)
    self->needs_judged_at = g_date_time_ref (needs_judged_at);
}

/**
 * sp_episode_get_admission_notice_sent_at:
 *
 * Returns: (transfer none) (nullable): when the admission notice was first sent.
 */
GDateTime *
sp_episode_get_admission_notice_sent_at (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->admission_notice_sent_at;
}

/**
 * sp_episode_get_reason_for_contact:
 *
 * Returns: (transfer none) (nullable): the kontaktorsak. Never shown without consent.
 */
const char *
sp_episode_get_reason_for_contact (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->reason_for_contact;
}

void
sp_episode_set_reason_for_contact (SpEpisode  *self,
                                   const char *reason)
{
  g_return_if_fail (SP_IS_EPISODE (self));

  g_free (self->reason_for_contact);
  self->reason_for_contact = g_strdup (reason);
}

/**
 * sp_episode_get_responsible_doctor:
 *
 * Returns: (transfer none) (nullable): the responsible doctor's name.
 */
const char *
sp_episode_get_responsible_doctor (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->responsible_doctor;
}

void
sp_episode_set_responsible_doctor (SpEpisode  *self,
                                   const char *doctor)
{
  g_return_if_fail (SP_IS_EPISODE (self));

  g_free (self->responsible_doctor);
  self->responsible_doctor = g_strdup (doctor);
}

/**
 * sp_episode_get_short_stay:
 *
 * Returns: whether the stay is a kort vårdtid (≤ 24 h, unchanged needs; DOMAIN §5 step 6).
 */
gboolean
sp_episode_get_short_stay (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), FALSE);

  return self->short_stay;
}

void
sp_episode_set_short_stay (SpEpisode *self,
                           gboolean   short_stay)
{
  g_return_if_fail (SP_IS_EPISODE (self));

  self->short_stay = !!short_stay;
}

/**
 * sp_episode_get_estimated_discharge:
 * @out_date: (out caller-allocates): the current estimate
 *
 * Returns: %TRUE if an estimated discharge date is set.
 */
gboolean
sp_episode_get_estimated_discharge (SpEpisode *self,
                                    GDate     *out_date)
{
  const SpDischargeEstimate *current;

  g_return_val_if_fail (SP_IS_EPISODE (self), FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);

  if (self->estimates->len == 0)
    return FALSE;

  current = g_ptr_array_index (self->estimates, self->estimates->len - 1);
  *out_date = current->date;
  return TRUE;
}

/**
 * sp_episode_get_estimate_history:
 *
 * Returns: (transfer none) (element-type SpDischargeEstimate): every estimated discharge date
 *   set, oldest first; the last is the current one.
 */
GPtrArray *
sp_episode_get_estimate_history (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->estimates;
}

/**
 * sp_episode_address_unit:
 * @unit_id: the unit to address
 * @unit_kind: its kind
 * @role: recipient, or for information only
 * @added_at: when it was added; whole seconds
 *
 * Adds a unit to the addressing of an admission notice not yet sent. Afterwards units join only
 * through a SIP invitation (sp_episode_add_unit_via_sip_invitation()).
 *
 * Returns: %TRUE, or %FALSE with @error set (%SP_EPISODE_ERROR_WRONG_STATE once sent,
 *   %SP_EPISODE_ERROR_ALREADY_DONE if addressed, %SP_EPISODE_ERROR_INVALID for the ward).
 */
gboolean
sp_episode_address_unit (SpEpisode         *self,
                         const char        *unit_id,
                         SpUnitKind         unit_kind,
                         SpAddressingRole   role,
                         GDateTime         *added_at,
                         GError           **error)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), FALSE);
  g_return_val_if_fail (unit_id != NULL && *unit_id != '\0', FALSE);
  g_return_val_if_fail (unit_kind <= SP_UNIT_KIND_OTHER, FALSE);
  g_return_val_if_fail (role <= SP_ADDRESSING_ROLE_FOR_INFORMATION, FALSE);
  g_return_val_if_fail (added_at != NULL, FALSE);

  if (self->admission_notice_sent_at != NULL)
    {
      g_set_error_literal (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_WRONG_STATE,
                           "The admission notice is already sent");
      return FALSE;
    }

  if (strcmp (unit_id, self->ward_unit_id) == 0)
    {
      g_set_error_literal (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID,
                           "The ward cannot address itself");
      return FALSE;
    }

  if (sp_episode_find_addressee (self, unit_id) != NULL)
    {
      g_set_error_literal (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_ALREADY_DONE,
                           "The unit is already addressed");
      return FALSE;
    }

  sp_episode_push_addressee (self, unit_id, unit_kind, role, FALSE, added_at);
  return TRUE;
}

/**
 * sp_episode_get_addressing:
 *
 * Returns: (transfer none) (element-type SpAddressee): the addressed units, in the order added.
 */
GPtrArray *
sp_episode_get_addressing (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->addressing;
}

/**
 * sp_episode_find_addressee:
 *
 * Returns: (transfer none) (nullable): the addressing entry of @unit_id, if it is addressed.
 */
const SpAddressee *
sp_episode_find_addressee (SpEpisode  *self,
                           const char *unit_id)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);
  g_return_val_if_fail (unit_id != NULL, NULL);

  for (guint i = 0; i < self->addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (self->addressing, i);

      if (strcmp (addressee->unit_id, unit_id) == 0)
        return addressee;
    }

  return NULL;
}

static GPtrArray *
acks_of (SpEpisode       *self,
         SpEpisodeNotice  which)
{
  return which == SP_EPISODE_NOTICE_ADMISSION ? self->admission_acks : self->ready_acks;
}

/**
 * sp_episode_get_acknowledgements:
 *
 * Returns: (transfer none) (element-type SpAcknowledgement): the acknowledgements of the
 *   current admission or ready notice. A re-sent notice or a retracted ready starts afresh.
 */
GPtrArray *
sp_episode_get_acknowledgements (SpEpisode       *self,
                                 SpEpisodeNotice  which)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);
  g_return_val_if_fail (which <= SP_EPISODE_NOTICE_READY, NULL);

  return acks_of (self, which);
}

const SpAcknowledgement *
sp_episode_find_acknowledgement (SpEpisode       *self,
                                 SpEpisodeNotice  which,
                                 const char      *unit_id)
{
  GPtrArray *acks = acks_of (self, which);

  for (guint i = 0; i < acks->len; i++)
    {
      const SpAcknowledgement *ack = g_ptr_array_index (acks, i);

      if (strcmp (ack->unit_id, unit_id) == 0)
        return ack;
    }

  return NULL;
}

/**
 * sp_episode_all_acknowledged:
 *
 * Every addressed unit, for information or not, must acknowledge (DOMAIN §5).
 *
 * Returns: %TRUE if the notice is out (admission sent; ready and not retracted) and every
 *   addressed unit has acknowledged it.
 */
gboolean
sp_episode_all_acknowledged (SpEpisode       *self,
                             SpEpisodeNotice  which)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), FALSE);
  g_return_val_if_fail (which <= SP_EPISODE_NOTICE_READY, FALSE);

  if (which == SP_EPISODE_NOTICE_ADMISSION ? self->admission_notice_sent_at == NULL
                                           : self->ready_at == NULL)
    return FALSE;

  for (guint i = 0; i < self->addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (self->addressing, i);

      if (sp_episode_find_acknowledgement (self, which, addressee->unit_id) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * sp_episode_get_care_contacts:
 *
 * Returns: (transfer none) (element-type SpCareContact): the named care contacts, one per unit.
 */
GPtrArray *
sp_episode_get_care_contacts (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->care_contacts;
}

SpCareContact *
sp_episode_find_care_contact (SpEpisode  *self,
                              const char *unit_id)
{
  for (guint i = 0; i < self->care_contacts->len; i++)
    {
      SpCareContact *contact = g_ptr_array_index (self->care_contacts, i);

      if (strcmp (contact->unit_id, unit_id) == 0)
        return contact;
    }

  return NULL;
}

/**
 * sp_episode_get_lead_care_contact:
 *
 * Returns: (transfer none) (nullable): the huvudansvarig fast vårdkontakt, if one is set.
 */
const SpCareContact *
sp_episode_get_lead_care_contact (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  for (guint i = 0; i < self->care_contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (self->care_contacts, i);

      if (contact->lead)
        return contact;
    }

  return NULL;
}

SpEpisodeState
sp_episode_get_state (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), SP_EPISODE_STATE_PLANNING);

  return self->state;
}

/**
 * sp_episode_get_ready_at:
 *
 * Returns: (transfer none) (nullable): when the ready notice was sent, by the server's clock;
 *   %NULL while not ready (also after a retraction).
 */
GDateTime *
sp_episode_get_ready_at (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->ready_at;
}

/**
 * sp_episode_get_discharged_at:
 *
 * Returns: (transfer none) (nullable): when the patient left the ward.
 */
GDateTime *
sp_episode_get_discharged_at (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->discharged_at;
}

/**
 * sp_episode_get_death_at:
 *
 * Returns: (transfer none) (nullable): the time of death, if registered.
 */
GDateTime *
sp_episode_get_death_at (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->death_at;
}

/**
 * sp_episode_get_cancelled_at:
 *
 * Returns: (transfer none) (nullable): when the episode was cancelled.
 */
GDateTime *
sp_episode_get_cancelled_at (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->cancelled_at;
}

/**
 * sp_episode_get_cancel_reason:
 *
 * Returns: (transfer none) (nullable): why it was cancelled.
 */
const char *
sp_episode_get_cancel_reason (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->cancel_reason;
}

/**
 * sp_episode_get_consents:
 *
 * Returns: (transfer none): the episode's consents and harm assessments; add to it directly.
 */
SpConsentSet *
sp_episode_get_consents (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->consents;
}

/**
 * sp_episode_get_revision:
 *
 * Returns: the store's revision this copy was read at (0: never stored).
 */
gint64
sp_episode_get_revision (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), 0);

  return self->revision;
}

void
sp_episode_set_revision (SpEpisode *self,
                         gint64     revision)
{
  g_return_if_fail (SP_IS_EPISODE (self));
  g_return_if_fail (revision >= 0);

  self->revision = revision;
}

/**
 * sp_episode_get_events:
 *
 * Returns: (transfer none) (element-type SpEpisodeEvent): the log of every action taken,
 *   oldest first, as the timeline shows it. Append-only.
 */
GPtrArray *
sp_episode_get_events (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  return self->events;
}

void
sp_episode_push_addressee (SpEpisode        *self,
                           const char       *unit_id,
                           SpUnitKind        unit_kind,
                           SpAddressingRole  role,
                           gboolean          via_sip_invitation,
                           GDateTime        *added_at)
{
  SpAddressee *addressee = g_new0 (SpAddressee, 1);

  addressee->unit_id = g_strdup (unit_id);
  addressee->unit_kind = unit_kind;
  addressee->role = role;
  addressee->via_sip_invitation = via_sip_invitation;
  addressee->added_at = g_date_time_ref (added_at);
  g_ptr_array_add (self->addressing, addressee);
}

void
sp_episode_append_event (SpEpisode       *self,
                         SpEpisodeAction  kind,
                         GDateTime       *at,
                         const char      *user_name,
                         const char      *unit_id,
                         const char      *detail)
{
  SpEpisodeEvent *event = g_new0 (SpEpisodeEvent, 1);

  event->kind = kind;
  event->at = g_date_time_ref (at);
  event->user_name = g_strdup (user_name);
  event->unit_id = g_strdup (unit_id);
  event->detail = g_strdup (detail);
  g_ptr_array_add (self->events, event);
}

/**
 * sp_episode_get_current_notice_sent_at:
 *
 * The current admission notice went out with the first sending or the latest re-sending (a
 * changed estimated date); its acknowledgement clock starts then.
 *
 * Returns: (transfer none) (nullable): when, or %NULL before the notice is sent
 */
GDateTime *
sp_episode_get_current_notice_sent_at (SpEpisode *self)
{
  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  for (guint i = self->events->len; i > 0; i--)
    {
      const SpEpisodeEvent *event = g_ptr_array_index (self->events, i - 1);

      if (event->kind == SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE ||
          event->kind == SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE)
        return event->at;
    }

  return self->admission_notice_sent_at;
}

/**
 * sp_episode_get_acknowledged_at:
 *
 * Returns: (transfer none) (nullable): when @unit_id acknowledged the current @which notice
 */
GDateTime *
sp_episode_get_acknowledged_at (SpEpisode       *self,
                                SpEpisodeNotice  which,
                                const char      *unit_id)
{
  const SpAcknowledgement *ack;

  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);
  g_return_val_if_fail (unit_id != NULL, NULL);

  ack = sp_episode_find_acknowledgement (self, which, unit_id);
  return ack != NULL ? ack->at : NULL;
}
