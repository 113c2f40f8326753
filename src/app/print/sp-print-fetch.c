/* sp-print-fetch.c — what a document needs, fetched from the server for printing
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The patientinformation: GET /episodes/:id/patient-information. The SIP: GET /sips/:id plus
 * the patient (for the identity number on every page). A form's bundle for an episode: the
 * patientinformation, the planning basis and the patient's active SIP — each optional, since a
 * form is printed exactly when the server may not answer.
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
} Fetch;

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  g_clear_object (&fetch->account);
  g_free (fetch->record_id);
  g_clear_pointer (&fetch->result, json_object_unref);
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
      /* The document itself, or for a form the patientinformation naming the patient. */
      if (answer == NULL)
        {
          if (error == NULL)
            g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("The server's answer could not be read."));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

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
                                           json_object_ref (sp_print_get_object (answer,
                                                                                 "patient")));
        }
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
