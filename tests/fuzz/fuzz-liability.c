/* fuzz-liability.c — sp_liability_episodes_from_json on arbitrary bytes
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepted episodes are then billed under every region's model, as the rules CLI does.
 */

#define G_LOG_DOMAIN "fuzz-liability"

#include "config.h"

#include "fuzz-common.h"
#include "sp-liability.h"

static const SpRegion regions[] = {
  SP_REGION_VGR, SP_REGION_STOCKHOLM, SP_REGION_VASTERBOTTEN,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  if ((node = fuzz_parse_json (data, size)) == NULL)
    return 0;

  episodes = sp_liability_episodes_from_json (node, &error);
  if (episodes == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      g_autoptr(GError) compute_error = NULL;
      g_autoptr(SpLiabilityReport) report = NULL;

      /* Socialstyrelsen's daily rate for 2026 is in this range; the exact figure is not
       * what is being tested. */
      report = sp_liability_compute (sp_region_profile_get (regions[i]), 8000.0, episodes,
                                     &compute_error);
      if (report == NULL)
        fuzz_check_error (compute_error);
    }

  return 0;
}
