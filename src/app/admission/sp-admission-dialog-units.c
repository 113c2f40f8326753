/* sp-admission-dialog-units.c — the units the admission notice is addressed to
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's unit directory, less the inpatient units: a check button to address each,
 * and one to address it for information only.
 */

#define G_LOG_DOMAIN "sp-admission-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-admission-dialog-private.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-patient.h"
#include "sp-types.h"

typedef struct
{
  char           *unit_id;
  GtkCheckButton *addressed;
  GtkCheckButton *for_information;
} UnitChoice;

static void
unit_choice_free (UnitChoice *choice)
{
  g_free (choice->unit_id);
  g_free (choice);
}

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
      sp_admission_dialog_set_message (self->units_message, error->message, TRUE);
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

void
sp_admission_dialog_units_init (SpAdmissionDialog *self)
{
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_choice_free);
}

void
sp_admission_dialog_units_load (SpAdmissionDialog *self)
{
  sp_client_send_async (sp_account_get_client (self->account), "GET", "/api/v1/units", NULL,
                        NULL, NULL, self->cancellable, units_cb, g_object_ref (self));
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

/* Says beside the list if no unit is chosen; returns what to focus then, or NULL. */
GtkWidget *
sp_admission_dialog_check_units (SpAdmissionDialog *self)
{
  if (any_unit_chosen (self))
    {
      sp_admission_dialog_set_message (self->units_message, NULL, TRUE);
      return NULL;
    }

  sp_admission_dialog_set_message (self->units_message,
                                   _("Choose at least one unit to address."), TRUE);
  if (self->units->len > 0)
    return GTK_WIDGET (((UnitChoice *) g_ptr_array_index (self->units, 0))->addressed);
  return GTK_WIDGET (self->units_group);
}

/* (transfer full): the "addressing" of the notice, the chosen units and their roles. */
JsonArray *
sp_admission_dialog_dup_addressing (SpAdmissionDialog *self)
{
  JsonArray *addressing = json_array_new ();

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

  return addressing;
}
