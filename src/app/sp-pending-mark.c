/* sp-pending-mark.c — "Väntar på att skickas": the user's change is kept, not yet sent
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One look for every record the outbox has something of (an overview row, the episode page,
 * an inbox row): an icon and a short text, so that it does not rest on colour alone, and the
 * same words for a screen reader. Hidden when nothing waits. A refused or conflicting command
 * turns it into "Väntar på ditt beslut", which the header bar's "väntar på dig" resolves.
 */

#define G_LOG_DOMAIN "sp-pending-mark"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-pending-mark.h"

struct _SpPendingMark
{
  GtkWidget     parent_instance;

  GtkWidget    *icon;
  GtkWidget    *label;
  SpOutboxMark  mark;
  gboolean      compact;
};

G_DEFINE_FINAL_TYPE (SpPendingMark, sp_pending_mark, GTK_TYPE_WIDGET)

static void
sp_pending_mark_dispose (GObject *object)
{
  SpPendingMark *self = SP_PENDING_MARK (object);

  g_clear_pointer (&self->icon, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (sp_pending_mark_parent_class)->dispose (object);
}

static void
sp_pending_mark_class_init (SpPendingMarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_pending_mark_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sp-pending-mark");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
sp_pending_mark_init (SpPendingMark *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  self->icon = gtk_image_new ();
  /* The label says it; the icon is for the eye. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->label, "caption-heading");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * sp_pending_mark_new:
 *
 * Returns: (transfer floating): a hidden mark; show one with sp_pending_mark_set_mark()
 */
GtkWidget *
sp_pending_mark_new (void)
{
  return g_object_new (SP_TYPE_PENDING_MARK, NULL);
}

SpOutboxMark
sp_pending_mark_get_mark (SpPendingMark *self)
{
  g_return_val_if_fail (SP_IS_PENDING_MARK (self), SP_OUTBOX_MARK_NONE);

  return self->mark;
}

/**
 * sp_pending_mark_set_compact:
 * @compact: a short text (a narrow column: "Ej skickat än"); the accessible name and the
 *   tooltip keep the whole sentence
 */
void
sp_pending_mark_set_compact (SpPendingMark *self,
                             gboolean       compact)
{
  SpOutboxMark mark;

  g_return_if_fail (SP_IS_PENDING_MARK (self));

  if (self->compact == compact)
    return;

  self->compact = compact;
  mark = self->mark;
  self->mark = SP_OUTBOX_MARK_NONE;
  sp_pending_mark_set_mark (self, mark);
}

/**
 * sp_pending_mark_get_text:
 *
 * Returns: what the mark says now ("" when hidden)
 */
const char *
sp_pending_mark_get_text (SpPendingMark *self)
{
  g_return_val_if_fail (SP_IS_PENDING_MARK (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->label));
}

/**
 * sp_pending_mark_set_mark:
 * @mark: what the outbox holds of the record (sp_outbox_get_mark())
 *
 * Shows @mark; %SP_OUTBOX_MARK_NONE hides the widget. Cheap when nothing changes: lists
 * call it for every row they bind.
 */
void
sp_pending_mark_set_mark (SpPendingMark *self,
                          SpOutboxMark   mark)
{
  const char *name = NULL;
  const char *text = NULL;
  const char *description = NULL;
  gboolean held = mark == SP_OUTBOX_MARK_HELD;

  g_return_if_fail (SP_IS_PENDING_MARK (self));

  if (self->mark == mark)
    return;
  self->mark = mark;

  gtk_widget_set_visible (GTK_WIDGET (self), mark != SP_OUTBOX_MARK_NONE);
  if (mark == SP_OUTBOX_MARK_NONE)
    {
      gtk_label_set_label (GTK_LABEL (self->label), "");
      return;
    }

  if (held)
    {
      name = _("Waiting for your decision");
      description = _("The server did not take a change. Choose what applies under “waiting "
                      "for you” in the header bar.");
      text = self->compact ? _("Needs a decision") : name;
    }
  else
    {
      name = _("Waiting to be sent");
      description = _("Saved on this computer; it will be sent when the connection is back.");
      text = self->compact ? _("Not sent yet") : name;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), held ? "dialog-warning-symbolic"
                                                              : "user-status-pending-symbolic");
  gtk_label_set_label (GTK_LABEL (self->label), text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  if (held)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "accent");
      gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self), "accent");
    }
}
