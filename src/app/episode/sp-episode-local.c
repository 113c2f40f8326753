/* sp-episode-local.c — the episode page from the local copy, when the server is out of reach
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The changes feed gives the episode as GET /episodes/:id renders it for this unit, and each
 * message as the thread renders it, so offline the page reads the same objects from the copy.
 * Only the thread is put together here: the episode's events (rendered for this unit, with
 * what it may see of them) and its messages, oldest first, a notice before a message of the
 * same second, as the server orders them. Nothing is decided here that the server decides:
 * no rule is evaluated again, the copy holds what the server let this unit see.
 */

#define G_LOG_DOMAIN "sp-episode-page"

#include "config.h"

#include "sp-episode-local.h"
#include "sp-json.h"

typedef struct
{
  GDateTime  *at;
  guint       index;   /* events first, then messages, each in the copy's order */
  JsonObject *object;
} Entry;

static void
entry_free (Entry *entry)
{
  g_clear_pointer (&entry->at, g_date_time_unref);
  g_clear_pointer (&entry->object, json_object_unref);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(Entry **) a;
  const Entry *y = *(Entry **) b;
  int by_time = g_date_time_compare (x->at, y->at);

  return by_time != 0 ? by_time : (x->index > y->index) - (x->index < y->index);
}

static void
add_entry (GPtrArray  *entries,
           JsonObject *object,
           const char *time_member)
{
  const char *text = json_object_get_string_member_with_default (object, time_member, NULL);
  GDateTime *at = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  Entry *entry;

  /* The server wrote it; an entry without a time is one this version cannot place. */
  if (at == NULL)
    {
      g_message ("Left out of the offline thread: no %s", time_member);
      return;
    }

  entry = g_new0 (Entry, 1);
  entry->at = at;
  entry->index = entries->len;
  entry->object = object;
  g_ptr_array_add (entries, entry);
}

/**
 * sp_episode_local_thread:
 * @rendering: the episode as the copy holds it (GET /episodes/:id)
 * @messages: (element-type JsonNode): the episode's messages in the copy
 *
 * Returns: (transfer full): {"items": […]} as GET /episodes/:id/messages answers it
 */
JsonNode *
sp_episode_local_thread (JsonObject *rendering,
                         GPtrArray  *messages)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  JsonArray *events = json_object_get_array_member (rendering, "events");
  JsonObject *page = json_object_new ();
  JsonArray *items = json_array_new ();

  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonNode *element = json_array_get_element (events, i);
      g_autoptr(JsonNode) copy = NULL;
      JsonObject *event;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      copy = json_node_copy (element);
      event = json_object_ref (json_node_get_object (copy));
      json_object_set_string_member (event, "type", "event");
      json_object_set_boolean_member (event, "read_only", TRUE);
      add_entry (entries, event, "at");
    }

  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      JsonNode *node = g_ptr_array_index (messages, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_entry (entries, json_object_ref (json_node_get_object (node)), "created_at");
    }

  g_ptr_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    json_array_add_object_element (items,
                                   json_object_ref (((Entry *) g_ptr_array_index (entries,
                                                                                   i))->object));
  json_object_set_array_member (page, "items", items);
  return sp_json_node_new_object (page);
}
