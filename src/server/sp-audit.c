/* sp-audit.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loggkontroll (DOMAIN §12): who, which unit, when, what, which patient. Entry N stores the
 * SHA-256 of entry N−1 and its own hash covers that, so changing or deleting any entry breaks
 * every link after it; sp_audit_verify() names the first broken one. The head (last number
 * and hash) lives in the store's meta table and moves in the same transaction as the entry,
 * which is also the transaction of the command being logged.
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

typedef struct
{
  SpRequest  *request;
  GDateTime  *now;
  const char *action;
  const char *patient_id;
  const char *kind;
  const char *id;
} Entry;

static char *
entry_id (gint64 number)
{
  /* Zero-padded, so listing by id is listing in order. */
  return g_strdup_printf ("%015" G_GINT64_FORMAT, number);
}

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

/* The entry without its own hash, as the exact text the hash covers. */
static JsonObject *
build_entry (gint64      number,
             const char *previous,
             const Entry *entry)
{
  JsonObject *object = sp_json_object_new_versioned ();
  SpSession *session = entry->request != NULL ? entry->request->session : NULL;

  json_object_set_int_member (object, "number", number);
  sp_json_set_datetime (object, "at", entry->now);
  sp_json_set_string (object, "user",
                      session != NULL ? sp_user_get_username (sp_session_get_user (session))
                                      : NULL);
  sp_json_set_string (object, "unit", session != NULL ? sp_api_unit_id (entry->request) : NULL);
  json_object_set_string_member (object, "action", entry->action);
  sp_json_set_string (object, "patient", entry->patient_id);
  sp_json_set_string (object, "kind", entry->kind);
  sp_json_set_string (object, "record", entry->id);
  json_object_set_string_member (object, "previous", previous);

  return object;
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

static gboolean
append_cb (SpStore   *store,
           gpointer   user_data,
           GError   **error)
{
  const Entry *entry = user_data;
  g_autofree char *previous = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *id = NULL;
  g_autofree char *head = NULL;
  g_autofree char *patient_term = NULL;
  g_autofree char *user_term = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpRecord) record = NULL;
  const char *terms[3] = { NULL, NULL, NULL };
  guint n_terms = 0;
  gint64 number;

  if (!read_head (store, &number, &previous, error))
    return FALSE;

  number++;
  object = build_entry (number, previous, entry);
  canonical = canonical_text (object);
  hash = chain_hash (previous, canonical);
  json_object_set_string_member (object, "hash", hash);

  if (entry->patient_id != NULL)
    terms[n_terms++] = patient_term = g_strconcat ("patient:", entry->patient_id, NULL);
  if (json_object_get_string_member (object, "user") != NULL)
    terms[n_terms++] = user_term = g_strconcat ("user:",
                                                json_object_get_string_member (object, "user"),
                                                NULL);

  id = entry_id (number);
  node = json_node_init_object (json_node_alloc (), object);
  record = sp_api_put_json (store, "audit", id, NULL, node, 0, terms, error);
  if (record == NULL)
    return FALSE;

  head = g_strdup_printf ("%" G_GINT64_FORMAT " %s", number, hash);
  return sp_store_set_meta (store, HEAD_KEY, head, error);
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
  Entry entry = { request, now, action, patient_id, kind, id };

  g_return_val_if_fail (action != NULL, FALSE);

  return sp_store_transaction (store, append_cb, &entry, error);
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

/* Checks entry @number against the hash of the one before; on success @previous becomes its
 * hash. A missing entry is no error here: the caller decides whether the log should have it. */
static gboolean
check_entry (SpStore   *store,
             gint64     number,
             char     **previous,
             gboolean  *out_found,
             gboolean  *out_whole,
             GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = entry_id (number);
  g_autoptr(SpRecord) record = sp_store_get (store, "audit", id, &local_error);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) copy = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  JsonObject *object;

  *out_found = record != NULL;
  *out_whole = FALSE;
  if (record == NULL)
    {
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A tombstone has no body, so it does not parse: a deleted entry is a broken one. */
  node = sp_api_record_to_json (record, NULL);
  object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL ||
      json_object_get_int_member_with_default (object, "number", -1) != number ||
      g_strcmp0 (json_object_get_string_member_with_default (object, "previous", ""),
                 *previous) != 0)
    return TRUE;

  /* Recompute the hash over the entry without its "hash" member, in the stored order. */
  copy = json_object_new ();
  json_object_foreach_member (object, copy_unless_hash_cb, copy);
  canonical = canonical_text (copy);
  hash = chain_hash (*previous, canonical);
  if (g_strcmp0 (hash, json_object_get_string_member_with_default (object, "hash", "")) != 0)
    return TRUE;

  g_free (*previous);
  *previous = g_steal_pointer (&hash);
  *out_whole = TRUE;
  return TRUE;
}

/**
 * sp_audit_verify:
 * @out_entries: (out): how many entries were checked
 * @out_first_broken: (out): 0 if the chain is whole, else the number of the first entry
 *   whose link does not hold (changed, reordered, missing, or an audit record that is no
 *   link of the chain at all)
 *
 * Reads entry by entry by number, so the time grows linearly with the log. It takes no lock:
 * entries appended while it runs are checked too when they chain on.
 */
gboolean
sp_audit_verify (SpStore  *store,
                 gint64   *out_entries,
                 gint64   *out_first_broken,
                 GError  **error)
{
  g_autofree char *previous = g_strdup (GENESIS);
  g_autofree char *head_hash = NULL;
  g_autoptr(GPtrArray) extra = NULL;
  gint64 head_number = 0;
  gint64 number;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  *out_entries = 0;
  *out_first_broken = 0;

  if (!read_head (store, &head_number, &head_hash, error))
    return FALSE;

  for (number = 1;; number++)
    {
      gboolean found, whole;

      if (!check_entry (store, number, &previous, &found, &whole, error))
        return FALSE;

      /* Past the head, the first missing number is simply the end of the log; before it, an
       * entry was removed. */
      if (!found && number > head_number)
        break;

      *out_entries = number;
      if (!whole)
        {
          *out_first_broken = number;
          return TRUE;
        }

      /* The chain up to the head may have been recomputed after a change: the head, written
       * with each entry, no longer matches it. */
      if (number == head_number && g_strcmp0 (previous, head_hash) != 0)
        {
          *out_first_broken = number;
          return TRUE;
        }
    }

  /* Entries past the first head are fine if they were appended meanwhile: each moved the
   * head in its own transaction, so the head read now covers them all. */
  g_clear_pointer (&head_hash, g_free);
  if (!read_head (store, &head_number, &head_hash, error))
    return FALSE;
  if (*out_entries > head_number)
    {
      *out_first_broken = head_number + 1;
      return TRUE;
    }

  /* A record of kind "audit" outside the numbering was put there by something else. One
   * appended since the walk ended is the next number, and fine. */
  extra = sp_store_list (store, "audit", NULL, *out_entries, 1, error);
  if (extra == NULL)
    return FALSE;
  if (extra->len > 0)
    {
      g_autofree char *next_id = entry_id (*out_entries + 1);

      if (g_strcmp0 (sp_record_get_id (g_ptr_array_index (extra, 0)), next_id) != 0)
        *out_first_broken = *out_entries + 1;
    }

  return TRUE;
}

/* Store pages read while filtering. */
#define LIST_PAGE 500

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
  g_autofree char *term = NULL;
  /* The store filters by one term; with both, the user is filtered here. */
  const char *filter_user = patient_id != NULL ? username : NULL;
  guint skip = filter_user != NULL ? offset : 0;
  guint position = filter_user != NULL ? 0 : offset;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (patient_id != NULL)
    term = g_strconcat ("patient:", patient_id, NULL);
  else if (username != NULL)
    term = g_strconcat ("user:", username, NULL);

  while (entries->len < limit)
    {
      guint want = filter_user != NULL ? LIST_PAGE : limit - entries->len;
      g_autoptr(GPtrArray) records = sp_store_list (store, "audit", term, position, want, error);

      if (records == NULL)
        return NULL;

      for (guint i = 0; i < records->len && entries->len < limit; i++)
        {
          g_autoptr(JsonNode) node = sp_api_record_to_json (g_ptr_array_index (records, i),
                                                            error);

          if (node == NULL)
            return NULL;
          if (filter_user != NULL &&
              g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                     "user", NULL),
                         filter_user) != 0)
            continue;
          if (skip > 0)
            {
              skip--;
              continue;
            }
          g_ptr_array_add (entries, g_steal_pointer (&node));
        }

      if (records->len < want)
        break;
      position += records->len;
    }

  return g_steal_pointer (&entries);
}
