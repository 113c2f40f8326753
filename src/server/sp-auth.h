/* sp-auth.h — password hashes and bearer tokens for samplan-server
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_AUTH_ERROR (sp_auth_error_quark ())

typedef enum
{
  SP_AUTH_ERROR_INIT,
  SP_AUTH_ERROR_WEAK_PASSWORD,
  SP_AUTH_ERROR_HASH,
} SpAuthError;

/* Passwords shorter than this are refused when a user is created. */
#define SP_AUTH_MIN_PASSWORD 10
#define SP_AUTH_MAX_PASSWORD 1024

GQuark    sp_auth_error_quark     (void);
gboolean  sp_auth_init            (GError     **error);
char     *sp_auth_hash_password   (const char  *password,
                                   GError     **error);
gboolean  sp_auth_verify_password (const char  *hash,
                                   const char  *password);
char     *sp_auth_new_token       (void);
char     *sp_auth_hash_token      (const char  *token);

G_END_DECLS
