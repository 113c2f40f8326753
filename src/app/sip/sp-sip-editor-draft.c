/* sp-sip-editor-draft.c — the invitation as a draft on this computer until the outbox has it
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server takes only a complete kallelse, so a half-written one would live only in the
 * widgets. Instead it is kept in the sealed local copy (sp_cache_save_draft_async()) a moment
 * after each change, shown again when the SIP is opened (after a restart and offline too),
 * and removed once the outbox has accepted the complete invitation (applied or queued).
 */

#define G_LOG_DOMAIN "sp-sip-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-cache-draft.h"
#include "sp-format.h"
#include "sp-sip-editor-private.h"

#define DRAFT_KIND "sip_invitation"
/* Written this long after the typing pauses: every pause, not every key. */
#define DRAFT_DELAY_MS 300

static SpCache *
get_cache (SpSipEditor *self)
{
  return self->account != NULL ? sp_account_get_cache (self->account) : NULL;
}

static void
show_note (SpSipEditor *self,
           gboolean     stale)
{
  const char *note = NULL;

  if (self->has_draft)
    note = stale ? _("Draft saved on this computer – not sent. Someone else has changed the "
                     "invitation since: check it; your next change saves it.")
                 : _("Draft saved on this computer – not sent");
  sp_sip_invitation_page_set_draft_note (self->invitation_page, note);
  sp_sip_editor_show_idle_state (self);
}

static void
write_draft (SpSipEditor *self)
{
  SpCache *cache = get_cache (self);
  g_autoptr(JsonNode) draft = NULL;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (cache == NULL || self->sip == NULL || !sp_sip_is_active (self->sip))
    return;

  draft = sp_sip_invitation_page_dup_draft (self->invitation_page,
                                            sp_sip_get_invitation (self->sip));
  if (draft == NULL && !self->has_draft)
    return;

  sp_cache_keep_draft (cache, DRAFT_KIND, sp_sip_get_id (self->sip), draft);
  self->has_draft = draft != NULL;
  show_note (self, FALSE);
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  SpSipEditor *self = user_data;

  self->draft_source = 0;
  write_draft (self);
  return G_SOURCE_REMOVE;
}

/* The user changed the invitation: kept as a draft once the typing pauses. */
void
sp_sip_editor_draft_changed (SpSipEditor *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
}

/* Leaving the editor: what the timer would have written, now. */
void
sp_sip_editor_draft_flush (SpSipEditor *self)
{
  if (self->draft_source != 0)
    write_draft (self);
}

/**
 * sp_sip_editor_draft_accepted:
 * @sent: the invitation the outbox accepted (applied or queued)
 *
 * The draft has done its job if the page still shows @sent; typing since is kept.
 */
void
sp_sip_editor_draft_accepted (SpSipEditor           *self,
                              const SpSipInvitation *sent)
{
  SpCache *cache = get_cache (self);
  g_autoptr(SpSipInvitation) shown = NULL;

  if (cache == NULL || self->sip == NULL)
    return;

  shown = sp_sip_invitation_page_dup_invitation (self->invitation_page, sent);
  if (!sp_sip_invitation_equal (shown, sent))
    {
      write_draft (self);
      return;
    }

  g_clear_handle_id (&self->draft_source, g_source_remove);
  sp_cache_keep_draft (cache, DRAFT_KIND, sp_sip_get_id (self->sip), NULL);
  self->has_draft = FALSE;
  show_note (self, FALSE);
}

/* ---- Leaving with a write on its way ---- */

/**
 * sp_sip_editor_draft_detach:
 *
 * Returns: a callback and (in @out_user_data) its data for the submit of the invitation
 *   when the editor is closed: it removes the draft once the outbox has the invitation.
 *   %NULL when there is no copy to keep drafts in.
 */
GAsyncReadyCallback
sp_sip_editor_draft_detach (SpSipEditor *self,
                            gpointer    *out_user_data)
{
  SpCache *cache = get_cache (self);

  *out_user_data = NULL;
  if (cache == NULL || self->sip == NULL)
    return NULL;

  return sp_cache_forget_draft_when_kept (cache, DRAFT_KIND, sp_sip_get_id (self->sip),
                                          out_user_data);
}

/* ---- Opening ---- */

/* Whether the server has what @draft holds (the editor closed while the invitation's write
 * was on the way, so nobody removed the draft). */
static gboolean
draft_is_saved (SpSipEditor *self,
                JsonNode    *draft)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (draft) ? json_node_get_object (draft) : NULL;
  JsonNode *member = object != NULL ? json_object_get_member (object, "invitation") : NULL;
  const SpSipInvitation *server = sp_sip_get_invitation (self->sip);
  g_autoptr(SpSipInvitation) invitation = NULL;
  g_autofree char *typed_time = NULL;
  g_autofree char *server_time = NULL;

  if (member == NULL || (invitation = sp_sip_invitation_new_from_json (member, NULL)) == NULL)
    return FALSE;

  typed_time = g_strdup (json_object_get_string_member_with_default (object, "meeting_at_text",
                                                                     ""));
  server_time = sp_format_time (server->meeting_at);
  return sp_sip_invitation_equal (invitation, server) && g_str_equal (typed_time, server_time);
}

static void
apply_draft (SpSipEditor *self,
             JsonNode    *draft)
{
  gboolean stale = FALSE;

  if (draft_is_saved (self, draft))
    {
      sp_cache_keep_draft (get_cache (self), DRAFT_KIND, sp_sip_get_id (self->sip), NULL);
      return;
    }

  if (!sp_sip_invitation_page_load_draft (self->invitation_page, draft,
                                          sp_sip_get_invitation (self->sip), self->subject,
                                          &stale))
    {
      sp_sip_editor_toast (self, _("The draft of the invitation saved on this computer could "
                                   "not be read."));
      return;
    }

  self->has_draft = TRUE;
  show_note (self, stale);
  adw_view_stack_set_visible_child_name (self->view_stack, "invitation");

  /* Written on what the server still has: saved as any change (sent once complete). Written
   * on an older invitation: the user decides, so that nobody's change is overwritten. */
  if (!stale)
    {
      self->invitation_dirty = TRUE;
      sp_sip_editor_schedule_save (self);
    }
}

static void
draft_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SpSipEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) draft = sp_cache_load_draft_finish (SP_CACHE (object), result, &error);
  JsonNode *sip = g_object_get_data (G_OBJECT (self), "sp-sip-json");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  sp_sip_editor_show_sip (self, sip);
  if (draft != NULL && self->sip != NULL && sp_sip_is_active (self->sip))
    apply_draft (self, draft);
  else if (draft == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    sp_sip_editor_toast (self, _("The draft of the invitation saved on this computer could "
                                 "not be read."));
}

/**
 * sp_sip_editor_show_with_draft:
 * @sip: the SIP as the server (or the local copy) gives it
 *
 * Shows @sip with the invitation's draft, if this computer keeps one.
 */
void
sp_sip_editor_show_with_draft (SpSipEditor *self,
                               JsonNode    *sip)
{
  SpCache *cache = get_cache (self);

  if (cache == NULL || self->sip_id == NULL)
    {
      self->loading = FALSE;
      sp_sip_editor_show_sip (self, sip);
      return;
    }

  sp_cache_load_draft_async (cache, DRAFT_KIND, self->sip_id, self->cancellable,
                             draft_loaded_cb, g_object_ref (self));
}
