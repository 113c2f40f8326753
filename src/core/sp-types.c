/* sp-types.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-types"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-types.h"

/**
 * sp_unit_kind_get_principal:
 *
 * Returns: which huvudman runs a unit of @kind (DOMAIN §2).
 */
SpPrincipal
sp_unit_kind_get_principal (SpUnitKind kind)
{
  switch (kind)
    {
    case SP_UNIT_KIND_INPATIENT:
    case SP_UNIT_KIND_OUTPATIENT:
      return SP_PRINCIPAL_REGION;
    case SP_UNIT_KIND_MUNICIPAL_HEALTH:
    case SP_UNIT_KIND_SOCIAL_SERVICES:
      return SP_PRINCIPAL_MUNICIPALITY;
    case SP_UNIT_KIND_OTHER:
    default:
      return SP_PRINCIPAL_OTHER;
    }
}

/**
 * sp_unit_kind_is_health_care:
 *
 * Health care (region and municipal) may share after a harm assessment; social services may
 * not (DOMAIN §4), which is why this distinction exists.
 */
gboolean
sp_unit_kind_is_health_care (SpUnitKind kind)
{
  return kind == SP_UNIT_KIND_INPATIENT ||
         kind == SP_UNIT_KIND_OUTPATIENT ||
         kind == SP_UNIT_KIND_MUNICIPAL_HEALTH;
}

/**
 * sp_track_get_label:
 *
 * Returns: the Swedish colour word, untranslated: it is a domain term (grå, blå …).
 */
const char *
sp_track_get_label (SpTrack track)
{
  static const char * const labels[] = { "grå", "blå", "grön", "gul", "röd" };

  g_return_val_if_fail (track <= SP_TRACK_ROD, NULL);

  return labels[track];
}

/**
 * sp_set_str:
 *
 * GLib 2.76's g_set_str(), which Debian 12's GLib 2.74 lacks: replaces *@str_pointer with a
 * copy of @new_str (safe when they overlap).
 *
 * Returns: %TRUE if the value changed
 */
gboolean
sp_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

/**
 * sp_date_time_equal0:
 *
 * Returns: %TRUE if both are %NULL or both are the same instant.
 */
gboolean
sp_date_time_equal0 (GDateTime *a,
                     GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b);
}

/**
 * sp_ptr_array_equal:
 *
 * Returns: %TRUE if @a and @b have the same length and @equal holds pairwise, in order.
 */
gboolean
sp_ptr_array_equal (GPtrArray  *a,
                    GPtrArray  *b,
                    GEqualFunc  equal)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/**
 * sp_enum_to_nick:
 *
 * Returns: (transfer none) (nullable): the nick of @value, or %NULL if it is not a member.
 */
const char *
sp_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

/**
 * sp_enum_from_nick:
 *
 * Returns: %TRUE and sets @value if @nick names a member of @enum_type.
 */
gboolean
sp_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}
