/* sp-print.h — printing and PDF: the documents that replace the paper templates
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-account.h"

G_BEGIN_DECLS

/**
 * SpPrintKind:
 * @SP_PRINT_PATIENT_INFORMATION: an episode's patientinformation (record id: the episode)
 * @SP_PRINT_SIP: a SIP's established version (record id: the SIP)
 *
 * What sp_print_document() prints.
 */
typedef enum
{
  SP_PRINT_PATIENT_INFORMATION,
  SP_PRINT_SIP,
} SpPrintKind;

void sp_print_show_templates (GtkWindow   *parent,
                              SpAccount   *account);
void sp_print_document       (GtkWindow   *parent,
                              SpAccount   *account,
                              SpPrintKind  kind,
                              const char  *record_id);

G_END_DECLS
