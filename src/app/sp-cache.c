/* sp-cache.c — the app's local copy of what the server sent, in an SpStore
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two things are kept, so that the app can show the last known picture without network:
 *
 * - every record of the changes feed, by (kind, id), with the feed's cursor in the meta key
 *   "changes_cursor", written in the same transaction as the page (or pages) it ends;
 * - the overview rows of GET /episodes (kind "overview_row", by episode id), which the
 *   server computes (deadlines, unacknowledged counts) and the overview shows as they are —
 *   kept in the summary's compact binary form (sp_episode_summary_to_bytes ()), not as JSON,
 *   so that 100,000 of them load in well under a second.
 *
 * Beside them the user's drafts (what the server cannot take yet), see "drafts" below.
 *
 * The store's own revisions count local writes; the server's revision is inside each body.
 * One sqlite connection, used by one worker thread at a time (the mutex), never by the UI
 * thread. Operations run in the order they were asked for (a pool of one thread): the
 * outbox keeps a command before it sends it, and a later write must not land first. The file belongs to one user: opening it for another wipes it first.
 *
 * Sealed: the copy is patient data on a laptop, so every body (and the remembered profile)
 * is written as nonce ‖ crypto_secretbox (body) under the key given to sp_cache_new(); only
 * kinds, ids, parent ids, revisions and sequence numbers stay in clear, and the owner is
 * kept as a keyed hash. A copy whose check value does not open under the key (the keyring
 * lost it) is wiped like another user's. The key reaches put_text() and record_text()
 * through the operation under way (a thread-local), so that the transaction functions keep
 * their shape.
 */

#define G_LOG_DOMAIN "sp-cache"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sodium.h>
#include <string.h>

#include "sp-cache.h"
#include "sp-changes-page.h"
#include "sp-episode-summary.h"
#include "sp-json.h"
#include "sp-sqlite-store.h"

#define ROW_KIND "overview_row"
#define CURSOR_KEY "changes_cursor"
#define USERNAME_KEY "username"
#define PROFILE_KEY "profile"
#define CHECK_KEY "key_check"
#define CHECK_TEXT "samplan-cache"
#define OUTBOX_KIND "outbox"
/* Records read from the store per step. */
#define LIST_STEP 1000

struct _SpCache
{
  GObject   parent_instance;

  char     *path;
  guint8    key[crypto_secretbox_KEYBYTES];
  GThreadPool *worker;    /* one thread: operations in the order asked for */
  GMutex    mutex;
  SpStore  *store;        /* under the mutex; opened by the first operation */
  gboolean  catching_up;  /* under the mutex: the store has a larger page cache */
  GMutex    cursor_lock;  /* a short lock of its own: the UI thread reads the cursor */
  gint64    cursor;
  GMutex    draft_lock;   /* the drafts not yet on disk, checked by the workers */
  GHashTable *drafts;     /* "kind\nid" → PendingDraft; under draft_lock */
  guint64   draft_serial; /* under draft_lock */
};

G_DEFINE_FINAL_TYPE (SpCache, sp_cache, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-cache-error-quark, sp_cache_error)

/* The cache whose operation runs in this thread (set with its mutex held). */
static GPrivate current_cache;

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

/* While the copy catches up with the changes feed (transactions of several pages, one after
 * another), the pages of the file that a transaction touches (its indexes': the ids are
 * random) stay in memory until the commit; sqlite's default 2 MB cache would spill them to
 * the WAL over and over (3.6 GB written for the 300 MB copy of the benchmark, 0.9 GB so, and
 * 2 s of CPU). Once it has caught up, the memory is given back, to the system too. */
#define CATCH_UP_CACHE_KIB (32 * 1024)
#define DEFAULT_CACHE_KIB 2000
/* Overview rows saved at once above which they get the larger cache too. */
#define ROWS_PAGE_CACHE_MIN 2000

static void
set_catching_up (SpCache  *self,
                 gboolean  catching_up)
{
  g_autoptr(GError) error = NULL;

  if (self->catching_up == catching_up)
    return;

  self->catching_up = catching_up;
  if (self->store != NULL &&
      !sp_sqlite_store_set_cache_size (SP_SQLITE_STORE (self->store),
                                       catching_up ? CATCH_UP_CACHE_KIB : DEFAULT_CACHE_KIB,
                                       &error))
    g_warning ("%s", error->message);
#ifdef __GLIBC__
  /* glibc keeps the freed pages in the worker thread's arena otherwise. */
  if (!catching_up)
    malloc_trim (0);
#endif
}

static gboolean
remove_files (SpCache  *self,
              GError  **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&self->store);
  set_catching_up (self, FALSE);
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
  gboolean ok;

  g_private_set (&current_cache, self);
  ok = (!operation->needs_store || ensure_store (self, &error)) &&
       operation->func (self, operation, &error);
  g_private_set (&current_cache, NULL);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (operation->result != NULL)
    g_task_return_pointer (task, g_steal_pointer (&operation->result),
                           operation->result_destroy);
  else
    g_task_return_boolean (task, TRUE);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  g_autoptr(GTask) task = data;

  run_operation_thread (task, g_task_get_source_object (task), g_task_get_task_data (task),
                        g_task_get_cancellable (task));
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
  g_thread_pool_push (self->worker, g_steal_pointer (&task), NULL);
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

static GBytes *
seal_with (const guint8 *key,
           const char   *text,
           gsize         length)
{
  gsize size = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + length;
  guint8 *sealed = g_malloc (size);

  randombytes_buf (sealed, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy (sealed + crypto_secretbox_NONCEBYTES, (const guint8 *) text, length,
                         sealed, key);
  return g_bytes_new_take (sealed, size);
}

static char *
unseal_with (const guint8  *key,
             const guint8  *sealed,
             gsize          size,
             GError       **error)
{
  gsize length;
  char *text;

  if (size < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    goto unreadable;

  length = size - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
  text = g_malloc (length + 1);
  if (crypto_secretbox_open_easy ((guint8 *) text, sealed + crypto_secretbox_NONCEBYTES,
                                  size - crypto_secretbox_NONCEBYTES, sealed, key) != 0)
    {
      g_free (text);
      goto unreadable;
    }
  text[length] = '\0';
  return text;

unreadable:
  g_set_error_literal (error, SP_CACHE_ERROR, SP_CACHE_ERROR_UNREADABLE,
                       "A record of the local copy cannot be opened with its key");
  return NULL;
}

/**
 * seal_text:
 * @text: a body to store
 * @length: its length in bytes
 *
 * For the transaction functions: seals @text under the key of the operation under way.
 *
 * Returns: (transfer full): the sealed bytes to give sp_store_put()
 */
static GBytes *
seal_text (const char *text,
           gsize       length)
{
  SpCache *self = g_private_get (&current_cache);

  g_assert (self != NULL);
  return seal_with (self->key, text, length);
}

/**
 * record_text:
 * @record: a live record written with seal_text()
 *
 * For the transaction functions: the opened body of @record, in place of
 * sp_record_get_body_text().
 *
 * Returns: (transfer full): the text, or %NULL with @error set
 */
static char *
record_text (SpRecord  *record,
             GError   **error)
{
  SpCache *self = g_private_get (&current_cache);
  GBytes *body = sp_record_get_body (record);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (body, &size);

  g_assert (self != NULL);
  return unseal_with (self->key, data, size, error);
}

/* Meta values are text: sealed ones are base64. */
static gboolean
set_sealed_meta (SpCache     *self,
                 const char  *key,
                 const char  *text,
                 GError     **error)
{
  g_autoptr(GBytes) sealed = seal_with (self->key, text, strlen (text));
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (sealed, &size);
  g_autofree char *encoded = g_base64_encode (data, size);

  return sp_store_set_meta (self->store, key, encoded, error);
}

/* *out_text: NULL when the key is not set or does not open under our key. */
static gboolean
get_sealed_meta (SpCache     *self,
                 const char  *key,
                 char       **out_text,
                 GError     **error)
{
  g_autofree char *encoded = NULL;
  g_autofree guint8 *data = NULL;
  gsize size = 0;

  *out_text = NULL;
  if (!sp_store_get_meta (self->store, key, &encoded, error))
    return FALSE;
  if (encoded == NULL)
    return TRUE;

  data = g_base64_decode (encoded, &size);
  *out_text = unseal_with (self->key, data, size, NULL);
  return TRUE;
}

/* The owner as a keyed hash: who uses the laptop is nobody else's business either. */
static char *
owner_hash (SpCache    *self,
            const char *username)
{
  guint8 hash[32];

  crypto_generichash (hash, sizeof hash, (const guint8 *) username, strlen (username),
                      self->key, sizeof self->key);
  return g_base64_encode (hash, sizeof hash);
}

/* (kind, id) holds @text (@length bytes) now, written only if it changed (*changed). */
static gboolean
put_text (SpStore     *store,
          const char  *kind,
          const char  *id,
          const char  *parent_id,
          const char  *text,
          gsize        length,
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
  if (current != NULL && !sp_record_is_deleted (current))
    {
      g_autofree char *current_text = record_text (current, NULL);

      if (current_text != NULL && strlen (current_text) == length &&
          memcmp (current_text, text, length) == 0)
        return TRUE;
    }

  body = seal_text (text, length);
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
  g_autofree char *owner = NULL;
  g_autofree char *check = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *profile_text = NULL;
  g_autofree char *hash = owner_hash (self, data->username);
  g_autoptr(JsonNode) profile = NULL;

  if (!sp_store_get_meta (self->store, USERNAME_KEY, &owner, error) ||
      !get_sealed_meta (self, CHECK_KEY, &check, error))
    return FALSE;

  /* Another user's copy must not be shown to this one; one sealed under another key cannot
   * be read at all. */
  if (owner != NULL && (g_strcmp0 (owner, hash) != 0 || g_strcmp0 (check, CHECK_TEXT) != 0))
    {
      if (!remove_files (self, error) || !ensure_store (self, error))
        return FALSE;
    }

  if (!sp_store_set_meta (self->store, USERNAME_KEY, hash, error) ||
      !set_sealed_meta (self, CHECK_KEY, CHECK_TEXT, error))
    return FALSE;

  if (data->profile != NULL)
    {
      g_autofree char *text = sp_json_to_string (data->profile, FALSE);

      if (!set_sealed_meta (self, PROFILE_KEY, text, error))
        return FALSE;
    }

  if (!sp_store_get_meta (self->store, CURSOR_KEY, &cursor, error) ||
      !get_sealed_meta (self, PROFILE_KEY, &profile_text, error))
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
  SpStore   *store;
  GPtrArray *pages;      /* GBytes: the pages' text as received */
  guint      n_changed;
  gboolean   more;
  gint64     next;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_clear_pointer (&data->pages, g_ptr_array_unref);
  g_free (data);
}

/* put_text () for a record of the feed. Most are new to the copy (every one in the first
 * sync), so each is first written as new, and only compared with what the copy holds when
 * it holds one: one statement instead of a lookup and the write. */
static gboolean
put_record (SpStore              *store,
            const SpChangesItem  *item,
            gboolean             *changed,
            GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) body = seal_text (item->record, item->record_length);
  g_autoptr(SpRecord) written = sp_store_put (store, item->kind, item->id, item->parent, body,
                                              0, NULL, &local_error);

  if (written != NULL)
    {
      *changed = TRUE;
      return TRUE;
    }
  if (!g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return put_text (store, item->kind, item->id, item->parent, item->record,
                   item->record_length, changed, error);
}

/* The record is stored as the server sent it, sealed: no tree, no second serialisation
 * (sp-changes-page.c). */
static gboolean
apply_item (const SpChangesItem  *item,
            gpointer              user_data,
            GError              **error)
{
  ApplyData *data = user_data;
  gboolean changed = FALSE;

  if (item->deleted)
    {
      if (!delete_record (data->store, item->kind, item->id, &changed, error))
        return FALSE;
      data->n_changed += changed;
      return g_strcmp0 (item->kind, "episode") != 0 ||
             delete_children (data->store, item->id, &data->n_changed, error);
    }

  if (!put_record (data->store, item, &changed, error))
    return FALSE;
  data->n_changed += changed;

  return TRUE;
}

static gboolean
apply_pages_in_transaction (SpStore   *store,
                            gpointer   user_data,
                            GError   **error)
{
  ApplyData *data = user_data;
  g_autofree char *next = NULL;

  data->store = store;
  data->n_changed = 0;
  for (guint i = 0; i < data->pages->len; i++)
    {
      gsize length = 0;
      const char *text = g_bytes_get_data (g_ptr_array_index (data->pages, i), &length);
      gint64 peeked_next = -1;
      gboolean peeked_more = FALSE;

      if (!sp_changes_page_scan (text != NULL ? text : "", length, apply_item, data,
                                 &data->next, &data->more, error))
        {
          if (data->pages->len > 1)
            g_prefix_error (error, "page %u: ", i + 1);
          return FALSE;
        }

      /* A page followed by another was read ahead from (sp-sync.c): the next one starts
       * where this one really ends, or records would be skipped. */
      if (i + 1 < data->pages->len &&
          (!sp_changes_page_peek (text, length, &peeked_next, &peeked_more) ||
           peeked_next != data->next || !peeked_more || !data->more))
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                       "page %u: next: the following page was not read from it", i + 1);
          return FALSE;
        }
    }

  /* The cursor moves with the records it covers, or not at all. */
  next = g_strdup_printf ("%" G_GINT64_FORMAT, data->next);
  return sp_store_set_meta (store, CURSOR_KEY, next, error);
}

static gboolean
apply_func (SpCache    *self,
            Operation  *operation,
            GError    **error)
{
  ApplyData *data = operation->data;
  gboolean ok;

  /* Several pages at once: the copy is catching up (sp-sync.c reads ahead). */
  if (data->pages->len > 1)
    set_catching_up (self, TRUE);
  ok = sp_store_transaction (self->store, apply_pages_in_transaction, data, error);
  if (!ok || !data->more)
    set_catching_up (self, FALSE);
  if (!ok)
    return FALSE;

  set_cursor (self, data->next);
  return TRUE;
}

/* ---- overview rows ---- */

/* A row's body is the summary's own form (sp_episode_summary_to_bytes ()), which starts with
 * its format's tag. A copy written in another format is not misread: it counts as no rows,
 * and the sync reads them again. */

static gboolean load_unit_names_func (SpCache    *self,
                                      Operation  *operation,
                                      GError    **error);

/* Every live row, in one query: list_all ()'s pages by offset make 100,000 rows quadratic
 * (each page steps over all the rows before it), seconds instead of a fraction of one. */
static GPtrArray *
list_rows (SpStore     *store,
           GError     **error)
{
  return sp_store_list (store, ROW_KIND, NULL, 0, G_MAXINT, error);
}

/* (ROW_KIND, @id) holds the sealed @plain now, written only if it changed. */
static gboolean
put_row (SpCache     *self,
         const char  *id,
         GBytes      *plain,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) current = sp_store_get (self->store, ROW_KIND, id, &local_error);
  g_autoptr(SpRecord) written = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (plain, &size);

  if (current == NULL && !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (current != NULL && !sp_record_is_deleted (current))
    {
      gsize sealed_size = 0;
      const guint8 *sealed = g_bytes_get_data (sp_record_get_body (current), &sealed_size);
      g_autofree char *opened = unseal_with (self->key, sealed, sealed_size, NULL);

      if (opened != NULL &&
          sealed_size - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES == size &&
          memcmp (opened, data, size) == 0)
        return TRUE;
    }

  body = seal_with (self->key, data, size);
  written = sp_store_put (self->store, ROW_KIND, id, NULL, body,
                          current != NULL ? sp_record_get_revision (current) : 0, NULL, error);

  return written != NULL;
}

static gboolean
save_rows_in_transaction (SpStore   *store,
                          gpointer   user_data,
                          GError   **error)
{
  SpCache *self = g_private_get (&current_cache);
  GPtrArray *rows = user_data;
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) current = list_rows (store, error);

  if (current == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      JsonNode *row = g_ptr_array_index (rows, i);
      JsonObject *object = sp_json_node_get_object (row, "$", error);
      g_autoptr(GError) row_error = NULL;
      g_autoptr(SpEpisodeSummary) summary = NULL;
      g_autoptr(GBytes) plain = NULL;
      g_autofree char *id = NULL;

      if (object == NULL || !sp_json_get_string (object, "id", TRUE, 128, &id, error))
        {
          g_prefix_error (error, "items[%u].", i);
          return FALSE;
        }

      /* Stored as the summary it makes, so that loading parses no JSON. A row this version
       * cannot read is not stored: the overview leaves it out too (sp-sync.c). */
      summary = sp_episode_summary_new_from_json (row, &row_error);
      if (summary == NULL)
        continue;

      plain = sp_episode_summary_to_bytes (summary);
      if (!put_row (self, id, plain, error))
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
  GPtrArray *rows = operation->data;
  gboolean many = rows->len > ROWS_PAGE_CACHE_MIN;
  gboolean ok;

  /* The first rows of a large ward are a burst of writes too (set_catching_up ()). */
  if (many)
    set_catching_up (self, TRUE);
  ok = sp_store_transaction (self->store, save_rows_in_transaction, rows, error);
  if (many)
    set_catching_up (self, FALSE);

  return ok;
}

/* Fails with SP_CACHE_ERROR_UNREADABLE when the seal does not open, with another error
 * when the row is of another format. */
static SpEpisodeSummary *
read_row (SpCache     *self,
          SpRecord    *record,
          GHashTable  *unit_names,
          GError     **error)
{
  GBytes *body = sp_record_get_body (record);
  gsize size = 0;
  const guint8 *sealed = g_bytes_get_data (body, &size);
  g_autofree char *opened = unseal_with (self->key, sealed, size, error);
  SpEpisodeSummary *summary;
  const char *ward_name;

  if (opened == NULL)
    return NULL;

  summary = sp_episode_summary_new_from_bytes ((const guint8 *) opened,
                                               size - crypto_secretbox_NONCEBYTES -
                                               crypto_secretbox_MACBYTES, error);
  if (summary == NULL)
    return NULL;

  ward_name = g_hash_table_lookup (unit_names, sp_episode_summary_get_ward_id (summary));
  if (ward_name != NULL)
    sp_episode_summary_set_ward_name (summary, ward_name);

  return summary;
}

/* Makes the summaries here, in the worker thread: they are plain objects, no widgets, and
 * the UI thread then only adds them to its model, at once. */
static gboolean
load_rows_func (SpCache    *self,
                Operation  *operation,
                GError    **error)
{
  g_autoptr(GPtrArray) records = list_rows (self->store, error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) unit_names = NULL;
  Operation names = { 0, };

  if (records == NULL || !load_unit_names_func (self, &names, error))
    return FALSE;
  unit_names = names.result;

  /* From the last record, each freed once read: the summaries reuse its memory, which keeps
   * the resident size of 100,000 rows down. */
  rows = g_ptr_array_new_full (records->len, g_object_unref);
  while (records->len > 0)
    {
      g_autoptr(SpRecord) record = g_ptr_array_steal_index (records, records->len - 1);
      g_autoptr(GError) local_error = NULL;
      SpEpisodeSummary *summary = read_row (self, record, unit_names, &local_error);

      if (g_error_matches (local_error, SP_CACHE_ERROR, SP_CACHE_ERROR_UNREADABLE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* An older format (or a row that no longer reads): the whole copy is older than this
       * version, so none of it is shown; the first round reads the rows again. */
      if (summary == NULL)
        {
          g_ptr_array_set_size (rows, 0);
          break;
        }
      g_ptr_array_add (rows, summary);
    }

  /* Back to the order of the ids. */
  for (guint i = 0; i < rows->len / 2; i++)
    {
      gpointer swap = rows->pdata[i];

      rows->pdata[i] = rows->pdata[rows->len - 1 - i];
      rows->pdata[rows->len - 1 - i] = swap;
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
      g_autofree char *text = record_text (record, NULL);
      g_autoptr(JsonNode) node = text != NULL ? sp_json_parse (text, -1, NULL) : NULL;
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

typedef struct
{
  char *kind;
  char *id;
} RecordKey;

static void
record_key_free (RecordKey *key)
{
  g_free (key->kind);
  g_free (key->id);
  g_free (key);
}

static gboolean
load_record_func (SpCache    *self,
                  Operation  *operation,
                  GError    **error)
{
  RecordKey *key = operation->data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) record = sp_store_get (self->store, key->kind, key->id, &local_error);
  g_autofree char *text = NULL;
  JsonNode *node;

  if (record == NULL && !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (record == NULL || sp_record_is_deleted (record))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The local copy holds no %s %s", key->kind, key->id);
      return FALSE;
    }

  text = record_text (record, error);
  node = text != NULL ? sp_json_parse (text, -1, error) : NULL;
  if (node == NULL)
    return FALSE;

  operation->result = node;
  operation->result_destroy = (GDestroyNotify) json_node_unref;
  return TRUE;
}

static gboolean
delete_func (SpCache    *self,
             Operation  *operation,
             GError    **error)
{
  set_cursor (self, 0);
  /* The drafts go with the copy; a write still on its way finds nothing to write. */
  g_mutex_lock (&self->draft_lock);
  g_hash_table_remove_all (self->drafts);
  g_mutex_unlock (&self->draft_lock);
  return remove_files (self, error);
}

/* ---- the outbox ---- */

typedef struct
{
  GPtrArray *put;     /* JsonNode commands, each with its "id" */
  GStrv      remove;  /* ids */
} OutboxData;

static void
outbox_data_free (OutboxData *data)
{
  g_clear_pointer (&data->put, g_ptr_array_unref);
  g_strfreev (data->remove);
  g_free (data);
}

static gboolean
outbox_write_in_transaction (SpStore   *store,
                             gpointer   user_data,
                             GError   **error)
{
  OutboxData *data = user_data;

  for (guint i = 0; data->put != NULL && i < data->put->len; i++)
    {
      JsonNode *command = g_ptr_array_index (data->put, i);
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      gboolean changed = FALSE;

      if (!sp_json_get_string (json_node_get_object (command), "id", TRUE, 128, &id, error))
        return FALSE;
      text = sp_json_to_string (command, FALSE);
      if (!put_text (store, OUTBOX_KIND, id, NULL, text, strlen (text), &changed, error))
        return FALSE;
    }

  for (guint i = 0; data->remove != NULL && data->remove[i] != NULL; i++)
    {
      gboolean changed = FALSE;

      if (!delete_record (store, OUTBOX_KIND, data->remove[i], &changed, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
outbox_write_func (SpCache    *self,
                   Operation  *operation,
                   GError    **error)
{
  return sp_store_transaction (self->store, outbox_write_in_transaction, operation->data,
                               error);
}

static gboolean
outbox_load_func (SpCache    *self,
                  Operation  *operation,
                  GError    **error)
{
  g_autoptr(GPtrArray) records = list_all (self->store, OUTBOX_KIND, error);
  g_autoptr(GPtrArray) commands = NULL;

  if (records == NULL)
    return FALSE;

  commands = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *text = record_text (g_ptr_array_index (records, i), error);
      JsonNode *command = text != NULL ? sp_json_parse (text, -1, error) : NULL;

      if (command == NULL)
        return FALSE;
      g_ptr_array_add (commands, command);
    }

  operation->result = g_steal_pointer (&commands);
  operation->result_destroy = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

/* ---- drafts ---- */

/* What the user typed and the server cannot take yet (an incomplete kallelse), or has not
 * taken yet: one body per (kind, id) in the store's private table, so that a draft written
 * at every pause in the typing leaves no history and never reaches the changes feed. Sealed
 * like every body; the kind (prefixed "draft:") and the id stay in clear.
 *
 * Writes run in worker threads in no fixed order, so each carries a serial number and only
 * the newest one asked for is written; until it is on disk, a load answers with it. */

#define DRAFT_PREFIX "draft:"

typedef struct
{
  guint64  serial;
  char    *text;  /* NULL: the draft is to be removed */
} PendingDraft;

static void
pending_draft_free (PendingDraft *pending)
{
  g_free (pending->text);
  g_free (pending);
}

typedef struct
{
  char    *key;     /* of self->drafts */
  char    *kind;    /* as stored, with DRAFT_PREFIX */
  char    *id;
  guint64  serial;  /* 0 for a load */
} DraftData;

static void
draft_data_free (DraftData *data)
{
  g_free (data->key);
  g_free (data->kind);
  g_free (data->id);
  g_free (data);
}

static DraftData *
draft_data_new (const char *kind,
                const char *id)
{
  DraftData *data = g_new0 (DraftData, 1);

  data->key = g_strconcat (kind, "\n", id, NULL);
  data->kind = g_strconcat (DRAFT_PREFIX, kind, NULL);
  data->id = g_strdup (id);
  return data;
}

/* Whether the draft of @data waits to be written; *out_text: its text then (NULL: removed). */
static gboolean
lookup_pending_draft (SpCache    *self,
                      DraftData  *data,
                      guint64    *out_serial,
                      char      **out_text)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->draft_lock);
  PendingDraft *pending = g_hash_table_lookup (self->drafts, data->key);

  if (pending == NULL)
    return FALSE;

  *out_serial = pending->serial;
  if (out_text != NULL)
    *out_text = g_strdup (pending->text);
  return TRUE;
}

static gboolean
save_draft_func (SpCache    *self,
                 Operation  *operation,
                 GError    **error)
{
  DraftData *data = operation->data;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) sealed = NULL;
  PendingDraft *pending;
  guint64 serial = 0;

  /* A newer write of this draft was asked for: it alone counts. */
  if (!lookup_pending_draft (self, data, &serial, &text) || serial != data->serial)
    return TRUE;

  /* Removing from a copy that is gone (signed out) must not make a new file. */
  if (text != NULL || self->store != NULL || g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      if (!ensure_store (self, error))
        return FALSE;
      if (text != NULL)
        sealed = seal_with (self->key, text, strlen (text));
      if (!sp_store_set_private (self->store, data->kind, data->id, sealed, error))
        return FALSE;
    }

  /* On disk now: loads read it there, unless a newer one was asked for meanwhile. */
  g_mutex_lock (&self->draft_lock);
  pending = g_hash_table_lookup (self->drafts, data->key);
  if (pending != NULL && pending->serial == data->serial)
    g_hash_table_remove (self->drafts, data->key);
  g_mutex_unlock (&self->draft_lock);
  return TRUE;
}

static gboolean
load_draft_func (SpCache    *self,
                 Operation  *operation,
                 GError    **error)
{
  DraftData *data = operation->data;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) sealed = NULL;
  guint64 serial = 0;
  JsonNode *node;

  if (!lookup_pending_draft (self, data, &serial, &text))
    {
      gsize size = 0;
      const guint8 *bytes;

      if (!sp_store_get_private (self->store, data->kind, data->id, &sealed, error))
        return FALSE;
      if (sealed != NULL)
        {
          bytes = g_bytes_get_data (sealed, &size);
          text = unseal_with (self->key, bytes, size, error);
          if (text == NULL)
            return FALSE;
        }
    }

  if (text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No draft of %s %s",
                   data->kind, data->id);
      return FALSE;
    }

  node = sp_json_parse (text, -1, error);
  if (node == NULL)
    return FALSE;

  operation->result = node;
  operation->result_destroy = (GDestroyNotify) json_node_unref;
  return TRUE;
}

/* ---- the object ---- */

static void
sp_cache_finalize (GObject *object)
{
  SpCache *self = SP_CACHE (object);

  /* Every operation holds the cache, so none waits; the last may be ending in the worker
   * itself, which must not wait for itself. */
  g_thread_pool_free (self->worker, FALSE, FALSE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->path, g_free);
  sodium_memzero (self->key, sizeof self->key);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->cursor_lock);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_mutex_clear (&self->draft_lock);

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
  self->worker = g_thread_pool_new (worker_func, NULL, 1, FALSE, NULL);
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->cursor_lock);
  g_mutex_init (&self->draft_lock);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) pending_draft_free);
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
 * @key: the %SP_CACHE_KEY_SIZE bytes that seal the bodies (sp_token_store_load_cache_key())
 *
 * Returns: (transfer full): a cache; nothing is opened until the first operation
 */
SpCache *
sp_cache_new (const char *path,
              GBytes     *key)
{
  SpCache *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) == SP_CACHE_KEY_SIZE, NULL);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  self = g_object_new (SP_TYPE_CACHE, NULL);
  self->path = g_strdup (path);
  memcpy (self->key, g_bytes_get_data (key, NULL), SP_CACHE_KEY_SIZE);

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
 * sp_cache_apply_text_async:
 * @pages: (element-type GBytes): answers of GET /api/v1/changes, as the server sent them:
 *   one page, or consecutive pages, each but the first asked for from the "next" that
 *   sp_changes_page_peek() found in the one before
 *
 * Stores the pages' records (replacing, deleting), then the last one's "next" as the
 * cursor, in one transaction. The pages are read in the worker thread, and each record is
 * kept as the text received. Finish with sp_cache_apply_changes_finish().
 */
void
sp_cache_apply_text_async (SpCache             *self,
                           GPtrArray           *pages,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  ApplyData *data;

  g_return_if_fail (SP_IS_CACHE (self));
  g_return_if_fail (pages != NULL && pages->len > 0);

  data = g_new0 (ApplyData, 1);
  data->pages = g_ptr_array_ref (pages);
  run_operation (self, sp_cache_apply_text_async, TRUE, apply_func, data,
                 (GDestroyNotify) apply_data_free, cancellable, callback, user_data);
}

/**
 * sp_cache_apply_changes_async:
 * @page: one answer of GET /api/v1/changes
 *
 * sp_cache_apply_text_async() for a page already parsed.
 */
void
sp_cache_apply_changes_async (SpCache             *self,
                              JsonNode            *page,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  char *serialised;

  g_return_if_fail (SP_IS_CACHE (self));
  g_return_if_fail (page != NULL);

  serialised = sp_json_to_string (page, FALSE);
  g_ptr_array_add (pages, g_bytes_new_take (serialised, strlen (serialised)));
  sp_cache_apply_text_async (self, pages, cancellable, callback, user_data);
}

/**
 * sp_cache_apply_changes_finish:
 * @result: of sp_cache_apply_text_async() or sp_cache_apply_changes_async()
 * @out_n_changed: (out) (optional): how many records changed here (unchanged repeats of
 *   records already held do not count)
 * @out_more: (out) (optional): the (last) page's "more"
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

  g_return_val_if_fail (check_result (self, result, sp_cache_apply_text_async), FALSE);

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
 * Each is kept as the #SpEpisodeSummary it makes (sp_episode_summary_to_bytes()), so that
 * loading parses no JSON; a row that makes none is left out, as the overview leaves it out.
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
 * Reads the stored overview rows, ordered by episode id, and makes their summaries in the
 * worker thread, with the ward names of the stored units. Rows written in another format
 * (by another version of the app) are not read: none are returned then.
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
 * Returns: (transfer full) (element-type SpEpisodeSummary): the rows, or %NULL with @error
 *   set
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
 * sp_cache_load_record_async:
 * @kind: a kind of the changes feed ("episode", "patient_info", "sip", …)
 * @id: the record's id
 *
 * Reads one record of the copy, as the changes feed last gave it (offline printing).
 */
void
sp_cache_load_record_async (SpCache             *self,
                            const char          *kind,
                            const char          *id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  RecordKey *key;

  g_return_if_fail (SP_IS_CACHE (self));
  g_return_if_fail (kind != NULL && id != NULL);

  key = g_new0 (RecordKey, 1);
  key->kind = g_strdup (kind);
  key->id = g_strdup (id);
  run_operation (self, sp_cache_load_record_async, TRUE, load_record_func, key,
                 (GDestroyNotify) record_key_free, cancellable, callback, user_data);
}

/**
 * sp_cache_load_record_finish:
 *
 * Returns: (transfer full): the record's JSON, unsealed; %NULL with @error set
 *   (%G_IO_ERROR_NOT_FOUND when the copy holds no live record of that kind and id)
 */
JsonNode *
sp_cache_load_record_finish (SpCache       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_load_record_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
load_records_func (SpCache    *self,
                    Operation  *operation,
                    GError    **error)
{
  RecordKey *key = operation->data;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint offset = 0;; offset += LIST_STEP)
    {
      g_autoptr(GPtrArray) records =
        key->id != NULL ? sp_store_list_children (self->store, key->kind, key->id, offset,
                                                  LIST_STEP, error)
                        : sp_store_list (self->store, key->kind, NULL, offset, LIST_STEP, error);

      if (records == NULL)
        return FALSE;
      for (guint i = 0; i < records->len; i++)
        {
          SpRecord *record = g_ptr_array_index (records, i);
          g_autofree char *text = NULL;
          JsonNode *node;

          if (sp_record_is_deleted (record))
            continue;
          text = record_text (record, error);
          if (text == NULL || (node = sp_json_parse (text, -1, error)) == NULL)
            return FALSE;
          g_ptr_array_add (nodes, node);
        }
      if (records->len < LIST_STEP)
        break;
    }

  operation->result = g_steal_pointer (&nodes);
  operation->result_destroy = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

/**
 * sp_cache_load_records_async:
 * @kind: the records' kind ("message", "episode", …)
 * @parent_id: (nullable): their parent's id (an episode's); %NULL: every record of @kind
 *
 * Reads the live records of @kind (under @parent_id), as the changes feed last gave them
 * (the episode page and the inbox offline).
 */
void
sp_cache_load_records_async (SpCache             *self,
                              const char          *kind,
                              const char          *parent_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  RecordKey *key;

  g_return_if_fail (SP_IS_CACHE (self));
  g_return_if_fail (kind != NULL);

  key = g_new0 (RecordKey, 1);
  key->kind = g_strdup (kind);
  key->id = g_strdup (parent_id);
  run_operation (self, sp_cache_load_records_async, TRUE, load_records_func, key,
                 (GDestroyNotify) record_key_free, cancellable, callback, user_data);
}

/**
 * sp_cache_load_records_finish:
 *
 * Returns: (transfer container) (element-type JsonNode): the records, unsealed, in the
 *   store's order; %NULL with @error set
 */
GPtrArray *
sp_cache_load_records_finish (SpCache       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_load_records_async), NULL);

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

/**
 * sp_cache_outbox_write_async:
 * @put: (nullable) (element-type JsonNode): outbox commands to store or replace, by "id"
 * @remove: (nullable): ids of commands to forget
 *
 * Changes the durable outbox in one transaction: a command is stored before it is sent, and
 * an answered one leaves together with any rewriting of the commands behind it.
 */
void
sp_cache_outbox_write_async (SpCache             *self,
                             GPtrArray           *put,
                             const char * const  *remove,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  OutboxData *data;

  g_return_if_fail (SP_IS_CACHE (self));

  data = g_new0 (OutboxData, 1);
  data->put = put != NULL ? g_ptr_array_ref (put) : NULL;
  data->remove = g_strdupv ((char **) remove);
  run_operation (self, sp_cache_outbox_write_async, TRUE, outbox_write_func, data,
                 (GDestroyNotify) outbox_data_free, cancellable, callback, user_data);
}

gboolean
sp_cache_outbox_write_finish (SpCache       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_outbox_write_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sp_cache_outbox_load_async:
 *
 * Reads the durable outbox, oldest command first.
 */
void
sp_cache_outbox_load_async (SpCache             *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (SP_IS_CACHE (self));

  run_operation (self, sp_cache_outbox_load_async, TRUE, outbox_load_func, NULL, NULL,
                 cancellable, callback, user_data);
}

/**
 * sp_cache_outbox_load_finish:
 *
 * Returns: (transfer full) (element-type JsonNode): the commands, or %NULL with @error set
 */
GPtrArray *
sp_cache_outbox_load_finish (SpCache       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_outbox_load_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sp_cache_save_draft_async:
 * @kind: what the draft is of, e.g. "sip_invitation"
 * @id: the record it belongs to
 * @draft: (nullable): what the user typed; %NULL removes the draft
 *
 * Keeps a draft the server does not have yet, sealed, across restarts. Later calls for the
 * same @kind and @id win over earlier ones whatever order the writes run in, and
 * sp_cache_load_draft_async() sees the latest at once.
 */
void
sp_cache_save_draft_async (SpCache             *self,
                           const char          *kind,
                           const char          *id,
                           JsonNode            *draft,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  DraftData *data;
  PendingDraft *pending;

  g_return_if_fail (SP_IS_CACHE (self));
  g_return_if_fail (kind != NULL && id != NULL);

  data = draft_data_new (kind, id);
  pending = g_new0 (PendingDraft, 1);
  pending->text = draft != NULL ? sp_json_to_string (draft, FALSE) : NULL;

  g_mutex_lock (&self->draft_lock);
  pending->serial = data->serial = ++self->draft_serial;
  g_hash_table_replace (self->drafts, g_strdup (data->key), pending);
  g_mutex_unlock (&self->draft_lock);

  /* The store is opened by save_draft_func () only when there is something to write. */
  run_operation (self, sp_cache_save_draft_async, FALSE, save_draft_func, data,
                 (GDestroyNotify) draft_data_free, cancellable, callback, user_data);
}

gboolean
sp_cache_save_draft_finish (SpCache       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_save_draft_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sp_cache_load_draft_async:
 * @kind: what the draft is of
 * @id: the record it belongs to
 *
 * Reads the draft last given to sp_cache_save_draft_async().
 */
void
sp_cache_load_draft_async (SpCache             *self,
                           const char          *kind,
                           const char          *id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (SP_IS_CACHE (self));
  g_return_if_fail (kind != NULL && id != NULL);

  run_operation (self, sp_cache_load_draft_async, TRUE, load_draft_func,
                 draft_data_new (kind, id), (GDestroyNotify) draft_data_free, cancellable,
                 callback, user_data);
}

/**
 * sp_cache_load_draft_finish:
 *
 * Returns: (transfer full): the draft, unsealed; %NULL with @error set
 *   (%G_IO_ERROR_NOT_FOUND when there is none)
 */
JsonNode *
sp_cache_load_draft_finish (SpCache       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (check_result (self, result, sp_cache_load_draft_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
