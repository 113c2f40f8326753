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
#include "sp-help-window.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication  parent_instance;

  char           *server_override;
  char           *dev_username;
  char           *dev_password;
};

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "server", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Sign in to the Samplan server at this address"), N_("URL") },
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
  static const char *developers[] = { "The Samplan developers https://samplan.example.org",
                                      NULL };
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
                        "developers", developers,
                        "copyright", _("© 2026 The Samplan developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://samplan.example.org",
                        "issue-url", "https://samplan.example.org/issues",
                        /* The same notes as the AppStream metainfo's release. */
                        "release-notes-version", PACKAGE_VERSION,
                        "release-notes", _("<p>The first release.</p>"
                                           "<ul>"
                                           "<li>The discharge overview, the inbox and the "
                                           "episode from admission to discharge</li>"
                                           "<li>Planning basis with colour tracks, SIP and "
                                           "patient information</li>"
                                           "<li>Work continues offline and on paper "
                                           "templates during an outage</li>"
                                           "</ul>"),
                        /* Translators: your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Help: Yelp when there is one, else the same pages in a window of the app's own; F1 again
 * brings that window back rather than opening another. Both show the guide in the user's
 * language: Yelp picks help/sv/samplan or help/C/samplan (installed by help/meson.build) by
 * the locale itself, and the window the same way (sp_help_guide_dup_language_path ()). */
static void
show_help_window (GtkApplication *app)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SP_IS_HELP_WINDOW (window))
        {
          gtk_window_present (window);
          return;
        }
    }

  gtk_window_present (GTK_WINDOW (sp_help_window_new (gtk_application_get_active_window (app))));
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GAppInfo) yelp = g_app_info_get_default_for_uri_scheme ("help");
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (yelp == NULL)
    {
      show_help_window (app);
      return;
    }

  context = gdk_display_get_app_launch_context (gdk_display_get_default ());
  if (!g_app_info_launch_default_for_uri ("help:samplan", G_APP_LAUNCH_CONTEXT (context),
                                          &error))
    {
      g_message ("Showing the guide in the app: %s", error->message);
      show_help_window (app);
    }
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "help", help_action },
};

/* Development only (build-aux/dev run): a demo server's credentials, read once and removed
 * from the environment so that no child process inherits them. Taken only together with
 * --server, so that a stray variable cannot send a password to the configured server. */
static void
take_dev_credentials (SpApplication *self)
{
  const char *username = g_getenv ("SAMPLAN_DEV_USERNAME");
  const char *password = g_getenv ("SAMPLAN_DEV_PASSWORD");

  if (username != NULL && password != NULL && username[0] != '\0')
    {
      self->dev_username = g_strdup (username);
      self->dev_password = g_strdup (password);
    }
  g_unsetenv ("SAMPLAN_DEV_USERNAME");
  g_unsetenv ("SAMPLAN_DEV_PASSWORD");
}

static int
sp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SpApplication *self = SP_APPLICATION (app);
  const char *server = NULL;

  /* Answered here, before registration and startup: no display or session bus needed. */
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("samplan %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_autoptr(GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                          g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
        {
          g_printerr (_("--server: not an http or https address: %s\n"), server);
          return 2;
        }
      self->server_override = g_strdup (server);
      take_dev_credentials (self);
    }

  return G_APPLICATION_CLASS (sp_application_parent_class)->handle_local_options (app, options);
}

static void
sp_application_startup (GApplication *app)
{
  /* Every accelerator here is listed in ui/help-overlay.ui (tests/data checks). */
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", "<Control>slash", NULL } },
    { "win.print-templates", { "<Control><Shift>p", NULL } },
  };
  g_autoptr(GtkCssProvider) provider = NULL;

  G_APPLICATION_CLASS (sp_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);

  /* style.css is the overview's (AdwApplication loads it); the window has its own. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, APP_PATH "/ui/sp-window.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
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
sp_application_finalize (GObject *object)
{
  SpApplication *self = SP_APPLICATION (object);

  g_clear_pointer (&self->server_override, g_free);
  g_clear_pointer (&self->dev_username, g_free);
  g_clear_pointer (&self->dev_password, g_free);

  G_OBJECT_CLASS (sp_application_parent_class)->finalize (object);
}

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sp_application_finalize;

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

/**
 * sp_application_get_server_override:
 *
 * Returns: (nullable): the server given with `--server`, which wins over the saved one
 */
const char *
sp_application_get_server_override (SpApplication *self)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);

  return self->server_override;
}

/**
 * sp_application_take_dev_credentials:
 * @out_username: (out) (transfer full): the user name
 * @out_password: (out) (transfer full): the password
 *
 * Hands over the development credentials once (see take_dev_credentials ()).
 *
 * Returns: whether there were any
 */
gboolean
sp_application_take_dev_credentials (SpApplication  *self,
                                     char          **out_username,
                                     char          **out_password)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (out_username != NULL && out_password != NULL, FALSE);

  if (self->dev_username == NULL)
    return FALSE;

  *out_username = g_steal_pointer (&self->dev_username);
  *out_password = g_steal_pointer (&self->dev_password);
  return TRUE;
}
