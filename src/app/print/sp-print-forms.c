/* sp-print-forms.c — the paper forms for an outage: the SIP meeting and the planning basis
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Stöddokumentation vid faktiskt SIP-möte" (DOMAIN §8) and the planeringsunderlag (§6), blank
 * or pre-filled with what the local copy holds, with ruled space to write the rest by hand.
 * Their data is a bundle of what is known (see sp_print_export_pdf()): "patient", "summary",
 * "planning", "sip".
 */

#define G_LOG_DOMAIN "sp-print"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-planning-answer.h"
#include "sp-print-private.h"

#define FONT_SIZE 11.0
#define BOX_EMPTY "\342\230\220"  /* U+2610 BALLOT BOX */
#define BOX_TICKED "\342\230\222" /* U+2612 BALLOT BOX WITH X */

/* Every page names the patient: the full record if the copy has it, else the overview row. */
static void
set_patient (SpPrintLayout *layout,
             JsonObject    *data)
{
  JsonObject *summary = sp_print_get_object (data, "summary");

  if (sp_print_get_object (data, "patient") != NULL)
    sp_print_set_patient (layout, sp_print_get_object (data, "patient"));
  else
    sp_print_layout_set_patient (layout, sp_print_get_string (summary, "patient_name"),
                                 sp_print_get_string (summary, "identity"));
}

static void
add_patient_fields (SpPrintLayout *layout,
                    JsonObject    *data)
{
  JsonObject *patient = sp_print_get_object (data, "patient");
  JsonObject *summary = sp_print_get_object (data, "summary");
  g_autofree char *name = sp_print_format_patient_name (patient);
  g_autofree char *identity = sp_print_format_identity (patient);

  sp_print_layout_add_field (layout, _("Name"),
                             name != NULL ? name : sp_print_get_string (summary,
                                                                        "patient_name"));
  sp_print_layout_add_field (layout, _("Identity number"),
                             identity != NULL ? identity : sp_print_get_string (summary,
                                                                                "identity"));
}

/* "☒ Hemmet  ☐ Annan plats …": each choice ticked when it is the known one. */
static char *
choices (const char * const *nicks,
         const char * const *labels,
         const char         *chosen)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    /* A no-break space keeps each box with its label. */
    g_string_append_printf (text, "%s%s\302\240%s", i > 0 ? "    " : "",
                            g_strcmp0 (nicks[i], chosen) == 0 ? BOX_TICKED : BOX_EMPTY,
                            labels[i]);

  return g_string_free (text, FALSE);
}

static void
add_meeting (SpPrintLayout *layout,
             JsonObject    *sip,
             GHashTable    *names)
{
  static const char * const forms[] = { "home", "other_place", "video", "phone", NULL };
  const char *labels[] = { sp_print_meeting_form_label ("home"),
                           sp_print_meeting_form_label ("other_place"),
                           sp_print_meeting_form_label ("video"),
                           _("By telephone (last resort)"), NULL };
  JsonObject *invitation = sp_print_get_object (sip, "invitation");
  JsonObject *convener = sp_print_get_object (invitation, "convener");
  JsonArray *agenda = sp_print_get_array (invitation, "agenda");
  JsonObject *plan = sp_print_get_object (sip, "plan");
  g_autofree char *at = sp_print_format_time (sp_print_get_string (invitation, "meeting_at"));
  g_autofree char *form = choices (forms, labels, sp_print_get_string (invitation, "form"));
  g_autofree char *convened_by = NULL;
  g_autoptr(GString) agenda_text = g_string_new (NULL);

  sp_print_layout_add_heading (layout, _("The meeting"), 1);
  sp_print_layout_add_field (layout, _("Date and time"), at);
  sp_print_layout_add_field (layout, _("Place"), sp_print_get_string (invitation, "place"));
  sp_print_layout_add_field (layout, _("Meeting form"), form);
  if (sp_print_get_string (convener, "name") != NULL)
    convened_by = g_strdup_printf ("%s, %s", sp_print_get_string (convener, "name"),
                                   sp_print_unit_name (names, sp_print_get_string (convener,
                                                                                   "unit_id")));
  sp_print_layout_add_field (layout, _("Convened by"), convened_by);
  sp_print_layout_add_field (layout, _("Purpose"), sp_print_get_string (invitation, "purpose"));
  for (guint i = 0; agenda != NULL && i < json_array_get_length (agenda); i++)
    g_string_append_printf (agenda_text, "%s• %s", i > 0 ? "\n" : "",
                            json_array_get_string_element (agenda, i));
  if (agenda_text->len > 0)
    sp_print_layout_add_field (layout, _("Agenda"), agenda_text->str);
  else
    sp_print_layout_add_ruled_field (layout, _("Agenda"), 2);
  sp_print_layout_add_field (layout, _("Chair"), sp_print_get_string (plan, "chair"));
  sp_print_layout_add_field (layout, _("Documenter"), sp_print_get_string (plan, "documenter"));

  sp_print_layout_add_heading (layout, _("Consent to SIP"), 2);
  {
    /* Translators: two boxes to tick: how the consent was given */
    g_autofree char *how = g_strdup_printf (_("%s oral    %s written"), BOX_EMPTY, BOX_EMPTY);

    sp_print_layout_add_paragraph (layout, how);
  }
  sp_print_layout_add_ruled_field (layout, _("Given by"), 1);
}

static void
add_participants (SpPrintLayout *layout,
                  JsonObject    *sip,
                  GHashTable    *names)
{
  static const double widths[] = { 0.22, 0.20, 0.20, 0.16, 0.22 };
  const char *headers[] = { _("Name"), _("Unit"), _("Profession"), _("Present"),
                            _("Signature"), NULL };
  JsonArray *participants = sp_print_get_array (sp_print_get_object (sip, "plan"),
                                                "participants");
  JsonArray *units = sp_print_get_array (sp_print_get_object (sip, "invitation"), "units");
  guint n_rows = 0;

  sp_print_layout_add_heading (layout, _("Participants"), 1);
  sp_print_layout_begin_table (layout, headers, widths);
  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    {
      JsonObject *item = json_array_get_object_element (participants, i);
      const char *cells[] = { sp_print_get_string (item, "name"),
                              sp_print_unit_name (names, sp_print_get_string (item, "unit_id")),
                              sp_print_get_string (item, "profession"),
                              sp_print_presence_label (sp_print_get_string (item, "presence")),
                              NULL };

      sp_print_layout_add_row (layout, cells);
      n_rows++;
    }
  /* No participants yet: the invited units, each to fill in with its name. */
  for (guint i = 0; n_rows == 0 && units != NULL && i < json_array_get_length (units); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);
      const char *cells[] = { NULL,
                              sp_print_unit_name (names, sp_print_get_string (unit, "unit_id")),
                              NULL, NULL, NULL };

      sp_print_layout_add_row (layout, cells);
    }
  sp_print_layout_add_blank_rows (layout, 4);
}

/* A sub-goal as far as it is known, with ruled space and empty rows for the rest. */
static void
add_sub_goal (SpPrintLayout *layout,
              guint          number,
              JsonObject    *goal,
              JsonArray     *interventions,
              GHashTable    *names)
{
  /* Translators: %u is the sub-goal's number */
  g_autofree char *label = g_strdup_printf (_("Sub-goal %u"), number);
  const char *unit_id = sp_print_get_string (goal, "responsible_unit_id");

  sp_print_layout_add_field (layout, label, sp_print_get_string (goal, "text"));
  sp_print_layout_add_field (layout, _("Responsible"),
                             unit_id != NULL ? sp_print_unit_name (names, unit_id)
                                             : sp_print_get_string (goal, "responsible_person"));
  sp_print_layout_add_field (layout, _("Target date"), sp_print_get_string (goal, "target_date"));
  sp_print_add_interventions (layout, interventions, sp_print_get_string (goal, "id"), names,
                              goal != NULL ? 2 : 3);
}

static void
add_plan (SpPrintLayout *layout,
          JsonObject    *sip,
          GHashTable    *names)
{
  JsonObject *plan = sp_print_get_object (sip, "plan");
  JsonObject *lead = sp_print_get_object (plan, "lead");
  JsonArray *sub_goals = sp_print_get_array (plan, "sub_goals");
  guint n_goals = sub_goals != NULL ? json_array_get_length (sub_goals) : 0;
  g_autofree char *follow_up = sp_print_format_time (sp_print_get_string (plan,
                                                                          "follow_up_at"));

  sp_print_layout_add_heading (layout, _("Main goal, in the patient's own words"), 1);
  if (sp_print_get_string (plan, "main_goal") != NULL)
    sp_print_layout_add_paragraph (layout, sp_print_get_string (plan, "main_goal"));
  else
    sp_print_layout_add_ruled_lines (layout, 3);

  sp_print_layout_add_heading (layout, _("Sub-goals and interventions"), 1);
  for (guint i = 0; i < n_goals + 3; i++)
    add_sub_goal (layout, i + 1,
                  i < n_goals ? json_array_get_object_element (sub_goals, i) : NULL,
                  sp_print_get_array (plan, "interventions"), names);

  sp_print_layout_add_heading (layout, _("SIP lead from now on"), 1);
  sp_print_layout_add_field (layout, _("Name"), sp_print_get_string (lead, "name"));
  sp_print_layout_add_field (layout, _("Unit"),
                             lead != NULL ? sp_print_unit_name (names,
                                                                sp_print_get_string (lead,
                                                                                     "unit_id"))
                                          : NULL);

  sp_print_layout_add_heading (layout, _("Follow-up"), 1);
  sp_print_layout_add_field (layout, _("Date and time"), follow_up);
  sp_print_layout_add_field (layout, _("Place"), sp_print_get_string (plan, "follow_up_place"));
  sp_print_layout_add_field (layout, _("Evaluation"),
                             sp_print_get_string (plan, "evaluation_date"));

  sp_print_layout_add_heading (layout, C_("heading", "Other"), 1);
  sp_print_layout_add_ruled_lines (layout, 4);
}

/**
 * sp_print_build_sip_meeting_form:
 * @data: (nullable): what is known: "patient", "summary", "sip"
 * @names: unit names by id; the names @data carries are added to it
 *
 * Returns: (transfer full): "stöddokumentation vid faktiskt SIP-möte"
 */
SpPrintLayout *
sp_print_build_sip_meeting_form (JsonObject *data,
                                 GHashTable *names)
{
  g_autoptr(SpPrintLayout) layout = sp_print_layout_new (_("Documentation at a SIP meeting"),
                                                         FONT_SIZE);
  JsonObject *sip = sp_print_get_object (data, "sip");

  sp_print_add_unit_names (names, sp_print_get_array (sp_print_get_object (sip, "invitation"),
                                                      "units"), "unit_id");
  set_patient (layout, data);
  sp_print_layout_add_heading (layout, _("Documentation at a SIP meeting"), 1);
  sp_print_layout_add_note (layout, _("For a SIP meeting held without access to Samplan, in the "
                                      "home or during an outage. Enter the plan in Samplan as "
                                      "soon as it can be reached; the plan is established there "
                                      "when every participant has signed."));
  sp_print_layout_add_heading (layout, _("The patient"), 1);
  add_patient_fields (layout, data);
  sp_print_layout_add_ruled_field (layout, _("Next of kin or legal representative"), 1);

  add_meeting (layout, sip, names);
  add_participants (layout, sip, names);
  add_plan (layout, sip, names);

  return g_steal_pointer (&layout);
}

static char *
answered_by_text (const SpPlanningQuestion *question)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (question->answered_by & (1u << SP_UNIT_KIND_INPATIENT))
    g_strv_builder_add (parts, _("Inpatient care"));
  if (question->answered_by & (1u << SP_UNIT_KIND_OUTPATIENT))
    g_strv_builder_add (parts, _("Outpatient care"));
  if (question->answered_by & ((1u << SP_UNIT_KIND_MUNICIPAL_HEALTH) |
                               (1u << SP_UNIT_KIND_SOCIAL_SERVICES)))
    g_strv_builder_add (parts, C_("principal", "Municipality"));
  strv = g_strv_builder_end (parts);

  return g_strjoinv (", ", strv);
}

/* What each unit has answered so far, from the local copy. */
static void
add_answers_so_far (SpPrintLayout *layout,
                    JsonObject    *planning,
                    GHashTable    *names)
{
  JsonArray *units = sp_print_get_array (planning, "units");

  for (guint i = 0; units != NULL && i < json_array_get_length (units); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);
      JsonObject *latest = sp_print_get_object (unit, "latest");
      JsonObject *answers = sp_print_get_object (latest, "answers");
      JsonObject *author = sp_print_get_object (latest, "author");
      g_autoptr(GString) yes = g_string_new (NULL);
      g_autofree char *by = NULL;
      guint n = 0;
      const SpPlanningQuestion *questions = sp_planning_get_questions (&n);

      if (i == 0)
        sp_print_layout_add_heading (layout, _("Answers so far"), 1);
      sp_print_layout_add_heading (layout,
                                   sp_print_unit_name (names,
                                                       sp_print_get_string (unit, "unit_id")),
                                   2);
      if (latest == NULL)
        {
          sp_print_layout_add_note (layout, sp_print_get_string (unit, "restricted_reason"));
          continue;
        }
      by = g_strdup_printf ("%s, %s, %.10s", sp_print_get_string (author, "name"),
                            sp_print_get_string (author, "title"),
                            sp_print_get_string (latest, "answered_at"));
      sp_print_layout_add_field (layout, _("Answered by"), by);
      for (guint q = 0; q < n; q++)
        if (answers != NULL &&
            json_object_get_boolean_member_with_default (answers, questions[q].key, FALSE))
          g_string_append_printf (yes, "%s• %s", yes->len > 0 ? "\n" : "", questions[q].text);
      sp_print_layout_add_field (layout, _("Yes to"), yes->len > 0 ? yes->str : _("None"));
      if (sp_print_get_string (latest, "ongoing_interventions") != NULL)
        sp_print_layout_add_field (layout, _("Ongoing interventions"),
                                   sp_print_get_string (latest, "ongoing_interventions"));
      if (sp_print_get_string (latest, "new_needs") != NULL)
        sp_print_layout_add_field (layout, _("New or changed needs"),
                                   sp_print_get_string (latest, "new_needs"));
    }
}

/**
 * sp_print_build_planning_form:
 * @data: (nullable): what is known: "patient", "summary", "planning"
 * @names: unit names by id
 *
 * Returns: (transfer full): the planning basis form, with every question of the basis
 */
SpPrintLayout *
sp_print_build_planning_form (JsonObject *data,
                              GHashTable *names)
{
  static const double widths[] = { 0.6, 0.2, 0.1, 0.1 };
  const char *headers[] = { _("Question"), _("Answered by"), _("Yes"), _("No"), NULL };
  g_autoptr(SpPrintLayout) layout = sp_print_layout_new (_("Planning basis"), FONT_SIZE);
  JsonObject *summary = sp_print_get_object (data, "summary");
  g_autofree char *estimate = sp_print_format_date (sp_print_get_string (summary,
                                                                         "estimated_discharge"));
  const SpPlanningQuestion *questions;
  guint n;

  set_patient (layout, data);
  sp_print_layout_add_heading (layout, _("Planning basis"), 1);
  sp_print_layout_add_note (layout, _("For an outage. Answer yes or no to each question your "
                                      "unit answers, describe ongoing interventions and new or "
                                      "changed needs, and write the date, your name and title. "
                                      "Enter the answers in Samplan when it can be reached."));
  sp_print_layout_add_heading (layout, _("The patient"), 1);
  add_patient_fields (layout, data);
  sp_print_layout_add_field (layout, _("Ward"), sp_print_get_string (summary, "ward_name"));
  sp_print_layout_add_field (layout, _("Estimated discharge"), estimate);

  add_answers_so_far (layout, sp_print_get_object (data, "planning"), names);

  sp_print_layout_add_heading (layout, _("This answer"), 1);
  sp_print_layout_add_ruled_field (layout, _("Unit"), 1);
  sp_print_layout_add_ruled_field (layout, _("Date"), 1);
  sp_print_layout_add_ruled_field (layout, _("Name and title"), 1);

  sp_print_layout_add_heading (layout, _("Questions"), 1);
  sp_print_layout_begin_table (layout, headers, widths);
  questions = sp_planning_get_questions (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *by = answered_by_text (&questions[i]);
      const char *cells[] = { questions[i].text, by, BOX_EMPTY, BOX_EMPTY };

      sp_print_layout_add_row (layout, cells);
    }

  sp_print_layout_add_heading (layout, _("Ongoing interventions"), 1);
  sp_print_layout_add_ruled_lines (layout, 4);
  sp_print_layout_add_heading (layout, _("New or changed needs"), 1);
  sp_print_layout_add_ruled_lines (layout, 4);

  return g_steal_pointer (&layout);
}
