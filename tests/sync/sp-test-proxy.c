/* sp-test-proxy.c — a TCP relay in front of the test server that can be unplugged
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's widget tests sign in through this relay instead of the server itself, so that a
 * test can take the network away (connections refused, open ones cut) and give it back on
 * the same address, while the server and its data stay as they are. The harness can only
 * restart its server on a new port, and a client keeps its address. Runs in the test's main
 * loop: the relaying is GIO's (g_io_stream_splice_async).
 */

#include "config.h"

#include "sp-test-proxy.h"

struct _SpTestProxy
{
  GSocketService *service;
  GSocketClient  *client;
  char           *upstream_host;
  guint16         upstream_port;
  guint16         port;
  char           *uri;
  gboolean        online;
  GCancellable   *cancellable;  /* of the connections relayed now; cancelled when unplugged */
};

typedef struct
{
  SpTestProxy       *proxy;
  GSocketConnection *downstream;
  GCancellable      *cancellable;
} Relay;

static void
relay_free (Relay *relay)
{
  g_clear_object (&relay->downstream);
  g_clear_object (&relay->cancellable);
  g_free (relay);
}

static void
splice_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  /* Either side closed, or the proxy was unplugged: both streams are closed by now. */
  g_io_stream_splice_finish (result, NULL);
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Relay *relay = user_data;
  g_autoptr(GSocketConnection) upstream = NULL;

  upstream = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (object), result, NULL);
  if (upstream == NULL || g_cancellable_is_cancelled (relay->cancellable))
    g_io_stream_close (G_IO_STREAM (relay->downstream), NULL, NULL);
  else
    g_io_stream_splice_async (G_IO_STREAM (relay->downstream), G_IO_STREAM (upstream),
                              G_IO_STREAM_SPLICE_CLOSE_STREAM1 |
                              G_IO_STREAM_SPLICE_CLOSE_STREAM2 |
                              G_IO_STREAM_SPLICE_WAIT_FOR_BOTH,
                              G_PRIORITY_DEFAULT, relay->cancellable, splice_cb, NULL);
  relay_free (relay);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             SpTestProxy       *self)
{
  Relay *relay;

  if (!self->online)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }

  relay = g_new0 (Relay, 1);
  relay->proxy = self;
  relay->downstream = g_object_ref (connection);
  relay->cancellable = g_object_ref (self->cancellable);
  g_socket_client_connect_to_host_async (self->client, self->upstream_host,
                                         self->upstream_port, relay->cancellable,
                                         connected_cb, relay);
  return TRUE;
}

/* A closed listener cannot listen again: a new service each time, on the same port. */
static void
listen_on (SpTestProxy *self)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, self->port);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  self->service = g_socket_service_new ();
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_start (self->service);
}

static void
stop_listening (SpTestProxy *self)
{
  if (self->service == NULL)
    return;

  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
}

/**
 * sp_test_proxy_new:
 * @upstream_uri: the server, "http://127.0.0.1:PORT"
 *
 * Returns: (transfer full): a relay to @upstream_uri on a free port of 127.0.0.1, online
 */
SpTestProxy *
sp_test_proxy_new (const char *upstream_uri)
{
  g_autoptr(GUri) uri = g_uri_parse (upstream_uri, G_URI_FLAGS_NONE, NULL);
  SpTestProxy *self = g_new0 (SpTestProxy, 1);

  g_assert_nonnull (uri);
  self->upstream_host = g_strdup (g_uri_get_host (uri));
  self->upstream_port = g_uri_get_port (uri);
  self->client = g_socket_client_new ();
  self->cancellable = g_cancellable_new ();
  self->online = TRUE;
  listen_on (self);
  self->uri = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return self;
}

const char *
sp_test_proxy_get_uri (SpTestProxy *self)
{
  return self->uri;
}

/**
 * sp_test_proxy_set_online:
 * @online: %FALSE: new connections are refused (nothing listens) and open ones cut;
 *   %TRUE: the same address relays again
 */
void
sp_test_proxy_set_online (SpTestProxy *self,
                          gboolean     online)
{
  if (self->online == online)
    return;

  self->online = online;
  if (!online)
    {
      stop_listening (self);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  else
    {
      listen_on (self);
    }
}

void
sp_test_proxy_free (SpTestProxy *self)
{
  g_cancellable_cancel (self->cancellable);
  stop_listening (self);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_free (self->upstream_host);
  g_free (self->uri);
  g_free (self);
}
