/* sp-patient-info-editor-form.c — this unit's part of the patientinformation, as a form
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interventions (what, when, who; added and removed freely) and the texts for the
 * patient; and the whole document as it will print with them, for the preview.
 */

#define G_LOG_DOMAIN "sp-patient-info-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-json.h"
#include "sp-patient-info-editor-private.h"
#include "sp-print-private.h"

/* The section's free texts and their rows, in the order of the form. */
static const char * const text_members[] = {
  "contact_details", "meets_at_home", "if_worse", "medication", "aids",
};

static AdwEntryRow *
text_row (SpPatientInfoEditor *self,
          guint                i)
{
  AdwEntryRow *rows[] = { self->contact_row, self->meets_row, self->if_worse_row,
                          self->medication_row, self->aids_row };

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == G_N_ELEMENTS (text_members));
  return rows[i];
}

static const char *
row_text (GtkWidget *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text != NULL && *text != '\0' ? text : NULL;
}

/* This unit's section as the form holds it: the body of the PUT. */
JsonObject *
sp_patient_info_editor_section_of_form (SpPatientInfoEditor *self)
{
  JsonObject *section = json_object_new ();
  JsonArray *interventions = json_array_new ();

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      JsonObject *object;

      if (row_text (item->what) == NULL)
        continue;
      object = json_object_new ();
      json_object_set_string_member (object, "what", row_text (item->what));
      sp_json_set_string (object, "when", row_text (item->when));
      sp_json_set_string (object, "who", row_text (item->who));
      json_array_add_object_element (interventions, object);
    }
  json_object_set_array_member (section, "interventions", interventions);

  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    sp_json_set_string (section, text_members[i], row_text (GTK_WIDGET (text_row (self, i))));

  return section;
}

/* The document as it will print once this unit's form is saved. */
JsonObject *
sp_patient_info_editor_merge_document (SpPatientInfoEditor *self)
{
  const char *unit_id = sp_account_get_unit_id (self->account);
  g_autoptr(JsonObject) document = sp_print_object_copy (self->document);
  JsonObject *section = sp_patient_info_editor_section_of_form (self);
  JsonArray *sections = json_array_new ();
  JsonArray *old = sp_print_get_array (document, "sections");

  json_object_set_string_member (section, "unit_id", unit_id);
  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      JsonObject *other = json_array_get_object_element (old, i);

      if (g_strcmp0 (sp_print_get_string (other, "unit_id"), unit_id) != 0)
        json_array_add_object_element (sections, json_object_ref (other));
    }
  json_array_add_object_element (sections, section);
  json_object_set_array_member (document, "sections", sections);

  /* The texts the document gathers from every unit: this unit's, as typed. */
  for (guint m = 1; m < G_N_ELEMENTS (text_members); m++)
    {
      JsonArray *gathered = json_array_new ();
      JsonArray *was = sp_print_get_array (document, text_members[m]);
      const char *text = sp_print_get_string (section, text_members[m]);

      for (guint i = 0; was != NULL && i < json_array_get_length (was); i++)
        {
          JsonObject *item = json_array_get_object_element (was, i);

          if (g_strcmp0 (sp_print_get_string (item, "unit_id"), unit_id) != 0)
            json_array_add_object_element (gathered, json_object_ref (item));
        }
      if (text != NULL)
        {
          JsonObject *item = json_object_new ();

          json_object_set_string_member (item, "unit_id", unit_id);
          json_object_set_string_member (item, "text", text);
          json_array_add_object_element (gathered, item);
        }
      json_object_set_array_member (document, text_members[m], gathered);
    }

  return g_steal_pointer (&document);
}


static void
remove_item_cb (GtkButton           *button,
                SpPatientInfoEditor *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (gtk_widget_is_ancestor (GTK_WIDGET (button), item->what))
        {
          adw_preferences_group_remove (self->interventions_group, item->what);
          adw_preferences_group_remove (self->interventions_group, item->when);
          adw_preferences_group_remove (self->interventions_group, item->who);
          g_ptr_array_remove_index (self->items, i);
          sp_patient_info_editor_changed (self);
          return;
        }
    }
}

static GtkWidget *
add_entry (SpPatientInfoEditor *self,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (sp_patient_info_editor_changed), self);
  adw_preferences_group_add (self->interventions_group, row);
  return row;
}

/* Returns: (transfer none): the new intervention's "what" row */
GtkWidget *
sp_patient_info_editor_add_item (SpPatientInfoEditor *self,
                                 const char          *what,
                                 const char          *when,
                                 const char          *who)
{
  Item *item = g_new0 (Item, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  guint number = self->items->len + 1;
  g_autofree char *title = g_strdup_printf (_("Intervention %u: what"), number);

  item->what = add_entry (self, title, what);
  item->when = add_entry (self, _("When"), when);
  item->who = add_entry (self, _("Who"), who);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove intervention"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove intervention"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_item_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (item->what), remove);

  g_ptr_array_add (self->items, item);
  return item->what;
}

static void
clear_items (SpPatientInfoEditor *self)
{
  while (self->items->len > 0)
    {
      Item *item = g_ptr_array_index (self->items, self->items->len - 1);

      adw_preferences_group_remove (self->interventions_group, item->what);
      adw_preferences_group_remove (self->interventions_group, item->when);
      adw_preferences_group_remove (self->interventions_group, item->who);
      g_ptr_array_remove_index (self->items, self->items->len - 1);
    }
}

void
sp_patient_info_editor_fill_form (SpPatientInfoEditor *self,
                                  JsonObject          *section)
{
  JsonArray *interventions = sp_print_get_array (section, "interventions");

  self->filling = TRUE;
  clear_items (self);
  for (guint i = 0; interventions != NULL && i < json_array_get_length (interventions); i++)
    {
      JsonObject *item = json_array_get_object_element (interventions, i);

      sp_patient_info_editor_add_item (self, sp_print_get_string (item, "what"), sp_print_get_string (item, "when"),
                sp_print_get_string (item, "who"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    {
      const char *text = sp_print_get_string (section, text_members[i]);

      gtk_editable_set_text (GTK_EDITABLE (text_row (self, i)), text != NULL ? text : "");
    }
  self->filling = FALSE;
}


void
sp_patient_info_editor_init_form (SpPatientInfoEditor *self)
{
  self->items = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    g_signal_connect_swapped (text_row (self, i), "changed",
                              G_CALLBACK (sp_patient_info_editor_changed), self);
}
