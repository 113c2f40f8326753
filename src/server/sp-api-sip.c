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
 * base revision is stale (see patch_plan()).
 */

#define G_LOG_DOMAIN "sp-api-sip"

#include "config.h"

#include "sp-access.h"
#include "sp-api.h"
#include "sp-api-common.h"
#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-patient.h"
#include "sp-server-error.h"
#include "sp-sip.h"

/* A person has a handful of SIPs over a lifetime; this bounds a corrupt store. */
#define MAX_SIPS_PER_PATIENT 1000
#define MAX_OP_NAME 32

static void create_sip (gpointer server, SpRequest *request);
static void list_sips (gpointer server, SpRequest *request);
static void get_sip (gpointer server, SpRequest *request);
static void put_invitation (gpointer server, SpRequest *request);
static void send_invitation (gpointer server, SpRequest *request);
static void put_mapping (gpointer server, SpRequest *request);
static void patch_plan (gpointer server, SpRequest *request);
static void sign_plan (gpointer server, SpRequest *request);
static void establish (gpointer server, SpRequest *request);
static void list_versions (gpointer server, SpRequest *request);
static void get_version (gpointer server, SpRequest *request);
static void get_diff (gpointer server, SpRequest *request);
static void start_revision (gpointer server, SpRequest *request);
static void add_follow_up (gpointer server, SpRequest *request);
static void set_evaluation (gpointer server, SpRequest *request);
static void close_sip (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "POST",  "/api/v1/sips",                                create_sip,      SP_ROUTE_WRITE },
  { "GET",   "/api/v1/sips",                                list_sips,       0 },
  { "GET",   "/api/v1/sips/:id",                            get_sip,         0 },
  { "PUT",   "/api/v1/sips/:id/invitation",                 put_invitation,  SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/invitation/send",            send_invitation, SP_ROUTE_WRITE },
  { "PUT",   "/api/v1/sips/:id/mapping",                    put_mapping,     SP_ROUTE_WRITE },
  { "PATCH", "/api/v1/sips/:id/plan",                       patch_plan,      SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/participants/:pid/signature", sign_plan,      SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/establish",                  establish,       SP_ROUTE_WRITE },
  { "GET",   "/api/v1/sips/:id/versions",                   list_versions,   0 },
  { "GET",   "/api/v1/sips/:id/versions/:n",                get_version,     0 },
  { "GET",   "/api/v1/sips/:id/diff",                       get_diff,        0 },
  { "POST",  "/api/v1/sips/:id/revision",                   start_revision,  SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/follow-up-comments",         add_follow_up,   SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/evaluation",                 set_evaluation,  SP_ROUTE_WRITE },
  { "POST",  "/api/v1/sips/:id/close",                      close_sip,       SP_ROUTE_WRITE },
};

const SpRoute *
sp_api_sip_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* One stored SIP with what deciding about it needs. */
typedef struct
{
  SpRecord     *record;
  SpSip        *sip;
  SpConsentSet *consents; /* a stand-alone SIP's own SIP consents; NULL if none */
  SpEpisode    *episode;  /* NULL for a stand-alone SIP */
} SipState;

static void
sip_state_clear (SipState *state)
{
  g_clear_pointer (&state->record, sp_record_unref);
  g_clear_object (&state->sip);
  g_clear_object (&state->consents);
  g_clear_object (&state->episode);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SipState, sip_state_clear)

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

/* The episode as stored, without a visibility check: deciding visibility is our job here. */
static SpEpisode *
read_episode (SpStore     *store,
              const char  *episode_id,
              GError     **error)
{
  g_autoptr(SpRecord) record = sp_store_get (store, "episode", episode_id, error);
  g_autoptr(JsonNode) node = NULL;
  SpEpisode *episode;

  if (record == NULL || (node = sp_api_record_to_json (record, error)) == NULL ||
      (episode = sp_episode_new_from_json (node, error)) == NULL)
    return NULL;

  sp_episode_set_revision (episode, sp_record_get_revision (record));
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

static const char *
get_convener_unit_id (SpSip *sip)
{
  const SpSipInvitation *invitation = sp_sip_get_invitation (sip);

  return invitation != NULL ? invitation->convener_unit_id : NULL;
}

/* The convener and the units the invitations gave access to take part in the SIP itself. */
static gboolean
takes_part (SipState   *state,
            const char *unit_id)
{
  return g_strcmp0 (get_convener_unit_id (state->sip), unit_id) == 0 ||
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
static gboolean
sip_consent_given (SpStore   *store,
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
         sip_consent_given (sp_server_get_store (server), state, now) ||
         (state->episode != NULL &&
          sp_access_may_see_field (sp_server_get_profile (server), state->episode, unit_id,
                                   sp_api_unit_kind (request), SP_EPISODE_FIELD_INTERVENTIONS,
                                   get_convener_unit_id (state->sip), now));
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

  if (!read_state (sp_server_get_store (server), sp_record_ref (record), &state, NULL) ||
      !may_see_sip (&state, sp_api_unit_id (request)))
    return NULL;

  return render_state (server, request, &state);
}

/* Loads the SIP of the path. With @need_content (everything but GET /sips/:id, which shows
 * the restricted view), a unit that may see only that the SIP exists is refused. */
static gboolean
load_state (SpServer    *server,
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

/* Index terms: whose SIP it is, whether it is active, its episode, and the units that take
 * part (the convener, the pre-selected units of the episode, the units invited since). */
static GStrv
sip_terms (SpSip *sip)
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
static gboolean
save_state (SpServer   *server,
            SipState   *state,
            gint64      base_revision,
            GError    **error)
{
  g_auto(GStrv) terms = sip_terms (state->sip);
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

static gboolean
audit (SpServer    *server,
       SpRequest   *request,
       const char  *action,
       SpSip       *sip,
       GError     **error)
{
  g_autoptr(GDateTime) now = sp_server_get_now (server);

  return sp_audit_log (sp_server_get_store (server), request, now, action,
                       sp_sip_get_patient_id (sip), "sip", sp_sip_get_id (sip), error);
}

static void
respond_state (SpServer  *server,
               SpRequest *request,
               SipState  *state,
               guint      status)
{
  g_autoptr(JsonNode) node = render_state (server, request, state);

  sp_request_respond (request, status, node);
}

/* A stale base revision: 409 with the SIP as it is now, so the client can redo its edit. */
static void
fail_stale (SpServer  *server,
            SpRequest *request,
            SipState  *state)
{
  sp_api_fail_conflict (request,
                        g_error_new_literal (SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                                             "base_revision: the SIP has changed since"),
                        render_state (server, request, state));
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
      !save_state (server, &state, 0, &error) ||
      !audit (server, request, "create", state.sip, &error))
    goto out;

  respond_state (server, request, &state, 201);
  return;

out:
  sp_request_fail (request, g_steal_pointer (&error));
}

static void
sip_state_free (SipState *state)
{
  sip_state_clear (state);
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

  if (!load_state (server, request, FALSE, &state, &error) ||
      !audit (server, request, "read", state.sip, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  respond_state (server, request, &state, 200);
}

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

  if (!load_state (server, request, TRUE, &state, &error) ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !sp_api_get_base_revision (body, &base_revision, &error))
    goto out;

  if (base_revision != sp_record_get_revision (state.record))
    {
      fail_stale (server, request, &state);
      return;
    }

  if (!command (server, request, &state, body, now, &error) ||
      !save_state (server, &state, base_revision, &error) ||
      !audit (server, request, action, state.sip, &error))
    goto out;

  respond_state (server, request, &state, 200);
  return;

out:
  sp_request_fail (request, g_steal_pointer (&error));
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
  const char *convener_unit_id = get_convener_unit_id (state->sip);

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

/* PUT /sips/:id/invitation {"base_revision", "invitation"}: the whole kallelse, checked as
 * it will be sent. */
static gboolean
invitation_command (SpServer    *server,
                    SpRequest   *request,
                    SipState    *state,
                    JsonObject  *body,
                    GDateTime   *now,
                    GError     **error)
{
  g_autoptr(SpSipInvitation) invitation = NULL;

  if (sp_json_get_object (body, "invitation", TRUE, error) == NULL)
    return FALSE;

  invitation = sp_sip_invitation_new_from_json (json_object_get_member (body, "invitation"),
                                                error);
  if (invitation == NULL)
    {
      g_prefix_error (error, "invitation.");
      return FALSE;
    }

  if (!complete_invitation (sp_server_get_store (server), state, invitation, error))
    return FALSE;

  if (!sp_sip_invitation_validate (invitation, error))
    {
      g_prefix_error (error, "invitation.");
      return FALSE;
    }

  return sp_sip_set_invitation (state->sip, invitation, error);
}

static void
put_invitation (gpointer   server,
                SpRequest *request)
{
  run_command (server, request, "update", invitation_command);
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
                                          sip_consent_given (sp_server_get_store (server), state,
                                                             now),
                                          now, error);
  return newly_invited != NULL &&
         add_units_to_episode (server, request, state, newly_invited, now, error);
}

static void
send_invitation (gpointer   server,
                 SpRequest *request)
{
  run_command (server, request, "send", send_command);
}

/* PUT /sips/:id/mapping {"base_revision", "mapping": {situation, background, …}} */
static gboolean
mapping_command (SpServer    *server,
                 SpRequest   *request,
                 SipState    *state,
                 JsonObject  *body,
                 GDateTime   *now,
                 GError     **error)
{
  g_autoptr(SpSipMapping) mapping = NULL;

  if (sp_json_get_object (body, "mapping", TRUE, error) == NULL)
    return FALSE;

  mapping = sp_sip_mapping_new_from_json (json_object_get_member (body, "mapping"), error);
  if (mapping == NULL)
    {
      g_prefix_error (error, "mapping.");
      return FALSE;
    }

  return sp_sip_set_mapping (state->sip, mapping, error);
}

static void
put_mapping (gpointer   server,
             SpRequest *request)
{
  run_command (server, request, "update", mapping_command);
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

  return sp_sip_establish (state->sip, sip_consent_given (sp_server_get_store (server), state,
                                                          now),
                           now, sp_api_user_name (request), error) != NULL;
}

static void
establish (gpointer   server,
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

static void
start_revision (gpointer   server,
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
      !sp_json_get_string (body, "node_id", TRUE, SP_STORE_MAX_NAME_LENGTH, &node_id, error) ||
      !sp_json_get_enum (body, "status", TRUE, SP_TYPE_SIP_FOLLOW_UP_STATUS, &status, error) ||
      !sp_json_get_string (body, "comment", TRUE, SP_JSON_MAX_TEXT, &comment, error))
    return FALSE;

  follow_up = sp_sip_follow_up_new (node_kind, node_id, status, comment,
                                    sp_api_user_name (request), now);
  return sp_sip_add_follow_up (state->sip, follow_up, error);
}

static void
add_follow_up (gpointer   server,
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

static void
set_evaluation (gpointer   server,
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

static void
close_sip (gpointer   server,
           SpRequest *request)
{
  run_command (server, request, "close", close_command);
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

  if (!load_state (server, request, TRUE, &state, &error) ||
      !audit (server, request, "read", state.sip, &error))
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

  if (!load_state (server, request, TRUE, &state, &error) ||
      (version = get_version_number (state.sip, sp_request_get_param (request, "n"), "n",
                                     &error)) == NULL ||
      !audit (server, request, "read", state.sip, &error))
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

  if (!load_state (server, request, TRUE, &state, &error) ||
      (from = get_version_number (state.sip, sp_request_get_query (request, "from"), "from",
                                  &error)) == NULL ||
      (to = get_version_number (state.sip, sp_request_get_query (request, "to"), "to",
                                &error)) == NULL ||
      !audit (server, request, "read", state.sip, &error))
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

/* The plan: PATCH /sips/:id/plan {"base_revision", "operations": [{"op", …}, …]}.
 *
 * Every operation names what it targets: a node ("id"), or one of the plan's fields (main
 * goal, chair, lead, follow-up, the order of the sub-goals). When the base revision is
 * stale, the operations are still applied to the current plan if nothing they target
 * changed since that revision (and no sub-goal they refer to was removed); otherwise the
 * answer is 409 with the current SIP. So two people editing different nodes of one plan
 * never lose each other's work, and nobody overwrites a node someone else just changed. */

typedef enum
{
  OP_SET_MAIN_GOAL,
  OP_ADD_SUB_GOAL,
  OP_UPDATE_SUB_GOAL,
  OP_REMOVE_SUB_GOAL,
  OP_ADD_INTERVENTION,
  OP_UPDATE_INTERVENTION,
  OP_REMOVE_INTERVENTION,
  OP_MOVE_INTERVENTION,
  OP_REORDER_SUB_GOALS,
  OP_SET_CHAIR,
  OP_SET_LEAD,
  OP_SET_FOLLOW_UP,
  OP_ADD_PARTICIPANT,
  OP_REMOVE_PARTICIPANT,
  OP_SIGN, /* only through POST /sips/:id/participants/:pid/signature */
} OpKind;

static const char * const op_names[OP_SIGN] = {
  "set_main_goal", "add_sub_goal", "update_sub_goal", "remove_sub_goal",
  "add_intervention", "update_intervention", "remove_intervention", "move_intervention",
  "reorder_sub_goals", "set_chair", "set_lead", "set_follow_up",
  "add_participant", "remove_participant",
};

typedef struct
{
  OpKind    kind;
  JsonNode *node;
  int       index; /* in "operations", for error paths; -1 for a signature */
} PlanOp;

static void
plan_op_free (PlanOp *op)
{
  json_node_unref (op->node);
  g_free (op);
}

static void
add_plan_op (GPtrArray *ops,
             OpKind     kind,
             JsonNode  *node,
             int        index)
{
  PlanOp *op = g_new0 (PlanOp, 1);

  op->kind = kind;
  op->node = json_node_ref (node);
  op->index = index;
  g_ptr_array_add (ops, op);
}

static GPtrArray *
read_plan_ops (JsonObject  *body,
               GError     **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_op_free);
  JsonArray *array = sp_json_get_array (body, "operations", TRUE, error);

  if (array == NULL)
    return NULL;

  if (json_array_get_length (array) == 0)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                           "operations: at least one");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *name = NULL;
      g_autofree char *field = g_strdup_printf ("operations[%u]", i);
      JsonObject *object = sp_json_node_get_object (node, field, error);
      guint kind = 0;

      if (object == NULL)
        return NULL;

      if (!sp_json_get_string (object, "op", TRUE, MAX_OP_NAME, &name, error))
        {
          g_prefix_error (error, "%s.", field);
          return NULL;
        }

      while (kind < OP_SIGN && g_strcmp0 (name, op_names[kind]) != 0)
        kind++;
      if (kind == OP_SIGN)
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s.op: unknown operation",
                       field);
          return NULL;
        }

      add_plan_op (ops, kind, node, i);
    }

  return g_steal_pointer (&ops);
}

static void
add_key (GPtrArray  *keys,
         const char *prefix,
         const char *id)
{
  g_ptr_array_add (keys, g_strconcat (prefix, id, NULL));
}

/* What @op touches, as keys: "main_goal", "chair", "lead", "follow_up", "sub_goal_order",
 * "node:ID", "participant:ID"; and "removed:ID" for the sub-goal it refers to. */
static gboolean
list_op_keys (PlanOp     *op,
              SpSipPlan  *current,
              GPtrArray  *keys,
              GError    **error)
{
  static const char * const field_keys[] = {
    [OP_SET_MAIN_GOAL] = "main_goal",
    [OP_REORDER_SUB_GOALS] = "sub_goal_order",
    [OP_SET_CHAIR] = "chair",
    [OP_SET_LEAD] = "lead",
    [OP_SET_FOLLOW_UP] = "follow_up",
  };
  JsonObject *object = json_node_get_object (op->node);
  g_autofree char *id = NULL;
  g_autofree char *sub_goal = NULL;
  gboolean cascade = FALSE;

  if (op->kind < G_N_ELEMENTS (field_keys) && field_keys[op->kind] != NULL)
    {
      g_ptr_array_add (keys, g_strdup (field_keys[op->kind]));
      return TRUE;
    }

  if (!sp_json_get_string (object, "id", TRUE, SP_STORE_MAX_NAME_LENGTH, &id, error) ||
      !sp_json_get_string (object, "sub_goal", FALSE, SP_STORE_MAX_NAME_LENGTH, &sub_goal,
                           error) ||
      !sp_json_get_bool (object, "cascade", FALSE, &cascade, error))
    return FALSE;

  switch (op->kind)
    {
    case OP_ADD_PARTICIPANT:
    case OP_REMOVE_PARTICIPANT:
    case OP_SIGN:
      add_key (keys, "participant:", id);
      return TRUE;

    case OP_REMOVE_SUB_GOAL:
      /* Removing with its interventions also removes any added meanwhile: a conflict. */
      if (cascade)
        {
          g_autoptr(GPtrArray) children = sp_sip_plan_list_interventions_for (current, id);

          for (guint i = 0; i < children->len; i++)
            add_key (keys, "node:", ((SpSipIntervention *) g_ptr_array_index (children, i))->id);
        }
      break;

    default:
      break;
    }

  add_key (keys, "node:", id);
  if (sub_goal != NULL)
    add_key (keys, "removed:", sub_goal);
  return TRUE;
}

static void
add_change (GHashTable *changed,
            const char *prefix,
            const char *id)
{
  g_hash_table_add (changed, g_strconcat (prefix, id, NULL));
}

static gboolean
members_equal (JsonObject         *a,
               JsonObject         *b,
               const char * const *members)
{
  for (guint i = 0; members[i] != NULL; i++)
    if (!json_node_equal (json_object_get_member (a, members[i]),
                          json_object_get_member (b, members[i])))
      return FALSE;

  return TRUE;
}

static gboolean
same_sub_goal_order (SpSipPlan *a,
                     SpSipPlan *b)
{
  GPtrArray *goals_a = sp_sip_plan_get_sub_goals (a);
  GPtrArray *goals_b = sp_sip_plan_get_sub_goals (b);

  if (goals_a->len != goals_b->len)
    return FALSE;

  for (guint i = 0; i < goals_a->len; i++)
    if (g_strcmp0 (((SpSipSubGoal *) g_ptr_array_index (goals_a, i))->id,
                   ((SpSipSubGoal *) g_ptr_array_index (goals_b, i))->id) != 0)
      return FALSE;

  return TRUE;
}

static void
collect_participant_changes (SpSipPlan  *a,
                             SpSipPlan  *b,
                             GHashTable *changed)
{
  SpSipPlan *plans[2] = { a, b };

  for (guint p = 0; p < 2; p++)
    {
      GPtrArray *participants = sp_sip_plan_get_participants (plans[p]);

      for (guint i = 0; i < participants->len; i++)
        {
          SpSipParticipant *participant = g_ptr_array_index (participants, i);
          const SpSipParticipant *other = sp_sip_plan_get_participant (plans[1 - p],
                                                                       participant->id);

          if (other == NULL || !sp_sip_participant_equal (participant, other))
            add_change (changed, "participant:", participant->id);
        }
    }
}

/* The keys of everything that changed from @base to @current (see list_op_keys()). */
static GHashTable *
collect_changes (SpSip *base,
                 SpSip *current)
{
  static const char * const chair[] = { "chair", "documenter", NULL };
  static const char * const lead[] = { "lead", NULL };
  static const char * const follow_up[] = { "follow_up_at", "follow_up_place",
                                            "evaluation_date", NULL };
  GHashTable *changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SpSipPlan *a = sp_sip_get_plan (base);
  SpSipPlan *b = sp_sip_get_plan (current);
  g_autoptr(GPtrArray) entries = sp_sip_diff_plans (a, b);
  g_autoptr(JsonNode) json_a = sp_sip_plan_to_json (a);
  g_autoptr(JsonNode) json_b = sp_sip_plan_to_json (b);
  JsonObject *object_a = json_node_get_object (json_a);
  JsonObject *object_b = json_node_get_object (json_b);

  /* Established (or a revision started) in between: the edit was meant for another plan. */
  if (sp_sip_get_versions (base)->len != sp_sip_get_versions (current)->len)
    g_hash_table_add (changed, g_strdup ("plan"));

  for (guint i = 0; i < entries->len; i++)
    {
      SpSipDiffEntry *entry = g_ptr_array_index (entries, i);

      if (entry->kind == SP_SIP_DIFF_MAIN_GOAL_CHANGED)
        {
          g_hash_table_add (changed, g_strdup ("main_goal"));
          continue;
        }

      add_change (changed, "node:", entry->node_id);
      if (entry->kind == SP_SIP_DIFF_SUB_GOAL_REMOVED)
        add_change (changed, "removed:", entry->node_id);
    }

  if (!members_equal (object_a, object_b, chair))
    g_hash_table_add (changed, g_strdup ("chair"));
  if (!members_equal (object_a, object_b, lead))
    g_hash_table_add (changed, g_strdup ("lead"));
  if (!members_equal (object_a, object_b, follow_up))
    g_hash_table_add (changed, g_strdup ("follow_up"));
  if (!same_sub_goal_order (a, b))
    g_hash_table_add (changed, g_strdup ("sub_goal_order"));
  collect_participant_changes (a, b, changed);

  return changed;
}

static SpSip *
read_revision (SpStore     *store,
               const char  *id,
               gint64       revision,
               GError     **error)
{
  g_autoptr(GPtrArray) history = sp_store_get_history (store, "sip", id, error);

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      SpRecord *record = g_ptr_array_index (history, i);
      g_autoptr(JsonNode) node = NULL;

      if (sp_record_get_revision (record) != revision)
        continue;

      node = sp_api_record_to_json (record, error);
      return node != NULL ? sp_sip_new_from_json (node, error) : NULL;
    }

  return NULL;
}

/* Sets @out_conflict if @ops touch anything changed since @base_revision (or if that
 * revision is unknown). */
static gboolean
find_conflict (SpStore     *store,
               SipState    *state,
               GPtrArray   *ops,
               gint64       base_revision,
               gboolean    *out_conflict,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpSip) base = NULL;
  g_autoptr(GHashTable) changed = NULL;

  *out_conflict = TRUE;
  base = read_revision (store, sp_sip_get_id (state->sip), base_revision, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (base == NULL)
    return TRUE;

  changed = collect_changes (base, state->sip);
  if (g_hash_table_contains (changed, "plan"))
    return TRUE;

  for (guint i = 0; i < ops->len; i++)
    {
      PlanOp *op = g_ptr_array_index (ops, i);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      if (!list_op_keys (op, sp_sip_get_plan (state->sip), keys, error))
        {
          if (op->index >= 0)
            g_prefix_error (error, "operations[%d].", op->index);
          return FALSE;
        }

      for (guint k = 0; k < keys->len; k++)
        if (g_hash_table_contains (changed, g_ptr_array_index (keys, k)))
          return TRUE;
    }

  *out_conflict = FALSE;
  return TRUE;
}

static gboolean
apply_sub_goal (SpSipPlan  *plan,
                PlanOp     *op,
                GError    **error)
{
  g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new_from_json (op->node, error);

  if (goal == NULL)
    return FALSE;

  return op->kind == OP_ADD_SUB_GOAL ? sp_sip_plan_add_sub_goal (plan, goal, error) != NULL
                                     : sp_sip_plan_update_sub_goal (plan, goal, error);
}

static gboolean
apply_intervention (SpSipPlan  *plan,
                    PlanOp     *op,
                    GError    **error)
{
  g_autoptr(SpSipIntervention) intervention = sp_sip_intervention_new_from_json (op->node,
                                                                               error);

  if (intervention == NULL)
    return FALSE;

  return op->kind == OP_ADD_INTERVENTION
         ? sp_sip_plan_add_intervention (plan, intervention, error) != NULL
         : sp_sip_plan_update_intervention (plan, intervention, error);
}

static gboolean
apply_participant (SpSipPlan   *plan,
                   JsonObject  *object,
                   const char  *id,
                   GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *unit_id = NULL;
  g_autofree char *profession = NULL;
  g_autoptr(SpSipParticipant) participant = NULL;
  int presence = 0;

  /* Signatures are not set here: each participant signs through its own endpoint. */
  if (!sp_json_get_string (object, "name", TRUE, SP_STORE_MAX_TERM_LENGTH, &name, error) ||
      !sp_json_get_string (object, "unit_id", FALSE, SP_STORE_MAX_NAME_LENGTH, &unit_id,
                           error) ||
      !sp_json_get_string (object, "profession", FALSE, SP_STORE_MAX_TERM_LENGTH, &profession,
                           error) ||
      !sp_json_get_enum (object, "presence", TRUE, SP_TYPE_SIP_PRESENCE, &presence, error))
    return FALSE;

  participant = sp_sip_participant_new (name, unit_id, profession, presence);
  participant->id = g_strdup (id);
  return sp_sip_plan_add_participant (plan, participant, error) != NULL;
}

static gboolean
apply_follow_up (SpSipPlan   *plan,
                 JsonObject  *object,
                 GError     **error)
{
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *place = NULL;
  GDate evaluation;

  g_date_clear (&evaluation, 1);
  return sp_json_get_datetime (object, "follow_up_at", FALSE, &at, error) &&
         sp_json_get_string (object, "follow_up_place", FALSE, SP_STORE_MAX_TERM_LENGTH, &place,
                             error) &&
         sp_json_get_date (object, "evaluation_date", FALSE, &evaluation, error) &&
         sp_sip_plan_set_follow_up (plan, at, place, &evaluation, error);
}

/* Reads the op's arguments with the core readers and applies it with the core's rules. */
static gboolean
apply_op (SpSipPlan  *plan,
          PlanOp     *op,
          GDateTime  *now,
          GError    **error)
{
  JsonObject *object = json_node_get_object (op->node);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *other = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean cascade = FALSE;

  switch (op->kind)
    {
    case OP_SET_MAIN_GOAL:
      return sp_json_get_string (object, "main_goal", FALSE, SP_JSON_MAX_TEXT, &text, error) &&
             sp_sip_plan_set_main_goal (plan, text, error);
    case OP_ADD_SUB_GOAL:
    case OP_UPDATE_SUB_GOAL:
      return apply_sub_goal (plan, op, error);
    case OP_ADD_INTERVENTION:
    case OP_UPDATE_INTERVENTION:
      return apply_intervention (plan, op, error);
    case OP_REORDER_SUB_GOALS:
      return sp_json_get_strv (object, "ids", TRUE, SP_STORE_MAX_NAME_LENGTH, &ids, error) &&
             sp_sip_plan_reorder_sub_goals (plan, (const char * const *) ids, error);
    case OP_SET_CHAIR:
      return sp_json_get_string (object, "chair", FALSE, SP_STORE_MAX_TERM_LENGTH, &text,
                                 error) &&
             sp_json_get_string (object, "documenter", FALSE, SP_STORE_MAX_TERM_LENGTH, &other,
                                 error) &&
             sp_sip_plan_set_chair (plan, text, other, error);
    case OP_SET_LEAD:
      return sp_json_get_string (object, "name", FALSE, SP_STORE_MAX_TERM_LENGTH, &text,
                                 error) &&
             sp_json_get_string (object, "unit_id", FALSE, SP_STORE_MAX_NAME_LENGTH, &other,
                                 error) &&
             sp_sip_plan_set_lead (plan, text, other, error);
    case OP_SET_FOLLOW_UP:
      return apply_follow_up (plan, object, error);
    default:
      break;
    }

  /* The rest target a node by "id". */
  if (!sp_json_get_string (object, "id", TRUE, SP_STORE_MAX_NAME_LENGTH, &id, error))
    return FALSE;

  switch (op->kind)
    {
    case OP_REMOVE_SUB_GOAL:
      return sp_json_get_bool (object, "cascade", FALSE, &cascade, error) &&
             sp_sip_plan_remove_sub_goal (plan, id, cascade, error);
    case OP_REMOVE_INTERVENTION:
      return sp_sip_plan_remove_intervention (plan, id, error);
    case OP_MOVE_INTERVENTION:
      return sp_json_get_string (object, "sub_goal", TRUE, SP_STORE_MAX_NAME_LENGTH, &other,
                                 error) &&
             sp_sip_plan_move_intervention (plan, id, other, error);
    case OP_ADD_PARTICIPANT:
      return apply_participant (plan, object, id, error);
    case OP_REMOVE_PARTICIPANT:
      return sp_sip_plan_remove_participant (plan, id, error);
    case OP_SIGN:
      return sp_sip_plan_sign (plan, id, now, error);
    default:
      g_assert_not_reached ();
    }
}

/* Checks the base revision (merging when stale), applies @ops, saves, audits, answers. */
static void
run_plan_ops (SpServer   *server,
              SpRequest  *request,
              SipState   *state,
              GPtrArray  *ops,
              gint64      base_revision,
              const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  gint64 current_revision = sp_record_get_revision (state->record);
  gboolean conflict = FALSE;

  if (base_revision != current_revision &&
      !find_conflict (sp_server_get_store (server), state, ops, base_revision, &conflict,
                      &error))
    goto out;

  if (conflict)
    {
      fail_stale (server, request, state);
      return;
    }

  for (guint i = 0; i < ops->len; i++)
    {
      PlanOp *op = g_ptr_array_index (ops, i);

      if (!apply_op (sp_sip_get_plan (state->sip), op, now, &error))
        {
          if (op->index >= 0)
            g_prefix_error (&error, "operations[%d].", op->index);
          goto out;
        }
    }

  if (!save_state (server, state, current_revision, &error) ||
      !audit (server, request, action, state->sip, &error))
    goto out;

  respond_state (server, request, state, 200);
  return;

out:
  sp_request_fail (request, g_steal_pointer (&error));
}

static void
patch_plan (gpointer   server,
            SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_auto(SipState) state = { 0 };
  JsonObject *body;
  gint64 base_revision = 0;

  if (!load_state (server, request, TRUE, &state, &error) ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !sp_api_get_base_revision (body, &base_revision, &error) ||
      (ops = read_plan_ops (body, &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  run_plan_ops (server, request, &state, ops, base_revision, "update");
}

/* POST /sips/:id/participants/:pid/signature {"base_revision"}: a signature is a plan
 * operation on that participant, so signatures given at the same time all count. */
static void
sign_plan (gpointer   server,
           SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_op_free);
  g_autoptr(JsonObject) target = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_auto(SipState) state = { 0 };
  JsonObject *body;
  gint64 base_revision = 0;

  if (!load_state (server, request, TRUE, &state, &error) ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !sp_api_get_base_revision (body, &base_revision, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  json_object_set_string_member (target, "id", sp_request_get_param (request, "pid"));
  node = json_node_init_object (json_node_alloc (), target);
  add_plan_op (ops, OP_SIGN, node, -1);
  run_plan_ops (server, request, &state, ops, base_revision, "sign");
}
