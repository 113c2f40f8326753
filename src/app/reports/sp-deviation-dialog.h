/* sp-deviation-dialog.h — drafts a deviation report (avvikelse) from an episode's facts
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"

G_BEGIN_DECLS

#define SP_TYPE_DEVIATION_DIALOG (sp_deviation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpDeviationDialog, sp_deviation_dialog, SP, DEVIATION_DIALOG, AdwWindow)

GtkWidget *sp_deviation_dialog_new       (GtkWindow          *parent,
                                          SpAccount          *account,
                                          const char         *episode_id);
gboolean   sp_deviation_dialog_is_loaded (SpDeviationDialog  *self);
char      *sp_deviation_dialog_dup_text  (SpDeviationDialog  *self);
gboolean   sp_deviation_dialog_write_pdf (SpDeviationDialog  *self,
                                          const char         *path,
                                          GError            **error);

G_END_DECLS
