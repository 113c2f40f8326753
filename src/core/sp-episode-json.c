/* sp-episode-json.c — the episode's JSON form and equality
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
#include "sp-types.h"

#define MAX_ID   256
#define MAX_NAME 256

typedef JsonNode *(*WriteFunc) (gconstpointer item);
/* Reads one array element into a new part, or returns NULL with @error set. */
typedef gpointer  (*ReadFunc)  (JsonObject *object, GError **error);

static gboolean
invalid (GError     **error,
         const char  *path,
         const char  *problem)
{
  g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: %s", path, problem);
  return FALSE;
}

/* A required member that must also not be empty, like every id. */
static gboolean
get_id (JsonObject  *object,
        const char  *member,
        char       **out,
        GError     **error)
{
  if (!sp_json_get_string (object, member, TRUE, MAX_ID, out, error))
    return FALSE;

  return **out != '\0' || invalid (error, member, "empty");
}

static void
set_array (JsonObject *object,
           const char *member,
           GPtrArray  *items,
           WriteFunc   write)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, write (g_ptr_array_index (items, i)));

  json_object_set_array_member (object, member, array);
}

static gboolean
get_array (JsonObject  *object,
           const char  *member,
           ReadFunc     read,
           GPtrArray   *into,
           GError     **error)
{
  JsonArray *array = sp_json_get_array (object, member, TRUE, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", member, i);
      JsonObject *element;
      gpointer item;

      element = sp_json_node_get_object (json_array_get_element (array, i), path, error);
      if (element == NULL)
        return FALSE;

      item = read (element, error);
      if (item == NULL)
        {
          g_prefix_error (error, "%s.", path);
          return FALSE;
        }
      g_ptr_array_add (into, item);
    }

  return TRUE;
}

/* Discharge estimates */

static JsonNode *
estimate_to_json (gconstpointer item)
{
  const SpDischargeEstimate *estimate = item;
  JsonObject *object = json_object_new ();

  sp_json_set_date (object, "date", &estimate->date);
  sp_json_set_datetime (object, "changed_at", estimate->changed_at);
  sp_json_set_string (object, "changed_by", estimate->changed_by);
  return sp_json_node_new_object (object);
}

static gpointer
estimate_from_json (JsonObject  *object,
                    GError     **error)
{
  SpDischargeEstimate *estimate = g_new0 (SpDischargeEstimate, 1);

  g_date_clear (&estimate->date, 1);
  if (!sp_json_get_date (object, "date", TRUE, &estimate->date, error) ||
      !sp_json_get_datetime (object, "changed_at", TRUE, &estimate->changed_at, error) ||
      !get_id (object, "changed_by", &estimate->changed_by, error))
    {
      sp_discharge_estimate_free (estimate);
      return NULL;
    }

  return estimate;
}

static gboolean
estimate_equal (gconstpointer pa,
                gconstpointer pb)
{
  const SpDischargeEstimate *a = pa, *b = pb;

  return g_date_compare (&a->date, &b->date) == 0 &&
         g_date_time_equal (a->changed_at, b->changed_at) &&
         g_strcmp0 (a->changed_by, b->changed_by) == 0;
}

/* Addressing */

static JsonNode *
addressee_to_json (gconstpointer item)
{
  const SpAddressee *addressee = item;
  JsonObject *object = json_object_new ();

  sp_json_set_string (object, "unit_id", addressee->unit_id);
  sp_json_set_enum (object, "unit_kind", SP_TYPE_UNIT_KIND, addressee->unit_kind);
  sp_json_set_enum (object, "role", SP_TYPE_ADDRESSING_ROLE, addressee->role);
  json_object_set_boolean_member (object, "via_sip_invitation", addressee->via_sip_invitation);
  sp_json_set_datetime (object, "added_at", addressee->added_at);
  return sp_json_node_new_object (object);
}

static gpointer
addressee_from_json (JsonObject  *object,
                     GError     **error)
{
  SpAddressee *addressee = g_new0 (SpAddressee, 1);
  int kind = 0, role = 0;

  if (!get_id (object, "unit_id", &addressee->unit_id, error) ||
      !sp_json_get_enum (object, "unit_kind", TRUE, SP_TYPE_UNIT_KIND, &kind, error) ||
      !sp_json_get_enum (object, "role", TRUE, SP_TYPE_ADDRESSING_ROLE, &role, error) ||
      !sp_json_get_bool (object, "via_sip_invitation", TRUE, &addressee->via_sip_invitation,
                         error) ||
      !sp_json_get_datetime (object, "added_at", TRUE, &addressee->added_at, error))
    {
      sp_addressee_free (addressee);
      return NULL;
    }

  addressee->unit_kind = kind;
  addressee->role = role;
  return addressee;
}

static gboolean
addressee_equal (gconstpointer pa,
                 gconstpointer pb)
{
  const SpAddressee *a = pa, *b = pb;

  return g_strcmp0 (a->unit_id, b->unit_id) == 0 &&
         a->unit_kind == b->unit_kind &&
         a->role == b->role &&
         a->via_sip_invitation == b->via_sip_invitation &&
         g_date_time_equal (a->added_at, b->added_at);
}

/* Acknowledgements */

static JsonNode *
ack_to_json (gconstpointer item)
{
  const SpAcknowledgement *ack = item;
  JsonObject *object = json_object_new ();

  sp_json_set_string (object, "unit_id", ack->unit_id);
  sp_json_set_datetime (object, "at", ack->at);
  sp_json_set_string (object, "by", ack->by);
  return sp_json_node_new_object (object);
}

static gpointer
ack_from_json (JsonObject  *object,
               GError     **error)
{
  SpAcknowledgement *ack = g_new0 (SpAcknowledgement, 1);

  if (!get_id (object, "unit_id", &ack->unit_id, error) ||
      !sp_json_get_datetime (object, "at", TRUE, &ack->at, error) ||
      !get_id (object, "by", &ack->by, error))
    {
      sp_acknowledgement_free (ack);
      return NULL;
    }

  return ack;
}

static gboolean
ack_equal (gconstpointer pa,
           gconstpointer pb)
{
  const SpAcknowledgement *a = pa, *b = pb;

  return g_strcmp0 (a->unit_id, b->unit_id) == 0 &&
         g_date_time_equal (a->at, b->at) &&
         g_strcmp0 (a->by, b->by) == 0;
}

/* Care contacts */

static JsonNode *
contact_to_json (gconstpointer item)
{
  const SpCareContact *contact = item;
  JsonObject *object = json_object_new ();

  sp_json_set_string (object, "name", contact->name);
  sp_json_set_string (object, "work_phone", contact->work_phone);
  sp_json_set_string (object, "unit_id", contact->unit_id);
  json_object_set_boolean_member (object, "lead", contact->lead);
  sp_json_set_datetime (object, "named_at", contact->named_at);
  sp_json_set_string (object, "named_by", contact->named_by);
  return sp_json_node_new_object (object);
}

static gpointer
contact_from_json (JsonObject  *object,
                   GError     **error)
{
  SpCareContact *contact = g_new0 (SpCareContact, 1);

  if (!get_id (object, "name", &contact->name, error) ||
      !get_id (object, "work_phone", &contact->work_phone, error) ||
      !get_id (object, "unit_id", &contact->unit_id, error) ||
      !sp_json_get_bool (object, "lead", TRUE, &contact->lead, error) ||
      !sp_json_get_datetime (object, "named_at", TRUE, &contact->named_at, error) ||
      !get_id (object, "named_by", &contact->named_by, error))
    {
      sp_care_contact_free (contact);
      return NULL;
    }

  return contact;
}

static gboolean
contact_equal (gconstpointer pa,
               gconstpointer pb)
{
  const SpCareContact *a = pa, *b = pb;

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->work_phone, b->work_phone) == 0 &&
         g_strcmp0 (a->unit_id, b->unit_id) == 0 &&
         a->lead == b->lead &&
         g_date_time_equal (a->named_at, b->named_at) &&
         g_strcmp0 (a->named_by, b->named_by) == 0;
}

/* Events */

static JsonNode *
event_to_json (gconstpointer item)
{
  const SpEpisodeEvent *event = item;
  JsonObject *object = json_object_new ();

  sp_json_set_enum (object, "kind", SP_TYPE_EPISODE_ACTION, event->kind);
  sp_json_set_datetime (object, "at", event->at);
  sp_json_set_string (object, "user_name", event->user_name);
  sp_json_set_string (object, "unit_id", event->unit_id);
  sp_json_set_string (object, "detail", event->detail);
  return sp_json_node_new_object (object);
}

static gpointer
event_from_json (JsonObject  *object,
                 GError     **error)
{
  SpEpisodeEvent *event = g_new0 (SpEpisodeEvent, 1);
  int kind = 0;

  if (!sp_json_get_enum (object, "kind", TRUE, SP_TYPE_EPISODE_ACTION, &kind, error) ||
      !sp_json_get_datetime (object, "at", TRUE, &event->at, error) ||
      !get_id (object, "user_name", &event->user_name, error) ||
      !get_id (object, "unit_id", &event->unit_id, error) ||
      !sp_json_get_string (object, "detail", FALSE, SP_JSON_MAX_TEXT, &event->detail, error))
    {
      sp_episode_event_free (event);
      return NULL;
    }

  event->kind = kind;
  return event;
}

static gboolean
event_equal (gconstpointer pa,
             gconstpointer pb)
{
  const SpEpisodeEvent *a = pa, *b = pb;

  return a->kind == b->kind &&
         g_date_time_equal (a->at, b->at) &&
         g_strcmp0 (a->user_name, b->user_name) == 0 &&
         g_strcmp0 (a->unit_id, b->unit_id) == 0 &&
         g_strcmp0 (a->detail, b->detail) == 0;
}

/**
 * sp_episode_notice_to_json:
 * @type: "admission_notice" or "ready_notice"
 * @sent_at: when the notice was sent
 *
 * The notice as an inbox entry lists it (GET /inbox, and the app's inbox read from its copy
 * offline): type, id and episode_id (the episode's), patient_id, from_unit_id (the ward),
 * sent_at.
 *
 * Returns: (transfer full): a new object
 */
JsonObject *
sp_episode_notice_to_json (SpEpisode  *episode,
                           const char *type,
                           GDateTime  *sent_at)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (SP_IS_EPISODE (episode), object);

  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "id", sp_episode_get_id (episode));
  json_object_set_string_member (object, "episode_id", sp_episode_get_id (episode));
  json_object_set_string_member (object, "patient_id", sp_episode_get_patient_id (episode));
  json_object_set_string_member (object, "from_unit_id", sp_episode_get_ward_unit_id (episode));
  sp_json_set_datetime (object, "sent_at", sent_at);
  return object;
}

/**
 * sp_episode_to_json:
 *
 * Returns: (transfer full): the episode as a versioned JSON object, event log included.
 */
JsonNode *
sp_episode_to_json (SpEpisode *self)
{
  JsonObject *object;

  g_return_val_if_fail (SP_IS_EPISODE (self), NULL);

  object = sp_json_object_new_versioned ();
  sp_json_set_string (object, "id", self->id);
  sp_json_set_string (object, "patient_id", self->patient_id);
  json_object_set_boolean_member (object, "patient_is_child", self->patient_is_child);
  sp_json_set_string (object, "ward_unit_id", self->ward_unit_id);
  sp_json_set_datetime (object, "admitted_at", self->admitted_at);
  sp_json_set_datetime (object, "needs_judged_at", self->needs_judged_at);
  sp_json_set_datetime (object, "admission_notice_sent_at", self->admission_notice_sent_at);
  sp_json_set_string (object, "reason_for_contact", self->reason_for_contact);
  sp_json_set_string (object, "responsible_doctor", self->responsible_doctor);
  json_object_set_boolean_member (object, "short_stay", self->short_stay);
  set_array (object, "estimated_discharge", self->estimates, estimate_to_json);
  set_array (object, "addressing", self->addressing, addressee_to_json);
  set_array (object, "admission_acknowledgements", self->admission_acks, ack_to_json);
  set_array (object, "ready_acknowledgements", self->ready_acks, ack_to_json);
  set_array (object, "care_contacts", self->care_contacts, contact_to_json);
  sp_json_set_enum (object, "state", SP_TYPE_EPISODE_STATE, self->state);
  sp_json_set_datetime (object, "ready_at", self->ready_at);
  sp_json_set_datetime (object, "discharged_at", self->discharged_at);
  sp_json_set_datetime (object, "death_at", self->death_at);
  sp_json_set_datetime (object, "cancelled_at", self->cancelled_at);
  sp_json_set_string (object, "cancel_reason", self->cancel_reason);
  json_object_set_member (object, "consents", sp_consent_set_to_json (self->consents));
  json_object_set_int_member (object, "revision", self->revision);
  set_array (object, "events", self->events, event_to_json);

  return sp_json_node_new_object (object);
}

static gboolean
read_fields (SpEpisode   *self,
             JsonObject  *object,
             GError     **error)
{
  int state = 0;

  if (!get_id (object, "id", &self->id, error) ||
      !get_id (object, "patient_id", &self->patient_id, error) ||
      !sp_json_get_bool (object, "patient_is_child", TRUE, &self->patient_is_child, error) ||
      !get_id (object, "ward_unit_id", &self->ward_unit_id, error) ||
      !sp_json_get_datetime (object, "admitted_at", TRUE, &self->admitted_at, error) ||
      !sp_json_get_datetime (object, "needs_judged_at", FALSE, &self->needs_judged_at, error) ||
      !sp_json_get_datetime (object, "admission_notice_sent_at", FALSE,
                             &self->admission_notice_sent_at, error) ||
      !sp_json_get_string (object, "reason_for_contact", FALSE, SP_JSON_MAX_TEXT,
                           &self->reason_for_contact, error) ||
      !sp_json_get_string (object, "responsible_doctor", FALSE, MAX_NAME,
                           &self->responsible_doctor, error) ||
      !sp_json_get_bool (object, "short_stay", TRUE, &self->short_stay, error))
    return FALSE;

  if (!get_array (object, "estimated_discharge", estimate_from_json, self->estimates, error) ||
      !get_array (object, "addressing", addressee_from_json, self->addressing, error) ||
      !get_array (object, "admission_acknowledgements", ack_from_json, self->admission_acks,
                  error) ||
      !get_array (object, "ready_acknowledgements", ack_from_json, self->ready_acks, error) ||
      !get_array (object, "care_contacts", contact_from_json, self->care_contacts, error))
    return FALSE;

  if (!sp_json_get_enum (object, "state", TRUE, SP_TYPE_EPISODE_STATE, &state, error) ||
      !sp_json_get_datetime (object, "ready_at", FALSE, &self->ready_at, error) ||
      !sp_json_get_datetime (object, "discharged_at", FALSE, &self->discharged_at, error) ||
      !sp_json_get_datetime (object, "death_at", FALSE, &self->death_at, error) ||
      !sp_json_get_datetime (object, "cancelled_at", FALSE, &self->cancelled_at, error) ||
      !sp_json_get_string (object, "cancel_reason", FALSE, SP_JSON_MAX_TEXT,
                           &self->cancel_reason, error) ||
      !sp_json_get_int (object, "revision", TRUE, 0, G_MAXINT64, &self->revision, error) ||
      !get_array (object, "events", event_from_json, self->events, error))
    return FALSE;

  self->state = state;
  return TRUE;
}

static gboolean
read_consents (SpEpisode   *self,
               JsonObject  *object,
               GError     **error)
{
  g_autoptr(SpConsentSet) consents = NULL;

  if (sp_json_get_object (object, "consents", TRUE, error) == NULL)
    return FALSE;

  consents = sp_consent_set_new_from_json (json_object_get_member (object, "consents"), error);
  if (consents == NULL)
    {
      g_prefix_error (error, "consents.");
      return FALSE;
    }

  g_set_object (&self->consents, consents);
  return TRUE;
}

/* The state and the times that go with it must agree, as the actions leave them. */
static gboolean
check_state_times (SpEpisode  *self,
                   GError    **error)
{
  SpEpisodeState state = self->state;

  if (self->admission_notice_sent_at == NULL && state != SP_EPISODE_STATE_PLANNING)
    return invalid (error, "admission_notice_sent_at", "required in this state");
  /* Death or cancellation may come before or after ready. */
  if ((state == SP_EPISODE_STATE_PLANNING && self->ready_at != NULL) ||
      ((state == SP_EPISODE_STATE_READY || state == SP_EPISODE_STATE_DISCHARGED) &&
       self->ready_at == NULL))
    return invalid (error, "ready_at", "does not match the state");
  if ((self->discharged_at != NULL) != (state == SP_EPISODE_STATE_DISCHARGED))
    return invalid (error, "discharged_at", "does not match the state");
  if ((self->death_at != NULL) != (state == SP_EPISODE_STATE_DECEASED))
    return invalid (error, "death_at", "does not match the state");
  if ((self->cancelled_at != NULL) != (state == SP_EPISODE_STATE_CANCELLED) ||
      (self->cancel_reason != NULL) != (state == SP_EPISODE_STATE_CANCELLED))
    return invalid (error, "cancelled_at", "does not match the state");

  return TRUE;
}

/* References between the parts must hold, so that no reader is surprised later. */
static gboolean
check_parts (SpEpisode  *self,
             GError    **error)
{
  guint leads = 0;

  for (guint i = 0; i < self->addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (self->addressing, i);

      if (strcmp (addressee->unit_id, self->ward_unit_id) == 0 ||
          sp_episode_find_addressee (self, addressee->unit_id) != addressee)
        return invalid (error, "addressing", "the ward or a unit twice");
    }

  for (guint n = 0; n <= SP_EPISODE_NOTICE_READY; n++)
    {
      GPtrArray *acks = sp_episode_get_acknowledgements (self, n);

      for (guint i = 0; i < acks->len; i++)
        {
          const SpAcknowledgement *ack = g_ptr_array_index (acks, i);

          if (sp_episode_find_addressee (self, ack->unit_id) == NULL ||
              sp_episode_find_acknowledgement (self, n, ack->unit_id) != ack)
            return invalid (error, n == SP_EPISODE_NOTICE_ADMISSION
                                   ? "admission_acknowledgements" : "ready_acknowledgements",
                            "not addressed, or twice");
        }
    }

  for (guint i = 0; i < self->care_contacts->len; i++)
    {
      SpCareContact *contact = g_ptr_array_index (self->care_contacts, i);

      if (sp_episode_find_addressee (self, contact->unit_id) == NULL ||
          sp_episode_find_care_contact (self, contact->unit_id) != contact)
        return invalid (error, "care_contacts", "not addressed, or a unit twice");
      leads += contact->lead ? 1 : 0;
    }
  if (leads > 1)
    return invalid (error, "care_contacts", "more than one lead");

  return TRUE;
}

/**
 * sp_episode_new_from_json:
 *
 * Reads what sp_episode_to_json() wrote. Strict: besides each member (sp-json.h), the state
 * must agree with its times, acknowledgements and care contacts must belong to addressed
 * units, and there is at most one lead care contact.
 *
 * Returns: (transfer full) (nullable): the episode, or %NULL with @error set.
 */
SpEpisode *
sp_episode_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(SpEpisode) self = sp_episode_new_empty ();
  JsonObject *object;

  object = sp_json_node_get_object (node, NULL, error);
  if (object == NULL || !sp_json_check_version (object, error))
    return NULL;

  if (!read_fields (self, object, error) ||
      !read_consents (self, object, error) ||
      !check_state_times (self, error) ||
      !check_parts (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static gboolean
fields_equal (SpEpisode *a,
              SpEpisode *b)
{
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->patient_id, b->patient_id) == 0 &&
         a->patient_is_child == b->patient_is_child &&
         g_strcmp0 (a->ward_unit_id, b->ward_unit_id) == 0 &&
         sp_date_time_equal0 (a->admitted_at, b->admitted_at) &&
         sp_date_time_equal0 (a->needs_judged_at, b->needs_judged_at) &&
         sp_date_time_equal0 (a->admission_notice_sent_at, b->admission_notice_sent_at) &&
         g_strcmp0 (a->reason_for_contact, b->reason_for_contact) == 0 &&
         g_strcmp0 (a->responsible_doctor, b->responsible_doctor) == 0 &&
         a->short_stay == b->short_stay &&
         a->state == b->state &&
         sp_date_time_equal0 (a->ready_at, b->ready_at) &&
         sp_date_time_equal0 (a->discharged_at, b->discharged_at) &&
         sp_date_time_equal0 (a->death_at, b->death_at) &&
         sp_date_time_equal0 (a->cancelled_at, b->cancelled_at) &&
         g_strcmp0 (a->cancel_reason, b->cancel_reason) == 0 &&
         a->revision == b->revision;
}

/**
 * sp_episode_equal:
 *
 * Returns: %TRUE if @a and @b hold the same data, event log and revision included.
 */
gboolean
sp_episode_equal (SpEpisode *a,
                  SpEpisode *b)
{
  g_return_val_if_fail (SP_IS_EPISODE (a), FALSE);
  g_return_val_if_fail (SP_IS_EPISODE (b), FALSE);

  return fields_equal (a, b) &&
         sp_ptr_array_equal (a->estimates, b->estimates, estimate_equal) &&
         sp_ptr_array_equal (a->addressing, b->addressing, addressee_equal) &&
         sp_ptr_array_equal (a->admission_acks, b->admission_acks, ack_equal) &&
         sp_ptr_array_equal (a->ready_acks, b->ready_acks, ack_equal) &&
         sp_ptr_array_equal (a->care_contacts, b->care_contacts, contact_equal) &&
         sp_consent_set_equal (a->consents, b->consents) &&
         sp_ptr_array_equal (a->events, b->events, event_equal);
}
