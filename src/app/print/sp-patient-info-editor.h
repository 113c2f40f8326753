/* sp-patient-info-editor.h — patientinformation: this unit's section and the whole document
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"
#include "sp-print-layout.h"

G_BEGIN_DECLS

#define SP_TYPE_PATIENT_INFO_EDITOR (sp_patient_info_editor_get_type ())

G_DECLARE_FINAL_TYPE (SpPatientInfoEditor, sp_patient_info_editor, SP, PATIENT_INFO_EDITOR, AdwBin)

GtkWidget     *sp_patient_info_editor_new         (SpAccount           *account,
                                                   const char          *episode_id);
SpPrintLayout *sp_patient_info_editor_get_preview (SpPatientInfoEditor *self);

G_END_DECLS
