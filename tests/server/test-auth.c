/* test-auth.c — password hashes, tokens and the sign-in rate limiter
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-auth.h"
#include "sp-rate-limiter.h"

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

static void
test_rate_limiter (void)
{
  g_autoptr(SpRateLimiter) limiter = sp_rate_limiter_new (3, 60);
  gint64 retry = -1;

  g_assert_true (sp_rate_limiter_check (limiter, "anna", 1000, &retry));
  g_assert_cmpint (retry, ==, 0);

  sp_rate_limiter_fail (limiter, "anna", 1000);
  sp_rate_limiter_fail (limiter, "anna", 1010);
  g_assert_true (sp_rate_limiter_check (limiter, "anna", 1020, NULL));
  sp_rate_limiter_fail (limiter, "anna", 1020);

  /* Three failures inside 60 s: refused until the first leaves the window at 1060. */
  g_assert_false (sp_rate_limiter_check (limiter, "anna", 1030, &retry));
  g_assert_cmpint (retry, ==, 30);
  g_assert_false (sp_rate_limiter_check (limiter, "anna", 1059, &retry));
  g_assert_cmpint (retry, ==, 1);
  g_assert_true (sp_rate_limiter_check (limiter, "anna", 1060, NULL));

  /* Keys are independent. */
  g_assert_true (sp_rate_limiter_check (limiter, "bertil", 1030, NULL));

  sp_rate_limiter_fail (limiter, "anna", 1061);
  g_assert_false (sp_rate_limiter_check (limiter, "anna", 1062, NULL));
  sp_rate_limiter_reset (limiter, "anna");
  g_assert_true (sp_rate_limiter_check (limiter, "anna", 1062, NULL));
}

static void
test_rate_limiter_bounded (void)
{
  g_autoptr(SpRateLimiter) limiter = sp_rate_limiter_new (2, 10);

  /* A flood keeps the key refused but stores only the newest failures. */
  for (gint64 t = 0; t < 1000; t++)
    sp_rate_limiter_fail (limiter, "10.0.0.1", t);
  g_assert_false (sp_rate_limiter_check (limiter, "10.0.0.1", 1000, NULL));
  g_assert_true (sp_rate_limiter_check (limiter, "10.0.0.1", 1009, NULL));
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
  g_test_add_func ("/server/auth/rate-limiter", test_rate_limiter);
  g_test_add_func ("/server/auth/rate-limiter/bounded", test_rate_limiter_bounded);

  return g_test_run ();
}
