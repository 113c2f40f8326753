/* sp-inbox-local.h — the inbox put together from the local copy
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-account.h"
#include "sp-unit.h"

G_BEGIN_DECLS

GPtrArray *sp_inbox_local_items       (GPtrArray            *episodes,
                                       GPtrArray            *messages,
                                       GPtrArray            *patients,
                                       const char           *unit_id,
                                       SpUnitKind            kind,
                                       GDateTime            *now);
void       sp_inbox_local_load_async  (SpAccount            *account,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GPtrArray *sp_inbox_local_load_finish (SpAccount            *account,
                                       GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
