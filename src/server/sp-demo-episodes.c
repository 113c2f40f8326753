/* sp-demo-episodes.c — seed-demo's episodes, each taken to its stage by its own actions
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-demo"

#include "config.h"

#include <string.h>

#include "sp-demo-private.h"

const SpTrack sp_demo_tracks[SP_DEMO_N_TRACKS] = {
  SP_TRACK_GRA, SP_TRACK_BLA, SP_TRACK_GRON, SP_TRACK_GUL, SP_TRACK_ROD,
};


/* The parties of episode @index. */
void
sp_demo_get_parties (guint    index,
                     Parties *out)
{
  out->ward = &sp_demo_units[WARD_0 + index % 3];
  out->vc = &sp_demo_units[VC_0 + (index / 3) % 3];
  out->municipality = index % 2;
  out->sol = sp_demo_kommun_unit (out->municipality, SOL);
  out->hsl = sp_demo_kommun_unit (out->municipality, HSL);
  out->rehab = sp_demo_kommun_unit (out->municipality, REHAB);
}

/* The episode's clock: @hours after admission. Admission is more than 70 hours ago, and
 * nothing happens later than 70 hours after it, so no stamp lies in the future. */
GDateTime *
sp_demo_at (GDateTime *admitted,
            int        hours)
{
  return g_date_time_add_hours (admitted, hours);
}

/* One answer to the planning questions that makes the basis come out as @track
 * (DOMAIN §6, the shared rule in sp-track.c), from the unit that would give it. */
static SpPlanningAnswer *
answer_for_track (SpEpisode      *episode,
                  const Parties  *parties,
                  SpTrack         track,
                  const DemoUnit **out_unit)
{
  const DemoUnit *unit = parties->ward;
  SpPlanningAnswer *answer;
  const char *key = "simple_only";

  switch (track)
    {
    case SP_TRACK_ROD:
      key = "extensive";
      break;
    case SP_TRACK_GUL:
      key = "hsl_new";
      break;
    case SP_TRACK_GRON:
      unit = parties->hsl;
      key = "hsl_before";
      break;
    case SP_TRACK_BLA:
      unit = parties->sol;
      key = "sol_before";
      break;
    case SP_TRACK_GRA:
    default:
      break;
    }

  answer = sp_planning_answer_new (sp_episode_get_id (episode), unit->id, unit->kind);
  sp_planning_answer_set_value (answer, key, SP_PLANNING_VALUE_YES);
  if (track == SP_TRACK_GRA)
    {
      sp_planning_answer_set_value (answer, "sol_new", SP_PLANNING_VALUE_NO);
      sp_planning_answer_set_value (answer, "hsl_new", SP_PLANNING_VALUE_NO);
      sp_planning_answer_set_value (answer, "extensive", SP_PLANNING_VALUE_NO);
    }
  sp_planning_answer_set_new_needs (answer, track >= SP_TRACK_GUL
                                            ? "Behöver hjälp med personlig omvårdnad."
                                            : NULL);
  *out_unit = unit;
  return answer;
}

/* The planning basis, stored as sp-api-planning.c stores it, and the answer in the episode's
 * log. */
static gboolean
seed_planning (Seeder         *seeder,
               SpEpisode      *episode,
               const Parties  *parties,
               SpTrack         track,
               GDateTime      *answered_at,
               GError        **error)
{
  const char *episode_id = sp_episode_get_id (episode);
  const DemoUnit *unit = NULL;
  g_autoptr(SpPlanningBasis) basis = sp_planning_basis_new (episode_id);
  g_autoptr(SpPlanningAnswer) answer = answer_for_track (episode, parties, track, &unit);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *episode_term = g_strconcat ("episode:", episode_id, NULL);
  g_autofree char *track_term = NULL;
  SpTrack computed;

  sp_planning_answer_sign (answer, unit->user_name, unit->title, answered_at);
  if (!sp_planning_basis_add (basis, answer, error) ||
      !sp_episode_answer_planning (episode, unit->id, unit->kind, answered_at,
                                   unit->user_name, error))
    return FALSE;

  computed = sp_planning_basis_get_effective_track (basis,
                                                    sp_server_get_profile (seeder->server),
                                                    NULL);
  seeder->per_track[computed]++;
  track_term = g_strconcat ("track:", sp_enum_to_nick (SP_TYPE_TRACK, computed), NULL);
  node = sp_planning_basis_to_json (basis);

  {
    const char * const terms[] = { episode_term, track_term, NULL };

    return sp_demo_put (seeder, "planning", episode_id, episode_id, node, terms, error);
  }
}

/* The ward's general message to every party, as POST /episodes/:id/messages makes it. */
gboolean
sp_demo_seed_message (Seeder         *seeder,
                      SpEpisode      *episode,
                      const Parties  *parties,
                      Stage           stage,
                      GDateTime      *admitted,
                      GError        **error)
{
  g_autofree char *id = sp_api_new_id ("m");
  g_autoptr(GDateTime) sent_at = sp_demo_at (admitted, 2);
  g_autoptr(GDateTime) acked_at = sp_demo_at (admitted, 6);
  g_autoptr(SpMessage) message = sp_message_new (id, SP_MESSAGE_KIND_GENERAL, parties->ward->id,
                                                 sent_at);
  g_autoptr(GPtrArray) recipients = g_ptr_array_new ();
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) terms = NULL;

  message->episode_id = g_strdup (sp_episode_get_id (episode));
  message->patient_id = g_strdup (sp_episode_get_patient_id (episode));
  message->author_name = g_strdup (parties->ward->user_name);
  message->author_title = g_strdup (parties->ward->title);
  message->to = g_strdup (SP_MESSAGE_TO_ALL);
  message->text = g_strdup ("Patienten har fått en förstärkt madrass. Ring gärna "
                            "avdelningen vid frågor om hemgången.");
  for (guint i = 0; i < addressing->len; i++)
    g_ptr_array_add (recipients, ((SpAddressee *) g_ptr_array_index (addressing, i))->unit_id);
  sp_message_set_recipients (message, recipients);

  if (!sp_message_send (message, parties->ward->id, sent_at, error) ||
      (stage != STAGE_NEW &&
       !sp_message_acknowledge (message, parties->vc->id, parties->vc->user_name, acked_at,
                                error)))
    return FALSE;

  terms = sp_message_get_terms (message);
  node = sp_message_to_json (message);
  seeder->n_messages++;
  return sp_demo_put (seeder, "message", id, message->episode_id, node,
                      (const char * const *) terms, error);
}

/* Admission notice, acknowledgements, care contact and consent: what every episode past
 * STAGE_NEW has. */
static gboolean
take_through_planning (Seeder         *seeder,
                       SpEpisode      *episode,
                       const Parties  *parties,
                       GDateTime      *admitted,
                       GError        **error)
{
  const SpRegionProfile *profile = sp_server_get_profile (seeder->server);
  const DemoUnit *acknowledging[] = { parties->vc, parties->sol, parties->hsl };
  g_autoptr(GDateTime) acked_at = sp_demo_at (admitted, 4);
  g_autoptr(GDateTime) named_at = sp_demo_at (admitted, 5);

  for (guint i = 0; i < G_N_ELEMENTS (acknowledging); i++)
    if (!sp_episode_acknowledge_admission_notice (episode, acknowledging[i]->id,
                                                  acknowledging[i]->kind, acked_at,
                                                  acknowledging[i]->user_name, error))
      return FALSE;

  return sp_episode_name_care_contact (episode, profile, parties->vc->id, parties->vc->kind,
                                       parties->vc->user_name, "010-000 00 01", named_at,
                                       parties->vc->user_name, error);
}

static gboolean
acknowledge_ready (SpEpisode      *episode,
                   const Parties  *parties,
                   GDateTime      *admitted,
                   GError        **error)
{
  const DemoUnit *acknowledging[] = { parties->vc, parties->sol, parties->hsl };
  g_autoptr(GDateTime) acked_at = sp_demo_at (admitted, 52);

  for (guint i = 0; i < G_N_ELEMENTS (acknowledging); i++)
    if (!sp_episode_acknowledge_ready (episode, acknowledging[i]->id, acknowledging[i]->kind,
                                       acked_at, acknowledging[i]->user_name, error))
      return FALSE;

  return TRUE;
}

/* Takes @episode from its admission notice to @stage, each step by its own action. */
gboolean
sp_demo_run_stage (Seeder         *seeder,
                   SpEpisode      *episode,
                   const Parties  *parties,
                   Stage           stage,
                   SpTrack         track,
                   GDateTime      *admitted,
                   GError        **error)
{
  const DemoUnit *ward = parties->ward;
  g_autoptr(GDateTime) planned_at = sp_demo_at (admitted, 26);
  g_autoptr(GDateTime) cancelled_at = sp_demo_at (admitted, 30);
  g_autoptr(GDateTime) ready_at = sp_demo_at (admitted, 50);
  g_autoptr(GDateTime) died_at = sp_demo_at (admitted, 60);
  g_autoptr(GDateTime) discharged_at = sp_demo_at (admitted, 70);

  if (stage == STAGE_NEW)
    return TRUE;

  if (!take_through_planning (seeder, episode, parties, admitted, error) ||
      !seed_planning (seeder, episode, parties, track, planned_at, error))
    return FALSE;

  switch (stage)
    {
    case STAGE_PLANNING:
      return TRUE;
    case STAGE_CANCELLED:
      return sp_episode_cancel (episode, ward->id, ward->kind, "Registrerad på fel patient",
                                cancelled_at, ward->user_name, error);
    case STAGE_DECEASED:
      return sp_episode_register_death (episode, ward->id, ward->kind, died_at, died_at,
                                        ward->user_name, error);
    default:
      break;
    }

  if (!sp_episode_mark_ready (episode, ward->id, ward->kind, ready_at, ward->user_name, error))
    return FALSE;
  if (stage == STAGE_READY)
    return TRUE;

  if (!acknowledge_ready (episode, parties, admitted, error))
    return FALSE;
  if (stage == STAGE_READY_ACKED)
    return TRUE;

  return sp_episode_discharge (episode, ward->id, ward->kind, discharged_at, discharged_at,
                               ward->user_name, error);
}

void
sp_demo_add_consent (SpEpisode      *episode,
                     SpConsentKind   kind,
                     const Parties  *parties,
                     const char     *giver_name,
                     GDateTime      *recorded_at)
{
  g_autoptr(SpConsent) consent = sp_consent_new (kind, SP_CONSENT_FORM_ORAL,
                                                 SP_CONSENT_GIVER_PATIENT, giver_name,
                                                 parties->ward->user_name, parties->ward->title,
                                                 parties->ward->id, recorded_at);

  sp_consent_set_add (sp_episode_get_consents (episode), consent);
}

