/* sp-help-window.c — the user guide in a window of the app's own, when Yelp is not installed
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the Mallard pages of help/sv or help/C (compiled into the resources), in the user's
 * language as Yelp would pick it, one at a time, as Yelp would: a guide page lists, after its
 * own text and in each of its sections, the topic pages that name it in their
 * <info><link type="guide" xref="guide#section"/>, each as a link with its description,
 * sorted by the pages' sort titles; a topic page ends with links back to its guides. Links are real widgets, so the keyboard and screen readers reach them.
 */

#define G_LOG_DOMAIN "sp-help-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-help-guide.h"
#include "sp-help-window.h"

/* One folder per language: C (English, the fallback) and sv (help/meson.build). */
#define HELP_PATH   APP_PATH "/help/"
#define START_PAGE  "index"

struct _SpHelpWindow
{
  AdwWindow          parent_instance;

  GtkWidget         *back_button;
  AdwWindowTitle    *window_title;
  GtkScrolledWindow *scrolled;
  AdwBin            *page_bin;

  SpHelpGuide       *guide;
  SpHelpPage        *page;           /* the one shown */
  GPtrArray         *history;        /* char *: the pages to go back to, the last on top */
  GHashTable        *links;          /* page id → the first link to it on the shown page */
  char              *pending_page;   /* a link followed, opened when its signal is done */
  guint              pending_source;
};

G_DEFINE_FINAL_TYPE (SpHelpWindow, sp_help_window, ADW_TYPE_WINDOW)

/* ---- Following links ---- */

/* Opened from an idle: the link's widget is on the page being replaced, and GTK still uses
 * it after the signal that followed it. */
static gboolean
open_pending_cb (gpointer user_data)
{
  SpHelpWindow *self = user_data;
  g_autofree char *id = g_steal_pointer (&self->pending_page);

  self->pending_source = 0;
  if (sp_help_window_show_page (self, id))
    gtk_widget_grab_focus (self->back_button);

  return G_SOURCE_REMOVE;
}

static gboolean
follow_link (SpHelpWindow *self,
             const char   *uri)
{
  SpHelpPage *target = sp_help_guide_get_page_for_uri (self->guide, uri);

  /* Not a page of the guide: GTK opens it as any other link. */
  if (target == NULL)
    return FALSE;

  g_free (self->pending_page);
  self->pending_page = g_strdup (sp_help_page_get_id (target));
  if (self->pending_source == 0)
    self->pending_source = g_idle_add (open_pending_cb, self);

  return TRUE;
}

static gboolean
label_activate_link_cb (GtkLabel     *label,
                        const char   *uri,
                        SpHelpWindow *self)
{
  return follow_link (self, uri);
}

static gboolean
link_button_activate_link_cb (GtkLinkButton *button,
                              SpHelpWindow  *self)
{
  return follow_link (self, gtk_link_button_get_uri (button));
}

/* ---- Blocks: paragraphs, lists, notes, sections as widgets ---- */

static GtkWidget *
new_label (const char *text,
           gboolean    use_markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (use_markup)
    gtk_label_set_markup (GTK_LABEL (label), text);
  else
    gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);

  return label;
}

/* A heading screen readers can jump between: level 1 is the page's title. A list's title
 * (@small) is a heading too, but reads as part of the text around it. */
static GtkWidget *
new_heading (const char *text,
             guint       level,
             gboolean    small)
{
  static const char *const classes[] = { "title-1", "title-2", "title-4" };
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "label", text,
                                   "wrap", TRUE,
                                   "xalign", 0.0f,
                                   NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, level,
                                  -1);
  gtk_widget_add_css_class (label, small ? "heading"
                                         : classes[MIN (level, G_N_ELEMENTS (classes)) - 1]);
  return label;
}

static GtkWidget *
new_box (GtkAccessibleRole role,
         int               spacing)
{
  return g_object_new (GTK_TYPE_BOX,
                       "accessible-role", role,
                       "orientation", GTK_ORIENTATION_VERTICAL,
                       "spacing", spacing,
                       NULL);
}

static void append_blocks (SpHelpWindow     *self,
                           GtkWidget        *box,
                           const SpHelpNode *node,
                           guint             level);

static GtkWidget *
new_paragraph (SpHelpWindow     *self,
               const SpHelpNode *node)
{
  g_autofree char *markup = sp_help_guide_dup_markup (self->guide, node);
  GtkWidget *label = new_label (markup, TRUE);

  g_signal_connect_object (label, "activate-link", G_CALLBACK (label_activate_link_cb), self, 0);
  return label;
}

/* <steps> and <list>: a number or a bullet beside each item. */
static GtkWidget *
new_items (SpHelpWindow     *self,
           const SpHelpNode *node,
           gboolean          numbered,
           guint             level)
{
  GtkWidget *box = new_box (GTK_ACCESSIBLE_ROLE_GROUP, 6);
  GtkWidget *list = new_box (GTK_ACCESSIBLE_ROLE_LIST, 6);
  const SpHelpNode *title = sp_help_node_get_element (node, "title", NULL);
  guint n = 0;

  if (title != NULL)
    {
      g_autofree char *text = sp_help_node_dup_text (title);

      gtk_box_append (GTK_BOX (box), new_heading (text, level + 1, TRUE));
    }

  for (guint i = 0; i < node->children->len; i++)
    {
      const SpHelpNode *item = g_ptr_array_index (node->children, i);
      g_autofree char *marker = NULL;
      GtkWidget *row;
      GtkWidget *marker_label;
      GtkWidget *content;

      if (g_strcmp0 (item->name, "item") != 0)
        continue;

      row = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                          "spacing", 8, NULL);
      marker = numbered ? g_strdup_printf ("%u.", ++n) : g_strdup ("•");
      marker_label = gtk_label_new (marker);
      gtk_label_set_width_chars (GTK_LABEL (marker_label), 2);
      gtk_label_set_xalign (GTK_LABEL (marker_label), 1);
      gtk_widget_set_valign (marker_label, GTK_ALIGN_START);
      content = new_box (GTK_ACCESSIBLE_ROLE_GROUP, 6);
      gtk_widget_set_hexpand (content, TRUE);
      append_blocks (self, content, item, level + 1);
      gtk_box_append (GTK_BOX (row), marker_label);
      gtk_box_append (GTK_BOX (row), content);
      gtk_box_append (GTK_BOX (list), row);
    }

  gtk_box_append (GTK_BOX (box), list);
  return box;
}

static GtkWidget *
new_note (SpHelpWindow     *self,
          const SpHelpNode *node,
          guint             level)
{
  const char *style = sp_help_node_get_attribute (node, "style");
  gboolean warning = style != NULL && (strstr (style, "warning") != NULL ||
                                       strstr (style, "important") != NULL);
  gboolean tip = style != NULL && strstr (style, "tip") != NULL;
  GtkWidget *box = g_object_new (GTK_TYPE_BOX, "spacing", 12, NULL);
  GtkWidget *icon = gtk_image_new_from_icon_name (warning ? "dialog-warning-symbolic"
                                                          : "dialog-information-symbolic");
  GtkWidget *content = new_box (GTK_ACCESSIBLE_ROLE_GROUP, 6);

  /* Said as well as shown: the icon is how the note starts. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  warning ? _("Warning") : tip ? _("Tip") : _("Note"), -1);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (content, TRUE);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_start (icon, 12);
  gtk_widget_set_margin_top (icon, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_end (content, 12);
  append_blocks (self, content, node, level);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), content);

  return box;
}

static void
append_blocks (SpHelpWindow     *self,
               GtkWidget        *box,
               const SpHelpNode *node,
               guint             level)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      const SpHelpNode *child = g_ptr_array_index (node->children, i);
      const char *name = child->name;

      /* White space between blocks; titles, metadata and sections are placed by their
       * container. */
      if (name == NULL || g_str_equal (name, "title") || g_str_equal (name, "info") ||
          g_str_equal (name, "section") || g_str_equal (name, "links"))
        continue;

      if (g_str_equal (name, "p"))
        gtk_box_append (GTK_BOX (box), new_paragraph (self, child));
      else if (g_str_equal (name, "steps"))
        gtk_box_append (GTK_BOX (box), new_items (self, child, TRUE, level));
      else if (g_str_equal (name, "list"))
        gtk_box_append (GTK_BOX (box),
                        new_items (self, child,
                                   g_strcmp0 (sp_help_node_get_attribute (child, "type"),
                                              "numbered") == 0, level));
      else if (g_str_equal (name, "note"))
        gtk_box_append (GTK_BOX (box), new_note (self, child, level));
      else
        append_blocks (self, box, child, level);
    }
}

/* ---- Links between pages ---- */

/* A link button without the side padding of a button: its text lines up with the
 * description under it and with the headings, as a link in running text does. */
static GtkCssProvider *
get_link_style (void)
{
  static GtkCssProvider *provider;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (provider, "button.link { padding: 2px 0; }", -1);
    }

  return provider;
}

/* Each page's title as a link, its description under it. */
static GtkWidget *
new_page_links (SpHelpWindow *self,
                GPtrArray    *pages)
{
  GtkWidget *list = new_box (GTK_ACCESSIBLE_ROLE_LIST, 12);

  for (guint i = 0; i < pages->len; i++)
    {
      SpHelpPage *page = g_ptr_array_index (pages, i);
      const char *id = sp_help_page_get_id (page);
      const char *desc = sp_help_page_get_desc (page);
      g_autofree char *uri = g_strconcat (SP_HELP_URI_PREFIX, id, NULL);
      GtkWidget *item = g_object_new (GTK_TYPE_BOX,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                      "orientation", GTK_ORIENTATION_VERTICAL,
                                      NULL);
      GtkWidget *link = gtk_link_button_new_with_label (uri, sp_help_page_get_link_title (page));

      /* GtkLinkButton's tooltip would show the help: address. */
      gtk_widget_set_has_tooltip (link, FALSE);
      gtk_style_context_add_provider (gtk_widget_get_style_context (link),
                                      GTK_STYLE_PROVIDER (get_link_style ()),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      gtk_widget_set_halign (link, GTK_ALIGN_START);
      g_signal_connect_object (link, "activate-link", G_CALLBACK (link_button_activate_link_cb),
                               self, 0);
      if (!g_hash_table_contains (self->links, id))
        g_hash_table_insert (self->links, g_strdup (id), link);
      gtk_box_append (GTK_BOX (item), link);

      if (desc != NULL)
        {
          GtkWidget *label = new_label (desc, FALSE);

          gtk_widget_add_css_class (label, "dim-label");
          gtk_accessible_update_property (GTK_ACCESSIBLE (link),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, desc, -1);
          gtk_box_append (GTK_BOX (item), label);
        }

      gtk_box_append (GTK_BOX (list), item);
    }

  return list;
}

/* The page or one of its sections: the title, the text, the topics (on a guide), then the
 * subsections, as Mallard orders them. */
static GtkWidget *
new_container (SpHelpWindow     *self,
               const SpHelpNode *node,
               const char       *section_id,
               guint             level)
{
  GtkWidget *box = new_box (GTK_ACCESSIBLE_ROLE_GROUP, 12);
  const SpHelpNode *title = sp_help_node_get_element (node, "title", NULL);

  /* The section's id names the box: what the tests look for. */
  if (section_id != NULL)
    gtk_widget_set_name (box, section_id);
  if (title != NULL)
    {
      g_autofree char *text = sp_help_node_dup_text (title);

      gtk_box_append (GTK_BOX (box), new_heading (text, level, FALSE));
    }

  append_blocks (self, box, node, level);

  if (sp_help_page_is_guide (self->page))
    {
      g_autoptr(GPtrArray) topics = sp_help_guide_list_topics (self->guide, self->page, node,
                                                                   section_id);

      if (topics->len > 0)
        gtk_box_append (GTK_BOX (box), new_page_links (self, topics));
    }

  for (guint i = 0; i < node->children->len; i++)
    {
      const SpHelpNode *child = g_ptr_array_index (node->children, i);

      if (g_strcmp0 (child->name, "section") == 0)
        {
          GtkWidget *section = new_container (self, child,
                                              sp_help_node_get_attribute (child, "id"),
                                              level + 1);

          gtk_widget_set_margin_top (section, 12);
          gtk_box_append (GTK_BOX (box), section);
        }
    }

  return box;
}

/* A topic ends with the way back to its guides, as in Yelp. */
static GtkWidget *
new_more_information (SpHelpWindow *self)
{
  g_autoptr(GPtrArray) guides = sp_help_guide_list_guides (self->guide, self->page);
  GtkWidget *box;

  if (guides->len == 0)
    return NULL;

  box = new_box (GTK_ACCESSIBLE_ROLE_GROUP, 12);
  gtk_widget_set_name (box, "more-information");
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), new_heading (_("More Information"), 2, FALSE));
  gtk_box_append (GTK_BOX (box), new_page_links (self, guides));
  return box;
}

static void
show_page (SpHelpWindow *self,
           SpHelpPage   *page)
{
  GtkWidget *content;
  GtkWidget *more;

  g_set_object (&self->page, page);
  g_hash_table_remove_all (self->links);

  content = new_container (self, sp_help_page_get_root (page), NULL, 1);
  gtk_widget_set_name (content, "page");
  more = sp_help_page_is_guide (page) ? NULL : new_more_information (self);
  if (more != NULL)
    gtk_box_append (GTK_BOX (content), more);

  adw_bin_set_child (self->page_bin, content);
  /* "Samplan Help — Outage", but not the start page's title twice. */
  adw_window_title_set_subtitle (self->window_title,
                                 g_strcmp0 (sp_help_page_get_title (page),
                                            gtk_window_get_title (GTK_WINDOW (self))) != 0
                                   ? sp_help_page_get_title (page) : NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "help.back", self->history->len > 0);
}

/* Back to the page before, on the link that was followed from it. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpHelpWindow *self = SP_HELP_WINDOW (widget);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GtkWidget *link;

  if (self->history->len == 0)
    return;

  from = g_strdup (sp_help_page_get_id (self->page));
  to = g_ptr_array_steal_index (self->history, self->history->len - 1);
  show_page (self, sp_help_guide_get_page (self->guide, to));
  link = g_hash_table_lookup (self->links, from);
  if (link != NULL)
    gtk_widget_grab_focus (link);
}

/* ---- GObject ---- */

static void
sp_help_window_dispose (GObject *object)
{
  SpHelpWindow *self = SP_HELP_WINDOW (object);

  g_clear_handle_id (&self->pending_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_HELP_WINDOW);
  g_clear_object (&self->page);
  g_clear_object (&self->guide);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_hash_table_unref);
  g_clear_pointer (&self->pending_page, g_free);

  G_OBJECT_CLASS (sp_help_window_parent_class)->dispose (object);
}

static void
sp_help_window_class_init (SpHelpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_help_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/sp-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpHelpWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SpHelpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SpHelpWindow, scrolled);
  gtk_widget_class_bind_template_child (widget_class, SpHelpWindow, page_bin);

  gtk_widget_class_install_action (widget_class, "help.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "help.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
sp_help_window_init (SpHelpWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *guide_path = sp_help_guide_dup_language_path (HELP_PATH);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "help.back", FALSE);

  /* Compiled in: a missing or broken page is a build error, which the tests catch. */
  self->guide = sp_help_guide_new (guide_path, &error);
  if (self->guide == NULL)
    g_critical ("The guide cannot be read: %s", error->message);
  else if (!sp_help_window_show_page (self, START_PAGE))
    g_critical ("The guide has no page %s", START_PAGE);
}

/* ---- Public API ---- */

/**
 * sp_help_window_new:
 * @parent: (nullable): the window the guide was asked for from
 *
 * Returns: (transfer floating): a window showing the guide's start page
 */
GtkWidget *
sp_help_window_new (GtkWindow *parent)
{
  return g_object_new (SP_TYPE_HELP_WINDOW,
                       "transient-for", parent,
                       NULL);
}

/**
 * sp_help_window_show_page:
 * @page_id: the Mallard page's id, such as "outage"
 *
 * Shows the page; the page shown before is where "Back" goes.
 *
 * Returns: whether the guide has that page
 */
gboolean
sp_help_window_show_page (SpHelpWindow *self,
                          const char   *page_id)
{
  SpHelpPage *page;

  g_return_val_if_fail (SP_IS_HELP_WINDOW (self), FALSE);

  page = self->guide != NULL ? sp_help_guide_get_page (self->guide, page_id) : NULL;
  if (page == NULL)
    return FALSE;
  if (page == self->page)
    return TRUE;

  if (self->page != NULL)
    g_ptr_array_add (self->history, g_strdup (sp_help_page_get_id (self->page)));
  show_page (self, page);
  return TRUE;
}

/**
 * sp_help_window_get_page_id:
 *
 * Returns: (nullable): the id of the page shown
 */
const char *
sp_help_window_get_page_id (SpHelpWindow *self)
{
  g_return_val_if_fail (SP_IS_HELP_WINDOW (self), NULL);

  return self->page != NULL ? sp_help_page_get_id (self->page) : NULL;
}
