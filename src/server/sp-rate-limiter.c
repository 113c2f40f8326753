/* sp-rate-limiter.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sliding window: a key (a user name, or a remote address) with max_failures failed
 * sign-ins inside the last window_seconds is refused until the oldest of them leaves the
 * window. Successful sign-ins reset the user's key, not the address's, so one attacker
 * cannot clear an address by knowing one password.
 */

#define G_LOG_DOMAIN "sp-rate-limiter"

#include "config.h"

#include "sp-rate-limiter.h"

struct _SpRateLimiter
{
  GObject     parent_instance;

  guint       max_failures;
  gint64      window_seconds;
  GHashTable *failures; /* key → GArray of gint64 (times, oldest first) */
};

G_DEFINE_FINAL_TYPE (SpRateLimiter, sp_rate_limiter, G_TYPE_OBJECT)

static void
drop_expired (SpRateLimiter *self,
              GArray        *times,
              gint64         now)
{
  guint expired = 0;

  while (expired < times->len &&
         g_array_index (times, gint64, expired) <= now - self->window_seconds)
    expired++;

  if (expired > 0)
    g_array_remove_range (times, 0, expired);
}

static void
sp_rate_limiter_finalize (GObject *object)
{
  SpRateLimiter *self = SP_RATE_LIMITER (object);

  g_clear_pointer (&self->failures, g_hash_table_unref);

  G_OBJECT_CLASS (sp_rate_limiter_parent_class)->finalize (object);
}

static void
sp_rate_limiter_class_init (SpRateLimiterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_rate_limiter_finalize;
}

static void
sp_rate_limiter_init (SpRateLimiter *self)
{
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_array_unref);
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
 * @retry_after: (out) (optional): seconds until the key may try again
 *
 * Returns: %TRUE if @key may attempt a sign-in at @now (seconds).
 */
gboolean
sp_rate_limiter_check (SpRateLimiter *self,
                       const char    *key,
                       gint64         now,
                       gint64        *retry_after)
{
  GArray *times;

  g_return_val_if_fail (SP_IS_RATE_LIMITER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (retry_after != NULL)
    *retry_after = 0;

  times = g_hash_table_lookup (self->failures, key);
  if (times == NULL)
    return TRUE;

  drop_expired (self, times, now);
  if (times->len < self->max_failures)
    return TRUE;

  if (retry_after != NULL)
    *retry_after = g_array_index (times, gint64, 0) + self->window_seconds - now;

  return FALSE;
}

void
sp_rate_limiter_fail (SpRateLimiter *self,
                      const char    *key,
                      gint64         now)
{
  GArray *times;

  g_return_if_fail (SP_IS_RATE_LIMITER (self));
  g_return_if_fail (key != NULL);

  times = g_hash_table_lookup (self->failures, key);
  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->failures, g_strdup (key), times);
    }

  drop_expired (self, times, now);
  g_array_append_val (times, now);

  /* Keep memory bounded under attack: only the newest max_failures times matter. */
  if (times->len > self->max_failures)
    g_array_remove_range (times, 0, times->len - self->max_failures);
}

void
sp_rate_limiter_reset (SpRateLimiter *self,
                       const char    *key)
{
  g_return_if_fail (SP_IS_RATE_LIMITER (self));

  g_hash_table_remove (self->failures, key);
}
