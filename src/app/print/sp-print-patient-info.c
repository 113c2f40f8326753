/* sp-print-patient-info.c — the patientinformation on paper (DOMAIN §9), and its form
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document of GET /episodes/:id/patient-information in plain language and large type:
 * going home, the named care contact, the SIP meeting, every unit's interventions, medication,
 * aids, what to do if worse and whom to call. As a form (for an outage) whatever is not known
 * gets ruled lines to write on.
 */

#define G_LOG_DOMAIN "sp-print"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-print-private.h"

/* Large readable type: what the patient reads at home. */
#define FONT_SIZE 14.0

static const double intervention_widths[] = { 0.46, 0.27, 0.27 };

static void
begin_interventions (SpPrintLayout *layout)
{
  const char *headers[] = { _("What"), _("When"), _("Who"), NULL };

  sp_print_layout_begin_table (layout, headers, intervention_widths);
}

static void
add_going_home (SpPrintLayout *layout,
                JsonObject    *data,
                gboolean       form)
{
  JsonObject *going_home = sp_print_get_object (data, "going_home");
  g_autofree char *discharged = sp_print_format_time (sp_print_get_string (going_home,
                                                                           "discharged_at"));
  g_autofree char *estimate = sp_print_format_date (sp_print_get_string (going_home,
                                                                         "estimated_discharge"));
  g_autofree char *estimate_text = NULL;

  sp_print_layout_add_heading (layout, _("Going home"), 1);
  if (discharged == NULL && estimate != NULL)
    /* Translators: %s is a date; only the day is known before discharge */
    estimate_text = g_strdup_printf (_("Planned for %s (time not yet decided)"), estimate);
  if (discharged != NULL || estimate_text != NULL || form)
    sp_print_layout_add_field (layout, _("Date and time of going home"),
                               discharged != NULL ? discharged : estimate_text);
}

/* One of the texts every unit may add (who meets the patient, medication, aids, if worse). */
static void
add_gathered (SpPrintLayout *layout,
              JsonObject    *data,
              GHashTable    *names,
              const char    *member,
              const char    *label,
              guint          form_lines)
{
  JsonArray *items = sp_print_get_array (data, member);
  guint n = items != NULL ? json_array_get_length (items) : 0;
  guint n_shown = 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *text = sp_print_get_string (item, "text");
      g_autofree char *labelled = NULL;

      if (text == NULL)
        continue;
      labelled = g_strdup_printf ("%s (%s)", text,
                                  sp_print_unit_name (names, sp_print_get_string (item,
                                                                                  "unit_id")));
      sp_print_layout_add_field (layout, label, labelled);
      n_shown++;
    }

  if (form_lines > 0)
    sp_print_layout_add_ruled_field (layout, label, form_lines);
  else if (n_shown == 0)
    sp_print_layout_add_field (layout, label, _("Nothing noted"));
}

static void
add_care_contact (SpPrintLayout *layout,
                  JsonObject    *data,
                  gboolean       form)
{
  JsonObject *contact = sp_print_get_object (data, "care_contact");

  sp_print_layout_add_heading (layout, _("Your named care contact"), 1);
  if (contact == NULL && !form)
    {
      sp_print_layout_add_paragraph (layout, _("No named care contact has been appointed yet. "
                                               "Ask the ward who it will be."));
      return;
    }

  sp_print_layout_add_field (layout, _("Name"), sp_print_get_string (contact, "name"));
  sp_print_layout_add_field (layout, _("Unit"), sp_print_get_string (contact, "unit_name"));
  sp_print_layout_add_field (layout, _("Telephone"), sp_print_get_string (contact, "phone"));
}

static void
add_sip_meeting (SpPrintLayout *layout,
                 JsonObject    *data,
                 gboolean       form)
{
  JsonObject *meeting = sp_print_get_object (data, "sip_meeting");
  g_autofree char *at = sp_print_format_time (sp_print_get_string (meeting, "at"));

  sp_print_layout_add_heading (layout, _("Coordinated individual plan (SIP)"), 1);
  if (meeting == NULL && !form)
    {
      sp_print_layout_add_paragraph (layout, _("No time for a SIP meeting has been set when "
                                               "this was printed."));
      return;
    }

  sp_print_layout_add_field (layout, _("Time of the SIP meeting"), at);
  sp_print_layout_add_field (layout, _("Meeting form"),
                             sp_print_get_string (meeting, "form") != NULL
                               ? sp_print_meeting_form_label (sp_print_get_string (meeting,
                                                                                   "form"))
                               : NULL);
  sp_print_layout_add_field (layout, _("Place"), sp_print_get_string (meeting, "place"));
}

static void
add_section (SpPrintLayout *layout,
             JsonObject    *section,
             GHashTable    *names,
             gboolean       form)
{
  JsonArray *interventions = sp_print_get_array (section, "interventions");
  JsonObject *self_care = sp_print_get_object (section, "self_care_follow_up");
  guint n = interventions != NULL ? json_array_get_length (interventions) : 0;

  sp_print_layout_add_heading (layout,
                               sp_print_unit_name (names,
                                                   sp_print_get_string (section, "unit_id")),
                               2);
  if (json_object_get_boolean_member_with_default (section, "restricted", FALSE))
    {
      sp_print_layout_add_note (layout, sp_print_get_string (section, "restricted_reason"));
      return;
    }

  if (n > 0 || form)
    begin_interventions (layout);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (interventions, i);
      const char *cells[] = { sp_print_get_string (item, "what"),
                              sp_print_get_string (item, "when"),
                              sp_print_get_string (item, "who") };

      sp_print_layout_add_row (layout, cells);
    }
  if (form)
    sp_print_layout_add_blank_rows (layout, 3);

  if (self_care != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: follow-up of self-care passes to another unit; %s is its name */
      text = g_strdup_printf (_("Passes to %s"),
                              sp_print_unit_name (names, sp_print_get_string (self_care,
                                                                              "unit_id")));
      if (sp_print_get_string (self_care, "text") != NULL)
        {
          g_autofree char *joined = g_strconcat (text, ": ",
                                                 sp_print_get_string (self_care, "text"), NULL);

          g_free (text);
          text = g_steal_pointer (&joined);
        }
      sp_print_layout_add_field (layout, _("Follow-up of self-care"), text);
    }

  if (sp_print_get_string (section, "contact_details") != NULL || form)
    sp_print_layout_add_field (layout, _("Contact"),
                               sp_print_get_string (section, "contact_details"));
}

static void
add_interventions (SpPrintLayout *layout,
                   JsonObject    *data,
                   GHashTable    *names,
                   gboolean       form)
{
  JsonArray *sections = sp_print_get_array (data, "sections");
  guint n = sections != NULL ? json_array_get_length (sections) : 0;

  sp_print_layout_add_heading (layout, _("Interventions after discharge"), 1);
  sp_print_layout_add_note (layout, _("What each unit will do for you after you leave "
                                      "hospital, when, and whom to contact."));
  for (guint i = 0; i < n; i++)
    add_section (layout, json_array_get_object_element (sections, i), names, form);

  if (n == 0 && !form)
    sp_print_layout_add_paragraph (layout, _("No unit has written any interventions."));

  /* Room for the units that have not written theirs yet. */
  for (guint i = n; form && i < 2; i++)
    {
      sp_print_layout_add_ruled_field (layout, _("Unit"), 1);
      begin_interventions (layout);
      sp_print_layout_add_blank_rows (layout, 3);
      sp_print_layout_add_ruled_field (layout, _("Contact"), 1);
    }
}

static void
add_contacts (SpPrintLayout *layout,
              JsonObject    *data,
              gboolean       form)
{
  static const double widths[] = { 0.6, 0.4 };
  const char *headers[] = { _("Unit"), _("Telephone"), NULL };
  JsonArray *units = sp_print_get_array (data, "units");
  guint n = units != NULL ? json_array_get_length (units) : 0;

  sp_print_layout_add_heading (layout, _("Contact details"), 1);
  sp_print_layout_begin_table (layout, headers, widths);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);
      const char *cells[] = { sp_print_get_string (unit, "name"),
                              sp_print_get_string (unit, "phone") };

      if (cells[0] == NULL)
        cells[0] = sp_print_get_string (unit, "unit_id");
      sp_print_layout_add_row (layout, cells);
    }
  if (form)
    sp_print_layout_add_blank_rows (layout, 3);
}

/**
 * sp_print_build_patient_info:
 * @data: (nullable): the patientinformation document as GET
 *   /episodes/:id/patient-information renders it
 * @names: unit names by id; the names @data carries are added to it
 * @form: whether to leave ruled space for what is missing (the outage form)
 *
 * Returns: (transfer full): the document, ready to paginate
 */
SpPrintLayout *
sp_print_build_patient_info (JsonObject *data,
                             GHashTable *names,
                             gboolean    form)
{
  g_autoptr(SpPrintLayout) layout = sp_print_layout_new (_("Patient information"), FONT_SIZE);

  sp_print_add_unit_names (names, sp_print_get_array (data, "units"), "unit_id");

  sp_print_set_patient (layout, sp_print_get_object (data, "patient"));
  sp_print_layout_add_heading (layout, _("Information for going home from hospital"), 1);
  sp_print_layout_add_note (layout, _("What happens after you leave hospital, who does what, "
                                      "and whom to contact. Keep this paper."));

  add_going_home (layout, data, form);
  add_gathered (layout, data, names, "meets_at_home", _("Who meets you at home"),
                form ? 2 : 0);
  add_care_contact (layout, data, form);
  add_sip_meeting (layout, data, form);
  add_interventions (layout, data, names, form);

  sp_print_layout_add_heading (layout, _("Medication and aids"), 1);
  add_gathered (layout, data, names, "medication", _("Medication"), form ? 2 : 0);
  add_gathered (layout, data, names, "aids", _("Aids"), form ? 2 : 0);

  sp_print_layout_add_heading (layout, _("If you get worse"), 1);
  add_gathered (layout, data, names, "if_worse", _("What to do"), form ? 3 : 0);
  sp_print_layout_add_box (layout, _("If it is urgent, call 112. For health-care advice, "
                                     "call 1177."));

  add_contacts (layout, data, form);

  return g_steal_pointer (&layout);
}
