/* sp-record.h — one revision of a stored record: kind, id, revision, sequence, opaque body
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SP_TYPE_RECORD (sp_record_get_type ())

typedef struct _SpRecord SpRecord;

GType        sp_record_get_type        (void) G_GNUC_CONST;

SpRecord    *sp_record_new             (const char *kind,
                                        const char *id,
                                        gint64      revision,
                                        gint64      seq,
                                        const char *parent_id,
                                        gboolean    deleted,
                                        GDateTime  *modified_at,
                                        GBytes     *body);
SpRecord    *sp_record_ref             (SpRecord   *self);
void         sp_record_unref           (SpRecord   *self);

const char  *sp_record_get_kind        (SpRecord   *self);
const char  *sp_record_get_id          (SpRecord   *self);
gint64       sp_record_get_revision    (SpRecord   *self);
gint64       sp_record_get_seq         (SpRecord   *self);
const char  *sp_record_get_parent_id   (SpRecord   *self);
gboolean     sp_record_is_deleted      (SpRecord   *self);
GDateTime   *sp_record_get_modified_at (SpRecord   *self);
GBytes      *sp_record_get_body        (SpRecord   *self);
const char  *sp_record_get_body_text   (SpRecord   *self);

gboolean     sp_record_equal           (SpRecord   *a,
                                        SpRecord   *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpRecord, sp_record_unref)

G_END_DECLS
