/* sp-sip-json.c — SpSip as JSON, and equality
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-sip-private.h"

typedef JsonNode *(*WriteFunc) (gconstpointer value);
typedef gpointer  (*ReadFunc)  (JsonNode *node, GError **error);

static void
set_optional (JsonObject    *object,
              const char    *member,
              gconstpointer  value,
              WriteFunc      write)
{
  if (value != NULL)
    json_object_set_member (object, member, write (value));
  else
    json_object_set_null_member (object, member);
}

static void
set_list (JsonObject *object,
          const char *member,
          GPtrArray  *values,
          WriteFunc   write)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < values->len; i++)
    json_array_add_element (array, write (g_ptr_array_index (values, i)));

  json_object_set_array_member (object, member, array);
}

/**
 * sp_sip_to_json:
 *
 * Returns: (transfer full): the whole SIP as a versioned JSON object
 */
JsonNode *
sp_sip_to_json (SpSip *self)
{
  JsonObject *object;
  JsonArray *unit_ids;
  JsonNode *node;

  g_return_val_if_fail (SP_IS_SIP (self), NULL);

  object = sp_json_object_new_versioned ();
  sp_json_set_string (object, "id", self->id);
  sp_json_set_string (object, "patient_id", self->patient_id);
  sp_json_set_string (object, "episode_id", self->episode_id);
  sp_json_set_enum (object, "variant", SP_TYPE_SIP_VARIANT, self->variant);
  sp_json_set_enum (object, "status", SP_TYPE_SIP_STATUS, self->status);
  json_object_set_int_member (object, "revision", self->revision);
  sp_json_set_datetime (object, "created_at", self->created_at);
  sp_json_set_string (object, "created_by", self->created_by);

  set_optional (object, "invitation", self->invitation, (WriteFunc) sp_sip_invitation_to_json);
  sp_json_set_datetime (object, "invitation_sent_at", self->invitation_sent_at);
  unit_ids = json_array_new ();
  for (guint i = 0; i < self->invited_unit_ids->len; i++)
    json_array_add_string_element (unit_ids, g_ptr_array_index (self->invited_unit_ids, i));
  json_object_set_array_member (object, "invited_unit_ids", unit_ids);
  set_optional (object, "mapping", self->mapping, (WriteFunc) sp_sip_mapping_to_json);

  json_object_set_member (object, "plan", sp_sip_plan_to_json (self->plan));
  set_list (object, "versions", self->versions, (WriteFunc) sp_sip_version_to_json);
  set_list (object, "follow_ups", self->follow_ups, (WriteFunc) sp_sip_follow_up_to_json);
  set_optional (object, "evaluation", self->evaluation, (WriteFunc) sp_sip_evaluation_to_json);
  set_optional (object, "closing", self->closing, (WriteFunc) sp_sip_closing_to_json);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/* Reads an optional object member with @read; errors get "member." in front. */
static gboolean
read_optional (JsonObject  *object,
               const char  *member,
               ReadFunc     read,
               gpointer    *out,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (sp_json_get_object (object, member, FALSE, &local_error) == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *out = read (json_object_get_member (object, member), error);
  if (*out == NULL)
    {
      g_prefix_error (error, "%s.", member);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_list (JsonObject  *object,
           const char  *member,
           ReadFunc     read,
           GPtrArray   *out,
           GError     **error)
{
  JsonArray *array = sp_json_get_array (object, member, TRUE, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer value;

      if (sp_sip_json_array_get_object (array, member, i, error) == NULL)
        return FALSE;

      value = read (json_array_get_element (array, i), error);
      if (value == NULL)
        {
          g_prefix_error (error, "%s[%u].", member, i);
          return FALSE;
        }
      g_ptr_array_add (out, value);
    }

  return TRUE;
}

static gboolean
read_unit_ids (SpSip       *self,
               JsonObject  *object,
               GError     **error)
{
  g_auto(GStrv) unit_ids = NULL;

  if (!sp_json_get_strv (object, "invited_unit_ids", TRUE, SP_SIP_MAX_ID, &unit_ids, error))
    return FALSE;

  for (guint i = 0; unit_ids[i] != NULL; i++)
    g_ptr_array_add (self->invited_unit_ids, g_strdup (unit_ids[i]));

  return TRUE;
}

/* What the lifecycle guarantees, checked again on data from outside. */
static gboolean
check_consistent (SpSip   *self,
                  GError **error)
{
  gboolean sent = self->invitation_sent_at != NULL;

  for (guint i = 0; i < self->versions->len; i++)
    if (sp_sip_version_get_number (g_ptr_array_index (self->versions, i)) != i + 1)
      {
        g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID,
                     "versions[%u].number: expected %u", i, i + 1);
        return FALSE;
      }

  for (guint i = 0; i < self->follow_ups->len; i++)
    {
      SpSipFollowUp *follow_up = g_ptr_array_index (self->follow_ups, i);
      SpSipVersion *version = sp_sip_get_established_version (self, follow_up->version);

      if (version == NULL ||
          !sp_sip_version_has_node (version, follow_up->node_kind, follow_up->node_id))
        {
          g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_DANGLING_REFERENCE,
                       "follow_ups[%u].node_id: not in version %u", i, follow_up->version);
          return FALSE;
        }
    }

  if ((self->status == SP_SIP_STATUS_CLOSED) != (self->closing != NULL))
    return sp_sip_refuse (error, SP_SIP_ERROR_INVALID, "closing",
                          "set exactly when the SIP is closed");

  if (self->status == SP_SIP_STATUS_DRAFT && sent)
    return sp_sip_refuse (error, SP_SIP_ERROR_INVALID, "status", "a draft has not been sent");

  if (self->status != SP_SIP_STATUS_DRAFT && self->status != SP_SIP_STATUS_CLOSED && !sent)
    return sp_sip_refuse (error, SP_SIP_ERROR_INVALID, "invitation_sent_at",
                          "required once invited");

  if (self->status == SP_SIP_STATUS_ESTABLISHED && self->versions->len == 0)
    return sp_sip_refuse (error, SP_SIP_ERROR_INVALID, "versions",
                          "an established SIP has a version");

  return TRUE;
}

/**
 * sp_sip_new_from_json:
 *
 * Strict: every member is checked, errors start with the offending path
 * ("plan.interventions[3].sub_goal: …"), and the record must be consistent (version
 * numbers, follow-ups pointing into their version, status matching what happened).
 *
 * Returns: (transfer full) (nullable): the SIP, or %NULL with @error set
 */
SpSip *
sp_sip_new_from_json (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(SpSip) self = g_object_new (SP_TYPE_SIP, NULL);
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  g_autoptr(SpSipPlan) plan = NULL;
  int variant = 0;
  int status = 0;

  if (object == NULL ||
      !sp_json_check_version (object, error) ||
      !sp_json_get_string (object, "id", TRUE, SP_SIP_MAX_ID, &self->id, error) ||
      !sp_json_get_string (object, "patient_id", TRUE, SP_SIP_MAX_ID, &self->patient_id,
                           error) ||
      !sp_json_get_string (object, "episode_id", FALSE, SP_SIP_MAX_ID, &self->episode_id,
                           error) ||
      !sp_json_get_enum (object, "variant", TRUE, SP_TYPE_SIP_VARIANT, &variant, error) ||
      !sp_json_get_enum (object, "status", TRUE, SP_TYPE_SIP_STATUS, &status, error) ||
      !sp_json_get_int (object, "revision", TRUE, 0, G_MAXINT64, &self->revision, error) ||
      !sp_json_get_datetime (object, "created_at", TRUE, &self->created_at, error) ||
      !sp_json_get_string (object, "created_by", TRUE, SP_SIP_MAX_NAME, &self->created_by,
                           error) ||
      !read_optional (object, "invitation", (ReadFunc) sp_sip_invitation_new_from_json,
                      (gpointer *) &self->invitation, error) ||
      !sp_json_get_datetime (object, "invitation_sent_at", FALSE, &self->invitation_sent_at,
                             error) ||
      !read_unit_ids (self, object, error) ||
      !read_optional (object, "mapping", (ReadFunc) sp_sip_mapping_new_from_json,
                      (gpointer *) &self->mapping, error) ||
      !read_optional (object, "plan", (ReadFunc) sp_sip_plan_new_from_json,
                      (gpointer *) &plan, error) ||
      !read_list (object, "versions", (ReadFunc) sp_sip_version_new_from_json, self->versions,
                  error) ||
      !read_list (object, "follow_ups", (ReadFunc) sp_sip_follow_up_new_from_json,
                  self->follow_ups, error) ||
      !read_optional (object, "evaluation", (ReadFunc) sp_sip_evaluation_new_from_json,
                      (gpointer *) &self->evaluation, error) ||
      !read_optional (object, "closing", (ReadFunc) sp_sip_closing_new_from_json,
                      (gpointer *) &self->closing, error))
    return NULL;

  if (plan == NULL)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "plan: required");
      return NULL;
    }

  self->variant = variant;
  self->status = status;
  g_set_object (&self->plan, plan);
  if (!check_consistent (self, error))
    return NULL;

  if (self->status == SP_SIP_STATUS_CLOSED)
    sp_sip_plan_lock (self->plan, SP_SIP_ERROR_CLOSED);
  else if (self->status == SP_SIP_STATUS_ESTABLISHED)
    sp_sip_plan_lock (self->plan, SP_SIP_ERROR_LOCKED);

  return g_steal_pointer (&self);
}

static gboolean
optional_equal (gconstpointer   a,
                gconstpointer   b,
                GEqualFunc      equal)
{
  if (a == NULL || b == NULL)
    return a == b;

  return equal (a, b);
}

/**
 * sp_sip_equal:
 *
 * Returns: %TRUE if @a and @b hold the same record, member by member
 */
gboolean
sp_sip_equal (SpSip *a,
              SpSip *b)
{
  g_return_val_if_fail (SP_IS_SIP (a) && SP_IS_SIP (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->patient_id, b->patient_id) == 0 &&
         g_strcmp0 (a->episode_id, b->episode_id) == 0 &&
         a->variant == b->variant &&
         a->status == b->status &&
         a->revision == b->revision &&
         g_date_time_equal (a->created_at, b->created_at) &&
         g_strcmp0 (a->created_by, b->created_by) == 0 &&
         optional_equal (a->invitation, b->invitation, (GEqualFunc) sp_sip_invitation_equal) &&
         sp_date_time_equal0 (a->invitation_sent_at, b->invitation_sent_at) &&
         sp_ptr_array_equal (a->invited_unit_ids, b->invited_unit_ids, g_str_equal) &&
         optional_equal (a->mapping, b->mapping, (GEqualFunc) sp_sip_mapping_equal) &&
         sp_sip_plan_equal (a->plan, b->plan) &&
         sp_ptr_array_equal (a->versions, b->versions, (GEqualFunc) sp_sip_version_equal) &&
         sp_ptr_array_equal (a->follow_ups, b->follow_ups, (GEqualFunc) sp_sip_follow_up_equal) &&
         optional_equal (a->evaluation, b->evaluation, (GEqualFunc) sp_sip_evaluation_equal) &&
         optional_equal (a->closing, b->closing, (GEqualFunc) sp_sip_closing_equal);
}
