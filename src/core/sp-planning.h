/* sp-planning.h — the planning basis (planeringsunderlag) of an episode, DOMAIN §6
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-planning-answer.h"
#include "sp-track.h"

G_BEGIN_DECLS

/* SpTrackOverride: a unit's recorded decision to set the track by hand (our choice, DOMAIN
 * §6), or to go back to the computed track. Immutable; only a basis creates one. */

#define SP_TYPE_TRACK_OVERRIDE (sp_track_override_get_type ())

G_DECLARE_FINAL_TYPE (SpTrackOverride, sp_track_override, SP, TRACK_OVERRIDE, GObject)

gboolean          sp_track_override_is_clear        (SpTrackOverride  *self);
SpTrack           sp_track_override_get_track       (SpTrackOverride  *self);
const char       *sp_track_override_get_reason      (SpTrackOverride  *self);
const char       *sp_track_override_get_by_name     (SpTrackOverride  *self);
const char       *sp_track_override_get_by_title    (SpTrackOverride  *self);
const char       *sp_track_override_get_by_unit_id  (SpTrackOverride  *self);
GDateTime        *sp_track_override_get_at          (SpTrackOverride  *self);

JsonNode         *sp_track_override_to_json         (SpTrackOverride  *self);
SpTrackOverride  *sp_track_override_new_from_json   (JsonNode         *node,
                                                     GError          **error);
gboolean          sp_track_override_equal           (SpTrackOverride  *a,
                                                     SpTrackOverride  *b);

/* SpPlanningBasis: every version of every unit's answers for one episode, and the track
 * overrides. Append-only: nothing is ever removed or replaced (DOMAIN §6). */

#define SP_TYPE_PLANNING_BASIS (sp_planning_basis_get_type ())

G_DECLARE_FINAL_TYPE (SpPlanningBasis, sp_planning_basis, SP, PLANNING_BASIS, GObject)

SpPlanningBasis  *sp_planning_basis_new                   (const char             *episode_id);
const char       *sp_planning_basis_get_episode_id        (SpPlanningBasis        *self);
gboolean          sp_planning_basis_add                   (SpPlanningBasis        *self,
                                                           SpPlanningAnswer       *answer,
                                                           GError                **error);
GPtrArray        *sp_planning_basis_get_latest            (SpPlanningBasis        *self);
GPtrArray        *sp_planning_basis_get_history           (SpPlanningBasis        *self,
                                                           const char             *unit_id);
gboolean          sp_planning_basis_override_track        (SpPlanningBasis        *self,
                                                           SpTrack                 track,
                                                           const char             *reason,
                                                           const char             *by_name,
                                                           const char             *by_title,
                                                           const char             *by_unit_id,
                                                           GDateTime              *at,
                                                           GError                **error);
gboolean          sp_planning_basis_clear_track_override  (SpPlanningBasis        *self,
                                                           const char             *reason,
                                                           const char             *by_name,
                                                           const char             *by_title,
                                                           const char             *by_unit_id,
                                                           GDateTime              *at,
                                                           GError                **error);
SpTrackOverride  *sp_planning_basis_get_track_override    (SpPlanningBasis        *self);
GPtrArray        *sp_planning_basis_get_track_overrides   (SpPlanningBasis        *self);
SpTrack           sp_planning_basis_get_effective_track   (SpPlanningBasis        *self,
                                                           const SpRegionProfile  *profile,
                                                           char                  **out_reason);

JsonNode         *sp_planning_basis_to_json               (SpPlanningBasis        *self);
SpPlanningBasis  *sp_planning_basis_new_from_json         (JsonNode               *node,
                                                           GError                **error);
gboolean          sp_planning_basis_equal                 (SpPlanningBasis        *a,
                                                           SpPlanningBasis        *b);

G_END_DECLS
