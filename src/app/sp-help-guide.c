/* sp-help-guide.c — the user guide's pages together: the links Mallard makes between them
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mallard links pages both ways: a topic names the guide (and section) it belongs in, and a
 * guide lists those topics, sorted by their sort titles, as Yelp does. The running text of a
 * page becomes Pango markup here, with its links as help:samplan/ addresses.
 */

#define G_LOG_DOMAIN "sp-help-guide"

#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#include "sp-help-guide.h"

struct _SpHelpGuide
{
  GObject    parent_instance;

  GPtrArray *pages;              /* SpHelpPage */
};

G_DEFINE_FINAL_TYPE (SpHelpGuide, sp_help_guide, G_TYPE_OBJECT)

static void
sp_help_guide_finalize (GObject *object)
{
  SpHelpGuide *self = SP_HELP_GUIDE (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_help_guide_parent_class)->finalize (object);
}

static void
sp_help_guide_class_init (SpHelpGuideClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_help_guide_finalize;
}

static void
sp_help_guide_init (SpHelpGuide *self)
{
  self->pages = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * sp_help_guide_new:
 * @resource_path: the resource folder of the guide's pages, ending in `/`
 *
 * Returns: (transfer full): the guide made of every `.page` in @resource_path, or %NULL
 */
SpHelpGuide *
sp_help_guide_new (const char  *resource_path,
                   GError     **error)
{
  g_autoptr(SpHelpGuide) self = g_object_new (SP_TYPE_HELP_GUIDE, NULL);
  g_auto(GStrv) names = g_resources_enumerate_children (resource_path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (names == NULL)
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (resource_path, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      SpHelpPage *page;
      gsize size;
      const char *data;

      if (!g_str_has_suffix (names[i], ".page"))
        continue;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &size);
      page = sp_help_page_new (data, size, error);
      if (page == NULL)
        {
          g_prefix_error (error, "%s: ", names[i]);
          return NULL;
        }
      g_ptr_array_add (self->pages, page);
    }

  return g_steal_pointer (&self);
}

static gboolean
has_pages (const char *resource_path)
{
  g_auto(GStrv) names = g_resources_enumerate_children (resource_path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".page"))
      return TRUE;

  return FALSE;
}

/**
 * sp_help_guide_dup_language_path:
 * @help_path: the resource folder holding one folder of pages per language, ending in `/`
 *
 * The guide in the user's language, chosen as Yelp chooses: the first of the locale's
 * language names (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; "sv_SE.UTF-8" also tries "sv_SE" and
 * "sv") that has pages, else C, the English original.
 *
 * Returns: (transfer full): the resource folder of that language's pages, ending in `/`
 */
char *
sp_help_guide_dup_language_path (const char *help_path)
{
  const char *const *languages = g_get_language_names ();
  const char *messages = setlocale (LC_MESSAGES, NULL);

  g_return_val_if_fail (help_path != NULL && g_str_has_suffix (help_path, "/"), NULL);

  /* gettext ignores LANGUAGE in the C locale: the app is in English then, so is its guide. */
  if (g_strcmp0 (messages, "C") == 0 || g_strcmp0 (messages, "POSIX") == 0)
    return g_strconcat (help_path, "C/", NULL);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (help_path, languages[i], "/", NULL);

      if (has_pages (path))
        return g_steal_pointer (&path);
    }

  return g_strconcat (help_path, "C/", NULL);
}

/**
 * sp_help_guide_get_page:
 *
 * Returns: (transfer none) (nullable): the page @id
 */
SpHelpPage *
sp_help_guide_get_page (SpHelpGuide *self,
                        const char  *id)
{
  g_return_val_if_fail (SP_IS_HELP_GUIDE (self), NULL);

  for (guint i = 0; id != NULL && i < self->pages->len; i++)
    if (g_strcmp0 (sp_help_page_get_id (g_ptr_array_index (self->pages, i)), id) == 0)
      return g_ptr_array_index (self->pages, i);

  return NULL;
}

/**
 * sp_help_guide_get_page_for_uri:
 * @uri: a link, such as help:samplan/index#roller
 *
 * Returns: (transfer none) (nullable): the page @uri goes to, %NULL for a link out of the guide
 */
SpHelpPage *
sp_help_guide_get_page_for_uri (SpHelpGuide *self,
                                const char  *uri)
{
  g_autofree char *id = NULL;
  const char *xref;

  g_return_val_if_fail (SP_IS_HELP_GUIDE (self), NULL);

  if (uri == NULL || !g_str_has_prefix (uri, SP_HELP_URI_PREFIX))
    return NULL;

  xref = uri + strlen (SP_HELP_URI_PREFIX);
  id = g_strndup (xref, strcspn (xref, "#"));
  return sp_help_guide_get_page (self, id);
}

static int
compare_sort_titles (gconstpointer a,
                     gconstpointer b)
{
  SpHelpPage *page_a = *(SpHelpPage **) a;
  SpHelpPage *page_b = *(SpHelpPage **) b;
  int order = g_utf8_collate (sp_help_page_get_sort_title (page_a),
                              sp_help_page_get_sort_title (page_b));

  return order != 0 ? order : g_strcmp0 (sp_help_page_get_id (page_a),
                                         sp_help_page_get_id (page_b));
}

/**
 * sp_help_guide_list_topics:
 * @guide: a guide page
 * @container: @guide's root, or the section @section_id of it
 * @section_id: (nullable): the section, or %NULL for the page itself
 *
 * The topics Mallard lists in @container: the pages that link to it, and those it names
 * itself in its <info><link type="topic"/>, sorted by their sort titles.
 *
 * Returns: (transfer container) (element-type SpHelpPage): the topics
 */
GPtrArray *
sp_help_guide_list_topics (SpHelpGuide      *self,
                           SpHelpPage       *guide,
                           const SpHelpNode *container,
                           const char       *section_id)
{
  GPtrArray *topics = g_ptr_array_new ();
  const char *guide_id = sp_help_page_get_id (guide);
  const SpHelpNode *info = sp_help_node_get_element (container, "info", NULL);

  g_return_val_if_fail (SP_IS_HELP_GUIDE (self), topics);

  for (guint i = 0; i < self->pages->len; i++)
    {
      SpHelpPage *page = g_ptr_array_index (self->pages, i);

      if (page != guide && sp_help_page_has_guide_link (page, guide_id, section_id))
        g_ptr_array_add (topics, page);
    }

  for (guint i = 0; info != NULL && i < info->children->len; i++)
    {
      const SpHelpNode *link = g_ptr_array_index (info->children, i);
      const char *xref = sp_help_node_get_attribute (link, "xref");
      g_autofree char *id = xref != NULL ? g_strndup (xref, strcspn (xref, "#")) : NULL;
      SpHelpPage *page = sp_help_guide_get_page (self, id);

      if (g_strcmp0 (link->name, "link") == 0 &&
          g_strcmp0 (sp_help_node_get_attribute (link, "type"), "topic") == 0 &&
          page != NULL && page != guide && !g_ptr_array_find (topics, page, NULL))
        g_ptr_array_add (topics, page);
    }

  g_ptr_array_sort (topics, compare_sort_titles);
  return topics;
}

/**
 * sp_help_guide_list_guides:
 *
 * Returns: (transfer container) (element-type SpHelpPage): the guides @topic belongs in
 */
GPtrArray *
sp_help_guide_list_guides (SpHelpGuide *self,
                           SpHelpPage  *topic)
{
  g_auto(GStrv) ids = sp_help_page_dup_guides (topic);
  GPtrArray *guides = g_ptr_array_new ();

  g_return_val_if_fail (SP_IS_HELP_GUIDE (self), guides);

  for (guint i = 0; ids[i] != NULL; i++)
    if (sp_help_guide_get_page (self, ids[i]) != NULL)
      g_ptr_array_add (guides, sp_help_guide_get_page (self, ids[i]));

  return guides;
}

/* ---- Running text: Mallard's inline elements as Pango markup ---- */

typedef struct
{
  SpHelpGuide *guide;
  GString     *markup;
  gboolean     space;            /* nothing yet, or a space last: the next one is dropped */
} Inline;

static void append_inline (Inline           *in,
                           const SpHelpNode *node);

/* Runs of white space (the XML's indentation) read as one space. */
static void
append_flowed (Inline     *in,
               const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (!in->space)
            g_string_append_c (in->markup, ' ');
          in->space = TRUE;
          continue;
        }

      in->space = FALSE;
      if (*p == '<')
        g_string_append (in->markup, "&lt;");
      else if (*p == '>')
        g_string_append (in->markup, "&gt;");
      else if (*p == '&')
        g_string_append (in->markup, "&amp;");
      else
        g_string_append_c (in->markup, *p);
    }
}

static void
append_children (Inline           *in,
                 const SpHelpNode *node)
{
  for (guint i = 0; i < node->children->len; i++)
    append_inline (in, g_ptr_array_index (node->children, i));
}

static void
append_wrapped (Inline           *in,
                const SpHelpNode *node,
                const char       *open,
                const char       *close)
{
  g_string_append (in->markup, open);
  append_children (in, node);
  g_string_append (in->markup, close);
}

static void
append_link (Inline           *in,
             const SpHelpNode *node)
{
  const char *xref = sp_help_node_get_attribute (node, "xref");
  const char *href = sp_help_node_get_attribute (node, "href");
  g_autofree char *uri = xref != NULL ? g_strconcat (SP_HELP_URI_PREFIX, xref, NULL)
                                      : g_strdup (href);
  g_autofree char *escaped = NULL;
  SpHelpPage *target;

  if (uri == NULL)
    {
      append_children (in, node);
      return;
    }

  escaped = g_markup_escape_text (uri, -1);
  g_string_append_printf (in->markup, "<a href=\"%s\">", escaped);
  /* An empty link shows the title of the page it goes to. */
  target = sp_help_guide_get_page_for_uri (in->guide, uri);
  if (node->children->len > 0)
    append_children (in, node);
  else
    append_flowed (in, target != NULL ? sp_help_page_get_link_title (target) : uri);
  g_string_append (in->markup, "</a>");
}

static void
append_inline (Inline           *in,
               const SpHelpNode *node)
{
  static const char *const code[] = { "code", "cmd", "sys", "file", "input", "output", NULL };

  if (node->name == NULL)
    append_flowed (in, node->text);
  else if (g_str_equal (node->name, "gui") || g_str_equal (node->name, "key"))
    append_wrapped (in, node, "<b>", "</b>");
  else if (g_str_equal (node->name, "em") || g_str_equal (node->name, "app"))
    append_wrapped (in, node, "<i>", "</i>");
  else if (g_strv_contains (code, node->name))
    append_wrapped (in, node, "<tt>", "</tt>");
  else if (g_str_equal (node->name, "link"))
    append_link (in, node);
  else if (g_str_equal (node->name, "keyseq"))
    {
      guint keys = 0;

      /* Ctrl+N: the keys only, not the white space between them. */
      for (guint i = 0; i < node->children->len; i++)
        {
          const SpHelpNode *key = g_ptr_array_index (node->children, i);

          if (key->name == NULL)
            continue;
          if (keys++ > 0)
            g_string_append_c (in->markup, '+');
          in->space = FALSE;
          append_inline (in, key);
        }
    }
  else
    append_children (in, node);
}

/**
 * sp_help_guide_dup_markup:
 * @node: a block of running text, such as a <p>
 *
 * Returns: (transfer full): what is in @node as Pango markup, its links as <a href>
 */
char *
sp_help_guide_dup_markup (SpHelpGuide      *self,
                          const SpHelpNode *node)
{
  Inline in = { self, g_string_new (NULL), TRUE };

  g_return_val_if_fail (SP_IS_HELP_GUIDE (self), NULL);

  append_children (&in, node);
  g_strchomp (in.markup->str);
  in.markup->len = strlen (in.markup->str);
  return g_string_free (in.markup, FALSE);
}
