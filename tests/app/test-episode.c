/* test-episode.c — the episode page against a real server, driven as a user would
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-keyring.sh and Xvfb. The clock of the server and the app is fixed with
 * SAMPLAN_TEST_NOW: first 10:30 Stockholm time (before 12:00), then the server is restarted
 * at 13:30 for the other side of the 12:00 rule.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-app-test.h"
#include "sp-episode-page-private.h"
#include "sp-test-server.h"
#include "sp-window.h"

/* Monday 11 March 2030, CET (UTC+1): 10:30 and 13:30 in Stockholm. */
#define BEFORE_NOON "2030-03-11T09:30:00Z"
#define AFTER_NOON  "2030-03-11T12:30:00Z"

static char *ready_episode_id;   /* marked ready before noon by the first test */

/* ---- Finding what the user sees ---- */

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The shown button that activates @action. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows (GtkWidget  *root,
       const char *text)
{
  return find_label (root, text) != NULL;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

static gboolean
thread_loaded (SpEpisodePage *page)
{
  return page->thread != NULL && !page->busy;
}

/* open_episode_page (), and the page shown is @episode_id's. */
static SpEpisodePage *
open_episode (SpWindow   *window,
              const char *episode_id)
{
  SpEpisodePage *page = open_episode_page (window, episode_id);

  g_assert_cmpstr (sp_episode_page_get_episode_id (page), ==, episode_id);

  return page;
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  GtkWindow *dialog;

  WAIT_UNTIL ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, 20);
  wait_until_mapped (GTK_WIDGET (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
go_back_and_sign_out (SpWindow *window)
{
  /* Back to the list first, as a user would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  sign_out (window);
}

static char *
get_string_member (const char *username,
                   const char *path,
                   const char *member)
{
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *object = request_as (username, "GET", path, NULL, 200, &response);

  return g_strdup (json_object_get_string_member (object, member));
}

/* Marks ready through the confirm dialog: it must name day 0 and why, as the timeline then. */
static void
mark_ready (SpEpisodePage *page,
            const char    *reason_msgid,
            const char    *expected_day0)
{
  const char *translated = tr (reason_msgid);
  /* The reason is the sentence before the date. */
  g_autofree char *expected_reason = g_strndup (translated, strstr (translated, "%s") - translated);
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "episode.mark-ready", NULL));
  dialog = wait_for_dialog ();
  g_test_message ("ready dialog: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected_reason));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected_day0));
  respond (dialog, "ready");

  WAIT_UNTIL (sp_episode_get_state (page->episode) == SP_EPISODE_STATE_READY &&
              thread_loaded (page), 20);
  g_assert_true (shows (GTK_WIDGET (page->timeline_list), expected_day0));
  g_assert_true (shows (GTK_WIDGET (page->timeline_list), expected_reason));
}

/* ---- Tests ---- */

static void
test_card_units_timeline_ready_before_noon (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Vilma", "Provdotter");
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  g_autofree char *day0 = NULL;
  SpWindow *window = sign_in_as ("ward");
  SpEpisodePage *page = open_episode (window, episode_id);
  GtkWidget *discharge_button;

  /* The card, the units with their acknowledgement, the timeline. */
  g_assert_cmpstr (sp_episode_page_get_title (page), ==, "Vilma Provdotter");
  g_assert_cmpstr (gtk_label_get_text (page->name_label), ==, "Vilma Provdotter");
  g_assert_true (shows (GTK_WIDGET (page->patient_list), "Provgatan 1, 99999 Teststad"));
  g_assert_true (shows (GTK_WIDGET (page->patient_list), tr ("No consent documented")));
  g_assert_cmpuint (count_rows (page->units_list), ==, 2);
  g_assert_true (shows (GTK_WIDGET (page->units_list), "Vårdcentralen Norr (test)"));
  g_assert_true (shows (GTK_WIDGET (page->units_list), tr ("Not acknowledged")));
  g_assert_true (shows (GTK_WIDGET (page->timeline_list), tr ("Admission notice sent")));
  g_assert_true (shows (GTK_WIDGET (page), tr ("Admission notice not acknowledged")));

  /* Not allowed in planning: the button is disabled with its action. */
  discharge_button = find_action_button (GTK_WIDGET (page), "episode.discharge");
  g_assert_nonnull (discharge_button);
  g_assert_false (gtk_widget_get_sensitive (discharge_button));
  g_assert_false (sp_episode_page_can (page, SP_EPISODE_ACTION_RETRACT_READY));
  /* The ward does not acknowledge its own notices. */
  g_assert_false (sp_episode_page_can (page, SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE));

  /* 10:30: day 0 is today, Monday 11 March. */
  mark_ready (page, "Sent before 12:00: day 0 is %s", "11 mars 2030");
  day0 = get_string_member ("ward", path, "day0");
  g_assert_cmpstr (day0, ==, "2030-03-11");
  g_assert_true (gtk_widget_get_sensitive (discharge_button));
  g_assert_true (shows (GTK_WIDGET (page), "dag 0"));

  save_screenshot (GTK_WIDGET (window), "samplan-episode.png");
  ready_episode_id = g_strdup (episode_id);
  go_back_and_sign_out (window);
}

static void
test_acknowledge_as_vc (void)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", ready_episode_id);
  g_auto(SpTestResponse) response = { 0 };
  SpWindow *window = sign_in_as ("vc");
  SpEpisodePage *page = open_episode (window, ready_episode_id);
  JsonObject *episode;
  JsonArray *addressing;

  g_assert_true (sp_episode_page_can (page, SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE));
  g_assert_false (sp_episode_page_can (page, SP_EPISODE_ACTION_MARK_READY));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "episode.acknowledge", NULL));

  WAIT_UNTIL (sp_episode_get_acknowledged_at (page->episode, SP_EPISODE_NOTICE_ADMISSION,
                                              "vc-norr") != NULL &&
              sp_episode_get_acknowledged_at (page->episode, SP_EPISODE_NOTICE_READY,
                                              "vc-norr") != NULL && !page->busy, 20);
  g_assert_true (shows (GTK_WIDGET (page->units_list), "Bertil Provsson"));
  g_assert_false (sp_episode_page_can (page, SP_EPISODE_ACTION_ACKNOWLEDGE_READY));

  /* The server holds both acknowledgements of vc-norr. */
  episode = request_as ("ward", "GET", path, NULL, 200, &response);
  addressing = json_object_get_array_member (episode, "addressing");
  for (guint i = 0; i < json_array_get_length (addressing); i++)
    {
      JsonObject *unit = json_array_get_object_element (addressing, i);

      if (g_strcmp0 (json_object_get_string_member (unit, "unit_id"), "vc-norr") != 0)
        continue;
      g_assert_false (json_object_get_null_member (unit, "admission_acknowledgement"));
      g_assert_false (json_object_get_null_member (unit, "ready_acknowledgement"));
    }

  go_back_and_sign_out (window);
}

/* Whether @username sees a message in the episode's thread (its text may be withheld
 * without consent, so the message itself is looked for). */
static gboolean
thread_has_message (const char *username,
                    const char *episode_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/messages", episode_id);
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *thread = request_as (username, "GET", path, NULL, 200, &response);
  JsonArray *items = json_object_get_array_member (thread, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "type"), "message") == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_message_to_one_unit (void)
{
  const char *text = "Såromläggning inom tre dagar?";
  SpWindow *window = sign_in_as ("ward");
  SpEpisodePage *page = open_episode (window, ready_episode_id);
  AdwMessageDialog *dialog;
  GPtrArray *unit_ids;
  GtkTextBuffer *buffer;
  guint vc = GTK_INVALID_LIST_POSITION;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "episode.send-message", NULL));
  dialog = wait_for_dialog ();
  /* Nothing to send yet. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send"));

  unit_ids = g_object_get_data (G_OBJECT (dialog), "unit-ids");
  for (guint i = 0; i < unit_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (unit_ids, i), "vc-norr") == 0)
      vc = i;
  g_assert_cmpuint (vc, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (g_object_get_data (G_OBJECT (dialog), "to"), vc);
  buffer = g_object_get_data (G_OBJECT (dialog), "text");
  gtk_text_buffer_set_text (buffer, text, -1);
  respond (dialog, "send");

  WAIT_UNTIL (shows (GTK_WIDGET (page->timeline_list), text) && thread_loaded (page), 20);
  g_assert_true (shows (GTK_WIDGET (page->timeline_list), "Vårdcentralen Norr (test)"));

  /* Seen by its recipient, invisible to the other units. */
  g_assert_false (thread_has_message ("hsl", ready_episode_id));
  g_assert_true (thread_has_message ("vc", ready_episode_id));
  g_assert_true (thread_has_message ("ward", ready_episode_id));

  go_back_and_sign_out (window);
}

/* A refused write shows the server's Swedish message; a stale one the current record. */
static void
test_errors (void)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/estimated-discharge",
                                           ready_episode_id);
  g_autofree char *body = NULL;
  g_auto(SpTestResponse) response = { 0 };
  g_autoptr(GDateTime) early = g_date_time_new_utc (2030, 1, 2, 12, 0, 0);
  SpWindow *window = sign_in_as ("ward");
  SpEpisodePage *page = open_episode (window, ready_episode_id);
  AdwMessageDialog *dialog;
  gint64 revision = sp_episode_get_revision (page->episode);

  /* Discharged before admission: 422 from the server, in a toast. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "episode.discharge", NULL));
  dialog = wait_for_dialog ();
  gtk_calendar_select_day (g_object_get_data (G_OBJECT (dialog), "calendar"), early);
  respond (dialog, "discharge");
  WAIT_UNTIL (!page->busy && shows (GTK_WIDGET (page->toast_overlay), "ogiltigt värde"), 20);
  g_assert_cmpint (sp_episode_get_state (page->episode), ==, SP_EPISODE_STATE_READY);

  /* Someone else changes the date meanwhile: the page's retraction is 409. */
  body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"date\":\"2030-03-20\"}",
                          revision);
  request_as ("ward", "POST", path, body, 200, &response);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "episode.retract-ready", NULL));
  dialog = wait_for_dialog ();
  respond (dialog, "retract");
  WAIT_UNTIL (sp_episode_get_revision (page->episode) == revision + 1 && !page->busy, 20);
  g_assert_true (shows (GTK_WIDGET (page->toast_overlay),
                        tr ("Someone changed the episode meanwhile. It is shown as it is now: "
                            "check it and try again.")));
  g_assert_cmpint (sp_episode_get_state (page->episode), ==, SP_EPISODE_STATE_READY);
  g_assert_true (shows (GTK_WIDGET (page->patient_list), "2030-03-20"));

  go_back_and_sign_out (window);
}

/* 13:30: the next day is day 0, in the dialog, the timeline and on the server. */
static void
test_ready_after_noon (void)
{
  g_autofree char *identity = NULL;
  g_autofree char *episode_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *day0 = NULL;
  SpWindow *window;
  SpEpisodePage *page;

  sp_test_server_kill (server);
  g_setenv ("SAMPLAN_TEST_NOW", AFTER_NOON, TRUE);
  sp_test_server_restart (server);

  identity = sp_test_new_personnummer ();
  episode_id = admit (identity, "Nils", "Exempelsson");
  path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  window = sign_in_as ("ward");
  page = open_episode (window, episode_id);

  mark_ready (page, "Sent at or after 12:00: day 0 is the next day, %s", "12 mars 2030");
  day0 = get_string_member ("ward", path, "day0");
  g_assert_cmpstr (day0, ==, "2030-03-12");

  go_back_and_sign_out (window);
}

static void
skip_without_swedish (void)
{
  g_test_skip ("sv_SE.UTF-8 is not installed");
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Before the server starts: it reads its clock from its environment. */
  g_setenv ("SAMPLAN_TEST_NOW", BEFORE_NOON, TRUE);
  if (!app_test_init (&argc, &argv))
    {
      /* The dates are asserted as Swedish text ("11 mars 2030"). */
      g_test_add_func ("/app/episode/needs-swedish", skip_without_swedish);
      status = g_test_run ();
      app_test_finish ();
      return status;
    }

  g_test_add_func ("/app/episode/card-units-timeline-ready-before-noon",
                   test_card_units_timeline_ready_before_noon);
  g_test_add_func ("/app/episode/acknowledge", test_acknowledge_as_vc);
  g_test_add_func ("/app/episode/message-to-one-unit", test_message_to_one_unit);
  g_test_add_func ("/app/episode/errors", test_errors);
  g_test_add_func ("/app/episode/ready-after-noon", test_ready_after_noon);

  status = g_test_run ();
  g_free (ready_episode_id);
  app_test_finish ();
  return status;
}
