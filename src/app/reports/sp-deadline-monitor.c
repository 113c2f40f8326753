/* sp-deadline-monitor.c — how many clocks are overdue, per kind, on the overview
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counts the overview's rows (SpEpisodeSummary, read only) whose clocks are overdue, by the
 * kind of clock. A row's earliest open clock is overdue whenever any is (it falls due first),
 * so its kind is the row's next deadline. Each count is a button: "filter-requested" asks the
 * overview to show those rows (sp_deadline_monitor_matches() tells which).
 */

#define G_LOG_DOMAIN "sp-deadline-monitor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sp-deadline-monitor.h"

struct _SpDeadlineMonitor
{
  AdwBin      parent_instance;

  GListModel *model;
  GHashTable *counts;   /* kind (the clock's label) → count */
  GtkWidget  *box;
  guint       recount_id;
};

G_DEFINE_FINAL_TYPE (SpDeadlineMonitor, sp_deadline_monitor, ADW_TYPE_BIN)

enum
{
  FILTER_REQUESTED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* The kind a row counts under, or NULL when nothing of it is overdue. */
static const char *
get_kind (SpEpisodeSummary *summary)
{
  const char *label;

  if (!sp_episode_summary_get_overdue (summary))
    return NULL;

  label = sp_episode_summary_get_next_deadline_label (summary);
  return label != NULL ? label : _("Other deadline");
}

/**
 * sp_deadline_monitor_matches:
 * @summary: a row of the overview
 * @kind: a kind from #SpDeadlineMonitor::filter-requested
 *
 * Returns: whether the row is one of that count's
 */
gboolean
sp_deadline_monitor_matches (SpEpisodeSummary *summary,
                             const char       *kind)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (summary), FALSE);

  return g_strcmp0 (get_kind (summary), kind) == 0;
}

static void
button_clicked_cb (GtkButton         *button,
                   SpDeadlineMonitor *self)
{
  g_signal_emit (self, signals[FILTER_REQUESTED], 0,
                 g_object_get_data (G_OBJECT (button), "kind"));
}

static int
compare_kinds (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
rebuild (SpDeadlineMonitor *self)
{
  g_autofree const char **kinds = NULL;
  GtkWidget *child;
  guint n_kinds;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  kinds = (const char **) g_hash_table_get_keys_as_array (self->counts, &n_kinds);
  /* GTK makes the scrolled window a Tab stop of its own when nothing in it takes the focus:
   * the strip is one only through its buttons (tests/app/test-tab-order.c). */
  gtk_widget_set_can_focus (adw_bin_get_child (ADW_BIN (self)), n_kinds > 0);
  if (n_kinds == 0)
    {
      GtkWidget *label = gtk_label_new (_("No overdue deadlines"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->box), label);
      return;
    }

  qsort (kinds, n_kinds, sizeof (char *), compare_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, kinds[i]));
      /* Translators: an overdue clock and how many episodes have it overdue. */
      g_autofree char *text = g_strdup_printf (_("⚠ %s: %u"), kinds[i], count);
      g_autofree char *tooltip = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Show the %u episode overdue on “%s”",
                     "Show the %u episodes overdue on “%s”", count), count, kinds[i]);
      GtkWidget *button = gtk_button_new_with_label (text);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "error");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "kind", g_strdup (kinds[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->box), button);
    }
}

static void
recount (SpDeadlineMonitor *self)
{
  guint n = g_list_model_get_n_items (self->model);

  g_hash_table_remove_all (self->counts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpEpisodeSummary) summary = g_list_model_get_item (self->model, i);
      const char *kind = get_kind (summary);

      if (kind != NULL)
        g_hash_table_insert (self->counts, g_strdup (kind),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (
                               g_hash_table_lookup (self->counts, kind)) + 1));
    }

  rebuild (self);
}

static gboolean
recount_cb (gpointer user_data)
{
  SpDeadlineMonitor *self = user_data;

  self->recount_id = 0;
  recount (self);
  return G_SOURCE_REMOVE;
}

/* Counted once the changes settle, after what is shown: a refresh of thousands of rows
 * changes the model many times, and each count walks every row. */
static void
items_changed_cb (GListModel        *model,
                  guint              position,
                  guint              removed,
                  guint              added,
                  SpDeadlineMonitor *self)
{
  if (self->recount_id == 0)
    self->recount_id = g_idle_add_full (G_PRIORITY_LOW, recount_cb, self, NULL);
}

static void
sp_deadline_monitor_dispose (GObject *object)
{
  SpDeadlineMonitor *self = SP_DEADLINE_MONITOR (object);

  g_clear_handle_id (&self->recount_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->counts, g_hash_table_unref);

  G_OBJECT_CLASS (sp_deadline_monitor_parent_class)->dispose (object);
}

static void
sp_deadline_monitor_class_init (SpDeadlineMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_deadline_monitor_dispose;

  /**
   * SpDeadlineMonitor::filter-requested:
   * @kind: the kind of clock (its label), for sp_deadline_monitor_matches()
   *
   * The user asked to see the rows overdue on @kind.
   */
  signals[FILTER_REQUESTED] = g_signal_new ("filter-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sp_deadline_monitor_init (SpDeadlineMonitor *self)
{
  GtkWidget *scrolled;

  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Overdue deadlines"), -1);
  /* Scrolls sideways in a narrow window instead of widening the overview. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->box);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

/**
 * sp_deadline_monitor_new:
 * @model: the overview's rows (items #SpEpisodeSummary), watched for changes
 *
 * Returns: (transfer floating): a new #SpDeadlineMonitor
 */
GtkWidget *
sp_deadline_monitor_new (GListModel *model)
{
  SpDeadlineMonitor *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (SP_TYPE_DEADLINE_MONITOR, NULL);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  recount (self);

  return GTK_WIDGET (self);
}

/**
 * sp_deadline_monitor_get_count:
 * @kind: a kind of clock (its label)
 *
 * Returns: how many rows are overdue on @kind
 */
guint
sp_deadline_monitor_get_count (SpDeadlineMonitor *self,
                               const char        *kind)
{
  g_return_val_if_fail (SP_IS_DEADLINE_MONITOR (self), 0);

  /* Asked before the idle count: counted now. */
  if (self->recount_id != 0)
    {
      g_clear_handle_id (&self->recount_id, g_source_remove);
      recount (self);
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, kind));
}
