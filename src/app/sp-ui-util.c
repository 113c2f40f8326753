/* sp-ui-util.c — small widget helpers the parts of the app share
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-ui-util"

#include "config.h"

#include "sp-ui-util.h"

/**
 * sp_ui_dup_text:
 * @editable: an entry or entry row
 *
 * Returns: (transfer full) (nullable): its text without surrounding blanks, %NULL when
 *   nothing is left
 */
char *
sp_ui_dup_text (GtkEditable *editable)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/**
 * sp_ui_set_error_style:
 * @widget: a field, or the label that speaks of it
 * @error: whether it is marked as wrong
 *
 * Adds or removes the "error" style class.
 */
void
sp_ui_set_error_style (GtkWidget *widget,
                       gboolean   error)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/**
 * sp_ui_remove_children:
 * @container: a #GtkListBox or a #GtkBox
 *
 * Empties @container, before filling it again.
 */
void
sp_ui_remove_children (GtkWidget *container)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (container) || GTK_IS_BOX (container));

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}
