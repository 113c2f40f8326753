/* test-planning.c — the planning basis editor against a real server, driven as a user would
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-keyring.sh and Xvfb. The server is the real samplan-server with the
 * Stockholm fixture (tests/server/sp-test-server.c); each test admits a patient of its own.
 * The editor is placed in a window of the test's own with the signed-in window's account.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-app-test.h"
#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-json.h"
#include "sp-planning-answer.h"
#include "sp-planning-editor.h"
#include "sp-planning-unit-group.h"
#include "sp-track-chip.h"
#include "sp-window.h"

static gboolean swedish;

/* ---- Sessions ---- */

/* The editor of @episode_id in a window of its own, as @window's session, once loaded. */
static GtkWidget *
open_editor (SpWindow   *window,
             const char *episode_id)
{
  GtkWidget *host = adw_window_new ();
  GtkWidget *editor;

  g_assert_nonnull (sp_window_get_account (window));
  editor = sp_planning_editor_new (sp_window_get_account (window), episode_id);
  gtk_window_set_application (GTK_WINDOW (host), GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (host), 860, 1500);
  adw_window_set_content (ADW_WINDOW (host), editor);
  gtk_window_present (GTK_WINDOW (host));
  wait_until_mapped (editor);
  WAIT_UNTIL (find_styled (editor, GTK_TYPE_LABEL, "title-2") != NULL, 20);

  return editor;
}

/* The editor's window first, then the session's. */
static void
close_all (GtkWidget *editor)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (editor)));
  destroy_all_windows ();
}

static void
scroll_to_end (GtkWidget *editor)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_descendant (editor,
                                                                      GTK_TYPE_SCROLLED_WINDOW,
                                                                      TRUE));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  /* The unfolded rows are measured on the next frame. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment),
              20);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* ---- Finding what the user sees ---- */

static GtkWidget *
find_action_row (GtkWidget  *root,
                 const char *title,
                 GType       activatable_type)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0 &&
      (activatable_type == G_TYPE_NONE ||
       G_TYPE_CHECK_INSTANCE_TYPE (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (root)),
                                   activatable_type)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_row (child, title, activatable_type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The switch of the question @key in the unit's own form (NULL if the unit has none). */
static GtkSwitch *
find_switch (GtkWidget  *editor,
             const char *key)
{
  GtkWidget *row = find_action_row (editor, sp_planning_question_lookup (key)->text,
                                    GTK_TYPE_SWITCH);

  return row != NULL ? GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)))
                     : NULL;
}

static guint
count_switches (GtkWidget *root)
{
  /* An expander row keeps a hidden switch of its own. */
  guint n = GTK_IS_SWITCH (root) && gtk_widget_is_visible (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_switches (child);

  return n;
}

/* The form's text views: 0 ongoing interventions, 1 new or changed needs. */
static GtkTextView *
find_text_view (GtkWidget *root,
                guint      index)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *widget = root;

  /* Depth first, in order. */
  while (widget != NULL)
    {
      if (GTK_IS_TEXT_VIEW (widget))
        g_ptr_array_add (found, widget);

      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != root && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget != root ? gtk_widget_get_next_sibling (widget) : NULL;
        }
    }

  g_assert_cmpuint (found->len, >, index);
  return g_ptr_array_index (found, index);
}

static SpPlanningUnitGroup *
find_unit_group (GtkWidget  *root,
                 const char *unit_id)
{
  if (SP_IS_PLANNING_UNIT_GROUP (root) &&
      g_strcmp0 (sp_planning_unit_group_get_unit_id (SP_PLANNING_UNIT_GROUP (root)),
                 unit_id) == 0)
    return SP_PLANNING_UNIT_GROUP (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SpPlanningUnitGroup *found = find_unit_group (child, unit_id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
n_versions (GtkWidget  *editor,
            const char *unit_id)
{
  SpPlanningUnitGroup *group = find_unit_group (editor, unit_id);

  return group != NULL ? sp_planning_unit_group_get_n_versions (group) : 0;
}

/* A label anywhere under @root showing exactly @text (a toast's, for instance). */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static SpTrack
shown_track (GtkWidget *editor)
{
  return sp_track_chip_get_track (SP_TRACK_CHIP (find_descendant (editor, SP_TYPE_TRACK_CHIP,
                                                                  TRUE)));
}

/* The large line: the core's reason, which starts with the track's heading. */
static gboolean
shows_reason (GtkWidget  *editor,
              const char *heading)
{
  const char *reason;

  reason = gtk_label_get_label (GTK_LABEL (find_styled (editor, GTK_TYPE_LABEL, "title-2")));
  return g_str_has_prefix (reason, heading) && g_str_has_prefix (reason + strlen (heading), ": ");
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
save (GtkWidget *editor)
{
  g_assert_true (gtk_widget_activate_action (editor, "planning.save", NULL));
}

/* ---- The server's side ---- */

static JsonObject *
get_planning (SpTestResponse *response,
              const char     *episode_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/planning", episode_id);

  return request_as ("ward", "GET", path, NULL, 200, response);
}

static JsonObject *
find_unit (JsonObject *planning,
           const char *unit_id)
{
  JsonArray *units = json_object_get_array_member (planning, "units");

  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);

      if (g_strcmp0 (json_object_get_string_member (unit, "unit_id"), unit_id) == 0)
        return unit;
    }

  g_error ("No answers of %s in the planning basis", unit_id);
}

/* Marks the episode ready as the ward; the title of the row that says when the SIP
 * invitation is due from then (Stockholm: by the ready date, DOMAIN §7). */
static char *
sip_due_row (const char *episode_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  g_autofree char *ready_path = g_strconcat (path, "/ready", NULL);
  g_autofree char *body = NULL;
  g_autofree char *when = NULL;
  g_auto(SpTestResponse) episode = { 0 };
  g_auto(SpTestResponse) ready = { 0 };
  g_autoptr(GDateTime) ready_at = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  object = request_as ("ward", "GET", path, NULL, 200, &episode);
  body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT "}",
                          json_object_get_int_member (object, "revision"));
  object = request_as ("ward", "POST", ready_path, body, 200, &ready);
  g_assert_true (sp_json_get_datetime (object, "ready_at", TRUE, &ready_at, &error));
  g_assert_no_error (error);

  due = sp_deadline_get_due (sp_region_profile_lookup ("stockholm"),
                             SP_CLOCK_SIP_INVITATION_SENT, ready_at);
  /* Stockholm: by the end of the ready day, shown as that date. */
  local = sp_calendar_to_local (due);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
  g_clear_pointer (&local, g_date_time_unref);
  local = sp_calendar_to_local (ready_at);
  when = g_date_time_format (local, "%Y-%m-%d");

  return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "SIP invitation by %s at the latest"),
                          when);
}

/* ---- Tests ---- */

/* The ward answers: the preview follows the switches, Save writes a new version that the
 * server holds, and every version stays, read-only. */
static void
test_ward_answers (void)
{
  g_autofree char *episode_id = admit ("19400101-1230", "Gunnel", "Provberg");
  g_auto(SpTestResponse) response = { 0 };
  g_auto(SpTestResponse) second = { 0 };
  JsonObject *planning, *latest, *answers;
  GtkWidget *editor, *expander;
  SpWindow *window;

  forget_session ();
  window = sign_in_as ("ward");
  editor = open_editor (window, episode_id);

  /* Nobody has answered: grå, and the ward's kind answers its own questions only. */
  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_GRA);
  g_assert_true (shows_reason (editor, "Grått spår"));
  g_assert_nonnull (find_switch (editor, "hsl_new"));
  g_assert_nonnull (find_switch (editor, "simple_only"));
  g_assert_null (find_switch (editor, "hsl_before"));  /* kommun's question */
  g_assert_cmpuint (count_switches (editor), ==, 5);

  /* A new home-care need: the preview turns gul before anything is saved. */
  gtk_switch_set_active (find_switch (editor, "hsl_new"), TRUE);
  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_GUL);
  g_assert_true (shows_reason (editor, "Gult spår"));
  set_text (find_text_view (editor, 1), "Hemsjukvård två gånger dagligen");
  g_assert_cmpuint (n_versions (editor, "avd-12"), ==, 0);

  save (editor);
  WAIT_UNTIL (n_versions (editor, "avd-12") == 1, 20);
  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_GUL);
  if (swedish)
    g_assert_nonnull (find_action_row (editor, "SIP-kallelse krävs", G_TYPE_NONE));

  planning = get_planning (&response, episode_id);
  g_assert_cmpint (json_object_get_int_member (planning, "revision"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (planning,
                                                                                 "effective_track"),
                                                  "track"), ==, "gul");
  latest = json_object_get_object_member (find_unit (planning, "avd-12"), "latest");
  answers = json_object_get_object_member (latest, "answers");
  g_assert_true (json_object_get_boolean_member (answers, "hsl_new"));
  g_assert_false (json_object_get_boolean_member (answers, "extensive"));
  g_assert_cmpstr (json_object_get_string_member (latest, "new_needs"), ==,
                   "Hemsjukvård två gånger dagligen");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (latest,
                                                                                 "author"),
                                                  "name"), ==, "Anna Testsson");

  /* Changed needs: only social services now, without a region need → blå (Stockholm). */
  gtk_switch_set_active (find_switch (editor, "hsl_new"), FALSE);
  gtk_switch_set_active (find_switch (editor, "sol_new"), TRUE);
  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_BLA);
  save (editor);
  WAIT_UNTIL (n_versions (editor, "avd-12") == 2, 20);
  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_BLA);
  g_assert_true (shows_reason (editor, "Blått spår"));

  /* The first version is still there, on the server and on screen, and cannot be edited. */
  planning = get_planning (&second, episode_id);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (find_unit (planning,
                                                                                   "avd-12"),
                                                                        "history")), ==, 2);
  expander = find_descendant (GTK_WIDGET (find_unit_group (editor, "avd-12")),
                              ADW_TYPE_EXPANDER_ROW, TRUE);
  g_assert_nonnull (expander);
  if (swedish)
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==,
                     "1 tidigare version");
  g_assert_cmpuint (count_switches (GTK_WIDGET (find_unit_group (editor, "avd-12"))), ==, 0);

  save_screenshot (GTK_WIDGET (gtk_widget_get_root (editor)), "samplan-planning.png");

  /* The versions, at the end of the page, unfolded. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  gtk_widget_grab_focus (expander);
  scroll_to_end (editor);
  save_screenshot (GTK_WIDGET (gtk_widget_get_root (editor)), "samplan-planning-versions.png");
  close_all (editor);
}

/* Someone else saves between loading and saving: the stale base revision is refused, the
 * editor says so, shows their answers and keeps the user's, which then save. */
static void
test_conflict (void)
{
  g_autofree char *episode_id = admit ("19410202-2342", "Holger", "Exempelberg");
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/planning/answers", episode_id);
  g_auto(SpTestResponse) other = { 0 };
  g_auto(SpTestResponse) response = { 0 };
  const char *message;
  JsonObject *planning;
  GtkWidget *editor;
  SpWindow *window;

  forget_session ();
  window = sign_in_as ("ward");
  editor = open_editor (window, episode_id);
  g_assert_cmpuint (n_versions (editor, "hsl-test"), ==, 0);

  /* Home care answers from its own desk meanwhile. */
  request_as ("hsl", "POST", path,
              "{\"answers\":{\"hsl_before\":true},\"base_revision\":0}", 201, &other);

  gtk_switch_set_active (find_switch (editor, "extensive"), TRUE);
  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_ROD);
  save (editor);

  message = g_dgettext (GETTEXT_PACKAGE,
                        "Someone else saved the planning basis meanwhile. It has been read "
                        "again; your answers are still here: check them and save again.");
  WAIT_UNTIL (shows_label (editor, message), 20);
  WAIT_UNTIL (find_unit_group (editor, "hsl-test") != NULL, 20);
  g_assert_true (gtk_switch_get_active (find_switch (editor, "extensive")));
  g_assert_cmpuint (n_versions (editor, "avd-12"), ==, 0);

  save (editor);
  WAIT_UNTIL (n_versions (editor, "avd-12") == 1, 20);
  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_ROD);

  planning = get_planning (&response, episode_id);
  g_assert_cmpint (json_object_get_int_member (planning, "revision"), ==, 2);
  g_assert_true (json_object_get_boolean_member (
                   json_object_get_object_member (
                     json_object_get_object_member (find_unit (planning, "avd-12"), "latest"),
                     "answers"),
                   "extensive"));

  close_all (editor);
}

/* Home care (kommun) answers its own questions; its short-term stay makes the track gul,
 * and the ward's answers it may not see are withheld with the reason. */
static void
test_hsl_answers (void)
{
  g_autofree char *episode_id = admit ("19420303-3453", "Inga", "Testholm");
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/planning/answers", episode_id);
  g_auto(SpTestResponse) ward = { 0 };
  g_auto(SpTestResponse) response = { 0 };
  g_autofree char *due_row = NULL;
  JsonObject *planning;
  GtkWidget *editor;
  SpWindow *window;

  request_as ("ward", "POST", path,
              "{\"answers\":{\"simple_only\":true},\"base_revision\":0}", 201, &ward);
  due_row = sip_due_row (episode_id);

  forget_session ();
  window = sign_in_as ("hsl");
  editor = open_editor (window, episode_id);

  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_GRA);
  g_assert_nonnull (find_switch (editor, "short_term_stay"));
  g_assert_null (find_switch (editor, "extensive"));
  g_assert_null (find_switch (editor, "simple_only"));
  g_assert_nonnull (find_unit_group (editor, "avd-12"));

  g_assert_null (find_action_row (editor, due_row, G_TYPE_NONE));

  /* The preview already says when the SIP invitation is due, from the ready time. */
  gtk_switch_set_active (find_switch (editor, "short_term_stay"), TRUE);
  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_GUL);
  g_assert_nonnull (find_action_row (editor, due_row, G_TYPE_NONE));
  set_text (find_text_view (editor, 0), "Hemtjänst morgon och kväll");
  save (editor);
  WAIT_UNTIL (n_versions (editor, "hsl-test") == 1, 20);
  g_assert_cmpint (shown_track (editor), ==, SP_TRACK_GUL);
  g_assert_nonnull (find_action_row (editor, due_row, G_TYPE_NONE));

  planning = get_planning (&response, episode_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (planning,
                                                                                 "computed_track"),
                                                  "rule"), ==, "short_term_stay");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (find_unit (planning, "hsl-test"), "latest"),
                     "ongoing_interventions"), ==, "Hemtjänst morgon och kväll");

  save_screenshot (GTK_WIDGET (gtk_widget_get_root (editor)), "samplan-planning-hsl.png");
  close_all (editor);
}

int
main (int    argc,
      char **argv)
{
  int status;

  swedish = app_test_init (&argc, &argv);

  g_test_add_func ("/app/planning/ward-answers", test_ward_answers);
  g_test_add_func ("/app/planning/conflict", test_conflict);
  g_test_add_func ("/app/planning/hsl-answers", test_hsl_answers);

  status = g_test_run ();
  forget_session ();
  app_test_finish ();

  return status;
}
