/* sp-server-routes.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole API is the concatenation of the groups' tables; docs/api.md documents them.
 */

#define G_LOG_DOMAIN "sp-server-routes"

#include "config.h"

#include "sp-api.h"
#include "sp-server-routes.h"

typedef const SpRoute *(*RouteGroup) (guint *n_routes);

static const RouteGroup groups[] = {
  sp_api_session_routes,
  sp_api_patient_routes,
  sp_api_episode_routes,
  sp_api_message_routes,
  sp_api_planning_routes,
  sp_api_patient_info_routes,
  sp_api_sip_routes,
  sp_api_changes_routes,
  sp_api_audit_routes,
  sp_api_report_routes,
};

static GArray *
build_table (void)
{
  GArray *table = g_array_new (FALSE, FALSE, sizeof (SpRoute));

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      guint n = 0;
      const SpRoute *routes = groups[i] (&n);

      g_array_append_vals (table, routes, n);
    }

  return table;
}

const SpRoute *
sp_server_routes_get (guint *n_routes)
{
  static gsize table = 0;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, (gsize) build_table ());

  *n_routes = ((GArray *) table)->len;
  return (const SpRoute *) ((GArray *) table)->data;
}
