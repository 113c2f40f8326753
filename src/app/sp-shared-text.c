/* sp-shared-text.c — texts many rows hold, kept once and counted
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 100,000 overview rows name a few dozen wards and care contacts and a handful of states.
 * Each distinct text is kept once, with a count of the rows that hold it, in one table for
 * every thread (rows are made in the local copy's thread), and with its Swedish sort key
 * made once on first use. Not GRefString's interning: in GLib 2.74 a text released in one
 * thread as another interns it can be freed while still handed out.
 */

#define G_LOG_DOMAIN "sp-shared-text"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-shared-text.h"

typedef struct
{
  guint  ref_count;                   /* under shared_lock */
  char  *key;                         /* the Swedish sort key, made on first use; nullable */
  char   text[];
} Shared;

static GMutex shared_lock;
static GHashTable *shared_texts;      /* text → itself, of a Shared */

static inline Shared *
get_shared (const char *text)
{
  return (Shared *) (gpointer) (text - G_STRUCT_OFFSET (Shared, text));
}

/* Swedish collation whatever the user's own locale (Å, Ä, Ö after Z); the user's locale
 * only where sv_SE.UTF-8 is not installed. */
static locale_t
get_swedish_locale (void)
{
  static gsize initialized = 0;
  static locale_t swedish = (locale_t) 0;

  if (g_once_init_enter (&initialized))
    {
      swedish = newlocale (LC_COLLATE_MASK | LC_CTYPE_MASK, "sv_SE.UTF-8", (locale_t) 0);
      g_once_init_leave (&initialized, 1);
    }

  return swedish;
}

/**
 * sp_swedish_collate_key:
 * @text: a UTF-8 text
 *
 * Returns: (transfer full): @text's sort key in Swedish order, for strcmp()
 */
char *
sp_swedish_collate_key (const char *text)
{
  locale_t swedish = get_swedish_locale ();
  locale_t previous;
  char *key;

  if (swedish == (locale_t) 0)
    return g_utf8_collate_key (text, -1);

  /* g_utf8_collate_key () follows the thread's locale: switch it for this one call. */
  previous = uselocale (swedish);
  key = g_utf8_collate_key (text, -1);
  uselocale (previous);

  return key;
}

/**
 * sp_shared_text_new_len:
 * @text: (nullable): a text, not necessarily NUL-ended
 * @length: its length in bytes
 *
 * Returns: (transfer full) (nullable): @text, shared; release with sp_shared_text_unref()
 */
char *
sp_shared_text_new_len (const char *text,
                        gsize       length)
{
  char buffer[128];
  g_autofree char *copy = NULL;
  const char *nul_ended;
  Shared *shared;
  char *found;

  if (text == NULL)
    return NULL;

  /* The table's keys end with a NUL; a text from the local copy's bytes does not. */
  if (length < sizeof buffer)
    {
      memcpy (buffer, text, length);
      buffer[length] = '\0';
      nul_ended = buffer;
    }
  else
    {
      nul_ended = copy = g_strndup (text, length);
    }

  g_mutex_lock (&shared_lock);
  if (shared_texts == NULL)
    shared_texts = g_hash_table_new (g_str_hash, g_str_equal);
  found = g_hash_table_lookup (shared_texts, nul_ended);
  if (found != NULL)
    {
      get_shared (found)->ref_count++;
    }
  else
    {
      length = strlen (nul_ended);
      shared = g_malloc (sizeof (Shared) + length + 1);
      shared->ref_count = 1;
      shared->key = NULL;
      memcpy (shared->text, nul_ended, length + 1);
      found = shared->text;
      g_hash_table_add (shared_texts, found);
    }
  g_mutex_unlock (&shared_lock);

  return found;
}

/**
 * sp_shared_text_new:
 * @text: (nullable): a text
 *
 * Returns: (transfer full) (nullable): @text, shared; release with sp_shared_text_unref()
 */
char *
sp_shared_text_new (const char *text)
{
  return text != NULL ? sp_shared_text_new_len (text, strlen (text)) : NULL;
}

/**
 * sp_shared_text_ref:
 * @text: (nullable): a text sp_shared_text_new() returned
 *
 * Returns: (transfer full) (nullable): @text, with one more reference
 */
char *
sp_shared_text_ref (char *text)
{
  if (text == NULL)
    return NULL;

  g_mutex_lock (&shared_lock);
  get_shared (text)->ref_count++;
  g_mutex_unlock (&shared_lock);

  return text;
}

/**
 * sp_shared_text_unref:
 * @text: (nullable) (transfer full): a text sp_shared_text_new() returned
 */
void
sp_shared_text_unref (char *text)
{
  Shared *shared;

  if (text == NULL)
    return;

  shared = get_shared (text);
  g_mutex_lock (&shared_lock);
  if (--shared->ref_count > 0)
    shared = NULL;
  else
    g_hash_table_remove (shared_texts, text);
  g_mutex_unlock (&shared_lock);

  if (shared != NULL)
    {
      g_free (shared->key);
      g_free (shared);
    }
}

/**
 * sp_shared_text_set:
 * @field: a shared text (nullable), replaced
 * @text: (nullable): the new text, any
 *
 * Points @field at @text, shared.
 *
 * Returns: whether it changed
 */
gboolean
sp_shared_text_set (char       **field,
                    const char  *text)
{
  char *old = *field;

  if (g_strcmp0 (old, text) == 0)
    return FALSE;

  *field = sp_shared_text_new (text);
  sp_shared_text_unref (old);
  return TRUE;
}

/**
 * sp_shared_text_get_sort_key:
 * @text: (nullable): a shared text
 *
 * The Swedish sort key of a shared text, made once for all the rows that share it.
 *
 * Returns: (nullable): the key, or %NULL when @text is %NULL or empty
 */
const char *
sp_shared_text_get_sort_key (const char *text)
{
  Shared *shared;
  char *key;

  if (text == NULL || *text == '\0')
    return NULL;

  shared = get_shared (text);
  key = g_atomic_pointer_get (&shared->key);
  if (key != NULL)
    return key;

  key = sp_swedish_collate_key (text);
  if (!g_atomic_pointer_compare_and_exchange (&shared->key, NULL, key))
    {
      g_free (key);
      key = g_atomic_pointer_get (&shared->key);
    }

  return key;
}
