/* sp-episode-private.h — the episode's struct, shared by its split-out files
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-episode.h"

G_BEGIN_DECLS

struct _SpEpisode
{
  GObject         parent_instance;

  char           *id;
  char           *patient_id;
  /* Set from the identity number by whoever creates the episode: a child's own consent does
   * not count (DOMAIN §3), and the episode does not depend on sp-patient. */
  gboolean        patient_is_child;
  char           *ward_unit_id;
  GDateTime      *admitted_at;
  GDateTime      *needs_judged_at;
  GDateTime      *admission_notice_sent_at;
  char           *reason_for_contact;
  char           *responsible_doctor;
  gboolean        short_stay;

  GPtrArray      *estimates;       /* SpDischargeEstimate, oldest first; the last is current */
  GPtrArray      *addressing;      /* SpAddressee */
  GPtrArray      *admission_acks;  /* SpAcknowledgement of the current admission notice */
  GPtrArray      *ready_acks;      /* SpAcknowledgement of the current ready notice */
  GPtrArray      *care_contacts;   /* SpCareContact, at most one per unit and one lead */

  SpEpisodeState  state;
  GDateTime      *ready_at;
  GDateTime      *discharged_at;
  GDateTime      *death_at;
  GDateTime      *cancelled_at;
  char           *cancel_reason;

  SpConsentSet   *consents;
  gint64          revision;
  GPtrArray      *events;          /* SpEpisodeEvent, append-only */
};

/* Part free functions, so the JSON reader can build the arrays the episode owns. */
void               sp_discharge_estimate_free  (SpDischargeEstimate *estimate);
void               sp_addressee_free           (SpAddressee         *addressee);
void               sp_acknowledgement_free     (SpAcknowledgement   *ack);
void               sp_care_contact_free        (SpCareContact       *contact);
void               sp_episode_event_free       (SpEpisodeEvent      *event);

SpEpisode         *sp_episode_new_empty        (void);
SpCareContact     *sp_episode_find_care_contact (SpEpisode          *self,
                                                const char         *unit_id);
const SpAcknowledgement *sp_episode_find_acknowledgement (SpEpisode     *self,
                                                SpEpisodeNotice     which,
                                                const char         *unit_id);
void               sp_episode_push_addressee   (SpEpisode           *self,
                                                const char          *unit_id,
                                                SpUnitKind           unit_kind,
                                                SpAddressingRole     role,
                                                gboolean             via_sip_invitation,
                                                GDateTime           *added_at);
void               sp_episode_append_event     (SpEpisode           *self,
                                                SpEpisodeAction      kind,
                                                GDateTime           *at,
                                                const char          *user_name,
                                                const char          *unit_id,
                                                const char          *detail);

G_END_DECLS
