/* sp-api-planning.c — the planning basis of an episode: questions, answers, tracks (DOMAIN §6)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The basis is one "planning" record per episode (id = parent = the episode id) holding
 * every version of every unit's answers and every track override; nothing in it is ever
 * removed. Its index terms are "episode:<id>" and "track:<nick>" of the effective track, so
 * the episode list can filter by track with sp_store_list ("planning", "track:gul").
 */

#define G_LOG_DOMAIN "sp-api-planning"

#include "config.h"

#include "sp-access.h"
#include "sp-api.h"
#include "sp-api-common.h"
#include "sp-audit.h"
#include "sp-deadline.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-planning.h"
#include "sp-server-private.h"

#define RESTRICTED_REASON \
  "Patientens samtycke saknas. Enhetens svar delas inte med andra huvudmän."

static void get_planning (gpointer server, SpRequest *request);
static void answer_planning (gpointer server, SpRequest *request);
static void override_track (gpointer server, SpRequest *request);
static void clear_override (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "GET",  "/api/v1/episodes/:id/planning",                get_planning,    0 },
  { "POST", "/api/v1/episodes/:id/planning/answers",        answer_planning, SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/planning/override",       override_track,  SP_ROUTE_WRITE },
  { "POST", "/api/v1/episodes/:id/planning/clear-override", clear_override,  SP_ROUTE_WRITE },
};

const SpRoute *
sp_api_planning_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* The basis and its revision; an empty basis at revision 0 while no unit has answered. */
static SpPlanningBasis *
load_basis (SpStore     *store,
            const char  *episode_id,
            gint64      *out_revision,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autoptr(JsonNode) node = NULL;

  record = sp_store_get (store, "planning", episode_id, &local_error);
  if (record == NULL)
    {
      if (!g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      *out_revision = 0;
      return sp_planning_basis_new (episode_id);
    }

  if ((node = sp_api_record_to_json (record, error)) == NULL)
    return NULL;

  *out_revision = sp_record_get_revision (record);
  return sp_planning_basis_new_from_json (node, error);
}

static JsonArray *
questions_to_json (SpUnitKind caller_kind)
{
  JsonArray *array = json_array_new ();
  guint n = 0;
  const SpPlanningQuestion *questions = sp_planning_get_questions (&n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_object_new ();
      JsonArray *kinds = json_array_new ();

      for (SpUnitKind kind = SP_UNIT_KIND_INPATIENT; kind <= SP_UNIT_KIND_OTHER; kind++)
        if (sp_planning_question_may_answer (&questions[i], kind))
          json_array_add_string_element (kinds, sp_enum_to_nick (SP_TYPE_UNIT_KIND, kind));

      json_object_set_string_member (object, "key", questions[i].key);
      json_object_set_string_member (object, "text", questions[i].text);
      json_object_set_array_member (object, "answered_by", kinds);
      json_object_set_boolean_member (object, "may_answer",
                                      sp_planning_question_may_answer (&questions[i],
                                                                       caller_kind));
      json_array_add_object_element (array, object);
    }

  return array;
}

/* One entry per unit that has answered: its latest version and its whole history, or only
 * that it answered when the caller may not see its answers (DOMAIN §4). */
static JsonArray *
units_to_json (SpServer        *server,
               SpRequest       *request,
               SpEpisode       *episode,
               SpPlanningBasis *basis,
               GDateTime       *now)
{
  g_autoptr(GPtrArray) latest = sp_planning_basis_get_latest (basis);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < latest->len; i++)
    {
      SpPlanningAnswer *answer = g_ptr_array_index (latest, i);
      const char *unit_id = sp_planning_answer_get_unit_id (answer);
      JsonObject *object = json_object_new ();

      sp_json_set_string (object, "unit_id", unit_id);
      sp_json_set_enum (object, "unit_kind", SP_TYPE_UNIT_KIND,
                        sp_planning_answer_get_unit_kind (answer));

      if (sp_access_may_see_field (sp_server_get_profile (server), episode,
                                   sp_api_unit_id (request), sp_api_unit_kind (request),
                                   SP_EPISODE_FIELD_PLANNING_ANSWERS, unit_id, now))
        {
          g_autoptr(GPtrArray) history = sp_planning_basis_get_history (basis, unit_id);
          JsonArray *versions = json_array_new ();

          for (guint j = 0; j < history->len; j++)
            json_array_add_element (versions,
                                    sp_planning_answer_to_json (g_ptr_array_index (history, j)));

          json_object_set_boolean_member (object, "restricted", FALSE);
          json_object_set_member (object, "latest", sp_planning_answer_to_json (answer));
          json_object_set_array_member (object, "history", versions);
        }
      else
        {
          json_object_set_boolean_member (object, "restricted", TRUE);
          json_object_set_string_member (object, "restricted_reason", RESTRICTED_REASON);
        }

      json_array_add_object_element (array, object);
    }

  return array;
}

static JsonNode *
track_to_json (SpTrack     track,
               const char *reason)
{
  JsonObject *object = json_object_new ();

  sp_json_set_enum (object, "track", SP_TYPE_TRACK, track);
  json_object_set_string_member (object, "heading", sp_track_get_heading (track));
  json_object_set_string_member (object, "reason", reason);

  return sp_json_node_new_object (object);
}

/* What the effective track asks for next. The SIP invitation's due time runs from the ready
 * notice, so it is null until the patient is ready. */
static JsonNode *
implications_to_json (const SpRegionProfile *profile,
                      SpEpisode             *episode,
                      SpTrack                track)
{
  SpTrackImplications implications = sp_track_get_implications (profile, track);
  GDateTime *ready_at = sp_episode_get_ready_at (episode);
  JsonObject *object = json_object_new ();
  g_autoptr(GDateTime) due = NULL;

  if (implications.sip_invitation != SP_SIP_NEED_NONE && ready_at != NULL)
    due = sp_deadline_get_due (profile, SP_CLOCK_SIP_INVITATION_SENT, ready_at);

  json_object_set_boolean_member (object, "admission_notice_needed",
                                  implications.admission_notice_needed);
  json_object_set_boolean_member (object, "care_contact_needed",
                                  implications.care_contact_needed);
  sp_json_set_enum (object, "sip_invitation", SP_TYPE_SIP_NEED, implications.sip_invitation);
  sp_json_set_datetime (object, "sip_invitation_due_at", due);
  json_object_set_boolean_member (object, "sip_may_be_held_in_hospital",
                                  implications.sip_may_be_held_in_hospital);
  sp_json_set_enum (object, "pre_meeting", SP_TYPE_PRE_MEETING_NEED, implications.pre_meeting);
  json_object_set_boolean_member (object, "home_by_day_after_ready",
                                  implications.home_by_day_after_ready);
  json_object_set_int_member (object, "follow_up_within_weeks",
                              implications.follow_up_within_weeks);

  return sp_json_node_new_object (object);
}

/* The basis as the caller may see it. The track is the episode's, computed from every
 * unit's latest answers, so every party sees the same colour. */
static JsonNode *
planning_to_json (SpServer        *server,
                  SpRequest       *request,
                  SpEpisode       *episode,
                  SpPlanningBasis *basis,
                  gint64           revision)
{
  const SpRegionProfile *profile = sp_server_get_profile (server);
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(GPtrArray) latest = sp_planning_basis_get_latest (basis);
  g_autoptr(GPtrArray) overrides = sp_planning_basis_get_track_overrides (basis);
  g_autofree char *computed_reason = NULL;
  g_autofree char *effective_reason = NULL;
  SpTrackOverride *override = sp_planning_basis_get_track_override (basis);
  JsonObject *object = json_object_new ();
  JsonArray *history = json_array_new ();
  JsonNode *computed;
  SpTrackRule rule;
  SpTrack track;

  track = sp_planning_compute_track (profile, latest, &rule, &computed_reason);
  computed = track_to_json (track, computed_reason);
  sp_json_set_enum (json_node_get_object (computed), "rule", SP_TYPE_TRACK_RULE, rule);

  for (guint i = 0; i < overrides->len; i++)
    json_array_add_element (history, sp_track_override_to_json (g_ptr_array_index (overrides,
                                                                                   i)));

  track = sp_planning_basis_get_effective_track (basis, profile, &effective_reason);

  json_object_set_string_member (object, "id", sp_episode_get_id (episode));
  json_object_set_string_member (object, "episode_id", sp_episode_get_id (episode));
  json_object_set_int_member (object, "revision", revision);
  json_object_set_array_member (object, "questions",
                                questions_to_json (sp_api_unit_kind (request)));
  json_object_set_array_member (object, "units",
                                units_to_json (server, request, episode, basis, now));
  json_object_set_member (object, "computed_track", computed);
  if (override != NULL)
    json_object_set_member (object, "override", sp_track_override_to_json (override));
  else
    json_object_set_null_member (object, "override");
  json_object_set_array_member (object, "override_history", history);
  json_object_set_member (object, "effective_track", track_to_json (track, effective_reason));
  json_object_set_member (object, "implications", implications_to_json (profile, episode, track));

  return sp_json_node_new_object (object);
}

/**
 * sp_api_render_planning:
 *
 * Returns: (transfer full) (nullable): the planning basis as the caller may see it, or %NULL
 *   when the caller may not see its episode.
 */
JsonNode *
sp_api_render_planning (SpServer  *server,
                        SpRequest *request,
                        SpRecord  *record)
{
  return sp_api_render_planning_of (server, request, record, NULL);
}

/**
 * sp_api_render_planning_of:
 * @known: (nullable): the episode as the caller has read it (only read)
 *
 * Returns: (transfer full) (nullable): as sp_api_render_planning()
 */
JsonNode *
sp_api_render_planning_of (SpServer  *server,
                           SpRequest *request,
                           SpRecord  *record,
                           SpEpisode *known)
{
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpPlanningBasis) basis = NULL;

  episode = sp_api_use_episode_shared (server, request, sp_record_get_id (record), known, NULL);
  if (episode == NULL)
    return NULL;

  /* Only read: shared with the episode's rendering (sp_server_lookup_parsed()). */
  basis = sp_server_lookup_parsed (server, record);
  if (basis == NULL)
    {
      if ((node = sp_api_record_to_json (record, NULL)) == NULL ||
          (basis = sp_planning_basis_new_from_json (node, NULL)) == NULL)
        return NULL;
      sp_server_remember_parsed (server, record, basis);
    }

  return planning_to_json (server, request, episode, basis, sp_record_get_revision (record));
}

static void
get_planning (gpointer   server,
              SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpPlanningBasis) basis = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(JsonNode) node = NULL;
  const char *episode_id = sp_request_get_param (request, "id");
  gint64 revision = 0;

  if ((episode = sp_api_load_episode (server, request, episode_id, &error)) == NULL ||
      (basis = load_basis (sp_server_get_store (server), episode_id, &revision,
                           &error)) == NULL ||
      !sp_audit_log (sp_server_get_store (server), request, now, "read",
                     sp_episode_get_patient_id (episode), "planning", episode_id, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  node = planning_to_json (server, request, episode, basis, revision);
  sp_request_respond (request, 200, node);
}

/* What every write to the basis shares. */
typedef struct
{
  JsonObject      *body;           /* borrowed from the request */
  SpEpisode       *episode;
  SpPlanningBasis *basis;
  gint64           revision;       /* of the stored basis; 0 when there is none yet */
  GDateTime       *now;
} Write;

static void
write_clear (Write *write)
{
  g_clear_object (&write->episode);
  g_clear_object (&write->basis);
  g_clear_pointer (&write->now, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Write, write_clear)

/* Loads what a write needs and checks the caller's base_revision (0: "there was no basis
 * yet"). A stale one is answered 409 with the basis as it is now. */
static gboolean
write_begin (SpServer   *server,
             SpRequest  *request,
             Write      *write)
{
  g_autoptr(GError) error = NULL;
  const char *episode_id = sp_request_get_param (request, "id");
  gint64 base_revision = 0;

  write->now = sp_server_get_now (server);
  if ((write->body = sp_request_get_object (request, &error)) == NULL ||
      (write->episode = sp_api_load_episode (server, request, episode_id, &error)) == NULL ||
      (write->basis = load_basis (sp_server_get_store (server), episode_id, &write->revision,
                                  &error)) == NULL ||
      !sp_json_get_int (write->body, "base_revision", TRUE, 0, G_MAXINT64, &base_revision,
                        &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return FALSE;
    }

  if (base_revision != write->revision)
    {
      g_set_error (&error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                   "base_revision: the planning basis is at revision %" G_GINT64_FORMAT,
                   write->revision);
      sp_api_fail_conflict (request, g_steal_pointer (&error),
                            planning_to_json (server, request, write->episode, write->basis,
                                              write->revision));
      return FALSE;
    }

  return TRUE;
}

/* Stores the basis with its index terms, logs the write and answers with the new basis. */
static void
write_finish (SpServer  *server,
              SpRequest *request,
              Write     *write)
{
  SpStore *store = sp_server_get_store (server);
  const char *episode_id = sp_episode_get_id (write->episode);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = sp_planning_basis_to_json (write->basis);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autofree char *episode_term = g_strconcat ("episode:", episode_id, NULL);
  g_autofree char *track_term = NULL;
  SpTrack track;

  track = sp_planning_basis_get_effective_track (write->basis, sp_server_get_profile (server),
                                                 NULL);
  track_term = g_strconcat ("track:", sp_enum_to_nick (SP_TYPE_TRACK, track), NULL);

  {
    const char * const terms[] = { episode_term, track_term, NULL };

    record = sp_api_put_json (store, "planning", episode_id, episode_id, body, write->revision,
                              terms, &error);
  }

  if (record == NULL ||
      !sp_audit_log (store, request, write->now, write->revision == 0 ? "create" : "update",
                     sp_episode_get_patient_id (write->episode), "planning", episode_id,
                     &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  node = planning_to_json (server, request, write->episode, write->basis,
                           sp_record_get_revision (record));
  sp_request_respond (request, write->revision == 0 ? 201 : 200, node);
}

/* The caller's answer from the request, read by the core's strict reader: the request's
 * "answers", "ongoing_interventions" and "new_needs" are the answer's own members. */
static SpPlanningAnswer *
read_answer (SpRequest   *request,
             JsonObject  *body,
             const char  *episode_id,
             GError     **error)
{
  const char * const copied[] = { "answers", "ongoing_interventions", "new_needs" };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = json_object_new ();

  sp_json_set_string (object, "episode_id", episode_id);
  sp_json_set_string (object, "unit_id", sp_api_unit_id (request));
  sp_json_set_enum (object, "unit_kind", SP_TYPE_UNIT_KIND, sp_api_unit_kind (request));
  json_object_set_int_member (object, "version", 0);
  json_object_set_object_member (object, "author", json_object_new ());
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    if (json_object_has_member (body, copied[i]))
      json_object_set_member (object, copied[i],
                              json_node_copy (json_object_get_member (body, copied[i])));

  node = sp_json_node_new_object (object);
  return sp_planning_answer_new_from_json (node, error);
}

static void
answer_planning (gpointer   server,
                 SpRequest *request)
{
  g_auto(Write) write = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPlanningAnswer) answer = NULL;
  g_autoptr(SpRecord) saved = NULL;
  SpUser *user;

  if (!write_begin (server, request, &write))
    return;

  user = sp_session_get_user (request->session);
  answer = read_answer (request, write.body, sp_episode_get_id (write.episode), &error);
  if (answer != NULL)
    sp_planning_answer_sign (answer, sp_user_get_name (user), sp_user_get_title (user),
                             write.now);

  /* The answer first: a unit answering a question that is not its own hears about that
   * (403 naming the question) before anything about the episode's state. */
  if (answer == NULL ||
      !sp_planning_basis_add (write.basis, answer, &error) ||
      !sp_episode_answer_planning (write.episode, sp_api_unit_id (request),
                                   sp_api_unit_kind (request), write.now,
                                   sp_user_get_name (user), &error) ||
      (saved = sp_api_save_episode (server, write.episode,
                                    sp_episode_get_revision (write.episode), &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  write_finish (server, request, &write);
}

/* Overriding the track is part of taking part in the planning: the same units, in the same
 * states, as answering it (sp_episode_can). */
static gboolean
check_may_plan (SpRequest  *request,
                Write      *write,
                GError    **error)
{
  return sp_episode_can (write->episode, SP_EPISODE_ACTION_ANSWER_PLANNING,
                         sp_api_unit_id (request), sp_api_unit_kind (request), error);
}

static void
override_track (gpointer   server,
                SpRequest *request)
{
  g_auto(Write) write = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SpUser *user;
  int track = 0;

  if (!write_begin (server, request, &write))
    return;

  user = sp_session_get_user (request->session);
  if (!sp_json_get_enum (write.body, "track", TRUE, SP_TYPE_TRACK, &track, &error) ||
      !sp_json_get_string (write.body, "reason", FALSE, SP_JSON_MAX_TEXT, &reason, &error) ||
      !check_may_plan (request, &write, &error) ||
      !sp_planning_basis_override_track (write.basis, track, reason, sp_user_get_name (user),
                                         sp_user_get_title (user), sp_api_unit_id (request),
                                         write.now, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  write_finish (server, request, &write);
}

static void
clear_override (gpointer   server,
                SpRequest *request)
{
  g_auto(Write) write = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SpUser *user;

  if (!write_begin (server, request, &write))
    return;

  user = sp_session_get_user (request->session);
  if (!sp_json_get_string (write.body, "reason", FALSE, SP_JSON_MAX_TEXT, &reason, &error) ||
      !check_may_plan (request, &write, &error) ||
      !sp_planning_basis_clear_track_override (write.basis, reason, sp_user_get_name (user),
                                               sp_user_get_title (user),
                                               sp_api_unit_id (request), write.now, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  write_finish (server, request, &write);
}
