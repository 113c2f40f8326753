/* test-sip-editor.c — the SIP editor against a real server, driven from the keyboard
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text is typed into the entries; everything else runs the actions the keys are bound to
 * (Enter, Ctrl+Enter, Tab, Ctrl+Delete, Ctrl+Z, Ctrl+S …), which is what a key press runs.
 * What the user sees is checked, and then what the server holds.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sp-app-test.h"
#include "sp-sip-editor.h"
#include "sp-sip-follow-up-page.h"
#include "sp-sip-outline-row.h"
#include "sp-sip-plan-page.h"

static char *episode_id;

static SpSipEditor *
find_editor (SpWindow *window)
{
  GtkWidget *editor = NULL;

  WAIT_UNTIL ((editor = find_descendant (GTK_WIDGET (window), SP_TYPE_SIP_EDITOR, TRUE)) != NULL,
              20);
  return SP_SIP_EDITOR (editor);
}

static void
type_into (GtkWidget  *root,
           const char *row_title,
           const char *text)
{
  GtkWidget *row = find_row (root, row_title);

  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Ctrl+S, then the answer. */
static void
save (SpSipEditor *editor)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "sip.save", NULL));
  WAIT_UNTIL (sp_sip_editor_is_saved (editor), 20);
}

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (SP_IS_SIP_OUTLINE_ROW (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static SpSipOutlineRow *
row_at (GtkWidget *plan,
        guint      index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (plan, rows);
  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

static guint
n_rows (GtkWidget *plan)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (plan, rows);
  return rows->len;
}

/* A key of the outline in the row that has the focus. */
static void
press (GtkWidget  *plan,
       const char *action)
{
  g_assert_true (gtk_widget_activate_action (plan, action, NULL));
}

/* Types into the focused row's text. */
static void
type_in_focus (GtkWidget  *plan,
               const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (plan));
  GtkWidget *row = gtk_widget_get_ancestor (focus, SP_TYPE_SIP_OUTLINE_ROW);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (sp_sip_outline_row_get_text_entry (SP_SIP_OUTLINE_ROW (row))),
                         text);
}

static JsonObject *
get_sip (const char     *id,
         SpTestResponse *response)
{
  g_autofree char *path = g_strconcat ("/api/v1/sips/", id, NULL);

  sp_test_response_clear (response);
  return request_as ("vc", "GET", path, NULL, 200, response);
}

static void
give_sip_consent (void)
{
  g_auto(SpTestResponse) episode = { 0 };
  g_auto(SpTestResponse) consent = { 0 };
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode_id, NULL);
  g_autofree char *consent_path = g_strconcat (path, "/consents", NULL);
  g_autofree char *body = NULL;
  JsonObject *object = request_ok ("GET", path, NULL, 200, &episode);

  body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"kind\":\"sip\","
                          "\"form\":\"oral\",\"given_by\":\"patient\"}",
                          json_object_get_int_member (object, "revision"));
  request_ok ("POST", consent_path, body, 200, &consent);
}

static void
test_sip_from_invitation_to_follow_up (void)
{
  SpWindow *window = sign_in_as ("vc");
  g_auto(SpTestResponse) response = { 0 };
  SpSipEditor *editor;
  GtkWidget *plan;
  GtkWidget *follow_up;
  g_autofree char *sip_id = NULL;
  JsonObject *sip;
  JsonObject *server_plan;
  AdwViewStack *stack;

  give_sip_consent ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sip", "s",
                                             episode_id));
  editor = find_editor (window);
  WAIT_UNTIL (sp_sip_editor_get_sip_id (editor) != NULL, 20);
  sip_id = g_strdup (sp_sip_editor_get_sip_id (editor));

  /* The episode's units are invited already; the invitation is typed in. */
  type_into (GTK_WIDGET (editor), "Purpose", "Samordna insatser efter hemgång");
  type_into (GTK_WIDGET (editor), "Questions to discuss (separate with ;)",
             "Hemsjukvård; Hemtjänst");
  type_into (GTK_WIDGET (editor), "Date and time (YYYY-MM-DD HH:MM)", "2030-03-20 13:00");
  save (editor);
  sip = get_sip (sip_id, &response);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sip, "invitation"),
                                                  "purpose"), ==,
                   "Samordna insatser efter hemgång");
  save_screenshot (GTK_WIDGET (window), "samplan-sip-invitation.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "sip.send-invitation", NULL));
  WAIT_UNTIL (sp_sip_editor_is_saved (editor), 20);
  sip = get_sip (sip_id, &response);
  g_assert_cmpstr (json_object_get_string_member (sip, "status"), ==, "invited");

  /* Mapping, now that the invitation is sent. */
  stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (editor), ADW_TYPE_VIEW_STACK, TRUE));
  adw_view_stack_set_visible_child_name (stack, "mapping");
  type_into (GTK_WIDGET (editor), "Situation", "Hemgång efter fall");
  save (editor);

  /* The plan, from the keyboard. */
  adw_view_stack_set_visible_child_name (stack, "plan");
  plan = find_descendant (GTK_WIDGET (editor), SP_TYPE_SIP_PLAN_PAGE, TRUE);
  type_into (plan, "Main goal", "Bo kvar hemma");
  press (plan, "outline.add-sub-goal");
  type_in_focus (plan, "Klara morgonen själv");
  press (plan, "outline.add-child");                   /* Ctrl+Enter */
  type_in_focus (plan, "Hemsjukvård morgon");
  press (plan, "outline.add-sibling");                 /* Enter */
  type_in_focus (plan, "Trygghetslarm");
  press (plan, "outline.outdent");                     /* Shift+Tab: a sub-goal of its own */
  g_assert_cmpint (sp_sip_outline_row_get_kind (row_at (plan, 2)), ==, SP_SIP_NODE_SUB_GOAL);
  press (plan, "outline.indent");                      /* Tab: back under the first */
  g_assert_cmpint (sp_sip_outline_row_get_kind (row_at (plan, 2)), ==, SP_SIP_NODE_INTERVENTION);
  press (plan, "outline.move-up");                     /* Alt+Up */
  g_assert_cmpstr (sp_sip_outline_row_get_text (row_at (plan, 1)), ==, "Trygghetslarm");
  press (plan, "outline.move-down");
  g_assert_cmpstr (sp_sip_outline_row_get_text (row_at (plan, 2)), ==, "Trygghetslarm");
  gtk_widget_grab_focus (sp_sip_outline_row_get_text_entry (row_at (plan, 0)));
  press (plan, "outline.add-sibling");                 /* Enter on a sub-goal: the next one */
  type_in_focus (plan, "Laga enkel mat");
  g_assert_cmpuint (n_rows (plan), ==, 4);

  type_into (plan, "Chair", "Cecilia Exempelsson");
  type_into (plan, "Documenter", "Bertil Provsson");
  type_into (plan, "SIP lead", "Bertil Provsson");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_descendant (plan, ADW_TYPE_COMBO_ROW, TRUE)), 1);
  type_into (plan, "Follow-up (YYYY-MM-DD HH:MM)", "2030-05-02 10:00");
  type_into (plan, "Follow-up place", "Hemmet");
  type_into (plan, "Participant's name", "Tolvan Tolvansson");
  g_assert_true (gtk_widget_activate_action (plan, "plan.add-participant", NULL));
  save (editor);

  sip = get_sip (sip_id, &response);
  server_plan = json_object_get_object_member (sip, "plan");
  g_assert_cmpstr (json_object_get_string_member (server_plan, "main_goal"), ==, "Bo kvar hemma");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (server_plan,
                                                                         "sub_goals")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (server_plan,
                                                                         "interventions")), ==, 2);
  save_screenshot (GTK_WIDGET (window), "samplan-sip-plan.png");

  /* Undo a deleted sub-goal (Ctrl+Delete, then Ctrl+Z or the toast's "Ångra"). */
  gtk_widget_grab_focus (sp_sip_outline_row_get_text_entry (row_at (plan, 3)));
  press (plan, "outline.delete");
  g_assert_cmpuint (n_rows (plan), ==, 3);
  save (editor);
  sip = get_sip (sip_id, &response);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (sip, "plan"), "sub_goals")), ==, 1);
  press (plan, "outline.undo");
  g_assert_cmpuint (n_rows (plan), ==, 4);
  g_assert_cmpstr (sp_sip_outline_row_get_text (row_at (plan, 3)), ==, "Laga enkel mat");
  save (editor);
  sip = get_sip (sip_id, &response);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (sip, "plan"), "sub_goals")), ==, 2);

  /* Every participant signs (Space on the box), then Upprätta. */
  {
    GtkWidget *check = find_descendant (plan, GTK_TYPE_CHECK_BUTTON, TRUE);

    g_assert_nonnull (check);
    g_assert_true (gtk_widget_activate (check));
  }
  WAIT_UNTIL (sp_sip_editor_is_saved (editor), 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "sip.establish", NULL));
  WAIT_UNTIL (sp_sip_editor_is_saved (editor), 20);
  sip = get_sip (sip_id, &response);
  g_assert_cmpstr (json_object_get_string_member (sip, "status"), ==, "established");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sip, "versions")), ==, 1);

  /* The established version is read-only: nothing to type in, the keys do nothing. */
  plan = find_descendant (GTK_WIDGET (editor), SP_TYPE_SIP_PLAN_PAGE, TRUE);
  g_assert_false (gtk_widget_is_sensitive (find_row (plan, "Main goal")));
  g_assert_false (gtk_widget_is_sensitive (sp_sip_outline_row_get_text_entry (row_at (plan, 0))));
  gtk_widget_activate_action (plan, "outline.add-sub-goal", NULL);
  g_assert_cmpuint (n_rows (plan), ==, 4);
  save (editor);
  {
    gint64 revision = json_object_get_int_member (sip, "revision");

    sip = get_sip (sip_id, &response);
    g_assert_cmpint (json_object_get_int_member (sip, "revision"), ==, revision);
  }

  /* Follow-up: a status and a comment on the first sub-goal, and the evaluation. */
  adw_view_stack_set_visible_child_name (stack, "follow-up");
  follow_up = find_descendant (GTK_WIDGET (editor), SP_TYPE_SIP_FOLLOW_UP_PAGE, TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_descendant (follow_up, GTK_TYPE_DROP_DOWN,
                                                              TRUE)), 2);
  gtk_editable_set_text (GTK_EDITABLE (find_descendant (follow_up, GTK_TYPE_ENTRY, TRUE)),
                         "Klarar morgonen, inte kvällen");
  type_into (follow_up, "Evaluation of the main goal", "Bor kvar hemma och är nöjd");
  save (editor);
  sip = get_sip (sip_id, &response);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sip, "follow_ups")), ==,
                    1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sip,
                                                                                 "evaluation"),
                                                  "text"), ==, "Bor kvar hemma och är nöjd");

  /* Revise: a new working version, compared with the established one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "sip.revise", NULL));
  WAIT_UNTIL (sp_sip_editor_is_saved (editor), 20);
  plan = find_descendant (GTK_WIDGET (editor), SP_TYPE_SIP_PLAN_PAGE, TRUE);
  g_assert_true (gtk_widget_is_sensitive (find_row (plan, "Main goal")));
  type_into (plan, "Main goal", "Bo kvar hemma med stöd");
  save (editor);
  sip = get_sip (sip_id, &response);
  g_assert_cmpstr (json_object_get_string_member (sip, "status"), ==, "in_progress");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sip, "plan"),
                                                  "main_goal"), ==, "Bo kvar hemma med stöd");

  /* Signed out, so that the next test's sign-in finds no saved session in the keyring. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  WAIT_UNTIL (on_sign_in_page (window), 20);
  destroy_all_windows ();
}

/* A second active SIP for the person is explained, with the way to the first. */
static void
test_second_active_sip (void)
{
  SpWindow *window = sign_in_as ("vc");
  SpSipEditor *editor;
  GtkWidget *status;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sip", "s",
                                             episode_id));
  editor = find_editor (window);
  WAIT_UNTIL ((status = find_descendant (GTK_WIDGET (editor), ADW_TYPE_STATUS_PAGE, TRUE)) != NULL &&
              strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)) != NULL
                      ? adw_status_page_get_description (ADW_STATUS_PAGE (status)) : "",
                      "aktiv SIP") != NULL, 20);
  WAIT_UNTIL (gtk_widget_get_sensitive (find_descendant (status, GTK_TYPE_BUTTON, TRUE)), 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "sip.open-active", NULL));
  editor = find_editor (window);
  WAIT_UNTIL (sp_sip_editor_get_sip_id (editor) != NULL, 20);

  destroy_all_windows ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  app_test_init (&argc, &argv);
  episode_id = admit ("19121212-1212", "Tolvan", "Tolvansson");

  g_test_add_func ("/app/sip-editor/invitation-to-follow-up", test_sip_from_invitation_to_follow_up);
  g_test_add_func ("/app/sip-editor/second-active", test_second_active_sip);

  status = g_test_run ();
  g_free (episode_id);
  app_test_finish ();
  return status;
}
