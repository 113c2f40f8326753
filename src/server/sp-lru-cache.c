/* sp-lru-cache.c — a bounded map from strings to values, least recently used dropped first
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server keeps what it parsed and rendered for the pages every unit looks at again and
 * again, while reads of single episodes wander over the whole region. Dropping the least
 * recently used entry keeps the former warm where starting over would lose them all.
 */

#include "config.h"

#include "sp-lru-cache.h"

typedef struct
{
  char     *key;
  gpointer  value;
} Entry;

struct _SpLruCache
{
  guint           capacity;
  GDestroyNotify  value_free;
  GHashTable     *by_key;   /* key → its GList link in @recent */
  GQueue          recent;   /* Entry, most recently used first */
};

static void
entry_free (SpLruCache *self,
            Entry      *entry)
{
  g_free (entry->key);
  if (self->value_free != NULL)
    self->value_free (entry->value);
  g_free (entry);
}

SpLruCache *
sp_lru_cache_new (guint          capacity,
                  GDestroyNotify value_free)
{
  SpLruCache *self;

  g_return_val_if_fail (capacity > 0, NULL);

  self = g_new0 (SpLruCache, 1);
  self->capacity = capacity;
  self->value_free = value_free;
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->recent);
  return self;
}

void
sp_lru_cache_free (SpLruCache *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->by_key);
  while (!g_queue_is_empty (&self->recent))
    entry_free (self, g_queue_pop_head (&self->recent));
  g_free (self);
}

/**
 * sp_lru_cache_lookup:
 *
 * A hit makes @key the most recently used.
 *
 * Returns: (transfer none) (nullable): the value kept under @key
 */
gpointer
sp_lru_cache_lookup (SpLruCache *self,
                     const char *key)
{
  GList *link = g_hash_table_lookup (self->by_key, key);

  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->recent, link);
  g_queue_push_head_link (&self->recent, link);
  return ((Entry *) link->data)->value;
}

/**
 * sp_lru_cache_insert:
 * @value: (transfer full): replaces what was kept under @key
 */
void
sp_lru_cache_insert (SpLruCache *self,
                     const char *key,
                     gpointer    value)
{
  GList *link = g_hash_table_lookup (self->by_key, key);
  Entry *entry;

  if (link != NULL)
    {
      entry = link->data;
      if (self->value_free != NULL)
        self->value_free (entry->value);
      entry->value = value;
      g_queue_unlink (&self->recent, link);
      g_queue_push_head_link (&self->recent, link);
      return;
    }

  if (self->recent.length >= self->capacity)
    {
      Entry *oldest = g_queue_pop_tail (&self->recent);

      g_hash_table_remove (self->by_key, oldest->key);
      entry_free (self, oldest);
    }

  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->value = value;
  g_queue_push_head (&self->recent, entry);
  g_hash_table_insert (self->by_key, entry->key, self->recent.head);
}

guint
sp_lru_cache_get_size (SpLruCache *self)
{
  return self->recent.length;
}
