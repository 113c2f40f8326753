/* sp-api-patients.c — the patient registry: look up by identity number, register, read
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry stands in for the population register (DOMAIN §3): inpatient units register
 * and look up the people they admit. Every other unit reaches a patient only through an
 * episode it takes part in, and then sees the patient exactly as that episode's patient card
 * shows it (sp_api_render_episode() filters it per sp-access).
 */

#define G_LOG_DOMAIN "sp-api-patients"

#include "config.h"

#include <string.h>

#include "sp-access.h"
#include "sp-api.h"
#include "sp-api-common.h"
#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-patient.h"
#include "sp-server-error.h"
#include "sp-server-private.h"

/* A person has a handful of episodes; this bounds a pathological registry entry. */
#define MAX_EPISODES_PER_PATIENT 1000

static void lookup_patient (gpointer server, SpRequest *request);
static void create_patient (gpointer server, SpRequest *request);
static void get_patient (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "GET",  "/api/v1/patients",     lookup_patient, 0 },
  { "POST", "/api/v1/patients",     create_patient, SP_ROUTE_WRITE },
  { "GET",  "/api/v1/patients/:id", get_patient,    0 },
};

const SpRoute *
sp_api_patient_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* "identity:<12 digits>", or "identity:<region>:<number>" for a reservnummer. */
static char *
identity_term (SpIdentity *identity)
{
  if (sp_identity_get_kind (identity) == SP_IDENTITY_KIND_RESERVNUMMER)
    return g_strconcat ("identity:", sp_identity_get_region (identity), ":",
                        sp_identity_get_normalised (identity), NULL);

  return g_strconcat ("identity:", sp_identity_get_normalised (identity), NULL);
}

/* A typed number, or "<region>:<number>" for a reservnummer. Errors name the field
 * "identity" and keep the identity module's code. */
static SpIdentity *
parse_identity_text (const char  *text,
                     GDateTime   *now,
                     GError     **error)
{
  const char *colon = strchr (text, ':');
  SpIdentity *identity;
  GDate today;

  if (colon != NULL)
    {
      g_autofree char *region = g_strndup (text, colon - text);

      identity = sp_identity_new_reserve (region, colon + 1, error);
    }
  else
    {
      sp_calendar_get_local_date (now, &today);
      identity = sp_identity_parse (text, &today, error);
    }

  if (identity == NULL)
    g_prefix_error (error, "identity: ");

  return identity;
}

/* The body's "identity": a typed number, or {"kind":"reservnummer","region","value"}. */
static SpIdentity *
read_identity (JsonObject  *body,
               GDateTime   *now,
               GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *region = NULL;
  g_autofree char *value = NULL;
  JsonObject *object;
  SpIdentity *identity;
  int kind = 0;

  if (!json_object_has_member (body, "identity") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "identity")))
    {
      if (!sp_json_get_string (body, "identity", TRUE, 64, &text, error))
        return NULL;
      return parse_identity_text (text, now, error);
    }

  object = json_object_get_object_member (body, "identity");
  if (!sp_json_get_enum (object, "kind", TRUE, SP_TYPE_IDENTITY_KIND, &kind, error) ||
      !sp_json_get_string (object, "region", TRUE, 64, &region, error) ||
      !sp_json_get_string (object, "value", TRUE, 64, &value, error))
    {
      g_prefix_error (error, "identity.");
      return NULL;
    }

  if (kind != SP_IDENTITY_KIND_RESERVNUMMER)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "identity.kind: only a reservnummer is given as an object");
      return NULL;
    }

  identity = sp_identity_new_reserve (region, value, error);
  if (identity == NULL)
    g_prefix_error (error, "identity: ");

  return identity;
}

/* Protected identity and asylum seekers are refused before anything else is read: the
 * answer must be "coordinate by phone", whatever else the form holds (DOMAIN §3). */
static gboolean
check_flags_registrable (JsonObject  *body,
                         GError     **error)
{
  g_autoptr(SpPatient) probe = sp_patient_new ("probe");
  gboolean protected_identity = FALSE;
  gboolean asylum_seeker = FALSE;

  if (!sp_json_get_bool (body, "protected_identity", FALSE, &protected_identity, error) ||
      !sp_json_get_bool (body, "asylum_seeker", FALSE, &asylum_seeker, error))
    return FALSE;

  sp_patient_set_protected_identity (probe, protected_identity);
  sp_patient_set_asylum_seeker (probe, asylum_seeker);
  if (!protected_identity && !asylum_seeker)
    return TRUE;

  return sp_patient_check_registrable (probe, error);
}

static void
copy_member_cb (JsonObject  *object,
                const char  *name,
                JsonNode    *value,
                gpointer     user_data)
{
  json_object_set_member (user_data, name, json_node_copy (value));
}

static void
set_default_boolean (JsonObject *object,
                     const char *member)
{
  if (!json_object_has_member (object, member))
    json_object_set_boolean_member (object, member, FALSE);
}

/* The body is the patient's JSON without "id"; flags, housing and närstående may be left
 * out. The strict patient reader then checks every member and names the bad one. */
static SpPatient *
read_patient (JsonObject  *body,
              const char  *id,
              SpIdentity  *identity,
              GError     **error)
{
  g_autoptr(JsonObject) object = sp_json_object_new_versioned ();
  g_autoptr(JsonNode) node = NULL;
  const char *flags[] = { "outpatient_psychiatry", "home_care", "interpreter_needed",
                          "protected_identity", "asylum_seeker" };

  json_object_foreach_member (body, copy_member_cb, object);
  json_object_set_int_member (object, "format", SP_JSON_FORMAT_VERSION);
  json_object_set_string_member (object, "id", id);
  json_object_set_member (object, "identity", sp_identity_to_json (identity));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    set_default_boolean (object, flags[i]);
  if (!json_object_has_member (object, "housing"))
    json_object_set_string_member (object, "housing", "ordinary");
  if (!json_object_has_member (object, "next_of_kin"))
    json_object_set_array_member (object, "next_of_kin", json_array_new ());

  node = json_node_init_object (json_node_alloc (), object);
  return sp_patient_new_from_json (node, error);
}

/* The registry's record of @identity, if there is one. */
static SpRecord *
find_by_identity (SpStore     *store,
                  SpIdentity  *identity,
                  GError     **error)
{
  g_autofree char *term = identity_term (identity);
  g_autoptr(GPtrArray) records = sp_store_list (store, "patient", term, 0, 1, error);

  if (records == NULL || records->len == 0)
    return NULL;

  return sp_record_ref (g_ptr_array_index (records, 0));
}

static gboolean
may_register (SpRequest  *request,
              GError    **error)
{
  /* Inpatient units admit, so they register and look up (DOMAIN §3). */
  if (sp_api_unit_kind (request) == SP_UNIT_KIND_INPATIENT)
    return TRUE;

  g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_FORBIDDEN,
                       "only inpatient units register patients");
  return FALSE;
}

static void
respond_patient (SpServer   *server,
                 SpRequest  *request,
                 SpRecord   *record,
                 guint       status,
                 const char *action)
{
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(JsonNode) node = sp_api_render_patient (server, request, record);
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    {
      sp_request_fail (request, g_error_new_literal (SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND,
                                                     "no such patient"));
      return;
    }

  if (!sp_audit_log (sp_server_get_store (server), request, now, action,
                     sp_record_get_id (record), "patient", sp_record_get_id (record), &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  sp_request_respond (request, status, node);
}

static void
lookup_patient (gpointer   server,
                SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpIdentity) identity = NULL;
  g_autoptr(SpRecord) record = NULL;
  const char *text = sp_request_get_query (request, "identity");

  if (text == NULL)
    {
      sp_request_fail (request, g_error_new_literal (SP_JSON_ERROR, SP_JSON_ERROR_MISSING,
                                                     "identity: required"));
      return;
    }

  identity = parse_identity_text (text, now, &error);
  if (identity == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  record = find_by_identity (sp_server_get_store (server), identity, &error);
  if (error != NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  /* Not registered, and registered but out of the caller's reach, answer alike. */
  if (record == NULL)
    {
      sp_request_fail (request, g_error_new_literal (SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND,
                                                     "no such patient"));
      return;
    }

  respond_patient (server, request, record, 200, "read");
}

static void
create_patient (gpointer   server,
                SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpIdentity) identity = NULL;
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(SpRecord) existing = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = sp_api_new_id ("p");
  g_autofree char *term = NULL;
  const char *terms[2] = { NULL, NULL };
  JsonObject *body;

  if (!may_register (request, &error) ||
      (body = sp_request_get_object (request, &error)) == NULL ||
      !check_flags_registrable (body, &error) ||
      (identity = read_identity (body, now, &error)) == NULL ||
      (patient = read_patient (body, id, identity, &error)) == NULL ||
      !sp_patient_check_registrable (patient, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  existing = find_by_identity (store, identity, &error);
  if (error != NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }
  if (existing != NULL)
    {
      /* The caller may look the person up anyway: answer with the registered record. */
      sp_api_fail_conflict (request,
                            g_error_new_literal (SP_STORE_ERROR, SP_STORE_ERROR_EXISTS,
                                                 "identity: already registered"),
                            sp_api_render_patient (server, request, existing));
      return;
    }

  terms[0] = term = identity_term (identity);
  node = sp_patient_to_json (patient);
  record = sp_api_put_json (store, "patient", id, NULL, node, 0, terms, &error);
  if (record == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  respond_patient (server, request, record, 201, "create");
}

static void
get_patient (gpointer   server,
             SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecord) record = NULL;

  record = sp_store_get (sp_server_get_store (server), "patient",
                         sp_request_get_param (request, "id"), &error);
  if (record == NULL || sp_record_is_deleted (record))
    {
      sp_request_fail (request, g_error_new_literal (SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND,
                                                     "no such patient"));
      return;
    }

  respond_patient (server, request, record, 200, "read");
}

/* Adds to @into every member of @card that it does not have yet. */
static void
merge_card (JsonObject *into,
            JsonObject *card)
{
  g_autoptr(GList) members = json_object_get_members (card);

  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (into, l->data))
      json_object_set_member (into, l->data,
                              json_node_copy (json_object_get_member (card, l->data)));
}

/* What a unit outside the registry sees: the union of the patient cards of the episodes it
 * takes part in; NULL if none. Each card is filtered by that episode's consents. */
static JsonNode *
render_through_episodes (SpServer   *server,
                         SpRequest  *request,
                         const char *patient_id)
{
  g_autofree char *term = g_strconcat ("patient:", patient_id, NULL);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *reason = NULL;
  gboolean restricted = TRUE;

  episodes = sp_store_list (sp_server_get_store (server), "episode", term, 0,
                            MAX_EPISODES_PER_PATIENT, NULL);
  if (episodes == NULL)
    return NULL;

  for (guint i = 0; i < episodes->len; i++)
    {
      g_autoptr(JsonNode) rendered = sp_api_render_episode (server, request,
                                                            g_ptr_array_index (episodes, i));
      JsonObject *episode;

      if (rendered == NULL)
        continue;

      episode = json_node_get_object (rendered);
      if (result == NULL)
        result = json_object_new ();
      merge_card (result, json_object_get_object_member (episode, "patient"));
      if (!json_object_get_boolean_member (episode, "restricted"))
        restricted = FALSE;
      else if (reason == NULL)
        reason = g_strdup (json_object_get_string_member (episode, "restricted_reason"));
    }

  if (result == NULL)
    return NULL;

  /* Restricted only if every episode withholds something; then say why, as they do. */
  json_object_set_boolean_member (result, "restricted", restricted);
  if (restricted)
    json_object_set_string_member (result, "restricted_reason", reason);

  return sp_json_node_new_object (g_steal_pointer (&result));
}

/**
 * sp_api_render_patient:
 *
 * The registry record as the caller may see it: whole for an inpatient unit (it admits);
 * for any other unit, the union of its episodes' patient cards (see
 * sp_api_render_episode()), or %NULL when it takes part in no episode of the patient.
 *
 * Returns: (transfer full) (nullable): the rendered patient.
 */
JsonNode *
sp_api_render_patient (SpServer  *server,
                       SpRequest *request,
                       SpRecord  *record)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  if (sp_record_is_deleted (record))
    return NULL;

  if (sp_api_unit_kind (request) != SP_UNIT_KIND_INPATIENT)
    return render_through_episodes (server, request, sp_record_get_id (record));

  /* Only read: it may be shared (sp_api_load_patient_shared()). */
  patient = sp_server_lookup_parsed (server, record);
  if (patient == NULL)
    {
      if ((node = sp_api_record_to_json (record, &error)) == NULL ||
          (patient = sp_patient_new_from_json (node, &error)) == NULL)
        {
          g_warning ("Unreadable patient record %s: %s", sp_record_get_id (record),
                     error->message);
          return NULL;
        }
      sp_server_remember_parsed (server, record, patient);
      json_node_unref (g_steal_pointer (&node));
    }

  node = sp_patient_to_json (patient);
  object = json_node_get_object (node);
  /* Registered people never have these set: they are refused at the door. */
  json_object_remove_member (object, "format");
  json_object_remove_member (object, "protected_identity");
  json_object_remove_member (object, "asylum_seeker");
  json_object_set_int_member (object, "revision", sp_record_get_revision (record));
  json_object_set_boolean_member (object, "restricted", FALSE);

  return g_steal_pointer (&node);
}

/* Whether the caller's unit takes part in one of the patient's episodes. */
static gboolean
takes_part (SpServer   *server,
            SpRequest  *request,
            const char *patient_id)
{
  g_autofree char *term = g_strconcat ("patient:", patient_id, NULL);
  g_autoptr(GPtrArray) episodes = NULL;

  episodes = sp_store_list (sp_server_get_store (server), "episode", term, 0,
                            MAX_EPISODES_PER_PATIENT, NULL);
  for (guint i = 0; episodes != NULL && i < episodes->len; i++)
    {
      SpRecord *record = g_ptr_array_index (episodes, i);
      g_autoptr(SpEpisode) episode = NULL;

      if (!sp_api_record_names_unit (record, sp_api_unit_id (request)))
        continue;
      episode = sp_api_load_episode_shared (server, request, sp_record_get_id (record), NULL);
      if (episode != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * sp_api_render_patient_in_feed:
 *
 * The patient as the changes feed sends it, for the caller's own copy: as
 * sp_api_render_patient(), but only to a unit taking part in one of the patient's episodes.
 * An inpatient unit may look anyone up in the registry to admit them (GET /patients); the
 * copies on its computers hold its own patients, not the region's registry.
 *
 * Returns: (transfer full) (nullable): the rendered patient.
 */
JsonNode *
sp_api_render_patient_in_feed (SpServer  *server,
                               SpRequest *request,
                               SpRecord  *record)
{
  if (sp_record_is_deleted (record))
    return NULL;

  if (sp_api_unit_kind (request) == SP_UNIT_KIND_INPATIENT &&
      !takes_part (server, request, sp_record_get_id (record)))
    return NULL;

  return sp_api_render_patient (server, request, record);
}
