/* sp-admission-dialog.c — a new admission: patient lookup and the admission notice
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The identity number is checked as it is typed (the core's sp_identity_parse, which knows
 * the forms, dates and the Luhn digit); a complete, valid number is looked up in the
 * server's registry. A registered patient is shown read-only (DOMAIN §3: the registry is the
 * source, not retyping); an unknown one is registered with the admission. Protected
 * identity is the server's to refuse, in its own words. Every write goes through the outbox:
 * the patient if new, then the episode, whose id "admitted" carries.
 */

#define G_LOG_DOMAIN "sp-admission-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-admission-dialog.h"
#include "sp-enum-types.h"
#include "sp-identity.h"
#include "sp-json.h"
#include "sp-patient.h"
#include "sp-types.h"

#define MAX_ID 128

typedef struct
{
  char           *unit_id;
  GtkCheckButton *addressed;
  GtkCheckButton *for_information;
} UnitChoice;

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

G_DEFINE_FINAL_TYPE (SpAdmissionDialog, sp_admission_dialog, ADW_TYPE_WINDOW)

enum {
  ADMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
unit_choice_free (UnitChoice *choice)
{
  g_free (choice->unit_id);
  g_free (choice);
}

/* ---- Messages beside the fields ---- */

/* @text NULL hides it; @error says whether it is a refusal or a hint. */
static void
set_message (GtkLabel   *label,
             const char *text,
             gboolean    error)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* (transfer full): @row's text without surrounding blanks, or NULL if nothing is left. */
static char *
dup_stripped (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (row)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_busy (SpAdmissionDialog *self,
          gboolean           busy)
{
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admission.admit", !busy);
}

/* ---- The identity number, as typed ---- */

static const char *
identity_error_text (const GError *error)
{
  switch (error->code)
    {
    case SP_IDENTITY_ERROR_CHARACTERS:
      return _("Only digits and “-” or “+” may be used.");
    case SP_IDENTITY_ERROR_LENGTH:
      return _("Enter 10 or 12 digits.");
    case SP_IDENTITY_ERROR_SEPARATOR:
      return _("“-” or “+” goes before the last four digits; “+” only for people aged 100 "
               "or more.");
    case SP_IDENTITY_ERROR_DATE:
      return _("The number holds a date that does not exist.");
    case SP_IDENTITY_ERROR_FUTURE:
      return _("The date of birth lies in the future.");
    case SP_IDENTITY_ERROR_CHECKSUM:
      return _("Wrong check digit. Check the number.");
    default:
      return _("This is not a valid identity number.");
    }
}

/* Whether @text may still become a valid number by typing on, so that a length, date or
 * check digit refusal would only interrupt the typing. */
static gboolean
still_typing (const char *text)
{
  guint n_digits = 0;
  int after_separator = -1;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          n_digits++;
          if (after_separator >= 0)
            after_separator++;
        }
      else if (*p == '-' || *p == '+')
        {
          after_separator = 0;
        }
    }

  if (after_separator >= 0)
    return after_separator < 4;
  /* Ten digits from "19" or "20" are as likely the first ten of twelve. */
  return n_digits < 10 || n_digits == 11 ||
         (n_digits == 10 && (g_str_has_prefix (text, "19") || g_str_has_prefix (text, "20")));
}

static void
today (SpAdmissionDialog *self,
       GDate             *out_date)
{
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
show_patient (SpAdmissionDialog *self,
              JsonObject        *patient)
{
  JsonObject *address = json_object_get_member (patient, "address") != NULL &&
                        JSON_NODE_HOLDS_OBJECT (json_object_get_member (patient, "address"))
                        ? json_object_get_object_member (patient, "address") : NULL;
  const char *parts[3] = { NULL };
  g_autofree char *name = NULL;
  g_autofree char *street = NULL;
  g_autofree char *place = NULL;

  name = g_strjoin (" ", json_object_get_string_member_with_default (patient, "given_name", ""),
                    json_object_get_string_member_with_default (patient, "family_name", ""),
                    NULL);
  adw_action_row_set_subtitle (self->name_row, g_strstrip (name));
  if (address != NULL)
    {
      parts[0] = json_object_get_string_member_with_default (address, "postal_code", "");
      parts[1] = json_object_get_string_member_with_default (address, "city", "");
      street = g_strdup (json_object_get_string_member_with_default (address, "street", ""));
      place = g_strstrip (g_strjoin (" ", parts[0], parts[1], NULL));
    }
  if (street != NULL && *street != '\0' && place != NULL && *place != '\0')
    {
      g_autofree char *text = g_strjoin (", ", street, place, NULL);

      adw_action_row_set_subtitle (self->address_row, text);
    }
  else
    {
      adw_action_row_set_subtitle (self->address_row,
                                   street != NULL && *street != '\0' ? street
                                   : place != NULL && *place != '\0' ? place
                                   : _("No address on file"));
    }
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SpAdmissionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_send_finish (SP_CLIENT (object), result, &error);
  JsonObject *patient = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->lookup_cancellable);
  if (node != NULL &&
      (patient = sp_json_node_get_object (node, "$", &error)) != NULL &&
      sp_json_get_string (patient, "id", TRUE, MAX_ID, &self->patient_id, &error))
    {
      self->looked_up = TRUE;
      show_patient (self, patient);
      gtk_widget_set_visible (self->found_group, TRUE);
      set_message (self->identity_message, _("Found in the patient registry."), FALSE);
      return;
    }

  if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_NOT_FOUND))
    {
      self->looked_up = TRUE;
      gtk_widget_set_visible (self->new_group, TRUE);
      set_message (self->identity_message,
                   _("Not in the patient registry: fill in the patient’s details below."),
                   FALSE);
      return;
    }

  /* Offline, or the server's own refusal of the number, in its words. */
  set_message (self->identity_message,
               g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE)
               ? _("The patient registry cannot be searched without a connection.")
               : error->message, TRUE);
}

static void
look_up (SpAdmissionDialog *self)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  self->lookup_cancellable = g_cancellable_new ();
  g_hash_table_insert (query, "identity", (gpointer) sp_identity_get_normalised (self->identity));
  set_message (self->identity_message, _("Looking up the patient…"), FALSE);
  sp_client_send_async (sp_account_get_client (self->account), "GET", "/api/v1/patients", query,
                        NULL, NULL, self->lookup_cancellable, lookup_cb, g_object_ref (self));
}

/* Checks the number; @finished: the user says it is complete (Enter, sending). */
static gboolean
check_identity (SpAdmissionDialog *self,
                gboolean           finished)
{
  g_autoptr(GError) error = NULL;
  const char *text = row_text (self->identity_row);
  GDate date;

  today (self, &date);
  g_clear_pointer (&self->identity, sp_identity_unref);
  self->identity = sp_identity_parse (text, &date, &error);
  if (self->identity != NULL)
    {
      set_row_error (self->identity_row, FALSE);
      return TRUE;
    }

  if (!finished && (error->code == SP_IDENTITY_ERROR_EMPTY || still_typing (text)))
    {
      set_row_error (self->identity_row, FALSE);
      set_message (self->identity_message,
                   _("Personnummer or samordningsnummer: 10 or 12 digits, as YYYYMMDD-NNNN."),
                   FALSE);
      return FALSE;
    }

  set_row_error (self->identity_row, TRUE);
  if (error->code == SP_IDENTITY_ERROR_EMPTY)
    set_message (self->identity_message, _("Enter the patient’s identity number."), TRUE);
  /* Cut short: the length is what is wrong, whatever the parser met first. */
  else if (still_typing (text) && error->code != SP_IDENTITY_ERROR_DATE &&
           error->code != SP_IDENTITY_ERROR_CHECKSUM)
    set_message (self->identity_message, _("Enter 10 or 12 digits."), TRUE);
  else
    set_message (self->identity_message, identity_error_text (error), TRUE);
  return FALSE;
}

static void
identity_changed_cb (SpAdmissionDialog *self)
{
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_pointer (&self->patient_id, g_free);
  self->looked_up = FALSE;
  gtk_widget_set_visible (self->found_group, FALSE);
  gtk_widget_set_visible (self->new_group, FALSE);
  set_message (self->patient_error, NULL, TRUE);

  if (check_identity (self, FALSE))
    look_up (self);
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
  if (check_identity (self, TRUE) && self->looked_up)
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

  set_row_error (self->discharge_row, problem != NULL);
  set_message (self->discharge_message, problem, TRUE);

  return problem == NULL && *text != '\0';
}

static void
discharge_changed_cb (SpAdmissionDialog *self)
{
  GDate date;

  check_discharge (self, FALSE, &date);
}

/* ---- The unit directory ---- */

static const char *
unit_kind_text (SpUnitKind kind)
{
  switch (kind)
    {
    case SP_UNIT_KIND_OUTPATIENT:
      return _("Region-funded outpatient care");
    case SP_UNIT_KIND_MUNICIPAL_HEALTH:
      return _("Municipal health care");
    case SP_UNIT_KIND_SOCIAL_SERVICES:
      return _("Social services");
    default:
      return NULL;
    }
}

static void
add_unit (SpAdmissionDialog *self,
          const char        *unit_id,
          const char        *name,
          SpUnitKind         kind)
{
  UnitChoice *choice = g_new0 (UnitChoice, 1);
  g_autofree char *title = g_markup_escape_text (name, -1);
  GtkWidget *row = adw_action_row_new ();

  choice->unit_id = g_strdup (unit_id);
  choice->addressed = GTK_CHECK_BUTTON (gtk_check_button_new ());
  choice->for_information = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (
    _("For information")));
  gtk_widget_set_valign (GTK_WIDGET (choice->addressed), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (choice->for_information), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (choice->for_information),
                               _("The unit is told, but need not act"));
  g_object_bind_property (choice->addressed, "active", choice->for_information, "sensitive",
                          G_BINDING_SYNC_CREATE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (unit_kind_text (kind) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), unit_kind_text (kind));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (choice->addressed));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (choice->for_information));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (choice->addressed));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (choice->addressed),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_preferences_group_add (self->units_group, row);
  g_ptr_array_add (self->units, choice);
}

static void
units_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpAdmissionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_send_finish (SP_CLIENT (object), result, &error);
  JsonObject *answer;
  JsonArray *units;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (node == NULL ||
      (answer = sp_json_node_get_object (node, "$", &error)) == NULL ||
      (units = sp_json_get_array (answer, "units", TRUE, &error)) == NULL)
    {
      set_message (self->units_message, error->message, TRUE);
      return;
    }

  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      g_autoptr(GError) unit_error = NULL;
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      int kind = SP_UNIT_KIND_OTHER;
      JsonObject *unit = sp_json_node_get_object (json_array_get_element (units, i), "$",
                                                  &unit_error);

      if (unit == NULL ||
          !sp_json_get_string (unit, "id", TRUE, MAX_ID, &id, &unit_error) ||
          !sp_json_get_string (unit, "name", TRUE, SP_PATIENT_MAX_NAME, &name, &unit_error) ||
          !sp_json_get_enum (unit, "kind", TRUE, SP_TYPE_UNIT_KIND, &kind, &unit_error))
        {
          g_message ("Unit %u left out: %s", i, unit_error->message);
          continue;
        }
      /* The notice goes from the ward to the units that take over (DOMAIN §5). */
      if (kind != SP_UNIT_KIND_INPATIENT)
        add_unit (self, id, name, kind);
    }
}

/* ---- Sending ---- */

static void
show_error (SpAdmissionDialog *self,
            const GError      *error)
{
  set_busy (self, FALSE);
  set_message (self->error_label, error->message, TRUE);
}

/* The outbox keeps it: nothing more to do here but say so. */
static void
show_queued (SpAdmissionDialog *self)
{
  set_busy (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admission.admit", FALSE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  set_message (self->error_label, _("Saved; it will be sent when the connection is back."),
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
  JsonArray *addressing = json_array_new ();
  g_autofree char *reason = dup_stripped (self->reason_row);
  g_autofree char *doctor = dup_stripped (self->doctor_row);

  for (guint i = 0; i < self->units->len; i++)
    {
      UnitChoice *choice = g_ptr_array_index (self->units, i);
      JsonObject *entry;

      if (!gtk_check_button_get_active (choice->addressed))
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "unit", choice->unit_id);
      json_object_set_string_member (entry, "role",
                                     gtk_check_button_get_active (choice->for_information)
                                     ? "for_information" : "recipient");
      json_array_add_object_element (addressing, entry);
    }

  json_object_set_string_member (body, "patient_id", self->patient_id);
  json_object_set_array_member (body, "addressing", addressing);
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
      set_message (self->patient_error, error->message, TRUE);
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
  g_autofree char *given_name = dup_stripped (self->given_name_row);
  g_autofree char *family_name = dup_stripped (self->family_name_row);
  g_autofree char *street = dup_stripped (self->street_row);
  g_autofree char *postal_code = dup_stripped (self->postal_code_row);
  g_autofree char *city = dup_stripped (self->city_row);

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

static gboolean
any_unit_chosen (SpAdmissionDialog *self)
{
  for (guint i = 0; i < self->units->len; i++)
    if (gtk_check_button_get_active (((UnitChoice *) g_ptr_array_index (self->units,
                                                                        i))->addressed))
      return TRUE;

  return FALSE;
}

/* Checks every field, says what is missing beside it and focuses the first; then sends. */
static void
admit (SpAdmissionDialog *self)
{
  GtkWidget *first_problem = NULL;
  gboolean new_patient = self->looked_up && self->patient_id == NULL;
  GDate discharge;

  set_message (self->error_label, NULL, TRUE);
  set_message (self->patient_error, NULL, TRUE);

  if (!check_identity (self, TRUE))
    first_problem = GTK_WIDGET (self->identity_row);
  else if (!self->looked_up)
    {
      /* Still searching, or the search failed: its message stands beside the number. */
      first_problem = GTK_WIDGET (self->identity_row);
    }
  else if (new_patient && !gtk_switch_get_active (self->protected_switch) &&
           (*row_text (self->given_name_row) == '\0' || *row_text (self->family_name_row) == '\0'))
    {
      set_message (self->patient_error, _("Enter the given name and the family name."), TRUE);
      first_problem = GTK_WIDGET (*row_text (self->given_name_row) == '\0'
                                  ? self->given_name_row : self->family_name_row);
    }

  if (!check_discharge (self, TRUE, &discharge) && first_problem == NULL)
    first_problem = GTK_WIDGET (self->discharge_row);

  set_message (self->units_message,
               any_unit_chosen (self) ? NULL : _("Choose at least one unit to address."), TRUE);
  if (!any_unit_chosen (self) && first_problem == NULL && self->units->len > 0)
    first_problem = GTK_WIDGET (((UnitChoice *) g_ptr_array_index (self->units, 0))->addressed);
  else if (!any_unit_chosen (self) && first_problem == NULL)
    first_problem = GTK_WIDGET (self->units_group);

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
  gtk_widget_class_bind_template_callback (widget_class, identity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, identity_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, discharge_changed_cb);

  gtk_widget_class_install_action (widget_class, "admission.admit", NULL, admit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_admission_dialog_init (SpAdmissionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_choice_free);
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
  check_identity (self, FALSE);
  sp_client_send_async (sp_account_get_client (account), "GET", "/api/v1/units", NULL, NULL,
                        NULL, self->cancellable, units_cb, g_object_ref (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->identity_row));

  return self;
}
