/* sp-conflict-dialog.h — what the server did not take, mine and theirs side by side
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-outbox.h"

G_BEGIN_DECLS

#define SP_TYPE_CONFLICT_DIALOG (sp_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpConflictDialog, sp_conflict_dialog, SP, CONFLICT_DIALOG, AdwWindow)

GtkWidget *sp_conflict_dialog_new (SpOutbox *outbox);

G_END_DECLS
