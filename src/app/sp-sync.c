/* sp-sync.c — keeps the overview rows and the local copy up to date with the server
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One round, every "interval" seconds after the previous one ended:
 *
 *   0. push the outbox, oldest command first (sp_outbox_push_async), so that what the user
 *      did offline reaches the server before the copy is refreshed over it;
 *   1. page through GET /changes from the cache's cursor into the cache;
 *   2. if anything changed (or the rows are old: deadlines fall due without any write), read
 *      the unit names from the cache and every overview row (GET /episodes), store the rows
 *      and update the model;
 *   3. read the inbox count for the sidebar's badge.
 *
 * The rows are read only when needed because the server audits every patient a list shows.
 * The model is updated in place, by id: unchanged rows keep their item, a changed row's item
 * takes the new values (the update function) or is replaced at its position, so the list's
 * selection and scroll position survive a round.
 * Being offline ends a round quietly (the client's state says it); other failures are
 * reported through "finished" and kept as "last-error".
 *
 * A failed round is retried after 1, 2, 4 … seconds (at most the interval, at most
 * MAX_BACKOFF), and at once when GNetworkMonitor reports a network again (also after a
 * resume from sleep). Everything is asynchronous: the UI thread never waits for the server
 * or the disk.
 */

#define G_LOG_DOMAIN "sp-sync"

#include "config.h"

#include "sp-changes-page.h"
#include "sp-episode-summary.h"
#include "sp-json.h"
#include "sp-sync.h"

#define CHANGES_PAGE 500
/* Pages of the changes feed written in one transaction (docs/sync.md, "Speed"). */
#define PAGES_PER_WRITE 8
#define ROWS_PAGE 500
/* Rows older than this are read again even when nothing changed. */
#define ROWS_MAX_AGE (15 * G_TIME_SPAN_MINUTE)
#define DEFAULT_INTERVAL 30
#define MAX_BACKOFF 300

struct _SpSync
{
  GObject        parent_instance;

  SpClient         *client;
  SpCache          *cache;
  SpOutbox         *outbox;
  GNetworkMonitor  *monitor;
  guint             failures;     /* rounds failed in a row */
  guint             push_total;   /* commands to send in this round's push; 0: not pushing */
  guint             push_done;
  char             *last_error;
  SpSyncRowFunc     row_func;
  SpSyncUpdateFunc  update_func;
  gpointer          user_data;
  GHashTable       *unit_names;

  GListStore    *model;
  GPtrArray     *ids;    /* the id of each model item, in model order */
  GHashTable    *texts;  /* id → the row's JSON text the item was made from */
  guint          unread;
  guint          interval;

  gboolean       running;
  guint          timeout_id;
  GCancellable  *cancellable;  /* of the round under way; NULL between rounds */
  gboolean       refresh_again;
  guint          n_changed;
  GPtrArray     *rows;         /* rows read so far in this round */
  GPtrArray     *pages;        /* changes pages read ahead, not yet written (GBytes) */
  gint64         pages_next;   /* the cursor after them */
  GError        *pages_error;  /* the round's error, once they are written */
  gint64         rows_read_at; /* monotonic; 0: never */
};

G_DEFINE_FINAL_TYPE (SpSync, sp_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_UNREAD,
  PROP_INTERVAL,
  PROP_PUSH_TOTAL,
  PROP_PUSH_DONE,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_round (SpSync *self);
static void network_changed_cb (SpSync   *self,
                                gboolean  available);
static void fetch_changes (SpSync *self);

static const char *
row_id (JsonNode *row)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;
  JsonNode *id = object != NULL ? json_object_get_member (object, "id") : NULL;

  if (id == NULL || json_node_get_value_type (id) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (id);
}

static gpointer
make_item (SpSync   *self,
           JsonNode *row)
{
  g_autoptr(GError) error = NULL;
  gpointer item = self->row_func (row, self->user_data, &error);

  /* A row this version cannot read is left out, not fatal: the rest is still worth seeing. */
  if (item == NULL)
    g_message ("Overview row %s left out: %s", row_id (row), error->message);

  return item;
}

/* Makes the model show @rows with as few changes as possible (see the top of the file). */
static void
update_model (SpSync    *self,
              GPtrArray *rows)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      JsonNode *row = g_ptr_array_index (rows, i);
      const char *id = row_id (row);

      if (id != NULL)
        g_hash_table_insert (by_id, (gpointer) id, row);
    }

  /* From the end, so that removing keeps the positions still to visit valid. */
  for (guint i = self->ids->len; i-- > 0;)
    {
      const char *id = g_ptr_array_index (self->ids, i);
      JsonNode *row = g_hash_table_lookup (by_id, id);
      g_autofree char *text = NULL;
      g_autoptr(GObject) item = NULL;

      if (row == NULL)
        {
          g_hash_table_remove (self->texts, id);
          g_ptr_array_remove_index (self->ids, i);
          g_list_store_remove (self->model, i);
          continue;
        }

      text = sp_json_to_string (row, FALSE);
      if (g_strcmp0 (text, g_hash_table_lookup (self->texts, id)) == 0)
        continue;

      item = make_item (self, row);
      if (item == NULL)
        continue;
      if (self->update_func != NULL)
        {
          g_autoptr(GObject) current = g_list_model_get_item (G_LIST_MODEL (self->model), i);

          self->update_func (current, item);
        }
      else
        {
          g_list_store_splice (self->model, i, 1, (gpointer *) &item, 1);
        }
      g_hash_table_insert (self->texts, g_strdup (id), g_steal_pointer (&text));
    }

  for (guint i = 0; i < rows->len; i++)
    {
      JsonNode *row = g_ptr_array_index (rows, i);
      const char *id = row_id (row);
      gpointer item;

      if (id == NULL || g_hash_table_contains (self->texts, id) ||
          (item = make_item (self, row)) == NULL)
        continue;

      g_ptr_array_add (added, item);
      g_ptr_array_add (self->ids, g_strdup (id));
      g_hash_table_insert (self->texts, g_strdup (id), sp_json_to_string (row, FALSE));
    }

  if (added->len > 0)
    g_list_store_splice (self->model, g_list_model_get_n_items (G_LIST_MODEL (self->model)), 0,
                         added->pdata, added->len);
}

static void
set_unread (SpSync *self,
            guint   unread)
{
  if (self->unread == unread)
    return;

  self->unread = unread;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD]);
}

static void
set_last_error (SpSync     *self,
                const char *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_push_progress (SpSync *self,
                   guint   done,
                   guint   total)
{
  if (self->push_done != done)
    {
      self->push_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSH_DONE]);
    }
  if (self->push_total != total)
    {
      self->push_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSH_TOTAL]);
    }
}

static gboolean
timeout_cb (gpointer user_data)
{
  SpSync *self = user_data;

  self->timeout_id = 0;
  start_round (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_round (SpSync *self)
{
  guint delay = self->interval;

  /* Back off exponentially while failing, from one second up. */
  if (self->failures > 0)
    delay = MIN (delay, 1u << MIN (self->failures - 1, 8u));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->running && self->cancellable == NULL)
    self->timeout_id = g_timeout_add_seconds (MIN (delay, MAX_BACKOFF), timeout_cb, self);
}

/* Ends the round under way; sp_sync_stop () does this itself for a stopped round. */
static void
end_round (SpSync *self)
{
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_error (&self->pages_error);
  sp_client_release (self->client);
}

static void
finish_round (SpSync *self,
              GError *error)
{
  /* Every operation of a stopped round ends cancelled (GTask checks the cancellable), and
   * sp_sync_stop () has cleaned up already; another round may be under way by now. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  end_round (self);
  set_push_progress (self, 0, 0);
  self->failures = error != NULL ? self->failures + 1 : 0;
  if (error == NULL)
    set_last_error (self, NULL);
  else if (!g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE))
    set_last_error (self, error->message);
  g_signal_emit (self, signals[FINISHED], 0, error);

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      start_round (self);
    }
  else
    {
      schedule_round (self);
    }
}

static void
inbox_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpSync) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_list_inbox_finish (SP_CLIENT (object), result, &error);
  JsonObject *page;
  gint64 total = 0;

  if (node != NULL &&
      (page = sp_json_node_get_object (node, "$", &error)) != NULL &&
      sp_json_get_int (page, "total", TRUE, 0, G_MAXUINT, &total, &error))
    set_unread (self, total);

  finish_round (self, error);
}

static void
fetch_inbox (SpSync *self)
{
  sp_client_list_inbox_async (self->client, 0, 1, self->cancellable, inbox_cb,
                              g_object_ref (self));
}

static void
save_rows_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpSync) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sp_cache_save_rows_finish (SP_CACHE (object), result, &error))
    {
      finish_round (self, error);
      return;
    }

  fetch_inbox (self);
}

static void fetch_rows (SpSync *self);

static void
rows_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SpSync) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_list_episodes_finish (SP_CLIENT (object), result, &error);
  JsonObject *page;
  JsonArray *items;

  if (node == NULL ||
      (page = sp_json_node_get_object (node, "$", &error)) == NULL ||
      (items = sp_json_get_array (page, "items", TRUE, &error)) == NULL)
    {
      finish_round (self, error);
      return;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (self->rows, json_node_ref (json_array_get_element (items, i)));

  /* A page with fewer rows than asked for is the last. */
  if (json_array_get_length (items) == ROWS_PAGE)
    {
      fetch_rows (self);
      return;
    }

  self->rows_read_at = g_get_monotonic_time ();
  update_model (self, self->rows);
  sp_cache_save_rows_async (self->cache, self->rows, self->cancellable, save_rows_cb,
                            g_object_ref (self));
}

static void
fetch_rows (SpSync *self)
{
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (self->rows == NULL)
    self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_hash_table_insert (query, "offset", g_strdup_printf ("%u", self->rows->len));
  g_hash_table_insert (query, "limit", g_strdup_printf ("%u", ROWS_PAGE));
  sp_client_list_episodes_async (self->client, query, self->cancellable, rows_cb,
                                 g_object_ref (self));
}

typedef void (*Step) (SpSync *self);

typedef struct
{
  SpSync *self;
  Step    next;
} StepData;

static void
unit_names_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree StepData *data = user_data;
  g_autoptr(SpSync) self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) names = sp_cache_load_unit_names_finish (SP_CACHE (object), result,
                                                                  &error);

  if (names == NULL)
    {
      finish_round (self, error);
      return;
    }

  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  self->unit_names = g_steal_pointer (&names);
  data->next (self);
}

/* Reads the unit names, then goes on with @next. */
static void
load_unit_names (SpSync *self,
                 Step    next)
{
  StepData *data = g_new0 (StepData, 1);

  data->self = g_object_ref (self);
  data->next = next;
  sp_cache_load_unit_names_async (self->cache, self->cancellable, unit_names_cb, data);
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpSync) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;
  gboolean more = FALSE;

  if (!sp_cache_apply_changes_finish (SP_CACHE (object), result, &n_changed, &more, &error))
    {
      finish_round (self, error);
      return;
    }

  /* The pages read before the feed failed are kept; the round fails as it would have. */
  if (self->pages_error != NULL)
    {
      g_autoptr(GError) pages_error = g_steal_pointer (&self->pages_error);

      finish_round (self, pages_error);
      return;
    }

  self->n_changed += n_changed;
  if (more)
    fetch_changes (self);
  else if (self->n_changed > 0)
    load_unit_names (self, fetch_rows);
  else if (self->rows_read_at == 0 ||
           g_get_monotonic_time () - self->rows_read_at > ROWS_MAX_AGE)
    fetch_rows (self);
  else
    fetch_inbox (self);
}

/* Writes the pages read so far, in one transaction. */
static void
apply_pages (SpSync *self)
{
  g_autoptr(GPtrArray) pages = g_steal_pointer (&self->pages);

  sp_cache_apply_text_async (self->cache, pages, self->cancellable, apply_cb,
                             g_object_ref (self));
}

static void
changes_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpSync) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page = sp_client_get_changes_text_finish (SP_CLIENT (object), result,
                                                               &error);
  gsize length = 0;
  const char *text;
  gint64 next = 0;
  gboolean more = FALSE;

  if (page == NULL)
    {
      if (self->pages == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish_round (self, error);
          return;
        }
      self->pages_error = g_steal_pointer (&error);
      apply_pages (self);
      return;
    }

  if (self->pages == NULL)
    self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_ptr_array_add (self->pages, g_bytes_ref (page));

  /* Each transaction rewrites the pages of the copy's indexes that its records touch, so
   * several pages are written together: the next one is asked for at once, from the "next"
   * at the end of this one (checked when they are written). Nothing of a page is parsed
   * here; the cache's worker reads them. */
  text = g_bytes_get_data (page, &length);
  if (self->pages->len < PAGES_PER_WRITE && text != NULL &&
      sp_changes_page_peek (text, length, &next, &more) && more)
    {
      self->pages_next = next;
      fetch_changes (self);
      return;
    }

  apply_pages (self);
}

static void
fetch_changes (SpSync *self)
{
  gint64 since = self->pages != NULL ? self->pages_next : sp_cache_get_cursor (self->cache);

  sp_client_get_changes_text_async (self->client, since, CHANGES_PAGE, self->cancellable,
                                    changes_cb, g_object_ref (self));
}

static void
push_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SpSync) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sp_outbox_push_finish (SP_OUTBOX (object), result, &error))
    {
      finish_round (self, error);
      return;
    }
  if (self->cancellable == NULL)
    return;

  fetch_changes (self);
}

static void
n_pending_cb (SpSync *self)
{
  guint pending = sp_outbox_get_n_pending (self->outbox);
  guint total;

  if (self->push_total == 0)
    return;

  /* Commands submitted during the push join it. */
  total = MAX (self->push_total, self->push_done + pending);
  set_push_progress (self, total - MIN (pending, total), total);
}

/* Step 0: the outbox first, then the changes. */
static void
push_then_pull (SpSync *self)
{
  guint pending;

  if (self->outbox == NULL)
    {
      fetch_changes (self);
      return;
    }

  pending = sp_outbox_get_n_pending (self->outbox);
  set_push_progress (self, 0, pending);
  sp_outbox_push_async (self->outbox, self->cancellable, push_cb, g_object_ref (self));
}

static void
start_round (SpSync *self)
{
  if (self->cancellable != NULL)
    {
      self->refresh_again = TRUE;
      return;
    }

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->cancellable = g_cancellable_new ();
  self->n_changed = 0;
  sp_client_hold (self->client);
  push_then_pull (self);
}

static void
load_rows_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpSync) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sp_cache_load_rows_finish (SP_CACHE (object), result, &error);

  if (rows == NULL)
    {
      finish_round (self, error);
      return;
    }

  /* Unless rows were read before: then these are older than what the model shows.
   * overview2: the cache hands over finished SpEpisodeSummary items (made in its thread),
   * added with one splice; the first round then compares each row with its item anew, as
   * self->texts has no text for them. */
  if (self->rows_read_at == 0 && self->ids->len == 0 &&
      g_type_is_a (SP_TYPE_EPISODE_SUMMARY,
                   g_list_model_get_item_type (G_LIST_MODEL (self->model))))
    {
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (self->ids,
                         g_strdup (sp_episode_summary_get_id (g_ptr_array_index (rows, i))));
      g_list_store_splice (self->model, 0, 0, rows->pdata, rows->len);
    }

  push_then_pull (self);
}

static void
load_cached_rows (SpSync *self)
{
  sp_cache_load_rows_async (self->cache, self->cancellable, load_rows_cb, g_object_ref (self));
}

static void
sp_sync_dispose (GObject *object)
{
  SpSync *self = SP_SYNC (object);

  sp_sync_stop (self);

  G_OBJECT_CLASS (sp_sync_parent_class)->dispose (object);
}

static void
sp_sync_finalize (GObject *object)
{
  SpSync *self = SP_SYNC (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_object (&self->outbox);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_object (&self->model);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->unit_names, g_hash_table_unref);

  G_OBJECT_CLASS (sp_sync_parent_class)->finalize (object);
}

static void
sp_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SpSync *self = SP_SYNC (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_UNREAD:
      g_value_set_uint (value, self->unread);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_PUSH_TOTAL:
      g_value_set_uint (value, self->push_total);
      break;
    case PROP_PUSH_DONE:
      g_value_set_uint (value, self->push_done);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_sync_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SpSync *self = SP_SYNC (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      sp_sync_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_sync_class_init (SpSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_sync_dispose;
  object_class->finalize = sp_sync_finalize;
  object_class->get_property = sp_sync_get_property;
  object_class->set_property = sp_sync_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREAD] =
    g_param_spec_uint ("unread", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, G_MAXUINT, DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SpSync:push-total:
   *
   * How many outbox commands the push under way sends; 0 while not pushing.
   */
  properties[PROP_PUSH_TOTAL] =
    g_param_spec_uint ("push-total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SpSync:push-done:
   *
   * How many of #SpSync:push-total have been answered.
   */
  properties[PROP_PUSH_DONE] =
    g_param_spec_uint ("push-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SpSync:last-error:
   *
   * The message of the last failed round other than being offline; %NULL after a good one.
   */
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpSync::finished:
   * @error: (nullable): why the round failed; %NULL if it succeeded
   *
   * A round has ended (not emitted for stopped rounds). An %SP_CLIENT_ERROR_OFFLINE error
   * needs no message of its own: the client's state shows it.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sp_sync_init (SpSync *self)
{
  self->interval = DEFAULT_INTERVAL;
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * sp_sync_new:
 * @client: a signed-in client
 * @cache: the opened cache of the client's server and user
 * @item_type: the type of the model's items
 * @row_func: (scope forever): makes an item of @item_type from an overview row
 * @update_func: (scope forever) (nullable): updates an item from a newer one; %NULL to
 *   replace changed items instead
 * @user_data: data for @row_func; it must outlive the sync
 *
 * Returns: (transfer full): a stopped sync
 */
SpSync *
sp_sync_new (SpClient         *client,
             SpCache          *cache,
             GType             item_type,
             SpSyncRowFunc     row_func,
             SpSyncUpdateFunc  update_func,
             gpointer          user_data)
{
  SpSync *self;

  g_return_val_if_fail (SP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (SP_IS_CACHE (cache), NULL);
  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (row_func != NULL, NULL);

  self = g_object_new (SP_TYPE_SYNC, NULL);
  self->client = g_object_ref (client);
  self->cache = g_object_ref (cache);
  self->model = g_list_store_new (item_type);
  self->row_func = row_func;
  self->update_func = update_func;
  self->user_data = user_data;

  return self;
}

/**
 * sp_sync_get_unit_name:
 * @unit_id: a unit's id
 *
 * Returns: (nullable): the unit's name from the directory, %NULL if it is not known
 */
const char *
sp_sync_get_unit_name (SpSync     *self,
                       const char *unit_id)
{
  g_return_val_if_fail (SP_IS_SYNC (self), NULL);
  g_return_val_if_fail (unit_id != NULL, NULL);

  return self->unit_names != NULL ? g_hash_table_lookup (self->unit_names, unit_id) : NULL;
}

/**
 * sp_sync_get_model:
 *
 * Returns: (transfer none): the overview rows as items, in the server's order (by id)
 */
GListModel *
sp_sync_get_model (SpSync *self)
{
  g_return_val_if_fail (SP_IS_SYNC (self), NULL);

  return G_LIST_MODEL (self->model);
}

/**
 * sp_sync_get_unread:
 *
 * Returns: how many messages and notices the unit has still to acknowledge, as of the last
 *   round that reached the server
 */
guint
sp_sync_get_unread (SpSync *self)
{
  g_return_val_if_fail (SP_IS_SYNC (self), 0);

  return self->unread;
}

guint
sp_sync_get_interval (SpSync *self)
{
  g_return_val_if_fail (SP_IS_SYNC (self), 0);

  return self->interval;
}

/**
 * sp_sync_set_interval:
 * @seconds: the pause between the end of one round and the start of the next, ≥ 1
 */
void
sp_sync_set_interval (SpSync *self,
                      guint   seconds)
{
  g_return_if_fail (SP_IS_SYNC (self));
  g_return_if_fail (seconds > 0);

  if (self->interval == seconds)
    return;

  self->interval = seconds;
  if (self->timeout_id != 0)
    schedule_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

/**
 * sp_sync_start:
 *
 * Shows the cached rows, then starts the first round at once.
 */
void
sp_sync_start (SpSync *self)
{
  g_return_if_fail (SP_IS_SYNC (self));

  if (self->running)
    return;

  self->running = TRUE;
  if (self->monitor == NULL)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      g_signal_connect_object (self->monitor, "network-changed",
                               G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
    }
  self->cancellable = g_cancellable_new ();
  self->n_changed = 0;
  sp_client_hold (self->client);
  load_unit_names (self, load_cached_rows);
}

/**
 * sp_sync_stop:
 *
 * Cancels the round under way and schedules no more. The model keeps its rows.
 */
void
sp_sync_stop (SpSync *self)
{
  g_return_if_fail (SP_IS_SYNC (self));

  self->running = FALSE;
  self->refresh_again = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      end_round (self);
    }
}

/**
 * sp_sync_refresh:
 *
 * Starts a round now, or right after the one under way.
 */
void
sp_sync_refresh (SpSync *self)
{
  g_return_if_fail (SP_IS_SYNC (self));

  if (self->running)
    start_round (self);
}

static void
network_changed_cb (SpSync   *self,
                    gboolean  available)
{
  /* Back on a network (or awake again): try now instead of after the back-off. */
  if (available && self->running && self->failures > 0)
    {
      self->failures = 0;
      start_round (self);
    }
}

/**
 * sp_sync_set_outbox:
 * @outbox: (nullable): the outbox each round pushes first
 */
void
sp_sync_set_outbox (SpSync   *self,
                    SpOutbox *outbox)
{
  g_return_if_fail (SP_IS_SYNC (self));
  g_return_if_fail (outbox == NULL || SP_IS_OUTBOX (outbox));

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_set_object (&self->outbox, outbox);
  if (outbox != NULL)
    g_signal_connect_object (outbox, "notify::n-pending", G_CALLBACK (n_pending_cb), self,
                             G_CONNECT_SWAPPED);
}

/**
 * sp_sync_get_outbox:
 *
 * Returns: (transfer none) (nullable): the outbox each round pushes first
 */
SpOutbox *
sp_sync_get_outbox (SpSync *self)
{
  g_return_val_if_fail (SP_IS_SYNC (self), NULL);

  return self->outbox;
}

SpClient *
sp_sync_get_client (SpSync *self)
{
  g_return_val_if_fail (SP_IS_SYNC (self), NULL);

  return self->client;
}

guint
sp_sync_get_push_total (SpSync *self)
{
  g_return_val_if_fail (SP_IS_SYNC (self), 0);

  return self->push_total;
}

guint
sp_sync_get_push_done (SpSync *self)
{
  g_return_val_if_fail (SP_IS_SYNC (self), 0);

  return self->push_done;
}

const char *
sp_sync_get_last_error (SpSync *self)
{
  g_return_val_if_fail (SP_IS_SYNC (self), NULL);

  return self->last_error;
}
