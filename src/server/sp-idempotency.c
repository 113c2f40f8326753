/* sp-idempotency.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are per user (two users may pick the same key) and stored as records of kind
 * "idempotency" under a hash of user and key, written in the same transaction as the command
 * they answer. A fingerprint of method, path and body tells a true replay (same answer) from
 * a client bug that reuses a key for another command (refused).
 */

#define G_LOG_DOMAIN "sp-idempotency"

#include "config.h"

#include <string.h>

#include "sp-idempotency.h"
#include "sp-json.h"
#include "sp-server-error.h"
#include "sp-session.h"

static gboolean
check_key (const char  *key,
           GError     **error)
{
  gsize len = strlen (key);

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isgraph (key[i]))
      len = 0;

  if (len == 0 || len > SP_IDEMPOTENCY_MAX_KEY)
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_BAD_REQUEST,
                           "Idempotency-Key: 1 to 128 printable ASCII characters");
      return FALSE;
    }

  return TRUE;
}

static char *
record_id (SpRequest *request)
{
  const char *user = sp_user_get_username (sp_session_get_user (request->session));
  g_autofree char *joined = g_strconcat (user, "\n", request->idempotency_key, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);
}

static char *
fingerprint (SpRequest *request)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);

  g_checksum_update (checksum, (const guchar *) request->method, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) request->path, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  if (body != NULL && body->length > 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      gsize length = 0;
      const guchar *data = g_bytes_get_data (bytes, &length);

      g_checksum_update (checksum, data, length);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * sp_idempotency_replay:
 *
 * Returns: %TRUE if @request repeats an earlier command: the earlier answer has been sent.
 *   %FALSE with @error unset means "new command, go ahead".
 */
gboolean
sp_idempotency_replay (SpStore    *store,
                       SpRequest  *request,
                       GError    **error)
{
  g_autofree char *id = NULL;
  g_autofree char *stored_fingerprint = NULL;
  g_autofree char *current_fingerprint = NULL;
  g_autofree char *response = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  gint64 status = 0;
  gsize length = 0;
  const char *text;

  if (!check_key (request->idempotency_key, error))
    return FALSE;

  id = record_id (request);
  if (!sp_store_get_private (store, "idempotency", id, &stored, error) || stored == NULL)
    return FALSE;

  text = g_bytes_get_data (stored, &length);
  if ((node = sp_json_parse (text, length, error)) == NULL ||
      (object = sp_json_node_get_object (node, "$", error)) == NULL ||
      !sp_json_get_string (object, "request", TRUE, 64, &stored_fingerprint, error) ||
      !sp_json_get_int (object, "status", TRUE, 100, 599, &status, error) ||
      !sp_json_get_string (object, "response", TRUE, 0, &response, error))
    return FALSE;

  current_fingerprint = fingerprint (request);
  if (g_strcmp0 (stored_fingerprint, current_fingerprint) != 0)
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_IDEMPOTENCY_REUSED,
                           "Idempotency-Key: already used for another request");
      return FALSE;
    }

  request->status = status;
  g_free (request->response);
  request->response = g_steal_pointer (&response);
  sp_request_send (request);
  return TRUE;
}

/**
 * sp_idempotency_save:
 *
 * Remembers @request's answer under its key. Call inside the command's transaction.
 */
gboolean
sp_idempotency_save (SpStore    *store,
                     SpRequest  *request,
                     GError    **error)
{
  g_autoptr(JsonObject) object = sp_json_object_new_versioned ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) earlier = NULL;
  g_autofree char *id = record_id (request);
  g_autofree char *print = fingerprint (request);
  char *text;

  g_return_val_if_fail (request->response != NULL, FALSE);

  json_object_set_string_member (object, "request", print);
  json_object_set_int_member (object, "status", request->status);
  json_object_set_string_member (object, "response", request->response);
  node = json_node_init_object (json_node_alloc (), object);
  text = sp_json_to_string (node, FALSE);
  body = g_bytes_new_take (text, strlen (text));

  /* Another process may have run the same command since the replay check. */
  if (!sp_store_get_private (store, "idempotency", id, &earlier, error))
    return FALSE;
  if (earlier != NULL)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS,
                           "Idempotency-Key: the command ran meanwhile");
      return FALSE;
    }

  return sp_store_set_private (store, "idempotency", id, body, error);
}
