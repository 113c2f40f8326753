/* sp-window.c — the main window
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-window"

#include "config.h"

#include "sp-window.h"

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
};

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

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);

  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_finalize (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_object (&self->settings);

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

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/sp-window.ui");
}

static void
sp_window_init (SpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  restore_window_state (self);
}

/**
 * sp_window_new:
 * @application: the application the window belongs to
 *
 * Creates the main window at the size it had when it was last closed.
 *
 * Returns: (transfer none): a new #SpWindow; GTK owns toplevel windows
 */
SpWindow *
sp_window_new (SpApplication *application)
{
  g_return_val_if_fail (SP_IS_APPLICATION (application), NULL);

  return g_object_new (SP_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
