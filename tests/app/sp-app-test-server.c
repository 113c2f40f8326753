/* sp-app-test-server.c — the server's data for the widget tests, read and written as another
 * user would (sp-app-test.h)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-app-test.h"

JsonObject *
request_as (const char     *username,
            const char     *method,
            const char     *path,
            const char     *body,
            guint           status,
            SpTestResponse *response)
{
  g_autofree char *token = sp_test_server_sign_in (server, username);
  g_autofree char *key = g_uuid_string_random ();

  sp_test_server_request (server, method, path, token, key, body, response);
  if (response->status != status)
    g_error ("%s %s: %u %s", method, path, response->status, response->body);

  return sp_test_response_object (response);
}

JsonObject *
request_ok (const char     *method,
            const char     *path,
            const char     *body,
            guint           status,
            SpTestResponse *response)
{
  return request_as ("ward", method, path, body, status, response);
}

char *
admit (const char *identity,
       const char *given_name,
       const char *family_name)
{
  g_auto(SpTestResponse) patient = { 0 };
  g_auto(SpTestResponse) episode = { 0 };
  g_autofree char *patient_body = NULL;
  g_autofree char *episode_body = NULL;
  JsonObject *object;

  patient_body = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"%s\","
                                  "\"family_name\":\"%s\",\"address\":{\"street\":"
                                  "\"Provgatan 1\",\"postal_code\":\"99999\",\"city\":"
                                  "\"Teststad\"},\"municipality\":{\"code\":\"9991\","
                                  "\"name\":\"Testkommun\"}}",
                                  identity, given_name, family_name);
  object = request_ok ("POST", "/api/v1/patients", patient_body, 201, &patient);
  episode_body = g_strdup_printf ("{\"patient_id\":\"%s\",\"addressing\":"
                                  "[{\"unit\":\"vc-norr\"},{\"unit\":\"hsl-test\"}],"
                                  "\"estimated_discharge\":\"2030-03-14\"}",
                                  json_object_get_string_member (object, "id"));
  object = request_ok ("POST", "/api/v1/episodes", episode_body, 201, &episode);

  return g_strdup (json_object_get_string_member (object, "id"));
}

/* Whether the server holds the ward's acknowledgement of @message_id (asked as the sender). */
gboolean
ward_acknowledged (const char *message_id)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *path = g_strconcat ("/api/v1/messages/", message_id, NULL);
  JsonObject *message = request_as ("vc", "GET", path, NULL, 200, &response);
  JsonArray *acks = json_object_get_array_member (message, "acknowledgements");

  for (guint i = 0; i < json_array_get_length (acks); i++)
    {
      JsonObject *ack = json_array_get_object_element (acks, i);

      if (g_strcmp0 (json_object_get_string_member (ack, "unit_id"), "avd-12") == 0)
        return json_object_get_boolean_member (ack, "acknowledged");
    }

  return FALSE;
}

/* The ward's answer gives @episode_id a track, so that the overview shows a chip. */
void
answer_planning (const char *episode_id)
{
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/planning/answers", episode_id);

  request_ok ("POST", path, "{\"answers\":{\"region_new\":true},\"base_revision\":0}", 201,
              &response);
}
