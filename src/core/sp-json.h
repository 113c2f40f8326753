/* sp-json.h — strict JSON reading and writing shared by every record
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Every serialised record carries this as "format"; readers refuse newer formats. */
#define SP_JSON_FORMAT_VERSION 1

/* Deeper documents are refused before parsing: json-glib's parser recurses per level, and a
 * few hundred thousand brackets would overflow the stack. */
#define SP_JSON_MAX_DEPTH 64

/* Free text longer than this is refused unless a reader says otherwise. */
#define SP_JSON_MAX_TEXT 8192

#define SP_JSON_ERROR (sp_json_error_quark ())

/* The nicks are the "code" of API and CLI errors. */
typedef enum /*< prefix=SP_JSON_ERROR >*/
{
  SP_JSON_ERROR_SYNTAX,   /*< nick=syntax >*/
  SP_JSON_ERROR_MISSING,  /*< nick=missing >*/
  SP_JSON_ERROR_TYPE,     /*< nick=type >*/
  SP_JSON_ERROR_INVALID,  /*< nick=invalid >*/
  SP_JSON_ERROR_TOO_LONG, /*< nick=too_long >*/
  SP_JSON_ERROR_VERSION,  /*< nick=version >*/
} SpJsonError;

GQuark       sp_json_error_quark    (void);

/* A reader's error message starts with the path of the offending member and ": ", so a
 * caller descending into a child object adds its own part with
 * g_prefix_error (error, "child."). sp_json_error_get_field() takes the path back out. */
char        *sp_json_error_get_field (const GError *error);

JsonNode    *sp_json_parse           (const char   *text,
                                      gssize        length,
                                      GError      **error);
char        *sp_json_to_string       (JsonNode     *node,
                                      gboolean      pretty);
void        sp_json_append_string  (GString    *out,
                                    const char *text);
void        sp_json_append_double  (GString    *out,
                                    double      value);
void        sp_json_append_node    (GString    *out,
                                    JsonNode   *node);

/* Writing. NULL values are written as JSON null. */
JsonObject  *sp_json_object_new_versioned (void);
JsonNode    *sp_json_node_new_object (JsonObject   *object);
JsonNode    *sp_json_node_new_array  (JsonArray    *array);
void         sp_json_set_string      (JsonObject   *object,
                                      const char   *member,
                                      const char   *value);
void         sp_json_set_datetime    (JsonObject   *object,
                                      const char   *member,
                                      GDateTime    *value);
void         sp_json_set_date        (JsonObject   *object,
                                      const char   *member,
                                      const GDate  *value);
void         sp_json_set_enum        (JsonObject   *object,
                                      const char   *member,
                                      GType         enum_type,
                                      int           value);
void         sp_json_set_strv        (JsonObject   *object,
                                      const char   *member,
                                      const char * const *value);
char        *sp_json_format_datetime (GDateTime    *value);
char        *sp_json_format_date     (const GDate  *value);

/* Reading. With @required FALSE a missing or null member leaves *@out untouched (or NULL)
 * and returns TRUE. Types are never coerced: "1" is not a number, 1 is not a boolean. */
JsonObject  *sp_json_node_get_object (JsonNode     *node,
                                      const char   *field,
                                      GError      **error);
gboolean     sp_json_check_version   (JsonObject   *object,
                                      GError      **error);
gboolean     sp_json_get_string      (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      gsize         max_length,
                                      char        **out,
                                      GError      **error);
gboolean     sp_json_get_bool        (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      gboolean     *out,
                                      GError      **error);
gboolean     sp_json_get_int         (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      gint64        min,
                                      gint64        max,
                                      gint64       *out,
                                      GError      **error);
gboolean     sp_json_get_double      (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      double       *out,
                                      GError      **error);
gboolean     sp_json_get_datetime    (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      GDateTime   **out,
                                      GError      **error);
gboolean     sp_json_get_date        (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      GDate        *out,
                                      GError      **error);
gboolean     sp_json_get_enum        (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      GType         enum_type,
                                      int          *out,
                                      GError      **error);
gboolean     sp_json_get_strv        (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      gsize         max_length,
                                      char       ***out,
                                      GError      **error);
/* Return borrowed members; NULL with no error when optional and absent or null. */
JsonArray   *sp_json_get_array       (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      GError      **error);
JsonObject  *sp_json_get_object      (JsonObject   *object,
                                      const char   *member,
                                      gboolean      required,
                                      GError      **error);

gboolean     sp_json_node_same_value (JsonNode     *a,
                                      JsonNode     *b);
gboolean     sp_json_parse_datetime  (const char   *text,
                                      GDateTime   **out);
gboolean     sp_json_parse_date      (const char   *text,
                                      GDate        *out);

G_END_DECLS
