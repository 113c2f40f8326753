/* sp-demo-region.c — seed-demo's fictional region: units, users and patients
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-demo"

#include "config.h"

#include <string.h>

#include "sp-demo-private.h"


const DemoUnit sp_demo_units[SP_DEMO_N_UNITS] = {
  { "demo-avd-3", "Avdelning 3 (kirurgi), Testsjukhuset", SP_UNIT_KIND_INPATIENT, NULL,
    "demo-avd3", "Alva Avdelningsson", "Sjuksköterska" },
  { "demo-avd-7", "Avdelning 7 (medicin), Testsjukhuset", SP_UNIT_KIND_INPATIENT, NULL,
    "demo-avd7", "Björn Medicinsson", "Sjuksköterska" },
  { "demo-avd-12", "Avdelning 12 (geriatrik), Testsjukhuset", SP_UNIT_KIND_INPATIENT, NULL,
    "demo-avd12", "Cilla Geriatriksson", "Sjuksköterska" },
  { "demo-vc-exempelby", "Vårdcentralen Exempelby", SP_UNIT_KIND_OUTPATIENT, NULL,
    "demo-vc1", "Dag Distriktsson", "Distriktssköterska" },
  { "demo-vc-pahittsta", "Vårdcentralen Påhittsta", SP_UNIT_KIND_OUTPATIENT, NULL,
    "demo-vc2", "Ebba Exempeldotter", "Distriktssköterska" },
  { "demo-vc-latsasvik", "Vårdcentralen Låtsasvik", SP_UNIT_KIND_OUTPATIENT, NULL,
    "demo-vc3", "Filip Fiktivsson", "Distriktssköterska" },
  { "demo-sol-exempelby", "Biståndsenheten, Exempelby kommun", SP_UNIT_KIND_SOCIAL_SERVICES,
    "9901:Exempelby", "demo-sol1", "Greta Handläggarsson", "Biståndshandläggare" },
  { "demo-hsl-exempelby", "Hemsjukvården, Exempelby kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
    "9901:Exempelby", "demo-hsl1", "Hugo Hemsjuksson", "Sjuksköterska" },
  { "demo-rehab-exempelby", "Rehabenheten, Exempelby kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
    "9901:Exempelby", "demo-rehab1", "Ida Rehabsson", "Arbetsterapeut" },
  { "demo-sol-pahittsta", "Biståndsenheten, Påhittsta kommun", SP_UNIT_KIND_SOCIAL_SERVICES,
    "9902:Påhittsta", "demo-sol2", "Johan Biståndsson", "Biståndshandläggare" },
  { "demo-hsl-pahittsta", "Hemsjukvården, Påhittsta kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
    "9902:Påhittsta", "demo-hsl2", "Karin Kommunsköterska", "Sjuksköterska" },
  { "demo-rehab-pahittsta", "Rehabenheten, Påhittsta kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
    "9902:Påhittsta", "demo-rehab2", "Lars Fysiosson", "Fysioterapeut" },
};

static const char *given_names[] = {
  "Astrid", "Bengt", "Carina", "Dan", "Elsa", "Folke", "Gun", "Harald", "Inga", "Jan",
  "Kerstin", "Lennart", "Maj", "Nils", "Olga", "Per", "Rut", "Sven", "Tora", "Ulf",
};

static const char *family_names[] = {
  "Testsson", "Exempelsson", "Demosson", "Provsson", "Påhittsson", "Låtsasson", "Fiktivsson",
  "Övningsson", "Mallsson", "Modellsson",
};

const char * const sp_demo_reasons[SP_DEMO_N_REASONS] = {
  "Fall i hemmet, höftfraktur", "Lunginflammation", "Hjärtsvikt, försämring", "Stroke",
  "Urinvägsinfektion med förvirring", "KOL-exacerbation", "Nedsatt allmäntillstånd",
};


/* The password of the user at @index (sp_demo_units[] order, then the reviewer). */
char *
sp_demo_password (guint index)
{
  return g_strdup_printf ("demo-lösenord-%u", index + 1);
}

const DemoUnit *
sp_demo_kommun_unit (guint municipality,
                     guint which)
{
  return &sp_demo_units[KOMMUN_0 + municipality * N_PER_KOMMUN + which];
}

gboolean
sp_demo_seed_region (Seeder  *seeder,
                     GError **error)
{
  g_autoptr(GString) passwords = g_string_new (NULL);

  for (guint i = 0; i <= G_N_ELEMENTS (sp_demo_units); i++)
    {
      const DemoUnit *unit = &sp_demo_units[MIN (i, G_N_ELEMENTS (sp_demo_units) - 1)];
      gboolean reviewer = i == G_N_ELEMENTS (sp_demo_units);
      const char *unit_ids[] = { reviewer ? sp_demo_units[WARD_0].id : unit->id, NULL };
      g_autofree char *password = sp_demo_password (i);
      g_autofree char *hash = NULL;
      g_autoptr(SpUser) user = NULL;
      g_autoptr(JsonNode) user_node = NULL;

      if (!reviewer)
        {
          g_autoptr(SpUnit) record = sp_unit_new (unit->id, unit->name, unit->kind);
          g_autoptr(JsonNode) unit_node = NULL;

          if (unit->municipality != NULL)
            {
              g_auto(GStrv) parts = g_strsplit (unit->municipality, ":", 2);

              sp_unit_set_municipality (record, parts[0], parts[1]);
            }
          sp_unit_set_phone (record, "010-000 00 00");
          unit_node = sp_unit_to_json (record);
          if (!sp_demo_put (seeder, "unit", unit->id, NULL, unit_node, NULL, error))
            return FALSE;
        }

      if ((hash = sp_auth_hash_password (password, error)) == NULL)
        return FALSE;

      user = reviewer ? sp_user_new (REVIEWER_USERNAME, "Maja Granskarsson",
                                     "Informationssäkerhetssamordnare")
                      : sp_user_new (unit->username, unit->user_name, unit->title);
      sp_user_set_units (user, unit_ids);
      sp_user_set_roles (user, reviewer ? SP_ROLE_LOG_REVIEWER : SP_ROLE_STAFF);
      sp_user_set_password_hash (user, hash);
      user_node = sp_user_to_json (user, TRUE);
      if (!sp_demo_put (seeder, "user", reviewer ? REVIEWER_USERNAME : unit->username, NULL,
                        user_node, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* ── People ──────────────────────────────────────────────────────────────────────────── */

static int
luhn_check_digit (const char *nine_digits)
{
  int sum = 0;

  for (int i = 0; i < 9; i++)
    {
      int digit = (nine_digits[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += digit > 9 ? digit - 9 : digit;
    }

  return (10 - sum % 10) % 10;
}

/* The @index-th test personnummer: twenty födelsenummer (980–999) per birth date, the birth
 * dates spread over 75 years from 1925 (7 and 27375 are coprime, so no date repeats). */
static SpIdentity *
make_identity (Seeder  *seeder,
               guint    index,
               GError **error)
{
  GDate born;
  g_autofree char *nine = NULL;
  g_autofree char *text = NULL;

  g_date_clear (&born, 1);
  g_date_set_dmy (&born, 1, G_DATE_JANUARY, 1925);
  g_date_add_days (&born, (index / 20) * 7 % 27375);
  nine = g_strdup_printf ("%02d%02d%02d%03u", g_date_get_year (&born) % 100,
                          g_date_get_month (&born), g_date_get_day (&born), 980 + index % 20);
  text = g_strdup_printf ("%d%s%d", g_date_get_year (&born) / 100, nine,
                          luhn_check_digit (nine));

  return sp_identity_parse (text, &seeder->today, error);
}

SpPatient *
sp_demo_seed_patient (Seeder      *seeder,
                      guint        index,
                      guint        municipality,
                      const char  *listed_unit_id,
                      GError     **error)
{
  g_autofree char *id = sp_api_new_id ("p");
  g_autoptr(SpIdentity) identity = make_identity (seeder, index, error);
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *term = NULL;
  g_autofree char *street = NULL;
  g_autofree char *postal_code = NULL;
  g_auto(GStrv) kommun = g_strsplit (sp_demo_kommun_unit (municipality, SOL)->municipality, ":", 2);
  const char *terms[] = { NULL, NULL };

  if (identity == NULL)
    return NULL;

  patient = sp_patient_new (id);
  sp_patient_set_identity (patient, identity);
  sp_patient_set_name (patient, given_names[index % G_N_ELEMENTS (given_names)],
                       family_names[(index / G_N_ELEMENTS (given_names)) %
                                    G_N_ELEMENTS (family_names)]);
  street = g_strdup_printf ("Exempelvägen %u", index % 150 + 1);
  postal_code = g_strdup_printf ("999 %02u", index % 100);
  sp_patient_set_address (patient, street, postal_code, kommun[1]);
  sp_patient_set_municipality (patient, kommun[0], kommun[1]);
  sp_patient_set_listed_unit_id (patient, listed_unit_id);
  sp_patient_set_phone (patient, "070-000 00 00");
  sp_patient_set_housing (patient, index % 6 == 5 ? SP_HOUSING_SPECIAL_HOUSING
                                                  : SP_HOUSING_ORDINARY);
  sp_patient_set_home_care (patient, index % 3 == 0);
  if (index % 4 == 0)
    sp_patient_add_next_of_kin (patient, "Närstående Testsson", "dotter", "070-111 11 11");
  if (index % 25 == 7)
    sp_patient_set_interpreter (patient, TRUE, "finska");

  /* As sp-api-patients.c: the registry finds a person by the normalised number. */
  term = g_strconcat ("identity:", sp_identity_get_normalised (identity), NULL);
  terms[0] = term;
  node = sp_patient_to_json (patient);
  if (!sp_demo_put (seeder, "patient", id, NULL, node, terms, error))
    return NULL;

  return g_steal_pointer (&patient);
}

