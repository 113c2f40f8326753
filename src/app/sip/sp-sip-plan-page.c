/* sp-sip-plan-page.c — the plan: main goal, outline of sub-goals and interventions, meeting
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows one plan and tells when the user changed it; what it shows is read back as
 * a core SpSipPlan (sp_sip_plan_page_dup_wanted), which the editor compares with the
 * server's to save. The outline's keys live in sp-sip-plan-outline.c.
 */

#define G_LOG_DOMAIN "sp-sip-plan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-json.h"
#include "sp-sip-fields.h"
#include "sp-sip-plan-page-private.h"
#include "sp-ui-util.h"

G_DEFINE_FINAL_TYPE (SpSipPlanPage, sp_sip_plan_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  SIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
sp_sip_plan_page_emit_changed (SpSipPlanPage *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
changed_cb (SpSipPlanPage *self)
{
  g_autoptr(GDateTime) time = NULL;

  sp_sip_fields_check_time (GTK_EDITABLE (self->follow_up_at_row), &time);
  sp_sip_plan_page_emit_changed (self);
}

/* ---- Participants ---- */

static const char *
presence_label (SpSipPresence presence)
{
  switch (presence)
    {
    case SP_SIP_PRESENCE_IN_PERSON:
      return _("In person");
    case SP_SIP_PRESENCE_WITH_PATIENT:
      return _("With the patient");
    case SP_SIP_PRESENCE_VIDEO:
      return _("By video");
    case SP_SIP_PRESENCE_PHONE:
      return _("By telephone");
    default:
      g_assert_not_reached ();
    }
}

static void show_participants (SpSipPlanPage *self);

static void
signed_toggled_cb (GtkCheckButton *check,
                   SpSipPlanPage  *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "participant-id");

  /* A signature cannot be taken back (docs/api.md): the box stays ticked. */
  if (!gtk_check_button_get_active (check))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (check), FALSE);
  g_signal_emit (self, signals[SIGN], 0, id);
}

static void
remove_participant_cb (GtkButton     *button,
                       SpSipPlanPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "participant-id");

  for (guint i = 0; i < self->participant_list->len; i++)
    if (g_strcmp0 (((SpSipParticipant *) g_ptr_array_index (self->participant_list, i))->id,
                   id) == 0)
      {
        g_ptr_array_remove_index (self->participant_list, i);
        break;
      }

  show_participants (self);
  sp_sip_plan_page_emit_changed (self);
}

static void
show_participants (SpSipPlanPage *self)
{

  sp_ui_remove_children (GTK_WIDGET (self->participants));

  for (guint i = 0; i < self->participant_list->len; i++)
    {
      SpSipParticipant *participant = g_ptr_array_index (self->participant_list, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new_with_label (_("Signed"));
      g_autofree char *subtitle = NULL;

      subtitle = g_strjoin (" · ", participant->profession != NULL ? participant->profession : "",
                            presence_label (participant->presence), NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), participant->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   g_str_has_prefix (subtitle, " · ") ? subtitle + 3 : subtitle);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), participant->has_signed);
      gtk_widget_set_sensitive (check, self->editable && !participant->has_signed);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "participant-id", g_strdup (participant->id),
                              g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (signed_toggled_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);

      if (self->editable && !participant->has_signed)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_set_tooltip_text (remove, _("Remove participant"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Remove participant"), -1);
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          g_object_set_data_full (G_OBJECT (remove), "participant-id",
                                  g_strdup (participant->id), g_free);
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_participant_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }

      gtk_list_box_append (self->participants, row);
    }

  if (self->participant_list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No participants yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->participants, row);
    }
}

static void
add_participant_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (widget);
  g_autofree char *name = sp_ui_dup_text (GTK_EDITABLE (self->participant_name_row));
  g_autofree char *profession = NULL;
  g_autofree char *uuid = NULL;
  SpSipParticipant *participant;

  if (name == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->participant_name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->participant_name_row));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->participant_name_row), "error");
  profession = sp_ui_dup_text (GTK_EDITABLE (self->participant_profession_row));
  participant = sp_sip_participant_new (name, NULL, profession,
                                        adw_combo_row_get_selected (self->participant_presence_row));
  uuid = g_uuid_string_random ();
  g_free (participant->id);
  participant->id = g_strconcat ("p-", uuid, NULL);
  g_ptr_array_add (self->participant_list, participant);

  gtk_editable_set_text (GTK_EDITABLE (self->participant_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->participant_profession_row), "");
  show_participants (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->participant_name_row));
  sp_sip_plan_page_emit_changed (self);
}

/* Enter in the last field adds the participant. */
static void
add_participant_cb (SpSipPlanPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "plan.add-participant", NULL);
}

/* ---- GObject ---- */

static void
sp_sip_plan_page_dispose (GObject *object)
{
  SpSipPlanPage *self = SP_SIP_PLAN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SIP_PLAN_PAGE);
  g_clear_pointer (&self->unit_ids, g_strfreev);
  g_clear_object (&self->unit_names);
  g_clear_pointer (&self->participant_list, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_sip_plan_page_parent_class)->dispose (object);
}

static void
sp_sip_plan_page_class_init (SpSipPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_sip_plan_page_dispose;

  /**
   * SpSipPlanPage::changed:
   *
   * The user changed the plan; read it with sp_sip_plan_page_dup_wanted().
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SpSipPlanPage::sign:
   * @participant_id: who signed
   *
   * A participant was ticked as having signed the plan.
   */
  signals[SIGN] = g_signal_new ("sign", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/sip/sp-sip-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, box);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, main_goal_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, outline);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, meeting_group);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, chair_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, documenter_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, lead_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, lead_unit_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, follow_up_at_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, follow_up_place_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, evaluation_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, participants);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, new_participant_group);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, participant_name_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage,
                                        participant_profession_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipPlanPage, participant_presence_row);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_participant_cb);

  gtk_widget_class_install_action (widget_class, "plan.add-participant", NULL,
                                   add_participant_action);
  sp_sip_plan_outline_init_class (widget_class);
}

static void
sp_sip_plan_page_init (SpSipPlanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->participant_list = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_participant_free);
  self->unit_ids = g_new0 (char *, 1);
  self->unit_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->unit_names, _("No unit"));
  adw_combo_row_set_model (self->lead_unit_row, G_LIST_MODEL (self->unit_names));
  self->editable = TRUE;
  sp_sip_plan_outline_setup (self);
}

/* ---- Public API ---- */

/**
 * sp_sip_plan_page_set_units:
 * @unit_ids: the units the plan may name (the convener's and the invited)
 * @unit_names: their names, one per id
 *
 * Sets what the unit choices offer; call before sp_sip_plan_page_load().
 */
void
sp_sip_plan_page_set_units (SpSipPlanPage      *self,
                            const char * const *unit_ids,
                            const char * const *unit_names)
{
  g_return_if_fail (SP_IS_SIP_PLAN_PAGE (self));

  g_strfreev (self->unit_ids);
  self->unit_ids = g_strdupv ((char **) unit_ids);
  gtk_string_list_splice (self->unit_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->unit_names)) - 1,
                          unit_names);
}

static guint
unit_position (SpSipPlanPage *self,
               const char    *unit_id)
{
  for (guint i = 0; self->unit_ids[i] != NULL; i++)
    if (g_strcmp0 (self->unit_ids[i], unit_id) == 0)
      return i + 1;

  return 0;
}

/**
 * sp_sip_plan_page_load:
 * @plan: the plan to show
 * @editable: %FALSE for a locked (established) or closed plan
 *
 * Shows @plan, replacing whatever the page showed.
 */
void
sp_sip_plan_page_load (SpSipPlanPage *self,
                       SpSipPlan     *plan,
                       gboolean       editable)
{
  GPtrArray *goals;
  GPtrArray *participants;
  g_autofree char *follow_up_at = NULL;
  g_autofree char *evaluation = NULL;

  g_return_if_fail (SP_IS_SIP_PLAN_PAGE (self));
  g_return_if_fail (SP_IS_SIP_PLAN (plan));

  self->loading = TRUE;
  self->editable = editable;

  sp_sip_fields_set_text (GTK_EDITABLE (self->main_goal_row), sp_sip_plan_get_main_goal (plan));
  sp_sip_fields_set_text (GTK_EDITABLE (self->chair_row), sp_sip_plan_get_chair (plan));
  sp_sip_fields_set_text (GTK_EDITABLE (self->documenter_row), sp_sip_plan_get_documenter (plan));
  sp_sip_fields_set_text (GTK_EDITABLE (self->lead_row), sp_sip_plan_get_lead_name (plan));
  adw_combo_row_set_selected (self->lead_unit_row,
                              unit_position (self, sp_sip_plan_get_lead_unit_id (plan)));
  follow_up_at = sp_format_time (sp_sip_plan_get_follow_up_at (plan));
  sp_sip_fields_set_text (GTK_EDITABLE (self->follow_up_at_row), follow_up_at);
  sp_sip_fields_set_text (GTK_EDITABLE (self->follow_up_place_row),
                          sp_sip_plan_get_follow_up_place (plan));
  if (g_date_valid (sp_sip_plan_get_evaluation_date (plan)))
    evaluation = sp_json_format_date (sp_sip_plan_get_evaluation_date (plan));
  sp_sip_fields_set_text (GTK_EDITABLE (self->evaluation_row), evaluation);

  sp_ui_remove_children (GTK_WIDGET (self->outline));

  goals = sp_sip_plan_get_sub_goals (plan);
  for (guint i = 0; i < goals->len; i++)
    {
      const SpSipSubGoal *goal = g_ptr_array_index (goals, i);
      g_autoptr(GPtrArray) interventions = sp_sip_plan_list_interventions_for (plan, goal->id);

      sp_sip_plan_outline_add_row (self, sp_sip_outline_row_new_sub_goal (goal), -1);
      for (guint j = 0; j < interventions->len; j++)
        sp_sip_plan_outline_add_row (self,
                                     sp_sip_outline_row_new_intervention (
                                       g_ptr_array_index (interventions, j),
                                       G_LIST_MODEL (self->unit_names),
                                       (const char * const *) self->unit_ids),
                                     -1);
    }

  g_ptr_array_set_size (self->participant_list, 0);
  participants = sp_sip_plan_get_participants (plan);
  for (guint i = 0; i < participants->len; i++)
    g_ptr_array_add (self->participant_list,
                     sp_sip_participant_copy (g_ptr_array_index (participants, i)));
  show_participants (self);

  gtk_editable_set_editable (GTK_EDITABLE (self->main_goal_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->main_goal_row), editable);
  gtk_widget_set_sensitive (self->meeting_group, editable);
  gtk_widget_set_visible (self->new_participant_group, editable);
  gtk_widget_set_sensitive (self->add_button, editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-participant", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.add-sub-goal", editable);

  self->loading = FALSE;
}

/**
 * sp_sip_plan_page_dup_wanted:
 * @server: the plan as the server last answered it (for the signatures)
 *
 * The plan as the page shows it, with only what can be saved: nodes with text (an
 * intervention under a sub-goal that has text), dates and times that can be read.
 *
 * Returns: (transfer full): the plan the user wants
 */
SpSipPlan *
sp_sip_plan_page_dup_wanted (SpSipPlanPage *self,
                             SpSipPlan     *server)
{
  g_autoptr(SpSipPlan) plan = sp_sip_plan_new ();
  g_autofree char *main_goal = sp_ui_dup_text (GTK_EDITABLE (self->main_goal_row));
  g_autofree char *chair = sp_ui_dup_text (GTK_EDITABLE (self->chair_row));
  g_autofree char *documenter = sp_ui_dup_text (GTK_EDITABLE (self->documenter_row));
  g_autofree char *lead = sp_ui_dup_text (GTK_EDITABLE (self->lead_row));
  g_autofree char *place = sp_ui_dup_text (GTK_EDITABLE (self->follow_up_place_row));
  g_autofree char *evaluation_text = sp_ui_dup_text (GTK_EDITABLE (self->evaluation_row));
  g_autoptr(GDateTime) follow_up_at = NULL;
  g_autofree char *sub_goal_id = NULL;
  GDate evaluation;
  guint unit;

  g_return_val_if_fail (SP_IS_SIP_PLAN_PAGE (self), NULL);

  /* Whatever the core refuses (too long, say) is left as the server has it. */
  sp_sip_plan_set_main_goal (plan, main_goal, NULL);
  sp_sip_plan_set_chair (plan, chair, documenter, NULL);
  unit = adw_combo_row_get_selected (self->lead_unit_row);
  sp_sip_plan_set_lead (plan, lead,
                        unit != GTK_INVALID_LIST_POSITION && unit > 0 ? self->unit_ids[unit - 1]
                                                                       : NULL, NULL);

  if (!sp_sip_fields_check_time (GTK_EDITABLE (self->follow_up_at_row), &follow_up_at))
    follow_up_at = g_date_time_ref (sp_sip_plan_get_follow_up_at (server));
  g_date_clear (&evaluation, 1);
  if (evaluation_text != NULL && !sp_json_parse_date (evaluation_text, &evaluation))
    evaluation = *sp_sip_plan_get_evaluation_date (server);
  sp_sip_plan_set_follow_up (plan, follow_up_at, place, &evaluation, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->outline));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SpSipOutlineRow *row = SP_SIP_OUTLINE_ROW (child);

      if (sp_sip_outline_row_get_kind (row) == SP_SIP_NODE_SUB_GOAL)
        {
          g_autoptr(SpSipSubGoal) goal = sp_sip_outline_row_dup_sub_goal (row);

          g_clear_pointer (&sub_goal_id, g_free);
          if (goal->text != NULL && sp_sip_plan_add_sub_goal (plan, goal, NULL) != NULL)
            sub_goal_id = g_strdup (goal->id);
        }
      else if (sub_goal_id != NULL)
        {
          g_autoptr(SpSipIntervention) intervention =
            sp_sip_outline_row_dup_intervention (row, sub_goal_id);

          if (intervention->what != NULL)
            sp_sip_plan_add_intervention (plan, intervention, NULL);
        }
    }

  for (guint i = 0; i < self->participant_list->len; i++)
    {
      SpSipParticipant *participant = g_ptr_array_index (self->participant_list, i);
      const SpSipParticipant *saved = sp_sip_plan_get_participant (server, participant->id);

      /* Signatures are the server's: the page only asks for them. */
      sp_sip_plan_add_participant (plan, saved != NULL ? saved : participant, NULL);
    }

  return g_steal_pointer (&plan);
}
