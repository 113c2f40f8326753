/* test-api-planning.c — the planning basis over the API: answers per unit kind, versions,
 * the colour track and its overrides, consent, stale edits (DOMAIN §4, §6); and the
 * patientinformation each unit writes for the patient (DOMAIN §9)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-store.h"
#include "sp-test-server.h"

/* A Tuesday morning, Stockholm time: a ready notice now makes today day 0. */
#define NOW "2026-03-10T09:00:00+01:00"

static SpTestServer *server;

/* ---- Helpers ---- */

static void
post (const char     *token,
      const char     *path,
      const char     *body,
      SpTestResponse *out)
{
  g_autofree char *key = g_uuid_string_random ();

  sp_test_server_request (server, "POST", path, token, key, body, out);
}

static void
put (const char     *token,
     const char     *path,
     const char     *body,
     SpTestResponse *out)
{
  g_autofree char *key = g_uuid_string_random ();

  sp_test_server_request (server, "PUT", path, token, key, body, out);
}

static void
get (const char     *token,
     const char     *path,
     SpTestResponse *out)
{
  sp_test_server_request (server, "GET", path, token, NULL, NULL, out);
}

static JsonObject *
object_of (SpTestResponse *r)
{
  return sp_test_response_object (r);
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
  char *planning;     /* the planning path */
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
  g_free (f->planning);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

/* A patient and an episode at avd-12 addressed to vc-norr, hsl-test and sol-test, with or
 * without consent to the SVU exchange. */
static void
fixture_init (Fixture  *f,
              gboolean  consent)
{
  g_auto(SpTestResponse) patient = { 0 };
  g_auto(SpTestResponse) episode = { 0 };
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *body = NULL;

  f->ward = sp_test_server_sign_in (server, "ward");
  f->vc = sp_test_server_sign_in (server, "vc");
  f->hsl = sp_test_server_sign_in (server, "hsl");
  f->sol = sp_test_server_sign_in (server, "sol");
  f->vcsyd = sp_test_server_sign_in (server, "vcsyd");

  body = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"Testa\","
                          "\"family_name\":\"Testsson\"}", identity);
  post (f->ward, "/api/v1/patients", body, &patient);
  g_assert_cmpuint (patient.status, ==, 201);
  f->patient_id = g_strdup (json_object_get_string_member (object_of (&patient), "id"));

  g_free (body);
  body = g_strdup_printf ("{\"patient_id\":\"%s\",\"estimated_discharge\":\"2026-03-20\","
                          "\"addressing\":[{\"unit\":\"vc-norr\"},{\"unit\":\"hsl-test\"},"
                          "{\"unit\":\"sol-test\"}]%s}",
                          f->patient_id,
                          consent ? ",\"consents\":[{\"kind\":\"svu_exchange\","
                                    "\"form\":\"oral\",\"given_by\":\"patient\"}]" : "");
  post (f->ward, "/api/v1/episodes", body, &episode);
  g_test_message ("episode: %u %s", episode.status, episode.body);
  g_assert_cmpuint (episode.status, ==, 201);
  f->episode_id = g_strdup (json_object_get_string_member (object_of (&episode), "id"));
  f->planning = g_strdup_printf ("/api/v1/episodes/%s/planning", f->episode_id);
}

static void
answer (Fixture        *f,
        const char     *token,
        const char     *answers,
        gint64          base_revision,
        SpTestResponse *out)
{
  g_autofree char *path = g_strconcat (f->planning, "/answers", NULL);
  g_autofree char *body = g_strdup_printf ("{\"answers\":%s,\"new_needs\":\"Behöver hjälp\","
                                           "\"base_revision\":%" G_GINT64_FORMAT "}",
                                           answers, base_revision);

  post (token, path, body, out);
}

static const char *
effective_track (SpTestResponse *r)
{
  return json_object_get_string_member (json_object_get_object_member (object_of (r),
                                                                       "effective_track"),
                                        "track");
}

/* The entry of @unit_id in the basis's "units", or NULL. */
static JsonObject *
find_unit (SpTestResponse *r,
           const char     *unit_id)
{
  JsonArray *units = json_object_get_array_member (object_of (r), "units");

  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);

      if (g_str_equal (json_object_get_string_member (unit, "unit_id"), unit_id))
        return unit;
    }

  return NULL;
}

static gint64
episode_revision (Fixture    *f,
                  const char *token)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", f->episode_id);

  get (token, path, &r);
  g_assert_cmpuint (r.status, ==, 200);
  return json_object_get_int_member (object_of (&r), "revision");
}

/* Whether the audit log has an entry of @user doing @action on the @kind record @record of
 * the patient of @f's episode, as a log reviewer sees it. */
static gboolean
audit_has (Fixture    *f,
           const char *user,
           const char *action,
           const char *kind,
           const char *record)
{
  g_autofree char *reviewer = sp_test_server_sign_in (server, "granskare");
  g_autofree char *path = g_strdup_printf ("/api/v1/audit?patient=%s&limit=500",
                                           f->patient_id);
  g_auto(SpTestResponse) r = { 0 };
  JsonArray *items;

  get (reviewer, path, &r);
  g_assert_cmpuint (r.status, ==, 200);
  items = json_object_get_array_member (object_of (&r), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *entry = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "user"), user) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "action"), action) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "kind"), kind) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "record"), record) == 0)
        return TRUE;
    }

  return FALSE;
}

/* ---- Planning ---- */

/* Each kind answers its own questions; the track rises grå → blå → gul as they come in. */
static void
test_tracks_by_unit_kind (void)
{
  const struct { const char *user; const char *answers; guint status; const char *track;
                 const char *rule; } steps[] = {
    /* Only simple visits: nothing the law covers. */
    { "ward", "{\"simple_only\":true,\"extensive\":false}", 201, "gra", "none" },
    /* Known to the region's öppenvård: one principal. */
    { "vc", "{\"region_before\":true}", 200, "bla", "single_principal" },
    /* New municipal health-care needs. */
    { "hsl", "{\"hsl_new\":true,\"hsl_before\":false}", 200, "gul", "hsl_new" },
    /* Existing social-services help changes nothing: still gul. */
    { "sol", "{\"sol_before\":true}", 200, "gul", "hsl_new" },
  };
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) empty = { 0 };
  g_auto(SpTestResponse) thread = { 0 };
  g_autofree char *thread_path = NULL;
  JsonArray *questions, *items;
  guint answered = 0;

  fixture_init (&f, TRUE);

  get (f.ward, f.planning, &empty);
  g_assert_cmpuint (empty.status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (&empty), "revision"), ==, 0);
  g_assert_cmpstr (effective_track (&empty), ==, "gra");
  questions = json_object_get_array_member (object_of (&empty), "questions");
  g_assert_cmpuint (json_array_get_length (questions), ==, 10);
  /* region_new: öppenvård and slutenvård answer it, so the ward may. */
  {
    JsonObject *q = json_array_get_object_element (questions, 5);
    JsonArray *by = json_object_get_array_member (q, "answered_by");

    g_assert_cmpstr (json_object_get_string_member (q, "key"), ==, "region_new");
    g_assert_nonnull (strstr (json_object_get_string_member (q, "text"), "öppenvård"));
    g_assert_cmpuint (json_array_get_length (by), ==, 2);
    g_assert_true (json_object_get_boolean_member (q, "may_answer"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *token = sp_test_server_sign_in (server, steps[i].user);
      g_auto(SpTestResponse) r = { 0 };
      JsonObject *computed;

      answer (&f, token, steps[i].answers, i, &r);
      g_test_message ("step %u: %s", i, r.body);
      g_assert_cmpuint (r.status, ==, steps[i].status);
      g_assert_cmpint (json_object_get_int_member (object_of (&r), "revision"), ==, i + 1);
      g_assert_cmpstr (effective_track (&r), ==, steps[i].track);
      computed = json_object_get_object_member (object_of (&r), "computed_track");
      g_assert_cmpstr (json_object_get_string_member (computed, "rule"), ==, steps[i].rule);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (&r),
                                                                             "units")),
                        ==, i + 1);
    }

  /* Signed by the user, with title and the server's time. */
  {
    g_auto(SpTestResponse) r = { 0 };
    JsonObject *latest, *author;

    get (f.vc, f.planning, &r);
    latest = json_object_get_object_member (find_unit (&r, "hsl-test"), "latest");
    author = json_object_get_object_member (latest, "author");
    g_assert_cmpstr (json_object_get_string_member (author, "name"), ==, "Cecilia Exempelsson");
    g_assert_cmpstr (json_object_get_string_member (author, "title"), ==, "Sjuksköterska");
    g_assert_cmpstr (json_object_get_string_member (latest, "answered_at"), ==,
                     "2026-03-10T08:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (latest, "unit_kind"), ==,
                     "municipal_health");
  }

  /* Each answer is also in the episode's log. */
  thread_path = g_strdup_printf ("/api/v1/episodes/%s/messages", f.episode_id);
  get (f.ward, thread_path, &thread);
  items = json_object_get_array_member (object_of (&thread), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i),
                                                  "kind"), "answer_planning") == 0)
      answered++;
  g_assert_cmpuint (answered, ==, G_N_ELEMENTS (steps));
}

/* A unit answers only its own part; bad answers name the field. */
static void
test_refused_answers (void)
{
  const struct { const char *user; const char *answers; guint status; const char *code;
                 const char *field; } cases[] = {
    /* kommun does not answer for the region's öppenvård */
    { "hsl", "{\"region_new\":true}", 403, "not_answerable", "answers.region_new" },
    { "sol", "{\"extensive\":false}", 403, "not_answerable", "answers.extensive" },
    /* öppenvård does not answer for kommun */
    { "vc", "{\"hsl_new\":true}", 403, "not_answerable", "answers.hsl_new" },
    /* the ward does not answer what the patient had before */
    { "ward", "{\"sol_before\":true}", 403, "not_answerable", "answers.sol_before" },
    { "hsl", "{\"nonsense\":true}", 422, "invalid", "answers.nonsense" },
    /* never coerced */
    { "hsl", "{\"hsl_new\":\"ja\"}", 422, "type", "answers.hsl_new" },
    { "hsl", "[]", 422, "type", "answers" },
    /* outside the addressing: the episode does not exist */
    { "vcsyd", "{\"region_new\":true}", 404, "not_found", NULL },
  };
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) missing = { 0 };
  g_auto(SpTestResponse) no_base = { 0 };
  g_auto(SpTestResponse) after = { 0 };
  g_autofree char *path = NULL;

  fixture_init (&f, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *token = sp_test_server_sign_in (server, cases[i].user);
      g_auto(SpTestResponse) r = { 0 };

      answer (&f, token, cases[i].answers, 0, &r);
      sp_test_response_assert_error (&r, cases[i].status, cases[i].code, cases[i].field);
    }

  path = g_strconcat (f.planning, "/answers", NULL);
  post (f.hsl, path, "{\"base_revision\":0}", &missing);
  sp_test_response_assert_error (&missing, 422, "missing", "answers");
  post (f.hsl, path, "{\"answers\":{}}", &no_base);
  sp_test_response_assert_error (&no_base, 422, "missing", "base_revision");

  /* Nothing refused was stored. */
  get (f.ward, f.planning, &after);
  g_assert_cmpint (json_object_get_int_member (object_of (&after), "revision"), ==, 0);
}

/* Versions are appended, never replaced: the history grows. */
static void
test_versions_append (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) first = { 0 };
  g_auto(SpTestResponse) second = { 0 };
  g_auto(SpTestResponse) r = { 0 };
  JsonObject *unit;
  JsonArray *history;

  fixture_init (&f, TRUE);
  answer (&f, f.vc, "{\"region_before\":true}", 0, &first);
  g_assert_cmpuint (first.status, ==, 201);
  answer (&f, f.vc, "{\"region_before\":true,\"region_new\":true}", 1, &second);
  g_assert_cmpuint (second.status, ==, 200);

  get (f.vc, f.planning, &r);
  unit = find_unit (&r, "vc-norr");
  history = json_object_get_array_member (unit, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (history, i),
                                                 "version"), ==, i + 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (unit, "latest"),
                                               "version"), ==, 2);
  g_assert_false (json_object_has_member (
                    json_object_get_object_member (json_array_get_object_element (history, 0),
                                                   "answers"), "region_new"));
}

/* A stale base_revision is a conflict that shows the basis as it is now. */
static void
test_stale_revision (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) first = { 0 };
  g_auto(SpTestResponse) stale = { 0 };
  g_auto(SpTestResponse) ahead = { 0 };
  JsonObject *current;

  fixture_init (&f, TRUE);
  answer (&f, f.ward, "{\"hsl_new\":true}", 0, &first);
  g_assert_cmpuint (first.status, ==, 201);

  answer (&f, f.hsl, "{\"hsl_new\":true}", 0, &stale);
  sp_test_response_assert_error (&stale, 409, "conflict", "base_revision");
  current = json_object_get_object_member (object_of (&stale), "current");
  g_assert_cmpint (json_object_get_int_member (current, "revision"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (current, "units")), ==,
                    1);

  answer (&f, f.hsl, "{\"hsl_new\":true}", 7, &ahead);
  sp_test_response_assert_error (&ahead, 409, "conflict", "base_revision");
}

/* An override with a reason wins over the computed track until it is cleared; both stay in
 * the history. */
static void
test_override (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) answered = { 0 };
  g_auto(SpTestResponse) no_reason = { 0 };
  g_auto(SpTestResponse) bad_track = { 0 };
  g_auto(SpTestResponse) overridden = { 0 };
  g_auto(SpTestResponse) cleared = { 0 };
  g_auto(SpTestResponse) outsider = { 0 };
  g_autofree char *override = NULL;
  g_autofree char *clear = NULL;
  JsonObject *entry;

  fixture_init (&f, TRUE);
  override = g_strconcat (f.planning, "/override", NULL);
  clear = g_strconcat (f.planning, "/clear-override", NULL);
  answer (&f, f.hsl, "{\"hsl_new\":true}", 0, &answered);
  g_assert_cmpstr (effective_track (&answered), ==, "gul");

  post (f.ward, override, "{\"track\":\"rod\",\"base_revision\":1}", &no_reason);
  sp_test_response_assert_error (&no_reason, 422, "no_reason", "reason");
  post (f.ward, override, "{\"track\":\"lila\",\"reason\":\"x\",\"base_revision\":1}",
        &bad_track);
  sp_test_response_assert_error (&bad_track, 422, "invalid", "track");
  post (f.vcsyd, override, "{\"track\":\"rod\",\"reason\":\"x\",\"base_revision\":1}",
        &outsider);
  sp_test_response_assert_error (&outsider, 404, "not_found", NULL);

  post (f.ward, override,
        "{\"track\":\"rod\",\"reason\":\"Avancerad vård i hemmet\",\"base_revision\":1}",
        &overridden);
  g_assert_cmpuint (overridden.status, ==, 200);
  g_assert_cmpstr (effective_track (&overridden), ==, "rod");
  g_assert_nonnull (strstr (json_object_get_string_member (
                              json_object_get_object_member (object_of (&overridden),
                                                             "effective_track"), "reason"),
                            "manuellt"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (object_of (&overridden), "computed_track"),
                     "track"), ==, "gul");
  entry = json_object_get_object_member (object_of (&overridden), "override");
  g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==,
                   "Avancerad vård i hemmet");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "by"),
                                                  "unit_id"), ==, "avd-12");

  post (f.vc, clear, "{\"base_revision\":2}", &cleared);
  g_assert_cmpuint (cleared.status, ==, 200);
  g_assert_cmpstr (effective_track (&cleared), ==, "gul");
  g_assert_true (json_object_get_null_member (object_of (&cleared), "override"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (&cleared),
                                                                         "override_history")),
                    ==, 2);
}

/* Without consent each party plans within its own organisation: the municipal units do not
 * see öppenvård's answers, the ward sees everyone's (DOMAIN §4). */
static void
test_without_consent (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) answered = { 0 };
  g_auto(SpTestResponse) own = { 0 };
  g_auto(SpTestResponse) as_hsl = { 0 };
  g_auto(SpTestResponse) as_ward = { 0 };
  JsonObject *unit;

  fixture_init (&f, FALSE);
  answer (&f, f.vc, "{\"region_before\":true}", 0, &answered);
  g_assert_cmpuint (answered.status, ==, 201);
  answer (&f, f.hsl, "{\"hsl_before\":true}", 1, &own);
  g_assert_cmpuint (own.status, ==, 200);

  get (f.hsl, f.planning, &as_hsl);
  unit = find_unit (&as_hsl, "vc-norr");
  g_assert_true (json_object_get_boolean_member (unit, "restricted"));
  g_assert_false (json_object_has_member (unit, "latest"));
  g_assert_false (json_object_has_member (unit, "history"));
  /* Neither the answers nor who wrote them. */
  g_assert_null (strstr (as_hsl.body, "Bertil Provsson"));
  /* Its own answers it sees. */
  g_assert_false (json_object_get_boolean_member (find_unit (&as_hsl, "hsl-test"),
                                                  "restricted"));

  get (f.ward, f.planning, &as_ward);
  unit = find_unit (&as_ward, "vc-norr");
  g_assert_false (json_object_get_boolean_member (unit, "restricted"));
  g_assert_true (json_object_get_boolean_member (
                   json_object_get_object_member (json_object_get_object_member (unit, "latest"),
                                                  "answers"), "region_before"));
}

/* Gul asks for a SIP invitation, due by the end of the ready day in Stockholm. */
static void
test_implications (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) answered = { 0 };
  g_auto(SpTestResponse) ready = { 0 };
  g_auto(SpTestResponse) after = { 0 };
  g_autofree char *ready_path = NULL;
  g_autofree char *body = NULL;
  JsonObject *implications;

  fixture_init (&f, TRUE);
  answer (&f, f.hsl, "{\"hsl_new\":true}", 0, &answered);
  implications = json_object_get_object_member (object_of (&answered), "implications");
  g_assert_cmpstr (json_object_get_string_member (implications, "sip_invitation"), ==,
                   "required");
  g_assert_true (json_object_get_boolean_member (implications, "care_contact_needed"));
  /* Not ready yet: no clock runs. */
  g_assert_true (json_object_get_null_member (implications, "sip_invitation_due_at"));

  ready_path = g_strdup_printf ("/api/v1/episodes/%s/ready", f.episode_id);
  body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT "}",
                          episode_revision (&f, f.ward));
  post (f.ward, ready_path, body, &ready);
  g_assert_cmpuint (ready.status, ==, 200);

  get (f.vc, f.planning, &after);
  implications = json_object_get_object_member (object_of (&after), "implications");
  /* Ready Tuesday 09:00 → day 0 is Tuesday → due at its end, 00:00 Wednesday (CET). */
  g_assert_cmpstr (json_object_get_string_member (implications, "sip_invitation_due_at"), ==,
                   "2026-03-10T23:00:00Z");
}

/* The planning record's terms let the overview filter by track: "track:<effective>". */
static void
test_track_terms (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) answered = { 0 };
  g_auto(SpTestResponse) overridden = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree char *override = NULL;

  fixture_init (&f, TRUE);
  answer (&f, f.hsl, "{\"hsl_new\":true}", 0, &answered);
  g_assert_cmpuint (answered.status, ==, 201);
  override = g_strconcat (f.planning, "/override", NULL);
  post (f.ward, override, "{\"track\":\"rod\",\"reason\":\"Omfattande\",\"base_revision\":1}",
        &overridden);
  g_assert_cmpuint (overridden.status, ==, 200);

  store = sp_store_open_for_uri (sp_test_server_get_db (server), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const char *term = i == 0 ? "track:rod" : "track:gul";
      g_autoptr(GPtrArray) records = sp_store_list (store, "planning", term, 0, 1000, &error);
      gboolean found = FALSE;

      g_assert_no_error (error);
      for (guint j = 0; j < records->len; j++)
        found |= g_str_equal (sp_record_get_id (g_ptr_array_index (records, j)), f.episode_id);
      g_assert_cmpint (found, ==, i == 0);
    }
}

/* ---- Patientinformation ---- */

static char *
section_path (Fixture    *f,
              const char *unit_id)
{
  return g_strdup_printf ("/api/v1/episodes/%s/patient-information/%s", f->episode_id,
                          unit_id);
}

/* vc-norr's section, with @extra members. */
static char *
vc_section_body (const char *extra)
{
  return g_strdup_printf ("{\"interventions\":[{\"what\":\"Såromläggning\",\"when\":"
                          "\"Varannan dag\",\"who\":\"Distriktssköterska\"}],"
                          "\"contact_details\":\"08-123 456 00, vardagar 8–17\"%s}", extra);
}

/* Each unit writes its own section, with base_revision for updates. */
static void
test_patient_info_sections (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) created = { 0 };
  g_auto(SpTestResponse) again = { 0 };
  g_auto(SpTestResponse) updated = { 0 };
  g_auto(SpTestResponse) other = { 0 };
  g_auto(SpTestResponse) outsider = { 0 };
  g_autofree char *vc_path = NULL;
  g_autofree char *hsl_path = NULL;
  g_autofree char *syd_path = NULL;
  JsonArray *interventions;

  fixture_init (&f, TRUE);
  vc_path = section_path (&f, "vc-norr");
  hsl_path = section_path (&f, "hsl-test");
  syd_path = section_path (&f, "vc-syd");

  {
    g_autofree char *body = vc_section_body ("");

    put (f.vc, vc_path, body, &created);
    g_test_message ("%s", created.body);
    g_assert_cmpuint (created.status, ==, 201);
    g_assert_cmpint (json_object_get_int_member (object_of (&created), "revision"), ==, 1);
    interventions = json_object_get_array_member (object_of (&created), "interventions");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (interventions,
                                                                                   0), "what"),
                     ==, "Såromläggning");

    /* Writing again without saying which version it changes is a conflict. */
    put (f.vc, vc_path, body, &again);
    sp_test_response_assert_error (&again, 409, "conflict", "base_revision");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                                                   object_of (&again), "current"),
                                                 "revision"), ==, 1);

    put (f.vc, hsl_path, body, &other);
    sp_test_response_assert_error (&other, 403, "forbidden", "unit");
    put (f.vcsyd, syd_path, body, &outsider);
    sp_test_response_assert_error (&outsider, 404, "not_found", NULL);
  }

  {
    g_autofree char *body = vc_section_body (",\"base_revision\":1,"
                                             "\"self_care_follow_up\":{\"unit_id\":"
                                             "\"hsl-test\",\"text\":\"Insulin\"}");

    put (f.vc, vc_path, body, &updated);
    g_assert_cmpuint (updated.status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (object_of (&updated), "revision"), ==, 2);
  }
}

static void
test_patient_info_bad_input (void)
{
  const struct { const char *body; const char *code; const char *field; } cases[] = {
    { "{\"interventions\":[{\"when\":\"Dagligen\"}]}", "missing", "interventions[0].what" },
    { "{\"interventions\":[7]}", "type", "interventions[0]" },
    { "{\"interventions\":{}}", "type", "interventions" },
    /* egenvård passes only to a unit of the episode */
    { "{\"self_care_follow_up\":{\"unit_id\":\"vc-syd\"}}", "invalid",
      "self_care_follow_up.unit_id" },
    { "{\"if_worse\":false}", "type", "if_worse" },
    { "{\"base_revision\":0}", "invalid", "base_revision" },
  };
  g_auto(Fixture) f = { 0 };
  g_autofree char *path = NULL;

  fixture_init (&f, TRUE);
  path = section_path (&f, "hsl-test");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      put (f.hsl, path, cases[i].body, &r);
      sp_test_response_assert_error (&r, 422, cases[i].code, cases[i].field);
    }
}

/* The assembled document: sections, what every unit says about going home, the care
 * contact and the units' contact details. Without consent, another principal's section is
 * withheld from the municipal unit. */
static void
test_patient_info_document (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) ward_section = { 0 };
  g_auto(SpTestResponse) vc_section = { 0 };
  g_auto(SpTestResponse) contact = { 0 };
  g_auto(SpTestResponse) doc = { 0 };
  g_auto(SpTestResponse) as_hsl = { 0 };
  g_autofree char *ward_path = NULL;
  g_autofree char *vc_path = NULL;
  g_autofree char *doc_path = NULL;
  g_autofree char *contact_path = NULL;
  g_autofree char *body = NULL;
  JsonObject *document, *care_contact;
  JsonArray *sections, *meets, *units;

  fixture_init (&f, FALSE);
  ward_path = section_path (&f, "avd-12");
  vc_path = section_path (&f, "vc-norr");
  doc_path = g_strdup_printf ("/api/v1/episodes/%s/patient-information", f.episode_id);

  put (f.ward, ward_path, "{\"meets_at_home\":\"Dottern Lisa\",\"if_worse\":\"Ring 1177\","
       "\"medication\":\"Läkemedelslista för tre dagar medskickad\"}", &ward_section);
  g_assert_cmpuint (ward_section.status, ==, 201);
  put (f.vc, vc_path, "{\"interventions\":[{\"what\":\"Hembesök\"}],"
       "\"meets_at_home\":\"Distriktssköterskan första dagen\"}", &vc_section);
  g_assert_cmpuint (vc_section.status, ==, 201);

  contact_path = g_strdup_printf ("/api/v1/episodes/%s/care-contacts", f.episode_id);
  body = g_strdup_printf ("{\"name\":\"Bertil Provsson\",\"phone\":\"08-123 456 00\","
                          "\"base_revision\":%" G_GINT64_FORMAT "}",
                          episode_revision (&f, f.vc));
  post (f.vc, contact_path, body, &contact);
  g_test_message ("%s", contact.body);
  g_assert_cmpuint (contact.status, ==, 200);

  get (f.ward, doc_path, &doc);
  g_test_message ("%s", doc.body);
  g_assert_cmpuint (doc.status, ==, 200);
  document = object_of (&doc);
  sections = json_object_get_array_member (document, "sections");
  g_assert_cmpuint (json_array_get_length (sections), ==, 2);
  meets = json_object_get_array_member (document, "meets_at_home");
  g_assert_cmpuint (json_array_get_length (meets), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "if_worse")),
                    ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (document, "going_home"),
                     "estimated_discharge"), ==, "2026-03-20");
  care_contact = json_object_get_object_member (document, "care_contact");
  g_assert_cmpstr (json_object_get_string_member (care_contact, "name"), ==, "Bertil Provsson");
  g_assert_cmpstr (json_object_get_string_member (care_contact, "phone"), ==, "08-123 456 00");
  g_assert_cmpstr (json_object_get_string_member (care_contact, "unit_name"), ==,
                   "Vårdcentralen Norr (test)");
  g_assert_true (json_object_get_null_member (document, "sip_meeting"));
  g_assert_false (json_object_get_null_member (document, "patient"));
  units = json_object_get_array_member (document, "units");
  g_assert_cmpuint (json_array_get_length (units), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (units, 0),
                                                  "name"), ==, "Avdelning 12, Testsjukhuset");

  /* hsl-test, without consent, sees that vc-norr wrote a section but not what. */
  get (f.hsl, doc_path, &as_hsl);
  g_assert_cmpuint (as_hsl.status, ==, 200);
  g_assert_null (strstr (as_hsl.body, "Hembesök"));
  g_assert_null (strstr (as_hsl.body, "Distriktssköterskan första dagen"));
  sections = json_object_get_array_member (object_of (&as_hsl), "sections");
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);

      g_assert_true (json_object_get_boolean_member (section, "restricted"));
    }
}

/* Reads and writes of the basis and the patientinformation are in the audit log. */
static void
test_audit (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(SpTestResponse) answered = { 0 };
  g_auto(SpTestResponse) read = { 0 };
  g_auto(SpTestResponse) section = { 0 };
  g_auto(SpTestResponse) document = { 0 };
  g_autofree char *section_id = NULL;
  g_autofree char *path = NULL;

  fixture_init (&f, TRUE);
  answer (&f, f.hsl, "{\"hsl_new\":true}", 0, &answered);
  g_assert_cmpuint (answered.status, ==, 201);
  g_assert_true (audit_has (&f, "hsl", "create", "planning", f.episode_id));

  g_assert_false (audit_has (&f, "sol", "read", "planning", f.episode_id));
  get (f.sol, f.planning, &read);
  g_assert_cmpuint (read.status, ==, 200);
  g_assert_true (audit_has (&f, "sol", "read", "planning", f.episode_id));

  path = g_strdup_printf ("/api/v1/episodes/%s/patient-information/sol-test", f.episode_id);
  put (f.sol, path, "{\"contact_details\":\"Växeln\"}", &section);
  g_assert_cmpuint (section.status, ==, 201);
  section_id = g_strconcat (f.episode_id, ".sol-test", NULL);
  g_assert_true (audit_has (&f, "sol", "create", "patient_info", section_id));

  g_free (path);
  path = g_strdup_printf ("/api/v1/episodes/%s/patient-information", f.episode_id);
  get (f.ward, path, &document);
  g_assert_cmpuint (document.status, ==, 200);
  g_assert_true (audit_has (&f, "ward", "read", "patient_info", f.episode_id));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_setenv ("SAMPLAN_TEST_NOW", NOW, TRUE);

  g_test_add_func ("/server/api/planning/tracks-by-unit-kind", test_tracks_by_unit_kind);
  g_test_add_func ("/server/api/planning/refused-answers", test_refused_answers);
  g_test_add_func ("/server/api/planning/versions-append", test_versions_append);
  g_test_add_func ("/server/api/planning/stale-revision", test_stale_revision);
  g_test_add_func ("/server/api/planning/override", test_override);
  g_test_add_func ("/server/api/planning/without-consent", test_without_consent);
  g_test_add_func ("/server/api/planning/implications", test_implications);
  g_test_add_func ("/server/api/planning/track-terms", test_track_terms);
  g_test_add_func ("/server/api/patient-information/sections", test_patient_info_sections);
  g_test_add_func ("/server/api/patient-information/bad-input", test_patient_info_bad_input);
  g_test_add_func ("/server/api/patient-information/document", test_patient_info_document);
  g_test_add_func ("/server/api/planning/audit", test_audit);

  server = sp_test_server_start ("stockholm");
  status = g_test_run ();
  sp_test_server_stop (server);

  return status;
}
