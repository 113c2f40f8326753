/* sp-router.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A linear scan over a few dozen routes is cheaper than the JSON work of any request, and
 * keeps the whole API readable as one table in sp-server-routes.c.
 */

#define G_LOG_DOMAIN "sp-router"

#include "config.h"

#include <string.h>

#include "sp-router.h"

/* Path parameters are ids: keep them to a safe alphabet so they never reach SQL, logs or
 * JSON as anything surprising. */
static gboolean
is_valid_segment (const char *segment)
{
  gsize len = strlen (segment);

  if (len == 0 || len > 128 || !g_ascii_isalnum (segment[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (segment[i]) && strchr ("-_.", segment[i]) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
match_pattern (const char  *pattern,
               char       **segments,
               GHashTable  *params)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);
  guint i;

  for (i = 0; parts[i] != NULL && segments[i] != NULL; i++)
    {
      if (parts[i][0] == ':')
        {
          if (!is_valid_segment (segments[i]))
            return FALSE;
          if (params != NULL)
            g_hash_table_replace (params, g_strdup (parts[i] + 1), g_strdup (segments[i]));
        }
      else if (strcmp (parts[i], segments[i]) != 0)
        return FALSE;
    }

  return parts[i] == NULL && segments[i] == NULL;
}

SpRouteMatch
sp_router_match (const SpRoute  *routes,
                 guint           n_routes,
                 const char     *method,
                 const char     *path,
                 GHashTable     *params,
                 const SpRoute **out_route)
{
  g_auto(GStrv) segments = NULL;
  gboolean path_known = FALSE;

  *out_route = NULL;
  if (path == NULL || path[0] != '/')
    return SP_ROUTE_MATCH_NONE;

  segments = g_strsplit (path, "/", -1);
  for (guint i = 0; i < n_routes; i++)
    {
      if (!match_pattern (routes[i].pattern, segments, NULL))
        continue;

      path_known = TRUE;
      if (strcmp (routes[i].method, method) == 0)
        {
          if (params != NULL)
            match_pattern (routes[i].pattern, segments, params);
          *out_route = &routes[i];
          return SP_ROUTE_MATCH_FOUND;
        }
    }

  return path_known ? SP_ROUTE_MATCH_WRONG_METHOD : SP_ROUTE_MATCH_NONE;
}
