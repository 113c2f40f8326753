/* sp-session.h — the signed-in caller of one request: user, acting unit, token
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"
#include "sp-unit.h"
#include "sp-user.h"

G_BEGIN_DECLS

/* How long a token lives: one working day and then some. */
#define SP_SESSION_LIFETIME_SECONDS (12 * 60 * 60)

#define SP_TYPE_SESSION (sp_session_get_type ())

G_DECLARE_FINAL_TYPE (SpSession, sp_session, SP, SESSION, GObject)

SpSession  *sp_session_authenticate   (SpStore     *store,
                                       const char  *authorization,
                                       const char  *unit_id,
                                       GDateTime   *now,
                                       GError     **error);
char       *sp_session_create         (SpStore     *store,
                                       SpUser      *user,
                                       GDateTime   *now,
                                       GDateTime  **out_expires,
                                       GError     **error);
gboolean    sp_session_revoke         (SpSession   *self,
                                       SpStore     *store,
                                       GError     **error);
SpUser     *sp_session_get_user       (SpSession   *self);
SpUnit     *sp_session_get_unit       (SpSession   *self);
gboolean    sp_session_has_role       (SpSession   *self,
                                       SpRole       role);

SpUser     *sp_session_load_user      (SpStore     *store,
                                       const char  *username,
                                       GError     **error);
SpUnit     *sp_session_load_unit      (SpStore     *store,
                                       const char  *unit_id,
                                       GError     **error);

G_END_DECLS
