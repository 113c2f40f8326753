/* test-identity.c — personnummer, samordningsnummer, reservnummer (DOMAIN §3)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers below are constructed for tests. Luhn runs over the 10-digit form: the first
 * nine digits are weighted 2,1,2,1…, a product above 9 counts as its digit sum (product − 9),
 * and the check digit is (10 − sum % 10) % 10. Each comment shows the nine contributions.
 */

#include "config.h"

#include <string.h>

#include "sp-enum-types.h"
#include "sp-identity.h"
#include "sp-json.h"
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
parse_ok (const char  *input,
          const GDate *today)
{
  g_autoptr(GError) error = NULL;
  SpIdentity *identity = sp_identity_parse (input, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (identity);
  return identity;
}

static void
assert_birth_date (SpIdentity *identity,
                   int         year,
                   int         month,
                   int         day)
{
  GDate birth;
  GDate expected = make_date (year, month, day);

  g_assert_true (sp_identity_get_birth_date (identity, &birth));
  g_assert_cmpint (g_date_compare (&birth, &expected), ==, 0);
}

static void
test_valid (void)
{
  struct {
    const char *input;
    SpIdentityKind kind;
    const char *normalised;
    int year, month, day;
  } cases[] = {
    /* 121212121 → 2+2+2+2+2+2+2+2+2 = 18 → check 2: the well-known test number. */
    { "19121212-1212", SP_IDENTITY_KIND_PERSONNUMMER, "191212121212", 1912, 12, 12 },
    { "191212121212", SP_IDENTITY_KIND_PERSONNUMMER, "191212121212", 1912, 12, 12 },
    /* "-" on 10 digits: under 100 on 2026-11-23 → 2012, not 1912. */
    { "121212-1212", SP_IDENTITY_KIND_PERSONNUMMER, "201212121212", 2012, 12, 12 },
    { "121212+1212", SP_IDENTITY_KIND_PERSONNUMMER, "191212121212", 1912, 12, 12 },
    /* A check digit of 0: 990101321 → 9+9+0+1+0+1+6+2+2 = 30 → (10 − 0) % 10 = 0. */
    { "990101-3210", SP_IDENTITY_KIND_PERSONNUMMER, "199901013210", 1999, 1, 1 },
    /* 811228987 → 7+1+2+2+4+8+9+8+5 = 46 → check 4. */
    { "811228-9874", SP_IDENTITY_KIND_PERSONNUMMER, "198112289874", 1981, 12, 28 },
    { " \t8112289874\n", SP_IDENTITY_KIND_PERSONNUMMER, "198112289874", 1981, 12, 28 },
    { "19811228-9874", SP_IDENTITY_KIND_PERSONNUMMER, "198112289874", 1981, 12, 28 },
    { "  198112289874  ", SP_IDENTITY_KIND_PERSONNUMMER, "198112289874", 1981, 12, 28 },
    /* Samordningsnummer, day 63 = 3rd. 701063238 → 5+0+2+0+3+3+4+3+7 = 27 → check 3. The
     * normalised form keeps the +60 day, as Skatteverket writes it. */
    { "701063-2383", SP_IDENTITY_KIND_SAMORDNINGSNUMMER, "197010632383", 1970, 10, 3 },
    /* Lowest day, 61 = 1st: 900161123 → 9+0+0+1+3+1+2+2+6 = 24 → check 6. */
    { "900161-1236", SP_IDENTITY_KIND_SAMORDNINGSNUMMER, "199001611236", 1990, 1, 1 },
    /* Highest day, 91 = 31st: 900191456 → 9+0+0+1+9+1+8+5+3 = 36 → check 4. */
    { "19900191-4564", SP_IDENTITY_KIND_SAMORDNINGSNUMMER, "199001914564", 1990, 1, 31 },
    /* 29 February 2000 (a leap year: divisible by 400).
     * 000229123 → 0+0+0+2+4+9+2+2+6 = 25 → check 5. */
    { "000229-1235", SP_IDENTITY_KIND_PERSONNUMMER, "200002291235", 2000, 2, 29 },
    /* Samordningsnummer on 29 February: day 89. 000289123 → 0+0+0+2+7+9+2+2+6 = 28 → 2. */
    { "000289-1232", SP_IDENTITY_KIND_SAMORDNINGSNUMMER, "200002891232", 2000, 2, 29 },
  };
  GDate today = make_date (2026, 11, 23);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpIdentity) identity = NULL;

      g_test_message ("valid case %u", i);
      identity = parse_ok (cases[i].input, &today);
      g_assert_cmpint (sp_identity_get_kind (identity), ==, cases[i].kind);
      g_assert_cmpstr (sp_identity_get_normalised (identity), ==, cases[i].normalised);
      g_assert_null (sp_identity_get_region (identity));
      assert_birth_date (identity, cases[i].year, cases[i].month, cases[i].day);
    }
}

/* Rejections, all on 2026-11-23 unless @today is given. Numbers meant to fail on something
 * other than the check digit carry a correct one, so only the named rule can reject them. */
static const struct {
  const char *input;
  SpIdentityError code;
  int today_year; /* 0: 2026-11-23 */
  int today_month;
  int today_day;
} invalid_cases[] = {
  { "", SP_IDENTITY_ERROR_EMPTY },
  { " \t\n ", SP_IDENTITY_ERROR_EMPTY },
  { "81122B-9874", SP_IDENTITY_ERROR_CHARACTERS },
  { "811228 9874", SP_IDENTITY_ERROR_CHARACTERS },
  { "811228/9874", SP_IDENTITY_ERROR_CHARACTERS },
  /* An en dash is not a hyphen. */
  { "811228\u20139874", SP_IDENTITY_ERROR_CHARACTERS },
  { "1212121212x", SP_IDENTITY_ERROR_CHARACTERS },
  { "811228-987", SP_IDENTITY_ERROR_LENGTH },
  { "81122898744", SP_IDENTITY_ERROR_LENGTH },
  { "1981122898741", SP_IDENTITY_ERROR_LENGTH },
  { "12121212", SP_IDENTITY_ERROR_LENGTH },
  { "-", SP_IDENTITY_ERROR_LENGTH },
  { "811228--9874", SP_IDENTITY_ERROR_SEPARATOR },
  { "811228-+9874", SP_IDENTITY_ERROR_SEPARATOR },
  { "8112-289874", SP_IDENTITY_ERROR_SEPARATOR },
  { "8112289874-", SP_IDENTITY_ERROR_SEPARATOR },
  { "-8112289874", SP_IDENTITY_ERROR_SEPARATOR },
  /* "+" on 12 digits for someone aged 44. */
  { "19811228+9874", SP_IDENTITY_ERROR_SEPARATOR },
  /* 230230123 → 4+3+0+2+6+0+2+2+6 = 25 → 5: 30 February. */
  { "20230230-1235", SP_IDENTITY_ERROR_DATE },
  /* 230229123 → 4+3+0+2+4+9+2+2+6 = 32 → 8: 2023 is not a leap year. */
  { "20230229-1238", SP_IDENTITY_ERROR_DATE },
  /* 000229123 → 25 → 5: 1900 is not a leap year (divisible by 100, not by 400). */
  { "19000229-1235", SP_IDENTITY_ERROR_DATE },
  { "000229+1235", SP_IDENTITY_ERROR_DATE },
  /* 811328123 → 7+1+2+3+4+8+2+2+6 = 35 → 5: month 13. */
  { "811328-1235", SP_IDENTITY_ERROR_DATE },
  /* 810028123 → 7+1+0+0+4+8+2+2+6 = 30 → 0: month 00. */
  { "810028-1230", SP_IDENTITY_ERROR_DATE },
  /* 811200123 → 7+1+2+2+0+0+2+2+6 = 22 → 8: day 00. */
  { "811200-1238", SP_IDENTITY_ERROR_DATE },
  /* 811260123 → 7+1+2+2+3+0+2+2+6 = 25 → 5: day 60 is neither a day nor 60 + a day. */
  { "811260-1235", SP_IDENTITY_ERROR_DATE },
  /* 811292123 → 7+1+2+2+9+2+2+2+6 = 33 → 7: samordningsnummer day 92 = 32 December. */
  { "811292-1237", SP_IDENTITY_ERROR_DATE },
  /* 261124123 → 4+6+2+1+4+4+2+2+6 = 31 → 9: born tomorrow. */
  { "20261124-1239", SP_IDENTITY_ERROR_FUTURE },
  { "811228-9875", SP_IDENTITY_ERROR_CHECKSUM },
  { "19121212-1213", SP_IDENTITY_ERROR_CHECKSUM },
  /* 191212121 → 2+9+2+2+2+2+2+2+2 = 25 → 5, not 2. */
  { "1912121212", SP_IDENTITY_ERROR_CHECKSUM },
  /* A samordningsnummer with a wrong check digit: 701063238 → 3, not 4. */
  { "701063-2384", SP_IDENTITY_ERROR_CHECKSUM },
  /* 000229+1235 on 2100-02-28: the 2000-born turns 100 only on 1 March 2100 (2100 is not
   * a leap year), so "+" means 1900, which has no 29 February. */
  { "000229+1235", SP_IDENTITY_ERROR_DATE, 2100, 2, 28 },
};

static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpIdentity) identity = NULL;
      GDate today = invalid_cases[i].today_year == 0 ?
                    make_date (2026, 11, 23) :
                    make_date (invalid_cases[i].today_year, invalid_cases[i].today_month,
                               invalid_cases[i].today_day);

      g_test_message ("invalid case %u", i);
      identity = sp_identity_parse (invalid_cases[i].input, &today, &error);
      g_assert_null (identity);
      g_assert_error (error, SP_IDENTITY_ERROR, (int) invalid_cases[i].code);
    }
}

/* Every code is reached by some input, and the nicks (the CLI and API "code") are stable. */
static void
test_error_codes (void)
{
  const char *nicks[] = { "empty", "characters", "length", "separator", "date", "future",
                          "checksum", "reserve" };
  gboolean reached[G_N_ELEMENTS (nicks)] = { FALSE };
  g_autoptr(GEnumClass) klass = g_type_class_ref (SP_TYPE_IDENTITY_ERROR);
  g_autoptr(GError) reserve_error = NULL;

  g_assert_cmpuint (klass->n_values, ==, G_N_ELEMENTS (nicks));
  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    g_assert_cmpstr (sp_enum_to_nick (SP_TYPE_IDENTITY_ERROR, i), ==, nicks[i]);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    reached[invalid_cases[i].code] = TRUE;

  g_assert_null (sp_identity_new_reserve ("vgr", "", &reserve_error));
  reached[reserve_error->code] = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    {
      g_test_message ("code %s", nicks[i]);
      g_assert_true (reached[i]);
    }
}

/* Error messages end up in logs: they must never carry the number, or any part of it
 * (no run of four digits; "10 or 12 digits" and "100" are fine). */
static void
test_message_has_no_number (void)
{
  GDate today = make_date (2026, 11, 23);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpIdentity) identity = sp_identity_parse (invalid_cases[i].input, &today,
                                                          &error);
      guint run = 0;

      g_assert_nonnull (error);
      for (const char *p = error->message; *p != '\0'; p++)
        {
          run = g_ascii_isdigit (*p) ? run + 1 : 0;
          g_assert_cmpuint (run, <, 4);
        }
    }
}

/* The 100th birthday decides between "-" and "+"; today is 2025-06-01.
 * 250601123 → 4+5+0+6+0+1+2+2+6 = 26 → 4; 250602456 → 4+5+0+6+0+2+8+5+3 = 33 → 7;
 * 250531789 → 4+5+0+5+6+1+5+8+9 = 43 → 7. */
static void
test_century (void)
{
  struct {
    const char *input;
    const char *normalised; /* NULL: refused with SEPARATOR */
    int age;
  } cases[] = {
    /* Born on this very date: "-" is the newborn, "+" the one turning 100 today. */
    { "250601-1234", "202506011234", 0 },
    { "250601+1234", "192506011234", 100 },
    { "2506011234", "202506011234", 0 },
    /* Tomorrow's date: 2025 would be the future, so "-" is 1925 (99); "+" is 1825 (199). */
    { "250602-4567", "192506024567", 99 },
    { "250602+4567", "182506024567", 199 },
    /* Yesterday's date: "-" is this year's baby, "+" turned 100 yesterday. */
    { "250531-7897", "202505317897", 0 },
    { "250531+7897", "192505317897", 100 },
    /* 12 digits: "+" only when consistent; "-" is always fine. */
    { "19250601+1234", "192506011234", 100 },
    { "19250601-1234", "192506011234", 100 },
    { "19250531+7897", "192505317897", 100 },
    { "19250602+4567", NULL, 0 },
  };
  GDate today = make_date (2025, 6, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpIdentity) identity = NULL;

      g_test_message ("century case %u", i);
      identity = sp_identity_parse (cases[i].input, &today, &error);
      if (cases[i].normalised == NULL)
        {
          g_assert_error (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_SEPARATOR);
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpstr (sp_identity_get_normalised (identity), ==, cases[i].normalised);
      g_assert_cmpint (sp_identity_get_age (identity, &today), ==, cases[i].age);
    }
}

/* 29 February: someone born then turns a year older on 1 March in a non-leap year. */
static void
test_leap_day (void)
{
  struct {
    const char *input;
    int today_year, today_month, today_day;
    const char *normalised;
    int age;
  } cases[] = {
    /* 240229123 → 4+4+0+2+4+9+2+2+6 = 33 → 7. On 2024-02-28 the 1924-born is 99: "+"
     * reaches back to 1824 (a leap year); on 2024-02-29 they are 100. */
    { "240229+1237", 2024, 2, 28, "182402291237", 199 },
    { "240229+1237", 2024, 2, 29, "192402291237", 100 },
    { "240229-1237", 2024, 2, 28, "192402291237", 99 },
    /* 2100 is not a leap year: the 2000-born turn 100 on 1 March 2100. */
    { "000229-1235", 2100, 2, 28, "200002291235", 99 },
    { "000229+1235", 2100, 3, 1, "200002291235", 100 },
    /* 080229123 → 0+8+0+2+4+9+2+2+6 = 33 → 7: born 2008-02-29. */
    { "080229-1237", 2026, 2, 28, "200802291237", 17 },
    { "080229-1237", 2026, 3, 1, "200802291237", 18 },
    { "080229-1237", 2028, 2, 28, "200802291237", 19 },
    { "080229-1237", 2028, 2, 29, "200802291237", 20 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpIdentity) identity = NULL;
      GDate today = make_date (cases[i].today_year, cases[i].today_month, cases[i].today_day);

      g_test_message ("leap case %u", i);
      identity = parse_ok (cases[i].input, &today);
      g_assert_cmpstr (sp_identity_get_normalised (identity), ==, cases[i].normalised);
      g_assert_cmpint (sp_identity_get_age (identity, &today), ==, cases[i].age);
    }
}

/* Every spelling of one person is one identity: equal, same hash, same display. */
static void
test_same_person (void)
{
  const char *spellings[] = { "811228-9874", "8112289874", "19811228-9874", "198112289874",
                              " 811228-9874 " };
  GDate today = make_date (2026, 11, 23);
  g_autoptr(SpIdentity) first = parse_ok (spellings[0], &today);
  g_autoptr(SpIdentity) other = parse_ok ("121212-1212", &today);
  g_autofree char *display = sp_identity_format (first);

  g_assert_cmpstr (display, ==, "19811228-9874");

  for (guint i = 1; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(SpIdentity) identity = parse_ok (spellings[i], &today);

      g_assert_true (sp_identity_equal (first, identity));
      g_assert_cmpuint (sp_identity_hash (first), ==, sp_identity_hash (identity));
    }

  g_assert_false (sp_identity_equal (first, other));
  g_assert_false (sp_identity_equal (first, NULL));
  g_assert_true (sp_identity_equal (NULL, NULL));
}

static void
test_reserve (void)
{
  g_autoptr(SpIdentity) plain = NULL;
  g_autoptr(SpIdentity) spaced = NULL;
  g_autoptr(SpIdentity) other_region = NULL;
  g_autoptr(SpIdentity) unchecked = NULL;
  g_autoptr(SpIdentity) lookalike = NULL;
  g_autoptr(SpIdentity) personnummer = NULL;
  g_autofree char *display = NULL;
  GDate today = make_date (2026, 11, 23);
  GDate birth;
  g_autoptr(GError) error = NULL;

  plain = sp_identity_new_reserve ("vgr", "RES-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_identity_get_kind (plain), ==, SP_IDENTITY_KIND_RESERVNUMMER);
  g_assert_cmpstr (sp_identity_get_normalised (plain), ==, "RES-0001");
  g_assert_cmpstr (sp_identity_get_region (plain), ==, "vgr");
  g_assert_false (sp_identity_get_birth_date (plain, &birth));
  g_assert_cmpint (sp_identity_get_age (plain, &today), ==, -1);
  g_assert_false (sp_identity_is_child (plain, &today));
  display = sp_identity_format (plain);
  g_assert_cmpstr (display, ==, "RES-0001");

  /* Trimmed; the tag is case-insensitive, the value is not touched. */
  spaced = sp_identity_new_reserve (" VGR ", "  RES-0001\t", &error);
  g_assert_no_error (error);
  g_assert_true (sp_identity_equal (plain, spaced));
  g_assert_cmpuint (sp_identity_hash (plain), ==, sp_identity_hash (spaced));

  /* The same value from another region is another number. */
  other_region = sp_identity_new_reserve ("stockholm", "RES-0001", &error);
  g_assert_no_error (error);
  g_assert_false (sp_identity_equal (plain, other_region));

  /* Never Luhn-checked, and not the personnummer that looks the same. */
  unchecked = sp_identity_new_reserve ("stockholm", "191212121213", &error);
  g_assert_no_error (error);
  g_assert_nonnull (unchecked);
  lookalike = sp_identity_new_reserve ("stockholm", "191212121212", &error);
  g_assert_no_error (error);
  personnummer = parse_ok ("191212121212", &today);
  g_assert_false (sp_identity_equal (lookalike, personnummer));
}

static void
test_reserve_invalid (void)
{
  struct { const char *region; const char *value; } cases[] = {
    { "vgr", "" },
    { "vgr", "   " },
    { "vgr", "123456789012345678901234567890123" }, /* 33 characters */
    { "vgr", "12\t34" },                            /* a control character */
    { "vgr", "Å1234" },                             /* not ASCII */
    { "", "X1" },
    { "v g r", "X1" },
    { "region/x", "X1" },
    { "abcdefghijklmnopqrstuvwxyzabcdefg", "X1" },  /* 33 characters */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpIdentity) identity = NULL;

      g_test_message ("reserve case %u", i);
      identity = sp_identity_new_reserve (cases[i].region, cases[i].value, &error);
      g_assert_null (identity);
      g_assert_error (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_RESERVE);
    }

  {
    /* 32 characters is the longest. */
    g_autoptr(SpIdentity) longest =
      sp_identity_new_reserve ("abcdefghijklmnopqrstuvwxyzabcdef",
                               "12345678901234567890123456789012", NULL);
    g_assert_nonnull (longest);
  }
}

/* Under 18 is a child: the day before the 18th birthday yes, on the day no.
 * 081123123 → 0+8+2+1+4+3+2+2+6 = 28 → 2: born 2008-11-23. */
static void
test_age_and_child (void)
{
  struct {
    int year, month, day;
    int age;
    gboolean child;
  } cases[] = {
    { 2008, 11, 22, -1, FALSE }, /* not yet born: unknown */
    { 2008, 11, 23, 0, TRUE },
    { 2026, 11, 22, 17, TRUE },
    { 2026, 11, 23, 18, FALSE },
    { 2026, 11, 24, 18, FALSE },
  };
  GDate parsed_on = make_date (2026, 11, 23);
  g_autoptr(SpIdentity) identity = parse_ok ("081123-1232", &parsed_on);

  assert_birth_date (identity, 2008, 11, 23);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate today = make_date (cases[i].year, cases[i].month, cases[i].day);

      g_test_message ("age case %u", i);
      g_assert_cmpint (sp_identity_get_age (identity, &today), ==, cases[i].age);
      g_assert_cmpint (sp_identity_is_child (identity, &today), ==, cases[i].child);
    }
}

static void
test_format (void)
{
  GDate today = make_date (2026, 11, 23);
  g_autoptr(SpIdentity) pn = parse_ok ("121212+1212", &today);
  g_autoptr(SpIdentity) sn = parse_ok ("7010632383", &today);
  g_autofree char *pn_text = sp_identity_format (pn);
  g_autofree char *sn_text = sp_identity_format (sn);

  g_assert_cmpstr (pn_text, ==, "19121212-1212");
  g_assert_cmpstr (sn_text, ==, "19701063-2383");
}

static void
assert_json_round_trip (SpIdentity *identity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_identity_to_json (identity);
  g_autoptr(SpIdentity) copy = sp_identity_new_from_json (node, &error);
  g_autoptr(JsonNode) node2 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  g_assert_no_error (error);
  g_assert_true (sp_identity_equal (identity, copy));

  node2 = sp_identity_to_json (copy);
  text = sp_json_to_string (node, FALSE);
  text2 = sp_json_to_string (node2, FALSE);
  g_assert_cmpstr (text, ==, text2);
}

static void
test_json_round_trip (void)
{
  GDate today = make_date (2026, 11, 23);
  g_autoptr(SpIdentity) pn = parse_ok ("19121212-1212", &today);
  g_autoptr(SpIdentity) sn = parse_ok ("701063-2383", &today);
  g_autoptr(SpIdentity) reserve = sp_identity_new_reserve ("vasterbotten", "R 99/12", NULL);
  g_autoptr(JsonNode) node = sp_identity_to_json (pn);
  g_autofree char *text = sp_json_to_string (node, FALSE);

  g_assert_cmpstr (text, ==,
                   "{\"kind\":\"personnummer\",\"value\":\"191212121212\",\"region\":null}");

  assert_json_round_trip (pn);
  assert_json_round_trip (sn);
  assert_json_round_trip (reserve);
}

static void
test_json_rejects (void)
{
  struct {
    const char *json;
    const char *field;
    SpJsonError code;
  } cases[] = {
    /* Luhn: 191212121 → check 2, not 3. */
    { "{\"kind\":\"personnummer\",\"value\":\"191212121213\",\"region\":null}",
      "value", SP_JSON_ERROR_INVALID },
    /* Month 13. */
    { "{\"kind\":\"personnummer\",\"value\":\"191213121212\"}", "value", SP_JSON_ERROR_INVALID },
    /* Stored numbers are normalised: no separator, 12 digits. */
    { "{\"kind\":\"personnummer\",\"value\":\"19121212-1212\"}", "value",
      SP_JSON_ERROR_INVALID },
    { "{\"kind\":\"personnummer\",\"value\":\"1212121212\"}", "value", SP_JSON_ERROR_INVALID },
    { "{\"kind\":\"personnummer\",\"value\":\"191212121212x\"}", "value",
      SP_JSON_ERROR_INVALID },
    { "{\"kind\":\"personnummer\",\"value\":191212121212}", "value", SP_JSON_ERROR_TYPE },
    { "{\"kind\":\"personnummer\"}", "value", SP_JSON_ERROR_MISSING },
    { "{\"value\":\"191212121212\"}", "kind", SP_JSON_ERROR_MISSING },
    { "{\"kind\":\"passport\",\"value\":\"191212121212\"}", "kind", SP_JSON_ERROR_INVALID },
    { "{\"kind\":0,\"value\":\"191212121212\"}", "kind", SP_JSON_ERROR_TYPE },
    /* The day (12) says personnummer. */
    { "{\"kind\":\"samordningsnummer\",\"value\":\"191212121212\"}", "kind",
      SP_JSON_ERROR_INVALID },
    /* The day (63) says samordningsnummer. */
    { "{\"kind\":\"personnummer\",\"value\":\"197010632383\"}", "kind",
      SP_JSON_ERROR_INVALID },
    { "{\"kind\":\"personnummer\",\"value\":\"191212121212\",\"region\":\"vgr\"}", "region",
      SP_JSON_ERROR_INVALID },
    { "{\"kind\":\"reservnummer\",\"value\":\"R1\",\"region\":null}", "region",
      SP_JSON_ERROR_MISSING },
    { "{\"kind\":\"reservnummer\",\"value\":\"R1\",\"region\":\"v g r\"}", "region",
      SP_JSON_ERROR_INVALID },
    { "{\"kind\":\"reservnummer\",\"value\":\"\",\"region\":\"vgr\"}", "value",
      SP_JSON_ERROR_INVALID },
    { "[]", "$", SP_JSON_ERROR_TYPE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sp_json_parse (cases[i].json, -1, NULL);
      g_autoptr(SpIdentity) identity = NULL;
      g_autofree char *field = NULL;

      g_test_message ("json case %u", i);
      g_assert_nonnull (node);
      identity = sp_identity_new_from_json (node, &error);
      g_assert_null (identity);
      g_assert_error (error, SP_JSON_ERROR, (int) cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

static void
test_preconditions (void)
{
  GDate today = make_date (2026, 11, 23);
  GDate too_early = make_date (1899, 12, 31);
  SpIdentity *identity;

  g_test_expect_message ("sp-identity", G_LOG_LEVEL_CRITICAL, "*input != NULL*");
  identity = sp_identity_parse (NULL, &today, NULL);
  g_test_assert_expected_messages ();
  g_assert_null (identity);

  g_test_expect_message ("sp-identity", G_LOG_LEVEL_CRITICAL, "*MIN_TODAY_YEAR*");
  identity = sp_identity_parse ("19121212-1212", &too_early, NULL);
  g_test_assert_expected_messages ();
  g_assert_null (identity);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/identity/valid", test_valid);
  g_test_add_func ("/core/identity/invalid", test_invalid);
  g_test_add_func ("/core/identity/error-codes", test_error_codes);
  g_test_add_func ("/core/identity/message-has-no-number", test_message_has_no_number);
  g_test_add_func ("/core/identity/century", test_century);
  g_test_add_func ("/core/identity/leap-day", test_leap_day);
  g_test_add_func ("/core/identity/same-person", test_same_person);
  g_test_add_func ("/core/identity/reserve", test_reserve);
  g_test_add_func ("/core/identity/reserve-invalid", test_reserve_invalid);
  g_test_add_func ("/core/identity/age-and-child", test_age_and_child);
  g_test_add_func ("/core/identity/format", test_format);
  g_test_add_func ("/core/identity/json-round-trip", test_json_round_trip);
  g_test_add_func ("/core/identity/json-rejects", test_json_rejects);
  g_test_add_func ("/core/identity/preconditions", test_preconditions);

  return g_test_run ();
}
