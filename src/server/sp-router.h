/* sp-router.h — method + path pattern → handler
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-request.h"

G_BEGIN_DECLS

typedef enum
{
  SP_ROUTE_PUBLIC = 1 << 0, /* no sign-in needed */
  SP_ROUTE_WRITE  = 1 << 1, /* changes data: needs an Idempotency-Key */
} SpRouteFlags;

typedef void (*SpRouteHandler) (gpointer   server,
                                SpRequest *request);

/* Patterns are literal segments and ":name" captures: "/api/v1/episodes/:id/ready". */
typedef struct
{
  const char     *method;
  const char     *pattern;
  SpRouteHandler  handler;
  SpRouteFlags    flags;
} SpRoute;

typedef enum
{
  SP_ROUTE_MATCH_NONE,         /* 404 */
  SP_ROUTE_MATCH_WRONG_METHOD, /* 405 */
  SP_ROUTE_MATCH_FOUND,
} SpRouteMatch;

SpRouteMatch sp_router_match (const SpRoute  *routes,
                              guint           n_routes,
                              const char     *method,
                              const char     *path,
                              GHashTable     *params,
                              const SpRoute **out_route);

G_END_DECLS
