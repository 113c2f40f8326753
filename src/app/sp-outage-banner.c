/* sp-outage-banner.c — "the server has been unreachable for a while", above the pages
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 has no AdwBanner, so this is a small one of ours: a revealer with a line of
 * text and the way out of an outage, the paper templates (win.print-templates). A short
 * drop of the connection is shown by the status indicator alone; the banner appears once the
 * server has been unreachable for OUTAGE_AFTER (SAMPLAN_OUTAGE_AFTER seconds in tests).
 */

#define G_LOG_DOMAIN "sp-outage-banner"

#include "config.h"

#include "sp-outage-banner.h"

#define OUTAGE_AFTER (5 * 60)

struct _SpOutageBanner
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;

  SpSync      *sync;
  guint        timeout_id;
};

G_DEFINE_FINAL_TYPE (SpOutageBanner, sp_outage_banner, GTK_TYPE_WIDGET)

static guint
outage_after (void)
{
  const char *text = g_getenv ("SAMPLAN_OUTAGE_AFTER");
  guint64 seconds = OUTAGE_AFTER;

  if (text != NULL)
    g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &seconds, NULL);
  return seconds;
}

static gboolean update (gpointer user_data);

static gboolean
update (gpointer user_data)
{
  SpOutageBanner *self = user_data;
  GDateTime *since = sp_client_get_offline_since (sp_sync_get_client (self->sync));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 offline = since != NULL ? g_date_time_difference (now, since) / G_TIME_SPAN_SECOND : -1;
  guint after = outage_after ();

  self->timeout_id = 0;
  gtk_revealer_set_reveal_child (self->revealer, offline >= 0 && offline >= after);
  /* Look again when the outage would become long enough. */
  if (offline >= 0 && offline < after)
    self->timeout_id = g_timeout_add_seconds (after - offline + 1, update, self);

  return G_SOURCE_REMOVE;
}

static void
offline_changed_cb (SpOutageBanner *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  update (self);
}

static void
sp_outage_banner_dispose (GObject *object)
{
  SpOutageBanner *self = SP_OUTAGE_BANNER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->sync);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_OUTAGE_BANNER);

  G_OBJECT_CLASS (sp_outage_banner_parent_class)->dispose (object);
}

static void
sp_outage_banner_class_init (SpOutageBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_outage_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/sp-outage-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, SpOutageBanner, revealer);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outagebanner");
}

static void
sp_outage_banner_init (SpOutageBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sp_outage_banner_new:
 * @sync: the session's sync (its client tells since when the server is unreachable)
 *
 * Returns: (transfer floating): a banner, hidden until an outage
 */
GtkWidget *
sp_outage_banner_new (SpSync *sync)
{
  SpOutageBanner *self;

  g_return_val_if_fail (SP_IS_SYNC (sync), NULL);

  self = g_object_new (SP_TYPE_OUTAGE_BANNER, NULL);
  self->sync = g_object_ref (sync);
  g_signal_connect_object (sp_sync_get_client (sync), "notify::offline-since",
                           G_CALLBACK (offline_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

gboolean
sp_outage_banner_get_revealed (SpOutageBanner *self)
{
  g_return_val_if_fail (SP_IS_OUTAGE_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}
