/* test-region-profile.c — the three regions' rules as data
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-enum-types.h"
#include "sp-region-profile.h"

/* The expected values restate DOMAIN.md §6, §7 and §10 (see the sources cited in
 * sp-region-profile.c): a changed value must be a deliberate change to both. */
static const SpRegionProfile expected_profiles[] = {
  {
    .region = SP_REGION_VGR,
    .id = "vgr",
    .name = "Västra Götalandsregionen",
    .uses_gra_track = TRUE,
    .sol_new_alone_is_gul = FALSE,
    .ack_weekdays_only = FALSE,
    .care_request_enabled = TRUE,
    .sip_deadline = SP_SIP_DEADLINE_DAYS_AFTER_READY,
    .sip_invitation_days = 3,
    .liability_model = SP_LIABILITY_MODEL_VGR,
    .liability_threshold_days = 3.0,
    .individual_after_days = 7,
    .consecutive_months = 0,
    .liability_needs_care_contact = FALSE,
    .liability_needs_no_refusal = FALSE,
  },
  {
    .region = SP_REGION_STOCKHOLM,
    .id = "stockholm",
    .name = "Region Stockholm",
    .uses_gra_track = TRUE,
    .sol_new_alone_is_gul = FALSE,
    .ack_weekdays_only = TRUE,
    .care_request_enabled = FALSE,
    .sip_deadline = SP_SIP_DEADLINE_BY_READY_DATE,
    .sip_invitation_days = 0,
    .liability_model = SP_LIABILITY_MODEL_STOCKHOLM,
    .liability_threshold_days = 1.3,
    .individual_after_days = 0,
    .consecutive_months = 0,
    .liability_needs_care_contact = TRUE,
    .liability_needs_no_refusal = TRUE,
  },
  {
    .region = SP_REGION_VASTERBOTTEN,
    .id = "vasterbotten",
    .name = "Region Västerbotten",
    .uses_gra_track = FALSE,
    .sol_new_alone_is_gul = TRUE,
    .ack_weekdays_only = FALSE,
    .care_request_enabled = FALSE,
    .sip_deadline = SP_SIP_DEADLINE_BY_READY_DATE,
    .sip_invitation_days = 0,
    .liability_model = SP_LIABILITY_MODEL_VASTERBOTTEN,
    .liability_threshold_days = 3.0,
    .individual_after_days = 0,
    .consecutive_months = 3,
    .liability_needs_care_contact = FALSE,
    .liability_needs_no_refusal = FALSE,
  },
};

static void
test_fields (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_profiles); i++)
    {
      const SpRegionProfile *want = &expected_profiles[i];
      const SpRegionProfile *got = sp_region_profile_get (want->region);

      g_test_message ("profile %s", want->id);
      g_assert_nonnull (got);
      g_assert_cmpint (got->region, ==, want->region);
      g_assert_cmpstr (got->id, ==, want->id);
      g_assert_cmpstr (got->name, ==, want->name);
      g_assert_cmpint (got->uses_gra_track, ==, want->uses_gra_track);
      g_assert_cmpint (got->sol_new_alone_is_gul, ==, want->sol_new_alone_is_gul);
      g_assert_cmpint (got->ack_weekdays_only, ==, want->ack_weekdays_only);
      g_assert_cmpint (got->care_request_enabled, ==, want->care_request_enabled);
      g_assert_cmpint (got->sip_deadline, ==, want->sip_deadline);
      g_assert_cmpuint (got->sip_invitation_days, ==, want->sip_invitation_days);
      g_assert_cmpint (got->liability_model, ==, want->liability_model);
      g_assert_cmpfloat_with_epsilon (got->liability_threshold_days,
                                      want->liability_threshold_days, 1e-9);
      g_assert_cmpuint (got->individual_after_days, ==, want->individual_after_days);
      g_assert_cmpuint (got->consecutive_months, ==, want->consecutive_months);
      g_assert_cmpint (got->liability_needs_care_contact, ==, want->liability_needs_care_contact);
      g_assert_cmpint (got->liability_needs_no_refusal, ==, want->liability_needs_no_refusal);
    }
}

static void
test_ids_are_nicks (void)
{
  /* The id is stored and sent: it must be the region's (and liability model's) nick. */
  for (SpRegion region = SP_REGION_VGR; region <= SP_REGION_VASTERBOTTEN; region++)
    {
      const SpRegionProfile *profile = sp_region_profile_get (region);

      g_assert_cmpstr (profile->id, ==, sp_enum_to_nick (SP_TYPE_REGION, region));
      g_assert_cmpstr (profile->id, ==,
                       sp_enum_to_nick (SP_TYPE_LIABILITY_MODEL, profile->liability_model));
    }
}

static void
test_lookup (void)
{
  static const struct
  {
    const char *id;
    int         region;   /* -1: no such profile */
  } cases[] = {
    { "vgr", SP_REGION_VGR },
    { "stockholm", SP_REGION_STOCKHOLM },
    { "vasterbotten", SP_REGION_VASTERBOTTEN },
    { "VGR", -1 },            /* ids are exact, like every nick */
    { "västerbotten", -1 },   /* the id is ASCII, the name is not */
    { "stockholm ", -1 },
    { "", -1 },
    { "uppsala", -1 },
    { NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SpRegionProfile *profile = sp_region_profile_lookup (cases[i].id);

      if (cases[i].region < 0)
        g_assert_null (profile);
      else
        g_assert_true (profile == sp_region_profile_get (cases[i].region));
    }
}

static void
test_get_invalid (void)
{
  g_test_expect_message ("sp-region-profile", G_LOG_LEVEL_CRITICAL, "*region <*");
  g_assert_null (sp_region_profile_get ((SpRegion) 3));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/region-profile/fields", test_fields);
  g_test_add_func ("/core/region-profile/ids-are-nicks", test_ids_are_nicks);
  g_test_add_func ("/core/region-profile/lookup", test_lookup);
  g_test_add_func ("/core/region-profile/get-invalid", test_get_invalid);

  return g_test_run ();
}
