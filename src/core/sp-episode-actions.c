/* sp-episode-actions.c — who may do what to an episode, and doing it (DOMAIN §5)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-episode"

#include "config.h"

#include <string.h>

#include "sp-enum-types.h"
#include "sp-episode-private.h"
#include "sp-json.h"

/* Preconditions every action shares: the server's clock in whole seconds and a user. */
#define RETURN_IF_BAD_CALL(self, server_now, user_name)                                  \
  G_STMT_START {                                                                         \
    g_return_val_if_fail (SP_IS_EPISODE (self), FALSE);                                  \
    g_return_val_if_fail ((server_now) != NULL &&                                        \
                          g_date_time_get_microsecond (server_now) == 0, FALSE);         \
    g_return_val_if_fail ((user_name) != NULL && *(user_name) != '\0', FALSE);           \
  } G_STMT_END

static gboolean
fail (GError         **error,
      SpEpisodeError   code,
      const char      *message)
{
  g_set_error_literal (error, SP_EPISODE_ERROR, code, message);
  return FALSE;
}

static gboolean
is_ward_action (SpEpisodeAction action)
{
  switch (action)
    {
    case SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE:
    case SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE:
    case SP_EPISODE_ACTION_MARK_READY:
    case SP_EPISODE_ACTION_RETRACT_READY:
    case SP_EPISODE_ACTION_DISCHARGE:
    case SP_EPISODE_ACTION_RETRACT_DISCHARGE:
    case SP_EPISODE_ACTION_REGISTER_DEATH:
    case SP_EPISODE_ACTION_CANCEL:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The role check; the caller has established that the actor is the ward or addressed. */
static gboolean
check_role (SpEpisode        *self,
            SpEpisodeAction   action,
            gboolean          is_ward,
            const char       *actor_unit_id,
            SpUnitKind        actor_kind,
            GError          **error)
{
  switch (action)
    {
    case SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE:
    case SP_EPISODE_ACTION_ACKNOWLEDGE_READY:
      if (is_ward)
        return fail (error, SP_EPISODE_ERROR_NOT_PERMITTED,
                     "The ward does not acknowledge its own notices");
      return TRUE;

    case SP_EPISODE_ACTION_ANSWER_PLANNING:
      /* Every party answers for its own part, the ward included (DOMAIN §6). */
      return TRUE;

    case SP_EPISODE_ACTION_NAME_CARE_CONTACT:
    case SP_EPISODE_ACTION_SET_LEAD_CARE_CONTACT:
      /* The fast vårdkontakt is in öppenvård (DOMAIN §5 step 2). */
      if (is_ward || actor_kind != SP_UNIT_KIND_OUTPATIENT)
        return fail (error, SP_EPISODE_ERROR_NOT_PERMITTED,
                     "Only an addressed outpatient unit names care contacts");
      return TRUE;

    case SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION:
      /* The care contact convenes the SIP and forwards the notice (DOMAIN §5). */
      if (sp_episode_find_care_contact (self, actor_unit_id) == NULL)
        return fail (error, SP_EPISODE_ERROR_NOT_PERMITTED,
                     "Only the unit of a named care contact invites to the SIP");
      return TRUE;

    default:
      g_assert (is_ward_action (action));
      if (!is_ward || actor_kind != SP_UNIT_KIND_INPATIENT)
        return fail (error, SP_EPISODE_ERROR_NOT_PERMITTED,
                     "Only the episode's ward may do this");
      return TRUE;
    }
}

static gboolean
check_state (SpEpisode        *self,
             SpEpisodeAction   action,
             GError          **error)
{
  SpEpisodeState state = self->state;
  gboolean ok;

  /* Sending creates the episode as the parties see it: nothing else comes before it. */
  if (action == SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE)
    {
      if (self->admission_notice_sent_at != NULL)
        return fail (error, SP_EPISODE_ERROR_ALREADY_DONE,
                     "The admission notice is already sent; change the estimated date to "
                     "re-send it");
      return TRUE;
    }
  if (self->admission_notice_sent_at == NULL)
    return fail (error, SP_EPISODE_ERROR_WRONG_STATE, "The admission notice is not sent yet");

  switch (action)
    {
    case SP_EPISODE_ACTION_MARK_READY:
      ok = state == SP_EPISODE_STATE_PLANNING;
      break;
    case SP_EPISODE_ACTION_RETRACT_READY:
    case SP_EPISODE_ACTION_DISCHARGE:
      /* The ready notice always comes before discharge (DOMAIN §5 step 5). */
      ok = state == SP_EPISODE_STATE_READY;
      break;
    case SP_EPISODE_ACTION_RETRACT_DISCHARGE:
      ok = state == SP_EPISODE_STATE_DISCHARGED;
      break;
    case SP_EPISODE_ACTION_ACKNOWLEDGE_READY:
      /* A late acknowledgement after the patient left still counts. */
      ok = state == SP_EPISODE_STATE_READY || state == SP_EPISODE_STATE_DISCHARGED;
      break;
    case SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION:
      /* The SIP is usually held after discharge (DOMAIN §5 step 7, §8): invited units join
       * the episode then too. */
      ok = state == SP_EPISODE_STATE_PLANNING || state == SP_EPISODE_STATE_READY ||
           state == SP_EPISODE_STATE_DISCHARGED;
      break;
    default:
      ok = state == SP_EPISODE_STATE_PLANNING || state == SP_EPISODE_STATE_READY;
      break;
    }

  if (!ok)
    {
      g_set_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_WRONG_STATE,
                   "Not possible while the episode is %s",
                   sp_enum_to_nick (SP_TYPE_EPISODE_STATE, state));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_not_done (SpEpisode        *self,
                SpEpisodeAction   action,
                const char       *actor_unit_id,
                GError          **error)
{
  if (action == SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE &&
      sp_episode_find_acknowledgement (self, SP_EPISODE_NOTICE_ADMISSION, actor_unit_id) != NULL)
    return fail (error, SP_EPISODE_ERROR_ALREADY_DONE,
                 "The unit has already acknowledged the admission notice");

  if (action == SP_EPISODE_ACTION_ACKNOWLEDGE_READY &&
      sp_episode_find_acknowledgement (self, SP_EPISODE_NOTICE_READY, actor_unit_id) != NULL)
    return fail (error, SP_EPISODE_ERROR_ALREADY_DONE,
                 "The unit has already acknowledged the ready notice");

  return TRUE;
}

/**
 * sp_episode_can:
 * @action: what the unit wants to do
 * @actor_unit_id: the acting unit
 * @actor_kind: its kind
 *
 * The single check of who may do what, and when (DOMAIN §5): the server enforces it and the
 * app enables its buttons with it. It checks, in this order: that the unit is the ward or
 * addressed (%SP_EPISODE_ERROR_NOT_ADDRESSED), its role (%SP_EPISODE_ERROR_NOT_PERMITTED),
 * the state (%SP_EPISODE_ERROR_WRONG_STATE) and a repeat (%SP_EPISODE_ERROR_ALREADY_DONE).
 * Arguments of the action itself are checked by the action.
 *
 * Returns: %TRUE if @actor_unit_id may take @action now.
 */
gboolean
sp_episode_can (SpEpisode        *self,
                SpEpisodeAction   action,
                const char       *actor_unit_id,
                SpUnitKind        actor_kind,
                GError          **error)
{
  gboolean is_ward;

  g_return_val_if_fail (SP_IS_EPISODE (self), FALSE);
  g_return_val_if_fail (action <= SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION, FALSE);
  g_return_val_if_fail (actor_unit_id != NULL, FALSE);

  is_ward = strcmp (actor_unit_id, self->ward_unit_id) == 0;
  if (!is_ward && sp_episode_find_addressee (self, actor_unit_id) == NULL)
    return fail (error, SP_EPISODE_ERROR_NOT_ADDRESSED, "The unit is not part of this episode");

  return check_role (self, action, is_ward, actor_unit_id, actor_kind, error) &&
         check_state (self, action, error) &&
         check_not_done (self, action, actor_unit_id, error);
}

static void
push_estimate (SpEpisode   *self,
               const GDate *date,
               GDateTime   *at,
               const char  *by)
{
  SpDischargeEstimate *estimate = g_new0 (SpDischargeEstimate, 1);

  estimate->date = *date;
  estimate->changed_at = g_date_time_ref (at);
  estimate->changed_by = g_strdup (by);
  g_ptr_array_add (self->estimates, estimate);
}

/* Checks that a time the ward records lies within the stay so far. */
static gboolean
check_within_stay (SpEpisode  *self,
                   GDateTime  *at,
                   GDateTime  *server_now,
                   GError    **error)
{
  if (g_date_time_compare (at, self->admitted_at) < 0 ||
      g_date_time_compare (at, server_now) > 0)
    return fail (error, SP_EPISODE_ERROR_INVALID,
                 "The time must lie between admission and now");

  return TRUE;
}

/**
 * sp_episode_send_admission_notice:
 * @estimated_discharge: (nullable): the first estimated discharge date
 *
 * Sends the admission notice to the addressed units: the episode begins for them.
 *
 * Returns: %TRUE, or %FALSE with @error set; %SP_EPISODE_ERROR_INVALID if no unit is addressed.
 */
gboolean
sp_episode_send_admission_notice (SpEpisode   *self,
                                  const char  *actor_unit_id,
                                  SpUnitKind   actor_kind,
                                  const GDate *estimated_discharge,
                                  GDateTime   *server_now,
                                  const char  *user_name,
                                  GError     **error)
{
  g_autofree char *detail = NULL;

  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE, actor_unit_id, actor_kind,
                       error))
    return FALSE;

  if (self->addressing->len == 0)
    return fail (error, SP_EPISODE_ERROR_INVALID, "No unit is addressed");
  if (estimated_discharge != NULL && !g_date_valid (estimated_discharge))
    return fail (error, SP_EPISODE_ERROR_INVALID, "Invalid estimated discharge date");

  if (estimated_discharge != NULL)
    {
      push_estimate (self, estimated_discharge, server_now, user_name);
      detail = sp_json_format_date (estimated_discharge);
    }

  self->admission_notice_sent_at = g_date_time_ref (server_now);
  sp_episode_append_event (self, SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE, server_now, user_name,
                           actor_unit_id, detail);
  return TRUE;
}

/**
 * sp_episode_change_estimated_discharge:
 * @estimated_discharge: the new date
 *
 * Re-sends the admission notice with a new estimated discharge date (kept in the history):
 * every addressed unit must acknowledge it again; planning answers stay (DOMAIN §5 step 1).
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_change_estimated_discharge (SpEpisode   *self,
                                       const char  *actor_unit_id,
                                       SpUnitKind   actor_kind,
                                       const GDate *estimated_discharge,
                                       GDateTime   *server_now,
                                       const char  *user_name,
                                       GError     **error)
{
  g_autofree char *detail = NULL;

  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE, actor_unit_id,
                       actor_kind, error))
    return FALSE;

  if (estimated_discharge == NULL || !g_date_valid (estimated_discharge))
    return fail (error, SP_EPISODE_ERROR_INVALID, "Invalid estimated discharge date");

  push_estimate (self, estimated_discharge, server_now, user_name);
  g_ptr_array_set_size (self->admission_acks, 0);

  detail = sp_json_format_date (estimated_discharge);
  sp_episode_append_event (self, SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE, server_now,
                           user_name, actor_unit_id, detail);
  return TRUE;
}

static gboolean
acknowledge (SpEpisode        *self,
             SpEpisodeNotice   which,
             const char       *actor_unit_id,
             SpUnitKind        actor_kind,
             GDateTime        *server_now,
             const char       *user_name,
             GError          **error)
{
  SpEpisodeAction action = which == SP_EPISODE_NOTICE_ADMISSION
                           ? SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE
                           : SP_EPISODE_ACTION_ACKNOWLEDGE_READY;
  SpAcknowledgement *ack;

  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, action, actor_unit_id, actor_kind, error))
    return FALSE;

  ack = g_new0 (SpAcknowledgement, 1);
  ack->unit_id = g_strdup (actor_unit_id);
  ack->at = g_date_time_ref (server_now);
  ack->by = g_strdup (user_name);
  g_ptr_array_add (which == SP_EPISODE_NOTICE_ADMISSION ? self->admission_acks : self->ready_acks,
                   ack);

  sp_episode_append_event (self, action, server_now, user_name, actor_unit_id, NULL);
  return TRUE;
}

/**
 * sp_episode_acknowledge_admission_notice:
 *
 * An addressed unit acknowledges the current admission notice.
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_acknowledge_admission_notice (SpEpisode   *self,
                                         const char  *actor_unit_id,
                                         SpUnitKind   actor_kind,
                                         GDateTime   *server_now,
                                         const char  *user_name,
                                         GError     **error)
{
  return acknowledge (self, SP_EPISODE_NOTICE_ADMISSION, actor_unit_id, actor_kind, server_now,
                      user_name, error);
}

/**
 * sp_episode_acknowledge_ready:
 *
 * An addressed unit acknowledges the ready notice, also late, after discharge.
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_acknowledge_ready (SpEpisode   *self,
                              const char  *actor_unit_id,
                              SpUnitKind   actor_kind,
                              GDateTime   *server_now,
                              const char  *user_name,
                              GError     **error)
{
  return acknowledge (self, SP_EPISODE_NOTICE_READY, actor_unit_id, actor_kind, server_now,
                      user_name, error);
}

static void
set_lead (SpEpisode     *self,
          SpCareContact *lead)
{
  for (guint i = 0; i < self->care_contacts->len; i++)
    {
      SpCareContact *contact = g_ptr_array_index (self->care_contacts, i);

      contact->lead = contact == lead;
    }
}

/**
 * sp_episode_name_care_contact:
 * @profile: the region's rules: in VGR a sole care contact is also recorded as the lead
 * @name: the fast vårdkontakt's name
 * @work_phone: their work phone, shown to all parties and the patient
 *
 * An addressed outpatient unit names its care contact. Naming again replaces the unit's contact
 * (the lead role stays with the unit).
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_name_care_contact (SpEpisode             *self,
                              const SpRegionProfile *profile,
                              const char            *actor_unit_id,
                              SpUnitKind             actor_kind,
                              const char            *name,
                              const char            *work_phone,
                              GDateTime             *server_now,
                              const char            *user_name,
                              GError               **error)
{
  SpCareContact *contact;

  RETURN_IF_BAD_CALL (self, server_now, user_name);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_NAME_CARE_CONTACT, actor_unit_id, actor_kind,
                       error))
    return FALSE;

  if (name == NULL || *name == '\0' || work_phone == NULL || *work_phone == '\0')
    return fail (error, SP_EPISODE_ERROR_INVALID,
                 "A care contact needs a name and a work phone");

  contact = sp_episode_find_care_contact (self, actor_unit_id);
  if (contact == NULL)
    {
      contact = g_new0 (SpCareContact, 1);
      contact->unit_id = g_strdup (actor_unit_id);
      g_ptr_array_add (self->care_contacts, contact);
    }

  g_free (contact->name);
  contact->name = g_strdup (name);
  g_free (contact->work_phone);
  contact->work_phone = g_strdup (work_phone);
  g_clear_pointer (&contact->named_at, g_date_time_unref);
  contact->named_at = g_date_time_ref (server_now);
  g_free (contact->named_by);
  contact->named_by = g_strdup (user_name);

  /* VGR: a sole care contact is also the huvudansvarig (DOMAIN §2). */
  if (profile->region == SP_REGION_VGR && self->care_contacts->len == 1)
    set_lead (self, contact);

  sp_episode_append_event (self, SP_EPISODE_ACTION_NAME_CARE_CONTACT, server_now, user_name,
                           actor_unit_id, name);
  return TRUE;
}

/**
 * sp_episode_set_lead_care_contact:
 * @contact_unit_id: the unit whose care contact becomes the lead
 *
 * Makes one care contact the huvudansvarig; the previous lead, if any, no longer is.
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_set_lead_care_contact (SpEpisode   *self,
                                  const char  *actor_unit_id,
                                  SpUnitKind   actor_kind,
                                  const char  *contact_unit_id,
                                  GDateTime   *server_now,
                                  const char  *user_name,
                                  GError     **error)
{
  SpCareContact *contact;

  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_SET_LEAD_CARE_CONTACT, actor_unit_id,
                       actor_kind, error))
    return FALSE;

  contact = contact_unit_id != NULL ? sp_episode_find_care_contact (self, contact_unit_id) : NULL;
  if (contact == NULL)
    return fail (error, SP_EPISODE_ERROR_INVALID, "The unit has no named care contact");
  if (contact->lead)
    return fail (error, SP_EPISODE_ERROR_ALREADY_DONE, "The care contact is already the lead");

  set_lead (self, contact);
  sp_episode_append_event (self, SP_EPISODE_ACTION_SET_LEAD_CARE_CONTACT, server_now, user_name,
                           actor_unit_id, contact->name);
  return TRUE;
}

/**
 * sp_episode_answer_planning:
 *
 * Records that a unit answered the planning questions; the answers themselves are sp-planning's.
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_answer_planning (SpEpisode   *self,
                            const char  *actor_unit_id,
                            SpUnitKind   actor_kind,
                            GDateTime   *server_now,
                            const char  *user_name,
                            GError     **error)
{
  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_ANSWER_PLANNING, actor_unit_id, actor_kind, error))
    return FALSE;

  sp_episode_append_event (self, SP_EPISODE_ACTION_ANSWER_PLANNING, server_now, user_name,
                           actor_unit_id, NULL);
  return TRUE;
}

/**
 * sp_episode_mark_ready:
 * @server_now: the server's clock: the ready time is stamped with it and can be dated neither
 *   forwards nor backwards (DOMAIN §5 step 5)
 *
 * The ward sends the ready notice (utskrivningsklar).
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_mark_ready (SpEpisode   *self,
                       const char  *actor_unit_id,
                       SpUnitKind   actor_kind,
                       GDateTime   *server_now,
                       const char  *user_name,
                       GError     **error)
{
  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_MARK_READY, actor_unit_id, actor_kind, error))
    return FALSE;

  self->state = SP_EPISODE_STATE_READY;
  self->ready_at = g_date_time_ref (server_now);
  g_ptr_array_set_size (self->ready_acks, 0);

  sp_episode_append_event (self, SP_EPISODE_ACTION_MARK_READY, server_now, user_name,
                           actor_unit_id, NULL);
  return TRUE;
}

/**
 * sp_episode_retract_ready:
 * @reason: (nullable): why, as the ward writes it; kept as the event's detail
 *
 * The condition changed: the ready notice is withdrawn and its acknowledgements with it. The
 * ward then sets a new estimated date (sp_episode_change_estimated_discharge()).
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_retract_ready (SpEpisode   *self,
                          const char  *actor_unit_id,
                          SpUnitKind   actor_kind,
                          GDateTime   *server_now,
                          const char  *user_name,
                          const char  *reason,
                          GError     **error)
{
  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_RETRACT_READY, actor_unit_id, actor_kind, error))
    return FALSE;

  self->state = SP_EPISODE_STATE_PLANNING;
  g_clear_pointer (&self->ready_at, g_date_time_unref);
  g_ptr_array_set_size (self->ready_acks, 0);

  /* An empty reason is no reason. */
  sp_episode_append_event (self, SP_EPISODE_ACTION_RETRACT_READY, server_now, user_name,
                           actor_unit_id, reason != NULL && *reason != '\0' ? reason : NULL);
  return TRUE;
}

/**
 * sp_episode_discharge:
 * @discharged_at: when the patient left, as the ward records it: between admission and
 *   @server_now
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_discharge (SpEpisode   *self,
                      const char  *actor_unit_id,
                      SpUnitKind   actor_kind,
                      GDateTime   *discharged_at,
                      GDateTime   *server_now,
                      const char  *user_name,
                      GError     **error)
{
  g_autofree char *detail = NULL;

  RETURN_IF_BAD_CALL (self, server_now, user_name);
  g_return_val_if_fail (discharged_at != NULL, FALSE);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_DISCHARGE, actor_unit_id, actor_kind, error) ||
      !check_within_stay (self, discharged_at, server_now, error))
    return FALSE;

  self->state = SP_EPISODE_STATE_DISCHARGED;
  self->discharged_at = g_date_time_ref (discharged_at);

  detail = sp_json_format_datetime (discharged_at);
  sp_episode_append_event (self, SP_EPISODE_ACTION_DISCHARGE, server_now, user_name,
                           actor_unit_id, detail);
  return TRUE;
}

/**
 * sp_episode_retract_discharge:
 * @reason: (nullable): why, as the ward writes it; kept as the event's detail
 *
 * The discharge notice is withdrawn: the patient is back to ready, still in hospital.
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_retract_discharge (SpEpisode   *self,
                              const char  *actor_unit_id,
                              SpUnitKind   actor_kind,
                              GDateTime   *server_now,
                              const char  *user_name,
                              const char  *reason,
                              GError     **error)
{
  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_RETRACT_DISCHARGE, actor_unit_id, actor_kind,
                       error))
    return FALSE;

  self->state = SP_EPISODE_STATE_READY;
  g_clear_pointer (&self->discharged_at, g_date_time_unref);

  /* An empty reason is no reason. */
  sp_episode_append_event (self, SP_EPISODE_ACTION_RETRACT_DISCHARGE, server_now, user_name,
                           actor_unit_id, reason != NULL && *reason != '\0' ? reason : NULL);
  return TRUE;
}

/**
 * sp_episode_register_death:
 * @death_at: the time of death: between admission and @server_now
 *
 * Ends the episode; the units are told at once so they can close it (DOMAIN §5).
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_register_death (SpEpisode   *self,
                           const char  *actor_unit_id,
                           SpUnitKind   actor_kind,
                           GDateTime   *death_at,
                           GDateTime   *server_now,
                           const char  *user_name,
                           GError     **error)
{
  RETURN_IF_BAD_CALL (self, server_now, user_name);
  g_return_val_if_fail (death_at != NULL, FALSE);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_REGISTER_DEATH, actor_unit_id, actor_kind,
                       error) ||
      !check_within_stay (self, death_at, server_now, error))
    return FALSE;

  self->state = SP_EPISODE_STATE_DECEASED;
  self->death_at = g_date_time_ref (death_at);

  sp_episode_append_event (self, SP_EPISODE_ACTION_REGISTER_DEATH, server_now, user_name,
                           actor_unit_id, NULL);
  return TRUE;
}

/**
 * sp_episode_cancel:
 * @reason: why, shown to the units; not empty
 *
 * Ends the episode without discharge.
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_cancel (SpEpisode   *self,
                   const char  *actor_unit_id,
                   SpUnitKind   actor_kind,
                   const char  *reason,
                   GDateTime   *server_now,
                   const char  *user_name,
                   GError     **error)
{
  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_CANCEL, actor_unit_id, actor_kind, error))
    return FALSE;

  if (reason == NULL || *reason == '\0' || g_utf8_strlen (reason, -1) > SP_JSON_MAX_TEXT)
    return fail (error, SP_EPISODE_ERROR_INVALID, "A cancellation needs a reason");

  self->state = SP_EPISODE_STATE_CANCELLED;
  self->cancelled_at = g_date_time_ref (server_now);
  self->cancel_reason = g_strdup (reason);

  sp_episode_append_event (self, SP_EPISODE_ACTION_CANCEL, server_now, user_name,
                           actor_unit_id, reason);
  return TRUE;
}

/**
 * sp_episode_add_unit_via_sip_invitation:
 * @unit_id: the invited unit
 * @unit_kind: its kind
 *
 * A unit invited to the SIP joins the addressing: it sees the episode from now on and must
 * acknowledge the (forwarded) notices like the others (DOMAIN §5, §12).
 *
 * Returns: %TRUE, or %FALSE with @error set.
 */
gboolean
sp_episode_add_unit_via_sip_invitation (SpEpisode   *self,
                                        const char  *actor_unit_id,
                                        SpUnitKind   actor_kind,
                                        const char  *unit_id,
                                        SpUnitKind   unit_kind,
                                        GDateTime   *server_now,
                                        const char  *user_name,
                                        GError     **error)
{
  RETURN_IF_BAD_CALL (self, server_now, user_name);

  if (!sp_episode_can (self, SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION, actor_unit_id,
                       actor_kind, error))
    return FALSE;

  if (unit_id == NULL || *unit_id == '\0' || unit_kind > SP_UNIT_KIND_OTHER ||
      strcmp (unit_id, self->ward_unit_id) == 0)
    return fail (error, SP_EPISODE_ERROR_INVALID, "Not a unit that can be invited");
  if (sp_episode_find_addressee (self, unit_id) != NULL)
    return fail (error, SP_EPISODE_ERROR_ALREADY_DONE, "The unit is already addressed");

  sp_episode_push_addressee (self, unit_id, unit_kind, SP_ADDRESSING_ROLE_RECIPIENT, TRUE,
                             server_now);

  sp_episode_append_event (self, SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION, server_now,
                           user_name, actor_unit_id, unit_id);
  return TRUE;
}
