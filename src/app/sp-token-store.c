/* sp-token-store.c — the session token in the desktop keyring
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A token is as good as the password for 12 hours, so it lives in the Secret Service
 * (GNOME Keyring, KWallet), never in a file of ours. One token per server: saving clears
 * the server's earlier ones, whoever they belonged to.
 */

#define G_LOG_DOMAIN "sp-token-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-token-store.h"

/**
 * sp_token_store_get_schema:
 *
 * Returns: (transfer none): the schema "se.samplan.Samplan.Token", with the attributes
 *   "server" (the address as signed in to) and "username"
 */
const SecretSchema *
sp_token_store_get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Token", SECRET_SCHEMA_NONE,
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
  char *server;
  char *username;
  char *token;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->server);
  g_free (data->username);
  /* Do not leave the token lying around in freed memory. */
  if (data->token != NULL)
    memset (data->token, 0, strlen (data->token));
  g_free (data->token);
  g_free (data);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
clear_before_save_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  /* FALSE without an error: there was nothing to clear. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* Translators: the name of the keyring item; %s is the server's address. */
  label = g_strdup_printf (_("Samplan sign-in at %s"), data->server);
  secret_password_store (sp_token_store_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         data->token, g_task_get_cancellable (task), store_cb, task,
                         "server", data->server,
                         "username", data->username,
                         NULL);
}

/**
 * sp_token_store_save_async:
 * @server: the server's address
 * @username: whose token it is
 * @token: the bearer token
 *
 * Stores @token as the only token for @server in the default keyring.
 */
void
sp_token_store_save_async (const char          *server,
                           const char          *username,
                           const char          *token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  SaveData *data;

  g_return_if_fail (server != NULL);
  g_return_if_fail (username != NULL);
  g_return_if_fail (token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_token_store_save_async);
  data = g_new0 (SaveData, 1);
  data->server = g_strdup (server);
  data->username = g_strdup (username);
  data->token = g_strdup (token);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  secret_password_clear (sp_token_store_get_schema (), cancellable, clear_before_save_cb, task,
                         "server", server,
                         NULL);
}

gboolean
sp_token_store_save_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_token_store_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

/**
 * sp_token_store_lookup_async:
 * @server: the server's address
 * @username: whose token to find
 *
 * Looks up the token saved for @username at @server.
 */
void
sp_token_store_lookup_async (const char          *server,
                             const char          *username,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (server != NULL);
  g_return_if_fail (username != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_token_store_lookup_async);
  secret_password_lookup (sp_token_store_get_schema (), cancellable, lookup_cb, task,
                          "server", server,
                          "username", username,
                          NULL);
}

/**
 * sp_token_store_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the token (free it with secret_password_free()),
 *   or %NULL: with @error set if the keyring failed, without if there is no token
 */
char *
sp_token_store_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_token_store_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sp_token_store_clear_async:
 * @server: the server's address
 *
 * Removes every token saved for @server (signing out).
 */
void
sp_token_store_clear_async (const char          *server,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (server != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_token_store_clear_async);
  secret_password_clear (sp_token_store_get_schema (), cancellable, clear_cb, task,
                         "server", server,
                         NULL);
}

/**
 * sp_token_store_clear_finish:
 *
 * Returns: %TRUE if the keyring holds no token for the server now
 */
gboolean
sp_token_store_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_token_store_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
