/* sp-changes-page.c — a page of GET /changes read without building a JSON tree
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The initial sync reads some 150,000 records. Parsing each page into a json-glib tree,
 * freeing it and writing every record out again as text took most of the app's CPU time
 * (docs/sync.md, "Speed"), although the copy only needs each item's kind, id, parent and
 * tombstone flag in clear and its record as text, to seal. So the page is scanned once: the
 * page and item members are read, the record's text is sliced out of the page as received,
 * and everything else is only checked (JSON syntax, UTF-8, nesting at most
 * SP_JSON_MAX_DEPTH, as sp_json_parse () would) and stepped over (sp-json-scan.c).
 *
 * Errors are those of the sp_json_get_* readers ("items[3].id: required"), so a page that
 * cannot be read says where, as before.
 */

#define G_LOG_DOMAIN "sp-changes-page"

#include "config.h"

#include <string.h>

#include "sp-changes-page.h"
#include "sp-json.h"
#include "sp-json-scan.h"

/* Characters of a kind, id or parent id (the store's names). */
#define MAX_NAME_LENGTH 128

/* A string member's value into *out (null: absent); @member names it in errors. */
static gboolean
read_name (SpJsonScanner  *s,
           const char     *member,
           char          **out,
           GError        **error)
{
  SpJsonSpan span;
  gsize length = 0;
  char *value;

  g_clear_pointer (out, g_free);
  if (s->p < s->end && *s->p == 'n')
    return sp_json_scan_literal (s, "null", error);
  if (s->p >= s->end || *s->p != '"')
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "%s: expected a string", member);
      return FALSE;
    }
  if (!sp_json_scan_string (s, &span, error))
    return FALSE;

  value = sp_json_scan_decode (&span, &length);
  if (strlen (value) != length)
    {
      /* An escaped NUL would cut the name short. */
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: not valid UTF-8", member);
      g_free (value);
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > MAX_NAME_LENGTH)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TOO_LONG,
                   "%s: longer than %d characters", member, MAX_NAME_LENGTH);
      g_free (value);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* A true/false member into *out; null is absent (*present FALSE) and false. */
static gboolean
read_bool (SpJsonScanner  *s,
           const char     *member,
           gboolean       *out,
           gboolean       *present,
           GError        **error)
{
  const char *literal = NULL;

  if (s->p < s->end)
    literal = *s->p == 't' ? "true" : *s->p == 'f' ? "false" : *s->p == 'n' ? "null" : NULL;
  if (literal == NULL)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "%s: expected true or false",
                   member);
      return FALSE;
    }
  if (!sp_json_scan_literal (s, literal, error))
    return FALSE;

  *present = *literal != 'n';
  *out = *literal == 't';
  return TRUE;
}

typedef struct
{
  char        *kind;
  char        *id;
  char        *parent;
  gboolean     deleted;
  const char  *record;
  gsize        record_length;
} Item;

static void
item_clear (Item *item)
{
  g_free (item->kind);
  g_free (item->id);
  g_free (item->parent);
  memset (item, 0, sizeof *item);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Item, item_clear)

/* A member "record": its object's text as received; null leaves it absent. */
static gboolean
read_record (SpJsonScanner  *s,
             Item           *item,
             GError        **error)
{
  const char *start = s->p;

  item->record = NULL;
  if (s->p < s->end && *s->p == 'n')
    return sp_json_scan_literal (s, "null", error);
  if (s->p >= s->end || *s->p != '{')
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE,
                           "record: expected an object");
      return FALSE;
    }
  /* Inside the page, its items and the item. */
  if (!sp_json_scan_container (s, 3, error))
    return FALSE;

  item->record = start;
  item->record_length = s->p - start;
  return TRUE;
}

/* At an item's "{". */
static gboolean
read_item (SpJsonScanner  *s,
           Item           *item,
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean first = TRUE;
  gboolean present = FALSE;
  gboolean ok = TRUE;
  SpJsonSpan name;

  s->p++;
  while (ok && sp_json_scan_member (s, &first, &name, &local_error))
    {
      if (sp_json_scan_span_equal (&name, "kind"))
        ok = read_name (s, "kind", &item->kind, &local_error);
      else if (sp_json_scan_span_equal (&name, "id"))
        ok = read_name (s, "id", &item->id, &local_error);
      else if (sp_json_scan_span_equal (&name, "parent"))
        ok = read_name (s, "parent", &item->parent, &local_error);
      else if (sp_json_scan_span_equal (&name, "deleted"))
        ok = read_bool (s, "deleted", &item->deleted, &present, &local_error);
      else if (sp_json_scan_span_equal (&name, "record"))
        ok = read_record (s, item, &local_error);
      else
        ok = sp_json_scan_value (s, 3, &local_error);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (item->kind == NULL || item->id == NULL || (!item->deleted && item->record == NULL))
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "%s: required",
                   item->kind == NULL ? "kind" : item->id == NULL ? "id" : "record");
      return FALSE;
    }

  return TRUE;
}

/* At the "[" of "items": each item to @func as it is read. */
static gboolean
read_items (SpJsonScanner      *s,
            SpChangesItemFunc   func,
            gpointer            user_data,
            GError            **error)
{
  s->p++;
  if (sp_json_scan_accept (s, ']'))
    return TRUE;

  for (guint i = 0;; i++)
    {
      g_auto(Item) item = { 0, };
      g_autoptr(GError) local_error = NULL;
      SpChangesItem view;

      if (!sp_json_scan_at (s, '{'))
        {
          if (s->p < s->end && strchr ("[\"tfn-0123456789", *s->p) != NULL)
            g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE,
                         "items[%u]: expected an object", i);
          else
            sp_json_scan_error (s, "unexpected character", error);
          return FALSE;
        }
      if (!read_item (s, &item, &local_error))
        {
          /* A syntax error says where by its byte. */
          if (!g_error_matches (local_error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX))
            g_prefix_error (&local_error, "items[%u].", i);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      view.kind = item.kind;
      view.id = item.id;
      view.parent = item.parent;
      view.deleted = item.deleted;
      view.record = item.deleted ? NULL : item.record;
      view.record_length = item.deleted ? 0 : item.record_length;
      if (!func (&view, user_data, error))
        {
          g_prefix_error (error, "items[%u].", i);
          return FALSE;
        }

      if (sp_json_scan_accept (s, ','))
        continue;
      if (sp_json_scan_accept (s, ']'))
        return TRUE;
      return sp_json_scan_error (s, "expected ',' or ']'", error);
    }
}

static gboolean
read_next (SpJsonScanner  *s,
           gint64         *out,
           GError        **error)
{
  const char *start = s->p;
  gboolean integer = FALSE;
  char digits[32];
  gsize length;
  guint64 value = 0;

  if (s->p >= s->end || (*s->p != '-' && !g_ascii_isdigit (*s->p)) ||
      !sp_json_scan_number (s, &integer, NULL) || !integer)
    {
      s->p = start;
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE,
                           "next: expected an integer");
      return FALSE;
    }

  length = s->p - start;
  if (*start == '-' || length >= sizeof digits)
    goto outside;
  memcpy (digits, start, length);
  digits[length] = '\0';
  if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT64, &value, NULL))
    goto outside;

  *out = (gint64) value;
  return TRUE;

outside:
  g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
               "next: %.*s is outside 0–%" G_GINT64_FORMAT, (int) MIN (length, 30), start,
               G_MAXINT64);
  return FALSE;
}

/**
 * sp_changes_page_scan:
 * @text: a page of GET /changes: `{"items": […], "next": N, "more": B}`
 * @length: its length in bytes
 * @func: called for each item, in order, with the record's text as received
 * @out_next: (out): the page's "next"
 * @out_more: (out): its "more"
 *
 * Reads the page in one pass, without building a tree. Items already given to @func stay
 * given when a later part of the page turns out to be wrong: run this in a transaction.
 *
 * Returns: %TRUE if the whole page was read and @func accepted every item; else %FALSE with
 *   @error set (SP_JSON_ERROR, or @func's error), prefixed with the item ("items[2].id: …")
 */
gboolean
sp_changes_page_scan (const char         *text,
                      gsize               length,
                      SpChangesItemFunc   func,
                      gpointer            user_data,
                      gint64             *out_next,
                      gboolean           *out_more,
                      GError            **error)
{
  SpJsonScanner s;
  gboolean first = TRUE;
  gboolean have_items = FALSE, have_next = FALSE, have_more = FALSE;
  g_autoptr(GError) local_error = NULL;
  SpJsonSpan name;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (text == NULL)
    text = "";
  s.start = s.p = text;
  s.end = text + length;

  if (!sp_json_scan_at (&s, '{'))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE, "$: expected an object");
      return FALSE;
    }

  s.p++;
  while (sp_json_scan_member (&s, &first, &name, &local_error))
    {
      if (sp_json_scan_span_equal (&name, "items"))
        {
          if (s.p < s.end && *s.p == 'n')
            {
              if (!sp_json_scan_literal (&s, "null", &local_error))
                break;
              have_items = FALSE;
              continue;
            }
          if (s.p >= s.end || *s.p != '[')
            {
              g_set_error_literal (&local_error, SP_JSON_ERROR, SP_JSON_ERROR_TYPE,
                                   "items: expected an array");
              break;
            }
          if (!read_items (&s, func, user_data, &local_error))
            break;
          have_items = TRUE;
        }
      else if (sp_json_scan_span_equal (&name, "next"))
        {
          if (s.p < s.end && *s.p == 'n')
            {
              if (!sp_json_scan_literal (&s, "null", &local_error))
                break;
              have_next = FALSE;
              continue;
            }
          if (!read_next (&s, out_next, &local_error))
            break;
          have_next = TRUE;
        }
      else if (sp_json_scan_span_equal (&name, "more"))
        {
          if (!read_bool (&s, "more", out_more, &have_more, &local_error))
            break;
        }
      else if (!sp_json_scan_value (&s, 1, &local_error))
        {
          break;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  sp_json_scan_space (&s);
  if (s.p != s.end)
    return sp_json_scan_error (&s, "more than one document", error);

  if (!have_items || !have_next || !have_more)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_MISSING, "%s: required",
                   !have_items ? "items" : !have_next ? "next" : "more");
      return FALSE;
    }

  return TRUE;
}

static const char *
skip_space_back (const char *start,
                 const char *p)
{
  while (p > start && (p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\r' || p[-1] == '\t'))
    p--;
  return p;
}

/**
 * sp_changes_page_peek:
 * @text: a page of GET /changes
 * @length: its length in bytes
 * @out_next: (out): its "next", if found
 * @out_more: (out): its "more", if found
 *
 * Reads "next" and "more" from the end of the page, where the server writes them
 * (`…],"next":57,"more":true}`), without reading the rest, so that the next page can be
 * asked for before this one is stored. Only a hint: sp_changes_page_scan() reads the page
 * for certain, and a page read ahead so must be checked against it.
 *
 * Returns: whether both were found as the last members of the page
 */
gboolean
sp_changes_page_peek (const char *text,
                      gsize       length,
                      gint64     *out_next,
                      gboolean   *out_more)
{
  const char *p;
  gboolean have_next = FALSE, have_more = FALSE;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (text == NULL)
    return FALSE;
  p = skip_space_back (text, text + length);

  if (p == text || *--p != '}')
    return FALSE;

  while (!have_next || !have_more)
    {
      const char *value_end = p = skip_space_back (text, p);
      const char *name_end;
      gint64 number = 0;
      gboolean boolean = FALSE, is_number;

      /* A value: true, false or a non-negative integer. */
      while (p > text && g_ascii_isalnum (p[-1]))
        p--;
      if (p == value_end)
        return FALSE;
      is_number = g_ascii_isdigit (*p);
      if (is_number)
        {
          char digits[32];
          guint64 value = 0;

          if ((gsize) (value_end - p) >= sizeof digits)
            return FALSE;
          memcpy (digits, p, value_end - p);
          digits[value_end - p] = '\0';
          if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT64, &value, NULL))
            return FALSE;
          number = (gint64) value;
        }
      else if (value_end - p == 4 && memcmp (p, "true", 4) == 0)
        boolean = TRUE;
      else if (!(value_end - p == 5 && memcmp (p, "false", 5) == 0))
        return FALSE;

      /* Its name, which has no escapes. */
      p = skip_space_back (text, p);
      if (p == text || *--p != ':')
        return FALSE;
      p = skip_space_back (text, p);
      if (p == text || *--p != '"')
        return FALSE;
      name_end = p;
      while (p > text && g_ascii_isalnum (p[-1]))
        p--;
      if (p == text || p[-1] != '"')
        return FALSE;

      if (is_number && name_end - p == 4 && memcmp (p, "next", 4) == 0 && !have_next)
        {
          *out_next = number;
          have_next = TRUE;
        }
      else if (!is_number && name_end - p == 4 && memcmp (p, "more", 4) == 0 && !have_more)
        {
          *out_more = boolean;
          have_more = TRUE;
        }
      else
        {
          return FALSE;
        }

      /* The member before. */
      p = skip_space_back (text, p - 1);
      if (p == text || *--p != ',')
        return FALSE;
    }

  return TRUE;
}
