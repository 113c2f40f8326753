/* sp-unit.h — a care unit and the principal (huvudman) it belongs to
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-types.h"

G_BEGIN_DECLS

#define SP_TYPE_UNIT (sp_unit_get_type ())

G_DECLARE_FINAL_TYPE (SpUnit, sp_unit, SP, UNIT, GObject)

SpUnit      *sp_unit_new                    (const char  *id,
                                             const char  *name,
                                             SpUnitKind   kind);
const char  *sp_unit_get_id                 (SpUnit      *self);
const char  *sp_unit_get_name               (SpUnit      *self);
void         sp_unit_set_name               (SpUnit      *self,
                                             const char  *name);
SpUnitKind   sp_unit_get_kind               (SpUnit      *self);
SpPrincipal  sp_unit_get_principal          (SpUnit      *self);
const char  *sp_unit_get_municipality_code  (SpUnit      *self);
const char  *sp_unit_get_municipality_name  (SpUnit      *self);
void         sp_unit_set_municipality       (SpUnit      *self,
                                             const char  *code,
                                             const char  *name);
const char  *sp_unit_get_phone              (SpUnit      *self);
void         sp_unit_set_phone              (SpUnit      *self,
                                             const char  *phone);

JsonNode    *sp_unit_to_json                (SpUnit      *self);
SpUnit      *sp_unit_new_from_json          (JsonNode    *node,
                                             GError     **error);
gboolean     sp_unit_equal                  (SpUnit      *a,
                                             SpUnit      *b);

G_END_DECLS
