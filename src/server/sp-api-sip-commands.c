/* sp-api-sip-commands.c — the SIP writes that are one command each: the invitation and its
 * sending, the mapping, establishing, starting a revision, follow-up, evaluation, closing
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each handler loads the SIP, checks the base revision, changes the SIP with the core's rules
 * and saves, audits and answers through run_command(). Plan edits are in sp-api-sip-plan.c.
 *
 * The invitation and the mapping are written whole (PUT) but merged field by field, like the
 * plan: on a stale base revision, each member the request changed from the base is applied
 * to the current part unless someone else changed that member since (to another value); only
 * those overlaps are a 409, named in the error's field ("invitation.agenda,invitation.place").
 * A request may settle them with "keep_mine": ["agenda", …] (the conflict view's "Behåll
 * min"). So an offline edit of the kallelse survives another unit's edit of the SBAR.
 */

#define G_LOG_DOMAIN "sp-api-sip"

#include "config.h"

#include "sp-api-sip-private.h"
#include "sp-audit.h"
#include "sp-enum-types.h"
#include "sp-json.h"

/* One write to one SIP: @command changes the loaded state in memory; run_command() checks
 * the base revision first and saves, audits and answers after. */
typedef gboolean (*SipCommand) (SpServer    *server,
                                SpRequest   *request,
                                SipState    *state,
                                JsonObject  *body,
                                GDateTime   *now,
                                GError     **error);

static void
run_command (SpServer   *server,
             SpRequest  *request,
             const char *action,
             SipCommand  command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_auto(SipState) state = { 0 };
  JsonObject *body;
  gint64 base_revision = 0;

  if (!sp_api_sip_load_state (server, request, TRUE, &state, &error) ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !sp_api_get_base_revision (body, &base_revision, &error))
    goto out;

  if (base_revision != sp_record_get_revision (state.record))
    {
      sp_api_sip_fail_stale (server, request, &state);
      return;
    }

  if (!command (server, request, &state, body, now, &error) ||
      !sp_api_sip_save_state (server, &state, base_revision, &error) ||
      !sp_api_sip_audit (server, request, action, state.sip, &error))
    goto out;

  sp_api_sip_respond_state (server, request, &state, 200);
  return;

out:
  sp_request_fail (request, g_steal_pointer (&error));
}

static gboolean
get_unit (SpStore     *store,
          const char  *unit_id,
          const char  *field,
          SpUnit     **out_unit,
          GError     **error)
{
  *out_unit = sp_session_load_unit (store, unit_id, NULL);
  if (*out_unit != NULL)
    return TRUE;

  g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: no such unit", field);
  return FALSE;
}

/* The server decides what the client cannot know or must not choose: whose SIP it is, who
 * convenes (the unit that created it), each unit's kind, and which units were pre-selected
 * from the episode (and so already see the patient). */
static gboolean
complete_invitation (SpStore          *store,
                     SipState         *state,
                     SpSipInvitation  *invitation,
                     GError          **error)
{
  const char *convener_unit_id = sp_api_sip_get_convener_unit_id (state->sip);

  g_free (invitation->patient_id);
  invitation->patient_id = g_strdup (sp_sip_get_patient_id (state->sip));
  if (convener_unit_id != NULL)
    {
      g_free (invitation->convener_unit_id);
      invitation->convener_unit_id = g_strdup (convener_unit_id);
    }

  for (guint i = 0; i < invitation->units->len; i++)
    {
      SpSipInvitedUnit *invited = g_ptr_array_index (invitation->units, i);
      g_autofree char *field = g_strdup_printf ("invitation.units[%u].unit_id", i);
      g_autoptr(SpUnit) unit = NULL;

      if (!get_unit (store, invited->unit_id, field, &unit, error))
        return FALSE;

      invited->kind = sp_unit_get_kind (unit);
      if (invited->name == NULL)
        invited->name = g_strdup (sp_unit_get_name (unit));
      invited->pre_selected = state->episode != NULL &&
                              sp_episode_find_addressee (state->episode,
                                                         invited->unit_id) != NULL;
    }

  return TRUE;
}

/* ---- A whole part written on a stale revision: merged member by member ---- */

/* The part as it is stored, read from (and checked against) a request or a SIP. */
typedef JsonNode *(*ReadPart) (SpServer   *server,
                               SipState   *state,
                               JsonNode   *node,
                               GError    **error);
typedef JsonNode *(*PartOf)   (SpSip      *sip);
typedef gboolean  (*SetPart)  (SpServer   *server,
                               SipState   *state,
                               JsonNode   *part,
                               GError    **error);

static JsonNode *
get_member (JsonNode   *part,
            const char *name)
{
  if (part == NULL || !JSON_NODE_HOLDS_OBJECT (part))
    return NULL;
  return json_object_get_member (json_node_get_object (part), name);
}

static void
add_names (GPtrArray *names,
           JsonNode  *part)
{
  JsonObjectIter iter;
  const char *name;

  if (part == NULL || !JSON_NODE_HOLDS_OBJECT (part))
    return;

  json_object_iter_init (&iter, json_node_get_object (part));
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
      g_ptr_array_add (names, (gpointer) name);
}

static gboolean
keeps_mine (JsonArray  *keep_mine,
            const char *name)
{
  for (guint i = 0; keep_mine != NULL && i < json_array_get_length (keep_mine); i++)
    {
      JsonNode *element = json_array_get_element (keep_mine, i);

      if (JSON_NODE_HOLDS_VALUE (element) &&
          g_strcmp0 (json_node_get_string (element), name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Three ways, member by member: what the user saw (@base), what is there now (@theirs), what
 * the user wrote (@mine). A member the user left as it was takes theirs; one only the user
 * changed (or both to the same value) takes mine; one both changed is an overlap, added to
 * @overlaps as "part.member", unless @keep_mine names it. */
static JsonNode *
merge_part (const char *part,
            JsonNode   *base,
            JsonNode   *theirs,
            JsonNode   *mine,
            JsonArray  *keep_mine,
            GString    *overlaps)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonObject *merged = json_object_new ();

  add_names (names, mine);
  add_names (names, theirs);
  add_names (names, base);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode *b = get_member (base, name);
      JsonNode *t = get_member (theirs, name);
      JsonNode *m = get_member (mine, name);
      JsonNode *take;

      if (sp_json_node_same_value (m, b))
        take = t;
      else if (sp_json_node_same_value (t, b) || sp_json_node_same_value (t, m) ||
               keeps_mine (keep_mine, name))
        take = m;
      else
        {
          g_string_append_printf (overlaps, "%s%s.%s", overlaps->len > 0 ? "," : "", part,
                                  name);
          continue;
        }

      if (take != NULL)
        json_object_set_member (merged, name, json_node_copy (take));
    }

  return sp_json_node_new_object (merged);
}

/* PUT /sips/:id/<part> {"base_revision", "<part>", "keep_mine"?}: see the top. */
static void
run_part_command (SpServer   *server,
                  SpRequest  *request,
                  const char *part,
                  ReadPart    read_part,
                  PartOf      part_of,
                  SetPart     set_part)
{
  g_autoptr(GError) error = NULL;
  g_auto(SipState) state = { 0 };
  g_autoptr(JsonNode) mine = NULL;
  JsonArray *keep_mine = NULL;
  JsonObject *body;
  gint64 base_revision = 0;
  gint64 current_revision;

  if (!sp_api_sip_load_state (server, request, TRUE, &state, &error) ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !sp_api_get_base_revision (body, &base_revision, &error) ||
      sp_json_get_object (body, part, TRUE, &error) == NULL ||
      (json_object_has_member (body, "keep_mine") &&
       (keep_mine = sp_json_get_array (body, "keep_mine", TRUE, &error)) == NULL))
    goto out;

  if ((mine = read_part (server, &state, json_object_get_member (body, part), &error)) == NULL)
    goto out;

  current_revision = sp_record_get_revision (state.record);
  if (base_revision != current_revision)
    {
      g_autoptr(SpSip) base = sp_api_sip_read_revision (sp_server_get_store (server),
                                                        sp_sip_get_id (state.sip),
                                                        base_revision, &error);
      g_autoptr(JsonNode) base_part = NULL;
      g_autoptr(JsonNode) theirs = NULL;
      g_autoptr(GString) overlaps = g_string_new (NULL);
      JsonNode *merged;

      if (error != NULL)
        goto out;
      if (base == NULL)
        {
          sp_api_sip_fail_stale (server, request, &state);
          return;
        }

      base_part = part_of (base);
      theirs = part_of (state.sip);
      merged = merge_part (part, base_part, theirs, mine, keep_mine, overlaps);
      json_node_unref (mine);
      mine = merged;
      if (overlaps->len > 0)
        {
          sp_api_sip_fail_overlap (server, request, &state, overlaps->str);
          return;
        }
    }

  if (!set_part (server, &state, mine, &error) ||
      !sp_api_sip_save_state (server, &state, current_revision, &error) ||
      !sp_api_sip_audit (server, request, "update", state.sip, &error))
    goto out;

  sp_api_sip_respond_state (server, request, &state, 200);
  return;

out:
  sp_request_fail (request, g_steal_pointer (&error));
}

/* The invitation as the server completes it (see complete_invitation()). */
static SpSipInvitation *
read_invitation (SpServer   *server,
                 SipState   *state,
                 JsonNode   *node,
                 GError    **error)
{
  g_autoptr(SpSipInvitation) invitation = sp_sip_invitation_new_from_json (node, error);

  if (invitation == NULL)
    {
      g_prefix_error (error, "invitation.");
      return NULL;
    }
  if (!complete_invitation (sp_server_get_store (server), state, invitation, error))
    return NULL;

  return g_steal_pointer (&invitation);
}

static JsonNode *
read_invitation_part (SpServer   *server,
                      SipState   *state,
                      JsonNode   *node,
                      GError    **error)
{
  g_autoptr(SpSipInvitation) invitation = read_invitation (server, state, node, error);

  return invitation != NULL ? sp_sip_invitation_to_json (invitation) : NULL;
}

static JsonNode *
invitation_of (SpSip *sip)
{
  const SpSipInvitation *invitation = sp_sip_get_invitation (sip);

  return invitation != NULL ? sp_sip_invitation_to_json (invitation) : NULL;
}

/* The whole kallelse, checked as it will be sent. */
static gboolean
set_invitation (SpServer   *server,
                SipState   *state,
                JsonNode   *part,
                GError    **error)
{
  g_autoptr(SpSipInvitation) invitation = read_invitation (server, state, part, error);

  if (invitation == NULL)
    return FALSE;
  if (!sp_sip_invitation_validate (invitation, error))
    {
      g_prefix_error (error, "invitation.");
      return FALSE;
    }

  return sp_sip_set_invitation (state->sip, invitation, error);
}

/* PUT /sips/:id/invitation {"base_revision", "invitation", "keep_mine"?} */
void
sp_api_sip_put_invitation (gpointer   server,
                           SpRequest *request)
{
  run_part_command (server, request, "invitation", read_invitation_part, invitation_of,
                    set_invitation);
}

/* A stand-alone SIP has no episode to hold the patient's consent: the request may record
 * it ("consent": {form, given_by, giver_name, recorded_by_name, recorded_by_title}). */
static gboolean
record_consent (SpRequest   *request,
                SipState    *state,
                JsonObject  *body,
                GDateTime   *now,
                GError     **error)
{
  g_autofree char *giver_name = NULL;
  g_autofree char *recorded_by_name = NULL;
  g_autofree char *recorded_by_title = NULL;
  g_autoptr(SpConsent) consent = NULL;
  JsonObject *object;
  int form = 0, given_by = 0;

  if (!json_object_has_member (body, "consent"))
    return TRUE;

  if (state->episode != NULL)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "consent: record it in the episode");
      return FALSE;
    }

  if ((object = sp_json_get_object (body, "consent", TRUE, error)) == NULL)
    return FALSE;

  if (!sp_json_get_enum (object, "form", TRUE, SP_TYPE_CONSENT_FORM, &form, error) ||
      !sp_json_get_enum (object, "given_by", TRUE, SP_TYPE_CONSENT_GIVER, &given_by, error) ||
      !sp_json_get_string (object, "giver_name", given_by != SP_CONSENT_GIVER_PATIENT, 256,
                           &giver_name, error) ||
      !sp_json_get_string (object, "recorded_by_name", TRUE, 256, &recorded_by_name, error) ||
      !sp_json_get_string (object, "recorded_by_title", TRUE, 256, &recorded_by_title, error))
    {
      g_prefix_error (error, "consent.");
      return FALSE;
    }

  if (*recorded_by_name == '\0' || *recorded_by_title == '\0' ||
      (giver_name != NULL && *giver_name == '\0'))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "consent: giver and recorder must be named");
      return FALSE;
    }

  consent = sp_consent_new (SP_CONSENT_KIND_SIP, form, given_by, giver_name, recorded_by_name,
                            recorded_by_title, sp_api_unit_id (request), now);
  if (state->consents == NULL)
    state->consents = sp_consent_set_new ();
  sp_consent_set_add (state->consents, consent);
  return TRUE;
}

/* Invited units join the episode (DOMAIN §5, §12). The care contact's unit invites, so the
 * caller must be one (sp_episode_can decides). An episode that can no longer take units
 * (death, cancellation) leaves them with the SIP alone: its invited units see the SIP. */
static gboolean
add_units_to_episode (SpServer    *server,
                      SpRequest   *request,
                      SipState    *state,
                      GPtrArray   *unit_ids,
                      GDateTime   *now,
                      GError     **error)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(SpRecord) saved = NULL;
  gboolean changed = FALSE;

  for (guint i = 0; state->episode != NULL && i < unit_ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SpUnit) unit = NULL;

      if (!get_unit (store, g_ptr_array_index (unit_ids, i), "invitation.units", &unit, error))
        return FALSE;

      if (sp_episode_add_unit_via_sip_invitation (state->episode, sp_api_unit_id (request),
                                                  sp_api_unit_kind (request),
                                                  sp_unit_get_id (unit), sp_unit_get_kind (unit),
                                                  now, sp_api_user_name (request),
                                                  &local_error))
        changed = TRUE;
      else if (!g_error_matches (local_error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_WRONG_STATE) &&
               !g_error_matches (local_error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_ALREADY_DONE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (!changed)
    return TRUE;

  return (saved = sp_api_save_episode (server, state->episode,
                                       sp_episode_get_revision (state->episode), error)) != NULL &&
         sp_audit_log (store, request, now, "update", sp_episode_get_patient_id (state->episode),
                       "episode", sp_episode_get_id (state->episode), error);
}

/* POST /sips/:id/invitation/send {"base_revision", "consent"?} */
static gboolean
send_command (SpServer    *server,
              SpRequest   *request,
              SipState    *state,
              JsonObject  *body,
              GDateTime   *now,
              GError     **error)
{
  g_autoptr(GPtrArray) newly_invited = NULL;

  if (!record_consent (request, state, body, now, error))
    return FALSE;

  newly_invited = sp_sip_send_invitation (state->sip,
                                          sp_api_sip_consent_given (sp_server_get_store (server),
                                                                    state, now),
                                          now, error);
  return newly_invited != NULL &&
         add_units_to_episode (server, request, state, newly_invited, now, error);
}

void
sp_api_sip_send_invitation (gpointer   server,
                            SpRequest *request)
{
  run_command (server, request, "send", send_command);
}

static JsonNode *
read_mapping_part (SpServer   *server,
                   SipState   *state,
                   JsonNode   *node,
                   GError    **error)
{
  g_autoptr(SpSipMapping) mapping = sp_sip_mapping_new_from_json (node, error);

  if (mapping == NULL)
    {
      g_prefix_error (error, "mapping.");
      return NULL;
    }
  return sp_sip_mapping_to_json (mapping);
}

static JsonNode *
mapping_of (SpSip *sip)
{
  const SpSipMapping *mapping = sp_sip_get_mapping (sip);

  return mapping != NULL ? sp_sip_mapping_to_json (mapping) : NULL;
}

static gboolean
set_mapping (SpServer   *server,
             SipState   *state,
             JsonNode   *part,
             GError    **error)
{
  g_autoptr(SpSipMapping) mapping = sp_sip_mapping_new_from_json (part, error);

  if (mapping == NULL)
    {
      g_prefix_error (error, "mapping.");
      return FALSE;
    }

  return sp_sip_set_mapping (state->sip, mapping, error);
}

/* PUT /sips/:id/mapping {"base_revision", "mapping": {situation, background, …},
 * "keep_mine"?}: the SBAR, merged like the invitation. */
void
sp_api_sip_put_mapping (gpointer   server,
                        SpRequest *request)
{
  run_part_command (server, request, "mapping", read_mapping_part, mapping_of, set_mapping);
}

/* POST /sips/:id/establish {"base_revision", "consent"?} */
static gboolean
establish_command (SpServer    *server,
                   SpRequest   *request,
                   SipState    *state,
                   JsonObject  *body,
                   GDateTime   *now,
                   GError     **error)
{
  if (!record_consent (request, state, body, now, error))
    return FALSE;

  return sp_sip_establish (state->sip,
                           sp_api_sip_consent_given (sp_server_get_store (server), state, now),
                           now, sp_api_user_name (request), error) != NULL;
}

void
sp_api_sip_establish (gpointer   server,
                      SpRequest *request)
{
  run_command (server, request, "establish", establish_command);
}

static gboolean
revision_command (SpServer    *server,
                  SpRequest   *request,
                  SipState    *state,
                  JsonObject  *body,
                  GDateTime   *now,
                  GError     **error)
{
  return sp_sip_start_revision (state->sip, error);
}

void
sp_api_sip_start_revision (gpointer   server,
                           SpRequest *request)
{
  run_command (server, request, "revise", revision_command);
}

/* POST /sips/:id/follow-up-comments {"base_revision", "node_kind", "node_id", "status",
 * "comment"}: on a node of the latest established version. */
static gboolean
follow_up_command (SpServer    *server,
                   SpRequest   *request,
                   SipState    *state,
                   JsonObject  *body,
                   GDateTime   *now,
                   GError     **error)
{
  g_autofree char *node_id = NULL;
  g_autofree char *comment = NULL;
  g_autoptr(SpSipFollowUp) follow_up = NULL;
  int node_kind = 0, status = 0;

  if (!sp_json_get_enum (body, "node_kind", TRUE, SP_TYPE_SIP_NODE_KIND, &node_kind, error) ||
      !sp_api_get_id (body, "node_id", &node_id, error) ||
      !sp_json_get_enum (body, "status", TRUE, SP_TYPE_SIP_FOLLOW_UP_STATUS, &status, error) ||
      !sp_json_get_string (body, "comment", TRUE, SP_JSON_MAX_TEXT, &comment, error))
    return FALSE;

  follow_up = sp_sip_follow_up_new (node_kind, node_id, status, comment,
                                    sp_api_user_name (request), now);
  return sp_sip_add_follow_up (state->sip, follow_up, error);
}

void
sp_api_sip_add_follow_up (gpointer   server,
                          SpRequest *request)
{
  run_command (server, request, "follow_up", follow_up_command);
}

/* POST /sips/:id/evaluation {"base_revision", "text"} */
static gboolean
evaluation_command (SpServer    *server,
                    SpRequest   *request,
                    SipState    *state,
                    JsonObject  *body,
                    GDateTime   *now,
                    GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(SpSipEvaluation) evaluation = NULL;

  if (!sp_json_get_string (body, "text", TRUE, SP_JSON_MAX_TEXT, &text, error))
    return FALSE;

  evaluation = sp_sip_evaluation_new (text, sp_api_user_name (request), now);
  return sp_sip_set_evaluation (state->sip, evaluation, error);
}

void
sp_api_sip_set_evaluation (gpointer   server,
                           SpRequest *request)
{
  run_command (server, request, "evaluate", evaluation_command);
}

/* POST /sips/:id/close {"base_revision", "reason", "text"?} */
static gboolean
close_command (SpServer    *server,
               SpRequest   *request,
               SipState    *state,
               JsonObject  *body,
               GDateTime   *now,
               GError     **error)
{
  g_autofree char *text = NULL;
  int reason = 0;

  return sp_json_get_enum (body, "reason", TRUE, SP_TYPE_SIP_CLOSE_REASON, &reason, error) &&
         sp_json_get_string (body, "text", FALSE, SP_JSON_MAX_TEXT, &text, error) &&
         sp_sip_close (state->sip, reason, text, sp_api_user_name (request), now, error);
}

void
sp_api_sip_close (gpointer   server,
                  SpRequest *request)
{
  run_command (server, request, "close", close_command);
}
