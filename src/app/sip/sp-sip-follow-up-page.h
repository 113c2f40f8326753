/* sp-sip-follow-up-page.h — follow-up comments, evaluation, revision and closing
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-sip.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_FOLLOW_UP_PAGE (sp_sip_follow_up_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSipFollowUpPage, sp_sip_follow_up_page, SP, SIP_FOLLOW_UP_PAGE,
                      GtkWidget)

void             sp_sip_follow_up_page_load             (SpSipFollowUpPage  *self,
                                                         SpSip              *sip);
GPtrArray       *sp_sip_follow_up_page_dup_comments     (SpSipFollowUpPage  *self);
char            *sp_sip_follow_up_page_dup_evaluation   (SpSipFollowUpPage  *self);
SpSipCloseReason sp_sip_follow_up_page_get_close_reason (SpSipFollowUpPage  *self,
                                                         char              **out_text);

G_END_DECLS
