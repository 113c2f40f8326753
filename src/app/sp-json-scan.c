/* sp-json-scan.c — stepping through JSON text without building a tree
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pieces sp-changes-page.c reads a page with: each checks what it steps over as
 * sp_json_parse () would (syntax, escapes, UTF-8, nesting at most SP_JSON_MAX_DEPTH) and fails
 * with SP_JSON_ERROR_SYNTAX and the byte where the text went wrong.
 */

#define G_LOG_DOMAIN "sp-json-scan"

#include "config.h"

#include <string.h>

#include "sp-json.h"
#include "sp-json-scan.h"



gboolean
sp_json_scan_error (SpJsonScanner  *s,
                    const char     *what,
                    GError        **error)
{
  g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX, "$: %s at byte %" G_GSIZE_FORMAT,
               what, (gsize) (s->p - s->start));
  return FALSE;
}

/* Four hex digits at @p (the caller checked there are four bytes). */
static gboolean
read_hex4 (const char *p,
           gunichar   *out)
{
  gunichar value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }

  *out = value;
  return TRUE;
}

/* After a backslash: one escape, a surrogate pair being one. */
static gboolean
check_escape (SpJsonScanner  *s,
              GError        **error)
{
  gunichar c, low;

  if (s->p >= s->end)
    return sp_json_scan_error (s, "unterminated string", error);

  switch (*s->p)
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      s->p++;
      return TRUE;

    case 'u':
      if (s->end - s->p < 5 || !read_hex4 (s->p + 1, &c))
        return sp_json_scan_error (s, "invalid \\u escape", error);
      s->p += 5;
      if (c >= 0xDC00 && c <= 0xDFFF)
        return sp_json_scan_error (s, "unpaired surrogate", error);
      if (c >= 0xD800 && c <= 0xDBFF)
        {
          if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
              !read_hex4 (s->p + 2, &low) || low < 0xDC00 || low > 0xDFFF)
            return sp_json_scan_error (s, "unpaired surrogate", error);
          s->p += 6;
        }
      return TRUE;

    default:
      return sp_json_scan_error (s, "invalid escape", error);
    }
}

/* Whether any of the 8 bytes at @p ends a run of plain string text: a quote, a backslash, a
 * control character or a byte of a multi-byte character (bit tricks on a 64-bit word; the
 * records are mostly such runs, so they are stepped over 8 bytes at a time). */
static inline gboolean
has_special (const char *p)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 x, quote, backslash;

  memcpy (&x, p, sizeof x);
  quote = x ^ (ones * '"');
  backslash = x ^ (ones * '\\');

  return ((((x - ones * 0x20) & ~x) |              /* a byte below 0x20 */
          ((quote - ones) & ~quote) |             /* a '"' */
          ((backslash - ones) & ~backslash) |     /* a '\\' */
          x) & highs) != 0;                       /* a byte from 0x80 */
}

/* At an opening quote: checks the string (escapes, no control characters, UTF-8) and steps
 * past its closing quote. */
gboolean
sp_json_scan_string (SpJsonScanner  *s,
                     SpJsonSpan     *out,
                     GError        **error)
{
  const char *text = ++s->p;
  gboolean escaped = FALSE;

  for (;;)
    {
      guchar c;

      while (s->end - s->p >= 8 && !has_special (s->p))
        s->p += 8;
      if (s->p >= s->end)
        return sp_json_scan_error (s, "unterminated string", error);

      c = *s->p;
      if (c == '"')
        break;
      if (c == '\\')
        {
          escaped = TRUE;
          s->p++;
          if (!check_escape (s, error))
            return FALSE;
        }
      else if (c < 0x20)
        {
          return sp_json_scan_error (s, "control character in a string", error);
        }
      else if (c < 0x80)
        {
          s->p++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (s->p, s->end - s->p);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            return sp_json_scan_error (s, "invalid UTF-8", error);
          s->p = g_utf8_next_char (s->p);
        }
    }

  if (out != NULL)
    {
      out->text = text;
      out->length = s->p - text;
      out->escaped = escaped;
    }
  s->p++;
  return TRUE;
}

/* The value of a checked string (sp_json_scan_string ()); *out_length: its length in bytes. */
char *
sp_json_scan_decode (const SpJsonSpan *span,
                     gsize            *out_length)
{
  const char *p = span->text;
  const char *end = p + span->length;
  GString *out;

  if (!span->escaped)
    {
      *out_length = span->length;
      return g_strndup (p, span->length);
    }

  out = g_string_sized_new (span->length);
  while (p < end)
    {
      gunichar c = 0, low = 0;

      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      p++;
      switch (*p++)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          read_hex4 (p, &c);
          p += 4;
          if (c >= 0xD800 && c <= 0xDBFF)
            {
              read_hex4 (p + 2, &low);
              p += 6;
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
            }
          g_string_append_unichar (out, c);
          break;
        default: /* '"', '\\', '/' */
          g_string_append_c (out, p[-1]);
          break;
        }
    }

  *out_length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
sp_json_scan_span_equal (const SpJsonSpan *span,
                         const char       *name)
{
  return !span->escaped && span->length == strlen (name) &&
         memcmp (span->text, name, span->length) == 0;
}

/* A number by the JSON grammar; *out_integer: without fraction or exponent. */
gboolean
sp_json_scan_number (SpJsonScanner  *s,
                     gboolean       *out_integer,
                     GError        **error)
{
  const char *p = s->p;
  gboolean integer = TRUE;

  if (p < s->end && *p == '-')
    p++;
  if (p < s->end && *p == '0')
    p++;
  else if (p < s->end && *p >= '1' && *p <= '9')
    while (p < s->end && g_ascii_isdigit (*p))
      p++;
  else
    return sp_json_scan_error (s, "unexpected character", error);

  if (p < s->end && *p == '.')
    {
      integer = FALSE;
      if (++p >= s->end || !g_ascii_isdigit (*p))
        return sp_json_scan_error (s, "invalid number", error);
      while (p < s->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < s->end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      if (++p < s->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= s->end || !g_ascii_isdigit (*p))
        return sp_json_scan_error (s, "invalid number", error);
      while (p < s->end && g_ascii_isdigit (*p))
        p++;
    }

  s->p = p;
  if (out_integer != NULL)
    *out_integer = integer;
  return TRUE;
}

gboolean
sp_json_scan_literal (SpJsonScanner  *s,
                      const char     *literal,
                      GError        **error)
{
  gsize length = strlen (literal);

  if ((gsize) (s->end - s->p) < length || memcmp (s->p, literal, length) != 0)
    return sp_json_scan_error (s, "unexpected character", error);
  s->p += length;
  return TRUE;
}

/* At "{" or "[" of a value inside @depth containers. */
gboolean
sp_json_scan_container (SpJsonScanner  *s,
                        guint           depth,
                        GError        **error)
{
  gboolean object = *s->p == '{';
  char close = object ? '}' : ']';

  if (depth + 1 > SP_JSON_MAX_DEPTH)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX,
                   "$: nested deeper than %d levels", SP_JSON_MAX_DEPTH);
      return FALSE;
    }

  s->p++;
  if (sp_json_scan_accept (s, close))
    return TRUE;

  for (;;)
    {
      if (object)
        {
          if (!sp_json_scan_at (s, '"'))
            return sp_json_scan_error (s, "expected a member name", error);
          if (!sp_json_scan_string (s, NULL, error))
            return FALSE;
          if (!sp_json_scan_accept (s, ':'))
            return sp_json_scan_error (s, "expected ':'", error);
        }
      if (!sp_json_scan_value (s, depth + 1, error))
        return FALSE;
      if (sp_json_scan_accept (s, ','))
        continue;
      if (sp_json_scan_accept (s, close))
        return TRUE;
      return sp_json_scan_error (s, object ? "expected ',' or '}'" : "expected ',' or ']'", error);
    }
}

/* Any value inside @depth containers. */
gboolean
sp_json_scan_value (SpJsonScanner  *s,
                    guint           depth,
                    GError        **error)
{
  sp_json_scan_space (s);
  if (s->p >= s->end)
    return sp_json_scan_error (s, "unexpected end", error);

  switch (*s->p)
    {
    case '{':
    case '[':
      return sp_json_scan_container (s, depth, error);
    case '"':
      return sp_json_scan_string (s, NULL, error);
    case 't':
      return sp_json_scan_literal (s, "true", error);
    case 'f':
      return sp_json_scan_literal (s, "false", error);
    case 'n':
      return sp_json_scan_literal (s, "null", error);
    default:
      return sp_json_scan_number (s, NULL, error);
    }
}

/* The next member of an object: FALSE with no error at its end. */
gboolean
sp_json_scan_member (SpJsonScanner  *s,
                     gboolean       *first,
                     SpJsonSpan     *name,
                     GError        **error)
{
  if (!*first && !sp_json_scan_accept (s, ','))
    {
      if (!sp_json_scan_accept (s, '}'))
        sp_json_scan_error (s, "expected ',' or '}'", error);
      return FALSE;
    }
  if (*first && sp_json_scan_accept (s, '}'))
    return FALSE;
  *first = FALSE;

  if (!sp_json_scan_at (s, '"'))
    return sp_json_scan_error (s, "expected a member name", error);
  if (!sp_json_scan_string (s, name, error))
    return FALSE;
  if (!sp_json_scan_accept (s, ':'))
    return sp_json_scan_error (s, "expected ':'", error);
  sp_json_scan_space (s);
  return TRUE;
}