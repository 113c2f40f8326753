/* sp-print-format.c — reading the server's JSON for paper, in Swedish and Stockholm time
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-print"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-identity.h"
#include "sp-json.h"
#include "sp-print-private.h"

/* The member's text, or NULL when it is absent, null, empty or not a string. */
const char *
sp_print_get_string (JsonObject *object,
                     const char *member)
{
  JsonNode *node;
  const char *text;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  return text != NULL && *text != '\0' ? text : NULL;
}

JsonObject *
sp_print_get_object (JsonObject *object,
                     const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonArray *
sp_print_get_array (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

/* A new object with @object's members: the server's objects may be immutable, and a
 * document is changed by replacing whole members. */
JsonObject *
sp_print_object_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (object,
                                                                                   l->data)));

  return copy;
}

/* The unit's name when known, else its id (never nothing: the reader must know who). */
const char *
sp_print_unit_name (GHashTable *names,
                    const char *unit_id)
{
  const char *name = names != NULL && unit_id != NULL ? g_hash_table_lookup (names, unit_id)
                                                      : NULL;

  return name != NULL ? name : unit_id;
}

/* Adds the "name" of each object of @units under its @id_member, keeping earlier ones. */
void
sp_print_add_unit_names (GHashTable *names,
                         JsonArray  *units,
                         const char *id_member)
{
  for (guint i = 0; units != NULL && i < json_array_get_length (units); i++)
    {
      JsonNode *node = json_array_get_element (units, i);
      JsonObject *unit = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = sp_print_get_string (unit, id_member);
      const char *name = sp_print_get_string (unit, "name");

      if (id != NULL && name != NULL && !g_hash_table_contains (names, id))
        g_hash_table_insert (names, g_strdup (id), g_strdup (name));
    }
}

/**
 * sp_print_format_time:
 * @iso: (nullable): an instant as the API writes it
 *
 * Returns: (transfer full) (nullable): "tisdag 10 mars 2026 kl. 13:00" in Stockholm time
 */
char *
sp_print_format_time (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || !sp_json_parse_datetime (iso, &time))
    return NULL;

  local = sp_calendar_to_local (time);
  /* Translators: a meeting or going-home time in g_date_time_format (); Swedish
   * "%A %-d %B %Y kl. %H:%M" */
  return g_date_time_format (local, _("%A %-d %B %Y at %H:%M"));
}

/**
 * sp_print_format_date:
 * @iso: (nullable): a date, YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): "tisdag 10 mars 2026"
 */
char *
sp_print_format_date (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (iso == NULL || !sp_json_parse_date (iso, &date))
    return NULL;

  time = g_date_time_new (sp_calendar_get_timezone (), g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  /* Translators: a date in g_date_time_format (); Swedish "%A %-d %B %Y" */
  return g_date_time_format (time, _("%A %-d %B %Y"));
}

/* "Greta Testsson" from the patients endpoint's rendering. */
char *
sp_print_format_patient_name (JsonObject *patient)
{
  const char *given = sp_print_get_string (patient, "given_name");
  const char *family = sp_print_get_string (patient, "family_name");

  if (given == NULL && family == NULL)
    return NULL;

  return g_strjoin (" ", given != NULL ? given : "", family != NULL ? family : "", NULL);
}

/* "19450312-1234", or the reservnummer. */
char *
sp_print_format_identity (JsonObject *patient)
{
  JsonNode *node = patient != NULL ? json_object_get_member (patient, "identity") : NULL;
  g_autoptr(SpIdentity) identity = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (identity = sp_identity_new_from_json (node, NULL)) == NULL)
    return NULL;

  return sp_identity_format (identity);
}

/* Every page names the patient; a form without one leaves room to write it. */
void
sp_print_set_patient (SpPrintLayout *layout,
                      JsonObject    *patient)
{
  g_autofree char *name = sp_print_format_patient_name (patient);
  g_autofree char *identity = sp_print_format_identity (patient);

  sp_print_layout_set_patient (layout, name, identity);
}

const char *
sp_print_meeting_form_label (const char *nick)
{
  if (g_strcmp0 (nick, "home") == 0)
    return _("In the home");
  if (g_strcmp0 (nick, "other_place") == 0)
    return _("At another place");
  if (g_strcmp0 (nick, "video") == 0)
    return _("Video meeting");
  if (g_strcmp0 (nick, "phone") == 0)
    return _("By telephone");
  return nick;
}

const char *
sp_print_presence_label (const char *nick)
{
  if (g_strcmp0 (nick, "in_person") == 0)
    return _("In person");
  if (g_strcmp0 (nick, "with_patient") == 0)
    return _("With the patient");
  if (g_strcmp0 (nick, "video") == 0)
    return _("Video");
  if (g_strcmp0 (nick, "phone") == 0)
    return _("Telephone");
  return nick;
}

const char *
sp_print_principal_label (const char *nick)
{
  if (g_strcmp0 (nick, "region") == 0)
    return C_("principal", "Region");
  if (g_strcmp0 (nick, "municipality") == 0)
    return C_("principal", "Municipality");
  if (g_strcmp0 (nick, "other") == 0)
    return C_("principal", "Other");
  return nick;
}
