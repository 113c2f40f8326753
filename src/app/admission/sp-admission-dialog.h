/* sp-admission-dialog.h — a new admission: patient lookup and the admission notice
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"

G_BEGIN_DECLS

#define SP_TYPE_ADMISSION_DIALOG (sp_admission_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpAdmissionDialog, sp_admission_dialog, SP, ADMISSION_DIALOG, AdwWindow)

SpAdmissionDialog *sp_admission_dialog_new (GtkWindow *parent,
                                            SpAccount *account);

G_END_DECLS
