/* sp-admission-dialog-private.h — what the admission dialog's files share
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-admission-dialog.h"
#include "sp-identity.h"

G_BEGIN_DECLS

/* The longest id taken from the server's answers. */
#define MAX_ID 128

struct _SpAdmissionDialog
{
  AdwWindow             parent_instance;

  SpAccount            *account;
  /* The unit directory and the writes; cancelled in dispose. */
  GCancellable         *cancellable;
  /* The registry search of the number as typed now. */
  GCancellable         *lookup_cancellable;
  SpIdentity           *identity;   /* the number, once valid */
  char                 *patient_id; /* found, or registered by this dialog */
  gboolean              looked_up;  /* the registry answered for @identity */
  GPtrArray            *units;      /* UnitChoice */

  /* Template */
  GtkWidget            *cancel_button;
  GtkWidget            *spinner;
  GtkLabel             *error_label;
  AdwEntryRow          *identity_row;
  GtkLabel             *identity_message;
  GtkWidget            *found_group;
  AdwActionRow         *name_row;
  AdwActionRow         *address_row;
  GtkWidget            *new_group;
  AdwEntryRow          *given_name_row;
  AdwEntryRow          *family_name_row;
  AdwEntryRow          *street_row;
  AdwEntryRow          *postal_code_row;
  AdwEntryRow          *city_row;
  GtkSwitch            *protected_switch;
  GtkLabel             *patient_error;
  AdwEntryRow          *discharge_row;
  AdwEntryRow          *reason_row;
  AdwEntryRow          *doctor_row;
  GtkLabel             *discharge_message;
  AdwPreferencesGroup  *units_group;
  GtkLabel             *units_message;
};

/* sp-admission-dialog.c */
void       sp_admission_dialog_set_message     (GtkLabel          *label,
                                                const char        *text,
                                                gboolean           error);

/* sp-admission-dialog-identity.c */
gboolean   sp_admission_dialog_check_identity  (SpAdmissionDialog *self,
                                                gboolean           finished);
void       sp_admission_dialog_identity_class_init (GtkWidgetClass *widget_class);

/* sp-admission-dialog-units.c */
void       sp_admission_dialog_units_init      (SpAdmissionDialog *self);
void       sp_admission_dialog_units_load      (SpAdmissionDialog *self);
GtkWidget *sp_admission_dialog_check_units     (SpAdmissionDialog *self);
JsonArray *sp_admission_dialog_dup_addressing  (SpAdmissionDialog *self);

G_END_DECLS
