/* sp-inbox-local.c — the inbox put together from the local copy, when the server is out of reach
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /inbox lists what the caller's unit must acknowledge: the sent messages that name it
 * and that it has not acknowledged, and the admission and ready notices the episode's own
 * rule (sp_episode_can ()) says it must still acknowledge. The copy holds every message and
 * episode as the server rendered them for this unit, and the core reads an episode back from
 * its rendering (sp_episode_new_from_rendering ()), so the same rule decides here. Entries
 * are the server's shapes, newest first, with the patient as the copy has them.
 */

#define G_LOG_DOMAIN "sp-inbox-page"

#include "config.h"

#include "sp-episode-rendering.h"
#include "sp-inbox-local.h"
#include "sp-json.h"

typedef struct
{
  GDateTime  *at;
  JsonObject *object;
} Entry;

static void
entry_free (Entry *entry)
{
  g_date_time_unref (entry->at);
  json_object_unref (entry->object);
  g_free (entry);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -g_date_time_compare ((*(Entry **) a)->at, (*(Entry **) b)->at);
}

static void
add_entry (GPtrArray  *entries,
           JsonObject *object,
           const char *patient_id,
           GDateTime  *sent_at,
           GHashTable *patients,
           GDateTime  *now)
{
  JsonNode *patient = patient_id != NULL ? g_hash_table_lookup (patients, patient_id) : NULL;
  Entry *entry = g_new0 (Entry, 1);

  json_object_set_member (object, "patient", patient != NULL
                                             ? json_node_copy (patient)
                                             : json_node_init_null (json_node_alloc ()));
  json_object_set_int_member (object, "age_seconds",
                              g_date_time_difference (now, sent_at) / G_TIME_SPAN_SECOND);
  entry->at = g_date_time_ref (sent_at);
  entry->object = object;
  g_ptr_array_add (entries, entry);
}

/* Sent, naming @unit_id, not acknowledged by it. */
static gboolean
awaits (JsonObject *message,
        const char *unit_id)
{
  JsonArray *acks = json_object_has_member (message, "acknowledgements")
                    ? json_object_get_array_member (message, "acknowledgements") : NULL;

  if (g_strcmp0 (json_object_get_string_member_with_default (message, "status", NULL),
                 "sent") != 0)
    return FALSE;

  for (guint i = 0; acks != NULL && i < json_array_get_length (acks); i++)
    {
      JsonObject *ack = json_array_get_object_element (acks, i);

      if (ack != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (ack, "unit_id", NULL),
                     unit_id) == 0)
        return !json_object_get_boolean_member_with_default (ack, "acknowledged", TRUE);
    }

  return FALSE;
}

static void
add_messages (GPtrArray  *entries,
              GPtrArray  *messages,
              GHashTable *patients,
              const char *unit_id,
              GDateTime  *now)
{
  for (guint i = 0; i < messages->len; i++)
    {
      JsonNode *node = g_ptr_array_index (messages, i);
      JsonObject *message = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(GDateTime) sent_at = NULL;

      if (message == NULL || !awaits (message, unit_id) ||
          !sp_json_get_datetime (message, "sent_at", TRUE, &sent_at, NULL))
        continue;

      add_entry (entries, json_node_dup_object (node),
                 json_object_get_string_member_with_default (message, "patient_id", NULL),
                 sent_at, patients, now);
    }
}

static void
add_notice (GPtrArray  *entries,
            SpEpisode  *episode,
            const char *type,
            GDateTime  *sent_at,
            GHashTable *patients,
            GDateTime  *now)
{
  add_entry (entries, sp_episode_notice_to_json (episode, type, sent_at),
             sp_episode_get_patient_id (episode), sent_at, patients, now);
}

static void
add_notices (GPtrArray  *entries,
             GPtrArray  *episodes,
             GHashTable *patients,
             const char *unit_id,
             SpUnitKind  kind,
             GDateTime  *now)
{
  for (guint i = 0; i < episodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (episodes, i);
      g_autoptr(SpEpisode) episode = NULL;
      g_autoptr(GError) error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (episode = sp_episode_new_from_rendering (json_node_get_object (node),
                                                    &error)) == NULL)
        {
          g_debug ("Offline inbox: an episode left out: %s", error != NULL ? error->message : "");
          continue;
        }

      if (sp_episode_can (episode, SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE, unit_id,
                          kind, NULL))
        add_notice (entries, episode, "admission_notice",
                    sp_episode_get_current_notice_sent_at (episode), patients, now);
      if (sp_episode_can (episode, SP_EPISODE_ACTION_ACKNOWLEDGE_READY, unit_id, kind, NULL))
        add_notice (entries, episode, "ready_notice", sp_episode_get_ready_at (episode),
                    patients, now);
    }
}

/**
 * sp_inbox_local_items:
 * @episodes: (element-type JsonNode): the copy's episodes
 * @messages: (element-type JsonNode): the copy's messages
 * @patients: (element-type JsonNode): the copy's patients
 * @unit_id: the signed-in unit
 * @kind: its kind
 * @now: the time the ages are counted to
 *
 * Returns: (transfer full) (element-type JsonNode): the entries GET /inbox would list,
 *   newest first
 */
GPtrArray *
sp_inbox_local_items (GPtrArray  *episodes,
                      GPtrArray  *messages,
                      GPtrArray  *patients,
                      const char *unit_id,
                      SpUnitKind  kind,
                      GDateTime  *now)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; i < patients->len; i++)
    {
      JsonNode *node = g_ptr_array_index (patients, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node)
                       ? json_object_get_string_member_with_default (json_node_get_object (node),
                                                                     "id", NULL)
                       : NULL;

      if (id != NULL)
        g_hash_table_insert (by_id, (gpointer) id, node);
    }

  add_messages (entries, messages, by_id, unit_id, now);
  add_notices (entries, episodes, by_id, unit_id, kind, now);
  g_ptr_array_sort (entries, compare_newest_first);

  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (items, sp_json_node_new_object (
                              json_object_ref (((Entry *) g_ptr_array_index (entries,
                                                                              i))->object)));
  return items;
}

/* ---- Reading the copy ---- */

typedef struct
{
  GPtrArray  *episodes;
  GPtrArray  *messages;
  GPtrArray  *patients;
  char       *unit_id;
  SpUnitKind  kind;
  GDateTime  *now;
} Load;

static void
load_free (Load *load)
{
  g_clear_pointer (&load->episodes, g_ptr_array_unref);
  g_clear_pointer (&load->messages, g_ptr_array_unref);
  g_clear_pointer (&load->patients, g_ptr_array_unref);
  g_free (load->unit_id);
  g_clear_pointer (&load->now, g_date_time_unref);
  g_free (load);
}

/* Thousands of episodes are read back from their renderings: not on the UI thread. */
static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;

  g_task_return_pointer (task,
                         sp_inbox_local_items (load->episodes, load->messages, load->patients,
                                               load->unit_id, load->kind, load->now),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
records_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = sp_cache_load_records_finish (SP_CACHE (object), result,
                                                               &error);

  if (records == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (load->episodes == NULL || load->messages == NULL)
    {
      if (load->episodes == NULL)
        load->episodes = g_steal_pointer (&records);
      else
        load->messages = g_steal_pointer (&records);
      sp_cache_load_records_async (SP_CACHE (object),
                                   load->messages == NULL ? "message" : "patient", NULL,
                                   g_task_get_cancellable (task), records_cb,
                                   g_object_ref (task));
      return;
    }

  load->patients = g_steal_pointer (&records);
  g_task_run_in_thread (task, list_thread);
}

/**
 * sp_inbox_local_load_async:
 *
 * Reads the copy's episodes, messages and patients and lists what GET /inbox would.
 */
void
sp_inbox_local_load_async (SpAccount           *account,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (account, cancellable, callback, user_data);
  SpCache *cache = sp_account_get_cache (account);
  Load *load = g_new0 (Load, 1);

  load->unit_id = g_strdup (sp_account_get_unit_id (account));
  load->kind = sp_account_get_unit_kind (account);
  load->now = sp_account_dup_now (account);
  g_task_set_source_tag (task, sp_inbox_local_load_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  if (cache == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No local copy");
      return;
    }
  sp_cache_load_records_async (cache, "episode", NULL, cancellable, records_cb,
                               g_steal_pointer (&task));
}

/**
 * sp_inbox_local_load_finish:
 *
 * Returns: (transfer full) (element-type JsonNode): the entries, newest first; %NULL with
 *   @error
 */
GPtrArray *
sp_inbox_local_load_finish (SpAccount     *account,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, account), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
