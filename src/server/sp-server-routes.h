/* sp-server-routes.h — the whole API as one table
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-router.h"

G_BEGIN_DECLS

const SpRoute *sp_server_routes_get (guint *n_routes);

G_END_DECLS
