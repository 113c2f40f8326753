/* sp-sip-version.h — an established (upprättad) SIP version: a frozen copy of the plan
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-sip-plan.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_VERSION (sp_sip_version_get_type ())

typedef struct _SpSipVersion SpSipVersion;

GType          sp_sip_version_get_type           (void) G_GNUC_CONST;
SpSipVersion  *sp_sip_version_new                (guint          number,
                                                  GDateTime     *established_at,
                                                  const char    *established_by,
                                                  SpSipPlan     *plan);
SpSipVersion  *sp_sip_version_ref                (SpSipVersion  *self);
void           sp_sip_version_unref              (SpSipVersion  *self);

guint          sp_sip_version_get_number         (SpSipVersion  *self);
GDateTime     *sp_sip_version_get_established_at (SpSipVersion  *self);
const char    *sp_sip_version_get_established_by (SpSipVersion  *self);
SpSipPlan     *sp_sip_version_dup_plan           (SpSipVersion  *self);

JsonNode      *sp_sip_version_to_json            (SpSipVersion  *self);
SpSipVersion  *sp_sip_version_new_from_json      (JsonNode      *node,
                                                  GError       **error);
gboolean       sp_sip_version_equal              (SpSipVersion  *a,
                                                  SpSipVersion  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipVersion, sp_sip_version_unref)

G_END_DECLS
