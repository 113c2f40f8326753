/* sp-json-scan.h — stepping through JSON text without building a tree
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
} SpJsonScanner;

/* A string member's value: the text between the quotes, still escaped if @escaped. */
typedef struct
{
  const char *text;
  gsize       length;
  gboolean    escaped;
} SpJsonSpan;

static inline void
sp_json_scan_space (SpJsonScanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

/* Skips white space; consumes @c if it comes next. */
static inline gboolean
sp_json_scan_accept (SpJsonScanner *s,
                     char           c)
{
  sp_json_scan_space (s);
  if (s->p < s->end && *s->p == c)
    {
      s->p++;
      return TRUE;
    }
  return FALSE;
}

static inline gboolean
sp_json_scan_at (SpJsonScanner *s,
                 char           c)
{
  sp_json_scan_space (s);
  return s->p < s->end && *s->p == c;
}

gboolean  sp_json_scan_error      (SpJsonScanner     *s,
                                   const char        *what,
                                   GError           **error);
gboolean  sp_json_scan_string     (SpJsonScanner     *s,
                                   SpJsonSpan        *out,
                                   GError           **error);
char     *sp_json_scan_decode     (const SpJsonSpan  *span,
                                   gsize             *out_length);
gboolean  sp_json_scan_span_equal (const SpJsonSpan  *span,
                                   const char        *name);
gboolean  sp_json_scan_number     (SpJsonScanner     *s,
                                   gboolean          *out_integer,
                                   GError           **error);
gboolean  sp_json_scan_literal    (SpJsonScanner     *s,
                                   const char        *literal,
                                   GError           **error);
gboolean  sp_json_scan_container  (SpJsonScanner     *s,
                                   guint              depth,
                                   GError           **error);
gboolean  sp_json_scan_value      (SpJsonScanner     *s,
                                   guint              depth,
                                   GError           **error);
gboolean  sp_json_scan_member     (SpJsonScanner     *s,
                                   gboolean          *first,
                                   SpJsonSpan        *name,
                                   GError           **error);

G_END_DECLS
