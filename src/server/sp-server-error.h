/* sp-server-error.h — every failure the API reports, as HTTP status + JSON
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SP_SERVER_ERROR (sp_server_error_quark ())

/* Failures that belong to HTTP itself rather than to a domain module. */
typedef enum /*< prefix=SP_SERVER_ERROR >*/
{
  SP_SERVER_ERROR_UNAUTHORIZED,         /*< nick=unauthorized >*/
  SP_SERVER_ERROR_TOKEN_EXPIRED,        /*< nick=token_expired >*/
  SP_SERVER_ERROR_BAD_CREDENTIALS,      /*< nick=bad_credentials >*/
  SP_SERVER_ERROR_RATE_LIMITED,         /*< nick=rate_limited >*/
  SP_SERVER_ERROR_FORBIDDEN,            /*< nick=forbidden >*/
  SP_SERVER_ERROR_NOT_FOUND,            /*< nick=not_found >*/
  SP_SERVER_ERROR_METHOD_NOT_ALLOWED,   /*< nick=method_not_allowed >*/
  SP_SERVER_ERROR_PAYLOAD_TOO_LARGE,    /*< nick=payload_too_large >*/
  SP_SERVER_ERROR_UNSUPPORTED_MEDIA,    /*< nick=unsupported_media_type >*/
  SP_SERVER_ERROR_IDEMPOTENCY_REQUIRED, /*< nick=idempotency_key_required >*/
  SP_SERVER_ERROR_IDEMPOTENCY_REUSED,   /*< nick=idempotency_key_reused >*/
  SP_SERVER_ERROR_BAD_REQUEST,          /*< nick=bad_request >*/
  SP_SERVER_ERROR_INTERNAL,             /*< nick=internal >*/
} SpServerError;

/* What the client receives for one GError. */
typedef struct
{
  guint       status;   /* HTTP status */
  const char *code;     /* stable machine code */
  const char *message;  /* Swedish, for the user */
} SpErrorInfo;

GQuark   sp_server_error_quark (void);
void     sp_server_error_describe (const GError *error,
                                   SpErrorInfo  *out);
char    *sp_server_error_to_json  (const GError *error,
                                   JsonNode     *current,
                                   guint        *out_status);

G_END_DECLS
