/* sp-help-page.h — one Mallard page of the user guide, read for the help window
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An element of the page (name set), or a run of its text (name NULL, text set). */
typedef struct _SpHelpNode SpHelpNode;

struct _SpHelpNode
{
  char       *name;
  char       *text;
  char      **attribute_names;
  char      **attribute_values;
  GPtrArray  *children;          /* SpHelpNode, in document order */
};

const char       *sp_help_node_get_attribute  (const SpHelpNode *node,
                                               const char       *name);
const SpHelpNode *sp_help_node_get_element    (const SpHelpNode *node,
                                               const char       *name,
                                               const char       *type);
char             *sp_help_node_dup_text       (const SpHelpNode *node);

#define SP_TYPE_HELP_PAGE (sp_help_page_get_type ())

G_DECLARE_FINAL_TYPE (SpHelpPage, sp_help_page, SP, HELP_PAGE, GObject)

SpHelpPage       *sp_help_page_new            (const char       *data,
                                               gsize             size,
                                               GError          **error);

const char       *sp_help_page_get_id         (SpHelpPage       *self);
gboolean          sp_help_page_is_guide       (SpHelpPage       *self);
const char       *sp_help_page_get_title      (SpHelpPage       *self);
const char       *sp_help_page_get_link_title (SpHelpPage       *self);
const char       *sp_help_page_get_sort_title (SpHelpPage       *self);
const char       *sp_help_page_get_desc       (SpHelpPage       *self);
const SpHelpNode *sp_help_page_get_root       (SpHelpPage       *self);
gboolean          sp_help_page_has_guide_link (SpHelpPage       *self,
                                               const char       *page_id,
                                               const char       *section_id);
GStrv             sp_help_page_dup_guides     (SpHelpPage       *self);

G_END_DECLS
