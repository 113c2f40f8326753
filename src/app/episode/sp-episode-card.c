/* sp-episode-card.c — the episode page's header, patient card, units and care contacts
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows only what the rendering holds: members withheld without the patient's consent are
 * left out by the server (DOMAIN §4), and so are their rows here.
 */

#define G_LOG_DOMAIN "sp-episode-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-enum-types.h"
#include "sp-episode-page-private.h"
#include "sp-format.h"
#include "sp-identity.h"
#include "sp-track-chip.h"

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (list, row);
  return row;
}

static void
add_empty_row (GtkListBox *list,
               const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* ---- The header and the title ---- */

static char *
dup_patient_name (JsonObject *patient)
{
  const char *given = get_string (patient, "given_name");
  const char *family = get_string (patient, "family_name");

  if (given != NULL && family != NULL)
    return g_strjoin (" ", given, family, NULL);
  if (given != NULL || family != NULL)
    return g_strdup (given != NULL ? given : family);

  return g_strdup (_("Name withheld"));
}

static char *
dup_identity (JsonObject *patient)
{
  JsonNode *node = json_object_get_member (patient, "identity");
  g_autoptr(SpIdentity) identity = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  identity = sp_identity_new_from_json (node, NULL);
  return identity != NULL ? sp_identity_format (identity) : NULL;
}

/* Days after ready: from day 0 to the discharge date, or to today while in hospital. */
static int
count_days_after_ready (SpEpisodePage *self)
{
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
  GDateTime *discharged = sp_episode_get_discharged_at (self->episode);
  GDate day0;
  GDate until;

  sp_deadline_get_day0 (sp_episode_get_ready_at (self->episode), &day0);
  sp_calendar_get_local_date (discharged != NULL ? discharged : now, &until);
  return sp_deadline_days_after_ready (&day0, &until);
}

static char *
build_state_text (SpEpisodePage *self)
{
  g_autofree char *discharged = NULL;

  switch (sp_episode_get_state (self->episode))
    {
    case SP_EPISODE_STATE_PLANNING:
      return g_strdup (sp_episode_all_acknowledged (self->episode, SP_EPISODE_NOTICE_ADMISSION)
                       ? _("Planning in progress")
                       : _("Admission notice not acknowledged"));
    case SP_EPISODE_STATE_READY:
      /* Translators: "Utskrivningsklar dag %d"; day 0 follows the 12:00 rule. */
      return g_strdup_printf (_("Ready for discharge, day %d"), count_days_after_ready (self));
    case SP_EPISODE_STATE_DISCHARGED:
      /* Translators: %s is a time; %d the days after ready it came. */
      discharged = sp_format_time (sp_episode_get_discharged_at (self->episode));
      return g_strdup_printf (_("Discharged %s (day %d after ready)"), discharged,
                              count_days_after_ready (self));
    case SP_EPISODE_STATE_DECEASED:
      return g_strdup (_("Deceased"));
    case SP_EPISODE_STATE_CANCELLED:
      return g_strdup (_("Cancelled"));
    default:
      g_assert_not_reached ();
    }
}

static void
show_header (SpEpisodePage *self,
             JsonObject    *rendering)
{
  JsonObject *patient = get_object (rendering, "patient");
  g_autofree char *name = dup_patient_name (patient);
  g_autofree char *identity = dup_identity (patient);
  g_autofree char *ward = sp_episode_page_unit_label (self, sp_episode_get_ward_unit_id (self->episode));
  g_autofree char *admitted = sp_format_time (sp_episode_get_admitted_at (self->episode));
  g_autofree char *subtitle = NULL;
  g_autofree char *state = build_state_text (self);
  const char *track = get_string (rendering, "track");
  int track_value;

  sp_episode_page_set_title (self, name);
  gtk_label_set_text (self->name_label, name);
  /* Translators: identity number · ward · "inskriven" time. */
  subtitle = g_strdup_printf (_("%s · %s · admitted %s"),
                              identity != NULL ? identity : _("No identity number"),
                              ward, admitted);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_label_set_text (self->state_label, state);

  if (track != NULL && sp_enum_from_nick (SP_TYPE_TRACK, track, &track_value))
    adw_bin_set_child (self->track_slot, sp_track_chip_new (track_value));
  else
    adw_bin_set_child (self->track_slot, NULL);
}

/* ---- The patient card ---- */

static char *
describe_address (JsonObject *address)
{
  const char *street = get_string (address, "street");
  const char *postal_code = get_string (address, "postal_code");
  const char *city = get_string (address, "city");

  return g_strdup_printf ("%s, %s %s", street != NULL ? street : "",
                          postal_code != NULL ? postal_code : "", city != NULL ? city : "");
}

static char *
describe_next_of_kin (JsonArray *array)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *person = json_array_get_object_element (array, i);
      const char *relation = get_string (person, "relation");
      const char *phone = get_string (person, "phone");

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, get_string (person, "name") ? get_string (person, "name") : "");
      if (relation != NULL)
        g_string_append_printf (text, " (%s)", relation);
      if (phone != NULL)
        g_string_append_printf (text, ", %s", phone);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
describe_giver (SpConsentGiver giver)
{
  switch (giver)
    {
    case SP_CONSENT_GIVER_PATIENT:
      return _("the patient");
    case SP_CONSENT_GIVER_GUARDIAN:
      return _("the guardian");
    case SP_CONSENT_GIVER_LEGAL_REPRESENTATIVE:
      return _("the legal representative");
    default:
      g_assert_not_reached ();
    }
}

/* The consent to the SVU information exchange, and who documented it (DOMAIN §4). */
static char *
describe_consent (SpEpisodePage *self)
{
  SpConsentSet *consents = sp_episode_get_consents (self->episode);
  g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
  SpConsent *consent = sp_consent_set_get_latest (consents, SP_CONSENT_KIND_SVU_EXCHANGE, now);
  SpHarmAssessment *assessment = sp_consent_set_get_harm_assessment (consents, now);

  if (consent != NULL && sp_consent_get_withdrawn_at (consent) != NULL)
    {
      g_autofree char *at = sp_format_time (sp_consent_get_withdrawn_at (consent));

      /* Translators: withdrawn <time> by <name>, <title>. */
      return g_strdup_printf (_("Consent withdrawn %s, documented by %s, %s"), at,
                              sp_consent_get_withdrawn_by_name (consent),
                              sp_consent_get_withdrawn_by_title (consent));
    }
  if (consent != NULL)
    {
      g_autofree char *at = sp_format_time (sp_consent_get_recorded_at (consent));

      /* Translators: "Samtycke (muntligt) från patienten, dokumenterat <time> av <name>, <title>". */
      return g_strdup_printf (_("Consent (%s) from %s, documented %s by %s, %s"),
                              sp_consent_get_form (consent) == SP_CONSENT_FORM_ORAL
                              ? _("oral") : _("written"),
                              describe_giver (sp_consent_get_given_by (consent)), at,
                              sp_consent_get_recorded_by_name (consent),
                              sp_consent_get_recorded_by_title (consent));
    }
  if (assessment != NULL)
    {
      g_autofree char *at = sp_format_time (sp_harm_assessment_get_at (assessment));

      return g_strdup_printf (_("No consent. Harm assessment (%s) %s by %s, %s"),
                              sp_harm_assessment_get_outcome (assessment)
                              == SP_HARM_OUTCOME_MAY_SHARE ? _("may share")
                                                           : _("may not share"),
                              at, sp_harm_assessment_get_made_by_name (assessment),
                              sp_harm_assessment_get_made_by_title (assessment));
    }

  return g_strdup (_("No consent documented"));
}

static void
show_patient (SpEpisodePage *self,
              JsonObject    *rendering)
{
  JsonObject *patient = get_object (rendering, "patient");
  JsonObject *municipality = get_object (patient, "municipality");
  g_autofree char *identity = dup_identity (patient);
  const char *reason = get_string (rendering, "reason_for_contact");
  const char *doctor = get_string (rendering, "responsible_doctor");
  GDate estimate;

  clear_list (self->patient_list);

  /* Withheld members are left out of the rendering: show only what came (DOMAIN §4). */
  if (json_object_has_member (patient, "given_name") ||
      json_object_has_member (patient, "family_name"))
    {
      g_autofree char *name = dup_patient_name (patient);

      add_row (self->patient_list, _("Name"), name);
    }
  if (identity != NULL)
    add_row (self->patient_list, _("Identity number"), identity);
  if (get_object (patient, "address") != NULL)
    {
      g_autofree char *address = describe_address (get_object (patient, "address"));

      add_row (self->patient_list, _("Registered address"), address);
    }
  if (municipality != NULL && get_string (municipality, "name") != NULL)
    add_row (self->patient_list, _("Municipality"), get_string (municipality, "name"));
  if (json_object_has_member (patient, "next_of_kin"))
    {
      JsonArray *array = json_object_get_array_member (patient, "next_of_kin");
      g_autofree char *kin = array != NULL ? describe_next_of_kin (array) : NULL;

      add_row (self->patient_list, _("Next of kin"),
               kin != NULL && *kin != '\0' ? kin : _("None recorded"));
    }
  if (json_object_has_member (patient, "interpreter_needed"))
    {
      const char *language = get_string (patient, "interpreter_language");
      g_autofree char *text = NULL;

      if (!json_object_get_boolean_member (patient, "interpreter_needed"))
        text = g_strdup (_("Not needed"));
      else
        /* Translators: %s is a language, "finska". */
        text = g_strdup_printf (_("Needed: %s"), language != NULL ? language : _("language not stated"));
      add_row (self->patient_list, _("Interpreter"), text);
    }
  if (json_object_has_member (rendering, "consents"))
    {
      g_autofree char *consent = describe_consent (self);

      add_row (self->patient_list, _("Consent"), consent);
    }
  if (reason != NULL)
    add_row (self->patient_list, _("Reason for contact"), reason);
  if (doctor != NULL)
    add_row (self->patient_list, _("Responsible doctor"), doctor);
  if (json_object_has_member (rendering, "estimated_discharge") &&
      sp_episode_get_estimated_discharge (self->episode, &estimate))
    {
      char text[32];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &estimate);
      add_row (self->patient_list, _("Estimated discharge"), text);
    }

  gtk_widget_set_visible (self->restricted_box,
                          json_object_get_boolean_member_with_default (rendering, "restricted",
                                                                       FALSE));
  gtk_label_set_text (self->restricted_label,
                      get_string (rendering, "restricted_reason") != NULL
                      ? get_string (rendering, "restricted_reason")
                      : _("Some information is withheld without the patient's consent."));
}

/* ---- Units and care contacts ---- */

static char *
describe_acknowledgement (SpEpisodePage   *self,
                          SpEpisodeNotice  which,
                          const char      *unit_id)
{
  GDateTime *at = sp_episode_get_acknowledged_at (self->episode, which, unit_id);
  GPtrArray *acks = sp_episode_get_acknowledgements (self->episode, which);
  const char *notice = which == SP_EPISODE_NOTICE_ADMISSION ? _("Admission notice")
                                                            : _("Ready notice");
  g_autofree char *time = NULL;
  const char *by = NULL;

  if (at == NULL)
    /* Translators: "Inskrivningsmeddelande: ej kvitterat". */
    return g_strdup_printf (_("%s: not acknowledged"), notice);

  for (guint i = 0; i < acks->len; i++)
    {
      const SpAcknowledgement *ack = g_ptr_array_index (acks, i);

      if (g_strcmp0 (ack->unit_id, unit_id) == 0)
        by = ack->by;
    }
  time = sp_format_time (at);
  /* Translators: "Inskrivningsmeddelande: kvitterat 2026-03-10 09:30 av Bertil Provsson". */
  return g_strdup_printf (_("%s: acknowledged %s by %s"), notice, time, by);
}

static void
show_units (SpEpisodePage *self)
{
  GPtrArray *addressing = sp_episode_get_addressing (self->episode);
  gboolean ready_sent = sp_episode_get_ready_at (self->episode) != NULL;

  clear_list (self->units_list);
  for (guint i = 0; i < addressing->len; i++)
    {
      const SpAddressee *addressee = g_ptr_array_index (addressing, i);
      g_autofree char *name = sp_episode_page_unit_label (self, addressee->unit_id);
      g_autofree char *admission = describe_acknowledgement (self, SP_EPISODE_NOTICE_ADMISSION,
                                                             addressee->unit_id);
      g_autofree char *ready = NULL;
      g_autofree char *subtitle = NULL;
      gboolean done;
      GtkWidget *row;
      GtkWidget *status;

      if (ready_sent)
        ready = describe_acknowledgement (self, SP_EPISODE_NOTICE_READY, addressee->unit_id);
      subtitle = g_strjoin ("\n",
                            addressee->role == SP_ADDRESSING_ROLE_RECIPIENT
                            ? _("Recipient") : _("For information"),
                            admission, ready, NULL);
      row = add_row (self->units_list, name, subtitle);
      gtk_widget_remove_css_class (row, "property");

      done = sp_episode_get_acknowledged_at (self->episode, SP_EPISODE_NOTICE_ADMISSION,
                                             addressee->unit_id) != NULL &&
             (!ready_sent || sp_episode_get_acknowledged_at (self->episode, SP_EPISODE_NOTICE_READY,
                                                             addressee->unit_id) != NULL);
      status = gtk_label_new (done ? _("Acknowledged") : _("Not acknowledged"));
      gtk_widget_add_css_class (status, done ? "success" : "warning");
      gtk_widget_add_css_class (status, "caption-heading");
      gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
    }
}

static void
show_contacts (SpEpisodePage *self)
{
  GPtrArray *contacts = sp_episode_get_care_contacts (self->episode);
  gboolean may_set_lead = sp_episode_page_can (self, SP_EPISODE_ACTION_SET_LEAD_CARE_CONTACT);

  clear_list (self->contacts_list);
  if (contacts->len == 0)
    add_empty_row (self->contacts_list, _("No care contact named yet"));

  for (guint i = 0; i < contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *unit = sp_episode_page_unit_label (self, contact->unit_id);
      g_autofree char *named = sp_format_time (contact->named_at);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: unit · work phone · "namngiven <time> av <name>". */
      subtitle = g_strdup_printf (_("%s · %s · named %s by %s"), unit, contact->work_phone,
                                  named, contact->named_by);
      row = add_row (self->contacts_list, contact->name, subtitle);
      gtk_widget_remove_css_class (row, "property");

      if (contact->lead)
        {
          GtkWidget *lead = gtk_label_new (_("Lead care contact"));

          gtk_widget_add_css_class (lead, "accent");
          gtk_widget_add_css_class (lead, "caption-heading");
          gtk_widget_set_valign (lead, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), lead);
        }
      else if (may_set_lead)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("Make _Lead"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "episode.set-lead");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", contact->unit_id);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }
}

/**
 * sp_episode_card_show:
 * @rendering: the episode as the server rendered it; self->episode is its reading
 *
 * Fills the header, the patient card, the units and the care contacts.
 */
void
sp_episode_card_show (SpEpisodePage *self,
                      JsonObject    *rendering)
{
  show_header (self, rendering);
  show_patient (self, rendering);
  show_units (self);
  show_contacts (self);
}
