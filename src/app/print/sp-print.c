/* sp-print.c — printing and PDF: the documents that replace the paper templates
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder: built by issue #6.
 */

#define G_LOG_DOMAIN "sp-print"

#include "config.h"

#include "sp-print.h"

/**
 * sp_print_show_templates:
 * @parent: the window to print from
 * @account: the session, whose local copy pre-fills the templates
 *
 * Offers the paper templates for an outage, blank or pre-filled.
 */
void
sp_print_show_templates (GtkWindow *parent,
                         SpAccount *account)
{
  g_return_if_fail (SP_IS_ACCOUNT (account));
}

/**
 * sp_print_document:
 * @parent: the window to print from
 * @account: the session
 * @kind: what to print
 * @record_id: the episode or SIP
 *
 * Prints (or saves as PDF) one document, from the local copy.
 */
void
sp_print_document (GtkWindow   *parent,
                   SpAccount   *account,
                   SpPrintKind  kind,
                   const char  *record_id)
{
  g_return_if_fail (SP_IS_ACCOUNT (account));
  g_return_if_fail (record_id != NULL);
}
