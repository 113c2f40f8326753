/* test-planning.c — planning questions, answers, basis and colour tracks (DOMAIN §6)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-planning.h"
#include "sp-region-profile.h"

#define EPISODE "episode-1"

static GDateTime *
at (const char *iso)
{
  GDateTime *value = NULL;

  g_assert_true (sp_json_parse_datetime (iso, &value));
  return value;
}

/* A signed answer with @yes_keys answered yes (NULL-terminated). */
static SpPlanningAnswer *
answer_new (const char *unit_id,
            SpUnitKind  kind,
            const char *answered_at,
            ...)
{
  g_autoptr(GDateTime) when = at (answered_at);
  SpPlanningAnswer *answer = sp_planning_answer_new (EPISODE, unit_id, kind);
  const char *key;
  va_list args;

  va_start (args, answered_at);
  while ((key = va_arg (args, const char *)) != NULL)
    sp_planning_answer_set_value (answer, key, SP_PLANNING_VALUE_YES);
  va_end (args);

  sp_planning_answer_sign (answer, "Anna Ek", "Sjuksköterska", when);
  return answer;
}

static void
add_ok (SpPlanningBasis  *basis,
        SpPlanningAnswer *answer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_planning_basis_add (basis, answer, &error));
  g_assert_no_error (error);
}

static GPtrArray *
simple_answers (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_json_parse (text, -1, &error);
  GPtrArray *answers;

  g_assert_no_error (error);
  answers = sp_planning_answers_from_simple_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answers);
  return answers;
}

static void
assert_error_field (const GError *error,
                    const char   *field)
{
  g_autofree char *actual = sp_json_error_get_field (error);

  g_assert_nonnull (error);
  g_assert_cmpstr (actual, ==, field);
}

/* The questions, their order and texts are DOMAIN §6's table, copied by hand. */
static void
test_questions (void)
{
  static const struct
  {
    const char *key;
    const char *text;
  } expected[] = {
    { "sol_before", "Har patienten insatser från socialtjänsten (SoL/LSS) sedan tidigare?" },
    { "hsl_before", "Har patienten insatser från kommunal hälso- och sjukvård eller "
                    "rehabilitering sedan tidigare?" },
    { "region_before", "Har patienten insatser från regionens öppenvård sedan tidigare "
                       "(t.ex. hemsjukvård, psykiatri)?" },
    { "sol_new", "Finns behov av nya eller förändrade insatser från socialtjänsten?" },
    { "hsl_new", "Finns behov av nya eller förändrade insatser från kommunal hälso- och "
                 "sjukvård eller rehabilitering?" },
    { "region_new", "Finns behov av nya eller förändrade insatser från regionens öppenvård?" },
    { "short_term_stay", "Är korttidsvistelse aktuell?" },
    { "special_housing", "Bor patienten i, eller flyttar till, särskilt boende / boende med "
                         "särskild service (SoL/LSS)?" },
    { "extensive", "Behövs omfattande eller avancerade vård- och rehabiliteringsinsatser i "
                   "hemmet (övervakning, medicinteknisk utrustning, utbildning av personal)?" },
    { "simple_only", "Behövs endast enstaka enklare vårdbesök (t.ex. suturtagning)?" },
  };
  guint n = 0;
  const SpPlanningQuestion *questions = sp_planning_get_questions (&n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (questions[i].key, ==, expected[i].key);
      g_assert_cmpstr (questions[i].text, ==, expected[i].text);
      g_assert_true (sp_planning_question_lookup (expected[i].key) == &questions[i]);
    }

  g_assert_null (sp_planning_question_lookup ("no_such_question"));
  g_assert_null (sp_planning_question_lookup ("HSL_NEW"));
  g_assert_null (sp_planning_question_lookup (NULL));
}

/* DOMAIN §6 "answered by", for every question × unit kind: kommun is municipal health care
 * or social services, slutenvård inpatient, öppenvård outpatient; "other" answers nothing. */
static void
test_answered_by (void)
{
  static const struct
  {
    const char *key;
    gboolean    inpatient, outpatient, municipal_health, social_services, other;
  } cases[] = {
    { "sol_before",      FALSE, FALSE, TRUE,  TRUE,  FALSE },  /* kommun */
    { "hsl_before",      FALSE, FALSE, TRUE,  TRUE,  FALSE },  /* kommun */
    { "region_before",   FALSE, TRUE,  FALSE, FALSE, FALSE },  /* öppenvård */
    { "sol_new",         TRUE,  FALSE, TRUE,  TRUE,  FALSE },  /* kommun, slutenvård */
    { "hsl_new",         TRUE,  FALSE, TRUE,  TRUE,  FALSE },  /* kommun, slutenvård */
    { "region_new",      TRUE,  TRUE,  FALSE, FALSE, FALSE },  /* öppenvård, slutenvård */
    { "short_term_stay", FALSE, FALSE, TRUE,  TRUE,  FALSE },  /* kommun */
    { "special_housing", FALSE, FALSE, TRUE,  TRUE,  FALSE },  /* kommun */
    { "extensive",       TRUE,  TRUE,  FALSE, FALSE, FALSE },  /* slutenvård, öppenvård */
    { "simple_only",     TRUE,  FALSE, FALSE, FALSE, FALSE },  /* slutenvård */
  };
  g_autoptr(GDateTime) when = at ("2026-03-02T09:30:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SpPlanningQuestion *question = sp_planning_question_lookup (cases[i].key);
      const gboolean expected[] = {
        [SP_UNIT_KIND_INPATIENT] = cases[i].inpatient,
        [SP_UNIT_KIND_OUTPATIENT] = cases[i].outpatient,
        [SP_UNIT_KIND_MUNICIPAL_HEALTH] = cases[i].municipal_health,
        [SP_UNIT_KIND_SOCIAL_SERVICES] = cases[i].social_services,
        [SP_UNIT_KIND_OTHER] = cases[i].other,
      };

      g_assert_nonnull (question);
      for (SpUnitKind kind = SP_UNIT_KIND_INPATIENT; kind <= SP_UNIT_KIND_OTHER; kind++)
        {
          g_autofree char *field = g_strdup_printf ("answers.%s", cases[i].key);

          g_test_message ("%s by %s", cases[i].key, sp_enum_to_nick (SP_TYPE_UNIT_KIND, kind));
          g_assert_cmpint (sp_planning_question_may_answer (question, kind), ==,
                           expected[kind]);

          /* A "no" is an answer too; leaving the question unanswered is always allowed. */
          for (SpPlanningValue value = SP_PLANNING_VALUE_UNANSWERED;
               value <= SP_PLANNING_VALUE_NO; value++)
            {
              g_autoptr(SpPlanningAnswer) answer = sp_planning_answer_new (EPISODE, "u", kind);
              g_autoptr(GError) error = NULL;
              gboolean ok = value == SP_PLANNING_VALUE_UNANSWERED || expected[kind];

              sp_planning_answer_set_value (answer, cases[i].key, value);
              sp_planning_answer_sign (answer, "Anna Ek", "Sjuksköterska", when);
              g_assert_cmpint (sp_planning_answer_validate (answer, &error), ==, ok);
              if (ok)
                {
                  g_assert_no_error (error);
                }
              else
                {
                  g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_NOT_ANSWERABLE);
                  assert_error_field (error, field);
                }
            }
        }
    }
}

/* Every entry records date, name and professional title (DOMAIN §6); free text is bounded. */
static void
test_validate_signature (void)
{
  g_autoptr(GDateTime) when = at ("2026-03-02T09:30:00Z");
  g_autofree char *long_text = g_strnfill (SP_JSON_MAX_TEXT + 1, 'x');
  g_autofree char *max_text = g_strnfill (SP_JSON_MAX_TEXT, 'x');
  g_autofree char *long_name = g_strnfill (257, 'x');
  static const struct
  {
    const char *name, *title;
    gboolean    with_time;
    int         code;  /* -1: valid */
    const char *field;
    const char *reason;
  } cases[] = {
    { "Anna Ek", "Sjuksköterska", TRUE,  -1, NULL, "name, title and time" },
    { NULL,      "Sjuksköterska", TRUE,  SP_PLANNING_ERROR_UNSIGNED, "author.name", "no name" },
    { "",        "Sjuksköterska", TRUE,  SP_PLANNING_ERROR_UNSIGNED, "author.name",
      "an empty name is no name" },
    { "Anna Ek", NULL,            TRUE,  SP_PLANNING_ERROR_UNSIGNED, "author.title",
      "the title is required, unlike for a consent" },
    { "Anna Ek", "",              TRUE,  SP_PLANNING_ERROR_UNSIGNED, "author.title",
      "an empty title" },
    { "Anna Ek", "Sjuksköterska", FALSE, SP_PLANNING_ERROR_UNSIGNED, "answered_at",
      "no date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpPlanningAnswer) answer =
        sp_planning_answer_new (EPISODE, "kommun", SP_UNIT_KIND_SOCIAL_SERVICES);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].reason);
      sp_planning_answer_sign (answer, cases[i].name, cases[i].title,
                               cases[i].with_time ? when : NULL);
      g_assert_cmpint (sp_planning_answer_validate (answer, &error), ==, cases[i].code < 0);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_error (error, SP_PLANNING_ERROR, cases[i].code);
      assert_error_field (error, cases[i].field);
    }

  /* Lengths: SP_JSON_MAX_TEXT characters of free text pass, one more does not. */
  {
    g_autoptr(SpPlanningAnswer) answer =
      sp_planning_answer_new (EPISODE, "kommun", SP_UNIT_KIND_SOCIAL_SERVICES);
    g_autoptr(GError) error = NULL;

    sp_planning_answer_sign (answer, "Anna Ek", "Sjuksköterska", when);
    sp_planning_answer_set_ongoing_interventions (answer, max_text);
    sp_planning_answer_set_new_needs (answer, max_text);
    g_assert_true (sp_planning_answer_validate (answer, &error));

    sp_planning_answer_set_new_needs (answer, long_text);
    g_assert_false (sp_planning_answer_validate (answer, &error));
    g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_TOO_LONG);
    assert_error_field (error, "new_needs");
    g_clear_error (&error);

    sp_planning_answer_set_new_needs (answer, NULL);
    sp_planning_answer_set_ongoing_interventions (answer, long_text);
    g_assert_false (sp_planning_answer_validate (answer, &error));
    assert_error_field (error, "ongoing_interventions");
    g_clear_error (&error);

    sp_planning_answer_set_ongoing_interventions (answer, NULL);
    sp_planning_answer_sign (answer, long_name, "Sjuksköterska", when);
    g_assert_false (sp_planning_answer_validate (answer, &error));
    g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_TOO_LONG);
    assert_error_field (error, "author.name");
  }
}

/* The track table: answers as the rules CLI takes them → the expected track and rule in each
 * profile, worked out by hand from DOMAIN §6. Unit names say who would answer: "avd"
 * slutenvård, "vc" öppenvård, "kommun" social services or municipal health care. */
static void
test_track_rules (void)
{
  static const struct
  {
    const char  *answers;
    SpTrack      vgr, stockholm, vasterbotten;
    SpTrackRule  rule, vasterbotten_rule;  /* rule is for VGR and Stockholm */
    const char  *reason;
  } cases[] = {
    { "{}",
      SP_TRACK_GRA, SP_TRACK_GRA, SP_TRACK_GRA, SP_TRACK_RULE_NONE, SP_TRACK_RULE_NONE,
      "nothing answered: grå, also in Västerbotten which has no grå (our choice)" },
    { "{\"avd\":{\"simple_only\":true}}",
      SP_TRACK_GRA, SP_TRACK_GRA, SP_TRACK_GRA, SP_TRACK_RULE_NONE, SP_TRACK_RULE_NONE,
      "only simple visits: not covered by the law" },
    { "{\"kommun\":{\"sol_before\":false,\"hsl_before\":false,\"sol_new\":false,"
      "\"hsl_new\":false,\"short_term_stay\":false,\"special_housing\":false},"
      "\"avd\":{\"extensive\":false,\"region_new\":false}}",
      SP_TRACK_GRA, SP_TRACK_GRA, SP_TRACK_GRA, SP_TRACK_RULE_NONE, SP_TRACK_RULE_NONE,
      "every answer no: no" },
    { "{\"avd\":{\"extensive\":true}}",
      SP_TRACK_ROD, SP_TRACK_ROD, SP_TRACK_ROD, SP_TRACK_RULE_EXTENSIVE,
      SP_TRACK_RULE_EXTENSIVE, "rule 1" },
    { "{\"avd\":{\"extensive\":true,\"hsl_new\":true,\"sol_new\":true,\"region_new\":true,"
      "\"simple_only\":true},\"kommun\":{\"hsl_before\":true,\"short_term_stay\":true,"
      "\"special_housing\":true,\"sol_before\":true}}",
      SP_TRACK_ROD, SP_TRACK_ROD, SP_TRACK_ROD, SP_TRACK_RULE_EXTENSIVE,
      SP_TRACK_RULE_EXTENSIVE, "extensive beats everything" },
    { "{\"kommun\":{\"hsl_new\":true},\"vc\":{\"extensive\":true}}",
      SP_TRACK_ROD, SP_TRACK_ROD, SP_TRACK_ROD, SP_TRACK_RULE_EXTENSIVE,
      SP_TRACK_RULE_EXTENSIVE, "the highest colour over units: öppenvård's röd wins" },
    { "{\"kommun\":{\"hsl_new\":true}}",
      SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_RULE_HSL_NEW, SP_TRACK_RULE_HSL_NEW,
      "rule 2: new municipal health care" },
    { "{\"kommun\":{\"hsl_new\":true,\"hsl_before\":true,\"special_housing\":true}}",
      SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_RULE_HSL_NEW, SP_TRACK_RULE_HSL_NEW,
      "hsl_new beats hsl_before and special housing" },
    { "{\"kommun\":{\"hsl_before\":true},\"avd\":{\"hsl_new\":true}}",
      SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_RULE_HSL_NEW, SP_TRACK_RULE_HSL_NEW,
      "the ward's new need beats the kommun's unchanged one" },
    { "{\"kommun\":{\"hsl_new\":false},\"avd\":{\"hsl_new\":true}}",
      SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_RULE_HSL_NEW, SP_TRACK_RULE_HSL_NEW,
      "one unit's no does not cancel another's yes" },
    { "{\"kommun\":{\"short_term_stay\":true}}",
      SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_RULE_SHORT_TERM_STAY,
      SP_TRACK_RULE_SHORT_TERM_STAY, "rule 2: short-term stay" },
    { "{\"kommun\":{\"short_term_stay\":true,\"hsl_new\":true}}",
      SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_RULE_HSL_NEW, SP_TRACK_RULE_HSL_NEW,
      "within rule 2, hsl_new is named first" },
    { "{\"kommun\":{\"short_term_stay\":true,\"sol_new\":true}}",
      SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_RULE_SHORT_TERM_STAY,
      SP_TRACK_RULE_SHORT_TERM_STAY, "short-term stay before sol_new" },
    { "{\"kommun\":{\"sol_new\":true}}",
      SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_GUL, SP_TRACK_RULE_SINGLE_PRINCIPAL,
      SP_TRACK_RULE_SOL_NEW,
      "sol_new alone: falls through to blå, but gul in Västerbotten" },
    { "{\"avd\":{\"sol_new\":true}}",
      SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_GUL, SP_TRACK_RULE_SINGLE_PRINCIPAL,
      SP_TRACK_RULE_SOL_NEW, "the same when the ward answers sol_new" },
    { "{\"kommun\":{\"sol_new\":true},\"vc\":{\"region_before\":true}}",
      SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_RULE_SOL_NEW_WITH_REGION,
      SP_TRACK_RULE_SOL_NEW,
      "sol_new from kommun + region_before from öppenvård: both principals (union)" },
    { "{\"kommun\":{\"sol_new\":true},\"avd\":{\"region_new\":true}}",
      SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_GUL, SP_TRACK_RULE_SOL_NEW_WITH_REGION,
      SP_TRACK_RULE_SOL_NEW, "sol_new + region_new from the ward" },
    { "{\"kommun\":{\"sol_new\":true},\"vc\":{\"region_before\":false,\"region_new\":false}}",
      SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_GUL, SP_TRACK_RULE_SINGLE_PRINCIPAL,
      SP_TRACK_RULE_SOL_NEW, "a region need answered no is no region need" },
    { "{\"kommun\":{\"sol_new\":true,\"hsl_before\":true}}",
      SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_GUL, SP_TRACK_RULE_HSL_BEFORE,
      SP_TRACK_RULE_SOL_NEW,
      "sol_new falls through rule 2, and rule 3 matches before blå: grön" },
    { "{\"kommun\":{\"sol_new\":true,\"special_housing\":true}}",
      SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_GUL, SP_TRACK_RULE_SPECIAL_HOUSING,
      SP_TRACK_RULE_SOL_NEW, "the same with special housing" },
    { "{\"kommun\":{\"hsl_before\":true}}",
      SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_RULE_HSL_BEFORE,
      SP_TRACK_RULE_HSL_BEFORE, "rule 3: known patient, unchanged municipal health care" },
    { "{\"kommun\":{\"hsl_before\":true,\"sol_before\":true},\"vc\":{\"region_before\":true}}",
      SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_RULE_HSL_BEFORE,
      SP_TRACK_RULE_HSL_BEFORE, "grön beats blå" },
    { "{\"kommun\":{\"special_housing\":true}}",
      SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_RULE_SPECIAL_HOUSING,
      SP_TRACK_RULE_SPECIAL_HOUSING, "rule 3: special housing" },
    { "{\"kommun\":{\"special_housing\":true,\"hsl_before\":true}}",
      SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_GRON, SP_TRACK_RULE_HSL_BEFORE,
      SP_TRACK_RULE_HSL_BEFORE, "within rule 3, hsl_before is named first" },
    { "{\"kommun\":{\"sol_before\":true}}",
      SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_RULE_SINGLE_PRINCIPAL,
      SP_TRACK_RULE_SINGLE_PRINCIPAL, "rule 4: only social services, unchanged" },
    { "{\"vc\":{\"region_before\":true}}",
      SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_RULE_SINGLE_PRINCIPAL,
      SP_TRACK_RULE_SINGLE_PRINCIPAL, "rule 4: only the region's öppenvård" },
    { "{\"avd\":{\"region_new\":true,\"simple_only\":true}}",
      SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_RULE_SINGLE_PRINCIPAL,
      SP_TRACK_RULE_SINGLE_PRINCIPAL, "rule 4: a new region need; simple_only changes nothing" },
    { "{\"kommun\":{\"sol_before\":true},\"vc\":{\"region_before\":true}}",
      SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_BLA, SP_TRACK_RULE_SINGLE_PRINCIPAL,
      SP_TRACK_RULE_SINGLE_PRINCIPAL,
      "unchanged interventions from both principals: still rule 4 in our formalisation" },
  };
  const SpRegionProfile *vgr = sp_region_profile_get (SP_REGION_VGR);
  const SpRegionProfile *stockholm = sp_region_profile_get (SP_REGION_STOCKHOLM);
  const SpRegionProfile *vasterbotten = sp_region_profile_get (SP_REGION_VASTERBOTTEN);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) answers = simple_answers (cases[i].answers);
      SpTrackRule rule = SP_TRACK_RULE_NONE;

      g_test_message ("%s: %s", cases[i].answers, cases[i].reason);

      g_assert_cmpint (sp_planning_compute_track (vgr, answers, &rule, NULL), ==,
                       cases[i].vgr);
      g_assert_cmpint (rule, ==, cases[i].rule);
      g_assert_cmpint (sp_planning_compute_track (stockholm, answers, &rule, NULL), ==,
                       cases[i].stockholm);
      g_assert_cmpint (rule, ==, cases[i].rule);
      g_assert_cmpint (sp_planning_compute_track (vasterbotten, answers, &rule, NULL), ==,
                       cases[i].vasterbotten);
      g_assert_cmpint (rule, ==, cases[i].vasterbotten_rule);
    }
}

/* The reason shown for each rule, in Swedish. */
static void
test_track_reasons (void)
{
  static const struct
  {
    const char  *answers;
    const char  *profile;
    SpTrackRule  rule;
    const char  *reason;
  } cases[] = {
    { "{\"avd\":{\"extensive\":true}}", "stockholm", SP_TRACK_RULE_EXTENSIVE,
      "Rött spår: omfattande vård- och rehabiliteringsinsatser i hemmet" },
    { "{\"kommun\":{\"hsl_new\":true}}", "stockholm", SP_TRACK_RULE_HSL_NEW,
      "Gult spår: nya eller förändrade behov av kommunal hälso- och sjukvård eller "
      "rehabilitering" },
    { "{\"kommun\":{\"short_term_stay\":true}}", "stockholm", SP_TRACK_RULE_SHORT_TERM_STAY,
      "Gult spår: korttidsvistelse är aktuell" },
    { "{\"kommun\":{\"sol_new\":true}}", "vasterbotten", SP_TRACK_RULE_SOL_NEW,
      "Gult spår: nya eller förändrade behov av insatser från socialtjänsten" },
    { "{\"kommun\":{\"sol_new\":true},\"vc\":{\"region_new\":true}}", "vgr",
      SP_TRACK_RULE_SOL_NEW_WITH_REGION,
      "Gult spår: nya behov från socialtjänsten och insatser från regionens öppenvård" },
    { "{\"kommun\":{\"hsl_before\":true}}", "stockholm", SP_TRACK_RULE_HSL_BEFORE,
      "Grönt spår: känd patient med oförändrade insatser från kommunal hälso- och sjukvård" },
    { "{\"kommun\":{\"special_housing\":true}}", "stockholm", SP_TRACK_RULE_SPECIAL_HOUSING,
      "Grönt spår: särskilt boende" },
    { "{\"kommun\":{\"sol_before\":true}}", "vasterbotten", SP_TRACK_RULE_SINGLE_PRINCIPAL,
      "Blått spår: insatser från en huvudman" },
    { "{}", "vasterbotten", SP_TRACK_RULE_NONE,
      "Grått spår: inga behov som omfattas av lagen" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) answers = simple_answers (cases[i].answers);
      g_autofree char *reason = NULL;
      SpTrackRule rule;

      sp_planning_compute_track (sp_region_profile_lookup (cases[i].profile), answers, &rule,
                                 &reason);
      g_assert_cmpint (rule, ==, cases[i].rule);
      g_assert_cmpstr (reason, ==, cases[i].reason);
    }

  /* Both outputs are optional. */
  {
    g_autoptr(GPtrArray) answers = simple_answers ("{\"kommun\":{\"hsl_new\":true}}");

    g_assert_cmpint (sp_planning_compute_track (sp_region_profile_get (SP_REGION_VGR), answers,
                                                NULL, NULL), ==, SP_TRACK_GUL);
  }
}

/* DOMAIN §6's "process consequence" column (and §7), per track and region, by hand. */
static void
test_track_implications (void)
{
  static const struct
  {
    SpRegion          region;
    SpTrack           track;
    gboolean          notice, care_contact;
    SpSipNeed         sip;
    gboolean          in_hospital;
    SpPreMeetingNeed  pre_meeting;
    gboolean          home_next_day;
    guint             weeks;
  } cases[] = {
#define NONE SP_SIP_NEED_NONE
#define OFFER SP_SIP_NEED_OFFER_AFTER_DISCHARGE
#define REQ SP_SIP_NEED_REQUIRED
#define PM_NO SP_PRE_MEETING_NEED_NONE
#define PM_SUGGEST SP_PRE_MEETING_NEED_SUGGESTED
#define PM_REQ SP_PRE_MEETING_NEED_REQUIRED
    /* grå: "no admission notice needed, no care contact, no SIP requirement" — everywhere,
     * Västerbotten included although it has no grå. */
    { SP_REGION_VGR,          SP_TRACK_GRA,  FALSE, FALSE, NONE,  FALSE, PM_NO,      FALSE, 0 },
    { SP_REGION_STOCKHOLM,    SP_TRACK_GRA,  FALSE, FALSE, NONE,  FALSE, PM_NO,      FALSE, 0 },
    { SP_REGION_VASTERBOTTEN, SP_TRACK_GRA,  FALSE, FALSE, NONE,  FALSE, PM_NO,      FALSE, 0 },
    /* blå: Stockholm "SIP ska erbjudas …"; Västerbotten no SIP, home by the day after. */
    { SP_REGION_VGR,          SP_TRACK_BLA,  TRUE,  FALSE, OFFER, FALSE, PM_NO,      FALSE, 0 },
    { SP_REGION_STOCKHOLM,    SP_TRACK_BLA,  TRUE,  FALSE, OFFER, FALSE, PM_NO,      FALSE, 0 },
    { SP_REGION_VASTERBOTTEN, SP_TRACK_BLA,  TRUE,  FALSE, NONE,  FALSE, PM_NO,      TRUE,  0 },
    /* grön: öppenvård decides on a SIP after discharge; Västerbotten home by the day after. */
    { SP_REGION_VGR,          SP_TRACK_GRON, TRUE,  TRUE,  OFFER, FALSE, PM_NO,      FALSE, 0 },
    { SP_REGION_STOCKHOLM,    SP_TRACK_GRON, TRUE,  TRUE,  OFFER, FALSE, PM_NO,      FALSE, 0 },
    { SP_REGION_VASTERBOTTEN, SP_TRACK_GRON, TRUE,  TRUE,  OFFER, FALSE, PM_NO,      TRUE,  0 },
    /* gul: invite to SIP; Västerbotten: consider a pre-meeting, SIP within 4 weeks. */
    { SP_REGION_VGR,          SP_TRACK_GUL,  TRUE,  TRUE,  REQ,   FALSE, PM_NO,      FALSE, 0 },
    { SP_REGION_STOCKHOLM,    SP_TRACK_GUL,  TRUE,  TRUE,  REQ,   FALSE, PM_NO,      FALSE, 0 },
    { SP_REGION_VASTERBOTTEN, SP_TRACK_GUL,  TRUE,  TRUE,  REQ,   FALSE, PM_SUGGEST, FALSE, 4 },
    /* röd: SIP may be held in hospital; pre-meeting required in Västerbotten. */
    { SP_REGION_VGR,          SP_TRACK_ROD,  TRUE,  TRUE,  REQ,   TRUE,  PM_SUGGEST, FALSE, 0 },
    { SP_REGION_STOCKHOLM,    SP_TRACK_ROD,  TRUE,  TRUE,  REQ,   TRUE,  PM_SUGGEST, FALSE, 0 },
    { SP_REGION_VASTERBOTTEN, SP_TRACK_ROD,  TRUE,  TRUE,  REQ,   TRUE,  PM_REQ,     FALSE, 0 },
#undef NONE
#undef OFFER
#undef REQ
#undef PM_NO
#undef PM_SUGGEST
#undef PM_REQ
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpTrackImplications got =
        sp_track_get_implications (sp_region_profile_get (cases[i].region), cases[i].track);

      g_test_message ("%s in %s", sp_track_get_label (cases[i].track),
                      sp_region_profile_get (cases[i].region)->id);
      g_assert_cmpint (got.admission_notice_needed, ==, cases[i].notice);
      g_assert_cmpint (got.care_contact_needed, ==, cases[i].care_contact);
      g_assert_cmpint (got.sip_invitation, ==, cases[i].sip);
      g_assert_cmpint (got.sip_may_be_held_in_hospital, ==, cases[i].in_hospital);
      g_assert_cmpint (got.pre_meeting, ==, cases[i].pre_meeting);
      g_assert_cmpint (got.home_by_day_after_ready, ==, cases[i].home_next_day);
      g_assert_cmpuint (got.follow_up_within_weeks, ==, cases[i].weeks);
    }

  g_assert_cmpstr (sp_track_get_heading (SP_TRACK_GRA), ==, "Grått spår");
  g_assert_cmpstr (sp_track_get_heading (SP_TRACK_ROD), ==, "Rött spår");
}

/* Every version is kept, numbered per unit; nothing can be changed once added. */
static void
test_basis_append_only (void)
{
  g_autoptr(SpPlanningBasis) basis = sp_planning_basis_new (EPISODE);
  g_autoptr(SpPlanningAnswer) k1 = answer_new ("kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                               "2026-03-02T09:00:00Z", "hsl_new", NULL);
  g_autoptr(SpPlanningAnswer) vc1 = answer_new ("vc", SP_UNIT_KIND_OUTPATIENT,
                                                "2026-03-02T10:00:00Z", "region_before", NULL);
  g_autoptr(SpPlanningAnswer) k2 = answer_new ("kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                               "2026-03-03T09:00:00Z", "hsl_before", NULL);
  g_autoptr(SpPlanningAnswer) bad = answer_new ("kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                                "2026-03-04T09:00:00Z", "extensive", NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) kommun = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (sp_planning_basis_get_episode_id (basis), ==, EPISODE);
  g_assert_cmpuint (sp_planning_answer_get_version (k1), ==, 0);
  add_ok (basis, k1);
  add_ok (basis, vc1);
  add_ok (basis, k2);
  g_assert_cmpuint (sp_planning_answer_get_version (k1), ==, 1);
  g_assert_cmpuint (sp_planning_answer_get_version (vc1), ==, 1);
  g_assert_cmpuint (sp_planning_answer_get_version (k2), ==, 2);

  /* An invalid answer (kommun cannot answer "extensive") is refused and gets no version. */
  g_assert_false (sp_planning_basis_add (basis, bad, &error));
  g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_NOT_ANSWERABLE);
  assert_error_field (error, "answers.extensive");
  g_assert_cmpuint (sp_planning_answer_get_version (bad), ==, 0);

  all = sp_planning_basis_get_history (basis, NULL);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_true (g_ptr_array_index (all, 0) == k1);
  g_assert_true (g_ptr_array_index (all, 1) == vc1);
  g_assert_true (g_ptr_array_index (all, 2) == k2);

  kommun = sp_planning_basis_get_history (basis, "kommun");
  g_assert_cmpuint (kommun->len, ==, 2);
  g_assert_true (g_ptr_array_index (kommun, 0) == k1);
  g_assert_true (g_ptr_array_index (kommun, 1) == k2);
  /* Version 1 still says what it said. */
  g_assert_cmpint (sp_planning_answer_get_value (k1, "hsl_new"), ==, SP_PLANNING_VALUE_YES);

  none = sp_planning_basis_get_history (basis, "no-such-unit");
  g_assert_cmpuint (none->len, ==, 0);

  /* Frozen: every setter refuses, and nothing changes. */
  g_test_expect_message ("sp-planning", G_LOG_LEVEL_CRITICAL, "*version == 0*");
  sp_planning_answer_set_value (k1, "hsl_new", SP_PLANNING_VALUE_NO);
  g_test_expect_message ("sp-planning", G_LOG_LEVEL_CRITICAL, "*version == 0*");
  sp_planning_answer_set_new_needs (k1, "ändrat");
  g_test_expect_message ("sp-planning", G_LOG_LEVEL_CRITICAL, "*version == 0*");
  sp_planning_answer_set_ongoing_interventions (k1, "ändrat");
  g_test_expect_message ("sp-planning", G_LOG_LEVEL_CRITICAL, "*version == 0*");
  sp_planning_answer_sign (k1, "Någon Annan", "Läkare", NULL);
  /* Adding the same version again is a programmer error, not a new version. */
  g_test_expect_message ("sp-planning", G_LOG_LEVEL_CRITICAL, "*version*== 0*");
  g_assert_false (sp_planning_basis_add (basis, k1, NULL));
  g_test_assert_expected_messages ();

  g_assert_cmpint (sp_planning_answer_get_value (k1, "hsl_new"), ==, SP_PLANNING_VALUE_YES);
  g_assert_null (sp_planning_answer_get_new_needs (k1));
  g_assert_cmpstr (sp_planning_answer_get_author_name (k1), ==, "Anna Ek");
  g_clear_pointer (&all, g_ptr_array_unref);
  all = sp_planning_basis_get_history (basis, NULL);
  g_assert_cmpuint (all->len, ==, 3);
}

/* The latest version per unit is what the track is computed from. */
static void
test_basis_latest (void)
{
  const SpRegionProfile *stockholm = sp_region_profile_get (SP_REGION_STOCKHOLM);
  g_autoptr(SpPlanningBasis) basis = sp_planning_basis_new (EPISODE);
  g_autoptr(SpPlanningAnswer) k1 = answer_new ("kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                               "2026-03-02T09:00:00Z", "hsl_new", NULL);
  g_autoptr(SpPlanningAnswer) avd1 = answer_new ("avd", SP_UNIT_KIND_INPATIENT,
                                                 "2026-03-02T09:10:00Z", "simple_only", NULL);
  g_autoptr(SpPlanningAnswer) k2 = answer_new ("kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                               "2026-03-03T09:00:00Z", "hsl_before", NULL);
  g_autoptr(SpPlanningAnswer) k3 = answer_new ("kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                               "2026-03-04T09:00:00Z", NULL);
  g_autoptr(SpPlanningAnswer) vc1 = answer_new ("vc", SP_UNIT_KIND_OUTPATIENT,
                                                "2026-03-04T10:00:00Z", "region_new", NULL);
  g_autoptr(GPtrArray) latest = NULL;
  g_autofree char *reason = NULL;

  g_assert_cmpint (sp_planning_basis_get_effective_track (basis, stockholm, NULL), ==,
                   SP_TRACK_GRA);

  add_ok (basis, k1);
  add_ok (basis, avd1);
  g_assert_cmpint (sp_planning_basis_get_effective_track (basis, stockholm, &reason), ==,
                   SP_TRACK_GUL);
  g_assert_cmpstr (reason, ==, "Gult spår: nya eller förändrade behov av kommunal hälso- och "
                   "sjukvård eller rehabilitering");

  /* The kommun now says its needs are unchanged: version 2 replaces version 1 for the
   * track, though both are kept. */
  add_ok (basis, k2);
  g_assert_cmpint (sp_planning_basis_get_effective_track (basis, stockholm, NULL), ==,
                   SP_TRACK_GRON);

  /* Version 3 answers nothing; then öppenvård reports a new need of its own. */
  add_ok (basis, k3);
  g_assert_cmpint (sp_planning_basis_get_effective_track (basis, stockholm, NULL), ==,
                   SP_TRACK_GRA);
  add_ok (basis, vc1);
  g_assert_cmpint (sp_planning_basis_get_effective_track (basis, stockholm, NULL), ==,
                   SP_TRACK_BLA);

  latest = sp_planning_basis_get_latest (basis);
  g_assert_cmpuint (latest->len, ==, 3);
  /* Units in the order they first answered, each at its latest version. */
  g_assert_true (g_ptr_array_index (latest, 0) == k3);
  g_assert_true (g_ptr_array_index (latest, 1) == avd1);
  g_assert_true (g_ptr_array_index (latest, 2) == vc1);
  g_assert_cmpuint (sp_planning_answer_get_version (k3), ==, 3);
}

static void
test_basis_refuses (void)
{
  g_autoptr(SpPlanningBasis) basis = sp_planning_basis_new (EPISODE);
  g_autoptr(GDateTime) when = at ("2026-03-02T09:00:00Z");
  g_autoptr(SpPlanningAnswer) other_episode =
    sp_planning_answer_new ("episode-2", "kommun", SP_UNIT_KIND_SOCIAL_SERVICES);
  g_autoptr(SpPlanningAnswer) no_episode =
    sp_planning_answer_new (NULL, "kommun", SP_UNIT_KIND_SOCIAL_SERVICES);
  g_autoptr(SpPlanningAnswer) first = answer_new ("kommun", SP_UNIT_KIND_SOCIAL_SERVICES,
                                                  "2026-03-02T09:00:00Z", "sol_new", NULL);
  g_autoptr(SpPlanningAnswer) kind_changed = answer_new ("kommun", SP_UNIT_KIND_INPATIENT,
                                                         "2026-03-02T10:00:00Z", NULL);
  g_autoptr(SpPlanningAnswer) unsigned_answer =
    sp_planning_answer_new (EPISODE, "vc", SP_UNIT_KIND_OUTPATIENT);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  sp_planning_answer_sign (other_episode, "Anna Ek", "Biståndshandläggare", when);
  g_assert_false (sp_planning_basis_add (basis, other_episode, &error));
  g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_WRONG_EPISODE);
  g_clear_error (&error);

  sp_planning_answer_sign (no_episode, "Anna Ek", "Biståndshandläggare", when);
  g_assert_false (sp_planning_basis_add (basis, no_episode, &error));
  g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_WRONG_EPISODE);
  g_clear_error (&error);

  add_ok (basis, first);
  g_assert_false (sp_planning_basis_add (basis, kind_changed, &error));
  g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_UNIT_KIND_CHANGED);
  assert_error_field (error, "unit_kind");
  g_clear_error (&error);

  g_assert_false (sp_planning_basis_add (basis, unsigned_answer, &error));
  g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_UNSIGNED);
  g_clear_error (&error);

  history = sp_planning_basis_get_history (basis, NULL);
  g_assert_cmpuint (history->len, ==, 1);
}

static void
test_basis_override (void)
{
  const SpRegionProfile *vasterbotten = sp_region_profile_get (SP_REGION_VASTERBOTTEN);
  g_autoptr(SpPlanningBasis) basis = sp_planning_basis_new (EPISODE);
  g_autoptr(SpPlanningAnswer) kommun = answer_new ("kommun", SP_UNIT_KIND_SOCIAL_SERVICES,
                                                   "2026-03-02T09:00:00Z", "sol_before",
                                                   NULL);
  g_autoptr(GDateTime) t1 = at ("2026-03-02T11:00:00Z");
  g_autoptr(GDateTime) t2 = at ("2026-03-02T12:00:00Z");
  g_autoptr(GDateTime) t3 = at ("2026-03-02T13:00:00Z");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SpTrackOverride *current;

  add_ok (basis, kommun);
  g_assert_null (sp_planning_basis_get_track_override (basis));
  g_assert_cmpint (sp_planning_basis_get_effective_track (basis, vasterbotten, NULL), ==,
                   SP_TRACK_BLA);

  g_assert_true (sp_planning_basis_override_track (basis, SP_TRACK_ROD, "Komplex hemsituation",
                                                   "Anna Ek", "Sjuksköterska", "avd-12", t1,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_planning_basis_get_effective_track (basis, vasterbotten, &reason), ==,
                   SP_TRACK_ROD);
  g_assert_cmpstr (reason, ==, "Rött spår (manuellt satt): Komplex hemsituation");
  g_clear_pointer (&reason, g_free);

  /* The latest override wins. */
  g_assert_true (sp_planning_basis_override_track (basis, SP_TRACK_GUL, "Bedömt igen",
                                                   "Bo Ek", "Fast vårdkontakt", "vc-3", t2,
                                                   &error));
  current = sp_planning_basis_get_track_override (basis);
  g_assert_nonnull (current);
  g_assert_cmpint (sp_track_override_get_track (current), ==, SP_TRACK_GUL);
  g_assert_cmpstr (sp_track_override_get_by_unit_id (current), ==, "vc-3");
  g_assert_true (g_date_time_equal (sp_track_override_get_at (current), t2));
  g_assert_cmpint (sp_planning_basis_get_effective_track (basis, vasterbotten, NULL), ==,
                   SP_TRACK_GUL);

  /* Clearing goes back to the computed track; every entry stays. */
  g_assert_true (sp_planning_basis_clear_track_override (basis, NULL, "Bo Ek",
                                                         "Fast vårdkontakt", "vc-3", t3,
                                                         &error));
  g_assert_null (sp_planning_basis_get_track_override (basis));
  g_assert_cmpint (sp_planning_basis_get_effective_track (basis, vasterbotten, &reason), ==,
                   SP_TRACK_BLA);
  g_assert_cmpstr (reason, ==, "Blått spår: insatser från en huvudman");

  entries = sp_planning_basis_get_track_overrides (basis);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_false (sp_track_override_is_clear (g_ptr_array_index (entries, 0)));
  g_assert_cmpint (sp_track_override_get_track (g_ptr_array_index (entries, 0)), ==,
                   SP_TRACK_ROD);
  g_assert_true (sp_track_override_is_clear (g_ptr_array_index (entries, 2)));

  /* An override needs a reason and a signature; a refused one leaves no trace. */
  g_assert_false (sp_planning_basis_override_track (basis, SP_TRACK_ROD, "", "Anna Ek",
                                                    "Sjuksköterska", "avd-12", t3, &error));
  g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_NO_REASON);
  assert_error_field (error, "reason");
  g_clear_error (&error);
  g_assert_false (sp_planning_basis_override_track (basis, SP_TRACK_ROD, "Skäl", "Anna Ek",
                                                    NULL, "avd-12", t3, &error));
  g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_UNSIGNED);
  assert_error_field (error, "by.title");
  g_clear_error (&error);
  g_assert_false (sp_planning_basis_clear_track_override (basis, NULL, "Anna Ek",
                                                          "Sjuksköterska", NULL, t3, &error));
  g_assert_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_UNSIGNED);
  assert_error_field (error, "by.unit_id");
  g_clear_error (&error);

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = sp_planning_basis_get_track_overrides (basis);
  g_assert_cmpuint (entries->len, ==, 3);
}

static char *
node_text (JsonNode *node)
{
  return sp_json_to_string (node, FALSE);
}

static SpPlanningBasis *
full_basis (void)
{
  SpPlanningBasis *basis = sp_planning_basis_new (EPISODE);
  g_autoptr(SpPlanningAnswer) k1 = answer_new ("kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                               "2026-03-02T09:00:00Z", "hsl_new", NULL);
  g_autoptr(SpPlanningAnswer) vc1 = answer_new ("vc", SP_UNIT_KIND_OUTPATIENT,
                                                "2026-03-02T10:00:00Z", "region_before", NULL);
  g_autoptr(SpPlanningAnswer) k2 = answer_new ("kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                               "2026-03-03T09:00:00+01:00", "hsl_before",
                                               NULL);
  g_autoptr(GDateTime) t1 = at ("2026-03-03T11:00:00Z");
  g_autoptr(GDateTime) t2 = at ("2026-03-03T12:00:00Z");

  sp_planning_answer_set_value (k1, "sol_before", SP_PLANNING_VALUE_NO);
  sp_planning_answer_set_ongoing_interventions (k1, "Hemtjänst morgon och kväll");
  sp_planning_answer_set_new_needs (k1, "Såromläggning, \"dagligen\"\nInsulin");
  add_ok (basis, k1);
  add_ok (basis, vc1);
  add_ok (basis, k2);
  g_assert_true (sp_planning_basis_override_track (basis, SP_TRACK_ROD, "Komplex situation",
                                                   "Anna Ek", "Sjuksköterska", "avd-12", t1,
                                                   NULL));
  g_assert_true (sp_planning_basis_clear_track_override (basis, NULL, "Bo Ek", "Läkare",
                                                         "avd-12", t2, NULL));
  return basis;
}

/* equal (x, from_json (to_json (x))) and the same text after a second trip. */
static void
test_json_round_trip (void)
{
  g_autoptr(SpPlanningBasis) basis = full_basis ();
  g_autoptr(JsonNode) node = sp_planning_basis_to_json (basis);
  g_autofree char *text = node_text (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPlanningBasis) copy = sp_planning_basis_new_from_json (node, &error);
  g_autoptr(JsonNode) node2 = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(GPtrArray) answers = sp_planning_basis_get_history (basis, NULL);
  g_autoptr(GPtrArray) overrides = sp_planning_basis_get_track_overrides (basis);
  g_autoptr(SpPlanningAnswer) draft = sp_planning_answer_new (NULL, "vc",
                                                              SP_UNIT_KIND_OUTPATIENT);

  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_true (sp_planning_basis_equal (basis, copy));
  node2 = sp_planning_basis_to_json (copy);
  text2 = node_text (node2);
  g_assert_cmpstr (text, ==, text2);
  g_assert_true (json_object_has_member (json_node_get_object (node), "format"));

  /* Each answer (added or a draft) and each override on its own. */
  g_ptr_array_add (answers, g_object_ref (draft));
  sp_planning_answer_set_value (draft, "extensive", SP_PLANNING_VALUE_YES);
  for (guint i = 0; i < answers->len; i++)
    {
      g_autoptr(JsonNode) a = sp_planning_answer_to_json (g_ptr_array_index (answers, i));
      g_autoptr(SpPlanningAnswer) back = sp_planning_answer_new_from_json (a, &error);
      g_autoptr(JsonNode) b = NULL;
      g_autofree char *ta = node_text (a);
      g_autofree char *tb = NULL;

      g_assert_no_error (error);
      g_assert_true (sp_planning_answer_equal (g_ptr_array_index (answers, i), back));
      b = sp_planning_answer_to_json (back);
      tb = node_text (b);
      g_assert_cmpstr (ta, ==, tb);
    }

  for (guint i = 0; i < overrides->len; i++)
    {
      g_autoptr(JsonNode) a = sp_track_override_to_json (g_ptr_array_index (overrides, i));
      g_autoptr(SpTrackOverride) back = sp_track_override_new_from_json (a, &error);
      g_autoptr(JsonNode) b = NULL;
      g_autofree char *ta = node_text (a);
      g_autofree char *tb = NULL;

      g_assert_no_error (error);
      g_assert_true (sp_track_override_equal (g_ptr_array_index (overrides, i), back));
      b = sp_track_override_to_json (back);
      tb = node_text (b);
      g_assert_cmpstr (ta, ==, tb);
    }

  /* equal() looks at every field: a different basis is not equal. */
  {
    g_autoptr(SpPlanningBasis) other = sp_planning_basis_new (EPISODE);

    g_assert_false (sp_planning_basis_equal (basis, other));
  }
}

/* The shape on the wire, written out by hand: answers as booleans, unanswered left out. */
static void
test_json_shape (void)
{
  g_autoptr(SpPlanningAnswer) answer = answer_new ("vc", SP_UNIT_KIND_OUTPATIENT,
                                                   "2026-03-02T10:00:00+01:00",
                                                   "region_before", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  sp_planning_answer_set_value (answer, "extensive", SP_PLANNING_VALUE_NO);
  node = sp_planning_answer_to_json (answer);
  text = node_text (node);
  g_assert_cmpstr (text, ==,
                   "{\"episode_id\":\"episode-1\",\"unit_id\":\"vc\","
                   "\"unit_kind\":\"outpatient\",\"version\":0,"
                   "\"answers\":{\"region_before\":true,\"extensive\":false},"
                   "\"ongoing_interventions\":null,\"new_needs\":null,"
                   "\"author\":{\"name\":\"Anna Ek\",\"title\":\"Sjuksköterska\"},"
                   "\"answered_at\":\"2026-03-02T09:00:00Z\"}");
}

/* Strict readers: the error names the offending member. */
static void
test_json_strict (void)
{
  static const struct
  {
    const char *json;
    const char *field;
    const char *reason;
  } cases[] = {
    { "{\"format\":2,\"episode_id\":\"e\",\"answers\":[],\"track_overrides\":[]}",
      "format", "a newer format" },
    { "{\"episode_id\":\"e\",\"answers\":[],\"track_overrides\":[]}",
      "format", "not versioned" },
    { "{\"format\":1,\"episode_id\":\"\",\"answers\":[],\"track_overrides\":[]}",
      "episode_id", "empty episode" },
    { "{\"format\":1,\"episode_id\":\"e\",\"track_overrides\":[]}",
      "answers", "no answers member" },
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[],\"track_overrides\":{}}",
      "track_overrides", "not an array" },
#define ANSWER(version, answers) \
    "{\"episode_id\":\"e\",\"unit_id\":\"k\",\"unit_kind\":\"social_services\"," \
    "\"version\":" version ",\"answers\":" answers ",\"author\":{\"name\":\"A\"," \
    "\"title\":\"T\"},\"answered_at\":\"2026-03-02T09:00:00Z\"}"
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[" ANSWER ("1", "{}") ","
      ANSWER ("3", "{}") "],\"track_overrides\":[]}",
      "answers[1].version", "version 2 is missing" },
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[" ANSWER ("0", "{}")
      "],\"track_overrides\":[]}",
      "answers[0].version", "an unnumbered draft is not part of a basis" },
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[" ANSWER ("1", "{\"extensive\":true}")
      "],\"track_overrides\":[]}",
      "answers[0].answers.extensive", "social services cannot answer extensive" },
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[" ANSWER ("1", "{\"bogus\":true}")
      "],\"track_overrides\":[]}",
      "answers[0].answers.bogus", "unknown question" },
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[" ANSWER ("1", "{\"sol_new\":1}")
      "],\"track_overrides\":[]}",
      "answers[0].answers.sol_new", "1 is not a boolean" },
    { "{\"format\":1,\"episode_id\":\"other\",\"answers\":[" ANSWER ("1", "{}")
      "],\"track_overrides\":[]}",
      "answers[0].episode_id", "an answer of another episode" },
#undef ANSWER
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[],\"track_overrides\":[{\"track\":"
      "\"gul\",\"reason\":null,\"by\":{\"name\":\"A\",\"title\":\"T\",\"unit_id\":\"u\"},"
      "\"at\":\"2026-03-02T09:00:00Z\"}]}",
      "track_overrides[0].reason", "an override without a reason" },
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[],\"track_overrides\":[{\"track\":"
      "\"lila\",\"reason\":\"x\",\"by\":{\"name\":\"A\",\"title\":\"T\",\"unit_id\":\"u\"},"
      "\"at\":\"2026-03-02T09:00:00Z\"}]}",
      "track_overrides[0].track", "no such track" },
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[],\"track_overrides\":[{\"track\":"
      "null,\"reason\":null,\"by\":{\"name\":\"A\",\"title\":\"T\",\"unit_id\":\"u\"},"
      "\"at\":\"2026-03-02T09:00\"}]}",
      "track_overrides[0].at", "a time without a zone" },
    { "{\"format\":1,\"episode_id\":\"e\",\"answers\":[],\"track_overrides\":[{\"track\":"
      "null,\"reason\":null,\"by\":{\"name\":\"A\",\"title\":\"\",\"unit_id\":\"u\"},"
      "\"at\":\"2026-03-02T09:00:00Z\"}]}",
      "track_overrides[0].by.title", "a clear is signed too" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sp_json_parse (cases[i].json, -1, &error);
      g_autoptr(SpPlanningBasis) basis = NULL;

      g_test_message ("%s", cases[i].reason);
      g_assert_no_error (error);
      basis = sp_planning_basis_new_from_json (node, &error);
      g_assert_null (basis);
      assert_error_field (error, cases[i].field);
    }
}

/* A lone answer with a version was added to a basis, so it must be valid; a draft need not. */
static void
test_json_answer_strict (void)
{
  static const struct
  {
    const char *version;
    const char *answers;
    const char *author;
    const char *field;  /* NULL: accepted */
  } cases[] = {
    { "1", "{\"extensive\":true}", "{\"name\":\"A\",\"title\":\"T\"}",
      "answers.extensive" },
    { "0", "{\"extensive\":true}", "{\"name\":\"A\",\"title\":\"T\"}", NULL },
    { "0", "{}", "{}", NULL },
    { "1", "{}", "{\"name\":\"A\"}", "author.title" },
    { "-1", "{}", "{}", "version" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json =
        g_strdup_printf ("{\"unit_id\":\"k\",\"unit_kind\":\"social_services\","
                         "\"version\":%s,\"answers\":%s,\"author\":%s,"
                         "\"answered_at\":\"2026-03-02T09:00:00Z\"}",
                         cases[i].version, cases[i].answers, cases[i].author);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sp_json_parse (json, -1, &error);
      g_autoptr(SpPlanningAnswer) answer = NULL;

      g_test_message ("%s", json);
      answer = sp_planning_answer_new_from_json (node, &error);
      if (cases[i].field == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (answer);
        }
      else
        {
          g_assert_null (answer);
          assert_error_field (error, cases[i].field);
        }
    }
}

/* The rules CLI's input: {"<unit>": {"<key>": true|false}}. */
static void
test_simple_json (void)
{
  static const struct
  {
    const char *json;
    const char *field;
    int         code;
  } bad[] = {
    { "{\"kommun\":{\"no_such_question\":true}}", "kommun.no_such_question",
      SP_JSON_ERROR_INVALID },
    { "{\"kommun\":{\"hsl_new\":\"yes\"}}", "kommun.hsl_new", SP_JSON_ERROR_TYPE },
    { "{\"kommun\":{\"hsl_new\":1}}", "kommun.hsl_new", SP_JSON_ERROR_TYPE },
    { "{\"kommun\":[true]}", "kommun", SP_JSON_ERROR_TYPE },
    { "{\"kommun\":true}", "kommun", SP_JSON_ERROR_TYPE },
    { "[1, 2]", "$", SP_JSON_ERROR_TYPE },
    { "{\"\":{}}", "$", SP_JSON_ERROR_INVALID },
  };
  g_autoptr(GPtrArray) answers =
    simple_answers ("{\"kommun\":{\"sol_new\":true,\"hsl_new\":false,\"extensive\":null},"
                    "\"vc\":{}}");
  SpPlanningAnswer *kommun;

  g_assert_cmpuint (answers->len, ==, 2);
  kommun = g_ptr_array_index (answers, 0);
  g_assert_cmpstr (sp_planning_answer_get_unit_id (kommun), ==, "kommun");
  g_assert_cmpint (sp_planning_answer_get_unit_kind (kommun), ==, SP_UNIT_KIND_OTHER);
  g_assert_null (sp_planning_answer_get_episode_id (kommun));
  g_assert_cmpint (sp_planning_answer_get_value (kommun, "sol_new"), ==,
                   SP_PLANNING_VALUE_YES);
  g_assert_cmpint (sp_planning_answer_get_value (kommun, "hsl_new"), ==,
                   SP_PLANNING_VALUE_NO);
  /* null: unanswered, like absence. */
  g_assert_cmpint (sp_planning_answer_get_value (kommun, "extensive"), ==,
                   SP_PLANNING_VALUE_UNANSWERED);
  g_assert_cmpint (sp_planning_answer_get_value (kommun, "sol_before"), ==,
                   SP_PLANNING_VALUE_UNANSWERED);
  g_assert_cmpstr (sp_planning_answer_get_unit_id (g_ptr_array_index (answers, 1)), ==, "vc");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sp_json_parse (bad[i].json, -1, &error);
      g_autoptr(GPtrArray) none = NULL;

      g_test_message ("%s", bad[i].json);
      g_assert_no_error (error);
      none = sp_planning_answers_from_simple_json (node, &error);
      g_assert_null (none);
      g_assert_error (error, SP_JSON_ERROR, bad[i].code);
      assert_error_field (error, bad[i].field);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/planning/questions", test_questions);
  g_test_add_func ("/core/planning/answered-by", test_answered_by);
  g_test_add_func ("/core/planning/validate-signature", test_validate_signature);
  g_test_add_func ("/core/planning/track/rules", test_track_rules);
  g_test_add_func ("/core/planning/track/reasons", test_track_reasons);
  g_test_add_func ("/core/planning/track/implications", test_track_implications);
  g_test_add_func ("/core/planning/basis/append-only", test_basis_append_only);
  g_test_add_func ("/core/planning/basis/latest", test_basis_latest);
  g_test_add_func ("/core/planning/basis/refuses", test_basis_refuses);
  g_test_add_func ("/core/planning/basis/override", test_basis_override);
  g_test_add_func ("/core/planning/json/round-trip", test_json_round_trip);
  g_test_add_func ("/core/planning/json/shape", test_json_shape);
  g_test_add_func ("/core/planning/json/strict", test_json_strict);
  g_test_add_func ("/core/planning/json/answer-strict", test_json_answer_strict);
  g_test_add_func ("/core/planning/simple-json", test_simple_json);

  return g_test_run ();
}
