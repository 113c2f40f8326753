/* sp-app-test.c — what every widget test of the app does: wait, find, sign in, screenshot
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "sp-app-test.h"
#include "sp-episode-page-private.h"
#include "sp-inbox-page.h"
#include "sp-token-store.h"
#include "sp-window-private.h"

SpApplication *app;
SpTestServer *server;

/**
 * app_test_init_gtk:
 *
 * GTK and libadwaita for a test, in the language the test runs in (like the app), with the
 * test's own folders. No server, no application: app_test_init () adds them.
 *
 * Returns: whether the test runs in Swedish
 */
gboolean
app_test_init_gtk (int    *argc,
                   char ***argv)
{
  const char *localedir = g_getenv ("SAMPLAN_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");

  /* meson points these into the build folder, which starts without them. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  /* gtk_test_init () pins the locale; take the one the test is run in, like the app. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "sv") &&
         (language == NULL || g_str_has_prefix (language, "sv"));
}

/* Creates and registers the application (`app`), as `samplan` does on start. */
void
app_test_start_application (void)
{
  g_autoptr(GError) error = NULL;

  app = sp_application_new ();
  /* Tests may run beside a real Samplan on the same session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
}

/**
 * app_test_init:
 *
 * app_test_init_gtk (), then the server with the Stockholm fixture and the application.
 *
 * Returns: whether the test runs in Swedish
 */
gboolean
app_test_init (int    *argc,
               char ***argv)
{
  gboolean swedish = app_test_init_gtk (argc, argv);

  server = sp_test_server_start ("stockholm");
  app_test_start_application ();

  return swedish;
}

/* The end of a test binary: windows, application and server. */
void
app_test_finish (void)
{
  destroy_all_windows ();
  g_clear_object (&app);
  sp_test_server_stop (server);
}

/* ---- Waiting without sleeping ---- */

gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}



void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}


/* ---- Finding widgets ---- */

/* Depth first, so the first match is the outermost one; @mapped: only shown widgets. */
GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type,
                 gboolean   mapped)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (!mapped || gtk_widget_get_mapped (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, mapped);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The entry row titled @title (in the catalogue's language). */
GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  const char *translated = g_dgettext (GETTEXT_PACKAGE, title);

  if (ADW_IS_ENTRY_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), translated) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Types @text into the entry row titled @title (English, translated here), focused first as
 * a user's typing would be. */
void
type_into (GtkWidget  *root,
           const char *title,
           const char *text)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The text of the entry row titled @title. */
const char *
row_text_of (GtkWidget  *root,
             const char *title)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The shown widget of @type with the style class @css_class. */
GtkWidget *
find_styled (GtkWidget  *root,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_has_css_class (root, css_class) &&
      gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_styled (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether some ancestor of @widget (not @widget itself) is a @type. */
gboolean
has_ancestor_of_type (GtkWidget *widget,
                      GType      type)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return parent != NULL && gtk_widget_get_ancestor (parent, type) != NULL;
}

/* Follows the widest child down from @widget: who makes the window wider than @width
 * (written to the test's log). */
void
report_widest (GtkWidget *widget,
               int        width)
{
  for (GtkWidget *w = widget; w != NULL;)
    {
      GtkWidget *widest = NULL;
      int widest_min = 0;
      int min;

      gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_test_message ("needs %d px: %s", min, G_OBJECT_TYPE_NAME (w));
      for (GtkWidget *child = gtk_widget_get_first_child (w);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min;

          if (!gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL,
                              NULL);
          if (child_min > widest_min)
            {
              widest = child;
              widest_min = child_min;
            }
        }
      w = widest_min >= width ? widest : NULL;
    }
}

/* @msgid as the app shows it, in the catalogue's language. */
const char *
tr (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}


gboolean
on_sign_in_page (SpWindow *window)
{
  GtkWidget *row = find_row (GTK_WIDGET (window), "Password");

  return row != NULL && gtk_widget_get_mapped (row) &&
         gtk_editable_get_editable (GTK_EDITABLE (row));
}

gboolean
in_session (SpWindow *window)
{
  return find_descendant (GTK_WIDGET (window), ADW_TYPE_LEAFLET, TRUE) != NULL;
}


/* ---- Windows ---- */

void
wait_until_mapped (GtkWidget *widget)
{
  WAIT_UNTIL (gtk_widget_get_mapped (widget), 20);
}

/* (transfer none): GTK keeps its toplevels alive until they are destroyed. */
GtkWindow *
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

/* The main window as `samplan` shows it on start: activating the application. */
SpWindow *
open_main_window (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (SP_IS_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  return SP_WINDOW (window);
}

void
destroy_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
fill_sign_in (SpWindow   *window,
              const char *server_url,
              const char *username,
              const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Server Address")),
                         server_url);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "User Name")), username);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Password")), password);
}

static void
finished_cb (SpSync   *sync,
             GError   *error,
             gpointer  user_data)
{
  guint *rounds = user_data;

  (*rounds)++;
}

/* Waits for the end of the session's next sync round. */
void
wait_for_round (SpWindow *window)
{
  SpSync *sync;
  guint rounds = 0;
  gulong handler;

  WAIT_UNTIL (sp_window_get_sync (window) != NULL, 20);
  sync = sp_window_get_sync (window);
  handler = g_signal_connect (sync, "finished", G_CALLBACK (finished_cb), &rounds);
  WAIT_UNTIL (rounds > 0, 60);
  g_signal_handler_disconnect (sync, handler);
}

/* Fills in the shown sign-in form for @username at @server_url, signs in and waits for the
 * session and its first round. */
void
submit_sign_in (SpWindow   *window,
                const char *server_url,
                const char *username)
{
  fill_sign_in (window, server_url, username, SP_TEST_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL));
  WAIT_UNTIL (in_session (window), 20);
  wait_for_round (window);
}

/* Opens the main window and signs in through the form to @server_url (the server, or a relay
 * in front of it); waits for the first round. */
SpWindow *
sign_in_at (const char *server_url,
            const char *username)
{
  SpWindow *window = open_main_window ();

  WAIT_UNTIL (on_sign_in_page (window), 20);
  submit_sign_in (window, server_url, username);

  return window;
}

/* Signs in through the form and waits for the first round. */
SpWindow *
sign_in_as (const char *username)
{
  return sign_in_at (sp_test_server_get_uri (server), username);
}

/* Signs out with the window's action and waits for the sign-in page. */
void
sign_out (SpWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  WAIT_UNTIL (on_sign_in_page (window), 20);
}

/* Forgets the test server's saved sign-in tokens: the next start asks for a user again. */
void
clear_tokens (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sp_token_store_clear_async (sp_test_server_get_uri (server), NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL, 20);
  g_assert_true (sp_token_store_clear_finish (result, &error));
  g_assert_no_error (error);
}

/* No window, no saved token: the next sign-in asks for a user again. */
void
forget_session (void)
{
  destroy_all_windows ();
  clear_tokens ();
}

/* Shows the list page @name ("overview", "inbox", "reports") and waits until it is shown. */
void
show_list_page (SpWindow   *window,
                const char *name)
{
  sp_window_show_page (window, name);
  WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (window->content_stack), name) == 0,
              20);
}

/* Opens @episode_id as the overview does (win.open-episode) and waits until the page and its
 * timeline are shown. */
SpEpisodePage *
open_episode_page (SpWindow   *window,
                   const char *episode_id)
{
  SpEpisodePage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-episode", "s",
                                             episode_id));
  WAIT_UNTIL ((page = SP_EPISODE_PAGE (find_descendant (GTK_WIDGET (window),
                                                        SP_TYPE_EPISODE_PAGE, TRUE))) != NULL,
              20);
  WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (page->load_stack), "episode") == 0 &&
              page->thread != NULL && !page->busy, 20);
  return page;
}

/* The inbox page, if shown. */
GtkWidget *
inbox_page (SpWindow *window)
{
  return find_descendant (GTK_WIDGET (window), SP_TYPE_INBOX_PAGE, TRUE);
}

/* The shown "Kvittera" (acknowledge) button of the inbox row for @key, or NULL. */
GtkWidget *
acknowledge_button (GtkWidget  *root,
                    const char *key)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)),
                 "inbox.acknowledge") == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), key))
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = acknowledge_button (child, key);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* ---- Screenshots ---- */

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
  WAIT_UNTIL (updated, 20);
  g_signal_handler_disconnect (paintable, handler);
}

static gboolean
transition_running (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_transition_running (GTK_STACK (root)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;

  return FALSE;
}

/* Renders @paintable at @width × @height with @renderer and saves it as the PNG @name in
 * $SAMPLAN_SCREENSHOT_DIR (by default the test's build folder). */
void
write_screenshot (GskRenderer  *renderer,
                  GdkPaintable *paintable,
                  int           width,
                  int           height,
                  const char   *name)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("SAMPLAN_SCREENSHOT_DIR");

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

/* Saves @widget (a window) as the PNG @name once no stack is in a transition and the
 * picture is drawn. */
void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int width;
  int height;

  /* The picture of the page, not of a crossfade. */
  WAIT_UNTIL (!transition_running (widget), 20);
  wait_for_picture (paintable, widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  write_screenshot (renderer, paintable, width, height, name);
}
