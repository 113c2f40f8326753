/* sp-session.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokens are stored as private data of kind "session" under the hash of the token, so a copy of
 * the database never holds a usable token. A user with several units chooses which one they
 * act for with the X-Samplan-Unit header; access is always decided for that one unit.
 */

#define G_LOG_DOMAIN "sp-session"

#include "config.h"

#include <string.h>

#include "sp-auth.h"
#include "sp-json.h"
#include "sp-server-error.h"
#include "sp-session.h"

struct _SpSession
{
  GObject   parent_instance;

  char     *token_hash;
  SpUser   *user;
  SpUnit   *unit;
};

G_DEFINE_FINAL_TYPE (SpSession, sp_session, G_TYPE_OBJECT)

static void
sp_session_finalize (GObject *object)
{
  SpSession *self = SP_SESSION (object);

  g_clear_pointer (&self->token_hash, g_free);
  g_clear_object (&self->user);
  g_clear_object (&self->unit);

  G_OBJECT_CLASS (sp_session_parent_class)->finalize (object);
}

static void
sp_session_class_init (SpSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_session_finalize;
}

static void
sp_session_init (SpSession *self)
{
}

static JsonNode *
parse_body (GBytes  *body,
            GError **error)
{
  gsize length = 0;
  const char *text = g_bytes_get_data (body, &length);

  return sp_json_parse (text, length, error);
}

SpUser *
sp_session_load_user (SpStore     *store,
                      const char  *username,
                      GError     **error)
{
  g_autoptr(SpRecord) record = sp_store_get (store, "user", username, error);
  g_autoptr(JsonNode) node = NULL;

  if (record == NULL || (node = parse_body (sp_record_get_body (record), error)) == NULL)
    return NULL;

  return sp_user_new_from_json (node, error);
}

SpUnit *
sp_session_load_unit (SpStore     *store,
                      const char  *unit_id,
                      GError     **error)
{
  g_autoptr(SpRecord) record = sp_store_get (store, "unit", unit_id, error);
  g_autoptr(JsonNode) node = NULL;

  if (record == NULL || (node = parse_body (sp_record_get_body (record), error)) == NULL)
    return NULL;

  return sp_unit_new_from_json (node, error);
}

static gboolean
unauthorized (GError     **error,
              SpServerError code,
              const char   *why)
{
  g_set_error_literal (error, SP_SERVER_ERROR, code, why);
  return FALSE;
}

/* Reads and checks the token record; sets @out_username. */
static gboolean
check_token (SpStore     *store,
             const char  *token_hash,
             GDateTime   *now,
             char       **out_username,
             GError     **error)
{
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) expires = NULL;
  gboolean revoked = FALSE;
  JsonObject *object;

  if (!sp_store_get_private (store, "session", token_hash, &stored, error))
    return FALSE;
  if (stored == NULL)
    return unauthorized (error, SP_SERVER_ERROR_UNAUTHORIZED, "unknown token");

  if ((node = parse_body (stored, error)) == NULL ||
      (object = sp_json_node_get_object (node, "$", error)) == NULL ||
      !sp_json_get_string (object, "user", TRUE, 128, out_username, error) ||
      !sp_json_get_datetime (object, "expires_at", TRUE, &expires, error) ||
      !sp_json_get_bool (object, "revoked", TRUE, &revoked, error))
    return FALSE;

  if (revoked)
    return unauthorized (error, SP_SERVER_ERROR_UNAUTHORIZED, "signed out");
  if (g_date_time_compare (now, expires) >= 0)
    return unauthorized (error, SP_SERVER_ERROR_TOKEN_EXPIRED, "token expired");

  return TRUE;
}

/**
 * sp_session_authenticate:
 * @authorization: (nullable): the Authorization header, "Bearer …"
 * @unit_id: (nullable): the X-Samplan-Unit header; default: the user's first unit
 *
 * Returns: (transfer full): the caller, or %NULL with an SP_SERVER_ERROR (401, 403).
 */
SpSession *
sp_session_authenticate (SpStore     *store,
                         const char  *authorization,
                         const char  *unit_id,
                         GDateTime   *now,
                         GError     **error)
{
  g_autoptr(SpSession) self = g_object_new (SP_TYPE_SESSION, NULL);
  g_autofree char *username = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *token;

  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer "))
    {
      unauthorized (error, SP_SERVER_ERROR_UNAUTHORIZED, "no bearer token");
      return NULL;
    }

  token = authorization + strlen ("Bearer ");
  if (strlen (token) > 128)
    {
      unauthorized (error, SP_SERVER_ERROR_UNAUTHORIZED, "malformed token");
      return NULL;
    }

  self->token_hash = sp_auth_hash_token (token);
  if (!check_token (store, self->token_hash, now, &username, error))
    return NULL;

  self->user = sp_session_load_user (store, username, &local_error);
  if (self->user == NULL)
    {
      /* A token outliving its user is no longer valid. */
      unauthorized (error, SP_SERVER_ERROR_UNAUTHORIZED, "unknown user");
      return NULL;
    }

  if (unit_id == NULL)
    unit_id = sp_user_get_units (self->user)[0];
  if (unit_id == NULL || !sp_user_has_unit (self->user, unit_id))
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_FORBIDDEN,
                           "X-Samplan-Unit: not one of the user's units");
      return NULL;
    }

  self->unit = sp_session_load_unit (store, unit_id, error);
  if (self->unit == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

static GBytes *
build_body (const char *username,
            GDateTime  *issued_at,
            GDateTime  *expires_at,
            gboolean    revoked)
{
  g_autoptr(JsonObject) object = sp_json_object_new_versioned ();
  g_autoptr(JsonNode) node = NULL;
  char *text;

  json_object_set_string_member (object, "user", username);
  sp_json_set_datetime (object, "issued_at", issued_at);
  sp_json_set_datetime (object, "expires_at", expires_at);
  json_object_set_boolean_member (object, "revoked", revoked);
  node = json_node_init_object (json_node_alloc (), object);
  text = sp_json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/**
 * sp_session_create:
 *
 * Returns: (transfer full): a new bearer token for @user; only its hash is stored.
 */
char *
sp_session_create (SpStore     *store,
                   SpUser      *user,
                   GDateTime   *now,
                   GDateTime  **out_expires,
                   GError     **error)
{
  g_autofree char *token = sp_auth_new_token ();
  g_autofree char *hash = sp_auth_hash_token (token);
  g_autoptr(GDateTime) expires = g_date_time_add_seconds (now, SP_SESSION_LIFETIME_SECONDS);
  g_autoptr(GBytes) body = build_body (sp_user_get_username (user), now, expires, FALSE);

  if (!sp_store_set_private (store, "session", hash, body, error))
    return NULL;

  if (out_expires != NULL)
    *out_expires = g_steal_pointer (&expires);

  return g_steal_pointer (&token);
}

gboolean
sp_session_revoke (SpSession  *self,
                   SpStore    *store,
                   GError    **error)
{
  g_autoptr(GBytes) current = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) issued = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GBytes) body = NULL;
  JsonObject *object;

  if (!sp_store_get_private (store, "session", self->token_hash, &current, error))
    return FALSE;
  if (current == NULL)
    return unauthorized (error, SP_SERVER_ERROR_UNAUTHORIZED, "unknown token");

  if ((node = parse_body (current, error)) == NULL ||
      (object = sp_json_node_get_object (node, "$", error)) == NULL ||
      !sp_json_get_datetime (object, "issued_at", TRUE, &issued, error) ||
      !sp_json_get_datetime (object, "expires_at", TRUE, &expires, error))
    return FALSE;

  body = build_body (sp_user_get_username (self->user), issued, expires, TRUE);
  return sp_store_set_private (store, "session", self->token_hash, body, error);
}

SpUser *
sp_session_get_user (SpSession *self)
{
  return self->user;
}

SpUnit *
sp_session_get_unit (SpSession *self)
{
  return self->unit;
}

gboolean
sp_session_has_role (SpSession *self,
                     SpRole     role)
{
  return (sp_user_get_roles (self->user) & role) == role;
}
