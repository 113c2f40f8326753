/* sp-sip-editor-kept.c — the edits the outbox keeps, applied to the SIP the editor shows
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An edit saved without a connection is kept, not answered. The editor computes its next
 * write against the SIP as the server last answered it, so without the kept edit it would
 * send that edit again (a plan operation twice: the second refused), and the SIP opened
 * again would not show it. So every kept edit of the plan, the invitation and the mapping is
 * applied to that SIP with the same core functions the server applies it with
 * (sp_sip_plan_apply_body(), sp_sip_set_invitation(), sp_sip_set_mapping()). Commands the
 * server stamps or decides (send, sign, establish, follow-up) are not: they show as kept
 * until they are sent.
 */

#define G_LOG_DOMAIN "sp-sip-editor"

#include "config.h"

#include "sp-sip-editor-private.h"
#include "sp-sip-plan-op.h"

static gboolean
apply_plan (SpSip       *sip,
            JsonObject  *body,
            GError     **error)
{
  g_autoptr(SpSipPlan) trial = sp_sip_plan_copy (sp_sip_get_plan (sip));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* All of it or nothing: tried on a copy first. */
  return sp_sip_plan_apply_body (trial, body, now, error) &&
         sp_sip_plan_apply_body (sp_sip_get_plan (sip), body, now, error);
}

/**
 * sp_sip_editor_apply_write:
 * @sip: the SIP to change
 * @method: the write's method
 * @path: its path ("/api/v1/sips/ID/plan" or the editor's "/plan")
 * @body: its body
 *
 * Applies one edit of the plan, the invitation or the mapping to @sip, as the server would.
 *
 * Returns: %TRUE when applied, or when it is not an edit applied here; %FALSE with @error
 *   when it does not apply (the server will decide; it stays kept meanwhile)
 */
gboolean
sp_sip_editor_apply_write (SpSip       *sip,
                           const char  *method,
                           const char  *path,
                           JsonObject  *body,
                           GError     **error)
{
  JsonNode *part;

  if (body == NULL)
    return TRUE;

  if (g_strcmp0 (method, "PATCH") == 0 && g_str_has_suffix (path, "/plan"))
    return apply_plan (sip, body, error);

  if (g_strcmp0 (method, "PUT") != 0)
    return TRUE;

  if (g_str_has_suffix (path, "/invitation") &&
      (part = json_object_get_member (body, "invitation")) != NULL)
    {
      g_autoptr(SpSipInvitation) invitation = sp_sip_invitation_new_from_json (part, error);

      return invitation != NULL && sp_sip_set_invitation (sip, invitation, error);
    }

  if (g_str_has_suffix (path, "/mapping") &&
      (part = json_object_get_member (body, "mapping")) != NULL)
    {
      g_autoptr(SpSipMapping) mapping = sp_sip_mapping_new_from_json (part, error);

      return mapping != NULL && sp_sip_set_mapping (sip, mapping, error);
    }

  return TRUE;
}

/**
 * sp_sip_editor_apply_kept:
 * @sip: the SIP as the server (or the copy) gives it
 *
 * Applies to @sip, oldest first, the edits of it the outbox keeps and has not sent yet.
 */
void
sp_sip_editor_apply_kept (SpSipEditor *self,
                          SpSip       *sip)
{
  SpOutbox *outbox = self->account != NULL ? sp_account_get_outbox (self->account) : NULL;
  g_autoptr(GPtrArray) pending = NULL;

  if (outbox == NULL)
    return;

  pending = sp_outbox_dup_pending (outbox, sp_sip_get_id (sip));
  for (guint i = 0; i < pending->len; i++)
    {
      JsonObject *command = json_node_get_object (g_ptr_array_index (pending, i));
      JsonNode *body = json_object_get_member (command, "body");
      g_autoptr(GError) error = NULL;

      if (!sp_sip_editor_apply_write (sip,
                                      json_object_get_string_member_with_default (command,
                                                                                  "method", ""),
                                      json_object_get_string_member_with_default (command,
                                                                                  "path", ""),
                                      body != NULL && JSON_NODE_HOLDS_OBJECT (body)
                                      ? json_node_get_object (body) : NULL,
                                      &error))
        g_debug ("A kept edit of SIP %s does not apply here: %s", sp_sip_get_id (sip),
                 error->message);
    }
}
