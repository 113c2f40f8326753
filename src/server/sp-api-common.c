/* sp-api-common.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-api"

#include "config.h"

#include <string.h>

#include "sp-access.h"
#include "sp-api-common.h"
#include "sp-server-private.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-server-error.h"

/**
 * sp_api_new_id:
 *
 * Returns: (transfer full): a new record id, "PREFIX-" and a random UUID. Ids are random so
 *   that clients can create records offline without colliding.
 */
char *
sp_api_new_id (const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat (prefix, "-", uuid, NULL);
}

/**
 * sp_api_record_to_json:
 *
 * Returns: (transfer full): the record's body, parsed.
 */
JsonNode *
sp_api_record_to_json (SpRecord  *record,
                       GError   **error)
{
  gsize length = 0;
  const char *text = g_bytes_get_data (sp_record_get_body (record), &length);

  return sp_json_parse (text, length, error);
}

SpRecord *
sp_api_put_json (SpStore            *store,
                 const char         *kind,
                 const char         *id,
                 const char         *parent_id,
                 JsonNode           *node,
                 gint64              base_revision,
                 const char * const *terms,
                 GError            **error)
{
  char *text = sp_json_to_string (node, FALSE);
  g_autoptr(GBytes) body = g_bytes_new_take (text, strlen (text));

  return sp_store_put (store, kind, id, parent_id, body, base_revision, terms, error);
}

/**
 * sp_api_get_id:
 *
 * Reads a required record id: 1 to %SP_STORE_MAX_NAME_LENGTH characters of the id alphabet
 * ([A-Za-z0-9._-], starting with a letter or digit), the same rule the router applies to
 * ids in paths. An empty id must never reach the core, whose constructors assert on it.
 */
gboolean
sp_api_get_id (JsonObject  *body,
               const char  *member,
               char       **out_id,
               GError     **error)
{
  g_autofree char *id = NULL;

  if (!sp_json_get_string (body, member, TRUE, SP_STORE_MAX_NAME_LENGTH, &id, error))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && (p == id || strchr ("-_.", *p) == NULL))
      {
        g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: not an id", member);
        return FALSE;
      }

  if (id[0] == '\0')
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "%s: required", member);
      return FALSE;
    }

  g_free (*out_id);
  *out_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * sp_api_get_base_revision:
 *
 * Every write to an existing record states the revision it was based on, so a stale edit is
 * answered 409 instead of silently overwriting someone else's.
 */
gboolean
sp_api_get_base_revision (JsonObject  *body,
                          gint64      *out_revision,
                          GError     **error)
{
  return sp_json_get_int (body, "base_revision", TRUE, 1, G_MAXINT64, out_revision, error);
}

static gboolean
parse_query_uint (SpRequest   *request,
                  const char  *name,
                  guint64      max,
                  guint       *out,
                  GError     **error)
{
  const char *text = sp_request_get_query (request, name);
  guint64 value;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                   "%s: a whole number from 0 to %" G_GUINT64_FORMAT, name, max);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
sp_api_get_paging (SpRequest  *request,
                   guint      *out_offset,
                   guint      *out_limit,
                   GError    **error)
{
  *out_offset = 0;
  *out_limit = 100;

  return parse_query_uint (request, "offset", G_MAXINT, out_offset, error) &&
         parse_query_uint (request, "limit", SP_API_MAX_PAGE, out_limit, error);
}

/**
 * sp_api_fail_conflict:
 * @error: (transfer full): the conflict
 * @current: (transfer full) (nullable): the record as it is now, rendered for the caller
 *
 * A stale write is answered 409 with the current record, so the client can merge or show
 * both versions instead of overwriting.
 */
void
sp_api_fail_conflict (SpRequest *request,
                      GError    *error,
                      JsonNode  *current)
{
  g_clear_pointer (&request->current, json_node_unref);
  request->current = current;
  sp_request_fail (request, error);
}

const char *
sp_api_unit_id (SpRequest *request)
{
  return sp_unit_get_id (sp_session_get_unit (request->session));
}

SpUnitKind
sp_api_unit_kind (SpRequest *request)
{
  return sp_unit_get_kind (sp_session_get_unit (request->session));
}

const char *
sp_api_user_name (SpRequest *request)
{
  return sp_user_get_name (sp_session_get_user (request->session));
}

/**
 * sp_api_load_patient:
 * @out_revision: (out) (optional): the record's revision
 *
 * Returns: (transfer full): the registry's patient record. No access check: callers decide.
 */
SpPatient *
sp_api_load_patient (SpStore     *store,
                     const char  *patient_id,
                     gint64      *out_revision,
                     GError     **error)
{
  g_autoptr(SpRecord) record = sp_store_get (store, "patient", patient_id, error);
  g_autoptr(JsonNode) node = NULL;

  if (record == NULL || (node = sp_api_record_to_json (record, error)) == NULL)
    return NULL;

  if (out_revision != NULL)
    *out_revision = sp_record_get_revision (record);

  return sp_patient_new_from_json (node, error);
}

/**
 * sp_api_load_patient_shared:
 * @out_revision: (out) (optional): the record's revision
 *
 * Like sp_api_load_patient(), for callers that only read the patient (renderers): the object
 * may be shared with other requests (sp_server_lookup_parsed()), so it must not be changed.
 *
 * Returns: (transfer full): the registry's patient record. No access check: callers decide.
 */
SpPatient *
sp_api_load_patient_shared (SpServer    *server,
                            const char  *patient_id,
                            gint64      *out_revision,
                            GError     **error)
{
  g_autoptr(SpRecord) record = sp_store_get (sp_server_get_store (server), "patient",
                                             patient_id, error);
  g_autoptr(JsonNode) node = NULL;
  SpPatient *patient;

  if (record == NULL)
    return NULL;
  if (out_revision != NULL)
    *out_revision = sp_record_get_revision (record);

  patient = sp_server_lookup_parsed (server, record);
  if (patient != NULL)
    return patient;

  if ((node = sp_api_record_to_json (record, error)) == NULL ||
      (patient = sp_patient_new_from_json (node, error)) == NULL)
    return NULL;

  sp_server_remember_parsed (server, record, patient);
  return patient;
}

/**
 * sp_api_record_names_unit:
 *
 * Whether an episode's body names @unit_id at all. A unit sees an episode only as its ward or
 * an addressee (sp_access_may_see_episode()), both written into the body as the unit's id in
 * quotes; most of a region's episodes are other units', and this spares parsing them.
 *
 * Returns: %FALSE if the unit cannot see the episode; %TRUE only says "parse and ask"
 */
gboolean
sp_api_record_names_unit (SpRecord   *record,
                          const char *unit_id)
{
  g_autofree char *quoted = g_strconcat ("\"", unit_id, "\"", NULL);
  gsize size = 0;
  const char *data = g_bytes_get_data (sp_record_get_body (record), &size);

  return data != NULL && memmem (data, size, quoted, strlen (quoted)) != NULL;
}

static SpEpisode *
load_episode (SpServer    *server,
              SpRequest   *request,
              const char  *episode_id,
              gboolean     shared,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpEpisode) episode = NULL;

  record = sp_store_get (sp_server_get_store (server), "episode", episode_id, &local_error);
  if (record == NULL || sp_record_is_deleted (record))
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND, "no such episode");
      return NULL;
    }

  if (shared)
    episode = sp_server_lookup_parsed (server, record);
  if (episode == NULL)
    {
      if ((node = sp_api_record_to_json (record, error)) == NULL ||
          (episode = sp_episode_new_from_json (node, error)) == NULL)
        return NULL;
      sp_episode_set_revision (episode, sp_record_get_revision (record));
      if (shared)
        sp_server_remember_parsed (server, record, episode);
    }

  if (!sp_access_may_see_episode (episode, sp_api_unit_id (request)))
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND, "no such episode");
      return NULL;
    }

  return g_steal_pointer (&episode);
}

/**
 * sp_api_load_episode:
 *
 * Returns: (transfer full): the episode, if the caller's unit may see it. Otherwise a
 *   not-found error: a unit outside the addressing must not learn the episode exists.
 */
SpEpisode *
sp_api_load_episode (SpServer    *server,
                     SpRequest   *request,
                     const char  *episode_id,
                     GError     **error)
{
  return load_episode (server, request, episode_id, FALSE, error);
}

/**
 * sp_api_load_episode_shared:
 *
 * Like sp_api_load_episode(), for rendering: the episode may be shared with other readers
 * (sp_server_lookup_parsed()), so it must not be changed.
 *
 * Returns: (transfer full): the episode, if the caller's unit may see it
 */
SpEpisode *
sp_api_load_episode_shared (SpServer    *server,
                            SpRequest   *request,
                            const char  *episode_id,
                            GError     **error)
{
  return load_episode (server, request, episode_id, TRUE, error);
}

/**
 * sp_api_use_episode_shared:
 * @known: (nullable): a live episode the caller has read and parsed for this request, only
 *   read (the changes feed reads each parent once per batch of changes, sp-feed-page.c)
 *
 * As sp_api_load_episode_shared(), but @known stands for the stored episode when it is the
 * one asked for.
 *
 * Returns: (transfer full): the episode, if the caller's unit may see it
 */
SpEpisode *
sp_api_use_episode_shared (SpServer    *server,
                           SpRequest   *request,
                           const char  *episode_id,
                           SpEpisode   *known,
                           GError     **error)
{
  if (known == NULL || g_strcmp0 (sp_episode_get_id (known), episode_id) != 0)
    return sp_api_load_episode_shared (server, request, episode_id, error);

  if (!sp_access_may_see_episode (known, sp_api_unit_id (request)))
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_NOT_FOUND, "no such episode");
      return NULL;
    }

  return g_object_ref (known);
}

/* Index terms: who may list it (the ward and every addressed unit), whose it is, its state. */
static void
add_term (GStrvBuilder *builder,
          const char   *prefix,
          const char   *value)
{
  g_autofree char *term = g_strconcat (prefix, ":", value, NULL);

  g_strv_builder_add (builder, term);
}

/* Index terms: who may list it (the ward and every addressed unit), whose it is, its state. */
static GStrv
episode_terms (SpEpisode *episode)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *addressing = sp_episode_get_addressing (episode);

  add_term (builder, "unit", sp_episode_get_ward_unit_id (episode));
  for (guint i = 0; i < addressing->len; i++)
    add_term (builder, "unit", ((const SpAddressee *) g_ptr_array_index (addressing, i))->unit_id);
  add_term (builder, "patient", sp_episode_get_patient_id (episode));
  add_term (builder, "state", sp_enum_to_nick (SP_TYPE_EPISODE_STATE,
                                               sp_episode_get_state (episode)));

  return g_strv_builder_end (builder);
}

/**
 * sp_api_save_episode:
 * @base_revision: 0 to create
 *
 * Returns: (transfer full): the stored record; the episode's revision is updated.
 */
SpRecord *
sp_api_save_episode (SpServer   *server,
                     SpEpisode  *episode,
                     gint64      base_revision,
                     GError    **error)
{
  g_auto(GStrv) terms = episode_terms (episode);
  g_autoptr(JsonNode) node = sp_episode_to_json (episode);
  SpRecord *record;

  record = sp_api_put_json (sp_server_get_store (server), "episode", sp_episode_get_id (episode),
                            NULL, node, base_revision, (const char * const *) terms, error);
  if (record != NULL)
    sp_episode_set_revision (episode, sp_record_get_revision (record));

  return record;
}
