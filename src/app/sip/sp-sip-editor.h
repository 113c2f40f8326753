/* sp-sip-editor.h — the SIP: invitation, mapping, plan, signatures, follow-up
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_EDITOR (sp_sip_editor_get_type ())

G_DECLARE_FINAL_TYPE (SpSipEditor, sp_sip_editor, SP, SIP_EDITOR, AdwBin)

GtkWidget  *sp_sip_editor_new             (SpAccount   *account,
                                           const char  *sip_id);
GtkWidget  *sp_sip_editor_new_for_episode (SpAccount   *account,
                                           const char  *episode_id);
const char *sp_sip_editor_get_sip_id      (SpSipEditor *self);
gboolean    sp_sip_editor_is_loaded       (SpSipEditor *self);
gboolean    sp_sip_editor_is_saved        (SpSipEditor *self);

G_END_DECLS
