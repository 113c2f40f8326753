/* sp-api-common.h — what every handler needs: records as JSON, visibility, ids, revisions
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-episode.h"
#include "sp-patient.h"
#include "sp-request.h"
#include "sp-server.h"
#include "sp-session.h"
#include "sp-sip.h"

G_BEGIN_DECLS

#define SP_API_MAX_PAGE 500

char      *sp_api_new_id            (const char          *prefix);
JsonNode  *sp_api_record_to_json    (SpRecord            *record,
                                     GError             **error);
SpRecord  *sp_api_put_json          (SpStore             *store,
                                     const char          *kind,
                                     const char          *id,
                                     const char          *parent_id,
                                     JsonNode            *node,
                                     gint64               base_revision,
                                     const char * const  *terms,
                                     GError             **error);
gboolean   sp_api_get_id            (JsonObject          *body,
                                     const char          *member,
                                     char               **out_id,
                                     GError             **error);
gboolean   sp_api_get_base_revision (JsonObject          *body,
                                     gint64              *out_revision,
                                     GError             **error);
gboolean   sp_api_get_paging        (SpRequest           *request,
                                     guint               *out_offset,
                                     guint               *out_limit,
                                     GError             **error);

SpPatient *sp_api_load_patient      (SpStore             *store,
                                     const char          *patient_id,
                                     gint64              *out_revision,
                                     GError             **error);
SpPatient *sp_api_load_patient_shared (SpServer          *server,
                                       const char        *patient_id,
                                       gint64            *out_revision,
                                       GError           **error);
SpEpisode *sp_api_load_episode      (SpServer            *server,
                                     SpRequest           *request,
                                     const char          *episode_id,
                                     GError             **error);
gboolean   sp_api_record_names_unit (SpRecord            *record,
                                     const char          *unit_id);
SpEpisode *sp_api_load_episode_shared (SpServer            *server,
                                        SpRequest           *request,
                                        const char          *episode_id,
                                        GError             **error);
SpEpisode *sp_api_use_episode_shared (SpServer            *server,
                                       SpRequest           *request,
                                       const char          *episode_id,
                                       SpEpisode           *known,
                                       GError             **error);
SpRecord  *sp_api_save_episode      (SpServer            *server,
                                     SpEpisode           *episode,
                                     gint64               base_revision,
                                     GError             **error);
GStrv      sp_api_sip_terms         (SpSip               *sip);
void       sp_api_fail_conflict     (SpRequest           *request,
                                     GError              *error,
                                     JsonNode            *current);
const char *sp_api_unit_id          (SpRequest           *request);
SpUnitKind  sp_api_unit_kind        (SpRequest           *request);
const char *sp_api_user_name        (SpRequest           *request);

/* What the caller may see of one stored record, as the API shows it (fields the caller may
 * not see are left out, per sp-access): the single definition that the resource endpoints
 * and the changes feed both use. (transfer full), or NULL when the caller may not see the
 * record at all. Each is implemented by the group that owns the kind. */
typedef JsonNode *(*SpApiRenderFunc) (SpServer   *server,
                                      SpRequest  *request,
                                      SpRecord   *record);

JsonNode  *sp_api_render_patient      (SpServer *server, SpRequest *request, SpRecord *record);
JsonNode  *sp_api_render_patient_in_feed (SpServer *server, SpRequest *request,
                                          SpRecord *record);
JsonNode  *sp_api_render_episode      (SpServer *server, SpRequest *request, SpRecord *record);
JsonNode  *sp_api_render_message      (SpServer *server, SpRequest *request, SpRecord *record);
JsonNode  *sp_api_render_planning     (SpServer *server, SpRequest *request, SpRecord *record);
JsonNode  *sp_api_render_patient_info (SpServer *server, SpRequest *request, SpRecord *record);
JsonNode  *sp_api_render_sip          (SpServer *server, SpRequest *request, SpRecord *record);

/* A child of an episode (message, planning, patient_info) rendered with its episode as the
 * caller has read it already (see sp_api_use_episode_shared()); NULL reads it. */
typedef JsonNode *(*SpApiRenderChildFunc) (SpServer   *server,
                                           SpRequest  *request,
                                           SpRecord   *record,
                                           SpEpisode  *episode);

JsonNode  *sp_api_render_message_of      (SpServer *server, SpRequest *request, SpRecord *record,
                                          SpEpisode *episode);
JsonNode  *sp_api_render_planning_of     (SpServer *server, SpRequest *request, SpRecord *record,
                                          SpEpisode *episode);
JsonNode  *sp_api_render_patient_info_of (SpServer *server, SpRequest *request, SpRecord *record,
                                          SpEpisode *episode);

G_END_DECLS
