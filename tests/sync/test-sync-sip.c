/* test-sync-sip.c — one SIP, two engines: A edits it offline (20 changes), B online; when A
 * comes back nothing is lost, nothing overwritten, and every overlap is a recorded conflict
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A is the vårdkontakt's laptop at the patient's home (user vc), B the municipal nurse at the
 * office (user hsl), both in a stand-alone SIP that hsl-test convenes and vc-norr is invited
 * to. Each change is one PATCH …/plan command of one operation, as the SIP page sends them.
 * The result is compared, as a whole plan, with a second SIP that received exactly the
 * changes expected to survive, online, in the order the server got them.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-json.h"
#include "sp-test-server.h"
#include "sync-engine.h"

static SpTestServer *server;

/* The plan both SIPs start from: three sub-goals with an intervention each, chair, lead. */
static const char *initial_operations =
  "[{\"op\":\"set_main_goal\",\"main_goal\":\"Bo kvar hemma\"},"
  "{\"op\":\"add_sub_goal\",\"id\":\"g1\",\"text\":\"Klara morgonen själv\"},"
  "{\"op\":\"add_sub_goal\",\"id\":\"g2\",\"text\":\"Gå ut varje dag\"},"
  "{\"op\":\"add_sub_goal\",\"id\":\"g3\",\"text\":\"Äta regelbundet\"},"
  "{\"op\":\"add_intervention\",\"id\":\"i1\",\"what\":\"Hemsjukvård morgon\","
  "\"principal\":\"municipality\",\"sub_goal\":\"g1\"},"
  "{\"op\":\"add_intervention\",\"id\":\"i2\",\"what\":\"Promenadstöd\","
  "\"principal\":\"municipality\",\"sub_goal\":\"g2\"},"
  "{\"op\":\"add_intervention\",\"id\":\"i3\",\"what\":\"Matdistribution\","
  "\"principal\":\"municipality\",\"sub_goal\":\"g3\"},"
  "{\"op\":\"set_chair\",\"chair\":\"Cecilia Exempelsson\"},"
  "{\"op\":\"set_lead\",\"name\":\"Cecilia Exempelsson\",\"unit_id\":\"hsl-test\"}]";

typedef struct
{
  const char *op;        /* one operation */
  gboolean    overlaps;  /* B changed what it targets: a conflict */
} Change;

/* A's 20 changes, made offline one after another on the plan as A last saw it. Several
 * build on A's own earlier ones (the same node twice, a node A added). */
static const Change changes_a[] = {
  { "{\"op\":\"update_sub_goal\",\"id\":\"g1\",\"text\":\"A: duscha själv\"}", FALSE },
  { "{\"op\":\"update_intervention\",\"id\":\"i1\",\"what\":\"A: hemsjukvård 8–9\","
    "\"principal\":\"municipality\",\"sub_goal\":\"g1\"}", FALSE },
  { "{\"op\":\"update_intervention\",\"id\":\"i1\",\"what\":\"A: hemsjukvård 8–10\","
    "\"principal\":\"municipality\",\"sub_goal\":\"g1\"}", FALSE },
  { "{\"op\":\"add_sub_goal\",\"id\":\"a1\",\"text\":\"A: sova bättre\"}", FALSE },
  { "{\"op\":\"add_intervention\",\"id\":\"ai1\",\"what\":\"A: kvällsbesök\","
    "\"principal\":\"municipality\",\"sub_goal\":\"a1\"}", FALSE },
  { "{\"op\":\"update_intervention\",\"id\":\"ai1\",\"what\":\"A: kvällsbesök 21\","
    "\"principal\":\"municipality\",\"sub_goal\":\"a1\",\"frequency\":\"varje dag\"}", FALSE },
  { "{\"op\":\"add_intervention\",\"id\":\"ai2\",\"what\":\"A: trygghetslarm\","
    "\"principal\":\"municipality\",\"sub_goal\":\"g1\"}", FALSE },
  { "{\"op\":\"set_follow_up\",\"follow_up_place\":\"Hemmet\"}", FALSE },
  { "{\"op\":\"set_follow_up\",\"follow_up_place\":\"Hemmet, köket\","
    "\"evaluation_date\":\"2031-06-01\"}", FALSE },
  { "{\"op\":\"add_participant\",\"id\":\"pa1\",\"name\":\"Dottern\","
    "\"presence\":\"with_patient\"}", FALSE },
  { "{\"op\":\"update_sub_goal\",\"id\":\"g2\",\"text\":\"A: promenad\"}", TRUE },
  { "{\"op\":\"update_intervention\",\"id\":\"i2\",\"what\":\"A: promenad med stöd\","
    "\"principal\":\"municipality\",\"sub_goal\":\"g2\"}", TRUE },
  { "{\"op\":\"set_lead\",\"name\":\"Bertil Provsson\",\"unit_id\":\"vc-norr\"}", TRUE },
  { "{\"op\":\"set_main_goal\",\"main_goal\":\"A: bo kvar hemma tryggt\"}", FALSE },
  { "{\"op\":\"set_main_goal\",\"main_goal\":\"A: bo kvar hemma tryggt och säkert\"}", FALSE },
  { "{\"op\":\"add_sub_goal\",\"id\":\"a2\",\"text\":\"A: laga mat\"}", FALSE },
  { "{\"op\":\"update_sub_goal\",\"id\":\"a2\",\"text\":\"A: laga enkel mat\"}", FALSE },
  { "{\"op\":\"add_intervention\",\"id\":\"ai3\",\"what\":\"A: matlagning med stöd\","
    "\"principal\":\"municipality\",\"sub_goal\":\"a2\"}", FALSE },
  { "{\"op\":\"update_intervention\",\"id\":\"ai2\",\"what\":\"A: trygghetslarm, armband\","
    "\"principal\":\"municipality\",\"sub_goal\":\"g1\"}", FALSE },
  { "{\"op\":\"update_sub_goal\",\"id\":\"g2\",\"text\":\"A: promenad varje dag\"}", TRUE },
};

/* B's changes, online meanwhile: three overlap A's, the rest do not. */
static const char * const changes_b[] = {
  "{\"op\":\"update_sub_goal\",\"id\":\"g2\",\"text\":\"B: gå till affären\"}",
  "{\"op\":\"update_intervention\",\"id\":\"i2\",\"what\":\"B: följeslagare\","
  "\"principal\":\"municipality\",\"sub_goal\":\"g2\"}",
  "{\"op\":\"set_lead\",\"name\":\"Anna Testsson\",\"unit_id\":\"hsl-test\"}",
  "{\"op\":\"update_sub_goal\",\"id\":\"g3\",\"text\":\"B: tre mål mat om dagen\"}",
  "{\"op\":\"add_sub_goal\",\"id\":\"b1\",\"text\":\"B: ta medicinen\"}",
  "{\"op\":\"set_chair\",\"chair\":\"Cecilia Exempelsson\",\"documenter\":\"Anna Testsson\"}",
  "{\"op\":\"add_intervention\",\"id\":\"bi1\",\"what\":\"B: dosett\","
  "\"principal\":\"region\",\"sub_goal\":\"b1\"}",
};

static char *
write_as (const char *user,
          const char *method,
          const char *path,
          const char *body,
          guint       status,
          gint64     *out_revision)
{
  g_autofree char *token = sp_test_server_sign_in (server, user);
  g_autofree char *key = g_uuid_string_random ();
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *object;

  sp_test_server_request (server, method, path, token, key, body, &response);
  if (response.status != status)
    g_error ("%s %s: %u %s", method, path, response.status, response.body);
  object = sp_test_response_object (&response);
  if (out_revision != NULL)
    *out_revision = json_object_get_int_member (object, "revision");
  return g_strdup (json_object_get_string_member_with_default (object, "id", NULL));
}

/* An engine signed in as @user, online or (DEAD_URL) not. */
static Engine *
engine_as (const char *url,
           const char *cache_name,
           const char *user)
{
  g_autofree char *token = sp_test_server_sign_in (server, user);

  return engine_open (url, cache_name, user, token);
}

static JsonNode *
get_plan (const char *sip_id)
{
  g_autofree char *token = sp_test_server_sign_in (server, "hsl");
  g_autofree char *path = g_strdup_printf ("/api/v1/sips/%s", sip_id);
  g_auto(SpTestResponse) response = { 0 };

  sp_test_server_request (server, "GET", path, token, NULL, NULL, &response);
  g_assert_cmpuint (response.status, ==, 200);
  return json_node_copy (json_object_get_member (sp_test_response_object (&response), "plan"));
}

static char *
plan_body (gint64      base_revision,
           const char *op)
{
  return g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"operations\":[%s]}",
                          base_revision, op);
}

/* A stand-alone SIP convened by hsl-test, vc-norr invited (with the patient's consent), its
 * plan at initial_operations. */
static char *
create_sip (gint64 *out_revision)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *patient = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"Tolvan\","
                                              "\"family_name\":\"Planesson\"}", identity);
  g_autofree char *patient_id = write_as ("ward", "POST", "/api/v1/patients", patient, 201,
                                          NULL);
  g_autofree char *sip = g_strdup_printf ("{\"patient_id\":\"%s\"}", patient_id);
  gint64 revision = 0;
  g_autofree char *sip_id = write_as ("hsl", "POST", "/api/v1/sips", sip, 201, &revision);
  g_autofree char *path = g_strdup_printf ("/api/v1/sips/%s", sip_id);
  g_autofree char *invitation_path = g_strconcat (path, "/invitation", NULL);
  g_autofree char *send_path = g_strconcat (path, "/invitation/send", NULL);
  g_autofree char *plan_path = g_strconcat (path, "/plan", NULL);
  g_autofree char *invitation = NULL;
  g_autofree char *send = NULL;
  g_autofree char *plan = NULL;

  invitation = g_strdup_printf (
    "{\"base_revision\":%" G_GINT64_FORMAT ",\"invitation\":{"
    "\"purpose\":\"Samordna insatser i hemmet\",\"agenda\":[\"Hemsjukvård\"],"
    "\"convener\":{\"name\":\"Cecilia Exempelsson\"},"
    "\"units\":[{\"unit_id\":\"vc-norr\",\"kind\":\"other\",\"pre_selected\":true}],"
    "\"invitees\":[],\"meeting_at\":\"2030-12-01T10:00:00+01:00\",\"form\":\"home\"}}",
    revision);
  g_free (write_as ("hsl", "PUT", invitation_path, invitation, 200, &revision));
  send = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"consent\":{"
                          "\"form\":\"oral\",\"given_by\":\"patient\","
                          "\"recorded_by_name\":\"Cecilia Exempelsson\","
                          "\"recorded_by_title\":\"Sjuksköterska\"}}", revision);
  g_free (write_as ("hsl", "POST", send_path, send, 200, &revision));
  plan = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"operations\":%s}",
                          revision, initial_operations);
  g_free (write_as ("hsl", "PATCH", plan_path, plan, 200, &revision));

  *out_revision = revision;
  return g_steal_pointer (&sip_id);
}

/* Every non-overlapping change of both is in the result, every overlapping one of A's is a
 * conflict held with the SIP as it is now, and nothing else differs. */
static void
test_sip_offline_and_online (void)
{
  gint64 base = 0, revision = 0, reference_revision = 0;
  g_autofree char *sip_id = create_sip (&base);
  g_autofree char *reference_id = create_sip (&reference_revision);
  g_autofree char *plan_path = g_strdup_printf ("/api/v1/sips/%s/plan", sip_id);
  g_autofree char *reference_path = g_strdup_printf ("/api/v1/sips/%s/plan", reference_id);
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(GError) error = NULL;
  SpOutboxOutcome outcome;
  guint n_overlapping = 0;
  Engine *a, *b;

  /* A, offline: each change is kept, against the revision A saw. */
  a = engine_as (DEAD_URL, "sip-a.db", "vc");
  wait_loaded (a);
  for (guint i = 0; i < G_N_ELEMENTS (changes_a); i++)
    {
      g_autofree char *body = plan_body (base, changes_a[i].op);

      g_assert_null (submit (a, "PATCH", plan_path, body, sip_id, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, SP_OUTBOX_OUTCOME_QUEUED);
      n_overlapping += changes_a[i].overlaps;
    }
  g_assert_cmpuint (G_N_ELEMENTS (changes_a), ==, 20);
  g_assert_cmpuint (sp_outbox_get_n_pending (a->outbox), ==, 20);
  engine_free (a);

  /* B, online meanwhile: each change applied at once, on the revision B has. */
  b = engine_as (sp_test_server_get_uri (server), "sip-b.db", "hsl");
  wait_loaded (b);
  revision = base;
  for (guint i = 0; i < G_N_ELEMENTS (changes_b); i++)
    {
      g_autofree char *body = plan_body (revision, changes_b[i]);
      g_autoptr(JsonNode) answer = submit (b, "PATCH", plan_path, body, sip_id, &outcome,
                                           &error);

      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, SP_OUTBOX_OUTCOME_APPLIED);
      revision = json_object_get_int_member (json_node_get_object (answer), "revision");
    }
  engine_free (b);

  /* A back online: its outbox goes first, then the pull. */
  a = engine_as (sp_test_server_get_uri (server), "sip-a.db", "vc");
  engine_round (a);
  g_assert_no_error (a->error);
  g_assert_cmpuint (sp_outbox_get_n_pending (a->outbox), ==, 0);

  /* Every overlapping change is held as a conflict, with the SIP as B left it. */
  held = sp_outbox_dup_held (a->outbox);
  g_assert_cmpuint (held->len, ==, n_overlapping);
  for (guint i = 0, h = 0; i < G_N_ELEMENTS (changes_a); i++)
    {
      JsonObject *command;
      JsonObject *current;
      JsonArray *operations;
      g_autoptr(JsonNode) op = NULL;

      if (!changes_a[i].overlaps)
        continue;
      command = json_node_get_object (g_ptr_array_index (held, h++));
      g_assert_cmpstr (json_object_get_string_member (command, "state"), ==, "conflict");
      operations = json_object_get_array_member (json_object_get_object_member (command, "body"),
                                                 "operations");
      op = sp_json_parse (changes_a[i].op, -1, NULL);
      g_assert_true (json_node_equal (json_array_get_element (operations, 0), op));
      current = json_object_get_object_member (command, "current");
      g_assert_nonnull (current);
      g_assert_cmpint (json_object_get_int_member (current, "revision"), >=, revision);
    }

  /* The same changes, online, on an identical SIP: B's, then A's that do not overlap. */
  revision = reference_revision;
  for (guint i = 0; i < G_N_ELEMENTS (changes_b); i++)
    {
      g_autofree char *body = plan_body (revision, changes_b[i]);

      g_free (write_as ("hsl", "PATCH", reference_path, body, 200, &revision));
    }
  for (guint i = 0; i < G_N_ELEMENTS (changes_a); i++)
    {
      g_autofree char *body = plan_body (revision, changes_a[i].op);

      if (!changes_a[i].overlaps)
        g_free (write_as ("vc", "PATCH", reference_path, body, 200, &revision));
    }

  result = get_plan (sip_id);
  expected = get_plan (reference_id);
  if (!json_node_equal (result, expected))
    {
      g_autofree char *result_text = sp_json_to_string (result, TRUE);
      g_autofree char *expected_text = sp_json_to_string (expected, TRUE);

      g_error ("The plans differ.\nResult: %s\nExpected: %s", result_text, expected_text);
    }

  /* Still held after a restart: the user decides. */
  engine_free (a);
  a = engine_as (sp_test_server_get_uri (server), "sip-a.db", "vc");
  wait_loaded (a);
  g_assert_cmpuint (sp_outbox_get_n_held (a->outbox), ==, n_overlapping);
  engine_free (a);
}

/* ---- The invitation and the mapping: whole parts, merged member by member ---- */

static JsonObject *
get_sip (const char     *sip_id,
         SpTestResponse *response)
{
  g_autofree char *token = sp_test_server_sign_in (server, "hsl");
  g_autofree char *path = g_strdup_printf ("/api/v1/sips/%s", sip_id);

  sp_test_server_request (server, "GET", path, token, NULL, NULL, response);
  g_assert_cmpuint (response->status, ==, 200);
  return sp_test_response_object (response);
}

/* A PUT of @part: the whole part as @user last saw it (@seen) with @changes's members set,
 * as the SIP editor sends it. */
static char *
part_body (gint64      base_revision,
           const char *part,
           JsonObject *seen,
           const char *changes)
{
  g_autoptr(JsonNode) node = json_node_copy (json_object_get_member (seen, part));
  g_autoptr(JsonNode) changed = sp_json_parse (changes, -1, NULL);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) body_node = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  g_assert_nonnull (changed);
  json_object_iter_init (&iter, json_node_get_object (changed));
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (json_node_get_object (node), member, json_node_copy (value));
  json_object_set_int_member (body, "base_revision", base_revision);
  json_object_set_member (body, part, g_steal_pointer (&node));
  body_node = sp_json_node_new_object (json_object_ref (body));
  return sp_json_to_string (body_node, FALSE);
}

typedef struct
{
  const char *part;
  const char *changes;   /* A's members, cumulative: the editor sends the whole part */
  const char *overlaps;  /* the members B changed too, as the 409 names them; NULL: none */
} PartChange;

/* A's offline edits: the purpose twice (its own earlier edit must not count as another's),
 * then a meeting time B also moves; the SBAR's situation, then its current state, which B
 * also writes. Each PUT carries what was typed before it. */
static const PartChange part_changes_a[] = {
  { "invitation", "{\"purpose\":\"A: samordna hemgången\"}", NULL },
  { "invitation", "{\"purpose\":\"A: samordna hemgången och larmet\"}", NULL },
  { "invitation", "{\"purpose\":\"A: samordna hemgången och larmet\","
    "\"meeting_at\":\"2030-12-02T13:00:00Z\"}", "invitation.meeting_at" },
  { "mapping", "{\"situation\":\"A: bor ensam, trappa\"}", NULL },
  { "mapping", "{\"situation\":\"A: bor ensam, trappa\","
    "\"current_state\":\"A: klarar inte trappan\"}", "mapping.current_state" },
};

/* B's, online meanwhile: the agenda and the SBAR's background alone, the meeting time and
 * the current state also edited by A. */
static const PartChange part_changes_b[] = {
  { "invitation", "{\"agenda\":[\"Hemsjukvård\",\"B: trygghetslarm\"]}", NULL },
  { "invitation", "{\"meeting_at\":\"2030-12-03T08:00:00Z\"}", NULL },
  { "mapping", "{\"background\":\"B: stroke 2029\"}", NULL },
  { "mapping", "{\"current_state\":\"B: går med rollator\"}", NULL },
};

static const char *initial_mapping =
  "{\"situation\":\"Ska hem\",\"background\":\"Höftfraktur\","
  "\"current_state\":\"Går kortare sträckor\",\"recommendation\":\"Hemtjänst\"}";

/* A stand-alone SIP as create_sip() makes it, with a mapping. */
static char *
create_sip_with_mapping (gint64 *out_revision)
{
  gint64 revision = 0;
  g_autofree char *sip_id = create_sip (&revision);
  g_autofree char *path = g_strdup_printf ("/api/v1/sips/%s/mapping", sip_id);
  g_autofree char *body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT
                                           ",\"mapping\":%s}", revision, initial_mapping);

  g_free (write_as ("hsl", "PUT", path, body, 200, &revision));
  *out_revision = revision;
  return g_steal_pointer (&sip_id);
}

/* Writes @change online as @user on the SIP as it is now (B edits each part from what is
 * there, like an editor that just read it). */
static void
write_part_online (const char       *user,
                   const char       *sip_id,
                   const PartChange *change)
{
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *now = get_sip (sip_id, &response);
  g_autofree char *path = g_strdup_printf ("/api/v1/sips/%s/%s", sip_id, change->part);
  g_autofree char *body = part_body (json_object_get_int_member (now, "revision"),
                                     change->part, now, change->changes);

  g_free (write_as (user, "PUT", path, body, 200, NULL));
}

static void
assert_same_member (JsonObject *result,
                    JsonObject *expected,
                    const char *member)
{
  g_autoptr(JsonNode) a = json_node_copy (json_object_get_member (result, member));
  g_autoptr(JsonNode) b = json_node_copy (json_object_get_member (expected, member));

  /* Two SIPs of two patients: the rest must be the same. */
  if (JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b))
    {
      json_object_remove_member (json_node_get_object (a), "patient_id");
      json_object_remove_member (json_node_get_object (b), "patient_id");
    }
  if (!json_node_equal (a, b))
    {
      g_autofree char *a_text = sp_json_to_string (a, TRUE);
      g_autofree char *b_text = sp_json_to_string (b, TRUE);

      g_error ("%s differs.\nResult: %s\nExpected: %s", member, a_text, b_text);
    }
}

/* The invitation and the mapping edited offline by A and online by B: every member only one
 * of them changed is in the result, each overlap is a conflict naming just that member, and
 * nothing else differs; "Behåll min" then sets just that member. */
static void
test_sip_parts_offline_and_online (void)
{
  gint64 base = 0, reference_revision = 0;
  g_autofree char *sip_id = create_sip_with_mapping (&base);
  g_autofree char *reference_id = create_sip_with_mapping (&reference_revision);
  g_auto(SpTestResponse) seen_response = { 0 };
  g_auto(SpTestResponse) result_response = { 0 };
  g_auto(SpTestResponse) expected_response = { 0 };
  JsonObject *seen = get_sip (sip_id, &seen_response);
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *result;
  JsonObject *expected;
  JsonObject *mapping;
  SpOutboxOutcome outcome;
  guint n_overlapping = 0;
  Engine *a;

  /* A, offline: each edit kept against the SIP as A saw it. */
  a = engine_as (DEAD_URL, "parts-a.db", "vc");
  wait_loaded (a);
  for (guint i = 0; i < G_N_ELEMENTS (part_changes_a); i++)
    {
      const PartChange *change = &part_changes_a[i];
      g_autofree char *path = g_strdup_printf ("/api/v1/sips/%s/%s", sip_id, change->part);
      g_autofree char *body = part_body (base, change->part, seen, change->changes);

      g_assert_null (submit (a, "PUT", path, body, sip_id, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, SP_OUTBOX_OUTCOME_QUEUED);
      n_overlapping += change->overlaps != NULL;
    }
  engine_free (a);

  /* B, online meanwhile. */
  for (guint i = 0; i < G_N_ELEMENTS (part_changes_b); i++)
    write_part_online ("hsl", sip_id, &part_changes_b[i]);

  /* A back: the overlaps held, each naming only its member, with the SIP as B left it. */
  a = engine_as (sp_test_server_get_uri (server), "parts-a.db", "vc");
  engine_round (a);
  g_assert_no_error (a->error);
  g_assert_cmpuint (sp_outbox_get_n_pending (a->outbox), ==, 0);
  held = sp_outbox_dup_held (a->outbox);
  g_assert_cmpuint (held->len, ==, n_overlapping);
  for (guint i = 0, h = 0; i < G_N_ELEMENTS (part_changes_a); i++)
    {
      JsonObject *command;

      if (part_changes_a[i].overlaps == NULL)
        continue;
      command = json_node_get_object (g_ptr_array_index (held, h++));
      g_assert_cmpstr (json_object_get_string_member (command, "state"), ==, "conflict");
      g_assert_cmpstr (json_object_get_string_member (command, "error_field"), ==,
                       part_changes_a[i].overlaps);
      g_assert_nonnull (json_object_get_object_member (command, "current"));
    }

  /* The reference: B's edits, then A's that do not overlap, online in that order. */
  for (guint i = 0; i < G_N_ELEMENTS (part_changes_b); i++)
    write_part_online ("hsl", reference_id, &part_changes_b[i]);
  write_part_online ("vc", reference_id, &part_changes_a[1]);
  write_part_online ("vc", reference_id, &part_changes_a[3]);

  result = get_sip (sip_id, &result_response);
  expected = get_sip (reference_id, &expected_response);
  assert_same_member (result, expected, "invitation");
  assert_same_member (result, expected, "mapping");
  assert_same_member (result, expected, "plan");

  /* "Behåll min" on the SBAR's overlap: A's current state, B's background stays. */
  sp_outbox_retry (a->outbox,
                   json_object_get_string_member (json_node_get_object (
                                                    g_ptr_array_index (held, 1)), "id"));
  engine_round (a);
  g_assert_no_error (a->error);
  g_assert_cmpuint (sp_outbox_get_n_held (a->outbox), ==, 1);
  {
    g_auto(SpTestResponse) response = { 0 };

    mapping = json_object_get_object_member (get_sip (sip_id, &response), "mapping");
    g_assert_cmpstr (json_object_get_string_member (mapping, "current_state"), ==,
                     "A: klarar inte trappan");
    g_assert_cmpstr (json_object_get_string_member (mapping, "background"), ==,
                     "B: stroke 2029");
    g_assert_cmpstr (json_object_get_string_member (mapping, "situation"), ==,
                     "A: bor ensam, trappa");
  }
  engine_free (a);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("samplan-sync-sip-XXXXXX", &error);
  g_assert_no_error (error);
  engine_set_dir (dir);
  server = sp_test_server_start ("stockholm");

  g_test_add_func ("/sync/sip-offline-and-online", test_sip_offline_and_online);
  g_test_add_func ("/sync/sip-parts-offline-and-online", test_sip_parts_offline_and_online);

  status = g_test_run ();
  sp_test_server_stop (server);
  return status;
}
