/* sp-track.c — the one track function that server and client share (DOMAIN §6)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-planning"

#include "config.h"

#include "sp-planning.h"

/* What each rule gives, indexed by SpTrackRule; the reason is shown verbatim after the
 * track's heading. */
static const struct
{
  SpTrack     track;
  const char *why;
} rules[] = {
  [SP_TRACK_RULE_EXTENSIVE] =
    { SP_TRACK_ROD, "omfattande vård- och rehabiliteringsinsatser i hemmet" },
  [SP_TRACK_RULE_HSL_NEW] =
    { SP_TRACK_GUL,
      "nya eller förändrade behov av kommunal hälso- och sjukvård eller rehabilitering" },
  [SP_TRACK_RULE_SHORT_TERM_STAY] =
    { SP_TRACK_GUL, "korttidsvistelse är aktuell" },
  [SP_TRACK_RULE_SOL_NEW] =
    { SP_TRACK_GUL, "nya eller förändrade behov av insatser från socialtjänsten" },
  [SP_TRACK_RULE_SOL_NEW_WITH_REGION] =
    { SP_TRACK_GUL, "nya behov från socialtjänsten och insatser från regionens öppenvård" },
  [SP_TRACK_RULE_HSL_BEFORE] =
    { SP_TRACK_GRON,
      "känd patient med oförändrade insatser från kommunal hälso- och sjukvård" },
  [SP_TRACK_RULE_SPECIAL_HOUSING] =
    { SP_TRACK_GRON, "särskilt boende" },
  [SP_TRACK_RULE_SINGLE_PRINCIPAL] =
    { SP_TRACK_BLA, "insatser från en huvudman" },
  [SP_TRACK_RULE_NONE] =
    { SP_TRACK_GRA, "inga behov som omfattas av lagen" },
};

/* A key counts as yes when any unit's latest answer says yes. */
static gboolean
anyone_says_yes (GPtrArray  *answers,
                 const char *key)
{
  for (guint i = 0; i < answers->len; i++)
    if (sp_planning_answer_get_value (g_ptr_array_index (answers, i), key) ==
        SP_PLANNING_VALUE_YES)
      return TRUE;

  return FALSE;
}

/* DOMAIN §6, "Track, first match wins". simple_only has no rule of its own: it leaves the
 * track at grå, where nothing else applies. */
static SpTrackRule
match_rule (const SpRegionProfile *profile,
            GPtrArray             *answers)
{
  if (anyone_says_yes (answers, "extensive"))
    return SP_TRACK_RULE_EXTENSIVE;

  if (anyone_says_yes (answers, "hsl_new"))
    return SP_TRACK_RULE_HSL_NEW;
  if (anyone_says_yes (answers, "short_term_stay"))
    return SP_TRACK_RULE_SHORT_TERM_STAY;
  if (anyone_says_yes (answers, "sol_new"))
    {
      /* Västerbotten: any new social-services need is gul. Elsewhere only when both
       * principals are involved; else it falls through (to blå, rule 4). */
      if (profile->sol_new_alone_is_gul)
        return SP_TRACK_RULE_SOL_NEW;
      if (anyone_says_yes (answers, "region_before") || anyone_says_yes (answers, "region_new"))
        return SP_TRACK_RULE_SOL_NEW_WITH_REGION;
    }

  if (anyone_says_yes (answers, "hsl_before"))
    return SP_TRACK_RULE_HSL_BEFORE;
  if (anyone_says_yes (answers, "special_housing"))
    return SP_TRACK_RULE_SPECIAL_HOUSING;

  if (anyone_says_yes (answers, "sol_before") ||
      anyone_says_yes (answers, "sol_new") ||
      anyone_says_yes (answers, "region_before") ||
      anyone_says_yes (answers, "region_new"))
    return SP_TRACK_RULE_SINGLE_PRINCIPAL;

  return SP_TRACK_RULE_NONE;
}

/**
 * sp_planning_compute_track:
 * @profile: the region's rules
 * @latest_answers: (element-type SpPlanningAnswer): the latest answer of every unit
 * @out_rule: (out) (optional): which rule decided
 * @out_reason: (out) (optional) (transfer full): why, in Swedish, for display
 *
 * The episode's track (DOMAIN §6). The rules are applied once to the union of the answers: a
 * question counts as yes when any unit's latest answer says yes. DOMAIN calls the track "the
 * highest colour implied by any unit's latest answers"; for every rule on a single question
 * the union gives exactly that, and it also lets "sol_new together with a region need"
 * combine what kommun (sol_new) and öppenvård (region_before) answer (our choice).
 *
 * Västerbotten has no grå track (#SpRegionProfile.uses_gra_track); with nothing that the law
 * covers the result is still grå there, not some other colour (our choice).
 *
 * Returns: the track.
 */
SpTrack
sp_planning_compute_track (const SpRegionProfile  *profile,
                           GPtrArray              *latest_answers,
                           SpTrackRule            *out_rule,
                           char                  **out_reason)
{
  SpTrackRule rule;

  g_return_val_if_fail (profile != NULL, SP_TRACK_GRA);
  g_return_val_if_fail (latest_answers != NULL, SP_TRACK_GRA);

  rule = match_rule (profile, latest_answers);

  if (out_rule != NULL)
    *out_rule = rule;
  if (out_reason != NULL)
    *out_reason = g_strdup_printf ("%s: %s", sp_track_get_heading (rules[rule].track),
                                   rules[rule].why);

  return rules[rule].track;
}

/**
 * sp_track_get_heading:
 *
 * Returns: the track's name as shown in Swedish, e.g. "Gult spår".
 */
const char *
sp_track_get_heading (SpTrack track)
{
  static const char * const headings[] = {
    "Grått spår", "Blått spår", "Grönt spår", "Gult spår", "Rött spår",
  };

  g_return_val_if_fail (track <= SP_TRACK_ROD, NULL);

  return headings[track];
}

/**
 * sp_track_get_implications:
 *
 * What @track asks of the process in @profile's region, from DOMAIN §6's table ("process
 * consequence") and §7. Only Västerbotten's routine gives per-track deadlines and
 * pre-meetings, and the profile has no field for them, so those key on the region.
 *
 * Returns: the implications.
 */
SpTrackImplications
sp_track_get_implications (const SpRegionProfile *profile,
                           SpTrack                track)
{
  SpTrackImplications out = { 0 };
  gboolean vasterbotten;

  g_return_val_if_fail (profile != NULL, out);
  g_return_val_if_fail (track <= SP_TRACK_ROD, out);

  vasterbotten = profile->region == SP_REGION_VASTERBOTTEN;

  switch (track)
    {
    case SP_TRACK_GRA:
      /* "no admission notice needed, no care contact, no SIP requirement". Also in
       * Västerbotten, which has no grå but may get it from the track function. */
      break;

    case SP_TRACK_BLA:
      out.admission_notice_needed = TRUE;
      /* Stockholm names a care contact only "if öppenvård interventions are needed", which
       * the track does not tell; Västerbotten: "no need for coordination". */
      out.care_contact_needed = FALSE;
      /* Västerbotten: "no SIP invitation"; Stockholm (and VGR, which uses its tracks):
       * "SIP ska erbjudas om den enskilde har insatser från kommunen". */
      out.sip_invitation = vasterbotten ? SP_SIP_NEED_NONE : SP_SIP_NEED_OFFER_AFTER_DISCHARGE;
      /* Västerbotten: "home as soon as possible after ready, at the latest the day after". */
      out.home_by_day_after_ready = vasterbotten;
      break;

    case SP_TRACK_GRON:
      out.admission_notice_needed = TRUE;
      /* "öppenvård decides with the patient whether a SIP is made or updated after
       * discharge": the care contact does (Stockholm, 002: "utse en fast vårdkontakt"). */
      out.care_contact_needed = TRUE;
      out.sip_invitation = SP_SIP_NEED_OFFER_AFTER_DISCHARGE;
      /* "home at the latest the day after ready (Västerbotten)". */
      out.home_by_day_after_ready = vasterbotten;
      break;

    case SP_TRACK_GUL:
      out.admission_notice_needed = TRUE;
      /* "öppenvård coordinates and invites to SIP"; "SIP after discharge". */
      out.care_contact_needed = TRUE;
      out.sip_invitation = SP_SIP_NEED_REQUIRED;
      /* Västerbotten: "consider a pre-meeting"; "SIP meeting or follow-up within 4 weeks of
       * discharge" (§7: "within 4 weeks (gul)"). */
      out.pre_meeting = vasterbotten ? SP_PRE_MEETING_NEED_SUGGESTED : SP_PRE_MEETING_NEED_NONE;
      out.follow_up_within_weeks = vasterbotten ? 4 : 0;
      break;

    case SP_TRACK_ROD:
      out.admission_notice_needed = TRUE;
      /* "öppenvård coordinates and invites". */
      out.care_contact_needed = TRUE;
      out.sip_invitation = SP_SIP_NEED_REQUIRED;
      /* "SIP can be held (Stockholm: an initial SIP) in hospital before discharge". */
      out.sip_may_be_held_in_hospital = TRUE;
      /* "pre-meeting required (Västerbotten)"; elsewhere a suggestion, since a pre-meeting
       * is what complex cases get (§2, förmöte) and röd is the complex case (our choice). */
      out.pre_meeting = vasterbotten ? SP_PRE_MEETING_NEED_REQUIRED
                                     : SP_PRE_MEETING_NEED_SUGGESTED;
      break;

    default:
      g_assert_not_reached ();
    }

  return out;
}
