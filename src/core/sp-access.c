/* sp-access.c — the one place the server decides what a unit may see
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-access"

#include "config.h"

#include <string.h>

#include "sp-access.h"

/* What an admission notice may carry without consent (DOMAIN §4); never the reason for
 * contact. VGR also lists folkbokföringskommun and listed vårdcentral. */
static gboolean
is_minimal_field (const SpRegionProfile *profile,
                  SpEpisodeField         field)
{
  switch (field)
    {
    case SP_EPISODE_FIELD_NAME:
    case SP_EPISODE_FIELD_IDENTITY:
    case SP_EPISODE_FIELD_ADDRESS:
    case SP_EPISODE_FIELD_ADMITTING_WARD:
    case SP_EPISODE_FIELD_ESTIMATED_DISCHARGE:
      return TRUE;
    case SP_EPISODE_FIELD_MUNICIPALITY:
    case SP_EPISODE_FIELD_LISTED_CARE_UNIT:
      return profile->region == SP_REGION_VGR;
    default:
      return FALSE;
    }
}

/* The kind of the unit that wrote a datum; FALSE if it is not part of the episode. */
static gboolean
lookup_owner_kind (SpEpisode  *episode,
                   const char *owner_unit_id,
                   SpUnitKind *out_kind)
{
  const SpAddressee *addressee;

  if (strcmp (owner_unit_id, sp_episode_get_ward_unit_id (episode)) == 0)
    {
      *out_kind = SP_UNIT_KIND_INPATIENT;
      return TRUE;
    }

  addressee = sp_episode_find_addressee (episode, owner_unit_id);
  if (addressee == NULL)
    return FALSE;

  *out_kind = addressee->unit_kind;
  return TRUE;
}

/* A positive harm assessment is health care's instrument (DOMAIN §4): it opens health-care
 * data to health-care units only. Social services' data, and anything to social services,
 * still needs consent; that also keeps social services and municipal health care apart. */
static gboolean
harm_assessment_opens (SpEpisode  *episode,
                       SpUnitKind  viewer_kind,
                       const char *owner_unit_id)
{
  SpUnitKind owner_kind = SP_UNIT_KIND_INPATIENT;

  if (!sp_unit_kind_is_health_care (viewer_kind))
    return FALSE;

  if (owner_unit_id != NULL && !lookup_owner_kind (episode, owner_unit_id, &owner_kind))
    return FALSE;

  return sp_unit_kind_is_health_care (owner_kind);
}

/**
 * sp_access_may_see_episode:
 * @unit_id: the unit asking
 *
 * Only the ward and the addressed units (including units added by a SIP invitation) see an
 * episode at all (DOMAIN §12).
 *
 * Returns: %TRUE if @unit_id may see @episode.
 */
gboolean
sp_access_may_see_episode (SpEpisode  *episode,
                           const char *unit_id)
{
  g_return_val_if_fail (SP_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (unit_id != NULL, FALSE);

  return strcmp (unit_id, sp_episode_get_ward_unit_id (episode)) == 0 ||
         sp_episode_find_addressee (episode, unit_id) != NULL;
}

/**
 * sp_access_may_see_field:
 * @profile: the region's rules
 * @episode: the episode
 * @unit_id: the unit asking
 * @unit_kind: its kind
 * @field: the part asked for
 * @owner_unit_id: (nullable): the unit that wrote the datum, for data each unit keeps
 *   (planning answers, interventions); %NULL for the episode's own data, which the ward wrote
 * @now: the instant the question is asked: consent may since have been withdrawn
 *
 * The ward sees everything, and every unit its own data (each party plans within its own
 * organisation). Otherwise: with consent to the SVU exchange in force, everything; without it
 * but with a harm assessment allowing sharing, health-care data to health-care units; else only
 * what an admission notice may carry without consent (DOMAIN §4). The named care contacts are
 * shown to every unit that sees the episode, consent or not (DOMAIN §5).
 *
 * Returns: %TRUE if @unit_id may see @field of @episode at @now.
 */
gboolean
sp_access_may_see_field (const SpRegionProfile *profile,
                         SpEpisode             *episode,
                         const char            *unit_id,
                         SpUnitKind             unit_kind,
                         SpEpisodeField         field,
                         const char            *owner_unit_id,
                         GDateTime             *now)
{
  SpConsentSet *consents;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (SP_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (unit_id != NULL, FALSE);
  g_return_val_if_fail (field <= SP_EPISODE_FIELD_INTERPRETER, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!sp_access_may_see_episode (episode, unit_id))
    return FALSE;

  /* The fast vårdkontakt's name, unit and work phone are recorded "and shown to all parties
   * and to the patient" (DOMAIN §5, step 2): who coordinates is no patient datum that consent
   * gates, and every party needs to know whom to call. */
  if (field == SP_EPISODE_FIELD_CARE_CONTACTS)
    return TRUE;

  if (strcmp (unit_id, sp_episode_get_ward_unit_id (episode)) == 0)
    return TRUE;

  if (owner_unit_id != NULL && strcmp (owner_unit_id, unit_id) == 0)
    return TRUE;

  consents = sp_episode_get_consents (episode);
  if (sp_consent_set_is_given (consents, SP_CONSENT_KIND_SVU_EXCHANGE, now,
                               sp_episode_get_patient_is_child (episode)))
    return TRUE;

  if (sp_consent_set_harm_assessment_allows (consents, now) &&
      harm_assessment_opens (episode, unit_kind, owner_unit_id))
    return TRUE;

  return is_minimal_field (profile, field);
}
