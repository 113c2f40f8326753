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

  status = g_test_run ();
  sp_test_server_stop (server);
  return status;
}
