/* sp-unit.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-unit"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-unit.h"

struct _SpUnit
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  SpUnitKind  kind;
  /* For a municipal unit its kommun (code + name); for a region unit the region's id. */
  char       *municipality_code;
  char       *municipality_name;
  char       *phone;
};

G_DEFINE_FINAL_TYPE (SpUnit, sp_unit, G_TYPE_OBJECT)

static void
sp_unit_finalize (GObject *object)
{
  SpUnit *self = SP_UNIT (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->municipality_code, g_free);
  g_clear_pointer (&self->municipality_name, g_free);
  g_clear_pointer (&self->phone, g_free);

  G_OBJECT_CLASS (sp_unit_parent_class)->finalize (object);
}

static void
sp_unit_class_init (SpUnitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_unit_finalize;
}

static void
sp_unit_init (SpUnit *self)
{
}

/**
 * sp_unit_new:
 * @id: the unit's stable id, not empty
 * @name: the display name
 * @kind: what kind of care the unit gives
 *
 * Returns: (transfer full): a new unit without municipality or phone.
 */
SpUnit *
sp_unit_new (const char *id,
             const char *name,
             SpUnitKind  kind)
{
  SpUnit *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (kind <= SP_UNIT_KIND_OTHER, NULL);

  self = g_object_new (SP_TYPE_UNIT, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->kind = kind;

  return self;
}

const char *
sp_unit_get_id (SpUnit *self)
{
  g_return_val_if_fail (SP_IS_UNIT (self), NULL);

  return self->id;
}

const char *
sp_unit_get_name (SpUnit *self)
{
  g_return_val_if_fail (SP_IS_UNIT (self), NULL);

  return self->name;
}

void
sp_unit_set_name (SpUnit     *self,
                  const char *name)
{
  g_return_if_fail (SP_IS_UNIT (self));
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
}

SpUnitKind
sp_unit_get_kind (SpUnit *self)
{
  g_return_val_if_fail (SP_IS_UNIT (self), SP_UNIT_KIND_OTHER);

  return self->kind;
}

/**
 * sp_unit_get_principal:
 *
 * Returns: the huvudman that runs the unit, from its kind (DOMAIN §2).
 */
SpPrincipal
sp_unit_get_principal (SpUnit *self)
{
  g_return_val_if_fail (SP_IS_UNIT (self), SP_PRINCIPAL_OTHER);

  return sp_unit_kind_get_principal (self->kind);
}

/**
 * sp_unit_get_municipality_code:
 *
 * Returns: (transfer none) (nullable): the kommun code of a municipal unit, or the region's id
 *   for a region unit.
 */
const char *
sp_unit_get_municipality_code (SpUnit *self)
{
  g_return_val_if_fail (SP_IS_UNIT (self), NULL);

  return self->municipality_code;
}

/**
 * sp_unit_get_municipality_name:
 *
 * Returns: (transfer none) (nullable): the name that goes with the municipality code.
 */
const char *
sp_unit_get_municipality_name (SpUnit *self)
{
  g_return_val_if_fail (SP_IS_UNIT (self), NULL);

  return self->municipality_name;
}

/**
 * sp_unit_set_municipality:
 * @code: (nullable): kommun code, or the region's id for a region unit
 * @name: (nullable): its display name
 */
void
sp_unit_set_municipality (SpUnit     *self,
                          const char *code,
                          const char *name)
{
  g_return_if_fail (SP_IS_UNIT (self));

  g_free (self->municipality_code);
  self->municipality_code = g_strdup (code);
  g_free (self->municipality_name);
  self->municipality_name = g_strdup (name);
}

/**
 * sp_unit_get_phone:
 *
 * Returns: (transfer none) (nullable): the unit's phone number.
 */
const char *
sp_unit_get_phone (SpUnit *self)
{
  g_return_val_if_fail (SP_IS_UNIT (self), NULL);

  return self->phone;
}

void
sp_unit_set_phone (SpUnit     *self,
                   const char *phone)
{
  g_return_if_fail (SP_IS_UNIT (self));

  g_free (self->phone);
  self->phone = g_strdup (phone);
}

/**
 * sp_unit_to_json:
 *
 * Returns: (transfer full): the unit as a versioned JSON object.
 */
JsonNode *
sp_unit_to_json (SpUnit *self)
{
  JsonObject *object;
  JsonObject *municipality;
  JsonNode *node;

  g_return_val_if_fail (SP_IS_UNIT (self), NULL);

  object = sp_json_object_new_versioned ();
  sp_json_set_string (object, "id", self->id);
  sp_json_set_string (object, "name", self->name);
  sp_json_set_enum (object, "kind", SP_TYPE_UNIT_KIND, self->kind);

  municipality = json_object_new ();
  sp_json_set_string (municipality, "code", self->municipality_code);
  sp_json_set_string (municipality, "name", self->municipality_name);
  json_object_set_object_member (object, "municipality", municipality);

  sp_json_set_string (object, "phone", self->phone);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * sp_unit_new_from_json:
 *
 * Reads what sp_unit_to_json() wrote; strict (see sp-json.h).
 *
 * Returns: (transfer full) (nullable): the unit, or %NULL with @error set.
 */
SpUnit *
sp_unit_new_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(SpUnit) self = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  int kind = SP_UNIT_KIND_OTHER;
  JsonObject *object;
  JsonObject *municipality;
  g_autoptr(GError) local_error = NULL;

  object = sp_json_node_get_object (node, NULL, error);
  if (object == NULL || !sp_json_check_version (object, error))
    return NULL;

  if (!sp_json_get_string (object, "id", TRUE, 256, &id, error) ||
      !sp_json_get_string (object, "name", TRUE, 256, &name, error) ||
      !sp_json_get_enum (object, "kind", TRUE, SP_TYPE_UNIT_KIND, &kind, error))
    return NULL;

  if (*id == '\0')
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "id: empty");
      return NULL;
    }

  self = sp_unit_new (id, name, kind);

  municipality = sp_json_get_object (object, "municipality", FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (municipality != NULL &&
      (!sp_json_get_string (municipality, "code", FALSE, 64, &self->municipality_code, error) ||
       !sp_json_get_string (municipality, "name", FALSE, 256, &self->municipality_name,
                            error)))
    {
      g_prefix_error (error, "municipality.");
      return NULL;
    }

  if (!sp_json_get_string (object, "phone", FALSE, 64, &self->phone, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sp_unit_equal:
 *
 * Returns: %TRUE if @a and @b hold the same data.
 */
gboolean
sp_unit_equal (SpUnit *a,
               SpUnit *b)
{
  g_return_val_if_fail (SP_IS_UNIT (a), FALSE);
  g_return_val_if_fail (SP_IS_UNIT (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         a->kind == b->kind &&
         g_strcmp0 (a->municipality_code, b->municipality_code) == 0 &&
         g_strcmp0 (a->municipality_name, b->municipality_name) == 0 &&
         g_strcmp0 (a->phone, b->phone) == 0;
}
