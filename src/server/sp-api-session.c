/* sp-api-session.c — health, sign-in and sign-out, who am I, the unit directory
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-api-session"

#include "config.h"

#include "sp-api.h"
#include "sp-api-common.h"
#include "sp-auth.h"
#include "sp-json.h"
#include "sp-server-error.h"
#include "sp-server-private.h"
#include "sp-session.h"

#define MAX_UNITS 100000

static void health (gpointer server, SpRequest *request);
static void sign_in (gpointer server, SpRequest *request);
static void sign_out (gpointer server, SpRequest *request);
static void me (gpointer server, SpRequest *request);
static void list_units (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "GET",    "/api/v1/health",  health,     SP_ROUTE_PUBLIC },
  { "POST",   "/api/v1/session", sign_in,    SP_ROUTE_PUBLIC },
  { "DELETE", "/api/v1/session", sign_out,   0 },
  { "GET",    "/api/v1/me",      me,         0 },
  { "GET",    "/api/v1/units",   list_units, 0 },
};

const SpRoute *
sp_api_session_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

static void
health (gpointer   server,
               SpRequest *request)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "status", "ok");
  json_object_set_string_member (object, "version", PACKAGE_VERSION);
  sp_request_respond_object (request, 200, object);
}

/* Verifying against a real hash when the user does not exist keeps the answer time the
 * same, so timing does not tell which user names exist. */
static const char *
get_dummy_hash (void)
{
  static gsize hash = 0;

  if (g_once_init_enter (&hash))
    g_once_init_leave (&hash, (gsize) sp_auth_hash_password ("no such user, no such password",
                                                             NULL));

  return (const char *) hash;
}

typedef struct
{
  SpServer   *server;
  const char *user_key;
  const char *address_key;
  gint64      now;
  gint64      retry_after;
} Attempt;

/* Counts the attempt as failed for the user and the address before the password is checked,
 * or refuses it if either is at its limit. One store transaction, so under the store's write
 * lock: however many requests race on however many instances, no more attempts reach the
 * password check than the limits allow. A right password takes the count back. */
static gboolean
count_attempt_cb (SpStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  Attempt *attempt = user_data;
  SpRateLimiter *by_user = sp_server_get_limiter (attempt->server, FALSE);
  SpRateLimiter *by_address = sp_server_get_limiter (attempt->server, TRUE);
  gint64 retry_user = 0, retry_address = 0;

  if (!sp_rate_limiter_check (by_user, store, attempt->user_key, attempt->now, &retry_user,
                              error) ||
      !sp_rate_limiter_check (by_address, store, attempt->address_key, attempt->now,
                              &retry_address, error))
    return FALSE;

  attempt->retry_after = MAX (retry_user, retry_address);
  if (attempt->retry_after > 0)
    return TRUE;

  return sp_rate_limiter_fail (by_user, store, attempt->user_key, attempt->now, error) &&
         sp_rate_limiter_fail (by_address, store, attempt->address_key, attempt->now, error);
}

/* The user's failures are forgotten; the address keeps its others (see sp-rate-limiter.c). */
static gboolean
forgive_attempt_cb (SpStore   *store,
                    gpointer   user_data,
                    GError   **error)
{
  Attempt *attempt = user_data;

  return sp_rate_limiter_reset (sp_server_get_limiter (attempt->server, FALSE), store,
                                attempt->user_key, attempt->now, error) &&
         sp_rate_limiter_forgive (sp_server_get_limiter (attempt->server, TRUE), store,
                                  attempt->address_key, attempt->now, error);
}

static gboolean
count_attempt (SpServer   *server,
               SpRequest  *request,
               Attempt    *attempt)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seconds = NULL;

  if (!sp_store_transaction (sp_server_get_store (server), count_attempt_cb, attempt, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return FALSE;
    }

  if (attempt->retry_after == 0)
    return TRUE;

  seconds = g_strdup_printf ("%" G_GINT64_FORMAT, attempt->retry_after);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Retry-After", seconds);
  sp_request_fail (request, g_error_new_literal (SP_SERVER_ERROR, SP_SERVER_ERROR_RATE_LIMITED,
                                                 "too many failed sign-ins"));
  return FALSE;
}

/* A wrong password is answered, not failed: a failed request rolls its transaction back, and
 * with it the attempt just counted. */
static void
refuse_credentials (SpRequest *request)
{
  g_autoptr(GError) error = g_error_new_literal (SP_SERVER_ERROR,
                                                 SP_SERVER_ERROR_BAD_CREDENTIALS,
                                                 "wrong user name or password");
  guint status = 500;

  g_free (request->response);
  request->response = sp_server_error_to_json (error, NULL, &status);
  request->status = status;
}

static JsonNode *
units_to_json (SpStore             *store,
               const char * const  *unit_ids)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; unit_ids[i] != NULL; i++)
    {
      g_autoptr(SpUnit) unit = sp_session_load_unit (store, unit_ids[i], NULL);

      if (unit != NULL)
        json_array_add_element (array, sp_unit_to_json (unit));
    }

  return sp_json_node_new_array (array);
}

static void
sign_in (gpointer   server,
                SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  g_autofree char *user_key = NULL;
  g_autofree char *address = NULL;
  g_autofree char *address_key = NULL;
  g_autofree char *token = NULL;
  g_autoptr(SpUser) user = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(JsonObject) result = NULL;
  JsonObject *body = sp_request_get_object (request, &error);
  Attempt attempt;
  gboolean ok;

  if (body == NULL ||
      !sp_json_get_string (body, "username", TRUE, 128, &username, &error) ||
      !sp_json_get_string (body, "password", TRUE, SP_AUTH_MAX_PASSWORD, &password, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  user_key = g_strconcat ("user:", username, NULL);
  address = sp_server_dup_client_address (server, request->msg);
  address_key = g_strconcat ("address:", address, NULL);
  now = sp_server_get_now (server);
  attempt = (Attempt) { server, user_key, address_key, g_date_time_to_unix (now), 0 };
  if (!count_attempt (server, request, &attempt))
    return;

  user = sp_session_load_user (store, username, NULL);
  ok = sp_auth_verify_password (user != NULL ? sp_user_get_password_hash (user)
                                             : get_dummy_hash (),
                                password) && user != NULL;
  if (!ok)
    {
      refuse_credentials (request);
      return;
    }

  if (!sp_store_transaction (store, forgive_attempt_cb, &attempt, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  token = sp_session_create (store, user, now, &expires, &error);
  if (token == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  result = json_object_new ();
  json_object_set_string_member (result, "token", token);
  sp_json_set_datetime (result, "expires_at", expires);
  json_object_set_member (result, "user", sp_user_to_json (user, FALSE));
  json_object_set_member (result, "units", units_to_json (store, sp_user_get_units (user)));
  /* The app previews tracks and deadlines by the same region's rules. */
  json_object_set_string_member (result, "region_profile", sp_server_get_profile (server)->id);
  sp_request_respond_object (request, 201, result);
}

static void
sign_out (gpointer   server,
                 SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = json_object_new ();

  if (!sp_session_revoke (request->session, sp_server_get_store (server), &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  json_object_set_boolean_member (result, "signed_out", TRUE);
  sp_request_respond_object (request, 200, result);
}

static void
me (gpointer   server,
           SpRequest *request)
{
  SpUser *user = sp_session_get_user (request->session);
  g_autoptr(JsonObject) result = json_object_new ();

  json_object_set_member (result, "user", sp_user_to_json (user, FALSE));
  json_object_set_member (result, "unit", sp_unit_to_json (sp_session_get_unit (request->session)));
  json_object_set_member (result, "units",
                          units_to_json (sp_server_get_store (server), sp_user_get_units (user)));
  json_object_set_string_member (result, "region_profile", sp_server_get_profile (server)->id);
  sp_request_respond_object (request, 200, result);
}

static void
list_units (gpointer   server,
                   SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  JsonArray *array;

  records = sp_store_list (sp_server_get_store (server), "unit", NULL, 0, MAX_UNITS, &error);
  if (records == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  array = json_array_new ();
  for (guint i = 0; i < records->len; i++)
    {
      SpRecord *record = g_ptr_array_index (records, i);
      gsize length = 0;
      const char *text = g_bytes_get_data (sp_record_get_body (record), &length);
      JsonNode *node = sp_json_parse (text, length, NULL);

      if (node != NULL)
        json_array_add_element (array, node);
    }

  json_object_set_array_member (result, "units", array);
  sp_request_respond_object (request, 200, result);
}
