/* sp-help-page.c — one Mallard page of the user guide, read for the help window
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is kept as a small tree of its elements; what Mallard puts in <info> (the titles
 * for links and sorting, the description, the guides the page belongs to) is read out once,
 * because a guide lists its topics from the topics' own <info>.
 */

#define G_LOG_DOMAIN "sp-help-page"

#include "config.h"

#include "sp-help-page.h"

struct _SpHelpPage
{
  GObject     parent_instance;

  SpHelpNode *root;
  char       *title;
  char       *link_title;
  char       *sort_title;
  char       *desc;
};

G_DEFINE_FINAL_TYPE (SpHelpPage, sp_help_page, G_TYPE_OBJECT)

/* ---- The tree ---- */

static void
node_free (SpHelpNode *node)
{
  g_free (node->name);
  g_free (node->text);
  g_strfreev (node->attribute_names);
  g_strfreev (node->attribute_values);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static SpHelpNode *
node_new (const char *name)
{
  SpHelpNode *node = g_new0 (SpHelpNode, 1);

  node->name = g_strdup (name);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  return node;
}

typedef struct
{
  SpHelpNode *root;
  GSList     *open;              /* the open elements, innermost first */
} TreeBuilder;

static void
tree_start_element (GMarkupParseContext  *context,
                    const char           *element,
                    const char          **attribute_names,
                    const char          **attribute_values,
                    gpointer              user_data,
                    GError              **error)
{
  TreeBuilder *builder = user_data;
  SpHelpNode *node = node_new (element);

  node->attribute_names = g_strdupv ((char **) attribute_names);
  node->attribute_values = g_strdupv ((char **) attribute_values);
  if (builder->open != NULL)
    g_ptr_array_add (((SpHelpNode *) builder->open->data)->children, node);
  else if (builder->root == NULL)
    builder->root = node;
  else
    {
      node_free (node);
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "More than one root element");
      return;
    }

  builder->open = g_slist_prepend (builder->open, node);
}

static void
tree_end_element (GMarkupParseContext  *context,
                  const char           *element,
                  gpointer              user_data,
                  GError              **error)
{
  TreeBuilder *builder = user_data;

  builder->open = g_slist_delete_link (builder->open, builder->open);
}

static void
tree_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 length,
           gpointer              user_data,
           GError              **error)
{
  TreeBuilder *builder = user_data;
  SpHelpNode *node;

  if (builder->open == NULL)
    return;

  node = node_new (NULL);
  node->text = g_strndup (text, length);
  g_ptr_array_add (((SpHelpNode *) builder->open->data)->children, node);
}

static const GMarkupParser tree_parser = {
  tree_start_element, tree_end_element, tree_text, NULL, NULL,
};

/**
 * sp_help_node_get_attribute:
 *
 * Returns: (nullable): the value of @node's attribute @name
 */
const char *
sp_help_node_get_attribute (const SpHelpNode *node,
                            const char       *name)
{
  for (guint i = 0; node->attribute_names != NULL && node->attribute_names[i] != NULL; i++)
    if (g_str_equal (node->attribute_names[i], name))
      return node->attribute_values[i];

  return NULL;
}

/**
 * sp_help_node_get_element:
 * @type: (nullable): the `type` attribute it must have, or %NULL for none
 *
 * Returns: (nullable): the first child element of @node named @name
 */
const SpHelpNode *
sp_help_node_get_element (const SpHelpNode *node,
                          const char       *name,
                          const char       *type)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      const SpHelpNode *child = g_ptr_array_index (node->children, i);

      if (g_strcmp0 (child->name, name) == 0 &&
          g_strcmp0 (sp_help_node_get_attribute (child, "type"), type) == 0)
        return child;
    }

  return NULL;
}

static void
append_text (const SpHelpNode *node,
             GString          *text)
{
  if (node->text != NULL)
    g_string_append (text, node->text);
  for (guint i = 0; i < node->children->len; i++)
    append_text (g_ptr_array_index (node->children, i), text);
}

/**
 * sp_help_node_dup_text:
 *
 * Mallard text flows like HTML: the runs of white space the XML is indented with read as one
 * space, and none at either end.
 *
 * Returns: (transfer full): the text in @node, flowed
 */
char *
sp_help_node_dup_text (const SpHelpNode *node)
{
  g_autoptr(GString) raw = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  GString *flowed = g_string_new (NULL);

  append_text (node, raw);
  words = g_strsplit_set (raw->str, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (flowed, "%s%s", flowed->len > 0 ? " " : "", words[i]);

  return g_string_free (flowed, FALSE);
}

/* ---- The page ---- */

static void
sp_help_page_finalize (GObject *object)
{
  SpHelpPage *self = SP_HELP_PAGE (object);

  g_clear_pointer (&self->root, node_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->link_title, g_free);
  g_clear_pointer (&self->sort_title, g_free);
  g_clear_pointer (&self->desc, g_free);

  G_OBJECT_CLASS (sp_help_page_parent_class)->finalize (object);
}

static void
sp_help_page_class_init (SpHelpPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_help_page_finalize;
}

static void
sp_help_page_init (SpHelpPage *self)
{
}

static char *
dup_element_text (const SpHelpNode *parent,
                  const char       *name,
                  const char       *type)
{
  const SpHelpNode *node = parent != NULL ? sp_help_node_get_element (parent, name, type) : NULL;

  return node != NULL ? sp_help_node_dup_text (node) : NULL;
}

/**
 * sp_help_page_new:
 * @data: the page's XML
 *
 * Returns: (transfer full): the page, or %NULL when @data is not a Mallard page with an id
 */
SpHelpPage *
sp_help_page_new (const char  *data,
                  gsize        size,
                  GError     **error)
{
  g_autoptr(SpHelpPage) self = g_object_new (SP_TYPE_HELP_PAGE, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  TreeBuilder builder = { NULL, NULL };
  const SpHelpNode *info;
  gboolean parsed;

  context = g_markup_parse_context_new (&tree_parser, G_MARKUP_IGNORE_QUALIFIED, &builder, NULL);
  parsed = g_markup_parse_context_parse (context, data, size, error) &&
           g_markup_parse_context_end_parse (context, error);
  g_slist_free (builder.open);
  self->root = builder.root;
  if (!parsed)
    return NULL;

  if (self->root == NULL || g_strcmp0 (self->root->name, "page") != 0 ||
      sp_help_node_get_attribute (self->root, "id") == NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "Not a Mallard page with an id");
      return NULL;
    }

  /* Mallard's fallbacks: a link shows the link title, else the title; links sort by the sort
   * title, else by what they show. */
  info = sp_help_node_get_element (self->root, "info", NULL);
  self->title = dup_element_text (self->root, "title", NULL);
  if (self->title == NULL)
    self->title = g_strdup (sp_help_page_get_id (self));
  self->link_title = dup_element_text (info, "title", "link");
  if (self->link_title == NULL)
    self->link_title = g_strdup (self->title);
  self->sort_title = dup_element_text (info, "title", "sort");
  if (self->sort_title == NULL)
    self->sort_title = g_strdup (self->link_title);
  self->desc = dup_element_text (info, "desc", NULL);

  return g_steal_pointer (&self);
}

const char *
sp_help_page_get_id (SpHelpPage *self)
{
  g_return_val_if_fail (SP_IS_HELP_PAGE (self), NULL);

  return sp_help_node_get_attribute (self->root, "id");
}

/* A guide lists the topics that link to it; a topic page does not. */
gboolean
sp_help_page_is_guide (SpHelpPage *self)
{
  g_return_val_if_fail (SP_IS_HELP_PAGE (self), FALSE);

  return g_strcmp0 (sp_help_node_get_attribute (self->root, "type"), "guide") == 0;
}

const char *
sp_help_page_get_title (SpHelpPage *self)
{
  g_return_val_if_fail (SP_IS_HELP_PAGE (self), NULL);

  return self->title;
}

const char *
sp_help_page_get_link_title (SpHelpPage *self)
{
  g_return_val_if_fail (SP_IS_HELP_PAGE (self), NULL);

  return self->link_title;
}

const char *
sp_help_page_get_sort_title (SpHelpPage *self)
{
  g_return_val_if_fail (SP_IS_HELP_PAGE (self), NULL);

  return self->sort_title;
}

/**
 * sp_help_page_get_desc:
 *
 * Returns: (nullable): the page's one-line description
 */
const char *
sp_help_page_get_desc (SpHelpPage *self)
{
  g_return_val_if_fail (SP_IS_HELP_PAGE (self), NULL);

  return self->desc;
}

const SpHelpNode *
sp_help_page_get_root (SpHelpPage *self)
{
  g_return_val_if_fail (SP_IS_HELP_PAGE (self), NULL);

  return self->root;
}

/* Calls @func with the page and section of each <link type="guide" xref="page#section"/>. */
static void
foreach_guide_link (SpHelpPage *self,
                    void      (*func) (const char *page_id,
                                       const char *section_id,
                                       gpointer    user_data),
                    gpointer    user_data)
{
  const SpHelpNode *info = sp_help_node_get_element (self->root, "info", NULL);

  for (guint i = 0; info != NULL && i < info->children->len; i++)
    {
      const SpHelpNode *link = g_ptr_array_index (info->children, i);
      const char *xref = sp_help_node_get_attribute (link, "xref");
      g_auto(GStrv) parts = NULL;

      if (g_strcmp0 (link->name, "link") != 0 || xref == NULL ||
          g_strcmp0 (sp_help_node_get_attribute (link, "type"), "guide") != 0)
        continue;

      parts = g_strsplit (xref, "#", 2);
      func (parts[0], parts[1], user_data);
    }
}

typedef struct
{
  const char *page_id;
  const char *section_id;
  gboolean    found;
} LinkQuery;

static void
match_link (const char *page_id,
            const char *section_id,
            gpointer    user_data)
{
  LinkQuery *query = user_data;

  if (g_strcmp0 (page_id, query->page_id) == 0 &&
      g_strcmp0 (section_id, query->section_id) == 0)
    query->found = TRUE;
}

/**
 * sp_help_page_has_guide_link:
 * @section_id: (nullable): the section, or %NULL for the guide page itself
 *
 * Returns: whether the page says it belongs in @page_id (in its section @section_id)
 */
gboolean
sp_help_page_has_guide_link (SpHelpPage *self,
                             const char *page_id,
                             const char *section_id)
{
  LinkQuery query = { page_id, section_id, FALSE };

  g_return_val_if_fail (SP_IS_HELP_PAGE (self), FALSE);

  foreach_guide_link (self, match_link, &query);
  return query.found;
}

static void
add_guide (const char *page_id,
           const char *section_id,
           gpointer    user_data)
{
  GPtrArray *guides = user_data;

  if (!g_ptr_array_find_with_equal_func (guides, page_id, g_str_equal, NULL))
    g_ptr_array_add (guides, g_strdup (page_id));
}

/**
 * sp_help_page_dup_guides:
 *
 * Returns: (transfer full): the ids of the guides the page belongs in, each once
 */
GStrv
sp_help_page_dup_guides (SpHelpPage *self)
{
  GPtrArray *guides = g_ptr_array_new ();

  g_return_val_if_fail (SP_IS_HELP_PAGE (self), NULL);

  foreach_guide_link (self, add_guide, guides);
  g_ptr_array_add (guides, NULL);
  return (GStrv) g_ptr_array_free (guides, FALSE);
}
