/* sp-sip-follow-up-page.c — follow-up comments, evaluation, revision and closing
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Comments are on the latest established version (docs/api.md); the page shows its
 * sub-goals and interventions with the comment and status written so far, and what changed
 * from the version before (sp_sip_diff_*).
 */

#define G_LOG_DOMAIN "sp-sip-follow-up-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-sip-fields.h"
#include "sp-sip-follow-up-page.h"
#include "sp-ui-util.h"

struct _SpSipFollowUpPage
{
  GtkWidget    parent_instance;

  GtkWidget   *box;
  GtkWidget   *comments_group;
  GtkListBox  *nodes;
  GtkWidget   *evaluation_group;
  AdwEntryRow *evaluation_row;
  GtkWidget   *revise_group;
  AdwComboRow *reason_row;
  AdwEntryRow *reason_text_row;
  GtkWidget   *diff_group;
  GtkListBox  *diff_list;

  gboolean     loading;
};

G_DEFINE_FINAL_TYPE (SpSipFollowUpPage, sp_sip_follow_up_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed_cb (SpSipFollowUpPage *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
sp_sip_follow_up_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_SIP_FOLLOW_UP_PAGE);

  G_OBJECT_CLASS (sp_sip_follow_up_page_parent_class)->dispose (object);
}

static void
sp_sip_follow_up_page_class_init (SpSipFollowUpPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sp_sip_follow_up_page_dispose;

  /**
   * SpSipFollowUpPage::changed:
   *
   * The user changed a comment, a status or the evaluation.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/sip/sp-sip-follow-up-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpSipFollowUpPage, name)
  BIND (box);
  BIND (comments_group);
  BIND (nodes);
  BIND (evaluation_group);
  BIND (evaluation_row);
  BIND (revise_group);
  BIND (reason_row);
  BIND (reason_text_row);
  BIND (diff_group);
  BIND (diff_list);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
sp_sip_follow_up_page_init (SpSipFollowUpPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The comment written on @node_id of @version, if any. */
static const SpSipFollowUp *
find_follow_up (SpSip      *sip,
                guint       version,
                const char *node_id)
{
  GPtrArray *follow_ups = sp_sip_get_follow_ups (sip);
  const SpSipFollowUp *found = NULL;

  for (guint i = 0; i < follow_ups->len; i++)
    {
      const SpSipFollowUp *follow_up = g_ptr_array_index (follow_ups, i);

      if (follow_up->version == version && g_strcmp0 (follow_up->node_id, node_id) == 0)
        found = follow_up;
    }

  return found;
}

static void
add_node (SpSipFollowUpPage   *self,
          SpSip               *sip,
          guint                version,
          SpSipNodeKind        kind,
          const char          *id,
          const char          *text)
{
  const SpSipFollowUp *written = find_follow_up (sip, version, id);
  const char * const statuses[] = {
    _("No status yet"), _("Achieved"), _("Partly achieved"), _("Not achieved"), NULL
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *status = gtk_drop_down_new_from_strings (statuses);
  GtkWidget *comment = gtk_entry_new ();
  g_autofree char *title = g_strdup_printf ("%s: %s", kind == SP_SIP_NODE_SUB_GOAL
                                                        ? _("Sub-goal") : _("Intervention"),
                                            text);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  if (kind == SP_SIP_NODE_INTERVENTION)
    gtk_widget_set_margin_start (box, 36);
  gtk_label_set_label (GTK_LABEL (label), title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), written != NULL ? written->status + 1 : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Status"), -1);
  gtk_editable_set_text (GTK_EDITABLE (comment), written != NULL && written->comment != NULL
                                                  ? written->comment : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (comment), _("Follow-up comment"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (comment), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_widget_set_hexpand (comment, TRUE);
  g_signal_connect_swapped (status, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (comment, "changed", G_CALLBACK (changed_cb), self);
  gtk_box_append (GTK_BOX (line), status);
  gtk_box_append (GTK_BOX (line), comment);
  gtk_box_append (GTK_BOX (box), line);

  g_object_set_data (G_OBJECT (box), "kind", GUINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (box), "id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (box), "status", status);
  g_object_set_data (G_OBJECT (box), "comment", comment);
  gtk_list_box_append (self->nodes, box);
}

static const char *
diff_label (SpSipDiffKind kind)
{
  switch (kind)
    {
    case SP_SIP_DIFF_MAIN_GOAL_CHANGED:
      return _("Main goal changed");
    case SP_SIP_DIFF_SUB_GOAL_ADDED:
      return _("Sub-goal added");
    case SP_SIP_DIFF_SUB_GOAL_REMOVED:
      return _("Sub-goal removed");
    case SP_SIP_DIFF_SUB_GOAL_CHANGED:
      return _("Sub-goal changed");
    case SP_SIP_DIFF_INTERVENTION_ADDED:
      return _("Intervention added");
    case SP_SIP_DIFF_INTERVENTION_REMOVED:
      return _("Intervention removed");
    case SP_SIP_DIFF_INTERVENTION_CHANGED:
      return _("Intervention changed");
    default:
      g_assert_not_reached ();
    }
}

/* While revising: the working plan against the latest version; else the latest two. */
static void
show_diff (SpSipFollowUpPage *self,
           SpSip             *sip)
{
  GPtrArray *versions = sp_sip_get_versions (sip);
  g_autoptr(GPtrArray) entries = NULL;

  sp_ui_remove_children (GTK_WIDGET (self->diff_list));

  if (versions->len >= 1 && sp_sip_get_status (sip) == SP_SIP_STATUS_IN_PROGRESS)
    {
      g_autoptr(SpSipPlan) latest = sp_sip_version_dup_plan (g_ptr_array_index (versions,
                                                                                versions->len - 1));

      entries = sp_sip_diff_plans (latest, sp_sip_get_plan (sip));
    }
  else if (versions->len >= 2)
    entries = sp_sip_diff_versions (g_ptr_array_index (versions, versions->len - 2),
                                    g_ptr_array_index (versions, versions->len - 1));

  gtk_widget_set_visible (self->diff_group, entries != NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      SpSipDiffEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      if (entry->old_text != NULL && entry->new_text != NULL)
        subtitle = g_strdup_printf ("%s → %s", entry->old_text, entry->new_text);
      else
        subtitle = g_strdup (entry->new_text != NULL ? entry->new_text : entry->old_text);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diff_label (entry->kind));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
      gtk_list_box_append (self->diff_list, row);
    }
}

/**
 * sp_sip_follow_up_page_load:
 * @sip: the SIP; comments are asked for on its latest established version
 */
void
sp_sip_follow_up_page_load (SpSipFollowUpPage *self,
                            SpSip             *sip)
{
  SpSipVersion *latest;
  g_autoptr(SpSipPlan) plan = NULL;
  const SpSipEvaluation *evaluation;
  gboolean open;
  GPtrArray *goals;

  g_return_if_fail (SP_IS_SIP_FOLLOW_UP_PAGE (self));

  self->loading = TRUE;
  sp_ui_remove_children (GTK_WIDGET (self->nodes));

  latest = sp_sip_get_latest_version (sip);
  open = sp_sip_get_status (sip) == SP_SIP_STATUS_ESTABLISHED;
  if (latest != NULL)
    {
      plan = sp_sip_version_dup_plan (latest);
      goals = sp_sip_plan_get_sub_goals (plan);
      for (guint i = 0; i < goals->len; i++)
        {
          const SpSipSubGoal *goal = g_ptr_array_index (goals, i);
          g_autoptr(GPtrArray) interventions = sp_sip_plan_list_interventions_for (plan, goal->id);

          add_node (self, sip, sp_sip_version_get_number (latest), SP_SIP_NODE_SUB_GOAL,
                    goal->id, goal->text);
          for (guint j = 0; j < interventions->len; j++)
            {
              const SpSipIntervention *intervention = g_ptr_array_index (interventions, j);

              add_node (self, sip, sp_sip_version_get_number (latest), SP_SIP_NODE_INTERVENTION,
                        intervention->id, intervention->what);
            }
        }
    }

  evaluation = sp_sip_get_evaluation (sip);
  sp_sip_fields_set_text (GTK_EDITABLE (self->evaluation_row),
                          evaluation != NULL ? evaluation->text : NULL);

  gtk_widget_set_sensitive (self->comments_group, open);
  gtk_widget_set_sensitive (self->evaluation_group, latest != NULL && sp_sip_is_active (sip));
  gtk_widget_set_sensitive (self->revise_group, open);
  show_diff (self, sip);
  self->loading = FALSE;
}

/**
 * sp_sip_follow_up_page_dup_comments:
 *
 * Returns: (transfer container) (element-type SpSipFollowUp): the comments with a status
 *   as the page shows them (no author or time: the server writes those)
 */
GPtrArray *
sp_sip_follow_up_page_dup_comments (SpSipFollowUpPage *self)
{
  GPtrArray *comments = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_follow_up_free);

  g_return_val_if_fail (SP_IS_SIP_FOLLOW_UP_PAGE (self), comments);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->nodes));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      guint status = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (box), "status"));
      g_autofree char *comment =
        sp_ui_dup_text (g_object_get_data (G_OBJECT (box), "comment"));

      if (status == 0 || status == GTK_INVALID_LIST_POSITION)
        continue;

      g_ptr_array_add (comments,
                       sp_sip_follow_up_new (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (box),
                                                                                  "kind")),
                                             g_object_get_data (G_OBJECT (box), "id"),
                                             status - 1, comment, NULL, NULL));
    }

  return comments;
}

/**
 * sp_sip_follow_up_page_dup_evaluation:
 *
 * Returns: (transfer full) (nullable): the evaluation text, %NULL when blank
 */
char *
sp_sip_follow_up_page_dup_evaluation (SpSipFollowUpPage *self)
{
  g_return_val_if_fail (SP_IS_SIP_FOLLOW_UP_PAGE (self), NULL);

  return sp_ui_dup_text (GTK_EDITABLE (self->evaluation_row));
}

/**
 * sp_sip_follow_up_page_get_close_reason:
 * @out_text: (out) (transfer full) (nullable): the reason in words, %NULL when blank
 */
SpSipCloseReason
sp_sip_follow_up_page_get_close_reason (SpSipFollowUpPage  *self,
                                        char              **out_text)
{
  g_return_val_if_fail (SP_IS_SIP_FOLLOW_UP_PAGE (self), SP_SIP_CLOSE_REASON_OTHER);

  *out_text = sp_ui_dup_text (GTK_EDITABLE (self->reason_text_row));
  return adw_combo_row_get_selected (self->reason_row);
}
