/* test-patient.c — the registry's person record (DOMAIN §3)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every person here is fictional (the Testsson family of Provgatan, Exempelstad); the
 * identity numbers are constructed test numbers (see test-identity.c for their Luhn sums).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-patient.h"
#include "sp-types.h"

static GDate
make_date (int year,
           int month,
           int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return date;
}

static SpIdentity *
parse_identity (const char *input)
{
  GDate today = make_date (2026, 11, 23);
  g_autoptr(GError) error = NULL;
  SpIdentity *identity = sp_identity_parse (input, &today, &error);

  g_assert_no_error (error);
  return identity;
}

/* Every member set to something other than its default. */
static SpPatient *
make_full_patient (void)
{
  SpPatient *patient = sp_patient_new ("patient-1");
  g_autoptr(SpIdentity) identity = parse_identity ("19121212-1212");

  sp_patient_set_identity (patient, identity);
  sp_patient_set_name (patient, "Testa", "Testsson");
  sp_patient_set_address (patient, "Provgatan 1", "123 45", "Exempelstad");
  sp_patient_set_municipality (patient, "1482", "Kungälv");
  sp_patient_set_listed_unit_id (patient, "unit-vc-1");
  sp_patient_set_phone (patient, "070-000 00 00");
  sp_patient_set_email (patient, "testa.testsson@example.invalid");
  sp_patient_set_housing (patient, SP_HOUSING_SPECIAL_HOUSING);
  sp_patient_set_temporary_address (patient, "Hos dottern, Provvägen 2, Exempelby");
  sp_patient_add_next_of_kin (patient, "Tore Testsson", "make", "070-111 11 11");
  sp_patient_add_next_of_kin (patient, "Tina Testsson", NULL, NULL);
  sp_patient_set_outpatient_psychiatry (patient, TRUE);
  sp_patient_set_home_care (patient, TRUE);
  sp_patient_set_interpreter (patient, TRUE, "arabiska");
  /* Not registrable with these, but the record must still carry them. */
  sp_patient_set_protected_identity (patient, TRUE);
  sp_patient_set_asylum_seeker (patient, TRUE);

  return patient;
}

static char *
to_text (SpPatient *patient)
{
  g_autoptr(JsonNode) node = sp_patient_to_json (patient);

  return sp_json_to_string (node, FALSE);
}

static SpPatient *
round_trip (SpPatient *patient)
{
  g_autoptr(JsonNode) node = sp_patient_to_json (patient);
  g_autoptr(GError) error = NULL;
  SpPatient *copy = sp_patient_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

static void
assert_round_trip (SpPatient *patient)
{
  g_autoptr(SpPatient) copy = round_trip (patient);
  g_autofree char *text = to_text (patient);
  g_autofree char *text2 = to_text (copy);

  g_assert_true (sp_patient_equal (patient, copy));
  g_assert_cmpstr (text, ==, text2);
}

static void
test_round_trip (void)
{
  g_autoptr(SpPatient) full = make_full_patient ();
  g_autoptr(SpPatient) bare = sp_patient_new ("patient-2");
  g_autoptr(SpPatient) reserve = sp_patient_new ("patient-3");
  g_autoptr(SpIdentity) reserve_id = sp_identity_new_reserve ("vgr", "RES-0042", NULL);
  g_autoptr(SpPatient) copy = NULL;
  const SpNextOfKin *kin;

  sp_patient_set_identity (reserve, reserve_id);
  sp_patient_set_housing (reserve, SP_HOUSING_SHORT_TERM);

  assert_round_trip (full);
  assert_round_trip (bare);
  assert_round_trip (reserve);

  /* Spot-check that the copy really carries the values, not only "equal" ones. */
  copy = round_trip (full);
  g_assert_cmpstr (sp_patient_get_id (copy), ==, "patient-1");
  g_assert_cmpstr (sp_identity_get_normalised (sp_patient_get_identity (copy)), ==,
                   "191212121212");
  g_assert_cmpstr (sp_patient_get_city (copy), ==, "Exempelstad");
  g_assert_cmpstr (sp_patient_get_municipality_name (copy), ==, "Kungälv");
  g_assert_cmpint (sp_patient_get_housing (copy), ==, SP_HOUSING_SPECIAL_HOUSING);
  g_assert_cmpstr (sp_patient_get_interpreter_language (copy), ==, "arabiska");
  g_assert_true (sp_patient_get_protected_identity (copy));
  g_assert_cmpuint (sp_patient_get_n_next_of_kin (copy), ==, 2);
  kin = sp_patient_get_next_of_kin (copy, 1);
  g_assert_cmpstr (kin->name, ==, "Tina Testsson");
  g_assert_null (kin->relation);
  g_assert_null (sp_patient_get_identity (bare));
}

/* sp_patient_equal() must see every member: change one at a time. */
static void
test_equal_sees_every_member (void)
{
  g_autoptr(SpPatient) full = make_full_patient ();
  g_autoptr(SpIdentity) other_identity = parse_identity ("811228-9874");
  guint n_mutations = 22;

  for (guint i = 0; i < n_mutations; i++)
    {
      g_autoptr(SpPatient) copy = round_trip (full);

      g_assert_true (sp_patient_equal (full, copy));
      switch (i)
        {
        case 0: sp_patient_set_identity (copy, other_identity); break;
        case 1: sp_patient_set_identity (copy, NULL); break;
        case 2: sp_patient_set_name (copy, "Testa", "Provsson"); break;
        case 3: sp_patient_set_name (copy, "Tesa", "Testsson"); break;
        case 4: sp_patient_set_address (copy, "Provgatan 2", "123 45", "Exempelstad"); break;
        case 5: sp_patient_set_address (copy, "Provgatan 1", "123 46", "Exempelstad"); break;
        case 6: sp_patient_set_address (copy, "Provgatan 1", "123 45", NULL); break;
        case 7: sp_patient_set_municipality (copy, "1480", "Kungälv"); break;
        case 8: sp_patient_set_municipality (copy, "1482", "Kungalv"); break;
        case 9: sp_patient_set_listed_unit_id (copy, NULL); break;
        case 10: sp_patient_set_phone (copy, "070-000 00 01"); break;
        case 11: sp_patient_set_email (copy, NULL); break;
        case 12: sp_patient_set_housing (copy, SP_HOUSING_OTHER); break;
        case 13: sp_patient_set_temporary_address (copy, NULL); break;
        case 14: sp_patient_remove_next_of_kin (copy, 1); break;
        case 15:
          sp_patient_remove_next_of_kin (copy, 1);
          sp_patient_add_next_of_kin (copy, "Tina Testsson", "dotter", NULL);
          break;
        case 16: sp_patient_set_outpatient_psychiatry (copy, FALSE); break;
        case 17: sp_patient_set_home_care (copy, FALSE); break;
        case 18: sp_patient_set_interpreter (copy, TRUE, "somaliska"); break;
        case 19: sp_patient_set_interpreter (copy, FALSE, NULL); break;
        case 20: sp_patient_set_protected_identity (copy, FALSE); break;
        case 21: sp_patient_set_asylum_seeker (copy, FALSE); break;
        default: g_assert_not_reached ();
        }

      g_test_message ("mutation %u", i);
      g_assert_false (sp_patient_equal (full, copy));
      g_assert_false (sp_patient_equal (copy, full));
    }

  {
    g_autoptr(SpPatient) other_id = sp_patient_new ("patient-9");
    g_autoptr(SpPatient) bare = sp_patient_new ("patient-1");

    g_assert_false (sp_patient_equal (other_id, bare));
  }
}

/* Replaces the member at @path ("address.city", "next_of_kin[0].name") with @value, or
 * removes it when @value is NULL. */
static void
set_path (JsonObject *root,
          const char *path,
          JsonNode   *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonObject *object = root;

  for (guint i = 0; i + 1 < n; i++)
    {
      char *bracket = strchr (parts[i], '[');

      if (bracket != NULL)
        {
          guint index = (guint) atoi (bracket + 1);

          *bracket = '\0';
          object = json_array_get_object_element (json_object_get_array_member (object,
                                                                                parts[i]),
                                                  index);
        }
      else
        {
          object = json_object_get_object_member (object, parts[i]);
        }
    }

  if (value == NULL)
    json_object_remove_member (object, parts[n - 1]);
  else
    json_object_set_member (object, parts[n - 1], value);
}

static char *
make_long_json_string (guint n_chars)
{
  g_autoptr(GString) text = g_string_new ("\"");

  /* "å" is two bytes: limits count characters, not bytes. */
  for (guint i = 0; i < n_chars; i++)
    g_string_append (text, "å");
  g_string_append_c (text, '"');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
make_many_next_of_kin (guint n)
{
  g_autoptr(GString) text = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s{\"name\":\"Testsson %u\"}", i > 0 ? "," : "", i);
  g_string_append_c (text, ']');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_json_rejects (void)
{
  g_autofree char *name_201 = make_long_json_string (SP_PATIENT_MAX_NAME + 1);
  g_autofree char *text_too_long = make_long_json_string (SP_JSON_MAX_TEXT + 1);
  g_autofree char *id_65 = make_long_json_string (65);
  g_autofree char *kin_21 = make_many_next_of_kin (SP_PATIENT_MAX_NEXT_OF_KIN + 1);
  struct {
    const char *path;
    const char *value; /* JSON; NULL removes the member */
    const char *field;
    SpJsonError code;
  } cases[] = {
    { "format", "2", "format", SP_JSON_ERROR_VERSION },
    { "format", NULL, "format", SP_JSON_ERROR_MISSING },
    { "id", NULL, "id", SP_JSON_ERROR_MISSING },
    { "id", "\"\"", "id", SP_JSON_ERROR_INVALID },
    { "id", "7", "id", SP_JSON_ERROR_TYPE },
    { "id", id_65, "id", SP_JSON_ERROR_TOO_LONG },
    /* Luhn: 191212121 → check 2, not 3. */
    { "identity.value", "\"191212121213\"", "identity.value", SP_JSON_ERROR_INVALID },
    { "identity.kind", "\"passport\"", "identity.kind", SP_JSON_ERROR_INVALID },
    { "identity", "\"191212121212\"", "identity", SP_JSON_ERROR_TYPE },
    { "given_name", "42", "given_name", SP_JSON_ERROR_TYPE },
    { "given_name", name_201, "given_name", SP_JSON_ERROR_TOO_LONG },
    { "family_name", name_201, "family_name", SP_JSON_ERROR_TOO_LONG },
    { "address", "[]", "address", SP_JSON_ERROR_TYPE },
    { "address.street", name_201, "address.street", SP_JSON_ERROR_TOO_LONG },
    { "address.postal_code", "12345", "address.postal_code", SP_JSON_ERROR_TYPE },
    { "address.city", "true", "address.city", SP_JSON_ERROR_TYPE },
    { "municipality", "\"1482\"", "municipality", SP_JSON_ERROR_TYPE },
    { "municipality.code", "\"148\"", "municipality.code", SP_JSON_ERROR_INVALID },
    { "municipality.code", "\"14a2\"", "municipality.code", SP_JSON_ERROR_INVALID },
    { "municipality.name", "1", "municipality.name", SP_JSON_ERROR_TYPE },
    { "listed_unit_id", "{}", "listed_unit_id", SP_JSON_ERROR_TYPE },
    { "listed_unit_id", id_65, "listed_unit_id", SP_JSON_ERROR_TOO_LONG },
    { "phone", name_201, "phone", SP_JSON_ERROR_TOO_LONG },
    { "email", "false", "email", SP_JSON_ERROR_TYPE },
    { "temporary_address", text_too_long, "temporary_address", SP_JSON_ERROR_TOO_LONG },
    { "housing", "\"villa\"", "housing", SP_JSON_ERROR_INVALID },
    { "housing", "1", "housing", SP_JSON_ERROR_TYPE },
    { "housing", NULL, "housing", SP_JSON_ERROR_MISSING },
    /* Booleans are never coerced from numbers or strings. */
    { "home_care", "1", "home_care", SP_JSON_ERROR_TYPE },
    { "outpatient_psychiatry", "\"true\"", "outpatient_psychiatry", SP_JSON_ERROR_TYPE },
    { "protected_identity", NULL, "protected_identity", SP_JSON_ERROR_MISSING },
    { "asylum_seeker", "null", "asylum_seeker", SP_JSON_ERROR_MISSING },
    { "interpreter_needed", "0", "interpreter_needed", SP_JSON_ERROR_TYPE },
    /* A language without a need contradicts itself. */
    { "interpreter_needed", "false", "interpreter_language", SP_JSON_ERROR_INVALID },
    { "interpreter_language", name_201, "interpreter_language", SP_JSON_ERROR_TOO_LONG },
    { "next_of_kin", "{}", "next_of_kin", SP_JSON_ERROR_TYPE },
    { "next_of_kin", NULL, "next_of_kin", SP_JSON_ERROR_MISSING },
    { "next_of_kin", "[42]", "next_of_kin[0]", SP_JSON_ERROR_TYPE },
    { "next_of_kin", kin_21, "next_of_kin", SP_JSON_ERROR_TOO_LONG },
    { "next_of_kin[1].name", NULL, "next_of_kin[1].name", SP_JSON_ERROR_MISSING },
    { "next_of_kin[0].relation", name_201, "next_of_kin[0].relation",
      SP_JSON_ERROR_TOO_LONG },
    { "next_of_kin[0].phone", "5", "next_of_kin[0].phone", SP_JSON_ERROR_TYPE },
  };
  g_autoptr(SpPatient) full = make_full_patient ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = sp_patient_to_json (full);
      g_autoptr(SpPatient) patient = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *field = NULL;
      JsonNode *value = NULL;

      g_test_message ("reject case %u: %s", i, cases[i].path);
      if (cases[i].value != NULL)
        {
          value = json_from_string (cases[i].value, &error);
          g_assert_no_error (error);
        }
      set_path (json_node_get_object (node), cases[i].path, value);

      patient = sp_patient_new_from_json (node, &error);
      g_assert_null (patient);
      g_assert_error (error, SP_JSON_ERROR, (int) cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
      /* No patient data in messages: they are logged. */
      g_assert_null (strstr (error->message, "Testsson"));
      g_assert_null (strstr (error->message, "1912"));
    }
}

/* The limits are inclusive; optional members may be null or absent. */
static void
test_json_accepts (void)
{
  g_autofree char *name_200 = make_long_json_string (SP_PATIENT_MAX_NAME);
  g_autofree char *kin_20 = make_many_next_of_kin (SP_PATIENT_MAX_NEXT_OF_KIN);
  struct { const char *path; const char *value; } cases[] = {
    { "given_name", name_200 },
    { "next_of_kin", kin_20 },
    { "identity", "null" },
    { "identity", NULL },
    { "address", NULL },
    { "municipality", "null" },
    { "email", NULL },
    { "interpreter_language", NULL },
  };
  g_autoptr(SpPatient) full = make_full_patient ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = sp_patient_to_json (full);
      g_autoptr(SpPatient) patient = NULL;
      g_autoptr(GError) error = NULL;
      JsonNode *value = NULL;

      g_test_message ("accept case %u: %s", i, cases[i].path);
      if (cases[i].value != NULL)
        value = json_from_string (cases[i].value, NULL);
      set_path (json_node_get_object (node), cases[i].path, value);

      patient = sp_patient_new_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_nonnull (patient);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) array = json_from_string ("[]", NULL);

    g_assert_null (sp_patient_new_from_json (array, &error));
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE);
  }
}

static void
test_registrable (void)
{
  enum { NONE = -1 };
  struct {
    const char *why;
    gboolean protected_identity;
    gboolean asylum_seeker;
    const char *identity; /* NULL: none; "reserve": a reservnummer */
    const char *given_name;
    const char *family_name;
    int code;
  } cases[] = {
    { "complete", FALSE, FALSE, "19121212-1212", "Testa", "Testsson", NONE },
    { "a reservnummer will do", FALSE, FALSE, "reserve", "Testa", "Testsson", NONE },
    { "protected identity", TRUE, FALSE, "19121212-1212", "Testa", "Testsson",
      SP_PATIENT_ERROR_PROTECTED_IDENTITY },
    /* Refused before anything is asked for: nothing more is to be entered. */
    { "protected, nothing else known", TRUE, FALSE, NULL, NULL, NULL,
      SP_PATIENT_ERROR_PROTECTED_IDENTITY },
    { "protected and asylum seeker", TRUE, TRUE, "19121212-1212", "Testa", "Testsson",
      SP_PATIENT_ERROR_PROTECTED_IDENTITY },
    { "asylum seeker with R-number", FALSE, TRUE, "reserve", "Testa", "Testsson",
      SP_PATIENT_ERROR_ASYLUM_SEEKER },
    { "no identity", FALSE, FALSE, NULL, "Testa", "Testsson",
      SP_PATIENT_ERROR_MISSING_IDENTITY },
    { "no given name", FALSE, FALSE, "19121212-1212", NULL, "Testsson",
      SP_PATIENT_ERROR_MISSING_NAME },
    { "blank family name", FALSE, FALSE, "19121212-1212", "Testa", " \t",
      SP_PATIENT_ERROR_MISSING_NAME },
    { "empty given name", FALSE, FALSE, "19121212-1212", "", "Testsson",
      SP_PATIENT_ERROR_MISSING_NAME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpPatient) patient = sp_patient_new ("patient-1");
      g_autoptr(SpIdentity) identity = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("registrable: %s", cases[i].why);
      if (g_strcmp0 (cases[i].identity, "reserve") == 0)
        identity = sp_identity_new_reserve ("vasterbotten", "R-77", NULL);
      else if (cases[i].identity != NULL)
        identity = parse_identity (cases[i].identity);

      sp_patient_set_identity (patient, identity);
      sp_patient_set_name (patient, cases[i].given_name, cases[i].family_name);
      sp_patient_set_protected_identity (patient, cases[i].protected_identity);
      sp_patient_set_asylum_seeker (patient, cases[i].asylum_seeker);

      ok = sp_patient_check_registrable (patient, &error);
      if (cases[i].code == NONE)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }

      g_assert_false (ok);
      g_assert_error (error, SP_PATIENT_ERROR, cases[i].code);
      g_assert_null (strstr (error->message, "Testsson"));
    }
}

/* Server and app show the same Swedish text; the nicks are the API's codes. */
static void
test_user_messages (void)
{
  const char *nicks[] = { "protected_identity", "asylum_seeker", "missing_identity",
                          "missing_name" };
  g_autoptr(GEnumClass) klass = g_type_class_ref (SP_TYPE_PATIENT_ERROR);

  g_assert_cmpuint (klass->n_values, ==, G_N_ELEMENTS (nicks));
  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    {
      g_assert_cmpstr (sp_enum_to_nick (SP_TYPE_PATIENT_ERROR, i), ==, nicks[i]);
      g_assert_nonnull (sp_patient_error_get_user_message (i));
    }

  g_assert_cmpstr (sp_patient_error_get_user_message (SP_PATIENT_ERROR_PROTECTED_IDENTITY), ==,
                   "Personen har skyddad identitet och kan inte registreras i Samplan. "
                   "Samordna per telefon.");
  g_assert_nonnull (strstr (sp_patient_error_get_user_message (SP_PATIENT_ERROR_ASYLUM_SEEKER),
                            "Samordna per telefon."));

  g_test_expect_message ("sp-patient", G_LOG_LEVEL_CRITICAL, "*should not be reached*");
  g_assert_null (sp_patient_error_get_user_message (99));
  g_test_assert_expected_messages ();
}

/* Under 18 → the guardian consents. 081123123 → 0+8+2+1+4+3+2+2+6 = 28 → 2: born
 * 2008-11-23, 18 on 2026-11-23. */
static void
test_guardian_consent (void)
{
  g_autoptr(SpPatient) patient = sp_patient_new ("patient-1");
  g_autoptr(SpIdentity) child = parse_identity ("081123-1232");
  g_autoptr(SpIdentity) reserve = sp_identity_new_reserve ("vgr", "RES-1", NULL);
  GDate day_before = make_date (2026, 11, 22);
  GDate birthday = make_date (2026, 11, 23);

  /* Unknown age: the rule cannot say; the UI asks. */
  g_assert_false (sp_patient_needs_guardian_consent (patient, &day_before));

  sp_patient_set_identity (patient, child);
  g_assert_true (sp_patient_needs_guardian_consent (patient, &day_before));
  g_assert_false (sp_patient_needs_guardian_consent (patient, &birthday));

  sp_patient_set_identity (patient, reserve);
  g_assert_false (sp_patient_needs_guardian_consent (patient, &day_before));
}

static void
test_setters (void)
{
  g_autoptr(SpPatient) patient = sp_patient_new ("patient-1");

  /* A language without a need is dropped, so a stored language always means a need. */
  sp_patient_set_interpreter (patient, FALSE, "arabiska");
  g_assert_false (sp_patient_get_interpreter_needed (patient));
  g_assert_null (sp_patient_get_interpreter_language (patient));
  sp_patient_set_interpreter (patient, TRUE, "arabiska");
  g_assert_cmpstr (sp_patient_get_interpreter_language (patient), ==, "arabiska");

  g_assert_cmpint (sp_patient_get_housing (patient), ==, SP_HOUSING_ORDINARY);
  g_assert_cmpuint (sp_patient_get_n_next_of_kin (patient), ==, 0);
  sp_patient_add_next_of_kin (patient, "Tore Testsson", "make", NULL);
  sp_patient_add_next_of_kin (patient, "Tina Testsson", "dotter", NULL);
  sp_patient_remove_next_of_kin (patient, 0);
  g_assert_cmpuint (sp_patient_get_n_next_of_kin (patient), ==, 1);
  g_assert_cmpstr (sp_patient_get_next_of_kin (patient, 0)->relation, ==, "dotter");

  g_test_expect_message ("sp-patient", G_LOG_LEVEL_CRITICAL, "*is_municipality_code*");
  sp_patient_set_municipality (patient, "148", "Kungälv");
  g_test_assert_expected_messages ();
  g_assert_null (sp_patient_get_municipality_code (patient));

  g_test_expect_message ("sp-patient", G_LOG_LEVEL_CRITICAL, "*index < *");
  sp_patient_remove_next_of_kin (patient, 5);
  g_test_assert_expected_messages ();

  g_assert_finalize_object (g_steal_pointer (&patient));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/patient/round-trip", test_round_trip);
  g_test_add_func ("/core/patient/equal-sees-every-member", test_equal_sees_every_member);
  g_test_add_func ("/core/patient/json-rejects", test_json_rejects);
  g_test_add_func ("/core/patient/json-accepts", test_json_accepts);
  g_test_add_func ("/core/patient/registrable", test_registrable);
  g_test_add_func ("/core/patient/user-messages", test_user_messages);
  g_test_add_func ("/core/patient/guardian-consent", test_guardian_consent);
  g_test_add_func ("/core/patient/setters", test_setters);

  return g_test_run ();
}
