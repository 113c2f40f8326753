/* sp-conflict-member.c — one member both sides changed: mine, theirs, or both combined
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A member of a SIP part that the user changed offline and someone else changed meanwhile
 * (the server's 409 names it). Both values stay on show until the user picks one; free text
 * can be combined instead: both versions in a text area, mine first, which the user edits.
 * Nothing is picked for the user.
 */

#define G_LOG_DOMAIN "sp-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-conflict-fields.h"
#include "sp-conflict-member.h"

struct _SpConflictMember
{
  GtkBox           parent_instance;

  GtkLabel        *title_label;
  GtkLabel        *mine_label;
  GtkLabel        *theirs_label;
  GtkToggleButton *mine_button;
  GtkToggleButton *theirs_button;
  GtkToggleButton *combine_button;
  GtkWidget       *combine_box;
  GtkTextView     *combine_view;

  char            *part;
  char            *member;
  JsonNode        *mine;
  JsonNode        *theirs;
  gboolean         filled;  /* the text area has had both versions put in */
};

G_DEFINE_FINAL_TYPE (SpConflictMember, sp_conflict_member, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_DECIDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The keyboard goes on into the text area once it has a place on screen: grabbed before,
 * the list would not scroll it into sight. */
static gboolean
focus_text_cb (GtkWidget     *view,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  if (gtk_widget_get_height (view) == 0)
    return G_SOURCE_CONTINUE;

  gtk_widget_grab_focus (view);
  return G_SOURCE_REMOVE;
}

static void
toggled_cb (SpConflictMember *self)
{
  gboolean combine = gtk_toggle_button_get_active (self->combine_button);

  if (combine && !self->filled)
    {
      g_autofree char *both = sp_conflict_fields_combine (self->member, self->mine,
                                                          self->theirs);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->combine_view), both, -1);
      self->filled = TRUE;
    }
  gtk_widget_set_visible (self->combine_box, combine);
  if (combine && gtk_widget_is_focus (GTK_WIDGET (self->combine_button)))
    gtk_widget_add_tick_callback (GTK_WIDGET (self->combine_view), focus_text_cb, NULL, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIDED]);
}

static void
sp_conflict_member_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SpConflictMember *self = SP_CONFLICT_MEMBER (object);

  switch (prop_id)
    {
    case PROP_DECIDED:
      g_value_set_boolean (value, sp_conflict_member_get_decided (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_conflict_member_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_CONFLICT_MEMBER);

  G_OBJECT_CLASS (sp_conflict_member_parent_class)->dispose (object);
}

static void
sp_conflict_member_finalize (GObject *object)
{
  SpConflictMember *self = SP_CONFLICT_MEMBER (object);

  g_clear_pointer (&self->part, g_free);
  g_clear_pointer (&self->member, g_free);
  g_clear_pointer (&self->mine, json_node_unref);
  g_clear_pointer (&self->theirs, json_node_unref);

  G_OBJECT_CLASS (sp_conflict_member_parent_class)->finalize (object);
}

static void
sp_conflict_member_class_init (SpConflictMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sp_conflict_member_get_property;
  object_class->dispose = sp_conflict_member_dispose;
  object_class->finalize = sp_conflict_member_finalize;

  /**
   * SpConflictMember:decided:
   *
   * Whether the user has picked mine, theirs or a combination.
   */
  properties[PROP_DECIDED] =
    g_param_spec_boolean ("decided", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/sp-conflict-member.ui");
  gtk_widget_class_bind_template_child (widget_class, SpConflictMember, title_label);
  gtk_widget_class_bind_template_child (widget_class, SpConflictMember, mine_label);
  gtk_widget_class_bind_template_child (widget_class, SpConflictMember, theirs_label);
  gtk_widget_class_bind_template_child (widget_class, SpConflictMember, mine_button);
  gtk_widget_class_bind_template_child (widget_class, SpConflictMember, theirs_button);
  gtk_widget_class_bind_template_child (widget_class, SpConflictMember, combine_button);
  gtk_widget_class_bind_template_child (widget_class, SpConflictMember, combine_box);
  gtk_widget_class_bind_template_child (widget_class, SpConflictMember, combine_view);
  gtk_widget_class_bind_template_callback (widget_class, toggled_cb);
}

static void
sp_conflict_member_init (SpConflictMember *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Screen readers hear which field each choice is about. */
static void
label_control (GtkWidget *widget,
               char      *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_free (label);
}

/**
 * sp_conflict_member_new:
 * @part: "invitation" or "mapping"
 * @member: the part's member the server named
 * @mine: (nullable): the user's value (the held command's)
 * @theirs: (nullable): the server's value (its current record's)
 *
 * Returns: (transfer floating): a new member to decide
 */
GtkWidget *
sp_conflict_member_new (const char *part,
                        const char *member,
                        JsonNode   *mine,
                        JsonNode   *theirs)
{
  SpConflictMember *self = g_object_new (SP_TYPE_CONFLICT_MEMBER, NULL);
  const char *title = sp_conflict_fields_title (part, member);
  g_autofree char *mine_text = sp_conflict_fields_format (member, mine);
  g_autofree char *theirs_text = sp_conflict_fields_format (member, theirs);
  g_autofree char *mine_label = NULL;

  self->part = g_strdup (part);
  self->member = g_strdup (member);
  self->mine = mine != NULL ? json_node_copy (mine) : json_node_new (JSON_NODE_NULL);
  self->theirs = theirs != NULL ? json_node_copy (theirs) : json_node_new (JSON_NODE_NULL);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->mine_label, mine_text);
  gtk_label_set_text (self->theirs_label, theirs_text);
  gtk_widget_set_visible (GTK_WIDGET (self->combine_button),
                          sp_conflict_fields_is_text (part, member));

  /* Translators: the accessible names of one field's choices; %s is its title. */
  mine_label = g_strdup_printf (_("Use my version of “%s”"), title);
  label_control (GTK_WIDGET (self->mine_button), g_steal_pointer (&mine_label));
  label_control (GTK_WIDGET (self->theirs_button),
                 g_strdup_printf (_("Use the server's version of “%s”"), title));
  label_control (GTK_WIDGET (self->combine_button),
                 g_strdup_printf (_("Combine both versions of “%s”"), title));
  label_control (GTK_WIDGET (self->combine_view),
                 g_strdup_printf (_("Combined text of “%s”"), title));

  return GTK_WIDGET (self);
}

const char *
sp_conflict_member_get_member (SpConflictMember *self)
{
  g_return_val_if_fail (SP_IS_CONFLICT_MEMBER (self), NULL);

  return self->member;
}

gboolean
sp_conflict_member_get_decided (SpConflictMember *self)
{
  g_return_val_if_fail (SP_IS_CONFLICT_MEMBER (self), FALSE);

  return gtk_toggle_button_get_active (self->mine_button) ||
         gtk_toggle_button_get_active (self->theirs_button) ||
         gtk_toggle_button_get_active (self->combine_button);
}

/**
 * sp_conflict_member_keeps_mine:
 *
 * Returns: whether the value is to win over the server's: mine, or a combination
 */
gboolean
sp_conflict_member_keeps_mine (SpConflictMember *self)
{
  g_return_val_if_fail (SP_IS_CONFLICT_MEMBER (self), FALSE);

  return gtk_toggle_button_get_active (self->mine_button) ||
         gtk_toggle_button_get_active (self->combine_button);
}

/**
 * sp_conflict_member_dup_value:
 *
 * Returns: (transfer full) (nullable): the value the user settled on, as the part's member
 *   (JSON null for none); %NULL while undecided
 */
JsonNode *
sp_conflict_member_dup_value (SpConflictMember *self)
{
  g_return_val_if_fail (SP_IS_CONFLICT_MEMBER (self), NULL);

  if (gtk_toggle_button_get_active (self->combine_button))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->combine_view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      return sp_conflict_fields_parse (self->member, text);
    }
  if (gtk_toggle_button_get_active (self->mine_button))
    return json_node_copy (self->mine);
  if (gtk_toggle_button_get_active (self->theirs_button))
    return json_node_copy (self->theirs);
  return NULL;
}
