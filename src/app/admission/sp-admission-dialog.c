/* sp-admission-dialog.c — a new admission: patient lookup and the admission notice
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder: built by issue #5.
 */

#define G_LOG_DOMAIN "sp-admission-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-admission-dialog.h"

struct _SpAdmissionDialog
{
  AdwWindow  parent_instance;

  SpAccount *account;
};

G_DEFINE_FINAL_TYPE (SpAdmissionDialog, sp_admission_dialog, ADW_TYPE_WINDOW)

static void
sp_admission_dialog_dispose (GObject *object)
{
  SpAdmissionDialog *self = SP_ADMISSION_DIALOG (object);

  g_clear_object (&self->account);

  G_OBJECT_CLASS (sp_admission_dialog_parent_class)->dispose (object);
}

enum {
  ADMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sp_admission_dialog_class_init (SpAdmissionDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_admission_dialog_dispose;

  /**
   * SpAdmissionDialog::admitted:
   * @episode_id: the new episode
   *
   * The admission notice was created (or queued to be).
   */
  signals[ADMITTED] = g_signal_new ("admitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sp_admission_dialog_init (SpAdmissionDialog *self)
{
}

/**
 * sp_admission_dialog_new:
 * @parent: the window it belongs to
 * @account: the session (an inpatient unit)
 *
 * Emits #SpAdmissionDialog::admitted with the new episode's id when the notice is created.
 *
 * Returns: (transfer none): a new modal #SpAdmissionDialog; GTK owns toplevel windows
 */
SpAdmissionDialog *
sp_admission_dialog_new (GtkWindow *parent,
                         SpAccount *account)
{
  SpAdmissionDialog *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);

  self = g_object_new (SP_TYPE_ADMISSION_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("New Admission"),
                       NULL);
  self->account = g_object_ref (account);

  return self;
}
