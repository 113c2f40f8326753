/* sp-api-messages.c — messages inside and outside episodes, the thread and the inbox (DOMAIN §5)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every message is saved (Spara: visible to its parties, nobody notified) and may be sent
 * (SparaSänd: each recipient is notified in its inbox and acknowledges). The record and its
 * index terms are sp-message's. This file holds the route table, who sees a message and how
 * it is rendered, saving, sending and acknowledging, and the reading endpoints; what each
 * kind of new message reads is in sp-api-messages-create.c.
 */

#define G_LOG_DOMAIN "sp-api-messages"

#include "config.h"

#include <string.h>

#include "sp-access.h"
#include "sp-api.h"
#include "sp-api-messages-private.h"
#include "sp-audit.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-server-error.h"

#define RESTRICTED_REASON \
  "Patientens samtycke saknas. Meddelandets innehåll delas inte med andra huvudmän."
#define ADMIN_NOTICE \
  "Administrativt meddelande: det får inte innehålla medicinsk information."

static void get_message (gpointer server, SpRequest *request);
static void list_thread (gpointer server, SpRequest *request);
static void list_inbox (gpointer server, SpRequest *request);
static void send_message (gpointer server, SpRequest *request);
static void acknowledge_message (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "GET",  "/api/v1/episodes/:id/messages",    list_thread,                       0 },
  { "POST", "/api/v1/episodes/:id/messages",    sp_api_messages_create_in_episode, SP_ROUTE_WRITE },
  { "POST", "/api/v1/messages",                 sp_api_messages_create_outside,    SP_ROUTE_WRITE },
  { "GET",  "/api/v1/messages/:id",             get_message,                       0 },
  { "POST", "/api/v1/messages/:id/send",        send_message,                      SP_ROUTE_WRITE },
  { "POST", "/api/v1/messages/:id/acknowledge", acknowledge_message,               SP_ROUTE_WRITE },
  { "GET",  "/api/v1/inbox",                    list_inbox,                        0 },
};

const SpRoute *
sp_api_message_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* Every party of the episode but @unit_id: whom a message "to all" reaches. */
GPtrArray *
sp_api_messages_other_parties (SpEpisode  *episode,
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
 * like an episode outside the addressing, a message to another unit does not exist. A
 * @shared episode is only read (sp_api_load_episode_shared()). */
static SpMessage *
load_message (SpServer   *server,
              SpRequest  *request,
              SpRecord   *record,
              gboolean    shared,
              SpEpisode  *known,
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
       (episode = shared ? sp_api_use_episode_shared (server, request, message->episode_id,
                                                       known, error)
                         : sp_api_load_episode (server, request, message->episode_id,
                                                error)) == NULL))
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
  return sp_api_render_message_of (server, request, record, NULL);
}

/**
 * sp_api_render_message_of:
 * @episode: (nullable): the message's episode as the caller has read it (only read)
 *
 * Returns: (transfer full) (nullable): as sp_api_render_message()
 */
JsonNode *
sp_api_render_message_of (SpServer  *server,
                          SpRequest *request,
                          SpRecord  *record,
                          SpEpisode *known)
{
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpMessage) message = load_message (server, request, record, TRUE, known, &episode,
                                               NULL);
  g_autoptr(GDateTime) now = sp_server_get_now (server);

  if (message == NULL)
    return NULL;

  return sp_json_node_new_object (message_to_api_json (server, request, message, episode,
                                                       sp_record_get_revision (record), now));
}

/* ---- Writing: saving, sending, acknowledging ---- */

/* Stores @message, logs @action and answers with the message as the caller sees it. */
void
sp_api_messages_save_and_respond (SpServer   *server,
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
  return load_message (server, request, record, FALSE, NULL, out_episode, error);
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
      g_autoptr(GPtrArray) parties = sp_api_messages_other_parties (episode, message->from_unit_id);

      sp_message_set_recipients (message, parties);
    }

  if (!sp_message_send (message, sp_api_unit_id (request), now, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  sp_api_messages_save_and_respond (server, request, message, episode, revision, "send", now);
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

  sp_api_messages_save_and_respond (server, request, message, episode, revision, "acknowledge",
                                    now);
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
      g_autoptr(SpMessage) message = load_message (server, request, record, TRUE, NULL, &episode,
                                                   NULL);

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
  add_inbox_item (items, server, request, sp_episode_notice_to_json (episode, type, sent_at),
                  sp_episode_get_patient_id (episode), sent_at, now);
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
                         sp_episode_get_current_notice_sent_at (episode), now);
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
