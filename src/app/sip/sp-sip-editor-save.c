/* sp-sip-editor-save.c — the SIP editor saves by itself: no button to forget
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A change marks its part dirty and (re)starts a one-second timer; leaving the editor saves
 * at once. Saving sends one request at a time through the outbox, each stating the revision
 * the editor last saw, and picks the next from what is still dirty, so that typing during a
 * save is saved by the next one. Commands (send, sign, establish…) wait behind the edits.
 * A stale revision (409) reloads the SIP from the server's answer and says so.
 */

#define G_LOG_DOMAIN "sp-sip-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-sip-editor-private.h"
#include "sp-sip-plan-ops.h"

#define SAVE_DELAY_MS 1000
#define RETRY_DELAY_MS 5000

typedef struct
{
  char       *path;   /* below /api/v1/sips/ID */
  JsonObject *body;
} Command;

static void
command_free (Command *command)
{
  g_free (command->path);
  json_object_unref (command->body);
  g_free (command);
}

void
sp_sip_editor_clear_commands (SpSipEditor *self)
{
  g_queue_clear_full (&self->commands, (GDestroyNotify) command_free);
}

/**
 * sp_sip_editor_queue_command:
 * @path: the command below the SIP, e.g. "/establish"
 * @body: (transfer full): its members; "base_revision" is added when it is sent
 */
void
sp_sip_editor_queue_command (SpSipEditor *self,
                             const char  *path,
                             JsonObject  *body)
{
  Command *command = g_new0 (Command, 1);

  command->path = g_strdup (path);
  command->body = body;
  g_queue_push_tail (&self->commands, command);
  sp_sip_editor_save_now (self);
}

static void
set_save_state (SpSipEditor *self,
                const char  *text)
{
  gtk_label_set_label (self->save_label, text);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SpSipEditor *self = user_data;

  self->save_source = 0;
  sp_sip_editor_save_now (self);
  return G_SOURCE_REMOVE;
}

/* (Re)starts the timer: saves a second after the typing stops. */
void
sp_sip_editor_schedule_save (SpSipEditor *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  set_save_state (self, _("Not saved yet…"));
}

static gboolean
has_work (SpSipEditor *self)
{
  return self->invitation_dirty || self->mapping_dirty || self->plan_dirty ||
         self->follow_up_dirty || !g_queue_is_empty (&self->commands);
}

/* ---- What to send next ---- */

typedef struct
{
  const char      *method;
  char            *path;
  JsonObject      *body;
  gboolean         command;     /* from the queue: its answer changes what every page shows */
  SpSipInvitation *invitation;  /* the invitation a PUT /invitation sends */
} Write;

static void
write_clear (Write *write)
{
  g_clear_pointer (&write->path, g_free);
  g_clear_pointer (&write->body, json_object_unref);
  g_clear_pointer (&write->invitation, sp_sip_invitation_free);
}

static gboolean
next_invitation (SpSipEditor *self,
                 Write       *write)
{
  const SpSipInvitation *server = sp_sip_get_invitation (self->sip);
  g_autoptr(SpSipInvitation) invitation = NULL;
  g_autoptr(GError) error = NULL;

  self->invitation_dirty = FALSE;
  invitation = sp_sip_invitation_page_dup_invitation (self->invitation_page, server);
  if (sp_sip_invitation_equal (invitation, server))
    return FALSE;

  /* The server takes only a whole invitation (docs/api.md): until then it stays here, as a
   * draft on this computer (sp-sip-editor-draft.c). */
  if (!sp_sip_invitation_validate (invitation, &error))
    {
      g_autofree char *field = sp_json_error_get_field (error);
      g_autofree char *text = g_strdup_printf (_("Kept on this computer until it is complete "
                                                 "(missing: %s)."), field != NULL ? field : "–");

      sp_sip_invitation_page_set_state (self->invitation_page, text);
      return FALSE;
    }

  sp_sip_invitation_page_set_state (self->invitation_page, _("Ready to send."));
  write->method = "PUT";
  write->path = g_strdup ("/invitation");
  write->body = json_object_new ();
  json_object_set_member (write->body, "invitation", sp_sip_invitation_to_json (invitation));
  write->invitation = g_steal_pointer (&invitation);
  return TRUE;
}

static gboolean
next_mapping (SpSipEditor *self,
              Write       *write)
{
  g_autoptr(SpSipMapping) mapping = sp_sip_mapping_page_dup_mapping (self->mapping_page);
  const SpSipMapping *server = sp_sip_get_mapping (self->sip);
  g_autoptr(SpSipMapping) empty = sp_sip_mapping_new (NULL, NULL, NULL, NULL);

  self->mapping_dirty = FALSE;
  if (sp_sip_mapping_equal (mapping, server != NULL ? server : empty))
    return FALSE;

  write->method = "PUT";
  write->path = g_strdup ("/mapping");
  write->body = json_object_new ();
  json_object_set_member (write->body, "mapping", sp_sip_mapping_to_json (mapping));
  return TRUE;
}

static gboolean
next_plan (SpSipEditor *self,
           Write       *write)
{
  SpSipPlan *server = sp_sip_get_plan (self->sip);
  g_autoptr(SpSipPlan) wanted = NULL;
  g_autoptr(JsonArray) ops = NULL;

  self->plan_dirty = FALSE;
  if (!sp_sip_plan_is_editable (server) || !sp_sip_is_active (self->sip))
    return FALSE;

  wanted = sp_sip_plan_page_dup_wanted (self->plan_page, server);
  ops = sp_sip_plan_ops_build (server, wanted);
  if (json_array_get_length (ops) == 0)
    return FALSE;

  write->method = "PATCH";
  write->path = g_strdup ("/plan");
  write->body = json_object_new ();
  json_object_set_array_member (write->body, "operations", g_steal_pointer (&ops));
  return TRUE;
}

/* One changed comment per request; the answer sends the next. */
static gboolean
next_follow_up (SpSipEditor *self,
                Write       *write)
{
  g_autoptr(GPtrArray) comments = sp_sip_follow_up_page_dup_comments (self->follow_up_page);
  g_autofree char *evaluation = sp_sip_follow_up_page_dup_evaluation (self->follow_up_page);
  const SpSipEvaluation *saved = sp_sip_get_evaluation (self->sip);
  SpSipVersion *latest = sp_sip_get_latest_version (self->sip);
  GPtrArray *follow_ups = sp_sip_get_follow_ups (self->sip);

  for (guint i = 0; latest != NULL && i < comments->len; i++)
    {
      SpSipFollowUp *comment = g_ptr_array_index (comments, i);
      const SpSipFollowUp *found = NULL;

      for (guint j = 0; j < follow_ups->len; j++)
        {
          const SpSipFollowUp *old = g_ptr_array_index (follow_ups, j);

          if (old->version == sp_sip_version_get_number (latest) &&
              g_strcmp0 (old->node_id, comment->node_id) == 0)
            found = old;
        }
      if (found != NULL && found->status == comment->status &&
          g_strcmp0 (found->comment, comment->comment) == 0)
        continue;

      write->method = "POST";
      write->path = g_strdup ("/follow-up-comments");
      write->body = json_object_new ();
      sp_json_set_enum (write->body, "node_kind", SP_TYPE_SIP_NODE_KIND, comment->node_kind);
      sp_json_set_string (write->body, "node_id", comment->node_id);
      sp_json_set_enum (write->body, "status", SP_TYPE_SIP_FOLLOW_UP_STATUS, comment->status);
      sp_json_set_string (write->body, "comment", comment->comment != NULL ? comment->comment : "");
      return TRUE;
    }

  self->follow_up_dirty = FALSE;
  if (evaluation == NULL || (saved != NULL && g_strcmp0 (saved->text, evaluation) == 0))
    return FALSE;

  write->method = "POST";
  write->path = g_strdup ("/evaluation");
  write->body = json_object_new ();
  json_object_set_string_member (write->body, "text", evaluation);
  return TRUE;
}

static gboolean
next_write (SpSipEditor *self,
            Write       *write)
{
  Command *command;

  if (self->invitation_dirty && next_invitation (self, write))
    return TRUE;
  if (self->mapping_dirty && next_mapping (self, write))
    return TRUE;
  if (self->plan_dirty && next_plan (self, write))
    return TRUE;
  if (self->follow_up_dirty && next_follow_up (self, write))
    return TRUE;

  command = g_queue_pop_head (&self->commands);
  if (command == NULL)
    return FALSE;

  write->method = "POST";
  write->command = TRUE;
  write->path = g_steal_pointer (&command->path);
  write->body = json_object_ref (command->body);
  command_free (command);
  return TRUE;
}

static JsonNode *
build_body (SpSipEditor *self,
            Write       *write)
{
  json_object_set_int_member (write->body, "base_revision", sp_sip_get_revision (self->sip));
  return sp_json_node_new_object (json_object_ref (write->body));
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpSipEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(SpSipInvitation) sent = NULL;
  SpOutboxOutcome outcome;
  gboolean command = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "sp-command"));

  answer = sp_outbox_submit_finish (SP_OUTBOX (object), result, &outcome, &error);
  self->busy = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The outbox has the invitation (applied or queued): its draft has done its job. */
  sent = g_steal_pointer (&self->sent_invitation);
  if (sent != NULL && (answer != NULL || error == NULL))
    sp_sip_editor_draft_accepted (self, sent);

  if (answer != NULL)
    {
      /* Commands change what the pages show (a status, a version): show it all again. An
       * edit's answer is what the pages already show. */
      if (command)
        sp_sip_editor_show_sip (self, answer);
      else
        {
          g_autoptr(SpSip) sip = sp_sip_new_from_json (answer, NULL);

          if (sip != NULL)
            g_set_object (&self->sip, sip);
        }
      set_save_state (self, _("Saved"));
    }
  else if (error == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      /* Kept: the SIP the next write is computed against has it from now on. */
      if (!command && self->sip != NULL &&
          !sp_sip_editor_apply_write (self->sip, self->sent_method, self->sent_path,
                                      self->sent_body, &local_error))
        g_debug ("A kept edit does not apply here: %s", local_error->message);
      set_save_state (self, _("Saved, will be sent when the connection is back"));
    }
  else if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE))
    {
      /* Keep it: the widgets still hold it, and the next try sends it. */
      self->invitation_dirty = self->mapping_dirty = self->plan_dirty = TRUE;
      set_save_state (self, _("Saved here, will be sent when the connection is back"));
      g_clear_handle_id (&self->save_source, g_source_remove);
      self->save_source = g_timeout_add (RETRY_DELAY_MS, save_timeout_cb, self);
      return;
    }
  else if (g_strcmp0 (sp_client_error_get_code (error), "conflict") == 0 &&
           sp_client_error_get_current (error) != NULL)
    {
      sp_sip_editor_clear_commands (self);
      sp_sip_editor_show_sip (self, sp_client_error_get_current (error));
      sp_sip_editor_toast (self, _("Someone else changed the SIP meanwhile. It has been read "
                                   "again: check your last change."));
      set_save_state (self, _("Reloaded"));
    }
  else
    {
      const char *field = sp_client_error_get_field (error);
      g_autofree char *message = field != NULL ? g_strdup_printf ("%s (%s)", error->message, field)
                                               : g_strdup (error->message);

      sp_sip_editor_toast (self, message);
      set_save_state (self, _("Not saved"));
    }

  if (has_work (self))
    sp_sip_editor_save_now (self);
}

/**
 * sp_sip_editor_show_idle_state:
 *
 * Nothing waits to be sent: says where the typing is, on the server or (an incomplete
 * invitation) only in its draft. Called also when the draft comes or goes, which may happen
 * after the last write's answer. A failure stays on show until the next write.
 */
void
sp_sip_editor_show_idle_state (SpSipEditor *self)
{
  const char *shown = gtk_label_get_label (self->save_label);

  if (self->busy || self->save_source != 0)
    return;

  if (g_str_equal (shown, _("Not saved yet…")) || g_str_equal (shown, _("Saved")) ||
      g_str_equal (shown, _("Saved on this computer")))
    set_save_state (self, self->has_draft ? _("Saved on this computer") : _("Saved"));
}

/* Sends the next write unless one is on its way (its answer sends the next). */
void
sp_sip_editor_save_now (SpSipEditor *self)
{
  Write write = { 0 };
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->busy || self->sip == NULL)
    return;

  if (!next_write (self, &write))
    {
      sp_sip_editor_show_idle_state (self);
      return;
    }

  self->busy = TRUE;
  g_clear_pointer (&self->sent_invitation, sp_sip_invitation_free);
  self->sent_invitation = g_steal_pointer (&write.invitation);
  set_save_state (self, _("Saving…"));
  g_object_set_data (G_OBJECT (self), "sp-command", GINT_TO_POINTER (write.command));
  path = g_strconcat ("/api/v1/sips/", sp_sip_get_id (self->sip), write.path, NULL);
  body = build_body (self, &write);
  g_free (self->sent_method);
  self->sent_method = g_strdup (write.method);
  g_free (self->sent_path);
  self->sent_path = g_strdup (write.path);
  g_clear_pointer (&self->sent_body, json_object_unref);
  self->sent_body = json_object_ref (write.body);
  sp_outbox_submit_async (sp_account_get_outbox (self->account), write.method, path, body,
                          sp_sip_get_id (self->sip), self->cancellable, write_cb,
                          g_object_ref (self));
  write_clear (&write);
}

/* Leaving the editor: sends what is not saved yet without waiting for the answers. The
 * outbox keeps them (and, once it is durable, across a restart). */
void
sp_sip_editor_save_detached (SpSipEditor *self)
{
  Write write = { 0 };

  if (self->sip == NULL || self->busy || !has_work (self))
    return;

  /* Only the first: each further write would need the revision the first one makes. */
  if (next_write (self, &write))
    {
      g_autofree char *path = g_strconcat ("/api/v1/sips/", sp_sip_get_id (self->sip),
                                           write.path, NULL);
      g_autoptr(JsonNode) body = build_body (self, &write);
      GAsyncReadyCallback callback = NULL;
      gpointer user_data = NULL;

      /* The invitation's draft goes once the outbox has the invitation. */
      if (write.invitation != NULL)
        callback = sp_sip_editor_draft_detach (self, &user_data);
      sp_outbox_submit_async (sp_account_get_outbox (self->account), write.method, path, body,
                              sp_sip_get_id (self->sip), NULL, callback, user_data);
    }
  write_clear (&write);
}
