/* sp-account.h — the signed-in session as the pages see it
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sp-cache.h"
#include "sp-client.h"
#include "sp-outbox.h"
#include "sp-sync.h"
#include "sp-types.h"

G_BEGIN_DECLS

#define SP_TYPE_ACCOUNT (sp_account_get_type ())

G_DECLARE_FINAL_TYPE (SpAccount, sp_account, SP, ACCOUNT, GObject)

SpAccount  *sp_account_new             (SpClient   *client,
                                        SpCache    *cache,
                                        SpSync     *sync,
                                        SpOutbox   *outbox,
                                        JsonNode   *profile);
SpClient   *sp_account_get_client      (SpAccount  *self);
SpCache    *sp_account_get_cache       (SpAccount  *self);
SpSync     *sp_account_get_sync        (SpAccount  *self);
SpOutbox   *sp_account_get_outbox      (SpAccount  *self);
JsonObject *sp_account_get_profile     (SpAccount  *self);
const char *sp_account_get_unit_id     (SpAccount  *self);
SpUnitKind  sp_account_get_unit_kind   (SpAccount  *self);
const char *sp_account_get_user_name   (SpAccount  *self);
const char *sp_account_get_user_title  (SpAccount  *self);
gboolean    sp_account_has_role        (SpAccount  *self,
                                        const char *role);
const char *sp_account_get_unit_name   (SpAccount  *self,
                                        const char *unit_id);
GDateTime  *sp_account_dup_now         (SpAccount  *self);

G_END_DECLS
