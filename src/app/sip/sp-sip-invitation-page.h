/* sp-sip-invitation-page.h — the kallelse: whom, why, who is invited, when, where and how
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "sp-sip-invitation.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_INVITATION_PAGE (sp_sip_invitation_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSipInvitationPage, sp_sip_invitation_page, SP, SIP_INVITATION_PAGE,
                      GtkWidget)

void             sp_sip_invitation_page_set_directory  (SpSipInvitationPage   *self,
                                                        JsonArray             *units);
void             sp_sip_invitation_page_load           (SpSipInvitationPage   *self,
                                                        const SpSipInvitation *invitation,
                                                        const char            *subject,
                                                        gboolean               editable);
SpSipInvitation *sp_sip_invitation_page_dup_invitation (SpSipInvitationPage   *self,
                                                        const SpSipInvitation *server);
void             sp_sip_invitation_page_set_deadline   (SpSipInvitationPage   *self,
                                                        const char            *text,
                                                        gboolean               overdue);
void             sp_sip_invitation_page_set_state      (SpSipInvitationPage   *self,
                                                        const char            *text);
JsonNode        *sp_sip_invitation_page_dup_draft      (SpSipInvitationPage   *self,
                                                        const SpSipInvitation *server);
gboolean         sp_sip_invitation_page_load_draft     (SpSipInvitationPage   *self,
                                                        JsonNode              *draft,
                                                        const SpSipInvitation *server,
                                                        const char            *subject,
                                                        gboolean              *out_stale);
void             sp_sip_invitation_page_set_draft_note (SpSipInvitationPage   *self,
                                                        const char            *text);
const char      *sp_sip_invitation_page_get_draft_note (SpSipInvitationPage   *self);

G_END_DECLS
