/* test-sip.c — the SIP from draft to closed, invitations, the one-active rule, 1177 contact,
 * and the SIP record's JSON
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-sip.h"

static GDateTime *
utc (int day,
     int hour)
{
  return g_date_time_new_utc (2026, 11, day, hour, 0, 0);
}

/* A complete invitation to a meeting in the home: one unit from the episode, two added. */
static SpSipInvitation *
make_invitation (void)
{
  SpSipInvitation *invitation = sp_sip_invitation_new ("patient-1");
  const char *agenda[] = { "Hur ska dagarna fungera hemma?", "Vem gör vad?", NULL };

  invitation->patient_name = g_strdup ("Testperson Testsson");
  invitation->purpose = g_strdup ("Samordna insatser efter utskrivning");
  invitation->agenda = g_strdupv ((char **) agenda);
  invitation->convener_name = g_strdup ("Fanny Vårdkontakt");
  invitation->convener_unit_id = g_strdup ("unit-vc");
  invitation->convener_phone = g_strdup ("010-123 45 67");
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new ("unit-vc", SP_UNIT_KIND_OUTPATIENT,
                                            "Vårdcentralen", TRUE));
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new ("unit-soc", SP_UNIT_KIND_SOCIAL_SERVICES,
                                            "Biståndsenheten", FALSE));
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new ("unit-fk", SP_UNIT_KIND_OTHER,
                                            "Försäkringskassan", FALSE));
  g_ptr_array_add (invitation->invitees, sp_sip_invitee_new ("Närstående", "dotter"));
  invitation->meeting_at = utc (27, 13);
  invitation->form = SP_SIP_MEETING_FORM_HOME;
  return invitation;
}

static SpSip *
make_sip (const char   *id,
          const char   *patient_id,
          SpSipVariant  variant)
{
  g_autoptr(GDateTime) created_at = utc (23, 9);

  return sp_sip_new (id, patient_id, "episode-1", variant, created_at, "Fanny Vårdkontakt");
}

static void
send_invitation (SpSip *sip)
{
  g_autoptr(SpSipInvitation) invitation = make_invitation ();
  g_autoptr(GDateTime) sent_at = utc (23, 11);
  g_autoptr(GPtrArray) newly = NULL;
  g_autoptr(GError) error = NULL;

  sp_sip_set_invitation (sip, invitation, &error);
  g_assert_no_error (error);
  newly = sp_sip_send_invitation (sip, TRUE, sent_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (newly);
}

/* Fills the working plan so that only the signatures are missing; returns the participant
 * ids (owned by the plan). */
static void
fill_plan (SpSipPlan   *plan,
           const char **out_first,
           const char **out_second)
{
  g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new ("Klara hygienen själv");
  g_autoptr(SpSipIntervention) intervention = NULL;
  g_autoptr(SpSipParticipant) nurse = sp_sip_participant_new ("Distriktssköterska A",
                                                              "unit-hsv", "Sjuksköterska",
                                                              SP_SIP_PRESENCE_WITH_PATIENT);
  g_autoptr(SpSipParticipant) officer = sp_sip_participant_new ("Handläggare B", "unit-soc",
                                                                "Biståndshandläggare",
                                                                SP_SIP_PRESENCE_VIDEO);
  g_autoptr(GDateTime) follow_up = utc (30, 10);
  g_autoptr(GError) error = NULL;
  const char *goal_id;

  sp_sip_plan_set_main_goal (plan, "Jag vill bo kvar hemma", &error);
  goal_id = sp_sip_plan_add_sub_goal (plan, goal, &error);
  intervention = sp_sip_intervention_new ("Hjälp med dusch två gånger i veckan", goal_id);
  intervention->unit_id = g_strdup ("unit-hemtjanst");
  intervention->principal = SP_PRINCIPAL_MUNICIPALITY;
  sp_sip_plan_add_intervention (plan, intervention, &error);
  sp_sip_plan_set_chair (plan, "Distriktssköterska A", "Fanny Vårdkontakt", &error);
  sp_sip_plan_set_lead (plan, "Fanny Vårdkontakt", "unit-vc", &error);
  sp_sip_plan_set_follow_up (plan, follow_up, "Hemma hos patienten", NULL, &error);
  *out_first = sp_sip_plan_add_participant (plan, nurse, &error);
  *out_second = sp_sip_plan_add_participant (plan, officer, &error);
  g_assert_no_error (error);
}

static void
sign_all (SpSipPlan *plan)
{
  GPtrArray *participants = sp_sip_plan_get_participants (plan);
  g_autoptr(GDateTime) at = utc (27, 14);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < participants->len; i++)
    {
      SpSipParticipant *participant = g_ptr_array_index (participants, i);

      sp_sip_plan_sign (plan, participant->id, at, &error);
      g_assert_no_error (error);
    }
}

static char *
to_text (SpSip *sip)
{
  g_autoptr(JsonNode) node = sp_sip_to_json (sip);

  return sp_json_to_string (node, FALSE);
}

/* equal (x, from_json (to_json (x))) and the same text on a second trip. */
static void
assert_roundtrip (SpSip *sip)
{
  g_autofree char *text = to_text (sip);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) parsed = sp_json_parse (text, -1, &error);
  g_autoptr(SpSip) back = sp_sip_new_from_json (parsed, &error);
  g_autofree char *text2 = NULL;

  g_assert_no_error (error);
  g_assert_true (sp_sip_equal (sip, back));
  text2 = to_text (back);
  g_assert_cmpstr (text, ==, text2);

  /* The lock travels with the status. */
  g_assert_cmpint (sp_sip_plan_is_editable (sp_sip_get_plan (back)), ==,
                   sp_sip_plan_is_editable (sp_sip_get_plan (sip)));
}

static void
test_invitation_forms (void)
{
  struct {
    const char       *reason;
    SpSipMeetingForm  form;
    const char       *place;
    const char       *phone_reason;
    const char       *video_details;
    const char       *with_patient;
    const char       *missing;  /* NULL: valid */
  } cases[] = {
    { "home needs no place",          SP_SIP_MEETING_FORM_HOME, NULL, NULL, NULL, NULL, NULL },
    { "elsewhere needs the place",    SP_SIP_MEETING_FORM_OTHER_PLACE, NULL, NULL, NULL, NULL,
      "place" },
    { "blank place is no place",      SP_SIP_MEETING_FORM_OTHER_PLACE, " ", NULL, NULL, NULL,
      "place" },
    { "elsewhere with the place",     SP_SIP_MEETING_FORM_OTHER_PLACE, "Vårdcentralen", NULL,
      NULL, NULL, NULL },
    { "phone is a last resort",       SP_SIP_MEETING_FORM_PHONE, NULL, NULL, NULL, NULL,
      "phone_reason" },
    { "phone with the reason",        SP_SIP_MEETING_FORM_PHONE, NULL, "Videon fungerar inte",
      NULL, NULL, NULL },
    { "video needs connection",       SP_SIP_MEETING_FORM_VIDEO, NULL, NULL, NULL,
      "Sjuksköterska A", "video_details" },
    { "video needs someone present",  SP_SIP_MEETING_FORM_VIDEO, NULL, NULL,
      "https://video.example/m/123", NULL, "with_patient" },
    { "video complete",               SP_SIP_MEETING_FORM_VIDEO, NULL, NULL,
      "https://video.example/m/123", "Sjuksköterska A", NULL },
    /* Details of another form are not asked for. */
    { "phone ignores video details",  SP_SIP_MEETING_FORM_PHONE, NULL, NULL,
      "https://video.example/m/123", "Sjuksköterska A", "phone_reason" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpSipInvitation) invitation = make_invitation ();
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].reason);
      invitation->form = cases[i].form;
      invitation->place = g_strdup (cases[i].place);
      invitation->phone_reason = g_strdup (cases[i].phone_reason);
      invitation->video_details = g_strdup (cases[i].video_details);
      invitation->with_patient = g_strdup (cases[i].with_patient);

      if (cases[i].missing == NULL)
        {
          g_assert_true (sp_sip_invitation_validate (invitation, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_autofree char *field = NULL;

          g_assert_false (sp_sip_invitation_validate (invitation, &error));
          g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD);
          field = sp_json_error_get_field (error);
          g_assert_cmpstr (field, ==, cases[i].missing);
        }
    }
}

static void
clear_patient (SpSipInvitation *i)
{
  g_clear_pointer (&i->patient_id, g_free);
}

static void
blank_purpose (SpSipInvitation *i)
{
  g_free (i->purpose);
  i->purpose = g_strdup ("  ");
}

static void
clear_agenda (SpSipInvitation *i)
{
  g_clear_pointer (&i->agenda, g_strfreev);
}

static void
blank_agenda (SpSipInvitation *i)
{
  g_strfreev (i->agenda);
  i->agenda = g_strsplit (" ", ",", -1);
}

static void
clear_convener (SpSipInvitation *i)
{
  g_clear_pointer (&i->convener_name, g_free);
}

static void
clear_convener_unit (SpSipInvitation *i)
{
  g_clear_pointer (&i->convener_unit_id, g_free);
}

static void
clear_units (SpSipInvitation *i)
{
  g_ptr_array_set_size (i->units, 0);
}

static void
blank_unit (SpSipInvitation *i)
{
  SpSipInvitedUnit *unit = g_ptr_array_index (i->units, 1);

  g_clear_pointer (&unit->unit_id, g_free);
}

static void
repeat_unit (SpSipInvitation *i)
{
  g_ptr_array_add (i->units, sp_sip_invited_unit_new ("unit-soc", SP_UNIT_KIND_SOCIAL_SERVICES,
                                                      NULL, FALSE));
}

static void
nameless_invitee (SpSipInvitation *i)
{
  g_ptr_array_add (i->invitees, sp_sip_invitee_new (NULL, "Arbetsförmedlingen"));
}

static void
clear_time (SpSipInvitation *i)
{
  g_clear_pointer (&i->meeting_at, g_date_time_unref);
}

static void
drop_phone (SpSipInvitation *i)
{
  g_clear_pointer (&i->convener_phone, g_free);
}

static void
test_invitation_fields (void)
{
  struct {
    void      (*mutate) (SpSipInvitation *invitation);
    int         code;   /* -1: valid */
    const char *field;
  } cases[] = {
    { clear_patient, SP_SIP_ERROR_MISSING_FIELD, "patient_id" },  /* whom it is for */
    { blank_purpose, SP_SIP_ERROR_MISSING_FIELD, "purpose" },
    { clear_agenda, SP_SIP_ERROR_MISSING_FIELD, "agenda" },       /* the questions */
    { blank_agenda, SP_SIP_ERROR_MISSING_FIELD, "agenda" },       /* [" "] asks nothing */
    { clear_convener, SP_SIP_ERROR_MISSING_FIELD, "convener.name" },
    { clear_convener_unit, SP_SIP_ERROR_MISSING_FIELD, "convener.unit_id" },
    { clear_units, SP_SIP_ERROR_MISSING_FIELD, "units" },
    { blank_unit, SP_SIP_ERROR_MISSING_FIELD, "units[1].unit_id" },
    { repeat_unit, SP_SIP_ERROR_INVALID, "units[3].unit_id" },
    { nameless_invitee, SP_SIP_ERROR_MISSING_FIELD, "invitees[1].name" },
    { clear_time, SP_SIP_ERROR_MISSING_FIELD, "meeting_at" },
    { drop_phone, -1, NULL },                                     /* phone is optional */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpSipInvitation) invitation = make_invitation ();
      g_autoptr(GError) error = NULL;
      g_autofree char *field = NULL;
      gboolean ok;

      cases[i].mutate (invitation);
      ok = sp_sip_invitation_validate (invitation, &error);
      g_test_message ("case %u: %s", i, ok ? "valid" : error->message);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, SP_SIP_ERROR, cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

static void
test_obliged (void)
{
  /* DOMAIN §8: health care and social services must attend; outside parties need not. */
  struct {
    SpUnitKind kind;
    gboolean   obliged;
  } cases[] = {
    { SP_UNIT_KIND_INPATIENT, TRUE },
    { SP_UNIT_KIND_OUTPATIENT, TRUE },
    { SP_UNIT_KIND_MUNICIPAL_HEALTH, TRUE },
    { SP_UNIT_KIND_SOCIAL_SERVICES, TRUE },
    { SP_UNIT_KIND_OTHER, FALSE },  /* Försäkringskassan, Arbetsförmedlingen, school */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpSipInvitedUnit) unit = sp_sip_invited_unit_new ("u", cases[i].kind, NULL,
                                                                  FALSE);

      g_assert_cmpint (sp_sip_invited_unit_is_obliged (unit), ==, cases[i].obliged);
    }
}

static void
test_send_invitation (void)
{
  g_autoptr(SpSip) sip = make_sip ("sip-1", "patient-1", SP_SIP_VARIANT_SIP);
  g_autoptr(SpSipInvitation) invitation = make_invitation ();
  g_autoptr(SpSipInvitation) other_patient = make_invitation ();
  g_autoptr(GDateTime) first = utc (23, 11);
  g_autoptr(GDateTime) second = utc (24, 8);
  g_autoptr(GPtrArray) newly = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing to send yet. */
  g_assert_null (sp_sip_send_invitation (sip, TRUE, first, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD);
  g_clear_error (&error);

  /* An invitation for someone else does not belong here. */
  g_free (other_patient->patient_id);
  other_patient->patient_id = g_strdup ("patient-2");
  g_assert_false (sp_sip_set_invitation (sip, other_patient, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID);
  g_clear_error (&error);

  /* An incomplete invitation may be saved but not sent. */
  g_clear_pointer (&invitation->purpose, g_free);
  g_assert_true (sp_sip_set_invitation (sip, invitation, &error));
  g_assert_null (sp_sip_send_invitation (sip, TRUE, first, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD);
  g_assert_cmpstr (error->message, ==, "invitation.purpose: required");
  g_clear_error (&error);
  invitation->purpose = g_strdup ("Samordning");
  g_assert_true (sp_sip_set_invitation (sip, invitation, &error));

  /* A SIP needs consent (DOMAIN §4). */
  g_assert_null (sp_sip_send_invitation (sip, FALSE, first, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (sp_sip_get_status (sip), ==, SP_SIP_STATUS_DRAFT);
  g_assert_null (sp_sip_get_invitation_sent_at (sip));

  /* Only the units not already in the episode get access now. */
  newly = sp_sip_send_invitation (sip, TRUE, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newly->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (newly, 0), ==, "unit-soc");
  g_assert_cmpstr (g_ptr_array_index (newly, 1), ==, "unit-fk");
  g_assert_cmpint (sp_sip_get_status (sip), ==, SP_SIP_STATUS_INVITED);
  g_assert_true (g_date_time_equal (sp_sip_get_invitation_sent_at (sip), first));
  g_clear_pointer (&newly, g_ptr_array_unref);

  /* Sending again after adding a unit: only that unit is new; the first time stays. */
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new ("unit-school", SP_UNIT_KIND_OTHER, "Skolan", FALSE));
  g_assert_true (sp_sip_set_invitation (sip, invitation, &error));
  newly = sp_sip_send_invitation (sip, TRUE, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newly->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (newly, 0), ==, "unit-school");
  g_assert_true (g_date_time_equal (sp_sip_get_invitation_sent_at (sip), first));
  g_assert_cmpuint (sp_sip_get_invited_unit_ids (sip)->len, ==, 3);
  assert_roundtrip (sip);
}

static void
test_lifecycle (void)
{
  g_autoptr(SpSip) sip = make_sip ("sip-1", "patient-1", SP_SIP_VARIANT_SIP);
  g_autoptr(SpSipMapping) mapping = sp_sip_mapping_new ("Utskriven efter höftfraktur",
                                                        "Bor ensam", "Går med rollator",
                                                        "Hemtjänst och rehab");
  g_autoptr(GDateTime) established_at = utc (27, 15);
  g_autoptr(GDateTime) revised_at = utc (30, 11);
  g_autoptr(GDateTime) later = utc (30, 16);
  g_autoptr(SpSipSubGoal) extra = sp_sip_sub_goal_new ("Gå till affären");
  g_autoptr(SpSipSubGoal) changed = NULL;
  g_autoptr(SpSipFollowUp) follow_up = NULL;
  g_autoptr(SpSipEvaluation) evaluation = NULL;
  g_autoptr(SpSipPlan) v1_plan = NULL;
  g_autoptr(SpSipPlan) v1_again = NULL;
  g_autoptr(SpSipPlan) v2_plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *v1_text = NULL;
  g_autofree char *goal_id = NULL;
  g_autofree char *intervention_id = NULL;
  g_autofree char *nurse_id = NULL;
  g_autofree char *officer_id = NULL;
  SpSipPlan *plan = sp_sip_get_plan (sip);
  SpSipVersion *v1;
  SpSipVersion *v2;
  const char *nurse = NULL;
  const char *officer = NULL;

  g_assert_cmpint (sp_sip_get_status (sip), ==, SP_SIP_STATUS_DRAFT);
  assert_roundtrip (sip);

  /* The mapping comes after the invitation. */
  g_assert_false (sp_sip_set_mapping (sip, mapping, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_NOT_INVITED_YET);
  g_clear_error (&error);
  g_assert_null (sp_sip_get_mapping (sip));

  /* Nor can a SIP be established before anyone was invited. */
  fill_plan (plan, &nurse, &officer);
  sign_all (plan);
  g_assert_null (sp_sip_establish (sip, TRUE, established_at, "Fanny Vårdkontakt", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_NOT_INVITED_YET);
  g_clear_error (&error);
  g_clear_object (&sip);

  /* Start over: invite, map, plan. */
  sip = make_sip ("sip-1", "patient-1", SP_SIP_VARIANT_SIP);
  plan = sp_sip_get_plan (sip);
  send_invitation (sip);
  g_assert_true (sp_sip_set_mapping (sip, mapping, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_sip_get_status (sip), ==, SP_SIP_STATUS_IN_PROGRESS);
  g_assert_true (sp_sip_mapping_equal (sp_sip_get_mapping (sip), mapping));
  fill_plan (plan, &nurse, &officer);
  /* Copies: the ids belong to the plan, which a revision replaces. */
  nurse = nurse_id = g_strdup (nurse);
  officer = officer_id = g_strdup (officer);
  goal_id = g_strdup (((SpSipSubGoal *) g_ptr_array_index (sp_sip_plan_get_sub_goals (plan),
                                                           0))->id);
  intervention_id = g_strdup (((SpSipIntervention *)
                               g_ptr_array_index (sp_sip_plan_get_interventions (plan), 0))->id);
  assert_roundtrip (sip);

  /* Not until everyone has signed; the error names who, by index and id (never names). */
  sp_sip_plan_sign (plan, nurse, established_at, &error);
  g_assert_no_error (error);
  g_assert_null (sp_sip_establish (sip, TRUE, established_at, "Fanny Vårdkontakt", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_NOT_SIGNED);
  g_assert_nonnull (strstr (error->message, "[1]"));
  g_assert_nonnull (strstr (error->message, officer));
  g_assert_null (strstr (error->message, "Handläggare"));
  g_assert_null (strstr (error->message, "[0]"));
  g_clear_error (&error);

  /* Establishing also needs the consent. */
  sp_sip_plan_sign (plan, officer, established_at, &error);
  g_assert_null (sp_sip_establish (sip, FALSE, established_at, "Fanny Vårdkontakt", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);

  v1 = sp_sip_establish (sip, TRUE, established_at, "Fanny Vårdkontakt", &error);
  g_assert_no_error (error);
  g_assert_nonnull (v1);
  g_assert_cmpuint (sp_sip_version_get_number (v1), ==, 1);
  g_assert_cmpint (sp_sip_get_status (sip), ==, SP_SIP_STATUS_ESTABLISHED);
  {
    g_autoptr(JsonNode) node = sp_sip_version_to_json (v1);

    v1_text = sp_json_to_string (node, FALSE);
  }
  assert_roundtrip (sip);

  /* The established version is locked: every kind of edit is refused. */
  g_assert_false (sp_sip_plan_set_main_goal (plan, "Något annat", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_null (sp_sip_plan_add_sub_goal (plan, extra, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (sp_sip_plan_remove_intervention (plan, intervention_id, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (sp_sip_plan_sign (plan, nurse, later, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_null (sp_sip_establish (sip, TRUE, later, "Fanny Vårdkontakt", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_LOCKED);
  g_clear_error (&error);

  /* Follow-up comments on the established version, before the revision. */
  follow_up = sp_sip_follow_up_new (SP_SIP_NODE_SUB_GOAL, goal_id,
                                    SP_SIP_FOLLOW_UP_STATUS_PARTLY, "Duschar med stöd",
                                    "Handläggare B", revised_at);
  g_assert_true (sp_sip_add_follow_up (sip, follow_up, &error));
  g_assert_no_error (error);

  /* Revise: a new working version from version 1, to be signed anew. */
  g_assert_true (sp_sip_start_revision (sip, &error));
  g_assert_no_error (error);
  g_assert_false (sp_sip_start_revision (sip, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sp_sip_get_status (sip), ==, SP_SIP_STATUS_IN_PROGRESS);
  plan = sp_sip_get_plan (sip);
  g_assert_true (sp_sip_plan_is_editable (plan));
  g_assert_false (sp_sip_plan_get_participant (plan, nurse)->has_signed);
  g_assert_nonnull (sp_sip_plan_get_sub_goal (plan, goal_id));

  sp_sip_plan_set_main_goal (plan, "Jag vill bo kvar hemma och gå ut", &error);
  changed = sp_sip_sub_goal_copy (sp_sip_plan_get_sub_goal (plan, goal_id));
  g_free (changed->text);
  changed->text = g_strdup ("Klara hygienen med lite stöd");
  sp_sip_plan_update_sub_goal (plan, changed, &error);
  sp_sip_plan_add_sub_goal (plan, extra, &error);
  sp_sip_plan_remove_intervention (plan, intervention_id, &error);
  g_assert_no_error (error);
  g_assert_null (sp_sip_establish (sip, TRUE, later, "Fanny Vårdkontakt", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_NOT_SIGNED);
  g_clear_error (&error);
  sign_all (plan);
  v2 = sp_sip_establish (sip, TRUE, later, "Fanny Vårdkontakt", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_sip_version_get_number (v2), ==, 2);

  /* Both versions are readable; version 1 is exactly as it was. */
  g_assert_true (sp_sip_get_established_version (sip, 1) == v1);
  g_assert_true (sp_sip_get_established_version (sip, 2) == v2);
  g_assert_null (sp_sip_get_established_version (sip, 0));
  g_assert_null (sp_sip_get_established_version (sip, 3));
  g_assert_cmpuint (sp_sip_get_versions (sip)->len, ==, 2);
  {
    g_autoptr(JsonNode) node = sp_sip_version_to_json (v1);
    g_autofree char *now = sp_json_to_string (node, FALSE);

    g_assert_cmpstr (now, ==, v1_text);
  }
  v1_plan = sp_sip_version_dup_plan (v1);
  v2_plan = sp_sip_version_dup_plan (v2);
  g_assert_cmpstr (sp_sip_plan_get_main_goal (v1_plan), ==, "Jag vill bo kvar hemma");
  g_assert_cmpuint (sp_sip_plan_get_sub_goals (v1_plan)->len, ==, 1);
  g_assert_nonnull (sp_sip_plan_get_intervention (v1_plan, intervention_id));
  g_assert_cmpstr (sp_sip_plan_get_main_goal (v2_plan), ==, "Jag vill bo kvar hemma och gå ut");
  g_assert_cmpuint (sp_sip_plan_get_sub_goals (v2_plan)->len, ==, 2);
  g_assert_null (sp_sip_plan_get_intervention (v2_plan, intervention_id));
  /* Editing a plan taken out of version 1 is refused, and changes nothing. */
  g_assert_false (sp_sip_plan_set_main_goal (v1_plan, "Hack", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_LOCKED);
  g_clear_error (&error);
  v1_again = sp_sip_version_dup_plan (v1);
  g_assert_cmpstr (sp_sip_plan_get_main_goal (v1_again), ==, "Jag vill bo kvar hemma");
  assert_roundtrip (sip);

  /* Follow-up on version 2: the removed intervention is not there any more. */
  g_clear_pointer (&follow_up, sp_sip_follow_up_free);
  follow_up = sp_sip_follow_up_new (SP_SIP_NODE_INTERVENTION, intervention_id,
                                    SP_SIP_FOLLOW_UP_STATUS_ACHIEVED, "Klart", "B", later);
  g_assert_false (sp_sip_add_follow_up (sip, follow_up, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
  g_clear_error (&error);
  g_clear_pointer (&follow_up, sp_sip_follow_up_free);
  follow_up = sp_sip_follow_up_new (SP_SIP_NODE_SUB_GOAL, goal_id,
                                    SP_SIP_FOLLOW_UP_STATUS_NOT_ACHIEVED, "Inte än", "B",
                                    later);
  g_assert_true (sp_sip_add_follow_up (sip, follow_up, &error));
  /* A second comment on the same node of the same version replaces the first. */
  follow_up->status = SP_SIP_FOLLOW_UP_STATUS_ACHIEVED;
  g_assert_true (sp_sip_add_follow_up (sip, follow_up, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sp_sip_get_follow_ups (sip)->len, ==, 2);
  g_assert_cmpuint (((SpSipFollowUp *) g_ptr_array_index (sp_sip_get_follow_ups (sip),
                                                          0))->version, ==, 1);
  g_assert_cmpint (((SpSipFollowUp *) g_ptr_array_index (sp_sip_get_follow_ups (sip),
                                                         1))->status, ==,
                   SP_SIP_FOLLOW_UP_STATUS_ACHIEVED);

  evaluation = sp_sip_evaluation_new ("Målet nått: bor kvar hemma", "Fanny Vårdkontakt", later);
  g_assert_true (sp_sip_set_evaluation (sip, evaluation, &error));
  g_assert_no_error (error);
  assert_roundtrip (sip);

  /* Closing: "other" needs its explanation. */
  g_assert_false (sp_sip_close (sip, SP_SIP_CLOSE_REASON_OTHER, NULL, "Fanny Vårdkontakt",
                                later, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD);
  g_assert_cmpstr (error->message, ==, "text: required");
  g_clear_error (&error);
  g_assert_true (sp_sip_is_active (sip));
  g_assert_true (sp_sip_close (sip, SP_SIP_CLOSE_REASON_GOALS_MET, NULL, "Fanny Vårdkontakt",
                               later, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_sip_get_status (sip), ==, SP_SIP_STATUS_CLOSED);
  g_assert_false (sp_sip_is_active (sip));
  g_assert_cmpint (sp_sip_get_closing (sip)->reason, ==, SP_SIP_CLOSE_REASON_GOALS_MET);
  assert_roundtrip (sip);

  /* Nothing changes after closing. */
  {
    g_autoptr(SpSipInvitation) invitation = make_invitation ();
    g_autoptr(GPtrArray) newly = NULL;

    g_assert_false (sp_sip_plan_set_main_goal (sp_sip_get_plan (sip), "x", &error));
    g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CLOSED);
    g_clear_error (&error);
    g_assert_false (sp_sip_set_invitation (sip, invitation, &error));
    g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CLOSED);
    g_clear_error (&error);
    newly = sp_sip_send_invitation (sip, TRUE, later, &error);
    g_assert_null (newly);
    g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CLOSED);
    g_clear_error (&error);
    g_assert_false (sp_sip_set_mapping (sip, mapping, &error));
    g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CLOSED);
    g_clear_error (&error);
    g_assert_false (sp_sip_start_revision (sip, &error));
    g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CLOSED);
    g_clear_error (&error);
    g_assert_null (sp_sip_establish (sip, TRUE, later, "Fanny Vårdkontakt", &error));
    g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CLOSED);
    g_clear_error (&error);
    g_assert_false (sp_sip_add_follow_up (sip, follow_up, &error));
    g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CLOSED);
    g_clear_error (&error);
    g_assert_false (sp_sip_set_evaluation (sip, evaluation, &error));
    g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CLOSED);
    g_clear_error (&error);
    g_assert_false (sp_sip_close (sip, SP_SIP_CLOSE_REASON_OTHER, "igen", "X", later, &error));
    g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_CLOSED);
    g_clear_error (&error);
  }
}

static void
test_establish_requirements (void)
{
  /* Each case leaves out one thing establishing needs (DOMAIN §8). */
  struct {
    const char *field;
  } cases[] = {
    { "plan.main_goal" }, { "plan.lead.name" }, { "plan.lead.unit_id" },
    { "plan.sub_goals" }, { "plan.follow_up_at" }, { "plan.participants" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpSip) sip = make_sip ("sip-1", "patient-1", SP_SIP_VARIANT_SIP);
      g_autoptr(GDateTime) at = utc (27, 15);
      g_autoptr(GError) error = NULL;
      g_autofree char *field = NULL;
      SpSipPlan *plan = sp_sip_get_plan (sip);
      const char *nurse, *officer;
      const char *f = cases[i].field;

      send_invitation (sip);
      fill_plan (plan, &nurse, &officer);
      sign_all (plan);
      if (g_str_equal (f, "plan.main_goal"))
        sp_sip_plan_set_main_goal (plan, NULL, &error);
      else if (g_str_equal (f, "plan.lead.name"))
        sp_sip_plan_set_lead (plan, "", "unit-vc", &error);
      else if (g_str_equal (f, "plan.lead.unit_id"))
        sp_sip_plan_set_lead (plan, "Fanny", NULL, &error);
      else if (g_str_equal (f, "plan.sub_goals"))
        sp_sip_plan_remove_sub_goal (plan, ((SpSipSubGoal *) g_ptr_array_index (
                                       sp_sip_plan_get_sub_goals (plan), 0))->id, TRUE, &error);
      else if (g_str_equal (f, "plan.follow_up_at"))
        sp_sip_plan_set_follow_up (plan, NULL, NULL, NULL, &error);
      else
        {
          sp_sip_plan_remove_participant (plan, nurse, &error);
          sp_sip_plan_remove_participant (plan, officer, &error);
        }
      g_assert_no_error (error);

      g_assert_null (sp_sip_establish (sip, TRUE, at, "Fanny", &error));
      g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, f);
      g_assert_cmpint (sp_sip_get_status (sip), ==, SP_SIP_STATUS_INVITED);
    }
}

static void
test_variant (void)
{
  g_autoptr(SpSip) sip = make_sip ("sip-2", "patient-1", SP_SIP_VARIANT_COORDINATED_CARE_PLAN);
  g_autoptr(GDateTime) at = utc (27, 15);
  g_autoptr(GError) error = NULL;
  const char *nurse, *officer;

  g_assert_cmpstr (sp_sip_variant_get_label (SP_SIP_VARIANT_SIP), ==, "SIP");
  g_assert_cmpstr (sp_sip_variant_get_label (SP_SIP_VARIANT_COORDINATED_CARE_PLAN), ==,
                   "Samordnad vårdplan");

  /* Established when the units have approved it: the same signatures rule. */
  send_invitation (sip);
  fill_plan (sp_sip_get_plan (sip), &nurse, &officer);
  g_assert_null (sp_sip_establish (sip, TRUE, at, "Chefsöverläkare", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_NOT_SIGNED);
  g_clear_error (&error);
  sign_all (sp_sip_get_plan (sip));
  g_assert_nonnull (sp_sip_establish (sip, TRUE, at, "Chefsöverläkare", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_sip_get_variant (sip), ==, SP_SIP_VARIANT_COORDINATED_CARE_PLAN);
  assert_roundtrip (sip);
}

static void
test_one_active (void)
{
  g_autoptr(SpSip) closed = make_sip ("sip-old", "patient-1", SP_SIP_VARIANT_SIP);
  g_autoptr(SpSip) active = make_sip ("sip-now", "patient-1", SP_SIP_VARIANT_SIP);
  g_autoptr(SpSip) candidate = make_sip ("sip-new", "patient-1", SP_SIP_VARIANT_SIP);
  g_autoptr(SpSip) same_id = make_sip ("sip-new", "patient-1", SP_SIP_VARIANT_SIP);
  g_autoptr(SpSip) other_patient = make_sip ("sip-other", "patient-2", SP_SIP_VARIANT_SIP);
  g_autoptr(GPtrArray) sips = g_ptr_array_new ();
  g_autoptr(GDateTime) at = utc (25, 9);
  g_autoptr(GError) error = NULL;

  sp_sip_close (closed, SP_SIP_CLOSE_REASON_CONSENT_WITHDRAWN, NULL, "Fanny", at, &error);
  g_assert_no_error (error);

  /* None: fine. A closed one: fine. Itself (or its stored copy): fine. Another patient's
   * active SIP is not this person's. */
  g_assert_true (sp_sip_check_one_active (sips, candidate, &error));
  g_ptr_array_add (sips, closed);
  g_ptr_array_add (sips, candidate);
  g_ptr_array_add (sips, same_id);
  g_ptr_array_add (sips, other_patient);
  g_assert_true (sp_sip_check_one_active (sips, candidate, &error));
  g_assert_no_error (error);

  /* A draft counts as active: it is not closed. */
  g_ptr_array_add (sips, active);
  g_assert_false (sp_sip_check_one_active (sips, candidate, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_ONE_ACTIVE);
  g_assert_null (strstr (error->message, "patient-1"));
  g_assert_cmpstr (sp_sip_error_get_user_message (error->code), ==,
                   "Personen har redan en aktiv SIP. Avsluta den eller arbeta vidare i den.");
  g_clear_error (&error);

  /* Once the other one is closed, the candidate may be active. */
  sp_sip_close (active, SP_SIP_CLOSE_REASON_NO_LONGER_NEEDED, NULL, "Fanny", at, &error);
  g_assert_true (sp_sip_check_one_active (sips, candidate, &error));
  g_assert_no_error (error);

  /* A closed candidate never conflicts. */
  sp_sip_close (candidate, SP_SIP_CLOSE_REASON_PATIENT_DECLINED, NULL, "Fanny", at, &error);
  g_ptr_array_add (sips, make_sip ("sip-extra", "patient-1", SP_SIP_VARIANT_SIP));
  g_assert_true (sp_sip_check_one_active (sips, candidate, &error));
  g_assert_no_error (error);
  g_object_unref (g_ptr_array_index (sips, sips->len - 1));
}

static void
test_patient_contact (void)
{
  g_autoptr(SpSip) sip = make_sip ("sip-1", "patient-1", SP_SIP_VARIANT_SIP);
  g_autoptr(GDateTime) at = utc (27, 15);
  g_autoptr(GError) error = NULL;
  const char *nurse, *officer;
  struct {
    const char *lead_care_contact;
    const char *care_contact;
    const char *expected;
  } before[] = {
    /* No established version yet: the lead in the working plan is not shown. */
    { "Huvudansvarig FVK", "FVK", "Huvudansvarig FVK" },
    { NULL, "FVK", "FVK" },
    { "", "FVK", "FVK" },   /* empty is absent */
    { NULL, NULL, NULL },
  };

  send_invitation (sip);
  fill_plan (sp_sip_get_plan (sip), &nurse, &officer);
  sign_all (sp_sip_get_plan (sip));
  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      g_autofree char *contact =
        sp_sip_get_patient_contact (sip, before[i].lead_care_contact, before[i].care_contact);

      g_assert_cmpstr (contact, ==, before[i].expected);
    }

  /* Established: the SIP lead comes first. */
  sp_sip_establish (sip, TRUE, at, "Fanny Vårdkontakt", &error);
  g_assert_no_error (error);
  {
    g_autofree char *contact = sp_sip_get_patient_contact (sip, "Huvudansvarig FVK", "FVK");

    g_assert_cmpstr (contact, ==, "Fanny Vårdkontakt");
  }

  /* A revision under way changes nothing until it is established: 1177 shows the latest
   * established version. */
  sp_sip_start_revision (sip, &error);
  sp_sip_plan_set_lead (sp_sip_get_plan (sip), "Ny Samordnare", "unit-kommun", &error);
  g_assert_no_error (error);
  {
    g_autofree char *contact = sp_sip_get_patient_contact (sip, "Huvudansvarig FVK", "FVK");

    g_assert_cmpstr (contact, ==, "Fanny Vårdkontakt");
  }
}

static void
test_user_messages (void)
{
  GEnumClass *klass = g_type_class_ref (SP_TYPE_SIP_ERROR);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* Every code has its own Swedish sentence. */
  for (guint i = 0; i < klass->n_values; i++)
    {
      const char *message = sp_sip_error_get_user_message (klass->values[i].value);

      g_assert_nonnull (message);
      g_assert_true (g_utf8_validate (message, -1, NULL));
      g_assert_false (g_hash_table_contains (seen, message));
      g_hash_table_add (seen, (gpointer) message);
    }
  g_assert_cmpuint (klass->n_values, ==, 10);
  g_type_class_unref (klass);
}

typedef struct
{
  const char *member;  /* top-level member to replace, or "plan.…" */
  const char *value;
  GQuark      domain;
  int         code;
  const char *field;
} StrictCase;

static void
test_json_strict (void)
{
  g_autofree char *too_long = g_strnfill (SP_JSON_MAX_TEXT + 1, 'x');
  g_autofree char *long_text = g_strdup_printf ("\"%s\"", too_long);
  const StrictCase cases[] = {
    { "status", "\"done\"", SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "status" },
    { "variant", "\"SIP\"", SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "variant" },
    { "revision", "\"1\"", SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "revision" },
    { "revision", "-1", SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "revision" },
    { "format", "2", SP_JSON_ERROR, SP_JSON_ERROR_VERSION, "format" },
    { "created_by", long_text, SP_JSON_ERROR, SP_JSON_ERROR_TOO_LONG, "created_by" },
    { "invited_unit_ids", "[1]", SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "invited_unit_ids[0]" },
    { "plan", "null", SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "plan" },
    { "versions", "[]", SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE,
      "follow_ups[0].node_id" },
    { "closing", "null", SP_SIP_ERROR, SP_SIP_ERROR_INVALID, "closing" },
    { "invitation_sent_at", "null", SP_JSON_ERROR, -1, NULL },  /* allowed once closed */
    { "status", "\"established\"", SP_SIP_ERROR, SP_SIP_ERROR_INVALID, "closing" },
    { "mapping", "{\"situation\": 3}", SP_JSON_ERROR, SP_JSON_ERROR_TYPE,
      "mapping.situation" },
    { "invitation", "{}", SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "invitation.agenda" },
    { "evaluation", "{\"text\": \"x\", \"author\": \"y\"}", SP_JSON_ERROR,
      SP_JSON_ERROR_MISSING, "evaluation.evaluated_at" },
  };
  g_autoptr(SpSip) sip = make_sip ("sip-1", "patient-1", SP_SIP_VARIANT_SIP);
  g_autoptr(SpSipFollowUp) follow_up = NULL;
  g_autoptr(SpSipEvaluation) evaluation = NULL;
  g_autoptr(SpSipMapping) mapping = sp_sip_mapping_new ("S", NULL, "A", NULL);
  g_autoptr(GDateTime) at = utc (27, 15);
  g_autoptr(GError) error = NULL;
  const char *nurse, *officer;

  /* A SIP with something in every member. */
  send_invitation (sip);
  sp_sip_set_mapping (sip, mapping, &error);
  fill_plan (sp_sip_get_plan (sip), &nurse, &officer);
  sign_all (sp_sip_get_plan (sip));
  sp_sip_establish (sip, TRUE, at, "Fanny", &error);
  follow_up = sp_sip_follow_up_new (SP_SIP_NODE_SUB_GOAL,
                                    ((SpSipSubGoal *) g_ptr_array_index (
                                      sp_sip_plan_get_sub_goals (sp_sip_get_plan (sip)), 0))->id,
                                    SP_SIP_FOLLOW_UP_STATUS_PARTLY, "På väg", "B", at);
  sp_sip_add_follow_up (sip, follow_up, &error);
  evaluation = sp_sip_evaluation_new ("Bra", "Fanny", at);
  sp_sip_set_evaluation (sip, evaluation, &error);
  sp_sip_close (sip, SP_SIP_CLOSE_REASON_OTHER, "Flyttar", "Fanny", at, &error);
  g_assert_no_error (error);
  assert_roundtrip (sip);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = sp_sip_to_json (sip);
      g_autoptr(JsonNode) value = json_from_string (cases[i].value, NULL);
      g_autoptr(SpSip) back = NULL;
      g_autofree char *field = NULL;

      json_object_set_member (json_node_get_object (node), cases[i].member,
                              json_node_copy (value));
      back = sp_sip_new_from_json (node, &error);
      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(accepted)");
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_null (back);
      g_assert_error (error, cases[i].domain, cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
      g_clear_error (&error);
    }
}

static void
test_json_dangling_in_plan (void)
{
  g_autoptr(SpSip) sip = make_sip ("sip-1", "patient-1", SP_SIP_VARIANT_SIP);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpSip) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  JsonObject *plan;
  const char *nurse, *officer;

  fill_plan (sp_sip_get_plan (sip), &nurse, &officer);
  node = sp_sip_to_json (sip);
  plan = json_object_get_object_member (json_node_get_object (node), "plan");
  json_object_set_string_member (
    json_array_get_object_element (json_object_get_array_member (plan, "interventions"), 0),
    "sub_goal", "nowhere");

  back = sp_sip_new_from_json (node, &error);
  g_assert_null (back);
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
  field = sp_json_error_get_field (error);
  g_assert_cmpstr (field, ==, "plan.interventions[0].sub_goal");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sip/invitation-forms", test_invitation_forms);
  g_test_add_func ("/core/sip/invitation-fields", test_invitation_fields);
  g_test_add_func ("/core/sip/obliged", test_obliged);
  g_test_add_func ("/core/sip/send-invitation", test_send_invitation);
  g_test_add_func ("/core/sip/lifecycle", test_lifecycle);
  g_test_add_func ("/core/sip/establish-requirements", test_establish_requirements);
  g_test_add_func ("/core/sip/variant", test_variant);
  g_test_add_func ("/core/sip/one-active", test_one_active);
  g_test_add_func ("/core/sip/patient-contact", test_patient_contact);
  g_test_add_func ("/core/sip/user-messages", test_user_messages);
  g_test_add_func ("/core/sip/json-strict", test_json_strict);
  g_test_add_func ("/core/sip/json-dangling", test_json_dangling_in_plan);

  return g_test_run ();
}
