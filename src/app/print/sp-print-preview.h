/* sp-print-preview.h — the pages of a document on screen, exactly as they will be printed
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-print-layout.h"

G_BEGIN_DECLS

#define SP_TYPE_PRINT_PREVIEW (sp_print_preview_get_type ())

G_DECLARE_FINAL_TYPE (SpPrintPreview, sp_print_preview, SP, PRINT_PREVIEW, GtkWidget)

GtkWidget     *sp_print_preview_new        (void);
SpPrintLayout *sp_print_preview_get_layout (SpPrintPreview *self);
void           sp_print_preview_set_layout (SpPrintPreview *self,
                                            SpPrintLayout  *layout);

G_END_DECLS
