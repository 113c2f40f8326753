/* test-client.c — SpClient against a SoupServer of the test's own
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "sp-client.h"

typedef struct
{
  SoupServer *server;
  char       *url;
  SpClient   *client;

  /* The last request the server saw. */
  char       *method;
  char       *path;
  char       *query;
  char       *authorization;
  char       *unit;
  char       *idempotency_key;
  char       *body;
} Fixture;

/* path → status and body the server answers. */
static const struct
{
  const char *path;
  guint       status;
  const char *content_type;
  const char *body;
} answers[] = {
  { "/api/v1/ok", 200, "application/json", "{\"ok\":true}" },
  { "/api/v1/empty", 204, NULL, NULL },
  { "/api/v1/session", 201, "application/json",
    "{\"token\":\"t-1\",\"expires_at\":\"2030-01-01T00:00:00Z\",\"user\":{},\"units\":[]}" },
  { "/api/v1/unauthorized", 401, "application/json",
    "{\"error\":{\"code\":\"bad_credentials\",\"message\":\"Fel användarnamn eller lösenord.\","
    "\"field\":null}}" },
  { "/api/v1/forbidden", 403, "application/json",
    "{\"error\":{\"code\":\"forbidden\",\"message\":\"Du har inte behörighet.\","
    "\"field\":null}}" },
  { "/api/v1/missing", 404, "application/json",
    "{\"error\":{\"code\":\"not_found\",\"message\":\"Finns inte.\",\"field\":null}}" },
  { "/api/v1/conflict", 409, "application/json",
    "{\"error\":{\"code\":\"conflict\",\"message\":\"Någon annan hann före.\","
    "\"field\":\"base_revision\"},\"current\":{\"revision\":4}}" },
  { "/api/v1/invalid", 422, "application/json",
    "{\"error\":{\"code\":\"invalid\",\"message\":\"Ogiltigt värde.\",\"field\":\"since\"}}" },
  { "/api/v1/limited", 429, "application/json",
    "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Vänta en stund.\",\"field\":null}}" },
  { "/api/v1/internal", 500, "application/json",
    "{\"error\":{\"code\":\"internal\",\"message\":\"Oväntat fel.\",\"field\":null}}" },
  /* Not the API speaking: a broken page, and a proxy whose server is down. */
  { "/api/v1/html", 500, "text/html", "<html>Internal Server Error</html>" },
  { "/api/v1/proxy", 502, "text/html", "<html>Bad Gateway</html>" },
};

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  replace (&fixture->method, soup_server_message_get_method (msg));
  replace (&fixture->path, path);
  replace (&fixture->query, g_uri_get_query (soup_server_message_get_uri (msg)));
  replace (&fixture->authorization, soup_message_headers_get_one (headers, "Authorization"));
  replace (&fixture->unit, soup_message_headers_get_one (headers, "X-Samplan-Unit"));
  replace (&fixture->idempotency_key, soup_message_headers_get_one (headers, "Idempotency-Key"));
  g_free (fixture->body);
  fixture->body = g_strndup (body->data, body->length);

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (g_str_equal (path, answers[i].path))
      {
        soup_server_message_set_status (msg, answers[i].status, NULL);
        if (answers[i].body != NULL)
          soup_server_message_set_response (msg, answers[i].content_type, SOUP_MEMORY_STATIC,
                                            answers[i].body, strlen (answers[i].body));
        return;
      }

  soup_server_message_set_status (msg, 404, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handler, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  fixture->client = sp_client_new (fixture->url);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->url);
  g_free (fixture->method);
  g_free (fixture->path);
  g_free (fixture->query);
  g_free (fixture->authorization);
  g_free (fixture->unit);
  g_free (fixture->idempotency_key);
  g_free (fixture->body);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static JsonNode *
send (SpClient    *client,
      const char  *method,
      const char  *path,
      GHashTable  *query,
      const char  *body,
      const char  *key,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = body != NULL ? json_from_string (body, NULL) : NULL;

  sp_client_send_async (client, method, path, query, node, key, NULL, result_cb, &result);
  return sp_client_send_finish (client, wait_for (&result), error);
}

static void
test_headers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *first_key = NULL;
  g_autoptr(GHashTable) sent = NULL;

  sp_client_set_token (fixture->client, "spt_secret");
  sp_client_set_unit (fixture->client, "avd-12");

  /* A read: credentials and unit, no idempotency key; the query is encoded. */
  g_hash_table_insert (query, "q", "Åsa & co");
  node = send (fixture->client, "GET", "/api/v1/ok", query, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "ok"));
  g_assert_cmpstr (fixture->method, ==, "GET");
  g_assert_cmpstr (fixture->authorization, ==, "Bearer spt_secret");
  g_assert_cmpstr (fixture->unit, ==, "avd-12");
  g_assert_null (fixture->idempotency_key);
  g_assert_null (strchr (fixture->query, ' '));
  sent = soup_form_decode (fixture->query);
  g_assert_cmpstr (g_hash_table_lookup (sent, "q"), ==, "Åsa & co");
  g_assert_cmpuint (g_hash_table_size (sent), ==, 1);
  g_clear_pointer (&node, json_node_unref);

  /* Each write gets a fresh key of its own, and its JSON body. */
  node = send (fixture->client, "POST", "/api/v1/ok", NULL, "{\"a\":1}", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (fixture->idempotency_key));
  g_assert_cmpstr (fixture->body, ==, "{\"a\":1}");
  first_key = g_strdup (fixture->idempotency_key);
  g_clear_pointer (&node, json_node_unref);
  node = send (fixture->client, "POST", "/api/v1/ok", NULL, "{\"a\":1}", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (fixture->idempotency_key));
  g_assert_cmpstr (fixture->idempotency_key, !=, first_key);
  g_clear_pointer (&node, json_node_unref);

  /* A retried command sends its own key again. */
  node = send (fixture->client, "DELETE", "/api/v1/ok", NULL, NULL, first_key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->idempotency_key, ==, first_key);
  g_clear_pointer (&node, json_node_unref);

  /* Without a token or unit, neither header. */
  sp_client_set_token (fixture->client, NULL);
  sp_client_set_unit (fixture->client, NULL);
  node = send (fixture->client, "GET", "/api/v1/empty", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_NULL (node));
  g_assert_null (fixture->authorization);
  g_assert_null (fixture->unit);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct
  {
    const char    *path;
    SpClientError  code;
    guint          status;
    const char    *server_code;
    const char    *field;
    const char    *message;
  } cases[] = {
    { "/api/v1/unauthorized", SP_CLIENT_ERROR_UNAUTHORIZED, 401, "bad_credentials", NULL,
      "Fel användarnamn eller lösenord." },
    { "/api/v1/forbidden", SP_CLIENT_ERROR_FORBIDDEN, 403, "forbidden", NULL,
      "Du har inte behörighet." },
    { "/api/v1/missing", SP_CLIENT_ERROR_NOT_FOUND, 404, "not_found", NULL, "Finns inte." },
    { "/api/v1/conflict", SP_CLIENT_ERROR_CONFLICT, 409, "conflict", "base_revision",
      "Någon annan hann före." },
    { "/api/v1/invalid", SP_CLIENT_ERROR_INVALID, 422, "invalid", "since",
      "Ogiltigt värde." },
    { "/api/v1/limited", SP_CLIENT_ERROR_RATE_LIMITED, 429, "rate_limited", NULL,
      "Vänta en stund." },
    { "/api/v1/internal", SP_CLIENT_ERROR_SERVER, 500, "internal", NULL, "Oväntat fel." },
    /* Not the API's answer: our own words, with the status (NULL: see below). */
    { "/api/v1/html", SP_CLIENT_ERROR_PROTOCOL, 500, NULL, NULL, NULL },
    /* No handler: a 404 without the API's body. */
    { "/api/v1/nowhere", SP_CLIENT_ERROR_PROTOCOL, 404, NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = send (fixture->client, "GET", cases[i].path, NULL, NULL, NULL,
                                       &error);
      g_autofree char *ours = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE,
                                                           "The server gave an unexpected "
                                                           "answer (HTTP %u)."),
                                               cases[i].status);

      g_test_message ("%s", cases[i].path);
      g_assert_null (node);
      g_assert_error (error, SP_CLIENT_ERROR, (int) cases[i].code);
      g_assert_cmpuint (sp_client_error_get_status (error), ==, cases[i].status);
      g_assert_cmpstr (sp_client_error_get_code (error), ==, cases[i].server_code);
      g_assert_cmpstr (sp_client_error_get_field (error), ==, cases[i].field);
      g_assert_cmpstr (error->message, ==, cases[i].message != NULL ? cases[i].message : ours);
      /* The server answered: that is online, whatever it said. */
      g_assert_cmpint (sp_client_get_state (fixture->client), ==, SP_CLIENT_STATE_ONLINE);
    }

  /* A conflict carries the record as it is now; copies keep it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) copy = NULL;
    g_autoptr(JsonNode) node = send (fixture->client, "GET", "/api/v1/conflict", NULL, NULL,
                                     NULL, &error);

    copy = g_error_copy (error);
    g_assert_cmpint (json_object_get_int_member (
                       json_node_get_object (sp_client_error_get_current (copy)), "revision"),
                     ==, 4);
    g_assert_cmpstr (sp_client_error_get_field (copy), ==, "base_revision");
  }
}

static void
state_cb (SpClient   *client,
          GParamSpec *pspec,
          GString    *states)
{
  g_string_append_printf (states, "%s%d", states->len > 0 ? "," : "",
                          sp_client_get_state (client));
}

/* A proxy's 502 is the server being away; the next answer brings the client back. */
static void
test_offline_and_back (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *expected = NULL;
  GDateTime *since;

  g_signal_connect (fixture->client, "notify::state", G_CALLBACK (state_cb), states);
  g_assert_cmpint (sp_client_get_state (fixture->client), ==, SP_CLIENT_STATE_ONLINE);
  g_assert_null (sp_client_get_offline_since (fixture->client));

  node = send (fixture->client, "GET", "/api/v1/proxy", NULL, NULL, NULL, &error);
  after = g_date_time_new_now_utc ();
  g_assert_error (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE);
  g_assert_cmpstr (error->message, ==,
                   g_dgettext (GETTEXT_PACKAGE,
                               "The server cannot be reached. Check the network connection."));
  since = sp_client_get_offline_since (fixture->client);
  g_assert_nonnull (since);
  g_assert_cmpint (g_date_time_compare (since, before), >=, 0);
  g_assert_cmpint (g_date_time_compare (since, after), <=, 0);
  g_clear_error (&error);

  /* Still offline while a retry is under way; offline since the first failure. */
  since = g_date_time_ref (since);
  node = send (fixture->client, "GET", "/api/v1/proxy", NULL, NULL, NULL, &error);
  g_assert_error (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE);
  g_assert_true (g_date_time_equal (sp_client_get_offline_since (fixture->client), since));
  g_date_time_unref (since);
  g_clear_error (&error);

  node = send (fixture->client, "GET", "/api/v1/ok", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (sp_client_get_offline_since (fixture->client));

  /* syncing, offline (through both failures), online. */
  expected = g_strdup_printf ("%d,%d,%d", SP_CLIENT_STATE_SYNCING, SP_CLIENT_STATE_OFFLINE,
                              SP_CLIENT_STATE_ONLINE);
  g_assert_cmpstr (states->str, ==, expected);
  g_signal_handlers_disconnect_by_func (fixture->client, state_cb, states);
}

/* Nothing listens: refused at once. */
static void
test_unreachable (void)
{
  g_autoptr(SpClient) client = sp_client_new ("http://127.0.0.1:9");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = send (client, "GET", "/api/v1/me", NULL, NULL, NULL, &error);

  g_assert_error (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE);
  g_assert_cmpuint (sp_client_error_get_status (error), ==, 0);
  g_assert_cmpint (sp_client_get_state (client), ==, SP_CLIENT_STATE_OFFLINE);
  g_assert_nonnull (sp_client_get_offline_since (client));
}

static void
test_hold (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  sp_client_hold (fixture->client);
  g_assert_cmpint (sp_client_get_state (fixture->client), ==, SP_CLIENT_STATE_SYNCING);
  node = send (fixture->client, "GET", "/api/v1/ok", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Between the requests of one operation: still syncing. */
  g_assert_cmpint (sp_client_get_state (fixture->client), ==, SP_CLIENT_STATE_SYNCING);
  sp_client_release (fixture->client);
  g_assert_cmpint (sp_client_get_state (fixture->client), ==, SP_CLIENT_STATE_ONLINE);
}

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) body = NULL;

  sp_client_sign_in_async (fixture->client, "ward", "lösen ord", NULL, result_cb, &result);
  answer = sp_client_sign_in_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpstr (sp_client_get_token (fixture->client), ==, "t-1");
  g_assert_cmpstr (fixture->method, ==, "POST");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/session");
  body = json_from_string (fixture->body, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "username"), ==,
                   "ward");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "password"), ==,
                   "lösen ord");
}

static void
test_changes_query (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GHashTable) query = NULL;

  sp_client_get_changes_async (fixture->client, G_GINT64_CONSTANT (9007199254740993), 500,
                               NULL, result_cb, &result);
  answer = sp_client_get_changes_finish (fixture->client, wait_for (&result), &error);
  /* No handler for /changes here: the request is what counts. */
  g_assert_error (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_PROTOCOL);
  g_assert_cmpstr (fixture->path, ==, "/api/v1/changes");
  query = soup_form_decode (fixture->query);
  /* Above 2^53: a cursor must not pass through a double. */
  g_assert_cmpstr (g_hash_table_lookup (query, "since"), ==, "9007199254740993");
  g_assert_cmpstr (g_hash_table_lookup (query, "limit"), ==, "500");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SAMPLAN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/app/client/headers", Fixture, NULL, fixture_setup, test_headers,
              fixture_teardown);
  g_test_add ("/app/client/errors", Fixture, NULL, fixture_setup, test_errors,
              fixture_teardown);
  g_test_add ("/app/client/offline-and-back", Fixture, NULL, fixture_setup,
              test_offline_and_back, fixture_teardown);
  g_test_add_func ("/app/client/unreachable", test_unreachable);
  g_test_add ("/app/client/hold", Fixture, NULL, fixture_setup, test_hold, fixture_teardown);
  g_test_add ("/app/client/sign-in", Fixture, NULL, fixture_setup, test_sign_in,
              fixture_teardown);
  g_test_add ("/app/client/changes-query", Fixture, NULL, fixture_setup, test_changes_query,
              fixture_teardown);

  return g_test_run ();
}
