/* sp-region-profile.c — what differs between the three regions, as data
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-region-profile"

#include "config.h"

#include "sp-region-profile.h"

/* Sources are the documents in shared/seeds (DOMAIN.md §5, §6, §7, §10): 000 and 004 are
 * Västra Götaland's Q&A and regional guideline, 003 its payment agreement; 001 is
 * Västerbotten's länsrutin; 002 is Stockholm's routine. Indexed by SpRegion. */
static const SpRegionProfile profiles[] = {
  [SP_REGION_VGR] = {
    .region = SP_REGION_VGR,
    .id = "vgr",
    .name = "Västra Götalandsregionen",
    /* The VGR sources name no tracks: Stockholm's five, including grå (our choice, §6). */
    .uses_gra_track = TRUE,
    .sol_new_alone_is_gul = FALSE,
    /* Our choice: VGR checks the inbox also on weekends and holidays (000: "Inkorgen ska
     * också kontrolleras och åtgärdas under helger och helgdagar"), so every day counts. */
    .ack_weekdays_only = FALSE,
    /* Vårdbegäran is step 0 of VGR's process (000, 004). */
    .care_request_enabled = TRUE,
    /* 004 §13: "senast tre kalenderdagar efter att slutenvården skickat meddelande om
     * utskrivningsklar"; 000 repeats the 3 days. */
    .sip_deadline = SP_SIP_DEADLINE_DAYS_AFTER_READY,
    .sip_invitation_days = 3,
    /* 003: liability when the monthly average "överskrider 3,0 kalenderdagar"; patients
     * "längre än 7 kalenderdagar" get an individual calculation "från dag 8". */
    .liability_model = SP_LIABILITY_MODEL_VGR,
    .liability_threshold_days = 3.0,
    .individual_after_days = 7,
    .consecutive_months = 0,
    /* 003 §7 lists the law's conditions only. */
    .liability_needs_care_contact = FALSE,
    .liability_needs_no_refusal = FALSE,
  },
  [SP_REGION_STOCKHOLM] = {
    .region = SP_REGION_STOCKHOLM,
    .id = "stockholm",
    .name = "Region Stockholm",
    /* 002: five colour groups, grå to röd. A new SoL need alone is blå, one principal
     * only (our formalisation, DOMAIN §6). */
    .uses_gra_track = TRUE,
    .sol_new_alone_is_gul = FALSE,
    /* 002: "kvittera mottaget inskrivningsmeddelande inom 24 timmar på vardagar". */
    .ack_weekdays_only = TRUE,
    /* 002 has no vårdbegäran. */
    .care_request_enabled = FALSE,
    /* 002 says "preferably before discharge" in a garbled sentence: the ready date is our
     * choice (DOMAIN §7). The law's 3 days are SP_CLOCK_SIP_INVITATION_LEGAL. */
    .sip_deadline = SP_SIP_DEADLINE_BY_READY_DATE,
    .sip_invitation_days = 0,
    /* 002: liability "när 1,3 kalenderdagar har passerat" (days 0, 1 and 2). */
    .liability_model = SP_LIABILITY_MODEL_STOCKHOLM,
    .liability_threshold_days = 1.3,
    .individual_after_days = 0,
    .consecutive_months = 0,
    /* 002: "en fast vårdkontakt är utsedd", and the patient "inte ha motsatt sig att ta
     * emot insatser från berörda enheter". */
    .liability_needs_care_contact = TRUE,
    .liability_needs_no_refusal = TRUE,
  },
  [SP_REGION_VASTERBOTTEN] = {
    .region = SP_REGION_VASTERBOTTEN,
    .id = "vasterbotten",
    .name = "Region Västerbotten",
    /* 001: four tracks, blå to röd; gul covers any new or changed social-services need. */
    .uses_gra_track = FALSE,
    .sol_new_alone_is_gul = TRUE,
    /* 001: the admission notice "kvitteras och besvaras … alla dagar". */
    .ack_weekdays_only = FALSE,
    /* 001: "vårdbegäran inte ska användas vid driftsstart av Lifecare SP". */
    .care_request_enabled = FALSE,
    /* 001: "kallelse … senast vid utskrivningsklardatum". */
    .sip_deadline = SP_SIP_DEADLINE_BY_READY_DATE,
    .sip_invitation_days = 0,
    /* 001: average "inom 3 dagar" per calendar month; reglering when it is exceeded
     * "under tre kalendermånader i följd". */
    .liability_model = SP_LIABILITY_MODEL_VASTERBOTTEN,
    .liability_threshold_days = 3.0,
    .individual_after_days = 0,
    .consecutive_months = 3,
    /* 001 ("Kommunens betalningsansvar förutsätter enligt lagen") lists the law's only. */
    .liability_needs_care_contact = FALSE,
    .liability_needs_no_refusal = FALSE,
  },
};

/**
 * sp_region_profile_get:
 * @region: a region
 *
 * Returns: (transfer none): the static profile of @region; profiles may be compared by
 *   pointer
 */
const SpRegionProfile *
sp_region_profile_get (SpRegion region)
{
  g_return_val_if_fail (region < G_N_ELEMENTS (profiles), NULL);

  return &profiles[region];
}

/**
 * sp_region_profile_lookup:
 * @id: (nullable): a profile id: "vgr", "stockholm" or "vasterbotten"
 *
 * Returns: (transfer none) (nullable): the profile with the id @id, or %NULL if there is
 *   none (also for %NULL): ids come from stored data and configuration
 */
const SpRegionProfile *
sp_region_profile_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (profiles); i++)
    {
      if (g_str_equal (profiles[i].id, id))
        return &profiles[i];
    }

  return NULL;
}
