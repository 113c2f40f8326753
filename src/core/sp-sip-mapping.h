/* sp-sip-mapping.h — the kartläggning (SBAR) prepared with the patient before the meeting
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SP_TYPE_SIP_MAPPING (sp_sip_mapping_get_type ())

/**
 * SpSipMapping:
 * @situation: (nullable): S, situation
 * @background: (nullable): B, bakgrund
 * @current_state: (nullable): A, aktuellt tillstånd
 * @recommendation: (nullable): R, rekommendation
 *
 * Free text; every part is optional (the mapping itself is, too).
 */
typedef struct
{
  char *situation;
  char *background;
  char *current_state;
  char *recommendation;
} SpSipMapping;

GType         sp_sip_mapping_get_type      (void) G_GNUC_CONST;
SpSipMapping *sp_sip_mapping_new           (const char          *situation,
                                            const char          *background,
                                            const char          *current_state,
                                            const char          *recommendation);
SpSipMapping *sp_sip_mapping_copy          (const SpSipMapping  *mapping);
void          sp_sip_mapping_free          (SpSipMapping        *mapping);
gboolean      sp_sip_mapping_equal         (const SpSipMapping  *a,
                                            const SpSipMapping  *b);
JsonNode     *sp_sip_mapping_to_json       (const SpSipMapping  *mapping);
SpSipMapping *sp_sip_mapping_new_from_json (JsonNode            *node,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipMapping, sp_sip_mapping_free)

G_END_DECLS
