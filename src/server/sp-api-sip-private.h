/* sp-api-sip-private.h — what the SIP route group's files share: the loaded SIP, how it is
 * loaded, saved, audited and answered with, and the handlers of the route table
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sp-api-sip.c: the route table, who sees what, rendering, creating and reading, versions.
 * sp-api-sip-commands.c: the writes that change the SIP as a whole (invitation, mapping,
 * establishing, follow-up, closing). sp-api-sip-plan.c: plan edits and their merge.
 */

#pragma once

#include "sp-api-common.h"
#include "sp-sip.h"

G_BEGIN_DECLS

/* One stored SIP with what deciding about it needs. */
typedef struct
{
  SpRecord     *record;
  SpSip        *sip;
  SpConsentSet *consents; /* a stand-alone SIP's own SIP consents; NULL if none */
  SpEpisode    *episode;  /* NULL for a stand-alone SIP */
} SipState;

void         sp_api_sip_state_clear          (SipState    *state);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SipState, sp_api_sip_state_clear)

const char  *sp_api_sip_get_convener_unit_id (SpSip       *sip);
gboolean     sp_api_sip_consent_given        (SpStore     *store,
                                              SipState    *state,
                                              GDateTime   *now);

gboolean     sp_api_sip_load_state           (SpServer    *server,
                                              SpRequest   *request,
                                              gboolean     need_content,
                                              SipState    *state,
                                              GError     **error);
gboolean     sp_api_sip_save_state           (SpServer    *server,
                                              SipState    *state,
                                              gint64       base_revision,
                                              GError     **error);
gboolean     sp_api_sip_audit                (SpServer    *server,
                                              SpRequest   *request,
                                              const char  *action,
                                              SpSip       *sip,
                                              GError     **error);
void         sp_api_sip_respond_state        (SpServer    *server,
                                              SpRequest   *request,
                                              SipState    *state,
                                              guint        status);
void         sp_api_sip_fail_stale           (SpServer    *server,
                                              SpRequest   *request,
                                              SipState    *state);
void         sp_api_sip_fail_overlap         (SpServer    *server,
                                              SpRequest   *request,
                                              SipState    *state,
                                              const char  *fields);
SpSip       *sp_api_sip_read_revision        (SpStore     *store,
                                              const char  *id,
                                              gint64       revision,
                                              GError     **error);

/* Handlers in sp-api-sip-commands.c */
void         sp_api_sip_put_invitation       (gpointer     server,
                                              SpRequest   *request);
void         sp_api_sip_send_invitation      (gpointer     server,
                                              SpRequest   *request);
void         sp_api_sip_put_mapping          (gpointer     server,
                                              SpRequest   *request);
void         sp_api_sip_establish            (gpointer     server,
                                              SpRequest   *request);
void         sp_api_sip_start_revision       (gpointer     server,
                                              SpRequest   *request);
void         sp_api_sip_add_follow_up        (gpointer     server,
                                              SpRequest   *request);
void         sp_api_sip_set_evaluation       (gpointer     server,
                                              SpRequest   *request);
void         sp_api_sip_close                (gpointer     server,
                                              SpRequest   *request);

/* Handlers in sp-api-sip-plan.c */
void         sp_api_sip_patch_plan           (gpointer     server,
                                              SpRequest   *request);
void         sp_api_sip_sign_plan            (gpointer     server,
                                              SpRequest   *request);

G_END_DECLS
