/* sp-print-test-data.h — fictional documents for the print tests and the sip-pdf benchmark
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SIP is built with the core's own constructors and established by sp_sip_establish(),
 * so its JSON has exactly the shape the server renders (sp_sip_to_json). Header-only because
 * the benchmark (tests/bench) uses it too.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-json.h"
#include "sp-sip.h"

/* Long enough to wrap over several lines of a table cell. */
#define TEST_LONG_TEXT \
  "Hjälp med morgonrutiner: uppstigning, personlig hygien, påklädnad och frukost, med " \
  "särskild uppmärksamhet på fallrisk i badrummet och att patienten tar sina läkemedel"

static inline GDateTime *
test_time (const char *iso)
{
  GDateTime *time = NULL;

  g_assert_true (sp_json_parse_datetime (iso, &time));
  return time;
}

/* A SIP for Greta Testsson (the test number 19121212-1212) with @n_interventions spread over six sub-goals; established
 * (version 1) when @establish. The last intervention's text ends in "INSATS-SLUT". */
static inline JsonNode *
test_sip_json (guint    n_interventions,
               gboolean establish)
{
  g_autoptr(GDateTime) created = test_time ("2026-03-02T09:00:00Z");
  g_autoptr(GDateTime) meeting = test_time ("2026-03-10T12:00:00Z");
  g_autoptr(GDateTime) follow_up = test_time ("2026-05-04T08:30:00Z");
  g_autoptr(GDateTime) signed_at = test_time ("2026-03-10T13:00:00Z");
  g_autoptr(SpSip) sip = sp_sip_new ("sip-test-1", "p-test-1", "e-test-1", SP_SIP_VARIANT_SIP,
                                     created, "Sara Kontakt");
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GPtrArray) invitees = g_ptr_array_new ();
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GError) error = NULL;
  char *agenda[] = { "Hemsjukvård", "Hemtjänst", "Rehabilitering", NULL };
  SpSipInvitedUnit hsl = { (char *) "hsl-test", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                           (char *) "Hemsjukvården Test", TRUE };
  SpSipInvitedUnit sol = { (char *) "sol-test", SP_UNIT_KIND_SOCIAL_SERVICES,
                           (char *) "Socialtjänsten Test", TRUE };
  SpSipInvitee daughter = { (char *) "Dottern Eva", (char *) "närstående" };
  SpSipInvitation invitation = { 0 };
  const char *goal_ids[6];
  const char *unit_ids[] = { "hsl-test", "sol-test", "vc-norr" };
  SpSipPlan *plan;
  GDate evaluation;

  g_ptr_array_add (units, &hsl);
  g_ptr_array_add (units, &sol);
  g_ptr_array_add (invitees, &daughter);
  invitation.patient_id = (char *) "p-test-1";
  invitation.patient_name = (char *) "Greta Testsson";
  invitation.purpose = (char *) "Samordna insatser efter utskrivning";
  invitation.agenda = agenda;
  invitation.convener_name = (char *) "Sara Kontakt";
  invitation.convener_unit_id = (char *) "vc-norr";
  invitation.convener_phone = (char *) "08-123 456";
  invitation.units = units;
  invitation.invitees = invitees;
  invitation.meeting_at = meeting;
  invitation.form = SP_SIP_MEETING_FORM_HOME;
  invitation.place = (char *) "Hemma hos patienten, Provgatan 1";
  g_assert_true (sp_sip_set_invitation (sip, &invitation, &error));
  g_assert_no_error (error);
  sent = sp_sip_send_invitation (sip, TRUE, meeting, &error);
  g_assert_no_error (error);

  plan = sp_sip_get_plan (sip);
  g_assert_true (sp_sip_plan_set_main_goal (plan, "Jag vill bo kvar hemma och klara mig själv "
                                            "så mycket som möjligt.", &error));
  g_assert_true (sp_sip_plan_set_chair (plan, "Sara Kontakt", "Bertil Provsson", &error));
  g_assert_true (sp_sip_plan_set_lead (plan, "Sara Kontakt", "vc-norr", &error));
  g_date_set_dmy (&evaluation, 1, 9, 2026);
  g_assert_true (sp_sip_plan_set_follow_up (plan, follow_up, "Vårdcentralen Norr", &evaluation,
                                            &error));
  for (guint i = 0; i < G_N_ELEMENTS (goal_ids); i++)
    {
      g_autofree char *text = g_strdup_printf ("Delmål nummer %u: klara vardagen tryggt", i + 1);
      g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new (text);

      goal->responsible_unit_id = g_strdup (unit_ids[i % G_N_ELEMENTS (unit_ids)]);
      g_date_set_dmy (&goal->target_date, 1, 6, 2026);
      goal_ids[i] = sp_sip_plan_add_sub_goal (plan, goal, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < n_interventions; i++)
    {
      g_autofree char *what = i + 1 == n_interventions
                                ? g_strdup_printf ("Insats %u. %s INSATS-SLUT", i + 1,
                                                   TEST_LONG_TEXT)
                                : g_strdup_printf ("Insats %u. %s", i + 1,
                                                   i % 3 == 0 ? TEST_LONG_TEXT : "Tillsyn");
      g_autoptr(SpSipIntervention) intervention =
        sp_sip_intervention_new (what, goal_ids[i % G_N_ELEMENTS (goal_ids)]);

      intervention->unit_id = g_strdup (unit_ids[i % G_N_ELEMENTS (unit_ids)]);
      intervention->responsible_person = g_strdup ("Anna Ansvarig");
      intervention->principal = i % 2 == 0 ? SP_PRINCIPAL_MUNICIPALITY : SP_PRINCIPAL_REGION;
      g_date_set_dmy (&intervention->start_date, 16, 3, 2026);
      intervention->frequency = g_strdup ("Varje dag 8–9");
      sp_sip_plan_add_intervention (plan, intervention, &error);
      g_assert_no_error (error);
    }
  {
    SpSipParticipant patient = { NULL, (char *) "Greta Testsson", NULL, NULL,
                                 SP_SIP_PRESENCE_IN_PERSON, FALSE, NULL };
    SpSipParticipant nurse = { NULL, (char *) "Sara Kontakt", (char *) "vc-norr",
                               (char *) "Distriktssköterska", SP_SIP_PRESENCE_WITH_PATIENT,
                               FALSE, NULL };
    const char *ids[2];

    ids[0] = sp_sip_plan_add_participant (plan, &patient, &error);
    ids[1] = sp_sip_plan_add_participant (plan, &nurse, &error);
    g_assert_no_error (error);
    for (guint i = 0; establish && i < G_N_ELEMENTS (ids); i++)
      g_assert_true (sp_sip_plan_sign (plan, ids[i], signed_at, &error));
  }

  if (establish)
    {
      sp_sip_establish (sip, TRUE, signed_at, "Sara Kontakt", &error);
      g_assert_no_error (error);
    }

  return sp_sip_to_json (sip);
}

/* The patient as GET /patients/:id renders them. */
static inline JsonNode *
test_patient_json (void)
{
  return sp_json_parse ("{\"id\":\"p-test-1\",\"revision\":1,"
                        "\"identity\":{\"kind\":\"personnummer\",\"value\":\"191212121212\","
                        "\"region\":null},\"given_name\":\"Greta\",\"family_name\":\"Testsson\","
                        "\"restricted\":false}", -1, NULL);
}
