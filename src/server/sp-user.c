/* sp-user.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-user"

#include "config.h"

#include "sp-json.h"
#include "sp-server-enums.h"
#include "sp-types.h"
#include "sp-user.h"

#define MAX_NAME 200

struct _SpUser
{
  GObject  parent_instance;

  char    *username;
  char    *name;
  char    *title;
  char    *phone;
  GStrv    units;
  SpRole   roles;
  char    *password_hash;
};

G_DEFINE_FINAL_TYPE (SpUser, sp_user, G_TYPE_OBJECT)

static void
sp_user_finalize (GObject *object)
{
  SpUser *self = SP_USER (object);

  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->units, g_strfreev);
  g_clear_pointer (&self->password_hash, g_free);

  G_OBJECT_CLASS (sp_user_parent_class)->finalize (object);
}

static void
sp_user_class_init (SpUserClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_user_finalize;
}

static void
sp_user_init (SpUser *self)
{
  self->units = g_new0 (char *, 1);
  self->roles = SP_ROLE_STAFF;
}

SpUser *
sp_user_new (const char *username,
             const char *name,
             const char *title)
{
  SpUser *self;

  g_return_val_if_fail (username != NULL && name != NULL && title != NULL, NULL);

  self = g_object_new (SP_TYPE_USER, NULL);
  self->username = g_strdup (username);
  self->name = g_strdup (name);
  self->title = g_strdup (title);
  return self;
}

const char *
sp_user_get_username (SpUser *self)
{
  return self->username;
}

const char *
sp_user_get_name (SpUser *self)
{
  return self->name;
}

const char *
sp_user_get_title (SpUser *self)
{
  return self->title;
}

const char *
sp_user_get_phone (SpUser *self)
{
  return self->phone;
}

void
sp_user_set_phone (SpUser     *self,
                   const char *phone)
{
  sp_set_str (&self->phone, phone);
}

const char * const *
sp_user_get_units (SpUser *self)
{
  return (const char * const *) self->units;
}

void
sp_user_set_units (SpUser             *self,
                   const char * const *unit_ids)
{
  g_strfreev (self->units);
  self->units = g_strdupv ((char **) unit_ids);
}

gboolean
sp_user_has_unit (SpUser     *self,
                  const char *unit_id)
{
  return unit_id != NULL && g_strv_contains ((const char * const *) self->units, unit_id);
}

SpRole
sp_user_get_roles (SpUser *self)
{
  return self->roles;
}

void
sp_user_set_roles (SpUser *self,
                   SpRole  roles)
{
  self->roles = roles;
}

const char *
sp_user_get_password_hash (SpUser *self)
{
  return self->password_hash;
}

void
sp_user_set_password_hash (SpUser     *self,
                           const char *hash)
{
  sp_set_str (&self->password_hash, hash);
}

static JsonArray *
roles_to_json (SpRole roles)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (SP_TYPE_ROLE);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < klass->n_values; i++)
    if (roles & klass->values[i].value)
      json_array_add_string_element (array, klass->values[i].value_nick);

  return array;
}

static gboolean
roles_from_strv (const char * const  *nicks,
                 SpRole              *out,
                 GError             **error)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (SP_TYPE_ROLE);
  SpRole roles = 0;

  for (guint i = 0; nicks != NULL && nicks[i] != NULL; i++)
    {
      GFlagsValue *value = g_flags_get_value_by_nick (klass, nicks[i]);

      if (value == NULL)
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                       "roles[%u]: unknown role", i);
          return FALSE;
        }
      roles |= value->value;
    }

  *out = roles;
  return TRUE;
}

/**
 * sp_user_to_json:
 * @with_secret: include the password hash (only for the store, never for a client)
 */
JsonNode *
sp_user_to_json (SpUser   *self,
                 gboolean  with_secret)
{
  JsonObject *object = sp_json_object_new_versioned ();

  json_object_set_string_member (object, "username", self->username);
  json_object_set_string_member (object, "name", self->name);
  json_object_set_string_member (object, "title", self->title);
  sp_json_set_string (object, "phone", self->phone);
  sp_json_set_strv (object, "units", (const char * const *) self->units);
  json_object_set_array_member (object, "roles", roles_to_json (self->roles));
  if (with_secret)
    sp_json_set_string (object, "password_hash", self->password_hash);

  return sp_json_node_new_object (object);
}

SpUser *
sp_user_new_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(SpUser) self = g_object_new (SP_TYPE_USER, NULL);
  g_auto(GStrv) roles = NULL;
  JsonObject *object = sp_json_node_get_object (node, "$", error);

  if (object == NULL ||
      !sp_json_check_version (object, error) ||
      !sp_json_get_string (object, "username", TRUE, 128, &self->username, error) ||
      !sp_json_get_string (object, "name", TRUE, MAX_NAME, &self->name, error) ||
      !sp_json_get_string (object, "title", TRUE, MAX_NAME, &self->title, error) ||
      !sp_json_get_string (object, "phone", FALSE, 64, &self->phone, error) ||
      !sp_json_get_strv (object, "units", TRUE, 128, &self->units, error) ||
      !sp_json_get_strv (object, "roles", TRUE, 64, &roles, error) ||
      !roles_from_strv ((const char * const *) roles, &self->roles, error) ||
      !sp_json_get_string (object, "password_hash", FALSE, 256, &self->password_hash, error))
    return NULL;

  return g_steal_pointer (&self);
}
