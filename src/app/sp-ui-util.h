/* sp-ui-util.h — small widget helpers the parts of the app share
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *sp_ui_dup_text        (GtkEditable *editable);
void  sp_ui_set_error_style (GtkWidget   *widget,
                             gboolean     error);
void  sp_ui_remove_children (GtkWidget   *container);

G_END_DECLS
