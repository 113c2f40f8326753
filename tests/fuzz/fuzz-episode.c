/* fuzz-episode.c — sp_episode_new_from_json on arbitrary bytes
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An accepted episode is then asked every question the server asks of a stored one: may
 * each kind of unit take each action, may it see the episode and each field.
 */

#define G_LOG_DOMAIN "fuzz-episode"

#include "config.h"

#include "fuzz-common.h"
#include "sp-access.h"
#include "sp-enum-types.h"
#include "sp-episode.h"

static gpointer
episode_from_json (JsonNode  *node,
                   GError   **error)
{
  return sp_episode_new_from_json (node, error);
}

static JsonNode *
episode_to_json (gpointer episode)
{
  return sp_episode_to_json (episode);
}

static gboolean
episode_equal (gconstpointer a,
               gconstpointer b)
{
  return sp_episode_equal ((SpEpisode *) a, (SpEpisode *) b);
}

static void
ask_as (SpEpisode  *episode,
        const char *unit_id,
        SpUnitKind  kind,
        GDateTime  *now)
{
  const SpRegionProfile *profile = sp_region_profile_get (SP_REGION_STOCKHOLM);
  g_autoptr(GEnumClass) actions = g_type_class_ref (SP_TYPE_EPISODE_ACTION);
  g_autoptr(GEnumClass) fields = g_type_class_ref (SP_TYPE_EPISODE_FIELD);

  for (guint i = 0; i < actions->n_values; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!sp_episode_can (episode, actions->values[i].value, unit_id, kind, &error))
        fuzz_check_error (error);
    }

  sp_access_may_see_episode (episode, unit_id);
  for (guint i = 0; i < fields->n_values; i++)
    sp_access_may_see_field (profile, episode, unit_id, kind, fields->values[i].value,
                             unit_id, now);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  GPtrArray *addressing;

  fuzz_init ();
  if ((node = fuzz_parse_json (data, size)) == NULL)
    return 0;

  episode = sp_episode_new_from_json (node, &error);
  if (episode == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  fuzz_check_round_trip (episode, episode_to_json, episode_from_json, episode_equal,
                         g_object_unref);

  now = g_date_time_new_utc (2026, 3, 15, 11, 0, 0);
  ask_as (episode, sp_episode_get_ward_unit_id (episode), SP_UNIT_KIND_INPATIENT, now);
  addressing = sp_episode_get_addressing (episode);
  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);

      ask_as (episode, addressee->unit_id, addressee->unit_kind, now);
    }
  ask_as (episode, "fuzz-outsider", SP_UNIT_KIND_OUTPATIENT, now);

  return 0;
}
