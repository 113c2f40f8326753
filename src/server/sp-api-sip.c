/* sp-api-sip.c — placeholder: a helper is writing this route group
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-api-sip"

#include "config.h"

#include "sp-api.h"
#include "sp-api-common.h"

const SpRoute *
sp_api_sip_routes (guint *n_routes)
{
  *n_routes = 0;
  return NULL;
}

JsonNode *
sp_api_render_sip (SpServer  *server,
                   SpRequest *request,
                   SpRecord  *record)
{
  return NULL;
}
