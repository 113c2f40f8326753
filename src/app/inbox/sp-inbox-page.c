/* sp-inbox-page.c — Inkorgen: unacknowledged messages for my units
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder: built by issue #5.
 */

#define G_LOG_DOMAIN "sp-inbox-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-inbox-page.h"

struct _SpInboxPage
{
  AdwBin     parent_instance;

  SpAccount *account;
  AdwStatusPage *status;
};

G_DEFINE_FINAL_TYPE (SpInboxPage, sp_inbox_page, ADW_TYPE_BIN)

static void
sp_inbox_page_dispose (GObject *object)
{
  SpInboxPage *self = SP_INBOX_PAGE (object);

  g_clear_object (&self->account);

  G_OBJECT_CLASS (sp_inbox_page_parent_class)->dispose (object);
}

static void
sp_inbox_page_class_init (SpInboxPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_inbox_page_dispose;
}

static void
sp_inbox_page_init (SpInboxPage *self)
{
}

static void
unread_changed_cb (SpInboxPage *self)
{
  SpSync *sync = sp_account_get_sync (self->account);
  guint unread = sync != NULL ? sp_sync_get_unread (sync) : 0;
  g_autofree char *description = NULL;

  if (unread == 0)
    description = g_strdup (_("Nothing to acknowledge."));
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u message or notice to acknowledge.",
                                                "%u messages or notices to acknowledge.",
                                                unread), unread);
  adw_status_page_set_description (self->status, description);
}

/**
 * sp_inbox_page_new:
 * @account: the session
 *
 * Returns: (transfer floating): a new #SpInboxPage
 */
GtkWidget *
sp_inbox_page_new (SpAccount *account)
{
  SpInboxPage *self;
  GtkWidget *status;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);

  self = g_object_new (SP_TYPE_INBOX_PAGE, NULL);
  self->account = g_object_ref (account);

  status = adw_status_page_new ();
  self->status = ADW_STATUS_PAGE (status);
  adw_status_page_set_title (self->status, _("Inbox"));
  adw_status_page_set_icon_name (self->status, "mail-unread-symbolic");
  adw_bin_set_child (ADW_BIN (self), status);
  if (sp_account_get_sync (account) != NULL)
    g_signal_connect_object (sp_account_get_sync (account), "notify::unread",
                             G_CALLBACK (unread_changed_cb), self, G_CONNECT_SWAPPED);
  unread_changed_cb (self);

  return GTK_WIDGET (self);
}
