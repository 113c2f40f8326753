/* sp-admission-dialog.c — a new admission: patient lookup and the admission notice
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The identity number is checked and looked up in the registry as it is typed
 * (sp-admission-dialog-identity.c); the units to address come from the server's directory
 * (sp-admission-dialog-units.c). A registered patient is shown read-only (DOMAIN §3: the
 * registry is the source, not retyping); an unknown one is registered with the admission.
 * Protected identity is the server's to refuse, in its own words. Every write goes through
 * the outbox: the patient if new, then the episode, whose id "admitted" carries.
 */

#define G_LOG_DOMAIN "sp-admission-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-admission-dialog-private.h"
#include "sp-json.h"
#include "sp-ui-util.h"

G_DEFINE_FINAL_TYPE (SpAdmissionDialog, sp_admission_dialog, ADW_TYPE_WINDOW)

enum {
  ADMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Messages beside the fields ---- */

/* @text NULL hides it; @error says whether it is a refusal or a hint. */
void
sp_admission_dialog_set_message (GtkLabel   *label,
                                 const char *text,
                                 gboolean    error)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  sp_ui_set_error_style (GTK_WIDGET (label), error);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_busy (SpAdmissionDialog *self,
          gboolean           busy)
{
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admission.admit", !busy);
}

/* ---- Moving on with Enter ---- */

static void
admit (SpAdmissionDialog *self);

/* The entry rows in the order Enter walks them; hidden ones are skipped. */
static void
row_activated_cb (SpAdmissionDialog *self,
                  AdwEntryRow       *row)
{
  AdwEntryRow *order[] = {
    self->identity_row, self->given_name_row, self->family_name_row, self->street_row,
    self->postal_code_row, self->city_row, self->discharge_row, self->reason_row,
    self->doctor_row,
  };
  guint i = 0;

  while (i < G_N_ELEMENTS (order) && order[i] != row)
    i++;
  for (i++; i < G_N_ELEMENTS (order); i++)
    if (gtk_widget_is_visible (GTK_WIDGET (order[i])))
      {
        gtk_widget_grab_focus (GTK_WIDGET (order[i]));
        return;
      }

  /* Enter in the last field sends. */
  admit (self);
}

static void
identity_activated_cb (SpAdmissionDialog *self)
{
  /* Moves on only from a valid number whose search has answered. */
  if (sp_admission_dialog_check_identity (self, TRUE) && self->looked_up)
    row_activated_cb (self, self->identity_row);
}

/* ---- The estimated discharge date ---- */

static gboolean
check_discharge (SpAdmissionDialog *self,
                 gboolean           finished,
                 GDate             *out_date)
{
  const char *text = row_text (self->discharge_row);
  const char *problem = NULL;

  if (*text == '\0')
    problem = finished ? _("Enter the estimated discharge date.") : NULL;
  else if (!sp_json_parse_date (text, out_date))
    problem = finished || strlen (text) >= 10 ? _("Write the date as YYYY-MM-DD, e.g. 2030-03-14.")
                                               : NULL;

  sp_ui_set_error_style (GTK_WIDGET (self->discharge_row), problem != NULL);
  sp_admission_dialog_set_message (self->discharge_message, problem, TRUE);

  return problem == NULL && *text != '\0';
}

static void
discharge_changed_cb (SpAdmissionDialog *self)
{
  GDate date;

  check_discharge (self, FALSE, &date);
}

/* ---- Sending ---- */

static void
show_error (SpAdmissionDialog *self,
            const GError      *error)
{
  set_busy (self, FALSE);
  sp_admission_dialog_set_message (self->error_label, error->message, TRUE);
}

/* The outbox keeps it: nothing more to do here but say so. */
static void
show_queued (SpAdmissionDialog *self)
{
  set_busy (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admission.admit", FALSE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  sp_admission_dialog_set_message (self->error_label,
                                   _("Saved; it will be sent when the connection is back."),
                                   FALSE);
}

static void
episode_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpAdmissionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *episode_id = NULL;
  SpOutboxOutcome outcome = SP_OUTBOX_OUTCOME_APPLIED;
  g_autoptr(JsonNode) episode = sp_outbox_submit_finish (SP_OUTBOX (object), result, &outcome,
                                                         &error);
  JsonObject *rendered;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (episode == NULL && error == NULL)
    {
      show_queued (self);
      return;
    }
  if (episode == NULL ||
      (rendered = sp_json_node_get_object (episode, "$", &error)) == NULL ||
      !sp_json_get_string (rendered, "id", TRUE, MAX_ID, &episode_id, &error))
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[ADMITTED], 0, episode_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_episode (SpAdmissionDialog *self,
                const GDate       *discharge)
{
  JsonObject *body = json_object_new ();
  g_autoptr(JsonNode) node = sp_json_node_new_object (body);
  g_autofree char *reason = sp_ui_dup_text (GTK_EDITABLE (self->reason_row));
  g_autofree char *doctor = sp_ui_dup_text (GTK_EDITABLE (self->doctor_row));

  json_object_set_string_member (body, "patient_id", self->patient_id);
  json_object_set_array_member (body, "addressing", sp_admission_dialog_dup_addressing (self));
  sp_json_set_date (body, "estimated_discharge", discharge);
  sp_json_set_string (body, "reason_for_contact", reason);
  sp_json_set_string (body, "responsible_doctor", doctor);
  sp_outbox_submit_async (sp_account_get_outbox (self->account), "POST", "/api/v1/episodes",
                          node, NULL, self->cancellable, episode_cb, g_object_ref (self));
}

static void
patient_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpAdmissionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  SpOutboxOutcome outcome = SP_OUTBOX_OUTCOME_APPLIED;
  g_autoptr(JsonNode) patient = sp_outbox_submit_finish (SP_OUTBOX (object), result, &outcome,
                                                         &error);
  JsonNode *registered = patient;
  JsonObject *rendered;
  GDate discharge;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (patient == NULL && error == NULL)
    {
      show_queued (self);
      return;
    }

  /* Registered meanwhile (by a colleague): that is the patient. */
  if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_CONFLICT) &&
      sp_client_error_get_current (error) != NULL)
    {
      registered = sp_client_error_get_current (error);
      g_clear_error (&error);
    }

  if (registered == NULL ||
      (rendered = sp_json_node_get_object (registered, "$", &error)) == NULL ||
      !sp_json_get_string (rendered, "id", TRUE, MAX_ID, &self->patient_id, &error))
    {
      /* A refusal of the patient (protected identity, a name missing) goes beside it. */
      set_busy (self, FALSE);
      sp_admission_dialog_set_message (self->patient_error, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->given_name_row));
      return;
    }

  check_discharge (self, TRUE, &discharge);
  create_episode (self, &discharge);
}

static void
create_patient (SpAdmissionDialog *self)
{
  JsonObject *body = json_object_new ();
  g_autoptr(JsonNode) node = sp_json_node_new_object (body);
  g_autofree char *given_name = sp_ui_dup_text (GTK_EDITABLE (self->given_name_row));
  g_autofree char *family_name = sp_ui_dup_text (GTK_EDITABLE (self->family_name_row));
  g_autofree char *street = sp_ui_dup_text (GTK_EDITABLE (self->street_row));
  g_autofree char *postal_code = sp_ui_dup_text (GTK_EDITABLE (self->postal_code_row));
  g_autofree char *city = sp_ui_dup_text (GTK_EDITABLE (self->city_row));

  json_object_set_string_member (body, "identity", sp_identity_get_normalised (self->identity));
  sp_json_set_string (body, "given_name", given_name);
  sp_json_set_string (body, "family_name", family_name);
  if (street != NULL || postal_code != NULL || city != NULL)
    {
      JsonObject *address = json_object_new ();

      sp_json_set_string (address, "street", street);
      sp_json_set_string (address, "postal_code", postal_code);
      sp_json_set_string (address, "city", city);
      json_object_set_object_member (body, "address", address);
    }
  /* Sent, not judged here: the server refuses it with the words of DOMAIN §3. */
  if (gtk_switch_get_active (self->protected_switch))
    json_object_set_boolean_member (body, "protected_identity", TRUE);

  sp_outbox_submit_async (sp_account_get_outbox (self->account), "POST", "/api/v1/patients",
                          node, NULL, self->cancellable, patient_cb, g_object_ref (self));
}

/* Checks every field, says what is missing beside it and focuses the first; then sends. */
static void
admit (SpAdmissionDialog *self)
{
  GtkWidget *first_problem = NULL;
  GtkWidget *units_problem;
  gboolean new_patient = self->looked_up && self->patient_id == NULL;
  GDate discharge;

  sp_admission_dialog_set_message (self->error_label, NULL, TRUE);
  sp_admission_dialog_set_message (self->patient_error, NULL, TRUE);

  if (!sp_admission_dialog_check_identity (self, TRUE))
    first_problem = GTK_WIDGET (self->identity_row);
  else if (!self->looked_up)
    {
      /* Still searching, or the search failed: its message stands beside the number. */
      first_problem = GTK_WIDGET (self->identity_row);
    }
  else if (new_patient && !gtk_switch_get_active (self->protected_switch) &&
           (*row_text (self->given_name_row) == '\0' || *row_text (self->family_name_row) == '\0'))
    {
      sp_admission_dialog_set_message (self->patient_error,
                                       _("Enter the given name and the family name."), TRUE);
      first_problem = GTK_WIDGET (*row_text (self->given_name_row) == '\0'
                                  ? self->given_name_row : self->family_name_row);
    }

  if (!check_discharge (self, TRUE, &discharge) && first_problem == NULL)
    first_problem = GTK_WIDGET (self->discharge_row);

  units_problem = sp_admission_dialog_check_units (self);
  if (first_problem == NULL)
    first_problem = units_problem;

  if (first_problem != NULL)
    {
      gtk_widget_grab_focus (first_problem);
      return;
    }

  set_busy (self, TRUE);
  if (self->patient_id != NULL)
    create_episode (self, &discharge);
  else
    create_patient (self);
}

static void
admit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  admit (SP_ADMISSION_DIALOG (widget));
}

/* ---- The class ---- */

static void
sp_admission_dialog_dispose (GObject *object)
{
  SpAdmissionDialog *self = SP_ADMISSION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup_cancellable);

  G_OBJECT_CLASS (sp_admission_dialog_parent_class)->dispose (object);
}

static void
sp_admission_dialog_finalize (GObject *object)
{
  SpAdmissionDialog *self = SP_ADMISSION_DIALOG (object);

  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_pointer (&self->identity, sp_identity_unref);
  g_clear_pointer (&self->patient_id, g_free);
  g_clear_pointer (&self->units, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_admission_dialog_parent_class)->finalize (object);
}

static void
sp_admission_dialog_class_init (SpAdmissionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_admission_dialog_dispose;
  object_class->finalize = sp_admission_dialog_finalize;

  /**
   * SpAdmissionDialog::admitted:
   * @episode_id: the new episode
   *
   * The admission notice was created.
   */
  signals[ADMITTED] = g_signal_new ("admitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/se/samplan/Samplan/ui/admission/sp-admission-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, identity_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, identity_message);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, found_group);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, new_group);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, street_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, protected_switch);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, patient_error);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, discharge_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, doctor_row);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, discharge_message);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, units_group);
  gtk_widget_class_bind_template_child (widget_class, SpAdmissionDialog, units_message);
  gtk_widget_class_bind_template_callback (widget_class, identity_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, discharge_changed_cb);

  sp_admission_dialog_identity_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "admission.admit", NULL, admit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_admission_dialog_init (SpAdmissionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  sp_admission_dialog_units_init (self);
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
  sp_admission_dialog_check_identity (self, FALSE);
  sp_admission_dialog_units_load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->identity_row));

  return self;
}