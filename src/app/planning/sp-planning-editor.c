/* sp-planning-editor.c — the planning basis of one episode: answers per unit, versions, track
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caller's unit answers the fixed questions its kind answers (the core's table) and
 * writes its free text; Save sends a new version through the outbox with the basis's
 * revision. The track shown is the server's (GET /episodes/:id/planning); while the form
 * holds unsaved answers it is a preview, computed by the core's own track function from the
 * answers this unit may see with the edited ones in place of its latest. Every unit's
 * versions are shown read-only (SpPlanningUnitGroup).
 */

#define G_LOG_DOMAIN "sp-planning-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-planning-editor.h"
#include "sp-planning-unit-group.h"
#include "sp-track.h"
#include "sp-track-chip.h"

#define EDITOR_PATH "/se/samplan/Samplan/ui/planning/"

struct _SpPlanningEditor
{
  AdwBin               parent_instance;

  /* Template */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  SpTrackChip         *track_chip;
  GtkLabel            *track_reason;
  GtkLabel            *track_note;
  GtkListBox          *next_list;
  AdwPreferencesGroup *answer_group;
  GtkListBox          *question_list;
  GtkTextView         *ongoing_view;
  GtkTextView         *needs_view;
  GtkLabel            *save_hint;
  GtkBox              *units_box;

  SpAccount           *account;
  char                *episode_id;
  /* Cancelled in dispose: no late answer reaches a dead editor. */
  GCancellable        *cancellable;

  JsonNode            *planning;  /* the basis as the server last sent it */
  gint64               revision;  /* its revision: the base of the next save */
  GDateTime           *ready_at;  /* the episode's; starts the SIP invitation clock */
  gboolean             may_answer;
  GPtrArray           *switches;  /* (element-type GtkSwitch): one per question answered */
  gboolean             edited;    /* the form holds answers not saved yet */
  gboolean             filling;   /* the form is being filled from the server */
  gboolean             saving;
  gboolean             queued;    /* saved while offline: waits in the outbox */
};

G_DEFINE_FINAL_TYPE (SpPlanningEditor, sp_planning_editor, ADW_TYPE_BIN)

static void edited_cb (SpPlanningEditor *self);

/* ---- Small helpers ---- */

static void
toast (SpPlanningEditor *self,
       const char       *text)
{
  AdwToast *item = adw_toast_new (text);

  adw_toast_set_timeout (item, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

static void
remove_all (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

/* A deadline at midnight is the end of the day before: "senast 2026-03-10", not
 * "2026-03-11 00:00". */
static char *
format_due (GDateTime *due)
{
  g_autoptr(GDateTime) local = sp_calendar_to_local (due);
  g_autoptr(GDateTime) before = NULL;

  if (g_date_time_get_hour (local) != 0 || g_date_time_get_minute (local) != 0)
    return g_date_time_format (local, "%Y-%m-%d %H:%M");

  before = g_date_time_add_seconds (local, -1);
  return g_date_time_format (before, "%Y-%m-%d");
}

static const SpRegionProfile *
get_region_profile (SpPlanningEditor *self)
{
  JsonObject *profile = sp_account_get_profile (self->account);
  const char *id = NULL;
  const SpRegionProfile *region = NULL;

  /* The server's region decides the track rule; the session says it once the server tells
   * (see the note in the report); Stockholm is the server's default profile. */
  if (profile != NULL)
    id = json_object_get_string_member_with_default (profile, "region_profile", NULL);
  if (id != NULL)
    region = sp_region_profile_lookup (id);

  return region != NULL ? region : sp_region_profile_lookup ("stockholm");
}

static char *
get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static const SpPlanningQuestion *
switch_question (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "sp-planning-question");
}

/* ---- The caller's unit's form ---- */

/* The answers as the form holds them now, as the core's answer (for the preview). */
static SpPlanningAnswer *
edited_answer (SpPlanningEditor *self)
{
  g_autofree char *ongoing = get_text (self->ongoing_view);
  g_autofree char *needs = get_text (self->needs_view);
  SpPlanningAnswer *answer;

  answer = sp_planning_answer_new (self->episode_id, sp_account_get_unit_id (self->account),
                                   sp_account_get_unit_kind (self->account));
  for (guint i = 0; i < self->switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (self->switches, i);

      sp_planning_answer_set_value (answer, switch_question (GTK_WIDGET (toggle))->key,
                                    gtk_switch_get_active (toggle) ? SP_PLANNING_VALUE_YES
                                                                   : SP_PLANNING_VALUE_NO);
    }
  sp_planning_answer_set_ongoing_interventions (answer, ongoing);
  sp_planning_answer_set_new_needs (answer, needs);

  return answer;
}

/* The latest version of every unit this unit may see, as the core reads them. */
static GPtrArray *
visible_latest (SpPlanningEditor *self,
                gboolean         *out_withheld)
{
  JsonArray *units = sp_json_get_array (json_node_get_object (self->planning), "units", FALSE,
                                        NULL);
  GPtrArray *latest = g_ptr_array_new_with_free_func (g_object_unref);

  *out_withheld = FALSE;
  for (guint i = 0; units != NULL && i < json_array_get_length (units); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);
      JsonNode *node = json_object_get_member (unit, "latest");
      SpPlanningAnswer *answer;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          *out_withheld = TRUE;
          continue;
        }
      if ((answer = sp_planning_answer_new_from_json (node, NULL)) != NULL)
        g_ptr_array_add (latest, answer);
    }

  return latest;
}

static SpPlanningAnswer *
own_latest (SpPlanningEditor *self)
{
  g_autoptr(GPtrArray) latest = NULL;
  gboolean withheld;

  latest = visible_latest (self, &withheld);
  for (guint i = 0; i < latest->len; i++)
    {
      SpPlanningAnswer *answer = g_ptr_array_index (latest, i);

      if (g_strcmp0 (sp_planning_answer_get_unit_id (answer),
                     sp_account_get_unit_id (self->account)) == 0)
        return g_object_ref (answer);
    }

  return NULL;
}

static void
update_actions (SpPlanningEditor *self)
{
  gboolean can_save = self->planning != NULL && self->may_answer && !self->saving &&
                      self->switches->len > 0;
  const char *hint = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "planning.save", can_save);

  for (guint i = 0; i < self->switches->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->switches, i), self->may_answer);
  gtk_text_view_set_editable (self->ongoing_view, self->may_answer);
  gtk_text_view_set_editable (self->needs_view, self->may_answer);

  if (self->switches->len == 0)
    hint = _("Your unit's kind answers none of the planning questions.");
  else if (!self->may_answer)
    hint = _("Your unit cannot answer the planning basis of this episode now.");
  else if (self->queued)
    hint = _("Saved; it will be sent when the connection is back.");
  else if (self->edited)
    hint = _("Unsaved changes: the track above is a preview.");
  gtk_label_set_label (self->save_hint, hint != NULL ? hint : "");
}

/* One switch row per question the unit's kind answers, worded as the core has it. */
static void
build_questions (SpPlanningEditor *self)
{
  SpUnitKind kind = sp_account_get_unit_kind (self->account);
  const SpPlanningQuestion *questions;
  guint n = 0;

  questions = sp_planning_get_questions (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row, *toggle;

      if (!sp_planning_question_may_answer (&questions[i], kind))
        continue;

      toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (toggle), "sp-planning-question", (gpointer) &questions[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      questions[i].text, -1);
      g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (edited_cb), self);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), questions[i].text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      gtk_list_box_append (self->question_list, row);
      g_ptr_array_add (self->switches, toggle);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->question_list), self->switches->len > 0);
}

/* Puts the unit's latest saved version into the form (or "no" everywhere before any). */
static void
fill_form (SpPlanningEditor *self)
{
  g_autoptr(SpPlanningAnswer) latest = own_latest (self);
  g_autofree char *signature = latest != NULL ? sp_planning_describe_version (latest) : NULL;
  g_autofree char *description = NULL;

  self->filling = TRUE;
  for (guint i = 0; i < self->switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (self->switches, i);
      SpPlanningValue value = latest != NULL
        ? sp_planning_answer_get_value (latest, switch_question (GTK_WIDGET (toggle))->key)
        : SP_PLANNING_VALUE_UNANSWERED;

      gtk_switch_set_active (toggle, value == SP_PLANNING_VALUE_YES);
    }
  set_text (self->ongoing_view,
            latest != NULL ? sp_planning_answer_get_ongoing_interventions (latest) : NULL);
  set_text (self->needs_view, latest != NULL ? sp_planning_answer_get_new_needs (latest) : NULL);
  self->filling = FALSE;
  self->edited = FALSE;

  description = signature != NULL
    ? g_strdup_printf (_("Latest saved: %s"), signature)
    : g_strdup (_("Your unit has not answered yet. Saving records every answer shown."));
  adw_preferences_group_set_description (self->answer_group, description);
}

/* ---- The track and what it asks for next ---- */

static void
add_next_row (SpPlanningEditor *self,
              const char       *title,
              const char       *subtitle,
              const char       *css_class)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (row, css_class);
  gtk_list_box_append (self->next_list, row);
}

static void
show_next (SpPlanningEditor          *self,
           const SpTrackImplications *next,
           GDateTime                 *due)
{
  remove_all (GTK_WIDGET (self->next_list));

  if (next->sip_invitation == SP_SIP_NEED_REQUIRED && due != NULL)
    {
      g_autoptr(GDateTime) now = sp_account_dup_now (self->account);
      g_autofree char *when = format_due (due);
      g_autofree char *title = g_strdup_printf (_("SIP invitation by %s at the latest"), when);
      gboolean overdue = sp_deadline_is_overdue (due, NULL, now);

      add_next_row (self, title, overdue ? _("Overdue") : NULL,
                    overdue ? "sp-planning-overdue" : NULL);
    }
  else if (next->sip_invitation == SP_SIP_NEED_REQUIRED)
    add_next_row (self, _("SIP invitation required"),
                  _("The deadline starts when the patient is ready for discharge."), NULL);
  else if (next->sip_invitation == SP_SIP_NEED_OFFER_AFTER_DISCHARGE)
    add_next_row (self, _("Offer a SIP after discharge"),
                  _("Open care decides with the patient whether a SIP is made or updated."),
                  NULL);
  else
    add_next_row (self, _("No SIP invitation needed"), NULL, NULL);

  if (next->pre_meeting == SP_PRE_MEETING_NEED_REQUIRED)
    add_next_row (self, _("Pre-meeting required"), NULL, NULL);
  else if (next->pre_meeting == SP_PRE_MEETING_NEED_SUGGESTED)
    add_next_row (self, _("Pre-meeting suggested"), NULL, NULL);

  if (next->sip_may_be_held_in_hospital)
    add_next_row (self, _("The SIP can be held in hospital before discharge"), NULL, NULL);

  if (next->follow_up_within_weeks > 0)
    {
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("SIP meeting within %u week of discharge",
                                         "SIP meeting within %u weeks of discharge",
                                         next->follow_up_within_weeks),
                               next->follow_up_within_weeks);
      add_next_row (self, title, NULL, NULL);
    }

  if (next->home_by_day_after_ready)
    add_next_row (self, _("Home the day after ready for discharge at the latest"), NULL, NULL);

  if (next->care_contact_needed)
    add_next_row (self, _("A care contact is to be named"), NULL, NULL);

  if (!next->admission_notice_needed)
    add_next_row (self, _("No admission notice needed"), NULL, NULL);
}

/* The server's "implications" as the core's struct, so both paths show them alike. */
static gboolean
read_implications (JsonObject           *object,
                   SpTrackImplications  *out,
                   GDateTime           **out_due,
                   GError              **error)
{
  int sip = SP_SIP_NEED_NONE;
  int pre_meeting = SP_PRE_MEETING_NEED_NONE;
  gint64 weeks = 0;

  if (object == NULL ||
      !sp_json_get_bool (object, "admission_notice_needed", TRUE,
                         &out->admission_notice_needed, error) ||
      !sp_json_get_bool (object, "care_contact_needed", TRUE, &out->care_contact_needed,
                         error) ||
      !sp_json_get_enum (object, "sip_invitation", TRUE, SP_TYPE_SIP_NEED, &sip, error) ||
      !sp_json_get_datetime (object, "sip_invitation_due_at", FALSE, out_due, error) ||
      !sp_json_get_bool (object, "sip_may_be_held_in_hospital", TRUE,
                         &out->sip_may_be_held_in_hospital, error) ||
      !sp_json_get_enum (object, "pre_meeting", TRUE, SP_TYPE_PRE_MEETING_NEED, &pre_meeting,
                         error) ||
      !sp_json_get_bool (object, "home_by_day_after_ready", TRUE,
                         &out->home_by_day_after_ready, error) ||
      !sp_json_get_int (object, "follow_up_within_weeks", TRUE, 0, 52, &weeks, error))
    return FALSE;

  out->sip_invitation = sip;
  out->pre_meeting = pre_meeting;
  out->follow_up_within_weeks = weeks;
  return TRUE;
}

static void
set_track (SpPlanningEditor *self,
           SpTrack           track,
           const char       *reason,
           const char       *note)
{
  /* The core's reason starts with the heading ("Gult spår: …"): it is the title. */
  sp_track_chip_set_track (self->track_chip, track);
  gtk_label_set_label (self->track_reason,
                       reason != NULL ? reason : sp_track_get_heading (track));
  gtk_label_set_label (self->track_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->track_note), note != NULL);
}

/* While the form holds unsaved answers (and no unit has set the track by hand): the track
 * the core computes from them, with the other units' visible answers. */
static void
show_preview (SpPlanningEditor *self)
{
  const SpRegionProfile *profile = get_region_profile (self);
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *reason = NULL;
  SpTrackImplications next;
  gboolean withheld;
  SpTrack track;

  latest = visible_latest (self, &withheld);
  for (guint i = 0; i < latest->len; i++)
    if (g_strcmp0 (sp_planning_answer_get_unit_id (g_ptr_array_index (latest, i)),
                   sp_account_get_unit_id (self->account)) == 0)
      g_ptr_array_remove_index (latest, i--);
  g_ptr_array_add (latest, edited_answer (self));

  track = sp_planning_compute_track (profile, latest, NULL, &reason);
  next = sp_track_get_implications (profile, track);
  if (next.sip_invitation != SP_SIP_NEED_NONE && self->ready_at != NULL)
    due = sp_deadline_get_due (profile, SP_CLOCK_SIP_INVITATION_SENT, self->ready_at);

  set_track (self, track, reason,
             withheld ? _("Preview of your unsaved answers. Answers withheld from your unit "
                          "are not included; saving gives the track.")
                      : _("Preview of your unsaved answers; saving gives the track."));
  show_next (self, &next, due);
}

static char *
describe_override (JsonObject *override)
{
  JsonObject *by = sp_json_get_object (override, "by", FALSE, NULL);
  const char *name = by != NULL ? json_object_get_string_member_with_default (by, "name", NULL)
                                : NULL;
  const char *title = by != NULL ? json_object_get_string_member_with_default (by, "title",
                                                                               NULL)
                                 : NULL;

  return g_strdup_printf (_("Set by hand by %s, %s."), name != NULL ? name : "–",
                          title != NULL ? title : "–");
}

/* The track the server computed and stores, and what it asks for next. */
static void
show_saved (SpPlanningEditor *self)
{
  JsonObject *planning = json_node_get_object (self->planning);
  JsonObject *effective = sp_json_get_object (planning, "effective_track", FALSE, NULL);
  JsonObject *override = sp_json_get_object (planning, "override", FALSE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *note = NULL;
  SpTrackImplications next = { 0 };
  int track = SP_TRACK_GRA;

  if (effective == NULL ||
      !sp_json_get_enum (effective, "track", TRUE, SP_TYPE_TRACK, &track, &error) ||
      !sp_json_get_string (effective, "reason", FALSE, SP_JSON_MAX_TEXT, &reason, &error) ||
      !read_implications (sp_json_get_object (planning, "implications", FALSE, NULL), &next,
                          &due, &error))
    {
      g_debug ("Unreadable track from the server: %s", error != NULL ? error->message : "");
      toast (self, _("The track could not be read from the server's answer."));
      return;
    }

  if (override != NULL)
    note = describe_override (override);
  else if (self->revision == 0)
    note = g_strdup (_("No unit has answered yet."));

  set_track (self, track, reason, note);
  show_next (self, &next, due);
}

static void
show_track (SpPlanningEditor *self)
{
  JsonObject *planning = json_node_get_object (self->planning);

  if (self->edited && sp_json_get_object (planning, "override", FALSE, NULL) == NULL)
    show_preview (self);
  else
    show_saved (self);
}

static void
edited_cb (SpPlanningEditor *self)
{
  if (self->filling || self->planning == NULL)
    return;

  self->edited = TRUE;
  self->queued = FALSE;
  show_track (self);
  update_actions (self);
}

/* ---- Loading ---- */

/* Shows a basis from the server. @keep_form: the form keeps what the user typed (after a
 * conflict: nothing the user wrote is lost). */
static void
show_planning (SpPlanningEditor *self,
               JsonNode         *node,
               gboolean          keep_form)
{
  JsonObject *object = json_node_get_object (node);
  JsonArray *units;
  gint64 revision = 0;

  g_clear_pointer (&self->planning, json_node_unref);
  self->planning = json_node_ref (node);
  sp_json_get_int (object, "revision", FALSE, 0, G_MAXINT64, &revision, NULL);
  self->revision = revision;

  remove_all (GTK_WIDGET (self->units_box));
  units = sp_json_get_array (object, "units", FALSE, NULL);
  for (guint i = 0; units != NULL && i < json_array_get_length (units); i++)
    gtk_box_append (self->units_box,
                    sp_planning_unit_group_new (self->account,
                                                json_array_get_object_element (units, i)));

  if (!keep_form)
    fill_form (self);

  show_track (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
show_load_error (SpPlanningEditor *self,
                 const GError     *error)
{
  if (self->planning != NULL)
    {
      toast (self, error->message);
      return;
    }

  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
planning_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_send_finish (SP_CLIENT (object), result, &error);
  SpPlanningEditor *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_PLANNING_EDITOR (user_data);
  if (node == NULL)
    show_load_error (self, error);
  else
    show_planning (self, node, self->edited);
}

static void
load_planning (SpPlanningEditor *self)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/planning", self->episode_id);

  sp_client_send_async (sp_account_get_client (self->account), "GET", path, NULL, NULL, NULL,
                        self->cancellable, planning_loaded_cb, self);
}

/* The episode says whether this unit may answer now and when the patient became ready. */
static void
episode_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_send_finish (SP_CLIENT (object), result, &error);
  SpPlanningEditor *self;
  JsonObject *episode;
  JsonArray *allowed;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_PLANNING_EDITOR (user_data);
  if (node == NULL || (episode = sp_json_node_get_object (node, NULL, &error)) == NULL)
    {
      show_load_error (self, error);
      return;
    }

  g_clear_pointer (&self->ready_at, g_date_time_unref);
  sp_json_get_datetime (episode, "ready_at", FALSE, &self->ready_at, NULL);

  self->may_answer = FALSE;
  allowed = sp_json_get_array (episode, "allowed_actions", FALSE, NULL);
  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    if (g_strcmp0 (json_array_get_string_element (allowed, i), "answer_planning") == 0)
      self->may_answer = TRUE;

  load_planning (self);
}

static void
reload (SpPlanningEditor *self)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", self->episode_id);

  if (self->planning == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  sp_client_send_async (sp_account_get_client (self->account), "GET", path, NULL, NULL, NULL,
                        self->cancellable, episode_loaded_cb, self);
}

/* ---- Saving ---- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  SpOutboxOutcome outcome = SP_OUTBOX_OUTCOME_APPLIED;
  SpPlanningEditor *self;
  SpSync *sync;

  node = sp_outbox_submit_finish (SP_OUTBOX (object), result, &outcome, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_PLANNING_EDITOR (user_data);
  self->saving = FALSE;

  if (error != NULL && g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_CONFLICT))
    {
      JsonNode *current = sp_client_error_get_current (error);

      /* Another unit (or another of our own) saved first: show theirs, keep ours to save
       * again on top of it. */
      if (current != NULL)
        show_planning (self, current, TRUE);
      else
        load_planning (self);
      toast (self, _("Someone else saved the planning basis meanwhile. It has been read "
                     "again; your answers are still here: check them and save again."));
    }
  else if (error != NULL)
    toast (self, error->message);
  else if (outcome == SP_OUTBOX_OUTCOME_QUEUED)
    {
      self->queued = TRUE;
      toast (self, _("Saved; it will be sent when the connection is back."));
    }
  else
    {
      self->queued = FALSE;
      show_planning (self, node, FALSE);
      toast (self, _("The planning basis is saved."));
      /* The overview shows the track too. */
      if ((sync = sp_account_get_sync (self->account)) != NULL)
        sp_sync_refresh (sync);
    }

  update_actions (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpPlanningEditor *self = SP_PLANNING_EDITOR (widget);
  g_autofree char *path = NULL;
  g_autofree char *ongoing = get_text (self->ongoing_view);
  g_autofree char *needs = get_text (self->needs_view);
  g_autoptr(JsonNode) body = NULL;
  JsonObject *answers = json_object_new ();
  JsonObject *object = json_object_new ();

  /* Every question on screen is answered: a switch that is off says no. */
  for (guint i = 0; i < self->switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (self->switches, i);

      json_object_set_boolean_member (answers, switch_question (GTK_WIDGET (toggle))->key,
                                      gtk_switch_get_active (toggle));
    }
  json_object_set_object_member (object, "answers", answers);
  sp_json_set_string (object, "ongoing_interventions", ongoing);
  sp_json_set_string (object, "new_needs", needs);
  json_object_set_int_member (object, "base_revision", self->revision);
  body = sp_json_node_new_object (object);

  self->saving = TRUE;
  update_actions (self);

  path = g_strdup_printf ("/api/v1/episodes/%s/planning/answers", self->episode_id);
  sp_outbox_submit_async (sp_account_get_outbox (self->account), "POST", path, body,
                          self->episode_id, self->cancellable, saved_cb, self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (SP_PLANNING_EDITOR (widget));
}

/* ---- The class ---- */

static void
load_style (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, EDITOR_PATH "sp-planning-editor.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

static void
sp_planning_editor_dispose (GObject *object)
{
  SpPlanningEditor *self = SP_PLANNING_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->account);
  g_clear_pointer (&self->planning, json_node_unref);
  g_clear_pointer (&self->ready_at, g_date_time_unref);

  G_OBJECT_CLASS (sp_planning_editor_parent_class)->dispose (object);
}

static void
sp_planning_editor_finalize (GObject *object)
{
  SpPlanningEditor *self = SP_PLANNING_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->switches, g_ptr_array_unref);
  g_clear_pointer (&self->episode_id, g_free);

  G_OBJECT_CLASS (sp_planning_editor_parent_class)->finalize (object);
}

static void
sp_planning_editor_class_init (SpPlanningEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_planning_editor_dispose;
  object_class->finalize = sp_planning_editor_finalize;

  g_type_ensure (SP_TYPE_TRACK_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               EDITOR_PATH "sp-planning-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, track_chip);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, track_reason);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, track_note);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, next_list);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, answer_group);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, question_list);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, ongoing_view);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, needs_view);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, save_hint);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningEditor, units_box);

  gtk_widget_class_install_action (widget_class, "planning.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "planning.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "planning.save", NULL);
}

static void
sp_planning_editor_init (SpPlanningEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_style ();

  self->cancellable = g_cancellable_new ();
  self->switches = g_ptr_array_new ();

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->ongoing_view), "changed",
                            G_CALLBACK (edited_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->needs_view), "changed",
                            G_CALLBACK (edited_cb), self);
}

/**
 * sp_planning_editor_new:
 * @account: the session
 * @episode_id: the episode whose planning basis to show
 *
 * Returns: (transfer floating): a new #SpPlanningEditor, loading the basis from the server
 */
GtkWidget *
sp_planning_editor_new (SpAccount  *account,
                        const char *episode_id)
{
  SpPlanningEditor *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (episode_id != NULL, NULL);

  self = g_object_new (SP_TYPE_PLANNING_EDITOR, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);

  build_questions (self);
  update_actions (self);
  reload (self);

  return GTK_WIDGET (self);
}

/**
 * sp_planning_editor_reload:
 * @self: an editor
 *
 * Reads the episode and its planning basis again; unsaved answers in the form are kept.
 */
void
sp_planning_editor_reload (SpPlanningEditor *self)
{
  g_return_if_fail (SP_IS_PLANNING_EDITOR (self));

  reload (self);
}
