/* fuzz-patient.c — sp_patient_new_from_json on arbitrary bytes
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-patient"

#include "config.h"

#include "fuzz-common.h"
#include "sp-patient.h"

static gpointer
patient_from_json (JsonNode  *node,
                   GError   **error)
{
  return sp_patient_new_from_json (node, error);
}

static JsonNode *
patient_to_json (gpointer patient)
{
  return sp_patient_to_json (patient);
}

static gboolean
patient_equal (gconstpointer a,
               gconstpointer b)
{
  return sp_patient_equal ((SpPatient *) a, (SpPatient *) b);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  fuzz_init ();
  if ((node = fuzz_parse_json (data, size)) == NULL)
    return 0;

  patient = sp_patient_new_from_json (node, &error);
  if (patient == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  fuzz_check_round_trip (patient, patient_to_json, patient_from_json, patient_equal,
                         g_object_unref);

  /* What the server asks of every accepted record must not trip over it either. */
  if (!sp_patient_check_registrable (patient, &error))
    fuzz_check_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_MARCH, 2026);
  sp_patient_needs_guardian_consent (patient, &today);

  return 0;
}
