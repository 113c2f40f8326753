/* sp-inbox-page.c — Inkorgen: unacknowledged messages for my units
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is GET /api/v1/inbox, read when the page is shown and whenever the sync engine's
 * count changes while it is. Acknowledging goes through the outbox (a message: its
 * acknowledge endpoint; a notice: the episode's acknowledgements, at the episode's current
 * revision), takes the row away and asks the sync engine for a round, which brings the
 * sidebar's count down. The local copy holds no inbox, so offline the page keeps the list it
 * last read and says since when; an acknowledgement made then stays on its row as
 * "Väntar på att skickas" until the outbox has sent it.
 */

#define G_LOG_DOMAIN "sp-inbox-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-format.h"
#include "sp-inbox-item.h"
#include "sp-inbox-local.h"
#include "sp-inbox-page-private.h"
#include "sp-json.h"
#include "sp-pending-mark.h"

/* The API's largest page. */
#define PAGE_SIZE 500

G_DEFINE_FINAL_TYPE (SpInboxPage, sp_inbox_page, ADW_TYPE_BIN)

typedef enum
{
  COLUMN_KIND,
  COLUMN_PATIENT,
  COLUMN_FROM,
  COLUMN_AGE,
  COLUMN_ACTION,
} Column;

void
sp_inbox_page_toast (SpInboxPage *self,
                     const char  *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* ---- What the page shows ---- */

static void
update_offline (SpInboxPage *self)
{
  SpClient *client = sp_account_get_client (self->account);
  gboolean offline = sp_client_get_state (client) == SP_CLIENT_STATE_OFFLINE;

  if (offline && self->from_copy)
    gtk_label_set_label (self->offline_label,
                         _("Offline: the inbox as the copy on this computer has it"));
  else if (offline && self->loaded_at != NULL)
    {
      g_autoptr(GDateTime) local = sp_calendar_to_local (self->loaded_at);
      g_autofree char *time = g_date_time_format (local, "%H:%M");
      g_autofree char *text = g_strdup_printf (_("Offline: the inbox as it was at %s"), time);

      gtk_label_set_label (self->offline_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label),
                          offline && (self->loaded_at != NULL || self->from_copy));
}

void
sp_inbox_page_update_view (SpInboxPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (sp_client_get_state (sp_account_get_client (self->account)) == SP_CLIENT_STATE_OFFLINE)
    gtk_stack_set_visible_child_name (self->stack, "offline");
  else
    gtk_stack_set_visible_child_name (self->stack, "loading");
  update_offline (self);
  /* Nothing to select, nothing to say: no bar over the empty state. */
  gtk_widget_set_visible (self->toolbar,
                          n_items > 0 || gtk_widget_get_visible (GTK_WIDGET (self->offline_label)));
}

static void
selection_changed_cb (SpInboxPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
    GTK_SELECTION_MODEL (self->selection));
  guint n_selected = gtk_bitset_get_size (selected);
  g_autofree char *text = NULL;

  if (n_selected > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected",
                                         n_selected), n_selected);
  gtk_label_set_label (self->selection_label, text != NULL ? text : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.acknowledge-selected",
                                 n_selected > 0);
}

/* ---- The columns ---- */

/* The mark instead of the button while the outbox keeps or holds the acknowledgement. */
static void
show_action_mark (SpInboxPage *self,
                  GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *button = gtk_widget_get_first_child (box);
  SpOutboxMark mark = sp_inbox_page_get_mark (self, gtk_list_item_get_item (list_item));

  sp_pending_mark_set_mark (SP_PENDING_MARK (gtk_widget_get_next_sibling (button)), mark);
  gtk_widget_set_visible (button, mark == SP_OUTBOX_MARK_NONE);
}

static GtkWidget *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* Two lines: the main text and a dim one under it (a message's text, the identity number). */
static GtkWidget *
new_two_lines (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_append (GTK_BOX (box), new_label (NULL));
  gtk_box_append (GTK_BOX (box), new_label ("dim-label"));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  return box;
}

static void
set_two_lines (GtkWidget  *box,
               const char *first,
               const char *second)
{
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *bottom = gtk_widget_get_next_sibling (top);

  gtk_label_set_label (GTK_LABEL (top), first != NULL ? first : "");
  gtk_label_set_label (GTK_LABEL (bottom), second != NULL ? second : "");
  gtk_widget_set_visible (bottom, second != NULL && *second != '\0');
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *child;

  switch (column)
    {
    case COLUMN_KIND:
    case COLUMN_PATIENT:
      child = new_two_lines ();
      break;
    case COLUMN_FROM:
    case COLUMN_AGE:
      child = new_label (NULL);
      break;
    case COLUMN_ACTION:
      {
        /* The button, or what became of the acknowledgement while the outbox keeps it. */
        GtkWidget *button = gtk_button_new_with_label (_("Acknowledge"));

        child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
        gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
        gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
        gtk_box_append (GTK_BOX (child), button);
        gtk_box_append (GTK_BOX (child), sp_pending_mark_new ());
      }
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_list_item_set_child (list_item, child);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              SpInboxPage              *self)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);
  SpInboxItem *item = gtk_list_item_get_item (list_item);
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  const char *unit_id = sp_inbox_item_get_from_unit_id (item);
  const char *unit_name = sp_account_get_unit_name (self->account, unit_id);
  const char *patient = sp_inbox_item_get_patient_name (item);

  switch (column)
    {
    case COLUMN_KIND:
      set_two_lines (child, sp_inbox_item_get_kind_label (item), sp_inbox_item_get_text (item));
      break;
    case COLUMN_PATIENT:
      set_two_lines (child, patient != NULL ? patient : _("Name withheld"),
                     sp_inbox_item_get_identity (item));
      break;
    case COLUMN_FROM:
      gtk_label_set_label (GTK_LABEL (child), unit_name != NULL ? unit_name : unit_id);
      break;
    case COLUMN_AGE:
      {
        g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
        g_autofree char *age = sp_inbox_format_age (sp_inbox_item_get_sent_at (item), now);
        g_autofree char *exact = sp_format_time (sp_inbox_item_get_sent_at (item));

        gtk_label_set_label (GTK_LABEL (child), age);
        gtk_widget_set_tooltip_text (child, exact);
      }
      break;
    case COLUMN_ACTION:
      {
        GtkWidget *button = gtk_widget_get_first_child (child);
        /* Says what it acknowledges, for a screen reader going down the column. */
        g_autofree char *label = g_strdup_printf (_("Acknowledge %s, %s"),
                                                  sp_inbox_item_get_kind_label (item),
                                                  patient != NULL ? patient : _("Name withheld"));

        /* The target first: the action takes a parameter. */
        gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                          sp_inbox_item_get_key (item));
        gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "inbox.acknowledge");
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        gtk_widget_set_tooltip_text (button, label);
        g_hash_table_add (self->action_cells, list_item);
        show_action_mark (self, list_item);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SpInboxPage              *self)
{
  if (self->action_cells != NULL)
    g_hash_table_remove (self->action_cells, list_item);
}

static void
set_up_columns (SpInboxPage *self)
{
  GtkColumnViewColumn *columns[] = {
    [COLUMN_KIND] = self->kind_column,
    [COLUMN_PATIENT] = self->patient_column,
    [COLUMN_FROM] = self->from_column,
    [COLUMN_AGE] = self->age_column,
    [COLUMN_ACTION] = self->action_column,
  };

  for (guint column = 0; column < G_N_ELEMENTS (columns); column++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (column));
      g_signal_connect_object (factory, "bind", G_CALLBACK (cell_bind_cb), self, 0);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (cell_unbind_cb), self, 0);
      gtk_column_view_column_set_factory (columns[column], factory);
    }
}

/* ---- Reading the list ---- */

/* Shows @items, leaving the model alone when nothing changed (so the selection stays). */
static void
replace_items (SpInboxPage *self,
               GPtrArray   *items)
{
  GListModel *model = G_LIST_MODEL (self->store);
  gboolean same = g_list_model_get_n_items (model) == items->len;

  for (guint i = 0; same && i < items->len; i++)
    {
      g_autoptr(SpInboxItem) shown = g_list_model_get_item (model, i);

      same = g_str_equal (sp_inbox_item_get_key (shown),
                          sp_inbox_item_get_key (g_ptr_array_index (items, i)));
    }

  if (!same)
    g_list_store_splice (self->store, 0, g_list_model_get_n_items (model), items->pdata,
                         items->len);
}

/* Offline before the server's list was ever read: the same from the copy. */
static void
local_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpInboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sp_inbox_local_load_finish (SP_ACCOUNT (object), result,
                                                             &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entries == NULL)
    {
      g_message ("Offline inbox: %s", error->message);
      sp_inbox_page_update_view (self);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GError) item_error = NULL;
      SpInboxItem *item = sp_inbox_item_new_from_json (g_ptr_array_index (entries, i),
                                                       &item_error);

      if (item == NULL)
        g_message ("Inbox item left out: %s", item_error->message);
      else
        g_ptr_array_add (items, item);
    }

  replace_items (self, items);
  self->loaded = TRUE;
  self->from_copy = TRUE;
  sp_inbox_page_update_view (self);
}

static void
inbox_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpInboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_list_inbox_finish (SP_CLIENT (object), result, &error);
  JsonObject *page;
  JsonArray *array;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (node == NULL ||
      (page = sp_json_node_get_object (node, "$", &error)) == NULL ||
      (array = sp_json_get_array (page, "items", TRUE, &error)) == NULL)
    {
      /* Offline, the list stays as it was and the bar says so; never read, the copy's. */
      if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE) && !self->loaded)
        {
          sp_inbox_local_load_async (self->account, self->load_cancellable, local_cb,
                                     g_object_ref (self));
          g_clear_object (&self->load_cancellable);
          return;
        }
      g_clear_object (&self->load_cancellable);
      if (!g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE))
        sp_inbox_page_toast (self, error->message);
      sp_inbox_page_update_view (self);
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) item_error = NULL;
      SpInboxItem *item = sp_inbox_item_new_from_json (json_array_get_element (array, i),
                                                       &item_error);

      /* One entry this version cannot read must not hide the others. */
      if (item == NULL)
        g_message ("Inbox item left out: %s", item_error->message);
      else
        g_ptr_array_add (self->loading, item);
    }

  /* A page with fewer items than asked for is the last. */
  if (json_array_get_length (array) == PAGE_SIZE)
    {
      sp_client_list_inbox_async (SP_CLIENT (object), self->loading->len, PAGE_SIZE,
                                  self->load_cancellable, inbox_cb, g_object_ref (self));
      return;
    }

  g_clear_object (&self->load_cancellable);
  replace_items (self, self->loading);
  self->loaded = TRUE;
  self->from_copy = FALSE;
  g_clear_pointer (&self->loaded_at, g_date_time_unref);
  self->loaded_at = g_date_time_new_now_utc ();
  sp_inbox_page_update_view (self);
}

void
sp_inbox_page_load (SpInboxPage *self)
{
  /* Rows on their way out would come back from a list read before they went. */
  if (g_hash_table_size (self->acknowledging) > 0)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->loading, 0);
  sp_client_list_inbox_async (sp_account_get_client (self->account), 0, PAGE_SIZE,
                              self->load_cancellable, inbox_cb, g_object_ref (self));
}

static void
unread_changed_cb (SpInboxPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sp_inbox_page_load (self);
}

static void
client_state_changed_cb (SpInboxPage *self)
{
  /* Back online: what came in meanwhile. */
  if (sp_client_get_state (sp_account_get_client (self->account)) == SP_CLIENT_STATE_ONLINE &&
      gtk_widget_get_visible (GTK_WIDGET (self->offline_label)) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    sp_inbox_page_load (self);
  else
    sp_inbox_page_update_view (self);
}


/* The outbox sent, kept or held a command: the bound rows show it; a row whose kept
 * acknowledgement has left the outbox without being held was applied, and goes. */
static void
marks_changed_cb (SpInboxPage *self,
                  const char  *record_id)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer element;

  g_hash_table_iter_init (&iter, self->action_cells);
  while (g_hash_table_iter_next (&iter, &element, NULL))
    show_action_mark (self, element);

  g_hash_table_iter_init (&iter, self->queued);
  while (g_hash_table_iter_next (&iter, &element, NULL))
    {
      SpInboxItem *item = sp_inbox_page_find_item (self, element, NULL);

      if (item == NULL)
        g_hash_table_iter_remove (&iter);
      else if (sp_inbox_page_get_mark (self, item) == SP_OUTBOX_MARK_NONE)
        g_ptr_array_add (done, g_strdup (element));
    }

  for (guint i = 0; i < done->len; i++)
    {
      guint position;

      g_hash_table_remove (self->queued, g_ptr_array_index (done, i));
      if (sp_inbox_page_find_item (self, g_ptr_array_index (done, i), &position) != NULL)
        g_list_store_remove (self->store, position);
    }
  if (done->len > 0)
    sp_inbox_page_update_view (self);
}

/* Enter or a double click: the episode the message or notice belongs to. */
static void
column_view_activate_cb (SpInboxPage *self,
                         guint        position)
{
  g_autoptr(SpInboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  const char *episode_id = item != NULL ? sp_inbox_item_get_episode_id (item) : NULL;

  if (episode_id == NULL)
    {
      sp_inbox_page_toast (self, _("This message belongs to no episode."));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-episode", "s", episode_id);
}

/* ---- The class ---- */

static void
sp_inbox_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sp_inbox_page_parent_class)->map (widget);

  sp_inbox_page_load (SP_INBOX_PAGE (widget));
}

static void
sp_inbox_page_dispose (GObject *object)
{
  SpInboxPage *self = SP_INBOX_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->cancellable);
  /* The session outlives the page; its notifications must not reach a page taken apart. */
  if (self->account != NULL)
    {
      SpSync *sync = sp_account_get_sync (self->account);

      g_signal_handlers_disconnect_by_data (sp_account_get_client (self->account), self);
      if (sp_account_get_outbox (self->account) != NULL)
        g_signal_handlers_disconnect_by_data (sp_account_get_outbox (self->account), self);
      if (sync != NULL)
        g_signal_handlers_disconnect_by_data (sync, self);
    }

  G_OBJECT_CLASS (sp_inbox_page_parent_class)->dispose (object);
}

static void
sp_inbox_page_finalize (GObject *object)
{
  SpInboxPage *self = SP_INBOX_PAGE (object);

  g_clear_object (&self->account);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loading, g_ptr_array_unref);
  g_clear_pointer (&self->acknowledging, g_hash_table_unref);
  g_clear_pointer (&self->queued, g_hash_table_unref);
  g_clear_pointer (&self->action_cells, g_hash_table_unref);
  g_clear_error (&self->ack_error);
  g_clear_pointer (&self->loaded_at, g_date_time_unref);

  G_OBJECT_CLASS (sp_inbox_page_parent_class)->finalize (object);
}

static void
sp_inbox_page_class_init (SpInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_inbox_page_dispose;
  object_class->finalize = sp_inbox_page_finalize;
  widget_class->map = sp_inbox_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/inbox/sp-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, patient_column);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, from_column);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, age_column);
  gtk_widget_class_bind_template_child (widget_class, SpInboxPage, action_column);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);

  sp_inbox_page_acknowledge_class_init (widget_class);
}

static void
sp_inbox_page_init (SpInboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (SP_TYPE_INBOX_ITEM);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  self->loading = g_ptr_array_new_with_free_func (g_object_unref);
  self->acknowledging = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->action_cells = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  set_up_columns (self);
  selection_changed_cb (self);
}

/**
 * sp_inbox_page_new:
 * @account: the session
 *
 * Returns: (transfer floating): a new #SpInboxPage
 */
GtkWidget *
sp_inbox_page_new (SpAccount *account)
{
  SpInboxPage *self;
  SpSync *sync;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);

  self = g_object_new (SP_TYPE_INBOX_PAGE, NULL);
  self->account = g_object_ref (account);

  sync = sp_account_get_sync (account);
  if (sync != NULL)
    g_signal_connect_object (sync, "notify::unread", G_CALLBACK (unread_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (sp_account_get_client (account), "notify::state",
                           G_CALLBACK (client_state_changed_cb), self, G_CONNECT_SWAPPED);
  if (sp_account_get_outbox (account) != NULL)
    g_signal_connect_object (sp_account_get_outbox (account), "marks-changed",
                             G_CALLBACK (marks_changed_cb), self, G_CONNECT_SWAPPED);
  sp_inbox_page_update_view (self);

  return GTK_WIDGET (self);
}