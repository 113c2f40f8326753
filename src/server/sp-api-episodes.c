/* sp-api-episodes.c — episodes: the route table, the admission notice, one episode
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule of who may do what, and when, is sp-episode's (sp_episode_can() and the action
 * functions); every rule of who may see what is sp-access's. The route group reads requests,
 * calls them with the server's clock, stores the result and renders what the caller may see.
 * This file holds the route table, what writing shares, the admission notice (create) and
 * one episode (get); sp-api-episodes-private.h says where the rest is.
 */

#define G_LOG_DOMAIN "sp-api-episodes"

#include "config.h"

#include "sp-api.h"
#include "sp-api-episodes-private.h"
#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-json.h"

static void create_episode (gpointer server, SpRequest *request);
static void get_episode (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "POST", "/api/v1/episodes",                         create_episode,       SP_ROUTE_WRITE },
  { "GET",  "/api/v1/episodes",                         sp_api_episodes_list, 0 },
  { "GET",  "/api/v1/episodes/:id",                     get_episode,          0 },
  { "POST", "/api/v1/episodes/:id/estimated-discharge", sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/care-contacts",       sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/lead-care-contact",   sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/ready",               sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/retract-ready",       sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/discharge",           sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/retract-discharge",   sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/death",               sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/cancel",              sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/acknowledgements",    sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/consents",            sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/consents/withdraw",   sp_api_episodes_act,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/harm-assessments",    sp_api_episodes_act,  SP_ROUTE_WRITE },
};

const SpRoute *
sp_api_episode_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* Writing: what creating and the transitions share */

static gboolean
log_patient (SpServer   *server,
             SpRequest  *request,
             GDateTime  *now,
             const char *action,
             SpEpisode  *episode,
             GError    **error)
{
  return sp_audit_log (sp_server_get_store (server), request, now, action,
                       sp_episode_get_patient_id (episode), "episode",
                       sp_episode_get_id (episode), error);
}

/* Stores the episode, logs the write and answers with the episode as the caller sees it. */
void
sp_api_episodes_save_and_respond (SpServer   *server,
                                  SpRequest  *request,
                                  SpEpisode  *episode,
                                  gint64      base_revision,
                                  GDateTime  *now,
                                  const char *action,
                                  guint       status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autoptr(JsonNode) rendered = NULL;

  record = sp_api_save_episode (server, episode, base_revision, &error);
  if (record == NULL || !log_patient (server, request, now, action, episode, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  rendered = sp_api_episodes_render (server, request, episode);
  sp_request_respond (request, status, rendered);
}

const char *
sp_api_episodes_user_title (SpRequest *request)
{
  return sp_user_get_title (sp_session_get_user (request->session));
}

/* One consent as the body gives it; documented by the caller, now (DOMAIN §4). */
SpConsent *
sp_api_episodes_read_consent (JsonObject  *object,
                              SpRequest   *request,
                              GDateTime   *now,
                              GError     **error)
{
  g_autofree char *giver_name = NULL;
  int kind = 0, form = 0, given_by = 0;
  gboolean child_asked = FALSE;
  SpConsent *consent;

  if (!sp_json_get_enum (object, "kind", TRUE, SP_TYPE_CONSENT_KIND, &kind, error) ||
      !sp_json_get_enum (object, "form", TRUE, SP_TYPE_CONSENT_FORM, &form, error) ||
      !sp_json_get_enum (object, "given_by", TRUE, SP_TYPE_CONSENT_GIVER, &given_by, error) ||
      !sp_json_get_string (object, "giver_name", FALSE, MAX_NAME, &giver_name, error) ||
      !sp_json_get_bool (object, "child_asked", FALSE, &child_asked, error))
    return NULL;

  /* A guardian or representative is named; the patient is named by the episode. */
  if (given_by != SP_CONSENT_GIVER_PATIENT && (giver_name == NULL || *giver_name == '\0'))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "giver_name: required unless the patient gave the consent");
      return NULL;
    }

  consent = sp_consent_new (kind, form, given_by, giver_name, sp_api_user_name (request),
                            sp_api_episodes_user_title (request), sp_api_unit_id (request), now);
  sp_consent_set_child_asked (consent, child_asked);
  return consent;
}

/* The admission notice: POST /episodes */

static gboolean
read_addressing (SpServer    *server,
                 SpEpisode   *episode,
                 JsonObject  *body,
                 GDateTime   *now,
                 GError     **error)
{
  JsonArray *array = sp_json_get_array (body, "addressing", TRUE, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("addressing[%u]", i);
      g_autofree char *unit_id = NULL;
      g_autoptr(SpUnit) unit = NULL;
      int role = SP_ADDRESSING_ROLE_RECIPIENT;
      JsonObject *entry;

      entry = sp_json_node_get_object (json_array_get_element (array, i), path, error);
      if (entry == NULL)
        return FALSE;

      if (!sp_json_get_string (entry, "unit", TRUE, SP_STORE_MAX_NAME_LENGTH, &unit_id, error) ||
          !sp_json_get_enum (entry, "role", FALSE, SP_TYPE_ADDRESSING_ROLE, &role, error))
        {
          g_prefix_error (error, "%s.", path);
          return FALSE;
        }

      unit = sp_session_load_unit (sp_server_get_store (server), unit_id, NULL);
      if (unit == NULL)
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s.unit: no such unit",
                       path);
          return FALSE;
        }

      if (!sp_episode_address_unit (episode, unit_id, sp_unit_get_kind (unit), role, now, error))
        {
          g_prefix_error (error, "%s.unit: ", path);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_consents (SpEpisode   *episode,
               JsonObject  *body,
               SpRequest   *request,
               GDateTime   *now,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = sp_json_get_array (body, "consents", FALSE, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("consents[%u]", i);
      g_autoptr(SpConsent) consent = NULL;
      JsonObject *entry;

      entry = sp_json_node_get_object (json_array_get_element (array, i), path, error);
      if (entry == NULL)
        return FALSE;

      consent = sp_api_episodes_read_consent (entry, request, now, error);
      if (consent == NULL)
        {
          g_prefix_error (error, "%s.", path);
          return FALSE;
        }
      sp_consent_set_add (sp_episode_get_consents (episode), consent);
    }

  return TRUE;
}

/* A time the ward records for the past: admission to the ward, the needs judgement. */
static gboolean
check_not_future (GDateTime   *at,
                  const char  *member,
                  GDateTime   *now,
                  GError     **error)
{
  if (at == NULL || g_date_time_compare (at, now) <= 0)
    return TRUE;

  g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: in the future", member);
  return FALSE;
}

static gboolean
read_notice (SpServer    *server,
             SpRequest   *request,
             SpEpisode   *episode,
             JsonObject  *body,
             GDateTime   *now,
             GDate       *out_estimate,
             GError     **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *doctor = NULL;
  g_autoptr(GDateTime) needs_judged_at = NULL;
  gboolean short_stay = FALSE;

  if (!sp_json_get_string (body, "reason_for_contact", FALSE, SP_JSON_MAX_TEXT, &reason,
                           error) ||
      !sp_json_get_string (body, "responsible_doctor", FALSE, MAX_NAME, &doctor, error) ||
      !sp_json_get_bool (body, "short_stay", FALSE, &short_stay, error) ||
      !sp_json_get_datetime (body, "needs_judged_at", FALSE, &needs_judged_at, error) ||
      !check_not_future (needs_judged_at, "needs_judged_at", now, error) ||
      !sp_json_get_date (body, "estimated_discharge", FALSE, out_estimate, error) ||
      !read_addressing (server, episode, body, now, error) ||
      !read_consents (episode, body, request, now, error))
    return FALSE;

  sp_episode_set_reason_for_contact (episode, reason);
  sp_episode_set_responsible_doctor (episode, doctor);
  sp_episode_set_short_stay (episode, short_stay);
  sp_episode_set_needs_judged_at (episode, needs_judged_at);
  return TRUE;
}

static void
create_episode (gpointer   server,
                SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(GDateTime) admitted_at = NULL;
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(SpEpisode) episode = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *id = sp_api_new_id ("e");
  JsonObject *body = sp_request_get_object (request, &error);
  GDate estimate, today;

  g_date_clear (&estimate, 1);
  if (body == NULL ||
      !sp_api_get_id (body, "patient_id", &patient_id, &error) ||
      !sp_json_get_datetime (body, "admitted_at", FALSE, &admitted_at, &error) ||
      !check_not_future (admitted_at, "admitted_at", now, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  episode = sp_episode_new (id, patient_id, sp_api_unit_id (request),
                            admitted_at != NULL ? admitted_at : now);

  /* Only an inpatient unit sends an admission notice: say so before judging the form. */
  if (!sp_episode_can (episode, SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE,
                       sp_api_unit_id (request), sp_api_unit_kind (request), &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  patient = sp_api_load_patient (sp_server_get_store (server), patient_id, NULL, NULL);
  if (patient == NULL)
    {
      sp_request_fail (request, g_error_new_literal (SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                                                     "patient_id: no such patient"));
      return;
    }

  /* A child's own consent does not count (DOMAIN §3): the episode must know. */
  sp_calendar_get_local_date (now, &today);
  sp_episode_set_patient_is_child (episode,
                                   sp_patient_get_identity (patient) != NULL &&
                                   sp_identity_is_child (sp_patient_get_identity (patient),
                                                         &today));

  if (!read_notice (server, request, episode, body, now, &estimate, &error) ||
      !sp_episode_send_admission_notice (episode, sp_api_unit_id (request),
                                         sp_api_unit_kind (request),
                                         g_date_valid (&estimate) ? &estimate : NULL, now,
                                         sp_api_user_name (request), &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  sp_api_episodes_save_and_respond (server, request, episode, 0, now, "create", 201);
}

/* One episode: GET /episodes/:id */

static void
get_episode (gpointer   server,
             SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(JsonNode) rendered = NULL;

  episode = sp_api_load_episode (server, request, sp_request_get_param (request, "id"), &error);
  if (episode == NULL || !log_patient (server, request, now, "read", episode, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  rendered = sp_api_episodes_render (server, request, episode);
  sp_request_respond (request, 200, rendered);
}
