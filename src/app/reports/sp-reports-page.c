/* sp-reports-page.c — Uppföljning: lead times, liability and deadlines per municipality and month
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder: built by issue #8.
 */

#define G_LOG_DOMAIN "sp-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-reports-page.h"

struct _SpReportsPage
{
  AdwBin     parent_instance;

  SpAccount *account;
};

G_DEFINE_FINAL_TYPE (SpReportsPage, sp_reports_page, ADW_TYPE_BIN)

static void
sp_reports_page_dispose (GObject *object)
{
  SpReportsPage *self = SP_REPORTS_PAGE (object);

  g_clear_object (&self->account);

  G_OBJECT_CLASS (sp_reports_page_parent_class)->dispose (object);
}

static void
sp_reports_page_class_init (SpReportsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_reports_page_dispose;
}

static void
sp_reports_page_init (SpReportsPage *self)
{
}

/**
 * sp_reports_page_new:
 * @account: the session
 *
 * Returns: (transfer floating): a new #SpReportsPage
 */
GtkWidget *
sp_reports_page_new (SpAccount *account)
{
  SpReportsPage *self;
  GtkWidget *status;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);

  self = g_object_new (SP_TYPE_REPORTS_PAGE, NULL);
  self->account = g_object_ref (account);

  status = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Follow-up"));
  adw_bin_set_child (ADW_BIN (self), status);

  return GTK_WIDGET (self);
}
