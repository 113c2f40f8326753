/* sp-api-episodes-rows.c — the overview's rows as last rendered for a unit, and when they may
 * be sent again
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building and writing the JSON of a row was half of what a page of the overview cost, and
 * wards read the same pages all day. A row is a function of the unit, the revisions of the
 * records it shows, a few facts read from them, and the clock. The clock reaches it in three
 * ways only: the day (days after ready), which clocks are overdue, and what sp-access allows
 * (consents and harm assessments expire). So a rendered row is kept with all of those — each
 * of sp-access's answers as given — and sent again only when every one of them is still the
 * same. Anything that differs renders the row anew.
 */

#define G_LOG_DOMAIN "sp-api-episodes"

#include "config.h"

#include <string.h>

#include "sp-api-episodes-private.h"
#include "sp-calendar.h"
#include "sp-server-private.h"

/* Every unit's first pages, with room to spare; a row is about a kilobyte. */
#define MAX_ROWS 16384

typedef struct
{
  SpUnitKind unit_kind;
  gint64     episode_revision;
  gint64     patient_revision;   /* -1: no readable patient */
  gboolean   track_known;
  SpTrack    track;
  gint64     sip_invited_at;     /* Unix seconds (stamps are whole seconds); 0: none */
  guint32    day;                /* Julian day of the local date */
  guint64    overdue;            /* bit per clock */
  guint      n_clocks;
  guint      unacked_messages;
  gboolean   harm_assessment_allows;
} Inputs;

typedef struct
{
  Inputs  inputs;
  GArray *decisions;
  char   *text;
} Row;

static void
row_free (Row *row)
{
  g_array_unref (row->decisions);
  g_free (row->text);
  g_free (row);
}

static void
get_inputs (View        *view,
            const Facts *facts,
            GPtrArray   *clocks,
            guint        unacked_messages,
            Inputs      *inputs)
{
  GDate today;

  memset (inputs, 0, sizeof *inputs);
  inputs->unit_kind = view->unit_kind;
  inputs->episode_revision = sp_episode_get_revision (view->episode);
  inputs->patient_revision = facts->patient != NULL ? facts->patient_revision : -1;
  inputs->track_known = facts->track_known;
  inputs->track = facts->track_known ? facts->track : 0;
  inputs->sip_invited_at = facts->sip_invited_at != NULL
                           ? g_date_time_to_unix (facts->sip_invited_at) : 0;
  sp_calendar_get_local_date (view->now, &today);
  inputs->day = g_date_get_julian (&today);
  inputs->n_clocks = clocks->len;
  for (guint i = 0; i < clocks->len && i < 64; i++)
    {
      if (sp_api_episodes_clock_is_overdue (g_ptr_array_index (clocks, i), view->now))
        inputs->overdue |= G_GUINT64_CONSTANT (1) << i;
    }
  inputs->unacked_messages = unacked_messages;
  inputs->harm_assessment_allows =
    sp_consent_set_harm_assessment_allows (sp_episode_get_consents (view->episode), view->now);
}

static gboolean
inputs_equal (const Inputs *a,
              const Inputs *b)
{
  return a->unit_kind == b->unit_kind &&
         a->episode_revision == b->episode_revision &&
         a->patient_revision == b->patient_revision &&
         a->track_known == b->track_known &&
         a->track == b->track &&
         a->sip_invited_at == b->sip_invited_at &&
         a->day == b->day &&
         a->overdue == b->overdue &&
         a->n_clocks == b->n_clocks &&
         a->unacked_messages == b->unacked_messages &&
         a->harm_assessment_allows == b->harm_assessment_allows;
}

/* Would sp-access answer every question of the last rendering the same way now? */
static gboolean
decisions_hold (GArray *decisions,
                View   *view)
{
  for (guint i = 0; i < decisions->len; i++)
    {
      const Decision *decision = &g_array_index (decisions, Decision, i);

      if (sp_access_may_see_field (view->profile, view->episode, view->unit_id,
                                   view->unit_kind, decision->field,
                                   decision->owner_unit_id, view->now) != decision->allowed)
        return FALSE;
    }

  return TRUE;
}

static char *
row_key (View *view)
{
  return g_strconcat (view->unit_id, "/", sp_episode_get_id (view->episode), NULL);
}

static SpLruCache *
get_cache (SpServer *server)
{
  return sp_server_get_row_cache (server, MAX_ROWS, (GDestroyNotify) row_free);
}

/**
 * sp_api_episodes_rows_lookup:
 * @clocks: the episode's clocks (sp_api_episodes_get_clocks())
 *
 * Returns: (transfer none) (nullable): the row's JSON as rendered before, if nothing it was
 *   rendered from has changed since
 */
const char *
sp_api_episodes_rows_lookup (SpServer    *server,
                             View        *view,
                             const Facts *facts,
                             GPtrArray   *clocks,
                             guint        unacked_messages)
{
  g_autofree char *key = row_key (view);
  Row *row = sp_lru_cache_lookup (get_cache (server), key);
  Inputs inputs;

  /* One bit per clock: an episode with more clocks than that is always rendered anew. */
  if (row == NULL || clocks->len > 64)
    return NULL;

  get_inputs (view, facts, clocks, unacked_messages, &inputs);
  if (!inputs_equal (&row->inputs, &inputs) || !decisions_hold (row->decisions, view))
    return NULL;

  return row->text;
}

/**
 * sp_api_episodes_rows_remember:
 * @decisions: (transfer full): sp-access's answers while rendering (View.decisions)
 * @text: (transfer full): the rendered row
 */
void
sp_api_episodes_rows_remember (SpServer    *server,
                               View        *view,
                               const Facts *facts,
                               GPtrArray   *clocks,
                               guint        unacked_messages,
                               GArray      *decisions,
                               char        *text)
{
  g_autofree char *key = row_key (view);
  Row *row = g_new0 (Row, 1);

  get_inputs (view, facts, clocks, unacked_messages, &row->inputs);
  row->decisions = decisions;
  row->text = text;
  sp_lru_cache_insert (get_cache (server), key, row);
}
