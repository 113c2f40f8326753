/* sp-changes-page.h — a page of GET /changes read without building a JSON tree
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SpChangesItem:
 * @kind: the item's kind
 * @id: its id
 * @parent: (nullable): its parent's id
 * @deleted: whether it is a tombstone
 * @record: (nullable): the record's JSON text exactly as received (an object), not
 *   NUL-terminated; %NULL for a tombstone
 * @record_length: its length in bytes
 *
 * One item of the page; valid only during the callback.
 */
typedef struct
{
  const char *kind;
  const char *id;
  const char *parent;
  gboolean    deleted;
  const char *record;
  gsize       record_length;
} SpChangesItem;

typedef gboolean (*SpChangesItemFunc) (const SpChangesItem  *item,
                                       gpointer              user_data,
                                       GError              **error);

gboolean sp_changes_page_scan (const char         *text,
                               gsize               length,
                               SpChangesItemFunc   func,
                               gpointer            user_data,
                               gint64             *out_next,
                               gboolean           *out_more,
                               GError            **error);

gboolean sp_changes_page_peek (const char         *text,
                               gsize               length,
                               gint64             *out_next,
                               gboolean           *out_more);

G_END_DECLS
