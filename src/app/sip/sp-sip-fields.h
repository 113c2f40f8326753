/* sp-sip-fields.h — reading and showing the SIP editor's dates and times
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GDateTime *sp_sip_fields_parse_time   (const char *text);
void       sp_sip_fields_set_text     (GtkEditable *editable,
                                       const char  *text);
gboolean   sp_sip_fields_check_time   (GtkEditable *editable,
                                       GDateTime  **out_time);

G_END_DECLS
