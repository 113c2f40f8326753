/* sp-planning-editor.c — the planning basis of one episode: answers per unit, versions, track
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caller's unit answers the fixed questions its kind answers (the core's table) and
 * writes its free text; Save sends a new version through the outbox with the basis's
 * revision. The track shown is the server's (GET /episodes/:id/planning); while the form
 * holds unsaved answers it is a preview, computed by the core's own track function from the
 * answers this unit may see with the edited ones in place of its latest (both shown by
 * SpPlanningTrackCard). Every unit's versions are shown read-only (SpPlanningUnitGroup).
 * Offline, the episode and the basis come from the local copy (sp-account-read.c).
 */

#define G_LOG_DOMAIN "sp-planning-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-account-read.h"
#include "sp-json.h"
#include "sp-planning-editor-private.h"
#include "sp-planning-unit-group.h"
#include "sp-ui-util.h"

#define EDITOR_PATH "/se/samplan/Samplan/ui/planning/"


G_DEFINE_FINAL_TYPE (SpPlanningEditor, sp_planning_editor, ADW_TYPE_BIN)

/* ---- Small helpers ---- */

static void
toast (SpPlanningEditor *self,
       const char       *text)
{
  AdwToast *item = adw_toast_new (text);

  adw_toast_set_timeout (item, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

static void
update_actions (SpPlanningEditor *self)
{
  gboolean can_save = self->planning != NULL && self->may_answer && !self->saving &&
                      self->switches->len > 0;
  const char *hint = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "planning.save", can_save);

  for (guint i = 0; i < self->switches->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->switches, i), self->may_answer);
  gtk_text_view_set_editable (self->ongoing_view, self->may_answer);
  gtk_text_view_set_editable (self->needs_view, self->may_answer);

  if (self->switches->len == 0)
    hint = _("Your unit's kind answers none of the planning questions.");
  else if (!self->may_answer)
    hint = _("Your unit cannot answer the planning basis of this episode now.");
  else if (self->queued)
    hint = _("Saved; it will be sent when the connection is back.");
  else if (self->edited)
    hint = _("Unsaved changes: the track above is a preview.");
  gtk_label_set_label (self->save_hint, hint != NULL ? hint : "");
}
/* ---- The track ---- */

/* The track the server computed and stores, and what it asks for next. */
static void
show_saved (SpPlanningEditor *self)
{
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
  g_autoptr(GError) error = NULL;

  if (!sp_planning_track_card_show_saved (self->track_card,
                                          json_node_get_object (self->planning), now, &error))
    {
      g_debug ("Unreadable track from the server: %s", error != NULL ? error->message : "");
      toast (self, _("The track could not be read from the server's answer."));
    }
}

static void
show_track (SpPlanningEditor *self)
{
  JsonObject *planning = json_node_get_object (self->planning);

  if (self->edited && sp_json_get_object (planning, "override", FALSE, NULL) == NULL)
    sp_planning_editor_show_preview (self);
  else
    show_saved (self);
}

void
sp_planning_editor_edited (SpPlanningEditor *self)
{
  if (self->filling || self->planning == NULL)
    return;

  self->edited = TRUE;
  self->queued = FALSE;
  show_track (self);
  update_actions (self);
}

/* ---- Loading ---- */

/* Shows a basis from the server. @keep_form: the form keeps what the user typed (after a
 * conflict: nothing the user wrote is lost). */
static void
show_planning (SpPlanningEditor *self,
               JsonNode         *node,
               gboolean          keep_form)
{
  JsonObject *object = json_node_get_object (node);
  JsonArray *units;
  gint64 revision = 0;

  g_clear_pointer (&self->planning, json_node_unref);
  self->planning = json_node_ref (node);
  sp_json_get_int (object, "revision", FALSE, 0, G_MAXINT64, &revision, NULL);
  self->revision = revision;

  sp_ui_remove_children (GTK_WIDGET (self->units_box));
  units = sp_json_get_array (object, "units", FALSE, NULL);
  for (guint i = 0; units != NULL && i < json_array_get_length (units); i++)
    gtk_box_append (self->units_box,
                    sp_planning_unit_group_new (self->account,
                                                json_array_get_object_element (units, i)));

  if (!keep_form)
    sp_planning_editor_fill_form (self);

  show_track (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
show_load_error (SpPlanningEditor *self,
                 const GError     *error)
{
  if (self->planning != NULL)
    {
      toast (self, error->message);
      return;
    }

  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
planning_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_account_read_finish (SP_ACCOUNT (object), result, NULL, &error);
  SpPlanningEditor *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_PLANNING_EDITOR (user_data);
  if (node == NULL)
    show_load_error (self, error);
  else
    show_planning (self, node, self->edited);
}

static void
load_planning (SpPlanningEditor *self)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/planning", self->episode_id);

  sp_account_read_async (self->account, path, "planning", self->episode_id, self->cancellable,
                         planning_loaded_cb, self);
}

/* The episode says whether this unit may answer now and when the patient became ready. */
static void
episode_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_account_read_finish (SP_ACCOUNT (object), result, NULL, &error);
  SpPlanningEditor *self;
  JsonObject *episode;
  JsonArray *allowed;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_PLANNING_EDITOR (user_data);
  if (node == NULL || (episode = sp_json_node_get_object (node, NULL, &error)) == NULL)
    {
      show_load_error (self, error);
      return;
    }

  g_clear_pointer (&self->ready_at, g_date_time_unref);
  sp_json_get_datetime (episode, "ready_at", FALSE, &self->ready_at, NULL);

  self->may_answer = FALSE;
  allowed = sp_json_get_array (episode, "allowed_actions", FALSE, NULL);
  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    if (g_strcmp0 (json_array_get_string_element (allowed, i), "answer_planning") == 0)
      self->may_answer = TRUE;

  load_planning (self);
}

static void
reload (SpPlanningEditor *self)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", self->episode_id);

  if (self->planning == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  sp_account_read_async (self->account, path, "episode", self->episode_id, self->cancellable,
                         episode_loaded_cb, self);
}

/* ---- Saving ---- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  SpOutboxOutcome outcome = SP_OUTBOX_OUTCOME_APPLIED;
  SpPlanningEditor *self;
  SpSync *sync;

  node = sp_outbox_submit_finish (SP_OUTBOX (object), result, &outcome, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_PLANNING_EDITOR (user_data);
  self->saving = FALSE;

  if (error != NULL && g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_CONFLICT))
    {
      JsonNode *current = sp_client_error_get_current (error);

      /* Another unit (or another of our own) saved first: show theirs, keep ours to save
       * again on top of it. */
      if (current != NULL)
        show_planning (self, current, TRUE);
      else
        load_planning (self);
      toast (self, _("Someone else saved the planning basis meanwhile. It has been read "
                     "again; your answers are still here: check them and save again."));
    }
  else if (error != NULL)
    toast (self, error->message);
  else if (outcome == SP_OUTBOX_OUTCOME_QUEUED)
    {
      self->queued = TRUE;
      toast (self, _("Saved; it will be sent when the connection is back."));
    }
  else
    {
      self->queued = FALSE;
      show_planning (self, node, FALSE);
      toast (self, _("The planning basis is saved."));
      /* The overview shows the track too. */
      if ((sync = sp_account_get_sync (self->account)) != NULL)
        sp_sync_refresh (sync);
    }

  update_actions (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpPlanningEditor *self = SP_PLANNING_EDITOR (widget);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object = json_object_new ();

  sp_planning_editor_form_to_json (self, object);
  json_object_set_int_member (object, "base_revision", self->revision);
  body = sp_json_node_new_object (object);

  self->saving = TRUE;
  update_actions (self);

  path = g_strdup_printf ("/api/v1/episodes/%s/planning/answers", self->episode_id);
  sp_outbox_submit_async (sp_account_get_outbox (self->account), "POST", path, body,
                          self->episode_id, self->cancellable, saved_cb, self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (SP_PLANNING_EDITOR (widget));
}

/* ---- The class ---- */

static void
load_style (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, EDITOR_PATH "sp-planning-editor.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

static void
sp_planning_editor_dispose (GObject *object)
{
  SpPlanningEditor *self = SP_PLANNING_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->account);
  g_clear_pointer (&self->planning, json_node_unref);
  g_clear_pointer (&self->ready_at, g_date_time_unref);

  G_OBJECT_CLASS (sp_planning_editor_parent_class)->dispose (object);
}

static void
sp_planning_editor_finalize (GObject *object)
{
  SpPlanningEditor *self = SP_PLANNING_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->switches, g_ptr_array_unref);
  g_clear_pointer (&self->episode_id, g_free);

  G_OBJECT_CLASS (sp_planning_editor_parent_class)->finalize (object);
}

static void
sp_planning_editor_class_init (SpPlanningEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_planning_editor_dispose;
  object_class->finalize = sp_planning_editor_finalize;

  g_type_ensure (SP_TYPE_PLANNING_TRACK_CARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               EDITOR_PATH "sp-planning-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, track_card);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, answer_group);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, question_list);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, ongoing_view);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, needs_view);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, save_hint);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, units_box);

  gtk_widget_class_install_action (widget_class, "planning.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "planning.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "planning.save", NULL);
}

static void
sp_planning_editor_init (SpPlanningEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_style ();

  self->cancellable = g_cancellable_new ();
  self->switches = g_ptr_array_new ();

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->ongoing_view), "changed",
                            G_CALLBACK (sp_planning_editor_edited), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->needs_view), "changed",
                            G_CALLBACK (sp_planning_editor_edited), self);
}

/**
 * sp_planning_editor_new:
 * @account: the session
 * @episode_id: the episode whose planning basis to show
 *
 * Returns: (transfer floating): a new #SpPlanningEditor, loading the basis from the server
 */
GtkWidget *
sp_planning_editor_new (SpAccount  *account,
                        const char *episode_id)
{
  SpPlanningEditor *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (episode_id != NULL, NULL);

  self = g_object_new (SP_TYPE_PLANNING_EDITOR, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);

  sp_planning_editor_build_questions (self);
  update_actions (self);
  reload (self);

  return GTK_WIDGET (self);
}

/**
 * sp_planning_editor_reload:
 * @self: an editor
 *
 * Reads the episode and its planning basis again; unsaved answers in the form are kept.
 */
void
sp_planning_editor_reload (SpPlanningEditor *self)
{
  g_return_if_fail (SP_IS_PLANNING_EDITOR (self));

  reload (self);
}