/* sp-sip-invitation.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-sip-invitation.h"
#include "sp-sip-private.h"

G_DEFINE_BOXED_TYPE (SpSipInvitedUnit, sp_sip_invited_unit,
                     sp_sip_invited_unit_copy, sp_sip_invited_unit_free)
G_DEFINE_BOXED_TYPE (SpSipInvitee, sp_sip_invitee, sp_sip_invitee_copy, sp_sip_invitee_free)
G_DEFINE_BOXED_TYPE (SpSipInvitation, sp_sip_invitation,
                     sp_sip_invitation_copy, sp_sip_invitation_free)

/**
 * sp_sip_invited_unit_new:
 * @unit_id: the unit
 * @kind: its kind
 * @name: (nullable): its display name
 * @pre_selected: %TRUE if it comes from the episode's addressing
 *
 * Returns: (transfer full): the invited unit
 */
SpSipInvitedUnit *
sp_sip_invited_unit_new (const char *unit_id,
                         SpUnitKind  kind,
                         const char *name,
                         gboolean    pre_selected)
{
  SpSipInvitedUnit *unit = g_new0 (SpSipInvitedUnit, 1);

  unit->unit_id = g_strdup (unit_id);
  unit->kind = kind;
  unit->name = g_strdup (name);
  unit->pre_selected = pre_selected;
  return unit;
}

/**
 * sp_sip_invited_unit_copy:
 *
 * Returns: (transfer full): a copy of @unit
 */
SpSipInvitedUnit *
sp_sip_invited_unit_copy (const SpSipInvitedUnit *unit)
{
  g_return_val_if_fail (unit != NULL, NULL);

  return sp_sip_invited_unit_new (unit->unit_id, unit->kind, unit->name, unit->pre_selected);
}

void
sp_sip_invited_unit_free (SpSipInvitedUnit *unit)
{
  if (unit == NULL)
    return;

  g_free (unit->unit_id);
  g_free (unit->name);
  g_free (unit);
}

/**
 * sp_sip_invited_unit_is_obliged:
 *
 * Invited health-care and social-services units must attend, even without current
 * interventions (Västerbotten); Försäkringskassan, Arbetsförmedlingen, school and other
 * outside parties (%SP_UNIT_KIND_OTHER) need not (VGR).
 */
gboolean
sp_sip_invited_unit_is_obliged (const SpSipInvitedUnit *unit)
{
  g_return_val_if_fail (unit != NULL, FALSE);

  return unit->kind != SP_UNIT_KIND_OTHER;
}

/**
 * sp_sip_invitee_new:
 * @name: the person
 * @affiliation: (nullable): organisation or relation
 *
 * Returns: (transfer full): the invitee
 */
SpSipInvitee *
sp_sip_invitee_new (const char *name,
                    const char *affiliation)
{
  SpSipInvitee *invitee = g_new0 (SpSipInvitee, 1);

  invitee->name = g_strdup (name);
  invitee->affiliation = g_strdup (affiliation);
  return invitee;
}

/**
 * sp_sip_invitee_copy:
 *
 * Returns: (transfer full): a copy of @invitee
 */
SpSipInvitee *
sp_sip_invitee_copy (const SpSipInvitee *invitee)
{
  g_return_val_if_fail (invitee != NULL, NULL);

  return sp_sip_invitee_new (invitee->name, invitee->affiliation);
}

void
sp_sip_invitee_free (SpSipInvitee *invitee)
{
  if (invitee == NULL)
    return;

  g_free (invitee->name);
  g_free (invitee->affiliation);
  g_free (invitee);
}

/**
 * sp_sip_invitation_new:
 * @patient_id: (nullable): whom the planning is for
 *
 * Returns: (transfer full): an empty invitation for a meeting in the home
 */
SpSipInvitation *
sp_sip_invitation_new (const char *patient_id)
{
  SpSipInvitation *invitation = g_new0 (SpSipInvitation, 1);

  invitation->patient_id = g_strdup (patient_id);
  invitation->units = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_invited_unit_free);
  invitation->invitees = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_invitee_free);
  invitation->form = SP_SIP_MEETING_FORM_HOME;
  return invitation;
}

/**
 * sp_sip_invitation_copy:
 *
 * Returns: (transfer full): a deep copy of @invitation
 */
SpSipInvitation *
sp_sip_invitation_copy (const SpSipInvitation *invitation)
{
  SpSipInvitation *copy;

  g_return_val_if_fail (invitation != NULL, NULL);

  copy = sp_sip_invitation_new (invitation->patient_id);
  copy->patient_name = g_strdup (invitation->patient_name);
  copy->purpose = g_strdup (invitation->purpose);
  copy->agenda = g_strdupv (invitation->agenda);
  copy->convener_name = g_strdup (invitation->convener_name);
  copy->convener_unit_id = g_strdup (invitation->convener_unit_id);
  copy->convener_phone = g_strdup (invitation->convener_phone);
  for (guint i = 0; i < invitation->units->len; i++)
    g_ptr_array_add (copy->units,
                     sp_sip_invited_unit_copy (g_ptr_array_index (invitation->units, i)));
  for (guint i = 0; i < invitation->invitees->len; i++)
    g_ptr_array_add (copy->invitees,
                     sp_sip_invitee_copy (g_ptr_array_index (invitation->invitees, i)));
  sp_sip_replace_datetime (&copy->meeting_at, invitation->meeting_at);
  copy->place = g_strdup (invitation->place);
  copy->form = invitation->form;
  copy->phone_reason = g_strdup (invitation->phone_reason);
  copy->video_details = g_strdup (invitation->video_details);
  copy->with_patient = g_strdup (invitation->with_patient);
  return copy;
}

void
sp_sip_invitation_free (SpSipInvitation *invitation)
{
  if (invitation == NULL)
    return;

  g_free (invitation->patient_id);
  g_free (invitation->patient_name);
  g_free (invitation->purpose);
  g_strfreev (invitation->agenda);
  g_free (invitation->convener_name);
  g_free (invitation->convener_unit_id);
  g_free (invitation->convener_phone);
  g_ptr_array_unref (invitation->units);
  g_ptr_array_unref (invitation->invitees);
  g_clear_pointer (&invitation->meeting_at, g_date_time_unref);
  g_free (invitation->place);
  g_free (invitation->phone_reason);
  g_free (invitation->video_details);
  g_free (invitation->with_patient);
  g_free (invitation);
}

static gboolean
check_units (const SpSipInvitation  *invitation,
             GError                **error)
{
  if (invitation->units->len == 0)
    {
      g_set_error_literal (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD, "units: required");
      return FALSE;
    }

  for (guint i = 0; i < invitation->units->len; i++)
    {
      SpSipInvitedUnit *unit = g_ptr_array_index (invitation->units, i);
      g_autofree char *field = g_strdup_printf ("units[%u].unit_id", i);

      if (!sp_sip_check_text (field, unit->unit_id, TRUE, SP_SIP_MAX_ID, error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          SpSipInvitedUnit *earlier = g_ptr_array_index (invitation->units, j);

          if (g_strcmp0 (earlier->unit_id, unit->unit_id) == 0)
            {
              g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID, "%s: repeated", field);
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < invitation->invitees->len; i++)
    {
      SpSipInvitee *invitee = g_ptr_array_index (invitation->invitees, i);
      g_autofree char *field = g_strdup_printf ("invitees[%u].name", i);

      if (!sp_sip_check_text (field, invitee->name, TRUE, SP_SIP_MAX_NAME, error))
        return FALSE;
    }

  return TRUE;
}

/* DOMAIN §8: telephone only as a last resort, with the reason; video needs the connection
 * details and a professional physically with the patient. */
static gboolean
check_meeting_form (const SpSipInvitation  *invitation,
                    GError                **error)
{
  switch (invitation->form)
    {
    case SP_SIP_MEETING_FORM_HOME:
      return TRUE;
    case SP_SIP_MEETING_FORM_OTHER_PLACE:
      return sp_sip_check_text ("place", invitation->place, TRUE, SP_SIP_MAX_NAME, error);
    case SP_SIP_MEETING_FORM_VIDEO:
      return sp_sip_check_text ("video_details", invitation->video_details, TRUE,
                                SP_SIP_MAX_TEXT, error) &&
             sp_sip_check_text ("with_patient", invitation->with_patient, TRUE,
                                SP_SIP_MAX_NAME, error);
    case SP_SIP_MEETING_FORM_PHONE:
      return sp_sip_check_text ("phone_reason", invitation->phone_reason, TRUE,
                                SP_SIP_MAX_TEXT, error);
    default:
      g_set_error_literal (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID, "form: unknown value");
      return FALSE;
    }
}

/**
 * sp_sip_invitation_validate:
 *
 * Checks that the invitation states everything a kallelse must (DOMAIN §8): whom it is
 * for, purpose and agenda, the convener, at least one unit, the time, and what the meeting
 * form needs. The error (%SP_SIP_ERROR_MISSING_FIELD, or %SP_SIP_ERROR_INVALID for a
 * repeated unit) starts with the field's path, e.g. "phone_reason: required".
 *
 * Returns: %TRUE if the invitation can be sent
 */
gboolean
sp_sip_invitation_validate (const SpSipInvitation  *invitation,
                            GError                **error)
{
  gboolean has_agenda_item = FALSE;

  g_return_val_if_fail (invitation != NULL, FALSE);

  for (guint i = 0; invitation->agenda != NULL && invitation->agenda[i] != NULL; i++)
    has_agenda_item |= sp_sip_has_text (invitation->agenda[i]);

  if (!sp_sip_check_text ("patient_id", invitation->patient_id, TRUE, SP_SIP_MAX_ID, error) ||
      !sp_sip_check_text ("purpose", invitation->purpose, TRUE, SP_SIP_MAX_TEXT, error))
    return FALSE;

  if (!has_agenda_item)
    {
      g_set_error_literal (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD, "agenda: required");
      return FALSE;
    }

  if (!sp_sip_check_text ("convener.name", invitation->convener_name, TRUE, SP_SIP_MAX_NAME,
                          error) ||
      !sp_sip_check_text ("convener.unit_id", invitation->convener_unit_id, TRUE,
                          SP_SIP_MAX_ID, error) ||
      !check_units (invitation, error))
    return FALSE;

  if (invitation->meeting_at == NULL)
    {
      g_set_error_literal (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD,
                           "meeting_at: required");
      return FALSE;
    }

  return check_meeting_form (invitation, error);
}

/* A NULL and an empty agenda are both written as [], so they compare alike. */
static gboolean
agenda_equal (char **a,
              char **b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? (const char * const *) a : empty,
                       b != NULL ? (const char * const *) b : empty);
}

gboolean
sp_sip_invitation_equal (const SpSipInvitation *a,
                         const SpSipInvitation *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->units->len != b->units->len || a->invitees->len != b->invitees->len)
    return FALSE;

  for (guint i = 0; i < a->units->len; i++)
    {
      SpSipInvitedUnit *ua = g_ptr_array_index (a->units, i);
      SpSipInvitedUnit *ub = g_ptr_array_index (b->units, i);

      if (g_strcmp0 (ua->unit_id, ub->unit_id) != 0 || ua->kind != ub->kind ||
          g_strcmp0 (ua->name, ub->name) != 0 || !ua->pre_selected != !ub->pre_selected)
        return FALSE;
    }

  for (guint i = 0; i < a->invitees->len; i++)
    {
      SpSipInvitee *ia = g_ptr_array_index (a->invitees, i);
      SpSipInvitee *ib = g_ptr_array_index (b->invitees, i);

      if (g_strcmp0 (ia->name, ib->name) != 0 ||
          g_strcmp0 (ia->affiliation, ib->affiliation) != 0)
        return FALSE;
    }

  return g_strcmp0 (a->patient_id, b->patient_id) == 0 &&
         g_strcmp0 (a->patient_name, b->patient_name) == 0 &&
         g_strcmp0 (a->purpose, b->purpose) == 0 &&
         agenda_equal (a->agenda, b->agenda) &&
         g_strcmp0 (a->convener_name, b->convener_name) == 0 &&
         g_strcmp0 (a->convener_unit_id, b->convener_unit_id) == 0 &&
         g_strcmp0 (a->convener_phone, b->convener_phone) == 0 &&
         sp_date_time_equal0 (a->meeting_at, b->meeting_at) &&
         g_strcmp0 (a->place, b->place) == 0 &&
         a->form == b->form &&
         g_strcmp0 (a->phone_reason, b->phone_reason) == 0 &&
         g_strcmp0 (a->video_details, b->video_details) == 0 &&
         g_strcmp0 (a->with_patient, b->with_patient) == 0;
}

/**
 * sp_sip_invitation_to_json:
 *
 * Returns: (transfer full): the invitation as a JSON object
 */
JsonNode *
sp_sip_invitation_to_json (const SpSipInvitation *invitation)
{
  JsonObject *object;
  JsonObject *convener;
  JsonArray *units;
  JsonArray *invitees;
  JsonNode *node;

  g_return_val_if_fail (invitation != NULL, NULL);

  object = json_object_new ();
  sp_json_set_string (object, "patient_id", invitation->patient_id);
  sp_json_set_string (object, "patient_name", invitation->patient_name);
  sp_json_set_string (object, "purpose", invitation->purpose);
  sp_json_set_strv (object, "agenda", (const char * const *) invitation->agenda);

  convener = json_object_new ();
  sp_json_set_string (convener, "name", invitation->convener_name);
  sp_json_set_string (convener, "unit_id", invitation->convener_unit_id);
  sp_json_set_string (convener, "phone", invitation->convener_phone);
  json_object_set_object_member (object, "convener", convener);

  units = json_array_new ();
  for (guint i = 0; i < invitation->units->len; i++)
    {
      SpSipInvitedUnit *unit = g_ptr_array_index (invitation->units, i);
      JsonObject *member = json_object_new ();

      sp_json_set_string (member, "unit_id", unit->unit_id);
      sp_json_set_enum (member, "kind", SP_TYPE_UNIT_KIND, unit->kind);
      sp_json_set_string (member, "name", unit->name);
      json_object_set_boolean_member (member, "pre_selected", unit->pre_selected);
      json_array_add_object_element (units, member);
    }
  json_object_set_array_member (object, "units", units);

  invitees = json_array_new ();
  for (guint i = 0; i < invitation->invitees->len; i++)
    {
      SpSipInvitee *invitee = g_ptr_array_index (invitation->invitees, i);
      JsonObject *member = json_object_new ();

      sp_json_set_string (member, "name", invitee->name);
      sp_json_set_string (member, "affiliation", invitee->affiliation);
      json_array_add_object_element (invitees, member);
    }
  json_object_set_array_member (object, "invitees", invitees);

  sp_json_set_datetime (object, "meeting_at", invitation->meeting_at);
  sp_json_set_string (object, "place", invitation->place);
  sp_json_set_enum (object, "form", SP_TYPE_SIP_MEETING_FORM, invitation->form);
  sp_json_set_string (object, "phone_reason", invitation->phone_reason);
  sp_json_set_string (object, "video_details", invitation->video_details);
  sp_json_set_string (object, "with_patient", invitation->with_patient);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static gboolean
read_convener (SpSipInvitation  *invitation,
               JsonObject       *object,
               GError          **error)
{
  JsonObject *convener = sp_json_get_object (object, "convener", TRUE, error);

  if (convener == NULL)
    return FALSE;

  if (!sp_json_get_string (convener, "name", FALSE, SP_SIP_MAX_NAME,
                           &invitation->convener_name, error) ||
      !sp_json_get_string (convener, "unit_id", FALSE, SP_SIP_MAX_ID,
                           &invitation->convener_unit_id, error) ||
      !sp_json_get_string (convener, "phone", FALSE, SP_SIP_MAX_NAME,
                           &invitation->convener_phone, error))
    {
      g_prefix_error (error, "convener.");
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_unit (JsonObject  *member,
           GPtrArray   *units,
           GError     **error)
{
  g_autoptr(SpSipInvitedUnit) unit = sp_sip_invited_unit_new (NULL, SP_UNIT_KIND_OTHER, NULL,
                                                              FALSE);
  int kind = SP_UNIT_KIND_OTHER;

  if (!sp_json_get_string (member, "unit_id", TRUE, SP_SIP_MAX_ID, &unit->unit_id, error) ||
      !sp_json_get_enum (member, "kind", TRUE, SP_TYPE_UNIT_KIND, &kind, error) ||
      !sp_json_get_string (member, "name", FALSE, SP_SIP_MAX_NAME, &unit->name, error) ||
      !sp_json_get_bool (member, "pre_selected", TRUE, &unit->pre_selected, error))
    return FALSE;

  unit->kind = kind;
  g_ptr_array_add (units, g_steal_pointer (&unit));
  return TRUE;
}

static gboolean
read_invitee (JsonObject  *member,
              GPtrArray   *invitees,
              GError     **error)
{
  g_autoptr(SpSipInvitee) invitee = sp_sip_invitee_new (NULL, NULL);

  if (!sp_json_get_string (member, "name", TRUE, SP_SIP_MAX_NAME, &invitee->name, error) ||
      !sp_json_get_string (member, "affiliation", FALSE, SP_SIP_MAX_NAME,
                           &invitee->affiliation, error))
    return FALSE;

  g_ptr_array_add (invitees, g_steal_pointer (&invitee));
  return TRUE;
}

static gboolean
read_list (JsonObject   *object,
           const char   *member,
           gboolean    (*read_one) (JsonObject *member, GPtrArray *out, GError **error),
           GPtrArray    *out,
           GError      **error)
{
  JsonArray *array = sp_json_get_array (object, member, TRUE, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = sp_sip_json_array_get_object (array, member, i, error);

      if (element == NULL)
        return FALSE;

      if (!read_one (element, out, error))
        {
          g_prefix_error (error, "%s[%u].", member, i);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * sp_sip_invitation_new_from_json:
 *
 * Strict about types, values and lengths; a draft may still be incomplete, so
 * completeness is sp_sip_invitation_validate()'s business.
 *
 * Returns: (transfer full) (nullable): the invitation, or %NULL with @error set
 */
SpSipInvitation *
sp_sip_invitation_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(SpSipInvitation) invitation = sp_sip_invitation_new (NULL);
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  int form = SP_SIP_MEETING_FORM_HOME;

  if (object == NULL ||
      !sp_json_get_string (object, "patient_id", FALSE, SP_SIP_MAX_ID,
                           &invitation->patient_id, error) ||
      !sp_json_get_string (object, "patient_name", FALSE, SP_SIP_MAX_NAME,
                           &invitation->patient_name, error) ||
      !sp_json_get_string (object, "purpose", FALSE, SP_SIP_MAX_TEXT, &invitation->purpose,
                           error) ||
      !sp_json_get_strv (object, "agenda", TRUE, SP_SIP_MAX_TEXT, &invitation->agenda, error) ||
      !read_convener (invitation, object, error) ||
      !read_list (object, "units", read_unit, invitation->units, error) ||
      !read_list (object, "invitees", read_invitee, invitation->invitees, error) ||
      !sp_json_get_datetime (object, "meeting_at", FALSE, &invitation->meeting_at, error) ||
      !sp_json_get_string (object, "place", FALSE, SP_SIP_MAX_NAME, &invitation->place, error) ||
      !sp_json_get_enum (object, "form", TRUE, SP_TYPE_SIP_MEETING_FORM, &form, error) ||
      !sp_json_get_string (object, "phone_reason", FALSE, SP_SIP_MAX_TEXT,
                           &invitation->phone_reason, error) ||
      !sp_json_get_string (object, "video_details", FALSE, SP_SIP_MAX_TEXT,
                           &invitation->video_details, error) ||
      !sp_json_get_string (object, "with_patient", FALSE, SP_SIP_MAX_NAME,
                           &invitation->with_patient, error))
    return NULL;

  invitation->form = form;
  return g_steal_pointer (&invitation);
}
