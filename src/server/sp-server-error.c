/* sp-server-error.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that decides how a failure looks to a client: status, stable code, the field
 * it concerns (from sp-json's error paths) and a Swedish sentence for the user. Domain
 * modules register their codes in the table below; anything unknown is a 500 that logs the
 * original message but never sends it (it may mention internals).
 */

#define G_LOG_DOMAIN "sp-server-error"

#include "config.h"

#include <json-glib/json-glib.h>

#include "sp-json.h"
#include "sp-server-error.h"
#include "sp-server-error-table.h"

G_DEFINE_QUARK (sp-server-error-quark, sp_server_error)

void
sp_server_error_describe (const GError *error,
                          SpErrorInfo  *out)
{
  const SpErrorMapping *mapping = sp_server_error_lookup (error);

  if (mapping == NULL)
    {
      g_warning ("Unmapped error %s:%d: %s", g_quark_to_string (error->domain), error->code,
                 error->message);
      out->status = 500;
      out->code = "internal";
      out->message = "Ett oväntat fel inträffade på servern. Försök igen om en stund.";
      return;
    }

  out->status = mapping->status;
  out->code = mapping->name;
  out->message = mapping->message;
}

/**
 * sp_server_error_to_json:
 *
 * @current: (nullable): for a conflict, the record as it is now (the caller's view)
 *
 * Returns: (transfer full): `{"error":{"code","message","field"},"current":…}` for @error.
 */
char *
sp_server_error_to_json (const GError *error,
                         JsonNode     *current,
                         guint        *out_status)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *field = sp_json_error_get_field (error);
  JsonObject *body = json_object_new ();
  SpErrorInfo info;

  sp_server_error_describe (error, &info);

  json_object_set_string_member (body, "code", info.code);
  json_object_set_string_member (body, "message", info.message);
  /* Only sp-json errors carry a field path; "$" (the whole body) is no field. */
  if (field != NULL && g_strcmp0 (field, "$") != 0)
    json_object_set_string_member (body, "field", field);
  else
    json_object_set_null_member (body, "field");
  json_object_set_object_member (root, "error", body);
  if (current != NULL)
    json_object_set_member (root, "current", json_node_copy (current));

  if (out_status != NULL)
    *out_status = info.status;

  node = json_node_init_object (json_node_alloc (), root);
  return sp_json_to_string (node, FALSE);
}
