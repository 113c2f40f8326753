/* sp-print.h — printing and PDF: the documents that replace the paper templates
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "sp-account.h"
#include "sp-print-layout.h"

G_BEGIN_DECLS

/**
 * SpPrintKind:
 * @SP_PRINT_PATIENT_INFORMATION: an episode's patientinformation (record id: the episode)
 * @SP_PRINT_SIP: a SIP's established version (record id: the SIP)
 * @SP_PRINT_SIP_MEETING_FORM: the form "stöddokumentation vid faktiskt SIP-möte"
 * @SP_PRINT_PLANNING_FORM: the planning basis form
 * @SP_PRINT_PATIENT_INFORMATION_FORM: the patientinformation form
 *
 * What to print. The last three are the paper forms for an outage, blank or pre-filled.
 */
typedef enum
{
  SP_PRINT_PATIENT_INFORMATION,
  SP_PRINT_SIP,
  SP_PRINT_SIP_MEETING_FORM,
  SP_PRINT_PLANNING_FORM,
  SP_PRINT_PATIENT_INFORMATION_FORM,
} SpPrintKind;

SpPrintLayout *sp_print_layout_new_for_kind (SpPrintKind              kind,
                                             JsonNode                *data,
                                             GHashTable              *unit_names,
                                             GDateTime               *printed_at);
gboolean       sp_print_export_pdf          (SpPrintKind              kind,
                                             JsonNode                *data,
                                             const char              *path,
                                             GError                 **error);
gboolean       sp_print_run                 (SpPrintLayout           *layout,
                                             GtkWindow               *parent,
                                             GtkPrintOperationAction  action,
                                             const char              *export_path,
                                             GError                 **error);
void           sp_print_save_as_pdf         (SpPrintLayout           *layout,
                                             GtkWindow               *parent,
                                             const char              *suggested_name);
void           sp_print_show_error          (GtkWindow               *parent,
                                             const GError            *error);

void           sp_print_show_templates      (GtkWindow               *parent,
                                             SpAccount               *account);
void           sp_print_document            (GtkWindow               *parent,
                                             SpAccount               *account,
                                             SpPrintKind              kind,
                                             const char              *record_id);

G_END_DECLS
