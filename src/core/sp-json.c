/* sp-json.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-json"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sp-json.h"
#include "sp-types.h"

G_DEFINE_QUARK (sp-json-error-quark, sp_json_error)

/* Looks up @member, treating JSON null like absence. Sets MISSING if @required. */
static JsonNode *
lookup (JsonObject  *object,
        const char  *member,
        gboolean     required,
        GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return node;

  if (required)
    g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "%s: required", member);

  return NULL;
}

static gboolean
type_error (const char  *member,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "%s: expected %s", member, expected);
  return FALSE;
}

static JsonNode *
lookup_value (JsonObject  *object,
              const char  *member,
              gboolean     required,
              GType        value_type,
              const char  *expected,
              gboolean    *ok,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = lookup (object, member, required, &local_error);

  *ok = TRUE;
  if (node == NULL)
    {
      if (local_error != NULL)
        {
          *ok = FALSE;
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != value_type)
    {
      *ok = type_error (member, expected, error);
      return NULL;
    }

  return node;
}

char *
sp_json_error_get_field (const GError *error)
{
  const char *colon;

  if (error == NULL || error->message == NULL)
    return NULL;

  colon = strstr (error->message, ": ");
  if (colon == NULL)
    return NULL;

  return g_strndup (error->message, colon - error->message);
}

/* The deepest nesting of [ and { outside strings (stops counting past the limit), or
 * G_MAXUINT when anything but white space follows the first document: json-glib would accept
 * "{}[]" and leak what it built. */
static guint
nesting_depth (const char *text,
               gsize       length)
{
  gboolean in_string = FALSE;
  gboolean closed = FALSE;
  guint depth = 0, deepest = 0;

  for (gsize i = 0; i < length && deepest <= SP_JSON_MAX_DEPTH; i++)
    {
      char c = text[i];

      if (closed)
        {
          if (!g_ascii_isspace (c))
            return G_MAXUINT;
        }
      else if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        closed = --depth == 0;
    }

  return deepest;
}

/**
 * sp_json_parse:
 *
 * Parses @text, which must be a JSON object or array nested at most %SP_JSON_MAX_DEPTH deep.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set.
 */
JsonNode *
sp_json_parse (const char  *text,
               gssize       length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  guint depth;

  depth = text != NULL ? nesting_depth (text, length < 0 ? strlen (text) : (gsize) length) : 0;
  if (depth == G_MAXUINT)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX,
                           "$: more than one document");
      return NULL;
    }
  if (depth > SP_JSON_MAX_DEPTH)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX,
                   "$: nested deeper than %d levels", SP_JSON_MAX_DEPTH);
      return NULL;
    }

  if (text == NULL || !json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX, "$: %s",
                   local_error != NULL ? local_error->message : "no data");
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || (!JSON_NODE_HOLDS_OBJECT (root) && !JSON_NODE_HOLDS_ARRAY (root)))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE,
                           "$: expected an object or an array");
      return NULL;
    }

  return json_node_ref (root);
}

static void write_node (GString *out, JsonNode *node, gboolean pretty, guint depth);

static void
write_indent (GString  *out,
              gboolean  pretty,
              guint     depth)
{
  if (!pretty)
    return;

  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/**
 * sp_json_append_string:
 * @out: where to write
 * @text: a UTF-8 string
 *
 * Writes @text as a JSON string, exactly as sp_json_to_string() does: UTF-8 as it is
 * (people read this), only what JSON requires escaped. For writers that make JSON text
 * without a tree (the changes feed's pages, the audit log's entries) and must match it.
 */
void
sp_json_append_string (GString    *out,
                       const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/**
 * sp_json_append_double:
 *
 * Writes @value as sp_json_to_string() does: 15 significant digits (15.8 prints as 15.8,
 * not json-glib's 15.800000000000001); a whole number keeps ".0" so it reads back as a
 * double; not finite: null.
 */
void
sp_json_append_double (GString *out,
                       double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      sp_json_append_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      sp_json_append_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_indent (out, pretty, depth + 1);
            sp_json_append_string (out, name);
            g_string_append (out, pretty ? " : " : ":");
            write_node (out, member, pretty, depth + 1);
          }
        if (!first)
          write_indent (out, pretty, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_indent (out, pretty, depth + 1);
            write_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (n > 0)
          write_indent (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      write_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * sp_json_append_node:
 *
 * Writes @node to @out exactly as sp_json_to_string (@node, FALSE) returns it, without the
 * string of its own (the changes feed writes each item straight into its page).
 */
void
sp_json_append_node (GString  *out,
                     JsonNode *node)
{
  g_return_if_fail (out != NULL && node != NULL);

  write_node (out, node, FALSE, 0);
}

/**
 * sp_json_to_string:
 * @pretty: indent with two spaces, one member a line
 *
 * Returns: (transfer full): @node as JSON text, UTF-8 unescaped, members in insertion order.
 */
char *
sp_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  GString *out = g_string_sized_new (256);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}

JsonObject *
sp_json_object_new_versioned (void)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "format", SP_JSON_FORMAT_VERSION);
  return object;
}

/**
 * sp_json_node_new_object:
 * @object: (transfer full): the object to wrap
 *
 * Returns: (transfer full): a node holding @object
 */
JsonNode *
sp_json_node_new_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/**
 * sp_json_node_new_array:
 * @array: (transfer full): the array to wrap
 *
 * Returns: (transfer full): a node holding @array. (json_node_init_array() takes a reference
 *   of its own, which leaks a fresh array.)
 */
JsonNode *
sp_json_node_new_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

void
sp_json_set_string (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value == NULL)
    json_object_set_null_member (object, member);
  else
    json_object_set_string_member (object, member, value);
}

/**
 * sp_json_format_datetime:
 *
 * Instants travel as UTC ISO 8601 with whole seconds ("2026-11-23T10:59:59Z"): every record
 * compares equal after a round trip, whatever zone the writer ran in.
 */
char *
sp_json_format_datetime (GDateTime *value)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  /* Not g_date_time_format ("%Y"): it writes year 572 as "572", which no reader accepts. */
  utc = g_date_time_to_utc (value);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", g_date_time_get_year (utc),
                          g_date_time_get_month (utc), g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc), g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
}

char *
sp_json_format_date (const GDate *value)
{
  g_return_val_if_fail (value != NULL && g_date_valid (value), NULL);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (value),
                          g_date_get_month (value), g_date_get_day (value));
}

void
sp_json_set_datetime (JsonObject *object,
                      const char *member,
                      GDateTime  *value)
{
  g_autofree char *text = value != NULL ? sp_json_format_datetime (value) : NULL;

  sp_json_set_string (object, member, text);
}

void
sp_json_set_date (JsonObject  *object,
                  const char  *member,
                  const GDate *value)
{
  g_autofree char *text = NULL;

  if (value != NULL && g_date_valid (value))
    text = sp_json_format_date (value);

  sp_json_set_string (object, member, text);
}

void
sp_json_set_enum (JsonObject *object,
                  const char *member,
                  GType       enum_type,
                  int         value)
{
  const char *nick = sp_enum_to_nick (enum_type, value);

  g_return_if_fail (nick != NULL);

  json_object_set_string_member (object, member, nick);
}

void
sp_json_set_strv (JsonObject         *object,
                  const char         *member,
                  const char * const *value)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; value != NULL && value[i] != NULL; i++)
    json_array_add_string_element (array, value[i]);

  json_object_set_array_member (object, member, array);
}

JsonObject *
sp_json_node_get_object (JsonNode    *node,
                         const char  *field,
                         GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      type_error (field != NULL ? field : "$", "an object", error);
      return NULL;
    }

  return json_node_get_object (node);
}

gboolean
sp_json_check_version (JsonObject  *object,
                       GError     **error)
{
  gint64 format = 0;

  if (!sp_json_get_int (object, "format", TRUE, 1, G_MAXINT, &format, error))
    return FALSE;

  if (format > SP_JSON_FORMAT_VERSION)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_VERSION,
                   "format: version %" G_GINT64_FORMAT " is newer than this program (%d)",
                   format, SP_JSON_FORMAT_VERSION);
      return FALSE;
    }

  return TRUE;
}

gboolean
sp_json_get_string (JsonObject  *object,
                    const char  *member,
                    gboolean     required,
                    gsize        max_length,
                    char       **out,
                    GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup_value (object, member, required, G_TYPE_STRING, "a string", &ok,
                                 error);
  const char *value;

  if (node == NULL)
    return ok;

  value = json_node_get_string (node);
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: not valid UTF-8", member);
      return FALSE;
    }

  if (max_length > 0 && g_utf8_strlen (value, -1) > (glong) max_length)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TOO_LONG,
                   "%s: longer than %" G_GSIZE_FORMAT " characters", member, max_length);
      return FALSE;
    }

  g_free (*out);
  *out = g_strdup (value);
  return TRUE;
}

gboolean
sp_json_get_bool (JsonObject  *object,
                  const char  *member,
                  gboolean     required,
                  gboolean    *out,
                  GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup_value (object, member, required, G_TYPE_BOOLEAN, "true or false",
                                 &ok, error);

  if (node != NULL)
    *out = json_node_get_boolean (node);

  return ok;
}

gboolean
sp_json_get_int (JsonObject  *object,
                 const char  *member,
                 gboolean     required,
                 gint64       min,
                 gint64       max,
                 gint64      *out,
                 GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup_value (object, member, required, G_TYPE_INT64, "an integer", &ok,
                                 error);
  gint64 value;

  if (node == NULL)
    return ok;

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                   "%s: %" G_GINT64_FORMAT " is outside %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                   member, value, min, max);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
sp_json_get_double (JsonObject  *object,
                    const char  *member,
                    gboolean     required,
                    double      *out,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = lookup (object, member, required, &local_error);
  GType type;

  if (node == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else
    return type_error (member, "a number", error);

  return TRUE;
}

/**
 * sp_json_parse_datetime:
 *
 * Accepts ISO 8601 with an explicit offset or Z only: a time without a zone is ambiguous on
 * the DST nights, and we never guess.
 */
gboolean
sp_json_parse_datetime (const char  *text,
                        GDateTime  **out)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *value;
  gsize len;

  if (text == NULL)
    return FALSE;

  len = strlen (text);
  /* Require a zone designator: Z, +hh:mm or -hh:mm (or +hhmm / +hh) after the time. */
  if (len < 20 || strchr (text, 'T') == NULL)
    return FALSE;
  if (text[len - 1] != 'Z' && text[len - 1] != 'z' &&
      strpbrk (strchr (text, 'T'), "+-") == NULL)
    return FALSE;

  value = g_date_time_new_from_iso8601 (text, utc);
  if (value == NULL)
    return FALSE;

  *out = value;
  return TRUE;
}

gboolean
sp_json_parse_date (const char *text,
                    GDate      *out)
{
  unsigned int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;

  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

gboolean
sp_json_get_datetime (JsonObject  *object,
                      const char  *member,
                      gboolean     required,
                      GDateTime  **out,
                      GError     **error)
{
  g_autofree char *text = NULL;
  GDateTime *value = NULL;

  if (!sp_json_get_string (object, member, required, 64, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!sp_json_parse_datetime (text, &value))
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                   "%s: not an ISO 8601 time with a zone", member);
      return FALSE;
    }

  g_clear_pointer (out, g_date_time_unref);
  *out = value;
  return TRUE;
}

gboolean
sp_json_get_date (JsonObject  *object,
                  const char  *member,
                  gboolean     required,
                  GDate       *out,
                  GError     **error)
{
  g_autofree char *text = NULL;

  if (!sp_json_get_string (object, member, required, 10, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!sp_json_parse_date (text, out))
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                   "%s: not a date (YYYY-MM-DD)", member);
      return FALSE;
    }

  return TRUE;
}

gboolean
sp_json_get_enum (JsonObject  *object,
                  const char  *member,
                  gboolean     required,
                  GType        enum_type,
                  int         *out,
                  GError     **error)
{
  g_autofree char *text = NULL;

  if (!sp_json_get_string (object, member, required, 64, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!sp_enum_from_nick (enum_type, text, out))
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: unknown value", member);
      return FALSE;
    }

  return TRUE;
}

gboolean
sp_json_get_strv (JsonObject   *object,
                  const char   *member,
                  gboolean      required,
                  gsize         max_length,
                  char       ***out,
                  GError      **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = sp_json_get_array (object, member, required, &local_error);

  if (array == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *value;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "%s[%u]: expected a string",
                       member, i);
          return FALSE;
        }

      value = json_node_get_string (node);
      if (max_length > 0 && g_utf8_strlen (value, -1) > (glong) max_length)
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TOO_LONG, "%s[%u]: too long",
                       member, i);
          return FALSE;
        }
      g_strv_builder_add (builder, value);
    }

  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

JsonArray *
sp_json_get_array (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   GError     **error)
{
  JsonNode *node = lookup (object, member, required, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      type_error (member, "an array", error);
      return NULL;
    }

  return json_node_get_array (node);
}

JsonObject *
sp_json_get_object (JsonObject  *object,
                    const char  *member,
                    gboolean     required,
                    GError     **error)
{
  JsonNode *node = lookup (object, member, required, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      type_error (member, "an object", error);
      return NULL;
    }

  return json_node_get_object (node);
}

/**
 * sp_json_node_same_value:
 * @a: (nullable): a member's value, %NULL when the member is absent
 * @b: (nullable): another
 *
 * Whether two members hold the same value for a field-by-field merge: an absent member and a
 * JSON null alike mean "no value".
 */
gboolean
sp_json_node_same_value (JsonNode *a,
                         JsonNode *b)
{
  gboolean a_none = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_none = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_none || b_none)
    return a_none && b_none;
  return json_node_equal (a, b);
}
