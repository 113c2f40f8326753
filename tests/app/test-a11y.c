/* test-a11y.c — every main view for people who use a screen reader, the keyboard, high
 * contrast, large text or a small screen, and in English
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-keyring.sh and Xvfb like the page tests, once in Swedish and once in English
 * (meson's a11y-en). Each view is opened as a user would and its widget tree is walked: every
 * shown interactive widget must have an accessible name as GTK 4.8 computes it. Screenshots
 * with high contrast and large text are saved to be looked at, not compared.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "sp-admission-dialog.h"
#include "sp-app-test.h"
#include "sp-episode-page.h"
#include "sp-help-window.h"
#include "sp-reports-page.h"
#include "sp-sip-editor.h"
#include "sp-track-chip.h"
#include "sp-window-private.h"

static gboolean swedish;
static char *episode_id;
/* Offenders over all views, so that one run names every one of them. */
static guint n_unnamed;

/* ---- The accessible name, as GTK 4.8 computes it ----
 *
 * gtk_at_context_get_name (): the label property, then (one level deep) the names of the
 * widgets in the labelled-by relation; a range also says its value; a hidden widget has no
 * name; with none of these GTK falls back to the type name ("GtkImage"), which tells a
 * listener nothing and so counts as no name here. A tooltip is the description in GTK 4.8,
 * never the name. GTK has no public getter, but its test API prints the values it holds:
 * checking against a value that cannot match returns the actual one. */

static char *
get_property_text (GtkAccessible         *accessible,
                   GtkAccessibleProperty  property)
{
  if (!gtk_test_accessible_has_property (accessible, property))
    return NULL;

  return gtk_test_accessible_check_property (accessible, property, "\x01");
}

/* Every widget under every toplevel: the only pointers a relation may be resolved to. */
static void
collect_widgets (GtkWidget  *root,
                 GHashTable *known)
{
  g_hash_table_add (known, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, known);
}

static GHashTable *
collect_all_widgets (void)
{
  GHashTable *known = g_hash_table_new (NULL, NULL);
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      collect_widgets (toplevel, known);
    }

  return known;
}

/* The relation prints as "GtkLabel<0x…> GtkImage<0x…>". */
static GPtrArray *
get_labelled_by (GtkAccessible *accessible,
                 GHashTable    *known)
{
  GPtrArray *targets = g_ptr_array_new ();
  g_autofree char *text = NULL;

  if (!gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return targets;

  text = gtk_test_accessible_check_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                             NULL);
  for (const char *p = text != NULL ? strstr (text, "<0x") : NULL;
       p != NULL;
       p = strstr (p + 1, "<0x"))
    {
      gpointer target = GSIZE_TO_POINTER (g_ascii_strtoull (p + 1, NULL, 16));

      if (g_hash_table_contains (known, target))
        g_ptr_array_add (targets, target);
    }

  return targets;
}

static gboolean
is_hidden (GtkAccessible *accessible)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_state (accessible, GTK_ACCESSIBLE_STATE_HIDDEN))
    return FALSE;

  mismatch = gtk_test_accessible_check_state (accessible, GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
  return mismatch == NULL;
}

static void
accumulate_name (GtkAccessible *accessible,
                 gboolean       recurse,
                 GHashTable    *known,
                 GString       *name)
{
  g_autofree char *label = get_property_text (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (label != NULL && *g_strstrip (label) != '\0')
    g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", label);

  if (recurse)
    {
      g_autoptr(GPtrArray) targets = get_labelled_by (accessible, known);

      for (guint i = 0; i < targets->len; i++)
        accumulate_name (g_ptr_array_index (targets, i), FALSE, known, name);
    }

  if (gtk_accessible_get_accessible_role (accessible) == GTK_ACCESSIBLE_ROLE_RANGE)
    {
      g_autofree char *value = get_property_text (accessible,
                                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);

      if (value != NULL && *value != '\0')
        g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", value);
    }

  if (is_hidden (accessible))
    g_string_truncate (name, 0);
}

static char *
get_accessible_name (GtkWidget  *widget,
                     GHashTable *known)
{
  GString *name = g_string_new (NULL);

  accumulate_name (GTK_ACCESSIBLE (widget), TRUE, known, name);
  return g_string_free (name, FALSE);
}

/* ---- Which widgets need a name ---- */

/* Parts of a composite control (the text of an entry, the button of a menu button or drop
 * down, the list inside a column view) are named through the control, which is checked. */
static gboolean
is_part_of_control (GtkWidget *widget)
{
  return has_ancestor_of_type (widget, GTK_TYPE_EDITABLE) ||
         has_ancestor_of_type (widget, GTK_TYPE_MENU_BUTTON) ||
         has_ancestor_of_type (widget, GTK_TYPE_DROP_DOWN) ||
         has_ancestor_of_type (widget, ADW_TYPE_SPLIT_BUTTON) ||
         has_ancestor_of_type (widget, ADW_TYPE_ENTRY_ROW) ||
         has_ancestor_of_type (widget, ADW_TYPE_COMBO_ROW) ||
         (GTK_IS_LIST_VIEW (widget) && has_ancestor_of_type (widget, GTK_TYPE_COLUMN_VIEW));
}

static gboolean
is_interactive (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));

  return GTK_IS_BUTTON (widget) ||
         GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) ||
         GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_MENU_BUTTON (widget) ||
         ADW_IS_SPLIT_BUTTON (widget) ||
         ADW_IS_COMBO_ROW (widget) ||
         GTK_IS_EDITABLE (widget) ||
         GTK_IS_SCALE (widget) ||
         GTK_IS_LIST_VIEW (widget) ||
         GTK_IS_COLUMN_VIEW (widget) ||
         GTK_IS_GRID_VIEW (widget);
}

/* Worth naming on the way to a widget: the widget itself, Samplan's widgets, libadwaita's
 * public ones and whatever has a template id; the rest is "…". */
static gboolean
is_landmark (GtkWidget  *widget,
             const char *id)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);

  return (id != NULL && !g_str_has_prefix (id, "___")) ||
         g_str_has_prefix (type, "Sp") ||
         (g_str_has_prefix (type, "Adw") && g_strcmp0 (type, "AdwGizmo") != 0);
}

/* "SpSipEditor > AdwToastOverlay#toast_overlay > … > GtkButton (icon printer-symbolic, …)":
 * from the nearest Samplan widget down to @widget. */
static char *
describe_widget (GtkWidget *widget)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_free);
  GString *path = g_string_new (NULL);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));
      gboolean named = id != NULL && !g_str_has_prefix (id, "___") &&
                       g_strcmp0 (id, G_OBJECT_TYPE_NAME (w)) != 0;

      if (w != widget && !is_landmark (w, id))
        {
          if (elements->len == 0 || g_strcmp0 (g_ptr_array_index (elements, elements->len - 1),
                                                "…") != 0)
            g_ptr_array_add (elements, g_strdup ("…"));
          continue;
        }

      g_ptr_array_add (elements, g_strdup_printf ("%s%s%s", G_OBJECT_TYPE_NAME (w),
                                                  named ? "#" : "", named ? id : ""));
      if (w != widget && g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Sp"))
        break;
    }

  for (guint i = elements->len; i > 0; i--)
    g_string_append_printf (path, "%s%s", i < elements->len ? " > " : "",
                            (char *) g_ptr_array_index (elements, i - 1));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (path, " (icon %s)", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  if (tooltip != NULL)
    g_string_append_printf (path, " (tooltip “%s”: a description, not a name, in GTK 4.8)",
                            tooltip);

  return g_string_free (path, FALSE);
}

static void
audit_tree (GtkWidget  *widget,
            GHashTable *known,
            const char *view,
            guint      *n_checked)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (is_interactive (widget) && !is_part_of_control (widget))
    {
      g_autofree char *name = get_accessible_name (widget, known);

      (*n_checked)++;
      if (*name == '\0')
        {
          g_autofree char *description = describe_widget (widget);

          g_test_message ("%s: no accessible name: %s", view, description);
          n_unnamed++;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    audit_tree (child, known, view, n_checked);
}

/* ---- Strings left in Swedish when the app runs in English ---- */

static gboolean
looks_swedish (const char *text)
{
  static const char *const words[] = {
    "och", "inte", "med", "till", "Spara", "Avbryt", "Ny", "Visa", "Skicka",
  };
  g_auto(GStrv) tokens = NULL;

  if (strpbrk (text, "åäöÅÄÖ") != NULL)
    return TRUE;

  tokens = g_strsplit_set (text, " .,:;()", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (words); j++)
      if (g_strcmp0 (tokens[i], words[j]) == 0)
        return TRUE;

  return FALSE;
}

/* Lists (does not fail on: unit and patient names are Swedish data) what reads as Swedish. */
static void
list_swedish_text (GtkWidget  *widget,
                   const char *view)
{
  const char *text = NULL;

  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

  if (text != NULL && looks_swedish (text))
    g_test_message ("%s: Swedish in English: “%s” (%s)", view, text,
                    G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    list_swedish_text (child, view);
}

/* ---- High contrast and large text ---- */

static void
set_high_contrast (gboolean high_contrast)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.gnome.desktop.a11y.interface");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  /* libadwaita 1.2 follows this key when there is no settings portal (GSETTINGS_BACKEND is
   * memory in tests: the change stays in this process). */
  g_settings_set_boolean (settings, "high-contrast", high_contrast);
  WAIT_UNTIL (adw_style_manager_get_high_contrast (manager) == high_contrast, 20);
}

static void
set_text_scale (double scale)
{
  /* 96 dpi, in 1/1024 dots per inch: what "Large Text" (×1.25) and more change. */
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (96 * 1024 * scale), NULL);
}

/* Checks @root (a view of @window) and saves what it looks like for people who need more. */
static void
check_view (GtkWidget  *window,
            GtkWidget  *root,
            const char *view)
{
  g_autoptr(GHashTable) known = collect_all_widgets ();
  g_autofree char *high_contrast = g_strdup_printf ("samplan-a11y-%s-hc.png", view);
  g_autofree char *large = g_strdup_printf ("samplan-a11y-%s-large.png", view);
  g_autofree char *english = g_strdup_printf ("samplan-en-%s.png", view);
  guint n_checked = 0;

  audit_tree (root, known, view, &n_checked);
  g_test_message ("%s: %u interactive widgets checked", view, n_checked);
  g_assert_cmpuint (n_checked, >, 0);

  if (!swedish)
    {
      list_swedish_text (root, view);
      save_screenshot (window, english);
      return;
    }

  if (g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                       "org.gnome.desktop.a11y.interface", TRUE) != NULL)
    {
      set_high_contrast (TRUE);
      save_screenshot (window, high_contrast);
      set_high_contrast (FALSE);
    }
  else
    g_test_message ("no org.gnome.desktop.a11y.interface schema: no high-contrast picture");

  set_text_scale (1.5);
  save_screenshot (window, large);
  set_text_scale (1.0);
}

/* ---- The views ---- */

static void
test_views (void)
{
  SpWindow *window = open_main_window ();
  GtkWidget *page;
  GtkWindow *dialog;

  WAIT_UNTIL (on_sign_in_page (window), 20);
  check_view (GTK_WIDGET (window), GTK_WIDGET (window), "sign-in");

  submit_sign_in (window, sp_test_server_get_uri (server), "ward");

  show_list_page (window, "overview");
  check_view (GTK_WIDGET (window), GTK_WIDGET (window), "overview");
  show_list_page (window, "inbox");
  check_view (GTK_WIDGET (window), GTK_WIDGET (window), "inbox");
  show_list_page (window, "reports");
  check_view (GTK_WIDGET (window), GTK_WIDGET (window), "reports");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-episode", "s",
                                             episode_id));
  WAIT_UNTIL ((page = find_descendant (GTK_WIDGET (window), SP_TYPE_EPISODE_PAGE, TRUE)) != NULL,
              20);
  /* Loaded: the page's actions are there once the episode is. */
  WAIT_UNTIL (find_descendant (page, GTK_TYPE_BUTTON, TRUE) != NULL, 20);
  wait_for_round (window);
  check_view (GTK_WIDGET (window), GTK_WIDGET (window), "episode");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-admission", NULL));
  WAIT_UNTIL ((dialog = find_toplevel (SP_TYPE_ADMISSION_DIALOG)) != NULL, 20);
  wait_until_mapped (GTK_WIDGET (dialog));
  check_view (GTK_WIDGET (dialog), GTK_WIDGET (dialog), "admission");
  gtk_window_destroy (dialog);

  /* The SIP editor as the fast vårdkontakt (primary care) who calls the meeting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  sign_out (window);
  submit_sign_in (window, sp_test_server_get_uri (server), "vc");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sip", "s",
                                             episode_id));
  WAIT_UNTIL ((page = find_descendant (GTK_WIDGET (window), SP_TYPE_SIP_EDITOR, TRUE)) != NULL,
              20);
  WAIT_UNTIL (sp_sip_editor_get_sip_id (SP_SIP_EDITOR (page)) != NULL, 20);
  check_view (GTK_WIDGET (window), GTK_WIDGET (window), "sip-editor");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  sign_out (window);

  if (n_unnamed > 0)
    g_test_fail_printf ("%u interactive widgets without an accessible name (listed above)",
                        n_unnamed);
}

/* The overview's shown drop-down whose first row is @first (its rows are a string list). */
static GtkDropDown *
find_dropdown (GtkWidget  *root,
               const char *first)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;

  if (GTK_IS_DROP_DOWN (root))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (root));

      if (GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) > 0 &&
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), first) == 0)
        return GTK_DROP_DOWN (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_dropdown (child, first);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The track filter names the tracks as the chips do, in the language the app runs in (not
 * the core's Swedish "grå"…"röd", which are data). */
static void
check_track_dropdown (GtkWidget         *window,
                      const char *const *names)
{
  GtkDropDown *dropdown = find_dropdown (window, g_dgettext (GETTEXT_PACKAGE, "All Tracks"));
  GtkStringList *rows;

  g_assert_nonnull (dropdown);
  rows = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  /* All tracks, grey…red, no track yet. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, SP_TRACK_ROD + 3);
  for (SpTrack track = SP_TRACK_GRA; track <= SP_TRACK_ROD; track++)
    {
      const char *row = gtk_string_list_get_string (rows, track + 1);

      g_assert_cmpstr (row, ==, names[track]);
      if (!swedish)
        g_assert_false (looks_swedish (row));
    }
}

/* The colour of a track is never the only sign of it: the chip is announced by name. */
static void
test_track_chip (void)
{
  SpWindow *window = sign_in_as ("ward");
  const char *expected = g_dgettext (GETTEXT_PACKAGE, "Track: grey");
  g_autofree char *prefix = g_strndup (expected, strchr (expected, ':') + 1 - expected);
  static const char *const english[] = { "Grey", "Blue", "Green", "Yellow", "Red" };
  static const char *const swedish_names[] = { "Grå", "Blå", "Grön", "Gul", "Röd" };
  GtkWidget *chip;
  g_autofree char *label = NULL;
  const char *text;
  SpTrack track;

  show_list_page (window, "overview");
  WAIT_UNTIL ((chip = find_descendant (GTK_WIDGET (window), SP_TYPE_TRACK_CHIP, TRUE)) != NULL,
              20);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chip)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  label = get_property_text (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_assert_nonnull (label);
  /* "Spår: …" / "Track: …", in the language the app runs in. */
  g_assert_true (g_str_has_prefix (label, prefix));

  /* What it shows, too: "◔ Blå" in Swedish, "◔ Blue" in English (the core's "blå" is data).
   */
  track = sp_track_chip_get_track (SP_TRACK_CHIP (chip));
  text = gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (chip)));
  g_assert_true (g_str_has_suffix (text, swedish ? swedish_names[track] : english[track]));
  if (!swedish)
    g_assert_false (looks_swedish (text));

  check_track_dropdown (GTK_WIDGET (window), swedish ? swedish_names : english);

  sign_out (window);
}

static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        n++;
    }

  return n;
}

/* F1 opens the guide; without Yelp (as here) in a window of the app's own. */
static void
test_help (void)
{
  g_auto(GStrv) actions = NULL;
  GtkWindow *help;
  guint n_before;

  actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "F1");
  g_assert_true (g_strv_contains ((const char *const *) actions, "app.help"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  WAIT_UNTIL ((help = find_toplevel (ADW_TYPE_WINDOW)) != NULL &&
              !ADW_IS_ABOUT_WINDOW (help) &&
              g_strcmp0 (gtk_window_get_title (help), _("Samplan Help")) == 0, 20);
  wait_until_mapped (GTK_WIDGET (help));
  /* The index links to the pages (test-help checks which): each link has a name. */
  g_assert_nonnull (find_descendant (GTK_WIDGET (help), GTK_TYPE_LINK_BUTTON, TRUE));
  n_before = n_unnamed;
  check_view (GTK_WIDGET (help), GTK_WIDGET (help), "help");
  g_assert_cmpuint (n_unnamed, ==, n_before);

  /* F1 again brings the same window back, not a second one. */
  g_assert_true (SP_IS_HELP_WINDOW (help));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_assert_cmpuint (count_toplevels (SP_TYPE_HELP_WINDOW), ==, 1);
  gtk_window_destroy (help);
}

/* The About window says which release this is, what changed, who made it and its licence. */
static void
test_about (void)
{
  SpWindow *window = open_main_window ();
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  WAIT_UNTIL ((about = find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL, 20);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==,
                   PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_release_notes_version (ADW_ABOUT_WINDOW (about)), ==,
                   PACKAGE_VERSION);
  g_assert_nonnull (strstr (adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about)),
                            "<p>"));
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (adw_about_window_get_developers (ADW_ABOUT_WINDOW (about)));
  g_assert_nonnull (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)));
  gtk_window_destroy (about);
  g_assert_true (SP_IS_WINDOW (window));
}

static gboolean
has_accel (const char *action,
           const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);
  GdkModifierType modifiers;
  guint key;

  g_assert_true (gtk_accelerator_parse (accel, &key, &modifiers));
  for (guint i = 0; accels[i] != NULL; i++)
    {
      GdkModifierType set_modifiers;
      guint set_key;

      /* GTK prints them back in its own order ("<Shift><Control>p"). */
      if (gtk_accelerator_parse (accels[i], &set_key, &set_modifiers) &&
          set_key == key && set_modifiers == modifiers)
        return TRUE;
    }

  return FALSE;
}

/* The application's accelerators, as the shortcuts window and the guide promise them. */
static void
test_accels (void)
{
  static const char *const expected[][2] = {
    { "app.quit", "<Control>q" },
    { "app.help", "F1" },
    { "window.close", "<Control>w" },
    { "win.show-help-overlay", "<Control>question" },
    { "win.print-templates", "<Control><Shift>p" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!has_accel (expected[i][0], expected[i][1]))
      g_error ("%s has no accelerator %s", expected[i][0], expected[i][1]);
}

/* A window of @width × @height, signed in: a mapped window does not change its size on Xvfb
 * (no window manager), so a new one opens at the size the settings remember. */
static SpWindow *
open_window_sized (int width,
                   int height)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SpWindow *window;

  destroy_all_windows ();
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  window = sign_in_as ("ward");
  show_list_page (window, "overview");
  /* The size asked for is the surface's, frame included: the window widget is a few pixels
   * smaller, never larger unless its content needs more room. */
  if (gtk_widget_get_width (GTK_WIDGET (window)) > width)
    report_widest (GTK_WIDGET (window), width);
  if (gtk_widget_get_width (GTK_WIDGET (window)) > width ||
      gtk_widget_get_height (GTK_WIDGET (window)) > height)
    g_test_fail_printf ("asked for a %d×%d window, got %d×%d: something needs more room",
                        width, height, gtk_widget_get_width (GTK_WIDGET (window)),
                        gtk_widget_get_height (GTK_WIDGET (window)));

  return window;
}

/* A laptop (1280×720) shows the sidebar and the whole overview; a phone-sized window
 * (360×640, a small screen in a home) folds the sidebar away and still fits. */
static void
test_adaptive (void)
{
  SpWindow *window = open_window_sized (1280, 720);
  GtkWidget *scrolled;
  GtkAdjustment *hadjustment;

  WAIT_UNTIL (!adw_leaflet_get_folded (window->leaflet), 20);
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (window->overview_slot),
                                      GTK_TYPE_SCROLLED_WINDOW);
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  save_screenshot (GTK_WIDGET (window), "samplan-1280.png");
  if (gtk_adjustment_get_upper (hadjustment) > gtk_adjustment_get_page_size (hadjustment) + 0.5)
    g_test_fail_printf ("the overview needs %.0f px at 1280×720 but has %.0f: it scrolls "
                        "sideways", gtk_adjustment_get_upper (hadjustment),
                        gtk_adjustment_get_page_size (hadjustment));
  sign_out (window);

  /* Nothing may ask for more than 360 px: the window would open wider instead. */
  window = open_window_sized (360, 640);
  WAIT_UNTIL (adw_leaflet_get_folded (window->leaflet), 20);
  save_screenshot (GTK_WIDGET (window), "samplan-narrow.png");
  sign_out (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  swedish = app_test_init (&argc, &argv);
  episode_id = admit ("19121212-1212", "Tolvan", "Tolvansson");
  answer_planning (episode_id);

  g_test_add_func ("/app/a11y/views", test_views);
  g_test_add_func ("/app/a11y/track-chip", test_track_chip);
  g_test_add_func ("/app/a11y/help", test_help);
  g_test_add_func ("/app/a11y/about", test_about);
  g_test_add_func ("/app/a11y/accels", test_accels);
  g_test_add_func ("/app/a11y/adaptive", test_adaptive);

  status = g_test_run ();
  g_free (episode_id);
  app_test_finish ();
  return status;
}
