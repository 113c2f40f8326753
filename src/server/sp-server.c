/* sp-server.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request goes through dispatch_cb: route → body → caller → handler. A route marked
 * SP_ROUTE_WRITE runs its handler inside one store transaction together with its idempotency
 * record, so a command either happens completely, with the answer remembered for a replay,
 * or not at all.
 */

#define G_LOG_DOMAIN "sp-server"

#include "config.h"

#include <string.h>

#include "sp-calendar.h"
#include "sp-client-address.h"
#include "sp-idempotency.h"
#include "sp-json.h"
#include "sp-lru-cache.h"
#include "sp-router.h"
#include "sp-server-error.h"
#include "sp-server-private.h"
#include "sp-server-routes.h"
#include "sp-session.h"

struct _SpServer
{
  GObject                parent_instance;

  /* We accept connections ourselves and hand them to libsoup: libsoup 3.2's own listener
   * never frees the GSocket of an accepted connection (~340 bytes per connection, measured). */
  GSocketService        *service;
  GTlsCertificate       *certificate;
  char                  *uri;
  SoupServer            *soup;
  SpStore               *store;
  const SpRegionProfile *profile;
  SpRateLimiter         *user_limiter;
  SpRateLimiter         *address_limiter;
  gboolean               loopback_only;
  /* GInetAddressMask: whose X-Forwarded-For names the client (serve --trusted-proxy). */
  GPtrArray             *trusted_proxies;
  /* "kind/id" → Parsed: records parsed for read-only use (sp_server_lookup_parsed()). */
  SpLruCache            *parsed;
  /* Rows of the overview as rendered for a unit (sp-api-episodes-rows.c). */
  SpLruCache            *rows;
};

typedef struct
{
  gint64   revision;
  GObject *object;
} Parsed;

/* Episodes, patients, plans and SIPs: the pages every unit reads stay parsed while single
 * reads wander over the region. */
#define MAX_PARSED 16384

static void
parsed_free (Parsed *parsed)
{
  g_object_unref (parsed->object);
  g_free (parsed);
}

G_DEFINE_FINAL_TYPE (SpServer, sp_server, G_TYPE_OBJECT)

typedef struct
{
  SpServer      *server;
  SpRequest     *request;
  const SpRoute *route;
} Command;

static gboolean
run_write_cb (SpStore   *store,
              gpointer   user_data,
              GError   **error)
{
  Command *command = user_data;
  SpRequest *request = command->request;

  command->route->handler (command->server, request);
  if (request->error != NULL)
    {
      /* Roll back: a refused command changes nothing and is not remembered. */
      g_propagate_error (error, g_steal_pointer (&request->error));
      return FALSE;
    }

  return sp_idempotency_save (store, request, error);
}

/* A read runs in one transaction too: it sees one snapshot, and its audit entries (one per
 * patient it showed) cost one commit instead of one each. */
static gboolean
run_read_cb (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  Command *command = user_data;
  SpRequest *request = command->request;

  command->route->handler (command->server, request);
  if (request->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&request->error));
      return FALSE;
    }

  return TRUE;
}

static void
run_route (SpServer      *self,
           SpRequest     *request,
           const SpRoute *route)
{
  g_autoptr(GError) error = NULL;

  if (route->flags & SP_ROUTE_WRITE)
    {
      Command command = { self, request, route };

      if (request->idempotency_key == NULL)
        {
          g_set_error_literal (&error, SP_SERVER_ERROR, SP_SERVER_ERROR_IDEMPOTENCY_REQUIRED,
                               "Idempotency-Key: required on every write");
          sp_request_reply_error (request, error);
          return;
        }

      /* A replay answers what the first attempt answered, and changes nothing. */
      if (sp_idempotency_replay (self->store, request, &error))
        return;
      if (error != NULL)
        {
          sp_request_reply_error (request, error);
          return;
        }

      if (!sp_store_transaction (self->store, run_write_cb, &command, &error))
        {
          sp_request_reply_error (request, error);
          return;
        }
    }
  else
    {
      Command command = { self, request, route };

      /* Reads decide nothing a concurrent write could change before they log what they
       * read, so several may run at once (on PostgreSQL, across instances). */
      if (!sp_store_read_transaction (self->store, run_read_cb, &command, &error))
        {
          sp_request_reply_error (request, error);
          return;
        }
    }

  sp_request_send (request);
}

static void
dispatch_cb (SoupServer        *soup,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  SpServer *self = user_data;
  g_autoptr(SpRequest) request = sp_request_new (msg, path, query);
  g_autoptr(GError) error = NULL;
  const SpRoute *route = NULL;
  guint n_routes = 0;
  const SpRoute *routes = sp_server_routes_get (&n_routes);

  switch (sp_router_match (routes, n_routes, request->method, path, request->params, &route))
    {
    case SP_ROUTE_MATCH_NONE:
      g_set_error_literal (&error, SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND, "no such path");
      sp_request_reply_error (request, error);
      return;
    case SP_ROUTE_MATCH_WRONG_METHOD:
      g_set_error_literal (&error, SP_SERVER_ERROR, SP_SERVER_ERROR_METHOD_NOT_ALLOWED,
                           "method not allowed");
      sp_request_reply_error (request, error);
      return;
    case SP_ROUTE_MATCH_FOUND:
    default:
      break;
    }

  if (!sp_request_parse_body (request, &error))
    {
      sp_request_reply_error (request, error);
      return;
    }

  if (!(route->flags & SP_ROUTE_PUBLIC))
    {
      g_autoptr(GDateTime) now = sp_server_get_now (self);

      request->session = sp_session_authenticate (self->store,
                                                  sp_request_get_header (request,
                                                                         "Authorization"),
                                                  sp_request_get_header (request,
                                                                         "X-Samplan-Unit"),
                                                  now, &error);
      if (request->session == NULL)
        {
          sp_request_reply_error (request, error);
          return;
        }
    }

  run_route (self, request, route);
}

/* Refuse oversized bodies from the headers, before libsoup reads them into memory. */
static void
early_cb (SoupServer        *soup,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);

  if (length > SP_REQUEST_MAX_BODY)
    {
      g_autoptr(SpRequest) request = sp_request_new (msg, path, query);
      g_autoptr(GError) error = NULL;

      g_set_error (&error, SP_SERVER_ERROR, SP_SERVER_ERROR_PAYLOAD_TOO_LARGE,
                   "$: body of %" G_GINT64_FORMAT " bytes", (gint64) length);
      sp_request_reply_error (request, error);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
    }
}

static void
sp_server_dispose (GObject *object)
{
  SpServer *self = SP_SERVER (object);

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->service);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->uri, g_free);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);
  g_clear_object (&self->user_limiter);
  g_clear_object (&self->address_limiter);
  g_clear_pointer (&self->trusted_proxies, g_ptr_array_unref);
  g_clear_pointer (&self->parsed, sp_lru_cache_free);
  g_clear_pointer (&self->rows, sp_lru_cache_free);

  G_OBJECT_CLASS (sp_server_parent_class)->dispose (object);
}

static void
sp_server_class_init (SpServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_server_dispose;
}

static void
sp_server_init (SpServer *self)
{
  /* Five failed sign-ins per user, twenty per address, per fifteen minutes. */
  self->user_limiter = sp_rate_limiter_new (5, 15 * 60);
  self->address_limiter = sp_rate_limiter_new (20, 15 * 60);
  self->parsed = sp_lru_cache_new (MAX_PARSED, (GDestroyNotify) parsed_free);
}

SpServer *
sp_server_new (SpStore               *store,
               const SpRegionProfile *profile)
{
  SpServer *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  self = g_object_new (SP_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->profile = profile;
  self->soup = soup_server_new ("server-header", "samplan-server", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, dispatch_cb, self, NULL);

  return self;
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  SpServer *self = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (self->certificate != NULL)
    {
      stream = (GIOStream *) g_tls_server_connection_new (G_IO_STREAM (connection),
                                                          self->certificate, &error);
      if (stream == NULL)
        {
          g_warning ("TLS is not available: %s", error->message);
          return TRUE;
        }
    }
  else
    stream = g_object_ref (G_IO_STREAM (connection));

  if (!soup_server_accept_iostream (self->soup, stream, local, remote, &error))
    g_debug ("Connection refused: %s", error->message);

  return TRUE;
}

static gboolean
parse_address (const char      *address,
               GInetAddress   **out_inet,
               guint16         *out_port,
               GError         **error)
{
  g_autoptr(GNetworkAddress) parsed = NULL;
  g_autoptr(GInetAddress) inet = NULL;

  parsed = G_NETWORK_ADDRESS (g_network_address_parse (address, 0, error));
  if (parsed == NULL)
    return FALSE;

  inet = g_inet_address_new_from_string (g_network_address_get_hostname (parsed));
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address and port (e.g. 127.0.0.1:8443)", address);
      return FALSE;
    }

  *out_inet = g_steal_pointer (&inet);
  *out_port = g_network_address_get_port (parsed);
  return TRUE;
}

/**
 * sp_server_listen:
 * @address: "IP:PORT"; port 0 picks a free port (see sp_server_get_uri())
 *
 * Plain HTTP only on loopback: patient data never crosses a network unencrypted.
 */
gboolean
sp_server_listen (SpServer    *self,
                  const char  *address,
                  const char  *tls_cert_file,
                  const char  *tls_key_file,
                  GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autofree char *host = NULL;
  gboolean tls = FALSE;
  guint16 port = 0;

  g_return_val_if_fail (SP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->service == NULL, FALSE);

  if (!parse_address (address, &inet, &port, error))
    return FALSE;

  if ((tls_cert_file == NULL) != (tls_key_file == NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "--tls-cert and --tls-key go together");
      return FALSE;
    }

  if (tls_cert_file != NULL)
    {
      self->certificate = g_tls_certificate_new_from_files (tls_cert_file, tls_key_file, error);
      if (self->certificate == NULL)
        return FALSE;
      tls = TRUE;
    }
  else if (!g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "Refusing plain HTTP on %s: give --tls-cert and --tls-key, or listen on "
                   "127.0.0.1", address);
      return FALSE;
    }

  socket_address = g_inet_socket_address_new (inet, port);
  self->service = g_socket_service_new ();
  /* Every answer closes its connection on libsoup 3.2 (see sp-request.c): clients reconnect
   * all the time, and the default backlog of 10 drops them under load. */
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (self->service), 256);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), socket_address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, error))
    return FALSE;

  host = g_inet_address_to_string (inet);
  self->uri = g_strdup_printf ("%s://%s%s%s:%u/", tls ? "https" : "http",
                               g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "["
                                                                                        : "",
                               host,
                               g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "]"
                                                                                        : "",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_signal_connect_object (self->service, "incoming", G_CALLBACK (incoming_cb), self, 0);
  g_socket_service_start (self->service);
  return TRUE;
}

/**
 * sp_server_get_uri:
 *
 * Returns: (transfer full) (nullable): the base URI the server listens on, with the real
 *   port when it was started on port 0.
 */
char *
sp_server_get_uri (SpServer *self)
{
  g_return_val_if_fail (SP_IS_SERVER (self), NULL);

  return g_strdup (self->uri);
}

SpStore *
sp_server_get_store (SpServer *self)
{
  g_return_val_if_fail (SP_IS_SERVER (self), NULL);

  return self->store;
}

const SpRegionProfile *
sp_server_get_profile (SpServer *self)
{
  g_return_val_if_fail (SP_IS_SERVER (self), NULL);

  return self->profile;
}

/**
 * sp_server_get_now:
 *
 * The server's clock: every stamp (ready, discharge, audit) comes from here, never from a
 * client. Tests may set SAMPLAN_TEST_NOW to an ISO 8601 time, read on every call.
 *
 * Returns: (transfer full): the current time, whole seconds, in Stockholm.
 */
GDateTime *
sp_server_get_now (SpServer *self)
{
  return sp_calendar_dup_now ();
}

SpRateLimiter *
sp_server_get_limiter (SpServer *self,
                       gboolean  by_address)
{
  return by_address ? self->address_limiter : self->user_limiter;
}

/**
 * sp_server_add_trusted_proxy:
 * @address: a reverse proxy's address ("10.0.0.5") or network ("10.0.0.0/24")
 *
 * Requests from it are counted by the client address it appends to X-Forwarded-For (see
 * sp-client-address.c). Without any, the header is ignored.
 */
gboolean
sp_server_add_trusted_proxy (SpServer    *self,
                             const char  *address,
                             GError     **error)
{
  GInetAddressMask *mask;

  g_return_val_if_fail (SP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  mask = sp_client_address_parse_proxy (address, error);
  if (mask == NULL)
    return FALSE;

  if (self->trusted_proxies == NULL)
    self->trusted_proxies = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->trusted_proxies, mask);
  return TRUE;
}

/**
 * sp_server_dup_client_address:
 *
 * Returns: (transfer full): the address of the client that sent @msg, as text
 */
char *
sp_server_dup_client_address (SpServer          *self,
                              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GSocketAddress *peer = soup_server_message_get_remote_address (msg);
  /* Several header lines are one list (RFC 9110, 5.3). */
  const char *forwarded_for = soup_message_headers_get_list (headers, "X-Forwarded-For");

  if (!G_IS_INET_SOCKET_ADDRESS (peer))
    return g_strdup (soup_server_message_get_remote_host (msg));

  return sp_client_address_resolve (
           g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (peer)), forwarded_for,
           self->trusted_proxies);
}

/**
 * sp_server_shutdown:
 *
 * Stops accepting connections and closes the open ones. Handlers run to completion on the
 * main loop, so no request is in the middle of a write; closing keep-alive connections takes
 * a few main-loop turns, which this runs before returning.
 */
void
sp_server_shutdown (SpServer *self)
{
  gint64 deadline = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;

  g_return_if_fail (SP_IS_SERVER (self));

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }
  soup_server_disconnect (self->soup);
  while (g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_pending (NULL))
        g_usleep (10 * G_TIME_SPAN_MILLISECOND);
      g_main_context_iteration (NULL, FALSE);
    }
}

static char *
parsed_key (SpRecord *record)
{
  return g_strconcat (sp_record_get_kind (record), "/", sp_record_get_id (record), NULL);
}

/**
 * sp_server_lookup_parsed:
 * @record: the stored record, as just read
 *
 * Parsing JSON is most of what a page of the overview costs. A record parsed once is kept
 * with its revision and handed out again while the store still has that revision. The
 * object is shared: callers only read it (the overview and the renderers); a handler that
 * changes a record parses its own copy.
 *
 * Returns: (transfer full) (nullable): the object parsed from this revision, or %NULL
 */
gpointer
sp_server_lookup_parsed (SpServer *self,
                         SpRecord *record)
{
  g_autofree char *key = parsed_key (record);
  Parsed *parsed = sp_lru_cache_lookup (self->parsed, key);

  if (parsed == NULL || parsed->revision != sp_record_get_revision (record))
    return NULL;

  return g_object_ref (parsed->object);
}

/**
 * sp_server_remember_parsed:
 * @record: the record @object was parsed from
 * @object: the parsed record; the cache takes a reference
 */
void
sp_server_remember_parsed (SpServer *self,
                           SpRecord *record,
                           gpointer  object)
{
  g_autofree char *key = parsed_key (record);
  Parsed *parsed = g_new0 (Parsed, 1);

  parsed->revision = sp_record_get_revision (record);
  parsed->object = g_object_ref (object);
  sp_lru_cache_insert (self->parsed, key, parsed);
}

/**
 * sp_server_get_row_cache:
 * @value_free: how the caller's values are freed; the same on every call
 *
 * Returns: (transfer none): the cache of rendered overview rows
 */
SpLruCache *
sp_server_get_row_cache (SpServer       *self,
                         guint           capacity,
                         GDestroyNotify  value_free)
{
  if (self->rows == NULL)
    self->rows = sp_lru_cache_new (capacity, value_free);

  return self->rows;
}
