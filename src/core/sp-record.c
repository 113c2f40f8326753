/* sp-record.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-record"

#include "config.h"

#include <string.h>

#include "sp-record.h"

struct _SpRecord
{
  char      *kind;
  char      *id;
  gint64     revision;
  gint64     seq;
  char      *parent_id;
  gboolean   deleted;
  GDateTime *modified_at;
  /* Always followed by a NUL byte outside its size, so the text getter needs no copy. */
  GBytes    *body;
};

G_DEFINE_BOXED_TYPE (SpRecord, sp_record, sp_record_ref, sp_record_unref)

static void
record_clear (SpRecord *self)
{
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->parent_id, g_free);
  g_clear_pointer (&self->modified_at, g_date_time_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
}

static GBytes *
copy_with_nul (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint8 *copy = g_malloc (size + 1);

  if (size > 0)
    memcpy (copy, data, size);
  copy[size] = '\0';

  return g_bytes_new_take (copy, size);
}

/**
 * sp_record_new:
 * @kind: the record's kind ("episode", "message"…), not empty
 * @id: the record's id within its kind, not empty
 * @revision: the revision, 1 for a record's first write
 * @seq: the global change sequence number at which this revision was written, ≥ 1
 * @parent_id: (nullable): the id of the record this one belongs to
 * @deleted: whether this revision is a tombstone
 * @modified_at: when this revision was written, in whole seconds
 * @body: the opaque body; empty for a tombstone
 *
 * Records are made by stores; domain modules read them. The body is copied.
 *
 * Returns: (transfer full): a new immutable record
 */
SpRecord *
sp_record_new (const char *kind,
               const char *id,
               gint64      revision,
               gint64      seq,
               const char *parent_id,
               gboolean    deleted,
               GDateTime  *modified_at,
               GBytes     *body)
{
  SpRecord *self;

  g_return_val_if_fail (kind != NULL && *kind != '\0', NULL);
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (revision >= 1, NULL);
  g_return_val_if_fail (seq >= 1, NULL);
  g_return_val_if_fail (modified_at != NULL, NULL);
  g_return_val_if_fail (g_date_time_get_microsecond (modified_at) == 0, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (!deleted || g_bytes_get_size (body) == 0, NULL);

  self = g_atomic_rc_box_new0 (SpRecord);
  self->kind = g_strdup (kind);
  self->id = g_strdup (id);
  self->revision = revision;
  self->seq = seq;
  self->parent_id = g_strdup (parent_id);
  self->deleted = !!deleted;
  self->modified_at = g_date_time_ref (modified_at);
  self->body = copy_with_nul (body);

  return self;
}

/**
 * sp_record_ref:
 *
 * Returns: (transfer full): @self
 */
SpRecord *
sp_record_ref (SpRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
sp_record_unref (SpRecord *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) record_clear);
}

const char *
sp_record_get_kind (SpRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kind;
}

const char *
sp_record_get_id (SpRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

gint64
sp_record_get_revision (SpRecord *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->revision;
}

gint64
sp_record_get_seq (SpRecord *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->seq;
}

/**
 * sp_record_get_parent_id:
 *
 * Returns: (nullable): the id of the record this one belongs to, such as a message's episode
 */
const char *
sp_record_get_parent_id (SpRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->parent_id;
}

/**
 * sp_record_is_deleted:
 *
 * Records are never removed: a deletion writes a tombstone revision with an empty body, so
 * the changes feed can tell clients about it.
 *
 * Returns: whether this revision is a tombstone
 */
gboolean
sp_record_is_deleted (SpRecord *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->deleted;
}

/**
 * sp_record_get_modified_at:
 *
 * Returns: (transfer none): when this revision was written
 */
GDateTime *
sp_record_get_modified_at (SpRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->modified_at;
}

/**
 * sp_record_get_body:
 *
 * Returns: (transfer none): the body as stored; the store never looks inside it
 */
GBytes *
sp_record_get_body (SpRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->body;
}

/**
 * sp_record_get_body_text:
 *
 * The body as a NUL-terminated string, for bodies that are JSON text (pass -1 as the length
 * to sp_json_parse()). The text is not validated: a body holding NUL bytes reads short, so use
 * sp_record_get_body() for anything that is not text.
 *
 * Returns: (transfer none): the body text, valid as long as @self
 */
const char *
sp_record_get_body_text (SpRecord *self)
{
  const char *text;

  g_return_val_if_fail (self != NULL, NULL);

  /* GBytes may hand back NULL for an empty body. */
  text = g_bytes_get_data (self->body, NULL);

  return text != NULL ? text : "";
}

/**
 * sp_record_equal:
 *
 * Returns: whether @a and @b are the same revision with the same contents
 */
gboolean
sp_record_equal (SpRecord *a,
                 SpRecord *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_str_equal (a->kind, b->kind) &&
         g_str_equal (a->id, b->id) &&
         a->revision == b->revision &&
         a->seq == b->seq &&
         g_strcmp0 (a->parent_id, b->parent_id) == 0 &&
         a->deleted == b->deleted &&
         g_date_time_equal (a->modified_at, b->modified_at) &&
         g_bytes_equal (a->body, b->body);
}
