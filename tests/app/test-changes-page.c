/* test-changes-page.c — a changes page read without a JSON tree: the same items, the same
 * errors, every record's text exactly as received
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <libsoup/soup.h>

#include "sp-cache.h"
#include "sp-changes-page.h"
#include "sp-json.h"
#include "sp-sync.h"

typedef struct
{
  GString *seen;    /* one line per item */
  guint    fail_at; /* the callback refuses this item (1-based); 0: none */
  guint    n;
} Seen;

static gboolean
item_cb (const SpChangesItem  *item,
         gpointer              user_data,
         GError              **error)
{
  Seen *seen = user_data;

  if (++seen->n == seen->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
      return FALSE;
    }

  g_string_append_printf (seen->seen, "%s|%s|%s|%d|%.*s\n", item->kind, item->id,
                          item->parent != NULL ? item->parent : "(null)", item->deleted,
                          item->record != NULL ? (int) item->record_length : 6,
                          item->record != NULL ? item->record : "(none)");
  return TRUE;
}

/* Scans @text from a buffer of exactly its length: a read past the end is a read past the
 * allocation (caught by the sanitizer build and valgrind). */
static gboolean
scan (const char  *text,
      gsize        length,
      Seen        *seen,
      gint64      *next,
      gboolean    *more,
      GError     **error)
{
  g_autofree char *copy = g_memdup2 (text, length);

  return sp_changes_page_scan (copy, length, item_cb, seen, next, more, error);
}

static void
test_items (void)
{
  static const char page[] =
    " {\"items\" : [\n"
    "  {\"kind\":\"patient\",\"id\":\"p-1\",\"revision\":1,\"seq\":3,\"parent\":null,"
    "   \"record\":{\"id\":\"p-1\",\"name\":\"Gr\\u00e4s \\\"Lind\\\"\",\"n\":[1,-2.5e3,true,null,"
    "{\"x\":{}}],\"t\":\"å😀\\ud83d\\ude00\"}},\n"
    /* Escaped names are decoded; members in any order; unknown ones skipped. */
    "  {\"record\" : { \"a\" : [ ] } , \"extra\":{\"k\":[{}]},\"id\":\"m\\u002d1\\/x\","
    "   \"parent\":\"e-\\u00e51\",\"kind\":\"message\"},\n"
    "  {\"kind\":\"episode\",\"id\":\"e-1\",\"deleted\":true,\"parent\":null},\n"
    "  {\"kind\":\"unit\",\"id\":\"u\",\"deleted\":false,\"record\":{}}\n"
    " ], \"next\": 9007199254740993, \"more\": true, \"later\": \"ignored\"}\n";
  g_autoptr(GError) error = NULL;
  Seen seen = { g_string_new (NULL), 0, 0 };
  gint64 next = 0;
  gboolean more = FALSE;

  g_assert_true (scan (page, strlen (page), &seen, &next, &more, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen.seen->str, ==,
                   "patient|p-1|(null)|0|{\"id\":\"p-1\",\"name\":\"Gr\\u00e4s \\\"Lind\\\"\","
                   "\"n\":[1,-2.5e3,true,null,{\"x\":{}}],\"t\":\"å😀\\ud83d\\ude00\"}\n"
                   "message|m-1/x|e-å1|0|{ \"a\" : [ ] }\n"
                   "episode|e-1|(null)|1|(none)\n"
                   "unit|u|(null)|0|{}\n");
  g_assert_cmpint (next, ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_true (more);

  /* Every record's text is what sp_json_parse () reads as the record. */
  {
    g_autoptr(JsonNode) node = sp_json_parse (page, -1, &error);
    JsonArray *items;

    g_assert_no_error (error);
    items = json_object_get_array_member (json_node_get_object (node), "items");
    g_assert_cmpuint (json_array_get_length (items), ==, 4);
  }

  g_string_free (seen.seen, TRUE);
}

/* Pages that must be refused, and what the error says (as the sp_json_get_* readers would). */
static void
test_errors (void)
{
  static const struct
  {
    const char *page;
    int         code;
    const char *prefix;
  } cases[] = {
    { "[]", SP_JSON_ERROR_TYPE, "$: expected an object" },
    { "", SP_JSON_ERROR_TYPE, "$: expected an object" },
    { "{\"items\":[],\"next\":1}", SP_JSON_ERROR_MISSING, "more: required" },
    { "{\"items\":[],\"more\":false}", SP_JSON_ERROR_MISSING, "next: required" },
    { "{\"next\":1,\"more\":false}", SP_JSON_ERROR_MISSING, "items: required" },
    { "{\"items\":null,\"next\":1,\"more\":false}", SP_JSON_ERROR_MISSING, "items: required" },
    { "{\"items\":{},\"next\":1,\"more\":false}", SP_JSON_ERROR_TYPE, "items: expected" },
    { "{\"items\":[],\"next\":1.5,\"more\":false}", SP_JSON_ERROR_TYPE, "next: expected" },
    { "{\"items\":[],\"next\":\"1\",\"more\":false}", SP_JSON_ERROR_TYPE, "next: expected" },
    { "{\"items\":[],\"next\":-1,\"more\":false}", SP_JSON_ERROR_INVALID, "next: -1" },
    /* 2^63: one past the largest cursor. */
    { "{\"items\":[],\"next\":9223372036854775808,\"more\":false}", SP_JSON_ERROR_INVALID,
      "next: 9223372036854775808" },
    { "{\"items\":[],\"next\":1,\"more\":1}", SP_JSON_ERROR_TYPE, "more: expected" },
    { "{\"items\":[1],\"next\":1,\"more\":false}", SP_JSON_ERROR_TYPE,
      "items[0]: expected an object" },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":{}},\"x\"],\"next\":1,\"more\":false}",
      SP_JSON_ERROR_TYPE, "items[1]: expected an object" },
    { "{\"items\":[{\"kind\":\"a\",\"record\":{}}],\"next\":1,\"more\":false}",
      SP_JSON_ERROR_MISSING, "items[0].id: required" },
    { "{\"items\":[{\"id\":\"b\",\"kind\":null,\"record\":{}}],\"next\":1,\"more\":false}",
      SP_JSON_ERROR_MISSING, "items[0].kind: required" },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\"}],\"next\":1,\"more\":false}",
      SP_JSON_ERROR_MISSING, "items[0].record: required" },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":[]}],\"next\":1,\"more\":false}",
      SP_JSON_ERROR_TYPE, "items[0].record: expected an object" },
    { "{\"items\":[{\"kind\":1,\"id\":\"b\",\"record\":{}}],\"next\":1,\"more\":false}",
      SP_JSON_ERROR_TYPE, "items[0].kind: expected a string" },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"deleted\":\"yes\"}],\"next\":1,\"more\":false}",
      SP_JSON_ERROR_TYPE, "items[0].deleted: expected true or false" },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\\u0000c\",\"record\":{}}],\"next\":1,"
      "\"more\":false}", SP_JSON_ERROR_INVALID, "items[0].id: " },
    /* Syntax, anywhere: the page is not JSON. */
    { "{\"items\":[],\"next\":1,\"more\":false} {}", SP_JSON_ERROR_SYNTAX, "$: " },
    { "{\"items\":[],\"next\":1,\"more\":false,}", SP_JSON_ERROR_SYNTAX, "$: " },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":{\"t\":\"a\tb\"}}],\"next\":1,"
      "\"more\":false}", SP_JSON_ERROR_SYNTAX, "$: control character" },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":{\"t\":\"\xc3\x28\"}}],\"next\":1,"
      "\"more\":false}", SP_JSON_ERROR_SYNTAX, "$: invalid UTF-8" },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":{\"t\":\"\\ud800x\"}}],\"next\":1,"
      "\"more\":false}", SP_JSON_ERROR_SYNTAX, "$: unpaired surrogate" },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":{\"t\":\"\\q\"}}],\"next\":1,"
      "\"more\":false}", SP_JSON_ERROR_SYNTAX, "$: invalid escape" },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":{\"t\":01}}],\"next\":1,"
      "\"more\":false}", SP_JSON_ERROR_SYNTAX, "$: " },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":{\"t\":tru}}],\"next\":1,"
      "\"more\":false}", SP_JSON_ERROR_SYNTAX, "$: " },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":{\"t\" 1}}],\"next\":1,"
      "\"more\":false}", SP_JSON_ERROR_SYNTAX, "$: expected ':'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      Seen seen = { g_string_new (NULL), 0, 0 };
      gint64 next = 0;
      gboolean more = FALSE;

      g_autofree char *shown = g_utf8_make_valid (cases[i].page, -1);

      g_test_message ("case %u: %s", i, shown);
      g_assert_false (scan (cases[i].page, strlen (cases[i].page), &seen, &next, &more,
                            &error));
      g_assert_nonnull (error);
      g_test_message ("error: %s", error->message);
      g_assert_error (error, SP_JSON_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].prefix));
      g_string_free (seen.seen, TRUE);
    }
}

/* Names as long as the store takes (128 characters, not bytes), and one more. */
static void
test_name_length (void)
{
  for (guint extra = 0; extra < 2; extra++)
    {
      g_autoptr(GString) page = g_string_new ("{\"items\":[{\"kind\":\"a\",\"id\":\"");
      g_autoptr(GError) error = NULL;
      Seen seen = { g_string_new (NULL), 0, 0 };
      gint64 next = 0;
      gboolean more = FALSE;
      gboolean ok;

      for (guint i = 0; i < 128 + extra; i++)
        g_string_append (page, "å");
      g_string_append (page, "\",\"record\":{}}],\"next\":1,\"more\":false}");

      ok = scan (page->str, page->len, &seen, &next, &more, &error);
      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TOO_LONG);
          g_assert_true (g_str_has_prefix (error->message, "items[0].id: "));
        }
      g_string_free (seen.seen, TRUE);
    }
}

/* As deep as sp_json_parse () takes (SP_JSON_MAX_DEPTH, the page counting as one), not
 * deeper. */
static void
test_depth (void)
{
  for (guint depth = SP_JSON_MAX_DEPTH - 1; depth <= SP_JSON_MAX_DEPTH + 1; depth++)
    {
      g_autoptr(GString) page = g_string_new ("{\"items\":[{\"kind\":\"a\",\"id\":\"b\","
                                              "\"record\":");
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(JsonNode) node = NULL;
      Seen seen = { g_string_new (NULL), 0, 0 };
      gint64 next = 0;
      gboolean more = FALSE;
      gboolean ok;

      /* The page, its items and the item are 3 levels; the record adds the rest. */
      for (guint i = 3; i < depth; i++)
        g_string_append (page, i == 3 ? "{\"x\":" : "[");
      g_string_append (page, "1");
      for (guint i = depth; i-- > 3;)
        g_string_append (page, i == 3 ? "}" : "]");
      g_string_append (page, "}],\"next\":1,\"more\":false}");

      ok = scan (page->str, page->len, &seen, &next, &more, &error);
      node = sp_json_parse (page->str, page->len, &parse_error);
      g_test_message ("depth %u: %s", depth, error != NULL ? error->message : "read");
      g_assert_cmpint (ok, ==, node != NULL);
      g_assert_cmpint (ok, ==, depth <= SP_JSON_MAX_DEPTH);
      g_string_free (seen.seen, TRUE);
    }
}

/* A page cut anywhere is refused (never read past its end), and so is one with any single
 * byte replaced by one that breaks the syntax. */
static void
test_truncated (void)
{
  static const char page[] =
    "{\"items\":[{\"kind\":\"patient\",\"id\":\"p\\u00e5\",\"parent\":null,\"record\":"
    "{\"a\":[1,2.5e-3,{\"b\":\"c\\\"d\"}],\"e\":false,\"f\":null,\"g\":\"ä\"}},"
    "{\"kind\":\"episode\",\"id\":\"e\",\"deleted\":true}],\"next\":12,\"more\":false}";
  gsize length = strlen (page);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      Seen seen = { g_string_new (NULL), 0, 0 };
      gint64 next = 0;
      gboolean more = FALSE;

      g_assert_false (scan (page, cut, &seen, &next, &more, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == SP_JSON_ERROR);
      g_string_free (seen.seen, TRUE);
    }

  for (gsize at = 0; at < length; at++)
    {
      g_autofree char *broken = g_strdup (page);
      g_autoptr(GError) error = NULL;
      Seen seen = { g_string_new (NULL), 0, 0 };
      gint64 next = 0;
      gboolean more = FALSE;

      /* A control character fits nowhere in JSON, in a string or outside. */
      broken[at] = '\x01';
      g_assert_false (scan (broken, length, &seen, &next, &more, &error));
      g_assert_nonnull (error);
      g_string_free (seen.seen, TRUE);
    }
}

/* Long strings are stepped over 8 bytes at a time: a byte that ends the run of plain text is
 * found at every position and alignment. */
static void
test_long_string (void)
{
  static const char page[] =
    "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":"
    "{\"t\":\"01234567890123456789012345678901234567890123456789\"}}],"
    "\"next\":1,\"more\":false}";
  /* A control character, a byte that begins no UTF-8 character, a quote (the string ends
   * early and the rest is no JSON), a backslash (an escape of a digit). */
  static const char breakers[] = { '\x01', '\x1f', '\xff', '\x80', '"', '\\' };
  const char *start = strstr (page, "0123");
  gsize length = strlen (page);

  for (gsize at = start - page; at < (gsize) (start - page) + 50; at++)
    for (guint b = 0; b < G_N_ELEMENTS (breakers); b++)
      {
        g_autofree char *broken = g_strdup (page);
        g_autoptr(GError) error = NULL;
        Seen seen = { g_string_new (NULL), 0, 0 };
        gint64 next = 0;
        gboolean more = FALSE;

        broken[at] = breakers[b];
        g_assert_false (scan (broken, length, &seen, &next, &more, &error));
        g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX);
        g_string_free (seen.seen, TRUE);
      }

  /* And whole, it is read. */
  {
    g_autoptr(GError) error = NULL;
    Seen seen = { g_string_new (NULL), 0, 0 };
    gint64 next = 0;
    gboolean more = FALSE;

    g_assert_true (scan (page, length, &seen, &next, &more, &error));
    g_assert_no_error (error);
    g_string_free (seen.seen, TRUE);
  }
}

/* The callback's error ends the scan, prefixed with the item. */
static void
test_callback_error (void)
{
  static const char page[] =
    "{\"items\":[{\"kind\":\"a\",\"id\":\"1\",\"record\":{}},{\"kind\":\"a\",\"id\":\"2\","
    "\"record\":{}},{\"kind\":\"a\",\"id\":\"3\",\"record\":{}}],\"next\":1,\"more\":false}";
  g_autoptr(GError) error = NULL;
  Seen seen = { g_string_new (NULL), 2, 0 };
  gint64 next = 0;
  gboolean more = FALSE;

  g_assert_false (scan (page, strlen (page), &seen, &next, &more, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "items[1].refused");
  g_assert_cmpuint (seen.n, ==, 2);
  g_assert_cmpstr (seen.seen->str, ==, "a|1|(null)|0|{}\n");
  g_string_free (seen.seen, TRUE);
}

/* "next" and "more" from the end of the page, as the server writes it, and nothing else:
 * whatever the peek finds, the scan finds too. */
static void
test_peek (void)
{
  static const struct
  {
    const char *page;
    gboolean    found;
    gint64      next;
    gboolean    more;
  } cases[] = {
    { "{\"items\":[],\"next\":57,\"more\":true}", TRUE, 57, TRUE },
    { "{\"items\":[{\"kind\":\"a\",\"id\":\"b\",\"record\":{\"next\":3}}],"
      "\"more\" : false , \"next\" : 9223372036854775807 }\n", TRUE, G_MAXINT64, FALSE },
    /* Not at the end, or not as the server writes them: unknown, never guessed. */
    { "{\"next\":57,\"more\":true,\"items\":[]}", FALSE, 0, FALSE },
    { "{\"items\":[],\"more\":true}", FALSE, 0, FALSE },
    { "{\"items\":[],\"next\":57,\"more\":true,\"x\":1}", FALSE, 0, FALSE },
    { "{\"items\":[],\"next\":-1,\"more\":true}", FALSE, 0, FALSE },
    { "{\"items\":[],\"next\":9223372036854775808,\"more\":true}", FALSE, 0, FALSE },
    { "{\"items\":[],\"next\":\"57\",\"more\":true}", FALSE, 0, FALSE },
    { "{\"items\":[],\"next\":57,\"more\":1}", FALSE, 0, FALSE },
    { "{\"items\":[],\"next\":57,\"more\":true,\"more\":true}", FALSE, 0, FALSE },
    { "{\"items\":[{\"x\":\"a,\\\"next\\\":5,\\\"more\\\":true}\"}]}", FALSE, 0, FALSE },
    { "{\"items\":[],\"xnext\":57,\"more\":true}", FALSE, 0, FALSE },
    { "\"next\":57,\"more\":true}", FALSE, 0, FALSE },
    { "next\":57,\"more\":true}", FALSE, 0, FALSE },
    { "}", FALSE, 0, FALSE },
    { "", FALSE, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *copy = g_memdup2 (cases[i].page, strlen (cases[i].page));
      gint64 next = -2;
      gboolean more = 2;

      g_test_message ("case %u: %s", i, cases[i].page);
      g_assert_cmpint (sp_changes_page_peek (copy, strlen (cases[i].page), &next, &more), ==,
                       cases[i].found);
      if (cases[i].found)
        {
          g_autoptr(GError) error = NULL;
          Seen seen = { g_string_new (NULL), 0, 0 };
          gint64 scanned_next = -2;
          gboolean scanned_more = 2;

          g_assert_cmpint (next, ==, cases[i].next);
          g_assert_cmpint (more, ==, cases[i].more);
          g_assert_true (scan (cases[i].page, strlen (cases[i].page), &seen, &scanned_next,
                               &scanned_more, &error));
          g_assert_cmpint (scanned_next, ==, next);
          g_assert_cmpint (scanned_more, ==, more);
          g_string_free (seen.seen, TRUE);
        }
    }
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Writes @texts (NULL-terminated) as pages read one after the other, in one transaction. */
static gboolean
apply_pages (SpCache            *cache,
             const char * const *texts,
             gboolean           *more,
             GError            **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GAsyncResult) result = NULL;

  for (guint i = 0; texts[i] != NULL; i++)
    g_ptr_array_add (pages, g_bytes_new (texts[i], strlen (texts[i])));
  sp_cache_apply_text_async (cache, pages, NULL, result_cb, &result);
  return sp_cache_apply_changes_finish (cache, wait_for (&result), NULL, more, error);
}

static char *
load_text (SpCache    *cache,
           const char *kind,
           const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  sp_cache_load_record_async (cache, kind, id, NULL, result_cb, &result);
  node = sp_cache_load_record_finish (cache, wait_for (&result), NULL);
  return node != NULL ? sp_json_to_string (node, FALSE) : NULL;
}

/* Pages read ahead (the next asked for from the end of the one before) are written together,
 * and only if each really ends where the next one was read from. */
static void
test_read_ahead (void)
{
  static const char page_1[] =
    "{\"items\":[{\"kind\":\"patient\",\"id\":\"p1\",\"record\":{\"id\":\"p1\"}}],"
    "\"next\":5,\"more\":true}";
  static const char page_2[] =
    "{\"items\":[{\"kind\":\"patient\",\"id\":\"p2\",\"record\":{\"id\":\"p2\"}}],"
    "\"next\":9,\"more\":false}";
  /* page_1 where the peek cannot find "next" (a member after it). */
  static const char unpeekable[] =
    "{\"items\":[{\"kind\":\"patient\",\"id\":\"p1\",\"record\":{\"id\":\"p1\"}}],"
    "\"next\":5,\"more\":true,\"x\":1}";
  /* The last page, followed by another. */
  static const char last[] =
    "{\"items\":[{\"kind\":\"patient\",\"id\":\"p1\",\"record\":{\"id\":\"p1\"}}],"
    "\"next\":5,\"more\":false}";
  const char *const bad[][3] = { { unpeekable, page_2, NULL }, { last, page_2, NULL } };
  const char *const good[] = { page_1, page_2, NULL };
  g_autofree char *dir = g_dir_make_tmp ("samplan-changes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cache.db", NULL);
  guint8 key_bytes[SP_CACHE_KEY_SIZE] = { 7, };
  g_autoptr(GBytes) key = g_bytes_new (key_bytes, sizeof key_bytes);
  g_autoptr(SpCache) cache = sp_cache_new (path, key);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  gboolean more = TRUE;

  sp_cache_open_async (cache, "ward", NULL, NULL, result_cb, &result);
  g_assert_true (sp_cache_open_finish (cache, wait_for (&result), NULL, &error));
  g_clear_object (&result);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *nothing = NULL;

      g_assert_false (apply_pages (cache, bad[i], &more, &error));
      g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "page 1: next: "));
      g_clear_error (&error);
      /* Nothing of either page, and the cursor where it was. */
      g_assert_cmpint (sp_cache_get_cursor (cache), ==, 0);
      nothing = load_text (cache, "patient", "p1");
      g_assert_null (nothing);
    }

  g_assert_true (apply_pages (cache, good, &more, &error));
  g_assert_no_error (error);
  g_assert_false (more);
  g_assert_cmpint (sp_cache_get_cursor (cache), ==, 9);
  p1 = load_text (cache, "patient", "p1");
  p2 = load_text (cache, "patient", "p2");
  g_assert_cmpstr (p1, ==, "{\"id\":\"p1\"}");
  g_assert_cmpstr (p2, ==, "{\"id\":\"p2\"}");

  sp_cache_delete_async (cache, NULL, result_cb, &result);
  g_assert_true (sp_cache_delete_finish (cache, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- the engine reads ahead ---- */

#define N_FEED_PAGES 14   /* more than one transaction's worth (8) after the failure */

typedef struct
{
  GString  *asked;       /* the "since" of every GET /changes, comma-separated */
  gint64    fail_since;  /* this one is answered 503 (a proxy before a stopped server); -1: none */
  gboolean  finished;
  GError   *error;
} Feed;

/* Page k (since = 10 k) holds patient p<k>; the last one says no more. */
static void
feed_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Feed *feed = user_data;
  g_autofree char *body = NULL;

  if (g_str_equal (path, "/api/v1/changes"))
    {
      gint64 since = g_ascii_strtoll (g_hash_table_lookup (query, "since"), NULL, 10);
      gint64 k = since / 10;

      g_string_append_printf (feed->asked, "%s%" G_GINT64_FORMAT,
                              feed->asked->len > 0 ? "," : "", since);
      if (since == feed->fail_since)
        {
          soup_server_message_set_status (msg, 503, NULL);
          return;
        }
      body = g_strdup_printf ("{\"items\":[{\"kind\":\"patient\",\"id\":\"p%" G_GINT64_FORMAT
                              "\",\"revision\":1,\"seq\":%" G_GINT64_FORMAT ",\"parent\":null,"
                              "\"record\":{\"id\":\"p%" G_GINT64_FORMAT "\"}}],"
                              "\"next\":%" G_GINT64_FORMAT ",\"more\":%s}",
                              k, since + 1, k, since + 10,
                              k + 1 < N_FEED_PAGES ? "true" : "false");
    }
  else if (g_str_equal (path, "/api/v1/episodes") || g_str_equal (path, "/api/v1/inbox"))
    {
      body = g_strdup ("{\"items\":[],\"total\":0}");
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), strlen (body));
}

static gpointer
make_item (JsonNode  *row,
           gpointer   user_data,
           GError   **error)
{
  return g_object_new (G_TYPE_OBJECT, NULL);
}

static void
finished_cb (SpSync *sync,
             GError *error,
             Feed   *feed)
{
  feed->finished = TRUE;
  g_clear_error (&feed->error);
  feed->error = error != NULL ? g_error_copy (error) : NULL;
}

/* The round sp_sync_start () begins; stopped after it, so that no retry runs meanwhile. */
static void
run_round (SpSync *sync,
           Feed   *feed)
{
  feed->finished = FALSE;
  sp_sync_start (sync);
  while (!feed->finished)
    g_main_context_iteration (NULL, TRUE);
  sp_sync_stop (sync);
}

/* The engine asks for each page from the end of the one before, and writes them eight at a
 * time; when the feed fails half way, what it read is still written (the cursor with it),
 * and the next round goes on from there. */
static void
test_engine (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("samplan-changes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cache.db", NULL);
  guint8 key_bytes[SP_CACHE_KEY_SIZE] = { 9, };
  g_autoptr(GBytes) key = g_bytes_new (key_bytes, sizeof key_bytes);
  g_autoptr(SpCache) cache = sp_cache_new (path, key);
  g_autoptr(SpClient) client = NULL;
  g_autoptr(SpSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  Feed feed = { g_string_new (NULL), 30, FALSE, NULL };

  soup_server_add_handler (server, NULL, feed_handler, &feed, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  sp_cache_open_async (cache, "ward", NULL, NULL, result_cb, &result);
  g_assert_true (sp_cache_open_finish (cache, wait_for (&result), NULL, &error));
  g_clear_object (&result);

  client = sp_client_new (url);
  sync = sp_sync_new (client, cache, G_TYPE_OBJECT, make_item, NULL, NULL);
  g_signal_connect (sync, "finished", G_CALLBACK (finished_cb), &feed);

  /* Pages 0, 10 and 20 are read, 30 fails: the three are written, the round fails. */
  run_round (sync, &feed);
  g_assert_error (feed.error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE);
  g_assert_cmpstr (feed.asked->str, ==, "0,10,20,30");
  g_assert_cmpint (sp_cache_get_cursor (cache), ==, 30);
  for (guint k = 0; k < 4; k++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", k);
      g_autofree char *text = load_text (cache, "patient", id);

      if (k < 3)
        g_assert_nonnull (text);
      else
        g_assert_null (text);
    }

  /* Back: from 30 on, each page asked for once, from the end of the one before (30–100 are
   * written in one transaction, 110–130 in another). */
  feed.fail_since = -1;
  g_string_truncate (feed.asked, 0);
  run_round (sync, &feed);
  g_assert_no_error (feed.error);
  g_assert_cmpstr (feed.asked->str, ==, "30,40,50,60,70,80,90,100,110,120,130");
  g_assert_cmpint (sp_cache_get_cursor (cache), ==, 10 * N_FEED_PAGES);
  for (guint k = 0; k < N_FEED_PAGES; k++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", k);
      g_autofree char *expected = g_strdup_printf ("{\"id\":\"%s\"}", id);
      g_autofree char *text = load_text (cache, "patient", id);

      g_assert_cmpstr (text, ==, expected);
    }

  sp_cache_delete_async (cache, NULL, result_cb, &result);
  g_assert_true (sp_cache_delete_finish (cache, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  soup_server_disconnect (server);
  g_string_free (feed.asked, TRUE);
  g_clear_error (&feed.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/changes-page/items", test_items);
  g_test_add_func ("/app/changes-page/errors", test_errors);
  g_test_add_func ("/app/changes-page/name-length", test_name_length);
  g_test_add_func ("/app/changes-page/depth", test_depth);
  g_test_add_func ("/app/changes-page/truncated", test_truncated);
  g_test_add_func ("/app/changes-page/long-string", test_long_string);
  g_test_add_func ("/app/changes-page/callback-error", test_callback_error);
  g_test_add_func ("/app/changes-page/peek", test_peek);
  g_test_add_func ("/app/changes-page/read-ahead", test_read_ahead);
  g_test_add_func ("/app/changes-page/engine", test_engine);

  return g_test_run ();
}
