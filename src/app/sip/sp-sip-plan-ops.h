/* sp-sip-plan-ops.h — the plan operations that turn the server's plan into the edited one
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-sip-plan.h"

G_BEGIN_DECLS

JsonArray *sp_sip_plan_ops_build (SpSipPlan *server,
                                  SpSipPlan *wanted);

G_END_DECLS
