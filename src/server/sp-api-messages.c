/* sp-api-messages.c — messages inside and outside episodes, the thread and the inbox (DOMAIN §5)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every message is saved (Spara: visible to its parties, nobody notified) and may be sent
 * (SparaSänd: each recipient is notified in its inbox and acknowledges). A "message" record's
 * index terms make the inbox one lookup: "unacked:<unit>" for each recipient of a sent
 * message that has not acknowledged it yet; also "episode:<id>", "patient:<id>",
 * "from:<unit>", "to:<unit>" per recipient and "to:all".
 */

#define G_LOG_DOMAIN "sp-api-messages"

#include "config.h"

#include <string.h>

#include "sp-access.h"
#include "sp-api.h"
#include "sp-api-common.h"
#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-message.h"
#include "sp-patient.h"
#include "sp-server-error.h"

/* Ids, unit ids, names and titles. */
#define MAX_NAME 256
/* Records read for one thread or one inbox. */
#define MAX_LISTED 10000

#define RESTRICTED_REASON \
  "Patientens samtycke saknas. Meddelandets innehåll delas inte med andra huvudmän."
#define ADMIN_NOTICE \
  "Administrativt meddelande: det får inte innehålla medicinsk information."

/* ---- SpMessage: the record (moves to sp-message.c once meson.build lists that file) ---- */

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

/* ---- Routes, visibility and rendering ---- */

static void get_message (gpointer server, SpRequest *request);
static void list_thread (gpointer server, SpRequest *request);
static void list_inbox (gpointer server, SpRequest *request);
static void create_episode_message (gpointer server, SpRequest *request);
static void create_outside_message (gpointer server, SpRequest *request);
static void send_message (gpointer server, SpRequest *request);
static void acknowledge_message (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "GET",  "/api/v1/episodes/:id/messages",    list_thread,            0 },
  { "POST", "/api/v1/episodes/:id/messages",    create_episode_message, SP_ROUTE_WRITE },
  { "POST", "/api/v1/messages",                 create_outside_message, SP_ROUTE_WRITE },
  { "GET",  "/api/v1/messages/:id",             get_message,            0 },
  { "POST", "/api/v1/messages/:id/send",        send_message,           SP_ROUTE_WRITE },
  { "POST", "/api/v1/messages/:id/acknowledge", acknowledge_message,    SP_ROUTE_WRITE },
  { "GET",  "/api/v1/inbox",                    list_inbox,             0 },
};

const SpRoute *
sp_api_message_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* Every party of the episode but @unit_id: whom a message "to all" reaches. */
static GPtrArray *
other_parties (SpEpisode  *episode,
               const char *unit_id)
{
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  GPtrArray *parties = g_ptr_array_new ();

  if (strcmp (sp_episode_get_ward_unit_id (episode), unit_id) != 0)
    g_ptr_array_add (parties, (gpointer) sp_episode_get_ward_unit_id (episode));

  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);

      if (strcmp (addressee->unit_id, unit_id) != 0)
        g_ptr_array_add (parties, addressee->unit_id);
    }

  return parties;
}

/* Its sender and its recipients see a message; one to all also every party of the episode,
 * units that joined later included. A message to one unit is invisible to the others. */
static gboolean
may_see_message (SpMessage  *message,
                 SpEpisode  *episode,
                 const char *unit_id)
{
  if (strcmp (message->from_unit_id, unit_id) == 0 || sp_message_is_recipient (message, unit_id))
    return TRUE;

  return episode != NULL && g_strcmp0 (message->to, SP_MESSAGE_TO_ALL) == 0 &&
         sp_access_may_see_episode (episode, unit_id);
}

/* An episode's message says no more than its sender may share without consent (DOMAIN §4).
 * An administrative message holds no medical information by its sender's confirmation, and
 * outside an episode consent was the condition for sending at all. */
static gboolean
is_restricted (SpServer   *server,
               SpRequest  *request,
               SpMessage  *message,
               SpEpisode  *episode,
               GDateTime  *now)
{
  if (episode == NULL || message->kind == SP_MESSAGE_KIND_ADMIN)
    return FALSE;

  return !sp_access_may_see_field (sp_server_get_profile (server), episode,
                                   sp_api_unit_id (request), sp_api_unit_kind (request),
                                   SP_EPISODE_FIELD_MESSAGES, message->from_unit_id, now);
}

static JsonArray *
acks_to_json (SpMessage *message)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < message->recipients->len; i++)
    {
      const char *unit_id = g_ptr_array_index (message->recipients, i);
      const SpMessageAck *ack = sp_message_find_ack (message, unit_id);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "unit_id", unit_id);
      json_object_set_boolean_member (object, "acknowledged", ack != NULL);
      sp_json_set_datetime (object, "at", ack != NULL ? ack->at : NULL);
      sp_json_set_string (object, "by", ack != NULL ? ack->by : NULL);
      json_array_add_object_element (array, object);
    }

  return array;
}

/* The message as its caller may see it; @episode is its episode or NULL. */
static JsonObject *
message_to_api_json (SpServer  *server,
                     SpRequest *request,
                     SpMessage *message,
                     SpEpisode *episode,
                     gint64     revision,
                     GDateTime *now)
{
  JsonObject *object = json_object_new ();
  JsonObject *author = json_object_new ();
  JsonArray *recipients = json_array_new ();

  for (guint i = 0; i < message->recipients->len; i++)
    json_array_add_string_element (recipients, g_ptr_array_index (message->recipients, i));
  sp_json_set_string (author, "name", message->author_name);
  sp_json_set_string (author, "title", message->author_title);

  json_object_set_string_member (object, "type", "message");
  sp_json_set_string (object, "id", message->id);
  json_object_set_int_member (object, "revision", revision);
  sp_json_set_string (object, "kind", sp_message_kind_to_nick (message->kind));
  sp_json_set_string (object, "episode_id", message->episode_id);
  sp_json_set_string (object, "patient_id", message->patient_id);
  sp_json_set_string (object, "from_unit_id", message->from_unit_id);
  json_object_set_object_member (object, "author", author);
  sp_json_set_datetime (object, "created_at", message->created_at);
  sp_json_set_string (object, "to", message->to);
  json_object_set_array_member (object, "recipients", recipients);
  sp_json_set_string (object, "status", message->sent_at != NULL ? "sent" : "saved");
  sp_json_set_datetime (object, "sent_at", message->sent_at);
  json_object_set_array_member (object, "acknowledgements", acks_to_json (message));
  json_object_set_boolean_member (object, "all_acknowledged",
                                  message->sent_at != NULL &&
                                  message->acks->len == message->recipients->len);
  if (message->kind == SP_MESSAGE_KIND_ADMIN)
    json_object_set_string_member (object, "notice", ADMIN_NOTICE);

  if (is_restricted (server, request, message, episode, now))
    {
      json_object_set_boolean_member (object, "restricted", TRUE);
      json_object_set_string_member (object, "restricted_reason", RESTRICTED_REASON);
      return object;
    }

  json_object_set_boolean_member (object, "restricted", FALSE);
  sp_json_set_string (object, "text", message->text);
  if (message->details != NULL)
    json_object_set_member (object, "details", json_node_copy (message->details));
  else
    json_object_set_null_member (object, "details");

  return object;
}

/* The message in @record and its episode, if the caller may see it. Otherwise not found:
 * like an episode outside the addressing, a message to another unit does not exist. */
static SpMessage *
load_message (SpServer   *server,
              SpRequest  *request,
              SpRecord   *record,
              SpEpisode **out_episode,
              GError    **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpMessage) message = NULL;
  g_autoptr(SpEpisode) episode = NULL;

  if (sp_record_is_deleted (record) ||
      (node = sp_api_record_to_json (record, error)) == NULL ||
      (message = sp_message_new_from_json (node, error)) == NULL ||
      (message->episode_id != NULL &&
       (episode = sp_api_load_episode (server, request, message->episode_id, error)) == NULL))
    return NULL;

  if (!may_see_message (message, episode, sp_api_unit_id (request)))
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND, "no such message");
      return NULL;
    }

  *out_episode = g_steal_pointer (&episode);
  return g_steal_pointer (&message);
}

/**
 * sp_api_render_message:
 *
 * Returns: (transfer full) (nullable): the message as the caller may see it, or %NULL when
 *   the caller may not see it at all.
 */
JsonNode *
sp_api_render_message (SpServer  *server,
                       SpRequest *request,
                       SpRecord  *record)
{
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpMessage) message = load_message (server, request, record, &episode, NULL);
  g_autoptr(GDateTime) now = sp_server_get_now (server);

  if (message == NULL)
    return NULL;

  return sp_json_node_new_object (message_to_api_json (server, request, message, episode,
                                                       sp_record_get_revision (record), now));
}

/* ---- Writing ---- */

/* Stores @message, logs @action and answers with the message as the caller sees it. */
static void
save_and_respond (SpServer   *server,
                  SpRequest  *request,
                  SpMessage  *message,
                  SpEpisode  *episode,
                  gint64      base_revision,
                  const char *action,
                  GDateTime  *now)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) terms = sp_message_get_terms (message);
  g_autoptr(JsonNode) body = sp_message_to_json (message);
  g_autoptr(SpRecord) record = NULL;
  g_autoptr(JsonObject) rendered = NULL;

  record = sp_api_put_json (store, "message", message->id, message->episode_id, body,
                            base_revision, (const char * const *) terms, &error);
  if (record == NULL ||
      !sp_audit_log (store, request, now, action, message->patient_id, "message", message->id,
                     &error) ||
      (base_revision == 0 && message->sent_at != NULL &&
       !sp_audit_log (store, request, now, "send", message->patient_id, "message",
                      message->id, &error)))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  rendered = message_to_api_json (server, request, message, episode,
                                  sp_record_get_revision (record), now);
  sp_request_respond_object (request, base_revision == 0 ? 201 : 200, rendered);
}

/* The members every new message has: kind (one of @kinds), text, the signed-in author. */
static SpMessage *
read_new_message (SpRequest   *request,
                  JsonObject  *body,
                  guint        kinds,
                  GDateTime   *now,
                  GError     **error)
{
  SpUser *user = sp_session_get_user (request->session);
  g_autofree char *nick = NULL;
  g_autofree char *id = NULL;
  g_autoptr(SpMessage) message = NULL;
  SpMessageKind kind;
  gboolean text_required;

  if (!sp_json_get_string (body, "kind", TRUE, MAX_NAME, &nick, error))
    return NULL;

  if (!sp_message_kind_from_nick (nick, &kind) || (kinds & (1u << kind)) == 0)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "kind: not a kind of message this endpoint takes");
      return NULL;
    }

  id = sp_api_new_id ("m");
  message = sp_message_new (id, kind, sp_api_unit_id (request), now);
  message->author_name = g_strdup (sp_user_get_name (user));
  message->author_title = g_strdup (sp_user_get_title (user));

  /* A care request and a deviation carry their content in their own fields. */
  text_required = kind != SP_MESSAGE_KIND_CARE_REQUEST && kind != SP_MESSAGE_KIND_DEVIATION_DRAFT;
  if (!sp_json_get_string (body, "text", text_required, SP_JSON_MAX_TEXT, &message->text, error))
    return NULL;

  if (text_required && *message->text == '\0')
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "text: empty");
      return NULL;
    }

  return g_steal_pointer (&message);
}

/* "to": "all", or one other party of the episode: units outside the addressing cannot be
 * added to a message (DOMAIN §5). */
static gboolean
read_addressee (JsonObject  *body,
                SpEpisode   *episode,
                SpMessage   *message,
                GError     **error)
{
  g_autoptr(GPtrArray) parties = other_parties (episode, message->from_unit_id);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  if (!sp_json_get_string (body, "to", TRUE, MAX_NAME, &message->to, error))
    return FALSE;

  if (strcmp (message->to, SP_MESSAGE_TO_ALL) == 0)
    {
      sp_message_set_recipients (message, parties);
      return TRUE;
    }

  if (!g_ptr_array_find_with_equal_func (parties, message->to, g_str_equal, NULL))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "to: not another unit of the episode's addressing");
      return FALSE;
    }

  g_ptr_array_add (one, message->to);
  sp_message_set_recipients (message, one);
  return TRUE;
}

/* The form says an administrative message must not hold medical information. The server
 * cannot check text for that, so the sender confirms it (our choice). */
static gboolean
read_confirmation (JsonObject  *body,
                   SpMessage   *message,
                   GError     **error)
{
  gboolean confirmed = FALSE;
  JsonObject *details;

  if (!sp_json_get_bool (body, "confirm_no_medical_information", TRUE, &confirmed, error))
    return FALSE;

  if (!confirmed)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "confirm_no_medical_information: must be true");
      return FALSE;
    }

  details = json_object_new ();
  json_object_set_boolean_member (details, "confirm_no_medical_information", TRUE);
  message->details = sp_json_node_new_object (details);
  return TRUE;
}

/* Copies the optional text members @members of @from into @to (null when absent). */
static gboolean
copy_texts (JsonObject          *from,
            JsonObject          *to,
            const char * const  *members,
            GError             **error)
{
  for (guint i = 0; members[i] != NULL; i++)
    {
      g_autofree char *text = NULL;

      if (!sp_json_get_string (from, members[i], FALSE, SP_JSON_MAX_TEXT, &text, error))
        return FALSE;
      sp_json_set_string (to, members[i], text);
    }

  return TRUE;
}

/* The latest re-sending of the admission notice: each addressed unit acknowledges it again. */
static GDateTime *
get_notice_sent_at (SpEpisode *episode)
{
  GPtrArray *events = sp_episode_get_events (episode);

  for (guint i = events->len; i > 0; i--)
    {
      const SpEpisodeEvent *event = g_ptr_array_index (events, i - 1);

      if (event->kind == SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE ||
          event->kind == SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE)
        return event->at;
    }

  return sp_episode_get_admission_notice_sent_at (episode);
}

static GDateTime *
find_ack_time (SpEpisode       *episode,
               SpEpisodeNotice  which,
               const char      *unit_id)
{
  GPtrArray *acks = sp_episode_get_acknowledgements (episode, which);

  for (guint i = 0; i < acks->len; i++)
    {
      const SpAcknowledgement *ack = g_ptr_array_index (acks, i);

      if (strcmp (ack->unit_id, unit_id) == 0)
        return ack->at;
    }

  return NULL;
}

/* Adds @clock to @late if it was done after its due time, or is still undone past it. */
static void
add_if_late (JsonArray             *late,
             const SpRegionProfile *profile,
             SpClock                clock,
             GDateTime             *start,
             const char            *unit_id,
             GDateTime             *done,
             GDateTime             *now)
{
  g_autoptr(GDateTime) due = sp_deadline_get_due (profile, clock, start);
  JsonObject *object;

  if (!sp_deadline_is_overdue (due, done, now))
    return;

  object = json_object_new ();
  sp_json_set_enum (object, "clock", SP_TYPE_CLOCK, clock);
  json_object_set_string_member (object, "label", sp_clock_get_label (clock));
  sp_json_set_string (object, "unit_id", unit_id);
  sp_json_set_datetime (object, "due_at", due);
  sp_json_set_datetime (object, "done_at", done);
  json_object_set_int_member (object, "late_seconds",
                              g_date_time_difference (done != NULL ? done : now, due) /
                              G_TIME_SPAN_SECOND);
  json_array_add_object_element (late, object);
}

/* What was late in the episode and by how much, from the clocks of DOMAIN §7 that the
 * episode itself records. */
static JsonArray *
find_late (const SpRegionProfile *profile,
           SpEpisode             *episode,
           GDateTime             *now)
{
  GDateTime *admitted = sp_episode_get_admitted_at (episode);
  GDateTime *judged = sp_episode_get_needs_judged_at (episode);
  GDateTime *sent = sp_episode_get_admission_notice_sent_at (episode);
  GDateTime *ready = sp_episode_get_ready_at (episode);
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  GPtrArray *contacts = sp_episode_get_care_contacts (episode);
  JsonArray *late = json_array_new ();
  gboolean outpatient = FALSE;
  GDateTime *named = NULL;

  add_if_late (late, profile, SP_CLOCK_ADMISSION_NOTICE_SENT,
               judged != NULL && g_date_time_compare (judged, admitted) > 0 ? judged : admitted,
               NULL, sent, now);
  if (sent == NULL)
    return late;

  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);

      outpatient |= addressee->unit_kind == SP_UNIT_KIND_OUTPATIENT;
      add_if_late (late, profile, SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED,
                   get_notice_sent_at (episode), addressee->unit_id,
                   find_ack_time (episode, SP_EPISODE_NOTICE_ADMISSION, addressee->unit_id),
                   now);
      if (ready != NULL)
        add_if_late (late, profile, SP_CLOCK_READY_ACKNOWLEDGED, ready, addressee->unit_id,
                     find_ack_time (episode, SP_EPISODE_NOTICE_READY, addressee->unit_id), now);
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (contacts, i);

      if (named == NULL || g_date_time_compare (contact->named_at, named) < 0)
        named = contact->named_at;
    }

  if (outpatient)
    add_if_late (late, profile, SP_CLOCK_CARE_CONTACT_NAMED, sent, NULL, named, now);

  return late;
}

/* The deviation's "event" when the drafter gives none: one line per late clock. */
static char *
describe_late (JsonArray *late)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (late); i++)
    {
      JsonObject *item = json_array_get_object_element (late, i);
      gint64 minutes = json_object_get_int_member (item, "late_seconds") / 60;
      const char *unit_id = json_object_get_string_member_with_default (item, "unit_id", NULL);

      g_string_append_printf (text, "%s%s: %" G_GINT64_FORMAT " tim %02d min för sent",
                              text->len > 0 ? "\n" : "",
                              json_object_get_string_member (item, "label"),
                              minutes / 60, (int) (minutes % 60));
      if (unit_id != NULL)
        g_string_append_printf (text, " (%s)", unit_id);
    }

  if (text->len == 0)
    g_string_append (text, "Inga försenade moment i vårdtillfället.");

  return g_string_free (text, FALSE);
}

/* An avvikelse drafted from the episode (DOMAIN §11): event, consequence, risk, action,
 * improvement, unit and time, with what was late filled in from the clocks. It stays with
 * the drafting unit, which reports it in its own organisation's system. */
static gboolean
read_deviation (SpServer    *server,
                SpRequest   *request,
                JsonObject  *body,
                SpEpisode   *episode,
                SpMessage   *message,
                GDateTime   *now,
                GError     **error)
{
  const char * const texts[] = { "event", "consequence", "risk", "action", "improvement",
                                 "unit", NULL };
  g_autoptr(JsonObject) deviation = json_object_new ();
  g_autoptr(GDateTime) time = NULL;
  JsonArray *late;

  if (json_object_has_member (body, "to"))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "to: a deviation draft stays with the unit that drafts it");
      return FALSE;
    }

  if (!copy_texts (body, deviation, texts, error) ||
      !sp_json_get_datetime (body, "time", FALSE, &time, error))
    return FALSE;

  late = find_late (sp_server_get_profile (server), episode, now);
  if (json_object_get_null_member (deviation, "event"))
    {
      g_autofree char *event = describe_late (late);

      json_object_set_string_member (deviation, "event", event);
    }
  if (json_object_get_null_member (deviation, "unit"))
    json_object_set_string_member (deviation, "unit", sp_api_unit_id (request));
  sp_json_set_datetime (deviation, "time", time != NULL ? time : now);
  json_object_set_array_member (deviation, "late", late);

  message->details = sp_json_node_new_object (g_steal_pointer (&deviation));
  return TRUE;
}

static void
create_episode_message (gpointer   server,
                        SpRequest *request)
{
  const guint kinds = 1u << SP_MESSAGE_KIND_GENERAL | 1u << SP_MESSAGE_KIND_ADMIN |
                      1u << SP_MESSAGE_KIND_DEVIATION_DRAFT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpMessage) message = NULL;
  JsonObject *body;
  gboolean send = FALSE;
  gboolean ok;

  if ((body = sp_request_get_object (request, &error)) == NULL ||
      (episode = sp_api_load_episode (server, request, sp_request_get_param (request, "id"),
                                      &error)) == NULL ||
      (message = read_new_message (request, body, kinds, now, &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  message->episode_id = g_strdup (sp_episode_get_id (episode));
  message->patient_id = g_strdup (sp_episode_get_patient_id (episode));

  switch (message->kind)
    {
    case SP_MESSAGE_KIND_ADMIN:
      ok = read_confirmation (body, message, &error) &&
           read_addressee (body, episode, message, &error);
      break;
    case SP_MESSAGE_KIND_DEVIATION_DRAFT:
      ok = read_deviation (server, request, body, episode, message, now, &error);
      break;
    default:
      ok = read_addressee (body, episode, message, &error);
      break;
    }

  if (!ok ||
      !sp_json_get_bool (body, "send", FALSE, &send, &error) ||
      (send && !sp_message_send (message, sp_api_unit_id (request), now, &error)))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  save_and_respond (server, request, message, episode, 0, "create", now);
}

/* The patient a message outside an episode is about. */
static SpPatient *
load_patient (SpStore     *store,
              const char  *patient_id,
              GError     **error)
{
  g_autoptr(SpRecord) record = sp_store_get (store, "patient", patient_id, error);
  g_autoptr(JsonNode) node = NULL;

  if (record == NULL || (node = sp_api_record_to_json (record, error)) == NULL)
    return NULL;

  return sp_patient_new_from_json (node, error);
}

/* The consent set of the patient's latest episode (by admission), or NULL. */
static SpConsentSet *
get_latest_episode_consents (SpStore     *store,
                             const char  *patient_id,
                             GError     **error)
{
  g_autofree char *term = g_strconcat ("patient:", patient_id, NULL);
  g_autoptr(GPtrArray) records = sp_store_list (store, "episode", term, 0, MAX_LISTED, error);
  g_autoptr(SpEpisode) latest = NULL;

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      g_autoptr(JsonNode) node = sp_api_record_to_json (g_ptr_array_index (records, i), error);
      g_autoptr(SpEpisode) episode = node != NULL ? sp_episode_new_from_json (node, error)
                                                  : NULL;

      if (episode == NULL)
        return NULL;
      if (latest == NULL || g_date_time_compare (sp_episode_get_admitted_at (episode),
                                                 sp_episode_get_admitted_at (latest)) > 0)
        g_set_object (&latest, episode);
    }

  return latest != NULL ? g_object_ref (sp_episode_get_consents (latest)) : NULL;
}

/* A consent given now, documented by the signed-in user at the server's time. */
static SpConsent *
read_request_consent (SpRequest   *request,
                      JsonObject  *input,
                      GDateTime   *now,
                      GError     **error)
{
  SpUser *user = sp_session_get_user (request->session);
  g_autofree char *giver_name = NULL;
  SpConsent *consent;
  gboolean child_asked = FALSE;
  int form = 0, given_by = 0;

  if (!sp_json_get_enum (input, "form", TRUE, SP_TYPE_CONSENT_FORM, &form, error) ||
      !sp_json_get_enum (input, "given_by", TRUE, SP_TYPE_CONSENT_GIVER, &given_by, error) ||
      !sp_json_get_string (input, "giver_name", FALSE, MAX_NAME, &giver_name, error) ||
      !sp_json_get_bool (input, "child_asked", FALSE, &child_asked, error))
    return NULL;

  /* A guardian or representative is named; the patient is named by the registry. */
  if (given_by != SP_CONSENT_GIVER_PATIENT && (giver_name == NULL || *giver_name == '\0'))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "giver_name: required unless the patient gave the consent");
      return NULL;
    }

  consent = sp_consent_new (SP_CONSENT_KIND_SVU_EXCHANGE, form, given_by, giver_name,
                            sp_user_get_name (user), sp_user_get_title (user),
                            sp_api_unit_id (request), now);
  sp_consent_set_child_asked (consent, child_asked);
  return consent;
}

/* A message outside an episode cannot be sent without consent recorded (DOMAIN §4): given
 * in the request, or in force in the patient's latest episode. A child's own consent does
 * not count. */
static gboolean
check_consent (SpServer    *server,
               SpRequest   *request,
               JsonObject  *body,
               SpPatient   *patient,
               SpMessage   *message,
               GDateTime   *now,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpConsentSet) consents = NULL;
  JsonObject *input = sp_json_get_object (body, "consent", FALSE, &local_error);
  JsonObject *details;
  SpConsent *consent;
  GDate today;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (input != NULL)
    {
      g_autoptr(SpConsent) given = read_request_consent (request, input, now, error);

      if (given == NULL)
        {
          g_prefix_error (error, "consent.");
          return FALSE;
        }
      consents = sp_consent_set_new ();
      sp_consent_set_add (consents, given);
    }
  else
    {
      consents = get_latest_episode_consents (sp_server_get_store (server),
                                              message->patient_id, error);
      if (consents == NULL && error != NULL && *error != NULL)
        return FALSE;
    }

  sp_calendar_get_local_date (now, &today);
  if (consents == NULL ||
      !sp_consent_set_is_given (consents, SP_CONSENT_KIND_SVU_EXCHANGE, now,
                                sp_patient_needs_guardian_consent (patient, &today)))
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_CONSENT_REQUIRED,
                           "consent: no consent to share information is recorded");
      return FALSE;
    }

  consent = sp_consent_set_get_latest (consents, SP_CONSENT_KIND_SVU_EXCHANGE, now);
  details = json_object_new ();
  json_object_set_string_member (details, "consent_source", input != NULL ? "request"
                                                                          : "episode");
  json_object_set_member (details, "consent", sp_consent_to_json (consent));
  message->details = sp_json_node_new_object (details);
  return TRUE;
}

/* Vårdbegäran (DOMAIN §5 step 0, VGR): from öppenvård or kommun to a ward, with the fields
 * the ward needs before admission. */
static gboolean
check_care_request (SpServer    *server,
                    SpRequest   *request,
                    JsonObject  *body,
                    SpUnit      *recipient,
                    SpMessage   *message,
                    GError     **error)
{
  const char * const optional[] = { "contact_details", "actions_taken", "medication_handling",
                                    "self_care", "functional_status", "housing",
                                    "ongoing_interventions", NULL };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *reason = NULL;
  SpUnitKind kind = sp_api_unit_kind (request);
  JsonObject *input;

  if (!sp_server_get_profile (server)->care_request_enabled)
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_NOT_IN_REGION,
                           "kind: care requests belong to the VGR profile");
      return FALSE;
    }

  if (kind != SP_UNIT_KIND_OUTPATIENT && kind != SP_UNIT_KIND_MUNICIPAL_HEALTH &&
      kind != SP_UNIT_KIND_SOCIAL_SERVICES)
    {
      g_set_error_literal (error, SP_MESSAGE_ERROR, SP_MESSAGE_ERROR_NOT_PERMITTED,
                           "kind: care requests come from outpatient or municipal units");
      return FALSE;
    }

  if (sp_unit_get_kind (recipient) != SP_UNIT_KIND_INPATIENT)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "to: a care request goes to an inpatient unit");
      return FALSE;
    }

  if ((input = sp_json_get_object (body, "care_request", TRUE, error)) == NULL)
    return FALSE;
  if (!sp_json_get_string (input, "reason", TRUE, SP_JSON_MAX_TEXT, &reason, error) ||
      !copy_texts (input, details, optional, error))
    {
      g_prefix_error (error, "care_request.");
      return FALSE;
    }

  json_object_set_string_member (details, "reason", reason);
  message->details = sp_json_node_new_object (g_steal_pointer (&details));
  return TRUE;
}

static void
create_outside_message (gpointer   server,
                        SpRequest *request)
{
  const guint kinds = 1u << SP_MESSAGE_KIND_OUTSIDE | 1u << SP_MESSAGE_KIND_CARE_REQUEST;
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpMessage) message = NULL;
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(SpUnit) recipient = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  JsonObject *body;
  gboolean send = FALSE;

  if ((body = sp_request_get_object (request, &error)) == NULL ||
      (message = read_new_message (request, body, kinds, now, &error)) == NULL ||
      !sp_json_get_string (body, "patient_id", TRUE, MAX_NAME, &message->patient_id, &error) ||
      !sp_json_get_string (body, "to", TRUE, MAX_NAME, &message->to, &error) ||
      !sp_json_get_bool (body, "send", FALSE, &send, &error) ||
      (patient = load_patient (store, message->patient_id, &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  recipient = sp_session_load_unit (store, message->to, NULL);
  if (recipient == NULL || strcmp (message->to, message->from_unit_id) == 0)
    {
      sp_request_fail (request, g_error_new_literal (SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                                                     "to: not another unit"));
      return;
    }

  g_ptr_array_add (one, message->to);
  sp_message_set_recipients (message, one);

  if (!(message->kind == SP_MESSAGE_KIND_CARE_REQUEST
          ? check_care_request (server, request, body, recipient, message, &error)
          : check_consent (server, request, body, patient, message, now, &error)) ||
      (send && !sp_message_send (message, sp_api_unit_id (request), now, &error)))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  save_and_respond (server, request, message, NULL, 0, "create", now);
}

/* Loads the message named by the request's path, with its record's revision. */
static SpMessage *
load_from_path (SpServer   *server,
                 SpRequest  *request,
                 SpEpisode **out_episode,
                 gint64     *out_revision,
                 GError    **error)
{
  g_autoptr(SpRecord) record = sp_store_get (sp_server_get_store (server), "message",
                                             sp_request_get_param (request, "id"), error);

  if (record == NULL)
    return NULL;

  *out_revision = sp_record_get_revision (record);
  return load_message (server, request, record, out_episode, error);
}

static void
send_message (gpointer   server,
              SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpMessage) message = NULL;
  gint64 revision = 0;

  if ((message = load_from_path (server, request, &episode, &revision, &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  /* "To all" reaches the parties of the episode as it is when the message goes out. */
  if (episode != NULL && g_strcmp0 (message->to, SP_MESSAGE_TO_ALL) == 0)
    {
      g_autoptr(GPtrArray) parties = other_parties (episode, message->from_unit_id);

      sp_message_set_recipients (message, parties);
    }

  if (!sp_message_send (message, sp_api_unit_id (request), now, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  save_and_respond (server, request, message, episode, revision, "send", now);
}

static void
acknowledge_message (gpointer   server,
                     SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpMessage) message = NULL;
  gint64 revision = 0;

  if ((message = load_from_path (server, request, &episode, &revision, &error)) == NULL ||
      !sp_message_acknowledge (message, sp_api_unit_id (request), sp_api_user_name (request),
                               now, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  save_and_respond (server, request, message, episode, revision, "acknowledge", now);
}

/* ---- Reading: one message, the thread, the inbox ---- */

static void
get_message (gpointer   server,
             SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpMessage) message = NULL;
  g_autoptr(JsonObject) rendered = NULL;
  gint64 revision = 0;

  if ((message = load_from_path (server, request, &episode, &revision, &error)) == NULL ||
      !sp_audit_log (sp_server_get_store (server), request, now, "read", message->patient_id,
                     "message", message->id, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  rendered = message_to_api_json (server, request, message, episode, revision, now);
  sp_request_respond_object (request, 200, rendered);
}

/* One entry of a thread or an inbox, ordered by @at. */
typedef struct
{
  GDateTime  *at;
  char       *patient_id;
  JsonObject *object;
} Item;

static void
item_free (Item *item)
{
  g_date_time_unref (item->at);
  g_free (item->patient_id);
  json_object_unref (item->object);
  g_free (item);
}

static void
add_item (GPtrArray  *items,
          GDateTime  *at,
          const char *patient_id,
          JsonObject *object)
{
  Item *item = g_new0 (Item, 1);

  item->at = g_date_time_ref (at);
  item->patient_id = g_strdup (patient_id);
  item->object = object;
  g_ptr_array_add (items, item);
}

static int
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  return g_date_time_compare ((*(Item **) a)->at, (*(Item **) b)->at);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -compare_oldest_first (a, b);
}

/* Answers {"items", "offset", "limit", "total"} with one page of the sorted @items, and
 * logs one "list" entry per patient shown. */
static void
respond_page (SpServer   *server,
              SpRequest  *request,
              GPtrArray  *items,
              GDateTime  *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) logged = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) result = json_object_new ();
  JsonArray *array = json_array_new ();
  guint offset = 0, limit = 0;

  if (!sp_api_get_paging (request, &offset, &limit, &error))
    {
      json_array_unref (array);
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  for (guint i = offset; i < items->len && i < (guint64) offset + limit; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      json_array_add_object_element (array, json_object_ref (item->object));
      if (item->patient_id == NULL || !g_hash_table_add (logged, item->patient_id))
        continue;
      if (!sp_audit_log (sp_server_get_store (server), request, now, "list", item->patient_id,
                         "message", NULL, &error))
        {
          json_array_unref (array);
          sp_request_fail (request, g_steal_pointer (&error));
          return;
        }
    }

  json_object_set_array_member (result, "items", array);
  json_object_set_int_member (result, "offset", offset);
  json_object_set_int_member (result, "limit", limit);
  json_object_set_int_member (result, "total", items->len);
  sp_request_respond_object (request, 200, result);
}

/* An entry of the episode's event log, shown read-only in the thread: the admission, ready
 * and discharge notices and every other transition. */
static JsonObject *
event_to_json (SpServer             *server,
               SpRequest            *request,
               SpEpisode            *episode,
               const SpEpisodeEvent *event,
               GDateTime            *now)
{
  JsonObject *object = json_object_new ();
  gboolean may_see_detail;

  may_see_detail = sp_access_may_see_field (sp_server_get_profile (server), episode,
                                            sp_api_unit_id (request),
                                            sp_api_unit_kind (request),
                                            SP_EPISODE_FIELD_MESSAGES, event->unit_id, now);

  json_object_set_string_member (object, "type", "event");
  sp_json_set_enum (object, "kind", SP_TYPE_EPISODE_ACTION, event->kind);
  sp_json_set_datetime (object, "at", event->at);
  sp_json_set_string (object, "unit_id", event->unit_id);
  sp_json_set_string (object, "user_name", event->user_name);
  sp_json_set_string (object, "detail", may_see_detail ? event->detail : NULL);
  json_object_set_boolean_member (object, "read_only", TRUE);

  return object;
}

static void
list_thread (gpointer   server,
             SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autofree char *term = NULL;
  GPtrArray *events;

  if ((episode = sp_api_load_episode (server, request, sp_request_get_param (request, "id"),
                                      &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  term = g_strconcat ("episode:", sp_episode_get_id (episode), NULL);
  records = sp_store_list (sp_server_get_store (server), "message", term, 0, MAX_LISTED,
                           &error);
  if (records == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  events = sp_episode_get_events (episode);
  for (guint i = 0; i < events->len; i++)
    {
      const SpEpisodeEvent *event = g_ptr_array_index (events, i);

      add_item (items, event->at, sp_episode_get_patient_id (episode),
                event_to_json (server, request, episode, event, now));
    }

  for (guint i = 0; i < records->len; i++)
    {
      SpRecord *record = g_ptr_array_index (records, i);
      g_autoptr(JsonNode) node = sp_api_record_to_json (record, NULL);
      g_autoptr(SpMessage) message = node != NULL ? sp_message_new_from_json (node, NULL)
                                                  : NULL;

      if (message != NULL && may_see_message (message, episode, sp_api_unit_id (request)))
        add_item (items, message->created_at, message->patient_id,
                  message_to_api_json (server, request, message, episode,
                                       sp_record_get_revision (record), now));
    }

  /* Stable, and the log comes first: a notice precedes a message of the same second. */
  g_ptr_array_sort (items, compare_oldest_first);
  respond_page (server, request, items, now);
}

/* The fields every inbox entry has besides its own: the patient as the caller may see them
 * (the patients endpoint's rendering) and how long it has waited. */
static void
add_inbox_item (GPtrArray  *items,
                SpServer   *server,
                SpRequest  *request,
                JsonObject *object,
                const char *patient_id,
                GDateTime  *sent_at,
                GDateTime  *now)
{
  g_autoptr(SpRecord) record = sp_store_get (sp_server_get_store (server), "patient",
                                             patient_id, NULL);
  JsonNode *patient = record != NULL ? sp_api_render_patient (server, request, record) : NULL;

  json_object_set_member (object, "patient",
                          patient != NULL ? patient : json_node_init_null (json_node_alloc ()));
  json_object_set_int_member (object, "age_seconds",
                              g_date_time_difference (now, sent_at) / G_TIME_SPAN_SECOND);
  add_item (items, sent_at, patient_id, object);
}

/* Sent messages the caller's unit has not acknowledged: one term lookup. */
static gboolean
add_inbox_messages (SpServer   *server,
                    SpRequest  *request,
                    GPtrArray  *items,
                    GDateTime  *now,
                    GError    **error)
{
  g_autofree char *term = g_strconcat ("unacked:", sp_api_unit_id (request), NULL);
  g_autoptr(GPtrArray) records = sp_store_list (sp_server_get_store (server), "message", term,
                                                0, MAX_LISTED, error);

  if (records == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      SpRecord *record = g_ptr_array_index (records, i);
      g_autoptr(SpEpisode) episode = NULL;
      g_autoptr(SpMessage) message = load_message (server, request, record, &episode, NULL);

      if (message == NULL)
        continue;

      add_inbox_item (items, server, request,
                      message_to_api_json (server, request, message, episode,
                                           sp_record_get_revision (record), now),
                      message->patient_id, message->sent_at, now);
    }

  return TRUE;
}

static void
add_notice_item (GPtrArray  *items,
                 SpServer   *server,
                 SpRequest  *request,
                 SpEpisode  *episode,
                 const char *type,
                 GDateTime  *sent_at,
                 GDateTime  *now)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "id", sp_episode_get_id (episode));
  json_object_set_string_member (object, "episode_id", sp_episode_get_id (episode));
  json_object_set_string_member (object, "patient_id", sp_episode_get_patient_id (episode));
  json_object_set_string_member (object, "from_unit_id", sp_episode_get_ward_unit_id (episode));
  sp_json_set_datetime (object, "sent_at", sent_at);
  add_inbox_item (items, server, request, object, sp_episode_get_patient_id (episode), sent_at,
                  now);
}

/* Admission and ready notices the caller's unit must still acknowledge, as the episode's
 * own rule (sp_episode_can) says. */
static gboolean
add_inbox_notices (SpServer   *server,
                   SpRequest  *request,
                   GPtrArray  *items,
                   GDateTime  *now,
                   GError    **error)
{
  const char *unit_id = sp_api_unit_id (request);
  SpUnitKind kind = sp_api_unit_kind (request);
  g_autofree char *term = g_strconcat ("unit:", unit_id, NULL);
  g_autoptr(GPtrArray) records = sp_store_list (sp_server_get_store (server), "episode", term,
                                                0, MAX_LISTED, error);

  if (records == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(JsonNode) node = sp_api_record_to_json (g_ptr_array_index (records, i), NULL);
      g_autoptr(SpEpisode) episode = node != NULL ? sp_episode_new_from_json (node, NULL)
                                                  : NULL;

      if (episode == NULL)
        continue;

      if (sp_episode_can (episode, SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE, unit_id,
                          kind, NULL))
        add_notice_item (items, server, request, episode, "admission_notice",
                         get_notice_sent_at (episode), now);
      if (sp_episode_can (episode, SP_EPISODE_ACTION_ACKNOWLEDGE_READY, unit_id, kind, NULL))
        add_notice_item (items, server, request, episode, "ready_notice",
                         sp_episode_get_ready_at (episode), now);
    }

  return TRUE;
}

static void
list_inbox (gpointer   server,
            SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  if (!add_inbox_messages (server, request, items, now, &error) ||
      !add_inbox_notices (server, request, items, now, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_sort (items, compare_newest_first);
  respond_page (server, request, items, now);
}
