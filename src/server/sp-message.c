/* sp-message.c — one message between units, inside an episode or outside one (DOMAIN §2, §5)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A "message" record's index terms make the inbox one lookup: "unacked:<unit>" for each
 * recipient of a sent message that has not acknowledged it yet; also "episode:<id>",
 * "patient:<id>", "from:<unit>", "to:<unit>" per recipient and "to:all".
 */

#define G_LOG_DOMAIN "sp-message"

#include "config.h"

#include <string.h>

#include "sp-json.h"
#include "sp-message.h"

/* Ids, unit ids, names and titles. */
#define MAX_NAME 256

static const char * const kind_nicks[] = {
  [SP_MESSAGE_KIND_GENERAL] = "general_message",
  [SP_MESSAGE_KIND_ADMIN] = "admin_message",
  [SP_MESSAGE_KIND_CARE_REQUEST] = "care_request",
  [SP_MESSAGE_KIND_OUTSIDE] = "outside_message",
  [SP_MESSAGE_KIND_DEVIATION_DRAFT] = "deviation_draft",
};

G_DEFINE_QUARK (sp-message-error-quark, sp_message_error)

const char *
sp_message_kind_to_nick (SpMessageKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_nicks), NULL);

  return kind_nicks[kind];
}

gboolean
sp_message_kind_from_nick (const char    *nick,
                           SpMessageKind *out_kind)
{
  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (kind_nicks); i++)
    if (strcmp (nick, kind_nicks[i]) == 0)
      {
        *out_kind = i;
        return TRUE;
      }

  return FALSE;
}

static void
ack_free (SpMessageAck *ack)
{
  g_free (ack->unit_id);
  g_clear_pointer (&ack->at, g_date_time_unref);
  g_free (ack->by);
  g_free (ack);
}

/**
 * sp_message_new:
 * @created_at: (nullable): when it was first saved
 *
 * Returns: (transfer full): a saved, unsent message without recipients.
 */
SpMessage *
sp_message_new (const char    *id,
                SpMessageKind  kind,
                const char    *from_unit_id,
                GDateTime     *created_at)
{
  SpMessage *self = g_new0 (SpMessage, 1);

  self->id = g_strdup (id);
  self->kind = kind;
  self->from_unit_id = g_strdup (from_unit_id);
  self->created_at = created_at != NULL ? g_date_time_ref (created_at) : NULL;
  self->recipients = g_ptr_array_new_with_free_func (g_free);
  self->acks = g_ptr_array_new_with_free_func ((GDestroyNotify) ack_free);

  return self;
}

void
sp_message_free (SpMessage *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->episode_id);
  g_free (self->patient_id);
  g_free (self->from_unit_id);
  g_free (self->author_name);
  g_free (self->author_title);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_free (self->to);
  g_ptr_array_unref (self->recipients);
  g_free (self->text);
  g_clear_pointer (&self->details, json_node_unref);
  g_clear_pointer (&self->sent_at, g_date_time_unref);
  g_ptr_array_unref (self->acks);
  g_free (self);
}

/**
 * sp_message_set_recipients:
 * @unit_ids: (element-type utf8): the units to notify; copied
 */
void
sp_message_set_recipients (SpMessage *self,
                           GPtrArray *unit_ids)
{
  g_ptr_array_set_size (self->recipients, 0);
  for (guint i = 0; i < unit_ids->len; i++)
    g_ptr_array_add (self->recipients, g_strdup (g_ptr_array_index (unit_ids, i)));
}

gboolean
sp_message_is_recipient (SpMessage  *self,
                         const char *unit_id)
{
  return g_ptr_array_find_with_equal_func (self->recipients, unit_id, g_str_equal, NULL);
}

/**
 * sp_message_find_ack:
 *
 * Returns: (transfer none) (nullable): @unit_id's acknowledgement.
 */
const SpMessageAck *
sp_message_find_ack (SpMessage  *self,
                     const char *unit_id)
{
  for (guint i = 0; i < self->acks->len; i++)
    {
      SpMessageAck *ack = g_ptr_array_index (self->acks, i);

      if (strcmp (ack->unit_id, unit_id) == 0)
        return ack;
    }

  return NULL;
}

/**
 * sp_message_send:
 * @unit_id: the unit sending; only the one that saved it
 *
 * SparaSänd for a saved message: from now on its recipients are notified.
 *
 * Returns: %TRUE, or %FALSE with @error set in %SP_MESSAGE_ERROR.
 */
gboolean
sp_message_send (SpMessage   *self,
                 const char  *unit_id,
                 GDateTime   *at,
                 GError     **error)
{
  if (strcmp (unit_id, self->from_unit_id) != 0)
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_NOT_PERMITTED,
                           "from_unit_id: only the unit that saved a message sends it");
      return FALSE;
    }

  /* An avvikelse is reported in each organisation's own system (DOMAIN §11). */
  if (self->kind == SP_MESSAGE_KIND_DEVIATION_DRAFT)
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_NOT_PERMITTED,
                           "send: a deviation draft stays with the unit that drafted it");
      return FALSE;
    }

  if (self->sent_at != NULL)
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_ALREADY_DONE,
                           "sent_at: the message is already sent");
      return FALSE;
    }

  self->sent_at = g_date_time_ref (at);
  return TRUE;
}

/**
 * sp_message_acknowledge:
 * @unit_id: the acknowledging unit; only a recipient
 * @by: the user's name
 *
 * Returns: %TRUE, or %FALSE with @error set in %SP_MESSAGE_ERROR.
 */
gboolean
sp_message_acknowledge (SpMessage   *self,
                        const char  *unit_id,
                        const char  *by,
                        GDateTime   *at,
                        GError     **error)
{
  SpMessageAck *ack;

  if (!sp_message_is_recipient (self, unit_id))
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_NOT_PERMITTED,
                           "recipients: only a recipient acknowledges a message");
      return FALSE;
    }

  if (self->sent_at == NULL)
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_NOT_SENT,
                           "sent_at: the message is saved but not sent");
      return FALSE;
    }

  if (sp_message_find_ack (self, unit_id) != NULL)
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_ALREADY_DONE,
                           "acknowledgements: the unit has already acknowledged");
      return FALSE;
    }

  ack = g_new0 (SpMessageAck, 1);
  ack->unit_id = g_strdup (unit_id);
  ack->at = g_date_time_ref (at);
  ack->by = g_strdup (by);
  g_ptr_array_add (self->acks, ack);
  return TRUE;
}

static void
add_term (GStrvBuilder *builder,
          const char   *prefix,
          const char   *value)
{
  g_autofree char *term = g_strconcat (prefix, ":", value, NULL);

  g_strv_builder_add (builder, term);
}

/**
 * sp_message_get_terms:
 *
 * Returns: (transfer full): the record's index terms (see the top of this file).
 */
GStrv
sp_message_get_terms (SpMessage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (self->episode_id != NULL)
    add_term (builder, "episode", self->episode_id);
  if (self->patient_id != NULL)
    add_term (builder, "patient", self->patient_id);
  add_term (builder, "from", self->from_unit_id);
  if (g_strcmp0 (self->to, SP_MESSAGE_TO_ALL) == 0)
    add_term (builder, "to", SP_MESSAGE_TO_ALL);

  for (guint i = 0; i < self->recipients->len; i++)
    {
      const char *unit_id = g_ptr_array_index (self->recipients, i);

      add_term (builder, "to", unit_id);
      if (self->sent_at != NULL && sp_message_find_ack (self, unit_id) == NULL)
        add_term (builder, "unacked", unit_id);
    }

  return g_strv_builder_end (builder);
}

JsonNode *
sp_message_to_json (SpMessage *self)
{
  JsonObject *object = sp_json_object_new_versioned ();
  JsonObject *author = json_object_new ();
  JsonArray *recipients = json_array_new ();
  JsonArray *acks = json_array_new ();

  for (guint i = 0; i < self->recipients->len; i++)
    json_array_add_string_element (recipients, g_ptr_array_index (self->recipients, i));

  for (guint i = 0; i < self->acks->len; i++)
    {
      SpMessageAck *ack = g_ptr_array_index (self->acks, i);
      JsonObject *item = json_object_new ();

      sp_json_set_string (item, "unit_id", ack->unit_id);
      sp_json_set_datetime (item, "at", ack->at);
      sp_json_set_string (item, "by", ack->by);
      json_array_add_object_element (acks, item);
    }

  sp_json_set_string (author, "name", self->author_name);
  sp_json_set_string (author, "title", self->author_title);

  sp_json_set_string (object, "id", self->id);
  sp_json_set_string (object, "kind", sp_message_kind_to_nick (self->kind));
  sp_json_set_string (object, "episode_id", self->episode_id);
  sp_json_set_string (object, "patient_id", self->patient_id);
  sp_json_set_string (object, "from_unit_id", self->from_unit_id);
  json_object_set_object_member (object, "author", author);
  sp_json_set_datetime (object, "created_at", self->created_at);
  sp_json_set_string (object, "to", self->to);
  json_object_set_array_member (object, "recipients", recipients);
  sp_json_set_string (object, "text", self->text);
  if (self->details != NULL)
    json_object_set_member (object, "details", json_node_copy (self->details));
  else
    json_object_set_null_member (object, "details");
  sp_json_set_datetime (object, "sent_at", self->sent_at);
  json_object_set_array_member (object, "acknowledgements", acks);

  return sp_json_node_new_object (object);
}

static gboolean
acks_from_json (SpMessage   *self,
                JsonArray   *array,
                GError     **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("acknowledgements[%u]", i);
      JsonObject *item = sp_json_node_get_object (json_array_get_element (array, i), field,
                                                  error);
      SpMessageAck *ack;

      if (item == NULL)
        return FALSE;

      ack = g_new0 (SpMessageAck, 1);
      g_ptr_array_add (self->acks, ack);
      if (!sp_json_get_string (item, "unit_id", TRUE, MAX_NAME, &ack->unit_id, error) ||
          !sp_json_get_datetime (item, "at", TRUE, &ack->at, error) ||
          !sp_json_get_string (item, "by", TRUE, MAX_NAME, &ack->by, error))
        {
          g_prefix_error (error, "%s.", field);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * sp_message_new_from_json:
 *
 * Reads what sp_message_to_json() wrote; strict (see sp-json.h).
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with @error set.
 */
SpMessage *
sp_message_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(SpMessage) self = sp_message_new (NULL, SP_MESSAGE_KIND_GENERAL, NULL, NULL);
  g_autofree char *kind = NULL;
  g_auto(GStrv) recipients = NULL;
  JsonObject *object, *author;
  JsonArray *acks;

  if ((object = sp_json_node_get_object (node, NULL, error)) == NULL ||
      !sp_json_check_version (object, error) ||
      !sp_json_get_string (object, "id", TRUE, MAX_NAME, &self->id, error) ||
      !sp_json_get_string (object, "kind", TRUE, MAX_NAME, &kind, error))
    return NULL;

  if (!sp_message_kind_from_nick (kind, &self->kind))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "kind: unknown");
      return NULL;
    }

  if (!sp_json_get_string (object, "episode_id", FALSE, MAX_NAME, &self->episode_id, error) ||
      !sp_json_get_string (object, "patient_id", FALSE, MAX_NAME, &self->patient_id, error) ||
      !sp_json_get_string (object, "from_unit_id", TRUE, MAX_NAME, &self->from_unit_id,
                           error) ||
      (author = sp_json_get_object (object, "author", TRUE, error)) == NULL)
    return NULL;

  if (!sp_json_get_string (author, "name", FALSE, MAX_NAME, &self->author_name, error) ||
      !sp_json_get_string (author, "title", FALSE, MAX_NAME, &self->author_title, error))
    {
      g_prefix_error (error, "author.");
      return NULL;
    }

  if (!sp_json_get_datetime (object, "created_at", TRUE, &self->created_at, error) ||
      !sp_json_get_string (object, "to", FALSE, MAX_NAME, &self->to, error) ||
      !sp_json_get_strv (object, "recipients", TRUE, MAX_NAME, &recipients, error) ||
      !sp_json_get_string (object, "text", FALSE, SP_JSON_MAX_TEXT, &self->text, error) ||
      !sp_json_get_datetime (object, "sent_at", FALSE, &self->sent_at, error) ||
      (acks = sp_json_get_array (object, "acknowledgements", TRUE, error)) == NULL ||
      !acks_from_json (self, acks, error))
    return NULL;

  for (guint i = 0; recipients[i] != NULL; i++)
    g_ptr_array_add (self->recipients, g_strdup (recipients[i]));

  if (json_object_has_member (object, "details") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "details")))
    self->details = json_node_copy (json_object_get_member (object, "details"));

  return g_steal_pointer (&self);
}
