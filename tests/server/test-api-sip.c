/* test-api-sip.c — the SIP endpoints, through HTTP only: a SIP's life from invitation to
 * closing, one active SIP per person, concurrent plan edits, and who may see a SIP
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include "sp-audit.h"
#include "sp-json.h"
#include "sp-store.h"
#include "sp-test-server.h"

/* The Swedish sentence for one_active, as a nurse reads it. */
#define ONE_ACTIVE_MESSAGE \
  "Personen har redan en aktiv SIP. Avsluta den eller arbeta vidare i den."

static SpTestServer *server;
static char *ward, *vc, *hsl, *sol, *vcsyd; /* a token per fixture unit */

/* Sends @method @path with a printf-made body; every write gets a fresh Idempotency-Key. */
static void G_GNUC_PRINTF (5, 6)
call (SpTestResponse *out,
      const char     *method,
      const char     *path,
      const char     *token,
      const char     *body_format,
      ...)
{
  g_autofree char *body = NULL;
  g_autofree char *key = NULL;
  va_list ap;

  if (body_format != NULL)
    {
      va_start (ap, body_format);
      body = g_strdup_vprintf (body_format, ap);
      va_end (ap);
    }

  if (strcmp (method, "GET") != 0)
    key = g_uuid_string_random ();

  sp_test_server_request (server, method, path, token, key, body, out);
}

static void
check_status (SpTestResponse *r,
              guint           status)
{
  if (r->status != status)
    g_test_message ("unexpected answer %u: %s", r->status, r->body);
  g_assert_cmpuint (r->status, ==, status);
}

static void
check_error (SpTestResponse *r,
             guint           status,
             const char     *code,
             const char     *field)
{
  JsonObject *error;

  check_status (r, status);
  g_assert_cmpstr (sp_test_response_error_code (r), ==, code);
  error = json_object_get_object_member (sp_test_response_object (r), "error");
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
}

static gint64
revision_of (SpTestResponse *r)
{
  return json_object_get_int_member (sp_test_response_object (r), "revision");
}

static const char *
string_of (SpTestResponse *r,
           const char     *member)
{
  return json_object_get_string_member (sp_test_response_object (r), member);
}

static JsonObject *
plan_of (SpTestResponse *r)
{
  return json_object_get_object_member (sp_test_response_object (r), "plan");
}

static char *
sip_path (const char *id,
          const char *suffix)
{
  return g_strconcat ("/api/v1/sips/", id, suffix, NULL);
}

/* Registers a patient at the ward (only inpatient units register). */
static char *
create_patient (const char *identity)
{
  g_auto(SpTestResponse) r = { 0 };

  call (&r, "POST", "/api/v1/patients", ward,
        "{\"identity\":\"%s\",\"given_name\":\"Test\",\"family_name\":\"Testsson\"}", identity);
  check_status (&r, 201);
  return g_strdup (string_of (&r, "id"));
}

static gint64
get_revision (const char *token,
              const char *sip_id)
{
  g_autofree char *path = sip_path (sip_id, "");
  g_auto(SpTestResponse) r = { 0 };

  call (&r, "GET", path, token, NULL);
  check_status (&r, 200);
  return revision_of (&r);
}

/* PATCH /plan with @operations (a JSON array). */
static void
patch_plan (SpTestResponse *out,
            const char     *token,
            const char     *sip_id,
            gint64          base_revision,
            const char     *operations)
{
  g_autofree char *path = sip_path (sip_id, "/plan");

  call (out, "PATCH", path, token,
        "{\"base_revision\":%" G_GINT64_FORMAT ",\"operations\":%s}", base_revision, operations);
}

/* POST @suffix with just the base revision (and @extra members, if any). */
static void
post_action (SpTestResponse *out,
             const char     *token,
             const char     *sip_id,
             const char     *suffix,
             gint64          base_revision,
             const char     *extra)
{
  g_autofree char *path = sip_path (sip_id, suffix);

  call (out, "POST", path, token, "{\"base_revision\":%" G_GINT64_FORMAT "%s%s}", base_revision,
        extra != NULL ? "," : "", extra != NULL ? extra : "");
}

static const char *
find_sub_goal_text (JsonObject *plan,
                    const char *id)
{
  JsonArray *goals = json_object_get_array_member (plan, "sub_goals");

  for (guint i = 0; i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);

      if (g_strcmp0 (json_object_get_string_member (goal, "id"), id) == 0)
        return json_object_get_string_member (goal, "text");
    }

  return NULL;
}

static const char *standalone_consent =
  "\"consent\":{\"form\":\"oral\",\"given_by\":\"patient\","
  "\"recorded_by_name\":\"Cecilia Exempelsson\",\"recorded_by_title\":\"Sjuksköterska\"}";

/* A stand-alone SIP convened by hsl-test, invitation sent to vc-norr with consent. */
static char *
create_sent_standalone (const char *identity,
                        gint64     *out_revision)
{
  g_autofree char *patient_id = create_patient (identity);
  g_autofree char *path = NULL;
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) invited = { 0 };
  g_auto(SpTestResponse) sent = { 0 };
  const char *id;

  call (&created, "POST", "/api/v1/sips", hsl, "{\"patient_id\":\"%s\"}", patient_id);
  check_status (&created, 201);
  id = string_of (&created, "id");
  path = sip_path (id, "/invitation");
  call (&invited, "PUT", path, hsl,
        "{\"base_revision\":%" G_GINT64_FORMAT ",\"invitation\":{"
        "\"purpose\":\"Samordna insatser i hemmet\",\"agenda\":[\"Hemsjukvård\"],"
        "\"convener\":{\"name\":\"Cecilia Exempelsson\"},"
        "\"units\":[{\"unit_id\":\"vc-norr\",\"kind\":\"other\",\"pre_selected\":true}],"
        "\"invitees\":[],\"meeting_at\":\"2026-12-01T10:00:00+01:00\",\"form\":\"home\"}}",
        revision_of (&created));
  check_status (&invited, 200);
  post_action (&sent, hsl, id, "/invitation/send", revision_of (&invited), standalone_consent);
  check_status (&sent, 200);

  *out_revision = revision_of (&sent);
  return g_strdup (id);
}


/* An episode at avd-12 addressed to vc-norr, hsl-test and sol-test, with a named care
 * contact at vc-norr (who convenes the SIP). No SIP consent yet. */
static char *
create_episode (const char *identity,
                char      **out_patient_id)
{
  g_autofree char *patient_id = create_patient (identity);
  g_autofree char *path = NULL;
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) named = { 0 };
  char *id;

  call (&created, "POST", "/api/v1/episodes", ward,
        "{\"patient_id\":\"%s\",\"estimated_discharge\":\"2026-12-05\",\"addressing\":["
        "{\"unit\":\"vc-norr\"},{\"unit\":\"hsl-test\"},{\"unit\":\"sol-test\"}]}", patient_id);
  check_status (&created, 201);
  id = g_strdup (string_of (&created, "id"));

  path = g_strconcat ("/api/v1/episodes/", id, "/care-contacts", NULL);
  call (&named, "POST", path, vc,
        "{\"base_revision\":%" G_GINT64_FORMAT ",\"name\":\"Bertil Provsson\","
        "\"phone\":\"08-123 456\"}", revision_of (&created));
  check_status (&named, 200);

  if (out_patient_id != NULL)
    *out_patient_id = g_steal_pointer (&patient_id);
  return id;
}

static void
record_episode_consent (const char *episode_id)
{
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, NULL);
  g_autofree char *consent_path = g_strconcat (path, "/consents", NULL);
  g_auto(SpTestResponse) episode = { 0 };
  g_auto(SpTestResponse) r = { 0 };

  call (&episode, "GET", path, vc, NULL);
  check_status (&episode, 200);
  call (&r, "POST", consent_path, vc,
        "{\"base_revision\":%" G_GINT64_FORMAT ",\"kind\":\"sip\",\"form\":\"oral\","
        "\"given_by\":\"patient\"}", revision_of (&episode));
  check_status (&r, 200);
}

static JsonArray *
array_of (SpTestResponse *r,
          const char     *member)
{
  return json_object_get_array_member (sp_test_response_object (r), member);
}

static void
check_unit (JsonArray  *units,
            guint       index,
            const char *unit_id,
            const char *kind,
            gboolean    pre_selected)
{
  JsonObject *unit = json_array_get_object_element (units, index);

  g_assert_cmpstr (json_object_get_string_member (unit, "unit_id"), ==, unit_id);
  g_assert_cmpstr (json_object_get_string_member (unit, "kind"), ==, kind);
  g_assert_cmpint (json_object_get_boolean_member (unit, "pre_selected"), ==, pre_selected);
}

/* The invitation body; @form_members are the meeting form and what it needs. */
static void
put_invitation (SpTestResponse *out,
                const char     *sip_id,
                gint64          base_revision,
                const char     *form_members)
{
  g_autofree char *path = sip_path (sip_id, "/invitation");

  call (out, "PUT", path, vc,
        "{\"base_revision\":%" G_GINT64_FORMAT ",\"invitation\":{"
        "\"purpose\":\"Samordna insatser efter utskrivning\","
        "\"agenda\":[\"Hemsjukvård\",\"Hemtjänst\"],"
        "\"convener\":{\"name\":\"Bertil Provsson\",\"unit_id\":\"sol-test\"},"
        "\"units\":["
        "{\"unit_id\":\"hsl-test\",\"kind\":\"municipal_health\",\"pre_selected\":true},"
        "{\"unit_id\":\"sol-test\",\"kind\":\"social_services\",\"pre_selected\":true},"
        /* A new unit; the client's kind and pre_selected are not believed. */
        "{\"unit_id\":\"vc-syd\",\"kind\":\"other\",\"pre_selected\":true}],"
        "\"invitees\":[{\"name\":\"Dottern\",\"affiliation\":\"närstående\"}],"
        "\"meeting_at\":\"2026-12-10T13:00:00+01:00\",%s}}", base_revision, form_members);
}

/* p1 and p2 sign, both from the same revision: signatures given at once all count. */
static void
sign_all (const char *sip_id,
          gint64     *revision)
{
  const char *tokens[] = { vc, hsl };
  const char *participants[] = { "p1", "p2" };
  gint64 base = *revision;

  for (guint i = 0; i < G_N_ELEMENTS (participants); i++)
    {
      g_autofree char *suffix = g_strconcat ("/participants/", participants[i], "/signature",
                                             NULL);
      g_auto(SpTestResponse) r = { 0 };

      post_action (&r, tokens[i], sip_id, suffix, base, NULL);
      check_status (&r, 200);
      *revision = revision_of (&r);
    }
}

/* Every read and write of the SIP is in the audit log, with its patient. */
static void
check_audit (const char *sip_id,
             const char *patient_id)
{
  const char *expected[] = { "create", "read", "update", "send", "sign", "establish", "revise",
                             "follow_up", "evaluate", "close" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open_for_uri (sp_test_server_get_db (server), &error);
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_no_error (error);
  entries = sp_audit_list (store, NULL, NULL, 0, 100000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *entry = json_node_get_object (g_ptr_array_index (entries, i));

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "record", ""),
                     sip_id) != 0)
        continue;
      g_assert_cmpstr (json_object_get_string_member (entry, "patient"), ==, patient_id);
      g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "sip");
      g_hash_table_add (actions, g_strdup (json_object_get_string_member (entry, "action")));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("audit action %s", expected[i]);
      g_assert_true (g_hash_table_contains (actions, expected[i]));
    }
}

static JsonNode *
get_json (const char *path,
          const char *token)
{
  g_auto(SpTestResponse) r = { 0 };

  call (&r, "GET", path, token, NULL);
  check_status (&r, 200);
  return json_node_ref (r.json);
}

/* 1. From invitation to established, revised, followed up and closed, through HTTP only. */
static void
test_lifecycle (void)
{
  g_autofree char *patient_id = NULL;
  g_autofree char *episode_id = create_episode ("19450101-1235", &patient_id);
  g_autofree char *episode_path = g_strconcat ("/api/v1/episodes/", episode_id, NULL);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *mapping_path = NULL;
  g_autofree char *versions_path = NULL;
  g_autofree char *v1_path = NULL;
  g_autofree char *v3_path = NULL;
  g_autofree char *diff_path = NULL;
  g_autoptr(JsonNode) v1 = NULL;
  g_autoptr(JsonNode) v1_later = NULL;
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) r = { 0 };
  JsonArray *units;
  JsonObject *object;
  gint64 revision, before_establish;

  /* Created from the episode: its addressed units are pre-selected. */
  call (&created, "POST", "/api/v1/sips", vc, "{\"episode_id\":\"%s\"}", episode_id);
  check_status (&created, 201);
  id = g_strdup (string_of (&created, "id"));
  path = sip_path (id, "");
  mapping_path = sip_path (id, "/mapping");
  versions_path = sip_path (id, "/versions");
  v1_path = sip_path (id, "/versions/1");
  v3_path = sip_path (id, "/versions/3");
  diff_path = sip_path (id, "/diff?from=1&to=2");
  g_assert_cmpstr (string_of (&created, "status"), ==, "draft");
  g_assert_cmpstr (string_of (&created, "patient_id"), ==, patient_id);
  object = json_object_get_object_member (sp_test_response_object (&created), "invitation");
  units = json_object_get_array_member (object, "units");
  g_assert_cmpuint (json_array_get_length (units), ==, 3);
  check_unit (units, 0, "vc-norr", "outpatient", TRUE);
  check_unit (units, 1, "hsl-test", "municipal_health", TRUE);
  check_unit (units, 2, "sol-test", "social_services", TRUE);
  revision = revision_of (&created);

  /* Every unit of the episode sees the draft; vc-syd does not, nor the episode. Without
   * consent, a unit outside the SIP sees only that it exists (DOMAIN §4). */
  sp_test_response_clear (&r);
  call (&r, "GET", path, ward, NULL);
  check_status (&r, 200);
  g_assert_true (json_object_has_member (sp_test_response_object (&r), "plan"));
  sp_test_response_clear (&r);
  call (&r, "GET", path, hsl, NULL);
  check_status (&r, 200);
  g_assert_true (json_object_get_boolean_member (sp_test_response_object (&r), "restricted"));
  g_assert_false (json_object_has_member (sp_test_response_object (&r), "plan"));
  g_assert_false (json_object_has_member (sp_test_response_object (&r), "invitation"));
  /* … and can neither read the versions nor change what it cannot see. */
  sp_test_response_clear (&r);
  call (&r, "GET", versions_path, hsl, NULL);
  check_error (&r, 403, "forbidden", NULL);
  sp_test_response_clear (&r);
  patch_plan (&r, hsl, id, revision, "[{\"op\":\"set_main_goal\",\"main_goal\":\"x\"}]");
  check_error (&r, 403, "forbidden", NULL);
  sp_test_response_clear (&r);
  call (&r, "GET", path, vcsyd, NULL);
  check_error (&r, 404, "not_found", NULL);
  sp_test_response_clear (&r);
  call (&r, "GET", episode_path, vcsyd, NULL);
  check_status (&r, 404);

  /* Telephone is a last resort: the reason is required; video needs connection details. */
  sp_test_response_clear (&r);
  put_invitation (&r, id, revision, "\"form\":\"phone\"");
  check_error (&r, 422, "missing_field", "invitation.phone_reason");
  sp_test_response_clear (&r);
  put_invitation (&r, id, revision, "\"form\":\"video\",\"with_patient\":\"Cecilia\"");
  check_error (&r, 422, "missing_field", "invitation.video_details");
  sp_test_response_clear (&r);
  put_invitation (&r, id, revision,
                  "\"form\":\"other_place\",\"place\":\"Vårdcentralen Norr, rum 3\"");
  check_status (&r, 200);
  units = json_object_get_array_member (json_object_get_object_member (
                                          sp_test_response_object (&r), "invitation"), "units");
  /* vc-norr removed itself; the server decides kinds, pre-selection and the convener. */
  check_unit (units, 0, "hsl-test", "municipal_health", TRUE);
  check_unit (units, 2, "vc-syd", "outpatient", FALSE);
  object = json_object_get_object_member (json_object_get_object_member (
                                            sp_test_response_object (&r), "invitation"),
                                          "convener");
  g_assert_cmpstr (json_object_get_string_member (object, "unit_id"), ==, "vc-norr");
  revision = revision_of (&r);

  /* A stale revision that changes what was changed since (the form) is refused with the
   * SIP as it is now, naming that member; the rest would have merged (docs/sync.md). */
  sp_test_response_clear (&r);
  put_invitation (&r, id, revision - 1, "\"form\":\"video\",\"with_patient\":\"Cecilia\","
                  "\"video_details\":\"Länk i kallelsen\"");
  check_error (&r, 409, "conflict", "invitation.form");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     sp_test_response_object (&r), "current"), "revision"), ==, revision);

  /* No SIP consent in the episode yet. */
  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/invitation/send", revision, NULL);
  check_error (&r, 422, "consent_required", "consent");
  record_episode_consent (episode_id);
  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/invitation/send", revision, NULL);
  check_status (&r, 200);
  g_assert_cmpstr (string_of (&r, "status"), ==, "invited");
  g_assert_cmpuint (json_array_get_length (array_of (&r, "invited_unit_ids")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (array_of (&r, "invited_unit_ids"), 0), ==,
                   "vc-syd");
  revision = revision_of (&r);

  /* The newly invited unit now sees the SIP and joins the episode. */
  sp_test_response_clear (&r);
  call (&r, "GET", path, vcsyd, NULL);
  check_status (&r, 200);
  g_assert_false (json_object_has_member (sp_test_response_object (&r), "restricted"));
  sp_test_response_clear (&r);
  call (&r, "GET", episode_path, vcsyd, NULL);
  check_status (&r, 200);
  /* With the SIP consent, the episode's units see the whole SIP. */
  sp_test_response_clear (&r);
  call (&r, "GET", path, hsl, NULL);
  check_status (&r, 200);
  g_assert_true (json_object_has_member (sp_test_response_object (&r), "plan"));

  /* Mapping (SBAR), then the plan. */
  sp_test_response_clear (&r);
  call (&r, "PUT", mapping_path, hsl,
        "{\"base_revision\":%" G_GINT64_FORMAT ",\"mapping\":{\"situation\":\"Hemgång\","
        "\"background\":\"Fall i hemmet\",\"current_state\":\"Rullator\","
        "\"recommendation\":\"Hemsjukvård morgon\"}}", revision);
  check_status (&r, 200);
  g_assert_cmpstr (string_of (&r, "status"), ==, "in_progress");
  revision = revision_of (&r);

  sp_test_response_clear (&r);
  patch_plan (&r, vc, id, revision,
              "[{\"op\":\"set_main_goal\",\"main_goal\":\"Bo kvar hemma\"},"
              "{\"op\":\"add_sub_goal\",\"id\":\"g1\",\"text\":\"Klara morgonen själv\","
              "\"responsible_unit_id\":\"hsl-test\",\"target_date\":\"2027-01-15\"},"
              "{\"op\":\"add_sub_goal\",\"id\":\"g2\",\"text\":\"Komma ut varje dag\"},"
              "{\"op\":\"add_intervention\",\"id\":\"i1\",\"what\":\"Hemsjukvård morgon\","
              "\"unit_id\":\"hsl-test\",\"principal\":\"municipality\",\"sub_goal\":\"g1\","
              "\"start_date\":\"2026-12-11\",\"frequency\":\"varje dag 8–9\"},"
              "{\"op\":\"add_intervention\",\"id\":\"i2\",\"what\":\"Ledsagning\","
              "\"unit_id\":\"sol-test\",\"principal\":\"municipality\",\"sub_goal\":\"g2\"},"
              "{\"op\":\"set_chair\",\"chair\":\"Bertil Provsson\","
              "\"documenter\":\"Cecilia Exempelsson\"},"
              "{\"op\":\"set_lead\",\"name\":\"Bertil Provsson\",\"unit_id\":\"vc-norr\"},"
              "{\"op\":\"set_follow_up\",\"follow_up_at\":\"2027-02-01T10:00:00+01:00\","
              "\"follow_up_place\":\"Hemmet\",\"evaluation_date\":\"2027-06-01\"},"
              "{\"op\":\"add_participant\",\"id\":\"p1\",\"name\":\"Patienten\","
              "\"presence\":\"in_person\"},"
              "{\"op\":\"add_participant\",\"id\":\"p2\",\"name\":\"Cecilia Exempelsson\","
              "\"unit_id\":\"hsl-test\",\"profession\":\"Sjuksköterska\","
              "\"presence\":\"with_patient\"}]");
  check_status (&r, 200);
  g_assert_cmpstr (json_object_get_string_member (plan_of (&r), "main_goal"), ==,
                   "Bo kvar hemma");
  revision = revision_of (&r);

  /* Not everyone has signed. */
  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/establish", revision, NULL);
  check_error (&r, 409, "not_signed", "plan.participants");
  sign_all (id, &revision);
  before_establish = revision;
  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/establish", revision, NULL);
  check_status (&r, 200);
  g_assert_cmpstr (string_of (&r, "status"), ==, "established");
  g_assert_cmpuint (json_array_get_length (array_of (&r, "versions")), ==, 1);
  v1 = json_node_copy (json_array_get_element (array_of (&r, "versions"), 0));
  revision = revision_of (&r);

  /* Established means locked. */
  sp_test_response_clear (&r);
  patch_plan (&r, vc, id, revision,
              "[{\"op\":\"update_sub_goal\",\"id\":\"g1\",\"text\":\"Ändrat\"}]");
  check_error (&r, 409, "locked", NULL);

  /* The follow-up meeting revises it: version 2. */
  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/revision", revision, NULL);
  check_status (&r, 200);
  g_assert_cmpstr (string_of (&r, "status"), ==, "in_progress");
  revision = revision_of (&r);
  /* An edit made to the plan before it was established is not merged into the revision,
   * though no node changed since. */
  sp_test_response_clear (&r);
  patch_plan (&r, sol, id, before_establish,
              "[{\"op\":\"update_sub_goal\",\"id\":\"g2\",\"text\":\"Gammal ändring\"}]");
  check_error (&r, 409, "conflict", NULL);
  sp_test_response_clear (&r);
  patch_plan (&r, hsl, id, revision,
              "[{\"op\":\"update_sub_goal\",\"id\":\"g1\",\"text\":\"Klara morgon och kväll\","
              "\"responsible_unit_id\":\"hsl-test\",\"target_date\":\"2027-03-01\"},"
              "{\"op\":\"add_sub_goal\",\"id\":\"g3\",\"text\":\"Laga enkel mat\"},"
              "{\"op\":\"add_intervention\",\"id\":\"i3\",\"what\":\"Matlagningsträning\","
              "\"principal\":\"municipality\",\"sub_goal\":\"g3\"}]");
  check_status (&r, 200);
  revision = revision_of (&r);
  /* Signatures were cleared: establishing needs them anew. */
  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/establish", revision, NULL);
  check_error (&r, 409, "not_signed", NULL);
  sign_all (id, &revision);
  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/establish", revision, NULL);
  check_status (&r, 200);
  revision = revision_of (&r);

  /* Both versions readable; version 1 unchanged. */
  {
    g_autoptr(JsonNode) list = get_json (versions_path, vcsyd);
    JsonArray *items = json_object_get_array_member (json_node_get_object (list), "items");

    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    g_assert_true (json_node_equal (json_array_get_element (items, 0), v1));
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 1),
                                                 "number"), ==, 2);
  }
  v1_later = get_json (v1_path, sol);
  g_assert_true (json_node_equal (v1_later, v1));
  sp_test_response_clear (&r);
  call (&r, "GET", v3_path, vc, NULL);
  check_error (&r, 404, "not_found", NULL);

  /* What changed from 1 to 2. */
  {
    g_autoptr(JsonNode) diff = get_json (diff_path, vc);
    JsonArray *entries = json_object_get_array_member (json_node_get_object (diff), "entries");
    const char *expected[][2] = {
      { "sub_goal_changed", "g1" }, { "sub_goal_added", "g3" }, { "intervention_added", "i3" },
    };

    g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        JsonObject *entry = json_array_get_object_element (entries, i);

        g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, expected[i][0]);
        g_assert_cmpstr (json_object_get_string_member (entry, "node_id"), ==, expected[i][1]);
      }
  }

  /* Follow-up comments per sub-goal and intervention, on version 2. */
  sp_test_response_clear (&r);
  post_action (&r, hsl, id, "/follow-up-comments", revision,
               "\"node_kind\":\"sub_goal\",\"node_id\":\"g1\",\"status\":\"partly\","
               "\"comment\":\"Klarar morgonen\"");
  check_status (&r, 200);
  revision = revision_of (&r);
  sp_test_response_clear (&r);
  post_action (&r, sol, id, "/follow-up-comments", revision,
               "\"node_kind\":\"intervention\",\"node_id\":\"i2\",\"status\":\"achieved\","
               "\"comment\":\"Går ut dagligen\"");
  check_status (&r, 200);
  g_assert_cmpuint (json_array_get_length (array_of (&r, "follow_ups")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     array_of (&r, "follow_ups"), 0), "version"), ==, 2);
  revision = revision_of (&r);
  sp_test_response_clear (&r);
  post_action (&r, sol, id, "/follow-up-comments", revision,
               "\"node_kind\":\"intervention\",\"node_id\":\"g1\",\"status\":\"achieved\","
               "\"comment\":\"Fel nod\"");
  check_error (&r, 422, "dangling_reference", "node_id");

  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/evaluation", revision,
               "\"text\":\"Patienten bor kvar hemma och är nöjd\"");
  check_status (&r, 200);
  revision = revision_of (&r);

  /* Closing needs a reason. */
  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/close", revision, NULL);
  check_error (&r, 422, "missing", "reason");
  sp_test_response_clear (&r);
  post_action (&r, vc, id, "/close", revision, "\"reason\":\"goals_met\"");
  check_status (&r, 200);
  g_assert_cmpstr (string_of (&r, "status"), ==, "closed");
  revision = revision_of (&r);

  /* Closed: every edit is refused. */
  sp_test_response_clear (&r);
  patch_plan (&r, vc, id, revision, "[{\"op\":\"set_main_goal\",\"main_goal\":\"Nytt\"}]");
  check_error (&r, 409, "closed", NULL);
  sp_test_response_clear (&r);
  call (&r, "PUT", mapping_path, vc,
        "{\"base_revision\":%" G_GINT64_FORMAT ",\"mapping\":{}}", revision);
  check_error (&r, 409, "closed", NULL);
  {
    const char *actions[][2] = {
      { "/revision", NULL },
      { "/establish", NULL },
      { "/invitation/send", NULL },
      { "/evaluation", "\"text\":\"Igen\"" },
      { "/close", "\"reason\":\"other\",\"text\":\"Igen\"" },
      { "/follow-up-comments", "\"node_kind\":\"sub_goal\",\"node_id\":\"g1\","
                               "\"status\":\"achieved\",\"comment\":\"Sent\"" },
      { "/participants/p1/signature", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        g_auto(SpTestResponse) refused = { 0 };

        g_test_message ("after closing: %s", actions[i][0]);
        post_action (&refused, vc, id, actions[i][0], revision, actions[i][1]);
        check_error (&refused, 409, "closed", NULL);
      }
  }

  /* Still readable, version 1 still unchanged. */
  g_clear_pointer (&v1_later, json_node_unref);
  v1_later = get_json (v1_path, vc);
  g_assert_true (json_node_equal (v1_later, v1));
  check_audit (id, patient_id);
}


/* A stand-alone SIP (no episode): no units pre-filled; the consent comes with the request
 * and is kept on the SIP; invited units see it only once it is sent. */
static void
test_standalone (void)
{
  g_autofree char *patient_id = create_patient ("19800808-1237");
  g_autofree char *path = NULL;
  g_autofree char *invitation_path = NULL;
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) r = { 0 };
  JsonArray *consents;
  JsonObject *consent;
  gint64 revision;
  const char *id;

  call (&created, "POST", "/api/v1/sips", hsl, "{\"patient_id\":\"%s\"}", patient_id);
  check_status (&created, 201);
  id = string_of (&created, "id");
  path = sip_path (id, "");
  invitation_path = sip_path (id, "/invitation");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (sp_test_response_object (&created),
                                                     "invitation"), "units")), ==, 0);

  call (&r, "PUT", invitation_path, hsl,
        "{\"base_revision\":%" G_GINT64_FORMAT ",\"invitation\":{"
        "\"purpose\":\"Samordning\",\"agenda\":[\"Insatser\"],\"convener\":{\"name\":\"C\"},"
        "\"units\":[{\"unit_id\":\"vc-norr\",\"kind\":\"outpatient\",\"pre_selected\":true},"
        "{\"unit_id\":\"vc-nowhere\",\"kind\":\"outpatient\",\"pre_selected\":false}],"
        "\"invitees\":[],\"meeting_at\":\"2026-12-01T10:00:00+01:00\",\"form\":\"home\"}}",
        revision_of (&created));
  check_error (&r, 422, "invalid", "invitation.units[1].unit_id");
  sp_test_response_clear (&r);
  call (&r, "PUT", invitation_path, hsl,
        "{\"base_revision\":%" G_GINT64_FORMAT ",\"invitation\":{"
        "\"purpose\":\"Samordning\",\"agenda\":[\"Insatser\"],\"convener\":{\"name\":\"C\"},"
        "\"units\":[{\"unit_id\":\"vc-norr\",\"kind\":\"outpatient\",\"pre_selected\":true}],"
        "\"invitees\":[],\"meeting_at\":\"2026-12-01T10:00:00+01:00\",\"form\":\"home\"}}",
        revision_of (&created));
  check_status (&r, 200);
  /* No episode: nothing is pre-selected, whatever the client says. */
  check_unit (json_object_get_array_member (json_object_get_object_member (
                                              sp_test_response_object (&r), "invitation"),
                                            "units"), 0, "vc-norr", "outpatient", FALSE);
  revision = revision_of (&r);

  /* Not sent yet: vc-norr does not see it. */
  sp_test_response_clear (&r);
  call (&r, "GET", path, vc, NULL);
  check_error (&r, 404, "not_found", NULL);

  sp_test_response_clear (&r);
  post_action (&r, hsl, id, "/invitation/send", revision, NULL);
  check_error (&r, 422, "consent_required", "consent");
  /* A guardian must be named. */
  sp_test_response_clear (&r);
  post_action (&r, hsl, id, "/invitation/send", revision,
               "\"consent\":{\"form\":\"written\",\"given_by\":\"guardian\","
               "\"recorded_by_name\":\"C\",\"recorded_by_title\":\"Sjuksköterska\"}");
  check_error (&r, 422, "missing", "consent.giver_name");
  sp_test_response_clear (&r);
  post_action (&r, hsl, id, "/invitation/send", revision, standalone_consent);
  check_status (&r, 200);
  consents = json_object_get_array_member (json_object_get_object_member (
                                             sp_test_response_object (&r), "consents"),
                                           "consents");
  g_assert_cmpuint (json_array_get_length (consents), ==, 1);
  consent = json_array_get_object_element (consents, 0);
  g_assert_cmpstr (json_object_get_string_member (consent, "kind"), ==, "sip");
  revision = revision_of (&r);

  /* Invited now: vc-norr sees it; sol-test still does not. */
  sp_test_response_clear (&r);
  call (&r, "GET", path, vc, NULL);
  check_status (&r, 200);
  g_assert_cmpint (revision_of (&r), ==, revision);
  sp_test_response_clear (&r);
  call (&r, "GET", path, sol, NULL);
  check_error (&r, 404, "not_found", NULL);
}

/* 2. Only one active SIP per person (DOMAIN §8); once it is closed a new one can start. */
static void
test_one_active (void)
{
  g_autofree char *patient_id = create_patient ("19500202-1235");
  g_auto(SpTestResponse) first = { 0 };
  g_auto(SpTestResponse) second = { 0 };
  g_auto(SpTestResponse) closed = { 0 };
  g_auto(SpTestResponse) third = { 0 };
  g_auto(SpTestResponse) list = { 0 };
  g_autofree char *list_path = NULL;
  JsonObject *error;

  call (&first, "POST", "/api/v1/sips", vc, "{\"patient_id\":\"%s\"}", patient_id);
  check_status (&first, 201);
  g_assert_cmpstr (string_of (&first, "status"), ==, "draft");
  g_assert_true (json_object_get_null_member (sp_test_response_object (&first), "episode_id"));

  /* Another unit, same person: still refused. */
  call (&second, "POST", "/api/v1/sips", hsl, "{\"patient_id\":\"%s\"}", patient_id);
  check_error (&second, 409, "one_active", "patient_id");
  error = json_object_get_object_member (sp_test_response_object (&second), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, ONE_ACTIVE_MESSAGE);
  /* The refusal names no patient data. */
  g_assert_null (strstr (second.body, "19500202"));

  post_action (&closed, vc, string_of (&first, "id"), "/close", revision_of (&first),
               "\"reason\":\"patient_declined\"");
  check_status (&closed, 200);
  g_assert_cmpstr (string_of (&closed, "status"), ==, "closed");

  call (&third, "POST", "/api/v1/sips", hsl, "{\"patient_id\":\"%s\"}", patient_id);
  check_status (&third, 201);

  /* vc-norr sees the SIP it convened (closed), not the new one of hsl-test. */
  list_path = g_strconcat ("/api/v1/sips?patient=", patient_id, NULL);
  call (&list, "GET", list_path, vc, NULL);
  check_status (&list, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      sp_test_response_object (&list), "items")), ==, 1);
}

static void
test_create_errors (void)
{
  struct { const char *body; guint status; const char *code; const char *field; } cases[] = {
    /* Neither an episode nor a patient. */
    { "{}", 422, "missing", "episode_id" },
    /* Both: which one would it be? */
    { "{\"patient_id\":\"p-x\",\"episode_id\":\"e-x\"}", 422, "missing", "episode_id" },
    { "{\"patient_id\":\"p-does-not-exist\"}", 422, "invalid", "patient_id" },
    { "{\"patient_id\":7}", 422, "type", "patient_id" },
    { "{\"episode_id\":\"e-does-not-exist\"}", 404, "not_found", NULL },
    { "{\"patient_id\":\"p-x\",\"variant\":\"plan\"}", 422, "invalid", "variant" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      g_test_message ("case %u", i);
      call (&r, "POST", "/api/v1/sips", vc, "%s", cases[i].body);
      check_error (&r, cases[i].status, cases[i].code, cases[i].field);
    }
}

/* 3a. Two writers, 25 sub-goals each, each with the revision it last saw: nothing lost. */
typedef struct
{
  const char *sip_id;
  const char *token;
  const char *prefix;
  gint64      base_revision;
  guint       merged;
  guint       retried;
} Writer;

static gpointer
write_sub_goals (gpointer data)
{
  Writer *writer = data;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *ops = g_strdup_printf ("[{\"op\":\"add_sub_goal\",\"id\":\"%s-%02u\","
                                              "\"text\":\"Delmål %s %u\"}]",
                                              writer->prefix, i, writer->prefix, i);

      for (;;)
        {
          g_auto(SpTestResponse) r = { 0 };

          patch_plan (&r, writer->token, writer->sip_id, writer->base_revision, ops);
          if (r.status == 200)
            {
              /* More than one step: someone else wrote in between and we were merged. */
              if (revision_of (&r) > writer->base_revision + 1)
                writer->merged++;
              writer->base_revision = revision_of (&r);
              break;
            }

          check_error (&r, 409, "conflict", NULL);
          writer->retried++;
          writer->base_revision = get_revision (writer->token, writer->sip_id);
        }
    }

  return NULL;
}

static void
test_concurrent_writers (void)
{
  gint64 revision = 0;
  g_autofree char *id = create_sent_standalone ("19550303-1238", &revision);
  g_autofree char *path = sip_path (id, "");
  g_auto(SpTestResponse) r = { 0 };
  Writer writers[2] = {
    { id, hsl, "a", revision, 0, 0 },
    { id, vc, "b", revision, 0, 0 },
  };
  GThread *threads[2];
  JsonArray *goals;

  for (guint t = 0; t < 2; t++)
    threads[t] = g_thread_new ("writer", write_sub_goals, &writers[t]);
  for (guint t = 0; t < 2; t++)
    g_thread_join (threads[t]);

  g_test_message ("merged %u + %u, retried %u + %u", writers[0].merged, writers[1].merged,
                  writers[0].retried, writers[1].retried);

  call (&r, "GET", path, hsl, NULL);
  check_status (&r, 200);
  goals = json_object_get_array_member (plan_of (&r), "sub_goals");
  g_assert_cmpuint (json_array_get_length (goals), ==, 50);
  for (guint t = 0; t < 2; t++)
    for (guint i = 0; i < 25; i++)
      {
        g_autofree char *goal_id = g_strdup_printf ("%s-%02u", writers[t].prefix, i);
        guint seen = 0;

        for (guint k = 0; k < json_array_get_length (goals); k++)
          seen += g_strcmp0 (json_object_get_string_member (
                               json_array_get_object_element (goals, k), "id"), goal_id) == 0;
        g_assert_cmpuint (seen, ==, 1);
      }
  /* Every write landed exactly once: creation, invitation, sending, then 50 edits. */
  g_assert_cmpint (revision_of (&r), ==, revision + 50);
}

/* 3b. Edits based on the same revision: different nodes merge, the same node conflicts. */
static void
test_merge_rules (void)
{
  gint64 base = 0;
  g_autofree char *id = create_sent_standalone ("19600404-1239", &base);
  g_auto(SpTestResponse) setup = { 0 };
  g_auto(SpTestResponse) first = { 0 };
  g_auto(SpTestResponse) second = { 0 };
  g_auto(SpTestResponse) same = { 0 };
  g_auto(SpTestResponse) lead_a = { 0 };
  g_auto(SpTestResponse) lead_b = { 0 };
  g_auto(SpTestResponse) intervention = { 0 };
  g_auto(SpTestResponse) removed = { 0 };
  g_auto(SpTestResponse) orphan = { 0 };
  g_auto(SpTestResponse) stale_unknown = { 0 };
  JsonObject *current;

  patch_plan (&setup, hsl, id, base,
              "[{\"op\":\"add_sub_goal\",\"id\":\"g1\",\"text\":\"Klara hygienen själv\"},"
              "{\"op\":\"add_sub_goal\",\"id\":\"g2\",\"text\":\"Gå ut varje dag\"},"
              "{\"op\":\"add_sub_goal\",\"id\":\"g3\",\"text\":\"Äta regelbundet\"}]");
  check_status (&setup, 200);
  base = revision_of (&setup);

  /* Both based on the same revision, different nodes: both succeed. */
  patch_plan (&first, hsl, id, base,
              "[{\"op\":\"update_sub_goal\",\"id\":\"g1\",\"text\":\"Duscha själv\"}]");
  check_status (&first, 200);
  patch_plan (&second, vc, id, base,
              "[{\"op\":\"update_sub_goal\",\"id\":\"g2\",\"text\":\"Promenad varje dag\"}]");
  check_status (&second, 200);
  g_assert_cmpstr (find_sub_goal_text (plan_of (&second), "g1"), ==, "Duscha själv");
  g_assert_cmpstr (find_sub_goal_text (plan_of (&second), "g2"), ==, "Promenad varje dag");

  /* The same node again from the old revision: 409 with the SIP as it is now. */
  patch_plan (&same, vc, id, base,
              "[{\"op\":\"update_sub_goal\",\"id\":\"g1\",\"text\":\"Tvätta sig\"}]");
  check_error (&same, 409, "conflict", "base_revision");
  current = json_object_get_object_member (sp_test_response_object (&same), "current");
  g_assert_nonnull (current);
  g_assert_cmpint (json_object_get_int_member (current, "revision"), ==, revision_of (&second));
  g_assert_cmpstr (find_sub_goal_text (json_object_get_object_member (current, "plan"), "g1"),
                   ==, "Duscha själv");

  /* Plan fields count as nodes: two stale edits of the lead conflict. */
  patch_plan (&lead_a, hsl, id, revision_of (&second),
              "[{\"op\":\"set_lead\",\"name\":\"Cecilia Exempelsson\",\"unit_id\":\"hsl-test\"}]");
  check_status (&lead_a, 200);
  patch_plan (&lead_b, vc, id, revision_of (&second),
              "[{\"op\":\"set_lead\",\"name\":\"Bertil Provsson\",\"unit_id\":\"vc-norr\"}]");
  check_error (&lead_b, 409, "conflict", NULL);

  /* A sub-goal removed meanwhile cannot get an intervention from a stale edit. */
  patch_plan (&removed, hsl, id, revision_of (&lead_a),
              "[{\"op\":\"remove_sub_goal\",\"id\":\"g3\"}]");
  check_status (&removed, 200);
  patch_plan (&orphan, vc, id, revision_of (&lead_a),
              "[{\"op\":\"add_intervention\",\"id\":\"i9\",\"what\":\"Matleverans\","
              "\"principal\":\"municipality\",\"sub_goal\":\"g3\"}]");
  check_error (&orphan, 409, "conflict", NULL);
  /* … but one to a sub-goal that still exists merges. */
  patch_plan (&intervention, vc, id, revision_of (&lead_a),
              "[{\"op\":\"add_intervention\",\"id\":\"i1\",\"what\":\"Hjälp med dusch\","
              "\"principal\":\"municipality\",\"sub_goal\":\"g1\"}]");
  check_status (&intervention, 200);

  /* A revision that never existed cannot be merged from. */
  patch_plan (&stale_unknown, vc, id, revision_of (&intervention) + 5,
              "[{\"op\":\"update_sub_goal\",\"id\":\"g2\",\"text\":\"x\"}]");
  check_error (&stale_unknown, 409, "conflict", NULL);
}

static void
test_plan_errors (void)
{
  gint64 base = 0;
  g_autofree char *id = create_sent_standalone ("19650505-1232", &base);
  struct { const char *ops; guint status; const char *code; const char *field; } cases[] = {
    { "[]", 422, "missing", "operations" },
    { "[{\"op\":\"paint\"}]", 422, "invalid", "operations[0].op" },
    { "[1]", 422, "type", "operations[0]" },
    /* Every node operation names its node. */
    { "[{\"op\":\"add_sub_goal\",\"text\":\"x\"}]", 422, "missing", "operations[0].id" },
    { "[{\"op\":\"add_intervention\",\"id\":\"i1\",\"what\":\"x\",\"principal\":\"region\","
      "\"sub_goal\":\"nope\"}]", 422, "dangling_reference", "operations[0].sub_goal" },
    /* The second operation fails: the first is not applied either. */
    { "[{\"op\":\"add_sub_goal\",\"id\":\"k1\",\"text\":\"x\"},"
      "{\"op\":\"remove_sub_goal\",\"id\":\"nope\"}]", 422, "dangling_reference",
      "operations[1].id" },
    { "[{\"op\":\"add_participant\",\"id\":\"p1\",\"name\":\"A\",\"presence\":\"teleport\"}]",
      422, "invalid", "operations[0].presence" },
  };
  g_autofree char *path = sip_path (id, "");
  g_auto(SpTestResponse) after = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      g_test_message ("case %u", i);
      patch_plan (&r, hsl, id, base, cases[i].ops);
      check_error (&r, cases[i].status, cases[i].code, cases[i].field);
    }

  call (&after, "GET", path, hsl, NULL);
  g_assert_cmpint (revision_of (&after), ==, base);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan_of (&after),
                                                                         "sub_goals")), ==, 0);
}

/* 4. A unit neither invited nor addressed gets 404 on every SIP endpoint. */
static void
test_outsider (void)
{
  gint64 base = 0;
  g_autofree char *id = create_sent_standalone ("19700606-1233", &base);
  g_autofree char *own_path = sip_path (id, "");
  g_autofree char *patient_id = NULL;
  g_autofree char *list_path = NULL;
  g_auto(SpTestResponse) own = { 0 };
  g_auto(SpTestResponse) list = { 0 };
  struct { const char *method; const char *suffix; const char *body; } endpoints[] = {
    { "GET", "", NULL },
    { "PUT", "/invitation", "{\"base_revision\":1,\"invitation\":{}}" },
    { "POST", "/invitation/send", "{\"base_revision\":1}" },
    { "PUT", "/mapping", "{\"base_revision\":1,\"mapping\":{}}" },
    { "PATCH", "/plan", "{\"base_revision\":1,\"operations\":[]}" },
    { "POST", "/participants/p1/signature", "{\"base_revision\":1}" },
    { "POST", "/establish", "{\"base_revision\":1}" },
    { "GET", "/versions", NULL },
    { "GET", "/versions/1", NULL },
    { "GET", "/diff?from=1&to=1", NULL },
    { "POST", "/revision", "{\"base_revision\":1}" },
    { "POST", "/follow-up-comments", "{\"base_revision\":1}" },
    { "POST", "/evaluation", "{\"base_revision\":1}" },
    { "POST", "/close", "{\"base_revision\":1,\"reason\":\"goals_met\"}" },
  };

  /* The invited unit sees it; the convener too. */
  call (&own, "GET", own_path, vc, NULL);
  check_status (&own, 200);
  patient_id = g_strdup (string_of (&own, "patient_id"));

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    for (guint u = 0; u < 2; u++)
      {
        g_autofree char *path = sip_path (id, endpoints[i].suffix);
        g_auto(SpTestResponse) r = { 0 };

        g_test_message ("%s %s as %s", endpoints[i].method, path, u == 0 ? "sol" : "vcsyd");
        if (endpoints[i].body != NULL)
          call (&r, endpoints[i].method, path, u == 0 ? sol : vcsyd, "%s", endpoints[i].body);
        else
          call (&r, endpoints[i].method, path, u == 0 ? sol : vcsyd, NULL);
        check_error (&r, 404, "not_found", NULL);
        /* Not a trace of the SIP. */
        g_assert_null (strstr (r.body, id));
      }

  /* Listing the patient's SIPs shows the outsider nothing. */
  list_path = g_strconcat ("/api/v1/sips?patient=", patient_id, NULL);
  call (&list, "GET", list_path, sol, NULL);
  check_status (&list, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      sp_test_response_object (&list), "items")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/api/sip/lifecycle", test_lifecycle);
  g_test_add_func ("/server/api/sip/standalone", test_standalone);
  g_test_add_func ("/server/api/sip/one-active", test_one_active);
  g_test_add_func ("/server/api/sip/create-errors", test_create_errors);
  g_test_add_func ("/server/api/sip/concurrent-writers", test_concurrent_writers);
  g_test_add_func ("/server/api/sip/merge-rules", test_merge_rules);
  g_test_add_func ("/server/api/sip/plan-errors", test_plan_errors);
  g_test_add_func ("/server/api/sip/outsider", test_outsider);

  server = sp_test_server_start ("stockholm");
  ward = sp_test_server_sign_in (server, "ward");
  vc = sp_test_server_sign_in (server, "vc");
  hsl = sp_test_server_sign_in (server, "hsl");
  sol = sp_test_server_sign_in (server, "sol");
  vcsyd = sp_test_server_sign_in (server, "vcsyd");

  status = g_test_run ();

  g_free (ward);
  g_free (vc);
  g_free (hsl);
  g_free (sol);
  g_free (vcsyd);
  sp_test_server_stop (server);
  return status;
}
