/* sp-episode-summary.h — one row of the SPU overview, as GET /api/v1/episodes lists it
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-deadline.h"
#include "sp-episode.h"
#include "sp-types.h"

G_BEGIN_DECLS

/* The texts the overview sorts by in Swedish collation (see sp_episode_summary_get_sort_key). */
typedef enum
{
  SP_EPISODE_SUMMARY_KEY_PATIENT,
  SP_EPISODE_SUMMARY_KEY_WARD,
  SP_EPISODE_SUMMARY_KEY_CARE_CONTACT,
  SP_EPISODE_SUMMARY_N_KEYS,
} SpEpisodeSummaryKey;

#define SP_TYPE_EPISODE_SUMMARY (sp_episode_summary_get_type ())

G_DECLARE_FINAL_TYPE (SpEpisodeSummary, sp_episode_summary, SP, EPISODE_SUMMARY, GObject)

SpEpisodeSummary *sp_episode_summary_new_from_json          (JsonNode          *node,
                                                             GError           **error);
SpEpisodeSummary *sp_episode_summary_new_from_bytes         (const guint8      *data,
                                                             gsize              size,
                                                             GError           **error);
GBytes           *sp_episode_summary_to_bytes               (SpEpisodeSummary  *self);
void              sp_episode_summary_update_from            (SpEpisodeSummary  *self,
                                                             SpEpisodeSummary  *other);

const char       *sp_episode_summary_get_id                 (SpEpisodeSummary  *self);
gint64            sp_episode_summary_get_revision           (SpEpisodeSummary  *self);
const char       *sp_episode_summary_get_patient_name       (SpEpisodeSummary  *self);
const char       *sp_episode_summary_get_identity           (SpEpisodeSummary  *self);
const char       *sp_episode_summary_get_ward_id            (SpEpisodeSummary  *self);
const char       *sp_episode_summary_get_ward_name          (SpEpisodeSummary  *self);
void              sp_episode_summary_set_ward_name          (SpEpisodeSummary  *self,
                                                             const char        *ward_name);
GDateTime        *sp_episode_summary_get_admitted           (SpEpisodeSummary  *self);
gint64            sp_episode_summary_get_admitted_usec      (SpEpisodeSummary  *self);
GDateTime        *sp_episode_summary_get_ready              (SpEpisodeSummary  *self);
gboolean          sp_episode_summary_get_estimated_discharge (SpEpisodeSummary *self,
                                                             GDate             *out_date);
SpEpisodeState    sp_episode_summary_get_state              (SpEpisodeSummary  *self);
const char       *sp_episode_summary_get_state_text         (SpEpisodeSummary  *self);
int               sp_episode_summary_get_days_after_ready   (SpEpisodeSummary  *self);
gboolean          sp_episode_summary_get_track              (SpEpisodeSummary  *self,
                                                             SpTrack           *out_track);
const char       *sp_episode_summary_get_care_contact       (SpEpisodeSummary  *self);
const char       *sp_episode_summary_get_care_contact_phone (SpEpisodeSummary  *self);
const char       *sp_episode_summary_get_sip_text           (SpEpisodeSummary  *self);
GDateTime        *sp_episode_summary_get_next_deadline      (SpEpisodeSummary  *self);
gint64            sp_episode_summary_get_next_deadline_usec (SpEpisodeSummary *self);
const char       *sp_episode_summary_get_next_deadline_label (SpEpisodeSummary *self);
gboolean          sp_episode_summary_get_next_deadline_overdue (SpEpisodeSummary *self);
gboolean          sp_episode_summary_get_overdue            (SpEpisodeSummary  *self);
guint             sp_episode_summary_get_unacknowledged     (SpEpisodeSummary  *self);
gboolean          sp_episode_summary_get_restricted         (SpEpisodeSummary  *self);
const char       *sp_episode_summary_get_restricted_reason  (SpEpisodeSummary  *self);

/* For the overview's sorters and search filter: computed once per row and cached. */
const char       *sp_episode_summary_get_sort_key           (SpEpisodeSummary  *self,
                                                             SpEpisodeSummaryKey key);
gboolean          sp_episode_summary_matches                (SpEpisodeSummary  *self,
                                                             const char        *needle,
                                                             gboolean           identity);

G_END_DECLS
