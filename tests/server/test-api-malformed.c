/* test-api-malformed.c — every route against a corpus of bad requests: always a 4xx with a
 * JSON error, never a 5xx or a dropped connection, and the server stays healthy
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The routes come from the server's own table (sp_server_routes_get), so a route added later
 * is covered without touching this file. Path parameters get a real id (a patient and an
 * episode are created first, so the handlers' body readers run, not only their 404) or a
 * bogus one. The bad bodies are generated from a seeded GRand: the seed is printed, and
 * SAMPLAN_TEST_SEED=N replays a run.
 *
 * None of the bodies is a complete valid command (none has a valid base_revision, none a
 * full creation form), so on a write route a 2xx is a finding too: a handler that accepts
 * what it should not. Read routes ignore a well-formed body, so there only bodies that are no
 * JSON object must be refused; the others must merely not break the server.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "sp-server-routes.h"
#include "sp-test-server.h"

static SpTestServer *server;
static char *token;
static char *patient_id;
static char *episode_id;
static GRand *rand_gen;
static guint n_requests;

/* Bad requests the harness's client cannot send (raw NUL bytes, another Content-Type) go to
 * a second samplan-server process on the same database: same code, same data. */
static GSubprocess *raw_process;
static char *raw_uri;
static SoupSession *raw_session;

/* A realistic body to cut short, mutate and nest: members many routes read. */
static const char *template_body =
  "{\"patient_id\":\"p-1\",\"admitted_at\":\"2026-03-01T10:00:00Z\","
  "\"estimated_discharge\":\"2026-03-09\",\"addressing\":[{\"unit_id\":\"vc-norr\","
  "\"role\":\"recipient\"}],\"identity\":\"19121212-1212\",\"given_name\":\"Testa\","
  "\"family_name\":\"Testsson\",\"text\":\"Hej\",\"answers\":{\"hsl_new\":true}}";

/* Members the route handlers read; each gets values of the wrong type. */
static const char *members[] = {
  "patient_id", "admitted_at", "estimated_discharge", "addressing", "identity", "given_name",
  "family_name", "text", "answers", "unit_id", "role", "kind", "reason", "recipients",
  "base_revision", "name", "work_phone", "discharged_at", "death_at", "consent", "form",
  "given_by", "track", "invitation", "mapping", "plan", "participants", "status", "comment",
  "housing", "next_of_kin", "episode_id", "subject", "body", "section", "meeting_at",
};

static const char *wrong_values[] = {
  "1", "-1", "1.5", "true", "false", "[]", "{}", "\"x\"", "null", "[1,2,3]", "{\"a\":{}}",
  "\"\"", "1e400", "-0", "\"  \"",
};

static const char *bad_enums[] = {
  "\"no_such_kind\"", "\"RECIPIENT\"", "\"recipient \"", "\"\"", "\"gron\\u0000\"",
  "\"inpatient;DROP TABLE records\"", "\"åäö\"",
};

static const char *bad_dates[] = {
  "\"2026-02-30\"", "\"yesterday\"", "\"2026-13-01\"", "\"2026-03-01T25:00:00Z\"",
  "\"0000-00-00\"", "\"99999-01-01T00:00:00Z\"", "\"2026-03-01T10:00:00\"",
  "\"2026-03-01 10:00\"", "\"0572-03-02T08:00:00Z\"", "\"2026-03-01T10:00:00.5Z\"",
  "\"-2026-03-01T10:00:00Z\"", "20260301",
};

static const char *bad_identities[] = {
  "\"19121212-1213\"", "\"abc\"", "\"\"", "\"191212121212121212\"", "\"20991231-0000\"",
  "\"19120230-1212\"", "\"1912121212+\"", "\"--------\"", "\"stockholm:\"", "\":x\"",
  "\"19121212\\u00001212\"",
};

/* Never a revision the record has. (0 is left out: the planning routes take it to mean
 * "no basis yet", so it is a valid first write there.) */
static const char *bad_revisions[] = {
  "-1", "9223372036854775807", "9223372036854775808", "18446744073709551616", "1e300",
  "\"1\"", "1.0", "null", "[]",
};

/* Bytes that are not UTF-8: a lone continuation byte, an overlong "/", a surrogate, a
 * truncated sequence, and 0xff. */
static const char *bad_utf8[] = {
  "\x80", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82", "\xff\xfe",
};

typedef struct
{
  const char *method;
  char       *path;
  gboolean    write;
} Target;

static void
target_clear (Target *target)
{
  g_free (target->path);
}

/* A real id where one exists for the resource, otherwise one that matches no record. */
static char *
fill_path (const char *pattern,
           gboolean    bogus)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *value;

      if (parts[i][0] != ':')
        continue;

      if (bogus)
        value = g_rand_boolean (rand_gen) ? "x-does-not-exist" : "1";
      else if (i > 0 && strcmp (parts[i - 1], "episodes") == 0)
        value = episode_id;
      else if (i > 0 && strcmp (parts[i - 1], "patients") == 0)
        value = patient_id;
      else if (strcmp (parts[i], ":n") == 0)
        value = "1";
      else
        value = "x-does-not-exist";

      g_free (parts[i]);
      parts[i] = g_strdup (value);
    }

  return g_strjoinv ("/", parts);
}

static GArray *
collect_targets (void)
{
  GArray *targets = g_array_new (FALSE, TRUE, sizeof (Target));
  guint n_routes = 0;
  const SpRoute *routes = sp_server_routes_get (&n_routes);

  g_array_set_clear_func (targets, (GDestroyNotify) target_clear);
  for (guint i = 0; i < n_routes; i++)
    {
      /* Signing out would end this test's own session. */
      if (strcmp (routes[i].method, "DELETE") == 0 &&
          strcmp (routes[i].pattern, "/api/v1/session") == 0)
        continue;

      for (guint bogus = 0; bogus < (strchr (routes[i].pattern, ':') != NULL ? 2 : 1); bogus++)
        {
          Target target = {
            routes[i].method,
            fill_path (routes[i].pattern, bogus),
            (routes[i].flags & SP_ROUTE_WRITE) != 0,
          };

          g_array_append_val (targets, target);
        }
    }

  return targets;
}

static const char *
pick (const char * const *values,
      guint               n)
{
  return values[g_rand_int_range (rand_gen, 0, n)];
}

#define PICK(array) pick ((const char * const *) (array), G_N_ELEMENTS (array))

/* {"member": value, …}: a body whose shape is right but whose one value is wrong. */
static char *
object_with (const char *member,
             const char *value)
{
  return g_strdup_printf ("{\"%s\":%s,\"base_revision\":%s}", member, value,
                          PICK (bad_revisions));
}

static char *
nested (guint depth,
        char  open,
        char  close)
{
  GString *text = g_string_sized_new (depth * 6 + 16);

  g_string_append (text, "{\"answers\":");
  for (guint i = 0; i < depth; i++)
    {
      g_string_append_c (text, open);
      if (open == '{')
        g_string_append (text, "\"a\":");
    }
  g_string_append (text, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, close);
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

static char *
huge_string (gsize length)
{
  g_autofree char *filler = g_strnfill (length, 'a');

  return g_strdup_printf ("{\"%s\":\"%s\"}", PICK (members), filler);
}

/* The kinds of bad body; each case draws its details from the seeded generator. The first
 * three are no JSON object at all, which every route refuses. */
typedef enum
{
  BODY_NOT_JSON,
  BODY_TRUNCATED,
  BODY_NOT_OBJECT,
  BODY_WRONG_TYPE,
  BODY_UNKNOWN_ENUM,
  BODY_HUGE_STRING,
  BODY_BAD_DATE,
  BODY_BAD_IDENTITY,
  BODY_LENIENT_JSON,
  BODY_DEEP_ARRAYS,
  BODY_DEEP_OBJECTS,
  BODY_VERY_DEEP_ARRAYS,
  BODY_BAD_UTF8,
  BODY_ESCAPED_NUL,
  BODY_BAD_REVISION,
  BODY_DUPLICATE_MEMBERS,
  BODY_EMPTY_OBJECT,
  N_BODIES,
} BodyKind;

static const char *body_names[N_BODIES] = {
  "not JSON", "truncated JSON", "not an object", "wrong member type", "unknown enum nick",
  "huge string", "invalid date", "invalid identity number", "JSON that json-glib tolerates",
  "10,000 nested arrays", "10,000 nested objects", "300,000 nested arrays", "invalid UTF-8",
  "escaped NUL", "bad base_revision", "duplicate members", "empty object",
};

static char *
make_body (BodyKind kind)
{
  static const char *not_json[] = {
    "hej", "<episode/>", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":NaN}", "{\"a\":Infinity}",
    "{\"a\":\"\\u12\"}", "{\"a\":1}}", "{{}}", "\"",
  };
  /* Not JSON by RFC 8259, but json-glib 1.6 reads them: a write route still refuses them,
   * because none is a valid command. */
  static const char *lenient[] = {
    "{'a':1}", "{\"a\":01}", "{\"a\":.5}", "\xef\xbb\xbf{}", "{\"a\":\"\\x41\"}", "/* */{}",
    "{}[]", "{\"a\":\"\n\"}",
  };
  static const char *not_object[] = {
    "[]", "[{}]", "42", "\"text\"", "null", "true", "-1", "[[]]",
  };

  switch (kind)
    {
    case BODY_NOT_JSON:
      return g_strdup (PICK (not_json));
    case BODY_TRUNCATED:
      return g_strndup (template_body,
                        g_rand_int_range (rand_gen, 1, strlen (template_body) - 1));
    case BODY_NOT_OBJECT:
      return g_strdup (PICK (not_object));
    case BODY_WRONG_TYPE:
      return object_with (PICK (members), PICK (wrong_values));
    case BODY_UNKNOWN_ENUM:
      return object_with (PICK (members), PICK (bad_enums));
    case BODY_HUGE_STRING:
      /* Over every text limit (SP_JSON_MAX_TEXT is 8192), but under the body limit. */
      return huge_string (g_rand_boolean (rand_gen) ? 9000 : 500 * 1024);
    case BODY_BAD_DATE:
      return object_with (PICK (members), PICK (bad_dates));
    case BODY_BAD_IDENTITY:
      return object_with ("identity", PICK (bad_identities));
    case BODY_LENIENT_JSON:
      return g_strdup (PICK (lenient));
    case BODY_DEEP_ARRAYS:
      return nested (10000, '[', ']');
    case BODY_DEEP_OBJECTS:
      return nested (10000, '{', '}');
    case BODY_VERY_DEEP_ARRAYS:
      /* 600 KB, under the body limit: deep enough to overflow a recursive parser's stack. */
      return nested (300000, '[', ']');
    case BODY_BAD_UTF8:
      {
        g_autofree char *value = g_strdup_printf ("\"a%sb\"", PICK (bad_utf8));

        /* In a value or in a member name. */
        if (g_rand_boolean (rand_gen))
          return object_with (PICK (members), value);
        return g_strdup_printf ("{%s:1}", value);
      }
    case BODY_ESCAPED_NUL:
      return object_with (PICK (members), "\"a\\u0000b\"");
    case BODY_BAD_REVISION:
      return g_strdup_printf ("{\"base_revision\":%s}", PICK (bad_revisions));
    case BODY_DUPLICATE_MEMBERS:
      return g_strdup ("{\"base_revision\":1,\"base_revision\":-1,\"text\":1,\"text\":\"x\"}");
    case BODY_EMPTY_OBJECT:
      return g_strdup ("{}");
    case N_BODIES:
    default:
      g_assert_not_reached ();
    }
}

/* A JSON object and no 5xx: what a read route may answer to a well-formed body it ignores. */
static void
check_survived (const char *what,
                guint       status,
                const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  n_requests++;
  if (status < 200 || status > 499)
    g_error ("%s: status %u: %s", what, status, body);
  if (!json_parser_load_from_data (parser, body, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    g_error ("%s: status %u without a JSON object: %s", what, status, body);
}

/* A 4xx with {"error":{"code":"…","message":"…","field":"…"|null}}. */
static void
check_refusal (const char *what,
               guint       status,
               const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObject *error;
  JsonNode *field;

  n_requests++;
  if (status < 400 || status > 499)
    g_error ("%s: status %u (want 4xx): %s", what, status, body);
  if (!json_parser_load_from_data (parser, body, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    g_error ("%s: status %u without a JSON object: %s", what, status, body);

  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "error") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "error")))
    g_error ("%s: no \"error\" object: %s", what, body);

  error = json_object_get_object_member (root, "error");
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (error, "code")));
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "code")), >, 0);
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (error, "message")));
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "message")), >, 10);
  g_assert_true (json_object_has_member (error, "field"));
  field = json_object_get_member (error, "field");
  g_assert_true (JSON_NODE_HOLDS_NULL (field) ||
                 json_node_get_value_type (field) == G_TYPE_STRING);
  /* Whatever the client sent, the answer is valid UTF-8 (the parser above checked it). */
}

static char *
new_key (void)
{
  return g_strdup_printf ("malformed-%u-%u", n_requests, g_rand_int (rand_gen));
}

static void
send_through_harness (const Target *target,
                      const char   *what,
                      const char   *key,
                      const char   *body,
                      gboolean      must_refuse)
{
  g_auto(SpTestResponse) r = { 0 };

  sp_test_server_request (server, target->method, target->path, token, key, body, &r);
  if (must_refuse)
    check_refusal (what, r.status, r.body);
  else
    check_survived (what, r.status, r.body);
}

static void
test_bodies (void)
{
  g_autoptr(GArray) targets = collect_targets ();

  g_assert_cmpuint (targets->len, >, 10);
  for (guint t = 0; t < targets->len; t++)
    {
      const Target *target = &g_array_index (targets, Target, t);

      for (BodyKind kind = 0; kind < N_BODIES; kind++)
        {
          g_autofree char *body = make_body (kind);
          g_autofree char *key = new_key ();
          g_autofree char *excerpt = g_strndup (body, 40);
          g_autofree char *escaped = g_strescape (excerpt, NULL);
          g_autofree char *what = g_strdup_printf ("%s %s (%s: %s)", target->method,
                                                   target->path, body_names[kind], escaped);

          send_through_harness (target, what, key, body,
                                target->write || kind <= BODY_NOT_OBJECT);
        }
    }
}

static void
test_idempotency_keys (void)
{
  g_autoptr(GArray) targets = collect_targets ();
  g_autofree char *long_key = g_strnfill (129, 'k');
  g_autofree char *very_long_key = g_strnfill (16 * 1024, 'k');
  const char *keys[] = { NULL, long_key, very_long_key, " ", "nyckel med mellanslag", "ä" };

  for (guint t = 0; t < targets->len; t++)
    {
      const Target *target = &g_array_index (targets, Target, t);

      if (!target->write)
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          g_autofree char *what = g_strdup_printf ("%s %s (Idempotency-Key %u)", target->method,
                                                   target->path, k);

          send_through_harness (target, what, keys[k], "{\"base_revision\":-1}", TRUE);
        }
    }
}

static void
test_oversized (void)
{
  g_autoptr(GArray) targets = collect_targets ();
  g_autofree char *filler = g_strnfill (2 * 1024 * 1024, 'a');
  g_autofree char *body = g_strdup_printf ("{\"text\":\"%s\"}", filler);

  for (guint t = 0; t < targets->len; t++)
    {
      const Target *target = &g_array_index (targets, Target, t);
      g_autofree char *key = new_key ();
      g_autofree char *what = g_strdup_printf ("%s %s (2 MiB body)", target->method,
                                               target->path);

      send_through_harness (target, what, key, body, TRUE);
    }
}

static void
test_query_strings (void)
{
  const char *queries[] = {
    "/api/v1/episodes?offset=-1", "/api/v1/episodes?limit=100000", "/api/v1/episodes?limit=abc",
    "/api/v1/episodes?offset=99999999999999999999", "/api/v1/episodes?state=teleported",
    "/api/v1/patients?identity=19121212-1213", "/api/v1/patients?identity=abc",
    "/api/v1/patients?identity=", "/api/v1/patients", "/api/v1/changes?since=-5",
    "/api/v1/changes?since=x", "/api/v1/changes?limit=0x10", "/api/v1/inbox?limit=-1",
    "/api/v1/audit?from=yesterday", "/api/v1/sips?limit=1e3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      sp_test_server_request (server, "GET", queries[i], token, NULL, NULL, &r);
      /* A route that does not exist (yet) answers 404, which is also a refusal. */
      check_refusal (queries[i], r.status, r.body);
    }
}

/* A well-formed command with a date far in the past: refused, or stored so that it can still
 * be read (a year before 1000 once went out as "572-…", which no reader takes back). */
static void
test_ancient_dates (void)
{
  const char *times[] = { "0572-03-02T08:00:00Z", "1000-01-01T00:00:00Z",
                          "0001-01-01T00:00:00Z" };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_auto(SpTestResponse) created = { 0 };
      g_autofree char *body = g_strdup_printf ("{\"patient_id\":\"%s\",\"admitted_at\":\"%s\","
                                               "\"addressing\":[{\"unit\":\"vc-norr\"}]}",
                                               patient_id, times[i]);
      g_autofree char *key = new_key ();

      sp_test_server_request (server, "POST", "/api/v1/episodes", token, key, body, &created);
      n_requests++;
      g_assert_cmpuint (created.status, <, 500);
      if (created.status == 201)
        {
          g_auto(SpTestResponse) read = { 0 };
          g_autofree char *path = g_strconcat ("/api/v1/episodes/",
                                               json_object_get_string_member (
                                                 sp_test_response_object (&created), "id"),
                                               NULL);

          sp_test_server_request (server, "GET", path, token, NULL, NULL, &read);
          g_test_message ("admitted_at %s: created, read back %u", times[i], read.status);
          g_assert_cmpuint (read.status, ==, 200);
        }
    }
}

/* The second server process: see raw_process. */
static void
start_raw_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;

  raw_process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                  g_getenv ("SAMPLAN_SERVER"), "serve", "--db",
                                  sp_test_server_get_db (server), "--listen", "127.0.0.1:0",
                                  NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (raw_process));
  raw_uri = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (raw_uri, "http://127.0.0.1:"));
  if (g_str_has_suffix (raw_uri, "/"))
    raw_uri[strlen (raw_uri) - 1] = '\0';
  raw_session = soup_session_new ();
}

static void
send_raw (const Target *target,
          const char   *content_type,
          const char   *body,
          gsize         length)
{
  g_autofree char *url = g_strconcat (raw_uri, target->path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *key = new_key ();
  g_autofree char *what = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new (target->method, url);
  g_autoptr(GBytes) request = g_bytes_new (body, length);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Idempotency-Key", key);
  soup_message_set_request_body_from_bytes (msg, content_type, request);

  response = soup_session_send_and_read (raw_session, msg, NULL, &error);
  what = g_strdup_printf ("%s %s (raw, %s, %" G_GSIZE_FORMAT " bytes)", target->method,
                          target->path, content_type != NULL ? content_type : "no type",
                          length);
  if (response == NULL)
    g_error ("%s: connection failed: %s", what, error->message);

  text = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  check_refusal (what, soup_message_get_status (msg), text);
}

static void
test_raw_bytes (void)
{
  g_autoptr(GArray) targets = collect_targets ();
  /* A NUL byte inside a string and between members, and a body that is only NULs. */
  static const char nul_in_string[] = "{\"given_name\":\"a\0b\",\"base_revision\":-1}";
  static const char nul_between[] = "{\"base_revision\":-1}\0{\"x\":1}";
  static const char only_nuls[] = "\0\0\0\0";
  const char *types[] = { "text/plain", "application/x-www-form-urlencoded",
                          "application/json-patch+json", "multipart/form-data" };

  start_raw_server ();
  for (guint t = 0; t < targets->len; t++)
    {
      const Target *target = &g_array_index (targets, Target, t);

      send_raw (target, "application/json", nul_in_string, sizeof nul_in_string - 1);
      send_raw (target, "application/json", nul_between, sizeof nul_between - 1);
      send_raw (target, "application/json", only_nuls, sizeof only_nuls - 1);
      send_raw (target, PICK (types), "{\"base_revision\":-1}", 20);
    }
}

static void
assert_healthy (const char *uri_or_null)
{
  g_auto(SpTestResponse) r = { 0 };

  if (uri_or_null == NULL)
    {
      sp_test_server_request (server, "GET", "/api/v1/health", NULL, NULL, NULL, &r);
      g_assert_cmpuint (r.status, ==, 200);
      return;
    }

  {
    g_autofree char *url = g_strconcat (uri_or_null, "/api/v1/health", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    bytes = soup_session_send_and_read (raw_session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  }
}

/* Runs last: both processes survived everything above. */
static void
test_still_healthy (void)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("%u bad requests sent", n_requests);
  g_assert_cmpuint (n_requests, >=, 200);
  assert_healthy (NULL);
  assert_healthy (raw_uri);

  g_subprocess_send_signal (raw_process, SIGTERM);
  g_subprocess_wait (raw_process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (raw_process));
  g_assert_cmpint (g_subprocess_get_exit_status (raw_process), ==, 0);
}

/* A patient and an episode, so that handlers behind ":id" get past their 404. */
static void
create_fixtures (void)
{
  g_auto(SpTestResponse) patient = { 0 };
  g_auto(SpTestResponse) episode = { 0 };
  g_autofree char *episode_body = NULL;

  sp_test_server_request (server, "POST", "/api/v1/patients", token, "fixture-patient",
                          "{\"identity\":\"19121212-1212\",\"given_name\":\"Testa\","
                          "\"family_name\":\"Testsson\"}", &patient);
  g_assert_cmpuint (patient.status, ==, 201);
  patient_id = g_strdup (json_object_get_string_member (sp_test_response_object (&patient),
                                                        "id"));

  episode_body = g_strdup_printf ("{\"patient_id\":\"%s\",\"estimated_discharge\":\"2026-03-20\","
                                  "\"addressing\":[{\"unit\":\"vc-norr\"},"
                                  "{\"unit\":\"hsl-test\"}]}", patient_id);
  sp_test_server_request (server, "POST", "/api/v1/episodes", token, "fixture-episode",
                          episode_body, &episode);
  g_test_message ("fixture episode: %u %s", episode.status, episode.body);
  g_assert_cmpuint (episode.status, ==, 201);
  episode_id = g_strdup (json_object_get_string_member (sp_test_response_object (&episode),
                                                        "id"));
}

int
main (int   argc,
      char *argv[])
{
  const char *seed_text = g_getenv ("SAMPLAN_TEST_SEED");
  guint32 seed;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  seed = seed_text != NULL ? (guint32) g_ascii_strtoull (seed_text, NULL, 10)
                           : g_random_int ();
  g_print ("# seed %u (SAMPLAN_TEST_SEED=%u replays this run)\n", seed, seed);
  rand_gen = g_rand_new_with_seed (seed);

  /* Order matters: the last case checks that the server survived the others. */
  g_test_add_func ("/server/malformed/bodies", test_bodies);
  g_test_add_func ("/server/malformed/idempotency-keys", test_idempotency_keys);
  g_test_add_func ("/server/malformed/oversized", test_oversized);
  g_test_add_func ("/server/malformed/query-strings", test_query_strings);
  g_test_add_func ("/server/malformed/ancient-dates", test_ancient_dates);
  g_test_add_func ("/server/malformed/raw-bytes", test_raw_bytes);
  g_test_add_func ("/server/malformed/still-healthy", test_still_healthy);

  g_setenv ("SAMPLAN_TEST_NOW", "2026-03-16T09:00:00+01:00", TRUE);
  server = sp_test_server_start ("stockholm");
  token = sp_test_server_sign_in (server, "ward");
  create_fixtures ();

  status = g_test_run ();

  g_clear_object (&raw_process);
  g_clear_object (&raw_session);
  sp_test_server_stop (server);
  g_rand_free (rand_gen);
  g_free (raw_uri);
  g_free (token);
  g_free (patient_id);
  g_free (episode_id);

  return status;
}
