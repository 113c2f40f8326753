/* sp-print-sip.c — the SIP on paper: for the patient and for the record (DOMAIN §8)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the latest established version. A SIP that has none yet prints its working plan
 * with a banner on every page saying that it is working material, not an established plan.
 */

#define G_LOG_DOMAIN "sp-print"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-print-private.h"

#define FONT_SIZE 11.0

static const double intervention_widths[] = { 0.30, 0.24, 0.15, 0.15, 0.16 };

static char *
unit_and_person (GHashTable *names,
                 const char *unit_id,
                 const char *person)
{
  const char *unit = sp_print_unit_name (names, unit_id);

  if (unit != NULL && person != NULL)
    return g_strdup_printf ("%s\n%s", unit, person);
  return g_strdup (unit != NULL ? unit : person);
}

static const char *
follow_up_status_label (const char *nick)
{
  if (g_strcmp0 (nick, "achieved") == 0)
    return _("Achieved");
  if (g_strcmp0 (nick, "partly") == 0)
    return _("Partly achieved");
  if (g_strcmp0 (nick, "not_achieved") == 0)
    return _("Not achieved");
  return nick;
}

/**
 * sp_print_add_interventions:
 * @interventions: (nullable): the plan's interventions
 * @sub_goal_id: (nullable): the sub-goal whose interventions to list
 * @n_blank: empty rows to add, to write more by hand
 *
 * The table of a sub-goal's interventions: what, by whom, principal, start, frequency.
 *
 * Returns: how many interventions it listed
 */
guint
sp_print_add_interventions (SpPrintLayout *layout,
                            JsonArray     *interventions,
                            const char    *sub_goal_id,
                            GHashTable    *names,
                            guint          n_blank)
{
  const char *headers[] = { _("Intervention"), _("Performed by"), _("Principal"), _("Start"),
                            _("Frequency"), NULL };
  guint n_rows = 0;

  for (guint i = 0; interventions != NULL && i < json_array_get_length (interventions); i++)
    {
      JsonObject *item = json_array_get_object_element (interventions, i);
      g_autofree char *by = NULL;
      const char *cells[5];

      if (sub_goal_id == NULL ||
          g_strcmp0 (sp_print_get_string (item, "sub_goal"), sub_goal_id) != 0)
        continue;

      if (n_rows++ == 0)
        sp_print_layout_begin_table (layout, headers, intervention_widths);
      by = unit_and_person (names, sp_print_get_string (item, "unit_id"),
                            sp_print_get_string (item, "responsible_person"));
      cells[0] = sp_print_get_string (item, "what");
      cells[1] = by;
      cells[2] = sp_print_principal_label (sp_print_get_string (item, "principal"));
      cells[3] = sp_print_get_string (item, "start_date");
      cells[4] = sp_print_get_string (item, "frequency");
      sp_print_layout_add_row (layout, cells);
    }

  if (n_blank > 0)
    {
      if (n_rows == 0)
        sp_print_layout_begin_table (layout, headers, intervention_widths);
      sp_print_layout_add_blank_rows (layout, n_blank);
    }

  return n_rows;
}

static void
add_goals (SpPrintLayout *layout,
           JsonObject    *plan,
           GHashTable    *names)
{
  JsonArray *sub_goals = sp_print_get_array (plan, "sub_goals");
  guint n = sub_goals != NULL ? json_array_get_length (sub_goals) : 0;

  sp_print_layout_add_heading (layout, _("Main goal, in the patient's own words"), 1);
  sp_print_layout_add_paragraph (layout, sp_print_get_string (plan, "main_goal") != NULL
                                           ? sp_print_get_string (plan, "main_goal")
                                           : _("No main goal has been written."));

  sp_print_layout_add_heading (layout, _("Sub-goals and interventions"), 1);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *goal = json_array_get_object_element (sub_goals, i);
      g_autofree char *heading = NULL;
      g_autofree char *responsible = NULL;

      /* Translators: a sub-goal's heading: its number and text */
      heading = g_strdup_printf (_("Sub-goal %u: %s"), i + 1,
                                 sp_print_get_string (goal, "text") != NULL
                                   ? sp_print_get_string (goal, "text") : "");
      sp_print_layout_add_heading (layout, heading, 2);
      responsible = unit_and_person (names, sp_print_get_string (goal, "responsible_unit_id"),
                                     sp_print_get_string (goal, "responsible_person"));
      if (responsible != NULL)
        sp_print_layout_add_field (layout, _("Responsible"), responsible);
      if (sp_print_get_string (goal, "target_date") != NULL)
        sp_print_layout_add_field (layout, _("Target date"),
                                   sp_print_get_string (goal, "target_date"));
      if (sp_print_add_interventions (layout, sp_print_get_array (plan, "interventions"),
                                      sp_print_get_string (goal, "id"), names, 0) == 0)
        sp_print_layout_add_note (layout, _("No interventions under this sub-goal."));
    }

  if (n == 0)
    sp_print_layout_add_paragraph (layout, _("No sub-goals have been written."));
}

static void
add_participants (SpPrintLayout *layout,
                  JsonObject    *plan,
                  GHashTable    *names)
{
  static const double widths[] = { 0.22, 0.22, 0.24, 0.16, 0.16 };
  const char *headers[] = { _("Name"), _("Unit"), _("Profession"), _("Present"), _("Signed"),
                            NULL };
  JsonArray *participants = sp_print_get_array (plan, "participants");

  sp_print_layout_add_heading (layout, _("Participants"), 1);
  sp_print_layout_begin_table (layout, headers, widths);
  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    {
      JsonObject *item = json_array_get_object_element (participants, i);
      const char *signed_at = sp_print_get_string (item, "signed_at");
      g_autofree char *signed_text = NULL;
      const char *cells[5];

      if (json_object_get_boolean_member_with_default (item, "signed", FALSE))
        signed_text = signed_at != NULL ? g_strndup (signed_at, 10) : g_strdup (_("Yes"));
      else
        signed_text = g_strdup (_("No"));
      cells[0] = sp_print_get_string (item, "name");
      cells[1] = sp_print_unit_name (names, sp_print_get_string (item, "unit_id"));
      cells[2] = sp_print_get_string (item, "profession");
      cells[3] = sp_print_presence_label (sp_print_get_string (item, "presence"));
      cells[4] = signed_text;
      sp_print_layout_add_row (layout, cells);
    }
}

/* The follow-up comments written on the printed version, if any. */
static void
add_follow_ups (SpPrintLayout *layout,
                JsonObject    *sip,
                gint64         version)
{
  static const double widths[] = { 0.16, 0.18, 0.44, 0.22 };
  const char *headers[] = { _("Concerns"), _("Status"), _("Comment"), _("Written by"), NULL };
  JsonArray *follow_ups = sp_print_get_array (sip, "follow_ups");
  guint n_rows = 0;

  for (guint i = 0; follow_ups != NULL && i < json_array_get_length (follow_ups); i++)
    {
      JsonObject *item = json_array_get_object_element (follow_ups, i);
      const char *cells[4];

      if (json_object_get_int_member_with_default (item, "version", 0) != version)
        continue;
      if (n_rows++ == 0)
        {
          sp_print_layout_add_heading (layout, _("Follow-up comments"), 1);
          sp_print_layout_begin_table (layout, headers, widths);
        }
      cells[0] = g_strcmp0 (sp_print_get_string (item, "node_kind"), "sub_goal") == 0
                   ? _("Sub-goal") : _("Intervention");
      cells[1] = follow_up_status_label (sp_print_get_string (item, "status"));
      cells[2] = sp_print_get_string (item, "comment");
      cells[3] = sp_print_get_string (item, "author");
      sp_print_layout_add_row (layout, cells);
    }
}

/**
 * sp_print_build_sip:
 * @data: the SIP as GET /sips/:id renders it, optionally with a "patient" member (the
 *   patients endpoint's rendering) for the identity number on every page
 * @names: unit names by id; the names @data carries are added to it
 *
 * Returns: (transfer full): the document
 */
SpPrintLayout *
sp_print_build_sip (JsonObject *data,
                    GHashTable *names)
{
  g_autoptr(SpPrintLayout) layout = NULL;
  JsonObject *invitation = sp_print_get_object (data, "invitation");
  JsonArray *versions = sp_print_get_array (data, "versions");
  guint n_versions = versions != NULL ? json_array_get_length (versions) : 0;
  JsonObject *version = n_versions > 0 ? json_array_get_object_element (versions,
                                                                        n_versions - 1) : NULL;
  JsonObject *plan = version != NULL ? sp_print_get_object (version, "plan")
                                     : sp_print_get_object (data, "plan");
  JsonObject *lead = sp_print_get_object (plan, "lead");
  JsonObject *evaluation = sp_print_get_object (data, "evaluation");
  gboolean care_plan = g_strcmp0 (sp_print_get_string (data, "variant"),
                                  "coordinated_care_plan") == 0;
  const char *title = care_plan ? _("Coordinated care plan")
                                : _("Coordinated individual plan (SIP)");
  g_autofree char *established = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *evaluation_date = NULL;
  g_autofree char *lead_text = NULL;

  sp_print_add_unit_names (names, sp_print_get_array (invitation, "units"), "unit_id");

  layout = sp_print_layout_new (title, FONT_SIZE);
  if (sp_print_get_object (data, "patient") != NULL)
    sp_print_set_patient (layout, sp_print_get_object (data, "patient"));
  else
    sp_print_layout_set_patient (layout, sp_print_get_string (invitation, "patient_name"), NULL);

  sp_print_layout_add_heading (layout, title, 1);
  if (version != NULL)
    {
      g_autofree char *at = sp_print_format_time (sp_print_get_string (version,
                                                                       "established_at"));

      /* Translators: "Established <time>, version <n>" */
      established = g_strdup_printf (_("Established %s, version %u"), at != NULL ? at : "",
                                     (guint) json_object_get_int_member_with_default (version,
                                                                                      "number",
                                                                                      0));
      sp_print_layout_add_field (layout, _("Status"), established);
      sp_print_layout_add_field (layout, _("Established by"),
                                 sp_print_get_string (version, "established_by"));
    }
  else
    {
      sp_print_layout_set_banner (layout, _("WORKING MATERIAL – NOT ESTABLISHED. This plan has "
                                            "not been agreed and signed by every participant."));
      sp_print_layout_add_field (layout, _("Status"), _("Working material, not established"));
    }

  if (sp_print_get_string (lead, "name") != NULL && sp_print_get_string (lead, "unit_id") != NULL)
    lead_text = g_strdup_printf ("%s, %s", sp_print_get_string (lead, "name"),
                                 sp_print_unit_name (names, sp_print_get_string (lead, "unit_id")));
  else if (lead != NULL)
    lead_text = unit_and_person (names, sp_print_get_string (lead, "unit_id"),
                                 sp_print_get_string (lead, "name"));
  sp_print_layout_add_field (layout, _("SIP lead"), lead_text);
  sp_print_layout_add_field (layout, _("Chair"), sp_print_get_string (plan, "chair"));
  sp_print_layout_add_field (layout, _("Documenter"), sp_print_get_string (plan, "documenter"));

  add_goals (layout, plan, names);

  sp_print_layout_add_heading (layout, _("Follow-up"), 1);
  follow_up = sp_print_format_time (sp_print_get_string (plan, "follow_up_at"));
  evaluation_date = sp_print_format_date (sp_print_get_string (plan, "evaluation_date"));
  sp_print_layout_add_field (layout, _("Follow-up meeting"), follow_up);
  sp_print_layout_add_field (layout, _("Place"), sp_print_get_string (plan, "follow_up_place"));
  sp_print_layout_add_field (layout, _("Evaluation"), evaluation_date);

  add_participants (layout, plan, names);
  if (version != NULL)
    add_follow_ups (layout, data,
                    json_object_get_int_member_with_default (version, "number", 0));

  if (sp_print_get_string (evaluation, "text") != NULL)
    {
      sp_print_layout_add_heading (layout, _("Evaluation of the main goal"), 1);
      sp_print_layout_add_paragraph (layout, sp_print_get_string (evaluation, "text"));
    }

  sp_print_layout_add_space (layout, 12);
  sp_print_layout_add_note (layout, _("For the patient and for the record. The plan is "
                                      "established when every participant has signed it; "
                                      "established versions are never changed."));

  return g_steal_pointer (&layout);
}
