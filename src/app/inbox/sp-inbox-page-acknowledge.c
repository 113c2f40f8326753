/* sp-inbox-page-acknowledge.c — Kvittera: acknowledging one item or the selection
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message is acknowledged at its acknowledge endpoint; a notice through the episode's
 * acknowledgements, at the episode's current revision (read first; offline, the overview's).
 * Both go through the outbox. The row goes once the server has it; while the outbox keeps
 * it (offline) the row stays, marked "Väntar på att skickas" instead of its button, and goes
 * when the outbox reports it applied (sp-inbox-page.c). The last of a batch reports the first
 * refusal and asks the sync engine for a round.
 */

#define G_LOG_DOMAIN "sp-inbox-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-episode-summary.h"
#include "sp-inbox-item.h"
#include "sp-inbox-page-private.h"
#include "sp-json.h"

/* (transfer none) (nullable): the row's item of @key. */
SpInboxItem *
sp_inbox_page_find_item (SpInboxPage *self,
                         const char  *key,
                         guint       *out_position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(SpInboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_str_equal (sp_inbox_item_get_key (item), key))
        {
          if (out_position != NULL)
            *out_position = i;
          return item;
        }
    }

  return NULL;
}

typedef struct
{
  SpInboxPage *self;
  char        *key;
  char        *id;      /* the message's, or the notice's episode's */
  const char  *notice;  /* static: "admission", "ready" or NULL */
} AckData;

static void
ack_data_free (AckData *data)
{
  g_object_unref (data->self);
  g_free (data->key);
  g_free (data->id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AckData, ack_data_free)

/* One acknowledgement ended: the last of a batch asks for a round (the badge) and reports. */
static void
ack_done (SpInboxPage *self,
          const char  *key,
          GError      *error)
{
  SpSync *sync = sp_account_get_sync (self->account);

  if (error != NULL && self->ack_error == NULL)
    self->ack_error = g_error_copy (error);
  g_hash_table_remove (self->acknowledging, key);
  if (g_hash_table_size (self->acknowledging) > 0)
    return;

  if (self->ack_error != NULL)
    {
      sp_inbox_page_toast (self, self->ack_error->message);
      g_clear_error (&self->ack_error);
      /* The server knows better what is left. */
      sp_inbox_page_load (self);
    }
  if (sync != NULL)
    sp_sync_refresh (sync);
  sp_inbox_page_update_view (self);
}

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AckData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  SpOutboxOutcome outcome = SP_OUTBOX_OUTCOME_APPLIED;
  guint position;

  answer = sp_outbox_submit_finish (SP_OUTBOX (object), result, &outcome, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error == NULL && outcome == SP_OUTBOX_OUTCOME_QUEUED)
    {
      /* Stays, marked, until the outbox has sent it. */
      g_hash_table_add (data->self->queued, g_strdup (data->key));
      sp_inbox_page_toast (data->self, _("Saved; it will be sent when the connection is back."));
    }
  else if (error == NULL &&
           sp_inbox_page_find_item (data->self, data->key, &position) != NULL)
    g_list_store_remove (data->self->store, position);

  ack_done (data->self, data->key, error);
}

static void
submit (AckData    *data,
        const char *path,
        JsonNode   *body,
        const char *record_id)
{
  SpInboxPage *self = data->self;

  sp_outbox_submit_async (sp_account_get_outbox (self->account), "POST", path, body, record_id,
                          self->cancellable, submit_cb, data);
}

/* The overview's revision of @episode_id, for acknowledging without a connection. */
static gint64
cached_revision (SpInboxPage *self,
                 const char  *episode_id)
{
  SpSync *sync = sp_account_get_sync (self->account);
  GListModel *model = sync != NULL ? sp_sync_get_model (sync) : NULL;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);

      if (SP_IS_EPISODE_SUMMARY (row) &&
          g_strcmp0 (sp_episode_summary_get_id (SP_EPISODE_SUMMARY (row)), episode_id) == 0)
        return sp_episode_summary_get_revision (SP_EPISODE_SUMMARY (row));
    }

  return 0;
}

static void
submit_notice (AckData *data,
               gint64   revision)
{
  JsonObject *object = json_object_new ();
  g_autoptr(JsonNode) body = sp_json_node_new_object (object);
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", data->id, "/acknowledgements",
                                       NULL);

  json_object_set_int_member (object, "base_revision", revision);
  json_object_set_string_member (object, "notice", data->notice);
  submit (data, path, body, data->id);
}

static void
episode_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AckData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) episode = sp_client_send_finish (SP_CLIENT (object), result, &error);
  gint64 revision = 0;
  JsonObject *current;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      ack_data_free (data);
      return;
    }

  if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE))
    revision = cached_revision (data->self, data->id);
  else if (episode == NULL ||
           (current = sp_json_node_get_object (episode, "$", &error)) == NULL ||
           !sp_json_get_int (current, "revision", TRUE, 0, G_MAXINT64, &revision, &error))
    {
      ack_done (data->self, data->key, error);
      ack_data_free (data);
      return;
    }

  submit_notice (data, revision);
}

static void
acknowledge (SpInboxPage *self,
             SpInboxItem *item)
{
  const char *key = sp_inbox_item_get_key (item);
  AckData *data;

  /* Pressed twice while on its way (or kept to be sent): once is enough. */
  if (g_hash_table_contains (self->acknowledging, key) ||
      sp_inbox_page_get_mark (self, item) != SP_OUTBOX_MARK_NONE)
    return;

  g_hash_table_add (self->acknowledging, g_strdup (key));
  data = g_new0 (AckData, 1);
  data->self = g_object_ref (self);
  data->key = g_strdup (key);
  data->id = g_strdup (sp_inbox_item_get_id (item));
  data->notice = sp_inbox_item_get_notice (item);

  if (data->notice == NULL)
    {
      g_autofree char *path = g_strconcat ("/api/v1/messages/", data->id,
                                           "/acknowledge", NULL);
      g_autoptr(JsonNode) body = sp_json_node_new_object (json_object_new ());

      submit (data, path, body, data->id);
    }
  else
    {
      /* An acknowledgement states the episode's revision; the overview's may be older than
       * another unit's acknowledgement, so ask for the current one. */
      g_autofree char *path = g_strconcat ("/api/v1/episodes/", data->id, NULL);

      sp_client_send_async (sp_account_get_client (self->account), "GET", path, NULL, NULL,
                            NULL, self->cancellable, episode_cb, data);
    }
}

static gboolean
is_acknowledgement_of (JsonNode    *command,
                       SpInboxItem *item)
{
  JsonObject *object = json_node_get_object (command);
  JsonObject *body = json_object_get_object_member (object, "body");

  return g_strcmp0 (json_object_get_string_member_with_default (object, "record_id", NULL),
                    sp_inbox_item_get_id (item)) == 0 &&
         g_str_has_suffix (json_object_get_string_member_with_default (object, "path", ""),
                           "/acknowledgements") &&
         body != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (body, "notice", NULL),
                    sp_inbox_item_get_notice (item)) == 0;
}

/**
 * sp_inbox_page_get_mark:
 *
 * Whether the outbox keeps @item's acknowledgement (or holds it, refused): a message's by
 * its id; a notice's among the commands on its episode, by the notice it names. A lookup
 * for every row; the commands are read only for an episode that has any.
 *
 * Returns: what the row shows instead of its button
 */
SpOutboxMark
sp_inbox_page_get_mark (SpInboxPage *self,
                        SpInboxItem *item)
{
  SpOutbox *outbox = sp_account_get_outbox (self->account);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) held = NULL;
  const char *id = sp_inbox_item_get_id (item);

  if (outbox == NULL)
    return SP_OUTBOX_MARK_NONE;
  if (sp_inbox_item_get_notice (item) == NULL)
    return sp_outbox_get_mark (outbox, id);
  if (sp_outbox_get_mark (outbox, id) == SP_OUTBOX_MARK_NONE)
    return SP_OUTBOX_MARK_NONE;

  held = sp_outbox_dup_held (outbox);
  for (guint i = 0; i < held->len; i++)
    if (is_acknowledgement_of (g_ptr_array_index (held, i), item))
      return SP_OUTBOX_MARK_HELD;
  pending = sp_outbox_dup_pending (outbox, id);
  for (guint i = 0; i < pending->len; i++)
    if (is_acknowledgement_of (g_ptr_array_index (pending, i), item))
      return SP_OUTBOX_MARK_PENDING;
  return SP_OUTBOX_MARK_NONE;
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpInboxPage *self = SP_INBOX_PAGE (widget);
  SpInboxItem *item = sp_inbox_page_find_item (self, g_variant_get_string (parameter, NULL),
                                               NULL);

  if (item != NULL)
    acknowledge (self, item);
}

static void
acknowledge_selected_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  SpInboxPage *self = SP_INBOX_PAGE (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
    GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  /* Collected first: acknowledging may change the model. */
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->store), position));

  for (guint i = 0; i < items->len; i++)
    acknowledge (self, g_ptr_array_index (items, i));
}

void
sp_inbox_page_acknowledge_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "inbox.acknowledge", "s", acknowledge_action);
  gtk_widget_class_install_action (widget_class, "inbox.acknowledge-selected", NULL,
                                   acknowledge_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "inbox.acknowledge-selected", NULL);
}
