/* sp-sip-mapping-page.h — the kartläggning in SBAR form
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-sip-mapping.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_MAPPING_PAGE (sp_sip_mapping_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSipMappingPage, sp_sip_mapping_page, SP, SIP_MAPPING_PAGE, GtkWidget)

void          sp_sip_mapping_page_load        (SpSipMappingPage   *self,
                                               const SpSipMapping *mapping,
                                               gboolean            editable);
SpSipMapping *sp_sip_mapping_page_dup_mapping (SpSipMappingPage   *self);

G_END_DECLS
