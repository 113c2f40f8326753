/* sp-window.c — the main window: the session's pages, the sidebar and the status
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows either the sign-in page (sp-window-sign-in.c) or a session: the sidebar
 * (Översikt, Inkorgen with its count) beside the chosen page, with the connection state in
 * the header bar. A session starts when the server accepted a sign-in or a saved token, or
 * without network from the local copy of the last one.
 */

#define G_LOG_DOMAIN "sp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "sp-cache-key.h"
#include "sp-episode-summary.h"
#include "sp-json.h"
#include "sp-inbox-page.h"
#include "sp-outage-banner.h"
#include "sp-overview-page.h"
#include "sp-region-profile.h"
#include "sp-reports-page.h"
#include "sp-window-private.h"

G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

static void
restore_window_state (SpWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (SpWindow *self)
{
  int width;
  int height;

  /* GTK keeps the default size at the last unmaximized size, which is what to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static SpOverviewPage *
get_overview_page (SpWindow *self)
{
  GtkWidget *child = adw_bin_get_child (self->overview_slot);

  return SP_IS_OVERVIEW_PAGE (child) ? SP_OVERVIEW_PAGE (child) : NULL;
}

/* The overview shows the rows with the ward's name from the unit directory. */
static gpointer
make_summary (JsonNode  *row,
              gpointer   user_data,
              GError   **error)
{
  SpWindow *self = user_data;
  SpEpisodeSummary *summary = sp_episode_summary_new_from_json (row, error);
  const char *ward_name;

  if (summary == NULL)
    return NULL;

  ward_name = sp_sync_get_unit_name (self->sync,
                                     sp_episode_summary_get_ward_id (summary));
  if (ward_name != NULL)
    sp_episode_summary_set_ward_name (summary, ward_name);

  return summary;
}

static void
update_summary (gpointer item,
                gpointer newer)
{
  sp_episode_summary_update_from (item, newer);
}

/**
 * sp_window_show_page:
 * @name: "overview", "inbox", "episode" or "sip"
 *
 * Shows one of the content pages; the sidebar follows for the two list pages.
 */
void
sp_window_show_page (SpWindow   *self,
                     const char *name)
{
  static const struct {
    const char *name;
    const char *title;
  } lists[] = {
    { "overview", N_("Overview") },
    { "inbox", N_("Inbox") },
    { "reports", N_("Follow-up") },
  };
  /* @name may be self->list_page itself (going back), which is replaced below. */
  g_autofree char *name_copy = g_strdup (name);

  name = name_copy;
  gtk_stack_set_visible_child_name (self->content_stack, name);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_str_equal (name, lists[i].name))
      {
        g_free (self->list_page);
        self->list_page = g_strdup (name);
        adw_window_title_set_title (self->content_title, _(lists[i].title));
        gtk_list_box_select_row (self->sidebar_list,
                                 gtk_list_box_get_row_at_index (self->sidebar_list, i));
      }
  sp_window_navigation_update (self);
}

static const char *
get_sidebar_page (SpWindow      *self,
                  GtkListBoxRow *row)
{
  if (row == self->inbox_row)
    return "inbox";
  if (row == self->reports_row)
    return "reports";
  return row != NULL ? "overview" : NULL;
}

static void
sidebar_row_selected_cb (SpWindow      *self,
                         GtkListBoxRow *row)
{
  const char *page = get_sidebar_page (self, row);

  /* The list box unselects its rows while the window is torn down. */
  if (self->disposing || page == NULL)
    return;

  /* The focus coming back to the chosen row (Tab) selects it again: that is no choice, and
   * must not take the user from the episode they are in. A click is (row-activated). */
  if (g_strcmp0 (page, self->list_page) == 0)
    return;

  sp_window_show_page (self, page);
}

static void
sidebar_row_activated_cb (SpWindow      *self,
                          GtkListBoxRow *row)
{
  /* From an episode back to the list, also when its row is the chosen one already. */
  sp_window_show_page (self, get_sidebar_page (self, row));
  /* Folded, the sidebar is a page of its own: choosing goes on to the content. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The sidebar is one Tab stop, like a row of tabs: arrow keys choose the page. Tab would go
 * on to the next row, which selects it and switches the page under the user's feet, so that
 * the overview could never be reached forwards. Tab and Shift+Tab go to the content instead
 * (the sidebar is the window's first stop: backwards, the content's last one comes next):
 * its header bar, banner and the page shown, never a page the stack has hidden. */
static gboolean
leave_sidebar_cb (GtkWidget *sidebar,
                  GVariant  *args,
                  gpointer   user_data)
{
  SpWindow *self = SP_WINDOW (user_data);
  GtkDirectionType direction = g_variant_get_int32 (args);
  GtkWidget *content = gtk_widget_get_parent (GTK_WIDGET (self->content_stack));
  GtkWidget *parts[3];
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (content);
       child != NULL && n < G_N_ELEMENTS (parts);
       child = gtk_widget_get_next_sibling (child))
    parts[n++] = child == GTK_WIDGET (self->content_stack)
                 ? gtk_stack_get_visible_child (self->content_stack) : child;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *part = parts[direction == GTK_DIR_TAB_FORWARD ? i : n - 1 - i];

      if (part != NULL && gtk_widget_get_mapped (part) && gtk_widget_child_focus (part, direction))
        return TRUE;
    }

  return FALSE;
}

static void
add_sidebar_shortcuts (SpWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct { GdkModifierType modifiers; GtkDirectionType direction; } keys[] = {
    { 0, GTK_DIR_TAB_FORWARD },
    { GDK_SHIFT_MASK, GTK_DIR_TAB_BACKWARD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new_with_arguments (
        gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Tab, keys[i].modifiers),
                                     gtk_keyval_trigger_new (GDK_KEY_KP_Tab, keys[i].modifiers)),
        gtk_callback_action_new (leave_sidebar_cb, self, NULL),
        "i", keys[i].direction));
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), controller);
}

static void
unread_changed_cb (SpWindow *self)
{
  guint unread = self->sync != NULL ? sp_sync_get_unread (self->sync) : 0;
  g_autofree char *count = g_strdup_printf ("%u", unread);

  gtk_label_set_label (self->inbox_badge, count);
  gtk_widget_set_visible (GTK_WIDGET (self->inbox_badge), unread > 0);
}

static void
sync_finished_cb (SpWindow *self,
                  GError   *error)
{
  if (error == NULL || g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE))
    {
      g_clear_pointer (&self->last_error, g_free);
      return;
    }

  if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_UNAUTHORIZED))
    {
      /* Expired or revoked: only a new sign-in helps. */
      g_autofree char *message = g_strdup (error->message);

      sp_window_leave_session (self);
      sp_window_show_sign_in (self, message);
      return;
    }

  /* Each poll would repeat it: say it once, until something else happens. */
  if (g_strcmp0 (self->last_error, error->message) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      sp_window_show_toast (self, error->message);
    }
}

static void
set_profile (SpWindow *self,
             JsonNode *profile)
{
  JsonObject *object = profile != NULL && JSON_NODE_HOLDS_OBJECT (profile)
                         ? json_node_get_object (profile) : NULL;
  g_autofree char *user_name = NULL;
  g_autofree char *unit_name = NULL;

  if (object != NULL)
    {
      sp_json_get_string (object, "user_name", FALSE, 1024, &user_name, NULL);
      sp_json_get_string (object, "unit_name", FALSE, 1024, &unit_name, NULL);
    }

  if (profile != self->profile)
    {
      g_clear_pointer (&self->profile, json_node_unref);
      self->profile = profile != NULL ? json_node_ref (profile) : NULL;
    }

  /* The server's region decides; the setting remembers it for the next offline start and
   * answers for a local copy made before servers said. */
  if (object != NULL)
    {
      const char *region = json_object_get_string_member_with_default (object, "region_profile",
                                                                       NULL);
      g_autofree char *remembered = NULL;

      if (region != NULL && sp_region_profile_lookup (region) != NULL)
        g_settings_set_string (self->settings, "region-profile", region);
      else if (region == NULL)
        {
          remembered = g_settings_get_string (self->settings, "region-profile");
          sp_json_set_string (object, "region_profile", remembered);
        }
    }

  gtk_label_set_label (self->user_label, user_name != NULL ? user_name : self->username);
  gtk_label_set_label (self->unit_label, unit_name != NULL ? unit_name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->unit_label), unit_name != NULL);
}

static void
cache_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SpCache *cache = SP_CACHE (object);
  g_autoptr(SpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) profile = NULL;

  if (!sp_cache_open_finish (cache, result, &profile, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Without a local copy the app still works while the server answers. */
      g_warning ("The local copy could not be opened: %s", error->message);
      sp_window_show_toast (self, _("The local copy could not be opened. "
                                    "Without network nothing can be shown."));
    }

  /* Signed out meanwhile. */
  if (self->cache != cache)
    return;

  if (profile != NULL)
    set_profile (self, profile);

  self->outbox = sp_outbox_new (self->client, self->cache, self->username);
  self->sync = sp_sync_new (self->client, self->cache, SP_TYPE_EPISODE_SUMMARY, make_summary,
                            update_summary, self);
  sp_sync_set_outbox (self->sync, self->outbox);
  sp_status_indicator_set_sync (self->status_indicator, self->sync);
  adw_bin_set_child (self->banner_slot, sp_outage_banner_new (self->sync));
  g_settings_bind (self->settings, "sync-interval", self->sync, "interval",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->sync, "notify::unread", G_CALLBACK (unread_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "finished", G_CALLBACK (sync_finished_cb), self,
                           G_CONNECT_SWAPPED);
  sp_overview_page_set_model (get_overview_page (self), sp_sync_get_model (self->sync));
  sp_overview_page_set_outbox (get_overview_page (self), self->outbox);
  unread_changed_cb (self);

  self->account = sp_account_new (self->client, self->cache, self->sync, self->outbox,
                                  self->profile);
  adw_bin_set_child (self->inbox_slot, sp_inbox_page_new (self->account));
  adw_bin_set_child (self->reports_slot, sp_reports_page_new (self->account));
  sp_window_navigation_update (self);
  sp_sync_start (self->sync);
}

static void
cache_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = sp_cache_key_load_finish (result, &error);
  g_autofree char *path = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->client == NULL)
    return;

  if (key == NULL)
    {
      guint8 bytes[SP_CACHE_KEY_SIZE];

      /* Without a keyring: a key for this run only (the next run wipes the copy). */
      g_message ("No keyring for the local copy's key: %s", error->message);
      randombytes_buf (bytes, sizeof bytes);
      key = g_bytes_new (bytes, sizeof bytes);
      sodium_memzero (bytes, sizeof bytes);
    }

  path = sp_cache_path_for_server (sp_client_get_base_url (self->client));
  self->cache = sp_cache_new (path, key);
  sp_cache_open_async (self->cache, self->username, self->profile, self->cancellable,
                       cache_open_cb, g_object_ref (self));
}

/**
 * sp_window_enter_session:
 * @client: a client with a token
 * @username: who signed in
 * @profile: (nullable): the names to show for the user and unit; %NULL: those remembered in
 *   the local copy (starting offline)
 *
 * Shows the session's pages and starts keeping them up to date.
 */
void
sp_window_enter_session (SpWindow   *self,
                         SpClient   *client,
                         const char *username,
                         JsonNode   *profile)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (SP_IS_CLIENT (client));

  sp_window_leave_session (self);

  self->client = g_object_ref (client);
  self->username = g_strdup (username);
  sp_status_indicator_set_client (self->status_indicator, client);
  set_profile (self, profile);

  sp_cache_key_load_async (sp_client_get_base_url (client), username, self->cancellable,
                           cache_key_cb, g_object_ref (self));

  sp_window_show_page (self, "overview");
  gtk_stack_set_visible_child_name (self->main_stack, "session");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", TRUE);
}

/**
 * sp_window_leave_session:
 *
 * Stops keeping the session up to date and forgets it (not the local copy or the token).
 */
void
sp_window_leave_session (SpWindow *self)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  if (self->sync != NULL)
    {
      g_settings_unbind (self->sync, "interval");
      g_signal_handlers_disconnect_by_data (self->sync, self);
      sp_sync_stop (self->sync);
      g_clear_object (&self->sync);
    }
  if (get_overview_page (self) != NULL)
    {
      sp_overview_page_set_model (get_overview_page (self), NULL);
      sp_overview_page_set_outbox (get_overview_page (self), NULL);
    }
  sp_status_indicator_set_client (self->status_indicator, NULL);
  sp_status_indicator_set_sync (self->status_indicator, NULL);
  adw_bin_set_child (self->banner_slot, NULL);
  adw_bin_set_child (self->inbox_slot, NULL);
  adw_bin_set_child (self->reports_slot, NULL);
  adw_bin_set_child (self->episode_slot, NULL);
  adw_bin_set_child (self->sip_slot, NULL);
  g_clear_object (&self->account);
  g_clear_object (&self->outbox);
  g_clear_pointer (&self->profile, json_node_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->last_error, g_free);
  unread_changed_cb (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);
}

void
sp_window_show_toast (SpWindow   *self,
                      const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  if (self->sync != NULL)
    sp_sync_refresh (self->sync);
}

static void
activate_episode_cb (SpWindow   *self,
                     const char *episode_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-episode", "s", episode_id);
}

static gboolean
sp_window_close_request (GtkWindow *window)
{
  save_window_state (SP_WINDOW (window));

  return GTK_WINDOW_CLASS (sp_window_parent_class)->close_request (window);
}

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  self->disposing = TRUE;
  g_cancellable_cancel (self->cancellable);
  sp_window_leave_session (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);

  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_finalize (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->list_page, g_free);

  G_OBJECT_CLASS (sp_window_parent_class)->finalize (object);
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sp_window_dispose;
  object_class->finalize = sp_window_finalize;
  window_class->close_request = sp_window_close_request;

  g_type_ensure (SP_TYPE_STATUS_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, username_row);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sign_in_error);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, overview_row);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, inbox_row);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, inbox_badge);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, user_label);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, unit_label);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, status_indicator);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, overview_slot);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, inbox_slot);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, reports_slot);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, reports_row);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, episode_slot);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sip_slot);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, banner_slot);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, back_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);

  sp_window_sign_in_class_init (widget_class);
  sp_window_navigation_class_init (widget_class);
}

static void
sp_window_init (SpWindow *self)
{
  GtkWidget *overview;

  gtk_widget_init_template (GTK_WIDGET (self));
  add_sidebar_shortcuts (self);

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  restore_window_state (self);

  overview = sp_overview_page_new ();
  g_signal_connect_object (overview, "activate-episode", G_CALLBACK (activate_episode_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->overview_slot, overview);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (sp_window_navigation_update), self, G_CONNECT_SWAPPED);

  sp_window_leave_session (self);
}

/**
 * sp_window_new:
 * @application: the application the window belongs to
 *
 * Creates the main window at the size it had when it was last closed. It signs in with the
 * token saved for the last server and user, or shows the sign-in page.
 *
 * Returns: (transfer none): a new #SpWindow; GTK owns toplevel windows
 */
SpWindow *
sp_window_new (SpApplication *application)
{
  SpWindow *self;

  g_return_val_if_fail (SP_IS_APPLICATION (application), NULL);

  self = g_object_new (SP_TYPE_WINDOW,
                       "application", application,
                       NULL);
  /* Needs the application (--server, development credentials): not in init. */
  sp_window_sign_in_start (self);

  return self;
}

/**
 * sp_window_get_client:
 *
 * Returns: (transfer none) (nullable): the session's client, %NULL while signed out
 */
SpClient *
sp_window_get_client (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);

  return self->client;
}

/**
 * sp_window_get_account:
 *
 * Returns: (transfer none) (nullable): the session as the pages see it, %NULL while signed
 *   out or until the local copy is open
 */
SpAccount *
sp_window_get_account (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);

  return self->account;
}

/**
 * sp_window_get_sync:
 *
 * Returns: (transfer none) (nullable): what keeps the session up to date, %NULL while signed
 *   out or until the local copy is open
 */
SpSync *
sp_window_get_sync (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);

  return self->sync;
}
