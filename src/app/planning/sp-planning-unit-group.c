/* sp-planning-unit-group.c — one unit's planning answers and their versions, read-only
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows what the server sent for one unit of GET /episodes/:id/planning: its latest answers
 * and free text, signed with name, title and time, and every earlier version below, newest
 * first. Versions are never deleted (DOMAIN §6), so nothing here can be changed or removed.
 * A unit whose answers are withheld without consent shows only that it answered, and why.
 */

#define G_LOG_DOMAIN "sp-planning-unit-group"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-json.h"
#include "sp-planning-answer.h"
#include "sp-planning-unit-group.h"

struct _SpPlanningUnitGroup
{
  AdwPreferencesGroup  parent_instance;

  char                *unit_id;
  guint                n_versions;
};

G_DEFINE_FINAL_TYPE (SpPlanningUnitGroup, sp_planning_unit_group, ADW_TYPE_PREFERENCES_GROUP)

static const char *
value_text (SpPlanningValue value)
{
  switch (value)
    {
    case SP_PLANNING_VALUE_YES:
      return _("Yes");
    case SP_PLANNING_VALUE_NO:
      return _("No");
    case SP_PLANNING_VALUE_UNANSWERED:
    default:
      return _("Not answered");
    }
}

/* A read-only row: the question, and the answer as a word (never only a colour). */
static GtkWidget *
answer_row_new (const SpPlanningQuestion *question,
                SpPlanningValue           value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value_text (value));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), question->text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (label, value == SP_PLANNING_VALUE_YES ? "heading" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static GtkWidget *
text_row_new (const char *title,
              const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               text != NULL && *text != '\0' ? text : _("Nothing written"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* The text is user input: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  return row;
}

/* An earlier version in one row: the signature as title, every answer and text below. */
static GtkWidget *
version_row_new (SpPlanningAnswer *answer)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *signature = sp_planning_describe_version (answer);
  const SpPlanningQuestion *questions;
  const char *ongoing = sp_planning_answer_get_ongoing_interventions (answer);
  const char *needs = sp_planning_answer_get_new_needs (answer);
  GtkWidget *row = adw_action_row_new ();
  guint n = 0;

  questions = sp_planning_get_questions (&n);
  for (guint i = 0; i < n; i++)
    {
      SpPlanningValue value = sp_planning_answer_get_value (answer, questions[i].key);

      if (value != SP_PLANNING_VALUE_UNANSWERED)
        g_string_append_printf (summary, "%s%s: %s", summary->len > 0 ? "\n" : "",
                                value_text (value), questions[i].text);
    }
  if (ongoing != NULL && *ongoing != '\0')
    g_string_append_printf (summary, "\n%s: %s", _("Ongoing interventions"), ongoing);
  if (needs != NULL && *needs != '\0')
    g_string_append_printf (summary, "\n%s: %s", _("New or changed needs"), needs);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), signature);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "sp-planning-version");

  return row;
}

/* The latest version's answers: every question the unit's kind answers, then the texts. */
static void
add_latest (SpPlanningUnitGroup *self,
            SpPlanningAnswer    *latest)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  SpUnitKind kind = sp_planning_answer_get_unit_kind (latest);
  const SpPlanningQuestion *questions;
  guint n = 0;

  questions = sp_planning_get_questions (&n);
  for (guint i = 0; i < n; i++)
    if (sp_planning_question_may_answer (&questions[i], kind))
      adw_preferences_group_add (group,
                                 answer_row_new (&questions[i],
                                                 sp_planning_answer_get_value (latest,
                                                                               questions[i].key)));

  adw_preferences_group_add (group,
                             text_row_new (_("Ongoing interventions"),
                                           sp_planning_answer_get_ongoing_interventions (latest)));
  adw_preferences_group_add (group,
                             text_row_new (_("New or changed needs"),
                                           sp_planning_answer_get_new_needs (latest)));
}

/* Earlier versions, newest first, folded away: they are there to be looked up. */
static void
add_history (SpPlanningUnitGroup *self,
             GPtrArray           *history)
{
  g_autofree char *title = NULL;
  GtkWidget *expander;

  if (history->len < 2)
    return;

  title = g_strdup_printf (ngettext ("%u earlier version", "%u earlier versions",
                                     history->len - 1),
                           history->len - 1);
  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 _("Read only: versions are kept and never deleted"));
  for (guint i = history->len - 1; i-- > 0;)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              version_row_new (g_ptr_array_index (history, i)));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), expander);
}

/* Reads the unit's versions with the core's strict reader; a version that does not read is
 * reported, not skipped: the list of versions must be complete or say it is not. */
static GPtrArray *
read_history (JsonObject  *unit,
              GError     **error)
{
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *versions = sp_json_get_array (unit, "history", TRUE, error);

  if (versions == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (versions); i++)
    {
      SpPlanningAnswer *answer;

      answer = sp_planning_answer_new_from_json (json_array_get_element (versions, i), error);
      if (answer == NULL)
        return NULL;
      g_ptr_array_add (history, answer);
    }

  return g_steal_pointer (&history);
}

static void
sp_planning_unit_group_finalize (GObject *object)
{
  SpPlanningUnitGroup *self = SP_PLANNING_UNIT_GROUP (object);

  g_clear_pointer (&self->unit_id, g_free);

  G_OBJECT_CLASS (sp_planning_unit_group_parent_class)->finalize (object);
}

static void
sp_planning_unit_group_class_init (SpPlanningUnitGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_planning_unit_group_finalize;
}

static void
sp_planning_unit_group_init (SpPlanningUnitGroup *self)
{
}

/**
 * sp_planning_describe_version:
 * @answer: a saved version
 *
 * Returns: (transfer full): "Version 2 · Anna Andersson, sjuksköterska · 2026-03-10 09:12"
 *   (Swedish time), as every version is signed on screen
 */
char *
sp_planning_describe_version (SpPlanningAnswer *answer)
{
  GDateTime *at = sp_planning_answer_get_answered_at (answer);
  const char *name = sp_planning_answer_get_author_name (answer);
  const char *title = sp_planning_answer_get_author_title (answer);
  g_autofree char *when = at != NULL ? sp_format_time (at) : NULL;

  return g_strdup_printf (_("Version %u · %s, %s · %s"),
                          sp_planning_answer_get_version (answer),
                          name != NULL ? name : "–", title != NULL ? title : "–",
                          when != NULL ? when : "–");
}

/**
 * sp_planning_unit_group_new:
 * @account: the session, for unit names
 * @unit: one entry of the planning basis's "units" as the server sent it
 *
 * Returns: (transfer floating): a group showing that unit's answers and versions
 */
GtkWidget *
sp_planning_unit_group_new (SpAccount  *account,
                            JsonObject *unit)
{
  SpPlanningUnitGroup *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *restricted_reason = NULL;
  g_autofree char *unit_id = NULL;
  const char *unit_name;
  gboolean restricted = FALSE;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (unit != NULL, NULL);

  self = g_object_new (SP_TYPE_PLANNING_UNIT_GROUP, NULL);

  if (!sp_json_get_string (unit, "unit_id", TRUE, 128, &unit_id, &error) ||
      !sp_json_get_bool (unit, "restricted", FALSE, &restricted, &error) ||
      !sp_json_get_string (unit, "restricted_reason", FALSE, SP_JSON_MAX_TEXT,
                           &restricted_reason, &error) ||
      (!restricted && (history = read_history (unit, &error)) == NULL))
    {
      g_debug ("Unreadable planning answers from the server: %s", error->message);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             _("These answers could not be read."));
      return GTK_WIDGET (self);
    }

  self->unit_id = g_steal_pointer (&unit_id);
  unit_name = sp_account_get_unit_name (account, self->unit_id);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   unit_name != NULL ? unit_name : self->unit_id);

  if (restricted)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), restricted_reason);
      return GTK_WIDGET (self);
    }

  self->n_versions = history->len;
  if (history->len > 0)
    {
      SpPlanningAnswer *latest = g_ptr_array_index (history, history->len - 1);
      g_autofree char *signature = sp_planning_describe_version (latest);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), signature);
      add_latest (self, latest);
      add_history (self, history);
    }

  return GTK_WIDGET (self);
}

const char *
sp_planning_unit_group_get_unit_id (SpPlanningUnitGroup *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_UNIT_GROUP (self), NULL);
  return self->unit_id;
}

/** sp_planning_unit_group_get_n_versions: Returns: how many versions the group shows */
guint
sp_planning_unit_group_get_n_versions (SpPlanningUnitGroup *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_UNIT_GROUP (self), 0);
  return self->n_versions;
}
