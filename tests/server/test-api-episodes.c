/* test-api-episodes.c — the patient registry and the episode endpoints, end to end
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's clock is fixed with SAMPLAN_TEST_NOW; a test that needs another time restarts
 * the server with it (set_now()).
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-audit.h"
#include "sp-json.h"
#include "sp-store.h"
#include "sp-test-server.h"

/* Tuesday 10 March 2026, an ordinary weekday, before and after 12:00 Stockholm time. */
#define MORNING   "2026-03-10T09:30:00+01:00"
#define AFTERNOON "2026-03-10T13:15:00+01:00"
/* Thursday morning: two weekdays after MORNING, so every 24-weekday-hour clock has run out. */
#define THURSDAY  "2026-03-12T10:00:00+01:00"
/* Thirteen hours after MORNING: a token from MORNING (12 h) has expired. */
#define EVENING   "2026-03-10T22:30:00+01:00"

#define CONSENT_SVU "{\"kind\":\"svu_exchange\",\"form\":\"oral\",\"given_by\":\"patient\"}"

static SpTestServer *server;

/* One signed-in user per fixture unit, renewed whenever the clock moves. */
typedef enum
{
  WARD,
  VC,
  HSL,
  SOL,
  VCSYD,
  GRANSKARE,
  N_USERS,
} User;

static const char *usernames[N_USERS] = { "ward", "vc", "hsl", "sol", "vcsyd", "granskare" };
static char *tokens[N_USERS];

static void
sign_in_all (void)
{
  for (guint i = 0; i < N_USERS; i++)
    {
      g_free (tokens[i]);
      tokens[i] = sp_test_server_sign_in (server, usernames[i]);
    }
}

/* Tokens live in the database and survive the restart; @renew signs everybody in again,
 * for a clock more than 12 h past their sign-in. (Signing in is slow on purpose.) */
static void
set_now (const char *iso,
         gboolean    renew)
{
  g_setenv ("SAMPLAN_TEST_NOW", iso, TRUE);
  sp_test_server_kill (server);
  sp_test_server_restart (server);
  if (renew)
    sign_in_all ();
}

/* Every write gets a fresh Idempotency-Key unless a test names one. */
static void
request (const char     *method,
         const char     *path,
         const char     *token,
         const char     *body,
         SpTestResponse *out)
{
  static guint counter = 0;
  g_autofree char *key = g_strdup_printf ("key-%u", ++counter);

  sp_test_server_request (server, method, path, token,
                          g_strcmp0 (method, "GET") != 0 ? key : NULL, body, out);
}

static JsonObject *
object_of (SpTestResponse *r)
{
  return sp_test_response_object (r);
}

static JsonObject *
error_of (SpTestResponse *r)
{
  return json_object_get_object_member (object_of (r), "error");
}

static void
assert_status (SpTestResponse *r,
               guint           status)
{
  if (r->status != status)
    g_error ("expected %u, got %u: %s", status, r->status, r->body);
}

/* A valid personnummer for @birth (YYYYMMDD) and a three-digit @serial: Luhn over the
 * ten-digit form. */
static char *
make_identity (const char *birth,
               guint       serial)
{
  g_autofree char *ten = g_strdup_printf ("%s%03u", birth + 2, serial);
  guint sum = 0;

  for (guint i = 0; i < 9; i++)
    {
      guint d = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += d > 9 ? d - 9 : d;
    }

  return g_strdup_printf ("%s-%03u%u", birth, serial, (10 - sum % 10) % 10);
}

static char *
create_patient (User        user,
                const char *identity,
                const char *given_name)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *body = g_strdup_printf (
    "{\"identity\":\"%s\",\"given_name\":\"%s\",\"family_name\":\"Testsson\","
    "\"address\":{\"street\":\"Provgatan 1\",\"postal_code\":\"99999\",\"city\":\"Teststad\"},"
    "\"municipality\":{\"code\":\"9991\",\"name\":\"Testkommun\"},"
    "\"listed_unit_id\":\"vc-norr\",\"phone\":\"070-0000000\"}", identity, given_name);

  request ("POST", "/api/v1/patients", tokens[user], body, &r);
  assert_status (&r, 201);
  return g_strdup (json_object_get_string_member (object_of (&r), "id"));
}

static guint serial = 100;

/* A new patient with a unique identity number; @birth makes a child or an adult. */
static char *
new_patient (const char *birth,
             const char *given_name)
{
  g_autofree char *identity = make_identity (birth, serial++);

  return create_patient (WARD, identity, given_name);
}

/* The ward's admission notice to vc-norr, hsl-test and sol-test; returns the response. */
static void
admit (const char     *patient_id,
       gboolean        with_consent,
       SpTestResponse *out)
{
  g_autofree char *body = g_strdup_printf (
    "{\"patient_id\":\"%s\",\"addressing\":[{\"unit\":\"vc-norr\",\"role\":\"recipient\"},"
    "{\"unit\":\"hsl-test\"},{\"unit\":\"sol-test\"}],\"estimated_discharge\":\"2026-03-14\","
    "\"reason_for_contact\":\"Fall i hemmet, höftfraktur\",\"responsible_doctor\":\"Dr Test\","
    "\"consents\":[%s]}", patient_id, with_consent ? CONSENT_SVU : "");

  request ("POST", "/api/v1/episodes", tokens[WARD], body, out);
  assert_status (out, 201);
}

typedef struct
{
  char   *id;
  gint64  revision;
} Episode;

static void
episode_clear (Episode *episode)
{
  g_clear_pointer (&episode->id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Episode, episode_clear)

static void
remember (Episode        *episode,
          SpTestResponse *r)
{
  JsonObject *object = object_of (r);

  g_free (episode->id);
  episode->id = g_strdup (json_object_get_string_member (object, "id"));
  episode->revision = json_object_get_int_member (object, "revision");
}

/* POST /episodes/ID/WHAT with base_revision and @extra members; on success the episode's
 * revision moves on. */
static void
act (Episode        *episode,
     User            user,
     const char     *what,
     const char     *extra,
     SpTestResponse *out)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/%s", episode->id, what);
  g_autofree char *body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT "%s%s}",
                                           episode->revision, extra != NULL ? "," : "",
                                           extra != NULL ? extra : "");

  request ("POST", path, tokens[user], body, out);
  if (out->status == 200)
    {
      gint64 revision = json_object_get_int_member (object_of (out), "revision");

      g_assert_cmpint (revision, ==, episode->revision + 1);
      episode->revision = revision;
    }
}

static void
act_ok (Episode    *episode,
        User        user,
        const char *what,
        const char *extra)
{
  g_auto(SpTestResponse) r = { 0 };

  act (episode, user, what, extra, &r);
  assert_status (&r, 200);
}

static void
get_episode (Episode        *episode,
             User            user,
             SpTestResponse *out)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", episode->id);

  request ("GET", path, tokens[user], NULL, out);
}

static const char *
state_of (SpTestResponse *r)
{
  return json_object_get_string_member (object_of (r), "state");
}

static JsonObject *
addressee (JsonObject *episode,
           const char *unit_id)
{
  JsonArray *addressing = json_object_get_array_member (episode, "addressing");

  for (guint i = 0; i < json_array_get_length (addressing); i++)
    {
      JsonObject *entry = json_array_get_object_element (addressing, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "unit_id"), unit_id) == 0)
        return entry;
    }

  g_assert_not_reached ();
}

static gboolean
is_acknowledged (JsonObject *episode,
                 const char *unit_id,
                 const char *which)
{
  return !json_object_get_null_member (addressee (episode, unit_id), which);
}

/* The timeline as "kind@unit" joined with spaces. */
static char *
timeline (JsonObject *episode)
{
  JsonArray *events = json_object_get_array_member (episode, "events");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      g_string_append_printf (text, "%s%s@%s", i > 0 ? " " : "",
                              json_object_get_string_member (event, "kind"),
                              json_object_get_string_member (event, "unit_id"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
acknowledge_all (Episode    *episode,
                 const char *notice)
{
  g_autofree char *extra = g_strdup_printf ("\"notice\":\"%s\"", notice);

  act_ok (episode, VC, "acknowledgements", extra);
  act_ok (episode, HSL, "acknowledgements", extra);
  act_ok (episode, SOL, "acknowledgements", extra);
}

/* 1. The happy path across four units. */
static void
test_happy_path (void)
{
  g_autofree char *patient = new_patient ("19450312", "Greta");
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) r = { 0 };
  g_auto(Episode) episode = { 0 };
  g_autofree char *events = NULL;
  JsonObject *object;
  JsonArray *contacts;

  admit (patient, TRUE, &created);
  remember (&episode, &created);
  object = object_of (&created);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "planning");
  g_assert_cmpint (episode.revision, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "ward_unit_id"), ==, "avd-12");
  /* Stamped by the server's clock, which the test fixed. */
  g_assert_cmpstr (json_object_get_string_member (object, "admission_notice_sent_at"), ==,
                   "2026-03-10T08:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "estimated_discharge"), ==,
                   "2026-03-14");
  g_assert_false (json_object_get_boolean_member (object, "patient_is_child"));
  g_assert_false (json_object_get_boolean_member (object, "restricted"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "addressing")),
                    ==, 3);
  g_assert_false (is_acknowledged (object, "vc-norr", "admission_acknowledgement"));

  /* Every addressed unit acknowledges the notice. */
  acknowledge_all (&episode, "admission");

  /* The vårdcentral names its care contact and makes it the lead. */
  act_ok (&episode, VC, "care-contacts", "\"name\":\"Sara Kontakt\",\"phone\":\"08-123 456\"");
  act_ok (&episode, VC, "lead-care-contact", "\"unit\":\"vc-norr\"");

  /* A new estimated date re-sends the notice: every acknowledgement starts afresh. */
  act (&episode, WARD, "estimated-discharge", "\"date\":\"2026-03-16\"", &r);
  assert_status (&r, 200);
  object = object_of (&r);
  g_assert_cmpstr (json_object_get_string_member (object, "estimated_discharge"), ==,
                   "2026-03-16");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                         "estimate_history")),
                    ==, 2);
  g_assert_false (is_acknowledged (object, "vc-norr", "admission_acknowledgement"));
  g_assert_false (is_acknowledged (object, "hsl-test", "admission_acknowledgement"));
  g_assert_false (is_acknowledged (object, "sol-test", "admission_acknowledgement"));
  sp_test_response_clear (&r);
  acknowledge_all (&episode, "admission");

  /* Ready before 12:00: that very day is day 0. */
  act (&episode, WARD, "ready", NULL, &r);
  assert_status (&r, 200);
  object = object_of (&r);
  g_assert_cmpstr (state_of (&r), ==, "ready");
  g_assert_cmpstr (json_object_get_string_member (object, "ready_at"), ==,
                   "2026-03-10T08:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "day0"), ==, "2026-03-10");
  g_assert_cmpint (json_object_get_int_member (object, "days_after_ready"), ==, 0);
  sp_test_response_clear (&r);
  acknowledge_all (&episode, "ready");

  act (&episode, WARD, "discharge", "\"at\":\"2026-03-10T09:30:00+01:00\"", &r);
  assert_status (&r, 200);
  g_assert_cmpstr (state_of (&r), ==, "discharged");
  sp_test_response_clear (&r);

  /* The whole story, as every party reads it. */
  get_episode (&episode, SOL, &r);
  assert_status (&r, 200);
  object = object_of (&r);
  g_assert_cmpstr (state_of (&r), ==, "discharged");
  g_assert_cmpstr (json_object_get_string_member (object, "discharged_at"), ==,
                   "2026-03-10T08:30:00Z");
  g_assert_true (is_acknowledged (object, "sol-test", "ready_acknowledgement"));
  events = timeline (object);
  g_assert_cmpstr (events, ==,
                   "send_admission_notice@avd-12 "
                   "acknowledge_admission_notice@vc-norr "
                   "acknowledge_admission_notice@hsl-test "
                   "acknowledge_admission_notice@sol-test "
                   "name_care_contact@vc-norr "
                   "set_lead_care_contact@vc-norr "
                   "change_estimated_discharge@avd-12 "
                   "acknowledge_admission_notice@vc-norr "
                   "acknowledge_admission_notice@hsl-test "
                   "acknowledge_admission_notice@sol-test "
                   "mark_ready@avd-12 "
                   "acknowledge_ready@vc-norr "
                   "acknowledge_ready@hsl-test "
                   "acknowledge_ready@sol-test "
                   "discharge@avd-12");
  contacts = json_object_get_array_member (object, "care_contacts");
  g_assert_cmpuint (json_array_get_length (contacts), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contacts, 0),
                                                  "name"), ==, "Sara Kontakt");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (contacts, 0),
                                                 "lead"));
  /* Discharged: nothing more can be done but retracting the discharge. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                         "allowed_actions")),
                    ==, 0);
}

/* 1b. Ready at or after 12:00: day 0 is the next calendar day (the 12:00 rule). */
static void
test_ready_after_noon (void)
{
  g_autofree char *patient = new_patient ("19380101", "Harald");
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) r = { 0 };
  g_auto(Episode) episode = { 0 };
  JsonObject *object;
  JsonArray *clocks;
  gboolean found = FALSE;

  /* Admitted in the morning, ready in the afternoon: the server restarts with the later
   * clock in between. */
  admit (patient, TRUE, &created);
  remember (&episode, &created);
  set_now (AFTERNOON, FALSE);

  act (&episode, WARD, "ready", NULL, &r);
  assert_status (&r, 200);
  object = object_of (&r);
  g_assert_cmpstr (json_object_get_string_member (object, "ready_at"), ==,
                   "2026-03-10T12:15:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "day0"), ==, "2026-03-11");
  /* Today is before day 0: no day has passed yet. */
  g_assert_cmpint (json_object_get_int_member (object, "days_after_ready"), ==, 0);

  /* The ready acknowledgement is due by the end of day 0: 00:00 Stockholm on 12 March. */
  clocks = json_object_get_array_member (object, "clocks");
  for (guint i = 0; i < json_array_get_length (clocks); i++)
    {
      JsonObject *clock = json_array_get_object_element (clocks, i);

      if (g_strcmp0 (json_object_get_string_member (clock, "clock"), "ready_acknowledged") == 0 &&
          g_strcmp0 (json_object_get_string_member (clock, "unit_id"), "sol-test") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (clock, "due"), ==,
                           "2026-03-11T23:00:00Z");
          g_assert_false (json_object_get_boolean_member (clock, "overdue"));
          found = TRUE;
        }
    }
  g_assert_true (found);

  set_now (MORNING, FALSE);
}

/* 2. Who may call what. Rows: endpoints; columns: callers. A unit outside the episode gets
 * 404 as for a missing episode; a signed-out or expired token 401 before anything else. */

typedef enum
{
  SETUP_NONE,
  SETUP_CONTACT,     /* vc-norr has named a care contact */
  SETUP_READY,
  SETUP_DISCHARGED,
} Setup;

enum { C_WARD, C_VC, C_SOL, C_VCSYD, C_GRANSKARE, C_SIGNED_OUT, C_EXPIRED, N_CALLERS };

static const User caller_users[] = { WARD, VC, SOL, VCSYD, GRANSKARE };

typedef struct
{
  const char *method;
  const char *what;   /* after /episodes/ID/, or a special path below */
  const char *extra;  /* body members besides base_revision */
  Setup       setup;
  guint       status[N_CALLERS];
} MatrixRow;

/* Special paths: the list, the episode itself, the registry. */
#define P_LIST       "<list>"
#define P_EPISODE    "<episode>"
#define P_CREATE     "<create-episode>"
#define P_PATIENT    "<patient>"
#define P_LOOKUP     "<lookup>"
#define P_REGISTER   "<register>"

static const MatrixRow matrix[] = {
  /*                                                       ward vc   sol  vcsyd gransk out  exp */
  { "GET",  P_LIST, NULL, SETUP_NONE,                    { 200, 200, 200, 200, 200, 401, 401 } },
  { "GET",  P_EPISODE, NULL, SETUP_NONE,                 { 200, 200, 200, 404, 200, 401, 401 } },
  { "POST", P_CREATE, NULL, SETUP_NONE,                  { 201, 403, 403, 403, 201, 401, 401 } },
  { "GET",  P_PATIENT, NULL, SETUP_NONE,                 { 200, 200, 200, 404, 200, 401, 401 } },
  { "GET",  P_LOOKUP, NULL, SETUP_NONE,                  { 200, 200, 200, 404, 200, 401, 401 } },
  { "POST", P_REGISTER, NULL, SETUP_NONE,                { 201, 403, 403, 403, 201, 401, 401 } },
  { "POST", "estimated-discharge", "\"date\":\"2026-03-20\"", SETUP_NONE,
                                                         { 200, 403, 403, 404, 200, 401, 401 } },
  { "POST", "care-contacts", "\"name\":\"K\",\"phone\":\"1\"", SETUP_NONE,
                                                         { 403, 200, 403, 404, 403, 401, 401 } },
  { "POST", "lead-care-contact", "\"unit\":\"vc-norr\"", SETUP_CONTACT,
                                                         { 403, 200, 403, 404, 403, 401, 401 } },
  { "POST", "ready", NULL, SETUP_NONE,                   { 200, 403, 403, 404, 200, 401, 401 } },
  { "POST", "retract-ready", "\"reason\":\"Feber\"", SETUP_READY,
                                                         { 200, 403, 403, 404, 200, 401, 401 } },
  { "POST", "discharge", "\"at\":\"" MORNING "\"", SETUP_READY,
                                                         { 200, 403, 403, 404, 200, 401, 401 } },
  { "POST", "retract-discharge", NULL, SETUP_DISCHARGED, { 200, 403, 403, 404, 200, 401, 401 } },
  { "POST", "death", "\"at\":\"" MORNING "\"", SETUP_NONE,
                                                         { 200, 403, 403, 404, 200, 401, 401 } },
  { "POST", "cancel", "\"reason\":\"Fel patient\"", SETUP_NONE,
                                                         { 200, 403, 403, 404, 200, 401, 401 } },
  /* The ward does not acknowledge its own notice. */
  { "POST", "acknowledgements", "\"notice\":\"admission\"", SETUP_NONE,
                                                         { 403, 200, 200, 404, 403, 401, 401 } },
  /* Every party documents consent it is given. */
  { "POST", "consents", "\"kind\":\"sip\",\"form\":\"written\",\"given_by\":\"patient\"",
    SETUP_NONE,                                          { 200, 200, 200, 404, 200, 401, 401 } },
  { "POST", "consents/withdraw", "\"kind\":\"svu_exchange\"", SETUP_NONE,
                                                         { 200, 200, 200, 404, 200, 401, 401 } },
  /* A harm assessment is health care's: social services are refused. */
  { "POST", "harm-assessments", "\"outcome\":\"may_share\"", SETUP_NONE,
                                                         { 200, 200, 403, 404, 200, 401, 401 } },
};

typedef struct
{
  Episode  episode;
  char    *patient_id;
  char    *identity;
} Fixture;

static void
fixture_clear (Fixture *fixture)
{
  episode_clear (&fixture->episode);
  g_clear_pointer (&fixture->patient_id, g_free);
  g_clear_pointer (&fixture->identity, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static void
prepare (Fixture *fixture,
         Setup    setup)
{
  g_auto(SpTestResponse) created = { 0 };

  fixture->identity = make_identity ("19500505", serial++);
  fixture->patient_id = create_patient (WARD, fixture->identity, "Matris");
  admit (fixture->patient_id, TRUE, &created);
  remember (&fixture->episode, &created);

  if (setup == SETUP_CONTACT)
    act_ok (&fixture->episode, VC, "care-contacts", "\"name\":\"K\",\"phone\":\"1\"");
  if (setup == SETUP_READY || setup == SETUP_DISCHARGED)
    act_ok (&fixture->episode, WARD, "ready", NULL);
  if (setup == SETUP_DISCHARGED)
    act_ok (&fixture->episode, WARD, "discharge", "\"at\":\"" MORNING "\"");
}

static void
call (const MatrixRow *row,
      Fixture         *fixture,
      const char      *token,
      SpTestResponse  *out)
{
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;

  if (g_strcmp0 (row->what, P_LIST) == 0)
    path = g_strdup ("/api/v1/episodes");
  else if (g_strcmp0 (row->what, P_EPISODE) == 0)
    path = g_strdup_printf ("/api/v1/episodes/%s", fixture->episode.id);
  else if (g_strcmp0 (row->what, P_PATIENT) == 0)
    path = g_strdup_printf ("/api/v1/patients/%s", fixture->patient_id);
  else if (g_strcmp0 (row->what, P_LOOKUP) == 0)
    path = g_strdup_printf ("/api/v1/patients?identity=%s", fixture->identity);
  else if (g_strcmp0 (row->what, P_CREATE) == 0)
    {
      path = g_strdup ("/api/v1/episodes");
      body = g_strdup_printf ("{\"patient_id\":\"%s\",\"addressing\":[{\"unit\":\"vc-norr\"}]}",
                              fixture->patient_id);
    }
  else if (g_strcmp0 (row->what, P_REGISTER) == 0)
    {
      g_autofree char *identity = make_identity ("19600606", serial++);

      path = g_strdup ("/api/v1/patients");
      body = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"Ny\","
                              "\"family_name\":\"Person\"}", identity);
    }
  else
    {
      path = g_strdup_printf ("/api/v1/episodes/%s/%s", fixture->episode.id, row->what);
      body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT "%s%s}",
                              fixture->episode.revision, row->extra != NULL ? "," : "",
                              row->extra != NULL ? row->extra : "");
    }

  request (row->method, path, token, body, out);
}

static void
test_authorisation_matrix (void)
{
  g_autofree char *signed_out = sp_test_server_sign_in (server, "vc");
  g_autofree char *expiring = sp_test_server_sign_in (server, "ward");
  g_auto(SpTestResponse) out = { 0 };
  g_auto(Fixture) last = { 0 };

  sp_test_server_request (server, "DELETE", "/api/v1/session", signed_out, NULL, NULL, &out);
  assert_status (&out, 200);

  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      g_auto(Fixture) shared = { 0 };

      prepare (&shared, matrix[i].setup);
      for (guint c = C_WARD; c <= C_SIGNED_OUT; c++)
        {
          g_auto(Fixture) fresh = { 0 };
          g_auto(SpTestResponse) r = { 0 };
          /* Reads, refusals and creations leave the episode as it was: one fixture serves
           * them all; a transition that succeeds gets its own. */
          gboolean changes = matrix[i].status[c] == 200 &&
                             g_strcmp0 (matrix[i].method, "POST") == 0;
          Fixture *fixture = changes ? &fresh : &shared;

          if (changes)
            prepare (fixture, matrix[i].setup);
          call (&matrix[i], fixture, c == C_SIGNED_OUT ? signed_out : tokens[caller_users[c]],
                &r);
          g_test_message ("%s %s as caller %u: %u", matrix[i].method, matrix[i].what, c,
                          r.status);
          assert_status (&r, matrix[i].status[c]);
          if (c == C_SIGNED_OUT)
            g_assert_cmpstr (sp_test_response_error_code (&r), ==, "unauthorized");
        }
    }

  /* Thirteen hours on, the ward's token has expired: every endpoint says so first. */
  prepare (&last, SETUP_NONE);
  set_now (EVENING, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      call (&matrix[i], &last, expiring, &r);
      assert_status (&r, matrix[i].status[C_EXPIRED]);
      g_assert_cmpstr (sp_test_response_error_code (&r), ==, "token_expired");
    }
  set_now (MORNING, FALSE);
}

/* A unit outside the episode cannot tell an existing episode from a missing one. */
static void
test_outsider_learns_nothing (void)
{
  g_auto(Fixture) fixture = { 0 };
  g_auto(SpTestResponse) existing = { 0 };
  g_auto(SpTestResponse) missing = { 0 };
  g_auto(SpTestResponse) write_existing = { 0 };
  g_auto(SpTestResponse) write_missing = { 0 };
  g_auto(SpTestResponse) list = { 0 };
  Episode nowhere = { (char *) "e-does-not-exist", 1 };
  JsonArray *items;

  prepare (&fixture, SETUP_NONE);
  get_episode (&fixture.episode, VCSYD, &existing);
  get_episode (&nowhere, VCSYD, &missing);
  assert_status (&existing, 404);
  g_assert_cmpstr (existing.body, ==, missing.body);

  act (&fixture.episode, VCSYD, "ready", NULL, &write_existing);
  act (&nowhere, VCSYD, "ready", NULL, &write_missing);
  assert_status (&write_existing, 404);
  g_assert_cmpstr (write_existing.body, ==, write_missing.body);

  /* Nor does it appear in the overview. */
  request ("GET", "/api/v1/episodes?limit=500", tokens[VCSYD], NULL, &list);
  assert_status (&list, 200);
  items = json_object_get_array_member (object_of (&list), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
}

/* 3. Without consent a municipal unit sees only what DOMAIN §4 allows. */
static gboolean
has (SpTestResponse *r,
     const char     *member)
{
  return json_object_has_member (object_of (r), member);
}

static gboolean
card_has (SpTestResponse *r,
          const char     *member)
{
  return json_object_has_member (json_object_get_object_member (object_of (r), "patient"),
                                 member);
}

static void
test_consent_gates_fields (void)
{
  g_autofree char *patient = new_patient ("19400404", "Ingrid");
  g_autofree char *patient_path = g_strdup_printf ("/api/v1/patients/%s", patient);
  g_auto(SpTestResponse) created = { 0 };
  g_auto(Episode) episode = { 0 };

  admit (patient, FALSE, &created);
  remember (&episode, &created);

  /* The ward sees everything. */
  {
    g_auto(SpTestResponse) r = { 0 };

    get_episode (&episode, WARD, &r);
    assert_status (&r, 200);
    g_assert_false (json_object_get_boolean_member (object_of (&r), "restricted"));
    g_assert_true (has (&r, "reason_for_contact"));
    g_assert_true (card_has (&r, "phone"));
  }

  /* Municipal health care without consent: name, identity, address, ward, estimated date
   * (Stockholm: not municipality or listed unit), never the reason for contact. */
  {
    g_auto(SpTestResponse) r = { 0 };
    g_auto(SpTestResponse) p = { 0 };

    get_episode (&episode, HSL, &r);
    assert_status (&r, 200);
    g_assert_true (json_object_get_boolean_member (object_of (&r), "restricted"));
    g_assert_nonnull (json_object_get_string_member (object_of (&r), "restricted_reason"));
    g_assert_true (card_has (&r, "given_name"));
    g_assert_true (card_has (&r, "family_name"));
    g_assert_true (card_has (&r, "identity"));
    g_assert_true (card_has (&r, "address"));
    g_assert_false (card_has (&r, "municipality"));
    g_assert_false (card_has (&r, "listed_unit_id"));
    g_assert_false (card_has (&r, "phone"));
    g_assert_true (has (&r, "ward_unit_id"));
    g_assert_true (has (&r, "estimated_discharge"));
    g_assert_false (has (&r, "reason_for_contact"));
    g_assert_false (has (&r, "responsible_doctor"));
    g_assert_false (has (&r, "consents"));
    g_assert_null (strstr (r.body, "höftfraktur"));

    /* The registry shows the same card. */
    request ("GET", patient_path, tokens[HSL], NULL, &p);
    assert_status (&p, 200);
    g_assert_true (json_object_get_boolean_member (object_of (&p), "restricted"));
    g_assert_true (has (&p, "given_name"));
    g_assert_false (has (&p, "phone"));
  }

  /* A positive harm assessment opens health-care data to health care only. */
  act_ok (&episode, WARD, "harm-assessments",
          "\"outcome\":\"may_share\",\"note\":\"Patienten är medvetslös\"");
  {
    g_auto(SpTestResponse) hsl = { 0 };
    g_auto(SpTestResponse) sol = { 0 };

    get_episode (&episode, HSL, &hsl);
    g_assert_true (has (&hsl, "reason_for_contact"));
    get_episode (&episode, SOL, &sol);
    g_assert_false (has (&sol, "reason_for_contact"));
    g_assert_true (json_object_get_boolean_member (object_of (&sol), "restricted"));
    g_assert_null (strstr (sol.body, "höftfraktur"));
  }

  /* With consent recorded, social services see it too. */
  act_ok (&episode, WARD, "consents", "\"kind\":\"svu_exchange\",\"form\":\"oral\","
                                      "\"given_by\":\"patient\"");
  {
    g_auto(SpTestResponse) sol = { 0 };

    get_episode (&episode, SOL, &sol);
    g_assert_true (has (&sol, "reason_for_contact"));
    g_assert_false (json_object_get_boolean_member (object_of (&sol), "restricted"));
    g_assert_true (card_has (&sol, "phone"));
  }

  /* Withdrawn, it closes again. */
  act_ok (&episode, SOL, "consents/withdraw", "\"kind\":\"svu_exchange\"");
  {
    g_auto(SpTestResponse) sol = { 0 };
    g_auto(SpTestResponse) again = { 0 };

    get_episode (&episode, SOL, &sol);
    g_assert_false (has (&sol, "reason_for_contact"));
    act (&episode, SOL, "consents/withdraw", "\"kind\":\"svu_exchange\"", &again);
    assert_status (&again, 409);
    g_assert_cmpstr (sp_test_response_error_code (&again), ==, "already_withdrawn");
  }
}

/* A child's own consent does not count: the guardian's does. */
/* The named care contact is shown to all parties (DOMAIN §5) even without consent; the
 * reasons for retracting ready and discharge are stored, and withheld like the reason for
 * contact. */
static void
test_contacts_and_retract_reasons (void)
{
  g_autofree char *patient = new_patient ("19410505", "Sture");
  g_auto(SpTestResponse) created = { 0 };
  g_auto(Episode) episode = { 0 };

  admit (patient, FALSE, &created);
  remember (&episode, &created);
  act_ok (&episode, VC, "care-contacts", "\"name\":\"Karin Berg\",\"phone\":\"08-123 45\"");
  act_ok (&episode, WARD, "ready", NULL);
  act_ok (&episode, WARD, "retract-ready", "\"reason\":\"Feber sedan natten\"");
  act_ok (&episode, WARD, "ready", NULL);
  act_ok (&episode, WARD, "discharge", "\"at\":\"" MORNING "\"");
  act_ok (&episode, WARD, "retract-discharge", "\"reason\":\"Transporten uteblev\"");

  {
    g_auto(SpTestResponse) r = { 0 };
    JsonArray *contacts;

    get_episode (&episode, HSL, &r);
    assert_status (&r, 200);
    g_assert_true (json_object_get_boolean_member (object_of (&r), "restricted"));
    contacts = json_object_get_array_member (object_of (&r), "care_contacts");
    g_assert_cmpuint (json_array_get_length (contacts), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contacts, 0),
                                                    "name"), ==, "Karin Berg");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contacts, 0),
                                                    "work_phone"), ==, "08-123 45");
    g_assert_null (strstr (r.body, "Feber"));
    g_assert_null (strstr (r.body, "Transporten"));
  }

  {
    g_auto(SpTestResponse) r = { 0 };

    get_episode (&episode, WARD, &r);
    assert_status (&r, 200);
    g_assert_nonnull (strstr (r.body, "\"detail\":\"Feber sedan natten\""));
    g_assert_nonnull (strstr (r.body, "\"detail\":\"Transporten uteblev\""));
  }
}

static void
test_child_consent (void)
{
  g_autofree char *patient = new_patient ("20150601", "Lilla");
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) own = { 0 };
  g_auto(SpTestResponse) guardian = { 0 };
  g_auto(SpTestResponse) nameless = { 0 };
  g_auto(Episode) episode = { 0 };

  admit (patient, TRUE, &created);
  remember (&episode, &created);
  g_assert_true (json_object_get_boolean_member (object_of (&created), "patient_is_child"));

  get_episode (&episode, SOL, &own);
  g_assert_false (has (&own, "reason_for_contact"));

  act (&episode, WARD, "consents", "\"kind\":\"svu_exchange\",\"form\":\"oral\","
                                   "\"given_by\":\"guardian\"", &nameless);
  assert_status (&nameless, 422);
  g_assert_cmpstr (json_object_get_string_member (error_of (&nameless), "field"), ==,
                   "giver_name");

  act_ok (&episode, WARD, "consents", "\"kind\":\"svu_exchange\",\"form\":\"written\","
                                      "\"given_by\":\"guardian\",\"giver_name\":\"Mamma Test\","
                                      "\"child_asked\":true");
  get_episode (&episode, SOL, &guardian);
  g_assert_true (has (&guardian, "reason_for_contact"));
}

/* 4. Replays, reused keys and stale revisions. */
static void
test_idempotency_and_conflicts (void)
{
  g_autofree char *patient = new_patient ("19330303", "Olle");
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other = NULL;
  g_autofree char *events = NULL;
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) first = { 0 };
  g_auto(SpTestResponse) replay = { 0 };
  g_auto(SpTestResponse) reused = { 0 };
  g_auto(SpTestResponse) stale = { 0 };
  g_auto(SpTestResponse) now = { 0 };
  g_auto(Episode) episode = { 0 };
  JsonObject *current;

  admit (patient, TRUE, &created);
  remember (&episode, &created);

  path = g_strdup_printf ("/api/v1/episodes/%s/acknowledgements", episode.id);
  body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"notice\":\"admission\"}",
                          episode.revision);
  sp_test_server_request (server, "POST", path, tokens[VC], "ack-once", body, &first);
  sp_test_server_request (server, "POST", path, tokens[VC], "ack-once", body, &replay);
  assert_status (&first, 200);
  assert_status (&replay, 200);
  g_assert_cmpstr (first.body, ==, replay.body);

  get_episode (&episode, VC, &now);
  events = timeline (object_of (&now));
  g_assert_cmpstr (events, ==,
                   "send_admission_notice@avd-12 acknowledge_admission_notice@vc-norr");

  other = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"notice\":\"ready\"}",
                           episode.revision);
  sp_test_server_request (server, "POST", path, tokens[VC], "ack-once", other, &reused);
  assert_status (&reused, 422);
  g_assert_cmpstr (sp_test_response_error_code (&reused), ==, "idempotency_key_reused");

  /* The episode moved on to revision 2: an edit based on 1 is refused with the current. */
  act (&episode, HSL, "acknowledgements", "\"notice\":\"admission\"", &stale);
  assert_status (&stale, 409);
  g_assert_cmpstr (sp_test_response_error_code (&stale), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (error_of (&stale), "field"), ==,
                   "base_revision");
  current = json_object_get_object_member (object_of (&stale), "current");
  g_assert_nonnull (current);
  g_assert_cmpint (json_object_get_int_member (current, "revision"), ==, 2);
  g_assert_true (is_acknowledged (current, "vc-norr", "admission_acknowledgement"));
}

/* State-machine refusals come back through the error table. */
static void
test_refusals (void)
{
  g_auto(Fixture) fixture = { 0 };
  struct {
    User        user;
    const char *what;
    const char *extra;
    guint       status;
    const char *code;
    const char *field;
  } cases[] = {
    /* Discharge comes after ready (DOMAIN §5 step 5). */
    { WARD, "discharge", "\"at\":\"" MORNING "\"", 409, "wrong_state", NULL },
    { WARD, "retract-ready", NULL, 409, "wrong_state", NULL },
    /* A discharge in the future is refused by the episode. */
    { WARD, "ready", NULL, 200, NULL, NULL },
    { WARD, "discharge", "\"at\":\"2026-03-11T09:00:00+01:00\"", 422, "invalid", NULL },
    { WARD, "discharge", "\"at\":\"igår\"", 422, "invalid", "at" },
    { WARD, "discharge", NULL, 422, "missing", "at" },
    { VC, "acknowledgements", "\"notice\":\"admission\"", 200, NULL, NULL },
    { VC, "acknowledgements", "\"notice\":\"admission\"", 409, "already_done", NULL },
    { VC, "acknowledgements", "\"notice\":\"both\"", 422, "invalid", "notice" },
    { VC, "lead-care-contact", "\"unit\":\"vc-norr\"", 422, "invalid", NULL },
    { WARD, "cancel", "\"reason\":\"\"", 422, "invalid", NULL },
    { WARD, "consents/withdraw", "\"kind\":\"npo\"", 422, "invalid", "kind" },
  };

  prepare (&fixture, SETUP_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      act (&fixture.episode, cases[i].user, cases[i].what, cases[i].extra, &r);
      g_test_message ("case %u: %s", i, r.body);
      assert_status (&r, cases[i].status);
      if (cases[i].code == NULL)
        continue;
      g_assert_cmpstr (sp_test_response_error_code (&r), ==, cases[i].code);
      if (cases[i].field != NULL)
        g_assert_cmpstr (json_object_get_string_member (error_of (&r), "field"), ==,
                         cases[i].field);
    }
}

/* 5. The registry refuses protected identities and bad numbers. */
static void
test_registry_refusals (void)
{
  g_autofree char *identity = make_identity ("19700707", serial++);
  g_autofree char *protected_body = g_strdup_printf (
    "{\"identity\":\"%s\",\"given_name\":\"Skyddad\",\"family_name\":\"Person\","
    "\"protected_identity\":true}", identity);
  g_autofree char *asylum_body = g_strdup_printf (
    "{\"identity\":\"%s\",\"given_name\":\"A\",\"family_name\":\"B\",\"asylum_seeker\":true}",
    identity);
  g_auto(SpTestResponse) refused = { 0 };
  g_auto(SpTestResponse) asylum = { 0 };
  g_auto(SpTestResponse) lookup = { 0 };
  g_autofree char *lookup_path = g_strdup_printf ("/api/v1/patients?identity=%s", identity);
  struct {
    const char *identity;
    const char *code;
  } bad[] = {
    { "19121212-1213", "identity_checksum" }, /* the check digit of 19121212-1212 is 2 */
    { "19121312-1212", "identity_date" },     /* month 13 */
    { "12345", "identity_length" },
    { "1912121212ab", "identity_characters" },
    { "", "identity_empty" },
    { "20991212-1218", "identity_future" },   /* valid check digit, born after today */
  };

  request ("POST", "/api/v1/patients", tokens[WARD], protected_body, &refused);
  assert_status (&refused, 422);
  g_assert_cmpstr (sp_test_response_error_code (&refused), ==, "protected_identity");
  g_assert_nonnull (strstr (json_object_get_string_member (error_of (&refused), "message"),
                            "Samordna per telefon"));
  /* The refused person is not registered: nobody finds them. */
  request ("GET", lookup_path, tokens[WARD], NULL, &lookup);
  assert_status (&lookup, 404);

  /* Refused as protected even when the number is mistyped too: the answer is the phone. */
  {
    g_auto(SpTestResponse) both = { 0 };

    request ("POST", "/api/v1/patients", tokens[WARD],
             "{\"identity\":\"19121212-1213\",\"given_name\":\"S\",\"family_name\":\"P\","
             "\"protected_identity\":true}", &both);
    assert_status (&both, 422);
    g_assert_cmpstr (sp_test_response_error_code (&both), ==, "protected_identity");
  }

  request ("POST", "/api/v1/patients", tokens[WARD], asylum_body, &asylum);
  assert_status (&asylum, 422);
  g_assert_cmpstr (sp_test_response_error_code (&asylum), ==, "asylum_seeker");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(SpTestResponse) post = { 0 };
      g_auto(SpTestResponse) get = { 0 };
      g_autofree char *body = g_strdup_printf (
        "{\"identity\":\"%s\",\"given_name\":\"A\",\"family_name\":\"B\"}", bad[i].identity);
      g_autofree char *path = g_strdup_printf ("/api/v1/patients?identity=%s", bad[i].identity);

      request ("POST", "/api/v1/patients", tokens[WARD], body, &post);
      g_test_message ("case %u: %s", i, post.body);
      assert_status (&post, 422);
      g_assert_cmpstr (sp_test_response_error_code (&post), ==, bad[i].code);
      g_assert_cmpstr (json_object_get_string_member (error_of (&post), "field"), ==,
                       "identity");
      /* The number never comes back in the error. */
      if (*bad[i].identity != '\0')
        g_assert_null (strstr (post.body, bad[i].identity));

      request ("GET", path, tokens[WARD], NULL, &get);
      assert_status (&get, 422);
      g_assert_cmpstr (sp_test_response_error_code (&get), ==, bad[i].code);
      g_assert_cmpstr (json_object_get_string_member (error_of (&get), "field"), ==, "identity");
    }
}

/* The registry: one record per person, found by any spelling of the number. */
static void
test_registry (void)
{
  g_autofree char *identity = make_identity ("19420212", serial++);
  g_autofree char *patient = create_patient (WARD, identity, "Rut");
  g_autofree char *body = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"Rut\","
                                           "\"family_name\":\"Dubbel\"}", identity);
  /* The ten-digit spelling of the same number. */
  g_autofree char *short_form = g_strdup (identity + 2);
  g_autofree char *path = g_strdup_printf ("/api/v1/patients?identity=%s", short_form);
  g_auto(SpTestResponse) twice = { 0 };
  g_auto(SpTestResponse) found = { 0 };
  g_auto(SpTestResponse) reserve = { 0 };
  g_auto(SpTestResponse) reserve_found = { 0 };
  JsonObject *object;

  request ("POST", "/api/v1/patients", tokens[WARD], body, &twice);
  assert_status (&twice, 409);
  g_assert_cmpstr (sp_test_response_error_code (&twice), ==, "exists");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (object_of (&twice), "current"), "id"),
                   ==, patient);

  request ("GET", path, tokens[WARD], NULL, &found);
  assert_status (&found, 200);
  object = object_of (&found);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, patient);
  g_assert_cmpstr (json_object_get_string_member (object, "given_name"), ==, "Rut");
  g_assert_cmpstr (json_object_get_string_member (object, "housing"), ==, "ordinary");
  g_assert_false (json_object_has_member (object, "protected_identity"));

  /* A reservnummer is opaque and region-tagged. */
  request ("POST", "/api/v1/patients", tokens[WARD],
           "{\"identity\":{\"kind\":\"reservnummer\",\"region\":\"stockholm\","
           "\"value\":\"R-123\"},\"given_name\":\"Okänd\",\"family_name\":\"Person\"}",
           &reserve);
  assert_status (&reserve, 201);
  request ("GET", "/api/v1/patients?identity=stockholm:R-123", tokens[WARD], NULL,
           &reserve_found);
  assert_status (&reserve_found, 200);
  g_assert_cmpstr (json_object_get_string_member (object_of (&reserve_found), "id"), ==,
                   json_object_get_string_member (object_of (&reserve), "id"));
}

/* The overview: filters, paging and what a row holds. */
static guint
count_items (User        user,
             const char *query)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes?limit=500%s", query);

  request ("GET", path, tokens[user], NULL, &r);
  assert_status (&r, 200);
  return json_array_get_length (json_object_get_array_member (object_of (&r), "items"));
}

/* Audit entries for @patient_id with @action, read straight from the server's database. */
static guint
count_audit (const char *patient_id,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open_for_uri (sp_test_server_get_db (server), &error);
  g_autoptr(GPtrArray) entries = NULL;
  guint n = 0;

  g_assert_no_error (error);
  entries = sp_audit_list (store, patient_id, NULL, 0, 10000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      JsonNode *node = g_ptr_array_index (entries, i);

      if (g_strcmp0 (json_object_get_string_member (json_node_get_object (node), "action"),
                     action) == 0)
        n++;
    }

  return n;
}

static void
test_overview (void)
{
  g_autofree char *identity = make_identity ("19310131", serial++);
  g_autofree char *patient = create_patient (WARD, identity, "Zäta");
  g_autofree char *q_identity = NULL;
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) page = { 0 };
  g_auto(SpTestResponse) bad = { 0 };
  g_auto(Episode) episode = { 0 };
  guint all, planning, ready;
  JsonObject *row = NULL;
  JsonArray *items;

  admit (patient, TRUE, &created);
  remember (&episode, &created);
  /* Another episode, so that there are two pages of one. */
  {
    g_autofree char *other = new_patient ("19320202", "Ypsilon");
    g_auto(SpTestResponse) second = { 0 };

    admit (other, TRUE, &second);
  }

  all = count_items (WARD, "");
  planning = count_items (WARD, "&state=planning");
  ready = count_items (WARD, "&state=ready");
  g_assert_cmpuint (all, >, 1);
  g_assert_cmpuint (planning + ready, <=, all);
  g_assert_cmpuint (count_items (WARD, "&state=planning,ready"), ==, planning + ready);
  g_assert_cmpuint (count_items (WARD, "&state=planning,ready,discharged,deceased,cancelled"),
                    ==, all);

  /* Text search on the name (any case) and on the number, as typed. */
  g_assert_cmpuint (count_items (WARD, "&q=z%C3%A4ta"), ==, 1);
  g_assert_cmpuint (count_items (VC, "&q=Z%C3%84TA"), ==, 1);
  q_identity = g_strdup_printf ("&q=%s", identity);
  g_assert_cmpuint (count_items (WARD, q_identity), ==, 1);
  g_assert_cmpuint (count_items (VCSYD, q_identity), ==, 0);
  g_assert_cmpuint (count_items (WARD, "&q=ingen-s%C3%A5dan"), ==, 0);
  /* No planning basis yet: the track is unknown and matches no track filter. */
  g_assert_cmpuint (count_items (WARD, "&q=z%C3%A4ta&track=gul,rod,gra,bla,gron"), ==, 0);

  /* Paging: two pages of one do not overlap. */
  {
    g_auto(SpTestResponse) first = { 0 };
    g_auto(SpTestResponse) second = { 0 };

    request ("GET", "/api/v1/episodes?limit=1", tokens[WARD], NULL, &first);
    request ("GET", "/api/v1/episodes?limit=1&offset=1", tokens[WARD], NULL, &second);
    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (
                         json_object_get_array_member (object_of (&first), "items"), 0), "id"),
                     !=,
                     json_object_get_string_member (
                       json_array_get_object_element (
                         json_object_get_array_member (object_of (&second), "items"), 0),
                       "id"));
    g_assert_cmpint (json_object_get_int_member (object_of (&second), "offset"), ==, 1);
  }

  request ("GET", "/api/v1/episodes?q=z%C3%A4ta", tokens[VC], NULL, &page);
  items = json_object_get_array_member (object_of (&page), "items");
  row = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, episode.id);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (row, "patient"), "given_name"), ==, "Zäta");
  g_assert_cmpstr (json_object_get_string_member (row, "estimated_discharge"), ==, "2026-03-14");
  g_assert_true (json_object_get_null_member (row, "track"));
  g_assert_true (json_object_get_null_member (row, "care_contact"));
  /* vc-norr must acknowledge the notice and name a care contact: the nearer is the
   * acknowledgement, 24 weekday hours after the notice. */
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (row, "next_deadline"), "due"), ==,
                   "2026-03-11T08:30:00Z");
  g_assert_false (json_object_get_boolean_member (row, "overdue"));
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (row, "unacknowledged"), "notices"), ==, 1);

  /* Every listing and reading is in the log, one "list" entry per patient shown. */
  {
    g_auto(SpTestResponse) again = { 0 };
    g_auto(SpTestResponse) read = { 0 };
    guint listed = count_audit (patient, "list");
    guint reads = count_audit (patient, "read");

    request ("GET", "/api/v1/episodes?q=z%C3%A4ta", tokens[HSL], NULL, &again);
    g_assert_cmpuint (count_audit (patient, "list"), ==, listed + 1);
    get_episode (&episode, HSL, &read);
    g_assert_cmpuint (count_audit (patient, "read"), ==, reads + 1);
    g_assert_cmpuint (count_audit (patient, "create"), ==, 2);  /* the patient, the episode */
  }

  request ("GET", "/api/v1/episodes?state=bogus", tokens[WARD], NULL, &bad);
  assert_status (&bad, 422);
  g_assert_cmpstr (json_object_get_string_member (error_of (&bad), "field"), ==, "state");

  /* Two weekdays later the unacknowledged notice is overdue, for vc-norr and for the ward,
   * but not for a unit that has done its part. */
  act_ok (&episode, HSL, "acknowledgements", "\"notice\":\"admission\"");
  set_now (THURSDAY, TRUE);
  g_assert_cmpuint (count_items (VC, "&overdue=true&q=z%C3%A4ta"), ==, 1);
  g_assert_cmpuint (count_items (WARD, "&overdue=true&q=z%C3%A4ta"), ==, 1);
  g_assert_cmpuint (count_items (HSL, "&overdue=true&q=z%C3%A4ta"), ==, 0);
  g_assert_cmpuint (count_items (HSL, "&overdue=false&q=z%C3%A4ta"), ==, 1);

  /* A re-sent notice restarts the acknowledgement clock: hsl-test has 24 weekday hours from
   * now (Thursday 10:00) to acknowledge it again, and is not late yet. */
  act_ok (&episode, WARD, "estimated-discharge", "\"date\":\"2026-03-17\"");
  g_assert_cmpuint (count_items (HSL, "&overdue=true&q=z%C3%A4ta"), ==, 0);
  {
    g_auto(SpTestResponse) r = { 0 };

    request ("GET", "/api/v1/episodes?q=z%C3%A4ta", tokens[HSL], NULL, &r);
    row = json_array_get_object_element (json_object_get_array_member (object_of (&r), "items"),
                                         0);
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (row, "next_deadline"), "due"), ==,
                     "2026-03-13T09:00:00Z");
  }
  set_now (MORNING, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/api/episodes/happy-path", test_happy_path);
  g_test_add_func ("/server/api/episodes/ready-after-noon", test_ready_after_noon);
  g_test_add_func ("/server/api/episodes/authorisation-matrix", test_authorisation_matrix);
  g_test_add_func ("/server/api/episodes/outsider-learns-nothing", test_outsider_learns_nothing);
  g_test_add_func ("/server/api/episodes/consent-gates-fields", test_consent_gates_fields);
  g_test_add_func ("/server/api/episodes/child-consent", test_child_consent);
  g_test_add_func ("/server/api/episodes/contacts-and-retract-reasons",
                   test_contacts_and_retract_reasons);
  g_test_add_func ("/server/api/episodes/idempotency-and-conflicts",
                   test_idempotency_and_conflicts);
  g_test_add_func ("/server/api/episodes/refusals", test_refusals);
  g_test_add_func ("/server/api/patients/refusals", test_registry_refusals);
  g_test_add_func ("/server/api/patients/registry", test_registry);
  g_test_add_func ("/server/api/episodes/overview", test_overview);

  g_setenv ("SAMPLAN_TEST_NOW", MORNING, TRUE);
  server = sp_test_server_start ("stockholm");
  sign_in_all ();
  status = g_test_run ();
  sp_test_server_stop (server);
  for (guint i = 0; i < N_USERS; i++)
    g_free (tokens[i]);

  return status;
}
