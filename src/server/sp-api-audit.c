/* sp-api-audit.c — loggkontroll: the audit log per patient and per user (DOMAIN §12)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only users with the log_reviewer role read the log, and each reading is itself logged: a
 * reviewer checking a patient shows up in that patient's log.
 */

#define G_LOG_DOMAIN "sp-api-audit"

#include "config.h"

#include <string.h>

#include "sp-api.h"
#include "sp-api-common.h"
#include "sp-audit.h"
#include "sp-json.h"
#include "sp-server-error.h"
#include "sp-session.h"

static void list_audit (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "GET", "/api/v1/audit", list_audit, 0 },
};

const SpRoute *
sp_api_audit_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* A query value becomes an index term: the store's name limits apply. */
static gboolean
get_filter (SpRequest   *request,
            const char  *name,
            const char **out_value,
            GError     **error)
{
  const char *value = sp_request_get_query (request, name);

  *out_value = value;
  if (value == NULL)
    return TRUE;

  if (*value == '\0' || strlen (value) > SP_STORE_MAX_NAME_LENGTH ||
      !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                   "%s: 1 to %d bytes of UTF-8", name, SP_STORE_MAX_NAME_LENGTH);
      return FALSE;
    }

  return TRUE;
}

/* What the reviewer asked for, as the record of the reading. */
static char *
describe_query (const char *patient_id,
                const char *username)
{
  if (username == NULL)
    return g_strconcat ("patient:", patient_id, NULL);
  if (patient_id == NULL)
    return g_strconcat ("user:", username, NULL);
  return g_strconcat ("patient:", patient_id, ",user:", username, NULL);
}

/* GET /api/v1/audit?patient=ID&user=NAME&offset=N&limit=N: oldest first. */
static void
list_audit (gpointer   server,
            SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *query = NULL;
  const char *patient_id, *username;
  JsonArray *items;
  guint offset, limit;

  if (!sp_session_has_role (request->session, SP_ROLE_LOG_REVIEWER))
    {
      sp_request_fail (request, g_error_new_literal (SP_SERVER_ERROR, SP_SERVER_ERROR_FORBIDDEN,
                                                     "the audit log is for log reviewers"));
      return;
    }

  if (!get_filter (request, "patient", &patient_id, &error) ||
      !get_filter (request, "user", &username, &error) ||
      !sp_api_get_paging (request, &offset, &limit, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  /* The whole log at once is no log check: it is asked per patient or per user. */
  if (patient_id == NULL && username == NULL)
    {
      sp_request_fail (request, g_error_new_literal (SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                                                     "patient: give patient or user"));
      return;
    }

  query = describe_query (patient_id, username);
  entries = sp_audit_list (store, patient_id, username, offset, limit, &error);
  if (entries == NULL ||
      !sp_audit_log (store, request, now, "read", patient_id, "audit", query, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  items = json_array_sized_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (items, json_node_ref (g_ptr_array_index (entries, i)));

  result = json_object_new ();
  json_object_set_array_member (result, "items", items);
  json_object_set_int_member (result, "offset", offset);
  json_object_set_int_member (result, "limit", limit);
  sp_request_respond_object (request, 200, result);
}
