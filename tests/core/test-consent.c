/* test-consent.c — consent and harm assessment (DOMAIN §4)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-consent.h"
#include "sp-json.h"

static GDateTime *
at (const char *iso)
{
  GDateTime *value = NULL;

  g_assert_true (sp_json_parse_datetime (iso, &value));
  return value;
}

static SpConsent *
consent_at (SpConsentKind   kind,
            SpConsentGiver  given_by,
            const char     *recorded_at)
{
  g_autoptr(GDateTime) when = at (recorded_at);

  return sp_consent_new (kind, SP_CONSENT_FORM_ORAL, given_by,
                         given_by == SP_CONSENT_GIVER_PATIENT ? NULL : "Eva Berg",
                         "Anna Ek", "Sjuksköterska", "ward-1", when);
}

static void
withdraw_at (SpConsent  *consent,
             const char *when)
{
  g_autoptr(GDateTime) time = at (when);
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_consent_withdraw (consent, time, "Anna Ek", NULL, "ward-1", &error));
  g_assert_no_error (error);
}

static gboolean
given_at (SpConsentSet  *set,
          SpConsentKind  kind,
          const char    *when,
          gboolean       is_child)
{
  g_autoptr(GDateTime) time = at (when);

  return sp_consent_set_is_given (set, kind, time, is_child);
}

/* One consent recorded 10:00, withdrawn 14:00: in force on [10:00, 14:00). */
static void
test_in_force (void)
{
  static const struct
  {
    const char *when;
    gboolean    expected;
    const char *reason;
  } cases[] = {
    { "2026-03-02T09:59:59Z", FALSE, "before it was recorded" },
    { "2026-03-02T10:00:00Z", TRUE,  "from the instant it is recorded" },
    { "2026-03-02T13:59:59Z", TRUE,  "the last second before the withdrawal" },
    { "2026-03-02T14:00:00Z", FALSE, "withdrawn from the instant of withdrawal" },
    { "2026-03-09T10:00:00Z", FALSE, "still withdrawn a week later" },
  };
  g_autoptr(SpConsentSet) set = sp_consent_set_new ();
  g_autoptr(SpConsent) consent = consent_at (SP_CONSENT_KIND_SVU_EXCHANGE,
                                             SP_CONSENT_GIVER_PATIENT, "2026-03-02T10:00:00Z");

  sp_consent_set_add (set, consent);
  withdraw_at (consent, "2026-03-02T14:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s: %s", cases[i].when, cases[i].reason);
      g_assert_cmpint (given_at (set, SP_CONSENT_KIND_SVU_EXCHANGE, cases[i].when, FALSE), ==,
                       cases[i].expected);
    }

  /* The withdrawal is documented on the record, which stays. */
  g_assert_cmpuint (sp_consent_set_get_consents (set)->len, ==, 1);
  g_assert_cmpstr (sp_consent_get_withdrawn_by_name (consent), ==, "Anna Ek");
  g_assert_cmpstr (sp_consent_get_withdrawn_by_unit_id (consent), ==, "ward-1");
}

static void
test_kinds_are_separate (void)
{
  g_autoptr(SpConsentSet) set = sp_consent_set_new ();
  g_autoptr(SpConsent) svu = consent_at (SP_CONSENT_KIND_SVU_EXCHANGE, SP_CONSENT_GIVER_PATIENT,
                                         "2026-03-02T10:00:00Z");
  g_autoptr(SpConsent) sip = consent_at (SP_CONSENT_KIND_SIP, SP_CONSENT_GIVER_PATIENT,
                                         "2026-03-02T10:00:00Z");

  sp_consent_set_add (set, svu);
  sp_consent_set_add (set, sip);
  withdraw_at (sip, "2026-03-02T11:00:00Z");

  /* Consent to the SVU exchange says nothing about NPÖ or next of kin; withdrawing the SIP
   * consent leaves the SVU consent standing. */
  g_assert_true (given_at (set, SP_CONSENT_KIND_SVU_EXCHANGE, "2026-03-02T12:00:00Z", FALSE));
  g_assert_false (given_at (set, SP_CONSENT_KIND_SIP, "2026-03-02T12:00:00Z", FALSE));
  g_assert_false (given_at (set, SP_CONSENT_KIND_NPO, "2026-03-02T12:00:00Z", FALSE));
  g_assert_false (given_at (set, SP_CONSENT_KIND_NEXT_OF_KIN, "2026-03-02T12:00:00Z", FALSE));
}

/* The latest record per kind wins, even when an older one is still in force. */
static void
test_latest_wins (void)
{
  g_autoptr(SpConsentSet) set = sp_consent_set_new ();
  g_autoptr(SpConsent) first = consent_at (SP_CONSENT_KIND_SVU_EXCHANGE,
                                           SP_CONSENT_GIVER_PATIENT, "2026-03-02T10:00:00Z");
  g_autoptr(SpConsent) second = consent_at (SP_CONSENT_KIND_SVU_EXCHANGE,
                                            SP_CONSENT_GIVER_PATIENT, "2026-03-03T10:00:00Z");
  g_autoptr(SpConsent) third = consent_at (SP_CONSENT_KIND_SVU_EXCHANGE,
                                           SP_CONSENT_GIVER_PATIENT, "2026-03-04T10:00:00Z");
  g_autoptr(GDateTime) late = at ("2026-03-05T00:00:00Z");

  /* Added out of order: recording time decides, not the order of adding. */
  sp_consent_set_add (set, third);
  sp_consent_set_add (set, first);
  sp_consent_set_add (set, second);
  withdraw_at (second, "2026-03-03T12:00:00Z");

  g_assert_true (given_at (set, SP_CONSENT_KIND_SVU_EXCHANGE, "2026-03-03T09:00:00Z", FALSE));
  /* The second was recorded and withdrawn: it is the latest, so the first no longer counts. */
  g_assert_false (given_at (set, SP_CONSENT_KIND_SVU_EXCHANGE, "2026-03-03T13:00:00Z", FALSE));
  /* Given again. */
  g_assert_true (given_at (set, SP_CONSENT_KIND_SVU_EXCHANGE, "2026-03-04T10:00:00Z", FALSE));
  g_assert_true (sp_consent_set_get_latest (set, SP_CONSENT_KIND_SVU_EXCHANGE, late) == third);
}

static void
test_equal_times_last_added_wins (void)
{
  g_autoptr(SpConsentSet) set = sp_consent_set_new ();
  g_autoptr(SpConsent) a = consent_at (SP_CONSENT_KIND_NPO, SP_CONSENT_GIVER_PATIENT,
                                       "2026-03-02T10:00:00Z");
  g_autoptr(SpConsent) b = consent_at (SP_CONSENT_KIND_NPO, SP_CONSENT_GIVER_PATIENT,
                                       "2026-03-02T10:00:00Z");
  g_autoptr(GDateTime) time = at ("2026-03-02T10:00:00Z");

  sp_consent_set_add (set, a);
  sp_consent_set_add (set, b);
  g_assert_true (sp_consent_set_get_latest (set, SP_CONSENT_KIND_NPO, time) == b);
}

/* Under 18 a guardian or legal representative consents; the child is asked too (DOMAIN §3). */
static void
test_child (void)
{
  static const struct
  {
    SpConsentGiver given_by;
    gboolean       is_child;
    gboolean       expected;
  } cases[] = {
    { SP_CONSENT_GIVER_PATIENT,              FALSE, TRUE },  /* an adult consents alone */
    { SP_CONSENT_GIVER_PATIENT,              TRUE,  FALSE }, /* a child alone does not count */
    { SP_CONSENT_GIVER_GUARDIAN,             TRUE,  TRUE },
    { SP_CONSENT_GIVER_LEGAL_REPRESENTATIVE, TRUE,  TRUE },
    { SP_CONSENT_GIVER_LEGAL_REPRESENTATIVE, FALSE, TRUE },  /* e.g. a god man for an adult */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpConsentSet) set = sp_consent_set_new ();
      g_autoptr(SpConsent) consent = consent_at (SP_CONSENT_KIND_SVU_EXCHANGE,
                                                 cases[i].given_by, "2026-03-02T10:00:00Z");

      /* Asking the child is recorded but never makes the child's own consent count. */
      sp_consent_set_child_asked (consent, TRUE);
      sp_consent_set_add (set, consent);
      g_test_message ("case %u", i);
      g_assert_cmpint (given_at (set, SP_CONSENT_KIND_SVU_EXCHANGE, "2026-03-02T11:00:00Z",
                                 cases[i].is_child), ==, cases[i].expected);
    }
}

static void
test_withdraw_errors (void)
{
  g_autoptr(SpConsent) consent = consent_at (SP_CONSENT_KIND_SIP, SP_CONSENT_GIVER_PATIENT,
                                             "2026-03-02T10:00:00Z");
  g_autoptr(GDateTime) before = at ("2026-03-02T09:00:00Z");
  g_autoptr(GDateTime) after = at ("2026-03-02T11:00:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_consent_withdraw (consent, before, "Anna Ek", NULL, "ward-1", &error));
  g_assert_error (error, SP_CONSENT_ERROR, SP_CONSENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sp_consent_get_withdrawn_at (consent));

  g_assert_true (sp_consent_withdraw (consent, after, "Anna Ek", "Kurator", "ward-1", &error));
  g_assert_no_error (error);

  /* The first withdrawal stands; a second is refused rather than overwriting it. */
  g_assert_false (sp_consent_withdraw (consent, after, "Per Ek", NULL, "vc-1", &error));
  g_assert_error (error, SP_CONSENT_ERROR, SP_CONSENT_ERROR_ALREADY_WITHDRAWN);
  g_assert_cmpstr (sp_consent_get_withdrawn_by_name (consent), ==, "Anna Ek");
}

static void
add_assessment (SpConsentSet  *set,
                const char    *when,
                SpHarmOutcome  outcome)
{
  g_autoptr(GDateTime) time = at (when);
  g_autoptr(SpHarmAssessment) assessment = NULL;

  assessment = sp_harm_assessment_new ("Lars Lind", "Överläkare", "ward-1", time, outcome, NULL);
  sp_consent_set_add_harm_assessment (set, assessment);
}

static void
test_harm_assessment (void)
{
  static const struct
  {
    const char *when;
    gboolean    expected;
    const char *reason;
  } cases[] = {
    { "2026-03-02T09:00:00Z", FALSE, "no assessment made yet" },
    { "2026-03-02T10:00:00Z", TRUE,  "may_share from 10:00" },
    { "2026-03-03T09:59:59Z", TRUE,  "still the 10:00 one" },
    { "2026-03-03T10:00:00Z", FALSE, "replaced by the may_not_share of the next day" },
    { "2026-03-04T10:00:00Z", TRUE,  "a third assessment allows again" },
  };
  g_autoptr(SpConsentSet) set = sp_consent_set_new ();

  add_assessment (set, "2026-03-02T10:00:00Z", SP_HARM_OUTCOME_MAY_SHARE);
  add_assessment (set, "2026-03-04T10:00:00Z", SP_HARM_OUTCOME_MAY_SHARE);
  add_assessment (set, "2026-03-03T10:00:00Z", SP_HARM_OUTCOME_MAY_NOT_SHARE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) time = at (cases[i].when);

      g_test_message ("%s: %s", cases[i].when, cases[i].reason);
      g_assert_cmpint (sp_consent_set_harm_assessment_allows (set, time), ==, cases[i].expected);
    }
}

static SpConsentSet *
make_full_set (void)
{
  SpConsentSet *set = sp_consent_set_new ();
  g_autoptr(SpConsent) a = consent_at (SP_CONSENT_KIND_SVU_EXCHANGE, SP_CONSENT_GIVER_GUARDIAN,
                                       "2026-03-02T10:00:00Z");
  g_autoptr(SpConsent) b = consent_at (SP_CONSENT_KIND_NEXT_OF_KIN, SP_CONSENT_GIVER_PATIENT,
                                       "2026-03-02T10:30:00Z");
  g_autoptr(GDateTime) time = at ("2026-03-02T11:00:00+01:00");
  g_autoptr(SpHarmAssessment) assessment = NULL;

  sp_consent_set_child_asked (a, TRUE);
  sp_consent_set_add (set, a);
  withdraw_at (b, "2026-03-03T08:00:00Z");
  sp_consent_set_add (set, b);
  assessment = sp_harm_assessment_new ("Lars Lind", "Överläkare", "ward-1", time,
                                       SP_HARM_OUTCOME_MAY_NOT_SHARE, "Patienten är medvetslös");
  sp_consent_set_add_harm_assessment (set, assessment);

  return set;
}

static void
test_json_roundtrip (void)
{
  g_autoptr(SpConsentSet) set = make_full_set ();
  g_autoptr(SpConsentSet) empty = sp_consent_set_new ();
  SpConsentSet *sets[] = { set, empty };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autoptr(JsonNode) node = sp_consent_set_to_json (sets[i]);
      g_autofree char *text = sp_json_to_string (node, FALSE);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) parsed = sp_json_parse (text, -1, &error);
      g_autoptr(SpConsentSet) copy = sp_consent_set_new_from_json (parsed, &error);
      g_autoptr(JsonNode) node2 = NULL;
      g_autofree char *text2 = NULL;

      g_assert_no_error (error);
      g_assert_true (sp_consent_set_equal (sets[i], copy));
      node2 = sp_consent_set_to_json (copy);
      text2 = sp_json_to_string (node2, FALSE);
      g_assert_cmpstr (text, ==, text2);
    }

  /* Equality must notice a difference: a withdrawal. */
  {
    g_autoptr(SpConsentSet) other = make_full_set ();
    SpConsent *first = g_ptr_array_index (sp_consent_set_get_consents (other), 0);

    g_assert_true (sp_consent_set_equal (set, other));
    withdraw_at (first, "2026-03-04T08:00:00Z");
    g_assert_false (sp_consent_set_equal (set, other));
  }
}

/* Readers are strict; each error names the offending member. Single quotes become double. */
static void
test_json_strict (void)
{
#define SIGNER "{'name':'Anna Ek','title':null,'unit_id':'ward-1'}"
#define CONSENT(kind, given_by, giver, extra) \
  "{'kind':" kind ",'form':'oral','given_by':" given_by ",'giver_name':" giver \
  ",'child_asked':false,'recorded_by':" SIGNER ",'recorded_at':'2026-03-02T10:00:00Z'" extra "}"
#define HARM(name, title) \
  "{'made_by_name':" name ",'made_by_title':" title ",'unit_id':'ward-1'," \
  "'at':'2026-03-02T10:00:00Z','outcome':'may_share','note':null}"
  static const struct
  {
    const char *json;
    int         code;
    const char *field;
  } cases[] = {
    /* Name and title of whoever made a harm assessment are required (DOMAIN §4). */
    { "{'consents':[],'harm_assessments':[" HARM ("null", "'Läkare'") "]}",
      SP_JSON_ERROR_MISSING, "harm_assessments[0].made_by_name" },
    { "{'consents':[],'harm_assessments':[" HARM ("'Lars'", "''") "]}",
      SP_JSON_ERROR_INVALID, "harm_assessments[0].made_by_title" },
    { "{'consents':[],'harm_assessments':[{'made_by_name':'Lars','unit_id':'w','at':"
      "'2026-03-02T10:00:00Z','outcome':'may_share'}]}",
      SP_JSON_ERROR_MISSING, "harm_assessments[0].made_by_title" },
    /* A guardian must be named; the patient need not be. */
    { "{'consents':[" CONSENT ("'sip'", "'guardian'", "null", "") "],'harm_assessments':[]}",
      SP_JSON_ERROR_MISSING, "consents[0].giver_name" },
    { "{'consents':[" CONSENT ("'sip'", "'patient'", "null", ",'withdrawal':null") "],"
      "'harm_assessments':[{}]}",
      SP_JSON_ERROR_MISSING, "harm_assessments[0].made_by_name" },
    { "{'consents':[" CONSENT ("'samtycke'", "'patient'", "null", "") "],"
      "'harm_assessments':[]}",
      SP_JSON_ERROR_INVALID, "consents[0].kind" },
    { "{'consents':[" CONSENT ("'npo'", "'patient'", "null",
                               ",'withdrawal':{'at':'2026-03-01T10:00:00Z','by':" SIGNER "}")
      "],'harm_assessments':[]}",
      SP_JSON_ERROR_INVALID, "consents[0].withdrawal.at" },
    { "{'consents':[" CONSENT ("'npo'", "'patient'", "null",
                               ",'withdrawal':{'at':'2026-03-03T10:00:00Z','by':{'name':'A'}}")
      "],'harm_assessments':[]}",
      SP_JSON_ERROR_MISSING, "consents[0].withdrawal.by.unit_id" },
    { "{'consents':[{'kind':'npo','form':'oral','given_by':'patient','child_asked':'no'}],"
      "'harm_assessments':[]}",
      SP_JSON_ERROR_TYPE, "consents[0].child_asked" },
    { "{'consents':[" CONSENT ("'npo'", "'patient'", "null", "") "]}",
      SP_JSON_ERROR_MISSING, "harm_assessments" },
    { "{'consents':{},'harm_assessments':[]}", SP_JSON_ERROR_TYPE, "consents" },
  };
#undef HARM
#undef CONSENT
#undef SIGNER

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdelimit (g_strdup (cases[i].json), "'", '"');
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sp_json_parse (json, -1, &error);
      g_autoptr(SpConsentSet) set = NULL;
      g_autofree char *field = NULL;

      g_assert_no_error (error);
      set = sp_consent_set_new_from_json (node, &error);
      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(accepted)");
      g_assert_null (set);
      g_assert_error (error, SP_JSON_ERROR, cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/consent/in-force", test_in_force);
  g_test_add_func ("/core/consent/kinds-are-separate", test_kinds_are_separate);
  g_test_add_func ("/core/consent/latest-wins", test_latest_wins);
  g_test_add_func ("/core/consent/equal-times-last-added-wins", test_equal_times_last_added_wins);
  g_test_add_func ("/core/consent/child", test_child);
  g_test_add_func ("/core/consent/withdraw-errors", test_withdraw_errors);
  g_test_add_func ("/core/consent/harm-assessment", test_harm_assessment);
  g_test_add_func ("/core/consent/json-roundtrip", test_json_roundtrip);
  g_test_add_func ("/core/consent/json-strict", test_json_strict);

  return g_test_run ();
}
