/* test-tab-order.c — the main views walked with Tab and Shift+Tab, as a keyboard user does
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-keyring.sh and Xvfb like the page tests. Each view is opened as a user
 * would; then focus is moved the way the Tab key moves it (the shortcuts bound to Tab along the
 * focus, down to GtkWindow's own) from the sidebar round to the sidebar again.
 * Every walk must:
 *  - reach every shown, sensitive interactive widget (a list counts as reached when any of its
 *    rows is: arrow keys move inside it);
 *  - come back to where it started (no focus trap, no cycle that leaves part of the view out);
 *  - follow the reading order: along a line left to right, down a column top to bottom, and
 *    the view's landmarks (header, search, filters, list; a form's fields) in that order;
 *  - backwards, visit the same stops in reverse.
 * GTK 4 orders Tab by where widgets are, container by container: what breaks the order is a
 * widget placed out of its reading order (a template child out of order, an odd alignment).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "sp-app-test.h"
#include "sp-episode-page.h"
#include "sp-inbox-page.h"
#include "sp-overview-page.h"
#include "sp-sip-editor.h"
#include "sp-sip-outline-row.h"
#include "sp-sip-plan-page.h"
#include "sp-window-private.h"

static char *episode_id;
static char *sip_id;

/* Fails the test and goes on, so that one run names every problem of a view. */
static void G_GNUC_PRINTF (1, 2)
report (const char *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_test_fail_printf ("%s", message);
}

/* ---- What a stop is ---- */

/* Controls made of parts (the text of an entry, the toggle of a drop down): focus lands on a
 * part, the stop is the control. */
static gboolean
is_composite_control (GtkWidget *widget)
{
  return GTK_IS_EDITABLE (widget) ||
         GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_MENU_BUTTON (widget) ||
         ADW_IS_SPLIT_BUTTON (widget) ||
         ADW_IS_COMBO_ROW (widget);
}

/* A list with a selection or a list view is one stop: arrow keys move inside it, and GTK
 * enters it at the selected row from either side. */
static gboolean
is_list_stop (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return gtk_list_box_get_selection_mode (GTK_LIST_BOX (widget)) != GTK_SELECTION_NONE;

  return GTK_IS_LIST_VIEW (widget) || GTK_IS_COLUMN_VIEW (widget) || GTK_IS_GRID_VIEW (widget);
}

/* The stop @widget (the focus, or a control) belongs to: the outermost list stop or composite
 * control around it (a combo row's own list is part of the row), else itself. */
static GtkWidget *
get_stop (GtkWidget *widget)
{
  GtkWidget *list = NULL;
  GtkWidget *control = NULL;

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (is_list_stop (w))
        list = w;
      if (is_composite_control (w))
        control = w;
    }

  if (control != NULL && (list == NULL || gtk_widget_is_ancestor (list, control)))
    return control;
  return list != NULL ? list : widget;
}

static gboolean
is_interactive (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));
  /* A row of a boxed list is a stop even when it only shows something: it is read out. */
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_widget_get_focusable (widget) && !is_composite_control (widget);

  /* A selectable label takes the focus to be copied from (an identity number). */
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_selectable (GTK_LABEL (widget));

  return GTK_IS_BUTTON (widget) ||
         GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) ||
         GTK_IS_SCALE (widget) ||
         is_composite_control (widget) ||
         is_list_stop (widget);
}

/* The window's own buttons (close, maximise) are not in GTK's focus chain by design: Ctrl+W
 * and the window manager's keys do their work. */
static gboolean
is_window_control (GtkWidget *widget)
{
  return GTK_IS_WINDOW_CONTROLS (widget) || has_ancestor_of_type (widget, GTK_TYPE_WINDOW_CONTROLS);
}

/* "GtkButton#establish_button “Establish”": enough to find it in the template. */
static char *
describe (GtkWidget *widget)
{
  GString *text = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  const char *label = NULL;

  if (id != NULL && !g_str_has_prefix (id, "___"))
    g_string_append_printf (text, "#%s", id);
  if (GTK_IS_BUTTON (widget))
    label = gtk_button_get_label (GTK_BUTTON (widget)) != NULL
              ? gtk_button_get_label (GTK_BUTTON (widget))
              : gtk_button_get_icon_name (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget))
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL
              ? gtk_menu_button_get_label (GTK_MENU_BUTTON (widget))
              : gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    label = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (label == NULL)
    label = gtk_widget_get_tooltip_text (widget);
  if (label != NULL)
    g_string_append_printf (text, " “%s”", label);

  /* Where it is: up to its nearest Samplan ancestor. */
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *parent_id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));

      if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Sp"))
        {
          g_string_append_printf (text, " in %s", G_OBJECT_TYPE_NAME (w));
          break;
        }
      if (parent_id != NULL && !g_str_has_prefix (parent_id, "___"))
        g_string_append_printf (text, " in #%s", parent_id);
      else if ((g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Adw") &&
                g_strcmp0 (G_OBJECT_TYPE_NAME (w), "AdwGizmo") != 0) ||
               GTK_IS_POPOVER (w))
        g_string_append_printf (text, " in %s", G_OBJECT_TYPE_NAME (w));
    }

  return g_string_free (text, FALSE);
}

/* ---- Walking ---- */

static void
print_stops (const char *view,
             const char *direction,
             GPtrArray  *stops)
{
  for (guint i = 0; i < stops->len; i++)
    {
      g_autofree char *what = describe (g_ptr_array_index (stops, i));

      g_test_message ("%s %s %2u: %s", view, direction, i, what);
    }
}

/* ---- Pressing Tab ----
 *
 * GTK has no public way to make a key event. What a Tab press does is found the way GTK finds
 * it: the shortcuts of the focus widget and its ancestors (capture phase from the window down,
 * then bubble phase up), down to GtkWindow's own binding, which moves the focus. A widget that
 * binds Tab itself (the SIP plan indents with it) is where Tab stays; Ctrl+Tab must leave. */

static gboolean
is_tab_trigger (GtkShortcutTrigger *trigger,
                GdkModifierType     modifiers)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return is_tab_trigger (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                           modifiers) ||
           is_tab_trigger (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                           modifiers);

  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      guint keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
      GdkModifierType mask = GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK;

      return (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab ||
              keyval == GDK_KEY_ISO_Left_Tab) &&
             (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) & mask) ==
               modifiers;
    }

  return FALSE;
}

/* The shortcut of @widget's controllers in @phase that Tab with @modifiers runs, if any. */
static GtkShortcut *
find_tab_shortcut (GtkWidget           *widget,
                   GtkPropagationPhase  phase,
                   GdkModifierType      modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (is_tab_trigger (gtk_shortcut_get_trigger (shortcut), modifiers))
            return shortcut;
        }
    }

  return NULL;
}

static gboolean
run_shortcut (GtkWidget       *widget,
              GtkShortcut     *shortcut)
{
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                       GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                       gtk_shortcut_get_arguments (shortcut));
}

/* Runs Tab (@modifiers: Shift, Control) as GTK would for the focus of @window; returns the
 * widget that handled it. */
static GtkWidget *
run_tab (GtkWindow       *window,
         GdkModifierType  modifiers)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (GtkWidget *w = focus != NULL ? focus : GTK_WIDGET (window); w != NULL;
       w = gtk_widget_get_parent (w))
    g_ptr_array_add (chain, w);

  for (guint i = chain->len; i > 0; i--)
    {
      GtkWidget *w = g_ptr_array_index (chain, i - 1);
      GtkShortcut *shortcut = find_tab_shortcut (w, GTK_PHASE_CAPTURE, modifiers);

      if (shortcut != NULL && run_shortcut (w, shortcut))
        return w;
    }

  for (guint i = 0; i < chain->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (chain, i);
      GtkShortcut *shortcut = find_tab_shortcut (w, GTK_PHASE_BUBBLE, modifiers);

      /* An editable text view takes a plain Tab as text (GtkTextView's key handler). */
      if (GTK_IS_TEXT_VIEW (w) && (modifiers & GDK_CONTROL_MASK) == 0 &&
          gtk_text_view_get_editable (GTK_TEXT_VIEW (w)) &&
          gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (w)))
        return w;
      if (shortcut != NULL && run_shortcut (w, shortcut))
        return w;
    }

  g_error ("Nothing handles Tab: GtkWindow binds it");
}

/* The text of a SIP outline row: Tab and Shift+Tab indent and outdent it there, which
 * changes the plan (and so the focus widget), so its user moves on with Ctrl+Tab. */
static gboolean
is_outline_text (GtkWidget *focus)
{
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, SP_TYPE_SIP_OUTLINE_ROW)
                                 : NULL;
  GtkWidget *text = row != NULL ? sp_sip_outline_row_get_text_entry (SP_SIP_OUTLINE_ROW (row))
                                : NULL;

  return text != NULL && (focus == text || gtk_widget_is_ancestor (focus, text));
}

/* Tab (or Shift+Tab) once; with Control where the focus keeps a plain Tab for itself. */
static GtkWidget *
press_tab (GtkWindow        *window,
           GtkDirectionType  direction)
{
  GdkModifierType shift = direction == GTK_DIR_TAB_BACKWARD ? GDK_SHIFT_MASK : 0;
  GtkWidget *focus = gtk_window_get_focus (window);
  GtkWidget *handler = run_tab (window, is_outline_text (focus) ? shift | GDK_CONTROL_MASK
                                                                : shift);

  if (handler != GTK_WIDGET (window) && gtk_window_get_focus (window) == focus)
    {
      g_autofree char *what = describe (handler);

      /* Tab is the widget's own key (indenting, a tab character): Ctrl+Tab must move on. */
      g_test_message ("Tab is taken by %s: Ctrl+Tab", what);
      handler = run_tab (window, shift | GDK_CONTROL_MASK);
      if (handler != GTK_WIDGET (window) && gtk_window_get_focus (window) == focus)
        {
          g_free (what);
          what = describe (focus);
          g_error ("Focus trap: neither Tab nor Ctrl+Tab leaves %s", what);
        }
    }

  /* Scrolling to the focus and list rows made for it come in the next frame. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return gtk_window_get_focus (window);
}

/* The stops of one lap round @window, starting in the sidebar, each once (a list once, with
 * the focus widgets inside it in @focused). Fails on a trap: a lap that does not come back
 * to its first stop. */
static GPtrArray *
walk (GtkWindow        *window,
      GtkDirectionType  direction,
      GHashTable       *focused)
{
  GPtrArray *stops = g_ptr_array_new ();
  GtkWidget *first;
  GtkWidget *focus;
  GtkWidget *previous;
  guint steps = 0;

  /* From the sidebar, as after a click on its chosen row: Tab goes on from there. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (
                                           SP_WINDOW (window)->sidebar_list))));
  first = gtk_window_get_focus (window);
  g_hash_table_add (focused, first);
  g_ptr_array_add (stops, get_stop (first));

  for (previous = first; (focus = press_tab (window, direction)) != first; previous = focus)
    {
      GtkWidget *stop;
      g_autofree char *what = NULL;

      if (focus == NULL || focus == previous || ++steps > 3000)
        {
          what = describe (previous);
          g_error ("Focus trap: %s after %s (step %u)",
                   focus == NULL ? "no focus" : focus == previous ? "focus stays" : "no end",
                   what, steps);
        }

      stop = get_stop (focus);
      if (g_hash_table_contains (focused, focus))
        {
          print_stops ("(the lap so far)", direction == GTK_DIR_TAB_FORWARD ? "Tab" : "Shift+Tab",
                       stops);
          what = describe (focus);
          g_error ("Focus cycle without the start: %s reached twice in one lap", what);
        }
      g_hash_table_add (focused, focus);
      if (stop != g_ptr_array_index (stops, stops->len - 1))
        {
          if (g_ptr_array_find (stops, stop, NULL))
            {
              what = describe (stop);
              report ("%s is reached twice in one lap, not as one stop", what);
            }
          g_ptr_array_add (stops, stop);
        }
    }

  return stops;
}

/* ---- Checking ---- */

static gboolean
transition_running (GtkWidget *root)
{
  if ((GTK_IS_STACK (root) && gtk_stack_get_transition_running (GTK_STACK (root))) ||
      (ADW_IS_LEAFLET (root) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (root))))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;

  return FALSE;
}

/* @widget's ancestor (or itself) whose parent is @ancestor. */
static GtkWidget *
get_child_towards (GtkWidget *ancestor,
                   GtkWidget *widget)
{
  while (gtk_widget_get_parent (widget) != ancestor)
    widget = gtk_widget_get_parent (widget);

  return widget;
}

static GtkWidget *
get_common_ancestor (GtkWidget *a,
                     GtkWidget *b)
{
  for (GtkWidget *w = a; w != NULL; w = gtk_widget_get_parent (w))
    if (w == b || gtk_widget_is_ancestor (b, w))
      return w;

  return NULL;
}

/* Reading order from one stop to the next, where they part: in the container that holds both,
 * the part holding @to comes after the part holding @from along a line (left to right) or
 * down a column (top to bottom). Compared there, scrolling inside either part does not count. */
static void
check_step (GtkWidget  *from,
            GtkWidget  *to,
            const char *view)
{
  GtkWidget *common = get_common_ancestor (from, to);
  graphene_rect_t a;
  graphene_rect_t b;
  gboolean same_line;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  /* Nested (a row and a button in it): the outer one first, and either way round is fine. */
  if (common == NULL || common == from || common == to)
    return;
  if (!gtk_widget_compute_bounds (get_child_towards (common, from), common, &a) ||
      !gtk_widget_compute_bounds (get_child_towards (common, to), common, &b))
    return;

  same_line = b.origin.y < a.origin.y + a.size.height && a.origin.y < b.origin.y + b.size.height;
  if (same_line ? b.origin.x >= a.origin.x : b.origin.y >= a.origin.y)
    return;

  from_text = describe (from);
  to_text = describe (to);
  report ("%s: Tab goes back against the reading order in %s: from %s (%.0f,%.0f) "
                      "to %s (%.0f,%.0f)", view, G_OBJECT_TYPE_NAME (common), from_text,
                      a.origin.x, a.origin.y, to_text, b.origin.x, b.origin.y);
}

/* GTK makes a scrolled window a stop of its own when nothing in it takes the focus, so that
 * the keyboard can scroll it: worth it only when there is something to scroll. */
static gboolean
has_something_to_scroll (GtkWidget *widget)
{
  GtkAdjustment *adjustments[2];

  if (!GTK_IS_SCROLLED_WINDOW (widget))
    return FALSE;

  adjustments[0] = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (widget));
  adjustments[1] = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    if (gtk_adjustment_get_upper (adjustments[i]) - gtk_adjustment_get_lower (adjustments[i]) >
        gtk_adjustment_get_page_size (adjustments[i]) + 0.5)
      return TRUE;

  return FALSE;
}

static void
collect_candidates (GtkWidget *widget,
                    GPtrArray *candidates)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget) ||
      is_window_control (widget))
    return;

  if (is_interactive (widget))
    {
      GtkWidget *stop = get_stop (widget);

      if (!g_ptr_array_find (candidates, stop, NULL))
        g_ptr_array_add (candidates, stop);
      if (is_list_stop (stop))
        return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_candidates (child, candidates);
}

/* The index of the first stop that is (or is inside) @widget; fails when there is none. */
static guint
index_of (GPtrArray  *stops,
          GtkWidget  *widget,
          const char *view)
{
  g_autofree char *what = NULL;

  for (guint i = 0; i < stops->len; i++)
    {
      GtkWidget *stop = g_ptr_array_index (stops, i);

      if (stop == widget || gtk_widget_is_ancestor (stop, widget))
        return i;
    }

  what = describe (widget);
  report ("%s: Tab never reaches %s", view, what);
  return G_MAXUINT;
}

/* Walks @window both ways and checks the walks; @landmarks (NULL-terminated) must come in
 * this order. */
static void
check_view (GtkWindow  *window,
            const char *view,
            GtkWidget **landmarks)
{
  g_autoptr(GHashTable) focused = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) focused_back = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GPtrArray) forward = NULL;
  g_autoptr(GPtrArray) backward = NULL;
  guint previous = 0;

  /* Pages cross-fade: the walk starts on the page, not on two. */
  WAIT_UNTIL (!transition_running (GTK_WIDGET (window)), 20);
  collect_candidates (GTK_WIDGET (window), candidates);
  forward = walk (window, GTK_DIR_TAB_FORWARD, focused);
  print_stops (view, "Tab", forward);

  /* Every interactive widget that is shown is a stop. */
  for (guint i = 0; i < candidates->len; i++)
    {
      GtkWidget *candidate = g_ptr_array_index (candidates, i);

      if (!g_ptr_array_find (forward, candidate, NULL))
        {
          g_autofree char *what = describe (candidate);

          report ("%s: Tab never reaches %s", view, what);
        }
    }
  g_test_message ("%s: %u stops, %u interactive widgets", view, forward->len, candidates->len);

  /* …and every stop is one of them, or something to scroll with the keyboard. */
  for (guint i = 0; i < forward->len; i++)
    {
      GtkWidget *stop = g_ptr_array_index (forward, i);

      if (!g_ptr_array_find (candidates, stop, NULL) && !has_something_to_scroll (stop))
        {
          g_autofree char *what = describe (stop);

          report ("%s: Tab stops at %s, where there is nothing to do", view, what);
        }
    }

  for (guint i = 1; i < forward->len; i++)
    check_step (g_ptr_array_index (forward, i - 1), g_ptr_array_index (forward, i), view);

  for (guint i = 0; landmarks[i] != NULL; i++)
    {
      guint index = index_of (forward, landmarks[i], view);

      if (index != G_MAXUINT && i > 0 && index < previous)
        {
          g_autofree char *before = describe (landmarks[i - 1]);
          g_autofree char *after = describe (landmarks[i]);

          report ("%s: Tab reaches %s before %s", view, after, before);
        }
      if (index != G_MAXUINT)
        previous = index;
    }

  /* Shift+Tab: the same stops, the other way round (the lap may start elsewhere). */
  backward = walk (window, GTK_DIR_TAB_BACKWARD, focused_back);
  if (backward->len != forward->len)
    {
      print_stops (view, "Shift+Tab", backward);
      report ("%s: %u stops with Tab, %u with Shift+Tab", view, forward->len,
                          backward->len);
    }
  else
    {
      guint start;
      gboolean found = g_ptr_array_find (forward, g_ptr_array_index (backward, 0), &start);

      g_assert_true (found);
      for (guint i = 0; i < backward->len; i++)
        {
          GtkWidget *expected = g_ptr_array_index (forward,
                                                   (start + forward->len - i) % forward->len);

          if (g_ptr_array_index (backward, i) != expected)
            {
              g_autofree char *got = describe (g_ptr_array_index (backward, i));
              g_autofree char *want = describe (expected);

              print_stops (view, "Shift+Tab", backward);
              report ("%s: Shift+Tab step %u reaches %s, not %s", view, i, got,
                                  want);
              break;
            }
        }
    }
}

/* ---- The views ---- */

/* The shown widget with the template id @id under @root; fails when there is none. */
static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *id)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();

  g_ptr_array_add (queue, root);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (queue, i);

      if (!gtk_widget_get_mapped (widget))
        continue;
      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
        return widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (queue, child);
    }

  g_error ("No shown widget #%s", id);
}

static void
test_overview (void)
{
  SpWindow *window = sign_in_as ("ward");
  GtkWidget *page;

  show_list_page (window, "overview");
  page = find_descendant (GTK_WIDGET (window), SP_TYPE_OVERVIEW_PAGE, TRUE);
  g_assert_nonnull (page);
  WAIT_UNTIL (find_descendant (page, GTK_TYPE_COLUMN_VIEW, TRUE) != NULL, 20);
  check_view (GTK_WINDOW (window), "overview",
              (GtkWidget *[]) {
                find_by_id (page, "search_entry"),
                find_by_id (page, "ward_dropdown"),
                find_by_id (page, "track_dropdown"),
                find_by_id (page, "state_dropdown"),
                find_by_id (page, "overdue_button"),
                find_by_id (page, "column_view"),
                NULL,
              });
  sign_out (window);
}

static void
test_inbox (void)
{
  SpWindow *window = sign_in_as ("vc");
  GtkWidget *page;

  show_list_page (window, "inbox");
  page = find_descendant (GTK_WIDGET (window), SP_TYPE_INBOX_PAGE, TRUE);
  g_assert_nonnull (page);
  /* The admission notice of the fixture's episode is in it. */
  WAIT_UNTIL (find_descendant (page, GTK_TYPE_COLUMN_VIEW, TRUE) != NULL, 60);
  check_view (GTK_WINDOW (window), "inbox",
              (GtkWidget *[]) {
                find_by_id (GTK_WIDGET (window), "sidebar_list"),
                find_by_id (page, "column_view"),
                NULL,
              });
  sign_out (window);
}

static void
test_episode (void)
{
  SpWindow *window = sign_in_as ("ward");
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-episode", "s",
                                             episode_id));
  WAIT_UNTIL ((page = find_descendant (GTK_WIDGET (window), SP_TYPE_EPISODE_PAGE, TRUE)) != NULL,
              20);
  WAIT_UNTIL (find_descendant (page, GTK_TYPE_BUTTON, TRUE) != NULL, 20);
  wait_for_round (window);
  /* The patient and the actions on the episode, then the tabs, then what they show. */
  check_view (GTK_WINDOW (window), "episode",
              (GtkWidget *[]) {
                find_by_id (GTK_WIDGET (window), "back_button"),
                find_by_id (page, "name_label"),
                find_by_id (page, "mark_ready_button"),
                find_by_id (page, "sip_button"),
                find_descendant (page, ADW_TYPE_VIEW_SWITCHER, TRUE),
                find_by_id (page, "patient_list"),
                find_by_id (page, "units_list"),
                find_by_id (page, "timeline_list"),
                NULL,
              });
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  sign_out (window);
}

static void
test_sip_editor (void)
{
  SpWindow *window = sign_in_as ("vc");
  GtkWidget *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sip", "s",
                                             episode_id));
  WAIT_UNTIL ((editor = find_descendant (GTK_WIDGET (window), SP_TYPE_SIP_EDITOR, TRUE)) != NULL,
              20);
  /* Read to the end (the SIP, its episode, its draft): nothing is rebuilt under the walk. */
  WAIT_UNTIL (sp_sip_editor_is_loaded (SP_SIP_EDITOR (editor)), 20);
  sip_id = g_strdup (sp_sip_editor_get_sip_id (SP_SIP_EDITOR (editor)));
  /* The editor's tabs, then the invitation's fields top to bottom (check_view checks every
   * step), and the button that sends it last. */
  check_view (GTK_WINDOW (window), "sip-editor",
              (GtkWidget *[]) {
                find_descendant (editor, ADW_TYPE_VIEW_SWITCHER, TRUE),
                find_row (editor, "Purpose"),
                find_row (editor, "Date and time (YYYY-MM-DD HH:MM)"),
                find_by_id (editor, "send_button"),
                NULL,
              });

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  sign_out (window);
}

/* The plan: Tab indents an outline row there (its own key), so Ctrl+Tab moves on: through
 * the row's text, its delete button and details, then the meeting and the participants (not
 * out of the whole page, as GtkScrolledWindow's own Ctrl+Tab would). The row itself is no
 * stop: its text is. */
static void
test_sip_plan (void)
{
  SpWindow *window = sign_in_as ("vc");
  GtkWidget *editor;
  GtkWidget *plan;
  GtkWidget *row;
  GtkWidget *intervention;

  /* The SIP the editor test made (one active SIP per person). */
  g_assert_nonnull (sip_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sip", "s", sip_id));
  WAIT_UNTIL ((editor = find_descendant (GTK_WIDGET (window), SP_TYPE_SIP_EDITOR, TRUE)) != NULL,
              20);
  WAIT_UNTIL (find_descendant (editor, ADW_TYPE_VIEW_STACK, TRUE) != NULL, 20);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (find_descendant (editor, ADW_TYPE_VIEW_STACK, TRUE)), "plan");
  plan = find_descendant (editor, SP_TYPE_SIP_PLAN_PAGE, TRUE);
  /* A sub-goal and an intervention under it (Ctrl+Enter in the sub-goal's text). */
  g_assert_true (gtk_widget_activate_action (plan, "outline.add-sub-goal", NULL));
  WAIT_UNTIL ((row = find_descendant (plan, SP_TYPE_SIP_OUTLINE_ROW, TRUE)) != NULL, 20);
  g_assert_true (gtk_widget_activate_action (plan, "outline.add-child", NULL));
  WAIT_UNTIL ((intervention = gtk_widget_get_next_sibling (row)) != NULL &&
              gtk_widget_get_mapped (intervention), 20);
  g_assert_cmpint (sp_sip_outline_row_get_kind (SP_SIP_OUTLINE_ROW (intervention)), ==,
                   SP_SIP_NODE_INTERVENTION);

  check_view (GTK_WINDOW (window), "sip-plan",
              (GtkWidget *[]) {
                find_descendant (editor, ADW_TYPE_VIEW_SWITCHER, TRUE),
                find_by_id (plan, "main_goal_row"),
                sp_sip_outline_row_get_text_entry (SP_SIP_OUTLINE_ROW (row)),
                find_by_id (row, "delete_button"),
                find_by_id (row, "responsible_entry"),
                sp_sip_outline_row_get_text_entry (SP_SIP_OUTLINE_ROW (intervention)),
                find_by_id (intervention, "unit_dropdown"),
                find_by_id (intervention, "frequency_entry"),
                find_by_id (plan, "chair_row"),
                find_by_id (plan, "participant_name_row"),
                NULL,
              });

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  sign_out (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app_test_init (&argc, &argv);
  episode_id = admit ("19121212-1212", "Tolvan", "Tolvansson");
  answer_planning (episode_id);

  g_test_add_func ("/app/tab-order/overview", test_overview);
  g_test_add_func ("/app/tab-order/inbox", test_inbox);
  g_test_add_func ("/app/tab-order/episode", test_episode);
  g_test_add_func ("/app/tab-order/sip-editor", test_sip_editor);
  g_test_add_func ("/app/tab-order/sip-plan", test_sip_plan);

  status = g_test_run ();
  g_free (episode_id);
  g_free (sip_id);
  app_test_finish ();
  return status;
}
