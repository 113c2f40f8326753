/* sp-sip-editor-private.h — the SIP editor's insides, shared by its files
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-sip-editor.h"
#include "sp-sip-follow-up-page.h"
#include "sp-sip-invitation-page.h"
#include "sp-sip-mapping-page.h"
#include "sp-sip-plan-page.h"
#include "sp-sip.h"

G_BEGIN_DECLS

struct _SpSipEditor
{
  AdwBin               parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *main_stack;
  AdwEntryRow         *identity_row;
  AdwStatusPage       *refused_page;
  GtkLabel            *status_label;
  GtkLabel            *save_label;
  AdwSqueezer         *switcher_squeezer;
  GtkWidget           *switcher_none;
  AdwViewSwitcherBar  *switcher_bar;
  GtkWidget           *establish_button;
  AdwViewStack        *view_stack;
  SpSipInvitationPage *invitation_page;
  SpSipMappingPage    *mapping_page;
  SpSipPlanPage       *plan_page;
  SpSipFollowUpPage   *follow_up_page;

  SpAccount           *account;
  GCancellable        *cancellable;
  char                *sip_id;
  char                *episode_id;
  char                *active_sip_id;   /* the person's other SIP, when creating was refused */
  SpSip               *sip;             /* as the server last answered */
  JsonObject          *episode;         /* the SIP's episode, for the deadline */
  char                *subject;         /* whom the planning is for */

  /* Saving: what the user changed since, one request at a time. */
  guint                save_source;
  gboolean             busy;
  gboolean             invitation_dirty;
  gboolean             mapping_dirty;
  gboolean             plan_dirty;
  gboolean             follow_up_dirty;
  GQueue               commands;        /* Command, e.g. send, sign, establish */
  SpSipInvitation     *sent_invitation; /* the invitation of the write on its way */
  char                *sent_method;     /* the write on its way, applied to sip if kept */
  char                *sent_path;
  JsonObject          *sent_body;

  gboolean             loading;         /* until the SIP is shown with its draft */

  /* The invitation as a draft on this computer (sp-sip-editor-draft.c). */
  guint                draft_source;
  gboolean             has_draft;
};

void sp_sip_editor_show_sip        (SpSipEditor *self,
                                    JsonNode    *node);
void sp_sip_editor_load_async      (SpSipEditor *self);
void sp_sip_editor_create          (SpSipEditor *self,
                                    const char  *member,
                                    const char  *value);
void sp_sip_editor_toast           (SpSipEditor *self,
                                    const char  *message);
void sp_sip_editor_schedule_save   (SpSipEditor *self);
void sp_sip_editor_save_now        (SpSipEditor *self);
void sp_sip_editor_show_idle_state (SpSipEditor *self);
void sp_sip_editor_apply_kept      (SpSipEditor *self,
                                    SpSip       *sip);
gboolean sp_sip_editor_apply_write (SpSip       *sip,
                                    const char  *method,
                                    const char  *path,
                                    JsonObject  *body,
                                    GError     **error);
void sp_sip_editor_save_detached   (SpSipEditor *self);
void sp_sip_editor_queue_command   (SpSipEditor *self,
                                    const char  *path,
                                    JsonObject  *body);
void sp_sip_editor_clear_commands  (SpSipEditor *self);

void sp_sip_editor_draft_changed   (SpSipEditor           *self);
void sp_sip_editor_draft_flush     (SpSipEditor           *self);
void sp_sip_editor_draft_accepted  (SpSipEditor           *self,
                                    const SpSipInvitation *sent);
void sp_sip_editor_show_with_draft (SpSipEditor           *self,
                                    JsonNode              *sip);
GAsyncReadyCallback
     sp_sip_editor_draft_detach    (SpSipEditor           *self,
                                    gpointer              *out_user_data);

G_END_DECLS
