/* test-access.c — who may see what of an episode (DOMAIN §4, §12)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-access.h"
#include "sp-json.h"

#define WARD "ward-1"
#define N_FIELDS (SP_EPISODE_FIELD_INTERPRETER + 1)

static GDateTime *
at (const char *iso)
{
  GDateTime *value = NULL;

  g_assert_true (sp_json_parse_datetime (iso, &value));
  return value;
}

typedef enum
{
  CONSENT_GIVEN,
  CONSENT_WITHDRAWN,
  NO_CONSENT,
  HARM_MAY_SHARE,
  HARM_MAY_NOT_SHARE,
  N_SITUATIONS,
} Situation;

typedef struct
{
  const char *id;
  SpUnitKind  kind;
} Viewer;

enum { W, O, M, S, X, P, N_VIEWERS };

static const Viewer viewers[N_VIEWERS] = {
  [W] = { WARD,       SP_UNIT_KIND_INPATIENT },        /* the ward */
  [O] = { "vc-1",     SP_UNIT_KIND_OUTPATIENT },       /* addressed outpatient */
  [M] = { "hsl-1",    SP_UNIT_KIND_MUNICIPAL_HEALTH }, /* addressed municipal health care */
  [S] = { "sol-1",    SP_UNIT_KIND_SOCIAL_SERVICES },  /* addressed social services */
  [X] = { "vc-other", SP_UNIT_KIND_OUTPATIENT },       /* not addressed */
  /* Added via a SIP invitation; not health care (e.g. Försäkringskassan), so that a harm
   * assessment does not open anything to it. */
  [P] = { "fk-1",     SP_UNIT_KIND_OTHER },
};

static void
act (gboolean ok,
     GError  *error)
{
  g_assert_no_error (error);
  g_assert_true (ok);
}

static SpEpisode *
make_episode (Situation situation,
              gboolean  is_child)
{
  const SpRegionProfile *stockholm = sp_region_profile_get (SP_REGION_STOCKHOLM);
  g_autoptr(GDateTime) admitted = at ("2026-03-02T08:00:00Z");
  g_autoptr(GDateTime) recorded = at ("2026-03-02T10:00:00Z");
  g_autoptr(GDateTime) withdrawn = at ("2026-03-04T10:00:00Z");
  g_autoptr(SpConsent) consent = NULL;
  g_autoptr(SpHarmAssessment) assessment = NULL;
  SpEpisode *episode = sp_episode_new ("ep-1", "pat-1", WARD, admitted);
  SpConsentSet *consents = sp_episode_get_consents (episode);
  GError *error = NULL;

  sp_episode_set_patient_is_child (episode, is_child);
  for (guint i = O; i <= S; i++)
    act (sp_episode_address_unit (episode, viewers[i].id, viewers[i].kind,
                                  SP_ADDRESSING_ROLE_RECIPIENT, admitted, &error), error);
  act (sp_episode_send_admission_notice (episode, WARD, SP_UNIT_KIND_INPATIENT, NULL, admitted,
                                         "Anna Ek", &error), error);
  act (sp_episode_name_care_contact (episode, stockholm, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                     "Karin Holm", "08-1", recorded, "Karin Holm", &error),
       error);
  act (sp_episode_add_unit_via_sip_invitation (episode, "vc-1", SP_UNIT_KIND_OUTPATIENT, "fk-1",
                                               SP_UNIT_KIND_OTHER, recorded, "Karin Holm",
                                               &error), error);

  switch (situation)
    {
    case CONSENT_WITHDRAWN:
    case CONSENT_GIVEN:
      consent = sp_consent_new (SP_CONSENT_KIND_SVU_EXCHANGE, SP_CONSENT_FORM_ORAL,
                                SP_CONSENT_GIVER_PATIENT, NULL, "Anna Ek", NULL, WARD, recorded);
      if (situation == CONSENT_WITHDRAWN)
        act (sp_consent_withdraw (consent, withdrawn, "Anna Ek", NULL, WARD, &error), error);
      sp_consent_set_add (consents, consent);
      break;
    case HARM_MAY_SHARE:
    case HARM_MAY_NOT_SHARE:
      assessment = sp_harm_assessment_new ("Lars Lind", "Överläkare", WARD, recorded,
                                           situation == HARM_MAY_SHARE
                                           ? SP_HARM_OUTCOME_MAY_SHARE
                                           : SP_HARM_OUTCOME_MAY_NOT_SHARE, NULL);
      sp_consent_set_add_harm_assessment (consents, assessment);
      break;
    default:
      break;
    }

  return episode;
}

/* One row per viewer and situation; one character per field in SpEpisodeField order:
 *   name identity address municipality listed_care_unit admitting_ward estimated_discharge
 *   reason_for_contact responsible_doctor consent care_contacts planning_answers interventions
 *   care_needs messages patient_contact next_of_kin interpreter
 * Y: may see. Without consent only name, identity, address, admitting ward and estimated date
 * (VGR adds municipality and listed care unit; never the reason for contact), and the named
 * care contacts, which DOMAIN §5 shows to all parties. A harm assessment
 * opens everything to health-care units only (O, M), never to social services (S) or others. */
typedef struct
{
  guint       viewer;
  Situation   situation;
  const char *fields;
} Row;

static const Row vgr_rows[] = {
  { W, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { W, CONSENT_WITHDRAWN,  "YYYYYYYYYYYYYYYYYY" },
  { W, NO_CONSENT,         "YYYYYYYYYYYYYYYYYY" },
  { W, HARM_MAY_SHARE,     "YYYYYYYYYYYYYYYYYY" },
  { W, HARM_MAY_NOT_SHARE, "YYYYYYYYYYYYYYYYYY" },
  { O, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { O, CONSENT_WITHDRAWN,  "YYYYYYY---Y-------" },
  { O, NO_CONSENT,         "YYYYYYY---Y-------" },
  { O, HARM_MAY_SHARE,     "YYYYYYYYYYYYYYYYYY" },
  { O, HARM_MAY_NOT_SHARE, "YYYYYYY---Y-------" },
  { M, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { M, CONSENT_WITHDRAWN,  "YYYYYYY---Y-------" },
  { M, NO_CONSENT,         "YYYYYYY---Y-------" },
  { M, HARM_MAY_SHARE,     "YYYYYYYYYYYYYYYYYY" },
  { M, HARM_MAY_NOT_SHARE, "YYYYYYY---Y-------" },
  { S, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { S, CONSENT_WITHDRAWN,  "YYYYYYY---Y-------" },
  { S, NO_CONSENT,         "YYYYYYY---Y-------" },
  { S, HARM_MAY_SHARE,     "YYYYYYY---Y-------" },
  { S, HARM_MAY_NOT_SHARE, "YYYYYYY---Y-------" },
  { X, CONSENT_GIVEN,      "------------------" },
  { X, CONSENT_WITHDRAWN,  "------------------" },
  { X, NO_CONSENT,         "------------------" },
  { X, HARM_MAY_SHARE,     "------------------" },
  { X, HARM_MAY_NOT_SHARE, "------------------" },
  { P, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { P, CONSENT_WITHDRAWN,  "YYYYYYY---Y-------" },
  { P, NO_CONSENT,         "YYYYYYY---Y-------" },
  { P, HARM_MAY_SHARE,     "YYYYYYY---Y-------" },
  { P, HARM_MAY_NOT_SHARE, "YYYYYYY---Y-------" },
};

static const Row stockholm_rows[] = {
  { W, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { W, CONSENT_WITHDRAWN,  "YYYYYYYYYYYYYYYYYY" },
  { W, NO_CONSENT,         "YYYYYYYYYYYYYYYYYY" },
  { W, HARM_MAY_SHARE,     "YYYYYYYYYYYYYYYYYY" },
  { W, HARM_MAY_NOT_SHARE, "YYYYYYYYYYYYYYYYYY" },
  { O, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { O, CONSENT_WITHDRAWN,  "YYY--YY---Y-------" },
  { O, NO_CONSENT,         "YYY--YY---Y-------" },
  { O, HARM_MAY_SHARE,     "YYYYYYYYYYYYYYYYYY" },
  { O, HARM_MAY_NOT_SHARE, "YYY--YY---Y-------" },
  { M, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { M, CONSENT_WITHDRAWN,  "YYY--YY---Y-------" },
  { M, NO_CONSENT,         "YYY--YY---Y-------" },
  { M, HARM_MAY_SHARE,     "YYYYYYYYYYYYYYYYYY" },
  { M, HARM_MAY_NOT_SHARE, "YYY--YY---Y-------" },
  { S, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { S, CONSENT_WITHDRAWN,  "YYY--YY---Y-------" },
  { S, NO_CONSENT,         "YYY--YY---Y-------" },
  { S, HARM_MAY_SHARE,     "YYY--YY---Y-------" },
  { S, HARM_MAY_NOT_SHARE, "YYY--YY---Y-------" },
  { X, CONSENT_GIVEN,      "------------------" },
  { X, CONSENT_WITHDRAWN,  "------------------" },
  { X, NO_CONSENT,         "------------------" },
  { X, HARM_MAY_SHARE,     "------------------" },
  { X, HARM_MAY_NOT_SHARE, "------------------" },
  { P, CONSENT_GIVEN,      "YYYYYYYYYYYYYYYYYY" },
  { P, CONSENT_WITHDRAWN,  "YYY--YY---Y-------" },
  { P, NO_CONSENT,         "YYY--YY---Y-------" },
  { P, HARM_MAY_SHARE,     "YYY--YY---Y-------" },
  { P, HARM_MAY_NOT_SHARE, "YYY--YY---Y-------" },
};

static void
check_matrix (SpRegion   region,
              const Row *rows,
              guint      n_rows)
{
  const SpRegionProfile *profile = sp_region_profile_get (region);
  g_autoptr(GDateTime) now = at ("2026-03-05T12:00:00Z");

  g_assert_cmpuint (n_rows, ==, N_VIEWERS * N_SITUATIONS);
  for (guint r = 0; r < n_rows; r++)
    {
      const Viewer *viewer = &viewers[rows[r].viewer];
      g_autoptr(SpEpisode) episode = make_episode (rows[r].situation, FALSE);

      g_assert_cmpuint (strlen (rows[r].fields), ==, N_FIELDS);
      g_assert_cmpint (sp_access_may_see_episode (episode, viewer->id), ==, rows[r].viewer != X);

      for (SpEpisodeField field = 0; field < N_FIELDS; field++)
        {
          gboolean expected = rows[r].fields[field] == 'Y';

          if (sp_access_may_see_field (profile, episode, viewer->id, viewer->kind, field, NULL,
                                       now) != expected)
            g_error ("%s, %s, situation %d, field %d: expected %s", profile->id, viewer->id,
                     rows[r].situation, field, expected ? "visible" : "hidden");
        }
    }
}

static void
test_matrix_vgr (void)
{
  check_matrix (SP_REGION_VGR, vgr_rows, G_N_ELEMENTS (vgr_rows));
}

static void
test_matrix_stockholm (void)
{
  check_matrix (SP_REGION_STOCKHOLM, stockholm_rows, G_N_ELEMENTS (stockholm_rows));
}

/* Data a unit wrote itself (planning answers, interventions): each party plans within its own
 * organisation, and health-care data opened by a harm assessment never includes social
 * services' data. */
static void
test_owned_data (void)
{
  static const struct
  {
    Situation       situation;
    guint           viewer;
    const char     *owner;
    gboolean        expected;
    const char     *reason;
  } cases[] = {
    { NO_CONSENT,     M, "hsl-1",    TRUE,  "its own answers, without consent" },
    { NO_CONSENT,     S, "sol-1",    TRUE,  "its own interventions, without consent" },
    { NO_CONSENT,     O, "hsl-1",    FALSE, "no exchange between principals" },
    { NO_CONSENT,     M, "sol-1",    FALSE, "nor between social services and health care" },
    { NO_CONSENT,     W, "sol-1",    TRUE,  "the ward sees everything" },
    { CONSENT_GIVEN,  M, "sol-1",    TRUE,  "consent opens social services' data" },
    { CONSENT_GIVEN,  S, "hsl-1",    TRUE,  "and health care's to social services" },
    { HARM_MAY_SHARE, O, "hsl-1",    TRUE,  "health care to health care" },
    { HARM_MAY_SHARE, M, "vc-1",     TRUE,  "health care to health care, across principals" },
    { HARM_MAY_SHARE, O, WARD,       TRUE,  "the ward's data is health care" },
    { HARM_MAY_SHARE, M, "sol-1",    FALSE, "social services' data needs consent" },
    { HARM_MAY_SHARE, S, "hsl-1",    FALSE, "social services need consent" },
    { HARM_MAY_SHARE, O, "fk-1",     FALSE, "an outside party's data is not health care" },
    { HARM_MAY_SHARE, O, "nobody",   FALSE, "an owner outside the episode: refuse" },
    { HARM_MAY_SHARE, X, "vc-other", FALSE, "not addressed: not even its own" },
  };
  const SpRegionProfile *profile = sp_region_profile_get (SP_REGION_STOCKHOLM);
  g_autoptr(GDateTime) now = at ("2026-03-05T12:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpEpisode) episode = make_episode (cases[i].situation, FALSE);
      const Viewer *viewer = &viewers[cases[i].viewer];

      g_test_message ("case %u: %s", i, cases[i].reason);
      g_assert_cmpint (sp_access_may_see_field (profile, episode, viewer->id, viewer->kind,
                                                SP_EPISODE_FIELD_PLANNING_ANSWERS,
                                                cases[i].owner, now), ==, cases[i].expected);
    }
}

/* Access follows the consent at the instant asked: before the withdrawal it was open. */
static void
test_consent_time (void)
{
  static const struct
  {
    const char *when;
    gboolean    expected;
  } cases[] = {
    { "2026-03-02T09:59:59Z", FALSE }, /* before consent */
    { "2026-03-02T10:00:00Z", TRUE },  /* given */
    { "2026-03-04T09:59:59Z", TRUE },  /* the last second before the withdrawal */
    { "2026-03-04T10:00:00Z", FALSE }, /* withdrawn */
  };
  const SpRegionProfile *profile = sp_region_profile_get (SP_REGION_VGR);
  g_autoptr(SpEpisode) episode = make_episode (CONSENT_WITHDRAWN, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = at (cases[i].when);

      g_assert_cmpint (sp_access_may_see_field (profile, episode, "sol-1",
                                                SP_UNIT_KIND_SOCIAL_SERVICES,
                                                SP_EPISODE_FIELD_REASON_FOR_CONTACT, NULL, when),
                       ==, cases[i].expected);
    }
}

/* A child's own consent does not open anything; a guardian's does (DOMAIN §3). */
static void
test_child_consent (void)
{
  const SpRegionProfile *profile = sp_region_profile_get (SP_REGION_VGR);
  g_autoptr(GDateTime) now = at ("2026-03-05T12:00:00Z");
  g_autoptr(GDateTime) later = at ("2026-03-05T11:00:00Z");
  g_autoptr(SpEpisode) child = make_episode (CONSENT_GIVEN, TRUE);
  g_autoptr(SpEpisode) adult = make_episode (CONSENT_GIVEN, FALSE);
  g_autoptr(SpConsent) guardian = NULL;

  g_assert_false (sp_access_may_see_field (profile, child, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                           SP_EPISODE_FIELD_CARE_NEEDS, NULL, now));
  g_assert_true (sp_access_may_see_field (profile, adult, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                          SP_EPISODE_FIELD_CARE_NEEDS, NULL, now));

  guardian = sp_consent_new (SP_CONSENT_KIND_SVU_EXCHANGE, SP_CONSENT_FORM_WRITTEN,
                             SP_CONSENT_GIVER_GUARDIAN, "Eva Berg", "Anna Ek", NULL, WARD, later);
  sp_consent_set_add (sp_episode_get_consents (child), guardian);
  g_assert_true (sp_access_may_see_field (profile, child, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                          SP_EPISODE_FIELD_CARE_NEEDS, NULL, now));
}

/* Other kinds of consent do not open the SVU exchange. */
static void
test_other_consent_kinds (void)
{
  const SpRegionProfile *profile = sp_region_profile_get (SP_REGION_VGR);
  g_autoptr(GDateTime) now = at ("2026-03-05T12:00:00Z");
  g_autoptr(GDateTime) recorded = at ("2026-03-02T10:00:00Z");
  g_autoptr(SpEpisode) episode = make_episode (NO_CONSENT, FALSE);

  for (SpConsentKind kind = SP_CONSENT_KIND_NPO; kind <= SP_CONSENT_KIND_NEXT_OF_KIN; kind++)
    {
      g_autoptr(SpConsent) consent = sp_consent_new (kind, SP_CONSENT_FORM_ORAL,
                                                     SP_CONSENT_GIVER_PATIENT, NULL, "Anna Ek",
                                                     NULL, WARD, recorded);

      sp_consent_set_add (sp_episode_get_consents (episode), consent);
    }

  g_assert_false (sp_access_may_see_field (profile, episode, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                           SP_EPISODE_FIELD_REASON_FOR_CONTACT, NULL, now));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/access/matrix-vgr", test_matrix_vgr);
  g_test_add_func ("/core/access/matrix-stockholm", test_matrix_stockholm);
  g_test_add_func ("/core/access/owned-data", test_owned_data);
  g_test_add_func ("/core/access/consent-time", test_consent_time);
  g_test_add_func ("/core/access/child-consent", test_child_consent);
  g_test_add_func ("/core/access/other-consent-kinds", test_other_consent_kinds);

  return g_test_run ();
}
