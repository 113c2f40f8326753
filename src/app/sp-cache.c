/* sp-cache.c — the app's local copy of what the server sent, in an SpStore
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two things are kept, so that the app can show the last known picture without network:
 *
 * - every record of the changes feed, by (kind, id), with the feed's cursor in the meta key
 *   "changes_cursor", written in the same transaction as the page it ends;
 * - the overview rows of GET /episodes (kind "overview_row", by episode id), which the
 *   server computes (deadlines, unacknowledged counts) and the overview shows as they are.
 *
 * The store's own revisions count local writes; the server's revision is inside each body.
 * One sqlite connection, used by one worker thread at a time (the mutex), never by the UI
 * thread. The file belongs to one user: opening it for another wipes it first.
 */

#define G_LOG_DOMAIN "sp-cache"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sp-cache.h"
#include "sp-json.h"
#include "sp-sqlite-store.h"

#define ROW_KIND "overview_row"
#define CURSOR_KEY "changes_cursor"
#define USERNAME_KEY "username"
#define PROFILE_KEY "profile"
/* Records read from the store per step. */
#define LIST_STEP 1000

struct _SpCache
{
  GObject   parent_instance;

  char     *path;
  GMutex    mutex;
  SpStore  *store;        /* under the mutex; opened by the first operation */
  GMutex    cursor_lock;  /* a short lock of its own: the UI thread reads the cursor */
  gint64    cursor;
};

G_DEFINE_FINAL_TYPE (SpCache, sp_cache, G_TYPE_OBJECT)

/* The episode's children go with it when it is deleted (docs/api/changes-audit.md). */
static const char * const child_kinds[] = { "message", "planning", "patient_info" };

typedef struct _Operation Operation;

/* Runs in a worker thread with the mutex held; may set the operation's result. */
typedef gboolean (*CacheFunc) (SpCache    *self,
                               Operation  *operation,
                               GError    **error);

struct _Operation
{
  CacheFunc       func;
  gboolean        needs_store;
  gpointer        data;
  GDestroyNotify  destroy;
  gpointer        result;
  GDestroyNotify  result_destroy;
};

static gboolean
ensure_store (SpCache  *self,
              GError  **error)
{
  g_autofree char *dir = NULL;

  if (self->store != NULL)
    return TRUE;

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create the cache folder: %s", g_strerror (saved_errno));
      return FALSE;
    }

  self->store = sp_sqlite_store_new (self->path, error);
  return self->store != NULL;
}

static gboolean
remove_files (SpCache  *self,
              GError  **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&self->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (self->path, suffixes[i], NULL);

      if (g_remove (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not remove the cache: %s", g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

static void
operation_free (Operation *operation)
{
  if (operation->destroy != NULL)
    operation->destroy (operation->data);
  if (operation->result_destroy != NULL && operation->result != NULL)
    operation->result_destroy (operation->result);
  g_free (operation);
}

static void
run_operation_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  SpCache *self = source_object;
  Operation *operation = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if ((operation->needs_store && !ensure_store (self, &error)) ||
      !operation->func (self, operation, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (operation->result != NULL)
    g_task_return_pointer (task, g_steal_pointer (&operation->result),
                           operation->result_destroy);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_operation (SpCache             *self,
               gpointer             source_tag,
               gboolean             needs_store,
               CacheFunc            func,
               gpointer             data,
               GDestroyNotify       destroy,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Operation *operation = g_new0 (Operation, 1);

  operation->func = func;
  operation->needs_store = needs_store;
  operation->data = data;
  operation->destroy = destroy;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, operation, (GDestroyNotify) operation_free);
  g_task_run_in_thread (task, run_operation_thread);
}

static void
set_cursor (SpCache *self,
            gint64   cursor)
{
  g_mutex_lock (&self->cursor_lock);
  self->cursor = cursor;
  g_mutex_unlock (&self->cursor_lock);
}

static gboolean
check_result (SpCache      *self,
              GAsyncResult *result,
              gpointer      source_tag)
{
  return g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/* (kind, id) holds @text now, written only if it changed. Returns whether it changed. */
static gboolean
put_text (SpStore     *store,
          const char  *kind,
          const char  *id,
          const char  *parent_id,
          const char  *text,
          gboolean    *changed,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) current = sp_store_get (store, kind, id, &local_error);
  g_autoptr(SpRecord) written = NULL;
  g_autoptr(GBytes) body = NULL;

  if (current == NULL && !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *changed = FALSE;
  if (current != NULL && !sp_record_is_deleted (current) &&
      g_strcmp0 (sp_record_get_body_text (current), text) == 0)
    return TRUE;

  body = g_bytes_new (text, strlen (text));
  written = sp_store_put (store, kind, id, parent_id, body,
                          current != NULL ? sp_record_get_revision (current) : 0, NULL, error);
  *changed = written != NULL;

  return written != NULL;
}

/* Writes a tombstone over (kind, id) if a live copy is there. */
static gboolean
delete_record (SpStore     *store,
               const char  *kind,
               const char  *id,
               gboolean    *changed,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) current = sp_store_get (store, kind, id, &local_error);
  g_autoptr(SpRecord) tombstone = NULL;

  *changed = FALSE;
  if (current == NULL)
    {
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (sp_record_is_deleted (current))
    return TRUE;

  tombstone = sp_store_delete (store, kind, id, sp_record_get_revision (current), error);
  *changed = tombstone != NULL;

  return tombstone != NULL;
}

static gboolean
delete_children (SpStore     *store,
                 const char  *parent_id,
                 guint       *n_changed,
                 GError     **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (child_kinds); k++)
    {
      g_autoptr(GPtrArray) children = NULL;

      /* Each pass deletes what it lists, so the next pass starts at 0 again. */
      do
        {
          g_clear_pointer (&children, g_ptr_array_unref);
          children = sp_store_list_children (store, child_kinds[k], parent_id, 0, LIST_STEP,
                                             error);
          if (children == NULL)
            return FALSE;

          for (guint i = 0; i < children->len; i++)
            {
              SpRecord *child = g_ptr_array_index (children, i);
              gboolean changed = FALSE;

              if (!delete_record (store, child_kinds[k], sp_record_get_id (child), &changed,
                                  error))
                return FALSE;
              *n_changed += changed;
            }
        }
      while (children->len == LIST_STEP);
    }

  return TRUE;
}

/* Lists every live record of @kind; (element-type SpRecord). */
static GPtrArray *
list_all (SpStore     *store,
          const char  *kind,
          GError     **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_record_unref);

  for (guint offset = 0;; offset += LIST_STEP)
    {
      g_autoptr(GPtrArray) page = sp_store_list (store, kind, NULL, offset, LIST_STEP, error);

      if (page == NULL)
        return NULL;
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (all, sp_record_ref (g_ptr_array_index (page, i)));
      if (page->len < LIST_STEP)
        break;
    }

  return g_steal_pointer (&all);
}

static gint64
parse_cursor (const char *text)
{
  gint64 value = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
    return 0;

  return value;
}

/* ---- open ---- */

typedef struct
{
  char     *username;
  JsonNode *profile;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->username);
  g_clear_pointer (&data->profile, json_node_unref);
  g_free (data);
}

static gboolean
open_func (SpCache    *self,
           Operation  *operation,
           GError    **error)
{
  OpenData *data = operation->data;
  SpStore *store = self->store;
  g_autofree char *owner = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *profile_text = NULL;
  g_autoptr(JsonNode) profile = NULL;

  if (!sp_store_get_meta (store, USERNAME_KEY, &owner, error))
    return FALSE;

  /* Another user's copy must not be shown to this one. */
  if (owner != NULL && g_strcmp0 (owner, data->username) != 0)
    {
      if (!remove_files (self, error) || !ensure_store (self, error))
        return FALSE;
      store = self->store;
    }

  if (!sp_store_set_meta (store, USERNAME_KEY, data->username, error))
    return FALSE;

  if (data->profile != NULL)
    {
      g_autofree char *text = sp_json_to_string (data->profile, FALSE);

      if (!sp_store_set_meta (store, PROFILE_KEY, text, error))
        return FALSE;
    }

  if (!sp_store_get_meta (store, CURSOR_KEY, &cursor, error) ||
      !sp_store_get_meta (store, PROFILE_KEY, &profile_text, error))
    return FALSE;

  set_cursor (self, parse_cursor (cursor));
  if (profile_text != NULL)
    profile = sp_json_parse (profile_text, -1, NULL);
  operation->result = profile != NULL ? g_steal_pointer (&profile)
                                      : json_node_init_null (json_node_alloc ());
  operation->result_destroy = (GDestroyNotify) json_node_unref;
  return TRUE;
}

/* ---- changes ---- */

typedef struct
{
  JsonNode *page;
  guint     n_changed;
  gboolean  more;
  gint64    next;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_clear_pointer (&data->page, json_node_unref);
  g_free (data);
}

static gboolean
apply_item (SpStore     *store,
            JsonObject  *item,
            guint       *n_changed,
            GError     **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *text = NULL;
  gboolean deleted = FALSE;
  gboolean changed = FALSE;
  JsonObject *record;

  if (!sp_json_get_string (item, "kind", TRUE, 128, &kind, error) ||
      !sp_json_get_string (item, "id", TRUE, 128, &id, error) ||
      !sp_json_get_string (item, "parent", FALSE, 128, &parent, error) ||
      !sp_json_get_bool (item, "deleted", FALSE, &deleted, error))
    return FALSE;

  if (deleted)
    {
      if (!delete_record (store, kind, id, &changed, error))
        return FALSE;
      *n_changed += changed;
      return g_strcmp0 (kind, "episode") != 0 || delete_children (store, id, n_changed, error);
    }

  record = sp_json_get_object (item, "record", TRUE, error);
  if (record == NULL)
    return FALSE;

  {
    g_autoptr(JsonNode) node = sp_json_node_new_object (json_object_ref (record));

    text = sp_json_to_string (node, FALSE);
  }
  if (!put_text (store, kind, id, parent, text, &changed, error))
    return FALSE;
  *n_changed += changed;

  return TRUE;
}

static gboolean
apply_page_in_transaction (SpStore   *store,
                           gpointer   user_data,
                           GError   **error)
{
  ApplyData *data = user_data;
  g_autofree char *next = NULL;
  JsonObject *page = sp_json_node_get_object (data->page, "$", error);
  JsonArray *items;
  gint64 value = 0;

  if (page == NULL ||
      (items = sp_json_get_array (page, "items", TRUE, error)) == NULL ||
      !sp_json_get_int (page, "next", TRUE, 0, G_MAXINT64, &value, error) ||
      !sp_json_get_bool (page, "more", TRUE, &data->more, error))
    return FALSE;

  data->n_changed = 0;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE,
                       "items[%u]: expected an object", i);
          return FALSE;
        }
      if (!apply_item (store, json_node_get_object (item), &data->n_changed, error))
        {
          g_prefix_error (error, "items[%u].", i);
          return FALSE;
        }
    }

  /* The cursor moves with the records it covers, or not at all. */
  next = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  data->next = value;
  return sp_store_set_meta (store, CURSOR_KEY, next, error);
}

static gboolean
apply_func (SpCache    *self,
            Operation  *operation,
            GError    **error)
{
  ApplyData *data = operation->data;

  if (!sp_store_transaction (self->store, apply_page_in_transaction, data, error))
    return FALSE;

  set_cursor (self, data->next);
  return TRUE;
}

/* ---- overview rows ---- */

static gboolean
save_rows_in_transaction (SpStore   *store,
                          gpointer   user_data,
                          GError   **error)
{
  GPtrArray *rows = user_data;
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) current = list_all (store, ROW_KIND, error);

  if (current == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      JsonNode *row = g_ptr_array_index (rows, i);
      JsonObject *object = sp_json_node_get_object (row, "$", error);
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      gboolean changed = FALSE;

      if (object == NULL || !sp_json_get_string (object, "id", TRUE, 128, &id, error))
        {
          g_prefix_error (error, "items[%u].", i);
          return FALSE;
        }

      text = sp_json_to_string (row, FALSE);
      if (!put_text (store, ROW_KIND, id, NULL, text, &changed, error))
        return FALSE;
      g_hash_table_add (keep, g_steal_pointer (&id));
    }

  for (guint i = 0; i < current->len; i++)
    {
      const char *id = sp_record_get_id (g_ptr_array_index (current, i));
      gboolean changed = FALSE;

      if (!g_hash_table_contains (keep, id) &&
          !delete_record (store, ROW_KIND, id, &changed, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_rows_func (SpCache    *self,
                Operation  *operation,
                GError    **error)
{
  return sp_store_transaction (self->store, save_rows_in_transaction, operation->data, error);
}

static gboolean
load_rows_func (SpCache    *self,
                Operation  *operation,
                GError    **error)
{
  g_autoptr(GPtrArray) records = list_all (self->store, ROW_KIND, error);
  g_autoptr(GPtrArray) rows = NULL;

  if (records == NULL)
    return FALSE;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < records->len; i++)
    {
      SpRecord *record = g_ptr_array_index (records, i);
      JsonNode *row = sp_json_parse (sp_record_get_body_text (record), -1, error);

      if (row == NULL)
        return FALSE;
      g_ptr_array_add (rows, row);
    }

  operation->result = g_steal_pointer (&rows);
  operation->result_destroy = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

static gboolean
load_unit_names_func (SpCache    *self,
                      Operation  *operation,
                      GError    **error)
{
  g_autoptr(GPtrArray) records = list_all (self->store, "unit", error);
  g_autoptr(GHashTable) names = NULL;

  if (records == NULL)
    return FALSE;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < records->len; i++)
    {
      SpRecord *record = g_ptr_array_index (records, i);
      g_autoptr(JsonNode) node = sp_json_parse (sp_record_get_body_text (record), -1, NULL);
      JsonObject *object = node != NULL ? sp_json_node_get_object (node, "$", NULL) : NULL;
      char *name = NULL;

      /* A unit without a readable name is shown by its id, as before it arrived. */
      if (object != NULL && sp_json_get_string (object, "name", TRUE, 1024, &name, NULL))
        g_hash_table_insert (names, g_strdup (sp_record_get_id (record)), name);
    }

  operation->result = g_steal_pointer (&names);
  operation->result_destroy = (GDestroyNotify) g_hash_table_unref;
  return TRUE;
}

static gboolean
delete_func (SpCache    *self,
             Operation  *operation,
             GError    **error)
{
  set_cursor (self, 0);
  return remove_files (self, error);
}

/* ---- the object ---- */

static void
sp_cache_finalize (GObject *object)
{
  SpCache *self = SP_CACHE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->cursor_lock);

  G_OBJECT_CLASS (sp_cache_parent_class)->finalize (object);
}

static void
sp_cache_class_init (SpCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_cache_finalize;
}

static void
sp_cache_init (SpCache *self)
{
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->cursor_lock);
}

/**
 * sp_cache_path_for_server:
 * @server_url: the server's address
 *
 * Where the copy of @server_url's data lives:
 * `$XDG_CACHE_HOME/samplan/<host>[-<port>]/cache.db`.
 *
 * Returns: (transfer full) (nullable): the path, %NULL if @server_url is no http(s) address
 */
char *
sp_cache_path_for_server (const char *server_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *folder = NULL;
  const char *host;

  g_return_val_if_fail (server_url != NULL, NULL);

  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || host[0] == '\0' ||
      strchr (host, '/') != NULL || g_str_has_prefix (host, "."))
    return NULL;

  /* Two servers on one host (tests, development) must not share a copy. */
  if (g_uri_get_port (uri) > 0)
    folder = g_strdup_printf ("%s-%d", host, g_uri_get_port (uri));
  else
    folder = g_strdup (host);

  return g_build_filename (g_get_user_cache_dir (), "samplan", folder, "cache.db", NULL);
}

/**
 * sp_cache_new:
 * @path: the sqlite file; its folder is created when needed
 *
 * Returns: (transfer full): a cache; nothing is opened until the first operation
 */
SpCache *
sp_cache_new (const char *path)
{
  SpCache *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SP_TYPE_CACHE, NULL);
  self->path = g_strdup (path);

  return self;
}

const char *
sp_cache_get_path (SpCache *self)
{
  g_return_val_if_fail (SP_IS_CACHE (self), NULL);

  return self->path;
}

/**
 * sp_cache_get_cursor:
 *
 * Returns: where the changes feed continues: 0 for a new copy, else the "next" of the last
 *   page applied
 */
gint64
sp_cache_get_cursor (SpCache *self)
{
  gint64 cursor;

  g_return_val_if_fail (SP_IS_CACHE (self), 0);

  g_mutex_lock (&self->cursor_lock);
  cursor = self->cursor;
  g_mutex_unlock (&self->cursor_lock);

  return cursor;
}

/**
 * sp_cache_open_async:
 * @username: who is signed in; a copy of anybody else's is wiped
 * @profile: (nullable): what to remember about the session for offline starts (names of
 *   the user and unit); %NULL keeps what is there
 *
 * Opens the copy and reads its cursor.
 */
void
sp_cache_open_async (SpCache             *self,
                     const char          *username,
                     JsonNode            *profile,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  OpenData *data;

  g_return_if_fail (SP_IS_CACHE (self));
  g_return_if_fail (username != NULL);

  data = g_new0 (OpenData, 1);
  data->username = g_strdup (username);
  data->profile = profile != NULL ? json_node_copy (profile) : NULL;
  run_operation (self, sp_cache_open_async, TRUE, open_func, data,
                 (GDestroyNotify) open_data_free, cancellable, callback, user_data);
}

/**
 * sp_cache_open_finish:
 * @out_profile: (out) (transfer full) (optional): the remembered profile, a JSON null if
 *   none
 */
gboolean
sp_cache_open_finish (SpCache       *self,
                      GAsyncResult  *result,
                      JsonNode     **out_profile,
                      GError       **error)
{
  g_autoptr(JsonNode) profile = NULL;

  g_return_val_if_fail (check_result (self, result, sp_cache_open_async), FALSE);

  profile = g_task_propagate_pointer (G_TASK (result), error);
  if (profile == NULL)
    return FALSE;

  if (out_profile != NULL)
    *out_profile = g_steal_pointer (&profile);
  return TRUE;
}

/**
 * sp_cache_apply_changes_async:
 * @page: one answer of GET /api/v1/changes
 *
 * Stores the page's records (replacing, deleting), then its "next" as the cursor, in one
 * transaction.
 */
void
sp_cache_apply_changes_async (SpCache             *self,
                              JsonNode            *page,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ApplyData *data;

  g_return_if_fail (SP_IS_CACHE (self));
  g_return_if_fail (page != NULL);

  data = g_new0 (ApplyData, 1);
  data->page = json_node_ref (page);
  run_operation (self, sp_cache_apply_changes_async, TRUE, apply_func, data,
                 (GDestroyNotify) apply_data_free, cancellable, callback, user_data);
}

/**
 * sp_cache_apply_changes_finish:
 * @out_n_changed: (out) (optional): how many records changed here (unchanged repeats of
 *   records already held do not count)
 * @out_more: (out) (optional): the page's "more"
 */
gboolean
sp_cache_apply_changes_finish (SpCache       *self,
                               GAsyncResult  *result,
                               guint         *out_n_changed,
                               gboolean      *out_more,
                               GError       **error)
{
  Operation *operation;
  ApplyData *data;

  g_return_val_if_fail (check_result (self, result, sp_cache_apply_changes_async), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  operation = g_task_get_task_data (G_TASK (result));
  data = operation->data;
  if (out_n_changed != NULL)
    *out_n_changed = data->n_changed;
  if (out_more != NULL)
    *out_more = data->more;
  return TRUE;
}

/**
 * sp_cache_save_rows_async:
 * @rows: (element-type JsonNode): every overview row of GET /api/v1/episodes
 *
 * Replaces the stored rows by @rows: changed ones are rewritten, missing ones deleted.
 */
void
sp_cache_save_rows_async (SpCache             *self,
                          GPtrArray           *rows,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (SP_IS_CACHE (self));
  g_return_if_fail (rows != NULL);

  run_operation (self, sp_cache_save_rows_async, TRUE, save_rows_func,
                 g_ptr_array_ref (rows), (GDestroyNotify) g_ptr_array_unref, cancellable,
                 callback, user_data);
}

gboolean
sp_cache_save_rows_finish (SpCache       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_save_rows_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sp_cache_load_rows_async:
 *
 * Reads the stored overview rows, ordered by episode id.
 */
void
sp_cache_load_rows_async (SpCache             *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (SP_IS_CACHE (self));

  run_operation (self, sp_cache_load_rows_async, TRUE, load_rows_func, NULL, NULL,
                 cancellable, callback, user_data);
}

/**
 * sp_cache_load_rows_finish:
 *
 * Returns: (transfer full) (element-type JsonNode): the rows, or %NULL with @error set
 */
GPtrArray *
sp_cache_load_rows_finish (SpCache       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_load_rows_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sp_cache_load_unit_names_async:
 *
 * Reads the names of the units of the directory (the feed's "unit" records).
 */
void
sp_cache_load_unit_names_async (SpCache             *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SP_IS_CACHE (self));

  run_operation (self, sp_cache_load_unit_names_async, TRUE, load_unit_names_func, NULL, NULL,
                 cancellable, callback, user_data);
}

/**
 * sp_cache_load_unit_names_finish:
 *
 * Returns: (transfer full) (element-type utf8 utf8): unit id → name, or %NULL with @error set
 */
GHashTable *
sp_cache_load_unit_names_finish (SpCache       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_load_unit_names_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sp_cache_delete_async:
 *
 * Removes the copy from the disk (signing out). The next operation starts a new one.
 */
void
sp_cache_delete_async (SpCache             *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (SP_IS_CACHE (self));

  /* No store needed: opening one only to remove it would be wasted work. */
  run_operation (self, sp_cache_delete_async, FALSE, delete_func, NULL, NULL, cancellable,
                 callback, user_data);
}

gboolean
sp_cache_delete_finish (SpCache       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_delete_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
