/* sp-admission-dialog-identity.c — the identity number as it is typed, and the registry
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The number is checked as it is typed (the core's sp_identity_parse, which knows the forms,
 * dates and the Luhn digit), without refusing what typing on may still make valid. A
 * complete, valid number is looked up in the server's registry: a registered patient is
 * shown read-only (DOMAIN §3), an unknown one opens the fields to register.
 */

#define G_LOG_DOMAIN "sp-admission-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-admission-dialog-private.h"
#include "sp-json.h"
#include "sp-ui-util.h"

/* The message under the number: @error says whether it is a refusal or a hint. */
static void
say (SpAdmissionDialog *self,
     const char        *text,
     gboolean           error)
{
  sp_admission_dialog_set_message (self->identity_message, text, error);
}

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
      say (self, _("Found in the patient registry."), FALSE);
      return;
    }

  if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_NOT_FOUND))
    {
      self->looked_up = TRUE;
      gtk_widget_set_visible (self->new_group, TRUE);
      say (self, _("Not in the patient registry: fill in the patient’s details below."), FALSE);
      return;
    }

  /* Offline, or the server's own refusal of the number, in its words. */
  say (self,
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
  say (self, _("Looking up the patient…"), FALSE);
  sp_client_send_async (sp_account_get_client (self->account), "GET", "/api/v1/patients", query,
                        NULL, NULL, self->lookup_cancellable, lookup_cb, g_object_ref (self));
}

/* Checks the number; @finished: the user says it is complete (Enter, sending). */
gboolean
sp_admission_dialog_check_identity (SpAdmissionDialog *self,
                                    gboolean           finished)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->identity_row));
  GDate date;

  today (self, &date);
  g_clear_pointer (&self->identity, sp_identity_unref);
  self->identity = sp_identity_parse (text, &date, &error);
  if (self->identity != NULL)
    {
      sp_ui_set_error_style (GTK_WIDGET (self->identity_row), FALSE);
      return TRUE;
    }

  if (!finished && (error->code == SP_IDENTITY_ERROR_EMPTY || still_typing (text)))
    {
      sp_ui_set_error_style (GTK_WIDGET (self->identity_row), FALSE);
      say (self, _("Personnummer or samordningsnummer: 10 or 12 digits, as YYYYMMDD-NNNN."),
           FALSE);
      return FALSE;
    }

  sp_ui_set_error_style (GTK_WIDGET (self->identity_row), TRUE);
  if (error->code == SP_IDENTITY_ERROR_EMPTY)
    say (self, _("Enter the patient’s identity number."), TRUE);
  /* Cut short: the length is what is wrong, whatever the parser met first. */
  else if (still_typing (text) && error->code != SP_IDENTITY_ERROR_DATE &&
           error->code != SP_IDENTITY_ERROR_CHECKSUM)
    say (self, _("Enter 10 or 12 digits."), TRUE);
  else
    say (self, identity_error_text (error), TRUE);
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
  sp_admission_dialog_set_message (self->patient_error, NULL, TRUE);

  if (sp_admission_dialog_check_identity (self, FALSE))
    look_up (self);
}

void
sp_admission_dialog_identity_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, identity_changed_cb);
}
