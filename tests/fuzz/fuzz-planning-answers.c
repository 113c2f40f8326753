/* fuzz-planning-answers.c — sp_planning_answers_from_simple_json on arbitrary bytes
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepted answers are fed to the track rule of every region, as the rules CLI does.
 */

#define G_LOG_DOMAIN "fuzz-planning-answers"

#include "config.h"

#include "fuzz-common.h"
#include "sp-planning-answer.h"
#include "sp-track.h"

static const SpRegion regions[] = {
  SP_REGION_VGR, SP_REGION_STOCKHOLM, SP_REGION_VASTERBOTTEN,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  if ((node = fuzz_parse_json (data, size)) == NULL)
    return 0;

  answers = sp_planning_answers_from_simple_json (node, &error);
  if (answers == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      const SpRegionProfile *profile = sp_region_profile_get (regions[i]);
      g_autofree char *reason = NULL;
      SpTrackRule rule;
      SpTrack track;

      track = sp_planning_compute_track (profile, answers, &rule, &reason);
      g_assert_cmpint (track, >=, SP_TRACK_GRA);
      g_assert_cmpint (track, <=, SP_TRACK_ROD);
      g_assert_true (reason == NULL || g_utf8_validate (reason, -1, NULL));
      sp_track_get_implications (profile, track);
    }

  return 0;
}
