/* sp-server.h — samplan-server's HTTP front: routing, sign-in, one transaction per command
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-region-profile.h"
#include "sp-request.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_SERVER (sp_server_get_type ())

G_DECLARE_FINAL_TYPE (SpServer, sp_server, SP, SERVER, GObject)

SpServer              *sp_server_new          (SpStore                *store,
                                               const SpRegionProfile  *profile);
gboolean               sp_server_listen       (SpServer               *self,
                                               const char             *address,
                                               const char             *tls_cert_file,
                                               const char             *tls_key_file,
                                               GError                **error);
gboolean               sp_server_add_trusted_proxy (SpServer               *self,
                                                    const char             *address,
                                                    GError                **error);
char                  *sp_server_get_uri      (SpServer               *self);
SpStore               *sp_server_get_store    (SpServer               *self);
const SpRegionProfile *sp_server_get_profile  (SpServer               *self);
GDateTime             *sp_server_get_now      (SpServer               *self);
void                   sp_server_shutdown     (SpServer               *self);

G_END_DECLS
