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
 * sp_audit_verify:
 * @out_first_broken: (out): 0 if the chain is whole, else the number of the first entry
 *   whose link does not hold (changed, reordered or missing)
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
  gint64 expected = 1;
  const guint page = 1000;

  *out_entries = 0;
  *out_first_broken = 0;

  if (!read_head (store, &head_number, &head_hash, error))
    return FALSE;

  for (guint offset = 0;; offset += page)
    {
      g_autoptr(GPtrArray) records = sp_store_list (store, "audit", NULL, offset, page, error);

      if (records == NULL)
        return FALSE;

      for (guint i = 0; i < records->len; i++, expected++)
        {
          g_autoptr(JsonNode) node = sp_api_record_to_json (g_ptr_array_index (records, i),
                                                            NULL);
          g_autoptr(JsonObject) copy = NULL;
          g_autofree char *canonical = NULL;
          g_autofree char *hash = NULL;
          JsonObject *object = node != NULL ? json_node_get_object (node) : NULL;
          const char *stored_hash;

          if (object == NULL ||
              json_object_get_int_member_with_default (object, "number", -1) != expected ||
              g_strcmp0 (json_object_get_string_member_with_default (object, "previous", ""),
                         previous) != 0)
            {
              *out_first_broken = expected;
              return TRUE;
            }

          /* Recompute the hash over the entry without its "hash" member. */
          stored_hash = json_object_get_string_member_with_default (object, "hash", "");
          copy = json_object_new ();
          json_object_foreach_member (object, copy_unless_hash_cb, copy);
          canonical = canonical_text (copy);
          hash = chain_hash (previous, canonical);
          if (g_strcmp0 (hash, stored_hash) != 0)
            {
              *out_first_broken = expected;
              return TRUE;
            }

          g_free (previous);
          previous = g_steal_pointer (&hash);
        }

      *out_entries += records->len;
      if (records->len < page)
        break;
    }

  /* Entries cut off the end: the head remembers how many there were. */
  if (*out_entries != head_number || g_strcmp0 (previous, head_hash) != 0)
    *out_first_broken = *out_entries + 1;

  return TRUE;
}
