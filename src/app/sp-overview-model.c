/* sp-overview-model.c — the overview's rows, sorted and filtered in one pass
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What GtkSortListModel and GtkFilterListModel would do together, for one reason: with
 * 100,000 rows, GTK 4.8's list views are slow to take a change that touches most of the
 * list through the two models (a keystroke that hides tens of thousands of rows cost up to
 * a second). Here every change — of the rows, the order or the filter — is worked out on
 * plain arrays.
 *
 * The items are SpOverviewRow: place holders, one per position, that show the summary at
 * their position. GTK 4.8's list views never reuse a row's widgets for another item: a
 * keystroke that changed which episodes fill the screen made it destroy and build ~200 rows
 * of cells (it keeps 200 realized), hundreds of milliseconds. Here such a change keeps the
 * items and changes what they show ("notify::summary", bound cells update their texts); only
 * a change in the number of rows is an items-changed, at the end of the list. After every
 * change, "rows-changed" is emitted, so that the page can select the same episode again.
 *
 * Sorting 100,000 rows through a GtkSorter takes a tenth of a second or more: 1.6 million
 * comparisons, each reading two rows scattered through memory. When the caller knows that the
 * order is that of a number per row (the overview's first order, by next deadline), it gives
 * that number (sp_overview_model_set_sort_key ()): each row is read once and the numbers are
 * sorted side by side, about ten times faster.
 */

#define G_LOG_DOMAIN "sp-overview-model"

#include "config.h"

#include "sp-overview-model.h"

struct _SpOverviewRow
{
  GObject           parent_instance;

  SpEpisodeSummary *summary;
};

G_DEFINE_FINAL_TYPE (SpOverviewRow, sp_overview_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_SUMMARY,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];
static guint notify_signal_id;
static GQuark summary_quark;

static void
sp_overview_row_finalize (GObject *object)
{
  g_clear_object (&SP_OVERVIEW_ROW (object)->summary);

  G_OBJECT_CLASS (sp_overview_row_parent_class)->finalize (object);
}

static void
sp_overview_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case ROW_PROP_SUMMARY:
      g_value_set_object (value, SP_OVERVIEW_ROW (object)->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_overview_row_class_init (SpOverviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_overview_row_finalize;
  object_class->get_property = sp_overview_row_get_property;

  /**
   * SpOverviewRow:summary:
   *
   * The episode shown at the row's position; changes as the list is filtered and sorted.
   */
  row_properties[ROW_PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL, SP_TYPE_EPISODE_SUMMARY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);

  notify_signal_id = g_signal_lookup ("notify", G_TYPE_OBJECT);
  summary_quark = g_quark_from_static_string ("summary");
}

static void
sp_overview_row_init (SpOverviewRow *self)
{
}

/* Told only to whom listens: 100,000 rows change at a keystroke, ~200 are bound. */
static void
set_row_summary (SpOverviewRow    *self,
                 SpEpisodeSummary *summary)
{
  if (!g_set_object (&self->summary, summary))
    return;

  if (g_signal_has_handler_pending (self, notify_signal_id, summary_quark, FALSE))
    g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_SUMMARY]);
}

/**
 * sp_overview_row_get_summary:
 *
 * Returns: (transfer none): the episode the row shows now
 */
SpEpisodeSummary *
sp_overview_row_get_summary (SpOverviewRow *self)
{
  g_return_val_if_fail (SP_IS_OVERVIEW_ROW (self), NULL);

  return self->summary;
}

struct _SpOverviewModel
{
  GObject     parent_instance;

  GListModel *model;    /* the rows, nullable */
  GtkSorter  *sorter;
  GtkFilter  *filter;

  GPtrArray  *source;   /* the rows in the model's order: strong references */
  GPtrArray  *sorted;   /* the same, sorted: borrowed from source */
  GPtrArray  *shown;    /* what the filter lets through, sorted: borrowed from source */
  GPtrArray  *rows;     /* the items: an SpOverviewRow per position of shown, made when
                         * first asked for (NULL until then: the view asks for ~200) */
  SpOverviewSortKeyFunc sort_key; /* nullable: orders as the sorter does, until it changes */
};

enum {
  ROWS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sp_overview_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpOverviewModel, sp_overview_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sp_overview_model_list_model_init))

static GType
sp_overview_model_get_item_type (GListModel *list)
{
  return SP_TYPE_OVERVIEW_ROW;
}

static guint
sp_overview_model_get_n_items (GListModel *list)
{
  return SP_OVERVIEW_MODEL (list)->shown->len;
}

static gpointer
sp_overview_model_get_item (GListModel *list,
                            guint       position)
{
  SpOverviewModel *self = SP_OVERVIEW_MODEL (list);

  SpOverviewRow *row;

  if (position >= self->rows->len)
    return NULL;

  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    {
      row = g_object_new (SP_TYPE_OVERVIEW_ROW, NULL);
      row->summary = g_object_ref (g_ptr_array_index (self->shown, position));
      self->rows->pdata[position] = row;
    }

  return g_object_ref (row);
}

static void
sp_overview_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sp_overview_model_get_item_type;
  iface->get_n_items = sp_overview_model_get_n_items;
  iface->get_item = sp_overview_model_get_item;
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  return gtk_sorter_compare (user_data, *(gpointer *) a, *(gpointer *) b);
}

/* Rows not yet asked for are NULL. */
static void
free_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

/* @shown is the new list: the rows show it, and only a change in their number is an
 * items-changed (at the end). */
static void
replace_shown (SpOverviewModel *self,
               GPtrArray       *shown)
{
  g_autoptr(GPtrArray) old = self->shown;
  guint n_old = old->len;

  self->shown = shown;

  for (guint i = 0; i < MIN (n_old, shown->len); i++)
    if (self->rows->pdata[i] != NULL)
      set_row_summary (self->rows->pdata[i], g_ptr_array_index (shown, i));

  g_ptr_array_set_size (self->rows, shown->len);
  if (shown->len > n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, shown->len - n_old);
  else if (shown->len < n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), shown->len, n_old - shown->len, 0);

  g_signal_emit (self, signals[ROWS_CHANGED], 0);
}

/* Filters @from (sorted rows) into a new shown list. */
static void
refilter_from (SpOverviewModel *self,
               GPtrArray       *from)
{
  GPtrArray *shown = g_ptr_array_sized_new (from->len);

  switch (gtk_filter_get_strictness (self->filter))
    {
    case GTK_FILTER_MATCH_NONE:
      break;
    case GTK_FILTER_MATCH_ALL:
      for (guint i = 0; i < from->len; i++)
        g_ptr_array_add (shown, from->pdata[i]);
      break;
    case GTK_FILTER_MATCH_SOME:
    default:
      for (guint i = 0; i < from->len; i++)
        if (gtk_filter_match (self->filter, from->pdata[i]))
          g_ptr_array_add (shown, from->pdata[i]);
      break;
    }

  replace_shown (self, shown);
}

/* A row's sort key, and its place in source: rows with equal keys keep the model's order. */
typedef struct
{
  gint64 key;
  guint  index;
} Keyed;

static int
compare_keyed_cb (gconstpointer a,
                  gconstpointer b)
{
  const Keyed *keyed_a = a;
  const Keyed *keyed_b = b;

  if (keyed_a->key != keyed_b->key)
    return keyed_a->key < keyed_b->key ? -1 : 1;
  return (keyed_a->index > keyed_b->index) - (keyed_a->index < keyed_b->index);
}

/* The rows in the order of their keys: each row read once, the keys sorted side by side. */
static void
sort_by_key (SpOverviewModel *self)
{
  g_autoptr(GArray) keyed = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), self->source->len);

  for (guint i = 0; i < self->source->len; i++)
    {
      Keyed row = { self->sort_key (self->source->pdata[i]), i };

      g_array_append_val (keyed, row);
    }
  g_array_sort (keyed, compare_keyed_cb);

  for (guint i = 0; i < keyed->len; i++)
    g_ptr_array_add (self->sorted, self->source->pdata[g_array_index (keyed, Keyed, i).index]);
}

/* Sorts from the model's order, so that equal rows keep it (g_qsort_with_data is stable). */
static void
resort (SpOverviewModel *self)
{
  g_ptr_array_set_size (self->sorted, 0);
  if (self->sort_key != NULL)
    {
      sort_by_key (self);
      return;
    }

  for (guint i = 0; i < self->source->len; i++)
    g_ptr_array_add (self->sorted, self->source->pdata[i]);
  if (gtk_sorter_get_order (self->sorter) != GTK_SORTER_ORDER_NONE)
    g_ptr_array_sort_with_data (self->sorted, compare_cb, self->sorter);
}

/* Makes source the model's rows again; the old array goes with the rows only it held, after
 * the view has been told (a freed row's address could come back as a new row's). */
static void
take_rows (SpOverviewModel *self,
           guint            position,
           guint            removed,
           guint            added)
{
  g_autoptr(GPtrArray) old = self->source;
  guint n_old = old->len;

  self->source = g_ptr_array_new_full (n_old - removed + added, g_object_unref);
  for (guint i = 0; i < position; i++)
    g_ptr_array_add (self->source, g_object_ref (old->pdata[i]));
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (self->source, g_list_model_get_item (self->model, position + i));
  for (guint i = position + removed; i < n_old; i++)
    g_ptr_array_add (self->source, g_object_ref (old->pdata[i]));

  resort (self);
  refilter_from (self, self->sorted);
}

static void
model_items_changed_cb (GListModel      *model,
                        guint            position,
                        guint            removed,
                        guint            added,
                        SpOverviewModel *self)
{
  take_rows (self, position, removed, added);
}

static void
sorter_changed_cb (SpOverviewModel *self)
{
  /* Whatever the order is now, the key no longer says it. */
  self->sort_key = NULL;
  resort (self);
  refilter_from (self, self->sorted);
}

static void
filter_changed_cb (SpOverviewModel *self,
                   GtkFilterChange  change)
{
  /* Stricter: only what is shown can stay; a copy, as refilter_from replaces the list. */
  if (change == GTK_FILTER_CHANGE_MORE_STRICT)
    {
      g_autoptr(GPtrArray) shown = g_ptr_array_copy (self->shown, NULL, NULL);

      refilter_from (self, shown);
    }
  else
    {
      refilter_from (self, self->sorted);
    }
}

static void
sp_overview_model_dispose (GObject *object)
{
  SpOverviewModel *self = SP_OVERVIEW_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->sorter, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->model);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (sp_overview_model_parent_class)->dispose (object);
}

static void
sp_overview_model_finalize (GObject *object)
{
  SpOverviewModel *self = SP_OVERVIEW_MODEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->source, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_overview_model_parent_class)->finalize (object);
}

static void
sp_overview_model_class_init (SpOverviewModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_overview_model_dispose;
  object_class->finalize = sp_overview_model_finalize;

  /**
   * SpOverviewModel::rows-changed:
   *
   * What the rows show changed (filter, order or the rows themselves), whether or not
   * their number did.
   */
  signals[ROWS_CHANGED] =
    g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sp_overview_model_init (SpOverviewModel *self)
{
  self->source = g_ptr_array_new_with_free_func (g_object_unref);
  self->sorted = g_ptr_array_new ();
  self->shown = g_ptr_array_new ();
  self->rows = g_ptr_array_new_with_free_func (free_row);
}

/**
 * sp_overview_model_new:
 * @sorter: the order, e.g. a column view's sorter
 * @filter: what is shown
 *
 * Returns: (transfer full): an empty model of #SpOverviewRow; give it rows with
 *   sp_overview_model_set_model ()
 */
SpOverviewModel *
sp_overview_model_new (GtkSorter *sorter,
                       GtkFilter *filter)
{
  SpOverviewModel *self;

  g_return_val_if_fail (GTK_IS_SORTER (sorter), NULL);
  g_return_val_if_fail (GTK_IS_FILTER (filter), NULL);

  self = g_object_new (SP_TYPE_OVERVIEW_MODEL, NULL);
  self->sorter = g_object_ref (sorter);
  self->filter = g_object_ref (filter);
  g_signal_connect_swapped (sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed_cb), self);

  return self;
}

/**
 * sp_overview_model_set_model:
 * @model: (nullable): the rows
 *
 * Shows @model's rows, sorted and filtered.
 */
void
sp_overview_model_set_model (SpOverviewModel *self,
                             GListModel      *model)
{
  g_return_if_fail (SP_IS_OVERVIEW_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  take_rows (self, 0, self->source->len, model != NULL ? g_list_model_get_n_items (model) : 0);
}

/**
 * sp_overview_model_set_sort_key:
 * @key_func: (nullable): a number per row, in the order the sorter puts them (ascending);
 *   rows with equal numbers are equal to the sorter
 *
 * Sorts by @key_func instead of asking the sorter, until the sorter next changes: for an
 * order the caller knows, e.g. the one it just gave the sorter. The rows keep their order;
 * only the next sort (new rows, a filter that lets more through…) uses the key.
 */
void
sp_overview_model_set_sort_key (SpOverviewModel       *self,
                                SpOverviewSortKeyFunc  key_func)
{
  g_return_if_fail (SP_IS_OVERVIEW_MODEL (self));

  self->sort_key = key_func;
}

/**
 * sp_overview_model_get_filter:
 *
 * Returns: (transfer none): what decides which rows are shown
 */
GtkFilter *
sp_overview_model_get_filter (SpOverviewModel *self)
{
  g_return_val_if_fail (SP_IS_OVERVIEW_MODEL (self), NULL);

  return self->filter;
}

/**
 * sp_overview_model_get_n_total:
 *
 * Returns: how many rows there are, shown or not
 */
guint
sp_overview_model_get_n_total (SpOverviewModel *self)
{
  g_return_val_if_fail (SP_IS_OVERVIEW_MODEL (self), 0);

  return self->sorted->len;
}

/**
 * sp_overview_model_find:
 * @episode_id: an episode's id
 *
 * Returns: the position of the row that shows the episode, or %GTK_INVALID_LIST_POSITION
 *   when it is not shown
 */
guint
sp_overview_model_find (SpOverviewModel *self,
                        const char      *episode_id)
{
  g_return_val_if_fail (SP_IS_OVERVIEW_MODEL (self), GTK_INVALID_LIST_POSITION);
  g_return_val_if_fail (episode_id != NULL, GTK_INVALID_LIST_POSITION);

  for (guint i = 0; i < self->shown->len; i++)
    if (g_str_equal (sp_episode_summary_get_id (g_ptr_array_index (self->shown, i)), episode_id))
      return i;

  return GTK_INVALID_LIST_POSITION;
}
