/* sp-sip-version.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-sip-private.h"
#include "sp-sip-version.h"

/* Immutable once made. The plan is kept as sealed JSON, so no caller can reach in and change
 * an established version: earlier versions never change (DOMAIN §8). */
struct _SpSipVersion
{
  gatomicrefcount  ref_count;
  guint            number;
  GDateTime       *established_at;
  char            *established_by;
  JsonNode        *plan;
};

G_DEFINE_BOXED_TYPE (SpSipVersion, sp_sip_version, sp_sip_version_ref, sp_sip_version_unref)

/**
 * sp_sip_version_new:
 * @number: 1 for the first established version, then 2, 3 …
 * @established_at: when it was established
 * @established_by: who established (locked) it
 * @plan: the plan as agreed; copied, so later edits of @plan do not reach the version
 *
 * Returns: (transfer full): the version
 */
SpSipVersion *
sp_sip_version_new (guint       number,
                    GDateTime  *established_at,
                    const char *established_by,
                    SpSipPlan  *plan)
{
  SpSipVersion *self;

  g_return_val_if_fail (number > 0, NULL);
  g_return_val_if_fail (established_at != NULL, NULL);
  g_return_val_if_fail (established_by != NULL, NULL);
  g_return_val_if_fail (SP_IS_SIP_PLAN (plan), NULL);

  self = g_new0 (SpSipVersion, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->number = number;
  self->established_at = g_date_time_ref (established_at);
  self->established_by = g_strdup (established_by);
  self->plan = sp_sip_plan_to_json (plan);
  json_node_seal (self->plan);
  return self;
}

/**
 * sp_sip_version_ref:
 *
 * Returns: (transfer full): @self
 */
SpSipVersion *
sp_sip_version_ref (SpSipVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sp_sip_version_unref (SpSipVersion *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_date_time_unref (self->established_at);
  g_free (self->established_by);
  json_node_unref (self->plan);
  g_free (self);
}

guint
sp_sip_version_get_number (SpSipVersion *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->number;
}

/**
 * sp_sip_version_get_established_at:
 *
 * Returns: (transfer none): when the version was established
 */
GDateTime *
sp_sip_version_get_established_at (SpSipVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->established_at;
}

const char *
sp_sip_version_get_established_by (SpSipVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->established_by;
}

/**
 * sp_sip_version_dup_plan:
 *
 * Returns: (transfer full): a new, locked plan with the version's content; edits on it are
 *   refused with %SP_SIP_ERROR_LOCKED
 */
SpSipPlan *
sp_sip_version_dup_plan (SpSipVersion *self)
{
  g_autoptr(GError) error = NULL;
  SpSipPlan *plan;

  g_return_val_if_fail (self != NULL, NULL);

  /* The node was written by sp_sip_plan_to_json() or checked on reading: it always reads. */
  plan = sp_sip_plan_new_from_json (self->plan, &error);
  g_assert_no_error (error);
  sp_sip_plan_lock (plan, SP_SIP_ERROR_LOCKED);
  return plan;
}

/* Whether a follow-up can point at @node_id in @version. */
gboolean
sp_sip_version_has_node (SpSipVersion  *version,
                         SpSipNodeKind  kind,
                         const char    *node_id)
{
  g_autoptr(SpSipPlan) plan = sp_sip_version_dup_plan (version);

  if (kind == SP_SIP_NODE_SUB_GOAL)
    return sp_sip_plan_get_sub_goal (plan, node_id) != NULL;

  return sp_sip_plan_get_intervention (plan, node_id) != NULL;
}

/**
 * sp_sip_version_to_json:
 *
 * Returns: (transfer full): the version with its frozen plan under "plan"
 */
JsonNode *
sp_sip_version_to_json (SpSipVersion *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "number", self->number);
  sp_json_set_datetime (object, "established_at", self->established_at);
  sp_json_set_string (object, "established_by", self->established_by);
  json_object_set_member (object, "plan", json_node_copy (self->plan));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * sp_sip_version_new_from_json:
 *
 * The plan is read strictly (errors under "plan.") and kept in its canonical form.
 *
 * Returns: (transfer full) (nullable): the version, or %NULL with @error set
 */
SpSipVersion *
sp_sip_version_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(GDateTime) established_at = NULL;
  g_autofree char *established_by = NULL;
  g_autoptr(SpSipPlan) plan = NULL;
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  gint64 number = 0;

  if (object == NULL ||
      !sp_json_get_int (object, "number", TRUE, 1, G_MAXINT, &number, error) ||
      !sp_json_get_datetime (object, "established_at", TRUE, &established_at, error) ||
      !sp_json_get_string (object, "established_by", TRUE, SP_SIP_MAX_NAME, &established_by,
                           error))
    return NULL;

  if (sp_json_get_object (object, "plan", TRUE, error) == NULL)
    return NULL;

  plan = sp_sip_plan_new_from_json (json_object_get_member (object, "plan"), error);
  if (plan == NULL)
    {
      g_prefix_error (error, "plan.");
      return NULL;
    }

  return sp_sip_version_new ((guint) number, established_at, established_by, plan);
}

gboolean
sp_sip_version_equal (SpSipVersion *a,
                      SpSipVersion *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->number == b->number &&
         g_date_time_equal (a->established_at, b->established_at) &&
         g_strcmp0 (a->established_by, b->established_by) == 0 &&
         json_node_equal (a->plan, b->plan);
}
