/* sp-patient-info-editor.c — patientinformation: this unit's section and the whole document
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder: built by issue #6.
 */

#define G_LOG_DOMAIN "sp-patient-info-editor"

#include "config.h"

#include "sp-patient-info-editor.h"

struct _SpPatientInfoEditor
{
  AdwBin     parent_instance;

  SpAccount *account;
  char      *episode_id;
};

G_DEFINE_FINAL_TYPE (SpPatientInfoEditor, sp_patient_info_editor, ADW_TYPE_BIN)

static void
sp_patient_info_editor_dispose (GObject *object)
{
  SpPatientInfoEditor *self = SP_PATIENT_INFO_EDITOR (object);

  g_clear_object (&self->account);
  g_clear_pointer (&self->episode_id, g_free);

  G_OBJECT_CLASS (sp_patient_info_editor_parent_class)->dispose (object);
}

static void
sp_patient_info_editor_class_init (SpPatientInfoEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_patient_info_editor_dispose;
}

static void
sp_patient_info_editor_init (SpPatientInfoEditor *self)
{
}

/**
 * sp_patient_info_editor_new:
 * @account: the session
 * @episode_id: the episode the patientinformation belongs to
 *
 * Returns: (transfer floating): a new #SpPatientInfoEditor
 */
GtkWidget *
sp_patient_info_editor_new (SpAccount  *account,
                            const char *episode_id)
{
  SpPatientInfoEditor *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (episode_id != NULL, NULL);

  self = g_object_new (SP_TYPE_PATIENT_INFO_EDITOR, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);

  return GTK_WIDGET (self);
}
