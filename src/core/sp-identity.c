/* sp-identity.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-identity"

#include "config.h"

#include <string.h>

#include "sp-enum-types.h"
#include "sp-identity.h"
#include "sp-json.h"

/* A samordningsnummer is a personnummer whose day of birth has this added (DOMAIN §3). */
#define SAMORDNING_DAY_OFFSET 60

/* The 10-digit forms use "+" from the 100th birthday on. */
#define CENTENARIAN_AGE 100

/* Under 18 the guardian gives consent (DOMAIN §3). */
#define ADULT_AGE 18

/* Personnummer exist since 1947: an earlier "today" is a programmer error. */
#define MIN_TODAY_YEAR 1900

struct _SpIdentity
{
  SpIdentityKind  kind;
  char           *value;      /* "YYYYMMDDNNNN", or the reservnummer as given */
  char           *region;     /* reservnummer only */
  GDate           birth_date; /* cleared (invalid) for a reservnummer */
};

G_DEFINE_BOXED_TYPE (SpIdentity, sp_identity, sp_identity_ref, sp_identity_unref)

G_DEFINE_QUARK (sp-identity-error, sp_identity_error)

static SpIdentity *
identity_new (SpIdentityKind  kind,
              const char     *value,
              const char     *region,
              const GDate    *birth_date)
{
  SpIdentity *self = g_atomic_rc_box_new0 (SpIdentity);

  self->kind = kind;
  self->value = g_strdup (value);
  self->region = g_strdup (region);
  g_date_clear (&self->birth_date, 1);
  if (birth_date != NULL)
    self->birth_date = *birth_date;

  return self;
}

static void
identity_clear (SpIdentity *self)
{
  g_free (self->value);
  g_free (self->region);
}

static int
digits_to_int (const char *digits,
               guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (digits[i] - '0');

  return value;
}

/* Completed years on @today for a birthday on @month-@day of @year. Comparing (month, day)
 * makes someone born on 29 February a year older on 1 March in a non-leap year. */
static int
age_on (int          year,
        int          month,
        int          day,
        const GDate *today)
{
  int today_month = g_date_get_month (today);
  int today_day = g_date_get_day (today);
  int age = g_date_get_year (today) - year;

  if (today_month < month || (today_month == month && today_day < day))
    age--;

  return age;
}

static int
age_at (const GDate *birth_date,
        const GDate *today)
{
  return age_on (g_date_get_year (birth_date), g_date_get_month (birth_date),
                 g_date_get_day (birth_date), today);
}

/* The latest year ending in @yy in which someone born on @month-@day is at least @min_age
 * years old on @today: 0 for the "-" form (under 100), 100 for the "+" form. */
static int
pick_year (int          yy,
           int          month,
           int          day,
           int          min_age,
           const GDate *today)
{
  int today_year = g_date_get_year (today);
  int year = today_year - ((today_year - yy) % 100 + 100) % 100;

  while (age_on (year, month, day, today) < min_age)
    year -= 100;

  return year;
}

/* Luhn over the 10-digit form YYMMDDNNNC: weights 2,1,2,1… on the first nine digits. */
static gboolean
luhn_valid (const char *ten_digits)
{
  int sum = 0;

  for (guint i = 0; i < 9; i++)
    {
      int product = (ten_digits[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += product > 9 ? product - 9 : product;
    }

  return (10 - sum % 10) % 10 == ten_digits[9] - '0';
}

/* Checks the date and check digit of twelve digits YYYYMMDDNNNN; derives the kind (the day
 * says samordningsnummer) and the birth date. */
static gboolean
decode_digits (const char      *digits,
               SpIdentityKind  *out_kind,
               GDate           *out_birth_date,
               GError         **error)
{
  int year = digits_to_int (digits, 4);
  int month = digits_to_int (digits + 4, 2);
  int day = digits_to_int (digits + 6, 2);
  SpIdentityKind kind = SP_IDENTITY_KIND_PERSONNUMMER;

  if (day > SAMORDNING_DAY_OFFSET)
    {
      kind = SP_IDENTITY_KIND_SAMORDNINGSNUMMER;
      day -= SAMORDNING_DAY_OFFSET;
    }

  if (!g_date_valid_dmy (day, month, year))
    {
      g_set_error_literal (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_DATE,
                           "Impossible birth date in identity number");
      return FALSE;
    }

  /* Never echo the number: error messages end up in logs. */
  if (!luhn_valid (digits + 2))
    {
      g_set_error_literal (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_CHECKSUM,
                           "Invalid check digit in identity number");
      return FALSE;
    }

  *out_kind = kind;
  g_date_clear (out_birth_date, 1);
  g_date_set_dmy (out_birth_date, day, month, year);
  return TRUE;
}

/* Splits @text into its digits and at most one separator ("-" or "+"), which must stand
 * before the last four digits. Writes 10 or 12 digits and a NUL to @digits. */
static gboolean
scan_number (const char  *text,
             char         digits[13],
             char        *out_separator,
             GError     **error)
{
  guint n_digits = 0;
  guint separator_at = 0;
  char separator = '\0';

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n_digits < 12)
            digits[n_digits] = *p;
          n_digits++;
        }
      else if (*p == '-' || *p == '+')
        {
          if (separator != '\0')
            {
              g_set_error_literal (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_SEPARATOR,
                                   "More than one separator in identity number");
              return FALSE;
            }
          separator = *p;
          separator_at = n_digits;
        }
      else
        {
          g_set_error_literal (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_CHARACTERS,
                               "Identity number contains a character other than a digit, "
                               "\"-\" or \"+\"");
          return FALSE;
        }
    }

  if (n_digits != 10 && n_digits != 12)
    {
      g_set_error_literal (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_LENGTH,
                           "Identity number must have 10 or 12 digits");
      return FALSE;
    }

  if (separator != '\0' && separator_at != n_digits - 4)
    {
      g_set_error_literal (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_SEPARATOR,
                           "Separator must stand before the last four digits");
      return FALSE;
    }

  digits[n_digits] = '\0';
  *out_separator = separator;
  return TRUE;
}

/**
 * sp_identity_parse:
 * @input: a personnummer or samordningsnummer as typed
 * @today: the date (year 1900 or later) that decides the century of a 10-digit form and
 *   what is "future"
 * @error: return location for an #SP_IDENTITY_ERROR
 *
 * Accepts surrounding whitespace and YYYYMMDDNNNN, YYYYMMDD-NNNN, YYMMDDNNNN, YYMMDD-NNNN and
 * YYMMDD+NNNN. A 10-digit form without "+" belongs to someone under 100 on @today (the latest
 * century that does not put the birth date after @today); with "+" to someone 100 or older.
 * On a 12-digit form "+" is accepted only if the person is at least 100.
 *
 * The checks run in this order, so a number wrong in several ways gets the first code:
 * empty, characters, separator (repeated), length, separator (placement), date, checksum,
 * future, separator ("+" under 100).
 *
 * Returns: (transfer full) (nullable): the identity, normalised to 12 digits.
 */
SpIdentity *
sp_identity_parse (const char   *input,
                   const GDate  *today,
                   GError      **error)
{
  g_autofree char *text = NULL;
  char digits[13];
  char full[13];
  char separator;
  SpIdentityKind kind;
  GDate birth_date;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  /* Keeps every year pick_year() can reach four digits long and positive. */
  g_return_val_if_fail (g_date_get_year (today) >= MIN_TODAY_YEAR, NULL);

  text = g_strstrip (g_strdup (input));
  if (*text == '\0')
    {
      g_set_error_literal (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_EMPTY,
                           "Identity number is empty");
      return NULL;
    }

  if (!scan_number (text, digits, &separator, error))
    return NULL;

  if (strlen (digits) == 10)
    {
      int day = digits_to_int (digits + 4, 2);
      int year = pick_year (digits_to_int (digits, 2), digits_to_int (digits + 2, 2),
                            day > SAMORDNING_DAY_OFFSET ? day - SAMORDNING_DAY_OFFSET : day,
                            separator == '+' ? CENTENARIAN_AGE : 0, today);

      g_snprintf (full, sizeof full, "%04d%s", year, digits + 2);
    }
  else
    {
      memcpy (full, digits, sizeof full);
    }

  if (!decode_digits (full, &kind, &birth_date, error))
    return NULL;

  if (g_date_compare (&birth_date, today) > 0)
    {
      g_set_error_literal (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_FUTURE,
                           "Birth date of identity number is in the future");
      return NULL;
    }

  if (separator == '+' && age_at (&birth_date, today) < CENTENARIAN_AGE)
    {
      g_set_error_literal (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_SEPARATOR,
                           "\"+\" is only for people aged 100 or more");
      return NULL;
    }

  return identity_new (kind, full, NULL, &birth_date);
}

/* Trims @value and checks it has 1–32 characters that each pass @allowed. */
static char *
normalize_reserve_part (const char  *value,
                        gboolean   (*allowed) (char c),
                        const char  *what,
                        GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (value));
  gsize length = strlen (text);
  gboolean ok = length >= 1 && length <= SP_IDENTITY_RESERVE_MAX_LENGTH;

  for (gsize i = 0; ok && i < length; i++)
    ok = allowed (text[i]);

  if (!ok)
    {
      g_set_error (error, SP_IDENTITY_ERROR, SP_IDENTITY_ERROR_RESERVE,
                   "Reservnummer %s must have 1–%d allowed characters", what,
                   SP_IDENTITY_RESERVE_MAX_LENGTH);
      return NULL;
    }

  return g_steal_pointer (&text);
}

static gboolean
is_printable_ascii (char c)
{
  return c >= 0x20 && c <= 0x7e;
}

static gboolean
is_region_tag_char (char c)
{
  return (c >= 'a' && c <= 'z') || g_ascii_isdigit (c) || c == '-' || c == '_';
}

static char *
normalize_region_tag (const char  *region_tag,
                      GError     **error)
{
  /* "VGR" and "vgr" are one region. */
  g_autofree char *lower = g_ascii_strdown (region_tag, -1);

  return normalize_reserve_part (lower, is_region_tag_char, "region tag", error);
}

static char *
normalize_reserve_value (const char  *value,
                         GError     **error)
{
  return normalize_reserve_part (value, is_printable_ascii, "value", error);
}

/**
 * sp_identity_new_reserve:
 * @region_tag: who issued it: "vgr", "stockholm", "vasterbotten" or another short tag
 *   (letters, digits, "-", "_"; case-insensitive, stored lower-case)
 * @value: the number as issued: 1–32 printable ASCII characters after trimming
 * @error: return location for %SP_IDENTITY_ERROR_RESERVE
 *
 * A reservnummer is opaque and region-specific (DOMAIN §3): it is never Luhn-checked and
 * has no known birth date.
 *
 * Returns: (transfer full) (nullable): the identity.
 */
SpIdentity *
sp_identity_new_reserve (const char  *region_tag,
                         const char  *value,
                         GError     **error)
{
  g_autofree char *region = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (region_tag != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  region = normalize_region_tag (region_tag, error);
  if (region == NULL)
    return NULL;

  text = normalize_reserve_value (value, error);
  if (text == NULL)
    return NULL;

  return identity_new (SP_IDENTITY_KIND_RESERVNUMMER, text, region, NULL);
}

/**
 * sp_identity_ref:
 *
 * Returns: (transfer full): @self
 */
SpIdentity *
sp_identity_ref (SpIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
sp_identity_unref (SpIdentity *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) identity_clear);
}

SpIdentityKind
sp_identity_get_kind (SpIdentity *self)
{
  g_return_val_if_fail (self != NULL, SP_IDENTITY_KIND_PERSONNUMMER);

  return self->kind;
}

/**
 * sp_identity_get_normalised:
 *
 * Returns: (transfer none): the normalised "YYYYMMDDNNNN" (a samordningsnummer keeps its
 *   day + 60, as Skatteverket writes it), or the reservnummer as issued.
 */
const char *
sp_identity_get_normalised (SpIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->value;
}

/**
 * sp_identity_get_region:
 *
 * Returns: (transfer none) (nullable): the region tag of a reservnummer, else %NULL.
 */
const char *
sp_identity_get_region (SpIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->region;
}

/**
 * sp_identity_get_birth_date:
 * @out_date: (out caller-allocates): set to the birth date (day − 60 for a
 *   samordningsnummer) when known
 *
 * Returns: %FALSE for a reservnummer, whose birth date is unknown.
 */
gboolean
sp_identity_get_birth_date (SpIdentity *self,
                            GDate      *out_date)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);

  if (!g_date_valid (&self->birth_date))
    return FALSE;

  *out_date = self->birth_date;
  return TRUE;
}

/**
 * sp_identity_get_age:
 *
 * Completed years on @today. Someone born on 29 February becomes a year older on 1 March in
 * a non-leap year (and on 29 February in a leap year).
 *
 * Returns: the age, or -1 when unknown (a reservnummer, or @today before the birth date).
 */
int
sp_identity_get_age (SpIdentity  *self,
                     const GDate *today)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (today != NULL && g_date_valid (today), -1);

  if (!g_date_valid (&self->birth_date) || g_date_compare (&self->birth_date, today) > 0)
    return -1;

  return age_at (&self->birth_date, today);
}

/**
 * sp_identity_is_child:
 *
 * Returns: %TRUE if the person is known to be under 18 on @today (a guardian then gives
 *   consent, DOMAIN §3); %FALSE when 18 or older or when the age is unknown.
 */
gboolean
sp_identity_is_child (SpIdentity  *self,
                      const GDate *today)
{
  int age = sp_identity_get_age (self, today);

  return age >= 0 && age < ADULT_AGE;
}

/**
 * sp_identity_format:
 *
 * Returns: (transfer full): "YYYYMMDD-NNNN" for display, or the reservnummer as issued.
 */
char *
sp_identity_format (SpIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == SP_IDENTITY_KIND_RESERVNUMMER)
    return g_strdup (self->value);

  return g_strdup_printf ("%.8s-%s", self->value, self->value + 8);
}

/**
 * sp_identity_equal:
 *
 * Returns: %TRUE if @a and @b are the same number (both %NULL counts as equal).
 */
gboolean
sp_identity_equal (SpIdentity *a,
                   SpIdentity *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->kind == b->kind &&
         g_str_equal (a->value, b->value) &&
         g_strcmp0 (a->region, b->region) == 0;
}

guint
sp_identity_hash (SpIdentity *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_str_hash (self->value) ^ (self->region != NULL ? g_str_hash (self->region) : 0);
}

/**
 * sp_identity_to_json:
 *
 * A nested value, not a versioned record: {"kind", "value", "region"}.
 *
 * Returns: (transfer full): a JSON object node.
 */
JsonNode *
sp_identity_to_json (SpIdentity *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  sp_json_set_enum (object, "kind", SP_TYPE_IDENTITY_KIND, self->kind);
  sp_json_set_string (object, "value", self->value);
  sp_json_set_string (object, "region", self->region);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/* Re-labels an identity error as a strict-reader error on @member. */
static void
set_member_error (GError     **error,
                  const char  *member,
                  GError      *identity_error)
{
  g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: %s", member,
               identity_error->message);
  g_error_free (identity_error);
}

static SpIdentity *
reserve_from_json (const char  *value,
                   const char  *region,
                   GError     **error)
{
  GError *local_error = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *text = NULL;

  if (region == NULL)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "region: required for a reservnummer");
      return NULL;
    }

  tag = normalize_region_tag (region, &local_error);
  if (tag == NULL)
    {
      set_member_error (error, "region", local_error);
      return NULL;
    }

  text = normalize_reserve_value (value, &local_error);
  if (text == NULL)
    {
      set_member_error (error, "value", local_error);
      return NULL;
    }

  return identity_new (SP_IDENTITY_KIND_RESERVNUMMER, text, tag, NULL);
}

/* Stored numbers are already normalised: exactly 12 digits, nothing else. */
static SpIdentity *
number_from_json (SpIdentityKind   kind,
                  const char      *value,
                  const char      *region,
                  GError         **error)
{
  GError *local_error = NULL;
  SpIdentityKind decoded_kind;
  GDate birth_date;

  if (region != NULL)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "region: only a reservnummer has a region");
      return NULL;
    }

  if (strlen (value) != 12 || strspn (value, "0123456789") != 12)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "value: expected 12 digits");
      return NULL;
    }

  if (!decode_digits (value, &decoded_kind, &birth_date, &local_error))
    {
      set_member_error (error, "value", local_error);
      return NULL;
    }

  if (decoded_kind != kind)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "kind: does not match the day of birth in value");
      return NULL;
    }

  return identity_new (kind, value, NULL, &birth_date);
}

/**
 * sp_identity_new_from_json:
 * @node: what sp_identity_to_json() wrote
 * @error: return location for an #SP_JSON_ERROR naming the member ("value: …")
 *
 * Validates again: the date, the check digit, that the kind matches the number and that
 * only a reservnummer has a region. A birth date after today is not refused here: reading a
 * stored record must not depend on the clock.
 *
 * Returns: (transfer full) (nullable): the identity.
 */
SpIdentity *
sp_identity_new_from_json (JsonNode  *node,
                           GError   **error)
{
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  g_autofree char *value = NULL;
  g_autofree char *region = NULL;
  int kind = 0;

  if (object == NULL ||
      !sp_json_get_enum (object, "kind", TRUE, SP_TYPE_IDENTITY_KIND, &kind, error) ||
      !sp_json_get_string (object, "value", TRUE, 64, &value, error) ||
      !sp_json_get_string (object, "region", FALSE, 64, &region, error))
    return NULL;

  if (kind == SP_IDENTITY_KIND_RESERVNUMMER)
    return reserve_from_json (value, region, error);

  return number_from_json (kind, value, region, error);
}
