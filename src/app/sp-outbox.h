/* sp-outbox.h — every write the user makes, on its way to the server
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sp-cache.h"
#include "sp-client.h"

G_BEGIN_DECLS

/**
 * SpOutboxOutcome:
 * @SP_OUTBOX_OUTCOME_APPLIED: the server applied it; the answer is its rendering of the record
 * @SP_OUTBOX_OUTCOME_QUEUED: the server could not be reached: kept, and sent when it can be
 */
typedef enum
{
  SP_OUTBOX_OUTCOME_APPLIED,
  SP_OUTBOX_OUTCOME_QUEUED,
} SpOutboxOutcome;

/**
 * SpOutboxMark:
 * @SP_OUTBOX_MARK_NONE: nothing of the user's waits for this record
 * @SP_OUTBOX_MARK_PENDING: a command on it is kept and not yet answered ("Väntar på att
 *   skickas")
 * @SP_OUTBOX_MARK_HELD: the server refused a command on it or found it in conflict; it waits
 *   for the user in the conflict view
 *
 * What a page shows on a record (a row, a page) about the user's commands on it.
 */
typedef enum
{
  SP_OUTBOX_MARK_NONE,
  SP_OUTBOX_MARK_PENDING,
  SP_OUTBOX_MARK_HELD,
} SpOutboxMark;

#define SP_TYPE_OUTBOX (sp_outbox_get_type ())

G_DECLARE_FINAL_TYPE (SpOutbox, sp_outbox, SP, OUTBOX, GObject)

SpOutbox  *sp_outbox_new            (SpClient             *client,
                                     SpCache              *cache,
                                     const char           *author);
guint      sp_outbox_get_n_pending  (SpOutbox             *self);
guint      sp_outbox_get_n_held     (SpOutbox             *self);
GPtrArray *sp_outbox_dup_held       (SpOutbox             *self);
SpOutboxMark sp_outbox_get_mark     (SpOutbox             *self,
                                     const char           *record_id);
GPtrArray *sp_outbox_dup_pending    (SpOutbox             *self,
                                     const char           *record_id);
void       sp_outbox_submit_async   (SpOutbox             *self,
                                     const char           *method,
                                     const char           *path,
                                     JsonNode             *body,
                                     const char           *record_id,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
JsonNode  *sp_outbox_submit_finish  (SpOutbox             *self,
                                     GAsyncResult         *result,
                                     SpOutboxOutcome      *out_outcome,
                                     GError              **error);
void       sp_outbox_push_async     (SpOutbox             *self,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean   sp_outbox_push_finish    (SpOutbox             *self,
                                     GAsyncResult         *result,
                                     GError              **error);
void       sp_outbox_retry          (SpOutbox             *self,
                                     const char           *command_id);
void       sp_outbox_discard        (SpOutbox             *self,
                                     const char           *command_id);
void       sp_outbox_retry_part     (SpOutbox             *self,
                                     const char           *command_id,
                                     JsonObject           *members,
                                     const char * const   *keep_mine);

G_END_DECLS
