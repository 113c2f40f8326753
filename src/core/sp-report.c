/* sp-report.c — uppföljning: lead times and liability per municipality and month
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DOMAIN §7 and §10. The payment models are sp-liability's; this module adds how well each
 * discharged episode's clocks were kept, the daily rate per year and the caller's selection
 * of months and municipality. The JSON and CSV forms are in sp-report-json.c.
 */

#define G_LOG_DOMAIN "sp-report"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-report-private.h"

G_DEFINE_QUARK (sp-report-error-quark, sp_report_error)

/* ---- one episode ---- */

static GDateTime *
later (GDateTime *a,
       GDateTime *b)
{
  if (b == NULL)
    return a;

  return g_date_time_compare (a, b) >= 0 ? a : b;
}

/* A clock counts once it was kept or ran out; one still running at @end (the discharge,
 * when the clock stops) is neither. */
static void
add_clock (SpReportTally         *tally,
           const SpRegionProfile *profile,
           SpClock                clock,
           GDateTime             *start,
           GDateTime             *done,
           GDateTime             *end)
{
  g_autoptr(GDateTime) due = sp_deadline_get_due (profile, clock, start);

  if (done == NULL && end != NULL && g_date_time_compare (due, end) >= 0)
    return;

  tally->due++;
  if (done != NULL && !sp_deadline_is_overdue (due, done, NULL))
    tally->in_time++;
}

static GDateTime *
find_named_at (SpEpisode  *episode,
               const char *unit_id)
{
  GPtrArray *contacts = sp_episode_get_care_contacts (episode);

  for (guint i = 0; i < contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (contacts, i);

      if (g_strcmp0 (contact->unit_id, unit_id) == 0)
        return contact->named_at;
    }

  return NULL;
}

/* The same clocks as the overview shows (DOMAIN §7): the ward's notice, each addressed
 * unit's acknowledgement, each outpatient recipient's care contact, the SIP invitation. */
static void
add_clocks (SpReportEpisode       *self,
            const SpRegionProfile *profile,
            SpEpisode             *episode,
            gboolean               sip_needed,
            GDateTime             *sip_invited)
{
  GDateTime *sent = sp_episode_get_admission_notice_sent_at (episode);
  GDateTime *notice_at = sp_episode_get_current_notice_sent_at (episode);
  GDateTime *discharged = sp_episode_get_discharged_at (episode);
  GPtrArray *addressing = sp_episode_get_addressing (episode);

  add_clock (&self->tallies[SP_REPORT_CLOCK_ADMISSION_NOTICE], profile,
             SP_CLOCK_ADMISSION_NOTICE_SENT,
             later (sp_episode_get_admitted_at (episode), sp_episode_get_needs_judged_at (episode)),
             sent, NULL);

  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);

      add_clock (&self->tallies[SP_REPORT_CLOCK_ACKNOWLEDGEMENT], profile,
                 SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED, later (notice_at, addressee->added_at),
                 sp_episode_get_acknowledged_at (episode, SP_EPISODE_NOTICE_ADMISSION,
                                                 addressee->unit_id),
                 discharged);
      if (addressee->unit_kind == SP_UNIT_KIND_OUTPATIENT &&
          addressee->role == SP_ADDRESSING_ROLE_RECIPIENT)
        add_clock (&self->tallies[SP_REPORT_CLOCK_CARE_CONTACT], profile,
                   SP_CLOCK_CARE_CONTACT_NAMED, later (sent, addressee->added_at),
                   find_named_at (episode, addressee->unit_id), discharged);
    }

  /* The invitation is due after discharge too: it counts whether or not it was sent. */
  if (sip_needed)
    add_clock (&self->tallies[SP_REPORT_CLOCK_SIP_INVITATION], profile,
               SP_CLOCK_SIP_INVITATION_SENT, sp_episode_get_ready_at (episode), sip_invited,
               NULL);
}

/**
 * sp_report_episode_new:
 * @profile: the region whose clocks apply
 * @episode: a discharged episode (it has a ready notice and a discharge)
 * @municipality: the liable municipality (folkbokföringskommun or the placing one)
 * @sip_needed: whether a SIP was needed (the yellow and red tracks)
 * @sip_invited: (nullable): when the SIP invitation was sent
 * @listed: whether the caller may see the episode, so its id may be listed
 *
 * Whether a care contact was named (a condition where the profile asks for it) is read
 * from @episode: any named one counts.
 *
 * Returns: (transfer full): the episode's facts for sp_report_compute()
 */
SpReportEpisode *
sp_report_episode_new (const SpRegionProfile *profile,
                       SpEpisode             *episode,
                       const char            *municipality,
                       gboolean               sip_needed,
                       GDateTime             *sip_invited,
                       gboolean               listed)
{
  SpReportEpisode *self;
  GDateTime *ready, *discharged;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (SP_IS_EPISODE (episode), NULL);
  g_return_val_if_fail (municipality != NULL, NULL);
  ready = sp_episode_get_ready_at (episode);
  discharged = sp_episode_get_discharged_at (episode);
  g_return_val_if_fail (ready != NULL && discharged != NULL, NULL);

  self = g_new0 (SpReportEpisode, 1);
  self->listed = listed;
  add_clocks (self, profile, episode, sip_needed, sip_invited);

  /* The ward may record a discharge time before the ready stamp: that stay had 0 days.
   * Neither the episode nor its planning records that the patient refused the
   * interventions (a SIP declined is not that), so no episode is left out for it. */
  self->liability = sp_liability_episode_new (
    sp_episode_get_id (episode), municipality, ready, later (discharged, ready),
    self->tallies[SP_REPORT_CLOCK_ADMISSION_NOTICE].in_time > 0, sip_needed, sip_invited,
    sp_episode_get_care_contacts (episode)->len > 0, FALSE);

  return self;
}

void
sp_report_episode_free (SpReportEpisode *self)
{
  if (self == NULL)
    return;

  sp_liability_episode_free (self->liability);
  g_free (self);
}

/**
 * sp_report_episode_get_tally:
 *
 * Returns: (transfer none): how @clock was kept in this episode
 */
const SpReportTally *
sp_report_episode_get_tally (SpReportEpisode *self,
                             SpReportClock    clock)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (clock < SP_REPORT_N_CLOCKS, NULL);

  return &self->tallies[clock];
}

/* ---- the report ---- */

static gboolean
find_rate (const SpReportRate *rates,
           guint               n_rates,
           guint               year,
           double             *out_rate)
{
  for (guint i = 0; i < n_rates; i++)
    {
      if (rates[i].year == year)
        {
          *out_rate = rates[i].rate_sek;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_selected (SpLiabilityEntry *entry,
             const char       *from_month,
             const char       *to_month,
             const char       *municipality)
{
  const char *month = sp_liability_entry_get_month (entry);

  return (from_month == NULL || strcmp (month, from_month) >= 0) &&
         (to_month == NULL || strcmp (month, to_month) <= 0) &&
         (municipality == NULL ||
          g_str_equal (sp_liability_entry_get_municipality (entry), municipality));
}

/* The liability report computed with @rate; computed once per distinct rate. */
static SpLiabilityReport *
get_liability (SpReport   *self,
               double      rate,
               GPtrArray  *liability_episodes,
               GError    **error)
{
  SpLiabilityReport *report;

  for (guint i = 0; i < self->liabilities->len; i++)
    {
      report = g_ptr_array_index (self->liabilities, i);
      if (sp_liability_report_get_rate (report) == rate)
        return report;
    }

  report = sp_liability_compute (self->profile, rate, liability_episodes, error);
  if (report != NULL)
    g_ptr_array_add (self->liabilities, report);

  return report;
}

static void
add_month (SpReport         *self,
           SpLiabilityEntry *entry,
           double            rate)
{
  SpReportMonth month = { entry, rate, { { 0 } }, { 0 } };
  const SpLiabilityRow *rows;
  guint n_rows;

  rows = sp_liability_entry_get_rows (entry, &n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      SpReportEpisode *episode = g_hash_table_lookup (self->by_id, rows[i].id);

      for (guint c = 0; c < SP_REPORT_N_CLOCKS; c++)
        {
          month.tallies[c].due += episode->tallies[c].due;
          month.tallies[c].in_time += episode->tallies[c].in_time;
        }
      month.excluded[rows[i].exclusion]++;
    }

  g_array_append_val (self->months, month);
}

/**
 * sp_report_compute:
 * @profile: the region whose clocks and payment model apply
 * @rates: (array length=n_rates): the daily rate of each year
 * @n_rates: the number of @rates
 * @episodes: (element-type SpReportEpisode): the discharged episodes the caller may count
 * @from_month: (nullable): the first month reported, "YYYY-MM"
 * @to_month: (nullable): the last month reported, "YYYY-MM"
 * @municipality: (nullable): only this municipality
 * @error: return location for an #SP_REPORT_ERROR_NO_RATE when a reported month's year has
 *   no rate, or an #SP_LIABILITY_ERROR
 *
 * Every episode counts in the Västerbotten trend; only the selected months are reported.
 *
 * Returns: (transfer full) (nullable): the report
 */
SpReport *
sp_report_compute (const SpRegionProfile  *profile,
                   const SpReportRate     *rates,
                   guint                   n_rates,
                   GPtrArray              *episodes,
                   const char             *from_month,
                   const char             *to_month,
                   const char             *municipality,
                   GError                **error)
{
  g_autoptr(SpReport) self = g_new0 (SpReport, 1);
  g_autoptr(GPtrArray) liability_episodes = g_ptr_array_new ();
  SpLiabilityReport *first;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (rates != NULL || n_rates == 0, NULL);
  g_return_val_if_fail (episodes != NULL, NULL);

  self->profile = profile;
  self->liabilities = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_liability_report_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->months = g_array_new (FALSE, FALSE, sizeof (SpReportMonth));

  for (guint i = 0; i < episodes->len; i++)
    {
      SpReportEpisode *episode = g_ptr_array_index (episodes, i);

      g_ptr_array_add (liability_episodes, episode->liability);
      g_hash_table_insert (self->by_id, episode->liability->id, episode);
    }

  /* The figures in days do not depend on the rate: the entries are the same in every
   * report, and each month takes its kronor from the report of its year's rate. */
  first = get_liability (self, 0, liability_episodes, error);
  if (first == NULL)
    return NULL;

  for (guint i = 0; i < sp_liability_report_get_n_entries (first); i++)
    {
      SpLiabilityEntry *entry = sp_liability_report_get_entry (first, i);
      guint year = atoi (sp_liability_entry_get_month (entry));
      SpLiabilityReport *report;
      double rate;

      if (!is_selected (entry, from_month, to_month, municipality))
        continue;

      if (!find_rate (rates, n_rates, year, &rate))
        {
          g_set_error (error, SP_REPORT_ERROR, SP_REPORT_ERROR_NO_RATE,
                       "rate: no daily rate for %u", year);
          return NULL;
        }

      report = get_liability (self, rate, liability_episodes, error);
      if (report == NULL)
        return NULL;
      add_month (self, sp_liability_report_get_entry (report, i), rate);
    }

  return g_steal_pointer (&self);
}

void
sp_report_free (SpReport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->months, g_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->liabilities, g_ptr_array_unref);
  g_free (self);
}
