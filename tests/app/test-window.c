/* test-window.c — the main window and the app actions, driven as a user would
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "sp-application.h"
#include "sp-window.h"

static SpApplication *app;
static gboolean swedish;

/* Depth first, so the first match is the outermost one. */
static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* (transfer none): GTK keeps its toplevels alive until they are destroyed. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static void
wait_until_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
}

static void
invalidate_contents_cb (GdkPaintable *paintable,
                        gpointer      user_data)
{
  gboolean *updated = user_data;

  *updated = TRUE;
}

/* A widget paintable takes its picture when the widget is next drawn: ask for a frame and
 * spin until the new picture is there, instead of sleeping. */
static void
wait_for_picture (GdkPaintable *paintable,
                  GtkWidget    *widget)
{
  gboolean updated = FALSE;
  gulong handler;

  handler = g_signal_connect (paintable, "invalidate-contents",
                              G_CALLBACK (invalidate_contents_cb), &updated);
  gtk_widget_queue_draw (widget);
  while (!updated)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (paintable, handler);
}

/* The main window as `samplan` shows it on start: activating the application. */
static SpWindow *
open_main_window (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (SP_IS_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  return SP_WINDOW (window);
}

static void
destroy_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  const char *dir = g_getenv ("SAMPLAN_SCREENSHOT_DIR");
  int width;
  int height;

  wait_for_picture (paintable, widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (dir == NULL)
    dir = g_test_get_dir (G_TEST_BUILT);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* "label→action" for each item, sections flattened, joined by "|". */
static void
describe_menu (GMenuModel *model,
               GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = NULL;
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;

      section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL)
        {
          describe_menu (section, out);
          continue;
        }

      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      g_string_append_printf (out, "%s%s→%s", out->len > 0 ? "|" : "", label, action);
    }
}

static char *
describe_primary_menu (SpWindow *window)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)));
  describe_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), out);

  return g_string_free (out, FALSE);
}

static AdwStatusPage *
find_status_page (SpWindow *window)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));

  return ADW_STATUS_PAGE (page);
}

static void
test_empty_state (void)
{
  SpWindow *window = open_main_window ();
  AdwStatusPage *page = find_status_page (window);
  g_autofree char *menu = describe_primary_menu (window);
  g_autofree char *expected_menu = NULL;
  g_auto(GStrv) quit_accels = NULL;

  /* Whatever the language: the template shows these strings, through the catalogue. */
  g_assert_cmpstr (adw_status_page_get_title (page), ==,
                   g_dgettext (GETTEXT_PACKAGE, "No episodes yet"));
  g_assert_cmpstr (adw_status_page_get_description (page), ==,
                   g_dgettext (GETTEXT_PACKAGE,
                               "Sign in to a Samplan server to see the discharge overview."));

  expected_menu = g_strdup_printf ("%s→win.show-help-overlay|%s→app.about|%s→app.quit",
                                   g_dgettext (GETTEXT_PACKAGE, "_Keyboard Shortcuts"),
                                   g_dgettext (GETTEXT_PACKAGE, "_About Samplan"),
                                   g_dgettext (GETTEXT_PACKAGE, "_Quit"));
  g_assert_cmpstr (menu, ==, expected_menu);

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstrv (quit_accels, ((const char *[]) { "<Control>q", NULL }));

  destroy_all_windows ();
}

/* The window the user sees, in the test's language, for a person to look at. */
static void
test_screenshot (void)
{
  SpWindow *window = open_main_window ();

  save_screenshot (GTK_WIDGET (window), "samplan-window.png");

  destroy_all_windows ();
}

/* Through the window, as the menu item does: the about window opens on top of it. */
static void
test_about (void)
{
  SpWindow *window = open_main_window ();
  AdwAboutWindow *about;

  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.about", NULL));

  about = ADW_ABOUT_WINDOW (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  wait_until_mapped (GTK_WIDGET (about));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (about)));
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Samplan");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==,
                   g_dgettext (GETTEXT_PACKAGE, "The Samplan developers"));

  save_screenshot (GTK_WIDGET (about), "samplan-about.png");

  gtk_window_destroy (GTK_WINDOW (about));
  destroy_all_windows ();
}

/* The size comes from GSettings on open and goes back there on close. */
static void
test_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SpWindow *window;
  int width;
  int height;

  g_settings_set_int (settings, "window-width", 640);
  g_settings_set_int (settings, "window-height", 480);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = open_main_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 480);

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 510);
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 720);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 510);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

/* Swedish users see Swedish: the words of sv.po, not just "some translation". */
static void
test_swedish (void)
{
  SpWindow *window;
  AdwStatusPage *page;
  g_autofree char *menu = NULL;

  if (!swedish)
    {
      g_test_skip ("needs LC_ALL=sv_SE.UTF-8 (the locale is missing) and LANGUAGE=sv");
      return;
    }

  window = open_main_window ();
  page = find_status_page (window);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Inga vårdtillfällen ännu");
  g_assert_cmpstr (adw_status_page_get_description (page), ==,
                   "Logga in på en Samplan-server för att se översikten över "
                   "utskrivningsplaneringen.");

  menu = describe_primary_menu (window);
  g_assert_cmpstr (menu, ==,
                   "_Tangentbordsgenvägar→win.show-help-overlay|"
                   "_Om Samplan→app.about|"
                   "_Avsluta→app.quit");

  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SAMPLAN_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");
  g_autoptr(GError) error = NULL;
  int status;

  /* meson points these into the build folder, which starts without them. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* gtk_test_init () pins the locale; take the one the test is run in, like the app. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  swedish = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "sv") &&
            (language == NULL || g_str_has_prefix (language, "sv"));

  app = sp_application_new ();
  /* Tests may run beside a real Samplan on the same session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/app/window/empty-state", test_empty_state);
  g_test_add_func ("/app/window/swedish", test_swedish);
  g_test_add_func ("/app/window/about", test_about);
  g_test_add_func ("/app/window/remembers-size", test_remembers_size);
  g_test_add_func ("/app/window/screenshot", test_screenshot);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
