/* sp-sip-follow-up.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-sip-follow-up.h"
#include "sp-sip-private.h"

G_DEFINE_BOXED_TYPE (SpSipFollowUp, sp_sip_follow_up, sp_sip_follow_up_copy,
                     sp_sip_follow_up_free)
G_DEFINE_BOXED_TYPE (SpSipEvaluation, sp_sip_evaluation, sp_sip_evaluation_copy,
                     sp_sip_evaluation_free)
G_DEFINE_BOXED_TYPE (SpSipClosing, sp_sip_closing, sp_sip_closing_copy, sp_sip_closing_free)

static gboolean
check_time (const char  *field,
            GDateTime   *value,
            GError     **error)
{
  return value != NULL || sp_sip_refuse (error, SP_SIP_ERROR_MISSING_FIELD, field, "required");
}

static gboolean
check_enum (const char  *field,
            GType        enum_type,
            int          value,
            GError     **error)
{
  return sp_enum_to_nick (enum_type, value) != NULL ||
         sp_sip_refuse (error, SP_SIP_ERROR_INVALID, field, "unknown value");
}

static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/**
 * sp_sip_follow_up_new:
 * @node_kind: a sub-goal or an intervention
 * @node_id: the node
 * @status: how far it got
 * @comment: the follow-up comment
 * @author: who wrote it
 * @written_at: (nullable): when
 *
 * The version is filled in by sp_sip_add_follow_up().
 *
 * Returns: (transfer full): the follow-up comment
 */
SpSipFollowUp *
sp_sip_follow_up_new (SpSipNodeKind        node_kind,
                      const char          *node_id,
                      SpSipFollowUpStatus  status,
                      const char          *comment,
                      const char          *author,
                      GDateTime           *written_at)
{
  SpSipFollowUp *follow_up = g_new0 (SpSipFollowUp, 1);

  follow_up->node_kind = node_kind;
  follow_up->node_id = g_strdup (node_id);
  follow_up->status = status;
  follow_up->comment = g_strdup (comment);
  follow_up->author = g_strdup (author);
  sp_sip_replace_datetime (&follow_up->written_at, written_at);
  return follow_up;
}

/**
 * sp_sip_follow_up_copy:
 *
 * Returns: (transfer full): a copy of @follow_up
 */
SpSipFollowUp *
sp_sip_follow_up_copy (const SpSipFollowUp *follow_up)
{
  SpSipFollowUp *copy;

  g_return_val_if_fail (follow_up != NULL, NULL);

  copy = sp_sip_follow_up_new (follow_up->node_kind, follow_up->node_id, follow_up->status,
                               follow_up->comment, follow_up->author, follow_up->written_at);
  copy->version = follow_up->version;
  return copy;
}

void
sp_sip_follow_up_free (SpSipFollowUp *follow_up)
{
  if (follow_up == NULL)
    return;

  g_free (follow_up->node_id);
  g_free (follow_up->comment);
  g_free (follow_up->author);
  g_clear_pointer (&follow_up->written_at, g_date_time_unref);
  g_free (follow_up);
}

gboolean
sp_sip_follow_up_equal (const SpSipFollowUp *a,
                        const SpSipFollowUp *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->version == b->version &&
         a->node_kind == b->node_kind &&
         g_strcmp0 (a->node_id, b->node_id) == 0 &&
         a->status == b->status &&
         g_strcmp0 (a->comment, b->comment) == 0 &&
         g_strcmp0 (a->author, b->author) == 0 &&
         sp_date_time_equal0 (a->written_at, b->written_at);
}

gboolean
sp_sip_follow_up_check (const SpSipFollowUp  *follow_up,
                        GError              **error)
{
  return check_enum ("node_kind", SP_TYPE_SIP_NODE_KIND, follow_up->node_kind, error) &&
         check_enum ("status", SP_TYPE_SIP_FOLLOW_UP_STATUS, follow_up->status, error) &&
         sp_sip_check_text ("node_id", follow_up->node_id, TRUE, SP_SIP_MAX_ID, error) &&
         sp_sip_check_text ("comment", follow_up->comment, TRUE, SP_SIP_MAX_TEXT, error) &&
         sp_sip_check_text ("author", follow_up->author, TRUE, SP_SIP_MAX_NAME, error) &&
         check_time ("written_at", follow_up->written_at, error);
}

/**
 * sp_sip_follow_up_to_json:
 *
 * Returns: (transfer full): the follow-up comment as a JSON object
 */
JsonNode *
sp_sip_follow_up_to_json (const SpSipFollowUp *follow_up)
{
  JsonObject *object;

  g_return_val_if_fail (follow_up != NULL, NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "version", follow_up->version);
  sp_json_set_enum (object, "node_kind", SP_TYPE_SIP_NODE_KIND, follow_up->node_kind);
  sp_json_set_string (object, "node_id", follow_up->node_id);
  sp_json_set_enum (object, "status", SP_TYPE_SIP_FOLLOW_UP_STATUS, follow_up->status);
  sp_json_set_string (object, "comment", follow_up->comment);
  sp_json_set_string (object, "author", follow_up->author);
  sp_json_set_datetime (object, "written_at", follow_up->written_at);
  return take_object (object);
}

/**
 * sp_sip_follow_up_new_from_json:
 *
 * Returns: (transfer full) (nullable): the follow-up comment, or %NULL with @error set
 */
SpSipFollowUp *
sp_sip_follow_up_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(SpSipFollowUp) follow_up = sp_sip_follow_up_new (0, NULL, 0, NULL, NULL, NULL);
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  gint64 version = 0;
  int node_kind = 0;
  int status = 0;

  if (object == NULL ||
      !sp_json_get_int (object, "version", TRUE, 1, G_MAXINT, &version, error) ||
      !sp_json_get_enum (object, "node_kind", TRUE, SP_TYPE_SIP_NODE_KIND, &node_kind, error) ||
      !sp_json_get_string (object, "node_id", TRUE, SP_SIP_MAX_ID, &follow_up->node_id,
                           error) ||
      !sp_json_get_enum (object, "status", TRUE, SP_TYPE_SIP_FOLLOW_UP_STATUS, &status,
                         error) ||
      !sp_json_get_string (object, "comment", TRUE, SP_SIP_MAX_TEXT, &follow_up->comment,
                           error) ||
      !sp_json_get_string (object, "author", TRUE, SP_SIP_MAX_NAME, &follow_up->author,
                           error) ||
      !sp_json_get_datetime (object, "written_at", TRUE, &follow_up->written_at, error))
    return NULL;

  follow_up->version = (guint) version;
  follow_up->node_kind = node_kind;
  follow_up->status = status;
  if (!sp_sip_follow_up_check (follow_up, error))
    return NULL;

  return g_steal_pointer (&follow_up);
}

/**
 * sp_sip_evaluation_new:
 * @text: the evaluation of the main goal
 * @author: who evaluated
 * @evaluated_at: (nullable): when
 *
 * Returns: (transfer full): the evaluation
 */
SpSipEvaluation *
sp_sip_evaluation_new (const char *text,
                       const char *author,
                       GDateTime  *evaluated_at)
{
  SpSipEvaluation *evaluation = g_new0 (SpSipEvaluation, 1);

  evaluation->text = g_strdup (text);
  evaluation->author = g_strdup (author);
  sp_sip_replace_datetime (&evaluation->evaluated_at, evaluated_at);
  return evaluation;
}

/**
 * sp_sip_evaluation_copy:
 *
 * Returns: (transfer full): a copy of @evaluation
 */
SpSipEvaluation *
sp_sip_evaluation_copy (const SpSipEvaluation *evaluation)
{
  g_return_val_if_fail (evaluation != NULL, NULL);

  return sp_sip_evaluation_new (evaluation->text, evaluation->author,
                                evaluation->evaluated_at);
}

void
sp_sip_evaluation_free (SpSipEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;

  g_free (evaluation->text);
  g_free (evaluation->author);
  g_clear_pointer (&evaluation->evaluated_at, g_date_time_unref);
  g_free (evaluation);
}

gboolean
sp_sip_evaluation_equal (const SpSipEvaluation *a,
                         const SpSipEvaluation *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->author, b->author) == 0 &&
         sp_date_time_equal0 (a->evaluated_at, b->evaluated_at);
}

gboolean
sp_sip_evaluation_check (const SpSipEvaluation  *evaluation,
                         GError                **error)
{
  return sp_sip_check_text ("text", evaluation->text, TRUE, SP_SIP_MAX_TEXT, error) &&
         sp_sip_check_text ("author", evaluation->author, TRUE, SP_SIP_MAX_NAME, error) &&
         check_time ("evaluated_at", evaluation->evaluated_at, error);
}

/**
 * sp_sip_evaluation_to_json:
 *
 * Returns: (transfer full): the evaluation as a JSON object
 */
JsonNode *
sp_sip_evaluation_to_json (const SpSipEvaluation *evaluation)
{
  JsonObject *object;

  g_return_val_if_fail (evaluation != NULL, NULL);

  object = json_object_new ();
  sp_json_set_string (object, "text", evaluation->text);
  sp_json_set_string (object, "author", evaluation->author);
  sp_json_set_datetime (object, "evaluated_at", evaluation->evaluated_at);
  return take_object (object);
}

/**
 * sp_sip_evaluation_new_from_json:
 *
 * Returns: (transfer full) (nullable): the evaluation, or %NULL with @error set
 */
SpSipEvaluation *
sp_sip_evaluation_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(SpSipEvaluation) evaluation = sp_sip_evaluation_new (NULL, NULL, NULL);
  JsonObject *object = sp_json_node_get_object (node, NULL, error);

  if (object == NULL ||
      !sp_json_get_string (object, "text", TRUE, SP_SIP_MAX_TEXT, &evaluation->text, error) ||
      !sp_json_get_string (object, "author", TRUE, SP_SIP_MAX_NAME, &evaluation->author,
                           error) ||
      !sp_json_get_datetime (object, "evaluated_at", TRUE, &evaluation->evaluated_at, error) ||
      !sp_sip_evaluation_check (evaluation, error))
    return NULL;

  return g_steal_pointer (&evaluation);
}

/**
 * sp_sip_closing_new:
 * @reason: why
 * @text: (nullable): explanation; required for %SP_SIP_CLOSE_REASON_OTHER
 * @closed_by: who closed the SIP
 * @closed_at: (nullable): when
 *
 * Returns: (transfer full): the closing record
 */
SpSipClosing *
sp_sip_closing_new (SpSipCloseReason  reason,
                    const char       *text,
                    const char       *closed_by,
                    GDateTime        *closed_at)
{
  SpSipClosing *closing = g_new0 (SpSipClosing, 1);

  closing->reason = reason;
  closing->text = g_strdup (text);
  closing->closed_by = g_strdup (closed_by);
  sp_sip_replace_datetime (&closing->closed_at, closed_at);
  return closing;
}

/**
 * sp_sip_closing_copy:
 *
 * Returns: (transfer full): a copy of @closing
 */
SpSipClosing *
sp_sip_closing_copy (const SpSipClosing *closing)
{
  g_return_val_if_fail (closing != NULL, NULL);

  return sp_sip_closing_new (closing->reason, closing->text, closing->closed_by,
                             closing->closed_at);
}

void
sp_sip_closing_free (SpSipClosing *closing)
{
  if (closing == NULL)
    return;

  g_free (closing->text);
  g_free (closing->closed_by);
  g_clear_pointer (&closing->closed_at, g_date_time_unref);
  g_free (closing);
}

gboolean
sp_sip_closing_equal (const SpSipClosing *a,
                      const SpSipClosing *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->reason == b->reason &&
         g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->closed_by, b->closed_by) == 0 &&
         sp_date_time_equal0 (a->closed_at, b->closed_at);
}

gboolean
sp_sip_closing_check (const SpSipClosing  *closing,
                      GError             **error)
{
  return check_enum ("reason", SP_TYPE_SIP_CLOSE_REASON, closing->reason, error) &&
         sp_sip_check_text ("text", closing->text, closing->reason == SP_SIP_CLOSE_REASON_OTHER,
                            SP_SIP_MAX_TEXT, error) &&
         sp_sip_check_text ("closed_by", closing->closed_by, TRUE, SP_SIP_MAX_NAME, error) &&
         check_time ("closed_at", closing->closed_at, error);
}

/**
 * sp_sip_closing_to_json:
 *
 * Returns: (transfer full): the closing record as a JSON object
 */
JsonNode *
sp_sip_closing_to_json (const SpSipClosing *closing)
{
  JsonObject *object;

  g_return_val_if_fail (closing != NULL, NULL);

  object = json_object_new ();
  sp_json_set_enum (object, "reason", SP_TYPE_SIP_CLOSE_REASON, closing->reason);
  sp_json_set_string (object, "text", closing->text);
  sp_json_set_string (object, "closed_by", closing->closed_by);
  sp_json_set_datetime (object, "closed_at", closing->closed_at);
  return take_object (object);
}

/**
 * sp_sip_closing_new_from_json:
 *
 * Returns: (transfer full) (nullable): the closing record, or %NULL with @error set
 */
SpSipClosing *
sp_sip_closing_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(SpSipClosing) closing = sp_sip_closing_new (0, NULL, NULL, NULL);
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  int reason = 0;

  if (object == NULL ||
      !sp_json_get_enum (object, "reason", TRUE, SP_TYPE_SIP_CLOSE_REASON, &reason, error) ||
      !sp_json_get_string (object, "text", FALSE, SP_SIP_MAX_TEXT, &closing->text, error) ||
      !sp_json_get_string (object, "closed_by", TRUE, SP_SIP_MAX_NAME, &closing->closed_by,
                           error) ||
      !sp_json_get_datetime (object, "closed_at", TRUE, &closing->closed_at, error))
    return NULL;

  closing->reason = reason;
  if (!sp_sip_closing_check (closing, error))
    return NULL;

  return g_steal_pointer (&closing);
}
