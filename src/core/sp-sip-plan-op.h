/* sp-sip-plan-op.h — the operations of PATCH /sips/:id/plan, read and applied
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-sip-plan.h"

G_BEGIN_DECLS

typedef enum
{
  SP_SIP_PLAN_OP_SET_MAIN_GOAL,
  SP_SIP_PLAN_OP_ADD_SUB_GOAL,
  SP_SIP_PLAN_OP_UPDATE_SUB_GOAL,
  SP_SIP_PLAN_OP_REMOVE_SUB_GOAL,
  SP_SIP_PLAN_OP_ADD_INTERVENTION,
  SP_SIP_PLAN_OP_UPDATE_INTERVENTION,
  SP_SIP_PLAN_OP_REMOVE_INTERVENTION,
  SP_SIP_PLAN_OP_MOVE_INTERVENTION,
  SP_SIP_PLAN_OP_REORDER_SUB_GOALS,
  SP_SIP_PLAN_OP_SET_CHAIR,
  SP_SIP_PLAN_OP_SET_LEAD,
  SP_SIP_PLAN_OP_SET_FOLLOW_UP,
  SP_SIP_PLAN_OP_ADD_PARTICIPANT,
  SP_SIP_PLAN_OP_REMOVE_PARTICIPANT,
  SP_SIP_PLAN_OP_SIGN, /* only through POST /sips/:id/participants/:pid/signature */
} SpSipPlanOpKind;

typedef struct
{
  SpSipPlanOpKind  kind;
  JsonNode        *node;
  int              index; /* in "operations", for error paths; -1 when not from there */
} SpSipPlanOp;

SpSipPlanOp *sp_sip_plan_op_new     (SpSipPlanOpKind     kind,
                                     JsonNode           *node,
                                     int                 index);
void         sp_sip_plan_op_free    (SpSipPlanOp        *op);
GPtrArray   *sp_sip_plan_ops_read   (JsonObject         *body,
                                     GError            **error);
gboolean     sp_sip_plan_op_apply   (SpSipPlan          *plan,
                                     const SpSipPlanOp  *op,
                                     GDateTime          *now,
                                     GError            **error);
gboolean     sp_sip_plan_apply_body (SpSipPlan          *plan,
                                     JsonObject         *body,
                                     GDateTime          *now,
                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipPlanOp, sp_sip_plan_op_free)

G_END_DECLS
