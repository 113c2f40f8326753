/* sp-planning-track-card.c — the track of a planning basis and what it asks for next
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The track, large, with its reason (the core's, which starts with the heading) and a note;
 * under it the steps the track asks for ("what happens next"). Shown either as the server
 * computed and stores it, or as the core computes it from answers not saved yet (a preview):
 * both go through the core's SpTrackImplications, so they read alike.
 */

#define G_LOG_DOMAIN "sp-planning-track-card"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-enum-types.h"
#include "sp-format.h"
#include "sp-json.h"
#include "sp-planning-track-card.h"
#include "sp-track-chip.h"
#include "sp-ui-util.h"

struct _SpPlanningTrackCard
{
  GtkBox       parent_instance;

  /* Template */
  SpTrackChip *track_chip;
  GtkLabel    *track_reason;
  GtkLabel    *track_note;
  GtkListBox  *next_list;
};

G_DEFINE_FINAL_TYPE (SpPlanningTrackCard, sp_planning_track_card, GTK_TYPE_BOX)

/* A deadline at midnight is the end of the day before: "senast 2026-03-10", not
 * "2026-03-11 00:00". */
static char *
format_due (GDateTime *due)
{
  g_autoptr(GDateTime) local = sp_calendar_to_local (due);
  g_autoptr(GDateTime) before = NULL;

  if (g_date_time_get_hour (local) != 0 || g_date_time_get_minute (local) != 0)
    return sp_format_time (due);

  before = g_date_time_add_seconds (local, -1);
  return g_date_time_format (before, "%Y-%m-%d");
}

static void
add_next_row (SpPlanningTrackCard *self,
              const char          *title,
              const char          *subtitle,
              const char          *css_class)
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
show_next (SpPlanningTrackCard       *self,
           const SpTrackImplications *next,
           GDateTime                 *due,
           GDateTime                 *now)
{
  sp_ui_remove_children (GTK_WIDGET (self->next_list));

  if (next->sip_invitation == SP_SIP_NEED_REQUIRED && due != NULL)
    {
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
set_track (SpPlanningTrackCard *self,
           SpTrack              track,
           const char          *reason,
           const char          *note)
{
  /* The core's reason starts with the heading ("Gult spår: …"): it is the title. */
  sp_track_chip_set_track (self->track_chip, track);
  gtk_label_set_label (self->track_reason,
                       reason != NULL ? reason : sp_track_get_heading (track));
  gtk_label_set_label (self->track_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->track_note), note != NULL);
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

static void
sp_planning_track_card_class_init (SpPlanningTrackCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SP_TYPE_TRACK_CHIP);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/se/samplan/Samplan/ui/planning/sp-planning-track-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPlanningTrackCard, track_chip);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningTrackCard, track_reason);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningTrackCard, track_note);
  gtk_widget_class_bind_template_child (widget_class, SpPlanningTrackCard, next_list);
}

static void
sp_planning_track_card_init (SpPlanningTrackCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sp_planning_track_card_show_saved:
 * @self: a card
 * @planning: the planning basis as the server sent it (GET /episodes/:id/planning)
 * @now: the clock, for "overdue"
 * @error: the reason the track could not be read
 *
 * Shows the track the server computed and stores, and what it asks for next.
 *
 * Returns: %FALSE (and shows nothing new) if @planning holds no readable track
 */
gboolean
sp_planning_track_card_show_saved (SpPlanningTrackCard  *self,
                                   JsonObject           *planning,
                                   GDateTime            *now,
                                   GError              **error)
{
  JsonObject *effective;
  JsonObject *override = sp_json_get_object (planning, "override", FALSE, NULL);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *note = NULL;
  SpTrackImplications next = { 0 };
  int track = SP_TRACK_GRA;
  gint64 revision = 0;

  g_return_val_if_fail (SP_IS_PLANNING_TRACK_CARD (self), FALSE);
  g_return_val_if_fail (planning != NULL, FALSE);

  if ((effective = sp_json_get_object (planning, "effective_track", TRUE, error)) == NULL ||
      !sp_json_get_enum (effective, "track", TRUE, SP_TYPE_TRACK, &track, error) ||
      !sp_json_get_string (effective, "reason", FALSE, SP_JSON_MAX_TEXT, &reason, error) ||
      !read_implications (sp_json_get_object (planning, "implications", FALSE, NULL), &next,
                          &due, error))
    return FALSE;

  sp_json_get_int (planning, "revision", FALSE, 0, G_MAXINT64, &revision, NULL);
  if (override != NULL)
    note = describe_override (override);
  else if (revision == 0)
    note = g_strdup (_("No unit has answered yet."));

  set_track (self, track, reason, note);
  show_next (self, &next, due, now);
  return TRUE;
}

/**
 * sp_planning_track_card_show_preview:
 * @self: a card
 * @profile: the region's rules
 * @answers: (element-type SpPlanningAnswer): the latest answer of every unit, with the
 *   edited one in place of the caller's unit's
 * @withheld: whether answers withheld from the caller's unit are missing from @answers
 * @ready_at: (nullable): when the patient became ready; starts the SIP invitation clock
 * @now: the clock, for "overdue"
 *
 * Shows the track the core computes from @answers, as a preview of answers not saved yet.
 */
void
sp_planning_track_card_show_preview (SpPlanningTrackCard   *self,
                                     const SpRegionProfile *profile,
                                     GPtrArray             *answers,
                                     gboolean               withheld,
                                     GDateTime             *ready_at,
                                     GDateTime             *now)
{
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *reason = NULL;
  SpTrackImplications next;
  SpTrack track;

  g_return_if_fail (SP_IS_PLANNING_TRACK_CARD (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (answers != NULL);

  track = sp_planning_compute_track (profile, answers, NULL, &reason);
  next = sp_track_get_implications (profile, track);
  if (next.sip_invitation != SP_SIP_NEED_NONE && ready_at != NULL)
    due = sp_deadline_get_due (profile, SP_CLOCK_SIP_INVITATION_SENT, ready_at);

  set_track (self, track, reason,
             withheld ? _("Preview of your unsaved answers. Answers withheld from your unit "
                          "are not included; saving gives the track.")
                      : _("Preview of your unsaved answers; saving gives the track."));
  show_next (self, &next, due, now);
}
