/* sp-server-routes.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/api.md documents every line of this table.
 */

#define G_LOG_DOMAIN "sp-server-routes"

#include "config.h"

#include "sp-api.h"
#include "sp-server-routes.h"

#define V1 "/api/v1"

static const SpRoute routes[] = {
  { "GET",    V1 "/health",  sp_api_health,     SP_ROUTE_PUBLIC },
  { "POST",   V1 "/session", sp_api_sign_in,    SP_ROUTE_PUBLIC },
  { "DELETE", V1 "/session", sp_api_sign_out,   0 },
  { "GET",    V1 "/me",      sp_api_me,         0 },
  { "GET",    V1 "/units",   sp_api_list_units, 0 },
};

const SpRoute *
sp_server_routes_get (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
