/* sp-audit.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loggkontroll (DOMAIN §12): who, which unit, when, what, which patient. Entry N stores the
 * SHA-256 of entry N−1 and its own hash covers that, so changing or deleting any entry breaks
 * every link after it; sp_audit_verify() names the first broken one. The head (last number
 * and hash) lives in the store's meta table and moves in the same transaction as the entry,
 * which is also the transaction of the command being logged. The entries live in the store's
 * audit log (sp_store_append_log), outside the records: they take no sequence number, so the
 * changes feed never steps over them.
 */

#define G_LOG_DOMAIN "sp-audit"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sp-api-common.h"
#include "sp-audit.h"
#include "sp-json.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
#define HEAD_KEY "audit_head"

static char *
chain_hash (const char *previous,
            const char *canonical)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) previous, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) canonical, -1);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Written exactly as sp_json_to_string() writes a string: check_entry() recomputes the hash
 * over the text that writer makes of the stored entry. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  if (text == NULL)
    g_string_append (out, "null");
  else
    sp_json_append_string (out, text);
}

/* The members every entry of a batch shares: ,"at":…,"user":…,"unit":…,"action":… */
static char *
build_common (const char *username,
              const char *unit_id,
              GDateTime  *now,
              const char *action)
{
  g_autofree char *at = sp_json_format_datetime (now);
  GString *out = g_string_sized_new (128);

  g_string_append (out, ",\"at\":");
  append_json_string (out, at);
  g_string_append (out, ",\"user\":");
  append_json_string (out, username);
  g_string_append (out, ",\"unit\":");
  append_json_string (out, unit_id);
  g_string_append (out, ",\"action\":");
  append_json_string (out, action);

  return g_string_free (out, FALSE);
}

/* The entry without its closing brace: its text without "hash" is this and "}", the exact
 * text the hash covers (members in the order check_entry() reads them back). Written by
 * hand: a list page appends fifty entries, and building each as a JsonObject, then writing
 * it twice, was a third of the audit log's cost. */
static void
build_entry (GString              *out,
             gint64                number,
             const char           *previous,
             const char           *common,
             const SpAuditSubject *subject)
{
  g_string_truncate (out, 0);
  g_string_append_printf (out, "{\"format\":%d,\"number\":%" G_GINT64_FORMAT "%s",
                          SP_JSON_FORMAT_VERSION, number, common);
  g_string_append (out, ",\"patient\":");
  append_json_string (out, subject->patient_id);
  g_string_append (out, ",\"kind\":");
  append_json_string (out, subject->kind);
  g_string_append (out, ",\"record\":");
  append_json_string (out, subject->id);
  g_string_append (out, ",\"previous\":");
  append_json_string (out, previous);
}

static char *
canonical_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return sp_json_to_string (node, FALSE);
}

static void
copy_unless_hash_cb (JsonObject  *object,
                     const char  *name,
                     JsonNode    *value,
                     gpointer     user_data)
{
  if (g_strcmp0 (name, "hash") != 0)
    json_object_set_member (user_data, name, json_node_copy (value));
}

static gboolean
read_head (SpStore  *store,
           gint64   *out_number,
           char    **out_hash,
           GError  **error)
{
  g_autofree char *head = NULL;
  char hash[65];

  if (!sp_store_get_meta (store, HEAD_KEY, &head, error))
    return FALSE;

  *out_number = 0;
  if (head == NULL)
    {
      *out_hash = g_strdup (GENESIS);
      return TRUE;
    }

  if (sscanf (head, "%" G_GINT64_FORMAT " %64s", out_number, hash) != 2)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                           "the audit head is unreadable");
      return FALSE;
    }

  *out_hash = g_strdup (hash);
  return TRUE;
}

typedef struct
{
  SpRequest            *request;
  GDateTime            *now;
  const char           *action;
  const SpAuditSubject *subjects;
  guint                 n_subjects;
} Batch;

/* Reads the head once, chains the whole batch on it and moves it once. */
static gboolean
append_cb (SpStore   *store,
           gpointer   user_data,
           GError   **error)
{
  const Batch *batch = user_data;
  SpSession *session = batch->request != NULL ? batch->request->session : NULL;
  const char *username = session != NULL ? sp_user_get_username (sp_session_get_user (session))
                                         : NULL;
  const char *unit_id = session != NULL ? sp_api_unit_id (batch->request) : NULL;
  g_autofree char *common = build_common (username, unit_id, batch->now, batch->action);
  g_autoptr(GString) text = g_string_sized_new (512);
  g_autofree SpStoreLogEntry *entries = g_new0 (SpStoreLogEntry, batch->n_subjects);
  g_autofree char *previous = NULL;
  g_autofree char *head = NULL;
  gboolean appended;
  gint64 number;

  if (!read_head (store, &number, &previous, error))
    return FALSE;

  for (guint i = 0; i < batch->n_subjects; i++)
    {
      char *hash;

      number++;
      build_entry (text, number, previous, common, &batch->subjects[i]);
      g_string_append_c (text, '}');
      hash = chain_hash (previous, text->str);
      g_free (previous);
      previous = hash;

      /* The same text with the hash as its last member. */
      g_string_truncate (text, text->len - 1);
      g_string_append_printf (text, ",\"hash\":\"%s\"}", hash);
      entries[i] = (SpStoreLogEntry) { number, batch->subjects[i].patient_id, username,
                                       g_bytes_new (text->str, text->len) };
    }

  /* One round trip for the batch on PostgreSQL. */
  appended = sp_store_append_log_many (store, entries, batch->n_subjects, error);
  for (guint i = 0; i < batch->n_subjects; i++)
    g_bytes_unref (entries[i].body);
  if (!appended)
    return FALSE;

  head = g_strdup_printf ("%" G_GINT64_FORMAT " %s", number, previous);
  return sp_store_set_meta (store, HEAD_KEY, head, error);
}

/**
 * sp_audit_log_many:
 * @request: (nullable): the request whose caller acted; %NULL for the system itself
 * @action: what was done: "read", "list", …
 * @subjects: (array length=n_subjects): one entry each, in this order
 *
 * Appends one entry per subject, all in one transaction (inside a command's transaction it
 * commits or rolls back with it): a list of fifty patients costs one write, not fifty.
 */
gboolean
sp_audit_log_many (SpStore               *store,
                   SpRequest             *request,
                   GDateTime             *now,
                   const char            *action,
                   const SpAuditSubject  *subjects,
                   guint                  n_subjects,
                   GError               **error)
{
  Batch batch = { request, now, action, subjects, n_subjects };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (subjects != NULL || n_subjects == 0, FALSE);

  if (n_subjects == 0)
    return TRUE;

  return sp_store_transaction (store, append_cb, &batch, error);
}

/**
 * sp_audit_log:
 * @request: (nullable): the request whose caller acted; %NULL for the system itself
 * @action: what was done: "read", "create", "update", "list", …
 *
 * Appends one entry. Inside a command's transaction it commits or rolls back with it.
 */
gboolean
sp_audit_log (SpStore     *store,
              SpRequest   *request,
              GDateTime   *now,
              const char  *action,
              const char  *patient_id,
              const char  *kind,
              const char  *id,
              GError     **error)
{
  SpAuditSubject subject = { patient_id, kind, id };

  return sp_audit_log_many (store, request, now, action, &subject, 1, error);
}

/**
 * sp_audit_get_head:
 * @out_number: (out): how many entries the log holds (0 when empty)
 * @out_hash: (out) (transfer full): the hash of the last entry (all zeros when empty)
 *
 * The head is what an operator copies outside the database (say daily, to the system journal):
 * whoever can write the file could recompute the whole chain, but not a head kept elsewhere.
 */
gboolean
sp_audit_get_head (SpStore  *store,
                   gint64   *out_number,
                   char    **out_hash,
                   GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  return read_head (store, out_number, out_hash, error);
}

/* Checks the entry at position @number of the log against the hash of the one before; on
 * success @previous becomes its hash. */
static gboolean
check_entry (GBytes  *body,
             gint64   number,
             char   **previous)
{
  g_autoptr(JsonNode) node = sp_json_parse (g_bytes_get_data (body, NULL),
                                            g_bytes_get_size (body), NULL);
  g_autoptr(JsonObject) copy = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  JsonObject *object;

  object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL ||
      json_object_get_int_member_with_default (object, "number", -1) != number ||
      g_strcmp0 (json_object_get_string_member_with_default (object, "previous", ""),
                 *previous) != 0)
    return FALSE;

  /* Recompute the hash over the entry without its "hash" member, in the stored order. */
  copy = json_object_new ();
  json_object_foreach_member (object, copy_unless_hash_cb, copy);
  canonical = canonical_text (copy);
  hash = chain_hash (*previous, canonical);
  if (g_strcmp0 (hash, json_object_get_string_member_with_default (object, "hash", "")) != 0)
    return FALSE;

  g_free (*previous);
  *previous = g_steal_pointer (&hash);
  return TRUE;
}

/* Entries read at a time by verify and list. */
#define LOG_PAGE 1000

/**
 * sp_audit_verify:
 * @out_entries: (out): how many entries were checked
 * @out_first_broken: (out): 0 if the chain is whole, else the number of the first entry
 *   whose link does not hold (changed, reordered, missing, or an entry that is no link of
 *   the chain at all)
 *
 * Reads the log in order, so the time grows linearly with it. It takes no lock: entries
 * appended while it runs are checked too when they chain on.
 */
gboolean
sp_audit_verify (SpStore  *store,
                 gint64   *out_entries,
                 gint64   *out_first_broken,
                 GError  **error)
{
  g_autofree char *previous = g_strdup (GENESIS);
  g_autofree char *head_hash = NULL;
  gint64 head_number = 0;
  gint64 number = 0;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  *out_entries = 0;
  *out_first_broken = 0;

  if (!read_head (store, &head_number, &head_hash, error))
    return FALSE;

  for (guint offset = 0;; offset += LOG_PAGE)
    {
      g_autoptr(GPtrArray) page = sp_store_list_log (store, NULL, NULL, offset, LOG_PAGE,
                                                     error);

      if (page == NULL)
        return FALSE;

      for (guint i = 0; i < page->len; i++)
        {
          *out_entries = ++number;
          if (!check_entry (g_ptr_array_index (page, i), number, &previous))
            {
              *out_first_broken = number;
              return TRUE;
            }

          /* The chain up to the head may have been recomputed after a change: the head,
           * written with each entry, no longer matches it. */
          if (number == head_number && g_strcmp0 (previous, head_hash) != 0)
            {
              *out_first_broken = number;
              return TRUE;
            }
        }

      if (page->len < LOG_PAGE)
        break;
    }

  /* The head counts more entries than the log holds: the last ones were cut off. */
  if (number < head_number)
    {
      *out_entries = *out_first_broken = number + 1;
      return TRUE;
    }

  /* Entries past the first head are fine if they were appended meanwhile: each moved the
   * head in its own transaction, so the head read now covers them all. */
  g_clear_pointer (&head_hash, g_free);
  if (!read_head (store, &head_number, &head_hash, error))
    return FALSE;
  if (number > head_number)
    *out_first_broken = head_number + 1;

  return TRUE;
}

/**
 * sp_audit_list:
 * @patient_id: (nullable): only entries about this patient
 * @username: (nullable): only entries of this user
 *
 * The log oldest first, @offset and @limit counted among the matching entries.
 *
 * Returns: (transfer full) (element-type JsonNode): the entries as stored, or %NULL
 */
GPtrArray *
sp_audit_list (SpStore     *store,
               const char  *patient_id,
               const char  *username,
               guint        offset,
               guint        limit,
               GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) bodies = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  bodies = sp_store_list_log (store, patient_id, username, offset, limit, error);
  if (bodies == NULL)
    return NULL;

  for (guint i = 0; i < bodies->len; i++)
    {
      GBytes *body = g_ptr_array_index (bodies, i);
      JsonNode *node = sp_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                      error);

      if (node == NULL)
        return NULL;
      g_ptr_array_add (entries, node);
    }

  return g_steal_pointer (&entries);
}
