/* sp-demo-sip.c — seed-demo's SIPs, from draft to closed
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-demo"

#include "config.h"

#include <string.h>

#include "sp-demo-private.h"

static SpSipInvitation *
make_invitation (SpPatient      *patient,
                 const Parties  *parties,
                 GDateTime      *meeting_at)
{
  SpSipInvitation *invitation = sp_sip_invitation_new (sp_patient_get_id (patient));
  const char *agenda[] = { "Hur ska vardagen fungera hemma?", "Vem gör vad, och när?", NULL };

  invitation->patient_name = g_strdup_printf ("%s %s", sp_patient_get_given_name (patient),
                                              sp_patient_get_family_name (patient));
  invitation->purpose = g_strdup ("Samordna insatserna efter utskrivningen");
  invitation->agenda = g_strdupv ((char **) agenda);
  invitation->convener_name = g_strdup (parties->vc->user_name);
  invitation->convener_unit_id = g_strdup (parties->vc->id);
  invitation->convener_phone = g_strdup ("010-000 00 01");
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new (parties->vc->id, parties->vc->kind,
                                            parties->vc->name, TRUE));
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new (parties->sol->id, parties->sol->kind,
                                            parties->sol->name, TRUE));
  /* Rehab is not addressed in the episode: the invitation brings it in. */
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new (parties->rehab->id, parties->rehab->kind,
                                            parties->rehab->name, FALSE));
  g_ptr_array_add (invitation->invitees, sp_sip_invitee_new ("Närstående Testsson", "dotter"));
  invitation->meeting_at = g_date_time_ref (meeting_at);
  invitation->form = SP_SIP_MEETING_FORM_HOME;
  invitation->place = g_strdup ("Hemma hos patienten");
  return invitation;
}

/* Main goal, one sub-goal with one intervention, chair, lead, follow-up, two participants
 * who have signed: everything establishing needs. */
static gboolean
fill_plan (SpSip          *sip,
           const Parties  *parties,
           GDateTime      *signed_at,
           GDateTime      *follow_up_at,
           GError        **error)
{
  SpSipPlan *plan = sp_sip_get_plan (sip);
  g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new ("Klara hygienen på egen hand");
  g_autoptr(SpSipIntervention) intervention = NULL;
  g_autoptr(SpSipParticipant) convener = NULL;
  g_autoptr(SpSipParticipant) officer = NULL;
  const char *goal_id;
  const char *participant_ids[2];

  convener = sp_sip_participant_new (parties->vc->user_name, parties->vc->id,
                                     parties->vc->title, SP_SIP_PRESENCE_IN_PERSON);
  officer = sp_sip_participant_new (parties->sol->user_name, parties->sol->id,
                                    parties->sol->title, SP_SIP_PRESENCE_VIDEO);

  if (!sp_sip_plan_set_main_goal (plan, "Jag vill bo kvar hemma", error) ||
      (goal_id = sp_sip_plan_add_sub_goal (plan, goal, error)) == NULL)
    return FALSE;

  intervention = sp_sip_intervention_new ("Hjälp med dusch två gånger i veckan", goal_id);
  intervention->unit_id = g_strdup (parties->sol->id);
  intervention->principal = SP_PRINCIPAL_MUNICIPALITY;
  if (sp_sip_plan_add_intervention (plan, intervention, error) == NULL ||
      !sp_sip_plan_set_chair (plan, parties->vc->user_name, parties->vc->user_name, error) ||
      !sp_sip_plan_set_lead (plan, parties->vc->user_name, parties->vc->id, error) ||
      !sp_sip_plan_set_follow_up (plan, follow_up_at, "Hemma hos patienten", NULL, error) ||
      (participant_ids[0] = sp_sip_plan_add_participant (plan, convener, error)) == NULL ||
      (participant_ids[1] = sp_sip_plan_add_participant (plan, officer, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (participant_ids); i++)
    if (!sp_sip_plan_sign (plan, participant_ids[i], signed_at, error))
      return FALSE;

  return TRUE;
}

/* The invitation brings in units the episode did not address, as sp-api-sip.c does: an
 * episode that has gone past the point where units can be added keeps its addressing. */
static gboolean
add_invited_units (SpEpisode      *episode,
                   const Parties  *parties,
                   GPtrArray      *unit_ids,
                   GDateTime      *sent_at,
                   GError        **error)
{
  for (guint i = 0; i < unit_ids->len; i++)
    {
      const char *unit_id = g_ptr_array_index (unit_ids, i);
      g_autoptr(GError) local_error = NULL;
      SpUnitKind kind = strcmp (unit_id, parties->rehab->id) == 0 ? parties->rehab->kind
                        : strcmp (unit_id, parties->sol->id) == 0 ? parties->sol->kind
                        : parties->vc->kind;

      if (!sp_episode_add_unit_via_sip_invitation (episode, parties->vc->id, parties->vc->kind,
                                                   unit_id, kind, sent_at,
                                                   parties->vc->user_name, &local_error) &&
          !g_error_matches (local_error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_WRONG_STATE) &&
          !g_error_matches (local_error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_ALREADY_DONE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

/* A SIP convened by the vårdcentral after the ready notice, taken to @stage. */
gboolean
sp_demo_seed_sip (Seeder         *seeder,
                  SpEpisode      *episode,
                  SpPatient      *patient,
                  const Parties  *parties,
                  SipStage        stage,
                  GDateTime      *admitted,
                  GError        **error)
{
  g_autofree char *id = sp_api_new_id ("s");
  g_autoptr(GDateTime) created_at = sp_demo_at (admitted, 53);
  g_autoptr(GDateTime) sent_at = sp_demo_at (admitted, 54);
  g_autoptr(GDateTime) meeting_at = sp_demo_at (admitted, 60);
  g_autoptr(GDateTime) established_at = sp_demo_at (admitted, 62);
  g_autoptr(GDateTime) closed_at = sp_demo_at (admitted, 69);
  g_autoptr(GDateTime) follow_up_at = g_date_time_add_weeks (meeting_at, 4);
  g_autoptr(SpSip) sip = sp_sip_new (id, sp_patient_get_id (patient),
                                     sp_episode_get_id (episode), SP_SIP_VARIANT_SIP,
                                     created_at, parties->vc->user_name);
  g_autoptr(SpSipInvitation) invitation = make_invitation (patient, parties, meeting_at);
  g_autoptr(SpSipMapping) mapping = NULL;
  g_autoptr(GPtrArray) invited = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) terms = NULL;

  sp_demo_add_consent (episode, SP_CONSENT_KIND_SIP, parties, sp_patient_get_given_name (patient),
               created_at);
  if (!sp_sip_set_invitation (sip, invitation, error))
    return FALSE;

  if (stage >= SIP_INVITED)
    {
      if ((invited = sp_sip_send_invitation (sip, TRUE, sent_at, error)) == NULL ||
          !add_invited_units (episode, parties, invited, sent_at, error))
        return FALSE;
    }

  if (stage >= SIP_IN_PROGRESS)
    {
      mapping = sp_sip_mapping_new ("Utskriven efter höftfraktur, bor ensam.",
                                    "Hemtjänst två gånger i veckan sedan tidigare.",
                                    "Går med rollator, behöver hjälp vid dusch.",
                                    "Utöka hemtjänsten och följ upp om fyra veckor.");
      if (!sp_sip_set_mapping (sip, mapping, error) ||
          !fill_plan (sip, parties, meeting_at, follow_up_at, error))
        return FALSE;
    }

  if (stage >= SIP_ESTABLISHED &&
      sp_sip_establish (sip, TRUE, established_at, parties->vc->user_name, error) == NULL)
    return FALSE;

  if (stage == SIP_REVISION && !sp_sip_start_revision (sip, error))
    return FALSE;

  if (stage == SIP_CLOSED &&
      !sp_sip_close (sip, SP_SIP_CLOSE_REASON_GOALS_MET, NULL, parties->vc->user_name,
                     closed_at, error))
    return FALSE;

  seeder->per_sip_status[sp_sip_get_status (sip)]++;
  seeder->n_sips++;
  terms = sp_api_sip_terms (sip);
  node = sp_sip_to_json (sip);
  return sp_demo_put (seeder, "sip", id, NULL, node, (const char * const *) terms, error);
}

