/* test-conflict-dialog.c — a conflict reaches the user: mine and theirs, keep either or
 * (SIP parts) decide member by member, combining free text
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-app-test.h"
#include "sp-cache.h"
#include "sp-conflict-dialog.h"
#include "sp-conflict-member.h"
#include "sp-json.h"
#include "sp-outbox.h"
#include "sp-status-indicator.h"

/* A port nobody listens on: the client is offline. */
#define DEAD_URL "http://127.0.0.1:9"

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  WAIT_UNTIL (*result != NULL, 30);
  return *result;
}

static SpCache *
cache_open (const char *path,
            const char *owner)
{
  guint8 bytes[SP_CACHE_KEY_SIZE];
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SpCache *cache;

  memset (bytes, 42, sizeof bytes);
  key = g_bytes_new (bytes, sizeof bytes);
  cache = sp_cache_new (path, key);
  sp_cache_open_async (cache, owner, NULL, NULL, result_cb, &result);
  g_assert_true (sp_cache_open_finish (cache, wait_result (&result), NULL, &error));
  return cache;
}

static SpCache *
cache_new (const char *path)
{
  return cache_open (path, "ward");
}

static gpointer
make_item (JsonNode  *row,
           gpointer   user_data,
           GError   **error)
{
  return g_object_new (G_TYPE_OBJECT, NULL);
}

static gboolean
push (SpOutbox *outbox)
{
  g_autoptr(GAsyncResult) result = NULL;

  sp_outbox_push_async (outbox, NULL, result_cb, &result);
  return sp_outbox_push_finish (outbox, wait_result (&result), NULL);
}

/* Submits a command; @conflict: the server is expected to answer 409 (the command is held). */
static void
submit_as (SpOutbox   *outbox,
           const char *method,
           const char *path,
           const char *body,
           const char *record_id,
           gboolean    conflict)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = sp_json_parse (body, -1, NULL);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  sp_outbox_submit_async (outbox, method, path, node, record_id, NULL, result_cb, &result);
  answer = sp_outbox_submit_finish (outbox, wait_result (&result), NULL, &error);
  if (conflict)
    g_assert_error (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_CONFLICT);
  else
    g_assert_no_error (error);
}

static void
submit (SpOutbox   *outbox,
        const char *path,
        const char *body,
        const char *record_id,
        gboolean    conflict)
{
  submit_as (outbox, "POST", path, body, record_id, conflict);
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* The dialog's "keep mine" (or "keep theirs") button. */
static GtkWidget *
find_keep (GtkWidget *root,
           gboolean   mine)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_object_get_data (G_OBJECT (child), "command-id") != NULL &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "keep-mine")) == mine)
        return child;
      if ((found = find_keep (child, mine)) != NULL)
        return found;
    }
  return NULL;
}

static const char *
server_date (const char *episode_id)
{
  static char date[16];
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *episode = request_ok ("GET", path, NULL, 200, &response);

  g_strlcpy (date, json_object_get_string_member (episode, "estimated_discharge"),
             sizeof date);
  return date;
}

static char *
date_body (gint64      base,
           const char *date)
{
  return g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"date\":\"%s\"}", base,
                          date);
}

static gint64
revision_of (const char *episode_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", episode_id);
  g_auto(SpTestResponse) response = { 0 };

  return json_object_get_int_member (request_ok ("GET", path, NULL, 200, &response),
                                     "revision");
}

/* The ward changed the estimated discharge offline while a colleague changed it online:
 * the header shows what waits, the view shows both dates, and each choice holds. */
static void
test_keep_mine_or_theirs (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *episode_id = admit (identity, "Konrad", "Konfliktsson");
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/estimated-discharge",
                                           episode_id);
  g_autofree char *dir = g_dir_make_tmp ("samplan-conflict-XXXXXX", NULL);
  g_autofree char *cache_path = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *token = sp_test_server_sign_in (server, "ward");
  g_autoptr(SpClient) offline = sp_client_new (DEAD_URL);
  g_autoptr(SpClient) online = sp_client_new (sp_test_server_get_uri (server));
  g_autoptr(SpCache) cache = NULL;
  g_autoptr(SpOutbox) outbox = NULL;
  g_autoptr(SpSync) sync = NULL;
  gint64 base = revision_of (episode_id);
  g_autofree char *mine = date_body (base, "2030-03-20");
  g_autofree char *theirs = date_body (base, "2030-03-18");
  SpStatusIndicator *indicator;
  GtkWidget *held_button;
  GtkWindow *window;
  GtkWindow *dialog;

  /* Offline: kept. A colleague meanwhile. */
  cache = cache_new (cache_path);
  outbox = sp_outbox_new (offline, cache, "ward");
  submit (outbox, path, mine, episode_id, FALSE);
  g_clear_object (&outbox);
  g_clear_object (&cache);
  {
    g_auto(SpTestResponse) response = { 0 };

    request_ok ("POST", path, theirs, 200, &response);
  }

  /* Back online: a conflict, held. */
  sp_client_set_token (online, token);
  cache = cache_new (cache_path);
  outbox = sp_outbox_new (online, cache, "ward");
  g_assert_true (push (outbox));
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 1);
  sync = sp_sync_new (online, cache, G_TYPE_OBJECT, make_item, NULL, NULL);
  sp_sync_set_outbox (sync, outbox);

  /* The header bar's indicator says so and opens the view. */
  window = GTK_WINDOW (gtk_window_new ());
  indicator = g_object_new (SP_TYPE_STATUS_INDICATOR, NULL);
  sp_status_indicator_set_client (indicator, online);
  sp_status_indicator_set_sync (indicator, sync);
  gtk_window_set_child (window, GTK_WIDGET (indicator));
  gtk_window_present (window);
  wait_until_mapped (GTK_WIDGET (indicator));
  held_button = find_descendant (GTK_WIDGET (indicator), GTK_TYPE_BUTTON, TRUE);
  g_assert_nonnull (held_button);
  g_assert_true (has_label (held_button, "1 väntar på dig"));
  gtk_widget_activate (held_button);
  WAIT_UNTIL ((dialog = find_toplevel (SP_TYPE_CONFLICT_DIALOG)) != NULL, 10);
  wait_until_mapped (GTK_WIDGET (dialog));

  /* Mine and theirs side by side. */
  g_assert_true (has_label (GTK_WIDGET (dialog), "2030-03-20"));
  g_assert_true (has_label (GTK_WIDGET (dialog), "2030-03-18"));
  g_assert_true (has_label (GTK_WIDGET (dialog), "Planerat utskrivningsdatum"));
  g_assert_true (has_label (GTK_WIDGET (dialog), "Datum"));
  save_screenshot (GTK_WIDGET (dialog), "samplan-conflict.png");

  /* Keep mine: sent again on the current revision, and it holds. */
  g_signal_emit_by_name (find_keep (GTK_WIDGET (dialog), TRUE), "clicked");
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 0);
  g_assert_true (push (outbox));
  g_assert_cmpuint (sp_outbox_get_n_pending (outbox), ==, 0);
  g_assert_cmpstr (server_date (episode_id), ==, "2030-03-20");
  WAIT_UNTIL (!gtk_widget_get_visible (held_button), 10);
  g_assert_true (has_label (GTK_WIDGET (dialog), "Inget väntar"));

  /* Keep theirs: the next overlap is forgotten, the server's date stays. */
  base = revision_of (episode_id);
  {
    g_autofree char *colleague = date_body (base, "2030-03-22");
    g_autofree char *stale = date_body (base, "2030-03-25");

    g_auto(SpTestResponse) response = { 0 };

    request_ok ("POST", path, colleague, 200, &response);
    submit (outbox, path, stale, episode_id, TRUE);
  }
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 1);
  WAIT_UNTIL (find_keep (GTK_WIDGET (dialog), FALSE) != NULL, 10);
  g_assert_true (has_label (GTK_WIDGET (dialog), "2030-03-25"));
  g_signal_emit_by_name (find_keep (GTK_WIDGET (dialog), FALSE), "clicked");
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 0);
  g_assert_true (push (outbox));
  g_assert_cmpstr (server_date (episode_id), ==, "2030-03-22");

  gtk_window_destroy (dialog);
  gtk_window_destroy (window);
  sp_sync_stop (sync);
}

/* ---- A SIP part: only the overlapping members, each decided on its own ---- */

static JsonObject *
get_sip (const char     *sip_id,
         SpTestResponse *response)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/sips/%s", sip_id);

  return request_as ("hsl", "GET", path, NULL, 200, response);
}

/* A stand-alone SIP convened by hsl-test, vc-norr invited with the patient's consent, with
 * an invitation and a mapping. */
static char *
create_sip (void)
{
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *patient = g_strdup_printf ("{\"identity\":\"%s\",\"given_name\":\"Tuva\","
                                              "\"family_name\":\"Delsson\"}", identity);
  g_autofree char *sip_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  gint64 revision;

  {
    g_auto(SpTestResponse) response = { 0 };
    g_autofree char *patient_id = g_strdup (json_object_get_string_member (
      request_as ("ward", "POST", "/api/v1/patients", patient, 201, &response), "id"));
    g_auto(SpTestResponse) sip_response = { 0 };
    g_autofree char *sip = g_strdup_printf ("{\"patient_id\":\"%s\"}", patient_id);
    JsonObject *object = request_as ("hsl", "POST", "/api/v1/sips", sip, 201, &sip_response);

    sip_id = g_strdup (json_object_get_string_member (object, "id"));
    revision = json_object_get_int_member (object, "revision");
  }

  path = g_strdup_printf ("/api/v1/sips/%s/invitation", sip_id);
  body = g_strdup_printf (
    "{\"base_revision\":%" G_GINT64_FORMAT ",\"invitation\":{"
    "\"purpose\":\"Samordna insatser i hemmet\",\"agenda\":[\"Hemsjukvård\"],"
    "\"convener\":{\"name\":\"Cecilia Exempelsson\",\"phone\":\"08-100 00\"},"
    "\"units\":[{\"unit_id\":\"vc-norr\",\"kind\":\"other\",\"pre_selected\":true}],"
    "\"invitees\":[],\"meeting_at\":\"2030-12-01T10:00:00+01:00\",\"form\":\"home\"}}",
    revision);
  {
    g_auto(SpTestResponse) response = { 0 };

    revision = json_object_get_int_member (request_as ("hsl", "PUT", path, body, 200,
                                                       &response), "revision");
  }
  g_free (path);
  g_free (body);
  path = g_strdup_printf ("/api/v1/sips/%s/invitation/send", sip_id);
  body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"consent\":{"
                          "\"form\":\"oral\",\"given_by\":\"patient\","
                          "\"recorded_by_name\":\"Cecilia Exempelsson\","
                          "\"recorded_by_title\":\"Sjuksköterska\"}}", revision);
  {
    g_auto(SpTestResponse) response = { 0 };

    revision = json_object_get_int_member (request_as ("hsl", "POST", path, body, 200,
                                                       &response), "revision");
  }
  g_free (path);
  g_free (body);
  path = g_strdup_printf ("/api/v1/sips/%s/mapping", sip_id);
  body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT ",\"mapping\":{"
                          "\"situation\":\"Ska hem\",\"background\":\"Höftfraktur\","
                          "\"current_state\":\"Går kortare sträckor\","
                          "\"recommendation\":\"Hemtjänst\"}}", revision);
  {
    g_auto(SpTestResponse) response = { 0 };

    request_as ("hsl", "PUT", path, body, 200, &response);
  }

  return g_steal_pointer (&sip_id);
}

/* A PUT of @part as the SIP editor sends it: the whole part of @seen with @changes set. */
static JsonNode *
part_body (gint64      base_revision,
           const char *part,
           JsonObject *seen,
           const char *changes)
{
  g_autoptr(JsonNode) node = json_node_copy (json_object_get_member (seen, part));
  g_autoptr(JsonNode) changed = sp_json_parse (changes, -1, NULL);
  JsonObject *body = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, json_node_get_object (changed));
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (json_node_get_object (node), member, json_node_copy (value));
  json_object_set_int_member (body, "base_revision", base_revision);
  json_object_set_member (body, part, g_steal_pointer (&node));
  return sp_json_node_new_object (body);
}

static char *
node_text (JsonNode *node)
{
  return sp_json_to_string (node, FALSE);
}

/* B writes @changes into @part of the SIP as it is now. */
static void
write_online (const char *sip_id,
              const char *part,
              const char *changes)
{
  g_auto(SpTestResponse) now_response = { 0 };
  g_auto(SpTestResponse) response = { 0 };
  JsonObject *now = get_sip (sip_id, &now_response);
  g_autoptr(JsonNode) body = part_body (json_object_get_int_member (now, "revision"), part,
                                        now, changes);
  g_autofree char *text = node_text (body);
  g_autofree char *path = g_strdup_printf ("/api/v1/sips/%s/%s", sip_id, part);

  request_as ("hsl", "PUT", path, text, 200, &response);
}

static void
collect_members (GtkWidget *root,
                 GPtrArray *members)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (SP_IS_CONFLICT_MEMBER (child) && gtk_widget_get_mapped (child))
        g_ptr_array_add (members, child);
      collect_members (child, members);
    }
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The shown members' names, sorted and joined: "meeting_at,purpose". */
static char *
shown_members (GtkWidget *dialog)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  collect_members (dialog, members);
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (names, (gpointer) sp_conflict_member_get_member (
                                         g_ptr_array_index (members, i)));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static SpConflictMember *
find_member (GtkWidget  *dialog,
             const char *name)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();

  collect_members (dialog, members);
  for (guint i = 0; i < members->len; i++)
    if (g_str_equal (sp_conflict_member_get_member (g_ptr_array_index (members, i)), name))
      return g_ptr_array_index (members, i);
  return NULL;
}

/* A shown button whose label is @label, under @root. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* The "Spara valen" button of the group holding @member. */
static GtkWidget *
settle_button (SpConflictMember *member)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (member),
                                              ADW_TYPE_PREFERENCES_GROUP);

  g_assert_nonnull (group);
  return find_button (group, "_Spara valen");
}

static gboolean
has_accessible_label (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Chooses @choice ("Använd min", "Använd serverns", "Kombinera") for @member, as a click. */
static void
choose (SpConflictMember *member,
        const char       *choice)
{
  GtkWidget *button = find_button (GTK_WIDGET (member), choice);

  g_assert_nonnull (button);
  g_assert_true (has_accessible_label (button));
  /* As the keyboard does it (focus, then Space): the click follows. */
  g_assert_true (gtk_widget_grab_focus (button));
  gtk_widget_activate (button);
  WAIT_UNTIL (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)), 10);
}

/* Whether @widget is scrolled into sight, whole, in its scrolled window. */
static gboolean
in_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  /* The text view's own scrolled window is the frame; the list's is the one above it. */
  scrolled = gtk_widget_get_ancestor (gtk_widget_get_parent (scrolled),
                                      GTK_TYPE_SCROLLED_WINDOW);
  if (!gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return FALSE;
  return bounds.size.height > 0 && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

static void
assert_both_versions (GtkWidget *dialog)
{
  g_autofree char *shown = shown_members (dialog);

  g_assert_cmpstr (shown, ==, "current_state,meeting_at,purpose,situation");
  /* The editor's titles; the members that did not overlap are not asked about. */
  g_assert_true (has_label (dialog, "Syfte"));
  g_assert_true (has_label (dialog, "Datum och tid (ÅÅÅÅ-MM-DD TT:MM)"));
  g_assert_true (has_label (dialog, "Situation"));
  g_assert_true (has_label (dialog, "Aktuellt tillstånd"));
  g_assert_false (has_label (dialog, "Frågor att ta upp (skilj med ;)"));
  g_assert_false (has_label (dialog, "Sammankallande"));
  g_assert_false (has_label (dialog, "Bakgrund"));
  g_assert_false (has_label (dialog, "Rekommendation"));
  /* Mine and theirs of each. */
  g_assert_true (has_label (dialog, "A: samordna hemgången"));
  g_assert_true (has_label (dialog, "B: samordna hemgången med hemtjänsten"));
  g_assert_true (has_label (dialog, "2030-12-02 14:00"));
  g_assert_true (has_label (dialog, "2030-12-03 09:00"));
  g_assert_true (has_label (dialog, "A: bor ensam, trappa"));
  g_assert_true (has_label (dialog, "B: bor ensam"));
  g_assert_true (has_label (dialog, "A: klarar inte trappan"));
  g_assert_true (has_label (dialog, "B: går med rollator"));
  g_assert_false (has_label (dialog, "A: Hemsjukvård; larmet"));
}

static GtkWidget *
open_dialog (SpOutbox *outbox)
{
  GtkWidget *dialog = sp_conflict_dialog_new (outbox);

  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_mapped (dialog);
  return dialog;
}

/* The pending command of @path, in the outbox. */
static JsonObject *
pending_body (GPtrArray  *pending,
              const char *path)
{
  for (guint i = 0; i < pending->len; i++)
    {
      JsonObject *command = json_node_get_object (g_ptr_array_index (pending, i));

      if (g_str_equal (json_object_get_string_member (command, "path"), path))
        {
          g_assert_cmpstr (json_object_get_string_member (command, "state"), ==, "pending");
          return json_object_get_object_member (command, "body");
        }
    }
  g_error ("No pending command for %s", path);
  return NULL;
}

static void
assert_body (JsonObject *body,
             const char *expected)
{
  g_autoptr(JsonNode) actual = sp_json_node_new_object (json_object_ref (body));
  g_autoptr(JsonNode) wanted = sp_json_parse (expected, -1, NULL);

  if (!json_node_equal (actual, wanted))
    {
      g_autofree char *a = sp_json_to_string (actual, TRUE);
      g_autofree char *b = sp_json_to_string (wanted, TRUE);

      g_error ("Retried body differs.\nActual: %s\nExpected: %s", a, b);
    }
}

/* A (vc) changes the invitation and the mapping offline, B (hsl) both online; two members of
 * each overlap. The view asks about just those, keeps both versions across a restart, and
 * the user's choices (mine, theirs, combined) are what the server ends up with, beside every
 * member only one of them changed. */
static void
test_part_members (void)
{
  g_autofree char *sip_id = create_sip ();
  g_autofree char *dir = g_dir_make_tmp ("samplan-conflict-XXXXXX", NULL);
  g_autofree char *cache_path = g_build_filename (dir, "parts.db", NULL);
  g_autofree char *token = sp_test_server_sign_in (server, "vc");
  g_autofree char *invitation_path = g_strdup_printf ("/api/v1/sips/%s/invitation", sip_id);
  g_autofree char *mapping_path = g_strdup_printf ("/api/v1/sips/%s/mapping", sip_id);
  g_autoptr(SpClient) offline = sp_client_new (DEAD_URL);
  g_autoptr(SpClient) online = sp_client_new (sp_test_server_get_uri (server));
  g_autoptr(SpCache) cache = NULL;
  g_autoptr(SpOutbox) outbox = NULL;
  g_autoptr(JsonNode) invitation_a = NULL;
  g_autoptr(JsonNode) mapping_a = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_auto(SpTestResponse) seen_response = { 0 };
  JsonObject *seen = get_sip (sip_id, &seen_response);
  gint64 base = json_object_get_int_member (seen, "revision");
  SpConflictMember *current_state;
  GtkTextBuffer *buffer;
  GtkWidget *settle;
  GtkWidget *dialog;

  /* A, offline: the purpose, the meeting time and the questions; the SBAR's situation,
   * current state and recommendation. */
  invitation_a = part_body (base, "invitation", seen,
                            "{\"purpose\":\"A: samordna hemgången\","
                            "\"meeting_at\":\"2030-12-02T13:00:00Z\","
                            "\"agenda\":[\"A: Hemsjukvård\",\"larmet\"]}");
  mapping_a = part_body (base, "mapping", seen,
                         "{\"situation\":\"A: bor ensam, trappa\","
                         "\"current_state\":\"A: klarar inte trappan\","
                         "\"recommendation\":\"A: hemtjänst och larm\"}");
  cache = cache_open (cache_path, "vc");
  outbox = sp_outbox_new (offline, cache, "vc");
  {
    g_autofree char *a = node_text (invitation_a);
    g_autofree char *b = node_text (mapping_a);

    submit_as (outbox, "PUT", invitation_path, a, sip_id, FALSE);
    submit_as (outbox, "PUT", mapping_path, b, sip_id, FALSE);
  }
  g_clear_object (&outbox);
  g_clear_object (&cache);

  /* B, online meanwhile: the purpose, the time and the convener's phone; the situation, the
   * current state and the background. */
  write_online (sip_id, "invitation",
                "{\"purpose\":\"B: samordna hemgången med hemtjänsten\","
                "\"meeting_at\":\"2030-12-03T08:00:00Z\","
                "\"convener\":{\"name\":\"Cecilia Exempelsson\",\"phone\":\"08-200 00\"}}");
  write_online (sip_id, "mapping",
                "{\"situation\":\"B: bor ensam\",\"current_state\":\"B: går med rollator\","
                "\"background\":\"B: stroke 2029\"}");

  /* A back: both held, each naming its two overlapping members. */
  sp_client_set_token (online, token);
  cache = cache_open (cache_path, "vc");
  outbox = sp_outbox_new (online, cache, "vc");
  g_assert_true (push (outbox));
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 2);

  dialog = open_dialog (outbox);
  assert_both_versions (dialog);
  g_assert_false (gtk_widget_get_sensitive (settle_button (find_member (dialog, "purpose"))));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A restart, offline this time (so that what is settled waits in the outbox to be seen):
   * the outbox read again from the copy; still both versions. */
  g_clear_object (&outbox);
  g_clear_object (&cache);
  cache = cache_open (cache_path, "vc");
  outbox = sp_outbox_new (offline, cache, "vc");
  WAIT_UNTIL (sp_outbox_get_n_held (outbox) == 2, 10);
  dialog = open_dialog (outbox);
  assert_both_versions (dialog);

  /* Only free text can be combined. */
  g_assert_null (find_button (GTK_WIDGET (find_member (dialog, "meeting_at")), "Kombinera"));
  g_assert_nonnull (find_button (GTK_WIDGET (find_member (dialog, "purpose")), "Kombinera"));

  /* The invitation: my time, their purpose. */
  choose (find_member (dialog, "meeting_at"), "Använd min");
  settle = settle_button (find_member (dialog, "meeting_at"));
  g_assert_false (gtk_widget_get_sensitive (settle));
  choose (find_member (dialog, "purpose"), "Använd serverns");
  g_assert_true (gtk_widget_get_sensitive (settle));

  save_screenshot (dialog, "samplan-conflict-parts.png");

  /* The mapping: their situation, the current state combined: both versions to edit, where
   * the keyboard goes next. */
  choose (find_member (dialog, "situation"), "Använd serverns");
  current_state = find_member (dialog, "current_state");
  choose (current_state, "Kombinera");
  WAIT_UNTIL (find_descendant (GTK_WIDGET (current_state), GTK_TYPE_TEXT_VIEW, TRUE) != NULL,
              10);
  g_assert_true (has_accessible_label (find_descendant (GTK_WIDGET (current_state),
                                                        GTK_TYPE_TEXT_VIEW, TRUE)));
  WAIT_UNTIL (gtk_widget_is_focus (find_descendant (GTK_WIDGET (current_state),
                                                    GTK_TYPE_TEXT_VIEW, TRUE)), 10);
  WAIT_UNTIL (in_view (find_descendant (GTK_WIDGET (current_state), GTK_TYPE_TEXT_VIEW,
                                        TRUE)), 10);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    find_descendant (GTK_WIDGET (current_state), GTK_TYPE_TEXT_VIEW, TRUE)));
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "A: klarar inte trappan\n\nB: går med rollator");
  }
  save_screenshot (dialog, "samplan-conflict-combine.png");
  gtk_text_buffer_set_text (buffer, "Klarar inte trappan, går med rollator inomhus", -1);

  /* Settled one after the other: the mapping's choices stay while the invitation goes. */
  gtk_widget_activate (settle);
  WAIT_UNTIL (sp_outbox_get_n_held (outbox) == 1, 10);
  current_state = find_member (dialog, "current_state");
  g_assert_nonnull (current_state);
  g_assert_true (sp_conflict_member_get_decided (current_state));
  g_assert_null (find_member (dialog, "purpose"));
  gtk_widget_activate (settle_button (current_state));
  WAIT_UNTIL (sp_outbox_get_n_held (outbox) == 0, 10);

  /* Exactly what goes again: each named member as chosen, mine kept where it wins, on the
   * base the rest of mine still merges from. */
  pending = sp_outbox_dup_pending (outbox, sip_id);
  g_assert_cmpuint (pending->len, ==, 2);
  {
    g_autoptr(JsonNode) expected = json_node_copy (invitation_a);
    JsonObject *part = json_object_get_object_member (json_node_get_object (expected),
                                                      "invitation");
    g_autofree char *text = NULL;

    json_object_set_string_member (part, "purpose", "B: samordna hemgången med hemtjänsten");
    json_object_set_array_member (json_node_get_object (expected), "keep_mine",
                                  json_array_new ());
    json_array_add_string_element (json_object_get_array_member (
                                     json_node_get_object (expected), "keep_mine"),
                                   "meeting_at");
    text = node_text (expected);
    assert_body (pending_body (pending, invitation_path), text);
  }
  {
    g_autoptr(JsonNode) expected = json_node_copy (mapping_a);
    JsonObject *part = json_object_get_object_member (json_node_get_object (expected),
                                                      "mapping");
    g_autofree char *text = NULL;

    json_object_set_string_member (part, "situation", "B: bor ensam");
    json_object_set_string_member (part, "current_state",
                                   "Klarar inte trappan, går med rollator inomhus");
    json_object_set_array_member (json_node_get_object (expected), "keep_mine",
                                  json_array_new ());
    json_array_add_string_element (json_object_get_array_member (
                                     json_node_get_object (expected), "keep_mine"),
                                   "current_state");
    text = node_text (expected);
    assert_body (pending_body (pending, mapping_path), text);
  }

  /* Back online (a restart: the settled commands were kept): the server holds the choices
   * and every member only one side changed. */
  g_assert_false (push (outbox));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&outbox);
  g_clear_object (&cache);
  cache = cache_open (cache_path, "vc");
  outbox = sp_outbox_new (online, cache, "vc");
  dialog = open_dialog (outbox);
  g_assert_true (push (outbox));
  g_assert_cmpuint (sp_outbox_get_n_pending (outbox), ==, 0);
  g_assert_cmpuint (sp_outbox_get_n_held (outbox), ==, 0);
  {
    g_auto(SpTestResponse) response = { 0 };
    JsonObject *sip = get_sip (sip_id, &response);
    JsonObject *invitation = json_object_get_object_member (sip, "invitation");
    JsonObject *mapping = json_object_get_object_member (sip, "mapping");
    JsonArray *agenda = json_object_get_array_member (invitation, "agenda");
    g_autoptr(GDateTime) meeting_at = g_date_time_new_from_iso8601 (
      json_object_get_string_member (invitation, "meeting_at"), NULL);
    g_autoptr(GDateTime) mine_at = g_date_time_new_from_iso8601 ("2030-12-02T13:00:00Z", NULL);

    g_assert_cmpstr (json_object_get_string_member (invitation, "purpose"), ==,
                     "B: samordna hemgången med hemtjänsten");
    g_assert_true (g_date_time_equal (meeting_at, mine_at));
    g_assert_cmpuint (json_array_get_length (agenda), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (agenda, 0), ==, "A: Hemsjukvård");
    g_assert_cmpstr (json_array_get_string_element (agenda, 1), ==, "larmet");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (invitation, "convener"), "phone"), ==,
                     "08-200 00");
    g_assert_cmpstr (json_object_get_string_member (mapping, "situation"), ==, "B: bor ensam");
    g_assert_cmpstr (json_object_get_string_member (mapping, "current_state"), ==,
                     "Klarar inte trappan, går med rollator inomhus");
    g_assert_cmpstr (json_object_get_string_member (mapping, "recommendation"), ==,
                     "A: hemtjänst och larm");
    g_assert_cmpstr (json_object_get_string_member (mapping, "background"), ==,
                     "B: stroke 2029");
  }
  WAIT_UNTIL (has_label (dialog, "Inget väntar"), 10);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!app_test_init (&argc, &argv))
    {
      g_test_skip ("No Swedish locale");
      return 77;
    }

  g_test_add_func ("/conflict-dialog/keep-mine-or-theirs", test_keep_mine_or_theirs);
  g_test_add_func ("/conflict-dialog/part-members", test_part_members);

  status = g_test_run ();
  app_test_finish ();
  return status;
}
