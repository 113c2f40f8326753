/* sp-application.c — the Samplan application: app actions and the main window
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sp-application.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", "Samplan",
                        "version", PACKAGE_VERSION,
                        "comments", _("Discharge planning together with the municipality "
                                      "and primary care"),
                        "developer-name", _("The Samplan developers"),
                        "copyright", _("© 2026 The Samplan developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://samplan.example.org",
                        /* Translators: your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static int
sp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  /* Answered here, before registration and startup: no display or session bus needed. */
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("samplan %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return G_APPLICATION_CLASS (sp_application_parent_class)->handle_local_options (app, options);
}

static void
sp_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (sp_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
sp_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (sp_window_new (SP_APPLICATION (app)));

  gtk_window_present (window);
}

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = sp_application_handle_local_options;
  app_class->startup = sp_application_startup;
  app_class->activate = sp_application_activate;
}

static void
sp_application_init (SpApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

/**
 * sp_application_new:
 *
 * Creates the application; the resource base path follows from the app ID, so AdwApplication
 * loads `style.css` and GtkApplication the help overlay and icons from the resources.
 *
 * Returns: (transfer full): a new #SpApplication
 */
SpApplication *
sp_application_new (void)
{
  return g_object_new (SP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
