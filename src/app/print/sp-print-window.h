/* sp-print-window.h — a document's preview with "Skriv ut…" and "Spara som PDF…"
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"
#include "sp-print.h"

G_BEGIN_DECLS

#define SP_TYPE_PRINT_WINDOW (sp_print_window_get_type ())

G_DECLARE_FINAL_TYPE (SpPrintWindow, sp_print_window, SP, PRINT_WINDOW, AdwWindow)

SpPrintWindow *sp_print_window_new           (GtkWindow      *parent,
                                              const char     *title,
                                              const char     *file_name);
SpPrintWindow *sp_print_window_new_for_forms (GtkWindow      *parent,
                                              SpAccount      *account);
SpPrintLayout *sp_print_window_get_layout    (SpPrintWindow  *self);
void           sp_print_window_set_layout    (SpPrintWindow  *self,
                                              SpPrintLayout  *layout);
void           sp_print_window_set_error     (SpPrintWindow  *self,
                                              const char     *message);
void           sp_print_window_select        (SpPrintWindow  *self,
                                              SpPrintKind     kind,
                                              guint          position);

G_END_DECLS
