/* sp-api-patient-info.c — the patientinformation handed to the patient at discharge (DOMAIN §9)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each unit writes its own section ("patient_info" record, id "<episode id>.<unit id>",
 * parent the episode); GET assembles the whole document from the sections, the episode, the
 * patient and the SIP invitation, for the app to print.
 */

#define G_LOG_DOMAIN "sp-api-patient-info"

#include "config.h"

#include "sp-access.h"
#include "sp-api.h"
#include "sp-api-common.h"
#include "sp-audit.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-server-error.h"
#include "sp-sip.h"

#define MAX_INTERVENTIONS 100
#define MAX_SECTIONS 1000
#define MAX_SIPS 100

#define RESTRICTED_REASON \
  "Patientens samtycke saknas. Enhetens planering delas inte med andra huvudmän."

/* Free-text members of a section that the document gathers from every unit. */
static const char * const gathered[] = { "meets_at_home", "if_worse", "medication", "aids" };

static void put_section (gpointer server, SpRequest *request);
static void get_document (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "PUT", "/api/v1/episodes/:id/patient-information/:unit", put_section,  SP_ROUTE_WRITE },
  { "GET", "/api/v1/episodes/:id/patient-information",       get_document, 0 },
};

const SpRoute *
sp_api_patient_info_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

static gboolean
may_see_section (SpServer   *server,
                 SpRequest  *request,
                 SpEpisode  *episode,
                 const char *unit_id)
{
  g_autoptr(GDateTime) now = sp_server_get_now (server);

  return sp_access_may_see_field (sp_server_get_profile (server), episode,
                                  sp_api_unit_id (request), sp_api_unit_kind (request),
                                  SP_EPISODE_FIELD_INTERVENTIONS, unit_id, now);
}

/* A section as the caller may see it: without consent, another principal's section shows
 * only that it exists (DOMAIN §4). */
static JsonNode *
section_to_json (SpServer  *server,
                 SpRequest *request,
                 SpEpisode *episode,
                 SpRecord  *record)
{
  g_autoptr(JsonNode) stored = sp_api_record_to_json (record, NULL);
  JsonObject *source, *object;
  const char *unit_id;

  if (stored == NULL || (source = sp_json_node_get_object (stored, NULL, NULL)) == NULL)
    return NULL;

  unit_id = json_object_get_string_member_with_default (source, "unit_id", "");
  object = json_object_new ();
  if (may_see_section (server, request, episode, unit_id))
    {
      g_autoptr(GList) members = json_object_get_members (source);

      /* The stored object is immutable (sp_json_parse): copy all but the storage format. */
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "format"))
          json_object_set_member (object, l->data,
                                  json_node_copy (json_object_get_member (source, l->data)));
      json_object_set_boolean_member (object, "restricted", FALSE);
    }
  else
    {
      json_object_set_string_member (object, "episode_id", sp_episode_get_id (episode));
      json_object_set_string_member (object, "unit_id", unit_id);
      json_object_set_boolean_member (object, "restricted", TRUE);
      json_object_set_string_member (object, "restricted_reason", RESTRICTED_REASON);
    }

  json_object_set_string_member (object, "id", sp_record_get_id (record));
  json_object_set_int_member (object, "revision", sp_record_get_revision (record));
  return sp_json_node_new_object (object);
}

/**
 * sp_api_render_patient_info:
 *
 * Returns: (transfer full) (nullable): one unit's section as the caller may see it, or %NULL
 *   when the caller may not see its episode.
 */
JsonNode *
sp_api_render_patient_info (SpServer  *server,
                            SpRequest *request,
                            SpRecord  *record)
{
  return sp_api_render_patient_info_of (server, request, record, NULL);
}

/**
 * sp_api_render_patient_info_of:
 * @known: (nullable): the episode as the caller has read it (only read)
 *
 * Returns: (transfer full) (nullable): as sp_api_render_patient_info()
 */
JsonNode *
sp_api_render_patient_info_of (SpServer  *server,
                               SpRequest *request,
                               SpRecord  *record,
                               SpEpisode *known)
{
  g_autoptr(SpEpisode) episode = NULL;
  const char *episode_id = sp_record_get_parent_id (record);

  if (episode_id == NULL ||
      (episode = sp_api_use_episode_shared (server, request, episode_id, known, NULL)) == NULL)
    return NULL;

  return section_to_json (server, request, episode, record);
}

/* Reads a string member into @out, or leaves a JSON null there. */
static gboolean
copy_text (JsonObject  *from,
           JsonObject  *to,
           const char  *member,
           gboolean     required,
           GError     **error)
{
  g_autofree char *text = NULL;

  if (!sp_json_get_string (from, member, required, SP_JSON_MAX_TEXT, &text, error))
    return FALSE;

  sp_json_set_string (to, member, text);
  return TRUE;
}

/* "interventions": [{"what", "when", "who"}]: what the unit will do after discharge. */
static JsonArray *
read_interventions (JsonObject  *body,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonArray *input = sp_json_get_array (body, "interventions", FALSE, &local_error);
  g_autoptr(JsonArray) output = json_array_new ();
  guint n = input != NULL ? json_array_get_length (input) : 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (n > MAX_INTERVENTIONS)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                   "interventions: at most %d", MAX_INTERVENTIONS);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strdup_printf ("interventions[%u]", i);
      JsonObject *item = sp_json_node_get_object (json_array_get_element (input, i), field,
                                                  error);
      JsonObject *copy = json_object_new ();

      json_array_add_object_element (output, copy);
      if (item == NULL ||
          !copy_text (item, copy, "what", TRUE, error) ||
          !copy_text (item, copy, "when", FALSE, error) ||
          !copy_text (item, copy, "who", FALSE, error))
        {
          if (item != NULL)
            g_prefix_error (error, "%s.", field);
          return NULL;
        }
    }

  return g_steal_pointer (&output);
}

/* "self_care_follow_up": {"unit_id", "text"}: egenvård follow-up passes to another unit of
 * the episode (Västerbotten), or null. */
static gboolean
read_self_care (JsonObject  *body,
                JsonObject  *section,
                SpEpisode   *episode,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *input = sp_json_get_object (body, "self_care_follow_up", FALSE, &local_error);
  JsonObject *copy;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (input == NULL)
    {
      json_object_set_null_member (section, "self_care_follow_up");
      return TRUE;
    }

  copy = json_object_new ();
  json_object_set_object_member (section, "self_care_follow_up", copy);
  if (!copy_text (input, copy, "unit_id", TRUE, error) ||
      !copy_text (input, copy, "text", FALSE, error))
    {
      g_prefix_error (error, "self_care_follow_up.");
      return FALSE;
    }

  if (!sp_access_may_see_episode (episode, json_object_get_string_member (copy, "unit_id")))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "self_care_follow_up.unit_id: not a unit of the episode");
      return FALSE;
    }

  return TRUE;
}

static JsonNode *
read_section (SpRequest   *request,
              SpEpisode   *episode,
              JsonObject  *body,
              GDateTime   *now,
              GError     **error)
{
  SpUser *user = sp_session_get_user (request->session);
  g_autoptr(JsonObject) section = sp_json_object_new_versioned ();
  JsonObject *author;
  JsonArray *interventions;

  sp_json_set_string (section, "episode_id", sp_episode_get_id (episode));
  sp_json_set_string (section, "unit_id", sp_api_unit_id (request));

  if ((interventions = read_interventions (body, error)) == NULL)
    return NULL;
  json_object_set_array_member (section, "interventions", interventions);

  if (!copy_text (body, section, "contact_details", FALSE, error) ||
      !read_self_care (body, section, episode, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (gathered); i++)
    if (!copy_text (body, section, gathered[i], FALSE, error))
      return NULL;

  author = json_object_new ();
  sp_json_set_string (author, "name", sp_user_get_name (user));
  sp_json_set_string (author, "title", sp_user_get_title (user));
  json_object_set_object_member (section, "author", author);
  sp_json_set_datetime (section, "updated_at", now);

  return sp_json_node_new_object (g_steal_pointer (&section));
}

/* The section's stored record, or NULL with no error when the unit has not written one. */
static SpRecord *
get_section_record (SpStore     *store,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SpRecord *record = sp_store_get (store, "patient_info", id, &local_error);

  if (record == NULL && !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return record;
}

/* Writing the patientinformation is part of the planning: the same units in the same states
 * (sp_episode_can), and each unit only its own section. */
static gboolean
check_may_write (SpRequest  *request,
                 SpEpisode  *episode,
                 GError    **error)
{
  if (g_strcmp0 (sp_request_get_param (request, "unit"), sp_api_unit_id (request)) != 0)
    {
      g_set_error_literal (error, SP_SERVER_ERROR, SP_SERVER_ERROR_FORBIDDEN,
                           "unit: a unit writes only its own section");
      return FALSE;
    }

  return sp_episode_can (episode, SP_EPISODE_ACTION_ANSWER_PLANNING, sp_api_unit_id (request),
                         sp_api_unit_kind (request), error);
}

static void
put_section (gpointer   server,
             SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  const char *episode_id = sp_request_get_param (request, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpRecord) current = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autoptr(JsonNode) section = NULL;
  g_autofree char *id = NULL;
  g_autofree char *episode_term = g_strconcat ("episode:", episode_id, NULL);
  g_autofree char *unit_term = NULL;
  JsonObject *body;
  gint64 base_revision = 0, revision;

  if ((body = sp_request_get_object (request, &error)) == NULL ||
      (episode = sp_api_load_episode (server, request, episode_id, &error)) == NULL ||
      !check_may_write (request, episode, &error) ||
      !sp_json_get_int (body, "base_revision", FALSE, 1, G_MAXINT64, &base_revision, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  id = g_strconcat (episode_id, ".", sp_api_unit_id (request), NULL);
  current = get_section_record (store, id, &error);
  if (error != NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  /* Creation states no base_revision; an update states the one it was based on. */
  revision = current != NULL ? sp_record_get_revision (current) : 0;
  if (base_revision != revision)
    {
      g_set_error (&error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                   "base_revision: the section is at revision %" G_GINT64_FORMAT, revision);
      sp_api_fail_conflict (request, g_steal_pointer (&error),
                            current != NULL ? section_to_json (server, request, episode, current)
                                            : NULL);
      return;
    }

  unit_term = g_strconcat ("unit:", sp_api_unit_id (request), NULL);
  if ((section = read_section (request, episode, body, now, &error)) == NULL)
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  {
    const char * const terms[] = { episode_term, unit_term, NULL };

    record = sp_api_put_json (store, "patient_info", id, episode_id, section, revision, terms,
                              &error);
  }

  if (record == NULL ||
      !sp_audit_log (store, request, now, revision == 0 ? "create" : "update",
                     sp_episode_get_patient_id (episode), "patient_info", id, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  {
    g_autoptr(JsonNode) node = section_to_json (server, request, episode, record);

    sp_request_respond (request, revision == 0 ? 201 : 200, node);
  }
}

/* The patient as the patients endpoint shows them to the caller, or null. */
static JsonNode *
patient_to_json (SpServer  *server,
                 SpRequest *request,
                 SpEpisode *episode)
{
  g_autoptr(SpRecord) record = sp_store_get (sp_server_get_store (server), "patient",
                                             sp_episode_get_patient_id (episode), NULL);
  JsonNode *node = record != NULL ? sp_api_render_patient (server, request, record) : NULL;

  return node != NULL ? node : json_node_init_null (json_node_alloc ());
}

/* The named care contact shown to the patient: the lead one, else the first named. */
static JsonNode *
care_contact_to_json (SpServer  *server,
                      SpRequest *request,
                      SpEpisode *episode)
{
  const SpCareContact *contact = sp_episode_get_lead_care_contact (episode);
  GPtrArray *contacts = sp_episode_get_care_contacts (episode);
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpUnit) unit = NULL;
  JsonObject *object;

  if (contact == NULL && contacts->len > 0)
    contact = g_ptr_array_index (contacts, 0);

  if (contact == NULL ||
      !sp_access_may_see_field (sp_server_get_profile (server), episode,
                                sp_api_unit_id (request), sp_api_unit_kind (request),
                                SP_EPISODE_FIELD_CARE_CONTACTS, NULL, now))
    return json_node_init_null (json_node_alloc ());

  unit = sp_session_load_unit (sp_server_get_store (server), contact->unit_id, NULL);
  object = json_object_new ();
  sp_json_set_string (object, "name", contact->name);
  sp_json_set_string (object, "phone", contact->work_phone);
  sp_json_set_string (object, "unit_id", contact->unit_id);
  sp_json_set_string (object, "unit_name", unit != NULL ? sp_unit_get_name (unit) : NULL);
  json_object_set_boolean_member (object, "lead", contact->lead);

  return sp_json_node_new_object (object);
}

/* The SIP meeting, if a SIP of this episode has sent its invitation; else null. */
static JsonNode *
sip_meeting_to_json (SpServer  *server,
                     SpEpisode *episode)
{
  g_autofree char *term = g_strconcat ("patient:", sp_episode_get_patient_id (episode), NULL);
  g_autoptr(GPtrArray) records = sp_store_list (sp_server_get_store (server), "sip", term, 0,
                                                MAX_SIPS, NULL);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      g_autoptr(JsonNode) node = sp_api_record_to_json (g_ptr_array_index (records, i), NULL);
      g_autoptr(SpSip) sip = node != NULL ? sp_sip_new_from_json (node, NULL) : NULL;
      const SpSipInvitation *invitation;
      JsonObject *object;

      if (sip == NULL ||
          g_strcmp0 (sp_sip_get_episode_id (sip), sp_episode_get_id (episode)) != 0 ||
          sp_sip_get_invitation_sent_at (sip) == NULL ||
          (invitation = sp_sip_get_invitation (sip)) == NULL ||
          invitation->meeting_at == NULL)
        continue;

      object = json_object_new ();
      sp_json_set_string (object, "sip_id", sp_sip_get_id (sip));
      sp_json_set_datetime (object, "at", invitation->meeting_at);
      sp_json_set_enum (object, "form", SP_TYPE_SIP_MEETING_FORM, invitation->form);
      sp_json_set_string (object, "place", invitation->place);
      return sp_json_node_new_object (object);
    }

  return json_node_init_null (json_node_alloc ());
}

static JsonNode *
going_home_to_json (SpEpisode *episode)
{
  JsonObject *object = json_object_new ();
  GDate estimate;

  if (sp_episode_get_estimated_discharge (episode, &estimate))
    sp_json_set_date (object, "estimated_discharge", &estimate);
  else
    json_object_set_null_member (object, "estimated_discharge");
  sp_json_set_datetime (object, "discharged_at", sp_episode_get_discharged_at (episode));

  return sp_json_node_new_object (object);
}

static void
add_unit_contact (JsonArray  *array,
                  SpStore    *store,
                  const char *unit_id)
{
  g_autoptr(SpUnit) unit = sp_session_load_unit (store, unit_id, NULL);
  JsonObject *object = json_object_new ();

  sp_json_set_string (object, "unit_id", unit_id);
  sp_json_set_string (object, "name", unit != NULL ? sp_unit_get_name (unit) : NULL);
  sp_json_set_string (object, "phone", unit != NULL ? sp_unit_get_phone (unit) : NULL);
  if (unit != NULL)
    sp_json_set_enum (object, "kind", SP_TYPE_UNIT_KIND, sp_unit_get_kind (unit));
  json_array_add_object_element (array, object);
}

/* Contact details of every unit of the episode: the ward and each addressed unit. */
static JsonArray *
units_to_json (SpStore   *store,
               SpEpisode *episode)
{
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  JsonArray *array = json_array_new ();

  add_unit_contact (array, store, sp_episode_get_ward_unit_id (episode));
  for (guint i = 0; i < addressing->len; i++)
    add_unit_contact (array, store,
                      ((const SpAddressee *) g_ptr_array_index (addressing, i))->unit_id);

  return array;
}

/* Adds each visible section's @member to @document's list of {"unit_id", "text"}. */
static void
gather (JsonObject *document,
        JsonArray  *sections,
        const char *member)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);
      const char *text = json_object_get_string_member_with_default (section, member, NULL);
      JsonObject *item;

      if (text == NULL)
        continue;

      item = json_object_new ();
      json_object_set_string_member (item, "unit_id",
                                     json_object_get_string_member (section, "unit_id"));
      json_object_set_string_member (item, "text", text);
      json_array_add_object_element (array, item);
    }

  json_object_set_array_member (document, member, array);
}

static void
get_document (gpointer   server,
              SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  const char *episode_id = sp_request_get_param (request, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) document = NULL;
  JsonArray *sections;

  if ((episode = sp_api_load_episode (server, request, episode_id, &error)) == NULL ||
      (records = sp_store_list_children (store, "patient_info", episode_id, 0, MAX_SECTIONS,
                                         &error)) == NULL ||
      !sp_audit_log (store, request, now, "read", sp_episode_get_patient_id (episode),
                     "patient_info", episode_id, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  sections = json_array_new ();
  for (guint i = 0; i < records->len; i++)
    {
      JsonNode *node = section_to_json (server, request, episode,
                                        g_ptr_array_index (records, i));

      if (node != NULL)
        json_array_add_element (sections, node);
    }

  document = json_object_new ();
  json_object_set_string_member (document, "episode_id", episode_id);
  json_object_set_member (document, "patient", patient_to_json (server, request, episode));
  json_object_set_member (document, "going_home", going_home_to_json (episode));
  json_object_set_member (document, "care_contact", care_contact_to_json (server, request,
                                                                          episode));
  json_object_set_member (document, "sip_meeting", sip_meeting_to_json (server, episode));
  for (guint i = 0; i < G_N_ELEMENTS (gathered); i++)
    gather (document, sections, gathered[i]);
  json_object_set_array_member (document, "sections", sections);
  json_object_set_array_member (document, "units", units_to_json (store, episode));

  sp_request_respond_object (request, 200, document);
}
