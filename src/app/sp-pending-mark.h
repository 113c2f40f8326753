/* sp-pending-mark.h — "Väntar på att skickas": the user's change is kept, not yet sent
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-outbox.h"

G_BEGIN_DECLS

#define SP_TYPE_PENDING_MARK (sp_pending_mark_get_type ())

G_DECLARE_FINAL_TYPE (SpPendingMark, sp_pending_mark, SP, PENDING_MARK, GtkWidget)

GtkWidget    *sp_pending_mark_new      (void);
SpOutboxMark  sp_pending_mark_get_mark (SpPendingMark *self);
void          sp_pending_mark_set_mark (SpPendingMark *self,
                                        SpOutboxMark   mark);
const char   *sp_pending_mark_get_text (SpPendingMark *self);
void          sp_pending_mark_set_compact (SpPendingMark *self,
                                           gboolean       compact);

G_END_DECLS
