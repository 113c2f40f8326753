/* sp-sip-editor.c — the SIP: invitation, mapping, plan, signatures, follow-up
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page per step of DOMAIN §8 in a view stack; the editor reads and creates the SIP
 * (sp-sip-editor-load.c), saves every change by itself (sp-sip-editor-save.c) and runs the
 * commands of the SIP's life as "sip.*" actions.
 */

#define G_LOG_DOMAIN "sp-sip-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-print.h"
#include "sp-sip-editor-private.h"

G_DEFINE_FINAL_TYPE (SpSipEditor, sp_sip_editor, ADW_TYPE_BIN)

void
sp_sip_editor_toast (SpSipEditor *self,
                     const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- Changes ---- */

static void
changed_cb (SpSipEditor *self,
            GtkWidget   *page)
{
  if (page == GTK_WIDGET (self->invitation_page))
    {
      self->invitation_dirty = TRUE;
      sp_sip_editor_draft_changed (self);
    }
  else if (page == GTK_WIDGET (self->mapping_page))
    self->mapping_dirty = TRUE;
  else if (page == GTK_WIDGET (self->plan_page))
    self->plan_dirty = TRUE;
  else
    self->follow_up_dirty = TRUE;

  sp_sip_editor_schedule_save (self);
}

static void
sign_cb (SpSipEditor *self,
         const char  *participant_id,
         GtkWidget   *page)
{
  g_autofree char *path = g_strconcat ("/participants/", participant_id, "/signature", NULL);

  /* The participant may still be on its way to the server: edits go first. */
  self->plan_dirty = TRUE;
  sp_sip_editor_queue_command (self, path, json_object_new ());
}

/* Too narrow for the steps even with their names under the icons: they go to the bottom. */
static void
squeezed_cb (SpSipEditor *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_squeezer_get_visible_child (self->switcher_squeezer) ==
                                    self->switcher_none);
}

static void
focus_leave_cb (SpSipEditor *self)
{
  if (self->save_source != 0)
    sp_sip_editor_save_now (self);
}

/* ---- Creating ---- */

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SpSipEditor) self = user_data;
  g_autoptr(JsonNode) answer = sp_client_send_finish (SP_CLIENT (object), result, NULL);
  JsonArray *items = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer) &&
                     json_object_has_member (json_node_get_object (answer), "items")
                     ? json_object_get_array_member (json_node_get_object (answer), "items")
                     : NULL;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "status", NULL),
                     "closed") != 0)
        {
          g_free (self->active_sip_id);
          self->active_sip_id = g_strdup (json_object_get_string_member (item, "id"));
          break;
        }
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.open-active",
                                 self->active_sip_id != NULL);
}

static void
find_active (SpSipEditor *self,
             const char  *patient_id)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (query, "patient", (gpointer) patient_id);
  sp_client_send_async (sp_account_get_client (self->account), "GET", "/api/v1/sips", query,
                        NULL, NULL, self->cancellable, list_cb, g_object_ref (self));
}

static void
episode_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpSipEditor) self = user_data;
  g_autoptr(JsonNode) answer = sp_client_send_finish (SP_CLIENT (object), result, NULL);
  JsonObject *episode = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer)
                        ? json_node_get_object (answer) : NULL;

  if (episode != NULL && json_object_has_member (episode, "patient"))
    find_active (self,
                 json_object_get_string_member_with_default (
                   json_object_get_object_member (episode, "patient"), "id", ""));
}

/* "One active SIP per person" (DOMAIN §8), in the server's words, with the way to it. */
static void
show_one_active (SpSipEditor *self,
                 const char  *message,
                 const char  *patient_id)
{
  g_autofree char *description =
    g_strdup_printf ("%s\n\n%s", message,
                     _("A person has one active SIP at a time, with every party in it. Add "
                       "what is new to that SIP, or close it first."));

  adw_status_page_set_title (self->refused_page, _("The Person Already Has a SIP"));
  adw_status_page_set_description (self->refused_page, description);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.open-active", FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "refused");

  if (patient_id != NULL)
    find_active (self, patient_id);
  else if (self->episode_id != NULL)
    {
      g_autofree char *path = g_strconcat ("/api/v1/episodes/", self->episode_id, NULL);

      sp_client_send_async (sp_account_get_client (self->account), "GET", path, NULL, NULL,
                            NULL, self->cancellable, episode_cb, g_object_ref (self));
    }
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SpSipEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  const char *patient_id = g_object_get_data (G_OBJECT (self), "sp-patient-id");

  answer = sp_outbox_submit_finish (SP_OUTBOX (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (answer != NULL)
    {
      g_free (self->sip_id);
      self->sip_id = g_strdup (json_object_get_string_member (json_node_get_object (answer),
                                                              "id"));
      sp_sip_editor_load_async (self);
    }
  else if (g_strcmp0 (sp_client_error_get_code (error), "one_active") == 0)
    show_one_active (self, error->message, patient_id);
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack,
                                        self->episode_id != NULL ? "refused" : "create");
      adw_status_page_set_title (self->refused_page, _("The SIP Could Not Be Created"));
      adw_status_page_set_description (self->refused_page,
                                       error != NULL ? error->message
                                                     : _("It will be created when the "
                                                         "connection is back."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.open-active", FALSE);
      if (error != NULL)
        sp_sip_editor_toast (self, error->message);
    }
}

/**
 * sp_sip_editor_create:
 * @member: "episode_id" or "patient_id"
 *
 * Creates the SIP (POST /sips) and opens it.
 */
void
sp_sip_editor_create (SpSipEditor *self,
                      const char  *member,
                      const char  *value)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (body, member, value);
  g_object_set_data_full (G_OBJECT (self), "sp-patient-id",
                          g_str_equal (member, "patient_id") ? g_strdup (value) : NULL, g_free);
  node = sp_json_node_new_object (g_steal_pointer (&body));
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  sp_outbox_submit_async (sp_account_get_outbox (self->account), "POST", "/api/v1/sips", node,
                          NULL, self->cancellable, create_cb, g_object_ref (self));
}

static void
patient_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpSipEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = sp_client_send_finish (SP_CLIENT (object), result, &error);
  JsonObject *patient = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer)
                        ? json_node_get_object (answer) : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (patient == NULL || !json_object_has_member (patient, "id"))
    {
      sp_sip_editor_toast (self, error != NULL ? error->message
                                               : _("No registered person has that number."));
      return;
    }

  sp_sip_editor_create (self, "patient_id", json_object_get_string_member (patient, "id"));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SpSipEditor *self = SP_SIP_EDITOR (widget);
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  const char *identity = gtk_editable_get_text (GTK_EDITABLE (self->identity_row));

  if (*identity == '\0')
    return;

  g_hash_table_insert (query, "identity", (gpointer) identity);
  sp_client_send_async (sp_account_get_client (self->account), "GET", "/api/v1/patients", query,
                        NULL, NULL, self->cancellable, patient_cb, g_object_ref (self));
}

static void
create_cb_entry (SpSipEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sip.create", NULL);
}

static void
open_active_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpSipEditor *self = SP_SIP_EDITOR (widget);

  if (self->active_sip_id != NULL)
    gtk_widget_activate_action (widget, "win.open-sip", "s", self->active_sip_id);
}

/* ---- The SIP's life ---- */

static void
send_invitation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SpSipEditor *self = SP_SIP_EDITOR (widget);

  self->invitation_dirty = TRUE;
  sp_sip_editor_queue_command (self, "/invitation/send", json_object_new ());
}

static void
establish_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SpSipEditor *self = SP_SIP_EDITOR (widget);

  self->plan_dirty = TRUE;
  sp_sip_editor_queue_command (self, "/establish", json_object_new ());
}

static void
revise_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SpSipEditor *self = SP_SIP_EDITOR (widget);

  sp_sip_editor_queue_command (self, "/revision", json_object_new ());
  adw_view_stack_set_visible_child_name (self->view_stack, "plan");
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SpSipEditor *self = SP_SIP_EDITOR (widget);
  JsonObject *body = json_object_new ();
  g_autofree char *text = NULL;
  SpSipCloseReason reason;

  reason = sp_sip_follow_up_page_get_close_reason (self->follow_up_page, &text);
  sp_json_set_enum (body, "reason", SP_TYPE_SIP_CLOSE_REASON, reason);
  if (text != NULL)
    json_object_set_string_member (body, "text", text);
  self->follow_up_dirty = TRUE;
  sp_sip_editor_queue_command (self, "/close", body);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SpSipEditor *self = SP_SIP_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  sp_print_document (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->account,
                     SP_PRINT_SIP, self->sip_id);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sp_sip_editor_save_now (SP_SIP_EDITOR (widget));
}

/* ---- GObject ---- */

/* Closing the page must not lose what was typed in the last second: the draft first, so
 * that the invitation's write, once accepted, removes it. */
static void
leave (SpSipEditor *self)
{
  sp_sip_editor_draft_flush (self);
  if (self->save_source != 0 || !g_queue_is_empty (&self->commands))
    sp_sip_editor_save_detached (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->draft_source, g_source_remove);
}

/* The page left the window. GTK may keep a closed page alive a while (its focused entry),
 * so this is where it is closed, not in dispose. */
static void
sp_sip_editor_unroot (GtkWidget *widget)
{
  leave (SP_SIP_EDITOR (widget));

  GTK_WIDGET_CLASS (sp_sip_editor_parent_class)->unroot (widget);
}

static void
sp_sip_editor_dispose (GObject *object)
{
  SpSipEditor *self = SP_SIP_EDITOR (object);

  leave (self);
  g_cancellable_cancel (self->cancellable);
  sp_sip_editor_clear_commands (self);

  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sip);
  g_clear_pointer (&self->sent_invitation, sp_sip_invitation_free);
  g_clear_pointer (&self->sent_method, g_free);
  g_clear_pointer (&self->sent_path, g_free);
  g_clear_pointer (&self->sent_body, json_object_unref);
  g_clear_pointer (&self->episode, json_object_unref);
  g_clear_pointer (&self->sip_id, g_free);
  g_clear_pointer (&self->episode_id, g_free);
  g_clear_pointer (&self->active_sip_id, g_free);
  g_clear_pointer (&self->subject, g_free);

  G_OBJECT_CLASS (sp_sip_editor_parent_class)->dispose (object);
}

static void
sp_sip_editor_class_init (SpSipEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sp_sip_editor_dispose;
  widget_class->unroot = sp_sip_editor_unroot;

  g_type_ensure (SP_TYPE_SIP_INVITATION_PAGE);
  g_type_ensure (SP_TYPE_SIP_MAPPING_PAGE);
  g_type_ensure (SP_TYPE_SIP_PLAN_PAGE);
  g_type_ensure (SP_TYPE_SIP_FOLLOW_UP_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/sip/sp-sip-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpSipEditor, name)
  BIND (toast_overlay);
  BIND (main_stack);
  BIND (identity_row);
  BIND (refused_page);
  BIND (status_label);
  BIND (save_label);
  BIND (switcher_squeezer);
  BIND (switcher_none);
  BIND (switcher_bar);
  BIND (establish_button);
  BIND (view_stack);
  BIND (invitation_page);
  BIND (mapping_page);
  BIND (plan_page);
  BIND (follow_up_page);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_cb);
  gtk_widget_class_bind_template_callback (widget_class, squeezed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "create_cb", G_CALLBACK (create_cb_entry));

  gtk_widget_class_install_action (widget_class, "sip.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "sip.open-active", NULL, open_active_action);
  gtk_widget_class_install_action (widget_class, "sip.send-invitation", NULL,
                                   send_invitation_action);
  gtk_widget_class_install_action (widget_class, "sip.establish", NULL, establish_action);
  gtk_widget_class_install_action (widget_class, "sip.revise", NULL, revise_action);
  gtk_widget_class_install_action (widget_class, "sip.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "sip.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "sip.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "sip.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "sip.print",
                                       NULL);
}

static void
sp_sip_editor_init (SpSipEditor *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->commands);

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sip.print", FALSE);
}

/* ---- Public API ---- */

/**
 * sp_sip_editor_new:
 * @account: the session
 * @sip_id: the SIP to edit
 *
 * Returns: (transfer floating): a new #SpSipEditor
 */
GtkWidget *
sp_sip_editor_new (SpAccount  *account,
                   const char *sip_id)
{
  SpSipEditor *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (sip_id != NULL, NULL);

  self = g_object_new (SP_TYPE_SIP_EDITOR, NULL);
  self->account = g_object_ref (account);
  self->sip_id = g_strdup (sip_id);
  sp_sip_editor_load_async (self);

  return GTK_WIDGET (self);
}

/**
 * sp_sip_editor_new_for_episode:
 * @account: the session
 * @episode_id: (nullable): the episode the SIP is for; %NULL for a stand-alone SIP
 *
 * From an episode the SIP is created at once, with the episode's units invited; for a
 * stand-alone SIP the editor first asks whom it is for.
 *
 * Returns: (transfer floating): a new #SpSipEditor that creates the SIP
 */
GtkWidget *
sp_sip_editor_new_for_episode (SpAccount  *account,
                               const char *episode_id)
{
  SpSipEditor *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);

  self = g_object_new (SP_TYPE_SIP_EDITOR, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);
  if (episode_id != NULL)
    sp_sip_editor_create (self, "episode_id", episode_id);
  else
    gtk_stack_set_visible_child_name (self->main_stack, "create");

  return GTK_WIDGET (self);
}

/**
 * sp_sip_editor_get_sip_id:
 *
 * Returns: (nullable): the SIP shown, %NULL until it exists
 */
const char *
sp_sip_editor_get_sip_id (SpSipEditor *self)
{
  g_return_val_if_fail (SP_IS_SIP_EDITOR (self), NULL);

  return self->sip != NULL ? sp_sip_get_id (self->sip) : NULL;
}

/**
 * sp_sip_editor_is_saved:
 *
 * Returns: whether everything shown has been answered by the server (or queued)
 */
/**
 * sp_sip_editor_is_loaded:
 *
 * Returns: whether the editor shows its SIP as read (with its draft), or why it cannot;
 *   %FALSE while it is still reading
 */
gboolean
sp_sip_editor_is_loaded (SpSipEditor *self)
{
  g_return_val_if_fail (SP_IS_SIP_EDITOR (self), FALSE);

  return self->sip_id != NULL && !self->loading;
}

gboolean
sp_sip_editor_is_saved (SpSipEditor *self)
{
  g_return_val_if_fail (SP_IS_SIP_EDITOR (self), FALSE);

  return self->save_source == 0 && !self->busy && !self->invitation_dirty &&
         !self->mapping_dirty && !self->plan_dirty && !self->follow_up_dirty &&
         g_queue_is_empty (&self->commands);
}
