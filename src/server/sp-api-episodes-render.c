/* sp-api-episodes-render.c — an episode as the caller may see it: the facts around it, the
 * access view, the patient card, the clocks of DOMAIN §7 and the rendering
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sp_api_render_episode() is the one place that decides what of an episode the caller sees;
 * the overview's rows are built from the same blocks.
 */

#define G_LOG_DOMAIN "sp-api-episodes"

#include "config.h"

#include "sp-api-episodes-private.h"
#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-planning.h"
#include "sp-server-private.h"
#include "sp-sip.h"

/* A bound on a lookup that is small in practice. */
#define MAX_SIPS_PER_PATIENT 100

/* The facts around an episode */

void
sp_api_episodes_facts_clear (Facts *facts)
{
  g_clear_object (&facts->patient);
  g_clear_pointer (&facts->sip_invited_at, g_date_time_unref);
}

/* The effective track from the planning basis the planning group stores under the episode's
 * id; FALSE while there is none. */
static gboolean
load_track (SpServer   *server,
            SpEpisode  *episode,
            SpTrack    *out_track)
{
  g_autoptr(SpRecord) record = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpPlanningBasis) basis = NULL;
  g_autoptr(GError) error = NULL;

  record = sp_store_get (sp_server_get_store (server), "planning", sp_episode_get_id (episode),
                         NULL);
  if (record == NULL || sp_record_is_deleted (record))
    return FALSE;

  basis = sp_server_lookup_parsed (server, record);
  if (basis == NULL)
    {
      if ((node = sp_api_record_to_json (record, &error)) == NULL ||
          (basis = sp_planning_basis_new_from_json (node, &error)) == NULL)
        {
          g_warning ("Unreadable planning basis of %s: %s", sp_episode_get_id (episode),
                     error->message);
          return FALSE;
        }
      sp_server_remember_parsed (server, record, basis);
    }

  *out_track = sp_planning_basis_get_effective_track (basis, sp_server_get_profile (server),
                                                      NULL);
  return TRUE;
}

/* When the SIP made for this episode was first sent, if one was. */
static GDateTime *
load_sip_invited_at (SpServer  *server,
                     SpEpisode *episode)
{
  g_autofree char *term = g_strconcat ("patient:", sp_episode_get_patient_id (episode), NULL);
  g_autoptr(GPtrArray) records = NULL;
  GDateTime *earliest = NULL;

  records = sp_store_list (sp_server_get_store (server), "sip", term, 0, MAX_SIPS_PER_PATIENT,
                           NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      SpRecord *record = g_ptr_array_index (records, i);
      g_autoptr(SpSip) sip = sp_server_lookup_parsed (server, record);
      GDateTime *sent;

      if (sip == NULL)
        {
          g_autoptr(JsonNode) node = sp_api_record_to_json (record, NULL);

          if (node != NULL && (sip = sp_sip_new_from_json (node, NULL)) != NULL)
            {
              /* Shared with sp_api_render_sip(), which shows it. */
              sp_sip_set_revision (sip, sp_record_get_revision (record));
              sp_server_remember_parsed (server, record, sip);
            }
        }

      if (sip == NULL ||
          g_strcmp0 (sp_sip_get_episode_id (sip), sp_episode_get_id (episode)) != 0 ||
          (sent = sp_sip_get_invitation_sent_at (sip)) == NULL)
        continue;

      if (earliest == NULL || g_date_time_compare (sent, earliest) < 0)
        {
          g_clear_pointer (&earliest, g_date_time_unref);
          earliest = g_date_time_ref (sent);
        }
    }

  return earliest;
}

/* A SIP is due after ready on the yellow and red tracks (DOMAIN §6): only then is its
 * invitation clock running. */
static gboolean
needs_sip (const Facts *facts)
{
  return facts->track_known && facts->track >= SP_TRACK_GUL;
}

/* Each fact is read once, and only when needed: the overview's filters read few. */
void
sp_api_episodes_ensure_patient (SpServer  *server,
                                SpEpisode *episode,
                                Facts     *facts)
{
  g_autoptr(GError) error = NULL;

  if (facts->patient_loaded)
    return;

  facts->patient_loaded = TRUE;
  facts->patient = sp_api_load_patient_shared (server, sp_episode_get_patient_id (episode),
                                               &facts->patient_revision, &error);
  if (facts->patient == NULL)
    g_warning ("Episode %s: patient unreadable: %s", sp_episode_get_id (episode),
               error->message);
}

void
sp_api_episodes_ensure_track (SpServer  *server,
                              SpEpisode *episode,
                              Facts     *facts)
{
  if (facts->track_loaded)
    return;

  facts->track_loaded = TRUE;
  facts->track_known = load_track (server, episode, &facts->track);
  if (sp_episode_get_ready_at (episode) != NULL && needs_sip (facts))
    facts->sip_invited_at = load_sip_invited_at (server, episode);
}

/* What the caller may see */

void
sp_api_episodes_view_init (View      *view,
                           SpServer  *server,
                           SpRequest *request,
                           SpEpisode *episode,
                           GDateTime *now)
{
  view->profile = sp_server_get_profile (server);
  view->episode = episode;
  view->now = now;
  view->unit_id = sp_api_unit_id (request);
  view->unit_kind = sp_api_unit_kind (request);
  view->is_ward = g_strcmp0 (view->unit_id, sp_episode_get_ward_unit_id (episode)) == 0;
  view->restricted = FALSE;
  view->decisions = NULL;
}

/* sp-access decides; the view remembers that something was withheld. */
gboolean
sp_api_episodes_view_may_see (View           *view,
                              SpEpisodeField  field,
                              const char     *owner_unit_id)
{
  gboolean allowed = sp_access_may_see_field (view->profile, view->episode, view->unit_id,
                                              view->unit_kind, field, owner_unit_id, view->now);

  if (view->decisions != NULL)
    {
      Decision decision = { field, g_intern_string (owner_unit_id), allowed };

      g_array_append_val (view->decisions, decision);
    }

  if (!allowed)
    view->restricted = TRUE;
  return allowed;
}

static const char *
restricted_reason (View *view)
{
  SpConsentSet *consents = sp_episode_get_consents (view->episode);

  /* A positive harm assessment opens health-care data to health care only (DOMAIN §4). */
  if (sp_consent_set_harm_assessment_allows (consents, view->now))
    return "Menprövningen gäller bara hälso- och sjukvården. Patientens samtycke behövs för "
           "att visa fler uppgifter.";

  return "Patientens samtycke till informationsöverföring saknas. Endast de uppgifter som "
         "får lämnas utan samtycke visas.";
}

/* The patient card: which members of the patient's JSON each access field covers. */
static const struct
{
  SpEpisodeField  field;
  const char     *members[3];
} card_fields[] = {
  { SP_EPISODE_FIELD_NAME, { "given_name", "family_name" } },
  { SP_EPISODE_FIELD_IDENTITY, { "identity" } },
  { SP_EPISODE_FIELD_ADDRESS, { "address" } },
  { SP_EPISODE_FIELD_MUNICIPALITY, { "municipality" } },
  { SP_EPISODE_FIELD_LISTED_CARE_UNIT, { "listed_unit_id" } },
  { SP_EPISODE_FIELD_PATIENT_CONTACT, { "phone", "email", "temporary_address" } },
  { SP_EPISODE_FIELD_NEXT_OF_KIN, { "next_of_kin" } },
  { SP_EPISODE_FIELD_INTERPRETER, { "interpreter_needed", "interpreter_language" } },
  /* Boendeform tells of care needs; psychiatry and home care are earlier interventions. */
  { SP_EPISODE_FIELD_CARE_NEEDS, { "housing" } },
  { SP_EPISODE_FIELD_INTERVENTIONS, { "outpatient_psychiatry", "home_care" } },
};

/* The patient as this episode may show it; with @brief only name and identity. */
JsonNode *
sp_api_episodes_patient_card (View        *view,
                              const Facts *facts,
                              gboolean     brief)
{
  g_autoptr(JsonNode) full = NULL;
  JsonObject *card = json_object_new ();
  JsonObject *patient;

  sp_json_set_string (card, "id", sp_episode_get_patient_id (view->episode));
  if (facts->patient == NULL)
    return sp_json_node_new_object (card);

  full = sp_patient_to_json (facts->patient);
  patient = json_node_get_object (full);
  json_object_set_int_member (card, "revision", facts->patient_revision);

  for (guint i = 0; i < G_N_ELEMENTS (card_fields); i++)
    {
      if (brief && card_fields[i].field != SP_EPISODE_FIELD_NAME &&
          card_fields[i].field != SP_EPISODE_FIELD_IDENTITY)
        continue;
      if (!sp_api_episodes_view_may_see (view, card_fields[i].field, NULL))
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (card_fields[i].members); j++)
        {
          const char *member = card_fields[i].members[j];

          if (member != NULL && json_object_has_member (patient, member))
            json_object_set_member (card, member,
                                    json_node_copy (json_object_get_member (patient, member)));
        }
    }

  return sp_json_node_new_object (card);
}

/* The clocks of DOMAIN §7 */

static void
clock_free (Clock *clock)
{
  g_date_time_unref (clock->started_at);
  g_date_time_unref (clock->due);
  g_clear_pointer (&clock->done_at, g_date_time_unref);
  g_free (clock);
}

static void
add_clock (GPtrArray             *clocks,
           const SpRegionProfile *profile,
           SpClock                which,
           const char            *unit_id,
           GDateTime             *start,
           GDateTime             *done)
{
  Clock *clock = g_new0 (Clock, 1);

  clock->clock = which;
  clock->unit_id = unit_id;
  clock->started_at = g_date_time_ref (start);
  clock->due = sp_deadline_get_due (profile, which, start);
  clock->done_at = done != NULL ? g_date_time_ref (done) : NULL;
  g_ptr_array_add (clocks, clock);
}

static GDateTime *
later (GDateTime *a,
       GDateTime *b)
{
  if (b == NULL)
    return a;

  return g_date_time_compare (a, b) >= 0 ? a : b;
}

static const SpCareContact *
find_contact (SpEpisode  *episode,
              const char *unit_id)
{
  GPtrArray *contacts = sp_episode_get_care_contacts (episode);

  for (guint i = 0; i < contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (contacts, i);

      if (g_strcmp0 (contact->unit_id, unit_id) == 0)
        return contact;
    }

  return NULL;
}

static gboolean
is_outpatient_recipient (const SpAddressee *addressee)
{
  return addressee->unit_kind == SP_UNIT_KIND_OUTPATIENT &&
         addressee->role == SP_ADDRESSING_ROLE_RECIPIENT;
}

/* The SIP invitation is the lead care contact's task, or, with no lead named yet, every
 * outpatient recipient's (the region's outpatient care takes it, DOMAIN §5 step 2). */
static void
add_sip_clocks (GPtrArray             *clocks,
                const SpRegionProfile *profile,
                SpEpisode             *episode,
                const Facts           *facts)
{
  const SpCareContact *lead = sp_episode_get_lead_care_contact (episode);
  GDateTime *ready_at = sp_episode_get_ready_at (episode);
  GPtrArray *addressing = sp_episode_get_addressing (episode);

  if (lead != NULL)
    {
      add_clock (clocks, profile, SP_CLOCK_SIP_INVITATION_SENT, lead->unit_id, ready_at,
                 facts->sip_invited_at);
      return;
    }

  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);

      if (is_outpatient_recipient (addressee))
        add_clock (clocks, profile, SP_CLOCK_SIP_INVITATION_SENT, addressee->unit_id, ready_at,
                   facts->sip_invited_at);
    }
}

/* Every clock of the episode with who must act. While the patient is in hospital the
 * notices and the care contact are due; the ready acknowledgement and the SIP invitation
 * stay due after discharge; a death or a cancellation stops every clock. */
GPtrArray *
sp_api_episodes_get_clocks (const SpRegionProfile *profile,
                            SpEpisode             *episode,
                            const Facts           *facts)
{
  GPtrArray *clocks = g_ptr_array_new_with_free_func ((GDestroyNotify) clock_free);
  SpEpisodeState state = sp_episode_get_state (episode);
  GDateTime *sent = sp_episode_get_admission_notice_sent_at (episode);
  GDateTime *ready_at = sp_episode_get_ready_at (episode);
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  gboolean in_hospital = state == SP_EPISODE_STATE_PLANNING || state == SP_EPISODE_STATE_READY;
  GDateTime *notice_at = sp_episode_get_current_notice_sent_at (episode);

  if (sent == NULL || state == SP_EPISODE_STATE_DECEASED || state == SP_EPISODE_STATE_CANCELLED)
    return clocks;

  add_clock (clocks, profile, SP_CLOCK_ADMISSION_NOTICE_SENT,
             sp_episode_get_ward_unit_id (episode),
             later (sp_episode_get_admitted_at (episode),
                    sp_episode_get_needs_judged_at (episode)),
             sent);

  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);
      /* A unit that joined later got the notice forwarded when it joined. */
      GDateTime *received = later (notice_at, addressee->added_at);
      const SpCareContact *contact = find_contact (episode, addressee->unit_id);

      if (in_hospital)
        add_clock (clocks, profile, SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED, addressee->unit_id,
                   received, sp_episode_get_acknowledged_at (episode, SP_EPISODE_NOTICE_ADMISSION, addressee->unit_id));
      if (in_hospital && is_outpatient_recipient (addressee))
        add_clock (clocks, profile, SP_CLOCK_CARE_CONTACT_NAMED, addressee->unit_id,
                   later (sent, addressee->added_at),
                   contact != NULL ? contact->named_at : NULL);
      if (ready_at != NULL)
        add_clock (clocks, profile, SP_CLOCK_READY_ACKNOWLEDGED, addressee->unit_id,
                   later (ready_at, addressee->added_at),
                   sp_episode_get_acknowledged_at (episode, SP_EPISODE_NOTICE_READY, addressee->unit_id));
    }

  if (ready_at != NULL && needs_sip (facts))
    add_sip_clocks (clocks, profile, episode, facts);

  return clocks;
}

gboolean
sp_api_episodes_clock_is_overdue (const Clock *clock,
                                  GDateTime   *now)
{
  return clock->done_at == NULL && sp_deadline_is_overdue (clock->due, NULL, now);
}

/* The ward watches every clock; any other unit its own. */
gboolean
sp_api_episodes_clock_concerns (const Clock *clock,
                                View        *view)
{
  return view->is_ward || g_strcmp0 (clock->unit_id, view->unit_id) == 0;
}

static JsonNode *
clock_to_json (const Clock *clock,
               GDateTime   *now)
{
  JsonObject *object = json_object_new ();

  sp_json_set_enum (object, "clock", SP_TYPE_CLOCK, clock->clock);
  sp_json_set_string (object, "label", sp_clock_get_label (clock->clock));
  sp_json_set_string (object, "unit_id", clock->unit_id);
  sp_json_set_datetime (object, "started_at", clock->started_at);
  sp_json_set_datetime (object, "due", clock->due);
  sp_json_set_datetime (object, "done_at", clock->done_at);
  json_object_set_boolean_member (object, "overdue", sp_api_episodes_clock_is_overdue (clock, now));
  json_object_set_boolean_member (object, "late",
                                  clock->done_at != NULL &&
                                  sp_deadline_is_overdue (clock->due, clock->done_at, NULL));
  return sp_json_node_new_object (object);
}

/* Rendering */

static void
set_ready_days (JsonObject *object,
                SpEpisode  *episode,
                GDateTime  *now)
{
  GDateTime *ready_at = sp_episode_get_ready_at (episode);
  GDateTime *discharged_at = sp_episode_get_discharged_at (episode);
  GDate day0, until;

  if (ready_at == NULL)
    {
      json_object_set_null_member (object, "day0");
      json_object_set_null_member (object, "days_after_ready");
      return;
    }

  /* Calendar days from day 0 to the discharge date, or today while still in hospital. */
  sp_deadline_get_day0 (ready_at, &day0);
  sp_calendar_get_local_date (discharged_at != NULL ? discharged_at : now, &until);
  sp_json_set_date (object, "day0", &day0);
  json_object_set_int_member (object, "days_after_ready",
                              sp_deadline_days_after_ready (&day0, &until));
}

void
sp_api_episodes_set_track (JsonObject  *object,
                           View        *view,
                           const Facts *facts)
{
  /* The track sums up every unit's planning answers, so it is shown as they are. */
  if (!sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_PLANNING_ANSWERS, NULL))
    return;

  if (facts->track_known)
    sp_json_set_enum (object, "track", SP_TYPE_TRACK, facts->track);
  else
    json_object_set_null_member (object, "track");
}

void
sp_api_episodes_set_estimated_discharge (JsonObject *object,
                                         View       *view)
{
  GDate date;

  if (!sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_ESTIMATED_DISCHARGE, NULL))
    return;

  if (sp_episode_get_estimated_discharge (view->episode, &date))
    sp_json_set_date (object, "estimated_discharge", &date);
  else
    json_object_set_null_member (object, "estimated_discharge");
}

JsonNode *
sp_api_episodes_contact_to_json (const SpCareContact *contact)
{
  JsonObject *object = json_object_new ();

  sp_json_set_string (object, "unit_id", contact->unit_id);
  sp_json_set_string (object, "name", contact->name);
  sp_json_set_string (object, "work_phone", contact->work_phone);
  json_object_set_boolean_member (object, "lead", contact->lead);
  sp_json_set_datetime (object, "named_at", contact->named_at);
  sp_json_set_string (object, "named_by", contact->named_by);
  return sp_json_node_new_object (object);
}

static JsonNode *
ack_to_json (SpEpisode       *episode,
             SpEpisodeNotice  which,
             const char      *unit_id)
{
  GPtrArray *acks = sp_episode_get_acknowledgements (episode, which);

  for (guint i = 0; i < acks->len; i++)
    {
      const SpAcknowledgement *ack = g_ptr_array_index (acks, i);
      JsonObject *object;

      if (g_strcmp0 (ack->unit_id, unit_id) != 0)
        continue;

      object = json_object_new ();
      sp_json_set_datetime (object, "at", ack->at);
      sp_json_set_string (object, "by", ack->by);
      return sp_json_node_new_object (object);
    }

  return json_node_init_null (json_node_alloc ());
}

static JsonNode *
addressing_to_json (SpEpisode *episode)
{
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);
      JsonObject *object = json_object_new ();

      sp_json_set_string (object, "unit_id", addressee->unit_id);
      sp_json_set_enum (object, "unit_kind", SP_TYPE_UNIT_KIND, addressee->unit_kind);
      sp_json_set_enum (object, "role", SP_TYPE_ADDRESSING_ROLE, addressee->role);
      json_object_set_boolean_member (object, "via_sip_invitation",
                                      addressee->via_sip_invitation);
      sp_json_set_datetime (object, "added_at", addressee->added_at);
      json_object_set_member (object, "admission_acknowledgement",
                              ack_to_json (episode, SP_EPISODE_NOTICE_ADMISSION,
                                           addressee->unit_id));
      json_object_set_member (object, "ready_acknowledgement",
                              ack_to_json (episode, SP_EPISODE_NOTICE_READY,
                                           addressee->unit_id));
      json_array_add_object_element (array, object);
    }

  return sp_json_node_new_array (array);
}

static JsonNode *
estimates_to_json (SpEpisode *episode)
{
  GPtrArray *estimates = sp_episode_get_estimate_history (episode);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < estimates->len; i++)
    {
      const SpDischargeEstimate *estimate = g_ptr_array_index (estimates, i);
      JsonObject *object = json_object_new ();

      sp_json_set_date (object, "date", &estimate->date);
      sp_json_set_datetime (object, "changed_at", estimate->changed_at);
      sp_json_set_string (object, "changed_by", estimate->changed_by);
      json_array_add_object_element (array, object);
    }

  return sp_json_node_new_array (array);
}

static JsonNode *
contacts_to_json (View *view)
{
  GPtrArray *contacts = sp_episode_get_care_contacts (view->episode);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (contacts, i);

      if (sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_CARE_CONTACTS, contact->unit_id))
        json_array_add_element (array, sp_api_episodes_contact_to_json (contact));
    }

  return sp_json_node_new_array (array);
}

/* An event's detail repeats a datum: it is shown only where the datum itself is. */
static gboolean
may_see_detail (View                 *view,
                const SpEpisodeEvent *event)
{
  switch (event->kind)
    {
    case SP_EPISODE_ACTION_NAME_CARE_CONTACT:
    case SP_EPISODE_ACTION_SET_LEAD_CARE_CONTACT:
      return sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_CARE_CONTACTS, event->unit_id);
    case SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE:
    case SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE:
      return sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_ESTIMATED_DISCHARGE, NULL);
    case SP_EPISODE_ACTION_CANCEL:
    case SP_EPISODE_ACTION_RETRACT_READY:
    case SP_EPISODE_ACTION_RETRACT_DISCHARGE:
      /* Free text about the patient's condition or why the stay ended, like the reason for
       * contact. */
      return sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_REASON_FOR_CONTACT, NULL);
    default:
      return TRUE;
    }
}

static JsonNode *
events_to_json (View *view)
{
  GPtrArray *events = sp_episode_get_events (view->episode);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < events->len; i++)
    {
      const SpEpisodeEvent *event = g_ptr_array_index (events, i);
      JsonObject *object = json_object_new ();

      sp_json_set_enum (object, "kind", SP_TYPE_EPISODE_ACTION, event->kind);
      sp_json_set_datetime (object, "at", event->at);
      sp_json_set_string (object, "user_name", event->user_name);
      sp_json_set_string (object, "unit_id", event->unit_id);
      sp_json_set_string (object, "detail", may_see_detail (view, event) ? event->detail : NULL);
      json_array_add_object_element (array, object);
    }

  return sp_json_node_new_array (array);
}

/* What the caller's unit may do now, by sp_episode_can(): the app enables its buttons. */
static JsonNode *
allowed_actions_to_json (View *view)
{
  JsonArray *array = json_array_new ();

  /* Sending the admission notice is how an episode begins: never an action on one. */
  for (int action = SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE;
       action <= SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION; action++)
    if (sp_episode_can (view->episode, action, view->unit_id, view->unit_kind, NULL))
      json_array_add_string_element (array, sp_enum_to_nick (SP_TYPE_EPISODE_ACTION, action));

  return sp_json_node_new_array (array);
}

static JsonNode *
clocks_to_json (GPtrArray *clocks,
                GDateTime *now)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < clocks->len; i++)
    json_array_add_element (array, clock_to_json (g_ptr_array_index (clocks, i), now));

  return sp_json_node_new_array (array);
}

void
sp_api_episodes_set_restricted (JsonObject *object,
                                View       *view)
{
  json_object_set_boolean_member (object, "restricted", view->restricted);
  if (view->restricted)
    json_object_set_string_member (object, "restricted_reason", restricted_reason (view));
}

/* The members every rendering starts with. */
JsonObject *
sp_api_episodes_head (View *view)
{
  JsonObject *object = json_object_new ();
  SpEpisode *episode = view->episode;

  sp_json_set_string (object, "id", sp_episode_get_id (episode));
  json_object_set_int_member (object, "revision", sp_episode_get_revision (episode));
  sp_json_set_enum (object, "state", SP_TYPE_EPISODE_STATE, sp_episode_get_state (episode));
  sp_json_set_string (object, "ward_unit_id", sp_episode_get_ward_unit_id (episode));
  sp_json_set_datetime (object, "admitted_at", sp_episode_get_admitted_at (episode));
  sp_json_set_datetime (object, "ready_at", sp_episode_get_ready_at (episode));
  set_ready_days (object, episode, view->now);
  return object;
}

/* The whole episode as the caller may see it. */
static JsonNode *
render_full (View        *view,
             const Facts *facts)
{
  SpEpisode *episode = view->episode;
  JsonObject *object = sp_api_episodes_head (view);
  g_autoptr(GPtrArray) clocks = sp_api_episodes_get_clocks (view->profile, episode, facts);

  json_object_set_member (object, "patient", sp_api_episodes_patient_card (view, facts, FALSE));
  json_object_set_boolean_member (object, "patient_is_child",
                                  sp_episode_get_patient_is_child (episode));
  sp_json_set_datetime (object, "needs_judged_at", sp_episode_get_needs_judged_at (episode));
  sp_json_set_datetime (object, "admission_notice_sent_at",
                        sp_episode_get_admission_notice_sent_at (episode));
  if (sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_REASON_FOR_CONTACT, NULL))
    {
      sp_json_set_string (object, "reason_for_contact",
                          sp_episode_get_reason_for_contact (episode));
      /* Kort vårdtid is marked in the reason for contact (DOMAIN §5 step 6). */
      json_object_set_boolean_member (object, "short_stay", sp_episode_get_short_stay (episode));
    }
  if (sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_RESPONSIBLE_DOCTOR, NULL))
    sp_json_set_string (object, "responsible_doctor",
                        sp_episode_get_responsible_doctor (episode));
  sp_api_episodes_set_estimated_discharge (object, view);
  if (sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_ESTIMATED_DISCHARGE, NULL))
    json_object_set_member (object, "estimate_history", estimates_to_json (episode));
  json_object_set_member (object, "addressing", addressing_to_json (episode));
  json_object_set_member (object, "care_contacts", contacts_to_json (view));
  if (sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_CONSENT, NULL))
    json_object_set_member (object, "consents",
                            sp_consent_set_to_json (sp_episode_get_consents (episode)));
  sp_api_episodes_set_track (object, view, facts);
  sp_json_set_datetime (object, "discharged_at", sp_episode_get_discharged_at (episode));
  sp_json_set_datetime (object, "death_at", sp_episode_get_death_at (episode));
  sp_json_set_datetime (object, "cancelled_at", sp_episode_get_cancelled_at (episode));
  if (sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_REASON_FOR_CONTACT, NULL))
    sp_json_set_string (object, "cancel_reason", sp_episode_get_cancel_reason (episode));
  json_object_set_member (object, "clocks", clocks_to_json (clocks, view->now));
  json_object_set_member (object, "allowed_actions", allowed_actions_to_json (view));
  json_object_set_member (object, "events", events_to_json (view));
  sp_api_episodes_set_restricted (object, view);

  return sp_json_node_new_object (object);
}

JsonNode *
sp_api_episodes_render (SpServer  *server,
                        SpRequest *request,
                        SpEpisode *episode)
{
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_auto(Facts) facts = { 0 };
  View view;

  sp_api_episodes_view_init (&view, server, request, episode, now);
  sp_api_episodes_ensure_patient (server, episode, &facts);
  sp_api_episodes_ensure_track (server, episode, &facts);
  return render_full (&view, &facts);
}

/**
 * sp_api_render_episode:
 *
 * The episode as the caller's unit may see it: the patient card and the episode's own data
 * filtered through sp_access_may_see_field() for the region's profile, with
 * `"restricted": true` and a Swedish `"restricted_reason"` when anything was withheld; the
 * addressing with acknowledgements, care contacts, track, day 0 and days after ready, the
 * clocks with their due times, the actions the unit may take now, and the timeline.
 *
 * Returns: (transfer full) (nullable): the rendered episode, or %NULL when the caller's unit
 *   takes no part in it.
 */
JsonNode *
sp_api_render_episode (SpServer  *server,
                       SpRequest *request,
                       SpRecord  *record)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;

  if (sp_record_is_deleted (record))
    return NULL;

  /* Rendering only reads the episode: it may be shared (sp_server_lookup_parsed()). */
  episode = sp_server_lookup_parsed (server, record);
  if (episode == NULL)
    {
      if ((node = sp_api_record_to_json (record, &error)) == NULL ||
          (episode = sp_episode_new_from_json (node, &error)) == NULL)
        {
          g_warning ("Unreadable episode %s: %s", sp_record_get_id (record), error->message);
          return NULL;
        }
      sp_episode_set_revision (episode, sp_record_get_revision (record));
      sp_server_remember_parsed (server, record, episode);
    }

  if (!sp_access_may_see_episode (episode, sp_api_unit_id (request)))
    return NULL;

  return sp_api_episodes_render (server, request, episode);
}
