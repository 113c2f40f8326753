/* sp-sip-plan-outline.c — the plan's outline, edited from the keyboard
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are sub-goals and interventions in one list; an intervention belongs to the sub-goal
 * above it, so indenting a sub-goal makes it an intervention of the one before, and
 * outdenting an intervention makes it a sub-goal of the interventions under it. Keys are
 * shortcuts of the list (capture phase, so that the entry does not take Enter or Tab) which
 * activate the page's "outline.*" actions: the buttons and the keys run the same code.
 * Tab indents, so Ctrl+Tab is how the keyboard moves on from a row's text.
 */

#define G_LOG_DOMAIN "sp-sip-plan-outline"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-sip-plan-page-private.h"

static char *
new_node_id (const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat (prefix, uuid, NULL);
}

static void
row_changed_cb (SpSipOutlineRow *row,
                SpSipPlanPage   *self)
{
  sp_sip_plan_page_emit_changed (self);
}

/**
 * sp_sip_plan_outline_add_row:
 * @position: where, -1 for last
 *
 * Returns: (transfer none): @row
 */
GtkWidget *
sp_sip_plan_outline_add_row (SpSipPlanPage *self,
                             GtkWidget     *row,
                             int            position)
{
  gtk_list_box_insert (self->outline, row, position);
  sp_sip_outline_row_set_editable (SP_SIP_OUTLINE_ROW (row), self->editable);
  if (g_signal_handler_find (row, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             row_changed_cb, self) == 0)
    g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), self);

  return row;
}

static GtkWidget *
new_sub_goal_row (void)
{
  g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new (NULL);

  g_free (goal->id);
  goal->id = new_node_id ("g-");
  return sp_sip_outline_row_new_sub_goal (goal);
}

static GtkWidget *
new_intervention_row (SpSipPlanPage *self,
                      const char    *what)
{
  g_autoptr(SpSipIntervention) intervention = sp_sip_intervention_new (what, NULL);

  g_free (intervention->id);
  intervention->id = new_node_id ("i-");
  return sp_sip_outline_row_new_intervention (intervention, G_LIST_MODEL (self->unit_names),
                                              (const char * const *) self->unit_ids);
}

static void
focus_row (GtkWidget *row)
{
  gtk_widget_grab_focus (sp_sip_outline_row_get_text_entry (SP_SIP_OUTLINE_ROW (row)));
}

/* The row whose text has the keyboard focus. */
static SpSipOutlineRow *
get_focus_row (SpSipPlanPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, SP_TYPE_SIP_OUTLINE_ROW)
                                 : NULL;

  return row != NULL ? SP_SIP_OUTLINE_ROW (row) : NULL;
}

static gboolean
is_sub_goal (GtkWidget *row)
{
  return row != NULL &&
         sp_sip_outline_row_get_kind (SP_SIP_OUTLINE_ROW (row)) == SP_SIP_NODE_SUB_GOAL;
}

/* The row after @row's interventions (NULL at the end). */
static GtkWidget *
get_block_end (GtkWidget *row)
{
  GtkWidget *next = gtk_widget_get_next_sibling (row);

  while (next != NULL && !is_sub_goal (next))
    next = gtk_widget_get_next_sibling (next);

  return next;
}

static int
get_position (GtkWidget *row)
{
  return row != NULL ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

static void
insert_and_focus (SpSipPlanPage *self,
                  GtkWidget     *row,
                  int            position)
{
  sp_sip_plan_outline_add_row (self, row, position);
  focus_row (row);
  sp_sip_plan_page_emit_changed (self);
}

static void
add_sub_goal_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (widget);

  insert_and_focus (self, new_sub_goal_row (), -1);
}

/* Enter: a sub-goal after this sub-goal's interventions, or an intervention after this one. */
static void
add_sibling_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (widget);
  GtkWidget *row = GTK_WIDGET (get_focus_row (self));

  if (row == NULL)
    insert_and_focus (self, new_sub_goal_row (), -1);
  else if (is_sub_goal (row))
    insert_and_focus (self, new_sub_goal_row (), get_position (get_block_end (row)));
  else
    insert_and_focus (self, new_intervention_row (self, NULL), get_position (row) + 1);
}

/* Ctrl+Enter: an intervention under this sub-goal (last), or after this intervention. */
static void
add_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (widget);
  GtkWidget *row = GTK_WIDGET (get_focus_row (self));

  if (row == NULL)
    return;

  insert_and_focus (self, new_intervention_row (self, NULL),
                    is_sub_goal (row) ? get_position (get_block_end (row))
                                      : get_position (row) + 1);
}

/* Replaces @row by @replacement at the same place, keeping the text and the focus. */
static void
replace_row (SpSipPlanPage *self,
             GtkWidget     *row,
             GtkWidget     *replacement)
{
  int position = get_position (row);
  int cursor = gtk_editable_get_position (
                 GTK_EDITABLE (sp_sip_outline_row_get_text_entry (SP_SIP_OUTLINE_ROW (row))));

  gtk_list_box_remove (self->outline, row);
  sp_sip_plan_outline_add_row (self, replacement, position);
  focus_row (replacement);
  gtk_editable_set_position (
    GTK_EDITABLE (sp_sip_outline_row_get_text_entry (SP_SIP_OUTLINE_ROW (replacement))), cursor);
  sp_sip_plan_page_emit_changed (self);
}

/* Tab: a sub-goal (not the first) becomes an intervention of the sub-goal above. */
static void
indent_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (widget);
  GtkWidget *row = GTK_WIDGET (get_focus_row (self));
  g_autoptr(SpSipSubGoal) goal = NULL;
  GtkWidget *replacement;

  if (!is_sub_goal (row) || get_position (row) == 0)
    return;

  goal = sp_sip_outline_row_dup_sub_goal (SP_SIP_OUTLINE_ROW (row));
  replacement = new_intervention_row (self, goal->text);
  replace_row (self, row, replacement);
}

/* Shift+Tab: an intervention becomes a sub-goal of the interventions under it. */
static void
outdent_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (widget);
  GtkWidget *row = GTK_WIDGET (get_focus_row (self));
  g_autoptr(SpSipIntervention) intervention = NULL;
  g_autoptr(SpSipSubGoal) goal = NULL;

  if (row == NULL || is_sub_goal (row))
    return;

  intervention = sp_sip_outline_row_dup_intervention (SP_SIP_OUTLINE_ROW (row), NULL);
  goal = sp_sip_sub_goal_new (intervention->what);
  g_free (goal->id);
  goal->id = new_node_id ("g-");
  goal->responsible_person = g_strdup (intervention->responsible_person);
  replace_row (self, row, sp_sip_outline_row_new_sub_goal (goal));
}

/* Moves @rows (a sub-goal's block, or one intervention) to @position, keeping the focus. */
static void
move_rows (SpSipPlanPage *self,
           GPtrArray     *rows,
           int            position)
{
  GtkWidget *focus = GTK_WIDGET (get_focus_row (self));

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      g_object_ref (row);
      gtk_list_box_remove (self->outline, row);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      gtk_list_box_insert (self->outline, row, position + (int) i);
      g_object_unref (row);
    }

  if (focus != NULL)
    focus_row (focus);
  sp_sip_plan_page_emit_changed (self);
}

/* The focused row and, for a sub-goal, its interventions. */
static GPtrArray *
get_block (GtkWidget *row)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *end = is_sub_goal (row) ? get_block_end (row) : gtk_widget_get_next_sibling (row);

  for (GtkWidget *child = row; child != end; child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (rows, child);

  return rows;
}

/* The sub-goal at or above @row. */
static GtkWidget *
get_block_start (GtkWidget *row)
{
  while (row != NULL && !is_sub_goal (row))
    row = gtk_widget_get_prev_sibling (row);

  return row;
}

/* Alt+Up / Alt+Down: a sub-goal moves past the neighbouring sub-goal with everything under
 * it; an intervention moves one row, into the neighbouring sub-goal at its edge. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (widget);
  GtkWidget *row = GTK_WIDGET (get_focus_row (self));
  gboolean up = g_str_equal (action_name, "outline.move-up");
  g_autoptr(GPtrArray) block = NULL;
  GtkWidget *target;

  if (row == NULL)
    return;

  block = get_block (row);
  if (is_sub_goal (row))
    {
      if (up)
        {
          target = get_block_start (gtk_widget_get_prev_sibling (row));
          if (target != NULL)
            move_rows (self, block, get_position (target));
        }
      else
        {
          GtkWidget *next = get_block_end (row);
          GtkWidget *after;

          if (next == NULL)
            return;
          after = get_block_end (next);
          /* Positions count the block itself, which is taken out first. */
          move_rows (self, block, (after != NULL ? get_position (after)
                                                 : get_position (gtk_widget_get_last_child (
                                                     GTK_WIDGET (self->outline))) + 1)
                                  - (int) block->len);
        }
      return;
    }

  target = up ? gtk_widget_get_prev_sibling (row) : gtk_widget_get_next_sibling (row);
  /* Above the first sub-goal an intervention would belong to none. */
  if (target == NULL || (up && get_position (target) == 0))
    return;
  move_rows (self, block, get_position (target));
}

static void
undo_cb (AdwToast      *toast,
         SpSipPlanPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "outline.undo", NULL);
}

/* Ctrl+Delete: the row (a sub-goal with its interventions), with a toast to undo it. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (widget);
  GtkWidget *row = GTK_WIDGET (get_focus_row (self));
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *neighbour;
  AdwToast *toast;
  gboolean goal;

  if (row == NULL)
    return;

  goal = is_sub_goal (row);
  g_clear_pointer (&self->deleted, g_ptr_array_unref);
  self->deleted = get_block (row);
  g_ptr_array_set_free_func (self->deleted, g_object_unref);
  self->deleted_at = get_position (row);
  neighbour = gtk_widget_get_prev_sibling (row);
  if (neighbour == NULL)
    neighbour = get_block_end (row);

  for (guint i = 0; i < self->deleted->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->deleted, i);

      g_object_ref (child);
      gtk_list_box_remove (self->outline, child);
    }

  if (neighbour != NULL)
    focus_row (neighbour);
  sp_sip_plan_page_emit_changed (self);

  if (overlay == NULL)
    return;
  toast = adw_toast_new (goal ? _("Sub-goal deleted") : _("Intervention deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Puts the last deleted rows back where they were (with their ids, so nothing is lost). */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (widget);
  g_autoptr(GPtrArray) rows = g_steal_pointer (&self->deleted);

  if (rows == NULL || !self->editable)
    return;

  for (guint i = 0; i < rows->len; i++)
    sp_sip_plan_outline_add_row (self, g_ptr_array_index (rows, i), self->deleted_at + (int) i);

  focus_row (g_ptr_array_index (rows, 0));
  sp_sip_plan_page_emit_changed (self);
}

/* Ctrl+Tab / Ctrl+Shift+Tab: on to the next (previous) field, as Tab does outside the
 * outline, row by row through each row's details and then out of the outline. Bound here
 * because GtkScrolledWindow takes Ctrl+Tab to leave the whole page. */
static void
move_focus_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkDirectionType direction = g_str_equal (action_name, "outline.next-field")
                                 ? GTK_DIR_TAB_FORWARD : GTK_DIR_TAB_BACKWARD;

  /* What GtkWindow's own Tab binding does: the window wraps round at the end. */
  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), direction);
}

/* A key of the outline: only while a row's text has the focus, so that Tab still moves
 * between the detail fields and Enter still works elsewhere; Ctrl+Tab anywhere in it. */
static gboolean
outline_key_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  SpSipPlanPage *self = user_data;
  const char *action = g_variant_get_string (args, NULL);
  SpSipOutlineRow *row = get_focus_row (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->outline)))
    return FALSE;

  if (g_str_has_suffix (action, "-field"))
    return gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);

  if (row == NULL || !self->editable ||
      !(focus == sp_sip_outline_row_get_text_entry (row) ||
        gtk_widget_is_ancestor (focus, sp_sip_outline_row_get_text_entry (row))))
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

static void
add_key (GtkShortcutController *controller,
         SpSipPlanPage         *self,
         guint                  key,
         GdkModifierType        modifiers,
         const char            *action)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                            gtk_callback_action_new (outline_key_cb, self, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_string (action));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

void
sp_sip_plan_outline_setup (SpSipPlanPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_key (shortcuts, self, GDK_KEY_Return, 0, "outline.add-sibling");
  add_key (shortcuts, self, GDK_KEY_KP_Enter, 0, "outline.add-sibling");
  add_key (shortcuts, self, GDK_KEY_Return, GDK_CONTROL_MASK, "outline.add-child");
  add_key (shortcuts, self, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "outline.add-child");
  add_key (shortcuts, self, GDK_KEY_Tab, 0, "outline.indent");
  add_key (shortcuts, self, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, "outline.outdent");
  add_key (shortcuts, self, GDK_KEY_Tab, GDK_SHIFT_MASK, "outline.outdent");
  add_key (shortcuts, self, GDK_KEY_Up, GDK_ALT_MASK, "outline.move-up");
  add_key (shortcuts, self, GDK_KEY_Down, GDK_ALT_MASK, "outline.move-down");
  add_key (shortcuts, self, GDK_KEY_Delete, GDK_CONTROL_MASK, "outline.delete");
  add_key (shortcuts, self, GDK_KEY_z, GDK_CONTROL_MASK, "outline.undo");
  add_key (shortcuts, self, GDK_KEY_Tab, GDK_CONTROL_MASK, "outline.next-field");
  add_key (shortcuts, self, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
           "outline.previous-field");
  add_key (shortcuts, self, GDK_KEY_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
           "outline.previous-field");
  gtk_widget_add_controller (GTK_WIDGET (self->outline), controller);
}

void
sp_sip_plan_outline_init_class (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "outline.add-sub-goal", NULL,
                                   add_sub_goal_action);
  gtk_widget_class_install_action (widget_class, "outline.add-sibling", NULL,
                                   add_sibling_action);
  gtk_widget_class_install_action (widget_class, "outline.add-child", NULL, add_child_action);
  gtk_widget_class_install_action (widget_class, "outline.indent", NULL, indent_action);
  gtk_widget_class_install_action (widget_class, "outline.outdent", NULL, outdent_action);
  gtk_widget_class_install_action (widget_class, "outline.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "outline.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "outline.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "outline.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "outline.next-field", NULL, move_focus_action);
  gtk_widget_class_install_action (widget_class, "outline.previous-field", NULL,
                                   move_focus_action);
}
