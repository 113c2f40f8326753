/* sp-print-fetch.c — what a document needs, fetched from the server for printing
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The patientinformation: GET /episodes/:id/patient-information. The SIP: GET /sips/:id plus
 * the patient (for the identity number on every page). A form's bundle for an episode: the
 * patientinformation, the planning basis and the patient's active SIP — each optional, since a
 * form is printed exactly when the server may not answer. When it does not, the
 * patientinformation is put together from the local copy: the episode and each of its units'
 * sections, as the changes feed last gave them.
 */

#define G_LOG_DOMAIN "sp-print"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-json.h"
#include "sp-print-private.h"

typedef enum
{
  STEP_FIRST,
  STEP_PLANNING,
  STEP_PATIENT,
  STEP_SIPS,
  STEP_DONE,
} Step;

typedef struct
{
  SpAccount   *account;
  SpPrintKind  kind;
  char        *record_id;
  Step         step;
  JsonObject  *result;
  JsonObject  *cached;        /* the patientinformation read from the copy, while read */
  guint        n_units_read;  /* units whose section was looked for in the copy */
  GError      *offline;       /* why the server's answer is not used */
} Fetch;

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  g_clear_object (&fetch->account);
  g_free (fetch->record_id);
  g_clear_pointer (&fetch->result, json_object_unref);
  g_clear_pointer (&fetch->cached, json_object_unref);
  g_clear_error (&fetch->offline);
  g_free (fetch);
}

static void next_step (GTask *task);

static JsonObject *
first_active_sip (JsonNode *list)
{
  JsonObject *object = list != NULL && JSON_NODE_HOLDS_OBJECT (list) ? json_node_get_object (list)
                                                                      : NULL;
  JsonArray *items = sp_print_get_array (object, "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *sip = json_array_get_object_element (items, i);

      if (g_strcmp0 (sp_print_get_string (sip, "status"), "closed") != 0)
        return sip;
    }

  return NULL;
}

/* The document itself, or for a form the patientinformation naming the patient. */
static void
take_first (Fetch      *fetch,
            JsonObject *answer)
{
  if (fetch->kind == SP_PRINT_PATIENT_INFORMATION || fetch->kind == SP_PRINT_SIP)
    {
      json_object_unref (fetch->result);
      fetch->result = sp_print_object_copy (answer);
    }
  else
    {
      json_object_set_object_member (fetch->result, "patient_information",
                                     json_object_ref (answer));
      if (sp_print_get_object (answer, "patient") != NULL)
        json_object_set_object_member (fetch->result, "patient",
                                       json_object_ref (sp_print_get_object (answer, "patient")));
    }
}

/* What GET …/patient-information gathers from the sections: each unit's text of @member. */
static void
gather_cached (JsonObject *document,
               const char *member)
{
  JsonArray *sections = sp_print_get_array (document, "sections");
  JsonArray *gathered = json_array_new ();

  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);
      JsonObject *item;

      if (sp_print_get_string (section, member) == NULL)
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "unit_id", sp_print_get_string (section, "unit_id"));
      json_object_set_string_member (item, "text", sp_print_get_string (section, member));
      json_array_add_object_element (gathered, item);
    }
  json_object_set_array_member (document, member, gathered);
}

/* From the copy's episode: its patient, estimated discharge and units, no sections yet. */
static JsonObject *
document_from_episode (Fetch      *fetch,
                       JsonObject *episode)
{
  JsonObject *document = json_object_new ();
  JsonObject *going_home = json_object_new ();
  JsonArray *addressing = sp_print_get_array (episode, "addressing");
  JsonArray *contacts = sp_print_get_array (episode, "care_contacts");
  JsonArray *units = json_array_new ();

  json_object_set_string_member (document, "episode_id", fetch->record_id);
  if (sp_print_get_object (episode, "patient") != NULL)
    json_object_set_object_member (document, "patient",
                                   sp_print_object_copy (sp_print_get_object (episode,
                                                                              "patient")));
  if (sp_print_get_string (episode, "estimated_discharge") != NULL)
    json_object_set_string_member (going_home, "estimated_discharge",
                                   sp_print_get_string (episode, "estimated_discharge"));
  json_object_set_object_member (document, "going_home", going_home);

  /* The care contact shown to the patient: the lead one, else the first named. */
  for (guint i = 0; contacts != NULL && i < json_array_get_length (contacts); i++)
    {
      JsonObject *contact = json_array_get_object_element (contacts, i);

      if (i == 0 || json_object_get_boolean_member_with_default (contact, "lead", FALSE))
        {
          JsonObject *shown = json_object_new ();

          sp_json_set_string (shown, "name", sp_print_get_string (contact, "name"));
          sp_json_set_string (shown, "phone", sp_print_get_string (contact, "work_phone"));
          sp_json_set_string (shown, "unit_id", sp_print_get_string (contact, "unit_id"));
          json_object_set_object_member (document, "care_contact", shown);
        }
    }

  /* The ward and each addressed unit; their names come from the unit directory. */
  for (guint i = 0; i <= (addressing != NULL ? json_array_get_length (addressing) : 0); i++)
    {
      JsonObject *source = i == 0 ? episode : json_array_get_object_element (addressing, i - 1);
      JsonObject *unit = json_object_new ();

      json_object_set_string_member (unit, "unit_id",
                                     sp_print_get_string (source, i == 0 ? "ward_unit_id"
                                                                         : "unit_id"));
      json_array_add_object_element (units, unit);
    }
  json_object_set_array_member (document, "units", units);
  json_object_set_array_member (document, "sections", json_array_new ());

  return document;
}

/* Reads the episode, then the section of each of its units ("<episode>.<unit>"). */
static void
cached_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  static const char * const gathered[] = { "meets_at_home", "if_worse", "medication", "aids" };
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = sp_cache_load_record_finish (SP_CACHE (object), result, NULL);
  JsonObject *record = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                      : NULL;
  JsonArray *units;

  if (fetch->cached == NULL)
    {
      /* Not in the copy either: what the server's silence means is the message. */
      if (record == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&fetch->offline));
          return;
        }
      fetch->cached = document_from_episode (fetch, record);
    }
  else
    {
      if (record != NULL)
        json_array_add_object_element (sp_print_get_array (fetch->cached, "sections"),
                                       sp_print_object_copy (record));
      fetch->n_units_read++;
    }

  units = sp_print_get_array (fetch->cached, "units");
  if (fetch->n_units_read < json_array_get_length (units))
    {
      JsonObject *unit = json_array_get_object_element (units, fetch->n_units_read);
      g_autofree char *id = g_strdup_printf ("%s.%s", fetch->record_id,
                                             sp_print_get_string (unit, "unit_id"));

      sp_cache_load_record_async (SP_CACHE (object), "patient_info", id,
                                  g_task_get_cancellable (task), cached_cb, g_object_ref (task));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (gathered); i++)
    gather_cached (fetch->cached, gathered[i]);
  take_first (fetch, fetch->cached);
  fetch->step++;
  next_step (task);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_send_finish (SP_CLIENT (object), result, &error);
  JsonObject *answer = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                      : NULL;

  if (fetch->step == STEP_FIRST)
    {
      if (answer == NULL && fetch->kind != SP_PRINT_SIP &&
          g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE))
        {
          fetch->offline = g_steal_pointer (&error);
          sp_cache_load_record_async (sp_account_get_cache (fetch->account), "episode",
                                      fetch->record_id, g_task_get_cancellable (task), cached_cb,
                                      g_object_ref (task));
          return;
        }
      if (answer == NULL)
        {
          if (error == NULL)
            g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("The server's answer could not be read."));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      take_first (fetch, answer);
    }
  else if (fetch->step == STEP_PLANNING && answer != NULL)
    json_object_set_object_member (fetch->result, "planning", json_object_ref (answer));
  else if (fetch->step == STEP_PATIENT && answer != NULL)
    json_object_set_object_member (fetch->result, "patient", json_object_ref (answer));
  else if (fetch->step == STEP_SIPS && first_active_sip (node) != NULL)
    json_object_set_object_member (fetch->result, "sip",
                                   json_object_ref (first_active_sip (node)));

  fetch->step++;
  next_step (task);
}

static void
send (GTask      *task,
      const char *path,
      GHashTable *query)
{
  Fetch *fetch = g_task_get_task_data (task);

  sp_client_send_async (sp_account_get_client (fetch->account), "GET", path, query, NULL, NULL,
                        g_task_get_cancellable (task), sent_cb, g_object_ref (task));
}

static void
next_step (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  JsonObject *patient = sp_print_get_object (fetch->result, "patient");
  const char *patient_id = sp_print_get_string (patient, "id");
  g_autofree char *path = NULL;

  switch (fetch->step)
    {
    case STEP_FIRST:
      path = fetch->kind == SP_PRINT_SIP
               ? g_strdup_printf ("/api/v1/sips/%s", fetch->record_id)
               : g_strdup_printf ("/api/v1/episodes/%s/patient-information", fetch->record_id);
      send (task, path, NULL);
      return;

    case STEP_PLANNING:
      if (fetch->kind == SP_PRINT_PLANNING_FORM)
        {
          path = g_strdup_printf ("/api/v1/episodes/%s/planning", fetch->record_id);
          send (task, path, NULL);
          return;
        }
      fetch->step++;
      G_GNUC_FALLTHROUGH;

    case STEP_PATIENT:
      if (fetch->kind == SP_PRINT_SIP &&
          sp_print_get_string (fetch->result, "patient_id") != NULL)
        {
          path = g_strdup_printf ("/api/v1/patients/%s",
                                  sp_print_get_string (fetch->result, "patient_id"));
          send (task, path, NULL);
          return;
        }
      fetch->step++;
      G_GNUC_FALLTHROUGH;

    case STEP_SIPS:
      if (fetch->kind == SP_PRINT_SIP_MEETING_FORM && patient_id != NULL)
        {
          g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

          g_hash_table_insert (query, (gpointer) "patient", (gpointer) patient_id);
          send (task, "/api/v1/sips", query);
          return;
        }
      fetch->step++;
      G_GNUC_FALLTHROUGH;

    case STEP_DONE:
    default:
      g_task_return_pointer (task, sp_json_node_new_object (g_steal_pointer (&fetch->result)),
                             (GDestroyNotify) json_node_unref);
    }
}

/**
 * sp_print_fetch_async:
 * @kind: the document
 * @record_id: the episode, or for %SP_PRINT_SIP the SIP
 *
 * Fetches the data sp_print_layout_new_for_kind() takes for @kind. For a form the
 * patientinformation must arrive (it names the patient); the rest only adds to it.
 */
void
sp_print_fetch_async (SpAccount           *account,
                      SpPrintKind          kind,
                      const char          *record_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (account, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  g_return_if_fail (SP_IS_ACCOUNT (account));
  g_return_if_fail (record_id != NULL);

  g_task_set_source_tag (task, sp_print_fetch_async);
  fetch->account = g_object_ref (account);
  fetch->kind = kind;
  fetch->record_id = g_strdup (record_id);
  fetch->result = json_object_new ();
  g_task_set_task_data (task, fetch, fetch_free);
  next_step (task);
}

/**
 * sp_print_fetch_finish:
 *
 * Returns: (transfer full): the data for sp_print_layout_new_for_kind(), or %NULL with @error
 *   set (a Swedish message from the client)
 */
JsonNode *
sp_print_fetch_finish (SpAccount     *account,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, account), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
collect_names (SpAccount  *account,
               JsonNode   *node,
               GHashTable *names)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_names (account, json_array_get_element (array, i), names);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);
          const char *id, *name;

          if (g_str_has_suffix (l->data, "unit_id") &&
              json_node_get_value_type (member) == G_TYPE_STRING &&
              (id = json_node_get_string (member)) != NULL &&
              !g_hash_table_contains (names, id) &&
              (name = sp_account_get_unit_name (account, id)) != NULL)
            g_hash_table_insert (names, g_strdup (id), g_strdup (name));
          else
            collect_names (account, member, names);
        }
    }
}

/**
 * sp_print_collect_unit_names:
 * @data: (nullable): a document's data
 *
 * Returns: (transfer full): the names the unit directory has for every "…unit_id" in @data
 */
GHashTable *
sp_print_collect_unit_names (SpAccount *account,
                             JsonNode  *data)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (data != NULL)
    collect_names (account, data, names);

  return names;
}
