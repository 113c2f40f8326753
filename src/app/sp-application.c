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

/* ---- Help: Yelp when there is one, else the same pages in a window of our own ---- */

/* The guide's pages in reading order (help/sv, compiled into the resources). */
static const char *const help_pages[] = {
  "index", "ward", "care-contact", "municipality", "outage",
};

typedef struct
{
  GtkTextBuffer *buffer;
  GSList        *elements;     /* open element names, innermost first */
  guint          skip_depth;   /* > 0 inside <info>: metadata, not text */
  guint          step;         /* the number of the current <steps> item */
  guint          keys;         /* keys so far in the current <keyseq> */
  gboolean       at_line_start;
} HelpText;

static const char *
get_text_tag (HelpText *text)
{
  if (text->elements == NULL || g_strcmp0 (text->elements->data, "title") != 0)
    return NULL;

  /* The page's own title, or a section's or a list's. */
  return g_slist_length (text->elements) == 2 ? "title" : "heading";
}

static void
help_start_element (GMarkupParseContext  *context,
                    const char           *element,
                    const char          **attribute_names,
                    const char          **attribute_values,
                    gpointer              user_data,
                    GError              **error)
{
  HelpText *text = user_data;
  GtkTextIter end;

  text->elements = g_slist_prepend (text->elements, g_strdup (element));
  if (text->skip_depth > 0 || g_strcmp0 (element, "info") == 0)
    {
      text->skip_depth++;
      return;
    }

  gtk_text_buffer_get_end_iter (text->buffer, &end);
  if (g_strcmp0 (element, "steps") == 0)
    text->step = 0;
  else if (g_strcmp0 (element, "keyseq") == 0)
    text->keys = 0;
  else if (g_strcmp0 (element, "key") == 0 && text->elements->next != NULL &&
           g_strcmp0 (text->elements->next->data, "keyseq") == 0 && text->keys++ > 0)
    gtk_text_buffer_insert (text->buffer, &end, "+", -1);
  else if (g_strcmp0 (element, "item") == 0 && text->elements->next != NULL &&
           g_strcmp0 (text->elements->next->data, "steps") == 0)
    {
      g_autofree char *number = g_strdup_printf ("%u. ", ++text->step);

      gtk_text_buffer_insert (text->buffer, &end, number, -1);
      text->at_line_start = FALSE;
    }
  else if (g_strcmp0 (element, "item") == 0)
    {
      gtk_text_buffer_insert (text->buffer, &end, "• ", -1);
      text->at_line_start = FALSE;
    }
}

static void
help_end_element (GMarkupParseContext  *context,
                  const char           *element,
                  gpointer              user_data,
                  GError              **error)
{
  HelpText *text = user_data;
  GtkTextIter end;

  g_free (text->elements->data);
  text->elements = g_slist_delete_link (text->elements, text->elements);
  if (text->skip_depth > 0)
    {
      text->skip_depth--;
      return;
    }

  if (g_strcmp0 (element, "p") == 0 || g_strcmp0 (element, "title") == 0)
    {
      gtk_text_buffer_get_end_iter (text->buffer, &end);
      gtk_text_buffer_insert (text->buffer, &end, "\n\n", -1);
      text->at_line_start = TRUE;
    }
}

/* Mallard text is indented like the XML around it: runs of white space read as one. */
static void
help_text (GMarkupParseContext  *context,
           const char           *chars,
           gsize                 length,
           gpointer              user_data,
           GError              **error)
{
  HelpText *text = user_data;
  g_autofree char *raw = g_strndup (chars, length);
  g_auto(GStrv) words = g_strsplit_set (raw, " \t\n", -1);
  g_autoptr(GString) flowed = g_string_new (NULL);
  gboolean space_before = length > 0 && g_ascii_isspace (chars[0]);
  gboolean space_after = length > 0 && g_ascii_isspace (chars[length - 1]);
  const char *tag = get_text_tag (text);
  GtkTextIter end;

  if (text->skip_depth > 0)
    return;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (flowed, "%s%s", flowed->len > 0 ? " " : "", words[i]);
  if (flowed->len == 0)
    return;

  if (space_before && !text->at_line_start)
    g_string_prepend_c (flowed, ' ');
  if (space_after)
    g_string_append_c (flowed, ' ');

  gtk_text_buffer_get_end_iter (text->buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (text->buffer, &end, flowed->str, -1, tag, NULL);
  text->at_line_start = FALSE;
}

static const GMarkupParser help_parser = {
  help_start_element, help_end_element, help_text, NULL, NULL,
};

static void
fill_help_buffer (GtkTextBuffer *buffer)
{
  HelpText text = { buffer, NULL, 0, 0, 0, TRUE };

  gtk_text_buffer_create_tag (buffer, "title", "weight", PANGO_WEIGHT_BOLD,
                              "scale", PANGO_SCALE_XX_LARGE, NULL);
  gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD,
                              "scale", PANGO_SCALE_LARGE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (help_pages); i++)
    {
      g_autofree char *path = g_strdup_printf (APP_PATH "/help/sv/%s.page", help_pages[i]);
      g_autoptr(GBytes) page = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                        NULL);
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GError) error = NULL;
      gsize size;
      const char *data;

      /* Compiled in: a missing or broken page is a build error, which tests catch. */
      g_assert (page != NULL);
      data = g_bytes_get_data (page, &size);
      context = g_markup_parse_context_new (&help_parser, G_MARKUP_IGNORE_QUALIFIED, &text,
                                            NULL);
      if (!g_markup_parse_context_parse (context, data, size, &error) ||
          !g_markup_parse_context_end_parse (context, &error))
        g_critical ("Help page %s: %s", help_pages[i], error->message);
    }

  g_slist_free_full (text.elements, g_free);
}

static void
show_help_window (GtkApplication *app)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Samplan Help"));
  gtk_window_set_transient_for (GTK_WINDOW (window), gtk_application_get_active_window (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape,
                                                                                  0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 24);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 24);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 18);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 18);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Samplan Help"), -1);
  fill_help_buffer (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
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
