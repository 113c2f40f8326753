/* sp-auth.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passwords: Argon2id through libsodium's crypto_pwhash_str. It is memory-hard (expensive to
 * brute-force on GPUs), the encoded string carries its own salt and parameters (so they can
 * be raised later with crypto_pwhash_str_needs_rehash), verification is constant-time, and
 * libsodium is a Debian package the app needs anyway to seal its offline cache.
 *
 * Tokens: 256 random bits. They are not guessable, so a fast keyed-free hash (BLAKE2b) is
 * enough to keep them out of the database in usable form; a password hash would only make
 * every API request slow.
 */

#define G_LOG_DOMAIN "sp-auth"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "sp-auth.h"

#define TOKEN_PREFIX "spt_"
#define TOKEN_BYTES  32

G_DEFINE_QUARK (sp-auth-error-quark, sp_auth_error)

gboolean
sp_auth_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_INIT,
                           "libsodium could not be initialised");
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_auth_hash_password:
 *
 * Returns: (transfer full): the encoded Argon2id hash ("$argon2id$v=19$…").
 */
char *
sp_auth_hash_password (const char  *password,
                       GError     **error)
{
  char out[crypto_pwhash_STRBYTES];
  gsize len;

  g_return_val_if_fail (password != NULL, NULL);

  len = strlen (password);
  if (g_utf8_strlen (password, -1) < SP_AUTH_MIN_PASSWORD || len > SP_AUTH_MAX_PASSWORD)
    {
      g_set_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD,
                   "A password needs %d to %d characters", SP_AUTH_MIN_PASSWORD,
                   SP_AUTH_MAX_PASSWORD);
      return NULL;
    }

  if (crypto_pwhash_str (out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_HASH,
                           "Out of memory while hashing a password");
      return NULL;
    }

  return g_strdup (out);
}

gboolean
sp_auth_verify_password (const char *hash,
                         const char *password)
{
  gsize len;

  if (hash == NULL || password == NULL)
    return FALSE;

  len = strlen (password);
  if (len > SP_AUTH_MAX_PASSWORD || strlen (hash) >= crypto_pwhash_STRBYTES)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, len) == 0;
}

/**
 * sp_auth_new_token:
 *
 * Returns: (transfer full): a new bearer token, "spt_" and 43 URL-safe base64 characters.
 */
char *
sp_auth_new_token (void)
{
  guint8 bytes[TOKEN_BYTES];
  char b64[sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (b64, sizeof b64, bytes, sizeof bytes,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);

  return g_strconcat (TOKEN_PREFIX, b64, NULL);
}

/**
 * sp_auth_hash_token:
 *
 * Returns: (transfer full): the hex BLAKE2b-256 of @token, which is what the store keeps.
 */
char *
sp_auth_hash_token (const char *token)
{
  guint8 digest[crypto_generichash_BYTES];
  char hex[crypto_generichash_BYTES * 2 + 1];

  g_return_val_if_fail (token != NULL, NULL);

  crypto_generichash (digest, sizeof digest, (const guint8 *) token, strlen (token), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);

  return g_strdup (hex);
}
