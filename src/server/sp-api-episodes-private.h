/* sp-api-episodes-private.h — what the episode route group's files share: the facts around an
 * episode, the caller's view of it, its clocks, the rendering blocks and the write helpers
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sp-api-episodes.c: the route table, the admission notice (create) and one episode (get).
 * sp-api-episodes-render.c: the facts, what the caller may see, the patient card, the clocks
 * of DOMAIN §7 and the rendering. sp-api-episodes-overview.c: the list. sp-api-episodes-
 * actions.c: the transitions.
 */

#pragma once

#include "sp-access.h"
#include "sp-api-common.h"
#include "sp-deadline.h"
#include "sp-patient.h"

G_BEGIN_DECLS

/* Names of people and doctors; longer is refused. */
#define MAX_NAME 256

/* What the overview and the clocks need besides the episode itself. */
typedef struct
{
  gboolean   patient_loaded;
  SpPatient *patient;        /* nullable: an unreadable registry entry */
  gint64     patient_revision;
  gboolean   track_loaded;
  gboolean   track_known;    /* no planning basis yet: the track is unknown */
  SpTrack    track;
  GDateTime *sip_invited_at; /* nullable */
} Facts;

void          sp_api_episodes_facts_clear             (Facts                 *facts);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Facts, sp_api_episodes_facts_clear)

/* One answer of sp-access during a rendering. */
typedef struct
{
  SpEpisodeField  field;
  const char     *owner_unit_id; /* interned; NULL: the episode's own */
  gboolean        allowed;
} Decision;

typedef struct
{
  const SpRegionProfile *profile;
  SpEpisode             *episode;
  GDateTime             *now;
  const char            *unit_id;
  SpUnitKind             unit_kind;
  gboolean               is_ward;
  gboolean               restricted; /* something was withheld */
  GArray                *decisions;  /* nullable; Decision: every answer, for the row cache */
} View;

typedef struct
{
  SpClock     clock;
  const char *unit_id;    /* who must act; borrowed from the episode */
  GDateTime  *started_at;
  GDateTime  *due;
  GDateTime  *done_at;    /* nullable */
} Clock;

/* In sp-api-episodes-render.c */
void          sp_api_episodes_ensure_patient          (SpServer              *server,
                                                       SpEpisode             *episode,
                                                       Facts                 *facts);
void          sp_api_episodes_ensure_track            (SpServer              *server,
                                                       SpEpisode             *episode,
                                                       Facts                 *facts);
void          sp_api_episodes_view_init               (View                  *view,
                                                       SpServer              *server,
                                                       SpRequest             *request,
                                                       SpEpisode             *episode,
                                                       GDateTime             *now);
gboolean      sp_api_episodes_view_may_see            (View                  *view,
                                                       SpEpisodeField         field,
                                                       const char            *owner_unit_id);
JsonNode     *sp_api_episodes_patient_card            (View                  *view,
                                                       const Facts           *facts,
                                                       gboolean               brief);
GPtrArray    *sp_api_episodes_get_clocks              (const SpRegionProfile *profile,
                                                       SpEpisode             *episode,
                                                       const Facts           *facts);
gboolean      sp_api_episodes_clock_is_overdue        (const Clock           *clock,
                                                       GDateTime             *now);
gboolean      sp_api_episodes_clock_concerns          (const Clock           *clock,
                                                       View                  *view);
void          sp_api_episodes_set_track               (JsonObject            *object,
                                                       View                  *view,
                                                       const Facts           *facts);
void          sp_api_episodes_set_estimated_discharge (JsonObject            *object,
                                                       View                  *view);
JsonNode     *sp_api_episodes_contact_to_json         (const SpCareContact   *contact);
void          sp_api_episodes_set_restricted          (JsonObject            *object,
                                                       View                  *view);
JsonObject   *sp_api_episodes_head                    (View                  *view);
JsonNode     *sp_api_episodes_render                  (SpServer              *server,
                                                       SpRequest             *request,
                                                       SpEpisode             *episode);

/* In sp-api-episodes-rows.c */
const char   *sp_api_episodes_rows_lookup             (SpServer              *server,
                                                       View                  *view,
                                                       const Facts           *facts,
                                                       GPtrArray             *clocks,
                                                       guint                  unacked_messages);
void          sp_api_episodes_rows_remember           (SpServer              *server,
                                                       View                  *view,
                                                       const Facts           *facts,
                                                       GPtrArray             *clocks,
                                                       guint                  unacked_messages,
                                                       GArray                *decisions,
                                                       char                  *text);

/* In sp-api-episodes.c */
void          sp_api_episodes_save_and_respond        (SpServer              *server,
                                                       SpRequest             *request,
                                                       SpEpisode             *episode,
                                                       gint64                 base_revision,
                                                       GDateTime             *now,
                                                       const char            *action,
                                                       guint                  status);
const char   *sp_api_episodes_user_title              (SpRequest             *request);
SpConsent    *sp_api_episodes_read_consent            (JsonObject            *object,
                                                       SpRequest             *request,
                                                       GDateTime             *now,
                                                       GError               **error);

/* Handlers: the list in sp-api-episodes-overview.c, the transitions in
 * sp-api-episodes-actions.c */
void          sp_api_episodes_list                    (gpointer               server,
                                                       SpRequest             *request);
void          sp_api_episodes_act                     (gpointer               server,
                                                       SpRequest             *request);

G_END_DECLS
