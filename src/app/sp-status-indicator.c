/* sp-status-indicator.c — the connection state in the header bar
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Always visible while signed in, because working on an old copy must never go unnoticed:
 * "Ansluten", "Synkroniserar …", "Skickar 3 av 12" (the outbox's push) or
 * "Offline sedan 10:42"; the last error of the sync, if any, in the tooltip. Commands the
 * server did not take (conflicts, refusals) show as a button beside it that opens the
 * conflict view.
 */

#define G_LOG_DOMAIN "sp-status-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-conflict-dialog.h"
#include "sp-status-indicator.h"
#include "sp-sync.h"

struct _SpStatusIndicator
{
  GtkWidget  parent_instance;

  GtkImage  *icon;
  GtkLabel  *label;
  GtkWidget *held_button;
  GtkLabel  *held_label;

  SpClient  *client;
  SpSync    *sync;
};

G_DEFINE_FINAL_TYPE (SpStatusIndicator, sp_status_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SpOutbox *
get_outbox (SpStatusIndicator *self)
{
  return self->sync != NULL ? sp_sync_get_outbox (self->sync) : NULL;
}

static void
update_held (SpStatusIndicator *self)
{
  SpOutbox *outbox = get_outbox (self);
  guint n_held = outbox != NULL ? sp_outbox_get_n_held (outbox) : 0;
  g_autofree char *text = NULL;

  /* Translators: changes the server did not take, waiting for the user's choice. */
  text = g_strdup_printf (ngettext ("%u waiting for you", "%u waiting for you", n_held),
                          n_held);
  gtk_label_set_label (self->held_label, text);
  gtk_widget_set_visible (self->held_button, n_held > 0);
}

static void
show_held_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SpStatusIndicator *self = SP_STATUS_INDICATOR (widget);
  SpOutbox *outbox = get_outbox (self);
  GtkWidget *dialog;

  if (outbox == NULL)
    return;

  dialog = sp_conflict_dialog_new (outbox);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update (SpStatusIndicator *self)
{
  SpClientState state = self->client != NULL ? sp_client_get_state (self->client)
                                             : SP_CLIENT_STATE_OFFLINE;
  GDateTime *since = self->client != NULL ? sp_client_get_offline_since (self->client) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = sp_status_indicator_format (state, since, now);
  const char *last_error = self->sync != NULL ? sp_sync_get_last_error (self->sync) : NULL;
  const char *icon_name;

  if (state != SP_CLIENT_STATE_OFFLINE && self->sync != NULL &&
      sp_sync_get_push_total (self->sync) > 0)
    {
      g_free (text);
      /* Translators: the outbox being sent: "Skickar 3 av 12". */
      text = g_strdup_printf (_("Sending %u of %u"), sp_sync_get_push_done (self->sync) + 1,
                              sp_sync_get_push_total (self->sync));
    }

  switch (state)
    {
    case SP_CLIENT_STATE_ONLINE:
      icon_name = "network-wired-symbolic";
      break;
    case SP_CLIENT_STATE_SYNCING:
      icon_name = "emblem-synchronizing-symbolic";
      break;
    case SP_CLIENT_STATE_OFFLINE:
    default:
      icon_name = "network-offline-symbolic";
      break;
    }

  gtk_label_set_label (self->label, text);
  gtk_image_set_from_icon_name (self->icon, icon_name);
  update_held (self);
  if (state == SP_CLIENT_STATE_OFFLINE)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                                   _("The server cannot be reached. You see the information "
                                     "as it was when the connection was lost."));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), last_error);
    }
}

static void
client_notify_cb (SpStatusIndicator *self)
{
  update (self);
}

static void
sp_status_indicator_dispose (GObject *object)
{
  SpStatusIndicator *self = SP_STATUS_INDICATOR (object);

  sp_status_indicator_set_client (self, NULL);
  sp_status_indicator_set_sync (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_STATUS_INDICATOR);

  G_OBJECT_CLASS (sp_status_indicator_parent_class)->dispose (object);
}

static void
sp_status_indicator_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SpStatusIndicator *self = SP_STATUS_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_status_indicator_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SpStatusIndicator *self = SP_STATUS_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      sp_status_indicator_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_status_indicator_class_init (SpStatusIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_status_indicator_dispose;
  object_class->get_property = sp_status_indicator_get_property;
  object_class->set_property = sp_status_indicator_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, SP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/sp-status-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, SpStatusIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, SpStatusIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, SpStatusIndicator, held_button);
  gtk_widget_class_bind_template_child (widget_class, SpStatusIndicator, held_label);
  gtk_widget_class_install_action (widget_class, "status.show-held", NULL, show_held_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "statusindicator");
  /* Screen readers announce changes of a status. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
sp_status_indicator_init (SpStatusIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              6);
  update (self);
}

/**
 * sp_status_indicator_format:
 * @state: the connection state
 * @offline_since: (nullable): when the server was found unreachable
 * @now: the current time
 *
 * The status text, with times in Stockholm time (the product's zone, whatever the
 * machine's): the clock time alone while offline since today, else the date too.
 *
 * Returns: (transfer full): the text to show
 */
char *
sp_status_indicator_format (SpClientState  state,
                            GDateTime     *offline_since,
                            GDateTime     *now)
{
  g_autoptr(GDateTime) local_since = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  switch (state)
    {
    case SP_CLIENT_STATE_ONLINE:
      return g_strdup (_("Connected"));
    case SP_CLIENT_STATE_SYNCING:
      return g_strdup (_("Syncing…"));
    case SP_CLIENT_STATE_OFFLINE:
    default:
      break;
    }

  if (offline_since == NULL)
    return g_strdup (_("Offline"));

  local_since = g_date_time_to_timezone (offline_since, sp_calendar_get_timezone ());
  local_now = g_date_time_to_timezone (now, sp_calendar_get_timezone ());
  if (g_date_time_get_year (local_since) == g_date_time_get_year (local_now) &&
      g_date_time_get_day_of_year (local_since) == g_date_time_get_day_of_year (local_now))
    when = g_strdup_printf ("%02d:%02d", g_date_time_get_hour (local_since),
                            g_date_time_get_minute (local_since));
  else
    /* Day/month as Swedish short dates write it ("3/11 10:42"). */
    when = g_strdup_printf ("%d/%d %02d:%02d", g_date_time_get_day_of_month (local_since),
                            g_date_time_get_month (local_since),
                            g_date_time_get_hour (local_since),
                            g_date_time_get_minute (local_since));

  /* Translators: %s is a time ("10:42") or a day and a time ("3/11 10:42"). */
  return g_strdup_printf (_("Offline since %s"), when);
}

SpClient *
sp_status_indicator_get_client (SpStatusIndicator *self)
{
  g_return_val_if_fail (SP_IS_STATUS_INDICATOR (self), NULL);

  return self->client;
}

/**
 * sp_status_indicator_set_client:
 * @client: (nullable): the client whose state to show
 */
void
sp_status_indicator_set_client (SpStatusIndicator *self,
                                SpClient          *client)
{
  g_return_if_fail (SP_IS_STATUS_INDICATOR (self));
  g_return_if_fail (client == NULL || SP_IS_CLIENT (client));

  if (self->client == client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, client_notify_cb, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    {
      g_signal_connect_object (client, "notify::state", G_CALLBACK (client_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::offline-since", G_CALLBACK (client_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * sp_status_indicator_get_text:
 *
 * Returns: (transfer none): the text shown now
 */
const char *
sp_status_indicator_get_text (SpStatusIndicator *self)
{
  g_return_val_if_fail (SP_IS_STATUS_INDICATOR (self), NULL);

  return gtk_label_get_label (self->label);
}

/**
 * sp_status_indicator_set_sync:
 * @sync: (nullable): the sync whose push and last error to show
 */
void
sp_status_indicator_set_sync (SpStatusIndicator *self,
                              SpSync            *sync)
{
  g_return_if_fail (SP_IS_STATUS_INDICATOR (self));
  g_return_if_fail (sync == NULL || SP_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_func (self->sync, client_notify_cb, self);
  if (get_outbox (self) != NULL)
    g_signal_handlers_disconnect_by_func (get_outbox (self), client_notify_cb, self);
  g_set_object (&self->sync, sync);
  if (get_outbox (self) != NULL)
    g_signal_connect_object (get_outbox (self), "notify::n-held",
                             G_CALLBACK (client_notify_cb), self, G_CONNECT_SWAPPED);
  if (sync != NULL)
    {
      static const char * const signals[] = {
        "notify::push-total", "notify::push-done", "notify::last-error",
      };

      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        g_signal_connect_object (sync, signals[i], G_CALLBACK (client_notify_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  update (self);
}
