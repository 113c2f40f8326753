/* sp-help-guide.h — the user guide's pages together: the links Mallard makes between them
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-help-page.h"

G_BEGIN_DECLS

/* Links between the guide's pages, as Yelp names them: help:samplan/<page>[#<section>]. */
#define SP_HELP_URI_PREFIX "help:samplan/"

#define SP_TYPE_HELP_GUIDE (sp_help_guide_get_type ())

G_DECLARE_FINAL_TYPE (SpHelpGuide, sp_help_guide, SP, HELP_GUIDE, GObject)

SpHelpGuide *sp_help_guide_new          (const char       *resource_path,
                                         GError          **error);
char        *sp_help_guide_dup_language_path
                                        (const char       *help_path);
SpHelpPage  *sp_help_guide_get_page     (SpHelpGuide      *self,
                                         const char       *id);
SpHelpPage  *sp_help_guide_get_page_for_uri
                                        (SpHelpGuide      *self,
                                         const char       *uri);
GPtrArray   *sp_help_guide_list_topics  (SpHelpGuide      *self,
                                         SpHelpPage       *guide,
                                         const SpHelpNode *container,
                                         const char       *section_id);
GPtrArray   *sp_help_guide_list_guides  (SpHelpGuide      *self,
                                         SpHelpPage       *topic);
char        *sp_help_guide_dup_markup   (SpHelpGuide      *self,
                                         const SpHelpNode *node);

G_END_DECLS
