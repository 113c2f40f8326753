/* sp-patient-info-editor-private.h — the editor's state, shared by its two files
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sp-patient-info-editor.c: loading, the preview and printing;
 * sp-patient-info-editor-save.c: saving by itself, with a draft on this computer;
 * sp-patient-info-editor-form.c: this unit's form and the document it makes.
 */

#pragma once

#include "sp-patient-info-editor.h"
#include "sp-print-preview.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *what;
  GtkWidget *when;
  GtkWidget *who;
} Item;

struct _SpPatientInfoEditor
{
  AdwBin                parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwPreferencesGroup  *interventions_group;
  AdwPreferencesGroup  *others_group;
  AdwEntryRow          *contact_row;
  AdwEntryRow          *meets_row;
  AdwEntryRow          *if_worse_row;
  AdwEntryRow          *medication_row;
  AdwEntryRow          *aids_row;
  GtkLabel             *status_label;
  SpPrintPreview       *preview;

  SpAccount            *account;
  char                 *episode_id;
  GCancellable         *cancellable;
  JsonObject           *document;     /* as the server last gave it; NULL until loaded */
  gint64                revision;     /* of this unit's section; 0 before it exists */
  GPtrArray            *items;        /* of Item */
  GPtrArray            *other_rows;
  guint                 preview_id;
  gboolean              filling;

  /* Saving (sp-patient-info-editor-save.c) */
  guint                 draft_id;     /* the pause before the draft is written */
  guint                 save_id;      /* the pause before the section is sent */
  gboolean              dirty;        /* changed since the last save was sent */
  gboolean              saving;       /* a save is on its way */
  gboolean              has_draft;
  JsonObject           *sending;      /* the section of the save on its way */
};

/* sp-patient-info-editor.c */
void        sp_patient_info_editor_changed         (SpPatientInfoEditor *self);
void        sp_patient_info_editor_refresh_preview (SpPatientInfoEditor *self);

/* sp-patient-info-editor-save.c */
void        sp_patient_info_editor_schedule_save   (SpPatientInfoEditor *self);
void        sp_patient_info_editor_save_now        (SpPatientInfoEditor *self);
void        sp_patient_info_editor_save_detached   (SpPatientInfoEditor *self);
void        sp_patient_info_editor_restore_draft   (SpPatientInfoEditor *self);
JsonObject *sp_patient_info_editor_dup_kept_section (SpPatientInfoEditor *self);

/* sp-patient-info-editor-form.c */
void        sp_patient_info_editor_init_form       (SpPatientInfoEditor *self);
JsonObject *sp_patient_info_editor_section_of_form (SpPatientInfoEditor *self);
JsonObject *sp_patient_info_editor_merge_document  (SpPatientInfoEditor *self);
GtkWidget  *sp_patient_info_editor_add_item        (SpPatientInfoEditor *self,
                                                    const char          *what,
                                                    const char          *when,
                                                    const char          *who);
void        sp_patient_info_editor_fill_form       (SpPatientInfoEditor *self,
                                                    JsonObject          *section);

G_END_DECLS
