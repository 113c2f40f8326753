/* test-sip-plan.c — the SIP plan tree, versions, diffs and the plan's JSON
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-json.h"
#include "sp-sip.h"
#include "sp-sip-plan-op.h"

static GDateTime *
utc (int day,
     int hour)
{
  return g_date_time_new_utc (2026, 11, day, hour, 0, 0);
}

/* Adds a sub-goal and returns its id (owned by the plan). */
static const char *
add_goal (SpSipPlan  *plan,
          const char *text)
{
  g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new (text);
  g_autoptr(GError) error = NULL;
  const char *id;

  goal->responsible_unit_id = g_strdup ("unit-hemtjanst");
  goal->responsible_person = g_strdup ("Biståndshandläggare");
  g_date_set_dmy (&goal->target_date, 1, G_DATE_FEBRUARY, 2027);
  id = sp_sip_plan_add_sub_goal (plan, goal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static const char *
add_intervention (SpSipPlan  *plan,
                  const char *what,
                  const char *sub_goal_id)
{
  g_autoptr(SpSipIntervention) intervention = sp_sip_intervention_new (what, sub_goal_id);
  g_autoptr(GError) error = NULL;
  const char *id;

  intervention->unit_id = g_strdup ("unit-hemsjukvard");
  intervention->responsible_person = g_strdup ("Distriktssköterska");
  intervention->principal = SP_PRINCIPAL_MUNICIPALITY;
  g_date_set_dmy (&intervention->start_date, 30, G_DATE_NOVEMBER, 2026);
  intervention->frequency = g_strdup ("varje vardag");
  id = sp_sip_plan_add_intervention (plan, intervention, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static guint
position_of (GPtrArray  *nodes,
             const char *id)
{
  for (guint i = 0; i < nodes->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (nodes, i), id) == 0)
      return i;

  g_assert_not_reached ();
}

static void
test_ids (void)
{
  g_autoptr(SpSipPlan) plan = sp_sip_plan_new ();
  g_autoptr(SpSipSubGoal) fixed = sp_sip_sub_goal_new ("Fast id");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_strdup (add_goal (plan, "Bo kvar hemma"));
  const char *second = add_goal (plan, "Klara hygienen själv");

  /* Generated ids are UUIDs: offline clients create nodes concurrently. */
  g_assert_true (g_uuid_string_is_valid (first));
  g_assert_cmpstr (first, !=, second);

  /* A caller-given id is kept; giving it twice is refused. */
  fixed->id = g_strdup ("goal-x");
  g_assert_cmpstr (sp_sip_plan_add_sub_goal (plan, fixed, &error), ==, "goal-x");
  g_assert_no_error (error);
  g_assert_null (sp_sip_plan_add_sub_goal (plan, fixed, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID);
  g_assert_cmpuint (sp_sip_plan_get_sub_goals (plan)->len, ==, 3);
}

static void
test_node_checks (void)
{
  g_autoptr(SpSipPlan) plan = sp_sip_plan_new ();
  g_autoptr(SpSipSubGoal) empty = sp_sip_sub_goal_new ("   ");
  g_autoptr(SpSipSubGoal) huge = NULL;
  g_autoptr(SpSipParticipant) nameless = sp_sip_participant_new (NULL, NULL, NULL,
                                                                 SP_SIP_PRESENCE_VIDEO);
  g_autofree char *long_text = g_strnfill (SP_JSON_MAX_TEXT + 1, 'x');
  g_autofree char *max_text = g_strnfill (SP_JSON_MAX_TEXT, 'x');
  g_autoptr(GError) error = NULL;

  /* Blank text is no text. */
  g_assert_null (sp_sip_plan_add_sub_goal (plan, empty, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD);
  g_assert_cmpstr (error->message, ==, "text: required");
  g_clear_error (&error);

  /* The editor refuses what the strict reader would refuse: one over the limit. */
  huge = sp_sip_sub_goal_new (long_text);
  g_assert_null (sp_sip_plan_add_sub_goal (plan, huge, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID);
  g_clear_error (&error);
  g_free (huge->text);
  huge->text = g_strdup (max_text);
  g_assert_nonnull (sp_sip_plan_add_sub_goal (plan, huge, &error));
  g_assert_no_error (error);

  g_assert_null (sp_sip_plan_add_participant (plan, nameless, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD);
  g_assert_cmpstr (error->message, ==, "name: required");
}

static void
test_dangling (void)
{
  g_autoptr(SpSipPlan) plan = sp_sip_plan_new ();
  g_autoptr(SpSipIntervention) orphan = sp_sip_intervention_new ("Hemtjänst", "no-such-goal");
  g_autoptr(SpSipIntervention) unlinked = sp_sip_intervention_new ("Hemtjänst", NULL);
  g_autoptr(SpSipSubGoal) ghost = sp_sip_sub_goal_new ("Finns inte");
  g_autoptr(GDateTime) at = utc (23, 10);
  g_autoptr(GError) error = NULL;
  const char *goal = add_goal (plan, "Bo kvar hemma");
  const char *intervention = add_intervention (plan, "Trygghetslarm", goal);

  /* Every intervention serves an existing sub-goal. */
  g_assert_null (sp_sip_plan_add_intervention (plan, orphan, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
  g_assert_cmpstr (error->message, ==, "sub_goal: no such sub-goal");
  g_clear_error (&error);

  g_assert_null (sp_sip_plan_add_intervention (plan, unlinked, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD);
  g_clear_error (&error);

  g_assert_false (sp_sip_plan_move_intervention (plan, intervention, "no-such-goal", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
  g_clear_error (&error);
  g_assert_cmpstr (sp_sip_plan_get_intervention (plan, intervention)->sub_goal_id, ==, goal);

  /* Operations on nodes that are not there. */
  ghost->id = g_strdup ("ghost");
  g_assert_false (sp_sip_plan_update_sub_goal (plan, ghost, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
  g_clear_error (&error);
  g_assert_false (sp_sip_plan_remove_sub_goal (plan, "ghost", TRUE, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
  g_clear_error (&error);
  g_assert_false (sp_sip_plan_remove_intervention (plan, "ghost", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
  g_clear_error (&error);
  g_assert_false (sp_sip_plan_sign (plan, "ghost", at, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
}

static void
test_remove_sub_goal (void)
{
  g_autoptr(SpSipPlan) plan = sp_sip_plan_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_strdup (add_goal (plan, "Bo kvar hemma"));
  g_autofree char *walk = g_strdup (add_goal (plan, "Gå ut själv"));
  g_autofree char *alarm = g_strdup (add_intervention (plan, "Trygghetslarm", home));
  g_autofree char *care = g_strdup (add_intervention (plan, "Hemtjänst", home));
  g_autofree char *rehab = g_strdup (add_intervention (plan, "Rehab", walk));

  /* Not without cascade: the interventions would dangle. */
  g_assert_false (sp_sip_plan_remove_sub_goal (plan, home, FALSE, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_HAS_CHILDREN);
  g_clear_error (&error);
  g_assert_cmpuint (sp_sip_plan_get_sub_goals (plan)->len, ==, 2);
  g_assert_cmpuint (sp_sip_plan_get_interventions (plan)->len, ==, 3);

  /* Cascade takes exactly that sub-goal's interventions. */
  g_assert_true (sp_sip_plan_remove_sub_goal (plan, home, TRUE, &error));
  g_assert_no_error (error);
  g_assert_null (sp_sip_plan_get_sub_goal (plan, home));
  g_assert_null (sp_sip_plan_get_intervention (plan, alarm));
  g_assert_null (sp_sip_plan_get_intervention (plan, care));
  g_assert_nonnull (sp_sip_plan_get_intervention (plan, rehab));
  g_assert_cmpuint (sp_sip_plan_get_interventions (plan)->len, ==, 1);

  /* An empty sub-goal goes without cascade. */
  g_assert_true (sp_sip_plan_remove_intervention (plan, rehab, &error));
  g_assert_true (sp_sip_plan_remove_sub_goal (plan, walk, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sp_sip_plan_get_sub_goals (plan)->len, ==, 0);
}

static void
test_reorder (void)
{
  g_autoptr(SpSipPlan) plan = sp_sip_plan_new ();
  g_autoptr(GError) error = NULL;
  const char *a = add_goal (plan, "A");
  const char *b = add_goal (plan, "B");
  const char *c = add_goal (plan, "C");
  GPtrArray *goals = sp_sip_plan_get_sub_goals (plan);
  struct {
    const char *ids[5];
    gboolean    ok;
  } cases[] = {
    { { NULL, NULL, NULL, NULL }, FALSE },   /* too few ids */
    { { "c", "a", NULL }, FALSE },           /* one missing */
    { { "c", "c", "a", NULL }, FALSE },      /* repeated */
    { { "c", "x", "a", NULL }, FALSE },      /* unknown */
    { { "c", "b", "a", "b", NULL }, FALSE }, /* too many */
    { { "c", "a", "b", NULL }, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) ids = NULL;

      /* "a", "b", "c" stand for the generated ids. */
      for (guint j = 0; cases[i].ids[j] != NULL; j++)
        g_strv_builder_add (builder, g_str_equal (cases[i].ids[j], "a") ? a
                                     : g_str_equal (cases[i].ids[j], "b") ? b
                                     : g_str_equal (cases[i].ids[j], "c") ? c : "x");
      ids = g_strv_builder_end (builder);

      g_assert_cmpint (sp_sip_plan_reorder_sub_goals (plan, (const char * const *) ids, &error),
                       ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          goals = sp_sip_plan_get_sub_goals (plan);
          g_assert_cmpuint (position_of (goals, c), ==, 0);
          g_assert_cmpuint (position_of (goals, a), ==, 1);
          g_assert_cmpuint (position_of (goals, b), ==, 2);
        }
      else
        {
          /* Refused: the order is untouched. */
          g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID);
          g_clear_error (&error);
          goals = sp_sip_plan_get_sub_goals (plan);
          g_assert_cmpuint (goals->len, ==, 3);
          g_assert_cmpuint (position_of (goals, a), ==, 0);
          g_assert_cmpuint (position_of (goals, b), ==, 1);
          g_assert_cmpuint (position_of (goals, c), ==, 2);
        }
    }
}

static void
test_move_intervention (void)
{
  g_autoptr(SpSipPlan) plan = sp_sip_plan_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) under_home = NULL;
  g_autoptr(GPtrArray) under_walk = NULL;
  const char *home = add_goal (plan, "Bo kvar hemma");
  const char *walk = add_goal (plan, "Gå ut själv");
  const char *alarm = add_intervention (plan, "Trygghetslarm", home);
  const char *rehab = add_intervention (plan, "Rehab", walk);
  const char *care = add_intervention (plan, "Hemtjänst", home);

  g_assert_true (sp_sip_plan_move_intervention (plan, alarm, walk, &error));
  g_assert_no_error (error);

  /* It now serves "walk" and comes last there; the id is unchanged. */
  under_home = sp_sip_plan_list_interventions_for (plan, home);
  under_walk = sp_sip_plan_list_interventions_for (plan, walk);
  g_assert_cmpuint (under_home->len, ==, 1);
  g_assert_cmpstr (((SpSipIntervention *) g_ptr_array_index (under_home, 0))->id, ==, care);
  g_assert_cmpuint (under_walk->len, ==, 2);
  g_assert_cmpstr (((SpSipIntervention *) g_ptr_array_index (under_walk, 0))->id, ==, rehab);
  g_assert_cmpstr (((SpSipIntervention *) g_ptr_array_index (under_walk, 1))->id, ==, alarm);
  g_assert_cmpstr (sp_sip_plan_get_intervention (plan, alarm)->what, ==, "Trygghetslarm");
}

static void
test_update (void)
{
  g_autoptr(SpSipPlan) plan = sp_sip_plan_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSipSubGoal) goal = NULL;
  g_autoptr(SpSipIntervention) intervention = NULL;
  /* Copies: an update replaces the node, and the returned ids belong to the node. */
  g_autofree char *home = g_strdup (add_goal (plan, "Bo kvar hemma"));
  g_autofree char *walk = g_strdup (add_goal (plan, "Gå ut själv"));
  g_autofree char *alarm = g_strdup (add_intervention (plan, "Trygghetslarm", home));

  goal = sp_sip_sub_goal_copy (sp_sip_plan_get_sub_goal (plan, home));
  g_free (goal->text);
  goal->text = g_strdup ("Bo kvar hemma med stöd");
  g_assert_true (sp_sip_plan_update_sub_goal (plan, goal, &error));
  g_assert_no_error (error);
  g_assert_true (sp_sip_sub_goal_equal (sp_sip_plan_get_sub_goal (plan, home), goal));
  g_assert_cmpuint (position_of (sp_sip_plan_get_sub_goals (plan), home), ==, 0);

  /* An update may relink, but only to a sub-goal that exists. */
  intervention = sp_sip_intervention_copy (sp_sip_plan_get_intervention (plan, alarm));
  g_free (intervention->sub_goal_id);
  intervention->sub_goal_id = g_strdup ("nowhere");
  g_assert_false (sp_sip_plan_update_intervention (plan, intervention, &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
  g_clear_error (&error);
  g_free (intervention->sub_goal_id);
  intervention->sub_goal_id = g_strdup (walk);
  g_assert_true (sp_sip_plan_update_intervention (plan, intervention, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sp_sip_plan_get_intervention (plan, alarm)->sub_goal_id, ==, walk);
}

/* A plan with many nodes of every kind and every optional field both set and unset. */
static SpSipPlan *
build_big_plan (void)
{
  SpSipPlan *plan = sp_sip_plan_new ();
  g_autoptr(GDateTime) follow_up = utc (30, 13);
  g_autoptr(GError) error = NULL;
  GDate evaluation;

  g_date_clear (&evaluation, 1);
  g_date_set_dmy (&evaluation, 1, G_DATE_JUNE, 2027);
  /* Quotes and non-ASCII survive the trip. */
  sp_sip_plan_set_main_goal (plan, "Jag vill klara mig själv — \"på riktigt\"", &error);
  sp_sip_plan_set_chair (plan, "Anna Ordförande", "Bo Dokumentär", &error);
  sp_sip_plan_set_lead (plan, "Cecilia Samordnare", "unit-vc", &error);
  sp_sip_plan_set_follow_up (plan, follow_up, "Vårdcentralen", &evaluation, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *text = g_strdup_printf ("Delmål %u: åäö", i);
      g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new (text);
      const char *goal_id;

      if (i % 2 == 0)
        {
          goal->responsible_person = g_strdup ("Ansvarig");
          g_date_set_dmy (&goal->target_date, 1 + i, G_DATE_MARCH, 2027);
        }
      goal_id = sp_sip_plan_add_sub_goal (plan, goal, &error);
      g_assert_no_error (error);

      for (guint j = 0; j < i % 4; j++)
        {
          g_autofree char *what = g_strdup_printf ("Insats %u.%u", i, j);
          g_autoptr(SpSipIntervention) intervention = sp_sip_intervention_new (what, goal_id);

          intervention->principal = j % 3;
          if (j == 1)
            {
              intervention->unit_id = g_strdup ("unit-x");
              intervention->frequency = g_strdup ("2 ggr/vecka");
              g_date_set_dmy (&intervention->start_date, 2, G_DATE_DECEMBER, 2026);
            }
          sp_sip_plan_add_intervention (plan, intervention, &error);
          g_assert_no_error (error);
        }
    }

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Deltagare %u", i);
      g_autoptr(SpSipParticipant) participant =
        sp_sip_participant_new (name, i == 0 ? NULL : "unit-y", i == 0 ? NULL : "Arbetsterapeut",
                                (SpSipPresence) i);
      const char *id = sp_sip_plan_add_participant (plan, participant, &error);

      g_assert_no_error (error);
      if (i % 2 == 1)
        {
          g_autoptr(GDateTime) signed_at = utc (24, 9 + i);

          sp_sip_plan_sign (plan, id, signed_at, &error);
          g_assert_no_error (error);
        }
    }

  return plan;
}

static void
test_json_roundtrip (void)
{
  g_autoptr(SpSipPlan) empty = sp_sip_plan_new ();
  g_autoptr(SpSipPlan) big = build_big_plan ();
  SpSipPlan *plans[] = { empty, big };

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      g_autoptr(JsonNode) node = sp_sip_plan_to_json (plans[i]);
      g_autofree char *text = sp_json_to_string (node, FALSE);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) parsed = sp_json_parse (text, -1, &error);
      g_autoptr(SpSipPlan) back = sp_sip_plan_new_from_json (parsed, &error);
      g_autoptr(JsonNode) node2 = NULL;
      g_autofree char *text2 = NULL;

      g_assert_no_error (error);
      g_assert_true (sp_sip_plan_equal (plans[i], back));
      node2 = sp_sip_plan_to_json (back);
      text2 = sp_json_to_string (node2, FALSE);
      g_assert_cmpstr (text, ==, text2);
    }

  /* 12 sub-goals with 0, 1, 2, 3, 0, 1 … interventions: 3 × (0 + 1 + 2 + 3) = 18. */
  g_assert_cmpuint (sp_sip_plan_get_interventions (big)->len, ==, 18);
  g_assert_false (sp_sip_plan_equal (empty, big));
}

typedef struct
{
  const char *path;     /* JSON pointer-ish: member to replace in the big plan's JSON */
  const char *value;    /* JSON text to put there */
  GQuark      domain;
  int         code;
  const char *field;    /* expected path in the error */
} StrictCase;

/* Puts @value at @path ("interventions[3].sub_goal") in @root; the last part names a
 * member. */
static void
put (JsonNode   *root,
     const char *path,
     const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  g_autoptr(JsonNode) replacement = json_from_string (value, NULL);
  JsonObject *object = json_node_get_object (root);
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    {
      char *bracket = strchr (parts[i], '[');
      guint index = 0;

      if (bracket != NULL)
        {
          index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
          *bracket = '\0';
        }

      if (i == n - 1)
        {
          g_assert_null (bracket); /* only members are replaced */
          json_object_set_member (object, parts[i], json_node_copy (replacement));
        }
      else if (bracket != NULL)
        object = json_array_get_object_element (json_object_get_array_member (object, parts[i]),
                                                index);
      else
        object = json_object_get_object_member (object, parts[i]);
    }
}

static void
test_json_strict (void)
{
  g_autofree char *too_long = g_strnfill (SP_JSON_MAX_TEXT + 1, 'x');
  g_autofree char *long_text = g_strdup_printf ("\"%s\"", too_long);
  const StrictCase cases[] = {
    /* A link to a sub-goal that is not in the plan. */
    { "interventions[3].sub_goal", "\"nowhere\"",
      SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE, "interventions[3].sub_goal" },
    /* Enum nicks are the wire names: anything else is refused, no case folding. */
    { "interventions[0].principal", "\"Region\"",
      SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "interventions[0].principal" },
    { "participants[2].presence", "\"skype\"",
      SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "participants[2].presence" },
    /* Types are never coerced. */
    { "participants[1].signed", "\"true\"",
      SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "participants[1].signed" },
    { "sub_goals", "{}", SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "sub_goals" },
    { "sub_goals[1].text", "7", SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "sub_goals[1].text" },
    { "lead", "[]", SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "lead" },
    { "lead.name", "true", SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "lead.name" },
    { "follow_up_at", "\"2026-11-30 13:00\"",
      SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "follow_up_at" },
    /* Over-long free text. */
    { "main_goal", long_text, SP_JSON_ERROR, SP_JSON_ERROR_TOO_LONG, "main_goal" },
    /* Required members. */
    { "sub_goals[0].id", "null", SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "sub_goals[0].id" },
    { "sub_goals[0].text", "\"  \"", SP_SIP_ERROR, SP_SIP_ERROR_MISSING_FIELD,
      "sub_goals[0].text" },
    /* A signature needs its time. */
    { "participants[1].signed_at", "null", SP_SIP_ERROR, SP_SIP_ERROR_INVALID,
      "participants[1].signed_at" },
    { "participants[0].signed_at", "\"2026-11-24T10:00:00Z\"", SP_SIP_ERROR,
      SP_SIP_ERROR_INVALID, "participants[0].signed_at" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpSipPlan) plan = build_big_plan ();
      g_autoptr(JsonNode) node = sp_sip_plan_to_json (plan);
      g_autoptr(GError) error = NULL;
      g_autoptr(SpSipPlan) back = NULL;
      g_autofree char *field = NULL;

      put (node, cases[i].path, cases[i].value);
      back = sp_sip_plan_new_from_json (node, &error);
      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(accepted)");
      g_assert_null (back);
      g_assert_error (error, cases[i].domain, cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

static void
test_json_repeated_id (void)
{
  g_autoptr(SpSipPlan) plan = build_big_plan ();
  g_autoptr(JsonNode) node = sp_sip_plan_to_json (plan);
  JsonArray *goals = json_object_get_array_member (json_node_get_object (node), "sub_goals");
  const char *first = json_object_get_string_member (json_array_get_object_element (goals, 0),
                                                     "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSipPlan) back = NULL;

  json_object_set_string_member (json_array_get_object_element (goals, 4), "id", first);
  back = sp_sip_plan_new_from_json (node, &error);
  g_assert_null (back);
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "sub_goals[4].id: repeated");
}

static void
test_version_frozen (void)
{
  g_autoptr(SpSipPlan) plan = build_big_plan ();
  g_autoptr(GDateTime) at = utc (24, 15);
  g_autoptr(SpSipVersion) version = sp_sip_version_new (1, at, "Cecilia Samordnare", plan);
  g_autoptr(SpSipPlan) copy = NULL;
  g_autoptr(SpSipPlan) again = NULL;
  g_autoptr(GError) error = NULL;

  /* Editing the source plan does not reach the version … */
  sp_sip_plan_set_main_goal (plan, "Något annat", &error);
  g_assert_no_error (error);
  copy = sp_sip_version_dup_plan (version);
  g_assert_cmpstr (sp_sip_plan_get_main_goal (copy), !=, "Något annat");

  /* … and its plan comes out locked. */
  g_assert_false (sp_sip_plan_is_editable (copy));
  g_assert_false (sp_sip_plan_set_main_goal (copy, "Ändrat", &error));
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_LOCKED);
  g_clear_error (&error);

  /* A copy of a locked plan is a new working version: editable, same content. */
  again = sp_sip_plan_copy (copy);
  g_assert_true (sp_sip_plan_is_editable (again));
  g_assert_true (sp_sip_plan_equal (again, copy));
}

static void
test_version_json (void)
{
  g_autoptr(SpSipPlan) plan = build_big_plan ();
  g_autoptr(GDateTime) at = utc (24, 15);
  g_autoptr(SpSipVersion) version = sp_sip_version_new (3, at, "Cecilia Samordnare", plan);
  g_autoptr(JsonNode) node = sp_sip_version_to_json (version);
  g_autofree char *text = sp_json_to_string (node, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSipVersion) back = sp_sip_version_new_from_json (node, &error);
  g_autoptr(JsonNode) node2 = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *field = NULL;

  g_assert_no_error (error);
  g_assert_true (sp_sip_version_equal (version, back));
  node2 = sp_sip_version_to_json (back);
  text2 = sp_json_to_string (node2, FALSE);
  g_assert_cmpstr (text, ==, text2);

  /* The frozen plan is read as strictly as any plan. */
  put (node2, "plan.interventions[3].sub_goal", "\"nowhere\"");
  g_clear_pointer (&back, sp_sip_version_unref);
  back = sp_sip_version_new_from_json (node2, &error);
  g_assert_null (back);
  g_assert_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE);
  field = sp_json_error_get_field (error);
  g_assert_cmpstr (field, ==, "plan.interventions[3].sub_goal");
}

typedef struct
{
  SpSipDiffKind  kind;
  const char    *node_id;
  const char    *old_text;
  const char    *new_text;
} ExpectedEntry;

static void
test_diff (void)
{
  g_autoptr(SpSipPlan) before = sp_sip_plan_new ();
  g_autoptr(SpSipPlan) after = NULL;
  g_autoptr(GDateTime) at = utc (24, 15);
  g_autoptr(SpSipVersion) v1 = NULL;
  g_autoptr(SpSipVersion) v2 = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new ("Gå ut själv");
  g_autoptr(SpSipSubGoal) renamed = NULL;
  g_autoptr(SpSipIntervention) relinked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL, *walk = NULL, *cook = NULL, *alarm = NULL, *care = NULL,
                  *rehab = NULL, *meals = NULL;
  const char *order[4];

  sp_sip_plan_set_main_goal (before, "Bo kvar hemma", &error);
  home = g_strdup (add_goal (before, "Klara hygienen"));
  walk = g_strdup (add_goal (before, "Gå ut"));
  cook = g_strdup (add_goal (before, "Laga mat"));
  alarm = g_strdup (add_intervention (before, "Trygghetslarm", home));
  care = g_strdup (add_intervention (before, "Hemtjänst", home));
  rehab = g_strdup (add_intervention (before, "Rehab", walk));
  v1 = sp_sip_version_new (1, at, "Lead", before);

  /* Version 2: new main goal; "walk" reworded; "cook" (no interventions) removed; a new
   * sub-goal; "care" moved to "walk" (changed, same text); "rehab" gone; "meals" new;
   * sub-goals reordered (not a change). */
  after = sp_sip_plan_copy (before);
  sp_sip_plan_set_main_goal (after, "Bo kvar hemma tryggt", &error);
  renamed = sp_sip_sub_goal_copy (sp_sip_plan_get_sub_goal (after, walk));
  g_free (renamed->text);
  renamed->text = g_strdup ("Gå ut själv varje dag");
  sp_sip_plan_update_sub_goal (after, renamed, &error);
  sp_sip_plan_remove_intervention (after, rehab, &error);
  sp_sip_plan_remove_sub_goal (after, cook, FALSE, &error);
  goal->id = g_strdup ("goal-new");
  sp_sip_plan_add_sub_goal (after, goal, &error);
  sp_sip_plan_move_intervention (after, care, walk, &error);
  meals = g_strdup (add_intervention (after, "Matdistribution", "goal-new"));
  order[0] = "goal-new", order[1] = walk, order[2] = home, order[3] = NULL;
  sp_sip_plan_reorder_sub_goals (after, order, &error);
  g_assert_no_error (error);
  v2 = sp_sip_version_new (2, at, "Lead", after);

  {
    const ExpectedEntry expected[] = {
      { SP_SIP_DIFF_MAIN_GOAL_CHANGED, NULL, "Bo kvar hemma", "Bo kvar hemma tryggt" },
      { SP_SIP_DIFF_SUB_GOAL_REMOVED, cook, "Laga mat", NULL },
      { SP_SIP_DIFF_SUB_GOAL_ADDED, "goal-new", NULL, "Gå ut själv" },
      { SP_SIP_DIFF_SUB_GOAL_CHANGED, walk, "Gå ut", "Gå ut själv varje dag" },
      { SP_SIP_DIFF_INTERVENTION_REMOVED, rehab, "Rehab", NULL },
      { SP_SIP_DIFF_INTERVENTION_CHANGED, care, "Hemtjänst", "Hemtjänst" },
      { SP_SIP_DIFF_INTERVENTION_ADDED, meals, NULL, "Matdistribution" },
    };

    entries = sp_sip_diff_versions (v1, v2);
    g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < entries->len; i++)
      {
        SpSipDiffEntry *entry = g_ptr_array_index (entries, i);

        g_assert_cmpint (entry->kind, ==, expected[i].kind);
        g_assert_cmpstr (entry->node_id, ==, expected[i].node_id);
        g_assert_cmpstr (entry->old_text, ==, expected[i].old_text);
        g_assert_cmpstr (entry->new_text, ==, expected[i].new_text);
      }
  }

  /* The same version against itself: nothing. */
  none = sp_sip_diff_versions (v2, v2);
  g_assert_cmpuint (none->len, ==, 0);

  /* A changed field other than the text is still a change. */
  relinked = sp_sip_intervention_copy (sp_sip_plan_get_intervention (after, alarm));
  relinked->principal = SP_PRINCIPAL_REGION;
  sp_sip_plan_update_intervention (after, relinked, &error);
  g_assert_no_error (error);
  g_clear_pointer (&none, g_ptr_array_unref);
  {
    g_autoptr(SpSipVersion) v3 = sp_sip_version_new (3, at, "Lead", after);

    none = sp_sip_diff_versions (v2, v3);
  }
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_cmpint (((SpSipDiffEntry *) g_ptr_array_index (none, 0))->kind, ==,
                   SP_SIP_DIFF_INTERVENTION_CHANGED);
}

static gboolean
apply_text (SpSipPlan   *plan,
            const char  *text,
            GError     **error)
{
  g_autoptr(JsonNode) node = sp_json_parse (text, -1, NULL);

  g_assert_nonnull (node);
  return sp_sip_plan_apply_body (plan, json_node_get_object (node), NULL, error);
}

/* PATCH /sips/:id/plan's body, read and applied as both the server and the app's kept edits
 * do: in order, each with the plan's rules; a bad operation named by its place. */
static void
test_apply_body (void)
{
  g_autoptr(SpSipPlan) plan = sp_sip_plan_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *goals;

  g_assert_true (apply_text (plan,
                             "{\"operations\":[{\"op\":\"set_main_goal\",\"main_goal\":\"Hemma\"},"
                             "{\"op\":\"add_sub_goal\",\"id\":\"g1\",\"text\":\"Morgon\"},"
                             "{\"op\":\"add_sub_goal\",\"id\":\"g2\",\"text\":\"Mat\"},"
                             "{\"op\":\"reorder_sub_goals\",\"ids\":[\"g2\",\"g1\"]}]}",
                             &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sp_sip_plan_get_main_goal (plan), ==, "Hemma");
  goals = sp_sip_plan_get_sub_goals (plan);
  g_assert_cmpuint (goals->len, ==, 2);
  g_assert_cmpstr (((SpSipSubGoal *) g_ptr_array_index (goals, 0))->id, ==, "g2");

  /* The same sub-goal again: refused, at its place. */
  g_assert_false (apply_text (plan,
                              "{\"operations\":[{\"op\":\"set_main_goal\",\"main_goal\":\"B\"},"
                              "{\"op\":\"add_sub_goal\",\"id\":\"g1\",\"text\":\"Igen\"}]}",
                              &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "operations[1]."));
  g_clear_error (&error);

  g_assert_false (apply_text (plan, "{\"operations\":[{\"op\":\"fly\"}]}", &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "operations[0].op: unknown operation");
  g_clear_error (&error);

  g_assert_false (apply_text (plan, "{\"operations\":[]}", &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING);
  g_clear_error (&error);

  g_assert_false (apply_text (plan, "{\"operations\":[{\"op\":\"remove_sub_goal\"}]}", &error));
  g_assert_true (g_str_has_prefix (error->message, "operations[0]."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sip-plan/ids", test_ids);
  g_test_add_func ("/core/sip-plan/node-checks", test_node_checks);
  g_test_add_func ("/core/sip-plan/dangling", test_dangling);
  g_test_add_func ("/core/sip-plan/remove-sub-goal", test_remove_sub_goal);
  g_test_add_func ("/core/sip-plan/reorder", test_reorder);
  g_test_add_func ("/core/sip-plan/move-intervention", test_move_intervention);
  g_test_add_func ("/core/sip-plan/update", test_update);
  g_test_add_func ("/core/sip-plan/apply-body", test_apply_body);
  g_test_add_func ("/core/sip-plan/json-roundtrip", test_json_roundtrip);
  g_test_add_func ("/core/sip-plan/json-strict", test_json_strict);
  g_test_add_func ("/core/sip-plan/json-repeated-id", test_json_repeated_id);
  g_test_add_func ("/core/sip-plan/version-frozen", test_version_frozen);
  g_test_add_func ("/core/sip-plan/version-json", test_version_json);
  g_test_add_func ("/core/sip-plan/diff", test_diff);

  return g_test_run ();
}
