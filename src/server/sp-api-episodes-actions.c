/* sp-api-episodes-actions.c — the transitions: POST /episodes/:id/<what>
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each reads its own members and calls sp-episode's action function (or sp-consent's) with
 * the server's clock; the episode's rules decide whether the caller's unit may.
 */

#define G_LOG_DOMAIN "sp-api-episodes"

#include "config.h"

#include "sp-api-episodes-private.h"
#include "sp-enum-types.h"
#include "sp-json.h"

typedef struct
{
  SpServer   *server;
  SpRequest  *request;
  SpEpisode  *episode;
  JsonObject *body;
  GDateTime  *now;
  const char *unit_id;
  SpUnitKind  unit_kind;
  const char *user;
} Command;

typedef gboolean (*CommandFunc) (Command *command, GError **error);

static gboolean
change_estimated_discharge (Command  *c,
                            GError  **error)
{
  GDate date;

  g_date_clear (&date, 1);
  return sp_json_get_date (c->body, "date", TRUE, &date, error) &&
         sp_episode_change_estimated_discharge (c->episode, c->unit_id, c->unit_kind, &date,
                                                c->now, c->user, error);
}

static gboolean
name_care_contact (Command  *c,
                   GError  **error)
{
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  return sp_json_get_string (c->body, "name", TRUE, MAX_NAME, &name, error) &&
         sp_json_get_string (c->body, "phone", TRUE, MAX_NAME, &phone, error) &&
         sp_episode_name_care_contact (c->episode, sp_server_get_profile (c->server),
                                       c->unit_id, c->unit_kind, name, phone, c->now, c->user,
                                       error);
}

static gboolean
set_lead_care_contact (Command  *c,
                       GError  **error)
{
  g_autofree char *unit = NULL;

  return sp_json_get_string (c->body, "unit", TRUE, SP_STORE_MAX_NAME_LENGTH, &unit, error) &&
         sp_episode_set_lead_care_contact (c->episode, c->unit_id, c->unit_kind, unit, c->now,
                                           c->user, error);
}

static gboolean
mark_ready (Command  *c,
            GError  **error)
{
  /* Stamped with the server's clock: it can be dated neither forwards nor backwards. */
  return sp_episode_mark_ready (c->episode, c->unit_id, c->unit_kind, c->now, c->user, error);
}

/* The reason goes to the units as a general message (DOMAIN §5); the episode's event log
 * has no place for it yet, so it is checked here and the client sends the message. */
static gboolean
retract_ready (Command  *c,
               GError  **error)
{
  g_autofree char *reason = NULL;

  return sp_json_get_string (c->body, "reason", FALSE, SP_JSON_MAX_TEXT, &reason, error) &&
         sp_episode_retract_ready (c->episode, c->unit_id, c->unit_kind, c->now, c->user,
                                   reason, error);
}

static gboolean
discharge (Command  *c,
           GError  **error)
{
  g_autoptr(GDateTime) at = NULL;

  return sp_json_get_datetime (c->body, "at", TRUE, &at, error) &&
         sp_episode_discharge (c->episode, c->unit_id, c->unit_kind, at, c->now, c->user, error);
}

static gboolean
retract_discharge (Command  *c,
                   GError  **error)
{
  g_autofree char *reason = NULL;

  return sp_json_get_string (c->body, "reason", FALSE, SP_JSON_MAX_TEXT, &reason, error) &&
         sp_episode_retract_discharge (c->episode, c->unit_id, c->unit_kind, c->now, c->user,
                                       reason, error);
}

static gboolean
register_death (Command  *c,
                GError  **error)
{
  g_autoptr(GDateTime) at = NULL;

  return sp_json_get_datetime (c->body, "at", TRUE, &at, error) &&
         sp_episode_register_death (c->episode, c->unit_id, c->unit_kind, at, c->now, c->user,
                                    error);
}

static gboolean
cancel (Command  *c,
        GError  **error)
{
  g_autofree char *reason = NULL;

  return sp_json_get_string (c->body, "reason", TRUE, SP_JSON_MAX_TEXT, &reason, error) &&
         sp_episode_cancel (c->episode, c->unit_id, c->unit_kind, reason, c->now, c->user,
                            error);
}

static gboolean
acknowledge (Command  *c,
             GError  **error)
{
  int notice = 0;

  if (!sp_json_get_enum (c->body, "notice", TRUE, SP_TYPE_EPISODE_NOTICE, &notice, error))
    return FALSE;

  if (notice == SP_EPISODE_NOTICE_ADMISSION)
    return sp_episode_acknowledge_admission_notice (c->episode, c->unit_id, c->unit_kind,
                                                    c->now, c->user, error);

  return sp_episode_acknowledge_ready (c->episode, c->unit_id, c->unit_kind, c->now, c->user,
                                       error);
}

/* Any unit in the episode may document a consent it was given (DOMAIN §4). */
static gboolean
record_consent (Command  *c,
                GError  **error)
{
  g_autoptr(SpConsent) consent = sp_api_episodes_read_consent (c->body, c->request, c->now, error);

  if (consent == NULL)
    return FALSE;

  sp_consent_set_add (sp_episode_get_consents (c->episode), consent);
  return TRUE;
}

static gboolean
withdraw_consent (Command  *c,
                  GError  **error)
{
  SpConsent *consent;
  int kind = 0;

  if (!sp_json_get_enum (c->body, "kind", TRUE, SP_TYPE_CONSENT_KIND, &kind, error))
    return FALSE;

  consent = sp_consent_set_get_latest (sp_episode_get_consents (c->episode), kind, c->now);
  if (consent == NULL)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "kind: no consent of this kind is recorded");
      return FALSE;
    }

  return sp_consent_withdraw (consent, c->now, c->user, sp_api_episodes_user_title (c->request),
                              c->unit_id, error);
}

/* A menprövning is health care's instrument (DOMAIN §4): social services need consent. */
static gboolean
record_harm_assessment (Command  *c,
                        GError  **error)
{
  g_autoptr(SpHarmAssessment) assessment = NULL;
  g_autofree char *note = NULL;
  const char *title = sp_api_episodes_user_title (c->request);
  int outcome = 0;

  if (!sp_unit_kind_is_health_care (c->unit_kind))
    {
      g_set_error_literal (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_NOT_PERMITTED,
                           "Only health care makes a harm assessment");
      return FALSE;
    }

  if (!sp_json_get_enum (c->body, "outcome", TRUE, SP_TYPE_HARM_OUTCOME, &outcome, error) ||
      !sp_json_get_string (c->body, "note", FALSE, SP_JSON_MAX_TEXT, &note, error))
    return FALSE;

  /* It must record the professional title of who made it. */
  if (title == NULL || *title == '\0')
    {
      g_set_error_literal (error, SP_CONSENT_ERROR, SP_CONSENT_ERROR_INVALID,
                           "The user has no professional title");
      return FALSE;
    }

  assessment = sp_harm_assessment_new (c->user, title, c->unit_id, c->now, outcome, note);
  sp_consent_set_add_harm_assessment (sp_episode_get_consents (c->episode), assessment);
  return TRUE;
}

/* The last path segment(s) → what to do and how the audit log calls it. */
static const struct
{
  const char  *suffix;
  CommandFunc  func;
  const char  *audit_action;
} commands[] = {
  { "/estimated-discharge", change_estimated_discharge, "send" },
  { "/care-contacts", name_care_contact, "update" },
  { "/lead-care-contact", set_lead_care_contact, "update" },
  { "/ready", mark_ready, "send" },
  { "/retract-ready", retract_ready, "send" },
  { "/discharge", discharge, "send" },
  { "/retract-discharge", retract_discharge, "send" },
  { "/death", register_death, "send" },
  { "/cancel", cancel, "send" },
  { "/acknowledgements", acknowledge, "acknowledge" },
  { "/consents", record_consent, "update" },
  { "/consents/withdraw", withdraw_consent, "update" },
  { "/harm-assessments", record_harm_assessment, "update" },
};

void
sp_api_episodes_act (gpointer   server,
                     SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  JsonObject *body = NULL;
  gint64 base_revision = 0;
  Command command;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_has_suffix (request->path, commands[i].suffix))
      break;
  g_assert (i < G_N_ELEMENTS (commands));

  /* Existence before the body: a unit outside the episode learns nothing, not even which
   * members it would have to send. */
  episode = sp_api_load_episode (server, request, sp_request_get_param (request, "id"), &error);
  if (episode == NULL ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !sp_api_get_base_revision (body, &base_revision, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  if (base_revision != sp_episode_get_revision (episode))
    {
      sp_api_fail_conflict (request,
                            g_error_new_literal (SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                                                 "base_revision: not the current revision"),
                            sp_api_episodes_render (server, request, episode));
      return;
    }

  command = (Command) { server, request, episode, body, now, sp_api_unit_id (request),
                        sp_api_unit_kind (request), sp_api_user_name (request) };
  if (!commands[i].func (&command, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  sp_api_episodes_save_and_respond (server, request, episode, base_revision, now,
                                    commands[i].audit_action, 200);
}
