/* sp-client.c — the Samplan server's JSON API over HTTP
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession per server. Every request carries the bearer token and the acting unit;
 * every write a fresh Idempotency-Key unless the caller replays one. The client also keeps
 * the connection state the header bar shows: a request that cannot reach the server makes
 * it offline until the next answer arrives.
 */

#define G_LOG_DOMAIN "sp-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sp-client.h"
#include "sp-json.h"

/* Seconds without progress before a request counts as failed, i.e. as offline. */
#define REQUEST_TIMEOUT 30

typedef struct
{
  guint     status;
  char     *code;
  char     *field;
  JsonNode *current;
} SpClientErrorPrivate;

static void
sp_client_error_private_init (SpClientErrorPrivate *priv)
{
}

static void
sp_client_error_private_copy (const SpClientErrorPrivate *src,
                              SpClientErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->code = g_strdup (src->code);
  dest->field = g_strdup (src->field);
  dest->current = src->current != NULL ? json_node_ref (src->current) : NULL;
}

static void
sp_client_error_private_clear (SpClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->field, g_free);
  g_clear_pointer (&priv->current, json_node_unref);
}

G_DEFINE_EXTENDED_ERROR (SpClientError, sp_client_error)

G_DEFINE_ENUM_TYPE (SpClientState, sp_client_state,
  G_DEFINE_ENUM_VALUE (SP_CLIENT_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (SP_CLIENT_STATE_ONLINE, "online"),
  G_DEFINE_ENUM_VALUE (SP_CLIENT_STATE_SYNCING, "syncing"))

struct _SpClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *token;
  char        *unit_id;

  /* Requests under way plus holds (sp_client_hold): SYNCING while not zero. */
  guint        in_flight;
  /* NULL while the last answer came through. */
  GDateTime   *offline_since;
  SpClientState state;
};

G_DEFINE_FINAL_TYPE (SpClient, sp_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_UNIT,
  PROP_STATE,
  PROP_OFFLINE_SINCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_state (SpClient *self)
{
  SpClientState state;

  if (self->offline_since != NULL)
    state = SP_CLIENT_STATE_OFFLINE;
  else if (self->in_flight > 0)
    state = SP_CLIENT_STATE_SYNCING;
  else
    state = SP_CLIENT_STATE_ONLINE;

  if (state == self->state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_reachable (SpClient *self,
               gboolean  reachable)
{
  if (reachable == (self->offline_since == NULL))
    return;

  g_clear_pointer (&self->offline_since, g_date_time_unref);
  if (!reachable)
    self->offline_since = g_date_time_new_now_utc ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_SINCE]);
}

static GError *
new_error (SpClientError  code,
           guint          status,
           const char    *server_code,
           const char    *field,
           JsonNode      *current,
           const char    *message)
{
  GError *error = g_error_new_literal (SP_CLIENT_ERROR, code, message);
  SpClientErrorPrivate *priv = sp_client_error_get_private (error);

  priv->status = status;
  priv->code = g_strdup (server_code);
  priv->field = g_strdup (field);
  priv->current = current != NULL ? json_node_ref (current) : NULL;

  return error;
}

static GError *
new_offline_error (void)
{
  return new_error (SP_CLIENT_ERROR_OFFLINE, 0, NULL, NULL, NULL,
                    _("The server cannot be reached. Check the network connection."));
}

static SpClientError
code_for_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return SP_CLIENT_ERROR_UNAUTHORIZED;
    case SOUP_STATUS_FORBIDDEN:
      return SP_CLIENT_ERROR_FORBIDDEN;
    case SOUP_STATUS_NOT_FOUND:
      return SP_CLIENT_ERROR_NOT_FOUND;
    case SOUP_STATUS_CONFLICT:
      return SP_CLIENT_ERROR_CONFLICT;
    case 429: /* Too Many Requests: libsoup 3.2 has no name for it */
      return SP_CLIENT_ERROR_RATE_LIMITED;
    default:
      return status >= 500 ? SP_CLIENT_ERROR_SERVER : SP_CLIENT_ERROR_INVALID;
    }
}

/* The API's error body: {"error":{"code","message","field"},"current":…}. NULL when the
 * answer came from something else (a proxy's HTML page, say). */
static GError *
parse_api_error (guint     status,
                 JsonNode *node)
{
  JsonObject *root;
  JsonObject *error;
  JsonNode *current;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *field = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  root = json_node_get_object (node);
  error = sp_json_get_object (root, "error", TRUE, NULL);
  if (error == NULL ||
      !sp_json_get_string (error, "code", TRUE, 128, &code, NULL) ||
      !sp_json_get_string (error, "message", TRUE, SP_JSON_MAX_TEXT, &message, NULL) ||
      !sp_json_get_string (error, "field", FALSE, SP_JSON_MAX_TEXT, &field, NULL))
    return NULL;

  current = json_object_get_member (root, "current");
  return new_error (code_for_status (status), status, code, field, current, message);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SpClient *self = g_task_get_source_object (task);
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *data;
  gsize length = 0;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  self->in_flight--;

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          update_state (self);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* Refused, unreachable, timed out, TLS failed: for the user all mean "not now". */
      g_debug ("%s %s: %s", soup_message_get_method (msg),
               g_uri_get_path (soup_message_get_uri (msg)), error->message);
      set_reachable (self, FALSE);
      update_state (self);
      g_task_return_error (task, new_offline_error ());
      return;
    }

  status = soup_message_get_status (msg);
  data = g_bytes_get_data (bytes, &length);

  /* The changes feed's pages are read by the cache's worker, as text (sp-changes-page.c). */
  if (status >= 200 && status < 300 &&
      g_task_get_source_tag (task) == sp_client_get_changes_text_async)
    {
      set_reachable (self, TRUE);
      update_state (self);
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (length > 0)
    node = sp_json_parse (data, length, NULL);

  if (status >= 200 && status < 300 && (node != NULL || length == 0))
    {
      set_reachable (self, TRUE);
      update_state (self);
      g_task_return_pointer (task,
                             node != NULL ? g_steal_pointer (&node)
                                          : json_node_init_null (json_node_alloc ()),
                             (GDestroyNotify) json_node_unref);
      return;
    }

  error = parse_api_error (status, node);
  if (error == NULL && (status == SOUP_STATUS_BAD_GATEWAY ||
                        status == SOUP_STATUS_SERVICE_UNAVAILABLE ||
                        status == SOUP_STATUS_GATEWAY_TIMEOUT))
    {
      /* A proxy in front of a stopped server answers this itself. */
      set_reachable (self, FALSE);
      update_state (self);
      g_task_return_error (task, new_offline_error ());
      return;
    }

  set_reachable (self, TRUE);
  update_state (self);
  if (error == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The server gave an unexpected answer "
                                                    "(HTTP %u)."), status);

      error = new_error (SP_CLIENT_ERROR_PROTOCOL, status, NULL, NULL, NULL, message);
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
is_write (const char *method)
{
  return g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0;
}

static SoupMessage *
build_message (SpClient    *self,
               const char  *method,
               const char  *path,
               GHashTable  *query,
               JsonNode    *body,
               const char  *idempotency_key)
{
  g_autofree char *url = NULL;
  g_autofree char *encoded = NULL;
  SoupMessageHeaders *headers;
  SoupMessage *msg;

  if (query != NULL && g_hash_table_size (query) > 0)
    encoded = soup_form_encode_hash (query);
  url = g_strconcat (self->base_url, path, encoded != NULL ? "?" : "", encoded, NULL);
  msg = soup_message_new (method, url);
  if (msg == NULL)
    return NULL;

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (self->unit_id != NULL)
    soup_message_headers_replace (headers, "X-Samplan-Unit", self->unit_id);

  if (is_write (method))
    {
      g_autofree char *key = idempotency_key != NULL ? g_strdup (idempotency_key)
                                                     : g_uuid_string_random ();

      soup_message_headers_replace (headers, "Idempotency-Key", key);
    }

  if (body != NULL)
    {
      char *text = sp_json_to_string (body, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  return msg;
}

static void
send_request (SpClient            *self,
              gpointer             source_tag,
              const char          *method,
              const char          *path,
              GHashTable          *query,
              JsonNode            *body,
              const char          *idempotency_key,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SoupMessage *msg;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  msg = build_message (self, method, path, query, body, idempotency_key);
  if (msg == NULL)
    {
      g_task_return_new_error (task, SP_CLIENT_ERROR, SP_CLIENT_ERROR_PROTOCOL,
                               _("The server address is not valid."));
      return;
    }
  g_task_set_task_data (task, msg, g_object_unref);

  self->in_flight++;
  update_state (self);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    send_cb, g_steal_pointer (&task));
}

static JsonNode *
finish_request (SpClient      *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (SP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sp_client_finalize (GObject *object)
{
  SpClient *self = SP_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->unit_id, g_free);
  g_clear_pointer (&self->offline_since, g_date_time_unref);

  G_OBJECT_CLASS (sp_client_parent_class)->finalize (object);
}

static void
sp_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SpClient *self = SP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit_id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_OFFLINE_SINCE:
      g_value_set_boxed (value, self->offline_since);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SpClient *self = SP_CLIENT (object);
  const char *url;

  switch (prop_id)
    {
    case PROP_BASE_URL:
      /* Paths start with "/": drop the address's own trailing slashes. */
      url = g_value_get_string (value);
      self->base_url = g_strdup (url != NULL ? url : "");
      while (g_str_has_suffix (self->base_url, "/"))
        self->base_url[strlen (self->base_url) - 1] = '\0';
      break;
    case PROP_TOKEN:
      sp_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      sp_client_set_unit (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_client_class_init (SpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_client_finalize;
  object_class->get_property = sp_client_get_property;
  object_class->set_property = sp_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SP_TYPE_CLIENT_STATE, SP_CLIENT_STATE_ONLINE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE_SINCE] =
    g_param_spec_boxed ("offline-since", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_client_init (SpClient *self)
{
  /* Optimistic until a request says otherwise: the first one follows at once. */
  self->state = SP_CLIENT_STATE_ONLINE;
  self->session = soup_session_new_with_options ("timeout", REQUEST_TIMEOUT,
                                                 "user-agent", "Samplan/" PACKAGE_VERSION,
                                                 NULL);
}

/**
 * sp_client_error_get_status:
 * @error: an error in the %SP_CLIENT_ERROR domain
 *
 * Returns: the HTTP status of the answer, 0 if none arrived
 */
guint
sp_client_error_get_status (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SP_CLIENT_ERROR, 0);

  return sp_client_error_get_private (error)->status;
}

/**
 * sp_client_error_get_code:
 * @error: an error in the %SP_CLIENT_ERROR domain
 *
 * Returns: (nullable): the server's error code ("bad_credentials", "conflict" …), %NULL if
 *   the server did not give one
 */
const char *
sp_client_error_get_code (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SP_CLIENT_ERROR, NULL);

  return sp_client_error_get_private (error)->code;
}

/**
 * sp_client_error_get_field:
 * @error: an error in the %SP_CLIENT_ERROR domain
 *
 * Returns: (nullable): the path of the member or parameter the server refused
 *   ("addressing[1].unit", "since"), %NULL if none
 */
const char *
sp_client_error_get_field (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SP_CLIENT_ERROR, NULL);

  return sp_client_error_get_private (error)->field;
}

/**
 * sp_client_error_get_current:
 * @error: an error in the %SP_CLIENT_ERROR domain
 *
 * Returns: (transfer none) (nullable): for a conflict, the record as it is now
 */
JsonNode *
sp_client_error_get_current (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SP_CLIENT_ERROR, NULL);

  return sp_client_error_get_private (error)->current;
}

/**
 * sp_client_new:
 * @base_url: the server's address, e.g. "https://samplan.example.org"
 *
 * Returns: (transfer full): a client without a token
 */
SpClient *
sp_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (SP_TYPE_CLIENT, "base-url", base_url, NULL);
}

const char *
sp_client_get_base_url (SpClient *self)
{
  g_return_val_if_fail (SP_IS_CLIENT (self), NULL);

  return self->base_url;
}

const char *
sp_client_get_token (SpClient *self)
{
  g_return_val_if_fail (SP_IS_CLIENT (self), NULL);

  return self->token;
}

/**
 * sp_client_set_token:
 * @token: (nullable): the bearer token of a session, %NULL to send none
 */
void
sp_client_set_token (SpClient   *self,
                     const char *token)
{
  g_return_if_fail (SP_IS_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;

  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

const char *
sp_client_get_unit (SpClient *self)
{
  g_return_val_if_fail (SP_IS_CLIENT (self), NULL);

  return self->unit_id;
}

/**
 * sp_client_set_unit:
 * @unit_id: (nullable): the unit to act for (X-Samplan-Unit); %NULL: the user's first
 */
void
sp_client_set_unit (SpClient   *self,
                    const char *unit_id)
{
  g_return_if_fail (SP_IS_CLIENT (self));

  if (g_strcmp0 (self->unit_id, unit_id) == 0)
    return;

  g_free (self->unit_id);
  self->unit_id = g_strdup (unit_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

SpClientState
sp_client_get_state (SpClient *self)
{
  g_return_val_if_fail (SP_IS_CLIENT (self), SP_CLIENT_STATE_OFFLINE);

  return self->state;
}

/**
 * sp_client_get_offline_since:
 *
 * Returns: (transfer none) (nullable): when the server was first found unreachable, in
 *   UTC; %NULL while it answers
 */
GDateTime *
sp_client_get_offline_since (SpClient *self)
{
  g_return_val_if_fail (SP_IS_CLIENT (self), NULL);

  return self->offline_since;
}

/**
 * sp_client_hold:
 *
 * Keeps the state at %SP_CLIENT_STATE_SYNCING (while the server answers) across an
 * operation of several requests and local work between them, until sp_client_release().
 */
void
sp_client_hold (SpClient *self)
{
  g_return_if_fail (SP_IS_CLIENT (self));

  self->in_flight++;
  update_state (self);
}

void
sp_client_release (SpClient *self)
{
  g_return_if_fail (SP_IS_CLIENT (self));
  g_return_if_fail (self->in_flight > 0);

  self->in_flight--;
  update_state (self);
}

/**
 * sp_client_send_async:
 * @method: "GET", "POST", "PUT", "PATCH" or "DELETE"
 * @path: the path below the base address, starting with "/api/v1/"
 * @query: (nullable) (element-type utf8 utf8): query parameters
 * @body: (nullable): the JSON body of a write
 * @idempotency_key: (nullable): for a write, the key of the command being retried;
 *   %NULL for a new command, which gets a fresh key
 *
 * Sends one request. Any 2xx answer completes with its JSON (a JSON null for an empty body);
 * anything else with an %SP_CLIENT_ERROR whose message the user can read.
 */
void
sp_client_send_async (SpClient            *self,
                      const char          *method,
                      const char          *path,
                      GHashTable          *query,
                      JsonNode            *body,
                      const char          *idempotency_key,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (SP_IS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  send_request (self, sp_client_send_async, method, path, query, body, idempotency_key,
                cancellable, callback, user_data);
}

/**
 * sp_client_send_finish:
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
JsonNode *
sp_client_send_finish (SpClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return finish_request (self, result, sp_client_send_async, error);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SpClient *self = SP_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *token = NULL;
  JsonObject *object_node;

  node = finish_request (self, result, sign_in_cb, &error);
  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object_node = sp_json_node_get_object (node, "$", &error);
  if (object_node == NULL ||
      !sp_json_get_string (object_node, "token", TRUE, 1024, &token, &error))
    {
      g_debug ("sign-in answer: %s", error->message);
      g_task_return_new_error (task, SP_CLIENT_ERROR, SP_CLIENT_ERROR_PROTOCOL,
                               _("The server gave an unexpected answer."));
      return;
    }

  sp_client_set_token (self, token);
  g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
}

/**
 * sp_client_sign_in_async:
 *
 * Signs in with POST /api/v1/session. On success the client keeps the session's token.
 */
void
sp_client_sign_in_async (SpClient            *self,
                         const char          *username,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (SP_IS_CLIENT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_client_sign_in_async);

  json_object_set_string_member (object, "username", username);
  json_object_set_string_member (object, "password", password);
  body = sp_json_node_new_object (g_steal_pointer (&object));
  /* The answer is read in sign_in_cb, which is the source tag of the inner request. */
  send_request (self, sign_in_cb, "POST", "/api/v1/session", NULL, body, NULL, cancellable,
                sign_in_cb, task);
}

/**
 * sp_client_sign_in_finish:
 *
 * Returns: (transfer full): `{token, expires_at, user, units}`, or %NULL with @error set
 */
JsonNode *
sp_client_sign_in_finish (SpClient      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return finish_request (self, result, sp_client_sign_in_async, error);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = finish_request (SP_CLIENT (object), result, sign_out_cb, &error);

  if (node == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sp_client_sign_out_async:
 *
 * Ends the session on the server (DELETE /api/v1/session). The client forgets its token at
 * once, whether or not the server could be told.
 */
void
sp_client_sign_out_async (SpClient            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SP_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_client_sign_out_async);
  /* The message holds its own copy of the Authorization header. */
  send_request (self, sign_out_cb, "DELETE", "/api/v1/session", NULL, NULL, NULL, cancellable,
                sign_out_cb, task);
  sp_client_set_token (self, NULL);
}

gboolean
sp_client_sign_out_finish (SpClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (SP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_client_sign_out_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sp_client_get_me_async:
 *
 * GET /api/v1/me: `{user, unit, units}` of the session.
 */
void
sp_client_get_me_async (SpClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (SP_IS_CLIENT (self));

  send_request (self, sp_client_get_me_async, "GET", "/api/v1/me", NULL, NULL, NULL,
                cancellable, callback, user_data);
}

/**
 * sp_client_get_me_finish:
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
JsonNode *
sp_client_get_me_finish (SpClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return finish_request (self, result, sp_client_get_me_async, error);
}

/**
 * sp_client_list_episodes_async:
 * @query: (nullable) (element-type utf8 utf8): filters and paging: "state", "track",
 *   "overdue", "q", "offset", "limit" (docs/api/episodes.md)
 *
 * GET /api/v1/episodes: one page of the overview rows of the acting unit.
 */
void
sp_client_list_episodes_async (SpClient            *self,
                               GHashTable          *query,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SP_IS_CLIENT (self));

  send_request (self, sp_client_list_episodes_async, "GET", "/api/v1/episodes", query, NULL,
                NULL, cancellable, callback, user_data);
}

/**
 * sp_client_list_episodes_finish:
 *
 * Returns: (transfer full): `{items, offset, limit}`, or %NULL with @error set
 */
JsonNode *
sp_client_list_episodes_finish (SpClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_request (self, result, sp_client_list_episodes_async, error);
}

/**
 * sp_client_list_inbox_async:
 *
 * GET /api/v1/inbox: what the acting unit has still to acknowledge, newest first.
 */
void
sp_client_list_inbox_async (SpClient            *self,
                            guint                offset,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_if_fail (SP_IS_CLIENT (self));

  g_hash_table_insert (query, "offset", g_strdup_printf ("%u", offset));
  g_hash_table_insert (query, "limit", g_strdup_printf ("%u", limit));
  send_request (self, sp_client_list_inbox_async, "GET", "/api/v1/inbox", query, NULL, NULL,
                cancellable, callback, user_data);
}

/**
 * sp_client_list_inbox_finish:
 *
 * Returns: (transfer full): `{items, offset, limit, total}`, or %NULL with @error set
 */
JsonNode *
sp_client_list_inbox_finish (SpClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_request (self, result, sp_client_list_inbox_async, error);
}

/**
 * sp_client_get_changes_async:
 * @since: the cursor: 0, or the "next" of the previous page
 * @limit: at most this many items (1 to 500)
 *
 * GET /api/v1/changes (docs/api/changes-audit.md).
 */
void
sp_client_get_changes_async (SpClient            *self,
                             gint64               since,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_if_fail (SP_IS_CLIENT (self));

  g_hash_table_insert (query, "since", g_strdup_printf ("%" G_GINT64_FORMAT, since));
  g_hash_table_insert (query, "limit", g_strdup_printf ("%u", limit));
  send_request (self, sp_client_get_changes_async, "GET", "/api/v1/changes", query, NULL, NULL,
                cancellable, callback, user_data);
}

/**
 * sp_client_get_changes_finish:
 *
 * Returns: (transfer full): `{items, next, more}`, or %NULL with @error set
 */
JsonNode *
sp_client_get_changes_finish (SpClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_request (self, result, sp_client_get_changes_async, error);
}

/**
 * sp_client_get_changes_text_async:
 *
 * sp_client_get_changes_async(), answered with the page's text as the server sent it (for
 * sp_cache_apply_text_async()): nothing is parsed on this thread. Errors are the same.
 */
void
sp_client_get_changes_text_async (SpClient            *self,
                                  gint64               since,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_if_fail (SP_IS_CLIENT (self));

  g_hash_table_insert (query, "since", g_strdup_printf ("%" G_GINT64_FORMAT, since));
  g_hash_table_insert (query, "limit", g_strdup_printf ("%u", limit));
  send_request (self, sp_client_get_changes_text_async, "GET", "/api/v1/changes", query, NULL,
                NULL, cancellable, callback, user_data);
}

/**
 * sp_client_get_changes_text_finish:
 *
 * Returns: (transfer full): the page's text, or %NULL with @error set
 */
GBytes *
sp_client_get_changes_text_finish (SpClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (SP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sp_client_get_changes_text_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
