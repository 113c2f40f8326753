/* sp-api.h — the handlers behind /api/v1, one file per resource (sp-api-*.c)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A handler reads its request, calls the core, and ends with sp_request_respond() or
 * sp_request_fail(). Write handlers already run inside the command's transaction.
 */

#pragma once

#include "sp-request.h"
#include "sp-server.h"

G_BEGIN_DECLS

/* sp-api-session.c */
void sp_api_health        (gpointer server, SpRequest *request);
void sp_api_sign_in       (gpointer server, SpRequest *request);
void sp_api_sign_out      (gpointer server, SpRequest *request);
void sp_api_me            (gpointer server, SpRequest *request);
void sp_api_list_units    (gpointer server, SpRequest *request);

G_END_DECLS
