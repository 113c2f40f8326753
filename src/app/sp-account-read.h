/* sp-account-read.h — a record from the server, or offline from the local copy
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-account.h"

G_BEGIN_DECLS

void      sp_account_read_async  (SpAccount           *self,
                                  const char          *path,
                                  const char          *kind,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
JsonNode *sp_account_read_finish (SpAccount           *self,
                                  GAsyncResult        *result,
                                  gboolean            *out_from_copy,
                                  GError             **error);

G_END_DECLS
