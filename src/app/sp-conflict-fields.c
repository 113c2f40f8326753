/* sp-conflict-fields.c — a SIP part's members as the conflict view shows and settles them
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server names an overlap of the invitation or the mapping by its member
 * ("invitation.meeting_at"). The view shows it under the title the SIP editor gives the same
 * field, as the editor writes its value, and lets free text (the purpose, the questions, the
 * SBAR) be combined: both versions in one text the user edits.
 */

#define G_LOG_DOMAIN "sp-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-conflict-fields.h"
#include "sp-format.h"
#include "sp-json.h"

typedef struct
{
  const char *part;
  const char *member;
  const char *title;
  gboolean    text;    /* free text: may be combined */
} Field;

/* The titles are the SIP editor's (ui/sip/sp-sip-invitation-page.ui, …-mapping-page.ui). */
static const Field fields[] = {
  { "invitation", "purpose", N_("Purpose"), TRUE },
  { "invitation", "agenda", N_("Questions to discuss (separate with ;)"), TRUE },
  { "invitation", "convener", N_("Convener"), FALSE },
  { "invitation", "units", N_("Invited units"), FALSE },
  { "invitation", "invitees", N_("Others invited"), FALSE },
  { "invitation", "meeting_at", N_("Date and time (YYYY-MM-DD HH:MM)"), FALSE },
  { "invitation", "form", N_("Meeting form"), FALSE },
  { "invitation", "place", N_("Place"), FALSE },
  { "invitation", "video_details", N_("Connection details"), TRUE },
  { "invitation", "with_patient", N_("Professional with the patient"), FALSE },
  { "invitation", "phone_reason", N_("Why not video?"), TRUE },
  { "mapping", "situation", N_("Situation"), TRUE },
  { "mapping", "background", N_("Background"), TRUE },
  { "mapping", "current_state", N_("Current state"), TRUE },
  { "mapping", "recommendation", N_("Recommendation"), TRUE },
};

static const Field *
find_field (const char *part,
            const char *member)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].part, part) == 0 && g_strcmp0 (fields[i].member, member) == 0)
      return &fields[i];
  return NULL;
}

/**
 * sp_conflict_fields_title:
 *
 * Returns: the member's title as the SIP editor shows it, or @member itself
 */
const char *
sp_conflict_fields_title (const char *part,
                          const char *member)
{
  const Field *field = find_field (part, member);

  return field != NULL ? _(field->title) : member;
}

/**
 * sp_conflict_fields_is_text:
 *
 * Returns: whether the member is free text, which two versions of can be combined
 */
gboolean
sp_conflict_fields_is_text (const char *part,
                            const char *member)
{
  const Field *field = find_field (part, member);

  return field != NULL && field->text;
}

static const char *
object_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         *json_node_get_string (node) != '\0' ? json_node_get_string (node) : NULL;
}

/* Each element of an array, as @show makes it, joined by @separator. */
static char *
join_array (JsonArray  *array,
            const char *separator,
            char     *(*show) (JsonNode *element))
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element = show (json_array_get_element (array, i));

      if (element == NULL || *element == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, element);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
show_string (JsonNode *element)
{
  return JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
         ? g_strdup (json_node_get_string (element)) : NULL;
}

static char *
show_unit (JsonNode *element)
{
  JsonObject *unit = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
  const char *name = unit != NULL ? object_string (unit, "name") : NULL;

  if (unit == NULL)
    return NULL;
  return g_strdup (name != NULL ? name : object_string (unit, "unit_id"));
}

static char *
show_invitee (JsonNode *element)
{
  JsonObject *invitee = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element)
                                                         : NULL;
  const char *name = invitee != NULL ? object_string (invitee, "name") : NULL;
  const char *affiliation = invitee != NULL ? object_string (invitee, "affiliation") : NULL;

  if (name == NULL)
    return NULL;
  return affiliation != NULL ? g_strdup_printf ("%s (%s)", name, affiliation) : g_strdup (name);
}

static char *
show_form (const char *nick)
{
  static const struct { const char *nick; const char *title; } forms[] = {
    /* The SIP editor's choices of "Meeting form". */
    { "home", N_("In the home") },
    { "other_place", N_("At another place") },
    { "video", N_("Video") },
    { "phone", N_("Telephone (last resort)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (g_strcmp0 (forms[i].nick, nick) == 0)
      return g_strdup (_(forms[i].title));
  return g_strdup (nick);
}

/* The member's value as text, or %NULL when it has none. */
static char *
value_text (const char *member,
            JsonNode   *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      if (g_str_equal (member, "units"))
        return join_array (array, ", ", show_unit);
      if (g_str_equal (member, "invitees"))
        return join_array (array, ", ", show_invitee);
      return join_array (array, "; ", show_string);
    }

  if (JSON_NODE_HOLDS_OBJECT (value) && g_str_equal (member, "convener"))
    {
      JsonObject *convener = json_node_get_object (value);
      const char *name = object_string (convener, "name");
      const char *phone = object_string (convener, "phone");

      if (name != NULL && phone != NULL)
        return g_strdup_printf ("%s, %s", name, phone);
      return g_strdup (name != NULL ? name : phone);
    }

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);

      if (g_str_equal (member, "meeting_at"))
        {
          g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

          if (time != NULL)
            return sp_format_time (time);
        }
      if (g_str_equal (member, "form"))
        return show_form (text);
      return g_strdup (text);
    }

  return sp_json_to_string (value, FALSE);
}

/**
 * sp_conflict_fields_format:
 * @value: (nullable): the member's value
 *
 * Returns: (transfer full): the value as the user knows it ("2030-12-02 14:00", "I hemmet",
 *   "Hemsjukvård; Larm"), "—" for none
 */
char *
sp_conflict_fields_format (const char *member,
                           JsonNode   *value)
{
  g_autofree char *text = value_text (member, value);

  return text != NULL && *text != '\0' ? g_steal_pointer (&text) : g_strdup ("—");
}

/**
 * sp_conflict_fields_combine:
 *
 * Returns: (transfer full): a free-text member's two versions in one text to edit: mine,
 *   a blank line, theirs (just one of them when the other is empty)
 */
char *
sp_conflict_fields_combine (const char *member,
                            JsonNode   *mine,
                            JsonNode   *theirs)
{
  g_autofree char *a = value_text (member, mine);
  g_autofree char *b = value_text (member, theirs);

  if (a == NULL || *a == '\0')
    return g_strdup (b != NULL ? b : "");
  if (b == NULL || *b == '\0')
    return g_steal_pointer (&a);
  return g_strconcat (a, "\n\n", b, NULL);
}

/**
 * sp_conflict_fields_parse:
 * @text: a combined text as the user left it
 *
 * Returns: (transfer full): the member's value: the text (null when blank); for the
 *   questions, each one separated by ";" or a new line
 */
JsonNode *
sp_conflict_fields_parse (const char *member,
                          const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (g_strcmp0 (member, "agenda") == 0)
    {
      g_auto(GStrv) items = g_strsplit_set (copy, ";\n", -1);
      JsonArray *array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; items[i] != NULL; i++)
        if (*g_strstrip (items[i]) != '\0')
          json_array_add_string_element (array, items[i]);
      json_node_take_array (node, array);
      return node;
    }

  if (*copy == '\0')
    return json_node_new (JSON_NODE_NULL);
  return json_node_init_string (json_node_alloc (), copy);
}
