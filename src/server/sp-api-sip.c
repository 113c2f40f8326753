/* sp-api-sip.c — the SIP (samordnad individuell plan): invitation, mapping, plan, versions,
 * follow-up and closing (DOMAIN §8), over the core model in sp-sip*.h
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SIP is one "sip" record holding sp_sip_to_json() (plus, for a stand-alone SIP, the SIP
 * consents recorded through this API under "consents"). Who sees it: the convener's unit,
 * the units its invitations gave access to, and every unit that sees its episode; everyone
 * else gets 404. Plan edits are node operations merged field by field when the client's
 * base revision is stale (see sp-api-sip-plan.c).
 *
 * This file: the route table, who sees what, rendering, loading and saving, creating,
 * listing and reading a SIP and its established versions. The other writes are in
 * sp-api-sip-commands.c and sp-api-sip-plan.c; sp-api-sip-private.h is what they share.
 */

#define G_LOG_DOMAIN "sp-api-sip"

#include "config.h"

#include <string.h>

#include "sp-access.h"
#include "sp-api.h"
#include "sp-api-sip-private.h"
#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-patient.h"
#include "sp-server-error.h"
#include "sp-server-private.h"

/* A person has a handful of SIPs over a lifetime; this bounds a corrupt store. */
#define MAX_SIPS_PER_PATIENT 1000

static void create_sip (gpointer server, SpRequest *request);
static void list_sips (gpointer server, SpRequest *request);
static void get_sip (gpointer server, SpRequest *request);
static void list_versions (gpointer server, SpRequest *request);
static void get_version (gpointer server, SpRequest *request);
static void get_diff (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "POST",  "/api/v1/sips",                        create_sip,                 SP_ROUTE_WRITE },
  { "GET",   "/api/v1/sips",                        list_sips,                  0 },
  { "GET",   "/api/v1/sips/:id",                    get_sip,                    0 },
  { "PUT",   "/api/v1/sips/:id/invitation",         sp_api_sip_put_invitation,  SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/invitation/send",    sp_api_sip_send_invitation, SP_ROUTE_WRITE },
  { "PUT",   "/api/v1/sips/:id/mapping",            sp_api_sip_put_mapping,     SP_ROUTE_WRITE },
  { "PATCH", "/api/v1/sips/:id/plan",               sp_api_sip_patch_plan,      SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/participants/:pid/signature", sp_api_sip_sign_plan, SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/establish",          sp_api_sip_establish,       SP_ROUTE_WRITE },
  { "GET",   "/api/v1/sips/:id/versions",           list_versions,              0 },
  { "GET",   "/api/v1/sips/:id/versions/:n",        get_version,                0 },
  { "GET",   "/api/v1/sips/:id/diff",               get_diff,                   0 },
  { "POST",  "/api/v1/sips/:id/revision",           sp_api_sip_start_revision,  SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/follow-up-comments", sp_api_sip_add_follow_up,   SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/evaluation",         sp_api_sip_set_evaluation,  SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/close",              sp_api_sip_close,           SP_ROUTE_WRITE },
};

const SpRoute *
sp_api_sip_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

void
sp_api_sip_state_clear (SipState *state)
{
  g_clear_pointer (&state->record, sp_record_unref);
  g_clear_object (&state->sip);
  g_clear_object (&state->consents);
  g_clear_object (&state->episode);
}

static gboolean
not_found (GError **error)
{
  g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND, "no such SIP");
  return FALSE;
}

static gboolean
has_string (GPtrArray  *strings,
            const char *value)
{
  return g_ptr_array_find_with_equal_func (strings, value, g_str_equal, NULL);
}

static SpEpisode *
parse_episode (SpRecord  *record,
               GError   **error)
{
  g_autoptr(JsonNode) node = NULL;
  SpEpisode *episode;

  if ((node = sp_api_record_to_json (record, error)) == NULL ||
      (episode = sp_episode_new_from_json (node, error)) == NULL)
    return NULL;

  sp_episode_set_revision (episode, sp_record_get_revision (record));
  return episode;
}

/* The episode as stored, without a visibility check: deciding visibility is our job here. */
static SpEpisode *
read_episode (SpStore     *store,
              const char  *episode_id,
              GError     **error)
{
  g_autoptr(SpRecord) record = sp_store_get (store, "episode", episode_id, error);

  return record != NULL ? parse_episode (record, error) : NULL;
}

/* As read_episode(), for readers only: shared with other requests (sp_server_lookup_parsed()). */
static SpEpisode *
read_episode_shared (SpServer   *server,
                     const char *episode_id)
{
  g_autoptr(SpRecord) record = sp_store_get (sp_server_get_store (server), "episode",
                                             episode_id, NULL);
  SpEpisode *episode;

  if (record == NULL)
    return NULL;
  if ((episode = sp_server_lookup_parsed (server, record)) != NULL)
    return episode;
  if ((episode = parse_episode (record, NULL)) != NULL)
    sp_server_remember_parsed (server, record, episode);

  return episode;
}

/* Takes @record. */
static gboolean
read_state (SpStore   *store,
            SpRecord  *record,
            SipState  *state,
            GError   **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  state->record = record;
  if (sp_record_is_deleted (record) || (node = sp_api_record_to_json (record, error)) == NULL ||
      (state->sip = sp_sip_new_from_json (node, error)) == NULL)
    return FALSE;

  sp_sip_set_revision (state->sip, sp_record_get_revision (record));
  object = json_node_get_object (node);
  if (json_object_has_member (object, "consents") &&
      (state->consents = sp_consent_set_new_from_json (json_object_get_member (object,
                                                                              "consents"),
                                                       error)) == NULL)
    return FALSE;

  return sp_sip_get_episode_id (state->sip) == NULL ||
         (state->episode = read_episode (store, sp_sip_get_episode_id (state->sip),
                                         error)) != NULL;
}

/* As read_state(), for rendering, which only reads: the SIP and its episode are shared with
 * other requests (sp_server_lookup_parsed()). A stand-alone SIP's own consents are no part of
 * SpSip: a body naming any is read as a whole. Takes @record. */
static gboolean
read_state_shared (SpServer *server,
                   SpRecord *record,
                   SipState *state)
{
  static const char consents[] = "\"consents\"";
  gsize size = 0;
  const char *data = g_bytes_get_data (sp_record_get_body (record), &size);
  g_autoptr(JsonNode) node = NULL;
  SpSip *sip;

  if (sp_record_is_deleted (record) || data == NULL ||
      memmem (data, size, consents, strlen (consents)) != NULL)
    return read_state (sp_server_get_store (server), record, state, NULL);

  state->record = record;
  sip = sp_server_lookup_parsed (server, record);
  /* Only this file and sp-api-episodes-render.c keep SIPs, both with their revision. */
  if (sip != NULL && sp_sip_get_revision (sip) != sp_record_get_revision (record))
    g_clear_object (&sip);
  if (sip == NULL)
    {
      if ((node = sp_api_record_to_json (record, NULL)) == NULL ||
          (sip = sp_sip_new_from_json (node, NULL)) == NULL)
        return FALSE;
      sp_sip_set_revision (sip, sp_record_get_revision (record));
      sp_server_remember_parsed (server, record, sip);
    }
  state->sip = sip;

  return sp_sip_get_episode_id (sip) == NULL ||
         (state->episode = read_episode_shared (server, sp_sip_get_episode_id (sip))) != NULL;
}

const char *
sp_api_sip_get_convener_unit_id (SpSip *sip)
{
  const SpSipInvitation *invitation = sp_sip_get_invitation (sip);

  return invitation != NULL ? invitation->convener_unit_id : NULL;
}

/* The convener and the units the invitations gave access to take part in the SIP itself. */
static gboolean
takes_part (SipState   *state,
            const char *unit_id)
{
  return g_strcmp0 (sp_api_sip_get_convener_unit_id (state->sip), unit_id) == 0 ||
         has_string (sp_sip_get_invited_unit_ids (state->sip), unit_id);
}

static gboolean
may_see_sip (SipState   *state,
             const char *unit_id)
{
  return takes_part (state, unit_id) ||
         (state->episode != NULL && sp_access_may_see_episode (state->episode, unit_id));
}

static gboolean
patient_is_child (SpStore    *store,
                  const char *patient_id,
                  GDateTime  *now)
{
  g_autoptr(SpRecord) record = sp_store_get (store, "patient", patient_id, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpPatient) patient = NULL;
  GDate today;

  if (record == NULL || (node = sp_api_record_to_json (record, NULL)) == NULL ||
      (patient = sp_patient_new_from_json (node, NULL)) == NULL ||
      sp_patient_get_identity (patient) == NULL)
    return FALSE;

  sp_calendar_get_local_date (now, &today);
  return sp_identity_is_child (sp_patient_get_identity (patient), &today);
}

/* The patient's consent to the SIP (DOMAIN §4, §8): the episode's consents, or for a
 * stand-alone SIP the consents recorded on the SIP itself. */
gboolean
sp_api_sip_consent_given (SpStore   *store,
                          SipState  *state,
                          GDateTime *now)
{
  if (state->episode != NULL)
    return sp_consent_set_is_given (sp_episode_get_consents (state->episode),
                                    SP_CONSENT_KIND_SIP, now,
                                    sp_episode_get_patient_is_child (state->episode));

  return state->consents != NULL &&
         sp_consent_set_is_given (state->consents, SP_CONSENT_KIND_SIP, now,
                                  patient_is_child (store, sp_sip_get_patient_id (state->sip),
                                                    now));
}

/* Units outside the SIP that see its episode get its content only with consent, as they
 * would the episode's interventions (sp-access). */
static gboolean
may_see_content (SpServer  *server,
                 SpRequest *request,
                 SipState  *state,
                 GDateTime *now)
{
  const char *unit_id = sp_api_unit_id (request);

  return takes_part (state, unit_id) ||
         sp_api_sip_consent_given (sp_server_get_store (server), state, now) ||
         (state->episode != NULL &&
          sp_access_may_see_field (sp_server_get_profile (server), state->episode, unit_id,
                                   sp_api_unit_kind (request), SP_EPISODE_FIELD_INTERVENTIONS,
                                   sp_api_sip_get_convener_unit_id (state->sip), now));
}

static JsonNode *
render_state (SpServer  *server,
              SpRequest *request,
              SipState  *state)
{
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  JsonObject *object;
  JsonNode *node;

  if (may_see_content (server, request, state, now))
    {
      node = sp_sip_to_json (state->sip);
      if (state->consents != NULL)
        json_object_set_member (json_node_get_object (node), "consents",
                                sp_consent_set_to_json (state->consents));
      return node;
    }

  object = sp_json_object_new_versioned ();
  sp_json_set_string (object, "id", sp_sip_get_id (state->sip));
  sp_json_set_string (object, "patient_id", sp_sip_get_patient_id (state->sip));
  sp_json_set_string (object, "episode_id", sp_sip_get_episode_id (state->sip));
  sp_json_set_enum (object, "variant", SP_TYPE_SIP_VARIANT, sp_sip_get_variant (state->sip));
  sp_json_set_enum (object, "status", SP_TYPE_SIP_STATUS, sp_sip_get_status (state->sip));
  json_object_set_int_member (object, "revision", sp_sip_get_revision (state->sip));
  sp_json_set_datetime (object, "created_at", sp_sip_get_created_at (state->sip));
  json_object_set_boolean_member (object, "restricted", TRUE);
  json_object_set_string_member (object, "restricted_reason",
                                 "Patientens samtycke saknas. Bara att en SIP finns visas.");
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

JsonNode *
sp_api_render_sip (SpServer  *server,
                   SpRequest *request,
                   SpRecord  *record)
{
  g_auto(SipState) state = { 0 };

  if (!read_state_shared (server, sp_record_ref (record), &state) ||
      !may_see_sip (&state, sp_api_unit_id (request)))
    return NULL;

  return render_state (server, request, &state);
}

/* Loads the SIP of the path. With @need_content (everything but GET /sips/:id, which shows
 * the restricted view), a unit that may see only that the SIP exists is refused. */
gboolean
sp_api_sip_load_state (SpServer    *server,
                       SpRequest   *request,
                       gboolean     need_content,
                       SipState    *state,
                       GError     **error)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  SpRecord *record = sp_store_get (store, "sip", sp_request_get_param (request, "id"),
                                   &local_error);

  if (record == NULL && !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A unit outside the SIP must not learn that it exists. */
  if (record == NULL || !read_state (store, record, state, NULL) ||
      !may_see_sip (state, sp_api_unit_id (request)))
    return not_found (error);

  now = sp_server_get_now (server);
  if (need_content && !may_see_content (server, request, state, now))
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_FORBIDDEN,
                           "no consent to share the SIP with this unit");
      return FALSE;
    }

  return TRUE;
}

static void
add_term (GStrvBuilder *builder,
          const char   *prefix,
          const char   *value)
{
  g_autofree char *term = g_strconcat (prefix, ":", value, NULL);

  g_strv_builder_add (builder, term);
}

/**
 * sp_api_sip_terms:
 *
 * The index terms of a stored SIP: whose it is ("patient:"), whether it is active
 * ("active:<patient>", for the one-active-SIP rule), its episode, and the units that take part
 * (the convener, the pre-selected units of the episode, the units invited since). The API and
 * seed-demo both store SIPs with these.
 *
 * Returns: (transfer full): the terms
 */
GStrv
sp_api_sip_terms (SpSip *sip)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const SpSipInvitation *invitation = sp_sip_get_invitation (sip);
  GPtrArray *invited = sp_sip_get_invited_unit_ids (sip);

  add_term (builder, "patient", sp_sip_get_patient_id (sip));
  if (sp_sip_is_active (sip))
    add_term (builder, "active", sp_sip_get_patient_id (sip));
  if (sp_sip_get_episode_id (sip) != NULL)
    add_term (builder, "episode", sp_sip_get_episode_id (sip));
  if (invitation != NULL && invitation->convener_unit_id != NULL)
    add_term (builder, "unit", invitation->convener_unit_id);
  for (guint i = 0; invitation != NULL && i < invitation->units->len; i++)
    {
      SpSipInvitedUnit *unit = g_ptr_array_index (invitation->units, i);

      if (unit->pre_selected && g_strcmp0 (unit->unit_id, invitation->convener_unit_id) != 0)
        add_term (builder, "unit", unit->unit_id);
    }
  for (guint i = 0; i < invited->len; i++)
    add_term (builder, "unit", g_ptr_array_index (invited, i));

  return g_strv_builder_end (builder);
}

/* Stores the state's SIP; the state then holds the new record. */
gboolean
sp_api_sip_save_state (SpServer   *server,
                       SipState   *state,
                       gint64      base_revision,
                       GError    **error)
{
  g_auto(GStrv) terms = sp_api_sip_terms (state->sip);
  g_autoptr(JsonNode) node = sp_sip_to_json (state->sip);
  SpRecord *record;

  if (state->consents != NULL)
    json_object_set_member (json_node_get_object (node), "consents",
                            sp_consent_set_to_json (state->consents));

  record = sp_api_put_json (sp_server_get_store (server), "sip", sp_sip_get_id (state->sip),
                            NULL, node, base_revision, (const char * const *) terms, error);
  if (record == NULL)
    return FALSE;

  g_clear_pointer (&state->record, sp_record_unref);
  state->record = record;
  sp_sip_set_revision (state->sip, sp_record_get_revision (record));
  return TRUE;
}

gboolean
sp_api_sip_audit (SpServer    *server,
                  SpRequest   *request,
                  const char  *action,
                  SpSip       *sip,
                  GError     **error)
{
  g_autoptr(GDateTime) now = sp_server_get_now (server);

  return sp_audit_log (sp_server_get_store (server), request, now, action,
                       sp_sip_get_patient_id (sip), "sip", sp_sip_get_id (sip), error);
}

void
sp_api_sip_respond_state (SpServer  *server,
                          SpRequest *request,
                          SipState  *state,
                          guint      status)
{
  g_autoptr(JsonNode) node = render_state (server, request, state);

  sp_request_respond (request, status, node);
}

/* A stale base revision: 409 with the SIP as it is now, so the client can redo its edit. */
void
sp_api_sip_fail_stale (SpServer  *server,
                       SpRequest *request,
                       SipState  *state)
{
  sp_api_fail_conflict (request,
                        g_error_new_literal (SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                                             "base_revision: the SIP has changed since"),
                        render_state (server, request, state));
}

/* An edit made on a stale revision overlaps others' edits of @fields ("invitation.agenda,
 * invitation.place"): 409 with the SIP as it is now; the fields are the error's field, so
 * that the client can show and resolve just those. */
void
sp_api_sip_fail_overlap (SpServer   *server,
                         SpRequest  *request,
                         SipState   *state,
                         const char *fields)
{
  sp_api_fail_conflict (request,
                        g_error_new (SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                                     "%s: changed by someone else since base_revision", fields),
                        render_state (server, request, state));
}

/* A new invitation: convened by the caller; the episode's addressed units pre-selected. */
static SpSipInvitation *
new_invitation (SpStore   *store,
                SpRequest *request,
                SpSip     *sip,
                SpEpisode *episode)
{
  SpSipInvitation *invitation = sp_sip_invitation_new (sp_sip_get_patient_id (sip));
  SpUnit *convener = sp_session_get_unit (request->session);
  GPtrArray *addressing = episode != NULL ? sp_episode_get_addressing (episode) : NULL;

  invitation->convener_name = g_strdup (sp_api_user_name (request));
  invitation->convener_unit_id = g_strdup (sp_unit_get_id (convener));
  invitation->convener_phone = g_strdup (sp_unit_get_phone (convener));

  for (guint i = 0; addressing != NULL && i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);
      g_autoptr(SpUnit) unit = sp_session_load_unit (store, addressee->unit_id, NULL);

      g_ptr_array_add (invitation->units,
                       sp_sip_invited_unit_new (addressee->unit_id, addressee->unit_kind,
                                                unit != NULL ? sp_unit_get_name (unit) : NULL,
                                                TRUE));
    }

  return invitation;
}

static GPtrArray *
list_patient_sips (SpStore     *store,
                   const char  *patient_id,
                   GError     **error)
{
  g_autofree char *term = g_strconcat ("patient:", patient_id, NULL);
  g_autoptr(GPtrArray) records = sp_store_list (store, "sip", term, 0, MAX_SIPS_PER_PATIENT,
                                                error);
  g_autoptr(GPtrArray) sips = NULL;

  if (records == NULL)
    return NULL;

  sips = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(JsonNode) node = sp_api_record_to_json (g_ptr_array_index (records, i), error);
      SpSip *sip;

      if (node == NULL || (sip = sp_sip_new_from_json (node, error)) == NULL)
        return NULL;
      g_ptr_array_add (sips, sip);
    }

  return g_steal_pointer (&sips);
}

static gboolean
check_patient_exists (SpStore     *store,
                      const char  *patient_id,
                      GError     **error)
{
  g_autoptr(SpRecord) record = sp_store_get (store, "patient", patient_id, NULL);

  if (record != NULL && !sp_record_is_deleted (record))
    return TRUE;

  g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "patient_id: no such patient");
  return FALSE;
}

/* POST /sips {"episode_id"} or {"patient_id"} (stand-alone), optional "variant". */
static void
create_sip (gpointer   server,
            SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autofree char *episode_id = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(SpSipInvitation) invitation = NULL;
  g_auto(SipState) state = { 0 };
  JsonObject *body = sp_request_get_object (request, &error);
  int variant = SP_SIP_VARIANT_SIP;

  if (body == NULL ||
      !sp_json_get_string (body, "episode_id", FALSE, SP_STORE_MAX_NAME_LENGTH, &episode_id,
                           &error) ||
      !sp_json_get_string (body, "patient_id", FALSE, SP_STORE_MAX_NAME_LENGTH, &patient_id,
                           &error) ||
      !sp_json_get_enum (body, "variant", FALSE, SP_TYPE_SIP_VARIANT, &variant, &error))
    goto out;

  if ((episode_id == NULL) == (patient_id == NULL))
    {
      g_set_error_literal (&error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "episode_id: give either episode_id or patient_id (stand-alone)");
      goto out;
    }

  if (episode_id != NULL)
    {
      if ((state.episode = sp_api_load_episode (server, request, episode_id, &error)) == NULL)
        goto out;
      patient_id = g_strdup (sp_episode_get_patient_id (state.episode));
    }
  else if (!check_patient_exists (store, patient_id, &error))
    {
      goto out;
    }

  id = sp_api_new_id ("s");
  state.sip = sp_sip_new (id, patient_id, episode_id, variant, now, sp_api_user_name (request));
  invitation = new_invitation (store, request, state.sip, state.episode);

  /* The check and the write share the command's transaction, so of two concurrent
   * creations the second sees the first. */
  if ((others = list_patient_sips (store, patient_id, &error)) == NULL ||
      !sp_sip_check_one_active (others, state.sip, &error) ||
      !sp_sip_set_invitation (state.sip, invitation, &error) ||
      !sp_api_sip_save_state (server, &state, 0, &error) ||
      !sp_api_sip_audit (server, request, "create", state.sip, &error))
    goto out;

  sp_api_sip_respond_state (server, request, &state, 201);
  return;

out:
  sp_request_fail (request, g_steal_pointer (&error));
}

static void
sip_state_free (SipState *state)
{
  sp_api_sip_state_clear (state);
  g_free (state);
}

static gint
compare_created (gconstpointer a,
                 gconstpointer b)
{
  const SipState *state_a = *(SipState * const *) a;
  const SipState *state_b = *(SipState * const *) b;

  /* Newest first. */
  return g_date_time_compare (sp_sip_get_created_at (state_b->sip),
                              sp_sip_get_created_at (state_a->sip));
}

/* GET /sips?patient=ID: the patient's SIPs the caller may see, newest first. Like the
 * changes feed, a record that cannot be read is left out rather than failing the list. */
static void
list_sips (gpointer   server,
           SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) sip_state_free);
  g_autoptr(JsonObject) result = json_object_new ();
  g_autofree char *term = NULL;
  const char *patient_id = sp_request_get_query (request, "patient");
  JsonArray *items;
  guint offset, limit;

  if (patient_id == NULL)
    {
      g_set_error_literal (&error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "patient: required");
      goto out;
    }

  term = g_strconcat ("patient:", patient_id, NULL);
  if (!sp_api_get_paging (request, &offset, &limit, &error) ||
      (records = sp_store_list (store, "sip", term, 0, MAX_SIPS_PER_PATIENT, &error)) == NULL)
    goto out;

  for (guint i = 0; i < records->len; i++)
    {
      SipState *state = g_new0 (SipState, 1);

      if (read_state (store, sp_record_ref (g_ptr_array_index (records, i)), state, NULL) &&
          may_see_sip (state, sp_api_unit_id (request)))
        g_ptr_array_add (states, state);
      else
        sip_state_free (state);
    }
  g_ptr_array_sort (states, compare_created);

  if (states->len > offset &&
      !sp_audit_log (store, request, now, "list", patient_id, "sip", NULL, &error))
    goto out;

  items = json_array_new ();
  for (guint i = offset; i < states->len && json_array_get_length (items) < limit; i++)
    json_array_add_element (items, render_state (server, request,
                                                 g_ptr_array_index (states, i)));

  json_object_set_array_member (result, "items", items);
  json_object_set_int_member (result, "offset", offset);
  json_object_set_int_member (result, "limit", limit);
  sp_request_respond_object (request, 200, result);
  return;

out:
  sp_request_fail (request, g_steal_pointer (&error));
}

static void
get_sip (gpointer   server,
         SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_auto(SipState) state = { 0 };

  if (!sp_api_sip_load_state (server, request, FALSE, &state, &error) ||
      !sp_api_sip_audit (server, request, "read", state.sip, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  sp_api_sip_respond_state (server, request, &state, 200);
}

/* GET /sips/:id/versions: every established version, oldest first, unchanged forever. */
static void
list_versions (gpointer   server,
               SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  g_auto(SipState) state = { 0 };
  GPtrArray *versions;
  JsonArray *items;

  if (!sp_api_sip_load_state (server, request, TRUE, &state, &error) ||
      !sp_api_sip_audit (server, request, "read", state.sip, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  versions = sp_sip_get_versions (state.sip);
  items = json_array_new ();
  for (guint i = 0; i < versions->len; i++)
    json_array_add_element (items, sp_sip_version_to_json (g_ptr_array_index (versions, i)));

  json_object_set_array_member (result, "items", items);
  sp_request_respond_object (request, 200, result);
}

static SpSipVersion *
get_version_number (SpSip       *sip,
                    const char  *text,
                    const char  *field,
                    GError     **error)
{
  SpSipVersion *version = NULL;
  guint64 number = 0;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &number, NULL))
    version = sp_sip_get_established_version (sip, number);

  if (version == NULL)
    g_set_error (error, SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND, "%s: no such version", field);

  return version;
}

static void
get_version (gpointer   server,
             SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(SipState) state = { 0 };
  SpSipVersion *version;

  if (!sp_api_sip_load_state (server, request, TRUE, &state, &error) ||
      (version = get_version_number (state.sip, sp_request_get_param (request, "n"), "n",
                                     &error)) == NULL ||
      !sp_api_sip_audit (server, request, "read", state.sip, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  node = sp_sip_version_to_json (version);
  sp_request_respond (request, 200, node);
}

/* GET /sips/:id/diff?from=N&to=M */
static void
get_diff (gpointer   server,
          SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  g_auto(SipState) state = { 0 };
  SpSipVersion *from, *to;
  JsonArray *items;

  if (!sp_api_sip_load_state (server, request, TRUE, &state, &error) ||
      (from = get_version_number (state.sip, sp_request_get_query (request, "from"), "from",
                                  &error)) == NULL ||
      (to = get_version_number (state.sip, sp_request_get_query (request, "to"), "to",
                                &error)) == NULL ||
      !sp_api_sip_audit (server, request, "read", state.sip, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  entries = sp_sip_diff_versions (from, to);
  items = json_array_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      SpSipDiffEntry *entry = g_ptr_array_index (entries, i);
      JsonObject *item = json_object_new ();

      sp_json_set_enum (item, "kind", SP_TYPE_SIP_DIFF_KIND, entry->kind);
      sp_json_set_string (item, "node_id", entry->node_id);
      sp_json_set_string (item, "old_text", entry->old_text);
      sp_json_set_string (item, "new_text", entry->new_text);
      json_array_add_object_element (items, item);
    }

  json_object_set_int_member (result, "from", sp_sip_version_get_number (from));
  json_object_set_int_member (result, "to", sp_sip_version_get_number (to));
  json_object_set_array_member (result, "entries", items);
  sp_request_respond_object (request, 200, result);
}
