/* sp-request.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-request"

#include "config.h"

#include <string.h>

#include "sp-json.h"
#include "sp-request.h"
#include "sp-server-error.h"
#include "sp-session.h"

SpRequest *
sp_request_new (SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query)
{
  SpRequest *self = g_new0 (SpRequest, 1);

  self->msg = g_object_ref (msg);
  self->method = soup_server_message_get_method (msg);
  self->path = path;
  self->query = query != NULL ? g_hash_table_ref (query) : NULL;
  self->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->idempotency_key = sp_request_get_header (self, "Idempotency-Key");

  return self;
}

void
sp_request_free (SpRequest *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->msg);
  g_clear_pointer (&self->query, g_hash_table_unref);
  g_clear_pointer (&self->params, g_hash_table_unref);
  g_clear_pointer (&self->body, json_node_unref);
  g_clear_object (&self->session);
  g_clear_pointer (&self->response, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->current, json_node_unref);
  g_free (self);
}

/**
 * sp_request_parse_body:
 *
 * Parses a JSON request body, if there is one. Bodies must be `application/json`, at most
 * %SP_REQUEST_MAX_BODY bytes, and an object.
 */
gboolean
sp_request_parse_body (SpRequest  *self,
                       GError    **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (self->msg);
  g_autoptr(GBytes) bytes = NULL;
  const char *content_type;
  const char *data;
  gsize length;

  if (body == NULL || body->length == 0)
    return TRUE;

  if (body->length > SP_REQUEST_MAX_BODY)
    {
      g_set_error (error, SP_SERVER_ERROR, SP_SERVER_ERROR_PAYLOAD_TOO_LARGE,
                   "$: body of %" G_GINT64_FORMAT " bytes", (gint64) body->length);
      return FALSE;
    }

  content_type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (self->msg), NULL);
  if (g_strcmp0 (content_type, "application/json") != 0)
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_UNSUPPORTED_MEDIA,
                           "$: expected application/json");
      return FALSE;
    }

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &length);
  self->body = sp_json_parse (data, length, error);
  if (self->body == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (self->body))
    {
      g_clear_pointer (&self->body, json_node_unref);
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "$: expected an object");
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_request_get_object:
 *
 * Returns: (transfer none): the body object; an empty body is a missing-body error.
 */
JsonObject *
sp_request_get_object (SpRequest  *self,
                       GError    **error)
{
  if (self->body == NULL)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "$: a JSON body");
      return NULL;
    }

  return json_node_get_object (self->body);
}

const char *
sp_request_get_param (SpRequest  *self,
                      const char *name)
{
  return g_hash_table_lookup (self->params, name);
}

const char *
sp_request_get_query (SpRequest  *self,
                      const char *name)
{
  return self->query != NULL ? g_hash_table_lookup (self->query, name) : NULL;
}

const char *
sp_request_get_header (SpRequest  *self,
                       const char *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (self->msg),
                                       name);
}

/* libsoup before 3.3 never closes a kept-alive connection that the client closes while it
 * is idle, so every such client costs the server a file descriptor for good (upstream commit
 * d20c6601, "server: do not leak idle connections closed by the client"). Debian 12 ships
 * 3.2: there, answer every request on a connection of its own. */
static gboolean
needs_connection_close (void)
{
  return soup_get_major_version () == 3 && soup_get_minor_version () < 3;
}

void
sp_request_reply_text (SpRequest  *self,
                       guint       status,
                       const char *json)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (self->msg);

  /* Patient data must never sit in a proxy's or browser's cache. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (needs_connection_close ())
    soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_status (self->msg, status, NULL);
  soup_server_message_set_response (self->msg, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

/**
 * sp_request_respond:
 *
 * Records the handler's answer; the server sends it once the command has committed.
 */
void
sp_request_respond (SpRequest *self,
                    guint      status,
                    JsonNode  *node)
{
  g_free (self->response);
  self->response = sp_json_to_string (node, FALSE);
  self->status = status;
}

/**
 * sp_request_respond_json_text:
 * @text: (transfer full): the answer, already written as JSON
 *
 * Like sp_request_respond(), for an answer put together from JSON texts written before.
 */
void
sp_request_respond_json_text (SpRequest *self,
                              guint      status,
                              char      *text)
{
  g_free (self->response);
  self->response = text;
  self->status = status;
}

void
sp_request_respond_object (SpRequest  *self,
                           guint       status,
                           JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  sp_request_respond (self, status, node);
}

/**
 * sp_request_fail:
 * @error: (transfer full): why the command is refused
 */
void
sp_request_fail (SpRequest *self,
                 GError    *error)
{
  g_return_if_fail (error != NULL);

  g_clear_error (&self->error);
  self->error = error;
}

void
sp_request_send (SpRequest *self)
{
  g_return_if_fail (self->response != NULL);

  sp_request_reply_text (self, self->status, self->response);
}

void
sp_request_reply_error (SpRequest    *self,
                        const GError *error)
{
  g_autofree char *text = NULL;
  guint status = 500;

  text = sp_server_error_to_json (error, self->current, &status);
  if (g_error_matches (error, SP_SERVER_ERROR, SP_SERVER_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, SP_SERVER_ERROR, SP_SERVER_ERROR_TOKEN_EXPIRED))
    soup_message_headers_replace (soup_server_message_get_response_headers (self->msg),
                                  "WWW-Authenticate", "Bearer realm=\"samplan\"");

  sp_request_reply_text (self, status, text);
}
