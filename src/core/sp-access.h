/* sp-access.h — which unit may see which part of an episode (DOMAIN §4, §12)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-episode.h"
#include "sp-region-profile.h"

G_BEGIN_DECLS

/* The parts of an episode (and its patient) that access is decided for. */
typedef enum /*< prefix=SP_EPISODE_FIELD >*/
{
  SP_EPISODE_FIELD_NAME,                /*< nick=name >*/
  SP_EPISODE_FIELD_IDENTITY,            /*< nick=identity >*/
  SP_EPISODE_FIELD_ADDRESS,             /*< nick=address >*/
  SP_EPISODE_FIELD_MUNICIPALITY,        /*< nick=municipality >*/
  SP_EPISODE_FIELD_LISTED_CARE_UNIT,    /*< nick=listed_care_unit >*/
  SP_EPISODE_FIELD_ADMITTING_WARD,      /*< nick=admitting_ward >*/
  SP_EPISODE_FIELD_ESTIMATED_DISCHARGE, /*< nick=estimated_discharge >*/
  SP_EPISODE_FIELD_REASON_FOR_CONTACT,  /*< nick=reason_for_contact >*/
  SP_EPISODE_FIELD_RESPONSIBLE_DOCTOR,  /*< nick=responsible_doctor >*/
  SP_EPISODE_FIELD_CONSENT,             /*< nick=consent >*/
  SP_EPISODE_FIELD_CARE_CONTACTS,       /*< nick=care_contacts >*/
  SP_EPISODE_FIELD_PLANNING_ANSWERS,    /*< nick=planning_answers >*/
  SP_EPISODE_FIELD_INTERVENTIONS,       /*< nick=interventions >*/
  SP_EPISODE_FIELD_CARE_NEEDS,          /*< nick=care_needs >*/
  SP_EPISODE_FIELD_MESSAGES,            /*< nick=messages >*/
  /* Phone, e-mail and temporary address. */
  SP_EPISODE_FIELD_PATIENT_CONTACT,     /*< nick=patient_contact >*/
  SP_EPISODE_FIELD_NEXT_OF_KIN,         /*< nick=next_of_kin >*/
  SP_EPISODE_FIELD_INTERPRETER,         /*< nick=interpreter >*/
} SpEpisodeField;

gboolean sp_access_may_see_episode (SpEpisode             *episode,
                                    const char            *unit_id);
gboolean sp_access_may_see_field   (const SpRegionProfile *profile,
                                    SpEpisode             *episode,
                                    const char            *unit_id,
                                    SpUnitKind             unit_kind,
                                    SpEpisodeField         field,
                                    const char            *owner_unit_id,
                                    GDateTime             *now);

G_END_DECLS
