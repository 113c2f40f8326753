/* sp-audit.h — the append-only, hash-chained log of every read and write of patient data
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-request.h"
#include "sp-store.h"

G_BEGIN_DECLS

/**
 * SpAuditSubject:
 * @patient_id: (nullable): whom the entry concerns
 * @kind: (nullable): the kind of record
 * @id: (nullable): the record
 *
 * What one entry of a batch is about.
 */
typedef struct
{
  const char *patient_id;
  const char *kind;
  const char *id;
} SpAuditSubject;

gboolean sp_audit_log    (SpStore     *store,
                          SpRequest   *request,
                          GDateTime   *now,
                          const char  *action,
                          const char  *patient_id,
                          const char  *kind,
                          const char  *id,
                          GError     **error);
gboolean sp_audit_log_many (SpStore               *store,
                            SpRequest             *request,
                            GDateTime             *now,
                            const char            *action,
                            const SpAuditSubject  *subjects,
                            guint                  n_subjects,
                            GError               **error);
gboolean sp_audit_verify (SpStore     *store,
                          gint64      *out_entries,
                          gint64      *out_first_broken,
                          GError     **error);

gboolean   sp_audit_get_head (SpStore     *store,
                              gint64      *out_number,
                              char       **out_hash,
                              GError     **error);
GPtrArray *sp_audit_list     (SpStore     *store,
                              const char  *patient_id,
                              const char  *username,
                              guint        offset,
                              guint        limit,
                              GError     **error);

G_END_DECLS
