/* test-api-messages.c — Spara vs SparaSänd, who sees a message, the inbox, acknowledging,
 * messages outside an episode, care requests and deviation drafts (DOMAIN §4, §5, §11)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-test-server.h"

/* A Tuesday morning, Stockholm time; every request runs at this instant unless a test moves
 * the clock (and restarts the server). */
#define NOW "2026-03-10T09:00:00+01:00"

static SpTestServer *server;

/* ---- Helpers ---- */

/* Sends a write with a fresh Idempotency-Key. */
static void
post (SpTestServer   *on,
      const char     *token,
      const char     *path,
      const char     *body,
      SpTestResponse *out)
{
  g_autofree char *key = g_uuid_string_random ();

  sp_test_server_request (on, "POST", path, token, key, body, out);
}

static void
get (SpTestServer   *on,
     const char     *token,
     const char     *path,
     SpTestResponse *out)
{
  sp_test_server_request (on, "GET", path, token, NULL, NULL, out);
}

static const char *
get_string (SpTestResponse *r,
            const char     *member)
{
  return json_object_get_string_member (sp_test_response_object (r), member);
}

static char *
create_patient (SpTestServer *on,
                const char   *ward)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *body = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"Testa\","
                                           "\"family_name\":\"Testsson\"}", identity);

  post (on, ward, "/api/v1/patients", body, &r);
  g_test_message ("patient: %u %s", r.status, r.body);
  g_assert_cmpuint (r.status, ==, 201);
  return g_strdup (get_string (&r, "id"));
}

/* An episode at avd-12 addressed to vc-norr, hsl-test and sol-test, with or without the
 * patient's consent to the SVU exchange. */
static char *
create_episode (SpTestServer *on,
                const char   *ward,
                const char   *patient_id,
                gboolean      consent)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"patient_id\":\"%s\",\"estimated_discharge\":\"2026-03-20\","
                          "\"addressing\":[{\"unit\":\"vc-norr\"},{\"unit\":\"hsl-test\"},"
                          "{\"unit\":\"sol-test\"}]%s}", patient_id,
                          consent ? ",\"consents\":[{\"kind\":\"svu_exchange\","
                                    "\"form\":\"oral\",\"given_by\":\"patient\"}]" : "");
  post (on, ward, "/api/v1/episodes", body, &r);
  g_test_message ("episode: %u %s", r.status, r.body);
  g_assert_cmpuint (r.status, ==, 201);
  return g_strdup (get_string (&r, "id"));
}

typedef struct
{
  char *ward;
  char *vc;
  char *hsl;
  char *sol;
  char *vcsyd;
  char *patient_id;
  char *episode_id;
} Fixture;

static void
fixture_clear (Fixture *f)
{
  g_free (f->ward);
  g_free (f->vc);
  g_free (f->hsl);
  g_free (f->sol);
  g_free (f->vcsyd);
  g_free (f->patient_id);
  g_free (f->episode_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static void
fixture_init (Fixture  *f,
              gboolean  consent)
{
  f->ward = sp_test_server_sign_in (server, "ward");
  f->vc = sp_test_server_sign_in (server, "vc");
  f->hsl = sp_test_server_sign_in (server, "hsl");
  f->sol = sp_test_server_sign_in (server, "sol");
  f->vcsyd = sp_test_server_sign_in (server, "vcsyd");
  f->patient_id = create_patient (server, f->ward);
  f->episode_id = create_episode (server, f->ward, f->patient_id, consent);
}

/* Posts a message in the fixture's episode and returns its id. */
static char *
post_message (Fixture    *f,
              const char *token,
              const char *kind,
              const char *to,
              gboolean    send)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/messages", f->episode_id);
  g_autofree char *body = g_strdup_printf ("{\"kind\":\"%s\",\"to\":\"%s\",\"text\":\"Hej\","
                                           "\"send\":%s%s}", kind, to, send ? "true" : "false",
                                           g_str_equal (kind, "admin_message")
                                             ? ",\"confirm_no_medical_information\":true" : "");

  post (server, token, path, body, &r);
  g_test_message ("message: %u %s", r.status, r.body);
  g_assert_cmpuint (r.status, ==, 201);
  g_assert_cmpstr (get_string (&r, "status"), ==, send ? "sent" : "saved");
  return g_strdup (get_string (&r, "id"));
}

/* The item of @array whose "id" is @id, or NULL. */
static JsonObject *
find_item (JsonArray  *array,
           const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "id", NULL), id) == 0)
        return item;
    }

  return NULL;
}

static JsonArray *
get_items (SpTestResponse *r)
{
  g_assert_cmpuint (r->status, ==, 200);
  return json_object_get_array_member (sp_test_response_object (r), "items");
}

static gboolean
thread_has (Fixture    *f,
            const char *token,
            const char *message_id)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/messages", f->episode_id);

  get (server, token, path, &r);
  return find_item (get_items (&r), message_id) != NULL;
}

static gboolean
inbox_has (const char *token,
           const char *id)
{
  g_auto(SpTestResponse) r = { 0 };

  get (server, token, "/api/v1/inbox?limit=500", &r);
  return find_item (get_items (&r), id) != NULL;
}

static gint64
inbox_total (const char *token)
{
  g_auto(SpTestResponse) r = { 0 };

  get (server, token, "/api/v1/inbox", &r);
  g_assert_cmpuint (r.status, ==, 200);
  return json_object_get_int_member (sp_test_response_object (&r), "total");
}

static void
message_action (const char     *token,
                const char     *message_id,
                const char     *action,
                SpTestResponse *out)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/messages/%s/%s", message_id, action);

  post (server, token, path, "{}", out);
}

/* Whether the audit log has an entry of @user doing @action on a @kind record of the
 * patient (and on @record, unless NULL), as a log reviewer sees it. */
static gboolean
audit_has (const char *patient_id,
           const char *user,
           const char *action,
           const char *kind,
           const char *record)
{
  g_autofree char *reviewer = sp_test_server_sign_in (server, "granskare");
  g_autofree char *path = g_strdup_printf ("/api/v1/audit?patient=%s&limit=500", patient_id);
  g_auto(SpTestResponse) r = { 0 };
  JsonArray *items;

  get (server, reviewer, path, &r);
  items = get_items (&r);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *entry = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "user"), user) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "action"), action) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "kind"), kind) == 0 &&
          (record == NULL ||
           g_strcmp0 (json_object_get_string_member (entry, "record"), record) == 0))
        return TRUE;
    }

  return FALSE;
}

/* Moves the server's clock: it reads SAMPLAN_TEST_NOW from the environment it started
 * with. The health request waits until the new process serves (and handles SIGTERM). */
static void
restart_at (const char *now)
{
  g_auto(SpTestResponse) health = { 0 };

  sp_test_server_kill (server);
  g_setenv ("SAMPLAN_TEST_NOW", now, TRUE);
  sp_test_server_restart (server);
  get (server, NULL, "/api/v1/health", &health);
  g_assert_cmpuint (health.status, ==, 200);
}

/* ---- Tests ---- */

/* Spara: stored and visible to the parties, nobody notified. SparaSänd: notified. */
static void
test_save_then_send (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) sent = { 0 };
  g_auto(SpTestResponse) again = { 0 };
  g_auto(SpTestResponse) by_other = { 0 };
  g_autofree char *id = NULL;

  fixture_init (&f, TRUE);
  id = post_message (&f, f.ward, "general_message", "vc-norr", FALSE);

  g_assert_true (thread_has (&f, f.vc, id));
  g_assert_true (thread_has (&f, f.ward, id));
  g_assert_false (inbox_has (f.vc, id));

  /* Only the unit that saved it sends it. */
  message_action (f.vc, id, "send", &by_other);
  sp_test_response_assert_error (&by_other, 403, "not_permitted", NULL);

  message_action (f.ward, id, "send", &sent);
  g_assert_cmpuint (sent.status, ==, 200);
  g_assert_cmpstr (get_string (&sent, "status"), ==, "sent");
  g_assert_true (inbox_has (f.vc, id));
  /* Sent to vc-norr only: not in the other units' inboxes. */
  g_assert_false (inbox_has (f.hsl, id));

  message_action (f.ward, id, "send", &again);
  sp_test_response_assert_error (&again, 409, "already_done", NULL);
}

/* A message to one unit is invisible to the other addressed units: in the thread, as a
 * message, and for acknowledging. */
static void
test_to_one_unit (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) own = { 0 };
  g_auto(SpTestResponse) other = { 0 };
  g_auto(SpTestResponse) ack = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  fixture_init (&f, TRUE);
  id = post_message (&f, f.vc, "general_message", "hsl-test", TRUE);
  path = g_strdup_printf ("/api/v1/messages/%s", id);

  g_assert_true (thread_has (&f, f.hsl, id));
  g_assert_true (thread_has (&f, f.vc, id));
  g_assert_false (thread_has (&f, f.sol, id));
  /* Not even the ward sees what two other units say to each other. */
  g_assert_false (thread_has (&f, f.ward, id));

  get (server, f.hsl, path, &own);
  g_assert_cmpuint (own.status, ==, 200);
  g_assert_cmpstr (get_string (&own, "text"), ==, "Hej");
  get (server, f.sol, path, &other);
  sp_test_response_assert_error (&other, 404, "not_found", NULL);
  message_action (f.sol, id, "acknowledge", &ack);
  sp_test_response_assert_error (&ack, 404, "not_found", NULL);
}

/* A message to all must be acknowledged by every recipient, each once; acknowledging takes
 * it out of the unit's inbox. */
static void
test_acknowledge (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) first = { 0 };
  g_auto(SpTestResponse) twice = { 0 };
  g_auto(SpTestResponse) by_sender = { 0 };
  g_auto(SpTestResponse) saved_ack = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *saved = NULL;
  JsonArray *acks;
  gint64 before;

  fixture_init (&f, TRUE);
  id = post_message (&f, f.ward, "general_message", "all", TRUE);
  before = inbox_total (f.vc);

  message_action (f.vc, id, "acknowledge", &first);
  g_assert_cmpuint (first.status, ==, 200);
  g_assert_cmpint (inbox_total (f.vc), ==, before - 1);
  g_assert_false (inbox_has (f.vc, id));
  g_assert_true (inbox_has (f.hsl, id));

  /* Per-unit state: the three addressed units, one of them done. */
  acks = json_object_get_array_member (sp_test_response_object (&first), "acknowledgements");
  g_assert_cmpuint (json_array_get_length (acks), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *ack = json_array_get_object_element (acks, i);
      gboolean is_vc = g_str_equal (json_object_get_string_member (ack, "unit_id"), "vc-norr");

      g_assert_cmpint (json_object_get_boolean_member (ack, "acknowledged"), ==, is_vc);
      if (is_vc)
        g_assert_cmpstr (json_object_get_string_member (ack, "by"), ==, "Bertil Provsson");
    }
  g_assert_false (json_object_get_boolean_member (sp_test_response_object (&first),
                                                  "all_acknowledged"));

  message_action (f.vc, id, "acknowledge", &twice);
  sp_test_response_assert_error (&twice, 409, "already_done", NULL);
  g_assert_cmpint (inbox_total (f.vc), ==, before - 1);

  /* The sender is no recipient. */
  message_action (f.ward, id, "acknowledge", &by_sender);
  sp_test_response_assert_error (&by_sender, 403, "not_permitted", NULL);

  /* A saved message is not acknowledged before it is sent. */
  saved = post_message (&f, f.ward, "general_message", "all", FALSE);
  message_action (f.hsl, saved, "acknowledge", &saved_ack);
  sp_test_response_assert_error (&saved_ack, 409, "not_sent", NULL);
}

/* The inbox holds the notices the unit must acknowledge, newest first, next to messages. */
static void
test_inbox_notices (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) inbox = { 0 };
  g_auto(SpTestResponse) episode = { 0 };
  g_auto(SpTestResponse) ack = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  JsonObject *notice = NULL;
  JsonArray *items;

  fixture_init (&f, TRUE);
  get (server, f.hsl, "/api/v1/inbox?limit=500", &inbox);
  items = get_items (&inbox);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "type"), "admission_notice") &&
          g_str_equal (json_object_get_string_member (item, "episode_id"), f.episode_id))
        notice = item;
    }
  g_assert_nonnull (notice);
  g_assert_cmpstr (json_object_get_string_member (notice, "from_unit_id"), ==, "avd-12");
  g_assert_cmpint (json_object_get_int_member (notice, "age_seconds"), ==, 0);

  /* Acknowledged through the episode, it leaves the inbox. */
  path = g_strdup_printf ("/api/v1/episodes/%s", f.episode_id);
  get (server, f.hsl, path, &episode);
  g_assert_cmpuint (episode.status, ==, 200);
  body = g_strdup_printf ("{\"notice\":\"admission\",\"base_revision\":%" G_GINT64_FORMAT "}",
                          json_object_get_int_member (sp_test_response_object (&episode),
                                                      "revision"));
  g_free (path);
  path = g_strdup_printf ("/api/v1/episodes/%s/acknowledgements", f.episode_id);
  post (server, f.hsl, path, body, &ack);
  g_assert_cmpuint (ack.status, ==, 200);
  g_assert_false (inbox_has (f.hsl, f.episode_id));
  g_assert_true (inbox_has (f.sol, f.episode_id));
}

/* Units outside the addressing learn nothing and cannot be written to. */
static void
test_not_addressed (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) thread = { 0 };
  g_auto(SpTestResponse) write = { 0 };
  g_auto(SpTestResponse) to_outsider = { 0 };
  g_autofree char *path = NULL;

  fixture_init (&f, TRUE);
  path = g_strdup_printf ("/api/v1/episodes/%s/messages", f.episode_id);

  get (server, f.vcsyd, path, &thread);
  sp_test_response_assert_error (&thread, 404, "not_found", NULL);
  post (server, f.vcsyd, path, "{\"kind\":\"general_message\",\"to\":\"all\",\"text\":\"x\"}",
        &write);
  sp_test_response_assert_error (&write, 404, "not_found", NULL);

  post (server, f.ward, path, "{\"kind\":\"general_message\",\"to\":\"vc-syd\",\"text\":\"x\"}",
        &to_outsider);
  sp_test_response_assert_error (&to_outsider, 422, "invalid", "to");
}

/* The form's rule: no medical information in an administrative message. The sender must
 * confirm it; without consent the message is still readable, unlike a general one. */
static void
test_admin_message (void)
{
  g_auto(Fixture) f = { 0 };
  const struct { const char *extra; guint status; const char *code; } cases[] = {
    { "", 422, "missing" },
    { ",\"confirm_no_medical_information\":false", 422, "invalid" },
    /* Not coerced: the string "true" is not a confirmation. */
    { ",\"confirm_no_medical_information\":\"true\"", 422, "type" },
    { ",\"confirm_no_medical_information\":true", 201, NULL },
  };
  g_autofree char *path = NULL;
  g_autofree char *general = NULL;
  g_autofree char *admin = NULL;

  fixture_init (&f, FALSE);
  path = g_strdup_printf ("/api/v1/episodes/%s/messages", f.episode_id);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SpTestResponse) r = { 0 };
      g_autofree char *body = g_strdup_printf ("{\"kind\":\"admin_message\",\"to\":\"all\","
                                               "\"text\":\"Byte av telefonnummer\"%s}",
                                               cases[i].extra);

      post (server, f.ward, path, body, &r);
      if (cases[i].code != NULL)
        {
          sp_test_response_assert_error (&r, cases[i].status, cases[i].code, "confirm_no_medical_information");
          continue;
        }
      g_assert_cmpuint (r.status, ==, 201);
      g_assert_nonnull (strstr (get_string (&r, "notice"), "medicinsk information"));
    }

  /* No consent: vc-norr reads the administrative message but not the general one. */
  admin = post_message (&f, f.ward, "admin_message", "vc-norr", TRUE);
  general = post_message (&f, f.ward, "general_message", "vc-norr", TRUE);
  {
    g_auto(SpTestResponse) r = { 0 };
    g_autofree char *thread = g_strdup_printf ("/api/v1/episodes/%s/messages", f.episode_id);
    JsonObject *item;

    get (server, f.vc, thread, &r);
    item = find_item (get_items (&r), admin);
    g_assert_false (json_object_get_boolean_member (item, "restricted"));
    g_assert_cmpstr (json_object_get_string_member (item, "text"), ==, "Hej");
    item = find_item (get_items (&r), general);
    g_assert_true (json_object_get_boolean_member (item, "restricted"));
    g_assert_false (json_object_has_member (item, "text"));
    /* It still reached vc-norr: it is acknowledged like any other. */
    g_assert_true (inbox_has (f.vc, general));
  }
}

/* A message outside an episode needs consent recorded (DOMAIN §4). */
static void
test_outside_message_consent (void)
{
  g_autofree char *ward = sp_test_server_sign_in (server, "ward");
  g_autofree char *vc = sp_test_server_sign_in (server, "vc");
  g_autofree char *vcsyd = sp_test_server_sign_in (server, "vcsyd");
  g_autofree char *lone = create_patient (server, ward);
  g_autofree char *with_episode = create_patient (server, ward);
  g_autofree char *without_consent = create_patient (server, ward);
  g_autofree char *episode = create_episode (server, ward, with_episode, TRUE);
  g_autofree char *other_episode = create_episode (server, ward, without_consent, FALSE);
  const struct { const char *patient_id; const char *consent; guint status; } cases[] = {
    /* No episode, no consent in the request. */
    { lone, "", 422 },
    /* The latest episode has no consent. */
    { without_consent, "", 422 },
    /* A consent given now, documented by the sender. */
    { lone, ",\"consent\":{\"form\":\"oral\",\"given_by\":\"patient\"}", 201 },
    /* The consent recorded in the patient's latest episode. */
    { with_episode, "", 201 },
  };
  g_auto(SpTestResponse) incomplete = { 0 };
  g_autofree char *body = NULL;

  (void) episode;
  (void) other_episode;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SpTestResponse) r = { 0 };
      g_autofree char *text = g_strdup_printf ("{\"kind\":\"outside_message\",\"patient_id\":"
                                               "\"%s\",\"to\":\"vc-syd\",\"text\":\"Hej\","
                                               "\"send\":true%s}", cases[i].patient_id,
                                               cases[i].consent);

      g_test_message ("case %u", i);
      post (server, vc, "/api/v1/messages", text, &r);
      if (cases[i].status != 201)
        {
          sp_test_response_assert_error (&r, cases[i].status, "consent_required", "consent");
          continue;
        }

      g_assert_cmpuint (r.status, ==, 201);
      /* The recipient, outside every episode of the patient, has it in its inbox. */
      g_assert_true (inbox_has (vcsyd, get_string (&r, "id")));
    }

  /* A guardian must be named: the consent's own rules apply. */
  body = g_strdup_printf ("{\"kind\":\"outside_message\",\"patient_id\":\"%s\",\"to\":"
                          "\"vc-syd\",\"text\":\"Hej\",\"consent\":{\"form\":\"oral\","
                          "\"given_by\":\"guardian\"}}", lone);
  post (server, vc, "/api/v1/messages", body, &incomplete);
  sp_test_response_assert_error (&incomplete, 422, "missing", "consent.giver_name");
}

static char *
care_request_body (const char *patient_id,
                   const char *to)
{
  return g_strdup_printf ("{\"kind\":\"care_request\",\"patient_id\":\"%s\",\"to\":\"%s\","
                          "\"send\":true,\"care_request\":{\"reason\":\"Försämrad i hemmet\","
                          "\"housing\":\"Ordinärt boende\"}}", patient_id, to);
}

/* Vårdbegäran is VGR's: refused in Stockholm, accepted there from öppenvård to a ward. */
static void
test_care_request (void)
{
  g_autofree char *ward = sp_test_server_sign_in (server, "ward");
  g_autofree char *vc = sp_test_server_sign_in (server, "vc");
  g_autofree char *patient = create_patient (server, ward);
  g_autofree char *body = care_request_body (patient, "avd-12");
  g_auto(SpTestResponse) refused = { 0 };
  SpTestServer *vgr;

  post (server, vc, "/api/v1/messages", body, &refused);
  sp_test_response_assert_error (&refused, 422, "not_in_region", "kind");

  vgr = sp_test_server_start ("vgr");
  {
    g_autofree char *vgr_ward = sp_test_server_sign_in (vgr, "ward");
    g_autofree char *vgr_vc = sp_test_server_sign_in (vgr, "vc");
    g_autofree char *vgr_patient = create_patient (vgr, vgr_ward);
    g_autofree char *ok = care_request_body (vgr_patient, "avd-12");
    g_autofree char *to_vc = care_request_body (vgr_patient, "vc-syd");
    g_autofree char *no_reason = g_strdup_printf ("{\"kind\":\"care_request\",\"patient_id\":"
                                                  "\"%s\",\"to\":\"avd-12\","
                                                  "\"care_request\":{}}", vgr_patient);
    g_auto(SpTestResponse) accepted = { 0 };
    g_auto(SpTestResponse) inbox = { 0 };
    g_auto(SpTestResponse) wrong_unit = { 0 };
    g_auto(SpTestResponse) from_ward = { 0 };
    g_auto(SpTestResponse) missing = { 0 };
    JsonObject *details;

    post (vgr, vgr_vc, "/api/v1/messages", ok, &accepted);
    g_test_message ("%s", accepted.body);
    g_assert_cmpuint (accepted.status, ==, 201);
    details = json_object_get_object_member (sp_test_response_object (&accepted), "details");
    g_assert_cmpstr (json_object_get_string_member (details, "reason"), ==,
                     "Försämrad i hemmet");
    g_assert_true (json_object_get_null_member (details, "medication_handling"));

    get (vgr, vgr_ward, "/api/v1/inbox", &inbox);
    g_assert_nonnull (find_item (get_items (&inbox), get_string (&accepted, "id")));

    post (vgr, vgr_vc, "/api/v1/messages", to_vc, &wrong_unit);
    sp_test_response_assert_error (&wrong_unit, 422, "invalid", "to");
    post (vgr, vgr_ward, "/api/v1/messages", to_vc, &from_ward);
    sp_test_response_assert_error (&from_ward, 403, "not_permitted", "kind");
    post (vgr, vgr_vc, "/api/v1/messages", no_reason, &missing);
    sp_test_response_assert_error (&missing, 422, "missing", "care_request.reason");
  }
  sp_test_server_stop (vgr);
}

/* A replayed POST answers what the first answered and creates nothing new. */
static void
test_idempotent_replay (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) first = { 0 };
  g_auto(SpTestResponse) replay = { 0 };
  g_auto(SpTestResponse) reused = { 0 };
  g_auto(SpTestResponse) thread = { 0 };
  g_autofree char *path = NULL;
  const char *body = "{\"kind\":\"general_message\",\"to\":\"all\",\"text\":\"En gång\"}";
  JsonArray *items;
  guint count = 0;

  fixture_init (&f, TRUE);
  path = g_strdup_printf ("/api/v1/episodes/%s/messages", f.episode_id);
  sp_test_server_request (server, "POST", path, f.ward, "replay-key-1", body, &first);
  sp_test_server_request (server, "POST", path, f.ward, "replay-key-1", body, &replay);
  g_assert_cmpuint (first.status, ==, 201);
  g_assert_cmpuint (replay.status, ==, 201);
  g_assert_cmpstr (first.body, ==, replay.body);

  sp_test_server_request (server, "POST", path, f.ward, "replay-key-1",
                          "{\"kind\":\"general_message\",\"to\":\"all\",\"text\":\"Annat\"}",
                          &reused);
  sp_test_response_assert_error (&reused, 422, "idempotency_key_reused", NULL);

  get (server, f.ward, path, &thread);
  items = get_items (&thread);
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items, i),
                                                    "type"), "message"))
      count++;
  g_assert_cmpuint (count, ==, 1);
}

/* The thread merges the episode's log (read-only) with the messages, oldest first. */
static void
test_thread_order (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) r = { 0 };
  g_auto(SpTestResponse) page = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *paged = NULL;
  g_autofree char *id = NULL;
  JsonObject *first, *second;
  JsonArray *items;

  fixture_init (&f, TRUE);
  id = post_message (&f, f.ward, "general_message", "all", TRUE);
  path = g_strdup_printf ("/api/v1/episodes/%s/messages", f.episode_id);
  get (server, f.vc, path, &r);
  items = get_items (&r);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);

  /* Same second: the admission notice was logged first and stays first. */
  first = json_array_get_object_element (items, 0);
  second = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "event");
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "send_admission_notice");
  g_assert_true (json_object_get_boolean_member (first, "read_only"));
  g_assert_cmpstr (json_object_get_string_member (second, "id"), ==, id);

  paged = g_strdup_printf ("%s?offset=1&limit=1", path);
  get (server, f.vc, paged, &page);
  items = get_items (&page);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "id"), ==, id);
  g_assert_cmpint (json_object_get_int_member (sp_test_response_object (&page), "total"), ==,
                   2);
}

/* Every read and write of a message is in the audit log, with its patient (DOMAIN §12). */
static void
test_audit (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) read = { 0 };
  g_auto(SpTestResponse) ack = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  fixture_init (&f, TRUE);
  id = post_message (&f, f.ward, "general_message", "vc-norr", TRUE);
  g_assert_true (audit_has (f.patient_id, "ward", "create", "message", id));
  g_assert_true (audit_has (f.patient_id, "ward", "send", "message", id));

  g_assert_false (audit_has (f.patient_id, "vc", "list", "message", NULL));
  g_assert_true (thread_has (&f, f.vc, id));
  g_assert_true (audit_has (f.patient_id, "vc", "list", "message", NULL));

  g_assert_false (audit_has (f.patient_id, "hsl", "list", "message", NULL));
  g_assert_false (inbox_has (f.hsl, id));
  /* The admission notice put the patient in hsl-test's inbox. */
  g_assert_true (audit_has (f.patient_id, "hsl", "list", "message", NULL));

  path = g_strdup_printf ("/api/v1/messages/%s", id);
  get (server, f.vc, path, &read);
  g_assert_cmpuint (read.status, ==, 200);
  g_assert_true (audit_has (f.patient_id, "vc", "read", "message", id));
  message_action (f.vc, id, "acknowledge", &ack);
  g_assert_cmpuint (ack.status, ==, 200);
  g_assert_true (audit_has (f.patient_id, "vc", "acknowledge", "message", id));
}

/* Three days on, nobody but hsl-test has acknowledged and no care contact is named: the
 * draft lists what was late and by how much, and stays with the drafting unit. */
static void
test_deviation_draft (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) episode = { 0 };
  g_auto(SpTestResponse) ack = { 0 };
  g_auto(SpTestResponse) draft = { 0 };
  g_auto(SpTestResponse) send = { 0 };
  g_auto(SpTestResponse) addressed = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *ward = NULL;
  g_autofree char *vc = NULL;
  JsonObject *details;
  JsonArray *late;
  guint n_ack_late = 0, n_contact_late = 0;

  fixture_init (&f, TRUE);
  path = g_strdup_printf ("/api/v1/episodes/%s", f.episode_id);
  get (server, f.hsl, path, &episode);
  body = g_strdup_printf ("{\"notice\":\"admission\",\"base_revision\":%" G_GINT64_FORMAT "}",
                          json_object_get_int_member (sp_test_response_object (&episode),
                                                      "revision"));
  g_free (path);
  path = g_strdup_printf ("/api/v1/episodes/%s/acknowledgements", f.episode_id);
  post (server, f.hsl, path, body, &ack);
  g_assert_cmpuint (ack.status, ==, 200);

  /* Friday 09:00: the acknowledgements were due Wednesday 09:00 (24 weekday hours). */
  restart_at ("2026-03-13T09:00:00+01:00");
  ward = sp_test_server_sign_in (server, "ward");
  vc = sp_test_server_sign_in (server, "vc");

  g_free (path);
  path = g_strdup_printf ("/api/v1/episodes/%s/messages", f.episode_id);
  post (server, ward, path, "{\"kind\":\"deviation_draft\",\"risk\":\"Fördröjd hemgång\"}",
        &draft);
  g_test_message ("%s", draft.body);
  g_assert_cmpuint (draft.status, ==, 201);
  details = json_object_get_object_member (sp_test_response_object (&draft), "details");
  g_assert_cmpstr (json_object_get_string_member (details, "risk"), ==, "Fördröjd hemgång");
  g_assert_cmpstr (json_object_get_string_member (details, "unit"), ==, "avd-12");
  g_assert_true (json_object_get_null_member (details, "consequence"));
  g_assert_nonnull (strstr (json_object_get_string_member (details, "event"),
                            "48 tim 00 min för sent (vc-norr)"));

  late = json_object_get_array_member (details, "late");
  for (guint i = 0; i < json_array_get_length (late); i++)
    {
      JsonObject *item = json_array_get_object_element (late, i);
      const char *clock = json_object_get_string_member (item, "clock");

      g_assert_cmpint (json_object_get_int_member (item, "late_seconds"), ==, 48 * 3600);
      if (g_str_equal (clock, "admission_notice_acknowledged"))
        {
          /* hsl-test acknowledged in time. */
          g_assert_cmpstr (json_object_get_string_member (item, "unit_id"), !=, "hsl-test");
          n_ack_late++;
        }
      else
        {
          g_assert_cmpstr (clock, ==, "care_contact_named");
          n_contact_late++;
        }
    }
  g_assert_cmpuint (n_ack_late, ==, 2);
  g_assert_cmpuint (n_contact_late, ==, 1);

  g_assert_false (thread_has (&f, vc, get_string (&draft, "id")));
  g_assert_true (thread_has (&f, ward, get_string (&draft, "id")));

  /* The inbox is newest first: today's message before Tuesday's admission notice, which
   * has waited three days. */
  {
    g_auto(SpTestResponse) inbox = { 0 };
    g_autofree char *id = post_message (&f, ward, "general_message", "vc-norr", TRUE);
    JsonArray *items;
    JsonObject *notice;

    get (server, vc, "/api/v1/inbox?limit=500", &inbox);
    items = get_items (&inbox);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                    "id"), ==, id);
    notice = find_item (items, f.episode_id);
    g_assert_cmpint (json_object_get_int_member (notice, "age_seconds"), ==, 3 * 24 * 3600);
  }

  message_action (ward, get_string (&draft, "id"), "send", &send);
  sp_test_response_assert_error (&send, 403, "not_permitted", "send");
  post (server, ward, path, "{\"kind\":\"deviation_draft\",\"to\":\"all\"}", &addressed);
  sp_test_response_assert_error (&addressed, 422, "invalid", "to");

  restart_at (NOW);
}

static void
test_bad_input (void)
{
  g_auto(Fixture) f = { 0 };
  const struct { const char *body; const char *code; const char *field; } cases[] = {
    { "{\"to\":\"all\",\"text\":\"x\"}", "missing", "kind" },
    { "{\"kind\":\"letter\",\"to\":\"all\",\"text\":\"x\"}", "invalid", "kind" },
    /* Outside messages go to /api/v1/messages. */
    { "{\"kind\":\"outside_message\",\"to\":\"all\",\"text\":\"x\"}", "invalid", "kind" },
    { "{\"kind\":\"general_message\",\"to\":\"all\"}", "missing", "text" },
    { "{\"kind\":\"general_message\",\"to\":\"all\",\"text\":\"\"}", "invalid", "text" },
    { "{\"kind\":\"general_message\",\"text\":\"x\"}", "missing", "to" },
    /* To oneself is to no other unit. */
    { "{\"kind\":\"general_message\",\"to\":\"avd-12\",\"text\":\"x\"}", "invalid", "to" },
    { "{\"kind\":\"general_message\",\"to\":\"all\",\"text\":\"x\",\"send\":1}", "type",
      "send" },
  };
  g_autofree char *path = NULL;

  fixture_init (&f, TRUE);
  path = g_strdup_printf ("/api/v1/episodes/%s/messages", f.episode_id);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      post (server, f.ward, path, cases[i].body, &r);
      sp_test_response_assert_error (&r, 422, cases[i].code, cases[i].field);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_setenv ("SAMPLAN_TEST_NOW", NOW, TRUE);

  g_test_add_func ("/server/api/messages/save-then-send", test_save_then_send);
  g_test_add_func ("/server/api/messages/to-one-unit", test_to_one_unit);
  g_test_add_func ("/server/api/messages/acknowledge", test_acknowledge);
  g_test_add_func ("/server/api/messages/inbox-notices", test_inbox_notices);
  g_test_add_func ("/server/api/messages/not-addressed", test_not_addressed);
  g_test_add_func ("/server/api/messages/admin-message", test_admin_message);
  g_test_add_func ("/server/api/messages/outside-consent", test_outside_message_consent);
  g_test_add_func ("/server/api/messages/care-request", test_care_request);
  g_test_add_func ("/server/api/messages/idempotent-replay", test_idempotent_replay);
  g_test_add_func ("/server/api/messages/thread-order", test_thread_order);
  g_test_add_func ("/server/api/messages/bad-input", test_bad_input);
  g_test_add_func ("/server/api/messages/audit", test_audit);
  g_test_add_func ("/server/api/messages/deviation-draft", test_deviation_draft);

  server = sp_test_server_start ("stockholm");
  status = g_test_run ();
  sp_test_server_stop (server);

  return status;
}
