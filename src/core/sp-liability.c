/* sp-liability.c — payment liability (betalningsansvar) under the three regional models
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DOMAIN §10. Episodes are grouped per liable municipality and the Stockholm calendar month
 * of discharge. Days are kept as integers and liabilities in hundredths of a day, so a sum
 * never drifts: Stockholm's 1.3 × n is the only fraction, and it is exact in hundredths.
 */

#define G_LOG_DOMAIN "sp-liability"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-liability.h"

#define MAX_ID           64
#define MAX_MUNICIPALITY 128

/* DOMAIN §10 asks every report for the patients over 7 days, whatever the model. */
#define REPORT_OVER_DAYS 7

/* Liabilities are counted in hundredths of a day. */
#define CENTI 100

/* A month's average as its exact ratio; unknown before a municipality's data starts. */
typedef struct
{
  gboolean known;
  gint64   sum;
  guint    n;
} MonthAverage;

struct _SpLiabilityEntry
{
  char     *municipality;
  int       month_index;      /* year × 12 + month − 1: consecutive months differ by 1 */
  char     *month;            /* "YYYY-MM" */
  GArray   *rows;             /* SpLiabilityRow, in input order */
  GArray   *distribution;     /* guint per days-after-ready value */

  guint     n_counted;
  guint     n_over;
  guint     n_average;        /* the episodes the model's average is taken over */
  gint64    average_sum;      /* their days */
  gint64    individual_cdays;
  gint64    average_part_cdays;
  gint64    liability_cdays;
  gint64    liability_sek;

  /* Västerbotten's trend: MonthAverage of the months before, oldest first. */
  GArray   *previous;
  gboolean  active;
};

struct _SpLiabilityReport
{
  const SpRegionProfile *profile;
  double                 rate;
  GPtrArray             *entries; /* SpLiabilityEntry, by municipality then month */
};

G_DEFINE_QUARK (sp-liability-error-quark, sp_liability_error)

G_DEFINE_BOXED_TYPE (SpLiabilityReport, sp_liability_report,
                     sp_liability_report_ref, sp_liability_report_unref)

/* An episode on its way into an entry. */
typedef struct
{
  const SpLiabilityEpisode *episode;
  int                       month_index;
  SpLiabilityRow            row;
} Item;

static void
row_clear (SpLiabilityRow *row)
{
  g_clear_pointer (&row->id, g_free);
}

static SpLiabilityEntry *
entry_new (const char *municipality,
           int         month_index)
{
  SpLiabilityEntry *entry = g_new0 (SpLiabilityEntry, 1);

  entry->municipality = g_strdup (municipality);
  entry->month_index = month_index;
  entry->month = g_strdup_printf ("%04d-%02d", month_index / 12, month_index % 12 + 1);
  entry->rows = g_array_new (FALSE, TRUE, sizeof (SpLiabilityRow));
  g_array_set_clear_func (entry->rows, (GDestroyNotify) row_clear);
  entry->distribution = g_array_new (FALSE, TRUE, sizeof (guint));
  entry->previous = g_array_new (FALSE, FALSE, sizeof (MonthAverage));

  return entry;
}

static void
entry_free (SpLiabilityEntry *entry)
{
  g_free (entry->municipality);
  g_free (entry->month);
  g_array_unref (entry->rows);
  g_array_unref (entry->distribution);
  g_array_unref (entry->previous);
  g_free (entry);
}

static void
report_clear (SpLiabilityReport *self)
{
  g_clear_pointer (&self->entries, g_ptr_array_unref);
}

/* Round half away from zero, to the hundredth, from an exact ratio of integers ≥ 0. */
static double
round_ratio_2 (gint64 numerator,
               gint64 denominator)
{
  if (denominator == 0)
    return 0;

  return (double) ((numerator * CENTI * 2 + denominator) / (denominator * 2)) / CENTI;
}

static double
get_ratio (gint64 sum,
           guint  n)
{
  return n > 0 ? (double) sum / n : 0;
}

/* Whether the entry's average exceeds @threshold_cdays, compared exactly. */
static gboolean
is_over (SpLiabilityEntry *entry,
         gint64            threshold_cdays)
{
  return entry->average_sum * CENTI > threshold_cdays * entry->n_average;
}

/* ---- validating and reading episodes ---- */

static gboolean
check_episode (const SpLiabilityEpisode *episode,
               GError                  **error)
{
  if (*episode->id == '\0')
    {
      g_set_error_literal (error, SP_LIABILITY_ERROR, SP_LIABILITY_ERROR_EMPTY, "id: empty");
      return FALSE;
    }

  if (*episode->municipality == '\0')
    {
      g_set_error_literal (error, SP_LIABILITY_ERROR, SP_LIABILITY_ERROR_EMPTY,
                           "municipality: empty");
      return FALSE;
    }

  if (g_date_time_compare (episode->discharged, episode->ready) < 0)
    {
      g_set_error_literal (error, SP_LIABILITY_ERROR, SP_LIABILITY_ERROR_DISCHARGED_BEFORE_READY,
                           "discharged: before the ready notice");
      return FALSE;
    }

  return TRUE;
}

/* Each episode on its own, then ids unique: every figure names its episodes by id. */
static gboolean
check_episodes (GPtrArray  *episodes,
                GError    **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < episodes->len; i++)
    {
      const SpLiabilityEpisode *episode = g_ptr_array_index (episodes, i);

      if (!check_episode (episode, error))
        {
          g_prefix_error (error, "[%u].", i);
          return FALSE;
        }

      if (!g_hash_table_add (ids, episode->id))
        {
          /* The id is not echoed: the message ends up in logs. */
          g_set_error (error, SP_LIABILITY_ERROR, SP_LIABILITY_ERROR_DUPLICATE_ID,
                       "[%u].id: the same id as an earlier episode", i);
          return FALSE;
        }
    }

  return TRUE;
}

static SpLiabilityEpisode *
episode_from_json (JsonObject  *object,
                   GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *municipality = NULL;
  g_autoptr(GDateTime) ready = NULL;
  g_autoptr(GDateTime) discharged = NULL;
  g_autoptr(GDateTime) sip_invited = NULL;
  gboolean admission_notice_in_time = FALSE;
  gboolean sip_needed = FALSE;
  /* Absent, neither condition is known to fail: the input read before they existed. */
  gboolean care_contact_named = TRUE;
  gboolean refused = FALSE;

  if (!sp_json_get_string (object, "id", TRUE, MAX_ID, &id, error) ||
      !sp_json_get_string (object, "municipality", TRUE, MAX_MUNICIPALITY, &municipality,
                           error) ||
      !sp_json_get_datetime (object, "ready", TRUE, &ready, error) ||
      !sp_json_get_datetime (object, "discharged", TRUE, &discharged, error) ||
      !sp_json_get_bool (object, "admission_notice_in_time", TRUE, &admission_notice_in_time,
                         error) ||
      !sp_json_get_bool (object, "sip_needed", TRUE, &sip_needed, error) ||
      !sp_json_get_datetime (object, "sip_invited", FALSE, &sip_invited, error) ||
      !sp_json_get_bool (object, "care_contact_named", FALSE, &care_contact_named, error) ||
      !sp_json_get_bool (object, "interventions_refused", FALSE, &refused, error))
    return NULL;

  return sp_liability_episode_new (id, municipality, ready, discharged,
                                   admission_notice_in_time, sip_needed, sip_invited,
                                   care_contact_named, refused);
}

/* ---- grouping ---- */

static SpLiabilityExclusion
get_sip_exclusion (const SpRegionProfile    *profile,
                   const SpLiabilityEpisode *episode)
{
  g_autoptr(GDateTime) sip_due = NULL;

  if (!episode->sip_needed)
    return SP_LIABILITY_EXCLUSION_NONE;

  if (episode->sip_invited == NULL)
    return SP_LIABILITY_EXCLUSION_SIP_NOT_INVITED;

  /* The law's 3 days after the ready notice, in every region. */
  sip_due = sp_deadline_get_due (profile, SP_CLOCK_SIP_INVITATION_LEGAL, episode->ready);
  if (sp_deadline_is_overdue (sip_due, episode->sip_invited, NULL))
    return SP_LIABILITY_EXCLUSION_SIP_INVITED_LATE;

  return SP_LIABILITY_EXCLUSION_NONE;
}

/* The first condition that fails, in the order of Stockholm's list (002): the inpatient
 * ward's, then the outpatient care's (care contact, SIP), then the patient's. */
static SpLiabilityExclusion
get_exclusion (const SpRegionProfile    *profile,
               const SpLiabilityEpisode *episode)
{
  SpLiabilityExclusion sip;

  if (!episode->admission_notice_in_time)
    return SP_LIABILITY_EXCLUSION_ADMISSION_NOTICE_LATE;

  if (profile->liability_needs_care_contact && !episode->care_contact_named)
    return SP_LIABILITY_EXCLUSION_CARE_CONTACT_NOT_NAMED;

  if ((sip = get_sip_exclusion (profile, episode)) != SP_LIABILITY_EXCLUSION_NONE)
    return sip;

  if (profile->liability_needs_no_refusal && episode->interventions_refused)
    return SP_LIABILITY_EXCLUSION_INTERVENTIONS_REFUSED;

  return SP_LIABILITY_EXCLUSION_NONE;
}

static void
classify (const SpRegionProfile    *profile,
          const SpLiabilityEpisode *episode,
          Item                     *item)
{
  GDate day0, discharge_date;

  sp_deadline_get_day0 (episode->ready, &day0);
  sp_calendar_get_local_date (episode->discharged, &discharge_date);

  item->episode = episode;
  item->month_index = g_date_get_year (&discharge_date) * 12 +
                      g_date_get_month (&discharge_date) - 1;
  item->row.id = g_strdup (episode->id);
  item->row.days = sp_deadline_days_after_ready (&day0, &discharge_date);
  item->row.exclusion = get_exclusion (profile, episode);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a;
  const Item *y = b;
  int cmp = strcmp (x->episode->municipality, y->episode->municipality);

  if (cmp != 0)
    return cmp;

  return (x->month_index > y->month_index) - (x->month_index < y->month_index);
}

/* Counts a row into the entry's figures. VGR's over-the-limit episodes are charged on their
 * own and leave the average (DOMAIN §10, our reading: never charged twice). */
static void
add_row (const SpRegionProfile *profile,
         SpLiabilityEntry      *entry,
         SpLiabilityRow        *row,
         gint64                 threshold_cdays)
{
  if (row->exclusion == SP_LIABILITY_EXCLUSION_NONE)
    {
      entry->n_counted++;
      if (row->days > REPORT_OVER_DAYS)
        entry->n_over++;

      if (entry->distribution->len <= row->days)
        g_array_set_size (entry->distribution, row->days + 1);
      g_array_index (entry->distribution, guint, row->days)++;

      if (profile->individual_after_days > 0 && row->days > profile->individual_after_days)
        {
          row->individual = TRUE;
          row->charged = TRUE;
          entry->individual_cdays += MAX ((gint64) row->days * CENTI - threshold_cdays, 0);
        }
      else
        {
          entry->n_average++;
          entry->average_sum += row->days;
        }
    }

  g_array_append_val (entry->rows, *row);
}

/* Items sorted by municipality and month → one entry per municipality and month. Takes the
 * rows' ids. */
static GPtrArray *
group_items (const SpRegionProfile *profile,
             GArray                *items,
             gint64                 threshold_cdays)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  SpLiabilityEntry *entry = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      if (entry == NULL || entry->month_index != item->month_index ||
          !g_str_equal (entry->municipality, item->episode->municipality))
        {
          entry = entry_new (item->episode->municipality, item->month_index);
          g_ptr_array_add (entries, entry);
        }

      add_row (profile, entry, &item->row, threshold_cdays);
      item->row.id = NULL;
    }

  return entries;
}

/* ---- the models ---- */

/* VGR and Stockholm: (average − threshold) × n when the average exceeds the threshold, which
 * is exactly sum − threshold × n. Our reading of Stockholm's "respektive kommuns genomsnitt":
 * the same monthly average over every counted episode, with 1.3 as the threshold. */
static void
charge_average (SpLiabilityEntry *entry,
                gint64            threshold_cdays)
{
  if (is_over (entry, threshold_cdays))
    {
      entry->average_part_cdays = entry->average_sum * CENTI - threshold_cdays * entry->n_average;
      for (guint i = 0; i < entry->rows->len; i++)
        {
          SpLiabilityRow *row = &g_array_index (entry->rows, SpLiabilityRow, i);

          if (row->exclusion == SP_LIABILITY_EXCLUSION_NONE && !row->individual)
            row->charged = TRUE;
        }
    }

  entry->liability_cdays = entry->individual_cdays + entry->average_part_cdays;
}

/* Västerbotten, one municipality's entries in month order. The rule is active in a month
 * when the @span months before it were all over the threshold, and stays active until
 * @span months in a row have been at or under it. A month without discharges between two
 * with data has average 0; months before the first one are unknown, never over. While
 * active, every counted episode's days after ready are paid (from day 1: nothing is
 * subtracted). */
static void
charge_trend (SpLiabilityEntry **entries,
              guint              n_entries,
              guint              span,
              gint64             threshold_cdays)
{
  int first = entries[0]->month_index;
  int last = entries[n_entries - 1]->month_index;
  guint n_months = last - first + 1;
  g_autofree SpLiabilityEntry **by_month = g_new0 (SpLiabilityEntry *, n_months);
  g_autofree gboolean *over = g_new0 (gboolean, n_months);
  gboolean active = FALSE;

  for (guint i = 0; i < n_entries; i++)
    {
      guint m = entries[i]->month_index - first;

      by_month[m] = entries[i];
      over[m] = is_over (entries[i], threshold_cdays);
    }

  for (guint m = 0; m < n_months; m++)
    {
      SpLiabilityEntry *entry = by_month[m];
      gboolean all_over = m >= span;
      gboolean all_under = m >= span;

      for (guint k = 1; k <= span && k <= m; k++)
        {
          all_over = all_over && over[m - k];
          all_under = all_under && !over[m - k];
        }

      active = active ? !all_under : all_over;
      if (entry == NULL)
        continue;

      entry->active = active;
      for (guint k = span; k >= 1; k--)
        {
          MonthAverage average = { k <= m, 0, 0 };

          if (k <= m && by_month[m - k] != NULL)
            {
              average.sum = by_month[m - k]->average_sum;
              average.n = by_month[m - k]->n_average;
            }
          g_array_append_val (entry->previous, average);
        }

      if (active)
        {
          entry->liability_cdays = entry->average_sum * CENTI;
          for (guint i = 0; i < entry->rows->len; i++)
            {
              SpLiabilityRow *row = &g_array_index (entry->rows, SpLiabilityRow, i);

              row->charged = row->exclusion == SP_LIABILITY_EXCLUSION_NONE;
            }
        }
    }
}

static void
charge_trends (GPtrArray *entries,
               guint      span,
               gint64     threshold_cdays)
{
  SpLiabilityEntry **all = (SpLiabilityEntry **) entries->pdata;
  guint start = 0;

  for (guint i = 1; i <= entries->len; i++)
    {
      if (i == entries->len || !g_str_equal (all[i]->municipality, all[start]->municipality))
        {
          charge_trend (all + start, i - start, span, threshold_cdays);
          start = i;
        }
    }
}

/* ---- public API ---- */

/**
 * sp_liability_episode_new:
 * @id: the episode's id
 * @municipality: the liable municipality
 * @ready: when the ready notice was sent
 * @discharged: when the patient left
 * @notice_in_time: whether the admission notice was sent in time
 * @sip_needed: whether a SIP was needed
 * @sip_invited: (nullable): when the SIP invitation was sent
 * @care_contact_named: whether a care contact was named
 * @refused: whether the patient refused the interventions
 *
 * Copies the strings and takes references on the times. Whether the values make sense
 * together is checked by sp_liability_compute().
 *
 * Returns: (transfer full): a new episode; free with sp_liability_episode_free()
 */
SpLiabilityEpisode *
sp_liability_episode_new (const char *id,
                          const char *municipality,
                          GDateTime  *ready,
                          GDateTime  *discharged,
                          gboolean    notice_in_time,
                          gboolean    sip_needed,
                          GDateTime  *sip_invited,
                          gboolean    care_contact_named,
                          gboolean    refused)
{
  SpLiabilityEpisode *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (municipality != NULL, NULL);
  g_return_val_if_fail (ready != NULL, NULL);
  g_return_val_if_fail (discharged != NULL, NULL);

  self = g_new0 (SpLiabilityEpisode, 1);
  self->id = g_strdup (id);
  self->municipality = g_strdup (municipality);
  self->ready = g_date_time_ref (ready);
  self->discharged = g_date_time_ref (discharged);
  self->admission_notice_in_time = !!notice_in_time;
  self->sip_needed = !!sip_needed;
  self->sip_invited = sip_invited != NULL ? g_date_time_ref (sip_invited) : NULL;
  self->care_contact_named = !!care_contact_named;
  self->interventions_refused = !!refused;

  return self;
}

void
sp_liability_episode_free (SpLiabilityEpisode *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->municipality);
  g_date_time_unref (self->ready);
  g_date_time_unref (self->discharged);
  g_clear_pointer (&self->sip_invited, g_date_time_unref);
  g_free (self);
}

/**
 * sp_liability_episodes_from_json:
 * @array: a JSON array of objects with "id", "municipality", "ready", "discharged" (ISO
 *   8601 times with a zone), "admission_notice_in_time", "sip_needed" (booleans),
 *   "sip_invited" (a time, or null) and the optional booleans "care_contact_named" (true
 *   when absent) and "interventions_refused" (false when absent)
 * @error: return location for an #SP_JSON_ERROR or #SP_LIABILITY_ERROR whose message starts
 *   with the offending member's path ("[3].ready: …")
 *
 * Strict: wrong types, empty ids or municipalities, repeated ids and a discharge before the
 * ready notice are refused.
 *
 * Returns: (transfer full) (element-type SpLiabilityEpisode) (nullable): the episodes
 */
GPtrArray *
sp_liability_episodes_from_json (JsonNode  *array,
                                 GError   **error)
{
  g_autoptr(GPtrArray) episodes = NULL;
  JsonArray *elements;

  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "$: expected an array");
      return NULL;
    }

  elements = json_node_get_array (array);
  episodes = g_ptr_array_new_full (json_array_get_length (elements),
                                   (GDestroyNotify) sp_liability_episode_free);
  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      g_autofree char *path = g_strdup_printf ("[%u]", i);
      JsonObject *object = sp_json_node_get_object (json_array_get_element (elements, i),
                                                    path, error);
      SpLiabilityEpisode *episode;

      if (object == NULL)
        return NULL;

      if ((episode = episode_from_json (object, error)) == NULL)
        {
          g_prefix_error (error, "%s.", path);
          return NULL;
        }
      g_ptr_array_add (episodes, episode);
    }

  if (!check_episodes (episodes, error))
    return NULL;

  return g_steal_pointer (&episodes);
}

/**
 * sp_liability_compute:
 * @profile: the region whose model applies
 * @rate_sek: the daily rate in kronor (Socialstyrelsen's, set yearly), 0 or more
 * @episodes: (element-type SpLiabilityEpisode): discharged episodes
 * @error: return location for an #SP_LIABILITY_ERROR whose message starts with the
 *   episode's path ("[3].discharged: …")
 *
 * Groups @episodes by municipality and Stockholm calendar month of discharge, leaves out
 * those that fail the law's conditions or those @profile adds (DOMAIN §10) and applies
 * @profile's model. Days after ready follow the 12:00 rule (sp_deadline_get_day0()).
 *
 * Returns: (transfer full) (nullable): the report, or %NULL if an episode is invalid
 */
SpLiabilityReport *
sp_liability_compute (const SpRegionProfile  *profile,
                      double                  rate_sek,
                      GPtrArray              *episodes,
                      GError                **error)
{
  g_autoptr(SpLiabilityReport) self = NULL;
  g_autoptr(GArray) items = NULL;
  gint64 threshold_cdays;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (isfinite (rate_sek) && rate_sek >= 0, NULL);
  g_return_val_if_fail (episodes != NULL, NULL);

  if (!check_episodes (episodes, error))
    return NULL;

  /* Thresholds (3.0, 1.3) are whole hundredths; round () undoes 1.3's binary error. */
  threshold_cdays = (gint64) round (profile->liability_threshold_days * CENTI);

  items = g_array_sized_new (FALSE, TRUE, sizeof (Item), episodes->len);
  g_array_set_size (items, episodes->len);
  for (guint i = 0; i < episodes->len; i++)
    classify (profile, g_ptr_array_index (episodes, i), &g_array_index (items, Item, i));
  /* Stable: rows keep the input order within their month. */
  g_array_sort (items, compare_items);

  self = g_atomic_rc_box_new0 (SpLiabilityReport);
  self->profile = profile;
  self->rate = rate_sek;
  self->entries = group_items (profile, items, threshold_cdays);

  if (profile->liability_model == SP_LIABILITY_MODEL_VASTERBOTTEN)
    charge_trends (self->entries, profile->consecutive_months, threshold_cdays);

  for (guint i = 0; i < self->entries->len; i++)
    {
      SpLiabilityEntry *entry = g_ptr_array_index (self->entries, i);

      if (profile->liability_model != SP_LIABILITY_MODEL_VASTERBOTTEN)
        charge_average (entry, threshold_cdays);
      /* Half away from zero, on the exact product. */
      entry->liability_sek = (gint64) round (entry->liability_cdays * rate_sek / CENTI);
    }

  return g_steal_pointer (&self);
}

/**
 * sp_liability_report_ref:
 *
 * Returns: (transfer full): @self
 */
SpLiabilityReport *
sp_liability_report_ref (SpLiabilityReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
sp_liability_report_unref (SpLiabilityReport *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) report_clear);
}

/**
 * sp_liability_report_get_profile:
 *
 * Returns: (transfer none): the profile whose model the report applied
 */
const SpRegionProfile *
sp_liability_report_get_profile (SpLiabilityReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile;
}

double
sp_liability_report_get_rate (SpLiabilityReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rate;
}

/**
 * sp_liability_report_get_n_entries:
 *
 * Returns: the number of municipality-months, each with at least one discharge (counted or
 *   excluded)
 */
guint
sp_liability_report_get_n_entries (SpLiabilityReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

/**
 * sp_liability_report_get_entry:
 * @index: less than sp_liability_report_get_n_entries()
 *
 * Entries are sorted by municipality (byte order of the UTF-8 name) and then month.
 *
 * Returns: (transfer none): one municipality's figures for one month, owned by @self
 */
SpLiabilityEntry *
sp_liability_report_get_entry (SpLiabilityReport *self,
                               guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, index);
}

const char *
sp_liability_entry_get_municipality (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->municipality;
}

/**
 * sp_liability_entry_get_month:
 *
 * Returns: (transfer none): the Stockholm calendar month of discharge, "YYYY-MM"
 */
const char *
sp_liability_entry_get_month (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->month;
}

/**
 * sp_liability_entry_get_discharged:
 *
 * Returns: the counted episodes, including VGR's individually charged ones
 */
guint
sp_liability_entry_get_discharged (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_counted;
}

/**
 * sp_liability_entry_get_average_days:
 *
 * Returns: the exact average the model uses (VGR: without the individually charged
 *   episodes), 0 when it has no episodes
 */
double
sp_liability_entry_get_average_days (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return get_ratio (self->average_sum, self->n_average);
}

/**
 * sp_liability_entry_get_over_7_days:
 *
 * Returns: the counted episodes with more than 7 days after ready
 */
guint
sp_liability_entry_get_over_7_days (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_over;
}

/**
 * sp_liability_entry_get_liability_days:
 *
 * Returns: the days the municipality pays for; whole hundredths
 */
double
sp_liability_entry_get_liability_days (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (double) self->liability_cdays / CENTI;
}

/**
 * sp_liability_entry_get_liability_sek:
 *
 * Returns: the liability days times the rate, rounded half away from zero to whole kronor
 */
gint64
sp_liability_entry_get_liability_sek (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->liability_sek;
}

/**
 * sp_liability_entry_get_individual_days:
 *
 * Returns: VGR: the days charged for the episodes over the limit (each one's days − 3)
 */
double
sp_liability_entry_get_individual_days (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (double) self->individual_cdays / CENTI;
}

/**
 * sp_liability_entry_get_average_part_days:
 *
 * Returns: VGR and Stockholm: (average − threshold) × the episodes in the average, when the
 *   average exceeds the threshold; else 0
 */
double
sp_liability_entry_get_average_part_days (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (double) self->average_part_cdays / CENTI;
}

/**
 * sp_liability_entry_get_active:
 *
 * Returns: Västerbotten: whether the three-month rule charged this month
 */
gboolean
sp_liability_entry_get_active (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->active;
}

/**
 * sp_liability_entry_get_n_previous_months:
 *
 * Returns: Västerbotten: how many months before this one its trend looked at (3); else 0
 */
guint
sp_liability_entry_get_n_previous_months (SpLiabilityEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->previous->len;
}

/**
 * sp_liability_entry_get_previous_average:
 * @index: less than sp_liability_entry_get_n_previous_months(); 0 is the oldest month
 *
 * Västerbotten's trend. A month without discharges has average 0.
 *
 * Returns: the exact average of that month, or NAN if it is before the municipality's
 *   first data (unknown)
 */
double
sp_liability_entry_get_previous_average (SpLiabilityEntry *self,
                                         guint             index)
{
  MonthAverage *average;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (index < self->previous->len, NAN);

  average = &g_array_index (self->previous, MonthAverage, index);
  return average->known ? get_ratio (average->sum, average->n) : NAN;
}

/**
 * sp_liability_entry_get_distribution:
 * @n_values: (out): one more than the most days after ready among the counted episodes
 *
 * Returns: (array length=n_values) (transfer none): element d counts the counted episodes
 *   with d days after ready
 */
const guint *
sp_liability_entry_get_distribution (SpLiabilityEntry *self,
                                     guint            *n_values)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_values != NULL, NULL);

  *n_values = self->distribution->len;
  return (const guint *) (gpointer) self->distribution->data;
}

/**
 * sp_liability_entry_get_rows:
 * @n_rows: (out): the number of episodes, counted and excluded
 *
 * The episodes behind the figures, in input order: filter on the fields to list those
 * behind one figure (the excluded, the over 7 days, the charged…).
 *
 * Returns: (array length=n_rows) (transfer none): the rows
 */
const SpLiabilityRow *
sp_liability_entry_get_rows (SpLiabilityEntry *self,
                             guint            *n_rows)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);

  *n_rows = self->rows->len;
  return (const SpLiabilityRow *) (gpointer) self->rows->data;
}

/* ---- JSON ---- */

static JsonArray *
excluded_to_json (SpLiabilityEntry *entry)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < entry->rows->len; i++)
    {
      SpLiabilityRow *row = &g_array_index (entry->rows, SpLiabilityRow, i);
      JsonObject *object;

      if (row->exclusion == SP_LIABILITY_EXCLUSION_NONE)
        continue;

      object = json_object_new ();
      json_object_set_string_member (object, "id", row->id);
      sp_json_set_enum (object, "reason", SP_TYPE_LIABILITY_EXCLUSION, row->exclusion);
      json_array_add_object_element (array, object);
    }

  return array;
}

static JsonObject *
trend_to_json (SpLiabilityEntry *entry)
{
  JsonObject *object = json_object_new ();
  JsonArray *averages = json_array_new ();

  for (guint i = 0; i < entry->previous->len; i++)
    {
      MonthAverage *average = &g_array_index (entry->previous, MonthAverage, i);

      if (average->known)
        json_array_add_double_element (averages, round_ratio_2 (average->sum, average->n));
      else
        json_array_add_null_element (averages);
    }

  json_object_set_array_member (object, "previous_averages", averages);
  json_object_set_boolean_member (object, "active", entry->active);

  return object;
}

static JsonObject *
entry_to_json (SpLiabilityReport *self,
               SpLiabilityEntry  *entry)
{
  JsonObject *object = json_object_new ();
  JsonArray *distribution = json_array_new ();

  json_object_set_string_member (object, "municipality", entry->municipality);
  json_object_set_string_member (object, "month", entry->month);
  json_object_set_int_member (object, "discharged", entry->n_counted);
  json_object_set_double_member (object, "average_days",
                                 round_ratio_2 (entry->average_sum, entry->n_average));
  json_object_set_int_member (object, "over_7_days", entry->n_over);
  json_object_set_double_member (object, "liability_days",
                                 sp_liability_entry_get_liability_days (entry));
  json_object_set_int_member (object, "liability_sek", entry->liability_sek);
  json_object_set_array_member (object, "excluded", excluded_to_json (entry));

  switch (self->profile->liability_model)
    {
    case SP_LIABILITY_MODEL_VGR:
      json_object_set_double_member (object, "individual_days",
                                     sp_liability_entry_get_individual_days (entry));
      json_object_set_double_member (object, "average_part_days",
                                     sp_liability_entry_get_average_part_days (entry));
      break;

    case SP_LIABILITY_MODEL_VASTERBOTTEN:
      json_object_set_object_member (object, "trend", trend_to_json (entry));
      break;

    case SP_LIABILITY_MODEL_STOCKHOLM:
    default:
      break;
    }

  for (guint d = 0; d < entry->distribution->len; d++)
    json_array_add_int_element (distribution, g_array_index (entry->distribution, guint, d));
  json_object_set_array_member (object, "distribution", distribution);

  return object;
}

/**
 * sp_liability_report_to_json:
 *
 * `{"profile", "rate", "municipalities": [{"municipality", "month", "discharged",
 * "average_days", "over_7_days", "liability_days", "liability_sek", "excluded": [{"id",
 * "reason"}], …}]}`. After "excluded", VGR adds "individual_days" and "average_part_days",
 * Västerbotten "trend": {"previous_averages": [… or null], "active"}; every entry ends with
 * "distribution", an array whose element d counts the episodes with d days after ready.
 * Averages are rounded to two decimals.
 *
 * Returns: (transfer full): the report as JSON
 */
JsonNode *
sp_liability_report_to_json (SpLiabilityReport *self)
{
  JsonNode *node;
  JsonObject *object;
  JsonArray *municipalities;

  g_return_val_if_fail (self != NULL, NULL);

  node = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  municipalities = json_array_new ();
  json_object_set_string_member (object, "profile", self->profile->id);
  json_object_set_double_member (object, "rate", self->rate);
  for (guint i = 0; i < self->entries->len; i++)
    json_array_add_object_element (municipalities,
                                   entry_to_json (self, g_ptr_array_index (self->entries, i)));
  json_object_set_array_member (object, "municipalities", municipalities);
  json_node_take_object (node, object);

  return node;
}
