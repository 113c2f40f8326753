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
#include <glib/gstdio.h>
#include <string.h>

#include "sp-app-test.h"
#include "sp-cache-key.h"
#include "sp-sip-editor.h"
#include "sp-sip-follow-up-page.h"
#include "sp-sip-invitation-page.h"
#include "sp-sip-outline-row.h"
#include "sp-sip-plan-page.h"
#include "sp-test-proxy.h"

static char *episode_id;

static SpSipEditor *
find_editor (SpWindow *window)
{
  GtkWidget *editor = NULL;

  WAIT_UNTIL ((editor = find_descendant (GTK_WIDGET (window), SP_TYPE_SIP_EDITOR, TRUE)) != NULL,
              20);
  return SP_SIP_EDITOR (editor);
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
give_consent (const char *episode)
{
  g_auto(SpTestResponse) response = { 0 };
  g_auto(SpTestResponse) consent = { 0 };
  g_autofree char *path = g_strconcat ("/api/v1/episodes/", episode, NULL);
  g_autofree char *consent_path = g_strconcat (path, "/consents", NULL);
  g_autofree char *body = NULL;
  JsonObject *object = request_ok ("GET", path, NULL, 200, &response);

  body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"kind\":\"sip\","
                          "\"form\":\"oral\",\"given_by\":\"patient\"}",
                          json_object_get_int_member (object, "revision"));
  request_ok ("POST", consent_path, body, 200, &consent);
}

static void
give_sip_consent (void)
{
  give_consent (episode_id);
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
  WAIT_UNTIL (sp_sip_editor_is_loaded (editor), 20);
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
  sign_out (window);
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
  WAIT_UNTIL (sp_sip_editor_is_loaded (editor), 20);

  /* Signed out, so that the next test's sign-in finds no saved session in the keyring. */
  sign_out (window);
  destroy_all_windows ();
}

/* ---- The invitation as a draft on this computer ---- */

/* Words that are only in the draft: never on the server, never in clear on the disk. */
#define DRAFT_PURPOSE "Utkastets syfte Qwertyx"
#define DRAFT_AGENDA "Trygghetslarm Zxyvw; Hemtjänst"
#define DRAFT_TIME "2030-03-2"

static char *
new_episode (const char *given_name)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  char *episode = admit (identity, given_name, "Utkastsson");

  give_consent (episode);
  return episode;
}

static SpSipInvitationPage *
invitation_page (SpSipEditor *editor)
{
  return SP_SIP_INVITATION_PAGE (find_descendant (GTK_WIDGET (editor),
                                                  SP_TYPE_SIP_INVITATION_PAGE, FALSE));
}

static const char *
row_text (SpSipEditor *editor,
          const char  *title)
{
  return row_text_of (GTK_WIDGET (editor), title);
}

static gboolean
shows_draft (SpSipEditor *editor)
{
  const char *note = sp_sip_invitation_page_get_draft_note (invitation_page (editor));

  return g_strcmp0 (note, _("Draft saved on this computer – not sent")) == 0;
}

/* The label showing @text. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
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

/* Half a kallelse: no time that reads as one, so the server cannot take it. */
static void
type_half_invitation (SpSipEditor *editor)
{
  type_into (GTK_WIDGET (editor), "Purpose", DRAFT_PURPOSE);
  type_into (GTK_WIDGET (editor), "Questions to discuss (separate with ;)", DRAFT_AGENDA);
  type_into (GTK_WIDGET (editor), "Date and time (YYYY-MM-DD HH:MM)", DRAFT_TIME);
}

static void
assert_half_invitation (SpSipEditor *editor)
{
  WAIT_UNTIL (g_strcmp0 (row_text (editor, "Purpose"), DRAFT_PURPOSE) == 0, 20);
  g_assert_cmpstr (row_text (editor, "Questions to discuss (separate with ;)"), ==,
                   "Trygghetslarm Zxyvw; Hemtjänst");
  g_assert_cmpstr (row_text (editor, "Date and time (YYYY-MM-DD HH:MM)"), ==, DRAFT_TIME);
  g_assert_true (shows_draft (editor));
}

/* Closes the SIP page (the window keeps no editor). */
static void
close_sip (SpWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_null (find_descendant (GTK_WIDGET (window), SP_TYPE_SIP_EDITOR, FALSE));
}

static SpSipEditor *
open_sip (SpWindow   *window,
          const char *sip_id)
{
  SpSipEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sip", "s", sip_id));
  editor = find_editor (window);
  WAIT_UNTIL (sp_sip_editor_is_loaded (editor), 20);
  return editor;
}

static char *
server_purpose (const char *sip_id)
{
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *sip = get_sip (sip_id, &response);

  return g_strdup (json_object_get_string_member_with_default (
                     json_object_get_object_member (sip, "invitation"), "purpose", ""));
}

typedef struct
{
  char *url;
  char *path;
} CopyFiles;

static void
copy_files_clear (CopyFiles *files)
{
  g_clear_pointer (&files->url, g_free);
  g_clear_pointer (&files->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CopyFiles, copy_files_clear)

/* The draft as a new SpCache on the same files reads it (the key from the keyring, as the
 * app gets it); %NULL when there is none. */
static JsonNode *
load_draft_from_disk (CopyFiles  *files,
                      const char *username,
                      const char *sip_id)
{
  g_autoptr(GAsyncResult) key_result = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(SpCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *draft;

  sp_cache_key_load_async (files->url, username, NULL, result_cb, &key_result);
  WAIT_UNTIL (key_result != NULL, 20);
  key = sp_cache_key_load_finish (key_result, &error);
  g_assert_no_error (error);

  cache = sp_cache_new (files->path, key);
  sp_cache_load_draft_async (cache, "sip_invitation", sip_id, NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL, 20);
  draft = sp_cache_load_draft_finish (cache, result, &error);
  if (draft == NULL)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  return draft;
}

static gboolean
draft_on_disk_has (CopyFiles  *files,
                   const char *username,
                   const char *sip_id,
                   const char *purpose)
{
  g_autoptr(JsonNode) draft = load_draft_from_disk (files, username, sip_id);
  JsonObject *invitation;

  if (draft == NULL)
    return purpose == NULL;
  invitation = json_object_get_object_member (json_node_get_object (draft), "invitation");
  return purpose != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (invitation, "purpose", NULL),
                    purpose) == 0;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_cache_save_draft_finish (SP_CACHE (object), result, &error));
  g_assert_no_error (error);
  (*pending)--;
}

/* The copy's drafts: the last of many writes asked for at once wins, a load sees it before
 * it is on disk, and a new copy on the same file reads it; removing leaves none. */
static void
test_draft_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("samplan-drafts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cache.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 bytes[SP_CACHE_KEY_SIZE];
  g_autoptr(GBytes) key = NULL;
  g_autoptr(SpCache) cache = NULL;
  g_autoptr(SpCache) again = NULL;
  guint pending = 0;

  memset (bytes, 3, sizeof bytes);
  key = g_bytes_new (bytes, sizeof bytes);
  cache = sp_cache_new (path, key);

  for (guint i = 0; i <= 40; i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"purpose\":\"Hemlig version %u\"}", i);
      g_autoptr(JsonNode) node = json_from_string (text, NULL);

      /* Every fifth a removal: a later write must win over it, and it over earlier ones. */
      sp_cache_save_draft_async (cache, "sip_invitation", "sip-1", i % 5 == 4 ? NULL : node,
                                 NULL, count_cb, &pending);
      pending++;
    }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(JsonNode) draft = NULL;

    /* Before the writes are done: the last one asked for. */
    sp_cache_load_draft_async (cache, "sip_invitation", "sip-1", NULL, result_cb, &result);
    WAIT_UNTIL (result != NULL, 20);
    draft = sp_cache_load_draft_finish (cache, result, NULL);
    g_assert_nonnull (draft);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (draft), "purpose"),
                     ==, "Hemlig version 40");
  }
  WAIT_UNTIL (pending == 0, 20);

  again = sp_cache_new (path, key);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(JsonNode) draft = NULL;

    sp_cache_load_draft_async (again, "sip_invitation", "sip-1", NULL, result_cb, &result);
    WAIT_UNTIL (result != NULL, 20);
    draft = sp_cache_load_draft_finish (again, result, NULL);
    g_assert_nonnull (draft);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (draft), "purpose"),
                     ==, "Hemlig version 40");
  }
  g_assert_false (file_contains (path, "Hemlig"));
  g_assert_false (file_contains (wal, "Hemlig"));
  g_assert_true (file_contains (path, "draft:sip_invitation") ||
                 file_contains (wal, "draft:sip_invitation"));

  sp_cache_save_draft_async (again, "sip_invitation", "sip-1", NULL, NULL, count_cb, &pending);
  pending++;
  WAIT_UNTIL (pending == 0, 20);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    sp_cache_load_draft_async (cache, "sip_invitation", "sip-1", NULL, result_cb, &result);
    WAIT_UNTIL (result != NULL, 20);
    g_assert_null (sp_cache_load_draft_finish (cache, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  g_clear_object (&cache);
  g_clear_object (&again);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

static void
remember_files (SpWindow  *window,
                CopyFiles *files)
{
  copy_files_clear (files);
  files->url = g_strdup (sp_client_get_base_url (sp_window_get_client (window)));
  files->path = g_strdup (sp_cache_get_path (
                            sp_account_get_cache (sp_window_get_account (window))));
}

/* Half an invitation survives closing the page, a restart of the app (a new account and
 * copy on the same files), sealed; once complete and sent, the draft is gone. */
static void
test_invitation_draft (void)
{
  g_autofree char *episode = new_episode ("Dragan");
  g_auto(CopyFiles) files = { 0 };
  g_autofree char *wal = NULL;
  g_autofree char *sip_id = NULL;
  g_autofree char *purpose = NULL;
  g_auto(SpTestResponse) response = { 0 };
  SpWindow *window = sign_in_as ("vc");
  SpSipEditor *editor;
  JsonObject *sip;

  remember_files (window, &files);
  wal = g_strconcat (files.path, "-wal", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sip", "s", episode));
  editor = find_editor (window);
  WAIT_UNTIL (sp_sip_editor_is_loaded (editor), 20);
  sip_id = g_strdup (sp_sip_editor_get_sip_id (editor));

  /* Typed, and kept at once: the page says where it is. */
  type_half_invitation (editor);
  WAIT_UNTIL (shows_draft (editor), 10);
  WAIT_UNTIL (find_label (GTK_WIDGET (editor), _("Saved on this computer")) != NULL, 10);
  save_screenshot (GTK_WIDGET (window), "samplan-sip-draft-typed.png");

  /* The page closed: not on the server, but back when the SIP is opened again. */
  close_sip (window);
  purpose = server_purpose (sip_id);
  g_assert_cmpstr (purpose, !=, DRAFT_PURPOSE);
  editor = open_sip (window, sip_id);
  assert_half_invitation (editor);
  save_screenshot (GTK_WIDGET (window), "samplan-sip-draft.png");

  /* Changed and closed at once, within the pause before the draft is written: closing
   * writes it. */
  type_into (GTK_WIDGET (editor), "Convener's telephone", "08-555 123 45");
  close_sip (window);
  editor = open_sip (window, sip_id);
  assert_half_invitation (editor);
  g_assert_cmpstr (row_text (editor, "Convener's telephone"), ==, "08-555 123 45");
  close_sip (window);

  /* A new copy on the same files reads it; the files hold none of its words in clear. */
  destroy_all_windows ();
  WAIT_UNTIL (draft_on_disk_has (&files, "vc", sip_id, DRAFT_PURPOSE), 20);
  g_assert_false (file_contains (files.path, "Qwertyx"));
  g_assert_false (file_contains (wal, "Qwertyx"));
  g_assert_false (file_contains (files.path, "Zxyvw"));
  g_assert_false (file_contains (wal, "Zxyvw"));
  /* Able to fail: the draft's kind is in clear, in the file or its WAL. */
  g_assert_true (file_contains (files.path, "draft:sip_invitation") ||
                 file_contains (wal, "draft:sip_invitation"));

  /* The app again (the saved session: a new account and copy): the fields are back. */
  window = open_main_window ();
  WAIT_UNTIL (in_session (window), 20);
  wait_for_round (window);
  editor = open_sip (window, sip_id);
  assert_half_invitation (editor);
  g_free (purpose);
  purpose = server_purpose (sip_id);
  g_assert_cmpstr (purpose, !=, DRAFT_PURPOSE);

  /* Completed and sent: the server has it, and the draft is gone. */
  type_into (GTK_WIDGET (editor), "Date and time (YYYY-MM-DD HH:MM)", "2030-03-20 13:00");
  save (editor);
  g_free (purpose);
  purpose = server_purpose (sip_id);
  g_assert_cmpstr (purpose, ==, DRAFT_PURPOSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "sip.send-invitation", NULL));
  WAIT_UNTIL (sp_sip_editor_is_saved (editor), 20);
  sip = get_sip (sip_id, &response);
  g_assert_cmpstr (json_object_get_string_member (sip, "status"), ==, "invited");
  g_assert_null (sp_sip_invitation_page_get_draft_note (invitation_page (editor)));
  WAIT_UNTIL (draft_on_disk_has (&files, "vc", sip_id, NULL), 20);

  /* Opened again: the server's invitation, no draft. */
  close_sip (window);
  editor = open_sip (window, sip_id);
  WAIT_UNTIL (g_strcmp0 (row_text (editor, "Date and time (YYYY-MM-DD HH:MM)"),
                         "2030-03-20 13:00") == 0, 20);
  g_assert_false (shows_draft (editor));

  sign_out (window);
  destroy_all_windows ();
}

/* ---- The header, whole at every width ---- */

/* The main window at @width × @height: a mapped window does not change its size on Xvfb (no
 * window manager), so a new one opens at the size the settings remember. */
static SpWindow *
sign_in_sized (int width,
               int height)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  destroy_all_windows ();
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  return sign_in_as ("vc");
}

/* The label that says what the SIP is: working material here. */
static GtkLabel *
status_label (SpSipEditor *editor)
{
  GtkLabel *label = find_label (GTK_WIDGET (editor), _("Working material – not established"));

  return label != NULL && gtk_widget_get_mapped (GTK_WIDGET (label)) ? label : NULL;
}

/* Whether @label shows its whole text: never cut off, and its lines fit its allocation. */
static gboolean
shows_all (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  int width = 0;
  int height = 0;

  pango_layout_get_pixel_size (layout, &width, &height);
  return !pango_layout_is_ellipsized (layout) &&
         width <= gtk_widget_get_width (GTK_WIDGET (label)) &&
         height <= gtk_widget_get_height (GTK_WIDGET (label));
}

/* "Arbetsmaterial – inte upprättad" in full on a laptop (1280×720), on one line; and on a
 * phone-sized window (360 px) wrapped, with the steps in the bar at the bottom. */
static void
test_header_readable (void)
{
  g_autofree char *episode = new_episode ("Hedda");
  g_autofree char *sip_id = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SpWindow *window = sign_in_sized (1280, 720);
  SpSipEditor *editor;
  GtkLabel *label;
  GtkWidget *bar;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sip", "s", episode));
  editor = find_editor (window);
  WAIT_UNTIL (sp_sip_editor_is_loaded (editor), 20);
  sip_id = g_strdup (sp_sip_editor_get_sip_id (editor));
  WAIT_UNTIL ((label = status_label (editor)) != NULL, 20);
  save_screenshot (GTK_WIDGET (window), "samplan-sip-1280.png");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1280);
  g_assert_true (shows_all (label));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (label)), ==, 1);
  g_assert_false (adw_view_switcher_bar_get_reveal (
                    ADW_VIEW_SWITCHER_BAR (find_descendant (GTK_WIDGET (editor),
                                                            ADW_TYPE_VIEW_SWITCHER_BAR,
                                                            FALSE))));
  sign_out (window);

  window = sign_in_sized (360, 640);
  editor = open_sip (window, sip_id);
  WAIT_UNTIL ((label = status_label (editor)) != NULL, 20);
  bar = find_descendant (GTK_WIDGET (editor), ADW_TYPE_VIEW_SWITCHER_BAR, FALSE);
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (find_descendant (bar,
                                                                              GTK_TYPE_REVEALER,
                                                                              FALSE))), 20);
  save_screenshot (GTK_WIDGET (window), "samplan-sip-360.png");
  if (gtk_widget_get_width (GTK_WIDGET (window)) > 360)
    report_widest (GTK_WIDGET (window), 360);
  /* Nothing in the editor asks for more than 360 px (the window would open wider). */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_true (shows_all (label));
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));

  sign_out (window);
  destroy_all_windows ();
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Whether the session's copy holds the SIP (the changes feed brought it). */
static gboolean
copy_has_sip (SpWindow   *window,
              const char *sip_id)
{
  SpCache *cache = sp_account_get_cache (sp_window_get_account (window));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  sp_cache_load_record_async (cache, "sip", sip_id, NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL, 20);
  node = sp_cache_load_record_finish (cache, result, NULL);
  return node != NULL;
}

/* In the patient's home without network: the app started offline opens the SIP from the
 * local copy with the draft in it; completed offline, the outbox queues it and the draft
 * goes. Last: it kills the server (restarted on another address). */
static void
test_invitation_draft_offline (void)
{
  g_autofree char *episode = new_episode ("Oskar");
  g_autofree char *sip_id = NULL;
  g_auto(CopyFiles) files = { 0 };
  SpWindow *window = sign_in_as ("vc");
  SpSipEditor *editor;
  SpOutbox *outbox;

  remember_files (window, &files);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sip", "s", episode));
  editor = find_editor (window);
  WAIT_UNTIL (sp_sip_editor_is_loaded (editor), 20);
  sip_id = g_strdup (sp_sip_editor_get_sip_id (editor));
  while (!copy_has_sip (window, sip_id))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
      wait_for_round (window);
    }

  sp_test_server_kill (server);
  type_half_invitation (editor);
  WAIT_UNTIL (shows_draft (editor), 10);

  /* The app closed and started again, still offline. */
  destroy_all_windows ();
  window = open_main_window ();
  WAIT_UNTIL (in_session (window) && sp_window_get_account (window) != NULL, 20);
  editor = open_sip (window, sip_id);
  assert_half_invitation (editor);
  save_screenshot (GTK_WIDGET (window), "samplan-sip-draft-offline.png");

  /* Completed offline: queued in the outbox, so the draft has done its job. */
  type_into (GTK_WIDGET (editor), "Date and time (YYYY-MM-DD HH:MM)", "2030-03-20 13:00");
  save (editor);
  g_assert_null (sp_sip_invitation_page_get_draft_note (invitation_page (editor)));
  outbox = sp_account_get_outbox (sp_window_get_account (window));
  g_assert_cmpuint (sp_outbox_get_n_pending (outbox), >, 0);
  destroy_all_windows ();
  WAIT_UNTIL (draft_on_disk_has (&files, "vc", sip_id, NULL), 20);

  sp_test_server_restart (server);
}

/* The texts of the plan's sub-goals, in order. */
static char *
sub_goal_texts (SpSip *sip)
{
  GPtrArray *goals = sp_sip_plan_get_sub_goals (sp_sip_get_plan (sip));
  g_autoptr(GString) texts = g_string_new (NULL);

  for (guint i = 0; i < goals->len; i++)
    g_string_append_printf (texts, "%s%s", i > 0 ? "|" : "",
                            ((SpSipSubGoal *) g_ptr_array_index (goals, i))->text);
  return g_string_free (g_steal_pointer (&texts), FALSE);
}

/* The add_sub_goal operations the outbox keeps for @sip_id. */
static guint
count_kept_additions (SpOutbox   *outbox,
                      const char *sip_id)
{
  g_autoptr(GPtrArray) pending = sp_outbox_dup_pending (outbox, sip_id);
  guint n = 0;

  for (guint i = 0; i < pending->len; i++)
    {
      JsonObject *body = json_object_get_object_member (
        json_node_get_object (g_ptr_array_index (pending, i)), "body");
      JsonArray *ops = body != NULL && json_object_has_member (body, "operations")
                       ? json_object_get_array_member (body, "operations") : NULL;

      for (guint j = 0; ops != NULL && j < json_array_get_length (ops); j++)
        n += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (ops, j),
                                                       "op"), "add_sub_goal") == 0;
    }
  return n;
}

/* In the patient's home without network, the plan is written in two goes: the second is
 * computed on the first (kept, not answered), so nothing is sent twice; the SIP closed and
 * opened again shows both; back online the server has each sub-goal once. */
static void
test_plan_offline (void)
{
  g_autofree char *episode = new_episode ("Vega");
  g_autoptr(SpTestProxy) proxy = sp_test_proxy_new (sp_test_server_get_uri (server));
  g_autofree char *sip_id = NULL;
  g_autofree char *texts = NULL;
  g_auto(SpTestResponse) response = { 0 };
  SpWindow *window = sign_in_at (sp_test_proxy_get_uri (proxy), "vc");
  SpOutbox *outbox;
  SpSipEditor *editor;
  GtkWidget *plan;
  JsonObject *sip;

  outbox = sp_account_get_outbox (sp_window_get_account (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-sip", "s", episode));
  editor = find_editor (window);
  WAIT_UNTIL (sp_sip_editor_is_loaded (editor), 20);
  sip_id = g_strdup (sp_sip_editor_get_sip_id (editor));
  while (!copy_has_sip (window, sip_id))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
      wait_for_round (window);
    }

  sp_test_proxy_set_online (proxy, FALSE);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (find_descendant (GTK_WIDGET (editor), ADW_TYPE_VIEW_STACK, TRUE)), "plan");
  plan = find_descendant (GTK_WIDGET (editor), SP_TYPE_SIP_PLAN_PAGE, TRUE);
  type_into (plan, "Main goal", "Bo kvar hemma");
  press (plan, "outline.add-sub-goal");
  type_in_focus (plan, "Klara morgonen själv");
  save (editor);
  WAIT_UNTIL (sp_outbox_get_n_pending (outbox) == 1, 30);

  /* The second go: only what is new. */
  press (plan, "outline.add-sibling");
  type_in_focus (plan, "Laga enkel mat");
  save (editor);
  WAIT_UNTIL (sp_outbox_get_n_pending (outbox) == 2, 30);
  g_assert_cmpuint (count_kept_additions (outbox, sip_id), ==, 2);

  /* Closed and opened again, still offline: from the copy, with what is kept. */
  close_sip (window);
  editor = open_sip (window, sip_id);
  plan = find_descendant (GTK_WIDGET (editor), SP_TYPE_SIP_PLAN_PAGE, FALSE);
  WAIT_UNTIL (n_rows (plan) == 2, 20);
  g_assert_cmpstr (sp_sip_outline_row_get_text (row_at (plan, 0)), ==, "Klara morgonen själv");
  g_assert_cmpstr (sp_sip_outline_row_get_text (row_at (plan, 1)), ==, "Laga enkel mat");
  g_assert_cmpstr (row_text_of (plan, "Main goal"), ==, "Bo kvar hemma");
  g_assert_true (sp_sip_editor_is_saved (editor));
  save_screenshot (GTK_WIDGET (window), "samplan-sip-plan-offline.png");
  close_sip (window);

  /* Back: sent once each, nothing held. */
  sp_test_proxy_set_online (proxy, TRUE);
  sp_sync_refresh (sp_window_get_sync (window));
  WAIT_UNTIL (sp_outbox_get_n_pending (outbox) == 0, 60);
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 0);
  sip = get_sip (sip_id, &response);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), sip);
    g_autoptr(SpSip) stored = sp_sip_new_from_json (node, NULL);

    g_assert_nonnull (stored);
    texts = sub_goal_texts (stored);
    g_assert_cmpstr (texts, ==, "Klara morgonen själv|Laga enkel mat");
    g_assert_cmpstr (sp_sip_plan_get_main_goal (sp_sip_get_plan (stored)), ==, "Bo kvar hemma");
  }

  sign_out (window);
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
  g_test_add_func ("/app/sip-editor/draft-store", test_draft_store);
  g_test_add_func ("/app/sip-editor/invitation-draft", test_invitation_draft);
  g_test_add_func ("/app/sip-editor/header-readable", test_header_readable);
  /* Last: it kills the server. */
  g_test_add_func ("/app/sip-editor/plan-offline", test_plan_offline);
  g_test_add_func ("/app/sip-editor/invitation-draft-offline", test_invitation_draft_offline);

  status = g_test_run ();
  g_free (episode_id);
  app_test_finish ();
  return status;
}
