/* sp-account-read.c — a record from the server, or offline from the local copy
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The changes feed gives each record as its resource endpoint renders it for this unit
 * (GET /episodes/:id, GET /episodes/:id/planning…), so a page that cannot reach the server
 * reads the same object from the copy, as the feed last gave it. Nothing is computed here.
 */

#define G_LOG_DOMAIN "sp-account"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-account-read.h"

typedef struct
{
  char     *kind;
  char     *id;
  gboolean  from_copy;
} Read;

static void
read_free (Read *read)
{
  g_free (read->kind);
  g_free (read->id);
  g_free (read);
}

static void
copy_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *node = sp_cache_load_record_finish (SP_CACHE (object), result, &error);

  if (node == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("The server cannot be reached, and the copy on this "
                                 "computer does not hold this yet."));
      return;
    }
  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ((Read *) g_task_get_task_data (task))->from_copy = TRUE;
  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

static void
server_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *node = sp_client_send_finish (SP_CLIENT (object), result, &error);
  SpAccount *self = g_task_get_source_object (task);
  Read *read = g_task_get_task_data (task);
  SpCache *cache = sp_account_get_cache (self);

  if (node == NULL && cache != NULL &&
      g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE))
    {
      sp_cache_load_record_async (cache, read->kind, read->id, g_task_get_cancellable (task),
                                  copy_cb, g_object_ref (task));
      return;
    }
  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

/**
 * sp_account_read_async:
 * @path: the record's API path ("/api/v1/episodes/e-1/planning")
 * @kind: its kind in the changes feed ("planning")
 * @id: its id there ("e-1")
 *
 * GET @path; when the server cannot be reached, the copy's record of @kind and @id instead.
 */
void
sp_account_read_async (SpAccount           *self,
                       const char          *path,
                       const char          *kind,
                       const char          *id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  Read *read;

  g_return_if_fail (SP_IS_ACCOUNT (self));
  g_return_if_fail (path != NULL && kind != NULL && id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_account_read_async);
  read = g_new0 (Read, 1);
  read->kind = g_strdup (kind);
  read->id = g_strdup (id);
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);
  sp_client_send_async (sp_account_get_client (self), "GET", path, NULL, NULL, NULL,
                        cancellable, server_cb, task);
}

/**
 * sp_account_read_finish:
 * @out_from_copy: (out) (optional): whether it came from the copy (offline)
 *
 * Returns: (transfer full): the record; %NULL with @error — %G_IO_ERROR_NOT_FOUND when the
 *   server could not be reached and the copy does not hold it, else the server's error
 */
JsonNode *
sp_account_read_finish (SpAccount     *self,
                        GAsyncResult  *result,
                        gboolean      *out_from_copy,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (out_from_copy != NULL)
    *out_from_copy = ((Read *) g_task_get_task_data (G_TASK (result)))->from_copy;
  return g_task_propagate_pointer (G_TASK (result), error);
}
