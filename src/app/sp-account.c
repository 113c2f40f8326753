/* sp-account.c — the signed-in session as the pages see it
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One object to hand to every page instead of the window's internals: the client, the local
 * copy, the sync, the outbox for writes, who is signed in for which unit, and the clock.
 */

#define G_LOG_DOMAIN "sp-account"

#include "config.h"

#include "sp-account.h"
#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-json.h"

struct _SpAccount
{
  GObject     parent_instance;

  SpClient   *client;
  SpCache    *cache;
  SpSync     *sync;
  SpOutbox   *outbox;
  JsonNode   *profile;
};

G_DEFINE_FINAL_TYPE (SpAccount, sp_account, G_TYPE_OBJECT)

static void
sp_account_finalize (GObject *object)
{
  SpAccount *self = SP_ACCOUNT (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_object (&self->sync);
  g_clear_object (&self->outbox);
  g_clear_pointer (&self->profile, json_node_unref);

  G_OBJECT_CLASS (sp_account_parent_class)->finalize (object);
}

static void
sp_account_class_init (SpAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_account_finalize;
}

static void
sp_account_init (SpAccount *self)
{
}

/**
 * sp_account_new:
 * @sync: (nullable): %NULL until the local copy is open
 * @profile: (nullable): `{"user_name", "user_title", "unit_name", "user", "unit"}` as
 *   sp_window_profile_new() makes it; "user" and "unit" are the API's renderings
 *
 * Returns: (transfer full): a new #SpAccount
 */
SpAccount *
sp_account_new (SpClient *client,
                SpCache  *cache,
                SpSync   *sync,
                SpOutbox *outbox,
                JsonNode *profile)
{
  SpAccount *self;

  g_return_val_if_fail (SP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (SP_IS_OUTBOX (outbox), NULL);

  self = g_object_new (SP_TYPE_ACCOUNT, NULL);
  self->client = g_object_ref (client);
  self->cache = cache != NULL ? g_object_ref (cache) : NULL;
  self->sync = sync != NULL ? g_object_ref (sync) : NULL;
  self->outbox = g_object_ref (outbox);
  self->profile = profile != NULL && JSON_NODE_HOLDS_OBJECT (profile)
                    ? json_node_ref (profile)
                    : sp_json_node_new_object (json_object_new ());

  return self;
}

/** sp_account_get_client: Returns: (transfer none): the API client */
SpClient *
sp_account_get_client (SpAccount *self)
{
  g_return_val_if_fail (SP_IS_ACCOUNT (self), NULL);
  return self->client;
}

/** sp_account_get_cache: Returns: (transfer none) (nullable): the local copy */
SpCache *
sp_account_get_cache (SpAccount *self)
{
  g_return_val_if_fail (SP_IS_ACCOUNT (self), NULL);
  return self->cache;
}

/** sp_account_get_sync: Returns: (transfer none) (nullable): what keeps the copy current */
SpSync *
sp_account_get_sync (SpAccount *self)
{
  g_return_val_if_fail (SP_IS_ACCOUNT (self), NULL);
  return self->sync;
}

/** sp_account_get_outbox: Returns: (transfer none): where every write goes */
SpOutbox *
sp_account_get_outbox (SpAccount *self)
{
  g_return_val_if_fail (SP_IS_ACCOUNT (self), NULL);
  return self->outbox;
}

/** sp_account_get_profile: Returns: (transfer none): the profile given to sp_account_new() */
JsonObject *
sp_account_get_profile (SpAccount *self)
{
  g_return_val_if_fail (SP_IS_ACCOUNT (self), NULL);
  return json_node_get_object (self->profile);
}

static JsonObject *
get_part (SpAccount  *self,
          const char *name)
{
  return sp_json_get_object (json_node_get_object (self->profile), name, FALSE, NULL);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  return object != NULL ? json_object_get_string_member_with_default (object, name, NULL)
                        : NULL;
}

/**
 * sp_account_get_unit_id:
 *
 * Returns: (nullable): the unit the user acts for
 */
const char *
sp_account_get_unit_id (SpAccount *self)
{
  const char *id;

  g_return_val_if_fail (SP_IS_ACCOUNT (self), NULL);

  /* The client's choice wins: it is the one the server sees (X-Samplan-Unit). */
  id = sp_client_get_unit (self->client);
  return id != NULL ? id : get_string (get_part (self, "unit"), "id");
}

/** sp_account_get_unit_kind: Returns: the kind of the unit acted for (OTHER if unknown) */
SpUnitKind
sp_account_get_unit_kind (SpAccount *self)
{
  int kind = SP_UNIT_KIND_OTHER;
  const char *nick;

  g_return_val_if_fail (SP_IS_ACCOUNT (self), SP_UNIT_KIND_OTHER);

  nick = get_string (get_part (self, "unit"), "kind");
  if (nick != NULL)
    sp_enum_from_nick (SP_TYPE_UNIT_KIND, nick, &kind);
  return kind;
}

/** sp_account_get_user_name: Returns: (nullable): the user's full name */
const char *
sp_account_get_user_name (SpAccount *self)
{
  g_return_val_if_fail (SP_IS_ACCOUNT (self), NULL);
  return get_string (json_node_get_object (self->profile), "user_name");
}

/** sp_account_get_user_title: Returns: (nullable): the user's professional title */
const char *
sp_account_get_user_title (SpAccount *self)
{
  g_return_val_if_fail (SP_IS_ACCOUNT (self), NULL);
  return get_string (json_node_get_object (self->profile), "user_title");
}

/**
 * sp_account_has_role:
 * @role: a role's nick: "staff", "log_reviewer", "report_viewer", "admin"
 *
 * For showing what the user may do; the server decides.
 */
gboolean
sp_account_has_role (SpAccount  *self,
                     const char *role)
{
  JsonObject *user;
  JsonArray *roles;

  g_return_val_if_fail (SP_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  user = get_part (self, "user");
  roles = user != NULL ? sp_json_get_array (user, "roles", FALSE, NULL) : NULL;
  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    if (g_strcmp0 (json_array_get_string_element (roles, i), role) == 0)
      return TRUE;

  return FALSE;
}

/**
 * sp_account_get_unit_name:
 *
 * Returns: (nullable): the unit's name from the unit directory, %NULL before it is known
 */
const char *
sp_account_get_unit_name (SpAccount  *self,
                          const char *unit_id)
{
  g_return_val_if_fail (SP_IS_ACCOUNT (self), NULL);

  return self->sync != NULL && unit_id != NULL ? sp_sync_get_unit_name (self->sync, unit_id)
                                               : NULL;
}

/**
 * sp_account_dup_now:
 *
 * The app's clock, for what the screen says ("dag 2", overdue). Tests fix it with
 * SAMPLAN_TEST_NOW (ISO 8601), as they fix the server's; the server stamps every notice.
 *
 * Returns: (transfer full): the current time, whole seconds, in Stockholm
 */
GDateTime *
sp_account_dup_now (SpAccount *self)
{
  return sp_calendar_dup_now ();
}
