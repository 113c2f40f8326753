/* sp-api.h — the route groups behind /api/v1, one file per resource (sp-api-*.c)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each group file owns its routes and handlers and exports only its table. A handler reads
 * its request, calls the core, and ends with sp_request_respond() or sp_request_fail().
 * Handlers of SP_ROUTE_WRITE routes already run inside the command's transaction.
 */

#pragma once

#include "sp-router.h"

G_BEGIN_DECLS

const SpRoute *sp_api_session_routes      (guint *n_routes);  /* sign-in, me, units */
const SpRoute *sp_api_patient_routes      (guint *n_routes);  /* patient registry */
const SpRoute *sp_api_episode_routes      (guint *n_routes);  /* episodes and transitions */
const SpRoute *sp_api_message_routes      (guint *n_routes);  /* messages, inbox, acks */
const SpRoute *sp_api_planning_routes     (guint *n_routes);  /* planning basis, tracks */
const SpRoute *sp_api_patient_info_routes (guint *n_routes);  /* patientinformation */
const SpRoute *sp_api_sip_routes          (guint *n_routes);  /* SIP */
const SpRoute *sp_api_changes_routes      (guint *n_routes);  /* changes feed */
const SpRoute *sp_api_audit_routes        (guint *n_routes);  /* audit log */
const SpRoute *sp_api_report_routes       (guint *n_routes);  /* uppföljning */

G_END_DECLS
