/* sp-sip-outline-row.c — one sub-goal or intervention in the plan's outline
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row's widgets are the truth while it is on screen; the plan page reads them back as
 * the core's SpSipSubGoal / SpSipIntervention when it saves.
 */

#define G_LOG_DOMAIN "sp-sip-outline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-json.h"
#include "sp-sip-fields.h"
#include "sp-sip-outline-row.h"
#include "sp-ui-util.h"

struct _SpSipOutlineRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *kind_label;
  GtkEntry      *text_entry;
  GtkWidget     *delete_button;
  GtkWidget     *details_box;
  GtkDropDown   *unit_dropdown;
  GtkEntry      *responsible_entry;
  GtkDropDown   *principal_dropdown;
  GtkEntry      *date_entry;
  GtkEntry      *frequency_entry;

  SpSipNodeKind  kind;
  char          *id;
  char          *responsible_unit_id;  /* a sub-goal's; not edited here */
  GStrv          unit_ids;             /* the unit dropdown's rows, from row 1 on */
};

G_DEFINE_FINAL_TYPE (SpSipOutlineRow, sp_sip_outline_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed_cb (SpSipOutlineRow *self)
{
  g_autofree char *date = sp_ui_dup_text (GTK_EDITABLE (self->date_entry));
  GDate parsed;

  /* A date that cannot be read is shown, not silently dropped. */
  sp_ui_set_error_style (GTK_WIDGET (self->date_entry),
                         date != NULL && !sp_json_parse_date (date, &parsed));

  g_signal_emit (self, signals[CHANGED], 0);
}

/* Not a stop of its own, as a GtkListBoxRow is: the keyboard goes straight to its fields
 * (one stop per field, the text first). */
static gboolean
sp_sip_outline_row_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  GtkWidget *child = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget));

  return child != NULL && gtk_widget_child_focus (child, direction);
}

static gboolean
sp_sip_outline_row_grab_focus (GtkWidget *widget)
{
  SpSipOutlineRow *self = SP_SIP_OUTLINE_ROW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

static void
sp_sip_outline_row_dispose (GObject *object)
{
  SpSipOutlineRow *self = SP_SIP_OUTLINE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SIP_OUTLINE_ROW);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->responsible_unit_id, g_free);
  g_clear_pointer (&self->unit_ids, g_strfreev);

  G_OBJECT_CLASS (sp_sip_outline_row_parent_class)->dispose (object);
}

static void
sp_sip_outline_row_class_init (SpSipOutlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_sip_outline_row_dispose;

  widget_class->focus = sp_sip_outline_row_focus;
  widget_class->grab_focus = sp_sip_outline_row_grab_focus;

  /**
   * SpSipOutlineRow::changed:
   *
   * The user changed something in the row.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/sip/sp-sip-outline-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSipOutlineRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, SpSipOutlineRow, text_entry);
  gtk_widget_class_bind_template_child (widget_class, SpSipOutlineRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SpSipOutlineRow, details_box);
  gtk_widget_class_bind_template_child (widget_class, SpSipOutlineRow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpSipOutlineRow, responsible_entry);
  gtk_widget_class_bind_template_child (widget_class, SpSipOutlineRow, principal_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpSipOutlineRow, date_entry);
  gtk_widget_class_bind_template_child (widget_class, SpSipOutlineRow, frequency_entry);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
sp_sip_outline_row_init (SpSipOutlineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

static void
set_text (GtkEntry   *entry,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static void
set_date (GtkEntry    *entry,
          const GDate *date)
{
  g_autofree char *text = g_date_valid (date) ? sp_json_format_date (date) : NULL;

  set_text (entry, text);
}

static void
get_date (GtkEntry *entry,
          GDate    *out)
{
  g_autofree char *text = sp_ui_dup_text (GTK_EDITABLE (entry));

  g_date_clear (out, 1);
  if (text != NULL && !sp_json_parse_date (text, out))
    g_date_clear (out, 1);
}

static void
label_fields (SpSipOutlineRow *self)
{
  GtkAccessible *entry = GTK_ACCESSIBLE (self->text_entry);
  gboolean goal = self->kind == SP_SIP_NODE_SUB_GOAL;

  gtk_label_set_label (self->kind_label, goal ? _("Sub-goal") : _("• Intervention"));
  gtk_entry_set_placeholder_text (self->text_entry,
                                  goal ? _("Sub-goal, e.g. Manage mornings on my own")
                                       : _("What will be done"));
  gtk_entry_set_placeholder_text (self->date_entry,
                                  goal ? _("Target date") : _("Start date"));
  gtk_accessible_update_property (entry, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  goal ? _("Sub-goal") : _("Intervention"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->responsible_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Responsible person"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  goal ? _("Target date") : _("Start date"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->frequency_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Frequency"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_dropdown), !goal);
  gtk_widget_set_visible (GTK_WIDGET (self->principal_dropdown), !goal);
  gtk_widget_set_visible (GTK_WIDGET (self->frequency_entry), !goal);
  if (!goal)
    gtk_widget_add_css_class (GTK_WIDGET (self), "sp-sip-intervention");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "sp-sip-sub-goal");
}

/**
 * sp_sip_outline_row_new_sub_goal:
 * @goal: the sub-goal (copied)
 *
 * Returns: (transfer floating): a row for @goal
 */
GtkWidget *
sp_sip_outline_row_new_sub_goal (const SpSipSubGoal *goal)
{
  SpSipOutlineRow *self = g_object_new (SP_TYPE_SIP_OUTLINE_ROW, NULL);

  self->kind = SP_SIP_NODE_SUB_GOAL;
  self->id = g_strdup (goal->id);
  self->responsible_unit_id = g_strdup (goal->responsible_unit_id);
  label_fields (self);
  set_text (self->text_entry, goal->text);
  set_text (self->responsible_entry, goal->responsible_person);
  set_date (self->date_entry, &goal->target_date);

  return GTK_WIDGET (self);
}

/**
 * sp_sip_outline_row_new_intervention:
 * @intervention: the intervention (copied)
 * @unit_names: the names to choose the unit from: "none" first, then one per @unit_ids
 * @unit_ids: the units' ids
 *
 * Returns: (transfer floating): a row for @intervention
 */
GtkWidget *
sp_sip_outline_row_new_intervention (const SpSipIntervention *intervention,
                                     GListModel              *unit_names,
                                     const char * const      *unit_ids)
{
  SpSipOutlineRow *self = g_object_new (SP_TYPE_SIP_OUTLINE_ROW, NULL);
  guint selected = 0;

  self->kind = SP_SIP_NODE_INTERVENTION;
  self->id = g_strdup (intervention->id);
  self->unit_ids = g_strdupv ((char **) unit_ids);
  label_fields (self);

  for (guint i = 0; self->unit_ids[i] != NULL; i++)
    if (g_strcmp0 (self->unit_ids[i], intervention->unit_id) == 0)
      selected = i + 1;

  gtk_drop_down_set_model (self->unit_dropdown, unit_names);
  gtk_drop_down_set_selected (self->unit_dropdown, selected);
  gtk_drop_down_set_selected (self->principal_dropdown, intervention->principal);
  set_text (self->text_entry, intervention->what);
  set_text (self->responsible_entry, intervention->responsible_person);
  set_date (self->date_entry, &intervention->start_date);
  set_text (self->frequency_entry, intervention->frequency);

  return GTK_WIDGET (self);
}

SpSipNodeKind
sp_sip_outline_row_get_kind (SpSipOutlineRow *self)
{
  g_return_val_if_fail (SP_IS_SIP_OUTLINE_ROW (self), SP_SIP_NODE_SUB_GOAL);

  return self->kind;
}

const char *
sp_sip_outline_row_get_id (SpSipOutlineRow *self)
{
  g_return_val_if_fail (SP_IS_SIP_OUTLINE_ROW (self), NULL);

  return self->id;
}

const char *
sp_sip_outline_row_get_text (SpSipOutlineRow *self)
{
  g_return_val_if_fail (SP_IS_SIP_OUTLINE_ROW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->text_entry));
}

/**
 * sp_sip_outline_row_dup_sub_goal:
 *
 * Returns: (transfer full): the sub-goal as the row shows it (its text may be empty)
 */
SpSipSubGoal *
sp_sip_outline_row_dup_sub_goal (SpSipOutlineRow *self)
{
  g_autofree char *text = NULL;
  SpSipSubGoal *goal;

  g_return_val_if_fail (SP_IS_SIP_OUTLINE_ROW (self), NULL);

  text = sp_ui_dup_text (GTK_EDITABLE (self->text_entry));
  goal = sp_sip_sub_goal_new (text);
  g_free (goal->id);
  goal->id = g_strdup (self->id);
  goal->responsible_unit_id = g_strdup (self->responsible_unit_id);
  goal->responsible_person = sp_ui_dup_text (GTK_EDITABLE (self->responsible_entry));
  get_date (self->date_entry, &goal->target_date);

  return goal;
}

/**
 * sp_sip_outline_row_dup_intervention:
 * @sub_goal_id: the sub-goal above the row
 *
 * Returns: (transfer full): the intervention as the row shows it (its text may be empty)
 */
SpSipIntervention *
sp_sip_outline_row_dup_intervention (SpSipOutlineRow *self,
                                     const char      *sub_goal_id)
{
  g_autofree char *what = NULL;
  SpSipIntervention *intervention;
  guint unit;

  g_return_val_if_fail (SP_IS_SIP_OUTLINE_ROW (self), NULL);

  what = sp_ui_dup_text (GTK_EDITABLE (self->text_entry));
  intervention = sp_sip_intervention_new (what, sub_goal_id);
  g_free (intervention->id);
  intervention->id = g_strdup (self->id);
  unit = gtk_drop_down_get_selected (self->unit_dropdown);
  if (unit != GTK_INVALID_LIST_POSITION && unit > 0)
    intervention->unit_id = g_strdup (self->unit_ids[unit - 1]);
  intervention->responsible_person = sp_ui_dup_text (GTK_EDITABLE (self->responsible_entry));
  intervention->principal = gtk_drop_down_get_selected (self->principal_dropdown);
  get_date (self->date_entry, &intervention->start_date);
  intervention->frequency = sp_ui_dup_text (GTK_EDITABLE (self->frequency_entry));

  return intervention;
}

/**
 * sp_sip_outline_row_get_text_entry:
 *
 * Returns: (transfer none): the entry of the row's text, where the outline keys work
 */
GtkWidget *
sp_sip_outline_row_get_text_entry (SpSipOutlineRow *self)
{
  g_return_val_if_fail (SP_IS_SIP_OUTLINE_ROW (self), NULL);

  return GTK_WIDGET (self->text_entry);
}

void
sp_sip_outline_row_set_editable (SpSipOutlineRow *self,
                                 gboolean         editable)
{
  g_return_if_fail (SP_IS_SIP_OUTLINE_ROW (self));

  gtk_editable_set_editable (GTK_EDITABLE (self->text_entry), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->text_entry), editable);
  gtk_widget_set_sensitive (self->details_box, editable);
  gtk_widget_set_visible (self->delete_button, editable);
}
