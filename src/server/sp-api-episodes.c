/* sp-api-episodes.c — episodes: the admission notice, the overview, one episode, transitions
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule of who may do what, and when, is sp-episode's (sp_episode_can() and the action
 * functions); every rule of who may see what is sp-access's. This file reads requests, calls
 * them with the server's clock, stores the result and renders what the caller may see.
 *
 * Sections: reading the facts around an episode (patient, track, SIP invitation) · what the
 * caller may see · the clocks of DOMAIN §7 · rendering · the admission notice · the overview
 * · one episode · transitions.
 */

#define G_LOG_DOMAIN "sp-api-episodes"

#include "config.h"

#include <string.h>

#include "sp-access.h"
#include "sp-api.h"
#include "sp-api-common.h"
#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-patient.h"
#include "sp-planning.h"
#include "sp-server-error.h"
#include "sp-sip.h"

/* Names of people and doctors; longer is refused. */
#define MAX_NAME 256
/* The overview reads the unit's episodes from the store this many at a time. */
#define SCAN_BATCH 500
/* Bounds on lookups that are small in practice. */
#define MAX_SIPS_PER_PATIENT 100
#define MAX_UNACKED_MESSAGES 10000

static void create_episode (gpointer server, SpRequest *request);
static void list_episodes (gpointer server, SpRequest *request);
static void get_episode (gpointer server, SpRequest *request);
static void transition (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "POST", "/api/v1/episodes",                         create_episode, SP_ROUTE_WRITE },
  { "GET",  "/api/v1/episodes",                         list_episodes,  0 },
  { "GET",  "/api/v1/episodes/:id",                     get_episode,    0 },
  { "POST", "/api/v1/episodes/:id/estimated-discharge", transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/care-contacts",       transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/lead-care-contact",   transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/ready",               transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/retract-ready",       transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/discharge",           transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/retract-discharge",   transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/death",               transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/cancel",              transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/acknowledgements",    transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/consents",            transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/consents/withdraw",   transition,     SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/harm-assessments",    transition,     SP_ROUTE_WRITE },
};

const SpRoute *
sp_api_episode_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* The facts around an episode */

/* What the overview and the clocks need besides the episode itself. */
typedef struct
{
  gboolean   patient_loaded;
  SpPatient *patient;        /* nullable: an unreadable registry entry */
  gint64     patient_revision;
  gboolean   track_loaded;
  gboolean   track_known;    /* no planning basis yet: the track is unknown */
  SpTrack    track;
  GDateTime *sip_invited_at; /* nullable */
} Facts;

static void
facts_clear (Facts *facts)
{
  g_clear_object (&facts->patient);
  g_clear_pointer (&facts->sip_invited_at, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Facts, facts_clear)

static SpPatient *
load_patient (SpStore     *store,
              const char  *patient_id,
              gint64      *out_revision,
              GError     **error)
{
  g_autoptr(SpRecord) record = sp_store_get (store, "patient", patient_id, error);
  g_autoptr(JsonNode) node = NULL;

  if (record == NULL || (node = sp_api_record_to_json (record, error)) == NULL)
    return NULL;

  if (out_revision != NULL)
    *out_revision = sp_record_get_revision (record);

  return sp_patient_new_from_json (node, error);
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

  if ((node = sp_api_record_to_json (record, &error)) == NULL ||
      (basis = sp_planning_basis_new_from_json (node, &error)) == NULL)
    {
      g_warning ("Unreadable planning basis of %s: %s", sp_episode_get_id (episode),
                 error->message);
      return FALSE;
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
      g_autoptr(JsonNode) node = sp_api_record_to_json (g_ptr_array_index (records, i), NULL);
      g_autoptr(SpSip) sip = node != NULL ? sp_sip_new_from_json (node, NULL) : NULL;
      GDateTime *sent;

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
static void
ensure_patient (SpServer  *server,
                SpEpisode *episode,
                Facts     *facts)
{
  g_autoptr(GError) error = NULL;

  if (facts->patient_loaded)
    return;

  facts->patient_loaded = TRUE;
  facts->patient = load_patient (sp_server_get_store (server),
                                 sp_episode_get_patient_id (episode),
                                 &facts->patient_revision, &error);
  if (facts->patient == NULL)
    g_warning ("Episode %s: patient unreadable: %s", sp_episode_get_id (episode),
               error->message);
}

static void
ensure_track (SpServer  *server,
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

typedef struct
{
  const SpRegionProfile *profile;
  SpEpisode             *episode;
  GDateTime             *now;
  const char            *unit_id;
  SpUnitKind             unit_kind;
  gboolean               is_ward;
  gboolean               restricted; /* something was withheld */
} View;

static void
view_init (View      *view,
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
}

/* sp-access decides; the view remembers that something was withheld. */
static gboolean
view_may_see (View           *view,
              SpEpisodeField  field,
              const char     *owner_unit_id)
{
  if (sp_access_may_see_field (view->profile, view->episode, view->unit_id, view->unit_kind,
                               field, owner_unit_id, view->now))
    return TRUE;

  view->restricted = TRUE;
  return FALSE;
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
static JsonNode *
patient_card (View        *view,
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
      if (!view_may_see (view, card_fields[i].field, NULL))
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

typedef struct
{
  SpClock     clock;
  const char *unit_id;    /* who must act; borrowed from the episode */
  GDateTime  *started_at;
  GDateTime  *due;
  GDateTime  *done_at;    /* nullable */
} Clock;

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

/* The current admission notice went out with the first sending or the latest re-sending
 * (a changed estimated date); its acknowledgement clock starts then. */
static GDateTime *
current_notice_sent_at (SpEpisode *episode)
{
  GPtrArray *events = sp_episode_get_events (episode);

  for (guint i = events->len; i > 0; i--)
    {
      const SpEpisodeEvent *event = g_ptr_array_index (events, i - 1);

      if (event->kind == SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE ||
          event->kind == SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE)
        return event->at;
    }

  return sp_episode_get_admission_notice_sent_at (episode);
}

static GDateTime *
ack_time (SpEpisode       *episode,
          SpEpisodeNotice  which,
          const char      *unit_id)
{
  GPtrArray *acks = sp_episode_get_acknowledgements (episode, which);

  for (guint i = 0; i < acks->len; i++)
    {
      const SpAcknowledgement *ack = g_ptr_array_index (acks, i);

      if (g_strcmp0 (ack->unit_id, unit_id) == 0)
        return ack->at;
    }

  return NULL;
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
static GPtrArray *
episode_clocks (const SpRegionProfile *profile,
                SpEpisode             *episode,
                const Facts           *facts)
{
  GPtrArray *clocks = g_ptr_array_new_with_free_func ((GDestroyNotify) clock_free);
  SpEpisodeState state = sp_episode_get_state (episode);
  GDateTime *sent = sp_episode_get_admission_notice_sent_at (episode);
  GDateTime *ready_at = sp_episode_get_ready_at (episode);
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  gboolean in_hospital = state == SP_EPISODE_STATE_PLANNING || state == SP_EPISODE_STATE_READY;
  GDateTime *notice_at = current_notice_sent_at (episode);

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
                   received, ack_time (episode, SP_EPISODE_NOTICE_ADMISSION, addressee->unit_id));
      if (in_hospital && is_outpatient_recipient (addressee))
        add_clock (clocks, profile, SP_CLOCK_CARE_CONTACT_NAMED, addressee->unit_id,
                   later (sent, addressee->added_at),
                   contact != NULL ? contact->named_at : NULL);
      if (ready_at != NULL)
        add_clock (clocks, profile, SP_CLOCK_READY_ACKNOWLEDGED, addressee->unit_id,
                   later (ready_at, addressee->added_at),
                   ack_time (episode, SP_EPISODE_NOTICE_READY, addressee->unit_id));
    }

  if (ready_at != NULL && needs_sip (facts))
    add_sip_clocks (clocks, profile, episode, facts);

  return clocks;
}

static gboolean
clock_is_overdue (const Clock *clock,
                  GDateTime   *now)
{
  return clock->done_at == NULL && sp_deadline_is_overdue (clock->due, NULL, now);
}

/* The ward watches every clock; any other unit its own. */
static gboolean
clock_concerns (const Clock *clock,
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
  json_object_set_boolean_member (object, "overdue", clock_is_overdue (clock, now));
  json_object_set_boolean_member (object, "late",
                                  clock->done_at != NULL &&
                                  sp_deadline_is_overdue (clock->due, clock->done_at, NULL));
  return sp_json_node_new_object (object);
}

/* The earliest open clock that concerns the caller; NULL if none. */
static const Clock *
next_deadline (GPtrArray *clocks,
               View      *view)
{
  const Clock *next = NULL;

  for (guint i = 0; i < clocks->len; i++)
    {
      const Clock *clock = g_ptr_array_index (clocks, i);

      if (clock->done_at != NULL || !clock_concerns (clock, view))
        continue;
      if (next == NULL || g_date_time_compare (clock->due, next->due) < 0)
        next = clock;
    }

  return next;
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

static void
set_track (JsonObject  *object,
           View        *view,
           const Facts *facts)
{
  /* The track sums up every unit's planning answers, so it is shown as they are. */
  if (!view_may_see (view, SP_EPISODE_FIELD_PLANNING_ANSWERS, NULL))
    return;

  if (facts->track_known)
    sp_json_set_enum (object, "track", SP_TYPE_TRACK, facts->track);
  else
    json_object_set_null_member (object, "track");
}

static void
set_estimated_discharge (JsonObject *object,
                         View       *view)
{
  GDate date;

  if (!view_may_see (view, SP_EPISODE_FIELD_ESTIMATED_DISCHARGE, NULL))
    return;

  if (sp_episode_get_estimated_discharge (view->episode, &date))
    sp_json_set_date (object, "estimated_discharge", &date);
  else
    json_object_set_null_member (object, "estimated_discharge");
}

static JsonNode *
contact_to_json (const SpCareContact *contact)
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

/* The care contact the overview shows: the lead, else the first the caller may see. */
static JsonNode *
main_contact_to_json (View *view)
{
  const SpCareContact *lead = sp_episode_get_lead_care_contact (view->episode);
  GPtrArray *contacts = sp_episode_get_care_contacts (view->episode);

  if (lead != NULL && view_may_see (view, SP_EPISODE_FIELD_CARE_CONTACTS, lead->unit_id))
    return contact_to_json (lead);

  for (guint i = 0; i < contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (contacts, i);

      if (view_may_see (view, SP_EPISODE_FIELD_CARE_CONTACTS, contact->unit_id))
        return contact_to_json (contact);
    }

  return json_node_init_null (json_node_alloc ());
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

  return json_node_init_array (json_node_alloc (), array);
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

  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
contacts_to_json (View *view)
{
  GPtrArray *contacts = sp_episode_get_care_contacts (view->episode);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (contacts, i);

      if (view_may_see (view, SP_EPISODE_FIELD_CARE_CONTACTS, contact->unit_id))
        json_array_add_element (array, contact_to_json (contact));
    }

  return json_node_init_array (json_node_alloc (), array);
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
      return view_may_see (view, SP_EPISODE_FIELD_CARE_CONTACTS, event->unit_id);
    case SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE:
    case SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE:
      return view_may_see (view, SP_EPISODE_FIELD_ESTIMATED_DISCHARGE, NULL);
    case SP_EPISODE_ACTION_CANCEL:
      /* Free text about why the stay ended, like the reason for contact. */
      return view_may_see (view, SP_EPISODE_FIELD_REASON_FOR_CONTACT, NULL);
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

  return json_node_init_array (json_node_alloc (), array);
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

  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
clocks_to_json (GPtrArray *clocks,
                GDateTime *now)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < clocks->len; i++)
    json_array_add_element (array, clock_to_json (g_ptr_array_index (clocks, i), now));

  return json_node_init_array (json_node_alloc (), array);
}

static void
set_restricted (JsonObject *object,
                View       *view)
{
  json_object_set_boolean_member (object, "restricted", view->restricted);
  if (view->restricted)
    json_object_set_string_member (object, "restricted_reason", restricted_reason (view));
}

/* The members every rendering starts with. */
static JsonObject *
episode_head (View *view)
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
  JsonObject *object = episode_head (view);
  g_autoptr(GPtrArray) clocks = episode_clocks (view->profile, episode, facts);

  json_object_set_member (object, "patient", patient_card (view, facts, FALSE));
  json_object_set_boolean_member (object, "patient_is_child",
                                  sp_episode_get_patient_is_child (episode));
  sp_json_set_datetime (object, "needs_judged_at", sp_episode_get_needs_judged_at (episode));
  sp_json_set_datetime (object, "admission_notice_sent_at",
                        sp_episode_get_admission_notice_sent_at (episode));
  if (view_may_see (view, SP_EPISODE_FIELD_REASON_FOR_CONTACT, NULL))
    {
      sp_json_set_string (object, "reason_for_contact",
                          sp_episode_get_reason_for_contact (episode));
      /* Kort vårdtid is marked in the reason for contact (DOMAIN §5 step 6). */
      json_object_set_boolean_member (object, "short_stay", sp_episode_get_short_stay (episode));
    }
  if (view_may_see (view, SP_EPISODE_FIELD_RESPONSIBLE_DOCTOR, NULL))
    sp_json_set_string (object, "responsible_doctor",
                        sp_episode_get_responsible_doctor (episode));
  set_estimated_discharge (object, view);
  if (view_may_see (view, SP_EPISODE_FIELD_ESTIMATED_DISCHARGE, NULL))
    json_object_set_member (object, "estimate_history", estimates_to_json (episode));
  json_object_set_member (object, "addressing", addressing_to_json (episode));
  json_object_set_member (object, "care_contacts", contacts_to_json (view));
  if (view_may_see (view, SP_EPISODE_FIELD_CONSENT, NULL))
    json_object_set_member (object, "consents",
                            sp_consent_set_to_json (sp_episode_get_consents (episode)));
  set_track (object, view, facts);
  sp_json_set_datetime (object, "discharged_at", sp_episode_get_discharged_at (episode));
  sp_json_set_datetime (object, "death_at", sp_episode_get_death_at (episode));
  sp_json_set_datetime (object, "cancelled_at", sp_episode_get_cancelled_at (episode));
  if (view_may_see (view, SP_EPISODE_FIELD_REASON_FOR_CONTACT, NULL))
    sp_json_set_string (object, "cancel_reason", sp_episode_get_cancel_reason (episode));
  json_object_set_member (object, "clocks", clocks_to_json (clocks, view->now));
  json_object_set_member (object, "allowed_actions", allowed_actions_to_json (view));
  json_object_set_member (object, "events", events_to_json (view));
  set_restricted (object, view);

  return sp_json_node_new_object (object);
}

static JsonNode *
render_episode (SpServer  *server,
                SpRequest *request,
                SpEpisode *episode)
{
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_auto(Facts) facts = { 0 };
  View view;

  view_init (&view, server, request, episode, now);
  ensure_patient (server, episode, &facts);
  ensure_track (server, episode, &facts);
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

  if ((node = sp_api_record_to_json (record, &error)) == NULL ||
      (episode = sp_episode_new_from_json (node, &error)) == NULL)
    {
      g_warning ("Unreadable episode %s: %s", sp_record_get_id (record), error->message);
      return NULL;
    }

  if (!sp_access_may_see_episode (episode, sp_api_unit_id (request)))
    return NULL;

  sp_episode_set_revision (episode, sp_record_get_revision (record));
  return render_episode (server, request, episode);
}

/* Writing */

static gboolean
log_patient (SpServer   *server,
             SpRequest  *request,
             GDateTime  *now,
             const char *action,
             SpEpisode  *episode,
             GError    **error)
{
  return sp_audit_log (sp_server_get_store (server), request, now, action,
                       sp_episode_get_patient_id (episode), "episode",
                       sp_episode_get_id (episode), error);
}

/* Stores the episode, logs the write and answers with the episode as the caller sees it. */
static void
save_and_respond (SpServer   *server,
                  SpRequest  *request,
                  SpEpisode  *episode,
                  gint64      base_revision,
                  GDateTime  *now,
                  const char *action,
                  guint       status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autoptr(JsonNode) rendered = NULL;

  record = sp_api_save_episode (server, episode, base_revision, &error);
  if (record == NULL || !log_patient (server, request, now, action, episode, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  rendered = render_episode (server, request, episode);
  sp_request_respond (request, status, rendered);
}

static const char *
user_title (SpRequest *request)
{
  return sp_user_get_title (sp_session_get_user (request->session));
}

/* One consent as the body gives it; documented by the caller, now (DOMAIN §4). */
static SpConsent *
read_consent (JsonObject  *object,
              SpRequest   *request,
              GDateTime   *now,
              GError     **error)
{
  g_autofree char *giver_name = NULL;
  int kind = 0, form = 0, given_by = 0;
  gboolean child_asked = FALSE;
  SpConsent *consent;

  if (!sp_json_get_enum (object, "kind", TRUE, SP_TYPE_CONSENT_KIND, &kind, error) ||
      !sp_json_get_enum (object, "form", TRUE, SP_TYPE_CONSENT_FORM, &form, error) ||
      !sp_json_get_enum (object, "given_by", TRUE, SP_TYPE_CONSENT_GIVER, &given_by, error) ||
      !sp_json_get_string (object, "giver_name", FALSE, MAX_NAME, &giver_name, error) ||
      !sp_json_get_bool (object, "child_asked", FALSE, &child_asked, error))
    return NULL;

  /* A guardian or representative is named; the patient is named by the episode. */
  if (given_by != SP_CONSENT_GIVER_PATIENT && (giver_name == NULL || *giver_name == '\0'))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "giver_name: required unless the patient gave the consent");
      return NULL;
    }

  consent = sp_consent_new (kind, form, given_by, giver_name, sp_api_user_name (request),
                            user_title (request), sp_api_unit_id (request), now);
  sp_consent_set_child_asked (consent, child_asked);
  return consent;
}

/* The admission notice: POST /episodes */

static gboolean
read_addressing (SpServer    *server,
                 SpEpisode   *episode,
                 JsonObject  *body,
                 GDateTime   *now,
                 GError     **error)
{
  JsonArray *array = sp_json_get_array (body, "addressing", TRUE, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("addressing[%u]", i);
      g_autofree char *unit_id = NULL;
      g_autoptr(SpUnit) unit = NULL;
      int role = SP_ADDRESSING_ROLE_RECIPIENT;
      JsonObject *entry;

      entry = sp_json_node_get_object (json_array_get_element (array, i), path, error);
      if (entry == NULL)
        return FALSE;

      if (!sp_json_get_string (entry, "unit", TRUE, SP_STORE_MAX_NAME_LENGTH, &unit_id, error) ||
          !sp_json_get_enum (entry, "role", FALSE, SP_TYPE_ADDRESSING_ROLE, &role, error))
        {
          g_prefix_error (error, "%s.", path);
          return FALSE;
        }

      unit = sp_session_load_unit (sp_server_get_store (server), unit_id, NULL);
      if (unit == NULL)
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s.unit: no such unit",
                       path);
          return FALSE;
        }

      if (!sp_episode_address_unit (episode, unit_id, sp_unit_get_kind (unit), role, now, error))
        {
          g_prefix_error (error, "%s.unit: ", path);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_consents (SpEpisode   *episode,
               JsonObject  *body,
               SpRequest   *request,
               GDateTime   *now,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = sp_json_get_array (body, "consents", FALSE, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("consents[%u]", i);
      g_autoptr(SpConsent) consent = NULL;
      JsonObject *entry;

      entry = sp_json_node_get_object (json_array_get_element (array, i), path, error);
      if (entry == NULL)
        return FALSE;

      consent = read_consent (entry, request, now, error);
      if (consent == NULL)
        {
          g_prefix_error (error, "%s.", path);
          return FALSE;
        }
      sp_consent_set_add (sp_episode_get_consents (episode), consent);
    }

  return TRUE;
}

/* A time the ward records for the past: admission to the ward, the needs judgement. */
static gboolean
check_not_future (GDateTime   *at,
                  const char  *member,
                  GDateTime   *now,
                  GError     **error)
{
  if (at == NULL || g_date_time_compare (at, now) <= 0)
    return TRUE;

  g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: in the future", member);
  return FALSE;
}

static gboolean
read_notice (SpServer    *server,
             SpRequest   *request,
             SpEpisode   *episode,
             JsonObject  *body,
             GDateTime   *now,
             GDate       *out_estimate,
             GError     **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *doctor = NULL;
  g_autoptr(GDateTime) needs_judged_at = NULL;
  gboolean short_stay = FALSE;

  if (!sp_json_get_string (body, "reason_for_contact", FALSE, SP_JSON_MAX_TEXT, &reason,
                           error) ||
      !sp_json_get_string (body, "responsible_doctor", FALSE, MAX_NAME, &doctor, error) ||
      !sp_json_get_bool (body, "short_stay", FALSE, &short_stay, error) ||
      !sp_json_get_datetime (body, "needs_judged_at", FALSE, &needs_judged_at, error) ||
      !check_not_future (needs_judged_at, "needs_judged_at", now, error) ||
      !sp_json_get_date (body, "estimated_discharge", FALSE, out_estimate, error) ||
      !read_addressing (server, episode, body, now, error) ||
      !read_consents (episode, body, request, now, error))
    return FALSE;

  sp_episode_set_reason_for_contact (episode, reason);
  sp_episode_set_responsible_doctor (episode, doctor);
  sp_episode_set_short_stay (episode, short_stay);
  sp_episode_set_needs_judged_at (episode, needs_judged_at);
  return TRUE;
}

static void
create_episode (gpointer   server,
                SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(GDateTime) admitted_at = NULL;
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(SpEpisode) episode = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *id = sp_api_new_id ("e");
  JsonObject *body = sp_request_get_object (request, &error);
  GDate estimate, today;

  g_date_clear (&estimate, 1);
  if (body == NULL ||
      !sp_json_get_string (body, "patient_id", TRUE, SP_STORE_MAX_NAME_LENGTH, &patient_id,
                           &error) ||
      !sp_json_get_datetime (body, "admitted_at", FALSE, &admitted_at, &error) ||
      !check_not_future (admitted_at, "admitted_at", now, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  episode = sp_episode_new (id, patient_id, sp_api_unit_id (request),
                            admitted_at != NULL ? admitted_at : now);

  /* Only an inpatient unit sends an admission notice: say so before judging the form. */
  if (!sp_episode_can (episode, SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE,
                       sp_api_unit_id (request), sp_api_unit_kind (request), &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  patient = load_patient (sp_server_get_store (server), patient_id, NULL, NULL);
  if (patient == NULL)
    {
      sp_request_fail (request, g_error_new_literal (SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                                                     "patient_id: no such patient"));
      return;
    }

  /* A child's own consent does not count (DOMAIN §3): the episode must know. */
  sp_calendar_get_local_date (now, &today);
  sp_episode_set_patient_is_child (episode,
                                   sp_patient_get_identity (patient) != NULL &&
                                   sp_identity_is_child (sp_patient_get_identity (patient),
                                                         &today));

  if (!read_notice (server, request, episode, body, now, &estimate, &error) ||
      !sp_episode_send_admission_notice (episode, sp_api_unit_id (request),
                                         sp_api_unit_kind (request),
                                         g_date_valid (&estimate) ? &estimate : NULL, now,
                                         sp_api_user_name (request), &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  save_and_respond (server, request, episode, 0, now, "create", 201);
}

/* The overview: GET /episodes */

typedef struct
{
  guint       states;     /* bit per SpEpisodeState; 0: any */
  guint       tracks;     /* bit per SpTrack; 0: any */
  gboolean    overdue_given;
  gboolean    overdue;
  char       *q;          /* case-folded; NULL: none */
  char       *q_digits;   /* q without separators, if it is a number; else NULL */
  gboolean    by_identity; /* q is a whole identity number: only its patient's episodes */
  char       *patient_id;  /* that patient, if registered */
  guint       offset;
  guint       limit;
  GHashTable *unacked;    /* episode id → unacknowledged messages for the caller's unit */
} Query;

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->q, g_free);
  g_clear_pointer (&query->q_digits, g_free);
  g_clear_pointer (&query->patient_id, g_free);
  g_clear_pointer (&query->unacked, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

/* "planning,ready" → a bit per nick. */
static gboolean
parse_nicks (SpRequest   *request,
             const char  *name,
             GType        enum_type,
             guint       *out_bits,
             GError     **error)
{
  const char *text = sp_request_get_query (request, name);
  g_auto(GStrv) nicks = NULL;

  if (text == NULL)
    return TRUE;

  nicks = g_strsplit (text, ",", -1);
  for (guint i = 0; nicks[i] != NULL; i++)
    {
      int value = 0;

      if (!sp_enum_from_nick (enum_type, nicks[i], &value))
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: unknown value", name);
          return FALSE;
        }
      *out_bits |= 1u << value;
    }

  return TRUE;
}

static gboolean
parse_overdue (SpRequest  *request,
               Query      *query,
               GError    **error)
{
  const char *text = sp_request_get_query (request, "overdue");

  if (text == NULL)
    return TRUE;

  query->overdue_given = TRUE;
  query->overdue = g_strcmp0 (text, "true") == 0;
  if (query->overdue || g_strcmp0 (text, "false") == 0)
    return TRUE;

  g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                       "overdue: true or false");
  return FALSE;
}

/* The digits of a number as typed ("19121212-1212"); NULL if @text is not a number. */
static char *
strip_separators (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != '-' && *p != '+' && *p != ' ')
        return NULL;
    }

  return digits->len > 0 ? g_string_free (g_steal_pointer (&digits), FALSE) : NULL;
}

/* A whole identity number needs no scan: the registry's index finds the one patient. */
static void
find_q_patient (SpServer  *server,
                Query     *query,
                GDateTime *now)
{
  g_autoptr(SpIdentity) identity = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *term = NULL;
  GDate today;

  sp_calendar_get_local_date (now, &today);
  if (query->q_digits == NULL ||
      (identity = sp_identity_parse (query->q, &today, NULL)) == NULL)
    return;

  query->by_identity = TRUE;
  term = g_strconcat ("identity:", sp_identity_get_normalised (identity), NULL);
  records = sp_store_list (sp_server_get_store (server), "patient", term, 0, 1, NULL);
  if (records != NULL && records->len > 0)
    query->patient_id = g_strdup (sp_record_get_id (g_ptr_array_index (records, 0)));
}

/* Unacknowledged messages per episode, from the caller's inbox index in one lookup. */
static GHashTable *
count_unacked_messages (SpServer   *server,
                        const char *unit_id)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *term = g_strconcat ("unacked:", unit_id, NULL);
  g_autoptr(GPtrArray) records = NULL;

  records = sp_store_list (sp_server_get_store (server), "message", term, 0,
                           MAX_UNACKED_MESSAGES, NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const char *parent = sp_record_get_parent_id (g_ptr_array_index (records, i));
      guint n;

      if (parent == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, parent));
      g_hash_table_insert (counts, g_strdup (parent), GUINT_TO_POINTER (n + 1));
    }

  return counts;
}

static gboolean
parse_query (SpServer   *server,
             SpRequest  *request,
             GDateTime  *now,
             Query      *query,
             GError    **error)
{
  const char *q = sp_request_get_query (request, "q");

  if (!sp_api_get_paging (request, &query->offset, &query->limit, error) ||
      !parse_nicks (request, "state", SP_TYPE_EPISODE_STATE, &query->states, error) ||
      !parse_nicks (request, "track", SP_TYPE_TRACK, &query->tracks, error) ||
      !parse_overdue (request, query, error))
    return FALSE;

  if (q != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (q));

      if (*trimmed == '\0')
        return TRUE;
      query->q = g_utf8_casefold (trimmed, -1);
      query->q_digits = strip_separators (trimmed);
      find_q_patient (server, query, now);
    }

  query->unacked = count_unacked_messages (server, sp_api_unit_id (request));
  return TRUE;
}

static gboolean
matches_text (View        *view,
              const Facts *facts,
              const Query *query)
{
  SpPatient *patient = facts->patient;

  if (query->q == NULL)
    return TRUE;
  if (patient == NULL)
    return FALSE;

  /* Only on what the caller may see of the patient. */
  if (query->q_digits != NULL && sp_patient_get_identity (patient) != NULL &&
      view_may_see (view, SP_EPISODE_FIELD_IDENTITY, NULL) &&
      strstr (sp_identity_get_normalised (sp_patient_get_identity (patient)),
              query->q_digits) != NULL)
    return TRUE;

  if (view_may_see (view, SP_EPISODE_FIELD_NAME, NULL))
    {
      g_autofree char *name = g_strjoin (" ", sp_patient_get_given_name (patient),
                                         sp_patient_get_family_name (patient), NULL);
      g_autofree char *folded = g_utf8_casefold (name, -1);

      return strstr (folded, query->q) != NULL;
    }

  return FALSE;
}

static gboolean
any_overdue (GPtrArray *clocks,
             View      *view)
{
  for (guint i = 0; i < clocks->len; i++)
    {
      const Clock *clock = g_ptr_array_index (clocks, i);

      if (clock_concerns (clock, view) && clock_is_overdue (clock, view->now))
        return TRUE;
    }

  return FALSE;
}

/* The notices the caller's unit must still acknowledge. */
static guint
count_unacked_notices (View *view)
{
  guint n = 0;

  if (sp_episode_can (view->episode, SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE,
                      view->unit_id, view->unit_kind, NULL))
    n++;
  if (sp_episode_can (view->episode, SP_EPISODE_ACTION_ACKNOWLEDGE_READY, view->unit_id,
                      view->unit_kind, NULL))
    n++;

  return n;
}

/* One row of the overview. */
static JsonNode *
render_summary (View        *view,
                const Facts *facts,
                GPtrArray   *clocks,
                const Query *query)
{
  JsonObject *object = episode_head (view);
  JsonObject *unacked = json_object_new ();
  const Clock *next = next_deadline (clocks, view);

  json_object_set_member (object, "patient", patient_card (view, facts, TRUE));
  set_estimated_discharge (object, view);
  set_track (object, view, facts);

  if (next != NULL)
    {
      JsonObject *deadline = json_object_new ();

      sp_json_set_enum (deadline, "clock", SP_TYPE_CLOCK, next->clock);
      sp_json_set_string (deadline, "unit_id", next->unit_id);
      sp_json_set_datetime (deadline, "due", next->due);
      json_object_set_boolean_member (deadline, "overdue", clock_is_overdue (next, view->now));
      json_object_set_object_member (object, "next_deadline", deadline);
    }
  else
    {
      json_object_set_null_member (object, "next_deadline");
    }
  json_object_set_boolean_member (object, "overdue", any_overdue (clocks, view));
  json_object_set_member (object, "care_contact", main_contact_to_json (view));

  json_object_set_int_member (unacked, "notices",
                              count_unacked_notices (view));
  json_object_set_int_member (unacked, "messages",
                              GPOINTER_TO_UINT (g_hash_table_lookup (
                                query->unacked, sp_episode_get_id (view->episode))));
  json_object_set_object_member (object, "unacknowledged", unacked);
  set_restricted (object, view);

  return sp_json_node_new_object (object);
}

/* The filters, cheapest first, reading only the facts each needs. */
static gboolean
matches (SpServer    *server,
         SpEpisode   *episode,
         View        *view,
         const Query *query,
         Facts       *facts)
{
  if (!sp_access_may_see_episode (episode, view->unit_id) ||
      (query->states != 0 && !(query->states & (1u << sp_episode_get_state (episode)))))
    return FALSE;

  if (query->overdue_given)
    {
      g_autoptr(GPtrArray) clocks = NULL;

      /* Only the SIP clock depends on the track, and it runs only after ready. */
      if (sp_episode_get_ready_at (episode) != NULL)
        ensure_track (server, episode, facts);
      clocks = episode_clocks (view->profile, episode, facts);
      if (any_overdue (clocks, view) != query->overdue)
        return FALSE;
    }

  if (query->tracks != 0)
    {
      ensure_track (server, episode, facts);
      if (!facts->track_known || !(query->tracks & (1u << facts->track)) ||
          !view_may_see (view, SP_EPISODE_FIELD_PLANNING_ANSWERS, NULL))
        return FALSE;
    }

  if (query->q != NULL)
    {
      ensure_patient (server, episode, facts);
      if (!matches_text (view, facts, query))
        return FALSE;
    }

  return TRUE;
}

/* The row of an episode that matched and is on the page. */
static JsonNode *
render_row (SpServer    *server,
            SpEpisode   *episode,
            View        *view,
            const Query *query,
            Facts       *facts)
{
  g_autoptr(GPtrArray) clocks = NULL;

  ensure_patient (server, episode, facts);
  ensure_track (server, episode, facts);
  clocks = episode_clocks (view->profile, episode, facts);

  /* The filters asked sp-access too; only the row's own questions count. */
  view->restricted = FALSE;
  return render_summary (view, facts, clocks, query);
}

typedef struct
{
  SpRequest  *request;
  GDateTime  *now;
  GHashTable *patients; /* patient id → episode id, as shown */
} ListAudit;

/* One "list" entry per patient shown, in one transaction. */
static gboolean
log_list_cb (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  ListAudit *audit = user_data;
  GHashTableIter iter;
  gpointer patient_id, episode_id;

  g_hash_table_iter_init (&iter, audit->patients);
  while (g_hash_table_iter_next (&iter, &patient_id, &episode_id))
    if (!sp_audit_log (store, audit->request, audit->now, "list", patient_id, "episode",
                       episode_id, error))
      return FALSE;

  return TRUE;
}

static void
list_episodes (gpointer   server,
               SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(GHashTable) patients = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *term = NULL;
  g_auto(Query) query = { 0 };
  JsonArray *items = json_array_new ();
  guint matched = 0;
  gboolean full = FALSE;
  ListAudit audit;

  json_object_set_array_member (result, "items", items);
  if (!parse_query (server, request, now, &query, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  term = query.by_identity ? g_strconcat ("patient:", query.patient_id, NULL)
                           : g_strconcat ("unit:", sp_api_unit_id (request), NULL);
  /* An identity number nobody has: nothing to scan. */
  full = query.limit == 0 || (query.by_identity && query.patient_id == NULL);

  /* Store order (by id) is stable, so pages do not overlap; the scan stops once the page is
   * full. */
  for (guint scanned = 0; !full; scanned += SCAN_BATCH)
    {
      g_autoptr(GPtrArray) records = sp_store_list (store, "episode", term, scanned,
                                                    SCAN_BATCH, &error);

      if (records == NULL)
        {
          sp_request_fail (request, g_steal_pointer (&error));
          return;
        }

      for (guint i = 0; i < records->len && !full; i++)
        {
          SpRecord *record = g_ptr_array_index (records, i);
          g_autoptr(JsonNode) node = sp_api_record_to_json (record, NULL);
          g_autoptr(SpEpisode) episode = node != NULL ? sp_episode_new_from_json (node, NULL)
                                                      : NULL;
          g_auto(Facts) facts = { 0 };
          View view;

          if (episode == NULL)
            continue;
          sp_episode_set_revision (episode, sp_record_get_revision (record));
          view_init (&view, server, request, episode, now);
          if (!matches (server, episode, &view, &query, &facts) || matched++ < query.offset)
            continue;

          json_array_add_element (items, render_row (server, episode, &view, &query, &facts));
          g_hash_table_insert (patients, (gpointer) sp_episode_get_patient_id (episode),
                               (gpointer) sp_episode_get_id (episode));
          g_ptr_array_add (kept, g_steal_pointer (&episode));
          full = json_array_get_length (items) >= query.limit;
        }

      if (records->len < SCAN_BATCH)
        break;
    }

  audit = (ListAudit) { request, now, patients };
  if (!sp_store_transaction (store, log_list_cb, &audit, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  json_object_set_int_member (result, "offset", query.offset);
  json_object_set_int_member (result, "limit", query.limit);
  sp_request_respond_object (request, 200, result);
}

/* One episode: GET /episodes/:id */

static void
get_episode (gpointer   server,
             SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(JsonNode) rendered = NULL;

  episode = sp_api_load_episode (server, request, sp_request_get_param (request, "id"), &error);
  if (episode == NULL || !log_patient (server, request, now, "read", episode, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  rendered = render_episode (server, request, episode);
  sp_request_respond (request, 200, rendered);
}

/* Transitions: POST /episodes/:id/<what> */

typedef struct
{
  SpServer   *server;
  SpRequest  *request;
  SpEpisode  *episode;
  JsonObject *body;
  GDateTime  *now;
  const char *unit_id;
  SpUnitKind  unit_kind;
  const char *user;
} Command;

typedef gboolean (*CommandFunc) (Command *command, GError **error);

static gboolean
change_estimated_discharge (Command  *c,
                            GError  **error)
{
  GDate date;

  g_date_clear (&date, 1);
  return sp_json_get_date (c->body, "date", TRUE, &date, error) &&
         sp_episode_change_estimated_discharge (c->episode, c->unit_id, c->unit_kind, &date,
                                                c->now, c->user, error);
}

static gboolean
name_care_contact (Command  *c,
                   GError  **error)
{
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  return sp_json_get_string (c->body, "name", TRUE, MAX_NAME, &name, error) &&
         sp_json_get_string (c->body, "phone", TRUE, MAX_NAME, &phone, error) &&
         sp_episode_name_care_contact (c->episode, sp_server_get_profile (c->server),
                                       c->unit_id, c->unit_kind, name, phone, c->now, c->user,
                                       error);
}

static gboolean
set_lead_care_contact (Command  *c,
                       GError  **error)
{
  g_autofree char *unit = NULL;

  return sp_json_get_string (c->body, "unit", TRUE, SP_STORE_MAX_NAME_LENGTH, &unit, error) &&
         sp_episode_set_lead_care_contact (c->episode, c->unit_id, c->unit_kind, unit, c->now,
                                           c->user, error);
}

static gboolean
mark_ready (Command  *c,
            GError  **error)
{
  /* Stamped with the server's clock: it can be dated neither forwards nor backwards. */
  return sp_episode_mark_ready (c->episode, c->unit_id, c->unit_kind, c->now, c->user, error);
}

/* The reason goes to the units as a general message (DOMAIN §5); the episode's event log
 * has no place for it yet, so it is checked here and the client sends the message. */
static gboolean
check_reason (Command  *c,
              GError  **error)
{
  g_autofree char *reason = NULL;

  return sp_json_get_string (c->body, "reason", FALSE, SP_JSON_MAX_TEXT, &reason, error);
}

static gboolean
retract_ready (Command  *c,
               GError  **error)
{
  return check_reason (c, error) &&
         sp_episode_retract_ready (c->episode, c->unit_id, c->unit_kind, c->now, c->user, error);
}

static gboolean
discharge (Command  *c,
           GError  **error)
{
  g_autoptr(GDateTime) at = NULL;

  return sp_json_get_datetime (c->body, "at", TRUE, &at, error) &&
         sp_episode_discharge (c->episode, c->unit_id, c->unit_kind, at, c->now, c->user, error);
}

static gboolean
retract_discharge (Command  *c,
                   GError  **error)
{
  return check_reason (c, error) &&
         sp_episode_retract_discharge (c->episode, c->unit_id, c->unit_kind, c->now, c->user,
                                       error);
}

static gboolean
register_death (Command  *c,
                GError  **error)
{
  g_autoptr(GDateTime) at = NULL;

  return sp_json_get_datetime (c->body, "at", TRUE, &at, error) &&
         sp_episode_register_death (c->episode, c->unit_id, c->unit_kind, at, c->now, c->user,
                                    error);
}

static gboolean
cancel (Command  *c,
        GError  **error)
{
  g_autofree char *reason = NULL;

  return sp_json_get_string (c->body, "reason", TRUE, SP_JSON_MAX_TEXT, &reason, error) &&
         sp_episode_cancel (c->episode, c->unit_id, c->unit_kind, reason, c->now, c->user,
                            error);
}

static gboolean
acknowledge (Command  *c,
             GError  **error)
{
  int notice = 0;

  if (!sp_json_get_enum (c->body, "notice", TRUE, SP_TYPE_EPISODE_NOTICE, &notice, error))
    return FALSE;

  if (notice == SP_EPISODE_NOTICE_ADMISSION)
    return sp_episode_acknowledge_admission_notice (c->episode, c->unit_id, c->unit_kind,
                                                    c->now, c->user, error);

  return sp_episode_acknowledge_ready (c->episode, c->unit_id, c->unit_kind, c->now, c->user,
                                       error);
}

/* Any unit in the episode may document a consent it was given (DOMAIN §4). */
static gboolean
record_consent (Command  *c,
                GError  **error)
{
  g_autoptr(SpConsent) consent = read_consent (c->body, c->request, c->now, error);

  if (consent == NULL)
    return FALSE;

  sp_consent_set_add (sp_episode_get_consents (c->episode), consent);
  return TRUE;
}

static gboolean
withdraw_consent (Command  *c,
                  GError  **error)
{
  SpConsent *consent;
  int kind = 0;

  if (!sp_json_get_enum (c->body, "kind", TRUE, SP_TYPE_CONSENT_KIND, &kind, error))
    return FALSE;

  consent = sp_consent_set_get_latest (sp_episode_get_consents (c->episode), kind, c->now);
  if (consent == NULL)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "kind: no consent of this kind is recorded");
      return FALSE;
    }

  return sp_consent_withdraw (consent, c->now, c->user, user_title (c->request), c->unit_id,
                              error);
}

/* A menprövning is health care's instrument (DOMAIN §4): social services need consent. */
static gboolean
record_harm_assessment (Command  *c,
                        GError  **error)
{
  g_autoptr(SpHarmAssessment) assessment = NULL;
  g_autofree char *note = NULL;
  const char *title = user_title (c->request);
  int outcome = 0;

  if (!sp_unit_kind_is_health_care (c->unit_kind))
    {
      g_set_error_literal (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_NOT_PERMITTED,
                           "Only health care makes a harm assessment");
      return FALSE;
    }

  if (!sp_json_get_enum (c->body, "outcome", TRUE, SP_TYPE_HARM_OUTCOME, &outcome, error) ||
      !sp_json_get_string (c->body, "note", FALSE, SP_JSON_MAX_TEXT, &note, error))
    return FALSE;

  /* It must record the professional title of who made it. */
  if (title == NULL || *title == '\0')
    {
      g_set_error_literal (error, SP_CONSENT_ERROR, SP_CONSENT_ERROR_INVALID,
                           "The user has no professional title");
      return FALSE;
    }

  assessment = sp_harm_assessment_new (c->user, title, c->unit_id, c->now, outcome, note);
  sp_consent_set_add_harm_assessment (sp_episode_get_consents (c->episode), assessment);
  return TRUE;
}

/* The last path segment(s) → what to do and how the audit log calls it. */
static const struct
{
  const char  *suffix;
  CommandFunc  func;
  const char  *audit_action;
} commands[] = {
  { "/estimated-discharge", change_estimated_discharge, "send" },
  { "/care-contacts", name_care_contact, "update" },
  { "/lead-care-contact", set_lead_care_contact, "update" },
  { "/ready", mark_ready, "send" },
  { "/retract-ready", retract_ready, "send" },
  { "/discharge", discharge, "send" },
  { "/retract-discharge", retract_discharge, "send" },
  { "/death", register_death, "send" },
  { "/cancel", cancel, "send" },
  { "/acknowledgements", acknowledge, "acknowledge" },
  { "/consents", record_consent, "update" },
  { "/consents/withdraw", withdraw_consent, "update" },
  { "/harm-assessments", record_harm_assessment, "update" },
};

static void
transition (gpointer   server,
            SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  JsonObject *body = NULL;
  gint64 base_revision = 0;
  Command command;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_has_suffix (request->path, commands[i].suffix))
      break;
  g_assert (i < G_N_ELEMENTS (commands));

  /* Existence before the body: a unit outside the episode learns nothing, not even which
   * members it would have to send. */
  episode = sp_api_load_episode (server, request, sp_request_get_param (request, "id"), &error);
  if (episode == NULL ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !sp_api_get_base_revision (body, &base_revision, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  if (base_revision != sp_episode_get_revision (episode))
    {
      sp_api_fail_conflict (request,
                            g_error_new_literal (SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                                                 "base_revision: not the current revision"),
                            render_episode (server, request, episode));
      return;
    }

  command = (Command) { server, request, episode, body, now, sp_api_unit_id (request),
                        sp_api_unit_kind (request), sp_api_user_name (request) };
  if (!commands[i].func (&command, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  save_and_respond (server, request, episode, base_revision, now, commands[i].audit_action, 200);
}
