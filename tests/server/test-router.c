/* test-router.c — path patterns, parameters, 404 vs 405
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-router.h"

static void
handler_a (gpointer   server,
           SpRequest *request)
{
}

static void
handler_b (gpointer   server,
           SpRequest *request)
{
}

static const SpRoute routes[] = {
  { "GET",  "/api/v1/episodes",           handler_a, 0 },
  { "POST", "/api/v1/episodes",           handler_b, SP_ROUTE_WRITE },
  { "GET",  "/api/v1/episodes/:id",       handler_a, 0 },
  { "POST", "/api/v1/episodes/:id/ready", handler_b, SP_ROUTE_WRITE },
  { "GET",  "/api/v1/sips/:sip/versions/:n", handler_a, 0 },
};

static void
test_match (void)
{
  struct {
    const char *method;
    const char *path;
    SpRouteMatch match;
    int route;
    const char *param;
    const char *value;
  } cases[] = {
    { "GET", "/api/v1/episodes", SP_ROUTE_MATCH_FOUND, 0, NULL, NULL },
    { "POST", "/api/v1/episodes", SP_ROUTE_MATCH_FOUND, 1, NULL, NULL },
    { "DELETE", "/api/v1/episodes", SP_ROUTE_MATCH_WRONG_METHOD, -1, NULL, NULL },
    { "GET", "/api/v1/episodes/e-17", SP_ROUTE_MATCH_FOUND, 2, "id", "e-17" },
    { "POST", "/api/v1/episodes/e-17/ready", SP_ROUTE_MATCH_FOUND, 3, "id", "e-17" },
    { "GET", "/api/v1/episodes/e-17/ready", SP_ROUTE_MATCH_WRONG_METHOD, -1, NULL, NULL },
    { "GET", "/api/v1/sips/s1/versions/2", SP_ROUTE_MATCH_FOUND, 4, "n", "2" },
    /* Trailing slash, extra and missing segments, unknown paths. */
    { "GET", "/api/v1/episodes/", SP_ROUTE_MATCH_NONE, -1, NULL, NULL },
    { "GET", "/api/v1/episodes/e-17/ready/now", SP_ROUTE_MATCH_NONE, -1, NULL, NULL },
    { "GET", "/api/v1", SP_ROUTE_MATCH_NONE, -1, NULL, NULL },
    { "GET", "", SP_ROUTE_MATCH_NONE, -1, NULL, NULL },
    { "GET", "api/v1/episodes", SP_ROUTE_MATCH_NONE, -1, NULL, NULL },
    /* Parameters outside the id alphabet never match. */
    { "GET", "/api/v1/episodes/e%2017", SP_ROUTE_MATCH_NONE, -1, NULL, NULL },
    { "GET", "/api/v1/episodes/e'17", SP_ROUTE_MATCH_NONE, -1, NULL, NULL },
    { "GET", "/api/v1/episodes/..", SP_ROUTE_MATCH_NONE, -1, NULL, NULL },
    { "GET", "/api/v1/episodes/-x", SP_ROUTE_MATCH_NONE, -1, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, g_free);
      const SpRoute *route = NULL;
      SpRouteMatch match;

      match = sp_router_match (routes, G_N_ELEMENTS (routes), cases[i].method, cases[i].path,
                               params, &route);
      g_test_message ("case %u: %s %s", i, cases[i].method, cases[i].path);
      g_assert_cmpint (match, ==, cases[i].match);
      if (cases[i].route >= 0)
        g_assert_true (route == &routes[cases[i].route]);
      else
        g_assert_null (route);
      if (cases[i].param != NULL)
        g_assert_cmpstr (g_hash_table_lookup (params, cases[i].param), ==, cases[i].value);
    }
}

static void
test_long_segment (void)
{
  g_autofree char *id = g_strnfill (129, 'a');
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", id, NULL);
  const SpRoute *route = NULL;

  g_assert_cmpint (sp_router_match (routes, G_N_ELEMENTS (routes), "GET", path, NULL, &route),
                   ==, SP_ROUTE_MATCH_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/router/match", test_match);
  g_test_add_func ("/server/router/long-segment", test_long_segment);

  return g_test_run ();
}
