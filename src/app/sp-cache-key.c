/* sp-cache-key.c — the key that seals the local copy, kept in the desktop keyring
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One random key per server and user, made the first time it is needed and kept in the
 * Secret Service beside the sign-in token (sp-token-store.c has the same pattern). Whoever
 * copies the cache file off the laptop gets sealed bytes; whoever gets the unlocked session
 * gets the app anyway.
 */

#define G_LOG_DOMAIN "sp-cache-key"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <sodium.h>
#include <string.h>

#include "sp-cache.h"
#include "sp-cache-key.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".CacheKey", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

typedef struct
{
  char   *server;
  char   *username;
  GBytes *key;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->server);
  g_free (data->username);
  g_clear_pointer (&data->key, g_bytes_unref);
  g_free (data);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_bytes_ref (data->key), (GDestroyNotify) g_bytes_unref);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *encoded = secret_password_lookup_finish (result, &error);
  g_autofree guint8 *decoded = NULL;
  g_autofree char *label = NULL;
  guint8 key[SP_CACHE_KEY_SIZE];
  gsize size = 0;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (encoded != NULL)
    {
      decoded = g_base64_decode (encoded, &size);
      secret_password_free (encoded);
      if (size == SP_CACHE_KEY_SIZE)
        {
          g_task_return_pointer (task, g_bytes_new (decoded, size),
                                 (GDestroyNotify) g_bytes_unref);
          sodium_memzero (decoded, size);
          return;
        }
      /* Not a key of ours: a new one (the copy sealed under the old one is wiped). */
    }

  randombytes_buf (key, sizeof key);
  data->key = g_bytes_new (key, sizeof key);
  encoded = g_base64_encode (key, sizeof key);
  sodium_memzero (key, sizeof key);

  /* Translators: the name of the keyring item; %s is the server's address. */
  label = g_strdup_printf (_("Samplan local copy at %s"), data->server);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, encoded,
                         g_task_get_cancellable (task), store_cb, g_object_ref (task),
                         "server", data->server,
                         "username", data->username,
                         NULL);
  sodium_memzero (encoded, strlen (encoded));
  g_free (encoded);
}

/**
 * sp_cache_key_load_async:
 * @server: the server's address
 * @username: whose copy it is
 *
 * Finds the key of @username's copy of @server's data, or makes and stores one.
 */
void
sp_cache_key_load_async (const char          *server,
                         const char          *username,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  LoadData *data;

  g_return_if_fail (server != NULL);
  g_return_if_fail (username != NULL);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_cache_key_load_async);
  data = g_new0 (LoadData, 1);
  data->server = g_strdup (server);
  data->username = g_strdup (username);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  secret_password_lookup (get_schema (), cancellable, lookup_cb, task,
                          "server", server,
                          "username", username,
                          NULL);
}

/**
 * sp_cache_key_load_finish:
 *
 * Returns: (transfer full): the %SP_CACHE_KEY_SIZE bytes of the key, or %NULL with @error
 *   set when the keyring failed
 */
GBytes *
sp_cache_key_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_cache_key_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
