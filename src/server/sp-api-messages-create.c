/* sp-api-messages-create.c — new messages: what each kind reads, in an episode and outside one
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In an episode: a general or administrative message to all parties or one, or a deviation
 * draft (avvikelse) filled in from the episode's clocks. Outside an episode: a message that
 * needs consent, or a care request (vårdbegäran, VGR) to a ward.
 */

#define G_LOG_DOMAIN "sp-api-messages"

#include "config.h"

#include <string.h>

#include "sp-api-messages-private.h"
#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-patient.h"

/* Ids, unit ids, names and titles. */
#define MAX_NAME 256

/* The members every new message has: kind (one of @kinds), text, the signed-in author. */
static SpMessage *
read_new_message (SpRequest   *request,
                  JsonObject  *body,
                  guint        kinds,
                  GDateTime   *now,
                  GError     **error)
{
  SpUser *user = sp_session_get_user (request->session);
  g_autofree char *nick = NULL;
  g_autofree char *id = NULL;
  g_autoptr(SpMessage) message = NULL;
  SpMessageKind kind;
  gboolean text_required;

  if (!sp_json_get_string (body, "kind", TRUE, MAX_NAME, &nick, error))
    return NULL;

  if (!sp_message_kind_from_nick (nick, &kind) || (kinds & (1u << kind)) == 0)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "kind: not a kind of message this endpoint takes");
      return NULL;
    }

  id = sp_api_new_id ("m");
  message = sp_message_new (id, kind, sp_api_unit_id (request), now);
  message->author_name = g_strdup (sp_user_get_name (user));
  message->author_title = g_strdup (sp_user_get_title (user));

  /* A care request and a deviation carry their content in their own fields. */
  text_required = kind != SP_MESSAGE_KIND_CARE_REQUEST && kind != SP_MESSAGE_KIND_DEVIATION_DRAFT;
  if (!sp_json_get_string (body, "text", text_required, SP_JSON_MAX_TEXT, &message->text, error))
    return NULL;

  if (text_required && *message->text == '\0')
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "text: empty");
      return NULL;
    }

  return g_steal_pointer (&message);
}

/* "to": "all", or one other party of the episode: units outside the addressing cannot be
 * added to a message (DOMAIN §5). */
static gboolean
read_addressee (JsonObject  *body,
                SpEpisode   *episode,
                SpMessage   *message,
                GError     **error)
{
  g_autoptr(GPtrArray) parties = sp_api_messages_other_parties (episode, message->from_unit_id);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  if (!sp_json_get_string (body, "to", TRUE, MAX_NAME, &message->to, error))
    return FALSE;

  if (strcmp (message->to, SP_MESSAGE_TO_ALL) == 0)
    {
      sp_message_set_recipients (message, parties);
      return TRUE;
    }

  if (!g_ptr_array_find_with_equal_func (parties, message->to, g_str_equal, NULL))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "to: not another unit of the episode's addressing");
      return FALSE;
    }

  g_ptr_array_add (one, message->to);
  sp_message_set_recipients (message, one);
  return TRUE;
}

/* The form says an administrative message must not hold medical information. The server
 * cannot check text for that, so the sender confirms it (our choice). */
static gboolean
read_confirmation (JsonObject  *body,
                   SpMessage   *message,
                   GError     **error)
{
  gboolean confirmed = FALSE;
  JsonObject *details;

  if (!sp_json_get_bool (body, "confirm_no_medical_information", TRUE, &confirmed, error))
    return FALSE;

  if (!confirmed)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "confirm_no_medical_information: must be true");
      return FALSE;
    }

  details = json_object_new ();
  json_object_set_boolean_member (details, "confirm_no_medical_information", TRUE);
  message->details = sp_json_node_new_object (details);
  return TRUE;
}

/* Copies the optional text members @members of @from into @to (null when absent). */
static gboolean
copy_texts (JsonObject          *from,
            JsonObject          *to,
            const char * const  *members,
            GError             **error)
{
  for (guint i = 0; members[i] != NULL; i++)
    {
      g_autofree char *text = NULL;

      if (!sp_json_get_string (from, members[i], FALSE, SP_JSON_MAX_TEXT, &text, error))
        return FALSE;
      sp_json_set_string (to, members[i], text);
    }

  return TRUE;
}

/* Adds @clock to @late if it was done after its due time, or is still undone past it. */
static void
add_if_late (JsonArray             *late,
             const SpRegionProfile *profile,
             SpClock                clock,
             GDateTime             *start,
             const char            *unit_id,
             GDateTime             *done,
             GDateTime             *now)
{
  g_autoptr(GDateTime) due = sp_deadline_get_due (profile, clock, start);
  JsonObject *object;

  if (!sp_deadline_is_overdue (due, done, now))
    return;

  object = json_object_new ();
  sp_json_set_enum (object, "clock", SP_TYPE_CLOCK, clock);
  json_object_set_string_member (object, "label", sp_clock_get_label (clock));
  sp_json_set_string (object, "unit_id", unit_id);
  sp_json_set_datetime (object, "due_at", due);
  sp_json_set_datetime (object, "done_at", done);
  json_object_set_int_member (object, "late_seconds",
                              g_date_time_difference (done != NULL ? done : now, due) /
                              G_TIME_SPAN_SECOND);
  json_array_add_object_element (late, object);
}

/* What was late in the episode and by how much, from the clocks of DOMAIN §7 that the
 * episode itself records. */
static JsonArray *
find_late (const SpRegionProfile *profile,
           SpEpisode             *episode,
           GDateTime             *now)
{
  GDateTime *admitted = sp_episode_get_admitted_at (episode);
  GDateTime *judged = sp_episode_get_needs_judged_at (episode);
  GDateTime *sent = sp_episode_get_admission_notice_sent_at (episode);
  GDateTime *ready = sp_episode_get_ready_at (episode);
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  GPtrArray *contacts = sp_episode_get_care_contacts (episode);
  JsonArray *late = json_array_new ();
  gboolean outpatient = FALSE;
  GDateTime *named = NULL;

  add_if_late (late, profile, SP_CLOCK_ADMISSION_NOTICE_SENT,
               judged != NULL && g_date_time_compare (judged, admitted) > 0 ? judged : admitted,
               NULL, sent, now);
  if (sent == NULL)
    return late;

  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);

      outpatient |= addressee->unit_kind == SP_UNIT_KIND_OUTPATIENT;
      add_if_late (late, profile, SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED,
                   sp_episode_get_current_notice_sent_at (episode), addressee->unit_id,
                   sp_episode_get_acknowledged_at (episode, SP_EPISODE_NOTICE_ADMISSION, addressee->unit_id),
                   now);
      if (ready != NULL)
        add_if_late (late, profile, SP_CLOCK_READY_ACKNOWLEDGED, ready, addressee->unit_id,
                     sp_episode_get_acknowledged_at (episode, SP_EPISODE_NOTICE_READY, addressee->unit_id), now);
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (contacts, i);

      if (named == NULL || g_date_time_compare (contact->named_at, named) < 0)
        named = contact->named_at;
    }

  if (outpatient)
    add_if_late (late, profile, SP_CLOCK_CARE_CONTACT_NAMED, sent, NULL, named, now);

  return late;
}

/* The deviation's "event" when the drafter gives none: one line per late clock. */
static char *
describe_late (JsonArray *late)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (late); i++)
    {
      JsonObject *item = json_array_get_object_element (late, i);
      gint64 minutes = json_object_get_int_member (item, "late_seconds") / 60;
      const char *unit_id = json_object_get_string_member_with_default (item, "unit_id", NULL);

      g_string_append_printf (text, "%s%s: %" G_GINT64_FORMAT " tim %02d min för sent",
                              text->len > 0 ? "\n" : "",
                              json_object_get_string_member (item, "label"),
                              minutes / 60, (int) (minutes % 60));
      if (unit_id != NULL)
        g_string_append_printf (text, " (%s)", unit_id);
    }

  if (text->len == 0)
    g_string_append (text, "Inga försenade moment i vårdtillfället.");

  return g_string_free (text, FALSE);
}

/* An avvikelse drafted from the episode (DOMAIN §11): event, consequence, risk, action,
 * improvement, unit and time, with what was late filled in from the clocks. It stays with
 * the drafting unit, which reports it in its own organisation's system. */
static gboolean
read_deviation (SpServer    *server,
                SpRequest   *request,
                JsonObject  *body,
                SpEpisode   *episode,
                SpMessage   *message,
                GDateTime   *now,
                GError     **error)
{
  const char * const texts[] = { "event", "consequence", "risk", "action", "improvement",
                                 "unit", NULL };
  g_autoptr(JsonObject) deviation = json_object_new ();
  g_autoptr(GDateTime) time = NULL;
  JsonArray *late;

  if (json_object_has_member (body, "to"))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "to: a deviation draft stays with the unit that drafts it");
      return FALSE;
    }

  if (!copy_texts (body, deviation, texts, error) ||
      !sp_json_get_datetime (body, "time", FALSE, &time, error))
    return FALSE;

  late = find_late (sp_server_get_profile (server), episode, now);
  if (json_object_get_null_member (deviation, "event"))
    {
      g_autofree char *event = describe_late (late);

      json_object_set_string_member (deviation, "event", event);
    }
  if (json_object_get_null_member (deviation, "unit"))
    json_object_set_string_member (deviation, "unit", sp_api_unit_id (request));
  sp_json_set_datetime (deviation, "time", time != NULL ? time : now);
  json_object_set_array_member (deviation, "late", late);

  message->details = sp_json_node_new_object (g_steal_pointer (&deviation));
  return TRUE;
}

void
sp_api_messages_create_in_episode (gpointer   server,
                                   SpRequest *request)
{
  const guint kinds = 1u << SP_MESSAGE_KIND_GENERAL | 1u << SP_MESSAGE_KIND_ADMIN |
                      1u << SP_MESSAGE_KIND_DEVIATION_DRAFT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpMessage) message = NULL;
  JsonObject *body;
  gboolean send = FALSE;
  gboolean ok;

  if ((body = sp_request_get_object (request, &error)) == NULL ||
      (episode = sp_api_load_episode (server, request, sp_request_get_param (request, "id"),
                                      &error)) == NULL ||
      (message = read_new_message (request, body, kinds, now, &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  message->episode_id = g_strdup (sp_episode_get_id (episode));
  message->patient_id = g_strdup (sp_episode_get_patient_id (episode));

  switch (message->kind)
    {
    case SP_MESSAGE_KIND_ADMIN:
      ok = read_confirmation (body, message, &error) &&
           read_addressee (body, episode, message, &error);
      break;
    case SP_MESSAGE_KIND_DEVIATION_DRAFT:
      ok = read_deviation (server, request, body, episode, message, now, &error);
      break;
    default:
      ok = read_addressee (body, episode, message, &error);
      break;
    }

  if (!ok ||
      !sp_json_get_bool (body, "send", FALSE, &send, &error) ||
      (send && !sp_message_send (message, sp_api_unit_id (request), now, &error)))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  sp_api_messages_save_and_respond (server, request, message, episode, 0, "create", now);
}

/* The consent set of the patient's latest episode (by admission), or NULL. */
static SpConsentSet *
get_latest_episode_consents (SpStore     *store,
                             const char  *patient_id,
                             GError     **error)
{
  g_autofree char *term = g_strconcat ("patient:", patient_id, NULL);
  g_autoptr(GPtrArray) records = sp_store_list (store, "episode", term, 0, MAX_LISTED, error);
  g_autoptr(SpEpisode) latest = NULL;

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      g_autoptr(JsonNode) node = sp_api_record_to_json (g_ptr_array_index (records, i), error);
      g_autoptr(SpEpisode) episode = node != NULL ? sp_episode_new_from_json (node, error)
                                                  : NULL;

      if (episode == NULL)
        return NULL;
      if (latest == NULL || g_date_time_compare (sp_episode_get_admitted_at (episode),
                                                 sp_episode_get_admitted_at (latest)) > 0)
        g_set_object (&latest, episode);
    }

  return latest != NULL ? g_object_ref (sp_episode_get_consents (latest)) : NULL;
}

/* A consent given now, documented by the signed-in user at the server's time. */
static SpConsent *
read_request_consent (SpRequest   *request,
                      JsonObject  *input,
                      GDateTime   *now,
                      GError     **error)
{
  SpUser *user = sp_session_get_user (request->session);
  g_autofree char *giver_name = NULL;
  SpConsent *consent;
  gboolean child_asked = FALSE;
  int form = 0, given_by = 0;

  if (!sp_json_get_enum (input, "form", TRUE, SP_TYPE_CONSENT_FORM, &form, error) ||
      !sp_json_get_enum (input, "given_by", TRUE, SP_TYPE_CONSENT_GIVER, &given_by, error) ||
      !sp_json_get_string (input, "giver_name", FALSE, MAX_NAME, &giver_name, error) ||
      !sp_json_get_bool (input, "child_asked", FALSE, &child_asked, error))
    return NULL;

  /* A guardian or representative is named; the patient is named by the registry. */
  if (given_by != SP_CONSENT_GIVER_PATIENT && (giver_name == NULL || *giver_name == '\0'))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "giver_name: required unless the patient gave the consent");
      return NULL;
    }

  consent = sp_consent_new (SP_CONSENT_KIND_SVU_EXCHANGE, form, given_by, giver_name,
                            sp_user_get_name (user), sp_user_get_title (user),
                            sp_api_unit_id (request), now);
  sp_consent_set_child_asked (consent, child_asked);
  return consent;
}

/* A message outside an episode cannot be sent without consent recorded (DOMAIN §4): given
 * in the request, or in force in the patient's latest episode. A child's own consent does
 * not count. */
static gboolean
check_consent (SpServer    *server,
               SpRequest   *request,
               JsonObject  *body,
               SpPatient   *patient,
               SpMessage   *message,
               GDateTime   *now,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpConsentSet) consents = NULL;
  JsonObject *input = sp_json_get_object (body, "consent", FALSE, &local_error);
  JsonObject *details;
  SpConsent *consent;
  GDate today;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (input != NULL)
    {
      g_autoptr(SpConsent) given = read_request_consent (request, input, now, error);

      if (given == NULL)
        {
          g_prefix_error (error, "consent.");
          return FALSE;
        }
      consents = sp_consent_set_new ();
      sp_consent_set_add (consents, given);
    }
  else
    {
      consents = get_latest_episode_consents (sp_server_get_store (server),
                                              message->patient_id, error);
      if (consents == NULL && error != NULL && *error != NULL)
        return FALSE;
    }

  sp_calendar_get_local_date (now, &today);
  if (consents == NULL ||
      !sp_consent_set_is_given (consents, SP_CONSENT_KIND_SVU_EXCHANGE, now,
                                sp_patient_needs_guardian_consent (patient, &today)))
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_CONSENT_REQUIRED,
                           "consent: no consent to share information is recorded");
      return FALSE;
    }

  consent = sp_consent_set_get_latest (consents, SP_CONSENT_KIND_SVU_EXCHANGE, now);
  details = json_object_new ();
  json_object_set_string_member (details, "consent_source", input != NULL ? "request"
                                                                          : "episode");
  json_object_set_member (details, "consent", sp_consent_to_json (consent));
  message->details = sp_json_node_new_object (details);
  return TRUE;
}

/* Vårdbegäran (DOMAIN §5 step 0, VGR): from öppenvård or kommun to a ward, with the fields
 * the ward needs before admission. */
static gboolean
check_care_request (SpServer    *server,
                    SpRequest   *request,
                    JsonObject  *body,
                    SpUnit      *recipient,
                    SpMessage   *message,
                    GError     **error)
{
  const char * const optional[] = { "contact_details", "actions_taken", "medication_handling",
                                    "self_care", "functional_status", "housing",
                                    "ongoing_interventions", NULL };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *reason = NULL;
  SpUnitKind kind = sp_api_unit_kind (request);
  JsonObject *input;

  if (!sp_server_get_profile (server)->care_request_enabled)
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_NOT_IN_REGION,
                           "kind: care requests belong to the VGR profile");
      return FALSE;
    }

  if (kind != SP_UNIT_KIND_OUTPATIENT && kind != SP_UNIT_KIND_MUNICIPAL_HEALTH &&
      kind != SP_UNIT_KIND_SOCIAL_SERVICES)
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_NOT_PERMITTED,
                           "kind: care requests come from outpatient or municipal units");
      return FALSE;
    }

  if (sp_unit_get_kind (recipient) != SP_UNIT_KIND_INPATIENT)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "to: a care request goes to an inpatient unit");
      return FALSE;
    }

  if ((input = sp_json_get_object (body, "care_request", TRUE, error)) == NULL)
    return FALSE;
  if (!sp_json_get_string (input, "reason", TRUE, SP_JSON_MAX_TEXT, &reason, error) ||
      !copy_texts (input, details, optional, error))
    {
      g_prefix_error (error, "care_request.");
      return FALSE;
    }

  json_object_set_string_member (details, "reason", reason);
  message->details = sp_json_node_new_object (g_steal_pointer (&details));
  return TRUE;
}

void
sp_api_messages_create_outside (gpointer   server,
                                SpRequest *request)
{
  const guint kinds = 1u << SP_MESSAGE_KIND_OUTSIDE | 1u << SP_MESSAGE_KIND_CARE_REQUEST;
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpMessage) message = NULL;
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(SpUnit) recipient = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  JsonObject *body;
  gboolean send = FALSE;

  if ((body = sp_request_get_object (request, &error)) == NULL ||
      (message = read_new_message (request, body, kinds, now, &error)) == NULL ||
      !sp_api_get_id (body, "patient_id", &message->patient_id, &error) ||
      !sp_json_get_string (body, "to", TRUE, MAX_NAME, &message->to, &error) ||
      !sp_json_get_bool (body, "send", FALSE, &send, &error) ||
      (patient = sp_api_load_patient (store, message->patient_id, NULL, &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  recipient = sp_session_load_unit (store, message->to, NULL);
  if (recipient == NULL || strcmp (message->to, message->from_unit_id) == 0)
    {
      sp_request_fail (request, g_error_new_literal (SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                                                     "to: not another unit"));
      return;
    }

  g_ptr_array_add (one, message->to);
  sp_message_set_recipients (message, one);

  if (!(message->kind == SP_MESSAGE_KIND_CARE_REQUEST
          ? check_care_request (server, request, body, recipient, message, &error)
          : check_consent (server, request, body, patient, message, now, &error)) ||
      (send && !sp_message_send (message, sp_api_unit_id (request), now, &error)))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  sp_api_messages_save_and_respond (server, request, message, NULL, 0, "create", now);
}
