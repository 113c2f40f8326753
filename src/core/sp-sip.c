/* sp-sip.c — the SIP's life; its JSON form is in sp-sip-json.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-sip-private.h"

G_DEFINE_FINAL_TYPE (SpSip, sp_sip, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
check_open (SpSip   *self,
            GError **error)
{
  if (self->status != SP_SIP_STATUS_CLOSED)
    return TRUE;

  return sp_sip_refuse (error, SP_SIP_ERROR_CLOSED, "status", "the SIP is closed");
}

static void
set_status (SpSip       *self,
            SpSipStatus  status)
{
  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static gboolean
has_unit_id (GPtrArray  *unit_ids,
             const char *unit_id)
{
  return g_ptr_array_find_with_equal_func (unit_ids, unit_id, g_str_equal, NULL);
}

static void
sp_sip_finalize (GObject *object)
{
  SpSip *self = (SpSip *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->patient_id, g_free);
  g_clear_pointer (&self->episode_id, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->created_by, g_free);
  g_clear_pointer (&self->invitation, sp_sip_invitation_free);
  g_clear_pointer (&self->invitation_sent_at, g_date_time_unref);
  g_clear_pointer (&self->invited_unit_ids, g_ptr_array_unref);
  g_clear_pointer (&self->mapping, sp_sip_mapping_free);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
  g_clear_pointer (&self->evaluation, sp_sip_evaluation_free);
  g_clear_pointer (&self->closing, sp_sip_closing_free);

  G_OBJECT_CLASS (sp_sip_parent_class)->finalize (object);
}

static void
sp_sip_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  SpSip *self = SP_SIP (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_sip_class_init (SpSipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_sip_finalize;
  object_class->get_property = sp_sip_get_property;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       SP_TYPE_SIP_STATUS, SP_SIP_STATUS_DRAFT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_sip_init (SpSip *self)
{
  self->invited_unit_ids = g_ptr_array_new_with_free_func (g_free);
  self->plan = sp_sip_plan_new ();
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_version_unref);
  self->follow_ups = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_follow_up_free);
}

/**
 * sp_sip_new:
 * @id: the SIP's id
 * @patient_id: whom it is for
 * @episode_id: (nullable): the SVU episode it comes from; %NULL for a stand-alone SIP
 * @variant: a SIP or a samordnad vårdplan
 * @created_at: when it was created
 * @created_by: who created it
 *
 * Returns: (transfer full): a draft SIP with an empty plan
 */
SpSip *
sp_sip_new (const char   *id,
            const char   *patient_id,
            const char   *episode_id,
            SpSipVariant  variant,
            GDateTime    *created_at,
            const char   *created_by)
{
  SpSip *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);
  g_return_val_if_fail (created_at != NULL, NULL);
  g_return_val_if_fail (created_by != NULL, NULL);

  self = g_object_new (SP_TYPE_SIP, NULL);
  self->id = g_strdup (id);
  self->patient_id = g_strdup (patient_id);
  self->episode_id = g_strdup (episode_id);
  self->variant = variant;
  self->created_at = g_date_time_ref (created_at);
  self->created_by = g_strdup (created_by);
  return self;
}

const char *
sp_sip_get_id (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->id;
}

const char *
sp_sip_get_patient_id (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->patient_id;
}

/**
 * sp_sip_get_episode_id:
 *
 * Returns: (nullable): the episode, or %NULL for a stand-alone SIP
 */
const char *
sp_sip_get_episode_id (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->episode_id;
}

SpSipVariant
sp_sip_get_variant (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), SP_SIP_VARIANT_SIP);

  return self->variant;
}

SpSipStatus
sp_sip_get_status (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), SP_SIP_STATUS_DRAFT);

  return self->status;
}

/**
 * sp_sip_get_revision:
 *
 * Returns: the storage revision; the store bumps it on every save (not a plan version)
 */
gint64
sp_sip_get_revision (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), 0);

  return self->revision;
}

void
sp_sip_set_revision (SpSip  *self,
                     gint64  revision)
{
  g_return_if_fail (SP_IS_SIP (self));
  g_return_if_fail (revision >= 0);

  self->revision = revision;
}

/**
 * sp_sip_get_created_at:
 *
 * Returns: (transfer none): when the SIP was created
 */
GDateTime *
sp_sip_get_created_at (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->created_at;
}

const char *
sp_sip_get_created_by (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->created_by;
}

/**
 * sp_sip_is_active:
 *
 * Returns: %TRUE unless the SIP is closed (drafts count: DOMAIN §8, one active SIP)
 */
gboolean
sp_sip_is_active (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), FALSE);

  return self->status != SP_SIP_STATUS_CLOSED;
}

/**
 * sp_sip_get_invitation:
 *
 * Returns: (transfer none) (nullable): the invitation; copy it to edit it
 */
const SpSipInvitation *
sp_sip_get_invitation (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->invitation;
}

/* Refuses what could not be stored and read back: @node is written by a to_json function
 * and must survive the strict reader. Takes @node. */
static gboolean
check_storable (JsonNode        *node,
                gpointer       (*read) (JsonNode *node, GError **error),
                GDestroyNotify   free_value,
                const char      *field,
                GError         **error)
{
  g_autoptr(JsonNode) owned = node;
  gpointer value = read (owned, error);

  if (value == NULL)
    {
      g_prefix_error (error, "%s.", field);
      return FALSE;
    }

  free_value (value);
  return TRUE;
}

/**
 * sp_sip_set_invitation:
 * @invitation: the invitation to copy in (it may still be incomplete)
 *
 * Refused once closed, or if the invitation names another patient.
 */
gboolean
sp_sip_set_invitation (SpSip                  *self,
                       const SpSipInvitation  *invitation,
                       GError                **error)
{
  g_return_val_if_fail (SP_IS_SIP (self), FALSE);
  g_return_val_if_fail (invitation != NULL, FALSE);

  if (!check_open (self, error) ||
      !check_storable (sp_sip_invitation_to_json (invitation),
                       (gpointer) sp_sip_invitation_new_from_json,
                       (GDestroyNotify) sp_sip_invitation_free, "invitation", error))
    return FALSE;

  if (invitation->patient_id != NULL && g_strcmp0 (invitation->patient_id, self->patient_id))
    return sp_sip_refuse (error, SP_SIP_ERROR_INVALID, "invitation.patient_id",
                          "not this SIP's patient");

  g_clear_pointer (&self->invitation, sp_sip_invitation_free);
  self->invitation = sp_sip_invitation_copy (invitation);
  return TRUE;
}

/**
 * sp_sip_send_invitation:
 * @consent_given: the patient's consent to the SIP is documented (DOMAIN §4)
 * @sent_at: when it is sent
 *
 * Sends the (complete) invitation: a draft becomes invited. May be sent again, e.g. after
 * adding a unit or to invite to a follow-up.
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the ids of the units that get
 *   access to the patient only now (not pre-selected from the episode, not invited
 *   before), or %NULL with @error set
 */
GPtrArray *
sp_sip_send_invitation (SpSip      *self,
                        gboolean    consent_given,
                        GDateTime  *sent_at,
                        GError    **error)
{
  g_autoptr(GPtrArray) newly_invited = NULL;

  g_return_val_if_fail (SP_IS_SIP (self), NULL);
  g_return_val_if_fail (sent_at != NULL, NULL);

  if (!check_open (self, error))
    return NULL;

  if (!consent_given)
    {
      sp_sip_refuse (error, SP_SIP_ERROR_CONSENT_REQUIRED, "consent",
                     "a SIP needs the patient's consent");
      return NULL;
    }

  if (self->invitation == NULL)
    {
      sp_sip_refuse (error, SP_SIP_ERROR_MISSING_FIELD, "invitation", "required");
      return NULL;
    }

  if (!sp_sip_invitation_validate (self->invitation, error))
    {
      g_prefix_error (error, "invitation.");
      return NULL;
    }

  newly_invited = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->invitation->units->len; i++)
    {
      SpSipInvitedUnit *unit = g_ptr_array_index (self->invitation->units, i);

      if (unit->pre_selected || has_unit_id (self->invited_unit_ids, unit->unit_id))
        continue;

      g_ptr_array_add (newly_invited, g_strdup (unit->unit_id));
      g_ptr_array_add (self->invited_unit_ids, g_strdup (unit->unit_id));
    }

  if (self->invitation_sent_at == NULL)
    self->invitation_sent_at = g_date_time_ref (sent_at);
  if (self->status == SP_SIP_STATUS_DRAFT)
    set_status (self, SP_SIP_STATUS_INVITED);

  return g_steal_pointer (&newly_invited);
}

/**
 * sp_sip_get_invitation_sent_at:
 *
 * Returns: (transfer none) (nullable): when the invitation was first sent
 */
GDateTime *
sp_sip_get_invitation_sent_at (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->invitation_sent_at;
}

/**
 * sp_sip_get_invited_unit_ids:
 *
 * Returns: (transfer none) (element-type utf8): every unit the invitations gave access to
 */
GPtrArray *
sp_sip_get_invited_unit_ids (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->invited_unit_ids;
}

/**
 * sp_sip_get_mapping:
 *
 * Returns: (transfer none) (nullable): the mapping (kartläggning)
 */
const SpSipMapping *
sp_sip_get_mapping (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->mapping;
}

/**
 * sp_sip_set_mapping:
 * @mapping: the SBAR mapping to copy in
 *
 * The mapping can only be filled in after the invitation is sent
 * (%SP_SIP_ERROR_NOT_INVITED_YET). An invited SIP is then in progress.
 */
gboolean
sp_sip_set_mapping (SpSip               *self,
                    const SpSipMapping  *mapping,
                    GError             **error)
{
  g_return_val_if_fail (SP_IS_SIP (self), FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);

  if (!check_open (self, error))
    return FALSE;

  if (self->status == SP_SIP_STATUS_DRAFT)
    return sp_sip_refuse (error, SP_SIP_ERROR_NOT_INVITED_YET, "mapping",
                          "the invitation is not sent yet");

  if (!check_storable (sp_sip_mapping_to_json (mapping),
                       (gpointer) sp_sip_mapping_new_from_json,
                       (GDestroyNotify) sp_sip_mapping_free, "mapping", error))
    return FALSE;

  g_clear_pointer (&self->mapping, sp_sip_mapping_free);
  self->mapping = sp_sip_mapping_copy (mapping);
  if (self->status == SP_SIP_STATUS_INVITED)
    set_status (self, SP_SIP_STATUS_IN_PROGRESS);
  return TRUE;
}

/**
 * sp_sip_get_plan:
 *
 * The working version. Once established it is locked (edits fail with
 * %SP_SIP_ERROR_LOCKED) until sp_sip_start_revision(); once closed, edits fail with
 * %SP_SIP_ERROR_CLOSED.
 *
 * Returns: (transfer none): the working plan
 */
SpSipPlan *
sp_sip_get_plan (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->plan;
}

/**
 * sp_sip_establish:
 * @consent_given: the patient's consent to the SIP is documented (DOMAIN §4)
 * @at: when it is established
 * @by: who establishes (locks) it: the lead
 *
 * Establishes (upprättar) the working plan as the next version and locks it. Needs a sent
 * invitation, consent, and a complete plan signed by every participant
 * (sp_sip_plan_check_complete(); errors under "plan.").
 *
 * Returns: (transfer none) (nullable): the new version, or %NULL with @error set
 */
SpSipVersion *
sp_sip_establish (SpSip       *self,
                  gboolean     consent_given,
                  GDateTime   *at,
                  const char  *by,
                  GError     **error)
{
  SpSipVersion *version;

  g_return_val_if_fail (SP_IS_SIP (self), NULL);
  g_return_val_if_fail (at != NULL, NULL);

  if (!check_open (self, error))
    return NULL;

  if (!sp_sip_plan_is_editable (self->plan))
    {
      sp_sip_refuse (error, SP_SIP_ERROR_LOCKED, "plan", "already established; start a revision");
      return NULL;
    }

  if (self->status == SP_SIP_STATUS_DRAFT)
    {
      sp_sip_refuse (error, SP_SIP_ERROR_NOT_INVITED_YET, "invitation", "not sent yet");
      return NULL;
    }

  if (!consent_given)
    {
      sp_sip_refuse (error, SP_SIP_ERROR_CONSENT_REQUIRED, "consent",
                     "a SIP needs the patient's consent");
      return NULL;
    }

  if (!sp_sip_check_text ("established_by", by, TRUE, SP_SIP_MAX_NAME, error))
    return NULL;

  if (!sp_sip_plan_check_complete (self->plan, error))
    {
      g_prefix_error (error, "plan.");
      return NULL;
    }

  version = sp_sip_version_new (self->versions->len + 1, at, by, self->plan);
  g_ptr_array_add (self->versions, version);
  sp_sip_plan_lock (self->plan, SP_SIP_ERROR_LOCKED);
  set_status (self, SP_SIP_STATUS_ESTABLISHED);
  return version;
}

/**
 * sp_sip_start_revision:
 *
 * Starts a new working version from the latest established one, for the follow-up meeting
 * that revises the plan. Node ids are kept; signatures are cleared, since the revised plan
 * is signed anew. Established versions are not touched.
 */
gboolean
sp_sip_start_revision (SpSip   *self,
                       GError **error)
{
  g_autoptr(SpSipPlan) latest = NULL;

  g_return_val_if_fail (SP_IS_SIP (self), FALSE);

  if (!check_open (self, error))
    return FALSE;

  if (self->versions->len == 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_INVALID, "versions", "nothing established to revise");

  if (self->status != SP_SIP_STATUS_ESTABLISHED)
    return sp_sip_refuse (error, SP_SIP_ERROR_INVALID, "status", "a revision is already under way");

  latest = sp_sip_version_dup_plan (sp_sip_get_latest_version (self));
  g_clear_object (&self->plan);
  self->plan = sp_sip_plan_copy (latest);
  sp_sip_plan_clear_signatures (self->plan);
  set_status (self, SP_SIP_STATUS_IN_PROGRESS);
  return TRUE;
}

/**
 * sp_sip_get_versions:
 *
 * Returns: (transfer none) (element-type SpSipVersion): the established versions, oldest
 *   first
 */
GPtrArray *
sp_sip_get_versions (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->versions;
}

/**
 * sp_sip_get_established_version:
 * @number: 1, 2 …
 *
 * Returns: (transfer none) (nullable): established version @number
 */
SpSipVersion *
sp_sip_get_established_version (SpSip *self,
                                guint  number)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  if (number == 0 || number > self->versions->len)
    return NULL;

  return g_ptr_array_index (self->versions, number - 1);
}

/**
 * sp_sip_get_latest_version:
 *
 * Returns: (transfer none) (nullable): the latest established version (the one the patient
 *   reads in 1177)
 */
SpSipVersion *
sp_sip_get_latest_version (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return sp_sip_get_established_version (self, self->versions->len);
}

static gboolean
check_established (SpSip       *self,
                   const char  *what,
                   GError     **error)
{
  if (!check_open (self, error))
    return FALSE;

  if (self->versions->len == 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_INVALID, what, "nothing established yet");

  return TRUE;
}

/**
 * sp_sip_add_follow_up:
 * @follow_up: the comment on a sub-goal or intervention of the latest established version;
 *   its @version is ignored and set to that version
 *
 * A later comment on the same node of the same version replaces the earlier one.
 */
gboolean
sp_sip_add_follow_up (SpSip                *self,
                      const SpSipFollowUp  *follow_up,
                      GError              **error)
{
  SpSipVersion *latest;
  g_autoptr(SpSipFollowUp) copy = NULL;

  g_return_val_if_fail (SP_IS_SIP (self), FALSE);
  g_return_val_if_fail (follow_up != NULL, FALSE);

  if (!check_established (self, "follow_up", error) ||
      !sp_sip_follow_up_check (follow_up, error))
    return FALSE;

  latest = sp_sip_get_latest_version (self);
  if (!sp_sip_version_has_node (latest, follow_up->node_kind, follow_up->node_id))
    return sp_sip_refuse (error, SP_SIP_ERROR_DANGLING_REFERENCE, "node_id",
                          "not in the latest established version");

  copy = sp_sip_follow_up_copy (follow_up);
  copy->version = sp_sip_version_get_number (latest);
  for (guint i = 0; i < self->follow_ups->len; i++)
    {
      SpSipFollowUp *earlier = g_ptr_array_index (self->follow_ups, i);

      if (earlier->version == copy->version && earlier->node_kind == copy->node_kind &&
          g_strcmp0 (earlier->node_id, copy->node_id) == 0)
        {
          g_ptr_array_remove_index (self->follow_ups, i);
          break;
        }
    }

  g_ptr_array_add (self->follow_ups, g_steal_pointer (&copy));
  return TRUE;
}

/**
 * sp_sip_get_follow_ups:
 *
 * Returns: (transfer none) (element-type SpSipFollowUp): the follow-up comments of every
 *   version
 */
GPtrArray *
sp_sip_get_follow_ups (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->follow_ups;
}

/**
 * sp_sip_get_evaluation:
 *
 * Returns: (transfer none) (nullable): the evaluation of the main goal
 */
const SpSipEvaluation *
sp_sip_get_evaluation (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->evaluation;
}

/**
 * sp_sip_set_evaluation:
 * @evaluation: the lead's evaluation of the main goal with the patient
 */
gboolean
sp_sip_set_evaluation (SpSip                  *self,
                       const SpSipEvaluation  *evaluation,
                       GError                **error)
{
  g_return_val_if_fail (SP_IS_SIP (self), FALSE);
  g_return_val_if_fail (evaluation != NULL, FALSE);

  if (!check_established (self, "evaluation", error) ||
      !sp_sip_evaluation_check (evaluation, error))
    return FALSE;

  g_clear_pointer (&self->evaluation, sp_sip_evaluation_free);
  self->evaluation = sp_sip_evaluation_copy (evaluation);
  return TRUE;
}

/**
 * sp_sip_close:
 * @reason: why (goals met, no longer needed, consent withdrawn, patient declined, other)
 * @text: (nullable): explanation; required for %SP_SIP_CLOSE_REASON_OTHER
 * @by: who closes it
 * @at: when
 *
 * Closes the SIP from any state; afterwards every edit is refused with
 * %SP_SIP_ERROR_CLOSED. A new SIP for the person can then be created.
 */
gboolean
sp_sip_close (SpSip             *self,
              SpSipCloseReason   reason,
              const char        *text,
              const char        *by,
              GDateTime         *at,
              GError           **error)
{
  g_autoptr(SpSipClosing) closing = NULL;

  g_return_val_if_fail (SP_IS_SIP (self), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  if (!check_open (self, error))
    return FALSE;

  closing = sp_sip_closing_new (reason, text, by, at);
  if (!sp_sip_closing_check (closing, error))
    return FALSE;

  self->closing = g_steal_pointer (&closing);
  sp_sip_plan_lock (self->plan, SP_SIP_ERROR_CLOSED);
  set_status (self, SP_SIP_STATUS_CLOSED);
  return TRUE;
}

/**
 * sp_sip_get_closing:
 *
 * Returns: (transfer none) (nullable): why and when the SIP was closed
 */
const SpSipClosing *
sp_sip_get_closing (SpSip *self)
{
  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  return self->closing;
}

/**
 * sp_sip_check_one_active:
 * @sips_of_person: (element-type SpSip): the person's SIPs, as stored
 * @candidate: the SIP about to be created or reopened
 *
 * Only one active (not closed) SIP per person (DOMAIN §8); an SVU episode at the same time
 * is fine. @candidate itself may be in the list. SIPs of another patient are ignored.
 *
 * Returns: %TRUE if @candidate may be active; else %FALSE with %SP_SIP_ERROR_ONE_ACTIVE
 */
gboolean
sp_sip_check_one_active (GPtrArray  *sips_of_person,
                         SpSip      *candidate,
                         GError    **error)
{
  g_return_val_if_fail (sips_of_person != NULL, FALSE);
  g_return_val_if_fail (SP_IS_SIP (candidate), FALSE);

  if (!sp_sip_is_active (candidate))
    return TRUE;

  for (guint i = 0; i < sips_of_person->len; i++)
    {
      SpSip *other = g_ptr_array_index (sips_of_person, i);

      if (other == candidate || g_strcmp0 (other->id, candidate->id) == 0 ||
          g_strcmp0 (other->patient_id, candidate->patient_id) != 0 ||
          !sp_sip_is_active (other))
        continue;

      /* The SIP id is not patient data; the patient id is, so it stays out. */
      g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_ONE_ACTIVE,
                   "patient_id: SIP %s is still active", other->id);
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_sip_get_patient_contact:
 * @lead_care_contact: (nullable): the patient's lead care contact (huvudansvarig FVK)
 * @care_contact: (nullable): the patient's care contact (FVK)
 *
 * The contact 1177 shows with the SIP (DOMAIN §8): the SIP lead of the latest established
 * version, else the lead care contact, else the care contact.
 *
 * Returns: (transfer full) (nullable): the contact's name, or %NULL if there is none
 */
char *
sp_sip_get_patient_contact (SpSip      *self,
                            const char *lead_care_contact,
                            const char *care_contact)
{
  SpSipVersion *latest;

  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  latest = sp_sip_get_latest_version (self);
  if (latest != NULL)
    {
      g_autoptr(SpSipPlan) plan = sp_sip_version_dup_plan (latest);

      if (sp_sip_has_text (sp_sip_plan_get_lead_name (plan)))
        return g_strdup (sp_sip_plan_get_lead_name (plan));
    }

  if (sp_sip_has_text (lead_care_contact))
    return g_strdup (lead_care_contact);

  if (sp_sip_has_text (care_contact))
    return g_strdup (care_contact);

  return NULL;
}

/**
 * sp_sip_variant_get_label:
 *
 * Returns: (transfer none): the Swedish name shown for @variant
 */
const char *
sp_sip_variant_get_label (SpSipVariant variant)
{
  switch (variant)
    {
    case SP_SIP_VARIANT_SIP:
      return "SIP";
    case SP_SIP_VARIANT_COORDINATED_CARE_PLAN:
      return "Samordnad vårdplan";
    default:
      g_return_val_if_reached (NULL);
    }
}
