/* test-auth.c — password hashes, tokens and the sign-in rate limiter in the store
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-auth.h"
#include "sp-json.h"
#include "sp-rate-limiter.h"
#include "sp-test-server.h"

static void
test_password_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = sp_auth_hash_password ("korrekt häst batteri", &error);
  g_autofree char *again = sp_auth_hash_password ("korrekt häst batteri", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  /* Salted: the same password never gives the same string. */
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (sp_auth_verify_password (hash, "korrekt häst batteri"));
  g_assert_false (sp_auth_verify_password (hash, "korrekt häst batterI"));
  g_assert_false (sp_auth_verify_password (hash, ""));
  g_assert_false (sp_auth_verify_password ("not a hash", "korrekt häst batteri"));
  g_assert_false (sp_auth_verify_password (NULL, "x"));
}

static void
test_password_length (void)
{
  g_autoptr(GError) short_error = NULL;
  g_autoptr(GError) long_error = NULL;
  g_autofree char *huge = g_strnfill (SP_AUTH_MAX_PASSWORD + 1, 'a');
  /* Nine characters: one too few. */
  g_autofree char *h1 = sp_auth_hash_password ("nio tknxx", &short_error);
  g_autofree char *h2 = sp_auth_hash_password (huge, &long_error);
  /* Ten characters, counted as characters (å is two bytes). */
  g_autofree char *h3 = sp_auth_hash_password ("åååååååååå", NULL);

  g_assert_null (h1);
  g_assert_error (short_error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD);
  g_assert_null (h2);
  g_assert_error (long_error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD);
  g_assert_nonnull (h3);
}

static void
test_tokens (void)
{
  g_autofree char *a = sp_auth_new_token ();
  g_autofree char *b = sp_auth_new_token ();
  g_autofree char *ha = sp_auth_hash_token (a);
  g_autofree char *ha2 = sp_auth_hash_token (a);
  g_autofree char *hb = sp_auth_hash_token (b);

  g_assert_true (g_str_has_prefix (a, "spt_"));
  g_assert_cmpuint (strlen (a), ==, 4 + 43);
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (ha, ==, ha2);
  g_assert_cmpstr (ha, !=, hb);
  g_assert_cmpuint (strlen (ha), ==, 64);
  /* The stored form does not contain the token. */
  g_assert_null (strstr (ha, a + 4));
}

/* The limiter counts in a store: an in-memory sqlite one, or with SAMPLAN_TEST_PG a
 * PostgreSQL database of the test's own. */
typedef struct
{
  SpTestDatabase *database;
  SpStore        *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->database = sp_test_database_new ();
  fixture->store = sp_store_open_for_uri (sp_test_database_get_uri (fixture->database), &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  sp_test_database_free (fixture->database);
}

static gint64
check (SpRateLimiter *limiter,
       SpStore       *store,
       const char    *key,
       gint64         now)
{
  g_autoptr(GError) error = NULL;
  gint64 retry = -1;

  g_assert_true (sp_rate_limiter_check (limiter, store, key, now, &retry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (retry, >=, 0);
  return retry;
}

static void
fail (SpRateLimiter *limiter,
      SpStore       *store,
      const char    *key,
      gint64         now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_rate_limiter_fail (limiter, store, key, now, &error));
  g_assert_no_error (error);
}

/* How many keys the limiter keeps in the store, in all of its buckets. */
static guint
count_stored_keys (SpStore *store,
                   gint64   window)
{
  guint n = 0;

  for (guint bucket = 0; bucket < 256; bucket++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT "-%02x", window, bucket);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonNode) node = NULL;
      gsize length = 0;
      const char *text;

      g_assert_true (sp_store_get_private (store, "rate-limit", id, &body, NULL));
      if (body == NULL)
        continue;
      text = g_bytes_get_data (body, &length);
      node = sp_json_parse (text, length, NULL);
      g_assert_nonnull (node);
      n += json_object_get_size (json_node_get_object (node));
    }

  return n;
}

static void
test_rate_limiter (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SpRateLimiter) limiter = sp_rate_limiter_new (3, 60);
  g_autoptr(SpRateLimiter) other = sp_rate_limiter_new (3, 60);
  g_autoptr(GError) error = NULL;
  SpStore *store = fixture->store;

  g_assert_cmpint (check (limiter, store, "anna", 1000), ==, 0);

  fail (limiter, store, "anna", 1000);
  fail (limiter, store, "anna", 1010);
  g_assert_cmpint (check (limiter, store, "anna", 1020), ==, 0);
  fail (limiter, store, "anna", 1020);

  /* Three failures inside 60 s: refused until the first leaves the window at 1060. */
  g_assert_cmpint (check (limiter, store, "anna", 1030), ==, 30);
  g_assert_cmpint (check (limiter, store, "anna", 1059), ==, 1);
  g_assert_cmpint (check (limiter, store, "anna", 1060), ==, 0);

  /* The count is the store's, not the object's: another limiter (another instance) sees it. */
  g_assert_cmpint (check (other, store, "anna", 1030), ==, 30);

  /* Keys are independent. */
  g_assert_cmpint (check (limiter, store, "bertil", 1030), ==, 0);

  fail (limiter, store, "anna", 1061);
  g_assert_cmpint (check (limiter, store, "anna", 1062), >, 0);
  g_assert_true (sp_rate_limiter_reset (limiter, store, "anna", 1062, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check (limiter, store, "anna", 1062), ==, 0);
}

/* A sign-in is counted as failed before the password is checked; a right one takes back
 * exactly that count. */
static void
test_rate_limiter_forgive (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SpRateLimiter) limiter = sp_rate_limiter_new (2, 60);
  g_autoptr(GError) error = NULL;
  SpStore *store = fixture->store;

  fail (limiter, store, "10.0.0.1", 1000);
  fail (limiter, store, "10.0.0.1", 1005);
  g_assert_cmpint (check (limiter, store, "10.0.0.1", 1005), ==, 55);
  g_assert_true (sp_rate_limiter_forgive (limiter, store, "10.0.0.1", 1005, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check (limiter, store, "10.0.0.1", 1005), ==, 0);
  /* The failure at 1000 still counts. */
  fail (limiter, store, "10.0.0.1", 1006);
  g_assert_cmpint (check (limiter, store, "10.0.0.1", 1006), ==, 54);
}

static void
test_rate_limiter_bounded (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SpRateLimiter) limiter = sp_rate_limiter_new (2, 10);
  SpStore *store = fixture->store;

  /* A flood keeps the key refused but stores only the newest failures. */
  for (gint64 t = 0; t < 200; t++)
    fail (limiter, store, "10.0.0.1", t);
  g_assert_cmpint (check (limiter, store, "10.0.0.1", 200), ==, 8);
  g_assert_cmpint (check (limiter, store, "10.0.0.1", 209), ==, 0);
}

/* A key that the limiter keeps in bucket @bucket (the first byte of its SHA-256). */
static char *
key_in_bucket (guint bucket)
{
  for (guint i = 0;; i++)
    {
      g_autofree char *key = g_strdup_printf ("address:10.2.%u.%u", i / 256, i % 256);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

      if ((guint) (g_ascii_xdigit_value (hash[0]) * 16 + g_ascii_xdigit_value (hash[1])) == bucket)
        return g_steal_pointer (&key);
    }
}

/* Failures that have left the window leave the store too, not only the count, even for keys
 * that never come back. */
static void
test_rate_limiter_expiry (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SpRateLimiter) limiter = sp_rate_limiter_new (3, 60);
  SpStore *store = fixture->store;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *key = g_strdup_printf ("address:10.1.%u.%u", i / 256, i % 256);

      fail (limiter, store, key, 1000);
    }
  g_assert_cmpuint (count_stored_keys (store, 60), ==, 600);

  /* A minute later one other key fails in each bucket: none of the first 600 is left. */
  for (guint bucket = 0; bucket < 256; bucket++)
    {
      g_autofree char *key = key_in_bucket (bucket);

      fail (limiter, store, key, 1060);
    }
  g_assert_cmpuint (count_stored_keys (store, 60), ==, 256);
  g_assert_cmpint (check (limiter, store, "address:10.1.0.1", 1060), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sp_auth_init (NULL));

  g_test_add_func ("/server/auth/password/round-trip", test_password_round_trip);
  g_test_add_func ("/server/auth/password/length", test_password_length);
  g_test_add_func ("/server/auth/tokens", test_tokens);
  g_test_add ("/server/auth/rate-limiter", Fixture, NULL, fixture_setup, test_rate_limiter,
              fixture_teardown);
  g_test_add ("/server/auth/rate-limiter/forgive", Fixture, NULL, fixture_setup,
              test_rate_limiter_forgive, fixture_teardown);
  g_test_add ("/server/auth/rate-limiter/bounded", Fixture, NULL, fixture_setup,
              test_rate_limiter_bounded, fixture_teardown);
  g_test_add ("/server/auth/rate-limiter/expiry", Fixture, NULL, fixture_setup,
              test_rate_limiter_expiry, fixture_teardown);

  return g_test_run ();
}
