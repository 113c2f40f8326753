/* sp-rate-limiter.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sliding window: a key (a user name, or a remote address) with max_failures failed
 * sign-ins inside the last window_seconds is refused until the oldest of them leaves the
 * window. Successful sign-ins reset the user's key, not the address's, so one attacker
 * cannot clear an address by knowing one password.
 *
 * The failures live in the store, as private data, so every server instance on one database
 * counts the same ones. Callers run check and fail in one store transaction: every store
 * transaction takes the write lock (sqlite's BEGIN IMMEDIATE, PostgreSQL's advisory lock), so
 * two instances cannot both see room for one more attempt.
 *
 * Keys are stored as their SHA-256 (a password typed into the user name field is not kept
 * readable), spread over 256 private data of kind "rate-limit", one per first byte of the
 * hash and window length. Each write to a bucket drops what has left the window from the
 * whole bucket, and an empty bucket is removed: old entries go without a sweeper, and a
 * bucket stays small however many keys an attack uses.
 */

#define G_LOG_DOMAIN "sp-rate-limiter"

#include "config.h"

#include <string.h>

#include "sp-json.h"
#include "sp-rate-limiter.h"

#define KIND "rate-limit"

struct _SpRateLimiter
{
  GObject parent_instance;

  guint   max_failures;
  gint64  window_seconds;
};

G_DEFINE_FINAL_TYPE (SpRateLimiter, sp_rate_limiter, G_TYPE_OBJECT)

/* One bucket of the store: hash of a key → array of failure times (seconds, oldest first). */
typedef struct
{
  char       *id;
  char       *hash;
  JsonObject *failures;
} Bucket;

static void
bucket_clear (Bucket *bucket)
{
  g_clear_pointer (&bucket->id, g_free);
  g_clear_pointer (&bucket->hash, g_free);
  g_clear_pointer (&bucket->failures, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bucket, bucket_clear)

static gboolean
load_bucket (SpRateLimiter  *self,
             SpStore        *store,
             const char     *key,
             Bucket         *out,
             GError        **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) parse_error = NULL;

  out->hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  out->id = g_strdup_printf ("%" G_GINT64_FORMAT "-%.2s", self->window_seconds, out->hash);

  if (!sp_store_get_private (store, KIND, out->id, &body, error))
    return FALSE;

  if (body != NULL)
    {
      gsize length = 0;
      const char *text = g_bytes_get_data (body, &length);

      node = sp_json_parse (text, length, &parse_error);
      /* Only this file writes the bucket; should it still be unreadable, counting starts over
       * rather than refusing every sign-in that hashes to it. */
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        g_warning ("Rate-limit bucket %s is unreadable; starting it over", out->id);
    }

  out->failures = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                    ? json_object_ref (json_node_get_object (node))
                    : json_object_new ();
  return TRUE;
}

static gboolean
save_bucket (SpStore  *store,
             Bucket   *bucket,
             GError  **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  char *text;

  if (json_object_get_size (bucket->failures) == 0)
    return sp_store_set_private (store, KIND, bucket->id, NULL, error);

  node = sp_json_node_new_object (json_object_ref (bucket->failures));
  text = sp_json_to_string (node, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  return sp_store_set_private (store, KIND, bucket->id, body, error);
}

/* The failures of @hash still inside the window at @now, oldest first. */
static GArray *
live_times (SpRateLimiter *self,
            JsonObject    *failures,
            const char    *hash,
            gint64         now)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonNode *member = json_object_get_member (failures, hash);
  JsonArray *array;

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return times;

  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 t;

      if (json_node_get_value_type (element) != G_TYPE_INT64)
        continue;
      t = json_node_get_int (element);
      if (t > now - self->window_seconds)
        g_array_append_val (times, t);
    }

  return times;
}

static void
set_times (JsonObject *failures,
           const char *hash,
           GArray     *times)
{
  JsonArray *array;

  if (times->len == 0)
    {
      json_object_remove_member (failures, hash);
      return;
    }

  array = json_array_sized_new (times->len);
  for (guint i = 0; i < times->len; i++)
    json_array_add_int_element (array, g_array_index (times, gint64, i));
  json_object_set_array_member (failures, hash, array);
}

/* Drops every failure in the bucket that has left the window, and keys left with none. */
static void
prune (SpRateLimiter *self,
       JsonObject    *failures,
       gint64         now)
{
  g_autoptr(GList) members = json_object_get_members (failures);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);

  /* Copied first: removing a member frees its name. */
  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (hashes, g_strdup (l->data));

  for (guint i = 0; i < hashes->len; i++)
    {
      const char *hash = g_ptr_array_index (hashes, i);
      g_autoptr(GArray) times = live_times (self, failures, hash, now);

      set_times (failures, hash, times);
    }
}

static void
sp_rate_limiter_class_init (SpRateLimiterClass *klass)
{
}

static void
sp_rate_limiter_init (SpRateLimiter *self)
{
}

SpRateLimiter *
sp_rate_limiter_new (guint  max_failures,
                     gint64 window_seconds)
{
  SpRateLimiter *self;

  g_return_val_if_fail (max_failures > 0, NULL);
  g_return_val_if_fail (window_seconds > 0, NULL);

  self = g_object_new (SP_TYPE_RATE_LIMITER, NULL);
  self->max_failures = max_failures;
  self->window_seconds = window_seconds;
  return self;
}

/**
 * sp_rate_limiter_check:
 * @now: the time, in seconds
 * @out_retry_after: (out): 0 if @key may attempt a sign-in at @now, else the seconds until
 *   it may try again
 *
 * Reads only. Run it in the same store transaction as the sp_rate_limiter_fail() that
 * follows, so no other attempt comes between them.
 *
 * Returns: %FALSE if the store could not be read
 */
gboolean
sp_rate_limiter_check (SpRateLimiter  *self,
                       SpStore        *store,
                       const char     *key,
                       gint64          now,
                       gint64         *out_retry_after,
                       GError        **error)
{
  g_auto(Bucket) bucket = { 0 };
  g_autoptr(GArray) times = NULL;

  g_return_val_if_fail (SP_IS_RATE_LIMITER (self), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out_retry_after != NULL, FALSE);

  *out_retry_after = 0;
  if (!load_bucket (self, store, key, &bucket, error))
    return FALSE;

  times = live_times (self, bucket.failures, bucket.hash, now);
  if (times->len >= self->max_failures)
    {
      /* The oldest counted failure leaves the window then; at least a second from now. */
      gint64 oldest = g_array_index (times, gint64, times->len - self->max_failures);

      *out_retry_after = MAX (oldest + self->window_seconds - now, 1);
    }

  return TRUE;
}

/**
 * sp_rate_limiter_fail:
 *
 * Counts a failed attempt of @key at @now.
 */
gboolean
sp_rate_limiter_fail (SpRateLimiter  *self,
                      SpStore        *store,
                      const char     *key,
                      gint64          now,
                      GError        **error)
{
  g_auto(Bucket) bucket = { 0 };
  g_autoptr(GArray) times = NULL;

  g_return_val_if_fail (SP_IS_RATE_LIMITER (self), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!load_bucket (self, store, key, &bucket, error))
    return FALSE;

  prune (self, bucket.failures, now);
  times = live_times (self, bucket.failures, bucket.hash, now);
  g_array_append_val (times, now);
  /* Keep the store bounded under attack: only the newest max_failures times matter. */
  if (times->len > self->max_failures)
    g_array_remove_range (times, 0, times->len - self->max_failures);
  set_times (bucket.failures, bucket.hash, times);

  return save_bucket (store, &bucket, error);
}

/**
 * sp_rate_limiter_forgive:
 *
 * Takes back one failure of @key counted at @now: an attempt counted before it was known
 * to fail (see sp-api-session.c) that then succeeded.
 */
gboolean
sp_rate_limiter_forgive (SpRateLimiter  *self,
                         SpStore        *store,
                         const char     *key,
                         gint64          now,
                         GError        **error)
{
  g_auto(Bucket) bucket = { 0 };
  g_autoptr(GArray) times = NULL;

  g_return_val_if_fail (SP_IS_RATE_LIMITER (self), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!load_bucket (self, store, key, &bucket, error))
    return FALSE;

  prune (self, bucket.failures, now);
  times = live_times (self, bucket.failures, bucket.hash, now);
  for (guint i = times->len; i > 0; i--)
    if (g_array_index (times, gint64, i - 1) == now)
      {
        g_array_remove_index (times, i - 1);
        break;
      }
  set_times (bucket.failures, bucket.hash, times);

  return save_bucket (store, &bucket, error);
}

/**
 * sp_rate_limiter_reset:
 *
 * Forgets every failure of @key (a user who has signed in).
 */
gboolean
sp_rate_limiter_reset (SpRateLimiter  *self,
                       SpStore        *store,
                       const char     *key,
                       gint64          now,
                       GError        **error)
{
  g_auto(Bucket) bucket = { 0 };

  g_return_val_if_fail (SP_IS_RATE_LIMITER (self), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!load_bucket (self, store, key, &bucket, error))
    return FALSE;

  prune (self, bucket.failures, now);
  json_object_remove_member (bucket.failures, bucket.hash);

  return save_bucket (store, &bucket, error);
}
